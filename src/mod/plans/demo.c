/*
 * demo.c: the seed's 2007 plan (Ⅲ 2007 업무추진 목표와 방향, Ⅳ 2007
 * 주요업무계획), transcribed as the seed states it (its ․ and ～ kept).
 *
 *  - Ⅲ: the vision 고객과 성과중심의 일류 영등포 구현; the theme 질적 혁신으로의
 *    도약; the goal 혁신고도화 달성 및 주민체감형 혁신성과 창출; the indicator
 *    ‘06년 내재화 단계 → ’07년 고도화 단계 (the page's third box, under
 *    성과지표: the government's innovation stages, 혁신 5단계 of 2006); the
 *    four 중점 추진방향; the statement under 목표.
 *  - Ⅳ: its 17 numbered sections with their purpose and 추진방향, and each
 *    section's 세부 추진계획 (and 구성 및 기능 where it states a cadence) as
 *    items.  Only an item whose line states a cadence has one (월 1회 and
 *    매월 monthly, 분기별 1회 quarterly, 반기별 half, 연 2회 twice, 연 4회
 *    이상 at_least 4, 1월중 / 상반기중 / 3월 / 4～5월 / ’07. 9월 / 7월～9월 /
 *    9～11월 / 10월중 months); the others are 수시 (연중 too).  Ⅳ-1-1's
 *    eighteen tasks are the tasks module's records, not items here.
 *  - The responsible department: the seed names a 총괄부서 only in Ⅳ-1-1's
 *    table, and there 혁신기획단 leads 일하는 방식 개선, 지식관리, 민원행정
 *    개선 and 혁신관리시스템 (Ⅳ-1-2 … Ⅳ-1-5); Ⅳ-2 names none, and the plan
 *    is 혁신기획단's own, so every item is 혁신기획단's.
 *  - The fulfilling records are those the modules before this one loaded.
 *    In 2007 they hold the two W/G meetings of January and February (the
 *    TFT of Ⅳ-1-2 meets as its two W/Gs: tasks/demo.c), the 2007 상반기
 *    우수혁신사례 경진대회 (2007-06-27) and the forum's sessions of January
 *    to March (the 제3기 forum ends 2007-03): 6 occurrences done.  All the
 *    other 81 of the 87 are overdue, for the year is past and no record
 *    of that kind dated then exists (no 2007 monthly report meeting, club
 *    meeting, MVP, working-level council, supporters' meeting, group
 *    activity or evaluation), or the item has no kind of record that could
 *    fulfil it (민원제도개선 분기별 평가, 성과의 공시, the manuals' stages …).
 */
#include <stdio.h>
#include <string.h>

#include "crud/seed.h"
#include "db/db.h"
#include "mod/plans/plans.h"

static const char *const office_name = "혁신기획단";

static const struct {
	const char *kind, *text;
} goals[] = {
	{"theme", "질적 혁신으로의 도약"},
	{"goal", "혁신고도화 달성 및 주민체감형 혁신성과 창출"},
	{"indicator", "‘06년 내재화 단계 → ’07년 고도화 단계"},
	{"direction", "자율․창의적 변화관리 강화"},
	{"direction", "주민참여형 혁신 추진"},
	{"direction", "지속가능한 혁신기반 구축"},
	{"direction", "주민체감형 혁신성과 창출"},
};

