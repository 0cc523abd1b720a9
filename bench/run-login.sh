#!/bin/bash
# Measure, never assert: complete sign-ins per second (password + TOTP,
# over HTTPS with keep-alive), next to the argon2id floor measured on the
# same cores in the same run; magic-link callbacks per second; and the
# resident memory of the login processes.
#
#   bench/run-login.sh [SECONDS] [THREADS] [USERS] [LINKS]
#                      (defaults 30, 4, 3000, 3000)
#
# Starts a private instance (tools/pforte-local, its own state directory
# under /tmp, 127.0.0.1 only), adds USERS users with `pforte-admin user add`
# and sets each one up through its setup link (password and TOTP
# enrolment, bench/login.c setup), then:
#   1. bench/hashrate.c: pf_pw_verify() in one process per core for 10 s
#   2. 1,000 sign-ins (warm-up), then VmRSS/VmHWM of the login processes
#   3. sign-ins for SECONDS with THREADS connections, with the CPU time of
#      every process involved, then VmRSS again
#   4. the hash floor again (other work on the machine moves both)
#   5. LINKS magic links requested through /magic, read from the mail
#      directory, and their callbacks (GET + POST) timed
# and stops the instance.  A user's TOTP time step is accepted only once,
# so the driver never signs in a user twice in one 30 s step: USERS must
# exceed 30 x the sign-in rate, or the driver waits (it reports waits).
# BENCH_PORT (default 38443) and BENCH_HTTP_PORT (BENCH_PORT + 1) choose
# the ports; PFORTE_BUILD the build tree (default: the source tree).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${PFORTE_BUILD:-$src}" && pwd)
secs=${1:-30} threads=${2:-4} nusers=${3:-3000} nlinks=${4:-3000}
port=${BENCH_PORT:-38443}
http_port=${BENCH_HTTP_PORT:-$((port + 1))}
hashsecs=10
warm=1000
[ "$nlinks" -le "$nusers" ] || { echo "LINKS must not exceed USERS" >&2; exit 2; }
for f in "$build/cgi-bin/login" "$build/tools/pforte-admin" "$build/lib/libpforte.a"; do
  [ -e "$f" ] || { echo "no $f: build first (make)" >&2; exit 1; }
done
tmp=$(mktemp -d /tmp/pforte-login.XXXXXX)
chmod 755 "$tmp"
state=$tmp/state
local_=$src/tools/pforte-local

