// Check-then-act races on a row's state (评价, 激励, 平台): two requests that both read a state and both act on
// it. Each test fires its requests together behind lib.mjs's gate (PostgreSQL: a second session holds the row
// or table the old code wrote after its read, so every request has read before any writes) and asserts that
// exactly one acts and the others get the 409 the rule already has for the state they would have found.
// On SQLite the gate is open at once and the requests run one after another: the same answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, dbExec, gate, invigilators } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };

// an open plan (报名中) of jinan_org_admin's institution at level 5
async function openPlan(tag, extra = {}) {
  const org = await login('jinan_org_admin'), city = await login('jinan_admin');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = ok(await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `并发状态 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 20, subjects: ['theory', 'practical'], ...extra } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: city, body: { status: 'open' } }));
  return { org, city, plan, occ };
}

test('报名审核: two reviewers deciding one registration at once, one decides, the other already_reviewed', async () => {
  const tag = `rv${unique()}`;
  const { org, plan } = await openPlan(tag);
  const staff = await login('jinan_org_staff');
  const regs = [];
  for (let i = 0; i < 2; i++) {
    const p = ok(await api('POST', '/api/v1/persons', { token: org, body: { name: `审核${tag}${i}`, id_number: idNumber('370102', '19900312', 500 + (unique() % 200) * 2 + i) } }), 201);
    const reg = ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } }), 201);
    assert.equal(reg.eligible, true, JSON.stringify(reg));
    regs.push(reg);
  }
  const [a, b] = regs;
  // PostgreSQL: both reviews read 'submitted' and wait at the decision's UPDATE of the rows the gate holds
  const g = await gate(`UPDATE registrations SET status = status WHERE id IN (${Number(a.id)}, ${Number(b.id)})`);
  const [approve, reject, single, bulk] = await Promise.all([
    api('POST', `/api/v1/registrations/${a.id}/review`, { token: org, body: { decision: 'approve' } }),
    api('POST', `/api/v1/registrations/${a.id}/review`, { token: staff, body: { decision: 'reject', reason: '材料不全' } }),
    // 批量审核 takes each row by the rule of one review
    api('POST', `/api/v1/registrations/${b.id}/review`, { token: staff, body: { decision: 'approve' } }),
    api('POST', `/api/v1/plans/${plan.id}/registrations/review`, { token: org, body: { ids: [b.id], decision: 'reject', reason: '材料不全' } }),
  ]);
  await g.opened;
  // a: exactly one decision, and the registration holds it
  assert.deepEqual([approve.status, reject.status].sort(), [200, 409], JSON.stringify([approve.data, reject.data]));
  const [won, lost] = approve.status === 200 ? [approve, reject] : [reject, approve];
  expectError(lost, 409, 'already_reviewed');
  const regsNow = ok(await api('GET', `/api/v1/plans/${plan.id}/registrations?page_size=50`, { token: org })).items;
  assert.equal(regsNow.find((x) => x.id === a.id).status, won.data.status);
  // b: the single review or the batch's row, not both
  ok(bulk);
  assert.equal(bulk.data.items.length, 1);
  const row = bulk.data.items[0];
  assert.equal(Number(row.ok) + Number(single.status === 200), 1, JSON.stringify([single.data, row]));
  if (single.status === 200) {
    assert.equal(row.code, 'already_reviewed', JSON.stringify(row));
    assert.equal(bulk.data.done, 0);
  } else expectError(single, 409, 'already_reviewed');
  assert.equal(regsNow.find((x) => x.id === b.id).status, single.status === 200 ? 'approved' : 'rejected');
});

test('认定计划: two moves of a plan at once take turns; certification and an objection at once, one of them', async () => {
  // two moves from 已备案待审核 at once (审核通过 and 退回): one is taken, the other finds the plan moved
  const org = await login('jinan_org_admin'), city = await login('jinan_admin'), prov = await login('admin');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = ok(await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code, tag = `pm${unique()}`;
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `并发流转 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 20, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  const move = (token, status, reason) => api('POST', `/api/v1/plans/${plan.id}/status`, { token, body: { status, reason } });
  // PostgreSQL: both read 'filed' and wait at the status UPDATE of the plan the gate holds
  let g = await gate(`UPDATE plans SET status = status WHERE id = ${Number(plan.id)}`);
  const [approve, back] = await Promise.all([move(city, 'open'), move(prov, 'draft', '考场安排不全')]);
  await g.opened;
  assert.deepEqual([approve.status, back.status].sort(), [200, 409], JSON.stringify([approve.data, back.data]));
  const [won, lost] = approve.status === 200 ? [approve, back] : [back, approve];
  expectError(lost, 409, 'invalid_transition');
  assert.equal(ok(await api('GET', `/api/v1/plans/${plan.id}`, { token: org })).status, won.data.status);
  assert.deepEqual(ok(await api('GET', `/api/v1/plans/${plan.id}/history`, { token: org })).items.map((h) => h.to), ['filed', won.data.status]);

  // 公示中 past its end (time moves on: its end date set in the past, as tests/api/60-chain does)
  const p2 = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `并发公示 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 20, subjects: ['theory', 'practical'] } }), 201);
  for (const [who, to] of [[org, 'filed'], [city, 'open'], [org, 'examining'], [org, 'scoring'], [org, 'publicity']])
    ok(await api('POST', `/api/v1/plans/${p2.id}/status`, { token: who, body: { status: to } }));
  dbExec(`UPDATE plans SET publicity_end = '2000-01-01' WHERE id = ${Number(p2.id)}`);
  // PostgreSQL: the certification counts no open objection and waits at the plan's UPDATE; the objection
  // finds the plan in publicity and waits at its INSERT (the gate holds the plan and the objections' table)
  g = await gate(`UPDATE plans SET status = status WHERE id = ${Number(p2.id)}; LOCK TABLE objections IN SHARE MODE`);
  const [certify, objection] = await Promise.all([
    api('POST', `/api/v1/plans/${p2.id}/status`, { token: org, body: { status: 'certified' } }),
    api('POST', `/api/v1/plans/${p2.id}/objections`, { body: { text: `${tag} 公示名单有误`, contact: '匿名' } }),
  ]);
  await g.opened;
  const objs = ok(await api('GET', `/api/v1/plans/${p2.id}/objections`, { token: org })).items;
  const status = ok(await api('GET', `/api/v1/plans/${p2.id}`, { token: org })).status;
  if (certify.status === 200) {
    // certified first: the objection came too late
    expectError(objection, 409, 'not_in_publicity');
    assert.deepEqual([status, objs.length], ['certified', 0]);
  } else {
    // the objection first: the certification waits for it
    expectError(certify, 409, 'objections_open');
    assert.equal(objection.status, 201, JSON.stringify(objection.data));
    assert.deepEqual([status, objs.map((o) => o.status)], ['publicity', ['open']]);
  }

  // 异议处理: an objection resolved by the institution and by the city at once is resolved once; the other is
  // refused already_resolved and the first resolution stands (both had found it open before their transactions)
  const p3 = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `并发异议 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 20, subjects: ['theory', 'practical'] } }), 201);
  for (const [who, to] of [[org, 'filed'], [city, 'open'], [org, 'examining'], [org, 'scoring'], [org, 'publicity']])
    ok(await api('POST', `/api/v1/plans/${p3.id}/status`, { token: who, body: { status: to } }));
  const obj = ok(await api('POST', `/api/v1/plans/${p3.id}/objections`, { body: { text: `${tag} 考生替考`, contact: '匿名' } }), 201);
  g = await gate(`UPDATE objections SET status = status WHERE id = ${Number(obj.id)}`);
  const resolutions = ['经核查异议成立，成绩作废', '调取录像，异议不成立'];
  const both = await Promise.all([org, city].map((t, i) => api('POST', `/api/v1/objections/${obj.id}/resolve`, { token: t, body: { resolution: resolutions[i] } })));
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.data)));
  const first = both.findIndex((r) => r.status === 200);
  expectError(both[1 - first], 409, 'already_resolved');
  const stored = ok(await api('GET', `/api/v1/plans/${p3.id}/objections`, { token: org })).items.find((o) => o.id === obj.id);
  assert.deepEqual([stored.status, stored.resolution], ['resolved', resolutions[first]]);
});

