/*
 * store.c: the SQL of the engine.  Lists and rows are read with references
 * joined (a list costs two queries: the page and its count, whatever its
 * length); writes run in one transaction with their audit entry.  Column
 * and table names come only from the declarations, never from input; every
 * value is a bound parameter.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "crud/crud_int.h"
#include "db/db.h"

void crud_bind(struct db_stmt *s, json_t *v)
{
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		int k = (int)i + 1;
		if (json_is_integer(x))
			db_bind_int(s, k, json_integer_value(x));
		else if (json_is_boolean(x))
			db_bind_int(s, k, json_is_true(x));
		else if (json_is_string(x))
			db_bind_text(s, k, json_string_value(x), json_string_length(x));
		else
			db_bind_null(s, k);
	}
}

enum err crud_each_id(struct db_conn *c, const char *sql, int64_t org, crud_each_fn *each)
{
	struct db_stmt *s = db_preparef(c, sql, "i", org);
	size_t n = 0, cap = 0;
	int64_t *ids = NULL;
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = db_column_int(s, 0);
	}
	db_finalize(s);
	enum err why = rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
	for (size_t i = 0; i < n && why == ERR_OK; i++)
		why = each(c, org, ids[i]);
	free(ids);
	return why;
}

struct db_stmt *crud_prepare(struct db_conn *c, const char *sql, json_t *binds)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (s)
		crud_bind(s, binds);
	return s;
}

/* "t.a, t.b, r_c.name" and the joins of the references: every column, or
 * (cells_only) only those a list shows, of the fields in want (bit i:
 * field i; CRUD_ALL_FIELDS). */
static void select_columns(const struct entity *e, struct buf *cols, struct buf *joins,
			   int cells_only, uint64_t want)
{
	/* buf_puts, not buf_printf: every list and row builds this */
	buf_puts(cols, "t.id, t.archived_at");
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (!field_is_column(f) || (cells_only && !(f->flags & FL_LIST)) ||
		    !(want >> i & 1))
			continue;
		buf_puts(cols, ", t.");
		buf_puts(cols, f->name);
		if (f->type != F_REF)
			continue;
		const struct entity *r = entity_find(f->ref);
		const char *const parts[] = {", r_", f->name, ".", r->title_field};
		for (size_t k = 0; k < 4; k++)
			buf_puts(cols, parts[k]);
		const char *const join[] = {" LEFT JOIN ", r->table, " r_",	 f->name,
					    " ON r_",	   f->name,  ".id = t.", f->name};
		for (size_t k = 0; k < 8; k++)
			buf_puts(joins, join[k]);
	}
}

/* Text from the database as a JSON string; U+FFFD if it is not UTF-8
 * (written around InnoLand). */
static json_t *text_value(const char *text)
{
	json_t *v = json_text(text);
	return v ? v : json_string_nocheck("\xEF\xBF\xBD");
}

/* Column col of the row as the field's JSON value (null when absent). */
static json_t *value_of(const struct field *f, struct db_stmt *s, int col)
{
	if (db_column_is_null(s, col) || (f->flags & FL_SECRET))
		return json_null();
	if (f->type == F_INT || f->type == F_REF)
		return json_integer(db_column_int(s, col));
	if (f->type == F_BOOL)
		return json_boolean(db_column_int(s, col));
	if (f->type == F_HALF)
		return json_real((double)db_column_int(s, col) / 2);
	return text_value(db_column_text(s, col));
}

/* The text a list shows for column col of the row (a reference's: its
 * title's column), made straight from the column: the database's text, a
 * label, or a number written into t.  NULL for text that is not UTF-8. */
static const char *cell_text(const struct field *f, struct db_stmt *s, int col, char t[32])
{
	if (f->flags & FL_SECRET)
		return "***";
	if (db_column_is_null(s, col))
		return "";
	switch (f->type) {
	case F_BOOL: return db_column_int(s, col) ? "예" : "아니오";
	case F_INT: int_text(db_column_int(s, col), t); return t;
	case F_HALF: return half_text((double)db_column_int(s, col) / 2, t);
	default: { /* a choice's label, or the value itself when it is none */
		const char *v = f->type == F_CHOICE ? field_choice_label(f, db_column_text(s, col))
						    : db_column_text(s, col);
		return v && utf8_valid(v, strlen(v)) ? v : NULL;
	}
	}
}

/* Appends a list cell, "<td>text</td>" escaped (U+FFFD for NULL: text
 * that is not UTF-8). */
static void put_cell(struct buf *html, const char *text)
{
	text = text ? text : "\xEF\xBF\xBD";
	buf_append(html, "<td>", 4);
	buf_put_html(html, text, strlen(text));
	buf_append(html, "</td>", 5);
}

/* cell_text() as a JSON string (U+FFFD for text that is not UTF-8). */
static json_t *cell_at(const struct field *f, struct db_stmt *s, int col)
{
	char t[32];
	const char *v = cell_text(f, s, col, t);
	return json_string_nocheck(v ? v : "\xEF\xBF\xBD");
}

