/*
 * demo.c: the seed's evaluations (Ⅳ-2-11, and Ⅱ's 동 행정혁신 실적).
 *
 *  - 구 행정 혁신평가 (보건소 포함), 2006: "대상 28개부서(구청·보건소)"; the
 *    org demo makes exactly these the divisions (kind 'division': 과,
 *    담당관 and 보건소, 혁신기획담당관 included), so the targets are the
 *    divisions in the tree's order, and the load fails if they are not 28.
 *    "평가분야(2) 혁신역량, 혁신과제": 40 and 60 points (the ministry's own
 *    35/50/15 has a third area this evaluation does not).  The indicators
 *    count the demo's own knowledge, mileage, courses, clubs and tasks of
 *    2006; two are scored by two evaluators (one of them assigned half the
 *    targets), one score corrected.  Closed, which computes the results:
 *    "우수부서 인센티브 4개부서 (최우수1, 우수3)".
 *  - 동 행정혁신평가, 2006: "11월중", "3개 분야 14개 항목", "동
 *    행정품질평가(자치행정과)와 연계" (a text reference): the 18 동 주민센터,
 *    open, an evaluator assigned.  The seed does not name the three areas or
 *    the items: the names here are plausible, not the seed's.
 *
 * No figure is written as a result: closing computes them from the records.
 */
#include <stdio.h>
#include <string.h>

#include "crud/module.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/evaluations/evaluations.h"

enum { DIVISIONS = 28, DONGS = 18, EVALUATORS = 3 };

struct demo_indicator {
	int area; /* index into the round's areas */
	const char *name, *measure, *norm;
	int64_t weight, target_halves;
};

static const char *const dept_areas[] = {"혁신역량", "혁신과제"};
static const int64_t dept_area_points[] = {40, 60};

static const struct demo_indicator dept_indicators[] = {
	{0, "1인당 지식 등록", "knowledge_per_head", "ratio_best", 10, 0},
	{0, "우수지식 선정", "knowledge_excellent", "rank_bands", 5, 0},
	{0, "1인당 혁신 마일리지", "mileage_per_head", "ratio_best", 10, 0},
	{0, "혁신교육 이수율", "course_completion", "target", 10, 160 /* 80 % */},
	{0, "학습동아리 활동 (동아리당 모임)", "club_meetings", "ratio_best", 5, 0},
	{1, "혁신과제 추진율", "task_progress", "target", 10, 200 /* 100 % */},
	{1, "월별 추진실적 기한 내 보고", "progress_reports", "ratio_best", 10, 0},
	{1, "일하는 방식 개선", "process_redesigns", "rank_bands", 20, 0},
	{1, "혁신과제 추진 노력도 (평가위원)", NULL, NULL, 10, 0},
	{1, "혁신 우수사례 (평가위원)", NULL, NULL, 10, 0},
};

static const char *const dong_areas[] = {"혁신 추진기반", "혁신과제 추진", "주민 서비스 품질"};
static const int64_t dong_area_points[] = {30, 40, 30};
static const struct {
	int area;
	const char *name;
	int64_t weight;
} dong_items[] = {
	{0, "동 혁신·CS리더 활동", 8}, {0, "변화관리자 운영", 7},
	{0, "서포터즈 운영", 7},       {0, "혁신 학습과 교육 참여", 8},
	{1, "중점과제 추진", 8},       {1, "일반과제 추진", 7},
	{1, "과제 추진실적 보고", 6},  {1, "주민 참여 과제", 7},
	{1, "우수사례 발굴", 6},       {1, "실무협의회 참여", 6},
	{2, "민원 처리 친절도", 8},    {2, "민원 처리기간 준수", 8},
	{2, "주민센터 환경 개선", 7},  {2, "동 행정품질평가 연계 항목", 7},
};

