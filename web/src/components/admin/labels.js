// Labels of the admin and institution pages: the dictionary of code values (web/src/dict.js) and the
// formats of levels, times and names.
import { L } from '@/i18n.js';
export { label, tagType, options } from '@/dict.js';

const levelNames = {
  0: ['专项职业能力', 'Special vocational ability'],
  special: ['专项职业能力', 'Special vocational ability'],
  1: ['一级/高级技师', 'Level 1 / Senior technician'],
  2: ['二级/技师', 'Level 2 / Technician'],
  3: ['三级/高级工', 'Level 3 / Senior worker'],
  4: ['四级/中级工', 'Level 4 / Intermediate worker'],
  5: ['五级/初级工', 'Level 5 / Junior worker'],
};
export function levelLabel(l) {
  const e = levelNames[l];
  return e ? L(e[0], e[1]) : String(l ?? '');
}
export const LEVELS = [5, 4, 3, 2, 1];

export function fmtTime(epochSeconds) {
  if (!epochSeconds) return '';
  const d = new Date((epochSeconds + 8 * 3600) * 1000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
export function fmtSeconds(s) {
  s = Math.max(0, Math.floor(s || 0));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), x = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(x).padStart(2, '0')}`;
}
// today in China (UTC+8), YYYY-MM-DD
export function today(plusDays = 0) {
  return new Date(Date.now() + 8 * 3600e3 + plusDays * 86400e3).toISOString().slice(0, 10);
}
// a sitting's invigilators (GET /plans/{id}/sittings) as names
export function invNames(sitting) {
  return (sitting.invigilator_users || []).map((u) => u.display_name || u.username).join('、');
}
// a user's data scope by name (GET /users gives region_name, institution_name and person_name where the
// caller may read them): 机构 济南演示职业技能评价中心 / 人员 张三 / 地区 济南市
export function scopeText(u) {
  if (u.institution_id) return `${L('机构', 'Institution')} ${u.institution_name || `#${u.institution_id}`}`;
  if (u.person_id) return `${L('人员', 'Person')} ${u.person_name || `#${u.person_id}`}`;
  if (u.region_code) return `${L('地区', 'Region')} ${u.region_name || u.region_code}`;
  return '';
}
