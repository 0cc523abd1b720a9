/*
 * pforte.h: the interface of libpforte, shared by every Pforte program.
 *
 * A program is a table: its pages (path, methods, accepted fields,
 * handler), its input fields (name and validator) and its SQL statements.
 * pf_main() runs the one request pipeline over that table, as persistent
 * FastCGI or as one-shot CGI:
 *
 *   accept -> parse and validate input -> route (404/405) -> database
 *   -> CSRF for state changes -> handler -> render -> security headers
 *   -> finish -> release the request's memory in one go.
 *
 * Handlers only ever see input that passed its validator.  Structures are
 * opaque; names are prefixed pf_<subsystem>_.
 */
#ifndef PFORTE_H
#define PFORTE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PF_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* ---- memory (mem.c) ---------------------------------------------------- */

/* Allocation failure aborts the process: no caller has a NULL path. */
void	*pf_xmalloc(size_t);
void	*pf_xcalloc(size_t, size_t);
void	*pf_xrealloc(void *, size_t);
char	*pf_xstrdup(const char *);

/* A pool owns everything allocated for one request; pf_pool_reset()
 * releases it all at once and keeps the first block for the next one. */
struct pf_pool;
struct pf_pool	*pf_pool_new(void);
void		 pf_pool_reset(struct pf_pool *);
void		 pf_pool_free(struct pf_pool *);
void		*pf_palloc(struct pf_pool *, size_t);
void		*pf_pcalloc(struct pf_pool *, size_t);
char		*pf_pstrdup(struct pf_pool *, const char *);
char		*pf_pstrndup(struct pf_pool *, const char *, size_t);
char		*pf_psprintf(struct pf_pool *, const char *, ...) PF_PRINTF(2, 3);

/* Wipe a secret so the compiler cannot drop the store; compare secrets in
 * time independent of their content (0 when equal). */
void	 pf_wipe(void *, size_t);
int	 pf_memeq_ct(const void *, const void *, size_t);

/* ---- growable byte buffer (buf.c) -------------------------------------- */

struct pf_buf {
	char	*data;	/* always NUL-terminated when non-NULL */
	size_t	 len;
	size_t	 cap;
};
void	pf_buf_add(struct pf_buf *, const void *, size_t);
void	pf_buf_adds(struct pf_buf *, const char *);
void	pf_buf_addf(struct pf_buf *, const char *, ...) PF_PRINTF(2, 3);
void	pf_buf_reset(struct pf_buf *);
void	pf_buf_free(struct pf_buf *);
/* Append n bytes percent-encoded: every byte but RFC 3986's unreserved
 * characters and those in keep becomes %XX. */
void	pf_buf_pct(struct pf_buf *, const char *, size_t n, const char *keep);
/* Append one CSV cell (RFC 4180): always quoted, quotes doubled, then ','
 * or, for the last cell of a row, CRLF.  A cell a spreadsheet would take
 * for a formula (= + - @, or a tab, CR or LF first) gets a leading
 * apostrophe, so that no exported text runs as one. */
void	pf_buf_csv(struct pf_buf *, const char *, int last);

/* ---- parsing (utf8.c, form.c, cookie.c) -------------------------------- */

enum pf_perr {
	PF_PARSE_OK = 0,
	PF_PARSE_MALFORMED,	/* bad percent-encoding, empty name, ... */
	PF_PARSE_UTF8,		/* invalid UTF-8 or an embedded NUL */
	PF_PARSE_TOO_MANY,	/* more pairs than allowed */
	PF_PARSE_TOO_LONG,	/* input longer than allowed */
	PF_PARSE__MAX
};
const char *pf_perr_str(enum pf_perr);

struct pf_pair {
	const char	*name;
	const char	*val;	/* NUL-terminated, decoded */
	size_t		 vlen;
};

/* 1 when [s, s+n) is valid UTF-8 without overlongs, surrogates, NUL or
 * code points above U+10FFFF. */
int	pf_utf8_valid(const char *, size_t);
/* Characters (code points) of valid UTF-8 text: what a form's limits
 * count.  pf_trim: s without leading and trailing white space, in pool. */
size_t	pf_utf8_chars(const char *);
char	*pf_trim(struct pf_pool *, const char *);

/* Parse application/x-www-form-urlencoded input (a query string or a
 * body) strictly: every pair needs a non-empty name, every %XX must be
 * valid, decoded names and values must be valid UTF-8.  Appends to *pairs
 * (pool memory), at most max pairs in total. */
enum pf_perr pf_form_parse(struct pf_pool *, const char *, size_t, size_t max,
	    struct pf_pair **pairs, size_t *npairs);

/* Parse a Cookie header.  Other applications on the same host may set
 * cookies we cannot read, so malformed pairs are skipped, not fatal; only
 * too many pairs fail. Values are not decoded. */
enum pf_perr pf_cookie_parse(struct pf_pool *, const char *, size_t max,
	    struct pf_pair **pairs, size_t *npairs);

/* ---- multipart/form-data (multipart.c) --------------------------------- */

/*
 * A streaming parser for multipart/form-data (RFC 7578, RFC 2046): input
 * arrives in pieces of any size, part contents leave through callbacks
 * as soon as they cannot be the start of a delimiter, so memory stays
 * bounded by the boundary and the header limit, whatever the body's size.
 * Strict: CRLF line ends, a Content-Disposition of form-data with a name
 * in every part, no NUL or control characters in headers, names and file
 * names valid UTF-8.  Quoted parameter values end at the next '"' (there
 * are no backslash escapes: browsers percent-encode '"' instead).
 */
#define PF_MP_BOUNDARY_MAX	70
#define PF_MP_HEADER_MAX	8192	/* all header lines of one part */
#define PF_MP_PARTS_MAX		64

enum pf_mperr {
	PF_MP_OK = 0,
	PF_MP_MALFORMED,	/* not multipart/form-data as we accept it */
	PF_MP_LIMIT,		/* a header block, preamble or part count too large */
	PF_MP_STOPPED,		/* a callback asked to stop */
	PF_MP_TRUNCATED,	/* the input ended before the closing delimiter */
	PF_MP__MAX
};
const char *pf_mperr_str(enum pf_mperr);

/* The boundary of a Content-Type value ("multipart/form-data; boundary=x",
 * the parameter quoted or not, 1..70 characters of RFC 2046's set): 0, or
 * -1 when the type is something else or the boundary is missing or bad. */
int	pf_mp_boundary(const char *ctype, char out[PF_MP_BOUNDARY_MAX + 1]);

struct pf_mp_part {
	const char	*name;		/* the form field's name */
	const char	*filename;	/* NULL for a plain field; may be "" */
	const char	*ctype;		/* the declared type or NULL: never trusted */
};

/* Each returns 0 to go on; anything else stops the parser (PF_MP_STOPPED). */
struct pf_mp_cb {
	int	(*part)(void *ctx, const struct pf_mp_part *);	/* headers done */
	int	(*data)(void *ctx, const void *, size_t);	/* some content */
	int	(*end)(void *ctx);				/* part complete */
};

struct pf_mp;
/* NULL when boundary is not one (pf_mp_boundary checks it first). */
struct pf_mp	*pf_mp_new(const char *boundary, const struct pf_mp_cb *, void *ctx);
/* Feed the next piece of the body.  After an error every later call
 * returns the same error. */
enum pf_mperr	 pf_mp_feed(struct pf_mp *, const void *, size_t);
/* At the end of the input: PF_MP_OK only when the closing delimiter was
 * seen (what follows it, the epilogue, is ignored). */
enum pf_mperr	 pf_mp_finish(struct pf_mp *);
void		 pf_mp_free(struct pf_mp *);

/* ---- declared input fields (field.c) ----------------------------------- */

enum pf_ftype {
	PF_F_LINE,	/* one line of text: no control characters */
	PF_F_TEXT,	/* multi-line text: newlines and tabs allowed */
	PF_F_INT,	/* decimal integer within [min, max] */
	PF_F_ENUM,	/* one of choices */
	PF_F_TOKEN,	/* base64url alphabet, e.g. one-time tokens */
	PF_F_EMAIL,	/* a plausible address, no CR/LF */
	PF_F_BOOL,	/* "1" or "0" */
	/* ids within [min, max] from checkboxes of one name: the field may
	 * repeat, each value is checked, the handler sees them joined by
	 * ',' (at most maxlen bytes in all) */
	PF_F_IDS
};

struct pf_field {
	const char		 *name;
	enum pf_ftype		  type;
	size_t			  minlen;	/* in bytes */
	size_t			  maxlen;	/* in bytes; 0 means 256 */
	long long		  min, max;	/* PF_F_INT only */
	const char *const	 *choices;	/* PF_F_ENUM, NULL-terminated */
	int			(*check)(const char *, size_t); /* extra, optional */
};

