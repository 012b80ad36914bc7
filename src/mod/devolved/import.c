/*
 * import.c: the ministry's list of devolved affairs from CSV or XLSX
 * (devolved.h), its upload page and `innoland devolved import`.  The file
 * is read whole (src/sheet), every row checked with the cards' own
 * declaration (crud_convert), and only then, when no row is bad and it is
 * no dry run, written with one INSERT and one UPDATE prepared once, in one
 * transaction with one audit entry of the counts.  A column the file does
 * not have is left as it is on a card the file updates.  Its upload page
 * and command are upload.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "mod/devolved/devolved.h"
#include "sheet/sheet.h"

/* A column the file may have: the card's field, the headers it goes by
 * (compared without spaces, dots or underscores, any case) and the SQL
 * that stands for an empty cell in a NOT NULL column. */
struct column {
	const char *field;    /* a declared field of devolved-affairs */
	const char *names[6]; /* accepted headers */
	const char *empty;    /* "0", "'지방이양추진위원회'": an empty cell; NULL: NULL */
};

/* The first four must be in the file: a card has them.  The department
 * comes before the officer, whose name is looked up in it. */
static const struct column columns[] = {
	{"affair_no", {"사무번호", "affairno", "no", NULL}, NULL},
	{"name", {"사무명", "name", NULL}, NULL},
	{"department_id", {"담당부서", "부서", "department", NULL}, NULL},
	{"status", {"추진상태", "상태", "status", NULL}, NULL},
	{"law", {"근거법령", "법령", "law", NULL}, NULL},
	{"article", {"조항", "근거조항", "article", NULL}, NULL},
	{"decided_by", {"결정기관", "decidedby", NULL}, "'지방이양추진위원회'"},
	{"decided_on", {"이양결정일", "결정일", "decidedon", NULL}, NULL},
	{"ministry", {"종전소관부처", "소관부처", "부처", "ministry", NULL}, NULL},
	{"officer_id", {"담당자사번", "담당자", "officer", NULL}, NULL},
	{"ordinances_needed", {"정비할조례", "정비할조례(건)", "ordinancesneeded", NULL}, "0"},
	{"ordinances_done", {"정비한조례", "정비한조례(건)", "ordinancesdone", NULL}, "0"},
	{"ordinance_numbers", {"조례번호", "ordinancenumbers", NULL}, NULL},
	{"rules_needed", {"정비할규칙", "정비할규칙(건)", "rulesneeded", NULL}, "0"},
	{"rules_done", {"정비한규칙", "정비한규칙(건)", "rulesdone", NULL}, "0"},
	{"rule_numbers", {"규칙번호", "rulenumbers", NULL}, NULL},
	{"manual_written", {"매뉴얼작성", "매뉴얼", "manualwritten", NULL}, "0"},
	{"handover_done", {"인계인수", "인계·인수", "handoverdone", NULL}, "0"},
	{"delegation", {"사무위임", "사무위임사항", "delegation", NULL}, NULL},
	{"staff_transferred", {"이관인력", "이관인력(명)", "stafftransferred", NULL}, "0"},
	{"budget_transferred", {"이관예산", "이관예산(원)", "budgettransferred", NULL}, "0"},
	{"note", {"비고", "note", NULL}, NULL},
};
#define N_COLUMNS  (sizeof columns / sizeof columns[0])
#define N_REQUIRED 4

/* Which file column each known column is in (-1: absent). */
static void map_columns(const struct sheet_table *t, int at[N_COLUMNS])
{
	for (size_t c = 0; c < N_COLUMNS; c++)
		at[c] = sheet_table_column(t, columns[c].names);
}

/* A bad row: its line, the field (for the API) and the column's Korean
 * header (for people), and what is wrong. */
static void problem(struct import_report *out, size_t line, const char *field, const char *msg)
{
	const char *label = "파일";
	for (size_t c = 0; c < N_COLUMNS; c++)
		if (!strcmp(columns[c].field, field))
			label = columns[c].names[0];
	json_array_append_new(out->problems,
			      json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)line, "field",
					field, "label", label, "message", msg));
}

