/*
 * entities.c: the declarations of the task module and their rules: who may
 * edit a task (its lead or cooperating departments' managers), how a report
 * finds its task, and the hooks that keep progress and the dashboards'
 * totals current (progress.c does the arithmetic).
 */
#include "mod/tasks/tasks.h"

#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "db/db.h"
#include "http/http.h"
#include "crud/declare.h" /* last: its one-letter names must not reach the headers above */

const struct choice tasks_kinds[] = {
	{"common", "공통혁신과제", "Common task"},
	{"key", "중점과제", "Key task"},
	{"department", "부서과제", "Department task"},
	{"dong_required", "동 필수과제", "Neighbourhood task (required)"},
	{"dong_optional", "동 선택과제", "Neighbourhood task (optional)"},
	{"team", "팀 1혁신과제", "Team task"},
	{"civil", "민원제도개선과제", "Civil-service improvement"},
	{"brand", "브랜드사업", "Brand project"},
	{NULL, NULL, NULL},
};

const struct choice tasks_statuses[] = {
	{"discovered", "발굴", "Discovered"},
	{"in_progress", "추진", "In progress"},
	{"done", "완료", "Done"},
	{"on_hold", "보류", "On hold"},
	{NULL, NULL, NULL},
};

const struct choice tasks_meeting_kinds[] = {
	{"discovery", "과제 발굴 보고회", "Task discovery report"},
	{"bureau_progress", "국별 추진상황 보고회", "Bureau progress report"},
	{"monthly_report", "월례 보고회", "Monthly report meeting"},
	{"strategy", "전략회의", "Strategy meeting"},
	{"tft", "TFT 회의", "Task force"},
	{"working_level", "실무협의회", "Working-level council"},
	{"workshop", "워크숍", "Workshop"},
	{"regular", "정기회의", "Regular meeting"},
	{"wg", "W/G 회의", "Working group"},
	{"supporters", "서포터즈 회의", "Supporters' meeting"},
	{"complaint_council", "민원제도개선협의회", "Complaint-system council"},
	{"complaint_monitors", "민원제도개선 과제발굴 모니터단", "Complaint-task monitors"},
	{"other", "기타", "Other"},
	{NULL, NULL, NULL},
};

const struct choice tasks_redesign_kinds[] = {
	{"redesign", "업무프로세스 재설계", "Process redesign"},
	{"discard", "불필요한 일 버리기", "Discard unnecessary work"},
	{"method", "방법 개선", "Method improvement"},
	{NULL, NULL, NULL},
};

const struct choice tasks_redesign_categories[] = {
	{"procedure", "절차개선", "Procedure"},
	{"time", "처리기간단축", "Shorter processing"},
	{"convenience", "민원편의제공", "Convenience"},
	{"work", "업무개선", "Work improvement"},
	{"other", "기타", "Other"},
	{NULL, NULL, NULL},
};

static const struct choice redesign_statuses[] = {
	{"proposed", "제안", "Proposed"},
	{"adopted", "채택", "Adopted"},
	{"done", "완료", "Done"},
	{"dropped", "중단", "Dropped"},
	{NULL, NULL, NULL},
};

/* ---- who may edit a task ---- */

/* 1 if the signed-in user may change task id and what hangs on it: an
 * administrator, or a manager whose subtree holds its lead department or
 * one of its cooperating departments.  A query that fails answers 0: a
 * permit hook says yes or no, and no is the safe answer. */
static int may_edit_task(struct request *req, int64_t id)
{
	if (req->who.role == ROLE_ADMIN)
		return 1;
	if (req->who.role != ROLE_MANAGER || id <= 0)
		return 0;
	struct db_conn *c = request_db(req);
	return c && db_int(c, NULL, 0,
			   "SELECT COUNT(*) FROM departments d WHERE d.id IN " DEPT_SUBTREE
			   " AND (d.id = (SELECT lead_department_id FROM tasks WHERE id = ? AND "
			   "org_id = ?) OR d.id IN (SELECT ref_id FROM record_links WHERE entity = "
			   "'tasks' AND field = 'cooperating_departments' AND record_id = ?))",
			   "iittiii", req->who.department_id, req->who.org_id, req->who.dept_lo,
			   req->who.dept_hi, id, req->who.org_id, id) > 0;
}

