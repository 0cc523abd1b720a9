/*
 * login: a load driver for Pforte's sign-in, over HTTPS like a browser.
 *
 *   login [-c CA] [-u BASE] [-t THREADS] [-p PASSWORD] setup IN OUT
 *   login [...] [-d SECONDS] [-n COUNT] run STATE
 *   login [...] request EMAILS
 *   login [...] magic LINKS
 *
 * setup    IN has one "EMAIL URL" line per user, URL being the one-time
 *          setup link of `pforte-admin user add`: the driver sets the
 *          password (PASSWORD), enrols an authenticator (TOTP computed
 *          here with liboath) and writes "EMAIL SECRET STEP" lines to OUT,
 *          STEP being the time step of the code that confirmed it.
 * run      signs in for SECONDS, or COUNT times (fewer succeed only when
 *          some fail): GET /login (form token and __Host-pf_pre cookie),
 *          POST /login (303 to /login/factor), POST /login/factor with a
 *          TOTP code (303 to /), GET / (the dashboard, 200).  Pforte accepts a
 *          code's time step only once per user, so every sign-in takes a
 *          user whose last step is older than the current one; when none
 *          is left the thread waits for the next step (counted: enough
 *          users make it 0).  STATE is rewritten with the steps used.
 * request  POST /magic for every address in EMAILS (a magic link each).
 * magic    GET and POST every link in LINKS (/magic/callback?t=...):
 *          303 to /login/factor is a success.
 *
 * Each thread keeps one easy handle, and so one keep-alive connection
 * (lighttpd closes it after server.max-keep-alive-requests); cookies are
 * dropped before every sign-in.  Only complete successes count; failures
 * are reported by step with the status seen.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <liboath/oath.h>

#define STEP		30
#define MAXFAIL		8	/* failures printed in full */

struct user {
	char		*email;
	char		*b32;		/* TOTP secret, base32 */
	char		*secret;	/* decoded */
	size_t		 secretlen;
	long long	 last;		/* time step of the last code used */
	char		*url;		/* setup, magic link */
};

struct buf {
	char	*data;
	size_t	 len, cap;
};

enum stage { S_GET, S_PASSWORD, S_FACTOR, S_HOME, S__MAX };
static const char *const stage_name[S__MAX] = {
	"GET /login", "POST /login", "POST /login/factor", "GET /",
};

struct conn {
	CURL			*h;
	struct curl_slist	*post_headers;
	struct buf		 body;
	long			 status;
	char			 location[512];
	double			 secs;		/* of the last request */
	long			 connects;
	unsigned long long	 requests;
};

struct stats {
	unsigned long long	 ok, failed;
	unsigned long long	 fail_at[S__MAX];
	double			 stage_secs[S__MAX];
	unsigned long long	 stage_n[S__MAX];
	double			*lat;		/* whole operations, seconds */
	size_t			 nlat, caplat;
	long			 connects;
	unsigned long long	 requests;
	unsigned long long	 waits;		/* no fresh user in this step */
	double			 wait_secs;
};

static const char	*ca, *base, *password = "Vq7-Zmtk-Lw-4093";
static const char	*mode;
static char		 resolve_entry[300];
static struct curl_slist *resolve;
static double		 seconds = 0, t_start, t_end;
static unsigned long long count_limit;
static struct user	*users;
static size_t		 nusers, cursor;
static unsigned long long started, printed_fail;
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "login: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		die("out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		die("out of memory");
	return d;
}

/* ---- HTTP ---------------------------------------------------------------- */

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	n *= size;
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static void
conn_init(struct conn *c)
{
	char origin[300];

	memset(c, 0, sizeof(*c));
	if ((c->h = curl_easy_init()) == NULL)
		die("curl_easy_init failed");
	snprintf(origin, sizeof(origin), "Origin: %s", base);
	c->post_headers = curl_slist_append(NULL, origin);
	curl_easy_setopt(c->h, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c->h, CURLOPT_RESOLVE, resolve);
	curl_easy_setopt(c->h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(c->h, CURLOPT_COOKIEFILE, "");	/* cookie engine on */
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, &c->body);
	curl_easy_setopt(c->h, CURLOPT_USERAGENT, "pforte-bench/1");
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c->h, CURLOPT_ACCEPT_ENCODING, NULL);
}

