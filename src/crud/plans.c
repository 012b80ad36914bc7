/*
 * plans.c: the indexes a list needs, derived from the declarations, and the
 * plan guard that reads every list's query plan.
 *
 * A list page reads WHERE t.org_id = ? AND t.archived_at IS NULL [AND
 * t.column = ?] ORDER BY t.sort [DESC], t.id [DESC] LIMIT n (store.c).  So
 * that its cost does not grow with the table, an index must give those rows
 * in that order: then the database reads the page's rows and stops.  The
 * engine makes them, named after what they serve, at start and at
 * `innoland migrate` (entity_indexes()), over the live rows only (a partial
 * index WHERE archived_at IS NULL: the condition every list has):
 *   <table>_sort_<field>            (org_id, field, id)   every sortable
 *       column, the default sort and the title (reference options sort by it)
 *   <table>_filter_<field>_by_<sort> (org_id, field, sort, id)   every
 *       filterable column, in the default sort
 * Read backwards, each serves the descending order too, ties by id
 * included (store.c's order_by() sorts ties the same way).
 *
 * The guard (crud_plans(), `innoland plans`) builds every list's SQL with
 * store.c's own builder (crud_list_sql()): the default sort, each sortable
 * column both ways, each filter, their counts, the reference options, and
 * the statements of the pages modules name (module.h's plan_pages, run
 * as an administrator and recorded with db_record()); it asks the
 * driver for each plan (db_explain()) and reports every line that walks a
 * whole table or sorts all it found (db_plan_flaw()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/buf.h"
#include "crud/crud_int.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/form.h"

enum { INDEX_NAME_MAX = 63 }; /* PostgreSQL's longest identifier */

/* The field a sort ("-name") names, or "id". */
static const char *sort_column(const char *sort)
{
	return sort[0] == '-' ? sort + 1 : sort;
}

/* Runs CREATE INDEX IF NOT EXISTS name ON table (org_id, cols..., id) of
 * the live rows; 0, or -1 with err. */
static int make_index(struct db_conn *c, const struct entity *e, const char *name,
		      const char *first, const char *second, char *err, size_t errlen)
{
	if (strlen(name) > INDEX_NAME_MAX) {
		snprintf(err, errlen, "%s: index name %s is longer than %d characters", e->name,
			 name, INDEX_NAME_MAX);
		return -1;
	}
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "CREATE INDEX IF NOT EXISTS %s ON %s (org_id", name, e->table);
	if (strcmp(first, "id"))
		buf_printf(&sql, ", %s", first);
	if (second && strcmp(second, "id") && strcmp(second, first))
		buf_printf(&sql, ", %s", second);
	buf_puts(&sql, ", id) WHERE archived_at IS NULL");
	int rc = db_exec(c, sql.data);
	if (rc != DB_OK)
		snprintf(err, errlen, "%s: %s: %s", e->name, sql.data, db_errmsg(c));
	buf_free(&sql);
	return rc == DB_OK ? 0 : -1;
}

/* 1 if f is a column a list may be sorted by. */
static int sortable(const struct field *f)
{
	return (f->flags & FL_SORT) && field_is_column(f);
}

