/* fraud.c: 疑点线索 — detection runs, the review queue, the holds on claims (fraud.h) */
#include "util/common.h"
#include "svc/training/fraud.h"
#include "svc/base/scope.h"
#include "store/query.h"
#include "core/date.h"
#include "core/fraud.h"
#include "core/scope.h"

/* ---- the detectors' parameters (fraud_rule_params) ---- */

struct params {
	double two_city_days, device_persons_min, completion_alpha, completion_min_n;
};

static int params_load(db *d, struct params *p, err *e)
{
	*p = (struct params){30, 3, 0.001, 20};
	db_stmt *st = db_query(d, "SELECT name, value FROM fraud_rule_params", NULL, 0, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *n = db_text(st, 0);
		double v = db_double(st, 1);
		if (!strcmp(n, "two_city_days"))
			p->two_city_days = v;
		else if (!strcmp(n, "device_persons_min"))
			p->device_persons_min = v;
		else if (!strcmp(n, "completion_alpha"))
			p->completion_alpha = v;
		else if (!strcmp(n, "completion_min_n"))
			p->completion_min_n = v;
	}
	return db_finish(st, e);
}

/* ---- a detection run ---- */

struct run {
	const char *from, *to;
	int ymd_from, ymd_to;
	int64_t t_from, t_to; /* the period in UTC seconds, China days */
	char region[16];      /* the run's region prefix */
	struct params p;
	int created[4], existing, linked;
};

static int kind_index(const char *kind)
{
	static const char *const k[] = {"two_cities", "shared_device", "exam_overlap", "completion_rate"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(k[i], kind))
			return i;
	return 0;
}

static void city_of(const char *region, char city[5])
{
	snprintf(city, 5, "%s", region ? region : "");
}

/* the signal of this key, made when new (audited), and its claims linked; `evidence` is taken */
static int put_signal(tx *t, struct run *r, const char *kind, const char *city, const char *key,
		      int64_t person, int64_t inst, double score, json_t *evidence, const int64_t *claims,
		      size_t nclaims, err *e)
{
	int rc = -1;
	char *ev = NULL;
	if (!region_covers(r->region, city)) {
		json_decref(evidence);
		return 0;
	}
	ev = json_dumps(evidence, JSON_COMPACT | JSON_SORT_KEYS);
	int64_t id = 0;
	int q = db_one_int(
		t->d,
		"INSERT INTO fraud_signals (kind, region_code, dedup_key, person_id, institution_id, "
		"period_from, period_to, score, evidence, state, created_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,'open',$10) ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
		DB_ARGS(DV_S(kind), DV_S(city), DV_S(key), person ? DV_I(person) : DV_NULL,
			inst ? DV_I(inst) : DV_NULL, DV_S(r->from), DV_S(r->to), DV_D(score),
			DV_S(ev ? ev : "{}"), DV_I(now_s())),
		&id, e);
	if (q == DB_OK) {
		r->created[kind_index(kind)]++;
		char idk[24];
		snprintf(idk, sizeof idk, "%lld", (long long)id);
		json_t *det = json_pack("{ss ss ss}", "kind", kind, "region_code", city, "key", key);
		int arc = tx_audit_now(t, "fraud_signal.open", "fraud_signal", idk, det, e);
		json_decref(det);
		if (arc != 0)
			goto out;
	} else if (q == DB_NOT_FOUND) {
		r->existing++;
		if (db_one_int(t->d, "SELECT id FROM fraud_signals WHERE dedup_key = $1", DB_ARGS(DV_S(key)),
			       &id, e) != DB_OK)
			goto out;
	} else {
		goto out;
	}
	for (size_t i = 0; i < nclaims; i++) {
		int64_t n = db_run(
			t->d,
			"INSERT INTO fraud_signal_claims (signal_id, claim_id) VALUES ($1,$2) ON CONFLICT "
			"(signal_id, claim_id) DO NOTHING",
			DB_ARGS(DV_I(id), DV_I(claims[i])), e);
		if (n < 0)
			goto out;
		if (q != DB_OK)
			r->linked += (int)n;
	}
	rc = 0;
out:
	free(ev);
	json_decref(evidence);
	return rc;
}

/* growable id lists */
struct ids {
	int64_t *v;
	size_t n, cap;
};

static void ids_add(struct ids *s, int64_t x)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == x)
			return;
	if (s->n == s->cap)
		s->v = xrealloc(s->v, (s->cap = s->cap ? s->cap * 2 : 16) * sizeof *s->v);
	s->v[s->n++] = x;
}

static json_t *ids_json(const struct ids *s)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->n; i++)
		json_array_append_new(a, json_integer((json_int_t)s->v[i]));
	return a;
}

