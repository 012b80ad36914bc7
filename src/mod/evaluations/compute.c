/*
 * compute.c: the measures a computed indicator counts, and closing a round:
 * every indicator for every target over the round's period, made points
 * by the scoring engine (scoring_normalise() for a computed one, the mean
 * of the evaluators' sheets by scoring_aggregate() for a scored one), the
 * totals ranked by scoring_rank() and given tiers by scoring_tiers(), all
 * written as the next version of the results.
 *
 * Invariants: a version's rows are written once and never changed (a
 * recompute is the next version), so a closed result does not move when
 * the records it counted do.  A raw value is kept exact, num / den; points
 * are hundredths, as the engine rounds them.  The tie rule: equal totals
 * are ordered by the points of the round's heaviest area (the first of
 * them in the areas' order), then by the targets' order (직제순).
 *
 * Memory: the arrays of one computation are malloc'd here and freed before
 * it returns.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/xalloc.h"
#include "crud/module.h"
#include "db/db.h"
#include "mod/evaluations/evaluations.h"
#include "mod/org/org.h"
#include "mod/scoring/scoring.h"

#define HEADCOUNT                                                                                  \
	"SELECT /* bounded: one department subtree's staff */ COUNT(*) FROM staff WHERE active = " \
	"1 AND archived_at IS NULL AND department_id IN " DEPT_SUBTREE

/*
 * Each measure's records as one FROM … WHERE fragment: the figure counts
 * (or sums) the rows the drill-down lists, from the same text, so the two
 * cannot drift apart.  The fragments' binds: the department subtree, then
 * the period.
 */
#define KNOWLEDGE                                                                                  \
	"FROM knowledge_items WHERE department_id IN " DEPT_SUBTREE                                \
	" AND registered_on BETWEEN ? AND ? AND archived_at IS NULL"
#define KNOWLEDGE_EXCELLENT KNOWLEDGE " AND status = 'excellent'"
#define MILEAGE                                                                                    \
	"FROM mileage_entries WHERE department_id IN " DEPT_SUBTREE " AND earned_on BETWEEN ? "    \
	"AND ?"
/* course k is for staff s: its target grades name s's grade, or it has none */
#define TARGETED                                                                                   \
	"(COALESCE(k.target_grades, '') = '' OR ',' || k.target_grades || ',' LIKE '%,' || "       \
	"s.grade || ',%')"
/* the target population: each course of the years × the subtree's staff it
 * is for; and of them, the enrolments completed */
#define TARGET_POPULATION                                                                          \
	"FROM courses k JOIN staff s ON s.org_id = k.org_id WHERE s.department_id "                \
	"IN " DEPT_SUBTREE " AND s.active = 1 AND s.archived_at IS NULL AND k.year BETWEEN ? AND " \
	"? AND k.archived_at IS NULL AND " TARGETED
#define COMPLETIONS                                                                                \
	"FROM enrolments e JOIN courses k ON k.id = e.course_id JOIN staff s ON s.id = "           \
	"e.staff_id WHERE s.department_id IN " DEPT_SUBTREE                                        \
	" AND s.active = 1 AND s.archived_at IS NULL AND k.year BETWEEN ? AND ? AND "              \
	"k.archived_at IS NULL AND e.status = 'completed' AND e.archived_at IS NULL AND " TARGETED
#define CLUB_MEETINGS                                                                              \
	"FROM club_meetings m JOIN clubs k ON k.id = m.club_id WHERE k.department_id IN "          \
	"" DEPT_SUBTREE " AND m.held_on BETWEEN ? AND ? AND m.archived_at IS NULL AND "            \
	"k.archived_at IS NULL"
/* a report on month M is on time when submitted (created) by the 5th of
 * M + 1: that day as text, from r.month, in SQL both drivers speak */
