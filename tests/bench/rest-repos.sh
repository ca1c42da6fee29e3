#!/usr/bin/env bash
# REST benchmark: GET /rest/api/1.0/repos?limit=25 as a normal user who can read 1,000 repositories,
# or (BENCH_SCENARIO=pull-requests) listing 10,000 pull requests of one repository, 25 per page.
#
#   tests/bench/rest-repos.sh
#   BENCH_SCENARIO=pull-requests tests/bench/rest-repos.sh
#
# Builds Release, then for each database (SQLite, then PostgreSQL started here on a free loopback
# port exactly as tests/run.sh does): starts GitHost on a free loopback port with a throw-away data
# home, creates 50 projects x 20 repositories and the user 'bench' (PROJECT_READ on every project)
# through the REST API as admin, warms up, runs wrk, and prints requests/s, p50 and p99 with the
# command that reproduces the measurement. Everything it starts is stopped on exit.
# Targets (the Foundation issue): >= 2,000 req/s and p99 < 25 ms on SQLite and on PostgreSQL.
# Pull-request scenario: pushes BENCH_PULL_REQUESTS branches (one commit each) over Git HTTP in one
# push, opens a pull request from each into main through REST (4 in parallel), then pages through
# them with 16 connections, each request at a random page (wrk script pr-pages.lua).
# Target (the pull-request issue): p99 <= 30 ms on SQLite and on PostgreSQL.
#
# Knobs (environment), defaults in brackets:
#   BENCH_PROVIDERS ["sqlite postgres"]   BENCH_PROJECTS [50]   BENCH_REPOS_PER_PROJECT [20]
#   BENCH_THREADS [2]  BENCH_CONNECTIONS [32]  BENCH_DURATION [20s]  BENCH_WARMUP [30s: tiered JIT and dynamic PGO need that long under load to reach steady state]
#   BENCH_PATH ["/rest/api/1.0/repos?limit=25"]   BENCH_USER ["bench"; "admin" skips the user and grants]
#   BENCH_PIN [0; 1 pins the server to CPU0 and wrk to CPU1 with taskset, as peers.md §3c advises]
#   BENCH_KEEP [0; 1 keeps the work folder (server logs, data homes, credentials.txt) after the run]
#   BENCH_SCENARIO [repos; pull-requests]   BENCH_PULL_REQUESTS [10000]
#   BENCH_PG_POOL [8: connections to PostgreSQL; it shares the 2 cores with GitHost and wrk, and a pool larger than the cores only adds context switches]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

scenario=${BENCH_SCENARIO:-repos}
pull_requests=${BENCH_PULL_REQUESTS:-10000}
providers=${BENCH_PROVIDERS:-sqlite postgres}
threads=${BENCH_THREADS:-2}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-30s}
case $scenario in
  repos)
    projects=${BENCH_PROJECTS:-50}
    repos_per_project=${BENCH_REPOS_PER_PROJECT:-20}
    connections=${BENCH_CONNECTIONS:-32}
    path=${BENCH_PATH:-/rest/api/1.0/repos?limit=25} ;;
  pull-requests)
    projects=1
    repos_per_project=1
    connections=${BENCH_CONNECTIONS:-16}
    path=${BENCH_PATH:-/rest/api/1.0/projects/BENCH001/repos/repo-001/pull-requests?limit=25} ;;
  *) echo "rest-repos: unknown BENCH_SCENARIO '$scenario' (use repos or pull-requests)" >&2; exit 1 ;;
esac
bench_user=${BENCH_USER:-bench}
pin=${BENCH_PIN:-0}
admin_password="bench-admin-$RANDOM$RANDOM"
bench_password="bench-user-$RANDOM$RANDOM"
[ "$bench_user" = admin ] && bench_password=$admin_password

work=$(mktemp -d /tmp/githost-bench.XXXXXX)
server_pid=""
pg_ctl_cmd=""

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$(cat "$work/server.pid" 2>/dev/null || echo "$server_pid")" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

