/*
 * crud_int.h: what the files of the engine share.  values.c turns input
 * into checked values; store.c reads and writes rows; pages.c answers.
 */
#ifndef INNOLAND_CRUD_INT_H
#define INNOLAND_CRUD_INT_H

#include "auth/audit.h"
#include "crud/crud.h"
#include "http/http.h"

#define CRUD_PER_PAGE	  25  /* rows on a list page unless asked */
#define CRUD_MAX_PER_PAGE 100 /* the most rows a list page shows */

/*
 * The values a create (id 0) or an update would write, taken from the form
 * or the JSON body: only declared, writable fields; unknown API keys, bad
 * values and missing required fields go into errors ({"field": "message"}).
 * Values are JSON: strings, integers, true/false, or null for "empty".
 */
json_t *crud_input(struct request *req, const struct entity *e, int64_t id, json_t *errors);
/* The same for any list of declared fields (an action's inputs): creating
 * says a missing required field is an error. */
json_t *crud_fields_input(struct request *req, const struct field *fields, size_t n, int creating,
			  json_t *errors);
/* One input of a form: {name, label, value, choices, error ...} as
 * templates/crud/fields.mustache shows it. */
json_t *crud_form_field(struct request *req, const struct field *f, const json_t *v,
			const char *error);
/* The API's answer to refused input: {"error": {code, message, fields}}. */
json_t *crud_invalid_json(json_t *errors);
/* 1 if s is a path on this site a write may go back to ("/tasks/3"). */
int crud_local_path(const char *s);

/* The list the query asks for: {"items", "total", "page", "per_page"}; NULL on error. */
struct crud_query {
	const char *q;	  /* search text, "" for none */
	const char *sort; /* "name" or "-name"; checked against FL_SORT */
	int64_t page;	  /* 1-based */
	int64_t per_page; /* 1..CRUD_MAX_PER_PAGE, or 0: every row (exports) */
	uint64_t want;	  /* the API's ?fields=: bit i for field i; 0: every field */
};
#define CRUD_ALL_FIELDS UINT64_MAX /* every field of an entity (64 at most) */
json_t *crud_list(struct request *req, const struct entity *e, const struct crud_query *q,
		  enum err *why);
/* The SQL crud_list() runs: the page (with LIMIT/OFFSET unless per_page is
 * 0) and its count, appended to page and count, their values (the same
 * for both) to binds; ERR_INVALID for a filter value that is not one.
 * The plan guard (crud/plans.c) reads their plans. */
enum err crud_list_sql(struct request *req, const struct entity *e, const struct crud_query *q,
		       struct buf *page, struct buf *count, json_t *binds);
/* The query of the select options of a reference to r (one '?': the
 * organisation), into sql: its live rows by title, at most one more than
 * a form shows. */
void crud_ref_options_sql(const struct entity *r, char *sql, size_t len);
/* The ids of every row the query lists, in its order (malloc'd, *n of
 * them), or NULL with *why.  An export holds these, not the rows. */
int64_t *crud_list_ids(struct request *req, const struct entity *e, const struct crud_query *q,
		       size_t *n, enum err *why);
/* The rows of the organisation with the given ids, as the list reads them,
 * in the order of ids (rows gone since are skipped); NULL on a database
 * error.  Takes a connection, not a request: exports call it while they are
 * sent, after the request has ended. */
json_t *crud_rows(struct db_conn *c, const struct entity *e, int64_t org_id, const int64_t *ids,
		  size_t n);
/* One row (archived ones too, marked), or NULL with *why. */
json_t *crud_get(struct request *req, const struct entity *e, int64_t id, enum err *why);
/* Writes; each in one transaction with its audit entry and the entity's
 * hooks.  They return the row's id (insert) or 1, or 0 with *why, and with
 * messages in errors when *why is ERR_INVALID. */
/* Begins a write's transaction: ERR_OK, ERR_BUSY when other writers held
 * the database past its lock timeout (503 with Retry-After: nothing was
 * written), or ERR_DB_UNAVAILABLE. */
enum err crud_begin(struct db_conn *c);
int64_t crud_insert(struct request *req, const struct entity *e, json_t *values, json_t *errors,
		    enum err *why);
int crud_update(struct request *req, const struct entity *e, int64_t id, json_t *values,
		json_t *errors, enum err *why);
int crud_archive(struct request *req, const struct entity *e, int64_t id, json_t *errors,
		 enum err *why);
/* The live files attached to row id: [{"id", "filename", "size", "date"}]. */
json_t *crud_attachments(struct request *req, const struct entity *e, int64_t id);

/* 1 unless the user is a manager and the row lies outside their subtree. */
int crud_in_scope(struct request *req, const struct entity *e, const json_t *row);
/* 1 if the signed-in user may do act on row: the entity's permit hook if
 * it has one; otherwise reads, and writes within a manager's subtree (the
 * role was checked by the gate). */
int crud_may(struct request *req, const struct entity *e, enum entity_action act,
	     const json_t *row);

/* The privacy log of the engine's own pages (crud_privacy()): a row shown
 * (only when it holds a personal value) and a list's page (when the page
 * shows a personal field: every column in the API, FL_LIST ones in HTML). */
enum err crud_privacy_row(struct request *req, const struct entity *e, const json_t *row);
enum err crud_privacy_list(struct request *req, const struct entity *e, const json_t *items);

#endif
