#!/usr/bin/env python3
"""Drives tests/bench/pipelines.sh: runners, pushes and custom runs against a running GitHost; prints JSON.

usage: pipeline-load.py PORT ADMIN_PASSWORD WORK RUNNER_DLL ROUNDS STEPS RUNNERS CAPACITY STEP_SECONDS LOG_MB
"""
import base64, json, os, statistics, subprocess, sys, time, urllib.request, urllib.error
from datetime import datetime

port, password, work, runner_dll = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rounds, steps, runners, capacity = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
step_seconds, log_mb = float(sys.argv[9]), int(sys.argv[10])
base = f"http://127.0.0.1:{port}"
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()
processes = []


def rest(method, path, body=None, raw=False, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": auth, "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = response.read()
            return response.status, payload if raw else (json.loads(payload) if payload else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def iso(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def git(tree, *args):
    subprocess.run(["git", "-C", tree, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", *args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def repository(slug, pipelines):
    status, _ = rest("POST", "/rest/api/1.0/projects/BENCH/repos", {"name": slug})
    assert status == 201, status
    tree = os.path.join(work, "tree-" + slug)
    subprocess.run(["git", "init", "-q", "-b", "main", tree], check=True)
    with open(os.path.join(tree, "bitbucket-pipelines.yml"), "w") as f:
        f.write(pipelines)
    git(tree, "add", ".")
    git(tree, "commit", "-q", "-m", "pipelines [skip ci]")
    push(tree, slug)
    return tree


def push(tree, slug):
    git(tree, "push", "-q", f"http://admin:{password}@127.0.0.1:{port}/scm/bench/{slug}.git", "main")


def pipeline(slug, number):
    return rest("GET", f"/rest/pipelines/1.0/projects/BENCH/repos/{slug}/pipelines/{number}")


def steps_of(slug, number):
    status, body = rest("GET", f"/rest/pipelines/1.0/projects/BENCH/repos/{slug}/pipelines/{number}/steps")
    return body["values"] if status == 200 else []


def wait_done(slug, number, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, body = pipeline(slug, number)
        if status == 200 and body["state"]["name"] == "COMPLETED":
            return body
        time.sleep(0.05)
    raise SystemExit(f"pipeline {slug} #{number} did not finish")


def start_runners():
    for i in range(runners):
        status, body = rest("POST", "/rest/pipelines/1.0/runners", {"name": f"bench-{i}", "labels": ["self.hosted", "linux.shell"]})
        assert status == 201, body
        directory = os.path.join(work, f"runner-{i}")
        log = open(os.path.join(work, "log", f"runner-{i}.log"), "w")
        env = dict(os.environ, Logging__LogLevel__Default="Information")
        processes.append(subprocess.Popen(["dotnet", runner_dll, "--server", base, "--token", body["token"], "--work", directory,
                                           "--capacity", str(capacity)], stdout=log, stderr=subprocess.STDOUT, env=env))
    deadline = time.time() + 60
    while time.time() < deadline:
        _, listed = rest("GET", "/rest/pipelines/1.0/runners")
        if sum(1 for r in listed["values"] if r["state"]["status"] == "ONLINE") == runners:
            return
        time.sleep(0.2)
    raise SystemExit("runners did not come online")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latency_phase():
    tree = repository("latency", "pipelines:\n  default:\n    - step:\n        name: Quick\n        script:\n          - true\n")
    push_to_running, queue_to_start = [], []
    for i in range(1, rounds + 1):
        git(tree, "commit", "-q", "--allow-empty", "-m", f"round {i}")
        started_push = time.time()
        push(tree, "latency")
        while True:
            found = steps_of("latency", i)
            if found and found[0].get("started_on"):
                break
            time.sleep(0.01)
        _, body = pipeline("latency", i)
        started = iso(found[0]["started_on"])
        push_to_running.append((started - started_push) * 1000)
        queue_to_start.append((started - iso(body["created_on"])) * 1000)
        wait_done("latency", i)
    return {"push_to_running_ms": push_to_running, "queue_to_start_ms": queue_to_start}


def drain_phase():
    group = 10
    pipelines_needed = steps // group
    parallel = "".join(f"            - step:\n                name: S{j}\n                script:\n                  - sleep {step_seconds}\n" for j in range(group))
    repository("drain", f"pipelines:\n  custom:\n    burst:\n      - parallel:\n{parallel}")
    began = time.time()
    for _ in range(pipelines_needed):
        status, body = rest("POST", "/rest/pipelines/1.0/projects/BENCH/repos/drain/pipelines",
                            {"target": {"ref_type": "branch", "ref_name": "main", "selector": {"type": "custom", "pattern": "burst"}}})
        assert status == 201, body
    triggered = time.time() - began
    ends, busy = [], 0.0
    for number in range(1, pipelines_needed + 1):
        body = wait_done("drain", number)
        assert body["state"]["result"]["name"] == "SUCCESSFUL", body
        for s in steps_of("drain", number):
            ends.append(iso(s["completed_on"]))
            busy += iso(s["completed_on"]) - iso(s["started_on"])
    elapsed = max(ends) - began
    slots = runners * capacity
    ideal = -(-pipelines_needed * group // slots) * step_seconds
    count = pipelines_needed * group
    # A step holds its slot from the claim to the result: fetching the commit, the script, the report.
    return {"steps": count, "trigger_s": triggered, "drain_s": elapsed, "ideal_s": ideal, "slots": slots,
            "slot_busy": busy / (slots * elapsed), "step_held_s": busy / count}


def log_phase():
    mb = log_mb * 1000 * 1000
    repository("logs", "pipelines:\n  custom:\n    loud:\n      - step:\n          name: Loud\n          script:\n"
               f"            - head -c {mb} /dev/zero | tr '\\0' 'x' | fold -w 99\n"
               "    ticks:\n      - step:\n          name: Ticks\n          script:\n"
               "            - for i in $(seq 50); do date +%s.%N; sleep 0.1; done\n")
    rest("POST", "/rest/pipelines/1.0/projects/BENCH/repos/logs/pipelines",
         {"target": {"ref_type": "branch", "ref_name": "main", "selector": {"type": "custom", "pattern": "loud"}}})
    loud = wait_done("logs", 1)
    step = steps_of("logs", 1)[0]
    seconds = iso(step["completed_on"]) - iso(step["started_on"])
    rest("POST", "/rest/pipelines/1.0/projects/BENCH/repos/logs/pipelines",
         {"target": {"ref_type": "branch", "ref_name": "main", "selector": {"type": "custom", "pattern": "ticks"}}})
    delays, have, buffer = [], 0, b""
    while True:
        found = steps_of("logs", 2)
        if found and found[0].get("started_on"):
            uuid = urllib.parse.quote(found[0]["uuid"])
            status, chunk = rest("GET", f"/rest/pipelines/1.0/projects/BENCH/repos/logs/pipelines/2/steps/{uuid}/log", raw=True,
                                 headers={"Range": f"bytes={have}-"})
            now = time.time()
            if status in (200, 206) and chunk:
                have += len(chunk)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    try:
                        delays.append((now - float(line)) * 1000)
                    except ValueError:
                        pass
            if found[0]["state"]["name"] == "COMPLETED" and status not in (200, 206):
                break
            if len(delays) >= 50:
                break
        time.sleep(0.05)
    return {"bytes": step["log_byte_count"], "seconds": seconds, "mb_per_s": step["log_byte_count"] / 1e6 / seconds,
            "result": loud["state"]["result"]["name"], "delay_p50_ms": statistics.median(delays), "delay_max_ms": max(delays), "lines": len(delays)}


import urllib.parse
try:
    rest("POST", "/rest/api/1.0/projects", {"key": "BENCH", "name": "Bench"})
    start_runners()
    result = {"latency": latency_phase(), "drain": drain_phase(), "log": log_phase()}
    dispatches = sum(open(os.path.join(work, "log", f"runner-{i}.log")).read().count("Running step") for i in range(runners))
    result["dispatches"] = dispatches
    result["expected_dispatches"] = rounds + steps + 2
    print(json.dumps(result))
finally:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)
