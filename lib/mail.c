/*
 * mail.c: outgoing mail.  The message is built here, every header of it,
 * and handed to the transport: "dir" writes each message into a folder
 * (the local run's default, where a developer reads it); "smtp" hands it
 * to a relay through libcurl.
 *
 * libcurl sends a recipient exactly as given, so CR/LF in an address would
 * become a second SMTP command (verified: an injected RCPT TO reached the
 * server).  The recipient is therefore checked before anything else, data
 * from the program only goes into the body, and the body goes out as
 * quoted-printable: no line of it can end the message or pose as a header.
 * The body holds secrets (links, codes), so it is never logged and its
 * buffers are wiped.
 */
#include <sys/stat.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "pf-int.h"

#define ADDR_MAX	254	/* RFC 5321's limit for a path */
#define LINE_MAX_	76	/* RFC 2045 (quoted-printable) and 2047 */
#define WORD_OVERHEAD	12	/* "=?UTF-8?B?" and "?=" */
#define KIND_MAX	32

int
pf_mail_check(void)
{
	const char *t = pf_conf_str("Mail.Transport"), *dir, *url;
	CURL *c;
	CURLcode rc;

	if (strcmp(t, "dir") == 0) {
		dir = pf_conf_str("Mail.Dir");
		return *dir && access(dir, W_OK | X_OK) == 0 ? 0 : -1;
	}
	url = pf_conf_str("Mail.SMTP");
	if (*url == '\0' || (c = curl_easy_init()) == NULL)
		return -1;
	/* Connect and read the greeting only; no message is sent. */
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 1500L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

/*
 * 1 when a is an address that can go into a header and an SMTP command
 * as it is: printable ASCII without spaces, exactly one '@' with something
 * on both sides, none of the characters that structure a header or a
 * path, at most 254 bytes.  Whatever pf_email_normalise() accepts in ASCII
 * passes; addresses with non-ASCII characters would need SMTPUTF8.
 */
int
pf_mail_addr_ok(const char *a)
{
	const char *at;
	size_t n, i;
	unsigned char c;

	if (a == NULL || (n = strlen(a)) < 3 || n > ADDR_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)a[i];
		if (c <= 0x20 || c >= 0x7f || strchr("<>(),;:\"[]\\", c) != NULL)
			return 0;
	}
	at = strchr(a, '@');
	return at != NULL && at != a && at[1] != '\0' && at[1] != '.' &&
	    a[n - 1] != '.' && strchr(at + 1, '@') == NULL;
}

static int
ascii_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/*
 * Append s as RFC 2047 "B" encoded words, folding so that no line grows
 * beyond 76 characters (an encoded word is at most 75).  Words end on
 * UTF-8 character boundaries: a decoder may decode each word on its own.
 * *col is the current line's length.
 */
static void
encoded_words(struct pf_buf *b, size_t *col, const char *s, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	size_t take, i;
	unsigned v;

	while (n > 0) {
		take = *col + WORD_OVERHEAD + 8 <= LINE_MAX_ ?
		    (LINE_MAX_ - *col - WORD_OVERHEAD) / 4 * 3 : 0;
		if (take > n)
			take = n;
		while (take > 0 && take < n && (u[take] & 0xc0) == 0x80)
			take--;
		if (take == 0) {	/* no room left on this line */
			pf_buf_adds(b, "\r\n ");
			*col = 1;
			continue;
		}
		pf_buf_adds(b, "=?UTF-8?B?");
		for (i = 0; i < take; i += 3) {
			v = (unsigned)u[i] << 16;
			if (i + 1 < take)
				v |= (unsigned)u[i + 1] << 8;
			if (i + 2 < take)
				v |= u[i + 2];
			pf_buf_add(b, &b64[v >> 18], 1);
			pf_buf_add(b, &b64[(v >> 12) & 63], 1);
			pf_buf_add(b, i + 1 < take ? &b64[(v >> 6) & 63] : "=", 1);
			pf_buf_add(b, i + 2 < take ? &b64[v & 63] : "=", 1);
		}
		pf_buf_adds(b, "?=");
		*col += WORD_OVERHEAD + (take + 2) / 3 * 4;
		u += take;
		n -= take;
		if (n > 0) {
			pf_buf_adds(b, "\r\n ");
			*col = 1;
		}
	}
}

