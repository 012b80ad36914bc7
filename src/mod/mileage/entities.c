/*
 * entities.c: the declarations of the mileage module and their rules: the
 * rule table (one active rule per event code and day), the ledger (a
 * manual award or a correction through the generic form; never edited),
 * the MVPs (written by the MVP page only) and the rewards.
 */
#include "mod/mileage/mileage.h"

#include <stdio.h>
#include <string.h>

#include "crud/module.h"
#include "auth/role.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"
#include "crud/declare.h" /* last: its one-letter names must not reach the headers above */

const struct choice mileage_kinds[] = {
	{"auto", "자동 (활동 실적)", "Automatic"},
	{"manual", "수동 부여", "Manual award"},
	{"correction", "정정", "Correction"},
	{NULL, NULL, NULL},
};

/* A field of the write as it will be: the new value, else the row's. */
static const json_t *will_be(const json_t *values, const json_t *row, const char *name)
{
	const json_t *v = json_object_get(values, name);
	return v ? v : json_object_get(row, name);
}

/* One active rule per event code and day: a rule whose period overlaps
 * another active rule of its code is refused. */
static enum err rule_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *code = json_string_value(will_be(values, row, "event_code")),
		   *from = json_string_value(will_be(values, row, "valid_from")),
		   *to = json_string_value(will_be(values, row, "valid_to"));
	const json_t *active = will_be(values, row, "active");
	if (from && to && strcmp(from, to) > 0) {
		json_object_set_new(errors, "valid_to",
				    json_string("끝나는 날이 시작하는 날보다 앞섭니다."));
		return ERR_INVALID;
	}
	if (json_is_false(active) || (json_is_integer(active) && !json_integer_value(active)))
		return ERR_OK;
	int rc;
	int64_t clash = db_int(
		request_db(req), &rc, 0,
		"SELECT id FROM mileage_rules WHERE org_id = ? AND event_code = ? AND active = 1 "
		"AND archived_at IS NULL AND id <> ? AND COALESCE(valid_from, '0000') <= "
		"COALESCE(?, '9999') AND COALESCE(valid_to, '9999') >= COALESCE(?, '0000') LIMIT "
		"1",
		"itit"
		"t",
		req->who.org_id, code ? code : "", id, to, from);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (clash) {
		char message[160];
		snprintf(message, sizeof message,
			 "같은 활동에 기간이 겹치는 사용 중인 기준(%lld번)이 있습니다. 그 기준의 "
			 "기간을 끝내거나 사용을 멈춘 뒤 등록해 주세요.",
			 (long long)clash);
		json_object_set_new(errors, "event_code", json_string(message));
		return ERR_INVALID;
	}
	return ERR_OK;
}

static const struct field rule_fields[] = {
	{"event_code", "활동", "Activity", F_CHOICE, L | F | O | X | R, 0, 0, module_events, NULL},
	{"name", "기준 이름", "Name", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"points", "점수", "Points", F_HALF, L | O | X | R, 1, 2000, NULL, NULL},
	{"monthly_cap", "월 한도 (1인)", "Monthly cap per person", F_HALF, L | X, 1, 20000, NULL,
	 NULL},
	{"valid_from", "적용 시작일", "Valid from", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"valid_to", "적용 종료일", "Valid to", F_DATE, L | X, 0, 0, NULL, NULL},
	{"active", "사용", "Active", F_BOOL, L | F | X, 0, 1, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, X, 0, 1000, NULL, NULL},
};

const struct entity mileage_rules = {
	.name = "mileage-rules",
	.table = "mileage_rules",
	.label = "마일리지 기준",
	.label_en = "Mileage rules",
	.title_field = "name",
	.default_sort = "event_code",
	.fields = rule_fields,
	.n_fields = sizeof rule_fields / sizeof rule_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = rule_before,
};

/* The entry a correction corrects, and how much of it is left to take
 * back (its points and its earlier corrections'). */
