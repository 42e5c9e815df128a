// 综合评审 for levels 2 and 1: a panel of at least three senior examiners (odd) scores independently like
// the practical; compiling results needs all three parts and each must reach 60; levels 3-5 have none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators, qualify } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const L = 'ABCDEFGH';

test('综合评审 for a level-2 plan, through to the compiled results', async () => {
  const org = await login('jinan_org_admin'), admin = await login('admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(2));
  assert.ok(scope, 'the demo institution has a level-2 scope');
  const occ = scope.occupation_code, tag = `rv${unique()}`;
  // a small bank and blueprint for level 2
  for (let i = 0; i < 4; i++)
    assert.equal((await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 2, kind: 'single', area: tag, stem: `${tag} 题 ${i}`, options: [`${tag}${i}a`, `${tag}${i}b`, `${tag}${i}c`], answer: 'A', points: 5 } })).status, 201);
  await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 2, cells: [{ area: tag, kind: 'single', count: 4 }] } });
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `技师评审 ${tag}`, occupation_code: occ, level: 2, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(20), capacity: 5, subjects: ['theory', 'practical', 'review'] } })).data;
  assert.ok(plan.id, JSON.stringify(plan));
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  // two candidates eligible by 2023-2-c: an intermediate title and a year's work since
  const persons = (await api('GET', '/api/v1/persons?page_size=100', { token: org })).data.items.slice(60, 62);
  const cands = [];
  for (const [i, p] of persons.entries()) {
    assert.equal((await api('POST', `/api/v1/persons/${p.id}/titles`, { token: org, body: { grade: 'intermediate', name: '工程师', obtained_on: '2019-06-01' } })).status, 201);
    await api('POST', `/api/v1/persons/${p.id}/work-history`, { token: org, body: { employer_name: '济南某机电公司', occupation_code: occ, start_date: '2019-07-01' } });
    const reg = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-2-c', declared: true } })).data;
    assert.equal(reg.eligible, true, JSON.stringify(reg));
    await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } });
    const user = `${tag}k${i}`;
    await api('POST', '/api/v1/users', { token: admin, body: { username: user, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } });
    cands.push({ reg, t: await login(user, 'Kite-River-2026') });
  }
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'examining' } });
  // theory: both answer everything right
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '技师考场', minutes: 120, invigilators: await invigilators(org) } })).data;
  const bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=2&page_size=500`, { token: org })).data.items.filter((x) => x.area === tag);
  const key = new Map(bank.map((x) => [x.stem, x.options[0]]));
  for (const c of cands) {
    const att = (await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: c.reg.id } })).data.attempt_id;
    const paper = (await api('POST', `/api/v1/attempts/${att}/open`, { token: c.t })).data;
    let seq = 0;
    for (const it of paper.items) await api('PUT', `/api/v1/attempts/${att}/answers/${it.pos}`, { token: c.t, body: { answer: L[it.options.indexOf(key.get(it.stem))], seq: ++seq } });
    await api('POST', `/api/v1/attempts/${att}/submit`, { token: c.t });
  }
  // panels: three senior examiners for both parts (levels 2 and 1 need 高级考评员)
  const ex = [], exIds = [];
  for (let n = 0; n < 4; n++) {
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}e${n}`, password: 'Kite-River-2026', role: 'examiner', institution_id: instId, examiner_grade: n < 3 ? 'senior' : null } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    await qualify(admin, u.data.id, n < 3 ? 'senior_examiner' : 'examiner');
    exIds.push(u.data.id);
    ex.push(await login(`${tag}e${n}`, 'Kite-River-2026'));
  }
  const practical = [{ name: '技能操作（★）', points: 70, star: true }, { name: '工艺规范', points: 30 }];
  const review = [{ name: '技术总结与业绩材料', points: 40 }, { name: '答辩', points: 60 }];
  assert.equal((await api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria: practical, examiners: exIds.slice(0, 3) } })).status, 200);
  // a plain 考评员 is refused by a level 2 panel, named (the §57 check, svc/platform/workforce.h wf_panel_refuse)
  const plain = await api('PUT', `/api/v1/plans/${plan.id}/review`, { token: org, body: { criteria: review, examiners: [exIds[0], exIds[1], exIds[3]] } });
  expectError(plain, 422, 'senior_examiners_required');
  assert.match(plain.data.error.message_zh, new RegExp(`账号 ${exIds[3]} 未持有有效的高级考评员资格`));
  expectError(await api('PUT', `/api/v1/plans/${plan.id}/review`, { token: org, body: { criteria: review, examiners: exIds.slice(0, 2) } }), 422, 'panel_too_small');
  assert.equal((await api('PUT', `/api/v1/plans/${plan.id}/review`, { token: org, body: { criteria: review, examiners: exIds.slice(0, 3) } })).status, 200);
  // the panel reads the setup: criteria by name and the candidates it scores; others outside it do not
  const setup = (await api('GET', `/api/v1/plans/${plan.id}/review`, { token: ex[1] })).data;
  assert.equal(setup.configured, true);
  assert.deepEqual(setup.criteria.map((c) => c.name), ['技术总结与业绩材料', '答辩']);
  assert.deepEqual(setup.examiners.map((x) => x.user_id), exIds.slice(0, 3));
  assert.deepEqual(setup.candidates.map((c) => c.registration_id).sort(), cands.map((c) => c.reg.id).sort());
  expectError(await api('GET', `/api/v1/plans/${plan.id}/review`, { token: ex[3] }), 404, 'not_found');
  assert.equal((await api('GET', `/api/v1/plans/${plan.id}/practical`, { token: org })).data.criteria[0].name, '技能操作（★）');
  // independent review scoring: nobody sees the others' scores before the panel is complete
  const first = await api('POST', `/api/v1/plans/${plan.id}/review/scores`, { token: ex[0], body: { registration_id: cands[0].reg.id, scores: [30, 40] } });
  assert.equal(first.status, 201, JSON.stringify(first.data));
  assert.equal(first.data.complete, false);
  assert.equal(first.data.score, undefined);
  expectError(await api('POST', `/api/v1/plans/${plan.id}/review/scores`, { token: ex[3], body: { registration_id: cands[0].reg.id, scores: [30, 40] } }), 403, 'not_on_panel');
  expectError(await api('POST', `/api/v1/plans/${plan.id}/review/scores`, { token: ex[1], body: { registration_id: cands[0].reg.id, scores: [41, 40] } }), 422, 'invalid_score');
  // results wait for every part
  for (const t of ex.slice(0, 3)) for (const c of cands) await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: t, body: { registration_id: c.reg.id, scores: [60, 25] } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } });
  expectError(await api('POST', `/api/v1/plans/${plan.id}/results`, { token: org }), 409, 'review_incomplete');
  // the first passes the review (mean 70), the second does not (mean 50)
  for (const t of ex.slice(1, 3)) await api('POST', `/api/v1/plans/${plan.id}/review/scores`, { token: t, body: { registration_id: cands[0].reg.id, scores: [30, 40] } });
  for (const t of ex.slice(0, 3)) await api('POST', `/api/v1/plans/${plan.id}/review/scores`, { token: t, body: { registration_id: cands[1].reg.id, scores: [20, 30] } });
  const view = (await api('GET', `/api/v1/plans/${plan.id}/review/${cands[0].reg.id}`, { token: org })).data;
  assert.equal(view.complete, true);
  assert.equal(view.score, 70);
  const compiled = await api('POST', `/api/v1/plans/${plan.id}/results`, { token: org });
  assert.equal(compiled.status, 201, JSON.stringify(compiled.data));
  const res = (await api('GET', `/api/v1/results?page_size=500&occupation_code=${occ}`, { token: org })).data.items.filter((r) => r.plan_id === plan.id || r.exam_date === plan.exam_date);
  const r0 = res.find((r) => r.person_id === persons[0].id), r1 = res.find((r) => r.person_id === persons[1].id);
  assert.equal(r0.review, 70);
  assert.equal(r0.passed, true);
  assert.equal(r1.review, 50);
  assert.equal(r1.theory, 100);
  assert.equal(r1.passed, false, 'a review under 60 fails the level whatever the other parts');
  // levels 3-5 have no 综合评审
  const low = inst.scopes.find((s) => s.levels.includes(5));
  const plan5 = (await api('POST', '/api/v1/plans', { token: org, body: { title: `五级 ${tag}`, occupation_code: low.occupation_code, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(20), capacity: 5, subjects: ['theory', 'practical'] } })).data;
  expectError(await api('PUT', `/api/v1/plans/${plan5.id}/review`, { token: org, body: { criteria: review, examiners: exIds.slice(0, 3) } }), 409, 'review_not_applicable');
});
