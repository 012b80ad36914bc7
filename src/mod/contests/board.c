/*
 * board.c: a contest's figures (contests.h): each entry's sheets, their
 * totals, what the aggregation drops, each panel's arithmetic, the final
 * figure, the rank with the tie rule and the tier, all by the scoring
 * engine; frozen into contest_results at closing and read back from there
 * afterwards, so a closed contest never moves.  Also who is excluded from
 * judging what, and the judges' assignments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/buf.h"
#include "core/choice.h"
#include "core/jmem.h"
#include "core/xalloc.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/contests/contests.h"
#include "mod/mileage/mileage.h"
#include "mod/scoring/scoring.h"

/* What the board is computed with: the contest's rule and criteria. */
struct rules {
	int64_t id;
	char status[16];
	struct score_rule rule;
	struct score_panel panels[2];
	int counts[3];
	int64_t tie;  /* the tie criterion, 0: none */
	size_t tie_k; /* its index */
	size_t n;     /* criteria */
	int64_t crit_id[SCORE_CRITERIA_MAX];
	struct score_criterion crit[SCORE_CRITERIA_MAX];
	json_t *criteria; /* as the page shows them */
};

static void rules_free(struct rules *r)
{
	json_decref(r->criteria);
}

static enum err rules_read(struct db_conn *c, int64_t org, int64_t contest, struct rules *r)
{
	memset(r, 0, sizeof *r);
	struct db_stmt *s = db_preparef(
		c,
		"SELECT status, aggregation, expert_weight, COALESCE(tie_criterion_id, 0), "
		"best_count, excellent_count, merit_count FROM contests WHERE id = ? AND org_id = "
		"? "
		"AND archived_at IS NULL",
		"ii", contest, org);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc != DB_ROW) {
		db_finalize(s);
		return rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_NOT_FOUND;
	}
	r->id = contest;
	snprintf(r->status, sizeof r->status, "%s", db_column_text(s, 0));
	r->rule.agg = !strcmp(db_column_text(s, 1), "trimmed") ? SCORE_TRIMMED : SCORE_MEAN;
	int64_t expert = db_column_int(s, 2);
	r->tie = db_column_int(s, 3);
	for (int i = 0; i < 3; i++)
		r->counts[i] = (int)db_column_int(s, 4 + i);
	db_finalize(s);
	if (expert < 100) { /* a staff vote beside the judges */
		r->panels[0] = (struct score_panel){"심사위원", (double)expert};
		r->panels[1] = (struct score_panel){"직원 투표", (double)(100 - expert)};
		r->rule.n_panels = 2;
		r->rule.panels = r->panels;
	}
	static const char *const keys[] = {"#id", "name", "#weight", "#min", "#max", "description"};
	r->criteria = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: one contest's criteria */ id, name, weight, "
			    "score_min, score_max, COALESCE(description, '') FROM contest_criteria "
			    "WHERE contest_id = ? AND org_id = ? AND archived_at IS NULL ORDER BY "
			    "sort_order, id",
			    "ii", contest, org),
		keys, COUNT_OF(keys));
	if (!r->criteria)
		return ERR_DB_UNAVAILABLE;
	size_t i;
	json_t *x;
	json_array_foreach(r->criteria, i, x)
	{
		if (i >= SCORE_CRITERIA_MAX)
			break;
		r->crit_id[i] = row_int(x, "id");
		r->crit[i] = (struct score_criterion){
			row_text(x, "name"), (double)row_int(x, "weight"),
			(double)row_int(x, "min"), (double)row_int(x, "max")};
		if (r->crit_id[i] == r->tie)
			r->tie_k = i;
		json_object_set_new(x, "tie", json_boolean(r->crit_id[i] == r->tie));
		r->n++;
	}
	if (r->tie && r->crit_id[r->tie_k] != r->tie)
		r->tie = 0; /* a criterion of another contest, or archived */
	return ERR_OK;
}

