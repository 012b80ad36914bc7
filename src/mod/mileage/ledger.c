/*
 * ledger.c: events into entries, entries into balances (see mileage.h).
 *
 * The ledger is append-only (migration 0011 makes the database refuse an
 * UPDATE or DELETE of its rows); every entry is booked into
 * mileage_balances in the same transaction: for its person, its department
 * and every department above, and the organisation, each for the month,
 * the year and all time.  A batch of entries (a bulk award of 100,000
 * people) is summed per balance row in memory first, then written with
 * multi-row upserts, so its cost is a few statements per 64 rows.
 */
#include "mod/mileage/mileage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crud/module.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "mod/mileage/batch.h"

int mileage_period_name(int period, char out[16])
{
	if (!period)
		return snprintf(out, 16, "all");
	if (period < 10000)
		return snprintf(out, 16, "%04d", period);
	return snprintf(out, 16, "%04d-%02d", period / 100, period % 100);
}

int mileage_period_number(const char *s)
{
	if (!strcmp(s, "all"))
		return 0;
	int n = atoi(s);
	return strlen(s) == 7 ? n * 100 + atoi(s + 5) : n;
}

int mileage_period_valid(const char *p)
{
	if (!p)
		return 0;
	size_t n = strlen(p);
	return !strcmp(p, "all") || (n == 7 && month_valid(p)) ||
	       (n == 4 && strspn(p, "0123456789") == 4);
}

/* One balance row's change. */
struct delta {
	int64_t id;  /* the subject's */
	int period;  /* see mileage_period_number() */
	int subject; /* enum mileage_subject */
	int64_t points, entries, people;
};

static int delta_cmp(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;
	if (x->subject != y->subject)
		return x->subject - y->subject;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct deltas {
	struct delta *d;
	size_t n, cap;
};

static void delta_add(struct deltas *ds, int subject, int64_t id, int period, int64_t points,
		      int64_t entries, int64_t people)
{
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 64;
		ds->d = xrealloc(ds->d, ds->cap * sizeof *ds->d);
	}
	ds->d[ds->n++] = (struct delta){id, period, subject, points, entries, people};
}

/* Sorts and sums the changes of the same row. */
static void delta_merge(struct deltas *ds)
{
	if (!ds->n)
		return;
	qsort(ds->d, ds->n, sizeof *ds->d, delta_cmp);
	size_t w = 0;
	for (size_t r = 1; r < ds->n; r++) {
		if (!delta_cmp(&ds->d[w], &ds->d[r])) {
			ds->d[w].points += ds->d[r].points;
			ds->d[w].entries += ds->d[r].entries;
			ds->d[w].people += ds->d[r].people;
		} else {
			ds->d[++w] = ds->d[r];
		}
	}
	ds->n = w + 1;
}

/* The three periods of a day "2006-07-15": 200607, 2006, 0. */
static void periods_of(const char *on, int out[3])
{
	int year = atoi(on), month = atoi(on + 5);
	out[0] = year * 100 + month;
	out[1] = year;
	out[2] = 0;
}

/* a balance row's change added to it, or the row made with it */
#define ADD_TO_BALANCE                                                                             \
	" ON CONFLICT (org_id, subject, period, subject_id) DO UPDATE SET points = "               \
	"mileage_balances.points + excluded.points, entries = mileage_balances.entries + "         \
	"excluded.entries, people = mileage_balances.people + excluded.people"

/*
 * Writes the changes of ds (sorted); with fresh, a staff row whose entries
 * become what this batch added (its first entries in the period) is
 * marked: fresh[k] for the k-th change.  0 or -1.
 */
