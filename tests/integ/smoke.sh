#!/bin/bash
# The smoke suite: the real status program under a real web server with a
# private MariaDB, spoken to over HTTPS.  Usage: smoke.sh lighttpd|apache
# PORT HTTP_PORT.  Run by tests/integ/{lighttpd,apache}.test.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
SERVER=$1 PORT=$2 HTTP_PORT=$3
export PFORTE_BUILD=$top_builddir
tmp=$(mktemp -d /tmp/pforte-it.XXXXXX)
chmod 755 "$tmp"
STATE=$tmp/state
. "$top_srcdir/tests/integ/lib.sh"
admin() { "$top_builddir/tools/pforte-admin" -c "$STATE/pforte.hdf" "$@"; }

# Sanitizer reports of the FastCGI programs land in files, checked at the end.
mkdir -p "$tmp/san"
chmod 1777 "$tmp/san"
export ASAN_OPTIONS="log_path=$tmp/san/asan:detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="log_path=$tmp/san/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$top_srcdir/tests/lsan.supp:print_suppressions=0"

cleanup() { stop_portal; rm -rf "$tmp"; }
trap cleanup EXIT

echo "# $SERVER on https://localhost:$PORT, state in $STATE"
if ! start_portal; then notok "portal starts"; finish; exit 1; fi
ok "portal starts ($SERVER)"
# Content for the page; a fresh process then reads it on its first request.
admin maintenance add --start "$(date -u -d '-1 hour' '+%F %T')" \
    --end "$(date -u -d '+2 hours' '+%F %T')" \
    --title-de 'Wartung <script>alert(1)</script>' --title-en 'Upgrade <b>now</b> & "then"' \
    --body-de 'Datenbank-Update' --body-en 'Database upgrade' > /dev/null
admin maintenance add --start "$(date -u -d '+3 days' '+%F %T')" \
    --end "$(date -u -d '+3 days 2 hours' '+%F %T')" \
    --title-de 'Geplante Wartung' --title-en 'Planned maintenance' > /dev/null
admin notice add --severity high --title-de 'Sicherheitshinweis' \
    --title-en 'Security notice' --body-en "Patched CVE-2026-0001" > /dev/null
stop_portal
start_portal || notok "portal restarts on existing state"

# ---- the status page ----
fetch /status -H 'Accept-Language: de-DE,de;q=0.9'
check "GET /status answers 200" [ "$code" = 200 ]
check "status page is German by default" has "$tmp/body" '<html lang="de"'
check "security header HSTS" has "$tmp/head" '^Strict-Transport-Security: max-age=31536000; includeSubDomains'
check "security header CSP" has "$tmp/head" "^Content-Security-Policy: default-src 'self'; script-src 'self'"
check "security header nosniff" has "$tmp/head" '^X-Content-Type-Options: nosniff'
check "security header frame" has "$tmp/head" '^X-Frame-Options: DENY'
check "no-store on program pages" has "$tmp/head" '^Cache-Control: no-store'
check "request id header" has "$tmp/head" '^X-Request-Id: [0-9a-f]{16}'
check "server does not advertise its version" hasnt "$tmp/head" '^Server: .*[0-9]'
check "components listed" has "$tmp/body" 'Datenbank'
check "current maintenance shown, escaped" has "$tmp/body" 'Wartung &lt;script&gt;alert\(1\)&lt;/script&gt;'
check "no raw script from data" hasnt "$tmp/body" '<script>alert'
check "upcoming maintenance listed" has "$tmp/body" 'Geplante Wartung'
check "security notice listed" has "$tmp/body" 'Sicherheitshinweis'
check "maintenance banner in the layout" has "$tmp/body" 'banner-maint-current'

fetch /status -H 'Accept-Language: en-US,en;q=0.9'
check "English from Accept-Language" has "$tmp/body" '<html lang="en"'
check "English texts escaped" has "$tmp/body" 'Upgrade &lt;b&gt;now&lt;/b&gt; &amp; &quot;then&quot;'
fetch '/status?lang=en'
check "?lang=en switches language" has "$tmp/body" '<html lang="en"'
check "language choice stored in a __Host- cookie" has "$tmp/head" \
    '^Set-Cookie: __Host-pf_lang=en; Path=/; Secure; SameSite=Lax; HttpOnly'
