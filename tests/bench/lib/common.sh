# Shell functions shared by the benchmarks in tests/bench (sourced, not run).
# The sourcing script sets bench_name (the prefix of error messages) before it calls fail.

fail() { echo "$bench_name: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ns() { date +%s%N; }
ms_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

# install_missing COMMAND:PACKAGE ...: installs the Debian package of every command that is not on
# the PATH (a COMMAND with a slash is an absolute path that must be executable). Needs root.
install_missing() {
  local pair command package missing=()
  for pair in "$@"; do
    command=${pair%%:*}; package=${pair#*:}
    case $command in
      */*) [ -x "$command" ] || missing+=("$package") ;;
      *) command -v "$command" >/dev/null || missing+=("$package") ;;
    esac
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  [ "$(id -u)" -eq 0 ] || fail "missing packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run as root."
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  # The packages' own services are not wanted: on Debian images /usr/sbin/policy-rc.d usually stops
  # them from starting (without it nginx would listen on port 80, sshd on 22, until stopped by hand).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- report helpers ------------------------------------------------------------------------------
median() { sort -n "$1" | awk 'NF { a[++n] = $1 } END { if (n % 2) print a[(n + 1) / 2]; else print (a[n / 2] + a[n / 2 + 1]) / 2 }'; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
fmt() { awk -v v="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "**pass**" : "**FAIL**") }'; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
# at_most A FACTOR B: 1 when 0 <= A <= FACTOR x B, else 0 (for verdict; a negative A is a missing measurement).
at_most() { awk -v a="$1" -v f="$2" -v b="$3" 'BEGIN { print (a >= 0 && a <= f * b) }'; }
cpu_model() { awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo; }
commit_shown() { echo "$(git rev-parse --short HEAD)$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"; }
