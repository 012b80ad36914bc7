/*
 * demo.c: the seed's contests (contests.h, contests_demo_load):
 *  - Ⅱ-1 행정혁신우수사례 브랜드 경진대회 (2006, 1회): 우수사례 시상 4건
 *    (최우수 1, 우수 3).  The entries are the brand project 관급공사품질관리
 *    OK of 건설관리과 (행자부 주관 혁신 브랜드 사업, 2006. 2. 1) and five of
 *    2006's process redesigns (the tasks demo's records) of other
 *    departments; five judges, the trimmed mean: the two leaders of the
 *    leading group who judged it (Ⅱ-6 "혁신우수사례 경진대회 심사 참여:
 *    리더그룹 2명", the groups demo's judging activity of 11.29), one of
 *    the 혁신기획단 and two outside judges whose paper sheets the office
 *    entered.  Closed and confirmed; results public.
 *  - Ⅱ-7 학습동아리 경진대회 (2006. 10. 25): the 7 clubs' presentations,
 *    made from the clubs demo's presentation outputs; three judges, the
 *    mean; closed, its awards (최우수 1, 우수 2: the seed gives no counts)
 *    not yet confirmed.
 *  - Ⅳ-1-5 우수혁신사례 경진대회 연 2회: the 2007 상반기 one, open, with
 *    three entries (2006's method improvements) and five judges, no sheet
 *    yet.
 * The scores are the demo's sheets (seed_next(): the same every load);
 * every figure is computed from them, and the load fails unless they give
 * the seed's awards.
 */
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "crud/module.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/contests/contests.h"
#include "mod/scoring/scoring.h"

struct load {
	struct seed s;
	int64_t crit[4]; /* the contest's criteria being loaded */
	size_t n_crit;
};

static int64_t add_contest(struct load *l, const char *title, const char *kind, int year, int half,
			   const char *entry_from, const char *entry_to, const char *judge_from,
			   const char *judge_to, const char *held_on, const char *aggregation,
			   int best, int excellent, int public_)
{
	return seed_insert(
		&l->s, title,
		db_preparef(
			l->s.c,
			"INSERT INTO contests (org_id, title, kind, year, half, entry_from, "
			"entry_to, judge_from, judge_to, held_on, aggregation, best_count, "
			"excellent_count, merit_count, results_public, blind, description) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1, ?) RETURNING id",
			"ittiittttttiiit", l->s.org, title, kind, (int64_t)year, (int64_t)half,
			entry_from, entry_to, judge_from, judge_to, held_on, aggregation,
			(int64_t)best, (int64_t)excellent, (int64_t)public_, title));
}

/* The contest's criteria (weights 30, 30, 20, 20, scored 0..10), the second
 * breaking ties. */
static int add_criteria(struct load *l, int64_t contest, const char *const names[4])
{
	static const int weights[4] = {30, 30, 20, 20};
	l->n_crit = 4;
	for (size_t k = 0; k < 4; k++)
		if (!(l->crit[k] = seed_insert(
			      &l->s, names[k],
			      db_preparef(
				      l->s.c,
				      "INSERT INTO contest_criteria (org_id, contest_id, name, "
				      "weight, score_min, score_max, sort_order) VALUES (?, ?, ?, "
				      "?, 0, 10, ?) RETURNING id",
				      "iitii", l->s.org, contest, names[k], (int64_t)weights[k],
				      (int64_t)k))))
			return -1;
	return db_run(l->s.c, NULL, "UPDATE contests SET tie_criterion_id = ? WHERE id = ?", "ii",
		      l->crit[1], contest) == DB_OK
		       ? 0
		       : seed_fail(&l->s, "tie criterion");
}