/* the live claims of a person in a city for an occupation and level (what a training signal concerns) */
static int claims_of(db *d, int64_t person, const char *city, const char *occ, int64_t level, struct ids *out,
		     err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id FROM subsidy_claims WHERE person_id = $1 AND region_code LIKE $2 AND "
			 "occupation_code = $3 AND level = $4 AND status <> 'rejected' ORDER BY id",
			 DB_ARGS(DV_I(person), DV_S(city), DV_S(occ), DV_I(level)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW)
		ids_add(out, db_int(st, 0));
	return db_finish(st, e);
}

static char *like_of(const char *prefix, char buf[24])
{
	snprintf(buf, 24, "%s%%", prefix);
	return buf;
}

/* 两地申领: pairs of one person's claims in two cities */
static int detect_two_cities(tx *t, struct run *r, err *e)
{
	db_stmt *st =
		db_query(t->d,
			 "SELECT a.id, b.id, a.person_id, a.region_code, b.region_code, a.kind, b.kind, "
			 "a.occupation_code, b.occupation_code, a.level, b.level, a.applied_on, "
			 "b.applied_on, a.status, "
			 "b.status FROM subsidy_claims a JOIN subsidy_claims b ON b.person_id = a.person_id "
			 "AND a.id < b.id "
			 "AND substr(a.region_code, 1, 4) <> substr(b.region_code, 1, 4) WHERE (a.applied_on "
			 "BETWEEN $1 "
			 "AND $2 OR b.applied_on BETWEEN $1 AND $2) ORDER BY a.id, b.id",
			 DB_ARGS(DV_S(r->from), DV_S(r->to)), e);
	if (!st)
		return -1;
	struct pair {
		int64_t a, b, person;
		char ra[16], rb[16];
		json_t *ev;
		double days;
	} *pv = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		int da = 0, dbb = 0;
		date_parse(db_text(st, 11), &da);
		date_parse(db_text(st, 12), &dbb);
		long apart = labs(date_to_days(da) - date_to_days(dbb));
		bool same = !strcmp(db_text(st, 5), db_text(st, 6)) &&
			    !strcmp(db_text(st, 7), db_text(st, 8)) && db_int(st, 9) == db_int(st, 10);
		if (!same && apart > (long)r->p.two_city_days)
			continue;
		if (n == cap)
			pv = xrealloc(pv, (cap = cap ? cap * 2 : 16) * sizeof *pv);
		struct pair *x = &pv[n++];
		x->a = db_int(st, 0);
		x->b = db_int(st, 1);
		x->person = db_int(st, 2);
		snprintf(x->ra, sizeof x->ra, "%s", db_text(st, 3));
		snprintf(x->rb, sizeof x->rb, "%s", db_text(st, 4));
		x->days = (double)apart;
		json_t *claims = json_array();
		for (int k = 0; k < 2; k++)
			json_array_append_new(
				claims, json_pack("{sI ss ss ss sI ss ss}", "id", (json_int_t)db_int(st, k),
						  "region_code", db_text(st, 3 + k), "kind",
						  db_text(st, 5 + k), "occupation_code", db_text(st, 7 + k),
						  "level", (json_int_t)db_int(st, 9 + k), "applied_on",
						  db_text(st, 11 + k), "status", db_text(st, 13 + k)));
		x->ev = json_pack("{so sb sI sI}", "claims", claims, "same_subsidy", same, "days_apart",
				  (json_int_t)apart, "window_days", (json_int_t)r->p.two_city_days);
	}
	int rc = db_finish(st, e);
	for (size_t i = 0; i < n; i++) {
		/* one signal for each city, holding that city's claim */
		for (int k = 0; k < 2; k++) {
			if (rc != 0) {
				json_decref(pv[i].ev);
				break;
			}
			char city[5], key[96];
			city_of(k ? pv[i].rb : pv[i].ra, city);
			snprintf(key, sizeof key, "two_cities|%s|%lld|%lld", city, (long long)pv[i].a,
				 (long long)pv[i].b);
			int64_t claim = k ? pv[i].b : pv[i].a;
			json_t *ev = k ? pv[i].ev : json_incref(pv[i].ev);
			rc = put_signal(t, r, "two_cities", city, key, pv[i].person, 0, pv[i].days, ev,
					&claim, 1, e);
		}
	}
	free(pv);
	return rc;
}