/* 1 when value passes the field's validator. */
int	pf_field_valid(const struct pf_field *, const char *, size_t);

/* ---- configuration (conf.c) -------------------------------------------- */

/* Load and validate the configuration file (HDF).  Unknown keys and bad
 * values are refused.  Returns 0, or -1 with a message in err. */
int		 pf_conf_load(const char *path, char *err, size_t errsz);
const char	*pf_conf_path(void);		/* PFORTE_CONFIG or default */
const char	*pf_conf_str(const char *key);	/* value or default, never NULL */
long long	 pf_conf_int(const char *key);
/* Iterate the children of a node (e.g. "Status.Probe"): name and value,
 * which is NULL for a child that only has children (e.g. DB.Account.x). */
int		 pf_conf_each(const char *node,
		    void (*)(const char *name, const char *value, void *), void *);
void		 pf_conf_free(void);

/* ---- logging (log.c) --------------------------------------------------- */

enum pf_loglevel { PF_LOG_ERR, PF_LOG_WARN, PF_LOG_INFO, PF_LOG_DEBUG };
struct pf_req;

/* One fixed-format line on stderr (and syslog when configured):
 * time, program, pid, level, request id, message with control characters
 * escaped so nobody can forge a line.  Never pass secrets. */
void	pf_log(const struct pf_req *, enum pf_loglevel, const char *, ...)
	    PF_PRINTF(3, 4);
void	pf_log_init(const char *program);

/* ---- database (db.c) --------------------------------------------------- */

enum pf_dberr {
	PF_DB_OK = 0,
	PF_DB_UNAVAILABLE,	/* cannot connect, or the connection was lost */
	PF_DB_DUP,		/* unique key violation */
	PF_DB_RETRY,		/* deadlock or lock wait: retry the transaction */
	PF_DB_ERROR,		/* anything else: a bug or a schema mismatch */
	PF_DB__MAX
};
const char *pf_db_strerror(enum pf_dberr);

enum pf_vtype { PF_V_NULL, PF_V_INT, PF_V_STR };

/* A bound parameter or a fetched column. Strings may hold binary data. */
struct pf_val {
	enum pf_vtype	 type;
	long long	 i;
	const char	*s;	/* NUL-terminated in results */
	size_t		 len;
};
#define PF_INT(x)	((struct pf_val){ .type = PF_V_INT, .i = (x) })
#define PF_STR(x)	((struct pf_val){ .type = PF_V_STR, .s = (x), .len = strlen(x) })
#define PF_BLOB(p, n)	((struct pf_val){ .type = PF_V_STR, .s = (p), .len = (n) })
#define PF_NULL		((struct pf_val){ .type = PF_V_NULL })
#define PF_ARGS(...)	((const struct pf_val[]){ __VA_ARGS__ }), \
			(sizeof((const struct pf_val[]){ __VA_ARGS__ }) / sizeof(struct pf_val))

/* Result rows, row-major: v[row * cols + col], in pool memory. */
struct pf_rows {
	size_t		 n;
	size_t		 cols;
	struct pf_val	*v;
};
#define PF_CELL(r, row, col)	(&(r)->v[(row) * (r)->cols + (col)])
/* A cell as text: "" for NULL (and for integers, which have no text). */
const char	*pf_cell_str(const struct pf_rows *, size_t row, size_t col);

/*
 * SQL comes only from fixed tables of statements, addressed by id:
 * libpforte's own (ids below PF_SQL_APP) and the program's (ids from
 * PF_SQL_APP on; declare them as `[SQL_X - PF_SQL_APP] = "..."`).
 */
enum pf_libsql {
	PF_SQL_MAINT_BANNER,
	PF_SQL_KEY_ACTIVE,
	PF_SQL_KEY_BY_ID,
	PF_SQL_KEY_INSERT,
	PF_SQL_KEY_DESTROY,
	PF_SQL_KEY_INDEX,
	PF_SQL_USER_INSERT,
	PF_SQL_USER_SEAL,
	PF_SQL_USER_BY_BIDX,
	PF_SQL_USER_BY_ID,
	PF_SQL_USER_UPDATE,
	PF_SQL_USER_PW,
	PF_SQL_USER_SET_PW,
	PF_SQL_SESS_INSERT,
	PF_SQL_SESS_SEAL,
	PF_SQL_SESS_LOAD,
	PF_SQL_SESS_TOUCH,
	PF_SQL_SESS_ELEVATE,
	PF_SQL_SESS_MAILBOX,
	PF_SQL_SESS_DELETE,
	PF_SQL_SESS_DELETE_USER,
	PF_SQL_SESS_PURGE,
	PF_SQL_TOK_INVALIDATE,
	PF_SQL_TOK_INSERT,
	PF_SQL_TOK_PEEK,
	PF_SQL_TOK_USE,
	PF_SQL_TOK_GET,
	PF_SQL_THR_GET,
	PF_SQL_THR_FAIL,
	PF_SQL_THR_LOCK,
	PF_SQL_THR_CLEAR,
	PF_SQL_CODE_CLEAR,
	PF_SQL_CODE_INSERT,
	PF_SQL_CODE_USE,
	PF_SQL_TOTP_GET,
	PF_SQL_TOTP_INSERT,
	PF_SQL_TOTP_SEAL,
	PF_SQL_TOTP_STEP,
	PF_SQL_REC_DELETE,
	PF_SQL_REC_INSERT,
	PF_SQL_REC_USE,
	PF_SQL_REC_LEFT,
	PF_SQL_AUDIT_HEAD,
	PF_SQL_AUDIT_INSERT,
	PF_SQL_AUDIT_MOVE,
	PF_SQL_AUDIT_USER_ORG,
	PF_SQL_TOK_DATA,
	PF_SQL_TOK_DATA_GET,
	PF_SQL_SESS_NEXT,
	PF_SQL_PERM_LOAD,
	PF_SQL_ROLE_GET,
	PF_SQL_ROLE_GRANT,
	PF_SQL_ROLE_REVOKE,
	PF_SQL_ROLE_HELD,
	PF_SQL_USER_SET_EMAIL,
	PF_SQL_ORG_STATUS,
	PF_SQL_NOTICES,
	/* alert.c: the alert rules' counts, their memory, raising */
	PF_SQL_ALERT_FAIL_USER,
	PF_SQL_ALERT_FAIL_IP,
	PF_SQL_ALERT_FAIL_NET,
	PF_SQL_ALERT_DOWNLOADS,
	PF_SQL_ALERT_ROLE_ADMIN,
	PF_SQL_ALERT_DEDUP,
	PF_SQL_ALERT_INSERT,
	PF_SQL_ALERT_SEAL,
	PF_SQL_ALERT_PLACES,
	PF_SQL_ALERT_PLACE_ADD,
	PF_SQL_ALERT_DEVICES,
	PF_SQL_ALERT_DEVICE_ADD,
	PF_SQL_ALERT_LAST_GET,
	PF_SQL_ALERT_LAST_SET,
	/* sigkeys.c: the published SSO signing keys, a private half */
	PF_SQL_SSO_KEYS,
	PF_SQL_SSO_PRIVATE,
	/* ssologout.c: whom a session signed in to, ending its tokens */
	PF_SQL_SSO_PARTS,
	PF_SQL_SSO_SECTOR,
	PF_SQL_SSO_PARTS_DELETE,
	PF_SQL_SSO_TOKENS_END,
	/* legal.c: the legal texts in force, whether a user accepted them */
	PF_SQL_LEGAL_IN_FORCE,
	PF_SQL_LEGAL_ACCEPTED,
	PF_SQL_APP
};

struct pf_db;
struct pf_db	*pf_db_new(const char *account, const char *const *appsql, size_t nappsql);
void		 pf_db_free(struct pf_db *);
/* Connect when not connected; PF_DB_OK or PF_DB_UNAVAILABLE. */
enum pf_dberr	 pf_db_ensure(struct pf_db *);
/* Round-trip check: PF_DB_OK when the server answers. */
enum pf_dberr	 pf_db_ping(struct pf_db *);
enum pf_dberr	 pf_db_query(struct pf_db *, struct pf_pool *, unsigned id,
		    const struct pf_val *, size_t, struct pf_rows *);
enum pf_dberr	 pf_db_exec(struct pf_db *, unsigned id, const struct pf_val *,
		    size_t, unsigned long long *affected, unsigned long long *insert_id);