#define REPORT_DUE                                                                                 \
	"(CASE substr(r.month, 6, 2) WHEN '12' THEN CAST(CAST(substr(r.month, 1, 4) AS INTEGER) "  \
	"+ 1 AS TEXT) || '-01' WHEN '09' THEN substr(r.month, 1, 5) || '10' WHEN '10' THEN "       \
	"substr(r.month, 1, 5) || '11' WHEN '11' THEN substr(r.month, 1, 5) || '12' ELSE "         \
	"substr(r.month, 1, 6) || CAST(CAST(substr(r.month, 7, 1) AS INTEGER) + 1 AS TEXT) END) "  \
	"|| '-05'"
#define REPORTS                                                                                    \
	"FROM progress_reports r JOIN tasks k ON k.id = r.task_id WHERE k.lead_department_id "     \
	"IN " DEPT_SUBTREE " AND r.month BETWEEN ? AND ? AND r.archived_at IS NULL AND "           \
	"k.archived_at IS NULL AND substr(r.created_at, 1, 10) <= " REPORT_DUE
#define TASKS                                                                                      \
	"FROM tasks WHERE lead_department_id IN " DEPT_SUBTREE                                     \
	" AND year BETWEEN ? AND ? AND archived_at IS NULL"
#define REDESIGNS                                                                                  \
	"FROM process_redesigns WHERE department_id IN " DEPT_SUBTREE                              \
	" AND year BETWEEN ? AND ? AND status <> 'dropped' AND archived_at IS NULL"

static const struct evaluations_measure measures[] = {
	{.value = "knowledge_per_head",
	 .num_sql = "SELECT COUNT(*) " KNOWLEDGE,
	 .pat = "Sft",
	 .den_sql = HEADCOUNT,
	 .den_pat = "S",
	 .den_scale = 1,
	 .raw_scale = 1,
	 .unit = "건/인",
	 .records = "SELECT /* bounded: one department subtree's items of a period */ id, "
		    "registered_on, title, 1 " KNOWLEDGE " ORDER BY registered_on, id",
	 .rec_what = "knowledge-items",
	 .per_row = 1},
	{.value = "knowledge_excellent",
	 .num_sql = "SELECT COUNT(*) " KNOWLEDGE_EXCELLENT,
	 .pat = "Sft",
	 .den_scale = 1,
	 .raw_scale = 1,
	 .unit = "건",
	 .records = "SELECT /* bounded: one department subtree's items of a period */ id, "
		    "registered_on, title, 1 " KNOWLEDGE_EXCELLENT " ORDER BY registered_on, id",
	 .rec_what = "knowledge-items",
	 .per_row = 1},
	{.value = "mileage_per_head",
	 .num_sql = "SELECT COALESCE(SUM(points), 0) " MILEAGE,
	 .pat = "Sft",
	 .den_sql = HEADCOUNT,
	 .den_pat = "S",
	 .den_scale = 2, /* points are halves */
	 .raw_scale = 1,
	 .unit = "점/인",
	 .records = "SELECT /* bounded: one department subtree's entries of a period */ id, "
		    "earned_on, COALESCE(reason, event_code, kind), points " MILEAGE
		    " ORDER BY earned_on, id",
	 .rec_what = "mileage-entries",
	 .per_row = 0},
	{.value = "course_completion",
	 .num_sql = "SELECT COUNT(*) " COMPLETIONS,
	 .pat = "SyY",
	 .den_sql = "SELECT COUNT(*) " TARGET_POPULATION,
	 .den_pat = "SyY",
	 .den_scale = 1,
	 .raw_scale = 100,
	 .unit = "%",
	 .records = "SELECT /* bounded: one department subtree's enrolments of a period */ e.id, "
		    "COALESCE(e.completed_on, ''), k.title || ' · ' || s.name, 1 " COMPLETIONS
		    " ORDER BY e.id",
	 .rec_what = "enrolments",
	 .per_row = 1},
	{.value = "club_meetings",
	 .num_sql = "SELECT COUNT(*) " CLUB_MEETINGS,
	 .pat = "Sft",
	 .den_sql = "SELECT /* bounded: a department subtree's clubs */ COUNT(*) FROM clubs WHERE "
		    "department_id IN " DEPT_SUBTREE " AND status <> 'dissolved' AND archived_at "
		    "IS NULL",
	 .den_pat = "S",
	 .den_scale = 1,
	 .raw_scale = 1,
	 .unit = "회/동아리",
	 .records = "SELECT /* bounded: a department subtree's clubs' meetings */ m.id, "
		    "m.held_on, k.name || ' · ' || m.topic, 1 " CLUB_MEETINGS
		    " ORDER BY m.held_on, m.id",
	 .rec_what = "club-meetings",
	 .per_row = 1},
	{.value = "progress_reports",
	 .num_sql = "SELECT COUNT(*) " REPORTS,
	 .pat = "SmM",
	 .den_scale = 1,
	 .raw_scale = 1,
	 .unit = "건",
	 .records = "SELECT /* bounded: the reports on a department subtree's tasks */ r.id, "
		    "r.month, k.title, 1 " REPORTS " ORDER BY r.month, r.id",
	 .rec_what = "progress-reports",
	 .per_row = 1},
	{.value = "task_progress",
	 .num_sql = "SELECT COALESCE(SUM(progress), 0) " TASKS,
	 .pat = "SyY",
	 .den_sql = "SELECT COUNT(*) " TASKS,
	 .den_pat = "SyY",
	 .den_scale = 1,
	 .raw_scale = 1,
	 .unit = "%",
	 .records = "SELECT /* bounded: a department subtree's tasks of the years */ id, "
		    "CAST(year AS TEXT), title, progress " TASKS " ORDER BY year, id",
	 .rec_what = "tasks",
	 .per_row = 0},
	{.value = "process_redesigns",
	 .num_sql = "SELECT COUNT(*) " REDESIGNS,
	 .pat = "SyY",
	 .den_scale = 1,
	 .raw_scale = 1,
	 .unit = "건",
	 .records = "SELECT /* bounded: a department subtree's redesigns of the years */ id, "
		    "CAST(year AS TEXT), work, 1 " REDESIGNS " ORDER BY id",
	 .rec_what = "process-redesigns",
	 .per_row = 1},
};

