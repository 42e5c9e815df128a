/* handlers.h: the auth domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_AUTH_HANDLERS_H
#define JINENG_API_AUTH_HANDLERS_H

#include "http/req.h"

int h_captcha(req *r);
int h_login(req *r);
int h_prefs_get(req *r);
int h_prefs_put(req *r);
int h_login_log(req *r);
int h_logout(req *r);
int h_me(req *r);
int h_password(req *r);
int h_user_unlock(req *r);
int h_users_create(req *r);
int h_users_get(req *r);
int h_users_list(req *r);
int h_users_update(req *r);

#endif
