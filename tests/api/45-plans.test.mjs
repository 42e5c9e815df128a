// 认定计划 and 报名: creation inside the filed scope, the state machine (409 with the current state), city
// approval, registration with eligibility judged at submission, review, and the audited 破格 override.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, invigilators } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

async function inst(username) {
  const t = await login(username);
  const me = (await api('GET', '/api/v1/auth/me', { token: t })).data;
  const id = me.user ? me.user.institution_id : me.institution_id;
  const i = (await api('GET', `/api/v1/institutions/${id}`, { token: t })).data;
  const scope = i.scopes.find((s) => s.levels.some((l) => l >= 3));
  return { t, i, scope, level: Math.max(...scope.levels) };
}

function planBody(s, extra = {}) {
  return { title: `${s.scope.occupation} ${s.level}级 认定计划`, occupation_code: s.scope.occupation_code, level: s.level, template: '2023', reg_start: today, reg_end: plusDays(10), exam_date: plusDays(20), capacity: 3, subjects: ['theory', 'practical'], ...extra };
}

test('plans: inside the filed scope, valid dates and subjects; the city approves; illegal moves are 409', async () => {
  const s = await inst('jinan_org_admin');
  expectError(await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s, { exam_date: plusDays(5) }) }), 422, 'invalid_dates');
  expectError(await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s, { subjects: ['theory', 'practical', 'review'] }) }), 422, 'invalid_subjects');
  expectError(await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s, { occupation_code: '9-99-99-99' }) }), 403, 'outside_filed_scope');
  const p = await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s) });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  assert.equal(p.data.status, 'draft');
  const id = p.data.id;
  const bad = await api('POST', `/api/v1/plans/${id}/status`, { token: s.t, body: { status: 'examining' } });
  expectError(bad, 409, 'invalid_transition');
  assert.match(bad.data.error.message_zh, /草稿/);
  assert.equal((await api('POST', `/api/v1/plans/${id}/status`, { token: s.t, body: { status: 'filed' } })).data.status, 'filed');
  expectError(await api('POST', `/api/v1/plans/${id}/status`, { token: s.t, body: { status: 'open' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/plans/${id}/status`, { token: await login('qingdao_admin'), body: { status: 'open' } }), 404, 'not_found');
  const jinan = await login('jinan_admin');
  expectError(await api('POST', `/api/v1/plans/${id}/status`, { token: jinan, body: { status: 'draft' } }), 422, 'missing_field');
  const back = await api('POST', `/api/v1/plans/${id}/status`, { token: jinan, body: { status: 'draft', reason: '考场安排不全，请补充' } });
  assert.equal(back.data.status, 'draft');
  await api('POST', `/api/v1/plans/${id}/status`, { token: s.t, body: { status: 'filed' } });
  const open = await api('POST', `/api/v1/plans/${id}/status`, { token: jinan, body: { status: 'open' } });
  assert.equal(open.data.status, 'open', JSON.stringify(open.data));
  const hist = (await api('GET', `/api/v1/plans/${id}/history`, { token: s.t })).data.items.map((h) => h.to);
  assert.deepEqual(hist, ['filed', 'draft', 'filed', 'open']);
  // the public sees open plans
  assert.ok((await api('GET', '/api/v1/plans')).data.items.some((x) => x.id === id));
});

test('registration: eligibility judged at submission, one per person, capacity, review with reasons', async () => {
  const s = await inst('jinan_org_admin');
  const p = (await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s, { level: 5, capacity: 3 }) })).data;
  const jinan = await login('jinan_admin');
  await api('POST', `/api/v1/plans/${p.id}/status`, { token: s.t, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${p.id}/status`, { token: jinan, body: { status: 'open' } });
  const cand = await login('candidate1');
  const mine = await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: cand, body: { option: '2023-5-a', declared: true } });
  assert.equal(mine.status, 201, JSON.stringify(mine.data));
  assert.equal(mine.data.eligible, true);
  expectError(await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: cand, body: { option: '2023-5-a', declared: true } }), 409, 'already_registered');
  // an institution registers someone without the declaration: recorded as ineligible, with the reason
  const persons = (await api('GET', '/api/v1/persons?page_size=50', { token: s.t })).data.items;
  const other = persons.find((x) => x.id !== mine.data.person_id);
  const inel = await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: s.t, body: { person_id: other.id, option: '2023-5-a' } });
  assert.equal(inel.status, 201, JSON.stringify(inel.data));
  assert.equal(inel.data.eligible, false);
  assert.equal(inel.data.failed_code, 'declaration_missing');
  assert.match(inel.data.failed_message, /未声明/);
  assert.match(inel.data.failed_message_en, /has not declared/);
  assert.doesNotMatch(inel.data.failed_message_en, /[\u2e80-\u9fff\uff00-\uffef]/);
  assert.equal(mine.data.failed_message_en, null);
  // as stored: the list and the single registration carry it too
  const listed = (await api('GET', `/api/v1/plans/${p.id}/registrations`, { token: s.t })).data.items.find((x) => x.id === inel.data.id);
  assert.equal(listed.failed_message_en, inel.data.failed_message_en);
  expectError(await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: s.t, body: { person_id: other.id, option: '2018-5-a' } }), 422, 'invalid_option');
  // review
  expectError(await api('POST', `/api/v1/registrations/${inel.data.id}/review`, { token: s.t, body: { decision: 'approve' } }), 409, 'not_eligible');
  expectError(await api('POST', `/api/v1/registrations/${inel.data.id}/review`, { token: s.t, body: { decision: 'approve', out_of_turn: true, reason: '技能大赛一等奖' } }), 403, 'override_not_allowed');
  expectError(await api('POST', `/api/v1/registrations/${inel.data.id}/review`, { token: s.t, body: { decision: 'reject' } }), 422, 'missing_field');
  const rej = await api('POST', `/api/v1/registrations/${inel.data.id}/review`, { token: s.t, body: { decision: 'reject', reason: '未声明从事本职业' } });
  assert.equal(rej.data.status, 'rejected');
  const ok = await api('POST', `/api/v1/registrations/${mine.data.id}/review`, { token: s.t, body: { decision: 'approve' } });
  assert.equal(ok.data.status, 'approved');
  expectError(await api('POST', `/api/v1/registrations/${mine.data.id}/review`, { token: s.t, body: { decision: 'reject', reason: 'x' } }), 409, 'already_reviewed');
  // another institution cannot review; a candidate sees only their own registrations
  expectError(await api('POST', `/api/v1/registrations/${mine.data.id}/review`, { token: await login('qingdao_org_admin'), body: { decision: 'reject', reason: 'x' } }), 404, 'not_found');
  const seen = (await api('GET', `/api/v1/plans/${p.id}/registrations`, { token: cand })).data;
  assert.equal(seen.total, 1);
  // capacity: 3 places, one rejected frees its place
  for (const x of persons.filter((q) => q.id !== mine.data.person_id && q.id !== other.id).slice(0, 2))
    assert.equal((await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: s.t, body: { person_id: x.id, option: '2023-5-b', declared: true } })).status, 201);
  const last = persons.filter((q) => q.id !== mine.data.person_id && q.id !== other.id)[2];
  expectError(await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: s.t, body: { person_id: last.id, option: '2023-5-b', declared: true } }), 409, 'plan_full');
});