/* 1 if e's list shows a field of linked records (attach_links() fills its
 * cells after the rows are read). */
static int lists_links(const struct entity *e)
{
	for (size_t i = 0; i < e->n_fields; i++)
		if ((e->fields[i].flags & FL_LIST) && !field_is_column(&e->fields[i]))
			return 1;
	return 0;
}

/* A row of a cells-only select: all an HTML list shows, its cells as the
 * page's HTML in "cells_html" ("<td>a</td><td>b</td>", escaped) when html
 * is given, else (linked records are still to come) as the strings of
 * "cells", which cells_html() writes so once attach_links() has filled
 * them. */
static json_t *read_cells(const struct entity *e, struct db_stmt *s, struct buf *html)
{
	json_t *row = json_object(), *cells = html ? NULL : json_array();
	json_object_set_new_nocheck(row, "id", json_integer(db_column_int(s, 0)));
	if (html)
		buf_reset(html);
	int col = 2;
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (!(f->flags & FL_LIST))
			continue;
		if (!field_is_column(f)) { /* filled by attach_links() */
			json_array_append_new(cells, json_string_nocheck(""));
			continue;
		}
		if (f->type == F_REF) /* its title, the column after its id */
			col++;
		if (!html) {
			json_array_append_new(cells, cell_at(f, s, col++));
			continue;
		}
		char t[32];
		put_cell(html, cell_text(f, s, col++, t));
	}
	if (html)
		json_object_set_new_nocheck(
			row, "cells_html",
			json_stringn_nocheck(html->data ? html->data : "", html->len));
	else
		json_object_set_new_nocheck(row, "cells", cells);
	return row;
}

/* A row of the select above (the columns of the fields in want) as JSON,
 * with, when every field is there, the list columns' display texts in
 * "cells" (an array of strings), as read_cells() makes them.  No json_pack. */
static json_t *read_row(const struct entity *e, struct db_stmt *s, uint64_t want)
{
	int all = want == CRUD_ALL_FIELDS;
	json_t *row = json_object(), *cells = all ? json_array() : NULL;
	json_object_set_new_nocheck(row, "id", json_integer(db_column_int(s, 0)));
	json_object_set_new_nocheck(row, "archived", json_boolean(!db_column_is_null(s, 1)));
	int col = 2;
	for (size_t i = 0; i < e->n_fields; i++, col++) {
		const struct field *f = &e->fields[i];
		if (!(want >> i & 1)) {
			col--;
			continue;
		}
		if (!field_is_column(f)) { /* filled by attach_links() */
			col--;
			if ((f->flags & FL_LIST) && cells)
				json_array_append_new(cells, json_string_nocheck(""));
			char key[80];
			json_object_set_new_nocheck(row, f->name, json_array());
			json_object_set_new_nocheck(row, title_key(f, key), json_array());
			continue;
		}
		json_t *v = value_of(f, s, col), *title = NULL;
		if (f->type == F_REF) {
			const char *t = db_column_text(s, ++col);
			title = t ? json_text(t) : NULL;
		}
		if ((f->flags & FL_LIST) && cells)
			json_array_append_new(cells, cell_at(f, s, col));
		json_object_set_nocheck(row, f->name, v);
		if (f->type == F_REF) {
			char key[80];
			json_object_set_nocheck(row, title_key(f, key),
						title ? title : json_null());
		}
		json_decref(v);
		json_decref(title);
	}
	if (cells)
		json_object_set_new_nocheck(row, "cells", cells);
	return row;
}

/* A row of attach_links(): its id, where its linked records go, and the
 * list cell's text as it grows ("a, b, c"). */
struct owner {
	int64_t id;
	json_t *row, *ids, *titles; /* ids and titles NULL for a list's cells-only row */
	struct buf text;
};

static int by_owner_id(const void *a, const void *b)
{
	int64_t x = ((const struct owner *)a)->id, y = ((const struct owner *)b)->id;
	return x < y ? -1 : x > y;
}

/*
 * Fills the F_REFS fields of rows (as read_row() or read_cells() left them): the ids and
 * titles, and the list cell "a, b, c".  One query per such field for all the
 * rows, so a list's queries do not grow with its length.  0 or -1.
 */
