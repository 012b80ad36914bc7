/* module.c: the innovation evaluations as the application lists them
 * (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/evaluations/evaluations.h"

static const struct entity *const entities[] = {&evaluations_rounds,	 &evaluations_areas,
						&evaluations_indicators, &evaluations_targets,
						&evaluations_scores,	 NULL};

static const struct query_param results_params[] = {
	{"round", "평가", P_ID, 0, 0, NULL},
	{"version", "결과 버전", P_INT, 1, 100000, NULL},
	{"target", "평가 대상", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct query_param records_params[] = {
	{"round", "평가", P_ID, 0, 0, NULL},	   {"version", "결과 버전", P_INT, 1, 100000, NULL},
	{"target", "평가 대상", P_ID, 0, 0, NULL}, {"indicator", "평가 지표", P_ID, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 100000, NULL},	   {NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/evaluations/results", evaluations_page_results, "evaluations/results",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "평가 결과: 순위, 인센티브(최우수·우수), 부서별 지표 실적·점수·산식 (공개 후 부서)", NULL,
	 results_params},
	{"GET", "/evaluations/print", evaluations_page_print, "evaluations/print",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF, "평가 결과표: 인쇄용", NULL, results_params},
	{"GET", "/evaluations/records", evaluations_page_records, "evaluations/records",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF, "평가 실적의 근거 기록: 산출 지표가 센 기록 목록",
	 NULL, records_params},
	{"GET", "/evaluations/results.xlsx", evaluations_page_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "평가 결과 XLSX: 순위와 분야마다 한 시트", NULL, results_params},
};

static const struct module_area area = {
	"/evaluations", "행정혁신 평가", "Innovation evaluations",
	"우수부서·동 행정혁신 평가: 지표, 채점, 마감, 순위와 인센티브", NULL};

static const char *const plan_pages[] = {
	"/evaluations/results?round=1",
	"/evaluations/results?round=1&version=1&target=1",
	"/evaluations/print?round=1",
	"/evaluations/records?round=1&target=1&indicator=1",
	"/evaluations/records?round=1&target=1&indicator=3",
	"/evaluations/1",
	"/evaluation-targets/1",
	NULL,
};

const struct module evaluations_module = {
	.name = "evaluations",
	.label = "행정혁신 평가",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = evaluations_demo_load,
	.plan_pages = plan_pages,
};
