/*
 * pages.c: a round's results (the ranking, the incentive tiers, per target
 * the raw value and points of every indicator, the area totals and the
 * arithmetic), the drill-down from a computed figure to the records it
 * counted, the XLSX export (a sheet an area, and the ranking) and the
 * printable table; the show pages' extra parts of a round and a target.
 *
 * Everything shown is read from a stored version of the results, never
 * recomputed here, so a page of a closed round shows what closing found.
 * Who sees what (evaluations.h): an administrator every target; an
 * evaluator the targets assigned; a manager or member, once the round is
 * published, the ranking and their own department's details.  The pages
 * are every staff role's (the route's roles), so what a reader may not see
 * yet is not an error: the page answers with a notice saying why, and no
 * figure (an unpublished round, a round not assigned, another department).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/evaluations/evaluations.h"
#include "mod/scoring/scoring.h"
#include "sheet/sheet.h"

/* How much of a round the reader sees. */
enum reach {
	REACH_ALL,	/* an administrator */
	REACH_ASSIGNED, /* an evaluator: the targets assigned */
	REACH_OWN,	/* a department: the ranking, and its own details */
};

/* A result's position in view.results, found by its target. */
struct tpos {
	int64_t target;
	size_t pos;
};

/* What one page reads of a round. */
struct view {
	enum reach reach;
	int64_t org, id, version;
	json_t *round;	    /* the round's row */
	json_t *areas;	    /* [{#id, name, #weight}] */
	json_t *indicators; /* [{#id, #area_id, name, #weight, method, measure, norm, …}] */
	json_t *results;    /* [{#target_id, #department_id, department, #total, …}] by rank */
	json_t *values;	    /* [{#target_id, #indicator_id, #num, #den, #points}] */
	char my_path[400];  /* the reader's department's path and id ("/3/17/40/") */
	const char *hidden; /* why the reader sees no result of the round; NULL: they do */
	json_t *cell;	    /* "target/indicator" → its value in values (borrowed) */
	int64_t *area_pts;  /* [result position × areas + area position]: hundredths */
	struct tpos *by_target; /* the results' positions by target id, sorted */
	json_t *best;		/* indicator id → the best raw figure among the targets (real) */
	struct assigned_ids mine; /* REACH_ASSIGNED: the targets assigned to the reader */
};

static void view_free(struct view *v)
{
	json_decref(v->round), json_decref(v->areas), json_decref(v->indicators);
	json_decref(v->results), json_decref(v->values), json_decref(v->cell);
	json_decref(v->best);
	free(v->area_pts), free(v->by_target);
	role_assigned_free(&v->mine);
}

static const char *hundredths_text(int64_t h, char out[32])
{
	return scoring_text((double)h / 100.0, out);
}

/* The round, and whether the reader may see its results (v->hidden says
 * why not): ERR_OK, ERR_NOT_FOUND or ERR_DB_UNAVAILABLE. */
static enum err view_open(struct request *req, struct response *res, struct view *v)
{
	struct db_conn *c = request_db(req);
	v->org = req->who.org_id;
	v->id = request_query_int(req, "round", 0);
	if (!v->id) /* the newest round with results, else the newest */
		v->id = db_int(
			c, NULL, 0,
			"SELECT /* bounded: the organisation's few rounds */ COALESCE(MAX(id), "
			"0) FROM evaluations WHERE org_id = ? AND archived_at IS NULL AND "
			"year = (SELECT MAX(year) FROM evaluations WHERE org_id = ? AND "
			"archived_at IS NULL AND version > 0) AND version > 0",
			"ii", v->org, v->org);
	if (!v->id)
		v->id = db_int(
			c, NULL, 0,
			"SELECT /* bounded: the organisation's few rounds */ COALESCE(MAX(id), "
			"0) FROM evaluations WHERE org_id = ? AND archived_at IS NULL",
			"i", v->org);
	static const char *const keys[] = {
		"#id",	     "title",	    "#year",	       "subject",    "period_from",
		"period_to", "held_in",	    "status",	       "#published", "linked_to",
		"#version",  "#best_count", "#excellent_count"};
	json_t *rows = query_rows(
		db_preparef(
			c,
			"SELECT id, title, year, subject, period_from, period_to, "
			"COALESCE(held_in, ''), status, published, COALESCE(linked_to, ''), "
			"version, best_count, excellent_count FROM evaluations WHERE id = ? AND "
			"org_id = ? AND archived_at IS NULL",
			"ii", v->id, v->org),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	v->round = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!v->round)
		return ERR_NOT_FOUND;
	int rc = DB_OK;
	switch (req->who.role) {
	case ROLE_ADMIN: v->reach = REACH_ALL; break;
	case ROLE_EVALUATOR:
		v->reach = REACH_ASSIGNED;
		if (!db_int(c, &rc, 0,
			    "SELECT COUNT(*) FROM user_assignments WHERE user_id = ? AND entity = "
			    "'evaluations' AND record_id = ?",
			    "ii", req->who.user_id, v->id))
			v->hidden = "배정받은 평가의 결과만 볼 수 있습니다.";
		if (rc == DB_ERR ||
		    role_assigned(c, req->who.user_id, "evaluation-targets", &v->mine) < 0)
			return ERR_DB_UNAVAILABLE;
		break;
	default:
		v->reach = REACH_OWN;
		if (!row_int(v->round, "published"))
			v->hidden =
				"평가 결과가 아직 공개되지 않았습니다. 공개된 뒤에 볼 수 있습니다.";
		struct db_stmt *s = db_preparef(c,
						"SELECT path, id FROM departments WHERE id = ? AND "
						"org_id = ?",
						"ii", req->who.department_id, v->org);
		if (s && db_step(s) == DB_ROW)
			snprintf(v->my_path, sizeof v->my_path, "%s%lld/", db_column_text(s, 0),
				 (long long)db_column_int(s, 1));
		db_finalize(s);
	}
	v->version = request_query_int(req, "version", row_int(v->round, "version"));
	return ERR_OK;
}