enum pf_dberr	 pf_db_begin(struct pf_db *);
enum pf_dberr	 pf_db_commit(struct pf_db *);
void		 pf_db_rollback(struct pf_db *);
int		 pf_db_in_tx(const struct pf_db *);

/* ---- encryption at rest (crypt.c, keys.c; layers in pf-crypt.h) -------- */

/* Whose data key encrypts a value.  Personal data uses the user's own key,
 * so destroying that key erases every copy (crypto-shredding). */
enum pf_kscope { PF_KS_SYSTEM = 1, PF_KS_INDEX, PF_KS_ORG, PF_KS_USER, PF_KS_BACKUP,
	/* one key per document (owner: its id), content and metadata */
	PF_KS_DOCUMENT,
	/* the audit trail's: owner PF_AUDIT_SEAL seals its personal columns,
	 * owner PF_AUDIT_MAC keys the chain's macs.  Never rotated: the chain
	 * covers the sealed bytes, and rows are never rewritten. */
	PF_KS_AUDIT };
#define PF_AUDIT_SEAL	0
#define PF_AUDIT_MAC	1

enum pf_cerr {
	PF_C_OK = 0,
	PF_C_NOKEY,	/* no such key, or destroyed */
	PF_C_BAD,	/* tampered, moved to another place, or the wrong key */
	PF_C_PROVIDER,	/* the key provider is unavailable or misconfigured */
	PF_C_DB,	/* the database failed while looking up a key */
	PF_C__MAX
};
const char *pf_crypt_strerror(enum pf_cerr);

/* Where a value lives; bound into its ciphertext.  Table and column are
 * the real SQL names, the row its primary key. */
struct pf_cell {
	const char		*table;
	const char		*column;
	unsigned long long	 row;
};
#define PF_AT(t, c, r)	(&(const struct pf_cell){ (t), (c), (r) })
#define PF_BIDX_LEN	32

/* Encrypt under the active key of (scope, owner).  Only inside a
 * transaction: the key stays share-locked until it ends.  out is in pool. */
enum pf_cerr	pf_seal(struct pf_db *, struct pf_pool *, enum pf_kscope,
		    unsigned long long owner, const struct pf_cell *, const void *,
		    size_t, struct pf_val *out);
/* Decrypt into pool memory (NUL-terminated, wiped with the pool); a NULL
 * column stays NULL.  Anything but PF_C_OK leaves out as NULL. */
enum pf_cerr	pf_open(struct pf_db *, struct pf_pool *, const struct pf_cell *,
		    const struct pf_val *in, struct pf_val *out);
/* The blind index of a (normalised) value for writing: under the active
 * index key, inside a transaction. */
enum pf_cerr	pf_bidx_write(struct pf_db *, const char *domain, const void *,
		    size_t, unsigned char out[PF_BIDX_LEN]);
/* For finding a value: one index per usable index key (two while the
 * index key rotates); look for any of them. */
enum pf_cerr	pf_bidx_lookup(struct pf_db *, const char *domain, const void *,
		    size_t, unsigned char out[2][PF_BIDX_LEN], size_t *n);
/* A new data key for (scope, owner), inside a transaction. */
enum pf_cerr	pf_key_create(struct pf_db *, enum pf_kscope, unsigned long long owner);
/* Destroy every key of (scope, owner): what they encrypted is gone. */
enum pf_cerr	pf_key_destroy(struct pf_db *, enum pf_kscope, unsigned long long owner);

/* ---- user accounts (account.c) ---------------------------------------- */

enum pf_acc { PF_ACC_OK, PF_ACC_NOTFOUND, PF_ACC_DUP, PF_ACC_INVALID, PF_ACC_FAIL };

/* Decrypted, in pool memory. */
struct pf_account {
	unsigned long long	 id;
	unsigned long long	 org_id;	/* 0: none */
	const char		*email;
	const char		*name;
	const char		*phone;		/* "" when none */
	const char		*lang;
	const char		*status;
};

/* The form an address is stored, compared and indexed in: trimmed, ASCII
 * lower case, checked; NULL when it is not an address. */
char		*pf_email_normalise(struct pf_pool *, const char *);
/* Insert an invited user with a new data key, all sealed, inside the
 * caller's transaction; PF_ACC_DUP when the address is taken. */
enum pf_acc	 pf_account_create(struct pf_db *, struct pf_pool *, const char *email,
		    const char *name, const char *phone, const char *lang,
		    unsigned long long *id);
enum pf_acc	 pf_account_find(struct pf_db *, struct pf_pool *, const char *email,
		    unsigned long long *id);
enum pf_acc	 pf_account_load(struct pf_db *, struct pf_pool *, unsigned long long id,
		    struct pf_account *);
/* Replace name and phone ("" removes it), inside a transaction. */
enum pf_acc	 pf_account_update(struct pf_db *, struct pf_pool *, unsigned long long id,
		    const char *name, const char *phone);

/* The user's password hash ("" when none is set) and status, decrypted. */
enum pf_acc	 pf_account_password(struct pf_db *, struct pf_pool *, unsigned long long id,
		    const char **hash, const char **status);
/* Change the address (normalised, sealed, its blind index renewed) and
 * count it as verified, in a transaction; PF_ACC_DUP when taken. */
enum pf_acc	 pf_account_set_email(struct pf_db *, struct pf_pool *, unsigned long long id,
		    const char *email);
/* Store a new password hash ("": none, sign-in by magic link only), in a
 * transaction.  activate: the account
 * was proved by a link to its mailbox: invited becomes active and the
 * address counts as verified. */
enum pf_acc	 pf_account_set_password(struct pf_db *, struct pf_pool *,
		    unsigned long long id, const char *hash, int activate);

/* ---- passwords (password.c) -------------------------------------------- */

/* Why a password is refused; pf_pw_policy_key() names its message in the
 * language files. */
enum pf_pw { PF_PW_OK, PF_PW_SHORT, PF_PW_LONG, PF_PW_PERSONAL, PF_PW_COMMON,
	PF_PW_INVALID, PF_PW__MAX };
enum pf_pw	 pf_pw_policy(const char *pw, const char *email, const char *name);
const char	*pf_pw_policy_key(enum pf_pw);
/* argon2id with Auth.Argon2.* parameters.  A hash needs one of the
 * machine's Auth.HashSlots; without one within a second these return -1
 * (answer 503).  The memory is returned to the system afterwards. */
int	pf_pw_hash(struct pf_pool *, const char *pw, char **out);
/* 1 match, 0 no match, -1 no slot or a broken hash.  *rehash is set when
 * the hash was made with other parameters than configured now. */
int	pf_pw_verify(const char *hash, const char *pw, int *rehash);
/* The same work as a verification, for an account that does not exist:
 * 0, or -1 when there was no slot (answer as pf_pw_verify's -1). */
int	pf_pw_dummy(const char *pw);

/* ---- TOTP and QR codes (totp.c, qr.c) ---------------------------------- */

#define PF_TOTP_SECRET_LEN	20
void	 pf_totp_secret_new(unsigned char[PF_TOTP_SECRET_LEN]);
char	*pf_totp_base32(struct pf_pool *, const unsigned char *, size_t);
/* otpauth://totp/Issuer:label?secret=...&issuer=...&digits=6&period=30 */
char	*pf_totp_uri(struct pf_pool *, const char *issuer, const char *label,
	    const unsigned char *, size_t);
/* 1 when code (6 digits) is valid at now within one step either way and
 * its time step is later than last (a code is accepted once); *step is
 * the code's time step. */
int	 pf_totp_check(const unsigned char *, size_t, long long now, const char *code,
	    long long last, long long *step);
/* An SVG image of text as a QR code, NULL when it does not fit. */
char	*pf_qr_svg(struct pf_pool *, const char *text);

/* ---- outgoing mail and SMS (mail.c, sms.c) ------------------------------ */

struct pf_var { const char *name, *value; };
/* Render templates/mail/<kind>.cs in lang with vars (as Mail.<name>), its
 * subject from L.Mail.<Kind>.Subject, and send it through Mail.Transport.
 * The address is checked first: nothing with CR/LF or controls reaches
 * the transport.  0 when the transport took the message. */
int	pf_mail_send(const char *lang, const char *to, const char *kind,
	    const struct pf_var *vars, size_t nvars);
/* Send text through the SMS.URL gateway; 0 when it answered 2xx. */
int	pf_sms_send(const char *to, const char *text);

/* ---- random tokens (b64.c) --------------------------------------------- */

