/*
 * entities.c: the clubs' entities (clubs.h): the regulation, clubs, their
 * members, meetings and outputs, the casebook's editions, with the hooks
 * that keep "1부서 1학습동아리", a department club's members in its
 * department's subtree, attendees among the members, and emit a meeting's
 * club.meeting_held and club.attended events.  Administrators write
 * everything; a manager their subtree's clubs; a club's 회장 and 총무 its
 * members, meetings and outputs; all staff read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/xalloc.h"
#include "crud/declare.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/clubs/clubs.h"
#include "mod/mileage/mileage.h"

const struct choice clubs_kinds[] = {
	{"general", "일반", "General"},
	{"department", "부서", "Department"},
	{NULL, NULL, NULL},
};

const struct choice clubs_statuses[] = {
	{"active", "활동", "Active"},
	{"dormant", "휴면", "Dormant"},
	{"dissolved", "해산", "Dissolved"},
	{NULL, NULL, NULL},
};

const struct choice clubs_roles[] = {
	{"president", "회장", "President"},
	{"secretary", "총무", "Secretary"},
	{"member", "회원", "Member"},
	{NULL, NULL, NULL},
};

const struct choice clubs_meeting_kinds[] = {
	{"meeting", "모임", "Meeting"},
	{"workshop", "워크숍", "Workshop"},
	{NULL, NULL, NULL},
};

const struct choice clubs_output_kinds[] = {
	{"study", "학습자료", "Study material"},
	{"case", "활동사례", "Case"},
	{"presentation", "사례발표", "Presentation"},
	{NULL, NULL, NULL},
};

static const struct choice casebook_statuses[] = {
	{"planned", "발간 계획", "Planned"},
	{"published", "발간", "Published"},
	{NULL, NULL, NULL},
};

/* ---- who may write a club's records ---- */

/* 1 if the signed-in person may keep club's members, meetings and outputs:
 * an administrator; a manager whose subtree holds the club's department;
 * the club's current 회장 or 총무. */
int clubs_may_keep(struct request *req, int64_t club)
{
	if (req->who.role == ROLE_ADMIN)
		return 1;
	struct db_conn *c = request_db(req);
	if (!c || club <= 0)
		return 0;
	int64_t dept =
		db_int(c, NULL, 0,
		       "SELECT COALESCE(department_id, 0) FROM clubs WHERE id = ? AND org_id = "
		       "? AND archived_at IS NULL",
		       "ii", club, req->who.org_id);
	if (req->who.role == ROLE_MANAGER && dept && crud_dept_in_scope(req, dept))
		return 1;
	int64_t me = mileage_staff_of_user(c, req->who.org_id, req->who.user_id);
	return me && db_int(c, NULL, 0,
			    "SELECT COUNT(*) FROM club_members WHERE club_id = ? AND staff_id = ? "
			    "AND role IN ('president', 'secretary') AND left_on IS NULL AND "
			    "archived_at IS NULL",
			    "ii", club, me) > 0;
}

/* A member, meeting or output: as its club (on create, the club named). */
static int part_permit(struct request *req, const struct entity *e, enum entity_action act,
		       const json_t *row)
{
	return act == ACT_READ || clubs_may_keep(req, row_int(row, "club_id"));
}

/* A write moving a part to another club needs the right to that one too. */
static enum err moved_to(struct request *req, const json_t *values, const json_t *before)
{
	json_t *to = json_object_get(values, "club_id");
	if (!before || !json_is_integer(to) || json_integer_value(to) == row_int(before, "club_id"))
		return ERR_OK;
	return clubs_may_keep(req, json_integer_value(to)) ? ERR_OK : ERR_FORBIDDEN;
}

/* ---- the regulation ---- */

