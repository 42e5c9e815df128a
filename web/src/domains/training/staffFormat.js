// Formats of the training staff pages: money (integer fen shown as 元 with two decimals, grouped), claim and
// ledger labels, China dates.
import { L } from '@/i18n.js';

export function yuan(fen) {
  if (fen === null || fen === undefined || Number.isNaN(Number(fen))) return '—';
  const n = BigInt(Math.trunc(Number(fen)));
  const neg = n < 0n, a = neg ? -n : n;
  const whole = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${(a % 100n).toString().padStart(2, '0')}`;
}

export const CLAIM_STATES = [
  { code: 'checked', zh: '已核验', en: 'Checked', type: 'warning' },
  { code: 'reviewed', zh: '已审核', en: 'Reviewed', type: 'primary' },
  { code: 'publicity', zh: '公示中', en: 'In publicity', type: 'primary' },
  { code: 'payable', zh: '待支付', en: 'Payable', type: 'warning' },
  { code: 'paid', zh: '已支付', en: 'Paid', type: 'success' },
  { code: 'rejected', zh: '不予补贴', en: 'Rejected', type: 'info' },
  { code: 'recovered', zh: '已追回', en: 'Recovered', type: 'danger' },
];
export const claimState = (code) => CLAIM_STATES.find((s) => s.code === code) || { code, zh: code, en: code, type: 'info' };

export const LINE_STATES = { sent: ['已发送银行', 'Sent to the bank', 'warning'], paid: ['已支付', 'Paid', 'success'], failed: ['支付失败', 'Failed', 'danger'] };
export const lineState = (s) => (LINE_STATES[s] ? L(LINE_STATES[s][0], LINE_STATES[s][1]) : s);

export const ACCOUNT_KINDS = { fund: ['补贴资金', 'Subsidy fund'], payable: ['应付补贴', 'Subsidy payable'], clearing: ['银行清算', 'Bank clearing'], recovery: ['应收追回款', 'Recovery receivable'] };
export const accountKind = (k) => (ACCOUNT_KINDS[k] ? L(...ACCOUNT_KINDS[k]) : k);

export const ENTRY_KINDS = { accrue: ['核定应付', 'Accrue'], pay: ['支付', 'Pay'], reverse: ['冲正', 'Reverse'], recover: ['追回', 'Recover'], recovered: ['追回到账', 'Recovered'] };

export function chinaDate(plusDays = 0) {
  return new Date(Date.now() + 8 * 3600e3 + plusDays * 86400e3).toISOString().slice(0, 10);
}
export function monthStart() {
  return `${chinaDate().slice(0, 7)}-01`;
}
