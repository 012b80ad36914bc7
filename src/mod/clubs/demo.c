/*
 * demo.c: the seed's learning clubs (Ⅱ-7, Ⅳ-2-1).
 *
 *  - The regulation: 영등포구 학습동아리 운영 규정 (훈령 제83호, 2006-06-08).
 *  - 41 clubs with 369 members: 13 general clubs with 137 (founded in 2005,
 *    the first seven of 11 members, the others of 10), and 28 department
 *    clubs with 232, one a division (the org demo's 28: "1부서
 *    1학습동아리 구성 운영 6.14~6.22"), the first eight of 9 members, the
 *    others of 8, every one of the division's subtree.  A member is in one
 *    club; the first is its 회장, the second its 총무.
 *  - 60 meetings in 2006 (학습동아리별 모임 총 60회): two for each general
 *    club (one in February to June, one in July to November), one for each
 *    department club in July to December and a second for six of them;
 *    three members in four attend.  Each meeting leaves club.meeting_held
 *    for its 회장 and club.attended for each attendee, pending for the
 *    mileage demo to take.  The workshop of 7.3 (학습동아리 워크샵) for the
 *    41 회장.
 *  - Outputs: a case from the first meeting of each general club that met
 *    before 5.25, the 2006 casebook's (발간 2006-05-25, 100부); the 7
 *    presentations of the club contest of 10.25 (경진대회, the contests
 *    module's to pick up), the 2007 edition's (계획 200부).
 *
 * The people are chosen from the staff list in id order, spread over it
 * with a stride: the same every time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/clubs/clubs.h"

enum { GENERAL = 13, DEPARTMENT = 28, CLUBS = GENERAL + DEPARTMENT, CONTEST = 7 };

static const struct {
	const char *name, *theme;
} general[GENERAL] = {
	{"행정혁신연구회", "행정혁신 기법과 사례 연구"},
	{"정보화 새물결", "전자정부와 업무 정보화"},
	{"영어로 여는 행정", "행정 영어 회화와 해외 사례"},
	{"민원서비스 디자인", "고객 중심 민원서비스 개선"},
	{"지방재정 스터디", "지방재정과 예산 절감"},
	{"도시환경 탐구회", "도시계획과 환경 정책"},
	{"복지행정 나눔터", "맞춤형 복지 전달체계"},
	{"법규 해설 모임", "자치법규 정비와 해석"},
	{"문화관광 기획단", "지역 문화관광 자원 개발"},
	{"지식경영 실천모임", "지식관리와 학습조직"},
	{"리더십 아카데미", "팀장 리더십과 소통"},
	{"보건의료 연구회", "공공보건 서비스 혁신"},
	{"중국어 교류회", "중국어와 교류 도시 행정"},
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

struct load {
	struct seed s;		  /* first: the kit's state */
	int64_t regulation;	  /* the regulation's id */
	int64_t club[CLUBS];	  /* the clubs' ids: general first */
	char name[CLUBS][160];	  /* their names */
	char founded[CLUBS][24];  /* their founding days */
	struct ids member[CLUBS]; /* their members' staff ids: 회장, 총무, … */
	int64_t first_meeting[GENERAL];
	char first_day[GENERAL][24];
};

/* The ids of st (finalized) into out. */
static int ids_of(struct seed *s, struct ids *out, struct db_stmt *st)
{
	out->n = 0;
	int rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW)
		ids_add(out, db_column_int(st, 0));
	db_finalize(st);
	return rc == DB_OK ? 0 : seed_fail(s, "staff");
}

static int join(struct load *l, int k, int64_t staff, const char *day)
{
	struct seed *s = &l->s;
	size_t n = l->member[k].n;
	const char *role = n == 0 ? "president" : n == 1 ? "secretary" : "member";
	if (!seed_insert(s, "member",
			 db_preparef(s->c,
				     "INSERT INTO club_members (org_id, club_id, staff_id, role, "
				     "joined_on) VALUES (?, ?, ?, ?, ?) RETURNING id",
				     "iiitt", s->org, l->club[k], staff, role, day)))
		return -1;
	ids_add(&l->member[k], staff);
	return 0;
}

