/*
 * pages.c: the pages that belong to no module: the home page (also the API
 * index at /api/v1/) and the health probe.
 */
#include <string.h>

#include "app/app.h"
#include "db/db.h"
#include "http/http.h"
#include "app/pages.h"

enum err page_home(struct request *req, struct response *res)
{
	json_t *site = req->app->site;
	res->doc =
		json_pack("{s:s, s:O, s:s, s:O, s:s}", "name", "혁신랜드", "org",
			  json_object_get(site, "org"), "intro",
			  "혁신과제와 월별 추진실적, 지식관리, 혁신마일리지, 학습동아리, 교육과 "
			  "경진대회, 부서평가와 혁신수준진단까지 행정혁신의 모든 기록을 한곳에서 "
			  "관리하고, 연간 추진실적 보고서를 기록으로부터 만듭니다.",
			  "areas", json_object_get(site, "nav"), "api", "/api/v1/");
	return res->doc ? ERR_OK : ERR_INTERNAL;
}

enum err page_healthz(struct request *req, struct response *res)
{
	if (!db_ping(req->app->db))
		return ERR_DB_UNAVAILABLE;
	res->static_body = "ok\n";
	res->body_len = 3;
	res->content_type = "text/plain; charset=utf-8";
	response_header(res, "Cache-Control", "no-store");
	return ERR_OK;
}
