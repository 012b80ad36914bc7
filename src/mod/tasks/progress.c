/*
 * progress.c: what a task's progress is, in one place, and the totals the
 * dashboards read, kept current by every write (never recomputed from
 * scratch on a view).
 *
 * A unit project's progress is its latest live report's (the latest month;
 * within a month, the report written last).  A task with live unit projects
 * takes their average weighted by weight, rounded to the nearest whole
 * percent; a task without takes its own latest report's (one not about a
 * unit project).  Nothing reported yet: 0.
 *
 * task_totals holds, per organisation, lead department (0: all of them),
 * year, kind and status, the live tasks and the sum of their progress; a
 * task's share is taken out before it changes and put back after.
 * meeting_counts holds the live meetings per host department (0: all),
 * month and kind.
 */
#include "mod/tasks/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

const char tasks_progress_rule[] =
	"진도율은 월별 추진실적에서 계산합니다. 단위사업의 진도율은 그 사업의 가장 최근 "
	"보고(보고 월이 가장 늦은 것, 같은 달이면 나중에 쓴 것)의 진도율입니다. 과제의 "
	"진도율은 단위사업이 있으면 단위사업 진도율을 가중치로 가중평균해 반올림한 값이고, "
	"단위사업이 없으면 과제에 직접 쓴 가장 최근 보고의 진도율입니다. 보고가 없으면 "
	"0%입니다.";

enum err tasks_totals_add(struct db_conn *c, int64_t org, int64_t department, int64_t year,
			  const char *kind, const char *status, int64_t progress, int sign)
{
	static const char upsert[] =
		"INSERT INTO task_totals (org_id, department_id, year, kind, status, n, "
		"progress_sum) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, department_id, "
		"year, kind, status) DO UPDATE SET n = task_totals.n + excluded.n, progress_sum = "
		"task_totals.progress_sum + excluded.progress_sum";
	int64_t places[2] = {0, department};
	for (int i = 0; i < (department > 0 ? 2 : 1); i++)
		if (db_run(c, NULL, upsert, "iiittii", org, places[i], year, kind, status,
			   (int64_t)sign, progress * sign) != DB_OK)
			return ERR_DB_UNAVAILABLE;
	return ERR_OK;
}

enum err tasks_meeting_count_add(struct db_conn *c, int64_t org, int64_t department,
				 const char *held_on, const char *kind, int sign)
{
	char month[8];
	snprintf(month, sizeof month, "%.7s", held_on);
	int64_t places[2] = {0, department};
	for (int i = 0; i < (department > 0 ? 2 : 1); i++)
		if (db_run(c, NULL,
			   "INSERT INTO meeting_counts (org_id, department_id, month, kind, n) "
			   "VALUES "
			   "(?, ?, ?, ?, ?) ON CONFLICT (org_id, department_id, month, kind) DO "
			   "UPDATE "
			   "SET n = meeting_counts.n + excluded.n",
			   "iitti", org, places[i], month, kind, (int64_t)sign) != DB_OK)
			return ERR_DB_UNAVAILABLE;
	return ERR_OK;
}

/* Adds (sign 1) or takes away the task's share as stored; nothing if archived. */
static enum err stored_share(struct db_conn *c, int64_t org, int64_t task, int sign)
{
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT lead_department_id, year, kind, status, progress FROM "
			    "tasks WHERE id = ? AND org_id = ? AND archived_at IS NULL",
			    "ii", task, org);
	int rc = s ? db_step(s) : DB_ERR;
	enum err why = rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
	if (rc == DB_ROW)
		why = tasks_totals_add(c, org, db_column_int(s, 0), db_column_int(s, 1),
				       db_column_text(s, 2), db_column_text(s, 3),
				       db_column_int(s, 4), sign);
	db_finalize(s);
	return why;
}

enum err tasks_refresh(struct db_conn *c, int64_t org, int64_t task, int counted)
{
	if (counted && stored_share(c, org, task, -1) != ERR_OK)
		return ERR_DB_UNAVAILABLE;
	if (db_run(c, NULL,
		   "UPDATE unit_projects SET progress = COALESCE((SELECT r.progress FROM "
		   "progress_reports r WHERE r.unit_project_id = unit_projects.id AND "
		   "r.archived_at IS NULL ORDER BY r.month DESC, r.id DESC LIMIT 1), 0), "
		   "last_report_month = COALESCE((SELECT MAX(r.month) FROM progress_reports r "
		   "WHERE r.unit_project_id = unit_projects.id AND r.archived_at IS NULL), '') "
		   "WHERE task_id = ? AND org_id = ?",
		   "ii", task, org) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	struct db_stmt *s = db_preparef(
		c,
		"SELECT COUNT(*), COALESCE(SUM(weight), 0), COALESCE(SUM(weight * progress), 0), "
		"(SELECT r.progress FROM progress_reports r WHERE r.task_id = ? AND "
		"r.unit_project_id IS NULL AND r.archived_at IS NULL ORDER BY r.month DESC, r.id "
		"DESC LIMIT 1), (SELECT MAX(r.month) FROM progress_reports r WHERE r.task_id = ? "
		"AND r.archived_at IS NULL) FROM unit_projects WHERE task_id = ? AND org_id = ? "
		"AND "
		"archived_at IS NULL",
		"iiii", task, task, task, org);
	if (!s || db_step(s) != DB_ROW) {
		db_finalize(s);
		return ERR_DB_UNAVAILABLE;
	}
	int64_t units = db_column_int(s, 0), weights = db_column_int(s, 1),
		weighted = db_column_int(s, 2), own = db_column_int(s, 3);
	char month[8] = "";
	if (!db_column_is_null(s, 4))
		snprintf(month, sizeof month, "%s", db_column_text(s, 4));
	db_finalize(s);
	int64_t progress = units && weights > 0 ? (weighted + weights / 2) / weights : own;
	if (db_run(c, NULL,
		   "UPDATE tasks SET progress = ?, last_report_month = ? WHERE id = ? AND org_id = "
		   "?",
		   "itii", progress, month, task, org) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	return stored_share(c, org, task, 1);
}

/* A task re-derived when task_totals were emptied: its share is not in them. */
static enum err refresh_uncounted(struct db_conn *c, int64_t org, int64_t id)
{
	return tasks_refresh(c, org, id, 0);
}

enum err tasks_rebuild(struct db_conn *c, int64_t org)
{
	if (db_run(c, NULL, "DELETE FROM task_totals WHERE org_id = ?", "i", org) != DB_OK ||
	    db_run(c, NULL, "DELETE FROM meeting_counts WHERE org_id = ?", "i", org) != DB_OK ||
	    db_run(c, NULL,
		   "INSERT INTO meeting_counts (org_id, department_id, month, kind, n) SELECT "
		   "org_id, 0, substr(held_on, 1, 7), kind, COUNT(*) FROM meetings WHERE org_id = "
		   "? "
		   "AND archived_at IS NULL GROUP BY org_id, substr(held_on, 1, 7), kind",
		   "i", org) != DB_OK ||
	    db_run(c, NULL,
		   "INSERT INTO meeting_counts (org_id, department_id, month, kind, n) SELECT "
		   "org_id, department_id, substr(held_on, 1, 7), kind, COUNT(*) FROM meetings "
		   "WHERE "
		   "org_id = ? AND archived_at IS NULL AND department_id IS NOT NULL GROUP BY "
		   "org_id, "
		   "department_id, substr(held_on, 1, 7), kind",
		   "i", org) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	return crud_each_id(c, "SELECT id FROM tasks WHERE org_id = ? ORDER BY id", org,
			    refresh_uncounted);
}
