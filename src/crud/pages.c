/*
 * pages.c: the generic handlers.  Each builds one document; the same
 * document is the HTML page (templates/crud/) and the API answer.  Forms
 * that fail validation come back with status 422, the typed values kept and
 * a Korean message under each field; the API gets the same as
 * {"error": {"code": "invalid_input", "fields": {...}}}.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/xalloc.h"
#include "crud/counter.h"
#include "crud/crud_int.h"
#include "db/db.h"
#include "sheet/sheet.h"

static const struct entity *entity_of(struct request *req)
{
	return req->match.route->data;
}

#define REF_OPTIONS_MAX 2000 /* beyond this, a reference is typed as a number */

/* 1 if the reference value v (an id, or a list of ids) holds id. */
static int holds(const json_t *v, json_int_t id)
{
	if (json_is_integer(v))
		return json_integer_value(v) == id;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) if (json_integer_value(x) == id) return 1;
	return 0;
}

/* The live rows a reference field may point to, as select options with v's
 * selected; NULL when there are more than REF_OPTIONS_MAX, or when the
 * reader's role may not read the rows referred to (a number is asked). */
static json_t *ref_options(struct request *req, const struct field *f, const json_t *v)
{
	const struct entity *r = entity_find(f->ref);
	struct db_conn *c = request_db(req);
	/* a reader who may not list the rows is not shown their titles either */
	if (!r || !c || !(r->allow_read & ROLE_BIT(req->who.role)))
		return NULL;
	char sql[256];
	crud_ref_options_sql(r, sql, sizeof sql);
	struct db_stmt *s = db_preparef(c, sql, "i", req->who.org_id);
	json_t *options = json_array();
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		json_int_t id = db_column_int(s, 0);
		const char *title = db_column_text(s, 1);
		json_array_append_new(options,
				      json_pack("{s:I, s:s, s:b}", "value", id, "label",
						title ? title : "", "selected", holds(v, id)));
	}
	db_finalize(s);
	if (rc != DB_OK || json_array_size(options) > REF_OPTIONS_MAX) {
		json_decref(options);
		return NULL;
	}
	return options;
}

void crud_ref_options_sql(const struct entity *r, char *sql, size_t len)
{
	/* the index <table>_sort_<title> gives them in order (crud/plans.c) */
	snprintf(sql, len,
		 "SELECT id, %s FROM %s WHERE org_id = ? AND archived_at IS NULL ORDER BY %s, id "
		 "LIMIT %d",
		 r->title_field, r->table, r->title_field, REF_OPTIONS_MAX + 1);
}

