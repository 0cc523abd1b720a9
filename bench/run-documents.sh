#!/bin/bash
# Measure, never assert: how fast one file goes into the documents program
# and out again, over HTTPS through lighttpd, next to the raw AES-256-GCM
# rate of the same machine in the same run; and the peak resident memory
# of the documents processes, which must not grow with the file.
#
#   bench/run-documents.sh [SIZE]      (MiB, default 200)
#
# Starts a private instance (tools/pforte-local, its own state directory
# under /tmp, 127.0.0.1 only) with Documents.MaxMB = 1100, makes an
# organisation and a key user of it (pforte-admin), signs the key user in
# through the setup link (password and TOTP enrolment, as the integration
# tests do: tests/integ/authlib.sh), then:
#   1. uploads a file of exactly SIZE MiB ("%PDF-1.4" and a newline, then
#      /dev/urandom) with curl -F through POST /documents/upload, timed
#      from the first byte sent to the 303 received;
#   2. downloads it from /documents/download and compares it with cmp;
#   3. `openssl speed -evp aes-256-gcm -seconds 3` (the 16384-byte column:
#      the cipher alone, one core);
# while the VmRSS and VmHWM of the documents FastCGI processes (lighttpd's
# children running cgi-bin/documents, found from run/lighttpd.pid) and of
# lighttpd are sampled every 0.1 s and read again after each transfer, and
# the CPU time of the documents processes, lighttpd, MariaDB and curl is
# taken around each transfer.  Prints markdown tables and stops the
# instance.  MB/s are 10^6 bytes a second.
# Needs SIZE MiB twice in /tmp (the file and its download) and once more
# in the database's data directory under /tmp.
# BENCH_PORT (default 37443) and BENCH_HTTP_PORT (default 37080) choose
# the ports; PFORTE_BUILD the build tree (default: the source tree).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${PFORTE_BUILD:-$src}" && pwd)
size=${1:-200}
case $size in '' | *[!0-9]* | 0) echo "SIZE must be a number of MiB" >&2; exit 2 ;; esac
[ "$size" -le 1024 ] || { echo "SIZE must not exceed 1024 (Documents.MaxMB is 1100)" >&2; exit 2; }
PORT=${BENCH_PORT:-37443}
http_port=${BENCH_HTTP_PORT:-37080}
for f in "$build/cgi-bin/documents" "$build/tools/pforte-admin"; do
	[ -x "$f" ] || { echo "no $f: build first (make)" >&2; exit 1; }
done
for b in curl openssl oathtool lighttpd; do
	command -v "$b" > /dev/null || [ -x "/usr/sbin/$b" ] ||
		{ echo "$b missing (tools/deps.sh test)" >&2; exit 1; }
done
tmp=$(mktemp -d /tmp/pforte-docs.XXXXXX)
chmod 755 "$tmp"
STATE=$tmp/state
export top_srcdir=$src top_builddir=$build
local_=$src/tools/pforte-local
sampler=

