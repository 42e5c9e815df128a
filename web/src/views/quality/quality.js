// Helpers of the quality and review pages: the item-analysis flag labels, number formats, and posting a
// CSV file as the request body (api.js sends JSON only).
import { L, locale } from '@/i18n.js';
import { ApiError, getToken, networkError, qs } from '@/api.js';

// the review flags of an item (GET /api/v1/sittings/{id}/analysis → items[].flags)
const FLAGS = {
  too_hard: ['难度过高', 'Too hard', 'danger'],
  too_easy: ['难度过低', 'Too easy', 'warning'],
  low_discrimination: ['区分度不足', 'Low discrimination', 'danger'],
  distractor: ['干扰项异常', 'Distractor problem', 'warning'],
};
export function flagLabel(code) {
  const f = FLAGS[code];
  return f ? L(f[0], f[1]) : code;
}
export function flagType(code) {
  return (FLAGS[code] && FLAGS[code][2]) || 'info';
}
export const FLAG_CODES = Object.keys(FLAGS);

// a collusion flag's review state
const PAIR = {
  open: ['待复核', 'Awaiting review', 'warning'],
  confirmed: ['已认定雷同', 'Copying confirmed', 'danger'],
  cleared: ['已排除', 'Cleared', 'success'],
};
export function pairLabel(s) {
  return PAIR[s] ? L(PAIR[s][0], PAIR[s][1]) : s;
}
export function pairType(s) {
  return (PAIR[s] && PAIR[s][2]) || 'info';
}

export function num(x, digits = 2) {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '—';
}
// a p value: small ones in scientific notation
export function pval(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  return x < 0.001 ? x.toExponential(1) : x.toFixed(3);
}

// POST a file as the request body (Content-Type text/csv). Resolves {report} on success; an error body that
// still carries a report (422 rows_rejected with all_or_nothing) resolves {report, error}; any other error
// is thrown as an ApiError.
export async function postCsv(path, file, query) {
  const headers = { Accept: 'application/json', 'Content-Type': 'text/csv', 'Accept-Language': locale.value === 'en' ? 'en' : 'zh-CN' };
  const tok = getToken();
  if (tok) headers.Authorization = `Bearer ${tok}`;
  let res;
  try {
    res = await fetch(path + qs(query), { method: 'POST', headers, body: file });
  } catch {
    throw networkError();
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (res.ok) return { report: body };
  const err = new ApiError(res.status, (body && body.error) || { message_zh: `请求失败（${res.status}）`, message_en: `The request failed (${res.status})` });
  if (body && typeof body.rows === 'number') return { report: body, error: err };
  throw err;
}