static int attach_links(struct db_conn *c, const struct entity *e, int64_t org, json_t *rows,
			uint64_t want)
{
	size_t cell = 0, n = json_array_size(rows);
	struct owner *owners = n ? xcalloc(n, sizeof *owners) : NULL;
	int failed = 0;
	for (size_t i = 0; i < e->n_fields && !failed; i++) {
		const struct field *f = &e->fields[i];
		if (field_is_column(f) || !n || !(want >> i & 1)) {
			cell += (f->flags & FL_LIST) != 0;
			continue;
		}
		const struct entity *r = entity_find(f->ref);
		char key[80];
		title_key(f, key);
		struct buf sql = BUF_INIT;
		buf_printf(
			&sql,
			"SELECT l.record_id, l.ref_id, x.%s FROM record_links l JOIN %s x ON "
			"x.id = l.ref_id WHERE l.org_id = ? AND l.entity = ? AND l.field = ? AND "
			"l.record_id IN (",
			r->title_field, r->table);
		for (size_t k = 0; k < n; k++) {
			json_t *row = json_array_get(rows, k);
			owners[k] = (struct owner){json_integer_value(json_object_get(row, "id")),
						   row, json_object_get(row, f->name),
						   json_object_get(row, key), BUF_INIT};
			buf_puts(&sql, k ? ", ?" : "?");
		}
		buf_puts(&sql, ") ORDER BY l.record_id, l.position");
		struct db_stmt *s = db_prepare(c, sql.data);
		int rc = DB_ERR;
		if (s) {
			db_bind_int(s, 1, org);
			db_bind_text(s, 2, e->name, strlen(e->name));
			db_bind_text(s, 3, f->name, strlen(f->name));
			for (size_t k = 0; k < n; k++)
				db_bind_int(s, (int)k + 4, owners[k].id);
			qsort(owners, n, sizeof *owners, by_owner_id);
			while ((rc = db_step(s)) == DB_ROW) {
				struct owner want_id = {.id = db_column_int(s, 0)},
					     *o = bsearch(&want_id, owners, n, sizeof *owners,
							  by_owner_id);
				const char *title = db_column_text(s, 2);
				if (!o)
					continue;
				if (o->ids)
					json_array_append_new(o->ids,
							      json_integer(db_column_int(s, 1)));
				if (o->titles)
					json_array_append_new(o->titles,
							      text_value(title ? title : ""));
				if ((f->flags & FL_LIST) && title &&
				    utf8_valid(title, strlen(title))) {
					if (o->text.len)
						buf_append(&o->text, ", ", 2);
					buf_puts(&o->text, title);
				}
			}
		}
		db_finalize(s);
		buf_free(&sql);
		for (size_t k = 0; k < n; k++) { /* the list cells, now whole */
			json_t *cells = json_object_get(owners[k].row, "cells");
			if (owners[k].text.len && json_array_get(cells, cell))
				json_array_set_new(cells, cell,
						   json_stringn_nocheck(owners[k].text.data,
									owners[k].text.len));
			buf_free(&owners[k].text);
		}
		failed = rc != DB_OK;
		cell += (f->flags & FL_LIST) != 0;
	}
	free(owners);
	return failed ? -1 : 0;
}

/* The "cells" of each row (as attach_links() leaves them) as "cells_html". */
static void cells_html(json_t *rows)
{
	struct buf b = BUF_INIT;
	size_t i, k;
	json_t *row, *cell;
	json_array_foreach(rows, i, row)
	{
		buf_reset(&b);
		buf_append(&b, "", 0);
		json_array_foreach(json_object_get(row, "cells"), k, cell)
			put_cell(&b, json_string_value(cell));
		json_object_set_new_nocheck(row, "cells_html", json_stringn_nocheck(b.data, b.len));
	}
	buf_free(&b);
}

/* Replaces the references of the F_REFS fields present in values. */
static int write_links(struct db_conn *c, const struct entity *e, int64_t org, int64_t id,
		       const json_t *values)
{
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_t *refs = json_object_get(values, f->name);
		if (field_is_column(f) || !json_is_array(refs))
			continue;
		if (db_run(c, NULL,
			   "DELETE FROM record_links WHERE entity = ? AND field = ? AND record_id "
			   "= ?",
			   "tti", e->name, f->name, id) != DB_OK)
			return -1;
		size_t k;
		json_t *x;
		json_array_foreach(refs, k, x)
		{
			if (db_run(c, NULL,
				   "INSERT INTO record_links (org_id, entity, field, record_id, "
				   "ref_id, "
				   "position) VALUES (?, ?, ?, ?, ?, ?)",
				   "ittiii", org, e->name, f->name, id,
				   (int64_t)json_integer_value(x), (int64_t)k) != DB_OK)
				return -1;
		}
	}
	return 0;
}

/* " WHERE" and the rows the reader may see: the organisation's (org_col
 * names its column), or with scoped_reads (or the reader's role among
 * assigned_reads), perm_scope_sql()'s cut of it. */
static void scope_where(struct request *req, const struct entity *e, const char *org_col,
			struct buf *w, json_t *binds)
{
	buf_puts(w, " WHERE ");
	if (!e->scoped_reads && !(e->assigned_reads & ROLE_BIT(req->who.role))) {
		buf_printf(w, "%s = ?", org_col);
		json_array_append_new(binds, json_integer(req->who.org_id));
		return;
	}
	char dept[80];
	snprintf(dept, sizeof dept, "t.%s", e->scope_field ? e->scope_field : "");
	const char *params[PERM_SCOPE_PARAMS];
	int n = perm_scope_sql(&req->who, e->name, org_col, e->scope_field ? dept : NULL, "t.id", w,
			       params);
	for (int i = 0; i < n; i++)
		json_array_append_new(binds, json_string(params[i]));
}

