/* cli.c: see cli.h.  Messages go to standard error in Korean and English;
 * standard output carries only what a script wants (an id, a link, a token). */
#include "auth/cli.h"

#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/users.h"
#include "db/db.h"

static const struct audit_actor shell = {0, 0, "system", NULL};

/* Reads one line (without its newline) from standard input into buf. */
static int read_password(char *buf, size_t len)
{
	if (!fgets(buf, (int)len, stdin))
		return -1;
	size_t n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == len - 1)
		return -1; /* longer than any password we accept */
	buf[n] = '\0';
	return 0;
}

static struct db_conn *conn(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	if (!c)
		fprintf(stderr, "innoland: 데이터베이스에 연결할 수 없습니다 (cannot connect)\n");
	return c;
}

int cli_user_add(struct db *db, const struct account_options *o)
{
	if (!o->org || !o->login || !o->name || !o->role) {
		fprintf(stderr,
			"innoland user add: --org, --login, --name, --role 가 필요합니다\n");
		return 2;
	}
	char pw[PASSWORD_MAX + 2];
	if (o->password_stdin && read_password(pw, sizeof pw) != 0) {
		fprintf(stderr,
			"innoland user add: 비밀번호를 읽지 못했습니다 (64자 이하 한 줄)\n");
		return 1;
	}
	struct db_conn *c = conn(db);
	if (!c)
		return 1;
	int rc = 1;
	const char *why = NULL;
	int64_t org = org_find(c, o->org);
	struct audit_actor by = shell;
	by.org_id = org;
	int64_t id = org > 0 ? user_create(c, &by, org, o->login, o->name, o->role,
					   o->password_stdin ? pw : NULL, &why)
			     : -1;
	char token[TOKEN_LEN + 1];
	if (org == 0)
		fprintf(stderr,
			"innoland user add: 기관 코드 %s 가 없습니다 (no such organisation; "
			"innoland org add)\n",
			o->org);
	else if (id == 0)
		fprintf(stderr, "innoland user add: %s\n", why);
	else if (id < 0)
		fprintf(stderr, "innoland user add: 저장하지 못했습니다: %s\n", db_errmsg(c));
	else if (!o->password_stdin && setup_link_create(c, &by, id, token) != 0)
		fprintf(stderr, "innoland user add: 설정 링크를 만들지 못했습니다\n");
	else {
		if (o->password_stdin)
			printf("%lld\n", (long long)id);
		else
			printf("%s/setup/%s\n", o->listen, token);
		rc = 0;
	}
	db_release(c);
	return rc;
}

int cli_token_create(struct db *db, const struct account_options *o)
{
	if (!o->login) {
		fprintf(stderr, "innoland token create: --login 이 필요합니다\n");
		return 2;
	}
	struct db_conn *c = conn(db);
	if (!c)
		return 1;
	int rc = 1;
	char token[TOKEN_LEN + 1];
	int64_t uid = user_find(c, o->login);
	struct audit_actor by = shell;
	int found = DB_ERR;
	by.org_id =
		uid > 0 ? db_int(c, &found, 0, "SELECT org_id FROM users WHERE id = ?", "i", uid)
			: 0;
	if (uid < 0 || (uid > 0 && found != DB_ROW))
		fprintf(stderr, "innoland token create: %s\n", db_errmsg(c));
	else if (uid == 0)
		fprintf(stderr, "innoland token create: 아이디 %s 가 없습니다 (no such login)\n",
			o->login);
	else if (api_token_create(c, &by, uid, o->token ? o->token : "command line", token) < 0)
		fprintf(stderr, "innoland token create: 저장하지 못했습니다: %s\n", db_errmsg(c));
	else {
		printf("%s\n", token);
		rc = 0;
	}
	db_release(c);
	return rc;
}

int cli_org_add(struct db *db, const struct account_options *o)
{
	if (!o->org || !o->name || strlen(o->org) > 16 || user_check_name(o->name)) {
		fprintf(stderr,
			"innoland org add: --org CODE (16자 이하)와 --name NAME 이 필요합니다\n");
		return 2;
	}
	struct db_conn *c = conn(db);
	if (!c)
		return 1;
	int rc = 1;
	if (org_find(c, o->org) != 0)
		fprintf(stderr, "innoland org add: 기관 코드 %s 가 이미 있습니다\n", o->org);
	else if (db_begin(c) != DB_OK ||
		 db_run(c, NULL, "INSERT INTO organisations (code, name) VALUES (?, ?)", "tt",
			o->org, o->name) != DB_OK ||
		 audit_append(c, &shell, "create", "organisations", o->org, NULL) != 0 ||
		 db_commit(c) != DB_OK) {
		db_rollback(c);
		fprintf(stderr, "innoland org add: 저장하지 못했습니다: %s\n", db_errmsg(c));
	} else {
		printf("%lld\n", (long long)org_find(c, o->org));
		rc = 0;
	}
	db_release(c);
	return rc;
}

int cli_audit_verify(struct db *db)
{
	char report[1024];
	int rc = audit_verify(db, report, sizeof report);
	printf("%s\n", report);
	return rc == 0 ? 0 : 1;
}

int cli_first_admin(struct db *db, char *path, size_t len)
{
	path[0] = '\0';
	struct db_conn *c = conn(db);
	if (!c)
		return -1;
	int rc;
	int64_t ready = db_int(c, &rc, 0,
			       "SELECT COUNT(*) FROM users WHERE role = 'admin' AND password_hash "
			       "IS NOT NULL AND archived_at IS NULL",
			       "");
	int found;
	int64_t org = db_int(c, &found, 0, "SELECT MIN(id) FROM organisations", "");
	if (rc != DB_ROW || found != DB_ROW) {
		db_release(c);
		return -1;
	}
	int64_t id = ready == 0 ? user_find(c, "admin") : -2;
	const char *why = NULL;
	struct audit_actor by = shell;
	by.org_id = org;
	if (id == 0)
		id = user_create(c, &by, org, "admin", "관리자", "admin", NULL, &why);
	char token[TOKEN_LEN + 1];
	int ok = id == -2 || (id > 0 && setup_link_create(c, &by, id, token) == 0);
	if (ok && id > 0)
		snprintf(path, len, "/setup/%s", token);
	db_release(c);
	return ok ? 0 : -1;
}