/* 1 if the reader sees target's details (its department dept). */
static int sees_details(struct request *req, const struct view *v, int64_t target, int64_t dept)
{
	if (v->reach == REACH_ALL)
		return 1;
	if (v->reach == REACH_ASSIGNED)
		return role_assigned_has(&v->mine, target);
	char part[32];
	snprintf(part, sizeof part, "/%lld/", (long long)dept);
	return v->my_path[0] && strstr(v->my_path, part) != NULL;
}

static double raw_of(const json_t *ind, const json_t *val);

/* The version's values found by target and indicator, and each indicator's
 * best raw figure: read once, so a page of every target is one pass. */
static void view_index(struct view *v)
{
	v->cell = json_object();
	v->best = json_object();
	json_t *by_id = json_object(), *ind, *val;
	size_t i;
	char key[48];
	json_array_foreach(v->indicators, i, ind)
	{
		snprintf(key, sizeof key, "%lld", (long long)row_int(ind, "id"));
		json_object_set(by_id, key, ind);
	}
	json_array_foreach(v->values, i, val)
	{
		snprintf(key, sizeof key, "%lld", (long long)row_int(val, "indicator_id"));
		ind = json_object_get(by_id, key);
		double r = ind ? raw_of(ind, val) : 0,
		       best = json_real_value(json_object_get(v->best, key));
		if (!json_object_get(v->best, key) || r > best)
			json_object_set_new(v->best, key, json_real(r));
		snprintf(key, sizeof key, "%lld/%lld", (long long)row_int(val, "target_id"),
			 (long long)row_int(val, "indicator_id"));
		json_object_set(v->cell, key, val);
	}
	json_decref(by_id);
}

static int by_target(const void *a, const void *b)
{
	int64_t x = ((const struct tpos *)a)->target, y = ((const struct tpos *)b)->target;
	return (x > y) - (x < y);
}

/* The position of target's result in v->results, or (size_t)-1. */
static size_t result_pos(const struct view *v, int64_t target)
{
	struct tpos key = {target, 0},
		    *hit = bsearch(&key, v->by_target, json_array_size(v->results), sizeof key,
				   by_target);
	return hit ? hit->pos : (size_t)-1;
}

/* The position of area in v->areas, or (size_t)-1. */
static size_t area_pos(const struct view *v, int64_t area)
{
	size_t i;
	json_t *a;
	json_array_foreach(v->areas, i, a) if (row_int(a, "id") == area) return i;
	return (size_t)-1;
}

/* A target's points in the area at position k (hundredths). */
static int64_t points_in(const struct view *v, size_t result, size_t k)
{
	return result == (size_t)-1 ? 0 : v->area_pts[result * json_array_size(v->areas) + k];
}

/* Every result's points in every area, read into v->area_pts; 0 or -1. */
static int area_points(struct db_conn *c, struct view *v)
{
	size_t n = json_array_size(v->results), na = json_array_size(v->areas), i;
	v->by_target = xcalloc(n + 1, sizeof *v->by_target);
	v->area_pts = xcalloc(n * na + 1, sizeof *v->area_pts);
	json_t *r;
	json_array_foreach(v->results, i, r) v->by_target[i] =
		(struct tpos){row_int(r, "target_id"), i};
	qsort(v->by_target, n, sizeof *v->by_target, by_target);
	struct db_stmt *s = db_preparef(c,
					"SELECT /* bounded: one version's targets and areas */ "
					"target_id, area_id, points FROM evaluation_result_areas "
					"WHERE evaluation_id = ? AND version = ?",
					"ii", v->id, v->version);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		size_t t = result_pos(v, db_column_int(s, 0)), k = area_pos(v, db_column_int(s, 1));
		if (t != (size_t)-1 && k != (size_t)-1)
			v->area_pts[t * na + k] = db_column_int(s, 2);
	}
	db_finalize(s);
	return rc == DB_OK ? 0 : -1;
}