static const struct {
	const char *code, *title, *purpose, *directions;
} sections[] = {
	{"Ⅳ-1-1", "지방행정공통 혁신과제",
	 "고객만족과 성과창출 중심으로 지방행정공통혁신 과제별 추진사업을 지속적으로 발굴하여 "
	 "추진하고 중점혁신과제를 선정하여 보다 내실 있는 행정혁신을 추진하여 혁신고도화 달성",
	 "고객만족과 성과창출 중심의 혁신과제 발굴 및 추진\n주민참여 및 현장밀착형 혁신과제 발굴 "
	 "및 추진\n상향식 혁신과제의 발굴 및 추진으로 내실화 도모"},
	{"Ⅳ-1-2", "일 하는 방식 개선",
	 "업무절차를 비롯하여 행태와 문화적인 요인에 대한 개선을 통해 행정 내부의 비효율적이고 "
	 "낭비적인 요소를 줄임으로써 행정의 생산성과 구민 서비스 향상을 도모",
	 NULL},
	{"Ⅳ-1-3", "지식관리",
	 "전 직원이 업무지식 및 학습에 필요한 지식을 등록 및 공유할 수 있도록 참여방안을 강구하고 "
	 "지식활동의 내재화 추진",
	 "업무지식 및 아이디어 중심으로 등록 유도\n지식활동 모니터링 및 지식품질 평가를 통한 "
	 "핵심지식의 확보\n업무에 활용 가능한 핵심지식에 대한 보상 확대"},
	{"Ⅳ-1-4", "민원행정 개선",
	 "주민에게 불편 ․부담을 주는 제도나 행정기관 내부의 불합리한 제도와 관행 등을 발굴 "
	 "개선함으로써 행정의 생산성 및 효율성 향상",
	 "민원처리와 제도개선 연계 강화를 통한 반복 및 다수인 민원 근본적 해결\n행정기관 내부의 "
	 "모든 불합리한 제도․관행의 개선 추진"},
	{"Ⅳ-1-5", "혁신관리시스템 운영",
	 "지방행정 공통혁신 과제를 지속적으로 발굴하여 체계적으로 관리하고 일과 혁신의 융합으로 "
	 "고객만족 등 성과창출에 기여",
	 "혁신과제의 효율적 추진 및 관리를 통한 성과창출\n우수사례 경진대회를 통한 혁신과제 발굴 "
	 "및 실행 유도"},
	{"Ⅳ-2-1", "학습동아리 운영",
	 "자발적인 학습모임을 활성화하여 조직내 연구하는 분위기를 확산하고 일과 학습이 동시에 "
	 "이루어지는 평생학습 체제 구축",
	 "활동 실적이 우수한 학습동아리에 집중하여 단기 성공사례 개발\n부서별 학습활동의 주기적 "
	 "모니터링을 통한 부서 학습동아리 활동 강화"},
	{"Ⅳ-2-2", "혁신역량 강화를 위한 혁신교육 추진",
	 "역량강화를 위하여 직급별․분야별로 맞춤식 교육 프로그램을 체계적으로 개발하고 이수현황을 "
	 "관리함으로써 구성원의 혁신역량 강화",
	 "전직원 혁신마인드 및 역량강화 교육실시\n관리자 및 혁신 주도그룹 변화혁신 교육을 통한 "
	 "혁신 전문능력 배양"},
	{"Ⅳ-2-3", "혁신주도그룹 운영․지원",
	 "혁신주도그룹을 적극 육성하여 혁신과제 및 각종 우수 아이디어를 개발하여 조직의 활력과 "
	 "혁신동력을 지속적으로 확보",
	 "혁신주도 그룹별 자율모임을 통해 혁신 활성화\n활동실적에 따른 인센티브 부여로 성과위주의 "
	 "운영"},
	{"Ⅳ-2-4", "행정혁신 홍보활동",
	 "지속적인 혁신홍보활동으로 행정혁신에 대한 주민의 이해도와 참여도를 높임으로써 주민의 "
	 "혁신 체감지수 제고",
	 "온․오프라인 혁신홍보활동을 통한 주민체감형 혁신 추진 및 혁신인지도 향상\n"
	 "혁신추진활동 및 혁신성과에 대한 공시"},
	{"Ⅳ-2-5", "혁신 우수기관 벤치마킹",
	 "혁신 우수기관 벤치마킹을 통해 우수한 행정혁신사례를 발굴하고 정책개발 아이디어를 "
	 "행정혁신사업에 접목하여 혁신 역량 제고",
	 "벤치마킹을 통해 보다 질 높은 행정혁신 프로그램 개발\n공공 및 민간부문 우수 콘텐츠를 "
	 "종합분석 우리 구 행정혁신 자료 활용"},
	{"Ⅳ-2-6", "동 행정혁신",
	 "주민과 함께하는 혁신을 통하여 동 행정혁신의 수준을 향상시키고 혁신 체감도 제고를 통한 "
	 "고객만족과 성과중심의 혁신 확산",
	 "동 행정혁신의 지원과 교육으로 혁신 확산 및 혁신체감도 증대\n동 행정혁신을 통한 "
	 "고객만족․성과창출의 혁신 실행과 확산"},
	{"Ⅳ-2-7", "팀 업무혁신",
	 "팀 업무 전반에 대한 자기 분석을 실시하여 문제점 도출 및 해결방안을 강구함으로써 업무의 "
	 "효율성 제고",
	 "팀별 미션․비전․목표 설정으로 팀의 경쟁력 강화\n단위업무를 매뉴얼화 하여 업무의 효율적 "
	 "제고"},
	{"Ⅳ-2-8", "행정혁신서포터즈 구성․운영",
	 "현장혁신 경험이 풍부한 외부 전문가 및 민간인을 주축으로 행정혁신 서포터즈를 구성하여 "
	 "혁신활동에 대한 외부 자문기구로 운영",
	 "외부 혁신전문가와 지역발전에 대한 관심도가 높은 주민으로 구성\n혁신활동의 중간 점검 및 "
	 "성과 평가, 혁신모니터링 활동 수행"},
	{"Ⅳ-2-9", "혁신마일리지 운영",
	 "지방행정 및 공직자의 변화혁신을 효과적으로 달성할 수 있도록 구성원의 자발적, 지속적인 "
	 "혁신활동 참여 유도",
	 "전 직원의 혁신참여 및 성과창출형 혁신추진\n혁신에 대한 타당한 평가와 보상을 통한 혁신의 "
	 "환류 및 혁신동력 창출"},
	{"Ⅳ-2-10", "지방이양사무의 체계적 추진",
	 "지방이양 추진 위원회에서 이양 결정한 사무의 체계적․효율적 관리와 새로운 이양사무 발굴을 "
	 "통한 중앙권한의 지방이양으로 실질적인 지방자치 실현 도모",
	 "지방이양사무 발굴을 통한 중앙권한의 지방이양으로 지방자치 실현\n지방이양사무 "
	 "체계적․효율적 관리로 지방분권 실현"},
	{"Ⅳ-2-11", "행정혁신 우수기관․부서 평가",
	 "행정혁신의 효율적 운영 및 혁신성과 창출을 위한 행정혁신 평가를 실시하여 행정혁신의 질적 "
	 "향상을 도모하고 성과중심의 행정혁신을 확산",
	 "행정혁신 평가 및 평가결과 환류로 행정혁신 수준 제고"},
	{"Ⅳ-2-12", "행정혁신 포럼 및 대회참가",
	 "혁신역량 강화를 위한 포럼 및 혁신관련 각종대회에 참가하여 지방자치 경영활동 및 혁신을 "
	 "활성화함으로써 행정의 생산성 향상 도모",
	 "구정혁신을 위한 혁신포럼 등 참가 혁신인식의 확산 및 혁신역량강화\n우수혁신과제 개발 및 "
	 "벤치마킹 등을 통한 자치행정역량 제고"},
};
#define SECTIONS (sizeof sections / sizeof sections[0])

