/*
 * pages.c: the mileage module's own pages.  My mileage (balances by
 * period, rank of the year, the history with links to what earned it), the
 * leaderboards (people or departments, a month, a year or all time; they
 * read mileage_balances only), the bulk award (employee numbers pasted
 * from a spreadsheet) and the MVP selection with its rewards.
 *
 * Ranking: by the points of the period shown; equal points share a rank
 * (1, 2, 2, 4), and within a rank the person registered first (the lower
 * staff id) is listed first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crud/module.h"
#include "auth/audit.h"
#include "auth/role.h"
#include "core/clock.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/form.h"
#include "http/http.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"

/* The rule of ranking, as the pages state it. */
static const char tie_rule[] = "점수가 같으면 같은 순위입니다 (1, 2, 2, 4위). 같은 순위 안에서는 "
			       "먼저 등록된 직원(부서)부터 보입니다.";

#define PER_PAGE 50

/* "2006-07" → "2006년 7월", "2006" → "2006년", "all" → "누적". */
static const char *period_label(const char *p, char out[32])
{
	if (!strcmp(p, "all"))
		snprintf(out, 32, "누적 (전체 기간)");
	else if (strlen(p) == 4)
		snprintf(out, 32, "%s년", p);
	else
		snprintf(out, 32, "%.4s년 %d월", p, atoi(p + 5));
	return out;
}

/* A number's text with its thousands grouped: "2991.5" → "2,991.5". */
static json_t *grouped(const char *text)
{
	char out[64];
	number_grouped(text, out, sizeof out);
	return json_string(out);
}

static json_t *grouped_int(int64_t v)
{
	char t[32];
	int_grouped(v, t);
	return json_string(t);
}

static json_t *points_json(int64_t halves)
{
	char t[32];
	return json_string(halves_text(halves, t));
}

/* The periods that have entries, newest first, as select options. */
static json_t *period_options(struct db_conn *c, int64_t org, const char *selected)
{
	json_t *out = json_array();
	/* all time, then each year's months (newest first) above the year */
	struct db_stmt *s = db_preparef(
		c,
		"SELECT period /* bounded: one row a period */ FROM mileage_balances WHERE "
		"org_id = ? AND subject = ? ORDER BY "
		"period = 0 DESC, CASE WHEN period < 10000 THEN period * 100 ELSE period END DESC",
		"ii", org, (int64_t)MILEAGE_ORG);
	while (s && db_step(s) == DB_ROW) {
		char p[16], label[32];
		mileage_period_name((int)db_column_int(s, 0), p);
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", p, "label",
						     period_label(p, label), "selected",
						     !strcmp(p, selected)));
	}
	db_finalize(s);
	return out;
}

/* The period asked for, else the newest month with entries, else this month. */
static const char *chosen_period(struct request *req, struct db_conn *c, char out[16])
{
	const char *p = request_query(req, "period");
	if (p && mileage_period_valid(p)) {
		snprintf(out, 16, "%s", p);
		return out;
	}
	struct db_stmt *s = db_preparef(c,
					"SELECT MAX(period) FROM mileage_balances WHERE org_id = ? "
					"AND subject = ? AND period >= 10000",
					"ii", req->who.org_id, (int64_t)MILEAGE_ORG);
	int64_t newest = s && db_step(s) == DB_ROW ? db_column_int(s, 0) : 0;
	if (newest)
		mileage_period_name((int)newest, out);
	else {
		char now[24];
		utc_now(0, now);
		snprintf(out, 16, "%.7s", now);
	}
	db_finalize(s);
	return out;
}

/* The organisation's sums of a period: {people, points, entries}. */
static json_t *period_summary(struct db_conn *c, int64_t org, const char *period)
{
	struct db_stmt *s = db_preparef(
		c,
		"SELECT people, points, entries FROM mileage_balances WHERE "
		"org_id = ? AND subject = ? AND subject_id = ? AND period = ?",
		"iiii", org, (int64_t)MILEAGE_ORG, org, (int64_t)mileage_period_number(period));
	int row = s && db_step(s) == DB_ROW;
	int64_t people = row ? db_column_int(s, 0) : 0, halves = row ? db_column_int(s, 1) : 0,
		entries = row ? db_column_int(s, 2) : 0;
	char t[32];
	json_t *out =
		json_pack("{s:I, s:o, s:I, s:o, s:o, s:o}", "people", (json_int_t)people, "points",
			  points_json(halves), "entries", (json_int_t)entries, "people_text",
			  grouped_int(people), "points_text", grouped(halves_text(halves, t)),
			  "entries_text", grouped_int(entries));
	db_finalize(s);
	return out;
}

