/*
 * bulk.c: awarding many people at once, by employee number (a column
 * pasted from a spreadsheet, or a file given to `innoland mileage award`),
 * and the MVPs of a period.  All or nothing: an unknown or repeated number
 * refuses the whole list, saying which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "core/clock.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "mod/mileage/batch.h"
#include "mod/mileage/mileage.h"

struct number {
	const char *text; /* into the copy of the list */
	int64_t staff;
};

static int number_cmp(const void *a, const void *b)
{
	return strcmp(((const struct number *)a)->text, ((const struct number *)b)->text);
}

/* Splits list (a copy, cut in place) at newlines, tabs, commas, semicolons
 * and spaces. */
static struct number *split(char *list, size_t *n)
{
	size_t cap = 64;
	struct number *out = xmalloc(cap * sizeof *out);
	*n = 0;
	for (char *save = NULL, *t = strtok_r(list, "\r\n\t,; ", &save); t;
	     t = strtok_r(NULL, "\r\n\t,; ", &save)) {
		if (*n == cap)
			out = xrealloc(out, (cap *= 2) * sizeof *out);
		out[(*n)++] = (struct number){t, 0};
	}
	return out;
}

/* Lists up to 10 of the numbers picked by want into problem after intro. */
static void name_some(char *problem, size_t len, const char *intro, const struct number *v,
		      size_t n, int (*want)(const struct number *v, size_t i))
{
	struct buf b = BUF_INIT;
	size_t shown = 0, more = 0;
	for (size_t i = 0; i < n; i++)
		if (want(v, i)) {
			if (shown < 10)
				buf_printf(&b, "%s%s", shown++ ? ", " : "", v[i].text);
			else
				more++;
		}
	if (more)
		buf_printf(&b, " 외 %zu개", more);
	snprintf(problem, len, "%s: %s", intro, b.data ? b.data : "");
	buf_free(&b);
}

static int repeated(const struct number *v, size_t i)
{
	return i && !strcmp(v[i - 1].text, v[i].text);
}

static int unknown(const struct number *v, size_t i)
{
	return v[i].staff == 0;
}

/* Finds the staff of every number, 64 at a time. */
static int resolve(struct db_conn *c, int64_t org, struct number *v, size_t n)
{
	/* archived_at is read, not asked for: asked, SQLite may walk the
	 * partial index of live staff by name instead of (org_id, employee_no) */
	struct mileage_batch b = {
		"SELECT employee_no, id, archived_at FROM staff WHERE org_id = ? AND employee_no "
		"IN (",
		")",
		0,
		{NULL}};
	int rc = 0;
	for (size_t at = 0; at < n && !rc;) {
		size_t rows = mileage_chunk(n - at);
		struct db_stmt *s = mileage_batch_for(c, &b, rows);
		if (!s) {
			rc = -1;
			break;
		}
		db_bind_int(s, 1, org);
		for (size_t r = 0; r < rows; r++)
			db_bind_text(s, (int)r + 2, v[at + r].text, strlen(v[at + r].text));
		int step;
		while ((step = db_step(s)) == DB_ROW) {
			struct number key = {db_column_text(s, 0), 0};
			struct number *hit = bsearch(&key, v + at, rows, sizeof key, number_cmp);
			if (hit && db_column_is_null(s, 2))
				hit->staff = db_column_int(s, 1);
		}
		rc = step != DB_OK;
		at += rows;
	}
	mileage_batch_end(&b);
	return rc;
}

/* The terms of a bulk award, checked as the ledger's own fields: the
 * halves (> 0) and the day (today when empty); NULL, or what is wrong. */