const struct evaluations_measure *evaluations_measure(const char *value)
{
	for (size_t i = 0; value && i < COUNT_OF(measures); i++)
		if (!strcmp(measures[i].value, value))
			return &measures[i];
	return NULL;
}

struct db_stmt *evaluations_measure_prepare(struct db_conn *c, const char *sql, const char *pat,
					    int64_t org, int64_t dept, const char *from,
					    const char *to)
{
	char lo[ORG_PATH_MAX], hi[ORG_PATH_MAX], part[8];
	if (strchr(pat, 'S') && org_subtree(c, org, dept, lo, hi, NULL, 0) != 1)
		return NULL;
	json_t *binds = json_array();
	for (const char *p = pat; *p; p++) {
		switch (*p) {
		case 'f': json_array_append_new(binds, json_string(from)); break;
		case 't': json_array_append_new(binds, json_string(to)); break;
		case 'o': json_array_append_new(binds, json_integer(org)); break;
		case 'y':
		case 'Y':
			json_array_append_new(binds, json_integer(atoi(*p == 'y' ? from : to)));
			break;
		case 'm':
		case 'M':
			snprintf(part, sizeof part, "%.7s", *p == 'm' ? from : to);
			json_array_append_new(binds, json_string(part));
			break;
		case 'S':
			json_array_append_new(binds, json_integer(dept));
			json_array_append_new(binds, json_integer(org));
			json_array_append_new(binds, json_string(lo));
			json_array_append_new(binds, json_string(hi));
			break;
		}
	}
	struct db_stmt *s = crud_prepare(c, sql, binds);
	json_decref(binds);
	return s;
}