/* One input of a form: its kind, its value and choices, and its error. */
json_t *crud_form_field(struct request *req, const struct field *f, const json_t *v,
			const char *error)
{
	char shown[32] = "";
	if (json_is_integer(v))
		snprintf(shown, sizeof shown, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		half_text(json_real_value(v), shown);
	struct buf list = BUF_INIT; /* a list of references typed by hand: "3, 17" */
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
		buf_printf(&list, "%s%lld", i ? ", " : "", (long long)json_integer_value(x));
	const char *text = json_is_string(v)  ? json_string_value(v)
			   : json_is_array(v) ? (list.data ? list.data : "")
					      : shown;
	json_t *choices = NULL;
	if (f->type == F_REF || f->type == F_REFS)
		choices = ref_options(req, f, v);
	else if (f->type == F_CHOICE) {
		choices = json_array();
		for (const struct choice *c = f->choices; c->value; c++)
			json_array_append_new(
				choices, json_pack("{s:s, s:s, s:b}", "value", c->value, "label",
						   c->label, "selected", !strcmp(c->value, text)));
	}
	const char *input = f->type == F_EMAIL						? "email"
			    : f->type == F_PHONE					? "tel"
			    : f->type == F_DATE						? "date"
			    : f->type == F_INT || f->type == F_REF || f->type == F_HALF ? "number"
											: "text";
	json_t *out = json_pack(
		"{s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:o, s:s, s:s?}", "name",
		f->name, "label", f->label, "value", text, "required", !!(f->flags & FL_REQUIRED),
		"choice", choices != NULL, "multiple", f->type == F_REFS && choices, "memo",
		f->type == F_MEMO, "bool", f->type == F_BOOL, "half", f->type == F_HALF, "checked",
		json_is_true(v), "choices", choices ? choices : json_array(), "input", input,
		"error", error);
	buf_free(&list);
	return out;
}

/* The declaration, as templates and API clients need it: the list's
 * columns, and for forms (with_fields) every input with its value and error. */
static json_t *describe(struct request *req, const struct entity *e, int with_fields,
			const json_t *values, const json_t *errors)
{
	json_t *fields = json_array(), *columns = json_array();
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (f->flags & FL_LIST) { /* declared strings: not checked again on every page */
			json_t *col = json_object();
			json_object_set_new_nocheck(col, "name", json_string_nocheck(f->name));
			json_object_set_new_nocheck(col, "label", json_string_nocheck(f->label));
			json_array_append_new(columns, col);
		}
		if (!with_fields || (f->flags & (FL_READONLY | FL_SECRET)))
			continue;
		json_array_append_new(
			fields,
			crud_form_field(req, f, json_object_get(values, f->name),
					json_string_value(json_object_get(errors, f->name))));
	}
	json_t *d = json_object();
	json_object_set_new_nocheck(d, "name", json_string_nocheck(e->name));
	json_object_set_new_nocheck(d, "label", json_string_nocheck(e->label));
	json_object_set_new_nocheck(d, "label_en", json_string_nocheck(e->label_en));
	json_object_set_new_nocheck(d, "columns", columns);
	json_object_set_new_nocheck(d, "fields", fields);
	return d;
}

/* A paging parameter: def when absent or below 1, max when above it. */
static int64_t query_int(struct request *req, const char *name, int64_t def, int64_t max)
{
	int64_t n = request_query_int(req, name, def);
	return n < 1 ? def : n > max ? max : n;
}

/* 1 if f is a column the list may be sorted by. */
static int sortable(const struct field *f)
{
	return (f->flags & FL_SORT) && field_is_column(f);
}

/*
 * The list's sort as the gate checks a declared parameter: one of e's
 * sortable columns, ascending ("name") or descending ("-name"); anything
 * else is a 400 naming them, not a silent default.  The choices are made
 * in the arena, the entity's fields being all there is to declare.
 */
static enum err check_sort(struct request *req, const struct entity *e, const char **detail)
{
	const char *sort = params_get(&req->query, "sort");
	if (!sort || !*sort)
		return ERR_OK;
	struct choice *sorts = arena_alloc(&req->arena, (2 * e->n_fields + 1) * sizeof *sorts);
	size_t n = 0;
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (!sortable(f))
			continue;
		sorts[n++] = (struct choice){.value = f->name, .label = f->label};
		sorts[n++] = (struct choice){
			.value = arena_printf(&req->arena, "-%s", f->name),
			.label = f->label,
		};
	}
	sorts[n] = (struct choice){NULL, NULL, NULL};
	const struct query_param p = {
		.name = "sort", .label = "정렬", .type = P_CHOICE, .choices = sorts};
	return request_param_check(req, &p, sort, detail);
}

/* The list page's links, each carrying the list's search, filters and sort
 * as its query string (request_link_query(): percent-encoded), and the
 * search form the same as hidden fields ("kept"): the exports
 * (every row the list has, so no page), and for each sortable column its
 * sort (the other way round when the list is sorted by it already; back to
 * the first page) and how it is sorted now, for aria-sort. */
