/*
 * keycost: what the key provider costs per request once keys are unwrapped.
 *
 *   PFORTE_CONFIG=... keycost USER-ID SECONDS
 *
 * Loads (decrypts) one user again and again, as a program does on every
 * request, and prints loads per second.  Run once with Keys.Provider =
 * file and once with pkcs11: the provider is only asked on the first load
 * (the data key is then cached), so the figures should match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pforte.h"

int
main(int argc, char *argv[])
{
	struct pf_db *db;
	struct pf_pool *p;
	struct pf_account a;
	struct timespec t0, t1;
	char err[512];
	unsigned long long id, n = 0;
	double secs, el;

	if (argc != 3 || (id = strtoull(argv[1], NULL, 10)) == 0 || (secs = atof(argv[2])) <= 0) {
		fprintf(stderr, "usage: keycost USER-ID SECONDS\n");
		return 2;
	}
	pf_log_init("keycost");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "keycost: %s\n", err);
		return 2;
	}
	db = pf_db_new("admin", NULL, 0);
	p = pf_pool_new();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		pf_pool_reset(p);
		if (pf_account_load(db, p, id, &a) != PF_ACC_OK) {
			fprintf(stderr, "keycost: cannot load user %llu\n", id);
			return 1;
		}
		n++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	} while (el < secs);
	printf("%s: %.0f user loads/s (%llu in %.1f s)\n", pf_conf_str("Keys.Provider"),
	    (double)n / el, n, el);
	pf_pool_free(p);
	pf_db_free(db);
	return 0;
}