static enum err corrected(struct request *req, int64_t id, json_t *values, json_t *errors)
{
	struct db_conn *c = request_db(req);
	struct db_stmt *s = db_preparef(
		c,
		"SELECT staff_id, COALESCE(department_id, 0), earned_on, COALESCE(rule_id, 0), "
		"event_code, kind, points + COALESCE((SELECT SUM(points) FROM mileage_entries k "
		"WHERE k.corrects_id = e.id), 0) FROM mileage_entries e WHERE id = ? AND org_id "
		"= ?",
		"ii", id, req->who.org_id);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc != DB_ROW) {
		db_finalize(s);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		json_object_set_new(errors, "corrects_id", json_string("정정할 항목이 없습니다."));
		return ERR_INVALID;
	}
	int64_t left = db_column_int(s, 6), points = row_halves(values, "points");
	const char *problem = NULL;
	char message[160];
	if (!strcmp(db_column_text(s, 5), "correction"))
		problem = "정정 항목은 다시 정정할 수 없습니다. 원래 항목을 정정해 주세요.";
	else if (points >= 0)
		problem = "정정은 빼는 점수로 적어 주세요 (예: -1).";
	else if (-points > left) {
		char t[32];
		snprintf(message, sizeof message, "이 항목에서 뺄 수 있는 점수는 %s점까지입니다.",
			 halves_text(left, t));
		problem = message;
	}
	if (problem) {
		db_finalize(s);
		json_object_set_new(errors, strstr(problem, "정정 항목") ? "corrects_id" : "points",
				    json_string(problem));
		return ERR_INVALID;
	}
	json_object_set_new(values, "staff_id", json_integer(db_column_int(s, 0)));
	int64_t dept = db_column_int(s, 1), rule = db_column_int(s, 3);
	json_object_set_new(values, "department_id", dept ? json_integer(dept) : json_null());
	json_object_set_new(values, "earned_on", json_string(db_column_text(s, 2)));
	json_object_set_new(values, "rule_id", rule ? json_integer(rule) : json_null());
	const char *code = db_column_text(s, 4);
	json_object_set_new(values, "event_code", code ? json_string(code) : json_null());
	json_object_set_new(values, "kind", json_string("correction"));
	db_finalize(s);
	return ERR_OK;
}

/* A manual award or a correction: who awarded it and why, the person's
 * department, the day it counts for (a correction's: the corrected
 * entry's, so its period's balances are what is corrected). */
