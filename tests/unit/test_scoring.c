/*
 * test_scoring.c: the scoring engine's arithmetic (src/mod/scoring/): a
 * sheet's total from weighted criteria, the mean, the trimmed mean with
 * ties at the top and the bottom and with fewer than five scorers, mixed
 * panels, ranks with the tie criterion and the stated rule, award tiers
 * with a shared rank, the normalisation of computed indicators, and the
 * explanation a page shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/buf.h"
#include "mod/scoring/scoring.h"

/* The seed's kind of criteria: 창의성 30, 효과성 30, 확산가능성 20, 실현가능성 20, each 0..10. */
static const struct score_criterion crit[] = {
	{"창의성", 30, 0, 10},
	{"효과성", 30, 0, 10},
	{"확산가능성", 20, 0, 10},
	{"실현가능성", 20, 0, 10},
};

static void sheet_total(void **state)
{
	const double s[] = {8, 7.5, 9, 6};
	/* 24 + 22.5 + 18 + 12 */
	assert_true(scoring_total(crit, 4, s) == 76.5);
	const double third[] = {1};
	const struct score_criterion w7[] = {{"x", 7, 0, 3}};
	assert_true(scoring_total(w7, 1, third) == 2.33); /* 7/3 rounded */
	assert_true(scoring_in_range(&crit[0], 10));
	assert_true(scoring_in_range(&crit[0], 0.5));
	assert_false(scoring_in_range(&crit[0], 10.5));
	assert_false(scoring_in_range(&crit[0], -1));
	assert_false(scoring_in_range(&crit[0], 3.25));
	assert_true(scoring_round(80.165) == 80.17);
	assert_true(scoring_round(-2.005) == -2.01);
}

static void mean_of(const double *totals, size_t n, enum score_agg agg, struct score_sheet *sh,
		    struct score_outcome *o)
{
	for (size_t i = 0; i < n; i++)
		sh[i] = (struct score_sheet){.id = (int64_t)i + 1, .total = totals[i]};
	struct score_rule r = {.agg = agg};
	scoring_aggregate(&r, sh, n, o);
}

