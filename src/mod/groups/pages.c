/*
 * pages.c: a group's page (its members by grade and department, who is no
 * longer eligible, its activity record) and the groups' overview of a
 * year (each group's rule and members, the year's activities with their
 * participants, totals by kind).  Every figure is counted from the records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/buf.h"
#include "core/clock.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/groups/groups.h"
#include "mod/org/org.h"

/* Adds 1 to counts[key] (an array of {label, n} in first-seen order,
 * found through index, an object of key → position). */
static void tally(json_t *counts, json_t *index, const char *label)
{
	json_t *at = json_object_get(index, label);
	if (at) {
		json_t *row = json_array_get(counts, (size_t)json_integer_value(at));
		json_object_set_new(row, "n", json_integer(row_int(row, "n") + 1));
		return;
	}
	json_object_set_new(index, label, json_integer((json_int_t)json_array_size(counts)));
	json_array_append_new(counts, json_pack("{s:s, s:i}", "label", label, "n", 1));
}

static int by_n_desc(const void *a, const void *b)
{
	int64_t x = row_int(*(json_t *const *)a, "n"), y = row_int(*(json_t *const *)b, "n");
	return x < y ? 1 : x > y ? -1 : 0;
}

/* counts sorted by n, most first (a stable order for ties: first seen). */
static json_t *sorted(json_t *counts)
{
	size_t n = json_array_size(counts);
	json_t **v = calloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(counts, i));
	for (size_t i = 1; i < n; i++) /* insertion sort: stable */
		for (size_t j = i; j > 0 && by_n_desc(&v[j - 1], &v[j]) > 0; j--) {
			json_t *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	json_t *out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out, v[i]);
	free(v);
	return out;
}

/* The members' part of the page: the table, by grade, by department, and
 * those no longer eligible. */
static enum err members_part(struct db_conn *c, int64_t org, int64_t group, int year, json_t *doc)
{
	char rule[400];
	json_t *rows = groups_members_of(c, org, group, year, rule, sizeof rule);
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	rows_choice_label(rows, "grade", org_grades);
	rows_choice_label(rows, "role", groups_member_roles);
	json_t *grades = json_array(), *gi = json_object(), *depts = json_array(),
	       *di = json_object(), *gone = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		tally(grades, gi, row_text(row, "grade_label"));
		tally(depts, di,
		      *row_text(row, "department") ? row_text(row, "department") : "부서 없음");
		if (!json_is_true(json_object_get(row, "eligible")))
			json_array_append(gone, row);
	}
	json_decref(gi);
	json_decref(di);
	json_object_set_new(doc, "rule", json_string(rule));
	json_object_set_new(doc, "rule_year", json_integer(year));
	json_object_set_new(doc, "member_count", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(doc, "members", rows);
	json_object_set_new(doc, "by_grade", grades);
	json_object_set_new(doc, "by_department", sorted(depts));
	json_decref(depts);
	json_object_set_new(doc, "no_longer_eligible_count",
			    json_integer((json_int_t)json_array_size(gone)));
	json_object_set_new(doc, "no_longer_eligible", gone);
	return ERR_OK;
}

/* The group's rules, year by year, as people read them. */
static enum err rules_part(struct db_conn *c, int64_t org, int64_t group, json_t *doc)
{
	static const char *const keys[] = {"#id", "#year", "basis"};
	json_t *rows = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: a rule a year */ id, year, COALESCE(basis, '') FROM "
			"innovation_group_rules WHERE group_id = ? AND org_id = ? AND "
			"archived_at IS NULL ORDER BY year",
			"ii", group, org),
		keys, 3);
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		char text[400];
		if (groups_rule_text(c, org, group, (int)row_int(row, "year"), text, sizeof text))
			return json_decref(rows), ERR_DB_UNAVAILABLE;
		json_object_set_new(row, "text", json_string(text));
	}
	json_object_set_new(doc, "rules", rows);
	return ERR_OK;
}

/* Participants of activity a as SQL (all of them, or with mine this
 * group's current members among them). */
