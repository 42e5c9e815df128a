// 满意度调查: after a sitting each candidate who sat it answers a short survey once (the database refuses a
// second answer), anonymous to the institution; results are aggregates per institution, occupation and
// period in the reader's scope, and a group smaller than the survey's min_count is suppressed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators, dbExec } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const month = today.slice(0, 7);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const PW = 'Kite-River-2026';
const count = (sql) => Number(dbExec(sql).split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).pop());

let S;
// one theory sitting of the 济南 institution with six candidates, each with their own account
async function setup() {
  if (S) return S;
  S = {};
  S.org = await login('jinan_org_admin');
  S.admin = await login('admin');
  S.jinan = await login('jinan_admin');
  S.qingdao = await login('qingdao_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: S.org })).data;
  S.inst = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${S.inst}`, { token: S.org })).data;
  // an occupation of its scope whose group of this month holds no answers yet: other suites (the scope
  // matrix answers a survey of this institution) may have filled another, and the counts below start at 0
  const free = [];
  for (const sc of inst.scopes.filter((x) => x.levels.includes(5))) {
    const r = await api('GET', `/api/v1/survey-results?by=institution&occupation_code=${sc.occupation_code}&period_from=${month}&period_to=${month}`, { token: S.admin });
    if (!r.data.items.some((g) => g.key === String(S.inst))) free.push(sc.occupation_code);
  }
  assert.ok(free.length, 'an occupation of the institution without survey answers this month');
  S.occ = free[free.length - 1];
  const tag = `sv${unique()}${process.pid % 1000}`;
  for (let i = 0; i < 2; i++) {
    const r = await api('POST', '/api/v1/items', { token: S.org, body: { occupation_code: S.occ, level: 5, kind: 'single', area: `${tag}-A`, stem: `满意度测试单选题 ${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'B', points: 2 } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
  }
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: S.org, body: { occupation_code: S.occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: 2 }] } })).status, 200);
  const plan = (await api('POST', '/api/v1/plans', { token: S.org, body: { title: `满意度调查测试 ${tag}`, occupation_code: S.occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  assert.ok(plan.id, JSON.stringify(plan));
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S.org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S.jinan, body: { status: 'open' } });
  const persons = (await api('GET', '/api/v1/persons?page_size=100', { token: S.org })).data.items.slice(50, 56);
  assert.equal(persons.length, 6);
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: S.org, body: { room: `满意度考场 ${tag}`, minutes: 90, invigilators: await invigilators(S.org) } })).data;
  assert.ok(sit.id, JSON.stringify(sit));
  S.c = [];
  for (const [i, p] of persons.entries()) {
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: S.org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    assert.equal(reg.status, 201, JSON.stringify(reg.data));
    assert.equal((await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: S.org, body: { decision: 'approve' } })).status, 200);
    const u = await api('POST', '/api/v1/users', { token: S.admin, body: { username: `${tag}c${i}`, password: PW, role: 'candidate', person_id: p.id } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    const adm = await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: S.org, body: { registration_id: reg.data.id } });
    assert.equal(adm.status, 201, JSON.stringify(adm.data));
    S.c.push({ token: await login(`${tag}c${i}`, PW), attempt: adm.data.attempt_id });
  }
  return S;
}

const answer = (c, ratings, comment) => api('POST', `/api/v1/attempts/${c.attempt}/survey`, { token: c.token, body: { ratings, ...(comment ? { comment } : {}) } });
const R = (o, f, e, s) => ({ organisation: o, fairness: f, environment: e, staff: s });
const results = (token, q = '') => api('GET', `/api/v1/survey-results?by=institution&occupation_code=${S.occ}&period_from=${month}&period_to=${month}${q}`, { token });

test('the survey is data with its source: four ratings and a comment, minimum group 5', async () => {
  const t = await login('candidate1');
  const r = await api('GET', '/api/v1/survey', { token: t });
  assert.equal(r.status, 200);
  assert.deepEqual(r.data.questions.map((q) => q.code), ['organisation', 'fairness', 'environment', 'staff']);
  assert.equal(r.data.min_count, 5);
  assert.equal(r.data.allow_comment, true);
  assert.match(r.data.source, /种子 002/);
  expectError(await api('GET', '/api/v1/survey'), 401, 'login_required');
});

