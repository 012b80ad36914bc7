/*
 * knowledge.h: knowledge management (SPEC.md §3; seed Ⅱ-4, Ⅳ-1-3): the
 * knowledge map, items with a Markdown body, the review workflow by the
 * experts of an item's field, recommendations and views, Korean full-text
 * search on both drivers (search.h), monitoring and activation events.
 *
 * The workflow: an employee registers an item (registered); an expert of
 * its field, never its author, reviews it with scores per criterion and a
 * proposal (under review); an administrator decides: adopted, excellent
 * (우수지식, with a grade and reward; a 'knowledge.excellent' domain event
 * is written in the same transaction for the mileage engine) or returned
 * with a reason.  The author is told in the app (notices) and may revise a
 * returned item, which registers it again.
 */
#ifndef INNOLAND_KNOWLEDGE_H
#define INNOLAND_KNOWLEDGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "crud/entity.h"
#include "http/router.h"
#include "mod/org/org.h"

struct db_conn;
struct audit_actor;

extern const struct entity knowledge_fields; /* "knowledge-fields" */
/* The review criteria an organisation starts with (and reviews use while
 * it has none): 창의성 30, 효과성 30, 적용범위 20, 완성도 20. */
struct knowledge_criterion {
	const char *name;
	int points;
};
extern const struct knowledge_criterion knowledge_default_criteria[4];

extern const struct entity knowledge_items;	 /* "knowledge-items" */
extern const struct entity knowledge_reviews;	 /* "knowledge-reviews" */
extern const struct entity knowledge_experts;	 /* "knowledge-experts" */
extern const struct entity knowledge_criteria;	 /* "knowledge-criteria" */
extern const struct entity knowledge_monitoring; /* "knowledge-monitoring" */
extern const struct entity knowledge_events;	 /* "knowledge-events" */

extern const struct choice knowledge_kinds[];	  /* knowledge_items.kind */
extern const struct choice knowledge_statuses[];  /* knowledge_items.status */
extern const struct choice knowledge_proposals[]; /* knowledge_reviews.proposed */

/* Puts item id into the search index (or takes it out: live 0), from its
 * title, tags, summary and body.  Inside the caller's transaction. */
enum err knowledge_index(struct db_conn *c, int64_t org, int64_t id, int live);

/* What a new item's registration sets going, inside the write's
 * transaction: the item in the search index and its author's
 * knowledge.registered event (mileage).  The entity's own create does it,
 * and so must any module that writes an item (entities.c). */
enum err knowledge_registered(struct db_conn *c, int64_t org, int64_t id, int64_t author_user_id);

/* Puts every item of organisation org into the search index again (after
 * items were written around the engine).  Inside the caller's transaction. */
enum err knowledge_reindex(struct db_conn *c, int64_t org);

/* Writes a notice for user (in the app), with a link; ERR_OK or a DB error. */
enum err knowledge_notify(struct db_conn *c, int64_t org, int64_t user, const char *message,
			  const char *link);

/*
 * Loads the seed's knowledge into organisation org (demo departments and
 * staff present): the knowledge map, 22 experts appointed on 2006-07-10,
 * a few hundred items of which 8 excellent, the monitoring rounds of 8.28
 * and 9.19 and the events of 4.4 and 7.26.  In one transaction
 * (crud/seed.h); 0, also when the organisation has knowledge fields (left
 * alone), or -1 with err, also when it has fewer than 1,000 staff, saying
 * so.  On -1 nothing is written.
 */
int knowledge_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			size_t errlen);

/* What a search asks (results.c): the text and its filters, declared on
 * the route, so well formed when given. */
struct knowledge_search {
	const char *q, *kind, *status, *from, *to; /* NULL: not asked */
	int64_t field, page;			   /* 0: any field; page from 1 */
	int64_t part;				   /* 1: list the matches inside words too */
	struct org_filter where;		   /* the organisation, the department */
};
enum knowledge_search_what {
	KNOWLEDGE_SEARCH_COUNT, /* one row: how many match, at most limit */
	KNOWLEDGE_SEARCH_IDS,	/* the ids of up to limit matches, newest first */
};
/*
 * The one place the search's SQL is written: a's matches of match (a query
 * in the driver's syntax: search_query() or search_group()) within its
 * organisation and filters, counted or listed, into sql with its values
 * appended to binds (for crud_prepare()).  Every statement the search page
 * runs on the index comes from here (a plan check can EXPLAIN them).
 */
void knowledge_search_sql(const struct db_conn *c, const struct knowledge_search *a,
			  const char *match, enum knowledge_search_what what, int64_t limit,
			  struct buf *sql, json_t *binds);

/* The module's own pages (pages.c; the search page results.c), and the
 * item page's extra document. */
handler_fn knowledge_page_home, knowledge_page_search, knowledge_page_monitoring;

/* 1 if item row is still open for review and decision (KNOWLEDGE_OPEN). */
/* Column i of the row s stands on as text: "" for NULL. */
const char *knowledge_col(struct db_stmt *s, int i);
int knowledge_open(const json_t *row);
/* The statuses of an item still open for review and decision, as SQL. */
#define KNOWLEDGE_OPEN "('registered', 'under_review')"
/* A review of item k by the expert bound, made since k last changed (a
 * revised item is reviewed again): for EXISTS (…). */
#define KNOWLEDGE_REVIEWED_SINCE                                                                   \
	"SELECT 1 FROM knowledge_reviews r WHERE r.item_id = k.id AND r.expert_user_id = ? AND "   \
	"r.archived_at IS NULL AND r.created_at > COALESCE(k.updated_at, '')"

/* An item's actions (actions.c): review, decide, recommend. */
enum { KNOWLEDGE_ITEM_ACTIONS = 3 };
extern const struct action knowledge_item_actions[KNOWLEDGE_ITEM_ACTIONS];
/* The criteria a review scores: the organisation's, or the
 * default four, as [{"name", "points", "n"}]. */
json_t *knowledge_criteria_of(struct db_conn *c, int64_t org);
/* 1 if the signed-in user is an expert of the item's field, not its author,
 * and the item is open for review; -1 on a database error. */
int knowledge_may_review(struct request *req, const json_t *row);
/* 1 if user has reviewed item id since it was last changed (a revised
 * item is reviewed again); -1 on a database error. */
int knowledge_reviewed(struct db_conn *c, int64_t id, int64_t user);
entity_show_fn knowledge_show;

/* The module as the application lists it (module.c). */
extern const struct module knowledge_module;

#endif
