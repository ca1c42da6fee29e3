# Starting GitHost for a benchmark (sourced after common.sh).
# Expects: root, work (with log/), admin_password, server_cpu (array). Sets server_pid,
# githost_port, githost_base, githost_home.

. "$root/tests/bench/lib/postgres.sh"

# start_githost [NAME=VALUE ...]: builds Release, starts it on a free loopback port with a fresh
# data home, SQLite, rate limiting off and logging at Warning, plus the given environment, and
# waits until /status answers.
start_githost() {
  echo "Building Release ..."
  dotnet build "$root/src/GitHost.Server/GitHost.Server.csproj" -c Release -warnaserror 2>&1 | tail -n 2
  local server_dll up=0
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
    # Other servers on the machine may hold Bitbucket's SSH port 7999: a free loopback port unless the caller names one.
    export GitHost__Ssh__Port=0 GitHost__Ssh__ListenAddress=127.0.0.1
    # env, not export: configuration keys may hold dots (Logging__LogLevel__GitHost.Services...=Debug).
    exec env "$@" "${server_cpu[@]}" dotnet "$server_dll" --urls "$githost_base"   # exec keeps the pid: $! is the server
  ) >"$work/log/githost.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "$githost_base/status" >/dev/null 2>&1 && { up=1; break; }
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/log/githost.log" >&2; fail "GitHost exited during start"; }
    sleep 0.5
  done
  [ "$up" = 1 ] || { cat "$work/log/githost.log" >&2; fail "GitHost did not answer /status within 60 s"; }
}

stop_githost() {
  [ -n "${server_pid:-}" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# githost_call STATUS METHOD PATH [JSON]: calls the REST API as admin, fails unless it answers
# STATUS; the answer is in $work/log/rest.json.
githost_call() {
  local want=$1 method=$2 path=$3 body=${4:-} status
  status=$(curl -s -o "$work/log/rest.json" -w '%{http_code}' -u "admin:$admin_password" -H 'Content-Type: application/json' \
    -X "$method" ${body:+--data "$body"} "$githost_base$path")
  [ "$status" = "$want" ] || fail "$method $path: expected HTTP $want, got $status: $(head -c 400 "$work/log/rest.json")"
}

# githost_post WHAT PATH JSON: POSTs as admin, fails unless 201; the answer is in $work/log/rest.json.
githost_post() {
  local status
  status=$(curl -s -o "$work/log/rest.json" -w '%{http_code}' -u "admin:$admin_password" -H 'Content-Type: application/json' \
    -X POST "$githost_base$2" --data "$3")
  [ "$status" = 201 ] || fail "$1: HTTP $status: $(head -c 400 "$work/log/rest.json")"
}

# githost_push_url SLUG: the Git HTTP URL of BENCH/SLUG with admin's credentials in it.
githost_push_url() { echo "http://admin:$admin_password@127.0.0.1:$githost_port/scm/bench/$1.git"; }

# create_bench_repository: project BENCH, repository big; sets repo_id and githost_repo (its folder).
create_bench_repository() {
  githost_post "create project BENCH" /rest/api/1.0/projects '{"key":"BENCH","name":"Bench"}'
  githost_post "create repository BENCH/big" /rest/api/1.0/projects/BENCH/repos '{"name":"big","scmId":"git"}'
  repo_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/log/rest.json")
  githost_repo="$githost_home/shared/repos/$repo_id"
  [ -d "$githost_repo" ] || fail "repository $repo_id is not at $githost_repo"
}

# fill_githost_repository URL BASELINE_REPO: pushes the fixture once (git push --mirror over URL,
# needs lib/git.sh), then, as a new user would, waits for GitHost's own housekeeping (at most 30 s;
# BENCH_GITHOST_TUNING=manual runs the baseline's housekeeping by hand instead) and checks that its
# branches and tags equal the baseline's.
fill_githost_repository() {
  echo "Pushing the repository to GitHost once (git push --mirror) ..."
  local started
  started=$(now_ns)
  client_git -C "$fixture" push -q --mirror "$1" >"$work/log/githost-push.txt" 2>&1 ||
    fail "the initial push to GitHost failed: $(redacted "$work/log/githost-push.txt" | tail -n 5)"
  echo "  pushed in $(ms_since "$started") ms"
  if [ "${BENCH_GITHOST_TUNING:-product}" = manual ]; then
    housekeeping "$githost_repo"
    echo "  housekeeping run by hand (BENCH_GITHOST_TUNING=manual)"
  else
    wait_for_githost_housekeeping "$githost_repo" 30
  fi
  [ "$(refs_of "$githost_repo")" = "$(refs_of "$2")" ] ||
    fail "GitHost's repository has other branches or tags than the baseline's after the push"
}

# wait_for_githost_housekeeping REPO SECONDS: until GitHost's background housekeeping left a
# reachability bitmap and a commit-graph in REPO (and no repack runs), or SECONDS passed.
wait_for_githost_housekeeping() {
  local started waited
  started=$(now_ns)
  while :; do
    if compgen -G "$1/objects/pack/*.bitmap" >/dev/null &&
       { [ -f "$1/objects/info/commit-graph" ] || [ -f "$1/objects/info/commit-graphs/commit-graph-chain" ]; } &&
       ! pgrep -f "repack.*$1|commit-graph.*$1" >/dev/null; then
      echo "  GitHost optimized the repository on its own $(ms_since "$started") ms after the push"
      return 0
    fi
    waited=$(ms_since "$started")
    if [ "${waited%.*}" -ge $(($2 * 1000)) ]; then
      echo "  GitHost had not optimized the repository $2 s after the push: measuring it as it is"
      return 0
    fi
    sleep 0.2
  done
}

# init_githost_bench: what a GitHost-only benchmark starts with: an admin password, a throw-away work
# folder with log/ and results/ (kept with BENCH_KEEP=1), GitHost (and PostgreSQL, if started) stopped
# on exit, the tools checked.
init_githost_bench() {
  admin_password="bench-admin-$RANDOM$RANDOM"
  server_cpu=()
  server_pid=""
  work=$(mktemp -d /tmp/githost-bench.XXXXXX)
  mkdir -p "$work/log" "$work/results"
  trap githost_bench_cleanup EXIT
  local tool
  for tool in curl python3 git dotnet; do command -v "$tool" >/dev/null || fail "$tool is required"; done
}

githost_bench_cleanup() {
  stop_githost
  stop_bench_postgres
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