/* One integer a measure's SQL gives; -1 on error. */
static int64_t measure_int(struct db_conn *c, const char *sql, const char *pat, int64_t org,
			   int64_t dept, const char *from, const char *to)
{
	struct db_stmt *s = evaluations_measure_prepare(c, sql, pat, org, dept, from, to);
	int64_t v = s && db_step(s) == DB_ROW ? db_column_int(s, 0) : -1;
	db_finalize(s);
	return v;
}

/* What one computation holds. */
struct round {
	int64_t org, id;	     /* the round */
	char from[11], to[11];	     /* its period */
	int counts[2];		     /* 최우수, 우수 places */
	size_t n_areas, n_ind, n_tg; /* areas, indicators, targets */
	int64_t *area_id;	     /* n_areas */
	int64_t *area_weight;	     /* n_areas */
	int64_t *ind_id, *ind_area;  /* n_ind */
	int64_t *ind_weight;	     /* n_ind */
	char (*ind_method)[16];	     /* n_ind */
	char (*ind_measure)[40];     /* n_ind */
	char (*ind_norm)[16];	     /* n_ind */
	int64_t *ind_target;	     /* n_ind: halves */
	char (*ind_name)[200];	     /* n_ind */
	char (*ind_area_name)[200];  /* n_ind */
	int64_t *ind_area_weight;    /* n_ind */
	int64_t *ind_lo, *ind_hi;    /* n_ind */
	int64_t *tg_id, *tg_dept;    /* n_tg */
	int64_t *tg_order;	     /* n_tg */
	int64_t *num, *den;	     /* n_ind × n_tg */
	int64_t *points;	     /* n_ind × n_tg, hundredths */
};

static void round_free(struct round *r)
{
	free(r->area_id), free(r->area_weight), free(r->ind_id), free(r->ind_area);
	free(r->ind_weight), free(r->ind_method), free(r->ind_measure), free(r->ind_norm);
	free(r->ind_target), free(r->ind_name), free(r->ind_area_name), free(r->ind_area_weight);
	free(r->ind_lo), free(r->ind_hi), free(r->tg_id), free(r->tg_dept);
	free(r->tg_order), free(r->num), free(r->den), free(r->points);
}

static int64_t hundredths(double v)
{
	return (int64_t)llround(scoring_round(v) * 100);
}