/* 一机多签: a device that checked in many trainees in the period (per city of the classes' institutions) */
static int detect_shared_device(tx *t, struct run *r, err *e)
{
	char pat[24];
	db_stmt *st = db_query(
		t->d,
		"SELECT a.device_id, substr(i.region_code, 1, 4), COUNT(DISTINCT a.person_id), COUNT(*), "
		"MIN(a.checked_at), MAX(a.checked_at) FROM training_attendance a JOIN training_sessions s ON "
		"s.id "
		"= a.session_id JOIN training_classes c ON c.id = s.class_id JOIN institutions i ON i.id = "
		"c.institution_id WHERE a.device_id IS NOT NULL AND a.checked_at BETWEEN $1 AND $2 AND "
		"i.region_code LIKE $3 GROUP BY a.device_id, substr(i.region_code, 1, 4) HAVING "
		"COUNT(DISTINCT a.person_id) >= $4 ORDER BY 1, 2",
		DB_ARGS(DV_I(r->t_from), DV_I(r->t_to), DV_S(like_of(r->region, pat)),
			DV_I((int64_t)r->p.device_persons_min)),
		e);
	if (!st)
		return -1;
	struct dev {
		char device[72], city[8];
		int64_t persons, checkins, first, last;
	} *dv = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		if (n == cap)
			dv = xrealloc(dv, (cap = cap ? cap * 2 : 8) * sizeof *dv);
		struct dev *x = &dv[n++];
		snprintf(x->device, sizeof x->device, "%s", db_text(st, 0));
		snprintf(x->city, sizeof x->city, "%s", db_text(st, 1));
		x->persons = db_int(st, 2);
		x->checkins = db_int(st, 3);
		x->first = db_int(st, 4);
		x->last = db_int(st, 5);
	}
	int rc = db_finish(st, e);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct ids persons = {0}, classes = {0}, insts = {0}, claims = {0};
		char cpat[24];
		st = db_query(t->d,
			      "SELECT DISTINCT a.person_id, c.id, c.institution_id, t.occupation_code, "
			      "t.level FROM "
			      "training_attendance a JOIN training_sessions s ON s.id = a.session_id JOIN "
			      "training_classes c ON c.id = s.class_id JOIN training_courses t ON t.id = "
			      "c.course_id "
			      "JOIN institutions i ON i.id = c.institution_id WHERE a.device_id = $1 AND "
			      "a.checked_at BETWEEN $2 AND $3 AND i.region_code LIKE $4 ORDER BY 1, 2",
			      DB_ARGS(DV_S(dv[i].device), DV_I(r->t_from), DV_I(r->t_to),
				      DV_S(like_of(dv[i].city, cpat))),
			      e);
		rc = st ? 0 : -1;
		struct occ {
			int64_t person;
			char code[32];
			int64_t level;
		} occs[64];
		size_t nocc = 0;
		while (st && db_step(st) == DB_ROW) {
			ids_add(&persons, db_int(st, 0));
			ids_add(&classes, db_int(st, 1));
			ids_add(&insts, db_int(st, 2));
			if (nocc < ARRAY_LEN(occs)) {
				occs[nocc].person = db_int(st, 0);
				snprintf(occs[nocc].code, sizeof occs[nocc].code, "%s", db_text(st, 3));
				occs[nocc].level = db_int(st, 4);
				nocc++;
			}
		}
		if (st && db_finish(st, e) != 0)
			rc = -1;
		for (size_t k = 0; k < nocc && rc == 0; k++)
			rc = claims_of(t->d, occs[k].person, cpat, occs[k].code, occs[k].level, &claims, e);
		if (rc == 0) {
			char key[128];
			snprintf(key, sizeof key, "shared_device|%s|%s", dv[i].city, dv[i].device);
			json_t *ev =
				json_pack("{ss sI sI so so so sI sI}", "device_id", dv[i].device, "trainees",
					  (json_int_t)dv[i].persons, "checkins", (json_int_t)dv[i].checkins,
					  "persons", ids_json(&persons), "classes", ids_json(&classes),
					  "institutions", ids_json(&insts), "first_at",
					  (json_int_t)dv[i].first, "last_at", (json_int_t)dv[i].last);
			json_object_set_new(ev, "threshold",
					    json_integer((json_int_t)r->p.device_persons_min));
			rc = put_signal(t, r, "shared_device", dv[i].city, key, 0,
					insts.n == 1 ? insts.v[0] : 0, (double)dv[i].persons, ev, claims.v,
					claims.n, e);
		}
		free(persons.v);
		free(classes.v);
		free(insts.v);
		free(claims.v);
	}
	free(dv);
	return rc;
}

/* the session's hours in UTC seconds (the whole day when it has no times) */
static void session_span(const char *held_on, const char *s, const char *en, int64_t *from, int64_t *to)
{
	struct checkin_facts f = {.start_min = -1};
	date_parse(held_on, &f.held_on);
	if (s && en && hhmm_parse(s) >= 0 && hhmm_parse(en) >= 0) {
		f.start_min = hhmm_parse(s);
		f.end_min = hhmm_parse(en);
	}
	checkin_window(&f, from, to);
}

