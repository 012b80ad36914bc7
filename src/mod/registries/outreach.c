/*
 * outreach.c: the registries of issue 17 points 6, 7, 8 and 13
 * (registries.h): complaint-system improvements with their quarterly
 * evaluations, the supporters' roster, benchmarking visits and the
 * twice-yearly disclosures, with the workflow steps that are not an edit:
 * an improvement's review, completion and rejection, a benchmarking's
 * publication as knowledge, a disclosure's publication.  Administrators
 * write; staff read; supporters read the roster.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/choice.h"
#include "core/clock.h"
#include "crud/module.h"
#include "crud/declare.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/knowledge/knowledge.h"
#include "mod/registries/registries.h"

const struct choice registries_complaint_sources[] = {
	{"repeated", "반복·다수인 민원", "Repeated or collective complaints"},
	{"chronic", "장기·고질 민원", "Long-standing complaints"},
	{"internal", "내부 제도·관행", "Internal rules and practices"},
	{NULL, NULL, NULL},
};

const struct choice registries_complaint_statuses[] = {
	{"found", "발굴", "Found"},
	{"reviewing", "검토", "Under review"},
	{"done", "개선 완료", "Improved"},
	{"rejected", "불채택", "Not adopted"},
	{NULL, NULL, NULL},
};

const struct choice registries_supporter_kinds[] = {
	{"expert", "외부전문가", "External expert"},
	{"resident", "주민", "Resident"},
	{NULL, NULL, NULL},
};

const struct choice registries_bench_regions[] = {
	{"domestic", "국내", "Domestic"},
	{"overseas", "국외", "Overseas"},
	{NULL, NULL, NULL},
};

const struct choice registries_bench_sectors[] = {
	{"public", "공공", "Public"},
	{"private", "민간", "Private"},
	{NULL, NULL, NULL},
};

const struct choice registries_bench_methods[] = {
	{"visit", "현장 방문", "Site visit"},
	{"site", "사이트 방문", "Website visit"},
	{NULL, NULL, NULL},
};

const struct choice registries_bench_follow_ups[] = {
	{"immediate", "즉시 시행", "Put in place at once"},
	{"agenda", "정책회의 안건", "Policy meeting agenda"},
	{"reviewing", "검토 중", "Under review"},
	{NULL, NULL, NULL},
};

const struct choice registries_bench_statuses[] = {
	{"planned", "계획", "Planned"},
	{"done", "완료", "Done"},
	{NULL, NULL, NULL},
};

const struct choice registries_halves[] = {
	{"h1", "상반기", "First half"},
	{"h2", "하반기", "Second half"},
	{NULL, NULL, NULL},
};

/* ---- complaint-system improvements ---- */

/* A status step from one of the statuses in from (SQL list) to to; a second
 * click finds the row moved on and changes nothing (409). */
static enum err complaint_step(struct action_call *call, const char *from, const char *to,
			       const char *reason)
{
	char today[11], now[24], sql[256];
	utc_today(today);
	utc_now(0, now);
	const char *on = row_text(call->input, "decided_on");
	int closing = strcmp(to, "reviewing") != 0;
	snprintf(sql, sizeof sql,
		 "UPDATE complaint_improvements SET status = ?, decided_on = ?, reason = ?, "
		 "updated_at = ? WHERE id = ? AND org_id = ? AND status IN %s",
		 from);
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed, sql, "ttttii", to,
		   closing ? (*on ? on : today) : NULL, reason, now, call->id,
		   call->req->who.org_id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "이 과제는 이미 다음 단계로 넘어갔습니다.";
		return ERR_CONFLICT;
	}
	call->audit =
		json_pack("{s:[s,s], s:s?, s:s?}", "status", row_text(call->row, "status"), to,
			  "decided_on", closing ? (*on ? on : today) : NULL, "reason", reason);
	return ERR_OK;
}

/* Only an improvement at one of the statuses named may take the step. */
static enum err complaint_at(struct action_call *call, const char *a, const char *b,
			     const char *detail)
{
	const char *st = row_text(call->row, "status");
	if (!strcmp(st, a) || (b && !strcmp(st, b)))
		return ERR_OK;
	call->detail = detail;
	return ERR_CONFLICT;
}

static enum err review_permit(struct action_call *call)
{
	return complaint_at(call, "found", NULL, "발굴 단계의 과제만 검토에 넣을 수 있습니다.");
}

static enum err review_run(struct action_call *call)
{
	return complaint_step(call, "('found')", "reviewing", NULL);
}

