/*
 * rules.c: who may join a group (groups.h).  A group's rule for a year is
 * its rule row of the latest year not after it; a person is eligible by
 * their grade as the staff list has it now, by a completed course of the
 * rule's kind (the courses module's courses_completed()), or by a live
 * appointment as a knowledge expert (the knowledge module's
 * knowledge_experts, through the person's account).
 */
#include <stdio.h>
#include <string.h>

#include "crud/entity.h"
#include "db/db.h"
#include "mod/courses/courses.h"
#include "mod/groups/groups.h"
#include "mod/org/org.h"

/* The rule as read for a year. */
struct rule {
	char kind[16];	      /* grade, course, expert; "" for none */
	int from, to;	      /* grade: the numbers (5, 6) */
	char course[32];      /* course: the kind's code */
	int64_t field;	      /* expert: the field, 0: any */
	char field_name[200]; /* its name */
	char group_name[200]; /* the group's name */
};

/* The Korean name of a course kind ("사이버 전문가과정"). */
static const char *course_label(const char *kind)
{
	for (const struct choice *k = courses_kinds; k->value; k++)
		if (!strcmp(k->value, kind))
			return k->label;
	return kind;
}

/* "g6" → 6; 0 for a grade outside the numbered ones (연구직, 계약직 …). */
static int grade_number(const char *g)
{
	return g && g[0] == 'g' && g[1] >= '4' && g[1] <= '9' && !g[2] ? g[1] - '0' : 0;
}

/* Reads group's rule for year; 1 when the group is org's, 0 when not, -1. */
static int rule_read(struct db_conn *c, int64_t org, int64_t group, int year, struct rule *r)
{
	memset(r, 0, sizeof *r);
	struct db_stmt *s = db_preparef(
		c,
		"SELECT g.name, r.kind, r.grade_from, r.grade_to, r.course_kind, r.field_id, "
		"f.name FROM innovation_groups g LEFT JOIN innovation_group_rules r ON r.id = "
		"(SELECT x.id FROM innovation_group_rules x WHERE x.group_id = g.id AND "
		"x.archived_at IS NULL AND x.year <= ? ORDER BY x.year DESC LIMIT 1) LEFT JOIN "
		"knowledge_fields f ON f.id = r.field_id WHERE g.id = ? AND g.org_id = ?",
		"iii", (int64_t)year, group, org);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		const char *t;
		snprintf(r->group_name, sizeof r->group_name, "%s", db_column_text(s, 0));
		snprintf(r->kind, sizeof r->kind, "%s", (t = db_column_text(s, 1)) ? t : "");
		r->from = grade_number(db_column_text(s, 2));
		r->to = grade_number(db_column_text(s, 3));
		snprintf(r->course, sizeof r->course, "%s", (t = db_column_text(s, 4)) ? t : "");
		r->field = db_column_int(s, 5);
		snprintf(r->field_name, sizeof r->field_name, "%s",
			 (t = db_column_text(s, 6)) ? t : "");
	}
	db_finalize(s);
	return rc == DB_ROW ? 1 : rc == DB_OK ? 0 : -1;
}

static void rule_format(const struct rule *r, char *out, size_t len)
{
	if (!strcmp(r->kind, "grade") && r->from == r->to)
		snprintf(out, len, "%d급", r->from);
	else if (!strcmp(r->kind, "grade"))
		snprintf(out, len, "%d~%d급", r->from, r->to);
	else if (!strcmp(r->kind, "course"))
		snprintf(out, len, "%s 이수", course_label(r->course));
	else if (!strcmp(r->kind, "expert") && r->field)
		snprintf(out, len, "%s 분야 지식전문가 위촉", r->field_name);
	else if (!strcmp(r->kind, "expert"))
		snprintf(out, len, "지식전문가 위촉");
	else
		snprintf(out, len, "%s", "");
}

int groups_rule_text(struct db_conn *c, int64_t org, int64_t group, int year, char *out, size_t len)
{
	struct rule r;
	int got = rule_read(c, org, group, year, &r);
	if (got < 0)
		return -1;
	rule_format(&r, out, len);
	return 0;
}

/* The topic particle of a word as Korean writes it: 은 after a final
 * consonant (6급은, 계약직은), 는 after a vowel (기타는). */
static const char *topic(const char *word)
{
	size_t n = strlen(word);
	if (n < 3)
		return "은";
	const unsigned char *u = (const unsigned char *)word + n - 3;
	unsigned cp = (unsigned)(u[0] & 0x0f) << 12 | (unsigned)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
	if ((u[0] & 0xf0) != 0xe0 || cp < 0xac00 || cp > 0xd7a3)
		return "은";
	return (cp - 0xac00) % 28 ? "은" : "는";
}

/* 1 if staff (with account user, 0: none) holds a live appointment as a
 * knowledge expert (of field, 0: any); -1 on a database error. */
static int is_expert(struct db_conn *c, int64_t org, int64_t user, int64_t field)
{
	if (!user)
		return 0;
	int rc;
	int64_t n = db_int(c, &rc, 0,
			   "SELECT COUNT(*) FROM knowledge_experts WHERE org_id = ? AND user_id = "
			   "? AND archived_at IS NULL AND (? = 0 OR field_id = ?)",
			   "iiii", org, user, field, field);
	return rc == DB_ERR ? -1 : n > 0;
}