/* One sheet as the board reads it. */
struct sheet {
	int64_t id, entry, judge, version;
	size_t panel;
	double scores[SCORE_CRITERIA_MAX];
	json_t *row; /* as the page shows it */
};

static json_t *number(double v)
{
	char t[32];
	return json_string(scoring_text(v, t));
}

/* Reads a sheet's {"criterion id": score} into s->scores (0 for a missing one). */
static void read_scores(const struct rules *r, const char *text, struct sheet *s)
{
	json_t *v = json_loads(text ? text : "{}", 0, NULL);
	json_t *parts = json_array();
	for (size_t k = 0; k < r->n; k++) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)r->crit_id[k]);
		s->scores[k] = json_number_value(json_object_get(v, key));
		json_array_append_new(
			parts, json_pack("{s:s, s:o, s:o, s:o}", "name", r->crit[k].name, "score",
					 number(s->scores[k]), "weight", number(r->crit[k].weight),
					 "part", number(scoring_part(&r->crit[k], s->scores[k]))));
	}
	json_decref(v);
	json_object_set_new(s->row, "parts", parts);
}

/* Every sheet of the contest, each (entry, judge)'s versions in order. */
static struct sheet *sheets_read(struct db_conn *c, int64_t org, const struct rules *r, size_t *n)
{
	struct db_stmt *s = db_preparef(
		c,
		"SELECT /* bounded: one contest's sheets */ s.id, s.entry_id, s.judge_id, "
		"s.version, "
		"j.panel, s.scores, s.total, COALESCE(s.reason, ''), COALESCE(s.comment, ''), "
		"s.created_at, j.name FROM contest_scores s JOIN contest_judges j ON j.id = "
		"s.judge_id WHERE s.contest_id = ? AND s.org_id = ? ORDER BY s.entry_id, "
		"s.judge_id, "
		"s.version",
		"ii", r->id, org);
	size_t cap = 16;
	struct sheet *out = xmalloc(cap * sizeof *out);
	*n = 0;
	int rc;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (*n == cap)
			out = xrealloc(out, (cap *= 2) * sizeof *out);
		struct sheet *x = &out[(*n)++];
		memset(x, 0, sizeof *x);
		x->id = db_column_int(s, 0);
		x->entry = db_column_int(s, 1);
		x->judge = db_column_int(s, 2);
		x->version = db_column_int(s, 3);
		x->panel = r->rule.n_panels && !strcmp(db_column_text(s, 4), "staff") ? 1 : 0;
		char at[20]; /* "2006-11-27 10:00", as people read it (UTC) */
		snprintf(at, sizeof at, "%.16s", db_column_text(s, 9));
		if (strlen(at) > 10 && at[10] == 'T')
			at[10] = ' ';
		x->row = json_pack(
			"{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id,
			"judge_id", (json_int_t)x->judge, "version", (json_int_t)x->version,
			"panel", db_column_text(s, 4), "reason", db_column_text(s, 7), "comment",
			db_column_text(s, 8), "submitted_at", at, "judge", db_column_text(s, 10),
			"panel_label", choice_label(contests_panels, db_column_text(s, 4)));
		read_scores(r, db_column_text(s, 5), x);
	}
	if (!s || rc == DB_ERR) {
		for (size_t i = 0; i < *n; i++)
			json_decref(out[i].row);
		free(out);
		db_finalize(s);
		return NULL;
	}
	db_finalize(s);
	return out;
}

/* One entry's sheets aggregated: its board row gets "sheets" (the counted
 * versions, each with its earlier ones under "history"), "panels" (each
 * with its arithmetic), "final", "counted". */
