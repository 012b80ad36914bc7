/*
 * demo.c: the seed's knowledge (Ⅱ-4, Ⅳ-1-3).  A knowledge map of nine
 * fields; 22 knowledge experts appointed on 2006-07-10 (accounts of role
 * expert, without a password until an administrator sends their setup
 * links); the default review criteria; 320 items written through 2006 by
 * the demo staff, of which 8 rated excellent after an expert's review; the
 * monitoring rounds of 8.28 and 9.19 and the activation events of 4.4 and
 * 7.26.  The same every time (a fixed seed).
 */
#include <stdio.h>
#include <string.h>

#include "crud/seed.h"
#include "db/db.h"
#include "mod/knowledge/knowledge.h"

/* A domain event of the year, left for the mileage demo to take (its
 * rules do not exist yet). */
static int event(struct seed *s, const char *kind, int64_t item, int64_t staff, const char *on)
{
	char at[32];
	snprintf(at, sizeof at, "%.10sT09:00:00Z", on);
	if (db_run(s->c, NULL,
		   "INSERT INTO domain_events (org_id, kind, entity, record_id, staff_id, "
		   "created_at) VALUES (?, ?, 'knowledge-items', ?, ?, ?)",
		   "itiit", s->org, kind, item, staff, at) != DB_OK)
		return !seed_fail(s, kind);
	s->rows++;
	return 1;
}

static const struct {
	const char *name;
	int parent; /* index + 1 of the parent, 0: top */
} fields[] = {
	{"행정일반", 0}, {"문서·기록관리", 1}, {"민원행정", 1},	 {"기획·예산", 0}, {"세무·재정", 0},
	{"사회복지", 0}, {"도시·건설", 0},     {"환경·교통", 0}, {"문화·교육", 0},
};
#define FIELDS (sizeof fields / sizeof fields[0])

/* What the items are about, one list per field. */
static const char *const topics[FIELDS][4] = {
	{"공문서 작성", "회의 운영", "업무 인수인계", "행정혁신 과제 관리"},
	{"전자문서 보존", "기록물 이관", "문서 분류체계", "결재 단계 줄이기"},
	{"민원서류 발급", "여권 접수", "민원 안내", "민원처리기간 단축"},
	{"성과관리시스템", "예산 편성", "정책품질관리", "주민참여예산"},
	{"지방세 체납 관리", "재산세 부과", "계약 사무", "세무조사 절차"},
	{"기초생활보장 조사", "노인 돌봄 연계", "자원봉사 관리", "복지 사각지대 발굴"},
	{"도로 굴착 허가", "관급공사 품질관리", "건축 인허가", "가로정비"},
	{"재활용품 분리수거", "주정차 단속", "하천 정화", "대기오염 점검"},
	{"평생학습 프로그램", "주민자치센터 강좌", "문화행사 운영", "지역인재 양성"},
};
static const char *const forms[][2] = {
	{"work", "업무 매뉴얼"}, {"idea", "개선 아이디어"}, {"learning", "학습 자료"},
	{"case", "우수 사례"},	 {"manual", "처리 요령"},   {"work", "실무 노하우"},
};

/* The organisation's first staff id and how many there are; 0, or -1 with err. */
static int staff_of(struct seed *s, int64_t *first, int64_t *n)
{
	int lo, count;
	*first = db_int(s->c, &lo, 0, "SELECT MIN(id) FROM staff WHERE org_id = ?", "i", s->org);
	*n = db_int(s->c, &count, 0, "SELECT COUNT(*) FROM staff WHERE org_id = ?", "i", s->org);
	return lo == DB_ROW && count == DB_ROW ? 0 : seed_fail(s, "staff");
}

/* Everything, inside the load's transaction: staffn people from id staff0 on. */
/* The knowledge map's fields, each under its parent, into ids. */
static int load_fields(struct seed *s, int64_t ids[FIELDS])
{
	for (size_t i = 0; i < FIELDS; i++) {
		ids[i] = seed_insert(
			s, fields[i].name,
			db_preparef(s->c,
				    "INSERT INTO knowledge_fields (org_id, name, parent_id, "
				    "sort_order) VALUES (?, ?, NULLIF(?, 0), ?) RETURNING id",
				    "itii", s->org, fields[i].name,
				    fields[i].parent ? ids[fields[i].parent - 1] : (int64_t)0,
				    (int64_t)(i + 1)));
		if (!ids[i])
			return -1;
	}
	return 0;
}

