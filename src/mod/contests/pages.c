/*
 * pages.c: the contests' pages (contests.h): a contest's page (criteria,
 * rules, entries ranked with their figures and tiers, judges), an entry's
 * page (every sheet with its versions, the dropped totals, each panel's
 * arithmetic, the score form of a judge), the assignment page (who is
 * excluded from what and why), an award's certificate, and the results
 * and the sheets as XLSX.
 *
 * What a reader sees of the figures: an administrator everything, always;
 * a judge their own sheets while the contest is open; the staff, once the
 * contest is closed, the figures of a contest whose results are public,
 * and the awards of any contest once they are confirmed.  Judges' names
 * are hidden from all but administrators until the awards are confirmed,
 * when the contest says so (blind).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/choice.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/contests/contests.h"
#include "mod/scoring/scoring.h"
#include "sheet/sheet.h"

static json_t *contest_of(struct request *req, int64_t contest);

/* What the signed-in person may see of a contest's figures. */
struct view {
	int admin, open, confirmed;
	int figures; /* the scores, ranks and arithmetic */
	int awards;  /* the tiers */
	int blind;   /* judges' names hidden */
	int64_t judge;
};

static struct view view_of(struct request *req, const json_t *contest)
{
	const char *status = row_text(contest, "status");
	struct view v = {.admin = req->who.role == ROLE_ADMIN,
			 .open = !strcmp(status, "open"),
			 .confirmed = !strcmp(status, "confirmed")};
	v.figures = v.admin || (!v.open && row_int(contest, "results_public"));
	v.awards = v.admin || v.confirmed;
	v.blind = !v.admin && !v.confirmed && row_int(contest, "blind");
	v.judge = contests_judge_of(req, row_int(contest, "id"));
	return v;
}

/* An entry's sheets as the reader may see them: all, their own only, or
 * none; names as "심사위원 1" … when hidden. */
static void cut_sheets(const struct view *v, json_t *entry)
{
	json_t *sheets = json_object_get(entry, "sheets"), *kept = json_array();
	size_t i;
	json_t *s;
	json_array_foreach(sheets, i, s)
	{
		int mine = v->judge && row_int(s, "judge_id") == v->judge;
		if (!v->figures && !mine)
			continue;
		if (v->blind && !mine) {
			char name[48];
			snprintf(name, sizeof name, "심사위원 %zu", i + 1);
			json_object_set_new(s, "judge", json_string(name));
			json_t *h;
			size_t k;
			json_array_foreach(json_object_get(s, "history"), k, h)
				json_object_set_new(h, "judge", json_string(name));
		}
		json_object_set_new(s, "mine", json_boolean(mine));
		json_array_append(kept, s);
	}
	json_object_set_new(entry, "sheet_shown", json_boolean(json_array_size(kept) > 0));
	json_object_set_new(entry, "sheets", kept);
	json_object_set_new(entry, "show_figures", json_boolean(v->figures));
	if (!v->awards) {
		json_object_set_new(entry, "tier", json_integer(0));
		json_object_set_new(entry, "tier_label", json_string(""));
	}
}

/* Whether the reader's role sees only the entries assigned to it. */
static int scoped(const struct request *req)
{
	enum role r = req->who.role;
	return r == ROLE_JUDGE || r == ROLE_EXPERT || r == ROLE_EVALUATOR;
}

/* The contest's actions this person may take now, for the template. */
static json_t *contest_actions(const struct view *v, const json_t *contest)
{
	json_t *out = json_array();
	if (!v->admin)
		return out;
	const char *status = row_text(contest, "status");
	if (!strcmp(status, "open"))
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "name", "close", "label",
						     "심사 마감 (결과 고정)", "form", 0));
	if (!strcmp(status, "closed")) {
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "name", "confirm", "label",
						     "수상 확정", "form", 0));
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "name", "reopen", "label",
						     "심사 다시 열기", "form", 1));
	}
	return out;
}

