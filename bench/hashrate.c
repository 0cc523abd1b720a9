/*
 * hashrate: the argon2id floor of a password sign-in.
 *
 *   PFORTE_CONFIG=... hashrate SECONDS [PROCESSES]
 *
 * Makes one hash with pf_pw_hash() under the configured Auth.Argon2.*
 * parameters, then lets PROCESSES processes (default: one per online
 * core) verify the right password against it with pf_pw_verify() for
 * SECONDS, as the login program does for every sign-in: the same
 * function, the same parameters, the same Auth.HashLock slots.  Nothing
 * else happens, so the sum is the most password sign-ins these cores
 * could ever complete per second.  Prints one line per process and a
 * total, with the CPU time the processes used (other work on the
 * machine shows up as a rate below cores / CPU time per verify).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pforte.h"

#define PASSWORD	"Vq7-Zmtk-Lw-4093"

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Verify until the deadline; writes "verifies busy elapsed" to fd. */
static int
worker(int me, const char *hash, double start, double until, int fd)
{
	unsigned long long n = 0, busy = 0, bad = 0;
	double t;
	char line[128];
	int len, rc;

	while ((t = now()) < start)
		usleep(1000);
	while (now() < until) {
		rc = pf_pw_verify(hash, PASSWORD, NULL);
		if (rc == 1)
			n++;
		else if (rc < 0)
			busy++;		/* no slot within a second */
		else
			bad++;
	}
	t = now() - start;
	len = snprintf(line, sizeof(line), "%d %llu %llu %llu %.3f\n", me, n, busy, bad, t);
	if (write(fd, line, (size_t)len) != len)
		return 1;
	return bad != 0;
}

int
main(int argc, char *argv[])
{
	struct pf_pool *p;
	struct rusage ru;
	char err[512], *hash, line[128];
	double secs, start, el, sum = 0, cpu;
	unsigned long long total = 0, busy = 0, n, b, x;
	long procs;
	int fds[2], i, me, status, failed = 0;
	FILE *in;

	procs = sysconf(_SC_NPROCESSORS_ONLN);
	if (argc < 2 || argc > 3 || (secs = atof(argv[1])) <= 0 ||
	    (argc == 3 && (procs = atol(argv[2])) < 1)) {
		fprintf(stderr, "usage: hashrate SECONDS [PROCESSES]\n");
		return 2;
	}
	pf_log_init("hashrate");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "hashrate: %s\n", err);
		return 2;
	}
	p = pf_pool_new();
	if (pf_pw_hash(p, PASSWORD, &hash) != 0) {
		fprintf(stderr, "hashrate: pf_pw_hash failed\n");
		return 1;
	}
	printf("argon2id m=%lld KiB t=%lld p=1, Auth.HashSlots %lld, %ld processes, %.0f s\n",
	    pf_conf_int("Auth.Argon2.MemoryKiB"), pf_conf_int("Auth.Argon2.Time"),
	    pf_conf_int("Auth.HashSlots"), procs, secs);
	fflush(stdout);
	if (pipe(fds) != 0) {
		perror("hashrate: pipe");
		return 1;
	}
	start = now() + 0.2;	/* all start together, after the forks */
	for (i = 0; i < procs; i++) {
		switch (fork()) {
		case -1:
			perror("hashrate: fork");
			return 1;
		case 0:
			close(fds[0]);
			_exit(worker(i, hash, start, start + secs, fds[1]));
		}
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (fgets(line, sizeof(line), in) != NULL) {
		if (sscanf(line, "%d %llu %llu %llu %lf", &me, &n, &b, &x, &el) != 5)
			continue;
		printf("process %d: %llu verifies in %.2f s (%.1f/s, %.2f ms each)%s\n", me, n, el,
		    (double)n / el, n ? el * 1000 / (double)n : 0.0,
		    b ? " (some waited over a second for a slot)" : "");
		total += n;
		busy += b;
		sum += (double)n / el;
	}
	for (i = 0; i < procs; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	getrusage(RUSAGE_CHILDREN, &ru);
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	printf("hash floor: %.1f verifies/s (%llu in %.0f s; %.2f ms CPU per verify, "
	    "%.2f of %ld cores busy)\n", sum, total, secs, total ? cpu * 1000 / (double)total : 0.0,
	    cpu / secs, procs);
	if (busy)
		printf("no slot within a second: %llu times\n", busy);
	pf_pool_free(p);
	return failed;
}
