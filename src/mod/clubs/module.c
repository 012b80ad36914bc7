/* module.c: the learning clubs as the application lists them
 * (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/clubs/clubs.h"

static const struct entity *const entities[] = {
	&clubs_regulations, &clubs_clubs, &clubs_members, &clubs_meetings, &clubs_outputs,
	&clubs_casebooks,   NULL};

static const struct query_param home_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct query_param monitoring_params[] = {
	{"month", "월", P_MONTH, 0, 0, NULL},
	{"department", "부서", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct query_param casebook_params[] = {
	{"edition", "사례집", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/clubs/home", clubs_page_home, "clubs/home", ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "학습동아리: 운영 규정, 일반·부서 동아리와 회원, 연도의 모임과 성과물, 사례집", NULL,
	 home_params},
	{"GET", "/clubs/{id}/record", clubs_page_record, "clubs/show", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "학습동아리의 회원(부서 이동 표시, 탈퇴 이력), 모임, 성과물", NULL,
	 module_no_params},
	{"GET", "/clubs/monitoring", clubs_page_monitoring, "clubs/monitoring",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "학습활동 모니터링: 월별 부서별 동아리의 모임·참석률·성과물과 모임 없는 동아리", NULL,
	 monitoring_params},
	{"GET", "/clubs/monitoring.csv", clubs_page_monitoring_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "학습활동 모니터링 CSV", NULL, monitoring_params},
	{"GET", "/clubs/monitoring.xlsx", clubs_page_monitoring_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "학습활동 모니터링 XLSX", NULL, monitoring_params},
	{"GET", "/clubs/casebook", clubs_page_casebook, "clubs/casebook", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "학습동아리 활동 사례집: 인쇄용 (목차, 사례마다 한 쪽)", NULL,
	 casebook_params},
	{"GET", "/clubs/casebook.xlsx", clubs_page_casebook_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "학습동아리 활동 사례집 XLSX", NULL, casebook_params},
};

static const struct choice events[] = {
	{"club.meeting_held", "학습동아리 모임 개최", "Held a club meeting (clubs)"},
	{"club.attended", "학습동아리 모임 참석", "Attended a club meeting (clubs)"},
	{NULL, NULL, NULL},
};

static const struct module_area area = {
	"/clubs/home", "학습동아리", "Learning clubs",
	"일반·부서 학습동아리, 모임, 월별 학습활동 모니터링, 사례집", NULL};

static const char *const plan_pages[] = {
	"/clubs/home?year=2006",
	"/clubs/monitoring?month=2006-09",
	"/clubs/monitoring?month=2006-09&department=2",
	"/clubs/casebook?edition=1",
	"/clubs/1",
	"/clubs/14/record",
	NULL,
};

const struct module clubs_module = {
	.name = "clubs",
	.label = "학습동아리",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.events = events,
	.demo = clubs_demo_load,
	.plan_pages = plan_pages,
};
