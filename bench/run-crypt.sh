#!/bin/bash
# Measure, never assert: encryption at rest per second (bench/crypt.c: a row
# of five fields sealed and opened, blind indexes) next to the raw speed of
# AES-256-GCM on this machine (`openssl speed`, 32- and 64-byte buffers).
#
#   bench/run-crypt.sh [SECONDS]      (default 2 per measurement)
#
# Needs a built tree without sanitizers (see bench/README.md), taken from
# PFORTE_BUILD or the source directory: it links lib/libpforte.a.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${PFORTE_BUILD:-$src}
secs=${1:-2}
[ -f "$build/lib/libpforte.a" ] || { echo "no $build/lib/libpforte.a: build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/pforte-bench-crypt.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -Wall -Wextra -Wno-unused-parameter -I"$src/lib" -I"$build" -o "$tmp/crypt" \
    "$src/bench/crypt.c" "$build/lib/libpforte.a" $(pkg-config --libs libcrypto)

echo "# $(date -u +%F) $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
    "$(openssl version | cut -d' ' -f1-2), load $(cut -d' ' -f1 /proc/loadavg), ${secs} s per measurement, rates per CPU second"
"$tmp/crypt" "$secs" | tee "$tmp/crypt.txt"
for bytes in 32 64; do
  kb=$(openssl speed -evp aes-256-gcm -seconds "$secs" -bytes "$bytes" 2>/dev/null |
      awk 'toupper($1) == "AES-256-GCM" { sub(/k$/, "", $2); print $2 }')
  awk -v kb="$kb" -v b="$bytes" -v s="$secs" 'BEGIN {
      printf "openssl speed -evp aes-256-gcm -seconds %s -bytes %-3s %10.0f ops/s  %7.1f MB/s\n",
          s, b, kb * 1000 / b, kb / 1000 }'
  [ "$bytes" = 32 ] && ops32=$(awk -v kb="$kb" 'BEGIN { print kb * 1000 / 32 }')
done
# Each field is one seal and one open: two AES-256-GCM operations.
awk -v ops="$ops32" '/seal\+open/ { f = $(NF - 3) }
  END { printf "per GCM operation (seal or open) we reach %.0f %% of raw 32-byte AES-256-GCM\n",
      200 * f / ops }' "$tmp/crypt.txt"