/* {key: id} of what sql (a '?' for the organisation in each part of a
 * UNION) gives as (key, id), added to into (stolen) where the key is not
 * there yet; into, or NULL on a database error. */
static json_t *keys_of(struct db_conn *c, const char *sql, int64_t org, json_t *into)
{
	struct db_stmt *s = strstr(sql, "UNION") ? db_preparef(c, sql, "ii", org, org)
						 : db_preparef(c, sql, "i", org);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW)
		if (db_column_text(s, 0) && !json_object_get(into, db_column_text(s, 0)))
			json_object_set_new(into, db_column_text(s, 0),
					    json_integer(db_column_int(s, 1)));
	db_finalize(s);
	if (rc != DB_OK) {
		json_decref(into);
		return NULL;
	}
	return into;
}

/* What the checks look up: the cards, departments and staff there are. */
struct lookups {
	json_t *cards;	     /* {affair_no: id} */
	json_t *departments; /* {name or code: id} */
	json_t *staff;	     /* {employee_no or name: id; -1: a name two have} */
};

static int lookups_load(struct db_conn *c, int64_t org, struct lookups *l)
{
	l->cards = keys_of(c, "SELECT affair_no, id FROM devolved_affairs WHERE org_id = ?", org,
			   json_object());
	l->departments = keys_of(c,
				 "SELECT code, id FROM departments WHERE org_id = ? AND "
				 "archived_at IS NULL",
				 org, json_object());
	l->departments = l->departments ? keys_of(c,
						  "SELECT name, id FROM departments WHERE org_id "
						  "= ? AND archived_at IS NULL",
						  org, l->departments)
					: NULL;
	l->staff = keys_of(c,
			   "SELECT employee_no, id FROM staff WHERE org_id = ? AND archived_at IS "
			   "NULL",
			   org, json_object());
	/* a name as the list's export writes it, when one person has it; -1
	 * marks a name two have */
	l->staff = l->staff
			   ? keys_of(c,
				     "SELECT name, CASE WHEN COUNT(*) = 1 THEN MIN(id) ELSE -1 END "
				     "FROM staff WHERE org_id = ? AND archived_at IS NULL GROUP BY "
				     "name",
				     org, l->staff)
			   : NULL;
	/* and a name two have, in the department (or its team) the row names */
	l->staff = l->staff
			   ? keys_of(c,
				     "SELECT s.name || '|' || CAST(t.id AS TEXT), MIN(s.id) FROM "
				     "staff s JOIN departments t ON t.id = s.department_id WHERE "
				     "s.org_id = ? AND s.archived_at IS NULL GROUP BY s.name, t.id "
				     "UNION ALL SELECT s.name || '|' || CAST(t.parent_id AS TEXT), "
				     "MIN(s.id) FROM staff s JOIN departments t ON t.id = "
				     "s.department_id WHERE s.org_id = ? AND s.archived_at IS NULL "
				     "AND t.parent_id IS NOT NULL GROUP BY s.name, t.parent_id",
				     org, l->staff)
			   : NULL;
	return l->cards && l->departments && l->staff ? 0 : -1;
}

static void lookups_free(struct lookups *l)
{
	json_decref(l->cards);
	json_decref(l->departments);
	json_decref(l->staff);
}

/* A reference cell: the id the lookup gives, null when empty; a name two
 * people have is looked up again as "name|department" (dept, 0: none). */
static json_t *ref_of(const char *text, json_t *lookup, int64_t dept, const char *field,
		      const char *msg, struct import_report *out, size_t line)
{
	if (!*text)
		return json_null();
	json_t *id = json_object_get(lookup, text);
	if (id && json_integer_value(id) < 0 && dept) {
		char key[400];
		snprintf(key, sizeof key, "%s|%lld", text, (long long)dept);
		json_t *in_dept = json_object_get(lookup, key);
		id = in_dept ? in_dept : id;
	}
	if (id && json_integer_value(id) < 0) {
		problem(out, line, field,
			"담당자: 같은 이름의 직원이 여럿입니다. 사번을 적어 주세요.");
		return NULL;
	}
	if (!id) {
		char m[400];
		snprintf(m, sizeof m, "%s: '%s'", msg, text);
		problem(out, line, field, m);
	}
	return id ? json_incref(id) : NULL;
}

