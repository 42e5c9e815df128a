#include "util/err.h"
#include <stdarg.h>

int err_set(err *e, int status, const char *code, const char *field, const char *zh_fmt, const char *en_fmt,
	    ...)
{
	va_list ap;
	e->status = status;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	/* the Chinese format may use fewer conversions than the English one; both get the same arguments */
	va_start(ap, en_fmt);
	vsnprintf(e->en, sizeof e->en, en_fmt, ap);
	va_end(ap);
	va_start(ap, en_fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(e->zh, sizeof e->zh, zh_fmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return -1;
}

void err_clear(err *e)
{
	memset(e, 0, sizeof *e);
}
