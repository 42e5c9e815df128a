/* demo_elearn.c: 线上学习培训 and 知识竞赛 in the demo province (issue 23 item 4; docs/DOMAIN.md §55).
 *
 * 临沂's training school (linyi_school_admin) publishes an online course tied to its 电子商务师 class, the
 * one the demo worker linyi_worker is enrolled in (demo_training.c): an HTML lesson and a PDF handout, 45
 * minutes a 学时. The worker started a session through the use case; their learning of last week (4 学时,
 * with 90 s refused for skipping) is written as its history, since a demo cannot wait for heartbeats — so
 * 我的培训 shows the class's hours with the 4 online 学时 counted, and the worker can go on learning on
 * 我的课程. The province ran a first 电子商务师 知识竞赛 round last week (25 contestants of several cities,
 * scored at its deadline, with leaderboards) and has a second round open now, which the worker can take on
 * 知识竞赛. Through the same use cases as the API, except the two history writes said here. */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/cultivation/contest.h"
#include "svc/cultivation/elearn.h"
#include <stdlib.h>

#define OCC   "4-01-06-01"
#define LEVEL 4

static const char lesson[] =
	"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>第一讲 "
	"网店运营基础</title></head>"
	"<body><h1>第一讲 网店运营基础</h1><p>本讲介绍网店开设、商品发布、店铺装修和客户服务的基本流程，"
	"对应《电子商务师国家职业技能标准》四级/中级工的“网店运营”职业功能。</p><h2>一、开店准备</h2>"
	"<p>选择平台、完成实名认证、确定经营类目。</p><h2>二、商品发布</"
	"h2><p>标题、主图、详情页与价格策略。</p>"
	"<h2>三、客户服务</h2><p>售前咨询、订单处理、售后与评价管理。</p></body></html>";

/* a one-page PDF with its cross-reference table */
static const char handout[] = "%PDF-1.4\n"
			      "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			      "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
			      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
			      "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
			      "0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n";

