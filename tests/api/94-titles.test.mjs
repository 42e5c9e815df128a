// 贯通 (issue 22 item 5): skill level ↔ professional title across title series, the rules per series as data.
// A 技师 of 济南 (certificate moved back 3 years and a day: time moved on, not set up) is refused 工程师 while
// the yearly appraisals are missing (the reason named), then applies, is recommended by 济南 and approved by the
// province: the title record appears on the talent record. In 工艺美术 the province adds the rules as data;
// a 中级 title-holder applies the other way (title → 二级) and is approved with the level decision recorded. The
// green channel: a 中华技能大奖 holder applies straight for 正高级工程师. Another city, another candidate and the
// wrong level of review are refused; the applicant withdraws a second application.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const cnToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const yearsAgo = (n, days = 0) => {
  const t = cnToday();
  const d = new Date(Date.UTC(Number(t.slice(0, 4)) - n, Number(t.slice(5, 7)) - 1, Number(t.slice(8, 10))) - days * 86400e3);
  return d.toISOString().slice(0, 10);
};

test('贯通: both ways in two series, a refusal with its reason, the green channel, the review levels', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin');
  const n = unique();
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = ok(await api('GET', `/api/v1/institutions/${(me.user || me).institution_id}`, { token: org }));
  const scope = inst.scopes.find((s) => s.levels.includes(2)) || inst.scopes[0];
  const person = async (seq, region = '370102') => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `贯通${seq}`, id_number: idNumber(region, '19800606', 101 + ((n * 5 + seq) % 440) * 2) } }), 201).id;
  const worker = async (pid) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `gt${n}u${unique()}`, password: PASSWORD, role: 'candidate', person_id: pid } }), 201);
    return login(u.username, PASSWORD);
  };
  const P = await person(0), Q = await person(1), G = await person(2);
  const wP = await worker(P), wQ = await worker(Q);

  // the series: 8 in seed 000, four named; 工程 with its seeded rules, the reverse among them
  const series = ok(await api('GET', '/api/v1/titles/series'));
  assert.deepEqual(series.items.slice(0, 4).map((s) => s.code), ['engineering', 'agriculture', 'arts_crafts', 'tech_school']);
  assert.equal(series.named_in_seed, 8);
  const eng = series.items[0];
  assert.deepEqual(eng.ranks.map((r) => r.name), ['助理工程师', '工程师', '高级工程师', '正高级工程师']);
  assert.deepEqual(eng.rules.filter((r) => r.kind === 'skill_to_title').map((r) => [r.from_level, r.years, r.appraisal_years, r.to_rank]),
    [[3, 2, 3, 'assistant'], [2, 3, 3, 'intermediate'], [1, 4, 3, 'deputy_senior']]);
  assert.deepEqual(eng.rules.filter((r) => r.kind === 'green_channel').map((r) => r.honour), ['china_skill_award', 'worldskills_gold']);

  // P: a 技师 certificate through the chain, its date moved back 3 years and a day
  const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: P, institution_id: inst.id, occupation_code: scope.occupation_code, level: 2, exam_date: cnToday(), theory: 80, practical: 80, review: 80, correction_reason: '贯通测试：历史档案补录' } }), 201);
  const number = ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.id] } }), 201).numbers[0];
  dbExec(`UPDATE certificates SET issued_on = '${yearsAgo(3, 1)}' WHERE number = '${number}'`);

  // refused while the yearly appraisals are missing: the check says which year, the application is 422
  const target = { kind: 'skill_to_title', series: 'engineering', rank: 'intermediate' };
  const c1 = ok(await api('POST', '/api/v1/titles/checks', { token: wP, body: target }));
  assert.equal(c1.ok, false);
  assert.deepEqual(c1.checks.map((c) => [c.id, c.ok]), [['level', true], ['years', true], ['appraisal', false], ['not_held', true]]);
  assert.equal(c1.checks[2].code, 'appraisal_missing');
  assert.match(c1.checks[2].zh, /年度考核/);
  const refused = await api('POST', '/api/v1/titles/applications', { token: wP, body: target });
  expectError(refused, 422, 'conditions_not_met');
  assert.match(refused.data.error.message_zh, /无考核记录/);
  // the employer's institution records two years, the city the third (one year recorded twice: replaced)
  const Y = Number(cnToday().slice(0, 4));
  ok(await api('POST', `/api/v1/persons/${P}/appraisals`, { token: jinan, body: { year: Y - 1, result: 'failed', employer: '测试单位', source: '单位年度考核表' } }), 201);
  const again = ok(await api('POST', `/api/v1/persons/${P}/appraisals`, { token: jinan, body: { year: Y - 1, result: 'passed', employer: '测试单位', source: '单位年度考核表（更正）' } }));
  assert.equal(again.replaced, true);
  for (const y of [Y - 2, Y - 3]) ok(await api('POST', `/api/v1/persons/${P}/appraisals`, { token: prov, body: { year: y, result: 'excellent', source: '单位年度考核表' } }), 201);
  expectError(await api('POST', `/api/v1/persons/${P}/appraisals`, { token: qingdao, body: { year: Y - 1, result: 'passed', source: 'x' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/persons/${P}/appraisals`, { token: wP, body: { year: Y - 1, result: 'passed', source: 'x' } }), 403, 'forbidden');

  // now the worker applies; 青岛 and another candidate do not see it; 济南 recommends, the province approves
  const app = ok(await api('POST', '/api/v1/titles/applications', { token: wP, body: target }), 201);
  assert.equal(app.status, 'submitted');
  assert.equal(app.region_code, '370102');
  assert.ok(app.decision.ok && app.decision.checks.every((c) => c.ok && c.zh && c.en));
  expectError(await api('POST', '/api/v1/titles/applications', { token: wP, body: target }), 409, 'already_applied');
  expectError(await api('GET', `/api/v1/titles/applications/${app.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/titles/applications/${app.id}`, { token: wQ }), 404, 'not_found');
  expectError(await api('POST', '/api/v1/titles/checks', { token: wQ, body: { ...target, person_id: P } }), 403, 'forbidden');
  const move = (token, id, status, reason) => api('POST', `/api/v1/titles/applications/${id}/status`, { token, body: { status, reason } });
  expectError(await move(qingdao, app.id, 'recommended'), 404, 'not_found');
  expectError(await move(wP, app.id, 'recommended'), 403, 'forbidden');
  assert.deepEqual(ok(await api('GET', `/api/v1/titles/applications/${app.id}`, { token: jinan })).actions.map((a) => a.action).sort(), ['recommend', 'reject']);
  ok(await move(jinan, app.id, 'recommended', '材料齐全，同意推荐'));
  expectError(await move(jinan, app.id, 'approved'), 403, 'forbidden');
  ok(await move(prov, app.id, 'submitted', '请补充业绩材料'));
  ok(await move(jinan, app.id, 'recommended', '已补充'));
  const done = ok(await move(prov, app.id, 'approved', '评审通过'));
  assert.equal(done.status, 'approved');
  assert.equal(done.city_opinion, '已补充');
  assert.equal(done.province_opinion, '评审通过');
  assert.ok(done.title_id > 0);
  const rec = ok(await api('GET', `/api/v1/persons/${P}/talent-record`, { token: wP }));
  const t = rec.titles.find((x) => x.id === done.title_id);
  assert.deepEqual([t.series, t.rank, t.name, t.application_id], ['engineering', 'intermediate', '工程师', app.id]);
  assert.equal(rec.appraisals.length, 3);
  assert.deepEqual(rec.title_applications.map((a) => [a.id, a.status]), [[app.id, 'approved']]);
  // holding it now, a second one is refused with its reason
  const held = ok(await api('POST', '/api/v1/titles/checks', { token: wP, body: target }));
  assert.equal(held.checks.find((c) => c.id === 'not_held').code, 'title_held');
  // a second application (助理工程师 is below: also held) — 高级工程师 needs 高级技师: refused by level
  const up = ok(await api('POST', '/api/v1/titles/checks', { token: jinan, body: { ...target, rank: 'deputy_senior', person_id: P } }));
  assert.equal(up.checks[0].code, 'certificate_missing');

  // 工艺美术: rules are the province's data; a city may not add them
  const rule = { series: 'arts_crafts', kind: 'title_to_level', from_rank: 'intermediate', years: 1, to_level: 2, source: `测试：工艺美术中级职称 + 1 年 → 二级 ${n}` };
  expectError(await api('POST', '/api/v1/titles/rules', { token: jinan, body: rule }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/titles/rules', { token: prov, body: { ...rule, to_level: 7 } }), 422, 'invalid_rule');
  const r2 = ok(await api('POST', '/api/v1/titles/rules', { token: prov, body: rule }), 201);
  assert.equal(r2.active, true);
  // Q holds a 中级 title of the series (imported by 济南 with its source) and applies at the city's window
  ok(await api('POST', '/api/v1/titles/records', { token: jinan, body: { person_id: Q, series: 'arts_crafts', rank: 'intermediate', name: '工艺美术师', obtained_on: '2020-05-01', source: '职称证书（测试导入）' } }), 201);
  expectError(await api('POST', '/api/v1/titles/records', { token: qingdao, body: { person_id: Q, series: 'arts_crafts', rank: 'intermediate', obtained_on: '2020-05-01', source: 'x' } }), 404, 'not_found');
  const back = { kind: 'title_to_level', series: 'arts_crafts', level: 2, occupation_code: scope.occupation_code, person_id: Q, institution_id: inst.id };
  // 申报条件: a year of work in the occupation since the title (no occupation recorded counts, as for 申报条件)
  ok(await api('POST', `/api/v1/persons/${Q}/work-history`, { token: prov, body: { employer_name: '测试工艺美术厂', start_date: '2020-06-01' } }), 201);
  // the rule ended: no way there, said so; restored: the way is open
  ok(await api('PATCH', `/api/v1/titles/rules/${r2.id}`, { token: prov, body: { active: false } }));
  const none = ok(await api('POST', '/api/v1/titles/checks', { token: jinan, body: back }));
  assert.deepEqual(none.checks.map((c) => c.code), ['no_rule']);
  ok(await api('PATCH', `/api/v1/titles/rules/${r2.id}`, { token: prov, body: { active: true } }));
  const qa = ok(await api('POST', '/api/v1/titles/applications', { token: jinan, body: back }), 201);
  assert.equal(qa.rule_id, r2.id);
  ok(await move(jinan, qa.id, 'recommended'));
  const qd = ok(await move(prov, qa.id, 'approved'));
  assert.deepEqual([qd.level_decision.level, qd.level_decision.occupation_code], [2, scope.occupation_code]);
  assert.equal(qd.title_id, null);
  // the level certificate through the certificate chain, with its basis
  const qc = ok(await api('GET', `/api/v1/certificates/${qd.certificate_number}`, { token: prov }));
  assert.deepEqual([qc.person_id, qc.level, qc.institution_id], [Q, 2, inst.id]);
  assert.match(qc.basis, /职称贯通技能等级（申请 \d+）/);

  // the green channel: G holds 中华技能大奖 (imported onto the talent record), straight to 正高级工程师
  const green = { kind: 'green_channel', series: 'engineering', rank: 'full_senior', person_id: G };
  const g0 = ok(await api('POST', '/api/v1/titles/checks', { token: jinan, body: green }));
  assert.deepEqual(g0.checks.map((c) => c.code), ['honour_missing', '']);
  assert.match(g0.checks[0].zh, /中华技能大奖/);
  expectError(await api('POST', '/api/v1/titles/applications', { token: jinan, body: green }), 422, 'conditions_not_met');
  ok(await api('POST', `/api/v1/persons/${G}/honours`, { token: jinan, body: { kind: 'china_skill_award', title: '中华技能大奖', awarded_on: '2024-10-10', source: '人社部表彰决定（测试导入）' } }), 201);
  const ga = ok(await api('POST', '/api/v1/titles/applications', { token: jinan, body: green }), 201);
  assert.match(ga.decision.checks[0].zh, /中华技能大奖/);
  ok(await move(jinan, ga.id, 'recommended'));
  const gd = ok(await move(prov, ga.id, 'approved'));
  const grec = ok(await api('GET', `/api/v1/persons/${G}/talent-record`, { token: prov }));
  assert.equal(grec.titles.find((x) => x.id === gd.title_id).name, '正高级工程师');


  // below what one holds: refused with its reason; a level granted through the title counts as held
  expectError(await api('POST', '/api/v1/titles/applications', { token: wP, body: { ...target, rank: 'assistant' } }), 422, 'conditions_not_met');
  const again2 = await api('POST', '/api/v1/titles/applications', { token: wQ, body: { ...back, person_id: undefined } });
  expectError(again2, 422, 'conditions_not_met');
  assert.equal(again2.data.error.field, 'not_held');
  // a withdrawal by the applicant (another occupation), a refusal by the city needs its reason
  const other = inst.scopes.find((s) => s.occupation_code !== scope.occupation_code);
  assert.ok(other, 'the institution has a second occupation');
  const wa = ok(await api('POST', '/api/v1/titles/applications', { token: wQ, body: { ...back, person_id: undefined, occupation_code: other.occupation_code } }), 201);
  expectError(await move(jinan, wa.id, 'rejected'), 422, 'missing_field');
  ok(await move(wQ, wa.id, 'withdrawn'));
  expectError(await move(wQ, wa.id, 'submitted'), 409, 'invalid_transition');
  const list = ok(await api('GET', '/api/v1/titles/applications?status=approved&page_size=100', { token: qingdao }));
  assert.ok(!list.items.some((a) => [app.id, qa.id, ga.id].includes(a.id)), '青岛 lists none of 济南');
  const mine = ok(await api('GET', '/api/v1/titles/applications', { token: wP }));
  assert.deepEqual(mine.items.map((a) => a.person_id).filter((x) => x !== P), []);

  // the audit archive has every move
  const audit = ok(await api('GET', `/api/v1/audit?entity=title_application&entity_id=${app.id}&page_size=50`, { token: prov }));
  assert.deepEqual(audit.items.map((a) => a.action).reverse().slice(0, 5), ['title_application.submitted', 'title_application.recommended', 'title_application.returned', 'title_application.recommended', 'title_application.approved']);
});
