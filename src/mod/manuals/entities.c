/*
 * entities.c: the team-innovation entities (manuals.h): charters, manuals
 * and the manuals' versions, with the hooks that keep a charter or manual
 * on a team, one a team a year (one a duty), a charter's task the team's
 * own 1팀 1혁신과제, and the derived title and completion day.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/manuals/manuals.h"
#include "crud/declare.h" /* last: its one-letter names must not reach the headers above */

const struct choice manuals_kinds[] = {
	{"basic", "기본업무매뉴얼 (1단계)", "Basic team manual (stage 1)"},
	{"unit", "단위사무 매뉴얼 (2단계)", "Unit work manual (stage 2)"},
	{NULL, NULL, NULL},
};

const char manuals_charter_deadline[] = "02-28";
const char manuals_basic_deadline[] = "03-31";
const char manuals_unit_deadline[] = "05-31";

/* Who writes a team's records: administrators, and department managers
 * within their subtree (scope_field); all staff read. */
#define WRITERS (ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER))

/* The team's name into name when department is a live team of the
 * organisation; 1, 0 when it is not one, -1 on a database error. */
static int team_name(struct request *req, int64_t department, char *name, size_t len)
{
	struct db_stmt *s = db_preparef(request_db(req),
					"SELECT name FROM departments WHERE id = ? AND org_id = ? "
					"AND kind = 'team' AND archived_at IS NULL",
					"ii", department, req->who.org_id);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW)
		snprintf(name, len, "%s", db_column_text(s, 0));
	db_finalize(s);
	return rc == DB_ROW ? 1 : rc == DB_OK ? 0 : -1;
}

/* Refuses a department that is not a team; the team's name into name. */
static enum err on_a_team(struct request *req, const json_t *values, const json_t *row,
			  json_t *errors, char *name, size_t len)
{
	int64_t team = json_integer_value(crud_value_of(values, row, "department_id"));
	if (!team || json_object_get(errors, "department_id"))
		return ERR_OK;
	int is = team_name(req, team, name, len);
	if (is < 0)
		return ERR_DB_UNAVAILABLE;
	if (!is)
		crud_refuse(errors, "department_id",
			    "팀이 아닌 부서입니다. 팀 업무혁신은 팀·담당만 합니다.");
	return ERR_OK;
}

/* 1 if sql (org, year, team, then kind and duty when kind is given, then
 * the row's id to leave out) finds another live row; -1 on a database
 * error. */
static int taken(struct request *req, const char *sql, const json_t *values, const json_t *row,
		 const char *kind, const char *duty, int64_t id)
{
	int64_t year = json_integer_value(crud_value_of(values, row, "year")),
		team = json_integer_value(crud_value_of(values, row, "department_id"));
	if (kind)
		return db_any(request_db(req), sql, "iiitti", req->who.org_id, year, team, kind,
			      duty, id);
	return db_any(request_db(req), sql, "iiii", req->who.org_id, year, team, id);
}

/* ---- charters ---- */

/* 1 if text (values, else the row) is filled. */
static int filled(const json_t *values, const json_t *row, const char *name)
{
	const char *v = json_string_value(crud_value_of(values, row, name));
	return v && *v;
}

/* The charter's task: a task of kind team the team leads. */
static enum err charter_task(struct request *req, const json_t *values, const json_t *row,
			     json_t *errors)
{
	int64_t task = json_integer_value(crud_value_of(values, row, "task_id")),
		team = json_integer_value(crud_value_of(values, row, "department_id"));
	if (!task || json_object_get(errors, "task_id"))
		return ERR_OK;
	int ok = db_any(request_db(req),
			"SELECT COUNT(*) FROM tasks WHERE id = ? AND org_id = ? AND kind = 'team' "
			"AND lead_department_id = ? AND archived_at IS NULL",
			"iii", task, req->who.org_id, team);
	if (ok < 0)
		return ERR_DB_UNAVAILABLE;
	if (!ok)
		crud_refuse(errors, "task_id",
			    "이 팀이 총괄하는 팀 1혁신과제(과제 종류 '팀 1혁신과제')만 고를 수 "
			    "있습니다.");
	return ERR_OK;
}