static void
conn_free(struct conn *c)
{
	curl_easy_cleanup(c->h);
	curl_slist_free_all(c->post_headers);
	free(c->body.data);
}

/* A new browser: no cookies. */
static void
conn_forget(struct conn *c)
{
	curl_easy_setopt(c->h, CURLOPT_COOKIELIST, "ALL");
}

/* One request; post NULL for a GET.  0, or -1 on a transport error. */
static int
request(struct conn *c, const char *path, const char *post)
{
	char url[1024];
	char *loc = NULL;
	long n = 0;
	double t0 = now();
	CURLcode rc;

	if (strncmp(path, "https://", 8) == 0)
		snprintf(url, sizeof(url), "%s", path);
	else
		snprintf(url, sizeof(url), "%s%s", base, path);
	c->body.len = 0;
	if (c->body.data)
		c->body.data[0] = '\0';
	c->status = 0;
	c->location[0] = '\0';
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	if (post != NULL) {
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->post_headers);
	} else {
		curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, NULL);
	}
	rc = curl_easy_perform(c->h);
	c->secs = now() - t0;
	c->requests++;
	curl_easy_getinfo(c->h, CURLINFO_NUM_CONNECTS, &n);
	c->connects += n;
	if (rc != CURLE_OK) {
		snprintf(c->location, sizeof(c->location), "curl: %s", curl_easy_strerror(rc));
		return -1;
	}
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &c->status);
	if (curl_easy_getinfo(c->h, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc != NULL)
		snprintf(c->location, sizeof(c->location), "%s", loc);
	return 0;
}

/* The value of the first hidden input NAME in the page, into out. */
static int
hidden(const struct buf *b, const char *name, char *out, size_t n)
{
	char pat[64];
	const char *p, *e;

	if (b->data == NULL)
		return -1;
	snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
	if ((p = strstr(b->data, pat)) == NULL)
		return -1;
	p += strlen(pat);
	if ((e = strchr(p, '"')) == NULL || (size_t)(e - p) >= n)
		return -1;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return 0;
}

/* Does the redirect go to BASE + path exactly? */
static int
goes_to(const struct conn *c, int status, const char *path)
{
	size_t n = strlen(base);

	return c->status == status && strncmp(c->location, base, n) == 0 &&
	    strcmp(c->location + n, path) == 0;
}

static char *
escape(CURL *h, const char *s)
{
	char *e = curl_easy_escape(h, s, 0);

	if (e == NULL)
		die("out of memory");
	return e;
}

static void
fail(struct stats *st, int stage, const struct conn *c, const char *who, const char *why)
{
	const char *what = stage >= 0 ? stage_name[stage] : mode;
	int show;

	st->failed++;
	if (stage >= 0)
		st->fail_at[stage]++;
	pthread_mutex_lock(&mu);
	show = printed_fail++ < MAXFAIL;
	pthread_mutex_unlock(&mu);
	if (show)
		fprintf(stderr, "login: %s failed for %s: %s (status %ld%s%s)\n", what, who, why,
		    c->status, *c->location ? ", " : "", c->location);
}

static void
stage_time(struct stats *st, int stage, const struct conn *c)
{
	st->stage_secs[stage] += c->secs;
	st->stage_n[stage]++;
}

static void
latency(struct stats *st, double secs)
{
	if (st->nlat == st->caplat) {
		st->caplat = st->caplat ? st->caplat * 2 : 4096;
		st->lat = xrealloc(st->lat, st->caplat * sizeof(*st->lat));
	}
	st->lat[st->nlat++] = secs;
}

/* ---- TOTP ------------------------------------------------------------------ */

static void
totp(const struct user *u, time_t t, char code[7])
{
	int rc = oath_totp_generate(u->secret, u->secretlen, t, STEP, 0, 6, code);

	if (rc != OATH_OK)
		die("oath_totp_generate: %s", oath_strerror(rc));
}