cleanup() {
  stop_server
  stop_bench_postgres
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    # What a later manual run against the kept data homes needs (the passwords are random per run).
    printf 'admin %s\n%s %s\n' "$admin_password" "$bench_user" "$bench_password" >"$work/credentials.txt"
    echo "Work folder kept: $work (passwords in credentials.txt)"
  else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() { echo "rest-repos: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- tools -------------------------------------------------------------------------------------
need_packages=()
command -v wrk >/dev/null || need_packages+=(wrk)
command -v curl >/dev/null || need_packages+=(curl)
command -v python3 >/dev/null || need_packages+=(python3)
command -v git >/dev/null || need_packages+=(git)
case " $providers " in *" postgres "*)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql) ;;
esac
if [ ${#need_packages[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "missing packages: ${need_packages[*]}. Install them (apt-get install ${need_packages[*]}) or run as root."
  echo "Installing ${need_packages[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi
server_cpu=(); client_cpu=()
if [ "$pin" = 1 ]; then server_cpu=(taskset -c 0); client_cpu=(taskset -c 1); fi

# --- build -------------------------------------------------------------------------------------
echo "Building Release ..."
dotnet build src/GitHost.Server/GitHost.Server.csproj -c Release -warnaserror 2>&1 | tail -n 2
server_dll=$(ls "$root"/src/GitHost.Server/bin/Release/net*/GitHost.Server.dll | sort -V | tail -n 1)
[ -f "$server_dll" ] || fail "the Release build produced no GitHost.Server.dll"

# --- PostgreSQL ---------------------------------------------------------------------------------
. "$root/tests/bench/lib/postgres.sh"

# --- GitHost -----------------------------------------------------------------------------------
start_server() {
  local provider=$1 connection=$2
  port=$(free_port)
  ssh_port=$(free_port)
  base="http://127.0.0.1:$port"
  home="$work/home-$provider"
  mkdir -p "$home"
  (
    cd "$work"
    export GITHOST_HOME="$home" GITHOST_ADMIN_PASSWORD="$admin_password"
    export GitHost__Database__Provider="$provider" GitHost__Database__ConnectionString="$connection"
    # The benchmark measures the server, not the token bucket (Bitbucket ships rate limiting off, too).
    export GitHost__RateLimit__Enabled=false
    # SSH on a free loopback port too, so a GitHost already on 7999 (another benchmark, a dev server) does not stop this one.
    export GitHost__Ssh__ListenAddress=127.0.0.1 GitHost__Ssh__Port="$ssh_port"
    export Logging__LogLevel__Default=Warning
    echo "$BASHPID" >"$work/server.pid"   # exec keeps this pid: it becomes the server's
    exec "${server_cpu[@]}" dotnet "$server_dll" --urls "$base"
  ) >"$work/server-$provider.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "$base/status" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server-$provider.log" >&2; fail "GitHost ($provider) exited during start"; }
    sleep 0.5
  done
  cat "$work/server-$provider.log" >&2
  fail "GitHost ($provider) did not answer /status within 60 s"
}

# api METHOD PATH [JSON] -> prints the HTTP status; the body goes to $work/last.json
api() {
  local method=$1 url=$2 body=${3:-}
  local args=(-s -o "$work/last.json" -w '%{http_code}' -u "admin:$admin_password" -X "$method" "$base$url")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}"
}

expect() {
  local want=$1 what=$2; shift 2
  local got
  got=$(api "$@")
  [ "$got" = "$want" ] || fail "$what: expected HTTP $want, got $got: $(head -c 400 "$work/last.json")"
}