static void list_links(struct request *req, const struct entity *e, json_t *doc)
{
	static const char *const not_exported[] = {"page", "per_page", NULL};
	static const char *const not_sorted[] = {"page", NULL};
	json_object_set_new(doc, "export_query",
			    json_string(request_link_query(req, NULL, NULL, not_exported)));
	json_t *kept = json_array(); /* the search form keeps the rest as it is */
	for (size_t k = 0; k < req->query.n; k++) {
		const struct param *p = &req->query.items[k];
		if (strcmp(p->name, "q") && strcmp(p->name, "page") && strcmp(p->name, "notice"))
			json_array_append_new(
				kept, json_pack("{s:s, s:s}", "name", p->name, "value", p->value));
	}
	json_object_set_new(doc, "kept", kept);
	const char *sort = params_get(&req->query, "sort");
	if (!sort || !*sort)
		sort = e->default_sort;
	size_t i;
	json_t *col;
	json_array_foreach(json_object_get(json_object_get(doc, "entity"), "columns"), i, col)
	{
		const char *name = json_string_value(json_object_get(col, "name"));
		const struct field *f = entity_field(e, name);
		if (!f || !sortable(f))
			continue;
		int now = !strcmp(sort, name)			      ? 1
			  : sort[0] == '-' && !strcmp(sort + 1, name) ? -1
								      : 0;
		const char *next = now == 1 ? arena_printf(&req->arena, "-%s", name) : name;
		json_object_set_new(col, "sort_query",
				    json_string(request_link_query(req, "sort", next, not_sorted)));
		if (now)
			json_object_set_new(col, "sorted",
					    json_string(now == 1 ? "ascending" : "descending"));
	}
}

static enum err export_list(struct request *req, struct response *res, const struct entity *e,
			    enum sheet_kind kind);

/*
 * The API list's ?fields=title,kind: the fields its rows hold (id and
 * archived always), as bits of *want (0: every field, and each row's
 * cells); a name that is not a field it may give (a secret one) is the
 * gate's 400 bad_parameter naming it.  A client that reads two columns of
 * a wide table pays for two.
 */
static enum err list_fields(struct request *req, const struct entity *e, uint64_t *want,
			    const char **detail)
{
	const char *v = params_get(&req->query, "fields");
	*want = 0;
	if (!v || !*v)
		return ERR_OK;
	assert(e->n_fields <= 64);
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ",");
		const struct field *f = NULL;
		for (size_t i = 0; i < e->n_fields && !f; i++)
			if (strlen(e->fields[i].name) == n && !memcmp(e->fields[i].name, p, n) &&
			    !(e->fields[i].flags & FL_SECRET)) {
				f = &e->fields[i];
				*want |= UINT64_C(1) << i;
			}
		if (!f) {
			*detail = arena_printf(&req->arena,
					       "fields: 없는 항목입니다 (no such field): %.*s",
					       (int)n, p);
			return ERR_BAD_PARAM;
		}
		p += n + (p[n] == ',');
	}
	return ERR_OK;
}

enum err crud_page_list(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	const char *q = params_get(&req->query, "q");
	struct crud_query cq = {
		.q = q ? q : "",
		.sort = params_get(&req->query, "sort"),
		.page = query_int(req, "page", 1, 1000000000),
		.per_page = query_int(req, "per_page", CRUD_PER_PAGE, CRUD_MAX_PER_PAGE),
	};
	if (strlen(cq.q) > 100)
		return ERR_INVALID;
	enum err why = check_sort(req, e, &res->detail);
	if (why == ERR_OK && req->api)
		why = list_fields(req, e, &cq.want, &res->detail);
	if (why != ERR_OK)
		return why;
	json_t *doc = crud_list(req, e, &cq, &why);
	if (!doc)
		return why;
	why = crud_privacy_list(req, e, json_object_get(doc, "items"));
	if (why != ERR_OK) {
		json_decref(doc);
		return why;
	}
	int64_t total = json_integer_value(json_object_get(doc, "total"));
	int64_t pages = (total + cq.per_page - 1) / cq.per_page;
	json_object_set_new(doc, "entity", describe(req, e, 0, NULL, NULL));
	json_object_set_new(doc, "q", json_string(cq.q));
	json_object_set_new(doc, "pages", json_integer(pages ? pages : 1));
	request_pager(req, doc, cq.page, cq.page < pages);
	if (!req->api) { /* back from an action on the whole list */
		crud_action_notice(req, e, doc);
		list_links(req, e, doc);
	}
	json_object_set_new(
		doc, "may_write",
		json_boolean((e->allow_write & ROLE_BIT(req->who.role)) && entity_creatable(e)));
	res->doc = doc;
	return ERR_OK;
}

