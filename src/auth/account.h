/* account.h: handlers of the sign-in and account pages (account.c) and the
 * administrator's pages (admin.c). */
#ifndef INNOLAND_ACCOUNT_H
#define INNOLAND_ACCOUNT_H

#include "http/router.h"

handler_fn page_login, page_login_post, page_logout;
handler_fn page_password, page_password_post;
handler_fn page_setup, page_setup_post;
handler_fn page_me, page_tokens, page_tokens_post, page_token_revoke;
handler_fn page_admin_users, page_admin_user, page_admin_unlock, page_admin_audit;

#endif
