/* demo_special.c: 专项职业能力开发 and 新职业征集 in the demo province (docs/DOMAIN.md §66, docs/DEMO.md).
 * 济南's enterprise (jinan_ent_admin) proposed a 鲁滋鲁味 item with its draft 考核规范; the province sent it
 * to the three 临沂 examiners, who scored it independently (86, 90, 82: mean 86.00), passed it and published
 * it into this year's catalogue version — a new 专项 item ZX-37-NNN of the registry and the public catalogue.
 * 济南's own 鲁艺鲁品 proposal is under review (two of three scores in). The two new occupations seed 002
 * names as Shandong's (家庭教育指导师, 民宿管家) are tracked to their adoption in the 2022年版 大典 (their
 * codes there are not in the sources: none recorded). Made once (demo_seed runs once). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/platform/special.h"

static int64_t user_id(db *d, const char *name, err *e)
{
	int64_t id = 0;
	return db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(name)), &id, e) == DB_OK
		       ? id
		       : 0;
}

static int64_t id_of(json_t *o)
{
	int64_t id = o ? json_integer_value(json_object_get(o, "id")) : 0;
	json_decref(o);
	return id;
}

static int step(json_t *o)
{
	json_decref(o);
	return o ? 0 : -1;
}

static json_t *spec_of(const char *target, const char *m1, const char *c1, const char *m2, const char *c2)
{
	return json_pack("{s:s,s:s,s:i,s:s,s:[{s:s,s:s},{s:s,s:s}]}", "target", target, "method", "实际操作",
			 "minutes", 150, "venue", "演示：标准实训操作间及设备", "modules", "name", m1,
			 "content", c1, "name", m2, "content", c2);
}

int demo_special(db *d, const principal *sys, int64_t ent, err *e)
{
	int today = date_today_utc8();
	int64_t ex[3] = {user_id(d, "linyi_examiner1", e), user_id(d, "linyi_examiner2", e),
			 user_id(d, "linyi_examiner3", e)};
	int64_t city = user_id(d, "jinan_admin", e), entadm = user_id(d, "jinan_ent_admin", e);
	if (!ex[0] || !ex[1] || !ex[2] || !city || !entadm || ent <= 0)
		return err_isset(e) ? -1 : 0;
	principal entp = {.user_id = entadm,
			  .role = ROLE_INSTITUTION_ADMIN,
			  .institution_id = ent,
			  .username = "jinan_ent_admin"};
	principal cityp = {
		.user_id = city, .role = ROLE_CITY_ADMIN, .region = "3701", .username = "jinan_admin"};
	principal exp[3];
	for (int i = 0; i < 3; i++)
		exp[i] = (principal){.user_id = ex[i], .role = ROLE_EXAMINER, .username = "linyi_examiner"};

	/* the enterprise's item, published into this year's version */
	json_t *spec = spec_of("从事济南特色鲁菜制作的厨师及帮厨人员", "原料初加工与刀工",
			       "按规范完成原料整理、切配", "烧制与装盘", "掌握火候，成品色香味形达标");
	struct sp_input in = {.name = "演示：济南把子肉制作",
			      .field = "local_industry",
			      .brand_code = "luzi",
			      .reason = "演示：地方特色餐饮用工需求大，利于灵活就业",
			      .spec = spec};
	int64_t p1 = id_of(sp_create(d, &entp, &in, e));
	json_decref(spec);
	if (!p1)
		return -1;
	struct sp_move_input mv = {.status = "submitted", .min_experts = -1, .pass_score = -1};
	if (step(sp_move(d, &entp, p1, &mv, e)))
		return -1;
	mv = (struct sp_move_input){.status = "reviewing",
				    .experts = {ex[0], ex[1], ex[2]},
				    .nexperts = 3,
				    .min_experts = 3,
				    .pass_score = -1};
	if (step(sp_move(d, sys, p1, &mv, e)))
		return -1;
	static const int64_t scores[3] = {86, 90, 82};
	for (int i = 0; i < 3; i++)
		if (step(sp_score(d, &exp[i], p1, scores[i], "演示：技能单元清晰，考核可操作", e)))
			return -1;
	mv = (struct sp_move_input){.status = "passed", .min_experts = -1, .pass_score = -1};
	if (step(sp_move(d, sys, p1, &mv, e)))
		return -1;
	mv = (struct sp_move_input){
		.status = "published", .min_experts = -1, .pass_score = -1, .catalogue_year = today / 10000};
	if (step(sp_move(d, sys, p1, &mv, e)))
		return -1;

	/* 济南's own proposal, under review: two of the three scores in */
	spec = spec_of("从事传统手工布鞋制作的人员", "选料与打袼褙", "按工艺完成选料、打袼褙", "纳底与绱鞋",
		       "针脚均匀，成品合格");
	in = (struct sp_input){.name = "演示：济南手工布鞋制作",
			       .field = "intangible_heritage",
			       .brand_code = "luyi",
			       .reason = "演示：非物质文化遗产传承，带动农村妇女居家就业",
			       .spec = spec};
	int64_t p2 = id_of(sp_create(d, &cityp, &in, e));
	json_decref(spec);
	if (!p2)
		return -1;
	mv = (struct sp_move_input){.status = "submitted", .min_experts = -1, .pass_score = -1};
	if (step(sp_move(d, &cityp, p2, &mv, e)))
		return -1;
	mv = (struct sp_move_input){.status = "reviewing",
				    .experts = {ex[0], ex[1], ex[2]},
				    .nexperts = 3,
				    .min_experts = 3,
				    .pass_score = -1};
	if (step(sp_move(d, sys, p2, &mv, e)))
		return -1;
	for (int i = 0; i < 2; i++)
		if (step(sp_score(d, &exp[i], p2, 78 + i * 4, "演示：建议补充安全操作要求", e)))
			return -1;

	/* 新职业信息征集: seed 002 "我省开发的家庭教育指导师、民宿管家2个新职业被纳入2022版国家职业分类大典"
	 */
	static const struct {
		const char *name, *field, *desc;
	} occs[] = {
		{"家庭教育指导师", "modern_services", "演示：为家庭提供家庭教育指导服务的人员（种子 002）"},
		{"民宿管家", "modern_services", "演示：提供民宿运营与客户服务的人员（种子 002）"}};
	for (size_t i = 0; i < ARRAY_LEN(occs); i++) {
		struct no_input ni = {occs[i].name, occs[i].field, occs[i].desc};
		int64_t id = id_of(no_create(d, &cityp, &ni, e));
		if (!id || step(no_move(d, sys, id, "forwarded", NULL, NULL, NULL, e)) ||
		    step(no_move(d, sys, id, "adopted", NULL, "2022年版", NULL, e)))
			return -1;
	}
	return 0;
}
