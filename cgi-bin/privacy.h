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
	/* privacy-ropa.c: an activity, the processors it uses, a
	 * processor, the confirmation of a deletion */
	F_RO_NAME_DE, F_RO_NAME_EN, F_RO_PURPOSE_DE, F_RO_PURPOSE_EN, F_RO_BASIS,
	F_RO_DATA, F_RO_SUBJECTS, F_RO_RECIPIENTS, F_RO_THIRD, F_RO_RETENTION,
	F_RO_TOMS, F_RO_PROCESSORS, F_RO_PNAME, F_RO_SERVICE, F_RO_COUNTRY,
	F_RO_DPA_DATE, F_RO_DPA_REF, F_RO_CONFIRM,

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
	SQL_RO_ACTS,
	SQL_RO_ACT_GET,
	SQL_RO_ACT_INSERT,
	SQL_RO_ACT_UPDATE,
	SQL_RO_ACT_DELETE,
	SQL_RO_LINKS,
	SQL_RO_LINK_CLEAR,
	SQL_RO_LINK_ADD,
	SQL_RO_PROCS,
	SQL_RO_PROC_GET,
	SQL_RO_PROC_INSERT,
	SQL_RO_PROC_UPDATE,
	SQL_RO_PROC_DELETE,
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
int	page_export(struct pf_req *);		/* /privacy/export */
int	page_export_json(struct pf_req *);	/* /privacy/export.json */
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
int	page_privacy_admin(struct pf_req *);	/* /privacy/admin */
int	page_ro_list(struct pf_req *);
int	page_ro_new(struct pf_req *);
int	page_ro_new_post(struct pf_req *);
int	page_ro_activity(struct pf_req *);
int	page_ro_activity_post(struct pf_req *);
int	page_ro_activity_delete(struct pf_req *);
int	page_ro_procs(struct pf_req *);
int	page_ro_proc_new(struct pf_req *);
int	page_ro_proc_new_post(struct pf_req *);
int	page_ro_proc(struct pf_req *);
int	page_ro_proc_post(struct pf_req *);
int	page_ro_proc_delete(struct pf_req *);
int	page_ro_print(struct pf_req *);
int	page_ro_csv(struct pf_req *);

#endif /* PRIVACY_H */
