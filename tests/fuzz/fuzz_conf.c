/* fuzz_conf.c: libFuzzer target for the configuration file's parser.
 * Whatever the bytes, parsing must not crash; what it accepts is at most
 * CONF_MAX_ENTRIES entries, each key well formed and given once, each value
 * non-empty, valid UTF-8 without control characters or blanks at its ends;
 * what it refuses says which line. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/conf.h"
#include "core/utf8.h"

static void check_entry(const struct conf *c, size_t i)
{
	const struct conf_entry *e = &c->items[i];
	size_t k = strlen(e->key), v = strlen(e->value);
	assert(k >= 1 && k <= CONF_MAX_KEY);
	assert(strspn(e->key, "abcdefghijklmnopqrstuvwxyz0123456789-") == k);
	assert(v >= 1 && utf8_valid(e->value, v));
	assert(e->value[0] != ' ' && e->value[0] != '\t');
	assert(e->value[v - 1] != ' ' && e->value[v - 1] != '\t');
	for (size_t j = 0; j < v; j++)
		assert((unsigned char)e->value[j] >= 0x20 || e->value[j] == '\t');
	assert(e->line >= 1 && (i == 0 || e->line > c->items[i - 1].line));
	for (size_t j = 0; j < i; j++)
		assert(strcmp(c->items[j].key, e->key));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf c;
	char err[256];
	if (conf_parse(&c, "f", (const char *)data, size, err, sizeof err) == 0) {
		assert(c.n <= CONF_MAX_ENTRIES);
		for (size_t i = 0; i < c.n; i++)
			check_entry(&c, i);
	} else {
		assert(!strncmp(err, "f:", 2) && strstr(err, "("));
	}
	conf_free(&c);
	return 0;
}
