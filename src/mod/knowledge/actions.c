/*
 * actions.c: what people do to a knowledge item besides editing it,
 * declared as the item's actions (crud/entity.h, struct action): an
 * expert's review, the administrator's decision (adopt, excellent,
 * return) and a colleague's recommendation.  The engine reads the item,
 * converts the inputs, runs these in one transaction with the audit entry
 * and answers; here are only the rules.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/clock.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"

json_t *knowledge_criteria_of(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"name", "#points"};
	json_t *out = query_rows(db_preparef(c,
					     "SELECT name, points FROM knowledge_criteria WHERE "
					     "org_id = ? AND archived_at IS NULL ORDER BY "
					     "sort_order, id",
					     "i", org),
				 keys, 2);
	for (int i = 0; !json_array_size(out) && i < 4; i++)
		json_array_append_new(out, json_pack("{s:s, s:i}", "name",
						     knowledge_default_criteria[i].name, "points",
						     knowledge_default_criteria[i].points));
	size_t i;
	json_t *x;
	json_array_foreach(out, i, x) json_object_set_new(x, "n", json_integer((json_int_t)i));
	return out;
}

int knowledge_open(const json_t *row)
{
	const char *status = row_text(row, "status");
	return !strcmp(status, "registered") || !strcmp(status, "under_review");
}

int knowledge_may_review(struct request *req, const json_t *row)
{
	if (row_int(row, "author_user_id") == req->who.user_id || !knowledge_open(row))
		return 0;
	return db_any(request_db(req),
		      "SELECT COUNT(*) FROM knowledge_experts WHERE user_id = ? AND field_id = ? "
		      "AND org_id = ? AND archived_at IS NULL",
		      "iii", req->who.user_id, row_int(row, "field_id"), req->who.org_id);
}

int knowledge_reviewed(struct db_conn *c, int64_t id, int64_t user)
{
	return db_any(c,
		      "SELECT EXISTS (" KNOWLEDGE_REVIEWED_SINCE ") FROM knowledge_items k WHERE "
		      "k.id = ?",
		      "ii", user, id);
}

static enum err review_permit(struct action_call *call)
{
	int may = knowledge_may_review(call->req, call->row),
	    done = may > 0 ? knowledge_reviewed(request_db(call->req), call->id,
						call->req->who.user_id)
			   : 0;
	if (may < 0 || done < 0)
		return ERR_DB_UNAVAILABLE;
	if (may && !done)
		return ERR_OK;
	call->detail = "이 지식의 분야 전문가만, 작성자가 아닐 때, 심사를 기다리는 지식을 한 "
		       "번 심사할 수 있습니다.";
	return ERR_FORBIDDEN;
}

/* The scores of every criterion, each from 0 to its points, as
 * {"창의성": 25, …} text for the review row; NULL with errors. */
static char *scores_of(struct action_call *call, struct db_conn *c, int64_t *total)
{
	json_t *crit = knowledge_criteria_of(c, call->req->who.org_id), *scores = json_object(), *x;
	size_t i;
	*total = 0;
	json_array_foreach(crit, i, x)
	{
		char name[32];
		snprintf(name, sizeof name, "score_%zu", i);
		json_t *v = json_object_get(call->input, name);
		if (!json_is_integer(v) || json_integer_value(v) > row_int(x, "points")) {
			json_object_set_new(call->errors, name,
					    json_sprintf("%s: 0점부터 %lld점까지의 점수를 주세요.",
							 row_text(x, "name"),
							 (long long)row_int(x, "points")));
			continue;
		}
		json_object_set_new(scores, row_text(x, "name"), json_incref(v));
		*total += json_integer_value(v);
	}
	json_decref(crit);
	char *text = NULL;
	if (!json_object_size(call->errors)) {
		/* sized first: jansson's own allocations come from the request's arena */
		size_t need = json_dumpb(scores, NULL, 0, JSON_COMPACT | JSON_SORT_KEYS);
		text = xmalloc(need + 1);
		text[json_dumpb(scores, text, need, JSON_COMPACT | JSON_SORT_KEYS)] = '\0';
	}
	json_decref(scores);
	return text;
}

