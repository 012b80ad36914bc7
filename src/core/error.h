/*
 * error.h: every error InnoLand reports, in one table (error.c): its HTTP
 * status, a stable API code and a message in Korean and English.
 *
 * Functions return an enum err; the HTTP layer renders it once, as an HTML
 * page or {"error": {"code", "message"}}.  The API codes are a contract with
 * API clients: never rename one, add a new one.
 */
#ifndef INNOLAND_ERROR_H
#define INNOLAND_ERROR_H

enum err {
	ERR_OK = 0,
	ERR_BAD_REQUEST,
	ERR_BAD_ENCODING,
	ERR_BAD_UTF8,
	ERR_BAD_PATH,
	ERR_BAD_JSON,
	ERR_BAD_PARAM, /* a query parameter a page declares is malformed */
	ERR_TOO_MANY_PARAMS,
	ERR_UNAUTHORIZED,
	ERR_LOGIN_REQUIRED,
	ERR_BAD_CREDENTIALS,
	ERR_FORBIDDEN,
	ERR_CSRF,
	ERR_PASSWORD_CHANGE,
	ERR_NOT_FOUND,
	ERR_METHOD,
	ERR_TOO_LARGE,
	ERR_URI_TOO_LONG,
	ERR_UNSUPPORTED_MEDIA,
	ERR_INVALID,
	ERR_LOCKED,
	ERR_THROTTLED,
	ERR_GONE,
	ERR_CONFLICT,
	ERR_INTERNAL,
	ERR_DB_UNAVAILABLE,
	ERR_BUSY, /* a write waited past the database's lock timeout: try again */
	ERR_COUNT
};

struct err_info {
	int status;		/* HTTP status */
	const char *code;	/* stable API code, snake_case */
	const char *title;	/* short Korean title for the error page */
	const char *message;	/* Korean message shown to people */
	const char *message_en; /* the English message */
	int retry_after;	/* seconds a client should wait before trying again, sent as
				   Retry-After; 0: none */
};

const struct err_info *err_info(enum err e);

#endif