/* The version's areas, indicators, ranked results with their area points,
 * and with values (a page that shows them) its values. */
/* Appends an area to v->areas unless it is the last one there: the
 * version's indicators come area by area. */
static void add_area(struct view *v, int64_t id, const char *name, int64_t weight)
{
	json_t *last = json_array_get(v->areas, json_array_size(v->areas) - 1);
	if (last && row_int(last, "id") == id)
		return;
	json_t *a = json_object();
	json_object_set_new(a, "id", json_integer(id));
	json_object_set_new(a, "name", json_string(name));
	json_object_set_new(a, "weight", json_integer(weight));
	json_array_append_new(v->areas, a);
}

/* The areas as the version counted them, in its order: from the
 * indicators read, or (a page with no values) read on their own. */
static int areas_of_indicators(struct view *v)
{
	size_t i;
	json_t *ind;
	json_array_foreach(v->indicators, i, ind)
		add_area(v, row_int(ind, "area_id"), row_text(ind, "area_name"),
			 row_int(ind, "area_weight"));
	return 0;
}

static int areas_read(struct db_conn *c, struct view *v)
{
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT /* bounded: a version's indicators */ area_id, area_name, "
			    "area_weight FROM evaluation_result_indicators WHERE evaluation_id = ? "
			    "AND version = ? ORDER BY position",
			    "ii", v->id, v->version);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW)
		add_area(v, db_column_int(s, 0), db_column_text(s, 1), db_column_int(s, 2));
	db_finalize(s);
	return rc == DB_OK ? 0 : -1;
}

static enum err view_read(struct request *req, struct view *v, int values)
{
	struct db_conn *c = request_db(req);
	static const char *const ikeys[] = {"#id",	 "#area_id",  "name",	   "#weight",
					    "method",	 "measure",   "norm",	   "#target_value",
					    "#score_lo", "#score_hi", "area_name", "#area_weight"};
	/* a page of no values needs only the areas of the indicators */
	int all = values || req->api;
	v->indicators =
		all ? query_rows(
			      db_preparef(c,
					  "SELECT /* bounded: a version's indicators */ "
					  "indicator_id, area_id, name, weight, method, measure, "
					  "norm, target_value, score_lo, score_hi, area_name, "
					  "area_weight FROM evaluation_result_indicators WHERE "
					  "evaluation_id = ? AND version = ? ORDER BY position",
					  "ii", v->id, v->version),
			      ikeys, COUNT_OF(ikeys))
		    : json_array();
	v->areas = json_array();
	if (!v->indicators || (all ? areas_of_indicators(v) : areas_read(c, v)) != 0)
		return ERR_DB_UNAVAILABLE;
	static const char *const rkeys[] = {"#target_id", "#department_id", "department",
					    "#total",	  "#tie",	    "#rank",
					    "#tier",	  "#tie_broken"};
	v->results = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one version's targets */ r.target_id, "
			"r.department_id, d.name, r.total, r.tie, r.rank, r.tier, r.tie_broken "
			"FROM evaluation_results r JOIN departments d ON d.id = r.department_id "
			"WHERE r.evaluation_id = ? AND r.version = ? ORDER BY r.rank, r.id",
			"ii", v->id, v->version),
		rkeys, COUNT_OF(rkeys));
	if (!v->results || area_points(c, v) != 0)
		return ERR_DB_UNAVAILABLE;
	static const char *const vkeys[] = {"#target_id", "#indicator_id", "#num", "#den",
					    "#points"};
	v->values =
		!values ? json_array()
			: query_rows(db_preparef(c,
						 "SELECT /* bounded: one version's values */ "
						 "target_id, indicator_id, "
						 "num, den, points FROM evaluation_result_values "
						 "WHERE evaluation_id = ? "
						 "AND version = ? ORDER BY target_id, indicator_id",
						 "ii", v->id, v->version),
				     vkeys, COUNT_OF(vkeys));
	if (!v->values)
		return ERR_DB_UNAVAILABLE;
	if (values)
		view_index(v);
	return ERR_OK;
}

/* A value's raw figure as people read it (num / den in the measure's unit). */
static double raw_of(const json_t *ind, const json_t *val)
{
	int64_t num = row_int(val, "num"), den = row_int(val, "den");
	if (!den)
		return 0;
	const struct evaluations_measure *m = evaluations_measure(row_text(ind, "measure"));
	double scale = m ? (double)m->raw_scale : 1;
	return (double)num * scale / (double)den;
}