/* WHERE of a list: what the reader may see, not archived, filters and search. */
static enum err list_where(struct request *req, const struct entity *e, const char *q,
			   struct buf *w, json_t *binds)
{
	/* the filters first, apart: they decide how the organisation is asked */
	struct buf filters = BUF_INIT;
	json_t *values = json_array();
	enum err why = ERR_OK;
	for (size_t i = 0; i < e->n_fields && why == ERR_OK; i++) {
		const struct field *f = &e->fields[i];
		const char *v = (f->flags & FL_FILTER) ? params_get(&req->query, f->name) : NULL;
		if (!v || !*v)
			continue;
		const char *bad = NULL;
		json_t *raw = json_string(v), *x = crud_convert(f, raw, &bad);
		json_decref(raw);
		if (!x) {
			why = ERR_INVALID;
			break;
		}
		if (field_is_column(f)) {
			buf_printf(&filters, " AND t.%s = ?", f->name);
			json_array_append_new(values, x);
			continue;
		}
		/* a row whose list holds this one ("?departments=17") */
		buf_puts(&filters,
			 " AND t.id IN (SELECT record_id FROM record_links WHERE entity = "
			 "? AND field = ? AND ref_id = ?)");
		json_array_append_new(values, json_string(e->name));
		json_array_append_new(values, json_string(f->name));
		json_array_append_new(values, json_incref(json_array_get(x, 0)));
		json_decref(x);
	}
	/* the organisation's own column, not hidden from the planner: every
	 * filterable column has an index (org_id, column, sort, id) of the live
	 * rows (crud/plans.c), which serves the filter and the order at once */
	scope_where(req, e, "t.org_id", w, binds);
	buf_puts(w, " AND t.archived_at IS NULL");
	buf_puts(w, filters.data ? filters.data : "");
	json_array_extend(binds, values);
	buf_free(&filters);
	json_decref(values);
	if (why != ERR_OK)
		return why;
	if (!q || !*q)
		return ERR_OK;
	struct buf like = BUF_INIT;
	buf_putc(&like, '%');
	for (const char *p = q; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_putc(&like, '\\');
		buf_putc(&like, (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p);
	}
	buf_putc(&like, '%');
	const char *sep = " AND (";
	for (size_t i = 0; i < e->n_fields; i++)
		if ((e->fields[i].flags & FL_SEARCH) && field_is_column(&e->fields[i])) {
			buf_printf(w, "%sLOWER(t.%s) LIKE ? ESCAPE '\\'", sep, e->fields[i].name);
			json_array_append_new(binds, json_string(like.data));
			sep = " OR ";
		}
	buf_puts(w, strcmp(sep, " AND (") ? ")" : "");
	buf_free(&like);
	return ERR_OK;
}

/* ORDER BY from "name" / "-name", falling back to the entity's default.
 * Ties go by id the same way, so that one index (org_id, name, id) of the
 * live rows (crud/plans.c) gives the order both ways, read forwards or
 * backwards, and the page stops after its rows. */
static void order_by(const struct entity *e, const char *sort, struct buf *sql)
{
	const char *s = sort && *sort ? sort : e->default_sort;
	int desc = s[0] == '-';
	const struct field *f = entity_field(e, s + desc);
	if (!f || !(f->flags & FL_SORT) || !field_is_column(f)) {
		desc = e->default_sort[0] == '-';
		f = entity_field(e, e->default_sort + desc);
	}
	const char *dir = desc ? " DESC" : "";
	if (f && strcmp(f->name, "id"))
		buf_printf(sql, " ORDER BY t.%s%s, t.id%s", f->name, dir, dir);
	else
		buf_printf(sql, " ORDER BY t.id%s", dir);
}

enum err crud_list_sql(struct request *req, const struct entity *e, const struct crud_query *q,
		       struct buf *page, struct buf *count, json_t *binds)
{
	struct buf cols = BUF_INIT, joins = BUF_INIT, where = BUF_INIT;
	enum err why = list_where(req, e, q->q, &where, binds);
	select_columns(e, &cols, &joins, !req->api, q->want ? q->want : CRUD_ALL_FIELDS);
	buf_printf(page, "SELECT %s FROM %s t%s%s", cols.data, e->table,
		   joins.data ? joins.data : "", where.data);
	order_by(e, q->sort, page);
	if (q->per_page)
		buf_printf(page, " LIMIT %lld OFFSET %lld", (long long)q->per_page,
			   (long long)((q->page - 1) * q->per_page));
	buf_printf(count, "SELECT COUNT(*) FROM %s t%s", e->table, where.data);
	buf_free(&cols);
	buf_free(&joins);
	buf_free(&where);
	return why;
}

json_t *crud_list(struct request *req, const struct entity *e, const struct crud_query *q,
		  enum err *why)
{
	struct db_conn *c = request_db(req);
	if (!c) {
		*why = ERR_DB_UNAVAILABLE;
		return NULL;
	}
	uint64_t want = q->want ? q->want : CRUD_ALL_FIELDS;
	struct buf sql = BUF_INIT, count = BUF_INIT;
	json_t *binds = json_array(), *items = json_array();
	*why = crud_list_sql(req, e, q, &sql, &count, binds);
	struct db_stmt *s = *why == ERR_OK ? crud_prepare(c, sql.data, binds) : NULL;
	int rc = DB_ERR;
	struct buf html = BUF_INIT, *direct = lists_links(e) ? NULL : &html;
	while (s && (rc = db_step(s)) == DB_ROW)
		json_array_append_new(items,
				      req->api ? read_row(e, s, want) : read_cells(e, s, direct));
	buf_free(&html);
	db_finalize(s);
	if (rc == DB_OK && attach_links(c, e, req->who.org_id, items, want) != 0)
		rc = DB_ERR;
	if (rc == DB_OK && !req->api && !direct)
		cells_html(items);
	int64_t total = 0;
	if (rc == DB_OK) {
		buf_reset(&sql);
		buf_puts(&sql, count.data);
		/* the count stays good until anything is written (db_memo_get) */
		struct buf key = BUF_INIT;
		buf_puts(&key, sql.data);
		size_t i;
		json_t *x;
		json_array_foreach(binds, i, x)
		{
			if (json_is_string(x))
				buf_printf(&key, "\x1f%s", json_string_value(x));
			else
				buf_printf(&key, "\x1f%lld", (long long)json_integer_value(x));
		}
		if (!db_memo_get(c, key.data, &total)) {
			s = crud_prepare(c, sql.data, binds);
			rc = s && db_step(s) == DB_ROW ? DB_OK : DB_ERR;
			if (rc == DB_OK)
				total = db_column_int(s, 0);
			db_finalize(s);
			if (rc == DB_OK)
				db_memo_put(c, key.data, total);
		}
		buf_free(&key);
	}
	buf_free(&count);
	buf_free(&sql);
	json_decref(binds);
	if (*why == ERR_OK && rc != DB_OK)
		*why = ERR_DB_UNAVAILABLE;
	if (*why != ERR_OK) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
			 (json_int_t)q->page, "per_page", (json_int_t)q->per_page);
}