static enum err complete_permit(struct action_call *call)
{
	return complaint_at(call, "reviewing", NULL,
			    "검토 중인 과제만 개선 완료로 기록할 수 있습니다.");
}

static enum err complete_run(struct action_call *call)
{
	return complaint_step(call, "('reviewing')", "done", NULL);
}

static enum err reject_permit(struct action_call *call)
{
	return complaint_at(call, "found", "reviewing",
			    "이미 개선을 마쳤거나 불채택한 과제입니다.");
}

static enum err reject_run(struct action_call *call)
{
	return complaint_step(call, "('found', 'reviewing')", "rejected",
			      row_text(call->input, "reason"));
}

static const struct field complete_inputs[] = {
	{"decided_on", "완료일 (비우면 오늘)", "Done on (empty: today)", F_DATE, 0, 0, 0, NULL,
	 NULL},
};

static const struct field reject_inputs[] = {
	{"reason", "불채택 사유", "Why not adopted", F_MEMO, FL_REQUIRED, 2, 2000, NULL, NULL},
	{"decided_on", "결정일 (비우면 오늘)", "Decided on (empty: today)", F_DATE, 0, 0, 0, NULL,
	 NULL},
};

static const struct action complaint_actions[] = {
	{.name = "review",
	 .label = "검토 시작",
	 .allow = ALLOW_ADMIN,
	 .permit = review_permit,
	 .run = review_run,
	 .done = "검토를 시작했습니다."},
	{.name = "complete",
	 .label = "개선 완료 기록",
	 .inputs = complete_inputs,
	 .n_inputs = COUNT_OF(complete_inputs),
	 .allow = ALLOW_ADMIN,
	 .permit = complete_permit,
	 .run = complete_run,
	 .done = "개선 완료로 기록했습니다."},
	{.name = "reject",
	 .label = "불채택",
	 .inputs = reject_inputs,
	 .n_inputs = COUNT_OF(reject_inputs),
	 .allow = ALLOW_ADMIN,
	 .permit = reject_permit,
	 .run = reject_run,
	 .done = "불채택으로 기록했습니다. 사유는 감사 기록에 남았습니다."},
};

/* A new improvement is found; its status moves only by the actions. */
static enum err complaint_before(struct request *req, const struct entity *e, int64_t id,
				 const json_t *row, json_t *values, json_t *errors)
{
	if (values && !id)
		json_object_set_new(values, "status", json_string("found"));
	return ERR_OK;
}

