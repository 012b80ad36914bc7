/*
 * entities.c: the contests' entities (contests.h): contests, their
 * criteria, entries, judges and score sheets, with the hooks that keep a
 * judged contest's rules and criteria as they were scored, entries out of
 * a closed contest, a judge one person of the staff or one account, and
 * the judges' accounts assigned what they may see.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "crud/declare.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/contests/contests.h"

const struct choice contests_kinds[] = {
	{"practice", "우수사례 경진대회", "Best-practice contest"},
	{"brand", "브랜드 경진대회", "Brand contest"},
	{"club", "동아리 경진대회", "Club contest"},
	{"work", "업무혁신 경진대회", "Work-innovation contest"},
	{NULL, NULL, NULL},
};

const struct choice contests_statuses[] = {
	{"open", "접수·심사 중", "Open"},
	{"closed", "심사 마감", "Closed"},
	{"confirmed", "수상 확정", "Awards confirmed"},
	{NULL, NULL, NULL},
};

const struct choice contests_entrant_kinds[] = {
	{"person", "개인", "Person"},
	{"team", "팀", "Team"},
	{"club", "학습동아리", "Club"},
	{"department", "부서", "Department"},
	{NULL, NULL, NULL},
};

const struct choice contests_panels[] = {
	{"expert", "심사위원", "Judges"},
	{"staff", "직원 투표", "Staff vote"},
	{NULL, NULL, NULL},
};

static const struct choice aggregations[] = {
	{"mean", "평균", "Mean"},
	{"trimmed", "최고·최저점 제외 평균 (5명 이상)", "Trimmed mean (5 or more)"},
	{NULL, NULL, NULL},
};

static int has_sheets(struct db_conn *c, int64_t contest)
{
	return db_any(c, "SELECT COUNT(*) FROM contest_scores WHERE contest_id = ?", "i", contest);
}

/* ---- contests ---- */