static void
decode_secret(struct user *u)
{
	int rc = oath_base32_decode(u->b32, strlen(u->b32), &u->secret, &u->secretlen);

	if (rc != OATH_OK)
		die("bad TOTP secret for %s: %s", u->email, oath_strerror(rc));
}

/* ---- work distribution ------------------------------------------------------ */

/* The next item for a thread in setup, request and magic: NULL when done. */
static struct user *
next_item(void)
{
	struct user *u = NULL;

	pthread_mutex_lock(&mu);
	if (cursor < nusers)
		u = &users[cursor++];
	pthread_mutex_unlock(&mu);
	return u;
}

/* A user whose last code is from an earlier step, reserved for the
 * current one; the code is computed for the same moment.  NULL when the
 * run is over.  Waits (and counts it) when every user signed in during
 * this step already. */
static struct user *
next_user(struct stats *st, time_t *at)
{
	struct user *u;
	struct timespec nap;
	long long step;
	size_t i;
	double w;

	for (;;) {
		if (seconds > 0 && now() >= t_end)
			return NULL;
		*at = time(NULL);
		step = (long long)*at / STEP;
		pthread_mutex_lock(&mu);
		if (count_limit > 0 && started >= count_limit) {
			pthread_mutex_unlock(&mu);
			return NULL;
		}
		for (i = 0; i < nusers; i++) {
			u = &users[(cursor + i) % nusers];
			if (u->last < step) {
				cursor = (cursor + i + 1) % nusers;
				u->last = step;
				started++;
				pthread_mutex_unlock(&mu);
				return u;
			}
		}
		pthread_mutex_unlock(&mu);
		st->waits++;
		w = now();
		nap.tv_sec = 0;
		nap.tv_nsec = 100 * 1000 * 1000;
		nanosleep(&nap, NULL);
		st->wait_secs += now() - w;
	}
}

/* ---- the modes ------------------------------------------------------------- */

/* GET /login, POST /login, POST /login/factor, GET /: 1 on success. */
static int
sign_in(struct conn *c, struct stats *st, struct user *u, time_t at)
{
	char csrf[128], code[7], post[1024], *em, *pw;
	double t0 = now();

	conn_forget(c);
	if (request(c, "/login", NULL) != 0 || c->status != 200 ||
	    hidden(&c->body, "csrf", csrf, sizeof(csrf)) != 0) {
		fail(st, S_GET, c, u->email, "no form");
		return 0;
	}
	stage_time(st, S_GET, c);
	em = escape(c->h, u->email);
	pw = escape(c->h, password);
	snprintf(post, sizeof(post), "csrf=%s&email=%s&password=%s", csrf, em, pw);
	curl_free(em);
	curl_free(pw);
	if (request(c, "/login", post) != 0 || !goes_to(c, 303, "/login/factor")) {
		fail(st, S_PASSWORD, c, u->email, "password not accepted");
		return 0;
	}
	stage_time(st, S_PASSWORD, c);
	totp(u, at, code);
	snprintf(post, sizeof(post), "csrf=%s&method=totp&action=verify&code=%s", csrf, code);
	if (request(c, "/login/factor", post) != 0 || !goes_to(c, 303, "/")) {
		fail(st, S_FACTOR, c, u->email, "code not accepted");
		return 0;
	}
	stage_time(st, S_FACTOR, c);
	if (request(c, "/", NULL) != 0 || c->status != 200 ||
	    strstr(c->body.data ? c->body.data : "", "/logout") == NULL) {
		fail(st, S_HOME, c, u->email, "no dashboard");
		return 0;
	}
	stage_time(st, S_HOME, c);
	latency(st, now() - t0);
	return 1;
}