#define PF_TOKEN_BYTES	32
#define PF_TOKEN_CHARS	43	/* base64url of 32 bytes, unpadded */
/* base64url without padding; out needs 4 * ceil(n / 3) + 1 bytes. */
void	 pf_b64url(const unsigned char *, size_t, char *out);
/* Decode exactly n bytes from base64url text; 0 on success. */
int	 pf_b64url_decode(const char *, unsigned char *out, size_t n);
/* A fresh 256-bit token: raw bytes and their text. */
void	 pf_token_new(unsigned char raw[PF_TOKEN_BYTES], char text[PF_TOKEN_CHARS + 1]);
/* SHA-256 of a token, what the database stores. */
void	 pf_token_digest(const unsigned char raw[PF_TOKEN_BYTES], unsigned char out[32]);
/* The same from a token's text; -1 when the text is not a well-formed
 * token. */
int	 pf_token_hash(const char *text, unsigned char out[32]);

/* ---- transactions (tx.c) ------------------------------------------------ */

/* Run fn inside a transaction and commit.  fn returns 0 (commit), an HTTP
 * status (roll back, answer that status) or PF_TX_RETRY when a statement
 * reported PF_DB_RETRY; then the transaction is rolled back, response
 * headers set meanwhile are dropped, and fn runs again (three times at
 * most).  Returns 0 or an HTTP status. */
#define PF_TX_RETRY	(-1)
int	pf_tx(struct pf_req *, int (*fn)(struct pf_req *, void *), void *);
/* What fn returns for a database error: PF_TX_RETRY or 500/503. */
int	pf_tx_err(enum pf_dberr);

/* ---- sessions (session.c) ---------------------------------------------- */

enum pf_level { PF_LEVEL_NONE, PF_LEVEL_FIRST, PF_LEVEL_FULL };

struct pf_session {
	unsigned long long	 id;
	unsigned long long	 user;
	enum pf_level		 level;
	const char		*first;		/* password | magic | setup */
	const char		*second;	/* totp | email | sms | recovery | enrol, or "" */
	int			 mailbox;	/* proved control of the mailbox */
	const char		*next;		/* where to go after the second factor */
	int			 enrolled;	/* the user has a second factor */
	long long		 factor_age;	/* seconds since the last second
						 * factor; -1 before the first */
	unsigned long long	 org;		/* the user's organisation, 0: none */
};

/* The request's session (loaded by the pipeline from its cookie; expired,
 * unknown and malformed cookies are dropped), or NULL. */
const struct pf_session *pf_req_session(const struct pf_req *);
/* Start a session with a new token (never one the client offered), inside
 * the caller's transaction, and set its cookie.  A first-factor session
 * lives Auth.Session.PendingMinutes. */
enum pf_dberr	pf_session_start(struct pf_req *, unsigned long long user,
		    enum pf_level, const char *first, int mailbox, const char *next);
/* 1 when the session's second factor is recent enough for the actions
 * that need a step-up (Auth.StepUp.Minutes). */
int		pf_session_fresh(const struct pf_session *);
/* Raise the current session to PF_LEVEL_FULL with a new token; also what a
 * step-up does (the second factor's time is renewed). */
enum pf_dberr	pf_session_elevate(struct pf_req *, const char *second);
/* Mark the mailbox as proved (an e-mail code was entered). */
enum pf_dberr	pf_session_mailbox(struct pf_req *);
/* End the current session (row and cookie). */
enum pf_dberr	pf_session_end(struct pf_req *);
/* End every session of user but the one with id except (0: all). */
enum pf_dberr	pf_session_end_user(struct pf_db *, unsigned long long user,
		    unsigned long long except);
/* The form token for this request's session, or for the anonymous visitor
 * (double-submit of the __Host-pf_pre cookie, created on demand). */
const char	*pf_csrf_token(struct pf_req *);

/* ---- one-time links (token.c) ------------------------------------------- */

enum pf_tok { PF_TOK_MAGIC, PF_TOK_RESET, PF_TOK_SETUP, PF_TOK_VERIFY,
	/* the "not you?" link of a sign-in notice (alert.c): ends all sessions */
	PF_TOK_SECURE };
/* Issue a token valid for minutes; older unused ones of the same kind for
 * the user stop working.  In a transaction; *text in pool. */
enum pf_dberr	pf_token_issue(struct pf_db *, struct pf_pool *, enum pf_tok,
		    unsigned long long user, long minutes, const char *next, char **text);
/* The user of a valid unused token without using it (0 when invalid). */
enum pf_dberr	pf_token_peek(struct pf_db *, struct pf_pool *, enum pf_tok,
		    const char *text, unsigned long long *user);
/* Use a token: exactly one caller ever gets its user (0 otherwise). */
enum pf_dberr	pf_token_redeem(struct pf_db *, struct pf_pool *, enum pf_tok,
		    const char *text, unsigned long long *user, const char **next);
/* The same with a value bound to the token (e.g. the new address of a
 * verify link), sealed under the user's key: issue stores data, redeem
 * gives it back decrypted (NULL when the token is invalid or had none). */
enum pf_dberr	pf_token_issue_data(struct pf_db *, struct pf_pool *, enum pf_tok,
		    unsigned long long user, long minutes, const char *data, char **text);
enum pf_dberr	pf_token_redeem_data(struct pf_db *, struct pf_pool *, enum pf_tok,
		    const char *text, unsigned long long *user, const char **data);

/* Mail a magic or reset link to the active account of an address, within
 * the request quotas; nothing is said about whether one exists (linkmail.c).
 * 0, or an HTTP status when the database failed. */
int		pf_link_mail(struct pf_req *, enum pf_tok, const char *email,
		    const char *next);

/* ---- brute-force defence (throttle.c) ----------------------------------- */

enum pf_thr { PF_THR_ACCOUNT, PF_THR_IP, PF_THR_CODE, PF_THR_MAGIC, PF_THR_MAGIC_IP };
enum pf_thr_state { PF_THR_GO, PF_THR_WAIT, PF_THR_LOCKED };
/* May subject try now?  Counted under a keyed hash of subject, so counters
 * exist for addresses without an account too.  *wait: seconds. */
enum pf_dberr	pf_throttle_check(struct pf_db *, enum pf_thr, const char *subject,
		    enum pf_thr_state *, long *wait);
/* Count a failure (or, for PF_THR_MAGIC*, a request); *locked is set when
 * this one started a lock. */
enum pf_dberr	pf_throttle_fail(struct pf_db *, enum pf_thr, const char *subject,
		    int *locked);
enum pf_dberr	pf_throttle_clear(struct pf_db *, enum pf_thr, const char *subject);

/* ---- second factors (code.c, mfa.c) ------------------------------------- */

/* A 6-digit code for this session's second factor by e-mail or SMS;
 * replaces earlier ones; stored hashed.  In a transaction. */
enum pf_dberr	pf_code_issue(struct pf_db *, unsigned long long session,
		    const char *channel, char code[7]);
/* 1 when code matches an unused, unexpired code of the channel (then used). */
enum pf_dberr	pf_code_use(struct pf_db *, unsigned long long session,
		    const char *channel, const char *code, int *ok);

/* TOTP enrolment: the pending (unconfirmed) secret, made when missing. */
enum pf_dberr	pf_totp_pending(struct pf_db *, struct pf_pool *, unsigned long long user,
		    unsigned char secret[PF_TOTP_SECRET_LEN]);
/* Check a code against the pending secret (confirm = 1) or the confirmed
 * one; records its time step so it is never accepted again. */
enum pf_dberr	pf_totp_use(struct pf_db *, struct pf_pool *, unsigned long long user,
		    int confirm, const char *code, int *ok);
/* 1 when user has a confirmed authenticator. */
enum pf_dberr	pf_totp_enrolled(struct pf_db *, unsigned long long user, int *yes);
/* Ten new recovery codes (text in pool), replacing the old ones. */
#define PF_RECOVERY_CODES	10
enum pf_dberr	pf_recovery_new(struct pf_db *, struct pf_pool *, unsigned long long user,
		    char *codes[PF_RECOVERY_CODES]);
enum pf_dberr	pf_recovery_use(struct pf_db *, unsigned long long user,
		    const char *code, int *ok);
enum pf_dberr	pf_recovery_left(struct pf_db *, unsigned long long user, long long *n);

/* ---- audit trail (audit.c, auditmac.c, auditrow.c, events.c) ----------- */

enum pf_outcome { PF_AUDIT_OK, PF_AUDIT_FAIL, PF_AUDIT_INFO };
/* Record action (a name from events.c, e.g. "auth.login.failure") with
 * the request's time, id, session, actor, client address and user agent.
 * user: whom it concerns (0: nobody).  detail: non-personal ASCII, never
 * a secret.  The event is written when the caller's transaction (pf_tx)
 * commits, chained to the one before it, and not at all if it rolls back;
 * outside pf_tx it is written at once in a transaction of its own. */
