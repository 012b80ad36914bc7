/*
 * outreach_demo.c: the demo records of outreach.c's registries.  The seed
 * (Ⅳ-1-4, Ⅳ-1-5, Ⅳ-2-4, Ⅳ-2-8) gives 2007's plans, not their outcomes:
 *
 *  - Ⅳ-2-8: 서포터즈 of 외부전문가 및 주민 15인 내외, 분기별 1회 정기회의 및
 *    수시 임시회의, advice on the innovation activities.  The 15 supporters
 *    (9 experts, 6 residents), their names, fields and the term
 *    2007-01-01 ~ 2008-12-31 are invented, and so are the days of the four
 *    quarterly meetings of 2007 and one ad-hoc meeting, and the advice: at
 *    each meeting three supporters advise on one of the 2007 common tasks
 *    (in seq order), each with an account of role supporter.
 *  - Ⅳ-1-4: 대상 (단속→마찰→부조리의 악순환, 장기·고질 민원, 불합리한 제도·관행)
 *    and 선정기준 (다수주민 혜택) are the seed's; the four improvements,
 *    their residents reached, statuses and quarterly scores are invented,
 *    and so are the two meetings of the 민원제도개선협의회 and two of the
 *    과제발굴 모니터단.
 *  - Ⅳ-1-5: 국내·외, 민간·공공, 현장 방문 및 사이트 방문, 즉시 시행 / 정책회의
 *    안건 are the seed's words; the four visits are invented examples, the
 *    first published as a knowledge item of kind 벤치마킹 (지식관리시스템으로
 *    전파).
 *  - Ⅳ-2-4: 공시 연 2회; the two disclosures of 2006 (their days invented)
 *    choose the publications and recognitions of their half, which are the
 *    seed's (Ⅱ).
 */
#include <stdio.h>
#include <string.h>

#include "crud/seed.h"
#include "db/db.h"
#include "mod/knowledge/knowledge.h"
#include "mod/registries/registries.h"
#include "mod/tasks/tasks.h"

enum { SUPPORTERS = 15, SMEETINGS = 5, PER_MEETING = 3 };

static const struct {
	const char *name, *kind, *field, *affiliation;
} supporters[SUPPORTERS] = {
	{"강민호", "expert", "행정혁신·조직진단", "대학교 행정학과 교수"},
	{"김서연", "expert", "지식경영", "민간 컨설팅사 수석연구원"},
	{"박정우", "expert", "고객만족(CS)", "민간기업 CS경영팀장"},
	{"이하은", "expert", "전자정부·정보화", "정보통신 연구기관 연구위원"},
	{"정도윤", "expert", "성과관리·BSC", "대학교 경영학과 교수"},
	{"최유진", "expert", "재정·예산", "지방재정 연구기관 연구원"},
	{"한지호", "expert", "도시계획", "도시계획 기술사"},
	{"윤수아", "expert", "복지행정", "사회복지법인 사무국장"},
	{"임태현", "expert", "법무·제도개선", "변호사"},
	{"오민지", "resident", "주민자치", "주민자치위원"},
	{"서준혁", "resident", "지역경제", "상인연합회 회원"},
	{"조은비", "resident", "교육·문화", "학부모회 회원"},
	{"신동현", "resident", "환경", "환경단체 회원"},
	{"권나래", "resident", "민원 모니터링", "주민 모니터 요원"},
	{"황재민", "resident", "청년·일자리", "지역 청년단체 대표"},
};

static const struct {
	const char *on, *title;
} smeetings[SMEETINGS] = {
	{"2007-03-22", "2007년 1분기 행정혁신 서포터즈 정기회의"},
	{"2007-06-21", "2007년 2분기 행정혁신 서포터즈 정기회의"},
	{"2007-08-09", "행정혁신 서포터즈 임시회의 (혁신 마일리지 운영 자문)"},
	{"2007-09-20", "2007년 3분기 행정혁신 서포터즈 정기회의"},
	{"2007-12-20", "2007년 4분기 행정혁신 서포터즈 정기회의 (성과 평가)"},
};

static const char *const advice_text[PER_MEETING] = {
	"추진 상황을 주민이 알 수 있도록 중간 점검 결과를 공개할 것을 권고함.",
	"성과지표를 처리 기간 등 측정 가능한 값으로 구체화할 것을 제안함.",
	"관련 부서 간 협업 체계를 정례화하고 담당자를 지정할 것을 권고함.",
};

