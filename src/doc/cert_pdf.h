/* cert_pdf.h: the 职业技能等级证书 (and 专项职业能力证书) as a one-page A4 PDF, drawn with cairo and pango in
 * a Noto CJK font, holding every field 人社鉴发〔2021〕1号 requires (docs/DOMAIN.md): title, name, ID type
 * and number, occupation, 工种 ("--" when none), level written "三级/高级工", number, a 1-inch photo slot,
 * the QR code, jndj.osta.org.cn and pjjg.osta.org.cn, the institution's name and the issue date. */
#ifndef JINENG_CERT_PDF_H
#define JINENG_CERT_PDF_H

#include "util/err.h"

struct cert_doc {
	const char *title; /* 职业技能等级证书 or 专项职业能力证书 */
	const char *name;
	const char *id_type;	/* in Chinese, e.g. 居民身份证 */
	const char *id_number;	/* as printed (full, as on the paper certificate) */
	const char *occupation; /* 电工 */
	const char *occupation_code;
	const char *work_type; /* 工种 or NULL */
	const char *level;     /* 三级/高级工, or 合格 for 专项 */
	const char *number;
	const char *institution;
	const char *issued_on; /* YYYY-MM-DD */
	const char *qr_text;
	const char *status_note; /* e.g. 已撤销 (printed across the page), or NULL */
};

/* cert_pdf: the PDF in a malloc'd buffer */
int cert_pdf(const struct cert_doc *c, char **pdf, size_t *len, err *e);

#endif