static int64_t add_entry(struct load *l, int64_t contest, const char *title, const char *kind,
			 int64_t dept, int64_t club, int64_t output, const char *summary,
			 const char *on)
{
	return seed_insert(
		&l->s, title,
		db_preparef(
			l->s.c,
			"INSERT INTO contest_entries (org_id, contest_id, title, entrant_kind, "
			"department_id, club_id, output_id, summary, submitted_on) VALUES (?, ?, "
			"?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?) RETURNING id",
			"iittiiitt", l->s.org, contest, title, kind, dept, club, output, summary,
			on));
}

static int64_t add_judge(struct load *l, int64_t contest, int64_t staff, const char *name,
			 const char *affiliation)
{
	return seed_insert(
		&l->s, name,
		db_preparef(
			l->s.c,
			"INSERT INTO contest_judges (org_id, contest_id, staff_id, name, panel, "
			"affiliation) SELECT ?, ?, NULLIF(?, 0), COALESCE((SELECT name FROM staff "
			"WHERE id = ?), ?), 'expert', ? RETURNING id",
			"iiiitt", l->s.org, contest, staff, staff, name, affiliation));
}

/* One judge's sheet of an entry of quality q (halves, 0..20): each
 * criterion q give or take a half, from the fixed seed. */
static int add_sheet(struct load *l, int64_t contest, int64_t entry, int64_t judge, int q,
		     const char *on)
{
	char why[300];
	int x = contests_conflict(l->s.c, judge, entry, why);
	if (x)
		return x < 0 ? seed_fail(&l->s, "conflict") : 0; /* excluded: no sheet */
	struct score_criterion crit[4];
	double scores[4];
	char text[200] = "{";
	for (size_t k = 0; k < l->n_crit; k++) {
		static const double w[4] = {30, 30, 20, 20};
		crit[k] = (struct score_criterion){"", w[k], 0, 10};
		int h = q + (int)seed_next(&l->s, 3) - 1;
		h = h < 0 ? 0 : h > 20 ? 20 : h;
		scores[k] = h / 2.0;
		char part[48];
		snprintf(part, sizeof part, "%s\"%lld\":%s%s", k ? "," : "", (long long)l->crit[k],
			 scoring_text(scores[k], (char[32]){0}), "");
		strncat(text, part, sizeof text - strlen(text) - 2);
	}
	strcat(text, "}");
	int64_t total = (int64_t)(scoring_total(crit, l->n_crit, scores) * 100 + 0.5);
	char at[24];
	snprintf(at, sizeof at, "%sT10:00:00Z", on);
	return seed_insert(
		       &l->s, "sheet",
		       db_preparef(l->s.c,
				   "INSERT INTO contest_scores (org_id, contest_id, entry_id, "
				   "judge_id, version, scores, total, created_at) VALUES (?, ?, ?, "
				   "?, 1, ?, ?, ?) RETURNING id",
				   "iiiitit", l->s.org, contest, entry, judge, text, total, at))
		       ? 0
		       : -1;
}

static int64_t dept(struct load *l, const char *name)
{
	int64_t id = db_int(l->s.c, NULL, 0,
			    "SELECT id FROM departments WHERE org_id = ? AND name = ? AND "
			    "archived_at IS NULL ORDER BY id LIMIT 1",
			    "it", l->s.org, name);
	if (!id) {
		snprintf(l->s.err, l->s.errlen, "contests demo: no department %s", name);
		return 0;
	}
	return id;
}

/* The ids of a query (org bound to each '?'), up to max. */
static size_t ids(struct load *l, const char *sql, int64_t *out, size_t max)
{
	struct db_stmt *s = db_preparef(l->s.c, sql, "i", l->s.org);
	size_t n = 0;
	while (s && n < max && db_step(s) == DB_ROW)
		out[n++] = db_column_int(s, 0);
	db_finalize(s);
	return n;
}

/* Closes (freezing the results) and, when confirm, confirms the awards,
 * as the administrator's actions do; checks the seed's awards were given. */
