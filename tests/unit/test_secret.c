/* test_secret.c: the password policy, password hashing and tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/role.h"
#include "auth/secret.h"

static const char *policy(const char *pw, const char *login)
{
	return password_policy(pw, strlen(pw), login, NULL);
}

static void policy_follows_the_kisa_rules(void **state)
{
	assert_null(policy("Hyeoksin#2026", "admin"));		/* 4 kinds, 13 chars */
	assert_null(policy("hyeoksin2026", "admin"));		/* 2 kinds, 12 chars */
	assert_null(policy("Hyeok#26", "admin"));		/* 4 kinds, 8 chars */
	assert_non_null(policy("hyeok2026", "admin"));		/* 2 kinds, 9 chars: too short */
	assert_non_null(policy("Hye#26a", "admin"));		/* 7 chars */
	assert_non_null(policy("hyeoksinhyeoksin", "admin"));	/* 1 kind */
	assert_non_null(policy("Passw0rd!aaaa", "admin"));	/* aaaa */
	assert_non_null(policy("Xy#1234567", "admin"));		/* 1234 */
	assert_non_null(policy("Xy#dcba5678", "admin"));	/* dcba */
	assert_non_null(policy("Kim.Member#26", "kim.member")); /* contains the login */
	assert_non_null(password_policy("\xff\xfe#Abc1234", 11, "x", NULL));
	char longest[PASSWORD_MAX + 2];
	memset(longest, 'a', sizeof longest);
	memcpy(longest, "Ab#1", 4);
	for (size_t i = 4; i < sizeof longest; i++)
		longest[i] = (char)('a' + (i % 2));
	assert_null(password_policy(longest, PASSWORD_MAX, "zz", NULL));
	assert_non_null(password_policy(longest, PASSWORD_MAX + 1, "zz", NULL));
	assert_string_equal(policy("abc", NULL),
			    "비밀번호는 영문 대문자·소문자·숫자·특수문자 중 2종류 "
			    "이상으로 10자 이상, 또는 3종류 이상으로 8자 이상이어야 "
			    "합니다.");
}

static void hashes_verify_and_refuse_reuse(void **state)
{
	char hash[PASSWORD_HASH_LEN];
	assert_int_equal(password_hash("Hyeoksin#2026", 13, hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(password_verify(hash, "Hyeoksin#2026", 13));
	assert_false(password_verify(hash, "Hyeoksin#2027", 13));
	assert_false(password_verify("plain text", "plain text", 10));
	assert_false(password_verify(NULL, "x", 1));
	assert_non_null(password_policy("Hyeoksin#2026", 13, "admin", hash));
	assert_null(password_policy("Gwacheon#88x", 12, "admin", hash));
}

static void tokens_are_random_and_hashed(void **state)
{
	char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1], ha[TOKEN_HASH_LEN + 1], hb[TOKEN_HASH_LEN + 1];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), TOKEN_LEN);
	assert_string_not_equal(a, b);
	assert_int_equal(
		strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
		TOKEN_LEN);
	token_hash(a, strlen(a), ha);
	token_hash(b, strlen(b), hb);
	assert_int_equal(strlen(ha), TOKEN_HASH_LEN);
	assert_string_not_equal(ha, hb);
	token_hash("abc", 3, ha);
	assert_string_equal(ha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_true(secret_equal("same", "same", 4));
	assert_false(secret_equal("same", "sane", 4));
}

static void roles_round_trip(void **state)
{
	for (int r = ROLE_RESIDENT; r < ROLE_COUNT; r++)
		assert_int_equal(role_parse(role_name((enum role)r)), r);
	assert_int_equal(role_parse("anonymous"), -1); /* nobody is stored as anonymous */
	assert_int_equal(role_parse("root"), -1);
	assert_true(ALLOW_STAFF & ROLE_BIT(ROLE_EXPERT));
	assert_false(ALLOW_STAFF & ROLE_BIT(ROLE_RESIDENT));
	assert_false(ALLOW_SIGNED_IN & ROLE_BIT(ROLE_ANONYMOUS));
}

int main(void)
{
	if (secret_init() != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(policy_follows_the_kisa_rules),
		cmocka_unit_test(hashes_verify_and_refuse_reuse),
		cmocka_unit_test(tokens_are_random_and_hashed),
		cmocka_unit_test(roles_round_trip),
	};
	return cmocka_run_group_tests_name("secret", tests, NULL, NULL);
}