int64_t *crud_list_ids(struct request *req, const struct entity *e, const struct crud_query *q,
		       size_t *n, enum err *why)
{
	struct db_conn *c = request_db(req);
	*n = 0;
	*why = ERR_DB_UNAVAILABLE;
	if (!c)
		return NULL;
	struct buf sql = BUF_INIT;
	json_t *binds = json_array();
	buf_printf(&sql, "SELECT t.id FROM %s t", e->table);
	*why = list_where(req, e, q->q, &sql, binds);
	order_by(e, q->sort, &sql);
	struct db_stmt *s = *why == ERR_OK ? crud_prepare(c, sql.data, binds) : NULL;
	int64_t *ids = NULL;
	size_t cap = 0;
	int rc = DB_ERR;
	if (s) {
		while ((rc = db_step(s)) == DB_ROW) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 256;
				ids = xrealloc(ids, cap * sizeof *ids);
			}
			ids[(*n)++] = db_column_int(s, 0);
		}
	}
	db_finalize(s);
	buf_free(&sql);
	json_decref(binds);
	if (*why == ERR_OK && rc != DB_OK)
		*why = ERR_DB_UNAVAILABLE;
	if (*why != ERR_OK) {
		free(ids);
		*n = 0;
		return NULL;
	}
	return ids;
}

json_t *crud_rows(struct db_conn *c, const struct entity *e, int64_t org_id, const int64_t *ids,
		  size_t n)
{
	struct buf cols = BUF_INIT, joins = BUF_INIT, sql = BUF_INIT;
	select_columns(e, &cols, &joins, 0, CRUD_ALL_FIELDS);
	buf_printf(&sql, "SELECT %s FROM %s t%s WHERE t.org_id = ? AND t.id IN (", cols.data,
		   e->table, joins.data ? joins.data : "");
	for (size_t i = 0; i < n; i++)
		buf_puts(&sql, i ? ", ?" : "?");
	buf_puts(&sql, ")");
	struct db_stmt *s = n ? db_prepare(c, sql.data) : NULL;
	json_t *by_id = json_object(), *rows = NULL;
	int rc = n ? DB_ERR : DB_OK;
	if (s) {
		db_bind_int(s, 1, org_id);
		for (size_t i = 0; i < n; i++)
			db_bind_int(s, (int)i + 2, ids[i]);
		while ((rc = db_step(s)) == DB_ROW) {
			char key[24];
			snprintf(key, sizeof key, "%lld", (long long)db_column_int(s, 0));
			json_object_set_new(by_id, key, read_row(e, s, CRUD_ALL_FIELDS));
		}
	}
	db_finalize(s);
	if (rc == DB_OK) {
		rows = json_array();
		for (size_t i = 0; i < n; i++) {
			char key[24];
			snprintf(key, sizeof key, "%lld", (long long)ids[i]);
			json_t *row = json_object_get(by_id, key);
			if (row)
				json_array_append(rows, row);
		}
		if (attach_links(c, e, org_id, rows, CRUD_ALL_FIELDS) != 0) {
			json_decref(rows);
			rows = NULL;
		}
	}
	json_decref(by_id);
	buf_free(&cols);
	buf_free(&joins);
	buf_free(&sql);
	return rows;
}

