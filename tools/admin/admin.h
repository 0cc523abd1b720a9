/*
 * admin.h: what the pforte-admin commands share.
 */
#ifndef ADMIN_H
#define ADMIN_H

#include <mysql.h>

#include "pforte.h"

#ifndef PF_DATADIR
#define PF_DATADIR "/usr/share/pforte"
#endif

extern MYSQL *m;	/* the migration account, for statements built here */

void	die(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));
void	connect_admin(void);
void	query(const char *sql);
/* Dies with what failed unless e is PF_DB_OK (statements through libpforte). */
void	check_db(enum pf_dberr e, const char *what);
unsigned long long prepared(const char *sql, const char *const *args, size_t n);
char	*slurp(const char *path, size_t *len);
void	options(int argc, char **argv, const char *const *keys, const char **vals, size_t n);
int	cmd_list(const char *sql);
/* The same account through libpforte, for what goes through the key layer. */
struct pf_db *admin_db(void);

/* Organisations and role grants (org.c), on their own connection: a
 * new user, their organisation and first role are one transaction. */
struct pf_db *roles_db(void);
unsigned long long parse_id(const char *);	/* 0: not a positive id */
int	org_usable(struct pf_db *, struct pf_pool *, unsigned long long org);
void	user_set_org(struct pf_db *, unsigned long long user, unsigned long long org);
void	role_give(struct pf_db *, struct pf_pool *, unsigned long long user,
	    unsigned long long org, const char *role, const char *expires);
int	role_take(struct pf_db *, struct pf_pool *, unsigned long long user,
	    const char *role);
void	roles_print(struct pf_db *, struct pf_pool *, unsigned long long user);

int	cmd_migrate(const char *sqldir);
int	cmd_grants(const char *sqldir);
int	cmd_maintenance(int argc, char **argv);
int	cmd_notice(int argc, char **argv);
int	cmd_keys(int argc, char **argv);
int	cmd_user(int argc, char **argv);
int	cmd_org(int argc, char **argv);
int	cmd_backup(int argc, char **argv);
int	cmd_restore(int argc, char **argv);
int	cmd_purge(int argc, char **argv);
int	cmd_audit(int argc, char **argv);
int	cmd_sso(int argc, char **argv);
int	cmd_app(int argc, char **argv);
/* gdpr.c: erasure carried out; restore replays the erasure journal */
int	cmd_gdpr(int argc, char **argv);
void	gdpr_replay(void);

#endif /* ADMIN_H */
