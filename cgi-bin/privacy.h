/*
 * privacy.h: the data-protection program (GDPR), its parts.
 *
 *   privacy.c         the program table
 *   privacy-legal.c   legal texts: accepting the version in force
 *                     (/privacy/accept), the texts' editor
 *                     (/privacy/admin/texts...), consent to optional
 *                     processing and its withdrawal (/privacy/consents)
 *   privacy-export.c  the right of access and portability: all of the
 *                     user's data as JSON and as a page (/privacy/export...)
 *   privacy-erase.c   erasure requests, their cancellation, the pending
 *                     ones for key users and administrators, legal holds
 *                     (/privacy/erase..., /privacy/admin/erasures...)
 *   privacy-ropa.c    the record of processing activities, Art. 30
 *                     (/privacy/admin/activities..., its HTML and CSV export)
 *
 * The program has its own database account (pf_privacy): the export reads
 * every table that holds a user's data, which no other program needs.
 */
#ifndef PRIVACY_H
#define PRIVACY_H

#include "pforte.h"

/* One section per file: add a file's fields and statements to its own
 * section, here and in privacy.c's tables, in the same order. */
enum field {
	/* privacy.c */
	F_ID,
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	F_REASON_DE,
	F_REASON_EN,
	F_UNTIL,
	/* privacy-ropa.c */
	F__MAX
};

enum sql {
	/* privacy.c */
	SQL_NOTHING = PF_SQL_APP,
	/* privacy-legal.c */
	/* privacy-export.c */
	/* privacy-erase.c */
	SQL_ER_HOLDS,
	SQL_ER_OPEN_OF,
	SQL_ER_COUNTS,
	SQL_ER_INSERT,
	SQL_ER_OWN,
	SQL_ER_CANCEL,
	SQL_ER_USER,
	SQL_ER_GET,
	SQL_ER_LIST,
	SQL_ER_DUE_NOW,
	SQL_ER_HOLD_INSERT,
	SQL_ER_HOLD_GET,
	SQL_ER_HOLD_DELETE,
	/* privacy-ropa.c */
	SQL__MAX
};

/* ---- handlers ---- */
int	page_overview(struct pf_req *);		/* privacy.c: /privacy */
/* privacy-legal.c */
/* privacy-export.c */
/* privacy-erase.c */
int	page_erase(struct pf_req *);		/* /privacy/erase */
int	page_erase_request(struct pf_req *);	/* POST /privacy/erase/request */
int	page_erase_cancel(struct pf_req *);	/* POST /privacy/erase/cancel */
int	page_erasures_admin(struct pf_req *);	/* /privacy/admin/erasures */
int	page_erasure_user(struct pf_req *);	/* /privacy/admin/user */
int	page_erasure_confirm(struct pf_req *);	/* /privacy/admin/erasures/confirm */
int	page_erasure_schedule(struct pf_req *);	/* POST .../erasures/schedule */
int	page_hold_set(struct pf_req *);		/* POST /privacy/admin/holds/set */
int	page_hold_remove(struct pf_req *);	/* POST /privacy/admin/holds/remove */
/* privacy-ropa.c */

#endif /* PRIVACY_H */
