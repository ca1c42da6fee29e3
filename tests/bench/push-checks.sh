#!/usr/bin/env bash
# Push-check benchmark: what branch permissions and secret scanning add to a push, read from the
# server's own timing of its pre-receive checks (log event 3103: the ref policies, which include the
# branch restrictions, and the whole-push checks, which are the secret scan).
#
#   tests/bench/push-checks.sh
#   BENCH_RUNS=3 BENCH_WIDE_FILES=100 tests/bench/push-checks.sh    # a quick check that it works
#
# Builds Release, starts GitHost on a free loopback port with a throw-away data home (default secret
# rules on), creates BENCH/checks, pushes a first commit over Git HTTP, then times, BENCH_RUNS times each:
#   1. a typical push: one commit changing 5 files (about 100 added lines), no restrictions;
#   2. the same with BENCH_RESTRICTIONS restrictions on the repository (half read-only, half no-deletes
#      on patterns that do not match the pushed branch, so every one is evaluated and none refuses);
#   3. a wide push: one commit adding BENCH_WIDE_FILES files of 20 lines each.
# Prints p50/max of each check in ms with the end-to-end push time, and the command that reproduces it.
# Targets (the branch permissions / secret scanning issue): restrictions add <= 5 ms with 200 configured;
# the scan costs <= 10 ms on a typical push and <= 100 ms on a 1,000-file push.
#
# Knobs (environment), defaults in brackets:
#   BENCH_RUNS [20]  BENCH_RESTRICTIONS [200]  BENCH_WIDE_FILES [1000]  BENCH_KEEP [0; 1 keeps the work folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=push-checks
. tests/bench/lib/common.sh
. tests/bench/lib/githost.sh

runs=${BENCH_RUNS:-20}
restrictions=${BENCH_RESTRICTIONS:-200}
[ "$restrictions" -ge 1 ] || fail "BENCH_RESTRICTIONS must be at least 1 (the restricted run is compared with the plain one)"
wide_files=${BENCH_WIDE_FILES:-1000}
init_githost_bench

start_githost Logging__LogLevel__GitHost.Services.Git.PreReceiveCheck=Debug
create_bench_repository
url="http://admin:$admin_password@127.0.0.1:$githost_port/scm/bench/big.git"
tree="$work/tree"
git init -q -b main "$tree"
git -C "$tree" config user.name Bench
git -C "$tree" config user.email bench@example.com
for f in 1 2 3 4 5; do seq 1 200 | sed "s/^/line $f /" >"$tree/file$f.txt"; done
git -C "$tree" add -A && git -C "$tree" commit -qm base
git -C "$tree" push -q "$url" main 2>"$work/log/push.txt" || fail "first push failed: $(tail -n 3 "$work/log/push.txt")"

# checks_of_last_push FILE_PREFIX: appends the last push's ref-policy and push-check ms (log event 3103).
checks_of_last_push() {
  local line
  line=$(grep -A1 'PreReceiveCheck\[3103\]' "$work/log/githost.log" | grep -o 'ref policies [0-9.]* ms, push checks [0-9.]* ms' | tail -n 1)
  [ -n "$line" ] || fail "no pre-receive timing in the server log (event 3103)"
  echo "$line" | awk '{ print $3 }' >>"$work/results/$1-refs"
  echo "$line" | awk '{ print $7 }' >>"$work/results/$1-scan"
}

# typical_push NAME ROUND: one commit adding 20 lines to each of the 5 files, pushed and timed.
typical_push() {
  local f started
  for f in 1 2 3 4 5; do seq 1 20 | sed "s/^/$1 round $2 file $f change /" >>"$tree/file$f.txt"; done
  git -C "$tree" commit -qam "$1 $2"
  started=$(now_ns)
  git -C "$tree" push -q "$url" main 2>"$work/log/push.txt" || fail "push failed: $(tail -n 3 "$work/log/push.txt")"
  ms_since "$started" >>"$work/results/$1-push"
  checks_of_last_push "$1"
}