int groups_eligible(struct db_conn *c, int64_t org, int64_t group, int64_t staff, int year,
		    char *why, size_t why_len)
{
	struct rule r;
	if (rule_read(c, org, group, year, &r) != 1)
		return -1;
	struct db_stmt *s = db_preparef(
		c, "SELECT grade, COALESCE(user_id, 0) FROM staff WHERE id = ? AND org_id = ?",
		"ii", staff, org);
	char grade[16] = "";
	int64_t user = 0;
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		snprintf(grade, sizeof grade, "%s", db_column_text(s, 0));
		user = db_column_int(s, 1);
	}
	db_finalize(s);
	if (rc != DB_ROW)
		return -1;
	char rule[300];
	rule_format(&r, rule, sizeof rule);
	const char *who = NULL;
	char whom[300];
	if (!strcmp(r.kind, "grade")) {
		int g = grade_number(grade);
		if (g >= r.from && g <= r.to && g)
			return 1;
		for (const struct choice *k = org_grades; k->value && !who; k++)
			if (!strcmp(k->value, grade))
				who = k->label;
		who = who ? who : grade;
		snprintf(whom, sizeof whom, "%s%s", who, topic(who));
	} else if (!strcmp(r.kind, "course")) {
		int done = courses_completed(c, org, staff, r.course, 0);
		if (done != 0)
			return done;
		snprintf(whom, sizeof whom, "%s 미이수자는", course_label(r.course));
	} else if (!strcmp(r.kind, "expert")) {
		int is = is_expert(c, org, user, r.field);
		if (is != 0)
			return is;
		snprintf(whom, sizeof whom, "%s", "지식전문가로 위촉되지 않은 직원은");
	} else {
		return 1;
	}
	snprintf(why, why_len, "%s %s(%s) 대상이 아닙니다", whom, r.group_name, rule);
	return 0;
}

/* The condition a member's staff row s (with their account) meets the rule
 * by, as SQL with its values appended; "1" for none; NULL for a course
 * rule, asked per member of the courses module. */
static const char *eligible_sql(const struct rule *r, int64_t org, json_t *binds)
{
	if (!strcmp(r->kind, "grade")) {
		char from[4], to[4];
		snprintf(from, sizeof from, "g%d", r->from);
		snprintf(to, sizeof to, "g%d", r->to);
		json_array_append_new(binds, json_string(from));
		json_array_append_new(binds, json_string(to));
		return "s.grade IN ('g4', 'g5', 'g6', 'g7', 'g8', 'g9') AND s.grade >= ? AND "
		       "s.grade "
		       "<= ?";
	}
	if (!strcmp(r->kind, "expert")) {
		json_array_append_new(binds, json_integer(org));
		json_array_append_new(binds, json_integer(r->field));
		json_array_append_new(binds, json_integer(r->field));
		return "EXISTS (SELECT 1 FROM knowledge_experts x WHERE x.user_id = s.user_id AND "
		       "x.org_id = ? AND x.archived_at IS NULL AND (? = 0 OR x.field_id = ?))";
	}
	return strcmp(r->kind, "course") ? "1 = 1" : NULL;
}

json_t *groups_members_of(struct db_conn *c, int64_t org, int64_t group, int year, char *rule,
			  size_t rule_len)
{
	struct rule r;
	if (rule_read(c, org, group, year, &r) != 1)
		return NULL;
	rule_format(&r, rule, rule_len);
	json_t *binds = json_array();
	const char *cond = eligible_sql(&r, org, binds);
	char sql[1400];
	snprintf(sql, sizeof sql,
		 "SELECT /* bounded: one group's members */ m.id, s.id, s.name, s.employee_no, "
		 "s.grade, COALESCE(d.name, ''), m.role, "
		 "m.joined_on, CASE WHEN %s THEN 1 ELSE 0 END FROM innovation_group_members m JOIN "
		 "staff s ON s.id = m.staff_id LEFT JOIN departments d ON d.id = s.department_id "
		 "WHERE m.group_id = ? AND m.org_id = ? AND m.archived_at IS NULL AND m.left_on IS "
		 "NULL ORDER BY CASE WHEN s.grade LIKE 'g_' THEN 0 ELSE 1 END, s.grade, d.name, "
		 "s.name, m.id",
		 cond ? cond : "1 = 1");
	json_array_append_new(binds, json_integer(group));
	json_array_append_new(binds, json_integer(org));
	static const char *const keys[] = {"#id",	  "#staff_id", "name",
					   "employee_no", "grade",     "department",
					   "role",	  "joined_on", "#eligible"};
	json_t *rows = query_rows(crud_prepare(c, sql, binds), keys, sizeof keys / sizeof keys[0]);
	json_decref(binds);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		if (!cond) {
			int done = courses_completed(c, org, row_int(row, "staff_id"), r.course, 0);
			if (done < 0) {
				json_decref(rows);
				return NULL;
			}
			json_object_set_new(row, "eligible", json_integer(done));
		}
		json_object_set_new(row, "eligible", json_boolean(row_int(row, "eligible")));
	}
	return rows;
}