static enum err entry_before(struct request *req, const struct entity *e, int64_t id,
			     const json_t *row, json_t *values, json_t *errors)
{
	if (!values || id) /* never edited: the routes do not exist, the database refuses */
		return ERR_FORBIDDEN;
	const char *reason = json_string_value(json_object_get(values, "reason"));
	if (!reason || !*reason) {
		json_object_set_new(errors, "reason",
				    json_string("부여하거나 정정하는 까닭을 적어 주세요."));
		return ERR_INVALID;
	}
	json_object_set_new(values, "awarded_by", json_integer(req->who.user_id));
	json_object_set_new(values, "awarded_by_name", json_string(req->who.name));
	json_t *corrects = json_object_get(values, "corrects_id");
	if (json_is_integer(corrects))
		return corrected(req, json_integer_value(corrects), values, errors);
	if (row_halves(values, "points") <= 0) {
		json_object_set_new(errors, "points",
				    json_string("부여하는 점수는 0보다 커야 합니다. 점수를 빼려면 "
						"해당 항목에서 정정해 주세요."));
		return ERR_INVALID;
	}
	int rc;
	int64_t dept =
		db_int(request_db(req), &rc, -1,
		       "SELECT COALESCE(department_id, 0) FROM staff WHERE id = ? AND org_id "
		       "= ? AND archived_at IS NULL",
		       "ii", row_int(values, "staff_id"), req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (dept < 0) {
		json_object_set_new(errors, "staff_id",
				    json_string("재직 중인 직원을 골라 주세요."));
		return ERR_INVALID;
	}
	json_object_set_new(values, "department_id", dept ? json_integer(dept) : json_null());
	json_object_set_new(values, "kind", json_string("manual"));
	if (!json_is_string(json_object_get(values, "earned_on"))) {
		char today[11];
		utc_today(today);
		json_object_set_new(values, "earned_on", json_string(today));
	}
	return ERR_OK;
}

/* The entry into the balances, in the same transaction. */
static enum err entry_after(struct request *req, const struct entity *e, int64_t id,
			    const json_t *before, const json_t *after)
{
	if (!after)
		return ERR_FORBIDDEN;
	struct mileage_line line = {row_int(after, "staff_id"), row_int(after, "department_id"),
				    row_halves(after, "points"), ""};
	snprintf(line.on, sizeof line.on, "%s", row_text(after, "earned_on"));
	return mileage_book(request_db(req), req->who.org_id, &line, 1);
}

/* A manager reads the entries of their subtree; everyone reads their own
 * on their own page (pages.c). */
static int entry_permit(struct request *req, const struct entity *e, enum entity_action act,
			const json_t *row)
{
	if (act == ACT_READ)
		return req->who.role == ROLE_ADMIN ||
		       crud_dept_in_scope(req, row_int(row, "department_id"));
	return act == ACT_CREATE && req->who.role == ROLE_ADMIN;
}

/* An entry's page: what earned it (a link), its corrections, the form to
 * correct it. */
static enum err entry_show(struct request *req, const struct entity *e, const json_t *row,
			   json_t *doc)
{
	const char *entity = row_text(row, "source_entity");
	int64_t id = row_int(row, "id"), source = row_int(row, "source_id");
	const struct entity *from = *entity && source ? entity_find(entity) : NULL;
	if (from) {
		char href[128];
		snprintf(href, sizeof href, "/%s/%lld", entity, (long long)source);
		json_object_set_new(doc, "source",
				    json_pack("{s:s, s:s}", "label", from->label, "href", href));
	}
	static const char *const keys[] = {"#id", "earned_on", "points", "reason",
					   "awarded_by_name"};
	struct db_stmt *s = db_preparef(
		request_db(req),
		"SELECT id, earned_on, points, reason, awarded_by_name FROM mileage_entries WHERE "
		"corrects_id = ? AND org_id = ? ORDER BY id",
		"ii", id, req->who.org_id);
	json_t *list = query_rows(s, keys, 5);
	if (!list)
		return ERR_DB_UNAVAILABLE;
	size_t i;
	json_t *k;
	json_array_foreach(list, i, k)
	{
		char t[32];
		json_object_set_new(k, "points",
				    json_string(halves_text(atoll(row_text(k, "points")), t)));
	}
	json_object_set_new(doc, "corrections", list);
	json_object_set_new(doc, "may_correct",
			    json_boolean(req->who.role == ROLE_ADMIN &&
					 strcmp(row_text(row, "kind"), "correction")));
	return ERR_OK;
}

static const struct field entry_fields[] = {
	{"staff_id", "직원", "Staff", F_REF, L | F | X | R, 0, 0, NULL, "staff"},
	{"department_id", "부서", "Department", F_REF, L | F | X | RO, 0, 0, NULL, "departments"},
	{"points", "점수", "Points", F_HALF, L | O | X | R, -20000, 20000, NULL, NULL},
	{"earned_on", "적립일", "Earned on", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, L | F | X | RO, 0, 0, mileage_kinds, NULL},
	{"reason", "사유", "Reason", F_MEMO, L | S | X, 0, 500, NULL, NULL},
	{"event_code", "활동", "Activity", F_CHOICE, F | X | RO, 0, 0, module_events, NULL},
	{"rule_id", "기준", "Rule", F_REF, X | RO, 0, 0, NULL, "mileage-rules"},
	{"source_entity", "실적 종류", "Source", F_TEXT, X | RO, 0, 64, NULL, NULL},
	{"source_id", "실적 번호", "Source id", F_INT, X | RO, 0, 0, NULL, NULL},
	{"corrects_id", "정정할 항목 번호 (정정일 때만)", "Corrects entry", F_REF, F | X, 0, 0,
	 NULL, "mileage-entries"},
	{"awarded_by_name", "부여한 사람", "Awarded by", F_TEXT, X | RO, 0, 100, NULL, NULL},
};

const struct entity mileage_entries = {
	.name = "mileage-entries",
	.table = "mileage_entries",
	.label = "마일리지 원장",
	.label_en = "Mileage ledger",
	.title_field = "reason",
	.default_sort = "-id",
	.fields = entry_fields,
	.n_fields = sizeof entry_fields / sizeof entry_fields[0],
	.allow_read = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.allow_write = ALLOW_ADMIN,
	.scope_field = "department_id",
	.scoped_reads = 1,
	.before_write = entry_before,
	.after_write = entry_after,
	.permit = entry_permit,
	.append_only = 1,
	.show_template = "mileage/entry",
	.show = entry_show,
};

static const struct field mvp_fields[] = {
	{"period", "기간", "Period", F_TEXT, L | F | O | X, 4, 7, NULL, NULL},
	{"rank", "순위", "Rank", F_INT, L | O | X, 1, 100000, NULL, NULL},
	{"staff_id", "직원", "Staff", F_REF, L | F | X, 0, 0, NULL, "staff"},
	{"department_id", "부서", "Department", F_REF, L | F | X, 0, 0, NULL, "departments"},
	{"points", "점수", "Points", F_HALF, L | X, 0, 0, NULL, NULL},
	{"confirmed_at", "확정 일시", "Confirmed", F_TEXT, X, 0, 40, NULL, NULL},
};

const struct entity mileage_mvps = {
	.name = "mileage-mvps",
	.table = "mileage_mvps",
	.label = "혁신MVP",
	.label_en = "Innovation MVPs",
	.title_field = "period",
	.default_sort = "-period",
	.fields = mvp_fields,
	.n_fields = sizeof mvp_fields / sizeof mvp_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = 0, /* confirmed on the MVP page only */
	.append_only = 1,
};

/* A reward carries its person's department; paid without a day is paid
 * today. */
static enum err reward_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	json_t *staff = json_object_get(values, "staff_id");
	if (json_is_integer(staff)) {
		int rc;
		int64_t dept = db_int(request_db(req), &rc, -1,
				      "SELECT COALESCE(department_id, 0) FROM staff WHERE id = ? "
				      "AND org_id = ?",
				      "ii", json_integer_value(staff), req->who.org_id);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		json_object_set_new(values, "department_id",
				    dept > 0 ? json_integer(dept) : json_null());
	}
	if (json_is_true(will_be(values, row, "paid")) &&
	    !json_string_value(will_be(values, row, "paid_on"))) {
		char today[11];
		utc_today(today);
		json_object_set_new(values, "paid_on", json_string(today));
	}
	return ERR_OK;
}

