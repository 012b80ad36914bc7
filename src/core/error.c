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
	[ERR_TOO_MANY_PARAMS] = {400, "too_many_params", "입력값 초과",
				 "입력 항목의 수나 길이가 허용 범위를 넘었습니다.",
				 "Too many parameters, or a parameter is too long."},
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
	[ERR_INTERNAL] = {500, "internal_error", "서버 오류",
			  "서버 내부 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
			  "An internal error occurred."},
	[ERR_DB_UNAVAILABLE] = {503, "db_unavailable", "일시적으로 사용할 수 없습니다",
				"데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
				"The database is unavailable."},
};

const struct err_info *err_info(enum err e)
{
	assert(e >= 0 && e < ERR_COUNT);
	return &table[e];
}