static const struct field contest_fields[] = {
	{"title", "대회명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"kind", "종류", "Kind", F_CHOICE, L | F | X | R, 0, 0, contests_kinds, NULL},
	{"year", "연도", "Year", F_INT, L | O | F | X | R, 2000, 2100, NULL, NULL},
	{"half", "반기 (1 상반기, 2 하반기)", "Half", F_INT, L | X, 1, 2, NULL, NULL},
	{"entry_from", "접수 시작", "Entries from", F_DATE, X, 0, 0, NULL, NULL},
	{"entry_to", "접수 마감", "Entries until", F_DATE, X, 0, 0, NULL, NULL},
	{"judge_from", "심사 시작", "Judging from", F_DATE, X, 0, 0, NULL, NULL},
	{"judge_to", "심사 마감", "Judging until", F_DATE, X, 0, 0, NULL, NULL},
	{"held_on", "발표·시상일", "Held on", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"aggregation", "집계 방식", "Aggregation", F_CHOICE, X | R, 0, 0, aggregations, NULL},
	{"expert_weight", "심사위원 반영 비율 (%, 나머지는 직원 투표)", "Judges' share (%)", F_INT,
	 X, 1, 100, NULL, NULL},
	{"tie_criterion_id", "동점 기준 항목", "Tie criterion", F_REF, X, 0, 0, NULL,
	 "contest-criteria"},
	{"best_count", "최우수 수", "Best", F_INT, X | R, 0, 20, NULL, NULL},
	{"excellent_count", "우수 수", "Excellent", F_INT, X | R, 0, 50, NULL, NULL},
	{"merit_count", "장려 수", "Merit", F_INT, X | R, 0, 100, NULL, NULL},
	{"results_public", "결과 공개", "Results public", F_BOOL, X, 0, 0, NULL, NULL},
	{"blind", "확정 전 심사위원 이름 가림", "Judges' names hidden until confirmed", F_BOOL, X,
	 0, 0, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | X | RO, 0, 0, contests_statuses, NULL},
	{"description", "개요", "Description", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

static int changes(const json_t *values, const json_t *row, const char *name)
{
	json_t *v = json_object_get(values, name);
	return v && !json_equal(v, json_object_get(row, name));
}

static void contest_validate(struct request *req, const struct entity *e, int64_t id,
			     json_t *values, json_t *errors)
{
	static const char *const windows[][3] = {
		{"entry_from", "entry_to", "접수 마감일이 접수 시작일보다 빠릅니다."},
		{"judge_from", "judge_to", "심사 마감일이 심사 시작일보다 빠릅니다."},
	};
	for (size_t i = 0; i < 2; i++) {
		const char *from = json_string_value(json_object_get(values, windows[i][0])),
			   *to = json_string_value(json_object_get(values, windows[i][1]));
		if (from && to && strcmp(from, to) > 0)
			crud_refuse(errors, windows[i][1], windows[i][2]);
	}
}

/* A judged contest keeps the rules its sheets were scored by; a closed one
 * keeps its award counts too; the tie criterion is one of its own. */
static enum err contest_before(struct request *req, const struct entity *e, int64_t id,
			       const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int64_t tie = json_integer_value(crud_value_of(values, row, "tie_criterion_id"));
	if (tie && changes(values, row, "tie_criterion_id") &&
	    db_any(c,
		   "SELECT COUNT(*) FROM contest_criteria WHERE id = ? AND contest_id = ? AND "
		   "archived_at IS NULL",
		   "ii", tie, id) <= 0)
		crud_refuse(errors, "tie_criterion_id",
			    "이 경진대회의 심사 항목 가운데에서 고르세요.");
	if (!row)
		return ERR_OK;
	static const char *const rules[] = {"aggregation", "expert_weight", "tie_criterion_id"};
	static const char *const counts[] = {"best_count", "excellent_count", "merit_count"};
	int judged = has_sheets(c, id);
	if (judged < 0)
		return ERR_DB_UNAVAILABLE;
	for (size_t i = 0; judged && i < 3; i++)
		if (changes(values, row, rules[i]))
			crud_refuse(errors, rules[i],
				    "심사표가 제출된 경진대회의 집계 방식·반영 비율·동점 기준은 "
				    "바꿀 수 "
				    "없습니다.");
	for (size_t i = 0; strcmp(row_text(row, "status"), "open") && i < 3; i++)
		if (changes(values, row, counts[i]))
			crud_refuse(
				errors, counts[i],
				"심사가 마감된 경진대회의 시상 수는 바꿀 수 없습니다. 다시 연 뒤에 "
				"고치십시오.");
	return ERR_OK;
}

const struct entity contests_contests = {
	.name = "contests",
	.table = "contests",
	.label = "경진대회",
	.label_en = "Contests",
	.title_field = "title",
	.default_sort = "-year",
	.fields = contest_fields,
	.n_fields = sizeof contest_fields / sizeof contest_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.scoped_reads = 1,
	.validate = contest_validate,
	.before_write = contest_before,
	.show_template = "contests/show",
	.show = contests_show,
	.attachments = 1,
	.actions = contests_contest_actions,
	.n_actions = 3,
};

/* ---- criteria ---- */

static const struct field criterion_fields[] = {
	{"contest_id", "경진대회", "Contest", F_REF, L | F | X | R, 0, 0, NULL, "contests"},
	{"name", "심사 항목", "Criterion", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"weight", "배점 (가중치)", "Weight", F_INT, L | X | R, 1, 100, NULL, NULL},
	{"score_min", "최저 점수", "Lowest score", F_INT, L | X | R, 0, 100, NULL, NULL},
	{"score_max", "최고 점수", "Highest score", F_INT, L | X | R, 1, 100, NULL, NULL},
	{"description", "설명", "Description", F_MEMO, X, 0, 2000, NULL, NULL},
	{"sort_order", "순서", "Order", F_INT, O | X, 0, 1000, NULL, NULL},
};

/* The criteria a sheet was scored by never change under it. */
static enum err criterion_before(struct request *req, const struct entity *e, int64_t id,
				 const json_t *row, json_t *values, json_t *errors)
{
	struct db_conn *c = request_db(req);
	int64_t contest = json_integer_value(crud_value_of(values, row, "contest_id"));
	int64_t lo = json_integer_value(crud_value_of(values, row, "score_min")),
		hi = json_integer_value(crud_value_of(values, row, "score_max"));
	if (values && lo >= hi)
		crud_refuse(errors, "score_max", "최고 점수는 최저 점수보다 커야 합니다.");
	int open = contests_open(c, req->who.org_id, contest), judged = has_sheets(c, contest);
	if (open < 0 || judged < 0)
		return ERR_DB_UNAVAILABLE;
	int64_t before = row ? row_int(row, "contest_id") : 0;
	if (judged || !open || (before && before != contest && has_sheets(c, before) != 0))
		crud_refuse(
			errors, values ? "name" : "contest_id",
			"심사표가 제출되었거나 마감된 경진대회의 심사 항목은 바꾸거나 보관할 수 "
			"없습니다.");
	return json_object_size(errors) && !values ? ERR_CONFLICT : ERR_OK;
}

const struct entity contests_criteria = {
	.name = "contest-criteria",
	.table = "contest_criteria",
	.label = "경진대회 심사 항목",
	.label_en = "Contest criteria",
	.title_field = "name",
	.default_sort = "-id",
	.fields = criterion_fields,
	.n_fields = sizeof criterion_fields / sizeof criterion_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = criterion_before,
};

/* ---- entries ---- */

static const struct field entry_fields[] = {
	{"contest_id", "경진대회", "Contest", F_REF, L | F | X | R, 0, 0, NULL, "contests"},
	{"title", "출품작", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"entrant_kind", "출품 단위", "Entrant", F_CHOICE, L | F | X | R, 0, 0,
	 contests_entrant_kinds, NULL},
	{"staff_id", "출품자 (개인·팀 대표)", "Entrant (person, team's representative)", F_REF,
	 L | X, 0, 0, NULL, "staff"},
	{"team_name", "팀 이름", "Team", F_TEXT, X, 0, 100, NULL, NULL},
	{"members", "팀원", "Team members", F_REFS, X, 0, 30, NULL, "staff"},
	{"club_id", "학습동아리", "Club", F_REF, L | F | X, 0, 0, NULL, "clubs"},
	{"output_id", "동아리 성과물 (사례집 사례)", "Club output", F_REF, X, 0, 0, NULL,
	 "club-outputs"},
	{"department_id", "부서", "Department", F_REF, L | F | X, 0, 0, NULL, "departments"},
	{"summary", "요약", "Summary", F_MEMO, S | X, 0, 8000, NULL, NULL},
	{"submitted_on", "접수일", "Submitted", F_DATE, O | X, 0, 0, NULL, NULL},
};

/* An entry names its entrant as its kind says, and enters an open contest. */
static enum err entry_before(struct request *req, const struct entity *e, int64_t id,
			     const json_t *row, json_t *values, json_t *errors)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	int64_t contest = json_integer_value(crud_value_of(values, row, "contest_id"));
	int open = contests_open(c, org, contest);
	if (open < 0)
		return ERR_DB_UNAVAILABLE;
	if (!open) {
		if (!values)
			return ERR_CONFLICT;
		return crud_refuse(
			errors, "contest_id",
			"심사가 마감된 경진대회에는 출품하거나 출품작을 고칠 수 없습니다.");
	}
	if (!values)
		return ERR_OK;
	const char *kind = json_string_value(crud_value_of(values, row, "entrant_kind"));
	int64_t staff = json_integer_value(crud_value_of(values, row, "staff_id")),
		club = json_integer_value(crud_value_of(values, row, "club_id")),
		dept = json_integer_value(crud_value_of(values, row, "department_id")),
		output = json_integer_value(crud_value_of(values, row, "output_id"));
	if (!kind)
		return ERR_OK;
	if ((!strcmp(kind, "person") || !strcmp(kind, "team")) && !staff)
		crud_refuse(errors, "staff_id", "개인·팀 출품은 출품자(팀 대표)를 골라야 합니다.");
	if (!strcmp(kind, "club") && !club)
		crud_refuse(errors, "club_id", "동아리 출품은 학습동아리를 골라야 합니다.");
	if (!strcmp(kind, "department") && !dept)
		crud_refuse(errors, "department_id", "부서 출품은 부서를 골라야 합니다.");
	if (output && club &&
	    db_any(c, "SELECT COUNT(*) FROM club_outputs WHERE id = ? AND club_id = ?", "ii",
		   output, club) <= 0)
		crud_refuse(errors, "output_id", "고른 학습동아리의 성과물이 아닙니다.");
	/* the entrant's department, for the judges' exclusion, when not given */
	if (!dept && (staff || club)) {
		int64_t d = staff ? db_int(c, NULL, 0,
					   "SELECT COALESCE(department_id, 0) FROM staff WHERE id "
					   "= ? AND org_id = ?",
					   "ii", staff, org)
				  : db_int(c, NULL, 0,
					   "SELECT COALESCE(department_id, 0) FROM clubs WHERE id "
					   "= ? AND org_id = ?",
					   "ii", club, org);
		if (d)
			json_object_set_new(values, "department_id", json_integer(d));
	}
	return ERR_OK;
}

/* The judges' accounts see what their exclusions leave, kept at every write. */
static enum err entry_after(struct request *req, const struct entity *e, int64_t id,
			    const json_t *before, const json_t *after)
{
	const json_t *row = after ? after : before;
	return contests_assign(request_db(req), req->who.org_id, row_int(row, "contest_id"));
}

const struct entity contests_entries = {
	.name = "contest-entries",
	.table = "contest_entries",
	.label = "경진대회 출품작",
	.label_en = "Contest entries",
	.title_field = "title",
	.default_sort = "-id",
	.fields = entry_fields,
	.n_fields = sizeof entry_fields / sizeof entry_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.scoped_reads = 1,
	.before_write = entry_before,
	.after_write = entry_after,
	.attachments = 1,
	.show_template = "contests/entry",
	.show = contests_entry_show,
	.actions = contests_entry_actions,
	.n_actions = 2,
};

/* ---- judges ---- */

static const struct field judge_fields[] = {
	{"contest_id", "경진대회", "Contest", F_REF, L | F | X | R, 0, 0, NULL, "contests"},
	{"name", "이름 (비우면 직원·계정의 이름)", "Name", F_TEXT, L | S | O | X, 0, 100, NULL,
	 NULL},
	{"staff_id", "직원", "Staff", F_REF, L | X, 0, 0, NULL, "staff"},
	{"user_id", "외부 심사위원 계정", "Outside judge's account", F_REF, X, 0, 0, NULL,
	 "accounts"},
	{"panel", "구분", "Panel", F_CHOICE, L | F | X | R, 0, 0, contests_panels, NULL},
	{"affiliation", "소속", "Affiliation", F_TEXT, L | X, 0, 200, NULL, NULL},
};

/* A judge is one member of staff, once a contest, or one account of the role
 * judge, or a name alone (an outside judge whose paper sheets the office
 * enters); the name is the person's when not given. */
static enum err judge_before(struct request *req, const struct entity *e, int64_t id,
			     const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	int64_t contest = json_integer_value(crud_value_of(values, row, "contest_id")),
		staff = json_integer_value(crud_value_of(values, row, "staff_id")),
		user = json_integer_value(crud_value_of(values, row, "user_id"));
	const char *name = json_string_value(crud_value_of(values, row, "name"));
	if (staff && user)
		return crud_refuse(
			errors, "user_id",
			"직원 심사위원이면 계정을 비우고, 외부 심사위원이면 직원을 비우세요.");
	if (staff && db_any(c,
			    "SELECT COUNT(*) FROM contest_judges WHERE contest_id = ? AND staff_id "
			    "= ? AND archived_at IS NULL AND id <> ?",
			    "iii", contest, staff, id) > 0)
		return crud_refuse(errors, "staff_id", "이미 이 경진대회의 심사위원입니다.");
	if (user && db_any(c,
			   "SELECT COUNT(*) FROM users WHERE id = ? AND org_id = ? AND role = "
			   "'judge' AND archived_at IS NULL",
			   "ii", user, org) <= 0)
		return crud_refuse(errors, "user_id",
				   "외부 심사위원은 심사위원(judge) 역할의 계정이어야 합니다.");
	if (!name || !*name) {
		char who[200] = "";
		struct db_stmt *s =
			staff ? db_preparef(c, "SELECT name FROM staff WHERE id = ? AND org_id = ?",
					    "ii", staff, org)
			: user ? db_preparef(c,
					     "SELECT name FROM users WHERE id = ? AND org_id = ?",
					     "ii", user, org)
			       : NULL;
		if (s && db_step(s) == DB_ROW)
			snprintf(who, sizeof who, "%s", db_column_text(s, 0));
		db_finalize(s);
		if (!*who)
			return crud_refuse(errors, "name",
					   "심사위원의 이름을 적거나 직원·계정을 고르세요.");
		json_object_set_new(values, "name", json_string(who));
	}
	return ERR_OK;
}

static enum err judge_after(struct request *req, const struct entity *e, int64_t id,
			    const json_t *before, const json_t *after)
{
	struct db_conn *c = request_db(req);
	enum err why = ERR_OK;
	if (before)
		why = contests_assign(c, req->who.org_id, row_int(before, "contest_id"));
	if (!why && after &&
	    (!before || row_int(after, "contest_id") != row_int(before, "contest_id")))
		why = contests_assign(c, req->who.org_id, row_int(after, "contest_id"));
	return why;
}

const struct entity contests_judges = {
	.name = "contest-judges",
	.table = "contest_judges",
	.label = "경진대회 심사위원",
	.label_en = "Contest judges",
	.title_field = "name",
	.default_sort = "-id",
	.fields = judge_fields,
	.n_fields = sizeof judge_fields / sizeof judge_fields[0],
	.allow_read = ALLOW_ADMIN,
	.allow_write = ALLOW_ADMIN,
	.before_write = judge_before,
	.after_write = judge_after,
};

/* ---- score sheets ---- */

static const struct field score_fields[] = {
	{"contest_id", "경진대회", "Contest", F_REF, L | F | X | RO, 0, 0, NULL, "contests"},
	{"entry_id", "출품작", "Entry", F_REF, L | F | X | RO, 0, 0, NULL, "contest-entries"},
	{"judge_id", "심사위원", "Judge", F_REF, L | F | X | RO, 0, 0, NULL, "contest-judges"},
	{"version", "판", "Version", F_INT, L | X | RO, 1, 1000, NULL, NULL},
	{"total", "총점 (100분의 1점)", "Total (hundredths)", F_INT, L | X | RO, 0, 1000000, NULL,
	 NULL},
	{"scores", "항목별 점수 (항목 번호: 점수)", "Scores by criterion", F_MEMO, X | RO, 0, 4000,
	 NULL, NULL},
	{"reason", "정정 사유", "Reason for the correction", F_TEXT, X | RO, 0, 500, NULL, NULL},
	{"comment", "심사 의견", "Comment", F_MEMO, X | RO, 0, 2000, NULL, NULL},
};

const struct entity contests_scores = {
	.name = "contest-scores",
	.table = "contest_scores",
	.label = "경진대회 심사표",
	.label_en = "Contest score sheets",
	.title_field = "version",
	.default_sort = "-id",
	.fields = score_fields,
	.n_fields = sizeof score_fields / sizeof score_fields[0],
	.allow_read = ALLOW_ADMIN,
	.allow_write = ALLOW_ADMIN,
	.append_only = 1,
};
