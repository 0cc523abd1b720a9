/*
 * documents-type.c: what an upload is, and what it is called.
 *
 * The type comes from the content (libmagic), never from the client's
 * Content-Type or the file name, and must be on Documents.Types.  Whatever
 * the list says, a download never presents HTML, SVG, XML or script as
 * such, and its name ends in an extension that matches the type, so that
 * "invoice.html" holding text is saved as "invoice.html.txt" and no file
 * manager later opens it as a web page.
 */
#include <strings.h>

#include <magic.h>

#include "documents.h"

static magic_t cookie;
static int cookie_failed;

/* Types and the extensions they are saved with (the first is added when
 * a name has none of them). */
static const struct { const char *mime, *exts; } known[] = {
	{ "application/pdf", "pdf" },
	{ "image/png", "png" },
	{ "image/jpeg", "jpg jpeg" },
	{ "image/gif", "gif" },
	{ "image/webp", "webp" },
	{ "text/plain", "txt text log" },
	{ "text/csv", "csv txt" },
	{ "application/zip", "zip" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
	{ "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx" },
	{ "application/vnd.oasis.opendocument.text", "odt" },
	{ "application/vnd.oasis.opendocument.spreadsheet", "ods" },
	{ "application/vnd.oasis.opendocument.presentation", "odp" },
	{ "application/msword", "doc" },
	{ "application/vnd.ms-excel", "xls" },
};

/* Types a browser renders or runs: never served as themselves. */
static const char *const active[] = {
	"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml",
	"text/javascript", "application/javascript", "application/x-javascript",
	"text/x-shellscript", NULL,
};

const char *
type_detect(struct pf_pool *p, const void *buf, size_t n)
{
	const char *t;

	if (cookie == NULL && !cookie_failed) {
		/* Compressed files are not unpacked to look inside: less
		 * attack surface for a parser of untrusted input. */
		if ((cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
		    MAGIC_NO_CHECK_ELF | MAGIC_ERROR)) == NULL || magic_load(cookie, NULL) != 0) {
			pf_log(NULL, PF_LOG_ERR, "documents: libmagic does not load: %s",
			    cookie ? magic_error(cookie) : "magic_open failed");
			if (cookie != NULL)
				magic_close(cookie);
			cookie = NULL;
			cookie_failed = 1;
		}
	}
	if (cookie == NULL || (t = magic_buffer(cookie, buf, n)) == NULL)
		return "";
	return pf_pstrdup(p, t);
}

int
type_allowed(const char *mime)
{
	const char *list = pf_conf_str("Documents.Types"), *s;
	size_t n = strlen(mime);

	if (n == 0)
		return 0;
	for (s = list; (s = strstr(s, mime)) != NULL; s += n)
		if ((s == list || s[-1] == ' ' || s[-1] == ',') &&
		    (s[n] == '\0' || s[n] == ' ' || s[n] == ','))
			return 1;
	return 0;
}

const char *
type_served(const char *mime)
{
	size_t i;

	for (i = 0; active[i] != NULL; i++)
		if (strcasecmp(mime, active[i]) == 0)
			return "application/octet-stream";
	return *mime ? mime : "application/octet-stream";
}

int
name_clean(struct pf_pool *p, const char *in, const char **out)
{
	char *s;
	size_t i, n = strlen(in);

	/* A path is never a file name: a client that sends one is not a
	 * browser, and "../" has no business here. */
	if (n == 0 || n > NAME_MAX_BYTES || strchr(in, '/') != NULL ||
	    strchr(in, '\\') != NULL || strcmp(in, ".") == 0 || strcmp(in, "..") == 0)
		return -1;
	s = pf_pstrdup(p, in);
	/* Characters some file systems or shells choke on. */
	for (i = 0; i < n; i++)
		if (strchr("\"*:<>?|", s[i]) != NULL || (unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = '_';
	/* No hidden files, no names that end in a dot or blank. */
	while (*s == '.' || *s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		s[--n] = '\0';
	if (n == 0)
		return -1;
	*out = s;
	return 0;
}

const char *
name_for_type(struct pf_pool *p, const char *name, const char *mime)
{
	const char *dot = strrchr(name, '.'), *e;
	size_t i, n;

	if (strcmp(mime, "application/x-empty") == 0)
		return name;	/* nothing in it to open as anything */

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(known[i].mime, mime) != 0)
			continue;
		for (e = known[i].exts; dot != NULL && *e; e += n + (e[n] == ' ')) {
			n = strcspn(e, " ");
			if (strlen(dot + 1) == n && strncasecmp(dot + 1, e, n) == 0)
				return name;
		}
		n = strcspn(known[i].exts, " ");
		return pf_psprintf(p, "%s.%.*s", name, (int)n, known[i].exts);
	}
	/* A type the configuration added: nothing to match, so the name
	 * only loses any claim to be something that runs or renders. */
	return pf_psprintf(p, "%s.bin", name);
}

const char *
disposition(struct pf_pool *p, const char *name)
{
	struct pf_buf b = { 0 };
	const char *out;
	size_t i;

	pf_buf_adds(&b, "attachment; filename=\"");
	for (i = 0; name[i]; i++)
		pf_buf_add(&b, (unsigned char)name[i] < 0x80 && name[i] != '"' &&
		    name[i] != '\\' && name[i] != '%' ? &name[i] : "_", 1);
	pf_buf_adds(&b, "\"; filename*=UTF-8''");
	pf_buf_pct(&b, name, strlen(name), "");
	out = pf_pstrdup(p, b.data);
	pf_buf_free(&b);
	return out;
}