wide_push() {
  local round=$1 started
  python3 - "$tree/wide-$round" "$wide_files" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder)
for i in range(count):
    with open(os.path.join(folder, f"f{i:05}.txt"), "w") as out:
        out.writelines(f"round {os.path.basename(folder)} file {i} line {n}\n" for n in range(20))
PY
  git -C "$tree" add -A && git -C "$tree" commit -qm "wide $round"
  started=$(now_ns)
  git -C "$tree" push -q "$url" main 2>"$work/log/push.txt" || fail "wide push failed: $(tail -n 3 "$work/log/push.txt")"
  ms_since "$started" >>"$work/results/wide-push"
  checks_of_last_push wide
}

echo "Warming up (3 pushes) ..."
for r in 1 2 3; do typical_push warmup "$r"; done
echo "Typical pushes without restrictions ($runs) ..."
for r in $(seq 1 "$runs"); do typical_push plain "$r"; done

echo "Creating $restrictions restrictions ..."
python3 - "$restrictions" >"$work/restrictions.json" <<'PY'
import json, sys
count = int(sys.argv[1])
print(json.dumps([{"type": "read-only" if i % 2 else "no-deletes",
                   "matcher": {"id": f"release/{i}/*", "type": {"id": "PATTERN"}}} for i in range(count)]))
PY
status=$(curl -s -o "$work/log/rest.json" -w '%{http_code}' -u "admin:$admin_password" \
  -H 'Content-Type: application/vnd.atl.bitbucket.bulk+json' --data @"$work/restrictions.json" \
  "$githost_base/rest/branch-permissions/2.0/projects/BENCH/repos/big/restrictions")
[ "$status" = 200 ] || fail "creating restrictions: HTTP $status: $(head -c 300 "$work/log/rest.json")"
echo "Typical pushes with $restrictions restrictions ($runs) ..."
for r in $(seq 1 "$runs"); do typical_push restricted "$r"; done

wide_runs=$(( runs < 5 ? runs : 5 ))
echo "Wide pushes of $wide_files files ($wide_runs) ..."
for r in $(seq 1 "$wide_runs"); do wide_push "$r"; done

p50() { fmt "$(median "$work/results/$1")" 2; }
max() { sort -n "$work/results/$1" | tail -n 1; }
echo
echo "Push checks, GitHost $(commit_shown), SQLite, $(nproc) CPU ($(cpu_model)), $runs runs ($wide_runs wide)"
echo
echo "| push | ref policies p50 / max | secret scan p50 / max | whole push p50 |"
echo "| --- | --- | --- | --- |"
echo "| typical, no restrictions | $(p50 plain-refs) / $(max plain-refs) ms | $(p50 plain-scan) / $(max plain-scan) ms | $(p50 plain-push) ms |"
echo "| typical, $restrictions restrictions | $(p50 restricted-refs) / $(max restricted-refs) ms | $(p50 restricted-scan) / $(max restricted-scan) ms | $(p50 restricted-push) ms |"
echo "| $wide_files new files | $(p50 wide-refs) / $(max wide-refs) ms | $(p50 wide-scan) / $(max wide-scan) ms | $(p50 wide-push) ms |"
added=$(awk -v a="$(median "$work/results/restricted-refs")" -v b="$(median "$work/results/plain-refs")" 'BEGIN { printf "%.2f", a - b }')
echo
echo "Restrictions add $added ms (p50) to the ref policies: $(verdict "$(at_most "$added" 1 5)") (target <= 5 ms)."
echo "Secret scan of a typical push: $(p50 plain-scan) ms: $(verdict "$(at_most "$(median "$work/results/plain-scan")" 1 10)") (target <= 10 ms)."
echo "Secret scan of a $wide_files-file push: $(p50 wide-scan) ms: $(verdict "$(at_most "$(median "$work/results/wide-scan")" 1 100)") (target <= 100 ms)."
echo
echo "Reproduce: BENCH_RUNS=$runs BENCH_RESTRICTIONS=$restrictions BENCH_WIDE_FILES=$wide_files tests/bench/push-checks.sh"
