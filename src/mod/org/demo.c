/*
 * demo.c: the demo organisation of the seed document (the 2006 results and
 * 2007 plan of 영등포구's 혁신기획단), and the headcount of a subtree.
 *
 * What the seed fixes, and how this file reads it:
 *  - Ⅰ-1, the 혁신기획단's headcount: the columns are 계, then 4급 … 9급
 *    (일반직), and the row reads "현원 12 1 3 5 3": four numbers for six
 *    grades, the empty cells lost.  1+3+5+3 = 12, and the chart beside it
 *    (Ⅰ-2, and Ⅱ: "1단장, 1담당관, 3팀") places them: 5급 1 (the
 *    혁신기획담당관), 6급 3 (the three 팀장), 7급 5, 8급 3; 4급 and 9급 empty.
 *    Starting at 4급 instead would leave the 담당관 without a 5급 and give a
 *    district office three 5급 팀장, so it is not taken.  The 혁신기획단장 is
 *    not in 현원 (the post is held concurrently), so the 혁신기획단 node has
 *    no head of its own and its headcount is that of 혁신기획담당관 and its
 *    three teams: innovation_rosters below.
 *  - Ⅳ-1-7 "132개 팀": the teams of all divisions together; 동 주민센터 have
 *    no team departments (their two 팀장 sit in the 동 itself).
 *  - Ⅳ-1-11 "28개부서(구청·보건소)" and Ⅳ-2-1 "부서28개" learning clubs: 28
 *    divisions (과·담당관·보건소), 혁신기획담당관 included.
 *  - Ⅳ-1-1: every department the 18 common tasks name exists by that name.
 * The bureaus and the other divisions and teams are plausible, not the real
 * 2007 organisation; the seed names no 동, so the 18 are today's 영등포구's.
 *
 * Invariants: everything happens in one transaction, serialised with the
 * audit chain's writers (crud/seed.h), so two loads at once cannot both
 * fill an organisation.  A department's path is its parent's path, the
 * parent's id and '/'; top-level departments have '/'.  The PRNG has a
 * fixed seed, so every load makes the same people, employee numbers
 * 2007NNNN in order.
 *
 * Memory: the loader lives on org_demo_load's stack; its statements and the
 * SQL text of a batch statement are freed before it returns.
 */
#include "mod/org/demo.h"
#include "mod/org/org.h"

#include <assert.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "crud/seed.h"
#include "db/db.h"

enum {
	MAX_TEAMS = 9,	 /* teams per division in the table, plus the NULL */
	PATH_LEN = 96,	 /* '/' and three ids of up to 20 digits, each with its '/' */
	BATCH = 100,	 /* staff rows per INSERT */
	STAFF_COLS = 8,	 /* placeholders per staff row */
	DONG_LEADERS = 2 /* 팀장 per 동 주민센터: 행정민원, 주민생활지원 */
};

static const uint64_t RNG_SEED = 20070101; /* any fixed value; this one reads as a date */

/* How a kind of unit is staffed besides its head and team leaders. */
enum mix { MIX_OFFICE, MIX_HEALTH, MIX_FIELD, MIX_DONG, MIXES };

struct mix_rule {
	unsigned weights[ORG_GRADES]; /* relative share of each grade among members */
	unsigned min_members;	      /* members besides the leader, at least */
	unsigned span;		      /* plus 0 .. span-1 more, drawn */
};

/* Weights in enum org_grade order: g4 g5 g6 g7 g8 g9 research technical contract other. */
static const struct mix_rule mix_rules[MIXES] = {
	[MIX_OFFICE] = {{0, 0, 14, 36, 28, 12, 0, 7, 3, 0}, 4, 5},
	[MIX_HEALTH] = {{0, 0, 12, 24, 22, 10, 14, 8, 10, 0}, 5, 5},
	[MIX_FIELD] = {{0, 0, 10, 22, 20, 10, 0, 32, 6, 0}, 5, 7},
	[MIX_DONG] = {{0, 0, 10, 34, 30, 18, 0, 6, 2, 0}, 9, 7},
};

/* A team's members besides its 6급 leader, when the seed fixes them. */
struct roster {
	unsigned char members[ORG_GRADES]; /* how many of each grade */
};

/* The 혁신기획단's 7급 5 and 8급 3 (see the top of the file), team by team. */
static const struct roster innovation_rosters[] = {
	{{[ORG_G7] = 2, [ORG_G8] = 1}}, /* 혁신기획팀 */
	{{[ORG_G7] = 2, [ORG_G8] = 1}}, /* 혁신지원팀 */
	{{[ORG_G7] = 1, [ORG_G8] = 1}}, /* 균형발전팀 */
};

