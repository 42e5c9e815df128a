/* err.h: errors are values. A failing function fills an `err` and returns -1 (or NULL); the caller either
 * handles it or passes it up unchanged. The HTTP layer renders it as
 *   {"error":{"code":..., "message":..., "message_zh":..., "message_en":..., "field":...}}
 * with `status` as the HTTP status; the CLI prints `jineng: <message> (<where>)`.
 * `code` is a stable machine-readable string (API.md); messages are for people, in Chinese and English. */
#ifndef JINENG_ERR_H
#define JINENG_ERR_H

#include "util/common.h"

typedef struct err {
	int status;	  /* HTTP status the API answers with; 0 while there is no error */
	const char *code; /* static string, e.g. "invalid_id_number" */
	char field[64];	  /* the offending input field, or "" */
	char zh[320];
	char en[320];
} err;

/* err_set: fills `e` and returns -1. zh_fmt and en_fmt take the same arguments in the same order. */
int err_set(err *e, int status, const char *code, const char *field, const char *zh_fmt, const char *en_fmt,
	    ...) __attribute__((format(printf, 6, 7)));
void err_clear(err *e);
static inline bool err_isset(const err *e)
{
	return e->status != 0;
}

/* Shorthands for the common cases. */
#define ERR_BAD_REQUEST(e, field, zh, en) err_set((e), 400, "bad_request", (field), "%s", "%s", (zh), (en))
#define ERR_INTERNAL(e, en_detail)                                                                           \
	err_set((e), 500, "internal", NULL, "服务器内部错误", "internal error: %s", (en_detail))

#endif
