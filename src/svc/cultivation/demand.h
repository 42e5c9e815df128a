/* demand.h: 岗位需求 → 培训班 / 订单班 (issue 23 item 6; docs/DOMAIN.md §63). A bureau (the province, the
 * city) or the institution that runs the class answers one or more job postings (the statistics domain's
 * job_postings) with a training class (svc/training/classes.h) or an 订单班 (orders.h) — an existing one or
 * one opened in the same transaction — pledging places to each posting; the rules (core/demand.h) are data
 * (demand_rules). The postings are listed with the classes that answer them, demand covered against places
 * offered. */
#ifndef JINENG_SVC_CULTIVATION_DEMAND_H
#define JINENG_SVC_CULTIVATION_DEMAND_H

#include "svc/base/svc.h"
#include "svc/cultivation/orders.h"
#include "svc/training/classes.h"

/* demand_rules_json: {items: [{key, value, min, max, name, source}]} (the bureaus and institutions) */
json_t *demand_rules_json(db *d, const principal *a, err *e);
/* demand_rules_put: the province sets one or more rules (within each one's range) with its grounds
 * (demand.rules) */
struct demand_rule_value {
	const char *key;
	int64_t value;
};
json_t *demand_rules_put(db *d, const principal *a, const struct demand_rule_value *v, size_t n,
			 const char *grounds, err *e);

#define DEMAND_MAX_POSTINGS 20
struct demand_pledge {
	int64_t posting_id, places;
};
struct demand_answer_input {
	const char *kind;  /* class / order_class */
	int64_t target_id; /* an existing class; 0: open one from new_class / new_order */
	int64_t course_id; /* a new training class: its course and the class's input */
	struct training_class_input new_class;
	struct order_class_input new_order; /* a new 订单班 (the school opens it) */
	struct demand_pledge pledges[DEMAND_MAX_POSTINGS];
	size_t n;
};
/* demand_answer: the pledges of one class (opened here when target_id is 0) to postings, in one transaction
 * (demand.answer, besides the class's own audit record when it is opened): 201 {kind, id, answers} */
json_t *demand_answer(db *d, const principal *a, const struct demand_answer_input *in, err *e);

struct demand_posting_query {
	const char *occupation_code, *region_code;
	bool open_only, mine; /* mine: the postings answered by the caller's institution */
	int64_t limit, offset;
};
/* demand_postings_json: the postings within the caller's region (the province all, a city its own, an
 * institution its city's), newest first, each with the classes that answer it, places pledged and the demand
 * covered; totals of the page's query ({items, total, totals: {vacancies, pledged, covered}}) */
json_t *demand_postings_json(db *d, const principal *a, const struct demand_posting_query *q, err *e);
/* demand_answers_of: the postings a class (kind class / order_class) answers, for its page */
json_t *demand_answers_of(db *d, const principal *a, const char *kind, int64_t id, err *e);

#endif
