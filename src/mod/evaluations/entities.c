/*
 * entities.c: the evaluations' entities (evaluations.h): rounds, their
 * areas, indicators and targets, the evaluators' scores, and the steps of
 * a round (close, recompute, reopen, publish) and of a target (assign an
 * evaluator, score).  Scores are written only by the target's score step,
 * while the round is open, and never edited (append-only).  A closed
 * round's definitions may still be edited for its next recompute: each
 * version keeps the indicators it counted (evaluation_result_indicators),
 * so no edit moves a result already written.
 *
 * Reading: rounds, areas, indicators and targets are every staff role's
 * (who is evaluated, on what); the scores are the administrators' rows,
 * and an evaluator sees their own sheets on the target's page; results are
 * the result pages' (pages.c).
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/arena.h"
#include "crud/declare.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/evaluations/evaluations.h"

const struct choice evaluations_subjects[] = {
	{"departments", "구청·보건소 부서", "Departments of the 구청 and 보건소"},
	{"dongs", "동 주민센터", "Neighbourhood offices"},
	{NULL, NULL, NULL},
};

const struct choice evaluations_statuses[] = {
	{"open", "진행", "Open"},
	{"closed", "마감", "Closed"},
	{NULL, NULL, NULL},
};

const struct choice evaluations_methods[] = {
	{"computed", "실적 산출 (기록에서 계산)", "Computed from the records"},
	{"scored", "평가위원 채점", "Scored by evaluators"},
	{NULL, NULL, NULL},
};

const struct choice evaluations_measures[] = {
	{"knowledge_per_head", "1인당 지식 등록 건수", "Knowledge items per head"},
	{"knowledge_excellent", "우수지식 건수", "Excellent knowledge items"},
	{"mileage_per_head", "1인당 혁신 마일리지", "Mileage points per head"},
	{"course_completion", "혁신교육 대상자 이수율 (%)",
	 "Course completion of the target population (%)"},
	{"club_meetings", "학습동아리 모임 (동아리당)", "Club meetings per club"},
	{"progress_reports", "혁신과제 월별 추진실적 기한 내 보고 건수 (익월 5일까지)",
	 "Monthly progress reports on time (by the 5th of the next month)"},
	{"task_progress", "혁신과제 평균 추진율 (%)", "Task progress (mean %)"},
	{"process_redesigns", "일하는 방식 개선 건수", "Process redesigns"},
	{NULL, NULL, NULL},
};

const struct choice evaluations_norms[] = {
	{"ratio_best", "최고 실적 대비 (배점 × 실적 ÷ 최고 실적)", "Ratio to the best"},
	{"rank_bands", "순위 구간 (상위 1/5마다 100·90·80·70·60%)", "Rank bands"},
	{"target", "목표 대비 (배점 × 실적 ÷ 목표, 최대 배점)", "Ratio to the target"},
	{NULL, NULL, NULL},
};

/* The whole numbers a form may leave empty, and what empty means: the
 * columns are NOT NULL, so an empty one is its default, never NULL. */
static const struct {
	const char *name;
	int64_t value;
} defaults[] = {
	{"sort_order", 0}, {"best_count", 1}, {"excellent_count", 3},
	{"score_lo", 0},   {"score_hi", 10},
};

static void fill_defaults(json_t *values)
{
	for (size_t i = 0; values && i < COUNT_OF(defaults); i++)
		if (json_is_null(json_object_get(values, defaults[i].name)))
			json_object_set_new(values, defaults[i].name,
					    json_integer(defaults[i].value));
}

/* An area: its empty order is 0. */
static enum err area_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	fill_defaults(values);
	return ERR_OK;
}

/* 1 if round is closed, 0 if open (or not found), -1 on a database error. */
static int round_closed(struct db_conn *c, int64_t org, int64_t round)
{
	int rc;
	int64_t n =
		db_int(c, &rc, 0,
		       "SELECT COUNT(*) FROM evaluations WHERE id = ? AND org_id = ? AND status "
		       "= 'closed'",
		       "ii", round, org);
	return rc == DB_ERR ? -1 : n > 0;
}

