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
# RSS sampled every 100 ms); for (a) and (d) the servers' CPU per clone, read from a cpuacct
# cgroup per server (needs root; git children included). Prints a Markdown table of medians, ratios and targets, the machine
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
#   BENCH_SCENARIOS ["clone fetch push concurrent"]  which of (a)-(d) to measure
#   BENCH_PUSHES [5]  pushes per server in each run for (c): one push is short and noisy
#   BENCH_KEEP [0; 1 keeps the work folder (server logs, configs) after the run]
#   BENCH_GITHOST_TUNING [product: after the push GitHost's own housekeeping is awaited (<= 30 s); manual: repack by hand]
#   BENCH_PACK_CACHE [warm: the cache as shipped, filled by the first run; cold: emptied before each run; off: disabled]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=git-http
. tests/bench/lib/common.sh
. tests/bench/lib/git.sh
. tests/bench/lib/githost.sh

read_transport_knobs http-backend 16
scenarios=${BENCH_SCENARIOS:-clone fetch push concurrent}
pushes=${BENCH_PUSHES:-5}
for scenario in $scenarios; do
  case $scenario in clone|fetch|push|concurrent) ;; *) fail "BENCH_SCENARIOS: unknown scenario '$scenario' (clone fetch push concurrent)" ;; esac
done
measures() { case " $scenarios " in *" $1 "*) return 0 ;; esac; return 1; }

work=$(mktemp -d /tmp/githost-bench-git.XXXXXX)
mkdir -p "$work"/{run,log,nginx,repos,client-home,results,clones}
server_pid=""; nginx_pid=""; fcgiwrap_pid=""; sampler_pid=""

cleanup() {
  [ -n "$sampler_pid" ] && { kill "$sampler_pid" 2>/dev/null || true; }
  stop_githost
  # Both were started in their own session: stopping the group also stops fcgiwrap's prefork
  # children and nginx's workers (killing only fcgiwrap's master leaves its children running).
  [ -n "$nginx_pid" ] && { kill -- "-$nginx_pid" 2>/dev/null || true; }
  [ -n "$fcgiwrap_pid" ] && { kill -- "-$fcgiwrap_pid" 2>/dev/null || true; }
  release_cpu_groups
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- tools -------------------------------------------------------------------------------------
install_missing nginx:nginx fcgiwrap:fcgiwrap curl:curl python3:python3 git:git
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fcgiwrap_bin=$(command -v fcgiwrap || echo /usr/sbin/fcgiwrap)
http_backend="$(git --exec-path)/git-http-backend"
[ -x "$http_backend" ] || fail "git-http-backend not found at $http_backend"

# --- the repository (generated once per size and generator version) ---------------------------
prepare_fixture "$commits" "$files" "$cache"
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
start_githost_http() {
  # shellcheck disable=SC2046
  start_githost $(githost_cache_settings)
  create_bench_repository
  githost_url="http://admin:$admin_password@127.0.0.1:$githost_port/scm/bench/big.git"
  githost_shown="$githost_base/scm/bench/big.git"

  if ! client_git ls-remote "$githost_url" >"$work/log/githost-ls-remote.txt" 2>&1; then
    echo "git-http: GitHost does not serve Git over HTTP at $githost_shown:" >&2
    redacted "$work/log/githost-ls-remote.txt" | tail -n 5 | sed 's/^/  /' >&2
    echo "  The smart HTTP door (/scm/{key}/{slug}.git) is probably not in this build yet." >&2
    echo "  Nothing was measured. To check the baseline alone: BENCH_SERVERS=http-backend tests/bench/git-http.sh" >&2
    exit 2
  fi
  check_protocol githost "$githost_url"
  fill_githost_repository "$githost_url" "$baseline_repo"
  echo "GitHost $(git rev-parse --short HEAD) at $githost_shown (repository id $repo_id, Basic auth as admin)"
}

# --- scenarios ---------------------------------------------------------------------------------
declare -A url
fetch_once() {
  local started
  before_git_op "$1"
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

server_roots() {
  case $1 in
    http-backend) echo "$nginx_pid $fcgiwrap_pid" ;;
    githost) echo "$server_pid" ;;
  esac
}