/* 考培冲突: a check-in to a session whose hours overlap an exam attempt of the same person */
static int detect_exam_overlap(tx *t, struct run *r, err *e)
{
	char pat[24];
	db_stmt *st = db_query(
		t->d,
		"SELECT a.session_id, a.person_id, a.checked_at, s.class_id, s.held_on, s.starts_at, "
		"s.ends_at, "
		"i.region_code, c.institution_id, co.occupation_code, co.level, x.id, x.sitting_id, "
		"x.started_at, "
		"COALESCE(x.submitted_at, x.deadline, x.started_at) FROM training_attendance a JOIN "
		"training_sessions s ON s.id = a.session_id JOIN training_classes c ON c.id = s.class_id "
		"JOIN "
		"training_courses co ON co.id = c.course_id JOIN institutions i ON i.id = c.institution_id "
		"JOIN "
		"attempts x ON x.person_id = a.person_id AND x.started_at IS NOT NULL AND x.started_at <= "
		"a.checked_at + 86400 AND COALESCE(x.submitted_at, x.deadline, x.started_at) >= a.checked_at "
		"- "
		"86400 WHERE a.checked_at BETWEEN $1 AND $2 AND i.region_code LIKE $3 ORDER BY a.session_id, "
		"a.person_id, x.id",
		DB_ARGS(DV_I(r->t_from), DV_I(r->t_to), DV_S(like_of(r->region, pat))), e);
	if (!st)
		return -1;
	struct hit {
		int64_t session, person, inst, attempt;
		char city[8], occ[32];
		int64_t level;
		double minutes;
		json_t *ev;
	} *hv = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		int64_t s0 = 0, s1 = 0, x0 = db_int(st, 13), x1 = db_int(st, 14);
		session_span(db_text(st, 4), db_text(st, 5), db_text(st, 6), &s0, &s1);
		int64_t lo = s0 > x0 ? s0 : x0, hi = s1 < x1 ? s1 : x1;
		if (hi <= lo)
			continue;
		if (n == cap)
			hv = xrealloc(hv, (cap = cap ? cap * 2 : 8) * sizeof *hv);
		struct hit *h = &hv[n++];
		h->session = db_int(st, 0);
		h->person = db_int(st, 1);
		h->inst = db_int(st, 8);
		h->attempt = db_int(st, 11);
		snprintf(h->city, sizeof h->city, "%.4s", db_text(st, 7));
		snprintf(h->occ, sizeof h->occ, "%s", db_text(st, 9));
		h->level = db_int(st, 10);
		h->minutes = (double)((hi - lo + 59) / 60);
		h->ev = json_pack("{sI sI sI ss so so sI sI sI sI sI sI sI}", "session_id",
				  (json_int_t)h->session, "class_id", (json_int_t)db_int(st, 3), "person_id",
				  (json_int_t)h->person, "held_on", db_text(st, 4), "starts_at",
				  db_isnull(st, 5) ? json_null() : json_string(db_text(st, 5)), "ends_at",
				  db_isnull(st, 6) ? json_null() : json_string(db_text(st, 6)), "checked_at",
				  (json_int_t)db_int(st, 2), "attempt_id", (json_int_t)h->attempt,
				  "sitting_id", (json_int_t)db_int(st, 12), "exam_started_at", (json_int_t)x0,
				  "exam_ended_at", (json_int_t)x1, "overlap_minutes", (json_int_t)h->minutes,
				  "checked_in_during_exam",
				  (json_int_t)(db_int(st, 2) >= x0 && db_int(st, 2) <= x1));
	}
	int rc = db_finish(st, e);
	for (size_t i = 0; i < n; i++) {
		if (rc != 0) {
			json_decref(hv[i].ev);
			continue;
		}
		struct ids claims = {0};
		rc = claims_of(t->d, hv[i].person, hv[i].city, hv[i].occ, hv[i].level, &claims, e);
		char key[96];
		snprintf(key, sizeof key, "exam_overlap|%lld|%lld|%lld", (long long)hv[i].session,
			 (long long)hv[i].person, (long long)hv[i].attempt);
		if (rc == 0)
			rc = put_signal(t, r, "exam_overlap", hv[i].city, key, hv[i].person, hv[i].inst,
					hv[i].minutes, hv[i].ev, claims.v, claims.n, e);
		else
			json_decref(hv[i].ev);
		free(claims.v);
	}
	free(hv);
	return rc;
}