#define PARTICIPANTS                                                                               \
	"(SELECT COUNT(*) FROM record_links l WHERE l.entity = 'group-activities' AND l.field = "  \
	"'participants' AND l.record_id = a.id)"
#define PARTICIPANTS_OF_GROUP                                                                      \
	"(SELECT COUNT(*) FROM record_links l JOIN innovation_group_members m ON m.staff_id = "    \
	"l.ref_id AND m.group_id = ? AND m.archived_at IS NULL WHERE l.entity = "                  \
	"'group-activities' AND l.field = 'participants' AND l.record_id = a.id)"

/* The activity record: the group's own activities and the joint ones its
 * members took part in, with their totals. */
static enum err activities_part(struct db_conn *c, int64_t org, int64_t group, json_t *doc)
{
	static const char *const keys[] = {"#id",	    "kind",    "title",	 "held_on",
					   "ends_on",	    "place",   "#hours", "#group_id",
					   "#participants", "#members"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: one group's activities */ a.id, a.kind, a.title, "
			    "a.held_on, COALESCE(a.ends_on, ''), COALESCE(a.place, ''), a.hours, "
			    "COALESCE(a.group_id, 0), " PARTICIPANTS ", " PARTICIPANTS_OF_GROUP
			    " FROM innovation_group_activities a WHERE a.org_id = ? AND "
			    "a.archived_at IS NULL AND (a.group_id = ? OR a.group_id IS NULL) "
			    "ORDER BY a.held_on, a.id",
			    "iii", group, org, group),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	rows_choice_label(rows, "kind", groups_activity_kinds);
	json_t *shown = json_array();
	int64_t n = 0, people = 0, hours = 0;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		int joint = row_int(row, "group_id") == 0;
		if (joint && !row_int(row, "members"))
			continue;
		json_object_set_new(row, "joint", json_boolean(joint));
		n++;
		people += row_int(row, "participants");
		hours += row_int(row, "hours");
		json_array_append(shown, row);
	}
	json_decref(rows);
	json_object_set_new(doc, "activities", shown);
	json_object_set_new(doc, "activity_count", json_integer(n));
	json_object_set_new(doc, "activity_participations", json_integer(people));
	json_object_set_new(doc, "activity_hours", json_integer(hours));
	return ERR_OK;
}

enum err groups_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, id = row_int(row, "id");
	enum err why = members_part(c, org, id, utc_year(), doc);
	why = why ? why : rules_part(c, org, id, doc);
	return why ? why : activities_part(c, org, id, doc);
}

/* The overview's groups: each with its rule for the year and its members
 * in the year (joined by its end, not left before its start). */
static json_t *overview_groups(struct db_conn *c, int64_t org, int year, int64_t *members)
{
	char first[11], last[11];
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	static const char *const keys[] = {"#id", "name", "purpose", "#members", "#activities"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: the organisation's few groups */ g.id, g.name, "
			    "COALESCE(g.purpose, ''), (SELECT COUNT(*) FROM "
			    "innovation_group_members m WHERE m.group_id = g.id AND m.archived_at "
			    "IS NULL AND m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on >= "
			    "?)), (SELECT COUNT(*) FROM innovation_group_activities a WHERE "
			    "a.group_id = g.id AND a.archived_at IS NULL AND a.held_on BETWEEN ? "
			    "AND ?) FROM innovation_groups g WHERE g.org_id = ? AND g.archived_at "
			    "IS NULL ORDER BY g.sort_order, g.id",
			    "tttti", last, first, first, last, org),
		keys, COUNT_OF(keys));
	*members = 0;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		char text[400];
		if (groups_rule_text(c, org, row_int(row, "id"), year, text, sizeof text))
			return json_decref(rows), NULL;
		json_object_set_new(row, "rule", json_string(text));
		*members += row_int(row, "members");
	}
	return rows;
}

