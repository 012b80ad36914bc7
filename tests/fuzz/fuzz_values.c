/* fuzz_values.c: libFuzzer target for the entity engine's input check
 * (crud_convert), the parser of every form field and API value: the first
 * byte picks a field type, the rest is the value, as a form's text and, when
 * it parses, as JSON.  Whatever the bytes, checking must not crash, and what
 * it accepts must keep the field's promises.  The corpus has seeds for every
 * type, named by it: their first byte is the index in fields[]. */
#include <assert.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "app/app.h"
#include "core/utf8.h"
#include "crud/entity.h"

static const struct choice kinds[] = {{"a", "가", "A"}, {"b", "나", "B"}, {NULL, NULL, NULL}};

static const struct field fields[] = {
	{"t", "글", "Text", F_TEXT, 0, 1, 20, NULL, NULL},
	{"i", "수", "Int", F_INT, 0, -5, 100, NULL, NULL},
	{"b", "예", "Bool", F_BOOL, 0, 0, 1, NULL, NULL},
	{"c", "고름", "Choice", F_CHOICE, 0, 0, 0, kinds, NULL},
	{"r", "참조", "Ref", F_REF, 0, 0, 0, NULL, "departments"},
	{"e", "메일", "Email", F_EMAIL, 0, 0, 100, NULL, NULL},
	{"p", "전화", "Phone", F_PHONE, 0, 0, 20, NULL, NULL},
	{"d", "날짜", "Date", F_DATE, 0, 0, 0, NULL, NULL},
	{"m", "여러 줄", "Memo", F_MEMO, 0, 0, 200, NULL, NULL},
	{"s", "목록", "Refs", F_REFS, 0, 0, 5, NULL, "departments"},
	{"h", "점수", "Points", F_HALF, 0, -20000, 20000, NULL, NULL},
};

static void check(const struct field *f, json_t *in)
{
	const char *why = NULL;
	json_t *v = crud_convert(f, in, &why);
	assert(!v == !!why);
	if (!v || json_is_null(v)) {
		json_decref(v);
		return;
	}
	switch (f->type) {
	case F_TEXT:
	case F_MEMO:
	case F_EMAIL:
	case F_PHONE: {
		const char *s = json_string_value(v);
		assert(s && utf8_valid(s, strlen(s)));
		long n = utf8_length(s, strlen(s));
		assert(n >= f->min && n <= f->max);
		break;
	}
	case F_INT:
		assert(json_integer_value(v) >= f->min && json_integer_value(v) <= f->max);
		break;
	case F_REF: assert(json_integer_value(v) > 0); break;
	case F_BOOL: assert(json_is_boolean(v)); break;
	case F_CHOICE:
		assert(!strcmp(json_string_value(v), "a") || !strcmp(json_string_value(v), "b"));
		break;
	case F_DATE: {
		const char *s = json_string_value(v);
		assert(strlen(s) == 10 && s[4] == '-' && s[7] == '-');
		break;
	}
	case F_HALF: { /* a real in steps of one half, in range (in halves) */
		double h = json_real_value(v) * 2;
		assert(json_is_real(v) && h == (double)(int64_t)h && h >= f->min && h <= f->max);
		break;
	}
	case F_REFS: {
		assert(json_is_array(v) && (json_int_t)json_array_size(v) <= f->max);
		for (size_t i = 0; i < json_array_size(v); i++) {
			assert(json_integer_value(json_array_get(v, i)) > 0);
			for (size_t k = 0; k < i; k++)
				assert(json_integer_value(json_array_get(v, k)) !=
				       json_integer_value(json_array_get(v, i)));
		}
		break;
	}
	}
	json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	app_install();
	if (!size)
		return 0;
	const struct field *f = &fields[data[0] % (sizeof fields / sizeof fields[0])];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	if (utf8_valid(text, len) && !memchr(text, '\0', len)) { /* as a form sends it */
		json_t *s = json_stringn(text, len);
		if (s)
			check(f, s);
		json_decref(s);
	}
	json_t *j = json_loadb(text, len, JSON_DECODE_ANY, NULL); /* as the API sends it */
	if (j)
		check(f, j);
	json_decref(j);
	return 0;
}
