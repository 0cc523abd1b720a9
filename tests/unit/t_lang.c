/* Both language files carry exactly the same keys, none empty. */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <ClearSilver.h>

static HDF *
load(const char *lang)
{
	char path[1024];
	const char *top = getenv("top_srcdir");
	HDF *h = NULL;

	glob_t g;
	size_t i;

	snprintf(path, sizeof(path), "%s/templates/lang/%s.hdf", top ? top : ".", lang);
	assert_null(hdf_init(&h));
	assert_null(hdf_read_file(h, path));
	/* and the programs' parts, as lib/tmpl.c reads them */
	snprintf(path, sizeof(path), "%s/templates/lang/%s/*.hdf", top ? top : ".", lang);
	if (glob(path, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			assert_null(hdf_read_file(h, g.gl_pathv[i]));
		globfree(&g);
	}
	return h;
}

/* Every valued node of a must exist, non-empty, in b. */
static int
missing(HDF *a, HDF *b, const char *prefix)
{
	HDF *c;
	char name[512];
	const char *v;
	int n = 0;

	for (c = hdf_obj_child(a); c; c = hdf_obj_next(c)) {
		snprintf(name, sizeof(name), "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_value(c) != NULL) {
			v = hdf_get_value(b, name, NULL);
			if (v == NULL || *v == '\0') {
				fprintf(stderr, "missing or empty: %s\n", name);
				n++;
			}
		}
		n += missing(c, b, name);
	}
	return n;
}

static void
t_same_keys(void **state)
{
	HDF *de = load("de"), *en = load("en");

	assert_int_equal(missing(de, en, ""), 0);
	assert_int_equal(missing(en, de, ""), 0);
	/* The error pages need a title and text for every code we send. */
	assert_non_null(hdf_get_value(de, "Error.503.Text", NULL));
	assert_non_null(hdf_get_value(en, "Error.431.Title", NULL));
	hdf_destroy(&de);
	hdf_destroy(&en);
}

int
main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(t_same_keys) };

	nerr_init();
	return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
