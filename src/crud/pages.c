/*
 * pages.c: the generic handlers.  Each builds one document; the same
 * document is the HTML page (templates/crud/) and the API answer.  Forms
 * that fail validation come back with status 422, the typed values kept and
 * a Korean message under each field; the API gets the same as
 * {"error": {"code": "invalid_input", "fields": {...}}}.
 */
#include <stdlib.h>
#include <string.h>

#include "crud/crud_int.h"
#include "sheet/sheet.h"

static const struct entity *entity_of(struct request *req)
{
	return req->match.route->data;
}

/* The declaration, as templates and API clients need it: the list's
 * columns, and for forms (with_fields) every input with its value and error. */
static json_t *describe(const struct entity *e, int with_fields, const json_t *values,
			const json_t *errors)
{
	json_t *fields = json_array(), *columns = json_array();
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (f->flags & FL_LIST)
			json_array_append_new(columns, json_pack("{s:s, s:s}", "name", f->name,
								 "label", f->label));
		if (!with_fields || (f->flags & (FL_READONLY | FL_SECRET)))
			continue;
		json_t *v = json_object_get(values, f->name), *choices = json_array();
		char shown[32] = "";
		if (json_is_integer(v))
			snprintf(shown, sizeof shown, "%lld", (long long)json_integer_value(v));
		const char *text = json_is_string(v) ? json_string_value(v) : shown;
		for (const struct choice *c = f->choices; c && c->value; c++)
			json_array_append_new(
				choices, json_pack("{s:s, s:s, s:b}", "value", c->value, "label",
						   c->label, "selected", !strcmp(c->value, text)));
		json_array_append_new(
			fields,
			json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:o, s:s, s:s?}", "name",
				  f->name, "label", f->label, "value", text, "required",
				  !!(f->flags & FL_REQUIRED), "choice", f->type == F_CHOICE, "bool",
				  f->type == F_BOOL, "checked", json_is_true(v), "choices", choices,
				  "input",
				  f->type == F_EMAIL			 ? "email"
				  : f->type == F_PHONE			 ? "tel"
				  : f->type == F_INT || f->type == F_REF ? "number"
									 : "text",
				  "error", json_string_value(json_object_get(errors, f->name))));
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "name", e->name, "label", e->label,
			 "label_en", e->label_en, "columns", columns, "fields", fields);
}

static int64_t query_int(struct request *req, const char *name, int64_t def, int64_t max)
{
	const char *v = params_get(&req->query, name);
	long long n = v ? strtoll(v, NULL, 10) : def;
	return n < 1 ? def : n > max ? max : n;
}

static enum err export_list(struct request *req, struct response *res, const struct entity *e,
			    enum sheet_kind kind);

enum err crud_page_list(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	const char *q = params_get(&req->query, "q");
	struct crud_query cq = {q ? q : "", params_get(&req->query, "sort"),
				query_int(req, "page", 1, 1000000000),
				query_int(req, "per_page", CRUD_PER_PAGE, CRUD_MAX_PER_PAGE)};
	if (strlen(cq.q) > 100)
		return ERR_INVALID;
	enum err why;
	json_t *doc = crud_list(req, e, &cq, &why);
	if (!doc)
		return why;
	int64_t total = json_integer_value(json_object_get(doc, "total"));
	int64_t pages = (total + cq.per_page - 1) / cq.per_page;
	json_object_set_new(doc, "entity", describe(e, 0, NULL, NULL));
	json_object_set_new(doc, "q", json_string(cq.q));
	json_object_set_new(doc, "pages", json_integer(pages ? pages : 1));
	if (cq.page > 1)
		json_object_set_new(doc, "prev", json_integer(cq.page - 1));
	if (cq.page < pages)
		json_object_set_new(doc, "next", json_integer(cq.page + 1));
	json_object_set_new(doc, "may_write",
			    json_boolean(e->allow_write & ROLE_BIT(req->who.role)));
	res->doc = doc;
	return ERR_OK;
}

enum err crud_page_export(struct request *req, struct response *res)
{
	const char *kind = req->match.route->pattern;
	return export_list(req, res, entity_of(req),
			   strstr(kind, ".xlsx") ? SHEET_XLSX : SHEET_CSV);
}