concurrent_once() {   # server run
  concurrent_clones "$1" "$2"
  [ "$(tail -n 1 "$work/results/$1-concurrent-failed")" = 0 ] ||
    fail "$(tail -n 1 "$work/results/$1-concurrent-failed") of $concurrency concurrent clones from $1 failed: $(redacted "$work"/log/"$1"-c*.txt | tail -n 5)"
  rm -rf "$work"/clones/"$1"-c*
}

# --- run ---------------------------------------------------------------------------------------
start_baseline
url[http-backend]=$baseline_url
measured=(http-backend)
if [ "$with_githost" = 1 ]; then
  start_githost_http
  url[githost]=$githost_url
  measured+=(githost)
fi
for server in "${measured[@]}"; do account_cpu "$server"; done

echo "Warming up (one untimed clone, fetch and push per server) ..."
for server in "${measured[@]}"; do
  run_or_fail "$work/log/$server-mirror.txt" client_git clone -q --mirror "${url[$server]}" "$work/clones/$server-mirror"
  run_or_fail "$work/log/$server-warm-fetch.txt" client_git -C "$work/clones/$server-mirror" fetch -q
  push_once "$server" 0
  : >"$work/results/$server-push"
done

for run in $(seq 1 "$runs"); do
  read -r -a order <<<"$(run_order "$run")"
  echo "Run $run of $runs (${order[*]}) ..."
  if measures clone; then for server in "${order[@]}"; do clone_once "$server"; done; fi
  if measures fetch; then for server in "${order[@]}"; do fetch_once "$server"; done; fi
  if measures push; then
    for push in $(seq 1 "$pushes"); do
      for server in "${order[@]}"; do push_once "$server" "$((run * 100 + push))"; done
    done
  fi
  if measures concurrent; then for server in "${order[@]}"; do concurrent_once "$server" "$run"; done; fi
done

# --- report ------------------------------------------------------------------------------------
declare -A med throughput mbps
for server in "${measured[@]}"; do
  for scenario in $scenarios; do med[$server-$scenario]=$(median "$work/results/$server-$scenario"); done
  if measures concurrent; then read -r throughput[$server] mbps[$server] <<<"$(clone_throughput "$server")"; fi
done