static int task_permit(struct request *req, const struct entity *e, enum entity_action act,
		       const json_t *row)
{
	if (act == ACT_READ)
		return 1;
	if (act == ACT_CREATE) /* a manager starts tasks their own department leads */
		return req->who.role == ROLE_ADMIN ||
		       (req->who.role == ROLE_MANAGER &&
			crud_dept_in_scope(req, row_int(row, "lead_department_id")));
	return may_edit_task(req, row_int(row, "id"));
}

/* A unit project or report: as its task (on create, the task it names). */
static int part_permit(struct request *req, const struct entity *e, enum entity_action act,
		       const json_t *row)
{
	if (act == ACT_READ)
		return 1;
	int64_t task = row_int(row, "task_id");
	if (!task && json_is_integer(json_object_get(row, "unit_project_id"))) {
		/* a failed query leaves task 0, which may_edit_task() refuses */
		struct db_conn *c = request_db(req);
		task = c ? db_int(c, NULL, 0,
				  "SELECT task_id FROM unit_projects WHERE id = ? AND org_id = ?",
				  "ii", row_int(row, "unit_project_id"), req->who.org_id)
			 : 0;
	}
	return may_edit_task(req, task);
}

/* ---- hooks keeping progress and totals current ---- */

/* A task's share of the totals, as the row shows it (nothing if archived). */
static enum err task_share(struct db_conn *c, int64_t org, const json_t *row, int sign)
{
	if (!row || json_is_true(json_object_get(row, "archived")))
		return ERR_OK;
	return tasks_totals_add(c, org, row_int(row, "lead_department_id"), row_int(row, "year"),
				row_text(row, "kind"), row_text(row, "status"),
				row_int(row, "progress"), sign);
}

/* After a task's write: its old share out, its progress re-derived (which
 * puts its new share in). */
static enum err task_after(struct request *req, const struct entity *e, int64_t id,
			   const json_t *before, const json_t *after)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	/* the old share out; the new one goes in as progress is re-derived */
	enum err why = task_share(c, org, before, -1);
	if (why != ERR_OK || !after) /* archived: its share is gone */
		return why;
	return tasks_refresh(c, org, id, 0);
}

/* After a unit project's or report's write: its task (and the task it
 * left, if it moved) re-derived. */
static enum err part_after(struct request *req, const struct entity *e, int64_t id,
			   const json_t *before, const json_t *after)
{
	struct db_conn *c = request_db(req);
	int64_t was = row_int(before, "task_id");
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT task_id FROM %s WHERE id = ?", e->table);
	int rc;
	int64_t now = db_int(c, &rc, 0, sql, "i", id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	enum err why = ERR_OK;
	if (e == &tasks_unit_projects && was && now && was != now && /* its reports go with it */
	    db_run(c, NULL, "UPDATE progress_reports SET task_id = ? WHERE unit_project_id = ?",
		   "ii", now, id) != DB_OK)
		why = ERR_DB_UNAVAILABLE;
	if (why == ERR_OK && now)
		why = tasks_refresh(c, req->who.org_id, now, 1);
	if (why == ERR_OK && was && was != now)
		why = tasks_refresh(c, req->who.org_id, was, 1);
	return why;
}

/* A report names its task, or a unit project (whose task it then is). */
static void report_validate(struct request *req, const struct entity *e, int64_t id, json_t *values,
			    json_t *errors)
{
	const char *month = json_string_value(json_object_get(values, "month"));
	if (month && (strlen(month) != 7 || !month_valid(month)))
		json_object_set_new(errors, "month",
				    json_string("보고 월은 2007-03 꼴로 입력해 주세요."));
	if (!id && !json_is_integer(json_object_get(values, "task_id")) &&
	    !json_is_integer(json_object_get(values, "unit_project_id")))
		json_object_set_new(errors, "task_id",
				    json_string("과제나 단위사업 가운데 하나는 골라야 합니다."));
}

static enum err report_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	json_t *unit = values ? json_object_get(values, "unit_project_id") : NULL;
	if (!json_is_integer(unit))
		return ERR_OK;
	int rc;
	int64_t task = db_int(request_db(req), &rc, 0,
			      "SELECT task_id FROM unit_projects WHERE id = ? AND org_id = ?", "ii",
			      (int64_t)json_integer_value(unit), req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	json_t *named = json_object_get(values, "task_id");
	if (json_is_integer(named) && json_integer_value(named) != task)
		json_object_set_new(errors, "unit_project_id",
				    json_string("고른 단위사업은 이 과제의 것이 아닙니다."));
	else
		json_object_set_new(values, "task_id", json_integer(task));
	return ERR_OK;
}

static enum err meeting_after(struct request *req, const struct entity *e, int64_t id,
			      const json_t *before, const json_t *after)
{
	struct db_conn *c = request_db(req);
	enum err why = ERR_OK;
	if (before && !json_is_true(json_object_get(before, "archived")))
		why = tasks_meeting_count_add(c, req->who.org_id, row_int(before, "department_id"),
					      row_text(before, "held_on"), row_text(before, "kind"),
					      -1);
	if (why == ERR_OK && after)
		why = tasks_meeting_count_add(c, req->who.org_id, row_int(after, "department_id"),
					      row_text(after, "held_on"), row_text(after, "kind"),
					      1);
	return why;
}

/* Advice carries who gave it; a supporter changes only their own. */
static enum err advice_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!id && values) {
		json_object_set_new(values, "author_user_id", json_integer(req->who.user_id));
		json_object_set_new(values, "author_name", json_string(req->who.name));
	}
	return ERR_OK;
}