/* 结业率异常: each institution's completions against the pooled rate of the others in the province */
static int detect_completion(tx *t, struct run *r, err *e)
{
	db_stmt *st = db_query(
		t->d,
		"SELECT c.institution_id, i.region_code, COUNT(*), SUM(CASE WHEN COALESCE((SELECT "
		"SUM(s.hours) "
		"FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE s.class_id "
		"= "
		"c.id AND a.person_id = e.person_id), 0) >= c.completion_hours THEN 1 ELSE 0 END) FROM "
		"training_enrolments e JOIN training_classes c ON c.id = e.class_id JOIN institutions i ON "
		"i.id = "
		"c.institution_id WHERE c.ends_on BETWEEN $1 AND $2 GROUP BY c.institution_id, i.region_code "
		"ORDER BY c.institution_id",
		DB_ARGS(DV_S(r->from), DV_S(r->to)), e);
	if (!st)
		return -1;
	struct unit {
		int64_t inst, n, k;
		char region[16];
	} *uv = NULL;
	size_t n = 0, cap = 0;
	int64_t tn = 0, tk = 0;
	while (db_step(st) == DB_ROW) {
		if (n == cap)
			uv = xrealloc(uv, (cap = cap ? cap * 2 : 16) * sizeof *uv);
		struct unit *u = &uv[n++];
		u->inst = db_int(st, 0);
		snprintf(u->region, sizeof u->region, "%s", db_text(st, 1));
		u->n = db_int(st, 2);
		u->k = db_int(st, 3);
		tn += u->n;
		tk += u->k;
	}
	int rc = db_finish(st, e);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct unit *u = &uv[i];
		char city[5];
		city_of(u->region, city);
		if (!region_covers(r->region, city))
			continue;
		struct completion_test ct =
			completion_outlier(u->k, u->n, tk - u->k, tn - u->n, r->p.completion_alpha,
					   (int64_t)r->p.completion_min_n);
		if (!ct.outlier)
			continue;
		/* the claims of its completed trainees, of the classes' occupations and levels, in its city
		 */
		struct ids claims = {0}, classes = {0};
		char cpat[24];
		st = db_query(t->d,
			      "SELECT c.id, e.person_id, t.occupation_code, t.level FROM training_enrolments "
			      "e JOIN "
			      "training_classes c ON c.id = e.class_id JOIN training_courses t ON t.id = "
			      "c.course_id "
			      "WHERE c.institution_id = $1 AND c.ends_on BETWEEN $2 AND $3 ORDER BY c.id, "
			      "e.person_id",
			      DB_ARGS(DV_I(u->inst), DV_S(r->from), DV_S(r->to)), e);
		rc = st ? 0 : -1;
		struct occ {
			int64_t person;
			char code[32];
			int64_t level;
		} *ov = NULL;
		size_t no = 0, co = 0;
		while (st && db_step(st) == DB_ROW) {
			ids_add(&classes, db_int(st, 0));
			if (no == co)
				ov = xrealloc(ov, (co = co ? co * 2 : 32) * sizeof *ov);
			ov[no].person = db_int(st, 1);
			snprintf(ov[no].code, sizeof ov[no].code, "%s", db_text(st, 2));
			ov[no].level = db_int(st, 3);
			no++;
		}
		if (st && db_finish(st, e) != 0)
			rc = -1;
		for (size_t k = 0; k < no && rc == 0; k++)
			rc = claims_of(t->d, ov[k].person, like_of(city, cpat), ov[k].code, ov[k].level,
				       &claims, e);
		free(ov);
		if (rc == 0) {
			char key[96];
			snprintf(key, sizeof key, "completion_rate|%lld|%s|%s", (long long)u->inst, r->from,
				 r->to);
			json_t *ev = json_pack(
				"{sI sI sf sI sI sf sf sf sf so}", "trainees", (json_int_t)u->n, "completed",
				(json_int_t)u->k, "rate", ct.rate, "peer_trainees", (json_int_t)(tn - u->n),
				"peer_completed", (json_int_t)(tk - u->k), "peer_rate", ct.p0, "p_value",
				ct.p_value, "alpha", r->p.completion_alpha, "funnel_upper_999",
				funnel_upper(ct.p0, u->n, 3.0902), "classes", ids_json(&classes));
			json_object_set_new(ev, "min_trainees",
					    json_integer((json_int_t)r->p.completion_min_n));
			rc = put_signal(t, r, "completion_rate", city, key, 0, u->inst, ct.p_value, ev,
					claims.v, claims.n, e);
		}
		free(claims.v);
		free(classes.v);
	}
	free(uv);
	return rc;
}

static int detect_work(tx *t, void *p, err *e)
{
	struct run *r = p;
	memset(r->created, 0, sizeof r->created);
	r->existing = r->linked = 0;
	if (params_load(t->d, &r->p, e) != 0 || detect_two_cities(t, r, e) != 0 ||
	    detect_shared_device(t, r, e) != 0 || detect_exam_overlap(t, r, e) != 0 ||
	    detect_completion(t, r, e) != 0)
		return -1;
	tx_audit_key(t, "fraud_signal.detect", "fraud_detection", r->region,
		     json_pack("{ss ss ss sI sI sI sI sI sI}", "from", r->from, "to", r->to, "region_code",
			       r->region, "two_cities", (json_int_t)r->created[0], "shared_device",
			       (json_int_t)r->created[1], "exam_overlap", (json_int_t)r->created[2],
			       "completion_rate", (json_int_t)r->created[3], "existing",
			       (json_int_t)r->existing, "linked", (json_int_t)r->linked));
	return 0;
}