static void entry_figures(const struct rules *r, json_t *entry, struct sheet *all, size_t n,
			  struct score_rank *rank)
{
	int64_t id = row_int(entry, "id");
	struct score_sheet sh[256];
	struct sheet *latest[256];
	size_t m = 0;
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		if (all[i].entry != id)
			continue;
		int last = i + 1 == n || all[i + 1].entry != id || all[i + 1].judge != all[i].judge;
		if (!last || m == 256)
			continue;
		latest[m] = &all[i];
		sh[m] = (struct score_sheet){.id = all[i].id,
					     .panel = all[i].panel,
					     .total = scoring_total(r->crit, r->n, all[i].scores),
					     .scores = all[i].scores};
		json_t *history = json_array();
		for (size_t k = i; k-- > 0 && all[k].entry == id && all[k].judge == all[i].judge;)
			json_array_insert(history, 0, all[k].row);
		json_object_set_new(all[i].row, "history", history);
		json_object_set_new(all[i].row, "corrected",
				    json_boolean(json_array_size(history)));
		m++;
	}
	struct score_outcome o;
	scoring_aggregate(&r->rule, sh, m, &o);
	for (size_t i = 0; i < m; i++) {
		json_t *row = latest[i]->row;
		json_object_set_new(row, "total", number(sh[i].total));
		json_object_set_new(row, "dropped",
				    json_string(sh[i].dropped > 0   ? "최고점 제외"
						: sh[i].dropped < 0 ? "최저점 제외"
								    : ""));
		json_array_append(rows, row);
	}
	json_t *panels = json_array();
	size_t np = r->rule.n_panels ? r->rule.n_panels : 1;
	struct buf formula = {0};
	for (size_t p = 0; p < np; p++) {
		struct buf b = {0};
		if (o.panel_n[p])
			scoring_explain_panel(sh, m, p, &o, &b);
		json_array_append_new(
			panels,
			json_pack("{s:s, s:o, s:I, s:o, s:b, s:s}", "name",
				  r->rule.n_panels ? r->panels[p].name : "심사위원", "weight",
				  number(r->rule.n_panels ? r->panels[p].weight : 100), "counted",
				  (json_int_t)o.panel_n[p], "figure", number(o.panel[p]), "trimmed",
				  o.trimmed[p], "arithmetic", b.data ? b.data : "심사 전"));
		buf_free(&b);
		if (r->rule.n_panels && o.panel_n[p]) {
			char w[32], f[32];
			buf_printf(&formula, "%s%s%% × %s", formula.len ? " + " : "",
				   scoring_text(r->panels[p].weight, w),
				   scoring_text(o.panel[p], f));
		}
	}
	if (formula.len) {
		char f[32];
		buf_printf(&formula, " = %s", scoring_text(o.final, f));
	}
	json_object_set_new(entry, "sheets", rows);
	json_object_set_new(entry, "sheet_count", json_integer((json_int_t)m));
	json_object_set_new(entry, "panels", panels);
	json_object_set_new(entry, "formula", json_string(formula.data ? formula.data : ""));
	buf_free(&formula);
	json_object_set_new(entry, "final", number(o.final));
	json_object_set_new(entry, "counted", json_integer((json_int_t)o.counted));
	json_object_set_new(entry, "tie_figure",
			    number(r->tie ? scoring_criterion_mean(sh, m, r->tie_k) : 0));
	*rank = (struct score_rank){.id = id,
				    .final = o.final,
				    .tie = r->tie ? scoring_criterion_mean(sh, m, r->tie_k) : 0,
				    .order = id};
}

static const char *const entry_keys[] = {
	"#id",	    "title", "entrant_kind",   "#staff_id",  "entrant", "team_name",
	"#club_id", "club",  "#department_id", "department", "summary", "submitted_on"};

#define ENTRY_SELECT                                                                               \
	" e.id, e.title, e.entrant_kind, COALESCE(e.staff_id, 0), COALESCE(s.name, ''), "          \
	"COALESCE(e.team_name, ''), COALESCE(e.club_id, 0), COALESCE(k.name, ''), "                \
	"COALESCE(e.department_id, 0), COALESCE(d.name, ''), COALESCE(e.summary, ''), "            \
	"COALESCE(e.submitted_on, '') FROM contest_entries e LEFT JOIN staff s ON s.id = "         \
	"e.staff_id LEFT JOIN clubs k ON k.id = e.club_id LEFT JOIN departments d ON d.id = "      \
	"e.department_id "

