/*
 * demo.c: the seed's devolved affairs (Ⅳ-2-10): "지방이양결정 사무 :
 * 687개사무(완료 500, 진행 152, 사무폐지 35)", decided by the
 * 지방이양추진위원회 (대통령 소속), kept on management cards, and the
 * general inspection of 2007-09 ("일제 점검 실시 : ’07. 9월").
 *
 * The seed gives only the counts: the affairs' names, laws, articles,
 * ministries, decision days, revisions and transfers below are made up,
 * plausible and deterministic (a ministry's law, an object and an action
 * for each, chosen with a stride), and so are the inspection's results.
 * The statuses are exact: affair i's status is read off (i × 263) mod 687
 * (263 and 687 share no factor, so each position comes once): below 500
 * 완료, below 652 진행, else 사무폐지, which spreads each status over the
 * divisions, to which the affairs go in turn.  A division's officer is one
 * of its staff of grade 6 or 7.  The inspection round checked seven cards
 * in ten, in the order of their numbers; a card in progress checked is
 * 보완 필요 one time in two, a card done one time in seventeen.
 *
 * One transaction, one INSERT of each kind prepared once.
 */
#include <stdio.h>
#include <string.h>

#include "crud/seed.h"
#include "db/db.h"
#include "mod/devolved/devolved.h"

enum {
	AFFAIRS = 687,
	DONE = 500,
	IN_PROGRESS = 152, /* then 35 abolished */
	STRIDE = 263,
	MAX_DIVISIONS = 128,
};

static const struct {
	const char *ministry, *laws[6], *objects[6];
} ministries[] = {
	{"행정자치부",
	 {"주민등록법", "민방위기본법", "지방공무원법", "공익법인의설립·운영에관한법률",
	  "옥외광고물등관리법", "도로명주소법"},
	 {"주민등록 사실조사", "민방위대 편성", "지방공무원 교육훈련", "공익법인", "옥외광고물",
	  "도로명판"}},
	{"건설교통부",
	 {"건축법", "주택법", "도로법", "주차장법", "여객자동차운수사업법", "도시계획법"},
	 {"가설건축물", "공동주택 관리", "도로점용", "부설주차장", "개인택시 운송사업",
	  "도시계획시설"}},
	{"보건복지부",
	 {"식품위생법", "공중위생관리법", "의료법", "노인복지법", "장애인복지법", "약사법"},
	 {"식품접객업소", "공중위생영업소", "의원급 의료기관", "노인여가복지시설", "장애인복지시설",
	  "약국"}},
	{"환경부",
	 {"대기환경보전법", "수질환경보전법", "소음·진동규제법", "폐기물관리법",
	  "오수·분뇨및축산폐수의처리에관한법률", "자연환경보전법"},
	 {"대기배출시설", "수질오염배출시설", "생활소음", "생활폐기물 수집·운반업",
	  "개인하수처리시설", "생태계 보전지역"}},
	{"문화관광부",
	 {"공연법", "관광진흥법", "음반·비디오물및게임물에관한법률", "도서관및독서진흥법",
	  "청소년기본법", "체육시설의설치·이용에관한법률"},
	 {"공연장", "관광숙박업", "게임제공업소", "작은도서관", "청소년수련시설", "체육시설업"}},
	{"산업자원부",
	 {"유통산업발전법", "전기사업법", "석유사업법", "계량에관한법률",
	  "중소기업진흥및제품구매촉진에관한법률", "액화석유가스의안전및사업관리법"},
	 {"대규모점포", "전기공사업", "석유판매업", "계량기", "중소기업 제품", "LPG 판매소"}},
	{"노동부",
	 {"직업안정법", "근로기준법", "고용보험법", "장애인고용촉진및직업재활법",
	  "근로자직업훈련촉진법", "산업안전보건법"},
	 {"유료직업소개사업", "근로조건", "고용안정사업", "장애인 고용", "직업훈련시설",
	  "안전관리"}},
	{"농림부",
	 {"농지법", "축산법", "가축전염병예방법", "양곡관리법", "산림법", "식물방역법"},
	 {"농지전용", "가축사육업", "가축 방역", "양곡가공업", "산림 훼손", "식물 방제"}},
	{"해양수산부",
	 {"수산업법", "항만법", "어촌·어항법", "수산물품질관리법", "하천법", "공유수면관리법"},
	 {"어업면허", "항만시설", "어항시설", "수산물 원산지", "하천점용", "공유수면 점용"}},
	{"재정경제부",
	 {"지방세법", "부가가치세법", "담배사업법", "주세법", "국유재산법", "물품관리법"},
	 {"지방세 감면", "사업자등록", "담배소매인", "주류판매업", "국유재산 대부", "물품 관리"}},
	{"교육인적자원부",
	 {"학원의설립·운영에관한법률", "평생교육법", "유아교육법", "학교보건법", "학교급식법",
	  "초·중등교육법"},
	 {"학원", "평생교육시설", "유치원", "학교환경위생정화구역", "학교급식", "교육환경"}},
	{"여성가족부",
	 {"영유아보육법", "한부모가족지원법", "성매매방지법", "가정폭력방지법", "건강가정기본법",
	  "청소년보호법"},
	 {"어린이집", "한부모가족 복지시설", "성매매피해상담소", "가정폭력상담소",
	  "건강가정지원센터", "청소년유해업소"}},
};

