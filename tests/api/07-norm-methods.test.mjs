// 企业评价规范 by 过程化考核 and 业绩评审 (issue 24 item 4, docs/DOMAIN.md §65): an enterprise's approved version
// that evaluates 五级 by 过程化考核 (its own module rule: 20 / 30 / 50, pass 60, each module at least 50) and 四级
// by 业绩评审 runs both plans through the chain to certificates. The process plan's module scores are recorded
// when they happen (dated; once; only for the plan's approved candidates; not after the results) and
// aggregated by the version's rule; the performance plan's candidates' records are scored by the plan's review
// panel of qualified 考评员 (an unqualified one refused, 回避 honoured), passing at 60. The test gives the
// enterprise an occupation of its own for the run and restores its filed scope afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, qualify, dbExec } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const yearsBefore = (d, n) => `${Number(d.slice(0, 4)) - n}${d.slice(4)}`;
const PW = 'Kite-River-2026';

let admin, city, cityB, ent, org, instId, savedScopes, occ, norm;
const tag = `m${process.pid % 10000}${unique()}`;

const MODULES = [{ code: 'M1', name: '安全规程', weight: 20 }, { code: 'M2', name: '装配工艺', weight: 30 }, { code: 'M3', name: '调试维修', weight: 50 }];
const level5 = (over = {}) => ({ level: 5, method: 'process', knowledge: 0, skill: 100, options: [{ id: '2023-5-a' }], modules: MODULES, pass_total: 60, min_module: 50, ...over });
const level4 = () => ({ level: 4, method: 'performance', knowledge: 0, skill: 100, options: [{ id: '2023-4-a', years: [3] }] });
const normBody = (levels) => ({ occupation_code: occ.code, title: `${tag} 过程化与业绩评审规范`, levels, filing: { above_size: true, employees: 1000, skilled_employees: 640 } });
const planBody = (level) => ({ title: `${tag} ${level} 级规范计划`, occupation_code: occ.code, level, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(10), capacity: 20, subjects: [], publicity_days: 5, norm_id: norm.id });
const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};
const status = async (token, plan, to) => ok(await api('POST', `/api/v1/plans/${plan}/status`, { token, body: { status: to } }));

before(async () => {
  admin = await login('admin');
  city = await login('jinan_admin');
  cityB = await login('qingdao_admin');
  ent = await login('jinan_ent_admin');
  org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: ent })).data;
  instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: admin })).data;
  savedScopes = inst.scopes.map((s) => ({ occupation_code: s.occupation_code, levels: s.levels }));
  // an occupation with 三级 to 五级 the enterprise is not filed for (the last such: test 25 takes the first)
  const cat = (await api('GET', '/api/v1/occupations?page_size=500')).data.items;
  const taken = new Set(savedScopes.map((s) => s.occupation_code));
  occ = cat.findLast((o) => !taken.has(o.code) && Array.isArray(o.levels) && o.levels.includes(3) && o.levels.includes(4) && o.levels.includes(5) && o.kind !== 'special');
  assert.ok(occ, 'a free occupation with 三级 to 五级');
  ok(await api('PUT', `/api/v1/institutions/${instId}/scopes`, { token: admin, body: { scopes: [...savedScopes, { occupation_code: occ.code, levels: [5, 4, 3] }] } }));
});

after(async () => {
  if (savedScopes) await api('PUT', `/api/v1/institutions/${instId}/scopes`, { token: admin, body: { scopes: savedScopes } });
});

