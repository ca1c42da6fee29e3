#!/usr/bin/env bash
# Runs every test GitHost has, with the real services they need:
#   tests/run.sh [extra dotnet test arguments]
# Installs missing Debian packages (git, python3, PostgreSQL, OpenSSH client, Chromium, Redis, HAProxy, curl) when run as root, starts PostgreSQL on a free
# loopback port in a throw-away folder, runs the suite, prints "N passed, N failed" and exits
# non-zero on any failure. Everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/githost-tests.XXXXXX)
results="$work/results"
pg_ctl_cmd=""

cleanup() {
  if [ -n "$pg_ctl_cmd" ]; then $pg_ctl_cmd -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

need_packages=()
command -v git >/dev/null || need_packages+=(git)
command -v python3 >/dev/null || need_packages+=(python3)
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || need_packages+=(openssh-client)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
command -v chromium >/dev/null || need_packages+=(chromium)
# The cluster tests (ops/cluster-local.sh) run private Redis and HAProxy servers.
command -v redis-server >/dev/null || need_packages+=(redis-server)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || need_packages+=(haproxy)
command -v curl >/dev/null || need_packages+=(curl)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${need_packages[*]}. Install them (apt-get install ${need_packages[*]}) or run as root." >&2
    exit 1
  fi
  echo "Installing ${need_packages[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

# PostgreSQL refuses to run as root: run it as the 'postgres' user the package creates.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
mkdir -p "$work/pg"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$work/pg"; chmod 755 "$work"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
pg_ctl_cmd="${as_pg[*]} $pg_bin/pg_ctl -D $work/pg/data"
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export GITHOST_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true;Maximum Pool Size=20"
echo "PostgreSQL is on 127.0.0.1:$pg_port"

dotnet tool restore >/dev/null
dotnet build GitHost.sln -c Release -warnaserror 2>&1 | tail -n 3
status=0
dotnet test GitHost.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?

python3 "$root/tests/trx-slowest.py" "$results" 15 || true
read -r passed failed < <(python3 "$root/tests/trx-summary.py" "$results")
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