static int64_t insert_round(struct seed *s, const char *title, const char *subject,
			    const char *from, const char *to, const char *held, const char *linked,
			    const char *note)
{
	return seed_insert(
		s, title,
		db_preparef(s->c,
			    "INSERT INTO evaluations (org_id, year, title, subject, "
			    "period_from, period_to, held_in, linked_to, note) VALUES (?, "
			    "2006, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			    "ittttttt", s->org, title, subject, from, to, held, linked, note));
}

static int64_t insert_area(struct seed *s, int64_t round, const char *name, int64_t points,
			   int64_t order)
{
	return seed_insert(s, name,
			   db_preparef(s->c,
				       "INSERT INTO evaluation_areas (org_id, evaluation_id, name, "
				       "weight, sort_order) VALUES (?, ?, ?, ?, ?) RETURNING id",
				       "iitii", s->org, round, name, points, order));
}

static int64_t insert_indicator(struct seed *s, int64_t round, int64_t area, const char *name,
				int64_t weight, const char *measure, const char *norm,
				int64_t target, int64_t order)
{
	return seed_insert(
		s, name,
		db_preparef(
			s->c,
			"INSERT INTO evaluation_indicators (org_id, evaluation_id, area_id, "
			"name, weight, method, measure, norm, target_value, score_lo, score_hi, "
			"sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), 0, 10, ?) "
			"RETURNING id",
			"iiititttii", s->org, round, area, name, weight,
			measure ? "computed" : "scored", measure, norm, target, order));
}

/* The targets: the departments of kind in the tree's order; how many. */
static int64_t insert_targets(struct seed *s, int64_t round, const char *kind, int64_t *ids,
			      int64_t max)
{
	struct db_stmt *q =
		db_preparef(s->c,
			    "SELECT id FROM departments WHERE org_id = ? AND kind = ? AND "
			    "archived_at IS NULL ORDER BY path, sort_order, id",
			    "it", s->org, kind);
	int64_t depts[64], n = 0;
	while (q && n < 64 && db_step(q) == DB_ROW)
		depts[n++] = db_column_int(q, 0);
	db_finalize(q);
	if (n != max)
		return -1;
	for (int64_t i = 0; i < n; i++)
		if (!(ids[i] = seed_insert(s, "target",
					   db_preparef(s->c,
						       "INSERT INTO evaluation_targets (org_id, "
						       "evaluation_id, department_id, sort_order) "
						       "VALUES (?, ?, ?, ?) RETURNING id",
						       "iiii", s->org, round, depts[i], i + 1))))
			return -1;
	return n;
}

static int assign(struct seed *s, int64_t user, const char *entity, int64_t record)
{
	if (db_run(s->c, NULL,
		   "INSERT INTO user_assignments (user_id, entity, record_id) VALUES (?, ?, ?)",
		   "iti", user, entity, record) != DB_OK)
		return seed_fail(s, "assignment");
	s->rows++;
	return 0;
}

static int64_t score(struct seed *s, int64_t round, int64_t target, int64_t indicator, int64_t user,
		     const char *name, int64_t halves, int64_t version, const char *reason)
{
	int64_t id = seed_insert(
		s, "score",
		db_preparef(s->c,
			    "INSERT INTO evaluation_scores (org_id, evaluation_id, target_id, "
			    "indicator_id, evaluator_user_id, evaluator_name, score, version, "
			    "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			    "iiiiitiit", s->org, round, target, indicator, user, name, halves,
			    version, reason));
	return id;
}

static const char *const evaluator_names[EVALUATORS] = {"평가위원 김정민", "평가위원 이수현",
							"평가위원 박동호"};

static int load_evaluators(struct seed *s, int64_t users[EVALUATORS])
{
	for (int i = 0; i < EVALUATORS; i++) {
		char login[16];
		snprintf(login, sizeof login, "eval%02d", i + 1);
		if (!(users[i] =
			      seed_insert(s, login,
					  db_preparef(s->c,
						      "INSERT INTO users (org_id, login, name, "
						      "role) VALUES (?, ?, ?, 'evaluator') "
						      "RETURNING id",
						      "itt", s->org, login, evaluator_names[i]))))
			return -1;
	}
	return 0;
}

/* The 2006 department evaluation, closed. */
static int load_departments(struct seed *s, const int64_t users[EVALUATORS])
{
	int64_t round = insert_round(
		s, "2006년 구 행정혁신 우수부서 평가", "departments", "2006-01-01", "2006-12-31",
		"2006-10", NULL,
		"대상 28개 부서(구청·보건소), 우수부서 인센티브 4개 부서(최우수 1, 우수 3)");
	if (!round)
		return -1;
	int64_t areas[2], inds[COUNT_OF(dept_indicators)], targets[DIVISIONS];
	for (size_t a = 0; a < 2; a++)
		if (!(areas[a] = insert_area(s, round, dept_areas[a], dept_area_points[a],
					     (int64_t)a + 1)))
			return -1;
	for (size_t i = 0; i < COUNT_OF(dept_indicators); i++) {
		const struct demo_indicator *d = &dept_indicators[i];
		if (!(inds[i] = insert_indicator(s, round, areas[d->area], d->name, d->weight,
						 d->measure, d->norm, d->target_halves,
						 (int64_t)i + 1)))
			return -1;
	}
	if (insert_targets(s, round, "division", targets, DIVISIONS) != DIVISIONS) {
		snprintf(s->err, s->errlen,
			 "evaluations demo: 구청·보건소의 과·담당관·보건소(division)가 %d개여야 "
			 "합니다 (org 모듈의 데모)",
			 DIVISIONS);
		return -1;
	}
	/* eval01 scores every target, eval02 the first half */
	for (int e = 0; e < 2; e++) {
		if (assign(s, users[e], "evaluations", round))
			return -1;
		for (int t = 0; t < (e ? DIVISIONS / 2 : DIVISIONS); t++) {
			if (assign(s, users[e], "evaluation-targets", targets[t]))
				return -1;
			for (size_t i = 0; i < COUNT_OF(dept_indicators); i++)
				if (!dept_indicators[i].measure &&
				    !score(s, round, targets[t], inds[i], users[e],
					   evaluator_names[e], 10 + seed_next(s, 11), 1, NULL))
					return -1;
		}
	}
	/* one correction before closing: the next version, with its reason */
	if (!score(s, round, targets[0], inds[8], users[0], evaluator_names[0], 18, 2,
		   "증빙자료(추진실적 보고서) 추가 확인"))
		return -1;
	int64_t version = 0;
	char why[400];
	if (evaluations_compute(s->c, s->org, round, "close", "데모 자료 (system)", NULL, &version,
				why, sizeof why) != ERR_OK ||
	    db_run(s->c, NULL, "UPDATE evaluations SET status = 'closed' WHERE id = ?", "i",
		   round) != DB_OK) {
		snprintf(s->err, s->errlen, "evaluations demo: close: %s",
			 *why ? why : db_errmsg(s->c));
		return -1;
	}
	return 0;
}

/* The 2006 동 evaluation: 3 areas, 14 scored items, open. */
static int load_dongs(struct seed *s, const int64_t users[EVALUATORS])
{
	int64_t round =
		insert_round(s, "2006년 동 행정혁신 평가", "dongs", "2006-09-01", "2006-11-30",
			     "2006-11", "동 행정품질평가 (자치행정과)",
			     "3개 분야 14개 항목, 동 행정품질평가(자치행정과)와 연계하여 운영");
	if (!round)
		return -1;
	int64_t areas[3], targets[DONGS];
	for (size_t a = 0; a < 3; a++)
		if (!(areas[a] = insert_area(s, round, dong_areas[a], dong_area_points[a],
					     (int64_t)a + 1)))
			return -1;
	for (size_t i = 0; i < COUNT_OF(dong_items); i++)
		if (!insert_indicator(s, round, areas[dong_items[i].area], dong_items[i].name,
				      dong_items[i].weight, NULL, NULL, 0, (int64_t)i + 1))
			return -1;
	if (insert_targets(s, round, "dong", targets, DONGS) != DONGS) {
		snprintf(s->err, s->errlen,
			 "evaluations demo: 동 주민센터(dong)가 %d개여야 합니다 (org 모듈의 데모)",
			 DONGS);
		return -1;
	}
	if (assign(s, users[2], "evaluations", round))
		return -1;
	for (int t = 0; t < DONGS; t++)
		if (assign(s, users[2], "evaluation-targets", targets[t]))
			return -1;
	return 0;
}

int evaluations_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			  size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "evaluations",
			 .err = err,
			 .errlen = errlen,
			 .rng = 20061031};
	enum seed_start start =
		seed_begin(&s, "SELECT COUNT(*) FROM evaluations WHERE org_id = ?",
			   "SELECT COUNT(*) FROM mileage_entries WHERE org_id = ?", 1,
			   "마일리지 원장이 먼저 있어야 합니다 (mileage 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int64_t users[EVALUATORS];
	int ok = load_evaluators(&s, users) == 0 && load_departments(&s, users) == 0 &&
		 load_dongs(&s, users) == 0;
	return seed_end(&s, ok, NULL);
}
