#!/bin/bash
# Measure, never assert: token endpoint grants per second through lighttpd
# (HTTPS, keep-alive, wrk with bench/token.lua): authorization_code
# exchange, refresh_token (rotation) and client_credentials, each with
# RS256 and with ES256 signing, next to `openssl speed rsa2048 ecdsap256`
# in the same run; the audit events the runs wrote per second alongside
# (every grant writes one, through the chain: bench/README.md, "the audit
# chain").
#
#   bench/run-token.sh [SECONDS] [CONNECTIONS]   (defaults 10, 8)
#
# Starts a private instance (tools/pforte-local, its own state directory
# under /tmp, 127.0.0.1 only) and stops it again.  BENCH_PORT (default
# 45443) and BENCH_HTTP_PORT choose the ports; PFORTE_BUILD the build tree.
# Codes and refresh tokens are single use: the script writes them straight
# into the database beforehand (as the authorization endpoint and an
# earlier grant would: the SHA-256 of the token's bytes, pf_token_hash),
# more than a run can use; codes with an hour's expiry instead of 60 s, so
# that they outlive the preparation.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${PFORTE_BUILD:-$src}" && pwd)
secs=${1:-10}
conns=${2:-8}
threads=2
port=${BENCH_PORT:-45443}
http_port=${BENCH_HTTP_PORT:-$((port + 1))}
ntok=${BENCH_TOKENS:-$((secs * 5000))}	# per run: above any rate seen
for b in wrk openssl python3; do
  command -v "$b" > /dev/null || { echo "$b missing (tools/deps.sh test)" >&2; exit 1; }
done
[ -x "$build/cgi-bin/token" ] || { echo "no $build/cgi-bin/token: build first (make)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/pforte-tokenbench.XXXXXX)
chmod 755 "$tmp"
state=$tmp/state
local_=$src/tools/pforte-local
cleanup() {
  PFORTE_BUILD=$build "$local_" stop --state "$state" > /dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
sql() { PFORTE_BUILD=$build "$local_" sql --state "$state" -N -B -e "$1"; }
admin() { "$build/tools/pforte-admin" -c "$state/pforte.hdf" --sql "$src/sql" "$@"; }
start() {	# ALG
  printf 'Sso.Alg = %s\n' "$1" > "$tmp/extra.hdf"
  PFORTE_BUILD=$build "$local_" start --no-deps --state "$state" --port "$port" \
    --http-port "$http_port" --extra-config "$tmp/extra.hdf" > "$tmp/start.log" 2>&1 ||
    { cat "$tmp/start.log"; exit 1; }
  procs
}
stop() { PFORTE_BUILD=$build "$local_" stop --state "$state" > /dev/null 2>&1; }
# BENCH_TOKEN_PROCS=N: the token program with N FastCGI processes instead
# of the configuration's max-procs (lighttpd restarted on the rendered
# configuration; the database stays up)
procs() {
  local n=${BENCH_TOKEN_PROCS:-} pid i
  [ -n "$n" ] || return 0
  awk -v n="$n" '/cgi-bin\/token"/ { t = 1 } t && /"max-procs"/ { sub(/=> *[0-9]+/, "=> " n); t = 0 } { print }' \
    "$state/lighttpd.conf" > "$tmp/l.conf" && cat "$tmp/l.conf" > "$state/lighttpd.conf"
  pid=$(cat "$state/run/lighttpd.pid")
  kill "$pid"
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  lighttpd -f "$state/lighttpd.conf"
  for ((i = 0; i < 100; i++)); do
    curl -fsk -o /dev/null "https://localhost:$port/healthz" && break
    sleep 0.1
  done
}

echo "== $(date -u '+%F %T') UTC, $(nproc) vCPU, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)," \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== openssl speed (one core, 3 s each): signatures/s"
openssl speed -seconds 3 rsa2048 2> /dev/null | awk '/^rsa 2048 bits/ { print "   rsa2048 sign/s " $6 ", verify/s " $7 }'
openssl speed -seconds 3 ecdsap256 2> /dev/null | awk '/256 bits ecdsa \(nistp256\)/ { print "   ecdsap256 sign/s " $7 ", verify/s " $8 }'

start RS256
echo "== innodb_flush_log_at_trx_commit = $(sql 'SELECT @@innodb_flush_log_at_trx_commit')," \
  "$secs s per run, $conns connections over $threads wrk threads," \
  "token processes: $(grep -A4 'cgi-bin/token"' "$state/lighttpd.conf" | sed -n 's/.*"max-procs" *=> *\([0-9]*\).*/\1/p')"
# A user with an organisation and two roles (the claims cost what they
# cost in use), two applications.
"$build/tools/pforte-admin" -c "$state/pforte.hdf" user add --email bench@example.test \
  --name "Bench User" > /dev/null
user=$(sql "SELECT MAX(id) FROM users")
sql "INSERT INTO orgs (kind, name) VALUES ('customer', 'Bench Org')"
sql "UPDATE users SET status = 'active', org_id = (SELECT id FROM orgs WHERE name = 'Bench Org')
  WHERE id = $user"
sql "INSERT INTO user_roles (user_id, role_id, org_id) SELECT $user, id,
  (SELECT id FROM orgs WHERE name = 'Bench Org') FROM roles WHERE name = 'customer'"
secret=$(openssl rand -hex 32)
redirect=https://localhost:9/cb
sql "INSERT INTO apps (client_id, name, secret_hash, trusted, audience, grant_types, scopes)
  VALUES ('bench-webapp', 'Bench web app', UNHEX(SHA2('$secret', 256)), 1, 'all',
  'authorization_code,refresh_token', 'openid profile email roles offline_access'),
  ('bench-machine', 'Bench machine', UNHEX(SHA2('$secret', 256)), 1, 'all',
  'client_credentials', 'openid')"
web=$(sql "SELECT id FROM apps WHERE client_id = 'bench-webapp'")
sql "INSERT INTO app_uris (app_id, kind, uri) VALUES ($web, 'redirect', '$redirect')"
basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$secret" | openssl base64 -A)"; }

# tokens KIND FILE: ntok fresh codes or refresh tokens into the database,
# their text into FILE
tokens() {
  python3 - "$1" "$ntok" "$web" "$user" "$redirect" "$2" > "$tmp/tok.sql" <<'EOF'
import base64, hashlib, os, sys
kind, n, app, user, redirect, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
scope = "openid profile email roles offline_access"
with open(out, "w") as f:
    for start in range(0, n, 1000):
        rows = []
        for _ in range(min(1000, n - start)):
            raw = os.urandom(32)
            f.write(base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "\n")
            h = hashlib.sha256(raw).hexdigest()
            if kind == "code":
                rows.append(f"(UNHEX('{h}'), {app}, {user}, '{redirect}', '{scope}', 'benchsid0000000000000', "
                            "UTC_TIMESTAMP(6), 'pwd otp mfa', 'https://refeds.org/profile/mfa', "
                            "UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)")
            else:
                rows.append(f"('refresh', UNHEX('{h}'), {app}, {user}, '{scope}', 'benchsid0000000000000', "
                            "UTC_TIMESTAMP(6), 'pwd otp mfa', 'https://refeds.org/profile/mfa', "
                            "UTC_TIMESTAMP(6) + INTERVAL 1 DAY)")
        if kind == "code":
            print("INSERT INTO oidc_codes (code_hash, app_id, user_id, redirect_uri, scope, sid, "
                  "auth_time, amr, acr, expires_at) VALUES " + ",".join(rows) + ";")
        else:
            print("INSERT INTO oidc_tokens (kind, token_hash, app_id, user_id, scope, sid, "
                  "auth_time, amr, acr, expires_at) VALUES " + ",".join(rows) + ";")
EOF
  PFORTE_BUILD=$build "$local_" sql --state "$state" < "$tmp/tok.sql"
}

# cpu: CPU seconds so far of the instance's token programs, MariaDB and
# lighttpd (utime + stime of the processes whose command line names the
# state directory or the token binary), as "token db web"
cpu() {
  local tok=0 db=0 web=0 pid t cmd
  for pid in /proc/[0-9]*; do
    pid=${pid#/proc/}
    cmd=$(tr '\0' ' ' 2> /dev/null < "/proc/$pid/cmdline") || continue
    case $cmd in *"$state"*|*"$build/cgi-bin/token"*) ;; *) continue ;; esac
    t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2> /dev/null) || continue
    case $cmd in
    *cgi-bin/token*) tok=$((tok + t)) ;;
    *mariadbd*) db=$((db + t)) ;;
    *lighttpd*) web=$((web + t)) ;;
    esac
  done
  echo "$tok $db $web"
}