enum err contests_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = row_int(row, "id");
	json_t *board = contests_board(c, org, id);
	if (!board)
		return ERR_DB_UNAVAILABLE;
	json_t *contest = contest_of(req, id);
	struct view v = view_of(req, contest ? contest : row);
	json_decref(contest);
	struct assigned_ids mine = {0};
	if (scoped(req) && role_assigned(c, req->who.user_id, "contest-entries", &mine) < 0) {
		json_decref(board);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *entries = json_object_get(board, "entries"), *shown = json_array(),
	       *awards = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(entries, i, x)
	{
		if (scoped(req) && !role_assigned_has(&mine, row_int(x, "id")))
			continue;
		cut_sheets(&v, x);
		json_array_append(shown, x);
		if (row_int(x, "tier"))
			json_array_append(awards, x);
	}
	role_assigned_free(&mine);
	json_object_set_new(board, "entries", shown);
	json_object_set_new(board, "entry_count", json_integer((json_int_t)json_array_size(shown)));
	json_object_set_new(board, "awards", awards);
	json_object_set_new(board, "award_count",
			    json_integer((json_int_t)json_array_size(awards)));
	static const char *const jkeys[] = {"#id",	   "name",	"panel",
					    "affiliation", "#staff_id", "#user_id"};
	json_t *judges =
		v.admin || !v.blind
			? query_rows(
				  db_preparef(
					  c,
					  "SELECT /* bounded: one contest's judges */ id, name, "
					  "panel, COALESCE(affiliation, ''), COALESCE(staff_id, "
					  "0), COALESCE(user_id, 0) FROM contest_judges WHERE "
					  "contest_id = ? AND org_id = ? AND archived_at IS NULL "
					  "ORDER BY id",
					  "ii", id, org),
				  jkeys, COUNT_OF(jkeys))
			: json_array();
	if (!judges) {
		json_decref(board);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(judges, "panel", contests_panels);
	json_object_set_new(doc, "board", board);
	json_object_set_new(doc, "judges", judges);
	json_object_set_new(doc, "judge_count", json_integer((json_int_t)json_array_size(judges)));
	json_object_set_new(doc, "show_figures", json_boolean(v.figures));
	json_object_set_new(doc, "show_awards", json_boolean(v.awards));
	json_object_set_new(doc, "is_admin", json_boolean(v.admin));
	json_object_set_new(doc, "is_open", json_boolean(v.open));
	json_object_set_new(doc, "is_confirmed", json_boolean(v.confirmed));
	json_object_set_new(doc, "actions", contest_actions(&v, row));
	json_object_set_new(doc, "status_label",
			    json_string(choice_label(contests_statuses, row_text(row, "status"))));
	static const char *const halves[] = {"", " 상반기", " 하반기"};
	int64_t half = row_int(row, "half");
	json_object_set_new(doc, "half_label",
			    json_string(half >= 1 && half <= 2 ? halves[half] : ""));
	json_object_set_new(doc, "kind_label",
			    json_string(choice_label(contests_kinds, row_text(row, "kind"))));
	return ERR_OK;
}

/* The contest (id, title, kind, year, status, held_on, results_public,
 * blind) of the organisation; NULL when it is not there. */
static json_t *contest_of(struct request *req, int64_t contest)
{
	static const char *const keys[] = {"#id",     "title",		 "kind",  "#year", "status",
					   "held_on", "#results_public", "#blind"};
	json_t *rows = query_rows(
		db_preparef(request_db(req),
			    "SELECT id, title, kind, year, status, COALESCE(held_on, ''), "
			    "results_public, blind FROM contests WHERE id = ? AND org_id = ? AND "
			    "archived_at IS NULL",
			    "ii", contest, req->who.org_id),
		keys, COUNT_OF(keys));
	json_t *row = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return row;
}

enum err contests_entry_show(struct request *req, const struct entity *e, const json_t *row,
			     json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = row_int(row, "id"),
		contest_id = row_int(row, "contest_id");
	json_t *contest = contest_of(req, contest_id);
	json_t *board = contest ? contests_board(c, org, contest_id) : NULL;
	if (!board) {
		json_decref(contest);
		return contest ? ERR_DB_UNAVAILABLE : ERR_NOT_FOUND;
	}
	struct view v = view_of(req, contest);
	json_t *mine = NULL;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(board, "entries"), i, x) if (row_int(x, "id") == id)
	{
		cut_sheets(&v, x);
		mine = x;
	}
	json_object_set(doc, "result", mine ? mine : json_null());
	json_object_set(doc, "criteria", json_object_get(board, "criteria"));
	json_object_set(doc, "rules", board);
	json_object_set_new(doc, "contest", contest);
	json_object_set_new(doc, "show_figures", json_boolean(v.figures));
	json_object_set_new(doc, "is_admin", json_boolean(v.admin));
	/* the score form: a judge not excluded, or the office for any judge */
	char why[300] = "";
	int conflict = v.judge ? contests_conflict(c, v.judge, id, why) : 0;
	if (conflict < 0) {
		json_decref(board);
		return ERR_DB_UNAVAILABLE;
	}
	int may_score = v.open && ((v.judge && !conflict) || v.admin);
	json_object_set_new(doc, "may_score", json_boolean(may_score));
	json_object_set_new(doc, "excluded", json_string(why));
	json_object_set_new(doc, "is_judge", json_boolean(v.judge != 0));
	int scored = v.judge ? db_any(c,
				      "SELECT COUNT(*) FROM contest_scores WHERE entry_id = ? AND "
				      "judge_id = ?",
				      "ii", id, v.judge)
			     : 0;
	json_object_set_new(doc, "may_recuse",
			    json_boolean(v.open && v.judge && !conflict && scored == 0));
	json_object_set_new(doc, "scored", json_boolean(scored > 0));
	if (v.admin && v.open) {
		static const char *const keys[] = {"#id", "name", "panel"};
		json_t *judges = query_rows(
			db_preparef(
				c,
				"SELECT /* bounded: one contest's judges */ id, name, panel FROM "
				"contest_judges WHERE contest_id = ? AND org_id = ? AND "
				"archived_at IS NULL ORDER BY id",
				"ii", contest_id, org),
			keys, COUNT_OF(keys));
		json_array_foreach(judges, i, x)
		{
			char w[300];
			if (contests_conflict(c, row_int(x, "id"), id, w) > 0)
				json_object_set_new(x, "excluded", json_string(w));
		}
		json_object_set_new(doc, "has_judge_options",
				    json_boolean(json_array_size(judges)));
		json_object_set_new(doc, "judge_options", judges ? judges : json_array());
	}
	json_object_set_new(doc, "certificate",
			    json_boolean(v.confirmed && mine && row_int(mine, "tier") > 0));
	json_decref(board);
	return ERR_OK;
}

