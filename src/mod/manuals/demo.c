/*
 * demo.c: the 2007 team-innovation campaign (seed Ⅳ-1-7) of the org demo's
 * teams.
 *
 * From the seed: 132 teams (the org demo's departments of kind team, all
 * under divisions), the 팀 업무혁신 meeting that sets mission, vision,
 * goals and directions, the basic manual in stage 1 (March), the unit
 * manuals of each 담당 in stage 2 (April-May), and one innovation task a
 * team (1팀 1혁신과제).  The seed gives the plan only, not its outcome, so
 * everything below about who did what when is made up, by fixed rules on
 * the team's place in the campaign's order (division, then team), the same
 * every time:
 *  - a charter for every team but each 11th (i % 11 == 10: 12 teams
 *    without), its meeting on 2007-02-05 .. 02-24, done the same day; each
 *    13th from the 7th (i % 13 == 6) met late, in March;
 *  - a team task (kind team, led by the team, 발굴: discovered) for three
 *    charters in four (not i % 4 == 3), linked from the charter;
 *  - a basic manual for every team but each 9th (i % 9 == 8), first saved
 *    on 2007-03-02 .. 03-28, or in April for i % 7 == 3 (late); a second
 *    version a week later for i % 5 == 0, and a third a week after that
 *    for i % 10 == 0;
 *  - for teams with a basic manual and i % 3 != 2: 1 + i % 3 unit manuals
 *    (one or two duties), saved 2007-04-03 .. 05-27, or in June for
 *    i % 8 == 5 (late); for i % 17 == 0 the second duty's manual is
 *    created but never saved, so the team's stage 2 is not done.
 * The texts are short Markdown of the same outline; the author of every
 * version is the team's 팀장 (the org demo gives each team one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "crud/module.h"
#include "crud/seed.h"
#include "db/db.h"
#include "mod/manuals/manuals.h"
#include "mod/tasks/tasks.h"

enum { TEAMS_MAX = 400 };

static const char *const duties[] = {"민원 접수·처리", "예산·회계 집행", "자료·문서 관리",
				     "현장 점검"};

struct team {
	int64_t id;	 /* the department */
	char name[120];	 /* its name */
	char leader[60]; /* its 팀장's name */
};

/* The organisation's teams in the campaign page's order. */
static int read_teams(struct seed *s, struct team *t, size_t *n)
{
	struct db_stmt *st = db_preparef(
		s->c,
		"SELECT t.id, t.name, COALESCE((SELECT MIN(x.name) FROM staff x WHERE "
		"x.department_id = t.id AND x.position = '팀장' AND x.archived_at IS NULL), "
		"t.name) FROM departments t LEFT JOIN departments p ON p.id = t.parent_id WHERE "
		"t.org_id = ? AND t.kind = 'team' AND t.archived_at IS NULL ORDER BY "
		"COALESCE(p.sort_order, 0), COALESCE(p.id, 0), t.sort_order, t.id",
		"i", s->org);
	int rc = DB_ERR;
	*n = 0;
	while (st && (rc = db_step(st)) == DB_ROW && *n < TEAMS_MAX) {
		t[*n].id = db_column_int(st, 0);
		snprintf(t[*n].name, sizeof t[*n].name, "%s", db_column_text(st, 1));
		snprintf(t[*n].leader, sizeof t[*n].leader, "%s", db_column_text(st, 2));
		++*n;
	}
	db_finalize(st);
	return rc == DB_OK || rc == DB_ROW ? 0 : seed_fail(s, "teams");
}

static int64_t add_task(struct seed *s, const struct team *t)
{
	char title[200];
	snprintf(title, sizeof title, "%s 1팀 1혁신과제: 업무처리 절차 개선", t->name);
	return seed_insert(s, "task",
			   db_preparef(s->c,
				       "INSERT INTO tasks (org_id, title, kind, year, "
				       "lead_department_id, purpose, status) VALUES (?, ?, 'team', "
				       "2007, ?, ?, 'discovered') RETURNING id",
				       "itit", s->org, title, t->id,
				       "팀 업무혁신 meeting에서 발굴한 팀의 혁신과제"));
}

static int add_charter(struct seed *s, const struct team *t, size_t i)
{
	char met[11], mission[300], vision[300], title[260];
	if (i % 13 == 6)
		snprintf(met, sizeof met, "2007-03-%02zu", 5 + i % 10);
	else
		snprintf(met, sizeof met, "2007-02-%02zu", 5 + i % 20);
	snprintf(mission, sizeof mission, "%s 소관 업무를 주민 중심으로 신속·정확하게 처리한다.",
		 t->name);
	snprintf(vision, sizeof vision, "일 잘하는 %s, 주민이 만족하는 행정", t->name);
	snprintf(title, sizeof title, "%s 2007년 팀 업무혁신", t->name);
	int64_t task = i % 4 == 3 ? 0 : add_task(s, t);
	if (i % 4 != 3 && !task)
		return -1;
	return seed_insert(
		       s, "charter",
		       db_preparef(
			       s->c,
			       "INSERT INTO team_charters (org_id, department_id, year, title, "
			       "met_on, mission, vision, goals, directions, completed_on, "
			       "task_id) VALUES (?, ?, 2007, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0)) "
			       "RETURNING id",
			       "iittttttti", s->org, t->id, title, met, mission, vision,
			       "처리기간 20% 단축, 주민만족도 90점 이상",
			       "팀 업무 자기분석, 단위업무 매뉴얼화, 1팀 1혁신과제 추진", met,
			       task))
		       ? 0
		       : -1;
}

