/*
 * auditfmt.c: audit events as SIEMs read them.  One row becomes one line
 * of JSON with Elastic Common Schema names, or one line of ArcSight's
 * CEF, and either can be framed as an RFC 5424 syslog message.
 *
 * Every text that came from outside (the user agent above all, but also
 * object, detail and request id) passes through clean() first, so no
 * output can hold a line break, a terminal escape, another control
 * character or invalid UTF-8, whatever a client sent: a log viewer must
 * never be made to show a forged line or run an escape sequence.  Such
 * bytes are written as the text \xNN, and a backslash as \x5c, so the
 * original stays readable and nobody can forge an escape either.  Each
 * field has a length cap, so a 10 kB user agent cannot crowd out the
 * rest of a syslog datagram.
 *
 * Only identifiers and the client's address and user agent leave: no
 * names, e-mail addresses or the sealed before/after values.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "pf-int.h"

/* Output caps in bytes of cleaned text (before a format's own escaping). */
#define CAP_UA		512
#define CAP_DETAIL	1024
#define CAP_SHORT	256

/* Length of the valid UTF-8 sequence at s (n bytes left) and its code
 * point, or 0 when it is not one (overlong, surrogate, > U+10FFFF). */
static size_t
utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Code points that change how text is displayed or split: C1 controls
 * (0x9b is an 8-bit CSI), the line and paragraph separators, and the
 * bidirectional overrides that make text read other than it is. */
static int
invisible(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0xfeff;
}

/*
 * Append s to b neutralised: controls, DEL, invisible code points and
 * bytes that are not valid UTF-8 as \xNN (per byte), a backslash as \x5c
 * when bs is set.  At most cap bytes; what does not fit ends in "...".
 * NULL appends nothing.
 */
static void
clean(struct pf_buf *b, const char *s, size_t cap, int bs)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len, start = b->len, i;
	unsigned long cp;
	char esc[4 * 4 + 1];

	if (s == NULL)
		return;
	n = strlen(s);
	while (n > 0) {
		len = utf8_seq(p, n, &cp);
		if (len == 0 || cp < 0x20 || cp == 0x7f || invisible(cp) ||
		    (bs && cp == '\\')) {
			if (len == 0)
				len = 1;
			for (i = 0; i < len; i++)
				snprintf(esc + 4 * i, 5, "\\x%02x", p[i]);
			if (b->len - start + 4 * len > cap)
				goto cut;
			pf_buf_add(b, esc, 4 * len);
		} else {
			if (b->len - start + len > cap)
				goto cut;
			pf_buf_add(b, p, len);
		}
		p += len;
		n -= len;
	}
	return;
cut:
	pf_buf_adds(b, "...");
}

/* s, neutralised and capped, as a NUL-terminated string in pool. */
static char *
cleaned(struct pf_pool *pool, const char *s, size_t cap)
{
	struct pf_buf b = { 0 };
	char *out;

	clean(&b, s, cap, 1);
	out = pf_pstrndup(pool, b.data ? b.data : "", b.len);
	pf_buf_free(&b);
	return out;
}

/* A JSON string of text that clean() already made free of controls. */
static void
json_str(struct pf_buf *b, const char *s)
{
	pf_buf_adds(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			pf_buf_add(b, "\\", 1);
		if ((unsigned char)*s < 0x20)
			pf_buf_addf(b, "\\u%04x", (unsigned char)*s);
		else
			pf_buf_add(b, s, 1);
	}
	pf_buf_adds(b, "\"");
}

static const char *
ecs_outcome(const char *o)
{
	if (o != NULL && strcmp(o, "ok") == 0)
		return "success";
	if (o != NULL && strcmp(o, "fail") == 0)
		return "failure";
	return "unknown";
}

/* The row's time "YYYY-MM-DD HH:MM:SS[.ffffff]" as broken-down UTC and
 * microseconds; -1 when it is not one (then now is used). */