let seq = 0;
const person = async (label, exam) => {
  const r = await api('POST', '/api/v1/persons', { token: ent, body: { name: `${label}${tag}`, id_number: idNumber('370102', '19910707', 101 + ((unique() * 11 + ++seq * 3 + process.pid) % 440) * 2) } });
  assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.data));
  ok(await api('POST', `/api/v1/persons/${r.data.id}/work-history`, { token: ent, body: { employer_name: '济南演示装备制造有限公司', occupation_code: occ.code, start_date: yearsBefore(exam, 4) } }), 201);
  return r.data;
};
const registerApproved = async (plan, p, option, approve = true) => {
  const r = ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: ent, body: { person_id: p.id, option, declared: true } }), 201);
  assert.equal(r.eligible, true, JSON.stringify(r));
  if (approve) ok(await api('POST', `/api/v1/registrations/${r.id}/review`, { token: ent, body: { decision: 'approve' } }));
  return r;
};
const candidateLogin = async (p) => {
  const u = `${tag}c${p.id}`;
  ok(await api('POST', '/api/v1/users', { token: admin, body: { username: u, password: PW, role: 'candidate', person_id: p.id } }), 201);
  return login(u, PW);
};
// the plan to 公示 and 已发证 (the 公示 period moved into the past, as a week would), then the certificates
const certify = async (plan, passed, failed) => {
  await status(ent, plan.id, 'publicity');
  dbExec(`UPDATE plans SET publicity_end = '2000-01-01' WHERE id = ${Number(plan.id)}`);
  await status(ent, plan.id, 'certified');
  const c = ok(await api('POST', '/api/v1/certificates', { token: ent, body: { result_ids: passed.map((x) => x.id) } }), 201);
  assert.equal(c.numbers.length, passed.length);
  for (const f of failed) expectError(await api('POST', '/api/v1/certificates', { token: ent, body: { result_ids: [f.id] } }), 409, 'not_passed');
  return c.numbers;
};
const resultOf = async (p) => (await api('GET', `/api/v1/results?person_id=${p.id}&page_size=50`, { token: ent })).data.items.find((x) => x.occupation_code === occ.code);

let procPlan, perfPlan;

test('a norm version with a 过程化考核 rule and a 业绩评审 level: the rule checked, approved, plans accepted', async () => {
  // a process level needs its module rule; the weights sum to 100; only a process level has modules
  for (const [lv, field] of [[level5({ modules: undefined }), 'modules'], [level5({ modules: [{ ...MODULES[0], weight: 10 }, MODULES[1], MODULES[2]] }), 'modules'], [level5({ pass_total: undefined }), 'pass_total'], [level5({ method: 'combined', knowledge: 30, skill: 70 }), 'modules']]) {
    const r = await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody([lv, level4()]) });
    expectError(r, 422, 'invalid_value');
    assert.equal(r.data.error.field, field, JSON.stringify(r.data));
  }
  norm = ok(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody([level5(), level4()]) }), 201);
  const l5 = norm.levels.find((x) => x.level === 5);
  assert.deepEqual([l5.method_name, l5.modules.map((m) => [m.code, m.weight]), l5.pass_total, l5.min_module], ['过程化考核', [['M1', 20], ['M2', 30], ['M3', 50]], 60, 50]);
  // a draft version still runs no plan
  expectError(await api('POST', '/api/v1/plans', { token: ent, body: planBody(5) }), 409, 'norm_not_approved');
  ok(await api('POST', `/api/v1/enterprise-norms/${norm.id}/status`, { token: ent, body: { status: 'submitted' } }));
  ok(await api('POST', `/api/v1/enterprise-norms/${norm.id}/status`, { token: city, body: { status: 'approved' } }));
  // both methods now run a plan (they were method_outside_chain); a level the version lacks is still refused
  // a process or performance level runs no theory and no practical: its plan lists neither (both refused);
  // the performance plan keeps its review panel as its one part
  for (const [level, subjects] of [[5, ['theory', 'practical']], [5, ['practical']], [4, ['theory']]]) {
    const r = await api('POST', '/api/v1/plans', { token: ent, body: { ...planBody(level), subjects } });
    expectError(r, 422, 'invalid_subjects');
    assert.match(r.data.error.message_zh, new RegExp(`按${level === 5 ? '过程化考核' : '业绩评审'}评价的计划不设理论知识和操作技能考试`));
  }
  procPlan = ok(await api('POST', '/api/v1/plans', { token: ent, body: planBody(5) }), 201);
  const { subjects: _s, ...noSubjects } = planBody(4);
  perfPlan = ok(await api('POST', '/api/v1/plans', { token: ent, body: noSubjects }), 201); // subjects left out
  assert.deepEqual([procPlan.subjects, perfPlan.subjects], ['', 'review']);
  expectError(await api('POST', '/api/v1/plans', { token: ent, body: { ...planBody(3) } }), 422, 'level_not_in_norm');
  for (const p of [procPlan, perfPlan]) {
    await status(ent, p.id, 'filed');
    await status(city, p.id, 'open');
  }
});

