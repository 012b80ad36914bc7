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
#include "db/db.h"
#include "http/assets.h"
#include "http/http.h"
#include "tpl/tpl.h"
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"
#include "mod/tasks/tasks.h"

/* The organisation a fresh installation serves until an administrator sets
 * it up: the district of the seed document. */
static const char default_org_code[] = "3180000";
static const char default_org_name[] = "영등포구";
static const char default_org_name_en[] = "Yeongdeungpo-gu";

/* The areas of work, in the order of the seed document; every page links
 * them.  Their routes arrive with the modules that own them. */
static const struct area {
	const char *href;	 /* where the area lives */
	const char *label;	 /* Korean name */
	const char *label_en;	 /* English name */
	const char *description; /* one line on the home page */
} areas[] = {
	{"/staff", "조직·직원", "Organisation", "부서와 직원, 직급별 현원, 인사자료 가져오기"},
	{"/tasks", "혁신과제", "Innovation tasks", "공통·중점·부서과제와 단위사업, 월별 추진실적"},
	{"/knowledge", "지식관리", "Knowledge", "지식 등록, 지식전문가 심사, 우수지식 포상"},
	{"/mileage-entries/mine", "혁신마일리지", "Innovation mileage",
	 "활동별 점수, 개인·부서 순위, MVP"},
	{"/clubs", "학습동아리", "Learning clubs", "동아리와 회원, 모임 기록, 발표대회"},
	{"/groups", "혁신선도그룹", "Leading groups", "혁신리더·변화관리자·혁신새싹·전문가 그룹"},
	{"/courses", "혁신교육", "Education", "교육과정, 신청과 이수 현황"},
	{"/contests", "경진대회", "Contests", "우수사례·동아리·업무혁신 경진대회 심사"},
	{"/evaluations", "부서평가", "Evaluation", "부서·동 혁신평가 지표와 점수"},
	{"/diagnoses", "혁신수준진단", "GII diagnosis", "정부혁신지수(GII) 진단과 단계"},
	{"/registries", "각종 대장", "Registries", "지방이양사무, 민원제도개선, 벤치마킹, 홍보물"},
	{"/portal", "주민 포털", "Public portal", "비전과 소식, 주민 제안, 설문조사"},
	{"/reports", "연간 보고서", "Annual report", "추진실적과 다음 해 계획, 기록에서 계산"},
};

static const char *const asset_names[][2] = {
	{"krds_css", "assets/krds/css/component/output.css"},
	{"app_css", "assets/app/app.css"},
	{"htmx_js", "assets/htmx/htmx.min.js"},
	{"favicon", "assets/krds/img/component/favicon/favicon.svg"},
};

/* Reads the first organisation, creating the default one on an empty
 * database. */
static json_t *load_org(struct db *db, char *err, size_t errlen)
{
	struct db_conn *c = db_acquire(db);
	json_t *org = NULL;
	if (!c) {
		snprintf(err, errlen, "cannot connect to the database");
		return NULL;
	}
	for (int attempt = 0; attempt < 2 && !org; attempt++) {
		struct db_stmt *s =
			db_prepare(c, "SELECT code, name, name_en, id FROM organisations "
				      "ORDER BY id LIMIT 1");
		if (s && db_step(s) == DB_ROW)
			org = json_pack("{s:s, s:s, s:s?, s:I}", "code", db_column_text(s, 0),
					"name", db_column_text(s, 1), "name_en",
					db_column_text(s, 2), "id",
					(json_int_t)db_column_int(s, 3));
		db_finalize(s);
		if (org || attempt)
			break;
		s = db_prepare(c,
			       "INSERT INTO organisations (code, name, name_en) VALUES (?, ?, ?)");
		if (s) {
			db_bind_text(s, 1, default_org_code, strlen(default_org_code));
			db_bind_text(s, 2, default_org_name, strlen(default_org_name));
			db_bind_text(s, 3, default_org_name_en, strlen(default_org_name_en));
			db_step(s);
		}
		db_finalize(s);
	}
	if (!org)
		snprintf(err, errlen, "cannot read the organisation: %s", db_errmsg(c));
	db_release(c);
	return org;
}

static json_t *build_nav(void)
{
	json_t *nav = json_array();
	for (size_t i = 0; i < sizeof areas / sizeof areas[0]; i++)
		json_array_append_new(nav, json_pack("{s:s, s:s, s:s, s:s}", "href", areas[i].href,
						     "label", areas[i].label, "label_en",
						     areas[i].label_en, "description",
						     areas[i].description));
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
	app->routes = app_route_table(&app->n_routes);
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
	int sound = c && entity_selfcheck(c, err, errlen) == 0;
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
	app->site = json_pack("{s:s, s:s, s:o, s:o, s:o}", "name", "혁신랜드", "version",
			      INNOLAND_VERSION, "org", org, "nav", build_nav(), "asset",
			      build_assets());
	app->anonymous_context = json_pack("{s:O}", "site", app->site);
	return 0;
}

void app_close(struct app *app)
{
	if (app->templates)
		tpl_set_free(app->templates);
	json_decref(app->anonymous_context);
	json_decref(app->site);
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
		.site = app->site,
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

int app_rebuild(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	if (!c)
		return 1;
	int64_t ids[1024];
	size_t orgs = 0;
	struct db_stmt *s = db_prepare(c, "SELECT id FROM organisations ORDER BY id");
	while (s && orgs < 1024 && db_step(s) == DB_ROW)
		ids[orgs++] = db_column_int(s, 0);
	db_finalize(s);
	int rc = s ? 0 : 1;
	for (size_t i = 0; i < orgs && !rc; i++) {
		rc = db_begin(c) != DB_OK || tasks_rebuild(c, ids[i]) != ERR_OK ||
		     knowledge_reindex(c, ids[i]) != ERR_OK ||
		     mileage_rebuild(c, ids[i]) != ERR_OK || db_commit(c) != DB_OK;
		if (rc) {
			fprintf(stderr, "innoland rebuild: %s\n", db_errmsg(c));
			db_rollback(c);
		}
	}
	db_release(c);
	if (!rc)
		printf("%zu개 기관의 진도율, 현황판 합계, 지식 검색 색인, 마일리지 합계를 다시 "
		       "만들었습니다.\n",
		       orgs);
	return rc;
}