/* The live board of an open contest. */
static json_t *board_live(struct db_conn *c, int64_t org, const struct rules *r)
{
	json_t *entries = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: one contest's entries */" ENTRY_SELECT
			    "WHERE e.contest_id = ? AND e.org_id = ? AND e.archived_at IS NULL "
			    "ORDER BY e.id",
			    "ii", r->id, org),
		entry_keys, COUNT_OF(entry_keys));
	size_t n = 0;
	struct sheet *all = entries ? sheets_read(c, org, r, &n) : NULL;
	if (!all) {
		json_decref(entries);
		return NULL;
	}
	size_t ne = json_array_size(entries), nr = 0;
	struct score_rank *ranks = xmalloc((ne ? ne : 1) * sizeof *ranks);
	size_t i;
	json_t *e;
	json_array_foreach(entries, i, e)
	{
		entry_figures(r, e, all, n, &ranks[i]);
		if (row_int(e, "counted"))
			ranks[nr++] = ranks[i];
	}
	/* only entries with a counted sheet are ranked; of those, tiers by rank */
	scoring_rank(ranks, nr);
	scoring_tiers(ranks, nr, r->counts, 3);
	json_t *ordered = json_array();
	for (size_t k = 0; k < nr; k++)
		json_array_foreach(entries, i, e) if (row_int(e, "id") == ranks[k].id)
		{
			static const char *const broken[] = {"", "동점: 동점 기준 항목으로 결정",
							     "동점: 먼저 접수한 출품작 우선"};
			json_object_set_new(e, "rank", json_integer(ranks[k].rank));
			json_object_set_new(e, "tier", json_integer(ranks[k].tier));
			json_object_set_new(e, "tier_label",
					    json_string(scoring_tier_label(ranks[k].tier)));
			json_object_set_new(e, "tie_note",
					    json_string(broken[ranks[k].tie_broken]));
			json_array_append(ordered, e);
		}
	json_array_foreach(entries, i, e) if (!row_int(e, "counted"))
	{
		json_object_set_new(e, "rank", json_integer(0));
		json_object_set_new(e, "tier", json_integer(0));
		json_object_set_new(e, "tier_label", json_string(""));
		json_object_set_new(e, "tie_note", json_string(""));
		json_array_append(ordered, e);
	}
	free(ranks);
	for (size_t k = 0; k < n; k++)
		json_decref(all[k].row);
	free(all);
	json_decref(entries);
	rows_choice_label(ordered, "entrant_kind", contests_entrant_kinds);
	return ordered;
}

/* The latest frozen results, as they were shown when frozen. */
static json_t *board_frozen(struct db_conn *c, int64_t org, int64_t contest, int *version)
{
	*version = (int)db_int(c, NULL, 0,
			       "SELECT COALESCE(MAX(version), 0) FROM contest_results WHERE "
			       "contest_id = ? AND org_id = ?",
			       "ii", contest, org);
	struct db_stmt *s = db_preparef(
		c,
		"SELECT /* bounded: one contest's entries */ detail FROM contest_results WHERE "
		"contest_id = ? AND org_id = ? AND version = ? ORDER BY CASE WHEN rank = 0 THEN 1 "
		"ELSE 0 END, rank, entry_id",
		"iii", contest, org, (int64_t)*version);
	json_t *out = json_array();
	int rc;
	while (s && (rc = db_step(s)) == DB_ROW) {
		json_t *row = json_loads(db_column_text(s, 0), 0, NULL);
		if (row)
			json_array_append_new(out, row);
	}
	if (!s || rc == DB_ERR) {
		json_decref(out);
		out = NULL;
	}
	db_finalize(s);
	return out;
}

