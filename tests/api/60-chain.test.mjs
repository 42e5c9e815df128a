// The evaluation chain end to end: plan → registrations (one ineligible, with its reason) → a theory sitting
// of 30 candidates (one resumes on another client) → a practical panel with a 回避 refusal → results → 公示 with an
// objection → certificates from the passed results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dbExec, api, login, expectError, unique, invigilators, qualify } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const L = 'ABCDEFGH';

test('plan to certificates', async () => {
  const org = await login('jinan_org_admin'), admin = await login('admin'), city = await login('jinan_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const occ = scope.occupation_code, tag = `c${unique()}`;
  for (let i = 0; i < 6; i++)
    assert.equal((await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: tag, stem: `${tag} 题 ${i}`, options: [`${tag}${i}a`, `${tag}${i}b`, `${tag}${i}c`], answer: 'A', points: 5 } })).status, 201);
  await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: tag, kind: 'single', count: 4 }] } });
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `全流程 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 40, subjects: ['theory', 'practical'], publicity_days: 5 } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: city, body: { status: 'open' } });
  // thirty candidates with accounts register themselves (the eligible ones are kept), and one ineligible
  // registration by the institution
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: org })).data.items;
  const cands = [];
  let spare = null;
  for (const p of persons) {
    if (cands.length === 30) { spare = spare || p; if (spare !== p) break; continue; }
    const user = `${tag}k${cands.length}`;
    const chk = await api('POST', '/api/v1/eligibility/check', { token: org, body: { person_id: p.id, occupation_code: occ, level: 5, option: '2023-5-a', declared: true, exam_date: plan.exam_date } });
    if (chk.status !== 200 || !chk.data.eligible) continue;
    assert.equal((await api('POST', '/api/v1/users', { token: admin, body: { username: user, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } })).status, 201);
    const t = await login(user, 'Kite-River-2026');
    const reg = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: t, body: { option: '2023-5-a', declared: true } })).data;
    assert.equal(reg.eligible, true, JSON.stringify(reg));
    assert.equal((await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
    cands.push({ t, reg, person: p, user });
  }
  assert.equal(cands.length, 30);
  const inel = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: spare.id, option: '2023-5-a' } })).data;
  assert.equal(inel.eligible, false);
  assert.equal(inel.failed_code, 'declaration_missing');
  await api('POST', `/api/v1/registrations/${inel.id}/review`, { token: org, body: { decision: 'reject', reason: '不符合申报条件' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'examining' } });
  // the sitting of 30 (two invigilators): all answer at once; the second resumes on "another client" (a
  // new login) mid-way; the third answers nothing right
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '一考场', minutes: 90, invigilators: await invigilators(org) } })).data;
  const bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=5&page_size=500`, { token: org })).data.items.filter((x) => x.area === tag);
  const key = new Map(bank.map((x) => [x.stem, x.options[0]]));
  for (const c of cands) {
    const r = await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: c.reg.id } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    c.attempt = r.data.attempt_id;
  }
  await Promise.all(cands.map(async (c, i) => {
    let paper = (await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: c.t })).data;
    let seq = 0;
    for (const it of paper.items) {
      if (i === 1 && seq === 2) { // disconnect: a fresh session on another device resumes the same paper
        const again = await api('POST', '/api/v1/auth/login', { body: { username: c.user, password: 'Kite-River-2026' } });
        c.t = again.data.token;
        const resumed = (await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: c.t })).data;
        assert.equal(Object.keys(resumed.answers).length, 2);
        assert.deepEqual(resumed.items.map((x) => x.stem), paper.items.map((x) => x.stem));
        paper = resumed;
      }
      const right = key.get(it.stem);
      const pick = i === 2 ? 'Z' : L[it.options.indexOf(right)];
      if (pick !== 'Z') assert.equal((await api('PUT', `/api/v1/attempts/${c.attempt}/answers/${it.pos}`, { token: c.t, body: { answer: pick, seq: ++seq } })).status, 200);
    }
    assert.equal((await api('POST', `/api/v1/attempts/${c.attempt}/submit`, { token: c.t })).data.status, 'submitted');
  }));
  // the plan's rooms with their invigilators
  const rooms = (await api('GET', `/api/v1/plans/${plan.id}/sittings`, { token: org })).data.items;
  assert.equal(rooms[0].invigilator_users.length, 2);
  // a candidate sees nothing of the others during the sitting
  expectError(await api('POST', `/api/v1/attempts/${cands[3].attempt}/open`, { token: cands[4].t }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: cands[4].t }), 403, 'forbidden');
  // the practical panel: examiner1 and two more; one must abstain from a relative
  const exTokens = [await login('examiner1')], exIds = [];
  const e1 = (await api('GET', '/api/v1/auth/me', { token: exTokens[0] })).data;
  exIds.push(e1.user ? e1.user.id : e1.id);
  for (const n of [2, 3]) {
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}e${n}`, password: 'Kite-River-2026', role: 'examiner', institution_id: instId } });
    await qualify(admin, u.data.id);
    exIds.push(u.data.id);
    exTokens.push(await login(`${tag}e${n}`, 'Kite-River-2026'));
  }
  await api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria: [{ name: '操作', points: 60, star: true }, { name: '规范', points: 40 }], examiners: exIds } });
  await api('POST', `/api/v1/users/${exIds[2]}/avoidances`, { token: org, body: { person_id: cands[0].person.id, reason: '考生为其培训学员' } });
  expectError(await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: exTokens[2], body: { registration_id: cands[0].reg.id, scores: [50, 30] } }), 403, 'avoidance');
  // the institution replaces the abstaining examiner for the panel (a new odd panel without them)
  const u4 = await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}e4`, password: 'Kite-River-2026', role: 'examiner', institution_id: instId } });
  await qualify(admin, u4.data.id);
  exIds[2] = u4.data.id;
  exTokens[2] = await login(`${tag}e4`, 'Kite-River-2026');
  assert.equal((await api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria: [{ name: '操作', points: 60, star: true }, { name: '规范', points: 40 }], examiners: exIds } })).status, 200);
  for (const c of cands)
    for (const t of exTokens)
      assert.equal((await api('POST', `/api/v1/plans/${plan.id}/practical/scores`, { token: t, body: { registration_id: c.reg.id, scores: [50, 30] } })).status, 201);
  // results: compiled while scoring
  expectError(await api('POST', `/api/v1/plans/${plan.id}/results`, { token: org }), 409, 'invalid_state');
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } });
  const compiled = await api('POST', `/api/v1/plans/${plan.id}/results`, { token: org });
  assert.equal(compiled.status, 201, JSON.stringify(compiled.data));
  assert.equal(compiled.data.results, 30);
  const res = [];
  for (const c of cands.slice(0, 3)) res.push((await api('GET', `/api/v1/results?person_id=${c.person.id}&page_size=50`, { token: org })).data.items.find((x) => x.occupation_code === occ && x.exam_date === plan.exam_date));
  assert.deepEqual(res.map((x) => x.theory), [100, 100, 0]);
  assert.deepEqual(res.map((x) => x.passed), [true, true, false]);
  // 公示 with an objection: certification waits for it and for the end of the period
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'publicity' } });
  const obj = await api('POST', `/api/v1/plans/${plan.id}/objections`, { body: { result_id: res[1].id, text: '该考生实际未到场参加技能考核', contact: '匿名' } });
  assert.equal(obj.status, 201, JSON.stringify(obj.data));
  expectError(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'certified' } }), 409, 'objections_open');
  const objs = (await api('GET', `/api/v1/plans/${plan.id}/objections`, { token: org })).data.items;
  assert.deepEqual(objs.map((o) => [o.id, o.status, o.candidate.length > 0]), [[obj.data.id, 'open', true]]);
  expectError(await api('GET', `/api/v1/plans/${plan.id}/objections`, { token: await login('qingdao_admin') }), 404, 'not_found');
  assert.equal((await api('POST', `/api/v1/objections/${obj.data.id}/resolve`, { token: city, body: { resolution: '调取考场录像，考生全程在场，异议不成立' } })).status, 200);
  expectError(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'certified' } }), 409, 'publicity_not_over');
  // no certificate while the 公示 runs
  expectError(await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [res[0].id] } }), 409, 'publicity_not_over');
  // the period ends (time moves on: the end date is set to yesterday), the plan is certified
  dbExec(`UPDATE plans SET publicity_end = '2000-01-01' WHERE id = ${Number(plan.id)}`);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'certified' } })).status, 200);
  // certificates from the passed results
  const issued = await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [res[0].id, res[1].id] } });
  assert.equal(issued.status, 201, JSON.stringify(issued.data));
  expectError(await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [res[2].id] } }), 409, 'not_passed');
});