json_t *crud_get(struct request *req, const struct entity *e, int64_t id, enum err *why)
{
	struct db_conn *c = request_db(req);
	*why = ERR_DB_UNAVAILABLE;
	if (!c)
		return NULL;
	struct buf cols = BUF_INIT, joins = BUF_INIT, sql = BUF_INIT;
	select_columns(e, &cols, &joins, 0, CRUD_ALL_FIELDS);
	json_t *binds = json_array();
	buf_printf(&sql, "SELECT %s FROM %s t%s", cols.data, e->table,
		   joins.data ? joins.data : "");
	scope_where(req, e, "t.org_id", &sql, binds);
	buf_puts(&sql, " AND t.id = ?");
	json_array_append_new(binds, json_integer(id));
	struct db_stmt *s = crud_prepare(c, sql.data, binds);
	json_t *row = NULL;
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW)
		row = read_row(e, s, CRUD_ALL_FIELDS);
	db_finalize(s);
	json_decref(binds);
	buf_free(&cols);
	buf_free(&joins);
	buf_free(&sql);
	if (row) {
		json_t *one = json_pack("[O]", row);
		if (attach_links(c, e, req->who.org_id, one, CRUD_ALL_FIELDS) != 0) {
			json_decref(row);
			row = NULL;
			rc = DB_ERR;
		}
		json_decref(one);
	}
	*why = row ? ERR_OK : rc == DB_ROW || rc == DB_OK ? ERR_NOT_FOUND : ERR_DB_UNAVAILABLE;
	return row;
}

/* A query that fails answers 0 (out of scope): the callers ask yes or no,
 * and no is the safe answer. */
int crud_dept_in_scope(struct request *req, int64_t dept)
{
	if (req->who.role != ROLE_MANAGER)
		return 1;
	struct db_conn *c = request_db(req);
	return c && dept > 0 &&
	       db_int(c, NULL, 0,
		      "SELECT COUNT(*) FROM departments WHERE id = ? AND path || id || '/' >= ? "
		      "AND "
		      "path || id || '/' < ?",
		      "itt", dept, req->who.dept_lo, req->who.dept_hi) > 0;
}

int crud_in_scope(struct request *req, const struct entity *e, const json_t *row)
{
	if (req->who.role != ROLE_MANAGER || !e->scope_field)
		return 1;
	return crud_dept_in_scope(req, json_integer_value(json_object_get(row, e->scope_field)));
}

int crud_may(struct request *req, const struct entity *e, enum entity_action act, const json_t *row)
{
	if (e->permit) /* it knows the entity's rules, the manager's subtree among them */
		return e->permit(req, e, act, row);
	return act == ACT_READ || crud_in_scope(req, e, row);
}

/* References must name a live row of the same organisation. */
static enum err check_refs(struct request *req, const struct entity *e, json_t *values,
			   json_t *errors)
{
	struct db_conn *c = request_db(req);
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_t *v = json_object_get(values, f->name);
		if (f->type == F_REFS && json_array_size(v)) {
			struct buf sql = BUF_INIT;
			buf_printf(
				&sql,
				"SELECT COUNT(*) FROM %s WHERE org_id = ? AND archived_at IS NULL "
				"AND id IN (",
				entity_find(f->ref)->table);
			for (size_t k = 0; k < json_array_size(v); k++)
				buf_puts(&sql, k ? ", ?" : "?");
			buf_puts(&sql, ")");
			struct db_stmt *s = db_prepare(c, sql.data);
			int rc = DB_ERR;
			int64_t n = 0;
			if (s) {
				db_bind_int(s, 1, req->who.org_id);
				for (size_t k = 0; k < json_array_size(v); k++)
					db_bind_int(s, (int)k + 2,
						    json_integer_value(json_array_get(v, k)));
				rc = db_step(s);
				n = db_column_int(s, 0);
			}
			db_finalize(s);
			buf_free(&sql);
			if (rc != DB_ROW)
				return ERR_DB_UNAVAILABLE;
			if (n != (int64_t)json_array_size(v))
				json_object_set_new(errors, f->name,
						    json_string("없는 항목을 가리킵니다."));
			continue;
		}
		if (f->type != F_REF || !json_is_integer(v))
			continue;
		char sql[160];
		snprintf(sql, sizeof sql,
			 "SELECT COUNT(*) FROM %s WHERE id = ? AND org_id = ? AND archived_at IS "
			 "NULL",
			 entity_find(f->ref)->table);
		int rc;
		int64_t n = db_int(c, &rc, 0, sql, "ii", (int64_t)json_integer_value(v),
				   req->who.org_id);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		if (!n)
			json_object_set_new(errors, f->name,
					    json_string("없는 항목을 가리킵니다."));
	}
	return json_object_size(errors) ? ERR_INVALID : ERR_OK;
}

