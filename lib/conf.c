/*
 * conf.c: the configuration file, one HDF file with a typed table of keys.
 *
 * Every key is declared below with its type and default; an unknown key
 * or a bad value refuses start-up (a typo in a security setting must not
 * silently fall back to a default).  Secrets live only here and are never
 * logged: error messages name the key, never the value.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <ClearSilver.h>

#include "pf-int.h"

#ifndef PF_SYSCONFDIR
#define PF_SYSCONFDIR "/etc"
#endif
#ifndef PF_DATADIR
#define PF_DATADIR "/usr/share/pforte"
#endif

enum ctype { C_STR, C_SECRET, C_INT, C_BOOL, C_URL, C_PATH, C_ENUM };

struct ckey {
	const char		*name;	/* '*' matches one name segment */
	enum ctype		 type;
	const char		*dflt;
	long long		 min, max;
	const char *const	*choices;
};

static const char *const langs[] = { "de", "en", NULL };
static const char *const transports[] = { "dir", "smtp", NULL };
static const char *const providers[] = { "file", "pkcs11", NULL };
static const char *const siem_transports[] = { "udp", "tcp", "tls", "unix", "file", NULL };
static const char *const siem_formats[] = { "ecs", "cef", NULL };
/* JWS algorithms the SSO signs with (lib/sigkeys.c); never "none" or HMAC */
static const char *const sso_algs[] = { "RS256", "ES256", NULL };
static const char *const siem_facilities[] = { "auth", "authpriv", "daemon", "user", "local0",
	"local1", "local2", "local3", "local4", "local5", "local6", "local7", NULL };