static int advice_permit(struct request *req, const struct entity *e, enum entity_action act,
			 const json_t *row)
{
	if (act == ACT_READ || act == ACT_CREATE || req->who.role == ROLE_ADMIN)
		return 1;
	return row_int(row, "author_user_id") == req->who.user_id;
}

/* ---- declarations ---- */

static const struct field task_fields[] = {
	{"seq", "연번", "No.", F_INT, L | O | X, 1, 1000, NULL, NULL},
	{"title", "과제명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, tasks_kinds, NULL},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"lead_department_id", "총괄부서", "Lead department", F_REF, L | F | X, 0, 0, NULL,
	 "departments"},
	{"cooperating_departments", "협조부서", "Cooperating departments", F_REFS, L | F | X, 0, 50,
	 NULL, "departments"},
	{"executing_all", "추진부서: 전 부서", "Executed by all departments", F_BOOL, F | X, 0, 1,
	 NULL, NULL},
	{"executing_departments", "추진부서", "Executing departments", F_REFS, F | X, 0, 300, NULL,
	 "departments"},
	{"executing_note", "추진부서 (묶음)", "Executing group", F_TEXT, X, 0, 50, NULL, NULL},
	{"purpose", "목적", "Purpose", F_MEMO, X, 0, 2000, NULL, NULL},
	{"directions", "추진방향", "Directions", F_MEMO, X, 0, 4000, NULL, NULL},
	{"plan", "세부 추진계획", "Detailed plan", F_MEMO, X | FL_OWN_SHOW, 0, 8000, NULL, NULL},
	{"indicators", "성과지표", "Indicators", F_MEMO, X, 0, 4000, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | O | X | R, 0, 0, tasks_statuses, NULL},
	{"progress", "진도율(%)", "Progress (%)", F_INT, L | O | X | RO, 0, 100, NULL, NULL},
	{"last_report_month", "최근 보고 월", "Last reported", F_TEXT, O | X | RO, 0, 7, NULL,
	 NULL},
};

static const char *const task_export_header[] = {"연번", "과제명", "총괄부서",
						 "협조부서 (추진부서)", NULL};

