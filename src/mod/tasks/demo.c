/*
 * demo.c: the seed's tasks and the records behind its 2006 figures.
 *
 *  - Ⅳ-1-1: the 18 common tasks (지방행정 공통혁신과제) of 2007, each with
 *    the lead department, the cooperating departments and the executing
 *    ones ("전 부서", or a group such as "민원부서") exactly as the table
 *    lists them; 일하는 방식 개선 and 지식관리 with their directions and plan
 *    items from Ⅳ-1-2 and Ⅳ-1-3.  Two months of reports on some of them.
 *  - Ⅱ-1: in 2006 the same 18 tasks, 2 discovery report meetings that found
 *    183 unit projects (39 of them managed through the year), 8 bureau
 *    progress meetings and 43 strategy meetings.
 *  - Ⅱ-3: 23 process redesigns in 19 departments (절차개선 6, 처리기간단축 2,
 *    민원편의제공 4, 업무개선 7, 기타 4), 35 method improvements and 4
 *    meetings of the 일하는 방식 개선 T/F; for 2007 the two working groups of
 *    Ⅳ-1-2 (업무프로세스 개선 W/G of 10, 불필요한 일 버리기 W/G of 9).
 *
 * Rows are written directly, then every derived number is rebuilt
 * (tasks_rebuild), all in one transaction with one audit entry (crud/seed.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crud/seed.h"
#include "db/db.h"
#include "mod/tasks/tasks.h"

enum exec { NONE, ALL, NOTE };

struct common_task {
	const char *title;
	const char *lead;
	const char *coop[4]; /* NULL-ended */
	enum exec exec;	     /* 추진부서 */
	const char *note;    /* with NOTE: the group's name */
};

/* Ⅳ-1-1, row by row: 연번 is the index + 1. */
static const struct common_task common[] = {
	{"일하는 방식 개선", "혁신기획단", {"기획예산과"}, ALL, NULL},
	{"지식관리", "혁신기획단", {"기획예산과"}, NONE, NULL},
	{"민원행정 개선", "혁신기획단", {"감사담당관", "민원여권과"}, ALL, NULL},
	{"고객만족 행정", "감사담당관", {NULL}, ALL, NULL},
	{"재정 책임성·투명성 제고", "기획예산과", {"재무과", "세무관리과", "부과과"}, NONE, NULL},
	{"정책품질관리", "기획예산과", {"혁신기획단"}, NONE, NULL},
	{"행정서비스 전달체계 개선", "감사담당관", {NULL}, ALL, NULL},
	{"정책홍보", "기획예산과", {NULL}, ALL, NULL},
	{"주민참여", "기획예산과", {NULL}, ALL, NULL},
	{"자원봉사 인프라 확충", "주민생활지원과", {NULL}, NONE, NULL},
	{"갈등관리", "감사담당관", {NULL}, NOTE, "민원부서"},
	{"정보공개 활성화", "민원여권과", {NULL}, NONE, NULL},
	{"지역인재 양성", "자치행정과", {"총무과"}, NONE, NULL},
	{"조직의 유연성 제고", "총무과", {"기획예산과"}, ALL, NULL},
	{"능력과 성과중심의 인사혁신", "총무과", {NULL}, NONE, NULL},
	{"성과관리시스템 도입", "기획예산과", {NULL}, NONE, NULL},
	{"공무원 평생학습체계 구축", "총무과", {"문화체육과"}, ALL, NULL},
	{"혁신관리시스템 구축", "혁신기획단", {NULL}, ALL, NULL},
};
#define COMMON (sizeof common / sizeof common[0])

/* Ⅲ's directions for every common task, and Ⅳ-1-2/Ⅳ-1-3's own. */
static const char directions_all[] = "고객만족과 성과창출 중심의 혁신과제 발굴 및 추진\n"
				     "주민참여 및 현장밀착형 혁신과제 발굴 및 추진\n"
				     "상향식 혁신과제의 발굴 및 추진으로 내실화 도모";
