/*
 * gate.c: the checks every request passes before its handler runs.  The
 * route table says what a route takes; the gate enforces it once, here, so
 * no handler repeats it:
 *
 *   body (only routes that take one) → the application's gate callback
 *   (struct http_env: who is asking, whether their role may use the route,
 *   a pending password change, the CSRF token; auth/gate.c).
 */
#include <string.h>

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

enum err gate_check(struct request *req)
{
	enum err e = check_body(req);
	return e == ERR_OK ? req->env->gate(req) : e;
}