static const struct {
	const char *title, *source, *proposal, *found_on, *status, *decided_on, *reason;
	int64_t beneficiaries;
	int scores[4]; /* 2007 Q1..Q4; 0: not evaluated */
} improvements[] = {
	{"노점 단속의 단속→마찰→부조리 악순환 개선",
	 "repeated",
	 "단속 위주에서 노점 허가구역 지정과 자율 정비로 전환",
	 "2007-01-15",
	 "done",
	 "2007-09-28",
	 NULL,
	 12000,
	 {70, 80, 90, 0}},
	{"장기 미해결 불법 건축물 민원의 처리 기준 정비",
	 "chronic",
	 "장기 민원 전담 검토반 구성 및 처리 기준 공개",
	 "2007-02-05",
	 "reviewing",
	 NULL,
	 NULL,
	 3500,
	 {60, 75, 0, 0}},
	{"민원 구비서류 중복 요구 관행 폐지",
	 "internal",
	 "행정정보 공동이용으로 확인 가능한 서류의 제출 면제",
	 "2007-03-12",
	 "done",
	 "2007-06-29",
	 NULL,
	 45000,
	 {85, 95, 0, 0}},
	{"주정차 단속 이의 신청의 별도 심의위원회 신설",
	 "repeated",
	 "이의 신청 심의위원회를 구에 별도로 설치",
	 "2007-04-02",
	 "rejected",
	 "2007-07-10",
	 "현행 의견진술 절차로 처리 가능하여 불채택",
	 800,
	 {55, 0, 0, 0}},
};

enum { COUNT_OF_IMPROVEMENTS = sizeof improvements / sizeof improvements[0] };

static const struct {
	const char *kind, *on, *title;
	int links[2]; /* improvements dealt with (index + 1; 0: none) */
} cmeetings[] = {
	{"complaint_monitors", "2007-02-15", "민원제도개선 과제발굴 모니터단 1차 회의", {1, 2}},
	{"complaint_council", "2007-03-28", "2007년 1분기 민원제도개선협의회", {1, 3}},
	{"complaint_monitors", "2007-05-17", "민원제도개선 과제발굴 모니터단 2차 회의", {4, 0}},
	{"complaint_council", "2007-06-27", "2007년 2분기 민원제도개선협의회", {3, 4}},
};

static const struct {
	const char *institution, *region, *sector, *method, *on, *findings, *follow_up, *status;
} visits[] = {
	{"서울특별시 ○○구 민원봉사과", "domestic", "public", "visit", "2007-04-12",
	 "원스톱 민원 창구와 민원 처리 예고제 운영 사례. 민원 처리 기간을 사전에 알려 "
	 "재방문을 줄임.",
	 "immediate", "done"},
	{"○○전자 고객만족경영센터", "domestic", "private", "visit", "2007-06-07",
	 "고객 불만 접수부터 개선까지의 추적 관리(VOC) 체계. 불만 유형별 개선 책임자 지정.",
	 "agenda", "done"},
	{"일본 ○○시 전자자치체 포털", "overseas", "public", "site", "2007-08-20",
	 "주민 참여형 정책 제안 게시판과 제안 처리 결과의 공개 방식.", "agenda", "done"},
	{"○○광역시 혁신 우수 자치단체", "domestic", "public", "visit", "2007-11-15", NULL,
	 "reviewing", "planned"},
};

static int link1(struct seed *s, const char *entity, const char *field, int64_t record, int64_t ref,
		 int64_t position)
{
	if (db_run(s->c, NULL,
		   "INSERT INTO record_links (org_id, entity, field, record_id, ref_id, position) "
		   "VALUES (?, ?, ?, ?, ?, ?)",
		   "ittiii", s->org, entity, field, record, ref, position) != DB_OK)
		return seed_fail(s, field);
	s->rows++;
	return 0;
}

static int64_t meeting(struct seed *s, const char *kind, const char *on, const char *title)
{
	int64_t id = seed_insert(s, "meeting",
				 db_preparef(s->c,
					     "INSERT INTO meetings (org_id, kind, title, held_on) "
					     "VALUES (?, ?, ?, ?) RETURNING id",
					     "itt"
					     "t",
					     s->org, kind, title, on));
	if (id && tasks_meeting_count_add(s->c, s->org, 0, on, kind, 1) != ERR_OK) {
		seed_fail(s, "meeting_counts");
		return 0;
	}
	return id;
}