/* An item: its section (index into sections), its line, its cadence. */
struct item {
	size_t section;
	const char *text;
	const char *cadence; /* NULL: none (수시) */
	int64_t times;	     /* at_least */
	int64_t from, to;    /* months */
	const char *source;  /* NULL: none */
	const char *kind;    /* the source's kind, or NULL */
	const char *note;
};

#define MONTHLY(sec, text, src, kind, note)                                                        \
	{                                                                                          \
		sec, text, "monthly", 0, 0, 0, src, kind, note                                     \
	}
#define QUARTERLY(sec, text, src, kind)                                                            \
	{                                                                                          \
		sec, text, "quarterly", 0, 0, 0, src, kind, NULL                                   \
	}
#define MONTHS(sec, text, a, b, src, kind)                                                         \
	{                                                                                          \
		sec, text, "months", 0, a, b, src, kind, NULL                                      \
	}
#define NONE(sec, text)                                                                            \
	{                                                                                          \
		sec, text, NULL, 0, 0, 0, NULL, NULL, NULL                                         \
	}

static const struct item items[] = {
	MONTHLY(1, "혁신과제 실행팀(TFT) 회의 개최 : 월 1회", "meeting", "wg",
		"구성 및 기능: 업무프로세스 개선 W/G(10명), 불필요한 일 버리기 W/G(9명). "
		"실행팀은 두 W/G의 회의로 모인다."),
	NONE(1, "불필요한 일 버리기의 전략적 추진"),
	NONE(1, "업무프로세스 개선 교육실시, 우수과제 활용 및 정보공유"),
	NONE(1, "유연하고 탄력적인 조직문화 조성(의식, 관행, 행태 개선 및 학습문화)"),
	NONE(2, "지식의 관리 및 활용체계 확립, 핵심지식 D/B구축"),
	NONE(2, "지식활동 모니터링  및 지식관리활성화 이벤트 실시"),
	NONE(2, "지식관리 홍보 및 교육 실시"),
	NONE(2, "우수 성과물 등록 유도로 우수사례 창출 실현"),
	NONE(3, "대     상 : 단속→마찰→부조리의 악순환, 장기․고질 민원의 불합리한 제도 등"),
	NONE(3, "선정기준 : 제도개선 파급효과가 다수주민에게 혜택이 가는 과제 등"),
	NONE(3, "민원제도개선협의회 및 민원제도개선 과제발굴 모니터단 운영 내실화"),
	QUARTERLY(3, "민원제도개선 과제 발굴 및 분기별 평가 실시", NULL, NULL),
	MONTHLY(4, "혁신과제 발굴 및 추진 보고회 개최 : 매월", "meeting", "monthly_report", NULL),
	{4, "우수혁신사례 경진대회 개최 : 연 2회", "twice", 0, 0, 0, "contest", "practice", NULL},
	NONE(4, "혁신포탈 시스템 등을 활용한 혁신공유․확산활동 전개"),
	NONE(5, "학습동아리 현황 : 41개 369명(일반13개137명, 부서28개232명)"),
	NONE(5, "동아리 학습활동 지원 : 민간우수학습기업 탐방, 워크샵 및 교육지원등"),
	{5, "우수 학습동아리 포상 : 반기별 사례발표 대회 개최 및 성과물 제출", "half", 0, 0, 0,
	 "contest", "club", NULL},
	NONE(5, "학습동아리 활동 사례집 발간(200부)"),
	MONTHLY(5, "학습활동 모니터링(매월)", "club_meeting", NULL,
		"모니터링은 그 달 동아리 모임의 기록으로 한다 (학습활동 모니터링 화면)."),
	NONE(6, "혁신 포스터를 이용한 온라인 교육 : 리더십, 변화관리, 고객만족 등"),
	NONE(6, "맞춤형 사이버 혁신 전문과정 촉진"),
	NONE(6, "혁신 전문가 초청 교육 : 혁신역량강화 및 과제 및 실행, 민간혁신 우수사례"),
	NONE(6, "혁신 주도그룹 교육"),
	MONTHS(7, "혁신주도그룹 구성 강화 : 1월중", 1, 1, NULL, NULL),
	MONTHS(7, "외부 전문교육기관에 위탁교육 실시(1박 2일) : 상반기중", 1, 6, "group_activity",
	       "commission"),
	{7, "주기적인 혁신주도그룹 세미나, 워크숍 개최 : 연 4회 이상", "at_least", 4, 0, 0,
	 "group_activity", "seminar", NULL},
	NONE(7, "온․오프라인(ON/OFF-LINE )을 통한 활동 강화 : 연중"),
	NONE(8, "오프라인 홍보물 제작 : 혁신브로슈어․포스터․스티커, 홍보동영상 등"),
	NONE(8, "혁신포탈사이트 혁신랜드(Inno-Land)의 체계적인 운영"),
	NONE(8, "통합메시지서비스(UMS)를 활용한 각종 설문조사 및 주민의견 수렴"),
	{8, "혁신활동 추진 성과의 공시 : 연 2회", "twice", 0, 0, 0, NULL, NULL, NULL},
	NONE(9, "대    상 : 국내․외 혁신관련 우수기관(민간․공공기관)"),
	NONE(9, "방    법 : 국내․외 혁신 우수기관 현장 방문 및 우수기관 사이트 방문"),
	NONE(9, "활용방안 : 자체실행 가능한 경우 즉각 시행하고 검토가 필요한 과제에 대해서는 "
		"정책회의 안건으로 상정"),
	NONE(9, "벤치마킹 사례집 발간 및 D/B 구축"),
	NONE(9, "지식관리시스템 등 이용 전 부서에 전파함으로 공유 활성화"),
	NONE(10, "동 행정혁신 추진 및 지원 조직 운영"),
	QUARTERLY(10, "동 행정혁신 실무협의회 운영 : 분기별 1회", "meeting", "working_level"),
	NONE(10, "동 행정 중점혁신과제 발굴 추진 : 필수과제(1), 선택과제(1)"),
	NONE(10, "동 혁신 활성화 교육 실시 : e-learning 교육, 맞춤형 혁신교육"),
	NONE(11, "팀 업무혁신 meeting 실시 : 임무, 비전, 목표설정, 추진방향 등"),
	MONTHS(11, "1단계(3월) : 팀별 기본업무매뉴얼 작성(재정비)", 3, 3, NULL, NULL),
	MONTHS(11, "2단계(4～5월) : 담당별 단위사무 매뉴얼 작성", 4, 5, NULL, NULL),
	NONE(11, "업무 혁신을 위한 학습토론 실시 : 문제점 발굴 및 개선"),
	NONE(11, "팀별 혁신과제 발굴 ․ 추진의 활성화 : 1팀 1혁신과제 발굴 추진"),
	NONE(12, "행정혁신 서포터즈 구성 : 외부전문가 및 주민 등 15인 내외"),
	QUARTERLY(12, "운영방법 : 분기별 1회 정기회의 및 필요시 수시 임시회의", "meeting",
		  "supporters"),
	NONE(12, "정기․임시회의시 혁신활동 사안별 자문 수행 등"),
	NONE(12, "전 직원 혁신역량 강화 : 혁신사랑(혁신소식지) 발간 공유"),
	NONE(13, "혁신 마일리지 부여"),
	MONTHLY(13, "혁신 마일리지 우수자에 대한 보상 : 월별․연말 혁신MVP 선발,시상", "mvp", NULL,
		"월별 선발만 주기로 본다; 연말 선발은 연간 MVP로 기록된다."),
	NONE(14, "지방이양 결정사무 관리 : 관리카드작성, 개별 조례․규칙 등 정비, 이양사무 매뉴얼 "
		 "작성 및 인계․인수 확행, 사무위임 사항 등"),
	MONTHS(14, "지방이양 결정사무 일제 점검 실시 : ’07. 9월", 9, 9, NULL, NULL),
	MONTHS(15, "동 행정 혁신평가 실시 : 9~11월", 9, 11, "evaluation", "dongs"),
	MONTHS(15, "구 행정 혁신평가(보건소포함)실시 : 10월중", 10, 10, "evaluation",
	       "departments"),
	MONTHLY(16, "지역정책연구 포럼 : 월 1회", "forum_session", NULL,
		"내용: 정책강연, 우수사례 발표, 토론회"),
	MONTHS(16, "지방자치경영대상 : 7월~9월", 7, 9, NULL, NULL),
	NONE(16, "행자부 각종 자치단체 우수사례 경진대회 참가"),
};