enum pf_dberr	pf_audit(struct pf_req *, const char *action, enum pf_outcome,
		    unsigned long long user, const char *detail);

/* What changed, for the audit trail: before and after as text (NULL when
 * there was none).  Never a secret: no passwords, tokens or codes. */
struct pf_change { const char *field, *before, *after; };
/* Record a change of object (e.g. "user:42", "role:3") concerning user
 * and org (0: none), as pf_audit.  The changes are stored as JSON, sealed
 * under user's key (so erasing the user erases them) or the system key. */
enum pf_dberr	pf_audit_change(struct pf_req *, const char *action, unsigned long long user,
		    unsigned long long org, const char *object, const struct pf_change *,
		    size_t n);
/* The same with outcome and detail. */
enum pf_dberr	pf_audit_event(struct pf_req *, const char *action, enum pf_outcome,
		    unsigned long long user, unsigned long long org, const char *object,
		    const char *detail, const struct pf_change *, size_t n);

/* A request for a batch job without a web request (pforte-admin gdpr
 * erase): no session, no client, no page; pf_tx and pf_audit* work on it
 * as on a web request, so its events are chained like every other.  They
 * have no actor (a system event), program is program, the address "-",
 * no user agent; the alert rules are not run for them.  pf_sso_logout
 * works on it too (its template data goes nowhere).  The first call
 * loads the templates (pf_mail_send needs them).  Free with
 * pf_req_batch_free (it discards events not written). */
struct pf_req	*pf_req_batch(struct pf_db *, const char *program);
void		 pf_req_batch_free(struct pf_req *);

/* An event as written, for the alert rules (pf_alerts_check). */
#define PF_TIME_LEN	26	/* "YYYY-MM-DD HH:MM:SS.ffffff" */
struct pf_event {
	unsigned long long	 id;		/* audit_log.id */
	char			 at[PF_TIME_LEN + 1];	/* UTC */
	const char		*action, *object, *detail;
	enum pf_outcome		 outcome;
	unsigned long long	 actor, actor_org, user, org, session;
	/* audit_log.ip_idx, net_idx as written (has_ip_idx 0: none) */
	unsigned char		 ip_idx[PF_BIDX_LEN], net_idx[PF_BIDX_LEN];
	int			 has_ip_idx;
	struct pf_event		*next;
};

/* The kinds of events, for SIEM outputs and the viewer: every action the
 * programs write is listed in events.c (a test checks that). */
struct pf_event_kind {
	const char	*action;
	const char	*category;	/* ECS event.category */
	const char	*type;		/* ECS event.type */
	int		 severity;	/* CEF 0..10 */
};
/* The kind of action, NULL when it is not listed. */
const struct pf_event_kind *pf_event_kind(const char *action);
/* All kinds, terminated by { NULL }. */
extern const struct pf_event_kind pf_event_kinds[];

/* One audit_log row with its sealed columns opened, for the viewer and
 * the SIEM outputs (auditrow.c).  Strings live in the pool; ip, ua are ""
 * when absent or when they do not open (then opened is 0). */
struct pf_audit_row {
	unsigned long long	 id, actor, actor_org, user, org, session;
	char			 at[PF_TIME_LEN + 1];
	const char		*program, *action, *outcome, *object, *request_id,
				*detail, *ip, *ua;
	int			 opened;
};
/* The columns pf_audit_row_read() expects, in this order, for the
 * SELECT list of a query on audit_log (no table alias). */
#define PF_AUDIT_COLS	"id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), program, event, " \
	"outcome, actor_id, actor_org_id, user_id, org_id, object, session_id, request_id, " \
	"detail, ip_enc, ua_enc"
#define PF_AUDIT_NCOLS	15
/* Fill row from row i of rows (a query selecting PF_AUDIT_COLS first).
 * Returns the first failure to open ip or ua (the row is filled anyway):
 * PF_C_DB or PF_C_PROVIDER may pass, the others will not. */
enum pf_cerr	pf_audit_row_read(struct pf_db *, struct pf_pool *, const struct pf_rows *,
		    size_t i, struct pf_audit_row *);

/* The columns the chain's mac covers, in order, for a verifier's SELECT;
 * pf_audit_mac() computes a row's mac from them and the previous mac. */
#define PF_AUDIT_MAC_COLS	"id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), " \
	"program, event, outcome, actor_id, actor_org_id, user_id, org_id, object, " \
	"session_id, request_id, detail, ip_enc, ip_idx, net_idx, ua_enc, change_enc, mac_key"
#define PF_AUDIT_MAC_NCOLS	19
void		pf_audit_mac(const unsigned char key[32], const struct pf_val *,
		    const unsigned char prev[PF_BIDX_LEN], unsigned char out[PF_BIDX_LEN]);

/* The keyed hashes ip_idx may hold for a client address (text, any
 * spelling): one per index key in use, at most two during a rotation.
 * PF_C_BAD when ip is not an address. */
enum pf_cerr	pf_audit_ip_find(struct pf_db *, const char *ip,
		    unsigned char out[2][PF_BIDX_LEN], size_t *n);

/* The keyed hashes audit_log.ip_idx / net_idx of a client address (text),
 * under the active index key; net is the /24 (IPv4) or /48 (IPv6). */
enum pf_cerr	pf_audit_ip_idx(struct pf_db *, const char *ip,
		    unsigned char ip_idx[PF_BIDX_LEN], unsigned char net_idx[PF_BIDX_LEN]);

/* A row as SIEMs read it (auditfmt.c), malloc'd, one line without its
 * newline: JSON with Elastic Common Schema names, or ArcSight CEF.  Line
 * breaks, controls, terminal escapes and invalid UTF-8 in any field are
 * written as the text \xNN; long values are cut. */
char	*pf_audit_ecs(const struct pf_audit_row *);
char	*pf_audit_cef(const struct pf_audit_row *);
/* An RFC 5424 syslog message (no framing), malloc'd: prio is facility |
 * severity as for syslog(3), the time now, msg neutralised as above. */
char	*pf_syslog_5424(int prio, const char *host, const char *app,
	    const char *msgid, const char *msg);

/* ---- security alerts (alert.c) ------------------------------------------ */

/* Called by pf_tx after a commit with the events it wrote (never for the
 * events the alerts themselves write).  Evaluates the rules of Alerts.*,
 * raises alerts in a transaction of its own and delivers them.  Never
 * fails the request: problems are logged. */
void		pf_alerts_check(struct pf_req *, const struct pf_event *);

/* ---- geolocation (geo.c) ------------------------------------------------ */

/* Where an address is, from the MaxMind database of Alerts.GeoIP.
 * country: ISO 3166-1 alpha-2 ("DE"), "" when unknown (then has_loc is
 * 1); lat, lon in degrees when has_loc. */
struct pf_geo {
	char	 country[3];
	double	 lat, lon;
	int	 has_loc;
};
/* 0 with *out filled when the database knows ip's country or location;
 * -1 when it does not, ip is no address or geolocation is off (no
 * Alerts.GeoIP, or the database could not be opened: logged once). */
int	pf_geo_lookup(const char *ip, struct pf_geo *out);
/* 1 when a database is open (opens it on the first call), else 0. */
int	pf_geo_enabled(void);
/* Great-circle distance in km; -1 when either has no location. */
double	pf_geo_km(const struct pf_geo *, const struct pf_geo *);
/* Close the database; the next call opens Alerts.GeoIP again (tests). */
void	pf_geo_close(void);

/* ---- uploads (upload.c) ------------------------------------------------- */

/* What a program does with the file of an upload, piece by piece.  Each
 * returns 0, or an HTTP status that stops the upload. */
struct pf_upload_ops {
	/* The file part begins.  The form's other fields, which must come
	 * before it, are bound and validated (pf_req_field) and the form
	 * token is checked.  filename is the client's (valid UTF-8 without
	 * controls, maybe ""): never a name to store anything under. */
	int	(*begin)(struct pf_req *, void *ctx, const char *filename);
	int	(*data)(struct pf_req *, void *ctx, const void *, size_t);
	/* The whole file and the closing delimiter have arrived. */
	int	(*end)(struct pf_req *, void *ctx);
};
/*
 * Read the body of a PF_PAGE_UPLOAD page as multipart/form-data, in
 * pieces, with the field named file as its one file part of at most max
 * bytes.  0 when everything arrived and every callback passed; otherwise
 * the status to answer: 400 (malformed, truncated, a client gone, a
 * field after the file), 403 (form token), 411, 413 (over max: refused
 * from Content-Length before anything is read, when it tells), 415 (not
 * multipart), or a callback's.  After a failure past begin the program
 * removes what it stored.
 */
