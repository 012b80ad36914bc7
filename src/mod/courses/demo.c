/*
 * demo.c: the seed's innovation education as real records.
 *
 *  - Ⅱ-8 (2006): 행정혁신특별교육 (6.16): 230 people of 변화관리자그룹 and
 *    others; 5급간부 특별혁신교육 (3.9-3.17 and 10.1-10.31): 50 managers of
 *    grade 5 (and 4); 신규직원 현장학습 및 맞춤식 혁신특별교육 (1.13 and 6.2):
 *    134 newcomers; 혁신사이버교육: 미니과정 and 전문가과정 (5 rounds), the
 *    expert course completed by staff of grades 6-8 only (the groups
 *    module's 혁신전문가 are picked among them).
 *  - Ⅳ-2-2 (2007 plan): 온라인 포스터 교육, 맞춤형 사이버 혁신 전문과정,
 *    혁신 전문가 초청 교육, 혁신 주도그룹 교육 (no enrolments yet).
 *
 * Every completion is an enrolment with its course.completed domain event
 * on its day, left for the mileage demo to take through its rules (they
 * do not exist yet).  People are drawn by a fixed stride over the staff of
 * the target grades, so the demo is the same every time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/courses/courses.h"

struct session {
	const char *from, *to;
	int completed, failed; /* enrolments completed, and not completed */
};

struct course {
	const char *title, *kind;
	int year;
	const char *grades; /* staff.grade codes */
	const char *groups;
	int hours;
	const char *provider;
	int capacity; /* 0: none */
	const char *description;
	struct session sessions[5];
	int offset; /* where in the target staff the draw starts */
};

static const struct course courses[] = {
	{"행정혁신특별교육",
	 "special",
	 2006,
	 "g6,g7,g8,g9",
	 "변화관리자그룹 등",
	 4,
	 "혁신기획단",
	 250,
	 "변화관리자그룹 등 직원 대상 행정혁신 특별교육",
	 {{"2006-06-16", "2006-06-16", 230, 0}},
	 0},
	{"5급 간부 특별혁신교육",
	 "exec5",
	 2006,
	 "g4,g5",
	 "5급 간부",
	 16,
	 "혁신기획단",
	 52,
	 "5급 간부 대상 변화관리·혁신 리더십 특별교육",
	 {{"2006-03-09", "2006-03-17", 25, 0}, {"2006-10-01", "2006-10-31", 25, 0}},
	 0},
	{"신규직원 현장학습 및 맞춤식 혁신특별교육",
	 "newcomer",
	 2006,
	 "g8,g9",
	 "신규직원",
	 8,
	 "혁신기획단",
	 140,
	 "신규직원 현장학습과 맞춤식 혁신 특별교육",
	 {{"2006-01-13", "2006-01-13", 67, 0}, {"2006-06-02", "2006-06-02", 67, 0}},
	 3},
	{"혁신사이버교육 미니과정",
	 "cyber_mini",
	 2006,
	 "",
	 NULL,
	 3,
	 "사이버교육센터",
	 0,
	 "혁신사이버교육 미니과정 (온라인)",
	 {{"2006-04-01", "2006-12-31", 60, 0}},
	 7},
	{"혁신사이버교육 전문가과정",
	 "cyber_expert",
	 2006,
	 "g6,g7,g8",
	 "혁신주도그룹",
	 20,
	 "사이버교육센터",
	 40,
	 "혁신사이버교육 전문가과정 (5회): 변화관리, 혁신기법, 고객만족",
	 {{"2006-04-03", "2006-04-28", 5, 1},
	  {"2006-05-08", "2006-06-02", 5, 1},
	  {"2006-07-03", "2006-07-28", 5, 1},
	  {"2006-09-04", "2006-09-29", 5, 1},
	  {"2006-10-09", "2006-11-03", 5, 1}},
	 11},
	{"온라인 포스터 교육",
	 "poster",
	 2007,
	 "",
	 NULL,
	 1,
	 "혁신기획단",
	 0,
	 "혁신 포스터를 이용한 온라인 교육: 리더십, 변화관리, 고객만족 등",
	 {{"2007-03-01", "2007-12-31", 0, 0}},
	 0},
	{"맞춤형 사이버 혁신 전문과정",
	 "cyber_expert",
	 2007,
	 "g6,g7,g8",
	 "혁신주도그룹",
	 20,
	 "사이버교육센터",
	 40,
	 "비전창출, 팀관리, 변화관리, 고객만족, 창의력 등",
	 {{"2007-04-02", "2007-04-27", 0, 0}},
	 0},
	{"혁신 전문가 초청 교육",
	 "lecture",
	 2007,
	 "",
	 NULL,
	 2,
	 "외부 초청 강사",
	 300,
	 "혁신역량강화 및 과제 실행, 민간혁신 우수사례",
	 {{"2007-05-16", "2007-05-16", 0, 0}},
	 0},
	{"혁신 주도그룹 교육",
	 "special",
	 2007,
	 "g5,g6,g7,g8,g9",
	 "혁신주도그룹",
	 8,
	 "혁신기획단",
	 120,
	 "혁신과제도출 및 문제해결을 위한 아이디어 발굴법, 전략적 사고 기법 등",
	 {{"2007-06-14", "2007-06-15", 0, 0}},
	 0},
};
#define COURSES (sizeof courses / sizeof courses[0])