static const struct ckey keys[] = {
	{ "Portal.Name", C_STR, "Pforte", 0, 0, NULL },
	{ "Portal.BaseURL", C_URL, NULL, 0, 0, NULL },
	{ "Portal.Templates", C_PATH, PF_DATADIR "/templates", 0, 0, NULL },
	{ "Portal.DefaultLang", C_ENUM, "de", 0, 0, langs },
	{ "DB.Socket", C_PATH, "", 0, 0, NULL },
	{ "DB.Host", C_STR, "", 0, 0, NULL },
	{ "DB.Port", C_INT, "3306", 1, 65535, NULL },
	{ "DB.Name", C_STR, "pforte", 0, 0, NULL },
	{ "DB.ConnectTimeout", C_INT, "2", 1, 60, NULL },
	{ "DB.TLS.CA", C_PATH, "", 0, 0, NULL },
	{ "DB.TLS.Verify", C_BOOL, "1", 0, 1, NULL },
	{ "DB.Account.*.User", C_STR, "", 0, 0, NULL },
	{ "DB.Account.*.Password", C_SECRET, "", 0, 0, NULL },
	{ "Mail.Transport", C_ENUM, "dir", 0, 0, transports },
	{ "Mail.Dir", C_PATH, "", 0, 0, NULL },
	{ "Mail.SMTP", C_URL, "", 0, 0, NULL },
	{ "Mail.From", C_STR, "pforte@localhost", 0, 0, NULL },
	{ "Mail.User", C_STR, "", 0, 0, NULL },
	{ "Mail.Password", C_SECRET, "", 0, 0, NULL },
	{ "Mail.CA", C_PATH, "", 0, 0, NULL },
	{ "Mail.Timeout", C_INT, "10", 1, 120, NULL },
	{ "SMS.URL", C_URL, "", 0, 0, NULL },
	{ "SMS.Authorization", C_SECRET, "", 0, 0, NULL },
	{ "SMS.ContentType", C_STR, "application/json", 0, 0, NULL },
	{ "SMS.Body", C_STR, "{\"to\":\"{to}\",\"text\":\"{text}\"}", 0, 0, NULL },
	{ "SMS.CA", C_PATH, "", 0, 0, NULL },
	{ "SMS.Timeout", C_INT, "10", 1, 120, NULL },
	{ "Auth.Argon2.MemoryKiB", C_INT, "19456", 8192, 1048576, NULL },
	{ "Auth.Argon2.Time", C_INT, "2", 1, 20, NULL },
	{ "Auth.HashSlots", C_INT, "2", 1, 256, NULL },
	{ "Auth.HashLock", C_PATH, "", 0, 0, NULL },
	{ "Auth.Password.MinLength", C_INT, "12", 8, 64, NULL },
	{ "Auth.Password.MaxLength", C_INT, "128", 64, 1024, NULL },
	{ "Auth.Password.Dictionary", C_PATH, "/var/cache/cracklib/cracklib_dict", 0, 0, NULL },
	{ "Auth.Session.IdleMinutes", C_INT, "30", 1, 1440, NULL },
	{ "Auth.Session.MaxHours", C_INT, "12", 1, 720, NULL },
	{ "Auth.StepUp.Minutes", C_INT, "10", 1, 720, NULL },
	{ "Auth.Session.PendingMinutes", C_INT, "10", 1, 60, NULL },
	{ "Auth.Account.FreeAttempts", C_INT, "3", 1, 100, NULL },
	{ "Auth.Account.LockAfter", C_INT, "10", 2, 1000, NULL },
	{ "Auth.Account.LockMinutes", C_INT, "15", 1, 10080, NULL },
	{ "Auth.IP.LockAfter", C_INT, "100", 2, 100000, NULL },
	{ "Auth.IP.LockMinutes", C_INT, "15", 1, 10080, NULL },
	{ "Auth.Code.LockAfter", C_INT, "5", 2, 100, NULL },
	{ "Auth.Code.Minutes", C_INT, "10", 1, 60, NULL },
	{ "Auth.Magic.PerHour", C_INT, "5", 1, 1000, NULL },
	{ "Auth.Magic.Minutes", C_INT, "15", 1, 60, NULL },
	{ "Auth.Reset.Minutes", C_INT, "30", 5, 1440, NULL },
	{ "Auth.Verify.Minutes", C_INT, "60", 5, 1440, NULL },
	{ "Auth.Setup.Hours", C_INT, "72", 1, 720, NULL },
	{ "Auth.EmailCode", C_BOOL, "1", 0, 1, NULL },
	{ "Auth.Issuer", C_STR, "", 0, 0, NULL },
	{ "Keys.Provider", C_ENUM, "file", 0, 0, providers },
	{ "Keys.KEK", C_STR, "kek-1", 0, 0, NULL },
	{ "Keys.File", C_PATH, PF_SYSCONFDIR "/pforte/kek", 0, 0, NULL },
	{ "Keys.PKCS11.Module", C_PATH, "", 0, 0, NULL },
	{ "Keys.PKCS11.Token", C_STR, "", 0, 0, NULL },
	{ "Keys.PKCS11.PIN", C_SECRET, "", 0, 0, NULL },
	{ "Keys.CacheSeconds", C_INT, "300", 1, 86400, NULL },
	{ "Limits.Body", C_INT, "65536", 1024, PF_BODY_HARD_MAX, NULL },
	{ "Limits.Fields", C_INT, "64", 1, PF_FIELDS_HARD_MAX, NULL },
	{ "Audit.RetentionDays", C_INT, "0", 0, 36500, NULL },
	{ "Documents.MaxMB", C_INT, "100", 1, 4096, NULL },
	{ "Documents.QuotaMB", C_INT, "10240", 1, 16777216, NULL },
	{ "Documents.RetentionDays", C_INT, "30", 0, 3650, NULL },
	{ "Documents.Types", C_STR, "application/pdf image/png image/jpeg image/gif "
	    "image/webp text/plain text/csv application/zip "
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document "
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "
	    "application/vnd.openxmlformats-officedocument.presentationml.presentation "
	    "application/vnd.oasis.opendocument.text application/vnd.oasis.opendocument.spreadsheet "
	    "application/vnd.oasis.opendocument.presentation", 0, 0, NULL },
	{ "Log.Syslog", C_BOOL, "0", 0, 1, NULL },
	{ "Log.Debug", C_BOOL, "0", 0, 1, NULL },
	{ "Status.CacheSeconds", C_INT, "15", 0, 3600, NULL },
	{ "Status.Probe.*", C_URL, "", 0, 0, NULL },
	{ "Status.ProbeCA", C_PATH, "", 0, 0, NULL },
	{ "Status.ProbeTimeout", C_INT, "1500", 100, 10000, NULL },
	/* pforte-siem: where the audit events go (Output.<name>) */
	{ "Siem.PollMillis", C_INT, "1000", 50, 60000, NULL },
	{ "Siem.Batch", C_INT, "500", 1, 10000, NULL },
	{ "Siem.Output.*.Transport", C_ENUM, "", 0, 0, siem_transports },
	{ "Siem.Output.*.Address", C_STR, "", 0, 0, NULL },
	{ "Siem.Output.*.Format", C_ENUM, "ecs", 0, 0, siem_formats },
	{ "Siem.Output.*.CA", C_PATH, "", 0, 0, NULL },
	{ "Siem.Output.*.Facility", C_ENUM, "authpriv", 0, 0, siem_facilities },
	/* MaxMind database (GeoLite2-City layout); empty: geo alerts off */
	{ "Alerts.GeoIP", C_PATH, "", 0, 0, NULL },
	/* alert.c: security contacts (space-separated addresses) and the rules */
	{ "Alerts.Contacts", C_STR, "", 0, 0, NULL },
	{ "Alerts.SuppressMinutes", C_INT, "60", 1, 10080, NULL },
	{ "Alerts.UserFailures.Count", C_INT, "5", 2, 1000, NULL },
	{ "Alerts.UserFailures.Minutes", C_INT, "15", 1, 1440, NULL },
	{ "Alerts.IPFailures.Count", C_INT, "20", 2, 100000, NULL },
	{ "Alerts.IPFailures.Minutes", C_INT, "10", 1, 1440, NULL },
	{ "Alerts.NetFailures.Count", C_INT, "50", 2, 100000, NULL },
	{ "Alerts.NetFailures.Minutes", C_INT, "10", 1, 1440, NULL },
	{ "Alerts.Downloads.Count", C_INT, "50", 2, 100000, NULL },
	{ "Alerts.Downloads.Minutes", C_INT, "10", 1, 1440, NULL },
	{ "Alerts.Travel.KmH", C_INT, "1000", 100, 100000, NULL },
	{ "Alerts.Travel.MinKm", C_INT, "300", 0, 20000, NULL },
	{ "Alerts.AdminRole.Permissions", C_STR, "users.manage users.invite roles.approve "
	    "orgs.manage apps.manage status.manage privacy.manage audit.read", 0, 0, NULL },
	{ "Alerts.Notice.Days", C_INT, "7", 1, 30, NULL },
	/* sigkeys.c: the algorithm of the active key that signs; how long a
	 * replaced key stays published (at least the longest token lifetime) */
	{ "Sso.Alg", C_ENUM, "RS256", 0, 0, sso_algs },
	{ "Sso.KeyOverlapMinutes", C_INT, "1440", 1, 525600, NULL },
	/* token: lifetimes (an authorization code lives 60 s, fixed); the
	 * back-channel logout's CA bundle ("": the system's) and time limit */
	{ "Sso.AccessTokenMinutes", C_INT, "10", 1, 1440, NULL },
	{ "Sso.IdTokenMinutes", C_INT, "10", 1, 1440, NULL },
	{ "Sso.RefreshDays", C_INT, "30", 1, 365, NULL },
	{ "Sso.LogoutCAFile", C_PATH, "", 0, 0, NULL },
	{ "Sso.LogoutTimeoutMs", C_INT, "2000", 100, 30000, NULL },
	/* privacy: erasure's grace period and its journal (replayed after a
	 * restore); retention periods of pforte-admin purge (0: keep);
	 * after how many days addresses in long-term records are cut */
	{ "Gdpr.ErasureGraceDays", C_INT, "14", 0, 90, NULL },
	{ "Gdpr.Journal", C_PATH, "/var/lib/pforte/erasure.journal", 0, 0, NULL },
	{ "Retention.SessionDays", C_INT, "30", 0, 3650, NULL },
	{ "Retention.LoginHistoryDays", C_INT, "180", 0, 3650, NULL },
	{ "Retention.InvitationDays", C_INT, "30", 0, 3650, NULL },
	{ "Retention.UnverifiedDays", C_INT, "30", 0, 3650, NULL },
	{ "Privacy.IPDays", C_INT, "30", 0, 3650, NULL },
	/* privacy-legal: how long a program keeps the legal texts in force
	 * before it reads them again (the acceptance gate, lib/legal.c) */
	{ "Privacy.TextsCacheSeconds", C_INT, "30", 0, 30, NULL },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static HDF *conf;

const char *
pf_conf_path(void)
{
	const char *p = getenv("PFORTE_CONFIG");

	return p && *p ? p : PF_SYSCONFDIR "/pforte/pforte.hdf";
}

/* Match a dotted name against a pattern whose '*' stands for a segment. */
static int
key_match(const char *pat, const char *name)
{
	while (*pat && *name) {
		if (*pat == '*') {
			while (*name && *name != '.')
				name++;
			pat++;
			continue;
		}
		if (*pat++ != *name++)
			return 0;
	}
	return *pat == '\0' && *name == '\0';
}

static const struct ckey *
key_find(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (key_match(keys[i].name, name))
			return &keys[i];
	return NULL;
}

static int
check_value(const struct ckey *k, const char *v)
{
	long long x;
	char *end;
	size_t i;

	if (!pf_utf8_valid(v, strlen(v)))
		return 0;
	for (i = 0; v[i]; i++)
		if ((unsigned char)v[i] < 0x20)
			return 0;
	switch (k->type) {
	case C_STR:
	case C_SECRET:
		return 1;
	case C_INT:
	case C_BOOL:
		errno = 0;
		x = strtoll(v, &end, 10);
		return errno == 0 && *v && *end == '\0' && x >= k->min && x <= k->max;
	case C_URL:
		return *v == '\0' || strncmp(v, "https://", 8) == 0 ||
		    strncmp(v, "http://", 7) == 0 || strncmp(v, "smtp://", 7) == 0 ||
		    strncmp(v, "smtps://", 8) == 0;
	case C_PATH:
		return *v == '\0' || *v == '/';
	case C_ENUM:
		for (i = 0; k->choices[i]; i++)
			if (strcmp(k->choices[i], v) == 0)
				return 1;
		return 0;
	}
	return 0;
}

/* Walk every node; a node with a value must be a declared key. */
static int
walk(HDF *node, const char *prefix, char *err, size_t errsz)
{
	HDF *c;
	char name[256];
	const char *v;
	const struct ckey *k;

	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		if ((size_t)snprintf(name, sizeof(name), "%s%s%s", prefix,
		    *prefix ? "." : "", hdf_obj_name(c)) >= sizeof(name)) {
			snprintf(err, errsz, "configuration key too long");
			return -1;
		}
		if ((v = hdf_obj_value(c)) != NULL) {
			if ((k = key_find(name)) == NULL) {
				snprintf(err, errsz, "unknown configuration key %s", name);
				return -1;
			}
			if (!check_value(k, v)) {
				snprintf(err, errsz, "bad value for configuration key %s", name);
				return -1;
			}
		}
		if (walk(c, name, err, errsz) < 0)
			return -1;
	}
	return 0;
}

