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
	/* privacy-ropa.c */
	F__MAX
};

enum sql {
	/* privacy.c */
	SQL_NOTHING = PF_SQL_APP,
	/* privacy-legal.c */
	/* privacy-export.c */
	SQL_EX_USER,
	SQL_EX_ORG,
	SQL_EX_ROLES,
	SQL_EX_ROLE_HISTORY,
	SQL_EX_REQUESTS,
	SQL_EX_LEGAL,
	SQL_EX_CONSENTS,
	SQL_EX_CONSENT_LOG,
	SQL_EX_SESSIONS,
	SQL_EX_SIGNINS,
	SQL_EX_TOTP,
	SQL_EX_RECOVERY,
	SQL_EX_SSO_CONSENTS,
	SQL_EX_SSO_APPS,
	SQL_EX_DOCS,
	SQL_EX_VERSIONS,
	SQL_EX_ALERTS,
	SQL_EX_AUDIT,
	/* privacy-erase.c */
	/* privacy-ropa.c */
	SQL__MAX
};

/* ---- handlers ---- */
int	page_overview(struct pf_req *);		/* privacy.c: /privacy */
/* privacy-legal.c */
/* privacy-export.c */
int	page_export(struct pf_req *);		/* /privacy/export */
int	page_export_json(struct pf_req *);	/* /privacy/export.json */
/* privacy-erase.c */
/* privacy-ropa.c */

#endif /* PRIVACY_H */
