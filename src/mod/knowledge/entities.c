/*
 * entities.c: the declarations of the knowledge module and their rules:
 * every employee registers knowledge; its author edits it while it is
 * registered or returned (a revision registers it again); administrators
 * keep the map, the experts, the criteria, monitoring rounds and events.
 * Reviews and decisions are not plain forms: see pages.c.
 */
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"

#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"
#include "crud/declare.h" /* last: its one-letter names must not reach the headers above */

const struct choice knowledge_kinds[] = {
	{"work", "업무지식", "Work knowledge"},
	{"idea", "아이디어", "Idea"},
	{"learning", "학습지식", "Learning"},
	{"case", "우수사례", "Good practice"},
	{"manual", "업무매뉴얼", "Manual"},
	{"benchmarking", "벤치마킹", "Benchmarking"},
	{"other", "기타", "Other"},
	{NULL, NULL, NULL},
};

const struct choice knowledge_statuses[] = {
	{"registered", "등록", "Registered"}, {"under_review", "심사 중", "Under review"},
	{"adopted", "채택", "Adopted"},	      {"excellent", "우수지식", "Excellent"},
	{"returned", "반려", "Returned"},     {NULL, NULL, NULL},
};

const struct knowledge_criterion knowledge_default_criteria[4] = {
	{"창의성", 30}, {"효과성", 30}, {"적용범위", 20}, {"완성도", 20}};

static const struct choice grades[] = {
	{"S", "S (최우수)", "S"}, {"A", "A (우수)", "A"}, {"B", "B", "B"},
	{"C", "C", "C"},	  {NULL, NULL, NULL},
};

const struct choice knowledge_proposals[] = {
	{"adopt", "채택", "Adopt"},
	{"excellent", "우수지식", "Excellent"},
	{"return", "반려", "Return"},
	{NULL, NULL, NULL},
};

/* Anyone on the staff registers; the author changes their own item while
 * it waits (registered) or came back (returned); administrators always. */
static int item_permit(struct request *req, const struct entity *e, enum entity_action act,
		       const json_t *row)
{
	if (act == ACT_READ || act == ACT_CREATE || req->who.role == ROLE_ADMIN)
		return 1;
	if (row_int(row, "author_user_id") != req->who.user_id)
		return 0;
	const char *status = row_text(row, "status");
	return act == ACT_ARCHIVE || !strcmp(status, "registered") || !strcmp(status, "returned");
}

/* A new item carries its author, department and date; a returned item,
 * once revised, is registered again. */
static enum err item_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	if (!id) {
		char today[11];
		utc_today(today);
		json_object_set_new(values, "author_user_id", json_integer(req->who.user_id));
		json_object_set_new(values, "author_name", json_string(req->who.name));
		json_object_set_new(values, "registered_on", json_string(today));
		json_object_set_new(values, "status", json_string("registered"));
		if (!json_is_integer(json_object_get(values, "department_id")) &&
		    req->who.department_id)
			json_object_set_new(values, "department_id",
					    json_integer(req->who.department_id));
	} else if (!strcmp(row_text(row, "status"), "returned")) {
		json_object_set_new(values, "status", json_string("registered"));
	}
	return ERR_OK;
}

/* Keeps the search index current; a new item is the knowledge.registered
 * event of its author (mileage). */
static enum err item_after(struct request *req, const struct entity *e, int64_t id,
			   const json_t *before, const json_t *after)
{
	struct db_conn *c = request_db(req);
	if (!before && after)
		return knowledge_registered(c, req->who.org_id, id,
					    row_int(after, "author_user_id"));
	return knowledge_index(c, req->who.org_id, id, after != NULL);
}

enum err knowledge_registered(struct db_conn *c, int64_t org, int64_t id, int64_t author_user_id)
{
	enum err why = knowledge_index(c, org, id, 1);
	if (why != ERR_OK)
		return why;
	struct mileage_event ev = {org,
				   "knowledge.registered",
				   "knowledge-items",
				   id,
				   mileage_staff_of_user(c, org, author_user_id),
				   author_user_id,
				   NULL,
				   NULL};
	return mileage_event(c, &ev);
}

static const struct field item_fields[] = {
	{"title", "제목", "Title", F_TEXT, L | S | O | X | R, 2, 200, NULL, NULL},
	{"field_id", "지식 분야", "Field", F_REF, L | F | X | R, 0, 0, NULL, "knowledge-fields"},
	{"kind", "구분", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, knowledge_kinds, NULL},
	{"department_id", "부서", "Department", F_REF, F | X, 0, 0, NULL, "departments"},
	{"tags", "태그", "Tags", F_TEXT, S | X, 0, 200, NULL, NULL},
	{"summary", "요약", "Summary", F_MEMO, X, 0, 1000, NULL, NULL},
	{"body", "본문 (Markdown)", "Body (Markdown)", F_MEMO, X | R | FL_OWN_SHOW, 1, 50000, NULL,
	 NULL},
	{"author_name", "작성자", "Author", F_TEXT, L | X | RO, 0, 100, NULL, NULL},
	{"author_user_id", "작성자 계정", "Author account", F_INT, RO, 0, 0, NULL, NULL},
	{"registered_on", "등록일", "Registered", F_DATE, L | O | X | RO, 0, 0, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | O | X | RO, 0, 0, knowledge_statuses, NULL},
	{"grade", "등급", "Grade", F_CHOICE, F | X | RO, 0, 0, grades, NULL},
	{"reward", "포상", "Reward", F_TEXT, X | RO, 0, 200, NULL, NULL},
	{"return_reason", "반려 사유", "Why returned", F_MEMO, X | RO, 0, 2000, NULL, NULL},
	{"views", "조회", "Views", F_INT, L | O | X | RO, 0, 0, NULL, NULL},
	{"recommendations", "추천", "Recommendations", F_INT, L | O | X | RO, 0, 0, NULL, NULL},
};