/* ---- who is excluded from what ---- */

enum err contests_page_assignments(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = request_param_id(req, "id");
	json_t *contest = contest_of(req, id);
	if (!contest)
		return ERR_NOT_FOUND;
	static const char *const jkeys[] = {"#id", "name", "panel", "department"};
	json_t *judges = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one contest's judges */ j.id, j.name, j.panel, "
			"COALESCE(d.name, '') FROM contest_judges j LEFT JOIN staff s ON s.id = "
			"j.staff_id LEFT JOIN departments d ON d.id = s.department_id WHERE "
			"j.contest_id = ? AND j.org_id = ? AND j.archived_at IS NULL ORDER BY j.id",
			"ii", id, org),
		jkeys, COUNT_OF(jkeys));
	static const char *const ekeys[] = {"#id", "title", "department"};
	json_t *entries = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one contest's entries */ e.id, e.title, "
			"COALESCE(d.name, '') FROM contest_entries e LEFT JOIN departments d ON "
			"d.id = e.department_id WHERE e.contest_id = ? AND e.org_id = ? AND "
			"e.archived_at IS NULL ORDER BY e.id",
			"ii", id, org),
		ekeys, COUNT_OF(ekeys));
	if (!judges || !entries) {
		json_decref(judges);
		json_decref(entries);
		json_decref(contest);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(judges, "panel", contests_panels);
	size_t i, k;
	json_t *j, *e;
	int64_t excluded = 0;
	json_array_foreach(judges, i, j)
	{
		json_t *cells = json_array();
		json_array_foreach(entries, k, e)
		{
			char why[300];
			int x = contests_conflict(c, row_int(j, "id"), row_int(e, "id"), why);
			if (x < 0) {
				json_decref(cells);
				json_decref(judges);
				json_decref(entries);
				json_decref(contest);
				return ERR_DB_UNAVAILABLE;
			}
			excluded += x > 0;
			json_array_append_new(cells, json_pack("{s:b, s:s}", "excluded", x, "why",
							       x ? why : "배정"));
		}
		json_object_set_new(j, "cells", cells);
	}
	res->doc = json_pack("{s:o, s:o, s:o, s:I}", "contest", contest, "judges", judges,
			     "entries", entries, "excluded_count", (json_int_t)excluded);
	return ERR_OK;
}

