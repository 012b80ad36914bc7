/* module.c: the registries built from the installed modules; see module.h. */
#include "crud/module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "crud/crud.h"

static const struct module *const *modules;
static size_t n_modules;
static const struct entity **entities;
static size_t n_entities;
static struct route *routes;
static size_t n_routes;
struct choice module_events[MODULE_EVENTS_MAX + 1];
const struct query_param module_no_params[] = {{NULL, NULL, 0, 0, 0, NULL}};

/* A declaration that cannot be right: say which and stop at start. */
static void refuse(const char *what, const char *name, const char *module)
{
	fprintf(stderr, "innoland: module %s: %s '%s' is declared twice\n", module, what, name);
	abort();
}

static void add_entities(const struct module *m)
{
	for (const struct entity *const *e = m->entities; e && *e; e++) {
		for (size_t i = 0; i < n_entities; i++)
			if (!strcmp(entities[i]->name, (*e)->name))
				refuse("entity", (*e)->name, m->name);
		entities = xrealloc(entities, (n_entities + 1) * sizeof *entities);
		entities[n_entities++] = *e;
	}
}

static void add_events(const struct module *m, size_t *n)
{
	for (const struct choice *c = m->events; c && c->value; c++) {
		if (module_event_known(c->value))
			refuse("event code", c->value, m->name);
		if (*n == MODULE_EVENTS_MAX)
			refuse("event code (past MODULE_EVENTS_MAX)", c->value, m->name);
		module_events[(*n)++] = *c;
	}
}

static void add_route(const struct route *r)
{
	for (size_t i = 0; i < n_routes; i++)
		if (!strcmp(routes[i].method, r->method) && !strcmp(routes[i].pattern, r->pattern))
			refuse("route", r->pattern, r->method);
	routes[n_routes++] = *r;
}

void modules_install(const struct module *const *list, size_t n)
{
	if (modules)
		return;
	modules = list;
	n_modules = n;
	size_t events = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		add_entities(list[i]);
		add_events(list[i], &events);
		cap += list[i]->n_routes;
	}
	cap += n_entities * CRUD_ROUTES_MAX;
	routes = xmalloc(cap * sizeof *routes);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < list[i]->n_routes; k++)
			add_route(&list[i]->routes[k]);
	struct route made[CRUD_ROUTES_MAX];
	for (size_t i = 0; i < n_entities; i++) {
		size_t k = crud_routes(entities[i], made);
		for (size_t j = 0; j < k; j++)
			add_route(&made[j]);
	}
}

size_t modules_count(void)
{
	return n_modules;
}

const struct module *module_at(size_t i)
{
	return i < n_modules ? modules[i] : NULL;
}

size_t entities_count(void)
{
	return n_entities;
}

const struct entity *entity_at(size_t i)
{
	return i < n_entities ? entities[i] : NULL;
}

int module_event_known(const char *code)
{
	for (const struct choice *c = module_events; code && c->value; c++)
		if (!strcmp(c->value, code))
			return 1;
	return 0;
}

const struct route *module_routes(size_t *n)
{
	*n = n_routes;
	return routes;
}

unsigned module_route_allow(const char *path)
{
	struct route_match m;
	if (router_match(routes, n_routes, "GET", path, &m) != ERR_OK)
		return 0;
	return m.route->allow;
}

const char *cli_opt(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->names[i], name))
			return a->values[i];
	return NULL;
}

static json_t *names_of_entities(const struct module *m)
{
	json_t *out = json_array();
	for (const struct entity *const *e = m->entities; e && *e; e++)
		json_array_append_new(out, json_string((*e)->name));
	return out;
}

static json_t *describe(const struct module *m)
{
	json_t *routes_of = json_array(), *events = json_array(), *commands = json_array();
	for (size_t k = 0; k < m->n_routes; k++)
		json_array_append_new(routes_of,
				      json_pack("{s:s, s:s}", "method", m->routes[k].method,
						"pattern", m->routes[k].pattern));
	for (const struct choice *c = m->events; c && c->value; c++)
		json_array_append_new(events, json_string(c->value));
	for (size_t k = 0; k < m->n_commands; k++)
		json_array_append_new(commands,
				      json_pack("{s:s, s:s?}", "word", m->commands[k].word, "sub",
						m->commands[k].sub));
	json_t *d =
		json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:b, s:b}", "name", m->name, "label",
			  m->label, "entities", names_of_entities(m), "routes", routes_of, "events",
			  events, "commands", commands, "demo", m->demo != NULL, "rebuild",
			  m->rebuild != NULL, "todo", m->todo != NULL);
	if (m->area)
		json_object_set_new(d, "area",
				    json_pack("{s:s, s:s, s:s}", "href", m->area->href, "label",
					      m->area->label, "label_en", m->area->label_en));
	return d;
}

json_t *modules_describe(void)
{
	json_t *all = json_array();
	for (size_t i = 0; i < n_modules; i++)
		json_array_append_new(all, describe(modules[i]));
	return all;
}