static int
row_time(const char *at, struct tm *tm, long *usec)
{
	int y, mo, d, h, mi, s, k;
	char frac[7] = "000000";
	const char *f;

	if (sscanf(at, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 ||
	    strlen(at) < 19 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60 || y < 1970)
		return -1;
	f = at + 19;
	if (*f == '.')
		for (f++, k = 0; k < 6 && *f >= '0' && *f <= '9'; k++, f++)
			frac[k] = *f;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900, tm->tm_mon = mo - 1, tm->tm_mday = d;
	tm->tm_hour = h, tm->tm_min = mi, tm->tm_sec = s;
	*usec = strtol(frac, NULL, 10);
	return 0;
}

static void
event_time(const struct pf_audit_row *row, struct tm *tm, long *usec)
{
	struct timespec ts;

	if (row_time(row->at, tm, usec) == 0)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, tm);
	*usec = ts.tv_nsec / 1000;
}

/* The address when it is one (inet_pton), else NULL. */
static const char *
ip_or_null(const char *ip)
{
	unsigned char a[16];

	if (ip == NULL || *ip == '\0')
		return NULL;
	if (inet_pton(AF_INET, ip, a) == 1 || inet_pton(AF_INET6, ip, a) == 1)
		return ip;
	return NULL;
}

static void
json_id(struct pf_buf *b, const char *name, unsigned long long id, int *first)
{
	if (id == 0)
		return;
	pf_buf_addf(b, "%s\"%s\":\"%llu\"", *first ? "" : ",", name, id);
	*first = 0;
}

static void
json_label(struct pf_buf *b, struct pf_pool *pool, const char *name, const char *v,
    size_t cap, int *first)
{
	if (v == NULL || *v == '\0')
		return;
	pf_buf_addf(b, "%s\"%s\":", *first ? "" : ",", name);
	json_str(b, cleaned(pool, v, cap));
	*first = 0;
}

/*
 * One line of JSON (no newline) with ECS names, malloc'd.  The actor is
 * user.id; when nobody was signed in yet (a failed sign-in), the account
 * it concerns is, since that is whom a SIEM correlates.  Whom an action
 * concerns otherwise is user.target.id.
 */