static const struct field complaint_fields[] = {
	{"title", "개선 과제 (문제)", "Problem", F_TEXT, L | S | O | X | R, 2, 200, NULL, NULL},
	{"source", "발굴 대상", "Source", F_CHOICE, L | F | X | R, 0, 0,
	 registries_complaint_sources, NULL},
	{"proposal", "개선 방안", "Proposal", F_MEMO, S | X, 0, 4000, NULL, NULL},
	{"beneficiaries", "혜택 주민 수 (명)", "Residents reached", F_INT, L | O | X, 0, 10000000,
	 NULL, NULL},
	{"department_id", "담당 부서", "Department", F_REF, L | F | X, 0, 0, NULL, "departments"},
	{"found_on", "발굴일", "Found on", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | X | RO, 0, 0, registries_complaint_statuses,
	 NULL},
	{"decided_on", "완료·결정일", "Decided on", F_DATE, L | X | RO, 0, 0, NULL, NULL},
	{"reason", "불채택 사유", "Why not adopted", F_MEMO, X | RO, 0, 2000, NULL, NULL},
	{"meetings", "협의회·모니터단 회의", "Council and monitors' meetings", F_REFS, X, 0, 50,
	 NULL, "meetings"},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity registries_complaints = {
	.name = "complaint-improvements",
	.table = "complaint_improvements",
	.label = "민원제도개선 과제",
	.label_en = "Complaint-system improvements",
	.title_field = "title",
	.default_sort = "-found_on",
	.fields = complaint_fields,
	.n_fields = COUNT_OF(complaint_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = complaint_before,
	.attachments = 1,
	.show_template = "registries/improvement",
	.show = registries_improvement_show,
	.actions = complaint_actions,
	.n_actions = COUNT_OF(complaint_actions),
};

/* One live evaluation a quarter of an improvement. */
static enum err evaluation_before(struct request *req, const struct entity *e, int64_t id,
				  const json_t *row, json_t *values, json_t *errors)
{
	if (!values || json_object_size(errors))
		return ERR_OK;
	int64_t of = json_integer_value(crud_value_of(values, row, "improvement_id")),
		year = json_integer_value(crud_value_of(values, row, "year")),
		quarter = json_integer_value(crud_value_of(values, row, "quarter"));
	int rc;
	int64_t other =
		db_int(request_db(req), &rc, 0,
		       "SELECT COUNT(*) FROM complaint_evaluations WHERE improvement_id = ? "
		       "AND year = ? AND quarter = ? AND archived_at IS NULL AND id <> ?",
		       "iiii", of, year, quarter, id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (other) {
		char msg[160];
		snprintf(msg, sizeof msg, "이 과제의 %lld년 %lld분기 평가가 이미 있습니다.",
			 (long long)year, (long long)quarter);
		crud_refuse(errors, "quarter", msg);
	}
	return ERR_OK;
}

static const struct field evaluation_fields[] = {
	{"improvement_id", "민원제도개선 과제", "Improvement", F_REF, L | F | X | R, 0, 0, NULL,
	 "complaint-improvements"},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"quarter", "분기", "Quarter", F_INT, L | F | O | X | R, 1, 4, NULL, NULL},
	{"score", "평가 점수 (0~100)", "Score (0-100)", F_INT, L | O | X | R, 0, 100, NULL, NULL},
	{"note", "평가 의견", "Note", F_MEMO, L | X, 0, 2000, NULL, NULL},
};

const struct entity registries_evaluations = {
	.name = "complaint-evaluations",
	.table = "complaint_evaluations",
	.label = "민원제도개선 분기별 평가",
	.label_en = "Quarterly evaluations of improvements",
	.title_field = "note",
	.default_sort = "-year",
	.fields = evaluation_fields,
	.n_fields = COUNT_OF(evaluation_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = evaluation_before,
};

/* ---- supporters ---- */

static enum err supporter_before(struct request *req, const struct entity *e, int64_t id,
				 const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *a = json_string_value(crud_value_of(values, row, "term_from")),
		   *b = json_string_value(crud_value_of(values, row, "term_to"));
	if (a && b && *a && *b && strcmp(b, a) < 0)
		crud_refuse(errors, "term_to", "위촉 기간의 끝이 시작보다 앞섭니다.");
	/* the account's advice is the supporter's: only a supporter's account */
	int64_t user = json_integer_value(json_object_get(values, "user_id"));
	if (!user)
		return ERR_OK;
	int rc;
	int64_t theirs = db_int(request_db(req), &rc, 0,
				"SELECT COUNT(*) FROM users WHERE id = ? AND org_id = ? AND role = "
				"'supporter'",
				"ii", user, req->who.org_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (!theirs)
		crud_refuse(errors, "user_id", "서포터즈 역할의 계정만 연결할 수 있습니다.");
	return ERR_OK;
}

static const struct field supporter_fields[] = {
	{"name", "이름", "Name", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, L | F | X | R, 0, 0, registries_supporter_kinds, NULL},
	{"field", "자문 분야", "Field", F_TEXT, L | S | X, 0, 100, NULL, NULL},
	{"affiliation", "소속", "Affiliation", F_TEXT, L | S | X, 0, 200, NULL, NULL},
	{"term_from", "위촉 기간 (부터)", "Term from", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"term_to", "위촉 기간 (까지)", "Term to", F_DATE, L | X | R, 0, 0, NULL, NULL},
	{"user_id", "계정", "Account", F_REF, F | X, 0, 0, NULL, "accounts"},
	{"note", "비고", "Note", F_MEMO, X, 0, 2000, NULL, NULL},
};

const struct entity registries_supporters = {
	.name = "supporters",
	.table = "supporters",
	.label = "행정혁신 서포터즈",
	.label_en = "Innovation supporters",
	.title_field = "name",
	.default_sort = "name",
	.fields = supporter_fields,
	.n_fields = COUNT_OF(supporter_fields),
	.allow_read = ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	.allow_write = ALLOW_ADMIN,
	.before_write = supporter_before,
	.show_template = "registries/supporter",
	.show = registries_supporter_show,
};

/* ---- benchmarking ---- */

static enum err publish_permit(struct action_call *call)
{
	if (row_int(call->row, "knowledge_item_id")) {
		call->detail = "이미 지식으로 게시한 벤치마킹입니다.";
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

/* The knowledge item's text: where it came from, then the findings. */
static char *knowledge_text(const json_t *row, int64_t id, int body)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f)
		return NULL;
	fprintf(f, "%s %s (%s·%s, %s) 결과", row_text(row, "institution"), "벤치마킹",
		row_text(row, "region_label"), row_text(row, "sector_label"),
		row_text(row, "visited_on"));
	if (body) {
		fprintf(f, "\n\n%s\n\n출처: [벤치마킹 기록 %lld](/benchmarkings/%lld)\n",
			*row_text(row, "findings") ? row_text(row, "findings") : "(결과 미기록)",
			(long long)id, (long long)id);
	} else {
		fprintf(f, ". 출처: 벤치마킹 기록 /benchmarkings/%lld", (long long)id);
	}
	fclose(f);
	return out;
}

/* Publishes the findings as a knowledge item of kind 벤치마킹 (registered,
 * in the search index, the author's knowledge.registered event), once. */
static enum err publish_run(struct action_call *call)
{
	struct request *req = call->req;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	json_t *row = json_deep_copy(call->row);
	json_object_set_new(
		row, "region_label",
		json_string(choice_label(registries_bench_regions, row_text(row, "region"))));
	json_object_set_new(
		row, "sector_label",
		json_string(choice_label(registries_bench_sectors, row_text(row, "sector"))));
	char *summary = knowledge_text(row, call->id, 0), *body = knowledge_text(row, call->id, 1);
	char title[256], today[11], now[24];
	snprintf(title, sizeof title, "[벤치마킹] %s", row_text(row, "institution"));
	utc_today(today);
	utc_now(0, now);
	int64_t item = 0;
	enum err why;
	struct db_stmt *s =
		summary && body
			? db_preparef(
				  c,
				  "INSERT INTO knowledge_items (org_id, title, field_id, kind, "
				  "department_id, author_user_id, author_name, tags, summary, "
				  "body, status, registered_on) VALUES (?, ?, ?, 'benchmarking', "
				  "NULLIF(?, 0), ?, ?, '벤치마킹', ?, ?, 'registered', ?) "
				  "RETURNING id",
				  "itiiitttt", org, title, row_int(call->input, "field_id"),
				  req->who.department_id, req->who.user_id, req->who.name, summary,
				  body, today)
			: NULL;
	if (s && db_step(s) == DB_ROW)
		item = db_column_int(s, 0);
	db_finalize(s);
	free(summary);
	free(body);
	json_decref(row);
	if (!item)
		return ERR_DB_UNAVAILABLE;
	int64_t changed = 0;
	if (db_run(c, &changed,
		   "UPDATE benchmarkings SET knowledge_item_id = ?, updated_at = ? WHERE id = ? "
		   "AND "
		   "org_id = ? AND knowledge_item_id IS NULL",
		   "itii", item, now, call->id, org) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "이미 지식으로 게시한 벤치마킹입니다.";
		return ERR_CONFLICT;
	}
	if ((why = knowledge_registered(c, org, item, req->who.user_id)) != ERR_OK)
		return why;
	call->audit = json_pack("{s:[n,I]}", "knowledge_item_id", (json_int_t)item);
	return ERR_OK;
}

static const struct field publish_inputs[] = {
	{"field_id", "지식 분야", "Knowledge field", F_REF, FL_REQUIRED, 0, 0, NULL,
	 "knowledge-fields"},
};

static const struct action bench_actions[] = {
	{.name = "publish",
	 .label = "지식으로 게시",
	 .inputs = publish_inputs,
	 .n_inputs = COUNT_OF(publish_inputs),
	 .allow = ALLOW_ADMIN,
	 .permit = publish_permit,
	 .run = publish_run,
	 .done = "벤치마킹 결과를 지식(벤치마킹)으로 게시했습니다."},
};

static const struct field bench_fields[] = {
	{"institution", "기관", "Institution", F_TEXT, L | S | O | X | R, 2, 200, NULL, NULL},
	{"region", "국내·외", "Domestic or overseas", F_CHOICE, L | F | X | R, 0, 0,
	 registries_bench_regions, NULL},
	{"sector", "공공·민간", "Public or private", F_CHOICE, L | F | X | R, 0, 0,
	 registries_bench_sectors, NULL},
	{"method", "방법", "Method", F_CHOICE, L | F | X | R, 0, 0, registries_bench_methods, NULL},
	{"visited_on", "방문일", "Visited on", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"participants", "참가 직원", "Participants", F_REFS, X, 0, 100, NULL, "staff"},
	{"findings", "벤치마킹 결과", "Findings", F_MEMO, S | X, 0, 8000, NULL, NULL},
	{"follow_up", "활용 방안", "Follow-up", F_CHOICE, L | F | X | R, 0, 0,
	 registries_bench_follow_ups, NULL},
	{"status", "상태", "Status", F_CHOICE, L | F | X | R, 0, 0, registries_bench_statuses,
	 NULL},
	{"knowledge_item_id", "게시한 지식", "Published as", F_REF, X | RO, 0, 0, NULL,
	 "knowledge-items"},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity registries_benchmarkings = {
	.name = "benchmarkings",
	.table = "benchmarkings",
	.label = "혁신 우수기관 벤치마킹",
	.label_en = "Benchmarking visits",
	.title_field = "institution",
	.default_sort = "-visited_on",
	.fields = bench_fields,
	.n_fields = COUNT_OF(bench_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.attachments = 1,
	.actions = bench_actions,
	.n_actions = COUNT_OF(bench_actions),
};

/* ---- disclosures ---- */

static enum err disclose_permit(struct action_call *call)
{
	if (json_is_true(json_object_get(call->row, "published"))) {
		call->detail = "이미 게시한 공시입니다.";
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

/* Marks the disclosure published (the public portal, issue 18, will show
 * the published ones); once. */
static enum err disclose_run(struct action_call *call)
{
	return crud_mark_once(call, "disclosures", "published", "published_on",
			      "이미 게시한 공시입니다.");
}

static const struct field disclose_inputs[] = {
	{"published_on", "게시일 (비우면 오늘)", "Published on (empty: today)", F_DATE, 0, 0, 0,
	 NULL, NULL},
};

static const struct action disclosure_actions[] = {
	{.name = "publish",
	 .label = "공시 게시",
	 .inputs = disclose_inputs,
	 .n_inputs = COUNT_OF(disclose_inputs),
	 .allow = ALLOW_ADMIN,
	 .permit = disclose_permit,
	 .run = disclose_run,
	 .done = "공시를 게시했습니다."},
};

/* The day lies in the half it discloses, or after it. */
static enum err disclosure_before(struct request *req, const struct entity *e, int64_t id,
				  const json_t *row, json_t *values, json_t *errors)
{
	if (!values || json_object_size(errors))
		return ERR_OK;
	int64_t year = json_integer_value(crud_value_of(values, row, "year"));
	const char *half = json_string_value(crud_value_of(values, row, "half")),
		   *on = json_string_value(crud_value_of(values, row, "disclosed_on"));
	if (!half || !on || !*on)
		return ERR_OK;
	char start[11];
	snprintf(start, sizeof start, "%04lld-%s-01", (long long)year,
		 !strcmp(half, "h1") ? "01" : "07");
	if (strcmp(on, start) < 0)
		crud_refuse(errors, "disclosed_on", "공시일이 공시하는 반기보다 앞섭니다.");
	return ERR_OK;
}

static const struct field disclosure_fields[] = {
	{"title", "제목", "Title", F_TEXT, L | S | O | X | R, 2, 200, NULL, NULL},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"half", "반기", "Half", F_CHOICE, L | F | X | R, 0, 0, registries_halves, NULL},
	{"disclosed_on", "공시일", "Disclosed on", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"summary", "요약", "Summary", F_MEMO, S | X, 0, 8000, NULL, NULL},
	{"knowledge", "수록 지식", "Knowledge items", F_REFS, X, 0, 100, NULL, "knowledge-items"},
	{"publications", "수록 간행물", "Publications", F_REFS, X, 0, 100, NULL, "publications"},
	{"recognitions", "수록 수상·선정", "Recognitions", F_REFS, X, 0, 100, NULL, "recognitions"},
	{"benchmarks", "수록 벤치마킹", "Benchmarking visits", F_REFS, X, 0, 100, NULL,
	 "benchmarkings"},
	{"improvements", "수록 민원제도개선", "Complaint-system improvements", F_REFS, X, 0, 100,
	 NULL, "complaint-improvements"},
	{"published", "포털 게시", "Published", F_BOOL, L | F | X | RO, 0, 1, NULL, NULL},
	{"published_on", "게시일", "Published on", F_DATE, L | X | RO, 0, 0, NULL, NULL},
};

const struct entity registries_disclosures = {
	.name = "disclosures",
	.table = "disclosures",
	.label = "혁신활동 추진성과 공시",
	.label_en = "Disclosures of results",
	.title_field = "title",
	.default_sort = "-disclosed_on",
	.fields = disclosure_fields,
	.n_fields = COUNT_OF(disclosure_fields),
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = disclosure_before,
	.attachments = 1,
	.actions = disclosure_actions,
	.n_actions = COUNT_OF(disclosure_actions),
};
