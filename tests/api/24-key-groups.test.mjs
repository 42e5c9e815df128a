// 重点群体 (issue 23 item 7 remainder; docs/DOMAIN.md §64): a department's list imported by 青岛's bureau (preview,
// all or nothing, errors per row; another city's person rejected as unknown); subsidy rules by category as data —
// 青岛's 退役军人 +300 元 standing before the province's +200 元, 残疾人 +100 元 with 12 months of insurance — changing
// a 技能提升补贴 claim's amount and conditions (hand-computed), while an expired flag and another person's do not
// count; and the statistics counters by category: a claim counted under its person's category valid on the
// application date, moved out when the flag changes, paid with its amount; a 认定 registration and result counted
// under the category valid on their day and not under an ended one; and `jineng stats verify` agreeing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, idNumber, unique, dbExec } from './lib.mjs';

const BIN = process.env.JINENG_BIN, DB = process.env.JINENG_DB_URL;
const cli = (...args) => spawnSync(BIN, [...args, '--db', DB], { encoding: 'utf8', env: { ...process.env } });
const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const APPLY = '2026-06-30';
const rulesSet = []; // [token, body] to remove in after()

after(async () => {
  for (const [token, body] of rulesSet) await api('PUT', '/api/v1/cultivation/subsidy-group-rules', { token, body: { ...body, supplement: '0', insured_months: 0 } });
});

