/*
 * password.c: password hashes and the password policy.
 *
 * Hashes are argon2id (libsodium) with Auth.Argon2.Time passes over
 * Auth.Argon2.MemoryKiB of memory and one lane: OWASP's 19 MiB, t=2, p=1.
 * That memory is the point of argon2id and also its danger: a burst of
 * logins would let every FastCGI process allocate it at once.  So a hash
 * needs one of Auth.HashSlots slots per machine, taken as an fcntl() write
 * lock on one byte of the file Auth.HashLock.  Such locks belong to the
 * process and vanish with it, so a crashed worker never leaks a slot.
 * Without a slot within a second the caller answers 503 rather than queue
 * up memory.
 *
 * The policy follows NIST SP 800-63B: a length in code points, no
 * composition rules, refusal of passwords built from the user's own data
 * or found in a dictionary of common words (cracklib).
 */
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <malloc.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <crack.h>
#include <sodium.h>

#include "pforte.h"

#define PW_BYTES_MAX	4096	/* refused before anything else looks at it */
#define PERSONAL_MIN	4	/* shorter parts of a name match too much */
#define SLOT_WAIT_NS	1000000000LL
#define SLOT_NONE	(-2)	/* no machine-wide cap configured */

static int	 lockfd = -1;
static char	*lockpath;	/* what lockfd is open on */

static void
sodium_once(void)
{
	static int ready;

	if (!ready) {
		if (sodium_init() < 0)
			abort();	/* no randomness: nothing is safe any more */
		ready = 1;
	}
}

static unsigned long long
opslimit(void)
{
	return (unsigned long long)pf_conf_int("Auth.Argon2.Time");
}

static size_t
memlimit(void)
{
	return (size_t)pf_conf_int("Auth.Argon2.MemoryKiB") * 1024;
}

/* ---- slots ------------------------------------------------------------- */

/* The lock file, opened once per process.  A test (or a reload) may
 * name another file: then the old one is closed, which also drops any
 * lock of ours on it, but we hold none between hashes. */