static const char *terms(const struct mileage_bulk *b, int64_t *halves, char day[16])
{
	const char *why = NULL;
	json_t *raw = json_string(b->points ? b->points : "");
	json_t *v = raw ? crud_convert(entity_field(&mileage_entries, "points"), raw, &why) : NULL;
	*halves = json_halves(v);
	json_decref(raw);
	json_decref(v);
	if (*halves <= 0)
		return "점수: 0보다 큰 점수를 0.5 단위로 적어 주세요.";
	if (!b->reason || !*b->reason || strlen(b->reason) > 500)
		return "사유: 부여하는 까닭을 500자 안으로 적어 주세요.";
	if (!b->on || !*b->on) {
		utc_today(day);
		return NULL;
	}
	raw = json_string(b->on);
	v = raw ? crud_convert(entity_field(&mileage_entries, "earned_on"), raw, &why) : NULL;
	snprintf(day, 16, "%s", json_is_string(v) ? json_string_value(v) : "");
	json_decref(raw);
	json_decref(v);
	return *day ? NULL : "적립일: 날짜는 2007-03-15 꼴로 입력해 주세요.";
}

/* Awards every number of v (sorted, n of them), or says what is wrong. */
static enum err award(struct db_conn *c, int64_t org, struct number *v, size_t n,
		      const struct mileage_bulk *b, int64_t by_user, int64_t halves,
		      const char *day, char *problem, size_t len)
{
	size_t dup = 0, missing = 0;
	for (size_t i = 1; i < n; i++)
		dup += repeated(v, i);
	if (!n) {
		snprintf(problem, len, "직원 번호를 한 줄에 하나씩 적어 주세요.");
		return ERR_INVALID;
	}
	if (dup) {
		name_some(problem, len, "같은 직원 번호가 두 번 이상 있습니다", v, n, repeated);
		return ERR_INVALID;
	}
	if (resolve(c, org, v, n) != 0)
		return ERR_DB_UNAVAILABLE;
	for (size_t i = 0; i < n; i++)
		missing += unknown(v, i);
	if (missing) {
		name_some(problem, len, "재직 중인 직원 가운데 없는 번호입니다", v, n, unknown);
		return ERR_INVALID;
	}
	struct mileage_grant *g = xmalloc(n * sizeof *g);
	for (size_t i = 0; i < n; i++)
		g[i] = (struct mileage_grant){v[i].staff, halves, day};
	enum err why = mileage_grant(c, org, g, n, b->reason, by_user, b->by_name);
	free(g);
	return why;
}

enum err mileage_bulk(struct db_conn *c, const struct audit_actor *who, int64_t org,
		      const struct mileage_bulk *b, size_t *people, char *problem, size_t len)
{
	*people = 0;
	int64_t halves;
	char day[16];
	const char *bad = terms(b, &halves, day);
	if (bad) {
		snprintf(problem, len, "%s", bad);
		return ERR_INVALID;
	}
	char *copy = xstrdup(b->list ? b->list : "");
	size_t n;
	struct number *v = split(copy, &n);
	qsort(v, n, sizeof *v, number_cmp);
	enum err why = db_begin(c) != DB_OK
			       ? ERR_DB_UNAVAILABLE
			       : award(c, org, v, n, b, who->user_id, halves, day, problem, len);
	free(v);
	free(copy);
	json_t *diff = json_pack("{s:I, s:f, s:s, s:s}", "people", (json_int_t)n, "points",
				 (double)halves / 2, "earned_on", day, "reason", b->reason);
	if (why == ERR_OK && audit_commit(c, who, "bulk_award", "mileage-entries", NULL, diff) != 0)
		why = ERR_DB_UNAVAILABLE;
	else if (why != ERR_OK)
		db_rollback(c);
	json_decref(diff);
	if (why == ERR_OK)
		*people = n;
	return why;
}

