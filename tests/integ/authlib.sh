# Helpers for the authentication tests (sourced after lib.sh): the mail and
# SMS sinks, a curl "browser" per cookie jar, form fields, the login steps,
# TOTP codes from oathtool, mail reading, response normalising.
# Needs tmp, STATE, PORT, top_srcdir, top_builddir.
: "${tmp:?}" "${STATE:?}" "${PORT:?}" "${top_srcdir:?}" "${top_builddir:?}"

# Debian's python3: aiosmtpd is a Debian package (python3-aiosmtpd), which
# a python3 earlier in PATH (pyenv, venv) does not see.
PY=${PFORTE_PYTHON:-/usr/bin/python3}
BASE=https://localhost:$PORT
LANG_HDR='Accept-Language: en'

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {	# PORT: true once something accepts connections (10 s)
	local i
	for ((i = 0; i < 100; i++)); do
		port_free "$1" || return 0
		sleep 0.1
	done
	return 1
}

# ---- sinks --------------------------------------------------------------------------
# smtp_start PORT DIR: aiosmtpd with its Mailbox handler (a Maildir in DIR,
# which must not exist yet).  The pid is ours; only it is ever stopped.
SMTP_PID="" SMS_PID=""
smtp_start() {
	SMTP_PORT=$1 MAILDIR=$2
	port_free "$1" || { echo "# port $1 is in use"; return 1; }
	"$PY" -m aiosmtpd -n -l "127.0.0.1:$1" -c aiosmtpd.handlers.Mailbox "$2" \
		> "$tmp/smtp.log" 2>&1 &
	SMTP_PID=$!
	wait_port "$1" && kill -0 "$SMTP_PID" 2>/dev/null
}
smtp_stop() {
	[ -n "$SMTP_PID" ] || return 0
	kill "$SMTP_PID" 2>/dev/null && wait "$SMTP_PID" 2>/dev/null
	SMTP_PID=
	return 0
}
# sms_start PORT FILE: tests/integ/smssink.py, every request one JSON line in FILE.
sms_start() {
	SMS_PORT=$1 SMSLOG=$2
	port_free "$1" || { echo "# port $1 is in use"; return 1; }
	"$PY" "$top_srcdir/tests/integ/smssink.py" "$1" "$2" > "$tmp/sms.port" 2> "$tmp/sms.err" &
	SMS_PID=$!
	wait_port "$1" && kill -0 "$SMS_PID" 2>/dev/null
}
sms_stop() {
	[ -n "$SMS_PID" ] || return 0
	kill "$SMS_PID" 2>/dev/null && wait "$SMS_PID" 2>/dev/null
	SMS_PID=
	return 0
}
sms_count() { if [ -f "$SMSLOG" ]; then grep -c . "$SMSLOG"; else echo 0; fi; }

# ---- mail ---------------------------------------------------------------------------
# mail_mark: remember what is in the mailbox; mail_wait then only looks at
# what arrived later.
mail_mark() {
	find "$MAILDIR/new" "$MAILDIR/cur" -type f 2>/dev/null | sort > "$tmp/mail.seen"
}
# mail_wait TO [SECONDS]: wait for a new message to TO; its decoded form
# (Subject:, To:, blank line, text body) goes to $tmp/mail and the message
# counts as seen.  False when none came.
mail_wait() {
	local to=$1 secs=${2:-15} i
	for ((i = 0; i < secs * 5; i++)); do
		if "$PY" - "$MAILDIR" "$tmp/mail.seen" "$to" > "$tmp/mail" <<-'EOF'
			import email, email.policy, os, sys
			d, seenf, to = sys.argv[1], sys.argv[2], sys.argv[3].lower()
			try:
			    seen = set(open(seenf).read().split("\n"))
			except OSError:
			    seen = set()
			files = []
			for sub in ("new", "cur"):
			    p = os.path.join(d, sub)
			    if os.path.isdir(p):
			        files += [os.path.join(p, f) for f in os.listdir(p)]
			files.sort(key=lambda f: (os.stat(f).st_mtime, f))
			for f in files:
			    if f in seen:
			        continue
			    with open(f, "rb") as fh:
			        m = email.message_from_binary_file(fh, policy=email.policy.default)
			    rcpt = (str(m.get("X-RcptTo", "")) + "," + str(m.get("To", ""))).lower()
			    if to not in rcpt:
			        continue
			    with open(seenf, "a") as s:
			        s.write(f + "\n")
			    body = m.get_body(preferencelist=("plain",))
			    text = body.get_content() if body is not None else ""
			    print("Subject: " + str(m.get("Subject", "")))
			    print("To: " + str(m.get("To", "")))
			    print("From: " + str(m.get("From", "")))
			    print("Content-Type: " + str(m.get("Content-Type", "")))
			    print()
			    print(text)
			    sys.exit(0)
			sys.exit(1)
		EOF
		then
			return 0
		fi
		sleep 0.2
	done
	return 1
}
# mail_none TO SECONDS: no new message to TO arrives within SECONDS.
mail_none() { ! mail_wait "$1" "$2"; }
# mail_link: the path (with ?t=) of the first portal link in $tmp/mail.
mail_link() {
	grep -oE "$BASE/(magic/callback|reset/confirm|setup)\?t=[A-Za-z0-9_-]+" "$tmp/mail" |
		head -n 1 | sed "s#^$BASE##"
}
# mail_code: the first 6-digit number of the body of $tmp/mail.
mail_code() { sed '1,/^$/d' "$tmp/mail" | grep -oE '(^|[^0-9])[0-9]{6}([^0-9]|$)' | head -n 1 | tr -dc 0-9; }

