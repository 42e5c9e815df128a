/* demo_norms.c: 企业评价规范 in the demo province (docs/DOMAIN.md §65). 济南演示装备制造有限公司
 * (jinan_ent_admin, a 规模以上 enterprise whose workforce is mainly skilled) filed its own norm for an
 * occupation of its filed scope (四级 when it is filed for it): 考评结合, knowledge 30 % / skill 70 %, 满3年
 * instead of the standard's 满5年, a theory paper of 基础知识 40 % and 专业知识 60 %, the theory waived for
 * 数控装调岗; 济南's bureau (jinan_admin) approved version 1 and the enterprise ran a plan on it to its
 * certificates, through the use cases: registration 40 days ago (two employees with 3 years in the
 * occupation, eligible by the norm's 满3年: one on 装配岗, one on the waived 数控装调岗), approved; the exam
 * 25 days ago: the enterprise's own items and a blueprint of 2 + 3 items (40 % / 60 %, the norm's weights), a
 * sitting with two of its three examiners (jinan_ent_examiner1..3, 考评员) invigilating, only the 装配岗
 * candidate admitted (the other's theory is waived); the candidate answers 4 of 5 right (theory 80) through
 * the exam's group committer (the demo process starts it with the database's url, demo_db_url); the panel of
 * three scores the practical (56 and 72); the results by 考评结合: 0.3·80 + 0.7·56 = 24 + 39.2 = 63.2 passes
 * (the national 考核鉴定 rule would fail a practical of 56) and the waived candidate's 72 carries the whole
 * weight: 72.0 passes; 公示 from 24 days ago, certified 10 days ago, both certificates issued. Then its
 * version 2 (满4年) was approved by the province, which superseded version 1 — the finished plan keeps
 * version 1. 青岛's demo enterprise has a version 1 submitted and waiting for the bureau (the review page's
 * example). A second version, for another occupation with 五级, evaluates it by 过程化考核 and 四级 by
 * 业绩评审 and runs a plan of each to its certificate (run_process_plan, run_performance_plan). Made once. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/evaluation/norms.h"
#include "svc/evaluation/norm_runs.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "svc/evaluation/practical.h"
#include "svc/evaluation/results.h"
#include "svc/exam/exam.h"
#include "svc/exam/autosave.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/cert/certs.h"
#include <pthread.h>

const char *demo_db_url;

/* a job of the exam's group committer (the candidate's start click or an answer), waited for as the API
 * waits for it before answering the candidate */
struct job_wait {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;
};

static void job_done(struct autosave_job *j)
{
	struct job_wait *w = j->ctx;
	pthread_mutex_lock(&w->mu);
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static int run_job(struct autosave_job *j, err *e)
{
	if (!demo_db_url)
		return err_set(e, 500, "internal", NULL, "演示缺少数据库地址",
			       "the demo has no database url for the exam's committer");
	struct job_wait w = {.done = false};
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.cv, NULL);
	j->done = job_done;
	j->ctx = &w;
	int rc = autosave_enqueue(demo_db_url, j, e);
	if (rc == 0) {
		pthread_mutex_lock(&w.mu);
		while (!w.done)
			pthread_cond_wait(&w.cv, &w.mu);
		pthread_mutex_unlock(&w.mu);
	}
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	if (rc != 0)
		return -1;
	return j->status == 200 ? 0
				: err_set(e, 500, "internal", NULL, "演示考试未能保存（%d）",
					  "the demo exam was not saved (%d)", j->status);
}

