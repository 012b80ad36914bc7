/*
 * entities.c: courses, their sessions and enrolments, and their rules:
 * an administrator keeps the courses; a member applies for themselves, a
 * department manager enrols their department's staff, an administrator
 * anyone.  Capacity and target grades are checked at application, with
 * the reason in Korean.  Confirmation and completion are actions.
 */
#include "mod/courses/courses.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"

#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"
#include "crud/declare.h" /* last: its one-letter names must not reach the headers above */

const struct choice courses_kinds[] = {
	{"special", "특별교육", "Special course"},
	{"exec5", "5급 간부 교육", "Grade-5 managers' course"},
	{"newcomer", "신규직원 교육", "Newcomers' course"},
	{"cyber_mini", "사이버 미니과정", "Cyber course (short)"},
	{"cyber_expert", "사이버 전문가과정", "Cyber course (expert)"},
	{"external", "외부 위탁교육", "External course"},
	{"poster", "온라인 포스터 교육", "Online poster course"},
	{"lecture", "초청 강연", "Guest lecture"},
	{NULL, NULL, NULL},
};

const struct choice courses_statuses[] = {
	{"applied", "신청", "Applied"},
	{"confirmed", "확정", "Confirmed"},
	{"completed", "이수", "Completed"},
	{"not_completed", "미이수", "Not completed"},
	{NULL, NULL, NULL},
};

int courses_completed(struct db_conn *c, int64_t org, int64_t staff_id, const char *kind, int year)
{
	int rc;
	int64_t n = db_int(c, &rc, 0,
			   "SELECT /* bounded: one person's enrolments */ COUNT(*) FROM enrolments "
			   "e JOIN courses k ON k.id = e.course_id WHERE e.staff_id = ? AND "
			   "e.status = 'completed' AND e.archived_at IS NULL AND k.org_id = ? AND "
			   "k.kind = ? AND k.archived_at IS NULL AND (? = 0 OR k.year = ?)",
			   "iitii", staff_id, org, kind ? kind : "", (int64_t)year, (int64_t)year);
	if (rc == DB_ERR)
		return -1;
	return n > 0 ? 1 : 0;
}

/* ---- courses ---- */

/* "6급, g7 8급" → "g6,g7,g8" (the staff grades' codes, in their order);
 * 0, or -1 naming the word not understood in bad. */
static int grades_norm(const char *in, char *out, size_t len, char *bad, size_t badlen)
{
	int want[16] = {0};
	char word[64];
	size_t w = 0;
	for (const char *p = in;; p++) {
		if (*p && *p != ',' && *p != ' ' && *p != '\t' && *p != '/' && *p != '.') {
			if (w + 1 < sizeof word)
				word[w++] = *p;
			continue;
		}
		word[w] = 0;
		if (w) {
			int found = -1;
			for (int i = 0; org_grades[i].value; i++)
				if (!strcmp(word, org_grades[i].value) ||
				    !strcmp(word, org_grades[i].label))
					found = i;
			if (found < 0) {
				snprintf(bad, badlen, "%s", word);
				return -1;
			}
			want[found] = 1;
		}
		w = 0;
		if (!*p)
			break;
	}
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; org_grades[i].value && i < 16; i++)
		if (want[i])
			o += (size_t)snprintf(out + o, len - o, "%s%s", o ? "," : "",
					      org_grades[i].value);
	return 0;
}

static enum err course_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *before, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *g = json_string_value(json_object_get(values, "target_grades"));
	if (g) {
		char norm[200], bad[64];
		if (grades_norm(g, norm, sizeof norm, bad, sizeof bad) != 0) {
			char msg[160];
			snprintf(msg, sizeof msg,
				 "'%s'은(는) 직급이 아닙니다. 예: 6급, 7급 (또는 g6,g7)", bad);
			json_object_set_new(errors, "target_grades", json_string(msg));
			return ERR_INVALID;
		}
		json_object_set_new(values, "target_grades", json_string(norm));
	}
	return ERR_OK;
}

