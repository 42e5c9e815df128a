/* demo_open_data.c: 开放数据 in the demo province (docs/DOMAIN.md §47): the province has published the last
 * finished quarter's certificates by city and evaluations passed by city, so /open-data shows tables (the
 * demo's counts are small: most cells are hidden, as the rule wants). Runs after every other part, so the
 * counters hold the demo's certificates and results. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/stats/open_data.h"

int demo_open_data(db *d, const principal *sys, err *e)
{
	int today = date_today_utc8(), y = today / 10000, q = ((today / 100) % 100 + 2) / 3;
	/* the quarter before this one */
	if (--q == 0) {
		q = 4;
		y--;
	}
	char period[16];
	snprintf(period, sizeof period, "%04d-Q%d", y % 10000, q);
	static const char *const sets[] = {"certificates-by-city", "passed-by-city"};
	for (size_t i = 0; i < ARRAY_LEN(sets); i++) {
		int64_t id = 0;
		if (open_data_publish(d, sys, sets[i], period, 0, &id, e) != 0)
			return -1;
	}
	return 0;
}
