/* secret.c: see secret.h. */
#include "auth/secret.h"

#include <sodium.h>
#include <string.h>

#include "core/utf8.h"

int secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

/* Which of the four kinds of character pw uses, as a count. */
static int kinds(const char *pw, size_t len)
{
	int upper = 0, lower = 0, digit = 0, symbol = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)pw[i];
		if (c >= 'A' && c <= 'Z')
			upper = 1;
		else if (c >= 'a' && c <= 'z')
			lower = 1;
		else if (c >= '0' && c <= '9')
			digit = 1;
		else
			symbol = 1;
	}
	return upper + lower + digit + symbol;
}

/* 1 if four characters in a row are identical ("aaaa") or consecutive
 * ("1234", "abcd", "dcba"). */
static int has_run(const char *pw, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++) {
		int same = 1, up = 1, down = 1;
		for (size_t k = 1; k < 4; k++) {
			int d = (unsigned char)pw[i + k] - (unsigned char)pw[i + k - 1];
			same &= d == 0;
			up &= d == 1;
			down &= d == -1;
		}
		if (same || up || down)
			return 1;
	}
	return 0;
}

/* 1 if needle (case-insensitive, ASCII) occurs in hay. */
static int contains_ci(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; m >= 3 && i + m <= n; i++)
		if (!strncasecmp(hay + i, needle, m))
			return 1;
	return 0;
}

const char *password_policy(const char *pw, size_t len, const char *login, const char *current_hash)
{
	if (!utf8_valid(pw, len))
		return "비밀번호에 사용할 수 없는 문자가 있습니다.";
	if (len > PASSWORD_MAX)
		return "비밀번호는 64자를 넘을 수 없습니다.";
	int k = kinds(pw, len);
	if (k < 2 || (k == 2 && len < 10) || len < 8)
		return "비밀번호는 영문 대문자·소문자·숫자·특수문자 중 2종류 이상으로 10자 이상, "
		       "또는 3종류 이상으로 8자 이상이어야 합니다.";
	if (has_run(pw, len))
		return "같은 문자나 연속된 문자(예: aaaa, 1234)를 4개 이상 이어 쓸 수 없습니다.";
	if (login && contains_ci(pw, len, login))
		return "비밀번호에 아이디를 포함할 수 없습니다.";
	if (current_hash && password_verify(current_hash, pw, len))
		return "현재 비밀번호와 다른 비밀번호를 사용해야 합니다.";
	return NULL;
}

int password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_LEN])
{
	return crypto_pwhash_str(out, pw, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
		       ? 0
		       : -1;
}

int password_verify(const char *hash, const char *pw, size_t len)
{
	if (!hash || strncmp(hash, crypto_pwhash_STRPREFIX, strlen(crypto_pwhash_STRPREFIX)))
		return 0;
	return crypto_pwhash_str_verify(hash, pw, len) == 0;
}

void token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_hash(const char *token, size_t len, char out[TOKEN_HASH_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, len);
	sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof h);
}

int secret_equal(const char *a, const char *b, size_t len)
{
	return sodium_memcmp(a, b, len) == 0;
}
