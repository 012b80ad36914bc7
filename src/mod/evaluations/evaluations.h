/*
 * evaluations.h: the administrative-innovation evaluations (행정혁신 우수부서
 * 평가; SPEC.md §9, seed Ⅳ-2-11).  A round (evaluations) is a year's
 * evaluation of the departments of the 구청 and 보건소 or of the 동 주민센터,
 * over a period of records, with areas (evaluation-areas: 혁신역량 40,
 * 혁신과제 60; an area's points are the sum of its indicators' weights),
 * indicators (evaluation-indicators) and targets (evaluation-targets).  An
 * indicator is computed (one of the measures below, over the period and
 * the target's department subtree, made points by a normalisation of the
 * scoring engine) or scored by evaluators (evaluation-scores, append-only:
 * a correction is the next version with its reason, the latest counts).
 *
 * Closing a round (its action close) computes every indicator for every
 * target and writes version N of the results: each raw value as num / den,
 * the points, each target's total, rank and tier (scoring_rank(),
 * scoring_tiers(): 최우수 best_count, 우수 excellent_count), and the period
 * counted.  Results are never changed: a recompute writes version N + 1,
 * and reopening (audited, with a reason) lets scores be corrected before
 * the next close.
 *
 * Who sees what: every staff role reads the rounds, their areas,
 * indicators and targets (who is evaluated, on what); administrators
 * everything else; an evaluator scores the targets assigned to them
 * (user_assignments of 'evaluation-targets' and of the round
 * 'evaluations', made by the target's action assign), sees their own
 * sheets on a target's page and the results of their targets only;
 * managers and members the ranking and their own department's result once
 * the round is published.  The score rows themselves are the
 * administrators' (the evidence is attached to them).
 */
#ifndef INNOLAND_EVALUATIONS_H
#define INNOLAND_EVALUATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity evaluations_rounds;	   /* "evaluations" */
extern const struct entity evaluations_areas;	   /* "evaluation-areas" */
extern const struct entity evaluations_indicators; /* "evaluation-indicators" */
extern const struct entity evaluations_targets;	   /* "evaluation-targets" */
extern const struct entity evaluations_scores;	   /* "evaluation-scores" */

extern const struct choice evaluations_subjects[]; /* evaluations.subject */
extern const struct choice evaluations_statuses[]; /* evaluations.status */
extern const struct choice evaluations_methods[];  /* evaluation-indicators.method */
extern const struct choice evaluations_measures[]; /* evaluation-indicators.measure */
extern const struct choice evaluations_norms[];	   /* evaluation-indicators.norm */

/*
 * A computed measure: raw = num / den over the period [from, to] and a
 * target department's subtree (the department itself for a 동), each SQL
 * with its binds named in order by a pattern: 'f' from, 't' to, 'o' the
 * organisation, 'S' the subtree's four values (DEPT_SUBTREE), 'y' the
 * year of from, 'Y' the year of to, 'm' from's month, 'M' to's month.
 * records lists what num counted, "id, day, title, value" (value: what the
 * row adds to num), for the drill-down; its count is num where each row
 * counts one.
 */
struct evaluations_measure {
	const char *value;    /* evaluations_measures' value */
	const char *num_sql;  /* one row, one integer */
	const char *pat;      /* its binds, and the drill-down's */
	const char *den_sql;  /* one row, one integer; NULL: den is 1 */
	const char *den_pat;  /* its binds */
	int64_t den_scale;    /* den multiplied by this (2: num in halves) */
	int64_t raw_scale;    /* raw multiplied by this for people (100: a percentage) */
	const char *unit;     /* what raw is in: "건/인", "%" */
	const char *records;  /* the drill-down's SQL: the rows num_sql counts */
	const char *rec_what; /* the entity the records are rows of: "knowledge-items" */
	int per_row;	      /* 1: each record counts one (the drill-down's count is num) */
};

/* The measure named value, or NULL. */
const struct evaluations_measure *evaluations_measure(const char *value);

/* A measure's SQL prepared with its pattern's binds; NULL on error. */
struct db_stmt *evaluations_measure_prepare(struct db_conn *c, const char *sql, const char *pat,
					    int64_t org, int64_t dept, const char *from,
					    const char *to);

/*
 * Computes every indicator of round for every target over the round's
 * period and writes the next version of the results (kind "close" or
 * "recompute", by whom, why), inside the caller's transaction; the
 * version written into *version.  ERR_OK, ERR_INVALID with a Korean reason
 * in why (no target, an area whose indicators' weights do not add up to
 * its points), or ERR_DB_UNAVAILABLE (compute.c).
 */
enum err evaluations_compute(struct db_conn *c, int64_t org, int64_t round, const char *kind,
			     const char *by, const char *reason, int64_t *version, char *why,
			     size_t whylen);

/* The pages (pages.c): a round's results and ranking, one target's
 * result, the drill-down of a computed figure, the XLSX export (a sheet a
 * area and the ranking), the printable table. */
handler_fn evaluations_page_results, evaluations_page_records, evaluations_page_export,
	evaluations_page_print;

/* The round's show page: areas, indicators, targets, versions (pages.c). */
entity_show_fn evaluations_show;
/* A target's show page: its scores, every version (pages.c). */
entity_show_fn evaluations_target_show;

/*
 * The seed's evaluations (Ⅳ-2-11): the 2006 evaluation of the 28 divisions
 * of the 구청 and 보건소 (2006-01-01 .. 2006-12-31; 혁신역량 40, 혁신과제 60;
 * indicators computed from the demo's knowledge, mileage, courses, clubs
 * and tasks, two scored by two evaluators), closed with 4 incentives
 * (최우수 1, 우수 3); the 2006 동 evaluation of the 18 동 주민센터 (November
 * 2006, 3 areas, 14 scored items, linked to 동 행정품질평가 of 자치행정과),
 * open.  0, also when the organisation has evaluations, or -1 with err.
 */
int evaluations_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			  size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module evaluations_module;

#endif
