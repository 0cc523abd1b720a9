/* Unit tests: password hashes, the hash slots and the password policy
 * (password.c).  Hashes use libsodium's smallest sensible cost (8 MiB,
 * one pass) so that the suite stays fast; the policy needs cracklib's
 * dictionary (cracklib-runtime) and skips those checks without it. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <sodium.h>

#include "pforte.h"
#include "testconf.h"

#define DICT	"/var/cache/cracklib/cracklib_dict"

static char lockpath[] = "/tmp/pforte-t_password-XXXXXX";

/* The configuration: cheap hashes, the given time cost and slots, and the
 * lock file when lock is set. */
static void
config(int t, int slots, int lock, const char *dict)
{
	char conf[512], err[256];

	snprintf(conf, sizeof(conf), "Portal.BaseURL = https://p.example\n"
	    "Auth.Argon2.MemoryKiB = 8192\nAuth.Argon2.Time = %d\n"
	    "Auth.HashSlots = %d\n%s%s%s"
	    "Auth.Password.MinLength = 12\nAuth.Password.MaxLength = 64\n"
	    "Auth.Password.Dictionary = %s\n", t, slots,
	    lock ? "Auth.HashLock = " : "", lock ? lockpath : "", lock ? "\n" : "", dict);
	assert_int_equal(testconf_load(conf, 0600, err, sizeof(err)), 0);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
dict_present(void)
{
	return access(DICT ".pwd", R_OK) == 0 && access(DICT ".pwi", R_OK) == 0;
}

/* ---- hashes ------------------------------------------------------------- */

static void
t_hash_verify(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *h = NULL;
	int rehash = -1;

	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_hash(p, "correct horse battery staple", &h), 0);
	assert_non_null(h);
	assert_true(strncmp(h, "$argon2id$v=19$m=8192,t=1,p=1$", 30) == 0);
	assert_int_equal(pf_pw_verify(h, "correct horse battery staple", &rehash), 1);
	assert_int_equal(rehash, 0);
	assert_int_equal(pf_pw_verify(h, "correct horse battery stapl", &rehash), 0);
	assert_int_equal(pf_pw_verify(h, "Correct horse battery staple", NULL), 0);
	assert_int_equal(pf_pw_verify(h, "", NULL), 0);
	pf_pool_free(p);
}

/* Every hash has its own salt. */
static void
t_hash_salted(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *a, *b;

	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_hash(p, "same password here", &a), 0);
	assert_int_equal(pf_pw_hash(p, "same password here", &b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(pf_pw_verify(b, "same password here", NULL), 1);
	pf_pool_free(p);
}

static void
t_rehash(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *h, *h2, a2i[crypto_pwhash_STRBYTES];
	int rehash = -1;

	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_hash(p, "a password of mine", &h), 0);
	config(2, 2, 0, DICT);
	assert_int_equal(pf_pw_verify(h, "a password of mine", &rehash), 1);
	assert_int_equal(rehash, 1);
	assert_int_equal(pf_pw_hash(p, "a password of mine", &h2), 0);
	assert_true(strncmp(h2, "$argon2id$v=19$m=8192,t=2,p=1$", 30) == 0);
	assert_int_equal(pf_pw_verify(h2, "a password of mine", &rehash), 1);
	assert_int_equal(rehash, 0);

	/* An argon2i hash still verifies, and asks to be replaced. */
	assert_int_equal(crypto_pwhash_str_alg(a2i, "old", 3, 3, 8192 * 1024,
	    crypto_pwhash_ALG_ARGON2I13), 0);
	assert_int_equal(pf_pw_verify(a2i, "old", &rehash), 1);
	assert_int_equal(rehash, 1);
	pf_pool_free(p);
}

static void
t_broken_hash(void **state)
{
	int rehash = -1;

	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_verify("", "x", &rehash), -1);
	assert_int_equal(pf_pw_verify("secret", "secret", &rehash), -1);
	assert_int_equal(pf_pw_verify("$2y$10$abcdefghijklmnopqrstuu", "x", &rehash), -1);
	assert_int_equal(pf_pw_verify("$argon2id$v=19$m=8192,t=1,p=1$garbage", "x", &rehash), -1);
}