/* The audit diff of a write, secrets redacted. */
static json_t *diff_of(const struct entity *e, const json_t *before, const json_t *after)
{
	const char *secret[16];
	size_t n = 0;
	for (size_t i = 0; i < e->n_fields && n < 15; i++)
		if (e->fields[i].flags & FL_SECRET)
			secret[n++] = e->fields[i].name;
	secret[n] = NULL;
	json_t *b = before ? json_deep_copy(before) : NULL,
	       *a = after ? json_deep_copy(after) : NULL;
	for (size_t i = 0; i < 2; i++) {
		json_t *x = i ? a : b;
		if (!x)
			continue;
		json_object_del(x, "cells");
		json_object_del(x, "archived");
		json_object_del(x, "id");
		for (size_t k = 0; k < e->n_fields; k++)
			if (e->fields[k].type == F_REF) {
				char key[80];
				json_object_del(x, title_key(&e->fields[k], key));
			}
	}
	json_t *d = audit_diff(b, a, secret);
	json_decref(b);
	json_decref(a);
	return d;
}

/* 1 if key of a write's values is a column (a declared one, or one a hook
 * added, like a department's path); F_REFS go to record_links instead. */
static int is_column(const struct entity *e, const char *key)
{
	const struct field *f = entity_field(e, key);
	return !f || field_is_column(f);
}

/* A value as bound: a yes/no as 0/1, an F_HALF (the only reals) as twice
 * its value. */
static void bind_value(json_t *binds, json_t *v)
{
	json_array_append_new(binds, json_is_boolean(v) ? json_integer(json_is_true(v))
				     : json_is_real(v)
					     ? json_integer(llround(json_real_value(v) * 2))
					     : json_incref(v));
}

/* Runs the after-write hook, then commits with the audit entry, or rolls
 * back; the write's outcome.  before/after: the row (NULL: none). */
static int finish(struct request *req, const struct entity *e, const char *action, int64_t id,
		  const json_t *before, const json_t *after, int ok, json_t *errors, enum err *why)
{
	struct db_conn *c = request_db(req);
	struct audit_actor who = request_actor(req);
	enum err hook = ERR_OK;
	if (ok && e->after_write)
		hook = e->after_write(req, e, id, before, after);
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	json_t *diff = diff_of(e, before, after);
	ok = ok && hook == ERR_OK && audit_append(c, &who, action, e->name, rid, diff) == 0 &&
	     db_commit(c) == DB_OK;
	json_decref(diff);
	if (!ok) {
		char column[64]; /* what refused the row: read before the rollback */
		enum db_refusal r = db_refusal(c, column, sizeof column);
		db_rollback(c);
		*why = hook != ERR_OK		  ? hook
		       : r == DB_REFUSED_UNIQUE	  ? ERR_CONFLICT
		       : r == DB_REFUSED_NOT_NULL ? ERR_INVALID
						  : ERR_DB_UNAVAILABLE;
		/* a field the declaration lets be empty whose column may not be
		 * (an order, a count): the person is told which, nothing written */
		if (*why == ERR_INVALID && hook == ERR_OK && errors)
			json_object_set_new(errors, entity_field(e, column) ? column : "id",
					    json_string("비워 둘 수 없는 항목입니다. 값을 입력해 "
							"주세요."));
	}
	return ok;
}

/* Runs the before-write hook inside the transaction; ERR_OK to go on. */
static enum err before(struct request *req, const struct entity *e, int64_t id, const json_t *row,
		       json_t *values, json_t *errors)
{
	if (!e->before_write)
		return ERR_OK;
	enum err why = e->before_write(req, e, id, row, values, errors);
	return why != ERR_OK ? why : json_object_size(errors) ? ERR_INVALID : ERR_OK;
}

/* Runs one statement built from sql and binds; 1 if it ran (and, with
 * want_id, *id is the RETURNING id). */
static int run_write(struct db_conn *c, const char *sql, json_t *binds, int64_t *id)
{
	struct db_stmt *s = crud_prepare(c, sql, binds);
	int ok = 0;
	if (s) {
		int rc = db_step(s);
		if (id && rc == DB_ROW)
			*id = db_column_int(s, 0);
		ok = id ? *id > 0 : rc == DB_OK;
	}
	db_finalize(s);
	return ok;
}

/* Rolls back a write the hooks or the database refused; 0 with *why. */
static int refuse(struct db_conn *c, enum err e, enum err *why)
{
	db_rollback(c);
	*why = e;
	return 0;
}

enum err crud_begin(struct db_conn *c)
{
	int rc = db_begin(c);
	return rc == DB_OK ? ERR_OK : rc == DB_BUSY ? ERR_BUSY : ERR_DB_UNAVAILABLE;
}

