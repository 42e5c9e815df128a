/* demo_targets.c: 目标任务 in the demo province (docs/DOMAIN.md §67). The province's six targets come with
 * the migration (065, from the seeds with their sentences) and their progress is counted from what the demo
 * holds; this adds one target of 济南 set by 济南's bureau (jinan_admin), so a city's dashboard shows a
 * target of its own: its 企业新型学徒 from 2024 to the end of 2027. The value is the demo's, not the seeds'
 * (its source says so). Made once (demo_seed runs once). */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/stats/targets.h"

int demo_targets(db *d, err *e)
{
	principal jinan;
	if (demo_login(d, "jinan_admin", &jinan, e) != 0)
		return -1;
	struct target_input in = {
		.code = "apprentices_2027",
		.name = "济南市企业新型学徒职工培养",
		.region_code = "370100",
		.metric = "apprentice.trained",
		.period = "deadline",
		.baseline_on = "2024-01-01",
		.deadline = "2027-12-31",
		.source = "演示数据：济南市企业新型学徒制工作目标（演示用，非种子数据；全省目标见种子 003 "
			  "第5条）",
		.gaps = "",
		.value = 5000,
		.baseline_value = 0,
		.tolerance_pct = 5,
	};
	json_t *o = target_create(d, &jinan, &in, e);
	if (!o)
		return -1;
	json_decref(o);
	return 0;
}
