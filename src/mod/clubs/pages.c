/*
 * pages.c: the clubs' pages.  The home (the regulation clubs run under, the
 * clubs by kind with their members, the year's meetings, the casebook's
 * editions), a club's page (members, those who moved out of a department
 * club's department flagged, former members, meetings, outputs), the
 * monthly monitoring (학습활동 모니터링: every active club's meetings,
 * attendance rate and outputs in a month, per department, with the silent
 * clubs; CSV/XLSX), and the casebook's printable page and XLSX.  Every
 * figure is counted from the records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/clubs/clubs.h"
#include "mod/org/org.h"
#include "sheet/sheet.h"

/* A department club's member who is no longer in its department's
 * subtree, as SQL over m (club_members), k (clubs) and s (staff). */
#define MOVED                                                                                      \
	"(k.kind = 'department' AND NOT EXISTS (SELECT 1 FROM departments sd JOIN departments "    \
	"td ON td.id = k.department_id WHERE sd.id = s.department_id AND (sd.id = td.id OR "       \
	"(sd.path >= td.path || td.id || '/' AND sd.path < td.path || td.id || '0'))))"

/* ---- the home ---- */

static enum err home_regulation(struct db_conn *c, int64_t org, json_t *doc)
{
	static const char *const keys[] = {"#id", "title", "number", "issued_on", "body"};
	json_t *rows =
		query_rows(db_preparef(c,
				       "SELECT id, title, number, issued_on, COALESCE(body, "
				       "'') FROM club_regulations WHERE org_id = ? AND "
				       "archived_at IS NULL ORDER BY issued_on DESC, id DESC "
				       "LIMIT 1",
				       "i", org),
			   keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	json_t *first = json_array_get(rows, 0);
	json_object_set(doc, "regulation", first ? first : json_null());
	json_decref(rows);
	return ERR_OK;
}

enum err clubs_page_home(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	int year = org_year_shown(req, "club_meetings");
	if (!year)
		return ERR_DB_UNAVAILABLE;
	char first[11], last[11];
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	static const char *const keys[] = {"#id",   "name",   "kind",	  "status",    "department",
					   "theme", "leader", "#members", "#meetings", "#outputs"};
	json_t *clubs = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: the organisation's clubs */ k.id, k.name, k.kind, "
			"k.status, COALESCE(d.name, ''), COALESCE(k.theme, ''), COALESCE(l.name, "
			"''), (SELECT COUNT(*) FROM club_members m WHERE m.club_id = k.id AND "
			"m.archived_at IS NULL AND m.left_on IS NULL), (SELECT COUNT(*) FROM "
			"club_meetings g WHERE g.club_id = k.id AND g.archived_at IS NULL AND "
			"g.held_on BETWEEN ? AND ?), (SELECT COUNT(*) FROM club_outputs o WHERE "
			"o.club_id = k.id AND o.archived_at IS NULL AND o.produced_on BETWEEN ? "
			"AND ?) FROM clubs k LEFT JOIN departments d ON d.id = k.department_id "
			"LEFT JOIN staff l ON l.id = k.leader_id WHERE k.org_id = ? AND "
			"k.archived_at IS NULL ORDER BY k.kind DESC, COALESCE(d.sort_order, 0), "
			"k.department_id, k.name",
			"tttti", first, last, first, last, org),
		keys, COUNT_OF(keys));
	if (!clubs)
		return ERR_DB_UNAVAILABLE;
	rows_choice_label(clubs, "kind", clubs_kinds);
	rows_choice_label(clubs, "status", clubs_statuses);
	int64_t n[2] = {0}, members[2] = {0}, meetings = 0, outputs = 0;
	size_t i;
	json_t *row;
	json_array_foreach(clubs, i, row)
	{
		if (!strcmp(row_text(row, "status"), "dissolved"))
			continue;
		int k = !strcmp(row_text(row, "kind"), "department");
		n[k]++;
		members[k] += row_int(row, "members");
		meetings += row_int(row, "meetings");
		outputs += row_int(row, "outputs");
	}
	int rc;
	int64_t people =
		db_int(c, &rc, 0,
		       "SELECT /* bounded: the clubs' few hundred members */ COUNT(DISTINCT "
		       "m.staff_id) FROM club_members m JOIN clubs k "
		       "ON k.id = m.club_id WHERE m.org_id = ? AND m.archived_at IS NULL AND "
		       "m.left_on IS NULL AND k.archived_at IS NULL AND k.status <> "
		       "'dissolved'",
		       "i", org);
	int64_t workshops = rc == DB_ERR
				    ? 0
				    : db_int(c, &rc, 0,
					     "SELECT COUNT(*) FROM club_meetings WHERE org_id = ? "
					     "AND archived_at IS NULL AND kind = 'workshop' AND "
					     "held_on BETWEEN ? AND ?",
					     "itt", org, first, last);
	if (rc == DB_ERR) {
		json_decref(clubs);
		return ERR_DB_UNAVAILABLE;
	}
	static const char *const bkeys[] = {"#id",	    "#year",   "title", "status",
					    "published_on", "#copies", "#cases"};
	json_t *books = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: an edition a year */ b.id, b.year, b.title, "
			    "b.status, COALESCE(b.published_on, ''), b.copies, (SELECT COUNT(*) "
			    "FROM record_links l WHERE l.entity = 'club-casebooks' AND l.field = "
			    "'cases' AND l.record_id = b.id) FROM club_casebooks b WHERE b.org_id "
			    "= ? AND b.archived_at IS NULL ORDER BY b.year, b.id",
			    "i", org),
		bkeys, COUNT_OF(bkeys));
	if (!books) {
		json_decref(clubs);
		return ERR_DB_UNAVAILABLE;
	}
	size_t k;
	json_array_foreach(books, k, row) json_object_set_new(
		row, "published", json_boolean(!strcmp(row_text(row, "status"), "published")));
	json_t *doc = json_pack(
		"{s:i, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "year", year,
		"clubs", clubs, "club_count", (json_int_t)(n[0] + n[1]), "member_count",
		(json_int_t)(members[0] + members[1]), "general_clubs", (json_int_t)n[0],
		"general_members", (json_int_t)members[0], "department_clubs", (json_int_t)n[1],
		"department_members", (json_int_t)members[1], "people", (json_int_t)people,
		"meetings", (json_int_t)meetings, "workshops", (json_int_t)workshops, "outputs",
		(json_int_t)outputs, "casebooks", books);
	enum err why = home_regulation(c, org, doc);
	if (why) {
		json_decref(doc);
		return why;
	}
	json_object_set_new(doc, "years", org_year_options(year));
	res->doc = doc;
	return ERR_OK;
}