static int load_supporters(struct seed *s)
{
	int64_t user[SUPPORTERS], task[SMEETINGS];
	for (int i = 0; i < SUPPORTERS; i++) {
		char login[32];
		snprintf(login, sizeof login, "demo.supporter%02d", i + 1);
		user[i] = seed_insert(s, login,
				      db_preparef(s->c,
						  "INSERT INTO users (org_id, login, name, role) "
						  "VALUES (?, ?, ?, 'supporter') RETURNING id",
						  "itt", s->org, login, supporters[i].name));
		if (!user[i] ||
		    !seed_insert(
			    s, "supporter",
			    db_preparef(s->c,
					"INSERT INTO supporters (org_id, name, kind, field, "
					"affiliation, term_from, term_to, user_id) VALUES (?, ?, "
					"?, ?, ?, '2007-01-01', '2008-12-31', ?) RETURNING id",
					"itttti", s->org, supporters[i].name, supporters[i].kind,
					supporters[i].field, supporters[i].affiliation, user[i])))
			return -1;
	}
	struct db_stmt *st =
		db_preparef(s->c,
			    "SELECT id FROM tasks WHERE org_id = ? AND year = 2007 AND "
			    "archived_at IS NULL ORDER BY seq, id LIMIT ?",
			    "ii", s->org, (int64_t)SMEETINGS);
	int n = 0, rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW)
		task[n++] = db_column_int(st, 0);
	db_finalize(st);
	if (rc != DB_OK || n < SMEETINGS)
		return seed_fail(s, "tasks of 2007");
	for (int m = 0; m < SMEETINGS; m++) {
		int64_t id = meeting(s, "supporters", smeetings[m].on, smeetings[m].title);
		if (!id || link1(s, "meetings", "tasks", id, task[m], 0))
			return -1;
		for (int k = 0; k < PER_MEETING; k++) {
			int who = (m * PER_MEETING + k) % SUPPORTERS;
			char at[24];
			snprintf(at, sizeof at, "%s 12:00:00", smeetings[m].on);
			if (!seed_insert(
				    s, "advice",
				    db_preparef(
					    s->c,
					    "INSERT INTO task_advice (org_id, task_id, content, "
					    "author_user_id, author_name, created_at) VALUES (?, "
					    "?, ?, ?, ?, ?) RETURNING id",
					    "iitit"
					    "t",
					    s->org, task[m], advice_text[k], user[who],
					    supporters[who].name, at)))
				return -1;
		}
	}
	return 0;
}

static int load_improvements(struct seed *s)
{
	int64_t id[COUNT_OF_IMPROVEMENTS];
	for (size_t i = 0; i < COUNT_OF_IMPROVEMENTS; i++) {
		id[i] = seed_insert(
			s, "improvement",
			db_preparef(
				s->c,
				"INSERT INTO complaint_improvements (org_id, title, source, "
				"proposal, beneficiaries, found_on, status, decided_on, reason) "
				"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				"itttittt"
				"t",
				s->org, improvements[i].title, improvements[i].source,
				improvements[i].proposal, improvements[i].beneficiaries,
				improvements[i].found_on, improvements[i].status,
				improvements[i].decided_on, improvements[i].reason));
		if (!id[i])
			return -1;
		for (int q = 0; q < 4; q++)
			if (improvements[i].scores[q] &&
			    !seed_insert(s, "evaluation",
					 db_preparef(s->c,
						     "INSERT INTO complaint_evaluations (org_id, "
						     "improvement_id, year, quarter, score, note) "
						     "VALUES (?, ?, 2007, ?, ?, ?) RETURNING id",
						     "iiiit", s->org, id[i], (int64_t)q + 1,
						     (int64_t)improvements[i].scores[q],
						     "민원제도개선 분기별 평가")))
				return -1;
	}
	for (size_t m = 0; m < sizeof cmeetings / sizeof cmeetings[0]; m++) {
		int64_t mid = meeting(s, cmeetings[m].kind, cmeetings[m].on, cmeetings[m].title);
		if (!mid)
			return -1;
		for (int k = 0; k < 2; k++) {
			int which = cmeetings[m].links[k];
			if (!which)
				continue;
			int64_t pos = 0;
			for (size_t p = 0; p < m; p++)
				pos += cmeetings[p].links[0] == which ||
				       cmeetings[p].links[1] == which;
			if (link1(s, "complaint-improvements", "meetings", id[which - 1], mid, pos))
				return -1;
		}
	}
	return 0;
}

