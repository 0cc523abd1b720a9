/* Unit tests: outgoing mail (mail.c: addresses, header encoding,
 * quoted-printable, the "dir" transport, plain-text templates from
 * tmpl.c) and the SMS gateway's request body (sms.c).  No network. */
#include <sys/stat.h>
#include <dirent.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include "pf-int.h"
#include "testconf.h"

static char dir[64];
static char maildir[128];

/* ---- helpers ------------------------------------------------------------ */

static void
put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static int
load_conf(const char *extra)
{
	char text[2048];

	snprintf(text, sizeof(text),
	    "Portal.BaseURL = https://portal.test/\n"
	    "Portal.Name = Pforte Prüfstand\n"
	    "Portal.Templates = %s/tmpl\n"
	    "Mail.Transport = dir\n"
	    "Mail.Dir = %s\n"
	    "Mail.From = noreply@portal.test\n"
	    "%s", dir, maildir, extra);
	return testconf_portal(text);
}

static int
b64val(char c)
{
	const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(a, c) : NULL;

	return p ? (int)(p - a) : -1;
}

/* Decode base64 [s, s+n) onto b. */
static void
b64dec(struct pf_buf *b, const char *s, size_t n)
{
	unsigned v = 0;
	int bits = 0, x;
	size_t i;
	char c;

	for (i = 0; i < n && s[i] != '='; i++) {
		assert_true((x = b64val(s[i])) >= 0);
		v = (v << 6) | (unsigned)x;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (char)((v >> bits) & 0xff);
			pf_buf_add(b, &c, 1);
		}
	}
}

/* The value of header name in the message's header section, unfolded
 * (CRLF before white space removed); NULL when absent. */
static char *
header(const char *msg, const char *name)
{
	struct pf_buf b = { 0 };
	const char *p = msg, *end = strstr(msg, "\r\n\r\n");
	size_t n = strlen(name);

	assert_non_null(end);
	while (p < end) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			for (;;) {
				const char *eol = strstr(p, "\r\n");

				pf_buf_add(&b, p, (size_t)(eol - p));
				if (eol[2] != ' ' && eol[2] != '\t')
					break;
				p = eol + 2;
			}
			return b.data ? b.data : strdup("");
		}
		p = strstr(p, "\r\n") + 2;
	}
	return NULL;
}

/* Decode unfolded header text: RFC 2047 B words (whitespace between two
 * of them dropped), plain text as it is.  Each word must decode to valid
 * UTF-8 by itself and be at most 75 characters. */
static char *
rfc2047_decode(const char *s)
{
	struct pf_buf b = { 0 };
	const char *p = s, *q, *end;
	int last_word = 0;
	size_t start;

	while (*p) {
		if (strncmp(p, "=?UTF-8?B?", 10) == 0) {
			q = p + 10;
			assert_non_null(end = strstr(q, "?="));
			assert_true(end + 2 - p <= 75);
			start = b.len;
			b64dec(&b, q, (size_t)(end - q));
			assert_true(pf_utf8_valid(b.data + start, b.len - start));
			p = end + 2;
			last_word = 1;
			continue;
		}
		if (*p == ' ' && last_word) {
			q = p + strspn(p, " ");
			if (strncmp(q, "=?", 2) == 0) {
				p = q;
				continue;
			}
		}
		pf_buf_add(&b, p++, 1);
		last_word = 0;
	}
	return b.data ? b.data : strdup("");
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode quoted-printable (soft breaks removed, CRLF kept). */
static char *
qp_decode(const char *s)
{
	struct pf_buf b = { 0 };
	char c;

	while (*s) {
		if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
			s += 3;
		} else if (s[0] == '=') {
			assert_true(hexval(s[1]) >= 0 && hexval(s[2]) >= 0);
			c = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			pf_buf_add(&b, &c, 1);
			s += 3;
		} else
			pf_buf_add(&b, s++, 1);
	}
	return b.data ? b.data : strdup("");
}

/* Every line ends in CRLF, is at most max characters long and (when
 * nodot) does not start with a dot. */
static void
assert_lines(const char *s, size_t max, int nodot)
{
	const char *eol;

	while (*s) {
		assert_non_null(eol = strstr(s, "\r\n"));
		assert_true((size_t)(eol - s) <= max);
		assert_null(memchr(s, '\n', (size_t)(eol - s)));
		assert_null(memchr(s, '\r', (size_t)(eol - s)));
		if (nodot)
			assert_true(*s != '.');
		s = eol + 2;
	}
}

