/* insurance.h: 参保记录 — unemployment-insurance periods imported from the social-insurance agency's CSV
 * (person's 公民身份号码, period start and end, city) through the import runner into
 * social_insurance_periods (025_insurance_records.sql). The 技能提升补贴 check (claims.c) reads a person's
 * records instead of the periods entered at the window when there are any. */
#ifndef JINENG_SVC_TRAINING_INSURANCE_H
#define JINENG_SVC_TRAINING_INSURANCE_H

#include "core/principal.h"
#include "core/eligibility.h"
#include "store/db.h"
#include <jansson.h>

#define INSURANCE_MAX_PERIODS 120

/* insurance_import: the file (CSV or XLSX; columns id_number 公民身份号码, start 参保开始, end 参保结束
 * (the last day insured, inclusive; empty: still insured), region_code 参保地) into the table; a row of an
 * unknown person is rejected (unknown_person), a row of a city outside the caller's region too
 * (outside_scope: a city imports its own rows, the province all); a period already held (person, start, city)
 * has its end updated, so importing the same file again changes nothing. Audited training.insurance.import.
 * Returns the report or NULL. */
json_t *insurance_import(db *d, const principal *a, const char *data, size_t len, err *e);

/* insurance_periods: the person's imported periods (at most INSURANCE_MAX_PERIODS) as the rule engine takes
 * them ([start, end): end is the day after the last day insured, 0 while insured), *n 0 when none */
int insurance_periods(db *d, int64_t person_id, struct fact_work *out, size_t *n, err *e) WUR;

#endif