static enum err review_run(struct action_call *call)
{
	struct request *req = call->req;
	struct db_conn *c = request_db(req);
	int done =
		knowledge_reviewed(c, call->id, req->who.user_id); /* a second submit, in order */
	if (done < 0)
		return ERR_DB_UNAVAILABLE;
	if (done) {
		call->detail = "이미 심사했습니다.";
		return ERR_CONFLICT;
	}
	int64_t total;
	char *scores = scores_of(call, c, &total);
	if (!scores)
		return ERR_INVALID;
	const char *proposed = row_text(call->input, "proposed"),
		   *comment = row_text(call->input, "comment");
	int ok =
		db_run(c, NULL,
		       "INSERT INTO knowledge_reviews (org_id, item_id, expert_user_id, "
		       "expert_name, scores, total, proposed, comment) VALUES (?, ?, ?, ?, ?, ?, "
		       "?, ?)",
		       "iiittitt", req->who.org_id, call->id, req->who.user_id, req->who.name,
		       scores, total, proposed, comment) == DB_OK &&
		db_run(c, NULL,
		       "UPDATE knowledge_items SET status = 'under_review' WHERE id = ? AND status "
		       "= 'registered'",
		       "i", call->id) == DB_OK;
	free(scores);
	call->audit = json_pack("{s:[n,{s:I, s:s}]}", "review", "total", (json_int_t)total,
				"proposed", proposed);
	return ok ? ERR_OK : ERR_DB_UNAVAILABLE;
}

static enum err decide_permit(struct action_call *call)
{
	if (knowledge_open(call->row))
		return ERR_OK;
	call->detail = "이미 결정된 지식입니다.";
	return ERR_CONFLICT;
}

/* What a decision needs beside its choice: a return its reason, an
 * excellent item its grade. */
static void decide_check(struct action_call *call, const char *decision)
{
	if (!strcmp(decision, "return") && !*row_text(call->input, "reason"))
		json_object_set_new(
			call->errors, "reason",
			json_string("반려하는 까닭을 적어 주세요. 작성자에게 전해집니다."));
	if (!strcmp(decision, "excellent") && !*row_text(call->input, "grade"))
		json_object_set_new(call->errors, "grade",
				    json_string("우수지식의 등급(S, A, B, C)을 골라 주세요."));
}

/* The author hears of it; an excellent item is the mileage engine's event. */
static int decide_tell(struct action_call *call, const char *status_to)
{
	struct request *req = call->req;
	struct db_conn *c = request_db(req);
	int64_t author = row_int(call->row, "author_user_id");
	char link[64], message[600];
	snprintf(link, sizeof link, "/knowledge-items/%lld", (long long)call->id);
	snprintf(message, sizeof message, "등록하신 지식 「%s」이(가) %s되었습니다.",
		 row_text(call->row, "title"), choice_label(knowledge_statuses, status_to));
	if (knowledge_notify(c, req->who.org_id, author, message, link) != ERR_OK)
		return 0;
	if (strcmp(status_to, "excellent"))
		return 1;
	char payload[24];
	snprintf(payload, sizeof payload, "{\"grade\":\"%s\"}", row_text(call->input, "grade"));
	struct mileage_event ev = {
		.org = req->who.org_id,
		.kind = "knowledge.excellent",
		.entity = "knowledge-items",
		.record = call->id,
		.staff = mileage_staff_of_user(c, req->who.org_id, author),
		.user = author,
		.payload = payload,
	};
	return mileage_event(c, &ev) == ERR_OK;
}