fetch /status -H 'Cookie: __Host-pf_lang=en' -H 'Accept-Language: de'
check "stored choice beats Accept-Language" has "$tmp/body" '<html lang="en"'

fetch /status.json
check "status.json answers 200" [ "$code" = 200 ]
check "status.json is JSON" jq -e . "$tmp/body" > /dev/null
check "overall operational" jq -e '.overall == "operational"' "$tmp/body" > /dev/null
check "database component ok" jq -e '.components[] | select(.name == "database") | .state == "ok"' "$tmp/body" > /dev/null
check "mail component ok" jq -e '.components[] | select(.name == "mail") | .state == "ok"' "$tmp/body" > /dev/null
check "status program answers its probe" jq -e '.components[] | select(.name == "status") | .state == "ok"' "$tmp/body" > /dev/null
check "current maintenance in JSON" jq -e '[.maintenance[] | select(.current)] | length == 1' "$tmp/body" > /dev/null
check "maintenance titles in both languages" jq -e '.maintenance[0].title.en == "Upgrade <b>now</b> & \"then\""' "$tmp/body" > /dev/null
check "notice severity" jq -e '.notices[0].severity == "high"' "$tmp/body" > /dev/null
check "JSON content type" has "$tmp/head" '^Content-Type: application/json'

fetch /healthz
check "healthz 200 ok" [ "$code" = 200 ]
check "healthz body" has "$tmp/body" '^ok$'
fetch /healthz -I
check "HEAD healthz 200 without body" [ "$code" = 200 ]

