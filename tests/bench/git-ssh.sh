#!/usr/bin/env bash
# Git over SSH benchmark: GitHost's embedded SSH server against OpenSSH sshd + git upload-pack.
#
#   tests/bench/git-ssh.sh
#
# Uses the repository of the HTTP benchmark (tests/bench/git-http-repo.py, same cache), serves it
# from OpenSSH sshd (Debian package openssh-server, started as the current user with its own host
# key, authorized keys and configuration on a free loopback port, running `git upload-pack` on a
# copy of the repository: the stock SSH ceiling, peers.md §3c) and from GitHost (Release build,
# SQLite, its SSH door on a free loopback port, the benchmark key added through
# POST /rest/ssh/1.0/keys as admin). Both stored repositories get the same housekeeping (repack -adb
# with bitmaps + commit-graph). Then it measures, alternating the two servers, each BENCH_RUNS
# times: (a) full bare clone; (b) connection set-up + authentication: BENCH_CONNECTIONS sequential
# `ssh <host> git-upload-pack '<path>'` sessions that read the ref advertisement and end with a
# flush packet (per-connection ms), and as many sequential `git ls-remote` (per-operation ms);
# (c) BENCH_CONCURRENCY clones at once: all must succeed; wall time, throughput and the servers'
# peak RSS sampled every 100 ms. For (a) and (c) it also reports the servers' CPU per clone, read
# from a cpuacct cgroup per server (needs root; git children included). Prints a Markdown table of medians, ratios and targets, the
# machine and the command that reproduces it. Everything it starts is stopped on exit.
# Targets: clone <= 1.15 x sshd; connection set-up + auth <= 2 x sshd; 32 concurrent clones
# without a failure.
#
# Knobs (environment), defaults in brackets:
#   BENCH_COMMITS [20000]  BENCH_FILES [5000]   size of the generated repository
#   BENCH_CACHE [/tmp/githost-bench-cache]      where generated repositories are kept between runs
#   BENCH_RUNS [5]  BENCH_CONCURRENCY [32]      runs per scenario (median reported); parallel clones in (c)
#   BENCH_CONNECTIONS [20]                      sequential sessions per run in (b)
#   BENCH_PROTOCOL [2; 0 for the v0 protocol]   client protocol.version for clone and ls-remote
#   BENCH_SSH_KEX [curve25519-sha256; empty = the client's default order] client KexAlgorithms for both servers
#   BENCH_SERVERS ["sshd githost"; "sshd" measures the baseline alone]
#   BENCH_PIN [0; 1 pins the servers to CPU0 and the clients to CPU1 with taskset, as peers.md §3c advises]
#   BENCH_KEEP [0; 1 keeps the work folder (server logs, configs, keys) after the run]
#   BENCH_GITHOST_TUNING [product: after the push GitHost's own housekeeping is awaited (<= 30 s); manual: repack by hand]
#   BENCH_PACK_CACHE [warm: the cache as shipped, filled by the first run; cold: emptied before each run; off: disabled]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bench_name=git-ssh
. tests/bench/lib/common.sh
. tests/bench/lib/git.sh
. tests/bench/lib/githost.sh

read_transport_knobs sshd 32
connections=${BENCH_CONNECTIONS:-20}
kex=${BENCH_SSH_KEX-curve25519-sha256}

work=$(mktemp -d /tmp/githost-bench-ssh.XXXXXX)
mkdir -p "$work"/{run,log,ssh,repos,client-home,results,clones}
server_pid=""; sshd_pid=""; sampler_pid=""