static void
t_dummy(void **state)
{
	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_dummy("anything at all"), 0);	/* makes the dummy hash */
	assert_int_equal(pf_pw_dummy("anything at all"), 0);
	assert_int_equal(pf_pw_dummy(""), 0);
	config(2, 2, 0, DICT);			/* new parameters, new dummy */
	assert_int_equal(pf_pw_dummy("anything at all"), 0);
}

/* ---- slots -------------------------------------------------------------- */

/* A child process that holds slot 0 until told to go: fcntl locks belong
 * to a process, so the test's own locks would not block itself. */
static pid_t
holder(int *go)
{
	int ready[2], wait_[2];
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	pid_t pid;
	char c;
	int fd;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(wait_), 0);
	assert_true((pid = fork()) >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(wait_[1]);
		if ((fd = open(lockpath, O_RDWR)) < 0 || fcntl(fd, F_SETLKW, &fl) < 0)
			_exit(1);
		(void)!write(ready[1], "x", 1);
		(void)!read(wait_[0], &c, 1);
		_exit(0);
	}
	close(ready[1]);
	close(wait_[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	*go = wait_[1];
	return pid;
}

/* 0 when another process can lock the byte right now. */
static int
lockable(int slot)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = slot, .l_len = 1 };
	pid_t pid;
	int st, fd;

	assert_true((pid = fork()) >= 0);
	if (pid == 0)
		_exit((fd = open(lockpath, O_RDWR)) >= 0 && fcntl(fd, F_SETLK, &fl) == 0 ? 0 : 1);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 2;
}

static void
t_slot_cap(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *h = NULL, *h2;
	double t0, dt;
	pid_t pid;
	int go, st;

	config(1, 1, 1, DICT);
	assert_int_equal(pf_pw_hash(p, "before anybody holds it", &h), 0);
	assert_int_equal(lockable(0), 0);	/* released after the hash */

	pid = holder(&go);
	t0 = now_s();
	assert_int_equal(pf_pw_hash(p, "while the slot is taken", &h2), -1);
	dt = now_s() - t0;
	assert_true(dt >= 0.95);	/* it waited for a slot before giving up */
	assert_int_equal(pf_pw_verify(h, "before anybody holds it", NULL), -1);
	assert_int_equal(pf_pw_dummy("nobody"), -1);

	config(1, 2, 1, DICT);			/* a second slot is free */
	assert_int_equal(pf_pw_verify(h, "before anybody holds it", NULL), 1);
	assert_int_equal(lockable(1), 0);

	assert_int_equal(write(go, "x", 1), 1);	/* the holder goes */
	close(go);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	config(1, 1, 1, DICT);
	assert_int_equal(pf_pw_verify(h, "before anybody holds it", NULL), 1);
	pf_pool_free(p);
}

/* A holder that dies (crash, kill -9) takes its lock along. */
static void
t_slot_crash(void **state)
{
	struct pf_pool *p = pf_pool_new();
	char *h;
	pid_t pid;
	int go, st;

	config(1, 1, 1, DICT);
	pid = holder(&go);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	close(go);
	assert_int_equal(pf_pw_hash(p, "after the crash", &h), 0);
	pf_pool_free(p);
}

static void
t_slot_badpath(void **state)
{
	char conf[256], err[256];
	struct pf_pool *p = pf_pool_new();
	char *h;

	snprintf(conf, sizeof(conf), "Portal.BaseURL = https://p.example\n"
	    "Auth.Argon2.MemoryKiB = 8192\nAuth.Argon2.Time = 1\n"
	    "Auth.HashLock = /nonexistent/dir/lock\n");
	assert_int_equal(testconf_load(conf, 0600, err, sizeof(err)), 0);
	assert_int_equal(pf_pw_hash(p, "the cap must not vanish", &h), -1);
	pf_pool_free(p);
}