echo
echo "### Git over HTTP: GitHost against nginx + fcgiwrap + git http-backend"
echo
echo "Machine: $(nproc) CPU ($(cpu_model)), $(git --version), nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///'), fcgiwrap $(dpkg-query -W -f='${Version}' fcgiwrap 2>/dev/null || echo '?'), .NET $(dotnet --version 2>/dev/null || echo '?'), commit $(commit_shown), pinned=$pin, load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Repository: $commits commits, $files files; pack served: http-backend $(pack_bytes "$baseline_repo") bytes$([ "$with_githost" = 1 ] && echo ", GitHost $(pack_bytes "$githost_repo") bytes")$(measures clone && echo "; a clone receives $(cat "$work/results/http-backend-clone-bytes") bytes")"
echo "Protocol: v$protocol for clone and fetch (push: v0). Medians of $runs runs ($((runs * pushes)) pushes per server in (c)); $concurrency concurrent clones in (d). The baseline has no authentication; GitHost is called with Basic auth (admin)."
echo
row scenario "http-backend" "GitHost" ratio target verdict
row --- --- --- --- --- ---
b=http-backend
if [ "$with_githost" = 1 ]; then
  g=githost
  if measures clone; then
    row "(a) full clone (\`clone --bare\`)" "$(fmt "${med[$b-clone]}") ms" "$(fmt "${med[$g-clone]}") ms" "$(ratio "${med[$g-clone]}" "${med[$b-clone]}")" "≤ 1.10 ×" \
      "$(verdict "$(awk -v g="${med[$g-clone]}" -v b="${med[$b-clone]}" 'BEGIN { print (g <= 1.10 * b) }')")"
    cpu_row "(a) server CPU per clone" $b $g clone-cpu
  fi
  if measures fetch; then
    row "(b) no-op fetch" "$(fmt "${med[$b-fetch]}") ms" "$(fmt "${med[$g-fetch]}") ms" "$(ratio "${med[$g-fetch]}" "${med[$b-fetch]}")" "≤ 1.2 ×" \
      "$(verdict "$(awk -v g="${med[$g-fetch]}" -v b="${med[$b-fetch]}" 'BEGIN { print (g <= 1.2 * b) }')")"
  fi
  if measures push; then
    row "(c) push of one commit" "$(fmt "${med[$b-push]}") ms" "$(fmt "${med[$g-push]}") ms" "+$(fmt "$(awk -v g="${med[$g-push]}" -v b="${med[$b-push]}" 'BEGIN { print g - b }')") ms" "≤ +50 ms" \
      "$(verdict "$(awk -v g="${med[$g-push]}" -v b="${med[$b-push]}" 'BEGIN { print (g <= b + 50) }')")"
  fi
  if measures concurrent; then
    githost_kb=$(peak_kb githost 1)
    row "(d) $concurrency concurrent clones" "${throughput[$b]} clones/s, ${mbps[$b]} MB/s ($(fmt "${med[$b-concurrent]}" 0) ms)" \
      "${throughput[$g]} clones/s, ${mbps[$g]} MB/s ($(fmt "${med[$g-concurrent]}" 0) ms)" "$(ratio "${throughput[$g]}" "${throughput[$b]}")" "≥ 0.9 ×" \
      "$(verdict "$(awk -v g="${throughput[$g]}" -v b="${throughput[$b]}" 'BEGIN { print (g >= 0.9 * b) }')")"
    cpu_row "(d) server CPU per clone during (d)" $b $g concurrent-cpu
    row "(d) peak RSS during (d)" "nginx + fcgiwrap $(mib "$(peak_kb $b 1)") MiB; with git children $(mib "$(peak_kb $b 2)") MiB" \
      "GitHost $(mib "$githost_kb") MiB; with git children $(mib "$(peak_kb $g 2)") MiB" "" "GitHost < 500 MiB" \
      "$(verdict "$(awk -v k="$githost_kb" 'BEGIN { print (k < 500 * 1024) }')")"
  fi
else
  if measures clone; then row "(a) full clone (\`clone --bare\`)" "$(fmt "${med[$b-clone]}") ms" "not measured" "" "≤ 1.10 ×" ""; fi
  if measures fetch; then row "(b) no-op fetch" "$(fmt "${med[$b-fetch]}") ms" "not measured" "" "≤ 1.2 ×" ""; fi
  if measures push; then row "(c) push of one commit" "$(fmt "${med[$b-push]}") ms" "not measured" "" "≤ +50 ms" ""; fi
  if measures concurrent; then
    row "(d) $concurrency concurrent clones" "${throughput[$b]} clones/s, ${mbps[$b]} MB/s ($(fmt "${med[$b-concurrent]}" 0) ms)" "not measured" "" "≥ 0.9 ×" ""
    row "(d) peak RSS during (d)" "nginx + fcgiwrap $(mib "$(peak_kb $b 1)") MiB; with git children $(mib "$(peak_kb $b 2)") MiB" "not measured" "" "GitHost < 500 MiB" ""
  fi
fi
echo
echo "Every run (ms; -cpu: server CPU ms per clone):"
# shellcheck disable=SC2086 # one word per scenario
print_every_run $scenarios $(measures clone && echo clone-cpu) $(measures concurrent && echo concurrent-cpu)
echo
echo "Reproduce: BENCH_COMMITS=$commits BENCH_FILES=$files BENCH_RUNS=$runs BENCH_PUSHES=$pushes BENCH_SCENARIOS='$scenarios' BENCH_CONCURRENCY=$concurrency BENCH_PROTOCOL=$protocol BENCH_PIN=$pin BENCH_SERVERS='$servers' tests/bench/git-http.sh"
echo "  (clients: ${client_cpu[*]} git -c protocol.version=$protocol clone -q --bare <url> | -C <mirror> fetch -q | -C <mirror> push -q <url> <sha>:refs/heads/bench-push)"
