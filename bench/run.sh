#!/bin/bash
# Measure, never assert: requests/s and latency percentiles of /status (two
# DB reads + a template render), a static file, and a libfcgi hello world
# (the floor), plus the resident memory of one status process.
#
#   bench/run.sh [SECONDS] [CONNECTIONS]      (defaults 10 and 32)
#
# One plain-HTTP lighttpd on 127.0.0.1 serves all three, each program with
# 2 FastCGI processes, so only the program differs between the rows; wrk
# runs on the same machine.  Needs a built tree (make) and wrk.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${PFORTE_BUILD:-$src}
secs=${1:-10} conns=${2:-32}
port=${BENCH_PORT:-38080}
tmp=$(mktemp -d /tmp/pforte-bench.XXXXXX)
chmod 755 "$tmp"
state=$tmp/state
cc -O2 -o "$tmp/hello" "$src/bench/hello.c" $(pkg-config --cflags --libs fcgi)

cleanup() {
  [ -f "$tmp/lighttpd.pid" ] && kill "$(cat "$tmp/lighttpd.pid")" 2>/dev/null || true
  "$src/tools/pforte-local" stop --state "$state" > /dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
PFORTE_BUILD=$build "$src/tools/pforte-local" start --no-deps --state "$state" \
    --port $((port + 1)) --http-port $((port + 2)) > "$tmp/start.log" 2>&1 || {
  cat "$tmp/start.log"; exit 1; }

cat > "$tmp/lighttpd.conf" <<CONF
server.modules = ( "mod_fastcgi", "mod_staticfile" )
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$src/htdocs"
server.pid-file = "$tmp/lighttpd.pid"
server.errorlog = "$tmp/error.log"
server.max-connections = 1024
mimetype.assign = ( ".css" => "text/css", ".svg" => "image/svg+xml" )
\$HTTP["url"] =~ "^/hello\$" {
  fastcgi.server = ( "/" => (( "socket" => "$tmp/hello.sock", "bin-path" => "$tmp/hello",
    "max-procs" => 2, "check-local" => "disable" )) )
}
\$HTTP["url"] =~ "^/status\$" {
  fastcgi.server = ( "/" => (( "socket" => "$tmp/status.sock", "bin-path" => "$build/cgi-bin/status",
    "max-procs" => 2, "check-local" => "disable",
    "bin-environment" => ( "PFORTE_CONFIG" => "$state/pforte.hdf" ) )) )
}
CONF
lighttpd -f "$tmp/lighttpd.conf"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/status" -o /dev/null && break; sleep 0.1; done

echo "# $(date -u +%F) $(nproc) cores, wrk -t2 -c$conns -d${secs}s, lighttpd $(lighttpd -v | sed -n 's/^lighttpd\/\([0-9.]*\).*/\1/p'), 2 FastCGI processes each"
printf '%-28s %10s %8s %8s %8s\n' "target" "req/s" "p50" "p90" "p99"
for path in /hello /status /assets/pforte.css; do
  wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port$path" > "$tmp/wrk.txt"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$tmp/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.txt")
  p90=$(awk '$1 == "90%" {print $2}' "$tmp/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $4}' "$tmp/wrk.txt")
  printf '%-28s %10s %8s %8s %8s%s\n' "$path" "$rps" "$p50" "$p90" "$p99" \
      "${non2xx:+  (non-2xx: $non2xx)}"
done
for pid in $(pgrep -d ' ' -P "$(cat "$tmp/lighttpd.pid")" || true); do
  exe=$(readlink "/proc/$pid/exe" || true)
  case $exe in */cgi-bin/status) rss=$(awk '/^VmRSS/ {print $2, $3}' "/proc/$pid/status")
    echo "resident memory of one status process: $rss"; break ;; esac
done