static const struct field regulation_fields[] = {
	{"title", "규정명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"number", "번호", "Number", F_TEXT, L | S | X | R, 1, 50, NULL, NULL},
	{"issued_on", "제정일", "Issued", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"body", "본문", "Text", F_MEMO, S | X, 0, 40000, NULL, NULL},
};

const struct entity clubs_regulations = {
	.name = "club-regulations",
	.table = "club_regulations",
	.label = "학습동아리 운영 규정",
	.label_en = "Club regulations",
	.title_field = "title",
	.default_sort = "-issued_on",
	.fields = regulation_fields,
	.n_fields = sizeof regulation_fields / sizeof regulation_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

/* ---- clubs ---- */

/* 1 if staff's department lies in dept's subtree, 0 if not, -1 on a
 * database error. */
static int staff_in_subtree(struct db_conn *c, int64_t org, int64_t staff, int64_t dept)
{
	int rc;
	int64_t n = db_int(c, &rc, 0,
			   "SELECT COUNT(*) FROM staff s JOIN departments d ON d.id = "
			   "s.department_id JOIN departments top ON top.id = ? AND top.org_id = ? "
			   "WHERE s.id = ? AND (d.id = top.id OR (d.path >= top.path || top.id || "
			   "'/' AND d.path < top.path || top.id || '0'))",
			   "iii", dept, org, staff);
	return rc == DB_ERR ? -1 : n > 0;
}

/* "1부서 1학습동아리": a department club names its department, which has
 * no other live one; its 회장 (leader) is of the department's subtree. */
static enum err club_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	const char *kind = json_string_value(crud_value_of(values, row, "kind")),
		   *status = json_string_value(crud_value_of(values, row, "status"));
	int64_t dept = json_integer_value(crud_value_of(values, row, "department_id")),
		leader = json_integer_value(crud_value_of(values, row, "leader_id"));
	if (req->who.role == ROLE_MANAGER && (!dept || !crud_dept_in_scope(req, dept)))
		return crud_refuse(
			errors, "department_id",
			"담당 부서(하위 부서 포함)의 학습동아리만 만들거나 고칠 수 있습니다.");
	if (!kind || strcmp(kind, "department"))
		return ERR_OK;
	if (!dept)
		return crud_refuse(errors, "department_id",
				   "부서 학습동아리는 부서를 골라야 합니다.");
	if (!status || strcmp(status, "dissolved")) {
		struct db_stmt *s = db_preparef(
			c,
			"SELECT k.name, d.name FROM clubs k JOIN departments d ON d.id = "
			"k.department_id WHERE k.org_id = ? AND k.department_id = ? AND k.kind = "
			"'department' AND k.status <> 'dissolved' AND k.archived_at IS NULL AND "
			"k.id <> ?",
			"iii", org, dept, id);
		int rc = s ? db_step(s) : DB_ERR;
		if (rc == DB_ROW) {
			char msg[600];
			snprintf(msg, sizeof msg,
				 "%s에는 이미 부서 학습동아리 '%s'이(가) 있습니다. 1부서 "
				 "1학습동아리 원칙에 따라 부서 학습동아리는 부서마다 하나만 둘 수 "
				 "있습니다.",
				 db_column_text(s, 1), db_column_text(s, 0));
			db_finalize(s);
			return crud_refuse(errors, "department_id", msg);
		}
		db_finalize(s);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
	}
	if (leader &&
	    (!row || leader != row_int(row, "leader_id") || dept != row_int(row, "department_id") ||
	     strcmp(row_text(row, "kind"), kind))) {
		int in = staff_in_subtree(c, org, leader, dept);
		if (in < 0)
			return ERR_DB_UNAVAILABLE;
		if (!in)
			return crud_refuse(
				errors, "leader_id",
				"부서 학습동아리의 회장은 그 부서(하위 부서 포함) 직원이어야 "
				"합니다.");
	}
	return ERR_OK;
}

static int club_permit(struct request *req, const struct entity *e, enum entity_action act,
		       const json_t *row)
{
	if (act == ACT_READ || req->who.role == ROLE_ADMIN)
		return 1;
	return req->who.role == ROLE_MANAGER &&
	       crud_dept_in_scope(req, row_int(row, "department_id"));
}

static const struct field club_fields[] = {
	{"name", "동아리명", "Name", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, clubs_kinds, NULL},
	{"department_id", "부서 (부서 동아리의 부서, 일반 동아리의 주관 부서)", "Department", F_REF,
	 L | F | X, 0, 0, NULL, "departments"},
	{"theme", "학습 주제", "Theme", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"leader_id", "회장", "Leader", F_REF, L | X, 0, 0, NULL, "staff"},
	{"founded_on", "결성일", "Founded", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | O | X | R, 0, 0, clubs_statuses, NULL},
	{"regulation_id", "운영 규정", "Regulation", F_REF, X, 0, 0, NULL, "club-regulations"},
	{"summary", "활동 요약 (사례집)", "Summary", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity clubs_clubs = {
	.name = "clubs",
	.table = "clubs",
	.label = "학습동아리",
	.label_en = "Learning clubs",
	.title_field = "name",
	.default_sort = "name",
	.fields = club_fields,
	.n_fields = sizeof club_fields / sizeof club_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.scope_field = "department_id",
	.before_write = club_before,
	.permit = club_permit,
	.show_template = "clubs/show",
	.show = clubs_show,
};

/* ---- members ---- */

/* Joining: the club is not dissolved, one current membership a person and
 * one current 회장 a club, and for a department club a person of the
 * department's subtree.  A move afterwards is not checked here: the member
 * stays, and the club's page flags them. */
static enum err member_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	enum err why = moved_to(req, values, row);
	if (why)
		return why;
	const char *joined = json_string_value(crud_value_of(values, row, "joined_on")),
		   *left = json_string_value(crud_value_of(values, row, "left_on")),
		   *role = json_string_value(crud_value_of(values, row, "role"));
	if (joined && left && *left && strcmp(left, joined) < 0)
		return crud_refuse(errors, "left_on", "탈퇴일이 가입일보다 앞섭니다.");
	int64_t club = json_integer_value(crud_value_of(values, row, "club_id")),
		staff = json_integer_value(crud_value_of(values, row, "staff_id"));
	if (!club || !staff || !joined || json_object_size(errors))
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	int current = !(left && *left), rc;
	if (current && role && !strcmp(role, "president") &&
	    db_int(c, &rc, 0,
		   "SELECT COUNT(*) FROM club_members WHERE club_id = ? AND role = 'president' "
		   "AND left_on IS NULL AND archived_at IS NULL AND id <> ?",
		   "ii", club, id) > 0)
		return crud_refuse(
			errors, "role",
			"이 동아리에는 이미 회장이 있습니다. 지금 회장의 탈퇴일이나 역할을 "
			"먼저 바꾸십시오.");
	if (row && club == row_int(row, "club_id") && staff == row_int(row, "staff_id"))
		return ERR_OK; /* a dated end, a role: not a new joining (a moved member may leave)
				*/
	if (current &&
	    db_int(c, &rc, 0,
		   "SELECT COUNT(*) FROM club_members WHERE club_id = ? AND staff_id = ? "
		   "AND archived_at IS NULL AND left_on IS NULL AND id <> ?",
		   "iii", club, staff, id) > 0)
		return crud_refuse(errors, "staff_id", "이미 이 동아리의 회원입니다.");
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT kind, status, COALESCE(department_id, 0), name FROM "
			    "clubs WHERE id = ? AND org_id = ?",
			    "ii", club, org);
	if (!s || db_step(s) != DB_ROW) {
		db_finalize(s);
		return ERR_DB_UNAVAILABLE;
	}
	int department = !strcmp(db_column_text(s, 0), "department"),
	    dissolved = !strcmp(db_column_text(s, 1), "dissolved");
	int64_t dept = db_column_int(s, 2);
	db_finalize(s);
	if (dissolved)
		return crud_refuse(errors, "club_id", "해산한 동아리에는 가입할 수 없습니다.");
	if (department && dept) {
		int in = staff_in_subtree(c, org, staff, dept);
		if (in < 0)
			return ERR_DB_UNAVAILABLE;
		if (!in) {
			char msg[400], dname[200] = "";
			s = db_preparef(c, "SELECT name FROM departments WHERE id = ?", "i", dept);
			if (s && db_step(s) == DB_ROW)
				snprintf(dname, sizeof dname, "%s", db_column_text(s, 0));
			db_finalize(s);
			snprintf(
				msg, sizeof msg,
				"부서 학습동아리에는 %s(하위 부서 포함) 직원만 가입할 수 있습니다.",
				dname);
			return crud_refuse(errors, "staff_id", msg);
		}
	}
	return ERR_OK;
}

static const struct field member_fields[] = {
	{"club_id", "동아리", "Club", F_REF, L | F | X | R, 0, 0, NULL, "clubs"},
	{"staff_id", "직원", "Member of staff", F_REF, L | F | X | R, 0, 0, NULL, "staff"},
	{"role", "역할", "Role", F_CHOICE, L | F | X | R, 0, 0, clubs_roles, NULL},
	{"joined_on", "가입일", "Joined", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"left_on", "탈퇴일", "Left", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"note", "비고", "Note", F_TEXT, X, 0, 500, NULL, NULL},
};

const struct entity clubs_members = {
	.name = "club-members",
	.table = "club_members",
	.label = "학습동아리 회원",
	.label_en = "Club members",
	.title_field = "joined_on",
	.default_sort = "joined_on",
	.fields = member_fields,
	.n_fields = sizeof member_fields / sizeof member_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_STAFF,
	.before_write = member_before,
	.permit = part_permit,
};

/* ---- meetings ---- */

/* The events not yet emitted for meeting: the 회장's club.meeting_held,
 * each attendee's club.attended. */
enum err clubs_meeting_events(struct db_conn *c, int64_t org, int64_t meeting, const json_t *row)
{
	int64_t club = row_int(row, "club_id");
	int rc = DB_OK;
	if (club) {
		int64_t president =
			db_int(c, &rc, 0,
			       "SELECT COALESCE(MIN(staff_id), 0) FROM club_members "
			       "WHERE club_id = ? AND role = 'president' AND left_on IS "
			       "NULL AND archived_at IS NULL",
			       "i", club);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		int64_t held = db_int(c, &rc, 0,
				      "SELECT COUNT(*) FROM domain_events WHERE kind = "
				      "'club.meeting_held' AND record_id = ? AND entity = "
				      "'club-meetings'",
				      "i", meeting);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		char payload[64];
		snprintf(payload, sizeof payload, "{\"club_id\": %lld}", (long long)club);
		if (!held) {
			enum err why = mileage_event(
				c, &(struct mileage_event){.org = org,
							   .kind = "club.meeting_held",
							   .entity = "club-meetings",
							   .record = meeting,
							   .staff = president,
							   .on = row_text(row, "held_on"),
							   .payload = payload});
			if (why)
				return why;
		}
	}
	return mileage_event_links(c,
				   &(struct mileage_event){.org = org,
							   .kind = "club.attended",
							   .entity = "club-meetings",
							   .record = meeting,
							   .on = row_text(row, "held_on")},
				   "attendees");
}

/* A club's meeting: its attendees are its members on the day (a workshop
 * of the clubs together, club empty, takes anyone of the staff). */
static enum err meeting_before(struct request *req, const struct entity *e, int64_t id,
			       const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	enum err why = moved_to(req, values, row);
	if (why)
		return why;
	const char *kind = json_string_value(crud_value_of(values, row, "kind")),
		   *day = json_string_value(crud_value_of(values, row, "held_on"));
	int64_t club = json_integer_value(crud_value_of(values, row, "club_id"));
	if (!club && (!kind || strcmp(kind, "workshop")))
		return crud_refuse(
			errors, "club_id",
			"모임은 동아리를 골라야 합니다. 동아리 합동 행사는 종류를 워크숍으로 "
			"고르십시오.");
	if (!club && req->who.role != ROLE_ADMIN)
		return ERR_FORBIDDEN; /* a joint workshop is the administrators' */
	json_t *who = json_object_get(values, "attendees");
	if (!club || !day || !json_array_size(who))
		return ERR_OK;
	struct db_conn *c = request_db(req);
	size_t i;
	json_t *v;
	json_array_foreach(who, i, v)
	{
		int rc;
		int64_t in =
			db_int(c, &rc, 0,
			       "SELECT COUNT(*) FROM club_members WHERE club_id = ? AND staff_id "
			       "= ? AND archived_at IS NULL AND joined_on <= ? AND (left_on IS "
			       "NULL OR left_on >= ?)",
			       "iitt", club, (int64_t)json_integer_value(v), day, day);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		if (!in) {
			char msg[300], name[128] = "";
			struct db_stmt *s = db_preparef(c, "SELECT name FROM staff WHERE id = ?",
							"i", (int64_t)json_integer_value(v));
			if (s && db_step(s) == DB_ROW)
				snprintf(name, sizeof name, "%s", db_column_text(s, 0));
			db_finalize(s);
			snprintf(msg, sizeof msg,
				 "%s 님은 모임 날(%s)에 이 동아리의 회원이 아닙니다. 참석자는 "
				 "회원 중에서 고르십시오.",
				 name, day);
			return crud_refuse(errors, "attendees", msg);
		}
	}
	return ERR_OK;
}

static enum err meeting_after(struct request *req, const struct entity *e, int64_t id,
			      const json_t *before, const json_t *after)
{
	if (!after)
		return ERR_OK;
	return clubs_meeting_events(request_db(req), req->who.org_id, id, after);
}

static int meeting_permit(struct request *req, const struct entity *e, enum entity_action act,
			  const json_t *row)
{
	if (act == ACT_READ || req->who.role == ROLE_ADMIN)
		return 1;
	return row_int(row, "club_id") && clubs_may_keep(req, row_int(row, "club_id"));
}

static const struct field meeting_fields[] = {
	{"club_id", "동아리 (비우면 동아리 합동)", "Club (empty: all clubs)", F_REF, L | F | X, 0,
	 0, NULL, "clubs"},
	{"kind", "종류", "Kind", F_CHOICE, L | F | X | R, 0, 0, clubs_meeting_kinds, NULL},
	{"held_on", "일자", "Date", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"topic", "주제", "Topic", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"place", "장소", "Place", F_TEXT, L | X, 0, 200, NULL, NULL},
	{"attendees", "참석자", "Attendees", F_REFS, X, 0, 500, NULL, "staff"},
	{"minutes", "회의록", "Minutes", F_MEMO, S | X, 0, 20000, NULL, NULL},
};

const struct entity clubs_meetings = {
	.name = "club-meetings",
	.table = "club_meetings",
	.label = "학습동아리 모임",
	.label_en = "Club meetings",
	.title_field = "topic",
	.default_sort = "-held_on",
	.fields = meeting_fields,
	.n_fields = sizeof meeting_fields / sizeof meeting_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_STAFF,
	.attachments = 1,
	.before_write = meeting_before,
	.after_write = meeting_after,
	.permit = meeting_permit,
};

/* ---- outputs ---- */

/* An output of a meeting is the meeting's club's. */
static enum err output_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	enum err why = moved_to(req, values, row);
	if (why)
		return why;
	int64_t club = json_integer_value(crud_value_of(values, row, "club_id")),
		meeting = json_integer_value(crud_value_of(values, row, "meeting_id"));
	if (!club || !meeting)
		return ERR_OK;
	int rc;
	int64_t of =
		db_int(request_db(req), &rc, 0,
		       "SELECT COALESCE(club_id, 0) FROM club_meetings WHERE id = ? AND org_id "
		       "= ?",
		       "ii", meeting, req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (of != club)
		return crud_refuse(errors, "meeting_id", "이 동아리의 모임이 아닙니다.");
	return ERR_OK;
}

static const struct field output_fields[] = {
	{"club_id", "동아리", "Club", F_REF, L | F | X | R, 0, 0, NULL, "clubs"},
	{"meeting_id", "모임 (있으면)", "Meeting", F_REF, X, 0, 0, NULL, "club-meetings"},
	{"kind", "종류", "Kind", F_CHOICE, L | F | X | R, 0, 0, clubs_output_kinds, NULL},
	{"title", "성과물명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"produced_on", "일자", "Date", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"summary", "요약", "Summary", F_MEMO, S | X, 0, 8000, NULL, NULL},
};

const struct entity clubs_outputs = {
	.name = "club-outputs",
	.table = "club_outputs",
	.label = "학습동아리 성과물",
	.label_en = "Club outputs",
	.title_field = "title",
	.default_sort = "-produced_on",
	.fields = output_fields,
	.n_fields = sizeof output_fields / sizeof output_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_STAFF,
	.attachments = 1,
	.before_write = output_before,
	.permit = part_permit,
};

/* ---- the casebook's editions ---- */

static enum err casebook_before(struct request *req, const struct entity *e, int64_t id,
				const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *status = json_string_value(crud_value_of(values, row, "status")),
		   *on = json_string_value(crud_value_of(values, row, "published_on"));
	if (status && !strcmp(status, "published") && (!on || !*on))
		return crud_refuse(errors, "published_on", "발간한 사례집은 발간일을 적으십시오.");
	return ERR_OK;
}

static const struct field casebook_fields[] = {
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"title", "제목", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | X | R, 0, 0, casebook_statuses, NULL},
	{"published_on", "발간일", "Published", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"copies", "발간 부수 (계획 부수)", "Copies", F_INT, L | X | R, 0, 100000, NULL, NULL},
	{"foreword", "머리말", "Foreword", F_MEMO, X, 0, 8000, NULL, NULL},
	{"cases", "수록 사례 (동아리 성과물)", "Cases (club outputs)", F_REFS, X, 0, 200, NULL,
	 "club-outputs"},
};

const struct entity clubs_casebooks = {
	.name = "club-casebooks",
	.table = "club_casebooks",
	.label = "학습동아리 활동 사례집",
	.label_en = "Club casebooks",
	.title_field = "title",
	.default_sort = "-year",
	.fields = casebook_fields,
	.n_fields = sizeof casebook_fields / sizeof casebook_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = casebook_before,
};