cleanup() {
  [ -n "$sampler_pid" ] && { kill "$sampler_pid" 2>/dev/null || true; }
  stop_githost
  # sshd was started in its own session: stopping the group also stops the per-connection sshd
  # processes and their git children.
  [ -n "$sshd_pid" ] && { kill -- "-$sshd_pid" 2>/dev/null || true; }
  release_cpu_groups
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# --- tools -------------------------------------------------------------------------------------
sshd_bin=/usr/sbin/sshd   # sshd re-executes itself for every connection: it needs an absolute path
install_missing "$sshd_bin:openssh-server" ssh:openssh-client ssh-keygen:openssh-client ssh-keyscan:openssh-client \
  curl:curl python3:python3 git:git

# --- keys and the ssh client -------------------------------------------------------------------
# One client key for both servers; one known_hosts with both host keys; strict host key checking,
# no agent, no prompts, no connection sharing, the user's ~/.ssh/config ignored.
ssh-keygen -q -t ed25519 -N '' -C githost-bench -f "$work/ssh/client_key"
known_hosts="$work/ssh/known_hosts"
: >"$known_hosts"
ssh_opts=(-F /dev/null -i "$work/ssh/client_key" -o IdentitiesOnly=yes -o IdentityAgent=none
  -o UserKnownHostsFile="$known_hosts" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes
  -o BatchMode=yes -o ControlMaster=no -o ControlPath=none -o LogLevel=ERROR)
[ -n "$kex" ] && ssh_opts+=(-o KexAlgorithms="$kex")
client_env=(GIT_SSH_COMMAND="ssh $(printf '%q ' "${ssh_opts[@]}")")
client_ssh() { env HOME="$work/client-home" "${client_cpu[@]}" ssh "${ssh_opts[@]}" "$@"; }

# --- the repository (the HTTP benchmark's, generated once per size and generator version) ------
prepare_fixture "$commits" "$files" "$cache"

# --- baseline: OpenSSH sshd + git upload-pack ----------------------------------------------------
start_baseline() {
  local user permit_root=no
  user=$(id -un)
  sshd_port=$(free_port)
  baseline_repo="$work/repos/big.git"
  baseline_path=$baseline_repo
  baseline_url="ssh://$user@127.0.0.1:$sshd_port$baseline_repo"
  git clone -q --bare --no-local "$fixture" "$baseline_repo"
  housekeeping "$baseline_repo"

  ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/ssh_host_ed25519_key"
  cp "$work/ssh/client_key.pub" "$work/ssh/authorized_keys"
  echo "[127.0.0.1]:$sshd_port $(cut -d' ' -f1,2 "$work/ssh/ssh_host_ed25519_key.pub")" >>"$known_hosts"
  if [ "$(id -u)" -eq 0 ]; then
    permit_root=yes
    mkdir -p /run/sshd   # the privilege-separation directory sshd insists on when it runs as root
  fi
  # StrictModes no: the authorized keys live below /tmp, which is world-writable.
  # MaxStartups: the default 10:30:100 would drop connections of the concurrent clones.
  # SetEnv SHLVL=1: sshd runs every command through the user's login shell, and Debian's bash then
  # sources ~/.bashrc (SSH_SOURCE_BASHRC) unless it is a nested shell; a developer's .bashrc
  # (pyenv, nvm, ...) would add its start-up to every baseline session. A git service account's
  # shell reads nothing there, so that cost is kept out.
  cat >"$work/ssh/sshd_config" <<EOF
Port $sshd_port
ListenAddress 127.0.0.1
HostKey $work/ssh/ssh_host_ed25519_key
PidFile $work/run/sshd.pid
AuthorizedKeysFile $work/ssh/authorized_keys
AllowUsers $user
PermitRootLogin $permit_root
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTTY no
PrintMotd no
PrintLastLog no
MaxStartups 200:30:400
MaxSessions 100
AcceptEnv GIT_PROTOCOL
SetEnv SHLVL=1
LogLevel ERROR
EOF
  "$sshd_bin" -t -f "$work/ssh/sshd_config" 2>"$work/log/sshd-test.txt" ||
    fail "sshd rejected $work/ssh/sshd_config: $(cat "$work/log/sshd-test.txt")"
  setsid "${server_cpu[@]}" "$sshd_bin" -D -e -f "$work/ssh/sshd_config" >"$work/log/sshd.log" 2>&1 &
  sshd_pid=$!
  for _ in $(seq 1 50); do
    client_git ls-remote "$baseline_url" >/dev/null 2>&1 && break
    kill -0 "$sshd_pid" 2>/dev/null || { cat "$work/log/sshd.log" >&2; fail "sshd exited during start"; }
    sleep 0.2
  done
  client_git ls-remote "$baseline_url" >"$work/log/baseline-ls-remote.txt" 2>&1 ||
    fail "git ls-remote $baseline_url failed: $(tail -n 5 "$work/log/baseline-ls-remote.txt"; tail -n 5 "$work/log/sshd.log")"
  check_protocol sshd "$baseline_url"
  echo "Baseline: $("$sshd_bin" -V 2>&1 | head -n 1 || true) + git upload-pack at $baseline_url (login shell $(getent passwd "$user" | cut -d: -f7))"
}

# --- GitHost -----------------------------------------------------------------------------------
start_githost_ssh() {
  githost_ssh_port=$(free_port)
  # shellcheck disable=SC2046
  start_githost GitHost__Ssh__Port="$githost_ssh_port" GitHost__Ssh__ListenAddress=127.0.0.1 $(githost_cache_settings)
  create_bench_repository
  githost_post "add the benchmark key for admin" /rest/ssh/1.0/keys \
    "{\"text\":\"$(cat "$work/ssh/client_key.pub")\",\"label\":\"bench\"}"
  githost_path=/bench/big.git
  githost_url="ssh://git@127.0.0.1:$githost_ssh_port$githost_path"

  # The probe: a host key on the SSH port, then git ls-remote (the repository is still empty).
  local probe_failed=""
  if ! ssh-keyscan -T 10 -t ed25519 -p "$githost_ssh_port" 127.0.0.1 >"$work/ssh/githost-host-key" 2>"$work/log/githost-keyscan.txt" ||
     [ ! -s "$work/ssh/githost-host-key" ]; then
    probe_failed="nothing answers SSH on 127.0.0.1:$githost_ssh_port (GitHost__Ssh__Port)"
  else
    cat "$work/ssh/githost-host-key" >>"$known_hosts"
    client_git ls-remote "$githost_url" >"$work/log/githost-ls-remote.txt" 2>&1 ||
      probe_failed="git ls-remote $githost_url failed: $(tail -n 5 "$work/log/githost-ls-remote.txt")"
  fi
  if [ -n "$probe_failed" ]; then
    echo "git-ssh: GitHost does not serve Git over SSH: $probe_failed" >&2
    echo "  The SSH door (GitHost:Ssh:Port, ssh://git@host:port/{key}/{slug}.git) is probably not in this build yet." >&2
    echo "  Nothing was measured. To check the baseline alone: BENCH_SERVERS=sshd tests/bench/git-ssh.sh" >&2
    exit 2
  fi
  # Filled over HTTP (/scm), which is not what is measured here.
  fill_githost_repository "http://admin:$admin_password@127.0.0.1:$githost_port/scm/bench/big.git" "$baseline_repo"
  check_protocol githost "$githost_url"
  echo "GitHost $(git rev-parse --short HEAD) at $githost_url (repository id $repo_id, key of admin; host key $(ssh-keygen -lf "$work/ssh/githost-host-key" | awk '{ print $2 }'))"
}

# --- scenarios ---------------------------------------------------------------------------------
declare -A url path port user_at

# (b) $connections sequential sessions running what git runs for a fetch, `git-upload-pack '<path>'`,
# each reading the whole ref advertisement and answering with a flush packet (as `git ls-remote`
# does in protocol v0), so upload-pack ends at once; per-connection ms to results/<server>-connect.
connect_once() {   # server
  local i started
  started=$(now_ns)
  for i in $(seq 1 "$connections"); do
    printf 0000 | client_ssh -p "${port[$1]}" "${user_at[$1]}" "git-upload-pack '${path[$1]}'" >"$work/log/$1-connect.txt" 2>&1 ||
      fail "ssh session $i to $1 failed: $(tail -n 5 "$work/log/$1-connect.txt")"
  done
  awk -v ms="$(ms_since "$started")" -v n="$connections" 'BEGIN { printf "%.1f\n", ms / n }' >>"$work/results/$1-connect"
}

lsremote_once() {   # server -> per-operation ms to results/<server>-lsremote
  local i started
  started=$(now_ns)
  for i in $(seq 1 "$connections"); do
    run_or_fail "$work/log/$1-lsremote.txt" client_git ls-remote "${url[$1]}"
  done
  awk -v ms="$(ms_since "$started")" -v n="$connections" 'BEGIN { printf "%.1f\n", ms / n }' >>"$work/results/$1-lsremote"
}

server_roots() {
  case $1 in
    sshd) echo "$sshd_pid" ;;
    githost) echo "$server_pid" ;;
  esac
}

