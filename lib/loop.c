/*
 * loop.c: pf_main(), the one request pipeline of every program.
 *
 * The same binary serves as a persistent FastCGI worker (started by the
 * web server or spawn-fcgi, or listening itself with --listen) and as a
 * one-shot CGI program: libfcgi's FCGX_Accept_r() fails with ENOTSOCK
 * under plain CGI, so that case is detected first and served from the
 * environment and stdio.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <ClearSilver.h>
#include <curl/curl.h>
#include <fcgiapp.h>
#include <mysql.h>

#include "pf-int.h"

static volatile sig_atomic_t stopping;
static struct pf_buf bodybuf, headbuf;	/* reused across requests */

/* ---- FastCGI and CGI I/O ---- */

static const char *
fcgi_getenv(struct pf_io *io, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)io->ctx)->envp);
}

static size_t
fcgi_read(struct pf_io *io, void *buf, size_t n)
{
	size_t got = 0;
	int k;

	while (got < n) {
		k = FCGX_GetStr((char *)buf + got, (int)(n - got > 65536 ? 65536 : n - got),
		    ((FCGX_Request *)io->ctx)->in);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	return got;
}

static int
fcgi_write(struct pf_io *io, const void *p, size_t n)
{
	FCGX_Stream *out = ((FCGX_Request *)io->ctx)->out;

	while (n > 0) {
		int k = (int)(n > 65536 ? 65536 : n);

		if (FCGX_PutStr(p, k, out) != k)
			return -1;	/* the client went away */
		p = (const char *)p + k;
		n -= (size_t)k;
	}
	return 0;
}

static const char *
cgi_getenv(struct pf_io *io, const char *name)
{
	return getenv(name);
}

static size_t
cgi_read(struct pf_io *io, void *buf, size_t n)
{
	return fread(buf, 1, n, stdin);
}

static int
cgi_write(struct pf_io *io, const void *p, size_t n)
{
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* ---- the pipeline ---- */

static void
serve(const struct pf_app *app, struct pf_pool *pool, struct pf_db *db, struct pf_io *io)
{
	struct pf_req r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.pool = pool;
	r.app = app;
	r.db = db;
	r.io = io;
	r.status = 200;
	r.body = bodybuf;
	r.headers = headbuf;
	pf_buf_reset(&r.body);
	pf_buf_reset(&r.headers);
	pf_random_hex(r.id, 8);
	pf_log_set_request(r.id);

	rc = pf_req_parse(&r);
	pf_tmpl_begin(&r);
	if (rc == 0 && (r.page->flags & PF_PAGE_DB) && pf_db_ensure(db) != PF_DB_OK) {
		pf_log(&r, PF_LOG_ERR, "database unavailable: answering 503");
		rc = 503;
	}
	if (rc == 0 && (r.page->flags & PF_PAGE_DB))
		rc = pf_session_load(&r);
	if (rc == 0 && (r.session != NULL || (r.page->flags & PF_PAGE_FORM)))
		pf_csrf_token(&r);
	/* An upload's form token is in its body: pf_upload() checks it
	 * before the file's first byte. */
	if (rc == 0 && !(r.method & (PF_GET | PF_HEAD | PF_OPTIONS)) &&
	    !(r.page->flags & PF_PAGE_NOCSRF) && (!pf_csrf_origin_ok(&r) ||
	    (!(r.page->flags & PF_PAGE_UPLOAD) && !pf_csrf_check(&r)))) {
		pf_log(&r, PF_LOG_WARN, "refused a state change without a valid form token: %s",
		    r.path);
		rc = 403;
	}
	if (rc == 0 && (rc = pf_auth_gate(&r)) == 0)
		pf_session_present(&r);
	if (rc < 0)	/* the gate sent the visitor elsewhere */
		rc = 0;
	else if (rc == 0) {
		rc = r.page->handler(&r);
		if (pf_db_in_tx(db)) {
			/* A handler that neither commits nor rolls back failed
			 * half-way: its changes must not land. */
			pf_db_rollback(db);
			if (rc == 0) {
				pf_log(&r, PF_LOG_ERR, "handler left a transaction open");
				rc = 500;
			}
		}
	}
	if (rc != 0 && r.streamed)
		/* Too late for an error page: the body stops short of its
		 * Content-Length, and the client sees a broken transfer. */
		pf_log(&r, PF_LOG_WARN, "%d after the head went out: response cut short", rc);
	else if (rc != 0)
		pf_resp_error(&r, rc);
	if (r.status >= 500)
		pf_log(&r, PF_LOG_WARN, "%d for %s", r.status, r.path ? r.path : "-");
	pf_resp_finish(&r);
	pf_tmpl_end(&r);
	pf_session_forget(&r);
	bodybuf = r.body;
	headbuf = r.headers;
	/* A large response must not pin its memory for the worker's life. */
	if (bodybuf.cap > 1024 * 1024)
		pf_buf_free(&bodybuf);
	pf_pool_reset(pool);
	pf_log_set_request(NULL);
}

static void
on_term(int sig)
{
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
signals(void)
{
	struct sigaction sa;

	/* Without SA_RESTART, so that a blocked accept() returns at once;
	 * libfcgi's own handler would wait for one more request. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void
usage(const char *name)
{
	fprintf(stderr, "usage: %s [--listen ADDR:PORT|PATH] [--check-config]\n"
	    "  Runs as FastCGI under a web server or spawn-fcgi, or as CGI.\n"
	    "  The configuration is read from $PFORTE_CONFIG (default %s).\n",
	    name, pf_conf_path());
}

int
pf_main(const struct pf_app *app, int argc, char *argv[])
{
	struct pf_pool *pool;
	struct pf_db *db;
	struct pf_io io;
	FCGX_Request fr;
	const char *listen_at = NULL;
	char err[512];
	int i, sock = 0, check_only = 0, rc;

	pf_log_init(app->name);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen_at = argv[++i];
		else if (strcmp(argv[i], "--check-config") == 0)
			check_only = 1;
		else {
			usage(app->name);
			return 2;
		}
	}
	if (app->nfields > 63) {
		pf_log(NULL, PF_LOG_ERR, "too many fields declared");
		return 1;
	}
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0 ||
	    pf_base_init() < 0 || pf_tmpl_init(err, sizeof(err)) < 0) {
		pf_log(NULL, PF_LOG_ERR, "%s", *err ? err : "bad Portal.BaseURL");
		return 1;
	}
	if (check_only) {
		fprintf(stderr, "%s: configuration OK\n", app->name);
		pf_tmpl_free();
		pf_conf_free();
		return 0;
	}
	pf_log_set_debug(pf_conf_int("Log.Debug") != 0);
	pf_log_set_syslog(pf_conf_int("Log.Syslog") != 0);
	if (mysql_library_init(0, NULL, NULL) != 0 ||
	    curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		pf_log(NULL, PF_LOG_ERR, "library initialisation failed");
		return 1;
	}
	signals();
	pool = pf_pool_new();
	db = pf_db_new(app->account != NULL ? app->account : app->name, app->sql, app->nsql);

	if (listen_at == NULL && FCGX_IsCGI()) {
		io = (struct pf_io){ cgi_getenv, cgi_read, cgi_write, NULL };
		serve(app, pool, db, &io);
		fflush(stdout);
	} else {
		FCGX_Init();
		if (listen_at != NULL && (sock = FCGX_OpenSocket(listen_at, 64)) < 0) {
			pf_log(NULL, PF_LOG_ERR, "cannot listen on %s", listen_at);
			return 1;
		}
		FCGX_InitRequest(&fr, sock, FCGI_FAIL_ACCEPT_ON_INTR);
		io = (struct pf_io){ fcgi_getenv, fcgi_read, fcgi_write, &fr };
		pf_log(NULL, PF_LOG_INFO, "serving FastCGI");
		while (!stopping) {
			if ((rc = FCGX_Accept_r(&fr)) < 0) {
				if (rc == -EINTR && !stopping)
					continue;
				break;
			}
			serve(app, pool, db, &io);
			FCGX_Finish_r(&fr);
		}
		FCGX_Free(&fr, 1);
	}
	pf_db_free(db);
	pf_pool_free(pool);
	pf_buf_free(&bodybuf);
	pf_buf_free(&headbuf);
	pf_tmpl_free();
	pf_conf_free();
	curl_global_cleanup();
	mysql_library_end();
	return 0;
}