/*
 * Unstructured header text (RFC 5322 3.2.5): controls become spaces (they
 * could end the header), runs of spaces one.  Printable ASCII is folded
 * at its spaces; anything else, text that looks like an encoded word,
 * and words too long to fold become encoded words.
 */
static void
header_text(struct pf_buf *b, size_t *col, const char *text)
{
	struct pf_buf t = { 0 };
	const char *p, *w;
	size_t i, n;

	for (p = text; *p; p++) {
		char c = ((unsigned char)*p < 0x20 || *p == 0x7f) ? ' ' : *p;

		if (c == ' ' && (t.len == 0 || t.data[t.len - 1] == ' '))
			continue;
		pf_buf_add(&t, &c, 1);
	}
	while (t.len > 0 && t.data[t.len - 1] == ' ')
		t.data[--t.len] = '\0';
	if (t.len == 0) {
		pf_buf_free(&t);
		return;
	}
	for (n = i = 0; i < t.len; i++) {
		n = t.data[i] == ' ' ? 0 : n + 1;
		if (n > LINE_MAX_ - 10)
			break;
	}
	if (!ascii_printable(t.data) || strstr(t.data, "=?") != NULL || i < t.len) {
		encoded_words(b, col, t.data, t.len);
		pf_buf_free(&t);
		return;
	}
	for (w = t.data; *w; w += n) {
		if (*w == ' ')
			w++;
		n = strcspn(w, " ");
		if (w != t.data) {
			if (*col + 1 + n > LINE_MAX_) {
				pf_buf_adds(b, "\r\n");
				*col = 0;
			}
			pf_buf_adds(b, " ");
			(*col)++;
		}
		pf_buf_add(b, w, n);
		*col += n;
	}
	pf_buf_free(&t);
}

void
pf_mail_header(struct pf_buf *b, const char *name, const char *text)
{
	size_t col = strlen(name) + 2;

	pf_buf_addf(b, "%s: ", name);
	header_text(b, &col, text);
	pf_buf_adds(b, "\r\n");
}

/* From: the display name (Portal.Name) and the address.  Plain ASCII goes
 * out as a quoted string, anything else as encoded words. */
static void
from_header(struct pf_buf *b, const char *name, const char *addr)
{
	size_t col = 6, n = strlen(name);

	pf_buf_adds(b, "From: ");
	if (n > 0 && ascii_printable(name) && strpbrk(name, "\"\\") == NULL &&
	    strstr(name, "=?") == NULL && col + n + 2 <= LINE_MAX_) {
		pf_buf_addf(b, "\"%s\"", name);
		col += n + 2;
	} else if (n > 0)
		header_text(b, &col, name);
	if (col > 6) {
		if (col + strlen(addr) + 3 > LINE_MAX_)
			pf_buf_adds(b, "\r\n");
		pf_buf_adds(b, " ");
	}
	pf_buf_addf(b, "<%s>\r\n", addr);
}

