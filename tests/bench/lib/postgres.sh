# A throw-away PostgreSQL for a benchmark (sourced after common.sh or with fail and free_port defined),
# the same recipe as tests/run.sh: its own folder under $work, a free loopback port, run as 'postgres'
# when started by root. fsync stays on (unlike tests/run.sh): a benchmark pays for durable commits as
# production does. Sets pg_connection (Npgsql, pooled, BENCH_PG_POOL connections [8]), bench_psql and pg_ctl_cmd;
# call stop_bench_postgres on exit.
start_bench_postgres() {
  local pg_bin pg_port as_pg=()
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$pg_bin" ] || fail "PostgreSQL is not installed (apt-get install postgresql)"
  pg_port=$(free_port)
  mkdir -p "$work/pg"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$work/pg"; chmod 755 "$work"; as_pg=(runuser -u postgres --); fi
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
  pg_ctl_cmd="${as_pg[*]} $pg_bin/pg_ctl -D $work/pg/data"
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE githost_bench' >/dev/null
  # Pooled connections to PostgreSQL: it shares the 2 cores with GitHost and the clients, and a pool
  # larger than the cores only adds context switches.
  pg_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=githost_bench;Pooling=true;Maximum Pool Size=${BENCH_PG_POOL:-8}"
  bench_psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d githost_bench)
  echo "PostgreSQL is on 127.0.0.1:$pg_port"
}

# What autovacuum does on its own within minutes of a bulk load: marks the loaded pages all-visible
# (so an index-only scan stops visiting the heap) and refreshes the planner's statistics. A benchmark
# that measures right after loading thousands of rows through the product would otherwise measure
# the minutes before autovacuum has caught up, not the steady state.
vacuum_bench_postgres() {
  "${bench_psql[@]}" -qc 'VACUUM (ANALYZE)' >/dev/null
}

stop_bench_postgres() {
  if [ -n "${pg_ctl_cmd:-}" ]; then $pg_ctl_cmd -m immediate stop >/dev/null 2>&1 || true; pg_ctl_cmd=""; fi
}