json_t *contests_board(struct db_conn *c, int64_t org, int64_t contest)
{
	struct rules r;
	if (rules_read(c, org, contest, &r) != ERR_OK) {
		rules_free(&r);
		return NULL;
	}
	int version = 0, frozen = strcmp(r.status, "open") != 0;
	json_t *entries = frozen ? board_frozen(c, org, contest, &version) : board_live(c, org, &r);
	if (!entries) {
		rules_free(&r);
		return NULL;
	}
	json_t *panels = json_array();
	for (size_t p = 0; p < r.rule.n_panels; p++)
		json_array_append_new(panels, json_pack("{s:s, s:o}", "name", r.panels[p].name,
							"weight", number(r.panels[p].weight)));
	const char *tie = "";
	size_t i;
	json_t *x;
	json_array_foreach(r.criteria, i, x) if (row_int(x, "id") == r.tie) tie =
		row_text(x, "name");
	char rule[400];
	snprintf(rule, sizeof rule,
		 "%s%s%s 먼저 접수한 출품작(접수 번호가 작은 것)을 앞 순위로 합니다.",
		 *tie ? "총점이 같으면 '" : "총점이 같으면", tie,
		 *tie ? "' 항목의 평균이 높은 출품작, 그래도 같으면" : "");
	json_t *doc =
		json_pack("{s:o, s:o, s:o, s:b, s:i, s:s, s:s, s:b}", "criteria",
			  json_incref(r.criteria), "panels", panels, "entries", entries, "frozen",
			  frozen, "version", version, "tie_rule", rule, "aggregation_rule",
			  r.rule.agg == SCORE_TRIMMED ? "심사위원이 5명 이상이면 총점이 가장 높은 "
							"1명과 가장 낮은 1명(같은 점수가 "
							"여럿이어도 1명씩)의 점수를 빼고 "
							"평균합니다. 5명 미만이면 모두 평균합니다."
						      : "심사위원 전원의 총점을 평균합니다.",
			  "mixed", r.rule.n_panels > 0);
	rules_free(&r);
	return doc;
}

enum err contests_freeze(struct db_conn *c, int64_t org, int64_t contest, int *version)
{
	struct rules r;
	enum err why = rules_read(c, org, contest, &r);
	json_t *entries = why == ERR_OK ? board_live(c, org, &r) : NULL;
	rules_free(&r);
	if (!entries)
		return why ? why : ERR_DB_UNAVAILABLE;
	*version = 1 + (int)db_int(c, NULL, 0,
				   "SELECT COALESCE(MAX(version), 0) FROM contest_results WHERE "
				   "contest_id = ? AND org_id = ?",
				   "ii", contest, org);
	size_t i;
	json_t *e;
	json_array_foreach(entries, i, e)
	{
		char *detail = json_dumps(e, JSON_COMPACT);
		json_int_t final = (json_int_t)(atof(row_text(e, "final")) * 100 + 0.5);
		int ok = db_run(c, NULL,
				"INSERT INTO contest_results (org_id, contest_id, version, "
				"entry_id, "
				"final, rank, tier, counted, detail) VALUES (?, ?, ?, ?, ?, ?, ?, "
				"?, ?)",
				"iiiiiiiit", org, contest, (int64_t)*version, row_int(e, "id"),
				(int64_t) final, row_int(e, "rank"), row_int(e, "tier"),
				row_int(e, "counted"), detail) == DB_OK;
		jmem_free(detail);
		if (!ok) {
			json_decref(entries);
			return ERR_DB_UNAVAILABLE;
		}
	}
	json_decref(entries);
	return ERR_OK;
}