static int upsert(struct db_conn *c, int64_t org, const struct deltas *ds, char *fresh)
{
	struct mileage_batch b = {"INSERT INTO mileage_balances (org_id, subject, subject_id, "
				  "period, points, entries, people) VALUES ",
				  fresh ? ADD_TO_BALANCE " RETURNING subject_id, period, entries"
					: ADD_TO_BALANCE,
				  7,
				  {NULL}};
	int rc = 0;
	for (size_t at = 0; at < ds->n && !rc;) {
		size_t rows = mileage_chunk(ds->n - at);
		struct db_stmt *s = mileage_batch_for(c, &b, rows);
		if (!s) {
			rc = -1;
			break;
		}
		for (size_t r = 0; r < rows; r++) {
			const struct delta *d = &ds->d[at + r];
			int k = (int)r * 7;
			db_bind_int(s, k + 1, org);
			db_bind_int(s, k + 2, d->subject);
			db_bind_int(s, k + 3, d->id);
			db_bind_int(s, k + 4, d->period);
			db_bind_int(s, k + 5, d->points);
			db_bind_int(s, k + 6, d->entries);
			db_bind_int(s, k + 7, d->people);
		}
		int step;
		while ((step = db_step(s)) == DB_ROW) { /* only with fresh: RETURNING */
			struct delta key = {
				db_column_int(s, 0), (int)db_column_int(s, 1), 0, 0, 0, 0};
			struct delta *d = bsearch(&key, ds->d + at, rows, sizeof key, delta_cmp);
			if (d && d->entries > 0 && db_column_int(s, 2) == d->entries)
				fresh[d - ds->d] = 1;
		}
		if (step != DB_OK)
			rc = -1;
		at += rows;
	}
	mileage_batch_end(&b);
	return rc;
}

/* A department with the ones above it. */
struct lineage {
	int64_t id;
	size_t n;
	int64_t up[16]; /* from the top down to id itself */
};