/* the levels of the demo's norm: one level, its own figures on 4-a when the level is 四级 */
static json_t *norm_levels(int level, int years_4a)
{
	char a[16], b[16];
	snprintf(a, sizeof a, "2023-%d-a", level);
	snprintf(b, sizeof b, "2023-%d-b", level);
	json_t *opt_a = level == 4 ? json_pack("{s:s,s:[i]}", "id", a, "years", years_4a)
				   : json_pack("{s:s}", "id", a);
	return json_pack("[{s:i,s:s,s:i,s:i,s:[o,{s:s}],s:[{s:s,s:i},{s:s,s:i}],s:[s]}]", "level", level,
			 "method", "combined", "knowledge", 30, "skill", 70, "options", opt_a, "id", b,
			 "areas", "area", "基础知识", "weight", 40, "area", "专业知识", "weight", 60,
			 "waived_posts", "数控装调岗");
}

static int64_t file_norm(db *d, const principal *ent, const char *occ, int level, int years_4a,
			 const char *title, err *e)
{
	json_t *levels = norm_levels(level, years_4a);
	struct norm_input in = {.occupation_code = occ,
				.title = title,
				.levels = levels,
				.above_size = true,
				.employees = 1860,
				.skilled_employees = 1320};
	int64_t id = norm_create(d, ent, &in, e);
	json_decref(levels);
	return id;
}

static int day_str(int today, long k, char out[11])
{
	date_format(date_from_days(date_to_days(today) + k), out);
	return 0;
}

/* the enterprise's three examiners (考评员 from the records), made once */
static int examiners(db *d, const principal *sys, int64_t inst, int64_t ex[3], err *e)
{
	for (int k = 0; k < 3; k++) {
		char name[32], display[64], cert[64];
		snprintf(name, sizeof name, "jinan_ent_examiner%d", k + 1);
		snprintf(display, sizeof display, "济南演示装备制造有限公司考评员%d", k + 1);
		snprintf(cert, sizeof cert, "鲁考评 2025-JNQY-%04d（演示）", k + 1);
		ex[k] = 0;
		int rc = db_one_int(d, "SELECT id FROM users WHERE username = $1", DB_ARGS(DV_S(name)),
				    &ex[k], e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		struct user_input u = {.username = name,
				       .password = DEMO_PASSWORD,
				       .display_name = display,
				       .role = "examiner",
				       .institution_id = inst};
		if ((!ex[k] && user_create(d, sys, &u, &ex[k], e) != 0) ||
		    demo_qualify(d, sys, ex[k], "examiner", cert, e) != 0)
			return -1;
	}
	return 0;
}

/* the candidate sits the theory now (the committer's clock is the real one): the start click and the
 * answers through the group committer, as the API does, then the submission; the options' texts say which
 * is right (the enterprise's own items: "…（对）"), and the candidate misses the `wrong`-th item */
static int sit_theory(db *d, int64_t person, int64_t attempt, int wrong, err *e)
{
	principal cand = {.role = ROLE_CANDIDATE, .person_id = person};
	snprintf(cand.username, sizeof cand.username, "demo");
	int64_t at = 0, deadline = 0;
	json_t *paper = attempt_open_json(d, &cand, attempt, &at, &deadline, e);
	if (!paper)
		return -1;
	int rc = 0;
	if (deadline) {
		struct autosave_job j = {.kind = AUTOSAVE_START,
					 .attempt_id = attempt,
					 .started_at = at,
					 .deadline = deadline};
		rc = run_job(&j, e);
		json_decref(paper);
		paper = rc == 0 ? attempt_open_json(d, &cand, attempt, &at, &deadline, e) : NULL;
		if (!paper)
			return -1;
	}
	size_t i, n = 0;
	json_t *it;
	json_array_foreach(json_object_get(paper, "items"), i, it)
	{
		json_t *opts = json_object_get(it, "options");
		size_t right = 0;
		for (size_t o = 0; o < json_array_size(opts); o++) {
			const char *t = json_string_value(json_array_get(opts, o));
			if (t && strstr(t, "（对）"))
				right = o;
		}
		if ((int)n == wrong)
			right = (right + 1) % (json_array_size(opts) ? json_array_size(opts) : 1);
		char answer[2] = {(char)('A' + right), 0};
		struct autosave_job j = {.kind = AUTOSAVE_ANSWER, .attempt_id = attempt, .seq = (int64_t)++n};
		j.pos = (int)json_integer_value(json_object_get(it, "pos"));
		if (attempt_save_check(d, &cand, &j, answer, j.seq, e) != 0 ||
		    run_job(&j, e) != 0) {
			rc = -1;
			break;
		}
	}
	json_decref(paper);
	json_t *done = rc == 0 ? attempt_submit(d, &cand, attempt, e) : NULL;
	json_decref(done);
	return done ? 0 : -1;
}

/* the plan on version 1, run to its certificates (the header) */
/* the employee's years in the occupation as their record holds them: a work history at the demo enterprise
 * from `since`, unless they already have one in the occupation */
static int work_since(db *d, int64_t person, const char *occ, const char *since, err *e)
{
	int64_t worked = 0;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM person_work_history WHERE person_id = $1 AND occupation_code = $2",
		    DB_ARGS(DV_I(person), DV_S(occ)), &worked, e) != DB_OK)
		return -1;
	if (worked)
		return 0;
	return db_run(d,
		      "INSERT INTO person_work_history (person_id, employer_name, occupation_code, "
		      "start_date, "
		      "end_date, created_at) VALUES ($1, '济南演示装备制造有限公司', $2, $3, NULL, $4)",
		      DB_ARGS(DV_I(person), DV_S(occ), DV_S(since), DV_I(now_s())), e) < 0
		       ? -1
		       : 0;
}