enum err crud_page_export(struct request *req, struct response *res)
{
	const char *kind = req->match.route->pattern;
	return export_list(req, res, entity_of(req),
			   strstr(kind, ".xlsx") ? SHEET_XLSX : SHEET_CSV);
}

/* Rows an export reads from the database at a time. */
#define EXPORT_BATCH 500

/* The header row of an export: the labels of the exported fields. */
static void export_header(const struct entity *e, struct sheet_writer *w)
{
	const char *cells[64];
	size_t n = 0;
	if (e->export_header) {
		while (n < 16 && e->export_header[n])
			n++;
		sheet_writer_row(w, n, e->export_header);
		return;
	}
	for (size_t i = 0; i < e->n_fields && n < 64; i++)
		if (e->fields[i].flags & FL_EXPORT)
			cells[n++] = e->fields[i].label;
	sheet_writer_row(w, n, cells);
}

/* What people read for field f of row (as crud_get() gives it): a
 * reference's title, references' titles "a, b", a choice's label, 예/아니오,
 * a number.  The text stays in out (reset first). */
static const char *field_text(const struct field *f, const json_t *row, struct buf *out)
{
	char key[80];
	json_t *v = json_object_get(row, f->type == F_REF || f->type == F_REFS ? title_key(f, key)
									       : f->name);
	buf_reset(out);
	size_t i;
	json_t *x;
	if (json_is_array(v))
		json_array_foreach(v, i, x)
			buf_printf(out, "%s%s", i ? ", " : "",
				   json_string_value(x) ? json_string_value(x) : "");
	else if (json_is_integer(v))
		buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v)) {
		char t[32];
		buf_puts(out, half_text(json_real_value(v), t));
	} else if (json_is_boolean(v))
		buf_puts(out, json_is_true(v) ? "예" : "아니오");
	else if (json_is_string(v))
		buf_puts(out, f->type == F_CHOICE ? field_choice_label(f, json_string_value(v))
						  : json_string_value(v));
	return out->data ? out->data : "";
}

/* Writes rows (as crud_rows() reads them) with the exported fields' texts,
 * or the entity's own layout; n counts the rows written so far. */
static void export_rows(const struct entity *e, json_t *rows, size_t *n, struct sheet_writer *w)
{
	size_t r;
	json_t *row;
	json_array_foreach(rows, r, row)
	{
		const char *cells[64];
		struct buf texts[64];
		size_t k = 0;
		++*n;
		if (e->export_row) {
			char scratch[1024];
			k = e->export_row(e, row, *n, cells, scratch);
			sheet_writer_row(w, k, cells);
			continue;
		}
		for (size_t i = 0; i < e->n_fields && k < 64; i++) {
			const struct field *f = &e->fields[i];
			if (!(f->flags & FL_EXPORT))
				continue;
			texts[k] = (struct buf)BUF_INIT;
			cells[k] = field_text(f, row, &texts[k]);
			k++;
		}
		sheet_writer_row(w, k, cells);
		for (size_t i = 0; i < k; i++)
			buf_free(&texts[i]);
	}
}

/*
 * An export on its way to the client: the ids it lists, taken when it was
 * asked for, and the rows read EXPORT_BATCH at a time as the client takes
 * them, each batch on a pooled connection held only while it is read.
 */
struct export
{
	struct db *db;		/* where the rows are */
	const struct entity *e; /* what they are */
	int64_t org_id;		/* whose */
	int64_t *ids;		/* every row, in the list's order */
	size_t n, next;		/* how many; the first not yet read */
	size_t written;		/* rows written so far (numbered exports count them) */
	struct sheet_writer *w; /* the CSV being written; NULL once finished */
	struct buf out;		/* bytes written and not yet sent */
	size_t sent;		/* of out */
};

