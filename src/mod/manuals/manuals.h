/*
 * manuals.h: team innovation (팀 업무혁신; SPEC.md §10, issue 17 points
 * 9-11; seed Ⅳ-1-7, 132개 팀).
 *
 *  - team-charters: a team's charter for a year, set at its 팀 업무혁신
 *    meeting: mission (임무), vision, goals, directions, and its one
 *    innovation task (1팀 1혁신과제: a task of kind "team" the team leads).
 *    One a team a year; a team is a department of kind "team".  It is done
 *    (completed_on) on the day mission, vision and goals are first all
 *    filled.
 *  - manuals: a team's basic manual (기본업무매뉴얼, stage 1) or a unit
 *    manual of one duty (단위사무 매뉴얼, stage 2) for a year.  Its text is
 *    not a column: the "save" action writes its next version.
 *  - manual-versions: every saved text, numbered from 1 with its author and
 *    day; never changed (the database refuses it).  Pages show the latest
 *    rendered (Markdown), any old one, and a side-by-side line difference
 *    of any two (diff.h).
 *  - /manuals/campaign?year=: every team of the organisation against the
 *    stage deadlines below, late teams counted by division.
 *
 * Who may do what: all staff read; administrators write everything,
 * department managers their subtree's teams.
 */
#ifndef INNOLAND_MANUALS_H
#define INNOLAND_MANUALS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity manuals_charters; /* "team-charters" */
extern const struct entity manuals_manuals;  /* "manuals" */
extern const struct entity manuals_versions; /* "manual-versions" */

extern const struct choice manuals_kinds[]; /* manuals.kind: basic, unit */

/* The stage deadlines of a year's campaign (seed Ⅳ-1-7): the basic manual
 * by the end of March (1단계, 3월), the unit manuals by the end of May
 * (2단계, 4~5월).  The seed dates the charter only as the 팀 업무혁신
 * meeting before the manuals; we take the end of February, the month
 * before stage 1.  Month and day; the year is the campaign's. */
extern const char manuals_charter_deadline[]; /* "02-28" (02-29 in a leap year) */
extern const char manuals_basic_deadline[];   /* "03-31" */
extern const char manuals_unit_deadline[];    /* "05-31" */

/* The largest manual text, in characters. */
enum { MANUALS_BODY_MAX = 60000 };

/* The manual's show page's extra document: the latest version rendered,
 * the version list, the save form's text (versions.c). */
entity_show_fn manuals_show;
/* The save action's run: version N+1 of the manual (versions.c). */
action_fn manuals_save_permit, manuals_save_run;

/* /manuals/{id}/versions/{n}, /manuals/{id}/diff?a=&b= (versions.c),
 * /manuals/campaign and its exports (campaign.c). */
handler_fn manuals_page_version, manuals_page_diff, manuals_page_campaign,
	manuals_page_campaign_export;

/*
 * The 2007 campaign of the org demo's teams (demo.c says which figures are
 * the seed's and which are made up): charters, team tasks, basic and unit
 * manuals with their versions.  After the org and tasks demos; 0, also
 * when the organisation has charters, or -1 with err; on -1 nothing is
 * written.
 */
int manuals_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		      size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module manuals_module;

#endif