char *
pf_audit_ecs(const struct pf_audit_row *row)
{
	const struct pf_event_kind *k = pf_event_kind(row->action ? row->action : "");
	struct pf_pool *pool = pf_pool_new();
	struct pf_buf b = { 0 };
	struct tm tm;
	long usec;
	char ts[32];
	const char *ip;
	unsigned long long uid, target, org;
	int first;

	event_time(row, &tm, &usec);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	pf_buf_addf(&b, "{\"@timestamp\":\"%s.%06ldZ\",\"ecs\":{\"version\":\"8.11.0\"},",
	    ts, usec);
	pf_buf_addf(&b, "\"event\":{\"kind\":\"%s\",\"id\":\"%llu\",\"sequence\":%llu,"
	    "\"action\":", row->action && strcmp(row->action, "alert.raised") == 0 ?
	    "alert" : "event", row->id, row->id);
	json_str(&b, cleaned(pool, row->action, 64));
	pf_buf_addf(&b, ",\"outcome\":\"%s\"", ecs_outcome(row->outcome));
	if (k != NULL)
		pf_buf_addf(&b, ",\"category\":[\"%s\"],\"type\":[\"%s\"],\"severity\":%d",
		    k->category, k->type, k->severity);
	pf_buf_adds(&b, ",\"module\":\"pforte\",\"dataset\":\"pforte.audit\"}");

	uid = row->actor ? row->actor : row->user;
	target = row->actor && row->user != row->actor ? row->user : 0;
	if (uid) {
		pf_buf_addf(&b, ",\"user\":{\"id\":\"%llu\"", uid);
		if (target)
			pf_buf_addf(&b, ",\"target\":{\"id\":\"%llu\"}", target);
		pf_buf_adds(&b, "}");
	}
	if ((org = row->actor_org ? row->actor_org : row->org) != 0)
		pf_buf_addf(&b, ",\"organization\":{\"id\":\"%llu\"}", org);
	if ((ip = ip_or_null(row->ip)) != NULL)
		pf_buf_addf(&b, ",\"source\":{\"ip\":\"%s\",\"address\":\"%s\"}", ip, ip);
	if (row->ua != NULL && *row->ua) {
		pf_buf_adds(&b, ",\"user_agent\":{\"original\":");
		json_str(&b, cleaned(pool, row->ua, CAP_UA));
		pf_buf_adds(&b, "}");
	}
	if (row->request_id != NULL && *row->request_id) {
		pf_buf_adds(&b, ",\"trace\":{\"id\":");
		json_str(&b, cleaned(pool, row->request_id, 64));
		pf_buf_adds(&b, "}");
	}
	if (row->program != NULL && *row->program) {
		pf_buf_adds(&b, ",\"service\":{\"name\":");
		json_str(&b, cleaned(pool, row->program, 64));
		pf_buf_adds(&b, "}");
	}
	pf_buf_adds(&b, ",\"message\":");
	json_str(&b, pf_psprintf(pool, "%s %s%s%s", cleaned(pool, row->action, 64),
	    ecs_outcome(row->outcome), row->detail && *row->detail ? " " : "",
	    cleaned(pool, row->detail, CAP_DETAIL)));

	pf_buf_adds(&b, ",\"labels\":{");
	first = 1;
	json_label(&b, pool, "object", row->object, CAP_SHORT, &first);
	json_label(&b, pool, "detail", row->detail, CAP_DETAIL, &first);
	json_id(&b, "session_id", row->session, &first);
	json_id(&b, "actor_id", row->actor, &first);
	json_id(&b, "user_id", row->user, &first);
	json_id(&b, "org_id", row->org, &first);
	json_id(&b, "actor_org_id", row->actor_org, &first);
	if (!row->opened) {
		pf_buf_addf(&b, "%s\"sealed\":\"unopened\"", first ? "" : ",");
		first = 0;
	}
	pf_buf_adds(&b, "}}");
	pf_pool_free(pool);
	return b.data;
}

/* CEF header field: | and \ escaped. */
static void
cef_head(struct pf_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			pf_buf_add(b, "\\", 1);
		pf_buf_add(b, s, 1);
	}
}

/* CEF extension " key=value": \ and = escaped, line ends as \n, \r
 * (clean() leaves none; this holds for any input all the same). */
static void
cef_ext(struct pf_buf *b, struct pf_pool *pool, const char *key, const char *v, size_t cap)
{
	const char *s;

	if (v == NULL || *v == '\0')
		return;
	pf_buf_addf(b, " %s=", key);
	for (s = cleaned(pool, v, cap); *s; s++) {
		if (*s == '\\' || *s == '=')
			pf_buf_add(b, "\\", 1);
		if (*s == '\n')
			pf_buf_adds(b, "\\n");
		else if (*s == '\r')
			pf_buf_adds(b, "\\r");
		else
			pf_buf_add(b, s, 1);
	}
}

static void
cef_id(struct pf_buf *b, const char *key, unsigned long long id)
{
	if (id)
		pf_buf_addf(b, " %s=%llu", key, id);
}

/*
 * One line of CEF (no newline), malloc'd:
 * CEF:0|Pforte|Pforte|version|action|action|severity|extension.
 * rt is milliseconds since 1970 (UTC); the request id, object, detail and
 * organisation go into the custom strings cs1..cs4 with their labels.
 */
