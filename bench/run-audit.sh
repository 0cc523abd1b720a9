#!/bin/bash
# Measure, never assert: audit events per second through the chain
# (lib/audit.c: seal address and agent, mac, serialised on audit_head),
# next to plain durable INSERTs of rows of the same size, for 1..8
# concurrent writers; then how fast `pforte-admin audit verify` checks
# the chain those runs wrote.
#
#   bench/run-audit.sh [SECONDS]   (default 10)
#
# Starts a private instance (tools/pforte-local, its own state directory
# under /tmp, 127.0.0.1 only) and stops it again.  BENCH_PORT (default
# 45443) and BENCH_HTTP_PORT choose the ports; PFORTE_BUILD the build tree.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${PFORTE_BUILD:-$src}" && pwd)
secs=${1:-10}
port=${BENCH_PORT:-45443}
http_port=${BENCH_HTTP_PORT:-$((port + 1))}
for f in "$build/tools/pforte-admin" "$build/lib/libpforte.a"; do
  [ -e "$f" ] || { echo "no $f: build first (make)" >&2; exit 1; }
done
tmp=$(mktemp -d /tmp/pforte-auditbench.XXXXXX)
chmod 755 "$tmp"
state=$tmp/state
local_=$src/tools/pforte-local
cleanup() {
  PFORTE_BUILD=$build "$local_" stop --state "$state" > /dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck disable=SC2046 # pkg-config prints several words on purpose
cc -O2 -I"$src/lib" -I"$build" -o "$tmp/auditrate" "$src/bench/auditrate.c" \
    "$build/lib/libpforte.a" -lneo_cgi -lneo_cs -lneo_utl -lz \
    $(pkg-config --libs fcgi libmariadb jansson libcurl libsodium liboath libqrencode \
      libcrypto libmaxminddb) -lcrack -lm
PFORTE_BUILD=$build "$local_" start --no-deps --state "$state" --port "$port" \
    --http-port "$http_port" > "$tmp/start.log" 2>&1 || { cat "$tmp/start.log"; exit 1; }
conf=$state/pforte.hdf
sql() { PFORTE_BUILD=$build "$local_" sql --state "$state" -N -e "$1"; }
sql "CREATE TABLE bench_plain (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  created_at DATETIME(6) NOT NULL, program VARCHAR(16) NOT NULL, event VARCHAR(64) NOT NULL,
  outcome VARCHAR(4) NOT NULL, user_id BIGINT UNSIGNED, request_id CHAR(16) NOT NULL,
  detail VARCHAR(200) NOT NULL, ip_enc VARBINARY(200), ua_enc VARBINARY(1200),
  mac BINARY(32)) ENGINE=InnoDB"
echo "innodb_flush_log_at_trx_commit = $(sql 'SELECT @@innodb_flush_log_at_trx_commit')," \
  "$(nproc) cores, $secs s per row"
for p in 1 2 4 8; do
  for mode in plain chain alerts; do
    PFORTE_CONFIG=$conf "$tmp/auditrate" "$secs" "$p" "$mode"
  done
done
rows=$(sql "SELECT COUNT(*) FROM audit_log")
t0=$(date +%s.%N)
"$build/tools/pforte-admin" -c "$conf" audit verify
t1=$(date +%s.%N)
echo "audit verify: $rows rows in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s"