# ---- transport and static files ----
code=$(curl -s -o /dev/null -D "$tmp/head" -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/status?x=1")
check "HTTP redirects to HTTPS" [ "$code" = 301 ]
check "redirect target is HTTPS" has "$tmp/head" "^Location: https://localhost:$PORT/status"
fetch /assets/pforte.css
check "stylesheet served" [ "$code" = 200 ]
check "static files carry CSP" has "$tmp/head" "^Content-Security-Policy: default-src 'self'"
check "static files carry nosniff" has "$tmp/head" '^X-Content-Type-Options: nosniff'
fetch /assets/icons.svg
check "icon sprite served as SVG" has "$tmp/head" '^Content-Type: image/svg\+xml'

# ---- bad input: a clear status, never a crash, nothing written ----
count_rows() { "$top_srcdir/tools/pforte-local" sql --state "$STATE" -N -e \
    "SELECT (SELECT COUNT(*) FROM pforte.maintenance_windows) + (SELECT COUNT(*) FROM pforte.security_notices)"; }
rows_before=$(count_rows)
fetch '/status?a=%zz' -H 'Accept-Language: en'
check "malformed percent-encoding: 400" [ "$code" = 400 ]
check "400 page in the user's language" has "$tmp/body" '<html lang="en"'
check "400 page names the request id" has "$tmp/body" '[0-9a-f]{16}'
fetch '/status?unknown=1'
check "undeclared field: 400" [ "$code" = 400 ]
fetch '/status?lang=de&lang=en'
check "duplicate field: 400" [ "$code" = 400 ]
fetch '/status?lang=%C3%28'
check "invalid UTF-8: 400" [ "$code" = 400 ]
fetch '/status?lang=xx'
check "invalid value: 400" [ "$code" = 400 ]
fields=$(printf 'a%d=1&' $(seq 1 300)); fields=${fields%&}
fetch "/status?$fields"
check "too many fields: 400" [ "$code" = 400 ]
fetch /status -X POST -H "Origin: https://localhost:$PORT" --data 'lang=en'
check "POST to a GET page: 405" [ "$code" = 405 ]
check "405 names the allowed methods" has "$tmp/head" '^Allow: GET, HEAD'
fetch /status -X DELETE
check "DELETE: 405" [ "$code" = 405 ]
fetch /status -X BREW
check "unknown method refused (405/501)" [ "$code" = 405 -o "$code" = 501 -o "$code" = 400 ]
head -c 2000000 /dev/zero | tr '\0' 'a' | sed 's/^/x=/' > "$tmp/big"
fetch /status -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$tmp/big"
check "2 MB body refused (405/413)" [ "$code" = 405 -o "$code" = 413 ]
big=$(head -c 65536 /dev/zero | tr '\0' 'c')
# lighttpd answers 431 and closes while curl still sends, so curl may see
# the connection end instead (000); either way the server must stay up.
refused() { [ "$code" = 400 -o "$code" = 413 -o "$code" = 431 -o "$code" = 000 ]; }
fetch /status -H "Cookie: x=$big"
check "64 KiB cookie refused (400/431)" refused
fetch /status -H "X-Long: $big"
check "64 KiB header refused (400/431)" refused
fetch /status -H "Cookie: x=${big:0:16000}"
check "16 KiB cookie refused with a status" [ "$code" = 400 -o "$code" = 413 -o "$code" = 431 ]
# --no-alpn: with --http1.0 curl offers http/1.0, which mod_ssl answers
# with http/1.1 and curl then refuses.
fetch /status --http1.0 --no-alpn -H 'Host:'
check "no Host header: 400" [ "$code" = 400 ]
fetch '/status?lang=de%00'
check "NUL byte: 400" [ "$code" = 400 ]
fetch '/status/..%2f..%2fetc/passwd'
check "path games: 404/400" [ "$code" = 404 -o "$code" = 400 ]
check "nothing written by bad input" [ "$(count_rows)" = "$rows_before" ]
fetch /healthz
check "program still serving after bad input" [ "$code" = 200 ]

# ---- the program as plain CGI (shared hosting without FastCGI) ----
out=$(PFORTE_CONFIG=$STATE/pforte.hdf REQUEST_METHOD=GET REQUEST_URI=/healthz \
    HTTP_HOST=localhost "$top_builddir/cgi-bin/status" < /dev/null 2>/dev/null)
check "same binary answers as one-shot CGI" test "$(printf '%s' "$out" | head -1)" = $'Status: 200 OK\r'

# ---- the database goes away and comes back ----
"$top_srcdir/tools/pforte-local" db-stop --state "$STATE" > /dev/null 2>&1
fetch /status -H 'Accept-Language: en'
check "database down: /status 503" [ "$code" = 503 ]
check "database down: page still renders" has "$tmp/body" '<html lang="en"'
fetch /status.json
check "database down: JSON says outage" jq -e '.overall == "outage"' "$tmp/body" > /dev/null
fetch /healthz
check "database down: healthz 503" [ "$code" = 503 ]
check "database down: Retry-After" has "$tmp/head" '^Retry-After: '
check "database down: logged" grep -rqE 'database unavailable|cannot connect to the database' "$STATE/log"
"$top_srcdir/tools/pforte-local" db-start --state "$STATE" > /dev/null 2>&1
# Each FastCGI process must reconnect on its own first request after the
# restart (the retry limit only spaces out attempts while it is down).
sleep 1.2
fetch /healthz
check "database back: the first request reconnects" [ "$code" = 200 ]
fetch /healthz
check "database back: the second process reconnects too" [ "$code" = 200 ]
fetch /status
check "database back: /status 200" [ "$code" = 200 ]

# ---- no secrets in logs, no sanitizer reports ----
pw=$(sed -n 's/^ *Password = //p' "$STATE/pforte.hdf" | head -1)
check "no database password in any log" sh -c "! grep -rqF -- '$pw' '$STATE/log'"
stop_portal
sleep 1
if ls "$tmp"/san/* > /dev/null 2>&1; then
  notok "no sanitizer reports"; cat "$tmp"/san/* | head -60
else
  ok "no sanitizer reports"
fi
finish
