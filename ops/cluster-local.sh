#!/usr/bin/env bash
# A GitHost cluster on this machine's loopback, from Debian packages (postgresql, redis-server,
# haproxy): PostgreSQL, Redis, N GitHost nodes sharing one data home, HAProxy in front. The same
# topology as docker-compose.yml, for trying a cluster without Docker and for the cluster tests.
#
#   ops/cluster-local.sh start              everything; prints the addresses
#   ops/cluster-local.sh stop               everything, and keeps the data (start again to resume)
#   ops/cluster-local.sh status             what runs
#   ops/cluster-local.sh kill-node N        SIGKILL node N (no shutdown code runs), as a crash would
#   ops/cluster-local.sh stop-node N        SIGTERM node N and wait for it to finish its work
#   ops/cluster-local.sh start-node N       start node N again (after kill-node or stop-node)
#   ops/cluster-local.sh kill-redis         SIGKILL Redis;  start-redis starts it again
#   ops/cluster-local.sh uncap              lifts GITHOST_NODE_CPU_QUOTA from the running nodes;  cap puts it back
#   ops/cluster-local.sh drain-node N       HAProxy sends node N nothing more (it keeps running, warm);  undrain-node N
#
# Settings (environment):
#   GITHOST_CLUSTER_DIR    state, data home and logs        (default /tmp/githost-cluster)
#   GITHOST_CLUSTER_NODES  how many nodes                   (default 2)
#   GITHOST_CLUSTER_PORT   HAProxy's HTTP port; the others follow it: SSH +9, PostgreSQL +2, Redis +3,
#                          HAProxy stats +4, node N's HTTP +10+N and SSH +20+N   (default 7990)
#   GITHOST_ADMIN_PASSWORD the first administrator's password (default: generated, printed once)
#   GITHOST_SERVER_DLL     a built GitHost.Server.dll to run (default: builds src/GitHost.Server in Release)
#   GITHOST_NODE_CPUS      a taskset CPU list per node, e.g. "0 1" pins node 1 to CPU 0 and node 2 to CPU 1
#   GITHOST_NODE_CPU_QUOTA caps each node (with its git processes) at this percentage of one CPU through a
#                          cgroup v1 cpu controller (benchmarks: a node with "its own cores" on a small machine)
# Any other variable reaches the nodes as it is (e.g. GitHost__Webhooks__AllowLoopback=true).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${GITHOST_CLUSTER_DIR:-/tmp/githost-cluster}
nodes=${GITHOST_CLUSTER_NODES:-2}
base=${GITHOST_CLUSTER_PORT:-7990}
http_port=$base
ssh_port=$((base + 9))
pg_port=$((base + 2))
redis_port=$((base + 3))
stats_port=$((base + 4))
proxy_source=127.0.0.3
node_http() { echo $((base + 10 + $1)); }
node_ssh() { echo $((base + 20 + $1)); }
read -r -a node_cpus <<< "${GITHOST_NODE_CPUS:-}"
cpu_quota=${GITHOST_NODE_CPU_QUOTA:-}

as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi
pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

say() { echo "cluster: $*"; }