static int entity_index_all(struct db_conn *c, const struct entity *e, char *err, size_t errlen)
{
	const char *by = sort_column(e->default_sort);
	char name[128];
	snprintf(name, sizeof name, "%s_sort_%s", e->table, by);
	if (make_index(c, e, name, by, NULL, err, errlen) != 0)
		return -1;
	snprintf(name, sizeof name, "%s_sort_%s", e->table, e->title_field);
	if (make_index(c, e, name, e->title_field, NULL, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (sortable(f)) {
			snprintf(name, sizeof name, "%s_sort_%s", e->table, f->name);
			if (make_index(c, e, name, f->name, NULL, err, errlen) != 0)
				return -1;
		}
		if ((f->flags & FL_FILTER) && field_is_column(f)) {
			snprintf(name, sizeof name, "%s_filter_%s_by_%s", e->table, f->name, by);
			if (make_index(c, e, name, f->name, by, err, errlen) != 0)
				return -1;
		}
	}
	return 0;
}

int entity_indexes(struct db_conn *c, char *err, size_t errlen)
{
	/* one process at a time: two CREATE INDEX IF NOT EXISTS of the same
	 * name at once may both try (PostgreSQL) */
	if (db_begin(c) != DB_OK || db_lock(c, "innoland.entity_indexes") != DB_OK) {
		snprintf(err, errlen, "entity indexes: %s", db_errmsg(c));
		db_rollback(c);
		return -1;
	}
	for (size_t i = 0; i < entities_count(); i++)
		if (entity_index_all(c, entity_at(i), err, errlen) != 0) {
			db_rollback(c);
			return -1;
		}
	if (db_commit(c) != DB_OK) {
		snprintf(err, errlen, "entity indexes: %s", db_errmsg(c));
		return -1;
	}
	return 0;
}

/* What the guard found so far. */
struct plan_set {
	struct db_conn *c; /* where plans are read */
	int64_t org;	   /* the organisation the values name */
	FILE *out;	   /* every query and its plan (NULL: none) */
	FILE *err;	   /* every flaw, with its query and plan */
	int queries;	   /* read so far */
	int flaws;	   /* queries with a flaw */
};

/*
 * A statement whose rows are few by what they are, whatever the tables
 * hold (one row a period, kinds × statuses of a department, a page of a
 * subquery that has its LIMIT), says so in its SQL: a comment
 * beginning with this and its reason, where its author can be asked.
 * Its plan may sort them; it is printed, not refused.
 */
#define BOUNDED_MARK "/* bounded: "

/* Reads the plan of sql with binds and records its flaw under name. */
static void plan_check(struct plan_set *p, const char *name, const char *sql, json_t *binds)
{
	struct db_stmt *s = db_explain(p->c, sql);
	struct buf plan = BUF_INIT;
	const char *flaw = NULL, *flaw_line = NULL;
	char line_copy[512] = "";
	int rc = DB_ERR;
	if (s) {
		crud_bind(s, binds);
		while ((rc = db_step(s)) == DB_ROW) {
			const char *line = db_plan_line(p->c, s);
			buf_printf(&plan, "    %s\n", line);
			const char *why = db_plan_flaw(p->c, line);
			if (why && !flaw) {
				flaw = why;
				snprintf(line_copy, sizeof line_copy, "%s", line);
				flaw_line = line_copy;
			}
		}
	}
	const char *failure = rc != DB_OK ? db_errmsg(p->c) : NULL;
	db_finalize(s);
	p->queries++;
	const char *bounded = strstr(sql, BOUNDED_MARK);
	if (p->out)
		fprintf(p->out, "%s\n  %s\n%s%s", name, sql, plan.data ? plan.data : "",
			flaw && bounded ? "    (accepted: the query says it is bounded)\n" : "");
	if (bounded)
		flaw = NULL;
	if (failure || flaw) {
		p->flaws++;
		if (failure)
			fprintf(p->err,
				"innoland plans: %s: the plan could not be read: %s\n  %s\n", name,
				failure, sql);
		else
			fprintf(p->err, "innoland plans: %s: %s: \"%s\"\n  %s\n%s", name, flaw,
				flaw_line, sql, plan.data ? plan.data : "");
	}
	buf_free(&plan);
}

/* A value a filter of field f takes (converted as a request's would be). */
static const char *sample_value(const struct field *f, char out[128])
{
	switch (f->type) {
	case F_CHOICE: return f->choices[0].value;
	case F_BOOL: return "1";
	case F_DATE: return "2006-07-10";
	case F_INT:
	case F_HALF: snprintf(out, 128, "%lld", (long long)(f->min > 0 ? f->min : 1)); return out;
	case F_TEXT:
	case F_MEMO:
	case F_EMAIL:
	case F_PHONE: {
		size_t n = f->min > 0 && f->min < 100 ? (size_t)f->min : 1;
		memset(out, '1', n);
		out[n] = '\0';
		return out;
	}
	default: return "1";
	}
}

/* The list of e asked with sort (NULL: its default) and one filter (NULL:
 * none): its page and its count. */
static void plan_list(struct plan_set *p, struct request *req, const struct entity *e,
		      const char *sort, const struct field *filter)
{
	char value[128], name[256];
	struct param one = {0};
	req->query = (struct params){NULL, 0};
	if (filter) {
		one = (struct param){.name = filter->name, .value = sample_value(filter, value)};
		one.value_len = strlen(one.value);
		req->query = (struct params){&one, 1};
	}
	struct crud_query q = {.q = "", .sort = sort, .page = 2, .per_page = CRUD_PER_PAGE};
	struct buf page = BUF_INIT, count = BUF_INIT;
	json_t *binds = json_array();
	if (crud_list_sql(req, e, &q, &page, &count, binds) != ERR_OK) {
		fprintf(p->err, "innoland plans: %s: the filter value %s of %s is refused\n",
			e->name, one.value, filter ? filter->name : "");
		p->flaws++;
	} else {
		snprintf(name, sizeof name, "%s: list ?%s%s%s%s", e->name,
			 filter ? filter->name : "", filter ? "=" : "",
			 filter ? one.value : "sort=",
			 filter ? ""
			 : sort ? sort
				: e->default_sort);
		plan_check(p, name, page.data, binds);
		if (!sort) {
			snprintf(name, sizeof name, "%s: count ?%s%s%s", e->name,
				 filter ? filter->name : "", filter ? "=" : "",
				 filter ? one.value : "");
			plan_check(p, name, count.data, binds);
		}
	}
	json_decref(binds);
	buf_free(&page);
	buf_free(&count);
	req->query = (struct params){NULL, 0}; /* one goes with this frame */
}

/* Every list of e: its default order, each sortable column both ways,
 * each filter in the default order, and the options of a reference to it. */
static void plan_entity(struct plan_set *p, struct request *req, const struct entity *e)
{
	plan_list(p, req, e, NULL, NULL);
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (!sortable(f))
			continue;
		char desc[80];
		snprintf(desc, sizeof desc, "-%s", f->name);
		plan_list(p, req, e, f->name, NULL);
		plan_list(p, req, e, desc, NULL);
	}
	for (size_t i = 0; i < e->n_fields; i++)
		if (e->fields[i].flags & FL_FILTER)
			plan_list(p, req, e, NULL, &e->fields[i]);
	char sql[256], name[128];
	crud_ref_options_sql(e, sql, sizeof sql);
	snprintf(name, sizeof name, "%s: reference options", e->name);
	json_t *binds = json_pack("[I]", (json_int_t)p->org);
	plan_check(p, name, sql, binds);
	json_decref(binds);
}

