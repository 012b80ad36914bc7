/*
 * demo.c: the seed's innovation-leading groups (Ⅱ-6, Ⅳ-2-3).
 *
 *  - The five groups, 101 members: 혁신리더그룹 20 (5~6급), 변화관리자 29
 *    (6~9급 in 2006 by Ⅱ-6, 6~8급 from 2007 by Ⅳ-2-3: both rules stored,
 *    its members of 6~8급 so that they meet both), 혁신새싹그룹 19 (8~9급),
 *    혁신전문가 11 (people the courses demo completed in the expert course),
 *    지식전문가 22 (the knowledge demo's appointed experts, from their
 *    appointments).  Every member is checked by groups_eligible() as the
 *    group's page checks them; one who is not fails the load.
 *  - The 2006 activities: 현장탐방 (주)63시티 2회 100명 and 행정자치부 혁신정부
 *    체험 2회 62명, the 특강 of 6.16 for 230 (the 29 변화관리자 among them),
 *    혁신우수사례 경진대회 심사 by 2 leaders twice, and the 3-week
 *    commissioned training of 3 experts at 자치인력개발원; each participation
 *    a group.activity event left for the mileage demo to take (its rules
 *    do not exist yet).
 *
 * The people are chosen from the staff list by rule, in id order, spread
 * over it with a stride: the same every time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/courses/courses.h"
#include "mod/groups/groups.h"

enum { LEADERS, CHANGE, SPROUTS, EXPERTS, KNOWLEDGE, GROUPS };

static const struct {
	const char *name, *purpose;
	int want;
} groups[GROUPS] = {
	{"혁신리더그룹", "혁신실행참여, 혁신과제실행관리", 20},
	{"변화관리자", "부서혁신활동, 혁신커뮤니케이터", 29},
	{"혁신새싹그룹", "아이디어 발굴·토론", 19},
	{"혁신전문가", "구정혁신전파, 우수사례연구", 11},
	{"지식전문가", "업무분야별 지식관리 및 평가", 22},
};

/* The rules: group, year, kind, grades or course, where the seed says so. */
static const struct {
	int group, year;
	const char *kind, *from, *to, *course, *basis;
} rules[] = {
	{LEADERS, 2006, "grade", "g5", "g6", NULL, "Ⅱ-6 혁신주도그룹 구성 (5~6급)"},
	{CHANGE, 2006, "grade", "g6", "g9", NULL, "Ⅱ-6 혁신주도그룹 구성 (6~9급)"},
	{CHANGE, 2007, "grade", "g6", "g8", NULL, "Ⅳ-2-3 구성 및 기능 (6~8급 공무원)"},
	{SPROUTS, 2006, "grade", "g8", "g9", NULL, "Ⅱ-6 혁신주도그룹 구성 (8~9급)"},
	{EXPERTS, 2006, "course", NULL, NULL, COURSE_KIND_EXPERT,
	 "Ⅱ-6 혁신전문가 (교육이수), Ⅳ-2-3 전문교육 이수자"},
	{KNOWLEDGE, 2006, "expert", NULL, NULL, NULL,
	 "Ⅱ-6 지식전문가 (지식 분야별), Ⅳ-2-3 분야별 지식전문가"},
};

struct ids {
	int64_t *v;
	size_t n, cap;
};

static void ids_add(struct ids *a, int64_t id)
{
	if (a->n == a->cap)
		a->v = xrealloc(a->v, (a->cap = a->cap ? a->cap * 2 : 64) * sizeof *a->v);
	a->v[a->n++] = id;
}

/* The ids sql gives (its values: the org, twice when it says so). */
static int ids_of(struct seed *s, struct ids *out, const char *sql, int twice)
{
	out->n = 0;
	struct db_stmt *st = twice ? db_preparef(s->c, sql, "ii", s->org, s->org)
				   : db_preparef(s->c, sql, "i", s->org);
	int rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW)
		ids_add(out, db_column_int(st, 0));
	db_finalize(st);
	return rc == DB_OK ? 0 : seed_fail(s, "staff");
}

