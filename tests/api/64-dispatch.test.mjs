// 督导员与交叉互派: the supervisor registry (the province all, a city its region, a supervisor their own
// profile, of which they change only their availability) and the dispatch of a day's sittings: every sitting
// gets its supervisors, never one of the sitting's own institution, one who declared 回避 with it, or one of
// 济南 at a 济南 sitting (交叉互派); an infeasible day says which sittings and why and stores nothing; the
// stored plan is read by region and by the supervisor themself, and every change is in the audit archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const DAY = '2031-03-18'; // a Tuesday nobody else holds sittings on
const at = (hhmm) => Date.parse(`${DAY}T${hhmm}:00+08:00`) / 1000;
const PW = 'Mx!Dispatch-Test-2026';

test('supervisors, their profiles and the dispatch of a day', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instA = me.user ? me.user.institution_id : me.institution_id;
  const qme = (await api('GET', '/api/v1/auth/me', { token: await login('qingdao_org_admin') })).data;
  const instQ = qme.user ? qme.user.institution_id : qme.institution_id;
  const tag = `d${unique()}${Date.now() % 100000}`;

  // four supervisors: s1 of 济南, s2 of 青岛 working at the 青岛 organisation, s3 of the province avoiding
  // the 济南 organisation, s4 of 青岛
  const sup = {};
  for (const [k, region] of [['s1', '370100'], ['s2', '370200'], ['s3', '370000'], ['s4', '370200']]) {
    const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PW, role: 'supervisor', region_code: region } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    sup[k] = { id: u.data.id, token: await login(`${tag}${k}`, PW) };
  }
  const profile = (region, extra = {}) => ({ grade: 'senior', cert_no: `DD${tag}`, valid_until: '2033-12-31', region_code: region, ...extra });
  // a city writes the profiles of its region only
  let r = await api('PUT', `/api/v1/supervisors/${sup.s1.id}`, { token: jinan, body: profile('370102') });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.region_code, '370102');
  assert.equal(r.data.weekdays, '1111111');
  assert.equal(r.data.max_per_day, 2);
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s2.id}`, { token: jinan, body: profile('370200') }), 404, 'not_found');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s1.id}`, { token: jinan, body: profile('370200') }), 403, 'forbidden');
  r = await api('PUT', `/api/v1/supervisors/${sup.s2.id}`, { token: prov, body: profile('370200', { institution_id: instQ, latitude: 36.07, longitude: 120.38 }) });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.institution_id, instQ);
  r = await api('PUT', `/api/v1/supervisors/${sup.s3.id}`, { token: prov, body: profile('370000', { avoid: [{ institution_id: instA, reason: '曾任职' }] }) });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.avoid.map((a) => a.institution_id), [instA]);
  assert.equal((await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('370200', { max_per_day: 3 }) })).status, 200);
  // the checks of a profile
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('370200', { grade: 'master' }) }), 422, 'invalid_value');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('370200', { weekdays: '11111' }) }), 422, 'invalid_value');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('370200', { valid_until: '2033-13-01' }) }), 422, 'invalid_date');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('370200', { institution_id: 99999999 }) }), 404, 'not_found');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('379999') }), 422, 'invalid_region');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}`, { token: prov, body: profile('370200', { latitude: 36 }) }), 422, 'missing_field');
  const orgUser = me.user ? me.user.id : me.id;
  expectError(await api('PUT', `/api/v1/supervisors/${orgUser}`, { token: prov, body: profile('370100') }), 404, 'not_found');

  // reads: the province all, a city its region, a supervisor their own
  const list = async (t, q = '') => (await api('GET', `/api/v1/supervisors?page_size=500${q}`, { token: t })).data.items.map((x) => x.user_id);
  const all = await list(prov);
  for (const k of ['s1', 's2', 's3', 's4']) assert.ok(all.includes(sup[k].id));
  const ji = await list(jinan);
  assert.ok(ji.includes(sup.s1.id) && !ji.includes(sup.s2.id) && !ji.includes(sup.s3.id));
  assert.deepEqual(await list(sup.s2.token), [sup.s2.id]);
  const qd = await list(prov, '&region_code=370200');
  assert.ok(qd.includes(sup.s2.id) && qd.includes(sup.s4.id) && !qd.includes(sup.s1.id) && !qd.includes(sup.s3.id));
  assert.equal((await api('GET', `/api/v1/supervisors/${sup.s2.id}`, { token: sup.s2.token })).status, 200);
  expectError(await api('GET', `/api/v1/supervisors/${sup.s4.id}`, { token: sup.s2.token }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/supervisors/${sup.s2.id}`, { token: jinan }), 404, 'not_found');
  expectError(await api('GET', '/api/v1/supervisors', { token: org }), 403, 'forbidden');
  // a supervisor changes their availability, not their profile
  r = await api('PUT', `/api/v1/supervisors/${sup.s2.id}/availability`, { token: sup.s2.token, body: { weekdays: '1111100', days_off: ['2031-03-19'] } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.weekdays, '1111100');
  assert.deepEqual(r.data.days_off, ['2031-03-19']);
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s4.id}/availability`, { token: sup.s2.token, body: { max_per_day: 1 } }), 404, 'not_found');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s2.id}/availability`, { token: sup.s2.token, body: { max_per_day: 9 } }), 422, 'invalid_value');
  expectError(await api('PUT', `/api/v1/supervisors/${sup.s2.id}`, { token: sup.s2.token, body: profile('370200') }), 403, 'forbidden');

  // the rules: 济南 requires 交叉互派 (seed 002)
  const rules = (await api('GET', '/api/v1/dispatch/rules', { token: jinan })).data;
  assert.ok(rules.cross_dispatch.some((c) => c.region_code === '370100'));
  assert.ok(rules.needs.some((n) => n.level_from <= 5 && n.level_to >= 5 && n.min_candidates === 0));
  expectError(await api('PUT', '/api/v1/dispatch/rules', { token: jinan, body: rules }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/dispatch/rules', { token: prov, body: { ...rules, cross_dispatch: ['370100'], needs: rules.needs.filter((n) => n.level_to < 5) } }), 422, 'invalid_value');

  // a plan of the 济南 organisation with three sittings on DAY: two at nine, one at two
  const inst = (await api('GET', `/api/v1/institutions/${instA}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const pr = await api('POST', '/api/v1/plans', { token: org, body: { title: `督导派遣测试 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } });
  assert.equal(pr.status, 201, JSON.stringify(pr.data));
  const plan = pr.data;
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  r = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const inv = await invigilators(org);
  const sits = [];
  for (const [room, hhmm] of [['一', '09:00'], ['二', '09:00'], ['三', '14:00']]) {
    const s = await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `督导第${room}考场 ${tag}`, minutes: 120, starts_at: at(hhmm), invigilators: inv } });
    assert.equal(s.status, 201, JSON.stringify(s.data));
    sits.push(s.data.id);
  }

  // who may run it
  expectError(await api('POST', '/api/v1/dispatch/runs', { token: qingdao, body: { day: DAY, region_code: '370100' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/dispatch/runs', { token: sup.s1.token, body: { day: DAY, region_code: '370100' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: '2031-02-30', region_code: '370100' } }), 422, 'invalid_date');
  expectError(await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '379999' } }), 422, 'invalid_region');

  // an infeasible day: ten supervisors a sitting is more than there are; nothing is stored
  // (the demo's supervisors are qualified for two years from the day it was made, so not on DAY)
  const sups = (await api('GET', '/api/v1/supervisors?page_size=500', { token: prov })).data.items;
  assert.ok(sups.filter((x) => x.valid_until >= DAY).length < 10, 'fewer than ten supervisors qualified on DAY');
  const ten = { ...rules, cross_dispatch: rules.cross_dispatch.map((c) => c.region_code), needs: [...rules.needs.filter((n) => !(n.level_from <= 5 && n.level_to >= 5)), { level_from: 3, level_to: 5, min_candidates: 0, supervisors: 10 }] };
  assert.equal((await api('PUT', '/api/v1/dispatch/rules', { token: prov, body: ten })).status, 200);
  r = await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } });
  assert.equal(r.status, 409, JSON.stringify(r.data));
  assert.equal(r.data.error.code, 'dispatch_infeasible');
  assert.equal(r.data.stored, false);
  assert.deepEqual(r.data.short.map((s) => s.sitting_id).sort(), [...sits].sort());
  for (const s of r.data.short) {
    assert.equal(s.need, 10);
    assert.ok(s.covered <= s.eligible && s.covered < 10);
    assert.ok(s.refused.own_city >= 1, '济南 supervisors are refused at 济南 sittings');
    assert.ok(s.refused.avoidance >= 1, 's3 declared 回避');
    assert.ok(s.reason_zh.includes('需要 10 名督导员') && s.reason_en.includes('needs 10 supervisors'));
  }
  assert.equal((await api('GET', `/api/v1/dispatch/assignments?day=${DAY}`, { token: prov })).data.total, 0);
  // back to the rules as they were
  r = await api('PUT', '/api/v1/dispatch/rules', { token: prov, body: { ...rules, cross_dispatch: rules.cross_dispatch.map((c) => c.region_code) } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data, rules);

  // the day dispatched: each sitting its one supervisor, none of 济南 (s1), none avoiding (s3), none of
  // the sitting's institution; the two at nine get different supervisors
  r = await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.stored, true);
  assert.equal(r.data.sittings, 3);
  assert.equal(r.data.assigned, 3);
  const got = r.data.assignments;
  assert.deepEqual(got.map((a) => a.sitting_id).sort(), [...sits].sort());
  for (const a of got) {
    assert.ok(![sup.s1.id, sup.s3.id].includes(a.supervisor_id), `supervisor ${a.supervisor_id} may not go`);
    assert.ok(a.explanation.kept.includes('cross_dispatch_other_city'));
    assert.ok(a.explanation.eligible >= 1 && a.explanation.distance_m >= 0);
    assert.ok(Array.isArray(a.explanation.alternatives));
  }
  const nine = got.filter((a) => a.sitting_id !== sits[2]);
  assert.notEqual(nine[0].supervisor_id, nine[1].supervisor_id);
  // stored, read by region and by the supervisor themself
  const board = (await api('GET', `/api/v1/dispatch/assignments?day=${DAY}&region_code=370100`, { token: jinan })).data;
  assert.equal(board.total, 3);
  assert.ok(board.items.every((a) => a.institution_id === instA && a.day === DAY && a.room.includes(tag)));
  assert.equal((await api('GET', `/api/v1/dispatch/assignments?day=${DAY}`, { token: qingdao })).data.total, 0);
  const s2own = (await api('GET', `/api/v1/dispatch/assignments?day=${DAY}`, { token: sup.s2.token })).data;
  assert.ok(s2own.items.every((a) => a.supervisor_id === sup.s2.id));
  assert.equal(s2own.total, got.filter((a) => a.supervisor_id === sup.s2.id).length);
  expectError(await api('GET', `/api/v1/dispatch/assignments?day=${DAY}`, { token: org }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/dispatch/assignments?day=someday', { token: prov }), 422, 'invalid_date');
  const csv = await api('GET', `/api/v1/dispatch/assignments?day=${DAY}&format=csv`, { token: jinan });
  assert.equal(csv.status, 200);
  // a second run replaces the region's plan of the day
  r = await api('POST', '/api/v1/dispatch/runs', { token: prov, body: { day: DAY, region_code: '370100' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.replaced, 3);
  assert.equal((await api('GET', `/api/v1/dispatch/assignments?day=${DAY}`, { token: prov })).data.total, 3);
  // another region's run the same day never sends a supervisor to a sitting that overlaps one they already
  // serve in 济南, and leaves 济南's plan as it is
  const qorg = await login('qingdao_org_admin');
  const qinst = (await api('GET', `/api/v1/institutions/${instQ}`, { token: qorg })).data;
  const qocc = qinst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const qp = await api('POST', '/api/v1/plans', { token: qorg, body: { title: `督导派遣测试青岛 ${tag}`, occupation_code: qocc, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } });
  assert.equal(qp.status, 201, JSON.stringify(qp.data));
  assert.equal((await api('POST', `/api/v1/plans/${qp.data.id}/status`, { token: qorg, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${qp.data.id}/status`, { token: qingdao, body: { status: 'open' } })).status, 200);
  const qinv = [];
  for (const k of ['qe1', 'qe2']) {
    const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PW, role: 'examiner', institution_id: instQ, examiner_grade: 'senior' } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    qinv.push(u.data.id);
  }
  const qs = await api('POST', `/api/v1/plans/${qp.data.id}/sittings`, { token: qorg, body: { room: `督导青岛考场 ${tag}`, minutes: 90, starts_at: at('10:00'), invigilators: qinv } });
  assert.equal(qs.status, 201, JSON.stringify(qs.data));
  const jinanPlan = (await api('GET', `/api/v1/dispatch/assignments?day=${DAY}&region_code=370100`, { token: prov })).data.items;
  const busyAtNine = new Set(jinanPlan.filter((a) => a.sitting_id !== sits[2]).map((a) => a.supervisor_id));
  r = await api('POST', '/api/v1/dispatch/runs', { token: qingdao, body: { day: DAY, region_code: '370200' } });
  if (r.status === 201) {
    assert.equal(r.data.sittings, 1);
    for (const a of r.data.assignments) {
      assert.ok(!busyAtNine.has(a.supervisor_id), 'not one who serves a 济南 sitting from nine to eleven');
      assert.notEqual(a.supervisor_id, sup.s2.id, 's2 works at the 青岛 organisation');
    }
  } else {
    assert.equal(r.status, 409, JSON.stringify(r.data));
    assert.ok(r.data.short[0].refused.busy + r.data.short[0].refused.home_institution >= 1);
  }
  const after = (await api('GET', `/api/v1/dispatch/assignments?day=${DAY}&region_code=370100`, { token: prov })).data.items;
  assert.deepEqual(after.map((a) => a.id).sort(), jinanPlan.map((a) => a.id).sort());
  // audited
  const audit = (await api('GET', '/api/v1/audit?page_size=200', { token: prov })).data.items;
  for (const action of ['supervisor.create', 'supervisor.availability', 'dispatch.rules', 'dispatch.run'])
    assert.ok(audit.some((x) => x.action === action), `audit has ${action}`);
});