/* A statement a page ran (db_record()): its SQL and values, kept. */
static void keep_statement(void *ctx, const char *sql, const struct db_bound *v, int n)
{
	json_t *ran = ctx, *binds = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(binds, v[i].is_int ? json_integer(v[i].i)
					     : v[i].text ? json_stringn_nocheck(v[i].text, v[i].len)
							 : json_null());
	json_array_append_new(ran, json_pack("{s:s, s:o}", "sql", sql, "binds", binds));
}

/* Runs the page at target ("/tasks/dashboard?year=2006") as req's
 * administrator and reads the plan of every SELECT it ran. */
static void plan_page(struct plan_set *p, struct request *base, const char *target)
{
	size_t n_routes;
	const struct route *routes = module_routes(&n_routes);
	struct request *req = calloc(1, sizeof *req); /* its arena is big for the stack */
	*req = *base;
	req->query = (struct params){NULL, 0}; /* base's may be a list's, on a stack gone */
	arena_init(&req->arena);
	const char *mark = strchr(target, '?');
	req->method = "GET";
	req->path =
		arena_strndup(&req->arena, target, mark ? (size_t)(mark - target) : strlen(target));
	req->uri = arena_strdup(&req->arena, target);
	struct response res = {0};
	json_t *ran = json_array();
	enum err why = router_match(routes, n_routes, "GET", req->path, &req->match) != ERR_OK
			       ? ERR_NOT_FOUND
		       : mark ? form_decode(&req->arena, mark + 1, strlen(mark + 1), &req->query)
			      : ERR_OK;
	if (why == ERR_OK) {
		db_record(p->c, keep_statement, ran);
		why = req->match.route->handler(req, &res);
		db_record(p->c, NULL, NULL);
	}
	if (why != ERR_OK) {
		fprintf(p->err, "innoland plans: GET %s: the page answered %s\n", target,
			err_info(why)->code);
		p->flaws++;
	}
	size_t i;
	json_t *one;
	json_array_foreach(ran, i, one)
	{
		const char *sql = json_string_value(json_object_get(one, "sql"));
		if (strncmp(sql, "SELECT", 6) && strncmp(sql, "WITH", 4))
			continue;
		char name[600];
		snprintf(name, sizeof name, "GET %s: statement %zu", target, i + 1);
		plan_check(p, name, sql, json_object_get(one, "binds"));
	}
	json_decref(ran);
	json_decref(res.doc);
	free(res.body);
	arena_free(&req->arena);
	free(req);
}

int crud_plans(struct db *db, FILE *out, FILE *err)
{
	struct db_conn *c = db_acquire(db);
	if (!c) {
		fprintf(err, "innoland plans: cannot connect to the database\n");
		return -1;
	}
	int64_t org = db_int(c, NULL, 1, "SELECT MIN(id) FROM organisations", "");
	struct plan_set p = {.c = c, .org = org, .out = out, .err = err};
	char org_text[24];
	snprintf(org_text, sizeof org_text, "%lld", (long long)org);
	/* an administrator's request: the organisation's rows, no scope cut */
	json_t *site_for[ROLE_COUNT]; /* a page's frame, which the guard does not render */
	for (int r = 0; r < ROLE_COUNT; r++)
		site_for[r] = json_object();
	struct http_env env = {.db = db, .org_id = org, .org_text = org_text, .site_for = site_for};
	struct request req = {.env = &env,
			      .db = c,
			      .api = 1,
			      .who = {.user_id = 1,
				      .org_id = org,
				      .role = ROLE_ADMIN,
				      .login = "",
				      .name = "",
				      .org_text = org_text,
				      .user_text = "1",
				      .dept_text = "0",
				      .dept_lo = "",
				      .dept_hi = ""}};
	for (size_t i = 0; i < entities_count(); i++)
		plan_entity(&p, &req, entity_at(i));
	for (size_t i = 0; i < modules_count(); i++)
		for (const char *const *t = module_at(i)->plan_pages; t && *t; t++)
			plan_page(&p, &req, *t);
	if (out)
		fprintf(out, "%d queries, %d with a flaw\n", p.queries, p.flaws);
	db_release(c);
	for (int r = 0; r < ROLE_COUNT; r++)
		json_decref(site_for[r]);
	return p.flaws ? -1 : 0;
}