/* The review criteria an organisation starts with. */
static int load_criteria(struct seed *s)
{
	for (int i = 0; i < 4; i++)
		if (!seed_insert(
			    s, knowledge_default_criteria[i].name,
			    db_preparef(s->c,
					"INSERT INTO knowledge_criteria (org_id, name, points, "
					"sort_order) VALUES (?, ?, ?, ?) RETURNING id",
					"itii", s->org, knowledge_default_criteria[i].name,
					(int64_t)knowledge_default_criteria[i].points, (int64_t)i)))
			return -1;
	return 0;
}

/* 22 experts of 2006-07-10: staff of 6급 and 7급 with an expert account
 * each, one field each in turn; their accounts into experts. */
static int load_experts(struct seed *s, int64_t staff0, const int64_t field_ids[FIELDS],
			int64_t experts[22])
{
	struct db_conn *c = s->c;
	int64_t org = s->org;
	for (int i = 0; i < 22; i++) {
		int64_t staff = staff0 + 40 + i * 53;
		char login[32];
		snprintf(login, sizeof login, "expert%02d", i + 1);
		experts[i] = seed_insert(
			s, login,
			db_preparef(
				c,
				"INSERT INTO users (org_id, login, name, role, department_id) "
				"SELECT org_id, ?, name, 'expert', department_id FROM staff WHERE "
				"id = ? RETURNING id",
				"ti", login, staff));
		if (!experts[i] ||
		    db_run(c, NULL, "UPDATE staff SET user_id = ? WHERE id = ?", "ii", experts[i],
			   staff) != DB_OK ||
		    !seed_insert(
			    s, "expert",
			    db_preparef(c,
					"INSERT INTO knowledge_experts (org_id, field_id, user_id, "
					"appointed_on) VALUES (?, ?, ?, '2006-07-10') RETURNING id",
					"iii", org, field_ids[i % FIELDS], experts[i])))
			return -1;
	}
	return 0;
}

/* 320 items through 2006, each with its registration event; the 8 excellent
 * ones spread over the year, each with its review and event. */
static int load_items(struct seed *s, int64_t staff0, int64_t staffn,
		      const int64_t field_ids[FIELDS], const int64_t experts[22])
{
	struct db_conn *c = s->c;
	int64_t org = s->org;
	for (int i = 0; i < 320; i++) {
		size_t f = (size_t)i % FIELDS;
		const char *topic = topics[f][seed_next(s, 4)];
		size_t form = seed_next(s, 6);
		int64_t author = staff0 + (int64_t)seed_next(s, (unsigned)staffn);
		int excellent = i % 40 == 7;
		char title[200], body[1200], tags[200], date[32];
		snprintf(title, sizeof title, "%s %s", topic, forms[form][1]);
		snprintf(body, sizeof body,
			 "## 개요\n\n%s 업무를 맡은 직원이 알아 두면 좋은 %s입니다. 행정혁신과 "
			 "고객만족 관점에서 정리했습니다.\n\n## 내용\n\n- 관련 법령과 지침을 먼저 "
			 "확인합니다.\n- 처리 단계를 줄일 수 있는지 살펴봅니다.\n- 민원인에게 "
			 "진행 상황을 알립니다.\n\n## 효과\n\n처리기간이 짧아지고 같은 업무를 "
			 "맡는 직원이 시행착오를 줄일 수 있습니다. (Knowledge item %d)\n",
			 topic, forms[form][1], i + 1);
		snprintf(tags, sizeof tags, "%s, %s, 행정혁신", fields[f].name, forms[form][1]);
		snprintf(date, sizeof date, "2006-%02d-%02d", 1 + i * 12 / 320, 1 + (i * 7) % 28);
		int64_t id = seed_insert(
			s, title,
			db_preparef(
				c,
				"INSERT INTO knowledge_items (org_id, title, field_id, kind, "
				"department_id, author_name, tags, body, status, grade, reward, "
				"views, recommendations, registered_on, decided_on) SELECT ?, ?, "
				"?, "
				"?, department_id, name, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM staff "
				"WHERE "
				"id = ? RETURNING id",
				"itittttttiitti", org, title, field_ids[f], forms[form][0], tags,
				body,
				excellent    ? "excellent"
				: i % 5 == 0 ? "registered"
					     : "adopted",
				excellent ? (i % 80 == 7 ? "S" : "A") : NULL,
				excellent ? "우수지식 포상 (시상금)" : NULL,
				(int64_t)(excellent ? 150 + seed_next(s, 200) : seed_next(s, 120)),
				(int64_t)(excellent ? 10 + seed_next(s, 20) : seed_next(s, 8)),
				date, i % 5 == 0 ? NULL : date, author));
		if (!id || !event(s, "knowledge.registered", id, author, date))
			return -1;
		if (excellent &&
		    (!seed_insert(
			     s, "review",
			     db_preparef(
				     c,
				     "INSERT INTO knowledge_reviews (org_id, item_id, "
				     "expert_user_id, expert_name, scores, total, proposed, "
				     "comment) SELECT ?, ?, id, name, ?, 88, 'excellent', ? FROM "
				     "users WHERE id = ? RETURNING id",
				     "iitti", org, id,
				     "{\"완성도\":17,\"적용범위\":17,\"창의성\":27,\"효과성\":27}",
				     "다른 부서에도 바로 적용할 수 있는 우수한 지식입니다.",
				     experts[f] /* expert f serves field f */)) ||
		     !event(s, "knowledge.excellent", id, author, date)))
			return -1;
	}
	return 0;
}