/* One row of the tree: a top-level department or one under the last such. */
struct unit {
	int level;		      /* 0: under 부구청장; 1: under the last level-0 row */
	const char *kind;	      /* departments.kind */
	const char *name;	      /* departments.name */
	const char *head;	      /* the head's position; NULL: no head of its own */
	enum org_grade head_grade;    /* the head's grade */
	enum mix mix;		      /* how its teams are staffed */
	const struct roster *rosters; /* one per team, fixed; NULL: drawn from mix */
	const char *teams[MAX_TEAMS]; /* its teams, NULL-terminated */
};

/* Table rows: any unit; a 국 (no teams of its own); a 과 under the last 국. */
/* clang-format off */
#define UNIT(level, kind, name, head, grade, mix, rosters, ...) \
	{level, kind, name, head, grade, mix, rosters, {__VA_ARGS__, NULL}}
#define BUREAU(name) {0, "bureau", name, "국장", ORG_G4, MIX_OFFICE, NULL, {NULL}}
#define KWA(name, mix, ...) UNIT(1, "division", name, "과장", ORG_G5, mix, NULL, __VA_ARGS__)
/* clang-format on */

static const struct unit units[] = {
	UNIT(0, "other", "혁신기획단", NULL, ORG_G5, MIX_OFFICE, NULL, NULL),
	UNIT(1, "division", "혁신기획담당관", "담당관", ORG_G5, MIX_OFFICE, innovation_rosters,
	     "혁신기획팀", "혁신지원팀", "균형발전팀"),
	UNIT(0, "division", "감사담당관", "담당관", ORG_G5, MIX_OFFICE, NULL, "감사팀", "조사팀",
	     "고객만족팀", "서비스개선팀"),
	BUREAU("행정관리국"),
	KWA("총무과", MIX_OFFICE, "서무팀", "인사팀", "조직관리팀", "교육훈련팀", "후생복지팀",
	    "기록관리팀"),
	KWA("자치행정과", MIX_OFFICE, "자치행정팀", "동행정지원팀", "주민자치팀", "인재육성팀",
	    "민방위팀"),
	KWA("민원여권과", MIX_OFFICE, "민원팀", "여권팀", "정보공개팀", "호적팀"),
	KWA("문화체육과", MIX_OFFICE, "문화예술팀", "체육진흥팀", "관광진흥팀", "평생학습팀",
	    "문화시설팀"),
	KWA("전산정보과", MIX_OFFICE, "정보화기획팀", "전산운영팀", "정보통신팀", "통계팀",
	    "지리정보팀"),
	BUREAU("기획재정국"),
	KWA("기획예산과", MIX_OFFICE, "기획팀", "예산팀", "성과관리팀", "홍보팀", "법무팀",
	    "주민참여팀"),
	KWA("재무과", MIX_OFFICE, "경리팀", "계약팀", "재산관리팀", "청사관리팀"),
	KWA("세무관리과", MIX_OFFICE, "세무행정팀", "세정지원팀", "세무조사팀", "과세자료팀"),
	KWA("부과과", MIX_OFFICE, "재산세팀", "취득세팀", "등록세팀", "주민세팀", "자동차세팀"),
	KWA("징수과", MIX_OFFICE, "징수팀", "체납관리팀", "체납추적팀", "세외수입팀"),
	BUREAU("주민생활국"),
	KWA("주민생활지원과", MIX_OFFICE, "주민생활기획팀", "통합조사팀", "서비스연계팀",
	    "자원봉사팀"),
	KWA("사회복지과", MIX_OFFICE, "복지정책팀", "기초생활보장팀", "장애인복지팀", "노인복지팀",
	    "복지시설팀"),
	KWA("가정복지과", MIX_OFFICE, "여성정책팀", "보육지원팀", "아동청소년팀", "가정지원팀"),
	KWA("지역경제과", MIX_OFFICE, "지역경제팀", "일자리지원팀", "시장관리팀", "소비자보호팀",
	    "산업지원팀"),
	BUREAU("도시관리국"),
	KWA("도시계획과", MIX_OFFICE, "도시계획팀", "도시개발팀", "재정비촉진팀", "도시디자인팀",
	    "뉴타운사업팀"),
	KWA("주택과", MIX_OFFICE, "주택행정팀", "주택관리팀", "재건축팀", "재개발팀", "공동주택팀"),
	KWA("건축과", MIX_OFFICE, "건축행정팀", "건축허가팀", "건축지도팀", "건축물관리팀",
	    "옥외광고물팀"),
	KWA("지적과", MIX_OFFICE, "지적행정팀", "지적측량팀", "토지관리팀", "부동산정보팀"),
	BUREAU("건설교통국"),
	KWA("건설관리과", MIX_FIELD, "건설행정팀", "도로관리팀", "도로굴착팀", "품질관리팀",
	    "가로환경팀"),
	KWA("치수과", MIX_FIELD, "치수행정팀", "하수관리팀", "빗물관리팀", "하천관리팀"),
	KWA("교통행정과", MIX_OFFICE, "교통행정팀", "교통지도팀", "교통시설팀", "운수팀",
	    "자동차관리팀"),
	KWA("주차관리과", MIX_FIELD, "주차행정팀", "주차시설팀", "주차단속팀", "거주자우선주차팀"),
	BUREAU("환경관리국"),
	KWA("환경과", MIX_OFFICE, "환경정책팀", "대기환경팀", "수질환경팀", "소음진동팀",
	    "환경감시팀"),
	KWA("청소행정과", MIX_FIELD, "청소행정팀", "청소관리팀", "재활용팀", "폐기물관리팀",
	    "가로청소팀"),
	KWA("공원녹지과", MIX_FIELD, "공원관리팀", "녹지조성팀", "가로수팀", "공원시설팀"),
	UNIT(0, "division", "보건소", "보건소장", ORG_G4, MIX_HEALTH, NULL, "보건행정팀",
	     "의약관리팀", "위생팀", "식품안전팀", "건강증진팀", "방문보건팀", "질병예방팀",
	     "진료팀"),
};

