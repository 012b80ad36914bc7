/*
 * gate.c: see gate.h.  The order of the checks:
 *
 *   who is asking (static files and probes skip it) → role allowed by the
 *   route → a pending password change → CSRF token on every unsafe request
 *   from a browser (a bearer token is no browser's).
 */
#include "auth/gate.h"

#include <string.h>

#include "auth/role.h"
#include "auth/session.h"
#include "http/http.h"

static int is_safe(const char *method)
{
	return !strcmp(method, "GET") || !strcmp(method, "HEAD");
}

/* Static files and probes are the same for everyone: no session lookup. */
static int needs_identity(const struct route *r)
{
	return r->allow != ALLOW_ANYONE || (r->flags & (ROUTE_PAGE | ROUTE_BODY));
}

enum err gate_identify(struct request *req)
{
	const struct route *r = req->match.route;
	if (!needs_identity(r))
		return ERR_OK;
	enum err e = session_identify(req);
	if (e != ERR_OK)
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

json_t *gate_me(const struct principal *p)
{
	/* key by key, on every signed-in page: json_pack parses its format and
	 * checks our own constant strings each time (the names are the rows') */
	json_t *me = json_object(), *login = json_string(p->login), *name = json_string(p->name);
	json_object_set_new_nocheck(me, "login", login ? login : json_string_nocheck(""));
	json_object_set_new_nocheck(me, "name", name ? name : json_string_nocheck(""));
	json_object_set_new_nocheck(me, "role", json_string_nocheck(role_name(p->role)));
	json_object_set_new_nocheck(me, "role_label", json_string_nocheck(role_label(p->role)));
	json_object_set_new_nocheck(me, "is_admin", json_boolean(p->role == ROLE_ADMIN));
	return me;
}
