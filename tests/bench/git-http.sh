#!/usr/bin/env bash
# Git over HTTP benchmark: GitHost's /scm/{key}/{slug}.git against nginx + fcgiwrap + git http-backend.
#
#   tests/bench/git-http.sh
#
# Generates (once, cached) a repository of 20,000 commits and 5,000 files with git fast-import,
# serves it from nginx + fcgiwrap + `git http-backend` (the stock smart-HTTP ceiling, peers.md §3c)
# and from GitHost (Release build, SQLite, Basic auth as admin), both on free loopback ports with
# identical packs (repack -adb with bitmaps + commit-graph), then measures, alternating the two
# servers, each BENCH_RUNS times: (a) full bare clone, (b) no-op fetch in an up-to-date mirror,
# (c) push of one new commit changing one small file (only the push is timed; the branch is
# deleted afterwards), (d) BENCH_CONCURRENCY clones at once (throughput, and the servers' peak
# RSS sampled every 100 ms). Prints a Markdown table of medians, ratios and targets, the machine
# and the command that reproduces it. Everything it starts is stopped on exit.
# Targets: clone <= 1.10 x http-backend; no-op fetch <= 1.2 x; push <= http-backend + 50 ms;
# concurrent clones >= 0.9 x http-backend's throughput with GitHost's own RSS < 500 MiB.
#
# Knobs (environment), defaults in brackets:
#   BENCH_COMMITS [20000]  BENCH_FILES [5000]   size of the generated repository
#   BENCH_CACHE [/tmp/githost-bench-cache]      where generated repositories are kept between runs
#   BENCH_RUNS [5]  BENCH_CONCURRENCY [16]      runs per scenario (median reported); parallel clones in (d)
#   BENCH_PROTOCOL [2; 0 for the v0 protocol]   client protocol.version for clone and fetch (push is always v0)
#   BENCH_SERVERS ["http-backend githost"; "http-backend" measures the baseline alone]
#   BENCH_PIN [0; 1 pins the servers to CPU0 and the git clients to CPU1 with taskset, as peers.md §3c advises]
#   BENCH_KEEP [0; 1 keeps the work folder (server logs, configs) after the run]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

commits=${BENCH_COMMITS:-20000}
files=${BENCH_FILES:-5000}
cache=${BENCH_CACHE:-/tmp/githost-bench-cache}
runs=${BENCH_RUNS:-5}
concurrency=${BENCH_CONCURRENCY:-16}
protocol=${BENCH_PROTOCOL:-2}
servers=${BENCH_SERVERS:-http-backend githost}
pin=${BENCH_PIN:-0}
admin_password="bench-admin-$RANDOM$RANDOM"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

fail() { echo "git-http: $*" >&2; exit 1; }
case " $servers " in *" http-backend "*) ;; *) fail "BENCH_SERVERS must include http-backend (the baseline every ratio is taken against)" ;; esac
with_githost=0
case " $servers " in *" githost "*) with_githost=1 ;; esac
case $protocol in 0|1|2) ;; *) fail "BENCH_PROTOCOL must be 0, 1 or 2" ;; esac

work=$(mktemp -d /tmp/githost-bench-git.XXXXXX)
mkdir -p "$work"/{run,log,nginx,repos,client-home,results,clones}
server_pid=""; nginx_pid=""; fcgiwrap_pid=""; sampler_pid=""