/* Password and authenticator for a new user, by its setup link. */
static int
set_up(struct conn *c, struct stats *st, struct user *u)
{
	char csrf[128], token[128], post[1024], code[7], *pw, *p, *e;
	time_t at;
	double t0 = now();

	conn_forget(c);
	if (request(c, u->url, NULL) != 0 || c->status != 200 ||
	    hidden(&c->body, "csrf", csrf, sizeof(csrf)) != 0 ||
	    hidden(&c->body, "t", token, sizeof(token)) != 0) {
		fail(st, -1, c, u->email, "no password form");
		return 0;
	}
	pw = escape(c->h, password);
	snprintf(post, sizeof(post), "csrf=%s&t=%s&password=%s&password2=%s", csrf, token, pw, pw);
	curl_free(pw);
	if (request(c, "/setup", post) != 0 || !goes_to(c, 303, "/login/enrol")) {
		fail(st, -1, c, u->email, "password not set");
		return 0;
	}
	if (request(c, "/login/enrol", NULL) != 0 || c->status != 200 ||
	    hidden(&c->body, "csrf", csrf, sizeof(csrf)) != 0 ||
	    (p = strstr(c->body.data, "?secret=")) == NULL ||
	    (e = strchr(p += 8, '&')) == NULL || e - p > 200) {
		fail(st, -1, c, u->email, "no enrolment page");
		return 0;
	}
	u->b32 = xstrdup(p);
	u->b32[e - p] = '\0';
	decode_secret(u);
	at = time(NULL);
	totp(u, at, code);
	snprintf(post, sizeof(post), "csrf=%s&code=%s", csrf, code);
	if (request(c, "/login/enrol", post) != 0 || c->status != 200 ||
	    c->body.data == NULL || strstr(c->body.data, "class=\"codes\"") == NULL) {
		fail(st, -1, c, u->email, "code not accepted at enrolment");
		free(u->b32);
		u->b32 = NULL;	/* not written out: it cannot sign in */
		return 0;
	}
	u->last = (long long)at / STEP;
	latency(st, now() - t0);
	return 1;
}

/* POST /magic for one address, with the form token of one GET. */
static int
ask_link(struct conn *c, struct stats *st, struct user *u, char *csrf, size_t n)
{
	char post[1024], *em;
	double t0 = now();

	if (*csrf == '\0' && (request(c, "/magic", NULL) != 0 || c->status != 200 ||
	    hidden(&c->body, "csrf", csrf, n) != 0)) {
		fail(st, -1, c, u->email, "no form");
		return 0;
	}
	em = escape(c->h, u->email);
	snprintf(post, sizeof(post), "csrf=%s&email=%s", csrf, em);
	curl_free(em);
	if (request(c, "/magic", post) != 0 || c->status != 200) {
		fail(st, -1, c, u->email, "not sent");
		return 0;
	}
	latency(st, now() - t0);
	return 1;
}

/* GET the link (the confirmation page), POST its button. */
static int
callback(struct conn *c, struct stats *st, struct user *u)
{
	char csrf[128], token[128], post[1024];
	double t0 = now();

	conn_forget(c);
	if (request(c, u->url, NULL) != 0 || c->status != 200 ||
	    hidden(&c->body, "csrf", csrf, sizeof(csrf)) != 0 ||
	    hidden(&c->body, "t", token, sizeof(token)) != 0) {
		fail(st, -1, c, u->url, "no confirmation page");
		return 0;
	}
	snprintf(post, sizeof(post), "csrf=%s&t=%s", csrf, token);
	if (request(c, "/magic/callback", post) != 0 || !goes_to(c, 303, "/login/factor")) {
		fail(st, -1, c, u->url, "not signed in");
		return 0;
	}
	latency(st, now() - t0);
	return 1;
}

static void *
thread(void *arg)
{
	struct stats *st = arg;
	struct conn c;
	struct user *u;
	char csrf[128] = "";
	time_t at;
	int ok;

	conn_init(&c);
	for (;;) {
		if (strcmp(mode, "run") == 0) {
			if ((u = next_user(st, &at)) == NULL)
				break;
			ok = sign_in(&c, st, u, at);
		} else {
			if ((u = next_item()) == NULL)
				break;
			if (strcmp(mode, "setup") == 0)
				ok = set_up(&c, st, u);
			else if (strcmp(mode, "request") == 0)
				ok = ask_link(&c, st, u, csrf, sizeof(csrf));
			else
				ok = callback(&c, st, u);
		}
		if (ok)
			st->ok++;
	}
	st->connects = c.connects;
	st->requests = c.requests;
	conn_free(&c);
	return NULL;
}

