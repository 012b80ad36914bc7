/*
 * entity.h: entities are declared, not hand-coded (DESIGN.md decision 3).
 *
 * An entity is one table of fields plus who may read and write it.  The
 * generic engine (src/crud/) turns a declaration into routes, list, detail
 * and form pages, the JSON API, validation, CSV/XLSX export and audited
 * writes.  Rules that need an `if` live in the entity's hooks, never in the
 * engine.  Every entity belongs to one module (crud/module.h).
 *
 * Declarations are static const data; the engine only reads them.
 */
#ifndef INNOLAND_ENTITY_H
#define INNOLAND_ENTITY_H

#include <jansson.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "core/choice.h"
#include "core/clock.h"
#include "core/error.h"
#include "http/router.h"

struct request;
struct db_conn;

enum field_type {
	F_TEXT,	  /* UTF-8 text, min..max characters */
	F_INT,	  /* a whole number, min..max */
	F_BOOL,	  /* yes/no, stored 0/1 */
	F_CHOICE, /* one of choices[], stored by value */
	F_REF,	  /* the id of a row of entity ref */
	F_EMAIL,  /* an e-mail address */
	F_PHONE,  /* a telephone number: digits, '-', '+', spaces */
	F_DATE,	  /* a calendar date, "2006-08-23" */
	F_MEMO,	  /* UTF-8 text of several lines, min..max characters */
	F_REFS,	  /* ids of rows of entity ref, in order; kept in record_links, not a column */
	F_HALF,	  /* a number in steps of one half (2.5, -1): a JSON real, stored as twice its
		     value in an integer column; min..max are in halves */
};

enum field_flag {
	FL_LIST = 1 << 0,     /* a column of the list page */
	FL_SEARCH = 1 << 1,   /* searched by the list's q */
	FL_SORT = 1 << 2,     /* the list may sort by it */
	FL_FILTER = 1 << 3,   /* the list may filter by ?field=value */
	FL_EXPORT = 1 << 4,   /* a column of CSV/XLSX exports */
	FL_SECRET = 1 << 5,   /* never shown, exported or audited in clear */
	FL_READONLY = 1 << 6, /* set by the system, never from input */
	FL_REQUIRED = 1 << 7, /* must be given on create */
	FL_OWN_SHOW = 1 << 8, /* the entity's own show_template shows it, not the generic list */
	FL_PERSONAL = 1 << 9, /* personal data (a contact field): every page, API answer,
				 export or import preview that shows it is recorded in the
				 privacy log (crud_privacy()) */
};

struct field {
	const char *name;	      /* column and parameter name; for an action's input,
					 "amount_*" is a family: every input named amount_ and
					 a number ("amount_17"), each converted as this field */
	const char *label;	      /* Korean label */
	const char *label_en;	      /* English label */
	enum field_type type;	      /* what values it takes */
	unsigned flags;		      /* enum field_flag bits */
	int64_t min, max;	      /* F_TEXT: characters; F_INT: value range */
	const struct choice *choices; /* F_CHOICE: ends with a {NULL} entry */
	const char *ref;	      /* F_REF: the entity name it points to */
};

struct entity;

/*
 * Extra validation beside the engine's own: values is what the input gave
 * (a field the engine refused is missing from it); add {"field": "Korean
 * message"} to errors to refuse it.  id is 0 on create.
 */
typedef void entity_validate_fn(struct request *req, const struct entity *e, int64_t id,
				json_t *values, json_t *errors);

/*
 * Inside the write's transaction, before it: may add columns the engine
 * does not take from input (a department's path) to values, keep derived
 * rows in step (the paths of its subtree), or refuse the write with a
 * message under errors (ERR_INVALID) or by returning ERR_FORBIDDEN (a rule
 * finer than the roles).  before is the row as it is (NULL on create);
 * values is NULL on archive.  Any other error rolls the write back.
 */
typedef enum err entity_before_fn(struct request *req, const struct entity *e, int64_t id,
				  const json_t *before, json_t *values, json_t *errors);

/* What a permission hook is asked about. */
enum entity_action {
	ACT_READ,    /* show one row (lists are cut in SQL: see scoped_reads) */
	ACT_CREATE,  /* row: the values to be written */
	ACT_UPDATE,  /* row: the row as it is */
	ACT_ARCHIVE, /* row: the row as it is */
};

/*
 * A rule finer than the roles (a task's departments, a review's expert):
 * 1 if the signed-in user may do act on row.  Called after the gate checked
 * the role, outside any transaction; may read the database through
 * request_db().  It replaces the engine's own department-scope check for
 * writes (crud_in_scope(), which it may call).  A refusal answers 403.
 */
