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
 *
 * http knows nothing of sessions, roles or modules (DESIGN.md, decision
 * 11): what it needs of the application comes in struct http_env, which
 * the application fills and hands to server_run(), and the checks of who
 * is asking are its gate callback.
 */
#ifndef INNOLAND_HTTP_H
#define INNOLAND_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "http/form.h"
#include "http/multipart.h"
#include "http/router.h"

struct MHD_Connection;
struct db;
struct request;
struct tpl_set;

#define RESPONSE_MAX_HEADERS 12
#define PRINCIPAL_CSRF_MAX   64 /* longest form token a client carries (auth's TOKEN_HASH_LEN) */

/*
 * Who is asking: plain data that the gate callback (auth/gate.c) fills
 * before any handler runs and that handlers, the SQL scope filters and the
 * audit trail read.  It is defined here, not in auth, because struct
 * request holds it by value: the many handlers that read req->who.user_id
 * and the like stay as they are, and http itself reads none of it but csrf
 * and user_id (what an anonymous page shares with every other).
 */
struct principal {
	int64_t user_id;	       /* 0: anonymous */
	int64_t org_id;		       /* the user's organisation; the first one when anonymous */
	int64_t department_id;	       /* 0: none */
	int role;		       /* auth's enum role; ROLE_ANONYMOUS when not signed in */
	const char *login;	       /* arena string, "" when anonymous */
	const char *name;	       /* arena string, "" when anonymous */
	const char *org_text;	       /* org_id as text, for SQL parameters */
	const char *user_text;	       /* user_id as text */
	const char *dept_text;	       /* department_id as text; "0" when none */
	const char *dept_lo, *dept_hi; /* "/3/17/" and "/3/170": the department's subtree
					  (DEPT_SUBTREE in auth/role.h) */
	int64_t session_id;	       /* 0 for API tokens and anonymous */
	int must_change_password;      /* 1: every page but the password form is refused */
	/* the form token this client must send; "" if none yet */
	char csrf[PRINCIPAL_CSRF_MAX + 1];
};

/*
 * What the application gives the server: built once before server_run()
 * and only read afterwards, by every worker thread.  Every callback is
 * required (a server without a gate would let anyone in).
 */
struct http_env {
	struct db *db;		   /* the database: request_db() takes connections from it */
	int dev;		   /* 1: assets are read from disk on each request (--dev) */
	int64_t org_id;		   /* the organisation an anonymous visitor sees */
	const char *org_text;	   /* org_id as text, for anonymous requests' SQL parameters */
	json_t *const *site_for;   /* the same per role (indexed by who.role): "nav" holds the
				      main areas that role may open (the menu), "areas" all of
				      them, a part with the main area it is "under" */
	json_t *anonymous_context; /* {"site": the anonymous site}: below an anonymous page's
				      document */
	/* After the body is decoded, before the handler: fills req->who and
	 * answers whether the route may run (ERR_OK) or why not. */
	enum err (*gate)(struct request *req);
	/* The "me" of a page's context for a signed-in req->who (a new reference). */
	json_t *(*me)(const struct principal *who);
	/* The template set for one request, given back with templates_done(). */
	struct tpl_set *(*templates)(void *ctx, char *err, size_t errlen);
	void (*templates_done)(void *ctx, struct tpl_set *set);
	void *ctx; /* the application, for templates and templates_done */
};

struct request {
	const struct http_env *env;  /* what the application gave the server */
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
	struct principal who;	     /* who is asking (the gate fills it) */
	const char *ip;		     /* client address, once asked for */
	struct db_conn *db;	     /* the request's connection, once asked for */
	int identified;		     /* the gate is done: reads from here share a snapshot */
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
/* The gate is done with who is asking (its session lookup is one statement
 * on its own): the page's reads from here on share one snapshot. */
void request_identified(struct request *req);
/* The database itself, for work that outlives the request (a stream takes
 * its own connections from it). */
struct db *request_database(struct request *req);
/* The query parameter name, or NULL when it is absent or empty: for a
 * parameter the route declares, a value the gate found well formed. */
const char *request_query(struct request *req, const char *name);
/* The query parameter name as a whole number (digits only, at most 18),
 * or def when it is absent or not one. */
int64_t request_query_int(struct request *req, const char *name, int64_t def);
/* The request's query string as a link carries it on ("?q=R%26D%23x&sort=name"):
 * every parameter in its order but those named in omit (NULL-ended, or NULL)
 * and an action's notice, with set replaced by value (added last; value NULL:
 * set is dropped).  Names and values are percent-encoded, so a template's
 * HTML escaping is all the link needs more; "" for none.  In the arena. */
const char *request_link_query(struct request *req, const char *set, const char *value,
			       const char *const *omit);
/* Checks value against p as the gate checks a route's declared parameters
 * (for parameters a generic page declares from its entity, such as a
 * list's sort): ERR_OK, or ERR_BAD_PARAM with *detail naming the allowed
 * values (Korean). */
enum err request_param_check(struct request *req, const struct query_param *p, const char *value,
			     const char **detail);
/* A list's pager in doc: "prev" and "next" (page numbers, for the API)
 * with "prev_query" and "next_query": the request's query string with page
 * set and every other parameter but an action's notice kept, percent-encoded
 * ("?q=%EC%B2%B4&field=3&page=2"), so a link keeps the list's search,
 * filters and sort; more: there is a page after this one. */
void request_pager(struct request *req, json_t *doc, int64_t page, int more);
/* The route parameter name as a positive id; 0 when it is not one. */
int64_t request_param_id(struct request *req, const char *name);
/* A form field's value, or "" when absent.  A JSON body (an API client's)
 * answers for the form: its member of that name, a number or true as the
 * form's text ("2", "1.5", "1"), anything else "".  Hand-written handlers
 * read their input through this, so their API face takes JSON as the
 * entities' does. */
const char *request_form(struct request *req, const char *name);
/* Answers with a 303 redirect to a local path. */
void response_redirect(struct request *req, struct response *res, const char *location);
/* The route parameter name, as an arena string, or NULL. */
const char *request_param(struct request *req, const char *name);
/* Adds a header; name and value are kept as given, so they must outlive
 * the response: a literal or the request's arena, never a local buffer. */
void response_header(struct response *res, const char *name, const char *value);

struct server_config {
	const char *host;	    /* address to listen on, e.g. "127.0.0.1" */
	unsigned port;		    /* TCP port; 0 picks a free one */
	unsigned threads;	    /* worker threads (http/listener.c) */
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
int server_run(const struct server_config *cfg, const struct http_env *env);

#endif
