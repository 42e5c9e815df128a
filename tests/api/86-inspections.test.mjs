// 督导检查: the checklist as data (seeded per theme with its source, the rest a [GAP]; the province replaces
// it with a new version) and the inspection of a sitting by a supervisor dispatched to it: opened (again:
// the same draft), marked with saves a client may retry (a retried or late older save loses nothing), signed
// and then immutable (a correction is a new record linked to it); a supervisor not assigned is refused; the
// institution reads the signed inspections of its own sittings, never a draft; every change is audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators, dayAfterSupervisors } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// a day no earlier build's supervisor is qualified for: the day after the last qualification in 2100..2159
// (the fixtures' end before 2100, 87-89's begin at 2160)
const DAY = await dayAfterSupervisors(await login('admin'), '2100-01-01', '2160-01-01');
const PW = 'Mx!Inspect-Test-2026';

test('checklist, inspection, save retries, sign-off and immutability', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instA = me.user ? me.user.institution_id : me.institution_id;
  const tag = `i${unique()}${Date.now() % 100000}`;

  // the checklist: the seeded version names its source and leaves the rest a [GAP]
  let r = await api('GET', '/api/v1/checklist', { token: jinan });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const cl0 = r.data;
  assert.equal(cl0.classes.length, 5);
  assert.ok(cl0.items.length >= 1);
  if (cl0.version === 1) assert.ok(cl0.items.every((i) => i.source === 'DOMAIN.md §8 / seed 002'));
  assert.equal((await api('GET', '/api/v1/checklist', { token: org })).status, 200);
  expectError(await api('GET', '/api/v1/checklist', { token: await login('jinan_org_staff') }), 403, 'forbidden');
  // the province replaces it: a new version, the earlier one kept
  const body = {
    note: `测试版本 ${tag}`,
    classes: ['一类', '二类', '三类', '四类', '五类'],
    items: [
      { code: 'T1', stage: 'theory', kind: 'onsite', theme: '考场', text: '考场设置符合要求', problem_class: 2, source: 'test' },
      { code: 'T2', stage: 'all', kind: 'organisational', theme: '档案', text: '考务档案完整', problem_class: 4, source: 'test' },
      { code: 'T3', stage: 'practical', kind: 'onsite', theme: '设备', text: '设备完好', problem_class: 1, source: 'test' },
    ],
    revocations: [{ code: 'R1', text: '测试情形', source: 'test' }],
  };
  expectError(await api('PUT', '/api/v1/checklist', { token: jinan, body }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/checklist', { token: prov, body: { ...body, items: [{ ...body.items[0], problem_class: 6 }] } }), 422, 'invalid_value');
  expectError(await api('PUT', '/api/v1/checklist', { token: prov, body: { ...body, items: [body.items[0], body.items[0]] } }), 422, 'duplicate');
  expectError(await api('PUT', '/api/v1/checklist', { token: prov, body: { ...body, classes: ['一类'] } }), 422, 'invalid_value');
  r = await api('PUT', '/api/v1/checklist', { token: prov, body });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const cl = r.data;
  assert.equal(cl.version, cl0.version + 1);
  assert.deepEqual(cl.items.map((i) => [i.code, i.problem_class]), [['T1', 2], ['T2', 4], ['T3', 1]]);
  assert.deepEqual(cl.revocations.map((x) => x.code), ['R1']);
  assert.equal((await api('GET', `/api/v1/checklist?version=${cl0.version}`, { token: prov })).data.items.length, cl0.items.length);
  expectError(await api('GET', '/api/v1/checklist?version=999999', { token: prov }), 404, 'not_found');

  // two supervisors qualified for DAY only: sq of 青岛 (dispatched), sj of 济南 (never at a 济南 sitting: 交叉互派)
  const sup = {};
  for (const [k, region] of [['sq', '370200'], ['sj', '370100']]) {
    const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PW, role: 'supervisor', region_code: region } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    sup[k] = { id: u.data.id, token: await login(`${tag}${k}`, PW) };
    assert.equal((await api('PUT', `/api/v1/supervisors/${u.data.id}`, { token: prov, body: { grade: 'senior', cert_no: `JC${tag}`, valid_until: DAY, region_code: region } })).status, 200);
  }
  // a sitting of the 济南 organisation on DAY, dispatched
  const inst = (await api('GET', `/api/v1/institutions/${instA}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const pr = await api('POST', '/api/v1/plans', { token: org, body: { title: `督导检查测试 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } });
  assert.equal(pr.status, 201, JSON.stringify(pr.data));
  assert.equal((await api('POST', `/api/v1/plans/${pr.data.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${pr.data.id}/status`, { token: jinan, body: { status: 'open' } })).status, 200);
  const s = await api('POST', `/api/v1/plans/${pr.data.id}/sittings`, { token: org, body: { room: `督导检查考场 ${tag}`, minutes: 120, starts_at: Date.parse(`${DAY}T09:00:00+08:00`) / 1000, invigilators: await invigilators(org) } });
  assert.equal(s.status, 201, JSON.stringify(s.data));
  const sit = s.data.id;
  r = await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual(r.data.assignments.map((a) => [a.sitting_id, a.supervisor_id]), [[sit, sup.sq.id]]);

  // only the dispatched supervisor opens it
  expectError(await api('POST', '/api/v1/inspections', { token: sup.sj.token, body: { sitting_id: sit } }), 403, 'not_assigned');
  expectError(await api('POST', '/api/v1/inspections', { token: jinan, body: { sitting_id: sit } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: 99999999 } }), 404, 'not_found');
  r = await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: sit } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const ins = r.data;
  assert.equal(ins.status, 'draft');
  assert.equal(ins.version, cl.version);
  assert.equal(ins.items_total, 3);
  assert.equal(ins.institution_id, instA);
  // opening again (a retry after network loss) returns the same draft
  r = await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: sit } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.id, ins.id);

  const [i1, i2, i3] = cl.items.map((i) => i.id);
  const save = (token, marks, extra = {}) => api('PUT', `/api/v1/inspections/${ins.id}/marks`, { token, body: { marks, ...extra } });
  // a save, and the same save again (the client retried: the reply was lost) change the same one row
  const first = [{ item_id: i1, result: 'conform', note: '', seq: 1 }, { item_id: i2, result: 'nonconform', note: '', seq: 1 }];
  r = await save(sup.sq.token, first);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.items_marked, 2);
  const again = await save(sup.sq.token, first);
  assert.equal(again.status, 200);
  assert.deepEqual(again.data.marks, r.data.marks);
  // a newer save of item 2, then a late retry of the older one: the newer stays
  r = await save(sup.sq.token, [{ item_id: i2, result: 'nonconform', note: '档案缺少签到表', seq: 2 }], { summary: '总体良好' });
  assert.equal(r.status, 200);
  r = await save(sup.sq.token, [{ item_id: i2, result: 'nonconform', note: '', seq: 1 }]);
  assert.equal(r.data.marks.find((m) => m.item_id === i2).note, '档案缺少签到表');
  assert.equal(r.data.summary, '总体良好');
  // checks of a save
  expectError(await save(sup.sq.token, [{ item_id: i3, result: 'maybe' }]), 422, 'invalid_value');
  expectError(await save(sup.sq.token, [{ item_id: cl0.items[0].id, result: 'conform' }]), 422, 'invalid_value');
  expectError(await save(sup.sj.token, [{ item_id: i3, result: 'conform' }]), 404, 'not_found');
  // drafts: the institution and another city do not see them; the city of the sitting and the province do
  expectError(await api('GET', `/api/v1/inspections/${ins.id}`, { token: org }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/inspections/${ins.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/inspections/${ins.id}`, { token: sup.sj.token }), 404, 'not_found');
  assert.equal((await api('GET', `/api/v1/inspections/${ins.id}`, { token: jinan })).status, 200);
  // sign-off needs every item marked
  expectError(await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.sq.token }), 409, 'inspection_incomplete');
  assert.equal((await save(sup.sq.token, [{ item_id: i3, result: 'not_applicable', seq: 1 }])).status, 200);
  expectError(await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.sj.token }), 404, 'not_found');
  r = await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.sq.token });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.status, 'signed');
  const signed = r.data;
  // a retried sign answers the record as signed; nothing changes any more
  r = await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.sq.token });
  assert.equal(r.status, 200);
  assert.equal(r.data.signed_at, signed.signed_at);
  expectError(await save(sup.sq.token, [{ item_id: i1, result: 'nonconform', note: '改', seq: 9 }]), 409, 'inspection_signed');
  expectError(await save(sup.sq.token, [], { summary: '改' }), 409, 'inspection_signed');
  assert.deepEqual((await api('GET', `/api/v1/inspections/${ins.id}`, { token: prov })).data, signed);
  // the institution reads the signed record of its own sitting; another institution does not
  r = await api('GET', `/api/v1/inspections/${ins.id}`, { token: org });
  assert.equal(r.status, 200);
  assert.equal(r.data.marks.length, 3);
  expectError(await api('GET', `/api/v1/inspections/${ins.id}`, { token: qorg }), 404, 'not_found');
  // a correction is a new record linked to the signed one
  expectError(await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: sit } }), 409, 'inspection_signed');
  r = await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: sit, corrects_id: ins.id } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.corrects_id, ins.id);
  assert.notEqual(r.data.id, ins.id);
  assert.equal(r.data.items_marked, 0);

  // the archive has each step
  const audit = (await api('GET', `/api/v1/audit?entity=inspection&entity_id=${ins.id}&page_size=100`, { token: prov })).data;
  const acts = audit.items.map((a) => a.action);
  for (const a of ['inspection.open', 'inspection.resume', 'inspection.save', 'inspection.sign']) assert.ok(acts.includes(a), `${a} in ${acts}`);
});
