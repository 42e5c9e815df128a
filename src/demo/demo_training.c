/* demo_training.c: the demo province's 培训地图 — training institutions in all 16 cities (the demo's training
 * school, technical college and an enterprise of each city, filed for training), two sites each around the
 * city's seat (real coordinates of the city governments, WGS-84, spread a few km), and courses at each site;
 * around 临沂 the 急需紧缺 occupations of its 2024 list (电子商务师, 物流服务师), subsidised. Through the
 * same use cases as the API. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "svc/training/catalogue.h"
#include "svc/training/classes.h"
#include "svc/training/insurance.h"
#include "crypto/pii.h"
#include "util/arena.h"

static const struct {
	const char *code;
	double lat, lon; /* the city government's seat */
} seats[] = {
	{"370100", 36.6512, 117.1201}, {"370200", 36.0671, 120.3826}, {"370300", 36.8131, 118.0548},
	{"370400", 34.8107, 117.3237}, {"370500", 37.4345, 118.6748}, {"370600", 37.4638, 121.4479},
	{"370700", 36.7069, 119.1618}, {"370800", 35.4150, 116.5871}, {"370900", 36.1999, 117.0876},
	{"371000", 37.5131, 122.1204}, {"371100", 35.4164, 119.5269}, {"371300", 35.1047, 118.3564},
	{"371400", 37.4355, 116.3593}, {"371500", 36.4567, 115.9855}, {"371600", 37.3821, 117.9707},
	{"371700", 35.2336, 115.4810},
};

static const struct {
	const char *code, *name;
	int level, hours, price_yuan;
} courses[] = {
	{"6-31-01-03", "电工", 4, 160, 1800},	    {"6-18-02-04", "焊工", 5, 120, 1500},
	{"4-03-02-01", "中式烹调师", 5, 100, 1200}, {"4-10-01-05", "养老护理员", 4, 120, 900},
	{"4-12-01-01", "汽车维修工", 4, 160, 2000}, {"4-10-01-03", "保育师", 5, 80, 800},
};
/* 临沂's 急需紧缺 occupations (seed 004, 2024 list) */
static const struct {
	const char *code, *name;
	int level, hours, price_yuan;
} shortage[] = {
	{"4-01-06-01", "电子商务师", 4, 120, 880},
	{"4-02-06-03", "物流服务师", 5, 80, 600},
};

/* the first counties of a city (its central districts first, by code) */
static int counties_of(db *d, const char *city, char out[2][8], err *e)
{
	db_stmt *st = db_query(d, "SELECT code FROM regions WHERE parent_code = $1 ORDER BY code LIMIT 2",
			       DB_ARGS(DV_S(city)), e);
	int n = 0;
	while (st && db_step(st) == DB_ROW)
		snprintf(out[n++], 8, "%s", db_text(st, 0));
	if (!st || db_finish(st, e) != 0)
		return -1;
	if (n == 1)
		memcpy(out[1], out[0], 8);
	return n ? 0 : err_set(e, 500, "internal", NULL, "地区缺少县级", "a city without counties");
}

/* 临沂's training school runs a class of its 急需紧缺 course (电子商务师) taught by linyi_school_admin: the
 * demo worker linyi_worker is enrolled, with a session a week ago, one today (to check into with the code
 * on the teacher's screen) and one next week; a second class starts in two weeks, open to enrol. Through
 * the use cases, as the institution's admin. */
static int demo_linyi_classes(db *d, int64_t inst, int64_t course, err *e)
{
	principal t = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = inst};
	int64_t person = 0;
	snprintf(t.username, sizeof t.username, "%s", "linyi_school_admin");
	if (db_one_int(d, "SELECT id FROM users WHERE username = 'linyi_school_admin'", DB_NOARGS, &t.user_id,
		       e) != DB_OK ||
	    db_one_int(d, "SELECT person_id FROM users WHERE username = 'linyi_worker'", DB_NOARGS, &person,
		       e) != DB_OK)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "演示账号缺失",
					      "a demo account is missing");
	long today = date_to_days(date_today_utc8());
	char d0[11], d1[11], s0[11], s2[11], b0[11], b1[11];
	date_format(date_from_days(today - 7), d0);
	date_format(date_from_days(today + 40), d1);
	date_format(date_from_days(today + 7), s2);
	date_format(date_from_days(today), s0);
	date_format(date_from_days(today + 14), b0);
	date_format(date_from_days(today + 60), b1);
	struct training_class_input a = {
		.teacher_user_id = t.user_id, .starts_on = d0, .ends_on = d1, .completion_hours = 12};
	int64_t cls = training_class_create(d, &t, course, &a, e);
	/* today's session runs the whole day, so the demo's check-in works at whatever hour it is shown */
	struct training_session_input
		past = {.held_on = d0, .starts_at = "09:00", .ends_at = "12:00", .hours = 4},
		now = {.held_on = s0, .starts_at = "00:00", .ends_at = "23:59", .hours = 4},
		next = {.held_on = s2, .starts_at = "09:00", .ends_at = "12:00", .hours = 4};
	if (cls < 0 || training_session_create(d, &t, cls, &past, e) < 0 ||
	    training_session_create(d, &t, cls, &now, e) < 0 ||
	    training_session_create(d, &t, cls, &next, e) < 0 || training_enrol(d, &t, cls, person, e) != 0)
		return -1;
	struct training_class_input b = {.teacher_user_id = t.user_id, .starts_on = b0, .ends_on = b1};
	return training_class_create(d, &t, course, &b, e) < 0 ? -1 : 0;
}