#undef KWA
#undef BUREAU
#undef UNIT

static const char *const dongs[] = {
	"영등포본동", "영등포동", "여의동",  "당산1동", "당산2동", "도림동",
	"문래동",     "양평1동",  "양평2동", "신길1동", "신길3동", "신길4동",
	"신길5동",    "신길6동",  "신길7동", "대림1동", "대림2동", "대림3동",
};

/* Surnames with their share per mille, roughly as the 2000 census counts them. */
static const struct surname {
	const char *name; /* one syllable */
	unsigned weight;  /* relative frequency */
} surnames[] = {
	{"김", 216}, {"이", 148}, {"박", 85}, {"최", 47}, {"정", 44}, {"강", 23}, {"조", 21},
	{"윤", 21},  {"장", 20},  {"임", 17}, {"한", 15}, {"오", 15}, {"서", 15}, {"신", 15},
	{"권", 14},  {"황", 14},  {"안", 14}, {"송", 14}, {"류", 13}, {"전", 12}, {"홍", 11},
	{"고", 9},   {"문", 9},	  {"양", 8},  {"손", 8},  {"배", 8},  {"백", 7},  {"허", 6},
	{"유", 6},   {"남", 6},	  {"심", 5},  {"노", 5},  {"하", 5},  {"곽", 4},  {"성", 4},
	{"차", 4},   {"주", 4},	  {"우", 4},  {"구", 4},  {"민", 3},
};

/* Given-name syllables, first and second, for men and for women. */
static const char *const male_first[] = {"민", "성", "영", "정", "상", "재", "동", "준",
					 "현", "진", "승", "종", "병", "광", "용", "기",
					 "태", "형", "창", "경", "대", "명", "희", "석"};
static const char *const male_second[] = {"호", "수", "석", "철", "훈", "우", "민", "진",
					  "현", "식", "규", "환", "준", "욱", "영", "기",
					  "일", "택", "섭", "원", "국", "범"};
static const char *const female_first[] = {"미", "은", "지", "혜", "수", "현", "영", "선",
					   "정", "경", "유", "민", "희", "소", "주", "윤"};
