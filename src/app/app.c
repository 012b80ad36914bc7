/*
 * app.c: opening the application: database and migrations, the
 * organisation it serves, templates, and the site data every page shows.
 */
#include "app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/gate.h"
#include "core/embed.h"
#include "core/xalloc.h"
#include "crud/entity.h"
#include "auth/audit.h"
#include "db/db.h"
#include "http/assets.h"
#include "http/http.h"
#include "tpl/tpl.h"
#include "core/log.h"
#include "crud/module.h"

/* The organisation a fresh installation serves until an administrator sets
 * it up: the district of the seed document. */
static const char default_org_code[] = "3180000";
static const char default_org_name[] = "영등포구";
static const char default_org_name_en[] = "Yeongdeungpo-gu";

static const char *const asset_names[][2] = {
	{"krds_css", "assets/krds/css/component/output.css"},
	{"app_css", "assets/app/app.css"},
	{"htmx_js", "assets/htmx/htmx.min.js"},
	{"favicon", "assets/krds/img/component/favicon/favicon.svg"},
};

/* The first organisation, or NULL. */
static json_t *first_org(struct db_conn *c)
{
	struct db_stmt *s = db_prepare(
		c, "SELECT code, name, name_en, id FROM organisations ORDER BY id LIMIT 1");
	json_t *org = NULL;
	if (s && db_step(s) == DB_ROW)
		org = json_pack("{s:s, s:s, s:s?, s:I}", "code", db_column_text(s, 0), "name",
				db_column_text(s, 1), "name_en", db_column_text(s, 2), "id",
				(json_int_t)db_column_int(s, 3));
	db_finalize(s);
	return org;
}

/* Reads the first organisation, creating the default one on an empty
 * database. */
static json_t *load_org(struct db *db, char *err, size_t errlen)
{
	struct db_conn *c = db_acquire(db);
	if (!c) {
		snprintf(err, errlen, "cannot connect to the database");
		return NULL;
	}
	json_t *org = first_org(c);
	/* another process starting on the same database may have made it first */
	if (!org && db_run(c, NULL,
			   "INSERT INTO organisations (code, name, name_en) VALUES (?, ?, ?) ON "
			   "CONFLICT DO NOTHING",
			   "ttt", default_org_code, default_org_name, default_org_name_en) == DB_OK)
		org = first_org(c);
	if (!org)
		snprintf(err, errlen, "cannot read the organisation: %s", db_errmsg(c));
	db_release(c);
	return org;
}

/* The modules' areas that role may open (GET of the area's page allowed),
 * in the module list's order: the main ones only (the menu), or all of
 * them, each part with the main area it is "under" (the home page). */
static json_t *build_nav(enum role role, int parts)
{
	json_t *nav = json_array();
	for (size_t i = 0; i < modules_count(); i++) {
		const struct module_area *a = module_at(i)->area;
		if (!a || !(module_route_allow(a->href) & ROLE_BIT(role)) || (a->under && !parts))
			continue;
		json_t *x = json_pack("{s:s, s:s, s:s, s:s}", "href", a->href, "label", a->label,
				      "label_en", a->label_en, "description", a->description);
		if (a->under)
			json_object_set_new(x, "under", json_string(a->under));
		json_array_append_new(nav, x);
	}
	return nav;
}

static json_t *build_assets(void)
{
	json_t *a = json_object();
	for (size_t i = 0; i < sizeof asset_names / sizeof asset_names[0]; i++) {
		char *url = asset_url(asset_names[i][1]);
		json_object_set_new(a, asset_names[i][0], json_string(url ? url : ""));
		free(url);
	}
	return a;
}

int app_open(struct app *app, const char *db_url, int dev, int pool, char *err, size_t errlen)
{
	memset(app, 0, sizeof *app);
	app->dev = dev;
	app_install();
	app->routes = module_routes(&app->n_routes);
	app->db = db_open(db_url, pool, err, errlen);
	if (!app->db)
		return -1;
	if (db_migrate(app->db, err, errlen) < 0)
		return -1;
	if (db_schema_version(app->db) > db_latest_version()) {
		snprintf(err, errlen,
			 "the database has schema version %d, newer than this binary's %d: "
			 "run a newer innoland",
			 db_schema_version(app->db), db_latest_version());
		return -1;
	}
	struct db_conn *c = db_acquire(app->db);
	int sound =
		c && entity_selfcheck(c, err, errlen) == 0 && entity_indexes(c, err, errlen) == 0;
	db_release(c);
	if (!sound)
		return -1;
	json_t *org = load_org(app->db, err, errlen);
	if (!org)
		return -1;
	app->org_id = json_integer_value(json_object_get(org, "id"));
	snprintf(app->org_text, sizeof app->org_text, "%lld", (long long)app->org_id);
	if (!dev && !(app->templates = templates_load(0, err, errlen)))
		return -1;
	json_t *assets = build_assets();
	for (int r = 0; r < ROLE_COUNT; r++)
		app->site_for[r] =
			json_pack("{s:s, s:s, s:O, s:o, s:o, s:O}", "name", "혁신랜드", "version",
				  INNOLAND_VERSION, "org", org, "nav", build_nav((enum role)r, 0),
				  "areas", build_nav((enum role)r, 1), "asset", assets);
	json_decref(assets);
	json_decref(org);
	app->anonymous_context = json_pack("{s:O}", "site", app->site_for[ROLE_ANONYMOUS]);
	return 0;
}