/* ---- an award's certificate ---- */

enum err contests_page_certificate(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = request_param_id(req, "id");
	static const char *const keys[] = {"#tier",   "#rank", "title",	  "entrant_kind",
					   "entrant", "team",  "club",	  "department",
					   "contest", "#year", "held_on", "org"};
	json_t *rows = query_rows(
		db_preparef(
			c,
			"SELECT r.tier, r.rank, e.title, e.entrant_kind, COALESCE(s.name, ''), "
			"COALESCE(e.team_name, ''), COALESCE(k.name, ''), COALESCE(d.name, ''), "
			"t.title, t.year, COALESCE(t.held_on, ''), o.name FROM contest_entries e "
			"JOIN "
			"contests t ON t.id = e.contest_id AND t.status = 'confirmed' JOIN "
			"contest_results r ON r.entry_id = e.id AND r.contest_id = t.id AND "
			"r.version "
			"= (SELECT MAX(version) FROM contest_results WHERE contest_id = t.id) JOIN "
			"organisations o ON o.id = e.org_id LEFT JOIN staff s ON s.id = e.staff_id "
			"LEFT JOIN clubs k ON k.id = e.club_id LEFT JOIN departments d ON d.id = "
			"e.department_id WHERE e.id = ? AND e.org_id = ? AND e.archived_at IS NULL",
			"ii", id, org),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	json_t *row = json_array_get(rows, 0);
	if (!row || row_int(row, "tier") <= 0) {
		json_decref(rows);
		res->detail = "수상이 확정된 출품작의 상장만 있습니다.";
		return ERR_NOT_FOUND;
	}
	const char *kind = row_text(row, "entrant_kind");
	const char *who = !strcmp(kind, "club")		? row_text(row, "club")
			  : !strcmp(kind, "department") ? row_text(row, "department")
			  : !strcmp(kind, "team") && *row_text(row, "team")
				  ? row_text(row, "team")
				  : row_text(row, "entrant");
	json_object_set_new(row, "tier_label",
			    json_string(scoring_tier_label((int)row_int(row, "tier"))));
	json_object_set_new(row, "awardee", json_string(who));
	const char *on = row_text(row, "held_on");
	if (strlen(on) == 10)
		json_object_set_new(
			row, "held_on_text",
			json_sprintf("%.4s년 %d월 %d일", on, atoi(on + 5), atoi(on + 8)));
	res->doc = json_pack("{s:O, s:I}", "award", row, "id", (json_int_t)id);
	json_decref(rows);
	return ERR_OK;
}

/* ---- XLSX ---- */

/* The board of the contest asked, if the reader may see its figures. */
static enum err export_board(struct request *req, json_t **contest, json_t **board)
{
	int64_t id = request_param_id(req, "id");
	*contest = contest_of(req, id);
	if (!*contest)
		return ERR_NOT_FOUND;
	struct view v = view_of(req, *contest);
	if (!v.figures) {
		json_decref(*contest);
		return ERR_FORBIDDEN;
	}
	*board = contests_board(request_db(req), req->who.org_id, id);
	if (!*board) {
		json_decref(*contest);
		return ERR_DB_UNAVAILABLE;
	}
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(*board, "entries"), i, x) cut_sheets(&v, x);
	return ERR_OK;
}

enum err contests_page_results(struct request *req, struct response *res)
{
	json_t *contest, *board;
	enum err why = export_board(req, &contest, &board);
	if (why)
		return why;
	struct view v = view_of(req, contest);
	json_object_set_new(
		board, "entry_count",
		json_integer((json_int_t)json_array_size(json_object_get(board, "entries"))));
	res->doc = json_pack("{s:o, s:o, s:b, s:s}", "contest", contest, "board", board,
			     "show_awards", v.awards, "status_label",
			     choice_label(contests_statuses, row_text(contest, "status")));
	return ERR_OK;
}