int	pf_upload(struct pf_req *, const char *file, long long max,
	    const struct pf_upload_ops *, void *ctx);

/* ---- encrypted content in chunks (chunk.c) ------------------------------ */

#define PF_CHUNK_MAX		(1024 * 1024)	/* plaintext bytes per chunk */
#define PF_CHUNK_OVERHEAD	(1 + 8 + 12 + 16)	/* version, key id, nonce, tag */
/*
 * Seal chunk seq of object (e.g. a document version) under the active key
 * of (scope, owner), in a transaction; last marks the final chunk, so
 * that a dropped tail is noticed.  out holds n + PF_CHUNK_OVERHEAD bytes.
 */
enum pf_cerr	pf_chunk_seal(struct pf_db *, enum pf_kscope, unsigned long long owner,
		    unsigned long long object, unsigned long long seq, int last,
		    const void *, size_t n, unsigned char *out);
/* Open it again: PF_C_BAD unless it is exactly that chunk, unaltered;
 * out holds n - PF_CHUNK_OVERHEAD bytes. */
enum pf_cerr	pf_chunk_open(struct pf_db *, unsigned long long object,
		    unsigned long long seq, int last, const void *, size_t n,
		    unsigned char *out, size_t *outlen);

/* ---- permissions (perm.c) ----------------------------------------------- */

/* Named rights.  A role is a set of them with a scope: 'org' (objects of
 * the holder's own organisation) or 'global' (everything).  The names are
 * the rows of the permissions table. */
enum pf_perm {
	PF_PERM_NONE,
	PF_PERM_DOCUMENTS_READ,
	PF_PERM_DOCUMENTS_WRITE,
	PF_PERM_DOCUMENTS_SHARE,
	PF_PERM_USERS_INVITE,
	PF_PERM_USERS_MANAGE,
	PF_PERM_ROLES_APPROVE,
	PF_PERM_AUDIT_READ,
	PF_PERM_APPS_MANAGE,
	PF_PERM_ORGS_MANAGE,
	PF_PERM_STATUS_MANAGE,
	PF_PERM_PRIVACY_MANAGE,
	PF_PERM__MAX
};
const char	*pf_perm_name(enum pf_perm);	/* "documents.read" */
enum pf_perm	 pf_perm_byname(const char *);	/* PF_PERM_NONE when unknown */

/*
 * The one access check.  1 when the session's user may do p on an object
 * that belongs to organisation org (0: an object of no organisation, which
 * only global grants reach).  The grants are read from the database once
 * per request, so a revoked or expired role stops working at the next
 * request; users of suspended organisations, disabled users and requests
 * without a full session have none.  A database error denies.
 */
int		 pf_may(struct pf_req *, enum pf_perm, unsigned long long org);
/* ... through a global grant (objects of any organisation). */
int		 pf_may_global(struct pf_req *, enum pf_perm);
/* ... in some scope: whether to offer a place at all.  Object checks
 * still use pf_may. */
int		 pf_may_some(struct pf_req *, enum pf_perm);
/* 1 when the administration (/admin) has an area for the session: users
 * or invitations (in some scope), organisations, the status page's texts
 * and applications, the privacy administration (these concern no
 * organisation: global grants only).  The admin program
 * answers 403 otherwise; the navigation shows the link by the same rule. */
int		 pf_may_admin(struct pf_req *);
/* The session user's organisation (0: none, or no session). */
unsigned long long pf_req_org(const struct pf_req *);
/* 1 when organisation org is suspended, 0 when it is active or org is 0
 * (none), -1 when the database failed.  Sign-in asks after the first
 * factor, so that a member hears why instead of being dropped at the
 * next request (where session loading refuses it anyway). */
int		 pf_org_suspended(struct pf_db *, unsigned long long org);

/* ---- roles (roles.c) ----------------------------------------------------- */

struct pf_role {
	unsigned long long	 id;
	const char		*name;		/* [a-z0-9-], e.g. "key-user" */
	const char		*scope;		/* org | global */
	const char		*approval;	/* org (key users) | admin */
	const char		*label;		/* in the request's language */
	int			 requestable;
	int			 builtin;
};
/* *found = 0 when there is no such role. */
enum pf_dberr	pf_role_get(struct pf_req *, unsigned long long id, struct pf_role *,
		    int *found);
/*
 * 1 when the session may give role to target (a user of organisation
 * target_org), acting through permission via (PF_PERM_ROLES_APPROVE when
 * deciding a request, PF_PERM_USERS_MANAGE when assigning): never to
 * oneself; a global grant of via: any role; via in the target's
 * organisation: org-scoped roles whose approval is 'org'.
 */
int		pf_may_grant(struct pf_req *, enum pf_perm via, const struct pf_role *,
		    unsigned long long target, unsigned long long target_org);
/* Grant (or renew) role to user, org-scoped grants bound to the user's
 * organisation, expiring at expires (SQL DATETIME in UTC) or never
 * (NULL).  In a transaction; audited as role.grant with before/after. */
enum pf_dberr	pf_role_grant(struct pf_req *, unsigned long long user,
		    const struct pf_role *, const char *expires);
/* Take role from user; *removed = 0 when it was not held.  Audited as
 * role.revoke. */
enum pf_dberr	pf_role_revoke(struct pf_req *, unsigned long long user,
		    const struct pf_role *, int *removed);

/* ---- the request (req.c) ----------------------------------------------- */

enum pf_method {
	PF_GET = 1 << 0,
	PF_HEAD = 1 << 1,
	PF_POST = 1 << 2,
	PF_PUT = 1 << 3,
	PF_DELETE = 1 << 4,
	PF_OPTIONS = 1 << 5
};

enum pf_method	 pf_req_method(const struct pf_req *);
const char	*pf_req_path(const struct pf_req *);	/* below the base path */
const char	*pf_req_id(const struct pf_req *);
const char	*pf_req_lang(const struct pf_req *);
const char	*pf_req_ip(const struct pf_req *);
/* A request header by its CGI name, e.g. "HTTP_ACCEPT_LANGUAGE". */
const char	*pf_req_env(const struct pf_req *, const char *);
const char	*pf_req_cookie(const struct pf_req *, const char *);
/* A validated field by the program's key, or NULL when absent. */
const char	*pf_req_field(const struct pf_req *, int key);
struct pf_pool	*pf_req_pool(struct pf_req *);
struct pf_db	*pf_req_db(struct pf_req *);

/* ---- the response (resp.c) --------------------------------------------- */

void	pf_resp_status(struct pf_req *, int);
/* Refuses (and logs) names or values with CR, LF or other controls. */
int	pf_resp_header(struct pf_req *, const char *, const char *);
void	pf_resp_type(struct pf_req *, const char *);
void	pf_resp_write(struct pf_req *, const void *, size_t);
void	pf_resp_puts(struct pf_req *, const char *);
/* Redirect to a path on this portal ("/x", never "//x" or a URL).
 * Returns the status to hand back from the handler, or 500 when the
 * target is not a same-origin path. */
int	pf_resp_redirect(struct pf_req *, int status, const char *path);
/* 1 when path is a same-origin path ("/x", never "//x", "/\\x" or a URL)
 * of printable ASCII: what a return_to may be. */
int	pf_local_path(const char *path);
/* The portal's path below its origin ("" or "/portal"), for links. */
const char *pf_base_path(void);
/* Redirect to uri, which must equal one of registered byte for byte
 * (OAuth 2.0 redirect URIs), with params (already form-encoded,
 * "a=1&b=2"; NULL: none) appended to its query.  400 otherwise. */
int	pf_resp_redirect_params(struct pf_req *, int status, const char *uri,
	    const char *const *registered, const char *params);
/* Widen this response's Content-Security-Policy: form-action and
 * frame-src also allow these origins (space-separated "https://host:port",
 * NULL: unchanged), for a form posted to an application (form_post) or
 * its logout page in a frame.  Origins with anything but [A-Za-z0-9.:/-]
 * are refused (-1). */
int	pf_resp_csp_allow(struct pf_req *, const char *form_action, const char *frame_src);
/* The origin ("https://host[:port]") of an absolute http(s) URL, in pool;
 * NULL when url is not one. */
char	*pf_url_origin(struct pf_pool *, const char *url);
enum pf_cookie_flags { PF_COOKIE_SESSION = 1 << 0, PF_COOKIE_JS = 1 << 1 };
/* Set a __Host- cookie (Secure, Path=/, SameSite=Lax, HttpOnly unless
 * PF_COOKIE_JS).  max_age < 0 deletes it; PF_COOKIE_SESSION omits Max-Age. */
