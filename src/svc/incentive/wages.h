/* wages.h: 工资价位 and pay guidance (issue 22 item 6; docs/DOMAIN.md §40; the rules are core/wages.h).
 *
 * Employers (an institution's administrator or staff, for the institution's own employees) submit the
 * annual pay of each person by post (occupation) and level, as a CSV or XLSX file through the import
 * runner; the ID number is sealed as persons' are (SM4-GCM, blind index, mask) and nothing is published raw.
 * The bureau (the province for the whole province, a city for its own) publishes a year: the 10 / 25 / 50 /
 * 75 / 90 percentiles by region, post and level over the year's set of posts, each cell subject to the
 * disclosure rules (data: wage_rules), with the change of the median against the previous year's
 * publication. The public reads published cells only (suppressed cells say why, without counts). An
 * employer's submissions are checked against the minimum pay of their post class (105 / 120 / 150 / 200 %
 * of the local monthly minimum wage, data with its source).
 *
 * Scope: submissions are SE_WAGE_SUBMISSION (core/scope.c): the employer its own, the province all, a city
 * its region's; another employer, examiners, supervisors, candidates and the public none. Every change is
 * audited in its transaction: wage.posts.set, wage.min_wage.set, wage.import, wage.publish. */
#ifndef JINENG_SVC_INCENTIVE_WAGES_H
#define JINENG_SVC_INCENTIVE_WAGES_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

#define WAGE_YEAR_MIN  2000 /* the survey's years: 2000 to next year (China time) */
#define WAGE_MAX_POSTS 200  /* posts in one year's set (seed 000 publishes 50) */

/* wage_rules_json: {rules:[{key, value, name_zh, source}], post_classes:[{code, name_zh, min_pct,
 * source}], min_wages:[{region_code, region_name, effective_from, monthly, monthly_fen, source}]} (public) */
json_t *wage_rules_json(db *d, err *e);

/* wage_min_wage_put: the statutory monthly minimum wage of a region from a day (created or replaced):
 * monthly in yuan as text ("2200", "2010.50"), source required (1..300 characters: the document, or "[GAP]
 * …"). The province any region of the province, a city its own region and counties. Audited
 * wage.min_wage.set. */
struct wage_min_wage_input {
	const char *effective_from; /* YYYY-MM-DD */
	const char *monthly;	    /* yuan */
	const char *source;
};
int wage_min_wage_put(db *d, const principal *a, const char *region_code,
		      const struct wage_min_wage_input *in, err *e) WUR;

/* the yearly set of posts */
struct wage_post_input {
	const char *occupation_code;
	const char *name;	/* the post's published name; NULL or "": the occupation's */
	const char *post_class; /* basic | important | key | core */
};
/* wage_posts_put: replaces the set of posts of `year` (the province only; 409 published when a publication
 * of the year exists). Audited wage.posts.set with the codes. */
int wage_posts_put(db *d, const principal *a, int64_t year, const struct wage_post_input *posts, size_t n,
		   err *e) WUR;
/* wage_posts_json: {year, items:[{occupation_code, occupation_name, name, post_class, post_class_zh,
 * min_pct}]} (public) */
json_t *wage_posts_json(db *d, int64_t year, err *e);

/* wage_import: an employer's file of pay for `year` (columns id_number 证件号码, occupation_code 职业编码,
 * level 技能等级, annual_pay 年度工资收入 in yuan; name 姓名 is read and not kept). Each row is a person of
 * the employer: a row for a person already submitted that year replaces it (a file imported again changes
 * nothing). Rejected rows: a bad ID number, an occupation not among the year's posts, an unknown level, a
 * pay that is not a positive amount, the same person twice in the file. The institution's own
 * administrator or staff (403 otherwise). {rows, imported (accepted rows), inserted, updated, unchanged,
 * rejected, stored, errors}. */
json_t *wage_import(db *d, const principal *a, int64_t year, const char *data, size_t len,
		    bool all_or_nothing, err *e);

/* wage_submission_list: the submissions the principal may read (masked ID numbers); filters year,
 * institution_id, occupation_code, level (a code or name), region_code */
extern const struct list_spec wage_submission_list;

/* wage_publish: the bureau publishes `year` for `region_code` (370000 the province: the province admin; a
 * city's code: the province or that city's admin). Cells for the region and each region below it (the
 * cities of the province, the counties of a city) by post and level; the previous publication of the same
 * year and region is superseded. *id the new publication. 422 no_posts when the year has no posts. Audited
 * wage.publish with the counts. */
int wage_publish(db *d, const principal *a, int64_t year, const char *region_code, int64_t *id, err *e) WUR;

/* wage_publication_json: a publication with every cell, suppressed ones with their counts and reasons (the
 * bureau: the province, the city for a publication of its city). 404 otherwise. */
json_t *wage_publication_json(db *d, const principal *a, int64_t id, err *e);

/* wage_public_json: the published table of `year` for `region_code` (NULL: the province), as the public
 * reads it: the current publication, the published cells with their percentiles and the change of the
 * median, the suppressed cells with their reasons and no counts. Filters occupation_code and level (NULL:
 * all). 404 not_published. */
json_t *wage_public_json(db *d, int64_t year, const char *region_code, const char *occupation_code,
			 const char *level, err *e);

/* wage_check_json: the employer's submissions of `year` against the minimum pay of their post: {year,
 * institution_id, min_wage:{region_code, monthly, source, effective_from} | null, checked, below,
 * items:[{id_number (masked), occupation_code, level, post_class, min_pct, annual_pay, minimum, shortfall}]}
 * (the rows below their minimum). The institution's own administrator or staff (institution_id 0: their
 * own), the province, the institution's city. 422 no_min_wage when the region has none in force. */
json_t *wage_check_json(db *d, const principal *a, int64_t year, int64_t institution_id, err *e);

#endif