test('破格: a self-evaluating enterprise approves an ineligible applicant with a reason, audited', async () => {
  const s = await inst('jinan_ent_admin');
  const p = (await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s) })).data;
  await api('POST', `/api/v1/plans/${p.id}/status`, { token: s.t, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${p.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  // a newly registered worker with no recorded facts cannot meet a certificate-based option
  const worker = await api('POST', '/api/v1/persons', { token: s.t, body: { name: '破格测试', id_number: idNumber('370102', '19950505', 101 + (unique() % 440) * 2) } });
  assert.ok(worker.status === 201 || worker.status === 200, JSON.stringify(worker.data));
  const opt = s.level === 5 ? '2023-5-a' : `2023-${s.level}-b`;
  const reg = (await api('POST', `/api/v1/plans/${p.id}/registrations`, { token: s.t, body: { person_id: worker.data.id, option: opt } })).data;
  assert.equal(reg.eligible, false, JSON.stringify(reg));
  const ok = await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: s.t, body: { decision: 'approve', out_of_turn: true, reason: '全国职业技能大赛金牌，按规定破格申报' } });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.status, 'approved');
  const audit = (await api('GET', `/api/v1/audit?action=registration.override&entity_id=${reg.id}`, { token: await login('admin') })).data;
  assert.equal(audit.total, 1);
});