static const char *const actions[10] = {
	"허가",	     "신고 수리", "등록",     "지정·취소", "과태료 부과·징수",
	"지도·감독", "시정명령",  "행정처분", "검사",	   "승인",
};

/* made up: the seed names no decision days */
static const char *const decided[5] = {"2000-12-08", "2001-08-31", "2002-06-27", "2003-06-19",
				       "2004-11-23"};

/* The divisions, in their order, each with an officer of grade 6 or 7. */
struct units {
	int64_t id[MAX_DIVISIONS], officer[MAX_DIVISIONS];
	size_t n;
};

static int load_units(struct seed *s, struct units *u)
{
	struct db_stmt *st =
		db_preparef(s->c,
			    "SELECT id FROM departments WHERE org_id = ? AND kind = "
			    "'division' AND archived_at IS NULL ORDER BY sort_order, id",
			    "i", s->org);
	int rc = DB_ERR;
	u->n = 0;
	while (st && (rc = db_step(st)) == DB_ROW && u->n < MAX_DIVISIONS)
		u->id[u->n++] = db_column_int(st, 0);
	db_finalize(st);
	if (rc != DB_OK && rc != DB_ROW)
		return seed_fail(s, "departments");
	if (!u->n) { /* seed_begin() counted them; a second look that finds none fails too */
		snprintf(s->err, s->errlen, "devolved demo: 과·담당관 부서가 없습니다");
		return -1;
	}
	for (size_t k = 0; k < u->n; k++) {
		u->officer[k] =
			db_int(s->c, &rc, 0,
			       "SELECT s.id FROM staff s JOIN departments t ON t.id = "
			       "s.department_id WHERE s.org_id = ? AND s.active = 1 AND "
			       "s.archived_at IS NULL AND (t.id = ? OR t.parent_id = ?) ORDER "
			       "BY CASE WHEN s.grade IN ('g6', 'g7') THEN 0 ELSE 1 END, s.id",
			       "iii", s->org, u->id[k], u->id[k]);
		if (rc == DB_ERR)
			return seed_fail(s, "staff");
	}
	return 0;
}

static const char *status_of(int i)
{
	int p = (i * STRIDE) % AFFAIRS;
	return p < DONE ? "done" : p < DONE + IN_PROGRESS ? "progress" : "abolished";
}

/* Binds affair i's card to the INSERT below. */
static void bind_affair(struct db_stmt *st, int64_t org, int i, const struct units *u)
{
	int j = (i * 7) % 720, m = j / 60, o = (j / 10) % 6, a = j % 10;
	const char *status = status_of(i);
	int done = !strcmp(status, "done"), progress = !strcmp(status, "progress");
	char no[16], name[200], article[32], ordinances[64] = "", rules[64] = "";
	snprintf(no, sizeof no, "%03d", i + 1);
	snprintf(name, sizeof name, "%s %s", ministries[m].objects[o], actions[a]);
	snprintf(article, sizeof article, "제%d조", (j * 13) % 60 + 5);
	int64_t ord_needed = done ? i % 3 == 0 : progress ? 1 + i % 2 : 0;
	int64_t ord_done = done ? ord_needed : progress ? i % 2 : 0;
	int64_t rule_needed = (done || progress) && i % 4 == 0, rule_done = done ? rule_needed : 0;
	if (ord_done)
		snprintf(ordinances, sizeof ordinances, "영등포구 조례 제%d호", 600 + i);
	if (rule_done)
		snprintf(rules, sizeof rules, "영등포구 규칙 제%d호", 300 + i);
	size_t k = (size_t)i % u->n;
	int c = 1;
	db_bind_int(st, c++, org);
	db_bind_text(st, c++, no, strlen(no));
	db_bind_text(st, c++, name, strlen(name));
	db_bind_text(st, c++, ministries[m].laws[o], strlen(ministries[m].laws[o]));
	db_bind_text(st, c++, article, strlen(article));
	db_bind_text(st, c++, decided[i % 5], strlen(decided[i % 5]));
	db_bind_text(st, c++, ministries[m].ministry, strlen(ministries[m].ministry));
	db_bind_int(st, c++, u->id[k]);
	if (u->officer[k])
		db_bind_int(st, c++, u->officer[k]);
	else
		db_bind_null(st, c++);
	db_bind_text(st, c++, status, strlen(status));
	db_bind_int(st, c++, ord_needed);
	db_bind_int(st, c++, ord_done);
	db_bind_text(st, c++, *ordinances ? ordinances : NULL, strlen(ordinances));
	db_bind_int(st, c++, rule_needed);
	db_bind_int(st, c++, rule_done);
	db_bind_text(st, c++, *rules ? rules : NULL, strlen(rules));
	db_bind_int(st, c++, done || (progress && i % 2));
	db_bind_int(st, c++, done);
	const char *delegation =
		i % 9 == 0 ? "서울특별시 사무위임조례에 따라 구청장에게 위임" : NULL;
	db_bind_text(st, c++, delegation, delegation ? strlen(delegation) : 0);
	db_bind_int(st, c++, done && i % 25 == 0);
	db_bind_int(st, c++, done && i % 20 == 0 ? (int64_t)(i % 7 + 1) * 10000000 : 0);
	const char *note = strcmp(status, "abolished") ? NULL : "지방이양추진위원회 사무폐지 결정";
	db_bind_text(st, c, note, note ? strlen(note) : 0);
}

