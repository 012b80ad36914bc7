/*
 * http.h: the request and response a handler sees, and the server.
 *
 * One struct request lives per HTTP request, created when libmicrohttpd
 * first reports the URI and freed when it reports completion.  Its arena
 * holds everything the request allocates; the body buffer and the response
 * body are malloc'd, because libmicrohttpd may still hold the response after
 * the completion callback has run (see DESIGN.md, Stack).
 *
 * A handler fills struct response in one of three ways:
 *  - a page: res->doc (a jansson object it owns) and, for HTML, the route's
 *    template.  The server renders it as HTML or JSON (http/render.c).
 *  - raw bytes: res->body (malloc'd) or res->static_body (static data), with
 *    res->content_type.
 *  - a stream (exports): res->stream, a body made piece by piece while it is
 *    sent (chunked), so that its size never sits in memory.
 */
#ifndef INNOLAND_HTTP_H
#define INNOLAND_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "auth/audit.h"
#include "auth/session.h"
#include "core/error.h"
#include "http/form.h"
#include "http/multipart.h"
#include "http/router.h"

struct app;
struct MHD_Connection;

#define RESPONSE_MAX_HEADERS 12

struct request {
	struct app *app;	     /* the application serving this request */
	struct MHD_Connection *conn; /* libmicrohttpd's connection, for headers */
	const char *method;	     /* "GET", "POST" ... as sent */
	const char *version;	     /* "HTTP/1.1" ... as sent */
	char *uri;		     /* raw request target, with the query */
	char *path;		     /* decoded path, without the /api/v1 prefix */
	struct params query;	     /* decoded query string */
	struct params form;	     /* decoded form body (urlencoded) */
	json_t *json;		     /* decoded JSON body (application/json), owned */
	struct uploads files;	     /* files of a multipart/form-data body */
	struct buf body;	     /* raw body, malloc'd, capped */
	struct route_match match;    /* the route and its parameters */
	int api;		     /* 1: answer in JSON (/api/v1 or Accept) */
	int64_t start_us;	     /* monotonic time the request began */
	int status;		     /* status sent, for the log line */
	size_t bytes;		     /* body bytes sent, for the log line */
	int body_too_large;	     /* 1 once the body passed the cap */
	enum err early;		     /* an error found before the handler ran */
	struct principal who;	     /* who is asking (auth/session.c) */
	const char *ip;		     /* client address, once asked for */
	struct db_conn *db;	     /* the request's connection, once asked for */
	struct arena arena;	     /* last: on_uri() zeroes only the fields before it */
};

struct header {
	const char *name;  /* static or arena string */
	const char *value; /* static or arena string */
};

/*
 * A body made while it is sent.  fill() runs on a server thread whenever
 * the client can take more, after the handler and its request have ended:
 * it must not use the request.  It writes up to max bytes into out and
 * returns how many (at least one), 0 at the end, or -1 to cut the
 * connection (a failure half-way; the client sees an incomplete body).
 * done() frees ctx, always, once, whatever happened.
 */
struct response_stream {
	long (*fill)(void *ctx, char *out, size_t max);
	void (*done)(void *ctx);
	void *ctx;
};

struct response {
	int status;		  /* HTTP status; 0 means 200 */
	json_t *doc;		  /* page document, owned; NULL for raw responses */
	const char *template;	  /* template to render doc with; NULL: route's */
	char *body;		  /* malloc'd raw body, or NULL */
	const void *static_body;  /* static raw body (embedded assets), or NULL */
	size_t body_len;	  /* bytes of body or static_body */
	const char *content_type; /* for raw bodies */
	struct header headers[RESPONSE_MAX_HEADERS]; /* extra headers */
	size_t n_headers;			     /* used entries of headers */
	const char *detail; /* why, for this record, beside an error's table message; or NULL */
	struct response_stream stream; /* with fill set: a streamed body (content_type too) */
};

/* A request header's value, or NULL. */
const char *request_header(struct request *req, const char *name);
/* A cookie's value, or NULL. */
const char *request_cookie(struct request *req, const char *name);
/* The client's address as text ("127.0.0.1"). */
const char *request_ip(struct request *req);
/* The request's database connection, taken from the pool on first use and
 * given back when the request completes; NULL if none can be had. */
struct db_conn *request_db(struct request *req);
/* The database itself, for work that outlives the request (a stream takes
 * its own connections from it). */
struct db *request_database(struct request *req);
/* The query parameter name as a whole number (digits only, at most 18),
 * or def when it is absent or not one. */
int64_t request_query_int(struct request *req, const char *name, int64_t def);
/* A list's pager in doc: "prev" and "next" (page numbers, for the API)
 * with "prev_query" and "next_query": the request's query string with page
 * set and every other parameter kept, percent-encoded
 * ("?q=%EC%B2%B4&field=3&page=2"), so a link keeps the list's search,
 * filters and sort; more: there is a page after this one. */
void request_pager(struct request *req, json_t *doc, int64_t page, int more);
/* The route parameter name as a positive id; 0 when it is not one. */
int64_t request_param_id(struct request *req, const char *name);
/* Who is acting, for the audit trail. */
struct audit_actor request_actor(struct request *req);
/* A form field's value, or "" when absent. */
const char *request_form(struct request *req, const char *name);
/* Answers with a 303 redirect to a local path. */
void response_redirect(struct request *req, struct response *res, const char *location);
/* The route parameter name, as an arena string, or NULL. */
const char *request_param(struct request *req, const char *name);
void response_header(struct response *res, const char *name, const char *value);

struct server_config {
	const char *host;	    /* address to listen on, e.g. "127.0.0.1" */
	unsigned port;		    /* TCP port; 0 picks a free one */
	unsigned threads;	    /* worker threads (libmicrohttpd's pool) */
	size_t body_max;	    /* largest request body accepted, bytes */
	size_t uri_max;		    /* longest request target accepted, bytes */
	size_t header_memory;	    /* per-connection memory for headers, bytes */
	unsigned idle_timeout;	    /* seconds an idle connection is kept */
	unsigned max_connections;   /* total open connections */
	unsigned max_per_client;    /* open connections from one address */
	const struct route *routes; /* the route table */
	size_t n_routes;	    /* entries in routes */
	const char *announce;	    /* a setup path to print with the address, or NULL */
};

void server_config_defaults(struct server_config *cfg);
/* Serves until SIGTERM or SIGINT; returns the process exit status. */
int server_run(const struct server_config *cfg, struct app *app);

#endif