cleanup() {
	[ -z "$sampler" ] || kill "$sampler" 2> /dev/null || true
	PFORTE_BUILD=$build "$local_" stop --state "$STATE" > /dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$src/tests/integ/lib.sh"
. "$src/tests/integ/authlib.sh"

cat > "$tmp/extra.hdf" <<EOF
Documents.MaxMB = 1100
Documents.QuotaMB = 1048576
Documents.Types = application/pdf text/plain
EOF
PFORTE_BUILD=$build "$local_" start --no-deps --state "$STATE" --port "$PORT" \
	--http-port "$http_port" --extra-config "$tmp/extra.hdf" > "$tmp/start.log" 2>&1 || {
	cat "$tmp/start.log"
	exit 1
}
admin="$build/tools/pforte-admin -c $STATE/pforte.hdf"

# The key user of a fresh organisation, signed in: the jar is $tmp/jar.key.
$admin org add --name "Bench Documents GmbH" --kind customer > "$tmp/org.out" 2>&1
org=$(sed -n 's/^org \([0-9][0-9]*\) added$/\1/p' "$tmp/org.out")
[ -n "$org" ] || { cat "$tmp/org.out"; exit 1; }
$admin user add --email key@bench.test --name "Bench Key User" --lang en --org "$org" \
	--role key-user > "$tmp/add.out" 2>&1
link=$(grep -oE "$BASE/setup\?t=[A-Za-z0-9_-]+" "$tmp/add.out" | head -n 1 | sed "s#^$BASE##")
[ -n "$link" ] || { cat "$tmp/add.out"; exit 1; }
new_client key
pw="Bx-$(openssl rand -hex 5)-$(openssl rand -base64 9 | tr "+/" ".,")"
if ! setup key "$link" "$pw" || ! enrol key || ! signed_in key; then
	echo "signing in through the setup link failed" >&2
	exit 1
fi
web key /documents/new
# shellcheck disable=SC2154 # fetch (tests/integ/lib.sh) sets code
[ "$code" = 200 ] || { echo "GET /documents/new answered $code" >&2; exit 1; }
csrf=$(cat "$tmp/jar.key.csrf")

# children EXE: pids of the web server's children running that program.
children() {
	local p
	for p in $(pgrep -P "$(cat "$STATE/run/lighttpd.pid")" || true); do
		[ "$(readlink "/proc/$p/exe" 2> /dev/null)" = "$1" ] && echo "$p"
	done
	return 0
}
mapfile -t dp < <(children "$build/cgi-bin/documents")
[ "${#dp[@]}" -gt 0 ] || { echo "no documents process under lighttpd" >&2; exit 1; }
lpid=$(cat "$STATE/run/lighttpd.pid")
# kib FIELD PID: a /proc/PID/status field in kB.
kib() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$2/status" 2> /dev/null || true; }
# ticks PID...: CPU time (user + system, clock ticks) of the processes.
ticks() {
	local t=0 p line f
	for p in "$@"; do
		read -r line 2> /dev/null < "/proc/$p/stat" || continue
		read -ra f <<< "${line##*) }"
		t=$((t + f[11] + f[12]))
	done
	echo "$t"
}
machine() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
dbpid=$(cat "$STATE/run/mysqld.pid")
# cpu: "documents lighttpd MariaDB machine nanoseconds" now.
cpu() { echo "$(ticks "${dp[@]}") $(ticks "$lpid") $(ticks "$dbpid") $(machine) $(date +%s%N)"; }
# snap: "pid VmRSS VmHWM" (kB) of each documents process and of lighttpd.
snap() { local p; for p in "${dp[@]}" "$lpid"; do echo "$p $(kib VmRSS "$p") $(kib VmHWM "$p")"; done; }
# Every 0.1 s until killed.
sample() { while :; do snap; sleep 0.1; done; }
before=$(snap)
sample > "$tmp/samples" &
sampler=$!

{
	printf '%%PDF-1.4\n'
	head -c $((size * 1048576 - 9)) /dev/urandom
} > "$tmp/file.pdf"
bytes=$(stat -c %s "$tmp/file.pdf")
curlx() { curl -s --cacert "$STATE/tls/cert.pem" -b "$tmp/jar.key" -c "$tmp/jar.key" "$@"; }

# The client's CPU time: what `times` says of this shell's children (curl).
times > "$tmp/times.0"
c0=$(cpu)
# 1. upload (Expect: 100-continue off: curl would wait for lighttpd's 100)
curlx -H "Origin: $BASE" -H 'Expect:' -o "$tmp/up.body" -D "$tmp/up.head" \
	-w '%{http_code} %{time_total} %{size_upload}\n' \
	-F "csrf=$csrf" -F "title=Bench $size MiB" -F "description=bench/run-documents.sh" \
	-F category=report -F "file=@$tmp/file.pdf;type=application/pdf;filename=bench.pdf" \
	"$BASE/documents/upload" > "$tmp/up.w"
read -r ucode utime usent < "$tmp/up.w"
where=$(sed -n 's/^[Ll]ocation: *//p' "$tmp/up.head" | tr -d '\r')
doc=$(printf '%s' "$where" | sed -n 's/.*[?&]id=\([0-9][0-9]*\).*/\1/p')
if [ "$ucode" != 303 ] || [ -z "$doc" ]; then
	echo "upload answered $ucode ${where:+-> $where}" >&2
	sed 's/<[^>]*>//g' "$tmp/up.body" | grep -v '^\s*$' | head -n 20 >&2
	exit 1
fi
after_up=$(snap)
c1=$(cpu)
times > "$tmp/times.1"

# 2. download
curlx -o "$tmp/back.pdf" -w '%{http_code} %{time_total} %{size_download}\n' \
	"$BASE/documents/download?id=$doc" > "$tmp/down.w" || true
read -r dcode dtime dgot < "$tmp/down.w"
c2=$(cpu)
times > "$tmp/times.2"
if cmp -s "$tmp/file.pdf" "$tmp/back.pdf"; then same=identical; else same=DIFFERENT; fi
sleep 0.3
kill "$sampler" 2> /dev/null || true
wait "$sampler" 2> /dev/null || true
sampler=
after=$(snap)
stored=$(sql "SELECT CONCAT(v.chunks, ' chunks, ', v.size, ' bytes, ', v.mime, ', ',
	(SELECT SUM(LENGTH(c.data)) FROM document_chunks c WHERE c.version_id = v.id), ' bytes sealed')
	FROM document_versions v WHERE v.document_id = $doc")

# 3. the cipher alone: the last line is "aes-256-gcm  <16 B>k ... <16384 B>k" (1000 bytes/s)
openssl speed -evp aes-256-gcm -seconds 3 2> /dev/null > "$tmp/speed"
gcm=$(awk 'tolower($1) == "aes-256-gcm" { v = $NF } END { sub(/k$/, "", v); printf "%.1f", v / 1000 }' \
	"$tmp/speed")

mbs() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.1f", b / t / 1e6; else print "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo "# $(date -u +%F) $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
echo "# lighttpd $(lighttpd -v 2>&1 | sed -n 's/^lighttpd\/\([0-9.]*\).*/\1/p'), $(openssl version | cut -d' ' -f1-2), curl $(curl --version | sed -n '1s/^curl \([0-9.]*\).*/\1/p'), build $build"
echo "# file: $bytes bytes ($size MiB), stored as $stored"
echo
echo "| step | status | time | throughput |"
echo "| --- | ---: | ---: | ---: |"
echo "| upload, \`curl -F\` to POST /documents/upload ($usent bytes sent) | $ucode | $utime s | $(mbs "$usent" "$utime") MB/s |"
echo "| download, GET /documents/download ($dgot bytes, $same) | $dcode | $dtime s | $(mbs "$dgot" "$dtime") MB/s |"
echo "| \`openssl speed -evp aes-256-gcm -seconds 3\`, 16384-byte blocks | | | $gcm MB/s |"
echo
echo "| CPU seconds during | documents processes | lighttpd | MariaDB | curl | whole machine (of $(nproc) cores) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
# children FILE: user + system seconds of the children, from `times`
# ("0m1.234s 0m0.567s", the second line).
children_s() {
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
		printf "%.3f", t }' "$1"
}
# spent STEP FROM TO CURL-SECONDS: the CPU time between two cpu() readings.
spent() {
	awk -v s="$1" -v a="$2" -v b="$3" -v c="$4" -v hz="$(getconf CLK_TCK)" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f (%.2f cores busy) |\n", s,
		    (y[1] - x[1]) / hz, (y[2] - x[2]) / hz, (y[3] - x[3]) / hz, c,
		    (y[4] - x[4]) / hz, (y[4] - x[4]) / hz / ((y[5] - x[5]) / 1e9)
	}'
}
t0=$(children_s "$tmp/times.0") t1=$(children_s "$tmp/times.1") t2=$(children_s "$tmp/times.2")
spent upload "$c0" "$c1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
spent download "$c1" "$c2" "$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')"
echo
echo "| process | VmRSS before | VmHWM after upload | VmHWM after download | VmRSS after | highest VmRSS sampled |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
# field SNAPSHOT PID N: field N of PID's line, in MiB.
field() { mib "$(awk -v p="$2" -v n="$3" '$1 == p { print $n }' <<< "$1")"; }
for p in "${dp[@]}" "$lpid"; do
	what="documents $p"
	[ "$p" != "$lpid" ] || what="lighttpd $p"
	echo "| $what | $(field "$before" "$p" 2) | $(field "$after_up" "$p" 3) |" \
		"$(field "$after" "$p" 3) | $(field "$after" "$p" 2) |" \
		"$(mib "$(awk -v p="$p" '$1 == p && $2 > m { m = $2 } END { print m + 0 }' "$tmp/samples")") |"
done
[ "$same" = identical ] && [ "$dcode" = 200 ]