/* ---- rounds ---- */

static void round_validate(struct request *req, const struct entity *e, int64_t id, json_t *values,
			   json_t *errors)
{
	const char *from = json_string_value(json_object_get(values, "period_from")),
		   *to = json_string_value(json_object_get(values, "period_to")),
		   *held = json_string_value(json_object_get(values, "held_in"));
	if (from && to && strcmp(from, to) > 0)
		json_object_set_new(errors, "period_to",
				    json_string("실적 기간의 끝이 시작보다 앞섭니다."));
	if (held && *held && !month_valid(held))
		json_object_set_new(errors, "held_in",
				    json_string("시행 시기는 2006-10처럼 연도와 월로 적으십시오."));
}

static enum err round_before(struct request *req, const struct entity *e, int64_t id,
			     const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	fill_defaults(values);
	const char *from = json_string_value(crud_value_of(values, row, "period_from")),
		   *to = json_string_value(crud_value_of(values, row, "period_to"));
	if (from && to && strcmp(from, to) > 0)
		return crud_refuse(errors, "period_to", "실적 기간의 끝이 시작보다 앞섭니다.");
	return ERR_OK;
}

/* Who computed a version: the signed-in person's name (login). */
static const char *by_name(struct request *req)
{
	char by[200];
	snprintf(by, sizeof by, "%s (%s)", req->who.name, req->who.login);
	return arena_strdup(&req->arena, by);
}

static enum err compute_step(struct action_call *call, const char *kind, int64_t *version)
{
	char why[400];
	enum err e = evaluations_compute(request_db(call->req), call->req->who.org_id, call->id,
					 kind, by_name(call->req), row_text(call->input, "reason"),
					 version, why, sizeof why);
	if (e == ERR_INVALID) {
		call->detail = arena_strdup(&call->req->arena, why);
		return ERR_CONFLICT;
	}
	return e;
}

static enum err open_only(struct action_call *call)
{
	if (!strcmp(row_text(call->row, "status"), "open"))
		return ERR_OK;
	call->detail = "이미 마감된 평가입니다.";
	return ERR_CONFLICT;
}

static enum err closed_only(struct action_call *call)
{
	if (!strcmp(row_text(call->row, "status"), "closed"))
		return ERR_OK;
	call->detail = "마감된 평가만 할 수 있습니다. 먼저 평가를 마감하십시오.";
	return ERR_CONFLICT;
}

/* Sets the round's status from → to; 0 rows changed is a second click. */
static enum err set_status(struct action_call *call, const char *from, const char *to,
			   int published)
{
	char now[24];
	utc_now(0, now);
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed,
		   "UPDATE evaluations SET status = ?, published = ?, updated_at = ? WHERE id = ? "
		   "AND org_id = ? AND status = ?",
		   "titiit", to, (int64_t)published, now, call->id, call->req->who.org_id,
		   from) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = !strcmp(to, "closed") ? "이미 마감된 평가입니다."
						     : "이미 진행 중인 평가입니다.";
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

static enum err close_run(struct action_call *call)
{
	enum err e = set_status(call, "open", "closed", 0);
	int64_t version = 0;
	if (!e)
		e = compute_step(call, "close", &version);
	if (!e)
		call->audit = json_pack("{s:[s,s], s:I}", "status", "open", "closed", "version",
					(json_int_t)version);
	return e;
}

static enum err recompute_run(struct action_call *call)
{
	int64_t version = 0;
	enum err e = compute_step(call, "recompute", &version);
	if (!e)
		call->audit = json_pack("{s:I, s:s}", "version", (json_int_t)version, "reason",
					row_text(call->input, "reason"));
	return e;
}

static enum err reopen_run(struct action_call *call)
{
	enum err e = set_status(call, "closed", "open", 0);
	if (!e)
		call->audit = json_pack("{s:[s,s], s:s}", "status", "closed", "open", "reason",
					row_text(call->input, "reason"));
	return e;
}

static enum err publish_permit(struct action_call *call)
{
	enum err e = closed_only(call);
	if (!e && json_is_true(json_object_get(call->row, "published"))) {
		call->detail = "이미 공개한 결과입니다.";
		return ERR_CONFLICT;
	}
	return e;
}