test('过程化考核: module scores recorded when they happen, aggregated by the version\'s rule into results and certificates', async () => {
  const P = [];
  for (const n of ['甲', '乙', '丙', '丁']) P.push(await person(`过程${n}`, procPlan.exam_date));
  const R = [];
  for (const p of P) R.push(await registerApproved(procPlan, p, '2023-5-a'));
  assert.deepEqual(R.map((r) => r.theory_waived), [true, true, true, true]); // no theory sitting
  const record = (module, rows, token = ent, on = today) => api('POST', `/api/v1/plans/${procPlan.id}/process-scores`, { token, body: { module_code: module, assessed_on: on, scores: rows.map(([r, s]) => ({ registration_id: r.id, score: s })) } });
  // hand-computed (weights 20 / 30 / 50, pass 60, each module ≥ 50):
  //   甲 90 / 80 / 70 → 18 + 24 + 35 = 77 合格; 乙 100 / 100 / 45 → 20 + 30 + 22.5 = 72.5 不合格 (45 < 50);
  //   丙 70 / 55 / 55 → 14 + 16.5 + 27.5 = 58 不合格 (< 60); 丁 90 / 90 / — → 18 + 27 = 45 不合格 (M3 未考核)
  ok(await record('M1', [[R[0], 90], [R[1], 100], [R[2], 70], [R[3], 90]], ent, plusDays(-30)), 201);
  ok(await record('M2', [[R[0], 80], [R[1], 100], [R[2], 55], [R[3], 90]], ent, plusDays(-10)), 201);
  const v = ok(await record('M3', [[R[0], 70], [R[1], 45], [R[2], 55]]), 201);
  assert.deepEqual(v.candidates.map((c) => [c.total, c.passed]), [[77, true], [72.5, false], [58, false], [45, false]]);
  assert.deepEqual(v.candidates[3].reasons, ['有模块未考核', '加权总分未达合格线']);
  assert.deepEqual(v.candidates[1].reasons, ['有模块低于单模块最低分']);
  assert.deepEqual(v.candidates[0].scores.map((s) => [s.module_code, s.assessed_on]), [['M1', plusDays(-30)], ['M2', plusDays(-10)], ['M3', today]]);

  // refused: a module recorded twice, a future date, a module the norm lacks, a score out of range, a
  // registration of another plan, another institution, a plan of another method
  expectError(await record('M1', [[R[0], 95]]), 409, 'already_recorded');
  expectError(await record('M3', [[R[3], 80]], ent, plusDays(1)), 422, 'invalid_date');
  expectError(await record('M9', [[R[3], 80]]), 422, 'unknown_module');
  expectError(await record('M3', [[R[3], 101]]), 422, 'invalid_score');
  const other = await registerApproved(perfPlan, await person('过程外', perfPlan.exam_date), '2023-4-a', false); // of another plan (left pending)
  expectError(await record('M3', [[other, 80]]), 404, 'not_found');
  expectError(await record('M3', [[R[3], 80]], org), 404, 'not_found');
  expectError(await api('POST', `/api/v1/plans/${perfPlan.id}/process-scores`, { token: ent, body: { module_code: 'M1', assessed_on: today, scores: [{ registration_id: other.id, score: 80 }] } }), 409, 'not_process_plan');
  // no practical part on a process plan
  expectError(await api('PUT', `/api/v1/plans/${procPlan.id}/practical`, { token: ent, body: { criteria: [{ name: '实操', points: 100 }], examiners: [] } }), 409, 'method_no_practical');

  // readers: the city and the province read, another city and another institution do not; a candidate sees
  // only their own row
  for (const t of [city, admin]) assert.equal(ok(await api('GET', `/api/v1/plans/${procPlan.id}/process-scores`, { token: t })).candidates.length, 4);
  for (const t of [cityB, org]) expectError(await api('GET', `/api/v1/plans/${procPlan.id}/process-scores`, { token: t }), 404, 'not_found');
  const c0 = await candidateLogin(P[0]);
  const mine = ok(await api('GET', `/api/v1/plans/${procPlan.id}/process-scores`, { token: c0 }));
  assert.deepEqual(mine.candidates.map((c) => [c.registration_id, c.total]), [[R[0].id, 77]]);
  expectError(await api('GET', `/api/v1/plans/${perfPlan.id}/process-scores`, { token: c0 }), 404, 'not_found');

  // 更正: 丙's M2 was entered as 55, the assessment sheet says 65; the enterprise corrects it with its reason
  // before the results: 14 + 0.3 × 65 + 27.5 = 14 + 19.5 + 27.5 = 61 合格 (was 58 不合格)
  const correct = (r, module, score, reason, token = ent) => api('POST', `/api/v1/plans/${procPlan.id}/process-scores/corrections`, { token, body: { registration_id: r.id, module_code: module, score, ...(reason === undefined ? {} : { reason }) } });
  expectError(await correct(R[2], 'M2', 65), 422, 'missing_field');
  expectError(await correct(R[2], 'M2', 65, ''), 422, 'missing_field');
  expectError(await correct(R[2], 'M2', 65, '录'.repeat(501)), 422, 'invalid_text');
  expectError(await correct(R[2], 'M2', 101, '录入错误'), 422, 'invalid_score');
  expectError(await correct(R[2], 'M9', 65, '录入错误'), 422, 'unknown_module');
  expectError(await correct(R[3], 'M3', 80, '补录'), 409, 'not_recorded'); // a missing module is recorded, not corrected
  expectError(await correct(R[2], 'M2', 65, '录入错误', org), 404, 'not_found');
  expectError(await correct(R[2], 'M2', 65, '录入错误', city), 403, 'forbidden');
  const reason = '考核记录表为65分，录入时误录为55分';
  const fixed = ok(await correct(R[2], 'M2', 65, reason));
  assert.deepEqual(fixed.candidates.map((c) => [c.total, c.passed]), [[77, true], [72.5, false], [61, true], [45, false]]);
  assert.deepEqual(fixed.candidates[2].scores.map((s) => [s.module_code, s.score, s.assessed_on]), [['M1', 70, plusDays(-30)], ['M2', 65, plusDays(-10)], ['M3', 55, today]], 'the date assessed is kept');
  const trail = ok(await api('GET', `/api/v1/audit?entity=plan&entity_id=${procPlan.id}&page_size=50`, { token: admin })).items.filter((i) => i.action === 'norm_process.corrected');
  assert.equal(trail.length, 1);
  assert.deepEqual((({ registration_id, module_code, old_score, new_score, reason: why }) => ({ registration_id, module_code, old_score, new_score, why }))(JSON.parse(trail[0].detail)), { registration_id: R[2].id, module_code: 'M2', old_score: 55, new_score: 65, why: reason });

  // the chain: examining, scoring, the results from the module rule (no theory, no practical)
  await status(ent, procPlan.id, 'examining');
  await status(ent, procPlan.id, 'scoring');
  const compiled = ok(await api('POST', `/api/v1/plans/${procPlan.id}/results`, { token: ent }), 201);
  assert.equal(compiled.results, 4);
  const res = [];
  for (const p of P) res.push(await resultOf(p));
  assert.deepEqual(res.map((x) => [x.norm_total, x.passed, x.theory, x.practical]), [[77, true, null, null], [72.5, false, null, null], [61, true, null, null], [45, false, null, null]]);
  // late: the results are compiled, the missing module can no longer be recorded, a score no longer corrected
  expectError(await record('M3', [[R[3], 80]]), 409, 'already_compiled');
  const late = await correct(R[1], 'M3', 50, '复核后应为50分');
  expectError(late, 409, 'already_compiled');
  assert.match(late.data.error.message_zh, /成绩已汇总，过程化考核成绩不能再更正/);
  const numbers = await certify(procPlan, [res[0], res[2]], [res[1]]);
  assert.equal(numbers.length, 2);
});