static int finish(struct load *l, int64_t contest, int confirm, int awards, const char *top)
{
	int version;
	if (db_run(l->s.c, NULL, "UPDATE contests SET status = 'closed' WHERE id = ?", "i",
		   contest) != DB_OK ||
	    contests_freeze(l->s.c, l->s.org, contest, &version) != ERR_OK)
		return seed_fail(&l->s, "close");
	int64_t given = db_int(l->s.c, NULL, 0,
			       "SELECT COUNT(*) FROM contest_results WHERE contest_id = ? AND "
			       "tier > 0",
			       "i", contest);
	char first[200] = "";
	struct db_stmt *s =
		db_preparef(l->s.c,
			    "SELECT e.title FROM contest_results r JOIN contest_entries "
			    "e ON e.id = r.entry_id WHERE r.contest_id = ? AND r.rank = 1",
			    "i", contest);
	if (s && db_step(s) == DB_ROW)
		snprintf(first, sizeof first, "%s", db_column_text(s, 0));
	db_finalize(s);
	if (given != awards || (top && strcmp(first, top))) {
		snprintf(l->s.err, l->s.errlen,
			 "contests demo: the sheets gave %lld awards, first '%s' (the seed: %d, "
			 "first '%s')",
			 (long long)given, first, awards, top ? top : "");
		return -1;
	}
	int64_t entered, awarded;
	if (confirm &&
	    (db_run(l->s.c, NULL, "UPDATE contests SET status = 'confirmed' WHERE id = ?", "i",
		    contest) != DB_OK ||
	     contests_confirm(l->s.c, l->s.org, contest, NULL, &entered, &awarded) != ERR_OK))
		return seed_fail(&l->s, "confirm");
	return 0;
}

/* The staff of the 혁신기획단 and its teams (one '?': the organisation). */
#define OFFICE_STAFF                                                                               \
	"SELECT s.id FROM staff s JOIN departments d ON d.id = s.department_id JOIN departments "  \
	"top ON top.org_id = s.org_id AND top.name = '혁신기획단' WHERE s.org_id = ? AND "    \
	"s.active = 1 AND (d.id = top.id OR d.path LIKE '/' || top.id || '/%')"

static const char *const practice_criteria[4] = {"창의성", "효과성", "확산가능성", "실현가능성"};