/* Makes more of the file; 0 when there is no more, -1 on failure. */
static int export_more(struct export *x)
{
	buf_reset(&x->out);
	x->sent = 0;
	if (!x->w)
		return 0;
	if (x->next == x->n) {
		char *rest;
		size_t len;
		enum sheet_err e = sheet_writer_finish(x->w, &rest, &len);
		x->w = NULL;
		if (e != SHEET_OK)
			return -1;
		buf_append(&x->out, rest, len);
		free(rest);
		return 0;
	}
	size_t k = x->n - x->next < EXPORT_BATCH ? x->n - x->next : EXPORT_BATCH;
	struct db_conn *c = db_acquire(x->db);
	json_t *rows = c ? crud_rows(c, x->e, x->org_id, x->ids + x->next, k) : NULL;
	db_release(c);
	if (!rows)
		return -1;
	x->next += k;
	export_rows(x->e, rows, &x->written, x->w);
	json_decref(rows);
	sheet_writer_drain(x->w, &x->out);
	return 0;
}

static long export_fill(void *ctx, char *out, size_t max)
{
	struct export *x = ctx;
	while (x->sent == x->out.len) {
		if (!x->w)
			return 0; /* finished, and all of it sent */
		if (export_more(x) != 0)
			return -1;
	}
	size_t n = x->out.len - x->sent < max ? x->out.len - x->sent : max;
	memcpy(out, x->out.data + x->sent, n);
	x->sent += n;
	return (long)n;
}

static void export_done(void *ctx)
{
	struct export *x = ctx;
	if (x->w) {
		char *rest;
		size_t len;
		if (sheet_writer_finish(x->w, &rest, &len) == SHEET_OK)
			free(rest);
	}
	buf_free(&x->out);
	free(x->ids);
	free(x);
}

static enum err export_list(struct request *req, struct response *res, const struct entity *e,
			    enum sheet_kind kind)
{
	const char *q = params_get(&req->query, "q");
	struct crud_query cq = {
		.q = q ? q : "", .sort = params_get(&req->query, "sort"), .page = 1};
	enum err why = check_sort(req, e, &res->detail);
	if (why != ERR_OK)
		return why;
	size_t n;
	int64_t *ids = crud_list_ids(req, e, &cq, &n, &why);
	if (!ids && why != ERR_OK)
		return why;
	/* what leaves the system is recorded before any of it does */
	static const char *const not_exported[] = {"page", "per_page", NULL};
	if (n && crud_has_personal(e, e->export_row ? 0 : FL_EXPORT))
		why = crud_privacy(req, e, "export", NULL,
				   json_pack("{s:s, s:s, s:I}", "format",
					     kind == SHEET_XLSX ? "xlsx" : "csv", "query",
					     request_link_query(req, NULL, NULL, not_exported),
					     "rows", (json_int_t)n));
	if (why != ERR_OK) {
		free(ids);
		return why;
	}
	struct export *x = xcalloc(1, sizeof *x);
	*x = (struct export){.db = request_database(req),
			     .e = e,
			     .org_id = req->who.org_id,
			     .ids = ids,
			     .n = n,
			     .w = sheet_writer_new(kind, e->label)};
	export_header(e, x->w);
	res->content_type = kind == SHEET_XLSX ? "application/vnd.openxmlformats-officedocument."
						 "spreadsheetml.sheet"
					       : "text/csv; charset=utf-8";
	response_header(res, "Content-Disposition",
			arena_printf(&req->arena, "attachment; filename=\"%s.%s\"", e->name,
				     kind == SHEET_XLSX ? "xlsx" : "csv"));
	if (kind == SHEET_CSV) { /* sent as it is written */
		sheet_writer_drain(x->w, &x->out);
		res->stream = (struct response_stream){export_fill, export_done, x};
		return ERR_OK;
	}
	/* XLSX is a zip, whole only when finished: written batch by batch to
	 * its temporary file (constant memory), then sent. */
	int rc = 0;
	while (x->next < x->n && (rc = export_more(x)) == 0)
		;
	enum sheet_err se = SHEET_IO;
	if (rc == 0) {
		se = sheet_writer_finish(x->w, &res->body, &res->body_len);
		x->w = NULL;
	}
	export_done(x);
	return se == SHEET_OK ? ERR_OK : rc ? ERR_DB_UNAVAILABLE : ERR_INTERNAL;
}

