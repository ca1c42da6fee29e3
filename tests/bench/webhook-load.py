#!/usr/bin/env python3
"""Webhook delivery load for tests/bench/webhooks.sh (run by it, not alone).

Starts a receiver on a free loopback port, creates HOOKS repository hooks on BENCH/big for
repo:refs_changed, then creates EVENTS branches through REST with CONCURRENCY clients. Each branch
creation is one event, so EVENTS x HOOKS deliveries are expected, each exactly once.

Phases, one after the other:
  warm-up: WARMUP events made as in the live phase, measured the same way and reported apart (the
         server's first seconds under load, while the JIT compiles its hot paths);
  live:  the receiver answers 204 while events are made; latency = arrival at the receiver minus
         the moment the REST call that made the event returned (its outbox row was committed then).
  drain: the receiver answers 503 while events are made (every hook backs off), then 204: the
         deliveries/s from that moment to the last arrival is the dispatcher's own pace.
Prints one JSON object with the figures.
"""
import base64
import http.client
import http.server
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

base_port, password, head, events, hooks, concurrency = sys.argv[1:7]
base_port, events, hooks, concurrency = int(base_port), int(events), int(hooks), int(concurrency)
# Events per second in the live phase (0: as fast as the clients go). A set pace measures latency at a
# known delivery rate; unpaced, the clients take the CPU the dispatcher needs and the rate is whatever is left.
live_rate = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
# Events made (at the live pace, receiver up) before the measured live phase, reported apart.
warmup = int(sys.argv[8]) if len(sys.argv) > 8 else 0
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()
repo = "/rest/api/1.0/projects/BENCH/repos/big"

lock = threading.Lock()
arrivals = []          # (monotonic time, request id, ref id)
state = {"up": True}


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        now = time.monotonic()
        if not state["up"]:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ref = json.loads(body)["changes"][0]["refId"]
        with lock:
            arrivals.append((now, self.headers["X-Request-Id"], ref))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
receiver_url = f"http://127.0.0.1:{server.server_address[1]}/hook"

local = threading.local()


def call(method, path, body=None):
    connection = getattr(local, "connection", None)
    if connection is None:
        connection = local.connection = http.client.HTTPConnection("127.0.0.1", base_port, timeout=60)
    payload = None if body is None else json.dumps(body)
    connection.request(method, path, payload, {"Authorization": auth, "Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: HTTP {response.status}: {answer[:300]!r}")
    return answer


for h in range(hooks):
    call("POST", repo + "/webhooks", {"name": f"bench-{h}", "url": receiver_url, "events": ["repo:refs_changed"], "active": True})


def make_events(prefix, rate=0.0, count=None):
    count = events if count is None else count
    returned = {}
    started = time.monotonic()

    def create(i):
        if rate > 0:
            time.sleep(max(0.0, started + i / rate - time.monotonic()))
        name = f"{prefix}-{i}"
        call("POST", repo + "/branches", {"name": name, "startPoint": head})
        returned["refs/heads/" + name] = time.monotonic()

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(create, range(count)))
    return started, time.monotonic(), returned


def wait_for(count, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with lock:
            if len(arrivals) >= count:
                return True
        time.sleep(0.05)
    return False


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def live_phase(prefix, count):
    """Events made at the live pace with the receiver up; latency of each delivery."""
    expected = count * hooks
    started, finished, returned = make_events(prefix, live_rate, count)
    complete = wait_for(expected, 300)
    with lock:
        live = list(arrivals)
        arrivals.clear()
    latencies = [(t - returned[ref]) * 1000 for t, _, ref in live if ref in returned]
    return {
        "events": count, "hooks": hooks, "expected": expected, "delivered": len(live),
        "distinct": len({rid for _, rid, _ in live}), "complete": complete,
        "events_per_s": count / (finished - started),
        "deliveries_per_s": len(live) / (max(t for t, _, _ in live) - started) if live else 0,
        "latency_p50_ms": percentile(latencies, 50) if latencies else None,
        "latency_p99_ms": percentile(latencies, 99) if latencies else None,
        "latency_max_ms": max(latencies) if latencies else None,
    }


expected = events * hooks
# A freshly started server spends its first tens of seconds under load compiling its hot paths (the JIT);
# a server that runs for months pays that once. Measured apart, so the live figure is the steady state.
warmup_result = live_phase("warmup", warmup) if warmup > 0 else None
live_result = live_phase("live", events)

state["up"] = False
make_events("drain")
time.sleep(1.0)  # every hook has met the 503 and backed off; their deliveries wait
with lock:
    arrivals.clear()
state["up"] = True
opened = time.monotonic()
complete = wait_for(expected, 300)
with lock:
    drained = list(arrivals)
drain_result = {
    "expected": expected, "delivered": len(drained), "distinct": len({rid for _, rid, _ in drained}), "complete": complete,
    "deliveries_per_s": len(drained) / (max(t for t, _, _ in drained) - opened) if drained else 0,
    "seconds": (max(t for t, _, _ in drained) - opened) if drained else None,
}
print(json.dumps({"warmup": warmup_result, "live": live_result, "drain": drain_result}))
