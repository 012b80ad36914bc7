/* role.c: role names and the scope filter of lists; see role.h. */
#include "auth/role.h"

#include <string.h>

#include "auth/session.h"
#include "core/buf.h"

static const struct {
	const char *name;  /* stable, stored in users.role */
	const char *label; /* Korean, shown */
} roles[ROLE_COUNT] = {
	[ROLE_ANONYMOUS] = {"anonymous", "비로그인"},
	[ROLE_RESIDENT] = {"resident", "주민"},
	[ROLE_SUPPORTER] = {"supporter", "서포터즈"},
	[ROLE_MEMBER] = {"member", "직원"},
	[ROLE_EXPERT] = {"expert", "지식전문가"},
	[ROLE_JUDGE] = {"judge", "심사위원"},
	[ROLE_EVALUATOR] = {"evaluator", "평가위원"},
	[ROLE_MANAGER] = {"manager", "부서 혁신담당자"},
	[ROLE_ADMIN] = {"admin", "기관 관리자"},
};

const char *role_name(enum role r)
{
	return roles[r].name;
}

const char *role_label(enum role r)
{
	return roles[r].label;
}

int role_parse(const char *name)
{
	for (int r = ROLE_RESIDENT; r < ROLE_COUNT; r++)
		if (!strcmp(roles[r].name, name))
			return r;
	return -1;
}

int perm_scope_sql(const struct principal *p, const char *entity, const char *org_col,
		   const char *dept_col, const char *id_col, struct buf *sql, const char *params[3])
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
			buf_printf(sql,
				   " AND %s IN (SELECT id FROM departments WHERE path || id || '/' "
				   ">= ? AND path || id || '/' < ?)",
				   dept_col);
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