/* The seed's table (Ⅳ-1-1): 연번, 과제명, 총괄부서, 협조부서 (추진부서). */
static size_t task_export_row(const struct entity *e, const json_t *row, size_t n,
			      const char *cells[16], char buf[1024])
{
	size_t used = 0;
	int w = snprintf(buf, 1024, "%zu", n);
	cells[0] = buf;
	used = (size_t)w + 1;
	cells[1] = row_text(row, "title");
	cells[2] = row_text(row, "lead_department_id_title");
	char *out = buf + used;
	size_t room = 1024 - used, len = 0;
	out[0] = '\0'; /* buf is the last row's: a task with neither stays empty */
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(row, "cooperating_departments_titles"), i, x)
	{
		int k = snprintf(out + len, room - len, "%s%s", i ? ", " : "",
				 json_string_value(x));
		len += k > 0 && (size_t)k < room - len ? (size_t)k : 0;
	}
	const char *group = json_is_true(json_object_get(row, "executing_all")) ? "전 부서"
			    : *row_text(row, "executing_note") ? row_text(row, "executing_note")
							       : NULL;
	json_t *exec = json_object_get(row, "executing_departments_titles");
	if (group || json_array_size(exec)) {
		int k = snprintf(out + len, room - len, "%s(", len ? " " : "");
		len += k > 0 && (size_t)k < room - len ? (size_t)k : 0;
		if (group) {
			k = snprintf(out + len, room - len, "%s", group);
			len += k > 0 && (size_t)k < room - len ? (size_t)k : 0;
		} else {
			json_array_foreach(exec, i, x)
			{
				k = snprintf(out + len, room - len, "%s%s", i ? ", " : "",
					     json_string_value(x));
				len += k > 0 && (size_t)k < room - len ? (size_t)k : 0;
			}
		}
		k = snprintf(out + len, room - len, ")");
		len += k > 0 && (size_t)k < room - len ? (size_t)k : 0;
	}
	cells[3] = out;
	return 4;
}

const struct entity tasks_tasks = {
	.name = "tasks",
	.table = "tasks",
	.label = "혁신과제",
	.label_en = "Innovation tasks",
	.title_field = "title",
	.default_sort = "seq",
	.fields = task_fields,
	.n_fields = sizeof task_fields / sizeof task_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.scope_field = "lead_department_id",
	.after_write = task_after,
	.permit = task_permit,
	.show_template = "tasks/show",
	.show = tasks_show,
	.export_header = task_export_header,
	.export_row = task_export_row,
};