json_t *mileage_candidates(struct db_conn *c, int64_t org, const char *period, int n)
{
	static const char *const keys[] = {"#staff_id", "name", "department", "#department_id",
					   "#halves"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT b.subject_id, s.name, d.name, COALESCE(s.department_id, 0), "
			    "b.points FROM mileage_balances b JOIN staff s ON s.id = b.subject_id "
			    "LEFT JOIN departments d ON d.id = s.department_id WHERE b.org_id = ? "
			    "AND b.subject = ? AND b.period = ? AND b.points > 0 AND b.points "
			    ">= COALESCE((SELECT points FROM mileage_balances WHERE org_id = ? AND "
			    "subject = ? AND period = ? ORDER BY points DESC LIMIT 1 OFFSET "
			    "?), 1) ORDER BY b.points DESC, b.subject_id",
			    "iiiiiii", org, (int64_t)MILEAGE_STAFF,
			    (int64_t)mileage_period_number(period), org, (int64_t)MILEAGE_STAFF,
			    (int64_t)mileage_period_number(period), (int64_t)(n > 0 ? n - 1 : 0)),
		keys, 5);
	size_t i;
	json_t *r;
	int64_t rank = 1, last = 0;
	json_array_foreach(rows, i, r)
	{
		int64_t halves = row_int(r, "halves");
		if (i && halves != last)
			rank = (int64_t)i + 1;
		last = halves;
		char t[32];
		json_object_set_new(r, "rank", json_integer(rank));
		json_object_set_new(r, "points", json_string(halves_text(halves, t)));
	}
	return rows;
}

enum err mileage_confirm_mvps(struct db_conn *c, int64_t org, const char *period,
			      const int64_t *staff, const int64_t *amount, size_t n,
			      const char *title, int64_t by_user, const char *today)
{
	int rc;
	if (db_int(c, &rc, 0, "SELECT COUNT(*) FROM mileage_mvps WHERE org_id = ? AND period = ?",
		   "it", org, period))
		return ERR_CONFLICT;
	if (rc != DB_ROW)
		return ERR_DB_UNAVAILABLE;
	char now[32];
	snprintf(now, sizeof now, "%.10sT00:00:00Z", today);
	for (size_t i = 0; i < n; i++) {
		/* its rank among everyone, by the points of the period */
		struct db_stmt *s = db_preparef(
			c,
			"SELECT b.points, COALESCE(s.department_id, 0), 1 + (SELECT COUNT(*) FROM "
			"mileage_balances o WHERE o.org_id = b.org_id AND o.subject = b.subject "
			"AND "
			"o.period = b.period AND o.points > b.points) FROM mileage_balances b JOIN "
			"staff s ON s.id = b.subject_id WHERE b.org_id = ? AND b.subject = ? "
			"AND b.period = ? AND b.subject_id = ? AND b.points > 0",
			"iiii", org, (int64_t)MILEAGE_STAFF, (int64_t)mileage_period_number(period),
			staff[i]);
		int step = s ? db_step(s) : DB_ERR;
		int64_t points = step == DB_ROW ? db_column_int(s, 0) : 0,
			dept = step == DB_ROW ? db_column_int(s, 1) : 0,
			rank = step == DB_ROW ? db_column_int(s, 2) : 0;
		db_finalize(s);
		if (step != DB_ROW)
			return step == DB_OK ? ERR_INVALID : ERR_DB_UNAVAILABLE;
		int64_t mvp =
			db_int(c, &rc, 0,
			       "INSERT INTO mileage_mvps (org_id, period, rank, staff_id, "
			       "department_id, points, confirmed_by, confirmed_at) VALUES (?, "
			       "?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, 0), ?) RETURNING id",
			       "itiiiiit", org, period, rank, staff[i], dept, points, by_user, now);
		if (rc != DB_ROW)
			return ERR_DB_UNAVAILABLE;
		if (amount[i] > 0 &&
		    db_run(c, NULL,
			   "INSERT INTO mileage_rewards (org_id, staff_id, department_id, mvp_id, "
			   "period, title, amount) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?)",
			   "iiiitti", org, staff[i], dept, mvp, period, title, amount[i]) != DB_OK)
			return ERR_DB_UNAVAILABLE;
	}
	return ERR_OK;
}
