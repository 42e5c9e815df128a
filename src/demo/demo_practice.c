/* demo_practice.c: 模拟练习 in the demo province (issue 23 item 4; docs/DOMAIN.md §62). The province wrote a
 * practice set for 电子商务师 四级 — three items in each knowledge area of the exam blueprint, each with its
 * explanation — and released it to the practice pool; the exam bank's own items stay secret (a released item
 * is never drawn for a real exam). The 临沂 worker (linyi_worker) practised once yesterday: 我的 → 模拟练习
 * shows the paper with its score, and today's papers left. */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/cultivation/practice.h"
#include "svc/exam/exam.h"

#define OCC   "4-01-06-01"
#define LEVEL 4

static const struct {
	const char *area, *kind, *stem, *opts[4], *answer, *explanation;
} set[] = {
	{"职业道德与法律法规",
	 "single",
	 "电子商务经营者应当在其首页显著位置持续公示的信息是（  ）。",
	 {"营业执照信息", "员工名单", "年度利润", "供应商报价"},
	 "A",
	 "《中华人民共和国电子商务法》第十五条：电子商务经营者应当在其首页显著位置，持续公示营业执照信息、与"
	 "其经营业务"
	 "有关的行政许可信息等。"},
	{"职业道德与法律法规",
	 "single",
	 "网店促销时虚构“原价”再标注折扣，属于（  ）。",
	 {"正常营销", "价格欺诈行为", "会员优惠", "捆绑销售"},
	 "B",
	 "虚构原价、虚假优惠折价是价格欺诈行为，违反《价格法》和《明码标价和禁止价格欺诈规定》。"},
	{"职业道德与法律法规",
	 "judge",
	 "电子商务经营者收集、使用用户的个人信息，应当遵守法律、行政法规有关个人信息保护的规定。",
	 {"对", "错"},
	 "A",
	 "《电子商务法》第二十三条的规定，个人信息的处理还应遵守《个人信息保护法》。"},
	{"网店运营",
	 "single",
	 "商品标题优化的主要目的是（  ）。",
	 {"提高商品被搜索到的概率", "增加图片数量", "降低运费", "缩短发货时间"},
	 "A",
	 "标题中的关键词决定商品能否被买家搜索命中，优化标题是提升自然搜索流量的基础。"},
	{"网店运营",
	 "single",
	 "衡量网店访客转化为买家程度的指标是（  ）。",
	 {"跳失率", "转化率", "客单价", "收藏量"},
	 "B",
	 "转化率 = 成交买家数 ÷ 访客数；跳失率看只浏览一页就离开的访客，客单价看每位买家的平均成交金额。"},
	{"网店运营",
	 "judge",
	 "商品主图只要美观即可，不必与实物一致。",
	 {"对", "错"},
	 "B",
	 "主图与实物不符可能构成虚假宣传，并引起退货和投诉；主图应真实反映商品。"},
	{"网络营销",
	 "single",
	 "按点击付费的搜索广告，其计费方式通常称为（  ）。",
	 {"CPM", "CPC", "CPS", "CPA"},
	 "B",
	 "CPC（Cost Per Click）按点击计费；CPM 按千次展示计费，CPS 按成交计费，CPA 按行动计费。"},
	{"网络营销",
	 "single",
	 "依靠用户在社交平台上分享来带动传播的营销方式是（  ）。",
	 {"社交（社群）营销", "电视广告", "户外广告", "电话营销"},
	 "A",
	 "社交营销借助用户关系链传播，是网络营销的主要方式之一；其余三项是传统媒体或直接营销。"},
	{"网络营销",
	 "judge",
	 "网络营销活动中的 KPI 指关键绩效指标。",
	 {"对", "错"},
	 "A",
	 "KPI（Key Performance Indicator）即关键绩效指标，如曝光量、点击率、转化率、投入产出比。"},
	{"客户服务与物流",
	 "single",
	 "买家收到一般商品后要求七日无理由退货，卖家应当（  ）。",
	 {"拒绝退货", "依法支持退货", "只换不退", "收取手续费后才退"},
	 "B",
	 "《消费者权益保护法》第二十五条：网购商品自收到之日起七日内可以无理由退货（法定的特定商品除外）。"},
	{"客户服务与物流",
	 "single",
	 "物流配送中的“最后一公里”指（  ）。",
	 {"干线运输", "从配送站点到消费者手中的末端配送", "仓库入库", "国际运输"},
	 "B",
	 "“最后一公里”是末端配送环节，成本高、影响买家体验最直接。"},
	{"客户服务与物流",
	 "judge",
	 "客服人员可以把买家的收货地址和电话告诉第三方，以便推销其他商品。",
	 {"对", "错"},
	 "B",
	 "擅自向他人提供个人信息违反《个人信息保护法》和《电子商务法》，客服应严格保密。"},
};

