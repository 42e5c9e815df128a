/* The one place the date rules read the clock. */
#include "core/date.h"
#include <time.h>

static _Thread_local int today_override;

void date_set_today(int ymd)
{
	today_override = ymd;
}

int date_today_utc8(void)
{
	if (today_override)
		return today_override;
	time_t t = time(NULL) + 8 * 3600;
	return date_from_days((long)(t / 86400));
}
