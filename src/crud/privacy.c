/*
 * privacy.c: the personal-data access log (개인정보보호법's 접속기록; see
 * crud_privacy() in entity.h).  Its entries are audit entries, so they are
 * hash-chained with every other and `innoland audit verify` checks them;
 * migration 0013 makes the database refuse to change or delete them, and
 * /admin/privacy-log (auth/admin.c) lists them.
 */
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "crud/crud_int.h"
#include "db/db.h"

int crud_has_personal(const struct entity *e, unsigned flags)
{
	for (size_t i = 0; i < e->n_fields; i++)
		if ((e->fields[i].flags & FL_PERSONAL) && (!flags || (e->fields[i].flags & flags)))
			return 1;
	return 0;
}

/* The names of e's personal fields. */
static json_t *personal_names(const struct entity *e)
{
	json_t *names = json_array();
	for (size_t i = 0; i < e->n_fields; i++)
		if (e->fields[i].flags & FL_PERSONAL)
			json_array_append_new(names, json_string(e->fields[i].name));
	return names;
}

enum err crud_privacy(struct request *req, const struct entity *e, const char *kind,
		      const char *record_id, json_t *detail)
{
	if (!detail)
		detail = json_object();
	if (!json_object_get(detail, "fields"))
		json_object_set_new(detail, "fields", personal_names(e));
	struct db_conn *c = request_db(req);
	struct audit_actor who = request_actor(req);
	char action[48];
	snprintf(action, sizeof action, "privacy.%s", kind);
	int ok = c && db_begin(c) == DB_OK &&
		 audit_commit(c, &who, action, e->name, record_id, detail) == 0;
	json_decref(detail);
	return ok ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The personal fields of e that row holds a value of. */
static json_t *personal_held(const struct entity *e, const json_t *row)
{
	json_t *names = json_array();
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_t *v = json_object_get(row, f->name);
		if ((f->flags & FL_PERSONAL) && v && !json_is_null(v) &&
		    !(json_is_string(v) && !json_string_length(v)))
			json_array_append_new(names, json_string(f->name));
	}
	return names;
}

enum err crud_privacy_row(struct request *req, const struct entity *e, const json_t *row)
{
	json_t *held = personal_held(e, row);
	if (!json_array_size(held)) {
		json_decref(held);
		return ERR_OK;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)row_int(row, "id"));
	return crud_privacy(req, e, "view", id, json_pack("{s:o}", "fields", held));
}

enum err crud_privacy_list(struct request *req, const struct entity *e, const json_t *items)
{
	if (!json_array_size(items) || !crud_has_personal(e, req->api ? 0 : FL_LIST))
		return ERR_OK;
	json_t *ids = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row)
		json_array_append_new(ids, json_integer(row_int(row, "id")));
	return crud_privacy(req, e, "view", NULL,
			    json_pack("{s:s, s:I, s:o}", "query",
				      request_link_query(req, NULL, NULL, NULL), "rows",
				      (json_int_t)json_array_size(items), "ids", ids));
}

/* ---- /admin/privacy-log ---- */

static const struct choice privacy_kinds[] = {
	{"privacy.view", "열람", "Viewed"},
	{"privacy.export", "내려받기", "Exported"},
	{"privacy.preview", "가져오기 미리보기", "Import preview"},
	{NULL, NULL, NULL},
};

/* What an entry says was shown, in one line people read. */
static const char *entry_what(struct request *req, const json_t *item)
{
	const json_t *d = json_object_get(item, "diff");
	struct buf b = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(d, "fields"), i, x)
	{
		const struct entity *e = entity_find(row_text(item, "entity"));
		const struct field *f = e ? entity_field(e, json_string_value(x)) : NULL;
		buf_printf(&b, "%s%s", i ? ", " : "", f ? f->label : json_string_value(x));
	}
	if (json_object_get(d, "rows"))
		buf_printf(&b, " · %lld건", (long long)row_int(d, "rows"));
	if (*row_text(d, "query"))
		buf_printf(&b, " · 조건 %s", row_text(d, "query"));
	if (*row_text(d, "file"))
		buf_printf(&b, " · 파일 %s", row_text(d, "file"));
	const char *out = arena_strdup(&req->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

enum err crud_page_privacy_log(struct request *req, struct response *res)
{
	const char *actor = request_query(req, "actor"), *from = request_query(req, "from");
	const char *to = request_query(req, "to");
	int64_t page = request_query_int(req, "page", 1);
	struct audit_filter f = {
		.org_id = req->who.org_id,
		.actor = actor ? actor : "",
		.from = from ? from : "",
		.to = to ? to : "",
		.page = page,
		.per_page = 25,
		.action_prefix = "privacy.",
	};
	json_t *doc = audit_query(request_db(req), &f);
	if (!doc)
		return ERR_DB_UNAVAILABLE;
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(doc, "items"), i, item)
	{
		const struct entity *e = entity_find(row_text(item, "entity"));
		json_object_set_new(
			item, "kind_label",
			json_string(choice_label(privacy_kinds, row_text(item, "action"))));
		json_object_set_new(item, "entity_label",
				    json_string(e ? e->label : row_text(item, "entity")));
		json_object_set_new(item, "what", json_string(entry_what(req, item)));
	}
	int64_t total = row_int(doc, "total");
	request_pager(req, doc, row_int(doc, "page"), row_int(doc, "page") * 25 < total);
	json_object_set_new(doc, "filter",
			    json_pack("{s:s, s:s, s:s}", "actor", actor ? actor : "", "from",
				      from ? from : "", "to", to ? to : ""));
	res->doc = doc;
	return ERR_OK;
}
