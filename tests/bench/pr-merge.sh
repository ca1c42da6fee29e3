#!/usr/bin/env bash
# Pull request merge benchmark: POST .../pull-requests/{id}/merge with each of Bitbucket's seven strategies
# (no-ff, ff, ff-only, squash, squash-ff-only, rebase-no-ff, rebase-ff-only) on a pull request whose source
# branch has BENCH_COMMITS commits touching BENCH_FILES files. The fast-forward-only strategies get a target
# that has not moved; the others a target one commit ahead (a real merge). SQLite only: the work is git's.
#
#   tests/bench/pr-merge.sh
#   BENCH_FILES=5 BENCH_COMMITS=3 BENCH_RUNS=1 tests/bench/pr-merge.sh    # a quick check that it works
#
# Builds Release, starts GitHost on a free loopback port with a throw-away data home, creates a project, then for
# every run and strategy a repository (pushed over Git HTTP) and pull request 1, and times the merge call alone.
# Prints p50/max in ms per strategy and the command that reproduces the measurement. Everything it starts is
# stopped on exit.
#
# Knobs (environment), defaults in brackets:
#   BENCH_FILES [50]  BENCH_COMMITS [20]  BENCH_RUNS [5]  BENCH_KEEP [0; 1 keeps the work folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

files=${BENCH_FILES:-50}
commits=${BENCH_COMMITS:-20}
runs=${BENCH_RUNS:-5}
admin_password="bench-admin-$RANDOM$RANDOM"
work=$(mktemp -d /tmp/githost-bench.XXXXXX)
server_pid=""
strategies="no-ff ff ff-only squash squash-ff-only rebase-no-ff rebase-ff-only"

fail() { echo "pr-merge: $*" >&2; exit 1; }

cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$(cat "$work/server.pid" 2>/dev/null || echo "$server_pid")" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

for tool in curl python3 git dotnet; do command -v "$tool" >/dev/null || fail "$tool is required"; done
case "$files$commits$runs" in *[!0-9]*) fail "BENCH_FILES, BENCH_COMMITS and BENCH_RUNS must be whole numbers" ;; esac
[ "$runs" -ge 1 ] || fail "BENCH_RUNS must be at least 1"

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

# A source of $commits commits over $files files, on a base of the same files; built once, pushed to every repository.
tree="$work/tree"
git init -q -b main "$tree"
git -C "$tree" config user.name Bench && git -C "$tree" config user.email bench@example.com
python3 - "$tree" "$files" base <<'PY'
import os, sys
root, files, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for f in range(files):
    path = os.path.join(root, "src", f"d{f % 10}", f"file{f:04}.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.writelines(f"{tag} line {i} of file {f}\n" for i in range(40))
PY
git -C "$tree" add -A && git -C "$tree" commit -qm base
git -C "$tree" checkout -qb feature
for c in $(seq 1 "$commits"); do
  python3 - "$tree" "$files" "$c" <<'PY'
import os, sys
root, files, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for f in range(files):
    path = os.path.join(root, "src", f"d{f % 10}", f"file{f:04}.txt")
    with open(path, "a") as out:
        out.write(f"commit {c} adds a line to file {f}\n")
PY
  git -C "$tree" commit -qam "change $c"
done
git -C "$tree" checkout -qb ahead main
echo "target moved" >"$tree/AHEAD.txt"
git -C "$tree" add AHEAD.txt && git -C "$tree" commit -qm "target moved"

all_strategies=$(python3 -c 'import json,sys; print(json.dumps({"mergeConfig":{"defaultStrategy":{"id":"no-ff"},"strategies":[{"id":s} for s in sys.argv[1:]]}}))' $strategies)
api 201 POST /rest/api/1.0/projects '{"key":"BENCH","name":"Bench"}'
echo "Merging a pull request of $commits commits x $files files with each strategy, $runs run(s) each ..."
: >"$work/times"
for run in $(seq 1 "$runs"); do
  for strategy in $strategies; do
    slug="m-$run-$strategy"
    api 201 POST /rest/api/1.0/projects/BENCH/repos "{\"name\":\"$slug\",\"scmId\":\"git\"}"
    api 200 POST "/rest/api/1.0/projects/BENCH/repos/$slug/settings/pull-requests" "$all_strategies"
    case "$strategy" in *ff-only) [ "$strategy" = rebase-ff-only ] && main=ahead || main=main ;; *) main=ahead ;; esac
    git -C "$tree" push -q "http://admin:$admin_password@127.0.0.1:$port/scm/bench/$slug.git" "$main:refs/heads/main" feature 2>>"$work/push.log"
    api 201 POST "/rest/api/1.0/projects/BENCH/repos/$slug/pull-requests" \
      '{"title":"Bench","fromRef":{"id":"refs/heads/feature"},"toRef":{"id":"refs/heads/main"}}'
    start=$(date +%s%N)
    api 200 POST "/rest/api/1.0/projects/BENCH/repos/$slug/pull-requests/1/merge?version=0" "{\"strategyId\":\"$strategy\"}"
    echo "$strategy $(( ($(date +%s%N) - start) / 1000 ))" >>"$work/times"
    grep -q '"state":"MERGED"' "$work/last.json" || fail "$strategy: the pull request is not MERGED: $(head -c 400 "$work/last.json")"
  done
done
python3 - "$work/times" $strategies <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for strategy in sys.argv[2:]:
    times = sorted(int(us) / 1000 for s, us in rows if s == strategy)
    print(f"  {strategy:<16} p50 {statistics.median(times):8.1f} ms   max {times[-1]:8.1f} ms   ({len(times)} runs)")
PY
echo "Reproduce: BENCH_FILES=$files BENCH_COMMITS=$commits BENCH_RUNS=$runs tests/bench/pr-merge.sh"