// a year in which a round of `programme` may be created with `span` free years on each side (the rounds of
// the suite's earlier files are read, not guessed), from the top of the range down
async function freeYear(prov, programme, span) {
  const used = ok(await api('GET', `/api/v1/selections/rounds?programme=${programme}`, { token: prov })).items.map((r) => r.year);
  for (let y = 2100 - span; y > 1990 + span; y--) if (used.every((u) => Math.abs(u - y) > span)) return y;
  assert.fail(`no free year for ${programme}`);
}

test('评选批次: an appointment and a cancellation at once, one of them; a score and the ranking at once, the score ranked or refused', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const n = unique();
  const person = async (k) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `并发评选${n % 1000}人${k}`, id_number: idNumber('370102', '19800104', 101 + ((n * 5 + k) % 440) * 2) } }), 201).id;
  const qOrg = (await login('qingdao_org_admin').then((t) => api('GET', '/api/v1/auth/me', { token: t }))).data;
  const expert = async (k) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `racex${n}${k}`, password: 'Demo@Skills2026', role: 'examiner', institution_id: (qOrg.user || qOrg).institution_id } }), 201).id;
  const Y = await expert('y'), Z = await expert('z');
  // 高技能人才休假疗养 (no conditions, no money): a round of one nominee in review, scored 80 by Y
  const reviewing = async (label, year, k) => {
    const r = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'recuperation', year, title: `${year} 年休假疗养（并发 ${label} ${n}）`, places: 2, min_experts: 1 } }), 201);
    ok(await api('PUT', `/api/v1/selections/rounds/${r.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 2 }] } }));
    const nom = ok(await api('POST', `/api/v1/selections/rounds/${r.id}/nominations`, { token: jinan, body: { person_id: await person(k) } }), 201);
    ok(await api('POST', `/api/v1/selections/rounds/${r.id}/status`, { token: prov, body: { status: 'reviewing' } }));
    ok(await api('POST', `/api/v1/selections/nominations/${nom.id}/scores`, { token: prov, body: { expert_id: Y, score: 80 } }), 201);
    return [r, nom];
  };
  const move = (r, status) => api('POST', `/api/v1/selections/rounds/${r.id}/status`, { token: prov, body: { status } });

  // 任用 and 撤销 of a round past its 公示 at once (PostgreSQL: both read 'publicity'; the appointment appoints
  // the nominee, and both wait at the round's UPDATE the gate holds): never a cancelled round with appointees
  const yA = await freeYear(prov, 'recuperation', 0);
  const [RA, nA] = await reviewing('任用', yA, 0);
  ok(await move(RA, 'publicity'));
  dbExec(`UPDATE selection_rounds SET publicity_end = '2000-01-01' WHERE id = ${Number(RA.id)}`); // the 公示 is over
  let g = await gate(`UPDATE selection_rounds SET status = status WHERE id = ${Number(RA.id)}`);
  const [appoint, cancel] = await Promise.all([move(RA, 'appointed'), move(RA, 'cancelled')]);
  await g.opened;
  assert.deepEqual([appoint.status, cancel.status].sort(), [200, 409], JSON.stringify([appoint.data, cancel.data]));
  expectError(appoint.status === 200 ? cancel : appoint, 409, 'invalid_state');
  const roundA = ok(await api('GET', `/api/v1/selections/rounds/${RA.id}`)).status;
  const nomA = ok(await api('GET', `/api/v1/selections/nominations/${nA.id}`, { token: prov })).status;
  assert.deepEqual([roundA, nomA], appoint.status === 200 ? ['appointed', 'appointed'] : ['cancelled', 'selected']);

  // an expert's score and the move to 公示 (its ranking) at once (PostgreSQL: the score finds the round in
  // review and waits at its INSERT, the ranking reads the scores and waits at the round's UPDATE): the score is
  // in the ranked mean, or refused because the round has left review
  const yB = await freeYear(prov, 'recuperation', 0);
  const [RB, nB] = await reviewing('排名', yB, 1);
  g = await gate(`UPDATE selection_rounds SET status = status WHERE id = ${Number(RB.id)}; LOCK TABLE selection_scores IN SHARE MODE`);
  const [score, publish] = await Promise.all([
    api('POST', `/api/v1/selections/nominations/${nB.id}/scores`, { token: prov, body: { expert_id: Z, score: 40 } }),
    move(RB, 'publicity'),
  ]);
  await g.opened;
  ok(publish);
  const nomB = ok(await api('GET', `/api/v1/selections/nominations/${nB.id}`, { token: prov }));
  if (score.status === 201) assert.deepEqual([nomB.scores.length, nomB.score], [2, 60], 'both scores in the mean');
  else {
    expectError(score, 409, 'invalid_state');
    assert.deepEqual([nomB.scores.length, nomB.score], [1, 80]);
  }
  assert.equal(nomB.status, 'selected');
});

test('评选周期: two rounds of a two-year programme in consecutive years at once, one created, the other round_exists', async () => {
  const prov = await login('admin');
  // 山东省技术技能大师, every two years
  const y = await freeYear(prov, 'shandong_master', 2);
  // PostgreSQL: both find no round within the cycle and wait at the INSERT the gate holds
  const g = await gate('LOCK TABLE selection_rounds IN SHARE MODE');
  const both = await Promise.all([y, y + 1].map((year) => api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'shandong_master', year, title: `${year} 年山东省技术技能大师（并发 ${unique()}）` } })));
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], JSON.stringify(both.map((r) => r.data)));
  expectError(both.find((r) => r.status === 409), 409, 'round_exists');
  const years = ok(await api('GET', '/api/v1/selections/rounds?programme=shandong_master', { token: prov })).items.map((r) => r.year).filter((x) => x === y || x === y + 1);
  assert.deepEqual(years, [both.find((r) => r.status === 201).data.year]);
});

test('评价队伍资格: granted, renewed or removed at once, one qualification stays active (or none once removed)', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const tag = `wq${unique()}`;
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const account = async (k, body) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: 'Demo@Skills2026', ...body } }), 201).id;
  const examiner = (k) => account(`e${k}`, { role: 'examiner', institution_id: instId });
  const record = (user, grade, k) => api('POST', '/api/v1/qualifications', { token: prov, body: { user_id: user, basis: 'record', grade, cert_no: `${tag}-${k}`, valid_from: '2000-01-01', valid_until: '2090-12-31' } });
  const active = async (user) => ok(await api('GET', `/api/v1/qualifications?user_id=${user}&status=active`, { token: prov })).total;
  // PostgreSQL: each request reads (no valid qualification, or the one it changes still active) and waits at its
  // write into workforce_quals, which the gate holds
  const race = async (...reqs) => {
    const g = await gate('LOCK TABLE workforce_quals IN SHARE MODE');
    const rs = await Promise.all(reqs.map((f) => f()));
    await g.opened;
    return rs;
  };

  // 登记 twice at once: one granted, the other already_qualified
  const e1 = await examiner(1);
  const grants = await race(() => record(e1, 'examiner', 'a'), () => record(e1, 'examiner', 'b'));
  assert.deepEqual(grants.map((r) => r.status).sort(), [201, 409], JSON.stringify(grants.map((r) => r.data)));
  expectError(grants.find((r) => r.status === 409), 409, 'already_qualified');
  assert.equal(await active(e1), 1);

  // 延续 twice at once: one renewal, the other not_active
  const q1 = grants.find((r) => r.status === 201).data;
  const renew = (q, until) => () => api('POST', `/api/v1/qualifications/${q.id}/renew`, { token: prov, body: { valid_until: until } });
  const renewals = await race(renew(q1, '3000-12-31'), renew(q1, '3001-12-31'));
  assert.deepEqual(renewals.map((r) => r.status).sort(), [201, 409], JSON.stringify(renewals.map((r) => r.data)));
  expectError(renewals.find((r) => r.status === 409), 409, 'not_active');
  assert.equal(await active(e1), 1);

  // 延续 and 取消 at once: never a removed qualification renewed
  const e2 = await examiner(2);
  const q2 = ok(await record(e2, 'examiner', 'c'), 201);
  const [rn, rm] = await race(renew(q2, '3000-12-31'), () => api('POST', `/api/v1/qualifications/${q2.id}/remove`, { token: jinan, body: { reason: `${tag} 考评中违规打分，取消资格` } }));
  assert.equal(Number(rn.status === 201) + Number(rm.status === 200), 1, JSON.stringify([rn.data, rm.data]));
  expectError(rn.status === 201 ? rm : rn, 409, 'not_active');
  assert.equal(ok(await api('GET', `/api/v1/qualifications/${q2.id}`, { token: prov })).status, rn.status === 201 ? 'renewed' : 'removed');
  assert.equal(await active(e2), rn.status === 201 ? 1 : 0);

  // a supervisor's profile (which registers the 督导员 qualification) and a grant at once: one qualification
  const sup = await account('s', { role: 'supervisor', region_code: '370100' });
  const [profile, grant] = await race(
    () => api('PUT', `/api/v1/supervisors/${sup}`, { token: jinan, body: { grade: 'senior', cert_no: `${tag}-DD`, valid_until: '2090-12-31', region_code: '370102' } }),
    () => record(sup, 'supervisor', 'd'),
  );
  ok(profile);
  if (grant.status !== 201) expectError(grant, 409, 'already_qualified');
  assert.equal(await active(sup), 1);
});

test('监考作废: the candidate submits as the invigilator voids the paper, one of them', async () => {
  const tag = `av${unique()}`;
  const { org, plan, occ } = await openPlan(tag);
  const admin = await login('admin');
  for (let i = 0; i < 3; i++)
    ok(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: tag, stem: `${tag} 题 ${i}`, options: [`${tag}${i}甲`, `${tag}${i}乙`], answer: 'A', points: 1 } }), 201);
  ok(await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: tag, kind: 'single', count: 3 }] } }));
  const person = ok(await api('POST', '/api/v1/persons', { token: org, body: { name: `作废${tag}`, id_number: idNumber('370102', '19910713', 101 + (unique() % 440) * 2) } }), 201);
  const reg = ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: person.id, option: '2023-5-a', declared: true } }), 201);
  ok(await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } }));
  ok(await api('POST', '/api/v1/users', { token: admin, body: { username: `cand${tag}`, password: 'Kite-River-2026', role: 'candidate', person_id: person.id } }), 201);
  const cand = await login(`cand${tag}`, 'Kite-River-2026');
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '作废考场', minutes: 90, invigilators: await invigilators(org) } }), 201);
  const attempt = ok(await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } }), 201).attempt_id;
  ok(await api('POST', `/api/v1/attempts/${attempt}/open`, { token: cand }));
  // PostgreSQL: both find the paper started and wait at the attempt's UPDATE the gate holds
  const g = await gate(`UPDATE attempts SET status = status WHERE id = ${Number(attempt)}`);
  const [submit, voided] = await Promise.all([
    api('POST', `/api/v1/attempts/${attempt}/submit`, { token: cand }),
    api('POST', `/api/v1/attempts/${attempt}/invigilate`, { token: org, body: { action: 'void', reason: '携带手机作弊' } }),
  ]);
  await g.opened;
  assert.equal(Number(submit.status === 200) + Number(voided.status === 200), 1, JSON.stringify([submit.data, voided.data]));
  if (submit.status === 200) expectError(voided, 409, 'already_finished');
  else expectError(submit, 409, 'not_started');
  const row = ok(await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: org })).items.find((x) => x.attempt_id === attempt);
  assert.equal(row.status, submit.status === 200 ? 'submitted' : 'void');
});

test('定期评估发布: two runs of one period and region published at once, one published, the other assess_published', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  // a period no other test assesses: one year of the 1990s, 平阴县
  const year = 1990 + (unique() % 9), body = { period_from: `${year}-01-01`, period_to: `${year}-12-31`, region_code: '370124' };
  const runs = [];
  for (let i = 0; i < 2; i++) runs.push(ok(await api('POST', '/api/v1/assessments', { token: jinan, body }), 201));
  // PostgreSQL: both count no published run of the period and wait at their own run's UPDATE (the gate holds
  // the table's rows from being changed)
  const g = await gate('LOCK TABLE assess_runs IN SHARE MODE');
  const both = await Promise.all(runs.map((r) => api('POST', `/api/v1/assessments/${r.id}/publish`, { token: prov })));
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.data)));
  expectError(both.find((r) => r.status === 409), 409, 'assess_published');
  const states = [];
  for (const r of runs) states.push(ok(await api('GET', `/api/v1/assessments/${r.id}`, { token: prov })).state);
  assert.deepEqual(states.sort(), ['draft', 'published']);
});
