/*
 * status: the public system status.
 *
 *   /status       the page: components, maintenance windows, notices
 *   /status.json  the same, machine-readable
 *   /healthz      for load balancers: 200 when this process and the
 *                 database are fine, 503 otherwise
 *
 * The status page must work when the portal does not, so it renders even
 * without the database (and then says so, with status 503).
 */
#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "pforte.h"

enum sql {
	SQL_MAINT = PF_SQL_APP,
	SQL__MAX
};

static const char *const sql[SQL__MAX - PF_SQL_APP] = {
	[SQL_MAINT - PF_SQL_APP] =
	    "SELECT title_de, title_en, body_de, body_en, starts_at, ends_at, "
	    "starts_at <= UTC_TIMESTAMP() FROM maintenance_windows "
	    "WHERE ends_at > UTC_TIMESTAMP() ORDER BY starts_at LIMIT 20",
};

/* Components other than the database are checked at most every
 * Status.CacheSeconds per process: the probes cost time and traffic. */
#define MAX_PROBES 16
static struct {
	time_t		 checked;
	char		 stamp[32];
	enum pf_state	 mail;
	struct pf_probe	 probes[MAX_PROBES];
	size_t		 nprobes;
} comp;

/* What one request gathered. */
struct status {
	enum pf_state	 db;
	struct pf_rows	 maint, notices;
};

static void
add_probe(const char *name, const char *url, void *arg)
{
	if (comp.nprobes == MAX_PROBES || url == NULL)
		return;
	comp.probes[comp.nprobes].name = name;
	comp.probes[comp.nprobes].url = url;
	comp.nprobes++;
}

static void
check_components(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (comp.checked && now - comp.checked < pf_conf_int("Status.CacheSeconds"))
		return;
	comp.nprobes = 0;
	pf_conf_each("Status.Probe", add_probe, NULL);
	pf_probe_run(comp.probes, comp.nprobes, pf_conf_str("Status.ProbeCA"),
	    pf_conf_int("Status.ProbeTimeout"));
	comp.mail = pf_mail_check() == 0 ? PF_STATE_OK : PF_STATE_DOWN;
	comp.checked = now;
	gmtime_r(&now, &tm);
	strftime(comp.stamp, sizeof(comp.stamp), "%Y-%m-%d %H:%M:%S", &tm);
}

static void
gather(struct pf_req *r, struct status *st)
{
	struct pf_db *db = pf_req_db(r);
	struct pf_pool *p = pf_req_pool(r);

	memset(st, 0, sizeof(*st));
	st->db = PF_STATE_DOWN;
	if (pf_db_query(db, p, SQL_MAINT, NULL, 0, &st->maint) == PF_DB_OK &&
	    pf_db_query(db, p, PF_SQL_NOTICES, NULL, 0, &st->notices) == PF_DB_OK)
		st->db = PF_STATE_OK;
	else
		pf_log(r, PF_LOG_ERR, "status: database unavailable");
	check_components();
}

static const char *
overall(const struct status *st)
{
	size_t i;

	if (st->db != PF_STATE_OK)
		return "outage";
	if (comp.mail != PF_STATE_OK)
		return "degraded";
	for (i = 0; i < comp.nprobes; i++)
		if (comp.probes[i].state != PF_STATE_OK)
			return "degraded";
	return "operational";
}

static int
page_status(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	struct status st;
	size_t i, n = 0;
	int en = strcmp(pf_req_lang(r), "en") == 0;

	gather(r, &st);
	pf_set(r, "Status.Overall", overall(&st));
	pf_set(r, "Status.CheckedAt", pf_time_human(p, comp.stamp));

	pf_setf(r, pf_tr(r, "Status.Component.database"), "Status.Components.%zu.Name", n);
	pf_setf(r, pf_state_str(st.db), "Status.Components.%zu.State", n++);
	pf_setf(r, pf_tr(r, "Status.Component.mail"), "Status.Components.%zu.Name", n);
	pf_setf(r, pf_state_str(comp.mail), "Status.Components.%zu.State", n++);
	for (i = 0; i < comp.nprobes; i++, n++) {
		pf_setf(r, pf_psprintf(p, "%s: %s", pf_tr(r, "Status.Component.program"),
		    comp.probes[i].name), "Status.Components.%zu.Name", n);
		pf_setf(r, pf_state_str(comp.probes[i].state), "Status.Components.%zu.State", n);
	}
	for (i = 0; i < st.maint.n; i++) {
		pf_setf(r, pf_cell_str(&st.maint, i, en), "Status.Maint.%zu.Title", i);
		pf_setf(r, pf_cell_str(&st.maint, i, 2 + en), "Status.Maint.%zu.Body", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&st.maint, i, 4)), "Status.Maint.%zu.Start", i);
		pf_setf(r, pf_time_human(p, pf_cell_str(&st.maint, i, 5)), "Status.Maint.%zu.End", i);
		pf_setf(r, PF_CELL(&st.maint, i, 6)->i ? "1" : "0", "Status.Maint.%zu.Current", i);
	}
	pf_notices_set(r, "Status.Notices", &st.notices, st.notices.n);
	pf_resp_status(r, st.db == PF_STATE_OK ? 200 : 503);
	return pf_render_page(r, "status.cs", "status", "Status.Title");
}

