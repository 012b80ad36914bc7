/*
 * demo.c: the seed's 2006 mileage (Ⅱ-9: 1,292 participants earned 2,991.5
 * points; 9 rewarded with 1,800천원 in total), through real ledger
 * entries: the rule table, the year's knowledge events (left by the
 * knowledge demo) taken through it, then the administrators' manual awards
 * for the other activities of the year (education, ideas, contests, clubs,
 * materials): one point for each person not yet counted, the year's top
 * nine clearly ahead, and the rest of the year's points spread in half and
 * whole points.  The figures are the seed's targets; what the pages show
 * is computed from the entries.  Then the year's MVPs are confirmed through
 * the MVP page's own function and their rewards paid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "crud/entity.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/mileage/mileage.h"

#define PEOPLE 1292 /* 총 참여 인원 */
#define HALVES 5983 /* 2,991.5 마일리지 */
#define MVPS   9    /* 우수자 시상 9명 */

static const char *const reasons[] = {
	"혁신교육 이수 (혁신사이버교육)",
	"혁신아이디어 제안",
	"업무혁신 경진대회 참가",
	"학습동아리 활동",
	"혁신 자료 게시",
	"혁신 우수사례 발표",
};
#define REASONS (sizeof reasons / sizeof reasons[0])

/* 1,800천원: 최우수 1명 400, 우수 2명 250, 장려 6명 150 (천원). */
static const int64_t prizes[MVPS] = {400000, 250000, 250000, 150000, 150000,
				     150000, 150000, 150000, 150000};

struct plan {
	struct mileage_grant *g[REASONS]; /* grants by reason */
	size_t n[REASONS], cap[REASONS];
	char days[12 * 28][24]; /* the days of 2006 grants fall on */
};

static void plan_add(struct plan *p, size_t reason, int64_t staff, int64_t halves, size_t day)
{
	reason %= REASONS;
	if (p->n[reason] == p->cap[reason]) {
		p->cap[reason] = p->cap[reason] ? p->cap[reason] * 2 : 256;
		p->g[reason] = xrealloc(p->g[reason], p->cap[reason] * sizeof *p->g[reason]);
	}
	p->g[reason][p->n[reason]++] =
		(struct mileage_grant){staff, halves, p->days[day % (12 * 28)]};
}

/* Writes the planned grants and empties the plan. */
static int plan_grant(struct plan *p, struct db_conn *c, int64_t org)
{
	int rc = 0;
	for (size_t r = 0; r < REASONS; r++) {
		if (!rc && p->n[r] &&
		    mileage_grant(c, org, p->g[r], p->n[r], reasons[r], 0, "혁신기획단") != ERR_OK)
			rc = -1;
		p->n[r] = 0;
	}
	return rc;
}

/* The organisation's 2006 people or points so far, into *sum; 0, or -1
 * when they cannot be read.  (Balance rows: subject 0 is a person, 2 the
 * organisation; see enum mileage_subject.) */
static int year_sum(struct db_conn *c, int64_t org, const char *column, int64_t *sum)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT COALESCE(MAX(%s), 0) FROM mileage_balances WHERE org_id = ? AND subject = "
		 "2 AND period = 2006",
		 column);
	int rc;
	*sum = db_int(c, &rc, 0, sql, "i", org);
	return rc == DB_ERR ? -1 : 0;
}

/* Staff ids of a query with the organisation as its one parameter. */
static int64_t *ids_of(struct db_conn *c, const char *sql, int64_t org, size_t *n)
{
	struct db_stmt *s = db_preparef(c, sql, "ii", org, org);
	size_t cap = 256;
	int64_t *out = xmalloc(cap * sizeof *out);
	*n = 0;
	while (s && db_step(s) == DB_ROW) {
		if (*n == cap)
			out = xrealloc(out, (cap *= 2) * sizeof *out);
		out[(*n)++] = db_column_int(s, 0);
	}
	db_finalize(s);
	return out;
}