void app_close(struct app *app)
{
	if (app->templates)
		tpl_set_free(app->templates);
	json_decref(app->anonymous_context);
	for (int r = 0; r < ROLE_COUNT; r++)
		json_decref(app->site_for[r]);
	if (app->db)
		db_close(app->db);
	memset(app, 0, sizeof *app);
}

struct tpl_set *app_templates(struct app *app, char *err, size_t errlen)
{
	return app->dev ? templates_load(1, err, errlen) : app->templates;
}

void app_templates_done(struct app *app, struct tpl_set *set)
{
	if (app->dev)
		tpl_set_free(set);
}

static struct tpl_set *env_templates(void *app, char *err, size_t errlen)
{
	return app_templates(app, err, errlen);
}

static void env_templates_done(void *app, struct tpl_set *set)
{
	app_templates_done(app, set);
}

void app_http_env(struct app *app, struct http_env *env)
{
	*env = (struct http_env){
		.db = app->db,
		.dev = app->dev,
		.org_id = app->org_id,
		.org_text = app->org_text,
		.site_for = app->site_for,
		.anonymous_context = app->anonymous_context,
		.gate = gate_identify,
		.me = gate_me,
		.templates = env_templates,
		.templates_done = env_templates_done,
		.ctx = app,
	};
}

/* "templates/crud/list.mustache" → "crud/list". */
static char *template_name(const char *path)
{
	const char *start = path + strlen("templates/");
	const char *dot = strrchr(start, '.');
	return xstrndup(start, dot ? (size_t)(dot - start) : strlen(start));
}

struct tpl_set *templates_load(int from_disk, char *err, size_t errlen)
{
	struct tpl_set *set = tpl_set_new();
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (strncmp(f->path, "templates/", 10))
			continue;
		size_t len = f->len;
		char *disk = from_disk ? asset_read_source(f->path, &len) : NULL;
		const char *src = disk ? disk : (const char *)f->data;
		char *name = template_name(f->path), msg[200];
		int rc = tpl_set_add(set, name, src, disk ? len : f->len, msg, sizeof msg);
		if (rc != 0)
			snprintf(err, errlen, "%s: %s", f->path, msg);
		free(name);
		free(disk);
		if (rc != 0) {
			tpl_set_free(set);
			return NULL;
		}
	}
	return set;
}

/* One organisation's rebuild: every module's step, in one transaction. */
static int rebuild_org(struct db_conn *c, int64_t org)
{
	if (db_begin(c) != DB_OK)
		return 1;
	for (size_t i = 0; i < modules_count(); i++) {
		const struct module *m = module_at(i);
		if (m->rebuild && m->rebuild(c, org) != ERR_OK) {
			fprintf(stderr, "innoland rebuild: %s: %s\n", m->name, db_errmsg(c));
			db_rollback(c);
			return 1;
		}
	}
	if (db_commit(c) == DB_OK)
		return 0;
	fprintf(stderr, "innoland rebuild: %s\n", db_errmsg(c));
	db_rollback(c);
	return 1;
}

int app_rebuild(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	if (!c)
		return 1;
	int64_t ids[1024];
	size_t orgs = 0;
	struct db_stmt *s = db_prepare(c, "SELECT id FROM organisations ORDER BY id");
	int rc = s ? 0 : 1, step;
	while (s && orgs < 1024 && (step = db_step(s)) == DB_ROW)
		ids[orgs++] = db_column_int(s, 0);
	if (s && orgs < 1024 && step != DB_OK)
		rc = 1;
	db_finalize(s);
	for (size_t i = 0; i < orgs && !rc; i++)
		rc = rebuild_org(c, ids[i]);
	db_release(c);
	if (rc)
		return rc;
	printf("%zu개 기관의 ", orgs);
	const char *sep = "";
	for (size_t i = 0; i < modules_count(); i++)
		if (module_at(i)->rebuild) {
			printf("%s%s", sep, module_at(i)->rebuild_what);
			sep = ", ";
		}
	printf("을(를) 기록에서 다시 만들었습니다.\n");
	return 0;
}

int app_demo_load(struct db *db)
{
	char err[256] = "";
	struct db_conn *c = db_acquire(db);
	int rc = DB_ERR;
	int64_t org = c ? db_int(c, &rc, 0, "SELECT MIN(id) FROM organisations", "") : 0;
	if (org <= 0) {
		log_error("demo data: %s", !c		  ? "no database"
					   : rc == DB_ERR ? db_errmsg(c)
							  : "no organisation to load into");
		db_release(c);
		return -1;
	}
	struct audit_actor by = {org, 0, "system", NULL};
	for (size_t i = 0; i < modules_count(); i++) {
		const struct module *m = module_at(i);
		if (m->demo && m->demo(c, &by, org, err, sizeof err) != 0) {
			log_error("demo data (%s): %s", m->name, err);
			db_release(c);
			return -1;
		}
	}
	db_release(c);
	return 0;
}
