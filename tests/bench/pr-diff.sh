#!/usr/bin/env bash
# Pull request diff benchmark: GET .../pull-requests/1/diff (Bitbucket's JSON diff) and .../pull-requests/1.diff
# (raw text) of a pull request changing BENCH_FILES files (BENCH_LINES changed lines each, insertions + deletions;
# defaults: 100 files, 5,000 changed lines) in the benchmark repository of tests/bench/git-http.sh (20,000 commits, 5,000 files), against
# `git diff main...feature` of the same range run on GitHost's own copy of the repository in the same run.
# SQLite only: the diff is git's and the parser's work, not the database's.
#
#   tests/bench/pr-diff.sh
#   BENCH_COMMITS=200 BENCH_REPO_FILES=300 BENCH_FILES=10 BENCH_RUNS=3 tests/bench/pr-diff.sh   # a quick check
#
# Generates (once, cached; lib/git.sh prepare_fixture) the repository, branches `feature` off main~BENCH_BEHIND
# and modifies BENCH_LINES / 2 lines (in BENCH_BLOCKS blocks spread over the file) of each of BENCH_FILES text
# files of at least 2 x BENCH_LINES lines, in BENCH_PR_COMMITS commits. With the defaults the JSON diff
# (7,000 lines with context) stays under GitHost's 10,000-line cap, so both sides show the same whole diff. Builds Release, starts GitHost on a free loopback port with
# a throw-away data home, creates BENCH/big, pushes everything into it with `git push --mirror` over Git HTTP,
# runs the server's housekeeping on the stored repository, opens pull request 1 and checks its JSON diff (file
# count) and diff-stats-summary (against `git diff --shortstat`). Then times BENCH_RUNS rounds after
# BENCH_WARMUP_RUNS untimed ones; each round runs every measurement once, in rotating order, so the machine's
# noise falls on all of them alike:
#   REST diff (JSON)      GET .../pull-requests/1/diff?contextLines=C     (with comments, Bitbucket's default)
#   REST .diff (text)     GET .../pull-requests/1.diff?contextLines=C
#   git diff A...B        git diff --unified=C main...feature             (the target's baseline)
#   git diff (server's)   the options the JSON diff runs git with, on the resolved range (where git's time goes)
# and prints p50/p90/max in ms (and the median CPU time per call), the JSON diff's ratio to `git diff`, the verdict against the targets (JSON diff
# <= 300 ms and <= 1.5 x git diff), the machine and the command that reproduces it. Stops all it starts on exit.
#
# Knobs (environment), defaults in brackets:
#   BENCH_COMMITS [20000]  BENCH_REPO_FILES [5000]   size of the generated repository
#   BENCH_CACHE [/tmp/githost-bench-cache]           where generated repositories are kept between runs
#   BENCH_FILES [100]  BENCH_LINES [50]              files the pull request changes, changed lines in each (even)
#   BENCH_BLOCKS [1]                                 blocks of changed lines per file (one hunk each)
#   BENCH_PR_COMMITS [10]  BENCH_BEHIND [100]        commits on feature; commits main is ahead of the branch point
#   BENCH_RUNS [20]  BENCH_WARMUP_RUNS [5]  BENCH_CONTEXT [10: contextLines]
#   BENCH_KEEP [0; 1 keeps the work folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=pr-diff
. tests/bench/lib/common.sh
. tests/bench/lib/git.sh
. tests/bench/lib/githost.sh

commits=${BENCH_COMMITS:-20000}
repo_files=${BENCH_REPO_FILES:-5000}
cache=${BENCH_CACHE:-/tmp/githost-bench-cache}
files=${BENCH_FILES:-100}
lines=${BENCH_LINES:-50}
pr_commits=${BENCH_PR_COMMITS:-10}
blocks=${BENCH_BLOCKS:-1}
behind=${BENCH_BEHIND:-100}
runs=${BENCH_RUNS:-20}
warmup_runs=${BENCH_WARMUP_RUNS:-5}
context=${BENCH_CONTEXT:-10}
case "$commits$repo_files$files$lines$pr_commits$blocks$behind$runs$warmup_runs$context" in
  *[!0-9]*) fail "every BENCH_ number must be a whole number" ;;