static const char *const female_second[] = {"영", "희", "정", "숙", "경", "진", "주", "아",
					    "연", "미", "선", "은", "혜", "란", "옥", "화"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* splitmix64: small, fast and the same everywhere. */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* 0 .. n-1; n > 0.  The modulo bias is far below what demo data cares about. */
static unsigned rng_below(uint64_t *state, size_t n)
{
	assert(n > 0);
	return (unsigned)(rng_next(state) % n);
}

/* An index into weights[n], drawn in proportion to the weights. */
static unsigned rng_weighted(uint64_t *state, const unsigned *weights, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += weights[i];
	unsigned r = rng_below(state, total);
	unsigned i = 0;
	while (r >= weights[i])
		r -= weights[i++];
	return i;
}

static const char *pick(uint64_t *state, const char *const *list, size_t n)
{
	return list[rng_below(state, n)];
}

/* A Korean name of three syllables, e.g. "김성호", into out (at least 16 bytes). */
static void person_name(uint64_t *state, char *out, size_t len)
{
	unsigned weights[COUNT(surnames)];
	for (size_t i = 0; i < COUNT(surnames); i++)
		weights[i] = surnames[i].weight;
	const char *family = surnames[rng_weighted(state, weights, COUNT(surnames))].name;
	int female = rng_below(state, 10) < 4;
	const char *first, *second;
	do {
		first = female ? pick(state, female_first, COUNT(female_first))
			       : pick(state, male_first, COUNT(male_first));
		second = female ? pick(state, female_second, COUNT(female_second))
				: pick(state, male_second, COUNT(male_second));
	} while (strcmp(first, second) == 0);
	snprintf(out, len, "%s%s%s", family, first, second);
}

/* A department once inserted, as its children need it. */
struct node {
	int64_t id;	     /* departments.id */
	char path[PATH_LEN]; /* departments.path */
};

/* A staff row waiting for the next batch insert. */
struct person {
	int64_t department_id; /* where they work */
	enum org_grade grade;  /* their grade */
	const char *position;  /* a string literal: 국장, 과장, 팀장, 주무관 ... */
	char name[16];	       /* three syllables of three bytes, and the NUL */
};

/* The state of one load. */
struct loader {
	struct seed s;			   /* the load's connection, organisation and message */
	struct db_stmt *department_insert; /* prepared once, bound per department */
	struct db_stmt *staff_insert;	   /* prepared once, BATCH rows per execution */
	struct person pending[BATCH];	   /* rows not yet inserted */
	int npending;			   /* rows in pending */
	int departments;		   /* departments inserted; numbers their codes */
	int staff;			   /* staff rows inserted */
	int64_t top_order;		   /* sort_order of the last top-level department */
	uint64_t rng; /* splitmix64's state, not seed_next's: the same people as ever */
};

static void bind_str(struct db_stmt *s, int idx, const char *v)
{
	db_bind_text(s, idx, v, strlen(v));
}

/* INSERT INTO staff ... VALUES (row), (row) ... with rows rows. */
static struct db_stmt *staff_statement(struct db_conn *c, int rows)
{
	struct buf sql = BUF_INIT;
	buf_puts(&sql, "INSERT INTO staff (org_id, employee_no, name, grade, position, "
		       "department_id, phone, email) VALUES ");
	for (int i = 0; i < rows; i++)
		buf_puts(&sql, i ? ", (?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?)");
	struct db_stmt *s = db_prepare(c, sql.data);
	buf_free(&sql);
	return s;
}

/* Binds person p, the seq-th member of staff (from 1), as row `row` of s. */
static void bind_person(struct loader *l, struct db_stmt *s, int row, const struct person *p,
			int seq)
{
	char no[16], phone[20], email[48];
	snprintf(no, sizeof no, "2007%04d", seq);
	snprintf(phone, sizeof phone, "02-2670-%04d", 3000 + seq);
	snprintf(email, sizeof email, "ydp%s@yeongdeungpo.example", no);
	int base = row * STAFF_COLS;
	db_bind_int(s, base + 1, l->s.org);
	bind_str(s, base + 2, no);
	bind_str(s, base + 3, p->name);
	bind_str(s, base + 4, org_grades[p->grade].value);
	bind_str(s, base + 5, p->position);
	db_bind_int(s, base + 6, p->department_id);
	bind_str(s, base + 7, phone);
	bind_str(s, base + 8, email);
}

/* Inserts the pending rows: with the batch statement when full, else a fitting one. */
static int flush_staff(struct loader *l)
{
	if (l->npending == 0)
		return 0;
	struct db_stmt *s =
		l->npending == BATCH ? l->staff_insert : staff_statement(l->s.c, l->npending);
	if (!s)
		return seed_fail(&l->s, "staff");
	for (int i = 0; i < l->npending; i++)
		bind_person(l, s, i, &l->pending[i], l->staff + i + 1);
	int rc = db_step(s);
	if (s != l->staff_insert)
		db_finalize(s);
	if (rc != DB_OK)
		return seed_fail(&l->s, "staff");
	l->staff += l->npending;
	l->npending = 0;
	return 0;
}

static int add_person(struct loader *l, int64_t department_id, enum org_grade grade,
		      const char *position)
{
	struct person *p = &l->pending[l->npending++];
	p->department_id = department_id;
	p->grade = grade;
	p->position = position;
	person_name(&l->rng, p->name, sizeof p->name);
	return l->npending == BATCH ? flush_staff(l) : 0;
}

/* Members besides the leader, their grades drawn from the mix. */
static int add_members(struct loader *l, int64_t department_id, enum mix mix)
{
	const struct mix_rule *r = &mix_rules[mix];
	unsigned n = r->min_members + rng_below(&l->rng, r->span);
	for (unsigned i = 0; i < n; i++) {
		unsigned g = rng_weighted(&l->rng, r->weights, ORG_GRADES);
		if (add_person(l, department_id, (enum org_grade)g, "주무관") != 0)
			return -1;
	}
	return 0;
}

/* Exactly the members a roster lists. */
static int add_roster(struct loader *l, int64_t department_id, const struct roster *r)
{
	for (int g = 0; g < ORG_GRADES; g++)
		for (unsigned i = 0; i < r->members[g]; i++)
			if (add_person(l, department_id, (enum org_grade)g, "주무관") != 0)
				return -1;
	return 0;
}

/* Inserts a department under parent (NULL: top level) and fills *out. */
static int add_department(struct loader *l, const struct node *parent, const char *name,
			  const char *kind, int64_t sort_order, struct node *out)
{
	char code[16];
	snprintf(code, sizeof code, "D%03d", l->departments + 1);
	int n = parent ? snprintf(out->path, sizeof out->path, "%s%" PRId64 "/", parent->path,
				  parent->id)
		       : snprintf(out->path, sizeof out->path, "/");
	assert(n > 0 && (size_t)n < sizeof out->path);
	struct db_stmt *s = l->department_insert;
	db_bind_int(s, 1, l->s.org);
	if (parent)
		db_bind_int(s, 2, parent->id);
	else
		db_bind_null(s, 2);
	bind_str(s, 3, name);
	bind_str(s, 4, out->path);
	bind_str(s, 5, kind);
	bind_str(s, 6, code);
	db_bind_int(s, 7, sort_order);
	if (db_step(s) != DB_ROW)
		return seed_fail(&l->s, name);
	out->id = db_column_int(s, 0);
	if (db_step(s) != DB_OK)
		return seed_fail(&l->s, name);
	l->departments++;
	return 0;
}

/* A unit's teams, each with its 6급 leader and members. */
static int add_teams(struct loader *l, const struct unit *u, const struct node *division)
{
	for (int i = 0; u->teams[i]; i++) {
		struct node team;
		if (add_department(l, division, u->teams[i], "team", i + 1, &team) != 0 ||
		    add_person(l, team.id, ORG_G6, "팀장") != 0)
			return -1;
		int rc = u->rosters ? add_roster(l, team.id, &u->rosters[i])
				    : add_members(l, team.id, u->mix);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int add_unit(struct loader *l, const struct unit *u, const struct node *parent,
		    int64_t sort_order, struct node *out)
{
	if (add_department(l, parent, u->name, u->kind, sort_order, out) != 0)
		return -1;
	if (u->head && add_person(l, out->id, u->head_grade, u->head) != 0)
		return -1;
	return add_teams(l, u, out);
}

/* The units[] table in order: each level-1 row under the last level-0 row. */
static int add_units(struct loader *l)
{
	struct node top = {0}, node;
	int64_t child_order = 0;
	for (size_t i = 0; i < COUNT(units); i++) {
		const struct unit *u = &units[i];
		int top_level = u->level == 0;
		int64_t order = top_level ? ++l->top_order : ++child_order;
		if (add_unit(l, u, top_level ? NULL : &top, order, &node) != 0)
			return -1;
		if (top_level) {
			top = node;
			child_order = 0;
		}
	}
	return 0;
}

/* The 동 주민센터: 동장, two 팀장 and their members in the 동 itself. */
static int add_dongs(struct loader *l)
{
	for (size_t i = 0; i < COUNT(dongs); i++) {
		struct node dong;
		if (add_department(l, NULL, dongs[i], "dong", ++l->top_order, &dong) != 0 ||
		    add_person(l, dong.id, ORG_G5, "동장") != 0)
			return -1;
		for (int k = 0; k < DONG_LEADERS; k++)
			if (add_person(l, dong.id, ORG_G6, "팀장") != 0)
				return -1;
		if (add_members(l, dong.id, MIX_DONG) != 0)
			return -1;
	}
	return 0;
}

/* Prepares the statements, inserts everything and finalizes them. */
static int load_all(struct loader *l)
{
	l->department_insert =
		db_prepare(l->s.c, "INSERT INTO departments (org_id, parent_id, name, path, kind, "
				   "code, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	l->staff_insert = staff_statement(l->s.c, BATCH);
	int rc = -1;
	if (!l->department_insert || !l->staff_insert)
		seed_fail(&l->s, "prepare");
	else if (add_units(l) == 0 && add_dongs(l) == 0)
		rc = flush_staff(l);
	db_finalize(l->department_insert);
	db_finalize(l->staff_insert);
	return rc;
}

/* The organisation's code into code[len]; -1 if there is no such organisation. */
static int org_code(struct loader *l, char *code, size_t len)
{
	struct db_stmt *s =
		db_preparef(l->s.c, "SELECT code FROM organisations WHERE id = ?", "i", l->s.org);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW)
		snprintf(code, len, "%s", db_column_text(s, 0));
	db_finalize(s);
	if (rc == DB_ERR || rc == DB_BUSY)
		return seed_fail(&l->s, "organisations");
	if (rc != DB_ROW) {
		snprintf(l->s.err, l->s.errlen, "org demo: no organisation %" PRId64, l->s.org);
		return -1;
	}
	return 0;
}

int org_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org_id, char *err,
		  size_t errlen)
{
	struct loader l = {.s = {.c = c,
				 .by = by,
				 .org = org_id,
				 .module = "org",
				 .entity = "organisations",
				 .err = err,
				 .errlen = errlen},
			   .rng = RNG_SEED};
	enum seed_start start = seed_begin(
		&l.s, "SELECT COUNT(*) FROM departments WHERE org_id = ?", NULL, 0, NULL);
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	char code[64] = "";
	int ok = org_code(&l, code, sizeof code) == 0 && load_all(&l) == 0;
	l.s.record = code; /* the entry names the organisation by its code */
	json_t *diff = json_pack("{s[nI]s[nI]}", "departments", (json_int_t)l.departments, "staff",
				 (json_int_t)l.staff);
	int rc = seed_end(&l.s, ok, diff);
	json_decref(diff);
	return rc;
}

/* The subtree's LIKE pattern, path || id || '/%', into out; -1 if not found. */
static int subtree_pattern(struct db_conn *c, int64_t org_id, int64_t department_id, char *out,
			   size_t len)
{
	struct db_stmt *s =
		db_preparef(c, "SELECT path FROM departments WHERE id = ? AND org_id = ?", "ii",
			    department_id, org_id);
	int rc = s ? db_step(s) : DB_ERR;
	int n = -1;
	if (rc == DB_ROW)
		n = snprintf(out, len, "%s%" PRId64 "/%%", db_column_text(s, 0), department_id);
	db_finalize(s);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static enum org_grade grade_of(const char *code)
{
	for (int g = 0; g < ORG_GRADES; g++)
		if (code && strcmp(code, org_grades[g].value) == 0)
			return (enum org_grade)g;
	return ORG_OTHER;
}

int org_headcount(struct db_conn *c, int64_t org_id, int64_t department_id,
		  int64_t counts[ORG_GRADES])
{
	char pattern[PATH_LEN + 24];
	memset(counts, 0, ORG_GRADES * sizeof counts[0]);
	if (subtree_pattern(c, org_id, department_id, pattern, sizeof pattern) != 0)
		return -1;
	struct db_stmt *s = db_preparef(c,
					"SELECT s.grade, COUNT(*) FROM staff s JOIN departments d "
					"ON d.id = s.department_id "
					"WHERE s.org_id = ? AND s.active = 1 AND d.org_id = ? AND "
					"(d.id = ? OR d.path LIKE ?) "
					"GROUP BY s.grade",
					"iiit", org_id, org_id, department_id, pattern);
	int rc = s ? db_step(s) : DB_ERR;
	int64_t total = 0;
	for (; rc == DB_ROW; rc = db_step(s)) {
		int64_t n = db_column_int(s, 1);
		counts[grade_of(db_column_text(s, 0))] += n;
		total += n;
	}
	db_finalize(s);
	return rc == DB_OK && total <= INT32_MAX ? (int)total : -1;
}
