/*
 * mileage.h: innovation mileage (SPEC.md §4; seed Ⅱ-9, Ⅳ-2-9).  Modules
 * report what people did as domain events (mileage_event(), inside their
 * own write's transaction); the rule table of the organisation turns an
 * event into points on the append-only ledger, at once.  Administrators
 * award and correct by hand (a correction is a new entry), or award many
 * people at once.  Balances per person, department and organisation and
 * per period are kept current with every entry (ledger.c), so leaderboards
 * never read the ledger (pages.c); MVPs of a month or a year are confirmed
 * by an administrator and their rewards recorded (pages.c).
 *
 * Points are halves everywhere in C and SQL (2.5 points: 5); pages and the
 * API show points.
 *
 * Who may do what: every member of staff reads the rules, the leaderboards
 * and their own ledger; department managers read their subtree's entries;
 * administrators keep the rules, award, correct, confirm MVPs and rewards.
 */
#ifndef INNOLAND_MILEAGE_H
#define INNOLAND_MILEAGE_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity mileage_rules;   /* "mileage-rules" */
extern const struct entity mileage_entries; /* "mileage-entries" */
extern const struct entity mileage_mvps;    /* "mileage-mvps" */
extern const struct entity mileage_rewards; /* "mileage-rewards" */

extern const struct choice mileage_kinds[]; /* mileage_entries.kind */

/* A domain event: what happened (a code of app/events.c), to which record,
 * concerning which member of staff (0: nobody on the staff list), on which
 * day ('YYYY-MM-DD'; NULL: today). */
struct mileage_event {
	int64_t org;
	const char *kind;    /* "knowledge.excellent" */
	const char *entity;  /* "knowledge-items" */
	int64_t record;	     /* its id */
	int64_t staff;	     /* whom it concerns */
	int64_t user;	     /* their account, if any (0: none) */
	const char *on;	     /* the day it happened */
	const char *payload; /* JSON object text, NULL: {} */
};

/*
 * Records ev in domain_events and takes it at once (mileage_take()), inside
 * the caller's transaction.  ERR_OK, ERR_INVALID for a code missing from
 * the registry, or ERR_DB_UNAVAILABLE.
 */
enum err mileage_event(struct db_conn *c, const struct mileage_event *ev);

/*
 * One ev for each person of the record's link field (record_links:
 * ev->entity, field, ev->record) not yet given ev->kind for that record:
 * a meeting's attendees, an activity's participants, each once however
 * often the record is saved.  ev->staff is ignored.
 */
enum err mileage_event_links(struct db_conn *c, const struct mileage_event *ev, const char *field);

/*
 * Takes domain event event_id: the organisation's active rule for its code
 * on its day (the latest valid_from of those whose period covers it) gives
 * the person its points, cut to what the rule's monthly cap leaves (read
 * and booked under the person's db_lock(), so events at once never pass
 * it); the entry and the balances are written, and the event marked consumed.
 * Taking an event again awards nothing (one entry per event, enforced by
 * the database).  No rule, no person or no points left under the cap: no
 * entry, the event is consumed all the same.  Inside the caller's
 * transaction; *awarded (if not NULL) gets the halves awarded.
 */
enum err mileage_take(struct db_conn *c, int64_t event_id, int64_t *awarded);

/* Takes every event of org not yet consumed, oldest first (events written
 * around mileage_event(): bulk loads).  *taken gets how many. */
enum err mileage_take_pending(struct db_conn *c, int64_t org, int64_t *taken);

/* The staff member with account user (0: none). */
int64_t mileage_staff_of_user(struct db_conn *c, int64_t org, int64_t user);

/* One line of a manual or bulk award. */
struct mileage_grant {
	int64_t staff;
	int64_t points; /* halves, not 0 */
	const char *on; /* 'YYYY-MM-DD' */
};

/*
 * Awards n grants by hand in the caller's transaction: a manual entry each
 * (with the reason, and who awarded it), the balances of all of them in a
 * few statements.  Every staff member must exist in org (ERR_INVALID
 * otherwise, nothing written).  This is the bulk path: 100,000 entries are
 * one call.
 */