static void
assert_match(const char *s, const char *re)
{
	regex_t rx;

	assert_non_null(s);
	assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	if (regexec(&rx, s, 0, NULL, 0) != 0)
		fail_msg("\"%s\" does not match %s", s, re);
	regfree(&rx);
}

/* The names of the files in the mail folder (count returned). */
static int
mail_files(char names[][256], int max)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	assert_non_null(d = opendir(maildir));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n < max)
			snprintf(names[n], 256, "%s", e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

static void
clear_mail(void)
{
	char names[16][256], path[512];
	int i, n = mail_files(names, 16);

	for (i = 0; i < n && i < 16; i++) {
		assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", maildir,
		    names[i]) < sizeof(path));
		unlink(path);
	}
}

static char *
slurp(const char *path)
{
	struct pf_buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f;

	assert_non_null(f = fopen(path, "rb"));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pf_buf_add(&b, chunk, n);
	fclose(f);
	return b.data;
}

/* ---- addresses ---------------------------------------------------------- */

static void
t_addr(void **state)
{
	static const char *const good[] = {
		"user@x.test", "a.b+tag@sub.example.org", "o'brien@example.ie",
		"x@localhost",
	};
	static const char *const bad[] = {
		"a@x.test\r\nRCPT TO:<evil@x.test>", "a@x.test\n", "a@x.test\r",
		"<a@x.test>", "a@b@x.test", "a\x01@x.test", "a@x.test\x7f", "a b@x.test",
		"a\t@x.test", "\xc3\xbc@x.test", "@x.test", "a@", "a", "", "a,b@x.test",
		"a\"b@x.test", "a(b)@x.test", "a;b@x.test", "a:b@x.test", "a[b]@x.test",
		"a\\b@x.test", "a@.x.test", "a@x.test.",
	};
	char longaddr[300];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!pf_mail_addr_ok(good[i]))
			fail_msg("refused: %s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pf_mail_addr_ok(bad[i]))
			fail_msg("accepted bad address %zu", i);
	assert_false(pf_mail_addr_ok(NULL));
	/* 254 bytes pass, 255 do not. */
	memset(longaddr, 'a', sizeof(longaddr));
	memcpy(longaddr + 254 - 7, "@x.test", 8);
	assert_int_equal(strlen(longaddr), 254);
	assert_true(pf_mail_addr_ok(longaddr));
	memset(longaddr, 'a', sizeof(longaddr));
	memcpy(longaddr + 255 - 7, "@x.test", 8);
	assert_int_equal(strlen(longaddr), 255);
	assert_false(pf_mail_addr_ok(longaddr));
}

/* Refused recipients never reach the transport: nothing is written. */
static void
t_send_refuses(void **state)
{
	char names[4][256];
	struct pf_var v[] = { { "Name", "x" } };

	clear_mail();
	assert_int_equal(pf_mail_send("de", "a@x.test\r\nRCPT TO:<evil@x.test>", "test",
	    v, 1), -1);
	assert_int_equal(pf_mail_send("de", "<a@x.test>", "test", v, 1), -1);
	assert_int_equal(pf_mail_send("de", NULL, "test", v, 1), -1);
	/* The kind names a file: no path, no upper case, no unknown one. */
	assert_int_equal(pf_mail_send("de", "user@x.test", "../lang/de", v, 1), -1);
	assert_int_equal(pf_mail_send("de", "user@x.test", "Test", v, 1), -1);
	assert_int_equal(pf_mail_send("de", "user@x.test", "nosuchkind", v, 1), -1);
	/* Variable names are identifiers, never data. */
	v[0].name = "a.b";
	assert_int_equal(pf_mail_send("de", "user@x.test", "test", v, 1), -1);
	assert_int_equal(mail_files(names, 4), 0);
}

/* ---- headers ------------------------------------------------------------ */

static void
t_subject_encoded(void **state)
{
	struct pf_buf b = { 0 };
	char *v, *d;

	pf_mail_header(&b, "Subject", "Anmeldung bestätigen");
	assert_true(strncmp(b.data, "Subject: =?UTF-8?B?", 19) == 0);
	assert_lines(b.data, 76, 0);
	/* header() needs the end of the header section. */
	pf_buf_adds(&b, "\r\n");
	v = header(b.data, "Subject");
	d = rfc2047_decode(v);
	assert_string_equal(d, "Anmeldung bestätigen");
	free(v);
	free(d);
	pf_buf_free(&b);
}

