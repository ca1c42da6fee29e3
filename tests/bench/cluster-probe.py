#!/usr/bin/env python3
"""Timing probes for tests/bench/cluster.sh (standard library only).

  cluster-probe.py clones URL SECONDS WORKERS         bare clones in a loop per worker; prints "<clones> <seconds>"
  cluster-probe.py invalidation NODE1 NODE2 USER PASSWORD ROUNDS
                                                      token made and revoked on NODE1, polled on NODE2 until refused;
                                                      prints one millisecond figure per round
  cluster-probe.py failover PROXY KILL_COMMAND SECONDS
                                                      GET PROXY/status in a loop from 4 clients, runs KILL_COMMAND
                                                      once they all succeed; prints the longest time (ms) any client
                                                      went without a success after the kill, and the failed requests
"""
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request


def clones(url, seconds, workers):
    done = [0] * workers
    deadline = time.monotonic() + seconds

    def work(i):
        while time.monotonic() < deadline:
            target = tempfile.mkdtemp(prefix="githost-bench-clone-")
            try:
                result = subprocess.run(["git", "clone", "--quiet", "--bare", url, target + "/r"], capture_output=True)
                if result.returncode == 0 and time.monotonic() < deadline:
                    done[i] += 1
            finally:
                shutil.rmtree(target, ignore_errors=True)

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sum(done), round(time.monotonic() - started, 2))


def request(url, method="GET", auth=None, bearer=None, body=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    if bearer:
        req.add_header("Authorization", "Bearer " + bearer)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def invalidation(node1, node2, user, password, rounds):
    auth = f"{user}:{password}"
    for n in range(rounds):
        status, body = request(f"{node1}/rest/access-tokens/1.0/users/{user}", "PUT", auth, body={"name": f"probe-{n}", "permissions": ["REPO_READ"]})
        assert status == 200, (status, body)
        token = json.loads(body)
        probe = f"{node2}/rest/api/1.0/projects/BENCH/repos/app"
        status, _ = request(probe, bearer=token["token"])
        assert status == 200, status
        request(probe, bearer=token["token"])  # verified and cached on node 2
        status, _ = request(f"{node1}/rest/access-tokens/1.0/users/{user}/{token['id']}", "DELETE", auth)
        assert status == 204, status
        revoked = time.monotonic()
        while request(probe, bearer=token["token"])[0] != 401:
            if time.monotonic() - revoked > 5:
                raise SystemExit("node 2 still accepted the revoked token after 5 s")
        print(round((time.monotonic() - revoked) * 1000, 1))


def failover(proxy, kill_command, seconds):
    clients = 4
    last_success = [0.0] * clients
    longest = [0.0] * clients
    failures = [0] * clients
    killed_at = [None]
    stop = time.monotonic() + seconds

    def work(i):
        while time.monotonic() < stop:
            try:
                status, _ = request(f"{proxy}/status")
            except OSError:
                status = 0
            now = time.monotonic()
            if status == 200:
                if killed_at[0] is not None:
                    longest[i] = max(longest[i], now - max(last_success[i], killed_at[0]))
                last_success[i] = now
            elif killed_at[0] is not None:
                failures[i] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    while min(last_success) == 0:
        time.sleep(0.05)
    killed_at[0] = time.monotonic()
    subprocess.run(kill_command, shell=True, check=True)
    for t in threads:
        t.join()
    print(round(max(longest) * 1000), sum(failures))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "clones":
        clones(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    elif command == "invalidation":
        invalidation(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif command == "failover":
        failover(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
