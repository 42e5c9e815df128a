// 整改: each 不符合 of a signed inspection opens a rectification in the sign's transaction (a retried sign
// opens none twice), its deadline in working days on the holiday calendar (data/holidays.csv) from the day
// after the sign; the institution reads and answers only its own; the bureau of its city (or the province)
// returns, closes or escalates it, and only the province closes an escalated one; overdue ones are flagged
// and filtered; a revoking situation of the inspection's checklist confirmed by the bureau suspends the
// institution's filing in the same transaction (and the suspended institution can no longer open plans);
// every step is in the audit archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { api, login, expectError, unique, creditCode, dbExec, PASSWORD, dayAfterSupervisors } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// a dispatch day of this test's own, as 87 and 88 take theirs: the day after the last supervisor's qualification
// from 2160 on (86 uses 2100..2159)
const DAY = await dayAfterSupervisors(await login('admin'), '2160-01-01', '3000-01-01');

// the working-day calendar as the server loads it: weekends rest unless 调休上班, holidays rest
const cal = new Map(fs.readFileSync(new URL('../../data/holidays.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split(',')).map(([d, kind]) => [d, kind === 'workday']));
const workday = (d) => cal.has(d) ? cal.get(d) : ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
function due(opened, days) {
  let d = opened;
  for (let n = 0; n < days;) { d = plusDays(d, 1); if (workday(d)) n++; }
  return d;
}

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };

test('rectification: opened at the sign, answered, returned, closed, escalated, overdue, revoking suspends', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const qorg = await login('qingdao_org_admin');
  const n = unique(), tag = `rf${n}`;

  // a fresh evaluation institution of 济南 (its suspension must not touch the shared fixtures)
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `整改测试评价中心${n}`, credit_code: creditCode(`52370100M${String((n * 7919 + Date.now()) % 1000000).padStart(6, '0')}77`), type: 'social_org', region_code: '370102', address: '济南市历下区' } }), 201);
  const occ = (await api('GET', '/api/v1/occupations?page_size=500')).data.items.find((o) => o.name === '电工');
  ok(await api('PUT', `/api/v1/institutions/${inst.id}/scopes`, { token: prov, body: { scopes: [{ occupation_code: occ.code, levels: occ.levels }] } }));
  const mkUser = async (body) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}u${unique()}`, password: PASSWORD, ...body } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const org = await mkUser({ role: 'institution_admin', institution_id: inst.id });
  const staff = [await mkUser({ role: 'institution_staff', institution_id: inst.id }), await mkUser({ role: 'institution_staff', institution_id: inst.id })];
  const sup = await mkUser({ role: 'supervisor', region_code: '370200' });
  ok(await api('PUT', `/api/v1/supervisors/${sup.id}`, { token: prov, body: { grade: 'senior', cert_no: `JC${tag}`, valid_until: DAY, region_code: '370200' } }));
  const other = await mkUser({ role: 'supervisor', region_code: '370200' });

  // the checklist with classed items and two revoking situations
  const cl = ok(await api('PUT', '/api/v1/checklist', { token: prov, body: {
    note: `整改测试 ${tag}`, classes: ['一类', '二类', '三类', '四类', '五类'],
    items: [
      { code: 'Z1', stage: 'all', kind: 'onsite', theme: '考场', text: '考场设置符合要求', problem_class: 2, source: 'test' },
      { code: 'Z2', stage: 'all', kind: 'organisational', theme: '档案', text: '考务档案完整', problem_class: 4, source: 'test' },
      { code: 'Z3', stage: 'all', kind: 'onsite', theme: '纪律', text: '考场纪律良好', problem_class: 1, source: 'test' },
    ],
    revocations: [{ code: 'RV1', text: '伪造考试记录', source: 'test' }, { code: 'RV2', text: '超范围开展评价', source: 'test' }],
  } }));

  // a plan and a sitting of the institution on DAY, dispatched to sup
  const plan = ok(await api('POST', '/api/v1/plans', { token: org.token, body: { title: `整改测试计划 ${tag}`, occupation_code: occ.code, level: occ.levels[0], reg_start: today, reg_end: plusDays(today, 5), exam_date: plusDays(today, 10), capacity: 10, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org.token, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }));
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org.token, body: { room: `整改考场 ${tag}`, minutes: 120, starts_at: Date.parse(`${DAY}T09:00:00+08:00`) / 1000, invigilators: staff.map((s) => s.id) } }), 201).id;
  const run = ok(await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } }), 201);
  assert.deepEqual(run.assignments.map((a) => [a.sitting_id, a.supervisor_id]), [[sit, sup.id]]);

  // the inspection: two 不符合 (classes 2 and 4), one 符合; nothing opens before the sign
  let ins = ok(await api('POST', '/api/v1/inspections', { token: sup.token, body: { sitting_id: sit } }), 201);
  const version = (await api(`GET`, `/api/v1/checklist?version=${ins.version}`, { token: prov })).data;
  const byCode = Object.fromEntries(version.items.map((i) => [i.code, i]));
  assert.equal(ins.version, cl.version, 'no other checklist version came in between');
  ok(await api('PUT', `/api/v1/inspections/${ins.id}/marks`, { token: sup.token, body: { marks: [
    { item_id: byCode.Z1.id, result: 'nonconform', note: '考场座位间距不足', seq: 1 },
    { item_id: byCode.Z2.id, result: 'nonconform', note: '缺少签到表', seq: 1 },
    { item_id: byCode.Z3.id, result: 'conform', seq: 1 },
  ] } }));
  assert.equal((await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}`, { token: prov })).data.total, 0);
  ok(await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.token }));
  ok(await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.token })); // a retried sign
  let list = ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}&sort=id`, { token: jinan }));
  assert.equal(list.total, 2, 'one per 不符合, none twice');
  const [r1, r2] = list.items;
  const terms = { 2: 10, 4: 10 }; // rectify_terms ([GAP] defaults, migration 030)
  assert.deepEqual([r1.item_code, r1.problem_class, r1.finding, r1.status, r1.opened_on], ['Z1', 2, '考场座位间距不足', 'open', today]);
  assert.deepEqual([r2.item_code, r2.problem_class, r2.finding], ['Z2', 4, '缺少签到表']);
  assert.equal(r1.days, terms[2]);
  assert.equal(r1.due_on, due(today, r1.days), 'the deadline counts working days of the calendar from the next day');
  assert.equal(r2.due_on, due(today, r2.days));
  assert.ok(r1.term_source.startsWith('[GAP]'));
  assert.equal(r1.overdue, false);
  assert.equal(r1.institution_id, inst.id);

  // scope: the institution its own, the city of the institution, the supervisor of the inspection; no one else
  list = ok(await api('GET', '/api/v1/rectifications', { token: org.token }));
  assert.deepEqual(list.items.map((x) => x.id).sort(), [r1.id, r2.id].sort());
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}`, { token: staff[0].token })).total, 2);
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}`, { token: sup.token })).total, 2);
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}`, { token: qorg })).total, 0);
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}`, { token: qingdao })).total, 0);
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}`, { token: other.token })).total, 0);
  for (const t of [qorg, qingdao, other.token]) expectError(await api('GET', `/api/v1/rectifications/${r1.id}`, { token: t }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/rectifications/${r1.id}`, {}), 401, 'login_required');
  let one = ok(await api('GET', `/api/v1/rectifications/${r1.id}`, { token: org.token }));
  assert.deepEqual(one.actions.map((a) => a.action), ['respond']);
  assert.deepEqual(one.situations, [], 'the institution is not offered the revoking list');
  assert.deepEqual(one.records.map((x) => x.to_state), ['open']);
  one = ok(await api('GET', `/api/v1/rectifications/${r1.id}`, { token: jinan }));
  assert.deepEqual(one.actions.map((a) => a.action), ['close', 'escalate']);
  assert.deepEqual(one.situations.map((s) => s.code), ['RV1', 'RV2']);
  assert.deepEqual(ok(await api('GET', `/api/v1/rectifications/${r1.id}`, { token: sup.token })).actions, []);

  // the institution answers; the bureau returns it, it answers again, the bureau closes it
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/response`, { token: org.token, body: {} }), 422, 'missing_field');
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/response`, { token: qorg, body: { response: '已整改' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/response`, { token: jinan, body: { response: '已整改' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/close`, { token: org.token, body: {} }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/close`, { token: jinan, body: {} }), 422, 'missing_field');
  // the evidence first: a photo and a PDF of the institution's own, checked by type and content, kept once
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF 整改照片 ${tag}`)]);
  const pdf = Buffer.from(`%PDF-1.4\n% 整改报告 ${tag}\n%%EOF\n`);
  const upload = (token, raw, type, name = 'photo.jpg', id = r1.id) => api('POST', `/api/v1/rectifications/${id}/evidence?filename=${name}`, { token, raw, headers: { 'Content-Type': type } });
  const ev1 = ok(await upload(staff[0].token, jpeg, 'image/jpeg'), 201);
  assert.deepEqual([ev1.rectification_id, ev1.media_type, ev1.size, ev1.filename], [r1.id, 'image/jpeg', jpeg.length, 'photo.jpg']);
  assert.equal(ok(await upload(org.token, jpeg, 'image/jpeg')).id, ev1.id, 'the same content again: the same record');
  const ev2 = ok(await upload(org.token, pdf, 'application/pdf', 'report.pdf'), 201);
  expectError(await upload(org.token, Buffer.from('GIF89a'), 'image/gif'), 415, 'unsupported_media_type');
  expectError(await upload(org.token, pdf, 'image/jpeg'), 415, 'media_mismatch');
  expectError(await upload(qorg, jpeg, 'image/jpeg'), 404, 'not_found');
  expectError(await upload(jinan, jpeg, 'image/jpeg'), 403, 'forbidden');
  expectError(await upload(sup.token, jpeg, 'image/jpeg'), 403, 'forbidden');
  const file = await api('GET', `/api/v1/rectifications/${r1.id}/evidence/${ev1.id}`, { token: jinan });
  assert.equal(file.status, 200);
  assert.deepEqual(file.data, jpeg);
  assert.equal(file.headers.get('x-evidence-sm3'), ev1.sm3);
  assert.match(file.headers.get('content-disposition'), /rectification-\d+-evidence-\d+\.jpg/);
  assert.equal((await api('GET', `/api/v1/rectifications/${r1.id}/evidence/${ev2.id}`, { token: sup.token })).status, 200);
  for (const t of [qorg, qingdao, other.token]) expectError(await api('GET', `/api/v1/rectifications/${r1.id}/evidence/${ev1.id}`, { token: t }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/rectifications/${r2.id}/evidence/${ev1.id}`, { token: jinan }), 404, 'not_found');
  one = ok(await api('POST', `/api/v1/rectifications/${r1.id}/response`, { token: staff[0].token, body: { response: '已调整座位间距并复核' } }));
  assert.deepEqual(one.evidence.map((x) => x.id), [ev1.id, ev2.id]);
  expectError(await upload(org.token, jpeg, 'image/png'), 415, 'media_mismatch');
  expectError(await upload(org.token, Buffer.concat([jpeg, Buffer.from('2')]), 'image/jpeg'), 409, 'rectification_not_open');
  assert.deepEqual([one.status, one.responded_on, one.response], ['responded', today, '已调整座位间距并复核']);
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/response`, { token: org.token, body: { response: '再次' } }), 409, 'invalid_transition');
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/return`, { token: jinan, body: {} }), 422, 'missing_field');
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/return`, { token: qingdao, body: { reason: '不足' } }), 404, 'not_found');
  one = ok(await api('POST', `/api/v1/rectifications/${r1.id}/return`, { token: jinan, body: { reason: '请附复核照片' } }));
  assert.deepEqual([one.status, one.responded_on], ['open', '']);
  one = ok(await api('POST', `/api/v1/rectifications/${r1.id}/response`, { token: org.token, body: { response: '已附复核照片' } }));
  one = ok(await api('POST', `/api/v1/rectifications/${r1.id}/close`, { token: jinan, body: {} }));
  assert.deepEqual([one.status, one.closed_on, one.overdue], ['closed', today, false]);
  assert.deepEqual(one.records.map((x) => x.to_state), ['open', 'responded', 'open', 'responded', 'closed']);
  expectError(await api('POST', `/api/v1/rectifications/${r1.id}/close`, { token: jinan, body: {} }), 409, 'invalid_transition');

  // overdue: r2's deadline passed without an answer (moved back in the database: time cannot be waited for)
  dbExec(`UPDATE rectifications SET due_on = '2020-01-03' WHERE id = ${r2.id}`);
  list = ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}&overdue=1`, { token: jinan }));
  assert.deepEqual(list.items.map((x) => [x.id, x.overdue]), [[r2.id, true]]);
  list = ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}&overdue=0`, { token: jinan }));
  assert.deepEqual(list.items.map((x) => x.id), [r1.id]);
  expectError(await api('GET', '/api/v1/rectifications?overdue=2', { token: jinan }), 422, 'invalid_value');
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}&problem_class=4`, { token: jinan })).total, 1);
  assert.equal(ok(await api('GET', `/api/v1/rectifications?inspection_id=${ins.id}&status=closed`, { token: jinan })).total, 1);
  // escalated by the city: only the province closes it
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/escalate`, { token: jinan, body: {} }), 422, 'missing_field');
  one = ok(await api('POST', `/api/v1/rectifications/${r2.id}/escalate`, { token: jinan, body: { reason: '逾期未整改，报省厅' } }));
  assert.deepEqual([one.status, one.escalated_on, one.overdue], ['escalated', today, true]);
  assert.deepEqual(one.actions, []);
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/close`, { token: jinan, body: { reason: '结案' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/response`, { token: org.token, body: { response: '补报' } }), 409, 'invalid_transition');

  // a revoking situation confirmed on r2 suspends the filing, with the reason, in the same transaction
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/revoking`, { token: org.token, body: { code: 'RV1', reason: 'x' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/revoking`, { token: qingdao, body: { code: 'RV1', reason: '伪造' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/revoking`, { token: jinan, body: { code: 'NOPE', reason: '伪造' } }), 422, 'unknown_situation');
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/revoking`, { token: jinan, body: { code: 'RV1' } }), 422, 'missing_field');
  assert.equal(ok(await api('GET', `/api/v1/institutions/${inst.id}`, { token: prov })).status, 'filed', 'nothing changed by the refusals');
  const conf = ok(await api('POST', `/api/v1/rectifications/${r2.id}/revoking`, { token: jinan, body: { code: 'RV1', reason: '签到表系事后补填' } }), 201);
  assert.deepEqual([conf.code, conf.situation, conf.suspended, conf.rectification_id, conf.inspection_id, conf.institution_id], ['RV1', '伪造考试记录', true, r2.id, ins.id, inst.id]);
  const again = ok(await api('POST', `/api/v1/rectifications/${r2.id}/revoking`, { token: jinan, body: { code: 'RV1', reason: '重复' } }));
  assert.equal(again.id, conf.id, 'confirming again answers the first confirmation');
  const after = ok(await api('GET', `/api/v1/institutions/${inst.id}`, { token: prov }));
  assert.equal(after.status, 'suspended');
  assert.match(after.status_reason, /RV1/);
  assert.match(after.status_reason, /签到表系事后补填/);
  // the suspended institution cannot open plans (the existing rule of the plans)
  expectError(await api('POST', '/api/v1/plans', { token: org.token, body: { title: `暂停后计划 ${tag}`, occupation_code: occ.code, level: occ.levels[0], reg_start: today, reg_end: plusDays(today, 5), exam_date: plusDays(today, 10), capacity: 10, subjects: ['theory', 'practical'] } }), 409, 'institution_inactive');
  // on the inspection directly: recorded, the filing already suspended
  expectError(await api('POST', `/api/v1/inspections/${ins.id}/revoking`, { token: sup.token, body: { code: 'RV2', reason: '超范围' } }), 403, 'forbidden');
  const conf2 = ok(await api('POST', `/api/v1/inspections/${ins.id}/revoking`, { token: prov, body: { code: 'RV2', reason: '超范围开展电工评价' } }), 201);
  assert.deepEqual([conf2.rectification_id, conf2.suspended], [null, false]);
  one = ok(await api('GET', `/api/v1/rectifications/${r2.id}`, { token: org.token }));
  assert.deepEqual(one.revoking.map((c) => c.code), ['RV1', 'RV2']);
  assert.deepEqual(one.records.map((x) => x.kind), ['status', 'status', 'revoking']);
  // a correction of the inspection finds Z1 again (its case closed: a new one opens) and Z2 again (its case
  // escalated, still unclosed: none opens)
  // (before it, the province sets class 2's term to 3 working days: the new case gets it, r1 kept its own)
  const terms0 = ok(await api('GET', '/api/v1/rectify-terms', { token: org.token })).items;
  assert.deepEqual(terms0.map((x) => x.problem_class), [0, 1, 2, 3, 4, 5]);
  const class2 = terms0.find((x) => x.problem_class === 2);
  assert.ok(class2.source.startsWith('[GAP]'));
  expectError(await api('PUT', '/api/v1/rectify-terms/2', { token: jinan, body: { days: 3, source: 'x' } }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/rectify-terms/9', { token: prov, body: { days: 3, source: 'x' } }), 404, 'not_found');
  expectError(await api('PUT', '/api/v1/rectify-terms/2', { token: prov, body: { days: 0, source: 'x' } }), 422, 'invalid_value');
  expectError(await api('PUT', '/api/v1/rectify-terms/2', { token: prov, body: { days: 3 } }), 422, 'missing_field');
  assert.deepEqual(ok(await api('PUT', '/api/v1/rectify-terms/2', { token: prov, body: { days: 3, source: `API 89 ${tag}` } })), { problem_class: 2, days: 3, source: `API 89 ${tag}` });
  const corr = ok(await api('POST', '/api/v1/inspections', { token: sup.token, body: { sitting_id: sit, corrects_id: ins.id } }), 201);
  ok(await api('PUT', `/api/v1/inspections/${corr.id}/marks`, { token: sup.token, body: { marks: [
    { item_id: byCode.Z1.id, result: 'nonconform', note: '复查：座位间距仍不足', seq: 1 },
    { item_id: byCode.Z2.id, result: 'nonconform', note: '复查：签到表仍缺', seq: 1 },
    { item_id: byCode.Z3.id, result: 'conform', seq: 1 },
  ] } }));
  ok(await api('POST', `/api/v1/inspections/${corr.id}/sign`, { token: sup.token }));
  list = ok(await api('GET', `/api/v1/rectifications?inspection_id=${corr.id}`, { token: prov }));
  assert.deepEqual(list.items.map((x) => [x.item_code, x.finding, x.status]), [['Z1', '复查：座位间距仍不足', 'open']]);
  assert.deepEqual([list.items[0].days, list.items[0].due_on, list.items[0].term_source], [3, due(today, 3), `API 89 ${tag}`]);
  assert.equal(ok(await api('GET', `/api/v1/rectifications/${r1.id}`, { token: prov })).days, 10, 'an opened case keeps its term');
  ok(await api('PUT', '/api/v1/rectify-terms/2', { token: prov, body: { days: class2.days, source: class2.source } }));
  // the province closes the escalated case
  expectError(await api('POST', `/api/v1/rectifications/${r2.id}/close`, { token: prov, body: {} }), 422, 'missing_field');
  one = ok(await api('POST', `/api/v1/rectifications/${r2.id}/close`, { token: prov, body: { reason: '已暂停备案，结案' } }));
  assert.deepEqual([one.status, one.decision, one.overdue], ['closed', '已暂停备案，结案', true]);

  // the archive has each step
  const acts = async (entity, id) => (await api('GET', `/api/v1/audit?entity=${entity}&entity_id=${id}&page_size=100`, { token: prov })).data.items.map((a) => a.action);
  const a1 = await acts('rectification', r1.id);
  for (const a of ['rectification.open', 'rectification.evidence', 'rectification.evidence_again', 'rectification.responded', 'rectification.returned', 'rectification.closed']) assert.ok(a1.includes(a), `${a} in ${a1}`);
  const a2 = await acts('rectification', r2.id);
  for (const a of ['rectification.open', 'rectification.escalated', 'rectification.closed']) assert.ok(a2.includes(a), `${a} in ${a2}`);
  assert.ok((await acts('revoking_confirmation', conf.id)).includes('revoking.confirm'));
  assert.ok((await acts('institution', inst.id)).includes('institution.status'));
  assert.ok((await acts('rectify_term', 2)).includes('rectify_term.update'));
});