static void
t_subject_long(void **state)
{
	const char *s = "Grüße aus dem Pförtnerhaus: bitte bestätigen Sie Ihre "
	    "Anmeldung – 🔑 Schlüssel für äöüß ÄÖÜ, noch einmal Grüße und 🔑🔑🔑 Ende";
	struct pf_buf b = { 0 };
	char *v, *d;

	pf_mail_header(&b, "Subject", s);
	assert_lines(b.data, 76, 0);
	assert_non_null(strstr(b.data, "\r\n "));	/* folded */
	pf_buf_adds(&b, "\r\n");
	v = header(b.data, "Subject");
	d = rfc2047_decode(v);
	assert_string_equal(d, s);
	free(v);
	free(d);
	pf_buf_free(&b);
}

static void
t_subject_plain(void **state)
{
	struct pf_buf b = { 0 };
	char *v, *d;

	pf_mail_header(&b, "Subject", "Confirm your sign-in");
	assert_string_equal(b.data, "Subject: Confirm your sign-in\r\n");
	/* Controls from a language file cannot add a header. */
	pf_buf_reset(&b);
	pf_mail_header(&b, "Subject", "Hello\r\nBcc: evil@x.test\t\x01");
	assert_string_equal(b.data, "Subject: Hello Bcc: evil@x.test\r\n");
	/* ASCII that looks like an encoded word is encoded itself. */
	pf_buf_reset(&b);
	pf_mail_header(&b, "Subject", "=?UTF-8?B?ZXZpbA==?=");
	pf_buf_adds(&b, "\r\n");
	v = header(b.data, "Subject");
	d = rfc2047_decode(v);
	assert_string_equal(d, "=?UTF-8?B?ZXZpbA==?=");
	free(v);
	free(d);
	/* Long ASCII folds at spaces. */
	pf_buf_reset(&b);
	pf_mail_header(&b, "Subject", "one two three four five six seven eight nine ten "
	    "eleven twelve thirteen fourteen fifteen sixteen seventeen");
	assert_lines(b.data, 76, 0);
	assert_non_null(strstr(b.data, "\r\n "));
	assert_null(strstr(b.data, "=?"));
	pf_buf_free(&b);
}

/* ---- quoted-printable --------------------------------------------------- */

static void
t_qp(void **state)
{
	struct pf_buf in = { 0 }, want = { 0 }, out = { 0 };
	char *dec;
	int i;

	for (i = 0; i < 30; i++)
		pf_buf_adds(&in, "Grüße ");
	pf_buf_adds(&in, "Ende\n"
	    ".leading dot with a=b and == signs\n"
	    ".\n"
	    "trailing space \n"
	    "tab\t\r\n"
	    "\n"
	    "nul-free ctrl \x01 and del \x7f\n"
	    "last line without newline");
	for (i = 0; i < (int)in.len; i++) {
		if (in.data[i] == '\n' && (i == 0 || in.data[i - 1] != '\r'))
			pf_buf_add(&want, "\r", 1);
		pf_buf_add(&want, &in.data[i], 1);
	}
	pf_buf_adds(&want, "\r\n");

	pf_mail_qp(&out, in.data, in.len);
	assert_lines(out.data, 76, 1);
	assert_non_null(strstr(out.data, "=\r\n"));		/* soft breaks */
	assert_non_null(strstr(out.data, "Gr=C3=BC=C3=9Fe"));
	assert_non_null(strstr(out.data, "\r\n=2Eleading dot with a=3Db and =3D=3D signs\r\n"));
	assert_non_null(strstr(out.data, "\r\n=2E\r\n"));
	assert_non_null(strstr(out.data, "trailing space=20\r\n"));
	assert_non_null(strstr(out.data, "tab=09\r\n"));
	assert_non_null(strstr(out.data, "ctrl =01 and del =7F"));
	assert_true(strlen(out.data) == out.len);
	dec = qp_decode(out.data);
	assert_string_equal(dec, want.data);
	free(dec);

	/* Exactly 76 and 77 characters of ASCII. */
	pf_buf_reset(&in);
	pf_buf_reset(&out);
	for (i = 0; i < 76; i++)
		pf_buf_add(&in, "x", 1);
	pf_mail_qp(&out, in.data, in.len);
	assert_int_equal(out.len, 78);		/* one line, no soft break */
	pf_buf_add(&in, "y", 1);
	pf_buf_reset(&out);
	pf_mail_qp(&out, in.data, in.len);
	assert_lines(out.data, 76, 1);
	assert_non_null(strstr(out.data, "=\r\n"));
	dec = qp_decode(out.data);
	pf_buf_adds(&in, "\r\n");
	assert_string_equal(dec, in.data);
	free(dec);
	pf_buf_free(&in);
	pf_buf_free(&want);
	pf_buf_free(&out);
}

