/*
 * demo.c: the seed's registries (Ⅱ, Ⅱ-8, Ⅱ-10, Ⅱ-11, Ⅱ-12).
 *
 *  - Publications of 2006: 혁신책자 250부 (10.31), 혁신포스터 400부 (9.29),
 *    혁신홍보 리플릿 4,500매 (9.21), 학습동아리 활동 사례집 100부 (5.25),
 *    영등포의 미래성장비전계획 150부 (7.21), and 혁신사랑 (혁신소식지): Ⅱ-8
 *    says only that it was published and shared, with no issue, day or
 *    copies, so it is one record of 2006 with neither day nor copies, and
 *    the note says so, rather than issues made up.
 *  - Recognitions (Ⅱ): 지방행정혁신 선도자치단체 (2005-09-21 ~ 2006-09-20,
 *    3억원, the MOU of 2005-09-21), 지방행정혁신우수상 (2006-04-07, 10억원),
 *    혁신 브랜드 사업 선정 (2006-02-01, 관급공사품질관리 OK),
 *    한국지방자치경영대상 종합대상 (2006-03-21), 혁신 5단계 진입 (2006-08-23).
 *  - 제3기 지역정책연구포럼 (Ⅱ-12): 2006-04 ~ 2007-03, 월 1회, 10 members of
 *    grade 6 and above (6급이상 간부, 단체회원), chosen from the staff of
 *    g4~g6 by grade and id, spread with a stride: the same every time.  Its
 *    12 sessions fall on each month's third Wednesday (the seed gives the
 *    cadence, not the days), their kinds in the seed's order (정책강연,
 *    우수사례발표, 토론회) in turn, each attended by the members but one,
 *    a different one each month.
 *  - outreach_demo.c: the supporters, complaint-system improvements,
 *    benchmarking visits and disclosures (what is invented is said there).
 */
#include <stdio.h>
#include <string.h>

#include "crud/seed.h"
#include "db/db.h"
#include "mod/registries/registries.h"

static const struct {
	const char *kind, *title, *on, *unit, *distribution, *note;
	int64_t copies; /* 0: not known */
} publications[] = {
	{"newsletter", "혁신사랑 (혁신소식지)", NULL, "copy", "전 직원",
	 "Ⅱ-8 전직원 혁신역량 공유추진: 혁신사랑(혁신소식지) 등 발간 공유. 자료에 "
	 "호수·발간일·부수가 "
	 "없어 2006년 발간 1건으로 기록함.",
	 0},
	{"casebook", "학습동아리 활동 사례집", "2006-05-25", "copy", NULL, "Ⅱ-7 학습동아리 운영",
	 100},
	{"vision", "영등포의 미래성장비전계획", "2006-07-21", "copy", NULL,
	 "Ⅱ-11 미래성장 비전수립: 2,000 ~ 2,020 장기계획 (분석평가관리지침 수립 7.14)", 150},
	{"leaflet", "혁신홍보 리플릿", "2006-09-21", "sheet", NULL, "Ⅱ-10 혁신 홍보 활동", 4500},
	{"poster", "혁신포스터", "2006-09-29", "copy", NULL, "행정혁신 비전 및 주요 혁신과제 소개",
	 400},
	{"booklet", "혁신책자", "2006-10-31", "copy", NULL,
	 "혁신소식지에 실린 직원칼럼 및 혁신사이버교육 직원 소감문", 250},
};

static const struct {
	const char *name, *kind, *on, *from, *to, *organiser, *category, *project, *note;
	int64_t incentive;
} recognitions[] = {
	{"지방행정혁신 선도자치단체 선정", "selection", "2005-09-21", "2005-09-21", "2006-09-20",
	 "행정자치부", "지방행정혁신 선도자치단체", NULL,
	 "행자부와 운영 협약서(MOU) 체결: 2005-09-21", 300000000},
	{"지방행정혁신우수상", "award", "2006-04-07", NULL, NULL, "행정자치부",
	 "2005 지방행정혁신 평가", NULL, "’05. 지방행정혁신 평가결과 수상", 1000000000},
	{"행자부 주관 혁신 브랜드 사업 선정", "selection", "2006-02-01", NULL, NULL, "행정자치부",
	 "혁신 브랜드 사업", "관급공사품질관리 OK", NULL, 0},
	{"한국지방자치경영대상 종합대상", "award", "2006-03-21", NULL, NULL,
	 "동아일보사, (사)한국공공자치연구원", "종합대상", NULL,
	 "’06. 제11회 한국지방자치경영 대상. 평가대상: 전국 시·군·구. 1차~4차 심사를 거쳐 "
	 "수상단체 확정",
	 0},
	{"정부 혁신수준 진단결과 혁신 5단계 진입", "diagnosis", "2006-08-23", NULL, NULL, "정부",
	 "정부혁신지수(GII) 모형 진단", NULL,
	 "대상: 246개 전 지방자치단체(광역 16, 기초 230). 5개분야 169문항(기초진단 124, 심화진단 "
	 "45)",
	 0},
};

enum { MEMBERS = 10, SESSIONS = 12 };

static const char *const session_days[SESSIONS] = {
	"2006-04-19", "2006-05-17", "2006-06-21", "2006-07-19", "2006-08-16", "2006-09-20",
	"2006-10-18", "2006-11-15", "2006-12-20", "2007-01-17", "2007-02-21", "2007-03-21",
};