static enum err decide_run(struct action_call *call)
{
	const char *decision = row_text(call->input, "decision");
	decide_check(call, decision);
	if (json_object_size(call->errors))
		return ERR_INVALID;
	const char *status_to = !strcmp(decision, "adopt")	 ? "adopted"
				: !strcmp(decision, "excellent") ? "excellent"
								 : "returned";
	int excellent = !strcmp(status_to, "excellent");
	const char *grade = row_text(call->input, "grade"),
		   *reward = row_text(call->input, "reward"),
		   *reason = row_text(call->input, "reason");
	char now[24], today[11];
	utc_now(0, now);
	utc_today(today);
	/* still open in the transaction: a second decision (another
	 * administrator, a double click) changes nothing and says so */
	int64_t decided = 0;
	struct db_conn *c = request_db(call->req);
	if (db_run(c, &decided,
		   "UPDATE knowledge_items SET status = ?, grade = ?, reward = ?, return_reason = "
		   "?, decided_on = ?, updated_at = ? WHERE id = ? AND status IN " KNOWLEDGE_OPEN,
		   "tttttti", status_to, excellent ? grade : NULL,
		   excellent && *reward ? reward : NULL, *reason ? reason : NULL, today, now,
		   call->id) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!decided) {
		call->detail = "이미 결정된 지식입니다.";
		return ERR_CONFLICT;
	}
	call->audit = json_pack("{s:[s,s]}", "status", row_text(call->row, "status"), status_to);
	return decide_tell(call, status_to) ? ERR_OK : ERR_DB_UNAVAILABLE;
}

static enum err recommend_permit(struct action_call *call)
{
	if (row_int(call->row, "author_user_id") != call->req->who.user_id)
		return ERR_OK;
	call->detail = "자기 지식은 추천할 수 없습니다.";
	return ERR_FORBIDDEN;
}

/* One recommendation per person: a second changes nothing. */
static enum err recommend_run(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	int64_t added = 0;
	int ok = db_run(c, &added,
			"INSERT INTO knowledge_recommendations (item_id, user_id) VALUES (?, ?) ON "
			"CONFLICT DO NOTHING",
			"ii", call->id, call->req->who.user_id) == DB_OK &&
		 (!added || db_run(c, NULL,
				   "UPDATE knowledge_items SET recommendations = recommendations "
				   "+ 1 WHERE id = ?",
				   "i", call->id) == DB_OK);
	return ok ? ERR_OK : ERR_DB_UNAVAILABLE;
}

static const struct field review_inputs[] = {
	{"score_*", "항목 점수", "Scores", F_INT, 0, 0, 1000, NULL, NULL}, /* score_0, score_1 … */
	{"proposed", "의견", "Proposal", F_CHOICE, FL_REQUIRED, 0, 0, knowledge_proposals, NULL},
	{"comment", "심사 의견", "Comment", F_MEMO, 0, 0, 4000, NULL, NULL},
};

static const struct choice grades[] = {
	{"S", "S", "S"}, {"A", "A", "A"}, {"B", "B", "B"}, {"C", "C", "C"}, {NULL, NULL, NULL}};

static const struct field decide_inputs[] = {
	{"decision", "결정", "Decision", F_CHOICE, FL_REQUIRED, 0, 0, knowledge_proposals, NULL},
	{"grade", "우수지식 등급", "Grade", F_CHOICE, 0, 0, 0, grades, NULL},
	{"reward", "포상", "Reward", F_TEXT, 0, 0, 200, NULL, NULL},
	{"reason", "반려 사유", "Reason", F_MEMO, 0, 0, 2000, NULL, NULL},
};

const struct action knowledge_item_actions[KNOWLEDGE_ITEM_ACTIONS] = {
	{
		.name = "review",
		.label = "지식 심사 (그 분야 지식전문가, 작성자 아님)",
		.inputs = review_inputs,
		.n_inputs = sizeof review_inputs / sizeof review_inputs[0],
		.allow = ALLOW_STAFF,
		.permit = review_permit,
		.run = review_run,
		.done = "심사를 기록했습니다.",
	},
	{
		.name = "decide",
		.label = "지식 채택·우수지식·반려 결정",
		.inputs = decide_inputs,
		.n_inputs = sizeof decide_inputs / sizeof decide_inputs[0],
		.allow = ALLOW_ADMIN,
		.permit = decide_permit,
		.run = decide_run,
		.done = "결정을 기록하고 작성자에게 알렸습니다.",
	},
	{
		.name = "recommend",
		.label = "지식 추천 (한 사람 한 번)",
		.allow = ALLOW_STAFF,
		.permit = recommend_permit,
		.run = recommend_run,
		.done = "추천했습니다.",
	},
};