/* The best raw figure of indicator ind among the version's values. */
static double best_raw(const struct view *v, const json_t *ind)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)row_int(ind, "id"));
	return json_real_value(json_object_get(v->best, key));
}

/* The arithmetic of one value's points. */
static void explain(const struct view *v, const json_t *ind, const json_t *val, struct buf *out)
{
	char a[32], b[32], p[32], w[32], lo[32], hi[32];
	double raw = raw_of(ind, val);
	int64_t weight = row_int(ind, "weight");
	hundredths_text(row_int(val, "points"), p);
	scoring_text((double)weight, w);
	if (!strcmp(row_text(ind, "method"), "scored")) {
		int64_t n = row_int(val, "den") / 2;
		if (!n) {
			buf_printf(out, "채점한 평가위원 없음 → 0");
			return;
		}
		buf_printf(out,
			   "평가위원 %lld명의 평균 %s점 → 배점 %s × (평균 − %s) ÷ (%s − %s) = %s",
			   (long long)n,
			   scoring_text(
				   scoring_round((double)row_int(val, "num") / 2.0 / (double)n), a),
			   w, scoring_text((double)row_int(ind, "score_lo"), lo),
			   scoring_text((double)row_int(ind, "score_hi"), hi), lo, p);
		return;
	}
	const char *norm = row_text(ind, "norm");
	scoring_text(scoring_round(raw), a);
	if (!strcmp(norm, "target"))
		buf_printf(out, "배점 %s × min(%s ÷ 목표 %s, 1) = %s", w, a,
			   scoring_text((double)row_int(ind, "target_value") / 2.0, b), p);
	else if (!strcmp(norm, "rank_bands"))
		buf_printf(out, "실적 %s의 순위 구간 → 배점 %s × %s%% = %s", a, w,
			   scoring_text(
				   weight ? (double)row_int(val, "points") / (double)weight : 0, b),
			   p);
	else
		buf_printf(out, "배점 %s × %s ÷ 최고 실적 %s = %s", w, a,
			   scoring_text(scoring_round(best_raw(v, ind)), b), p);
}

/* One target's area totals, and with values its values in indicator
 * order with their arithmetic. */
static json_t *target_details(const struct view *v, int64_t target, int values)
{
	json_t *vals = json_array(), *areas = json_array();
	size_t i, k;
	json_t *area, *ind, *val;
	json_array_foreach(v->areas, k, area)
	{
		json_array_foreach(values ? v->indicators : NULL, i, ind)
		{
			if (row_int(ind, "area_id") != row_int(area, "id"))
				continue;
			char key[48];
			snprintf(key, sizeof key, "%lld/%lld", (long long)target,
				 (long long)row_int(ind, "id"));
			val = json_object_get(v->cell, key);
			if (val && values) {
				char raw[32], pts[32], num[32];
				struct buf how = BUF_INIT;
				explain(v, ind, val, &how);
				const struct evaluations_measure *m =
					evaluations_measure(row_text(ind, "measure"));
				int computed = strcmp(row_text(ind, "method"), "scored") != 0;
				json_array_append_new(
					vals,
					json_pack(
						"{s:s, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:s, "
						"s:s, "
						"s:b, s:I}",
						"area", row_text(area, "name"), "indicator",
						row_text(ind, "name"), "indicator_id",
						(json_int_t)row_int(ind, "id"), "raw",
						scoring_text(scoring_round(raw_of(ind, val)), raw),
						"unit", m ? m->unit : "점", "points",
						hundredths_text(row_int(val, "points"), pts), "num",
						(json_int_t)row_int(val, "num"), "den",
						(json_int_t)row_int(val, "den"), "num_text",
						m && m->den_scale == 2
							? halves_text(row_int(val, "num"), num)
							: scoring_text((double)row_int(val, "num"),
								       num),
						"explain", how.data ? how.data : "", "computed",
						computed, "weight",
						(json_int_t)row_int(ind, "weight")));
				buf_free(&how);
			}
		}
		char s[32];
		int64_t sum = points_in(v, result_pos(v, target), k);
		json_array_append_new(areas,
				      json_pack("{s:s, s:I, s:s}", "name", row_text(area, "name"),
						"weight", (json_int_t)row_int(area, "weight"),
						"points", hundredths_text(sum, s)));
	}
	json_t *out = json_pack("{s:o}", "areas", areas);
	if (values)
		json_object_set_new(out, "values", vals);
	else
		json_decref(vals);
	return out;
}

/* One row of the ranking table as the page shows it, escaped: rank,
 * department (a link to its details when the reader sees them), total, the
 * points of each area, the tier. */
