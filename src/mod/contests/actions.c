/*
 * actions.c: what people do to contests besides editing them, declared as
 * actions (crud/entity.h): a judge's score sheet and recusal on an entry;
 * the administrator's closing (which freezes the results), reopening
 * (with a reason) and confirmation of the awards (which emits the
 * entrants' and winners' events).  The engine reads the row, converts the
 * inputs and runs these in one transaction with the audit entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/arena.h"
#include "core/jmem.h"
#include "core/xalloc.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/contests/contests.h"
#include "mod/mileage/mileage.h"
#include "mod/scoring/scoring.h"

/* ---- a judge's sheet ---- */

/* Who the sheet is of: the signed-in judge, or for an administrator the
 * judge chosen (an outside judge's paper sheet entered by the office). */
static int64_t sheet_judge(struct action_call *call)
{
	int64_t contest = row_int(call->row, "contest_id");
	int64_t chosen = json_integer_value(json_object_get(call->input, "judge_id"));
	if (call->req->who.role == ROLE_ADMIN && chosen)
		return db_int(request_db(call->req), NULL, 0,
			      "SELECT id FROM contest_judges WHERE id = ? AND contest_id = ? AND "
			      "archived_at IS NULL",
			      "ii", chosen, contest);
	return contests_judge_of(call->req, contest);
}

static enum err score_permit(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	int64_t contest = row_int(call->row, "contest_id");
	int open = contests_open(c, call->req->who.org_id, contest);
	if (open < 0)
		return ERR_DB_UNAVAILABLE;
	if (!open) {
		call->detail = "심사가 마감된 경진대회입니다. 심사표를 내거나 고칠 수 없습니다.";
		return ERR_CONFLICT;
	}
	if (call->req->who.role == ROLE_ADMIN)
		return ERR_OK; /* the judge is chosen in the input, checked in run */
	int64_t judge = contests_judge_of(call->req, contest);
	if (!judge) {
		call->detail = "이 경진대회의 심사위원만 심사표를 낼 수 있습니다.";
		return ERR_FORBIDDEN;
	}
	char why[400], reason[300];
	int x = contests_conflict(c, judge, call->id, reason);
	if (x < 0)
		return ERR_DB_UNAVAILABLE;
	if (x) {
		snprintf(why, sizeof why, "이 출품작은 심사할 수 없습니다 (%s).", reason);
		call->detail = arena_strdup(&call->req->arena, why);
		return ERR_FORBIDDEN;
	}
	return ERR_OK;
}