static const char purpose_work[] =
	"업무절차를 비롯하여 행태와 문화적인 요인에 대한 개선을 통해 행정 내부의 비효율적이고 "
	"낭비적인 요소를 줄임으로써 행정의 생산성과 구민 서비스 향상을 도모";
static const char plan_work[] =
	"불필요한 일 버리기의 전략적 추진\n"
	"업무프로세스 개선 교육실시, 우수과제 활용 및 정보공유\n"
	"유연하고 탄력적인 조직문화 조성(의식, 관행, 행태 개선 및 학습문화)";
static const char purpose_knowledge[] =
	"전 직원이 업무지식 및 학습에 필요한 지식을 등록 및 공유할 수 있도록 참여방안을 "
	"강구하고 지식활동의 내재화 추진";
static const char directions_knowledge[] =
	"업무지식 및 아이디어 중심으로 등록 유도\n"
	"지식활동 모니터링 및 지식품질 평가를 통한 핵심지식의 확보\n"
	"업무에 활용 가능한 핵심지식에 대한 보상 확대";

/* The state of one load. */
struct loader {
	struct seed s;	  /* the load's connection, organisation, message and rows */
	int64_t staff[2]; /* the first and last staff id */
};

/* The id of the organisation's department called name (the org demo's);
 * 0 with err when it is not there, so the load fails rather than leave a
 * task without its department. */
static int64_t department(struct loader *l, const char *name)
{
	int rc;
	int64_t id = db_int(l->s.c, &rc, 0,
			    "SELECT MIN(id) FROM departments WHERE org_id = ? AND name = ? AND "
			    "archived_at IS NULL",
			    "it", l->s.org, name);
	if (rc == DB_ERR)
		seed_fail(&l->s, "departments");
	else if (id <= 0 && l->s.errlen && !l->s.err[0])
		snprintf(l->s.err, l->s.errlen,
			 "tasks demo: 데모 기관의 부서 '%s'이(가) 먼저 있어야 합니다 (org 모듈의 "
			 "데모)",
			 name);
	return id > 0 ? id : 0;
}

static int link(struct loader *l, const char *entity, const char *field, int64_t record,
		int64_t ref, int64_t position)
{
	if (!ref) /* a department not there: department() said so */
		return -1;
	l->s.rows++;
	return db_run(l->s.c, NULL,
		      "INSERT INTO record_links (org_id, entity, field, record_id, ref_id, "
		      "position) "
		      "VALUES (?, ?, ?, ?, ?, ?)",
		      "ittiii", l->s.org, entity, field, record, ref, position) == DB_OK
		       ? 0
		       : seed_fail(&l->s, "record_links");
}

static int64_t add_task(struct loader *l, size_t i, int64_t year, const char *status)
{
	const struct common_task *t = &common[i];
	const char *purpose = i == 0 ? purpose_work : i == 1 ? purpose_knowledge : NULL;
	const char *directions = i == 1 ? directions_knowledge : directions_all;
	int64_t lead = department(l, t->lead);
	if (!lead)
		return 0;
	int64_t id = seed_insert(
		&l->s, t->title,
		db_preparef(
			l->s.c,
			"INSERT INTO tasks (org_id, seq, title, kind, year, lead_department_id, "
			"executing_all, executing_note, purpose, directions, plan, status) "
			"VALUES (?, ?, ?, 'common', ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?) RETURNING "
			"id",
			"iitiiittttt", l->s.org, (int64_t)(i + 1), t->title, year, lead,
			(int64_t)(t->exec == ALL), t->exec == NOTE ? t->note : NULL, purpose,
			directions, i == 0 ? plan_work : NULL, status));
	for (int k = 0; id && t->coop[k]; k++)
		if (link(l, "tasks", "cooperating_departments", id, department(l, t->coop[k]), k))
			return 0;
	return id;
}

static int64_t add_meeting(struct loader *l, const char *kind, const char *title, const char *date,
			   int64_t department_id)
{
	return seed_insert(
		&l->s, title,
		db_preparef(l->s.c,
			    "INSERT INTO meetings (org_id, kind, title, held_on, department_id) "
			    "VALUES (?, ?, ?, ?, NULLIF(?, 0)) RETURNING id",
			    "itt"
			    "ti",
			    l->s.org, kind, title, date, department_id));
}