/* ---- a club's page ---- */

enum err clubs_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = row_int(row, "id");
	static const char *const mkeys[] = {"#id",	   "#staff_id",	 "name",
					    "employee_no", "department", "role",
					    "joined_on",   "left_on",	 "#moved"};
	json_t *members = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one club's members */ m.id, s.id, s.name, "
			"s.employee_no, COALESCE(d.name, ''), m.role, m.joined_on, "
			"COALESCE(m.left_on, ''), CASE WHEN " MOVED " THEN 1 ELSE 0 END FROM "
			"club_members m JOIN clubs k ON k.id = m.club_id JOIN staff s ON s.id = "
			"m.staff_id LEFT JOIN departments d ON d.id = s.department_id WHERE "
			"m.club_id = ? AND m.org_id = ? AND m.archived_at IS NULL ORDER BY CASE "
			"m.role WHEN 'president' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, "
			"m.joined_on, s.name, m.id",
			"ii", id, org),
		mkeys, COUNT_OF(mkeys));
	static const char *const gkeys[] = {"#id",   "kind",  "held_on",
					    "topic", "place", "#attendees"};
	json_t *meetings = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: one club's meetings */ g.id, g.kind, g.held_on, "
			    "g.topic, COALESCE(g.place, ''), (SELECT COUNT(*) FROM record_links l "
			    "WHERE l.entity = 'club-meetings' AND l.field = 'attendees' AND "
			    "l.record_id = g.id) FROM club_meetings g WHERE g.club_id = ? AND "
			    "g.org_id = ? AND g.archived_at IS NULL ORDER BY g.held_on, g.id",
			    "ii", id, org),
		gkeys, COUNT_OF(gkeys));
	static const char *const okeys[] = {"#id", "kind", "title", "produced_on", "summary"};
	json_t *outputs = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one club's outputs */ id, kind, title, produced_on, "
			"COALESCE(summary, '') FROM club_outputs WHERE club_id = ? AND org_id = "
			"? AND archived_at IS NULL ORDER BY produced_on, id",
			"ii", id, org),
		okeys, COUNT_OF(okeys));
	if (!members || !meetings || !outputs) {
		json_decref(members);
		json_decref(meetings);
		json_decref(outputs);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(members, "role", clubs_roles);
	rows_choice_label(meetings, "kind", clubs_meeting_kinds);
	rows_choice_label(outputs, "kind", clubs_output_kinds);
	json_t *current = json_array(), *former = json_array(), *moved = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(members, i, m)
	{
		int gone = *row_text(m, "left_on") != '\0', away = !gone && row_int(m, "moved");
		json_object_set_new(m, "moved", json_boolean(away));
		json_array_append(gone ? former : current, m);
		if (away)
			json_array_append(moved, m);
	}
	json_decref(members);
	int64_t attendances = 0;
	json_array_foreach(meetings, i, m) attendances += row_int(m, "attendees");
	json_object_set_new(doc, "member_count",
			    json_integer((json_int_t)json_array_size(current)));
	json_object_set_new(doc, "members", current);
	json_object_set_new(doc, "former_count", json_integer((json_int_t)json_array_size(former)));
	json_object_set_new(doc, "former", former);
	json_object_set_new(doc, "moved_count", json_integer((json_int_t)json_array_size(moved)));
	json_object_set_new(doc, "moved", moved);
	json_object_set_new(doc, "meeting_count",
			    json_integer((json_int_t)json_array_size(meetings)));
	json_object_set_new(doc, "meetings", meetings);
	json_object_set_new(doc, "attendances", json_integer(attendances));
	json_object_set_new(doc, "output_count",
			    json_integer((json_int_t)json_array_size(outputs)));
	json_object_set_new(doc, "outputs", outputs);
	json_object_set_new(doc, "may_keep", json_boolean(clubs_may_keep(req, id)));
	return ERR_OK;
}