static int club(struct load *l, int k, const char *kind, int64_t dept, const char *theme,
		const char *summary)
{
	struct seed *s = &l->s;
	l->club[k] = seed_insert(
		s, "club",
		db_preparef(
			s->c,
			"INSERT INTO clubs (org_id, name, kind, department_id, theme, founded_on, "
			"status, regulation_id, summary) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, "
			"'active', ?, ?) RETURNING id",
			"ittittit", s->org, l->name[k], kind, dept, theme, l->founded[k],
			l->regulation, summary));
	return l->club[k] ? 0 : -1;
}

/* The leader and the club's department (a general club's: its 회장's). */
static int finish_club(struct load *l, int k)
{
	struct seed *s = &l->s;
	return db_run(s->c, NULL,
		      "UPDATE clubs SET leader_id = ?, department_id = COALESCE(department_id, "
		      "(SELECT department_id FROM staff WHERE id = ?)) WHERE id = ?",
		      "iii", l->member[k].v[0], l->member[k].v[0], l->club[k]) == DB_OK
		       ? 0
		       : seed_fail(s, "club");
}

static int load_clubs(struct load *l)
{
	struct seed *s = &l->s;
	l->regulation = seed_insert(
		s, "regulation",
		db_preparef(
			s->c,
			"INSERT INTO club_regulations (org_id, title, number, issued_on, body) "
			"VALUES (?, '영등포구 학습동아리 운영 규정', '훈령 제83호', '2006-06-08', "
			"?) "
			"RETURNING id",
			"it", s->org,
			"제1조(목적) 이 규정은 영등포구 공무원의 자발적인 학습모임(학습동아리)을 "
			"활성화하여 조직 내 연구하는 분위기를 확산하고 일과 학습이 동시에 "
			"이루어지는 "
			"평생학습 체제를 구축하는 데 필요한 사항을 정함을 목적으로 한다.\n"
			"제2조(구분) 학습동아리는 관심 분야가 같은 직원으로 구성하는 일반 "
			"학습동아리와 부서 단위로 구성하는 부서 학습동아리로 구분한다.\n"
			"제3조(1부서 1학습동아리) 부서마다 부서 학습동아리를 하나 둔다.\n"
			"제4조(구성) 학습동아리에는 회장과 총무를 두며, 회원은 부서 학습동아리의 "
			"경우 그 부서 직원으로 한다.\n"
			"제5조(활동 보고) 학습동아리는 모임의 일자, 주제, 참석자와 회의록을 "
			"기록하고 성과물을 제출한다.\n"
			"제6조(모니터링) 혁신기획단은 매월 부서별 학습활동을 모니터링한다.\n"
			"제7조(지원 및 포상) 구청장은 활동이 우수한 학습동아리에 학습활동을 "
			"지원하고 포상할 수 있다.\n"
			"부칙 이 규정은 2006년 6월 8일부터 시행한다."));
	if (!l->regulation)
		return -1;
	/* the department clubs first: each division's subtree, in id order */
	struct ids divisions = {0}, cand = {0};
	int rc = ids_of(s, &divisions,
			db_preparef(s->c,
				    "SELECT id FROM departments WHERE org_id = ? AND kind = "
				    "'division' AND archived_at IS NULL ORDER BY sort_order, id",
				    "i", s->org));
	if (!rc && divisions.n != DEPARTMENT) {
		snprintf(s->err, s->errlen, "clubs demo: %zu divisions, 28 wanted", divisions.n);
		rc = -1;
	}
	for (int d = 0; !rc && d < DEPARTMENT; d++) {
		int k = GENERAL + d;
		struct db_stmt *st = db_preparef(s->c, "SELECT name FROM departments WHERE id = ?",
						 "i", divisions.v[d]);
		char dname[120] = "";
		if (st && db_step(st) == DB_ROW)
			snprintf(dname, sizeof dname, "%s", db_column_text(st, 0));
		db_finalize(st);
		snprintf(l->name[k], sizeof l->name[k], "%s 학습동아리", dname);
		snprintf(l->founded[k], sizeof l->founded[k], "2006-06-%02d", 14 + d % 9);
		char theme[200], summary[400];
		snprintf(theme, sizeof theme, "%s 업무 개선과 혁신과제 학습", dname);
		snprintf(summary, sizeof summary,
			 "%s 직원이 모여 부서 업무의 문제를 함께 찾고 개선 방안을 학습한다.",
			 dname);
		rc = club(l, k, "department", divisions.v[d], theme, summary);
		if (rc)
			break;
		rc = ids_of(
			s, &cand,
			db_preparef(s->c,
				    "SELECT s.id FROM staff s JOIN departments d ON d.id = "
				    "s.department_id JOIN departments t ON t.id = ? WHERE "
				    "s.org_id = ? AND s.active = 1 AND s.archived_at IS NULL AND "
				    "(d.id = t.id OR (d.path >= t.path || t.id || '/' AND d.path "
				    "< t.path || t.id || '0')) ORDER BY s.id",
				    "ii", divisions.v[d], s->org));
		size_t want = d < 8 ? 9 : 8;
		if (!rc && cand.n < want) {
			snprintf(s->err, s->errlen, "clubs demo: %s: %zu staff for %zu members",
				 dname, cand.n, want);
			rc = -1;
		}
		for (size_t i = 0; !rc && i < want; i++)
			rc = join(l, k, cand.v[i * (cand.n / want)], l->founded[k]);
		rc = rc ? rc : finish_club(l, k);
	}
	/* the general clubs: staff in no club yet, spread over the list */
	if (!rc)
		rc = ids_of(s, &cand,
			    db_preparef(s->c,
					"SELECT id FROM staff WHERE org_id = ? AND active = 1 AND "
					"archived_at IS NULL AND id NOT IN (SELECT staff_id FROM "
					"club_members WHERE org_id = ?) ORDER BY id",
					"ii", s->org, s->org));
	size_t next = 0, stride = cand.n / 137;
	for (int g = 0; !rc && g < GENERAL; g++) {
		snprintf(l->name[g], sizeof l->name[g], "%s", general[g].name);
		snprintf(l->founded[g], sizeof l->founded[g], "2005-%02d-%02d", 3 + g % 9,
			 1 + (g * 3) % 27);
		char summary[400];
		snprintf(summary, sizeof summary,
			 "%s에 관심 있는 직원들이 모여 매월 주제를 정해 학습하고 성과를 업무에 "
			 "적용한다.",
			 general[g].theme);
		rc = club(l, g, "general", 0, general[g].theme, summary);
		size_t want = g < 7 ? 11 : 10;
		for (size_t i = 0; !rc && i < want; i++, next++)
			rc = join(l, g, cand.v[next * stride], l->founded[g]);
		rc = rc ? rc : finish_club(l, g);
	}
	free(divisions.v);
	free(cand.v);
	return rc;
}