static int user_of(db *d, const char *username, principal *p, enum role role, err *e)
{
	memset(p, 0, sizeof *p);
	p->role = role;
	snprintf(p->username, sizeof p->username, "%s", username);
	db_stmt *st =
		db_query(d,
			 "SELECT id, COALESCE(institution_id, 0), COALESCE(person_id, 0) FROM users WHERE "
			 "username = $1",
			 DB_ARGS(DV_S(username)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		p->user_id = db_int(st, 0);
		p->institution_id = db_int(st, 1);
		p->person_id = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row ? 0 : err_set(e, 500, "internal", NULL, "演示账号缺失", "a demo account is missing");
}

static int online_course(db *d, err *e)
{
	principal school, worker;
	if (user_of(d, "linyi_school_admin", &school, ROLE_INSTITUTION_ADMIN, e) != 0 ||
	    user_of(d, "linyi_worker", &worker, ROLE_CANDIDATE, e) != 0)
		return -1;
	int64_t cls = 0;
	if (db_one_int(d,
		       "SELECT e.class_id FROM training_enrolments e JOIN training_classes c ON c.id = "
		       "e.class_id "
		       "WHERE e.person_id = $1 AND c.institution_id = $2 ORDER BY c.id LIMIT 1",
		       DB_ARGS(DV_I(worker.person_id), DV_I(school.institution_id)), &cls, e) != DB_OK)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示培训班缺失", "no demo class");
	struct elearn_course_input ci = {
		.title = "电子商务师（四级）线上课程",
		.summary = "网店运营、客户服务与数据分析；线上学时计入本校电子商务师培训班",
		.occupation_code = OCC,
		.level = LEVEL,
		.class_id = cls,
		.hour_minutes = 45,
		.max_hours = 8};
	json_t *c = elearn_course_create(d, &school, &ci, e);
	if (!c)
		return -1;
	int64_t course = json_integer_value(json_object_get(c, "id"));
	json_decref(c);
	struct elearn_resource_input r1 = {.title = "第一讲 网店运营基础",
					   .kind = "html",
					   .content_type = "text/html",
					   .seconds = 5400,
					   .data = lesson,
					   .size = sizeof lesson - 1},
				     r2 = {.title = "第二讲 讲义（PDF）",
					   .kind = "pdf",
					   .content_type = "application/pdf",
					   .seconds = 7200,
					   .data = handout,
					   .size = sizeof handout - 1};
	json_t *a = elearn_resource_add(d, &school, course, &r1, e);
	json_t *b = a ? elearn_resource_add(d, &school, course, &r2, e) : NULL;
	int64_t res1 = a ? json_integer_value(json_object_get(a, "id")) : 0,
		res2 = b ? json_integer_value(json_object_get(b, "id")) : 0;
	json_decref(a);
	json_decref(b);
	if (!res2)
		return -1;
	struct elearn_course_input pub = {.status = "published"};
	json_t *p = elearn_course_update(d, &school, course, &pub, e);
	if (!p)
		return -1;
	json_decref(p);
	/* the worker's session, started through the use case, then closed: last week's history */
	json_t *s = elearn_session_start(d, &worker, course, res1, "demo-linyi-phone", "demo-linyi-tab1", e);
	if (!s)
		return -1;
	int64_t sid = json_integer_value(json_object_get(s, "session_id"));
	json_decref(s);
	int64_t now = now_s(), week = now - 7 * 86400;
	if (db_run(d,
		   "UPDATE elearn_sessions SET status = 'ended', ended_reason = 'closed', started_at = $2, "
		   "last_beat_at = $3, position_s = 5400, beats = 363, credited_s = 10800, refused_s "
		   "= 90, "
		   "last_verdict = 'counted', presence_passed = 9 WHERE id = $1",
		   DB_ARGS(DV_I(sid), DV_I(week), DV_I(week + 10890)), e) < 0 ||
	    db_run(d,
		   "INSERT INTO elearn_progress (person_id, resource_id, course_id, credited_s, position_s, "
		   "updated_at) "
		   "VALUES ($1, $2, $4, 5400, 5400, $5), ($1, $3, $4, 5400, 5400, $5)",
		   DB_ARGS(DV_I(worker.person_id), DV_I(res1), DV_I(res2), DV_I(course), DV_I(week + 10890)),
		   e) < 0 ||
	    db_run(d,
		   "UPDATE elearn_enrolments SET credited_s = 10800, hours = 4, refused_s = 90, updated_at = "
		   "$3 WHERE "
		   "course_id = $1 AND person_id = $2",
		   DB_ARGS(DV_I(course), DV_I(worker.person_id), DV_I(week + 10890)), e) < 0)
		return -1;
	return 0;
}

/* the key of paper position pos as shown (the paper's option order), for a contestant who knows it */
static void shown_key(json_t *paper, size_t pos, const char *key, char out[9])
{
	json_t *ord = json_object_get(json_array_get(paper, pos), "order");
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(ord) && n < 8; i++)
		if (strchr(key, 'A' + (int)json_integer_value(json_array_get(ord, i))))
			out[n++] = (char)('A' + i);
	out[n] = 0;
}

static int contests(db *d, err *e)
{
	principal prov, worker;
	if (user_of(d, "admin", &prov, ROLE_PROVINCE_ADMIN, e) != 0 ||
	    user_of(d, "linyi_worker", &worker, ROLE_CANDIDATE, e) != 0)
		return -1;
	snprintf(prov.region, sizeof prov.region, "%s", "37");
	int64_t now = now_s();
	struct contest_round_input first = {.title = "山东省电子商务师知识竞赛（第一轮）",
					    .occupation_code = OCC,
					    .level = LEVEL,
					    .opens_at = now - 3600,
					    .closes_at = now + 3600,
					    .minutes = 20,
					    .single = 8,
					    .judge = 4};
	json_t *r = contest_round_create(d, &prov, &first, e);
	if (!r)
		return -1;
	int64_t round = json_integer_value(json_object_get(r, "id"));
	json_decref(r);
	/* the keys as shown, read as the organiser would */
	json_t *paper = NULL;
	db_stmt *st = db_query(d, "SELECT paper FROM contest_rounds WHERE id = $1", DB_ARGS(DV_I(round)), e);
	if (st && db_row(st, e) == 1)
		paper = json_loads(db_text(st, 0), 0, NULL);
	db_done(st);
	if (!paper)
		return err_isset(e) ? -1 : err_set(e, 500, "internal", NULL, "试卷缺失", "no paper");
	size_t n = json_array_size(paper);
	char keys[16][9];
	int nopt[16];
	for (size_t i = 0; i < n && i < 16; i++) {
		int64_t item = json_integer_value(json_object_get(json_array_get(paper, i), "item"));
		st = db_query(d, "SELECT answer FROM items WHERE id = $1", DB_ARGS(DV_I(item)), e);
		if (!st || db_row(st, e) != 1) {
			db_done(st);
			json_decref(paper);
			return -1;
		}
		shown_key(paper, i, db_text(st, 0), keys[i]);
		nopt[i] = (int)json_array_size(json_object_get(json_array_get(paper, i), "order"));
		db_done(st);
	}
	json_decref(paper);
	/* 24 demo workers of the cities' enterprises and the 临沂 worker: each knows a share of the keys */
	int64_t persons[25];
	int np = 0;
	persons[np++] = worker.person_id;
	st = db_query(
		d,
		"SELECT p.id FROM persons p WHERE p.employer_id IS NOT NULL AND p.id <> $1 AND NOT EXISTS "
		"(SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY SUBSTR(p.region_code, 1, 4), p.id "
		"LIMIT 24",
		DB_ARGS(DV_I(worker.person_id)), e);
	while (st && db_step(st) == DB_ROW && np < 25)
		persons[np++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		return -1;
	for (int k = 0; k < np; k++) {
		principal c = {.role = ROLE_CANDIDATE,
			       .person_id = persons[k],
			       .user_id = k ? prov.user_id : worker.user_id};
		snprintf(c.username, sizeof c.username, "%s", k ? "demo:contestant" : "linyi_worker");
		json_t *o = contest_enter(d, &c, round, e);
		if (!o)
			return -1;
		json_decref(o);
		const char *ans[16];
		char wrong[16][2];
		for (size_t i = 0; i < n && i < 16; i++) {
			bool knows =
				k == 0 ? i != 3 : (int)((persons[k] * 7 + (int64_t)i * 5) % 10) < 2 + k % 6;
			/* a wrong option of its own (people who guess differ) */
			int m = nopt[i] > 1 ? nopt[i] : 2;
			wrong[i][0] = (char)('A' + (keys[i][0] - 'A' + 1 +
						    (int)((persons[k] + (int64_t)i) % (m - 1))) %
							   m);
			wrong[i][1] = 0;
			ans[i] = knows ? keys[i] : wrong[i];
		}
		struct contest_answers_job *j = contest_answers_prepare(&c, round, ans, n, true, e);
		if (!j)
			return -1;
		int rc = contest_answers_run(d, j, false, e);
		contest_answers_free(j);
		if (rc != 0)
			return -1;
	}
	/* last week's round: its dates written as they were (a demo cannot wait for the deadline), then
	 * scored by the organiser */
	int64_t week = now - 7 * 86400;
	if (db_run(d,
		   "UPDATE contest_rounds SET opens_at = $2, closes_at = $3, created_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(round), DV_I(week - 86400), DV_I(week)), e) < 0 ||
	    db_run(d,
		   "UPDATE contest_entries SET started_at = $2 + (person_id % 300), deadline = $3, "
		   "answered_at = $4 + (person_id * 37) % 500 WHERE round_id = $1",
		   DB_ARGS(DV_I(round), DV_I(week - 1200), DV_I(week), DV_I(week - 600)), e) < 0)
		return -1;
	json_t *sc = contest_score(d, &prov, round, e);
	if (!sc)
		return -1;
	json_decref(sc);
	struct contest_round_input second = first;
	second.title = "山东省电子商务师知识竞赛（第二轮）";
	second.closes_at = now + 7 * 86400;
	r = contest_round_create(d, &prov, &second, e);
	if (!r)
		return -1;
	json_decref(r);
	return 0;
}

int demo_elearn(db *d, err *e)
{
	return online_course(d, e);
}

int demo_contests(db *d, err *e)
{
	return contests(d, e);
}