static int64_t load_plan(struct seed *s)
{
	return seed_insert(
		s, "plan",
		db_preparef(s->c,
			    "INSERT INTO plans (org_id, year, title, vision, summary, note) VALUES "
			    "(?, ?, ?, ?, ?, ?) RETURNING id",
			    "iitttt", s->org, (int64_t)2007, "2007 행정혁신 업무추진계획",
			    "고객과 성과중심의 일류 영등포 구현",
			    "자율과 창의에 바탕을 둔 혁신수준의 질적 도약으로 혁신 고도화를 "
			    "이루고 주민체감형 혁신이 정착되는데 주력",
			    "Ⅲ 2007 업무추진 목표와 방향, Ⅳ 2007 주요업무계획"));
}

static int load_goals(struct seed *s, int64_t plan)
{
	for (size_t i = 0; i < sizeof goals / sizeof goals[0]; i++)
		if (!seed_insert(
			    s, "goal",
			    db_preparef(s->c,
					"INSERT INTO plan_goals (org_id, plan_id, kind, position, "
					"text) VALUES (?, ?, ?, ?, ?) RETURNING id",
					"iitit", s->org, plan, goals[i].kind, (int64_t)(i + 1),
					goals[i].text)))
			return -1;
	return 0;
}

static int load_sections(struct seed *s, int64_t plan, int64_t id[SECTIONS])
{
	for (size_t i = 0; i < SECTIONS; i++)
		if (!(id[i] = seed_insert(
			      s, "section",
			      db_preparef(s->c,
					  "INSERT INTO plan_sections (org_id, plan_id, code, "
					  "position, title, purpose, directions) VALUES (?, ?, ?, "
					  "?, ?, ?, ?) RETURNING id",
					  "iititt"
					  "t",
					  s->org, plan, sections[i].code, (int64_t)(i + 1),
					  sections[i].title, sections[i].purpose,
					  sections[i].directions))))
			return -1;
	return 0;
}

