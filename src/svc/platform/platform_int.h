/* platform_int.h: what the files of 平台载体's projects share (never included outside svc/platform) */
#ifndef JINENG_SVC_PLATFORM_INT_H
#define JINENG_SVC_PLATFORM_INT_H

#include "svc/platform/projects.h"
#include "svc/base/tx.h"

/* the acting account, NULL for the system (the demo builder, the command line) */
#define USER_OR_NULL(a) ((a)->user_id > 0 ? DV_I((a)->user_id) : DV_NULL)

#define PF_PROVINCE "37" /* the province's money: fund:platform:SOURCE, clearing:37 */

struct pf_call {
	int64_t id, year, min_experts, publicity_days;
	char title[256], opens_on[11], closes_on[11], publicity_until[11], status[16];
};

int pf_province_only(const principal *a, err *e);
json_t *pf_money_json(int64_t fen);
/* the call's row; 404 not_found */
int pf_call_load(db *d, int64_t id, struct pf_call *c, err *e);
/* is the user on the call's panel? */
int pf_on_panel(db *d, int64_t call, int64_t user, bool *on, err *e);
const char *pf_call_status_zh(const char *s);
/* pf_same_unit: the panels' 回避 of an applicant unit — is the expert's account of institution `inst`, or
 * its person employed there? (platform applications, 专项 proposals) */
int pf_same_unit(db *d, int64_t user, int64_t inst, bool *same, err *e);
const char *pf_app_status_zh(const char *s);
/* pf_avoid: why the expert (a user id) must abstain from an application of institution `inst` led by person
 * `lead` (0 none), or NULL: 回避 of the panels (a declared avoidance, the same employer as the lead) and the
 * applicant itself (the expert's institution or employer). Strings live in ar (or are static). */
struct arena;
const char *pf_avoid(db *d, struct arena *ar, int64_t expert, int64_t inst, int64_t lead, err *e);

#endif
