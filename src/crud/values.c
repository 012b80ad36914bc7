/* values.c: input to checked values; see crud_int.h.  Messages are Korean
 * and name what is wrong, so a form can show them next to the field. */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "crud/crud_int.h"

/* The raw input of field f: a form value, a JSON value, or NULL if absent. */
static json_t *raw_value(struct request *req, const struct field *f)
{
	if (req->json)
		return json_incref(json_object_get(req->json, f->name));
	const char *v = params_get(&req->form, f->name);
	if (!v && f->type == F_BOOL && req->form.n)
		return json_false(); /* an unticked box sends nothing */
	return v ? json_string(v) : NULL;
}

static int has_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') || *p == 0x7f)
			return 1;
	return 0;
}

static const char *check_text(const struct field *f, const char *s)
{
	long n = utf8_length(s, strlen(s));
	if (n < 0 || has_controls(s))
		return "사용할 수 없는 문자가 있습니다.";
	if (n < f->min || n > f->max)
		return f->min > 1 ? "글자 수가 허용 범위를 벗어났습니다." : "너무 깁니다.";
	if (f->type == F_EMAIL) {
		const char *at = strchr(s, '@');
		if (!at || at == s || !strchr(at, '.') || strchr(s, ' ') || strchr(at + 1, '@'))
			return "전자우편 주소 형식이 아닙니다 (예: hong@ydp.go.kr).";
	}
	if (f->type == F_PHONE && strspn(s, "0123456789-+() ") != strlen(s))
		return "전화번호에는 숫자와 -, +, 괄호만 쓸 수 있습니다.";
	return NULL;
}

json_t *crud_convert(const struct field *f, json_t *v, const char **why)
{
	if (json_is_null(v) || (json_is_string(v) && !json_string_length(v)))
		return json_null();
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	switch (f->type) {
	case F_TEXT:
	case F_EMAIL:
	case F_PHONE:
		if (!s)
			break;
		return (*why = check_text(f, s)) ? NULL : json_string(s);
	case F_CHOICE:
		for (const struct choice *c = f->choices; s && c->value; c++)
			if (!strcmp(c->value, s) || !strcmp(c->label, s))
				return json_string(c->value);
		*why = "목록에 있는 값 중에서 골라 주세요.";
		return NULL;
	case F_BOOL:
		if (json_is_boolean(v))
			return json_boolean(json_is_true(v));
		if (s &&
		    (!strcmp(s, "1") || !strcmp(s, "on") || !strcmp(s, "true") || !strcmp(s, "예")))
			return json_true();
		if (s && (!strcmp(s, "0") || !strcmp(s, "off") || !strcmp(s, "false") ||
			  !strcmp(s, "아니오")))
			return json_false();
		break;
	case F_INT:
	case F_REF: {
		json_int_t n = 0;
		char *end = NULL;
		if (json_is_integer(v))
			n = json_integer_value(v);
		else if (s && strlen(s) < 19 && *s)
			n = strtoll(s, &end, 10);
		if (!json_is_integer(v) && (!end || *end))
			break;
		if (f->type == F_REF ? n <= 0 : (n < f->min || n > f->max)) {
			*why = "허용 범위를 벗어난 숫자입니다.";
			return NULL;
		}
		return json_integer(n);
	}
	}
	*why = f->type == F_BOOL ? "예(1) 또는 아니오(0)로 입력해 주세요."
				 : "형식이 올바르지 않습니다.";
	return NULL;
}

/* API bodies may name only declared, writable fields. */
static void refuse_unknown(struct request *req, const struct entity *e, json_t *errors)
{
	const char *key;
	json_t *v;
	json_object_foreach(req->json, key, v)
	{
		const struct field *f = entity_field(e, key);
		if (!f || (f->flags & FL_READONLY))
			json_object_set_new(errors, key,
					    json_string("알 수 없거나 바꿀 수 없는 항목입니다."));
	}
}

json_t *crud_input(struct request *req, const struct entity *e, int64_t id, json_t *errors)
{
	json_t *values = json_object();
	if (req->json)
		refuse_unknown(req, e, errors);
	for (size_t i = 0; i < e->n_fields; i++) {
		const struct field *f = &e->fields[i];
		if (f->flags & FL_READONLY)
			continue;
		json_t *raw = raw_value(req, f);
		const char *why = NULL;
		json_t *v = raw ? crud_convert(f, raw, &why) : NULL;
		json_decref(raw);
		if (why)
			json_object_set_new(errors, f->name, json_string(why));
		else if (v && json_is_null(v) && (f->flags & FL_REQUIRED))
			json_object_set_new(errors, f->name, json_string("꼭 입력해야 합니다."));
		else if (!v && !id && (f->flags & FL_REQUIRED))
			json_object_set_new(errors, f->name, json_string("꼭 입력해야 합니다."));
		if (v)
			json_object_set_new(values, f->name, v);
	}
	if (e->validate && !json_object_size(errors))
		e->validate(req, e, id, values, errors);
	return values;
}