static void rank_row_html(const struct view *v, const json_t *r, size_t pos, int sees,
			  struct buf *out)
{
	char t[32];
	int64_t target = row_int(r, "target_id");
	const char *dept = row_text(r, "department");
	buf_puts(out, "<tr><td>");
	buf_put_int(out, row_int(r, "rank"));
	buf_puts(out, "</td><td>");
	if (sees) {
		buf_puts(out, "<a href=\"/evaluations/results?round=");
		buf_put_int(out, v->id);
		buf_puts(out, "&amp;version=");
		buf_put_int(out, v->version);
		buf_puts(out, "&amp;target=");
		buf_put_int(out, target);
		buf_puts(out, "#t");
		buf_put_int(out, target);
		buf_puts(out, "\">");
	}
	buf_put_html(out, dept, strlen(dept));
	buf_puts(out, sees ? "</a></td><td>" : "</td><td>");
	buf_puts(out, hundredths_text(row_int(r, "total"), t));
	for (size_t k = 0; k < json_array_size(v->areas); k++) {
		buf_puts(out, "</td><td>");
		buf_puts(out, hundredths_text(points_in(v, pos, k), t));
	}
	buf_puts(out, "</td><td>");
	buf_puts(out, scoring_tier_label((int)row_int(r, "tier")));
	buf_puts(out, "</td></tr>");
}

/* The results document of the view: the ranking with each target's area
 * totals, and the values of target only (> 0), of none (0) or of every
 * target the reader may see (-1).  A page (not the API) gets the ranking
 * table's rows as HTML in "rank_html", and in "rows" only the targets
 * whose values it shows unless only is -1 (the printable table and the
 * workbook read every row). */
static json_t *results_doc(struct request *req, struct view *v, int64_t only)
{
	json_t *rows = json_array();
	int64_t best = 0, excellent = 0;
	int page = !req->api, all_rows = req->api || only < 0;
	struct buf html = BUF_INIT;
	size_t i;
	json_t *r;
	json_array_foreach(v->hidden ? NULL : v->results, i, r)
	{
		int64_t target = row_int(r, "target_id"), dept = row_int(r, "department_id");
		if (v->reach == REACH_ASSIGNED && !sees_details(req, v, target, dept))
			continue;
		best += row_int(r, "tier") == 1;
		excellent += row_int(r, "tier") == 2;
		int sees = sees_details(req, v, target, dept),
		    open = sees && (only < 0 || only == target);
		if (page)
			rank_row_html(v, r, i, sees, &html);
		if (!all_rows && !open)
			continue;
		char total[32], tie[32];
		json_t *row = json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:s, s:I}",
					"target_id", (json_int_t)target, "department_id",
					(json_int_t)dept, "department", row_text(r, "department"),
					"total", hundredths_text(row_int(r, "total"), total), "tie",
					hundredths_text(row_int(r, "tie"), tie), "rank",
					(json_int_t)row_int(r, "rank"), "tier",
					(json_int_t)row_int(r, "tier"), "tier_label",
					scoring_tier_label((int)row_int(r, "tier")), "tie_broken",
					(json_int_t)row_int(r, "tie_broken"));
		json_t *details = target_details(v, target, open);
		json_object_update(row, details);
		json_decref(details);
		json_object_set_new(row, "details", json_boolean(sees));
		json_object_set_new(row, "open",
				    json_boolean(json_object_get(row, "values") != NULL));
		json_array_append_new(rows, row);
	}
	static const char *const vkeys[] = {"#version",	 "kind",	"period_from",
					    "period_to", "computed_at", "computed_by",
					    "reason"};
	json_t *versions = query_rows(
		db_preparef(request_db(req),
			    "SELECT /* bounded: a round's versions */ version, kind, period_from, "
			    "period_to, computed_at, computed_by, COALESCE(reason, '') FROM "
			    "evaluation_versions WHERE evaluation_id = ? ORDER BY version",
			    "i", v->id),
		vkeys, COUNT_OF(vkeys));
	json_t *shown = NULL;
	json_array_foreach(versions, i, r)
	{
		/* as people read them: 마감 / 재계산, "2006-11-30 09:00 (UTC)" */
		json_object_set_new(
			r, "kind_label",
			json_string(strcmp(row_text(r, "kind"), "close") ? "재계산" : "마감"));
		char at[32];
		snprintf(at, sizeof at, "%.16s (UTC)", row_text(r, "computed_at"));
		if (strlen(at) > 10 && at[10] == 'T')
			at[10] = ' ';
		json_object_set_new(r, "computed_at_text", json_string(at));
		if (row_int(r, "version") == v->version)
			shown = r;
	}
	const char *heavy = "";
	int64_t w = -1;
	json_array_foreach(v->areas, i, r) if (row_int(r, "weight") > w)
	{
		w = row_int(r, "weight");
		heavy = row_text(r, "name");
	}
	char rule[400] = "";
	if (*heavy)
		snprintf(rule, sizeof rule,
			 "총점이 같으면 %s 분야 점수가 높은 부서, 그것도 같으면 대상 목록의 "
			 "순서(직제순)가 "
			 "앞선 부서가 앞섭니다. 최우수 %lld, 우수 %lld 부서를 순위대로 정합니다.",
			 heavy, (long long)row_int(v->round, "best_count"),
			 (long long)row_int(v->round, "excellent_count"));
	json_t *doc =
		json_pack("{s:O, s:I, s:o, s:O, s:O, s:I, s:I, s:I, s:s, s:b, s:b}", "round",
			  v->round, "version", (json_int_t)v->version, "rows", rows, "areas",
			  v->areas, "indicators", v->indicators, "target_count",
			  (json_int_t)json_array_size(v->results), "best_count", (json_int_t)best,
			  "excellent_count", (json_int_t)excellent, "tie_rule", rule, "all",
			  v->reach == REACH_ALL, "has_results", json_array_size(v->results) > 0);
	json_object_set_new(doc, "versions", versions && !v->hidden ? versions : json_array());
	if (!versions || v->hidden)
		json_decref(versions);
	if (v->hidden) {
		json_object_set_new(doc, "hidden", json_string(v->hidden));
		json_object_set_new(doc, "has_results", json_false());
		json_object_set_new(doc, "target_count", json_integer(0));
		shown = NULL;
	}
	if (shown)
		json_object_set(doc, "shown", shown);
	json_object_set_new(doc, "incentives", json_integer(best + excellent));
	if (page) /* escaped text read from the database, which is UTF-8 checked there */
		json_object_set_new(doc, "rank_html",
				    json_stringn_nocheck(html.data ? html.data : "", html.len));
	buf_free(&html);
	return doc;
}

