/* columns.c: the columns of each list when exported as CSV or XLSX (API ?format= and `jineng export`) */
#include "util/common.h"
#include "svc/base/columns.h"
#include "core/idnum.h"

/* The code values of exported columns by their Chinese labels (the same words as the UI's dictionary,
 * web/src/dict.js): a file for a clerk reads 男, 居民身份证, 有效, not M, resident_id, valid. */
static const char *label_of(const char *const (*pairs)[2], size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(pairs[i][0], code))
			return pairs[i][1];
	return NULL;
}
static const char *gender_label(const char *code)
{
	static const char *const p[][2] = {{"M", "男"}, {"F", "女"}};
	return label_of(p, ARRAY_LEN(p), code);
}
static const char *id_type_label(const char *code)
{
	enum id_type t;
	return id_type_parse(code, &t) == 0 ? id_type_zh(t) : NULL;
}
static const char *cert_status_label(const char *code)
{
	static const char *const p[][2] = {{"valid", "有效"}, {"revoked", "已撤销"}};
	return label_of(p, ARRAY_LEN(p), code);
}
static const char *occ_kind_label(const char *code)
{
	static const char *const p[][2] = {{"occupation", "职业"}, {"special", "专项职业能力"}};
	return label_of(p, ARRAY_LEN(p), code);
}

const struct export_col cols_persons[] = {
	{"id", "编号"},
	{"name", "姓名"},
	{"id_type", "证件类型", id_type_label},
	{"id_number_masked", "证件号码"},
	{"gender", "性别", gender_label},
	{"birth_date", "出生日期"},
	{"phone_masked", "联系电话"},
	{"region_code", "地区代码"},
	{"region_name", "地区"},
	{"employer_name", "工作单位"},
	{"education", "学历"},
};
const size_t ncols_persons = ARRAY_LEN(cols_persons);

const struct export_col cols_institutions[] = {
	{"id", "编号"},
	{"name", "机构名称"},
	{"credit_code", "统一社会信用代码"},
	{"type_name", "机构类型"},
	{"inst_code", "机构代码"},
	{"region_name", "所在地区"},
	{"status_name", "状态"},
	{"status_date", "状态日期"},
	{"address", "地址"},
	{"contact_name", "联系人"},
	{"contact_phone", "联系电话"},
};
const size_t ncols_institutions = ARRAY_LEN(cols_institutions);

const struct export_col cols_users[] = {
	{"id", "编号"},		{"username", "用户名"},	     {"display_name", "姓名"},
	{"role_name", "角色"},	{"region_code", "地区代码"}, {"institution_id", "机构编号"},
	{"disabled", "已停用"},
};
const size_t ncols_users = ARRAY_LEN(cols_users);

const struct export_col cols_audit[] = {
	{"seq", "序号"},	   {"time", "时间"},   {"actor", "操作人"},
	{"role", "角色"},	   {"action", "操作"}, {"entity", "对象"},
	{"entity_id", "对象编号"}, {"detail", "内容"}, {"hash", "哈希"},
};
const size_t ncols_audit = ARRAY_LEN(cols_audit);

const struct export_col cols_occupations[] = {
	{"code", "职业编码"},	 {"name", "职业名称"}, {"category", "大类"},
	{"levels_text", "等级"}, {"types", "工种"},    {"kind", "类别", occ_kind_label},
};
const size_t ncols_occupations = ARRAY_LEN(cols_occupations);

const struct export_col cols_certificates[] = {
	{"number", "证书编号"},
	{"status", "状态", cert_status_label},
	{"name", "姓名"},
	{"id_type", "证件类型", id_type_label},
	{"id_number_masked", "证件号码"},
	{"occupation_code", "职业编码"},
	{"occupation", "职业名称"},
	{"work_type", "工种"},
	{"level_name", "等级"},
	{"issuer", "评价机构"},
	{"issued_on", "发证日期"},
	{"revoked_reason", "撤销原因"},
	{"reissue_of", "换发自"},
};
const size_t ncols_certificates = ARRAY_LEN(cols_certificates);

const struct export_col cols_collusion[] = {
	{"id", "编号"},
	{"plan_title", "认定计划"},
	{"room", "考场"},
	{"name_a", "考生甲"},
	{"name_b", "考生乙"},
	{"shared", "共同试题数"},
	{"identical", "相同作答数"},
	{"identical_wrong", "相同错答数"},
	{"omega", "ω 指数"},
	{"p", "p 值"},
	{"status", "复核状态"},
	{"note", "复核意见"},
};
const size_t ncols_collusion = ARRAY_LEN(cols_collusion);
