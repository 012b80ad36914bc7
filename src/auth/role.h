/*
 * role.h: who may do what.  A user has one role; a route (and later an
 * entity action) declares the set of roles allowed, and the gate checks it
 * before any handler runs.  Scope (a manager's department subtree, the
 * records an expert, judge or evaluator is assigned) narrows what a list
 * shows, in its SQL: see perm_scope_sql().
 */
#ifndef INNOLAND_ROLE_H
#define INNOLAND_ROLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/choice.h"

struct buf;

enum role {
	ROLE_ANONYMOUS, /* not signed in */
	ROLE_RESIDENT,	/* 주민: the public portal, surveys, ideas */
	ROLE_SUPPORTER, /* 서포터즈: external, reads and advises */
	ROLE_MEMBER,	/* 직원: every employee */
	ROLE_EXPERT,	/* 지식전문가: reviews the knowledge assigned */
	ROLE_JUDGE,	/* 심사위원: scores the contest entries assigned */
	ROLE_EVALUATOR, /* 평가위원: scores the evaluations assigned */
	ROLE_MANAGER,	/* 부서 혁신담당자: their department's subtree */
	ROLE_ADMIN,	/* 기관 관리자 (혁신기획단): everything in the organisation */
	ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
/* Everyone, signed in or not. */
#define ALLOW_ANYONE ((1u << ROLE_COUNT) - 1)
/* Everyone signed in. */
#define ALLOW_SIGNED_IN (ALLOW_ANYONE & ~ROLE_BIT(ROLE_ANONYMOUS))
/* The organisation's own staff, in every staff role. */
#define ALLOW_STAFF                                                                                \
	(ROLE_BIT(ROLE_MEMBER) | ROLE_BIT(ROLE_EXPERT) | ROLE_BIT(ROLE_JUDGE) |                    \
	 ROLE_BIT(ROLE_EVALUATOR) | ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_ADMIN))
#define ALLOW_ADMIN ROLE_BIT(ROLE_ADMIN)

/* Every role by its enum value, {name, Korean, English}, then {NULL};
 * an account's roles start at ROLE_RESIDENT. */
extern const struct choice role_choices[ROLE_COUNT + 1];

const char *role_name(enum role r);  /* "admin" */
const char *role_label(enum role r); /* "기관 관리자" */
/* The role named name; -1 if none. */
int role_parse(const char *name);

struct principal;

/*
 * A department with its whole subtree, as ids: "x IN " DEPT_SUBTREE, bound
 * with the department, the organisation, then the subtree's bounds lo and
 * hi (struct principal's dept_lo and dept_hi; org_subtree() for any
 * department).  Descendants are the paths from lo up to (not with) hi: a
 * range of the index departments_org, not a walk of every department
 * (which asking "id = ? OR path range", or "path || id || '/'" in a range,
 * made the database do), and not LIKE ?, which SQLite re-prepares for every
 * value bound.
 */
#define DEPT_SUBTREE                                                                               \
	"(SELECT ? UNION ALL SELECT id FROM departments WHERE org_id = ? AND path >= ? AND "       \
	"path < ?)"

enum { PERM_SCOPE_PARAMS = 5 }; /* the most perm_scope_sql() adds */

/*
 * Appends to sql a condition (with '?' parameters bound by the caller in
 * order, listed in params as text) limiting rows of a list to what p may
 * see: all of the organisation for an administrator; for a manager, rows
 * whose department column lies in their subtree; for an expert, judge or
 * evaluator, rows assigned to them.  org_col, dept_col and id_col name the
 * list's columns (dept_col may be NULL for lists with no department).
 * Returns the number of parameters added (at most PERM_SCOPE_PARAMS) into
 * params.
 */
int perm_scope_sql(const struct principal *p, const char *entity, const char *org_col,
		   const char *dept_col, const char *id_col, struct buf *sql,
		   const char *params[PERM_SCOPE_PARAMS]);

/*
 * The records of entity assigned to an expert, judge or evaluator
 * (user_assignments), read once for a page that checks many rows: ids
 * sorted ascending (malloc, NULL when none).  role_assigned returns 0, or -1
 * on a database error (then ids is NULL); role_assigned_has tells whether
 * id is among them.
 */
struct db_conn;
struct assigned_ids {
	int64_t *ids;
	size_t n;
};
int role_assigned(struct db_conn *c, int64_t user, const char *entity, struct assigned_ids *out);
int role_assigned_has(const struct assigned_ids *a, int64_t id);
void role_assigned_free(struct assigned_ids *a);

#endif
