/*
 * scoring.c: the arithmetic of scoring.h: sheet totals, the mean and the
 * trimmed mean per panel, mixed panels, ranks with the tie rule, award
 * tiers, the normalisation of computed indicators and the explanation.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "mod/scoring/scoring.h"

double scoring_round(double v)
{
	/* the 1e-9 absorbs binary fractions: 80.165 is 80.16499999… as a double */
	double r = floor(fabs(v) * 100 + 0.5 + 1e-9) / 100;
	return v < 0 ? -r : r;
}

int scoring_in_range(const struct score_criterion *c, double s)
{
	double h = s * 2;
	return s >= c->lo && s <= c->hi && h == floor(h);
}

double scoring_part(const struct score_criterion *c, double s)
{
	double span = c->hi - c->lo;
	return span > 0 ? scoring_round(c->weight * (s - c->lo) / span) : 0;
}

double scoring_total(const struct score_criterion *c, size_t n, const double *scores)
{
	double t = 0;
	for (size_t i = 0; i < n; i++)
		t += scoring_part(&c[i], scores[i]);
	return scoring_round(t);
}

void scoring_aggregate(const struct score_rule *r, struct score_sheet *sheets, size_t n,
		       struct score_outcome *out)
{
	memset(out, 0, sizeof *out);
	out->sheets = n;
	size_t panels = r->n_panels ? r->n_panels : 1;
	if (panels > SCORE_PANELS_MAX)
		panels = SCORE_PANELS_MAX;
	double sum_w = 0, sum = 0;
	for (size_t p = 0; p < panels; p++) {
		size_t in = 0, hi = n, lo = n;
		for (size_t i = 0; i < n; i++) {
			if (sheets[i].panel != p)
				continue;
			sheets[i].dropped = 0;
			in++;
			/* the first of tied totals, in the order given, is the one dropped */
			if (hi == n || sheets[i].total > sheets[hi].total)
				hi = i;
			if (lo == n || sheets[i].total < sheets[lo].total)
				lo = i;
		}
		if (!in)
			continue;
		if (r->agg == SCORE_TRIMMED && in >= SCORE_TRIM_MIN) {
			if (lo == hi) /* every total equal: drop the first and the last */
				for (size_t i = n; i-- > 0;)
					if (sheets[i].panel == p && i != hi) {
						lo = i;
						break;
					}
			sheets[hi].dropped = 1;
			sheets[lo].dropped = -1;
			out->trimmed[p] = 1;
		}
		double t = 0;
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (sheets[i].panel == p && !sheets[i].dropped) {
				t += sheets[i].total;
				k++;
			}
		out->panel[p] = scoring_round(t / (double)k);
		out->panel_n[p] = k;
		out->counted += k;
		double w = r->n_panels ? r->panels[p].weight : 1;
		sum_w += w;
		sum += w * out->panel[p];
	}
	out->final = sum_w > 0 ? scoring_round(sum / sum_w) : 0;
}

double scoring_criterion_mean(const struct score_sheet *sheets, size_t n, size_t k)
{
	double t = 0;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!sheets[i].dropped && sheets[i].scores) {
			t += sheets[i].scores[k];
			m++;
		}
	return m ? scoring_round(t / (double)m) : 0;
}

/* -1 if a ranks before b. */
static int better(const struct score_rank *a, const struct score_rank *b)
{
	if (a->final != b->final)
		return a->final > b->final ? -1 : 1;
	if (a->tie != b->tie)
		return a->tie > b->tie ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return 0;
}

static int by_rank(const void *x, const void *y)
{
	return better(x, y);
}

void scoring_rank(struct score_rank *items, size_t n)
{
	qsort(items, n, sizeof *items, by_rank);
	for (size_t i = 0; i < n; i++) {
		items[i].tie_broken = 0;
		items[i].rank =
			i && !better(&items[i - 1], &items[i]) ? items[i - 1].rank : (int)i + 1;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		struct score_rank *a = &items[i], *b = &items[i + 1];
		if (a->final != b->final || a->rank == b->rank)
			continue;
		int how = a->tie != b->tie ? 1 : 2;
		if (how > a->tie_broken)
			a->tie_broken = how;
		if (how > b->tie_broken)
			b->tie_broken = how;
	}
}

