/*
 * entities.c: the plans' entities (plans.h): plans, their goals and
 * sections, and their items, with the hooks that keep a plan one a year,
 * an item's cadence complete and its record kind one its source has.
 * Administrators write; all staff read.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "crud/declare.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/plans/plans_int.h"

const struct choice plans_goal_kinds[] = {
	{"theme", "추진 기조", "Theme"},
	{"goal", "목표", "Goal"},
	{"indicator", "성과지표", "Indicator"},
	{"direction", "중점 추진방향", "Direction"},
	{NULL, NULL, NULL},
};

const struct choice plans_cadences[] = {
	{"monthly", "매월", "Monthly"},
	{"quarterly", "분기별 1회", "Quarterly"},
	{"half", "반기별", "Every half year"},
	{"twice", "연 2회", "Twice a year"},
	{"at_least", "연 N회 이상", "At least N a year"},
	{"months", "특정 월", "In given months"},
	{"date", "기한일", "By a date"},
	{"none", "수시·연중", "As needed"},
	{NULL, NULL, NULL},
};

/* One plan a year: refuses a second live plan of the same year. */
static enum err plan_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	if (!values || !json_object_get(values, "year"))
		return ERR_OK;
	int rc;
	int64_t other = db_int(request_db(req), &rc, 0,
			       "SELECT COUNT(*) FROM plans WHERE org_id = ? AND year = ? AND "
			       "archived_at IS NULL AND id <> ?",
			       "iii", req->who.org_id,
			       (int64_t)json_integer_value(json_object_get(values, "year")), id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (other)
		crud_refuse(errors, "year", "이 연도의 업무계획이 이미 있습니다.");
	return ERR_OK;
}