json_t *fraud_detect(db *d, const principal *a, const char *from, const char *to, const char *region_code,
		     err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "疑点线索由人社部门检测",
			       "the bureau runs detections"),
		       NULL;
	struct run r = {.from = from, .to = to};
	if (!from || date_parse(from, &r.ymd_from) != 0)
		return err_set(e, 422, "invalid_date", "from", "日期格式应为 YYYY-MM-DD",
			       "a date is YYYY-MM-DD"),
		       NULL;
	if (!to || date_parse(to, &r.ymd_to) != 0)
		return err_set(e, 422, "invalid_date", "to", "日期格式应为 YYYY-MM-DD",
			       "a date is YYYY-MM-DD"),
		       NULL;
	long days = date_to_days(r.ymd_to) - date_to_days(r.ymd_from);
	if (days < 0)
		return err_set(e, 422, "invalid_range", "to", "结束日期不能早于开始日期",
			       "the period cannot end before it starts"),
		       NULL;
	if (days >= FRAUD_PERIOD_MAX_DAYS)
		return err_set(e, 422, "out_of_range", "to", "一次检测的期间至多 %d 天",
			       "a detection period is at most %d days", FRAUD_PERIOD_MAX_DAYS),
		       NULL;
	char f10[11], t10[11];
	date_format(r.ymd_from, f10);
	date_format(r.ymd_to, t10);
	r.from = f10;
	r.to = t10;
	r.t_from = china_time_s(r.ymd_from, 0);
	r.t_to = china_time_s(r.ymd_to, 1440) - 1;
	snprintf(r.region, sizeof r.region, "%s", a->region);
	if (region_code && *region_code) {
		size_t n = strlen(region_code);
		while (n > 2 && n > strlen(a->region) && region_code[n - 1] == '0' &&
		       region_code[n - 2] == '0')
			n -= 2; /* 370100 -> 3701 */
		if (n >= sizeof r.region || strspn(region_code, "0123456789") != strlen(region_code))
			return err_set(e, 422, "invalid_value", "region_code", "行政区划代码无效",
				       "not a region code"),
			       NULL;
		char want[16];
		snprintf(want, sizeof want, "%.*s", (int)n, region_code);
		if (!region_covers(a->region, want))
			return err_set(e, 403, "outside_scope", "region_code", "只能检测本地区",
				       "a detection runs within one's own region"),
			       NULL;
		snprintf(r.region, sizeof r.region, "%s", want);
	}
	if (!*r.region)
		return err_set(e, 403, "forbidden", NULL, "账号没有所属地区", "the account has no region"),
		       NULL;
	if (svc_tx(d, a, detect_work, &r, e) != 0)
		return NULL;
	return json_pack("{ss ss ss s{sI sI sI sI} sI sI}", "from", r.from, "to", r.to, "region_code",
			 r.region, "created", "two_cities", (json_int_t)r.created[0], "shared_device",
			 (json_int_t)r.created[1], "exam_overlap", (json_int_t)r.created[2],
			 "completion_rate", (json_int_t)r.created[3], "existing", (json_int_t)r.existing,
			 "linked", (json_int_t)r.linked);
}

/* ---- the queue ---- */

#define SIGNAL_COLS                                                                                          \
	"fs.id, fs.kind, fs.region_code, fs.person_id, fs.institution_id, fs.period_from, fs.period_to, "    \
	"fs.score, fs.state, fs.reason, fs.reviewed_by, fs.reviewed_at, fs.created_at, (SELECT COUNT(*) "    \
	"FROM fraud_signal_claims fc WHERE fc.signal_id = fs.id), inst.name"
#define SIGNAL_FROM " FROM fraud_signals fs LEFT JOIN institutions inst ON inst.id = fs.institution_id"

static json_t *nullable_int(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer((json_int_t)db_int(st, col));
}

