/*
 * libFuzzer target for the SIEM formats (lib/auditfmt.c): whatever bytes
 * a client puts into the user agent, object, detail, request id or even
 * the action, the ECS line must be valid JSON, and no output (ECS, CEF,
 * RFC 5424) may hold a control character, DEL or invalid UTF-8.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I lib -I BUILDDIR \
 *     tests/fuzz/fuzz_auditfmt.c lib/auditfmt.c lib/events.c lib/buf.c \
 *     lib/mem.c lib/utf8.c -ljansson -lcrypto
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <jansson.h>

#include "pforte.h"

static void
clean_or_die(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
	if (!pf_utf8_valid(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_audit_row row;
	char *buf = malloc(size + 1), *f[6], *p, *s;
	size_t i, n = 0;
	json_t *j;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	/* fields separated by 0x1e; a NUL inside ends a field early, as in C */
	for (p = buf, f[n++] = p; n < 6 && (p = strchr(p, 0x1e)) != NULL; f[n++] = p)
		*p++ = '\0';
	for (i = n; i < 6; i++)
		f[i] = "";
	memset(&row, 0, sizeof(row));
	row.id = 1;
	memcpy(row.at, "2026-11-22 13:47:38.123456", 27);
	row.ua = f[0];
	row.detail = f[1];
	row.object = f[2];
	row.request_id = f[3];
	row.action = f[4];
	row.ip = f[5];
	row.program = "login";
	row.outcome = "fail";
	row.user = 7;
	row.opened = 1;

	s = pf_audit_ecs(&row);
	clean_or_die(s);
	if ((j = json_loads(s, 0, NULL)) == NULL)
		abort();
	json_decref(j);
	free(s);
	s = pf_audit_cef(&row);
	clean_or_die(s);
	free(s);
	s = pf_syslog_5424(LOG_AUTHPRIV | LOG_CRIT, f[3], f[4], f[2], f[0]);
	clean_or_die(s);
	free(s);
	free(buf);
	return 0;
}