static int lineage_cmp(const void *a, const void *b)
{
	const struct lineage *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* A department and every department above it: ids into out (at most 16). */
static size_t lineage(struct db_conn *c, int64_t dept, int64_t out[16])
{
	struct db_stmt *s = db_preparef(c, "SELECT path FROM departments WHERE id = ?", "i", dept);
	size_t n = 0;
	if (s && db_step(s) == DB_ROW) {
		const char *p = db_column_text(s, 0);
		for (; p && *p && n < 15; p = strchr(p + 1, '/')) {
			int64_t id = strtoll(p + 1, NULL, 10);
			if (id > 0)
				out[n++] = id;
		}
		out[n++] = dept;
	}
	db_finalize(s);
	return n;
}

/* Adds each department's changes in ds to every department above it. */
static void spread_up(struct db_conn *c, struct deltas *ds)
{
	size_t own = ds->n, n_depts = 0;
	struct lineage *depts = xcalloc(own ? own : 1, sizeof *depts);
	for (size_t i = 0; i < own; i++)
		if (ds->d[i].subject == MILEAGE_DEPT)
			depts[n_depts++].id = ds->d[i].id;
	qsort(depts, n_depts, sizeof *depts, lineage_cmp);
	size_t distinct = 0;
	for (size_t i = 0; i < n_depts; i++)
		if (!distinct || depts[distinct - 1].id != depts[i].id) {
			depts[distinct].id = depts[i].id;
			depts[distinct].n = lineage(c, depts[i].id, depts[distinct].up);
			distinct++;
		}
	for (size_t i = 0; i < own; i++) {
		struct lineage key = {.id = ds->d[i].id}, *up;
		if (ds->d[i].subject != MILEAGE_DEPT ||
		    !(up = bsearch(&key, depts, distinct, sizeof key, lineage_cmp)))
			continue;
		struct delta d = ds->d[i]; /* ds->d may move as it grows */
		for (size_t a = 0; a + 1 < up->n; a++)
			delta_add(ds, MILEAGE_DEPT, up->up[a], d.period, d.points, d.entries, 0);
	}
	free(depts);
}

enum err mileage_book(struct db_conn *c, int64_t org, const struct mileage_line *l, size_t n)
{
	struct deltas people = {0}, groups = {0};
	for (size_t i = 0; i < n; i++) {
		int p[3];
		periods_of(l[i].on, p);
		for (int k = 0; k < 3; k++) {
			delta_add(&people, MILEAGE_STAFF, l[i].staff, p[k], l[i].points, 1, 0);
			if (l[i].dept)
				delta_add(&groups, MILEAGE_DEPT, l[i].dept, p[k], l[i].points, 1,
					  0);
			delta_add(&groups, MILEAGE_ORG, org, p[k], l[i].points, 1, 0);
		}
	}
	delta_merge(&people);
	delta_merge(&groups);
	char *fresh = xcalloc(people.n ? people.n : 1, 1);
	int rc = upsert(c, org, &people, fresh);
	/* a person's first entries of a period count them in its people */
	for (size_t i = 0; i < people.n; i++)
		if (fresh[i])
			delta_add(&groups, MILEAGE_ORG, org, people.d[i].period, 0, 0, 1);
	free(fresh);
	spread_up(c, &groups);
	delta_merge(&groups);
	if (!rc)
		rc = upsert(c, org, &groups, NULL);
	free(people.d);
	free(groups.d);
	return rc ? ERR_DB_UNAVAILABLE : ERR_OK;
}

enum err mileage_event(struct db_conn *c, const struct mileage_event *ev)
{
	if (!module_event_known(ev->kind))
		return ERR_INVALID;
	char at[32];
	if (ev->on)
		snprintf(at, sizeof at, "%.10sT00:00:00Z", ev->on);
	else
		utc_now(0, at);
	int rc;
	int64_t id = db_int(c, &rc, 0,
			    "INSERT INTO domain_events (org_id, kind, entity, record_id, user_id, "
			    "staff_id, payload, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), "
			    "NULLIF(?, 0), ?, ?) RETURNING id",
			    "ittiiitt", ev->org, ev->kind, ev->entity, ev->record, ev->user,
			    ev->staff, ev->payload ? ev->payload : "{}", at);
	return rc != DB_ROW ? ERR_DB_UNAVAILABLE : mileage_take(c, id, NULL);
}

int64_t mileage_staff_of_user(struct db_conn *c, int64_t org, int64_t user)
{
	/* by user_id alone (its index), the rest checked here: see resolve() in
	 * bulk.c for why */
	struct db_stmt *s =
		user ? db_preparef(c, "SELECT id, org_id, archived_at FROM staff WHERE user_id = ?",
				   "i", user)
		     : NULL;
	int64_t id =
		s && db_step(s) == DB_ROW && db_column_int(s, 1) == org && db_column_is_null(s, 2)
			? db_column_int(s, 0)
			: 0;
	db_finalize(s);
	return id;
}

/* The rule for an event code on a day: its id, halves and monthly cap (-1:
 * none); 0 if none applies. */
static int64_t rule_for(struct db_conn *c, int64_t org, const char *code, const char *on,
			int64_t *points, int64_t *cap)
{
	struct db_stmt *s = db_preparef(
		c,
		"SELECT id, points, COALESCE(monthly_cap, -1) FROM mileage_rules WHERE org_id = ? "
		"AND event_code = ? AND active = 1 AND archived_at IS NULL AND (valid_from IS "
		"NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?) ORDER BY "
		"COALESCE(valid_from, '') DESC, id DESC LIMIT 1",
		"itt"
		"t",
		org, code, on, on);
	int64_t id = 0;
	if (s && db_step(s) == DB_ROW) {
		id = db_column_int(s, 0);
		*points = db_column_int(s, 1);
		*cap = db_column_int(s, 2);
	}
	db_finalize(s);
	return id;
}

/* What a rule's monthly cap leaves a person of points this month. */
static int64_t under_cap(struct db_conn *c, int64_t staff, int64_t rule, const char *on,
			 int64_t points, int64_t cap, int *rc)
{
	/* the month of on ('YYYY-MM-DD'): from its first day up to past any day */
	char from[16], to[16];
	snprintf(from, sizeof from, "%.7s", on);
	snprintf(to, sizeof to, "%.7s-32", on);
	int64_t used = db_int(c, rc, 0,
			      "SELECT COALESCE(SUM(points), 0) FROM mileage_entries WHERE "
			      "staff_id = ? AND rule_id = ? AND earned_on >= ? AND earned_on < ?",
			      "iitt", staff, rule, from, to);
	int64_t left = cap - used;
	return left <= 0 ? 0 : points < left ? points : left;
}

enum err mileage_take(struct db_conn *c, int64_t event_id, int64_t *awarded)
{
	if (awarded)
		*awarded = 0;
	struct db_stmt *s = db_preparef(
		c,
		"SELECT e.org_id, e.kind, COALESCE(e.staff_id, 0), substr(e.created_at, 1, 10), "
		"e.entity, e.record_id, COALESCE(s.department_id, 0), e.consumed_at FROM "
		"domain_events e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.id = ?",
		"i", event_id);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc != DB_ROW) {
		db_finalize(s);
		return rc == DB_OK ? ERR_NOT_FOUND : ERR_DB_UNAVAILABLE;
	}
	int64_t org = db_column_int(s, 0), staff = db_column_int(s, 2),
		record = db_column_int(s, 5), dept = db_column_int(s, 6);
	char kind[64], entity[64];
	struct mileage_line line = {staff, dept, 0, ""};
	snprintf(kind, sizeof kind, "%s", db_column_text(s, 1));
	snprintf(line.on, sizeof line.on, "%s", db_column_text(s, 3));
	snprintf(entity, sizeof entity, "%s", db_column_text(s, 4));
	int consumed = !db_column_is_null(s, 7);
	db_finalize(s);
	if (consumed) /* taken before: nothing more to give */
		return ERR_OK;
	int64_t cap = -1, rule = staff ? rule_for(c, org, kind, line.on, &line.points, &cap) : 0;
	rc = DB_ROW;
	if (rule && cap >= 0) {
		/* two events of one person at once: the second waits here, then
		 * reads what the first booked */
		char lock[48];
		snprintf(lock, sizeof lock, "mileage.cap:%lld", (long long)staff);
		if (db_lock(c, lock) != DB_OK)
			return ERR_DB_UNAVAILABLE;
		line.points = under_cap(c, staff, rule, line.on, line.points, cap, &rc);
	}
	if (rc != DB_ROW)
		return ERR_DB_UNAVAILABLE;
	int64_t added = 0;
	if (rule && line.points > 0 &&
	    db_run(c, &added,
		   "INSERT INTO mileage_entries (org_id, staff_id, department_id, points, "
		   "earned_on, kind, rule_id, event_code, event_id, source_entity, source_id) "
		   "VALUES (?, ?, NULLIF(?, 0), ?, ?, 'auto', ?, ?, ?, ?, ?) ON CONFLICT "
		   "(event_id) DO NOTHING",
		   "iiiitititi", org, staff, dept, line.points, line.on, rule, kind, event_id,
		   entity, record) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (added && mileage_book(c, org, &line, 1) != ERR_OK)
		return ERR_DB_UNAVAILABLE;
	if (added && awarded)
		*awarded = line.points;
	char now[24];
	utc_now(0, now);
	return db_run(c, NULL,
		      "UPDATE domain_events SET consumed_at = ? WHERE id = ? AND consumed_at IS "
		      "NULL",
		      "ti", now, event_id) == DB_OK
		       ? ERR_OK
		       : ERR_DB_UNAVAILABLE;
}

enum err mileage_take_pending(struct db_conn *c, int64_t org, int64_t *taken)
{
	*taken = 0;
	for (;;) { /* a page at a time: taking writes, so no cursor stays open */
		int64_t ids[500];
		size_t n = 0;
		struct db_stmt *s = db_preparef(c,
						"SELECT id FROM domain_events WHERE org_id = ? AND "
						"consumed_at IS NULL ORDER BY id LIMIT 500",
						"i", org);
		while (s && n < 500 && db_step(s) == DB_ROW)
			ids[n++] = db_column_int(s, 0);
		db_finalize(s);
		if (!s)
			return ERR_DB_UNAVAILABLE;
		for (size_t i = 0; i < n; i++) {
			enum err why = mileage_take(c, ids[i], NULL);
			if (why != ERR_OK)
				return why;
		}
		*taken += (int64_t)n;
		if (n < 500)
			return ERR_OK;
	}
}

/* A staff member's department, found for a batch. */
struct member {
	int64_t staff, dept; /* dept -1: not (yet) found on the staff list */
};

static int member_cmp(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	return x->staff < y->staff ? -1 : x->staff > y->staff;
}

/* The distinct staff of g with their departments, sorted by staff id, into
 * *out (*count of them), 64 at a time: 0, 1 if one is not on org's staff
 * list, -1 on a database error. */
static int members_of(struct db_conn *c, int64_t org, const struct mileage_grant *g, size_t n,
		      struct member **out, size_t *count)
{
	struct member *m = xcalloc(n ? n : 1, sizeof *m);
	for (size_t i = 0; i < n; i++)
		m[i] = (struct member){g[i].staff, -1};
	qsort(m, n, sizeof *m, member_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || m[k - 1].staff != m[i].staff)
			m[k++] = m[i];
	/* by id alone: with org_id in the WHERE, SQLite may walk the
	 * organisation's index over all its staff for every 64 */
	struct mileage_batch b = {
		"SELECT id, COALESCE(department_id, 0), org_id FROM staff WHERE id IN (",
		")",
		0,
		{NULL}};
	int rc = 0;
	for (size_t at = 0; at < k && !rc; at += mileage_chunk(k - at)) {
		size_t rows = mileage_chunk(k - at);
		struct db_stmt *s = mileage_batch_for(c, &b, rows);
		for (size_t r = 0; s && r < rows; r++)
			db_bind_int(s, (int)r + 1, m[at + r].staff);
		int step = DB_ERR;
		while (s && (step = db_step(s)) == DB_ROW) {
			struct member key = {db_column_int(s, 0), 0},
				      *hit = bsearch(&key, m + at, rows, sizeof key, member_cmp);
			if (hit && db_column_int(s, 2) == org) /* another organisation's: unknown */
				hit->dept = db_column_int(s, 1);
		}
		rc = step != DB_OK ? -1 : 0;
	}
	mileage_batch_end(&b);
	for (size_t i = 0; i < k && !rc; i++)
		if (m[i].dept < 0)
			rc = 1;
	*out = m;
	*count = k;
	return rc;
}

enum err mileage_grant(struct db_conn *c, int64_t org, const struct mileage_grant *g, size_t n,
		       const char *reason, int64_t by_user, const char *by_name)
{
	if (n >= 1000)
		db_big_cache(c);
	struct member *m;
	size_t people;
	int found = members_of(c, org, g, n, &m, &people);
	if (found != 0) {
		free(m);
		return found < 0 ? ERR_DB_UNAVAILABLE : ERR_INVALID;
	}
	struct mileage_line *lines = xcalloc(n ? n : 1, sizeof *lines);
	struct mileage_batch b = {"INSERT INTO mileage_entries (org_id, staff_id, department_id, "
				  "points, earned_on, kind, awarded_by, awarded_by_name, reason) "
				  "VALUES ",
				  "",
				  9,
				  {NULL}};
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct member key = {g[i].staff, 0},
			      *hit = bsearch(&key, m, people, sizeof key, member_cmp);
		lines[i] = (struct mileage_line){g[i].staff, hit->dept, g[i].points, ""};
		snprintf(lines[i].on, sizeof lines[i].on, "%s", g[i].on);
	}
	free(m);
	for (size_t at = 0; at < n && !rc;) {
		size_t rows = mileage_chunk(n - at);
		struct db_stmt *s = mileage_batch_for(c, &b, rows);
		for (size_t r = 0; s && r < rows; r++) {
			const struct mileage_line *l = &lines[at + r];
			int k = (int)r * 9;
			db_bind_int(s, k + 1, org);
			db_bind_int(s, k + 2, l->staff);
			if (l->dept)
				db_bind_int(s, k + 3, l->dept);
			else
				db_bind_null(s, k + 3);
			db_bind_int(s, k + 4, l->points);
			db_bind_text(s, k + 5, l->on, strlen(l->on));
			db_bind_text(s, k + 6, "manual", 6);
			if (by_user)
				db_bind_int(s, k + 7, by_user);
			else
				db_bind_null(s, k + 7);
			db_bind_text(s, k + 8, by_name, by_name ? strlen(by_name) : 0);
			db_bind_text(s, k + 9, reason, reason ? strlen(reason) : 0);
		}
		rc = !s || db_step(s) != DB_OK;
		at += rows;
	}
	mileage_batch_end(&b);
	enum err why = rc ? ERR_DB_UNAVAILABLE : mileage_book(c, org, lines, n);
	free(lines);
	return why;
}

