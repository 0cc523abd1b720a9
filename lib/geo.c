/*
 * geo.c: where a client address is, for the sign-in alerts (new country,
 * impossible travel), from a MaxMind database (GeoLite2-City or one of
 * the same layout) named by Alerts.GeoIP.
 *
 * The database is opened once per process, at the first question, and
 * memory-mapped: a FastCGI program asks it for every sign-in, and the
 * kernel shares the pages between all processes.  It is never reopened
 * (a new database takes effect when the programs restart).  No database
 * configured, or one that cannot be opened, turns geolocation off with
 * one log line, never the request: the alerts that need it fall silent,
 * the others go on.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <math.h>

#include <maxminddb.h>

#include "pf-int.h"

/* An address in text: IPv6 with an embedded IPv4 address is the longest
 * (45 characters, INET6_ADDRSTRLEN with its NUL). */
#define IP_TEXT_MAX	INET6_ADDRSTRLEN

static MMDB_s mmdb;
static int state;	/* 0 not tried yet, 1 open, -1 off */

/* Open the database of Alerts.GeoIP the first time we are asked. */
static int
geo_open(void)
{
	const char *path;
	int rc, sys;

	if (state != 0)
		return state > 0;
	state = -1;
	path = pf_conf_str("Alerts.GeoIP");
	if (*path == '\0') {
		pf_log(NULL, PF_LOG_DEBUG, "geolocation off: no Alerts.GeoIP");
		return 0;
	}
	errno = 0;
	if ((rc = MMDB_open(path, MMDB_MODE_MMAP, &mmdb)) != MMDB_SUCCESS) {
		/* For a file it could not open or map, MMDB_strerror says no
		 * more than that; errno says why. */
		sys = rc == MMDB_FILE_OPEN_ERROR || rc == MMDB_IO_ERROR;
		pf_log(NULL, PF_LOG_ERR, "geolocation off: cannot use %s: %s%s%s", path,
		    MMDB_strerror(rc), sys && errno ? ": " : "",
		    sys && errno ? strerror(errno) : "");
		memset(&mmdb, 0, sizeof(mmdb));
		return 0;
	}
	pf_log(NULL, PF_LOG_INFO, "geolocation from %s (%s, built %llu)", path,
	    mmdb.metadata.database_type ? mmdb.metadata.database_type : "?",
	    (unsigned long long)mmdb.metadata.build_epoch);
	state = 1;
	return 1;
}

int
pf_geo_enabled(void)
{
	return geo_open();
}

void
pf_geo_close(void)
{
	if (state > 0)
		MMDB_close(&mmdb);
	memset(&mmdb, 0, sizeof(mmdb));
	state = 0;
}

/* Parse ip strictly with inet_pton: dotted quad or RFC 4291 text, no
 * zone ("fe80::1%eth0"), none of inet_aton's spellings ("127.1",
 * "0x7f000001") that getaddrinfo, which MMDB_lookup_string uses, would
 * take.  REMOTE_ADDR never has them; one spelling per address is simpler
 * to reason about. */
static int
ip_parse(const char *ip, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (strnlen(ip, IP_TEXT_MAX) >= IP_TEXT_MAX)
		return 0;
	if (inet_pton(AF_INET, ip, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		return 1;
	}
	if (inet_pton(AF_INET6, ip, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		return 1;
	}
	return 0;
}

/* country.iso_code: two letters (ISO 3166-1 alpha-2, upper case). */
static int
get_country(MMDB_entry_s *e, char out[3])
{
	MMDB_entry_data_s d;
	const char *s;

	if (MMDB_get_value(e, &d, "country", "iso_code", NULL) != MMDB_SUCCESS ||
	    !d.has_data || d.type != MMDB_DATA_TYPE_UTF8_STRING || d.data_size != 2)
		return 0;
	s = d.utf8_string;
	if (s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return 0;
	out[0] = s[0];
	out[1] = s[1];
	out[2] = '\0';
	return 1;
}

/* location.<key> as a number within [-limit, limit]. */
static int
get_coord(MMDB_entry_s *e, const char *key, double limit, double *out)
{
	MMDB_entry_data_s d;
	double v;

	if (MMDB_get_value(e, &d, "location", key, NULL) != MMDB_SUCCESS || !d.has_data)
		return 0;
	if (d.type == MMDB_DATA_TYPE_DOUBLE)
		v = d.double_value;
	else if (d.type == MMDB_DATA_TYPE_FLOAT)
		v = d.float_value;
	else
		return 0;
	if (!isfinite(v) || v < -limit || v > limit)
		return 0;
	*out = v;
	return 1;
}

/*
 * Look ip (text, IPv4 or IPv6) up: 0 with out filled when the database
 * knows its country or its location, -1 otherwise (also when geolocation
 * is off or ip is not an address).  The country is "" when only the
 * location is known (registered_country, where MaxMind puts the country
 * of satellite or anycast networks, is not where the user is).  A
 * damaged database gives -1 for the lookups it cannot answer.
 */
int
pf_geo_lookup(const char *ip, struct pf_geo *out)
{
	MMDB_lookup_result_s res;
	struct sockaddr_storage ss;
	int err = MMDB_SUCCESS;

	memset(out, 0, sizeof(*out));
	if (ip == NULL || !ip_parse(ip, &ss) || !geo_open())
		return -1;
	res = MMDB_lookup_sockaddr(&mmdb, (const struct sockaddr *)&ss, &err);
	/* An IPv4-only database knows no IPv6 address: not an error. */
	if (err == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR)
		return -1;
	if (err != MMDB_SUCCESS) {
		pf_log(NULL, PF_LOG_WARN, "geolocation lookup failed: %s", MMDB_strerror(err));
		return -1;
	}
	if (!res.found_entry)
		return -1;
	(void)get_country(&res.entry, out->country);
	out->has_loc = get_coord(&res.entry, "latitude", 90, &out->lat) &&
	    get_coord(&res.entry, "longitude", 180, &out->lon);
	if (!out->has_loc)
		out->lat = out->lon = 0;
	if (out->country[0] == '\0' && !out->has_loc)
		return -1;
	return 0;
}

/*
 * The great-circle distance in km between two places (haversine, on a
 * sphere of the Earth's mean radius: within 0.5% of the ellipsoid, far
 * better than the databases' own accuracy).  -1 when either has no
 * location.
 */
double
pf_geo_km(const struct pf_geo *a, const struct pf_geo *b)
{
	const double rad = M_PI / 180, earth = 6371.0088;
	double dlat, dlon, h;

	if (a == NULL || b == NULL || !a->has_loc || !b->has_loc)
		return -1;
	dlat = (b->lat - a->lat) * rad;
	dlon = (b->lon - a->lon) * rad;
	h = sin(dlat / 2) * sin(dlat / 2) +
	    cos(a->lat * rad) * cos(b->lat * rad) * sin(dlon / 2) * sin(dlon / 2);
	/* Rounding can push h a hair over 1 for antipodes. */
	if (h > 1)
		h = 1;
	return 2 * earth * asin(sqrt(h));
}
