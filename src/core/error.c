/* error.c: the one table of errors; see error.h. */
#include "core/error.h"

#include <assert.h>

static const struct err_info table[ERR_COUNT] = {
	[ERR_OK] = {200, "ok", "정상", "요청을 처리했습니다.", "The request succeeded."},
	[ERR_BAD_REQUEST] = {400, "bad_request", "잘못된 요청",
			     "요청 형식이 올바르지 않아 처리할 수 없습니다.",
			     "The request is malformed."},
	[ERR_BAD_ENCODING] = {400, "bad_encoding", "잘못된 인코딩",
			      "주소나 입력값의 퍼센트(%) 인코딩이 올바르지 않습니다.",
			      "The URL or form data has invalid percent-encoding."},
	[ERR_BAD_UTF8] = {400, "invalid_utf8", "잘못된 문자",
			  "주소나 입력값에 올바르지 않은 UTF-8 문자가 있습니다.",
			  "The URL or form data is not valid UTF-8."},
	[ERR_BAD_PATH] = {400, "bad_path", "잘못된 주소",
			  "주소에 허용되지 않는 경로(.., 빈 문자 등)가 있습니다.",
			  "The path contains a forbidden segment such as '..'."},
	[ERR_BAD_PARAM] = {400, "bad_parameter", "잘못된 조건",
			   "주소의 조회 조건이 올바르지 않습니다.",
			   "A query parameter is malformed."},
	[ERR_BAD_JSON] =
		{400, "bad_json", "잘못된 JSON",
		 "요청 본문이 올바른 JSON 객체가 아닙니다 (같은 키가 두 번 있어도 안 됩니다).",
		 "The body is not a valid JSON object (or repeats a key)."},
	[ERR_TOO_MANY_PARAMS] = {400, "too_many_params", "입력값 초과",
				 "입력 항목의 수나 길이가 허용 범위를 넘었습니다.",
				 "Too many parameters, or a parameter is too long."},
	[ERR_UNAUTHORIZED] = {401, "unauthorized", "인증이 필요합니다",
			      "API 토큰이 없거나 올바르지 않습니다.",
			      "The API token is missing or invalid."},
	[ERR_LOGIN_REQUIRED] = {401, "login_required", "로그인이 필요합니다",
				"이 페이지는 로그인한 뒤에 볼 수 있습니다.",
				"Sign in to see this page."},
	[ERR_BAD_CREDENTIALS] = {401, "bad_credentials", "로그인하지 못했습니다",
				 "아이디 또는 비밀번호가 올바르지 않습니다.",
				 "The login or the password is wrong."},
	[ERR_FORBIDDEN] = {403, "forbidden", "권한이 없습니다",
			   "이 페이지나 기능을 사용할 권한이 없습니다.",
			   "You are not allowed to do this."},
	[ERR_CSRF] =
		{403, "csrf_failed", "요청을 확인할 수 없습니다",
		 "보안 확인값(CSRF)이 없거나 만료되었습니다. 페이지를 새로 고친 뒤 다시 시도해 "
		 "주세요.",
		 "The form's security token is missing or stale; reload and try again."},
	[ERR_PASSWORD_CHANGE] = {403, "password_change_required", "비밀번호를 바꿔야 합니다",
				 "처음 로그인했거나 비밀번호를 초기화했습니다. 새 비밀번호를 정해 "
				 "주세요.",
				 "Choose a new password before going on."},
	[ERR_NOT_FOUND] = {404, "not_found", "페이지를 찾을 수 없습니다",
			   "요청한 주소의 페이지가 없습니다. 주소를 다시 확인해 주세요.",
			   "No page exists at this address."},
	[ERR_METHOD] = {405, "method_not_allowed", "허용되지 않는 요청 방식",
			"이 주소에서는 허용되지 않는 요청 방식입니다.",
			"This method is not allowed at this address."},
	[ERR_TOO_LARGE] = {413, "payload_too_large", "요청 본문이 너무 큽니다",
			   "보낸 자료가 허용된 크기를 넘었습니다.",
			   "The request body exceeds the size limit."},
	[ERR_URI_TOO_LONG] = {414, "uri_too_long", "주소가 너무 깁니다",
			      "요청 주소가 허용된 길이를 넘었습니다.", "The URL is too long."},
	[ERR_UNSUPPORTED_MEDIA] = {415, "unsupported_media_type", "지원하지 않는 형식",
				   "이 주소는 보낸 자료의 형식(Content-Type)을 받지 않습니다.",
				   "This address does not accept the request's content type."},
	[ERR_INVALID] = {422, "invalid_input", "입력값을 확인해 주세요",
			 "입력한 값 중 올바르지 않은 항목이 있습니다.",
			 "Some fields are not valid."},
	[ERR_LOCKED] =
		{423, "account_locked", "계정이 잠겼습니다",
		 "로그인에 여러 번 실패하여 계정이 잠겼습니다. 관리자에게 잠금 해제를 요청해 "
		 "주세요.",
		 "The account is locked after repeated failures; ask an administrator."},
	[ERR_THROTTLED] = {429, "too_many_attempts", "잠시 후 다시 시도해 주세요",
			   "로그인 실패가 반복되어 잠시 동안 로그인할 수 없습니다.",
			   "Too many failed attempts; wait a moment before trying again."},
	[ERR_GONE] = {410, "link_expired", "만료된 링크입니다",
		      "이미 사용했거나 유효 기간이 지난 링크입니다. 관리자에게 새 링크를 요청해 "
		      "주세요.",
		      "This link was used already or has expired."},
	[ERR_CONFLICT] = {409, "conflict", "할 수 없는 작업입니다",
			  "이 항목의 지금 상태로는 요청한 작업을 할 수 없습니다.",
			  "The record's present state does not allow this."},
	[ERR_INTERNAL] = {500, "internal_error", "서버 오류",
			  "서버 내부 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
			  "An internal error occurred."},
	[ERR_DB_UNAVAILABLE] = {503, "db_unavailable", "일시적으로 사용할 수 없습니다",
				"데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
				"The database is unavailable.", 5},
	[ERR_BUSY] =
		{503, "busy", "잠시 후 다시 시도해 주세요",
		 "다른 저장 작업이 많아 지금은 저장하지 못했습니다. 아무것도 저장되지 않았으니 "
		 "잠시 후 다시 시도해 주세요.",
		 "Other writes held the database; nothing was saved. Try again shortly.", 1},
};

const struct err_info *err_info(enum err e)
{
	assert(e >= 0 && e < ERR_COUNT);
	return &table[e];
}
