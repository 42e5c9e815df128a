/* demo_items.c: the demo's item banks (data/items/, embedded in the binary) */
#include "util/common.h"
#include "svc/auth.h"
#include "svc/demo.h"
#include "svc/items_import.h"

static const char *const banks[] = {"6-31-01-03-L4", "4-03-02-01-L5"};

int demo_items(db *d, int64_t *added, err *e)
{
	principal sys;
	principal_system(&sys, "demo");
	*added = 0;
	for (size_t i = 0; i < ARRAY_LEN(banks); i++) {
		int64_t n = 0;
		if (items_bank_seed(d, &sys, banks[i], &n, e) != 0)
			return -1;
		*added += n;
	}
	return 0;
}
