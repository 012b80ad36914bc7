/*
 * crud.h: the generic engine behind every declared entity (entity.h).
 *
 * For an entity named N it serves, at the URLs of DESIGN.md § Interfaces:
 *   GET /N            list: ?q= search, ?field= filters, ?sort=field|-field,
 *                     ?page=, ?per_page= (at most 100)
 *   GET /N.csv, .xlsx the list's rows, read 500 at a time: CSV sent while
 *                     it is written, XLSX once its zip is complete
 *   GET /N/new, POST /N              create form, create
 *   GET /N/{id}, GET /N/{id}/edit, POST /N/{id}   show, edit form, update
 *   POST /N/{id}/archive             archive (the row stays, hidden)
 *   POST /N/{id}/attachments, GET /N/{id}/attachments/{file}
 *                     files on a row, for entities that take them
 * and under /api/v1 the same documents, plus PATCH /N/{id} and DELETE
 * /N/{id} (archive).  Every write runs in one transaction with its audit
 * entry.  A list issues the same queries whatever its length: references
 * are joined, never fetched per row.
 */
#ifndef INNOLAND_CRUD_H
#define INNOLAND_CRUD_H

#include <stddef.h>

#include "crud/entity.h"
#include "http/router.h"

#define CRUD_ROUTES_MAX 64 /* routes crud_routes() writes per entity, at most */

/* Writes the entity's routes into out; returns how many. */
size_t crud_routes(const struct entity *e, struct route *out);

/* GET /admin/privacy-log: the privacy log (crud_privacy()), newest first,
 * 25 a page, filtered by ?actor= (a login), ?from= and ?to= (days, both
 * counted). */
handler_fn crud_page_privacy_log;

#endif