/* ---- the "dir" transport ------------------------------------------------ */

static char *
send_one(const char *lang, char *name, size_t namesz)
{
	const struct pf_var v[] = {
		{ "Name", "Zoë <b>&amp;" },
		{ "Link", "https://portal.test/magic/callback?t=abc-_DEF&x=1" },
		{ "Code", "123456" },
	};
	char names[4][256], path[512];
	struct stat st;

	clear_mail();
	assert_int_equal(pf_mail_send(lang, "user@x.test", "test", v, 3), 0);
	assert_int_equal(mail_files(names, 4), 1);
	assert_match(names[0], "^[0-9]{10,}-[0-9a-f]{16}\\.eml$");
	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", maildir, names[0]) <
	    sizeof(path));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_true((size_t)snprintf(name, namesz, "%s", names[0]) < namesz);
	return slurp(path);
}

static void
t_dir_send(void **state)
{
	char name[128], *msg, *v, *d, *body, *hdrs;

	msg = send_one("de", name, sizeof(name));
	assert_non_null(body = strstr(msg, "\r\n\r\n"));
	hdrs = strndup(msg, (size_t)(body - msg) + 2);
	assert_lines(hdrs, 76, 0);

	assert_match(v = header(msg, "Date"), "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
	    "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} "
	    "[0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000$");
	free(v);
	v = header(msg, "From");
	d = rfc2047_decode(v);
	assert_string_equal(d, "Pforte Prüfstand <noreply@portal.test>");
	free(v);
	free(d);
	assert_string_equal(v = header(msg, "To"), "<user@x.test>");
	free(v);
	v = header(msg, "Subject");
	assert_non_null(strstr(v, "=?UTF-8?B?"));
	d = rfc2047_decode(v);
	assert_string_equal(d, "Anmeldung bestätigen");
	free(v);
	free(d);
	assert_match(v = header(msg, "Message-ID"), "^<[0-9a-f]{32}@portal\\.test>$");
	free(v);
	assert_string_equal(v = header(msg, "MIME-Version"), "1.0");
	free(v);
	assert_string_equal(v = header(msg, "Content-Type"), "text/plain; charset=utf-8");
	free(v);
	assert_string_equal(v = header(msg, "Content-Transfer-Encoding"), "quoted-printable");
	free(v);
	assert_string_equal(v = header(msg, "Auto-Submitted"), "auto-generated");
	free(v);
	assert_null(header(msg, "Bcc"));

	body += 4;
	assert_lines(body, 76, 1);
	d = qp_decode(body);
	/* Plain text: nothing HTML-escaped, neither vars nor language strings. */
	assert_non_null(strstr(d, "Hallo Zoë <b>&amp;,\r\n"));
	assert_non_null(strstr(d, "Bitte bestätigen Sie: <jetzt> & \"gleich\"\r\n"));
	assert_non_null(strstr(d, "https://portal.test/magic/callback?t=abc-_DEF&x=1\r\n"));
	assert_non_null(strstr(d, "Code: 123456\r\n"));
	assert_non_null(strstr(d, "-- \r\nPforte Prüfstand\r\n"));
	assert_null(strstr(d, "&lt;"));
	free(d);
	free(hdrs);
	free(msg);

	/* The other language: its subject and strings. */
	msg = send_one("en", name, sizeof(name));
	v = header(msg, "Subject");
	assert_string_equal(v, "Confirm sign-in");
	free(v);
	d = qp_decode(strstr(msg, "\r\n\r\n") + 4);
	assert_non_null(strstr(d, "Please confirm: <now>\r\n"));
	free(d);
	free(msg);
	clear_mail();
}

