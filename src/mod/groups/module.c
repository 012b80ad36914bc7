/* module.c: the innovation-leading groups as the application lists them
 * (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/groups/groups.h"

static const struct entity *const entities[] = {&groups_groups, &groups_rules, &groups_members,
						&groups_activities, NULL};

static const struct query_param overview_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/groups/overview", groups_page_overview, "groups/overview", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "혁신주도그룹 현황: 그룹별 대상 기준과 구성원, 연도의 활동과 참여 인원", NULL,
	 overview_params},
	{"GET", "/groups/{id}/record", groups_page_record, "groups/show", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "혁신주도그룹 구성원(직급·부서별, 더 이상 대상 아님)과 활동 실적", NULL,
	 module_no_params},
};

static const struct choice events[] = {
	{"group.activity", "혁신주도그룹 활동 참여", "Took part in a group activity (groups)"},
	{NULL, NULL, NULL},
};

static const struct module_area area = {
	"/groups/overview", "혁신주도그룹", "Innovation-leading groups",
	"혁신리더·변화관리자·혁신새싹·혁신전문가·지식전문가 그룹과 활동", NULL};

static const char *const plan_pages[] = {
	"/groups/overview?year=2006",
	"/groups/1/record",
	NULL,
};

const struct module groups_module = {
	.name = "groups",
	.label = "혁신주도그룹",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.events = events,
	.demo = groups_demo_load,
	.plan_pages = plan_pages,
};
