#!/usr/bin/env python3
"""Prints the pids of process trees, one per line: the roots and all their descendants.

    python3 tests/bench/tree-pids.py ROOT_PID [ROOT_PID ...]
"""
import sys

from proctree import children_by_parent, tree


def main():
    for pid in sorted(tree([int(p) for p in sys.argv[1:]], children_by_parent())):
        print(pid)


if __name__ == "__main__":
    main()