/* A missing Mail.Dir fails, and a temporary file is not left behind. */
static void
t_dir_fails(void **state)
{
	const struct pf_var v[] = { { "Name", "x" } };

	assert_int_equal(testconf_portal(
	    "Portal.BaseURL = https://portal.test/\n"
	    "Mail.Transport = dir\n"
	    "Mail.Dir = /nonexistent/pforte-mail\n"), 0);
	assert_int_equal(pf_mail_send("de", "user@x.test", "test", v, 1), -1);
	assert_int_equal(load_conf(""), 0);
}

/* ---- plain-text templates (tmpl.c) --------------------------------------- */

static void
t_tmpl_text(void **state)
{
	const struct pf_var v[] = { { "Name", "<&>" }, { "Portal", "P" } };
	struct pf_buf b = { 0 };
	int i;

	/* Parsed once, rendered many times with different data. */
	for (i = 0; i < 3; i++) {
		pf_buf_reset(&b);
		assert_int_equal(pf_tmpl_text("en", "mail/test.cs", v, 2, "Mail", &b), 0);
		assert_non_null(strstr(b.data, "Hallo <&>,\n"));
		assert_null(strstr(b.data, "Code:"));	/* not set this time */
	}
	/* A broken template: -1 and the buffer as it was. */
	pf_buf_reset(&b);
	pf_buf_adds(&b, "keep");
	assert_int_equal(pf_tmpl_text("en", "mail/broken.cs", v, 2, "Mail", &b), -1);
	assert_string_equal(b.data, "keep");
	assert_int_equal(pf_tmpl_text("en", "mail/missing.cs", v, 2, "Mail", &b), -1);
	assert_string_equal(b.data, "keep");
	pf_buf_free(&b);

	assert_string_equal(pf_tr_lang("de", "Mail.Test.Subject"), "Anmeldung bestätigen");
	assert_string_equal(pf_tr_lang("en", "Mail.Test.Subject"), "Confirm sign-in");
	assert_string_equal(pf_tr_lang("en", "No.Such.Key"), "No.Such.Key");
}

/* ---- SMS ---------------------------------------------------------------- */

static void
t_sms_number(void **state)
{
	static const char *const bad[] = {
		"12345", "+1234567890123456", "1234567890123456", "+49 170\r\n1234",
		"49a1234567", "++49123456", "", "+", "1234567+", "+49 170 1234567\n",
		"0170.1234567", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96",
	};
	char out[32];
	size_t i;

	assert_int_equal(pf_sms_number("+49 (30) 555-01/99", out, sizeof(out)), 0);
	assert_string_equal(out, "+49305550199");
	assert_int_equal(pf_sms_number("0170 1234567", out, sizeof(out)), 0);
	assert_string_equal(out, "01701234567");
	assert_int_equal(pf_sms_number("123456", out, sizeof(out)), 0);
	assert_int_equal(pf_sms_number("+123456789012345", out, sizeof(out)), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pf_sms_number(bad[i], out, sizeof(out)) == 0)
			fail_msg("accepted bad number %zu", i);
	assert_int_equal(pf_sms_number(NULL, out, sizeof(out)), -1);
}

static void
t_sms_body(void **state)
{
	struct pf_buf b = { 0 };

	assert_int_equal(pf_sms_body(&b, "{\"to\":\"{to}\",\"text\":\"{text}\"}",
	    "application/json; charset=utf-8", "+491701234567",
	    "Code \"12\\34\"\n\x01\x1f\x7f ü</"), 0);
	assert_string_equal(b.data, "{\"to\":\"+491701234567\",\"text\":"
	    "\"Code \\\"12\\\\34\\\"\\n\\u0001\\u001f\\u007f ü</\"}");
	pf_buf_reset(&b);
	assert_int_equal(pf_sms_body(&b, "to={to}&msg={text}&to2={to}",
	    "application/x-www-form-urlencoded", "+491701234567",
	    "Ihr Code: 123 456&x=ü~-._"), 0);
	assert_string_equal(b.data, "to=%2B491701234567&msg=Ihr+Code%3A+123+456%26x%3D%C3%BC~-._"
	    "&to2=%2B491701234567");
	/* "JSON" in any case counts; braces that are no placeholder stay. */
	pf_buf_reset(&b);
	assert_int_equal(pf_sms_body(&b, "{x}{text}{to", "application/vnd.api+JSON", "1",
	    "a\"b"), 0);
	assert_string_equal(b.data, "{x}a\\\"b{to");
	/* Invalid UTF-8 is refused. */
	pf_buf_reset(&b);
	assert_int_equal(pf_sms_body(&b, "{text}", "application/json", "1", "a\xff"), -1);
	pf_buf_free(&b);
}

