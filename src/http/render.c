/*
 * render.c: a page is data first.  The handler's document becomes HTML
 * through its Mustache template (the site-wide data, {"site": ...}, below it
 * on the context stack), or
 * is sent as it is in JSON.  Errors are rendered here and nowhere else.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "http/dispatch.h"
#include "tpl/tpl.h"

static const char html_ctype[] = "text/html; charset=utf-8";
static const char json_ctype[] = "application/json; charset=utf-8";

static void render_json(struct response *res)
{
	size_t cap = 16384, n;
	char *out = xmalloc(cap);
	while ((n = json_dumpb(res->doc, out, cap - 1, JSON_COMPACT)) >= cap - 1 && n) {
		cap = n + 2;
		out = xrealloc(out, cap);
	}
	out[n] = '\n';
	res->body = out;
	res->body_len = n + 1;
	res->content_type = json_ctype;
	response_header(res, "Cache-Control", "no-store");
}

/* Last resort when even the error template cannot render. */
static void render_plain(struct response *res, const char *msg)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "<!doctype html><html lang=\"ko\"><title>오류</title><p>%s</p>\n", msg);
	res->status = 500;
	res->body = buf_detach(&b, &res->body_len);
	res->content_type = html_ctype;
}

/* What every page shows beside its document: the site, who is signed in,
 * and the CSRF token its forms carry. */
static json_t *request_context(struct request *req)
{
	const struct principal *p = &req->who;
	if (!p->user_id && !p->csrf[0]) /* the same for every anonymous page */
		return json_incref(req->env->anonymous_context);
	json_t *ctx = json_object();
	json_object_set_nocheck(ctx, "site", req->env->site_for[p->role]);
	if (p->user_id)
		json_object_set_new_nocheck(ctx, "me", req->env->me(p));
	if (p->csrf[0])
		json_object_set_new_nocheck(ctx, "csrf", json_string_nocheck(p->csrf));
	return ctx;
}

static void render_html(struct request *req, struct response *res, const char *name)
{
	char err[256];
	const struct http_env *env = req->env;
	struct tpl_set *set = env->templates(env->ctx, err, sizeof err);
	if (!set) {
		log_error("templates: %s", err);
		render_plain(res, "화면 서식을 불러오지 못했습니다.");
		return;
	}
	json_t *outer = request_context(req);
	struct buf b = BUF_INIT;
	buf_reserve(&b, 16384); /* most pages fit: no regrowth while rendering */
	int rc = tpl_render_in(set, name, outer, res->doc, &b);
	json_decref(outer);
	env->templates_done(env->ctx, set);
	if (rc != 0) {
		buf_free(&b);
		log_error("template '%s' failed to render", name);
		render_plain(res, "화면을 그리지 못했습니다.");
		return;
	}
	res->body = buf_detach(&b, &res->body_len);
	res->content_type = html_ctype;
	response_header(res, "Cache-Control", "no-cache");
}

void render_page(struct request *req, struct response *res)
{
	if (req->api) {
		render_json(res);
	} else {
		const char *name = res->template ? res->template : req->match.route->template;
		render_html(req, res, name ? name : "error");
	}
	json_decref(res->doc);
	res->doc = NULL;
}

/* A browser sent to sign in (or to change its password) comes back after. */
static int redirect_instead(struct request *req, struct response *res, enum err e)
{
	if (req->api || (e != ERR_LOGIN_REQUIRED && e != ERR_PASSWORD_CHANGE))
		return 0;
	if (e == ERR_PASSWORD_CHANGE) {
		response_redirect(req, res, "/password");
		return 1;
	}
	struct buf b = BUF_INIT;
	buf_puts(&b, "/login?next=");
	for (const unsigned char *u = (const unsigned char *)req->uri; *u; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || strchr("/-_.~", *u))
			buf_putc(&b, (char)*u);
		else
			buf_printf(&b, "%%%02X", *u);
	}
	response_redirect(req, res, b.data);
	buf_free(&b);
	return 1;
}

void render_error(struct request *req, struct response *res, enum err e)
{
	const struct err_info *info = err_info(e);
	if (redirect_instead(req, res, e))
		return;
	json_decref(res->doc);
	free(res->body);
	res->body = NULL;
	res->static_body = NULL;
	if (res->stream.fill)
		res->stream.done(res->stream.ctx);
	res->stream.fill = NULL;
	res->status = info->status;
	if (info->retry_after)
		response_header(res, "Retry-After",
				arena_printf(&req->arena, "%d", info->retry_after));
	res->template = "error";
	res->doc = json_pack("{s:{s:s, s:s, s:s, s:s, s:i, s:s?}}", "error", "code", info->code,
			     "title", info->title, "message", info->message, "message_en",
			     info->message_en, "status", info->status, "detail", res->detail);
	render_page(req, res);
}
