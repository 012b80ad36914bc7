/* module.c: the contests as the application lists them (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/contests/contests.h"

static const struct entity *const entities[] = {&contests_contests, &contests_criteria,
						&contests_entries,  &contests_judges,
						&contests_scores,   NULL};

static const struct route routes[] = {
	{"GET", "/contests/{id}/assignments", contests_page_assignments, "contests/assignments",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN,
	 "경진대회 심사 배정: 심사위원마다 출품작의 제척·회피와 그 사유", NULL, module_no_params},
	{"GET", "/contest-entries/{id}/certificate", contests_page_certificate,
	 "contests/certificate", ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "수상이 확정된 출품작의 상장 (인쇄용)", NULL, module_no_params},
	{"GET", "/contests/{id}/results", contests_page_results, "contests/results",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "경진대회 결과표 (인쇄용): 순위, 상, 심사표별 총점과 제외한 점수, 계산 과정", NULL,
	 module_no_params},
	{"GET", "/contests/{id}/results.xlsx", contests_page_results_export, NULL, ROUTE_DB,
	 ALLOW_STAFF, "경진대회 결과와 순위 XLSX (계산 과정 포함)", NULL, module_no_params},
	{"GET", "/contests/{id}/sheets.xlsx", contests_page_sheets_export, NULL, ROUTE_DB,
	 ALLOW_ADMIN, "경진대회 심사표 XLSX (정정 전 판 포함)", NULL, module_no_params},
};

static const struct choice events[] = {
	{"contest.entered", "경진대회 참여", "Entered a contest (contests)"},
	{"contest.awarded", "경진대회 수상", "Won an award in a contest (contests)"},
	{NULL, NULL, NULL},
};

static const struct module_area area = {"/contests", "경진대회", "Contests",
					"우수사례·브랜드·동아리·업무혁신 경진대회, 심사와 시상"};

static const char *const plan_pages[] = {
	"/contests/1",
	"/contest-entries/1",
	"/contests/1/assignments",
	"/contests/1/results",
	"/contest-entries/1/certificate",
	NULL,
};

const struct module contests_module = {
	.name = "contests",
	.label = "경진대회",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.events = events,
	.demo = contests_demo_load,
	.plan_pages = plan_pages,
};