/* The round, its areas, indicators and targets; -1 on a database error. */
static int round_read(struct db_conn *c, struct round *r)
{
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT period_from, period_to, best_count, excellent_count "
			    "FROM evaluations WHERE id = ? AND org_id = ?",
			    "ii", r->id, r->org);
	if (!s || db_step(s) != DB_ROW)
		return db_finalize(s), -1;
	snprintf(r->from, sizeof r->from, "%s", db_column_text(s, 0));
	snprintf(r->to, sizeof r->to, "%s", db_column_text(s, 1));
	r->counts[0] = (int)db_column_int(s, 2);
	r->counts[1] = (int)db_column_int(s, 3);
	db_finalize(s);
	int rc;
	r->n_areas = (size_t)db_int(c, &rc, 0,
				    "SELECT COUNT(*) FROM evaluation_areas WHERE evaluation_id = ? "
				    "AND archived_at IS NULL",
				    "i", r->id);
	r->n_ind =
		(size_t)db_int(c, &rc, 0,
			       "SELECT COUNT(*) FROM evaluation_indicators i JOIN evaluation_areas "
			       "a ON a.id = i.area_id AND a.archived_at IS NULL WHERE "
			       "i.evaluation_id = ? AND i.archived_at IS NULL",
			       "i", r->id);
	r->n_tg = (size_t)db_int(
		c, &rc, 0,
		"SELECT COUNT(*) FROM evaluation_targets WHERE evaluation_id = ? AND "
		"archived_at IS NULL",
		"i", r->id);
	size_t na = r->n_areas + 1, ni = r->n_ind + 1, nt = r->n_tg + 1, nv = ni * nt;
	r->area_id = xcalloc(na, sizeof *r->area_id);
	r->area_weight = xcalloc(na, sizeof *r->area_weight);
	r->ind_id = xcalloc(ni, sizeof *r->ind_id);
	r->ind_area = xcalloc(ni, sizeof *r->ind_area);
	r->ind_weight = xcalloc(ni, sizeof *r->ind_weight);
	r->ind_method = xcalloc(ni, sizeof *r->ind_method);
	r->ind_measure = xcalloc(ni, sizeof *r->ind_measure);
	r->ind_norm = xcalloc(ni, sizeof *r->ind_norm);
	r->ind_target = xcalloc(ni, sizeof *r->ind_target);
	r->ind_name = xcalloc(ni, sizeof *r->ind_name);
	r->ind_area_name = xcalloc(ni, sizeof *r->ind_area_name);
	r->ind_area_weight = xcalloc(ni, sizeof *r->ind_area_weight);
	r->ind_lo = xcalloc(ni, sizeof *r->ind_lo);
	r->ind_hi = xcalloc(ni, sizeof *r->ind_hi);
	r->tg_id = xcalloc(nt, sizeof *r->tg_id);
	r->tg_dept = xcalloc(nt, sizeof *r->tg_dept);
	r->tg_order = xcalloc(nt, sizeof *r->tg_order);
	r->num = xcalloc(nv, sizeof *r->num);
	r->den = xcalloc(nv, sizeof *r->den);
	r->points = xcalloc(nv, sizeof *r->points);
	if (rc == DB_ERR)
		return -1;
	size_t k = 0;
	s = db_preparef(c,
			"SELECT id, weight FROM evaluation_areas WHERE evaluation_id = ? AND "
			"archived_at IS NULL ORDER BY sort_order, id",
			"i", r->id);
	while (s && k < r->n_areas && db_step(s) == DB_ROW) {
		r->area_id[k] = db_column_int(s, 0);
		r->area_weight[k++] = db_column_int(s, 1);
	}
	db_finalize(s);
	k = 0;
	s = db_preparef(
		c,
		"SELECT i.id, i.area_id, i.weight, i.method, COALESCE(i.measure, ''), "
		"COALESCE(i.norm, ''), COALESCE(i.target_value, 0), i.score_lo, i.score_hi, "
		"i.name, a.name, a.weight FROM evaluation_indicators i JOIN evaluation_areas a "
		"ON a.id = i.area_id AND a.archived_at IS NULL WHERE i.evaluation_id = ? AND "
		"i.archived_at IS NULL ORDER BY a.sort_order, a.id, i.sort_order, i.id",
		"i", r->id);
	while (s && k < r->n_ind && db_step(s) == DB_ROW) {
		r->ind_id[k] = db_column_int(s, 0);
		r->ind_area[k] = db_column_int(s, 1);
		r->ind_weight[k] = db_column_int(s, 2);
		snprintf(r->ind_method[k], sizeof r->ind_method[k], "%s", db_column_text(s, 3));
		snprintf(r->ind_measure[k], sizeof r->ind_measure[k], "%s", db_column_text(s, 4));
		snprintf(r->ind_norm[k], sizeof r->ind_norm[k], "%s", db_column_text(s, 5));
		r->ind_target[k] = db_column_int(s, 6);
		r->ind_lo[k] = db_column_int(s, 7);
		r->ind_hi[k] = db_column_int(s, 8);
		snprintf(r->ind_name[k], sizeof r->ind_name[k], "%s", db_column_text(s, 9));
		snprintf(r->ind_area_name[k], sizeof r->ind_area_name[k], "%s",
			 db_column_text(s, 10));
		r->ind_area_weight[k++] = db_column_int(s, 11);
	}
	db_finalize(s);
	k = 0;
	s = db_preparef(c,
			"SELECT id, department_id, sort_order FROM evaluation_targets WHERE "
			"evaluation_id = ? AND archived_at IS NULL ORDER BY sort_order, id",
			"i", r->id);
	while (s && k < r->n_tg && db_step(s) == DB_ROW) {
		r->tg_id[k] = db_column_int(s, 0);
		r->tg_dept[k] = db_column_int(s, 1);
		r->tg_order[k++] = db_column_int(s, 2);
	}
	db_finalize(s);
	return s ? 0 : -1;
}

