/*
 * pf-int.h: libpforte's internals.  Programs include pforte.h only.
 */
#ifndef PF_INT_H
#define PF_INT_H

#include "pforte.h"

/* Hard limits that configuration may lower but never raise. */
#define PF_BODY_HARD_MAX	(1024 * 1024)
#define PF_FIELDS_HARD_MAX	256
#define PF_HEADER_MAX		8192	/* one header (Cookie, Accept-Language) */
#define PF_QUERY_MAX		8192
#define PF_PATH_MAX		2048
#define PF_COOKIES_MAX		64

/* Fields libpforte accepts on every page, after the program's own. */
enum pf_libkey { PF_KEY_LANG, PF_KEY_CSRF, PF_KEY__MAX };

struct pf_io;
struct pf_audit_q;
struct _hdf;

struct pf_req {
	struct pf_pool		*pool;
	const struct pf_app	*app;
	const struct pf_page	*page;
	unsigned		 allowed;	/* methods the path has */
	struct pf_db		*db;
	struct pf_io		*io;
	char			 id[17];	/* request id, hex */
	enum pf_method		 method;
	const char		*path;
	const char		*lang;
	const char		*ip;
	const char		*values[64];	/* program fields by key */
	const char		*libvalues[PF_KEY__MAX];
	struct pf_pair		*cookies;
	size_t			 ncookies;
	struct _hdf		*hdf;		/* template data */
	/* session.c: the session, the secret its cookie carried (or the
	 * anonymous visitor's __Host-pf_pre secret) and the form token */
	struct pf_session	*session;
	unsigned char		 secret[PF_TOKEN_BYTES];
	int			 has_secret;
	int			 sess_dropped;	/* a cookie named a dead session */
	/* perm.c: the session user's grants, read once per request */
	int			 perm_loaded;	/* 0 not yet, 1 read, -1 failed */
	unsigned char		 perm_global[PF_PERM__MAX];
	unsigned char		 perm_org[PF_PERM__MAX];
	char			 csrf[PF_TOKEN_CHARS + 1];
	/* audit.c: events queued until pf_tx commits */
	struct pf_audit_q	*audit, *audit_tail;
	int			 alerting;	/* pf_alerts_check is running */
	/* response */
	int			 status;
	struct pf_buf		 headers;	/* extra header lines */
	struct pf_buf		 body;
	const char		*ctype;
	const char		*csp_form, *csp_frame;	/* pf_resp_csp_allow */
	int			 nostore;
	int			 head_only;
	int			 streamed;	/* the head went out (pf_resp_stream_begin) */
	int			 client_gone;	/* a write failed */
};

/* I/O of one request: FastCGI streams or CGI stdio. */
struct pf_io {
	const char	*(*getenv)(struct pf_io *, const char *);
	size_t		 (*read)(struct pf_io *, void *, size_t);
	int		 (*write)(struct pf_io *, const void *, size_t);	/* 0 or -1 */
	void		  *ctx;
};

/* req.c */
int	 pf_req_parse(struct pf_req *);	/* 0 or the HTTP status of the error */
/* The body's announced length (-1: none): 0, 411 for a POST or PUT that
 * announces none, 400 for a malformed one. */
int	 pf_req_length(struct pf_req *, long long *);
/* Attach parsed pairs to the page's declared fields, validated: 0 or 400. */
int	 pf_req_bind(struct pf_req *, const struct pf_pair *, size_t);

/* resp.c */
void	 pf_resp_finish(struct pf_req *);
void	 pf_resp_reset(struct pf_req *);
int	 pf_resp_error(struct pf_req *, int status);
const char *pf_status_text(int);

/* tmpl.c */
int	 pf_tmpl_init(char *err, size_t errsz);
void	 pf_tmpl_begin(struct pf_req *);
void	 pf_tmpl_end(struct pf_req *);
void	 pf_tmpl_free(void);
/* Plain text without escaping, for mail bodies only (vars as <prefix>.*). */
int	 pf_tmpl_text(const char *lang, const char *name, const struct pf_var *,
	    size_t, const char *prefix, struct pf_buf *out);
/* A language string of lang without a request, or the key. */
const char *pf_tr_lang(const char *lang, const char *key);

/* mail.c: the parts of a message, exposed for the unit tests.  An address
 * fit for a header and an SMTP command (1) or not (0); a header line
 * "Name: text" with RFC 2047 encoded words when needed, folded at 76;
 * text as quoted-printable with CRLF line ends. */
int	 pf_mail_addr_ok(const char *);
void	 pf_mail_header(struct pf_buf *, const char *name, const char *text);
void	 pf_mail_qp(struct pf_buf *, const char *, size_t);
/* 1 when a URL's host is 127.0.0.1, ::1 or localhost. */
int	 pf_url_loopback(const char *url);

/* sms.c: the number without separators in out (0), or -1 when it is not
 * one; the gateway's body from its template, -1 on bad input. */
int	 pf_sms_number(const char *in, char *out, size_t outsz);
int	 pf_sms_body(struct pf_buf *, const char *tmpl, const char *ctype,
	    const char *to, const char *text);

/* maint.c */
void	 pf_maint_banner(struct pf_req *);

/* session.c */
int	 pf_session_load(struct pf_req *);	/* 0 or an HTTP status */
void	 pf_session_forget(struct pf_req *);	/* wipe the request's secrets */
int	 pf_csrf_check(struct pf_req *);	/* 1 when the form token matches */
int	 pf_auth_gate(struct pf_req *);		/* 0, or the page's answer */
void	 pf_session_present(struct pf_req *);	/* Session.* for the layout */
/* The navigation for a visitor (0), a signed-in user (1) or one who may
 * administer something (2). */
void	 pf_tmpl_nav(struct pf_req *, int level);

/* legal.c: 1 when the session's user must accept a legal text in force
 * before this page (the acceptance gate of pf_auth_gate), 0 when not
 * (nothing in force, all accepted, or a page every user may reach:
 * accepting, reading the texts, signing out), -1 when the database
 * failed. */
int	 pf_legal_pending(struct pf_req *);

/* csrf.c */
int	 pf_base_init(void);
int	 pf_csrf_origin_ok(const struct pf_req *);
const char *pf_base_origin(void);

/* log.c */
void	 pf_log_set_debug(int);
void	 pf_log_set_request(const char *);
void	 pf_log_set_syslog(int);
void	 pf_random_hex(char *, size_t nbytes);

/* audit.c: pf_tx writes the queued events before it commits, hands them
 * to the alert rules after, and drops them when it rolls back. */
void		pf_audit_now(char out[PF_TIME_LEN + 1]);
enum pf_dberr	pf_audit_flush(struct pf_req *);
void		pf_audit_committed(struct pf_req *);
void		pf_audit_discard(struct pf_req *);

#endif /* PF_INT_H */
