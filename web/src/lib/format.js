// Formatting helpers shared by the pages of several domains (levels, scores, times, statistics).
import { L, t } from '@/i18n.js';

export function attemptStatusName(s) {
  return ({
    admitted: L('待开考', 'Admitted'),
    started: L('进行中', 'In progress'),
    submitted: L('已交卷', 'Submitted'),
    void: L('已作废', 'Voided'),
  })[s] || s;
}

export function fmtTime(epochSeconds) {
  if (!epochSeconds) return '—';
  const d = new Date(epochSeconds * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function levelText(level, levelName) {
  if (level === 'special' || level === 0) return t('level.special');
  const k = `level.${level}`;
  const s = t(k);
  return s === k ? levelName || String(level) : s;
}

export function score(v) {
  return v === null || v === undefined ? '—' : Number(v).toFixed(Number.isInteger(v) ? 0 : 1);
}

export function num(x, digits = 2) {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '—';
}
// a p value: small ones in scientific notation
export function pval(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  return x < 0.001 ? x.toExponential(1) : x.toFixed(3);
}
