#!/usr/bin/env bash
# Web UI benchmark: how fast the pages a reviewer opens paint, in headless Chromium (Debian's, driven
# by tests/bench/web-paint with Playwright), on the benchmark repository of tests/bench/git-http.sh
# (20,000 commits, 5,000 files) with pull request 1 changing BENCH_FILES files (BENCH_LINES changed
# lines each; defaults 100 files, 5,000 changed lines, as tests/bench/pr-diff.sh).
#
#   tests/bench/web-pages.sh
#   BENCH_COMMITS=200 BENCH_REPO_FILES=300 BENCH_FILES=10 BENCH_RUNS=3 tests/bench/web-pages.sh   # a quick check
#
# Builds Release, starts GitHost (SQLite) on a free loopback port, pushes the repository with `git push
# --mirror` over Git HTTP, runs housekeeping, opens pull request 1 through REST, signs in through the
# login form once and loads each page BENCH_RUNS times (after BENCH_WARMUP_RUNS untimed rounds, in rotating
# order) in a fresh tab: the repository's home, a file, the commits, the pull request's overview and its
# diff. Prints p50/p90 of first contentful paint, DOMContentLoaded and the load event (navigation start to
# each), the page's size, the server's resident memory before and after, and the verdict against the
# targets (repository home and file first paint <= 300 ms; the pull request's diff complete <= 2 s).
# Then it keeps BENCH_CIRCUITS tabs of the repository's home open at once (each with its ref selector's
# interactive circuit live) and reads the server's resident memory at each count and after closing them:
# the growth per open circuit is the slope between the first and the last count.
#
# Knobs: BENCH_COMMITS [20000] BENCH_REPO_FILES [5000] BENCH_FILES [100] BENCH_LINES [50] BENCH_PR_COMMITS [10]
# BENCH_BEHIND [100] BENCH_RUNS [20] BENCH_WARMUP_RUNS [3] BENCH_CIRCUITS [20,50,100]
# BENCH_TAB [fresh; "same" loads every page in one tab, one after the other, as a reader clicking through]
# BENCH_CACHE [/tmp/githost-bench-cache] BENCH_KEEP [0]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=web-pages
. tests/bench/lib/common.sh
. tests/bench/lib/git.sh
. tests/bench/lib/githost.sh

commits=${BENCH_COMMITS:-20000}
repo_files=${BENCH_REPO_FILES:-5000}
cache=${BENCH_CACHE:-/tmp/githost-bench-cache}
files=${BENCH_FILES:-100}
lines=${BENCH_LINES:-50}
pr_commits=${BENCH_PR_COMMITS:-10}
behind=${BENCH_BEHIND:-100}
runs=${BENCH_RUNS:-20}
warmup_runs=${BENCH_WARMUP_RUNS:-3}
circuits=${BENCH_CIRCUITS:-20,50,100}
case "$circuits" in
  *[!0-9,]*|,*|*,|*,,*|"") fail "BENCH_CIRCUITS is a comma-separated list of counts" ;;
esac
case "$commits$repo_files$files$lines$pr_commits$behind$runs$warmup_runs" in
  *[!0-9]*) fail "every BENCH_ number must be a whole number" ;;
esac
command -v chromium >/dev/null || fail "chromium is required (apt-get install chromium)"

init_githost_bench
redact_pattern=$admin_password
protocol=2; client_cpu=(); client_env=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$work/client-home"

prepare_fixture "$commits" "$repo_files" "$cache"
checkout_pr_source "$behind"
echo "Changing $lines lines in each of $files files on feature ..."
make_pr_branch "$tree" "$files" "$lines" "$pr_commits" 1 >"$work/changed-files"
[ "$(wc -l <"$work/changed-files")" = "$files" ] || fail "the branch does not change $files files"

echo "Building the page driver ..."
dotnet build "$root/tests/bench/web-paint" -c Release 2>&1 | tail -n 1
driver=$(ls "$root"/tests/bench/web-paint/bin/Release/net*/web-paint.dll | sort -V | tail -n 1)

start_githost
create_bench_repository
fixture=$source_repo
fill_githost_repository "$(githost_push_url big)" "$source_repo"
githost_call 201 POST /rest/api/1.0/projects/BENCH/repos/big/pull-requests \
  '{"title":"Bench","fromRef":{"id":"refs/heads/feature"},"toRef":{"id":"refs/heads/main"}}'
file=$(head -n 1 "$work/changed-files")
repo=/projects/BENCH/repos/big
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")