/* RFC 5322 3.3 with English names whatever the locale. */
static void
date_header(struct pf_buf *b, time_t t)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	pf_buf_addf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    day[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/*
 * Quoted-printable (RFC 2045 6.7) with CRLF line ends whatever the input
 * used.  Soft line breaks keep every line within 76 characters.  Beyond
 * the rules, a '.' that would start a line is encoded too: a lone "."
 * ends an SMTP message, so the body stays safe even for a transport that
 * forgets to dot-stuff.
 */
void
pf_mail_qp(struct pf_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0, j, eol, end, col, tl, limit;
	unsigned char c;
	char tok[3];

	while (i < n) {
		for (end = i; end < n && s[end] != '\n'; end++)
			;
		eol = end > i && s[end - 1] == '\r' ? end - 1 : end;
		for (col = 0, j = i; j < eol; j++) {
			c = (unsigned char)s[j];
			/* The last character may use the whole line; any other
			 * leaves room for the '=' of a soft break. */
			limit = j + 1 == eol ? LINE_MAX_ : LINE_MAX_ - 1;
			for (;;) {
				if ((c > 0x20 && c < 0x7f && c != '=' && !(c == '.' && col == 0)) ||
				    ((c == ' ' || c == '\t') && j + 1 < eol)) {
					tok[0] = (char)c;
					tl = 1;
				} else {
					tok[0] = '=';
					tok[1] = hex[c >> 4];
					tok[2] = hex[c & 15];
					tl = 3;
				}
				if (col + tl <= limit)
					break;
				pf_buf_adds(b, "=\r\n");
				col = 0;
			}
			pf_buf_add(b, tok, tl);
			col += tl;
		}
		pf_buf_adds(b, "\r\n");
		i = end + 1;
	}
}

static int
kind_ok(const char *kind)
{
	size_t n = strlen(kind);

	return n > 0 && n <= KIND_MAX && strspn(kind, "abcdefghijklmnopqrstuvwxyz") == n;
}

/* The whole message into m: 0, or -1 (logged). */
static int
build(struct pf_buf *m, const char *lang, const char *to, const char *kind,
    const struct pf_var *vars, size_t nvars)
{
	const char *from = pf_conf_str("Mail.From"), *portal = pf_conf_str("Portal.Name");
	const char *subject;
	struct pf_buf body = { 0 };
	struct pf_var *all;
	char name[KIND_MAX + 16], key[KIND_MAX + 16], id[33];
	int rc;

	if (!pf_mail_addr_ok(from)) {
		pf_log(NULL, PF_LOG_ERR, "mail: Mail.From is not a plain address");
		return -1;
	}
	all = pf_xcalloc(nvars + 1, sizeof(*all));
	if (nvars > 0)
		memcpy(all, vars, nvars * sizeof(*all));
	all[nvars] = (struct pf_var){ "Portal", portal };
	snprintf(name, sizeof(name), "mail/%s.cs", kind);
	rc = pf_tmpl_text(lang, name, all, nvars + 1, "Mail", &body);
	free(all);
	if (rc < 0)
		return -1;

	snprintf(key, sizeof(key), "Mail.%c%s.Subject", toupper((unsigned char)kind[0]),
	    kind + 1);
	if ((subject = pf_tr_lang(lang, key)) == key)
		pf_log(NULL, PF_LOG_WARN, "mail: no language string %s", key);
	pf_random_hex(id, 16);

	date_header(m, time(NULL));
	from_header(m, portal, from);
	pf_buf_addf(m, "To: <%s>\r\n", to);
	pf_mail_header(m, "Subject", subject);
	pf_buf_addf(m, "Message-ID: <%s@%s>\r\n", id, strchr(from, '@') + 1);
	pf_buf_adds(m, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "\r\n");
	pf_mail_qp(m, body.data ? body.data : "", body.len);
	if (body.data != NULL)
		pf_wipe(body.data, body.cap);
	pf_buf_free(&body);
	return 0;
}

/*
 * Transport "dir": the message appears in Mail.Dir complete or not at all
 * (written under a hidden temporary name, synced, then renamed), so a
 * reader that watches for *.eml never sees half a message.
 */
static int
send_dir(const struct pf_buf *m)
{
	const char *dir = pf_conf_str("Mail.Dir");
	char rnd[17], tmp[1200], dst[1200];
	size_t off = 0;
	ssize_t w;
	int fd = -1, dfd;

	if (*dir == '\0') {
		pf_log(NULL, PF_LOG_ERR, "mail: Mail.Dir is not set");
		return -1;
	}
	pf_random_hex(rnd, 8);
	if ((size_t)snprintf(dst, sizeof(dst), "%s/%lld-%s.eml", dir,
	    (long long)time(NULL), rnd) >= sizeof(dst) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, rnd) >= sizeof(tmp)) {
		pf_log(NULL, PF_LOG_ERR, "mail: Mail.Dir is too long");
		return -1;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0)
		goto err;
	while (off < m->len) {
		if ((w = write(fd, m->data + off, m->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto err;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto err;
	}
	fd = -1;
	if (rename(tmp, dst) != 0)
		goto err;
	/* The rename itself is durable once the directory is synced. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
err:
	pf_log(NULL, PF_LOG_ERR, "mail: cannot write into %s: %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

/* 1 when the URL's host is this machine by name or loopback address. */
int
pf_url_loopback(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	int r = 0;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		r = strcmp(host, "127.0.0.1") == 0 || strcasecmp(host, "localhost") == 0 ||
		    strcmp(host, "[::1]") == 0;
	curl_free(host);
	curl_url_cleanup(u);
	return r;
}

struct src {
	const char	*p;
	size_t		 len, off;
};

static size_t
readcb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct src *s = arg;
	size_t n = size * nmemb;

	if (n > s->len - s->off)
		n = s->len - s->off;
	memcpy(dst, s->p + s->off, n);
	s->off += n;
	return n;
}

/*
 * Transport "smtp".  smtps:// is TLS from the start.  smtp:// must switch
 * to TLS with STARTTLS: a relay that does not offer it is refused, since a
 * network attacker could strip the offer and read every reset link.  Only
 * on the loopback interface, where nobody sits in between, may the
 * relay speak plain SMTP (a local Postfix or a test sink often has no
 * certificate).  Certificates are always verified.
 */
static int
send_smtp(const char *to, const struct pf_buf *m)
{
	const char *url = pf_conf_str("Mail.SMTP"), *user = pf_conf_str("Mail.User");
	const char *pass = pf_conf_str("Mail.Password"), *ca = pf_conf_str("Mail.CA");
	char from[ADDR_MAX + 3], rcpt[ADDR_MAX + 3], errbuf[CURL_ERROR_SIZE];
	struct curl_slist *rcpts = NULL;
	struct src src = { m->data, m->len, 0 };
	long use_ssl;
	CURL *c;
	CURLcode rc;

	if (strncmp(url, "smtps://", 8) == 0)
		use_ssl = CURLUSESSL_ALL;
	else if (strncmp(url, "smtp://", 7) == 0)
		use_ssl = pf_url_loopback(url) ? CURLUSESSL_TRY : CURLUSESSL_ALL;
	else {
		pf_log(NULL, PF_LOG_ERR, "mail: Mail.SMTP must be an smtp:// or smtps:// URL");
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		pf_log(NULL, PF_LOG_ERR, "mail: curl_easy_init failed");
		return -1;
	}
	snprintf(from, sizeof(from), "<%s>", pf_conf_str("Mail.From"));
	snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	if ((rcpts = curl_slist_append(NULL, rcpt)) == NULL)
		abort();
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (*ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	if (*user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
	}
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)pf_conf_int("Mail.Timeout"));
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)m->len);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, readcb);
	curl_easy_setopt(c, CURLOPT_READDATA, &src);
	rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpts);
	if (rc != CURLE_OK) {
		pf_log(NULL, PF_LOG_ERR, "mail: smtp: %s",
		    *errbuf ? errbuf : curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

int
pf_mail_send(const char *lang, const char *to, const char *kind,
    const struct pf_var *vars, size_t nvars)
{
	const char *t = pf_conf_str("Mail.Transport");
	struct pf_buf m = { 0 };
	int rc = -1;

	/* The address is personal data and possibly an attack: not logged. */
	if (!pf_mail_addr_ok(to)) {
		pf_log(NULL, PF_LOG_WARN, "mail: refused a recipient that is not a plain address");
		return -1;
	}
	if (kind == NULL || !kind_ok(kind)) {
		pf_log(NULL, PF_LOG_ERR, "mail: bad message kind");
		return -1;
	}
	if (lang == NULL)
		lang = pf_conf_str("Portal.DefaultLang");
	if (build(&m, lang, to, kind, vars, nvars) == 0)
		rc = strcmp(t, "smtp") == 0 ? send_smtp(to, &m) : send_dir(&m);
	if (rc == 0)
		pf_log(NULL, PF_LOG_INFO, "mail: %s message handed to %s", kind, t);
	if (m.data != NULL)
		pf_wipe(m.data, m.cap);
	pf_buf_free(&m);
	return rc;
}
