/* module.c: the courses module (innovation education) as the application
 * lists it (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/courses/courses.h"

static const struct entity *const entities[] = {&courses_courses, &courses_sessions,
						&courses_enrolments, NULL};

static const struct query_param status_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL},
	{"department", "부서", P_ID, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 10000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param export_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL},
	{"department", "부서", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

#define DESK (ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER))
static const struct route routes[] = {
	{"GET", "/courses/status", courses_page_status, "courses/status", ROUTE_PAGE | ROUTE_DB,
	 DESK,
	 "이수현황: 연도별 과정·직급·부서·개인별 이수, 대상 인원 대비 이수율, 부서×교육 구분 표",
	 NULL, status_params},
	{"GET", "/courses/status.csv", courses_page_status_export, NULL, ROUTE_DB, DESK,
	 "개인별 이수현황 CSV", NULL, export_params},
	{"GET", "/courses/status.xlsx", courses_page_status_export, NULL, ROUTE_DB, DESK,
	 "개인별 이수현황 XLSX", NULL, export_params},
	{"GET", "/courses/status-table.csv", courses_page_status_export, NULL, ROUTE_DB, DESK,
	 "부서×교육 구분 이수 CSV", NULL, export_params},
	{"GET", "/courses/status-table.xlsx", courses_page_status_export, NULL, ROUTE_DB, DESK,
	 "부서×교육 구분 이수 XLSX", NULL, export_params},
	{"GET", "/courses/mine", courses_page_mine, "courses/mine", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "나의 혁신교육: 신청·이수한 과정과 시간", NULL, module_no_params},
	{"GET", "/enrolments/attendance", courses_page_attendance, "courses/attendance",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN, "출석부로 일괄 이수 처리 (CSV·XLSX)", NULL,
	 module_no_params},
	{"POST", "/enrolments/attendance", courses_page_attendance_post, "courses/attendance",
	 ROUTE_FORM | ROUTE_DB, ALLOW_ADMIN, "출석부 일괄 이수: 미리보기(모든 문제 줄)와 확정",
	 NULL, NULL},
};

static const char *const plan_pages[] = {
	"/courses/status?year=2006",
	"/courses/status?year=2006&department=2&page=2",
	"/courses/mine",
	NULL,
};

static const struct choice events[] = {
	{"course.completed", "혁신교육 이수", "Course completed (courses)"},
	{NULL, NULL, NULL},
};

static const struct module_area area = {"/courses", "혁신교육", "Innovation education",
					"혁신교육 과정, 수강 신청, 이수 처리, 이수현황", NULL};

const struct module courses_module = {
	.name = "courses",
	.label = "혁신교육",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.plan_pages = plan_pages,
	.events = events,
	.demo = courses_demo_load,
};