static enum err pay_permit(struct action_call *call)
{
	if (!json_is_true(json_object_get(call->row, "paid")))
		return ERR_OK;
	call->detail = "이미 지급한 포상입니다.";
	return ERR_CONFLICT;
}

/* Paid on the day given, or today; a second payment changes nothing. */
static enum err pay_run(struct action_call *call)
{
	return crud_mark_once(call, "mileage_rewards", "paid", "paid_on",
			      "이미 지급한 포상입니다.");
}

static const struct field pay_inputs[] = {
	{"paid_on", "지급일 (비우면 오늘)", "Paid on (empty: today)", F_DATE, 0, 0, 0, NULL, NULL},
};

static const struct field mvps_inputs[] = {
	{"period", "기간", "Period", F_TEXT, FL_REQUIRED, 4, 7, NULL, NULL},
	{"title", "포상 이름", "Reward", F_TEXT, FL_REQUIRED, 1, 200, NULL, NULL},
	{"pick_*", "선정", "Picked", F_BOOL, 0, 0, 1, NULL, NULL},
	{"amount_*", "포상금 (원)", "Amount (won)", F_INT, 0, 0, 100000000, NULL, NULL},
};

static const struct action reward_actions[] = {
	{
		.name = "mvps",
		.label = "혁신MVP 확정과 포상 기록",
		.inputs = mvps_inputs,
		.n_inputs = sizeof mvps_inputs / sizeof mvps_inputs[0],
		.allow = ALLOW_ADMIN,
		.collection = 1,
		.run = mileage_mvps_run,
		.done = "혁신MVP를 확정하고 포상을 기록했습니다.",
		.page = mileage_page_mvps,
		.page_template = "mileage/mvps",
	},
	{
		.name = "pay",
		.label = "포상금 지급 기록",
		.inputs = pay_inputs,
		.n_inputs = sizeof pay_inputs / sizeof pay_inputs[0],
		.allow = ALLOW_ADMIN,
		.permit = pay_permit,
		.run = pay_run,
		.done = "지급을 기록했습니다.",
	},
};

static const struct field reward_fields[] = {
	{"staff_id", "직원", "Staff", F_REF, L | F | X | R, 0, 0, NULL, "staff"},
	{"department_id", "부서", "Department", F_REF, L | F | X | RO, 0, 0, NULL, "departments"},
	{"period", "기간", "Period", F_TEXT, L | F | O | X, 4, 7, NULL, NULL},
	{"title", "포상 내용", "Reward", F_TEXT, L | S | X | R, 1, 200, NULL, NULL},
	{"amount", "금액 (원)", "Amount (won)", F_INT, L | O | X | R, 0, 100000000, NULL, NULL},
	{"paid", "지급", "Paid", F_BOOL, L | F | X, 0, 1, NULL, NULL},
	{"paid_on", "지급일", "Paid on", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"mvp_id", "MVP 선정", "MVP selection", F_REF, X | RO, 0, 0, NULL, "mileage-mvps"},
	{"note", "비고", "Note", F_MEMO, X, 0, 1000, NULL, NULL},
};

const struct entity mileage_rewards = {
	.name = "mileage-rewards",
	.table = "mileage_rewards",
	.label = "마일리지 포상",
	.label_en = "Mileage rewards",
	.title_field = "title",
	.default_sort = "-id",
	.fields = reward_fields,
	.n_fields = sizeof reward_fields / sizeof reward_fields[0],
	.allow_read = ALLOW_ADMIN,
	.allow_write = ALLOW_ADMIN,
	.before_write = reward_before,
	.actions = reward_actions,
	.n_actions = sizeof reward_actions / sizeof reward_actions[0],
};