/* The two monitoring rounds and the two events of 2006. */
static int load_rounds_and_events(struct seed *s)
{
	struct db_conn *c = s->c;
	int64_t org = s->org;
	static const char *const rounds[][2] = {{"2006-08-28", "지식활동 모니터링 (1차)"},
						{"2006-09-19", "지식활동 모니터링 (2차)"}};
	for (int i = 0; i < 2; i++)
		if (!seed_insert(
			    s, rounds[i][1],
			    db_preparef(c,
					"INSERT INTO knowledge_monitoring (org_id, held_on, title, "
					"findings) VALUES (?, ?, ?, ?) RETURNING id",
					"ittt", org, rounds[i][0], rounds[i][1],
					"부서별 지식 등록과 활용 실적 점검, 우수 부서와 미흡 부서 "
					"안내")))
			return -1;
	static const char *const events[][3] = {
		{"지식관리 활성화 이벤트: 지식 등록 릴레이", "2006-04-04", "2006-04-30"},
		{"지식관리 활성화 이벤트: 우리 부서 노하우 나누기", "2006-07-26", "2006-08-31"}};
	for (int i = 0; i < 2; i++)
		if (!seed_insert(
			    s, events[i][0],
			    db_preparef(c,
					"INSERT INTO knowledge_events (org_id, title, starts_on, "
					"ends_on, description) VALUES (?, ?, ?, ?, ?) RETURNING id",
					"ittt"
					"t",
					org, events[i][0], events[i][1], events[i][2],
					"기간 안에 지식을 등록한 직원에게 혁신마일리지를 더 "
					"드립니다.")))
			return -1;
	return 0;
}

static int load(struct seed *s, int64_t staff0, int64_t staffn)
{
	int64_t field_ids[FIELDS], experts[22];
	if (load_fields(s, field_ids) || load_criteria(s) ||
	    load_experts(s, staff0, field_ids, experts) ||
	    load_items(s, staff0, staffn, field_ids, experts))
		return -1;
	/* the search index once for all, merged as `innoland rebuild` leaves it */
	if (knowledge_reindex(s->c, s->org) != ERR_OK)
		return seed_fail(s, "index");
	return load_rounds_and_events(s);
}

int knowledge_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "knowledge",
			 .err = err,
			 .errlen = errlen,
			 .rng = 2006};
	enum seed_start start =
		seed_begin(&s, "SELECT COUNT(*) FROM knowledge_fields WHERE org_id = ?",
			   "SELECT COUNT(*) FROM staff WHERE org_id = ?", 1000,
			   "데모 기관의 직원 1,000명 이상이 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int64_t staff0, staffn;
	int ok = staff_of(&s, &staff0, &staffn) == 0 && load(&s, staff0, staffn) == 0;
	return seed_end(&s, ok, NULL);
}