/*
 * A report's submission (its created_at): on the 3rd of the month after
 * the one it reports, or, for one in five (by task and month), on the 12th,
 * past the deadline of the 5th that the evaluations' "reports
 * on time" counts by (mod/evaluations/compute.c).  The seed gives no dates;
 * these are invented.
 */
static void submitted_at(int64_t task, const char *month, char out[32])
{
	int y = atoi(month), m = atoi(month + 5) + 1;
	if (m > 12)
		m = 1, y++;
	int late = (task + m) % 5 == 0;
	snprintf(out, 32, "%04d-%02d-%02dT09:00:00Z", y, m, late ? 12 : 3);
}

static int add_report(struct loader *l, int64_t task, int64_t unit, const char *month,
		      int64_t progress, const char *content)
{
	char at[32];
	submitted_at(task, month, at);
	return seed_insert(
		       &l->s, "report",
		       db_preparef(
			       l->s.c,
			       "INSERT INTO progress_reports (org_id, task_id, unit_project_id, "
			       "month, progress, content, created_at) VALUES (?, ?, NULLIF(?, 0), "
			       "?, ?, ?, ?) RETURNING id",
			       "iiititt", l->s.org, task, unit, month, progress, content, at))
		       ? 0
		       : -1;
}

/* 2007: the 18 common tasks, in progress, two months reported on some. */
static int load_2007(struct loader *l, int64_t tasks[COMMON])
{
	for (size_t i = 0; i < COMMON; i++)
		if (!(tasks[i] = add_task(l, i, 2007, "in_progress")))
			return -1;
	static const char *const months[] = {"2007-01", "2007-02"};
	for (size_t i = 0; i < COMMON; i++)
		for (size_t m = 0; m < 2; m++) {
			if ((i + m) % 3 == 2) /* some have not reported this month */
				continue;
			char content[160];
			snprintf(content, sizeof content, "%s: %s 추진계획 수립 및 부서 협의",
				 common[i].title, months[m]);
			if (add_report(l, tasks[i], 0, months[m], (int64_t)(5 + m * 5 + i % 4 * 2),
				       content) != 0)
				return -1;
		}
	/* Ⅳ-1-2: the working groups of 일하는 방식 개선, and their first meetings */
	static const struct {
		const char *name;
		int members;
	} groups[] = {{"업무프로세스 개선 W/G", 10}, {"불필요한 일 버리기 W/G", 9}};
	int64_t office = department(l, "혁신기획단");
	for (size_t g = 0; g < 2; g++) {
		int64_t leader = l->staff[0] + (int64_t)seed_next(&l->s, 400);
		int64_t id = seed_insert(
			&l->s, groups[g].name,
			db_preparef(l->s.c,
				    "INSERT INTO working_groups (org_id, name, year, task_id, "
				    "leader_id, purpose) VALUES (?, ?, 2007, ?, ?, ?) RETURNING id",
				    "itiit", l->s.org, groups[g].name, tasks[0], leader,
				    "혁신과제 실행팀(TFT) 회의 월 1회"));
		if (!id)
			return -1;
		for (int k = 0; k < groups[g].members; k++)
			if (link(l, "working-groups", "members", id,
				 k ? leader + 1 + k * 37 % 800 : leader, k))
				return -1;
		for (int m = 1; m <= 2; m++) {
			char title[96], date[32];
			snprintf(title, sizeof title, "%s %d월 정기회의", groups[g].name, m);
			snprintf(date, sizeof date, "2007-%02d-%02d", m, 20 + (int)g);
			int64_t meeting = add_meeting(l, "wg", title, date, office);
			if (!meeting ||
			    db_run(l->s.c, NULL,
				   "UPDATE meetings SET working_group_id = ? WHERE id = ?", "ii",
				   id, meeting) != DB_OK ||
			    link(l, "meetings", "tasks", meeting, tasks[0], 0))
				return -1;
		}
	}
	return 0;
}