cleanup() {
  [ -n "$sampler_pid" ] && { kill "$sampler_pid" 2>/dev/null || true; }
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  # Both were started in their own session: stopping the group also stops fcgiwrap's prefork
  # children and nginx's workers (killing only fcgiwrap's master leaves its children running).
  [ -n "$nginx_pid" ] && { kill -- "-$nginx_pid" 2>/dev/null || true; }
  [ -n "$fcgiwrap_pid" ] && { kill -- "-$fcgiwrap_pid" 2>/dev/null || true; }
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ns() { date +%s%N; }
ms_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

# --- tools -------------------------------------------------------------------------------------
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fcgiwrap_bin=$(command -v fcgiwrap || echo /usr/sbin/fcgiwrap)
need_packages=()
[ -x "$nginx_bin" ] || need_packages+=(nginx)
[ -x "$fcgiwrap_bin" ] || need_packages+=(fcgiwrap)
command -v curl >/dev/null || need_packages+=(curl)
command -v python3 >/dev/null || need_packages+=(python3)
command -v git >/dev/null || need_packages+=(git)
if [ ${#need_packages[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "missing packages: ${need_packages[*]}. Install them (apt-get install ${need_packages[*]}) or run as root."
  echo "Installing ${need_packages[*]} ..."
  apt-get update -qq
  # The packages' own services are not wanted: on Debian images /usr/sbin/policy-rc.d usually stops
  # them from starting; without it nginx would also start on port 80 until stopped by hand.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  fcgiwrap_bin=$(command -v fcgiwrap || echo /usr/sbin/fcgiwrap)
fi
http_backend="$(git --exec-path)/git-http-backend"
[ -x "$http_backend" ] || fail "git-http-backend not found at $http_backend"
server_cpu=(); client_cpu=()
if [ "$pin" = 1 ]; then server_cpu=(taskset -c 0); client_cpu=(taskset -c 1); fi

# The git client: isolated from the user's and the system's configuration, fixed identity,
# never prompts, the chosen protocol version, pinned to the client CPU when BENCH_PIN=1.
client_git() {
  env HOME="$work/client-home" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 \
    GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com \
    "${client_cpu[@]}" git -c protocol.version="$protocol" "$@"
}

# Server-side housekeeping, identical for both servers (and what GitHost's maintenance does):
# one pack with a reachability bitmap, a commit-graph, packed refs.
housekeeping() {
  git -C "$1" repack -q -adb --write-bitmap-index
  git -C "$1" commit-graph write --reachable
  git -C "$1" pack-refs --all
}
pack_bytes() { du -cb "$1"/objects/pack/*.pack | tail -n 1 | cut -f1; }
refs_of() { git -C "$1" for-each-ref --format='%(objectname) %(refname)' refs/heads refs/tags; }

# Fails unless the server answers in the protocol the clients ask for (a v2 client silently falls
# back to v0 when the server ignores the Git-Protocol header, which would compare unlike things).
check_protocol() {
  [ "$protocol" = 2 ] || return 0
  GIT_TRACE_PACKET=1 client_git ls-remote "$2" 2>"$work/log/$1-protocol.txt" >/dev/null || true
  grep -q 'git< version 2' "$work/log/$1-protocol.txt" ||
    fail "$1 did not answer with protocol v2 (see $work/log/$1-protocol.txt; BENCH_KEEP=1 keeps it)"
}

# --- the repository (generated once per size and generator version) ---------------------------
generator="$root/tests/bench/git-http-repo.py"
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
# A small existing file that each push run changes.
# (awk reads to the end: an early exit would kill sort with SIGPIPE, which pipefail turns into an exit.)
push_path=$(git -C "$fixture" ls-tree -r -l refs/heads/main | sort -k4,4n | awk '$4 >= 300 && p == "" { p = $5 } END { print p }')
[ -n "$push_path" ] || fail "the repository has no file of 300 bytes or more to change in the push runs"

# --- baseline: nginx + fcgiwrap + git http-backend ---------------------------------------------
start_baseline() {
  baseline_port=$(free_port)
  baseline_url="http://127.0.0.1:$baseline_port/git/big.git"
  baseline_repo="$work/repos/big.git"
  git clone -q --bare --no-local "$fixture" "$baseline_repo"
  git -C "$baseline_repo" config http.receivepack true   # pushes without HTTP auth (the baseline has none)
  housekeeping "$baseline_repo"

  local user_line=""
  # nginx workers would otherwise switch to 'nobody', who cannot reach the socket in this folder.
  # Only in this throw-away configuration: workers (and fcgiwrap's git processes) run as root.
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat >"$work/nginx/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes auto;
pid $work/run/nginx.pid;
error_log $work/log/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    fastcgi_temp_path     $work/nginx/fastcgi;
    proxy_temp_path       $work/nginx/proxy;
    uwsgi_temp_path       $work/nginx/uwsgi;
    scgi_temp_path        $work/nginx/scgi;
    server {
        listen 127.0.0.1:$baseline_port;
        client_max_body_size 0;
        location /git/ {
            fastcgi_split_path_info ^(/git)(/.*)\$;
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME     $http_backend;
            fastcgi_param GIT_PROJECT_ROOT    $work/repos;
            fastcgi_param GIT_HTTP_EXPORT_ALL "";
            fastcgi_param PATH_INFO           \$fastcgi_path_info;
            fastcgi_param REMOTE_USER         bench;
            fastcgi_request_buffering off;
            fastcgi_buffering off;
            fastcgi_read_timeout 600s;
            fastcgi_pass unix:$work/run/fcgiwrap.sock;
        }
    }
}
EOF
  # -c: prefork children = the most git requests served at once; above the client count so the
  # baseline never queues.
  setsid "${server_cpu[@]}" "$fcgiwrap_bin" -c $((concurrency + 4)) -s "unix:$work/run/fcgiwrap.sock" >"$work/log/fcgiwrap.log" 2>&1 &
  fcgiwrap_pid=$!
  "$nginx_bin" -t -q -e "$work/log/nginx-error.log" -c "$work/nginx/nginx.conf" -p "$work/nginx/" ||
    fail "nginx rejected $work/nginx/nginx.conf"
  setsid "${server_cpu[@]}" "$nginx_bin" -e "$work/log/nginx-error.log" -c "$work/nginx/nginx.conf" -p "$work/nginx/" >"$work/log/nginx.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 50); do
    client_git ls-remote "$baseline_url" >/dev/null 2>&1 && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/log/nginx-error.log" >&2; fail "nginx exited during start"; }
    sleep 0.2
  done
  client_git ls-remote "$baseline_url" >"$work/log/baseline-ls-remote.txt" 2>&1 ||
    fail "git ls-remote $baseline_url failed: $(tail -n 5 "$work/log/baseline-ls-remote.txt"; tail -n 5 "$work/log/nginx-error.log")"
  check_protocol http-backend "$baseline_url"
  echo "Baseline: nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') + fcgiwrap + git http-backend at $baseline_url"
}

# --- GitHost -----------------------------------------------------------------------------------
start_githost() {
  echo "Building Release ..."
  dotnet build src/GitHost.Server/GitHost.Server.csproj -c Release -warnaserror 2>&1 | tail -n 2
  local server_dll
  server_dll=$(ls "$root"/src/GitHost.Server/bin/Release/net*/GitHost.Server.dll | sort -V | tail -n 1)
  [ -f "$server_dll" ] || fail "the Release build produced no GitHost.Server.dll"
  githost_port=$(free_port)
  githost_base="http://127.0.0.1:$githost_port"
  githost_home="$work/githost-home"
  mkdir -p "$githost_home"
  (
    cd "$work"
    export GITHOST_HOME="$githost_home" GITHOST_ADMIN_PASSWORD="$admin_password"
    export GitHost__Database__Provider=Sqlite GitHost__Database__ConnectionString=""
    # The benchmark measures Git serving, not the token bucket (Bitbucket ships rate limiting off, too).
    export GitHost__RateLimit__Enabled=false
    export Logging__LogLevel__Default=Warning
    exec "${server_cpu[@]}" dotnet "$server_dll" --urls "$githost_base"   # exec keeps the pid: $! is the server
  ) >"$work/log/githost.log" 2>&1 &
  server_pid=$!
  local up=0
  for _ in $(seq 1 120); do
    curl -sf "$githost_base/status" >/dev/null 2>&1 && { up=1; break; }
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/log/githost.log" >&2; fail "GitHost exited during start"; }
    sleep 0.5
  done
  [ "$up" = 1 ] || { cat "$work/log/githost.log" >&2; fail "GitHost did not answer /status within 60 s"; }

  local status
  status=$(curl -s -o "$work/log/rest.json" -w '%{http_code}' -u "admin:$admin_password" -H 'Content-Type: application/json' \
    -X POST "$githost_base/rest/api/1.0/projects" --data '{"key":"BENCH","name":"Bench"}')
  [ "$status" = 201 ] || fail "create project BENCH: HTTP $status: $(head -c 400 "$work/log/rest.json")"
  status=$(curl -s -o "$work/log/rest.json" -w '%{http_code}' -u "admin:$admin_password" -H 'Content-Type: application/json' \
    -X POST "$githost_base/rest/api/1.0/projects/BENCH/repos" --data '{"name":"big","scmId":"git"}')
  [ "$status" = 201 ] || fail "create repository BENCH/big: HTTP $status: $(head -c 400 "$work/log/rest.json")"
  local repo_id
  repo_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/log/rest.json")
  githost_repo="$githost_home/shared/repos/$repo_id"
  [ -d "$githost_repo" ] || fail "repository $repo_id is not at $githost_repo"
  githost_url="http://admin:$admin_password@127.0.0.1:$githost_port/scm/bench/big.git"
  githost_shown="$githost_base/scm/bench/big.git"

  if ! client_git ls-remote "$githost_url" >"$work/log/githost-ls-remote.txt" 2>&1; then
    echo "git-http: GitHost does not serve Git over HTTP at $githost_shown:" >&2
    sed "s/$admin_password/***/g" "$work/log/githost-ls-remote.txt" | tail -n 5 | sed 's/^/  /' >&2
    echo "  The smart HTTP door (/scm/{key}/{slug}.git) is probably not in this build yet." >&2
    echo "  Nothing was measured. To check the baseline alone: BENCH_SERVERS=http-backend tests/bench/git-http.sh" >&2
    exit 2
  fi
  check_protocol githost "$githost_url"
  echo "Pushing the repository to GitHost once (git push --mirror) ..."
  local started
  started=$(now_ns)
  client_git -C "$fixture" push -q --mirror "$githost_url" >"$work/log/githost-push.txt" 2>&1 ||
    fail "the initial push to GitHost failed: $(sed "s/$admin_password/***/g" "$work/log/githost-push.txt" | tail -n 5)"
  echo "  pushed in $(ms_since "$started") ms"
  housekeeping "$githost_repo"
  [ "$(refs_of "$githost_repo")" = "$(refs_of "$baseline_repo")" ] ||
    fail "GitHost's repository has other branches or tags than the baseline's after the push"
  echo "GitHost $(git rev-parse --short HEAD) at $githost_shown (repository id $repo_id, Basic auth as admin)"
}

# --- scenarios ---------------------------------------------------------------------------------
declare -A url
# run_or_fail LOG COMMAND...: runs a client command, fails the benchmark with its output on error.
run_or_fail() {
  local log=$1; shift
  "$@" >"$log" 2>&1 || fail "$* failed: $(sed "s/$admin_password/***/g" "$log" | tail -n 5)"
}

clone_once() {   # server run -> appends ms to results/<server>-clone
  local dest="$work/clones/$1-clone" started
  rm -rf "$dest"
  started=$(now_ns)
  run_or_fail "$work/log/$1-clone.txt" client_git clone -q --bare "${url[$1]}" "$dest"
  echo "$(ms_since "$started")" >>"$work/results/$1-clone"
  [ -f "$work/results/$1-clone-bytes" ] || pack_bytes "$dest" >"$work/results/$1-clone-bytes"
  rm -rf "$dest"
}

fetch_once() {
  local started
  started=$(now_ns)
  run_or_fail "$work/log/$1-fetch.txt" client_git -C "$work/clones/$1-mirror" fetch -q
  echo "$(ms_since "$started")" >>"$work/results/$1-fetch"
}

# The commit for run N is the same for both servers: one small file changed, fixed dates.
make_push_commit() {
  local mirror="$work/clones/$1-mirror" run=$2 parent blob tree
  parent=$(git -C "$mirror" rev-parse refs/heads/main)
  blob=$( { git -C "$mirror" cat-file blob "$parent:$push_path"; echo "bench push $run"; } | git -C "$mirror" hash-object -w --stdin)
  GIT_INDEX_FILE="$work/push-$1.index" git -C "$mirror" read-tree "$parent"
  GIT_INDEX_FILE="$work/push-$1.index" git -C "$mirror" update-index --cacheinfo "100644,$blob,$push_path"
  tree=$(GIT_INDEX_FILE="$work/push-$1.index" git -C "$mirror" write-tree)
  GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com \
    GIT_AUTHOR_DATE="1700000000 +0000" GIT_COMMITTER_DATE="1700000000 +0000" \
    git -C "$mirror" commit-tree "$tree" -p "$parent" -m "bench push $run"
}

push_once() {   # server run
  local sha started
  sha=$(make_push_commit "$1" "$2")
  started=$(now_ns)
  run_or_fail "$work/log/$1-push.txt" client_git -C "$work/clones/$1-mirror" push -q "${url[$1]}" "$sha:refs/heads/bench-push"
  echo "$(ms_since "$started")" >>"$work/results/$1-push"
  # Not timed: delete the branch so every run pushes the same shape of change.
  run_or_fail "$work/log/$1-push-reset.txt" client_git -C "$work/clones/$1-mirror" push -q "${url[$1]}" :refs/heads/bench-push
}

memory_roots() {
  case $1 in
    http-backend) echo "$nginx_pid $fcgiwrap_pid" ;;
    githost) echo "$server_pid" ;;
  esac
}