int
pf_conf_load(const char *path, char *err, size_t errsz)
{
	NEOERR *nerr;
	STRING s;
	struct stat st;

	pf_conf_free();
	/* ClearSilver's error registry; every program loads its
	 * configuration first, before any thread could start. */
	nerr_init();
	if (stat(path, &st) != 0) {
		snprintf(err, errsz, "cannot read configuration %s: %s", path, strerror(errno));
		return -1;
	}
	if (st.st_mode & S_IWOTH) {
		snprintf(err, errsz, "configuration %s is world-writable", path);
		return -1;
	}
	if ((nerr = hdf_init(&conf)) == STATUS_OK)
		nerr = hdf_read_file(conf, path);
	if (nerr != STATUS_OK) {
		string_init(&s);
		nerr_error_string(nerr, &s);
		snprintf(err, errsz, "cannot parse configuration %s: %s", path,
		    s.buf ? s.buf : "?");
		string_clear(&s);
		nerr_ignore(&nerr);
		pf_conf_free();
		return -1;
	}
	if (walk(conf, "", err, errsz) < 0) {
		pf_conf_free();
		return -1;
	}
	if (*pf_conf_str("Portal.BaseURL") == '\0') {
		snprintf(err, errsz, "Portal.BaseURL is required");
		pf_conf_free();
		return -1;
	}
	if (st.st_mode & S_IROTH)
		pf_log(NULL, PF_LOG_WARN, "configuration %s is world-readable "
		    "and holds secrets: chmod o-r it", path);
	return 0;
}

const char *
pf_conf_str(const char *key)
{
	const char *v = conf ? hdf_get_value(conf, key, NULL) : NULL;
	const struct ckey *k;

	if (v != NULL)
		return v;
	k = key_find(key);
	return k && k->dflt ? k->dflt : "";
}

long long
pf_conf_int(const char *key)
{
	return strtoll(pf_conf_str(key), NULL, 10);
}

int
pf_conf_each(const char *node, void (*fn)(const char *, const char *, void *),
    void *arg)
{
	HDF *n, *c;
	int count = 0;

	if (conf == NULL || (n = hdf_get_obj(conf, node)) == NULL)
		return 0;
	for (c = hdf_obj_child(n); c != NULL; c = hdf_obj_next(c)) {
		fn(hdf_obj_name(c), hdf_obj_value(c), arg);
		count++;
	}
	return count;
}

void
pf_conf_free(void)
{
	if (conf != NULL)
		hdf_destroy(&conf);
	conf = NULL;
}
