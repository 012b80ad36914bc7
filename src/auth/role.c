/* role.c: role names and the scope filter of lists; see role.h. */
#include "auth/role.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/http.h"

/* value: stable, stored in users.role; label: Korean, shown */
const struct choice role_choices[ROLE_COUNT + 1] = {
	[ROLE_ANONYMOUS] = {"anonymous", "비로그인", "Anonymous"},
	[ROLE_RESIDENT] = {"resident", "주민", "Resident"},
	[ROLE_SUPPORTER] = {"supporter", "서포터즈", "Supporter"},
	[ROLE_MEMBER] = {"member", "직원", "Member"},
	[ROLE_EXPERT] = {"expert", "지식전문가", "Knowledge expert"},
	[ROLE_JUDGE] = {"judge", "심사위원", "Judge"},
	[ROLE_EVALUATOR] = {"evaluator", "평가위원", "Evaluator"},
	[ROLE_MANAGER] = {"manager", "부서 혁신담당자", "Manager"},
	[ROLE_ADMIN] = {"admin", "기관 관리자", "Administrator"},
	[ROLE_COUNT] = {NULL, NULL, NULL},
};

const char *role_name(enum role r)
{
	return role_choices[r].value;
}

const char *role_label(enum role r)
{
	return role_choices[r].label;
}

int role_parse(const char *name)
{
	for (int r = ROLE_RESIDENT; r < ROLE_COUNT; r++)
		if (!strcmp(role_choices[r].value, name))
			return r;
	return -1;
}

int perm_scope_sql(const struct principal *p, const char *entity, const char *org_col,
		   const char *dept_col, const char *id_col, struct buf *sql,
		   const char *params[PERM_SCOPE_PARAMS])
{
	int n = 0;
	buf_printf(sql, "%s = ?", org_col);
	params[n++] = p->org_text;
	switch (p->role) {
	case ROLE_ADMIN:
	case ROLE_MEMBER:
	case ROLE_SUPPORTER: break;
	case ROLE_MANAGER:
		if (dept_col) {
			buf_printf(sql, " AND %s IN " DEPT_SUBTREE, dept_col);
			params[n++] = p->dept_text;
			params[n++] = p->org_text;
			params[n++] = p->dept_lo;
			params[n++] = p->dept_hi;
		}
		break;
	case ROLE_EXPERT:
	case ROLE_JUDGE:
	case ROLE_EVALUATOR:
		buf_printf(sql,
			   " AND %s IN (SELECT record_id FROM user_assignments WHERE user_id = ? "
			   "AND entity = ?)",
			   id_col);
		params[n++] = p->user_text;
		params[n++] = entity;
		break;
	default: buf_puts(sql, " AND 1 = 0");
	}
	return n;
}

int role_assigned(struct db_conn *c, int64_t user, const char *entity, struct assigned_ids *out)
{
	*out = (struct assigned_ids){0};
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT record_id FROM user_assignments WHERE user_id = ? AND "
			    "entity = ? ORDER BY record_id",
			    "it", user, entity);
	size_t cap = 0;
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			out->ids = xrealloc(out->ids, cap * sizeof *out->ids);
		}
		out->ids[out->n++] = db_column_int(s, 0);
	}
	db_finalize(s);
	if (rc == DB_OK)
		return 0;
	role_assigned_free(out);
	return -1;
}

int role_assigned_has(const struct assigned_ids *a, int64_t id)
{
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->ids[mid] == id)
			return 1;
		if (a->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void role_assigned_free(struct assigned_ids *a)
{
	free(a->ids);
	*a = (struct assigned_ids){0};
}