struct load {
	struct seed s;		   /* first: the kit's state */
	int64_t group[GROUPS];	   /* the groups' ids */
	struct ids member[GROUPS]; /* their members' staff ids, in order */
};

static int load_groups(struct load *l)
{
	struct seed *s = &l->s;
	for (int g = 0; g < GROUPS; g++)
		if (!(l->group[g] = seed_insert(
			      s, "group",
			      db_preparef(s->c,
					  "INSERT INTO innovation_groups (org_id, name, purpose, "
					  "sort_order) VALUES (?, ?, ?, ?) RETURNING id",
					  "itti", s->org, groups[g].name, groups[g].purpose,
					  (int64_t)g + 1))))
			return -1;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (!seed_insert(
			    s, "rule",
			    db_preparef(s->c,
					"INSERT INTO innovation_group_rules (org_id, group_id, "
					"year, kind, grade_from, grade_to, course_kind, basis) "
					"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
					"iiitttt"
					"t",
					s->org, l->group[rules[i].group], (int64_t)rules[i].year,
					rules[i].kind, rules[i].from, rules[i].to, rules[i].course,
					rules[i].basis)))
			return -1;
	return 0;
}

/* Joins staff to group g on day, after checking the rule as the page does
 * (and, for 변화관리자, the next year's too). */
static int join(struct load *l, int g, int64_t staff, const char *day)
{
	struct seed *s = &l->s;
	char why[600];
	for (int year = 2006; year <= (g == CHANGE ? 2007 : 2006); year++) {
		int ok = groups_eligible(s->c, s->org, l->group[g], staff, year, why, sizeof why);
		if (ok < 0)
			return seed_fail(s, "eligibility");
		if (!ok) {
			snprintf(s->err, s->errlen, "groups demo: staff %lld: %s (%d)",
				 (long long)staff, why, year);
			return -1;
		}
	}
	if (!seed_insert(s, "member",
			 db_preparef(s->c,
				     "INSERT INTO innovation_group_members (org_id, group_id, "
				     "staff_id, joined_on) VALUES (?, ?, ?, ?) RETURNING id",
				     "iiit", s->org, l->group[g], staff, day)))
		return -1;
	ids_add(&l->member[g], staff);
	return 0;
}

/* Everyone not yet in a group, of the grades in list (SQL), in id order. */
#define FREE_STAFF(grades)                                                                         \
	"SELECT id FROM staff WHERE org_id = ? AND archived_at IS NULL AND active = 1 AND grade "  \
	"IN " grades " AND id NOT IN (SELECT staff_id FROM innovation_group_members WHERE "        \
	"org_id = ?) ORDER BY id"

/* want of candidates, spread over them with a stride. */
static int join_spread(struct load *l, int g, const struct ids *cand, const char *day)
{
	size_t want = (size_t)groups[g].want;
	if (cand->n < want) {
		snprintf(l->s.err, l->s.errlen, "groups demo: %s: %zu candidates for %zu",
			 groups[g].name, cand->n, want);
		return -1;
	}
	for (size_t k = 0; k < want; k++)
		if (join(l, g, cand->v[k * (cand->n / want)], day))
			return -1;
	return 0;
}

