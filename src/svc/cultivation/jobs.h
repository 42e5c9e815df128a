/* jobs.h: 就业服务 (issue 23 item 6; docs/DOMAIN.md §54) — job recommendations after certification and the
 * employment outcomes of those trained or certified.
 *
 * A recommendation matches a person's valid certificates (occupation, grade) and region to the open job
 * postings (job_postings, imported by the statistics domain: 051_shortage_warning.sql) by core/apprentice.h's
 * rules: the posting's occupation is one the person holds a certificate of, its level (a core/ladder.h rung;
 * NULL or 学徒工: any) is reached by the certificate's grade (特级技师 / 首席技师 postings by none: they are
 * appointments), and it lies in the person's city (or under their region). Open: posted by today and not
 * closed before it. The bureau or an institution may send them to the person (岗位推荐, logged as a service
 * with the person's 重点群体 category when they hold one).
 *
 * An outcome (就业去向) records whether a person trained in a class, completed an apprenticeship or certified
 * is employed, by whom and since when; within_6m when employed no later than 6 months after the class's end,
 * the completion or the certificate's issue. Figures per class, programme and institution. */
#ifndef JINENG_SVC_CULTIVATION_JOBS_H
#define JINENG_SVC_CULTIVATION_JOBS_H

#include "svc/base/svc.h"

/* job_recommend_json: the matching open postings of `person` (a candidate: their own, person ignored; others:
 * a person they read) with why each matches: {person_id, region_code, certificates, category, items} */
json_t *job_recommend_json(db *d, const principal *a, int64_t person, err *e);
/* job_recommend_send: the bureau or an institution sends the person's recommendations: logged as a 岗位推荐
 * service (person_services) with the postings' ids; {service_id, postings, recommendations} */
json_t *job_recommend_send(db *d, const principal *a, int64_t person, err *e);

struct outcome_input {
	int64_t person_id;
	const char *ref_kind;	    /* class, apprenticeship, certificate */
	int64_t ref_id;		    /* the class or apprenticeship */
	const char *certificate_no; /* ref_kind certificate: the certificate's number */
	int employed;		    /* 1 / 0; -1 not given */
	const char *employer_name, *employed_on, *programme;
	int64_t employer_id, posting_id;
};
/* outcome_put: records (or replaces) the outcome; the bureau of the institution's region or the institution
 * (the class's, the apprenticeship's trainer, the certificate's issuer; an apprenticeship's employer too);
 * audited employment_outcome.put. Returns the row. */
json_t *outcome_put(db *d, const principal *a, const struct outcome_input *in, err *e);
/* outcome_summary_json: by class, programme or institution: {by, items: [{key, name, total, employed,
 * within_6m, rate_6m}]} within the caller's reach (the province all, a city its region, an institution its
 * own) */
json_t *outcome_summary_json(db *d, const principal *a, const char *by, err *e);

#endif
