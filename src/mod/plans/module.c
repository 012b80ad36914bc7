/* module.c: the plans as the application lists them (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/plans/plans.h"

static const struct entity *const entities[] = {&plans_plans, &plans_goals, &plans_sections,
						&plans_items, NULL};

static const struct query_param schedule_params[] = {
	{"department", "부서", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/plans/{id}/schedule", plans_page_schedule, "plans/schedule",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "업무계획 추진일정: 부서별 세부 추진계획의 주기별 이행 여부 (완료·진행·지연·예정)", NULL,
	 schedule_params},
	{"GET", "/plans/{id}/schedule.xlsx", plans_page_schedule_export, NULL, ROUTE_DB,
	 ALLOW_STAFF, "업무계획 추진일정 XLSX", NULL, schedule_params},
};

static const struct module_area area = {"/plans", "비전·업무계획", "Vision and work plans",
					"연도별 비전·목표·추진방향과 세부 추진계획의 추진일정",
					"/registries"};

static const char *const plan_pages[] = {
	"/plans/1/schedule",
	"/plans/1/schedule?department=1",
	"/plans/1",
	NULL,
};

const struct module plans_module = {
	.name = "plans",
	.label = "비전·업무계획",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = plans_demo_load,
	.plan_pages = plan_pages,
};