/* The view and its document for a results page; ERR_OK or an error. */
static enum err results_of(struct request *req, struct response *res, struct view *v, int64_t only,
			   json_t **doc)
{
	enum err e = view_open(req, res, v);
	if (!e)
		e = view_read(req, v, only != 0);
	if (!e)
		*doc = results_doc(req, v, only);
	return e;
}

/* A results page: the ranking and the values of ?target= (the page) or of
 * every target (the printable table). */
static enum err results_page(struct request *req, struct response *res, int64_t only)
{
	struct view v = {0};
	json_t *doc = NULL;
	enum err e = results_of(req, res, &v, only, &doc);
	view_free(&v);
	if (doc && only > 0)
		json_object_set_new(doc, "target", json_integer(only));
	res->doc = doc;
	return e;
}

enum err evaluations_page_results(struct request *req, struct response *res)
{
	return results_page(req, res, request_query_int(req, "target", 0));
}

enum err evaluations_page_print(struct request *req, struct response *res)
{
	return results_page(req, res, -1);
}

enum { RECORDS_PAGE = 100 }; /* records a page of the drill-down lists */

/* The drill-down: what a computed figure of a version counted, every one
 * counted, RECORDS_PAGE of them a page listed (?page=). */
enum err evaluations_page_records(struct request *req, struct response *res)
{
	struct view v = {0};
	enum err e = view_open(req, res, &v);
	struct db_conn *c = request_db(req);
	int64_t target = request_query_int(req, "target", 0),
		indicator = request_query_int(req, "indicator", 0);
	json_t *doc = NULL;
	struct db_stmt *s = NULL;
	char from[11] = "", to[11] = "", dname[200] = "", iname[200] = "", measure[40] = "";
	int64_t dept = 0, num = 0, den = 0, points = 0;
	if (!e && (!target || !indicator))
		v.hidden = "평가 결과 화면에서 부서의 실적을 골라 근거 기록을 보십시오.";
	else if (!e) {
		s = db_preparef(
			c,
			"SELECT p.period_from, p.period_to, t.department_id, d.name, i.name, "
			"i.measure, x.num, x.den, x.points FROM evaluation_versions p JOIN "
			"evaluation_result_values x ON x.evaluation_id = p.evaluation_id AND "
			"x.version = p.version JOIN evaluation_targets t ON t.id = x.target_id "
			"JOIN "
			"departments d ON d.id = t.department_id JOIN evaluation_result_indicators "
			"i "
			"ON i.evaluation_id = p.evaluation_id AND i.version = p.version AND "
			"i.indicator_id = x.indicator_id WHERE p.evaluation_id = ? AND p.version = "
			"? "
			"AND x.target_id = ? AND x.indicator_id = ? AND i.method = 'computed'",
			"iiii", v.id, v.version, target, indicator);
		int rc = s ? db_step(s) : DB_ERR;
		if (rc == DB_ROW) {
			snprintf(from, sizeof from, "%s", db_column_text(s, 0));
			snprintf(to, sizeof to, "%s", db_column_text(s, 1));
			dept = db_column_int(s, 2);
			snprintf(dname, sizeof dname, "%s", db_column_text(s, 3));
			snprintf(iname, sizeof iname, "%s", db_column_text(s, 4));
			snprintf(measure, sizeof measure, "%s", db_column_text(s, 5));
			num = db_column_int(s, 6);
			den = db_column_int(s, 7);
			points = db_column_int(s, 8);
		}
		db_finalize(s);
		e = rc == DB_ERR ? ERR_DB_UNAVAILABLE : rc != DB_ROW ? ERR_NOT_FOUND : ERR_OK;
	}
	if (!e && !v.hidden && !sees_details(req, &v, target, dept))
		v.hidden = "이 부서의 평가 결과는 볼 수 없습니다.";
	const struct evaluations_measure *m = evaluations_measure(measure);
	if (!e && !m && !v.hidden)
		e = ERR_NOT_FOUND;
	if (!e && v.hidden)
		doc = json_pack("{s:O, s:s, s:[]}", "round", v.round, "hidden", v.hidden,
				"records");
	else if (!e) {
		/* every record is counted; a page of them is listed */
		int64_t page = request_query_int(req, "page", 1), sum = 0, count = 0;
		json_t *rows = json_array();
		struct db_stmt *q =
			evaluations_measure_prepare(c, m->records, m->pat, v.org, dept, from, to);
		int rc = q ? DB_ROW : DB_ERR;
		while (q && (rc = db_step(q)) == DB_ROW) {
			sum += db_column_int(q, 3);
			if (count++ / RECORDS_PAGE != page - 1)
				continue;
			json_array_append_new(
				rows,
				json_pack("{s:I, s:s, s:s, s:I}", "id",
					  (json_int_t)db_column_int(q, 0), "day",
					  db_column_text(q, 1) ? db_column_text(q, 1) : "", "title",
					  db_column_text(q, 2) ? db_column_text(q, 2) : "", "value",
					  (json_int_t)db_column_int(q, 3)));
		}
		db_finalize(q);
		if (rc == DB_ERR) {
			json_decref(rows);
			rows = NULL;
			e = ERR_DB_UNAVAILABLE;
		}
		char pts[32], sum_text[32], num_text[32];
		if (rows)
			doc = json_pack(
				"{s:O, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:s, s:I, s:I, "
				"s:s, s:s, s:b, s:s}",
				"round", v.round, "version", (json_int_t)v.version, "department",
				dname, "indicator", iname, "period_from", from, "period_to", to,
				"entity", m->rec_what, "records", rows, "count", (json_int_t)count,
				"sum", (json_int_t)sum, "sum_text",
				m->den_scale == 2 ? halves_text(sum, sum_text)
						  : scoring_text((double)sum, sum_text),
				"num", (json_int_t)num, "den", (json_int_t)den, "num_text",
				m->den_scale == 2 ? halves_text(num, num_text)
						  : scoring_text((double)num, num_text),
				"points", hundredths_text(points, pts), "per_row", m->per_row,
				"unit", m->unit);
		int64_t pages = (count + RECORDS_PAGE - 1) / RECORDS_PAGE;
		if (doc) {
			json_object_set_new(doc, "page", json_integer(page));
			json_object_set_new(doc, "pages", json_integer(pages));
			json_object_set_new(doc, "target", json_integer(target));
			json_object_set_new(doc, "indicator_id", json_integer(indicator));
			if (page > 1)
				json_object_set_new(doc, "prev", json_integer(page - 1));
			if (page < pages)
				json_object_set_new(doc, "next", json_integer(page + 1));
		}
	}
	view_free(&v);
	res->doc = doc;
	return e;
}

