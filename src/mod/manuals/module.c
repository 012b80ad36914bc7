/* module.c: team innovation and work manuals as the application lists
 * them (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/manuals/manuals.h"

static const struct entity *const entities[] = {&manuals_charters, &manuals_manuals,
						&manuals_versions, NULL};

static const struct query_param campaign_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL},
	{"today", "기준일", P_DATE, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct query_param diff_params[] = {
	{"a", "이전 판", P_INT, 1, 1000000, NULL},
	{"b", "새 판", P_INT, 1, 1000000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/manuals/campaign", manuals_page_campaign, "manuals/campaign",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "팀 업무혁신 추진 현황: 연도의 팀별 헌장·기본업무매뉴얼·단위사무 매뉴얼·1팀 "
	 "1혁신과제와 단계별 기한, 실·과별 지연 팀",
	 NULL, campaign_params},
	{"GET", "/manuals/campaign.csv", manuals_page_campaign_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "팀 업무혁신 추진 현황 CSV", NULL, campaign_params},
	{"GET", "/manuals/campaign.xlsx", manuals_page_campaign_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "팀 업무혁신 추진 현황 XLSX", NULL, campaign_params},
	{"GET", "/manuals/{id}/versions/{n}", manuals_page_version, "manuals/version",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF, "업무 매뉴얼의 지난 판 하나", NULL, module_no_params},
	{"GET", "/manuals/{id}/diff", manuals_page_diff, "manuals/diff", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "업무 매뉴얼 두 판의 줄 단위 비교 (나란히)", NULL, diff_params},
};

static const struct module_area area = {"/manuals/campaign", "팀 업무혁신", "Team innovation",
					"팀별 임무·비전·목표, 기본업무·단위사무 매뉴얼, 1팀 "
					"1혁신과제",
					"/registries"};

static const char *const plan_pages[] = {
	"/manuals/campaign?year=2007",
	NULL,
};

const struct module manuals_module = {
	.name = "manuals",
	.label = "팀 업무혁신",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = manuals_demo_load,
	.plan_pages = plan_pages,
};
