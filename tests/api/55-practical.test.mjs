// 操作技能考核: an odd panel of at least three examiners, 回避, independent scoring (no one sees another's
// scores before all are in), panel means, spread flags and the ★ rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, qualify } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

test('a practical panel scores independently, with 回避', async () => {
  const org = await login('jinan_org_admin'), admin = await login('admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const tag = `p${unique()}`;
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `操作技能 ${tag}`, occupation_code: scope.occupation_code, level: 5, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(9), capacity: 5, subjects: ['theory', 'practical'] } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  const cand = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: await login('candidate1'), body: { option: '2023-5-a', declared: true } })).data;
  const someone = (await api('GET', '/api/v1/persons?page_size=20', { token: org })).data.items.find((p) => p.id !== cand.person_id);
  const other = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: someone.id, option: '2023-5-a', declared: true } })).data;
  for (const r of [cand, other]) await api('POST', `/api/v1/registrations/${r.id}/review`, { token: org, body: { decision: 'approve' } });
  // three examiners: examiner1 and two new ones
  const ex = [await login('examiner1')];
  const ids = [(await api('GET', '/api/v1/auth/me', { token: ex[0] })).data];
  const exIds = [ids[0].user ? ids[0].user.id : ids[0].id];
  for (const n of [2, 3, 4]) {
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `ex${n}${tag}`, password: 'Kite-River-2026', role: 'examiner', institution_id: instId } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    await qualify(admin, u.data.id);
    exIds.push(u.data.id);
    ex.push(await login(`ex${n}${tag}`, 'Kite-River-2026'));
  }
  const criteria = [{ name: '接线与安装（★）', points: 40, star: true }, { name: '通电测试', points: 30 }, { name: '安全文明生产', points: 30 }];
  expectError(await api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria, examiners: exIds.slice(0, 2) } }), 422, 'panel_too_small');
  expectError(await api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria, examiners: exIds } }), 422, 'panel_even');
  assert.equal((await api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria, examiners: exIds.slice(0, 3) } })).status, 200);
  // 回避: the third examiner declared a relative
  assert.equal((await api('POST', `/api/v1/users/${exIds[2]}/avoidances`, { token: org, body: { person_id: other.person_id, reason: '考生为其亲属' } })).status, 200);
  const refused = await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[2], body: { registration_id: other.id, scores: [30, 20, 20] } });
  expectError(refused, 403, 'avoidance');
  assert.match(refused.data.error.message_zh, /亲属/);
  expectError(await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[3], body: { registration_id: cand.id, scores: [30, 20, 20] } }), 403, 'not_on_panel');
  expectError(await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[0], body: { registration_id: cand.id, scores: [41, 20, 20] } }), 422, 'invalid_score');
  // independent scoring
  const s1 = await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[0], body: { registration_id: cand.id, scores: [24, 30, 30] } });
  assert.equal(s1.status, 201, JSON.stringify(s1.data));
  assert.equal(s1.data.complete, false);
  assert.equal(s1.data.score, undefined);
  await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[1], body: { registration_id: cand.id, scores: [24, 20, 30] } });
  const view2 = (await api('GET', `/api/v1/plans/${plan.id}/practical/${cand.id}`, { token: ex[1] })).data;
  assert.deepEqual(view2.my_scores, [24, 20, 30]);
  assert.equal(view2.means, undefined);
  assert.equal((await api('GET', `/api/v1/plans/${plan.id}/practical/${cand.id}`, { token: org })).data.score, undefined);
  expectError(await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[0], body: { registration_id: cand.id, scores: [40, 30, 30] } }), 409, 'already_scored');
  await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: ex[2], body: { registration_id: cand.id, scores: [24, 25, 30] } });
  const done = (await api('GET', `/api/v1/plans/${plan.id}/practical/${cand.id}`, { token: org })).data;
  assert.equal(done.complete, true);
  assert.equal(done.score, 79); // (24 + 25 + 30) of 100
  assert.deepEqual(done.spread_flags, [1]); // 20..30 is more than 20 % of 30 apart
  assert.equal(done.star_failed, false);
});