static enum err export_list(struct request *req, struct response *res, const struct entity *e,
			    enum sheet_kind kind)
{
	const char *q = params_get(&req->query, "q");
	struct crud_query cq = {q ? q : "", params_get(&req->query, "sort"), 1, 0};
	enum err why;
	json_t *doc = crud_list(req, e, &cq, &why);
	if (!doc)
		return why;
	struct sheet_writer *w = sheet_writer_new(kind, e->label);
	const char *cells[64];
	size_t n = 0;
	for (size_t i = 0; i < e->n_fields && n < 64; i++)
		if (e->fields[i].flags & FL_EXPORT)
			cells[n++] = e->fields[i].label;
	sheet_writer_row(w, n, cells);
	size_t r;
	json_t *row;
	json_array_foreach(json_object_get(doc, "items"), r, row)
	{
		char nums[64][24];
		n = 0;
		for (size_t i = 0; i < e->n_fields && n < 64; i++) {
			const struct field *f = &e->fields[i];
			if (!(f->flags & FL_EXPORT))
				continue;
			char key[80];
			snprintf(key, sizeof key, "%s_title", f->name);
			json_t *v = json_object_get(row, f->type == F_REF ? key : f->name);
			if (json_is_integer(v))
				snprintf(nums[n], sizeof nums[n], "%lld",
					 (long long)json_integer_value(v));
			cells[n] = json_is_string(v)	? json_string_value(v)
				   : json_is_integer(v) ? nums[n]
				   : json_is_boolean(v) ? (json_is_true(v) ? "예" : "아니오")
							: "";
			if (f->type == F_CHOICE)
				cells[n] = field_choice_label(f, cells[n]);
			n++;
		}
		sheet_writer_row(w, n, cells);
	}
	json_decref(doc);
	if (sheet_writer_finish(w, &res->body, &res->body_len) != SHEET_OK)
		return ERR_INTERNAL;
	res->content_type = kind == SHEET_XLSX ? "application/vnd.openxmlformats-officedocument."
						 "spreadsheetml.sheet"
					       : "text/csv; charset=utf-8";
	response_header(res, "Content-Disposition",
			arena_printf(&req->arena, "attachment; filename=\"%s.%s\"", e->name,
				     kind == SHEET_XLSX ? "xlsx" : "csv"));
	return ERR_OK;
}

enum err crud_page_show(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	enum err why;
	json_t *row = crud_get(req, e, request_param_id(req, "id"), &why);
	if (!row)
		return why;
	if (req->api) { /* the API reads the row itself */
		res->doc = row;
		return ERR_OK;
	}
	json_t *fields = json_array();
	size_t r = 0;
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (!(f->flags & FL_LIST))
			continue;
		json_t *cell = json_array_get(json_object_get(row, "cells"), r++);
		json_array_append_new(fields, json_pack("{s:s, s:O}", "label", f->label, "text",
							json_object_get(cell, "text")));
	}
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_t *v = json_object_get(row, f->name);
		if ((f->flags & (FL_LIST | FL_SECRET)) || !json_is_string(v))
			continue;
		json_array_append_new(fields,
				      json_pack("{s:s, s:O}", "label", f->label, "text", v));
	}
	res->doc = json_pack("{s:o, s:o, s:o, s:b}", "item", row, "entity",
			     describe(e, 0, NULL, NULL), "shown", fields, "may_write",
			     (e->allow_write & ROLE_BIT(req->who.role)) &&
				     crud_may_write(req, e, row));
	return ERR_OK;
}

enum err crud_page_new(struct request *req, struct response *res)
{
	json_t *defaults = json_pack("{s:b}", "active", 1);
	res->doc = json_pack("{s:o, s:b}", "entity", describe(entity_of(req), 1, defaults, NULL),
			     "creating", 1);
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
	if (!crud_may_write(req, e, row)) {
		json_decref(row);
		return ERR_FORBIDDEN;
	}
	res->doc = json_pack("{s:o, s:I, s:b}", "entity", describe(e, 1, row, NULL), "id",
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
		res->doc = json_pack("{s:{s:s, s:s, s:O}}", "error", "code", info->code, "message",
				     info->message, "fields", errors);
	else
		res->doc =
			json_pack("{s:o, s:I, s:b, s:s}", "entity", describe(e, 1, values, errors),
				  "id", (json_int_t)id, "creating", !id, "error", info->message);
	json_decref(values);
	json_decref(errors);
	return ERR_OK;
}

/* Where a write leaves the client: the row's page, or the row itself in JSON. */
static enum err written(struct request *req, struct response *res, const struct entity *e,
			int64_t id, int status)
{
	if (!req->api) {
		response_redirect(req, res,
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

enum err crud_page_create(struct request *req, struct response *res)
{
	const struct entity *e = entity_of(req);
	json_t *errors = json_object(), *values = crud_input(req, e, 0, errors);
	enum err why = ERR_OK;
	if (!json_object_size(errors) && req->who.role == ROLE_MANAGER &&
	    !crud_may_write(req, e, values))
		json_object_set_new(errors, e->scope_field ? e->scope_field : "id",
				    json_string("담당 부서 밖의 항목은 만들 수 없습니다."));
	int64_t id = json_object_size(errors) ? 0 : crud_insert(req, e, values, errors, &why);
	if (json_object_size(errors))
		return invalid(req, res, e, 0, values, errors);
	json_decref(values);
	json_decref(errors);
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
