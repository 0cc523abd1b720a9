/* Unit tests: geolocation (geo.c) against a database that
 * tests/integ/mkgeo.pl writes at run time (MaxMind::DB::Writer, Debian's
 * libmaxmind-db-writer-perl), and what happens without one or with a
 * damaged one: geolocation off, one log line, no crash. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "pforte.h"
#include "testconf.h"

static char dir[] = "/tmp/pforte-t_geo-XXXXXX";
static char db[256], logpath[256];
static int have_writer;

/* Run mkgeo.pl out args...: its exit status (-1 when it did not run). */
static int
mkgeo(const char *out, const char *const *ranges)
{
	const char *top = getenv("top_srcdir");
	char script[1024];
	const char *argv[16];
	size_t n = 0;
	pid_t pid;
	int st;

	snprintf(script, sizeof(script), "%s/tests/integ/mkgeo.pl", top ? top : ".");
	argv[n++] = "perl";
	argv[n++] = script;
	argv[n++] = out;
	while (*ranges != NULL && n < 15)
		argv[n++] = *ranges++;
	argv[n] = NULL;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		execvp("perl", (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Load a configuration naming path as the database and forget the
 * database opened before. */
static void
config(const char *path)
{
	char conf[512], err[256];

	snprintf(conf, sizeof(conf), "Portal.BaseURL = https://p.example\n%s%s%s",
	    path ? "Alerts.GeoIP = " : "", path ? path : "", path ? "\n" : "");
	assert_int_equal(testconf_load(conf, 0600, err, sizeof(err)), 0);
	pf_geo_close();
}

static void
write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static unsigned char *
read_file(const char *path, size_t *n)
{
	struct stat st;
	unsigned char *b;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_int_equal(fstat(fileno(f), &st), 0);
	*n = (size_t)st.st_size;
	b = pf_xmalloc(*n);
	assert_int_equal(fread(b, 1, *n, f), *n);
	fclose(f);
	return b;
}

/* The log lines written while fn(arg) runs: stderr goes to a file. */
static int
log_lines(void (*fn)(void), const char *needle)
{
	int saved, fd, count = 0;
	char line[2048];
	FILE *f;

	fflush(stderr);
	saved = dup(2);
	fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_non_null(f = fopen(logpath, "r"));
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, needle) != NULL)
			count++;
	fclose(f);
	return count;
}

static int
setup(void **state)
{
	static const char *const ranges[] = {
		"127.0.0.0/24=DE,52.52,13.405",		/* Berlin */
		"127.0.1.0/24=US,40.7128,-74.006",	/* New York */
		"127.0.2.0/24=FR",			/* a country only */
		"127.0.4.0/22=DE,48.137,11.575",	/* Munich */
		"127.0.9.0/24=-,51.5,-0.12",		/* a location only */
		"2001:db8::/32=JP,35.68,139.69",	/* Tokyo */
		NULL
	};

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(db, sizeof(db), "%s/geo.mmdb", dir);
	snprintf(logpath, sizeof(logpath), "%s/log", dir);
	have_writer = system("perl -MMaxMind::DB::Writer::Tree -e1 2>/dev/null") == 0;
	if (!have_writer) {
		fprintf(stderr, "t_geo: MaxMind::DB::Writer missing "
		    "(libmaxmind-db-writer-perl): database tests skipped\n");
		return 0;
	}
	return mkgeo(db, ranges) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	pf_geo_close();
	pf_conf_free();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

#define NEED_WRITER() do { if (!have_writer) skip(); } while (0)

static void
t_lookup(void **state)
{
	struct pf_geo g;

	(void)state;
	NEED_WRITER();
	config(db);
	assert_int_equal(pf_geo_enabled(), 1);

	assert_int_equal(pf_geo_lookup("127.0.0.1", &g), 0);
	assert_string_equal(g.country, "DE");
	assert_int_equal(g.has_loc, 1);
	assert_true(g.lat > 52.519 && g.lat < 52.521);
	assert_true(g.lon > 13.404 && g.lon < 13.406);

	assert_int_equal(pf_geo_lookup("127.0.1.5", &g), 0);
	assert_string_equal(g.country, "US");
	assert_true(g.lon < -74.0 && g.lon > -74.01);

	/* the last address of a /22 and the first one after it */
	assert_int_equal(pf_geo_lookup("127.0.7.255", &g), 0);
	assert_string_equal(g.country, "DE");
	assert_true(g.lat > 48.13 && g.lat < 48.14);
	assert_int_equal(pf_geo_lookup("127.0.8.0", &g), -1);

	/* a country without a location */
	assert_int_equal(pf_geo_lookup("127.0.2.200", &g), 0);
	assert_string_equal(g.country, "FR");
	assert_int_equal(g.has_loc, 0);
	/* a location without a country */
	assert_int_equal(pf_geo_lookup("127.0.9.1", &g), 0);
	assert_string_equal(g.country, "");
	assert_int_equal(g.has_loc, 1);
	assert_true(g.lat > 51.49 && g.lat < 51.51);

	/* IPv6, and IPv4 written as IPv4-mapped IPv6 */
	assert_int_equal(pf_geo_lookup("2001:db8:1::7", &g), 0);
	assert_string_equal(g.country, "JP");
	assert_int_equal(pf_geo_lookup("2001:DB8:0:0::7", &g), 0);
	assert_string_equal(g.country, "JP");
	assert_int_equal(pf_geo_lookup("::ffff:127.0.1.5", &g), 0);
	assert_string_equal(g.country, "US");
	assert_int_equal(pf_geo_lookup("2001:db9::1", &g), -1);

	/* not in the database: nothing, and out cleared */
	memset(&g, 0x55, sizeof(g));
	assert_int_equal(pf_geo_lookup("127.0.3.1", &g), -1);
	assert_string_equal(g.country, "");
	assert_int_equal(g.has_loc, 0);
	assert_int_equal(pf_geo_lookup("192.0.2.1", &g), -1);
}

/* Whatever a caller hands in, no crash and no name resolution. */
static void
t_bad_input(void **state)
{
	static const char *const bad[] = {
		"", "localhost", "127.0.0.256", "127.0.0", "127.0.0.1 ", " 127.0.0.1",
		"127.0.0.1%lo", "fe80::1%eth0", "::ffff:127.0.0.1/24", "127.0.0.1\n",
		"1:2:3:4:5:6:7:8:9", "::::", "-1", "0x7f000001",
		"127.0.0.1:443", "[::1]", "127.1", "0177.0.0.1", "127.000.000.001",
	};
	struct pf_geo g;
	char longip[200];
	size_t i;

	(void)state;
	NEED_WRITER();
	config(db);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&g, 0x55, sizeof(g));
		assert_int_equal(pf_geo_lookup(bad[i], &g), -1);
		assert_string_equal(g.country, "");
	}
	assert_int_equal(pf_geo_lookup(NULL, &g), -1);
	memset(longip, '1', sizeof(longip) - 1);
	longip[sizeof(longip) - 1] = '\0';
	assert_int_equal(pf_geo_lookup(longip, &g), -1);
	/* and still fine afterwards */
	assert_int_equal(pf_geo_lookup("127.0.0.9", &g), 0);
}