const struct entity knowledge_items = {
	.name = "knowledge-items",
	.table = "knowledge_items",
	.label = "지식",
	.label_en = "Knowledge items",
	.title_field = "title",
	.default_sort = "-registered_on",
	.fields = item_fields,
	.n_fields = sizeof item_fields / sizeof item_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_STAFF,
	.view_count = "views",
	.before_write = item_before,
	.after_write = item_after,
	.permit = item_permit,
	.attachments = 1,
	.show_template = "knowledge/show",
	.show = knowledge_show,
	.actions = knowledge_item_actions,
	.n_actions = KNOWLEDGE_ITEM_ACTIONS,
};

static const struct field field_fields[] = {
	{"name", "분야명", "Name", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"parent_id", "상위 분야", "Parent", F_REF, L | F | X, 0, 0, NULL, "knowledge-fields"},
	{"sort_order", "정렬 순서", "Order", F_INT, O, 0, 100000, NULL, NULL},
	{"description", "설명", "Description", F_MEMO, X, 0, 2000, NULL, NULL},
};

const struct entity knowledge_fields = {
	.name = "knowledge-fields",
	.table = "knowledge_fields",
	.label = "지식 분야",
	.label_en = "Knowledge fields",
	.title_field = "name",
	.default_sort = "sort_order",
	.fields = field_fields,
	.n_fields = sizeof field_fields / sizeof field_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

static const struct field expert_fields[] = {
	{"field_id", "지식 분야", "Field", F_REF, L | F | X | R, 0, 0, NULL, "knowledge-fields"},
	{"user_id", "전문가", "Expert", F_REF, L | F | X | R, 0, 0, NULL, "accounts"},
	{"appointed_on", "위촉일", "Appointed", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
};

const struct entity knowledge_experts = {
	.name = "knowledge-experts",
	.table = "knowledge_experts",
	.label = "지식전문가",
	.label_en = "Knowledge experts",
	.title_field = "appointed_on",
	.default_sort = "appointed_on",
	.fields = expert_fields,
	.n_fields = sizeof expert_fields / sizeof expert_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

static const struct field criterion_fields[] = {
	{"name", "심사 항목", "Criterion", F_TEXT, L | O | X | R, 1, 50, NULL, NULL},
	{"points", "배점", "Points", F_INT, L | X | R, 1, 100, NULL, NULL},
	{"sort_order", "정렬 순서", "Order", F_INT, O, 0, 1000, NULL, NULL},
};

const struct entity knowledge_criteria = {
	.name = "knowledge-criteria",
	.table = "knowledge_criteria",
	.label = "지식 심사 항목",
	.label_en = "Review criteria",
	.title_field = "name",
	.default_sort = "sort_order",
	.fields = criterion_fields,
	.n_fields = sizeof criterion_fields / sizeof criterion_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

static const struct field review_fields[] = {
	{"item_id", "지식", "Item", F_REF, L | F | X | RO, 0, 0, NULL, "knowledge-items"},
	{"expert_name", "심사자", "Expert", F_TEXT, L | X | RO, 0, 100, NULL, NULL},
	{"total", "점수", "Score", F_INT, L | O | X | RO, 0, 1000, NULL, NULL},
	{"proposed", "의견", "Proposal", F_CHOICE, L | F | X | RO, 0, 0, knowledge_proposals, NULL},
	{"scores", "항목별 점수", "Scores", F_TEXT, X | RO, 0, 2000, NULL, NULL},
	{"comment", "심사 의견", "Comment", F_MEMO, X | RO, 0, 4000, NULL, NULL},
};

const struct entity knowledge_reviews = {
	.name = "knowledge-reviews",
	.table = "knowledge_reviews",
	.label = "지식 심사",
	.label_en = "Knowledge reviews",
	.title_field = "expert_name",
	.default_sort = "-id",
	.fields = review_fields,
	.n_fields = sizeof review_fields / sizeof review_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

static const struct field monitoring_fields[] = {
	{"held_on", "점검일", "Date", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"title", "점검 내용", "Title", F_TEXT, L | S | X | R, 1, 200, NULL, NULL},
	{"findings", "결과", "Findings", F_MEMO, X, 0, 8000, NULL, NULL},
};

const struct entity knowledge_monitoring = {
	.name = "knowledge-monitoring",
	.table = "knowledge_monitoring",
	.label = "지식활동 모니터링",
	.label_en = "Knowledge monitoring rounds",
	.title_field = "title",
	.default_sort = "-held_on",
	.fields = monitoring_fields,
	.n_fields = sizeof monitoring_fields / sizeof monitoring_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
};

static void event_validate(struct request *req, const struct entity *e, int64_t id, json_t *values,
			   json_t *errors)
{
	const char *from = json_string_value(json_object_get(values, "starts_on")),
		   *to = json_string_value(json_object_get(values, "ends_on"));
	if (from && to && strcmp(from, to) > 0)
		json_object_set_new(errors, "ends_on",
				    json_string("끝나는 날은 시작하는 날보다 앞설 수 없습니다."));
}

static const struct field event_fields[] = {
	{"title", "이벤트", "Event", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"starts_on", "시작일", "Starts", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"ends_on", "종료일", "Ends", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"description", "내용", "Description", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity knowledge_events = {
	.name = "knowledge-events",
	.table = "knowledge_events",
	.label = "지식관리 활성화 이벤트",
	.label_en = "Knowledge campaigns",
	.title_field = "title",
	.default_sort = "-starts_on",
	.fields = event_fields,
	.n_fields = sizeof event_fields / sizeof event_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.validate = event_validate,
};