typedef int entity_permit_fn(struct request *req, const struct entity *e, enum entity_action act,
			     const json_t *row);

/*
 * Inside the write's transaction, after it and before its audit entry:
 * keeps rows that depend on this one current (totals, counters, a parent's
 * progress).  before is the row as it was (NULL on create), after as it now
 * is (NULL on archive).  Any error rolls the whole write back.
 */
typedef enum err entity_after_fn(struct request *req, const struct entity *e, int64_t id,
				 const json_t *before, const json_t *after);

/*
 * The show page's extra document: adds what the entity's own template
 * (show_template) shows beside the fields (a task's unit projects and
 * reports) to doc.  row is the row as the API gives it.
 */
typedef enum err entity_show_fn(struct request *req, const struct entity *e, const json_t *row,
				json_t *doc);

/*
 * Exports in a layout of the entity's own (the seed's table): the cells of
 * row number n (1-based) under export_header, written into cells[] (at
 * most 16; text in buf, which lives until the row is written).
 */
typedef size_t entity_export_fn(const struct entity *e, const json_t *row, size_t n,
				const char *cells[16], char buf[1024]);

/*
 * A workflow step (DESIGN.md decision 4a): POST /{name}/{id}/{action}, or
 * POST /{name}/{action} for one on the whole list (collection), and the
 * same under /api/v1.  The engine reads the row (404, and the reader's
 * scope), converts the declared inputs as forms' fields are (Korean
 * messages; undeclared API keys refused), asks permit, then runs run in
 * one transaction with the audit entry (the action's name, the input) and
 * whatever domain events run emits; a refused input comes back as the
 * action's form with what was typed (422), a refusal as 403 or 409 with
 * its reason.  A browser then returns to the row's page (or next) with
 * the action's done notice; the API gets {"ok", "action", "item"}.
 */
struct action_call {
	struct request *req;	/* the request */
	const struct entity *e; /* the entity */
	const struct action *a; /* the action */
	int64_t id;		/* the row's id; 0 for a collection action */
	const json_t *row;	/* the row as read before the transaction; NULL: collection */
	json_t *input;		/* the declared inputs, converted (absent: not given) */
	json_t *errors;		/* add {"input": "Korean message"} to refuse the input */
	const char *detail;	/* why permit or run refused (Korean), for 403/409 */
	json_t *audit;		/* what the audit entry records, owned; NULL: the input */
	const char *next;	/* where the browser goes after (a local path); NULL: the row */
};

/* permit: outside any transaction, after the role check: ERR_OK, or
 * ERR_FORBIDDEN / ERR_CONFLICT with call->detail.  run: inside the
 * transaction: ERR_OK, ERR_INVALID with call->errors, ERR_CONFLICT with
 * call->detail (a second click: nothing changed), or a database error;
 * anything but ERR_OK rolls everything back. */
typedef enum err action_fn(struct action_call *call);

struct action {
	const char *name;	    /* URL segment and audit action: "decide" */
	const char *label;	    /* Korean: "채택·우수지식·반려 결정" */
	const struct field *inputs; /* what it takes, declared as fields */
	size_t n_inputs;	    /* how many */
	unsigned allow;		    /* roles that may run it (ROLE_BIT()s) */
	int collection;		    /* 1: on the list (POST /{name}/{action}), no row */
	action_fn *permit;	    /* optional: a rule finer than the roles */
	action_fn *run;		    /* the work, in the transaction */
	const char *done;	    /* the notice after it ran: "결정했습니다." */
	handler_fn *page;	    /* a collection action's form is a page of its module (no
				       generated form): a refused input runs it again, status
				       422, with "error", "errors" and what was typed ("input")
				       in its document */
	const char *page_template;  /* that page's template */
};

/* The action named name of e, or NULL. */
const struct action *entity_action(const struct entity *e, const char *name);
/* A page the browser came back to after an action (?notice=ACTION): puts
 * the action's done notice in doc["notice"], which the layout shows. */
void crud_action_notice(struct request *req, const struct entity *e, json_t *doc);

