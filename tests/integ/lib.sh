# Shared helpers for the integration tests (sourced).
# Every check prints "ok N - what" or "not ok N - what"; fails counts.
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else notok "$desc"; fi; }
# has FILE REGEX: the file matches (extended regex, case-sensitive)
has() { grep -qE -- "$2" "$1"; }
hasnt() { ! grep -qE -- "$2" "$1"; }
finish() { echo "# $((n - fails)) passed, $fails failed"; [ "$fails" -eq 0 ]; }

# fetch PATH [curl options...]: body to $tmp/body, headers to $tmp/head,
# status in $code.  Never fails the shell; a connection error gives 000.
fetch() {
  p=$1; shift
  code=$(curl -s --max-time 20 --cacert "$STATE/tls/cert.pem" -D "$tmp/head" \
      -o "$tmp/body" -w '%{http_code}' "$@" "https://localhost:$PORT$p") || true
}

# The private instance is started by the same command a user runs.
start_portal() {
  "$top_srcdir/tools/pforte-local" start --no-deps --state "$STATE" --port "$PORT" \
      --http-port "$HTTP_PORT" --server "$SERVER" > "$tmp/start.log" 2>&1 || {
    cat "$tmp/start.log"; return 1; }
}
stop_portal() {
  "$top_srcdir/tools/pforte-local" stop --state "$STATE" > /dev/null 2>&1 || true
}