static const struct field unit_fields[] = {
	{"task_id", "과제", "Task", F_REF, L | F | X | R, 0, 0, NULL, "tasks"},
	{"title", "단위사업명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"department_id", "추진부서", "Department", F_REF, L | F | X, 0, 0, NULL, "departments"},
	{"weight", "가중치", "Weight", F_INT, L | X | R, 1, 100, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | O | X | R, 0, 0, tasks_statuses, NULL},
	{"description", "내용", "Description", F_MEMO, X, 0, 4000, NULL, NULL},
	{"progress", "진도율(%)", "Progress (%)", F_INT, L | O | X | RO, 0, 100, NULL, NULL},
	{"last_report_month", "최근 보고 월", "Last reported", F_TEXT, O | X | RO, 0, 7, NULL,
	 NULL},
};

const struct entity tasks_unit_projects = {
	.name = "unit-projects",
	.table = "unit_projects",
	.label = "단위사업",
	.label_en = "Unit projects",
	.title_field = "title",
	.default_sort = "title",
	.fields = unit_fields,
	.n_fields = sizeof unit_fields / sizeof unit_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.after_write = part_after,
	.permit = part_permit,
};

static const struct field report_fields[] = {
	{"task_id", "과제", "Task", F_REF, L | F | X, 0, 0, NULL, "tasks"},
	{"unit_project_id", "단위사업", "Unit project", F_REF, L | F | X, 0, 0, NULL,
	 "unit-projects"},
	{"month", "보고 월", "Month", F_TEXT, L | F | O | X | R, 7, 7, NULL, NULL},
	{"progress", "진도율(%)", "Progress (%)", F_INT, L | O | X | R, 0, 100, NULL, NULL},
	{"content", "추진 내용", "Content", F_MEMO, S | X | R, 1, 4000, NULL, NULL},
	{"problems", "문제점", "Problems", F_MEMO, X, 0, 4000, NULL, NULL},
	{"next_steps", "향후 계획", "Next steps", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity tasks_progress_reports = {
	.name = "progress-reports",
	.table = "progress_reports",
	.label = "월별 추진실적",
	.label_en = "Progress reports",
	.title_field = "month",
	.default_sort = "-month",
	.fields = report_fields,
	.n_fields = sizeof report_fields / sizeof report_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.attachments = 1,
	.validate = report_validate,
	.before_write = report_before,
	.after_write = part_after,
	.permit = part_permit,
};

static const struct field meeting_fields[] = {
	{"held_on", "일자", "Date", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"kind", "회의 종류", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, tasks_meeting_kinds, NULL},
	{"title", "회의명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"place", "장소", "Place", F_TEXT, X, 0, 100, NULL, NULL},
	{"department_id", "주관부서", "Host department", F_REF, L | F | X, 0, 0, NULL,
	 "departments"},
	{"working_group_id", "워킹그룹", "Working group", F_REF, F | X, 0, 0, NULL,
	 "working-groups"},
	{"attendees", "참석자", "Attendees", F_REFS, X, 0, 500, NULL, "staff"},
	{"tasks", "논의한 과제", "Tasks discussed", F_REFS, F | X, 0, 100, NULL, "tasks"},
	{"minutes", "회의록", "Minutes", F_MEMO, S | X, 0, 20000, NULL, NULL},
	{"decisions", "결정사항", "Decisions", F_MEMO, X, 0, 8000, NULL, NULL},
};

const struct entity tasks_meetings = {
	.name = "meetings",
	.table = "meetings",
	.label = "회의",
	.label_en = "Meetings",
	.title_field = "title",
	.default_sort = "-held_on",
	.fields = meeting_fields,
	.n_fields = sizeof meeting_fields / sizeof meeting_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.scope_field = "department_id",
	.after_write = meeting_after,
};

static const struct field redesign_fields[] = {
	{"kind", "구분", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, tasks_redesign_kinds, NULL},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"department_id", "부서", "Department", F_REF, L | F | X, 0, 0, NULL, "departments"},
	{"work", "업무", "Work", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"category", "개선 유형", "Category", F_CHOICE, L | F | O | X, 0, 0,
	 tasks_redesign_categories, NULL},
	{"before_text", "개선 전", "Before", F_MEMO, X, 0, 4000, NULL, NULL},
	{"after_text", "개선 후", "After", F_MEMO, X, 0, 4000, NULL, NULL},
	{"effect", "효과", "Effect", F_MEMO, X, 0, 4000, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | O | X | R, 0, 0, redesign_statuses, NULL},
};

const struct entity tasks_process_redesigns = {
	.name = "process-redesigns",
	.table = "process_redesigns",
	.label = "일하는 방식 개선",
	.label_en = "Work-process redesign",
	.title_field = "work",
	.default_sort = "work",
	.fields = redesign_fields,
	.n_fields = sizeof redesign_fields / sizeof redesign_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.scope_field = "department_id",
};

static const struct field group_fields[] = {
	{"name", "이름", "Name", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"task_id", "과제", "Task", F_REF, L | F | X, 0, 0, NULL, "tasks"},
	{"leader_id", "대표", "Leader", F_REF, L | X, 0, 0, NULL, "staff"},
	{"members", "구성원", "Members", F_REFS, X, 0, 200, NULL, "staff"},
	{"purpose", "목적", "Purpose", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity tasks_working_groups = {
	.name = "working-groups",
	.table = "working_groups",
	.label = "워킹그룹",
	.label_en = "Working groups",
	.title_field = "name",
	.default_sort = "name",
	.fields = group_fields,
	.n_fields = sizeof group_fields / sizeof group_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN,
};

static const struct field advice_fields[] = {
	{"task_id", "과제", "Task", F_REF, L | F | X | R, 0, 0, NULL, "tasks"},
	{"content", "조언", "Advice", F_MEMO, L | S | X | R, 1, 4000, NULL, NULL},
	{"author_name", "작성자", "Author", F_TEXT, L | X | RO, 0, 100, NULL, NULL},
	{"author_user_id", "작성자 계정", "Author account", F_INT, RO, 0, 0, NULL, NULL},
};

const struct entity tasks_advice = {
	.name = "task-advice",
	.table = "task_advice",
	.label = "과제 조언",
	.label_en = "Advice on tasks",
	.title_field = "content",
	.default_sort = "-id",
	.fields = advice_fields,
	.n_fields = sizeof advice_fields / sizeof advice_fields[0],
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_SUPPORTER),
	.before_write = advice_before,
	.permit = advice_permit,
};