static int load_members(struct load *l)
{
	struct seed *s = &l->s;
	struct ids cand = {0};
	int rc = -1;
	/* 지식전문가: the appointed experts, from their appointments */
	struct db_stmt *st = db_preparef(
		s->c,
		"SELECT s.id, MIN(k.appointed_on) FROM knowledge_experts k JOIN staff s ON "
		"s.user_id = k.user_id WHERE k.org_id = ? AND k.archived_at IS NULL GROUP BY s.id "
		"ORDER BY s.id",
		"i", s->org);
	struct ids experts = {0};
	char days[32][11];
	int step = DB_ERR;
	while (st && (step = db_step(st)) == DB_ROW && experts.n < 32) {
		snprintf(days[experts.n], sizeof days[0], "%s", db_column_text(st, 1));
		ids_add(&experts, db_column_int(st, 0));
	}
	db_finalize(st);
	if (step != DB_OK || experts.n != (size_t)groups[KNOWLEDGE].want) {
		snprintf(s->err, s->errlen, "groups demo: %zu knowledge experts, 22 wanted",
			 experts.n);
		goto out;
	}
	for (size_t i = 0; i < experts.n; i++)
		if (join(l, KNOWLEDGE, experts.v[i], days[i]))
			goto out;
	/* 혁신전문가: those the courses demo completed in the expert course */
	if (ids_of(s, &cand, FREE_STAFF("('g6', 'g7', 'g8')"), 1))
		goto out;
	for (size_t i = 0; i < cand.n && l->member[EXPERTS].n < (size_t)groups[EXPERTS].want; i++) {
		int done = courses_completed(s->c, s->org, cand.v[i], COURSE_KIND_EXPERT, 2006);
		if (done < 0) {
			seed_fail(s, "courses");
			goto out;
		}
		if (done && join(l, EXPERTS, cand.v[i], "2006-11-04"))
			goto out;
	}
	if (l->member[EXPERTS].n != (size_t)groups[EXPERTS].want) {
		snprintf(s->err, s->errlen,
			 "groups demo: %zu of 6~8급 completed the expert course in 2006, 11 wanted "
			 "(courses 모듈의 데모가 먼저 있어야 합니다)",
			 l->member[EXPERTS].n);
		goto out;
	}
	rc = ids_of(s, &cand, FREE_STAFF("('g5', 'g6')"), 1) ||
			     join_spread(l, LEADERS, &cand, "2006-01-20") ||
			     ids_of(s, &cand, FREE_STAFF("('g6', 'g7', 'g8')"), 1) ||
			     join_spread(l, CHANGE, &cand, "2006-01-20") ||
			     ids_of(s, &cand, FREE_STAFF("('g8', 'g9')"), 1) ||
			     join_spread(l, SPROUTS, &cand, "2006-01-20")
		     ? -1
		     : 0;
out:
	free(cand.v);
	free(experts.v);
	return rc;
}

/* One activity with its participants and their pending events. */
static int activity(struct load *l, int g, const char *kind, const char *title, const char *on,
		    const char *ends, const char *place, int64_t hours, const int64_t *who,
		    size_t n)
{
	struct seed *s = &l->s;
	int64_t id = seed_insert(
		s, "activity",
		db_preparef(
			s->c,
			"INSERT INTO innovation_group_activities (org_id, group_id, kind, title, "
			"held_on, ends_on, place, hours) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, "
			"?) RETURNING id",
			"iittttti", s->org, g < 0 ? 0 : l->group[g], kind, title, on, ends, place,
			hours));
	if (!id)
		return -1;
	char at[32];
	snprintf(at, sizeof at, "%sT09:00:00Z", on);
	for (size_t i = 0; i < n; i++) {
		if (db_run(s->c, NULL,
			   "INSERT INTO record_links (org_id, entity, field, record_id, ref_id, "
			   "position) VALUES (?, 'group-activities', 'participants', ?, ?, ?)",
			   "iiii", s->org, id, who[i], (int64_t)i) != DB_OK ||
		    db_run(s->c, NULL,
			   "INSERT INTO domain_events (org_id, kind, entity, record_id, staff_id, "
			   "created_at) VALUES (?, 'group.activity', 'group-activities', ?, ?, ?)",
			   "iiit", s->org, id, who[i], at) != DB_OK)
			return seed_fail(s, "participant");
		s->rows += 2;
	}
	return 0;
}

