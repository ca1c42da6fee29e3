#!/usr/bin/env bash
# Webhook dispatch benchmark: deliveries per second to a local receiver and enqueue-to-delivery latency.
#
#   tests/bench/webhooks.sh
#   BENCH_EVENTS=100 BENCH_HOOKS=2 tests/bench/webhooks.sh    # a quick check that it works
#
# Builds Release, starts GitHost on a free loopback port with a throw-away data home (SQLite or
# PostgreSQL, loopback deliveries allowed, backoff 100 ms to 500 ms), creates BENCH/big with one
# commit pushed over Git HTTP,
# then runs tests/bench/webhook-load.py: BENCH_HOOKS hooks on the repository, BENCH_EVENTS branch
# creations through REST (BENCH_CONCURRENCY clients), each one repo:refs_changed event, so
# BENCH_EVENTS x BENCH_HOOKS deliveries, first with the receiver up (latency from the REST call's
# return to the delivery's arrival), then with the receiver down while the events are made and up
# again (the pace of draining the backlog). Receiver, clients and server share the machine.
# Target (the webhooks issue): >= 500 deliveries/s with p99 enqueue-to-delivery under 1 s.
#
# Knobs (environment), defaults in brackets:
#   BENCH_EVENTS [1000]  BENCH_HOOKS [5]  BENCH_CONCURRENCY [8]  BENCH_KEEP [0; 1 keeps the work folder]
#   BENCH_DATABASE [sqlite; postgres starts a throw-away PostgreSQL as tests/run.sh does]
#   BENCH_EVENT_RATE [0: as fast as the clients go; N: N events per second in the live phase, so the
#     delivery rate is N x BENCH_HOOKS and the latency is measured at that rate]
#   BENCH_WARMUP_EVENTS [BENCH_EVENTS / 2: events made as in the live phase before it and reported on
#     their own row; a freshly started server compiles its hot paths in its first tens of seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=webhooks
. tests/bench/lib/common.sh
. tests/bench/lib/githost.sh

events=${BENCH_EVENTS:-1000}
hooks=${BENCH_HOOKS:-5}
concurrency=${BENCH_CONCURRENCY:-8}
event_rate=${BENCH_EVENT_RATE:-0}
warmup=${BENCH_WARMUP_EVENTS:-$((events / 2))}
database=${BENCH_DATABASE:-sqlite}
init_githost_bench
database_env=()
case $database in
  sqlite) database_shown=SQLite ;;
  postgres) start_bench_postgres; database_shown=PostgreSQL
    database_env=(GitHost__Database__Provider=Postgres "GitHost__Database__ConnectionString=$pg_connection") ;;
  *) fail "unknown BENCH_DATABASE '$database' (use sqlite or postgres)" ;;
esac

start_githost "${database_env[@]}" GitHost__Webhooks__AllowLoopback=true GitHost__Webhooks__InitialBackoff=00:00:00.100 \
  GitHost__Webhooks__MaxBackoff=00:00:00.500 GitHost__Webhooks__MaxAttempts=1000
create_bench_repository
tree="$work/tree"
git init -q -b main "$tree"
git -C "$tree" -c user.name=Bench -c user.email=bench@example.com commit -q --allow-empty -m base
head=$(git -C "$tree" rev-parse HEAD)
git -C "$tree" push -q "http://admin:$admin_password@127.0.0.1:$githost_port/scm/bench/big.git" main 2>"$work/log/push.txt" ||
  fail "first push failed: $(tail -n 3 "$work/log/push.txt")"

echo "Making $warmup + $events events for $hooks hooks, then $events more with the receiver down ($(((warmup + 2 * events) * hooks)) deliveries) ..."
python3 tests/bench/webhook-load.py "$githost_port" "$admin_password" "$head" "$events" "$hooks" "$concurrency" "$event_rate" "$warmup" >"$work/result.json" ||
  fail "the load script failed"
python3 - "$work/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
warmup, live, drain = r["warmup"], r["live"], r["drain"]
def ok(flag): return "**pass**" if flag else "**FAIL**"
def row(name, phase):
    print(f"| {name} ({phase['events_per_s']:.0f} events/s made) | {phase['delivered']} of {phase['expected']} | {phase['distinct'] == phase['delivered']} | "
          f"{phase['deliveries_per_s']:.0f} | {phase['latency_p50_ms']:.0f} ms | {phase['latency_p99_ms']:.0f} ms | {phase['latency_max_ms']:.0f} ms |")
print()
print("| phase | deliveries | each once | deliveries/s | p50 | p99 | max |")
print("| --- | --- | --- | --- | --- | --- | --- |")
if warmup:
    row(f"warm-up, server just started, {warmup['events']} events", warmup)
row("receiver up", live)
print(f"| backlog drained | {drain['delivered']} of {drain['expected']} | {drain['distinct'] == drain['delivered']} | "
      f"{drain['deliveries_per_s']:.0f} | | | |")
print()
print(f"Dispatch pace >= 500 deliveries/s (backlog): {ok(drain['deliveries_per_s'] >= 500)}; "
      f"p99 enqueue-to-delivery < 1 s: {ok(live['latency_p99_ms'] is not None and live['latency_p99_ms'] < 1000)}; "
      f"every delivery once: {ok(all(p['complete'] and p['distinct'] == p['expected'] for p in (warmup, live, drain) if p))}")
PY
echo
echo "GitHost $(commit_shown), $database_shown, $(nproc) CPU ($(cpu_model))"
echo "Reproduce: BENCH_DATABASE=$database BENCH_EVENTS=$events BENCH_HOOKS=$hooks BENCH_CONCURRENCY=$concurrency BENCH_EVENT_RATE=$event_rate BENCH_WARMUP_EVENTS=$warmup tests/bench/webhooks.sh"
