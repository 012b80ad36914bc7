/*
 * scoring.h: the scoring engine that contests and evaluations share
 * (SPEC.md §8, §9; issue 16).  Pure arithmetic, no database: the modules
 * read their criteria and sheets, ask here for totals, the aggregate, the
 * ranks and the award tiers, and show the explanation this gives, so that
 * every figure a page shows can be followed to the scores it came from.
 *
 * Figures are hundredths, rounded half away from zero (scoring_round()),
 * at each step a person reads: a sheet's total, a panel's mean, the final
 * figure.  Ranks are decided on those published figures, never on a
 * difference people cannot see.
 *
 *   a sheet's total   = Σ weight × (score − lo) / (hi − lo), each term rounded
 *                       (창의성 8/10 × 30 = 24.00)
 *   a panel's figure  = the mean of its counted totals; trimmed (SCORE_TRIMMED,
 *                       with at least SCORE_TRIM_MIN sheets) drops exactly one
 *                       highest and one lowest total, even when tied
 *   the final figure  = Σ panel weight × panel figure / Σ weights of the
 *                       panels that have sheets (one panel: its figure)
 *   the rank          = by final figure, then by the tie criterion's mean of
 *                       the counted sheets, then by order (the stated rule:
 *                       earlier entry first); equal in all three: same rank
 *   the tier          = by rank: the first counts[0] ranks tier 1, the next
 *                       counts[1] tier 2, …; an entry whose rank is shared
 *                       across a boundary takes the better tier
 */
#ifndef INNOLAND_SCORING_H
#define INNOLAND_SCORING_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum { SCORE_TRIM_MIN = 5, SCORE_PANELS_MAX = 4, SCORE_CRITERIA_MAX = 24 };

/* One criterion: 창의성, weight 30, scored from lo 0 to hi 10. */
struct score_criterion {
	const char *name;
	double weight; /* its share of the total: 30 */
	double lo, hi; /* the score range: 0..10 */
};

/* 1 if s is a score criterion c accepts (lo ≤ s ≤ hi, in halves). */
int scoring_in_range(const struct score_criterion *c, double s);

/* v rounded to hundredths, half away from zero. */
double scoring_round(double v);

/* One criterion's part of a sheet's total: weight × (s − lo)/(hi − lo), rounded. */
double scoring_part(const struct score_criterion *c, double s);

/* A sheet's total: the sum of its parts (n criteria, scores[i] for each). */
double scoring_total(const struct score_criterion *c, size_t n, const double *scores);

enum score_agg {
	SCORE_MEAN,    /* the mean of every sheet */
	SCORE_TRIMMED, /* with SCORE_TRIM_MIN sheets or more, without one highest and one lowest */
};

/* A panel of scorers (심사위원 70, 직원 투표 30). */
struct score_panel {
	const char *name;
	double weight;
};

struct score_rule {
	enum score_agg agg;
	size_t n_panels;		  /* 0: one panel of weight 1 */
	const struct score_panel *panels; /* n_panels of them */
};

/* One scorer's sheet of one entry, as the aggregate reads it. */
struct score_sheet {
	int64_t id;	      /* the sheet's record */
	size_t panel;	      /* its panel (index into the rule's panels; 0 with none) */
	double total;	      /* scoring_total() of its scores */
	const double *scores; /* per criterion, for the tie criterion's mean; may be NULL */
	int dropped;	      /* set by scoring_aggregate(): 1 the highest dropped, -1 the lowest,
				 0 counted */
};

/* What an entry's sheets came to. */
struct score_outcome {
	double final;			  /* the final figure */
	size_t sheets;			  /* sheets read */
	size_t counted;			  /* sheets counted (sheets − dropped) */
	double panel[SCORE_PANELS_MAX];	  /* each panel's figure */
	size_t panel_n[SCORE_PANELS_MAX]; /* each panel's counted sheets */
	int trimmed[SCORE_PANELS_MAX];	  /* 1 if the panel's highest and lowest were dropped */
};

/*
 * Aggregates one entry's n sheets under rule r: marks the dropped ones,
 * fills out.  No sheet: final 0, counted 0.  Sheets are taken in the
 * order given; of tied totals the first in that order is the one dropped
 * (give them in the order they were submitted).
 */
void scoring_aggregate(const struct score_rule *r, struct score_sheet *sheets, size_t n,
		       struct score_outcome *out);

/* The mean of criterion k's scores over the counted sheets (0 when none),
 * rounded: the tie criterion's figure. */
double scoring_criterion_mean(const struct score_sheet *sheets, size_t n, size_t k);

/* One ranked entry. */
struct score_rank {
	int64_t id;	/* the entry's (or target's) record */
	double final;	/* its final figure */
	double tie;	/* the tie criterion's figure (0 when the round names none) */
	int64_t order;	/* the stated rule: smaller first (the entry's number) */
	int rank;	/* set: 1, 2, 2, 4 … */
	int tier;	/* set: 1 (최우수), 2 (우수), …; 0 none */
	int tie_broken; /* set: 1 if the figure equals a neighbour's and the tie criterion
			   decided, 2 if the stated rule did */
};

/* Sorts items best first and sets rank and tie_broken. */
void scoring_rank(struct score_rank *items, size_t n);

/* Sets tier on ranked items (scoring_rank() first): counts[t] places get
 * tier t + 1 (n_tiers of them); rank only what may win (an entry with no
 * counted sheet is left out by the caller).  Returns how many got a tier. */
size_t scoring_tiers(struct score_rank *items, size_t n, const int *counts, size_t n_tiers);

/* An award tier as people name it: 1 최우수, 2 우수, 3 장려; "" for none. */
const char *scoring_tier_label(int tier);

/* How a computed indicator's raw values become points (evaluations). */
enum score_norm {
	NORM_RATIO_BEST, /* weight × raw / the best raw (0 when the best is 0) */
	NORM_RANK_BANDS, /* by rank, five bands of a fifth each: 100, 90, 80, 70, 60 % of weight */
	NORM_TARGET,	 /* weight × min(raw / target, 1) */
};

/* points[i] of raw[i] for each of n targets, rounded; larger raw is better. */
void scoring_normalise(enum score_norm k, const double *raw, size_t n, double weight, double target,
		       double *points);

/* v as people read it, with two decimals only when it has them: "24", "82.5", "80.17". */
const char *scoring_text(double v, char out[32]);

/* Appends the arithmetic of an entry's figure, "(82.5 + 80 + [95] + 78 + [61]) / 3 = 80.17"
 * for a panel of trimmed sheets (dropped ones in brackets), to out. */
void scoring_explain_panel(const struct score_sheet *sheets, size_t n, size_t panel,
			   const struct score_outcome *o, struct buf *out);

#endif