static int load_activities(struct load *l)
{
	struct ids all = {0}, others = {0};
	for (int g = 0; g < GROUPS; g++)
		for (size_t i = 0; i < l->member[g].n; i++)
			ids_add(&all, l->member[g].v[i]);
	/* the 특강: the 29 변화관리자 and 201 others of the staff, spread over it */
	int rc = ids_of(
		&l->s, &others,
		"SELECT id FROM staff WHERE org_id = ? AND archived_at IS NULL AND active = 1 "
		"AND id NOT IN (SELECT staff_id FROM innovation_group_members WHERE org_id = "
		"?) ORDER BY id",
		1);
	int64_t lecture[230];
	size_t n = 0;
	for (size_t i = 0; i < l->member[CHANGE].n; i++)
		lecture[n++] = l->member[CHANGE].v[i];
	for (size_t k = 0; !rc && n < 230 && k < others.n; k++)
		if (k % (others.n / 201) == 0)
			lecture[n++] = others.v[k];
	if (!rc && (n != 230 || all.n != 101)) {
		snprintf(l->s.err, l->s.errlen, "groups demo: %zu at the lecture, %zu members", n,
			 all.n);
		rc = -1;
	}
	/* 행자부: the members from the last, 31 a visit */
	int64_t back[101];
	for (size_t i = 0; i < all.n && i < 101; i++)
		back[i] = all.v[all.n - 1 - i];
	const int64_t *lead = l->member[LEADERS].v, *expert = l->member[EXPERTS].v;
	rc = rc ||
	     activity(l, -1, "visit", "(주)63시티 기업경영 혁신사례 현장탐방 (1차)", "2006-04-20",
		      NULL, "(주)63시티", 4, all.v, 50) ||
	     activity(l, -1, "visit", "(주)63시티 기업경영 혁신사례 현장탐방 (2차)", "2006-05-18",
		      NULL, "(주)63시티", 4, all.v + 50, 50) ||
	     activity(l, CHANGE, "lecture", "외부강사초빙 행정혁신특강", "2006-06-16", NULL, NULL,
		      3, lecture, 230) ||
	     activity(l, LEADERS, "judging", "혁신우수사례 경진대회 심사 (상반기)", "2006-06-28",
		      NULL, NULL, 3, lead, 2) ||
	     activity(l, -1, "visit", "행정자치부 혁신정부 체험 (1차)", "2006-09-14", NULL,
		      "행정자치부", 4, back, 31) ||
	     activity(l, -1, "visit", "행정자치부 혁신정부 체험 (2차)", "2006-10-19", NULL,
		      "행정자치부", 4, back + 31, 31) ||
	     activity(l, EXPERTS, "commission", "혁신전문가 특별 위탁교육 (3주)", "2006-11-06",
		      "2006-11-24", "자치인력개발원", 105, expert, 3) ||
	     activity(l, LEADERS, "judging", "혁신우수사례 경진대회 심사 (하반기)", "2006-11-29",
		      NULL, NULL, 3, lead, 2);
	free(all.v);
	free(others.v);
	return rc ? -1 : 0;
}

int groups_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		     size_t errlen)
{
	struct load l = {.s = {.c = c,
			       .by = by,
			       .org = org,
			       .module = "groups",
			       .err = err,
			       .errlen = errlen,
			       .rng = 2006}};
	enum seed_start start = seed_begin(
		&l.s, "SELECT COUNT(*) FROM innovation_groups WHERE org_id = ?",
		"SELECT COUNT(*) FROM knowledge_experts WHERE org_id = ? AND archived_at IS NULL",
		22, "지식전문가 22명이 먼저 있어야 합니다 (knowledge 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int ok = load_groups(&l) == 0 && load_members(&l) == 0 && load_activities(&l) == 0;
	for (int g = 0; g < GROUPS; g++)
		free(l.member[g].v);
	return seed_end(&l.s, ok, NULL);
}