test('业绩评审: the performance record scored by a qualified panel with 回避, passing at 60, to certificates', async () => {
  const Q = [await person('业绩甲', perfPlan.exam_date), await person('业绩乙', perfPlan.exam_date)];
  const R = [];
  for (const p of Q) R.push(await registerApproved(perfPlan, p, '2023-4-a'));
  // the examiners: four qualified 考评员 of the enterprise, and one without a qualification
  const ex = [];
  for (const n of [1, 2, 3, 4, 5]) {
    const u = ok(await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}x${n}`, password: PW, role: 'examiner', institution_id: instId } }), 201);
    if (n < 5) await qualify(admin, u.id);
    ex.push({ id: u.id, token: await login(`${tag}x${n}`, PW) });
  }
  const criteria = [{ name: '业绩成果', points: 60 }, { name: '佐证材料', points: 40 }];
  const setup = (ids) => api('PUT', `/api/v1/plans/${perfPlan.id}/review`, { token: ent, body: { criteria, examiners: ids } });
  // an unqualified examiner is refused; a performance plan has no practical part; the review panel scores 四级
  expectError(await setup([ex[0].id, ex[1].id, ex[4].id]), 422, 'not_qualified');
  expectError(await api('PUT', `/api/v1/plans/${perfPlan.id}/practical`, { token: ent, body: { criteria, examiners: [ex[0].id, ex[1].id, ex[2].id] } }), 409, 'method_no_practical');
  ok(await setup([ex[0].id, ex[1].id, ex[2].id]));
  const score = (e, r, s) => api('POST', `/api/v1/plans/${perfPlan.id}/review/scores`, { token: e.token, body: { registration_id: r.id, scores: s } });
  // nothing to review before the enterprise writes the record
  expectError(await score(ex[0], R[0], [50, 30]), 409, 'no_performance_record');
  const write = (r, token = ent, text = '主持数控产线改造') => api('PUT', `/api/v1/registrations/${r.id}/performance`, { token, body: { achievements: `${text}（${r.id}）`, evidence: '验收报告、专利证书' } });
  const listing = async (token = ent) => ok(await api('GET', `/api/v1/plans/${perfPlan.id}/performance`, { token }));
  const empty = await listing();
  assert.deepEqual([empty.panel, empty.candidates.map((c) => [c.registration_id, c.recorded, c.achievements, c.review_started])], [true, [[R[0].id, false, null, false], [R[1].id, false, null, false]]]);
  for (const r of R) assert.equal(ok(await write(r)).recorded, true);
  const written = await listing();
  assert.deepEqual(written.candidates.map((c) => [c.recorded, c.achievements, c.evidence]), R.map((r) => [true, `主持数控产线改造（${r.id}）`, '验收报告、专利证书']));
  expectError(await api('GET', `/api/v1/plans/${procPlan.id}/performance`, { token: ent }), 409, 'not_performance_plan');
  expectError(await api('GET', `/api/v1/plans/${perfPlan.id}/performance`, { token: org }), 404, 'not_found');
  expectError(await write(R[0], org), 404, 'not_found');
  // readers of the record: the panel's examiner, the city, the candidate; not an examiner off the panel, not
  // another institution
  assert.match(ok(await api('GET', `/api/v1/registrations/${R[0].id}/performance`, { token: ex[0].token })).achievements, /数控产线改造/);
  ok(await api('GET', `/api/v1/registrations/${R[0].id}/performance`, { token: city }));
  const q0 = await candidateLogin(Q[0]);
  ok(await api('GET', `/api/v1/registrations/${R[0].id}/performance`, { token: q0 }));
  expectError(await api('GET', `/api/v1/registrations/${R[1].id}/performance`, { token: q0 }), 404, 'not_found');
  for (const t of [ex[3].token, org, cityB]) expectError(await api('GET', `/api/v1/registrations/${R[0].id}/performance`, { token: t }), 404, 'not_found');
  // 回避: examiner 3 declares a conflict with 乙 and may not score him; the enterprise puts examiner 4 instead
  ok(await api('POST', `/api/v1/users/${ex[2].id}/avoidances`, { token: ex[2].token, body: { person_id: Q[1].id, reason: '近亲属' } }), 200);
  const av = await score(ex[2], R[1], [30, 20]);
  expectError(av, 403, 'avoidance');
  assert.match(av.data.error.message, /近亲属/);
  ok(await setup([ex[0].id, ex[1].id, ex[3].id]));
  // independent scores, hand-computed means: 甲 (50+48+46)/3 + (30+30+30)/3 = 48 + 30 = 78 合格;
  // 乙 (30+32+34)/3 + (20+22+24)/3 = 32 + 22 = 54 不合格
  for (const [e, s0, s1] of [[ex[0], [50, 30], [30, 20]], [ex[1], [48, 30], [32, 22]], [ex[3], [46, 30], [34, 24]]]) {
    ok(await score(e, R[0], s0), 201);
    ok(await score(e, R[1], s1), 201);
  }
  expectError(await score(ex[0], R[0], [55, 35]), 409, 'already_scored');
  // the record is fixed once the panel has scored; the listing says so
  expectError(await write(R[0]), 409, 'review_started');
  assert.deepEqual((await listing(city)).candidates.map((c) => [c.review_scores, c.review_started]), [[3, true], [3, true]]);
  assert.deepEqual((await listing(q0)).candidates.map((c) => c.registration_id), [R[0].id], 'a candidate sees their own');
  await status(ent, perfPlan.id, 'examining');
  await status(ent, perfPlan.id, 'scoring');
  const compiled = ok(await api('POST', `/api/v1/plans/${perfPlan.id}/results`, { token: ent }), 201);
  assert.equal(compiled.results, 2);
  const res = [await resultOf(Q[0]), await resultOf(Q[1])];
  assert.deepEqual(res.map((x) => [x.review, x.norm_total, x.passed, x.theory, x.practical]), [[78, 78, true, null, null], [54, 54, false, null, null]]);
  const numbers = await certify(perfPlan, [res[0]], [res[1]]);
  assert.equal(numbers.length, 1);
});