/* ---- policy ------------------------------------------------------------- */

static void
t_policy_length(void **state)
{
	char big[5000];

	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_policy("", NULL, NULL), PF_PW_SHORT);
	assert_int_equal(pf_pw_policy("short one", NULL, NULL), PF_PW_SHORT);
	assert_int_equal(pf_pw_policy("elevenchars", NULL, NULL), PF_PW_SHORT);
	/* 11 code points in 22 bytes: still short */
	assert_int_equal(pf_pw_policy("\xc3\xa4\xc3\xb6\xc3\xbc\xc3\x9f\xc3\xa4\xc3\xb6"
	    "\xc3\xbc\xc3\x9f\xc3\xa4\xc3\xb6\xc3\xbc", NULL, NULL), PF_PW_SHORT);
	/* "Grüße aus Köln" has 14 */
	assert_int_equal(pf_pw_policy("Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln", NULL, NULL),
	    PF_PW_OK);
	memset(big, 'x', 64);
	memcpy(big, "mountain river ", 15);
	big[64] = '\0';
	assert_int_equal(pf_pw_policy(big, NULL, NULL), PF_PW_OK);
	big[64] = 'y';
	big[65] = '\0';
	assert_int_equal(pf_pw_policy(big, NULL, NULL), PF_PW_LONG);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(pf_pw_policy(big, NULL, NULL), PF_PW_LONG);
	big[4096] = '\xff';	/* past 4096 bytes nothing is looked at */
	assert_int_equal(pf_pw_policy(big, NULL, NULL), PF_PW_LONG);
}

static void
t_policy_invalid(void **state)
{
	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_policy("correct horse \xff battery", NULL, NULL), PF_PW_INVALID);
	assert_int_equal(pf_pw_policy("correct horse \xc0\xa0 battery", NULL, NULL), PF_PW_INVALID);
	assert_int_equal(pf_pw_policy("correct horse \xed\xa0\x80 battery", NULL, NULL),
	    PF_PW_INVALID);		/* a surrogate */
	assert_int_equal(pf_pw_policy("correct horse\tbattery", NULL, NULL), PF_PW_INVALID);
	assert_int_equal(pf_pw_policy("correct horse\nbattery", NULL, NULL), PF_PW_INVALID);
	assert_int_equal(pf_pw_policy("correct horse\x7f" "battery", NULL, NULL), PF_PW_INVALID);
	assert_int_equal(pf_pw_policy("correct horse\xc2\x85" "battery", NULL, NULL),
	    PF_PW_INVALID);		/* C1 NEL */
	assert_int_equal(pf_pw_policy("correct horse\xc2\xa0" "battery", NULL, NULL),
	    PF_PW_OK);			/* a no-break space is text */
	assert_int_equal(pf_pw_policy("\xff", NULL, NULL), PF_PW_INVALID);
}

static void
t_policy_personal(void **state)
{
	const char *e = "max.mustermann@example.org", *n = "Max Mustermann";

	config(1, 2, 0, DICT);
	assert_int_equal(pf_pw_policy("Max.Mustermann-2024", e, n), PF_PW_PERSONAL);
	assert_int_equal(pf_pw_policy("my MAX.MUSTERMANN@example.org", e, n), PF_PW_PERSONAL);
	/* a piece of the local part, a word of the name */
	assert_int_equal(pf_pw_policy("xy mustermann zz", e, NULL), PF_PW_PERSONAL);
	assert_int_equal(pf_pw_policy("Eleonore sings at night", "e.f@example.org",
	    "Eleonore Fischbach"), PF_PW_PERSONAL);
	assert_int_equal(pf_pw_policy("we like FISCHBACH trout", "e.f@example.org",
	    "Eleonore Fischbach"), PF_PW_PERSONAL);
	assert_int_equal(pf_pw_policy("ask eleonore fischbach", NULL, "Eleonore Fischbach"),
	    PF_PW_PERSONAL);
	assert_int_equal(pf_pw_policy("hello jsmith how are you", "jsmith@example.org", NULL),
	    PF_PW_PERSONAL);
	/* parts under four characters do not count */
	assert_int_equal(pf_pw_policy("maximal lithium flows", "q@x.de", "Max Li"), PF_PW_OK);
	assert_int_equal(pf_pw_policy("maximal lithium flows", "max@x.de", NULL), PF_PW_OK);
	/* non-ASCII names match exactly (no case folding beyond ASCII) */
	assert_int_equal(pf_pw_policy("J\xc3\xb6rg paddles his canoe", NULL, "J\xc3\xb6rg Ott"),
	    PF_PW_PERSONAL);
	assert_int_equal(pf_pw_policy("blue coffee mountain river", e, n), PF_PW_OK);
}

