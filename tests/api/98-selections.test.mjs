// 评选项目与津贴 (issue 22 items 2-3): one selection machine over data, and its money in the province's ledger.
// A 齐鲁首席技师 round of 2021 (2 places, 济南's quota 2): 55 on the reference day is nominated, 56 is refused
// with its reason, a third 济南 nomination meets the full quota, 青岛 cannot nominate a 济南 person; an expert of
// the nominee's employer is recused, the independent scores rank the two, the 公示 must end before the
// appointment; the appointees' 48-month allowances at the floor (1,000 yuan) are paid by monthly batches (a
// batch run twice, or twice at once, pays once); one appointee is stopped in month 17 (revoked) and the 3 months paid after it are
// recovered in the ledger with the reason, the ledger still balancing. A 2023 round above the floor (1,500 yuan)
// refuses an amount below it, refuses a re-nomination within 4 years without a new achievement and pays 1,500.
// 山东省技术技能大师 needs 高级技师 AND 高级职称: each alone is refused. Outside honours are imported by CSV with
// their source; the talent record shows the selection, its allowance and the honours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const month = (start, k) => { const [y, m] = start.split('-').map(Number); const t = y * 12 + m - 1 + k; return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`; };

test('selection programmes: quotas, ages, review, 公示, appointment; allowances in the ledger with a stop and a recovery', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin');
  const n = unique();
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = (me.user || me).institution_id;
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(1) && s.levels.includes(2)).occupation_code;
  const person = async (seq, birth, region = '370102', employer) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `评选${n % 1000}人${seq}`, id_number: idNumber(region, birth, 101 + ((n * 7 + seq) % 440) * 2), employer_id: employer } }), 201).id;
  const A55 = await person(0, '19660601', '370102', instId); // 55 on 2021-06-01
  const A56 = await person(1, '19650601'); // 56 on that day
  const B = await person(2, '19810303'); // 40: preferred
  const C = await person(3, '19800101');
  const M = await person(4, '19700101');
  const Q = await person(5, '19800101', '370202'); // 青岛
  // certificates through the chain: 技师 for the 首席技师 candidates, 高级技师 for M
  const results = [];
  for (const [p, level] of [[A55, 2], [A56, 2], [B, 2], [C, 2], [M, 1], [Q, 2]]) {
    results.push(ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p, institution_id: instId, occupation_code: occ, level, exam_date: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), theory: 80, practical: 80, review: 80, correction_reason: '评选测试：历史档案补录' } }), 201).id);
  }
  ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: results } }), 201);

  // the programmes are data with their sources and gaps
  const progs = ok(await api('GET', '/api/v1/selections/programmes')).items;
  const chief = progs.find((p) => p.code === 'qilu_chief');
  assert.deepEqual([chief.max_places, chief.min_level, chief.max_age, chief.preferred_age, chief.renominate_years, chief.term_months, chief.monthly_floor], [150, 2, 55, 45, 4, 48, '1000.00']);
  assert.match(chief.source, /不低于1000元/);
  assert.equal(progs.find((p) => p.code === 'qilu_skill_award').lump, '300000.00');
  assert.match(progs.find((p) => p.code === 'taishan_skill').gaps, /GAP/);
  expectError(await api('PUT', '/api/v1/selections/programmes/qilu_chief', { token: prov, body: { monthly: '999.99', source: '测试' } }), 422, 'below_floor');

  // round 1: 2021, 2 places; the quotas may not exceed them
  const R1 = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year: 2021, title: `2021 年齐鲁首席技师（测试 ${n}）`, places: 2, ref_date: '2021-06-01', min_experts: 1 } }), 201);
  assert.equal(R1.monthly, '1000.00');
  expectError(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year: 2021, title: '同年第二批' } }), 409, 'round_exists');
  expectError(await api('PUT', `/api/v1/selections/rounds/${R1.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 2 }, { region_code: '3702', quota: 1 }] } }), 422, 'quota_over_places');
  ok(await api('PUT', `/api/v1/selections/rounds/${R1.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 2 }] } }));

  // ages at the boundary: 55 allowed, 56 refused with the reason; the check explains every condition
  const c55 = ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/checks`, { token: jinan, body: { person_id: A55, front_line: true } }));
  assert.deepEqual([c55.ok, c55.age, c55.preferred], [true, 55, false]);
  assert.deepEqual(c55.checks.map((c) => c.id), ['level', 'front_line', 'age', 'preferred_age', 'renominate', 'holding']);
  const c56 = ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/checks`, { token: jinan, body: { person_id: A56, front_line: true } }));
  assert.deepEqual([c56.ok, c56.age, c56.checks.find((c) => !c.ok).code], [false, 56, 'too_old']);
  const refused = await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: jinan, body: { person_id: A56, front_line: true } });
  expectError(refused, 422, 'not_eligible');
  assert.match(refused.data.error.message_zh, /56 周岁/);
  expectError(await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: jinan, body: { person_id: B } }), 422, 'not_eligible'); // front line not declared
  const nA = ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: jinan, body: { person_id: A55, front_line: true, achievements: '主持技术攻关 3 项' } }), 201);
  assert.equal(nA.region_code, '3701');
  expectError(await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: qingdao, body: { person_id: B, front_line: true } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: qingdao, body: { person_id: Q, front_line: true } }), 409, 'quota_full'); // 青岛 has no quota
  const nB = ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: jinan, body: { person_id: B, front_line: true } }), 201);
  expectError(await api('POST', `/api/v1/selections/rounds/${R1.id}/nominations`, { token: jinan, body: { person_id: C, front_line: true } }), 409, 'quota_full');
  const round1 = ok(await api('GET', `/api/v1/selections/rounds/${R1.id}`));
  assert.deepEqual(round1.quotas, [{ region_code: '3701', quota: 2, used: 2, left: 0 }]);

  // review: experts are examiner accounts; one of the nominee's employer is recused
  const expert = async (k, institution_id) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `selx${n}${k}`, password: PASSWORD, role: 'examiner', institution_id } }), 201).id;
  const qOrg = (await login('qingdao_org_admin').then((t) => api('GET', '/api/v1/auth/me', { token: t }))).data;
  const X = await expert('a', instId), Y = await expert('b', (qOrg.user || qOrg).institution_id);
  expectError(await api('POST', `/api/v1/selections/nominations/${nA.id}/scores`, { token: prov, body: { expert_id: Y, score: 80 } }), 409, 'invalid_state'); // not in review yet
  ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  expectError(await api('POST', `/api/v1/selections/nominations/${nA.id}/scores`, { token: prov, body: { expert_id: X, score: 95 } }), 422, 'recusal');
  expectError(await api('POST', `/api/v1/selections/rounds/${R1.id}/status`, { token: prov, body: { status: 'publicity' } }), 409, 'unscored');
  ok(await api('POST', `/api/v1/selections/nominations/${nA.id}/scores`, { token: prov, body: { expert_id: Y, score: 80 } }), 201);
  ok(await api('POST', `/api/v1/selections/nominations/${nB.id}/scores`, { token: prov, body: { expert_id: Y, score: 90 } }), 201);
  expectError(await api('POST', `/api/v1/selections/nominations/${nB.id}/scores`, { token: prov, body: { expert_id: Y, score: 10 } }), 409, 'already_scored');
  const pub = ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/status`, { token: prov, body: { status: 'publicity' } }));
  assert.deepEqual(pub.selected.map((s) => [s.nomination_id, s.rank]), [[nB.id, 1], [nA.id, 2]]);
  assert.ok(pub.publicity_end > pub.publicity_start);
  expectError(await api('POST', `/api/v1/selections/rounds/${R1.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2022-01-01' } }), 409, 'publicity_running');
  dbExec(`UPDATE selection_rounds SET publicity_end = '2021-12-20' WHERE id = ${R1.id}`); // the 公示 ran in 2021
  ok(await api('POST', `/api/v1/selections/rounds/${R1.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2022-01-01' } }));

  // the allowance: 48 monthly payments at the floor; batches for 20 months, the first run twice
  const a0 = ok(await api('GET', `/api/v1/selections/nominations/${nA.id}`, { token: prov }));
  assert.deepEqual([a0.status, a0.term_start, a0.term_end, a0.allowance.planned, a0.allowance.plan[47].month], ['appointed', '2022-01-01', '2026-01-01', 48, '2025-12']);
  for (let k = 0; k < 20; k++) {
    const b = ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: month('2022-01', k) } }), 201);
    assert.ok(b.paid >= 2, `${b.month} pays both`);
  }
  const again = ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: '2022-01' } }), 201);
  assert.deepEqual([again.paid, again.total_fen], [0, 0]);
  expectError(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: '2099-01' } }), 422, 'future_month');

  // the stop in month 17 (2023-05): months 18..20 come back, each explained
  const stop = ok(await api('POST', `/api/v1/selections/nominations/${nA.id}/end`, { token: prov, body: { reason: 'revoked', on: '2023-05-15', note: '测试：撤销称号' } }));
  assert.deepEqual([stop.recovered_now, stop.recovered_now_fen, stop.due, stop.planned], [3, 300000, 17, 48]);
  assert.deepEqual([stop.paid_fen, stop.recovered_fen, stop.net_fen, stop.net], [2000000, 300000, 1700000, '17000.00']);
  const rec = stop.payments.filter((p) => p.status === 'recovered');
  assert.deepEqual(rec.map((p) => p.month), ['2023-06', '2023-07', '2023-08']);
  assert.ok(rec.every((p) => p.recover_entry > 0 && /撤销称号/.test(p.recover_reason)));
  // two runs of one month at once: the unique key lets only one post B's payment (A55 is stopped)
  const both = await Promise.all([0, 1].map(() => api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: '2023-09' } })));
  assert.deepEqual(both.map((r) => r.status), [201, 201]);
  assert.equal(both[0].data.paid + both[1].data.paid, 1, JSON.stringify(both.map((r) => r.data)));
  const a1 = ok(await api('GET', `/api/v1/selections/nominations/${nA.id}`, { token: jinan }));
  assert.equal(a1.allowance.payments.filter((p) => p.month === '2023-09').length, 0, 'nothing after the stop');
  assert.deepEqual(a1.scores, [], 'the city sees no individual scores');
  const b1 = ok(await api('GET', `/api/v1/selections/nominations/${nB.id}`, { token: prov }));
  assert.equal(b1.allowance.payments.filter((p) => p.status === 'paid').length, 21);
  expectError(await api('POST', `/api/v1/selections/nominations/${nA.id}/end`, { token: prov, body: { reason: 'death', on: '2023-06-01' } }), 409, 'invalid_state');
  const verify = ok(await api('GET', '/api/v1/training/ledger/verify', { token: prov }));
  assert.equal(verify.ok, true, JSON.stringify(verify));

  // round 2 (2023) above the floor: an amount below it refused; a re-nomination within 4 years needs a new achievement
  expectError(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year: 2023, title: '低于下限', monthly: '999.99' } }), 422, 'below_floor');
  const R2 = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year: 2023, title: `2023 年齐鲁首席技师（测试 ${n}）`, places: 1, ref_date: '2023-06-01', min_experts: 1, monthly: '1500.00' } }), 201);
  ok(await api('PUT', `/api/v1/selections/rounds/${R2.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 1 }] } }));
  // A55 (nominated in 2021, 57 now): refused for age and, without a new achievement, for the re-nomination
  const re = await api('POST', `/api/v1/selections/rounds/${R2.id}/checks`, { token: jinan, body: { person_id: A55, front_line: true } });
  assert.deepEqual(ok(re).checks.filter((c) => !c.ok).map((c) => c.code), ['too_old', 'renominated_without_achievement']);
  const re2 = ok(await api('POST', `/api/v1/selections/rounds/${R2.id}/checks`, { token: jinan, body: { person_id: A55, front_line: true, new_achievement: true } }));
  assert.deepEqual(re2.checks.filter((c) => !c.ok).map((c) => c.code), ['too_old']);
  // B, appointed in 2021, is within the term
  const rb = ok(await api('POST', `/api/v1/selections/rounds/${R2.id}/checks`, { token: jinan, body: { person_id: B, front_line: true, new_achievement: true } }));
  assert.deepEqual(rb.checks.filter((c) => !c.ok).map((c) => c.code), ['already_holding']);
  const nC = ok(await api('POST', `/api/v1/selections/rounds/${R2.id}/nominations`, { token: prov, body: { person_id: C, front_line: true } }), 201);
  ok(await api('POST', `/api/v1/selections/rounds/${R2.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  ok(await api('POST', `/api/v1/selections/nominations/${nC.id}/scores`, { token: prov, body: { expert_id: Y, score: 88 } }), 201);
  ok(await api('POST', `/api/v1/selections/rounds/${R2.id}/status`, { token: prov, body: { status: 'publicity' } }));
  dbExec(`UPDATE selection_rounds SET publicity_end = '2023-12-20' WHERE id = ${R2.id}`);
  ok(await api('POST', `/api/v1/selections/rounds/${R2.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2024-01-01' } }));
  ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: '2024-01' } }), 201);
  const c1 = ok(await api('GET', `/api/v1/selections/nominations/${nC.id}`, { token: prov }));
  assert.deepEqual([c1.monthly, c1.allowance.planned, c1.allowance.payments.map((p) => [p.month, p.amount])], ['1500.00', 48, [['2024-01', '1500.00']]]);

  // 齐鲁技能大奖 (10 every two years): 300,000 once at the appointment; the month's batch adds nothing
  const AW = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_skill_award', year: 2020, title: `2020 年齐鲁技能大奖（测试 ${n}）`, min_experts: 1 } }), 201);
  assert.equal(AW.places, 10);
  ok(await api('PUT', `/api/v1/selections/rounds/${AW.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 1 }] } }));
  const nM = ok(await api('POST', `/api/v1/selections/rounds/${AW.id}/nominations`, { token: jinan, body: { person_id: M } }), 201);
  ok(await api('POST', `/api/v1/selections/rounds/${AW.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  ok(await api('POST', `/api/v1/selections/nominations/${nM.id}/scores`, { token: prov, body: { expert_id: Y, score: 91 } }), 201);
  ok(await api('POST', `/api/v1/selections/rounds/${AW.id}/status`, { token: prov, body: { status: 'publicity' } }));
  dbExec(`UPDATE selection_rounds SET publicity_end = '2020-11-30' WHERE id = ${AW.id}`);
  ok(await api('POST', `/api/v1/selections/rounds/${AW.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2020-12-01' } }));
  ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: '2020-12' } }), 201);
  const m1 = ok(await api('GET', `/api/v1/selections/nominations/${nM.id}`, { token: prov }));
  assert.deepEqual([m1.allowance.planned, m1.allowance.payments.map((p) => [p.kind, p.month, p.amount])], [1, [['lump', '2020-12', '300000.00']]]);
  assert.ok(ok(await api('GET', `/api/v1/persons/${M}/honours`, { token: prov })).items.some((h) => h.kind === 'qilu_skill_award'), 'the 惠才卡 category honour');

  // 山东省技术技能大师: 高级技师 AND 高级职称 — each alone refused
  const SM = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'shandong_master', year: 2021, title: `2021 年山东省技术技能大师（测试 ${n}）`, ref_date: '2021-06-01' } }), 201);
  assert.equal(SM.places, 100);
  const chk = async (p) => ok(await api('POST', `/api/v1/selections/rounds/${SM.id}/checks`, { token: prov, body: { person_id: p } }));
  const m0 = await chk(M);
  assert.deepEqual([m0.ok, m0.checks.filter((c) => !c.ok).map((c) => c.code)], [false, ['title_missing']]);
  ok(await api('POST', '/api/v1/titles/records', { token: prov, body: { person_id: M, series: 'engineering', rank: 'deputy_senior', obtained_on: '2015-01-01', source: '评选测试：职称档案' } }), 201);
  ok(await api('POST', '/api/v1/titles/records', { token: prov, body: { person_id: C, series: 'engineering', rank: 'deputy_senior', obtained_on: '2015-01-01', source: '评选测试：职称档案' } }), 201);
  assert.equal((await chk(M)).ok, true);
  const c0 = await chk(C);
  assert.deepEqual([c0.ok, c0.checks.filter((c) => !c.ok).map((c) => c.code)], [false, ['level_too_low']]);

  // outside honours by CSV with their source; 济南 only for its own persons
  const idOf = async (p) => ok(await api('GET', `/api/v1/persons/${p}`, { token: prov }));
  void idOf;
  const csv = ['证件号码,荣誉类别,荣誉名称,获得日期,来源',
    `${idNumber('370102', '19660601', 101 + ((n * 7 + 0) % 440) * 2)},中华技能大奖,第十六届中华技能大奖（测试${n}）,2022-10-01,人社部公布名单`,
    `${idNumber('370202', '19800101', 101 + ((n * 7 + 5) % 440) * 2)},全国技术能手,全国技术能手（测试${n}）,2022-10-01,人社部公布名单`,
    `${idNumber('370102', '19810303', 101 + ((n * 7 + 2) % 440) * 2)},优秀员工,某荣誉,2022-10-01,单位`].join('\n');
  const imp = ok(await api('POST', '/api/v1/honours/import', { token: jinan, raw: csv, headers: { 'Content-Type': 'text/csv' } }));
  assert.deepEqual([imp.rows, imp.inserted, imp.rejected, imp.errors.map((x) => x.code)], [3, 1, 2, ['not_found', 'invalid_value']]);
  const again2 = ok(await api('POST', '/api/v1/honours/import', { token: jinan, raw: csv, headers: { 'Content-Type': 'text/csv' } }));
  assert.deepEqual([again2.inserted, again2.unchanged], [0, 1]);

  // the talent record: the selection with its allowance and the honours (the appointment's and the imported)
  const tr = ok(await api('GET', `/api/v1/persons/${A55}/talent-record`, { token: prov }));
  assert.equal(tr.selections[0].status, 'ended');
  assert.equal(tr.selections[0].end_reason_zh, '撤销称号');
  assert.deepEqual([tr.allowances.paid, tr.allowances.recovered], ['20000.00', '3000.00']);
  const hon = ok(await api('GET', `/api/v1/persons/${A55}/honours`, { token: prov })).items;
  assert.deepEqual(hon.map((h) => h.kind).sort(), ['china_skill_award', 'qilu_chief_technician']);
  assert.ok(hon.every((h) => h.source));
  // the person reads their own nomination; the list in their scope
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `selc${n}`, password: PASSWORD, role: 'candidate', person_id: C } }), 201);
  const wc = await login(u.username, PASSWORD);
  const mine = ok(await api('GET', '/api/v1/selections/nominations', { token: wc }));
  assert.deepEqual(mine.items.map((x) => x.id), [nC.id]);
  expectError(await api('GET', `/api/v1/selections/nominations/${nA.id}`, { token: wc }), 404, 'not_found');
});
