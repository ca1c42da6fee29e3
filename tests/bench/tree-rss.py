#!/usr/bin/env python3
"""Samples the resident memory of process trees until it is stopped (SIGTERM or SIGINT).

    python3 tests/bench/tree-rss.py OUT_FILE INTERVAL_SECONDS ROOT_PID [ROOT_PID ...]

Every INTERVAL seconds it reads VmRSS of the root processes and of all their descendants from
/proc. When stopped it writes one line to OUT_FILE: "<peak kB of the roots' own RSS> <peak kB of
the whole trees' RSS (roots + children such as git upload-pack and pack-objects)>".
It creates OUT_FILE.ready once the signal handlers are in place and the first sample is taken:
wait for that before starting the load (interpreter start-up can take seconds on a busy machine).
"""
import signal
import sys
import time

from proctree import children_by_parent, tree


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    out, interval, roots = sys.argv[1], float(sys.argv[2]), [int(p) for p in sys.argv[3:]]
    peak_roots = peak_tree = 0
    stopped = False

    def stop(*_):
        nonlocal stopped
        stopped = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    ready = out + ".ready"
    while not stopped:
        peak_roots = max(peak_roots, sum(rss_kb(p) for p in roots))
        peak_tree = max(peak_tree, sum(rss_kb(p) for p in tree(roots, children_by_parent())))
        if ready:
            open(ready, "w").close()
            ready = None
        time.sleep(interval)
    with open(out, "w") as f:
        f.write(f"{peak_roots} {peak_tree}\n")


if __name__ == "__main__":
    main()
