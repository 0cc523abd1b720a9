/* Test helper: load a configuration given as text (via a temporary file). */
#ifndef TESTCONF_H
#define TESTCONF_H

#include <sys/types.h>

/* pf_conf_load() on a file holding text with the given mode: 0 or -1. */
int	testconf_load(const char *text, mode_t mode, char *err, size_t errsz);
/* Load text as the configuration and derive the base URL: 0 or -1. */
int	testconf_portal(const char *text);

#endif