enum err contests_page_results_export(struct request *req, struct response *res)
{
	json_t *contest, *board;
	enum err why = export_board(req, &contest, &board);
	if (why)
		return why;
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "순위");
	const char *head[] = {"순위", "상",	   "출품작",	  "출품 단위", "출품자",
			      "부서", "최종 점수", "반영 심사표", "동점 처리", "계산"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(board, "entries"), i, e)
	{
		char rank[16], counted[16];
		snprintf(rank, sizeof rank, "%lld", (long long)row_int(e, "rank"));
		snprintf(counted, sizeof counted, "%lld", (long long)row_int(e, "counted"));
		struct buf how = {0};
		size_t p;
		json_t *panel;
		json_array_foreach(json_object_get(e, "panels"), p, panel)
			buf_printf(&how, "%s%s: %s", p ? " / " : "", row_text(panel, "name"),
				   row_text(panel, "arithmetic"));
		if (*row_text(e, "formula"))
			buf_printf(&how, " / %s", row_text(e, "formula"));
		const char *cells[] = {row_int(e, "rank") ? rank : "-",
				       row_text(e, "tier_label"),
				       row_text(e, "title"),
				       row_text(e, "entrant_kind_label"),
				       *row_text(e, "entrant") ? row_text(e, "entrant")
							       : row_text(e, "club"),
				       row_text(e, "department"),
				       row_text(e, "final"),
				       counted,
				       row_text(e, "tie_note"),
				       how.data ? how.data : ""};
		sheet_writer_row(w, COUNT_OF(cells), cells);
		buf_free(&how);
	}
	char name[48];
	snprintf(name, sizeof name, "contest-%lld-results", (long long)row_int(contest, "id"));
	json_decref(board);
	json_decref(contest);
	return crud_send_sheet(req, res, w, 1, name);
}

enum err contests_page_sheets_export(struct request *req, struct response *res)
{
	json_t *contest, *board;
	enum err why = export_board(req, &contest, &board);
	if (why)
		return why;
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "심사표");
	json_t *criteria = json_object_get(board, "criteria");
	size_t nc = json_array_size(criteria), i, k;
	if (nc > 24)
		nc = 24;
	const char *head[32] = {"출품작", "심사위원", "구분", "판"};
	size_t n = 4;
	json_t *x;
	json_array_foreach(criteria, i, x) if (i < nc) head[n++] = row_text(x, "name");
	head[n++] = "총점";
	head[n++] = "집계";
	head[n++] = "정정 사유";
	head[n++] = "제출 시각";
	sheet_writer_row(w, n, head);
	json_t *e;
	json_array_foreach(json_object_get(board, "entries"), i, e)
	{
		json_t *s;
		json_array_foreach(json_object_get(e, "sheets"), k, s)
		{
			/* the versions before the counted one, then it */
			json_t *versions = json_array();
			json_array_extend(versions, json_object_get(s, "history"));
			json_array_append(versions, s);
			size_t vi;
			json_t *sv;
			json_array_foreach(versions, vi, sv)
			{
				int last = vi + 1 == json_array_size(versions);
				char version[16];
				snprintf(version, sizeof version, "%lld",
					 (long long)row_int(sv, "version"));
				const char *cells[32] = {row_text(e, "title"),
							 row_text(sv, "judge"),
							 row_text(sv, "panel_label"), version};
				size_t m = 4, p;
				json_t *part;
				json_array_foreach(json_object_get(sv, "parts"), p,
						   part) if (p < nc) cells[m++] =
					row_text(part, "score");
				cells[m++] = last ? row_text(s, "total") : "";
				cells[m++] =
					last ? (*row_text(s, "dropped") ? row_text(s, "dropped")
									: "반영")
					     : "정정 전 (반영 안 함)";
				cells[m++] = row_text(sv, "reason");
				cells[m++] = row_text(sv, "submitted_at");
				sheet_writer_row(w, m, cells);
			}
			json_decref(versions);
		}
	}
	char name[48];
	snprintf(name, sizeof name, "contest-%lld-sheets", (long long)row_int(contest, "id"));
	json_decref(board);
	json_decref(contest);
	return crud_send_sheet(req, res, w, 1, name);
}