static int load_publications(struct seed *s)
{
	for (size_t i = 0; i < sizeof publications / sizeof publications[0]; i++)
		if (!seed_insert(
			    s, "publication",
			    db_preparef(s->c,
					"INSERT INTO publications (org_id, kind, title, "
					"published_on, copies, unit, distribution, note) VALUES "
					"(?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?) RETURNING id",
					"ittti"
					"ttt",
					s->org, publications[i].kind, publications[i].title,
					publications[i].on, publications[i].copies,
					publications[i].unit, publications[i].distribution,
					publications[i].note)))
			return -1;
	return 0;
}

static int load_recognitions(struct seed *s)
{
	for (size_t i = 0; i < sizeof recognitions / sizeof recognitions[0]; i++)
		if (!seed_insert(
			    s, "recognition",
			    db_preparef(
				    s->c,
				    "INSERT INTO recognitions (org_id, name, kind, received_on, "
				    "period_from, period_to, organiser, category, incentive, "
				    "project, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
				    "RETURNING id",
				    "itttttttitt", s->org, recognitions[i].name,
				    recognitions[i].kind, recognitions[i].on, recognitions[i].from,
				    recognitions[i].to, recognitions[i].organiser,
				    recognitions[i].category, recognitions[i].incentive,
				    recognitions[i].project, recognitions[i].note)))
			return -1;
	return 0;
}

/* The 10 members: staff of g4~g6 by grade and id, spread with a stride. */
static int pick_members(struct seed *s, int64_t member[MEMBERS])
{
	int64_t cand[4096];
	size_t n = 0;
	struct db_stmt *st =
		db_preparef(s->c,
			    "SELECT id FROM staff WHERE org_id = ? AND archived_at IS "
			    "NULL AND active = 1 AND grade IN ('g4', 'g5', 'g6') ORDER "
			    "BY grade, id",
			    "i", s->org);
	int rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW && n < sizeof cand / sizeof cand[0])
		cand[n++] = db_column_int(st, 0);
	db_finalize(st);
	if (rc != DB_OK && rc != DB_ROW)
		return seed_fail(s, "staff");
	if (n < MEMBERS) {
		snprintf(s->err, s->errlen,
			 "registries demo: %zu staff of grade 6 and above, %d wanted", n, MEMBERS);
		return -1;
	}
	for (size_t k = 0; k < MEMBERS; k++)
		member[k] = cand[k * (n / MEMBERS)];
	return 0;
}

/* Links staff to record of entity as field, in order. */
static int link(struct seed *s, const char *entity, const char *field, int64_t record,
		const int64_t *staff, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (db_run(s->c, NULL,
			   "INSERT INTO record_links (org_id, entity, field, record_id, ref_id, "
			   "position) VALUES (?, ?, ?, ?, ?, ?)",
			   "ittiii", s->org, entity, field, record, staff[i], (int64_t)i) != DB_OK)
			return seed_fail(s, field);
		s->rows++;
	}
	return 0;
}

static int load_forum(struct seed *s)
{
	int64_t member[MEMBERS];
	if (pick_members(s, member))
		return -1;
	int64_t forum = seed_insert(
		s, "forum",
		db_preparef(s->c,
			    "INSERT INTO forums (org_id, name, organiser, starts_on, ends_on, "
			    "cadence, purpose) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			    "itttttt", s->org, "제3기 지역정책연구포럼", "(사)한국공공자치연구원",
			    "2006-04-01", "2007-03-31", "월 1회",
			    "정책강연, 우수사례발표, 토론회. 6급이상 간부 10명 (단체회원)"));
	if (!forum || link(s, "forums", "members", forum, member, MEMBERS))
		return -1;
	for (int i = 0; i < SESSIONS; i++) {
		const struct choice *kind = &registries_session_kinds[i % 3];
		char topic[120];
		snprintf(topic, sizeof topic, "제%d차 월례 포럼: %s", i + 1, kind->label);
		int64_t id = seed_insert(
			s, "session",
			db_preparef(s->c,
				    "INSERT INTO forum_sessions (org_id, forum_id, held_on, topic, "
				    "kind) VALUES (?, ?, ?, ?, ?) RETURNING id",
				    "iittt", s->org, forum, session_days[i], topic, kind->value));
		int64_t came[MEMBERS - 1];
		size_t n = 0;
		for (int k = 0; k < MEMBERS; k++)
			if (k != i % MEMBERS)
				came[n++] = member[k];
		if (!id || link(s, "forum-sessions", "attendees", id, came, n))
			return -1;
	}
	return 0;
}

int registries_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			 size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "registries",
			 .err = err,
			 .errlen = errlen,
			 .rng = 2006};
	enum seed_start start =
		seed_begin(&s, "SELECT COUNT(*) FROM publications WHERE org_id = ?",
			   "SELECT COUNT(*) FROM staff WHERE org_id = ? AND archived_at IS NULL "
			   "AND active = 1 "
			   "AND grade IN ('g4', 'g5', 'g6')",
			   MEMBERS, "6급 이상 직원 10명이 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int ok = load_publications(&s) == 0 && load_recognitions(&s) == 0 && load_forum(&s) == 0 &&
		 registries_outreach_demo(&s) == 0;
	return seed_end(&s, ok, NULL);
}