/* Every area's indicators add up to its points; else the reason in why. */
static int round_sound(const struct round *r, struct db_conn *c, char *why, size_t whylen)
{
	if (!r->n_tg) {
		snprintf(why, whylen, "평가 대상 부서가 없습니다. 대상을 먼저 등록하십시오.");
		return 0;
	}
	if (!r->n_ind) {
		snprintf(why, whylen, "평가 지표가 없습니다. 지표를 먼저 등록하십시오.");
		return 0;
	}
	for (size_t a = 0; a < r->n_areas; a++) {
		int64_t sum = 0;
		for (size_t i = 0; i < r->n_ind; i++)
			if (r->ind_area[i] == r->area_id[a])
				sum += r->ind_weight[i];
		if (sum != r->area_weight[a]) {
			char name[200] = "";
			struct db_stmt *s =
				db_preparef(c, "SELECT name FROM evaluation_areas WHERE id = ?",
					    "i", r->area_id[a]);
			if (s && db_step(s) == DB_ROW)
				snprintf(name, sizeof name, "%s", db_column_text(s, 0));
			db_finalize(s);
			snprintf(
				why, whylen,
				"%s 분야의 지표 배점 합(%lld)이 분야 배점(%lld)과 다릅니다. 지표의 "
				"배점이나 분야의 배점을 고치십시오.",
				name, (long long)sum, (long long)r->area_weight[a]);
			return 0;
		}
	}
	return 1;
}

/* Indicator i (computed): num and den for every target, then points. */
static int compute_measured(struct db_conn *c, struct round *r, size_t i)
{
	const struct evaluations_measure *m = evaluations_measure(r->ind_measure[i]);
	if (!m)
		return -1;
	double *raw = xcalloc(r->n_tg + 1, sizeof *raw), *pts = xcalloc(r->n_tg + 1, sizeof *pts);
	int bad = 0;
	for (size_t t = 0; t < r->n_tg && !bad; t++) {
		int64_t *num = &r->num[i * r->n_tg + t], *den = &r->den[i * r->n_tg + t];
		*num = measure_int(c, m->num_sql, m->pat, r->org, r->tg_dept[t], r->from, r->to);
		*den = m->den_sql ? measure_int(c, m->den_sql, m->den_pat, r->org, r->tg_dept[t],
						r->from, r->to)
				  : 1;
		bad = *num < 0 || *den < 0;
		*den *= m->den_scale;
		raw[t] = *den ? (double)*num * (double)m->raw_scale / (double)*den : 0;
	}
	enum score_norm k = !strcmp(r->ind_norm[i], "rank_bands") ? NORM_RANK_BANDS
			    : !strcmp(r->ind_norm[i], "target")	  ? NORM_TARGET
								  : NORM_RATIO_BEST;
	scoring_normalise(k, raw, r->n_tg, (double)r->ind_weight[i], (double)r->ind_target[i] / 2.0,
			  pts);
	for (size_t t = 0; t < r->n_tg; t++)
		r->points[i * r->n_tg + t] = hundredths(pts[t]);
	free(raw);
	free(pts);
	return bad ? -1 : 0;
}

/* Indicator i (scored): each evaluator's latest score for every target,
 * their mean made points (num: the scores' halves, den: twice the sheets). */
