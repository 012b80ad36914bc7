/*
 * pages.c: the pages that belong to no module: the home page (also the API
 * index at /api/v1/) and the health probe.
 */
#include <string.h>

#include "app/app.h"
#include "db/db.h"
#include "http/http.h"
#include "app/pages.h"

static const char home_intro[] =
	"혁신과제와 월별 추진실적, 지식관리, 혁신마일리지, 학습동아리, 교육과 경진대회, "
	"부서평가와 혁신수준진단까지 행정혁신의 모든 기록을 한곳에서 관리하고, 연간 추진실적 "
	"보고서를 기록으로부터 만듭니다.";

/* The home document: the organisation and its areas of work.  The strings
 * are constants known to be UTF-8, so they skip jansson's check. */
enum err page_home(struct request *req, struct response *res)
{
	json_t *site = req->env->site, *doc = json_object();
	json_object_set_new_nocheck(doc, "name", json_string_nocheck("혁신랜드"));
	json_object_set_nocheck(doc, "org", json_object_get(site, "org"));
	json_object_set_new_nocheck(doc, "intro", json_string_nocheck(home_intro));
	json_object_set_nocheck(doc, "areas", json_object_get(site, "nav"));
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
