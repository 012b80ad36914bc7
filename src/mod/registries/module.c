/* module.c: the registries as the application lists them
 * (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/registries/registries.h"

static const struct entity *const entities[] = {&registries_publications, &registries_recognitions,
						&registries_forums,	  &registries_sessions,
						&registries_complaints,	  &registries_evaluations,
						&registries_supporters,	  &registries_benchmarkings,
						&registries_disclosures,  NULL};

static const struct query_param casebook_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct query_param disclosure_params[] = {
	{"id", "공시", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/registries", registries_page_home, "registries/home", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF,
	 "기록·대장: 간행물·홍보물, 수상·선정 실적, 포럼 참가와 회차, 민원제도개선, 서포터즈, "
	 "벤치마킹, 성과 공시의 건수와 최근 기록",
	 NULL, module_no_params},
	{"GET", "/registries/benchmarking-casebook", registries_page_casebook,
	 "registries/casebook", ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "벤치마킹 사례집: 연도의 완료된 벤치마킹, 인쇄용 (목차, 사례마다 한 쪽)", NULL,
	 casebook_params},
	{"GET", "/registries/benchmarking-casebook.xlsx", registries_page_casebook_export, NULL,
	 ROUTE_DB, ALLOW_STAFF, "벤치마킹 사례집 XLSX", NULL, casebook_params},
	{"GET", "/registries/disclosure", registries_page_disclosure, "registries/disclosure",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF, "혁신활동 추진성과 공시문: 인쇄용 (요약과 수록 기록)",
	 NULL, disclosure_params},
};

static const struct module_area area = {
	"/registries", "기록·대장", "Registries",
	"혁신 간행물·홍보물, 수상·선정 실적, 포럼 참가, 민원제도개선, 서포터즈, 벤치마킹, 성과 "
	"공시",
	NULL};

static const char *const plan_pages[] = {
	"/registries",
	"/registries/benchmarking-casebook?year=2007",
	"/registries/disclosure?id=1",
	NULL,
};

const struct module registries_module = {
	.name = "registries",
	.label = "기록·대장",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = registries_demo_load,
	.plan_pages = plan_pages,
};