int contests_conflict(struct db_conn *c, int64_t judge, int64_t entry, char out[300])
{
	out[0] = '\0';
	struct db_stmt *s = db_preparef(
		c,
		"SELECT CASE WHEN j.staff_id IS NULL THEN '' WHEN e.staff_id = j.staff_id THEN "
		"'본인 출품작' WHEN EXISTS (SELECT 1 FROM record_links l WHERE l.entity = "
		"'contest-entries' AND l.field = 'members' AND l.record_id = e.id AND l.ref_id = "
		"j.staff_id) THEN '소속 팀의 출품작' WHEN e.club_id IS NOT NULL AND EXISTS (SELECT "
		"1 FROM club_members m WHERE m.club_id = e.club_id AND m.staff_id = j.staff_id AND "
		"m.left_on IS NULL AND m.archived_at IS NULL) THEN '소속 동아리의 출품작' WHEN "
		"e.department_id = s.department_id OR jd.path LIKE '%/' || e.department_id || '/%' "
		"OR ed.path LIKE '%/' || s.department_id || '/%' THEN '소속 부서(상·하위 부서 "
		"포함)의 출품작' ELSE '' END, COALESCE(r.reason, '') FROM contest_entries e JOIN "
		"contest_judges j ON j.id = ? AND j.contest_id = e.contest_id LEFT JOIN staff s ON "
		"s.id = j.staff_id LEFT JOIN departments jd ON jd.id = s.department_id LEFT JOIN "
		"departments ed ON ed.id = e.department_id LEFT JOIN contest_recusals r ON "
		"r.entry_id = e.id AND r.judge_id = j.id WHERE e.id = ?",
		"ii", judge, entry);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		const char *why = db_column_text(s, 0), *recused = db_column_text(s, 1);
		if (*why)
			snprintf(out, 300, "제척: %s", why);
		else if (*recused) {
			snprintf(out, 300, "회피: %s", recused);
			rc = 2;
		}
	} else if (rc == DB_OK)
		snprintf(out, 300, "이 경진대회의 출품작이 아닙니다");
	db_finalize(s);
	return rc == DB_ERR ? -1 : rc == 2 ? 2 : out[0] != '\0';
}

int contests_open(struct db_conn *c, int64_t org, int64_t contest)
{
	return db_any(
		c, "SELECT COUNT(*) FROM contests WHERE id = ? AND org_id = ? AND status = 'open'",
		"ii", contest, org);
}

int64_t contests_judge_of(struct request *req, int64_t contest)
{
	struct db_conn *c = request_db(req);
	int64_t me = mileage_staff_of_user(c, req->who.org_id, req->who.user_id);
	return db_int(c, NULL, 0,
		      "SELECT id FROM contest_judges WHERE contest_id = ? AND org_id = ? AND "
		      "archived_at IS NULL AND (user_id = ? OR staff_id = ?) ORDER BY id LIMIT 1",
		      "iiii", contest, req->who.org_id, req->who.user_id, me ? me : -1);
}

enum err contests_assign(struct db_conn *c, int64_t org, int64_t contest)
{
	/* the contest's judges' accounts: their assignments of it made again */
	const char *entries = "SELECT id FROM contest_entries WHERE contest_id = ?";
	struct buf sql = {0};
	/* of the accounts that are or were its judges: an assignment made otherwise stays */
	buf_printf(&sql,
		   "DELETE FROM user_assignments WHERE user_id IN (SELECT COALESCE(j.user_id, "
		   "u.id) FROM contest_judges j LEFT JOIN staff st ON st.id = j.staff_id LEFT JOIN "
		   "users u ON u.id = st.user_id WHERE j.contest_id = ?) AND ((entity = "
		   "'contest-entries' AND record_id IN (%s)) OR (entity = 'contests' AND record_id "
		   "= ?))",
		   entries);
	int ok = db_run(c, NULL, sql.data, "iii", contest, contest, contest) == DB_OK;
	buf_free(&sql);
	struct db_stmt *s = db_preparef(
		c,
		"SELECT /* bounded: one contest's judges and entries */ j.id, COALESCE(j.user_id, "
		"u.id), e.id FROM contest_judges j LEFT JOIN staff st ON st.id = j.staff_id LEFT "
		"JOIN users u ON u.id = st.user_id JOIN contest_entries e ON e.contest_id = "
		"j.contest_id AND e.archived_at IS NULL WHERE j.contest_id = ? AND j.org_id = ? "
		"AND "
		"j.archived_at IS NULL AND COALESCE(j.user_id, u.id) IS NOT NULL ORDER BY j.id, "
		"e.id",
		"ii", contest, org);
	int64_t(*pairs)[3] = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while (ok && s && (rc = db_step(s)) == DB_ROW) {
		if (n == cap)
			pairs = xrealloc(pairs, (cap = cap ? cap * 2 : 32) * sizeof *pairs);
		pairs[n][0] = db_column_int(s, 0);
		pairs[n][1] = db_column_int(s, 1);
		pairs[n][2] = db_column_int(s, 2);
		n++;
	}
	ok = ok && s && rc != DB_ERR;
	db_finalize(s);
	for (size_t i = 0; ok && i < n; i++) {
		char why[300];
		int x = contests_conflict(c, pairs[i][0], pairs[i][2], why);
		ok = x >= 0;
		if (ok && x != 1) /* a recused judge still sees the entry, and their recusal */
			ok = db_run(c, NULL,
				    "INSERT INTO user_assignments (user_id, entity, record_id) "
				    "VALUES "
				    "(?, 'contest-entries', ?) ON CONFLICT DO NOTHING",
				    "ii", pairs[i][1], pairs[i][2]) == DB_OK;
	}
	free(pairs);
	/* and the contest itself, to every judge with an account */
	ok = ok &&
	     db_run(c, NULL,
		    "INSERT INTO user_assignments (user_id, entity, record_id) SELECT DISTINCT "
		    "COALESCE(j.user_id, u.id), 'contests', j.contest_id FROM contest_judges j "
		    "LEFT JOIN staff st ON st.id = j.staff_id LEFT JOIN users u ON u.id = "
		    "st.user_id WHERE j.contest_id = ? AND j.org_id = ? AND j.archived_at IS "
		    "NULL AND COALESCE(j.user_id, u.id) IS NOT NULL ON CONFLICT DO NOTHING",
		    "ii", contest, org) == DB_OK;
	return ok ? ERR_OK : ERR_DB_UNAVAILABLE;
}