/* Ranks rows (already in order of points, each with "#halves") starting
 * at place first (1-based) whose rank is rank: equal points, equal rank. */
static void rank_rows(json_t *rows, int64_t first, int64_t rank)
{
	size_t i;
	json_t *r;
	int64_t last = 0;
	json_array_foreach(rows, i, r)
	{
		int64_t halves = row_int(r, "halves");
		if (i && halves != last)
			rank = first + (int64_t)i;
		last = halves;
		json_object_set_new(r, "rank", json_integer(rank));
		json_object_set_new(r, "points", points_json(halves));
	}
}

/* One page of a leaderboard: its rows, how many there are in all, and the
 * first row's rank (one more than those above its points). */
struct board {
	int64_t org, period, offset; /* what is ranked: the organisation, a period number */
	const char *level;	     /* departments only: a kind, or "" for every one */
	json_t *rows;		     /* the page's rows */
	int64_t total, rank;	     /* rows in all; the first row's rank */
};

/* The people of the period, by their points there. */
static enum err board_people(struct db_conn *c, struct board *b)
{
	static const char *const keys[] = {"#id", "#halves", "#entries", "name", "department"};
	int rc = DB_ROW;
	b->rows = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: a page of the subquery */ b.subject_id, b.points, "
			"b.entries, s.name, d.name FROM (SELECT "
			"subject_id, points, entries FROM mileage_balances WHERE org_id = ? AND "
			"subject = ? AND period = ? ORDER BY points DESC, subject_id LIMIT ? "
			"OFFSET ?) b JOIN staff s ON s.id = b.subject_id LEFT JOIN departments "
			"d ON d.id = s.department_id ORDER BY b.points DESC, b.subject_id",
			"iiiii", b->org, (int64_t)MILEAGE_STAFF, b->period, (int64_t)PER_PAGE,
			b->offset),
		keys, 5);
	b->total =
		db_int(c, &rc, 0,
		       "SELECT people FROM mileage_balances WHERE org_id = ? AND subject = ? AND "
		       "subject_id = ? AND period = ?",
		       "iiii", b->org, (int64_t)MILEAGE_ORG, b->org, b->period);
	if (rc != DB_ERR && b->offset && json_array_size(b->rows))
		b->rank = 1 + db_int(c, &rc, 0,
				     "SELECT COUNT(*) FROM mileage_balances WHERE org_id = ? AND "
				     "subject = ? AND period = ? AND points > ?",
				     "iiii", b->org, (int64_t)MILEAGE_STAFF, b->period,
				     row_int(json_array_get(b->rows, 0), "halves"));
	return b->rows && rc != DB_ERR ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The departments (of one kind, or all) of the period, by their points
 * there (their subtree's). */
static enum err board_departments(struct db_conn *c, struct board *b)
{
	static const char *const keys[] = {"#id", "#halves", "#entries", "name", "kind"};
	int rc = DB_ROW;
	b->rows = query_rows(
		db_preparef(c,
			    "SELECT b.subject_id, b.points, b.entries, d.name, d.kind FROM "
			    "mileage_balances b JOIN departments d ON d.id = b.subject_id WHERE "
			    "b.org_id = ? AND b.subject = ? AND b.period = ? AND (? = '' OR d.kind "
			    "= ?) ORDER BY b.points DESC, b.subject_id LIMIT ? OFFSET ?",
			    "iiittii", b->org, (int64_t)MILEAGE_DEPT, b->period, b->level, b->level,
			    (int64_t)PER_PAGE, b->offset),
		keys, 5);
	b->total =
		db_int(c, &rc, 0,
		       "SELECT COUNT(*) FROM mileage_balances b JOIN departments d ON d.id = "
		       "b.subject_id WHERE b.org_id = ? AND b.subject = ? AND b.period = ? AND (? "
		       "= '' OR d.kind = ?)",
		       "iiitt", b->org, (int64_t)MILEAGE_DEPT, b->period, b->level, b->level);
	if (rc != DB_ERR && b->offset && json_array_size(b->rows))
		b->rank =
			1 + db_int(c, &rc, 0,
				   "SELECT COUNT(*) FROM mileage_balances b JOIN departments d ON "
				   "d.id = b.subject_id WHERE b.org_id = ? AND b.subject = ? AND "
				   "b.period = ? AND (? = '' OR d.kind = ?) AND b.points > ?",
				   "iiitti", b->org, (int64_t)MILEAGE_DEPT, b->period, b->level,
				   b->level, row_int(json_array_get(b->rows, 0), "halves"));
	rows_choice_label(b->rows, "kind", org_department_kinds);
	return b->rows && rc != DB_ERR ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The MVPs confirmed for period, with their points. */
static json_t *confirmed_mvps(struct db_conn *c, int64_t org, const char *period)
{
	static const char *const mvp_keys[] = {"#rank", "name", "department", "#halves"};
	json_t *mvps = query_rows(
		db_preparef(c,
			    "SELECT m.rank, s.name, d.name, m.points FROM mileage_mvps m JOIN "
			    "staff s ON s.id = m.staff_id LEFT JOIN departments d ON d.id = "
			    "m.department_id WHERE m.org_id = ? AND m.period = ? AND "
			    "m.archived_at IS NULL ORDER BY m.rank, m.id",
			    "it", org, period),
		mvp_keys, 4);
	size_t i;
	json_t *r;
	json_array_foreach(mvps, i, r)
		json_object_set_new(r, "points", points_json(row_int(r, "halves")));
	return mvps;
}

enum err mileage_page_leaderboard(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, page = request_query_int(req, "page", 1);
	char period[16], label[32];
	chosen_period(req, c, period);
	const char *by = request_query(req, "by"), *level = request_query(req, "level");
	int depts = by && !strcmp(by, "dept");
	struct board b = {.org = org,
			  .period = mileage_period_number(period),
			  .offset = (page - 1) * PER_PAGE,
			  .level = level ? level : "",
			  .rank = 1};
	enum err e = depts ? board_departments(c, &b) : board_people(c, &b);
	if (e != ERR_OK) {
		json_decref(b.rows);
		return e;
	}
	rank_rows(b.rows, b.offset + 1, b.rank);
	json_t *levels = choice_options(org_department_kinds, b.level);
	int64_t pages = b.total > 0 ? (b.total + PER_PAGE - 1) / PER_PAGE : 1;
	json_t *doc = json_object(), *mvps = confirmed_mvps(c, org, period);
	json_object_set_new(doc, "period", json_string(period));
	json_object_set_new(doc, "period_label", json_string(period_label(period, label)));
	json_object_set_new(doc, "periods", period_options(c, org, period));
	json_object_set_new(doc, "summary", period_summary(c, org, period));
	json_object_set_new(doc, "rows", b.rows);
	json_object_set_new(doc, "by_dept", json_boolean(depts));
	json_object_set_new(doc, "level", json_string(b.level));
	json_object_set_new(doc, "levels", levels);
	json_object_set_new(doc, "page", json_integer(page));
	json_object_set_new(doc, "pages", json_integer(pages));
	json_object_set_new(doc, "total", json_integer(b.total));
	json_object_set_new(doc, "tie_rule", json_string(tie_rule));
	json_object_set_new(doc, "has_mvps", json_boolean(json_array_size(mvps) > 0));
	json_object_set_new(doc, "mvps", mvps ? mvps : json_array());
	json_object_set_new(doc, "is_admin", json_boolean(req->who.role == ROLE_ADMIN));
	request_pager(req, doc, page, page < pages);
	res->doc = doc;
	return ERR_OK;
}

/* A person's balances: "total" (all time), "years" (each with its rank
 * among everyone) and "months", newest first, into doc. */
static enum err my_periods(struct db_conn *c, int64_t org, int64_t staff, json_t *doc)
{
	static const char *const period_keys[] = {"#period", "#halves", "#entries"};
	json_t *periods =
		query_rows(db_preparef(c,
				       "SELECT period, points, entries FROM mileage_balances WHERE "
				       "org_id = ? AND subject = ? AND subject_id = ? ORDER BY "
				       "period DESC",
				       "iii", org, (int64_t)MILEAGE_STAFF, staff),
			   period_keys, 3);
	if (!periods)
		return ERR_DB_UNAVAILABLE;
	json_t *total = NULL, *years = json_array(), *months = json_array(), *p;
	size_t i;
	int rc = DB_ROW;
	json_array_foreach(periods, i, p)
	{
		char name[16], label[32];
		mileage_period_name((int)row_int(p, "period"), name);
		json_t *row = json_pack("{s:s, s:s, s:o, s:I}", "period", name, "label",
					period_label(name, label), "points",
					points_json(row_int(p, "halves")), "entries",
					(json_int_t)row_int(p, "entries"));
		if (strlen(name) == 4 && rc != DB_ERR) { /* the year's rank among everyone */
			int64_t above =
				db_int(c, &rc, 0,
				       "SELECT COUNT(*) FROM mileage_balances WHERE org_id = ? "
				       "AND subject = ? AND period = ? AND points > ?",
				       "iiii", org, (int64_t)MILEAGE_STAFF, row_int(p, "period"),
				       row_int(p, "halves"));
			json_object_set_new(row, "rank", json_integer(above + 1));
		}
		if (strlen(name) == 4)
			json_array_append_new(years, row);
		else if (strlen(name) == 7)
			json_array_append_new(months, row);
		else
			total = row;
	}
	json_decref(periods);
	json_object_set_new(
		doc, "total",
		total ? total : json_pack("{s:s, s:I}", "points", "0", "entries", (json_int_t)0));
	if (json_array_size(years))
		json_object_set(doc, "latest_year", json_array_get(years, 0));
	json_object_set_new(doc, "years", years);
	json_object_set_new(doc, "months", months);
	return rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_OK;
}

/* An entry of the ledger as the history shows it: points, kind, activity
 * and a link to what earned it. */
static void history_row(json_t *p)
{
	const char *entity = row_text(p, "source_entity");
	const struct entity *from = *entity ? entity_find(entity) : NULL;
	json_object_set_new(p, "points", points_json(row_int(p, "halves")));
	json_object_set_new(p, "kind_label",
			    json_string(choice_label(mileage_kinds, row_text(p, "kind"))));
	json_object_set_new(
		p, "activity",
		json_string(*row_text(p, "event_code")
				    ? choice_label(module_events, row_text(p, "event_code"))
				    : ""));
	if (from && row_int(p, "source")) {
		char href[128];
		snprintf(href, sizeof href, "/%s/%lld", entity, (long long)row_int(p, "source"));
		json_object_set_new(p, "source_href", json_string(href));
		json_object_set_new(p, "source_label", json_string(from->label));
	}
}

/* A page of a person's entries, newest first, into doc with its pager. */
static enum err my_history(struct request *req, struct db_conn *c, int64_t staff, int64_t page,
			   json_t *doc)
{
	static const char *const keys[] = {"#id",     "earned_on",  "#halves",
					   "kind",    "reason",	    "source_entity",
					   "#source", "event_code", "department"};
	/* by person alone (the ledger's index of people): the person is of this
	 * organisation (mileage_staff_of_user), and so are their entries;
	 * asked, SQLite may walk its index of every entry of the organisation */
	json_t *history = query_rows(
		db_preparef(
			c,
			"SELECT e.id, e.earned_on, e.points, e.kind, e.reason, e.source_entity, "
			"e.source_id, e.event_code, d.name FROM mileage_entries e LEFT JOIN "
			"departments d ON d.id = e.department_id WHERE e.staff_id = ? ORDER BY "
			"e.earned_on DESC, e.id DESC LIMIT ? OFFSET ?",
			"iii", staff, (int64_t)PER_PAGE + 1, (page - 1) * PER_PAGE),
		keys, 9);
	if (!history)
		return ERR_DB_UNAVAILABLE;
	int more = json_array_size(history) > PER_PAGE;
	if (more)
		json_array_remove(history, PER_PAGE);
	size_t i;
	json_t *p;
	json_array_foreach(history, i, p) history_row(p);
	request_pager(req, doc, page, more);
	json_object_set_new(doc, "history", history);
	json_object_set_new(doc, "page", json_integer(page));
	return ERR_OK;
}

enum err mileage_page_mine(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, page = request_query_int(req, "page", 1);
	int64_t staff = mileage_staff_of_user(c, org, req->who.user_id);
	json_t *doc = json_pack("{s:b, s:b, s:s}", "is_admin", req->who.role == ROLE_ADMIN,
				"linked", staff != 0, "tie_rule", tie_rule);
	res->doc = doc;
	if (!staff)
		return ERR_OK;
	enum err e = my_periods(c, org, staff, doc);
	return e == ERR_OK ? my_history(req, c, staff, page, doc) : e;
}

/* The bulk form, with what was typed and what is wrong with it. */
static json_t *bulk_form(struct request *req, const char *problem)
{
	char day[11];
	utc_today(day);
	const char *on = request_form(req, "earned_on");
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I}", "numbers", request_form(req, "numbers"),
			 "points", request_form(req, "points"), "earned_on", *on ? on : day,
			 "reason", request_form(req, "reason"), "problem", problem, "done",
			 (json_int_t)request_query_int(req, "done", 0));
}

