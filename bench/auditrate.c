/*
 * auditrate: audit events per second through the chain, next to plain
 * durable INSERTs of rows the same size, to show what chaining costs:
 * sealing two values, a mac, and every writer taking its turn on
 * audit_head.
 *
 *   PFORTE_CONFIG=... auditrate SECONDS PROCESSES MODE
 *
 * MODE plain: one INSERT of a row like an audit row into bench_plain per
 *             transaction (the table is made by bench/run-audit.sh);
 *       chain: one pf_audit() per transaction through pf_tx, as a program
 *             writes it (login's account), the alert rules skipped;
 *       alerts: the same with the alert rules evaluated after each commit.
 * Each process has its own connection; every commit is durable (the
 * server's innodb_flush_log_at_trx_commit).  Prints the total per second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pf-int.h"

static const char *const plain_sql[] = {
	"INSERT INTO bench_plain (created_at, program, event, outcome, user_id, request_id, "
	"detail, ip_enc, ua_enc, mac) VALUES (UTC_TIMESTAMP(6), 'login', "
	"'auth.login.failure', 'fail', 1, ?, 'password', ?, ?, ?)",
};

static const char *
bench_env(struct pf_io *io, const char *name)
{
	(void)io;
	return strcmp(name, "HTTP_USER_AGENT") == 0 ?
	    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
	    "Chrome/120.0 Safari/537.36" : NULL;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
one_event(struct pf_req *r, void *arg)
{
	(void)arg;
	return pf_tx_err(pf_audit(r, "auth.login.failure", PF_AUDIT_FAIL, 1, "password"));
}

static int
one_plain(struct pf_req *r, void *arg)
{
	static const char blob[64] = { 1 };

	(void)arg;
	return pf_tx_err(pf_db_exec(r->db, PF_SQL_APP, PF_ARGS(PF_STR(r->id),
	    PF_BLOB(blob, 45), PF_BLOB(blob, 64), PF_BLOB(blob, 32)), NULL, NULL));
}

static int
worker(int me, const char *mode, double until, int fd)
{
	static const struct pf_app app = { .name = "login" };
	struct pf_io io = { .getenv = bench_env };
	struct pf_req r;
	unsigned long long n = 0, failed = 0;
	int plain = strcmp(mode, "plain") == 0;
	char line[64];
	int len;

	memset(&r, 0, sizeof(r));
	r.app = &app;
	r.io = &io;
	r.ip = "127.0.0.1";
	r.alerting = strcmp(mode, "alerts") != 0;	/* 1: rules skipped */
	r.db = plain ? pf_db_new("admin", plain_sql, 1) : pf_db_new("login", NULL, 0);
	while (now() < until) {
		r.pool = pf_pool_new();
		snprintf(r.id, sizeof(r.id), "%08x%08llx", (unsigned)me, n);
		if (pf_tx(&r, plain ? one_plain : one_event, NULL) == 0)
			n++;
		else
			failed++;
		pf_pool_free(r.pool);
	}
	len = snprintf(line, sizeof(line), "%llu %llu\n", n, failed);
	if (write(fd, line, (size_t)len) != len)
		return 1;
	pf_db_free(r.db);
	return failed != 0;
}

int
main(int argc, char *argv[])
{
	unsigned long long n, failed, total = 0, totalfailed = 0;
	double secs, start;
	char err[256], line[64];
	int fd[2], procs, i, status, rc = 0;
	FILE *in;

	if (argc != 4 || (secs = atof(argv[1])) <= 0 || (procs = atoi(argv[2])) < 1 ||
	    (strcmp(argv[3], "plain") != 0 && strcmp(argv[3], "chain") != 0 &&
	    strcmp(argv[3], "alerts") != 0)) {
		fprintf(stderr, "usage: auditrate SECONDS PROCESSES plain|chain|alerts\n");
		return 2;
	}
	pf_log_init("auditrate");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "auditrate: %s\n", err);
		return 1;
	}
	if (pipe(fd) < 0)
		return 1;
	start = now();
	for (i = 0; i < procs; i++)
		if (fork() == 0) {
			close(fd[0]);
			_exit(worker(i, argv[3], start + secs, fd[1]));
		}
	close(fd[1]);
	in = fdopen(fd[0], "r");
	while (in != NULL && fgets(line, sizeof(line), in) != NULL)
		if (sscanf(line, "%llu %llu", &n, &failed) == 2) {
			total += n;
			totalfailed += failed;
		}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = 1;
	printf("%s %d processes: %.0f events/s (%llu in %.1f s, %llu failed)\n", argv[3], procs,
	    (double)total / (now() - start), total, now() - start, totalfailed);
	return rc;
}