static int load_affairs(struct seed *s, const struct units *u)
{
	struct db_stmt *st = db_prepare(
		s->c, "INSERT INTO devolved_affairs (org_id, affair_no, name, law, article, "
		      "decided_on, ministry, department_id, officer_id, status, ordinances_needed, "
		      "ordinances_done, ordinance_numbers, rules_needed, rules_done, rule_numbers, "
		      "manual_written, handover_done, delegation, staff_transferred, "
		      "budget_transferred, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		      "?, ?, ?, ?, ?, ?, ?, ?)");
	int ok = st != NULL;
	for (int i = 0; ok && i < AFFAIRS; i++) {
		bind_affair(st, s->org, i, u);
		ok = db_step(st) == DB_OK;
		s->rows++;
	}
	db_finalize(st);
	return ok ? 0 : seed_fail(s, "devolved_affairs");
}

/* The 2007-09 round: seven cards in ten checked, by their numbers. */
static int load_round(struct seed *s)
{
	int64_t round = seed_insert(
		s, "devolved_inspections",
		db_preparef(s->c,
			    "INSERT INTO devolved_inspections (org_id, name, starts_on, ends_on, "
			    "note) VALUES (?, ?, ?, ?, ?) RETURNING id",
			    "itttt", s->org, "2007년 지방이양사무 일제 점검", "2007-09-01",
			    "2007-09-30",
			    "지방이양 결정사무 일제 점검 (’07. 9월): 관리카드, 조례·규칙 정비, "
			    "매뉴얼, 인계·인수, 사무위임 사항"));
	if (!round)
		return -1;
	struct db_stmt *ins = db_prepare(
		s->c,
		"INSERT INTO devolved_checks (org_id, inspection_id, affair_id, result, note, "
		"checked_by, checked_on) SELECT org_id, ?, id, ?, ?, officer_id, ? FROM "
		"devolved_affairs WHERE org_id = ? AND affair_no = ?");
	int ok = ins != NULL;
	for (int i = 0; ok && i < AFFAIRS; i++) {
		if (i % 10 >= 7)
			continue;
		const char *status = status_of(i);
		int fix = (!strcmp(status, "progress") && i % 2 == 0) ||
			  (!strcmp(status, "done") && i % 17 == 0);
		const char *note =
			!fix ? NULL
			: strcmp(status, "done")
				? "조례·규칙 정비와 인계·인수를 마치고 관리카드를 고칠 것"
				: "사무 매뉴얼을 현행 법령에 맞게 보완할 것";
		char no[16], on[16];
		snprintf(no, sizeof no, "%03d", i + 1);
		snprintf(on, sizeof on, "2007-09-%02d", 3 + i % 25);
		int c = 1;
		db_bind_int(ins, c++, round);
		db_bind_text(ins, c++, fix ? "fix" : "ok", strlen(fix ? "fix" : "ok"));
		db_bind_text(ins, c++, note, note ? strlen(note) : 0);
		db_bind_text(ins, c++, on, strlen(on));
		db_bind_int(ins, c++, s->org);
		db_bind_text(ins, c, no, strlen(no));
		ok = db_step(ins) == DB_OK;
		s->rows++;
	}
	db_finalize(ins);
	return ok ? 0 : seed_fail(s, "devolved_checks");
}

int devolved_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		       size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "devolved",
			 .err = err,
			 .errlen = errlen,
			 .rng = 2007};
	enum seed_start start = seed_begin(
		&s, "SELECT COUNT(*) FROM devolved_affairs WHERE org_id = ?",
		"SELECT COUNT(*) FROM departments WHERE org_id = ? AND kind = 'division' AND "
		"archived_at IS NULL",
		1, "과·담당관 부서가 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	struct units u = {0};
	int ok = load_units(&s, &u) == 0 && load_affairs(&s, &u) == 0 && load_round(&s) == 0;
	return seed_end(&s, ok, NULL);
}
