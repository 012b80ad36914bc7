/*
 * action.c: an entity's declared workflow steps (struct action in
 * entity.h): the form of one (GET), and running it (POST): read the row,
 * convert the inputs, permit, then run, audit and commit in one
 * transaction, and answer.  No action writes its own transaction, audit
 * entry or redirect.
 */
#include <string.h>

#include "auth/audit.h"
#include "crud/crud_int.h"
#include "db/db.h"

const struct action *entity_action(const struct entity *e, const char *name)
{
	for (size_t i = 0; name && i < e->n_actions; i++)
		if (!strcmp(e->actions[i].name, name))
			return &e->actions[i];
	return NULL;
}

/* The route's entity and, from the path's last segment, its action. */
static const struct action *action_of(struct request *req, const struct entity **e)
{
	*e = req->match.route->data;
	const char *slash = strrchr(req->path, '/');
	return entity_action(*e, slash ? slash + 1 : NULL);
}

/* The action's form: its inputs with what was typed and what is wrong. */
static json_t *action_form(struct request *req, const struct action_call *call)
{
	json_t *fields = json_array();
	for (size_t i = 0; i < call->a->n_inputs; i++) {
		const struct field *f = &call->a->inputs[i];
		if (field_is_family(f))
			continue; /* a family is its page's to show */
		const char *error = json_string_value(json_object_get(call->errors, f->name));
		/* a refused value was not converted: show it as it was typed */
		const char *typed = error ? params_get(&req->form, f->name) : NULL;
		json_t *v = typed ? json_string(typed)
				  : json_incref(json_object_get(call->input, f->name));
		json_array_append_new(fields, crud_form_field(req, f, v, error));
		json_decref(v);
	}
	const char *title = call->row ? row_text(call->row, call->e->title_field) : "";
	json_t *doc = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:s, s:o}", "entity", "name",
				call->e->name, "label", call->e->label, "action", "name",
				call->a->name, "label", call->a->label, "title", title, "path",
				req->path, "fields", fields);
	if (call->id)
		json_object_set_new(doc, "id", json_integer(call->id));
	return doc;
}

/* The row the action is on (none for a collection action); NULL with *why
 * when it is not there or not the reader's to see. */
static enum err read_row(struct action_call *call)
{
	if (call->a->collection)
		return ERR_OK;
	enum err why;
	call->id = request_param_id(call->req, "id");
	json_t *row = crud_get(call->req, call->e, call->id, &why);
	if (!row)
		return why;
	if (!crud_may(call->req, call->e, ACT_READ, row)) {
		json_decref(row);
		return ERR_FORBIDDEN;
	}
	call->row = row;
	return ERR_OK;
}

enum err crud_page_action_form(struct request *req, struct response *res)
{
	const struct entity *e;
	const struct action *a = action_of(req, &e);
	struct action_call call = {.req = req, .e = e, .a = a};
	enum err why = a ? read_row(&call) : ERR_NOT_FOUND;
	if (why == ERR_OK && a->permit)
		why = a->permit(&call);
	if (why == ERR_OK) {
		call.input = json_object();
		call.errors = json_object();
		res->doc = action_form(req, &call);
		json_decref(call.input);
		json_decref(call.errors);
	}
	res->detail = call.detail;
	json_decref((json_t *)call.row);
	return why;
}

/* Runs the action in one transaction with its audit entry. */
static enum err run_in_transaction(struct action_call *call)
{
	struct request *req = call->req;
	struct db_conn *c = request_db(req);
	enum err why = crud_begin(c); /* the route's ROUTE_DB gave the connection */
	if (why != ERR_OK)
		return why;
	why = call->a->run(call);
	if (why == ERR_OK && json_object_size(call->errors))
		why = ERR_INVALID;
	if (why == ERR_OK) {
		struct audit_actor who = request_actor(req);
		char rid[24];
		snprintf(rid, sizeof rid, "%lld", (long long)call->id);
		if (audit_append(c, &who, call->a->name, call->e->name, call->id ? rid : "",
				 call->audit ? call->audit : call->input) != 0 ||
		    db_commit(c) != DB_OK)
			why = ERR_DB_UNAVAILABLE;
	}
	if (why != ERR_OK)
		db_rollback(c);
	return why;
}

