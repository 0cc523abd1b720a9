/*
 * log.c: fixed-format, escaped log lines with the request id.
 *
 * Under FastCGI, stderr goes to the web server's error log (lighttpd and
 * mod_fcgid both collect it).  Control characters and backslashes in the
 * message are escaped, so input echoed into a log cannot forge a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "pf-int.h"

static const char *progname = "pforte";
static const char *current_id = "-";	/* the request being served */
static int debug, use_syslog;

static const char *const lvlname[] = { "ERR", "WARN", "INFO", "DEBUG" };
static const int lvlsys[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

void
pf_log_init(const char *program)
{
	progname = program;
}

/* Lines logged deep in the library (database, templates) carry the id of
 * the request being served, without passing the request everywhere. */
void
pf_log_set_request(const char *id)
{
	current_id = id ? id : "-";
}

void
pf_log_set_debug(int on)
{
	debug = on;
}

void
pf_log_set_syslog(int on)
{
	if (on && !use_syslog)
		openlog(progname, LOG_PID, LOG_DAEMON);
	use_syslog = on;
}

void
pf_random_hex(char *out, size_t nbytes)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[64];
	size_t i;

	if (nbytes > sizeof(b) || RAND_bytes(b, (int)nbytes) != 1)
		abort();	/* no randomness: nothing is safe any more */
	for (i = 0; i < nbytes; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * nbytes] = '\0';
}

void
pf_log(const struct pf_req *r, enum pf_loglevel lvl, const char *fmt, ...)
{
	char msg[1024], esc[4096], stamp[40];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	size_t i, j = 0;
	unsigned char c;

	if (lvl == PF_LOG_DEBUG && !debug)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (i = 0; msg[i] && j < sizeof(esc) - 5; i++) {
		c = (unsigned char)msg[i];
		if (c < 0x20 || c == 0x7f || c == '\\')
			j += (size_t)snprintf(esc + j, 5, "\\x%02x", c);
		else
			esc[j++] = (char)c;
	}
	esc[j] = '\0';
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(stderr, "%s.%03ldZ %s[%ld] %s req=%s: %s\n", stamp,
	    ts.tv_nsec / 1000000, progname, (long)getpid(), lvlname[lvl],
	    r ? r->id : current_id, esc);
	fflush(stderr);
	if (use_syslog)
		syslog(lvlsys[lvl], "%s req=%s: %s", lvlname[lvl], r ? r->id : current_id, esc);
}