/* One cell converted with its field's rules; NULL (a problem recorded) when bad. */
static json_t *cell_value(size_t c, const char *text, const struct lookups *l, int64_t dept,
			  struct import_report *out, size_t line)
{
	const char *name = columns[c].field;
	if (!strcmp(name, "department_id"))
		return ref_of(text, l->departments, 0, name,
			      "담당부서: 부서명이나 부서코드가 없습니다", out, line);
	if (!strcmp(name, "officer_id"))
		return ref_of(text, l->staff, dept, name,
			      "담당자: 그 사번이나 이름의 직원이 없습니다", out, line);
	const struct field *f = entity_field(&devolved_affairs, name);
	const char *why = NULL;
	json_t *raw = json_string(text), *v = raw ? crud_convert(f, raw, &why) : NULL;
	json_decref(raw);
	if (!v) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s: %s", f->label, why ? why : "UTF-8 글자가 아닙니다.");
		problem(out, line, name, msg);
	}
	return v;
}

/* The row's values {field: value} of the columns the file has. */
static json_t *check_row(const struct sheet_table *t, size_t r, const int at[N_COLUMNS],
			 const struct lookups *l, struct import_report *out)
{
	size_t line = t->lines[r];
	json_t *v = json_object();
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (at[c] < 0)
			continue;
		json_t *x =
			cell_value(c, t->rows[r][at[c]], l, row_int(v, "department_id"), out, line);
		if (x && json_is_null(x) && c < N_REQUIRED) {
			char msg[160];
			snprintf(msg, sizeof msg, "%s: 꼭 입력해야 합니다.", columns[c].names[0]);
			problem(out, line, columns[c].field, msg);
		}
		if (x)
			json_object_set_new(v, columns[c].field, x);
	}
	if (row_int(v, "ordinances_done") > row_int(v, "ordinances_needed"))
		problem(out, line, "ordinances_done", "정비한 조례가 정비할 조례보다 많습니다.");
	if (row_int(v, "rules_done") > row_int(v, "rules_needed"))
		problem(out, line, "rules_done", "정비한 규칙이 정비할 규칙보다 많습니다.");
	return v;
}

/* INSERT and UPDATE of the columns the file has, the affair number last. */
static void write_sql(const int at[N_COLUMNS], struct buf *ins, struct buf *upd)
{
	buf_puts(ins, "INSERT INTO devolved_affairs (org_id");
	buf_puts(upd, "UPDATE devolved_affairs SET archived_at = NULL, updated_at = ?");
	struct buf vals = BUF_INIT;
	buf_puts(&vals, ") VALUES (?");
	for (size_t c = 1; c < N_COLUMNS; c++) {
		if (at[c] < 0)
			continue;
		const char *slot = columns[c].empty ? "COALESCE(?, " : "?";
		buf_printf(ins, ", %s", columns[c].field);
		buf_printf(&vals, ", %s%s%s", slot, columns[c].empty ? columns[c].empty : "",
			   columns[c].empty ? ")" : "");
		buf_printf(upd, ", %s = %s%s%s", columns[c].field, slot,
			   columns[c].empty ? columns[c].empty : "", columns[c].empty ? ")" : "");
	}
	buf_printf(ins, ", affair_no%s, ?)", vals.data);
	buf_puts(upd, " WHERE org_id = ? AND affair_no = ?");
	buf_free(&vals);
}

static void bind_value(struct db_stmt *s, int k, json_t *x)
{
	if (json_is_integer(x))
		db_bind_int(s, k, json_integer_value(x));
	else if (json_is_boolean(x))
		db_bind_int(s, k, json_is_true(x));
	else if (json_is_string(x))
		db_bind_text(s, k, json_string_value(x), json_string_length(x));
	else
		db_bind_null(s, k);
}

