/*
 * tx.c: run a handler's work as one transaction, and again when MariaDB
 * chose it as a deadlock victim or a lock wait timed out.  Headers the
 * failed attempt set (a new session cookie, say) are dropped with it, and
 * so are the audit events it queued.
 */
#include "pf-int.h"

#define ATTEMPTS	3

int
pf_tx_err(enum pf_dberr e)
{
	switch (e) {
	case PF_DB_OK:
		return 0;
	case PF_DB_RETRY:
		return PF_TX_RETRY;
	case PF_DB_UNAVAILABLE:
		return 503;
	default:
		return 500;
	}
}

int
pf_tx(struct pf_req *r, int (*fn)(struct pf_req *, void *), void *arg)
{
	size_t hlen = r->headers.len;
	int attempt, rc = 500;
	enum pf_dberr e;

	for (attempt = 0; attempt < ATTEMPTS; attempt++) {
		if ((e = pf_db_begin(r->db)) != PF_DB_OK)
			return pf_tx_err(e) == PF_TX_RETRY ? 503 : pf_tx_err(e);
		rc = fn(r, arg);
		/* the events last, so the audit head is locked only briefly */
		if (rc == 0 && (e = pf_audit_flush(r)) != PF_DB_OK)
			rc = pf_tx_err(e);
		if (rc == 0 && (e = pf_db_commit(r->db)) != PF_DB_OK)
			rc = pf_tx_err(e);
		if (rc == 0) {
			pf_audit_committed(r);
			return 0;
		}
		pf_db_rollback(r->db);
		pf_audit_discard(r);
		if (rc != PF_TX_RETRY)
			return rc;
		pf_log(r, PF_LOG_INFO, "transaction retried after a lock conflict");
		r->headers.len = hlen;
		if (r->headers.data != NULL)
			r->headers.data[hlen] = '\0';
	}
	return 503;
}