/* The show page's fields with their text: the list's columns first, then
 * the rest; secret fields, empty ones and those the entity's own page shows
 * are left out. */
static json_t *shown_fields(const struct entity *e, const json_t *row)
{
	json_t *fields = json_array();
	struct buf text = BUF_INIT;
	for (int pass = 0; pass < 2; pass++) /* the list's columns first, then the rest */
		for (size_t i = 0; i < e->n_fields; i++) {
			const struct field *f = &e->fields[i];
			if ((f->flags & (FL_SECRET | FL_OWN_SHOW)) ||
			    ((f->flags & FL_LIST) == 0) != pass)
				continue;
			const char *t = field_text(f, row, &text);
			if (!*t)
				continue;
			json_t *v = json_object_get(row, f->name);
			char href[160] = "";
			if (f->type == F_REF && json_is_integer(v))
				snprintf(href, sizeof href, "/%s/%lld", f->ref,
					 (long long)json_integer_value(v));
			/* built key by key: json_pack parses its format and checks
			 * the declaration's own strings again for every field of
			 * every page */
			json_t *o = json_object();
			json_object_set_new_nocheck(o, "name", json_string_nocheck(f->name));
			json_object_set_new_nocheck(o, "label", json_string_nocheck(f->label));
			json_object_set_new_nocheck(o, "text", json_string(t));
			json_object_set_new_nocheck(o, "memo", json_boolean(f->type == F_MEMO));
			json_object_set_new_nocheck(
				o, "href", href[0] ? json_string_nocheck(href) : json_null());
			json_array_append_new(fields, o);
		}
	buf_free(&text);
	return fields;
}

/* The row's actions the signed-in role may take, for the show page. */
static json_t *row_actions(struct request *req, const struct entity *e)
{
	json_t *actions = json_array();
	for (size_t i = 0; i < e->n_actions; i++) {
		const struct action *a = &e->actions[i];
		if (!a->collection && (a->allow & ROLE_BIT(req->who.role))) {
			json_t *o = json_object();
			json_object_set_new_nocheck(o, "name", json_string_nocheck(a->name));
			json_object_set_new_nocheck(o, "label", json_string_nocheck(a->label));
			json_object_set_new_nocheck(o, "form", json_boolean(a->n_inputs > 0));
			json_array_append_new(actions, o);
		}
	}
	return actions;
}

/* A page shown counts as a view of its row (an API read does not); either
 * shows the stored count with what is pending, its own view among it. */
static void count_view(struct request *req, const struct entity *e, json_t *row)
{
	if (!e->view_count)
		return;
	int64_t id = json_integer_value(json_object_get(row, "id"));
	int64_t pending = req->api ? counter_pending(e->table, e->view_count, id)
				   : counter_add(e->table, e->view_count, id, 1);
	json_int_t stored = json_integer_value(json_object_get(row, e->view_count));
	json_object_set_new(row, e->view_count, json_integer(stored + pending));
}