int	pf_resp_cookie(struct pf_req *, const char *name, const char *value,
	    long max_age, unsigned flags);

/* Stream a body too large to buffer (stream.c): the head goes out now,
 * with status, Content-Type ctype, Content-Length length, the security
 * headers and the headers added so far.  After that an error can no
 * longer become an error page: a handler that fails returns non-zero
 * and the pipeline cuts the response short of its Content-Length, which
 * every client notices.  pf_resp_stream returns -1 once the client has
 * gone away. */
int	pf_resp_stream_begin(struct pf_req *, const char *ctype, unsigned long long length);
int	pf_resp_stream(struct pf_req *, const void *, size_t);

/* ---- templates (tmpl.c) ------------------------------------------------ */

/* Template data; every value is HTML-escaped on output unless a template
 * asks for another context explicitly.  Names are fixed by the program;
 * data never goes into a name (use the fmt variants for array indices). */
void		 pf_set(struct pf_req *, const char *name, const char *value);
void		 pf_setf(struct pf_req *, const char *value, const char *namefmt, ...)
		    PF_PRINTF(3, 4);
void		 pf_set_int(struct pf_req *, const char *name, long long);
/* A string from the current language's file (key below "L."), or the key. */
const char	*pf_tr(const struct pf_req *, const char *key);
/* Render templates/<name> as the response body (text/html). */
int		 pf_render(struct pf_req *, const char *name);
/* The same for a page: Page.Name (the body's class) and Page.Title, the
 * language string title, set first. */
int		 pf_render_page(struct pf_req *, const char *tmpl, const char *name,
		    const char *title);

/* A page with a message (message.cs): status, the language strings
 * <key>.Title and <key>.Text, and a link to href labelled by the string
 * label (href NULL: none). */
int		 pf_message(struct pf_req *, int status, const char *key, const char *href,
		    const char *label);
/* The 503 page for a password hash that found no slot (pf_pw_hash,
 * pf_pw_verify returning -1), with Retry-After. */
int		 pf_busy(struct pf_req *);

/* ---- i18n (i18n.c) ----------------------------------------------------- */

extern const char *const pf_langs[];	/* "de", "en", NULL */
/* Choose from Accept-Language by q-value; dflt when nothing matches. */
const char	*pf_lang_negotiate(const char *accept, const char *dflt);

/* ---- utilities (time.c, mail.c, probe.c, maint.c) ---------------------- */

/* "2026-11-22 18:00 UTC" (human) and "2026-11-22T18:00:00Z" (RFC 3339)
 * from a MariaDB DATETIME in UTC; NULL when it does not parse. */
char	*pf_time_human(struct pf_pool *, const char *sqltime);
char	*pf_time_rfc3339(struct pf_pool *, const char *sqltime);
/* A date a user typed ("YYYY-MM-DD") as the SQL DATETIME of its start in
 * UTC, which must lie in the future: 0, -1 when it is not a real date,
 * -2 when it is today or past. */
int	 pf_date_future(struct pf_pool *, const char *ymd, const char **sqltime);

/* The first max rows of a PF_SQL_NOTICES result (the security notices in
 * force) as <node>.N.Title, Body, Published and Severity, in the
 * request's language, for the notice_cards macro. */
void	pf_notices_set(struct pf_req *, const char *node, const struct pf_rows *, size_t max);

/* 0 when the configured mail transport can take a message. */
int	pf_mail_check(void);

enum pf_state { PF_STATE_OK, PF_STATE_DEGRADED, PF_STATE_DOWN };
const char *pf_state_str(enum pf_state);

/* Probe health URLs concurrently (HEAD-less GET, short timeouts). */
struct pf_probe {
	const char	*name;
	const char	*url;
	enum pf_state	 state;
	long		 http;		/* HTTP status, 0 when none */
};
void	pf_probe_run(struct pf_probe *, size_t n, const char *cafile, long timeout_ms);

/* ---- the program table and the pipeline (loop.c) ----------------------- */

enum pf_page_flags {
	PF_PAGE_DB = 1 << 0,	/* 503 unless the database is reachable */
	PF_PAGE_JSON = 1 << 1,	/* errors as JSON instead of an HTML page */
	PF_PAGE_PLAIN = 1 << 2,	/* errors as text/plain (health checks) */
	PF_PAGE_FORM = 1 << 3,	/* renders forms: needs a CSRF token */
	PF_PAGE_FIRST = 1 << 4,	/* needs a session past the first factor */
	PF_PAGE_FULL = 1 << 5,	/* needs a fully signed-in session */
	PF_PAGE_NOCSRF = 1 << 6,	/* state changes authorised otherwise (APIs) */
	/* needs a full session whose second factor is at most
	 * Auth.StepUp.Minutes old: a GET is sent to /login/factor to renew
	 * it and comes back, anything else is refused (403) */
	PF_PAGE_STEPUP = 1 << 7,
	/* takes multipart/form-data of any size: the pipeline reads no
	 * body and the handler calls pf_upload(), which binds the fields
	 * and checks the form token before the file's first byte */
	PF_PAGE_UPLOAD = 1 << 8,
	/* undeclared fields are ignored instead of refused (protocol
	 * endpoints: OAuth 2.0 says so); declared ones are still checked */
	PF_PAGE_OPEN = 1 << 9
};

#define PF_FIELD(k)	(UINT64_C(1) << (k))

struct pf_page {
	const char	 *path;		/* exact path below the base path */
	unsigned	  methods;	/* enum pf_method bits; HEAD implies GET */
	uint64_t	  fields;	/* PF_FIELD(key) bits accepted */
	unsigned	  flags;	/* enum pf_page_flags */
	/* Returns 0 when it produced the response, else the HTTP status of
	 * the error page the pipeline should render. */
	int		(*handler)(struct pf_req *);
	/* Non-zero: the pipeline answers 403 unless the session holds
	 * this permission in some scope (pf_may_some).  The handler still
	 * checks the object with pf_may. */
	enum pf_perm	  perm;
};

struct pf_app {
	const char		 *name;		/* program (and DB account) name */
	const struct pf_page	 *pages;
	size_t			  npages;
	const struct pf_field	 *fields;	/* indexed by the program's keys */
	size_t			  nfields;	/* at most 63 */
	const char *const	 *sql;		/* statements from PF_SQL_APP on */
	size_t			  nsql;
	const char		 *account;	/* DB.Account.<account>; NULL: name */
};

int	pf_main(const struct pf_app *, int argc, char *argv[]);

/* ---- JSON Web Tokens (jwt.c) ------------------------------------------- */

/* Our own JWS on OpenSSL EVP, not libjwt: libjwt 1.10 trusts the token's
 * alg header and re-parses the PEM key for every token (issue 7). */
enum pf_jwa { PF_JWA_NONE = 0, PF_JWA_RS256, PF_JWA_ES256 };
const char	*pf_jwa_name(enum pf_jwa);	/* "RS256", "ES256" */
enum pf_jwa	 pf_jwa_byname(const char *);	/* PF_JWA_NONE when unknown */
struct pf_sigkey {
	char		 kid[44];	/* base64url, from the public key (RFC 7638 thumbprint) */
	enum pf_jwa	 alg;
	void		*pkey;		/* EVP_PKEY *, parsed once */
	int		 private;	/* 1: can sign */
};
/* From a PEM (private or public) for alg; kid is the RFC 7638 thumbprint
 * of the public key.  0, or -1 (wrong type for alg, bad PEM). */
int	 pf_sigkey_from_pem(struct pf_sigkey *, enum pf_jwa, const char *pem, size_t len);
void	 pf_sigkey_free(struct pf_sigkey *);
/* A new key pair (RS256: RSA 2048; ES256: P-256) as a private PEM (malloc'd,
 * wipe it): for pforte-admin. */
char	*pf_sigkey_generate(enum pf_jwa, size_t *len);
/* Compact JWS of claims (a JSON object text) signed with k: header
 * {"alg","kid","typ":"JWT"} (typ may be given, e.g. "logout+jwt").  malloc'd. */
char	*pf_jwt_sign(const struct pf_sigkey *, const char *typ, const char *claims_json);
/* Verify token's signature with the key whose kid its header names, among keys,
 * accepting ONLY the algorithms in allowed (PF_JWA_NONE-terminated) and only
 * when the header's alg equals that key's alg: never 'none', never HMAC.
 * On success *claims is the payload object (json_t *, caller decrefs). */
enum pf_jwt_err { PF_JWT_OK, PF_JWT_MALFORMED, PF_JWT_ALG, PF_JWT_KID, PF_JWT_SIG,
	PF_JWT_EXPIRED, PF_JWT_EARLY, PF_JWT_ISS, PF_JWT_AUD };
