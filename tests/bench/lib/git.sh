# Git helpers shared by the Git transport benchmarks (sourced after common.sh).
# Expects: root, work (with client-home/, log/, results/), protocol, client_cpu (array),
# client_env (array of NAME=VALUE for the client, e.g. GIT_SSH_COMMAND), redact_pattern (a secret
# to hide in printed logs, may be empty).

# The git client: isolated from the user's and the system's configuration, fixed identity,
# never prompts, the chosen protocol version, pinned to the client CPU when BENCH_PIN=1.
client_git() {
  env HOME="$work/client-home" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 \
    GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com \
    "${client_env[@]}" "${client_cpu[@]}" git -c protocol.version="$protocol" "$@"
}

redacted() { if [ -n "${redact_pattern:-}" ]; then sed "s/$redact_pattern/***/g" "$@"; else cat "$@"; fi; }

# run_or_fail LOG COMMAND...: runs a client command, fails the benchmark with its output on error.
run_or_fail() {
  local log=$1; shift
  "$@" >"$log" 2>&1 || fail "$* failed: $(redacted "$log" | tail -n 5)"
}

# Server-side housekeeping, identical for every server (and what GitHost's maintenance does):
# one pack with a reachability bitmap, a commit-graph, packed refs.
housekeeping() {
  git -C "$1" repack -q -adb --write-bitmap-index
  git -C "$1" commit-graph write --reachable
  git -C "$1" pack-refs --all
}
pack_bytes() { du -cb "$1"/objects/pack/*.pack | tail -n 1 | cut -f1; }
refs_of() { git -C "$1" for-each-ref --format='%(objectname) %(refname)' refs/heads refs/tags; }

# check_protocol NAME URL: fails unless the server answers in the protocol the clients ask for (a
# v2 client silently falls back to v0 when the server ignores it, which would compare unlike things).
check_protocol() {
  [ "$protocol" = 2 ] || return 0
  GIT_TRACE_PACKET=1 client_git ls-remote "$2" 2>"$work/log/$1-protocol.txt" >/dev/null || true
  # The trace names the reading process: "git<" for the HTTP helper, "ls-remote<" over SSH.
  grep -q '< version 2$' "$work/log/$1-protocol.txt" ||
    fail "$1 did not answer with protocol v2 (see $work/log/$1-protocol.txt; BENCH_KEEP=1 keeps it)"
}

# prepare_fixture COMMITS FILES CACHE: sets fixture to the cached bare repository of that size,
# generating it once per size and generator version with tests/bench/git-http-repo.py.
prepare_fixture() {
  local commits=$1 files=$2 cache=$3 generator="$root/tests/bench/git-http-repo.py" tmp_fixture started
  fixture="$cache/repo-c$commits-f$files-$(sha1sum "$generator" | cut -c1-10).git"
  if [ ! -f "$fixture/bench-complete" ]; then
    echo "Generating $commits commits x $files files into $fixture (once) ..."
    mkdir -p "$cache"
    tmp_fixture=$(mktemp -d "$cache/generating.XXXXXX")
    started=$(now_ns)
    git init -q --bare "$tmp_fixture"
    git -C "$tmp_fixture" symbolic-ref HEAD refs/heads/main
    # glibc returns fast-import's freed blob buffers to the kernel after each one (brk churn: 10x
    # slower, almost all system time); a larger top pad and trim threshold avoid that.
    python3 "$generator" "$commits" "$files" |
      GLIBC_TUNABLES=glibc.malloc.top_pad=268435456:glibc.malloc.trim_threshold=536870912 \
        git -C "$tmp_fixture" fast-import --quiet
    echo "  fast-import: $(ms_since "$started") ms"
    # fast-import deltas each blob only against the blob written just before it (a 5x larger pack
    # than real history); one full delta search gives the pack a client's push would deliver.
    git -C "$tmp_fixture" repack -q -adf
    git -C "$tmp_fixture" pack-refs --all
    touch "$tmp_fixture/bench-complete"
    rm -rf "$fixture"
    mv "$tmp_fixture" "$fixture"
    echo "  generated in $(ms_since "$started") ms"
  fi
  echo "Repository: $fixture ($(git -C "$fixture" rev-list --count refs/heads/main) commits, $(git -C "$fixture" ls-tree -r refs/heads/main | wc -l) files, pack $(pack_bytes "$fixture") bytes)"
}

# --- memory sampling (tests/bench/tree-rss.py) ---------------------------------------------------
# start_rss_sampler OUT ROOT_PID...: samples every 100 ms until stop_rss_sampler; sets sampler_pid.
start_rss_sampler() {
  local out=$1 i; shift
  python3 "$root/tests/bench/tree-rss.py" "$out" 0.1 "$@" &
  sampler_pid=$!
  for i in $(seq 1 300); do [ -f "$out.ready" ] && break; sleep 0.1; done
  [ -f "$out.ready" ] || fail "the memory sampler did not start within 30 s"
  rm -f "$out.ready"
}
stop_rss_sampler() {   # OUT
  kill "$sampler_pid"; wait "$sampler_pid" || true; sampler_pid=""
  [ -s "$1" ] || fail "the memory sampler wrote no result"
}
# peak_kb SERVER COLUMN: the highest sample of all runs (column 1: the roots, 2: the whole trees).
peak_kb() { cat "$work"/results/rss-"$1"-* | awk -v col="$2" '{ if ($col > m) m = $col } END { print m + 0 }'; }

# before_git_op SERVER: with BENCH_PACK_CACHE=cold, GitHost's pack cache is emptied before each
# measured clone or fetch, so every one is a miss (warm, the default: the first run fills it; off:
# GitHost runs with the cache disabled, see githost_cache_settings).
before_git_op() {
  if [ "$1" = githost ] && [ "${BENCH_PACK_CACHE:-warm}" = cold ]; then rm -rf "${githost_home:?}/caches/upload-pack"; fi
}

# githost_cache_settings: the server settings BENCH_PACK_CACHE asks for (as env assignments).
githost_cache_settings() {
  case "${BENCH_PACK_CACHE:-warm}" in
    warm|cold) ;;
    off) echo "GitHost__Git__PackCache__Enabled=false" ;;
    *) fail "BENCH_PACK_CACHE: warm, cold or off, not '${BENCH_PACK_CACHE}'" ;;
  esac
}

# --- scenarios shared by the transport benchmarks (url is an associative array SERVER -> URL) ---
# --- server CPU (cgroup v1 cpuacct) -------------------------------------------------------------
# account_cpu SERVER: moves the server's process trees (server_roots, defined by each benchmark)
# into a cpuacct group of their own, so that what they start later (http-backend, sshd sessions,
# upload-pack, pack-objects) is counted however it ends and whoever reaps it. Needs root and a
# cgroup v1 cpuacct hierarchy; without them the CPU rows say "not measured".
declare -A cpu_group
account_cpu() {
  local group=/sys/fs/cgroup/cpuacct/githost-bench-$$-$1 pid
  cpu_group[$1]=""
  [ -w /sys/fs/cgroup/cpuacct ] || return 0
  mkdir -p "$group"
  # shellcheck disable=SC2046 # the roots are separate pids
  for pid in $(python3 "$root/tests/bench/tree-pids.py" $(server_roots "$1")); do
    echo "$pid" >"$group/cgroup.procs" 2>/dev/null || true   # a process may end meanwhile
  done
  cpu_group[$1]=$group
}
# release_cpu_groups: removes the groups once their processes are gone (cleanup, after the servers stop).
release_cpu_groups() {
  local group i
  for group in "${cpu_group[@]}"; do
    [ -n "$group" ] && [ -d "$group" ] || continue
    # Killed servers take a moment to leave: wait (up to 5 s) until the group is empty.
    for i in $(seq 1 50); do [ -s "$group/cgroup.procs" ] || break; sleep 0.1; done
    rmdir "$group" 2>/dev/null || echo "cpuacct group $group left behind (still in use)" >&2
  done
}
# server_cpu_ms SERVER: CPU time (ms) the server has used since account_cpu, or nothing when not measured.
server_cpu_ms() {
  [ -n "${cpu_group[$1]:-}" ] && awk '{ printf "%d", $1 / 1e6 }' "${cpu_group[$1]}/cpuacct.usage"
  return 0
}
# cpu_row LABEL BASELINE GITHOST SCENARIO: a report row of the median server CPU per clone of
# results/<server>-SCENARIO, and GitHost's ratio to the baseline.
cpu_row() {
  local b g
  if [ -s "$work/results/$2-$4" ] && [ -s "$work/results/$3-$4" ]; then
    b=$(median "$work/results/$2-$4"); g=$(median "$work/results/$3-$4")
    row "$1" "$(fmt "$b" 0) ms" "$(fmt "$g" 0) ms" "$(ratio "$g" "$b")" "(reported)" ""
  else
    row "$1" "not measured (needs root and cgroup v1 cpuacct)" "" "" "(reported)" ""
  fi
}
# cpu_delta BEFORE AFTER [DIVISOR]: the difference, divided, or nothing when either is unknown.
cpu_delta() { [ -n "$1" ] && [ -n "$2" ] && echo $(( ($2 - $1) / ${3:-1} )); return 0; }

clone_once() {   # server run -> appends ms to results/<server>-clone, server CPU ms to results/<server>-clone-cpu
  local dest="$work/clones/$1-clone" started cpu_before
  rm -rf "$dest"
  before_git_op "$1"
  cpu_before=$(server_cpu_ms "$1")
  started=$(now_ns)
  run_or_fail "$work/log/$1-clone.txt" client_git clone -q --bare "${url[$1]}" "$dest"
  echo "$(ms_since "$started")" >>"$work/results/$1-clone"
  cpu_delta "$cpu_before" "$(server_cpu_ms "$1")" >>"$work/results/$1-clone-cpu"
  [ -f "$work/results/$1-clone-bytes" ] || pack_bytes "$dest" >"$work/results/$1-clone-bytes"
  rm -rf "$dest"
}

# concurrent_clones SERVER RUN: $concurrency bare clones started together, while the RSS of the
# server's process trees is sampled; appends the wall time until the last one ends to
# results/SERVER-concurrent, the server's CPU per clone to results/SERVER-concurrent-cpu and the
# number of failed clones to results/SERVER-concurrent-failed.
# The clones (and their logs, log/SERVER-cN.txt) stay for the caller to check and remove.
concurrent_clones() {
  local server=$1 run=$2 i started cpu_before pids=() failed=0
  before_git_op "$server"
  # shellcheck disable=SC2046 # the roots are separate pids
  start_rss_sampler "$work/results/rss-$server-$run" $(server_roots "$server")
  cpu_before=$(server_cpu_ms "$server")
  started=$(now_ns)
  for i in $(seq 1 "$concurrency"); do
    client_git clone -q --bare "${url[$server]}" "$work/clones/$server-c$i" >"$work/log/$server-c$i.txt" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed=$((failed + 1)); done
  echo "$(ms_since "$started")" >>"$work/results/$server-concurrent"
  cpu_delta "$cpu_before" "$(server_cpu_ms "$server")" "$concurrency" >>"$work/results/$server-concurrent-cpu"
  stop_rss_sampler "$work/results/rss-$server-$run"
  echo "$failed" >>"$work/results/$server-concurrent-failed"
}

# clone_throughput SERVER: "<clones/s> <MB/s>" of the median concurrent run (10^6 bytes of pack).
clone_throughput() {
  awk -v c="$concurrency" -v b="$(cat "$work/results/$1-clone-bytes")" -v ms="$(median "$work/results/$1-concurrent")" \
    'BEGIN { printf "%.2f %.1f", c / (ms / 1000), c * b / 1e6 / (ms / 1000) }'
}

# read_transport_knobs BASELINE DEFAULT_CONCURRENCY: the knobs both transport benchmarks share
# (see their headers); fails unless BENCH_SERVERS names the baseline.
read_transport_knobs() {
  commits=${BENCH_COMMITS:-20000}
  files=${BENCH_FILES:-5000}
  cache=${BENCH_CACHE:-/tmp/githost-bench-cache}
  runs=${BENCH_RUNS:-5}
  concurrency=${BENCH_CONCURRENCY:-$2}
  protocol=${BENCH_PROTOCOL:-2}
  servers=${BENCH_SERVERS:-$1 githost}
  pin=${BENCH_PIN:-0}
  admin_password="bench-admin-$RANDOM$RANDOM"
  redact_pattern=$admin_password
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  case " $servers " in *" $1 "*) ;; *) fail "BENCH_SERVERS must include $1 (the baseline every ratio is taken against)" ;; esac
  with_githost=0
  case " $servers " in *" githost "*) with_githost=1 ;; esac
  case $protocol in 0|1|2) ;; *) fail "BENCH_PROTOCOL must be 0, 1 or 2" ;; esac
  server_cpu=(); client_cpu=(); client_env=()
  if [ "$pin" = 1 ]; then server_cpu=(taskset -c 0); client_cpu=(taskset -c 1); fi
}

# run_order RUN: the measured servers, the first one alternating between runs so neither always
# runs on the warmer cache.
run_order() {
  if [ $(($1 % 2)) = 0 ] && [ ${#measured[@]} = 2 ]; then echo "${measured[1]} ${measured[0]}"; else echo "${measured[*]}"; fi
}

# print_every_run SCENARIO...: every single result per server and scenario.
print_every_run() {
  local server scenario
  for server in "${measured[@]}"; do
    for scenario in "$@"; do
      echo "  $server $scenario: $(grep . "$work/results/$server-$scenario" | tr '\n' ' ')"
    done
  done
}

# make_pr_branch TREE FILES LINES COMMITS BLOCKS: in the checked-out work tree TREE, changes LINES lines
# (insertions + deletions) of each of FILES text files in COMMITS commits and prints the changed paths.
make_pr_branch() {
  # Text files of at least 2 x lines lines, spread over the tree; in each, BENCH_BLOCKS blocks spread over the file
  # of lines/2 lines in all get " // changed" appended: each is one removed and one added line, so the diff
  # counts `lines` changed lines per file (insertions + deletions, as git diff --shortstat and Bitbucket count them).
  python3 - "$@" <<'PY'
import os, subprocess, sys
tree, files, lines, commits, blocks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
paths = subprocess.run(["git", "-C", tree, "ls-files", "-z"], check=True, capture_output=True).stdout.decode().split("\0")
candidates = []
for path in sorted(p for p in paths if p):
    with open(os.path.join(tree, path), "rb") as f:
        data = f.read()
    if b"\0" not in data and b"\r" not in data and data.count(b"\n") >= 2 * lines:
        candidates.append(path)
if len(candidates) < files:
    sys.exit(f"only {len(candidates)} files have {2 * lines} lines or more; fewer BENCH_LINES or a larger repository")
chosen = [candidates[i * len(candidates) // files] for i in range(files)]
modified = lines // 2
for path in chosen:
    full = os.path.join(tree, path)
    with open(full, encoding="utf-8") as f:
        text = f.read().split("\n")
    n = len(text) - 1 if text[-1] == "" else len(text)
    for b in range(blocks):
        size = modified * (b + 1) // blocks - modified * b // blocks
        start = (b * 2 + 1) * n // (blocks * 2) - size // 2
        for i in range(start, start + size):
            text[i] += " // changed"
    with open(full, "w", encoding="utf-8") as f:
        f.write("\n".join(text))
for c in range(commits):
    part = chosen[c * files // commits:(c + 1) * files // commits]
    if part:
        subprocess.run(["git", "-C", tree, "add", "--", *part], check=True)
        subprocess.run(["git", "-C", tree, "commit", "-q", "-m", f"Change {len(part)} files ({c + 1})"], check=True)
print("\n".join(chosen))
PY
}

# checkout_pr_source BEHIND: a bare copy of the fixture in $work/source.git with branch feature off
# main~BEHIND checked out in $work/tree, ready for make_pr_branch; sets source_repo and tree.
checkout_pr_source() {
  source_repo="$work/source.git"
  git clone -q --bare --no-local "$fixture" "$source_repo"
  tree="$work/tree"
  git -C "$source_repo" worktree add -q -b feature "$tree" "main~$1" 2>"$work/log/worktree.txt" ||
    fail "git worktree add failed: $(tail -n 3 "$work/log/worktree.txt")"
  git -C "$tree" config user.name Bench && git -C "$tree" config user.email bench@example.com
}
