/*
 * entities.c: the groups' entities (groups.h): groups, their yearly
 * eligibility rules, members and activities, with the hooks that enforce
 * the rule when someone joins and emit a participation's group.activity
 * event.  Administrators write; all staff read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/xalloc.h"
#include "crud/declare.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/courses/courses.h"
#include "mod/groups/groups.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"

const struct choice groups_rule_kinds[] = {
	{"grade", "직급 범위", "Grade range"},
	{"course", "교육과정 이수", "Course completed"},
	{"expert", "지식전문가 위촉", "Appointed knowledge expert"},
	{NULL, NULL, NULL},
};

const struct choice groups_activity_kinds[] = {
	{"visit", "현장탐방", "Site visit"},
	{"lecture", "특강", "Lecture"},
	{"judging", "심사 참여", "Judging"},
	{"commission", "위탁교육", "Commissioned training"},
	{"seminar", "세미나·워크숍", "Seminar or workshop"},
	{NULL, NULL, NULL},
};

const struct choice groups_member_roles[] = {
	{"leader", "대표", "Leader"},
	{"secretary", "간사", "Secretary"},
	{"member", "회원", "Member"},
	{NULL, NULL, NULL},
};

static const struct field group_fields[] = {
	{"name", "그룹명", "Name", F_TEXT, L | S | O | X | R, 1, 100, NULL, NULL},
	{"purpose", "기능", "Function", F_TEXT, L | X, 0, 200, NULL, NULL},
	{"description", "소개", "Description", F_MEMO, X, 0, 4000, NULL, NULL},
	{"sort_order", "정렬 순서", "Order", F_INT, O, 0, 1000, NULL, NULL},
};

const struct entity groups_groups = {
	.name = "groups",
	.table = "innovation_groups",
	.label = "혁신주도그룹",
	.label_en = "Innovation-leading groups",
	.title_field = "name",
	.default_sort = "sort_order",
	.fields = group_fields,
	.n_fields = sizeof group_fields / sizeof group_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.show_template = "groups/show",
	.show = groups_show,
};

static int is_numbered(const char *g)
{
	return g && g[0] == 'g' && g[1] >= '4' && g[1] <= '9' && !g[2];
}

/* A rule says what its kind needs: two grades in order, a course kind. */
static enum err rule_before(struct request *req, const struct entity *e, int64_t id,
			    const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *kind = json_string_value(crud_value_of(values, row, "kind")),
		   *from = json_string_value(crud_value_of(values, row, "grade_from")),
		   *to = json_string_value(crud_value_of(values, row, "grade_to")),
		   *course = json_string_value(crud_value_of(values, row, "course_kind"));
	if (kind && !strcmp(kind, "grade")) {
		if (!is_numbered(from))
			json_object_set_new(
				errors, "grade_from",
				json_string("직급 범위의 시작을 4급~9급 중에서 고르십시오."));
		else if (!is_numbered(to))
			json_object_set_new(
				errors, "grade_to",
				json_string("직급 범위의 끝을 4급~9급 중에서 고르십시오."));
		else if (strcmp(from, to) > 0)
			json_object_set_new(errors, "grade_to",
					    json_string("직급 범위의 끝이 시작보다 높습니다."));
	} else if (kind && !strcmp(kind, "course") && (!course || !*course)) {
		json_object_set_new(errors, "course_kind",
				    json_string("이수해야 하는 교육과정의 종류를 고르십시오."));
	}
	return ERR_OK;
}

static const struct field rule_fields[] = {
	{"group_id", "그룹", "Group", F_REF, L | F | X | R, 0, 0, NULL, "groups"},
	{"year", "연도", "Year", F_INT, L | F | O | X | R, 2000, 2100, NULL, NULL},
	{"kind", "대상 기준", "Rule", F_CHOICE, L | F | X | R, 0, 0, groups_rule_kinds, NULL},
	{"grade_from", "직급 (부터)", "Grade from", F_CHOICE, L | X, 0, 0, org_grades, NULL},
	{"grade_to", "직급 (까지)", "Grade to", F_CHOICE, L | X, 0, 0, org_grades, NULL},
	{"course_kind", "이수 교육과정 종류", "Course kind", F_CHOICE, L | X, 0, 0, courses_kinds,
	 NULL},
	{"field_id", "지식 분야 (비우면 전 분야)", "Knowledge field (empty: any)", F_REF, X, 0, 0,
	 NULL, "knowledge-fields"},
	{"basis", "근거", "Basis", F_TEXT, X, 0, 200, NULL, NULL},
};

const struct entity groups_rules = {
	.name = "group-rules",
	.table = "innovation_group_rules",
	.label = "혁신주도그룹 대상 기준",
	.label_en = "Group eligibility rules",
	.title_field = "basis",
	.default_sort = "-year",
	.fields = rule_fields,
	.n_fields = sizeof rule_fields / sizeof rule_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = rule_before,
};

/* Joining: the group's rule for the year joined, and one current
 * membership a person.  A change of grade afterwards is not checked here:
 * the member stays, and the group's page says they are no longer eligible. */
