/*
 * probe.c: concurrent health probes of the portal's programs over HTTP.
 * All probes run at once, so the page waits for the slowest one only, and
 * each has a hard time limit.
 */
#include <stdlib.h>

#include <curl/curl.h>

#include "pf-int.h"

static size_t
discard(char *p, size_t sz, size_t n, void *arg)
{
	return sz * n;
}

void
pf_probe_run(struct pf_probe *pv, size_t n, const char *cafile, long timeout_ms)
{
	CURLM *m = curl_multi_init();
	CURL **h = pf_xcalloc(n, sizeof(*h));
	size_t i;
	int running = 0;

	for (i = 0; i < n; i++) {
		pv[i].state = PF_STATE_DOWN;
		pv[i].http = 0;
		if (m == NULL || (h[i] = curl_easy_init()) == NULL)
			continue;
		curl_easy_setopt(h[i], CURLOPT_URL, pv[i].url);
		curl_easy_setopt(h[i], CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(h[i], CURLOPT_TIMEOUT_MS, timeout_ms);
		curl_easy_setopt(h[i], CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(h[i], CURLOPT_WRITEFUNCTION, discard);
		curl_easy_setopt(h[i], CURLOPT_USERAGENT, "pforte-status-probe");
		if (cafile != NULL && *cafile)
			curl_easy_setopt(h[i], CURLOPT_CAINFO, cafile);
		curl_multi_add_handle(m, h[i]);
	}
	if (m != NULL) {
		do {
			if (curl_multi_perform(m, &running) != CURLM_OK)
				break;
			if (running)
				curl_multi_poll(m, NULL, 0, 200, NULL);
		} while (running);
	}
	for (i = 0; i < n; i++) {
		if (h[i] == NULL)
			continue;
		curl_easy_getinfo(h[i], CURLINFO_RESPONSE_CODE, &pv[i].http);
		if (pv[i].http >= 200 && pv[i].http < 300)
			pv[i].state = PF_STATE_OK;
		else if (pv[i].http != 0 && pv[i].http < 500)
			pv[i].state = PF_STATE_DEGRADED;
		curl_multi_remove_handle(m, h[i]);
		curl_easy_cleanup(h[i]);
	}
	free(h);
	if (m != NULL)
		curl_multi_cleanup(m);
}
