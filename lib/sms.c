/*
 * sms.c: text messages through an HTTP gateway.  Gateways differ in what
 * they want, so the request is configuration: SMS.URL, SMS.ContentType,
 * SMS.Authorization (the whole header value) and SMS.Body, a template
 * with {to} and {text}.  The values are escaped for the body's format;
 * nothing else of the request depends on data.
 *
 * The text holds a sign-in code and the number is personal data: neither
 * is ever logged, and the gateway's answer is read into nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include <curl/curl.h>

#include "pf-int.h"

#define DIGITS_MIN	6
#define DIGITS_MAX	15	/* E.164 */

/*
 * The number without the separators people write ("+49 (30) 555-01/99"):
 * an optional '+' and 6 to 15 digits, else -1.
 */
int
pf_sms_number(const char *in, char *out, size_t outsz)
{
	size_t n = 0, d;

	if (in == NULL || outsz < DIGITS_MAX + 2)
		return -1;
	for (; *in; in++) {
		if (strchr(" -/()", *in) != NULL)
			continue;
		if (n == DIGITS_MAX + 1)
			return -1;
		out[n++] = *in;
	}
	out[n] = '\0';
	d = out[0] == '+';
	n -= d;
	return n >= DIGITS_MIN && n <= DIGITS_MAX && strspn(out + d, "0123456789") == n ?
	    0 : -1;
}

/* A JSON string's content: quotes, backslashes and controls escaped;
 * UTF-8 passes as it is (the input is valid). */
static void
json_esc(struct pf_buf *b, const char *s)
{
	unsigned char c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		if (c == '"' || c == '\\') {
			pf_buf_add(b, "\\", 1);
			pf_buf_add(b, s, 1);
		} else if (c == '\n')
			pf_buf_adds(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			pf_buf_addf(b, "\\u%04x", c);
		else
			pf_buf_add(b, s, 1);
	}
}

/* application/x-www-form-urlencoded: unreserved characters as they are,
 * space as '+', everything else %XX. */
static void
form_esc(struct pf_buf *b, const char *s)
{
	size_t n;

	for (;;) {
		n = strcspn(s, " ");
		pf_buf_pct(b, s, n, "");
		if (s[n] == '\0')
			return;
		pf_buf_add(b, "+", 1);
		s += n + 1;
	}
}

static int
has_json(const char *ctype)
{
	for (; *ctype; ctype++)
		if (strncasecmp(ctype, "json", 4) == 0)
			return 1;
	return 0;
}

/*
 * The gateway's body: tmpl with every {to} and {text} replaced by the
 * value escaped for the content type (JSON when it names json, else
 * form encoding).  -1 when the text is not valid UTF-8.
 */
int
pf_sms_body(struct pf_buf *b, const char *tmpl, const char *ctype, const char *to,
    const char *text)
{
	void (*esc)(struct pf_buf *, const char *) = has_json(ctype) ? json_esc : form_esc;
	const char *p;

	if (!pf_utf8_valid(text, strlen(text)) || !pf_utf8_valid(to, strlen(to)))
		return -1;
	for (p = tmpl; *p; ) {
		if (strncmp(p, "{to}", 4) == 0) {
			esc(b, to);
			p += 4;
		} else if (strncmp(p, "{text}", 6) == 0) {
			esc(b, text);
			p += 6;
		} else
			pf_buf_add(b, p++, 1);
	}
	if (b->data == NULL)
		pf_buf_adds(b, "");
	return 0;
}

static size_t
discard(char *p, size_t size, size_t nmemb, void *arg)
{
	return size * nmemb;
}

/*
 * POST the message to SMS.URL; 0 when the gateway answered 2xx.
 * Redirects are not followed (the body would go wherever a gateway, or
 * whoever answers in its place, points).  Plain http:// is allowed only
 * to this machine (a local relay): anywhere else the code and the
 * gateway's credentials would cross the network in clear.
 */
int
pf_sms_send(const char *to, const char *text)
{
	const char *url = pf_conf_str("SMS.URL"), *auth = pf_conf_str("SMS.Authorization");
	const char *ctype = pf_conf_str("SMS.ContentType"), *ca = pf_conf_str("SMS.CA");
	char num[DIGITS_MAX + 2], errbuf[CURL_ERROR_SIZE];
	struct curl_slist *hdrs = NULL;
	struct pf_buf body = { 0 }, h = { 0 };
	long status = 0;
	CURL *c = NULL;
	CURLcode rc;
	int ret = -1;

	if (pf_sms_number(to, num, sizeof(num)) < 0) {
		pf_log(NULL, PF_LOG_WARN, "sms: refused a recipient that is not a phone number");
		return -1;
	}
	if (*url == '\0' || (strncmp(url, "https://", 8) != 0 &&
	    !(strncmp(url, "http://", 7) == 0 && pf_url_loopback(url)))) {
		pf_log(NULL, PF_LOG_ERR, "sms: SMS.URL must be an https:// URL "
		    "(http:// only to this machine)");
		return -1;
	}
	if (text == NULL || pf_sms_body(&body, pf_conf_str("SMS.Body"), ctype, num, text) < 0) {
		pf_log(NULL, PF_LOG_ERR, "sms: the text is not valid UTF-8");
		goto out;
	}
	pf_buf_addf(&h, "Content-Type: %s", ctype);
	if ((hdrs = curl_slist_append(hdrs, h.data)) == NULL ||
	    (hdrs = curl_slist_append(hdrs, "Expect:")) == NULL)
		abort();
	if (*auth) {
		pf_buf_reset(&h);
		pf_buf_addf(&h, "Authorization: %s", auth);
		if ((hdrs = curl_slist_append(hdrs, h.data)) == NULL)
			abort();
	}
	if ((c = curl_easy_init()) == NULL) {
		pf_log(NULL, PF_LOG_ERR, "sms: curl_easy_init failed");
		goto out;
	}
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (*ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)pf_conf_int("SMS.Timeout"));
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "pforte");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body.len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	if ((rc = curl_easy_perform(c)) != CURLE_OK)
		pf_log(NULL, PF_LOG_ERR, "sms: %s", *errbuf ? errbuf : curl_easy_strerror(rc));
	else if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK ||
	    status < 200 || status > 299)
		pf_log(NULL, PF_LOG_ERR, "sms: the gateway answered %ld", status);
	else {
		pf_log(NULL, PF_LOG_INFO, "sms: the gateway took the message");
		ret = 0;
	}
out:
	if (c != NULL)
		curl_easy_cleanup(c);
	curl_slist_free_all(hdrs);
	if (h.data != NULL)
		pf_wipe(h.data, h.cap);
	pf_buf_free(&h);
	if (body.data != NULL)
		pf_wipe(body.data, body.cap);
	pf_buf_free(&body);
	pf_wipe(num, sizeof(num));
	return ret;
}