enum err clubs_page_record(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t id = request_param_id(req, "id");
	if (!id)
		return ERR_NOT_FOUND;
	static const char *const keys[] = {"#id",	 "name",   "kind",   "#department_id",
					   "department", "theme",  "leader", "founded_on",
					   "status",	 "summary"};
	json_t *rows = query_rows(
		db_preparef(
			c,
			"SELECT k.id, k.name, k.kind, COALESCE(k.department_id, 0), "
			"COALESCE(d.name, ''), COALESCE(k.theme, ''), COALESCE(l.name, ''), "
			"k.founded_on, k.status, COALESCE(k.summary, '') FROM clubs k LEFT JOIN "
			"departments d ON d.id = k.department_id LEFT JOIN staff l ON l.id = "
			"k.leader_id WHERE k.id = ? AND k.org_id = ? AND k.archived_at IS NULL",
			"ii", id, req->who.org_id),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	if (!json_array_size(rows)) {
		json_decref(rows);
		return ERR_NOT_FOUND;
	}
	rows_choice_label(rows, "kind", clubs_kinds);
	rows_choice_label(rows, "status", clubs_statuses);
	json_t *doc = json_pack("{s:O}", "item", json_array_get(rows, 0));
	json_decref(rows);
	enum err why = clubs_show(req, &clubs_clubs, json_object_get(doc, "item"), doc);
	if (why) {
		json_decref(doc);
		return why;
	}
	res->doc = doc;
	return ERR_OK;
}

/* ---- the monthly monitoring ---- */

struct monitoring {
	char month[8];		 /* "2006-09" */
	struct org_filter where; /* the department filter */
};

/* The month asked, or the latest month with a meeting, or this month. */
static enum err monitoring_ask(struct request *req, struct monitoring *m)
{
	const char *month = request_query(req, "month");
	if (month && *month) {
		snprintf(m->month, sizeof m->month, "%s", month);
	} else {
		struct db_stmt *s =
			db_preparef(request_db(req),
				    "SELECT COALESCE(SUBSTR(MAX(held_on), 1, 7), '') FROM "
				    "club_meetings WHERE org_id = ? AND archived_at IS NULL",
				    "i", req->who.org_id);
		if (!s || db_step(s) != DB_ROW) {
			db_finalize(s);
			return ERR_DB_UNAVAILABLE;
		}
		snprintf(m->month, sizeof m->month, "%s", db_column_text(s, 0));
		db_finalize(s);
		if (!*m->month) {
			char today[11];
			utc_today(today);
			snprintf(m->month, sizeof m->month, "%.7s", today);
		}
	}
	return org_filter_read(req, "department", &m->where);
}

/* The percentage part of whole, rounded, as text ("" when whole is 0). */
static void percent(int64_t part, int64_t whole, char out[16])
{
	if (whole <= 0)
		snprintf(out, 16, "%s", "");
	else
		snprintf(out, 16, "%.1f", (double)part * 100.0 / (double)whole);
}

/* The month's document: the clubs by department, with their meetings,
 * attendance and outputs, and the silent ones. */
static enum err monitoring_doc(struct request *req, const struct monitoring *m, json_t **out)
{
	struct db_conn *c = request_db(req);
	char first[11], last[11];
	snprintf(first, sizeof first, "%s-01", m->month);
	snprintf(last, sizeof last, "%s-31", m->month);
	json_t *binds = json_pack("[s,s, s,s, s,s, s,s, I,s]", last, first, first, last, first,
				  last, first, last, (json_int_t)m->where.org, last);
	struct buf sql = BUF_INIT;
	buf_puts(&sql,
		 "SELECT /* bounded: the organisation's clubs */ k.id, k.name, k.kind, "
		 "COALESCE(k.department_id, 0), COALESCE(d.name, ''), COALESCE(l.name, ''), "
		 "(SELECT COUNT(*) FROM club_members m WHERE m.club_id = k.id AND m.archived_at IS "
		 "NULL AND m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on >= ?)), (SELECT "
		 "COUNT(*) FROM club_meetings g WHERE g.club_id = k.id AND g.archived_at IS NULL "
		 "AND "
		 "g.held_on BETWEEN ? AND ?), (SELECT COUNT(*) FROM club_meetings g JOIN "
		 "record_links a ON a.entity = 'club-meetings' AND a.field = 'attendees' AND "
		 "a.record_id = g.id WHERE g.club_id = k.id AND g.archived_at IS NULL AND "
		 "g.held_on BETWEEN ? AND ?), (SELECT COUNT(*) FROM club_outputs o WHERE "
		 "o.club_id = k.id AND o.archived_at IS NULL AND o.produced_on BETWEEN ? AND ?) "
		 "FROM clubs k LEFT JOIN departments d ON d.id = k.department_id LEFT JOIN staff l "
		 "ON l.id = k.leader_id WHERE k.org_id = ? AND k.archived_at IS NULL AND k.status "
		 "= 'active' AND k.founded_on <= ?");
	org_filter_sql(&m->where, "k.department_id", &sql, binds);
	buf_puts(&sql, " ORDER BY COALESCE(d.sort_order, 0), COALESCE(k.department_id, 0), "
		       "k.kind DESC, k.name, k.id");
	static const char *const keys[] = {"#id",	   "name",    "kind",	  "#department_id",
					   "department",   "leader",  "#members", "#meetings",
					   "#attendances", "#outputs"};
	json_t *rows = query_rows(crud_prepare(c, sql.data, binds), keys, COUNT_OF(keys));
	buf_free(&sql);
	json_decref(binds);
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	rows_choice_label(rows, "kind", clubs_kinds);
	json_t *depts = json_array(), *silent = json_array(), *dept = NULL;
	int64_t last_dept = -1, t_meetings = 0, t_att = 0, t_possible = 0, t_outputs = 0,
		t_active = 0;
	int64_t d_clubs = 0, d_meetings = 0, d_silent = 0, d_att = 0, d_possible = 0;
	size_t i;
	json_t *row;
	char pct[16];
#define CLOSE_DEPT()                                                                               \
	do {                                                                                       \
		if (dept) {                                                                        \
			percent(d_att, d_possible, pct);                                           \
			json_object_set_new(dept, "club_count", json_integer(d_clubs));            \
			json_object_set_new(dept, "meetings", json_integer(d_meetings));           \
			json_object_set_new(dept, "silent", json_integer(d_silent));               \
			json_object_set_new(dept, "attendance_rate", json_string(pct));            \
			json_array_append_new(depts, dept);                                        \
		}                                                                                  \
	} while (0)
	json_array_foreach(rows, i, row)
	{
		int64_t d = row_int(row, "department_id");
		if (d != last_dept) {
			CLOSE_DEPT();
			dept = json_pack("{s:I, s:s, s:[]}", "id", (json_int_t)d, "name",
					 *row_text(row, "department") ? row_text(row, "department")
								      : "부서 없음",
					 "clubs");
			d_clubs = d_meetings = d_silent = d_att = d_possible = 0;
			last_dept = d;
		}
		int64_t meetings = row_int(row, "meetings"), att = row_int(row, "attendances"),
			possible = meetings * row_int(row, "members");
		percent(att, possible, pct);
		json_object_set_new(row, "attendance_rate", json_string(pct));
		json_object_set_new(row, "silent", json_boolean(meetings == 0));
		json_array_append(json_object_get(dept, "clubs"), row);
		if (!meetings)
			json_array_append(silent, row);
		d_clubs++;
		d_meetings += meetings;
		d_silent += !meetings;
		d_att += att;
		d_possible += possible;
		t_active += meetings > 0;
		t_meetings += meetings;
		t_att += att;
		t_possible += possible;
		t_outputs += row_int(row, "outputs");
	}
	CLOSE_DEPT();
#undef CLOSE_DEPT
	percent(t_att, t_possible, pct);
	json_t *doc =
		json_pack("{s:s, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:o}", "month",
			  m->month, "departments_shown", depts, "silent", silent, "club_count",
			  (json_int_t)json_array_size(rows), "meeting_clubs", (json_int_t)t_active,
			  "silent_count", (json_int_t)json_array_size(silent), "meetings",
			  (json_int_t)t_meetings, "attendances", (json_int_t)t_att, "outputs",
			  (json_int_t)t_outputs, "attendance_rate", pct, "clubs", rows);
	json_object_set_new(doc, "department", json_integer(m->where.dept));
	json_object_set_new(doc, "department_name", json_string(m->where.name));
	*out = doc;
	return ERR_OK;
}

enum err clubs_page_monitoring(struct request *req, struct response *res)
{
	struct monitoring m;
	enum err why = monitoring_ask(req, &m);
	json_t *doc = NULL;
	if (!why)
		why = monitoring_doc(req, &m, &doc);
	if (why)
		return why;
	static const char *const dept_keys[] = {"#id", "name"};
	json_object_set_new(
		doc, "departments",
		org_unit_options(request_db(req), m.where.org, m.where.dept, dept_keys));
	res->doc = doc;
	return ERR_OK;
}

enum err clubs_page_monitoring_export(struct request *req, struct response *res)
{
	struct monitoring m;
	enum err why = monitoring_ask(req, &m);
	json_t *doc = NULL;
	if (!why)
		why = monitoring_doc(req, &m, &doc);
	if (why)
		return why;
	int xlsx = strstr(req->match.route->pattern, ".xlsx") != NULL;
	char title[64];
	snprintf(title, sizeof title, "학습활동 모니터링 %s", m.month);
	struct sheet_writer *w = sheet_writer_new(xlsx ? SHEET_XLSX : SHEET_CSV, title);
	const char *head[] = {"월",	   "부서",    "동아리",	   "구분",
			      "회장",	   "회원 수", "모임 횟수", "참석 연인원",
			      "참석률(%)", "성과물",  "활동 여부"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(doc, "clubs"), i, row)
	{
		char n[4][24];
		snprintf(n[0], sizeof n[0], "%lld", (long long)row_int(row, "members"));
		snprintf(n[1], sizeof n[1], "%lld", (long long)row_int(row, "meetings"));
		snprintf(n[2], sizeof n[2], "%lld", (long long)row_int(row, "attendances"));
		snprintf(n[3], sizeof n[3], "%lld", (long long)row_int(row, "outputs"));
		const char *cells[] = {m.month,
				       *row_text(row, "department") ? row_text(row, "department")
								    : "부서 없음",
				       row_text(row, "name"),
				       row_text(row, "kind_label"),
				       row_text(row, "leader"),
				       n[0],
				       n[1],
				       n[2],
				       row_text(row, "attendance_rate"),
				       n[3],
				       row_int(row, "meetings") ? "활동" : "모임 없음"};
		sheet_writer_row(w, COUNT_OF(cells), cells);
	}
	json_decref(doc);
	char name[40];
	snprintf(name, sizeof name, "club-monitoring-%s", m.month);
	return crud_send_sheet(req, res, w, xlsx, name);
}

/* ---- the casebook ---- */

/* The edition asked (?edition=, else the latest), with its cases in order. */
static enum err casebook_doc(struct request *req, json_t **out)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = request_query_int(req, "edition", 0);
	static const char *const keys[] = {"#id",	   "#year",   "title",	 "status",
					   "published_on", "#copies", "foreword"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT id, year, title, status, COALESCE(published_on, ''), copies, "
			    "COALESCE(foreword, '') FROM club_casebooks WHERE org_id = ? AND "
			    "archived_at IS NULL AND (id = ? OR ? = 0) ORDER BY year DESC, id DESC "
			    "LIMIT 1",
			    "iii", org, id, id),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	json_t *book = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!book)
		return ERR_NOT_FOUND;
	json_object_set_new(book, "published",
			    json_boolean(!strcmp(row_text(book, "status"), "published")));
	static const char *const ckeys[] = {"#id",     "title", "kind",		"produced_on",
					    "summary", "club",	"club_kind",	"department",
					    "leader",  "theme", "club_summary", "#members"};
	json_t *cases = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one edition's cases */ o.id, o.title, o.kind, "
			"o.produced_on, COALESCE(o.summary, ''), k.name, k.kind, COALESCE(d.name, "
			"''), COALESCE(s.name, ''), COALESCE(k.theme, ''), COALESCE(k.summary, "
			"''), "
			"(SELECT COUNT(*) FROM club_members m WHERE m.club_id = k.id AND "
			"m.archived_at IS NULL AND m.left_on IS NULL) FROM record_links l JOIN "
			"club_outputs o ON o.id = l.ref_id JOIN clubs k ON k.id = o.club_id LEFT "
			"JOIN "
			"departments d ON d.id = k.department_id LEFT JOIN staff s ON s.id = "
			"k.leader_id WHERE l.entity = 'club-casebooks' AND l.field = 'cases' AND "
			"l.record_id = ? AND o.archived_at IS NULL ORDER BY l.position",
			"i", row_int(book, "id")),
		ckeys, COUNT_OF(ckeys));
	if (!cases) {
		json_decref(book);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(cases, "kind", clubs_output_kinds);
	rows_choice_label(cases, "club_kind", clubs_kinds);
	size_t i;
	json_t *row;
	json_array_foreach(cases, i, row)
		json_object_set_new(row, "n", json_integer((json_int_t)i + 1));
	static const char *const ekeys[] = {"#id", "#year", "title"};
	json_t *editions =
		query_rows(db_preparef(c,
				       "SELECT /* bounded: an edition a year */ id, year, "
				       "title FROM club_casebooks WHERE org_id = ? AND "
				       "archived_at IS NULL ORDER BY year, id",
				       "i", org),
			   ekeys, COUNT_OF(ekeys));
	if (!editions) {
		json_decref(book);
		json_decref(cases);
		return ERR_DB_UNAVAILABLE;
	}
	json_array_foreach(editions, i, row) json_object_set_new(
		row, "selected", json_boolean(row_int(row, "id") == row_int(book, "id")));
	*out = json_pack("{s:o, s:I, s:o, s:o}", "edition", book, "case_count",
			 (json_int_t)json_array_size(cases), "cases", cases, "editions", editions);
	return ERR_OK;
}