static json_t *signal_view(db_stmt *st)
{
	const char *kind = db_text(st, 1), *state = db_text(st, 8);
	return json_pack(
		"{sI ss ss ss so so so ss ss sf ss ss ss so so so sI sI}", "id", (json_int_t)db_int(st, 0),
		"kind", kind, "kind_zh", fraud_kind_zh(kind), "region_code", db_text(st, 2), "person_id",
		nullable_int(st, 3), "institution_id", nullable_int(st, 4), "institution_name",
		db_isnull(st, 14) ? json_null() : json_string(db_text(st, 14)), "period_from", db_text(st, 5),
		"period_to", db_text(st, 6), "score", db_double(st, 7), "state", state, "state_zh",
		fsm_state_zh(&fraud_signal_fsm, state), "state_en", fsm_state_en(&fraud_signal_fsm, state),
		"reason", db_isnull(st, 9) ? json_null() : json_string(db_text(st, 9)), "reviewed_by",
		nullable_int(st, 10), "reviewed_at", nullable_int(st, 11), "created_at",
		(json_int_t)db_int(st, 12), "claims", (json_int_t)db_int(st, 13));
}

static int filter_kind(query *w, const char *frag, const char *v, err *e)
{
	if (!fraud_kind_valid(v))
		return err_set(e, 422, "invalid_value", "kind",
			       "kind 应为 two_cities、shared_device、exam_overlap 或 completion_rate",
			       "kind is two_cities, shared_device, exam_overlap or completion_rate");
	q_and(w, frag, DV_S(v));
	return 0;
}

static int filter_state(query *w, const char *frag, const char *v, err *e)
{
	if (fsm_check_state(&fraud_signal_fsm, v, e) != 0)
		return -1;
	q_and(w, frag, DV_S(v));
	return 0;
}

static const struct list_filter signal_filters[] = {
	{"kind", "fs.kind = ?", LIST_FN, 32, filter_kind},
	{"state", "fs.state = ?", LIST_FN, 32, filter_state},
	{"institution_id", "fs.institution_id = ?", LIST_ID, 0, NULL},
	{"person_id", "fs.person_id = ?", LIST_ID, 0, NULL},
	{"region_code", "fs.region_code LIKE ?", LIST_REGION, 0, NULL},
};

static const struct list_sort signal_sorts[] = {
	{"id", "fs.id"},
	{"score", "fs.score"},
	{"created_at", "fs.created_at"},
};

static const struct export_col signal_cols[] = {
	{"id", "编号"},
	{"kind_zh", "类型"},
	{"region_code", "复核地市"},
	{"person_id", "人员编号"},
	{"institution_name", "机构"},
	{"period_from", "检测期间起"},
	{"period_to", "检测期间止"},
	{"score", "指标"},
	{"state_zh", "状态"},
	{"reason", "复核意见"},
	{"claims", "涉及申领"},
};

const struct list_spec fraud_signal_list = {
	.name = "fraud-signals",
	.scoped = true,
	.entity = SE_FRAUD_SIGNAL,
	.count_sql = "SELECT COUNT(*)" SIGNAL_FROM,
	.select_sql = "SELECT " SIGNAL_COLS SIGNAL_FROM,
	.order = "fs.id DESC",
	LIST_FILTERS(signal_filters),
	LIST_SORTS(signal_sorts),
	.view = signal_view,
	LIST_COLS(signal_cols),
};

static json_t *linked_claims(db *d, int64_t id, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT sc.id, sc.person_id, sc.kind, sc.occupation_code, sc.level, sc.region_code, "
			 "sc.amount_fen, sc.status, sc.applied_on FROM fraud_signal_claims fc JOIN "
			 "subsidy_claims sc ON sc.id = fc.claim_id WHERE fc.signal_id = $1 ORDER BY sc.id",
			 DB_ARGS(DV_I(id)), e);
	if (!st)
		return NULL;
	json_t *arr = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			arr, json_pack("{sI sI ss ss sI ss sI ss ss}", "id", (json_int_t)db_int(st, 0),
				       "person_id", (json_int_t)db_int(st, 1), "kind", db_text(st, 2),
				       "occupation_code", db_text(st, 3), "level", (json_int_t)db_int(st, 4),
				       "region_code", db_text(st, 5), "amount_fen", (json_int_t)db_int(st, 6),
				       "status", db_text(st, 7), "applied_on", db_text(st, 8)));
	if (db_finish(st, e) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *fraud_signal_get_json(db *d, const principal *a, int64_t id, err *e)
{
	if (scope_check(d, a, SE_FRAUD_SIGNAL, id, SCOPE_READ, NULL, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "疑点线索不存在", "no such fraud signal");
		return NULL;
	}
	db_stmt *st = db_query(d, "SELECT " SIGNAL_COLS ", fs.evidence" SIGNAL_FROM " WHERE fs.id = $1",
			       DB_ARGS(DV_I(id)), e);
	if (!st)
		return NULL;
	json_t *o = NULL;
	char state[16] = "";
	int rc = db_row(st, e);
	if (rc == 1) {
		o = signal_view(st);
		snprintf(state, sizeof state, "%s", db_text(st, 8));
		json_t *ev = json_loads(db_text(st, 15), 0, NULL);
		json_object_set_new(o, "evidence", ev ? ev : json_object());
	}
	if (db_finish(st, e) != 0 || rc != 1) {
		json_decref(o);
		if (rc == 0)
			err_set(e, 404, "not_found", NULL, "疑点线索不存在", "no such fraud signal");
		return NULL;
	}
	json_t *claims = linked_claims(d, id, e);
	if (!claims) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "linked_claims", claims);
	bool may = scope_check(d, a, SE_FRAUD_SIGNAL, id, SCOPE_WRITE, NULL, e) == 0;
	err_clear(e);
	const struct fsm_transition *moves[4];
	size_t n = fsm_available(&fraud_signal_fsm, state, fsm_acting(a, may), NULL, moves, 4);
	json_t *actions = json_array();
	for (size_t i = 0; i < n && i < 4; i++)
		json_array_append_new(actions,
				      json_pack("{s:s, s:s, s:s, s:s, s:b}", "action", moves[i]->action, "to",
						moves[i]->to, "zh", moves[i]->zh, "en", moves[i]->en,
						"needs_reason", (moves[i]->flags & FSM_NEEDS_REASON) != 0));
	json_object_set_new(o, "actions", actions);
	return o;
}

