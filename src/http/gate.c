/*
 * gate.c: the checks every request passes before its handler runs.  The
 * route table says what a route takes; the gate enforces it once, here, so
 * no handler repeats it.  Sessions, CSRF and role × scope checks join this
 * function as they are built.
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
	if (!(r->flags & ROUTE_BODY)) {
		return req->body.len ? ERR_UNSUPPORTED_MEDIA : ERR_OK;
	}
	const char *ctype = request_header(req, "Content-Type");
	if (is_form(ctype))
		return form_decode(&req->arena, req->body.data ? req->body.data : "", req->body.len,
				   &req->form);
	if (!req->body.len)
		return ERR_OK;
	return ERR_UNSUPPORTED_MEDIA;
}

enum err gate_check(struct request *req)
{
	return check_body(req);
}
