/* module.c: the innovation-task module as the application lists it
 * (crud/module.h), and what it asks of a person on the home page. */
#include <stdio.h>
#include <stdlib.h>

#include "auth/role.h"
#include "core/buf.h"
#include "core/clock.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/org/org.h"
#include "mod/tasks/tasks.h"

static const struct entity *const entities[] = {&tasks_tasks,
						&tasks_unit_projects,
						&tasks_progress_reports,
						&tasks_meetings,
						&tasks_process_redesigns,
						&tasks_working_groups,
						&tasks_advice,
						NULL};

static const struct query_param dashboard_params[] = {
	{"year", "연도", P_INT, 2000, 2100, NULL}, {"department", "부서", P_ID, 0, 0, NULL},
	{"month", "점검 월", P_MONTH, 0, 0, NULL}, {"from", "시작 월", P_MONTH, 0, 0, NULL},
	{"to", "종료 월", P_MONTH, 0, 0, NULL},	   {NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/tasks/dashboard", tasks_page_dashboard, "tasks/dashboard", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	 "혁신과제 현황판: 상태·구분별 과제, 진도율, 이달 미보고 과제, 회의 실적", NULL,
	 dashboard_params},
};

/* The tasks in progress of the latest year with tasks that have nothing
 * reported for the month (this one, or a past year's December), as the
 * dashboard's checklist counts them, in the person's reach: the whole
 * organisation for an administrator, the manager's subtree for a manager. */
static enum err todo(struct request *req, json_t *out)
{
	const struct principal *p = &req->who;
	if (p->role != ROLE_ADMIN && p->role != ROLE_MANAGER)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	char now[24], month[8];
	utc_now(0, now);
	snprintf(month, sizeof month, "%.7s", now);
	int64_t year = atoi(now);
	struct org_filter reach;
	org_filter_mine(p, &reach);
	struct buf sql = BUF_INIT;
	buf_puts(&sql,
		 "SELECT COUNT(*), MAX(t.year) FROM tasks t WHERE " TASKS_LATE(
			 "(SELECT MAX(year) FROM task_totals WHERE org_id = ? AND "
			 "department_id = 0 AND n > 0)",
			 "CASE WHEN t.year = ? THEN ? ELSE CAST(t.year AS TEXT) || '-12' END"));
	json_t *binds = json_pack("[I, I, I, s]", (json_int_t)p->org_id, (json_int_t)p->org_id,
				  (json_int_t)year, month);
	org_filter_sql(&reach, "t.lead_department_id", &sql, binds);
	struct db_stmt *s = crud_prepare(c, sql.data, binds);
	buf_free(&sql);
	json_decref(binds);
	int rc = s ? db_step(s) : DB_ERR;
	int64_t n = rc == DB_ROW ? db_column_int(s, 0) : 0,
		of = rc == DB_ROW ? db_column_int(s, 1) : 0;
	db_finalize(s);
	if (rc != DB_ROW)
		return ERR_DB_UNAVAILABLE;
	if (n > 0)
		json_array_append_new(
			out, json_pack("{s:I, s:s, s:s}", "count", (json_int_t)n, "text",
				       of == year ? "이번 달 추진실적 미보고 과제"
						  : arena_printf(&req->arena,
								 "%lld년 12월 추진실적 미보고 과제",
								 (long long)of),
				       "href",
				       reach.dept ? arena_printf(&req->arena,
								 "/tasks/dashboard?department=%lld",
								 (long long)reach.dept)
						  : "/tasks/dashboard"));
	return ERR_OK;
}

static const struct module_area area = {"/tasks", "혁신과제", "Innovation tasks",
					"공통·중점·부서과제와 단위사업, 월별 추진실적", NULL};

/* The dashboard's statements, of the organisation and of a department's subtree, for the plan guard
 * (crud_plans()). */
static const char *const plan_pages[] = {
	"/tasks/dashboard?year=2006&month=2006-12",
	"/tasks/dashboard?year=2006&month=2006-12&department=2",
	NULL,
};

const struct module tasks_module = {
	.name = "tasks",
	.label = "혁신과제",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = tasks_demo_load,
	.rebuild = tasks_rebuild,
	.rebuild_what = "진도율, 현황판 합계",
	.todo = todo,
	.plan_pages = plan_pages,
};