struct entity {
	const char *name;	    /* URL name: "staff", "departments" */
	const char *table;	    /* SQL table */
	const char *label;	    /* Korean name, e.g. "직원" */
	const char *label_en;	    /* English name */
	const char *title_field;    /* the field naming a row (references show it) */
	const char *default_sort;   /* "name" or "-id" */
	const struct field *fields; /* the declared fields */
	size_t n_fields;	    /* how many */
	unsigned allow_read;	    /* roles that may list and read (ROLE_BIT()s) */
	unsigned allow_write;	    /* roles that may create, edit and archive */
	const char *scope_field;    /* the department column scoping a manager's writes, or NULL */
	int scoped_reads;	    /* 1: lists and rows are cut by perm_scope_sql() (a manager's
				       subtree, an expert's assigned records) */
	unsigned assigned_reads;    /* roles (ROLE_BIT()s of expert, judge, evaluator) whose
				       lists and rows alone are cut to the records assigned
				       to them; the other roles read the organisation's */
	entity_validate_fn *validate;	  /* optional hook: more checks of input */
	entity_before_fn *before_write;	  /* optional hook: derived columns, refusals */
	entity_after_fn *after_write;	  /* optional hook: dependent rows kept current */
	entity_permit_fn *permit;	  /* optional hook: permission finer than roles */
	int attachments;		  /* 1: files may be attached to a row (crud/attach.c) */
	int append_only;		  /* 1: rows are never edited or archived (no such routes;
					     the database refuses it too): a ledger */
	const char *show_template;	  /* the show page's template, or NULL: crud/show */
	entity_show_fn *show;		  /* optional hook: more for the show page */
	const char *view_count;		  /* optional: an F_INT column counting the show pages
					     shown (in memory, crud/counter.h); shown with
					     what is pending, on the page and the API */
	const char *const *export_header; /* with export_row: the export's columns, NULL-ended */
	entity_export_fn *export_row;	  /* optional hook: the export's cells of a row */
	const struct action *actions;	  /* its workflow steps */
	size_t n_actions;		  /* how many */
};

/* 1 if department dept lies in the signed-in manager's subtree; 1 for
 * every other role (their reach is the role's).  For permit hooks. */
int crud_dept_in_scope(struct request *req, int64_t dept);

const struct entity *entity_find(const char *name);
const struct field *entity_field(const struct entity *e, const char *name);
/* 1 if input may create a row: some field is not read-only (a table
 * written only by its module's own pages, such as reviews, has no form). */
int entity_creatable(const struct entity *e);

/* 1 if the field is a column of the entity's table (every type but F_REFS). */
static inline int field_is_column(const struct field *f)
{
	return f->type != F_REFS;
}
/* 1 if f is a family of inputs ("amount_*"). */
int field_is_family(const struct field *f);
/* 1 if name ("amount_17") is a member of the family field f ("amount_*"). */
int field_family_member(const struct field *f, const char *name);
/* Sets "<key>_label" on each row of rows to the label of its key's value
 * among choices ("status" → "status_label": "추진 중"). */
void rows_choice_label(json_t *rows, const char *key, const struct choice *choices);
/* A select's options of choices: [{value, label, selected}], the one whose
 * value is selected (NULL: none) marked. */
json_t *choice_options(const struct choice *choices, const char *selected);
/* The choice's label for a stored value, or the value itself. */
const char *field_choice_label(const struct field *f, const char *value);

/* A row's (JSON object's) text field, "" when absent or not text. */
static inline const char *row_text(const json_t *row, const char *name)
{
	const char *s = json_string_value(json_object_get(row, name));
	return s ? s : "";
}

/* date_valid() (F_DATE's check) and month_valid() are core/clock.h's. */

/* An F_HALF value as people read it: "2.5", "3", "-1.5"; written into out. */
const char *half_text(double v, char out[32]);
/* The key a row (as crud_get() gives it) holds f's reference titles under:
 * its name with "_title" (F_REF) or "_titles" (F_REFS), written into key. */
const char *title_key(const struct field *f, char key[80]);
/* The same for a number of halves (5 → "2.5"). */
const char *halves_text(int64_t halves, char out[32]);

/* An F_HALF value in halves (2.5 → 5), 0 when not a number. */
static inline int64_t json_halves(const json_t *v)
{
	double h = json_number_value(v) * 2;
	return (int64_t)(h < 0 ? h - 0.5 : h + 0.5);
}

/* A row's F_HALF field in halves, 0 when absent. */
static inline int64_t row_halves(const json_t *row, const char *name)
{
	return json_halves(json_object_get(row, name));
}

/* For before_write hooks: a value of the write (values), or of the row as
 * it is (row, NULL on create) when the write leaves it. */
static inline json_t *crud_value_of(const json_t *values, const json_t *row, const char *name)
{
	json_t *v = json_object_get(values, name);
	return v ? v : json_object_get(row, name);
}