populate() {
  echo "Creating $projects projects x $repos_per_project repositories ..."
  local p key
  if [ "$bench_user" != admin ]; then
    expect 204 "create user $bench_user" POST \
      "/rest/api/1.0/admin/users?name=$bench_user&displayName=Bench&emailAddress=$bench_user@example.com&password=$bench_password&addToDefaultGroup=true&notify=false"
  fi
  for p in $(seq 1 "$projects"); do
    key=$(printf 'BENCH%03d' "$p")
    expect 201 "create project $key" POST /rest/api/1.0/projects "{\"key\":\"$key\",\"name\":\"Bench $p\"}"
    if [ "$bench_user" != admin ]; then
      expect 204 "grant PROJECT_READ on $key" PUT "/rest/api/1.0/projects/$key/permissions/users?name=$bench_user&permission=PROJECT_READ"
    fi
  done
  # Repositories in parallel (each is a git init on disk); every create must answer 201.
  [ "$repos_per_project" -gt 0 ] || return 0
  for p in $(seq 1 "$projects"); do
    for r in $(seq 1 "$repos_per_project"); do printf 'BENCH%03d repo-%03d\n' "$p" "$r"; done
  done | xargs -P 8 -L 1 sh -c \
    'curl -s -o /dev/null -w "%{http_code} $0/$1\n" -u "admin:$ADMIN_PASSWORD" -H "Content-Type: application/json" \
       -X POST "$BASE/rest/api/1.0/projects/$0/repos" --data "{\"name\":\"$1\",\"scmId\":\"git\"}"' \
    >"$work/repos.txt"
  local created
  created=$(grep -c '^201 ' "$work/repos.txt" || true)
  [ "$created" -eq $((projects * repos_per_project)) ] ||
    fail "created $created of $((projects * repos_per_project)) repositories; first failures: $(grep -v '^201 ' "$work/repos.txt" | head -n 3 | tr '\n' ' ')"
}

# One branch per pull request, each one commit ahead of main, pushed in one push; then one pull
# request per branch through REST. Every open must answer 201.
populate_pull_requests() {
  echo "Pushing main and $pull_requests branches, then opening $pull_requests pull requests ..."
  local tree="$work/pr-tree" url="http://admin:$admin_password@127.0.0.1:$port/scm/BENCH001/repo-001.git" opened
  rm -rf "$tree"
  git init -q -b main "$tree"
  python3 - "$pull_requests" <<'PY' | git -C "$tree" fast-import --quiet
import sys
n = int(sys.argv[1])
stamp = "1767225600 +0000"
def data(text):
    return "data %d\n%s" % (len(text.encode()), text)
def commit(ref, message, path, content, parent):
    sys.stdout.write("commit %s\n" % ref)
    if parent is None:
        sys.stdout.write("mark :1\n")
    sys.stdout.write("committer Bench <bench@example.com> %s\n%s" % (stamp, data(message)))
    if parent is not None:
        sys.stdout.write("from %s\n" % parent)
    sys.stdout.write("M 644 inline %s\n%s\n" % (path, data(content)))
commit("refs/heads/main", "main\n", "README.md", "bench\n", None)
for i in range(1, n + 1):
    commit("refs/heads/pr-%05d" % i, "change %d\n" % i, "change-%05d.txt" % i, "change %d\n" % i, ":1")
PY
  git -C "$tree" push -q "$url" 'refs/heads/*:refs/heads/*' >"$work/pr-push.txt" 2>&1 ||
    fail "pushing the branches failed: $(tail -n 5 "$work/pr-push.txt")"
  seq -f 'pr-%05g' 1 "$pull_requests" | xargs -P 4 -I{} sh -c \
    'curl -s -o /dev/null -w "%{http_code} $0\n" -u "admin:$ADMIN_PASSWORD" -H "Content-Type: application/json" \
       -X POST "$BASE/rest/api/1.0/projects/BENCH001/repos/repo-001/pull-requests" \
       --data "{\"title\":\"Change $0\",\"fromRef\":{\"id\":\"refs/heads/$0\"},\"toRef\":{\"id\":\"refs/heads/main\"}}"' {} \
    >"$work/prs.txt"
  opened=$(grep -c '^201 ' "$work/prs.txt" || true)
  [ "$opened" -eq "$pull_requests" ] ||
    fail "opened $opened of $pull_requests pull requests; first failures: $(grep -v '^201 ' "$work/prs.txt" | head -n 3 | tr '\n' ' ')"
}

# Checks what the user sees before measuring, so a 401 or an empty page is never benchmarked.
check_target() {
  local status size
  status=$(curl -s -o "$work/target.json" -w '%{http_code}' -u "$bench_user:$bench_password" "$base$path")
  [ "$status" = 200 ] || fail "GET $path as $bench_user answered $status: $(head -c 400 "$work/target.json")"
  size=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["size"])' "$work/target.json")
  [ "$size" -gt 0 ] || fail "GET $path as $bench_user returned an empty page"
  echo "GET $path as $bench_user: 200, $size values per page"
}

