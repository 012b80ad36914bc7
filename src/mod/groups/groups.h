/*
 * groups.h: innovation-leading groups (혁신주도그룹; SPEC.md §6, seed Ⅱ-6,
 * Ⅳ-2-3).  A group has, for each year, an eligibility rule the system
 * enforces when someone joins: a grade range (혁신리더그룹 5~6급), a course
 * of a kind completed (혁신전문가: the expert course, read through the
 * courses module), or an appointment as a knowledge expert (지식전문가:
 * read from the knowledge module's appointments, never a second list).
 * The rule of a year is the one of the latest year not after it.  A member
 * whose grade later changes stays, and the group's page lists them as no
 * longer eligible for the administrator to decide.  Activities (현장탐방,
 * 특강, 심사 참여, 위탁교육, 세미나·워크숍) have participants, members or
 * other staff; each participation emits one `group.activity` event, which
 * the mileage rules turn into points.
 *
 * Who may do what: administrators keep groups, rules, members and
 * activities; all staff read them.
 */
#ifndef INNOLAND_GROUPS_H
#define INNOLAND_GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity groups_groups;     /* "groups" */
extern const struct entity groups_rules;      /* "group-rules" */
extern const struct entity groups_members;    /* "group-members" */
extern const struct entity groups_activities; /* "group-activities" */

extern const struct choice groups_rule_kinds[];	    /* group-rules.kind */
extern const struct choice groups_activity_kinds[]; /* group-activities.kind */
extern const struct choice groups_member_roles[];   /* group-members.role */

/*
 * Whether staff may join group in year by the group's rule for it: 1 (also
 * when the group has no rule), 0 with the reason in why (Korean: "6급은
 * 혁신새싹그룹(8~9급) 대상이 아닙니다"), -1 on a database error or when the
 * group or the person is not org's.
 */
int groups_eligible(struct db_conn *c, int64_t org, int64_t group, int64_t staff, int year,
		    char *why, size_t why_len);

/* The rule of group for year as people read it ("8~9급", "사이버 전문가과정
 * 이수", "지식전문가 위촉"; "" for none) into out; 0, or -1 on a database
 * error. */
int groups_rule_text(struct db_conn *c, int64_t org, int64_t group, int year, char *out,
		     size_t len);

/* The current members of group (left_on empty) with their staff row, by
 * grade, department and name: [{id, staff_id, name, employee_no, grade,
 * department, role, joined_on, eligible}], eligible by the group's rule
 * for year as the person stands now; the rule's text into rule.  NULL on
 * a database error. */
json_t *groups_members_of(struct db_conn *c, int64_t org, int64_t group, int year, char *rule,
			  size_t rule_len);

/* The group page's extra document (pages.c): members by grade and
 * department, who is no longer eligible, the activity record. */
entity_show_fn groups_show;
/* The groups' overview of a year, and a group's page as its own route
 * (/groups/{id}/record: the same document as the show page's, for the
 * API, whose show answers the row alone) (pages.c). */
handler_fn groups_page_overview, groups_page_record;

/* After an activity's write: a group.activity event for each participant
 * who has none for it yet (entities.c). */
enum err groups_activity_events(struct db_conn *c, int64_t org, int64_t activity,
				const json_t *row);

/*
 * The seed's groups (Ⅱ-6, Ⅳ-2-3): the five groups with their rules (변화관리자
 * 6~9급 for 2006, 6~8급 for 2007), their 101 members (20 / 29 / 19 / 11 /
 * 22), each eligible by the rule, and the 2006 activities with their
 * participants and events, left for the mileage demo to take.  After the
 * knowledge and courses demos; 0, also when the organisation has groups,
 * or -1 with err; on -1 nothing is written.
 */
int groups_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		     size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module groups_module;

#endif
