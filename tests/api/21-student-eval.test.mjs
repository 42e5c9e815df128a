// 院校学生评价 (issue 23 item 5; docs/DOMAIN.md §61): a 技工院校 registers a class of students in a filed major; the
// province matches the major to an occupation up to 高级工; the school sets the 过程化评价 rule (three modules,
// weights 20/30/50, pass 60 in total and 50 in every module) on its draft plan of 四级, the city approves the plan,
// the class is registered into it (本专业或相关专业 from the table; a class of an unmatched major is not eligible),
// the modules are recorded as they happen, the outcomes compiled into the plan's results (77 passes, 72.5 fails on a
// module under 50, 58 fails the total — by hand), 公示, certification, a certificate, the diploma: 双证 on the
// talent record. A university outside the 高校学生 pilot is refused with the reason (also after a pilot of its city
// has ended); one inside it registers its students.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, creditCode, idNumber, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const V = '/api/v1/cultivation';
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const cleanup = [];
after(() => { for (const sql of cleanup) dbExec(sql); });

async function schoolUser(prov, inst, name) {
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: name, password: PASSWORD, role: 'institution_admin', institution_id: inst } }), 201);
  return login(name, PASSWORD);
}

async function persons(tok, region, n, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const idn = idNumber(region, `2005${String(1 + (n % 12)).padStart(2, '0')}${String(1 + i).padStart(2, '0')}`, (n * 7 + i) % 1000);
    ids.push(ok(await api('POST', '/api/v1/persons', { token: tok, body: { name: `学生${n}-${i}`, id_number: idn } }), 201).id);
  }
  return ids;
}

