/* demo_card.c: 山东惠才卡 in the demo province (docs/DOMAIN.md §44), through the same use cases as the API.
 * The first two persons who work at 济南演示…有限公司 (jinan_ent_admin's enterprise) get a 齐鲁工匠 honour
 * imported by 济南 with its source and a candidate account: `qilu_craftsman` applies, the enterprise's
 * 单位专员
 * (`jinan_ent_staff`) completes, the enterprise approves, 济南 passes the first review and the province
 * issues the card; 济南演示人民医院, a provider of 医疗保健 with the published demo key DEMO_HOSPITAL_KEY,
 * records one use. `qilu_craftsman2`'s application waits on 济南's first review. Made once (when no card
 * exists yet). */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/incentive/card.h"

static int account(db *d, const principal *sys, const char *username, const char *role, const char *what,
		   int64_t inst, int64_t person, err *e)
{
	struct user_input in = {.username = username,
				.password = DEMO_PASSWORD,
				.role = role,
				.display_name = what,
				.institution_id = inst,
				.person_id = person};
	int64_t id;
	return user_create(d, sys, &in, &id, e);
}

static int step(db *d, const principal *p, int64_t app, const char *to, const char *note, err *e)
{
	return card_app_move(d, p, app, to, note, e);
}

int demo_card(db *d, const principal *sys, int64_t ent, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM talent_cards", DB_NOARGS, &n, e) != DB_OK)
		return -1;
	if (n > 0)
		return 0;
	int64_t pid[2] = {0, 0};
	db_stmt *st =
		db_query(d,
			 "SELECT p.id FROM persons p WHERE p.employer_id = $1 AND NOT EXISTS (SELECT 1 FROM "
			 "users u WHERE u.person_id = p.id) ORDER BY p.id LIMIT 2",
			 DB_ARGS(DV_I(ent)), e);
	int k = 0;
	while (st && db_step(st) == DB_ROW && k < 2)
		pid[k++] = db_int(st, 0);
	db_done(st);
	if (!st)
		return -1;
	if (k < 2) /* a demo too small to have two workers of the enterprise goes without the card */
		return 0;
	principal city = {.role = ROLE_CITY_ADMIN, .username = "demo"};
	snprintf(city.region, sizeof city.region, "3701");
	principal staff = {.role = ROLE_INSTITUTION_STAFF, .institution_id = ent, .username = "demo"};
	principal admin = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = ent, .username = "demo"};
	if (account(d, sys, "jinan_ent_staff", "institution_staff", "济南演示企业单位专员（惠才卡）", ent, 0,
		    e) ||
	    account(d, sys, "qilu_craftsman", "candidate", "齐鲁工匠（惠才卡持卡人）", 0, pid[0], e) ||
	    account(d, sys, "qilu_craftsman2", "candidate", "齐鲁工匠（惠才卡申请中）", 0, pid[1], e))
		return -1;
	for (int i = 0; i < 2; i++) {
		struct honour_input h = {.kind = "qilu_craftsman",
					 .title = i ? "2025 年齐鲁工匠" : "2024 年齐鲁工匠",
					 .awarded_on = i ? "2025-04-28" : "2024-04-28",
					 .source = "演示：山东省总工会齐鲁工匠名单（导入）"};
		bool created;
		json_t *o = honour_add(d, &city, pid[i], &h, &created, e);
		if (!o)
			return -1;
		json_decref(o);
		principal me = {.role = ROLE_CANDIDATE, .person_id = pid[i], .username = "demo"};
		json_t *app = card_apply(d, &me, "qilu_craftsman", e);
		if (!app)
			return -1;
		int64_t id = json_integer_value(json_object_get(app, "id"));
		json_decref(app);
		if (step(d, &staff, id, "completed", "已核实荣誉证书与劳动合同", e) ||
		    step(d, &admin, id, "approved", NULL, e))
			return -1;
		if (i == 1)
			break;
		if (step(d, &city, id, "reviewed", NULL, e) || step(d, sys, id, "issued", NULL, e))
			return -1;
	}
	const char *svcs[] = {"s05"};
	json_t *pr = card_provider_create_keyed(d, sys, "济南演示人民医院", "370102", svcs, 1,
						DEMO_HOSPITAL_KEY, e);
	if (!pr)
		return -1;
	json_decref(pr);
	char number[32] = "";
	st = db_query(d, "SELECT number FROM talent_cards WHERE person_id = $1", DB_ARGS(DV_I(pid[0])), e);
	if (st && db_step(st) == DB_ROW)
		snprintf(number, sizeof number, "%s", db_text(st, 0));
	db_done(st);
	if (!st)
		return -1;
	principal anon = {.role = ROLE_PUBLIC};
	json_t *u =
		card_use_record(d, &anon, DEMO_HOSPITAL_KEY, number, "s05", "专家门诊绿色通道（演示）", e);
	if (!u)
		return -1;
	json_decref(u);
	return 0;
}