test('a department list imported, category rules changing a claim, and the counters by category', async () => {
  const prov = await login('admin'), qingdao = await login('qingdao_admin'), jinan = await login('jinan_admin');
  const org = await login('qingdao_org_admin');
  const tag = unique();
  const person = async (region, s) => {
    const id_number = idNumber(region, '19880828', 101 + ((Date.now() + tag * 13 + s * 7) % 440) * 2);
    return { ...ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `群体${s}${tag}`, id_number } }), 201), id_number };
  };
  const P = await person('370202', 1), Q = await person('370203', 2), R = await person('370202', 3), S = await person('370302', 4);
  const [pid, qid, sid] = [P.id_number, Q.id_number, S.id_number];

  // ---- the department's list: P 退役军人 from 2026-01-01 (open), Q 残疾人 2025-01-01..2026-05-31; three bad rows
  const csv = ['公民身份号码,类别,有效期起,有效期止,依据',
    `${pid},退役军人,2026-01-01,,退役军人事务局名单`,
    `${qid},disabled,2025-01-01,2026-05-31,残联名单`,
    '370202199901011234,退役军人,2026-01-01,,号码错误',
    `${pid},宇航员,2026-01-01,,没有的类别`,
    `${sid},退役军人,2026-01-01,,淄博的人员`].join('\n') + '\n';
  const imp = (t, q = '') => api('POST', `/api/v1/cultivation/person-categories/import${q}`, { token: t, raw: csv, headers: { 'content-type': 'text/csv' } });
  const cats = async (p) => ok(await api('GET', `/api/v1/cultivation/persons/${p.id}/categories`, { token: prov })).categories;
  // a preview: every row checked, nothing stored
  let r = ok(await imp(qingdao, '?preview=true'));
  assert.deepEqual([r.rows, r.accepted, r.imported, r.rejected, r.stored, r.preview], [5, 2, 0, 3, false, true]);
  assert.deepEqual(await cats(P), []);
  // all or nothing: 422 with the report, nothing stored
  r = await imp(qingdao, '?all_or_nothing=true');
  assert.equal(r.status, 422);
  assert.equal(r.data.error.code, 'rows_rejected');
  assert.deepEqual(await cats(P), []);
  // the rows one by one: two stored, three rejected with their line, field and reasons in Chinese and English
  r = ok(await imp(qingdao));
  assert.deepEqual([r.imported, r.rejected, r.stored, r.by_category], [2, 3, true, { veteran: 1, disabled: 1 }]);
  assert.deepEqual(r.errors.map((x) => [x.line, x.field, x.code]), [[4, 'id_number', 'invalid_id_number'], [5, 'category', 'unknown_category'], [6, 'id_number', 'unknown_person']]);
  assert.match(r.errors[2].message_zh, /不是本辖区登记的人员/);
  assert.match(r.errors[2].message_en, /in your region/);
  assert.deepEqual((await cats(P)).map((c) => [c.category, c.source, c.valid_from, c.valid_to, c.evidence]), [['veteran', 'import', '2026-01-01', null, '退役军人事务局名单']]);
  assert.deepEqual((await cats(Q)).map((c) => [c.category, c.source, c.valid_to, c.valid_now]), [['disabled', 'import', '2026-05-31', false]]);
  // 济南's list naming a 青岛 person: rejected as unknown (济南 learns nothing); an institution imports nothing
  r = ok(await api('POST', '/api/v1/cultivation/person-categories/import', { token: jinan, raw: `公民身份号码,类别,有效期起\n${pid},残疾人,2026-01-01\n`, headers: { 'content-type': 'text/csv' } }));
  assert.deepEqual([r.imported, r.errors.map((x) => x.code)], [0, ['unknown_person']]);
  assert.deepEqual((await cats(P)).map((c) => c.category), ['veteran']);
  expectError(await imp(org), 403, 'forbidden');

  // ---- the rules by category: 青岛 退役军人 +300 元; the province 退役军人 +200 元; 青岛 残疾人 +100 元 and 12 months
  const rule = async (t, body) => { const d = ok(await api('PUT', '/api/v1/cultivation/subsidy-group-rules', { token: t, body: { source: `测试文件${tag}`, ...body } })); rulesSet.push([t, body]); return d; };
  await rule(qingdao, { kind: 'skill_up', category: 'veteran', region_code: '370200', supplement: '300' });
  await rule(prov, { kind: 'skill_up', category: 'veteran', region_code: '370000', supplement: '200' });
  const rs = await rule(qingdao, { kind: 'skill_up', category: 'disabled', region_code: '370200', supplement: '100', insured_months: 12 });
  assert.deepEqual(rs.items.filter((x) => x.region_code === '370200' && x.kind === 'skill_up').map((x) => [x.category, x.supplement_fen, x.insured_months]), [['veteran', 30000, null], ['disabled', 10000, 12]]);
  const put = (t, body) => api('PUT', '/api/v1/cultivation/subsidy-group-rules', { token: t, body: { source: '测试', kind: 'skill_up', category: 'veteran', region_code: '370200', supplement: '1', ...body } });
  expectError(await put(qingdao, { region_code: '370100' }), 404, 'not_found');
  expectError(await put(qingdao, { region_code: '370000' }), 404, 'not_found');
  expectError(await put(qingdao, { category: 'astronaut' }), 404, 'not_found');
  expectError(await put(qingdao, { kind: 'apprentice' }), 422, 'invalid_value');
  expectError(await put(qingdao, { kind: 'training', insured_months: 12 }), 422, 'invalid_value');
  expectError(await put(qingdao, { insured_months: 37 }), 422, 'invalid_value');
  expectError(await put(qingdao, { supplement: '-1' }), 422, 'invalid_value');
  expectError(await put(org, {}), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/cultivation/subsidy-group-rules', { token: org }), 403, 'forbidden');

  // the counters by category before the claims (青岛, May and June 2026)
  const groups = async (t = qingdao, region = '370200') => Object.fromEntries(ok(await api('GET', `/api/v1/stats/key-groups?region=${region}&from=2026-05&to=2026-06`, { token: t })).items.map((c) => [c.category, Object.fromEntries(c.values.map((v) => [v.metric, [v.n, v.amount]]))]));
  const g0 = await groups();
  const occs = ok(await api('GET', '/api/v1/occupations?page_size=5', { token: prov })).items.map((o) => o.code);
  const claim = (p, over = {}) => ({ person_id: p.id, kind: 'skill_up', occupation_code: occs[0], level: 4, region_code: '370200', apply_date: APPLY, cert_date: '2026-01-01', insured: [{ start: '2023-06-30' }], ...over });
  const file = (t, body) => api('POST', '/api/v1/training/claims', { token: t, body });
  const check = (c, id) => c.decision.checks.find((x) => x.id === id);

  // P holds 退役军人 on 30 June: 四级 1,500 元 + 青岛's 300 元 (not the province's 200) = 1,800 元
  const cp = ok(await file(qingdao, claim(P)), 201);
  assert.deepEqual([cp.status, cp.amount_fen], ['checked', 180000]);
  assert.match(check(cp, 'key_group').zh, /退役军人.*300\.00 元.*1,800\.00 元/);
  // R holds nothing: 1,500 元, the sentence says the general terms hold
  const cr = ok(await file(qingdao, claim(R)), 201);
  assert.deepEqual([cr.status, cr.amount_fen, check(cr, 'key_group').ok], ['checked', 150000, true]);
  assert.match(check(cr, 'key_group').zh, /未持有/);
  // Q's 残疾人 flag ended on 31 May: applying on 30 June with 12 months insured fails the general 36 months, nothing added
  const cq = ok(await file(qingdao, claim(Q, { insured: [{ start: '2025-06-30' }] })), 201);
  assert.deepEqual([cq.status, cq.amount_fen], ['rejected', 0]);
  assert.match(check(cq, 'insured').zh, /不满36个月/);
  // on 31 May (the flag's last day) with exactly 12 months: 1,500 + 100 = 1,600 元, 12 months for 残疾人
  const cq2 = ok(await file(qingdao, claim(Q, { occupation_code: occs[1], apply_date: '2026-05-31', insured: [{ start: '2025-05-31' }] })), 201);
  assert.deepEqual([cq2.status, cq2.amount_fen], ['checked', 160000]);
  assert.match(check(cq2, 'insured').zh, /满12个月（重点群体）/);
  // a day short of 12 months: refused even for the holder
  const cq3 = ok(await file(qingdao, claim(Q, { occupation_code: occs[2], apply_date: '2026-05-31', insured: [{ start: '2025-06-01' }] })), 201);
  assert.deepEqual([cq3.status, check(cq3, 'insured').code], ['rejected', 'insurance_short']);
  // 淄博's 退役军人 S (verified by the province): no city rule there, the province's 200 元: 1,700 元
  ok(await api('PUT', `/api/v1/cultivation/persons/${S.id}/categories/veteran`, { token: prov, body: { source: 'verified', valid_from: '2026-01-01' } }));
  const cs = ok(await file(prov, claim(S, { region_code: '370300' })), 201);
  assert.deepEqual([cs.status, cs.amount_fen], ['checked', 170000]);

  // ---- the counters by category: P's June claim under 退役军人, Q's May one under 残疾人 (the June one not: the flag
  // had ended); R in none; 淄博's S not in 青岛's figures
  const g1 = await groups();
  const d = (g, c, m) => (g[c][m]?.[0] ?? 0);
  assert.equal(d(g1, 'veteran', 'group.claim.applied') - d(g0, 'veteran', 'group.claim.applied'), 1);
  assert.equal(d(g1, 'disabled', 'group.claim.applied') - d(g0, 'disabled', 'group.claim.applied'), 2, 'cq2 and cq3 (applied, 31 May)');
  assert.equal(d(g1, 'young_student', 'group.claim.applied') - d(g0, 'young_student', 'group.claim.applied'), 0);
  const z1 = await groups(prov, '370300');
  assert.ok(d(z1, 'veteran', 'group.claim.applied') >= 1);
  expectError(await api('GET', '/api/v1/stats/key-groups?region=370200', { token: jinan }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/stats/key-groups', { token: org }), 403, 'forbidden');
  // paid: P's claim through 公示 to paid, its 1,800 元 under 退役军人
  const cm = (status) => api('POST', `/api/v1/training/claims/${cp.id}/status`, { token: qingdao, body: { status } });
  ok(await cm('reviewed'));
  ok(await cm('publicity'));
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${cp.id}`);
  ok(await cm('payable'));
  ok(await cm('paid'));
  const g2 = await groups();
  const paid = (g) => g.veteran['group.claim.paid'] || [0, 0];
  assert.deepEqual([paid(g2)[0] - paid(g0)[0], paid(g2)[1] - paid(g0)[1]], [1, 180000]);
  // the bureau moves P's flag to begin in July: the June claim leaves 退役军人 (the claim itself keeps its decision)
  ok(await api('PUT', `/api/v1/cultivation/persons/${P.id}/categories/veteran`, { token: qingdao, body: { source: 'verified', valid_from: '2026-07-01' } }));
  const g3 = await groups();
  assert.equal(d(g3, 'veteran', 'group.claim.applied'), d(g0, 'veteran', 'group.claim.applied'));
  assert.deepEqual(paid(g3), paid(g0));
  assert.equal(ok(await api('GET', `/api/v1/training/claims/${cp.id}`, { token: qingdao })).amount_fen, 180000);
  // and back through a department's list
  ok(await api('POST', '/api/v1/cultivation/person-categories/import', { token: qingdao, raw: `id_number,category,valid_from\n${pid},veteran,2026-06-01\n`, headers: { 'content-type': 'text/csv' } }));
  assert.deepEqual(paid(await groups()), paid(g2));

  // ---- 认定 by category: registrations by the day they were made (北京时间), results by their exam date. R holds
  // 退役军人 from today; Q's 残疾人 ended on 31 May. R's and Q's registrations today: R's under 退役军人 (submitted,
  // then approved), Q's under none; Q's results: the 31 May one under 残疾人 (sat and passed), the 1 June one not.
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), month = today.slice(0, 7);
  const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
  ok(await api('PUT', `/api/v1/cultivation/persons/${R.id}/categories/veteran`, { token: qingdao, body: { source: 'verified', valid_from: today } }));
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = me.user ? me.user.institution_id : me.institution_id;
  const at = async (from, to) => Object.fromEntries(ok(await api('GET', `/api/v1/stats/key-groups?region=370200&from=${from}&to=${to}`, { token: qingdao })).items.map((c) => [c.category, Object.fromEntries(c.values.map((v) => [v.metric, v.n]))]));
  const delta = (a, b, c, m) => b[c][m] - a[c][m];
  const n0 = await at(month, month), m0 = await at('2026-05', '2026-06');
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `重点群体统计计划${tag}`, occupation_code: '6-18-01-04', level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(20), capacity: 20, subjects: ['theory', 'practical'], publicity_days: 5 } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: qingdao, body: { status: 'open' } }));
  const register = async (p) => ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: qingdao, body: { person_id: p.id, option: '2023-5-a', declared: true } }), 201);
  const gr = await register(R), gq = await register(Q);
  const n1 = await at(month, month);
  assert.deepEqual([delta(n0, n1, 'veteran', 'group.registration.submitted'), delta(n0, n1, 'veteran', 'group.registration.approved')], [1, 0]);
  assert.equal(delta(n0, n1, 'disabled', 'group.registration.submitted'), 0, 'Q\'s flag had ended');
  for (const g of [gr, gq]) ok(await api('POST', `/api/v1/registrations/${g.id}/review`, { token: org, body: { decision: 'approve' } }));
  const n2 = await at(month, month);
  assert.deepEqual([delta(n0, n2, 'veteran', 'group.registration.submitted'), delta(n0, n2, 'veteran', 'group.registration.approved')], [1, 1]);
  assert.equal(delta(n0, n2, 'disabled', 'group.registration.approved'), 0);
  const result = async (occupation_code, exam_date, theory) => ok(await api('POST', '/api/v1/results', { token: prov, body: { institution_id: inst, correction_reason: '历史记录补录（重点群体统计测试）', person_id: Q.id, occupation_code, level: 5, exam_date, theory, practical: 75 } }), 201);
  assert.equal((await result('6-18-01-04', '2026-05-31', 80)).passed, true);
  assert.equal((await result('6-20-01-01', '2026-06-01', 80)).passed, true);
  const m1 = await at('2026-05', '2026-06');
  assert.deepEqual([delta(m0, m1, 'disabled', 'group.result.sat'), delta(m0, m1, 'disabled', 'group.result.passed')], [1, 1], 'the 31 May result only');
  assert.equal(delta(m0, m1, 'veteran', 'group.result.sat'), 0);
  // R's flag moved to begin tomorrow: today's registration leaves 退役军人
  ok(await api('PUT', `/api/v1/cultivation/persons/${R.id}/categories/veteran`, { token: qingdao, body: { source: 'verified', valid_from: plusDays(1) } }));
  const n3 = await at(month, month);
  assert.deepEqual([delta(n0, n3, 'veteran', 'group.registration.submitted'), delta(n0, n3, 'veteran', 'group.registration.approved')], [0, 0]);

  // every counter, by category too, as the raw tables say
  const v = cli('stats', 'verify');
  assert.equal(v.status, 0, `stats verify: ${v.stdout}${v.stderr}`);

  // a rule removed (supplement 0): R's next claim has no key_group check for 退役军人 any more in 青岛 (the province's stays)
  await api('PUT', '/api/v1/cultivation/subsidy-group-rules', { token: qingdao, body: { source: '撤销', kind: 'skill_up', category: 'veteran', region_code: '370200', supplement: '0' } });
  expectError(await api('PUT', '/api/v1/cultivation/subsidy-group-rules', { token: qingdao, body: { source: '撤销', kind: 'skill_up', category: 'veteran', region_code: '370200', supplement: '0' } }), 404, 'not_found');
  const cp2 = ok(await file(qingdao, claim(P, { occupation_code: occs[3] })), 201);
  assert.equal(cp2.amount_fen, 170000, 'the province\'s 200 元 now');
});