/* ---- files and results ----------------------------------------------------- */

/* Lines of up to three words: setup "EMAIL URL", run "EMAIL SECRET STEP",
 * request "EMAIL", magic "URL". */
static void
load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[2048], a[1024], b[1024];
	long long step;
	int n;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		n = sscanf(line, "%1023s %1023s %lld", a, b, &step);
		if (n < 1)
			continue;
		users = xrealloc(users, (nusers + 1) * sizeof(*users));
		memset(&users[nusers], 0, sizeof(*users));
		if (strcmp(mode, "magic") == 0) {
			users[nusers].url = xstrdup(a);
			users[nusers].email = users[nusers].url;
		} else
			users[nusers].email = xstrdup(a);
		if (strcmp(mode, "setup") == 0) {
			if (n < 2)
				die("%s: setup needs EMAIL URL lines", path);
			users[nusers].url = xstrdup(b);
		} else if (strcmp(mode, "run") == 0) {
			if (n < 3)
				die("%s: run needs EMAIL SECRET STEP lines", path);
			users[nusers].b32 = xstrdup(b);
			users[nusers].last = step;
			decode_secret(&users[nusers]);
		}
		nusers++;
	}
	fclose(f);
	if (nusers == 0)
		die("%s: no lines", path);
}

static void
save(const char *path)
{
	char tmp[4096];
	FILE *f;
	size_t i;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		die("%s: %s", tmp, strerror(errno));
	for (i = 0; i < nusers; i++)
		if (users[i].b32 != NULL)
			fprintf(f, "%s %s %lld\n", users[i].email, users[i].b32, users[i].last);
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		die("%s: %s", path, strerror(errno));
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(const double *v, size_t n, double p)
{
	size_t i;

	if (n == 0)
		return 0;
	i = (size_t)ceil(p / 100 * (double)n);
	return v[i > 0 ? i - 1 : 0];
}

static void
report(struct stats *sts, int nthreads, double el)
{
	struct stats all;
	struct rusage ru;
	const char *what;
	double cpu;
	size_t i;
	int k;

	memset(&all, 0, sizeof(all));
	for (k = 0; k < nthreads; k++) {
		all.ok += sts[k].ok;
		all.failed += sts[k].failed;
		all.connects += sts[k].connects;
		all.requests += sts[k].requests;
		all.waits += sts[k].waits;
		all.wait_secs += sts[k].wait_secs;
		for (i = 0; i < S__MAX; i++) {
			all.fail_at[i] += sts[k].fail_at[i];
			all.stage_secs[i] += sts[k].stage_secs[i];
			all.stage_n[i] += sts[k].stage_n[i];
		}
		for (i = 0; i < sts[k].nlat; i++)
			latency(&all, sts[k].lat[i]);
		free(sts[k].lat);
	}
	qsort(all.lat, all.nlat, sizeof(*all.lat), cmp_double);
	what = strcmp(mode, "run") == 0 ? "logins" : strcmp(mode, "setup") == 0 ? "set-ups" :
	    strcmp(mode, "request") == 0 ? "link requests" : "callbacks";
	printf("%s: %llu ok, %llu failed in %.2f s: %.1f %s/s (%d threads)\n", what, all.ok,
	    all.failed, el, (double)all.ok / el, what, nthreads);
	printf("latency of one: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\n",
	    pct(all.lat, all.nlat, 50) * 1000, pct(all.lat, all.nlat, 90) * 1000,
	    pct(all.lat, all.nlat, 99) * 1000);
	if (strcmp(mode, "run") == 0) {
		printf("mean per request:");
		for (i = 0; i < S__MAX; i++)
			printf("%s %s %.1f ms", i ? "," : "", stage_name[i], all.stage_n[i] ?
			    all.stage_secs[i] * 1000 / (double)all.stage_n[i] : 0.0);
		printf("\n");
		if (all.failed) {
			printf("failed at:");
			for (i = 0; i < S__MAX; i++)
				if (all.fail_at[i])
					printf(" %s %llu", stage_name[i], all.fail_at[i]);
			printf("\n");
		}
		printf("waits for a user without a code in this time step: %llu (%.1f s)\n",
		    all.waits, all.wait_secs);
	}
	printf("connections (TLS handshakes): %ld for %llu requests\n", all.connects,
	    all.requests);
	getrusage(RUSAGE_SELF, &ru);
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	printf("driver CPU: %.2f s (%.2f ms per success)\n", cpu,
	    all.ok ? cpu * 1000 / (double)all.ok : 0.0);
	printf("RESULT mode=%s ok=%llu failed=%llu secs=%.3f rate=%.2f\n", mode, all.ok,
	    all.failed, el, (double)all.ok / el);
	free(all.lat);
}

static void
usage(void)
{
	fprintf(stderr, "usage: login [-c CA] [-u BASE] [-t THREADS] [-p PASSWORD] "
	    "[-d SECONDS] [-n COUNT]\n"
	    "             setup IN OUT | run STATE | request EMAILS | magic LINKS\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	pthread_t *tids;
	struct stats *sts;
	const char *host, *port;
	char hostbuf[256];
	int nthreads = 4, ch, i;
	double el;

	ca = getenv("PFORTE_CA");
	base = "https://localhost:8443";
	while ((ch = getopt(argc, argv, "c:u:t:p:d:n:")) != -1) {
		switch (ch) {
		case 'c': ca = optarg; break;
		case 'u': base = optarg; break;
		case 't': nthreads = atoi(optarg); break;
		case 'p': password = optarg; break;
		case 'd': seconds = atof(optarg); break;
		case 'n': count_limit = strtoull(optarg, NULL, 10); break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || nthreads < 1 || ca == NULL)
		usage();
	mode = argv[0];
	if (strcmp(mode, "setup") == 0 ? argc != 3 :
	    strcmp(mode, "run") != 0 && strcmp(mode, "request") != 0 &&
	    strcmp(mode, "magic") != 0 ? 1 : argc != 2)
		usage();
	if (strcmp(mode, "run") == 0 && seconds <= 0 && count_limit == 0)
		die("run needs -d SECONDS or -n COUNT");
	/* Connect to 127.0.0.1 whatever localhost resolves to (the server
	 * listens there only), keeping the name for the certificate. */
	if (strncmp(base, "https://", 8) != 0)
		die("BASE must be https://HOST:PORT");
	host = base + 8;
	if ((port = strchr(host, ':')) == NULL || (size_t)(port - host) >= sizeof(hostbuf))
		die("BASE must be https://HOST:PORT");
	memcpy(hostbuf, host, (size_t)(port - host));
	hostbuf[port - host] = '\0';
	snprintf(resolve_entry, sizeof(resolve_entry), "%s:%d:127.0.0.1", hostbuf, atoi(port + 1));
	resolve = curl_slist_append(NULL, resolve_entry);

	if (oath_init() != OATH_OK)
		die("oath_init failed");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		die("curl_global_init failed");
	load(argv[1]);
	if (strcmp(mode, "run") == 0)
		cursor = 0;
	tids = calloc((size_t)nthreads, sizeof(*tids));
	sts = calloc((size_t)nthreads, sizeof(*sts));
	if (tids == NULL || sts == NULL)
		die("out of memory");
	t_start = now();
	t_end = t_start + seconds;
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&tids[i], NULL, thread, &sts[i]) != 0)
			die("pthread_create failed");
	for (i = 0; i < nthreads; i++)
		pthread_join(tids[i], NULL);
	el = now() - t_start;
	report(sts, nthreads, el);
	if (strcmp(mode, "setup") == 0)
		save(argv[2]);
	else if (strcmp(mode, "run") == 0)
		save(argv[1]);
	curl_slist_free_all(resolve);
	curl_global_cleanup();
	oath_done();
	return 0;
}