enum err crud_page_show(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	enum err why;
	json_t *row = crud_get(req, e, request_param_id(req, "id"), &why);
	if (!row)
		return why;
	if (!crud_may(req, e, ACT_READ, row)) {
		json_decref(row);
		return ERR_FORBIDDEN;
	}
	if ((why = crud_privacy_row(req, e, row)) != ERR_OK) {
		json_decref(row);
		return why;
	}
	count_view(req, e, row);
	if (req->api) { /* the API reads the row itself */
		res->doc = row;
		return ERR_OK;
	}
	json_t *fields = shown_fields(e, row);
	res->doc = json_object();
	json_object_set_nocheck(res->doc, "item", row);
	json_object_set_new_nocheck(res->doc, "entity", describe(req, e, 0, NULL, NULL));
	json_object_set_new_nocheck(res->doc, "shown", fields);
	json_object_set_new_nocheck(res->doc, "may_write",
				    json_boolean(!e->append_only &&
						 (e->allow_write & ROLE_BIT(req->who.role)) &&
						 crud_may(req, e, ACT_UPDATE, row)));
	if (e->attachments) {
		int64_t id = json_integer_value(json_object_get(row, "id"));
		json_object_set_new(res->doc, "attachments", crud_attachments(req, e, id));
		json_object_set_new(res->doc, "takes_files", json_true());
		json_object_set_new(res->doc, "may_attach",
				    json_boolean((e->allow_write & ROLE_BIT(req->who.role)) &&
						 crud_may(req, e, ACT_UPDATE, row)));
	}
	crud_action_notice(req, e, res->doc);
	json_object_set_new(res->doc, "actions", row_actions(req, e));
	enum err more = e->show ? e->show(req, e, row, res->doc) : ERR_OK;
	json_decref(row);
	if (e->show_template)
		res->template = e->show_template;
	return more;
}

enum err crud_send_sheet(struct request *req, struct response *res, struct sheet_writer *w,
			 int xlsx, const char *name)
{
	if (sheet_writer_finish(w, &res->body, &res->body_len) != SHEET_OK)
		return ERR_INTERNAL;
	res->content_type = xlsx ? "application/vnd.openxmlformats-officedocument."
				   "spreadsheetml.sheet"
				 : "text/csv; charset=utf-8";
	response_header(res, "Content-Disposition",
			arena_printf(&req->arena, "attachment; filename=\"%s.%s\"", name,
				     xlsx ? "xlsx" : "csv"));
	return ERR_OK;
}

int crud_local_path(const char *s)
{
	return s && s[0] == '/' && s[1] != '/' && strlen(s) < 200 &&
	       strspn(s, "/-_.~?=&%0123456789abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(s);
}

enum err crud_page_new(struct request *req, struct response *res)
{
	/* a link may fill fields in: /unit-projects/new?task_id=3 */
	const struct entity *e = entity_of(req);
	json_t *defaults = json_pack("{s:b}", "active", 1);
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		const char *v = params_get(&req->query, f->name), *why = NULL;
		if (!v || !*v || (f->flags & FL_READONLY))
			continue;
		json_t *raw = json_string(v), *x = raw ? crud_convert(f, raw, &why) : NULL;
		json_decref(raw);
		if (x)
			json_object_set_new(defaults, f->name, x);
	}
	res->doc = json_pack("{s:o, s:b}", "entity",
			     describe(req, entity_of(req), 1, defaults, NULL), "creating", 1);
	const char *next = params_get(&req->query, "_next");
	if (crud_local_path(next))
		json_object_set_new(res->doc, "next", json_string(next));
	json_decref(defaults);
	return ERR_OK;
}

enum err crud_page_edit(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	enum err why;
	int64_t id = request_param_id(req, "id");
	json_t *row = crud_get(req, e, id, &why);
	if (!row)
		return why;
	if (!crud_may(req, e, ACT_UPDATE, row)) {
		json_decref(row);
		return ERR_FORBIDDEN;
	}
	if ((why = crud_privacy_row(req, e, row)) != ERR_OK) { /* the form shows the values */
		json_decref(row);
		return why;
	}
	res->doc = json_pack("{s:o, s:I, s:b}", "entity", describe(req, e, 1, row, NULL), "id",
			     (json_int_t)id, "creating", 0);
	json_decref(row);
	return ERR_OK;
}

