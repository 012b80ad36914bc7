/*
 * demo.h: the seed's demo organisation, 영등포구 as of 2006-2007: its
 * department tree (국 → 과·담당관·보건소 → 팀, 혁신기획단, the 18 동
 * 주민센터) and about 1,300 generated members of staff; and the headcount of
 * a department subtree by grade.
 *
 * Invariants: the demo data is the same on every load (a fixed PRNG seed),
 * the 132 teams and the 혁신기획단's headcount per grade are the seed's.
 *
 * Memory: nothing returned is allocated; err is the caller's buffer.
 */
#ifndef INNOLAND_ORG_DEMO_H
#define INNOLAND_ORG_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct db_conn;
struct audit_actor;

/* Grades in the order of staff.grade's choices (mod/org/entities.c). */
enum org_grade {
	ORG_G4,
	ORG_G5,
	ORG_G6,
	ORG_G7,
	ORG_G8,
	ORG_G9,
	ORG_RESEARCH,
	ORG_TECHNICAL,
	ORG_CONTRACT,
	ORG_OTHER,
	ORG_GRADES
};

/* staff.grade's choices (org.h: org_grades) are in the order of enum org_grade. */

/*
 * Fills organisation org_id with the demo departments and staff and records
 * one "demo_load" audit entry by `by`, all in one transaction.  An
 * organisation that already has departments is left alone.  Returns 0 (loaded
 * or left alone) or -1 with the reason in err (nothing written).
 */
int org_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org_id, char *err,
		  size_t errlen);

/*
 * Active staff of department_id and its whole subtree, per enum org_grade
 * (a grade not in the list counts as ORG_OTHER).  Returns the total, or -1
 * when the query fails or the department is not organisation org_id's.
 */
int org_headcount(struct db_conn *c, int64_t org_id, int64_t department_id,
		  int64_t counts[ORG_GRADES]);

#endif
