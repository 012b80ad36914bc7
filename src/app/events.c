/*
 * events.c: every domain event code of InnoLand, in one list (see
 * events.h).  The English label says who emits it.
 */
#include "app/events.h"

#include <string.h>

const struct choice app_events[] = {
	{"knowledge.registered", "지식 등록", "Knowledge registered (knowledge)"},
	{"knowledge.excellent", "우수지식 선정", "Knowledge rated excellent (knowledge)"},
	{NULL, NULL, NULL},
};

int app_event_known(const char *code)
{
	for (const struct choice *c = app_events; code && c->value; c++)
		if (!strcmp(c->value, code))
			return 1;
	return 0;
}