echo "Timing $runs rounds (after $warmup_runs untimed) ..."
dotnet "$driver" "$githost_base" admin "$admin_password" "$runs" "$warmup_runs" "$work/results" \
  "home=$repo/browse" "file=$repo/browse/$file" "commits=$repo/commits" \
  "pr-overview=$repo/pull-requests/1/overview" "pr-diff=$repo/pull-requests/1/diff" >"$work/log/driver.txt" 2>&1 ||
  { cat "$work/log/driver.txt" >&2; fail "the page driver failed"; }
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")

echo "Opening tabs with live circuits ($circuits) ..."
circuit_rss=()
coproc DRIVER { dotnet "$driver" circuits "$githost_base" admin "$admin_password" "$repo/browse" "$circuits" 2>"$work/log/circuits.txt"; }
driver_pid=$DRIVER_PID
while read -r line <&"${DRIVER[0]}"; do
  circuit_rss+=("$line=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")")
  echo go >&"${DRIVER[1]}"
done
wait "$driver_pid" || { cat "$work/log/circuits.txt" >&2; fail "the circuit driver failed"; }

column() { awk -v c="$2" '{ print $c }' "$1" >"$1.$2"; echo "$1.$2"; }
p90() { sort -n "$1" | awk '{ a[++n] = $1 } END { i = int(n * 0.9) + 1; if (i > n) i = n; print a[i] }'; }
echo
echo "### Web pages on a $commits-commit / $repo_files-file repository; pull request of $files files, $((files * lines)) changed lines"
echo
echo "Machine: $(nproc) CPU ($(cpu_model)), $(chromium --version 2>/dev/null | head -n 1), .NET $(dotnet --version 2>/dev/null || echo '?'), commit $(commit_shown), load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Signed in as admin, each page in $([ "${BENCH_TAB:-fresh}" = same ] && echo "the same tab as the one before" || echo "a fresh tab"), $runs rounds after $warmup_runs untimed; times from navigation start."
echo
echo "| page | first contentful paint p50 / p90 | DOMContentLoaded p50 / p90 | load p50 / p90 | HTML bytes |"
echo "| --- | --- | --- | --- | --- |"
for pair in "home:repository home" "file:a file" "commits:commits" "pr-overview:pull request overview" "pr-diff:pull request diff"; do
  name=${pair%%:*}; f="$work/results/$name"
  fcp=$(column "$f" 1); dcl=$(column "$f" 2); load=$(column "$f" 3); size=$(column "$f" 4)
  printf '| %s | %s / %s ms | %s / %s ms | %s / %s ms | %s |\n' "${pair#*:}" \
    "$(fmt "$(median "$fcp")")" "$(fmt "$(p90 "$fcp")")" "$(fmt "$(median "$dcl")")" "$(fmt "$(p90 "$dcl")")" \
    "$(fmt "$(median "$load")")" "$(fmt "$(p90 "$load")")" "$(median "$size")"
done
echo
home=$(median "$work/results/home.1"); file_fcp=$(median "$work/results/file.1"); diff_load=$(median "$work/results/pr-diff.3")
echo "Server resident memory: $(mib "$rss_before") MiB before the page loads, $(mib "$rss_after") MiB after."
circuit_line=""; first_count=""; first_kib=""; last_count=""; last_kib=""
for entry in "${circuit_rss[@]}"; do
  what=${entry%=*}; kib=${entry##*=}
  circuit_line+="${circuit_line:+, }$what: $(mib "$kib") MiB"
  case "$what" in
    "open "*) count=${what#open }; [ -n "$first_count" ] || { first_count=$count; first_kib=$kib; }; last_count=$count; last_kib=$kib ;;
  esac
done
echo "Open circuits (tabs of the repository home, each circuit live), server resident memory: $circuit_line."
if [ -n "$first_count" ] && [ "$last_count" -gt "$first_count" ]; then
  echo "Memory per open circuit (slope from $first_count to $last_count tabs): $(awk -v a="$first_kib" -v b="$last_kib" -v n=$((last_count - first_count)) 'BEGIN { printf "%.0f", (b - a) / n }') KiB"
fi
echo "Targets: repository home first paint p50 $(fmt "$home") ms <= 300: $(verdict "$(at_most "$home" 1 300)"); file first paint p50 $(fmt "$file_fcp") ms <= 300: $(verdict "$(at_most "$file_fcp" 1 300)"); pull request diff complete p50 $(fmt "$diff_load") ms <= 2000: $(verdict "$(at_most "$diff_load" 1 2000)")"
echo "Reproduce: BENCH_COMMITS=$commits BENCH_REPO_FILES=$repo_files BENCH_FILES=$files BENCH_LINES=$lines BENCH_PR_COMMITS=$pr_commits BENCH_BEHIND=$behind BENCH_RUNS=$runs BENCH_WARMUP_RUNS=$warmup_runs BENCH_CIRCUITS=$circuits BENCH_TAB=${BENCH_TAB:-fresh} tests/bench/web-pages.sh"