/* ---- the review ---- */

struct review_ctx {
	int64_t id;
	const char *to, *reason;
};

static int review_work(tx *t, void *p, err *e)
{
	struct review_ctx *c = p;
	if (scope_check(t->d, t->a, SE_FRAUD_SIGNAL, c->id, SCOPE_WRITE, NULL, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "疑点线索不存在", "no such fraud signal");
		return -1;
	}
	char state[16] = "";
	db_stmt *st =
		db_query(t->d, "SELECT state FROM fraud_signals WHERE id = $1", DB_ARGS(DV_I(c->id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1)
		snprintf(state, sizeof state, "%s", db_text(st, 0));
	if (db_finish(st, e) != 0 || rc != 1)
		return rc == 0 ? err_set(e, 404, "not_found", NULL, "疑点线索不存在", "no such fraud signal")
			       : -1;
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&fraud_signal_fsm, state, c->to, fsm_acting(t->a, true), c->reason, NULL, &tr, e) != 0)
		return -1;
	int64_t n =
		db_run(t->d,
		       "UPDATE fraud_signals SET state = $1, reason = $2, reviewed_by = $3, reviewed_at = $4 "
		       "WHERE id = $5 AND state = $6",
		       DB_ARGS(DV_S(c->to), DV_S(c->reason), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL,
			       DV_I(now_s()), DV_I(c->id), DV_S(state)),
		       e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_transition", "state", "疑点线索已被复核",
			       "the signal was reviewed");
	int64_t held = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM fraud_signal_claims WHERE signal_id = $1",
		       DB_ARGS(DV_I(c->id)), &held, e) != DB_OK)
		return -1;
	tx_audit(t, tr->audit, "fraud_signal", c->id,
		 json_pack("{ss ss ss sI}", "from", state, "to", c->to, "reason", c->reason, "claims",
			   (json_int_t)held));
	return 0;
}

int fraud_signal_review(db *d, const principal *a, int64_t id, const char *state, const char *reason, err *e)
{
	if (fsm_check_state(&fraud_signal_fsm, state, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", 500, false, e) != 0)
		return -1;
	struct review_ctx c = {.id = id, .to = state, .reason = reason && *reason ? reason : NULL};
	return svc_tx(d, a, review_work, &c, e);
}

/* ---- the claims' side ---- */

int fraud_claim_holds(db *d, int64_t claim_id, int *n, err *e)
{
	int64_t v = 0;
	*n = 0;
	int rc = db_one_int(d,
			    "SELECT COUNT(*) FROM fraud_signal_claims fc JOIN fraud_signals fs ON fs.id = "
			    "fc.signal_id WHERE fc.claim_id = $1 AND fs.state = 'confirmed'",
			    DB_ARGS(DV_I(claim_id)), &v, e);
	if (rc != DB_OK)
		return -1;
	*n = (int)v;
	return 0;
}

json_t *fraud_claim_signals(db *d, int64_t claim_id, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT fs.id, fs.kind, fs.state FROM fraud_signal_claims fc JOIN fraud_signals fs ON "
		"fs.id = fc.signal_id WHERE fc.claim_id = $1 AND fs.state <> 'dismissed' ORDER BY fs.id",
		DB_ARGS(DV_I(claim_id)), e);
	if (!st)
		return NULL;
	json_t *arr = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(arr, json_pack("{sI ss ss ss}", "id", (json_int_t)db_int(st, 0), "kind",
						     db_text(st, 1), "kind_zh", fraud_kind_zh(db_text(st, 1)),
						     "state", db_text(st, 2)));
	if (db_finish(st, e) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
