/* dispatch.c: see dispatch.h. */
#include "http/dispatch.h"

#include <string.h>

#include "core/jmem.h"

#define API_PREFIX "/api/v1"

static const char *const security_headers[][2] = {
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "same-origin"},
	{"X-Frame-Options", "DENY"},
	{"Content-Security-Policy",
	 "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self'; "
	 "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
	 "form-action 'self'"},
};

const char *request_param(struct request *req, const char *name)
{
	for (size_t i = 0; i < req->match.n; i++) {
		const struct route_param *p = &req->match.params[i];
		if (strlen(name) == p->name_len && !memcmp(p->name, name, p->name_len))
			return arena_strndup(&req->arena, p->value, p->value_len);
	}
	return NULL;
}

/* Splits the target, decodes the path and notes whether JSON is wanted. */
static enum err parse_target(struct request *req)
{
	const char *q = strchr(req->uri, '?');
	size_t plen = q ? (size_t)(q - req->uri) : strlen(req->uri);
	enum err e = form_decode_path(&req->arena, req->uri, plen, &req->path);
	if (e != ERR_OK)
		return e;
	size_t n = strlen(API_PREFIX);
	if (!strncmp(req->path, API_PREFIX, n) && (req->path[n] == '/' || req->path[n] == '\0')) {
		req->api = 1;
		req->path += n;
		if (!*req->path)
			req->path = "/";
	}
	const char *accept = request_header(req, "Accept");
	if (accept && !strncmp(accept, "application/json", strlen("application/json")))
		req->api = 1;
	return q ? form_decode(&req->arena, q + 1, strlen(q + 1), &req->query) : ERR_OK;
}

static enum err route(struct request *req, const struct server_config *cfg, struct response *res)
{
	enum err e = router_match(cfg->routes, cfg->n_routes, req->method, req->path, &req->match);
	if (e == ERR_METHOD) {
		char allow[64];
		router_allow(cfg->routes, cfg->n_routes, req->path, allow, sizeof allow);
		response_header(res, "Allow", arena_strdup(&req->arena, allow));
	}
	if (e == ERR_OK && req->api && !(req->match.route->flags & ROUTE_PAGE))
		e = ERR_NOT_FOUND; /* assets and probes have no API face */
	return e;
}

/* HTTP/1.1 requires a Host header (RFC 9112, 3.2). */
static enum err check_host(struct request *req)
{
	if (!strcmp(req->version, "HTTP/1.1") && !request_header(req, "Host"))
		return ERR_BAD_REQUEST;
	return ERR_OK;
}

void dispatch(struct request *req, const struct server_config *cfg, struct response *res)
{
	jmem_use(&req->arena); /* the request's JSON dies with it (core/jmem.h) */
	enum err e = req->early;
	if (e == ERR_OK)
		e = check_host(req);
	if (e == ERR_OK)
		e = parse_target(req);
	if (e == ERR_OK)
		e = route(req, cfg, res);
	if (e == ERR_OK)
		e = gate_check(req);
	if (e == ERR_OK)
		e = gate_query(req, &res->detail);
	if (e == ERR_OK)
		e = req->match.route->handler(req, res);
	if (e != ERR_OK)
		render_error(req, res, e);
	else if (res->doc)
		render_page(req, res);
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		response_header(res, security_headers[i][0], security_headers[i][1]);
	jmem_use(NULL);
}