/* Version v (1..3) of a manual's text: each changes one line of the one
 * before, the second also adds one. */
static void body(char *out, size_t len, const char *title, const struct team *t, int v)
{
	snprintf(out, len,
		 "# %s\n\n- 팀: %s\n- 작성: %s\n\n## 1. 업무 개요\n\n%s의 소관 업무와 처리 기준을 "
		 "정리한다.\n\n## 2. 업무 처리 절차\n\n1. 접수\n2. 검토\n%s\n4. 결과 통보\n%s\n## "
		 "3. "
		 "관련 법령\n\n- 관련 법령과 자치법규%s\n",
		 title, t->name, t->leader, t->name, v >= 2 ? "3. 처리 (기한 7일)" : "3. 처리",
		 v >= 2 ? "5. 사후 관리\n" : "", v >= 3 ? " (2007년 개정 반영)" : "");
}

/* A manual of the team with versions saved from first (none when first is
 * NULL), a week apart. */
static int add_manual(struct seed *s, const struct team *t, const char *kind, const char *duty,
		      const char *first, int versions)
{
	char title[240];
	if (*duty)
		snprintf(title, sizeof title, "%s 단위사무 매뉴얼: %s", t->name, duty);
	else
		snprintf(title, sizeof title, "%s 기본업무매뉴얼", t->name);
	int64_t id =
		seed_insert(s, "manual",
			    db_preparef(s->c,
					"INSERT INTO manuals (org_id, department_id, year, kind, "
					"duty, title) VALUES (?, ?, 2007, ?, ?, ?) RETURNING id",
					"iittt", s->org, t->id, kind, duty, title));
	if (!id)
		return -1;
	char day[11] = "", last[11] = "", text[1400];
	for (int v = 1; v <= versions; v++) {
		int y, m, d;
		sscanf(first, "%d-%d-%d", &y, &m, &d);
		d += 7 * (v - 1);
		if (d > 30)
			d -= 30, m++;
		snprintf(v == 1 ? day : last, 11, "%04d-%02d-%02d", y, m, d);
		body(text, sizeof text, title, t, v);
		if (!seed_insert(
			    s, "version",
			    db_preparef(s->c,
					"INSERT INTO manual_versions (org_id, manual_id, version, "
					"body, author_name, saved_on, note) VALUES (?, ?, ?, ?, ?, "
					"?, ?) RETURNING id",
					"iiittt"
					"t",
					s->org, id, (int64_t)v, text, t->leader,
					v == 1 ? day : last, v == 1 ? "처음 작성" : "절차 보완")))
			return -1;
	}
	if (versions &&
	    db_run(s->c, NULL,
		   "UPDATE manuals SET versions = ?, first_saved_on = ?, last_saved_on "
		   "= ? WHERE id = ?",
		   "itti", (int64_t)versions, day, versions > 1 ? last : day, id) != DB_OK)
		return seed_fail(s, "manual");
	return 0;
}

static int add_manuals(struct seed *s, const struct team *t, size_t i)
{
	char first[11];
	if (i % 7 == 3)
		snprintf(first, sizeof first, "2007-04-%02zu", 2 + i % 20);
	else
		snprintf(first, sizeof first, "2007-03-%02zu", 2 + i % 27);
	int versions = 1 + (i % 5 == 0) + (i % 10 == 0);
	if (add_manual(s, t, "basic", "", first, versions))
		return -1;
	if (i % 3 == 2)
		return 0;
	for (size_t k = 0; k < 1 + i % 3; k++) {
		size_t day = 3 + (i + 11 * k) % 55; /* April 3 .. May 27 */
		if (i % 8 == 5)
			snprintf(first, sizeof first, "2007-06-%02zu", 1 + (i + k) % 20);
		else
			snprintf(first, sizeof first, "2007-%02d-%02zu", day <= 30 ? 4 : 5,
				 day <= 30 ? day : day - 30);
		int saved = !(k == 1 && i % 17 == 0);
		if (add_manual(s, t, "unit", duties[(i + k) % COUNT_OF(duties)], first, saved))
			return -1;
	}
	return 0;
}

int manuals_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		      size_t errlen)
{
	struct seed s = {.c = c,
			 .by = by,
			 .org = org,
			 .module = "manuals",
			 .err = err,
			 .errlen = errlen,
			 .rng = 2007};
	enum seed_start start = seed_begin(
		&s, "SELECT COUNT(*) FROM team_charters WHERE org_id = ?",
		"SELECT COUNT(*) FROM departments WHERE org_id = ? AND kind = 'team' AND "
		"archived_at IS NULL",
		132, "팀 132개가 먼저 있어야 합니다 (org 모듈의 데모)");
	if (start != SEED_LOAD)
		return start == SEED_LOADED ? 0 : -1;
	struct team *teams = xcalloc(TEAMS_MAX, sizeof *teams);
	size_t n = 0;
	int ok = read_teams(&s, teams, &n) == 0;
	for (size_t i = 0; ok && i < n; i++)
		ok = (i % 11 == 10 || add_charter(&s, &teams[i], i) == 0) &&
		     (i % 9 == 8 || add_manuals(&s, &teams[i], i) == 0);
	free(teams);
	/* the team tasks in the tasks module's totals, as its own demo does */
	if (ok && tasks_rebuild(c, org) != ERR_OK) {
		seed_fail(&s, "task totals");
		ok = 0;
	}
	return seed_end(&s, ok, NULL);
}
