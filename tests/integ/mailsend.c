/*
 * mailsend: send one mail or SMS through libpforte, for the test that
 * runs real sinks (tests/integ/mail.test).  Reads PFORTE_CONFIG.
 *
 *   mailsend mail LANG TO KIND [NAME=VALUE ...]
 *   mailsend sms TO TEXT
 *
 * Exits 0 when the transport or gateway took the message, 1 when not,
 * 2 on a usage or configuration error.
 */
#include <stdio.h>
#include <stdlib.h>

#include <curl/curl.h>

#include "pf-int.h"	/* pf_tmpl_free: templates load on first use */

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: mailsend mail LANG TO KIND [NAME=VALUE ...]\n"
	    "       mailsend sms TO TEXT\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct pf_var *vars;
	char err[512], *eq;
	int i, rc;

	if (argc < 2)
		usage();
	pf_log_init("mailsend");
	if (pf_conf_load(pf_conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "mailsend: %s\n", err);
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return 2;
	if (strcmp(argv[1], "mail") == 0 && argc >= 5) {
		vars = pf_xcalloc((size_t)argc, sizeof(*vars));
		for (i = 5; i < argc; i++) {
			if ((eq = strchr(argv[i], '=')) == NULL)
				usage();
			*eq = '\0';
			vars[i - 5] = (struct pf_var){ argv[i], eq + 1 };
		}
		rc = pf_mail_send(argv[2], argv[3], argv[4], vars, (size_t)(argc - 5));
		free(vars);
	} else if (strcmp(argv[1], "sms") == 0 && argc == 4)
		rc = pf_sms_send(argv[2], argv[3]);
	else
		usage();
	curl_global_cleanup();
	pf_tmpl_free();
	pf_conf_free();
	return rc == 0 ? 0 : 1;
}
