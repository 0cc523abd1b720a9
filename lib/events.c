/*
 * events.c: every action the audit trail knows, with how SIEMs classify
 * it.  A name is <area>.<object>.<what happened> and never changes once
 * released: saved searches, alert rules and SIEM dashboards match on it.
 * The outcome is a field of its own; only sign-in names it as well
 * (auth.login.success/failure), because that is what everyone searches.
 *
 * category and type are Elastic Common Schema (event.category,
 * event.type); severity is CEF's 0..10.  tests/static/events.sh checks
 * that every action the code writes is listed here.
 */
#include <string.h>

#include "pf-int.h"

const struct pf_event_kind pf_event_kinds[] = {
	{ "auth.login.success",		"authentication", "start", 3 },
	{ "auth.login.failure",		"authentication", "start", 5 },
	{ "auth.login.refused",		"authentication", "denied", 5 },
	{ "auth.password.verified",	"authentication", "info", 2 },
	{ "auth.magiclink.verified",	"authentication", "info", 2 },
	{ "auth.magiclink.requested",	"authentication", "info", 2 },
	{ "auth.reset.requested",	"authentication", "info", 3 },
	{ "auth.password.reset",	"iam", "change", 5 },
	{ "auth.account.activated",	"iam", "creation", 4 },
	{ "auth.account.locked",	"authentication", "denied", 7 },
	{ "auth.code.sent",		"authentication", "info", 2 },
	{ "auth.mfa.enrolled",		"iam", "change", 4 },
	{ "auth.recovery.renewed",	"iam", "change", 4 },
	{ "auth.logout",		"session", "end", 1 },
	{ "auth.logout.all",		"session", "end", 3 },
	{ "auth.sessions.revoked",	"session", "end", 7 },
	{ "profile.updated",		"iam", "change", 2 },
	{ "profile.email.requested",	"iam", "change", 3 },
	{ "profile.email.changed",	"iam", "change", 6 },
	{ "profile.password.changed",	"iam", "change", 5 },
	{ "profile.mfa.added",		"iam", "change", 5 },
	{ "profile.mfa.removed",	"iam", "change", 7 },
	{ "profile.session.ended",	"session", "end", 3 },
	{ "role.requested",		"iam", "info", 2 },
	{ "role.request.withdrawn",	"iam", "info", 2 },
	{ "role.request.approved",	"iam", "allowed", 4 },
	{ "role.request.rejected",	"iam", "denied", 3 },
	{ "role.granted",		"iam", "change", 6 },
	{ "role.revoked",		"iam", "change", 5 },
	{ "admin.user.invited",		"iam", "creation", 4 },
	{ "admin.user.deactivated",	"iam", "change", 6 },
	{ "admin.user.reactivated",	"iam", "change", 6 },
	{ "admin.user.mfa_reset",	"iam", "change", 8 },
	{ "admin.user.sessions_ended",	"session", "end", 6 },
	{ "admin.user.moved",		"iam", "change", 6 },
	{ "admin.org.created",		"iam", "creation", 5 },
	{ "admin.org.updated",		"iam", "change", 4 },
	{ "admin.org.suspended",	"iam", "change", 7 },
	{ "admin.org.reactivated",	"iam", "change", 6 },
	{ "admin.role.created",		"iam", "creation", 6 },
	{ "admin.role.updated",		"iam", "change", 7 },
	{ "admin.role.deleted",		"iam", "deletion", 6 },
	{ "admin.maintenance.created",	"configuration", "creation", 3 },
	{ "admin.maintenance.deleted",	"configuration", "deletion", 3 },
	{ "admin.notice.created",	"configuration", "creation", 3 },
	{ "admin.notice.deleted",	"configuration", "deletion", 3 },
	{ "admin.app.created",		"configuration", "creation", 6 },
	{ "admin.app.updated",		"configuration", "change", 6 },
	{ "admin.app.disabled",		"configuration", "change", 6 },
	{ "admin.app.enabled",		"configuration", "change", 6 },
	{ "admin.app.secret.renewed",	"configuration", "change", 7 },
	{ "admin.app.deleted",		"configuration", "deletion", 6 },
	{ "document.uploaded",		"file", "creation", 2 },
	{ "document.version.added",	"file", "change", 2 },
	{ "document.edited",		"file", "change", 2 },
	{ "document.shared",		"file", "change", 4 },
	{ "document.unshared",		"file", "change", 3 },
	{ "document.deleted",		"file", "deletion", 4 },
	{ "document.version.deleted",	"file", "deletion", 3 },
	{ "document.downloaded",	"file", "access", 2 },
	{ "document.damaged",		"file", "info", 8 },
	{ "audit.exported",		"database", "access", 5 },
	{ "alert.raised",		"intrusion_detection", "indicator", 9 },
	{ "alert.acknowledged",		"intrusion_detection", "change", 3 },
	/* single sign-on (cgi-bin/token*.c, lib/ssologout.c) */
	{ "sso.authorize.granted",	"authentication", "allowed", 2 },
	{ "sso.authorize.refused",	"authentication", "denied", 5 },
	{ "sso.consent.granted",	"iam", "change", 3 },
	{ "sso.consent.refused",	"iam", "denied", 2 },
	{ "sso.consent.revoked",	"iam", "change", 3 },
	{ "sso.token.issued",		"authentication", "start", 2 },
	{ "sso.token.refused",		"authentication", "denied", 5 },
	{ "sso.token.reused",		"intrusion_detection", "indicator", 8 },
	{ "sso.token.revoked",		"authentication", "end", 3 },
	{ "sso.logout",			"session", "end", 1 },
	{ "sso.logout.notified",	"session", "end", 1 },
	{ "sso.logout.failed",		"session", "info", 4 },
	/* data protection (cgi-bin/privacy*.c, tools/admin/gdpr.c) */
	/* privacy-legal.c */
	{ "privacy.text.created",	"configuration", "creation", 3 },
	{ "privacy.text.updated",	"configuration", "change", 3 },
	{ "privacy.text.published",	"configuration", "change", 4 },
	{ "privacy.terms.accepted",	"iam", "change", 1 },
	{ "privacy.consent.granted",	"iam", "change", 1 },
	{ "privacy.consent.withdrawn",	"iam", "change", 1 },
	/* privacy-export.c */
	{ "privacy.export.downloaded",	"database", "access", 4 },
	/* privacy-erase.c */
	{ "privacy.erasure.requested",	"iam", "deletion", 4 },
	{ "privacy.erasure.cancelled",	"iam", "change", 3 },
	{ "privacy.erasure.scheduled",	"iam", "deletion", 5 },
	{ "privacy.erasure.held",	"iam", "info", 3 },
	{ "privacy.erasure.done",	"iam", "deletion", 5 },
	{ "privacy.hold.set",		"iam", "change", 4 },
	{ "privacy.hold.removed",	"iam", "change", 4 },
	/* privacy-ropa.c */
	{ "privacy.activity.created",	"configuration", "creation", 3 },
	{ "privacy.activity.updated",	"configuration", "change", 3 },
	{ "privacy.activity.deleted",	"configuration", "deletion", 4 },
	{ "privacy.activity.exported",	"configuration", "access", 2 },
	{ "privacy.processor.created",	"configuration", "creation", 3 },
	{ "privacy.processor.updated",	"configuration", "change", 3 },
	{ "privacy.processor.deleted",	"configuration", "deletion", 4 },
	/* retention */
	{ NULL, NULL, NULL, 0 },
};

const struct pf_event_kind *
pf_event_kind(const char *action)
{
	const struct pf_event_kind *k;

	for (k = pf_event_kinds; k->action != NULL; k++)
		if (strcmp(k->action, action) == 0)
			return k;
	return NULL;
}