enum err mileage_page_bulk(struct request *req, struct response *res)
{
	res->doc = bulk_form(req, NULL);
	return ERR_OK;
}

enum err mileage_page_bulk_post(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	struct audit_actor who = request_actor(req);
	struct mileage_bulk b = {request_form(req, "numbers"), request_form(req, "points"),
				 request_form(req, "earned_on"), request_form(req, "reason"),
				 req->who.name};
	char problem[600] = "";
	size_t people = 0;
	enum err err = mileage_bulk(c, &who, req->who.org_id, &b, &people, problem, sizeof problem);
	if (err == ERR_OK) {
		char to[64];
		snprintf(to, sizeof to, "/mileage-entries/bulk?done=%zu", people);
		response_redirect(req, res, to);
		return ERR_OK;
	}
	if (err != ERR_INVALID)
		return err;
	res->status = 422;
	res->doc = bulk_form(req, problem);
	return ERR_OK;
}

/* The MVP page's period: a month or a year (not all time). */
static const char *mvp_period(const char *p)
{
	return p && mileage_period_valid(p) && strcmp(p, "all") ? p : NULL;
}

/* The candidates' boxes and amounts as the form shows them: all picked,
 * 0 won, or, when a confirmation was refused (a POST), as they were typed. */
static void mark_typed(struct request *req, json_t *candidates, json_t *doc)
{
	int typed = !strcmp(req->method, "POST");
	size_t i;
	json_t *c;
	json_array_foreach(candidates, i, c)
	{
		char pick[40], amount[40];
		snprintf(pick, sizeof pick, "pick_%lld", (long long)row_int(c, "staff_id"));
		snprintf(amount, sizeof amount, "amount_%lld", (long long)row_int(c, "staff_id"));
		json_object_set_new(c, "picked", json_boolean(!typed || *request_form(req, pick)));
		json_object_set_new(c, "amount",
				    json_string(typed ? request_form(req, amount) : "0"));
	}
	if (typed)
		json_object_set_new(doc, "title", json_string(request_form(req, "title")));
}