static int brand_2006(struct load *l)
{
	int64_t c = add_contest(l, "2006 행정혁신우수사례 브랜드 경진대회", "brand", 2006, 2,
				"2006-10-02", "2006-10-31", "2006-11-20", "2006-11-29",
				"2006-11-29", "trimmed", 1, 3, 1);
	if (!c || add_criteria(l, c, practice_criteria))
		return -1;
	int64_t works[5];
	size_t nw =
		ids(l,
		    "SELECT MIN(p.id) FROM process_redesigns p JOIN departments d ON d.id = "
		    "p.department_id WHERE p.org_id = ? AND p.kind = 'redesign' AND p.year = "
		    "2006 AND d.name <> '건설관리과' GROUP BY p.department_id ORDER BY MIN(p.id)",
		    works, 5);
	if (nw < 5)
		return seed_fail(&l->s, "2006 process redesigns (the tasks demo)");
	int64_t entries[6];
	int64_t construction = dept(l, "건설관리과");
	if (!construction ||
	    !(entries[0] = add_entry(l, c, "관급공사품질관리 OK", "department", construction, 0, 0,
				     "행자부 주관 혁신 브랜드 사업 선정(2006. 2. 1): 관급공사의 "
				     "품질을 설계부터 준공까지 단계마다 점검하는 관리체계",
				     "2006-10-16")))
		return -1;
	for (size_t i = 0; i < 5; i++) {
		char title[300] = "", summary[400] = "";
		int64_t d = 0;
		struct db_stmt *s =
			db_preparef(l->s.c,
				    "SELECT work, department_id, COALESCE(after_text, '') "
				    "FROM process_redesigns WHERE id = ?",
				    "i", works[i]);
		if (s && db_step(s) == DB_ROW) {
			snprintf(title, sizeof title, "%s", db_column_text(s, 0));
			snprintf(summary, sizeof summary, "2006년 일하는 방식 개선: %s",
				 db_column_text(s, 2));
			d = db_column_int(s, 1);
		}
		db_finalize(s);
		if (!(entries[i + 1] =
			      add_entry(l, c, title, "department", d, 0, 0, summary, "2006-10-20")))
			return -1;
	}
	/* the two leaders who judged it (the groups demo's activity of 11.29) */
	int64_t leaders[2];
	if (ids(l,
		"SELECT k.ref_id FROM record_links k JOIN innovation_group_activities a ON a.id = "
		"k.record_id WHERE k.entity = 'group-activities' AND k.field = 'participants' AND "
		"a.org_id = ? AND a.kind = 'judging' AND a.held_on = '2006-11-29' ORDER BY "
		"k.position",
		leaders, 2) < 2)
		return seed_fail(&l->s, "the leaders' judging of 2006-11-29 (the groups demo)");
	int64_t office[3];
	size_t no = ids(l, OFFICE_STAFF " ORDER BY s.id", office, 3);
	while (no && (office[0] == leaders[0] || office[0] == leaders[1]))
		office[0] = office[--no]; /* a leader judges once */
	if (!no)
		return seed_fail(&l->s, "staff of 혁신기획단");
	int64_t judges[5] = {
		add_judge(l, c, leaders[0], "", "혁신리더그룹"),
		add_judge(l, c, leaders[1], "", "혁신리더그룹"),
		add_judge(l, c, office[0], "", "혁신기획단"),
		add_judge(l, c, 0, "외부 심사위원 (가)", "외부 전문가 (대학교수)"),
		add_judge(l, c, 0, "외부 심사위원 (나)", "외부 전문가 (연구원)"),
	};
	for (size_t j = 0; j < 5; j++)
		if (!judges[j])
			return -1;
	/* qualities in halves: the brand project first */
	static const int quality[6] = {18, 16, 15, 14, 13, 11};
	for (size_t j = 0; j < 5; j++)
		for (size_t e = 0; e < 6; e++)
			if (add_sheet(l, c, entries[e], judges[j], quality[e], "2006-11-27"))
				return -1;
	return finish(l, c, 1, 4, "관급공사품질관리 OK");
}

static int club_2006(struct load *l)
{
	int64_t c = add_contest(l, "2006 학습동아리 경진대회", "club", 2006, 2, "2006-09-18",
				"2006-10-13", "2006-10-25", "2006-10-25", "2006-10-25", "mean", 1,
				2, 0);
	static const char *const names[4] = {"내용의 충실성", "업무 적용성", "발표", "참여·협업"};
	if (!c || add_criteria(l, c, names))
		return -1;
	int64_t outputs[7];
	if (ids(l,
		"SELECT id FROM club_outputs WHERE org_id = ? AND kind = 'presentation' AND "
		"produced_on = '2006-10-25' AND archived_at IS NULL ORDER BY id",
		outputs, 7) != 7)
		return seed_fail(&l->s, "the 7 presentations of 2006-10-25 (the clubs demo)");
	int64_t entries[7];
	for (size_t i = 0; i < 7; i++) {
		char title[300] = "", summary[600] = "";
		int64_t club = 0, d = 0;
		struct db_stmt *s = db_preparef(
			l->s.c,
			"SELECT o.title, COALESCE(o.summary, ''), o.club_id, "
			"COALESCE(k.department_id, "
			"0) FROM club_outputs o JOIN clubs k ON k.id = o.club_id WHERE o.id = ?",
			"i", outputs[i]);
		if (s && db_step(s) == DB_ROW) {
			snprintf(title, sizeof title, "%s", db_column_text(s, 0));
			snprintf(summary, sizeof summary, "%s", db_column_text(s, 1));
			club = db_column_int(s, 2);
			d = db_column_int(s, 3);
		}
		db_finalize(s);
		if (!(entries[i] = add_entry(l, c, title, "club", d, club, outputs[i], summary,
					     "2006-10-13")))
			return -1;
	}
	int64_t office[2];
	if (ids(l, OFFICE_STAFF " ORDER BY s.id DESC", office, 2) < 2)
		return seed_fail(&l->s, "staff of 혁신기획단");
	int64_t judges[3] = {add_judge(l, c, office[0], "", "혁신기획단"),
			     add_judge(l, c, office[1], "", "혁신기획단"),
			     add_judge(l, c, 0, "외부 심사위원 (다)", "외부 전문가 (평생학습)")};
	for (size_t j = 0; j < 3; j++)
		if (!judges[j])
			return -1;
	static const int quality[7] = {17, 15, 16, 12, 14, 13, 11};
	for (size_t j = 0; j < 3; j++)
		for (size_t e = 0; e < 7; e++)
			if (add_sheet(l, c, entries[e], judges[j], quality[e], "2006-10-25"))
				return -1;
	return finish(l, c, 0, 3, NULL);
}