static int user_of(db *d, const char *username, principal *p, enum role role, err *e)
{
	memset(p, 0, sizeof *p);
	p->role = role;
	snprintf(p->username, sizeof p->username, "%s", username);
	db_stmt *st =
		db_query(d,
			 "SELECT id, COALESCE(person_id, 0), COALESCE(region_code, '') FROM users WHERE "
			 "username = $1",
			 DB_ARGS(DV_S(username)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		p->user_id = db_int(st, 0);
		p->person_id = db_int(st, 1);
		snprintf(p->region, sizeof p->region, "%s", db_text(st, 2));
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row ? 0 : err_set(e, 500, "internal", NULL, "演示账号缺失", "a demo account is missing");
}

int demo_practice(db *d, err *e)
{
	principal prov, worker;
	if (user_of(d, "admin", &prov, ROLE_PROVINCE_ADMIN, e) != 0 ||
	    user_of(d, "linyi_worker", &worker, ROLE_CANDIDATE, e) != 0)
		return -1;
	snprintf(prov.region, sizeof prov.region, "%s", "37");
	for (size_t i = 0; i < ARRAY_LEN(set); i++) {
		bool judge = !strcmp(set[i].kind, "judge");
		struct item_draft in = {.occupation_code = OCC,
					.kind = set[i].kind,
					.area = set[i].area,
					.stem = set[i].stem,
					.answer = set[i].answer,
					.level = LEVEL,
					.points = 5,
					.options = set[i].opts,
					.noptions = judge ? 2 : 4};
		int64_t id = item_save(d, &prov, &in, 0, e);
		if (id < 0)
			return -1;
		json_t *r = practice_release(d, &prov, id, set[i].explanation, e);
		if (!r)
			return -1;
		json_decref(r);
	}
	/* yesterday's paper of the 临沂 worker: drawn, answered (the first half right), submitted */
	json_t *p = practice_start(d, &worker, OCC, LEVEL, 0, e);
	if (!p)
		return -1;
	int64_t id = json_integer_value(json_object_get(p, "id"));
	size_t n = json_array_size(json_object_get(p, "items"));
	json_decref(p);
	const char *answers[100];
	char keys[100][9];
	db_stmt *st = db_query(d, "SELECT paper FROM practice_papers WHERE id = $1", DB_ARGS(DV_I(id)), e);
	if (!st || db_row(st, e) != 1)
		return db_done(st), -1;
	json_t *paper = json_loads(db_text(st, 0), 0, NULL);
	db_done(st);
	for (size_t i = 0; i < n && i < 100; i++) {
		json_t *x = json_array_get(paper, i);
		int64_t item = json_integer_value(json_object_get(x, "item"));
		char key[9] = "A";
		st = db_query(d, "SELECT answer FROM items WHERE id = $1", DB_ARGS(DV_I(item)), e);
		if (st && db_row(st, e) == 1)
			snprintf(key, sizeof key, "%s", db_text(st, 0));
		db_done(st);
		/* the key in the letters as shown; the second half answered with the next letter (wrong) */
		json_t *ord = json_object_get(x, "order");
		size_t k = 0, m = json_array_size(ord);
		while (k < m && json_integer_value(json_array_get(ord, k)) != key[0] - 'A')
			k++;
		if (i >= n / 2)
			k = (k + 1) % (m ? m : 1);
		snprintf(keys[i], sizeof keys[i], "%c", (char)('A' + k));
		answers[i] = keys[i];
	}
	json_decref(paper);
	json_t *done = practice_submit(d, &worker, id, answers, n < 100 ? n : 100, e);
	if (!done)
		return -1;
	json_decref(done);
	/* it was yesterday: today's papers are all left */
	if (db_run(d,
		   "UPDATE practice_papers SET started_at = started_at - 86400 - 1800, submitted_at = "
		   "submitted_at - 86400 WHERE id = $1",
		   DB_ARGS(DV_I(id)), e) < 0 ||
	    db_run(d, "UPDATE practice_days SET day = day - 86400 WHERE person_id = $1",
		   DB_ARGS(DV_I(worker.person_id)), e) < 0)
		return -1;
	return 0;
}
