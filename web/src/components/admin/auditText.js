// The audit archive's records as text a clerk reads: 动作 and 对象 through the dictionary (web/src/dict.js),
// 摘要 from the detail JSON (field names and code values in words, times and levels formatted).
import { L } from '@/i18n.js';
import { maps, label, has } from '@/dict.js';
import { levelLabel, fmtTime } from './labels.js';

// the state dictionary of each entity whose status changes are recorded as {from, to}
const STATES = { plan: 'plan', institution: 'inst', registration: 'reg', attempt: 'attempt', certificate: 'cert' };

// 'plan.open' -> 认定计划开始报名; an action missing from the dictionary reads as its entity and verb
export function actionText(action) {
  if (!action) return '';
  if (has('action', action)) return label('action', action);
  const dot = action.indexOf('.');
  const ent = action.slice(0, dot), verb = action.slice(dot + 1);
  if (dot > 0 && has('entity', ent) && has('verb', verb)) {
    return L(`${label('verb', verb)}${label('entity', ent)}`, `${label('entity', ent)} ${label('verb', verb)}`);
  }
  return action;
}
export function actionOptions() {
  const known = new Set(Object.keys(maps.action));
  for (const e of Object.keys(maps.entity)) for (const v of Object.keys(maps.verb)) if (['create', 'update', 'status'].includes(v)) known.add(`${e}.${v}`);
  return [...known].sort().map((value) => ({ value, label: actionText(value) }));
}

// ('items', 'province') -> 题库（全省）; ('plan', '3') -> 认定计划 #3; ('user', 'admin') -> 用户 admin
export function entityText(entity, id) {
  const name = has('entity', entity) ? label('entity', entity) : entity || '';
  if (id === undefined || id === null || id === '') return name;
  if (entity === 'items') return id === 'province' ? L(`${name}（全省）`, `${name} (province)`) : L(`${name}（机构 #${id}）`, `${name} (institution #${id})`);
  return /^\d+$/.test(String(id)) ? `${name} #${id}` : `${name} ${id}`;
}

function value(key, v, entity) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? L('是', 'yes') : L('否', 'no');
  if (Array.isArray(v)) {
    if (!v.length) return L('无', 'none');
    return v.every((x) => typeof x !== 'object' || x === null) ? v.map((x) => value(key, x, entity)).join('、') : L(`${v.length} 项`, `${v.length} entries`);
  }
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${label('field', k)} ${value(k, x, entity)}`).join('，');
  if (key === 'level') return levelLabel(v);
  if (key === 'role') return label('role', v);
  if (key === 'outcome' || (key === 'reason' && has('outcome', v))) return label('outcome', v);
  if (key === 'kind') return label('kind', v);
  if ((key === 'from' || key === 'to' || key === 'status') && STATES[entity]) return label(STATES[entity], v);
  if (/_at$/.test(key) && typeof v === 'number') return fmtTime(v);
  if (/_id$/.test(key) && typeof v === 'number') return v ? `#${v}` : L('全省', 'province');
  return String(v);
}

// the detail of a record as one line: 原状态 已备案待审核 → 报名中；原因 …
export function summaryText(row) {
  let d;
  try { d = JSON.parse(row.detail); } catch { return row.detail || ''; }
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return row.detail || '';
  const parts = [];
  const skip = new Set();
  if ('from' in d && 'to' in d) {
    parts.push(`${L('状态', 'Status')} ${value('from', d.from, row.entity) || '—'} → ${value('to', d.to, row.entity)}`);
    skip.add('from'); skip.add('to');
  }
  for (const [k, v] of Object.entries(d)) {
    if (skip.has(k) || v === null || v === '' || (k === 'reissue_of' && !v)) continue;
    parts.push(`${label('field', k)} ${value(k, v, row.entity)}`);
  }
  return parts.join('；');
}
