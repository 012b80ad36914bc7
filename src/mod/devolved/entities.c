/*
 * entities.c: the devolved-affairs registry's entities (devolved.h): the
 * management cards, the inspection rounds and the cards' results, with the
 * hooks that keep an affair number unique, revisions done within those
 * needed, and a result unique per card and round, within its round's
 * period, with a note when the card needs work.  Administrators write;
 * all staff read.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "crud/declare.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/devolved/devolved.h"

const struct choice devolved_statuses[] = {
	{"done", "완료", "Done"},
	{"progress", "진행", "In progress"},
	{"abolished", "사무폐지", "Abolished"},
	{NULL, NULL, NULL},
};

const struct choice devolved_results[] = {
	{"ok", "적정", "Adequate"},
	{"fix", "보완 필요", "Needs work"},
	{NULL, NULL, NULL},
};

/* Refuses done when it counts more revisions than needed. */
static void within_needed(const json_t *values, const json_t *row, const char *needed,
			  const char *done, const char *msg, json_t *errors)
{
	if (json_integer_value(crud_value_of(values, row, done)) >
	    json_integer_value(crud_value_of(values, row, needed)))
		crud_refuse(errors, done, msg);
}

static enum err affair_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	within_needed(values, row, "ordinances_needed", "ordinances_done",
		      "정비한 조례가 정비할 조례보다 많습니다.", errors);
	within_needed(values, row, "rules_needed", "rules_done",
		      "정비한 규칙이 정비할 규칙보다 많습니다.", errors);
	const char *no = json_string_value(json_object_get(values, "affair_no"));
	if (!no)
		return ERR_OK;
	int rc;
	int64_t other = db_int(request_db(req), &rc, 0,
			       "SELECT id FROM devolved_affairs WHERE org_id = ? AND affair_no = ? "
			       "AND id <> ?",
			       "iti", req->who.org_id, no, id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (rc == DB_ROW && other) {
		char msg[200];
		snprintf(msg, sizeof msg, "사무번호 %s는 이미 다른 관리카드의 번호입니다.", no);
		crud_refuse(errors, "affair_no", msg);
	}
	return ERR_OK;
}