static enum err charter_before(struct request *req, const struct entity *e, int64_t id,
			       const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	char team[200] = "";
	enum err why = on_a_team(req, values, row, errors, team, sizeof team);
	if (why == ERR_OK)
		why = charter_task(req, values, row, errors);
	if (why || json_object_size(errors))
		return why;
	int dup = taken(req,
			"SELECT COUNT(*) FROM team_charters WHERE org_id = ? AND year = ? AND "
			"department_id = ? AND archived_at IS NULL AND id <> ?",
			values, row, NULL, NULL, id);
	if (dup < 0)
		return ERR_DB_UNAVAILABLE;
	if (dup)
		return crud_refuse(errors, "year",
				   "이 팀의 그 해 팀 업무혁신 헌장이 이미 있습니다.");
	int64_t year = json_integer_value(crud_value_of(values, row, "year"));
	char title[260];
	snprintf(title, sizeof title, "%s %lld년 팀 업무혁신", team, (long long)year);
	json_object_set_new(values, "title", json_string(title));
	/* done on the day mission, vision and goals are first all there */
	int done = filled(values, row, "mission") && filled(values, row, "vision") &&
		   filled(values, row, "goals");
	const char *was = row ? row_text(row, "completed_on") : "";
	if (done && !*was) {
		char today[11];
		utc_today(today);
		json_object_set_new(values, "completed_on", json_string(today));
	} else if (!done && *was) {
		json_object_set_new(values, "completed_on", json_null());
	}
	return ERR_OK;
}

static const struct field charter_fields[] = {
	{"title", "헌장", "Charter", F_TEXT, L | S | X | RO, 0, 260, NULL, NULL},
	{"department_id", "팀", "Team", F_REF, F | X | R, 0, 0, NULL, "departments"},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"met_on", "팀 업무혁신 meeting 일자", "Meeting held on", F_DATE, L | O | X, 0, 0, NULL,
	 NULL},
	{"mission", "임무", "Mission", F_MEMO, S | X, 0, 2000, NULL, NULL},
	{"vision", "비전", "Vision", F_MEMO, S | X, 0, 2000, NULL, NULL},
	{"goals", "목표", "Goals", F_MEMO, S | X, 0, 4000, NULL, NULL},
	{"directions", "추진방향", "Directions", F_MEMO, S | X, 0, 4000, NULL, NULL},
	{"completed_on", "수립일 (임무·비전·목표를 모두 적은 날)", "Completed on", F_DATE,
	 L | O | X | RO, 0, 0, NULL, NULL},
	{"task_id", "팀 1혁신과제", "Team innovation task", F_REF, L | X, 0, 0, NULL, "tasks"},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity manuals_charters = {
	.name = "team-charters",
	.table = "team_charters",
	.label = "팀 업무혁신 헌장",
	.label_en = "Team charters",
	.title_field = "title",
	.default_sort = "-year",
	.fields = charter_fields,
	.n_fields = sizeof charter_fields / sizeof charter_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = WRITERS,
	.scope_field = "department_id",
	.before_write = charter_before,
};

/* ---- manuals ---- */

static enum err manual_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	char team[200] = "";
	enum err why = on_a_team(req, values, row, errors, team, sizeof team);
	if (why || json_object_size(errors))
		return why;
	const char *kind = json_string_value(crud_value_of(values, row, "kind"));
	const char *duty = json_string_value(crud_value_of(values, row, "duty"));
	duty = duty ? duty : "";
	/* an empty field comes as null: the column keeps '' (the unique key's) */
	if (json_is_null(json_object_get(values, "duty")))
		json_object_set_new(values, "duty", json_string(""));
	int unit = kind && !strcmp(kind, "unit");
	if (unit && !*duty)
		return crud_refuse(errors, "duty",
				   "단위사무 매뉴얼은 담당 단위사무를 적어야 합니다.");
	if (!unit && *duty)
		return crud_refuse(errors, "duty",
				   "기본업무매뉴얼은 팀에 하나입니다. 단위사무는 비워 두십시오.");
	int dup = taken(req,
			"SELECT COUNT(*) FROM manuals WHERE org_id = ? AND year = ? AND "
			"department_id = ? AND kind = ? AND duty = ? AND archived_at IS NULL AND "
			"id <> ?",
			values, row, kind ? kind : "", duty, id);
	if (dup < 0)
		return ERR_DB_UNAVAILABLE;
	if (dup)
		return crud_refuse(errors, unit ? "duty" : "kind",
				   unit ? "이 팀의 그 해 같은 단위사무 매뉴얼이 이미 있습니다."
					: "이 팀의 그 해 기본업무매뉴얼이 이미 있습니다.");
	return ERR_OK;
}

