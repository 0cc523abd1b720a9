/*
 * linkmail.c: "send me a link" (magic link, password reset).  The answer
 * must not tell whether an account exists, so the caller shows the same
 * page whatever happens here: requests count against a quota per address
 * and per IP address (over it, nothing is sent), and only an active
 * account gets a mail.
 */
#include <stdio.h>

#include "pf-int.h"

struct kind {
	const char	*name;		/* mail template, quota prefix */
	const char	*event;		/* audit action */
	const char	*minutes;	/* config key of the link's lifetime */
	const char	*path;		/* where the link leads */
};

static const struct kind kinds[] = {
	[PF_TOK_MAGIC] = { "magic", "auth.magiclink.requested", "Auth.Magic.Minutes", "/magic/callback" },
	[PF_TOK_RESET] = { "reset", "auth.reset.requested", "Auth.Reset.Minutes", "/reset/confirm" },
};

struct request {
	const struct kind	*k;
	enum pf_tok		 tok;
	const char		*email;
	const char		*next;
	char			*token;
	struct pf_account	 acc;
};

static const char *
subject(struct pf_req *r, const struct request *q, const char *s)
{
	return pf_psprintf(r->pool, "%s:%s", q->k->name, s);
}

static int
over_quota(struct pf_req *r, const struct request *q)
{
	enum pf_thr_state a, b;
	long wait;

	if (pf_throttle_check(r->db, PF_THR_MAGIC, subject(r, q, q->email), &a, &wait) !=
	    PF_DB_OK ||
	    pf_throttle_check(r->db, PF_THR_MAGIC_IP, subject(r, q, r->ip), &b, &wait) !=
	    PF_DB_OK)
		return -1;
	return a != PF_THR_GO || b != PF_THR_GO;
}

static int
issue(struct pf_req *r, void *arg)
{
	struct request *q = arg;
	const char *event = q->k->event;
	unsigned long long user = 0;
	int locked;
	enum pf_dberr e;

	q->token = NULL;
	if ((e = pf_throttle_fail(r->db, PF_THR_MAGIC, subject(r, q, q->email), &locked)) !=
	    PF_DB_OK ||
	    (e = pf_throttle_fail(r->db, PF_THR_MAGIC_IP, subject(r, q, r->ip), &locked)) !=
	    PF_DB_OK)
		return pf_tx_err(e);
	if (pf_account_find(r->db, r->pool, q->email, &user) != PF_ACC_OK ||
	    pf_account_load(r->db, r->pool, user, &q->acc) != PF_ACC_OK ||
	    strcmp(q->acc.status, "active") != 0)
		return pf_tx_err(pf_audit(r, event, PF_AUDIT_INFO, 0, "no account"));
	if ((e = pf_token_issue(r->db, r->pool, q->tok, user, pf_conf_int(q->k->minutes),
	    q->next, &q->token)) != PF_DB_OK ||
	    (e = pf_audit(r, event, PF_AUDIT_OK, user, "")) != PF_DB_OK)
		return pf_tx_err(e);
	return 0;
}

int
pf_link_mail(struct pf_req *r, enum pf_tok tok, const char *email, const char *next)
{
	struct request q;
	char minutes[24];
	struct pf_var v[3];
	int rc;

	if (tok != PF_TOK_MAGIC && tok != PF_TOK_RESET)
		return 500;
	memset(&q, 0, sizeof(q));
	q.k = &kinds[tok];
	q.tok = tok;
	q.email = email;
	q.next = next;
	if ((rc = over_quota(r, &q)) < 0)
		return 503;
	if (rc == 1) {
		pf_log(r, PF_LOG_INFO, "%s: over the request quota, nothing sent", q.k->name);
		return 0;
	}
	if ((rc = pf_tx(r, issue, &q)) != 0 || q.token == NULL)
		return rc;
	snprintf(minutes, sizeof(minutes), "%lld", pf_conf_int(q.k->minutes));
	v[0] = (struct pf_var){ "Name", q.acc.name };
	v[1] = (struct pf_var){ "Link", pf_psprintf(r->pool, "%s%s?t=%s",
	    pf_conf_str("Portal.BaseURL"), q.k->path, q.token) };
	v[2] = (struct pf_var){ "Minutes", minutes };
	if (pf_mail_send(q.acc.lang, q.acc.email, q.k->name, v, 3) != 0)
		pf_log(r, PF_LOG_ERR, "%s: the mail could not be sent", q.k->name);
	return 0;
}