concurrent_once() {   # server run
  concurrent_clones "$1" "$2"
  local failed
  failed=$(tail -n 1 "$work/results/$1-concurrent-failed")
  if [ "$failed" != 0 ]; then
    # A failing baseline makes every ratio meaningless; GitHost's failures are its verdict.
    [ "$1" = githost ] || fail "$failed of $concurrency concurrent clones from $1 failed: $(tail -q -n 2 "$work"/log/"$1"-c*.txt | tail -n 5)"
    echo "  $failed of $concurrency concurrent clones from GitHost failed, e.g.: $(tail -q -n 2 "$work"/log/"$1"-c*.txt | grep . | head -n 3 | tr '\n' ' ')"
  fi
  rm -rf "$work"/clones/"$1"-c*
}

# --- run ---------------------------------------------------------------------------------------
start_baseline
url[sshd]=$baseline_url; path[sshd]=$baseline_path; port[sshd]=$sshd_port; user_at[sshd]="$(id -un)@127.0.0.1"
measured=(sshd)
if [ "$with_githost" = 1 ]; then
  start_githost_ssh
  url[githost]=$githost_url; path[githost]=$githost_path; port[githost]=$githost_ssh_port; user_at[githost]=git@127.0.0.1
  measured+=(githost)
fi
for server in "${measured[@]}"; do account_cpu "$server"; done