test('过程化评价: a class reaches 四级 through module assessments; 双证; the pilot', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const orgA = await login('jinan_org_admin'), ent = await login('jinan_ent_admin'); // an enterprise is no school
  const n = unique() + (Date.now() % 100000) * 10;
  // a new 技工学校 in 济南 with a filed scope of level 4 in an occupation of the catalogue
  const meA = ok(await api('GET', '/api/v1/auth/me', { token: orgA }));
  const org = ok(await api('GET', `/api/v1/institutions/${(meA.user || meA).institution_id}`, { token: orgA }));
  const occ = org.scopes.find((s) => s.levels.includes(4) && s.levels.includes(3)).occupation_code;
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `过程化评价测试技工学校${n}`, credit_code: creditCode(`12370100MB${String(n % 10000000).padStart(7, '0')}`), type: 'technical_school', region_code: '370100', address: '济南市' } }), 201);
  ok(await api('PUT', `/api/v1/institutions/${inst.id}/scopes`, { token: prov, body: { scopes: [{ occupation_code: occ, levels: [4, 3] }] } }));
  ok(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'school', founded_year: 1990 } }), 201);
  const S = await schoolUser(prov, inst.id, `pe${n}s`);
  // two filed majors: one matched to the occupation, one not
  const major = async (code, name) => {
    const m = ok(await api('POST', `${V}/majors`, { token: S, body: { code, name, occupation_code: occ, level: 'intermediate', years: 3 } }), 201);
    ok(await api('POST', `${V}/majors/${m.id}/status`, { token: S, body: { status: 'submitted' } }));
    ok(await api('POST', `${V}/majors/${m.id}/status`, { token: jinan, body: { status: 'filed' } }));
    return m;
  };
  const mA = await major(`PA${n}`, '数控车削加工'), mB = await major(`PB${n}`, '电子商务');
  // the province's table: major A matches the occupation up to 高级工 (3); only the province writes it
  const row = { major_code: `PA${n}`, occupation_code: occ, major_name: '数控车削加工', max_level: 3, source: '测试：专业匹配度' };
  expectError(await api('PUT', `${V}/major-occupations`, { token: jinan, body: row }), 403, 'forbidden');
  expectError(await api('PUT', `${V}/major-occupations`, { token: prov, body: { ...row, max_level: 6 } }), 422, 'invalid_level');
  ok(await api('PUT', `${V}/major-occupations`, { token: prov, body: row }));
  cleanup.push(`DELETE FROM cult_major_occupations WHERE major_code = 'PA${n}'`);
  assert.deepEqual(ok(await api('GET', `${V}/major-occupations?major_code=PA${n}`, { token: S })).items.map((x) => [x.occupation_code, x.max_level]), [[occ, 3]]);

  // students by class: three in 数控 (major A), one in 电商 (major B); graduating in two months
  const [p1, p2, p3, p4] = await persons(S, '370102', n, 4);
  const cls = `数控${n}班`, body = { class_name: cls, major_id: mA.id, enrolled_year: Number(today.slice(0, 4)) - 2, graduates_on: plusDays(60) };
  const reg = ok(await api('POST', `${V}/students`, { token: S, body: { ...body, person_ids: [p1, p2, p3] } }), 201);
  assert.equal(reg.created, 3);
  expectError(await api('POST', `${V}/students`, { token: S, body: { ...body, person_ids: [p1] } }), 409, 'already_student');
  expectError(await api('POST', `${V}/students`, { token: ent, body: { ...body, person_ids: [p4] } }), 409, 'not_a_school');
  ok(await api('POST', `${V}/students`, { token: S, body: { ...body, class_name: `电商${n}班`, major_id: mB.id, person_ids: [p4] } }), 201);
  const roster = ok(await api('GET', `${V}/students?class_name=${encodeURIComponent(cls)}`, { token: S })).items;
  assert.deepEqual(roster.map((x) => [x.person_id, x.major_name, x.diploma_level, x.diploma_no]), [[p1, '数控车削加工', 'technical_school', ''], [p2, '数控车削加工', 'technical_school', ''], [p3, '数控车削加工', 'technical_school', '']]);
  assert.equal(ok(await api('GET', `${V}/students?class_name=${encodeURIComponent(cls)}`, { token: jinan })).total, 3);
  assert.equal(ok(await api('GET', `${V}/students?class_name=${encodeURIComponent(cls)}`, { token: qingdao })).total, 0);
  const sid = Object.fromEntries(roster.map((x) => [x.person_id, x.id]));

  // the plan of 四级 and its rule, set while the plan is a draft
  const plan = ok(await api('POST', '/api/v1/plans', { token: S, body: { title: `过程化评价 ${n}`, occupation_code: occ, level: 4, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 10, subjects: ['theory', 'practical'], publicity_days: 5 } }), 201);
  const modules = [{ code: 'M1', name: '安全文明生产', weight: 20 }, { code: 'M2', name: '零件车削', weight: 30 }, { code: 'M3', name: '综合项目', weight: 50 }];
  const ruleBody = { plan_id: plan.id, name: '数控车工四级过程化评价', source: '种子 004 潍坊 技工院校学生过程化评价（测试方案）', modules, pass_total: 60, min_module: 50 };
  expectError(await api('POST', `${V}/eval-rules`, { token: S, body: { ...ruleBody, modules: modules.map((m) => ({ ...m, weight: m.weight - 1 })) } }), 422, 'invalid_value');
  expectError(await api('POST', `${V}/eval-rules`, { token: ent, body: ruleBody }), 409, 'not_a_school');
  const rule = ok(await api('POST', `${V}/eval-rules`, { token: S, body: ruleBody }), 201);
  assert.deepEqual([rule.level, rule.occupation_code, rule.pass_total, rule.compiled], [4, occ, 60, false]);
  expectError(await api('POST', `${V}/eval-rules`, { token: S, body: ruleBody }), 409, 'rule_exists');
  expectError(await api('GET', `${V}/eval-rules/${rule.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `${V}/eval-rules/${rule.id}`, { token: orgA }), 404, 'not_found');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }));

  // batch registration by class: 本专业 from the table makes the diploma option eligible; 电商 is not related
  const r1 = ok(await api('POST', `${V}/eval-rules/${rule.id}/registrations`, { token: S, body: { class_name: cls, option: '2023-4-c' } }));
  assert.equal(r1.done, 3);
  assert.deepEqual(r1.items.map((x) => [x.person_id, x.related_major, x.eligible]), [[p1, true, true], [p2, true, true], [p3, true, true]]);
  const r2 = ok(await api('POST', `${V}/eval-rules/${rule.id}/registrations`, { token: S, body: { class_name: `电商${n}班`, option: '2023-4-c' } }));
  assert.deepEqual(r2.items.map((x) => [x.related_major, x.eligible, x.failed_code !== null]), [[false, false, true]]);
  expectError(await api('POST', `${V}/eval-rules/${rule.id}/registrations`, { token: S, body: { class_name: '没有的班', option: '2023-4-c' } }), 404, 'not_found');
  for (const it of r1.items) ok(await api('POST', `/api/v1/registrations/${it.registration_id}/review`, { token: S, body: { decision: 'approve' } }));
  ok(await api('POST', `/api/v1/registrations/${r2.items[0].registration_id}/review`, { token: S, body: { decision: 'reject', reason: '专业不对口' } }));

  // the modules, recorded as they happen (one corrected); refusals
  const score = (module_code, pairs, assessed_on = today) => api('POST', `${V}/eval-rules/${rule.id}/scores`, { token: S, body: { module_code, assessed_on, scores: pairs.map(([p, s]) => ({ student_id: sid[p], score: s })) } });
  ok(await score('M1', [[p1, 85], [p2, 100], [p3, 70]]));
  ok(await score('M1', [[p1, 90]])); // corrected
  expectError(await score('M9', [[p1, 90]]), 422, 'invalid_value');
  expectError(await score('M2', [[p1, 101]]), 422, 'invalid_score');
  expectError(await score('M2', [[p1, 80]], plusDays(1)), 422, 'invalid_date');
  expectError(await api('POST', `${V}/eval-rules/${rule.id}/scores`, { token: S, body: { module_code: 'M2', assessed_on: today, scores: [{ student_id: 999999999, score: 80 }] } }), 422, 'not_registered');
  ok(await score('M2', [[p1, 80], [p2, 100], [p3, 55]]));
  // before the last module: every aggregate fails for the missing module
  let sheet = ok(await api('GET', `${V}/eval-rules/${rule.id}`, { token: jinan })).students;
  assert.deepEqual(sheet.map((x) => [x.person_id, x.passed, x.reasons.map((r) => r.code).includes('missing')]), [[p1, false, true], [p2, false, true], [p3, false, true]]);
  const last = ok(await score('M3', [[p1, 70], [p2, 45], [p3, 55]]));
  // by hand: p1 0.2·90 + 0.3·80 + 0.5·70 = 77; p2 20 + 30 + 22.5 = 72.5 but 45 < 50; p3 14 + 16.5 + 27.5 = 58 < 60
  assert.deepEqual(last.students.map((x) => [x.person_id, x.total, x.passed, x.reasons.map((r) => r.code)]), [[p1, 77, true, []], [p2, 72.5, false, ['below_module']], [p3, 58, false, ['below_total']]]);

  // the outcomes enter the plan's results while the plan is scoring (the exam compilation is refused)
  expectError(await api('POST', `${V}/eval-rules/${rule.id}/results`, { token: S }), 409, 'invalid_state');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S, body: { status: 'examining' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S, body: { status: 'scoring' } }));
  expectError(await api('POST', `/api/v1/plans/${plan.id}/results`, { token: S }), 409, 'process_evaluation');
  expectError(await api('POST', `${V}/eval-rules/${rule.id}/results`, { token: jinan }), 403, 'forbidden');
  assert.deepEqual(ok(await api('POST', `${V}/eval-rules/${rule.id}/results`, { token: S }), 201), { results: 3, passed: 1, failed: 2 });
  expectError(await api('POST', `${V}/eval-rules/${rule.id}/results`, { token: S }), 409, 'already_compiled');
  expectError(await score('M3', [[p2, 60]]), 409, 'already_compiled');
  const res = {};
  for (const p of [p1, p2, p3]) res[p] = ok(await api('GET', `/api/v1/results?person_id=${p}`, { token: S })).items.find((x) => x.occupation_code === occ && x.level === 4);
  assert.deepEqual([p1, p2, p3].map((p) => [res[p].passed, res[p].exam_date, res[p].institution_id]), [[true, plan.exam_date, inst.id], [false, plan.exam_date, inst.id], [false, plan.exam_date, inst.id]]);

  // the existing chain: 公示, certified, the certificate of the passed result only
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S, body: { status: 'publicity' } }));
  expectError(await api('POST', '/api/v1/certificates', { token: S, body: { result_ids: [res[p1].id] } }), 409, 'publicity_not_over');
  dbExec(`UPDATE plans SET publicity_end = '2000-01-01' WHERE id = ${Number(plan.id)}`);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: S, body: { status: 'certified' } }));
  const [number] = ok(await api('POST', '/api/v1/certificates', { token: S, body: { result_ids: [res[p1].id] } }), 201).numbers || [];
  assert.ok(number, 'a certificate number');
  expectError(await api('POST', '/api/v1/certificates', { token: S, body: { result_ids: [res[p2].id] } }), 409, 'not_passed');
  const done = ok(await api('GET', `${V}/eval-rules/${rule.id}`, { token: S }));
  assert.deepEqual(done.students.map((x) => [x.outcome.total, x.outcome.passed, x.outcome.certificate_number]), [[77, true, number], [72.5, false, ''], [58, false, '']]);

  // the diploma: 双证 (diploma + level certificate) on the talent record; once; only the school
  expectError(await api('POST', `${V}/students/${sid[p1]}/diploma`, { token: S, body: { diploma_no: `BY${n}1`, diploma_on: plusDays(3) } }), 422, 'invalid_date');
  expectError(await api('POST', `${V}/students/${sid[p1]}/diploma`, { token: jinan, body: { diploma_no: `BY${n}1`, diploma_on: today } }), 403, 'forbidden');
  assert.equal(ok(await api('POST', `${V}/students/${sid[p1]}/diploma`, { token: S, body: { diploma_no: `BY${n}1`, diploma_on: today } })).diploma_no, `BY${n}1`);
  expectError(await api('POST', `${V}/students/${sid[p1]}/diploma`, { token: S, body: { diploma_no: `BY${n}9`, diploma_on: today } }), 409, 'diploma_recorded');
  ok(await api('POST', `${V}/students/${sid[p2]}/diploma`, { token: S, body: { diploma_no: `BY${n}2`, diploma_on: today } }));
  const t1 = ok(await api('GET', `/api/v1/persons/${p1}/talent-record`, { token: S }));
  assert.deepEqual(t1.school_records.map((x) => [x.diploma_no, x.certificates.map((c) => c.number), x.dual]), [[`BY${n}1`, [number], true]]);
  assert.ok(t1.certificates.some((c) => c.number === number));
  const t2 = ok(await api('GET', `/api/v1/persons/${p2}/talent-record`, { token: prov }));
  assert.deepEqual(t2.school_records.map((x) => [x.diploma_no, x.certificates.length, x.dual]), [[`BY${n}2`, 0, false]]);
});

test('高校学生 pilot: a university outside it is refused with the reason; one inside registers its students', async () => {
  const prov = await login('admin'), qingdao = await login('qingdao_admin');
  const n = unique() + (Date.now() % 100000) * 10;
  const uni = async (region) => ok(await api('GET', `/api/v1/institutions?type=university&region_code=${region}`, { token: prov })).items[0];
  const qd = await uni('370200'), wf = await uni('370700');
  const Q = await schoolUser(prov, qd.id, `pu${n}q`), W = await schoolUser(prov, wf.id, `pu${n}w`);
  const pilots = ok(await api('GET', `${V}/pilots`, { token: qingdao })).items;
  assert.ok(pilots.some((p) => p.region_code === '370700' && p.starts_on === '2024-01-01' && p.ends_on === ''), JSON.stringify(pilots));
  const body = { class_name: `机械${n}班`, major_code: '460104', major_name: '机械制造及自动化', diploma_level: 'college', enrolled_year: Number(today.slice(0, 4)) - 2, graduates_on: plusDays(90) };
  const [q1] = await persons(Q, '370202', n, 1);
  const refused = await api('POST', `${V}/students`, { token: Q, body: { ...body, person_ids: [q1] } });
  expectError(refused, 409, 'outside_pilot');
  assert.match(refused.data.error.message_zh, /驻潍高校/);
  // a pilot in 青岛 that has already ended does not admit it either; only the province adds pilots
  const pb = { name: `青岛试点${n}`, region_code: '370200', starts_on: '2020-01-01', ends_on: plusDays(-1), source: '测试：已结束的试点' };
  expectError(await api('POST', `${V}/pilots`, { token: qingdao, body: pb }), 403, 'forbidden');
  expectError(await api('POST', `${V}/pilots`, { token: prov, body: { ...pb, ends_on: '2019-12-31' } }), 422, 'invalid_value');
  const pilot = ok(await api('POST', `${V}/pilots`, { token: prov, body: pb }), 201);
  cleanup.push(`DELETE FROM cult_pilots WHERE id = ${Number(pilot.id)}`);
  expectError(await api('POST', `${V}/students`, { token: Q, body: { ...body, person_ids: [q1] } }), 409, 'outside_pilot');
  expectError(await api('POST', `${V}/eval-rules`, { token: Q, body: { plan_id: 1, name: 'x', source: 'x', modules: [{ code: 'A', name: 'a', weight: 100 }], pass_total: 60 } }), 409, 'outside_pilot');
  // 潍坊's university is inside the pilot
  const [w1] = await persons(W, '370702', n, 1);
  expectError(await api('POST', `${V}/students`, { token: W, body: { ...body, diploma_level: 'technical_school', person_ids: [w1] } }), 422, 'invalid_value');
  assert.equal(ok(await api('POST', `${V}/students`, { token: W, body: { ...body, person_ids: [w1] } }), 201).created, 1);
  const st = ok(await api('GET', `${V}/students?person_id=${w1}`, { token: W })).items;
  assert.deepEqual(st.map((x) => [x.school_id, x.major_code, x.diploma_level, x.region_code]), [[wf.id, '460104', 'college', '370700']]);
});

test('the demo: 济南演示技师学院\'s class reached 四级 through 过程化评价 and holds 双证', async () => {
  const col = await login('jinan_college_admin');
  const rules = ok(await api('GET', `${V}/eval-rules`, { token: col })).items;
  assert.equal(rules.length, 1, JSON.stringify(rules));
  assert.deepEqual([rules[0].level, rules[0].compiled, rules[0].plan_status], [4, true, 'certified']);
  const r = ok(await api('GET', `${V}/eval-rules/${rules[0].id}`, { token: col }));
  // by hand (20/30/50): 77, 79.5, 89.5, 64.5 pass; 56.5 (45 < 50 and < 60) and 36 (the last module missed) fail
  assert.deepEqual(r.students.map((x) => [x.outcome.total, x.outcome.passed, x.outcome.certificate_number !== '']), [[77, true, true], [79.5, true, true], [89.5, true, true], [64.5, true, true], [56.5, false, false], [36, false, false]]);
  assert.deepEqual(r.students[5].reasons.map((x) => x.code), ['missing', 'below_total']);
  const t = ok(await api('GET', `/api/v1/persons/${r.students[0].person_id}/talent-record`, { token: col }));
  assert.equal(t.school_records[0].dual, true);
});