enum err clubs_page_casebook(struct request *req, struct response *res)
{
	return casebook_doc(req, &res->doc);
}

enum err clubs_page_casebook_export(struct request *req, struct response *res)
{
	json_t *doc = NULL;
	enum err why = casebook_doc(req, &doc);
	if (why)
		return why;
	json_t *book = json_object_get(doc, "edition");
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "학습동아리 활동 사례집");
	const char *head[] = {"순번",	   "동아리", "구분", "부서", "회장", "회원 수",
			      "학습 주제", "성과물", "종류", "일자", "요약"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(doc, "cases"), i, row)
	{
		char n[2][24];
		snprintf(n[0], sizeof n[0], "%zu", i + 1);
		snprintf(n[1], sizeof n[1], "%lld", (long long)row_int(row, "members"));
		const char *cells[] = {n[0],
				       row_text(row, "club"),
				       row_text(row, "club_kind_label"),
				       row_text(row, "department"),
				       row_text(row, "leader"),
				       n[1],
				       row_text(row, "theme"),
				       row_text(row, "title"),
				       row_text(row, "kind_label"),
				       row_text(row, "produced_on"),
				       row_text(row, "summary")};
		sheet_writer_row(w, COUNT_OF(cells), cells);
	}
	char name[40];
	snprintf(name, sizeof name, "club-casebook-%lld", (long long)row_int(book, "year"));
	json_decref(doc);
	return crud_send_sheet(req, res, w, 1, name);
}
