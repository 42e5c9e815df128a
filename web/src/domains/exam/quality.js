// Labels of the exam quality pages (试题分析, 雷同卷): the item-analysis flags and the collusion review states.
import { L } from '@/i18n.js';

// the review flags of an item (GET /sittings/{id}/analysis → items[].flags)
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