static int rules(struct db_conn *c, int64_t org)
{
	return db_run(c, NULL,
		      "INSERT INTO mileage_rules (org_id, event_code, name, points, monthly_cap, "
		      "valid_from, note) VALUES (?, 'knowledge.registered', '지식 등록', 2, 10, "
		      "'2006-01-01', '한 사람이 한 달에 5점까지'), (?, 'knowledge.excellent', "
		      "'우수지식 선정', 20, NULL, '2006-01-01', '지식전문가 심사를 거쳐 "
		      "우수지식으로 "
		      "결정된 지식의 작성자')",
		      "ii", org, org) == DB_OK &&
	       /* courses (innovation education): a completed course, half a point */
	       db_run(c, NULL,
		      "INSERT INTO mileage_rules (org_id, event_code, name, points, monthly_cap, "
		      "valid_from, note) VALUES (?, 'course.completed', '혁신교육 이수', 1, NULL, "
		      "'2006-01-01', '과정 하나를 이수할 때마다')",
		      "i", org) == DB_OK &&
	       /* groups (innovation-leading groups): a participation, half a point */
	       db_run(c, NULL,
		      "INSERT INTO mileage_rules (org_id, event_code, name, points, monthly_cap, "
		      "valid_from, note) VALUES (?, 'group.activity', '혁신주도그룹 활동 참여', 1, "
		      "NULL, '2006-01-01', '현장탐방·특강·심사·위탁교육·세미나 참여 한 번에 "
		      "0.5점')",
		      "i", org) == DB_OK &&
	       /* clubs (learning clubs): a meeting held (its 회장), an attendance */
	       db_run(c, NULL,
		      "INSERT INTO mileage_rules (org_id, event_code, name, points, monthly_cap, "
		      "valid_from, note) VALUES (?, 'club.meeting_held', '학습동아리 모임 개최', "
		      "1, "
		      "NULL, '2006-01-01', '동아리 회장에게 모임 한 번에 0.5점'), (?, "
		      "'club.attended', '학습동아리 모임 참석', 1, NULL, '2006-01-01', '모임 "
		      "참석 한 번에 0.5점')",
		      "ii", org, org) == DB_OK;
}

/* A point for each person not yet counted, until the year's people; the
 * people who got one into *fresh (malloc'd), how many into *need; 0, -1 on
 * a database error, -2 (with err) when the staff is too small. */
static int load_people(struct db_conn *c, int64_t org, struct plan *p, int64_t **fresh,
		       int64_t *need, char *err, size_t errlen)
{
	size_t n;
	*fresh = ids_of(c,
			"SELECT id FROM staff WHERE org_id = ? AND active = 1 AND "
			"archived_at IS NULL AND id NOT IN (SELECT subject_id FROM "
			"mileage_balances WHERE org_id = ? AND subject = 0 AND "
			"period = 2006) ORDER BY id",
			org, &n);
	int64_t have;
	if (year_sum(c, org, "people", &have) != 0)
		return -1;
	*need = PEOPLE - have;
	if (*need < MVPS || (size_t)*need > n) {
		snprintf(err, errlen, "mileage demo: %lld people wanted, %zu free",
			 (long long)*need, n);
		return -2;
	}
	for (int64_t i = 0; i < *need; i++)
		plan_add(p, (size_t)i, (*fresh)[i], 2, (size_t)i * 29);
	return plan_grant(p, c, org);
}

/* The year's nine, spread over the people just counted: ahead of everyone
 * by 20 points and more, in four awards through the year. */
static int load_nine(struct db_conn *c, int64_t org, struct plan *p, const int64_t *fresh,
		     int64_t need)
{
	int got;
	int64_t top = db_int(c, &got, 0,
			     "SELECT COALESCE(MAX(points), 0) FROM mileage_balances WHERE org_id = "
			     "? AND subject = 0 AND period = 2006",
			     "i", org);
	if (got == DB_ERR)
		return -1;
	for (int k = 0; k < MVPS; k++) {
		int64_t staff = fresh[(size_t)k * (size_t)(need / MVPS)],
			extra = top + 40 + 6 * (MVPS - 1 - k) - 2;
		for (int part = 0; part < 4; part++)
			plan_add(p, (size_t)(k + part), staff,
				 part < 3 ? extra / 4 : extra - 3 * (extra / 4),
				 (size_t)(k * 11 + part * 84));
	}
	return plan_grant(p, c, org);
}

/* The rest of the year's points, a half or a whole point at a time, to
 * everyone well below the top. */
static int load_rest(struct db_conn *c, int64_t org, struct plan *p, char *err, size_t errlen)
{
	size_t everyone;
	int64_t *all = ids_of(c,
			      "SELECT subject_id FROM mileage_balances WHERE org_id = ? AND "
			      "subject = 0 AND period = 2006 AND points < (SELECT "
			      "MAX(points) FROM mileage_balances WHERE org_id = ? AND subject = "
			      "0 AND period = 2006) - 80 ORDER BY subject_id",
			      org, &everyone);
	int64_t sum = 0;
	int rc = year_sum(c, org, "points", &sum) != 0 ? -1 : 0;
	int64_t left = HALVES - sum;
	if (!rc && (left < 0 || !everyone)) {
		snprintf(err, errlen, "mileage demo: %lld halves left", (long long)left);
		rc = -2;
	}
	for (size_t i = 0; left > 0 && !rc; i++) {
		int64_t h = left >= 2 && i % 3 ? 2 : 1;
		plan_add(p, i + 1, all[(i * 7919) % everyone], h, i * 13);
		left -= h;
	}
	rc = rc ? rc : plan_grant(p, c, org);
	free(all);
	return rc;
}

