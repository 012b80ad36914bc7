/*
 * sources.c: the kinds of record that fulfil a plan item, and an item's
 * due occurrences by its cadence (plans.h states the cadences' meaning).
 *
 * A source is one statement over another module's table returning, for the
 * organisation and a span of days, each record's id, day ('YYYY-MM-DD'),
 * department's own path (its ancestors' and its id, '/1/7/', so that a
 * subtree's are those it begins; NULL: the record has no department, or its department
 * is not the one that answers for the item: a club's meeting is the club's,
 * the monitoring is the office's) and title.  Its parameters are the
 * organisation, the span's bounds (from may be a month, 'YYYY-01': every
 * day and month of the year sorts after it) and, for a source with kinds,
 * the kind twice ('' for any).  Each is served by an index on (org_id,
 * day); the statements never sort: the schedule picks each period's first
 * record itself.
 */
#include <stdio.h>
#include <string.h>

#include "crud/module.h"

#include "mod/clubs/clubs.h"
#include "mod/contests/contests.h"
#include "mod/courses/courses.h"
#include "mod/evaluations/evaluations.h"
#include "mod/groups/groups.h"
#include "mod/knowledge/knowledge.h"
#include "mod/plans/plans_int.h"
#include "mod/registries/registries.h"
#include "mod/tasks/tasks.h"

/* With kinds: the condition on the kind column k, bound twice. */
#define KIND(k) " AND (? = '' OR " k " = ?)"

static const struct plans_source sources[] = {
	{"meeting", "/meetings/",
	 "SELECT m.id, m.held_on, d.path || d.id || '/', m.title FROM meetings m LEFT JOIN "
	 "departments d ON "
	 "d.id = m.department_id WHERE m.org_id = ? AND m.held_on >= ? AND m.held_on <= ? AND "
	 "m.archived_at IS NULL" KIND("m.kind"),
	 tasks_meeting_kinds},
	{"club_meeting", "/club-meetings/",
	 "SELECT c.id, c.held_on, NULL, c.topic FROM club_meetings c WHERE c.org_id = ? AND "
	 "c.held_on >= ? AND c.held_on <= ? AND c.archived_at IS NULL" KIND("c.kind"),
	 clubs_meeting_kinds},
	{"group_activity", "/group-activities/",
	 "SELECT a.id, a.held_on, NULL, a.title FROM innovation_group_activities a WHERE "
	 "a.org_id = ? AND a.held_on >= ? AND a.held_on <= ? AND a.archived_at IS "
	 "NULL" KIND("a.kind"),
	 groups_activity_kinds},
	{"contest", "/contests/",
	 "SELECT c.id, c.held_on, NULL, c.title FROM contests c WHERE c.org_id = ? AND "
	 "c.held_on >= ? AND c.held_on <= ? AND c.archived_at IS NULL" KIND("c.kind"),
	 contests_kinds},
	{"evaluation", "/evaluations/",
	 "SELECT e.id, e.held_in || '-01', NULL, e.title FROM evaluations e WHERE e.org_id = ? "
	 "AND e.held_in >= ? AND e.held_in <= ? AND e.archived_at IS NULL" KIND("e.subject"),
	 evaluations_subjects},
	{"course_session", "/course-sessions/",
	 "SELECT s.id, s.starts_on, NULL, c.title FROM course_sessions s JOIN courses c ON c.id "
	 "= s.course_id WHERE s.org_id = ? AND s.starts_on >= ? AND s.starts_on <= ? AND "
	 "s.archived_at IS NULL" KIND("c.kind"),
	 courses_kinds},
	{"knowledge_item", "/knowledge-items/",
	 "SELECT k.id, k.registered_on, d.path || d.id || '/', k.title FROM knowledge_items k LEFT "
	 "JOIN "
	 "departments d ON d.id = k.department_id WHERE k.org_id = ? AND k.registered_on >= ? "
	 "AND k.registered_on <= ? AND k.archived_at IS NULL" KIND("k.kind"),
	 knowledge_kinds},
	{"publication", "/publications/",
	 "SELECT p.id, p.published_on, NULL, p.title FROM publications p WHERE p.org_id = ? AND "
	 "p.published_on >= ? AND p.published_on <= ? AND p.archived_at IS NULL" KIND("p.kind"),
	 registries_publication_kinds},
	{"forum_session", "/forum-sessions/",
	 "SELECT s.id, s.held_on, NULL, s.topic FROM forum_sessions s WHERE s.org_id = ? AND "
	 "s.held_on >= ? AND s.held_on <= ? AND s.archived_at IS NULL",
	 NULL},
	{"mvp", "/mileage-mvps/",
	 "SELECT v.id, v.period || '-01', NULL, v.period || ' 혁신MVP' FROM mileage_mvps v WHERE "
	 "v.org_id = ? AND v.period >= ? AND v.period <= ? AND v.archived_at IS NULL",
	 NULL},
};