enum err mileage_page_mvps(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	char chosen[16], label[32], title[64];
	const char *period =
		mvp_period(strcmp(req->method, "POST") ? params_get(&req->query, "period")
						       : request_form(req, "period"));
	if (!period) { /* the newest year with entries */
		chosen_period(req, c, chosen);
		chosen[4] = '\0';
		period = chosen;
	}
	int64_t n = request_query_int(req, "n", 10);
	if (n < 1 || n > 100)
		n = 10;
	json_t *candidates = mileage_candidates(c, req->who.org_id, period, (int)n);
	static const char *const keys[] = {"#rank", "name",    "department", "#halves",
					   "title", "#amount", "#paid"};
	json_t *confirmed = query_rows(
		db_preparef(c,
			    "SELECT m.rank, s.name, d.name, m.points, r.title, r.amount, r.paid "
			    "FROM mileage_mvps m JOIN staff s ON s.id = m.staff_id LEFT JOIN "
			    "departments d ON d.id = m.department_id LEFT JOIN mileage_rewards r "
			    "ON r.mvp_id = m.id AND r.archived_at IS NULL WHERE m.org_id = ? AND "
			    "m.period = ? ORDER BY m.rank, m.id",
			    "it", req->who.org_id, period),
		keys, 7);
	if (!candidates || !confirmed) {
		json_decref(candidates);
		json_decref(confirmed);
		return ERR_DB_UNAVAILABLE;
	}
	size_t i;
	json_t *r;
	int64_t paid = 0;
	json_array_foreach(confirmed, i, r)
	{
		json_object_set_new(r, "points", points_json(row_int(r, "halves")));
		paid += row_int(r, "amount");
	}
	period_label(period, label);
	snprintf(title, sizeof title, "%s 혁신MVP", label);
	res->doc = json_pack(
		"{s:s, s:s, s:I, s:o, s:o, s:b, s:s, s:I, s:I, s:o, s:s}", "period", period,
		"period_label", label, "n", (json_int_t)n, "candidates", candidates, "confirmed",
		confirmed, "is_confirmed", json_array_size(confirmed) > 0, "title", title, "people",
		(json_int_t)json_array_size(confirmed), "amount_total", (json_int_t)paid, "periods",
		period_options(c, req->who.org_id, period), "tie_rule", tie_rule);
	json_object_set_new(res->doc, "amount_text", grouped_int(paid));
	mark_typed(req, candidates, res->doc);
	crud_action_notice(req, &mileage_rewards, res->doc);
	json_object_set_new(res->doc, "has_candidates",
			    json_boolean(json_array_size(candidates) > 0));
	return ERR_OK;
}