/* The XLSX: the ranking, then a sheet an area (each target's indicators). */
enum err evaluations_page_export(struct request *req, struct response *res)
{
	struct view v = {0};
	json_t *doc = NULL;
	enum err e = results_of(req, res, &v, -1, &doc);
	if (e) {
		view_free(&v);
		return e;
	}
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "순위");
	static const char *const head[] = {"순위", "부서", "총점", "인센티브"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i, k, j;
	json_t *row, *area, *val;
	json_t *rows = json_object_get(doc, "rows");
	if (v.hidden) {
		const char *cells[] = {"", v.hidden};
		sheet_writer_row(w, COUNT_OF(cells), cells);
	}
	json_array_foreach(rows, i, row)
	{
		char rank[32];
		snprintf(rank, sizeof rank, "%lld", (long long)row_int(row, "rank"));
		const char *cells[] = {rank, row_text(row, "department"), row_text(row, "total"),
				       row_text(row, "tier_label")};
		sheet_writer_row(w, COUNT_OF(cells), cells);
	}
	json_array_foreach(v.areas, k, area)
	{
		sheet_writer_sheet(w, row_text(area, "name"));
		static const char *const ahead[] = {"부서", "지표", "배점", "실적",
						    "단위", "점수", "산식"};
		sheet_writer_row(w, COUNT_OF(ahead), ahead);
		json_array_foreach(rows, i, row)
			json_array_foreach(json_object_get(row, "values"), j, val)
		{
			if (strcmp(row_text(val, "area"), row_text(area, "name")))
				continue;
			char weight[32];
			snprintf(weight, sizeof weight, "%lld", (long long)row_int(val, "weight"));
			const char *cells[] = {row_text(row, "department"),
					       row_text(val, "indicator"),
					       weight,
					       row_text(val, "raw"),
					       row_text(val, "unit"),
					       row_text(val, "points"),
					       row_text(val, "explain")};
			sheet_writer_row(w, COUNT_OF(cells), cells);
		}
	}
	json_decref(doc);
	view_free(&v);
	if (sheet_writer_finish(w, &res->body, &res->body_len) != SHEET_OK)
		return ERR_INTERNAL;
	res->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	response_header(res, "Content-Disposition", "attachment; filename=\"evaluation.xlsx\"");
	return ERR_OK;
}

