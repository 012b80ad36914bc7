/*
 * plans.h: the year's vision and work plan as a schedule (업무추진 목표와
 * 방향, 주요업무계획; SPEC.md §10, issue 17 points 16-18; seed Ⅲ, Ⅳ).
 *
 *  - plans: one a year, with its vision (비전) and statement.
 *  - plan-goals: Ⅲ as ordered rows of a plan: theme, goal (목표),
 *    indicator (성과지표), direction (중점 추진방향).
 *  - plan-sections: Ⅳ's numbered sections (Ⅳ-1-5 …) with their purpose
 *    and directions.
 *  - plan-items: what is to be done, by which department (총괄부서), how
 *    often (the cadence, below) and which records fulfil it (the source).
 *
 * Cadences (an item's due occurrences in the plan's year):
 *   monthly   매월: one per month, due by the month's end
 *   quarterly 분기별 1회: one per quarter
 *   half      반기: one per half year
 *   twice     연 2회: two in the year, one per half
 *   at_least  연 N회 이상 (times = N): one occurrence, the whole year, done
 *             when N records are found (progress n/N)
 *   months    월 M, M~M'월 (month_from, month_to): one occurrence over the
 *             span of months
 *   date      일자 (due_on): one occurrence from the year's start to the day
 *   none      수시·연중: listed, never due
 * An occurrence is done when a fulfilling record is dated within its period
 * (at_least: N of them); else due when its period holds today (UTC), overdue
 * when its period has ended, future when it has not begun.  A record that
 * has a department counts for the item of a department only within that
 * department's subtree; one without counts for every department.
 *
 * Who may do what: administrators write; all staff read.
 */
#ifndef INNOLAND_PLANS_H
#define INNOLAND_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity plans_plans;	   /* "plans" */
extern const struct entity plans_goals;	   /* "plan-goals" */
extern const struct entity plans_sections; /* "plan-sections" */
extern const struct entity plans_items;	   /* "plan-items" */

extern const struct choice plans_goal_kinds[]; /* plan-goals.kind */
extern const struct choice plans_cadences[];   /* plan-items.cadence */
extern const struct choice plans_sources[];    /* plan-items.source */

/* The kinds a source's records have (a meeting's kinds …), or NULL when
 * its records have none (sources.c). */
const struct choice *plans_source_kinds(const char *source);

/* One due occurrence of an item: its period and what was found. */
struct plans_occurrence {
	char from[11], to[11]; /* the period, 'YYYY-MM-DD' both included */
	int month_from;	       /* the months it spans, 1..12 (the schedule's columns) */
	int month_to;	       /* … */
	char label[32];	       /* '3월', '2분기', '상반기', '연간', '~ 6.30' */
};

/* An item's cadence as the schedule reads it. */
struct plans_cadence {
	const char *kind;   /* plans_cadences' value */
	int64_t times;	    /* at_least: N */
	int month_from;	    /* months: the span */
	int month_to;	    /* … */
	const char *due_on; /* date: the day */
};

enum { PLANS_OCCURRENCES_MAX = 12 };

/* The occurrences of cadence c in year, written into out (at most
 * PLANS_OCCURRENCES_MAX); how many (0 for none) (sources.c). */
size_t plans_occurrences(const struct plans_cadence *c, int year,
			 struct plans_occurrence out[PLANS_OCCURRENCES_MAX]);

/* The schedule (schedule.c): its page and its spreadsheet. */
handler_fn plans_page_schedule, plans_page_schedule_export;

/*
 * The seed's 2007 plan (Ⅲ, Ⅳ): the vision, goals, directions and
 * indicator verbatim, Ⅳ's sections and their items with the cadences the
 * seed states, fulfilled by the records the modules before it loaded.
 * After the org demo; 0, also when the organisation has plans, or -1 with
 * err; on -1 nothing is written (demo.c).
 */
int plans_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		    size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module plans_module;

#endif