static void
t_km(void **state)
{
	struct pf_geo ber, nyc, muc, par, far;
	double d;

	(void)state;
	NEED_WRITER();
	config(db);
	assert_int_equal(pf_geo_lookup("127.0.0.1", &ber), 0);
	assert_int_equal(pf_geo_lookup("127.0.1.1", &nyc), 0);
	assert_int_equal(pf_geo_lookup("127.0.4.1", &muc), 0);
	assert_int_equal(pf_geo_lookup("127.0.2.1", &par), 0);

	/* Berlin - New York: 6385 km on the mean sphere */
	d = pf_geo_km(&ber, &nyc);
	assert_true(d > 6370 && d < 6400);
	assert_true(pf_geo_km(&nyc, &ber) == d);
	/* Berlin - Munich: 504 km */
	d = pf_geo_km(&ber, &muc);
	assert_true(d > 500 && d < 508);
	assert_true(pf_geo_km(&ber, &ber) == 0);
	/* no location: no distance */
	assert_true(pf_geo_km(&ber, &par) < 0);
	assert_true(pf_geo_km(&par, &ber) < 0);
	assert_true(pf_geo_km(NULL, &ber) < 0);

	/* without a database: antipodes are half the circumference, across
	 * the date line is short */
	memset(&far, 0, sizeof(far));
	far.has_loc = 1;
	far.lat = -52.52;
	far.lon = 13.405 - 180;
	d = pf_geo_km(&ber, &far);
	assert_true(d > 20014 && d < 20017);
	ber.lat = 0, ber.lon = 179.9;
	far.lat = 0, far.lon = -179.9;
	d = pf_geo_km(&ber, &far);
	assert_true(d > 22 && d < 23);
}

static void
lookup_many(void)
{
	struct pf_geo g;
	int i;

	assert_int_equal(pf_geo_enabled(), 0);
	for (i = 0; i < 50; i++)
		assert_int_equal(pf_geo_lookup("127.0.0.1", &g), -1);
	assert_int_equal(pf_geo_enabled(), 0);
}

/* No Alerts.GeoIP: off, without an error line. */
static void
t_not_configured(void **state)
{
	(void)state;
	config(NULL);
	assert_int_equal(log_lines(lookup_many, "geolocation"), 0);
	config("");
	assert_int_equal(log_lines(lookup_many, "geolocation"), 0);
}