static enum err publish_run(struct action_call *call)
{
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed,
		   "UPDATE evaluations SET published = 1 WHERE id = ? AND org_id = ? AND status = "
		   "'closed' AND published = 0",
		   "ii", call->id, call->req->who.org_id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "이미 공개한 결과입니다.";
		return ERR_CONFLICT;
	}
	call->audit = json_pack("{s:[b,b]}", "published", 0, 1);
	return ERR_OK;
}

static const struct field recompute_inputs[] = {
	{"reason", "다시 계산하는 까닭", "Why", F_TEXT, 0, 0, 500, NULL, NULL},
};
static const struct field reopen_inputs[] = {
	{"reason", "다시 여는 까닭", "Why", F_TEXT, FL_REQUIRED, 1, 500, NULL, NULL},
};

static const struct action round_actions[] = {
	{.name = "close",
	 .label = "평가 마감 (결과 계산)",
	 .allow = ALLOW_ADMIN,
	 .permit = open_only,
	 .run = close_run,
	 .done = "평가를 마감하고 결과를 계산했습니다."},
	{.name = "recompute",
	 .label = "결과 다시 계산 (새 버전)",
	 .inputs = recompute_inputs,
	 .n_inputs = 1,
	 .allow = ALLOW_ADMIN,
	 .permit = closed_only,
	 .run = recompute_run,
	 .done = "결과를 다시 계산해 새 버전으로 남겼습니다."},
	{.name = "reopen",
	 .label = "평가 다시 열기",
	 .inputs = reopen_inputs,
	 .n_inputs = 1,
	 .allow = ALLOW_ADMIN,
	 .permit = closed_only,
	 .run = reopen_run,
	 .done = "평가를 다시 열었습니다. 결과 공개는 취소되었습니다."},
	{.name = "publish",
	 .label = "결과 공개",
	 .allow = ALLOW_ADMIN,
	 .permit = publish_permit,
	 .run = publish_run,
	 .done = "결과를 공개했습니다."},
};

