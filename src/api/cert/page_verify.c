/* page_verify.c: GET /v/{number} — the human verification page a certificate's QR code opens (Chinese).
 * With the QR's d (payload) and s (signature) it checks the SM2 signature and the register; with ?name= it
 * looks the certificate up like the public API; otherwise it asks for the holder's name. Throttled like
 * the public API. */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cert/handlers.h"
#include "api/base/routes.h"
#include "core/certno.h"
#include "svc/cert/certs.h"
#include "svc/incentive/card.h"
#include "util/buf.h"

static void esc(buf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_add(b, s, 1);
		}
}

static void row(buf *b, const char *k, const char *v)
{
	buf_adds(b, "<tr><th>");
	esc(b, k);
	buf_adds(b, "</th><td>");
	esc(b, v);
	buf_adds(b, "</td></tr>");
}

/* the page's head and the bar of the app's /verify page: the same title (证书查验), brand mark and icon
 * (inline, so the page needs no file of the web UI) */
static void head(buf *b, const char *title)
{
	buf_adds(b,
		 "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
		 "content=\"width=device-width,initial-scale=1\"><title>");
	esc(b, title);
	buf_adds(
		b,
		"</title><link rel=\"icon\" type=\"image/svg+xml\" href=\"data:image/svg+xml,%3Csvg "
		"xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' "
		"rx='6' "
		"fill='%23c0392b'/%3E%3Ctext x='16' y='23' font-size='18' text-anchor='middle' fill='%23fff' "
		"font-family='sans-serif'%3E%E6%8A%80%3C/text%3E%3C/svg%3E\">"
		"<style>body{font-family:'Noto Sans CJK "
		"SC',sans-serif;margin:0;color:#222;background:#f3f5f8}"
		".top{background:#c0392b;color:#fff;display:flex;align-items:center;gap:10px;padding:10px "
		"12px}"
		".mark{display:inline-flex;width:30px;height:30px;border-radius:6px;background:#fff;color:#"
		"c0392b;"
		"font-weight:700;align-items:center;justify-content:center;flex:none}.top div{display:flex;"
		"flex-direction:column}.top b{font-size:16px}.top "
		"span{font-size:12px;opacity:.85}main{max-width:"
		"640px;margin:0 "
		"auto;padding:12px}.card{background:#fff;border-radius:6px;padding:14px}h1{font-size:"
		"1.3em;margin:0 0 "
		".6em}.ok{color:#0a7a2f}.bad{color:#b3261e}table{border-collapse:collapse;width:100%}"
		"th{text-align:left;width:8em;color:#555}th,td{padding:.4em;border-bottom:1px solid "
		"#eee}footer{"
		"margin-top:1.5em;color:#777;font-size:.9em}a{color:#1f5fbf}</style></head><body><header "
		"class=\"top\"><span class=\"mark\">技</span><div><b>职业技能等级证书查验</b><span>"
		"技能人才评价服务平台</span></div></header><main><div class=\"card\">");
}

int page_verify(req *r)
{
	const char *number = r->path + 3;
	if (api_verify_throttled(r) != 0)
		return -1;
	buf b;
	buf_init(&b, 64 * 1024);
	head(&b, "证书查验 - 技能人才评价服务平台");
	buf_adds(&b, "<h1>证书查验</h1>");
	certno_parts parts;
	const char *d_ = req_query(r, "d"), *s_ = req_query(r, "s"), *name = req_query(r, "name");
	db *d = NULL;
	struct cert_row c;
	int found = 0, genuine = -1;
	const char *why = "";
	if (certno_parse(number, &parts) == 0 && (d = api_db(r)) != NULL) {
		found = cert_row_get(d, r->a, number, &c, &r->e);
		if (found == 1 && d_ && s_)
			genuine = cert_check_qr(d, r->a, number, d_, s_, &why, &r->e);
	}
	if (err_isset(&r->e) && r->e.status >= 500) {
		buf_free(&b);
		return -1;
	}
	bool show = found == 1 && (genuine == 1 || (name && !strcmp(name, c.name)));
	if (genuine == 0) {
		buf_adds(&b, "<p class=\"bad\"><strong>二维码核验失败：</strong>");
		esc(&b, why);
		buf_adds(&b, "。请勿采信此证书，并向发证机构或当地人社部门核实。</p>");
	} else if (show) {
		bool valid = !strcmp(c.status, "valid");
		buf_adds(&b, valid ? "<p class=\"ok\"><strong>证书有效</strong>"
				   : "<p class=\"bad\"><strong>证书已撤销</strong>");
		if (genuine == 1)
			buf_adds(&b, "（二维码签名核验通过）");
		buf_adds(&b, "</p><table>");
		row(&b, "证书编号", c.number);
		row(&b, "姓名", c.name);
		row(&b, "证件号码", c.id_masked);
		row(&b, "职业（工种）",
		    c.work_type[0] ? arena_printf(r->a, "%s（%s）", c.occupation, c.work_type)
				   : c.occupation);
		row(&b, "职业编码", c.occupation_code);
		row(&b, "等级", level_name_zh(c.level));
		row(&b, "评价机构", c.issuer);
		row(&b, "发证日期", c.issued_on);
		if (!valid) {
			row(&b, "撤销日期", c.revoked_on);
			row(&b, "撤销原因", c.revoked_reason);
		}
		if (c.reissued_as)
			row(&b, "换发后编号", c.reissued_as);
		buf_adds(&b, "</table>");
		/* the holder's public honours, only if the holder allows it */
		json_t *hs = honours_public_of_person(d, c.person_id, &r->e), *h;
		size_t k;
		if (json_array_size(hs)) {
			buf_adds(&b, "<h2>持证人公开荣誉</h2><ul class=\"honours\">");
			json_array_foreach(hs, k, h)
			{
				buf_adds(&b, "<li>");
				esc(&b, json_string_value(json_object_get(h, "title")));
				const char *on = json_string_value(json_object_get(h, "awarded_on"));
				if (on && *on) {
					buf_adds(&b, "（");
					esc(&b, on);
					buf_adds(&b, "）");
				}
				buf_adds(&b, "</li>");
			}
			buf_adds(&b, "</ul><p class=\"muted\">以上荣誉经持证人同意公开。</p>");
		}
		json_decref(hs);
	} else {
		if (name)
			buf_adds(&b, "<p class=\"bad\">未找到与编号和姓名相符的证书。</p>");
		buf_adds(&b, "<form method=\"get\"><p>证书编号：");
		esc(&b, number);
		buf_adds(&b, "</p><label>持证人姓名：<input name=\"name\" required maxlength=\"50\"></label> "
			     "<button type=\"submit\">查询</button></form>");
	}
	buf_adds(&b,
		 "</div><footer>也可用<a "
		 "href=\"/verify\">证书查验</a>页按编号和姓名或二维码内容查验，或在全国职业技能"
		 "等级证书查询平台 jndj.osta.org.cn、pjjg.osta.org.cn 查询。</footer></main></body></html>");
	if (!buf_ok(&b)) {
		buf_free(&b);
		return ERR_INTERNAL(&r->e, "page too large");
	}
	size_t len = 0;
	r->raw = buf_take(&b, &len);
	r->raw_len = len;
	r->ctype = "text/html; charset=utf-8";
	r->status = found == 1 || !d ? 200 : 404;
	if (!d && !err_isset(&r->e))
		r->status = 404;
	req_add_header(r, "Cache-Control", "no-store");
	err_clear(&r->e);
	return 0;
}