/* After the action: the browser goes back with the notice, the API gets
 * the row as it now is. */
static enum err answer(struct action_call *call, struct response *res)
{
	struct request *req = call->req;
	const char *done = call->a->done;
	if (!req->api) {
		const char *back = call->next && crud_local_path(call->next) ? call->next
				   : call->id ? arena_printf(&req->arena, "/%s/%lld", call->e->name,
							     (long long)call->id)
					      : arena_printf(&req->arena, "/%s", call->e->name);
		response_redirect(req, res,
				  arena_printf(&req->arena, "%s%snotice=%s", back,
					       strchr(back, '?') ? "&" : "?", call->a->name));
		return ERR_OK;
	}
	json_t *item = json_null();
	if (call->id) {
		enum err why;
		item = crud_get(req, call->e, call->id, &why);
		if (!item)
			return why;
	}
	res->doc = json_pack("{s:b, s:s, s:s, s:o}", "ok", 1, "action", call->a->name, "notice",
			     done ? done : "", "item", item);
	return ERR_OK;
}

void crud_action_notice(struct request *req, const struct entity *e, json_t *doc)
{
	const struct action *a = entity_action(e, params_get(&req->query, "notice"));
	if (a && a->done)
		json_object_set_new(doc, "notice", json_string(a->done));
}

/* A refused input: the API's error with every field's message, or the
 * form again (the module's page for a collection action) with them and
 * what was typed, status 422. */
static enum err refused(struct action_call *call, struct response *res)
{
	struct request *req = call->req;
	if (req->api) {
		res->doc = crud_invalid_json(call->errors);
		res->status = 422;
		return ERR_OK;
	}
	if (call->a->page) {
		enum err why = call->a->page(req, res);
		if (why != ERR_OK)
			return why;
		json_object_set(res->doc, "errors", call->errors);
		json_object_set(res->doc, "input", call->input);
		res->template = call->a->page_template;
	} else {
		res->doc = action_form(req, call);
		res->template = "crud/action";
	}
	/* the first message says what is wrong (a family's is shown nowhere else) */
	json_t *first = json_object_iter_value(json_object_iter(call->errors));
	json_object_set_new(
		res->doc, "error",
		json_sprintf("%s %s", err_info(ERR_INVALID)->message, json_string_value(first)));
	res->status = 422;
	return ERR_OK;
}

enum err crud_page_action(struct request *req, struct response *res)
{
	const struct entity *e;
	const struct action *a = action_of(req, &e);
	if (!a)
		return ERR_NOT_FOUND;
	struct action_call call = {.req = req, .e = e, .a = a, .errors = json_object()};
	enum err why = read_row(&call);
	if (why == ERR_OK) {
		call.input = crud_fields_input(req, a->inputs, a->n_inputs, 1, call.errors);
		if (a->permit)
			why = a->permit(&call);
	}
	if (why == ERR_OK && !json_object_size(call.errors))
		why = run_in_transaction(&call);
	else if (why == ERR_OK)
		why = ERR_INVALID;
	if (why == ERR_OK) {
		why = answer(&call, res);
	} else if (why == ERR_INVALID && json_object_size(call.errors)) {
		why = refused(&call, res);
	} else {
		res->detail = call.detail;
	}
	json_decref(call.input);
	json_decref(call.errors);
	json_decref(call.audit);
	json_decref((json_t *)call.row);
	return why;
}

enum err crud_mark_once(struct action_call *call, const char *table, const char *flag,
			const char *day, const char *already)
{
	char today[11], now[24], sql[300];
	utc_today(today);
	utc_now(0, now);
	const char *on = row_text(call->input, day);
	if (!*on)
		on = today;
	snprintf(sql, sizeof sql,
		 "UPDATE %s SET %s = 1, %s = ?, updated_at = ? WHERE id = ? AND org_id = ? AND "
		 "%s = 0",
		 table, flag, day, flag);
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed, sql, "ttii", on, now, call->id,
		   call->req->who.org_id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = already;
		return ERR_CONFLICT;
	}
	call->audit = json_pack("{s:[b,b], s:[n,s]}", flag, 0, 1, day, on);
	return ERR_OK;
}
