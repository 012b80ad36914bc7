/*
 * print.c: the management card (관리카드) as people read and print it: its
 * fields in the declaration's order and with its labels (never typed
 * twice), then its history, the audit trail's entries of the card.  The
 * show page shows one card; /devolved-affairs/print prints one card, or
 * every card of a department, one A4 page each (the site stylesheet's
 * print rules).  Two queries whatever the number of cards.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/devolved/devolved.h"

/* The card's columns, in the order of the declaration's fields: a
 * reference reads as its title. */
#define CARD_COLUMNS                                                                               \
	"a.id, a.affair_no, a.name, COALESCE(a.law, ''), COALESCE(a.article, ''), "                \
	"a.decided_by, COALESCE(a.decided_on, ''), COALESCE(a.ministry, ''), "                     \
	"COALESCE(d.name, ''), COALESCE(s.name, ''), a.status, a.ordinances_needed, "              \
	"a.ordinances_done, COALESCE(a.ordinance_numbers, ''), a.rules_needed, a.rules_done, "     \
	"COALESCE(a.rule_numbers, ''), a.manual_written, a.handover_done, "                        \
	"COALESCE(a.delegation, ''), a.staff_transferred, a.budget_transferred, "                  \
	"COALESCE(a.note, '')"
#define CARD_FROM                                                                                  \
	" FROM devolved_affairs a LEFT JOIN departments d ON d.id = a.department_id LEFT JOIN "    \
	"staff s ON s.id = a.officer_id WHERE a.org_id = ? AND a.archived_at IS NULL"

static const char *const card_keys[] = {"#id",
					"affair_no",
					"name",
					"law",
					"article",
					"decided_by",
					"decided_on",
					"ministry",
					"department_id",
					"officer_id",
					"status",
					"#ordinances_needed",
					"#ordinances_done",
					"ordinance_numbers",
					"#rules_needed",
					"#rules_done",
					"rule_numbers",
					"#manual_written",
					"#handover_done",
					"delegation",
					"#staff_transferred",
					"#budget_transferred",
					"note"};

/* One field's value on the card, as text. */
static json_t *field_text(const struct field *f, json_t *v)
{
	char buf[32];
	if (f->type == F_BOOL)
		return json_string(json_integer_value(v) ? "예" : "아니오");
	if (f->type == F_INT) {
		int_grouped(json_integer_value(v), buf);
		return json_string(buf);
	}
	const char *s = json_string_value(v);
	if (f->type == F_CHOICE)
		return json_string(field_choice_label(f, s));
	return json_string(s && *s ? s : "-");
}

/* A card's row as the template shows it: {id, affair_no, name, status,
 * fields: [{label, text}], history: []}. */
static void card_fields(json_t *row)
{
	const struct entity *e = &devolved_affairs;
	json_t *fields = json_array();
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		json_array_append_new(fields,
				      json_pack("{s:s, s:o, s:b}", "label", f->label, "text",
						field_text(f, json_object_get(row, f->name)),
						"memo", f->type == F_MEMO));
	}
	json_object_set_new(row, "status_label",
			    json_string(field_choice_label(entity_field(e, "status"),
							   row_text(row, "status"))));
	json_object_set_new(row, "fields", fields);
	json_object_set_new(row, "history", json_array());
}

/* A value of an audit entry's diff, as text. */
static const char *diff_text(const struct field *f, json_t *v, char buf[64])
{
	if (json_is_null(v) || !v)
		return "(없음)";
	if (json_is_boolean(v))
		return json_is_true(v) ? "예" : "아니오";
	if (json_is_integer(v)) {
		if (f && (f->type == F_REF))
			snprintf(buf, 64, "#%lld", (long long)json_integer_value(v));
		else
			int_grouped(json_integer_value(v), buf);
		return buf;
	}
	const char *s = json_string_value(v);
	if (f && f->type == F_CHOICE && s)
		return field_choice_label(f, s);
	return s ? s : "";
}

static const struct choice history_actions[] = {
	{"create", "등록", "Created"},	    {"update", "수정", "Updated"},
	{"archive", "보관", "Archived"},    {"attach", "파일 첨부", "File attached"},
	{"demo_load", "데모 자료", "Demo"}, {NULL, NULL, NULL},
};

/* One audit entry as the card's history shows it: when, who, what; an
 * update with each field changed, from and to. */