/* the 临沂 worker's 参保记录 (unemployment insurance since 2020 in 临沂, still insured), imported as the
 * agency's file through the import runner: with the certificate demo_certs.c gives them, their own
 * 技能提升补贴 application on 我的补贴 passes every condition */
static int demo_linyi_insurance(db *d, const principal *sys, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT p.id_sealed FROM persons p JOIN users u ON u.person_id = p.id WHERE "
			       "u.username = 'linyi_worker'",
			       DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	arena *a = arena_new();
	char *csv = NULL;
	if (row == 1 && a) {
		const char *idn = pii_open(a, "id_number", db_text(st, 0));
		if (idn &&
		    asprintf(&csv, "公民身份号码,参保开始,参保结束,参保地\n%s,2020-01-01,,371300\n", idn) < 0)
			csv = NULL;
	}
	db_done(st);
	arena_free(a);
	if (row < 0)
		return -1;
	if (!csv)
		return err_set(e, 500, "internal", NULL, "演示学员的参保记录无法生成",
			       "the demo worker's insurance record could not be made");
	json_t *rep = insurance_import(d, sys, csv, strlen(csv), e);
	free(csv);
	if (!rep)
		return -1;
	json_decref(rep);
	return 0;
}

int demo_training(db *d, const principal *sys, const int64_t *insts, fake_rng *rng, err *e)
{
	int64_t linyi_course = 0, linyi_school = 0;
	static const struct {
		int slot; /* in the city's five: employer, social organisation, technical school, university,
			     training */
		const char *kind;
	} filed[] = {{4, "private_school"}, {2, "technical_school"}, {0, "enterprise"}};
	char d1[11], d2[11];
	int today = date_today_utc8();
	for (size_t c = 0; c < ARRAY_LEN(seats); c++) {
		char county[2][8];
		if (counties_of(d, seats[c].code, county, e) != 0)
			return -1;
		bool linyi = !strcmp(seats[c].code, "371300");
		for (size_t k = 0; k < ARRAY_LEN(filed); k++) {
			int64_t inst = insts[c * 5 + (size_t)filed[k].slot];
			char lic[24];
			snprintf(lic, sizeof lic, "%.4s%08d", seats[c].code, (int)(c * 10 + k + 1));
			struct training_org_input org = {.kind = filed[k].kind,
							 .licence_no = k == 0 ? lic : NULL};
			if (training_org_put(d, sys, inst, &org, e) != 0)
				return -1;
			for (int s = 0; s < 2; s++) {
				/* a few km from the seat: up to ±0.06° latitude and longitude */
				double dlat = ((double)(fake_next(rng) % 1200) - 600) / 10000.0;
				double dlon = ((double)(fake_next(rng) % 1200) - 600) / 10000.0;
				char name[64], addr[96];
				snprintf(name, sizeof name, "%s校区", s ? "第二" : "第一");
				snprintf(addr, sizeof addr, "%s%s号", s ? "学府路" : "人民路",
					 s ? "88" : "16");
				struct training_site_input site = {.name = name,
								   .address = addr,
								   .county_code = county[s],
								   .latitude = seats[c].lat + dlat,
								   .longitude = seats[c].lon + dlon,
								   .has_lat = true,
								   .has_lon = true};
				int64_t sid = training_site_create(d, sys, inst, &site, e);
				if (sid < 0)
					return -1;
				for (int j = 0; j < 2; j++) {
					size_t pick =
						(c * 3 + k * 2 + (size_t)s + (size_t)j) % ARRAY_LEN(courses);
					const char *code = courses[pick].code, *oname = courses[pick].name;
					int level = courses[pick].level, hours = courses[pick].hours,
					    price = courses[pick].price_yuan;
					bool subsidised = (fake_next(rng) % 3) != 0;
					if (linyi &&
					    j == 0) { /* 临沂: a 急需紧缺 course at every site, subsidised */
						size_t p = (k + (size_t)s) % ARRAY_LEN(shortage);
						code = shortage[p].code;
						oname = shortage[p].name;
						level = shortage[p].level;
						hours = shortage[p].hours;
						price = shortage[p].price_yuan;
						subsidised = true;
					}
					char title[96], yuan[16];
					static const char *const lv[] = {"",	 "一级", "二级",
									 "三级", "四级", "五级"};
					snprintf(title, sizeof title, "%s%s培训班", oname, lv[level]);
					snprintf(yuan, sizeof yuan, "%d", price);
					date_format(date_from_days(date_to_days(today) + 7 +
								   (long)(fake_next(rng) % 30)),
						    d1);
					date_format(date_from_days(date_to_days(today) + 45 +
								   (long)(fake_next(rng) % 30)),
						    d2);
					struct training_course_input ci = {
						.site_id = sid,
						.occupation_code = code,
						.title = title,
						.level = level,
						.class_hours = hours,
						.capacity = 30 + (int64_t)(fake_next(rng) % 4) * 10,
						.price = yuan,
						.subsidised = subsidised,
						.starts = {d1, d2},
						.nstarts = 2,
						.starts_given = true};
					int64_t course = training_course_create(d, sys, inst, &ci, e);
					if (course < 0)
						return -1;
					if (linyi && k == 0 && s == 0 && j == 0) {
						linyi_course = course;
						linyi_school = inst;
					}
				}
			}
		}
	}
	if (linyi_course && demo_linyi_classes(d, linyi_school, linyi_course, e) != 0)
		return -1;
	return demo_linyi_insurance(d, sys, e);
}