static enum err member_before(struct request *req, const struct entity *e, int64_t id,
			      const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *joined = json_string_value(crud_value_of(values, row, "joined_on")),
		   *left = json_string_value(crud_value_of(values, row, "left_on"));
	if (joined && left && *left && strcmp(left, joined) < 0)
		json_object_set_new(errors, "left_on",
				    json_string("탈퇴일이 가입일보다 앞섭니다."));
	int64_t group = json_integer_value(crud_value_of(values, row, "group_id")),
		staff = json_integer_value(crud_value_of(values, row, "staff_id"));
	if (row && !json_object_get(values, "group_id") && !json_object_get(values, "staff_id") &&
	    !json_object_get(values, "joined_on"))
		return ERR_OK;
	if (!group || !staff || !joined || json_object_size(errors))
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int rc;
	int64_t twice = db_int(c, &rc, 0,
			       "SELECT COUNT(*) FROM innovation_group_members WHERE group_id = ? "
			       "AND staff_id = ? AND archived_at IS NULL AND left_on IS NULL AND "
			       "id <> ?",
			       "iii", group, staff, id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (twice && !(left && *left)) {
		json_object_set_new(errors, "staff_id",
				    json_string("이미 이 그룹의 구성원입니다."));
		return ERR_OK;
	}
	char why[600];
	int ok = groups_eligible(c, req->who.org_id, group, staff, atoi(joined), why, sizeof why);
	if (ok < 0)
		return ERR_DB_UNAVAILABLE;
	if (!ok)
		json_object_set_new(errors, "staff_id", json_string(why));
	return ERR_OK;
}

static const struct field member_fields[] = {
	{"group_id", "그룹", "Group", F_REF, L | F | X | R, 0, 0, NULL, "groups"},
	{"staff_id", "직원", "Member of staff", F_REF, L | F | X | R, 0, 0, NULL, "staff"},
	{"role", "역할", "Role", F_CHOICE, L | F | X, 0, 0, groups_member_roles, NULL},
	{"joined_on", "가입일", "Joined", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"left_on", "탈퇴일", "Left", F_DATE, L | O | X, 0, 0, NULL, NULL},
	{"note", "비고", "Note", F_TEXT, X, 0, 500, NULL, NULL},
};

const struct entity groups_members = {
	.name = "group-members",
	.table = "innovation_group_members",
	.label = "혁신주도그룹 구성원",
	.label_en = "Group members",
	.title_field = "joined_on",
	.default_sort = "joined_on",
	.fields = member_fields,
	.n_fields = sizeof member_fields / sizeof member_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = member_before,
};

enum err groups_activity_events(struct db_conn *c, int64_t org, int64_t activity, const json_t *row)
{
	return mileage_event_links(c,
				   &(struct mileage_event){.org = org,
							   .kind = "group.activity",
							   .entity = "group-activities",
							   .record = activity,
							   .on = row_text(row, "held_on")},
				   "participants");
}

static enum err activity_before(struct request *req, const struct entity *e, int64_t id,
				const json_t *row, json_t *values, json_t *errors)
{
	if (!values)
		return ERR_OK;
	const char *from = json_string_value(crud_value_of(values, row, "held_on")),
		   *to = json_string_value(crud_value_of(values, row, "ends_on"));
	if (from && to && *to && strcmp(to, from) < 0)
		json_object_set_new(errors, "ends_on",
				    json_string("끝난 날이 시작한 날보다 앞섭니다."));
	return ERR_OK;
}

static enum err activity_after(struct request *req, const struct entity *e, int64_t id,
			       const json_t *before, const json_t *after)
{
	if (!after)
		return ERR_OK;
	return groups_activity_events(request_db(req), req->who.org_id, id, after);
}

static const struct field activity_fields[] = {
	{"group_id", "주관 그룹 (비우면 그룹 합동)", "Group (empty: all groups)", F_REF, L | F | X,
	 0, 0, NULL, "groups"},
	{"kind", "활동 종류", "Kind", F_CHOICE, L | F | O | X | R, 0, 0, groups_activity_kinds,
	 NULL},
	{"title", "활동명", "Title", F_TEXT, L | S | O | X | R, 1, 200, NULL, NULL},
	{"held_on", "일자", "Date", F_DATE, L | O | X | R, 0, 0, NULL, NULL},
	{"ends_on", "끝난 날 (여러 날일 때)", "Last day", F_DATE, X, 0, 0, NULL, NULL},
	{"place", "장소", "Place", F_TEXT, L | X, 0, 200, NULL, NULL},
	{"hours", "시간", "Hours", F_INT, L | X, 0, 2000, NULL, NULL},
	{"participants", "참여자", "Participants", F_REFS, X, 0, 1000, NULL, "staff"},
	{"note", "비고", "Note", F_MEMO, X, 0, 4000, NULL, NULL},
};

const struct entity groups_activities = {
	.name = "group-activities",
	.table = "innovation_group_activities",
	.label = "혁신주도그룹 활동",
	.label_en = "Group activities",
	.title_field = "title",
	.default_sort = "-held_on",
	.fields = activity_fields,
	.n_fields = sizeof activity_fields / sizeof activity_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.before_write = activity_before,
	.after_write = activity_after,
};