/* The year's activities, and their totals by kind (in the kinds' order). */
static enum err overview_activities(struct db_conn *c, int64_t org, int year, json_t *doc)
{
	char first[11], last[11];
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	static const char *const keys[] = {"#id",   "kind",   "title", "held_on",      "ends_on",
					   "place", "#hours", "group", "#participants"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT a.id, a.kind, a.title, a.held_on, COALESCE(a.ends_on, ''), "
			    "COALESCE(a.place, ''), a.hours, COALESCE(g.name, ''), " PARTICIPANTS
			    " FROM innovation_group_activities a LEFT JOIN innovation_groups g ON "
			    "g.id = a.group_id WHERE a.org_id = ? AND a.archived_at IS NULL AND "
			    "a.held_on BETWEEN ? AND ? ORDER BY a.held_on, a.id",
			    "itt", org, first, last),
		keys, COUNT_OF(keys));
	static const char *const pkeys[] = {"kind", "#people"};
	json_t *people = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: one row a kind */ a.kind, COUNT(DISTINCT l.ref_id) "
			    "FROM innovation_group_activities a JOIN record_links l ON l.entity = "
			    "'group-activities' AND l.field = 'participants' AND l.record_id = "
			    "a.id WHERE a.org_id = ? AND a.archived_at IS NULL AND a.held_on "
			    "BETWEEN ? AND ? GROUP BY a.kind",
			    "itt", org, first, last),
		pkeys, 2);
	if (!rows || !people) {
		json_decref(rows);
		json_decref(people);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(rows, "kind", groups_activity_kinds);
	json_t *kinds = json_array();
	int64_t total = 0, total_hours = 0;
	for (const struct choice *k = groups_activity_kinds; k->value; k++) {
		int64_t n = 0, part = 0, hours = 0, distinct = 0;
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) if (!strcmp(row_text(row, "kind"), k->value))
		{
			n++;
			part += row_int(row, "participants");
			hours += row_int(row, "hours") * row_int(row, "participants");
		}
		json_array_foreach(people, i, row) if (!strcmp(row_text(row, "kind"), k->value))
			distinct = row_int(row, "people");
		total += part;
		total_hours += hours;
		json_array_append_new(
			kinds, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "kind", k->value,
					 "label", k->label, "activities", (json_int_t)n,
					 "participations", (json_int_t)part, "people",
					 (json_int_t)distinct, "person_hours", (json_int_t)hours));
	}
	json_decref(people);
	json_object_set_new(doc, "activity_count", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(doc, "activities", rows);
	json_object_set_new(doc, "kinds", kinds);
	json_object_set_new(doc, "participations", json_integer(total));
	json_object_set_new(doc, "person_hours", json_integer(total_hours));
	return ERR_OK;
}

enum err groups_page_overview(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	int year = org_year_shown(req, "innovation_group_activities");
	if (!year)
		return ERR_DB_UNAVAILABLE;
	int64_t members;
	json_t *groups = overview_groups(c, org, year, &members);
	if (!groups)
		return ERR_DB_UNAVAILABLE;
	json_t *doc =
		json_pack("{s:i, s:o, s:I, s:I}", "year", year, "groups", groups, "group_count",
			  (json_int_t)json_array_size(groups), "members", (json_int_t)members);
	enum err why = overview_activities(c, org, year, doc);
	if (why) {
		json_decref(doc);
		return why;
	}
	json_object_set_new(doc, "years", org_year_options(year));
	res->doc = doc;
	return ERR_OK;
}

enum err groups_page_record(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t id = request_param_id(req, "id");
	if (!id)
		return ERR_NOT_FOUND;
	static const char *const keys[] = {"#id", "name", "purpose", "description"};
	json_t *rows =
		query_rows(db_preparef(c,
				       "SELECT id, name, COALESCE(purpose, ''), "
				       "COALESCE(description, '') FROM innovation_groups WHERE "
				       "id = ? AND org_id = ? AND archived_at IS NULL",
				       "ii", id, req->who.org_id),
			   keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	if (!json_array_size(rows)) {
		json_decref(rows);
		return ERR_NOT_FOUND;
	}
	json_t *doc = json_pack("{s:O}", "item", json_array_get(rows, 0));
	json_decref(rows);
	enum err why = groups_show(req, &groups_groups, json_object_get(doc, "item"), doc);
	if (why) {
		json_decref(doc);
		return why;
	}
	res->doc = doc;
	return ERR_OK;
}
