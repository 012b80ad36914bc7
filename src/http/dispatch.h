/*
 * dispatch.h: a request's path through the application, from the raw
 * target to a filled struct response:
 *
 *   early errors (body or URI too large) → decode path → /api/v1 prefix and
 *   Accept → route match (404/405) → gate (query/form decoding; later
 *   session, CSRF, permission) → handler → render (HTML or JSON) → security
 *   headers.
 *
 * Every error, wherever it arises, becomes one enum err rendered once by
 * render_error().
 */
#ifndef INNOLAND_DISPATCH_H
#define INNOLAND_DISPATCH_H

#include "http/http.h"

void dispatch(struct request *req, const struct server_config *cfg, struct response *res);

/* The checks every request passes before its handler (gate.c). */
enum err gate_check(struct request *req);
/* The query parameters the route declares (struct query_param): a bad one
 * is ERR_BAD_PARAM with *detail saying which and what it takes (Korean);
 * undeclared ones are dropped from req->query.  Routes that declare none
 * keep their query as it came. */
enum err gate_query(struct request *req, const char **detail);

/* Renders res->doc through its template, or as JSON when req->api. */
void render_page(struct request *req, struct response *res);
/* Replaces res with the error page (HTML or JSON) for e. */
void render_error(struct request *req, struct response *res, enum err e);

#endif