static void
t_sms_refuses(void **state)
{
	/* No gateway configured, a bad number, plain http to another host:
	 * all fail before anything is sent. */
	assert_int_equal(pf_sms_send("+491701234567", "Code 123456"), -1);
	assert_int_equal(load_conf("SMS.URL = https://sms.test/send\n"), 0);
	assert_int_equal(pf_sms_send("+49 170 1234567\r\nX: y", "Code 123456"), -1);
	assert_int_equal(load_conf("SMS.URL = http://sms.test/send\n"), 0);
	assert_int_equal(pf_sms_send("+491701234567", "Code 123456"), -1);
	/* Loopback http is allowed: nothing listens on port 1, so -1 again,
	 * but from the connection. */
	assert_int_equal(load_conf("SMS.URL = http://127.0.0.1:1/send\nSMS.Timeout = 2\n"), 0);
	assert_int_equal(pf_sms_send("+491701234567", "Code 123456"), -1);
	assert_int_equal(load_conf(""), 0);
}

static void
t_loopback(void **state)
{
	assert_true(pf_url_loopback("smtp://127.0.0.1:25"));
	assert_true(pf_url_loopback("smtp://localhost"));
	assert_true(pf_url_loopback("smtp://LOCALHOST:2525/ehlo.name"));
	assert_true(pf_url_loopback("smtp://[::1]:25"));
	assert_true(pf_url_loopback("http://127.0.0.1:8080/sms"));
	assert_false(pf_url_loopback("smtp://127.0.0.2:25"));
	assert_false(pf_url_loopback("smtp://mail.example.org"));
	assert_false(pf_url_loopback("smtp://localhost.example.org"));
	assert_false(pf_url_loopback("http://127.0.0.1@evil.test/"));
	assert_false(pf_url_loopback("not a url"));
}

/* ---- setup -------------------------------------------------------------- */

static int
setup(void **state)
{
	char path[128];

	snprintf(dir, sizeof(dir), "/tmp/pforte-tmail-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(maildir, sizeof(maildir), "%s/mail", dir);
	snprintf(path, sizeof(path), "%s/tmpl", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/tmpl/lang", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/tmpl/mail", dir);
	mkdir(path, 0755);
	mkdir(maildir, 0700);
	put("tmpl/lang/de.hdf", "Mail {\n  Test {\n    Subject = Anmeldung bestätigen\n"
	    "    Intro = Bitte bestätigen Sie: <jetzt> & \"gleich\"\n  }\n}\n");
	put("tmpl/lang/en.hdf", "Mail {\n  Test {\n    Subject = Confirm sign-in\n"
	    "    Intro = Please confirm: <now>\n  }\n}\n");
	put("tmpl/mail/test.cs", "Hallo <?cs var:Mail.Name ?>,\n\n"
	    "<?cs var:L.Mail.Test.Intro ?>\n"
	    "<?cs var:Mail.Link ?>\n\n"
	    "<?cs if:Mail.Code ?>Code: <?cs var:Mail.Code ?>\n<?cs /if ?>"
	    "-- \n<?cs var:Mail.Portal ?>\n");
	put("tmpl/mail/broken.cs", "Hallo <?cs var:Mail.Name \n<?cs if:x ?>\n");
	/* Templates are initialised on first use, as in a tool. */
	return load_conf("");
}

static int
teardown(void **state)
{
	char cmd[128];

	pf_tmpl_free();
	pf_conf_free();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_addr),
		cmocka_unit_test(t_send_refuses),
		cmocka_unit_test(t_subject_encoded),
		cmocka_unit_test(t_subject_long),
		cmocka_unit_test(t_subject_plain),
		cmocka_unit_test(t_qp),
		cmocka_unit_test(t_dir_send),
		cmocka_unit_test(t_dir_fails),
		cmocka_unit_test(t_tmpl_text),
		cmocka_unit_test(t_sms_number),
		cmocka_unit_test(t_sms_body),
		cmocka_unit_test(t_sms_refuses),
		cmocka_unit_test(t_loopback),
	};

	pf_log_init("t_mail");
	return cmocka_run_group_tests_name("mail", tests, setup, teardown);
}