static const struct field round_fields[] = {
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"title", "평가명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"subject", "평가 대상", "Subject", F_CHOICE, L | F | X | R, 0, 0, evaluations_subjects,
	 NULL},
	{"period_from", "실적 기간 시작", "Period from", F_DATE, L | X | R, 0, 0, NULL, NULL},
	{"period_to", "실적 기간 끝", "Period to", F_DATE, L | X | R, 0, 0, NULL, NULL},
	{"held_in", "시행 시기 (연-월)", "Held in (YYYY-MM)", F_TEXT, L | X, 0, 7, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | X | RO, 0, 0, evaluations_statuses, NULL},
	{"published", "결과 공개", "Published", F_BOOL, L | X | RO, 0, 0, NULL, NULL},
	{"best_count", "최우수 부서 수", "Best places", F_INT, X, 0, 50, NULL, NULL},
	{"excellent_count", "우수 부서 수", "Excellent places", F_INT, X, 0, 50, NULL, NULL},
	{"linked_to", "연계 평가 (예: 동 행정품질평가, 자치행정과)", "Linked to", F_TEXT, X, 0, 200,
	 NULL, NULL},
	{"version", "결과 버전", "Results version", F_INT, L | X | RO, 0, 0, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity evaluations_rounds = {
	.name = "evaluations",
	.table = "evaluations",
	.label = "행정혁신 평가",
	.label_en = "Innovation evaluations",
	.title_field = "title",
	.default_sort = "-year",
	.fields = round_fields,
	.n_fields = COUNT_OF(round_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.assigned_reads = ROLE_BIT(ROLE_EVALUATOR), /* an evaluator: what is assigned */
	.validate = round_validate,
	.before_write = round_before,
	.show_template = "evaluations/show",
	.show = evaluations_show,
	.actions = round_actions,
	.n_actions = COUNT_OF(round_actions),
};

/* ---- areas ---- */

static const struct field area_fields[] = {
	{"evaluation_id", "평가", "Evaluation", F_REF, L | F | X | R, 0, 0, NULL, "evaluations"},
	{"name", "평가 분야", "Area", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"weight", "배점 (지표 배점의 합)", "Points", F_INT, L | X | R, 0, 1000, NULL, NULL},
	{"sort_order", "순서", "Order", F_INT, L | O | X, 0, 1000, NULL, NULL},
};

const struct entity evaluations_areas = {
	.name = "evaluation-areas",
	.table = "evaluation_areas",
	.label = "평가 분야",
	.label_en = "Evaluation areas",
	.title_field = "name",
	.default_sort = "sort_order",
	.fields = area_fields,
	.n_fields = COUNT_OF(area_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = area_before,
};

/* ---- indicators ---- */

static enum err indicator_before(struct request *req, const struct entity *e, int64_t id,
				 const json_t *row, json_t *values, json_t *errors)
{
	if (json_object_size(errors) || !values)
		return ERR_OK;
	fill_defaults(values);
	const char *method = json_string_value(crud_value_of(values, row, "method")),
		   *measure = json_string_value(crud_value_of(values, row, "measure")),
		   *norm = json_string_value(crud_value_of(values, row, "norm"));
	if (method && !strcmp(method, "computed")) {
		if (!measure || !*measure)
			return crud_refuse(errors, "measure",
					   "실적 산출 지표는 산출 항목을 골라야 합니다.");
		if (!norm || !*norm)
			return crud_refuse(errors, "norm",
					   "실적 산출 지표는 환산 방법을 골라야 합니다.");
		if (!strcmp(norm, "target") &&
		    json_number_value(crud_value_of(values, row, "target_value")) <= 0)
			return crud_refuse(errors, "target_value",
					   "목표 대비 환산은 0보다 큰 목표값이 있어야 합니다.");
	} else if (json_integer_value(crud_value_of(values, row, "score_lo")) >=
		   json_integer_value(crud_value_of(values, row, "score_hi"))) {
		return crud_refuse(errors, "score_hi",
				   "채점 범위의 최고점이 최저점보다 커야 합니다.");
	}
	int rc;
	int64_t area = json_integer_value(crud_value_of(values, row, "area_id")),
		round = json_integer_value(crud_value_of(values, row, "evaluation_id"));
	if (area && db_int(request_db(req), &rc, 0,
			   "SELECT COUNT(*) FROM evaluation_areas WHERE id = ? AND evaluation_id = "
			   "? AND archived_at IS NULL",
			   "ii", area, round) == 0)
		return rc == DB_ERR ? ERR_DB_UNAVAILABLE
				    : crud_refuse(errors, "area_id", "이 평가의 분야가 아닙니다.");
	return ERR_OK;
}

static const struct field indicator_fields[] = {
	{"evaluation_id", "평가", "Evaluation", F_REF, L | F | X | R, 0, 0, NULL, "evaluations"},
	{"area_id", "평가 분야", "Area", F_REF, L | F | X | R, 0, 0, NULL, "evaluation-areas"},
	{"name", "평가 지표", "Indicator", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"weight", "배점", "Points", F_INT, L | X | R, 0, 100, NULL, NULL},
	{"method", "평가 방법", "Method", F_CHOICE, L | F | X | R, 0, 0, evaluations_methods, NULL},
	{"measure", "산출 항목 (실적 산출)", "Measure", F_CHOICE, L | X, 0, 0, evaluations_measures,
	 NULL},
	{"norm", "환산 방법 (실적 산출)", "Normalisation", F_CHOICE, X, 0, 0, evaluations_norms,
	 NULL},
	{"target_value", "목표값 (목표 대비 환산)", "Target", F_HALF, X, 0, 2000000, NULL, NULL},
	{"score_lo", "채점 최저점 (평가위원 채점)", "Lowest score", F_INT, X, 0, 1000, NULL, NULL},
	{"score_hi", "채점 최고점 (평가위원 채점)", "Highest score", F_INT, X, 1, 1000, NULL, NULL},
	{"sort_order", "순서", "Order", F_INT, O | X, 0, 1000, NULL, NULL},
};

const struct entity evaluations_indicators = {
	.name = "evaluation-indicators",
	.table = "evaluation_indicators",
	.label = "평가 지표",
	.label_en = "Evaluation indicators",
	.title_field = "name",
	.default_sort = "sort_order",
	.fields = indicator_fields,
	.n_fields = COUNT_OF(indicator_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = indicator_before,
};

/* ---- targets ---- */

static enum err target_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (json_object_size(errors) || !values)
		return ERR_OK;
	fill_defaults(values);
	int64_t round = json_integer_value(crud_value_of(values, row, "evaluation_id")),
		dept = json_integer_value(crud_value_of(values, row, "department_id"));
	int rc;
	/* a round of departments takes the divisions (과·담당관·보건소), one of
	 * 동s the 동 주민센터 */
	int64_t fits = db_int(request_db(req), &rc, 0,
			      "SELECT COUNT(*) FROM evaluations v JOIN departments d ON d.id = ? "
			      "AND d.org_id = v.org_id WHERE v.id = ? AND ((v.subject = "
			      "'departments' AND d.kind = 'division') OR (v.subject = 'dongs' AND "
			      "d.kind = 'dong'))",
			      "ii", dept, round);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (!fits)
		return crud_refuse(
			errors, "department_id",
			"이 평가의 대상이 될 수 없는 부서입니다. 구청·보건소 부서 평가는 "
			"과·담당관·보건소를, 동 평가는 동 주민센터를 고르십시오.");
	if (db_int(request_db(req), &rc, 0,
		   "SELECT COUNT(*) FROM evaluation_targets WHERE evaluation_id = ? AND "
		   "department_id = ? AND archived_at IS NULL AND id <> ?",
		   "iii", round, dept, id) > 0)
		return crud_refuse(errors, "department_id", "이미 이 평가의 대상인 부서입니다.");
	return rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_OK;
}

/* Assigns an evaluator (by login) the target and its round. */
static enum err assign_run(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	const char *login = row_text(call->input, "login");
	int rc;
	int64_t user = db_int(c, &rc, 0,
			      "SELECT id FROM users WHERE login = ? AND org_id = ? AND role = "
			      "'evaluator' AND archived_at IS NULL",
			      "ti", login, call->req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (!user) {
		json_object_set_new(call->errors, "login",
				    json_string("평가위원(evaluator) 역할의 계정이 아닙니다."));
		return ERR_INVALID;
	}
	int64_t round = row_int(call->row, "evaluation_id"), added = 0, more = 0;
	if (db_run(c, &added,
		   "INSERT INTO user_assignments (user_id, entity, record_id) SELECT ?, "
		   "'evaluation-targets', ? WHERE NOT EXISTS (SELECT 1 FROM user_assignments WHERE "
		   "user_id = ? AND entity = 'evaluation-targets' AND record_id = ?)",
		   "iiii", user, call->id, user, call->id) != DB_OK ||
	    db_run(c, &more,
		   "INSERT INTO user_assignments (user_id, entity, record_id) SELECT ?, "
		   "'evaluations', ? WHERE NOT EXISTS (SELECT 1 FROM user_assignments WHERE "
		   "user_id = ? AND entity = 'evaluations' AND record_id = ?)",
		   "iiii", user, round, user, round) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!added) {
		call->detail = "이미 이 대상에 배정된 평가위원입니다.";
		return ERR_CONFLICT;
	}
	call->audit = json_pack("{s:s, s:I}", "evaluator", login, "user_id", (json_int_t)user);
	return ERR_OK;
}

/* An evaluator scores only what they are assigned (an administrator any).
 * Asked when the score is given, not of the form: the form is the same for
 * every target, and the matrix of roles opens it as any evaluator. */
static enum err score_assigned(struct action_call *call)
{
	struct request *req = call->req;
	if (req->who.role == ROLE_ADMIN)
		return ERR_OK;
	int rc;
	if (db_int(request_db(req), &rc, 0,
		   "SELECT COUNT(*) FROM user_assignments WHERE user_id = ? AND entity = "
		   "'evaluation-targets' AND record_id = ?",
		   "ii", req->who.user_id, call->id) > 0)
		return ERR_OK;
	call->detail = "배정받은 평가 대상만 채점할 수 있습니다.";
	return rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_FORBIDDEN;
}

/* Refuses score for indicator (a scored one of the target's round, in its
 * range); 1 if refused (call->errors). */
static int score_refused(struct action_call *call, int64_t round, int64_t indicator, int64_t halves)
{
	struct db_stmt *s =
		db_preparef(request_db(call->req),
			    "SELECT method, score_lo, score_hi, name FROM "
			    "evaluation_indicators WHERE id = ? AND evaluation_id = ? AND "
			    "archived_at IS NULL",
			    "ii", indicator, round);
	char msg[400] = "";
	if (!s || db_step(s) != DB_ROW)
		snprintf(msg, sizeof msg, "이 평가의 지표가 아닙니다.");
	else if (strcmp(db_column_text(s, 0), "scored"))
		snprintf(msg, sizeof msg,
			 "'%s'은(는) 기록에서 계산하는 지표입니다. 평가위원 채점 지표만 점수를 "
			 "줍니다.",
			 db_column_text(s, 3));
	else if (halves < 2 * db_column_int(s, 1) || halves > 2 * db_column_int(s, 2)) {
		char given[32];
		snprintf(msg, sizeof msg,
			 "'%s'의 점수는 %lld점에서 %lld점 사이입니다 (입력: %s점).",
			 db_column_text(s, 3), (long long)db_column_int(s, 1),
			 (long long)db_column_int(s, 2), halves_text(halves, given));
		json_object_set_new(call->errors, "score", json_string(msg));
		db_finalize(s);
		return 1;
	}
	db_finalize(s);
	if (*msg)
		json_object_set_new(call->errors, "indicator_id", json_string(msg));
	return *msg != '\0';
}

/* A score is a new row: the first (version 1), or a correction (the next
 * version, with its reason), while the round is open. */
static enum err score_run(struct action_call *call)
{
	struct request *req = call->req;
	struct db_conn *c = request_db(req);
	int64_t round = row_int(call->row, "evaluation_id"),
		indicator = row_int(call->input, "indicator_id"),
		halves = row_halves(call->input, "score");
	enum err refused = score_assigned(call);
	if (refused)
		return refused;
	int closed = round_closed(c, req->who.org_id, round);
	if (closed < 0)
		return ERR_DB_UNAVAILABLE;
	if (closed) {
		call->detail = "마감된 평가에는 점수를 주거나 고칠 수 없습니다.";
		return ERR_CONFLICT;
	}
	if (score_refused(call, round, indicator, halves))
		return ERR_INVALID;
	int rc;
	int64_t last = db_int(c, &rc, 0,
			      "SELECT COALESCE(MAX(version), 0) FROM evaluation_scores WHERE "
			      "target_id = ? AND indicator_id = ? AND evaluator_user_id = ?",
			      "iii", call->id, indicator, req->who.user_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	const char *reason = row_text(call->input, "reason");
	if (last && !*reason) {
		json_object_set_new(
			call->errors, "reason",
			json_string("이미 준 점수를 고칠 때에는 고치는 까닭을 적으십시오."));
		return ERR_INVALID;
	}
	int64_t id = 0;
	struct db_stmt *s = db_preparef(
		c,
		"INSERT INTO evaluation_scores (org_id, evaluation_id, target_id, indicator_id, "
		"evaluator_user_id, evaluator_name, score, version, reason) VALUES (?, ?, ?, ?, ?, "
		"?, ?, ?, ?) RETURNING id",
		"iiiiitiit", req->who.org_id, round, call->id, indicator, req->who.user_id,
		req->who.name, halves, last + 1, *reason ? reason : NULL);
	if (s && db_step(s) == DB_ROW)
		id = db_column_int(s, 0);
	db_finalize(s);
	if (!id)
		return ERR_DB_UNAVAILABLE;
	char score[32];
	call->audit =
		json_pack("{s:I, s:I, s:s, s:I, s:s}", "score_id", (json_int_t)id, "indicator_id",
			  (json_int_t)indicator, "score", halves_text(halves, score), "version",
			  (json_int_t)(last + 1), "reason", reason);
	return ERR_OK;
}

static const struct field assign_inputs[] = {
	{"login", "평가위원 계정 (로그인 ID)", "Evaluator's login", F_TEXT, FL_REQUIRED, 1, 100,
	 NULL, NULL},
};
static const struct field score_inputs[] = {
	{"indicator_id", "평가 지표", "Indicator", F_REF, FL_REQUIRED, 0, 0, NULL,
	 "evaluation-indicators"},
	{"score", "점수", "Score", F_HALF, FL_REQUIRED, 0, 2000, NULL, NULL},
	{"reason", "고치는 까닭 (점수를 고칠 때)", "Why corrected", F_TEXT, 0, 0, 500, NULL, NULL},
};

static const struct action target_actions[] = {
	{.name = "assign",
	 .label = "평가위원 배정",
	 .inputs = assign_inputs,
	 .n_inputs = 1,
	 .allow = ALLOW_ADMIN,
	 .run = assign_run,
	 .done = "평가위원을 배정했습니다."},
	{.name = "score",
	 .label = "채점 (고친 점수는 새 버전)",
	 .inputs = score_inputs,
	 .n_inputs = COUNT_OF(score_inputs),
	 .allow = ALLOW_ADMIN | ROLE_BIT(ROLE_EVALUATOR),
	 .run = score_run,
	 .done = "점수를 기록했습니다."},
};

static const struct field target_fields[] = {
	{"evaluation_id", "평가", "Evaluation", F_REF, L | F | X | R, 0, 0, NULL, "evaluations"},
	{"department_id", "대상 부서", "Department", F_REF, L | F | X | R, 0, 0, NULL,
	 "departments"},
	{"sort_order", "순서 (동점 시 직제순)", "Order (ties: this order)", F_INT, L | O | X, 0,
	 100000, NULL, NULL},
};

const struct entity evaluations_targets = {
	.name = "evaluation-targets",
	.table = "evaluation_targets",
	.label = "평가 대상",
	.label_en = "Evaluation targets",
	.title_field = "sort_order",
	.default_sort = "sort_order",
	.fields = target_fields,
	.n_fields = COUNT_OF(target_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.assigned_reads = ROLE_BIT(ROLE_EVALUATOR), /* an evaluator: what is assigned */
	.before_write = target_before,
	.show_template = "evaluations/target",
	.show = evaluations_target_show,
	.actions = target_actions,
	.n_actions = COUNT_OF(target_actions),
};

/* ---- scores ---- */

static const struct field score_fields[] = {
	{"evaluation_id", "평가", "Evaluation", F_REF, L | F | X | RO, 0, 0, NULL, "evaluations"},
	{"target_id", "평가 대상", "Target", F_REF, L | F | X | RO, 0, 0, NULL,
	 "evaluation-targets"},
	{"indicator_id", "평가 지표", "Indicator", F_REF, L | F | X | RO, 0, 0, NULL,
	 "evaluation-indicators"},
	{"evaluator_name", "평가위원", "Evaluator", F_TEXT, L | S | X | RO, 0, 200, NULL, NULL},
	{"score", "점수", "Score", F_HALF, L | X | RO, 0, 2000, NULL, NULL},
	{"version", "버전", "Version", F_INT, L | O | X | RO, 0, 0, NULL, NULL},
	{"reason", "고친 까닭", "Why corrected", F_TEXT, L | X | RO, 0, 500, NULL, NULL},
};

const struct entity evaluations_scores = {
	.name = "evaluation-scores",
	.table = "evaluation_scores",
	.label = "평가위원 채점",
	.label_en = "Evaluator scores",
	.title_field = "evaluator_name",
	.default_sort = "-id",
	.fields = score_fields,
	.n_fields = COUNT_OF(score_fields),
	.allow_read = ALLOW_ADMIN,
	.allow_write = ALLOW_ADMIN,
	.attachments = 1,
	.append_only = 1,
};
