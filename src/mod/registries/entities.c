/*
 * entities.c: the registries' entities (registries.h): publications,
 * recognitions, forums and their sessions, with the hooks that keep dates
 * in order and a session within its forum's period.  Administrators write;
 * all staff read.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "crud/declare.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/registries/registries.h"

const struct choice registries_publication_kinds[] = {
	{"newsletter", "혁신소식지 혁신사랑", "Newsletter (혁신사랑)"},
	{"booklet", "책자", "Booklet"},
	{"poster", "포스터", "Poster"},
	{"leaflet", "리플릿", "Leaflet"},
	{"brochure", "브로슈어", "Brochure"},
	{"sticker", "스티커", "Sticker"},
	{"video", "홍보동영상", "PR video"},
	{"vision", "미래성장비전계획", "Future growth vision plan"},
	{"casebook", "사례집", "Casebook"},
	{NULL, NULL, NULL},
};

const struct choice registries_units[] = {
	{"copy", "부", "Copies"},
	{"sheet", "매", "Sheets"},
	{NULL, NULL, NULL},
};

const struct choice registries_recognition_kinds[] = {
	{"award", "수상", "Award"},
	{"selection", "선정", "Selection"},
	{"diagnosis", "진단", "Diagnosis"},
	{NULL, NULL, NULL},
};

const struct choice registries_session_kinds[] = {
	{"lecture", "정책강연", "Policy lecture"},
	{"case", "우수사례발표", "Best-practice presentation"},
	{"debate", "토론회", "Debate"},
	{NULL, NULL, NULL},
};

/* Refuses field to when the period from..to (values, else the row) ends
 * before it starts; an open end is no period to check. */
static void period_in_order(const json_t *values, const json_t *row, const char *from,
			    const char *to, const char *msg, json_t *errors)
{
	const char *a = json_string_value(crud_value_of(values, row, from)),
		   *b = json_string_value(crud_value_of(values, row, to));
	if (a && b && *a && *b && strcmp(b, a) < 0)
		crud_refuse(errors, to, msg);
}

