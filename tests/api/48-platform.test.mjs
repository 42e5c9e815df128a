// 平台载体 (issue 24 item 1; docs/DOMAIN.md §56): a yearly call (year from 2601 up, the first free) invites a
// 国家级高技能人才培训基地 and a 齐鲁技能大师特色工作站. A base with 5,000 students and 9,000 trainees is refused
// with the reason of the failed alternative; a workstation whose lead holds no 技师 certificate is refused; the
// lead with one applies twice, 济南 (quota 1) recommends one, the second is over the quota; 青岛 cannot touch a
// 济南 application. The panel's expert of the applicant is recused, two others score independently (a second
// score refused), the ranking selects it, 立项 waits for the 公示 and gives the seeded 200,000 yuan. The grant in
// tranches by fund source: only 财政 co-approves (the province cannot), one withheld with a reason cannot be
// paid, the others are paid into the ledger; 财政 reads the project and is refused the rest. The 绩效考核 reads the
// activity log and the apprentice's certificate (hand-computed 19 of 100, 29 with an honour of the year: not passed), 验收 is refused, 撤销
// recovers what was paid per fund source and the ledger still balances. The public list shows established ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

test('platform projects: call, conditions, quota, review with 回避, 立项, tranches with 财政, appraisal, revocation', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin');
  const n = unique();
  const meOf = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return m.user || m; };
  const instId = (await meOf(org)).institution_id, qInst = (await meOf(await login('qingdao_org_admin'))).institution_id;

  // the catalogue: types, conditions with alternatives, grants by type and grade with their sources
  const cat = ok(await api('GET', '/api/v1/platform/types'));
  const ty = (c) => cat.items.find((t) => t.code === c);
  assert.equal(ty('qilu_workstation').grants[0].amount, '200000.00');
  assert.deepEqual(ty('innovation_studio').grants.map((g) => [g.grade, g.amount]), [['craftsman', '50000.00'], ['great', '300000.00']]);
  assert.equal(ty('provincial_studio').grants[0].amount, null); // [GAP]
  assert.deepEqual(ty('national_base').conditions.filter((c) => c.grp === 'scale').map((c) => c.min_value), [8000, 10000]);
  assert.deepEqual(cat.fund_sources.map((s) => s.name), ['就业补助资金', '失业保险基金', '专项培训资金', '职工教育经费']);

  // accounts: three experts (one of the applicant), 财政
  const user = async (k, body) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `pf${n}${k}`, password: PASSWORD, ...body } }), 201);
  const E1 = await user('e1', { role: 'examiner', institution_id: instId });
  const E2 = await user('e2', { role: 'examiner', institution_id: qInst }), E3 = await user('e3', { role: 'examiner', institution_id: qInst });
  await user('fin', { role: 'finance' });
  const [e1, e2, e3, fin] = await Promise.all(['e1', 'e2', 'e3', 'fin'].map((k) => login(`pf${n}${k}`, PASSWORD)));
  assert.equal((await meOf(fin)).role, 'finance');

  // the lead master (技师 through a result and its certificate) and one without a certificate, of the applicant
  const person = async (seq, birth) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `平台${n % 1000}人${seq}`, id_number: idNumber('370102', birth, 101 + ((n * 7 + seq) % 440) * 2), employer_id: instId } }), 201).id;
  const L = await person(0, '19750601'), L2 = await person(1, '19760601'), AP = await person(2, '19990101');
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(2) && s.levels.includes(4)).occupation_code;
  const results = [];
  for (const [p, level] of [[L, 2], [AP, 4]]) results.push(ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p, institution_id: instId, occupation_code: occ, level, exam_date: today, theory: 80, practical: 80, review: 80, correction_reason: '平台载体测试：历史档案补录' } }), 201).id);
  ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: results } }), 201);

  // the call: the first free year from 2601
  let year = 2601;
  while (ok(await api('GET', `/api/v1/platform/calls?year=${year}`)).total) year++;
  const callBody = { year, title: `${year} 年平台载体申报（测试 ${n}）`, opens_on: today, closes_on: plusDays(30), types: [{ type_code: 'national_base', places: 1 }, { type_code: 'qilu_workstation', places: 1 }], experts: [E1.id, E2.id, E3.id], min_experts: 2, publicity_days: 1 };
  expectError(await api('POST', '/api/v1/platform/calls', { token: jinan, body: callBody }), 403, 'forbidden');
  const call = ok(await api('POST', '/api/v1/platform/calls', { token: prov, body: callBody }), 201);
  expectError(await api('POST', '/api/v1/platform/calls', { token: prov, body: callBody }), 409, 'call_exists');
  ok(await api('PUT', `/api/v1/platform/calls/${call.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 1 }, { region_code: '3702', quota: 0 }] } }));

  // conditions with their reasons: the base's scale fails both alternatives
  const base = { type_code: 'national_base', name: `测试培训基地${n}`, facts: { students: 5000, trainees: 9000, high_skill_trainee_pct: 35 } };
  const chk = ok(await api('POST', `/api/v1/platform/calls/${call.id}/checks`, { token: org, body: base }));
  assert.deepEqual(chk.checks.map((c) => [c.code, c.ok]), [['students', false], ['trainees', false], ['high_skill_share', true]]);
  const refused = await api('POST', `/api/v1/platform/calls/${call.id}/applications`, { token: org, body: base });
  expectError(refused, 422, 'not_eligible');
  assert.equal(refused.data.error.field, 'students');
  assert.match(refused.data.error.message_zh, /在校生不少于 8000 人：申报 5000，不足 8000/);
  const ws = (name, lead) => ({ type_code: 'qilu_workstation', name, lead_person_id: lead });
  const noCert = await api('POST', `/api/v1/platform/calls/${call.id}/applications`, { token: org, body: ws(`测试工作站${n}乙`, L2) });
  expectError(noCert, 422, 'not_eligible');
  assert.match(noCert.data.error.message_zh, /领办人未持有有效的职业技能等级证书/);
  expectError(await api('POST', `/api/v1/platform/calls/${call.id}/applications`, { token: org, body: { ...ws(`测试工作站${n}丙`, L), grade: 'great' } }), 422, 'invalid_grade');
  const A1 = ok(await api('POST', `/api/v1/platform/calls/${call.id}/applications`, { token: org, body: ws(`测试工作站${n}`, L) }), 201);
  const A2 = ok(await api('POST', `/api/v1/platform/calls/${call.id}/applications`, { token: org, body: ws(`测试工作站${n}二`, L) }), 201);
  assert.deepEqual([A1.status, A1.decision.ok, A1.region_code.slice(0, 4)], ['submitted', true, '3701']);

  // the city recommends within its quota; another city cannot see it
  expectError(await api('POST', `/api/v1/platform/applications/${A1.id}/recommendation`, { token: qingdao, body: { recommend: true } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/platform/applications/${A1.id}/recommendation`, { token: prov, body: { recommend: true } }), 403, 'forbidden');
  assert.equal(ok(await api('POST', `/api/v1/platform/applications/${A1.id}/recommendation`, { token: jinan, body: { recommend: true, opinion: '同意推荐' } })).status, 'recommended');
  expectError(await api('POST', `/api/v1/platform/applications/${A2.id}/recommendation`, { token: jinan, body: { recommend: true } }), 409, 'quota_full');
  expectError(await api('POST', `/api/v1/platform/applications/${A2.id}/recommendation`, { token: jinan, body: { recommend: false } }), 422, 'missing_field'); // a return needs its opinion
  ok(await api('POST', `/api/v1/platform/applications/${A2.id}/recommendation`, { token: jinan, body: { recommend: false, opinion: '名额已满' } }));
  assert.deepEqual(ok(await api('GET', `/api/v1/platform/calls/${call.id}`)).quotas.find((q) => q.region_code === '3701'), { region_code: '3701', quota: 1, used: 1, left: 0 });

  // review: 回避 of the applicant's own examiner, independent scores, ranking, 公示, 立项
  expectError(await api('POST', `/api/v1/platform/applications/${A1.id}/scores`, { token: e2, body: { score: 80 } }), 409, 'invalid_state');
  ok(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  const recused = await api('POST', `/api/v1/platform/applications/${A1.id}/scores`, { token: e1, body: { score: 99 } });
  expectError(recused, 403, 'avoidance');
  ok(await api('POST', `/api/v1/platform/applications/${A1.id}/scores`, { token: e2, body: { score: 80 } }), 201);
  expectError(await api('POST', `/api/v1/platform/applications/${A1.id}/scores`, { token: e2, body: { score: 85 } }), 409, 'already_scored');
  assert.equal(ok(await api('GET', `/api/v1/platform/applications/${A1.id}`, { token: e3 })).score_list.length, 0); // its own only
  ok(await api('POST', `/api/v1/platform/applications/${A1.id}/scores`, { token: e3, body: { score: 91 } }), 201);
  const pub = ok(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'publicity' } }));
  assert.deepEqual(pub.selected.map((s) => [s.application_id, s.rank]), [[A1.id, 1]]);
  expectError(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'established' } }), 409, 'publicity_running');
  dbExec(`UPDATE platform_calls SET publicity_until = '2000-01-01' WHERE id = ${call.id}`);
  ok(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'established' } }));
  const list = ok(await api('GET', `/api/v1/platforms?institution_id=${instId}&year=${year}`, { token: org }));
  assert.equal(list.total, 1);
  const P = list.items[0];
  assert.deepEqual([P.application_id, P.grant, P.status, P.paid], [A1.id, '200000.00', 'established', '0.00']);
  assert.equal(ok(await api('GET', `/api/v1/platform/applications/${A1.id}`, { token: prov })).score, 85.5);

  // tranches: the province proposes, only 财政 co-approves, a withheld one is not paid
  const tranche = async (amount, fund_source) => ok(await api('POST', `/api/v1/platforms/${P.id}/tranches`, { token: prov, body: { amount, fund_source } }), 201);
  const T1 = await tranche('120000', 'employment_subsidy'), T2 = await tranche('80000', 'unemployment_insurance');
  expectError(await api('POST', `/api/v1/platforms/${P.id}/tranches`, { token: prov, body: { amount: '0.01', fund_source: 'special_training' } }), 422, 'over_grant');
  expectError(await api('POST', `/api/v1/platforms/${P.id}/tranches`, { token: fin, body: { amount: '1', fund_source: 'special_training' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/platform/tranches/${T1.id}/decision`, { token: prov, body: { decision: 'approve' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/platform/tranches/${T1.id}/payment`, { token: prov }), 409, 'not_approved');
  assert.equal(ok(await api('POST', `/api/v1/platform/tranches/${T1.id}/decision`, { token: fin, body: { decision: 'approve', note: '同意' } })).status, 'approved');
  expectError(await api('POST', `/api/v1/platform/tranches/${T2.id}/decision`, { token: fin, body: { decision: 'withhold' } }), 422, 'missing_field');
  assert.equal(ok(await api('POST', `/api/v1/platform/tranches/${T2.id}/decision`, { token: fin, body: { decision: 'withhold', note: '失业保险基金本年度额度已用完' } })).status, 'withheld');
  expectError(await api('POST', `/api/v1/platform/tranches/${T2.id}/payment`, { token: prov }), 409, 'not_approved');
  const paid1 = ok(await api('POST', `/api/v1/platform/tranches/${T1.id}/payment`, { token: prov }));
  assert.ok(paid1.accrue_entry > 0 && paid1.pay_entry > paid1.accrue_entry);
  const T3 = await tranche('80000', 'staff_education'); // the withheld sum is free again
  ok(await api('POST', `/api/v1/platform/tranches/${T3.id}/decision`, { token: fin, body: { decision: 'approve' } }));
  ok(await api('POST', `/api/v1/platform/tranches/${T3.id}/payment`, { token: prov }));
  const pending = ok(await api('GET', `/api/v1/platform/tranches?platform_id=${P.id}`, { token: fin }));
  assert.deepEqual(pending.items.map((t) => [t.seq, t.status]), [[1, 'paid'], [2, 'withheld'], [3, 'paid']]);
  // 财政 reads the project and nothing it may not
  assert.equal(ok(await api('GET', `/api/v1/platforms/${P.id}`, { token: fin })).paid, '200000.00');
  expectError(await api('POST', `/api/v1/platforms/${P.id}/activities`, { token: fin, body: { kind: 'tackle', occurred_on: today, title: 'x' } }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/training/ledger/accounts', { token: fin }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/persons/${L}`, { token: fin }), 403, 'forbidden');

  // the activity log and the 绩效考核 (the workstation's seven indicators, weights 25+20+15+10+10+10+10 = 100):
  // apprentices 1/5 × 25 + the apprentice's certificate 1/3 × 20 + tackles 1/2 × 15 = 19.17, plus 10 when an employee
  // of the institution gained an honour this year (other suites may give one), floored: 19 or 29, under the pass
  // score 60; 验收 refused; 撤销 recovers 200,000 in two entries
  ok(await api('POST', `/api/v1/platforms/${P.id}/activities`, { token: org, body: { kind: 'apprentice', occurred_on: today, title: '带徒：签订师带徒协议', person_id: AP } }), 201);
  ok(await api('POST', `/api/v1/platforms/${P.id}/activities`, { token: org, body: { kind: 'tackle', occurred_on: today, title: '技能攻关：焊接变形控制' } }), 201);
  expectError(await api('POST', `/api/v1/platforms/${P.id}/activities`, { token: org, body: { kind: 'apprentice', occurred_on: today, title: '无徒弟' } }), 422, 'missing_field');
  const y = Number(today.slice(0, 4));
  const appr = ok(await api('POST', `/api/v1/platforms/${P.id}/appraisals`, { token: prov, body: { year: y } }), 201).appraisals[0];
  const honours = appr.indicators.find((i) => i.code === 'honours').value;
  assert.deepEqual([appr.score, appr.passed], [honours ? 29 : 19, false]);
  assert.deepEqual(appr.indicators.filter((i) => i.value && i.code !== 'honours').map((i) => [i.code, i.value]), [['apprentices', 1], ['apprentice_certs', 1], ['tackles', 1]]);
  expectError(await api('POST', `/api/v1/platforms/${P.id}/appraisals`, { token: prov, body: { year: y } }), 409, 'already_appraised');
  expectError(await api('POST', `/api/v1/platforms/${P.id}/status`, { token: prov, body: { status: 'accepted' } }), 409, 'not_passed');
  const recAcct = async () => (ok(await api('GET', '/api/v1/training/ledger/accounts?kind=recovery&page_size=500', { token: prov })).items.find((a) => a.code === `recovery:platform:${instId}`) || { balance_fen: 0 }).balance_fen;
  const before = await recAcct();
  const closed = ok(await api('POST', `/api/v1/platforms/${P.id}/status`, { token: prov, body: { status: 'revoked', reason: '绩效考核不合格，撤销' } }));
  assert.deepEqual([closed.status, closed.recovered], ['revoked', '200000.00']);
  assert.deepEqual(closed.recoveries.map((r) => [r.fund_source, r.amount]).sort(), [['employment_subsidy', '120000.00'], ['staff_education', '80000.00']]);
  assert.equal(await recAcct() - before, 20000000);
  assert.equal(ok(await api('GET', '/api/v1/training/ledger/verify', { token: prov })).ok, true);
  expectError(await api('POST', `/api/v1/platforms/${P.id}/tranches`, { token: prov, body: { amount: '1', fund_source: 'special_training' } }), 409, 'invalid_state');
  // the public list shows established and accepted platforms only
  const pubList = ok(await api('GET', '/api/v1/public/platforms?type_code=qilu_workstation'));
  assert.ok(!pubList.items.some((x) => x.id === P.id));
});