static int run_norm_plan(db *d, const principal *ent, const principal *city, int64_t jinan_ent,
			 const char *occ, int level, int64_t v1, err *e)
{
	principal sys;
	principal_system(&sys, "demo");
	int64_t ex[3];
	if (examiners(d, &sys, jinan_ent, ex, e) != 0)
		return -1;
	int today = date_today_utc8(), rday = date_from_days(date_to_days(today) - 40),
	    xday = date_from_days(date_to_days(today) - 25);
	char start[11], end[11], exam[11], since[11];
	date_format(rday, start);
	day_str(today, -26, end);
	date_format(xday, exam);
	day_str(today, -25 - 4 * 366, since); /* 4 years in the occupation by the exam day */
	const char *posts[] = {"装配岗", "数控装调岗"};
	int64_t person[2] = {0, 0}, reg[2] = {0, 0};
	for (int k = 0; k < 2; k++) {
		if (db_one_int(
			    d,
			    k ? "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 1 OFFSET 1"
			      : "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 1",
			    DB_ARGS(DV_I(jinan_ent)), &person[k], e) == DB_NOT_FOUND
			    ? 0
			    : err_isset(e))
			return -1;
		if (person[k] <= 0)
			return 0; /* no employees to evaluate */
		/* the employee's years in the occupation, as their record holds them */
		if (work_since(d, person[k], occ, since, e) != 0)
			return -1;
	}
	int rc = -1;
	/* 40 days ago: the plan filed and opened, the two employees registered and approved */
	date_set_today(rday);
	struct plan_input pin = {.occupation_code = occ,
				 .title = "2026年企业自主评价（按本企业评价规范）",
				 .reg_start = start,
				 .reg_end = end,
				 .exam_date = exam,
				 .level = level,
				 .capacity = 30,
				 .publicity_days = 5,
				 .subjects = PLAN_THEORY | PLAN_PRACTICAL,
				 .norm_id = v1};
	int64_t plan = plan_create(d, ent, &pin, e);
	if (plan < 0 || plan_transition(d, ent, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, city, plan, "open", NULL, NULL, e) != 0)
		goto out;
	char opt[16];
	snprintf(opt, sizeof opt, "2023-%d-a", level);
	for (int k = 0; k < 2; k++) {
		struct registration_input rin = {.plan_id = plan,
						 .person_id = person[k],
						 .option = opt,
						 .declared = true,
						 .post = posts[k]};
		if ((reg[k] = registration_create(d, ent, &rin, e)) < 0 ||
		    registration_review(d, ent, reg[k], true, false, NULL, e) != 0)
			goto out;
	}
	/* 25 days ago, the exam day: the enterprise's bank and its blueprint by the norm's weights (2 of
	 * 基础知识, 3 of 专业知识: 40 % / 60 %), the sitting, the 装配岗 candidate admitted */
	date_set_today(xday);
	if (plan_transition(d, ent, plan, "examining", NULL, NULL, e) != 0)
		goto out;
	static const char *const areas[] = {"基础知识", "基础知识", "专业知识", "专业知识", "专业知识"};
	for (size_t k = 0; k < ARRAY_LEN(areas); k++) {
		char stem[160], o1[64], o2[64], o3[64];
		snprintf(stem, sizeof stem, "【企业规范演示】%s 第%zu题：下列做法正确的是", areas[k], k + 1);
		snprintf(o1, sizeof o1, "按作业指导书操作（对）");
		snprintf(o2, sizeof o2, "凭经验省略检查");
		snprintf(o3, sizeof o3, "先开机后确认防护");
		const char *const opts[] = {o1, o2, o3};
		struct item_draft in = {.occupation_code = occ,
					.kind = "single",
					.area = areas[k],
					.stem = stem,
					.answer = "A",
					.level = level,
					.points = 20,
					.options = opts,
					.noptions = 3,
					.institution_id = jinan_ent};
		if (item_save(d, ent, &in, 0, e) < 0)
			goto out;
	}
	const struct blueprint_cell_input cells[] = {{"基础知识", "single", 2}, {"专业知识", "single", 3}};
	if (blueprint_put(d, ent, occ, level, cells, ARRAY_LEN(cells), e) != 0)
		goto out;
	struct sitting_input sin = {.room = "企业评价考场（一号楼 201）",
				    .starts_at = (int64_t)date_to_days(xday) * 86400 + 3600, /* 09:00 China */
				    .minutes = 90,
				    .has_invigilators = true,
				    .invigilators = ex,
				    .ninvigilators = 2};
	int64_t sitting = sitting_create(d, ent, plan, &sin, e);
	int64_t attempt = sitting > 0 ? sitting_admit(d, ent, sitting, reg[0], e) : -1;
	if (attempt < 0 || sit_theory(d, person[0], attempt, 2, e) != 0)
		goto out;
	/* the practical: a panel of the three examiners, each scoring 56 and 72 */
	static const struct criterion_input crit[] = {{"数控设备装配与调试（★）", 100, 0}};
	struct panel_setup_input ps = {
		.criteria = crit, .ncriteria = 1, .examiners = ex, .nexaminers = 3, .spread_pct = 0.2};
	if (practical_setup(d, ent, PART_PRACTICAL, plan, &ps, e) != 0)
		goto out;
	const double marks[2] = {56, 72};
	for (int k = 0; k < 3; k++) {
		principal x;
		char name[32];
		snprintf(name, sizeof name, "jinan_ent_examiner%d", k + 1);
		if (demo_login(d, name, &x, e) != 0)
			goto out;
		for (int c = 0; c < 2; c++)
			if (practical_score(d, &x, PART_PRACTICAL, plan, reg[c], &marks[c], 1, e) != 0)
				goto out;
	}
	/* the results by the norm (考评结合 30 / 70), 公示 from the next day */
	int count = 0;
	if (plan_transition(d, ent, plan, "scoring", NULL, NULL, e) != 0 ||
	    plan_compile_results(d, ent, plan, &count, e) != 0)
		goto out;
	date_set_today(date_from_days(date_to_days(xday) + 1));
	if (plan_transition(d, ent, plan, "publicity", NULL, NULL, e) != 0)
		goto out;
	/* 10 days ago: the 公示 over, certified, the certificates of the passed results */
	date_set_today(date_from_days(date_to_days(today) - 10));
	if (plan_transition(d, ent, plan, "certified", NULL, NULL, e) != 0)
		goto out;
	int64_t pass[2];
	size_t np = 0;
	db_stmt *st = db_query(d, "SELECT id FROM results WHERE plan_id = $1 AND passed = 1 ORDER BY id",
			       DB_ARGS(DV_I(plan)), e);
	while (st && db_step(st) == DB_ROW && np < 2)
		pass[np++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		goto out;
	json_t *got = np ? cert_issue(d, ent, pass, np, e) : json_array();
	if (!got)
		goto out;
	json_decref(got);
	rc = 0;
out:
	date_set_today(0);
	return rc;
}

/* a norm plan's last steps as its staff take them: scoring, the results compiled, 公示 `pub` days before
 * `today`, certified `cert` days before it, and the certificate of its first passed result */
static int plan_to_certificate(db *d, const principal *ent, int64_t plan, int today, int pub, int cert,
			       err *e)
{
	int count = 0;
	if (plan_transition(d, ent, plan, "scoring", NULL, NULL, e) != 0 ||
	    plan_compile_results(d, ent, plan, &count, e) != 0)
		return -1;
	date_set_today(date_from_days(date_to_days(today) - pub));
	if (plan_transition(d, ent, plan, "publicity", NULL, NULL, e) != 0)
		return -1;
	date_set_today(date_from_days(date_to_days(today) - cert));
	if (plan_transition(d, ent, plan, "certified", NULL, NULL, e) != 0)
		return -1;
	int64_t pass = 0;
	int prc =
		db_one_int(d, "SELECT id FROM results WHERE plan_id = $1 AND passed = 1 ORDER BY id LIMIT 1",
			   DB_ARGS(DV_I(plan)), &pass, e);
	if (prc != DB_OK && prc != DB_NOT_FOUND)
		return -1;
	json_t *got = pass ? cert_issue(d, ent, &pass, 1, e) : json_array();
	if (!got)
		return -1;
	json_decref(got);
	return 0;
}
/* 业绩评审 (DOMAIN §65): 四级 of the same version, evaluated by the performance record its review panel
 * scores. A plan opened 30 days ago with the two employees (3 years and more in the occupation: eligible by
 * the version's 满3年), approved; 28 days ago the enterprise wrote each one's performance record and set the
 * review panel (jinan_ent_examiner1..3, qualified 考评员; criteria 业绩成果 60, 佐证材料 40); the panel
 * scored on the exam day, 12 days ago: 甲 50/48/46 and 30/30/30 → 48 + 30 = 78 合格, 乙 30/32/34 and 20/22/24
 * → 32 + 22 = 54 不合格 (the panel's score passes at 60); 公示 from 11 days ago, certified 4 days ago, the
 * certificate of the first. */
static int run_performance_plan(db *d, const principal *ent, const principal *city, int64_t jinan_ent,
				const char *occ, int64_t norm, const int64_t person[2], err *e)
{
	principal sys;
	principal_system(&sys, "demo");
	int64_t ex[3];
	if (examiners(d, &sys, jinan_ent, ex, e) != 0)
		return -1;
	int today = date_today_utc8();
	char start[11], end[11], exam[11], since[11];
	day_str(today, -30, start);
	day_str(today, -27, end);
	day_str(today, -12, exam);
	day_str(today, -12 - 4 * 366, since); /* 4 years in the occupation by the exam day */
	for (int k = 0; k < 2; k++) {
		if (work_since(d, person[k], occ, since, e) != 0)
			return -1;
	}
	int rc = -1;
	date_set_today(date_from_days(date_to_days(today) - 30));
	struct plan_input pin = {.occupation_code = occ,
				 .title = "2026年企业自主评价·业绩评审（四级）",
				 .reg_start = start,
				 .reg_end = end,
				 .exam_date = exam,
				 .level = 4,
				 .capacity = 30,
				 .publicity_days = 5,
				 .subjects = 0, /* 业绩评审: no theory, no practical */
				 .norm_id = norm};
	int64_t plan = plan_create(d, ent, &pin, e), reg[2];
	if (plan < 0 || plan_transition(d, ent, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, city, plan, "open", NULL, NULL, e) != 0)
		goto out;
	for (int k = 0; k < 2; k++) {
		struct registration_input rin = {
			.plan_id = plan, .person_id = person[k], .option = "2023-4-a", .declared = true};
		if ((reg[k] = registration_create(d, ent, &rin, e)) < 0 ||
		    registration_review(d, ent, reg[k], true, false, NULL, e) != 0)
			goto out;
	}
	/* 28 days ago: the records and the panel */
	date_set_today(date_from_days(date_to_days(today) - 28));
	static const char *const ach[2] = {"主持本公司数控装配线工装改造，装配节拍由 12 分钟缩短至 9 "
					   "分钟；带徒 3 名，均已取得五级证书。",
					   "参与装配线设备点检制度修订；完成调试作业指导书 2 份。"};
	static const char *const evid[2] = {
		"工装改造验收报告（2025年）、车间节拍统计表、带徒协议及徒弟证书复印件",
		"点检制度发布文件、作业指导书审批单"};
	for (int k = 0; k < 2; k++)
		if (norm_performance_put(d, ent, reg[k], ach[k], evid[k], e) != 0)
			goto out;
	static const struct criterion_input crit[] = {{"业绩成果", 60, 0}, {"佐证材料", 40, 0}};
	struct panel_setup_input ps = {
		.criteria = crit, .ncriteria = 2, .examiners = ex, .nexaminers = 3, .spread_pct = 0.2};
	if (practical_setup(d, ent, PART_REVIEW, plan, &ps, e) != 0)
		goto out;
	/* 12 days ago, the exam day: the panel's independent scores */
	date_set_today(date_from_days(date_to_days(today) - 12));
	if (plan_transition(d, ent, plan, "examining", NULL, NULL, e) != 0)
		goto out;
	static const double marks[3][2][2] = {
		{{50, 30}, {30, 20}}, {{48, 30}, {32, 22}}, {{46, 30}, {34, 24}}};
	for (int k = 0; k < 3; k++) {
		principal x;
		char name[32];
		snprintf(name, sizeof name, "jinan_ent_examiner%d", k + 1);
		if (demo_login(d, name, &x, e) != 0)
			goto out;
		for (int c = 0; c < 2; c++)
			if (practical_score(d, &x, PART_REVIEW, plan, reg[c], marks[k][c], 2, e) != 0)
				goto out;
	}
	if (plan_to_certificate(d, ent, plan, today, 11, 4, e) != 0)
		goto out;
	rc = 0;
out:
	date_set_today(0);
	return rc;
}

/* 过程化考核 (DOMAIN §65): a version for another occupation of the enterprise's scope evaluating 五级 by its
 * module rule (安全规程 20 %, 装配工艺 30 %, 调试维修 50 %; pass 60, each module at least 50), approved by
 * 济南; a plan on it opened 35 days ago with the two employees registered; the modules assessed 30, 22 and 14
 * days ago (the exam day), each recorded on its day; the results by the rule: 90/80/70 → 77 合格, 70/55/55 →
 * 58 不合格 (below 60); 公示 from 13 days ago, certified 5 days ago, the passed candidate's certificate
 * issued. When the enterprise is filed for 四级 in the occupation, the version also evaluates 四级 by
 * 业绩评审 and run_performance_plan runs a plan on it. */
static int run_process_plan(db *d, const principal *ent, const principal *city, int64_t jinan_ent,
			    const char *skip_occ, err *e)
{
	char occ[32];
	if (demo_scope_occupation(d, jinan_ent, 5, false, occ, e) != 0)
		return -1;
	if (!occ[0] || !strcmp(occ, skip_occ))
		return 0; /* no second occupation with 五级 */
	int64_t person[2] = {0, 0};
	for (int k = 0; k < 2; k++)
		if (db_one_int(
			    d,
			    k ? "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 1 OFFSET 1"
			      : "SELECT id FROM persons WHERE employer_id = $1 ORDER BY id LIMIT 1",
			    DB_ARGS(DV_I(jinan_ent)), &person[k], e) != DB_OK)
			return err_isset(e) ? -1 : 0;
	json_t *levels = json_pack(
		"[{s:i,s:s,s:i,s:i,s:[{s:s}],s:[{s:s,s:s,s:i},{s:s,s:s,s:i},{s:s,s:s,s:i}],s:i,s:i}]",
		"level", 5, "method", "process", "knowledge", 0, "skill", 100, "options", "id", "2023-5-a",
		"modules", "code", "M1", "name", "安全规程", "weight", 20, "code", "M2", "name", "装配工艺",
		"weight", 30, "code", "M3", "name", "调试维修", "weight", 50, "pass_total", 60, "min_module",
		50);
	/* 四级 by 业绩评审 when the enterprise is filed for it in the occupation (满3年 instead of 满5年) */
	int64_t scope_levels = 0;
	if (db_one_int(d,
		       "SELECT levels FROM institution_scopes WHERE institution_id = $1 AND occupation_code "
		       "= $2",
		       DB_ARGS(DV_I(jinan_ent), DV_S(occ)), &scope_levels, e) != DB_OK) {
		json_decref(levels);
		return -1;
	}
	bool perf = (scope_levels >> 4) & 1;
	if (perf)
		json_array_append_new(levels, json_pack("{s:i,s:s,s:i,s:i,s:[{s:s,s:[i]}]}", "level", 4,
							"method", "performance", "knowledge", 0, "skill", 100,
							"options", "id", "2023-4-a", "years", 3));
	struct norm_input in = {.occupation_code = occ,
				.title = perf ? "济南演示装备制造有限公司过程化考核与业绩评审评价规范"
					      : "济南演示装备制造有限公司过程化考核评价规范（五级）",
				.levels = levels,
				.above_size = true,
				.employees = 1860,
				.skilled_employees = 1320};
	int64_t norm = norm_create(d, ent, &in, e);
	json_decref(levels);
	if (norm < 0 || norm_transition(d, ent, norm, "submitted", NULL, e) != 0 ||
	    norm_transition(d, city, norm, "approved", NULL, e) != 0)
		return -1;
	int today = date_today_utc8();
	char start[11], end[11], exam[11];
	day_str(today, -35, start);
	day_str(today, -31, end);
	day_str(today, -14, exam);
	int rc = -1;
	date_set_today(date_from_days(date_to_days(today) - 35));
	struct plan_input pin = {.occupation_code = occ,
				 .title = "2026年企业自主评价·过程化考核（五级）",
				 .reg_start = start,
				 .reg_end = end,
				 .exam_date = exam,
				 .level = 5,
				 .capacity = 30,
				 .publicity_days = 5,
				 .subjects = 0, /* 过程化考核: no theory, no practical */
				 .norm_id = norm};
	int64_t plan = plan_create(d, ent, &pin, e), reg[2];
	if (plan < 0 || plan_transition(d, ent, plan, "filed", NULL, NULL, e) != 0 ||
	    plan_transition(d, city, plan, "open", NULL, NULL, e) != 0)
		goto out;
	for (int k = 0; k < 2; k++) {
		struct registration_input rin = {
			.plan_id = plan, .person_id = person[k], .option = "2023-5-a", .declared = true};
		if ((reg[k] = registration_create(d, ent, &rin, e)) < 0 ||
		    registration_review(d, ent, reg[k], true, false, NULL, e) != 0)
			goto out;
	}
	static const struct {
		const char *module;
		int days_ago;
		double score[2];
	} mods[] = {{"M1", 30, {90, 70}}, {"M2", 22, {80, 55}}, {"M3", 14, {70, 55}}};
	for (size_t m = 0; m < ARRAY_LEN(mods); m++) {
		char on[11];
		day_str(today, -mods[m].days_ago, on);
		date_set_today(date_from_days(date_to_days(today) - mods[m].days_ago));
		if (m == 2 && plan_transition(d, ent, plan, "examining", NULL, NULL, e) != 0)
			goto out;
		struct norm_score_input sc[2] = {{reg[0], mods[m].score[0]}, {reg[1], mods[m].score[1]}};
		if (norm_process_record(d, ent, plan, mods[m].module, on, sc, 2, e) != 0)
			goto out;
	}
	if (plan_to_certificate(d, ent, plan, today, 13, 5, e) != 0)
		goto out;
	rc = 0;
out:
	date_set_today(0);
	return rc || !perf ? rc : run_performance_plan(d, ent, city, jinan_ent, occ, norm, person, e);
}

int demo_norms(db *d, int64_t jinan_ent, int64_t qingdao_ent, err *e)
{
	principal ent, city, prov;
	if (demo_login(d, "jinan_ent_admin", &ent, e) != 0 || demo_login(d, "jinan_admin", &city, e) != 0 ||
	    demo_login(d, "admin", &prov, e) != 0)
		return err_isset(e) ? -1 : 0;
	char occ[32];
	int level = 4;
	if (demo_scope_occupation(d, jinan_ent, 4, true, occ, e) != 0)
		return -1;
	if (!occ[0]) {
		level = 5;
		if (demo_scope_occupation(d, jinan_ent, 5, true, occ, e) != 0)
			return -1;
	}
	if (!occ[0])
		return 0; /* no occupation to write a norm for */
	int64_t v1 = file_norm(d, &ent, occ, level, 3,
			       "济南演示装备制造有限公司职业技能等级认定评价规范（2026版）", e);
	if (v1 < 0 || norm_transition(d, &ent, v1, "submitted", NULL, e) != 0 ||
	    norm_transition(d, &city, v1, "approved", NULL, e) != 0)
		return -1;
	if (run_norm_plan(d, &ent, &city, jinan_ent, occ, level, v1, e) != 0)
		return -1;
	/* version 2 (满4年) approved by the province: version 1 is superseded, the open plan keeps it */
	int64_t v2 = file_norm(d, &ent, occ, level, 4,
			       "济南演示装备制造有限公司职业技能等级认定评价规范（2026版修订）", e);
	if (v2 < 0 || norm_transition(d, &ent, v2, "submitted", NULL, e) != 0 ||
	    norm_transition(d, &prov, v2, "approved", NULL, e) != 0)
		return -1;
	if (run_process_plan(d, &ent, &city, jinan_ent, occ, e) != 0)
		return -1;
	/* 青岛's enterprise: a version waiting for the bureau */
	if (!qingdao_ent || demo_scope_occupation(d, qingdao_ent, 4, false, occ, e) != 0)
		return err_isset(e) ? -1 : 0;
	level = 4;
	if (!occ[0]) {
		level = 5;
		if (demo_scope_occupation(d, qingdao_ent, 5, false, occ, e) != 0)
			return -1;
	}
	if (!occ[0])
		return 0;
	principal qd = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = qingdao_ent};
	snprintf(qd.username, sizeof qd.username, "demo");
	int64_t q1 = file_norm(d, &qd, occ, level, 3, "青岛演示企业职业技能等级认定评价规范", e);
	return q1 < 0 || norm_transition(d, &qd, q1, "submitted", NULL, e) != 0 ? -1 : 0;
}
