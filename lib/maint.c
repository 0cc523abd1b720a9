/*
 * maint.c: the maintenance banner every page shows while a maintenance
 * window is under way or begins within a day, and the security notices
 * the status page and the dashboard show.  The answer is cached per
 * process for half a minute: this is one query that would otherwise run
 * on every page of every program.
 */
#include <stdlib.h>
#include <time.h>

#include "pf-int.h"

#define CACHE_SECONDS 30

static struct {
	time_t	 fetched;
	int	 active, current;
	char	*title[2], *start, *end;
} cache;

static void
cache_clear(void)
{
	free(cache.title[0]);
	free(cache.title[1]);
	free(cache.start);
	free(cache.end);
	memset(&cache, 0, sizeof(cache));
}

static void
refresh(struct pf_req *r)
{
	struct pf_rows rows;
	time_t now = time(NULL);
	char *s, *e;

	if (cache.fetched && now - cache.fetched < CACHE_SECONDS)
		return;
	if (r->db == NULL || pf_db_query(r->db, r->pool, PF_SQL_MAINT_BANNER,
	    NULL, 0, &rows) != PF_DB_OK)
		return;		/* keep the last answer; the page still renders */
	cache_clear();
	cache.fetched = now;
	if (rows.n == 0)
		return;
	s = pf_time_human(r->pool, PF_CELL(&rows, 0, 2)->s);
	e = pf_time_human(r->pool, PF_CELL(&rows, 0, 3)->s);
	if (s == NULL || e == NULL)
		return;
	cache.active = 1;
	cache.title[0] = pf_xstrdup(PF_CELL(&rows, 0, 0)->s);
	cache.title[1] = pf_xstrdup(PF_CELL(&rows, 0, 1)->s);
	cache.start = pf_xstrdup(s);
	cache.end = pf_xstrdup(e);
	cache.current = PF_CELL(&rows, 0, 4)->i != 0;
}

void
pf_maint_banner(struct pf_req *r)
{
	refresh(r);
	if (!cache.active)
		return;
	pf_set(r, "Maint.Active", "1");
	pf_set(r, "Maint.Current", cache.current ? "1" : "0");
	pf_set(r, "Maint.Title", cache.title[strcmp(r->lang, "en") == 0]);
	pf_set(r, "Maint.Start", cache.start);
	pf_set(r, "Maint.End", cache.end);
}

void
pf_notices_set(struct pf_req *r, const char *node, const struct pf_rows *rows, size_t max)
{
	int en = strcmp(r->lang, "en") == 0;
	size_t i;

	for (i = 0; i < rows->n && i < max; i++) {
		pf_setf(r, pf_cell_str(rows, i, en), "%s.%zu.Title", node, i);
		pf_setf(r, pf_cell_str(rows, i, 2 + en), "%s.%zu.Body", node, i);
		pf_setf(r, pf_time_human(r->pool, pf_cell_str(rows, i, 4)), "%s.%zu.Published",
		    node, i);
		pf_setf(r, pf_cell_str(rows, i, 5), "%s.%zu.Severity", node, i);
	}
}