/* The year's MVPs, the top nine, confirmed and paid. */
static int load_mvps(struct db_conn *c, int64_t org, char *err, size_t errlen)
{
	int64_t staff[MVPS];
	json_t *top9 = mileage_candidates(c, org, "2006", MVPS);
	for (size_t k = 0; k < MVPS && top9; k++)
		staff[k] = row_int(json_array_get(top9, k), "staff_id");
	int nine = json_array_size(top9) == MVPS;
	json_decref(top9);
	if (!nine) {
		snprintf(err, errlen, "mileage demo: the year's top is not nine people");
		return -2;
	}
	if (mileage_confirm_mvps(c, org, "2006", staff, prizes, MVPS,
				 "2006년 혁신MVP 시상 (혁신마일리지 우수자)", 0,
				 "2006-12-20") != ERR_OK ||
	    db_run(c, NULL,
		   "UPDATE mileage_rewards SET paid = 1, paid_on = '2006-12-27' WHERE org_id = ? "
		   "AND period = '2006'",
		   "i", org) != DB_OK)
		return -1;
	return 0;
}

static int load(struct db_conn *c, int64_t org, struct plan *p, char *err, size_t errlen)
{
	int64_t taken, *fresh = NULL, need = 0;
	if (!rules(c, org) || mileage_take_pending(c, org, &taken) != ERR_OK)
		return -1;
	int rc = load_people(c, org, p, &fresh, &need, err, errlen);
	rc = rc ? rc : load_nine(c, org, p, fresh, need);
	rc = rc ? rc : load_rest(c, org, p, err, errlen);
	rc = rc ? rc : load_mvps(c, org, err, errlen);
	free(fresh);
	return rc;
}

/* The organisation's last ledger entry before the load (0: none) into
 * *last; 0, or -1 after seed_fail. */
static int last_entry(struct seed *s, int64_t *last)
{
	int rc;
	*last = db_int(s->c, &rc, 0,
		       "SELECT COALESCE(MAX(id), 0) FROM mileage_entries WHERE org_id = ?", "i",
		       s->org);
	return rc == DB_ERR ? seed_fail(s, "ledger") : 0;
}

/* What this load booked, for the audit entry: the people of the entries
 * after last and their points; NULL after seed_fail. */
static json_t *booked(struct seed *s, int64_t last)
{
	struct db_stmt *st =
		db_preparef(s->c,
			    "SELECT COUNT(DISTINCT staff_id), COALESCE(SUM(points), 0) "
			    "FROM mileage_entries WHERE org_id = ? AND id > ?",
			    "ii", s->org, last);
	json_t *diff = NULL;
	char points[32];
	if (st && db_step(st) == DB_ROW)
		diff = json_pack("{s:I, s:s}", "people", (json_int_t)db_column_int(st, 0), "points",
				 halves_text(db_column_int(st, 1), points));
	else
		seed_fail(s, "ledger");
	db_finalize(st);
	return diff;
}

int mileage_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		      size_t errlen)
{
	struct seed s = {
		.c = c, .by = by, .org = org, .module = "mileage", .err = err, .errlen = errlen};
	enum seed_start start =
		seed_begin(&s, "SELECT COUNT(*) FROM mileage_rules WHERE org_id = ?",
			   "SELECT COUNT(*) FROM staff WHERE org_id = ?", PEOPLE,
			   "데모 기관의 직원 1,292명 이상이 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int64_t last;
	if (last_entry(&s, &last) != 0)
		return seed_end(&s, 0, NULL);
	struct plan *p = xcalloc(1, sizeof *p);
	for (int d = 0; d < 12 * 28; d++)
		snprintf(p->days[d], sizeof p->days[d], "2006-%02d-%02d", 1 + d % 12, 1 + d / 12);
	int rc = load(c, org, p, err, errlen);
	for (size_t r = 0; r < REASONS; r++)
		free(p->g[r]);
	free(p);
	if (rc == -1)
		seed_fail(&s, "ledger");
	json_t *diff = rc ? NULL : booked(&s, last);
	rc = seed_end(&s, diff != NULL, diff);
	json_decref(diff);
	return rc;
}