/* The plan's page: its goals in order, its sections with their items. */
static enum err plan_show(struct request *req, const struct entity *e, const json_t *row,
			  json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = row_int(row, "id");
	static const char *const gkeys[] = {"#id", "kind", "text"};
	json_t *goals = query_rows(db_preparef(c,
					       "SELECT id, kind, text FROM plan_goals WHERE "
					       "plan_id = ? AND archived_at IS NULL ORDER BY "
					       "position, id",
					       "i", id),
				   gkeys, COUNT_OF(gkeys));
	static const char *const skeys[] = {"#id", "code", "title", "#items"};
	json_t *sections = query_rows(
		db_preparef(
			c,
			"SELECT s.id, s.code, s.title, (SELECT COUNT(*) FROM plan_items i WHERE "
			"i.section_id = s.id AND i.archived_at IS NULL) FROM plan_sections s "
			"WHERE s.plan_id = ? AND s.archived_at IS NULL ORDER BY s.position, "
			"s.id",
			"i", id),
		skeys, COUNT_OF(skeys));
	int rc;
	int64_t items = db_int(c, &rc, 0,
			       "SELECT COUNT(*) FROM plan_items WHERE plan_id = ? AND archived_at "
			       "IS NULL",
			       "i", id);
	if (!goals || !sections || rc == DB_ERR) {
		json_decref(goals), json_decref(sections);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(goals, "kind", plans_goal_kinds);
	json_object_set_new(doc, "section_count",
			    json_integer((json_int_t)json_array_size(sections)));
	json_object_set_new(doc, "item_count", json_integer(items));
	json_object_set_new(doc, "goals", goals);
	json_object_set_new(doc, "sections", sections);
	return ERR_OK;
}

static const struct field plan_fields[] = {
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"title", "계획명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"vision", "비전", "Vision", F_TEXT, L | S | X | R, 1, 200, NULL, NULL},
	{"summary", "기본 방향", "Statement", F_MEMO, S | X, 0, 4000, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity plans_plans = {
	.name = "plans",
	.table = "plans",
	.label = "업무추진계획",
	.label_en = "Work plans",
	.title_field = "title",
	.default_sort = "-year",
	.fields = plan_fields,
	.n_fields = COUNT_OF(plan_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = plan_before,
	.show_template = "plans/show",
	.show = plan_show,
};

static const struct field goal_fields[] = {
	{"plan_id", "업무계획", "Plan", F_REF, L | F | X | R, 0, 0, NULL, "plans"},
	{"kind", "구분", "Kind", F_CHOICE, L | F | X | R, 0, 0, plans_goal_kinds, NULL},
	{"position", "순서", "Order", F_INT, L | O | X, 1, 100, NULL, NULL},
	{"text", "내용", "Text", F_TEXT, L | S | O | X | R, 1, 500, NULL, NULL},
};

const struct entity plans_goals = {
	.name = "plan-goals",
	.table = "plan_goals",
	.label = "비전·목표·추진방향",
	.label_en = "Plan goals and directions",
	.title_field = "text",
	.default_sort = "position",
	.fields = goal_fields,
	.n_fields = COUNT_OF(goal_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

static const struct field section_fields[] = {
	{"plan_id", "업무계획", "Plan", F_REF, L | F | X | R, 0, 0, NULL, "plans"},
	{"code", "번호", "Number", F_TEXT, L | S | X | R, 1, 20, NULL, NULL},
	{"position", "순서", "Order", F_INT, L | O | X, 1, 1000, NULL, NULL},
	{"title", "단위사업", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"purpose", "목적", "Purpose", F_MEMO, S | X, 0, 4000, NULL, NULL},
	{"directions", "추진방향", "Directions", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity plans_sections = {
	.name = "plan-sections",
	.table = "plan_sections",
	.label = "주요업무계획 단위사업",
	.label_en = "Plan sections",
	.title_field = "title",
	.default_sort = "position",
	.fields = section_fields,
	.n_fields = COUNT_OF(section_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

/* The integer of name in the write or the row, 0 when empty. */
static int64_t int_of(const json_t *values, const json_t *row, const char *name)
{
	return json_integer_value(crud_value_of(values, row, name));
}

static const char *text_of(const json_t *values, const json_t *row, const char *name)
{
	const char *s = json_string_value(crud_value_of(values, row, name));
	return s && *s ? s : NULL;
}

/* What the cadence needs: N for at_least, the months for months, a day of
 * the plan's year for date. */
static enum err cadence_check(struct request *req, const json_t *values, const json_t *row,
			      json_t *errors)
{
	const char *cadence = text_of(values, row, "cadence");
	int64_t from = int_of(values, row, "month_from"), to = int_of(values, row, "month_to");
	if (cadence && !strcmp(cadence, "at_least") && !int_of(values, row, "times"))
		crud_refuse(errors, "times", "연 N회 이상 주기에는 횟수를 적으십시오.");
	if (cadence && !strcmp(cadence, "months") && !from)
		crud_refuse(errors, "month_from", "특정 월 주기에는 시작 월을 적으십시오.");
	if (from && to && to < from)
		crud_refuse(errors, "month_to", "끝 월이 시작 월보다 앞섭니다.");
	if (!cadence || strcmp(cadence, "date"))
		return ERR_OK;
	const char *due = text_of(values, row, "due_on");
	if (!due)
		return crud_refuse(errors, "due_on", "기한일 주기에는 기한일을 적으십시오.");
	int rc;
	int64_t year = db_int(request_db(req), &rc, 0,
			      "SELECT year FROM plans WHERE id = ? AND org_id = ?", "ii",
			      int_of(values, row, "plan_id"), req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	char y[8];
	snprintf(y, sizeof y, "%04lld", (long long)year);
	if (year && strncmp(due, y, 4))
		crud_refuse(errors, "due_on", "기한일이 계획 연도 안에 있지 않습니다.");
	return ERR_OK;
}

/* The record kind is one of the source's kinds, or empty. */
static void kind_check(const json_t *values, const json_t *row, json_t *errors)
{
	const char *source = text_of(values, row, "source"),
		   *kind = text_of(values, row, "source_kind");
	if (!kind)
		return;
	const struct choice *kinds = plans_source_kinds(source);
	if (!kinds) {
		crud_refuse(errors, "source_kind", "이 이행 기록에는 종류를 고를 수 없습니다.");
		return;
	}
	for (const struct choice *k = kinds; k->value; k++)
		if (!strcmp(k->value, kind))
			return;
	crud_refuse(errors, "source_kind", "이행 기록의 종류가 그 기록에 없는 종류입니다.");
}

/* The section is one of the item's plan. */
static enum err section_check(struct request *req, const json_t *values, const json_t *row,
			      json_t *errors)
{
	int64_t section = int_of(values, row, "section_id");
	if (!section)
		return ERR_OK;
	int rc;
	int64_t plan = db_int(request_db(req), &rc, 0,
			      "SELECT plan_id FROM plan_sections WHERE id = ? AND org_id = ?", "ii",
			      section, req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (plan != int_of(values, row, "plan_id"))
		crud_refuse(errors, "section_id", "단위사업이 이 업무계획의 것이 아닙니다.");
	return ERR_OK;
}

static enum err item_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	kind_check(values, row, errors);
	enum err why = cadence_check(req, values, row, errors);
	return why ? why : section_check(req, values, row, errors);
}

static const struct field item_fields[] = {
	{"plan_id", "업무계획", "Plan", F_REF, L | F | X | R, 0, 0, NULL, "plans"},
	{"section_id", "단위사업", "Section", F_REF, L | F | X, 0, 0, NULL, "plan-sections"},
	{"position", "순서", "Order", F_INT, L | O | X, 1, 1000, NULL, NULL},
	{"text", "세부 추진계획", "Item", F_TEXT, L | S | O | X | R, 1, 300, NULL, NULL},
	{"department_id", "총괄부서", "Responsible department", F_REF, L | F | X, 0, 0, NULL,
	 "departments"},
	{"cadence", "추진 주기", "Cadence", F_CHOICE, L | F | X | R, 0, 0, plans_cadences, NULL},
	{"times", "연간 횟수", "Times a year", F_INT, X, 1, 366, NULL, NULL},
	{"month_from", "시작 월", "From month", F_INT, X, 1, 12, NULL, NULL},
	{"month_to", "끝 월", "To month", F_INT, X, 1, 12, NULL, NULL},
	{"due_on", "기한일", "Due on", F_DATE, X, 0, 0, NULL, NULL},
	{"source", "이행 기록", "Fulfilled by", F_CHOICE, L | F | X | R, 0, 0, plans_sources, NULL},
	{"source_kind", "이행 기록의 종류", "Record kind", F_TEXT, X, 0, 40, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity plans_items = {
	.name = "plan-items",
	.table = "plan_items",
	.label = "세부 추진계획",
	.label_en = "Plan items",
	.title_field = "text",
	.default_sort = "position",
	.fields = item_fields,
	.n_fields = COUNT_OF(item_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = item_before,
};