test('answered once per attempt, only by the candidate who sat it, after submission', async () => {
  const s = await setup();
  const [a, b] = s.c;
  expectError(await answer(a, R(5, 5, 5, 5)), 409, 'survey_not_sat');
  for (const c of s.c) {
    assert.equal((await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: c.token })).status, 200);
    const sub = await api('POST', `/api/v1/attempts/${c.attempt}/submit`, { token: c.token });
    assert.equal(sub.data.status, 'submitted', JSON.stringify(sub.data));
  }
  // another candidate's sitting is not found; staff and the bureau cannot answer for a candidate
  expectError(await api('POST', `/api/v1/attempts/${b.attempt}/survey`, { token: a.token, body: { ratings: R(1, 1, 1, 1) } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/attempts/${a.attempt}/survey`, { token: s.org, body: { ratings: R(1, 1, 1, 1) } }), 403, 'forbidden');
  // every question rated 1..5, no unknown question
  expectError(await answer(a, { organisation: 5, fairness: 5, environment: 5 }), 422, 'invalid_value');
  expectError(await answer(a, R(5, 6, 5, 5)), 422, 'invalid_value');
  expectError(await answer(a, { ...R(5, 5, 5, 5), extra: 3 }), 422, 'invalid_value');
  const ok = await answer(a, R(5, 4, 3, 5), '考场秩序良好');
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  assert.deepEqual(ok.data, { status: 'answered' });
  expectError(await answer(a, R(1, 1, 1, 1)), 409, 'survey_answered');
  // the once-check is a keyed hash, not the attempt: nothing in the table names the candidate or the attempt
  assert.equal(count(`SELECT COUNT(*) FROM survey_responses WHERE once_key = '${a.attempt}' OR comment LIKE '%${a.attempt}%'`), 0);
  assert.equal(count("SELECT COUNT(*) FROM survey_responses WHERE length(once_key) = 32"), count('SELECT COUNT(*) FROM survey_responses'));
});

test('aggregates: a small group is suppressed, then counts, means and distributions in scope', async () => {
  const s = await setup();
  const mine = (r) => r.data.items.find((g) => g.key === String(s.inst));
  // one answer so far (the test above): suppressed for everyone
  let r = await results(s.org);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  let g = mine(r);
  assert.equal(g.suppressed, true);
  assert.equal(g.count, null);
  assert.ok(g.questions.every((q) => q.distribution === undefined && q.mean === undefined));
  await answer(s.c[1], R(4, 4, 3, 5));
  await answer(s.c[2], R(3, 5, 4, 5));
  await answer(s.c[3], R(5, 5, 2, 4));
  g = mine(await results(s.jinan));
  assert.equal(g.suppressed, true, 'four answers are fewer than five');
  assert.equal((await answer(s.c[4], R(4, 3, 3, 5))).status, 201);
  for (const t of [s.org, s.jinan, s.admin]) {
    g = mine(await results(t));
    assert.equal(g.suppressed, false);
    assert.equal(g.count, 5);
    assert.equal(g.comments, 1);
    const org = g.questions.find((q) => q.code === 'organisation');
    assert.deepEqual(org.distribution, [0, 0, 1, 2, 2]);
    assert.equal(org.mean, 4.2); // (5+4+3+5+4)/5
    assert.equal(g.questions.find((q) => q.code === 'environment').mean, 3); // (3+3+4+2+3)/5
    assert.equal(JSON.stringify(g).includes('考场秩序良好'), false, 'no comment text in the aggregates');
  }
  // by occupation and by period in the same scope
  const occ = (await api('GET', `/api/v1/survey-results?by=occupation&institution_id=${s.inst}&period_from=${month}`, { token: s.org })).data;
  assert.equal(occ.items.find((x) => x.key === s.occ).count, 5);
  const per = (await api('GET', `/api/v1/survey-results?by=period&institution_id=${s.inst}&occupation_code=${s.occ}`, { token: s.jinan })).data;
  assert.equal(per.items.find((x) => x.key === month).count, 5);
  // the institution sees its own only; another city nothing of 济南; candidates and the public nothing
  r = await results(s.org, '');
  assert.ok(r.data.items.every((x) => x.key === String(s.inst)));
  r = await results(s.qingdao);
  assert.equal(r.status, 200);
  assert.equal(mine(r), undefined);
  expectError(await results(s.c[0].token), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/survey-results'), 401, 'login_required');
  expectError(await api('GET', '/api/v1/survey-results?by=person', { token: s.admin }), 422, 'invalid_value');
  expectError(await api('GET', '/api/v1/survey-results?period_from=2026-13', { token: s.admin }), 422, 'invalid_value');
});

test('the province versions the survey; answers follow the current version', async () => {
  const s = await setup();
  const cur = (await api('GET', '/api/v1/survey', { token: s.admin })).data;
  const body = { questions: [...cur.questions, { code: 'fees', text: '收费规范', text_en: 'Fees' }], allow_comment: true, min_count: 5, source: '测试：增加收费规范一题' };
  expectError(await api('PUT', '/api/v1/survey', { token: s.jinan, body }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/survey', { token: s.admin, body: { ...body, min_count: 1 } }), 422, 'invalid_value');
  expectError(await api('PUT', '/api/v1/survey', { token: s.admin, body: { ...body, questions: [cur.questions[0], cur.questions[0]] } }), 422, 'duplicate');
  const put = await api('PUT', '/api/v1/survey', { token: s.admin, body });
  assert.equal(put.status, 200, JSON.stringify(put.data));
  assert.equal(put.data.version, cur.version + 1);
  expectError(await answer(s.c[5], R(5, 5, 5, 5)), 422, 'invalid_value');
  assert.equal((await answer(s.c[5], { ...R(5, 5, 5, 5), fees: 4 })).status, 201);
  // back to the questions the other suites expect (a new version again)
  const back = await api('PUT', '/api/v1/survey', { token: s.admin, body: { questions: cur.questions, allow_comment: cur.allow_comment, min_count: cur.min_count, source: cur.source } });
  assert.equal(back.data.version, cur.version + 2);
});