static int
slot_fd(const char *path)
{
	if (lockfd >= 0 && strcmp(lockpath, path) == 0)
		return lockfd;
	if (lockfd >= 0) {
		close(lockfd);
		free(lockpath);
		lockpath = NULL;
	}
	if ((lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		pf_log(NULL, PF_LOG_ERR, "password: cannot open Auth.HashLock %s: %s",
		    path, strerror(errno));
		return -1;
	}
	lockpath = pf_xstrdup(path);
	return lockfd;
}

static int
slot_lock(int fd, int slot, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = slot;
	fl.l_len = 1;
	return fcntl(fd, F_SETLK, &fl);
}

static long long
elapsed_ns(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000000000LL + (t.tv_nsec - t0->tv_nsec);
}

/*
 * Take a free slot: its number, SLOT_NONE without a lock file, or -1.
 * Every slot is tried without blocking, then again after a nap of 5 to
 * 20 ms (random, so that waiting processes do not retry in lockstep),
 * for at most a second.  Failing to open or lock the file at all is a
 * broken setup and fails too: the cap must not vanish silently.
 */
static int
slot_take(void)
{
	const char *path = pf_conf_str("Auth.HashLock");
	int n = (int)pf_conf_int("Auth.HashSlots");
	struct timespec t0, nap;
	int fd, i;

	if (*path == '\0')
		return SLOT_NONE;	/* one process hashes one password at a time */
	if ((fd = slot_fd(path)) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		for (i = 0; i < n; i++) {
			if (slot_lock(fd, i, F_WRLCK) == 0)
				return i;
			if (errno != EACCES && errno != EAGAIN && errno != EINTR) {
				pf_log(NULL, PF_LOG_ERR, "password: cannot lock Auth.HashLock %s: %s",
				    path, strerror(errno));
				return -1;
			}
		}
		if (elapsed_ns(&t0) >= SLOT_WAIT_NS)
			break;
		nap.tv_sec = 0;
		nap.tv_nsec = (long)(5 + randombytes_uniform(16)) * 1000000L;
		nanosleep(&nap, NULL);
	}
	pf_log(NULL, PF_LOG_WARN, "password: no hash slot free within a second "
	    "(Auth.HashSlots = %d)", n);
	return -1;
}

/* Release the slot and give argon2's memory back to the system: libsodium
 * maps it freshly for every hash, but whatever went through malloc would
 * otherwise stay with this long-lived process. */
static void
slot_give(int slot)
{
	if (slot >= 0 && slot_lock(lockfd, slot, F_UNLCK) != 0)
		pf_log(NULL, PF_LOG_ERR, "password: cannot unlock Auth.HashLock: %s",
		    strerror(errno));
	malloc_trim(0);
}

/* ---- hashes ------------------------------------------------------------ */

int
pf_pw_hash(struct pf_pool *p, const char *pw, char **out)
{
	char h[crypto_pwhash_STRBYTES];
	int slot, rc;

	sodium_once();
	if ((slot = slot_take()) == -1)
		return -1;
	rc = crypto_pwhash_str_alg(h, pw, strlen(pw), opslimit(), memlimit(),
	    crypto_pwhash_ALG_ARGON2ID13);
	slot_give(slot);
	if (rc != 0) {
		pf_log(NULL, PF_LOG_ERR, "password: argon2id failed (out of memory?)");
		return -1;
	}
	*out = pf_pstrdup(p, h);
	return 0;
}

/* A hash that is no argon2 string at all is refused before it costs a
 * slot; an argon2i hash of old still verifies and asks for a rehash. */
int
pf_pw_verify(const char *hash, const char *pw, int *rehash)
{
	int need, slot, rc;

	sodium_once();
	if (rehash)
		*rehash = 0;
	if ((need = crypto_pwhash_str_needs_rehash(hash, opslimit(), memlimit())) < 0) {
		pf_log(NULL, PF_LOG_ERR, "password: a stored hash is not argon2");
		return -1;
	}
	if ((slot = slot_take()) == -1)
		return -1;
	rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	slot_give(slot);
	if (rehash)
		*rehash = need;
	return rc == 0;
}

/*
 * Verify against a hash of nothing in particular, made once per process
 * (again when the parameters change), so that an unknown address costs
 * the same time and the same slot as a known one.  The first call pays
 * for making the hash too: once per process, it tells nobody anything.
 */
int
pf_pw_dummy(const char *pw)
{
	static char dummy[crypto_pwhash_STRBYTES];
	int slot, rc;

	sodium_once();
	if (dummy[0] == '\0' ||
	    crypto_pwhash_str_needs_rehash(dummy, opslimit(), memlimit()) != 0) {
		if ((slot = slot_take()) == -1)
			return -1;
		rc = crypto_pwhash_str_alg(dummy, "pforte-dummy", 12, opslimit(),
		    memlimit(), crypto_pwhash_ALG_ARGON2ID13);
		slot_give(slot);
		malloc_trim(0);
		if (rc != 0) {
			dummy[0] = '\0';
			return -1;
		}
		/* Making it cost one hash: a second one now would make the
		 * first unknown address of a process (every request, as
		 * plain CGI) twice as slow as a known one. */
		return 0;
	}
	return pf_pw_verify(dummy, pw, NULL) < 0 ? -1 : 0;
}

/* ---- policy ------------------------------------------------------------ */

static const char *const policy_keys[PF_PW__MAX] = {
	[PF_PW_OK] = NULL,
	[PF_PW_SHORT] = "Password.Error.short",
	[PF_PW_LONG] = "Password.Error.long",
	[PF_PW_PERSONAL] = "Password.Error.personal",
	[PF_PW_COMMON] = "Password.Error.common",
	[PF_PW_INVALID] = "Password.Error.invalid",
};

const char *
pf_pw_policy_key(enum pf_pw e)
{
	return (unsigned)e < PF_PW__MAX ? policy_keys[e] : NULL;
}

/* Code points in valid UTF-8: every byte that does not continue one. */
static size_t
codepoints(const char *s, size_t n)
{
	size_t i, cp = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cp++;
	return cp;
}

/* Valid UTF-8 without C0, DEL or C1 controls (a password is typed, and a
 * control character in one is a paste accident or an attack on a log). */
static int
text_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	if (!pf_utf8_valid(s, n))
		return 0;
	for (i = 0; i < n; i++)
		if (u[i] < 0x20 || u[i] == 0x7f ||
		    (u[i] == 0xc2 && i + 1 < n && u[i + 1] < 0xa0))
			return 0;
	return 1;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* 1 when pw contains s[0..n) ignoring ASCII case, and s is long enough
 * to mean something. */
static int
contains(const char *pw, const char *s, size_t n)
{
	size_t i, j, len = strlen(pw);

	if (codepoints(s, n) < PERSONAL_MIN || n > len)
		return 0;
	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n && lower((unsigned char)pw[i + j]) ==
		    lower((unsigned char)s[j]); j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

/* Does pw contain s or any of its parts, split at the bytes in sep? */
static int
contains_parts(const char *pw, const char *s, size_t n, const char *sep)
{
	size_t i, k;

	if (contains(pw, s, n))
		return 1;
	for (i = 0; i < n; i += k + 1) {
		for (k = 0; i + k < n && strchr(sep, s[i + k]) == NULL; k++)
			;
		if (k < n && contains(pw, s + i, k))
			return 1;
	}
	return 0;
}

/* The e-mail address, its local part and that part's pieces ("max" and
 * "mustermann" of max.mustermann@...), the display name and its words. */
static int
personal(const char *pw, const char *email, const char *name)
{
	const char *at;

	if (email && *email) {
		if (contains(pw, email, strlen(email)))
			return 1;
		at = strrchr(email, '@');
		if (contains_parts(pw, email, at ? (size_t)(at - email) : strlen(email),
		    ".-_+"))
			return 1;
	}
	return name && *name && contains_parts(pw, name, strlen(name), " \t");
}

/*
 * cracklib's verdicts we take: those about the words and patterns in a
 * password.  Its length rules (6 characters) are weaker than ours, and
 * its username and GECOS rules are about a Unix account.  cracklib may
 * translate its messages (when a program calls setlocale), so a verdict
 * is compared with the translation too.
 */
static const char *const dict_verdicts[] = {
	"it is based on a dictionary word",
	"it is based on a (reversed) dictionary word",
	"it is too simplistic/systematic",
	"it does not contain enough DIFFERENT characters",
	"it is all whitespace",
};

static int
cracklib_says_common(const char *pw, const char *dict)
{
	const char *v;
	size_t i;

	/* A user name is given so that cracklib does not look up the
	 * process's own account: without a passwd entry (a container) it
	 * would stop before the dictionary and report that instead. */
	if ((v = FascistCheckUser(pw, dict, "", "")) == NULL)
		return 0;
	for (i = 0; i < sizeof(dict_verdicts) / sizeof(dict_verdicts[0]); i++)
		if (strcmp(v, dict_verdicts[i]) == 0 ||
		    strcmp(v, dgettext("cracklib", dict_verdicts[i])) == 0)
			return 1;
	if (strcmp(v, "error loading dictionary") == 0 ||
	    strcmp(v, dgettext("cracklib", "error loading dictionary")) == 0)
		pf_log(NULL, PF_LOG_ERR, "password: cannot load Auth.Password.Dictionary %s; "
		    "common passwords are not refused", dict);
	return 0;
}

static int
is_junk(unsigned char c)
{
	return c == ' ' || (c >= '!' && c <= '@') || (c >= '[' && c <= '`') ||
	    (c >= '{' && c <= '~');
}

/*
 * cracklib trims at most three characters from either end before it looks
 * a word up, so "password1234", "Welcome2024!" and "passwordpassword" pass
 * it.  We also ask it about the core without leading and trailing digits,
 * punctuation and spaces, and about the unit a password repeats.  Both are
 * copies of the password and wiped.
 */
static int
common(const char *pw, const char *dict)
{
	char buf[256];
	size_t n = strlen(pw), b, e, u;
	int rc;

	if (cracklib_says_common(pw, dict))
		return 1;
	if (n >= sizeof(buf))
		return 0;	/* cracklib looks at 255 bytes only anyway */
	for (b = 0; b < n && is_junk((unsigned char)pw[b]); b++)
		;
	for (e = n; e > b && is_junk((unsigned char)pw[e - 1]); e--)
		;
	rc = 0;
	if (e > b && e - b < n) {
		memcpy(buf, pw + b, e - b);
		buf[e - b] = '\0';
		rc = cracklib_says_common(buf, dict);
	}
	for (u = 1; !rc && u <= n / 2; u++) {
		if (n % u != 0)
			continue;
		for (b = u; b < n && pw[b] == pw[b - u]; b++)
			;
		if (b == n) {
			memcpy(buf, pw, u);
			buf[u] = '\0';
			rc = cracklib_says_common(buf, dict);
			break;
		}
	}
	pf_wipe(buf, sizeof(buf));
	return rc;
}

/*
 * Without the dictionary files cracklib cannot check anything.  Refusing
 * every password then would lock everybody out of a password change, so
 * the check is skipped and every such attempt logs an error that says
 * so: loudly weaker, never silently.
 */
static int
dict_present(const char *dict)
{
	char path[4096];

	if ((size_t)snprintf(path, sizeof(path), "%s.pwd", dict) < sizeof(path) &&
	    access(path, R_OK) == 0 &&
	    (size_t)snprintf(path, sizeof(path), "%s.pwi", dict) < sizeof(path) &&
	    access(path, R_OK) == 0)
		return 1;
	pf_log(NULL, PF_LOG_ERR, "password: Auth.Password.Dictionary %s is missing; "
	    "common passwords are not refused (install cracklib-runtime)", dict);
	return 0;
}

/*
 * The first rule a password breaks, cheapest first.  email and name may
 * be NULL (not known yet).  An empty Auth.Password.Dictionary turns the
 * dictionary check off on purpose; a configured but missing one is logged.
 */
enum pf_pw
pf_pw_policy(const char *pw, const char *email, const char *name)
{
	const char *dict = pf_conf_str("Auth.Password.Dictionary");
	size_t n = strnlen(pw, PW_BYTES_MAX + 1), cp;

	if (n > PW_BYTES_MAX)
		return PF_PW_LONG;
	if (!text_ok(pw, n))
		return PF_PW_INVALID;
	cp = codepoints(pw, n);
	if (cp < (size_t)pf_conf_int("Auth.Password.MinLength"))
		return PF_PW_SHORT;
	if (cp > (size_t)pf_conf_int("Auth.Password.MaxLength"))
		return PF_PW_LONG;
	if (personal(pw, email, name))
		return PF_PW_PERSONAL;
	if (*dict && dict_present(dict) && common(pw, dict))
		return PF_PW_COMMON;
	return PF_PW_OK;
}