/* For validate and before_write hooks: refuses field with msg (Korean)
 * under errors; ERR_OK, for the engine then answers 422 with the errors. */
static inline enum err crud_refuse(json_t *errors, const char *field, const char *msg)
{
	json_object_set_new(errors, field, json_string(msg));
	return ERR_OK;
}

/* A row's integer field, 0 when absent. */
static inline int64_t row_int(const json_t *row, const char *name)
{
	return json_integer_value(json_object_get(row, name));
}

/* One value of field f (text from a form, or JSON) converted and checked
 * as the engine does; NULL with *why (Korean) when refused.  For pages of
 * a module's own that take a declared field's input. */
json_t *crud_convert(const struct field *f, json_t *v, const char **why);

/*
 * The personal-data access log (개인정보 접속기록): records that the
 * signed-in person was shown e's personal fields (FL_PERSONAL), as an
 * audit entry of action "privacy.<kind>" ("view", "export", "preview"),
 * in the hash chain and never changed afterwards (the database refuses
 * it).  record_id: the one record shown, or NULL; detail (stolen; NULL:
 * {}): what else says what was shown ({"ids": […]}, {"query", "rows"}),
 * and its "fields" are filled in with e's personal fields when absent.
 * Runs in its own transaction: ERR_OK, or ERR_DB_UNAVAILABLE, and then
 * the data must not be shown.  The engine calls it for its own pages;
 * a module's page that shows personal fields calls it too.
 */
enum err crud_privacy(struct request *req, const struct entity *e, const char *kind,
		      const char *record_id, json_t *detail);
/* 1 if some field of e with any of the flags (0: any field) is personal. */
int crud_has_personal(const struct entity *e, unsigned flags);

struct db_stmt;
/* sql prepared with binds (a JSON array: integers, strings, true/false,
 * null) bound in order: a query built in steps, each optional condition
 * with its values, instead of one string per combination.  NULL on error. */
struct db_stmt *crud_prepare(struct db_conn *c, const char *sql, json_t *binds);
/* Binds binds (as crud_prepare() does) to a statement prepared otherwise. */
void crud_bind(struct db_stmt *s, json_t *binds);
/* One record's part of a rebuild: re-derive what depends on record id. */
typedef enum err crud_each_fn(struct db_conn *c, int64_t org, int64_t id);
/* Runs each for every id that sql (one '?': the organisation) gives, the
 * ids read first (the work writes: no cursor stays open while it does);
 * ERR_OK, the first error each returns, or ERR_DB_UNAVAILABLE. */
enum err crud_each_id(struct db_conn *c, const char *sql, int64_t org, crud_each_fn *each);
/* Text (from the database, mostly) as a JSON string, checked by
 * utf8_valid() (jansson's own check byte by byte cost more than the copy):
 * NULL if it is not UTF-8. */
json_t *json_text(const char *s);
/* Every row of s (then finalized; NULL: none) as objects with keys[i] for
 * column i: text, or an integer when the key starts with '#' ("#id"). */
json_t *query_rows(struct db_stmt *s, const char *const *keys, size_t n);

/*
 * Checks the registry against the database: every declared column exists,
 * every reference names an entity, every choice list is non-empty.  0 when
 * sound; otherwise -1 with the first problem in err.
 */
int entity_selfcheck(struct db_conn *c, char *err, size_t errlen);

/*
 * Makes the indexes the lists of every entity need, derived from their
 * declarations (crud/plans.c: an index of the live rows for each sortable
 * column, the default sort and the title, and for each filterable column
 * in the default sort), where they are not there yet; at start and at
 * `innoland migrate`.  0, or -1 with the reason in err.
 */
int entity_indexes(struct db_conn *c, char *err, size_t errlen);

struct sheet_writer;
struct response;
/* Finishes w (stolen) into the answer: an XLSX (xlsx) or CSV download named
 * name.xlsx / name.csv.  ERR_OK, or ERR_INTERNAL when the sheet failed.
 * For a module's own exports. */
enum err crud_send_sheet(struct request *req, struct response *res, struct sheet_writer *w,
			 int xlsx, const char *name);

/*
 * An action's run that marks the row done once: table's flag set to 1 and
 * its day column to the input of the same name (empty: today), where the
 * flag is still 0; a second call answers ERR_CONFLICT with already as the
 * detail.  The audit entry gives both.  (A reward paid, a disclosure
 * published.)
 */
enum err crud_mark_once(struct action_call *call, const char *table, const char *flag,
			const char *day, const char *already);

/* The registry as Markdown (innoland entities). */
void entity_markdown(FILE *out);

#endif