/* A file that is not there: off, one line however often we ask. */
static void
t_missing(void **state)
{
	char path[300];

	(void)state;
	snprintf(path, sizeof(path), "%s/nonexistent.mmdb", dir);
	config(path);
	assert_int_equal(log_lines(lookup_many, "geolocation off"), 1);
	config(dir);	/* a directory */
	assert_int_equal(log_lines(lookup_many, "geolocation off"), 1);
}

/* Garbage, an empty file and a database cut in half (its metadata sit at
 * the end): off, one line each. */
static void
t_garbage(void **state)
{
	char path[300];
	unsigned char junk[4096];
	unsigned char *b;
	size_t i, n;

	(void)state;
	snprintf(path, sizeof(path), "%s/junk.mmdb", dir);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 131 + 7);
	write_file(path, junk, sizeof(junk));
	config(path);
	assert_int_equal(log_lines(lookup_many, "geolocation off"), 1);

	write_file(path, "", 0);
	config(path);
	assert_int_equal(log_lines(lookup_many, "geolocation off"), 1);

	/* the metadata marker with nothing sensible after it */
	write_file(path, "\xab\xcd\xefMaxMind.com\xe0", 15);
	config(path);
	assert_int_equal(log_lines(lookup_many, "geolocation off"), 1);

	if (!have_writer)
		return;
	b = read_file(db, &n);
	write_file(path, b, n / 2);
	config(path);
	assert_int_equal(log_lines(lookup_many, "geolocation off"), 1);
	free(b);
}

/* Metadata intact, search tree trashed: it opens, but no lookup may
 * read outside the file or report a place. */
static void
t_damaged_tree(void **state)
{
	char path[300];
	unsigned char *b;
	size_t n;
	struct pf_geo g;

	(void)state;
	NEED_WRITER();
	snprintf(path, sizeof(path), "%s/tree.mmdb", dir);
	b = read_file(db, &n);
	memset(b, 0xff, n / 4);
	write_file(path, b, n);
	free(b);
	config(path);
	assert_int_equal(pf_geo_enabled(), 1);
	assert_int_equal(pf_geo_lookup("127.0.0.1", &g), -1);
	assert_int_equal(pf_geo_lookup("2001:db8::1", &g), -1);
	assert_int_equal(pf_geo_lookup("10.1.2.3", &g), -1);
}

/* Opened once: a file replaced under a running program changes nothing
 * until it restarts (here: pf_geo_close). */
static void
t_opened_once(void **state)
{
	char path[300], next[300];
	struct pf_geo g;
	unsigned char *b;
	size_t n;

	(void)state;
	NEED_WRITER();
	snprintf(path, sizeof(path), "%s/live.mmdb", dir);
	snprintf(next, sizeof(next), "%s/live.mmdb.new", dir);
	b = read_file(db, &n);
	write_file(path, b, n);
	free(b);
	config(path);
	assert_int_equal(pf_geo_lookup("127.0.0.1", &g), 0);
	/* replaced the way an update tool does: a new file renamed over */
	write_file(next, "garbage", 7);
	assert_int_equal(rename(next, path), 0);
	assert_int_equal(pf_geo_lookup("127.0.0.1", &g), 0);
	assert_string_equal(g.country, "DE");
	pf_geo_close();
	assert_int_equal(pf_geo_lookup("127.0.0.1", &g), -1);
	assert_int_equal(pf_geo_enabled(), 0);
}

/* mkgeo.pl itself refuses what it cannot write faithfully. */
static void
t_mkgeo_refuses(void **state)
{
	static const char *const bad[][2] = {
		{ "127.0.0.0/24=de", NULL }, { "127.0.0.0/24=DE,91,0", NULL },
		{ "127.0.0.0/24=DE,0,181", NULL }, { "127.0.0.0/33=DE", NULL },
		{ "127.0.0.0=DE", NULL }, { "127.0.0.0/24=DE,1", NULL },
		{ "127.0.0.0/24=-", NULL }, { "127.0.0.0/24=DE,x,1", NULL },
	};
	char path[300];
	size_t i;

	(void)state;
	NEED_WRITER();
	snprintf(path, sizeof(path), "%s/bad.mmdb", dir);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_not_equal(mkgeo(path, bad[i]), 0);
		assert_int_not_equal(access(path, F_OK), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_lookup),
		cmocka_unit_test(t_bad_input),
		cmocka_unit_test(t_km),
		cmocka_unit_test(t_not_configured),
		cmocka_unit_test(t_missing),
		cmocka_unit_test(t_garbage),
		cmocka_unit_test(t_damaged_tree),
		cmocka_unit_test(t_mkgeo_refuses),
		cmocka_unit_test(t_opened_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
