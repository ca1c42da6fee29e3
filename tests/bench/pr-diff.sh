#!/usr/bin/env bash
# Pull request diff benchmark: GET .../pull-requests/1/diff (Bitbucket's JSON diff) and .../pull-requests/1.diff
# (raw text) of a pull request changing BENCH_FILES files x BENCH_LINES lines each (defaults: 100 files, 5,000
# changed lines), against `git diff main...feature` of the same range run locally. SQLite only: the diff is git's
# and the parser's work, not the database's.
#
#   tests/bench/pr-diff.sh
#   BENCH_FILES=10 BENCH_LINES=5 BENCH_RUNS=3 tests/bench/pr-diff.sh    # a quick check that it works
#
# Builds Release, starts GitHost on a free loopback port with a throw-away data home, creates a project and a
# repository through REST as admin, pushes main and feature over Git HTTP, opens pull request 1, checks the JSON
# diff has BENCH_FILES files, then times BENCH_RUNS sequential requests of each kind after BENCH_WARMUP_RUNS
# untimed ones and prints p50/p90/max in ms for each, with the command that reproduces the measurement.
# Everything it starts is stopped on exit.
#
# Knobs (environment), defaults in brackets:
#   BENCH_FILES [100]  BENCH_LINES [50: changed lines per file]  BENCH_RUNS [20]  BENCH_WARMUP_RUNS [5]
#   BENCH_CONTEXT [10: contextLines]  BENCH_KEEP [0; 1 keeps the work folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

files=${BENCH_FILES:-100}
lines=${BENCH_LINES:-50}
runs=${BENCH_RUNS:-20}
warmup_runs=${BENCH_WARMUP_RUNS:-5}
context=${BENCH_CONTEXT:-10}
admin_password="bench-admin-$RANDOM$RANDOM"
work=$(mktemp -d /tmp/githost-bench.XXXXXX)
server_pid=""

fail() { echo "pr-diff: $*" >&2; exit 1; }

cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$(cat "$work/server.pid" 2>/dev/null || echo "$server_pid")" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

for tool in curl python3 git dotnet; do command -v "$tool" >/dev/null || fail "$tool is required"; done
case "$files$lines$runs$warmup_runs$context" in *[!0-9]*) fail "BENCH_FILES, BENCH_LINES, BENCH_RUNS, BENCH_WARMUP_RUNS and BENCH_CONTEXT must be whole numbers" ;; esac

echo "Building Release ..."
dotnet build src/GitHost.Server/GitHost.Server.csproj -c Release -warnaserror 2>&1 | tail -n 2
server_dll=$(ls "$root"/src/GitHost.Server/bin/Release/net*/GitHost.Server.dll | sort -V | tail -n 1)
[ -f "$server_dll" ] || fail "the Release build produced no GitHost.Server.dll"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
mkdir -p "$work/home"
(
  cd "$work"
  export GITHOST_HOME="$work/home" GITHOST_ADMIN_PASSWORD="$admin_password"
  export GitHost__Database__Provider=Sqlite GitHost__RateLimit__Enabled=false Logging__LogLevel__Default=Warning
  echo "$BASHPID" >"$work/server.pid"   # exec keeps this pid: it becomes the server's
  exec dotnet "$server_dll" --urls "$base"
) >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/status" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "GitHost exited during start"; }
  sleep 0.5
done
curl -sf "$base/status" >/dev/null || { cat "$work/server.log" >&2; fail "GitHost did not answer /status within 60 s"; }

api() {
  local want=$1 method=$2 url=$3 body=${4:-} got
  got=$(curl -s -o "$work/last.json" -w '%{http_code}' -u "admin:$admin_password" -X "$method" \
    -H 'Content-Type: application/json' ${body:+--data "$body"} "$base$url")
  [ "$got" = "$want" ] || fail "$method $url: expected HTTP $want, got $got: $(head -c 400 "$work/last.json")"
}

echo "Creating a pull request of $files files x $lines changed lines ..."
api 201 POST /rest/api/1.0/projects '{"key":"BENCH","name":"Bench"}'
api 201 POST /rest/api/1.0/projects/BENCH/repos '{"name":"diff","scmId":"git"}'
tree="$work/tree"
git init -q -b main "$tree"
git -C "$tree" config user.name Bench && git -C "$tree" config user.email bench@example.com
# Each file: twice as many lines as change, so hunks keep context between them.
python3 - "$tree" "$files" "$lines" old <<'PY'
import os, sys
root, files, lines, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
for f in range(files):
    path = os.path.join(root, "src", f"d{f % 10}", f"file{f:04}.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        for i in range(lines * 2):
            out.write(f"{tag} line {i} of file {f}\n" if i % 2 == 0 else f"same line {i} of file {f}\n")
PY
git -C "$tree" add -A && git -C "$tree" commit -qm base
git -C "$tree" checkout -qb feature
python3 - "$tree" "$files" "$lines" new <<'PY'
import os, sys
root, files, lines, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
for f in range(files):
    path = os.path.join(root, "src", f"d{f % 10}", f"file{f:04}.txt")
    with open(path, "w") as out:
        for i in range(lines * 2):
            out.write(f"{tag} line {i} of file {f}\n" if i % 2 == 0 else f"same line {i} of file {f}\n")
PY
git -C "$tree" commit -qam change
git -C "$tree" push -q "http://admin:$admin_password@127.0.0.1:$port/scm/bench/diff.git" main feature
api 201 POST /rest/api/1.0/projects/BENCH/repos/diff/pull-requests \
  '{"title":"Bench","fromRef":{"id":"refs/heads/feature"},"toRef":{"id":"refs/heads/main"}}'
pr="/rest/api/1.0/projects/BENCH/repos/diff/pull-requests/1"
api 200 GET "$pr/diff?contextLines=$context"
got_files=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["diffs"]), d["truncated"])' "$work/last.json")
[ "$got_files" = "$files False" ] || echo "pr-diff: note: the JSON diff has (files, truncated) = ($got_files); the content limits cap it"

echo "Timing $runs runs of each (after $warmup_runs untimed) ..."
python3 - "$base" "$admin_password" "$pr" "$context" "$tree" "$runs" "$warmup_runs" <<'PY'
import base64, statistics, subprocess, sys, time, urllib.request
base, password, pr, context, tree, runs, warmup = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7])
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()

def rest(path):
    def run():
        with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": auth})) as r:
            body = r.read()
            assert r.status == 200, r.status
            return len(body)
    return run

def git_diff():
    return len(subprocess.run(["git", "-C", tree, "diff", f"--unified={context}", "main...feature"], check=True, capture_output=True).stdout)

def measure(name, run):
    for _ in range(warmup):
        run()
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    print(f"  {name:<28} p50 {statistics.median(times):8.1f} ms   p90 {p90:8.1f} ms   max {times[-1]:8.1f} ms   {size:>10,} bytes")

measure("REST diff (JSON)", rest(f"{pr}/diff?contextLines={context}"))
measure("REST .diff (text)", rest(f"{pr}.diff?contextLines={context}"))
measure("git diff main...feature", git_diff)
PY
echo "Reproduce: BENCH_FILES=$files BENCH_LINES=$lines BENCH_RUNS=$runs BENCH_WARMUP_RUNS=$warmup_runs BENCH_CONTEXT=$context tests/bench/pr-diff.sh"