concurrent_once() {   # server run
  local i started pids=() failed=0 ms
  python3 "$root/tests/bench/tree-rss.py" "$work/results/rss-$1-$2" 0.1 $(memory_roots "$1") &
  sampler_pid=$!
  for i in $(seq 1 300); do [ -f "$work/results/rss-$1-$2.ready" ] && break; sleep 0.1; done
  [ -f "$work/results/rss-$1-$2.ready" ] || fail "the memory sampler did not start within 30 s"
  rm -f "$work/results/rss-$1-$2.ready"
  started=$(now_ns)
  for i in $(seq 1 "$concurrency"); do
    client_git clone -q --bare "${url[$1]}" "$work/clones/$1-c$i" >"$work/log/$1-c$i.txt" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed=$((failed + 1)); done
  ms=$(ms_since "$started")
  kill "$sampler_pid"; wait "$sampler_pid" || true; sampler_pid=""
  [ -s "$work/results/rss-$1-$2" ] || fail "the memory sampler wrote no result"
  [ "$failed" = 0 ] || fail "$failed of $concurrency concurrent clones from $1 failed: $(sed "s/$admin_password/***/g" "$work"/log/"$1"-c*.txt | tail -n 5)"
  echo "$ms" >>"$work/results/$1-concurrent"
  rm -rf "$work"/clones/"$1"-c*
}

