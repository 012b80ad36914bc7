/*
 * router.h: matching a method and a decoded path against a route table.
 *
 * Patterns are literal segments, "{name}" (one segment) and a final "*name"
 * (the rest of the path, possibly with slashes).  A route's method is "GET",
 * "POST", "PATCH" or "DELETE"; a HEAD request matches GET routes.  When the
 * path matches some route but not with this method, the answer is 405 and
 * router_allow() lists the methods that would have matched.
 *
 * The table is static and read-only; a match points into the path string, so
 * it lives as long as the request's path.
 */
#ifndef INNOLAND_ROUTER_H
#define INNOLAND_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/choice.h"
#include "core/error.h"

struct request;
struct response;

typedef enum err handler_fn(struct request *req, struct response *res);

enum route_flag {
	ROUTE_PAGE = 1 << 0,		/* returns a document: HTML page, and JSON under /api/v1 */
	ROUTE_BODY = 1 << 1,		/* takes a request body (form or JSON) */
	ROUTE_BEFORE_PASSWORD = 1 << 3, /* open while the user must still change their password */
	ROUTE_DB = 1 << 4,		/* needs the database: the gate takes the request's
					   connection first (503 when there is none), so the
					   handler's request_db() is never NULL */
	ROUTE_FORM = ROUTE_PAGE | ROUTE_BODY, /* a page that takes a form: a write */
};

/* What a query parameter a page declares takes (the gate checks it). */
enum param_type {
	P_INT,	  /* a whole number, min..max */
	P_ID,	  /* a record's id: a positive whole number */
	P_MONTH,  /* "2006-07" */
	P_DATE,	  /* "2006-07-10" */
	P_PERIOD, /* "all", "2006" or "2006-07" */
	P_TEXT,	  /* text of at most max characters */
	P_CHOICE, /* the value of one of choices */
};

/* One query parameter of a page: the gate refuses a malformed value with
 * 400 and a Korean message naming it, and drops every parameter the page
 * does not declare, so a handler reads only what was checked.  An empty
 * value is as good as absent. */
struct query_param {
	const char *name;	      /* "year" */
	const char *label;	      /* Korean, for the message: "연도" */
	enum param_type type;	      /* what it takes */
	int64_t min, max;	      /* P_INT: the range; P_TEXT: max characters */
	const struct choice *choices; /* P_CHOICE: the values it takes, {NULL}-ended */
};

struct route {
	const char *method;		  /* "GET", "POST", "PATCH", "DELETE" */
	const char *pattern;		  /* "/tasks/{id}"; a final star-name takes the rest */
	handler_fn *handler;		  /* what runs once the gate has let the request through */
	const char *template;		  /* page template for ROUTE_PAGE, else NULL */
	unsigned flags;			  /* enum route_flag bits */
	unsigned allow;			  /* roles allowed: ROLE_BIT()s, see auth/role.h */
	const char *summary;		  /* one line for docs and the route list */
	const void *data;		  /* what a generic handler serves (an entity), or NULL */
	const struct query_param *params; /* the query parameters it takes, ending with {NULL};
					     NULL: not declared (the generic pages, which take
					     their entity's fields) */
};

#define ROUTE_MAX_PARAMS 8

struct route_param {
	const char *name;  /* points into the pattern */
	size_t name_len;   /* bytes of name */
	const char *value; /* points into the path */
	size_t value_len;  /* bytes of value */
};

struct route_match {
	const struct route *route;		     /* the route that matched */
	size_t n;				     /* parameters captured */
	struct route_param params[ROUTE_MAX_PARAMS]; /* in pattern order */
};

/* ERR_OK with *m filled, ERR_NOT_FOUND, or ERR_METHOD. */
enum err router_match(const struct route *table, size_t n, const char *method, const char *path,
		      struct route_match *m);
/* Writes "GET, HEAD, POST" style list of methods allowed on path into out. */
void router_allow(const struct route *table, size_t n, const char *path, char *out, size_t len);
/* The value of parameter name as a new string in buf (at most len bytes), or
 * NULL when the route has no such parameter. */
const char *route_param(const struct route_match *m, const char *name, char *buf, size_t len);

#endif