char *
pf_audit_cef(const struct pf_audit_row *row)
{
	const struct pf_event_kind *k = pf_event_kind(row->action ? row->action : "");
	struct pf_pool *pool = pf_pool_new();
	struct pf_buf b = { 0 };
	const char *action = cleaned(pool, row->action, 64), *ip;
	struct tm tm;
	long usec;
	long long ms;

	event_time(row, &tm, &usec);
	ms = (long long)timegm(&tm) * 1000 + usec / 1000;
	pf_buf_adds(&b, "CEF:0|Pforte|Pforte|");
	cef_head(&b, PACKAGE_VERSION);
	pf_buf_adds(&b, "|");
	cef_head(&b, action);
	pf_buf_adds(&b, "|");
	cef_head(&b, action);
	pf_buf_addf(&b, "|%d|rt=%lld externalId=%llu", k ? k->severity : 3, ms, row->id);
	cef_ext(&b, pool, "act", row->action, 64);
	pf_buf_addf(&b, " outcome=%s", ecs_outcome(row->outcome));
	if (k != NULL)
		pf_buf_addf(&b, " cat=%s", k->category);
	cef_id(&b, "suid", row->actor ? row->actor : row->user);
	cef_id(&b, "duid", row->user);
	if ((ip = ip_or_null(row->ip)) != NULL)
		pf_buf_addf(&b, " src=%s", ip);
	cef_ext(&b, pool, "requestClientApplication", row->ua, CAP_UA);
	cef_ext(&b, pool, "deviceProcessName", row->program, 64);
	if (row->request_id && *row->request_id) {
		pf_buf_adds(&b, " cs1Label=requestId");
		cef_ext(&b, pool, "cs1", row->request_id, 64);
	}
	if (row->object && *row->object) {
		pf_buf_adds(&b, " cs2Label=object");
		cef_ext(&b, pool, "cs2", row->object, CAP_SHORT);
	}
	if (row->detail && *row->detail) {
		pf_buf_adds(&b, " cs3Label=detail");
		cef_ext(&b, pool, "cs3", row->detail, CAP_DETAIL);
	}
	if (row->org || row->actor_org)
		pf_buf_addf(&b, " cs4Label=orgId cs4=%llu",
		    row->actor_org ? row->actor_org : row->org);
	if (row->session)
		pf_buf_addf(&b, " cn1Label=sessionId cn1=%llu", row->session);
	if (!row->opened)
		pf_buf_adds(&b, " cs5Label=sealed cs5=unopened");
	pf_pool_free(pool);
	return b.data;
}

/* An RFC 5424 header field: PRINTUSASCII only (others become '_'), at
 * most max characters, "-" (NILVALUE) when empty. */
static void
hdr_field(struct pf_buf *b, const char *s, size_t max)
{
	size_t i;

	if (s == NULL || *s == '\0') {
		pf_buf_adds(b, " -");
		return;
	}
	pf_buf_adds(b, " ");
	for (i = 0; i < max && s[i]; i++)
		pf_buf_add(b, (unsigned char)s[i] > 32 && (unsigned char)s[i] < 127 ?
		    &s[i] : "_", 1);
}

/*
 * An RFC 5424 message, malloc'd, without framing or newline:
 * <PRI>1 TIMESTAMP HOST APP PROCID MSGID - MSG.  prio is facility |
 * severity as syslog(3) takes them (LOG_AUTHPRIV | LOG_CRIT); outside
 * 0..191 it becomes user.notice.  The time is now, in UTC with
 * microseconds; the message is neutralised again (a backslash stays), so
 * even a caller's raw text cannot break the frame.
 */
char *
pf_syslog_5424(int prio, const char *host, const char *app, const char *msgid,
    const char *msg)
{
	struct pf_buf b = { 0 };
	struct timespec ts;
	struct tm tm;
	char stamp[32], pid[24];

	if (prio < 0 || prio > 191)
		prio = (1 << 3) | 5;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	pf_buf_addf(&b, "<%d>1 %s.%06ldZ", prio, stamp, ts.tv_nsec / 1000);
	hdr_field(&b, host, 255);
	hdr_field(&b, app, 48);
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	hdr_field(&b, pid, 128);
	hdr_field(&b, msgid, 32);
	pf_buf_adds(&b, " -");
	if (msg != NULL && *msg) {
		pf_buf_adds(&b, " ");
		clean(&b, msg, 64 * 1024, 0);
	}
	return b.data;
}
