/*
 * modules.c: the modules InnoLand is made of, in one list.  Every registry
 * (entities, routes, events, navigation, `innoland rebuild`, `--demo`, the
 * shell commands) is built from it (crud/module.h); adding a module is its
 * folder and one line here.  The order is the order of demo loading and
 * rebuilding: a module comes after those whose records it reads.
 */
#include "app/app.h"
#include "crud/module.h"
#include "mod/clubs/clubs.h"
#include "mod/contests/contests.h"
#include "mod/courses/courses.h"
#include "mod/devolved/devolved.h"
#include "mod/evaluations/evaluations.h"
#include "mod/groups/groups.h"
#include "mod/knowledge/knowledge.h"
#include "mod/manuals/manuals.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"
#include "mod/plans/plans.h"
#include "mod/registries/registries.h"
#include "mod/tasks/tasks.h"

static const struct module *const modules[] = {
	&app_base_module,    /* home, sign-in, accounts, the audit trail */
	&org_module,	     /* departments and staff, their import */
	&tasks_module,	     /* innovation tasks and their progress */
	&knowledge_module,   /* knowledge and its review */
	&courses_module,     /* innovation education: courses, enrolments, completions */
	&clubs_module,	     /* learning clubs: members, meetings, monitoring, casebook */
	&groups_module,	     /* innovation-leading groups; their rules read knowledge, courses */
	&mileage_module,     /* the mileage ledger; after the modules whose events it takes */
	&contests_module,    /* contests: entries, judges, sheets, awards; reads clubs, groups */
	&evaluations_module, /* evaluations; their computed indicators read every module above */
	&registries_module,  /* publications, recognitions, forums and their sessions */
	&devolved_module,    /* devolved affairs: management cards, the general inspection */
	&manuals_module,     /* team charters, work manuals and their versions */
	&plans_module,	     /* the vision and the work plan as a schedule; reads the above */
};

void app_install(void)
{
	modules_install(modules, COUNT_OF(modules));
}