char *contests_sheet(struct db_conn *c, int64_t org, int64_t contest, const json_t *input,
		     json_t *errors, int64_t *total)
{
	struct rules r;
	if (rules_read(c, org, contest, &r) != ERR_OK) {
		rules_free(&r);
		return NULL;
	}
	if (!r.n) {
		json_object_set_new(
			errors, "score_*",
			json_string("이 경진대회에는 심사 항목이 없습니다. 관리자가 심사 "
				    "항목을 먼저 정해야 합니다."));
		rules_free(&r);
		return NULL;
	}
	json_t *scores = json_object();
	double given[SCORE_CRITERIA_MAX];
	for (size_t k = 0; k < r.n; k++) {
		char name[40], key[24];
		snprintf(key, sizeof key, "%lld", (long long)r.crit_id[k]);
		snprintf(name, sizeof name, "score_%s", key);
		json_t *v = json_object_get(input, name);
		given[k] = json_number_value(v);
		if (!json_is_number(v) || !scoring_in_range(&r.crit[k], given[k])) {
			char lo[32], hi[32];
			json_object_set_new(
				errors, name,
				json_sprintf("%s: %s점부터 %s점까지 0.5점 단위로 주세요.",
					     r.crit[k].name, scoring_text(r.crit[k].lo, lo),
					     scoring_text(r.crit[k].hi, hi)));
			continue;
		}
		json_object_set_new(scores, key, json_real(given[k]));
	}
	/* a score of a criterion the contest does not have is a mistake, not ignored */
	const char *name;
	json_t *v;
	json_object_foreach((json_t *)input, name, v)
	{
		if (strncmp(name, "score_", 6))
			continue;
		int64_t id = atoll(name + 6);
		int known = 0;
		for (size_t k = 0; k < r.n; k++)
			known |= r.crit_id[k] == id;
		if (!known)
			json_object_set_new(errors, name,
					    json_string("이 경진대회의 심사 항목이 아닙니다."));
	}
	char *text = NULL;
	if (!json_object_size(errors)) {
		*total = (int64_t)(scoring_total(r.crit, r.n, given) * 100 + 0.5);
		text = json_dumps(scores, JSON_COMPACT | JSON_SORT_KEYS);
	}
	json_decref(scores);
	rules_free(&r);
	return text;
}