static int practice_2007(struct load *l)
{
	int64_t c = add_contest(l, "2007 상반기 우수혁신사례 경진대회", "practice", 2007, 1,
				"2007-03-02", "2007-05-31", "2007-06-01", "2007-06-20",
				"2007-06-27", "trimmed", 1, 3, 1);
	if (!c || add_criteria(l, c, practice_criteria))
		return -1;
	int64_t works[3];
	if (ids(l,
		"SELECT MIN(id) FROM process_redesigns WHERE org_id = ? AND kind = 'method' AND "
		"year = 2006 AND department_id IS NOT NULL GROUP BY department_id ORDER BY MIN(id)",
		works, 3) < 3)
		return seed_fail(&l->s, "2006 method improvements (the tasks demo)");
	for (size_t i = 0; i < 3; i++) {
		char title[300] = "";
		int64_t d = 0;
		struct db_stmt *s = db_preparef(
			l->s.c, "SELECT work, department_id FROM process_redesigns WHERE id = ?",
			"i", works[i]);
		if (s && db_step(s) == DB_ROW) {
			snprintf(title, sizeof title, "%s", db_column_text(s, 0));
			d = db_column_int(s, 1);
		}
		db_finalize(s);
		if (!add_entry(l, c, title, "department", d, 0, 0,
			       "나만의 장·단점을 찾아라! 방법 개선 사례", "2007-04-16"))
			return -1;
	}
	int64_t office[3];
	if (ids(l, OFFICE_STAFF " ORDER BY s.id", office, 3) < 3)
		return seed_fail(&l->s, "staff of 혁신기획단");
	for (size_t j = 0; j < 3; j++)
		if (!add_judge(l, c, office[j], "", "혁신기획단"))
			return -1;
	if (!add_judge(l, c, 0, "외부 심사위원 (라)", "외부 전문가") ||
	    !add_judge(l, c, 0, "외부 심사위원 (마)", "외부 전문가"))
		return -1;
	return 0;
}

int contests_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		       size_t errlen)
{
	struct load l = {.s = {.c = c,
			       .by = by,
			       .org = org,
			       .module = "contests",
			       .err = err,
			       .errlen = errlen,
			       .rng = 2006}};
	switch (seed_begin(&l.s, "SELECT COUNT(*) FROM contests WHERE org_id = ?",
			   "SELECT COUNT(*) FROM club_outputs WHERE org_id = ? AND kind = "
			   "'presentation'",
			   7, "the clubs' demo (its 7 presentations of the club contest) first")) {
	case SEED_LOADED: return 0;
	case SEED_FAILED: return -1;
	case SEED_LOAD: break;
	}
	int ok = !brand_2006(&l) && !club_2006(&l) && !practice_2007(&l);
	return seed_end(&l.s, ok, NULL);
}