need_packages() {
  local need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v haproxy >/dev/null || command -v /usr/sbin/haproxy >/dev/null || need+=(haproxy)
  command -v curl >/dev/null || need+=(curl)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "Missing packages: ${need[*]}. Install them (apt-get install ${need[*]}) or run as root." >&2
      exit 1
    fi
    say "installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  # The Debian packages start their own services; the cluster runs private ones instead.
  systemctl disable --now redis-server haproxy >/dev/null 2>&1 || true
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits until the URL answers 200 with RUNNING in its body.
wait_running() {
  local url=$1 what=$2 seconds=${3:-120}
  for _ in $(seq 1 $((seconds * 5))); do
    if curl -fsS -m 2 "$url" 2>/dev/null | grep -q RUNNING; then return 0; fi
    sleep 0.2
  done
  echo "$what did not answer RUNNING at $url within ${seconds}s" >&2
  return 1
}

start_postgres() {
  local bin; bin=$(pg_bin)
  mkdir -p "$dir/pg"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir/pg"; chmod 755 "$dir"; fi
  if [ ! -d "$dir/pg/data" ]; then
    "${as_pg[@]}" "$bin/initdb" -D "$dir/pg/data" -A trust -U postgres >/dev/null
  fi
  if "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1; then return 0; fi
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w \
    -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  "${as_pg[@]}" "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "select 1 from pg_database where datname='githost'" | grep -q 1 \
    || "${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres githost
  say "PostgreSQL on 127.0.0.1:$pg_port"
}

start_redis() {
  if alive "$dir/redis.pid"; then return 0; fi
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/logs/redis.log" --dir "$dir"
  for _ in $(seq 1 50); do alive "$dir/redis.pid" && break; sleep 0.1; done
  say "Redis on 127.0.0.1:$redis_port"
}

kill_redis() {
  if alive "$dir/redis.pid"; then kill -9 "$(cat "$dir/redis.pid")"; fi
  rm -f "$dir/redis.pid"
}

server_dll() {
  if [ -n "${GITHOST_SERVER_DLL:-}" ]; then echo "$GITHOST_SERVER_DLL"; return; fi
  local dll="$root/src/GitHost.Server/bin/Release/net10.0/GitHost.Server.dll"
  if [ ! -f "$dll" ]; then
    echo "cluster: building GitHost (Release)" >&2
    dotnet build "$root/src/GitHost.Server" -c Release -v quiet >&2
  fi
  echo "$dll"
}

start_node() {
  local n=$1 dll=$2
  if alive "$dir/node$n.pid"; then return 0; fi
  local pin=()
  if [ ${#node_cpus[@]} -ge "$n" ]; then pin=(taskset -c "${node_cpus[$((n - 1))]}"); fi
  (
    cd "$dir"
    export GITHOST_HOME="$dir/home"
    # Only the first node creates the administrator; the others would warn that the password is ignored.
    if [ "$n" -eq 1 ]; then export GITHOST_ADMIN_PASSWORD="$admin_password"; else unset GITHOST_ADMIN_PASSWORD; fi
    export ASPNETCORE_URLS="http://127.0.0.1:$(node_http "$n")"
    export GitHost__BaseUrl="http://127.0.0.1:$http_port"
    export GitHost__Database__Provider=Postgres
    export GitHost__Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Database=githost;Username=postgres;Maximum Pool Size=50"
    export GitHost__Redis__Configuration="127.0.0.1:$redis_port"
    export GitHost__Cluster__NodeName="node$n"
    export GitHost__Ssh__Port="$(node_ssh "$n")"
    export GitHost__Ssh__PublicPort="$ssh_port"
    export GitHost__Ssh__ListenAddress=127.0.0.1
    # HAProxy connects to the nodes from its own address (127.0.0.3, as a separate machine would): the
    # nodes trust only it for X-Forwarded-For, and take the SSH client's address from its PROXY header.
    export GitHost__TrustedProxies__0=$proxy_source
    export GitHost__Ssh__ProxyProtocol=true GitHost__Ssh__ProxyProtocolFrom__0=$proxy_source
    export GitHost__Ssh__MaxStartupsPerSource=0
    export Logging__Console__FormatterName=simple
    export Logging__Console__FormatterOptions__SingleLine=true
    export Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff "
    setsid "${pin[@]}" dotnet "$dll" >> "$dir/logs/node$n.log" 2>&1 < /dev/null &
    echo $! > "$dir/node$n.pid"
  )
  if [ -n "$cpu_quota" ]; then cap_node "$n" "$(cat "$dir/node$n.pid")"; fi
}

# Puts a node in a cgroup of its own limited to cpu_quota % of one CPU; what it starts later inherits it.
cap_node() {
  local n=$1 pid=$2 group
  group=/sys/fs/cgroup/cpu/githost-$(basename "$dir")-node$n
  mkdir -p "$group"
  # A 10 ms period: a node that used its share waits at most the rest of 10 ms, not of 100 ms.
  echo 10000 > "$group/cpu.cfs_period_us"
  echo $((cpu_quota * 100)) > "$group/cpu.cfs_quota_us"
  echo "$pid" > "$group/cgroup.procs"
}

cap_nodes() {
  [ -n "$cpu_quota" ] || { echo "cluster: set GITHOST_NODE_CPU_QUOTA to cap the nodes" >&2; exit 2; }
  for n in $(seq 1 "$nodes"); do
    if alive "$dir/node$n.pid"; then cap_node "$n" "$(cat "$dir/node$n.pid")"; fi
  done
}

# Puts node N in HAProxy's maintenance state (maint) or back (ready), through the loopback statistics page.
set_node_state() {
  local backend
  for backend in githost_http githost_ssh; do
    curl -fsS -o /dev/null -d "s=node$1&action=$2&b=$backend" "http://127.0.0.1:$stats_port/stats"
  done
}

uncap_nodes() {
  local group
  for group in /sys/fs/cgroup/cpu/githost-$(basename "$dir")-node*; do
    [ -d "$group" ] || continue
    echo -1 > "$group/cpu.cfs_quota_us"
    rmdir "$group" 2>/dev/null || true   # fails while processes are in it; they simply run uncapped
  done
}

signal_node() {
  local n=$1 signal=$2
  if alive "$dir/node$n.pid"; then
    local pid; pid=$(cat "$dir/node$n.pid")
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/node$n.pid"
}

write_haproxy_config() {
  {
    cat <<EOF
# Written by ops/cluster-local.sh; ops/haproxy.cfg explains each setting.
global
    maxconn 4096
defaults
    retries 3
    option redispatch 1
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout http-request 30s
    timeout http-keep-alive 10s
    timeout check 2s
    default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 1 on-marked-down shutdown-sessions
    source $proxy_source
frontend http
    bind 127.0.0.1:$http_port
    mode http
    option forwardfor
    http-request set-header X-Forwarded-Proto http
    default_backend githost_http
backend githost_http
    mode http
    balance roundrobin
    option httpchk
    http-check send meth GET uri /status
    http-check expect string RUNNING
    cookie GITHOST_NODE insert indirect nocache httponly
EOF
    for n in $(seq 1 "$nodes"); do echo "    server node$n 127.0.0.1:$(node_http "$n") check cookie node$n"; done
    cat <<EOF
frontend ssh
    bind 127.0.0.1:$ssh_port
    mode tcp
    default_backend githost_ssh
backend githost_ssh
    mode tcp
    balance leastconn
    option httpchk
    http-check send meth GET uri /status
    http-check expect string RUNNING
EOF
    for n in $(seq 1 "$nodes"); do echo "    server node$n 127.0.0.1:$(node_ssh "$n") check port $(node_http "$n") send-proxy-v2"; done
    cat <<EOF
frontend stats
    bind 127.0.0.1:$stats_port
    mode http
    stats enable
    stats uri /stats
    # Loopback only: lets drain-node take a node out of rotation without stopping it.
    stats admin if TRUE
EOF
  } > "$dir/haproxy.cfg"
}

start_haproxy() {
  if alive "$dir/haproxy.pid"; then return 0; fi
  write_haproxy_config
  local haproxy; haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
  "$haproxy" -f "$dir/haproxy.cfg" -D -p "$dir/haproxy.pid" >> "$dir/logs/haproxy.log" 2>&1
  say "HAProxy on 127.0.0.1:$http_port (HTTP), 127.0.0.1:$ssh_port (SSH), stats at http://127.0.0.1:$stats_port/stats"
}

load_password() {
  if [ -n "${GITHOST_ADMIN_PASSWORD:-}" ]; then admin_password=$GITHOST_ADMIN_PASSWORD; return; fi
  if [ ! -f "$dir/admin-password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/admin-password")
    say "first administrator: admin / $(cat "$dir/admin-password") (also in $dir/admin-password)"
  fi
  admin_password=$(cat "$dir/admin-password")
}

start_all() {
  need_packages
  mkdir -p "$dir/logs" "$dir/home"
  load_password
  start_postgres
  start_redis
  local dll; dll=$(server_dll)
  # The first node migrates the schema and creates the administrator; the others join once it runs.
  start_node 1 "$dll"
  wait_running "http://127.0.0.1:$(node_http 1)/status" "node1"
  for n in $(seq 2 "$nodes"); do start_node "$n" "$dll"; done
  for n in $(seq 2 "$nodes"); do wait_running "http://127.0.0.1:$(node_http "$n")/status" "node$n"; done
  for n in $(seq 1 "$nodes"); do say "node$n on 127.0.0.1:$(node_http "$n") (SSH $(node_ssh "$n")), log $dir/logs/node$n.log"; done
  start_haproxy
  wait_running "http://127.0.0.1:$http_port/status" "HAProxy"
  say "GitHost is at http://127.0.0.1:$http_port (ssh://git@127.0.0.1:$ssh_port); data home $dir/home"
}

stop_all() {
  if alive "$dir/haproxy.pid"; then kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true; fi
  rm -f "$dir/haproxy.pid"
  for pidfile in "$dir"/node*.pid; do
    [ -e "$pidfile" ] || continue
    local n=${pidfile##*/node}; n=${n%.pid}
    signal_node "$n" TERM
  done
  if alive "$dir/redis.pid"; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
  rm -f "$dir/redis.pid"
  if [ -d "$dir/pg/data" ]; then "${as_pg[@]}" "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
  uncap_nodes
  say "stopped (data kept in $dir)"
}

status() {
  for what in haproxy redis; do
    if alive "$dir/$what.pid"; then say "$what runs ($(cat "$dir/$what.pid"))"; else say "$what is down"; fi
  done
  for n in $(seq 1 "$nodes"); do
    if alive "$dir/node$n.pid"; then
      say "node$n runs: $(curl -fsS -m 2 "http://127.0.0.1:$(node_http "$n")/status" 2>/dev/null || echo 'no answer')"
    else
      say "node$n is down"
    fi
  done
}

command=${1:-}
case "$command" in
  start) start_all ;;
  stop) stop_all ;;
  status) status ;;
  kill-node) signal_node "${2:?node number}" KILL ;;
  stop-node) signal_node "${2:?node number}" TERM ;;
  start-node)
    mkdir -p "$dir/logs"; load_password
    start_node "${2:?node number}" "$(server_dll)"
    wait_running "http://127.0.0.1:$(node_http "$2")/status" "node$2" ;;
  kill-redis) kill_redis ;;
  uncap) uncap_nodes ;;
  cap) cap_nodes ;;
  drain-node) set_node_state "${2:?node number}" maint ;;
  undrain-node) set_node_state "${2:?node number}" ready ;;
  start-redis) mkdir -p "$dir/logs"; start_redis ;;
  *) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