/* 2006 (Ⅱ-1): the tasks, 183 unit projects found at 2 discovery meetings
 * (39 managed, done by the year's end), 8 bureau and 43 strategy meetings. */
static int load_2006(struct loader *l, int64_t tasks[COMMON])
{
	for (size_t i = 0; i < COMMON; i++)
		if (!(tasks[i] = add_task(l, i, 2006, "done")))
			return -1;
	static const char *const discovery[][2] = {{"2006-02-16", "혁신과제 발굴 보고회 (1차)"},
						   {"2006-07-20", "혁신과제 발굴 보고회 (2차)"}};
	int64_t office = department(l, "혁신기획단");
	for (size_t d = 0; d < 2; d++) {
		int64_t id = add_meeting(l, "discovery", discovery[d][1], discovery[d][0], office);
		for (size_t i = 0; id && i < COMMON; i++)
			if (link(l, "meetings", "tasks", id, tasks[i], (int64_t)i))
				return -1;
		if (!id)
			return -1;
	}
	for (int u = 0; u < 183; u++) {
		size_t t = (size_t)u % COMMON;
		int managed = u < 39;
		char title[160];
		snprintf(title, sizeof title, "%s 단위사업 %d", common[t].title,
			 u / (int)COMMON + 1);
		int64_t id = seed_insert(
			&l->s, title,
			db_preparef(l->s.c,
				    "INSERT INTO unit_projects (org_id, task_id, title, "
				    "department_id, weight, status) VALUES (?, ?, ?, NULLIF(?, 0), "
				    "?, ?) RETURNING id",
				    "iitiit", l->s.org, tasks[t], title,
				    department(l, common[t].lead), (int64_t)(1 + u % 3),
				    managed ? "done" : "discovered"));
		if (!id || (managed && add_report(l, tasks[t], id, "2006-12", 100,
						  "연간 추진 완료 (총괄관리 단위사업)") != 0))
			return -1;
	}
	static const char *const bureaus[] = {"행정관리국", "기획재정국", "주민생활국",
					      "도시관리국", "건설교통국", "환경관리국"};
	for (int b = 0; b < 8; b++) {
		char title[96], date[32];
		snprintf(title, sizeof title, "%s 혁신과제 추진상황 보고회", bureaus[b % 6]);
		snprintf(date, sizeof date, "2006-%02d-%02d", b < 6 ? 4 + b / 3 : 10, 10 + b);
		if (!add_meeting(l, "bureau_progress", title, date, department(l, bureaus[b % 6])))
			return -1;
	}
	for (int m = 0; m < 43; m++) {
		char title[96], date[32];
		snprintf(title, sizeof title, "혁신과제 전략회의 (%d차)", m + 1);
		snprintf(date, sizeof date, "2006-%02d-%02d", 1 + m * 12 / 43, 3 + (m * 7) % 24);
		int64_t id = add_meeting(l, "strategy", title, date, office);
		if (!id || link(l, "meetings", "tasks", id, tasks[(size_t)m % COMMON], 0))
			return -1;
	}
	/* 동 행정혁신 실무협의회 (5.24, 9.12) */
	if (!add_meeting(l, "working_level", "동 행정혁신 실무협의회", "2006-05-24", office) ||
	    !add_meeting(l, "working_level", "동 행정혁신 실무협의회", "2006-09-12", office))
		return -1;
	return 0;
}