/* ---- the show pages' parts ---- */

enum err evaluations_show(struct request *req, const struct entity *e, const json_t *row,
			  json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = row_int(row, "id");
	static const char *const akeys[] = {"#id", "name", "#weight", "#indicators"};
	json_t *areas = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: a round's few areas */ a.id, a.name, a.weight, "
			    "(SELECT COUNT(*) FROM evaluation_indicators i WHERE i.area_id = a.id "
			    "AND i.archived_at IS NULL) FROM evaluation_areas a WHERE "
			    "a.evaluation_id = ? AND a.archived_at IS NULL ORDER BY a.sort_order, "
			    "a.id",
			    "i", id),
		akeys, COUNT_OF(akeys));
	static const char *const ikeys[] = {"#id", "area", "name", "#weight", "method", "measure"};
	json_t *inds = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: a round's indicators */ i.id, a.name, i.name, "
			"i.weight, i.method, COALESCE(i.measure, '') FROM evaluation_indicators "
			"i JOIN evaluation_areas a ON a.id = i.area_id WHERE i.evaluation_id = "
			"? AND i.archived_at IS NULL ORDER BY a.sort_order, i.sort_order, i.id",
			"i", id),
		ikeys, COUNT_OF(ikeys));
	int rc;
	int64_t targets =
		db_int(c, &rc, 0,
		       "SELECT COUNT(*) FROM evaluation_targets WHERE evaluation_id = ? AND "
		       "archived_at IS NULL",
		       "i", id);
	if (!areas || !inds || rc == DB_ERR) {
		json_decref(areas);
		json_decref(inds);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(inds, "method", evaluations_methods);
	rows_choice_label(inds, "measure", evaluations_measures);
	json_object_set_new(doc, "area_count", json_integer((json_int_t)json_array_size(areas)));
	json_object_set_new(doc, "indicator_count",
			    json_integer((json_int_t)json_array_size(inds)));
	json_object_set_new(doc, "areas", areas);
	json_object_set_new(doc, "indicators", inds);
	json_object_set_new(doc, "target_count", json_integer(targets));
	return ERR_OK;
}

enum err evaluations_target_show(struct request *req, const struct entity *e, const json_t *row,
				 json_t *doc)
{
	if (req->who.role != ROLE_ADMIN && req->who.role != ROLE_EVALUATOR)
		return ERR_OK; /* the departments see results, not sheets */
	static const char *const keys[] = {"#id",      "indicator", "evaluator_name", "#score",
					   "#version", "reason",    "created_at",     "#latest"};
	json_t *rows = query_rows(
		db_preparef(
			request_db(req),
			"SELECT /* bounded: one target's sheets */ s.id, i.name, "
			"s.evaluator_name, s.score, s.version, COALESCE(s.reason, ''), "
			"s.created_at, CASE WHEN s.version = (SELECT MAX(x.version) FROM "
			"evaluation_scores x WHERE x.target_id = s.target_id AND x.indicator_id "
			"= s.indicator_id AND x.evaluator_user_id = s.evaluator_user_id) THEN 1 "
			"ELSE 0 END FROM evaluation_scores s JOIN evaluation_indicators i ON i.id "
			"= s.indicator_id WHERE s.target_id = ? AND (? = 1 OR "
			"s.evaluator_user_id = ?) ORDER BY i.sort_order, s.evaluator_user_id, "
			"s.version",
			"iii", row_int(row, "id"), (int64_t)(req->who.role == ROLE_ADMIN),
			req->who.user_id),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		char s[32];
		json_object_set_new(r, "score_text",
				    json_string(halves_text(row_int(r, "score"), s)));
		json_object_set_new(r, "latest", json_boolean(row_int(r, "latest")));
	}
	json_object_set_new(doc, "scores", rows);
	return ERR_OK;
}
