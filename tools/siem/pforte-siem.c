/*
 * pforte-siem: sends every audit event to the configured SIEM outputs.
 *
 *   pforte-siem [-c CONFIG] [--once]
 *
 * Each output (Siem.Output.<name>) has a cursor in siem_cursor: the last
 * event it confirmed.  In a loop, every Siem.PollMillis, it reads the
 * events after what it has sent (Siem.Batch at a time), formats each as
 * ECS JSON or CEF, frames it as RFC 5424 syslog (not for a file) and
 * sends it; the cursor moves when delivery is confirmed.  So a SIEM that
 * is down loses nothing: its events stay in audit_log and go out when it
 * is back (at least once: after a broken connection the unconfirmed ones
 * are sent again).  The portal's programs never talk to a SIEM, so a slow
 * or dead one never holds up or fails a user's request.
 *
 * Confirmation: a file when written and fdatasync()ed; the local socket
 * when sent.  A TCP or TLS stream only when the peer's TCP has
 * acknowledged every byte and, a moment later, the connection is still
 * open: syslog receivers never answer, and a receiver that stops closes
 * or resets its connections, so what was written into a dying
 * connection is sent again.  UDP a moment after sending, when no "port
 * unreachable" came back; where a firewall drops those, UDP loses what
 * a receiver that is down misses: use TCP or TLS for that.
 *
 * --once: send what there is, wait for its confirmation, and exit (0 when
 * every output is up to date, 1 when one failed three times in a row),
 * e.g. from cron.
 *
 * Database account DB.Account.siem: SELECT on audit_log and data_keys,
 * SELECT, INSERT, UPDATE on siem_cursor.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include <unistd.h>

#include <mysql.h>

#include "siem.h"

#define MAX_OUTPUTS	16
#define SETTLE_MS	300		/* quiet time before a stream's batch counts */
#define BACKOFF_MIN_MS	500
#define BACKOFF_MAX_MS	60000
#define ONCE_TRIES	3		/* --once: failures in a row before it gives up */

enum { SQL_CURSOR_INIT = PF_SQL_APP, SQL_CURSOR_GET, SQL_CURSOR_SET, SQL_ROWS, SQL_HEAD };
static const char *const sql[] = {
	[SQL_CURSOR_INIT - PF_SQL_APP] =
	    "INSERT IGNORE INTO siem_cursor (name, last_id) VALUES (?, 0)",
	[SQL_CURSOR_GET - PF_SQL_APP] =
	    "SELECT last_id FROM siem_cursor WHERE name = ?",
	/* never backwards, should a second instance run by mistake */
	[SQL_CURSOR_SET - PF_SQL_APP] =
	    "UPDATE siem_cursor SET last_id = ?, updated_at = UTC_TIMESTAMP(6) "
	    "WHERE name = ? AND last_id < ?",
	[SQL_ROWS - PF_SQL_APP] =
	    "SELECT " PF_AUDIT_COLS " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
	[SQL_HEAD - PF_SQL_APP] =
	    "SELECT COALESCE(MAX(id), 0) FROM audit_log",
};

static volatile sig_atomic_t stopping;
static struct output outputs[MAX_OUTPUTS];
static size_t noutputs;
static char hostname[256];
static int config_bad;

