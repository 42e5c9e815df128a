// Labels of the admin and institution pages: the API's state and type codes in Chinese and English.
import { L } from '@/i18n.js';

const maps = {
  plan: {
    draft: ['草稿', 'Draft', 'info'],
    filed: ['已备案待审核', 'Filed, awaiting approval', 'warning'],
    open: ['报名中', 'Registration open', 'success'],
    examining: ['考试中', 'Examining', 'primary'],
    scoring: ['评分中', 'Scoring', 'primary'],
    publicity: ['公示中', 'Publicity', 'warning'],
    certified: ['已发证', 'Certified', 'success'],
    archived: ['已归档', 'Archived', 'info'],
  },
  inst: {
    filed: ['备案', 'Filed', 'success'],
    suspended: ['暂停', 'Suspended', 'warning'],
    exited: ['退出', 'Exited', 'danger'],
  },
  instType: {
    employer: ['用人单位（自主评价企业）', 'Employer (self-evaluating)', ''],
    social_org: ['社会培训评价组织', 'Social training and evaluation organisation', ''],
    technical_school: ['技工院校', 'Technical school', ''],
    university: ['高等院校', 'University', ''],
    training: ['培训机构', 'Training institution', ''],
  },
  reg: {
    submitted: ['待审核', 'Awaiting review', 'warning'],
    approved: ['审核通过', 'Approved', 'success'],
    rejected: ['未通过', 'Rejected', 'danger'],
  },
  attempt: {
    admitted: ['已检录', 'Admitted', 'info'],
    started: ['答题中', 'Answering', 'primary'],
    submitted: ['已交卷', 'Submitted', 'success'],
    absent: ['缺考', 'Absent', 'warning'],
    void: ['已作废', 'Voided', 'danger'],
  },
  cert: {
    valid: ['有效', 'Valid', 'success'],
    revoked: ['已撤销', 'Revoked', 'danger'],
  },
  subject: {
    theory: ['理论知识考试', 'Theory exam', ''],
    practical: ['操作技能考核', 'Practical assessment', ''],
    review: ['综合评审', 'Comprehensive review', ''],
  },
  kind: {
    single: ['单选题', 'Single choice', ''],
    multi: ['多选题', 'Multiple choice', ''],
    judge: ['判断题', 'True / false', ''],
  },
  role: {
    province_admin: ['省级管理员', 'Province administrator', 'danger'],
    city_admin: ['市级管理员', 'City administrator', 'warning'],
    institution_admin: ['机构管理员', 'Institution administrator', 'primary'],
    institution_staff: ['机构工作人员', 'Institution staff', 'primary'],
    examiner: ['考评员', 'Examiner', 'success'],
    supervisor: ['督导员', 'Supervisor', 'info'],
    candidate: ['考生', 'Candidate', 'info'],
  },
};

// label('plan', 'open') -> 报名中 / Registration open
export function label(kind, code) {
  const e = maps[kind] && maps[kind][code];
  return e ? L(e[0], e[1]) : code ?? '';
}
export function tagType(kind, code) {
  const e = maps[kind] && maps[kind][code];
  return (e && e[2]) || 'info';
}
export function options(kind) {
  return Object.keys(maps[kind]).map((value) => ({ value, label: label(kind, value) }));
}

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
