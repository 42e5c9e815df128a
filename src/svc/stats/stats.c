/* stats.c: 统计概览 for the dashboard. Every figure is one grouped, scoped query over certificates, results,
 * persons and institutions; nothing is cached, so the figures are as fresh as the data. */
#include "util/common.h"
#include "store/query.h"
#include "svc/stats/stats.h"
#include "svc/stats/view.h"

#define CERT_FROM " FROM certificates c JOIN institutions i ON i.id = c.institution_id"

/* grouped: the rows of "<head>" + the rows of `ent` principal a may read + "<tail>", each through view */
static json_t *grouped(db *d, const principal *a, const char *head, enum scope_entity ent, const char *tail,
		       json_t *(*view)(db_stmt *st), err *e)
{
	query q;
	q_init(&q, head);
	scope_where(&q, a, ent, SCOPE_READ);
	q_sql(&q, tail);
	json_t *rows = rows_json(q_query(d, &q, e), view, e);
	q_free(&q);
	return rows;
}

static int64_t scalar(db *d, query *q, err *e)
{
	db_stmt *st = q_query(d, q, e);
	q_free(q);
	if (!st)
		return -1;
	int64_t v = db_row(st, e) > 0 ? db_int(st, 0) : err_isset(e) ? -1 : 0;
	db_done(st);
	return v;
}

json_t *stats_overview_json(db *d, const principal *a, err *e)
{
	json_t *out = json_object();
	json_t *v;
	query q;

	static const char group_tail[] = " GROUP BY 1 ORDER BY 1";
	if (!(v = grouped(d, a, "SELECT substr(c.issued_on, 1, 7), COUNT(*)" CERT_FROM, SE_CERTIFICATE,
			  group_tail, month_count_view, e)))
		goto fail;
	json_object_set_new(out, "certificates_by_month", v);
	if (!(v = grouped(d, a, "SELECT c.level, COUNT(*)" CERT_FROM, SE_CERTIFICATE, group_tail,
			  level_count_view, e)))
		goto fail;
	json_object_set_new(out, "certificates_by_level", v);
	/* grouped in an outer query so that PostgreSQL and SQLite accept the same text */
	if (!(v = grouped(d, a,
			  "SELECT x.code, COUNT(*), MAX(r.name) FROM (SELECT substr(i.region_code, 1, 4) || "
			  "'00' AS "
			  "code" CERT_FROM,
			  SE_CERTIFICATE,
			  ") x LEFT JOIN regions r ON r.code = x.code GROUP BY x.code ORDER BY 2 DESC, 1",
			  city_count_view, e)))
		goto fail;
	json_object_set_new(out, "certificates_by_city", v);
	if (!(v = grouped(
		      d, a,
		      "SELECT r.occupation_code, COALESCE(o.name, r.occupation_code), COUNT(*), "
		      "SUM(CASE WHEN r.passed = 1 THEN 1 ELSE 0 END) FROM results r "
		      "JOIN institutions i ON i.id = r.institution_id LEFT JOIN occupations o ON o.code = "
		      "r.occupation_code",
		      SE_RESULT, " GROUP BY r.occupation_code, o.name ORDER BY 3 DESC, 1", pass_rate_view,
		      e)))
		goto fail;
	json_object_set_new(out, "pass_rates", v);

	q_init(&q, "SELECT COUNT(*)" CERT_FROM);
	scope_where(&q, a, SE_CERTIFICATE, SCOPE_READ);
	int64_t n = scalar(d, &q, e);
	if (n < 0)
		goto fail;
	json_object_set_new(out, "certificates_total", json_integer(n));

	q_init(&q, "SELECT COUNT(DISTINCT c.person_id)" CERT_FROM);
	q_and(&q, "c.status = 'valid'", DV_NULL);
	q_and(&q, "c.level BETWEEN 1 AND 3", DV_NULL);
	scope_where(&q, a, SE_CERTIFICATE, SCOPE_READ);
	if ((n = scalar(d, &q, e)) < 0)
		goto fail;
	json_object_set_new(out, "high_skill_total", json_integer(n));

	/* persons: those the caller's person scope reaches (the same rows as its person list); supervisors,
	 * who read no person records, count the persons living in their assigned region */
	q_init(&q, "SELECT COUNT(*) FROM persons p");
	if (a->role == ROLE_SUPERVISOR) {
		char pat[20];
		snprintf(pat, sizeof pat, "%s%%", a->region);
		q_and(&q, "p.region_code LIKE ?", DV_S(pat));
	} else {
		scope_where(&q, a, SE_PERSON, SCOPE_READ);
	}
	if ((n = scalar(d, &q, e)) < 0)
		goto fail;
	json_object_set_new(out, "persons_total", json_integer(n));

	q_init(&q, "SELECT COUNT(*) FROM institutions i");
	scope_where(&q, a, SE_INSTITUTION, SCOPE_READ);
	if ((n = scalar(d, &q, e)) < 0)
		goto fail;
	json_object_set_new(out, "institutions_total", json_integer(n));
	return out;
fail:
	json_decref(out);
	return NULL;
}