echo "Warming up (one untimed clone and ssh session per server) ..."
for server in "${measured[@]}"; do
  clone_once "$server"
  connect_once "$server"
  : >"$work/results/$server-clone"
  : >"$work/results/$server-clone-cpu"
  : >"$work/results/$server-connect"
done

for run in $(seq 1 "$runs"); do
  read -r -a order <<<"$(run_order "$run")"
  echo "Run $run of $runs (${order[*]}) ..."
  for server in "${order[@]}"; do clone_once "$server"; done
  for server in "${order[@]}"; do connect_once "$server"; done
  for server in "${order[@]}"; do lsremote_once "$server"; done
  for server in "${order[@]}"; do concurrent_once "$server" "$run"; done
done

# --- report ------------------------------------------------------------------------------------
declare -A med throughput mbps failures
for server in "${measured[@]}"; do
  for scenario in clone connect lsremote concurrent; do med[$server-$scenario]=$(median "$work/results/$server-$scenario"); done
  read -r throughput[$server] mbps[$server] <<<"$(clone_throughput "$server")"
  failures[$server]=$(awk '{ n += $1 } END { print n + 0 }' "$work/results/$server-concurrent-failed")
done
concurrent_cell() {   # server
  echo "${throughput[$1]} clones/s, ${mbps[$1]} MB/s ($(fmt "${med[$1-concurrent]}" 0) ms), ${failures[$1]} of $((concurrency * runs)) failed"
}

