// training: labels of the worker pages (subsidy kinds, claim states, levels), Chinese and English
import { L } from '@/i18n.js';

export const KINDS = {
  skill_up: ['技能提升补贴', 'Skill-upgrade subsidy'],
  training: ['培训补贴', 'Training subsidy'],
  shortage: ['急需紧缺工种培训补贴', 'Shortage-occupation subsidy'],
  apprentice: ['企业新型学徒制培训补贴', 'Apprenticeship subsidy'],
};
export const kindText = (k) => (KINDS[k] ? L(...KINDS[k]) : k);

export const STATES = {
  applied: ['已申请', 'Applied', 'info'],
  checked: ['已通过资格审核', 'Checked', 'primary'],
  reviewed: ['已复核', 'Reviewed', 'primary'],
  publicity: ['公示中', 'In publicity', 'warning'],
  payable: ['待支付', 'Payable', 'warning'],
  paid: ['已支付', 'Paid', 'success'],
  rejected: ['未通过', 'Rejected', 'danger'],
  recovered: ['已追回', 'Recovered', 'danger'],
};
export const stateText = (s) => (STATES[s] ? L(STATES[s][0], STATES[s][1]) : s);
export const stateType = (s) => (STATES[s] ? STATES[s][2] : 'info');
// the path a claim travels, for the steps bar
export const FLOW = ['checked', 'reviewed', 'publicity', 'payable', 'paid'];

const LV = { 1: ['一级', 'Level 1'], 2: ['二级', 'Level 2'], 3: ['三级', 'Level 3'], 4: ['四级', 'Level 4'], 5: ['五级', 'Level 5'] };
export const levelLabel = (n) => (LV[n] ? L(...LV[n]) : L('不分等级', 'No level'));

export const yuan = (fen) => (fen == null ? '—' : `${(fen / 100).toFixed(2)} ${L('元', 'yuan')}`);

// great-circle distance in km (the map's own distances come from the server; this is for the county search
// explanation only)
export function km(v) { return v == null ? '' : `${v < 10 ? v.toFixed(1) : Math.round(v)} km`; }
