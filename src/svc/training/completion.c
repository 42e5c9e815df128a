/* completion.c: 培训结业转报名 (completion.h) */
#include "util/common.h"
#include "svc/training/completion.h"
#include "svc/cultivation/elearn.h"
#include "svc/base/tx.h"
#include "svc/evaluation/registrations.h"
#include "core/date.h"

struct cls_facts {
	int64_t inst, course, completion, attended;
	int level;
	char occ[32], title[128], inst_name[128];
	bool enrolled;
};

static int load(db *d, int64_t class_id, int64_t person, struct cls_facts *f, err *e)
{
	memset(f, 0, sizeof *f);
	db_stmt *st = db_query(
		d,
		"SELECT c.institution_id, c.course_id, c.completion_hours, t.occupation_code, t.level, "
		"t.title, "
		"i.name, (SELECT COUNT(*) FROM training_enrolments x WHERE x.class_id = c.id AND x.person_id "
		"= $2), "
		"COALESCE((SELECT SUM(s.hours) FROM training_attendance a JOIN training_sessions s ON s.id = "
		"a.session_id WHERE s.class_id = c.id AND a.person_id = $2), 0) + " ELEARN_CLASS_HOURS(
			"c.id", "$2") " FROM training_classes c JOIN "
				      "training_courses t ON t.id = c.course_id JOIN institutions i ON i.id "
				      "= c.institution_id "
				      "WHERE c.id = $1",
		DB_ARGS(DV_I(class_id), DV_I(person)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1) {
		f->inst = db_int(st, 0);
		f->course = db_int(st, 1);
		f->completion = db_int(st, 2);
		snprintf(f->occ, sizeof f->occ, "%s", db_text(st, 3));
		f->level = (int)db_int(st, 4);
		snprintf(f->title, sizeof f->title, "%s", db_text(st, 5));
		snprintf(f->inst_name, sizeof f->inst_name, "%s", db_text(st, 6));
		f->enrolled = db_int(st, 7) > 0;
		f->attended = db_int(st, 8);
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (rc == 0 || (rc == 1 && !f->enrolled))
		return err_set(e, 404, "not_found", NULL, "培训班不存在", "no such class");
	return rc == 1 ? 0 : -1;
}

/* the open plan of the occupation and level (the given one, or the earliest exam) */
static int find_plan(db *d, const struct cls_facts *f, int64_t want, int64_t *plan, err *e)
{
	char today[11];
	date_format(date_today_utc8(), today);
	*plan = 0;
	db_stmt *st = db_query(
		d,
		"SELECT id FROM plans WHERE status = 'open' AND occupation_code = $1 AND level = $2 AND "
		"reg_start <= $3 AND reg_end >= $3 AND ($4 = 0 OR id = $4) ORDER BY exam_date, id",
		DB_ARGS(DV_S(f->occ), DV_I(f->level), DV_S(today), DV_I(want)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1)
		*plan = db_int(st, 0);
	if (db_finish(st, e) != 0 || rc < 0)
		return -1;
	if (!*plan)
		return want ? err_set(e, 409, "no_open_plan", "plan_id",
				      "所选认定计划不是本培训职业（工种）%s %d "
				      "级、正在报名的计划，请选择其他计划",
				      "the plan chosen is not an open plan of the class's occupation %s, "
				      "level %d",
				      f->occ, f->level)
			    : err_set(e, 409, "no_open_plan", "plan_id",
				      "您已结业，但目前没有职业（工种）%s %d "
				      "级的认定计划在报名中；新的计划发布后即可报名",
				      "you have completed the class, but no plan of occupation %s, level %d "
				      "is open for "
				      "registration now; you can register once one is published",
				      f->occ, f->level);
	return 0;
}

struct ev_ctx {
	int64_t reg, class_id;
	const struct cls_facts *f;
};

static int evidence_work(tx *t, void *p, err *e)
{
	struct ev_ctx *c = p;
	if (db_run(t->d,
		   "INSERT INTO registration_training (registration_id, class_id, institution_id, course_id, "
		   "attended_hours, completion_hours, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		   DB_ARGS(DV_I(c->reg), DV_I(c->class_id), DV_I(c->f->inst), DV_I(c->f->course),
			   DV_I(c->f->attended), DV_I(c->f->completion), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "training.registration.evidence", "registration", c->reg,
		 json_pack("{sI sI sI sI}", "class_id", (json_int_t)c->class_id, "institution_id",
			   (json_int_t)c->f->inst, "attended_hours", (json_int_t)c->f->attended,
			   "completion_hours", (json_int_t)c->f->completion));
	return 0;
}

json_t *training_register_completed(db *d, const principal *a, int64_t class_id,
				    const struct completion_registration_input *in, err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "由结业学员本人报名",
			       "the trainee registers themself"),
		       NULL;
	struct cls_facts f;
	if (load(d, class_id, a->person_id, &f, e) != 0)
		return NULL;
	if (f.attended < f.completion)
		return err_set(e, 409, "not_completed", NULL, "尚未结业：已修 %lld 学时，结业需 %lld 学时",
			       "not completed yet: %lld of %lld hours attended", (long long)f.attended,
			       (long long)f.completion),
		       NULL;
	int64_t plan = 0;
	if (find_plan(d, &f, in->plan_id, &plan, e) != 0)
		return NULL;
	struct registration_input ri = {.plan_id = plan,
					.option = in->option,
					.declared = in->declared,
					.related_major = in->related_major};
	int64_t reg = registration_create(d, a, &ri, e);
	if (reg < 0)
		return NULL;
	/* the evidence in its own unit after the registration's: a failure here leaves a registration without
	 * it, which the trainee still holds (said in the reply's error) */
	struct ev_ctx c = {.reg = reg, .class_id = class_id, .f = &f};
	if (svc_tx(d, a, evidence_work, &c, e) != 0)
		return NULL;
	json_t *r = registration_get_json(d, a, reg, e);
	if (!r)
		return NULL;
	return json_pack("{so s{sI sI ss sI ss ss si sI sI}}", "registration", r, "training", "class_id",
			 (json_int_t)class_id, "institution_id", (json_int_t)f.inst, "institution_name",
			 f.inst_name, "course_id", (json_int_t)f.course, "course_title", f.title,
			 "occupation_code", f.occ, "level", f.level, "attended_hours", (json_int_t)f.attended,
			 "completion_hours", (json_int_t)f.completion);
}