esac
[ "$runs" -ge 1 ] && [ "$pr_commits" -ge 1 ] && [ "$blocks" -ge 1 ] || fail "BENCH_RUNS, BENCH_PR_COMMITS and BENCH_BLOCKS must be at least 1"
[ $((lines % 2)) = 0 ] && [ "$lines" -ge $((2 * blocks)) ] || fail "BENCH_LINES must be even and at least 2 x BENCH_BLOCKS (each changed line is removed and added)"
[ "$behind" -lt "$commits" ] || fail "BENCH_BEHIND must be less than BENCH_COMMITS"
for tool in curl python3 git dotnet; do command -v "$tool" >/dev/null || fail "$tool is required"; done

admin_password="bench-admin-$RANDOM$RANDOM"
redact_pattern=$admin_password
protocol=2; server_cpu=(); client_cpu=(); client_env=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d /tmp/githost-bench-diff.XXXXXX)
mkdir -p "$work"/{log,client-home,results}
server_pid=""

cleanup() {
  stop_githost
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- the repository and the pull request's branch ------------------------------------------------
prepare_fixture "$commits" "$repo_files" "$cache"
checkout_pr_source "$behind"
echo "Changing $lines lines in each of $files files on feature (off main~$behind), in $pr_commits commits ..."
make_pr_branch "$tree" "$files" "$lines" "$pr_commits" "$blocks" >"$work/changed-files"
[ "$(wc -l <"$work/changed-files")" = "$files" ] || fail "the branch does not change $files files"

# --- GitHost, the pushed repository and pull request 1 -------------------------------------------
start_githost
create_bench_repository
fixture=$source_repo   # what fill_githost_repository pushes: the generated history and the branch
fill_githost_repository "$(githost_push_url big)" "$source_repo"
githost_call 201 POST /rest/api/1.0/projects/BENCH/repos/big/pull-requests \
  '{"title":"Bench","fromRef":{"id":"refs/heads/feature"},"toRef":{"id":"refs/heads/main"}}'
pr="/rest/api/1.0/projects/BENCH/repos/big/pull-requests/1"
githost_call 200 GET "$pr/diff?contextLines=$context"
got_files=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["diffs"]), d["truncated"])' "$work/log/rest.json")
[ "$got_files" = "$files False" ] || echo "pr-diff: note: the JSON diff has (files, truncated) = ($got_files); the content limits cap it"
githost_call 200 GET "$pr/diff-stats-summary"
stats=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["filesChanged"], d["linesAdded"], d["linesRemoved"])' "$work/log/rest.json")
git_stats=$(git -C "$githost_repo" diff --shortstat main...feature | python3 -c '
import re, sys
t = sys.stdin.read()
print(*(int(m.group(1)) if (m := re.search(p, t)) else 0 for p in (r"(\d+) files? changed", r"(\d+) insertions?", r"(\d+) deletions?")))')
[ "$stats" = "$git_stats" ] || fail "diff-stats-summary says (files, added, removed) = ($stats), git diff --shortstat ($git_stats)"
[ "$git_stats" = "$files $((files * lines / 2)) $((files * lines / 2))" ] || fail "git diff --shortstat says ($git_stats), not $files files with $((files * lines)) changed lines"
merge_base=$(git -C "$githost_repo" merge-base main feature)

echo "Timing $runs rounds (after $warmup_runs untimed) ..."
python3 - "$githost_base" "$admin_password" "$pr" "$context" "$githost_repo" "$merge_base" "$runs" "$warmup_runs" "$work/results" "$server_pid" <<'PY'
import base64, os, resource, subprocess, sys, time, urllib.request
base, password, pr, context, repo, merge_base, runs, warmup, results, server = sys.argv[1:11]
runs, warmup = int(runs), int(warmup)
tick = os.sysconf("SC_CLK_TCK")

def cpu_ms():
    """CPU time of the server (with the git processes it ran and reaped) and of this script's children."""
    with open(f"/proc/{server}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    server_ms = sum(int(v) for v in fields[11:15]) * 1000 / tick
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return server_ms + (children.ru_utime + children.ru_stime) * 1000
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()

def rest(path):
    def run():
        with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": auth})) as r:
            assert r.status == 200, r.status
            return len(r.read())
    return run

def git(*args):
    def run():
        return len(subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout)
    return run

measurements = [
    ("json", rest(f"{pr}/diff?contextLines={context}")),
    ("text", rest(f"{pr}.diff?contextLines={context}")),
    ("git", git("diff", f"--unified={context}", "main...feature")),
    ("git-server", git("diff", "--raw", "-z", "-p", "-M", "--no-abbrev", "--no-color", "--no-ext-diff", "--no-textconv",
                       f"--unified={context}", "--end-of-options", merge_base, "feature", "--")),
]
times = {name: [] for name, _ in measurements}
cpu = {name: [] for name, _ in measurements}
sizes = {}
for round in range(warmup + runs):
    shift = round % len(measurements)
    for name, run in measurements[shift:] + measurements[:shift]:
        cpu_start, start = cpu_ms(), time.perf_counter()
        sizes[name] = run()
        if round >= warmup:
            times[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append(cpu_ms() - cpu_start)
for name, _ in measurements:
    with open(f"{results}/{name}", "w") as out:
        out.write("\n".join(f"{t:.3f}" for t in times[name]) + "\n")
    with open(f"{results}/{name}-cpu", "w") as out:
        out.write("\n".join(f"{t:.3f}" for t in cpu[name]) + "\n")
    with open(f"{results}/{name}-bytes", "w") as out:
        out.write(f"{sizes[name]}\n")
PY

# --- report ------------------------------------------------------------------------------------
p90() { sort -n "$1" | awk '{ a[++n] = $1 } END { i = int(n * 0.9) + 1; if (i > n) i = n; print a[i] }'; }
maximum() { sort -n "$1" | tail -n 1; }
json=$(median "$work/results/json"); gitdiff=$(median "$work/results/git")
echo
echo "### Pull request diff: $files files, $((files * lines)) changed lines ($((files * lines / 2)) insertions, as many deletions), in a $commits-commit / $repo_files-file repository"
echo
echo "Machine: $(nproc) CPU ($(cpu_model)), $(git --version), .NET $(dotnet --version 2>/dev/null || echo '?'), commit $(commit_shown), load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Pull request: feature (off main~$behind, $pr_commits commits) into main; contextLines=$context; $runs rounds after $warmup_runs untimed."
echo
echo "| measurement | p50 | p90 | max | CPU p50 | bytes |"
echo "| --- | --- | --- | --- | --- | --- |"
for pair in "json:REST diff (JSON)" "text:REST .diff (text)" "git:\`git diff main...feature\`" "git-server:\`git diff\` as the JSON diff runs it"; do
  name=${pair%%:*}
  printf '| %s | %s ms | %s ms | %s ms | %s ms | %s |\n' "${pair#*:}" "$(fmt "$(median "$work/results/$name")")" \
    "$(fmt "$(p90 "$work/results/$name")")" "$(fmt "$(maximum "$work/results/$name")")" "$(fmt "$(median "$work/results/$name-cpu")")" \
    "$(cat "$work/results/$name-bytes")"
done
echo
json_cpu=$(median "$work/results/json-cpu"); gitdiff_cpu=$(median "$work/results/git-cpu")
echo "CPU p50: the server's CPU time (with the git it ran) per REST request, git's own for the git commands; on a busy"
echo "machine it shows the work done when wall times mostly show waiting. JSON diff / git diff CPU: $(ratio "$json_cpu" "$gitdiff_cpu")"
echo "JSON diff: p50 $(fmt "$json") ms = $(ratio "$json" "$gitdiff") x git diff (target <= 300 ms: $(verdict "$(at_most "$json" 1 300)"); <= 1.5 x git diff: $(verdict "$(at_most "$json" 1.5 "$gitdiff")"))"
echo "Reproduce: BENCH_COMMITS=$commits BENCH_REPO_FILES=$repo_files BENCH_FILES=$files BENCH_LINES=$lines BENCH_BLOCKS=$blocks BENCH_PR_COMMITS=$pr_commits BENCH_BEHIND=$behind BENCH_RUNS=$runs BENCH_WARMUP_RUNS=$warmup_runs BENCH_CONTEXT=$context tests/bench/pr-diff.sh"