/* The people picked (pick_<staff id>, each with amount_<staff id>) into
 * staff[] and amount[]; how many, or 0 with the reason in errors. */
static size_t mvp_picks(struct action_call *call, int64_t staff[100], int64_t amount[100])
{
	size_t n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(call->input, key, v)
	{
		if (strncmp(key, "pick_", 5) || !json_is_true(v))
			continue;
		if (n == 100) {
			json_object_set_new(
				call->errors, "pick",
				json_string("MVP는 한 번에 100명까지 확정할 수 있습니다."));
			return 0;
		}
		char name[40];
		snprintf(name, sizeof name, "amount_%s", key + 5);
		staff[n] = strtoll(key + 5, NULL, 10);
		amount[n++] = row_int(call->input, name);
	}
	if (!n)
		json_object_set_new(call->errors, "pick",
				    json_string("MVP로 확정할 사람을 한 명 이상 골라 주세요."));
	return n;
}

enum err mileage_mvps_run(struct action_call *call)
{
	struct request *req = call->req;
	const char *period = mvp_period(row_text(call->input, "period")),
		   *title = row_text(call->input, "title");
	if (!period)
		json_object_set_new(call->errors, "period",
				    json_string("기간은 2006 또는 2006-07 꼴로 골라 주세요."));
	int64_t staff[100], amount[100];
	size_t n = mvp_picks(call, staff, amount);
	if (json_object_size(call->errors))
		return ERR_INVALID;
	char day[11];
	utc_today(day);
	enum err why = mileage_confirm_mvps(request_db(req), req->who.org_id, period, staff, amount,
					    n, title, req->who.user_id, day);
	if (why == ERR_CONFLICT)
		call->detail = "이 기간의 MVP는 이미 확정되었습니다.";
	else if (why == ERR_INVALID)
		json_object_set_new(
			call->errors, "pick",
			json_string("고른 사람 가운데 이 기간에 마일리지가 없는 사람이 있습니다."));
	if (why != ERR_OK)
		return why;
	call->audit = json_pack("{s:s, s:s, s:I}", "period", period, "title", title, "people",
				(json_int_t)n);
	call->next = arena_printf(&req->arena, "/mileage-rewards/mvps?period=%s", period);
	return ERR_OK;
}
