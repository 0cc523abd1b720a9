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
	F_KIND,
	F_TITLE_DE,
	F_TITLE_EN,
	F_BODY_DE,
	F_BODY_EN,
	F_TERMS,
	F_NOTICE,
	F_RETURN_TO,
	F_PURPOSE,
	F_GRANT,
	F_DONE,
	/* privacy-export.c */
	/* privacy-erase.c */
	/* privacy-ropa.c */
	F__MAX
};

enum sql {
	/* privacy.c */
	SQL_NOTHING = PF_SQL_APP,
	/* privacy-legal.c */
	SQL_LEGAL_FORCE,
	SQL_LEGAL_ACCEPT,
	SQL_LEGAL_ACCEPT_SEAL,
	SQL_TEXTS_LIST,
	SQL_TEXT_ONE,
	SQL_TEXT_LOCK,
	SQL_TEXT_NEWEST,
	SQL_TEXT_INSERT,
	SQL_TEXT_UPDATE,
	SQL_TEXT_MAXPUB,
	SQL_TEXT_PUBLISH,
	SQL_PURPOSES,
	SQL_PURPOSE_ONE,
	SQL_CONSENT_LOCK,
	SQL_CONSENT_SET,
	SQL_CONSENT_LOG,
	SQL_CONSENT_LOG_SEAL,
	/* privacy-export.c */
	/* privacy-erase.c */
	/* privacy-ropa.c */
	SQL__MAX
};

/* ---- handlers ---- */
int	page_overview(struct pf_req *);		/* privacy.c: /privacy */
/* privacy-legal.c */
void	legal_overview(struct pf_req *);	/* the overview's entries */
int	page_accept(struct pf_req *);		/* /privacy/accept */
int	page_accept_post(struct pf_req *);
int	page_terms(struct pf_req *);		/* /privacy/terms */
int	page_notice(struct pf_req *);		/* /privacy/notice */
int	page_consents(struct pf_req *);		/* /privacy/consents */
int	page_consents_post(struct pf_req *);
int	page_texts(struct pf_req *);		/* /privacy/admin/texts */
int	page_text_new(struct pf_req *);		/* .../new */
int	page_text_new_post(struct pf_req *);
int	page_text_edit(struct pf_req *);	/* .../edit */
int	page_text_edit_post(struct pf_req *);
int	page_text_view(struct pf_req *);	/* .../view */
int	page_text_publish(struct pf_req *);	/* .../publish */
int	page_text_publish_post(struct pf_req *);
/* privacy-export.c */
/* privacy-erase.c */
/* privacy-ropa.c */

#endif /* PRIVACY_H */
