/* choice.c: see choice.h. */
#include "core/choice.h"

#include <string.h>

const char *choice_label(const struct choice *c, const char *value)
{
	for (; c && c->value; c++)
		if (value && !strcmp(c->value, value))
			return c->label;
	return value;
}