declare -A result_rps result_p50 result_p99 result_errors
measured=()
measure() {
  local provider=$1 auth
  auth=$(printf '%s:%s' "$bench_user" "$bench_password" | base64 -w0)
  local script=()
  # Pull requests: every request asks for a random page, so the whole list is measured, not page 1.
  [ "$scenario" = pull-requests ] && script=(-s "$root/tests/bench/pr-pages.lua")
  export BENCH_PAGES=$(( (pull_requests + 24) / 25 ))
  wrk_cmd=(wrk "-t$threads" "-c$connections" "-d$duration" --latency "${script[@]}" -H "Authorization: Basic $auth" "$base$path")
  echo "Warming up ($warmup) ..."
  "${client_cpu[@]}" wrk "-t$threads" "-c$connections" "-d$warmup" "${script[@]}" -H "Authorization: Basic $auth" "$base$path" >/dev/null
  echo "Measuring ($duration): $(printf '%q ' "${client_cpu[@]}" "${wrk_cmd[@]}")"
  "${client_cpu[@]}" "${wrk_cmd[@]}" | tee "$work/wrk-$provider.txt"
  measured+=("$provider")
  result_rps[$provider]=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk-$provider.txt")
  result_p50[$provider]=$(awk '$1 == "50%" {print $2}' "$work/wrk-$provider.txt")
  result_p99[$provider]=$(awk '$1 == "99%" {print $2}' "$work/wrk-$provider.txt")
  result_errors[$provider]=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {n += 1} END {print n + 0}' "$work/wrk-$provider.txt")
}

for provider_arg in $providers; do
  case $provider_arg in
    sqlite) provider=Sqlite; connection="" ;;
    postgres) [ -n "$pg_ctl_cmd" ] || start_bench_postgres; provider=Postgres; connection=$pg_connection ;;
    *) fail "unknown provider '$provider_arg' (use sqlite and/or postgres)" ;;
  esac
  echo "=== $provider"
  start_server "$provider" "$connection"
  export BASE="$base" ADMIN_PASSWORD="$admin_password"
  populate
  [ "$scenario" = pull-requests ] && populate_pull_requests
  if [ "$provider" = Postgres ]; then vacuum_bench_postgres; fi
  check_target
  measure "$provider"
  stop_server
done

# --- report ------------------------------------------------------------------------------------
echo
echo "GitHost $(git rev-parse --short HEAD 2>/dev/null || echo '?'), .NET $(dotnet --version), $(nproc) CPU ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), pinned=$pin"
[ "$scenario" = pull-requests ] && echo "Scenario: $pull_requests open pull requests in one repository, random pages of 25 (pr-pages.lua)"
echo "Scenario: GET $path as '$bench_user' ($projects projects x $repos_per_project repos), wrk -t$threads -c$connections -d$duration, warm-up $warmup"
printf '| %-9s | %10s | %9s | %9s | %6s |\n' database "requests/s" p50 p99 errors
printf '| %-9s | %10s | %9s | %9s | %6s |\n' --- --- --- --- ---
for provider in "${measured[@]}"; do
  printf '| %-9s | %10s | %9s | %9s | %6s |\n' "$provider" "${result_rps[$provider]}" "${result_p50[$provider]}" "${result_p99[$provider]}" "${result_errors[$provider]}"
done
echo "Reproduce: BENCH_SCENARIO=$scenario BENCH_PROVIDERS='$providers' BENCH_PATH='$path' BENCH_USER=$bench_user BENCH_PIN=$pin tests/bench/rest-repos.sh"
echo "  (each measurement is: ${client_cpu[*]} wrk -t$threads -c$connections -d$duration --latency -H 'Authorization: Basic <$bench_user>' 'http://127.0.0.1:<port>$path')"
if [ "$scenario" = pull-requests ]; then echo "Target: p99 <= 30 ms on each database."
else echo "Targets: >= 2000 requests/s and p99 < 25 ms on each database."; fi