static void
on_term(int sig)
{
	stopping = 1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long
ts_ms(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
}

static void
ms_ts(long long ms, struct timespec *ts)
{
	ts->tv_sec = ms / 1000;
	ts->tv_nsec = (ms % 1000) * 1000000;
}

static const struct { const char *name; int fac; } facilities[] = {
	{ "auth", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV }, { "daemon", LOG_DAEMON },
	{ "user", LOG_USER }, { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
	{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

static const char *
okey(const char *name, const char *key)
{
	char k[128];

	snprintf(k, sizeof(k), "Siem.Output.%s.%s", name, key);
	return pf_conf_str(k);
}

/* "host:port" or "[v6]:port" into o->host, o->port; -1 when malformed. */
static int
split_address(struct output *o, const char *a)
{
	const char *colon;

	if (*a == '[') {
		if ((colon = strstr(a, "]:")) == NULL || colon == a + 1)
			return -1;
		o->host = pf_xstrdup(a + 1);
		o->host[colon - a - 1] = '\0';
		colon++;
	} else {
		if ((colon = strrchr(a, ':')) == NULL || colon == a ||
		    strchr(a, ':') != colon)
			return -1;
		o->host = pf_xstrdup(a);
		o->host[colon - a] = '\0';
	}
	if (colon[1] == '\0' || strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
	    atoi(colon + 1) < 1 || atoi(colon + 1) > 65535)
		return -1;
	o->port = pf_xstrdup(colon + 1);
	return 0;
}

/* One Siem.Output.<name> block; a bad one stops the start (named). */
static void
add_output(const char *name, const char *value, void *arg)
{
	struct output *o;
	const char *t, *a, *f, *fac;
	size_t i;

	if (noutputs == MAX_OUTPUTS || strlen(name) > 32 || *name == '\0' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-") != strlen(name)) {
		fprintf(stderr, "pforte-siem: Siem.Output.%.40s: the name must be 1-32 of "
		    "[A-Za-z0-9_-], at most %d outputs\n", name, MAX_OUTPUTS);
		config_bad = 1;
		return;
	}
	o = &outputs[noutputs++];
	memset(o, 0, sizeof(*o));
	o->fd = -1;
	snprintf(o->name, sizeof(o->name), "%s", name);
	t = okey(name, "Transport");
	a = okey(name, "Address");
	f = okey(name, "Format");
	fac = okey(name, "Facility");
	if (strcmp(t, "udp") == 0)
		o->transport = T_UDP;
	else if (strcmp(t, "tcp") == 0)
		o->transport = T_TCP;
	else if (strcmp(t, "tls") == 0)
		o->transport = T_TLS;
	else if (strcmp(t, "unix") == 0)
		o->transport = T_UNIX;
	else if (strcmp(t, "file") == 0)
		o->transport = T_FILE;
	else {
		fprintf(stderr, "pforte-siem: Siem.Output.%s.Transport is required\n", name);
		config_bad = 1;
		return;
	}
	o->format = strcmp(f, "cef") == 0 ? F_CEF : F_ECS;
	o->facility = LOG_AUTHPRIV;
	for (i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++)
		if (strcmp(fac, facilities[i].name) == 0)
			o->facility = facilities[i].fac;
	if (*okey(name, "CA"))
		o->ca = pf_xstrdup(okey(name, "CA"));
	if (o->transport == T_UNIX || o->transport == T_FILE) {
		if (*a != '/') {
			fprintf(stderr, "pforte-siem: Siem.Output.%s.Address must be an "
			    "absolute path\n", name);
			config_bad = 1;
		}
		o->path = pf_xstrdup(a);
	} else if (split_address(o, a) < 0) {
		fprintf(stderr, "pforte-siem: Siem.Output.%s.Address must be host:port\n", name);
		config_bad = 1;
	}
}

/* Severity of an event: an alert is critical, a failure a warning. */
static int
severity(const struct pf_audit_row *row)
{
	if (strcmp(row->action, "alert.raised") == 0)
		return LOG_CRIT;
	if (strcmp(row->outcome, "fail") == 0)
		return LOG_WARNING;
	return LOG_NOTICE;
}

static void
failed(struct output *o)
{
	struct timespec ts;

	out_close(o);
	o->sent = o->settle_id = o->acked;	/* what was not confirmed goes again */
	o->backoff_ms = o->backoff_ms ? o->backoff_ms * 2 : BACKOFF_MIN_MS;
	if (o->backoff_ms > BACKOFF_MAX_MS)
		o->backoff_ms = BACKOFF_MAX_MS;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ms_ts(ts_ms(&ts) + o->backoff_ms, &o->retry_at);
	if (!o->down)
		pf_log(NULL, PF_LOG_WARN, "output %s is down; events from %llu on wait "
		    "in the audit log", o->name, o->acked + 1);
	o->down = 1;
	o->fails++;
}

/* Record that everything up to upto arrived. */
static int
confirm(struct pf_db *db, struct output *o, unsigned long long upto)
{
	if (upto <= o->acked)
		return 0;
	if (pf_db_exec(db, SQL_CURSOR_SET, PF_ARGS(PF_INT((long long)upto),
	    PF_STR(o->name), PF_INT((long long)upto)), NULL, NULL) != PF_DB_OK)
		return -1;
	o->acked = upto;
	if (o->down)
		pf_log(NULL, PF_LOG_INFO, "output %s is up again, at event %llu", o->name,
		    o->acked);
	o->down = 0;
	o->fails = 0;
	o->backoff_ms = 0;
	return 0;
}

static int
load_cursor(struct pf_db *db, struct pf_pool *pool, struct output *o)
{
	struct pf_rows rows;

	if (pf_db_exec(db, SQL_CURSOR_INIT, PF_ARGS(PF_STR(o->name)), NULL, NULL) != PF_DB_OK ||
	    pf_db_query(db, pool, SQL_CURSOR_GET, PF_ARGS(PF_STR(o->name)), &rows) != PF_DB_OK ||
	    rows.n != 1 || PF_CELL(&rows, 0, 0)->type != PF_V_INT)
		return -1;
	o->acked = o->sent = o->settle_id = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	o->cursor_loaded = 1;
	pf_log(NULL, PF_LOG_INFO, "output %s starts after event %llu", o->name, o->acked);
	return 0;
}

/*
 * One round for one output: confirm what has settled, then send the next
 * batch.  Returns the number of events sent, or -1 when the database or
 * the output failed (the output then waits for its retry time).
 */
static long
step(struct pf_db *db, struct pf_pool *pool, struct output *o, long batch)
{
	struct pf_audit_row row;
	struct pf_rows rows;
	enum pf_cerr ce;
	char *msg, *framed;
	long sent = 0;
	size_t i;
	int rc;

	if (!o->cursor_loaded && load_cursor(db, pool, o) < 0)
		return -1;
	/* never write into a connection the receiver has closed */
	if (out_stream(o) && o->fd >= 0 && out_dead(o)) {
		if (o->sent > o->acked) {
			pf_log(NULL, PF_LOG_WARN, "output %s: the connection was closed; "
			    "events from %llu on go again", o->name, o->acked + 1);
			failed(o);
			return -1;
		}
		out_close(o);	/* idle: connect again when there is something */
	}
	/* the peer's TCP has every byte, and the connection outlived the
	 * settling time: the receiver has them */
	if (out_stream(o) && o->settle_id > o->acked &&
	    now_ms() - ts_ms(&o->settle_at) >= SETTLE_MS && out_unacked(o) == 0) {
		if (confirm(db, o, o->settle_id) < 0)
			return -1;
		o->settle_id = o->sent;
		clock_gettime(CLOCK_MONOTONIC, &o->settle_at);
	}
	if (pf_db_query(db, pool, SQL_ROWS, PF_ARGS(PF_INT((long long)o->sent),
	    PF_INT(batch)), &rows) != PF_DB_OK)
		return -1;
	if (rows.n == 0)
		return 0;
	if (out_open(o) < 0) {
		failed(o);
		return -1;
	}
	for (i = 0; i < rows.n; i++) {
		ce = pf_audit_row_read(db, pool, &rows, i, &row);
		/* a row whose address does not open (a destroyed or broken
		 * key) still goes out, marked; anything else is retried */
		if (ce != PF_C_OK && ce != PF_C_BAD)
			break;
		if (ce == PF_C_BAD)
			pf_log(NULL, PF_LOG_WARN, "output %s: event %llu: sealed columns do "
			    "not open; sent without them", o->name, row.id);
		msg = o->format == F_CEF ? pf_audit_cef(&row) : pf_audit_ecs(&row);
		if (o->transport == T_FILE) {
			rc = out_send(o, msg, strlen(msg));
		} else {
			framed = pf_syslog_5424(o->facility | severity(&row), hostname,
			    "pforte", row.action, msg);
			rc = out_send(o, framed, strlen(framed));
			free(framed);
		}
		free(msg);
		if (rc < 0) {
			failed(o);
			return -1;
		}
		o->sent = row.id;
		sent++;
	}
	if (o->transport == T_FILE && out_flush(o) < 0) {
		failed(o);
		return -1;
	}
	if (!out_stream(o))
		return confirm(db, o, o->sent) < 0 ? -1 : sent;
	if (o->settle_id <= o->acked) {
		o->settle_id = o->sent;
		clock_gettime(CLOCK_MONOTONIC, &o->settle_at);
	}
	return sent;
}

/* 1 when every output has confirmed everything up to head. */
static int
all_done(struct pf_db *db, struct pf_pool *pool)
{
	struct pf_rows rows;
	unsigned long long head;
	size_t i;

	if (pf_db_query(db, pool, SQL_HEAD, NULL, 0, &rows) != PF_DB_OK || rows.n != 1)
		return 0;
	head = (unsigned long long)PF_CELL(&rows, 0, 0)->i;
	for (i = 0; i < noutputs; i++)
		if (outputs[i].acked < head)
			return 0;
	return 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: pforte-siem [-c CONFIG] [--once]\n"
	    "  Sends the audit events to the outputs of Siem.Output.*.\n"
	    "CONFIG defaults to $PFORTE_CONFIG or %s.\n", pf_conf_path());
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sigaction sa;
	struct pf_pool *pool;
	struct pf_db *db;
	struct timespec ts, now;
	char err[512];
	long poll_ms, batch, n, progress;
	long long wait, t;
	int ch, once = 0, rc = 0, failures, stuck = 0, db_down = 0;
	size_t i;

	pf_log_init("pforte-siem");
	while ((ch = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		if (ch == 'c')
			setenv("PFORTE_CONFIG", optarg, 1);
		else if (ch == 'o')
			once = 1;
		else
			usage();
	}
	if (optind != argc)
		usage();
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "pforte-siem: %s\n", err);
		return 1;
	}
	pf_conf_each("Siem.Output", add_output, NULL);
	if (config_bad)
		return 1;
	if (noutputs == 0) {
		fprintf(stderr, "pforte-siem: no outputs configured (Siem.Output.<name>)\n");
		return 1;
	}
	poll_ms = (long)pf_conf_int("Siem.PollMillis");
	batch = (long)pf_conf_int("Siem.Batch");
	if (gethostname(hostname, sizeof(hostname) - 1) != 0)
		snprintf(hostname, sizeof(hostname), "-");
	if (mysql_library_init(0, NULL, NULL) != 0) {
		fprintf(stderr, "pforte-siem: cannot initialise the MariaDB library\n");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	pool = pf_pool_new();
	db = pf_db_new("siem", sql, sizeof(sql) / sizeof(sql[0]));
	pf_log(NULL, PF_LOG_INFO, "%zu output(s), polling every %ld ms", noutputs, poll_ms);
	while (!stopping) {
		progress = 0;
		failures = 0;
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (i = 0; i < noutputs && !stopping; i++) {
			if (ts_ms(&outputs[i].retry_at) > ts_ms(&now)) {
				failures++;
				continue;
			}
			if (pf_db_ensure(db) != PF_DB_OK) {
				if (!db_down)
					pf_log(NULL, PF_LOG_WARN, "the database is unavailable");
				db_down = 1;
				failures++;
				break;
			}
			if (db_down)
				pf_log(NULL, PF_LOG_INFO, "the database is back");
			db_down = 0;
			if ((n = step(db, pool, &outputs[i], batch)) < 0)
				failures++;
			else
				progress += n;
			pf_pool_reset(pool);
		}
		if (once) {
			/* --once tries an output three times, then gives up */
			for (i = 0; i < noutputs && outputs[i].fails < ONCE_TRIES; i++)
				;
			if (i < noutputs || (failures && progress == 0 && ++stuck > 10)) {
				rc = 1;
				break;
			}
			if (progress == 0 && all_done(db, pool))
				break;
			pf_pool_reset(pool);
		}
		if (progress >= batch)
			continue;	/* more is waiting */
		/* a stream's batch is confirmed after SETTLE_MS: come back then */
		wait = poll_ms;
		for (i = 0; i < noutputs; i++)
			if (outputs[i].sent > outputs[i].acked && wait > SETTLE_MS)
				wait = SETTLE_MS;
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (i = 0; i < noutputs; i++) {
			t = ts_ms(&outputs[i].retry_at) - ts_ms(&now);
			if (t > 0 && t < wait)
				wait = t;
		}
		ms_ts(wait, &ts);
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !stopping)
			;
	}
	for (i = 0; i < noutputs; i++) {
		out_close(&outputs[i]);
		if (outputs[i].ctx != NULL)
			SSL_CTX_free(outputs[i].ctx);
		free(outputs[i].host);
		free(outputs[i].port);
		free(outputs[i].path);
		free(outputs[i].ca);
		pf_buf_free(&outputs[i].pending);
	}
	pf_db_free(db);
	pf_pool_free(pool);
	mysql_library_end();
	pf_conf_free();
	pf_log(NULL, PF_LOG_INFO, "stopped");
	return rc;
}