enum err mileage_rebuild(struct db_conn *c, int64_t org)
{
	db_big_cache(c);
	if (db_run(c, NULL, "DELETE FROM mileage_balances WHERE org_id = ?", "i", org) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	/* the organisation's people, their ids in order */
	size_t people = 0, room = 1024;
	int64_t *ids = xmalloc(room * sizeof *ids);
	struct db_stmt *s =
		db_preparef(c, "SELECT id FROM staff WHERE org_id = ? ORDER BY id", "i", org);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (people == room)
			ids = xrealloc(ids, (room *= 2) * sizeof *ids);
		ids[people++] = db_column_int(s, 0);
	}
	db_finalize(s);
	if (rc != DB_OK) {
		free(ids);
		return ERR_DB_UNAVAILABLE;
	}
	/*
	 * Every entry booked again as when it was written, 4,096 people at a
	 * time (the ledger's index of people), so a person's rows are written
	 * once.  The organisation is checked here, not asked for: asked, SQLite
	 * may walk its index of every entry of the organisation instead.
	 */
	size_t cap = 4096, n;
	struct mileage_line *lines = xmalloc(cap * sizeof *lines);
	enum err why = ERR_OK;
	for (size_t at = 0; at < people && why == ERR_OK; at += 4096) {
		size_t end = at + 4096 < people ? at + 4096 : people;
		s = db_preparef(c,
				"SELECT staff_id, COALESCE(department_id, 0), points, earned_on, "
				"org_id FROM mileage_entries WHERE staff_id >= ? AND staff_id <= ?",
				"ii", ids[at], ids[end - 1]);
		int step = DB_ERR;
		n = 0;
		while (s && (step = db_step(s)) == DB_ROW) {
			if (db_column_int(s, 4) != org)
				continue;
			if (n == cap)
				lines = xrealloc(lines, (cap *= 2) * sizeof *lines);
			lines[n] = (struct mileage_line){db_column_int(s, 0), db_column_int(s, 1),
							 db_column_int(s, 2), ""};
			snprintf(lines[n].on, sizeof lines[n].on, "%s", db_column_text(s, 3));
			n++;
		}
		db_finalize(s);
		why = step != DB_OK ? ERR_DB_UNAVAILABLE : mileage_book(c, org, lines, n);
	}
	free(lines);
	free(ids);
	return why;
}

enum err mileage_event_links(struct db_conn *c, const struct mileage_event *ev, const char *field)
{
	/* bounded: one record's people */
	struct db_stmt *s = db_preparef(
		c,
		"SELECT l.ref_id FROM record_links l WHERE l.entity = ? AND l.field = ? AND "
		"l.record_id = ? AND NOT EXISTS (SELECT 1 FROM domain_events d WHERE d.kind = ? "
		"AND d.record_id = l.record_id AND d.staff_id = l.ref_id) ORDER BY l.position",
		"ttit", ev->entity, field, ev->record, ev->kind);
	size_t n = 0, cap = 64;
	int64_t *ids = xmalloc(cap * sizeof *ids);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (n == cap)
			ids = xrealloc(ids, (cap *= 2) * sizeof *ids);
		ids[n++] = db_column_int(s, 0);
	}
	db_finalize(s);
	enum err why = s && rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
	for (size_t i = 0; i < n && why == ERR_OK; i++) {
		struct mileage_event one = *ev;
		one.staff = ids[i];
		why = mileage_event(c, &one);
	}
	free(ids);
	return why;
}
