#!/usr/bin/env bash
# Pipeline benchmark: push to step-running latency with an idle runner, queue-to-start, draining a burst
# of queued steps across several runners, and log streaming (throughput and delay to a reader).
#
#   tests/bench/pipelines.sh
#   BENCH_ROUNDS=5 BENCH_STEPS=40 BENCH_LOG_MB=10 tests/bench/pipelines.sh    # a quick check
#
# Builds Release (server and runner), starts GitHost (SQLite) on a free loopback port with a throw-away
# data home, creates BENCH_RUNNERS server-wide runners and starts them as real githost-runner processes
# (capacity BENCH_CAPACITY each), then tests/bench/pipeline-load.py:
#   1. BENCH_ROUNDS pushes over Git HTTP, one at a time, of a one-step pipeline: from the push's start to
#      the step's start (the server's started_on), and from the pipeline's creation to the step's start;
#   2. BENCH_STEPS steps queued at once (custom pipelines of a 10-step parallel group, each step
#      `sleep BENCH_STEP_SECONDS`), run across the runners: drain time, how long each step held its slot
#      (claim to result: fetch, script, report), the share of time the slots were busy (the scheduler
#      keeps runners fed when it is near 100 %), and every step dispatched once (the runners' own logs);
#   3. one step printing BENCH_LOG_MB MB (its log's bytes / its run time), and one printing a timestamp
#      every 100 ms while a reader follows the log with Range requests every 50 ms (delay to the reader).
# Targets (the pipelines issue): push to running <= 1 s p50, queue-to-start <= 300 ms, zero double
# dispatch with the queue drained at the runners' capacity, logs >= 5 MB/s with <= 1 s delay.
#
# Knobs: BENCH_ROUNDS [20] BENCH_STEPS [200] BENCH_RUNNERS [4] BENCH_CAPACITY [2] BENCH_STEP_SECONDS [1]
# BENCH_LOG_MB [50] BENCH_KEEP [0]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=pipelines
. tests/bench/lib/common.sh
. tests/bench/lib/githost.sh

rounds=${BENCH_ROUNDS:-20}
steps=${BENCH_STEPS:-200}
runners=${BENCH_RUNNERS:-4}
capacity=${BENCH_CAPACITY:-2}
step_seconds=${BENCH_STEP_SECONDS:-1}
log_mb=${BENCH_LOG_MB:-50}
init_githost_bench

start_githost
echo "Building the runner ..."
dotnet build "$root/src/GitHost.Runner/GitHost.Runner.csproj" -c Release -warnaserror 2>&1 | tail -n 2
runner_dll=$(ls "$root"/src/GitHost.Runner/bin/Release/net*/githost-runner.dll | sort -V | tail -n 1)
echo "Running: $rounds pushes, $steps queued steps on $runners runners x $capacity, a $log_mb MB log ..."
python3 tests/bench/pipeline-load.py "$githost_port" "$admin_password" "$work" "$runner_dll" "$rounds" "$steps" "$runners" "$capacity" "$step_seconds" "$log_mb" \
  >"$work/result.json" || fail "the load script failed (logs in $work/log)"
python3 - "$work/result.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
lat, drain, log = r["latency"], r["drain"], r["log"]
def ok(flag): return "**pass**" if flag else "**FAIL**"
def pct(v, p): s = sorted(v); return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]
p2r, q2s = lat["push_to_running_ms"], lat["queue_to_start_ms"]
print()
print("| measure | p50 | p90 | max |")
print("| --- | --- | --- | --- |")
print(f"| push to step running ({len(p2r)} pushes) | {statistics.median(p2r):.0f} ms | {pct(p2r, 90):.0f} ms | {max(p2r):.0f} ms |")
print(f"| pipeline created to step running | {statistics.median(q2s):.0f} ms | {pct(q2s, 90):.0f} ms | {max(q2s):.0f} ms |")
print(f"| log delay to a reader ({log['lines']} lines) | {log['delay_p50_ms']:.0f} ms | | {log['delay_max_ms']:.0f} ms |")
print()
efficiency = drain["ideal_s"] / drain["drain_s"]
print(f"Burst: {drain['steps']} steps queued in {drain['trigger_s']:.1f} s, drained in {drain['drain_s']:.1f} s on {drain['slots']} slots "
      f"(a `sleep` alone would take {drain['ideal_s']:.0f} s: {efficiency:.0%}); each step held its slot {drain['step_held_s']:.2f} s on average "
      f"(fetch, script, report); slots busy {drain['slot_busy']:.0%} of the time; dispatches {r['dispatches']} for {r['expected_dispatches']} steps.")
print(f"Log: {log['bytes'] / 1e6:.0f} MB in {log['seconds']:.1f} s = {log['mb_per_s']:.1f} MB/s ({log['result']}).")
print()
print(f"Targets: push to running p50 <= 1 s: {ok(statistics.median(p2r) <= 1000)}; queue-to-start p50 <= 300 ms: {ok(statistics.median(q2s) <= 300)}; "
      f"no double dispatch: {ok(r['dispatches'] == r['expected_dispatches'])}; queue drained at the runners' capacity (slots busy >= 90 %): {ok(drain['slot_busy'] >= 0.9)}; "
      f"log >= 5 MB/s: {ok(log['mb_per_s'] >= 5)}; log delay <= 1 s: {ok(log['delay_max_ms'] <= 1000)}")
PY
echo
echo "GitHost $(commit_shown), SQLite, $(nproc) CPU ($(cpu_model))"
echo "Reproduce: BENCH_ROUNDS=$rounds BENCH_STEPS=$steps BENCH_RUNNERS=$runners BENCH_CAPACITY=$capacity BENCH_STEP_SECONDS=$step_seconds BENCH_LOG_MB=$log_mb tests/bench/pipelines.sh"