static enum err score_run(struct action_call *call)
{
	struct request *req = call->req;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, contest = row_int(call->row, "contest_id");
	int open = contests_open(c, org, contest); /* again, in the transaction */
	if (open <= 0) {
		call->detail = "심사가 마감된 경진대회입니다. 심사표를 내거나 고칠 수 없습니다.";
		return open < 0 ? ERR_DB_UNAVAILABLE : ERR_CONFLICT;
	}
	int64_t judge = sheet_judge(call);
	if (!judge) {
		json_object_set_new(call->errors, "judge_id",
				    json_string("이 경진대회의 심사위원을 고르세요."));
		return ERR_INVALID;
	}
	char reason[300];
	int x = contests_conflict(c, judge, call->id, reason);
	if (x) {
		char msg[400];
		snprintf(msg, sizeof msg, "이 심사위원은 이 출품작을 심사할 수 없습니다 (%s).",
			 reason);
		call->detail = arena_strdup(&req->arena, msg);
		return x < 0 ? ERR_DB_UNAVAILABLE : ERR_CONFLICT;
	}
	int64_t total = 0;
	char *scores = contests_sheet(c, org, contest, call->input, call->errors, &total);
	if (!scores)
		return json_object_size(call->errors) ? ERR_INVALID : ERR_DB_UNAVAILABLE;
	int rc;
	int64_t version = db_int(c, &rc, 0,
				 "SELECT COALESCE(MAX(version), 0) FROM contest_scores WHERE "
				 "entry_id = ? AND judge_id = ?",
				 "ii", call->id, judge);
	const char *why = row_text(call->input, "reason"),
		   *comment = row_text(call->input, "comment");
	if (rc == DB_ERR) {
		jmem_free(scores);
		return ERR_DB_UNAVAILABLE;
	}
	if (version && !*why) {
		jmem_free(scores);
		json_object_set_new(
			call->errors, "reason",
			json_string("이미 낸 심사표를 고치려면 정정 사유를 적으세요. 고친 "
				    "심사표는 새 판으로 남고, 앞의 판도 함께 보입니다."));
		return ERR_INVALID;
	}
	int ok = db_run(c, NULL,
			"INSERT INTO contest_scores (org_id, contest_id, entry_id, judge_id, "
			"version, "
			"scores, total, reason, comment) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, "
			"''), "
			"NULLIF(?, ''))",
			"iiiiitits", org, contest, call->id, judge, version + 1, scores, total, why,
			comment) == DB_OK;
	call->audit = json_pack("{s:I, s:I, s:I, s:s, s:I, s:s}", "entry", (json_int_t)call->id,
				"judge", (json_int_t)judge, "version", (json_int_t)(version + 1),
				"scores", scores, "total", (json_int_t)total, "reason", why);
	jmem_free(scores);
	return ok ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* ---- a judge's recusal (회피) ---- */

static enum err recuse_permit(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	int64_t contest = row_int(call->row, "contest_id");
	int64_t judge = sheet_judge(call);
	if (call->req->who.role == ROLE_ADMIN && !judge)
		return ERR_OK; /* the judge is chosen in the input, checked in run */
	if (!judge) {
		call->detail = "이 경진대회의 심사위원만 회피를 신청할 수 있습니다.";
		return ERR_FORBIDDEN;
	}
	char reason[300];
	int x = contests_conflict(c, judge, call->id, reason),
	    scored = db_any(
		    c, "SELECT COUNT(*) FROM contest_scores WHERE entry_id = ? AND judge_id = ?",
		    "ii", call->id, judge),
	    open = contests_open(c, call->req->who.org_id, contest);
	if (x < 0 || scored < 0 || open < 0)
		return ERR_DB_UNAVAILABLE;
	if (!open || x || scored) {
		call->detail =
			!open ? "심사가 마감된 경진대회입니다."
			: x   ? "이미 제척되었거나 회피한 출품작입니다."
			    : "이미 심사표를 낸 출품작입니다. 회피하려면 관리자에게 알리십시오.";
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

static enum err recuse_run(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	int64_t org = call->req->who.org_id;
	int64_t judge = sheet_judge(call), changed = 0;
	if (!judge) {
		json_object_set_new(call->errors, "judge_id",
				    json_string("회피하는 심사위원을 고르세요."));
		return ERR_INVALID;
	}
	char why[300];
	int x = contests_conflict(c, judge, call->id, why);
	int scored =
		db_any(c, "SELECT COUNT(*) FROM contest_scores WHERE entry_id = ? AND judge_id = ?",
		       "ii", call->id, judge);
	if (x < 0 || scored < 0)
		return ERR_DB_UNAVAILABLE;
	if (x || scored) {
		call->detail =
			x ? "이미 제척되었거나 회피한 출품작입니다."
			  : "이미 심사표를 낸 출품작입니다. 회피하려면 관리자에게 알리십시오.";
		return ERR_CONFLICT;
	}
	if (db_run(c, &changed,
		   "INSERT INTO contest_recusals (org_id, judge_id, entry_id, reason) SELECT ?, ?, "
		   "?, ? WHERE NOT EXISTS (SELECT 1 FROM contest_recusals WHERE judge_id = ? AND "
		   "entry_id = ?)",
		   "iiitii", org, judge, call->id, row_text(call->input, "reason"), judge,
		   call->id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "이미 회피한 출품작입니다.";
		return ERR_CONFLICT;
	}
	return ERR_OK;
}

static const struct field score_inputs[] = {
	{"judge_id", "심사위원 (관리자가 대신 입력할 때)", "Judge (entered by the office)", F_REF,
	 0, 0, 0, NULL, "contest-judges"},
	{"score_*", "항목별 점수", "Scores", F_HALF, 0, 0, 200, NULL, NULL},
	{"reason", "정정 사유 (고칠 때)", "Reason for a correction", F_TEXT, 0, 0, 500, NULL, NULL},
	{"comment", "심사 의견", "Comment", F_MEMO, 0, 0, 2000, NULL, NULL},
};

static const struct field recuse_inputs[] = {
	{"judge_id", "심사위원 (관리자가 대신 기록할 때)", "Judge (recorded by the office)", F_REF,
	 0, 0, 0, NULL, "contest-judges"},
	{"reason", "회피 사유", "Reason", F_TEXT, FL_REQUIRED, 1, 500, NULL, NULL},
};

const struct action contests_entry_actions[2] = {
	{.name = "score",
	 .label = "심사표 제출",
	 .inputs = score_inputs,
	 .n_inputs = COUNT_OF(score_inputs),
	 .allow = ALLOW_STAFF,
	 .permit = score_permit,
	 .run = score_run,
	 .done = "심사표를 제출했습니다. 제출한 심사표는 고칠 수 없고, 고치면 새 판으로 남습니다."},
	{.name = "recuse",
	 .label = "심사 회피 신청",
	 .inputs = recuse_inputs,
	 .n_inputs = COUNT_OF(recuse_inputs),
	 .allow = ALLOW_STAFF,
	 .permit = recuse_permit,
	 .run = recuse_run,
	 .done = "회피를 기록했습니다. 이 출품작은 심사하지 않습니다."},
};

/* ---- closing, reopening, confirming ---- */

static enum err close_permit(struct action_call *call)
{
	if (!strcmp(row_text(call->row, "status"), "open"))
		return ERR_OK;
	call->detail = "이미 심사가 마감된 경진대회입니다.";
	return ERR_CONFLICT;
}

static enum err close_run(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	int64_t changed = 0;
	if (db_run(c, &changed,
		   "UPDATE contests SET status = 'closed' WHERE id = ? AND "
		   "status = 'open'",
		   "i", call->id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed)
		return close_permit(call) == ERR_OK ? ERR_DB_UNAVAILABLE : ERR_CONFLICT;
	int version = 0;
	/* frozen from the sheets as they are now; the status is set first, so no
	 * sheet can come in between (a judge's run reads it in its transaction) */
	enum err why = contests_freeze(c, call->req->who.org_id, call->id, &version);
	call->audit = json_pack("{s:i}", "results_version", version);
	return why;
}

static enum err reopen_permit(struct action_call *call)
{
	const char *status = row_text(call->row, "status");
	if (!strcmp(status, "closed"))
		return ERR_OK;
	call->detail = !strcmp(status, "confirmed")
			       ? "수상이 확정된 경진대회는 다시 열 수 없습니다."
			       : "심사가 마감된 경진대회만 다시 열 수 있습니다.";
	return ERR_CONFLICT;
}

static enum err reopen_run(struct action_call *call)
{
	int64_t changed = 0;
	if (db_run(request_db(call->req), &changed,
		   "UPDATE contests SET status = 'open' WHERE id = ? AND "
		   "status = 'closed'",
		   "i", call->id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "심사가 마감된 경진대회만 다시 열 수 있습니다.";
		return ERR_CONFLICT;
	}
	call->audit = json_pack("{s:s}", "reason", row_text(call->input, "reason"));
	return ERR_OK;
}

static enum err confirm_permit(struct action_call *call)
{
	if (!strcmp(row_text(call->row, "status"), "closed"))
		return ERR_OK;
	call->detail = !strcmp(row_text(call->row, "status"), "confirmed")
			       ? "이미 수상이 확정된 경진대회입니다."
			       : "심사를 마감한 뒤에 수상을 확정할 수 있습니다.";
	return ERR_CONFLICT;
}

/* The people an entry's events concern: its entrant, a team's members, a
 * club's 회장; a department's entry its representative, if any. */
#define ENTRANTS                                                                                   \
	"SELECT e.staff_id FROM contest_entries e WHERE e.id = ? AND e.staff_id IS NOT NULL "      \
	"UNION SELECT l.ref_id FROM record_links l JOIN contest_entries e ON e.id = "              \
	"l.record_id WHERE l.entity = 'contest-entries' AND l.field = 'members' AND "              \
	"l.record_id = ? AND e.entrant_kind = 'team' UNION SELECT k.leader_id FROM "               \
	"contest_entries e JOIN clubs k ON k.id = e.club_id WHERE e.id = ? AND e.entrant_kind = "  \
	"'club' AND e.staff_id IS NULL AND k.leader_id IS NOT NULL"

enum err contests_confirm(struct db_conn *c, int64_t org, int64_t contest, const char *on,
			  int64_t *entered, int64_t *awarded)
{
	*entered = *awarded = 0;
	struct db_stmt *s = db_preparef(
		c,
		"SELECT /* bounded: one contest's entries */ r.entry_id, r.tier, r.rank FROM "
		"contest_results r WHERE r.contest_id = ? AND r.org_id = ? AND r.version = (SELECT "
		"MAX(version) FROM contest_results WHERE contest_id = ?) ORDER BY r.entry_id",
		"iii", contest, org, contest);
	int64_t(*rows)[3] = NULL;
	size_t n = 0;
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		rows = xrealloc(rows, (n + 1) * sizeof *rows);
		rows[n][0] = db_column_int(s, 0);
		rows[n][1] = db_column_int(s, 1);
		rows[n][2] = db_column_int(s, 2);
		n++;
	}
	db_finalize(s);
	enum err why = rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_OK;
	for (size_t i = 0; !why && i < n; i++) {
		int64_t people[64];
		size_t np = 0;
		struct db_stmt *q =
			db_preparef(c, ENTRANTS, "iii", rows[i][0], rows[i][0], rows[i][0]);
		int qrc = DB_ERR;
		while (q && np < 64 && (qrc = db_step(q)) == DB_ROW)
			people[np++] = db_column_int(q, 0);
		db_finalize(q);
		if (qrc == DB_ERR)
			why = ERR_DB_UNAVAILABLE;
		char payload[160];
		snprintf(payload, sizeof payload,
			 "{\"contest_id\": %lld, \"tier\": %lld, \"tier_label\": \"%s\", "
			 "\"rank\": %lld}",
			 (long long)contest, (long long)rows[i][1],
			 scoring_tier_label((int)rows[i][1]), (long long)rows[i][2]);
		for (size_t p = 0; !why && p < np; p++) {
			struct mileage_event ev = {.org = org,
						   .kind = "contest.entered",
						   .entity = "contest-entries",
						   .record = rows[i][0],
						   .staff = people[p],
						   .on = on && *on ? on : NULL,
						   .payload = payload};
			why = mileage_event(c, &ev);
			++*entered;
			if (!why && rows[i][1] > 0) {
				ev.kind = "contest.awarded";
				why = mileage_event(c, &ev);
				++*awarded;
			}
		}
	}
	free(rows);
	return why;
}

static enum err confirm_run(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	int64_t changed = 0, entered, awarded;
	if (db_run(c, &changed,
		   "UPDATE contests SET status = 'confirmed' WHERE id = ? AND status = 'closed'",
		   "i", call->id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed)
		return confirm_permit(call) == ERR_OK ? ERR_DB_UNAVAILABLE : ERR_CONFLICT;
	enum err why = contests_confirm(c, call->req->who.org_id, call->id,
					row_text(call->row, "held_on"), &entered, &awarded);
	call->audit = json_pack("{s:I, s:I}", "entered_events", (json_int_t)entered,
				"awarded_events", (json_int_t)awarded);
	return why;
}

static const struct field reopen_inputs[] = {
	{"reason", "다시 여는 사유", "Reason", F_TEXT, FL_REQUIRED, 1, 500, NULL, NULL},
};

const struct action contests_contest_actions[3] = {
	{.name = "close",
	 .label = "심사 마감 (결과 고정)",
	 .allow = ALLOW_ADMIN,
	 .permit = close_permit,
	 .run = close_run,
	 .done = "심사를 마감했습니다. 지금의 심사표로 결과를 고정했습니다."},
	{.name = "reopen",
	 .label = "심사 다시 열기",
	 .inputs = reopen_inputs,
	 .n_inputs = COUNT_OF(reopen_inputs),
	 .allow = ALLOW_ADMIN,
	 .permit = reopen_permit,
	 .run = reopen_run,
	 .done = "심사를 다시 열었습니다. 사유는 감사 기록에 남았습니다."},
	{.name = "confirm",
	 .label = "수상 확정",
	 .allow = ALLOW_ADMIN,
	 .permit = confirm_permit,
	 .run = confirm_run,
	 .done = "수상을 확정했습니다. 출품자와 수상자의 마일리지 사건을 기록했습니다."},
};
