/* Test helper: load a configuration given as text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pf-int.h"
#include "testconf.h"

int
testconf_load(const char *text, mode_t mode, char *err, size_t errsz)
{
	char path[] = "/tmp/pforte-testconf-XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *f;

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	err[0] = '\0';
	rc = pf_conf_load(path, err, errsz);
	unlink(path);
	return rc;
}

int
testconf_portal(const char *text)
{
	char err[256];

	if (testconf_load(text, 0600, err, sizeof(err)) < 0 || pf_base_init() < 0) {
		fprintf(stderr, "testconf: %s\n", *err ? err : "bad Portal.BaseURL");
		return -1;
	}
	return 0;
}
