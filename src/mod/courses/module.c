/* module.c: the courses module (innovation education) as the application
 * lists it (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/courses/courses.h"

static const struct entity *const entities[] = {&courses_courses, &courses_sessions,
						&courses_enrolments, NULL};

static const struct choice events[] = {
	{"course.completed", "혁신교육 이수", "Course completed (courses)"},
	{NULL, NULL, NULL},
};

static const struct module_area area = {"/courses", "혁신교육", "Innovation education",
					"혁신교육 과정, 수강 신청, 이수 처리, 이수현황"};

const struct module courses_module = {
	.name = "courses",
	.label = "혁신교육",
	.area = &area,
	.entities = entities,
	.events = events,
	.demo = courses_demo_load,
};
