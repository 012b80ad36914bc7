/*
 * routes.c: the one place listing every route of InnoLand.  Each page route
 * also answers under /api/v1 in JSON (see http/dispatch.c); the gate checks
 * what a route declares before its handler runs.  Modules add their route
 * sets here as they arrive.
 */
#include "app/app.h"
#include "app/pages.h"
#include "http/assets.h"

const struct route app_routes[] = {
	{"GET", "/", page_home, "home", ROUTE_PAGE, "홈: 기관과 업무 영역 (API: /api/v1/)"},
	{"GET", "/healthz", page_healthz, NULL, 0, "데이터베이스에 닿으면 200"},
	{"GET", "/assets/*path", asset_serve, NULL, 0, "내장 정적 자원 (ETag, gzip)"},
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
