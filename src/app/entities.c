/*
 * entities.c: the registry: every entity of InnoLand, in one list.  Each
 * gets its pages, API and exports from the generic engine (crud/); modules
 * add their declarations here as they arrive.  `innoland entities` prints
 * this registry as Markdown.
 */
#include "auth/entities.h"
#include "crud/entity.h"
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"
#include "mod/tasks/tasks.h"

const struct entity *const app_entities[] = {
	&org_departments,
	&org_staff,
	&tasks_tasks,
	&tasks_unit_projects,
	&tasks_progress_reports,
	&tasks_meetings,
	&tasks_process_redesigns,
	&tasks_working_groups,
	&tasks_advice,
	&auth_accounts,
	&knowledge_fields,
	&knowledge_items,
	&knowledge_reviews,
	&knowledge_experts,
	&knowledge_criteria,
	&knowledge_monitoring,
	&knowledge_events,
	&mileage_rules,
	&mileage_entries,
	&mileage_mvps,
	&mileage_rewards,
};

const size_t app_entities_count = sizeof app_entities / sizeof app_entities[0];