int64_t crud_insert(struct request *req, const struct entity *e, json_t *values, json_t *errors,
		    enum err *why)
{
	struct db_conn *c = request_db(req);
	*why = ERR_DB_UNAVAILABLE;
	if (!c)
		return 0;
	if ((*why = check_refs(req, e, values, errors)) != ERR_OK)
		return 0;
	if (!crud_may(req, e, ACT_CREATE, values)) {
		*why = ERR_FORBIDDEN;
		return 0;
	}
	enum err hook = crud_begin(c);
	if (hook == ERR_OK)
		hook = before(req, e, 0, NULL, values, errors);
	if (hook != ERR_OK)
		return refuse(c, hook, why);
	struct buf sql = BUF_INIT, marks = BUF_INIT;
	json_t *binds = json_array();
	buf_printf(&sql, "INSERT INTO %s (org_id", e->table);
	buf_puts(&marks, "?");
	json_array_append_new(binds, json_integer(req->who.org_id));
	const char *key;
	json_t *v;
	json_object_foreach(values, key, v)
	{
		/* an empty field takes its column's default (NULL, or an order's 0) */
		if (!is_column(e, key) || json_is_null(v))
			continue;
		buf_printf(&sql, ", %s", key);
		buf_puts(&marks, ", ?");
		bind_value(binds, v);
	}
	buf_printf(&sql, ") VALUES (%s) RETURNING id", marks.data);
	int64_t id = 0;
	int ok = run_write(c, sql.data, binds, &id);
	ok = ok && write_links(c, e, req->who.org_id, id, values) == 0;
	buf_free(&sql);
	buf_free(&marks);
	json_decref(binds);
	if (!finish(req, e, "create", id, NULL, values, ok, errors, why))
		return 0;
	*why = ERR_OK;
	return id;
}

int crud_update(struct request *req, const struct entity *e, int64_t id, json_t *values,
		json_t *errors, enum err *why)
{
	*why = check_refs(req, e, values, errors);
	json_t *row = *why == ERR_OK ? crud_get(req, e, id, why) : NULL;
	if (!row)
		return 0;
	/* allowed on the row as it is and as it will be: a part moved to a task
	 * (or a row to a department) its editor does not keep is refused */
	json_t *will = json_copy(row);
	json_object_update(will, values);
	int allowed = crud_may(req, e, ACT_UPDATE, row) && crud_may(req, e, ACT_UPDATE, will);
	json_decref(will);
	struct db_conn *c = request_db(req);
	enum err hook = ERR_OK;
	if (!allowed)
		hook = ERR_FORBIDDEN;
	else if ((hook = crud_begin(c)) == ERR_OK)
		hook = before(req, e, id, row, values, errors);
	if (hook != ERR_OK) {
		json_decref(row);
		return refuse(c, hook, why);
	}
	struct buf sql = BUF_INIT;
	json_t *binds = json_array();
	char now[24];
	utc_now(0, now);
	buf_printf(&sql, "UPDATE %s SET updated_at = ?", e->table);
	json_array_append_new(binds, json_string(now));
	const char *key;
	json_t *v;
	json_object_foreach(values, key, v)
	{
		if (!is_column(e, key))
			continue;
		buf_printf(&sql, ", %s = ?", key);
		bind_value(binds, v);
	}
	buf_puts(&sql, " WHERE id = ? AND org_id = ?");
	json_array_append_new(binds, json_integer(id));
	json_array_append_new(binds, json_integer(req->who.org_id));
	int ok = run_write(c, sql.data, binds, NULL);
	ok = ok && write_links(c, e, req->who.org_id, id, values) == 0;
	buf_free(&sql);
	json_decref(binds);
	json_t *after = json_deep_copy(row);
	json_object_update(after, values);
	ok = finish(req, e, "update", id, row, after, ok, errors, why);
	json_decref(row);
	json_decref(after);
	if (ok)
		*why = ERR_OK;
	return ok;
}

int crud_archive(struct request *req, const struct entity *e, int64_t id, json_t *errors,
		 enum err *why)
{
	json_t *row = crud_get(req, e, id, why);
	if (!row)
		return 0;
	struct db_conn *c = request_db(req);
	enum err hook = ERR_OK;
	if (!crud_may(req, e, ACT_ARCHIVE, row))
		hook = ERR_FORBIDDEN;
	else if ((hook = crud_begin(c)) == ERR_OK)
		hook = before(req, e, id, row, NULL, errors);
	if (hook != ERR_OK) {
		json_decref(row);
		return refuse(c, hook, why);
	}
	char now[24], sql[128];
	utc_now(0, now);
	snprintf(sql, sizeof sql, "UPDATE %s SET archived_at = ? WHERE id = ? AND org_id = ?",
		 e->table);
	int ok = db_run(c, NULL, sql, "tii", now, id, req->who.org_id) == DB_OK;
	ok = finish(req, e, "archive", id, row, NULL, ok, errors, why);
	json_decref(row);
	if (ok)
		*why = ERR_OK;
	return ok;
}