static const struct field course_fields[] = {
	{"title", "과정명", "Title", F_TEXT, L | S | O | X | R, 2, 200, NULL, NULL},
	{"kind", "교육 구분", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, courses_kinds, NULL},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"target_grades", "대상 직급 (예: 6급, 7급; 비우면 전 직급)", "Target grades", F_TEXT,
	 L | X, 0, 200, NULL, NULL},
	{"target_groups", "대상 그룹", "Target groups", F_TEXT, X, 0, 200, NULL, NULL},
	{"hours", "교육 시간", "Hours", F_INT, L | X, 0, 1000, NULL, NULL},
	{"provider", "교육 기관", "Provider", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"capacity", "정원 (비우면 제한 없음)", "Capacity", F_INT, L | X, 1, 100000, NULL, NULL},
	{"description", "내용", "Description", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity courses_courses = {
	.name = "courses",
	.table = "courses",
	.label = "혁신교육 과정",
	.label_en = "Courses",
	.title_field = "title",
	.default_sort = "-year",
	.fields = course_fields,
	.n_fields = sizeof course_fields / sizeof course_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = course_before,
};

/* ---- sessions ---- */

static void session_validate(struct request *req, const struct entity *e, int64_t id,
			     json_t *values, json_t *errors)
{
	const char *from = json_string_value(json_object_get(values, "starts_on")),
		   *to = json_string_value(json_object_get(values, "ends_on"));
	if (from && to && strcmp(from, to) > 0)
		json_object_set_new(errors, "ends_on",
				    json_string("끝나는 날은 시작하는 날보다 앞설 수 없습니다."));
}

static const struct field session_fields[] = {
	{"course_id", "과정", "Course", F_REF, L | F | X | R, 0, 0, NULL, "courses"},
	{"round", "차수", "Round", F_INT, L | O | X | R, 1, 100, NULL, NULL},
	{"starts_on", "시작일", "Starts", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"ends_on", "종료일", "Ends", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"place", "장소", "Place", F_TEXT, L | X, 0, 200, NULL, NULL},
};

const struct entity courses_sessions = {
	.name = "course-sessions",
	.table = "course_sessions",
	.label = "교육 일정",
	.label_en = "Course sessions",
	.title_field = "starts_on",
	.default_sort = "starts_on",
	.fields = session_fields,
	.n_fields = sizeof session_fields / sizeof session_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.validate = session_validate,
};

/* ---- enrolments ---- */

/* The signed-in person's staff id (0: none). */
static int64_t my_staff(struct request *req)
{
	return mileage_staff_of_user(request_db(req), req->who.org_id, req->who.user_id);
}

/* The department of staff id (0: none or not the organisation's). */
static int64_t staff_dept(struct request *req, int64_t staff)
{
	return db_int(request_db(req), NULL, 0,
		      "SELECT COALESCE(department_id, 0) FROM staff WHERE id = ? AND org_id = ?",
		      "ii", staff, req->who.org_id);
}

/* An administrator: everything; a manager: their subtree's staff; anyone
 * else: applies for themselves and withdraws an application not yet
 * confirmed. */
static int enrolment_permit(struct request *req, const struct entity *e, enum entity_action act,
			    const json_t *row)
{
	if (act == ACT_READ || req->who.role == ROLE_ADMIN)
		return 1;
	int64_t staff = row_int(row, "staff_id");
	if (req->who.role == ROLE_MANAGER)
		return crud_dept_in_scope(req, act == ACT_CREATE ? staff_dept(req, staff)
								 : row_int(row, "department_id"));
	if (staff != my_staff(req) || !staff)
		return 0;
	return act == ACT_CREATE || !strcmp(row_text(row, "status"), "applied");
}

static enum err refuse(json_t *errors, const char *field, const char *msg)
{
	json_object_set_new(errors, field, json_string(msg));
	return ERR_INVALID;
}

/* The application's rules: the course is live, the session is its, the
 * person is live staff of a target grade, the course not full; the row
 * gets the person's department, status applied and today. */
static enum err enrolment_before(struct request *req, const struct entity *e, int64_t id,
				 const json_t *before, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	if (id) {
		json_t *cv = json_object_get(values, "course_id"),
		       *sv = json_object_get(values, "staff_id");
		if ((cv && json_integer_value(cv) != row_int(before, "course_id")) ||
		    (sv && json_integer_value(sv) != row_int(before, "staff_id")))
			return refuse(errors, "course_id",
				      "신청한 과정과 직원은 바꿀 수 없습니다. 신청을 취소하고 "
				      "새로 신청하세요.");
		return ERR_OK;
	}
	int64_t course = json_integer_value(json_object_get(values, "course_id")),
		staff = json_integer_value(json_object_get(values, "staff_id")),
		session = json_integer_value(json_object_get(values, "session_id"));
	struct db_stmt *s = db_preparef(
		c,
		"SELECT title, COALESCE(target_grades, ''), COALESCE(capacity, 0), (SELECT "
		"COUNT(*) FROM enrolments n WHERE n.course_id = courses.id AND n.archived_at IS "
		"NULL AND n.status <> 'not_completed') FROM courses WHERE id = ? AND org_id = ? "
		"AND archived_at IS NULL",
		"ii", course, org);
	if (!s || db_step(s) != DB_ROW) {
		db_finalize(s);
		return s ? refuse(errors, "course_id", "없는 과정입니다.") : ERR_DB_UNAVAILABLE;
	}
	char title[256], targets[200];
	snprintf(title, sizeof title, "%s", db_column_text(s, 0));
	snprintf(targets, sizeof targets, "%s", db_column_text(s, 1));
	int64_t cap = db_column_int(s, 2), taken = db_column_int(s, 3);
	db_finalize(s);
	if (session && db_int(c, NULL, 0,
			      "SELECT COUNT(*) FROM course_sessions WHERE id = ? AND course_id = ? "
			      "AND archived_at IS NULL",
			      "ii", session, course) != 1)
		return refuse(errors, "session_id", "이 과정의 교육 일정이 아닙니다.");
	s = db_preparef(c,
			"SELECT grade, COALESCE(department_id, 0), active, name FROM staff WHERE "
			"id = ? AND org_id = ? AND archived_at IS NULL",
			"ii", staff, org);
	if (!s || db_step(s) != DB_ROW) {
		db_finalize(s);
		return s ? refuse(errors, "staff_id", "없는 직원입니다.") : ERR_DB_UNAVAILABLE;
	}
	char grade[32], name[128];
	snprintf(grade, sizeof grade, "%s", db_column_text(s, 0));
	snprintf(name, sizeof name, "%s", db_column_text(s, 3));
	int64_t dept = db_column_int(s, 1), active = db_column_int(s, 2);
	db_finalize(s);
	char msg[512];
	if (!active) {
		snprintf(msg, sizeof msg, "%s 님은 재직 중인 직원이 아닙니다.", name);
		return refuse(errors, "staff_id", msg);
	}
	if (*targets) {
		char padded[210], key[40];
		snprintf(padded, sizeof padded, ",%s,", targets);
		snprintf(key, sizeof key, ",%s,", grade);
		if (!strstr(padded, key)) {
			const struct field *gf = entity_field(&org_staff, "grade");
			char labels[200] = "";
			size_t o = 0;
			for (int i = 0; org_grades[i].value; i++) {
				snprintf(key, sizeof key, ",%s,", org_grades[i].value);
				if (strstr(padded, key))
					o += (size_t)snprintf(labels + o, sizeof labels - o, "%s%s",
							      o ? "·" : "", org_grades[i].label);
			}
			snprintf(msg, sizeof msg, "%s은(는) %s(%s)의 대상이 아닙니다.",
				 field_choice_label(gf, grade), title, labels);
			return refuse(errors, "staff_id", msg);
		}
	}
	if (cap > 0 && taken >= cap) {
		snprintf(msg, sizeof msg, "%s의 정원(%lld명)이 모두 찼습니다.", title,
			 (long long)cap);
		return refuse(errors, "course_id", msg);
	}
	if (db_int(c, NULL, 0,
		   "SELECT COUNT(*) FROM enrolments WHERE course_id = ? AND staff_id = ? AND "
		   "archived_at IS NULL",
		   "ii", course, staff) > 0) {
		snprintf(msg, sizeof msg, "%s 님은 이미 %s에 신청했습니다.", name, title);
		return refuse(errors, "staff_id", msg);
	}
	char today[11];
	utc_today(today);
	json_object_set_new(values, "department_id", dept ? json_integer(dept) : json_null());
	json_object_set_new(values, "status", json_string("applied"));
	json_object_set_new(values, "applied_on", json_string(today));
	return ERR_OK;
}

enum err courses_complete(struct db_conn *c, int64_t org, int64_t id, int64_t hours, const char *on)
{
	char now[24];
	utc_now(0, now);
	int64_t changed = 0;
	if (db_run(c, &changed,
		   "UPDATE enrolments SET status = 'completed', hours = CASE WHEN ? < 0 THEN "
		   "(SELECT hours FROM courses WHERE courses.id = enrolments.course_id) ELSE ? "
		   "END, completed_on = ?, updated_at = ? WHERE id = ? AND org_id = ? AND status "
		   "IN ('applied', 'confirmed') AND archived_at IS NULL",
		   "iittii", hours, hours, on, now, id, org) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed)
		return ERR_CONFLICT;
	int rc;
	int64_t staff = db_int(c, &rc, 0, "SELECT staff_id FROM enrolments WHERE id = ?", "i", id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	int64_t user = db_int(c, NULL, 0, "SELECT COALESCE(user_id, 0) FROM staff WHERE id = ?",
			      "i", staff);
	struct mileage_event ev = {org, "course.completed", "enrolments", id, staff, user, on,
				   NULL};
	return mileage_event(c, &ev);
}

/* A manager acts on their subtree's enrolments only. */
static enum err staff_permit(struct action_call *call)
{
	if (crud_dept_in_scope(call->req, row_int(call->row, "department_id")))
		return ERR_OK;
	call->detail = "담당 부서 직원의 신청만 처리할 수 있습니다.";
	return ERR_FORBIDDEN;
}

static enum err confirm_run(struct action_call *call)
{
	char now[24];
	utc_now(0, now);
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed,
		   "UPDATE enrolments SET status = 'confirmed', updated_at = ? WHERE id = ? AND "
		   "org_id = ? AND status = 'applied'",
		   "tii", now, call->id, call->req->who.org_id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "신청 상태인 수강만 확정할 수 있습니다.";
		return ERR_CONFLICT;
	}
	call->audit = json_pack("{s:[s,s]}", "status", row_text(call->row, "status"), "confirmed");
	return ERR_OK;
}

static enum err complete_run(struct action_call *call)
{
	char today[11];
	utc_today(today);
	const char *on = row_text(call->input, "completed_on");
	json_t *h = json_object_get(call->input, "hours");
	enum err why =
		courses_complete(request_db(call->req), call->req->who.org_id, call->id,
				 json_is_integer(h) ? json_integer_value(h) : -1, *on ? on : today);
	if (why == ERR_CONFLICT)
		call->detail = "이미 이수 처리했거나 미이수로 끝난 수강입니다.";
	if (why == ERR_OK)
		call->audit =
			json_pack("{s:[s,s], s:[n,s]}", "status", row_text(call->row, "status"),
				  "completed", "completed_on", *on ? on : today);
	return why;
}

static enum err fail_run(struct action_call *call)
{
	char now[24];
	utc_now(0, now);
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed,
		   "UPDATE enrolments SET status = 'not_completed', hours = 0, updated_at = ? "
		   "WHERE id = ? AND org_id = ? AND status IN ('applied', 'confirmed')",
		   "tii", now, call->id, call->req->who.org_id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "이미 이수 처리했거나 미이수로 끝난 수강입니다.";
		return ERR_CONFLICT;
	}
	call->audit =
		json_pack("{s:[s,s]}", "status", row_text(call->row, "status"), "not_completed");
	return ERR_OK;
}

