/*
 * pages.c: the pages that belong to no module: the home page (also the API
 * index at /api/v1/) and the health probe.
 */
#include <string.h>

#include "app/app.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "app/pages.h"

static const char home_intro[] =
	"혁신과제와 월별 추진실적, 지식관리, 혁신마일리지, 학습동아리, 교육과 경진대회, "
	"부서평가와 혁신수준진단까지 행정혁신의 모든 기록을 한곳에서 관리하고, 연간 추진실적 "
	"보고서를 기록으로부터 만듭니다.";

/* What the signed-in person has to do now: every module's work list, one
 * query each. */
static enum err todo_of(struct request *req, json_t **out)
{
	*out = json_array();
	if (!req->who.user_id)
		return ERR_OK;
	if (!request_db(req)) /* taken once here for every module's hook */
		return ERR_DB_UNAVAILABLE;
	for (size_t i = 0; i < modules_count(); i++) {
		const struct module *m = module_at(i);
		enum err e = m->todo ? m->todo(req, *out) : ERR_OK;
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

/* The home document: the organisation, what the person has to do, and the
 * areas of work their role may open.  The strings are constants known to
 * be UTF-8, so they skip jansson's check. */
enum err page_home(struct request *req, struct response *res)
{
	json_t *todo;
	enum err e = todo_of(req, &todo);
	if (e != ERR_OK) {
		json_decref(todo);
		return e;
	}
	json_t *site = req->env->site_for[req->who.role], *doc = json_object();
	json_object_set_new_nocheck(doc, "name", json_string_nocheck("혁신랜드"));
	json_object_set_nocheck(doc, "org", json_object_get(site, "org"));
	json_object_set_new_nocheck(doc, "intro", json_string_nocheck(home_intro));
	json_t *areas = json_object_get(site, "areas");
	json_object_set_nocheck(doc, "areas", areas);
	json_object_set_new_nocheck(doc, "has_areas", json_boolean(json_array_size(areas) > 0));
	json_object_set_new_nocheck(doc, "todo", todo);
	json_object_set_new_nocheck(doc, "signed_in", json_boolean(req->who.user_id != 0));
	json_object_set_new_nocheck(doc, "api", json_string_nocheck("/api/v1/"));
	res->doc = doc;
	return ERR_OK;
}

enum err page_healthz(struct request *req, struct response *res)
{
	if (!db_ping(request_database(req)))
		return ERR_DB_UNAVAILABLE;
	res->static_body = "ok\n";
	res->body_len = 3;
	res->content_type = "text/plain; charset=utf-8";
	response_header(res, "Cache-Control", "no-store");
	return ERR_OK;
}