/* The form again (or the API error) with what was typed and what is wrong. */
static enum err invalid(struct request *req, struct response *res, const struct entity *e,
			int64_t id, json_t *values, json_t *errors)
{
	res->status = 422;
	res->template = "crud/form";
	const struct err_info *info = err_info(ERR_INVALID);
	if (req->api)
		res->doc = crud_invalid_json(errors);
	else
		res->doc = json_pack("{s:o, s:I, s:b, s:s}", "entity",
				     describe(req, e, 1, values, errors), "id", (json_int_t)id,
				     "creating", !id, "error", info->message);
	if (!req->api && crud_local_path(request_form(req, "_next")))
		json_object_set_new(res->doc, "next", json_string(request_form(req, "_next")));
	json_decref(values);
	json_decref(errors);
	return ERR_OK;
}

json_t *crud_invalid_json(json_t *errors)
{
	const struct err_info *info = err_info(ERR_INVALID);
	return json_pack("{s:{s:s, s:s, s:O}}", "error", "code", info->code, "message",
			 info->message, "fields", errors);
}

/* Where a write leaves the client: the row's page, or the row itself in JSON. */
static enum err written(struct request *req, struct response *res, const struct entity *e,
			int64_t id, int status)
{
	if (!req->api) {
		const char *next = request_form(req, "_next"); /* back to the page it came from */
		if (crud_local_path(next))
			response_redirect(req, res, next);
		else
			response_redirect(
				req, res,
				arena_printf(&req->arena, "/%s/%lld", e->name, (long long)id));
		return ERR_OK;
	}
	enum err why;
	json_t *row = crud_get(req, e, id, &why);
	if (!row)
		return why;
	res->status = status;
	res->doc = row;
	return ERR_OK;
}

/* Why a write a unique constraint refused did not happen. */
static const char taken_value[] =
	"겹칠 수 없는 값(직원 번호, 연결된 계정 같은 것)을 다른 항목이 이미 "
	"쓰고 있습니다. 값을 확인해 주세요.";

enum err crud_page_create(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	json_t *errors = json_object(), *values = crud_input(req, e, 0, errors);
	enum err why = ERR_OK;
	/* a scope field the form does not take is filled by the entity's hook
	 * (an enrolment takes its person's department): crud_insert checks it */
	const struct field *scope = e->scope_field ? entity_field(e, e->scope_field) : NULL;
	if (!json_object_size(errors) && !(scope && scope->flags & FL_READONLY) &&
	    !crud_in_scope(req, e, values))
		json_object_set_new(errors, e->scope_field ? e->scope_field : "id",
				    json_string("담당 부서 밖의 항목은 만들 수 없습니다."));
	int64_t id = json_object_size(errors) ? 0 : crud_insert(req, e, values, errors, &why);
	if (json_object_size(errors))
		return invalid(req, res, e, 0, values, errors);
	json_decref(values);
	json_decref(errors);
	if (why == ERR_CONFLICT)
		res->detail = taken_value;
	return id ? written(req, res, e, id, 201) : why;
}

enum err crud_page_update(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	int64_t id = request_param_id(req, "id");
	json_t *errors = json_object(), *values = crud_input(req, e, id, errors);
	enum err why = ERR_OK;
	int ok = json_object_size(errors) ? 0 : crud_update(req, e, id, values, errors, &why);
	if (json_object_size(errors))
		return invalid(req, res, e, id, values, errors);
	json_decref(errors);
	json_decref(values);
	if (why == ERR_CONFLICT)
		res->detail = taken_value;
	return ok ? written(req, res, e, id, 200) : why;
}

enum err crud_page_archive(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	enum err why;
	int64_t id = request_param_id(req, "id");
	json_t *errors = json_object();
	int ok = crud_archive(req, e, id, errors, &why);
	if (!ok && json_object_size(errors) && req->api) /* a rule of the entity refused it */
		return invalid(req, res, e, id, NULL, errors);
	if (!ok && json_object_size(errors)) {
		json_t *msg = json_object_iter_value(json_object_iter(errors));
		res->detail = arena_strdup(&req->arena, json_string_value(msg));
		why = ERR_CONFLICT;
	}
	json_decref(errors);
	if (!ok)
		return why;
	if (req->api)
		return written(req, res, e, id, 200);
	response_redirect(req, res, arena_printf(&req->arena, "/%s", e->name));
	return ERR_OK;
}
