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
bench_name=pr-merge
. tests/bench/lib/common.sh
. tests/bench/lib/githost.sh

files=${BENCH_FILES:-50}
commits=${BENCH_COMMITS:-20}
runs=${BENCH_RUNS:-5}
strategies="no-ff ff ff-only squash squash-ff-only rebase-no-ff rebase-ff-only"
init_githost_bench
case "$files$commits$runs" in *[!0-9]*) fail "BENCH_FILES, BENCH_COMMITS and BENCH_RUNS must be whole numbers" ;; esac
[ "$runs" -ge 1 ] || fail "BENCH_RUNS must be at least 1"

start_githost
api() { githost_call "$@"; }

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
    git -C "$tree" push -q "$(githost_push_url "$slug")" "$main:refs/heads/main" feature 2>>"$work/push.log"
    api 201 POST "/rest/api/1.0/projects/BENCH/repos/$slug/pull-requests" \
      '{"title":"Bench","fromRef":{"id":"refs/heads/feature"},"toRef":{"id":"refs/heads/main"}}'
    start=$(date +%s%N)
    api 200 POST "/rest/api/1.0/projects/BENCH/repos/$slug/pull-requests/1/merge?version=0" "{\"strategyId\":\"$strategy\"}"
    echo "$strategy $(( ($(date +%s%N) - start) / 1000 ))" >>"$work/times"
    grep -q '"state":"MERGED"' "$work/log/rest.json" || fail "$strategy: the pull request is not MERGED: $(head -c 400 "$work/log/rest.json")"
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