const struct choice plans_sources[] = {
	{"none", "연결 기록 없음", "No record"},
	{"meeting", "회의 (혁신과제)", "Meeting (tasks)"},
	{"club_meeting", "학습동아리 모임", "Club meeting"},
	{"group_activity", "혁신주도그룹 활동", "Innovation group activity"},
	{"contest", "경진대회", "Contest"},
	{"evaluation", "행정혁신 평가", "Evaluation"},
	{"course_session", "혁신교육 차수", "Course session"},
	{"knowledge_item", "지식 등록", "Knowledge item"},
	{"publication", "간행물·홍보물", "Publication"},
	{"forum_session", "포럼 회차", "Forum session"},
	{"mvp", "혁신MVP 선발", "Innovation MVP"},
	{NULL, NULL, NULL},
};

const struct plans_source *plans_source_find(const char *value)
{
	for (size_t i = 0; value && i < COUNT_OF(sources); i++)
		if (!strcmp(sources[i].value, value))
			return &sources[i];
	return NULL;
}

const struct choice *plans_source_kinds(const char *source)
{
	const struct plans_source *s = plans_source_find(source);
	return s ? s->kinds : NULL;
}

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static int days_in(int year, int month)
{
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month_days[month - 1] + (month == 2 && leap);
}

/* An occurrence over months a..b of year, labelled label. */
static void span(struct plans_occurrence *o, int year, int a, int b, const char *label)
{
	snprintf(o->from, sizeof o->from, "%04d-%02d-01", year, a);
	snprintf(o->to, sizeof o->to, "%04d-%02d-%02d", year, b, days_in(year, b));
	o->month_from = a;
	o->month_to = b;
	snprintf(o->label, sizeof o->label, "%s", label);
}

/* The year cut into spans of n months, labelled by labels (NULL: "M월"). */
static size_t every(int year, int n, const char *const *labels,
		    struct plans_occurrence out[PLANS_OCCURRENCES_MAX])
{
	size_t k = 0;
	for (int m = 1; m <= 12; m += n, k++) {
		char label[32];
		if (labels)
			snprintf(label, sizeof label, "%s", labels[k]);
		else
			snprintf(label, sizeof label, "%d월", m);
		span(&out[k], year, m, m + n - 1, label);
	}
	return k;
}

size_t plans_occurrences(const struct plans_cadence *c, int year,
			 struct plans_occurrence out[PLANS_OCCURRENCES_MAX])
{
	static const char *const quarters[] = {"1분기", "2분기", "3분기", "4분기"};
	static const char *const halves[] = {"상반기", "하반기"};
	if (!c->kind || !strcmp(c->kind, "none"))
		return 0;
	if (!strcmp(c->kind, "monthly"))
		return every(year, 1, NULL, out);
	if (!strcmp(c->kind, "quarterly"))
		return every(year, 3, quarters, out);
	if (!strcmp(c->kind, "half") || !strcmp(c->kind, "twice"))
		return every(year, 6, halves, out);
	if (!strcmp(c->kind, "at_least")) {
		char label[32];
		snprintf(label, sizeof label, "연 %lld회 이상", (long long)c->times);
		span(&out[0], year, 1, 12, label);
		return 1;
	}
	if (!strcmp(c->kind, "months")) {
		int a = c->month_from, b = c->month_to ? c->month_to : c->month_from;
		if (a < 1 || a > 12 || b < a || b > 12)
			return 0;
		char label[32];
		if (a == b)
			snprintf(label, sizeof label, "%d월", a);
		else
			snprintf(label, sizeof label, "%d~%d월", a, b);
		span(&out[0], year, a, b, label);
		return 1;
	}
	if (!strcmp(c->kind, "date") && c->due_on && strlen(c->due_on) == 10) {
		int y = 0, m = 0, d = 0;
		if (sscanf(c->due_on, "%4d-%2d-%2d", &y, &m, &d) != 3 || y != year || m < 1 ||
		    m > 12)
			return 0;
		char label[32];
		snprintf(label, sizeof label, "%d.%d까지", m, d);
		span(&out[0], year, 1, m, label);
		snprintf(out[0].to, sizeof out[0].to, "%s", c->due_on);
		return 1;
	}
	return 0;
}