# --- run ---------------------------------------------------------------------------------------
start_baseline
url[http-backend]=$baseline_url
measured=(http-backend)
if [ "$with_githost" = 1 ]; then
  start_githost
  url[githost]=$githost_url
  measured+=(githost)
fi

echo "Warming up (one untimed clone, fetch and push per server) ..."
for server in "${measured[@]}"; do
  run_or_fail "$work/log/$server-mirror.txt" client_git clone -q --mirror "${url[$server]}" "$work/clones/$server-mirror"
  run_or_fail "$work/log/$server-warm-fetch.txt" client_git -C "$work/clones/$server-mirror" fetch -q
  push_once "$server" 0
  : >"$work/results/$server-push"
done

for run in $(seq 1 "$runs"); do
  # Alternate which server goes first so neither always runs on the warmer cache.
  order=("${measured[@]}")
  if [ $((run % 2)) = 0 ] && [ ${#measured[@]} = 2 ]; then order=("${measured[1]}" "${measured[0]}"); fi
  echo "Run $run of $runs (${order[*]}) ..."
  for server in "${order[@]}"; do clone_once "$server"; done
  for server in "${order[@]}"; do fetch_once "$server"; done
  for server in "${order[@]}"; do push_once "$server" "$run"; done
  for server in "${order[@]}"; do concurrent_once "$server" "$run"; done
done

# --- report ------------------------------------------------------------------------------------
median() { sort -n "$1" | awk 'NF { a[++n] = $1 } END { if (n % 2) print a[(n + 1) / 2]; else print (a[n / 2] + a[n / 2 + 1]) / 2 }'; }
peak_kb() { cat "$work"/results/rss-"$1"-* | awk -v col="$2" '{ if ($col > m) m = $col } END { print m + 0 }'; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
fmt() { awk -v v="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }'; }
declare -A med throughput mbps
for server in "${measured[@]}"; do
  for scenario in clone fetch push concurrent; do med[$server-$scenario]=$(median "$work/results/$server-$scenario"); done
  bytes=$(cat "$work/results/$server-clone-bytes")
  throughput[$server]=$(awk -v c="$concurrency" -v ms="${med[$server-concurrent]}" 'BEGIN { printf "%.2f", c / (ms / 1000) }')
  mbps[$server]=$(awk -v c="$concurrency" -v b="$bytes" -v ms="${med[$server-concurrent]}" 'BEGIN { printf "%.1f", c * b / 1e6 / (ms / 1000) }')
done

verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "**pass**" : "**FAIL**") }'; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }

echo
echo "### Git over HTTP: GitHost against nginx + fcgiwrap + git http-backend"
echo
echo "Machine: $(nproc) CPU ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(git --version), nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///'), fcgiwrap $(dpkg-query -W -f='${Version}' fcgiwrap 2>/dev/null || echo '?'), .NET $(dotnet --version 2>/dev/null || echo '?'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)'), pinned=$pin, load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Repository: $commits commits, $files files; pack served: http-backend $(pack_bytes "$baseline_repo") bytes$([ "$with_githost" = 1 ] && echo ", GitHost $(pack_bytes "$githost_repo") bytes"); a clone receives $(cat "$work/results/http-backend-clone-bytes") bytes"
echo "Protocol: v$protocol for clone and fetch (push: v0). Medians of $runs runs; $concurrency concurrent clones in (d). The baseline has no authentication; GitHost is called with Basic auth (admin)."
echo
row scenario "http-backend" "GitHost" ratio target verdict
row --- --- --- --- --- ---
b=http-backend
if [ "$with_githost" = 1 ]; then
  g=githost
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
  row "(a) full clone (\`clone --bare\`)" "$(fmt "${med[$b-clone]}") ms" "$(fmt "${med[$g-clone]}") ms" "$(ratio "${med[$g-clone]}" "${med[$b-clone]}")" "≤ 1.10 ×" \
    "$(verdict "$(awk -v g="${med[$g-clone]}" -v b="${med[$b-clone]}" 'BEGIN { print (g <= 1.10 * b) }')")"
  row "(b) no-op fetch" "$(fmt "${med[$b-fetch]}") ms" "$(fmt "${med[$g-fetch]}") ms" "$(ratio "${med[$g-fetch]}" "${med[$b-fetch]}")" "≤ 1.2 ×" \
    "$(verdict "$(awk -v g="${med[$g-fetch]}" -v b="${med[$b-fetch]}" 'BEGIN { print (g <= 1.2 * b) }')")"
  row "(c) push of one commit" "$(fmt "${med[$b-push]}") ms" "$(fmt "${med[$g-push]}") ms" "+$(fmt "$(awk -v g="${med[$g-push]}" -v b="${med[$b-push]}" 'BEGIN { print g - b }')") ms" "≤ +50 ms" \
    "$(verdict "$(awk -v g="${med[$g-push]}" -v b="${med[$b-push]}" 'BEGIN { print (g <= b + 50) }')")"
  githost_kb=$(peak_kb githost 1)
  row "(d) $concurrency concurrent clones" "${throughput[$b]} clones/s, ${mbps[$b]} MB/s ($(fmt "${med[$b-concurrent]}" 0) ms)" \
    "${throughput[$g]} clones/s, ${mbps[$g]} MB/s ($(fmt "${med[$g-concurrent]}" 0) ms)" "$(ratio "${throughput[$g]}" "${throughput[$b]}")" "≥ 0.9 ×" \
    "$(verdict "$(awk -v g="${throughput[$g]}" -v b="${throughput[$b]}" 'BEGIN { print (g >= 0.9 * b) }')")"
  row "(d) peak RSS during (d)" "nginx + fcgiwrap $(mib "$(peak_kb $b 1)") MiB; with git children $(mib "$(peak_kb $b 2)") MiB" \
    "GitHost $(mib "$githost_kb") MiB; with git children $(mib "$(peak_kb $g 2)") MiB" "" "GitHost < 500 MiB" \
    "$(verdict "$(awk -v k="$githost_kb" 'BEGIN { print (k < 500 * 1024) }')")"
else
  row "(a) full clone (\`clone --bare\`)" "$(fmt "${med[$b-clone]}") ms" "not measured" "" "≤ 1.10 ×" ""
  row "(b) no-op fetch" "$(fmt "${med[$b-fetch]}") ms" "not measured" "" "≤ 1.2 ×" ""
  row "(c) push of one commit" "$(fmt "${med[$b-push]}") ms" "not measured" "" "≤ +50 ms" ""
  row "(d) $concurrency concurrent clones" "${throughput[$b]} clones/s, ${mbps[$b]} MB/s ($(fmt "${med[$b-concurrent]}" 0) ms)" "not measured" "" "≥ 0.9 ×" ""
  row "(d) peak RSS during (d)" "nginx + fcgiwrap $(mib "$(peak_kb $b 1)") MiB; with git children $(mib "$(peak_kb $b 2)") MiB" "not measured" "" "GitHost < 500 MiB" ""
fi
echo
echo "Every run (ms):"
for server in "${measured[@]}"; do
  for scenario in clone fetch push concurrent; do
    echo "  $server $scenario: $(grep . "$work/results/$server-$scenario" | tr '\n' ' ')"
  done
done
echo
echo "Reproduce: BENCH_COMMITS=$commits BENCH_FILES=$files BENCH_RUNS=$runs BENCH_CONCURRENCY=$concurrency BENCH_PROTOCOL=$protocol BENCH_PIN=$pin BENCH_SERVERS='$servers' tests/bench/git-http.sh"
echo "  (clients: ${client_cpu[*]} git -c protocol.version=$protocol clone -q --bare <url> | -C <mirror> fetch -q | -C <mirror> push -q <url> <sha>:refs/heads/bench-push)"