static void trimmed_mean(void **state)
{
	struct score_sheet sh[8];
	struct score_outcome o;
	/* ties at the top (90, 90) and at the bottom (70, 70): exactly one of each dropped,
	 * the first given */
	const double t[] = {90, 80, 70, 90, 70, 85};
	mean_of(t, 6, SCORE_TRIMMED, sh, &o);
	assert_int_equal(sh[0].dropped, 1);
	assert_int_equal(sh[3].dropped, 0);
	assert_int_equal(sh[2].dropped, -1);
	assert_int_equal(sh[4].dropped, 0);
	assert_int_equal(o.counted, 4);
	assert_int_equal(o.trimmed[0], 1);
	/* (80 + 90 + 70 + 85) / 4 = 81.25 */
	assert_true(o.final == 81.25);

	/* four scorers: nothing dropped, the plain mean */
	mean_of(t, 4, SCORE_TRIMMED, sh, &o);
	assert_int_equal(o.counted, 4);
	assert_int_equal(o.trimmed[0], 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(sh[i].dropped, 0);
	assert_true(o.final == 82.5);

	/* five equal totals: two of them dropped all the same */
	const double same[] = {75, 75, 75, 75, 75};
	mean_of(same, 5, SCORE_TRIMMED, sh, &o);
	assert_int_equal(o.counted, 3);
	assert_int_equal(sh[0].dropped, 1);
	assert_int_equal(sh[4].dropped, -1);
	assert_true(o.final == 75);

	/* the plain mean of all, rounded */
	const double m[] = {80, 80, 81};
	mean_of(m, 3, SCORE_MEAN, sh, &o);
	assert_true(o.final == 80.33);
	mean_of(m, 0, SCORE_MEAN, sh, &o);
	assert_int_equal(o.counted, 0);
	assert_true(o.final == 0);

	struct buf b = {0};
	mean_of(t, 6, SCORE_TRIMMED, sh, &o);
	scoring_explain_panel(sh, 6, 0, &o, &b);
	buf_putc(&b, '\0');
	assert_string_equal(b.data, "([90] + 80 + [70] + 90 + 70 + 85) / 4 = 81.25");
	buf_free(&b);
}

static void mixed_panels(void **state)
{
	const struct score_panel panels[] = {{"심사위원", 70}, {"직원 투표", 30}};
	struct score_rule r = {.agg = SCORE_MEAN, .n_panels = 2, .panels = panels};
	struct score_sheet sh[] = {
		{.id = 1, .panel = 0, .total = 80},
		{.id = 2, .panel = 0, .total = 90},
		{.id = 3, .panel = 1, .total = 60},
	};
	struct score_outcome o;
	scoring_aggregate(&r, sh, 3, &o);
	assert_true(o.panel[0] == 85);
	assert_true(o.panel[1] == 60);
	/* 0.7 × 85 + 0.3 × 60 = 77.5 */
	assert_true(o.final == 77.5);
	/* a panel with no sheet is left out of the weights */
	scoring_aggregate(&r, sh, 2, &o);
	assert_true(o.final == 85);
}

static void ranks_and_ties(void **state)
{
	struct score_rank it[] = {
		{.id = 10, .final = 80, .tie = 8, .order = 3},
		{.id = 11, .final = 90, .tie = 7, .order = 4},
		{.id = 12, .final = 80, .tie = 9, .order = 5}, /* tie criterion decides */
		{.id = 13, .final = 70, .tie = 6, .order = 1},
		{.id = 14, .final = 70, .tie = 6, .order = 2}, /* stated rule decides */
		{.id = 15, .final = 60, .tie = 5, .order = 6},
	};
	scoring_rank(it, 6);
	const int64_t ids[] = {11, 12, 10, 13, 14, 15};
	const int ranks[] = {1, 2, 3, 4, 5, 6};
	const int broken[] = {0, 1, 1, 2, 2, 0};
	for (int i = 0; i < 6; i++) {
		assert_int_equal(it[i].id, ids[i]);
		assert_int_equal(it[i].rank, ranks[i]);
		assert_int_equal(it[i].tie_broken, broken[i]);
	}
	const int counts[] = {1, 3};
	assert_int_equal(scoring_tiers(it, 6, counts, 2), 4);
	const int tiers[] = {1, 2, 2, 2, 0, 0};
	for (int i = 0; i < 6; i++)
		assert_int_equal(it[i].tier, tiers[i]);

	/* equal in all three: the same rank, and the better tier for both, taking
	 * a place of the next tier */
	struct score_rank eq[] = {
		{.id = 1, .final = 90, .order = 1}, {.id = 2, .final = 90, .order = 1},
		{.id = 3, .final = 80, .order = 3}, {.id = 4, .final = 70, .order = 4},
		{.id = 5, .final = 60, .order = 5},
	};
	scoring_rank(eq, 5);
	assert_int_equal(eq[0].rank, 1);
	assert_int_equal(eq[1].rank, 1);
	assert_int_equal(eq[2].rank, 3);
	assert_int_equal(scoring_tiers(eq, 5, counts, 2), 4);
	assert_int_equal(eq[1].tier, 1);
	assert_int_equal(eq[2].tier, 2);
	assert_int_equal(eq[3].tier, 2);
	assert_int_equal(eq[4].tier, 0);
}

static void normalise(void **state)
{
	const double raw[] = {2, 4, 0, 1, 3};
	double p[5];
	scoring_normalise(NORM_RATIO_BEST, raw, 5, 10, 0, p);
	assert_true(p[0] == 5 && p[1] == 10 && p[2] == 0 && p[3] == 2.5 && p[4] == 7.5);
	scoring_normalise(NORM_TARGET, raw, 5, 10, 3, p);
	assert_true(p[0] == 6.67 && p[1] == 10 && p[2] == 0 && p[3] == 3.33 && p[4] == 10);
	scoring_normalise(NORM_RANK_BANDS, raw, 5, 10, 0, p);
	assert_true(p[1] == 10 && p[4] == 9 && p[0] == 8 && p[3] == 7 && p[2] == 6);
	const double zero[] = {0, 0};
	scoring_normalise(NORM_RATIO_BEST, zero, 2, 10, 0, p);
	assert_true(p[0] == 0 && p[1] == 0);
	/* equal raws share the better band */
	const double tied[] = {5, 5, 1, 1, 1};
	scoring_normalise(NORM_RANK_BANDS, tied, 5, 10, 0, p);
	assert_true(p[0] == 10 && p[1] == 10 && p[2] == 8 && p[3] == 8 && p[4] == 8);
	char t[32];
	assert_string_equal(scoring_text(24, t), "24");
	assert_string_equal(scoring_text(82.5, t), "82.5");
	assert_string_equal(scoring_text(80.166, t), "80.17");
	assert_string_equal(scoring_text(-0.05, t), "-0.05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sheet_total),	cmocka_unit_test(trimmed_mean),
		cmocka_unit_test(mixed_panels), cmocka_unit_test(ranks_and_ties),
		cmocka_unit_test(normalise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
