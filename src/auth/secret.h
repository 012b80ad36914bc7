/*
 * secret.h: passwords and tokens.  Passwords are hashed with argon2id
 * (libsodium's crypto_pwhash_str); tokens are 256 random bits written in
 * base64url, and only their SHA-256 is ever stored, so a copy of the
 * database signs nobody in.
 *
 * The password policy follows the Korean public-sector guidance (KISA's
 * 패스워드 선택 및 이용 안내서): at least 10 characters of two kinds, or 8 of
 * three kinds (upper case, lower case, digits, symbols); no run of four
 * identical or consecutive characters; not containing the login; not the
 * current password.
 */
#ifndef INNOLAND_SECRET_H
#define INNOLAND_SECRET_H

#include <stddef.h>

#define PASSWORD_MAX	  64  /* longest password accepted, in bytes */
#define PASSWORD_HASH_LEN 128 /* room for an argon2id string, with its NUL */
#define TOKEN_LEN	  43  /* base64url of 32 bytes, unpadded */
#define TOKEN_HASH_LEN	  64  /* hex SHA-256 */

/* Call once before anything else here; 0 on success. */
int secret_init(void);

/*
 * NULL when pw may be used by login, else the Korean reason it may not.
 * current_hash (may be NULL) is the account's present password hash.
 */
const char *password_policy(const char *pw, size_t len, const char *login,
			    const char *current_hash);

/* Hashes pw into out; 0 on success, -1 if out of memory (argon2id). */
int password_hash(const char *pw, size_t len, char out[PASSWORD_HASH_LEN]);
/* 1 if pw matches hash, 0 otherwise (a malformed hash never matches). */
int password_verify(const char *hash, const char *pw, size_t len);

/* A fresh random token, NUL-terminated. */
void token_new(char out[TOKEN_LEN + 1]);
/* The hex SHA-256 of a token, NUL-terminated; what the database stores. */
void token_hash(const char *token, size_t len, char out[TOKEN_HASH_LEN + 1]);
/* 1 if a and b are equal, taking the same time wherever they differ. */
int secret_equal(const char *a, const char *b, size_t len);

#endif