static json_t *
texts(const struct pf_rows *rows, size_t row, size_t col)
{
	return json_pack("{s:s, s:s}", "de", pf_cell_str(rows, row, col), "en", pf_cell_str(rows, row, col + 1));
}

static int
page_json(struct pf_req *r)
{
	struct pf_pool *p = pf_req_pool(r);
	struct status st;
	json_t *j, *comps, *maint, *notices;
	size_t i;
	char *s;

	gather(r, &st);
	comps = json_array();
	json_array_append_new(comps, json_pack("{s:s, s:s}", "name", "database",
	    "state", pf_state_str(st.db)));
	json_array_append_new(comps, json_pack("{s:s, s:s}", "name", "mail",
	    "state", pf_state_str(comp.mail)));
	for (i = 0; i < comp.nprobes; i++)
		json_array_append_new(comps, json_pack("{s:s, s:s, s:s}", "name",
		    comp.probes[i].name, "kind", "program",
		    "state", pf_state_str(comp.probes[i].state)));
	maint = json_array();
	for (i = 0; i < st.maint.n; i++)
		json_array_append_new(maint, json_pack("{s:o, s:o, s:s?, s:s?, s:b}",
		    "title", texts(&st.maint, i, 0), "body", texts(&st.maint, i, 2),
		    "starts_at", pf_time_rfc3339(p, pf_cell_str(&st.maint, i, 4)),
		    "ends_at", pf_time_rfc3339(p, pf_cell_str(&st.maint, i, 5)),
		    "current", PF_CELL(&st.maint, i, 6)->i != 0));
	notices = json_array();
	for (i = 0; i < st.notices.n; i++)
		json_array_append_new(notices, json_pack("{s:o, s:o, s:s?, s:s}",
		    "title", texts(&st.notices, i, 0), "body", texts(&st.notices, i, 2),
		    "published_at", pf_time_rfc3339(p, pf_cell_str(&st.notices, i, 4)),
		    "severity", pf_cell_str(&st.notices, i, 5)));
	j = json_pack("{s:s, s:s?, s:o, s:o, s:o}", "overall", overall(&st),
	    "checked_at", pf_time_rfc3339(p, comp.stamp), "components", comps,
	    "maintenance", maint, "notices", notices);
	if (j == NULL || (s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII)) == NULL) {
		json_decref(j);
		return 500;
	}
	json_decref(j);
	pf_resp_status(r, st.db == PF_STATE_OK ? 200 : 503);
	pf_resp_type(r, "application/json");
	pf_resp_puts(r, s);
	pf_resp_puts(r, "\n");
	free(s);
	return 0;
}

static int
page_healthz(struct pf_req *r)
{
	if (pf_db_ping(pf_req_db(r)) != PF_DB_OK)
		return 503;
	pf_resp_type(r, "text/plain; charset=utf-8");
	pf_resp_puts(r, "ok\n");
	return 0;
}

static const struct pf_page pages[] = {
	{ "/status", PF_GET, 0, 0, page_status, 0 },
	{ "/status.json", PF_GET, 0, PF_PAGE_JSON, page_json, 0 },
	{ "/healthz", PF_GET, 0, PF_PAGE_PLAIN, page_healthz, 0 },
};

static const struct pf_app app = {
	"status", pages, sizeof(pages) / sizeof(pages[0]), NULL, 0,
	sql, SQL__MAX - PF_SQL_APP, NULL,
};

int
main(int argc, char *argv[])
{
	return pf_main(&app, argc, argv);
}
