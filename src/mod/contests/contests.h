/*
 * contests.h: contests (경진대회; SPEC.md §8, seed Ⅱ-1, Ⅱ-7, Ⅳ-1-5, Ⅳ-2-9).
 * A contest has weighted criteria, award tiers (최우수, 우수, 장려 with
 * their counts), an aggregation (the mean, or the trimmed mean of at least
 * five sheets), optionally two panels (the judges and a staff vote, with
 * the judges' share), and a tie criterion.  Entries are a person's, a
 * team's, a club's (made from a club's casebook output) or a department's.
 * Judges are staff or accounts of the role judge; a judge is excluded
 * (제척) from their own entry and from entries of their department, club
 * or team, and may declare a recusal (회피) with a reason.  A judge's
 * score sheet is never changed: a correction before closing is the next
 * version, with its reason.  Closing freezes the results (the figures, the
 * ranks, the tiers and the whole explanation) as the results' next
 * version; reopening is audited with its reason; confirming the awards
 * emits contest.entered for every entrant and contest.awarded with the
 * tier for each winner, which the mileage rules turn into points.
 *
 * The arithmetic is the scoring engine's (mod/scoring/scoring.h); every
 * figure a page shows is explained there, from the sheets.
 *
 * Who may do what: administrators keep contests, criteria, entries and
 * judges, close, reopen and confirm; staff read contests and entries and
 * make their own entries while the entry window is open; a judge (staff
 * appointed, or an account of the role judge, which sees only the entries
 * it is assigned) scores the entries it is not excluded from.
 */
#ifndef INNOLAND_CONTESTS_H
#define INNOLAND_CONTESTS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity contests_contests; /* "contests" */
extern const struct entity contests_criteria; /* "contest-criteria" */
extern const struct entity contests_entries;  /* "contest-entries" */
extern const struct entity contests_judges;   /* "contest-judges" */
extern const struct entity contests_scores;   /* "contest-scores" */

extern const struct choice contests_kinds[];	     /* contests.kind */
extern const struct choice contests_statuses[];	     /* contests.status */
extern const struct choice contests_entrant_kinds[]; /* contest_entries.entrant_kind */
extern const struct choice contests_panels[];	     /* contest_judges.panel */

/*
 * The contest's board: its criteria, panels and every entry with its
 * sheets (each judge's latest version counted, the earlier listed), the
 * dropped totals, each panel's arithmetic, the final figure, the rank (the
 * tie rule's reason where it decided) and the tier; live while the contest
 * is open, the latest frozen results once it is closed.  NULL on a
 * database error.  {"criteria", "panels", "entries" (best first),
 * "frozen", "version", "tie_rule"}.
 */
json_t *contests_board(struct db_conn *c, int64_t org, int64_t contest);

/* 1 when the contest of org is open (taking entries and sheets), 0 when it
 * is closed or not there, -1 on a database error (board.c). */
int contests_open(struct db_conn *c, int64_t org, int64_t contest);

/* Freezes the board of an open contest as its results' next version
 * (contest_results), inside the caller's transaction; *version gets it. */
enum err contests_freeze(struct db_conn *c, int64_t org, int64_t contest, int *version);

/* A sheet's scores of contest from input's score_<criterion id> (each of
 * the contest's criteria once, in its range, in halves; no other): the
 * {"criterion id": score} text (free it with jmem_free()) and the total in hundredths into
 * *total; NULL with errors under the inputs' names (or on a database
 * error, with none). */
char *contests_sheet(struct db_conn *c, int64_t org, int64_t contest, const json_t *input,
		     json_t *errors, int64_t *total);

/* Emits, for the latest frozen results of a contest whose awards are
 * being confirmed, contest.entered for every entrant (a person, a team's
 * members, a club's 회장) and contest.awarded with the tier for each
 * winner, on day on (NULL: today), inside the caller's transaction; the
 * counts into *entered and *awarded. */
enum err contests_confirm(struct db_conn *c, int64_t org, int64_t contest, const char *on,
			  int64_t *entered, int64_t *awarded);

/* Why judge may not score entry, in Korean ("본인 출품작", "소속 부서의
 * 출품작", … or the recusal's "회피: <reason>"), into out; "" when they
 * may.  -1 on a database error, 1 excluded (제척), 2 recused (회피), 0
 * free. */
int contests_conflict(struct db_conn *c, int64_t judge, int64_t entry, char out[300]);

/* The judge of contest that the signed-in account is (its account, or its
 * member of staff), or 0. */
int64_t contests_judge_of(struct request *req, int64_t contest);

/* Keeps user_assignments of contest's judges with accounts: each sees the
 * contest and the entries it is not excluded from (제척; a recused one it
 * still sees), nothing else. */
enum err contests_assign(struct db_conn *c, int64_t org, int64_t contest);

/* The show pages' extra documents (pages.c). */
entity_show_fn contests_show, contests_entry_show;
/* The assignment page (who is excluded from what and why), an award's
 * certificate, the printable results table (its API face: the board as
 * JSON), the results and the sheets as XLSX (pages.c). */
handler_fn contests_page_assignments, contests_page_certificate, contests_page_results,
	contests_page_results_export, contests_page_sheets_export;

/* The entries' actions (score, recuse: 2) and the contests' (close,
 * reopen, confirm: 3) (actions.c). */
extern const struct action contests_entry_actions[2];
extern const struct action contests_contest_actions[3];

/*
 * The seed's contests: the 2006 브랜드 경진대회 (행정혁신우수사례) with its 4
 * awards (최우수 관급공사품질관리 OK, 우수 3), judged by five including the
 * two leaders of the leading group who judged it; the 2006 학습동아리
 * 경진대회 of 10.25 with the 7 clubs' presentations (the clubs' outputs),
 * closed, its awards not yet confirmed; the 2007 상반기 우수혁신사례
 * 경진대회, open for entries.  0, also when they are there, or -1 with err.
 */
int contests_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		       size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module contests_module;

#endif