static int compute_scored(struct db_conn *c, struct round *r, size_t i)
{
	struct score_criterion crit = {.name = "",
				       .weight = (double)r->ind_weight[i],
				       .lo = (double)r->ind_lo[i],
				       .hi = (double)r->ind_hi[i]};
	for (size_t t = 0; t < r->n_tg; t++) {
		struct db_stmt *s = db_preparef(
			c,
			"SELECT /* bounded: a target's sheets of one indicator */ s.id, s.score "
			"FROM "
			"evaluation_scores s WHERE s.target_id = ? AND s.indicator_id = ? AND "
			"s.archived_at IS NULL AND s.version = (SELECT MAX(x.version) FROM "
			"evaluation_scores x WHERE x.target_id = s.target_id AND x.indicator_id = "
			"s.indicator_id AND x.evaluator_user_id = s.evaluator_user_id) ORDER BY "
			"s.evaluator_user_id",
			"ii", r->tg_id[t], r->ind_id[i]);
		struct score_sheet sheets[64];
		double scores[64];
		size_t n = 0;
		int64_t halves = 0;
		int rc = DB_ERR;
		while (s && (rc = db_step(s)) == DB_ROW && n < 64) {
			int64_t h = db_column_int(s, 1);
			halves += h;
			scores[n] = (double)h / 2.0;
			sheets[n] =
				(struct score_sheet){.id = db_column_int(s, 0),
						     .total = scoring_total(&crit, 1, &scores[n]),
						     .scores = &scores[n]};
			n++;
		}
		db_finalize(s);
		if (rc == DB_ERR)
			return -1;
		struct score_outcome o;
		struct score_rule rule = {.agg = SCORE_MEAN};
		scoring_aggregate(&rule, sheets, n, &o);
		r->num[i * r->n_tg + t] = halves;
		r->den[i * r->n_tg + t] = 2 * (int64_t)n;
		r->points[i * r->n_tg + t] = hundredths(o.final);
	}
	return 0;
}