cleanup() {
  PFORTE_BUILD=$build "$local_" stop --state "$state" > /dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck disable=SC2046 # pkg-config prints several words on purpose
cc -O2 -I"$src/lib" -I"$build" -o "$tmp/hashrate" "$src/bench/hashrate.c" \
    "$build/lib/libpforte.a" -lneo_cgi -lneo_cs -lneo_utl -lz \
    $(pkg-config --libs fcgi libmariadb jansson libcurl libsodium liboath libqrencode libcrypto) \
    -lcrack
# shellcheck disable=SC2046
cc -O2 -pthread -o "$tmp/login" "$src/bench/login.c" \
    $(pkg-config --cflags --libs libcurl liboath) -lm

# Failed attempts are never made on purpose, but a broken run must not
# lock 127.0.0.1 out; the magic-link quota is per address and per IP.
cat > "$tmp/extra.hdf" <<EOF
Auth.IP.LockAfter = 100000
Auth.Magic.PerHour = 1000
EOF
PFORTE_BUILD=$build "$local_" start --no-deps --state "$state" --port "$port" \
    --http-port "$http_port" --extra-config "$tmp/extra.hdf" > "$tmp/start.log" 2>&1 || {
  cat "$tmp/start.log"; exit 1; }
conf=$state/pforte.hdf
admin="$build/tools/pforte-admin -c $conf"
base=https://localhost:$port
drive() { "$tmp/login" -c "$state/tls/cert.pem" -u "$base" "$@"; }

# ticks PID...: CPU time (user + system, clock ticks) of the processes.
ticks() {
  local t=0 p line f
  for p in "$@"; do
    read -r line 2>/dev/null < "/proc/$p/stat" || continue
    read -ra f <<< "${line##*) }"
    t=$((t + f[11] + f[12]))
  done
  echo "$t"
}
machine() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# children EXE: pids of the web server's children running that program.
children() {
  local p
  for p in $(pgrep -P "$(cat "$state/run/lighttpd.pid")" || true); do
    [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$1" ] && echo "$p"
  done
  return 0
}
memory() {
  local p
  for p in $(children "$build/cgi-bin/login"); do
    echo "  login pid $p: VmRSS $(awk '/^VmRSS/ { print $2, $3 }' "/proc/$p/status")," \
        "VmHWM (peak) $(awk '/^VmHWM/ { print $2, $3 }' "/proc/$p/status")"
  done
}
# hashrate N: the floor, with what the whole machine did meanwhile (other
# jobs on it lower the rate; the CPU time per verify stays).
hashrate() {
  local m0 m1 t0 t1
  m0=$(machine) t0=$(date +%s%N)
  PFORTE_CONFIG=$conf "$tmp/hashrate" "$hashsecs" > "$tmp/hash.$1"
  m1=$(machine) t1=$(date +%s%N)
  cat "$tmp/hash.$1"
  awk -v m=$((m1 - m0)) -v hz="$(getconf CLK_TCK)" -v ns=$((t1 - t0)) \
      'BEGIN { printf "machine meanwhile: %.2f cores busy\n", m / hz / (ns / 1e9) }'
}
# status: MariaDB's counters of statements and commits.
status() {
  PFORTE_BUILD=$build "$local_" sql --state "$state" -N -e "SHOW GLOBAL STATUS WHERE
      Variable_name IN ('Questions', 'Com_commit')" | awk '{ printf "%s ", $2 } END { print "" }'
}

echo "# $(date -u +%F) $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
echo "# lighttpd $(lighttpd -v 2>&1 | sed -n 's/^lighttpd\/\([0-9.]*\).*/\1/p'), 2 login processes, $threads driver threads, $nusers users"

t0=$(date +%s)
for i in $(seq 1 "$nusers"); do
  echo "EMAIL bench$i@example.org"
  $admin user add --email "bench$i@example.org" --name "Bench User $i" --lang en
done > "$tmp/add.out"
awk '$1 == "EMAIL" { e = $2 } /^https:\/\/.*\/setup\?t=/ { print e, $1 }' "$tmp/add.out" > "$tmp/new.txt"
[ "$(wc -l < "$tmp/new.txt")" -eq "$nusers" ] || { echo "pforte-admin user add failed" >&2; exit 1; }
echo "## $nusers users added in $(( $(date +%s) - t0 )) s; setting them up (password + TOTP):"
drive -t 8 setup "$tmp/new.txt" "$tmp/users.txt" | grep -v '^RESULT'
# Users enrolled in this time step cannot sign in before the next one:
# start there, so that the warm-up and the run find them all fresh.
sleep $(( 30 - $(date +%s) % 30 ))

echo
echo "## 1. hash floor: pf_pw_verify, one process per core, ${hashsecs} s"
hashrate 1

echo
echo "## 2. $warm sign-ins (warm-up), then the login processes' memory"
drive -t "$threads" -n "$warm" run "$tmp/users.txt" | grep -v '^RESULT'
memory

echo
echo "## 3. sign-ins for $secs s"
lpid=$(cat "$state/run/lighttpd.pid")
dpid=$(cat "$state/run/mysqld.pid")
mapfile -t lp < <(children "$build/cgi-bin/login")
read -r c0 q0 < <(status)
l0=$(ticks "${lp[@]}") w0=$(ticks "$lpid") d0=$(ticks "$dpid") m0=$(machine)
drive -t "$threads" -d "$secs" run "$tmp/users.txt" | tee "$tmp/run.out" | grep -v '^RESULT'
l1=$(ticks "${lp[@]}") w1=$(ticks "$lpid") d1=$(ticks "$dpid") m1=$(machine)
read -r c1 q1 < <(status)
memory
ok=$(sed -n 's/^RESULT .* ok=\([0-9]*\) .*/\1/p' "$tmp/run.out")
rate=$(sed -n 's/^RESULT .* rate=\([0-9.]*\).*/\1/p' "$tmp/run.out")
dcpu=$(sed -n 's/^driver CPU: \([0-9.]*\) s.*/\1/p' "$tmp/run.out")
hz=$(getconf CLK_TCK)
awk -v ok="$ok" -v hz="$hz" -v l=$((l1 - l0)) -v w=$((w1 - w0)) -v d=$((d1 - d0)) \
    -v m=$((m1 - m0)) -v drv="$dcpu" -v secs="$secs" -v n="$(nproc)" \
    -v q=$((q1 - q0 - 1)) -v c=$((c1 - c0)) 'BEGIN {
  if (ok == 0) exit
  f = 1000 / hz / ok
  ours = (l + w + d) * f + drv * 1000 / ok
  printf "CPU per sign-in: login processes %.2f ms, lighttpd %.2f ms, MariaDB %.2f ms, driver %.2f ms\n", l * f, w * f, d * f, drv * 1000 / ok
  printf "  = %.2f ms; whole machine %.2f ms (%.2f of %d cores busy)\n", ours, m * f, m / hz / secs, n
  printf "MariaDB per sign-in: %.1f statements, %.1f commits\n", q / ok, c / ok
  printf "%.4f\n", ours > "/dev/stderr"
}' 2> "$tmp/ours"
echo
echo "## 4. hash floor again"
hashrate 2

echo
echo "## 5. magic links: $nlinks requested through /magic, then their callbacks"
head -n "$nlinks" "$tmp/users.txt" | cut -d' ' -f1 > "$tmp/emails.txt"
drive -t "$threads" request "$tmp/emails.txt" | grep -v '^RESULT'
# quoted-printable: soft line breaks ("=" at the end of a CRLF line) and "=3D" for "="
find "$state/mail" -name '*.eml' -print0 | xargs -0 cat | sed -z 's/=\r\?\n//g; s/=3D/=/g' |
    grep -o 'https://[^[:space:]]*/magic/callback?t=[A-Za-z0-9_-]*' > "$tmp/links.txt" || true
echo "links found in $state/mail: $(wc -l < "$tmp/links.txt")"
drive -t "$threads" magic "$tmp/links.txt" | tee "$tmp/magic.out" | grep -v '^RESULT'

echo
awk -v rate="$rate" -v n="$(nproc)" -v ours="$(cat "$tmp/ours")" '
  /^hash floor:/ { s += $3; k++; sub(/.*; /, ""); cpu += $1 }
  END {
    if (k == 0 || rate == "") exit
    f = s / k
    cpu /= k
    printf "## summary: %.1f sign-ins/s (password + TOTP + dashboard), %.1f per core\n", rate, rate / n
    printf "##   hash floor %.1f verifies/s (mean of %d runs): sign-ins reach %.0f %% of it\n", f, k, 100 * rate / f
    if (ours > 0)
      printf "##   CPU: %.2f ms per verify, %.2f ms per sign-in (all our processes): %.0f %%\n", cpu, ours, 100 * cpu / ours
    printf "##   Keycloak sizing guide, 15 password logins/s per vCPU (argon2id 7 MiB, t=5): %.2fx\n", rate / n / 15
  }' "$tmp/hash.1" "$tmp/hash.2"