static const struct field publication_fields[] = {
	{"kind", "종류", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, registries_publication_kinds,
	 NULL},
	{"title", "제목", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"published_on", "발간일", "Published", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"copies", "부수", "Copies", F_INT, L | O | X, 1, 10000000, NULL, NULL},
	{"unit", "단위", "Unit", F_CHOICE, L | X | R, 0, 0, registries_units, NULL},
	{"distribution", "배부처", "Distributed to", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity registries_publications = {
	.name = "publications",
	.table = "publications",
	.label = "혁신 간행물·홍보물",
	.label_en = "Publications and PR material",
	.title_field = "title",
	.default_sort = "-published_on",
	.fields = publication_fields,
	.n_fields = sizeof publication_fields / sizeof publication_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.attachments = 1,
};

static enum err recognition_before(struct request *req, const struct entity *e, int64_t id,
				   const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	period_in_order(values, row, "period_from", "period_to", "기간의 끝이 시작보다 앞섭니다.",
			errors);
	const char *from = json_string_value(crud_value_of(values, row, "period_from")),
		   *to = json_string_value(crud_value_of(values, row, "period_to"));
	if ((from && *from) != (to && *to))
		crud_refuse(errors, from && *from ? "period_to" : "period_from",
			    "기간은 시작과 끝을 함께 적거나 함께 비우십시오.");
	return ERR_OK;
}

static const struct field recognition_fields[] = {
	{"name", "수상·선정명", "Name", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, L | F | X | R, 0, 0, registries_recognition_kinds, NULL},
	{"received_on", "수상·선정일", "Received", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"period_from", "기간 (부터)", "Term from", F_DATE, X, 0, 0, NULL, NULL},
	{"period_to", "기간 (까지)", "Term to", F_DATE, X, 0, 0, NULL, NULL},
	{"organiser", "주관", "Organiser", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"category", "부문", "Category", F_TEXT, S | X, 0, 200, NULL, NULL},
	{"incentive", "재정인센티브 (원)", "Fiscal incentive (won)", F_INT, L | O | X, 0,
	 1000000000000, NULL, NULL},
	{"project", "관련 사업", "Related project", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"task_id", "관련 혁신과제", "Related task", F_REF, X, 0, 0, NULL, "tasks"},
	{"note", "비고", "Note", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity registries_recognitions = {
	.name = "recognitions",
	.table = "recognitions",
	.label = "수상·선정 실적",
	.label_en = "Awards and selections",
	.title_field = "name",
	.default_sort = "-received_on",
	.fields = recognition_fields,
	.n_fields = sizeof recognition_fields / sizeof recognition_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = recognition_before,
	.attachments = 1,
};

/* A forum's period in order, and no session of it left outside a new one. */
static enum err forum_before(struct request *req, const struct entity *e, int64_t id,
			     const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	period_in_order(values, row, "starts_on", "ends_on", "포럼 기간의 끝이 시작보다 앞섭니다.",
			errors);
	const char *from = json_string_value(crud_value_of(values, row, "starts_on")),
		   *to = json_string_value(crud_value_of(values, row, "ends_on"));
	if (!id || !from || !to || json_object_size(errors))
		return ERR_OK;
	int rc;
	int64_t outside = db_int(request_db(req), &rc, 0,
				 "SELECT COUNT(*) FROM forum_sessions WHERE forum_id = ? AND "
				 "archived_at IS NULL AND (held_on < ? OR held_on > ?)",
				 "itt", id, from, to);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (outside)
		crud_refuse(errors, "starts_on",
			    "이 기간 밖에 열린 회차가 있습니다. 회차의 일자를 먼저 고치십시오.");
	return ERR_OK;
}

static const struct field forum_fields[] = {
	{"name", "포럼명", "Name", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"organiser", "주관", "Organiser", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"starts_on", "기간 (부터)", "From", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"ends_on", "기간 (까지)", "To", F_DATE, L | X | R, 0, 0, NULL, NULL},
	{"cadence", "개최 주기", "Cadence", F_TEXT, L | X, 0, 100, NULL, NULL},
	{"members", "참가 직원", "Members", F_REFS, X, 0, 500, NULL, "staff"},
	{"purpose", "내용·목적", "Purpose", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity registries_forums = {
	.name = "forums",
	.table = "forums",
	.label = "포럼 참가",
	.label_en = "Forums",
	.title_field = "name",
	.default_sort = "-starts_on",
	.fields = forum_fields,
	.n_fields = sizeof forum_fields / sizeof forum_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = forum_before,
};

/* A session lies within its forum's period. */
static enum err session_before(struct request *req, const struct entity *e, int64_t id,
			       const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	int64_t forum = json_integer_value(crud_value_of(values, row, "forum_id"));
	const char *on = json_string_value(crud_value_of(values, row, "held_on"));
	if (!forum || !on || json_object_size(errors))
		return ERR_OK;
	struct db_stmt *s = db_prepare(request_db(req),
				       "SELECT starts_on, ends_on FROM forums WHERE id = ? AND "
				       "org_id = ? AND archived_at IS NULL");
	if (!s)
		return ERR_DB_UNAVAILABLE;
	db_bind_int(s, 1, forum);
	db_bind_int(s, 2, req->who.org_id);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		const char *from = db_column_text(s, 0), *to = db_column_text(s, 1);
		if (strcmp(on, from) < 0 || strcmp(on, to) > 0) {
			char msg[200];
			snprintf(msg, sizeof msg, "회차 일자가 포럼 기간(%s ~ %s) 밖입니다.", from,
				 to);
			crud_refuse(errors, "held_on", msg);
		}
	} else if (rc == DB_OK) {
		crud_refuse(errors, "forum_id", "없는 포럼입니다.");
	}
	db_finalize(s);
	return rc == DB_ERR || rc == DB_BUSY ? ERR_DB_UNAVAILABLE : ERR_OK;
}

static const struct field session_fields[] = {
	{"forum_id", "포럼", "Forum", F_REF, L | F | X | R, 0, 0, NULL, "forums"},
	{"held_on", "개최일", "Held on", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"topic", "주제", "Topic", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"kind", "형식", "Kind", F_CHOICE, L | F | X | R, 0, 0, registries_session_kinds, NULL},
	{"attendees", "참석 직원", "Attendees", F_REFS, X, 0, 500, NULL, "staff"},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity registries_sessions = {
	.name = "forum-sessions",
	.table = "forum_sessions",
	.label = "포럼 회차",
	.label_en = "Forum sessions",
	.title_field = "topic",
	.default_sort = "-held_on",
	.fields = session_fields,
	.n_fields = sizeof session_fields / sizeof session_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = session_before,
};