# run ALG MODE: one wrk run; its rate, errors, the audit events per second
run() {
  local alg=$1 mode=$2 file=$tmp/$2.tok client=bench-webapp a0 a1 out rate bad
  [ "$mode" = client ] && client=bench-machine
  [ "$mode" = client ] || tokens "$mode" "$file"
  a0=$(sql "SELECT COUNT(*) FROM audit_log")
  read -r t0 d0 w0 <<< "$(cpu)"
  out=$(MODE=$mode TOKFILE=$file THREADS=$threads AUTH=$(basic "$client") REDIRECT=$redirect \
    wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$src/bench/token.lua" \
    "https://localhost:$port/sso/token")
  read -r t1 d1 w1 <<< "$(cpu)"
  a1=$(sql "SELECT COUNT(*) FROM audit_log")
  rate=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<< "$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<< "$out")
  # CPU per grant in microseconds (clock ticks of 10 ms)
  local hz grants
  hz=$(getconf CLK_TCK)
  grants=$((rate * secs)); [ "$grants" -gt 0 ] || grants=1
  printf '   %-6s %-8s %6s grants/s  (%s per vCPU; p50 %s, p99 %s; non-2xx %s; audit %d events/s;' \
    "$alg" "$mode" "$rate" "$((rate / $(nproc)))" \
    "$(awk '$1 == "50%" { print $2 }' <<< "$out")" "$(awk '$1 == "99%" { print $2 }' <<< "$out")" \
    "${bad:-0}" "$(( (a1 - a0) / secs ))"
  printf ' CPU us/grant: token %d, mariadb %d, lighttpd %d)\n' \
    "$(( (t1 - t0) * 1000000 / hz / grants ))" "$(( (d1 - d0) * 1000000 / hz / grants ))" \
    "$(( (w1 - w0) * 1000000 / hz / grants ))"
  [ "${BENCH_VERBOSE:-0}" = 1 ] && sed 's/^/      /' <<< "$out"
  return 0
}
# a warm-up: every token process has its keys, templates and statements
warm() {
  local i
  for ((i = 0; i < 200; i++)); do
    curl -s -o /dev/null -k -u "bench-machine:$secret" -d grant_type=client_credentials \
      "https://localhost:$port/sso/token"
  done
}

echo "== token endpoint, grants/s"
for alg in RS256 ES256; do
  if [ "$alg" = ES256 ]; then
    # the key first, then a start that loads it in every process
    admin sso key new --alg ES256 > /dev/null
    stop
    start ES256
  fi
  warm
  for mode in code refresh client; do
    run "$alg" "$mode"
  done
done
echo "== Keycloak's sizing guide: 120 client-credentials grants/s and 120 refresh/s per vCPU"