static int write_rows(struct db_conn *c, int64_t org, const int at[N_COLUMNS], json_t *rows,
		      json_t *cards)
{
	struct buf ins = BUF_INIT, upd = BUF_INIT;
	write_sql(at, &ins, &upd);
	struct db_stmt *si = db_prepare(c, ins.data), *su = db_prepare(c, upd.data);
	buf_free(&ins);
	buf_free(&upd);
	char now[24];
	utc_now(0, now);
	int ok = si && su;
	size_t i;
	json_t *v;
	json_array_foreach(rows, i, v)
	{
		if (!ok)
			break;
		const char *no = json_string_value(json_object_get(v, "affair_no"));
		int update = json_object_get(cards, no) != NULL;
		struct db_stmt *s = update ? su : si;
		int k = 1;
		if (update)
			db_bind_text(s, k++, now, strlen(now));
		else
			db_bind_int(s, k++, org);
		for (size_t col = 1; col < N_COLUMNS; col++)
			if (at[col] >= 0)
				bind_value(s, k++, json_object_get(v, columns[col].field));
		if (update)
			db_bind_int(s, k++, org);
		db_bind_text(s, k, no, strlen(no));
		ok = db_step(s) == DB_OK;
	}
	db_finalize(si);
	db_finalize(su);
	return ok ? 0 : -1;
}

/* Checks every row (and writes them unless dry_run or a row is bad). */
static enum err import_rows(struct db_conn *c, int64_t org, const struct sheet_table *t,
			    int dry_run, struct import_report *out)
{
	int at[N_COLUMNS];
	map_columns(t, at);
	for (size_t k = 0; k < N_REQUIRED; k++)
		if (at[k] < 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "첫 줄에 '%s' 열이 없습니다.",
				 columns[k].names[0]);
			problem(out, 1, columns[k].field, msg);
		}
	if (json_array_size(out->problems))
		return ERR_INVALID;
	struct lookups l = {0};
	if (lookups_load(c, org, &l) != 0) {
		lookups_free(&l);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *rows = json_array(), *seen = json_object();
	for (size_t r = 0; r < t->n; r++) {
		json_t *v = check_row(t, r, at, &l, out);
		const char *no = json_string_value(json_object_get(v, "affair_no"));
		if (no && json_object_get(seen, no))
			problem(out, t->lines[r], "affair_no",
				"같은 사무번호가 파일에 두 번 있습니다.");
		else if (no)
			json_object_set_new(seen, no, json_true());
		if (no && json_object_get(l.cards, no))
			out->updated++;
		else
			out->created++;
		json_array_append_new(rows, v);
	}
	enum err e = json_array_size(out->problems) ? ERR_INVALID : ERR_OK;
	if (e == ERR_OK && !dry_run && write_rows(c, org, at, rows, l.cards) != 0)
		e = ERR_DB_UNAVAILABLE;
	json_decref(seen);
	json_decref(rows);
	lookups_free(&l);
	return e;
}

enum err devolved_import(struct db_conn *c, const struct audit_actor *by, int64_t org,
			 const void *data, size_t len, int dry_run, struct import_report *out)
{
	struct sheet_table t;
	if (import_open(data, len, &t, out) !=
	    ERR_OK) { /* the file's problem, as problem() labels it */
		json_object_set_new(json_array_get(out->problems, 0), "label", json_string("파일"));
		return ERR_INVALID;
	}
	out->rows = t.n;
	if (!dry_run && db_begin(c) != DB_OK) {
		sheet_table_free(&t);
		return ERR_DB_UNAVAILABLE;
	}
	enum err e = import_rows(c, org, &t, dry_run, out);
	sheet_table_free(&t);
	if (dry_run)
		return e;
	json_t *diff =
		json_pack("{s:[n,I], s:[n,I], s:[n,I]}", "rows", (json_int_t)out->rows, "created",
			  (json_int_t)out->created, "updated", (json_int_t)out->updated);
	if (e == ERR_OK && (audit_append(c, by, "import", devolved_affairs.name, NULL, diff) != 0 ||
			    db_commit(c) != DB_OK))
		e = ERR_DB_UNAVAILABLE;
	json_decref(diff);
	if (e != ERR_OK)
		db_rollback(c);
	return e;
}