static json_t *history_entry(const char *at, const char *actor, const char *action,
			     const char *diff_json)
{
	char kst[20];
	kst_text(at, kst);
	const char *label = action;
	for (const struct choice *c = history_actions; c->value; c++)
		if (!strcmp(c->value, action))
			label = c->label;
	json_t *entry = json_pack("{s:s, s:s, s:s}", "at", kst, "actor", actor, "action", label);
	json_t *changes = json_array();
	json_t *diff = strcmp(action, "update") ? NULL : json_loads(diff_json, 0, NULL);
	const char *name;
	json_t *pair;
	json_object_foreach(diff, name, pair)
	{
		const struct field *f = entity_field(&devolved_affairs, name);
		char a[64], b[64];
		if (f && json_array_size(pair) == 2)
			json_array_append_new(
				changes, json_pack("{s:s, s:s, s:s}", "label", f->label, "from",
						   diff_text(f, json_array_get(pair, 0), a), "to",
						   diff_text(f, json_array_get(pair, 1), b)));
	}
	json_decref(diff);
	json_object_set_new(entry, "changes", changes);
	return entry;
}

/* Puts each card's history (the audit entries of cards, oldest first)
 * under it; sql's binds: the organisation twice and what follows (the
 * department or the card).  0, or -1 on a database error. */
static int add_history(struct db_conn *c, json_t *cards, struct db_stmt *s)
{
	json_t *by_id = json_object(), *card;
	size_t i;
	json_array_foreach(cards, i, card)
	{
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)row_int(card, "id"));
		json_object_set(by_id, key, json_object_get(card, "history"));
	}
	int rc = s ? DB_ROW : DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		json_t *history = json_object_get(by_id, db_column_text(s, 0));
		if (history)
			json_array_append_new(
				history, history_entry(db_column_text(s, 1), db_column_text(s, 2),
						       db_column_text(s, 3), db_column_text(s, 4)));
	}
	db_finalize(s);
	json_decref(by_id);
	return rc == DB_OK ? 0 : -1;
}

#define HISTORY_SQL(which)                                                                         \
	"SELECT /* bounded: the changes of " which ", a few a card */ record_id, at, actor, "      \
	"action, diff FROM audit_log WHERE entity = 'devolved-affairs' AND org_id = ? AND "        \
	"record_id IN (SELECT CAST(a.id AS TEXT) FROM devolved_affairs a WHERE a.org_id = ? AND "  \
	"a.archived_at IS NULL AND "

/* The cards of one department (affair 0) or the one card affair, by
 * affair number, with their histories; NULL on a database error. */
static json_t *cards_of(struct db_conn *c, int64_t org, int64_t department, int64_t affair)
{
	json_t *cards =
		affair ? query_rows(db_preparef(c, "SELECT " CARD_COLUMNS CARD_FROM " AND a.id = ?",
						"ii", org, affair),
				    card_keys, COUNT_OF(card_keys))
		       : query_rows(
				 db_preparef(c,
					     "SELECT " CARD_COLUMNS CARD_FROM
					     " AND a.department_id = ? ORDER BY a.affair_no, a.id",
					     "ii", org, department),
				 card_keys, COUNT_OF(card_keys));
	if (!cards)
		return NULL;
	json_t *card;
	size_t i;
	json_array_foreach(cards, i, card) card_fields(card);
	struct db_stmt *h =
		affair ? db_preparef(c, HISTORY_SQL("one card") "a.id = ?) ORDER BY id", "iii", org,
				     org, affair)
		       : db_preparef(c,
				     HISTORY_SQL("a department's cards") "a.department_id = ?) "
									 "ORDER BY id",
				     "iii", org, org, department);
	if (add_history(c, cards, h) != 0) {
		json_decref(cards);
		return NULL;
	}
	return cards;
}

enum err devolved_affair_show(struct request *req, const struct entity *e, const json_t *row,
			      json_t *doc)
{
	(void)e;
	json_t *cards = cards_of(request_db(req), req->who.org_id, 0, row_int(row, "id"));
	if (!cards)
		return ERR_DB_UNAVAILABLE;
	json_object_set(doc, "card", json_array_get(cards, 0));
	json_decref(cards);
	return ERR_OK;
}

enum err devolved_page_print(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, department = request_query_int(req, "department", 0),
		affair = request_query_int(req, "affair", 0);
	json_t *options = devolved_department_options(c, org, department);
	json_t *cards = affair || department ? cards_of(c, org, department, affair) : json_array();
	if (!options || !cards) {
		json_decref(options);
		json_decref(cards);
		return ERR_DB_UNAVAILABLE;
	}
	const char *name = department ? devolved_option_name(options, department) : "";
	if ((affair && !json_array_size(cards)) || !name) {
		json_decref(options);
		json_decref(cards);
		return ERR_NOT_FOUND;
	}
	json_t *doc = json_object();
	json_object_set_new(doc, "department", json_string(name));
	json_object_set_new(doc, "count", json_integer((json_int_t)json_array_size(cards)));
	json_object_set_new(doc, "asked", json_boolean(affair || department));
	json_object_set_new(doc, "cards", cards);
	json_object_set_new(doc, "department_options", options);
	res->doc = doc;
	return ERR_OK;
}
