/* demo_key_groups.c: 重点群体 drive subsidies and statistics (docs/DOMAIN.md §64) in the demo. 济南's bureau
 * imports a department's list (two demo workers: 退役军人 and 残疾人, and one row of a number nobody holds,
 * rejected), sets a 技能提升补贴 rule for 退役军人 (+300 元, labelled demo data: the seeds give no figure),
 * and files a claim at the window for the 退役军人, whose decision shows the key_group check; the board's
 * card by category counts it. The province then verifies 退役军人 flags (from 2024, demo data) of four demo
 * persons the rest of the demo gave the counters that have a person (an ended 齐鲁首席技师 with recovered
 * allowances, a competition medallist, a 特级/首席技师, the holder of a revoked certificate), so the card's
 * 证书撤销, 竞赛, 聘任, 评选 and 追回 columns are not empty: setting a flag moves the person's rows in. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/idnum.h"
#include "svc/registry/persons.h"
#include "svc/cultivation/groups.h"
#include "svc/cultivation/group_rules.h"
#include "svc/training/claims.h"

/* a valid resident number of 济南市历下区 born `ymd` with sequence `seq` */
static void id_of(const char *ymd, int seq, char out[19])
{
	char s17[18];
	snprintf(s17, sizeof s17, "370102%s%03d", ymd, seq % 1000);
	snprintf(out, 19, "%s%c", s17, idnum_check_char(s17));
}

/* the person the query names (0: none in this demo), verified 退役军人 from 2024-01-01 by the province */
static int flag_first(db *d, const principal *prov, const char *sql, err *e)
{
	int64_t person = 0;
	if (db_one_int(d, sql, DB_NOARGS, &person, e) != 0)
		return err_isset(e) ? -1 : 0;
	if (person <= 0)
		return 0;
	struct group_flag_input in = {.source = "verified",
				      .valid_from = "2024-01-01",
				      .evidence = "演示数据：退役军人身份核验（演示）"};
	json_t *r = group_flag_put(d, prov, person, "veteran", &in, e);
	json_decref(r);
	return r ? 0 : -1;
}

static int flag_counted_persons(db *d, err *e)
{
	principal prov;
	if (demo_login(d, "admin", &prov, e))
		return err_isset(e) ? -1 : 0;
	static const char *const firsts[] = {
		"SELECT COALESCE(MIN(person_id), 0) FROM selection_nominations WHERE status = 'ended' AND id "
		"IN "
		"(SELECT nomination_id FROM selection_payments WHERE status = 'recovered')",
		"SELECT COALESCE(MIN(en.person_id), 0) FROM competition_results r JOIN competition_entries "
		"en ON "
		"en.id = r.entry_id WHERE r.medal <> ''",
		"SELECT COALESCE(MIN(person_id), 0) FROM post_appointments",
		"SELECT COALESCE(MIN(person_id), 0) FROM certificates WHERE status = 'revoked'",
	};
	for (size_t i = 0; i < ARRAY_LEN(firsts); i++)
		if (flag_first(d, &prov, firsts[i], e) != 0)
			return -1;
	return 0;
}

int demo_key_groups(db *d, err *e)
{
	principal city;
	if (demo_login(d, "jinan_admin", &city, e))
		return err_isset(e) ? -1 : 0;
	char vet[19], dis[19];
	id_of("19850315", 731, vet);
	id_of("19900520", 733, dis);
	struct person_input pv = {.name = "退役军人演示", .id_number = vet, .region_code = "370102"},
			    pd = {.name = "残疾人演示", .id_number = dis, .region_code = "370102"};
	bool created;
	int64_t vid = person_create(d, &city, &pv, &created, e);
	if (vid <= 0 || person_create(d, &city, &pd, &created, e) <= 0)
		return -1;
	char csv[512], from[11];
	date_format(date_today_utc8() / 10000 * 10000 + 101, from);
	snprintf(csv, sizeof csv,
		 "公民身份号码,类别,有效期起,有效期止,依据\n%s,退役军人,%s,,"
		 "济南市退役军人事务局名单（演示）\n%s,残疾人,%s,,"
		 "济南市残联名单（演示）\n370102199901011234,退役军人,%s,,号码有误（演示）\n",
		 vet, from, dis, from, from);
	json_t *r = group_flag_import(d, &city, csv, strlen(csv), false, false, e);
	if (!r)
		return -1;
	json_decref(r);
	struct group_rule_input rule = {.kind = "skill_up",
					.category = "veteran",
					.region_code = "370100",
					.supplement = 30000,
					.source = "演示数据：种子未规定各重点群体的补贴标准（[GAP]）"};
	if (!(r = group_rule_put(d, &city, &rule, e)))
		return -1;
	json_decref(r);
	/* the 退役军人's 技能提升补贴 at the window: 四级 1,500 元 + 300 元 (36 months insured, a certificate
	 * of this year) */
	int today = date_today_utc8();
	struct fact_work insured[] = {{subsidy_add_months(today, -40), 0}};
	struct claim_input in = {.person_id = vid,
				 .region = "370100",
				 .facts = {.kind = SUB_SKILL_UP,
					   .apply_date = today,
					   .occupation = "6-18-01-01",
					   .level = 4,
					   .cert_date = today / 10000 * 10000 + 101,
					   .city = "370100",
					   .insured = insured,
					   .ninsured = 1}};
	int64_t id;
	bool ok;
	if (claim_file(d, &city, &in, &id, &ok, e) != 0)
		return -1;
	return flag_counted_persons(d, e);
}
