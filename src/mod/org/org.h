/*
 * org.h: the organisation module (SPEC.md §1): departments as a tree and
 * staff, their import from the HR system's CSV/XLSX, the headcount report
 * and the seed's demo organisation.
 */
#ifndef INNOLAND_ORG_H
#define INNOLAND_ORG_H

#include "crud/entity.h"
#include "http/router.h"

extern const struct entity org_departments; /* "departments" */
extern const struct entity org_staff;	    /* "staff" */
/* staff.grade: g4 … g9, research, technical, contract, other (demo.h's enum org_grade order). */
extern const struct choice org_grades[];
extern const struct choice org_department_kinds[]; /* departments.kind */

enum { ORG_PATH_MAX = 300 };
struct db_conn;
/* The bounds of dept's subtree for DEPT_SUBTREE (auth/role.h), and its
 * name into name (name_len bytes; NULL for none): 1, or 0 if dept is not a
 * department of org, or -1 if the database failed. */
int org_subtree(struct db_conn *c, int64_t org, int64_t dept, char lo[ORG_PATH_MAX],
		char hi[ORG_PATH_MAX], char *name, size_t name_len);

/*
 * A report page's department filter (the declared parameter ?department=):
 * the department and its whole subtree, or the whole organisation.  The
 * tasks dashboard and the knowledge search filter through it.
 */
struct org_filter {
	int64_t org;	       /* the organisation */
	int64_t dept;	       /* the department; 0: the whole organisation */
	char lo[ORG_PATH_MAX]; /* its subtree's bounds (DEPT_SUBTREE) */
	char hi[ORG_PATH_MAX]; /* … */
	char name[200];	       /* its name; "" for the organisation */
};
struct request;
struct principal;
struct buf;
/* Reads the filter from the query parameter name: ERR_OK, ERR_NOT_FOUND
 * for a department that is not the organisation's, or ERR_DB_UNAVAILABLE. */
enum err org_filter_read(struct request *req, const char *name, struct org_filter *f);
/* The signed-in person's reach: a manager's department and its subtree,
 * the whole organisation for everyone else. */
void org_filter_mine(const struct principal *p, struct org_filter *f);
/* With a department: appends " AND column IN " DEPT_SUBTREE to sql and
 * its four values to binds (crud_prepare()); nothing for the organisation. */
void org_filter_sql(const struct org_filter *f, const char *column, struct buf *sql, json_t *binds);

/* The organisation's bureaus, then its divisions, each in their order, as
 * select options [{keys[0]: id, keys[1]: name, "selected"}] with the one
 * whose id is selected marked (keys as query_rows() takes them, "#id"). */
json_t *org_unit_options(struct db_conn *c, int64_t org, int64_t selected,
			 const char *const keys[2]);

/* The year a page about one year shows: ?year= when asked, else the year
 * of the latest held_on in table (the organisation's, not archived: a
 * module's own table of dated records), else this year; 0 when the
 * database fails. */
int org_year_shown(struct request *req, const char *table);
/* A year select's options [{value, selected}], this year back to 2006 (the
 * seed's first), with selected marked. */
json_t *org_year_options(int selected);

/* The module's own pages (pages.c). */
handler_fn org_page_import, org_page_import_post, org_page_headcount, org_page_headcount_export;

/* The module as the application lists it (module.c). */
extern const struct module org_module;

#endif