static void
t_policy_common(void **state)
{
	static const char *const common[] = {
		/* cracklib's own verdicts */
		"administrator1",	/* based on a dictionary word */
		"aaaaaaaaaaaaaa",	/* not enough different characters */
		"abcdefghijklmn",	/* too simplistic/systematic */
		"123456789012",		/* too simplistic/systematic */
		"dragon123456",		/* too simplistic/systematic */
		/* cracklib on the core or the repeated unit */
		"password1234", "qwertyuiop12", "Welcome2024!", "letmein12345",
		"iloveyou1234", "sunshine2024", "football1234", "1234football",
		"passwordpassword", "trustno1trustno1", "!!!!staple!!!!",
	};
	static const char *const good[] = {
		"correct horse battery staple", "blue coffee mountain river",
		"Sommerurlaub in K\xc3\xa4rnten", "Sommerurlaub2024", "mountainbike1987",
		"Tr0ub4dor&3xyz", "zxcvbnmasdfg",
	};
	size_t i;

	if (!dict_present())
		skip();
	config(1, 2, 0, DICT);
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (pf_pw_policy(common[i], NULL, NULL) != PF_PW_COMMON)
			fail_msg("not refused as common: %s", common[i]);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (pf_pw_policy(good[i], NULL, NULL) != PF_PW_OK)
			fail_msg("refused: %s", good[i]);
}

/* Without the dictionary the check is skipped (and logged), not fatal. */
static void
t_policy_nodict(void **state)
{
	config(1, 2, 0, "/nonexistent/cracklib_dict");
	assert_int_equal(pf_pw_policy("password1234", NULL, NULL), PF_PW_OK);
	assert_int_equal(pf_pw_policy("short", NULL, NULL), PF_PW_SHORT);
}

static void
t_policy_keys(void **state)
{
	assert_null(pf_pw_policy_key(PF_PW_OK));
	assert_string_equal(pf_pw_policy_key(PF_PW_SHORT), "Password.Error.short");
	assert_string_equal(pf_pw_policy_key(PF_PW_LONG), "Password.Error.long");
	assert_string_equal(pf_pw_policy_key(PF_PW_PERSONAL), "Password.Error.personal");
	assert_string_equal(pf_pw_policy_key(PF_PW_COMMON), "Password.Error.common");
	assert_string_equal(pf_pw_policy_key(PF_PW_INVALID), "Password.Error.invalid");
	assert_null(pf_pw_policy_key(PF_PW__MAX));
}

static int
setup(void **state)
{
	int fd = mkstemp(lockpath);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	unlink(lockpath);
	pf_conf_free();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_hash_verify),
		cmocka_unit_test(t_hash_salted),
		cmocka_unit_test(t_rehash),
		cmocka_unit_test(t_broken_hash),
		cmocka_unit_test(t_dummy),
		cmocka_unit_test(t_slot_cap),
		cmocka_unit_test(t_slot_crash),
		cmocka_unit_test(t_slot_badpath),
		cmocka_unit_test(t_policy_length),
		cmocka_unit_test(t_policy_invalid),
		cmocka_unit_test(t_policy_personal),
		cmocka_unit_test(t_policy_common),
		cmocka_unit_test(t_policy_nodict),
		cmocka_unit_test(t_policy_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