/* Writes the version: its values, the ranked totals, the version row. */
static int write_version(struct db_conn *c, struct round *r, int64_t version, const char *kind,
			 const char *by, const char *reason)
{
	size_t heavy = 0; /* the tie rule's area: the heaviest, the first of equals */
	for (size_t a = 1; a < r->n_areas; a++)
		if (r->area_weight[a] > r->area_weight[heavy])
			heavy = a;
	struct score_rank *ranks = xcalloc(r->n_tg + 1, sizeof *ranks);
	int ok = 1;
	for (size_t i = 0; i < r->n_ind && ok; i++)
		ok = db_run(c, NULL,
			    "INSERT INTO evaluation_result_indicators (org_id, evaluation_id, "
			    "version, "
			    "indicator_id, area_id, area_name, area_weight, position, name, "
			    "weight, "
			    "method, measure, norm, target_value, score_lo, score_hi) VALUES (?, "
			    "?, ?, "
			    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "iiiiitiititttiii", r->org, r->id, version, r->ind_id[i],
			    r->ind_area[i], r->ind_area_name[i], r->ind_area_weight[i],
			    (int64_t)i + 1, r->ind_name[i], r->ind_weight[i], r->ind_method[i],
			    r->ind_measure[i], r->ind_norm[i], r->ind_target[i], r->ind_lo[i],
			    r->ind_hi[i]) == DB_OK;
	for (size_t t = 0; t < r->n_tg; t++) {
		int64_t total = 0, tie = 0;
		for (size_t i = 0; i < r->n_ind && ok; i++) {
			int64_t p = r->points[i * r->n_tg + t];
			total += p;
			if (r->n_areas && r->ind_area[i] == r->area_id[heavy])
				tie += p;
			ok = db_run(c, NULL,
				    "INSERT INTO evaluation_result_values (org_id, evaluation_id, "
				    "version, target_id, indicator_id, num, den, points) VALUES "
				    "(?, "
				    "?, ?, ?, ?, ?, ?, ?)",
				    "iiiiiiii", r->org, r->id, version, r->tg_id[t], r->ind_id[i],
				    r->num[i * r->n_tg + t], r->den[i * r->n_tg + t], p) == DB_OK;
		}
		for (size_t a = 0; a < r->n_areas && ok; a++) {
			int64_t sum = 0;
			for (size_t i = 0; i < r->n_ind; i++)
				if (r->ind_area[i] == r->area_id[a])
					sum += r->points[i * r->n_tg + t];
			ok = db_run(c, NULL,
				    "INSERT INTO evaluation_result_areas (org_id, evaluation_id, "
				    "version, "
				    "target_id, area_id, points) VALUES (?, ?, ?, ?, ?, ?)",
				    "iiiiii", r->org, r->id, version, r->tg_id[t], r->area_id[a],
				    sum) == DB_OK;
		}
		ranks[t] = (struct score_rank){.id = (int64_t)t,
					       .final = (double)total / 100.0,
					       .tie = (double)tie / 100.0,
					       .order = r->tg_order[t] * 1000000 + r->tg_id[t]};
	}
	scoring_rank(ranks, r->n_tg);
	scoring_tiers(ranks, r->n_tg, r->counts, 2);
	for (size_t k = 0; k < r->n_tg && ok; k++) {
		size_t t = (size_t)ranks[k].id;
		ok = db_run(c, NULL,
			    "INSERT INTO evaluation_results (org_id, evaluation_id, version, "
			    "target_id, department_id, total, tie, rank, tier, tie_broken) VALUES "
			    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "iiiiiiiiii", r->org, r->id, version, r->tg_id[t], r->tg_dept[t],
			    hundredths(ranks[k].final), hundredths(ranks[k].tie),
			    (int64_t)ranks[k].rank, (int64_t)ranks[k].tier,
			    (int64_t)ranks[k].tie_broken) == DB_OK;
	}
	free(ranks);
	char now[24];
	utc_now(0, now);
	return ok &&
			       db_run(c, NULL,
				      "INSERT INTO evaluation_versions (org_id, evaluation_id, "
				      "version, kind, period_from, period_to, computed_at, "
				      "computed_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				      "iiitttttt", r->org, r->id, version, kind, r->from, r->to,
				      now, by, reason && *reason ? reason : NULL) == DB_OK &&
			       db_run(c, NULL,
				      "UPDATE evaluations SET version = ?, updated_at = ? WHERE id "
				      "= ?",
				      "iti", version, now, r->id) == DB_OK
		       ? 0
		       : -1;
}

enum err evaluations_compute(struct db_conn *c, int64_t org, int64_t round, const char *kind,
			     const char *by, const char *reason, int64_t *version, char *why,
			     size_t whylen)
{
	struct round r = {.org = org, .id = round};
	enum err e = ERR_DB_UNAVAILABLE;
	why[0] = '\0';
	if (round_read(c, &r) == 0) {
		e = ERR_OK;
		if (!round_sound(&r, c, why, whylen))
			e = ERR_INVALID;
		for (size_t i = 0; e == ERR_OK && i < r.n_ind; i++)
			if ((!strcmp(r.ind_method[i], "scored") ? compute_scored(c, &r, i)
								: compute_measured(c, &r, i)) != 0)
				e = ERR_DB_UNAVAILABLE;
		int rc;
		*version = 1 +
			   db_int(c, &rc, 0,
				  "SELECT COALESCE(MAX(version), 0) FROM evaluation_versions WHERE "
				  "evaluation_id = ?",
				  "i", round);
		if (e == ERR_OK &&
		    (rc == DB_ERR || write_version(c, &r, *version, kind, by, reason)))
			e = ERR_DB_UNAVAILABLE;
	}
	round_free(&r);
	return e;
}