static const struct field affair_fields[] = {
	{"affair_no", "사무번호", "Affair number", F_TEXT, L | S | O | X | R, 1, 20, NULL, NULL},
	{"name", "사무명", "Affair", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"law", "근거법령", "Law", F_TEXT, S | X, 0, 200, NULL, NULL},
	{"article", "조항", "Article", F_TEXT, X, 0, 100, NULL, NULL},
	{"decided_by", "결정기관", "Decided by", F_TEXT, X, 0, 100, NULL, NULL},
	{"decided_on", "이양 결정일", "Decided on", F_DATE, O | X, 0, 0, NULL, NULL},
	{"ministry", "종전 소관부처", "Ministry before", F_TEXT, L | S | F | X, 0, 100, NULL, NULL},
	{"department_id", "담당부서", "Department", F_REF, L | F | X | R, 0, 0, NULL,
	 "departments"},
	{"officer_id", "담당자", "Officer", F_REF, X, 0, 0, NULL, "staff"},
	{"status", "추진상태", "Status", F_CHOICE, L | F | X | R, 0, 0, devolved_statuses, NULL},
	{"ordinances_needed", "정비할 조례 (건)", "Ordinances to revise", F_INT, X, 0, 100, NULL,
	 NULL},
	{"ordinances_done", "정비한 조례 (건)", "Ordinances revised", F_INT, X, 0, 100, NULL, NULL},
	{"ordinance_numbers", "조례 번호", "Ordinance numbers", F_TEXT, X, 0, 200, NULL, NULL},
	{"rules_needed", "정비할 규칙 (건)", "Rules to revise", F_INT, X, 0, 100, NULL, NULL},
	{"rules_done", "정비한 규칙 (건)", "Rules revised", F_INT, X, 0, 100, NULL, NULL},
	{"rule_numbers", "규칙 번호", "Rule numbers", F_TEXT, X, 0, 200, NULL, NULL},
	{"manual_written", "매뉴얼 작성", "Manual written", F_BOOL, F | X, 0, 0, NULL, NULL},
	{"handover_done", "인계·인수", "Handed over", F_BOOL, F | X, 0, 0, NULL, NULL},
	{"delegation", "사무위임 사항", "Delegation", F_TEXT, X, 0, 200, NULL, NULL},
	{"staff_transferred", "이관 인력 (명)", "Staff transferred", F_INT, X, 0, 1000, NULL, NULL},
	{"budget_transferred", "이관 예산 (원)", "Budget transferred (won)", F_INT, X, 0,
	 1000000000000, NULL, NULL},
	{"note", "비고", "Note", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity devolved_affairs = {
	.name = "devolved-affairs",
	.table = "devolved_affairs",
	.label = "지방이양사무 관리카드",
	.label_en = "Devolved affairs",
	.title_field = "name",
	.default_sort = "affair_no",
	.fields = affair_fields,
	.n_fields = sizeof affair_fields / sizeof affair_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = affair_before,
	.attachments = 1,
	.show_template = "devolved/card",
	.show = devolved_affair_show,
};

static enum err inspection_before(struct request *req, const struct entity *e, int64_t id,
				  const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *from = json_string_value(crud_value_of(values, row, "starts_on")),
		   *to = json_string_value(crud_value_of(values, row, "ends_on"));
	if (from && to && strcmp(to, from) < 0)
		crud_refuse(errors, "ends_on", "점검 기간의 끝이 시작보다 앞섭니다.");
	return ERR_OK;
}

static const struct field inspection_fields[] = {
	{"name", "점검명", "Inspection", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"starts_on", "기간 (부터)", "From", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"ends_on", "기간 (까지)", "To", F_DATE, L | X | R, 0, 0, NULL, NULL},
	{"note", "내용", "Note", F_MEMO, S | X, 0, 4000, NULL, NULL},
};

const struct entity devolved_inspections = {
	.name = "devolved-inspections",
	.table = "devolved_inspections",
	.label = "지방이양사무 일제 점검",
	.label_en = "Devolved-affairs inspections",
	.title_field = "name",
	.default_sort = "-starts_on",
	.fields = inspection_fields,
	.n_fields = sizeof inspection_fields / sizeof inspection_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = inspection_before,
	.attachments = 1,
	.show_template = "devolved/inspection",
	.show = devolved_inspection_show,
};

/* The round's period: checked_on lies within it. */
static enum err check_in_period(struct request *req, int64_t round, const char *on, json_t *errors)
{
	struct db_stmt *s = db_preparef(request_db(req),
					"SELECT starts_on, ends_on FROM devolved_inspections WHERE "
					"id = ? AND org_id = ? AND archived_at IS NULL",
					"ii", round, req->who.org_id);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW && on) {
		const char *from = db_column_text(s, 0), *to = db_column_text(s, 1);
		if (strcmp(on, from) < 0 || strcmp(on, to) > 0) {
			char msg[200];
			snprintf(msg, sizeof msg, "점검일이 점검 기간(%s ~ %s) 밖입니다.", from,
				 to);
			crud_refuse(errors, "checked_on", msg);
		}
	} else if (rc == DB_OK) {
		crud_refuse(errors, "inspection_id", "없는 점검 회차입니다.");
	}
	db_finalize(s);
	return rc == DB_ERR || rc == DB_BUSY ? ERR_DB_UNAVAILABLE : ERR_OK;
}

static enum err check_before(struct request *req, const struct entity *e, int64_t id,
			     const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *result = json_string_value(crud_value_of(values, row, "result")),
		   *note = json_string_value(crud_value_of(values, row, "note"));
	if (result && !strcmp(result, "fix") && (!note || !*note))
		crud_refuse(errors, "note",
			    "보완 필요로 판정하면 무엇을 보완할지 비고에 적어 주십시오.");
	int64_t round = json_integer_value(crud_value_of(values, row, "inspection_id")),
		affair = json_integer_value(crud_value_of(values, row, "affair_id"));
	if (!round || !affair || json_object_size(errors))
		return ERR_OK;
	enum err why = check_in_period(
		req, round, json_string_value(crud_value_of(values, row, "checked_on")), errors);
	if (why || json_object_size(errors))
		return why;
	int rc;
	int64_t other = db_int(request_db(req), &rc, 0,
			       "SELECT id FROM devolved_checks WHERE inspection_id = ? AND "
			       "affair_id = ? AND archived_at IS NULL AND id <> ?",
			       "iii", round, affair, id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (rc == DB_ROW && other)
		crud_refuse(errors, "affair_id",
			    "이 점검 회차에 이 관리카드의 점검 결과가 이미 있습니다. 그 결과를 "
			    "고치십시오.");
	return ERR_OK;
}

static const struct field check_fields[] = {
	{"inspection_id", "점검 회차", "Inspection", F_REF, L | F | X | R, 0, 0, NULL,
	 "devolved-inspections"},
	{"affair_id", "관리카드", "Affair", F_REF, L | F | X | R, 0, 0, NULL, "devolved-affairs"},
	{"result", "점검 결과", "Result", F_CHOICE, L | F | X | R, 0, 0, devolved_results, NULL},
	{"note", "보완 내용·비고", "What to fix", F_MEMO, L | S | X, 0, 2000, NULL, NULL},
	{"checked_by", "점검자", "Checked by", F_REF, L | X, 0, 0, NULL, "staff"},
	{"checked_on", "점검일", "Checked on", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
};

const struct entity devolved_checks = {
	.name = "devolved-checks",
	.table = "devolved_checks",
	.label = "관리카드 점검 결과",
	.label_en = "Inspection results",
	.title_field = "checked_on",
	.default_sort = "-checked_on",
	.fields = check_fields,
	.n_fields = sizeof check_fields / sizeof check_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = check_before,
};
