/*
 * index.c: keeping knowledge items in the search index (title; tags,
 * summary, body and the names of attached files), and the notices
 * the workflow sends.  The driver keeps the terms where knowledge_text
 * says (db_text_put()): SQLite in the FTS5 table knowledge_fts (title and
 * body columns, row id = item id), PostgreSQL in knowledge_items.search, a
 * tsvector with the title's terms weighted A.  The title's terms are
 * search_title_terms(): each also behind the title's mark, which is what
 * the title levels ask.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "db/db.h"
#include "mod/knowledge/knowledge.h"
#include "mod/knowledge/search.h"

const struct db_text_index knowledge_text = {
	.table = "knowledge_items",
	.fts5 = "knowledge_fts",
	.tsvector = "search",
};

enum err knowledge_index(struct db_conn *c, int64_t org, int64_t id, int live)
{
	struct buf title = BUF_INIT, body = BUF_INIT;
	struct db_stmt *s = NULL;
	int rc = DB_OK; /* a failed read must not take the item out of the index */
	if (live) {
		s = db_preparef(c,
				"SELECT title, tags, summary, body FROM knowledge_items "
				"WHERE id = ? AND org_id = ? AND archived_at IS NULL",
				"ii", id, org);
		rc = s ? db_step(s) : DB_ERR;
		live = rc == DB_ROW;
	}
	if (live) {
		const char *t = db_column_text(s, 0);
		search_title_terms(t, strlen(t), &title);
		for (int col = 1; col <= 3; col++) {
			const char *v = db_column_text(s, col);
			if (v)
				search_terms(v, strlen(v), &body);
			buf_putc(&body, ' ');
		}
	}
	db_finalize(s);
	if (live) { /* and the names of its files */
		s = db_preparef(
			c,
			"SELECT filename FROM attachments WHERE entity = 'knowledge-items' AND "
			"record_id = ? AND org_id = ? AND archived_at IS NULL",
			"ii", id, org);
		rc = s ? DB_OK : DB_ERR;
		while (s && (rc = db_step(s)) == DB_ROW) {
			const char *name = db_column_text(s, 0);
			search_terms(name, strlen(name), &body);
			buf_putc(&body, ' ');
		}
		db_finalize(s);
	}
	if (rc >= 0)
		rc = db_text_put(c, &knowledge_text, id,
				 live ? (title.data ? title.data : "") : NULL,
				 body.data ? body.data : "");
	buf_free(&title);
	buf_free(&body);
	return rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* One live item back into the index. */
static enum err index_live(struct db_conn *c, int64_t org, int64_t id)
{
	return knowledge_index(c, org, id, 1);
}

enum err knowledge_reindex(struct db_conn *c, int64_t org)
{
	enum err why = crud_each_id(
		c, "SELECT id FROM knowledge_items WHERE org_id = ? AND archived_at IS NULL", org,
		index_live);
	if (why == ERR_OK && db_text_optimize(c, &knowledge_text) != DB_OK)
		why = ERR_DB_UNAVAILABLE;
	return why;
}

enum err knowledge_notify(struct db_conn *c, int64_t org, int64_t user, const char *message,
			  const char *link)
{
	if (user <= 0)
		return ERR_OK;
	return db_run(c, NULL,
		      "INSERT INTO notices (org_id, user_id, message, link) VALUES (?, ?, ?, ?)",
		      "iitt", org, user, message, link) == DB_OK
		       ? ERR_OK
		       : ERR_DB_UNAVAILABLE;
}
