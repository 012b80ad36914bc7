/*
 * backup.c: `innoland backup FILE` and `innoland restore FILE` over the
 * driver table: what both drivers share (never overwrite, never leave a half
 * file, restore only into an empty database) is here; how a database is
 * copied is the driver's (SQLite's backup API, pg_dump and pg_restore).
 *
 * Invariants: a backup is written to "FILE.part", synced, then renamed to
 * FILE, so FILE exists only complete.  Memory: nothing outlives a call.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db_int.h"

/* 0 if the file at path reached the disk. */
static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	int rc = fd >= 0 ? fsync(fd) : -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

int db_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		snprintf(err, errlen, "%s: 이미 있는 파일입니다. 덮어쓰지 않습니다 (file exists)",
			 path);
		return -1;
	}
	char part[4096];
	if ((size_t)snprintf(part, sizeof part, "%s.part", path) >= sizeof part) {
		snprintf(err, errlen, "파일 이름이 너무 깁니다 (path too long)");
		return -1;
	}
	unlink(part); /* left by a backup that died */
	struct db_conn *c = db_acquire(db);
	int rc = c ? c->drv->backup(c, db_url(db), part, err, errlen) : -1;
	if (!c)
		snprintf(err, errlen, "데이터베이스에 연결할 수 없습니다 (cannot connect)");
	db_release(c);
	if (rc == 0 && (sync_file(part) != 0 || rename(part, path) != 0)) {
		snprintf(err, errlen, "%s: 백업 파일을 저장하지 못했습니다 (cannot write)", path);
		rc = -1;
	}
	if (rc != 0)
		unlink(part);
	return rc;
}

const char *db_backup_format(const struct db *db)
{
	struct db_conn *c = db_acquire((struct db *)db);
	const char *format = c ? c->drv->backup_format : "";
	db_release(c);
	return format;
}

int db_restore(struct db *db, const char *path, char *err, size_t errlen)
{
	if (access(path, R_OK) != 0) {
		snprintf(err, errlen, "%s: 읽을 수 없는 파일입니다 (cannot read)", path);
		return -1;
	}
	struct db_conn *c = db_acquire(db);
	if (!c) {
		snprintf(err, errlen, "데이터베이스에 연결할 수 없습니다 (cannot connect)");
		return -1;
	}
	int rc = DB_OK;
	int64_t tables = db_int(c, &rc, -1, c->drv->tables_sql, "");
	if (rc != DB_ROW)
		snprintf(err, errlen, "대상 데이터베이스를 읽을 수 없습니다: %s", db_errmsg(c));
	else if (tables > 0)
		snprintf(err, errlen,
			 "대상 데이터베이스가 비어 있지 않습니다 (표 %lld개). 빈 데이터베이스에만 "
			 "복원합니다 (the target database is not empty)",
			 (long long)tables);
	int ok = rc == DB_ROW && tables == 0 &&
		 c->drv->restore(c, db_url(db), path, err, errlen) == 0;
	db_release(c);
	return ok ? 0 : -1;
}