test('publicity: the end date on the working-day calendar; certification waits for it', async () => {
  const s = await inst('jinan_org_admin');
  const p = (await api('POST', '/api/v1/plans', { token: s.t, body: planBody(s, { publicity_days: 5 }) })).data;
  const jinan = await login('jinan_admin');
  for (const [who, to] of [[s.t, 'filed'], [jinan, 'open'], [s.t, 'examining'], [s.t, 'scoring'], [s.t, 'publicity']]) {
    const r = await api('POST', `/api/v1/plans/${p.id}/status`, { token: who, body: { status: to } });
    assert.equal(r.status, 200, `${to}: ${JSON.stringify(r.data)}`);
  }
  const got = (await api('GET', `/api/v1/plans/${p.id}`, { token: s.t })).data;
  const end = (await api('GET', `/api/v1/calendar/workdays?from=${today}&days=5`)).data.end;
  assert.equal(got.publicity_end, end);
  expectError(await api('POST', `/api/v1/plans/${p.id}/status`, { token: s.t, body: { status: 'certified' } }), 409, 'publicity_not_over');
});

test('standards: the active version decides the template and the exam profile', async () => {
  const admin = await login('admin');
  const s = await inst('jinan_org_admin');
  const occ = s.scope.occupation_code;
  expectError(await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: 'x', template: '2018', profile: { theory_minutes: 60 } } }), 422, 'invalid_value');
  expectError(await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: 'x', template: '2018', profile: { candidates_per_invigilator: 30 } } }), 422, 'invalid_value');
  expectError(await api('POST', `/api/v1/occupations/${occ}/standards`, { token: s.t, body: { version: 'x', template: '2018' } }), 403, 'forbidden');
  const v = `${unique()}年版`;
  const add = await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: v, template: '2018', profile: { theory_minutes: 120, min_invigilators_per_room: 3 } } });
  assert.equal(add.status, 201, JSON.stringify(add.data));
  assert.equal(add.data.items[0].version, v);
  assert.equal(add.data.items[0].active, true);
  assert.equal(add.data.items[0].profile.theory_minutes, 120);
  // a plan without a template follows the standard: 2018 options only
  const body = planBody(s, { level: 5 });
  delete body.template;
  const p = (await api('POST', '/api/v1/plans', { token: s.t, body })).data;
  assert.equal(p.template, '2018');
  await api('POST', `/api/v1/plans/${p.id}/status`, { token: s.t, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${p.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  expectError(await api('POST', `/api/v1/plans/${p.id}/sittings`, { token: s.t, body: { room: '考场', minutes: 90 } }), 422, 'invalid_value');
  assert.equal((await api('POST', `/api/v1/plans/${p.id}/sittings`, { token: s.t, body: { room: '考场', minutes: 120 } })).status, 201);
  // this standard wants 3 invigilators a room
  const inv = await invigilators(s.t, 3);
  expectError(await api('POST', `/api/v1/plans/${p.id}/sittings`, { token: s.t, body: { room: '两人监考', minutes: 120, invigilators: inv.slice(0, 2) } }), 422, 'invigilators_required');
  assert.equal((await api('POST', `/api/v1/plans/${p.id}/sittings`, { token: s.t, body: { room: '三人监考', minutes: 120, invigilators: inv } })).status, 201);
  // back to the 2023 template for the rest of the suite
  await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: `${unique()}年版`, template: '2023' } });
});
