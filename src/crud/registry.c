/* registry.c: finding entities and fields, the self-check against the
 * database, and the registry as Markdown; see entity.h. */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/utf8.h"
#include "crud/entity.h"
#include "crud/module.h"
#include "db/db.h"

const struct entity *entity_find(const char *name)
{
	for (size_t i = 0; i < entities_count(); i++)
		if (!strcmp(entity_at(i)->name, name))
			return entity_at(i);
	return NULL;
}

const struct field *entity_field(const struct entity *e, const char *name)
{
	for (size_t i = 0; i < e->n_fields; i++)
		if (!strcmp(e->fields[i].name, name))
			return &e->fields[i];
	return NULL;
}

void rows_choice_label(json_t *rows, const char *key, const struct choice *choices)
{
	char name[64];
	snprintf(name, sizeof name, "%s_label", key);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, name, json_string(choice_label(choices, row_text(r, key))));
}

json_t *choice_options(const struct choice *c, const char *selected)
{
	json_t *out = json_array();
	for (; c->value; c++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", c->value, "label",
						     c->label, "selected",
						     selected && !strcmp(selected, c->value)));
	return out;
}

int entity_creatable(const struct entity *e)
{
	for (size_t i = 0; i < e->n_fields; i++)
		if (!(e->fields[i].flags & FL_READONLY))
			return 1;
	return 0;
}

const char *halves_text(int64_t halves, char out[32])
{
	int64_t whole = halves / 2; /* truncates toward zero: -3 → -1, "-1.5" */
	if (halves % 2 == 0)
		snprintf(out, 32, "%lld", (long long)whole);
	else
		snprintf(out, 32, "%s%lld.5", halves < 0 && !whole ? "-" : "", (long long)whole);
	return out;
}

const char *half_text(double v, char out[32])
{
	double h = v * 2;
	return halves_text((int64_t)(h < 0 ? h - 0.5 : h + 0.5), out);
}

const char *field_choice_label(const struct field *f, const char *value)
{
	return choice_label(f->choices, value);
}

const char *title_key(const struct field *f, char key[80])
{
	size_t n = strnlen(f->name, 80 - 8); /* no printf: every field of every page */
	memcpy(key, f->name, n);
	const char *suffix = f->type == F_REFS ? "_titles" : "_title";
	memcpy(key + n, suffix, strlen(suffix) + 1);
	return key;
}

json_t *json_text(const char *s)
{
	size_t n = strlen(s);
	return utf8_valid(s, n) ? json_stringn_nocheck(s, n) : NULL;
}

json_t *query_rows(struct db_stmt *s, const char *const *keys, size_t n)
{
	json_t *rows = json_array();
	while (s && db_step(s) == DB_ROW) {
		json_t *row = json_object();
		for (size_t i = 0; i < n; i++) { /* the keys are the caller's own: no check */
			const char *k = keys[i], *v;
			if (k[0] == '#') /* read as a number: no text made of it */
				json_object_set_new_nocheck(row, k + 1,
							    json_integer(db_column_int(s, (int)i)));
			else
				json_object_set_new_nocheck(
					row, k,
					json_text((v = db_column_text(s, (int)i)) ? v : ""));
		}
		json_array_append_new(rows, row);
	}
	db_finalize(s);
	return rows;
}

/* 0 if the table has the column; the query names it, so a missing one fails. */
static int has_column(struct db_conn *c, const char *table, const char *column)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE 1 = 0", column, table);
	return db_run(c, NULL, sql, "") == DB_OK ? 0 : -1;
}

int entity_selfcheck(struct db_conn *c, char *err, size_t errlen)
{
	static const char *const system_columns[] = {"id", "org_id", "created_at", "updated_at",
						     "archived_at"};
	for (size_t i = 0; i < entities_count(); i++) {
		const struct entity *e = entity_at(i);
		for (size_t k = 0; k < sizeof system_columns / sizeof system_columns[0]; k++)
			if ((!e->append_only || strcmp(system_columns[k], "updated_at")) &&
			    has_column(c, e->table, system_columns[k]) != 0) {
				snprintf(err, errlen, "%s: no column %s.%s", e->name, e->table,
					 system_columns[k]);
				return -1;
			}
		if (!entity_field(e, e->title_field)) {
			snprintf(err, errlen, "%s: title field %s is not declared", e->name,
				 e->title_field);
			return -1;
		}
		const struct field *views = e->view_count ? entity_field(e, e->view_count) : NULL;
		if (e->view_count && (!views || views->type != F_INT)) {
			snprintf(err, errlen, "%s: view count %s is not a declared whole number",
				 e->name, e->view_count);
			return -1;
		}
		for (size_t k = 0; k < e->n_fields; k++) {
			const struct field *f = &e->fields[k];
			const char *problem = NULL;
			if (field_is_column(f) ? has_column(c, e->table, f->name) != 0
					       : has_column(c, "record_links", "ref_id") != 0)
				problem = "has no column in the database";
			else if ((f->type == F_REF || f->type == F_REFS) &&
				 (!f->ref || !entity_find(f->ref)))
				problem = "refers to no declared entity";
			else if (f->type == F_CHOICE && (!f->choices || !f->choices[0].value))
				problem = "has no choices";
			if (problem) {
				snprintf(err, errlen, "%s.%s %s", e->name, f->name, problem);
				return -1;
			}
		}
	}
	return 0;
}