enum pf_jwt_err pf_jwt_verify(const char *token, const struct pf_sigkey *keys, size_t n,
	    const enum pf_jwa *allowed, void **claims);
/* libjwt never checks these: iss equal, aud equal or contained (array), exp > now - leeway,
 * nbf <= now + leeway, exp present. */
enum pf_jwt_err pf_jwt_check(const void *claims, const char *iss, const char *aud,
	    long long now, long long leeway);
/* {"keys":[...]} with kty/kid/use "sig"/alg and n,e (RSA) or crv,x,y (EC). malloc'd. */
char	*pf_jwks(const struct pf_sigkey *keys, size_t n);
const char	*pf_jwt_strerror(enum pf_jwt_err);

/* ---- SSO signing keys (sigkeys.c) -------------------------------------- */

/* The keys of table sso_keys (sql/009_sso.sql) as this process holds them,
 * each parsed once: the one that signs (the active key of Sso.Alg) and
 * the published ones for the JWKS and for verifying (active and retiring:
 * public halves only).  Pointers stay valid until the next pf_sigkeys_load
 * or pf_sigkeys_drop; programs are single-threaded. */
struct pf_sigkeys {
	const struct pf_sigkey	*sign;	/* NULL: no active key of Sso.Alg */
	const struct pf_sigkey	*pub;
	size_t			 npub;
};
#define PF_SIGKEYS_TTL	60	/* seconds a loaded set is used without looking */
/* The keys, reloaded when the set is older than PF_SIGKEYS_TTL: only keys
 * not seen before are parsed, a private half opened with pf_open into pool
 * and its PEM wiped.  A key whose halves do not both give the row's kid is
 * refused (the public PEM is not sealed: this keeps a row written without
 * the system key out of the JWKS).  0, or -1 (logged; out empty, the
 * previous set kept for the next try). */
int	pf_sigkeys_load(struct pf_db *, struct pf_pool *, struct pf_sigkeys *out);
/* Forget the set (and its private keys): the next load reads the table. */
void	pf_sigkeys_drop(void);

/* ---- single sign-on logout (ssologout.c) -------------------------------- */

/*
 * Tell the applications a portal session signed in to that it ended
 * (OpenID Connect Back-Channel and Front-Channel Logout 1.0).  Call after
 * the session (session; 0: every session of user) ended and its
 * transaction committed.  For each application it signed in to
 * (sso_participants): a logout token (typ logout+jwt) POSTed to its
 * backchannel_logout_uri, all in parallel within Sso.LogoutTimeoutMs, each
 * audited sso.logout.notified or sso.logout.failed; the session's tokens
 * are revoked and its participant rows deleted.  Front-channel URIs become
 * template data SSO.Frontchannel.N.URL (with iss and sid) and the frame-src
 * of this response's Content-Security-Policy.  Returns the number of
 * frames; never fails the caller's logout (problems are logged).
 */
int	 pf_sso_logout(struct pf_req *, unsigned long long session, unsigned long long user);
/* The subject an application knows a user by (OIDC Core 8): sub itself,
 * or for a pairwise application (sector: the host of its first redirect
 * URI, non-NULL) base64url(SHA-256(sector "|" sub salt)).  In pool. */
char	*pf_sso_subject(struct pf_pool *, const char *sub, const unsigned char *salt,
	    size_t saltlen, const char *sector);
/* The host of an absolute URL (a pairwise sector), in pool; NULL when none. */
char	*pf_url_host(struct pf_pool *, const char *url);

/* ---- registering applications (appreg.c) -------------------------------- */

/* The rules for an application's registration (sql/010_apps.sql), shared
 * by the admin forms (cgi-bin/admin-apps.c) and `pforte-admin app`, so
 * that both accept exactly the same. */
#define PF_APP_URIS_MAX		20	/* redirect or post-logout URIs, each */
#define PF_APP_URI_MAX		1000	/* bytes, as the columns */
#define PF_APP_NAME_MAX		200	/* characters */
#define PF_CLIENT_ID_NEW_LEN	22	/* a generated client_id: 128 bits */

enum pf_apperr {
	PF_APPERR_OK = 0,
	PF_APPERR_NAME,		/* not 1 to 200 characters without controls */
	PF_APPERR_CLIENT_ID,	/* not [A-Za-z0-9._-]{8,64} */
	PF_APPERR_URI_LONG,	/* longer than PF_APP_URI_MAX */
	PF_APPERR_URI_CHARS,	/* whitespace, controls, non-ASCII, bad %XX ... */
	PF_APPERR_URI_SCHEME,	/* not an absolute https:// (or http://) URL */
	PF_APPERR_URI_HOST,	/* no or malformed host, bad port */
	PF_APPERR_URI_USERINFO,	/* user:password@host */
	PF_APPERR_URI_FRAGMENT,	/* #... */
	PF_APPERR_URI_HTTP,	/* http:// to anything but the loopback */
	PF_APPERR_TOO_MANY,	/* more than PF_APP_URIS_MAX */
	PF_APPERR_DUPLICATE,	/* the same URI twice */
	PF_APPERR_NO_REDIRECT,	/* authorization_code without a redirect URI */
	PF_APPERR_SCOPE,	/* a scope not in pf_app_scopes, or twice */
	PF_APPERR_NO_OPENID,	/* authorization_code without scope openid */
	PF_APPERR_NO_GRANT,	/* no grant type */
	PF_APPERR_PUBLIC_CLIENT,	/* client_credentials without a secret */
	PF_APPERR_REFRESH_ALONE,	/* refresh_token without authorization_code */
	PF_APPERR__MAX
};
/* "UriHttp": the language key below Admin.Apps.Err; and English text. */
const char	*pf_apperr_name(enum pf_apperr);
const char	*pf_apperr_str(enum pf_apperr);

/* A URI an application registers (redirect, post-logout, logout,
 * initiate-login, icon): an absolute https URL of the characters RFC
 * 3986 allows, with a host and no userinfo or fragment; http only to
 * 127.0.0.1, localhost and [::1] (RFC 8252 7.3).  Registered URIs are
 * compared byte for byte, so nothing is normalised. */
enum pf_apperr	 pf_uri_redirect_ok(const char *);
/* 1 when s is a client_id one may choose: [A-Za-z0-9._-]{8,64}. */
int		 pf_client_id_ok(const char *);
/* A new random client_id, base64url of 16 bytes. */
void		 pf_client_id_new(char out[PF_CLIENT_ID_NEW_LEN + 1]);
/* A new client secret (pf_token_new's text, shown once) and the SHA-256
 * of that text, what apps.secret_hash stores and the token endpoint
 * compares (cgi-bin/token-app.c client_auth). */
void		 pf_client_secret_new(char text[PF_TOKEN_CHARS + 1], unsigned char hash[32]);

/* Scopes and grant types an application may have (NULL-terminated; a
 * grant's bit is 1 << its index). */
extern const char *const pf_app_scopes[];
extern const char *const pf_app_grants[];
enum { PF_GRANT_CODE = 1 << 0, PF_GRANT_REFRESH = 1 << 1, PF_GRANT_CLIENT = 1 << 2 };

/* An application as registered, for the checks. */
struct pf_appdef {
	const char		 *name, *icon;	/* icon "": none */
	const char		 *client_id;	/* NULL or "": to be generated */
	int			  confidential;
	unsigned		  grants;	/* PF_GRANT_* */
	const char		 *scopes;	/* space-separated */
	const char *const	 *redirect;	/* redirect URIs */
	size_t			  nredirect;
	const char *const	 *post_logout;
	size_t			  npost_logout;
	/* "": none */
	const char		 *initiate_login, *frontchannel_logout, *backchannel_logout;
};
enum pf_appfield {
	PF_APPF_NAME, PF_APPF_ICON, PF_APPF_CLIENT_ID, PF_APPF_REDIRECT,
	PF_APPF_POST_LOGOUT, PF_APPF_INITIATE, PF_APPF_FRONTCHANNEL,
	PF_APPF_BACKCHANNEL, PF_APPF_SCOPES, PF_APPF_GRANTS, PF_APPF__MAX
};
/* Check every field of d: err[f] is PF_APPERR_OK or the first problem
 * of field f; at (NULL: not wanted) gets, for the lists, the index of
 * the URI in error.  Returns the number of fields in error. */
size_t		 pf_appdef_check(const struct pf_appdef *d, enum pf_apperr err[PF_APPF__MAX],
		    size_t at[PF_APPF__MAX]);

#endif /* PFORTE_H */