/* A meeting (club k, or the clubs together when k < 0) with its attendees
 * and their pending events; its id, 0 on failure. */
static int64_t meeting(struct load *l, int k, const char *kind, const char *day, const char *topic,
		       const char *place, const int64_t *who, size_t n)
{
	struct seed *s = &l->s;
	char minutes[400];
	snprintf(minutes, sizeof minutes, "%s: 발표와 토론, 다음 모임의 주제를 정함. 참석 %zu명.",
		 topic, n);
	int64_t id = seed_insert(
		s, "meeting",
		db_preparef(s->c,
			    "INSERT INTO club_meetings (org_id, club_id, kind, held_on, topic, "
			    "place, minutes) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?) RETURNING id",
			    "iittttt", s->org, k < 0 ? 0 : l->club[k], kind, day, topic, place,
			    minutes));
	if (!id)
		return 0;
	char at[32];
	snprintf(at, sizeof at, "%sT09:00:00Z", day);
	if (k >= 0 &&
	    db_run(s->c, NULL,
		   "INSERT INTO domain_events (org_id, kind, entity, record_id, staff_id, "
		   "created_at) VALUES (?, 'club.meeting_held', 'club-meetings', ?, ?, ?)",
		   "iiit", s->org, id, l->member[k].v[0], at) != DB_OK) {
		seed_fail(s, "meeting");
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (db_run(s->c, NULL,
			   "INSERT INTO record_links (org_id, entity, field, record_id, ref_id, "
			   "position) VALUES (?, 'club-meetings', 'attendees', ?, ?, ?)",
			   "iiii", s->org, id, who[i], (int64_t)i) != DB_OK ||
		    db_run(s->c, NULL,
			   "INSERT INTO domain_events (org_id, kind, entity, record_id, staff_id, "
			   "created_at) VALUES (?, 'club.attended', 'club-meetings', ?, ?, ?)",
			   "iiit", s->org, id, who[i], at) != DB_OK) {
			seed_fail(s, "attendee");
			return 0;
		}
		s->rows += 2;
	}
	return id;
}

