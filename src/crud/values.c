/* values.c: input to checked values; see crud_int.h.  Messages are Korean
 * and name what is wrong, so a form can show them next to the field. */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "crud/crud_int.h"

/* The raw input of field f: a form value, a JSON value, or NULL if absent. */
static json_t *raw_value(struct request *req, const struct field *f)
{
	if (req->json)
		return json_incref(json_object_get(req->json, f->name));
	if (f->type == F_REFS) { /* a multiple select sends the name once per choice */
		json_t *all = NULL;
		for (size_t i = 0; i < req->form.n; i++)
			if (!strcmp(req->form.items[i].name, f->name) &&
			    req->form.items[i].value[0]) {
				if (!all)
					all = json_array();
				json_array_append_new(all, json_string(req->form.items[i].value));
			}
		if (!all && params_get(&req->form, f->name))
			all = json_array(); /* the form's hidden "" alone: none chosen */
		return all;
	}
	const char *v = params_get(&req->form, f->name);
	if (!v && f->type == F_BOOL && req->form.n)
		return json_false(); /* an unticked box sends nothing */
	return v ? json_string(v) : NULL;
}

/* One id of a reference: a positive integer, or its text; 0 if neither. */
static json_int_t ref_id(json_t *v)
{
	if (json_is_integer(v))
		return json_integer_value(v) > 0 ? json_integer_value(v) : 0;
	const char *s = json_string_value(v);
	if (!s || !*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

/* A list of references: an array (or "1, 2, 3"), each id once, at most max. */
static json_t *convert_refs(const struct field *f, json_t *v, const char **why)
{
	json_t *in = json_is_array(v) ? json_incref(v) : json_array();
	if (json_is_string(v)) { /* "3, 17" from a plain text box or a CSV cell */
		char *copy = xstrdup(json_string_value(v)), *save = NULL;
		for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
			json_array_append_new(in, json_string(t));
		free(copy);
	} else if (!json_is_array(v)) {
		json_decref(in);
		*why = "목록(번호들)으로 입력해 주세요.";
		return NULL;
	}
	json_t *out = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(in, i, x)
	{
		json_int_t id = ref_id(x);
		int dup = 0;
		size_t k;
		json_t *y;
		json_array_foreach(out, k, y) dup |= json_integer_value(y) == id;
		if (!id) {
			*why = "목록에 있는 항목을 골라 주세요.";
			break;
		}
		if (!dup)
			json_array_append_new(out, json_integer(id));
	}
	json_decref(in);
	if (!*why && f->max && (json_int_t)json_array_size(out) > f->max)
		*why = "너무 많이 골랐습니다.";
	if (*why) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* Why s cannot be the value of f, as people would be misled or surprised by it. */
static const char *text_flaw_why(const struct field *f, const char *s)
{
	switch (utf8_text_flaw(s, strlen(s), f->type == F_MEMO)) {
	case TEXT_OK: return NULL;
	case TEXT_INVALID: return "사용할 수 없는 문자가 있습니다.";
	case TEXT_CONTROL:
		return f->type == F_MEMO
			       ? "제어 문자는 쓸 수 없습니다."
			       : "한 줄로 입력해 주세요 (줄바꿈·탭·제어 문자는 쓸 수 없습니다).";
	case TEXT_SPOOF:
		return "글자 방향을 바꾸는 문자나 보이지 않는 문자(U+202E, U+200B 등)는 쓸 수 "
		       "없습니다.";
	}
	return "사용할 수 없는 문자가 있습니다.";
}

static const char *check_text(const struct field *f, const char *s)
{
	const char *why = text_flaw_why(f, s);
	if (why)
		return why;
	long n = utf8_length(s, strlen(s));
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
	if (f->type == F_REFS)
		return json_is_null(v) ? json_array() : convert_refs(f, v, why);
	if (json_is_null(v) || (json_is_string(v) && !json_string_length(v)))
		return json_null();
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	switch (f->type) {
	case F_REFS: break;
	case F_DATE:
		if (s && date_valid(s))
			return json_string(s);
		*why = "날짜는 2007-03-15 꼴로 입력해 주세요.";
		return NULL;
	case F_TEXT:
	case F_MEMO:
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
	case F_HALF: {
		double x = 0;
		char *end = NULL;
		if (json_is_number(v))
			x = json_number_value(v);
		else if (s && strlen(s) < 19 && *s && strspn(s, "-+0123456789.") == strlen(s))
			x = strtod(s, &end);
		if (!json_is_number(v) && (!end || *end))
			break;
		double h = x * 2; /* in range first: a cast of NaN or 1e300 is undefined */
		if (!(h >= (double)f->min && h <= (double)f->max)) {
			*why = "허용 범위를 벗어난 숫자입니다.";
			return NULL;
		}
		if (h != (double)(int64_t)h) {
			*why = "0.5 단위로 입력해 주세요 (예: 1, 1.5, -2).";
			return NULL;
		}
		return json_real(h / 2);
	}
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

int field_is_family(const struct field *f)
{
	size_t len = strlen(f->name);
	return len > 1 && f->name[len - 1] == '*';
}

int field_family_member(const struct field *f, const char *name)
{
	size_t len = strlen(f->name);
	if (!field_is_family(f) || strncmp(f->name, name, len - 1))
		return 0;
	const char *n = name + len - 1;
	return *n && strlen(n) <= 18 && strspn(n, "0123456789") == strlen(n);
}

/* API bodies may name only declared, writable fields. */
static void refuse_unknown(struct request *req, const struct field *fields, size_t n,
			   json_t *errors)
{
	const char *key;
	json_t *v;
	json_object_foreach(req->json, key, v)
	{
		const struct field *f = NULL;
		for (size_t i = 0; i < n && !f; i++)
			if (!strcmp(fields[i].name, key) || field_family_member(&fields[i], key))
				f = &fields[i];
		if (!f || (f->flags & FL_READONLY))
			json_object_set_new(errors, key,
					    json_string("알 수 없거나 바꿀 수 없는 항목입니다."));
	}
}

/* One member of family f under key: its value into values, or why not
 * into errors. */
static void family_member(const struct field *f, const char *key, json_t *raw, json_t *values,
			  json_t *errors)
{
	const char *why = NULL;
	json_t *v = crud_convert(f, raw, &why);
	if (why)
		json_object_set_new(errors, key, json_string(why));
	else if (v)
		json_object_set_new(values, key, v);
}

/* Every member of family f the input names ("amount_17"), each converted
 * as f says (a form's name given twice counts once, as params_get() does). */
static void family_input(struct request *req, const struct field *f, json_t *values, json_t *errors)
{
	const char *key;
	json_t *raw;
	if (req->json) {
		json_object_foreach(req->json, key, raw) if (field_family_member(f, key))
			family_member(f, key, raw, values, errors);
		return;
	}
	for (size_t i = 0; i < req->form.n; i++) {
		key = req->form.items[i].name;
		if (!field_family_member(f, key) || json_object_get(values, key) ||
		    json_object_get(errors, key))
			continue;
		raw = json_string(req->form.items[i].value);
		family_member(f, key, raw, values, errors);
		json_decref(raw);
	}
}

json_t *crud_fields_input(struct request *req, const struct field *fields, size_t n, int creating,
			  json_t *errors)
{
	json_t *values = json_object();
	if (req->json)
		refuse_unknown(req, fields, n, errors);
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		if (f->flags & FL_READONLY)
			continue;
		if (field_is_family(f)) {
			family_input(req, f, values, errors);
			continue;
		}
		json_t *raw = raw_value(req, f);
		const char *why = NULL;
		json_t *v = raw ? crud_convert(f, raw, &why) : NULL;
		json_decref(raw);
		if (why)
			json_object_set_new(errors, f->name, json_string(why));
		else if (v && (json_is_null(v) || (json_is_array(v) && !json_array_size(v))) &&
			 (f->flags & FL_REQUIRED))
			json_object_set_new(errors, f->name, json_string("꼭 입력해야 합니다."));
		else if (!v && creating && (f->flags & FL_REQUIRED))
			json_object_set_new(errors, f->name, json_string("꼭 입력해야 합니다."));
		if (v)
			json_object_set_new(values, f->name, v);
	}
	return values;
}

json_t *crud_input(struct request *req, const struct entity *e, int64_t id, json_t *errors)
{
	json_t *values = crud_fields_input(req, e->fields, e->n_fields, !id, errors);
	if (e->validate) /* every problem at once, not the hook's after the engine's */
		e->validate(req, e, id, values, errors);
	return values;
}
