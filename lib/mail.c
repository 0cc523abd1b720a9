/*
 * mail.c: the outgoing mail transport.  "dir" writes each message into a
 * folder (the local run's default, where a developer reads it); "smtp"
 * hands it to a relay.  This file answers whether the transport can take
 * mail now; sending comes with the first program that sends.
 */
#include <unistd.h>

#include <curl/curl.h>

#include "pf-int.h"

int
pf_mail_check(void)
{
	const char *t = pf_conf_str("Mail.Transport"), *dir, *url;
	CURL *c;
	CURLcode rc;

	if (strcmp(t, "dir") == 0) {
		dir = pf_conf_str("Mail.Dir");
		return *dir && access(dir, W_OK | X_OK) == 0 ? 0 : -1;
	}
	url = pf_conf_str("Mail.SMTP");
	if (*url == '\0' || (c = curl_easy_init()) == NULL)
		return -1;
	/* Connect and read the greeting only; no message is sent. */
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 1500L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}
