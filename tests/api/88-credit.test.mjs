// 信用档案: credit events for institutions, examiners and supervisors, with the effects the system enforces
// while one is in force (docs/DOMAIN.md §34): an institution cannot create or file plans, an examiner cannot be
// put on a panel, a supervisor is not dispatched. The last day in force still blocks, the day after does not
// (expired, kept); a withdrawal (bureau, with a reason) or a correction lifts it and is never a deletion; a city
// records only for subjects of its region; the subject reads its own; every change is audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators, qualify, dayAfterSupervisors } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// a dispatch day of this test's own, as 87 and 89 take theirs: the day after the last supervisor's qualification
// from 2160 on, so the supervisors of the tests before are out of its pool, and this test's are out of the pools
// of the tests after it
const DAY = await dayAfterSupervisors(await login('admin'), '2160-01-01', '3000-01-01');
const PW = 'Mx!Credit-Test-2026';

test('credit events: blocked plans, panels and dispatch; expiry, withdrawal, correction, scope, audit', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instA = me.user ? me.user.institution_id : me.institution_id;
  const tag = `c${unique()}${Date.now() % 100000}`;
  const inst = (await api('GET', `/api/v1/institutions/${instA}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const planBody = (t) => ({ title: `信用档案测试 ${tag} ${t}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] });
  const events = [];
  const record = async (token, body) => {
    const r = await api('POST', '/api/v1/credit-events', { token, body });
    if (r.status === 201) events.push(r.data.id);
    return r;
  };

  try {
    // the kinds, as data with their sources
    let r = await api('GET', '/api/v1/credit-kinds', { token: org });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const kinds = Object.fromEntries(r.data.items.map((k) => [k.code, k]));
    assert.deepEqual(kinds.assessment_fail.blocks, ['plan_create', 'plan_submit']);
    assert.equal(kinds.assessment_fail.name_zh, '定期评估不合格');
    assert.match(kinds.assessment_fail.source, /种子 002/);
    assert.deepEqual(kinds.examiner_violation.blocks, ['panel']);
    assert.deepEqual(kinds.supervisor_neglect.blocks, ['dispatch']);
    assert.deepEqual(kinds.institution_warning.blocks, []);

    // a draft made before the event, to be filed while it is in force
    const draft = await api('POST', '/api/v1/plans', { token: org, body: planBody('草稿') });
    assert.equal(draft.status, 201, JSON.stringify(draft.data));

    // who may record: the province, the subject's city; not another city, not the institution
    const body = { subject_type: 'institution', subject_id: instA, kind: 'assessment_fail', from: today, until: plusDays(30), reason: `${tag} 年度定期评估不合格` };
    expectError(await record(qingdao, body), 404, 'subject_not_found');
    expectError(await record(org, body), 403, 'forbidden');
    expectError(await record(jinan, { ...body, kind: 'examiner_violation' }), 422, 'kind_subject_mismatch');
    expectError(await record(jinan, { ...body, kind: 'no_such_kind' }), 422, 'unknown_kind');
    expectError(await record(jinan, { ...body, reason: '' }), 422, 'missing_field');
    expectError(await record(jinan, { ...body, until: plusDays(-1) }), 422, 'invalid_dates');
    expectError(await record(jinan, { ...body, subject_id: 99999999 }), 404, 'subject_not_found');
    r = await record(jinan, body);
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const ev = r.data;
    assert.equal(ev.state, 'in_force');
    assert.equal(ev.blocking, true);
    assert.equal(ev.kind_name, '定期评估不合格');
    assert.equal(ev.until, plusDays(30));
    assert.equal(ev.subject_name, inst.name);

    // enforced: no new plan, no filing of the draft; the refusal names the event in both languages
    r = await api('POST', '/api/v1/plans', { token: org, body: planBody('被拒') });
    expectError(r, 409, 'credit_blocked');
    assert.match(r.data.error.message_zh, /定期评估不合格/);
    assert.match(r.data.error.message_en, /failed the periodic assessment/);
    assert.match(r.data.error.message_en, new RegExp(`#${ev.id}`));
    expectError(await api('POST', '/api/v1/plans', { token: prov, body: { ...planBody('省厅代建'), institution_id: instA } }), 409, 'credit_blocked');
    expectError(await api('POST', `/api/v1/plans/${draft.data.id}/status`, { token: org, body: { status: 'filed' } }), 409, 'credit_blocked');

    // reading: the institution its own, the other institution nothing, the cities by region
    r = await api('GET', `/api/v1/credit-events?subject_type=institution&subject_id=${instA}&in_force=1`, { token: org });
    assert.equal(r.status, 200);
    assert.ok(r.data.items.some((x) => x.id === ev.id));
    assert.ok(r.data.items.every((x) => x.subject_id === instA && x.state === 'in_force'));
    assert.equal((await api('GET', `/api/v1/credit-events/${ev.id}`, { token: org })).status, 200);
    expectError(await api('GET', `/api/v1/credit-events/${ev.id}`, { token: qorg }), 404, 'not_found');
    expectError(await api('GET', `/api/v1/credit-events/${ev.id}`, { token: qingdao }), 404, 'not_found');
    assert.ok(!(await api('GET', '/api/v1/credit-events?page_size=200', { token: qorg })).data.items.some((x) => x.id === ev.id));
    assert.ok((await api('GET', `/api/v1/credit-events?kind=assessment_fail&region_code=370100`, { token: jinan })).data.items.some((x) => x.id === ev.id));
    expectError(await api('GET', '/api/v1/credit-events?in_force=x', { token: jinan }), 422, 'invalid_value');
    assert.equal((await api('GET', '/api/v1/credit-events')).status, 401);
    expectError(await api('GET', '/api/v1/credit-events', { token: await login('candidate1') }), 403, 'forbidden');

    // withdrawal: the bureau, with a reason; the event stays in the archive
    expectError(await api('POST', `/api/v1/credit-events/${ev.id}/withdraw`, { token: org, body: { reason: 'x' } }), 403, 'forbidden');
    expectError(await api('POST', `/api/v1/credit-events/${ev.id}/withdraw`, { token: qingdao, body: { reason: 'x' } }), 404, 'not_found');
    expectError(await api('POST', `/api/v1/credit-events/${ev.id}/withdraw`, { token: jinan, body: {} }), 422, 'missing_field');
    r = await api('POST', `/api/v1/credit-events/${ev.id}/withdraw`, { token: jinan, body: { reason: '复核后评估结论改为合格' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.status, 'withdrawn');
    assert.equal(r.data.state, 'withdrawn');
    assert.equal(r.data.blocking, false);
    assert.equal(r.data.withdraw_reason, '复核后评估结论改为合格');
    expectError(await api('POST', `/api/v1/credit-events/${ev.id}/withdraw`, { token: prov, body: { reason: '再次' } }), 409, 'already_withdrawn');
    assert.equal((await api('GET', `/api/v1/credit-events/${ev.id}`, { token: org })).data.status, 'withdrawn');
    assert.equal((await api('POST', `/api/v1/plans/${draft.data.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
    r = await api('POST', '/api/v1/plans', { token: org, body: planBody('撤销后') });
    assert.equal(r.status, 201, JSON.stringify(r.data));

    // expiry: the last day in force still blocks; an event that ended yesterday does not, and is kept
    r = await record(prov, { ...body, kind: 'institution_violation', from: plusDays(-20), until: plusDays(-1), reason: `${tag} 已到期` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.state, 'expired');
    assert.equal(r.data.blocking, false);
    const expired = r.data.id;
    assert.equal((await api('POST', '/api/v1/plans', { token: org, body: planBody('到期后') })).status, 201);
    r = await record(jinan, { ...body, from: plusDays(-5), until: today, reason: `${tag} 今日为最后一天` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.state, 'in_force');
    const lastDay = r.data.id;
    expectError(await api('POST', '/api/v1/plans', { token: org, body: planBody('最后一天') }), 409, 'credit_blocked');
    r = await api('GET', `/api/v1/credit-events?subject_type=institution&subject_id=${instA}&in_force=0&page_size=200`, { token: jinan });
    assert.ok(r.data.items.some((x) => x.id === expired) && r.data.items.some((x) => x.id === ev.id));
    assert.ok(!r.data.items.some((x) => x.id === lastDay));
    // a pending event (from tomorrow) does not block today
    r = await record(jinan, { ...body, from: plusDays(1), until: plusDays(3), reason: `${tag} 明日起` });
    assert.equal(r.data.state, 'pending');
    const pending = r.data.id;

    // correction: a new event naming the one it corrects; the corrected one is withdrawn, never deleted
    r = await record(jinan, { ...body, kind: 'institution_warning', corrects: lastDay, reason: `${tag} 更正为警示记录` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.corrects_id, lastDay);
    assert.equal(r.data.blocking, false);
    const old = (await api('GET', `/api/v1/credit-events/${lastDay}`, { token: jinan })).data;
    assert.equal(old.status, 'withdrawn');
    assert.match(old.withdraw_reason, new RegExp(`#${r.data.id}`));
    assert.equal((await api('POST', '/api/v1/plans', { token: org, body: planBody('更正后') })).status, 201);
    expectError(await record(jinan, { ...body, corrects: lastDay }), 409, 'already_withdrawn');

    // an examiner with a confirmed violation is not put on a panel
    const exIds = [], exTokens = [];
    for (const n of [1, 2, 3]) {
      const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}ex${n}`, password: PW, role: 'examiner', institution_id: instA, examiner_grade: 'senior' } });
      assert.equal(u.status, 201, JSON.stringify(u.data));
      await qualify(prov, u.data.id, 'senior_examiner');
      exIds.push(u.data.id);
      exTokens.push(await login(`${tag}ex${n}`, PW));
    }
    r = await record(jinan, { subject_type: 'examiner', subject_id: exIds[0], kind: 'examiner_violation', reason: `${tag} 考评中违规打分` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const exEv = r.data;
    assert.equal(exEv.from, today);
    assert.equal(exEv.until, plusDays(364)); // the kind's default: 365 days, the first one included
    assert.equal(exEv.state, 'in_force');
    const pp = (await api('POST', '/api/v1/plans', { token: org, body: planBody('考评组') })).data;
    const criteria = [{ name: '实操', points: 60, star: true }, { name: '安全', points: 40 }];
    r = await api('PUT', `/api/v1/plans/${pp.id}/practical`, { token: org, body: { criteria, examiners: exIds } });
    expectError(r, 409, 'credit_blocked');
    assert.equal(r.data.error.field, 'examiners');
    assert.match(r.data.error.message_zh, /违规考评/);
    // the examiner reads their own event, not the institution's; another examiner nothing
    r = await api('GET', '/api/v1/credit-events?page_size=200', { token: exTokens[0] });
    assert.deepEqual(r.data.items.map((x) => x.id), [exEv.id]);
    assert.equal((await api('GET', '/api/v1/credit-events?page_size=200', { token: exTokens[1] })).data.total, 0);
    expectError(await api('GET', `/api/v1/credit-events/${exEv.id}`, { token: exTokens[1] }), 404, 'not_found');
    assert.equal((await api('POST', `/api/v1/credit-events/${exEv.id}/withdraw`, { token: jinan, body: { reason: '申诉成立' } })).status, 200);
    r = await api('PUT', `/api/v1/plans/${pp.id}/practical`, { token: org, body: { criteria, examiners: exIds } });
    assert.equal(r.status, 200, JSON.stringify(r.data));

    // a supervisor with a blocking event is not dispatched
    const sup = {};
    for (const k of ['s1', 's2']) {
      const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PW, role: 'supervisor', region_code: '370200' } });
      assert.equal(u.status, 201, JSON.stringify(u.data));
      sup[k] = { id: u.data.id, token: await login(`${tag}${k}`, PW) };
      assert.equal((await api('PUT', `/api/v1/supervisors/${u.data.id}`, { token: prov, body: { grade: 'senior', cert_no: `XY${tag}${k}`, valid_until: DAY, region_code: '370200' } })).status, 200);
    }
    expectError(await record(jinan, { subject_type: 'supervisor', subject_id: sup.s1.id, kind: 'supervisor_neglect', reason: 'x' }), 404, 'subject_not_found');
    r = await record(qingdao, { subject_type: 'supervisor', subject_id: sup.s1.id, kind: 'supervisor_neglect', until: null, reason: `${tag} 督导中未按规定核验身份` });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.until, null);
    const supEv = r.data;
    assert.equal((await api('GET', `/api/v1/credit-events/${supEv.id}`, { token: sup.s1.token })).status, 200);
    expectError(await api('GET', `/api/v1/credit-events/${supEv.id}`, { token: sup.s2.token }), 404, 'not_found');
    const dp = (await api('POST', '/api/v1/plans', { token: org, body: planBody('派遣') })).data;
    assert.equal((await api('POST', `/api/v1/plans/${dp.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
    assert.equal((await api('POST', `/api/v1/plans/${dp.id}/status`, { token: jinan, body: { status: 'open' } })).status, 200);
    const s = await api('POST', `/api/v1/plans/${dp.id}/sittings`, { token: org, body: { room: `信用档案考场 ${tag}`, minutes: 120, starts_at: Date.parse(`${DAY}T09:00:00+08:00`) / 1000, invigilators: await invigilators(org) } });
    assert.equal(s.status, 201, JSON.stringify(s.data));
    r = await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.deepEqual(r.data.assignments.map((a) => [a.sitting_id, a.supervisor_id]), [[s.data.id, sup.s2.id]]);
    assert.deepEqual(r.data.credit_held, [sup.s1.id]);
    // withdrawn, s1 is dispatched again when s2 is away that day
    assert.equal((await api('POST', `/api/v1/credit-events/${supEv.id}/withdraw`, { token: prov, body: { reason: '调查后不属实' } })).status, 200);
    assert.equal((await api('PUT', `/api/v1/supervisors/${sup.s2.id}/availability`, { token: sup.s2.token, body: { days_off: [DAY] } })).status, 200);
    r = await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.deepEqual(r.data.assignments.map((a) => [a.sitting_id, a.supervisor_id]), [[s.data.id, sup.s1.id]]);
    assert.equal(r.data.credit_held, undefined);

    // every change is in the audit archive
    for (const [id, actions] of [[ev.id, ['credit.record', 'credit.withdraw']], [lastDay, ['credit.record', 'credit.withdraw']], [pending, ['credit.record']]]) {
      r = await api('GET', `/api/v1/audit?entity=credit_event&entity_id=${id}`, { token: prov });
      assert.equal(r.status, 200);
      assert.deepEqual(r.data.items.map((a) => a.action).sort(), actions);
    }
  } finally {
    // leave the shared demo institution unblocked for the suites after this one
    for (const id of events) await api('POST', `/api/v1/credit-events/${id}/withdraw`, { token: prov, body: { reason: '测试结束' } });
  }
});