size_t scoring_tiers(struct score_rank *items, size_t n, const int *counts, size_t n_tiers)
{
	size_t given = 0, t = 0;
	int room = n_tiers ? counts[0] : 0;
	for (size_t i = 0; i < n; i++) {
		items[i].tier = 0;
		/* a rank shared with the one before takes its tier, room or not */
		if (i && items[i].rank == items[i - 1].rank && items[i - 1].tier) {
			items[i].tier = items[i - 1].tier;
			room--;
			given++;
			continue;
		}
		while (t < n_tiers && room <= 0)
			if (++t < n_tiers)
				room += counts[t];
		if (t >= n_tiers)
			continue;
		items[i].tier = (int)t + 1;
		room--;
		given++;
	}
	return given;
}

const char *scoring_tier_label(int tier)
{
	static const char *const labels[] = {"", "최우수", "우수", "장려"};
	return tier >= 0 && tier <= 3 ? labels[tier] : "";
}

static int by_raw_desc(const void *x, const void *y)
{
	double a = **(const double *const *)x, b = **(const double *const *)y;
	return a > b ? -1 : a < b;
}

void scoring_normalise(enum score_norm k, const double *raw, size_t n, double weight, double target,
		       double *points)
{
	if (k == NORM_RANK_BANDS) {
		static const double band[5] = {1.0, 0.9, 0.8, 0.7, 0.6};
		const double **order = malloc((n ? n : 1) * sizeof *order);
		for (size_t i = 0; i < n; i++)
			order[i] = &raw[i];
		qsort(order, n, sizeof *order, by_raw_desc);
		size_t rank = 0;
		for (size_t i = 0; i < n; i++) {
			if (!i || *order[i] != *order[i - 1])
				rank = i; /* equal raws share the better band */
			size_t b = n ? rank * 5 / n : 0;
			points[order[i] - raw] = scoring_round(weight * band[b > 4 ? 4 : b]);
		}
		free(order);
		return;
	}
	double best = 0;
	for (size_t i = 0; i < n; i++)
		if (raw[i] > best)
			best = raw[i];
	for (size_t i = 0; i < n; i++) {
		double share = k == NORM_TARGET ? (target > 0 ? raw[i] / target : 0)
						: (best > 0 ? raw[i] / best : 0);
		if (share > 1)
			share = 1;
		if (share < 0)
			share = 0;
		points[i] = scoring_round(weight * share);
	}
}

const char *scoring_text(double v, char out[32])
{
	/* no printf: a results page writes hundreds of these */
	long long h = llround(scoring_round(v) * 100);
	long long whole = llabs(h) / 100, frac = llabs(h) % 100;
	size_t n = 0;
	if (h < 0)
		out[n++] = '-';
	n += int_text(whole, out + n);
	if (frac) {
		out[n++] = '.';
		out[n++] = (char)('0' + frac / 10);
		if (frac % 10)
			out[n++] = (char)('0' + frac % 10);
	}
	out[n] = '\0';
	return out;
}

void scoring_explain_panel(const struct score_sheet *sheets, size_t n, size_t panel,
			   const struct score_outcome *o, struct buf *out)
{
	char t[32];
	int first = 1;
	buf_putc(out, '(');
	for (size_t i = 0; i < n; i++) {
		if (sheets[i].panel != panel)
			continue;
		if (!first)
			buf_puts(out, " + ");
		first = 0;
		if (sheets[i].dropped)
			buf_putc(out, '[');
		buf_puts(out, scoring_text(sheets[i].total, t));
		if (sheets[i].dropped)
			buf_putc(out, ']');
	}
	buf_puts(out, ") / ");
	buf_put_int(out, (long long)o->panel_n[panel]);
	buf_puts(out, " = ");
	buf_puts(out, scoring_text(o->panel[panel], t));
}