static int load_items(struct seed *s, int64_t plan, const int64_t section[SECTIONS], int64_t office)
{
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		const struct item *it = &items[i];
		if (!seed_insert(
			    s, "item",
			    db_preparef(
				    s->c,
				    "INSERT INTO plan_items (org_id, plan_id, section_id, "
				    "position, text, department_id, cadence, times, month_from, "
				    "month_to, source, source_kind, note) VALUES (?, ?, ?, ?, ?, "
				    "?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?) "
				    "RETURNING id",
				    "iiiitit"
				    "iiittt",
				    s->org, plan, section[it->section], (int64_t)(i + 1), it->text,
				    office, it->cadence ? it->cadence : "none", it->times, it->from,
				    it->to, it->source ? it->source : "none", it->kind, it->note)))
			return -1;
	}
	return 0;
}

int plans_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		    size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "plans",
			 .err = err,
			 .errlen = errlen,
			 .rng = 2007};
	enum seed_start start = seed_begin(
		&s, "SELECT COUNT(*) FROM plans WHERE org_id = ?",
		"SELECT COUNT(*) FROM departments WHERE org_id = ? AND name = '혁신기획단'", 1,
		"혁신기획단 부서가 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	int rc;
	int64_t office = db_int(c, &rc, 0,
				"SELECT id FROM departments WHERE org_id = ? AND name = ? ORDER BY "
				"id LIMIT 1",
				"it", org, office_name);
	int64_t plan = rc == DB_ROW ? load_plan(&s) : 0;
	int64_t section[SECTIONS];
	int ok = plan && !load_goals(&s, plan) && !load_sections(&s, plan, section) &&
		 !load_items(&s, plan, section, office);
	if (rc != DB_ROW)
		seed_fail(&s, office_name);
	return seed_end(&s, ok, NULL);
}
