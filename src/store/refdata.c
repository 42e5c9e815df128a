#include "util/common.h"
#include "store/refdata.h"

const char *refdata_get(const char *name)
{
	for (const struct embedded_file *f = refdata_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f->text;
	return NULL;
}