enum err mileage_grant(struct db_conn *c, int64_t org, const struct mileage_grant *g, size_t n,
		       const char *reason, int64_t by_user, const char *by_name);

/* A bulk award as the page and the shell take it, as typed. */
struct mileage_bulk {
	const char *list;    /* employee numbers: lines, tabs, commas or spaces between */
	const char *points;  /* "1.5": each person's, as the ledger's points field takes it */
	const char *on;	     /* "2007-03-15", or "" for today */
	const char *reason;  /* why, at most 500 characters */
	const char *by_name; /* who awards, as the entries name them */
};

/*
 * Awards b in its own transaction, committed with an audit entry by who:
 * all or nothing.  Bad points, day or reason, a repeated number or one not
 * on org's live staff list refuse it with ERR_INVALID, saying what in
 * problem (Korean).  *people gets how many were awarded.
 */
enum err mileage_bulk(struct db_conn *c, const struct audit_actor *who, int64_t org,
		      const struct mileage_bulk *b, size_t *people, char *problem, size_t len);

/* What an entry changes, for the balances: its person, department (0:
 * none), halves and day.  entries: 1 for a new entry. */
struct mileage_line {
	int64_t staff, dept, points;
	char on[11];
};

/* Adds n entries' lines to the balances of their people, departments
 * (with every department above) and organisation, for the month, the year
 * and all time; a person's first entry in a period counts them in the
 * organisation's people of that period.  In the caller's transaction. */
enum err mileage_book(struct db_conn *c, int64_t org, const struct mileage_line *l, size_t n);

/* Computes org's balances again from the ledger (after entries were written
 * around the engine); `innoland rebuild` calls it. */
enum err mileage_rebuild(struct db_conn *c, int64_t org);

/* "2006-07" or "2006" or "all" → whether it names a period. */
int mileage_period_valid(const char *period);

/* A balance row's subject and period as mileage_balances keeps them: the
 * subject's kind, and a period as a number (0 all time, 2006 a year,
 * 200607 a month). */
enum mileage_subject { MILEAGE_STAFF = 0, MILEAGE_DEPT = 1, MILEAGE_ORG = 2 };
int mileage_period_number(const char *period); /* of a valid period */
/* The period's name ("all", "2006", "2006-07"): its length. */
int mileage_period_name(int period, char out[16]);

/* The top of a period (subject staff) to choose MVPs from: the first n by
 * points, with everyone tied with the n-th (ties share a rank).  An array
 * of {rank, staff_id, name, department, points}. */
json_t *mileage_candidates(struct db_conn *c, int64_t org, const char *period, int n);

/* Confirms MVPs of period: staff[i] with reward amount[i] won (0: none)
 * titled title; refuses a period already confirmed (ERR_CONFLICT) or a
 * person without points in it (ERR_INVALID).  In the caller's transaction. */
enum err mileage_confirm_mvps(struct db_conn *c, int64_t org, const char *period,
			      const int64_t *staff, const int64_t *amount, size_t n,
			      const char *title, int64_t by_user, const char *today);

struct db;
struct cli_args;
/* `innoland mileage award FILE --points P --reason R [--on D] [--org C]`:
 * the process exit status. */
int mileage_cli_award(struct db *db, const struct cli_args *a);

/* `innoland mileage take [--org CODE]`: the process exit status. */
int mileage_cli_take(struct db *db, const struct cli_args *a);

handler_fn mileage_page_mine, mileage_page_leaderboard, mileage_page_bulk, mileage_page_bulk_post,
	mileage_page_mvps;
/* The MVP confirmation, the rewards' collection action (POST
 * /mileage-rewards/mvps): the period's people picked, each with a reward. */
action_fn mileage_mvps_run;

/* The seed's 2006 mileage: rules, the knowledge events taken through them,
 * manual awards, the year's 9 MVPs and their rewards, in one transaction
 * (crud/seed.h) whose audit entry records the people and points the ledger
 * then holds.  After knowledge's demo; 0, also when already there (the
 * organisation has rules), or -1 with err, also when it has fewer than
 * 1,292 staff, saying so; on -1 nothing is written. */
int mileage_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		      size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module mileage_module;

#endif