echo
echo "### Git over SSH: GitHost against OpenSSH sshd + git upload-pack"
echo
echo "Machine: $(nproc) CPU ($(cpu_model)), $(git --version), $(ssh -V 2>&1), .NET $(dotnet --version 2>/dev/null || echo '?'), commit $(commit_shown), pinned=$pin, load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Repository: $commits commits, $files files; pack served: sshd $(pack_bytes "$baseline_repo") bytes$([ "$with_githost" = 1 ] && echo ", GitHost $(pack_bytes "$githost_repo") bytes"); a clone receives $(cat "$work/results/sshd-clone-bytes") bytes"
echo "Protocol: v$protocol. Client KexAlgorithms: ${kex:-client default}. Medians of $runs runs; $connections sequential sessions per run in (b); $concurrency concurrent clones in (c). Both servers authenticate the same ed25519 key."
echo
row scenario sshd GitHost ratio target verdict
row --- --- --- --- --- ---
b=sshd
if [ "$with_githost" = 1 ]; then
  g=githost
  row "(a) full clone (\`clone --bare\`)" "$(fmt "${med[$b-clone]}") ms" "$(fmt "${med[$g-clone]}") ms" "$(ratio "${med[$g-clone]}" "${med[$b-clone]}")" "≤ 1.15 ×" \
    "$(verdict "$(at_most "${med[$g-clone]}" 1.15 "${med[$b-clone]}")")"
  cpu_row "(a) server CPU per clone" $b $g clone-cpu
  row "(b) connection set-up + auth (\`ssh … git-upload-pack\`)" "$(fmt "${med[$b-connect]}") ms" "$(fmt "${med[$g-connect]}") ms" "$(ratio "${med[$g-connect]}" "${med[$b-connect]}")" "≤ 2 ×" \
    "$(verdict "$(at_most "${med[$g-connect]}" 2 "${med[$b-connect]}")")"
  row "(b) \`git ls-remote\`" "$(fmt "${med[$b-lsremote]}") ms" "$(fmt "${med[$g-lsremote]}") ms" "$(ratio "${med[$g-lsremote]}" "${med[$b-lsremote]}")" "(reported)" ""
  row "(c) $concurrency concurrent clones" "$(concurrent_cell $b)" "$(concurrent_cell $g)" "$(ratio "${throughput[$g]}" "${throughput[$b]}")" "no failure" \
    "$(verdict "$([ "${failures[$g]}" = 0 ] && echo 1 || echo 0)")"
  cpu_row "(c) server CPU per clone during (c)" $b $g concurrent-cpu
  row "(c) peak RSS during (c)" "sshd master $(mib "$(peak_kb $b 1)") MiB; with sessions and git $(mib "$(peak_kb $b 2)") MiB" \
    "GitHost $(mib "$(peak_kb $g 1)") MiB; with git children $(mib "$(peak_kb $g 2)") MiB" "" "(reported)" ""
else
  row "(a) full clone (\`clone --bare\`)" "$(fmt "${med[$b-clone]}") ms" "not measured" "" "≤ 1.15 ×" ""
  row "(b) connection set-up + auth (\`ssh … git-upload-pack\`)" "$(fmt "${med[$b-connect]}") ms" "not measured" "" "≤ 2 ×" ""
  row "(b) \`git ls-remote\`" "$(fmt "${med[$b-lsremote]}") ms" "not measured" "" "(reported)" ""
  row "(c) $concurrency concurrent clones" "$(concurrent_cell $b)" "not measured" "" "no failure" ""
  row "(c) peak RSS during (c)" "sshd master $(mib "$(peak_kb $b 1)") MiB; with sessions and git $(mib "$(peak_kb $b 2)") MiB" "not measured" "" "(reported)" ""
fi
echo
echo "Every run (ms; (b) per connection; -cpu: server CPU ms per clone):"
print_every_run clone clone-cpu connect lsremote concurrent concurrent-cpu
echo
echo "Reproduce: BENCH_COMMITS=$commits BENCH_FILES=$files BENCH_RUNS=$runs BENCH_CONCURRENCY=$concurrency BENCH_CONNECTIONS=$connections BENCH_PROTOCOL=$protocol BENCH_SSH_KEX='$kex' BENCH_PIN=$pin BENCH_SERVERS='$servers' tests/bench/git-ssh.sh"
echo "  (clients: ${client_cpu[*]} git -c protocol.version=$protocol clone -q --bare <url> | ls-remote <url>; printf 0000 | ssh -p <port> <user>@127.0.0.1 \"git-upload-pack '<path>'\"; ssh options: ${ssh_opts[*]})"