static const struct field complete_inputs[] = {
	{"hours", "이수 시간 (비우면 과정의 시간)", "Hours (empty: the course's)", F_INT, 0, 0,
	 1000, NULL, NULL},
	{"completed_on", "이수일 (비우면 오늘)", "Completed on (empty: today)", F_DATE, 0, 0, 0,
	 NULL, NULL},
};

#define STAFF_DESK (ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER))
static const struct action enrolment_actions[] = {
	{.name = "confirm",
	 .label = "수강 확정",
	 .allow = STAFF_DESK,
	 .permit = staff_permit,
	 .run = confirm_run,
	 .done = "수강을 확정했습니다."},
	{.name = "complete",
	 .label = "이수 처리",
	 .inputs = complete_inputs,
	 .n_inputs = 2,
	 .allow = STAFF_DESK,
	 .permit = staff_permit,
	 .run = complete_run,
	 .done = "이수로 처리했습니다."},
	{.name = "fail",
	 .label = "미이수 처리",
	 .allow = STAFF_DESK,
	 .permit = staff_permit,
	 .run = fail_run,
	 .done = "미이수로 처리했습니다."},
};

static const struct field enrolment_fields[] = {
	{"course_id", "과정", "Course", F_REF, L | F | X | R, 0, 0, NULL, "courses"},
	{"session_id", "교육 일정", "Session", F_REF, L | X, 0, 0, NULL, "course-sessions"},
	{"staff_id", "직원", "Staff", F_REF, L | F | X | R, 0, 0, NULL, "staff"},
	{"department_id", "부서", "Department", F_REF, L | F | X | RO, 0, 0, NULL, "departments"},
	{"status", "상태", "Status", F_CHOICE, L | F | O | X | RO, 0, 0, courses_statuses, NULL},
	{"applied_on", "신청일", "Applied", F_DATE, L | O | X | RO, 0, 0, NULL, NULL},
	{"completed_on", "이수일", "Completed", F_DATE, L | O | X | RO, 0, 0, NULL, NULL},
	{"hours", "이수 시간", "Hours", F_INT, L | X | RO, 0, 1000, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, X, 0, 1000, NULL, NULL},
};

const struct entity courses_enrolments = {
	.name = "enrolments",
	.table = "enrolments",
	.label = "수강 신청",
	.label_en = "Enrolments",
	.title_field = "applied_on",
	.default_sort = "-id",
	.fields = enrolment_fields,
	.n_fields = sizeof enrolment_fields / sizeof enrolment_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_STAFF,
	.scope_field = "department_id",
	.permit = enrolment_permit,
	.before_write = enrolment_before,
	.actions = enrolment_actions,
	.n_actions = sizeof enrolment_actions / sizeof enrolment_actions[0],
};
