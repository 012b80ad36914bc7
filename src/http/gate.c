/*
 * gate.c: the checks every request passes before its handler runs.  The
 * route table says what a route takes and who may use it; the gate enforces
 * it once, here, so no handler repeats it:
 *
 *   body (only routes that take one) → who is asking (session cookie or
 *   bearer token) → role allowed by the route → a pending password change →
 *   CSRF token on every unsafe request from a browser.
 */
#include <string.h>

#include "auth/session.h"
#include "http/dispatch.h"

static int is_form(const char *ctype)
{
	static const char form[] = "application/x-www-form-urlencoded";
	return ctype && !strncmp(ctype, form, sizeof form - 1);
}

/* A route that takes a body gets it decoded; others get none. */
static enum err check_body(struct request *req)
{
	const struct route *r = req->match.route;
	if (!(r->flags & ROUTE_BODY))
		return req->body.len ? ERR_UNSUPPORTED_MEDIA : ERR_OK;
	const char *ctype = request_header(req, "Content-Type");
	if (is_form(ctype))
		return form_decode(&req->arena, req->body.data ? req->body.data : "", req->body.len,
				   &req->form);
	if (ctype && !strncmp(ctype, "multipart/form-data", 19))
		return multipart_parse(&req->arena, ctype, (const unsigned char *)req->body.data,
				       req->body.len, &req->form, &req->files);
	if (ctype && !strncmp(ctype, "application/json", 16) && req->body.len) {
		req->json = json_loadb(req->body.data, req->body.len, JSON_REJECT_DUPLICATES, NULL);
		return json_is_object(req->json) ? ERR_OK : ERR_BAD_JSON;
	}
	return req->body.len ? ERR_UNSUPPORTED_MEDIA : ERR_OK;
}

static int is_safe(const char *method)
{
	return !strcmp(method, "GET") || !strcmp(method, "HEAD");
}

/* Static files and probes are the same for everyone: no session lookup. */
static int needs_identity(const struct route *r)
{
	return r->allow != ALLOW_ANYONE || (r->flags & (ROUTE_PAGE | ROUTE_BODY));
}

enum err gate_check(struct request *req)
{
	const struct route *r = req->match.route;
	enum err e = check_body(req);
	if (e != ERR_OK || !needs_identity(r))
		return e;
	if ((e = session_identify(req)) != ERR_OK)
		return e;
	const struct principal *who = &req->who;
	if (!(r->allow & ROLE_BIT(who->role)))
		return who->user_id ? ERR_FORBIDDEN : ERR_LOGIN_REQUIRED;
	if (who->must_change_password && !(r->flags & ROUTE_BEFORE_PASSWORD))
		return ERR_PASSWORD_CHANGE;
	int bearer = who->user_id && !who->session_id;
	if (!is_safe(req->method) && !bearer && !session_csrf_ok(req))
		return ERR_CSRF;
	return ERR_OK;
}
