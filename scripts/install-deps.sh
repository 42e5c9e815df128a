#!/usr/bin/env bash
# Installs the Debian packages that jineng's build, tests, demo and benchmarks need.
# Idempotent: asks apt only for the packages that are missing.
set -euo pipefail

base=(
  build-essential pkg-config ca-certificates curl jq
  libsqlite3-dev sqlite3
  libpq-dev postgresql-15 postgresql-client-15 pgbackrest
  libmicrohttpd-dev libjansson-dev libsodium-dev libssl-dev openssl
  libqrencode-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk
  libxlsxwriter-dev libcsv-dev libcmocka-dev
  libzip-dev libexpat1-dev
  clang-14
  poppler-utils zbar-tools
  nodejs npm
  chromium
)
extra=()
case "${1:-}" in
  --bench) extra=(nginx-light wrk bc r-base-core r-cran-clue) ;; # r-cran-clue: bench/dispatch.sh's reference
  --fuzz) extra=(libclang-rt-14-dev) ;; # make fuzz: libFuzzer and the sanitizers' runtimes (clang-14 is in base)
  # scripts/ha-lab.sh and bench/failover.sh: pg_auto_failover (monitor, keepers) and nginx in front
  --ha) extra=(postgresql-15-auto-failover pg-auto-failover-cli nginx-light) ;;
esac

missing=()
# node and npm may come from elsewhere than Debian's packages (the machine image); accept any on PATH
have_node=0; command -v node >/dev/null && command -v npm >/dev/null && have_node=1
for p in "${base[@]}" "${extra[@]}"; do
  if [ $have_node = 1 ] && { [ "$p" = nodejs ] || [ "$p" = npm ]; }; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
