/* chains.h: 产教评 技能生态链 led by a 链主企业 (issue 23 item 6; docs/DOMAIN.md §63). Seed 001:
 * "以链主企业为主导， 创新构建集技能培训、技能评价、激励保障和就业服务于一体的'产教评'技能生态链". A chain
 * has a name, an industry and its lead (an institution of type employer, filed); the province or the lead's
 * city creates it and adds members — schools, training institutions, evaluation institutions, enterprises —
 * in roles that are data (chain_roles: the institution types a role admits). Its figures are computed from
 * what the system holds: members, the members' training classes and 订单班, apprentices, certificates issued
 * by its evaluators, employment outcomes and the job demand its members answer. Scope SE_SKILL_CHAIN: the
 * province, the chain's city, its members (read). */
#ifndef JINENG_SVC_CULTIVATION_CHAINS_H
#define JINENG_SVC_CULTIVATION_CHAINS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

/* chain_roles_json: {items: [{code, name, types: [..], source}]} */
json_t *chain_roles_json(db *d, err *e);

struct chain_input {
	const char *name, *industry, *note;
	int64_t lead_id;
};
/* chain_create: the province or the lead's city (201; skill_chain.created): the lead becomes the member of
 * role lead */
json_t *chain_create(db *d, const principal *a, const struct chain_input *in, err *e);
/* chain_get: the chain with its members and its figures */
json_t *chain_get(db *d, const principal *a, int64_t id, err *e);
/* the chains the caller reads (an institution: those it is a member of); filters region_code, name,
 * industry, institution_id (a member) */
extern const struct list_spec chain_list;
/* chain_add_member: the province or the chain's city adds a filed institution in a role its type fits
 * (skill_chain.member_added); chain_remove_member (skill_chain.member_removed; never the lead) */
json_t *chain_add_member(db *d, const principal *a, int64_t id, int64_t institution_id, const char *role,
			 err *e);
json_t *chain_remove_member(db *d, const principal *a, int64_t id, int64_t institution_id, err *e);

/* chain_import: the province or a city imports chains and their members from CSV or XLSX (链名称, 产业,
 * 链主企业统一社会信用代码, 地区代码, 成员统一社会信用代码, 成员角色, 备注): a chain met the first time is
 * created (chain_create), a member added (chain_add_member), each with its checks, scope and audit record; a
 * row that repeats what is stored is accepted unchanged. preview stores nothing; all_or_nothing stores
 * nothing when a row is rejected. At most CHAIN_IMPORT_MAX_ROWS rows. Audited skill_chain.import. */
#define CHAIN_IMPORT_MAX_ROWS 2000
json_t *chain_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing,
		     bool preview, err *e);

#endif