/* Club k's meeting number round on day: three members in four attend. */
static int64_t club_meeting(struct load *l, int k, int round, const char *day)
{
	int64_t who[16];
	size_t n = 0;
	for (size_t i = 0; i < l->member[k].n && n < 16; i++)
		if (i < 2 || (i + (size_t)round) % 4 != 3)
			who[n++] = l->member[k].v[i];
	char topic[240];
	snprintf(topic, sizeof topic, "%s %d차 모임", l->name[k], round);
	return meeting(l, k, "meeting", day, topic, "구청 소회의실", who, n);
}

static int load_meetings(struct load *l)
{
	char day[24];
	int count = 0;
	for (int g = 0; g < GENERAL; g++) {
		snprintf(day, sizeof day, "2006-%02d-%02d", 2 + g % 5, 10 + g);
		snprintf(l->first_day[g], sizeof l->first_day[g], "%s", day);
		if (!(l->first_meeting[g] = club_meeting(l, g, 1, day)))
			return -1;
		snprintf(day, sizeof day, "2006-%02d-%02d", 7 + g % 5, 10 + g);
		if (!club_meeting(l, g, 2, day))
			return -1;
		count += 2;
	}
	for (int d = 0; d < DEPARTMENT; d++) {
		int k = GENERAL + d;
		snprintf(day, sizeof day, "2006-%02d-%02d", 7 + d % 6, 5 + d % 20);
		if (!club_meeting(l, k, 1, day))
			return -1;
		count++;
		if (d < 6) {
			snprintf(day, sizeof day, "2006-%02d-%02d", 7 + (d + 3) % 6, 6 + d);
			if (!club_meeting(l, k, 2, day))
				return -1;
			count++;
		}
	}
	if (count != 60) {
		snprintf(l->s.err, l->s.errlen, "clubs demo: %d meetings, 60 wanted", count);
		return -1;
	}
	int64_t presidents[CLUBS];
	for (int k = 0; k < CLUBS; k++)
		presidents[k] = l->member[k].v[0];
	return meeting(l, -1, "workshop", "2006-07-03", "학습동아리 워크샵", "구청 대회의실",
		       presidents, CLUBS)
		       ? 0
		       : -1;
}

/* An output of club k; its id, 0 on failure. */
static int64_t output(struct load *l, int k, int64_t meeting, const char *kind, const char *title,
		      const char *day, const char *summary)
{
	struct seed *s = &l->s;
	return seed_insert(
		s, "output",
		db_preparef(s->c,
			    "INSERT INTO club_outputs (org_id, club_id, meeting_id, kind, "
			    "title, produced_on, summary) VALUES (?, ?, NULLIF(?, 0), ?, "
			    "?, ?, ?) RETURNING id",
			    "iiitttt", s->org, l->club[k], meeting, kind, title, day, summary));
}