/* Three participants a visit: staff by id, spread with a stride. */
static int load_benchmarkings(struct seed *s)
{
	int rc;
	int64_t field = db_int(s->c, &rc, 0,
			       "SELECT COALESCE(MIN(id), 0) FROM knowledge_fields WHERE org_id = ? "
			       "AND archived_at IS NULL",
			       "i", s->org);
	if (rc == DB_ERR)
		return seed_fail(s, "knowledge fields");
	for (size_t i = 0; i < sizeof visits / sizeof visits[0]; i++) {
		int64_t id = seed_insert(
			s, "benchmarking",
			db_preparef(
				s->c,
				"INSERT INTO benchmarkings (org_id, institution, region, sector, "
				"method, visited_on, findings, follow_up, status) VALUES (?, ?, "
				"?, ?, ?, ?, ?, ?, ?) RETURNING id",
				"ittttttt"
				"t",
				s->org, visits[i].institution, visits[i].region, visits[i].sector,
				visits[i].method, visits[i].on, visits[i].findings,
				visits[i].follow_up, visits[i].status));
		if (!id)
			return -1;
		struct db_stmt *st = db_preparef(s->c,
						 "SELECT id FROM staff WHERE org_id = ? AND "
						 "archived_at IS NULL ORDER BY id LIMIT 3 OFFSET ?",
						 "ii", s->org, (int64_t)(i * 97));
		int64_t pos = 0;
		while (st && db_step(st) == DB_ROW) {
			if (link1(s, "benchmarkings", "participants", id, db_column_int(st, 0),
				  pos++)) {
				db_finalize(st);
				return -1;
			}
		}
		db_finalize(st);
		if (i || !field)
			continue;
		char body[1024];
		snprintf(body, sizeof body,
			 "%s\n\n출처: [벤치마킹 기록 %lld](/benchmarkings/%lld)\n",
			 visits[i].findings, (long long)id, (long long)id);
		int64_t item = seed_insert(
			s, "knowledge item",
			db_preparef(
				s->c,
				"INSERT INTO knowledge_items (org_id, title, field_id, kind, "
				"tags, summary, body, status, registered_on) VALUES (?, ?, ?, "
				"'benchmarking', '벤치마킹', ?, ?, 'registered', '2007-04-20') "
				"RETURNING id",
				"itit"
				"t",
				s->org, "[벤치마킹] 서울특별시 ○○구 민원봉사과", field,
				"서울특별시 ○○구 민원봉사과 벤치마킹 (국내·공공, 2007-04-12) 결과",
				body));
		if (!item ||
		    db_run(s->c, NULL,
			   "UPDATE benchmarkings SET knowledge_item_id = ? WHERE id = ?", "ii",
			   item, id) != DB_OK ||
		    knowledge_index(s->c, s->org, item, 1) != ERR_OK)
			return seed_fail(s, "knowledge item");
	}
	return 0;
}

/* A disclosure of each half of 2006 with the half's publications and
 * recognitions; the first published on the day it was disclosed. */
static int load_disclosures(struct seed *s)
{
	static const struct {
		const char *title, *half, *on, *from, *to, *summary;
		int published;
	} halves[] = {
		{"2006년 상반기 혁신활동 추진성과 공시", "h1", "2006-07-14", "2006-01-01",
		 "2006-06-30", "2006년 상반기의 수상·선정 실적과 간행물을 공시합니다.", 1},
		{"2006년 하반기 혁신활동 추진성과 공시", "h2", "2007-01-19", "2006-07-01",
		 "2006-12-31", "2006년 하반기의 수상·선정 실적과 간행물을 공시합니다.", 0},
	};
	for (int h = 0; h < 2; h++) {
		int64_t id = seed_insert(
			s, "disclosure",
			db_preparef(s->c,
				    "INSERT INTO disclosures (org_id, title, year, half, "
				    "disclosed_on, summary, published, published_on) VALUES (?, ?, "
				    "2006, ?, ?, ?, ?, CASE WHEN ? = 1 THEN ? END) RETURNING id",
				    "itttti"
				    "it",
				    s->org, halves[h].title, halves[h].half, halves[h].on,
				    halves[h].summary, (int64_t)halves[h].published,
				    (int64_t)halves[h].published, halves[h].on));
		if (!id)
			return -1;
		static const char *const picks[][2] = {
			{"publications", "SELECT id FROM publications WHERE org_id = ? AND "
					 "published_on >= ? AND published_on <= ? AND "
					 "archived_at IS NULL ORDER BY published_on, id"},
			{"recognitions", "SELECT id FROM recognitions WHERE org_id = ? AND "
					 "received_on >= ? AND received_on <= ? AND archived_at "
					 "IS NULL ORDER BY received_on, id"},
		};
		for (int p = 0; p < 2; p++) {
			int64_t ids[32], n = 0;
			struct db_stmt *st = db_preparef(s->c, picks[p][1], "itt", s->org,
							 halves[h].from, halves[h].to);
			while (st && n < 32 && db_step(st) == DB_ROW)
				ids[n++] = db_column_int(st, 0);
			db_finalize(st);
			for (int64_t k = 0; k < n; k++)
				if (link1(s, "disclosures", picks[p][0], id, ids[k], k))
					return -1;
		}
	}
	return 0;
}

int registries_outreach_demo(struct seed *s)
{
	return load_supporters(s) == 0 && load_improvements(s) == 0 && load_benchmarkings(s) == 0 &&
			       load_disclosures(s) == 0
		       ? 0
		       : -1;
}