static const char *type_name(const struct field *f)
{
	static const char *const names[] = {
		[F_TEXT] = "text",	 [F_INT] = "integer",	      [F_BOOL] = "yes/no",
		[F_CHOICE] = "choice",	 [F_REF] = "reference",	      [F_EMAIL] = "e-mail",
		[F_PHONE] = "phone",	 [F_DATE] = "date",	      [F_MEMO] = "text (lines)",
		[F_REFS] = "references", [F_HALF] = "points (halves)"};
	return names[f->type];
}

static void roles_md(FILE *out, unsigned allow)
{
	const char *sep = "";
	for (int r = ROLE_RESIDENT; r < ROLE_COUNT; r++)
		if (allow & ROLE_BIT(r)) {
			fprintf(out, "%s%s", sep, role_name((enum role)r));
			sep = ", ";
		}
}

static void field_md(FILE *out, const struct field *f)
{
	static const char *const flags[] = {"list",	"search",  "sort",	"filter",
					    "export",	"secret",  "read-only", "required",
					    "own page", "personal"};
	fprintf(out, "| `%s` | %s | %s | %s", f->name, f->label, f->label_en, type_name(f));
	if (f->type == F_TEXT || f->type == F_MEMO || f->type == F_INT)
		fprintf(out, " %lld–%lld", (long long)f->min, (long long)f->max);
	if (f->type == F_REF || f->type == F_REFS)
		fprintf(out, " → `%s`", f->ref);
	for (const struct choice *c = f->choices; c && c->value; c++)
		fprintf(out, "%s`%s` %s", c == f->choices ? ": " : ", ", c->value, c->label);
	fprintf(out, " |");
	const char *sep = " ";
	for (size_t b = 0; b < sizeof flags / sizeof flags[0]; b++)
		if (f->flags & (1u << b)) {
			fprintf(out, "%s%s", sep, flags[b]);
			sep = ", ";
		}
	fprintf(out, " |\n");
}

void entity_markdown(FILE *out)
{
	fprintf(out, "# InnoLand entities\n\nGenerated by `innoland entities` from the registry "
		     "(the modules' declarations). Every entity has the pages and API of "
		     "DESIGN.md § Interfaces at `/{name}`.\n");
	for (size_t i = 0; i < entities_count(); i++) {
		const struct entity *e = entity_at(i);
		fprintf(out, "\n## `%s`: %s (%s)\n\nTable `%s`. Read: ", e->name, e->label,
			e->label_en, e->table);
		roles_md(out, e->allow_read);
		fprintf(out, ". Write: ");
		roles_md(out, e->allow_write);
		if (e->scope_field)
			fprintf(out, " (a manager: rows whose `%s` is in their department subtree)",
				e->scope_field);
		if (e->scoped_reads)
			fprintf(out, ". Reads are cut to the reader's scope");
		if (e->assigned_reads) {
			fprintf(out, ". Reads of ");
			roles_md(out, e->assigned_reads);
			fprintf(out, " are cut to the records assigned to them");
		}
		const char *hooks[] = {
			e->validate ? "validate" : NULL, e->before_write ? "before write" : NULL,
			e->after_write ? "after write" : NULL, e->permit ? "permit" : NULL};
		const char *sep = ". Hooks: ";
		for (size_t h = 0; h < sizeof hooks / sizeof hooks[0]; h++)
			if (hooks[h]) {
				fprintf(out, "%s%s", sep, hooks[h]);
				sep = ", ";
			}
		fprintf(out,
			".\n\n| field | 이름 | name | type | flags |\n|---|---|---|---|---|\n");
		for (size_t k = 0; k < e->n_fields; k++)
			field_md(out, &e->fields[k]);
	}
}