# ---- the database -------------------------------------------------------------------
sql() { "$top_srcdir/tools/pforte-local" sql --state "$STATE" -N -B -e "$1"; }

# ---- HTTP -----------------------------------------------------------------------------
# web CLIENT PATH [curl options]: a request with CLIENT's cookie jar (its
# own "browser"); body, headers and status as fetch leaves them.  The csrf
# token of the page, if it has one, is what the client's next POST sends.
web() {
	local jar=$tmp/jar.$1 p=$2 c
	shift 2
	[ -e "$jar" ] || : > "$jar"
	fetch "$p" -b "$jar" -c "$jar" -H "$LANG_HDR" "$@"
	c=$(form_value "$tmp/body" csrf)
	[ -z "$c" ] || printf '%s' "$c" > "$jar.csrf"
}
# post CLIENT PATH NAME=VALUE...: the form POST a browser sends: the csrf
# token of the client's last page (CSRF=x sends x, NOCSRF=1 none), Origin
# of the portal (ORIGIN=url another, ORIGIN=none none), RAW=data appended
# unencoded (for bytes that are not UTF-8).
post() {
	local client=$1 p=$2 a origin=${ORIGIN-$BASE} args=()
	shift 2
	for a in "$@"; do args+=(--data-urlencode "$a"); done
	if [ "${NOCSRF:-0}" != 1 ]; then
		args+=(--data-urlencode "csrf=${CSRF-$(cat "$tmp/jar.$client.csrf" 2>/dev/null)}")
	fi
	[ -z "${RAW:-}" ] || args+=(--data-raw "$RAW")
	[ ${#args[@]} -gt 0 ] || args+=(--data-raw '')	# still a POST
	[ "$origin" = none ] || args+=(-H "Origin: $origin")
	web "$client" "$p" "${args[@]}"
}
new_client() { rm -f "$tmp/jar.$1" "$tmp/jar.$1.csrf"; }
# form_value FILE NAME: the value of the (first) input NAME in the page.
form_value() {
	"$PY" - "$1" "$2" <<-'EOF'
		import sys
		from html.parser import HTMLParser
		class P(HTMLParser):
		    v = None
		    def handle_starttag(self, tag, attrs):
		        a = dict(attrs)
		        if tag == "input" and a.get("name") == sys.argv[2] and self.v is None:
		            self.v = a.get("value") or ""
		p = P()
		try:
		    p.feed(open(sys.argv[1], encoding="utf-8", errors="replace").read())
		except OSError:
		    pass
		if p.v is not None:
		    print(p.v)
	EOF
}
# location: the Location header of the last response, as a path.
location() { sed -n 's/^[Ll]ocation: *//p' "$tmp/head" | tr -d '\r' | tail -n 1 | sed "s#^$BASE##"; }
# redirected PATH-REGEX: the last response was a 303 to a matching path.
redirected() { [ "$code" = 303 ] && location | grep -qE "^$1\$"; }
# set_cookie NAME: the Set-Cookie line for NAME in the last response.
set_cookie() { grep -i "^set-cookie: $1=" "$tmp/head" | tr -d '\r' | tail -n 1; }
# cookie CLIENT NAME: the value of cookie NAME in CLIENT's jar.
cookie() {
	awk -v n="$2" -F '\t' '{ sub(/^#HttpOnly_/, "", $1) } NF >= 7 && $6 == n { v = $7 } END { print v }' \
		"$tmp/jar.$1" 2>/dev/null
}
# put_cookie CLIENT NAME VALUE: as if the server had set it (an attacker's
# planted cookie, an old cookie replayed).
put_cookie() {
	[ -e "$tmp/jar.$1" ] || : > "$tmp/jar.$1"
	grep -v -P "\t$2\t" "$tmp/jar.$1" > "$tmp/jar.$1.new" || true
	printf '#HttpOnly_localhost\tFALSE\t/\tTRUE\t0\t%s\t%s\n' "$2" "$3" >> "$tmp/jar.$1.new"
	mv "$tmp/jar.$1.new" "$tmp/jar.$1"
}
ctype_html() { grep -qiE '^content-type: text/html' "$tmp/head"; }
status_4xx() { [ "$code" -ge 400 ] && [ "$code" -le 499 ] 2>/dev/null; }

# signed_in CLIENT: GET / shows the dashboard (a full session).
signed_in() { web "$1" / && [ "$code" = 200 ]; }
# signed_out CLIENT: GET / sends the client to the login page.
signed_out() { web "$1" / && [ "$code" = 303 ] && location | grep -qE '^/login(\?|$)'; }
# no_access CLIENT: GET / sends the client to the login or its second step.
no_access() { web "$1" / && [ "$code" = 303 ] && location | grep -qE '^/login(/factor|/enrol)?(\?|$)'; }

# ---- TOTP -------------------------------------------------------------------------------
# totp_code SECRET: a code for a time step later than any used before with
# this secret (a code is accepted once), within the one step either way the
# portal allows; waits for the next step when both are used up.
totp_code() {
	local s=$1 key now step last f
	key=$(printf '%s' "$s" | tr -dc 'A-Za-z2-7')
	f=$tmp/totp.$key
	last=$(cat "$f" 2>/dev/null || echo 0)
	while :; do
		now=$(date +%s)
		step=$((now / 30))
		[ "$step" -gt "$last" ] || step=$((last + 1))
		# step <= now+1; not in the last two seconds of a step for +1.
		if [ "$step" -le $((now / 30)) ] ||
			{ [ "$step" -eq $((now / 30 + 1)) ] && [ $((now % 30)) -lt 28 ]; }; then
			break
		fi
		sleep 1
	done
	echo "$step" > "$f"
	oathtool --totp -b "$key" --now "@$((step * 30 + 1))"
}
# totp_at SECRET OFFSET: the code of the current step + OFFSET, not recorded.
totp_at() { oathtool --totp -b "$(printf '%s' "$1" | tr -dc 'A-Za-z2-7')" --now "@$(( $(date +%s) + $2 * 30 ))"; }

# pw: a random password the portal's policy takes.  The portal asks
# cracklib, which calls about one random string of this shape in 75 "too
# simplistic/systematic"; such a draw is drawn again (cracklib-check is
# the same library and dictionary), so no test fails by chance.
pw() {
	local p i
	for ((i = 0; i < 20; i++)); do
		p=$(printf 'Pw-%s-%s' "$(openssl rand -hex 5)" "$(openssl rand -base64 9 | tr '+/' '.,')")
		command -v cracklib-check > /dev/null || break
		[ "$(printf '%s\n' "$p" | cracklib-check)" = "$p: OK" ] && break
	done
	printf '%s' "$p"
}

# ---- the flows --------------------------------------------------------------------------
# add_user EMAIL NAME [PHONE]: pforte-admin user add; the setup link's path
# in $SETUP_PATH.
add_user() {
	local phone=()
	[ -z "${3:-}" ] || phone=(--phone "$3")
	PFORTE_CONFIG=$STATE/pforte.hdf "$top_builddir/tools/pforte-admin" -c "$STATE/pforte.hdf" \
		user add --email "$1" --name "$2" "${phone[@]}" > "$tmp/add.out" 2>&1 ||
		{ sed 's/^/# /' "$tmp/add.out"; return 1; }
	SETUP_PATH=$(grep -oE "https://localhost:$PORT/setup\?t=[A-Za-z0-9_-]+" "$tmp/add.out" |
		head -n 1 | sed "s#^$BASE##")
	[ -n "$SETUP_PATH" ] || { sed 's/^/# /' "$tmp/add.out"; return 1; }
}
# setup CLIENT SETUP-PATH PASSWORD: follow the link, choose the password;
# true when it ends in a 303 to /login/enrol.
setup() {
	web "$1" "$2" && [ "$code" = 200 ] || return 1
	post "$1" /setup t="${2#*t=}" password="$3" password2="$3" && redirected /login/enrol
}
# enrol CLIENT: GET /login/enrol, read the secret (into $SECRET), answer
# with a code from oathtool; true when the recovery codes are shown (saved
# one a line in $tmp/recovery).
enrol() {
	web "$1" /login/enrol && [ "$code" = 200 ] || return 1
	SECRET=$(enrol_secret "$tmp/body")
	[ -n "$SECRET" ] || return 1
	post "$1" /login/enrol code="$(totp_code "$SECRET")" && [ "$code" = 200 ] || return 1
	recovery_codes "$tmp/body" > "$tmp/recovery"
	[ "$(grep -c . "$tmp/recovery")" = 10 ]
}
# enrol_secret FILE: the base32 secret, from the otpauth URI or else from
# the <code> block that shows it.
enrol_secret() {
	local s
	s=$(grep -oE 'otpauth://totp/[^"<> ]*' "$1" | head -n 1 | sed 's/&amp;/\&/g' |
		grep -oE '[?&]secret=[A-Za-z2-7=]+' | sed 's/^.secret=//; s/=*$//')
	[ -n "$s" ] || s=$(grep -oE '<code[^>]*>[A-Z2-7 ]{16,}</code>' "$1" | head -n 1 |
		sed 's/<[^>]*>//g' | tr -d ' ')
	printf '%s\n' "$s"
}
# recovery_codes FILE: the codes of a recovery-code page, one a line: the
# text of the <code> elements (or list items) inside the element whose
# class names "recovery", else of every <code> that looks like a code.
recovery_codes() {
	"$PY" - "$1" <<-'EOF'
		import re, sys
		from html.parser import HTMLParser
		class P(HTMLParser):
		    def __init__(self):
		        super().__init__()
		        self.depth = 0; self.stack = []; self.inside = []; self.all = []
		        self.cur = None
		    def handle_starttag(self, tag, attrs):
		        a = dict(attrs)
		        rec = "recovery" in (a.get("class") or "") and tag in ("ol", "ul", "div", "pre", "section")
		        self.stack.append((tag, rec))
		        if tag == "code":
		            self.cur = ""
		    def handle_endtag(self, tag):
		        if tag == "code" and self.cur is not None:
		            t = self.cur.strip()
		            self.all.append(t)
		            if any(r for _, r in self.stack):
		                self.inside.append(t)
		            self.cur = None
		        while self.stack:
		            t, _ = self.stack.pop()
		            if t == tag:
		                break
		    def handle_data(self, d):
		        if self.cur is not None:
		            self.cur += d
		p = P()
		p.feed(open(sys.argv[1], encoding="utf-8", errors="replace").read())
		codes = p.inside or [c for c in p.all if re.fullmatch(r"[A-Za-z0-9]{4,}(-[A-Za-z0-9]{3,})*", c)
		                     and not re.fullmatch(r"[0-9a-f]{16}", c)]
		for c in codes:
		    print(c)
	EOF
}
# login_pw CLIENT EMAIL PASSWORD: the first step; true on a 303 to the
# second factor (/login/factor or /login/enrol).
login_pw() {
	web "$1" /login && [ "$code" = 200 ] || return 1
	post "$1" /login email="$2" password="$3" && redirected '/login/(factor|enrol)'
}
# factor_totp CLIENT SECRET: answer the second factor with a fresh code.
factor_totp() {
	web "$1" /login/factor && [ "$code" = 200 ] || return 1
	post "$1" /login/factor method=totp action=verify code="$(totp_code "$2")" && [ "$code" = 303 ]
}
# factor_email CLIENT EMAIL: ask for an e-mail code, read it, answer it.
factor_email() {
	web "$1" /login/factor && [ "$code" = 200 ] || return 1
	mail_mark
	post "$1" /login/factor method=email action=send && [ "$code" -lt 400 ] || return 1
	mail_wait "$2" || return 1
	post "$1" /login/factor method=email action=verify code="$(mail_code)" && [ "$code" = 303 ]
}
# login CLIENT EMAIL PASSWORD [SECRET]: both steps (TOTP with SECRET, else
# an e-mail code), then the dashboard.
login() {
	login_pw "$1" "$2" "$3" || return 1
	if [ -n "${4:-}" ]; then factor_totp "$1" "$4"; else factor_email "$1" "$2"; fi || return 1
	signed_in "$1"
}

# ---- comparing responses ----------------------------------------------------------------
# normalise: the last response (status, header names and cookie names, body)
# with only what legitimately differs between two requests replaced: the
# csrf token, a CSP nonce, request ids, the date, the address typed in (arg 1).
normalise() {
	{
		echo "status $code"
		tr -d '\r' < "$tmp/head" | grep -viE '^(date|x-request-id|content-length):' |
			sed -E 's/^(set-cookie: [^=]*=)[^;]*/\1VALUE/I; s/^(Set-Cookie: [^=]*=)[^;]*/\1VALUE/'
		sed -E 's/(name="csrf" value=")[^"]*"/\1CSRF"/g; s/(value="[^"]*" name="csrf")/CSRF-FIELD/g;
			s/nonce="[^"]*"/nonce="NONCE"/g; s#<code>[0-9a-f]{16}</code>#<code>REQUEST-ID</code>#g' \
			"$tmp/body" | if [ -n "${1:-}" ]; then
				"$PY" -c 'import sys; a = sys.argv[1]
for l in sys.stdin:
    sys.stdout.write(l.replace(a, "EMAIL"))' "$1"
			else cat; fi
	}
}

# ---- languages ------------------------------------------------------------------------------
# in_lang FILE LANG: the page is in LANG: <html lang="LANG">, it has text
# from templates/lang/LANG.hdf that the other language does not share,
# and no such text of the other language.
in_lang() {
	grep -q "<html lang=\"$2\"" "$1" || return 1
	"$PY" - "$1" "$2" "$top_srcdir/templates/lang" <<-'EOF'
		import html, re, sys
		page, lang, d = open(sys.argv[1], encoding="utf-8", errors="replace").read(), sys.argv[2], sys.argv[3]
		other = "de" if lang == "en" else "en"
		def values(f):
		    out, stack = set(), []
		    lines = iter(open(f, encoding="utf-8").read().split("\n"))
		    for l in lines:
		        s = l.strip()
		        if not s or s.startswith("#"):
		            continue
		        if s == "}":
		            stack and stack.pop(); continue
		        if s.endswith("{"):
		            stack.append(s[:-1].strip()); continue
		        m = re.match(r"([^=<]+?)\s*<<\s*(\w+)$", s)
		        if m:
		            v = []
		            for l2 in lines:
		                if l2.strip() == m.group(2):
		                    break
		                v.append(l2)
		            out.add("\n".join(v).strip()); continue
		        if "=" in s:
		            out.add(s.split("=", 1)[1].strip())
		    return {v for v in out if len(v) >= 8 and "<?cs" not in v}
		mine, theirs = values(f"{d}/{lang}.hdf"), values(f"{d}/{other}.hdf")
		text = page.replace("&#39;", "'")
		def on(v):
		    return html.escape(v, quote=True).replace("&#x27;", "'") in text or v in text
		good = [v for v in mine - theirs if on(v)]
		# The other language is looked for in the text between tags only:
		# markup such as the "required" attribute is not English.
		text = re.sub(r"<[^>]*>", " ", text)
		bad = [v for v in theirs - mine if on(v)]
		if bad:
		    print("# text of the other language: " + "; ".join(bad[:3]))
		sys.exit(0 if good and not bad else 1)
	EOF
}
# lang_str LANG KEY: a string of templates/lang/LANG.hdf, HTML-escaped.
lang_str() {
	"$PY" - "$top_srcdir/templates/lang/$1.hdf" "$2" <<-'EOF'
		import html, re, sys
		want, stack = sys.argv[2], []
		for l in open(sys.argv[1], encoding="utf-8"):
		    s = l.strip()
		    if not s or s.startswith("#"):
		        continue
		    if s == "}":
		        stack and stack.pop(); continue
		    if s.endswith("{"):
		        stack.append(s[:-1].strip()); continue
		    if "=" in s:
		        k, v = (x.strip() for x in s.split("=", 1))
		        if ".".join(stack + [k]) == want:
		            print(html.escape(v, quote=True).replace("&#x27;", "&#39;"))
	EOF
}
# has_str FILE LANG KEY: the page shows that string.
has_str() {
	local s
	s=$(lang_str "$2" "$3")
	[ -n "$s" ] || { echo "# no $3 in $2.hdf"; return 1; }
	grep -qF -- "$s" "$1" || grep -qF -- "$(printf '%s' "$s" | sed 's/&#39;/'"'"'/g')" "$1"
}
# lang_raw LANG KEY: the same string as plain text (for a browser's view).
lang_raw() { lang_str "$1" "$2" | "$PY" -c 'import html, sys; print(html.unescape(sys.stdin.read().strip()))'; }
