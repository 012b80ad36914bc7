/*
 * gate.c: the checks every request passes before its handler runs.  The
 * route table says what a route takes; the gate enforces it once, here, so
 * no handler repeats it:
 *
 *   body (only routes that take one) → the application's gate callback
 *   (struct http_env: who is asking, whether their role may use the route,
 *   a pending password change, the CSRF token; auth/gate.c) → the query
 *   parameters the route declares (gate_query()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/utf8.h"
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
	if (e == ERR_OK)
		e = req->env->gate(req);
	request_identified(req);
	if (e == ERR_OK && (req->match.route->flags & ROUTE_DB) && !request_db(req))
		e = ERR_DB_UNAVAILABLE;
	return e;
}

static int all_digits(const char *v, size_t most)
{
	size_t n = strlen(v);
	return n && n <= most && strspn(v, "0123456789") == n;
}

/* 1 if v is a good value of p. */
static int param_ok(const struct query_param *p, const char *v)
{
	switch (p->type) {
	case P_INT: {
		long long n = strtoll(v, NULL, 10); /* 0 for what is no number */
		return all_digits(v + (*v == '-'), 18) && n >= p->min && n <= p->max;
	}
	case P_ID: return all_digits(v, 18) && strtoll(v, NULL, 10) > 0;
	case P_MONTH: return strlen(v) == 7 && month_valid(v);
	case P_DATE: return date_valid(v);
	case P_PERIOD:
		return !strcmp(v, "all") || (strlen(v) == 7 && month_valid(v)) ||
		       (all_digits(v, 4) && strlen(v) == 4 && atoi(v) >= 1900);
	case P_TEXT: return utf8_length(v, strlen(v)) <= p->max;
	case P_CHOICE:
		for (const struct choice *c = p->choices; c && c->value; c++)
			if (!strcmp(c->value, v))
				return 1;
		return 0;
	}
	return 0;
}

/* What a good value of p looks like, in Korean. */
static const char *param_hint(const struct query_param *p, char *buf, size_t len)
{
	switch (p->type) {
	case P_INT:
		snprintf(buf, len, "%lld부터 %lld 사이의 숫자", (long long)p->min,
			 (long long)p->max);
		return buf;
	case P_ID: return "1 이상의 번호";
	case P_MONTH: return "2006-07 꼴의 달";
	case P_DATE: return "2006-07-10 꼴의 날짜";
	case P_PERIOD: return "all, 2006 또는 2006-07 꼴의 기간";
	case P_TEXT: snprintf(buf, len, "%lld자 이하의 글", (long long)p->max); return buf;
	case P_CHOICE: break;
	}
	size_t n = 0;
	buf[0] = '\0';
	for (const struct choice *c = p->choices; c && c->value && n + strlen(c->value) + 3 < len;
	     c++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "", c->value);
	return buf;
}

enum err request_param_check(struct request *req, const struct query_param *p, const char *value,
			     const char **detail)
{
	if (!*value || param_ok(p, value))
		return ERR_OK;
	char hint[400];
	*detail = arena_printf(&req->arena, "%s(%s)의 값이 올바르지 않습니다. 가능한 값: %s.",
			       p->label, p->name, param_hint(p, hint, sizeof hint));
	return ERR_BAD_PARAM;
}

/* ?notice=ACTION, which every page a write returns to takes (a short
 * lower-case word: the page looks it up among its actions). */
static int notice(const struct param *q)
{
	return !strcmp(q->name, "notice") && q->value_len <= 40 &&
	       strspn(q->value, "abcdefghijklmnopqrstuvwxyz-") == q->value_len;
}

enum err gate_query(struct request *req, const char **detail)
{
	const struct query_param *declared = req->match.route->params;
	if (!declared)
		return ERR_OK;
	size_t kept = 0;
	for (size_t i = 0; i < req->query.n; i++) {
		const struct param *q = &req->query.items[i];
		const struct query_param *p = declared;
		while (p->name && strcmp(p->name, q->name))
			p++;
		if (!p->name && !notice(q))
			continue; /* not declared: dropped */
		enum err e = p->name ? request_param_check(req, p, q->value, detail) : ERR_OK;
		if (e != ERR_OK)
			return e;
		req->query.items[kept++] = *q;
	}
	req->query.n = kept;
	return ERR_OK;
}