/* 2006 (Ⅱ-3): 일하는 방식 개선. */
static int load_redesigns(struct loader *l, int64_t work_task)
{
	/* 19 departments; the first four redesigned two works each (23 in all) */
	static const char *const departments[] = {
		"기획예산과", "총무과",	    "민원여권과", "재무과",	    "세무관리과",
		"부과과",     "자치행정과", "문화체육과", "주민생활지원과", "감사담당관",
		"교육훈련팀", "여권팀",	    "계약팀",	  "재산세팀",	    "민원팀",
		"홍보팀",     "인사팀",	    "예산팀",	  "경리팀"};
	static const struct {
		const char *category;
		int n;
	} split[] = {{"procedure", 6}, {"time", 2}, {"convenience", 4}, {"work", 7}, {"other", 4}};
	int k = 0;
	for (size_t c = 0; c < 5; c++)
		for (int i = 0; i < split[c].n; i++, k++) {
			const char *dept = departments[k < 19 ? k : k - 19];
			char work[160];
			snprintf(work, sizeof work, "%s 업무프로세스 재설계 %d", dept,
				 k < 19 ? 1 : 2);
			if (!seed_insert(
				    &l->s, work,
				    db_preparef(
					    l->s.c,
					    "INSERT INTO process_redesigns (org_id, kind, year, "
					    "department_id, work, category, before_text, "
					    "after_text, effect, status) VALUES (?, 'redesign', "
					    "2006, NULLIF(?, 0), ?, ?, ?, ?, ?, 'done') RETURNING "
					    "id",
					    "iittttt", l->s.org, department(l, dept), work,
					    split[c].category, "여러 단계의 결재와 중복 확인",
					    "결재 단계 축소, 한 번에 확인", "처리 시간 단축")))
				return -1;
		}
	for (int i = 0; i < 35; i++) {
		char work[160];
		const char *dept = departments[i % 19];
		snprintf(work, sizeof work, "나만의 장·단점을 찾아라! 방법 개선 %d (%s)", i + 1,
			 dept);
		if (!seed_insert(
			    &l->s, work,
			    db_preparef(l->s.c,
					"INSERT INTO process_redesigns (org_id, kind, year, "
					"department_id, work, status) VALUES (?, 'method', 2006, "
					"NULLIF(?, 0), ?, 'adopted') RETURNING id",
					"iit", l->s.org, department(l, dept), work)))
			return -1;
	}
	static const char *const tf[] = {"2006-03-15", "2006-06-14", "2006-09-13", "2006-11-15"};
	for (int i = 0; i < 4; i++) {
		char title[96];
		snprintf(title, sizeof title, "일하는 방식 개선 T/F 회의 (%d차)", i + 1);
		int64_t id = add_meeting(l, "tft", title, tf[i], department(l, "혁신기획단"));
		if (!id || link(l, "meetings", "tasks", id, work_task, 0))
			return -1;
	}
	return 0;
}

/* The first and last staff id, into l->staff; 0, or -1 with err. */
static int staff_range(struct loader *l)
{
	int lo, hi;
	l->staff[0] =
		db_int(l->s.c, &lo, 0, "SELECT MIN(id) FROM staff WHERE org_id = ?", "i", l->s.org);
	l->staff[1] =
		db_int(l->s.c, &hi, 0, "SELECT MAX(id) FROM staff WHERE org_id = ?", "i", l->s.org);
	return lo == DB_ROW && hi == DB_ROW ? 0 : seed_fail(&l->s, "staff");
}

static int rebuild(struct loader *l)
{
	return tasks_rebuild(l->s.c, l->s.org) == ERR_OK ? 0 : seed_fail(&l->s, "rebuild");
}

int tasks_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		    size_t errlen)
{
	struct loader l = {.s = {.c = c,
				 .by = by,
				 .org = org,
				 .module = "tasks",
				 .err = err,
				 .errlen = errlen,
				 .rng = 2007}};
	/* the loader draws working-group members from 1,200 consecutive staff ids */
	enum seed_start start = seed_begin(
		&l.s, "SELECT COUNT(*) FROM tasks WHERE org_id = ?",
		"SELECT COALESCE(MAX(id) - MIN(id), 0) FROM staff WHERE org_id = ?", 1200,
		"데모 기관의 직원 1,200명 이상이 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int64_t y2006[COMMON], y2007[COMMON];
	/* a department found missing fails the load, wherever it was asked for */
	int ok = staff_range(&l) == 0 && load_2006(&l, y2006) == 0 && load_2007(&l, y2007) == 0 &&
		 load_redesigns(&l, y2006[0]) == 0 && rebuild(&l) == 0 && !(errlen && err[0]);
	return seed_end(&l.s, ok, NULL);
}
