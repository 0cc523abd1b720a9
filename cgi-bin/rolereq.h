/*
 * rolereq.h: the role-request program's parts.
 *
 *   rolereq-mine.c   /roles, /roles/request (POST), /roles/withdraw:
 *                    my roles, my requests, asking for a role
 *   rolereq-decide.c /roles/queue, /roles/request (GET), /roles/decide:
 *                    what an approver may decide, and the decision
 *   rolereq.c        the program table and the steps both share
 */
#ifndef ROLEREQ_H
#define ROLEREQ_H

#include "pforte.h"

enum field {
	F_ID, F_ROLE, F_REASON, F_DECISION, F_COMMENT, F_EXPIRES, F_DONE, F__MAX
};

enum sql {
	SQL_HELD = PF_SQL_APP,
	SQL_MINE,
	SQL_REQUESTABLE,
	SQL_HOLDS,
	SQL_INSERT,
	SQL_SEAL_REASON,
	SQL_WITHDRAW,
	SQL_MINE_ONE,
	SQL_QUEUE,
	SQL_ONE,
	SQL_DECIDE,
	SQL_LABELS,
	SQL_APPROVERS_ORG,
	SQL_APPROVERS_GLOBAL,
	SQL_CONSENT,
	SQL__MAX
};

/* Limits of the texts, in characters (code points). */
#define REASON_MIN	10
#define REASON_MAX	2000
#define COMMENT_MAX	2000
/* ... and in bytes: 2000 characters of up to four bytes each, which
 * role_requests.reason_enc and comment_enc (VARBINARY(8100)) hold after
 * sealing. */
#define TEXT_BYTES	8000

/* rolereq-mine.c */
int	page_mine(struct pf_req *);
int	page_request_post(struct pf_req *);
int	page_withdraw_post(struct pf_req *);
/* rolereq-decide.c */
int	page_queue(struct pf_req *);
int	page_one(struct pf_req *);
int	page_decide_post(struct pf_req *);

/* rolereq.c: shared steps */
/* A role's label in lang from a row's label_de and label_en columns. */
const char *label_of(const char *lang, const char *de, const char *en);
/* The ids of the users to ask about a request for role by a user of
 * org (0: none): for approval 'org' the approvers of that organisation
 * and the global ones, else only the global ones; never the requester. */
enum pf_dberr approvers(struct pf_req *, const struct pf_role *, unsigned long long org,
	    unsigned long long requester, unsigned long long **ids, size_t *n);
/* A link into the portal for mails. */
const char *portal_link(struct pf_req *, const char *path);
/* The label of role id in lang, for a mail ("" when unknown). */
const char *role_label(struct pf_req *, unsigned long long role, const char *lang);

#endif /* ROLEREQ_H */