static const struct field manual_fields[] = {
	{"title", "매뉴얼명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"department_id", "팀", "Team", F_REF, L | F | X | R, 0, 0, NULL, "departments"},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, L | F | X | R, 0, 0, manuals_kinds, NULL},
	{"duty", "담당 단위사무 (단위사무 매뉴얼)", "Duty (unit manual)", F_TEXT, L | S | X, 0, 100,
	 NULL, NULL},
	{"versions", "최신 판", "Latest version", F_INT, L | O | X | RO, 0, 1000000, NULL, NULL},
	{"first_saved_on", "처음 작성한 날", "First saved", F_DATE, L | O | X | RO, 0, 0, NULL,
	 NULL},
	{"last_saved_on", "마지막 고친 날", "Last saved", F_DATE, X | RO, 0, 0, NULL, NULL},
};

static const struct field save_inputs[] = {
	{"body", "본문 (Markdown)", "Text (Markdown)", F_MEMO, R, 1, MANUALS_BODY_MAX, NULL, NULL},
	{"note", "고친 내용", "What changed", F_TEXT, 0, 0, 200, NULL, NULL},
};

static const struct action manual_actions[] = {
	{.name = "save",
	 .label = "새 판으로 저장",
	 .inputs = save_inputs,
	 .n_inputs = COUNT_OF(save_inputs),
	 .allow = WRITERS,
	 .permit = manuals_save_permit,
	 .run = manuals_save_run,
	 .done = "새 판으로 저장했습니다."},
};

const struct entity manuals_manuals = {
	.name = "manuals",
	.table = "manuals",
	.label = "업무 매뉴얼",
	.label_en = "Work manuals",
	.title_field = "title",
	.default_sort = "title",
	.fields = manual_fields,
	.n_fields = sizeof manual_fields / sizeof manual_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = WRITERS,
	.scope_field = "department_id",
	.before_write = manual_before,
	.show_template = "manuals/show",
	.show = manuals_show,
	.actions = manual_actions,
	.n_actions = COUNT_OF(manual_actions),
};

/* ---- versions ---- */

static const struct field version_fields[] = {
	{"manual_id", "매뉴얼", "Manual", F_REF, L | F | X | RO, 0, 0, NULL, "manuals"},
	{"version", "판", "Version", F_INT, L | O | X | RO, 1, 1000000, NULL, NULL},
	{"author_name", "작성자", "Author", F_TEXT, L | S | X | RO, 0, 100, NULL, NULL},
	{"saved_on", "저장한 날", "Saved on", F_DATE, L | O | X | RO, 0, 0, NULL, NULL},
	{"note", "고친 내용", "What changed", F_TEXT, L | S | X | RO, 0, 200, NULL, NULL},
	{"body", "본문 (Markdown)", "Text (Markdown)", F_MEMO, X | RO, 0, MANUALS_BODY_MAX, NULL,
	 NULL},
};

const struct entity manuals_versions = {
	.name = "manual-versions",
	.table = "manual_versions",
	.label = "매뉴얼 판",
	.label_en = "Manual versions",
	.title_field = "version",
	.default_sort = "-id",
	.fields = version_fields,
	.n_fields = sizeof version_fields / sizeof version_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.append_only = 1,
};