/* The live staff of grades (a comma list; "": all) by id, into *ids. */
static size_t staff_of(struct seed *s, const char *grades, int64_t **ids)
{
	char padded[64];
	snprintf(padded, sizeof padded, ",%s,", grades);
	struct db_stmt *st =
		db_preparef(s->c,
			    "SELECT id FROM staff WHERE org_id = ? AND active = 1 AND "
			    "archived_at IS NULL AND (? = ',,' OR ? LIKE '%,' || grade "
			    "|| ',%') ORDER BY id",
			    "itt", s->org, padded, padded);
	size_t n = 0, cap = 512;
	*ids = xmalloc(cap * sizeof **ids);
	while (st && db_step(st) == DB_ROW) {
		if (n == cap)
			*ids = xrealloc(*ids, (cap *= 2) * sizeof **ids);
		(*ids)[n++] = db_column_int(st, 0);
	}
	db_finalize(st);
	return n;
}

static int64_t enrol(struct seed *s, const struct course *k, int64_t course, int64_t session,
		     const struct session *t, int64_t staff, int done)
{
	int64_t id = seed_insert(
		s, "enrolments",
		db_preparef(s->c,
			    "INSERT INTO enrolments (org_id, course_id, session_id, staff_id, "
			    "department_id, status, applied_on, completed_on, hours) SELECT ?, ?, "
			    "?, id, department_id, ?, ?, ?, ? FROM staff WHERE id = ? RETURNING id",
			    "iiitttii", s->org, course, session,
			    done ? "completed" : "not_completed", t->from, done ? t->to : NULL,
			    (int64_t)(done ? k->hours : 0), staff));
	if (!id || !done)
		return id;
	char at[32];
	snprintf(at, sizeof at, "%.10sT09:00:00Z", t->to);
	if (db_run(s->c, NULL,
		   "INSERT INTO domain_events (org_id, kind, entity, record_id, staff_id, "
		   "created_at) VALUES (?, 'course.completed', 'enrolments', ?, ?, ?)",
		   "iiit", s->org, id, staff, at) != DB_OK)
		return seed_fail(s, "domain_events"), 0;
	s->rows++;
	return id;
}

static int load_course(struct seed *s, const struct course *k)
{
	int64_t course = seed_insert(
		s, k->title,
		db_preparef(s->c,
			    "INSERT INTO courses (org_id, title, kind, year, target_grades, "
			    "target_groups, hours, provider, capacity, description) VALUES (?, ?, "
			    "?, ?, NULLIF(?, ''), ?, ?, ?, NULLIF(?, 0), ?) RETURNING id",
			    "ittittitit", s->org, k->title, k->kind, (int64_t)k->year, k->grades,
			    k->groups, (int64_t)k->hours, k->provider, (int64_t)k->capacity,
			    k->description));
	if (!course)
		return -1;
	int64_t *ids = NULL;
	size_t n = staff_of(s, k->grades, &ids), want = 0;
	for (int r = 0; r < 5 && k->sessions[r].from; r++)
		want += (size_t)(k->sessions[r].completed + k->sessions[r].failed);
	if (want > n) {
		snprintf(s->err, s->errlen, "courses demo: %s: %zu명이 필요한데 대상 직원은 %zu명",
			 k->title, want, n);
		free(ids);
		return -1;
	}
	size_t stride = want ? n / want : 1, next = 0;
	for (int r = 0; r < 5 && k->sessions[r].from; r++) {
		const struct session *t = &k->sessions[r];
		int64_t session = seed_insert(
			s, "course_sessions",
			db_preparef(s->c,
				    "INSERT INTO course_sessions (org_id, course_id, round, "
				    "starts_on, ends_on) VALUES (?, ?, ?, ?, ?) RETURNING id",
				    "iiitt", s->org, course, (int64_t)(r + 1), t->from, t->to));
		if (!session)
			break;
		for (int i = 0; i < t->completed + t->failed; i++, next++) {
			size_t at = ((size_t)k->offset + next * stride) % n;
			if (!enrol(s, k, course, session, t, ids[at], i < t->completed)) {
				free(ids);
				return -1;
			}
		}
	}
	free(ids);
	return s->errlen && s->err[0] ? -1 : 0;
}

int courses_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		      size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "courses",
			 .err = err,
			 .errlen = errlen,
			 .rng = 2006};
	enum seed_start start =
		seed_begin(&s, "SELECT COUNT(*) FROM courses WHERE org_id = ?",
			   "SELECT COUNT(*) FROM staff WHERE org_id = ?", 1000,
			   "데모 기관의 직원 1,000명 이상이 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int ok = 1;
	for (size_t i = 0; ok && i < COURSES; i++)
		ok = load_course(&s, &courses[i]) == 0;
	return seed_end(&s, ok && !(errlen && err[0]), NULL);
}
