/*
 * tasks.h: the innovation-task module (SPEC.md §2; seed Ⅱ-1…3, Ⅳ-1):
 * tasks, unit projects, monthly progress reports, meetings, work-process
 * redesigns, working groups and supporters' advice, declared as entities
 * (entities.c); what progress means and the totals the dashboards read
 * (progress.c); the dashboards and the task page (pages.c); the seed's
 * tasks and 2006 records (demo.c).
 *
 * Who may do what: every member of staff and the supporters read; a
 * department manager edits the tasks their department (subtree) leads or
 * cooperates on, with their unit projects and reports, and records the
 * meetings and redesigns of their department; supporters leave advice on
 * tasks; administrators do everything.
 */
#ifndef INNOLAND_TASKS_H
#define INNOLAND_TASKS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity tasks_tasks;		    /* "tasks" */
extern const struct entity tasks_unit_projects;	    /* "unit-projects" */
extern const struct entity tasks_progress_reports;  /* "progress-reports" */
extern const struct entity tasks_meetings;	    /* "meetings" */
extern const struct entity tasks_process_redesigns; /* "process-redesigns" */
extern const struct entity tasks_working_groups;    /* "working-groups" */
extern const struct entity tasks_advice;	    /* "task-advice" */

extern const struct choice tasks_kinds[];		/* tasks.kind */
extern const struct choice tasks_statuses[];		/* tasks.status, unit_projects.status */
extern const struct choice tasks_meeting_kinds[];	/* meetings.kind */
extern const struct choice tasks_redesign_kinds[];	/* process_redesigns.kind */
extern const struct choice tasks_redesign_categories[]; /* process_redesigns.category */

/* The condition of the dashboard's checklist, and of the home page's line
 * of it, on tasks t: in progress and nothing reported for the month.  The
 * organisation is bound first; year and month are SQL ("?" for a value
 * bound after it, or an expression).  The index tasks_checklist (0014)
 * gives the year's tasks in progress by 연번 with their month; the month is
 * compared as an expression ("|| ''") so that SQLite, which keeps no
 * statistics, does not take the list's sort index of last_report_month
 * instead and sort what it finds. */
#define TASKS_LATE(year, month)                                                                    \
	"t.org_id = ? AND t.year = " year " AND t.status = 'in_progress' AND t.archived_at IS "    \
	"NULL AND t.last_report_month || '' < " month
/* The dashboard's: the organisation, the year and the month bound in order. */
#define TASKS_UNREPORTED TASKS_LATE("?", "?")

/* What progress means (progress.c), in words, for the pages that show it. */
extern const char tasks_progress_rule[];

/*
 * Brings task task_id of organisation org up to date with its records: each
 * unit project's progress is its latest report's (by month, then the later
 * report); the task's is the weighted average of its live unit projects',
 * or, without any, its own latest report's; last_report_month is the newest
 * month reported on it or its unit projects.  Keeps task_totals current:
 * counted says its stored share is in them (taken out first); either way
 * its new share is put in.  Runs inside the caller's transaction.  ERR_OK
 * or ERR_DB_UNAVAILABLE.
 */
enum err tasks_refresh(struct db_conn *c, int64_t org, int64_t task_id, int counted);

/* Adds (sign 1) or takes away (sign -1) a task's share of task_totals. */
enum err tasks_totals_add(struct db_conn *c, int64_t org, int64_t department, int64_t year,
			  const char *kind, const char *status, int64_t progress, int sign);
/* Adds or takes away one meeting held on held_on ('YYYY-MM-DD') of kind by
 * department (0: none; counted for the organisation either way). */
enum err tasks_meeting_count_add(struct db_conn *c, int64_t org, int64_t department,
				 const char *held_on, const char *kind, int sign);

/*
 * Rebuilds every derived number of organisation org from the records: each
 * task's progress (tasks_refresh), task_totals and meeting_counts.  For data
 * written around the entity engine (the demo, a bulk load).  Runs inside the
 * caller's transaction.
 */
enum err tasks_rebuild(struct db_conn *c, int64_t org);

/*
 * Loads the seed's tasks into organisation org (which must hold the demo
 * departments and staff): the 18 common tasks of Ⅳ-1-1 for 2007 with their
 * departments as listed, and 2006's records of Ⅱ-1 and Ⅱ-3.  In one
 * transaction (crud/seed.h); 0, also when the organisation has tasks (left
 * alone), or -1 with err, also when it lacks the demo staff (1,200 staff
 * ids), saying so.  On -1 nothing is written.
 */
int tasks_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		    size_t errlen);

/* The module's own pages (pages.c), and the task page's extra document. */
handler_fn tasks_page_dashboard;
entity_show_fn tasks_show;

/* The module as the application lists it (module.c). */
extern const struct module tasks_module;

#endif