/* An edition with its cases. */
static int casebook(struct load *l, int year, const char *title, const char *status, const char *on,
		    int copies, const char *foreword, const int64_t *cases, size_t n)
{
	struct seed *s = &l->s;
	int64_t id = seed_insert(
		s, "casebook",
		db_preparef(
			s->c,
			"INSERT INTO club_casebooks (org_id, year, title, status, published_on, "
			"copies, foreword) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			"iitttit", s->org, (int64_t)year, title, status, on, (int64_t)copies,
			foreword));
	if (!id)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (db_run(s->c, NULL,
			   "INSERT INTO record_links (org_id, entity, field, record_id, ref_id, "
			   "position) VALUES (?, 'club-casebooks', 'cases', ?, ?, ?)",
			   "iiii", s->org, id, cases[i], (int64_t)i) != DB_OK)
			return seed_fail(s, "case");
	s->rows += (int64_t)n;
	return 0;
}

static int load_outputs(struct load *l)
{
	int64_t cases[GENERAL], shown[CONTEST];
	size_t n = 0;
	char title[300], summary[600];
	for (int g = 0; g < GENERAL; g++) {
		if (strcmp(l->first_day[g], "2006-05-25") >= 0)
			continue;
		snprintf(title, sizeof title, "%s 활동 사례", l->name[g]);
		snprintf(summary, sizeof summary,
			 "%s: 결성 이후 매월 모임에서 %s을(를) 학습하고, 그 결과를 부서 업무 "
			 "개선에 적용한 사례.",
			 l->name[g], general[g].theme);
		if (!(cases[n++] = output(l, g, l->first_meeting[g], "case", title, l->first_day[g],
					  summary)))
			return -1;
	}
	if (casebook(l, 2006, "2006 학습동아리 활동 사례집", "published", "2006-05-25", 100,
		     "일반 학습동아리의 학습과 업무 적용 사례를 모아 발간합니다.", cases, n))
		return -1;
	/* the club contest of 10.25: four general clubs and three department clubs */
	static const int presenting[CONTEST] = {0, 2, 4, 6, GENERAL + 0, GENERAL + 9, GENERAL + 18};
	for (int i = 0; i < CONTEST; i++) {
		int k = presenting[i];
		snprintf(title, sizeof title, "학습동아리 경진대회 우수사례 발표: %s", l->name[k]);
		snprintf(summary, sizeof summary,
			 "2006. 10. 25. 학습동아리 경진대회에서 %s이(가) 발표한 학습활동 "
			 "우수사례.",
			 l->name[k]);
		if (!(shown[i] = output(l, k, 0, "presentation", title, "2006-10-25", summary)))
			return -1;
	}
	return casebook(l, 2007, "2007 학습동아리 활동 사례집", "planned", NULL, 200,
			"2006년 학습동아리 경진대회 발표 사례를 중심으로 발간할 계획입니다.", shown,
			CONTEST);
}

int clubs_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		    size_t errlen)
{
	struct load *l = xcalloc(1, sizeof *l);
	l->s = (struct seed){.c = c,
			     .by = by,
			     .org = org,
			     .module = "clubs",
			     .err = err,
			     .errlen = errlen,
			     .rng = 2006};
	enum seed_start start =
		seed_begin(&l->s, "SELECT COUNT(*) FROM clubs WHERE org_id = ?",
			   "SELECT COUNT(*) FROM staff WHERE org_id = ?", 1000,
			   "데모 기관의 직원 1,000명 이상이 먼저 있어야 합니다 (org 모듈의 데모)");
	int rc;
	if (start != SEED_LOAD) {
		rc = start == SEED_LOADED ? 0 : -1;
	} else {
		int ok = load_clubs(l) == 0 && load_meetings(l) == 0 && load_outputs(l) == 0;
		rc = seed_end(&l->s, ok, NULL);
	}
	for (int k = 0; k < CLUBS; k++)
		free(l->member[k].v);
	free(l);
	return rc;
}
