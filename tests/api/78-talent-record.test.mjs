// 贯通, the rest (issue 22 items 5, 7, 8): 职称 → 技能等级 in two series issues a signed level certificate
// through the certificate chain with its basis (refused first while the year of work in the occupation is
// short, and for an occupation the series does not match); 一评双证 in 技工院校 both ways (a teacher holding a
// title, a 技师 holding a level) writes the title record and the level certificate together — and neither
// when the certificate cannot be issued (the institution suspended before the decision); the talent record
// shows titles, 贯通 decisions, honours, cards and the consent; the public verification shows the holder's
// honours only while the holder allows it; the province suspends a 惠才卡 provider (its key refused),
// rotates its key (the old one refused, the new one shown once) and reads its uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, dbExec, BASE, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const cnToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const daysAgo = (n) => new Date(Date.parse(`${cnToday()}T00:00:00Z`) - n * 86400e3).toISOString().slice(0, 10);

test('贯通 title→level and 一评双证 through the certificate chain; public honours by consent; providers', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin');
  const n = unique(), tag = `${Date.now() % 100000}${n}`;
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = ok(await api('GET', `/api/v1/institutions/${(me.user || me).institution_id}`, { token: org }));
  // an occupation the institution is filed for at 三级, 二级 and 一级 (the certificates below); not simply the
  // first scope, which earlier test files may have changed
  const occ = (inst.scopes.find((sc) => [1, 2, 3].every((l) => sc.levels.includes(l))) || inst.scopes[0]).occupation_code;
  const mkUser = async (body) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `tr${tag}u${unique()}`, password: PASSWORD, ...body } }), 201);
    return login(u.username, PASSWORD);
  };
  const person = async (seq, extra = {}) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `档案${tag}${seq}`, id_number: idNumber('370102', '19820303', 101 + ((n * 7 + seq) % 440) * 2), ...extra } }), 201).id;
  const move = (token, id, status, reason) => api('POST', `/api/v1/titles/applications/${id}/status`, { token, body: reason ? { status, reason } : { status } });
  const decide = async (id) => { ok(await move(jinan, id, 'recommended', '同意推荐')); return move(prov, id, 'approved', '评审通过'); };

  // ---- 职称 → 技能等级 in 工程 (seeded: 中级职称 + 1 year of work in the occupation → 二级) ----
  const E = await person(0), wE = await mkUser({ role: 'candidate', person_id: E });
  ok(await api('POST', '/api/v1/titles/records', { token: jinan, body: { person_id: E, series: 'engineering', rank: 'intermediate', obtained_on: daysAgo(800), source: '职称证书（测试导入）' } }), 201);
  const toLevel = { kind: 'title_to_level', series: 'engineering', level: 2, occupation_code: occ, institution_id: inst.id };
  // work started 364 days ago: short by a day, the reason named
  ok(await api('POST', `/api/v1/persons/${E}/work-history`, { token: prov, body: { employer_name: '测试装备公司', occupation_code: occ, start_date: daysAgo(364) } }), 201);
  const short = ok(await api('POST', '/api/v1/titles/checks', { token: wE, body: toLevel }));
  assert.deepEqual(short.checks.map((c) => [c.id, c.code]), [['title', ''], ['occupation', ''], ['work', 'work_short'], ['not_held', '']]);
  assert.match(short.checks[2].zh, /从事本职业工作不满1年/);
  expectError(await api('POST', '/api/v1/titles/applications', { token: wE, body: toLevel }), 422, 'conditions_not_met');
  ok(await api('POST', `/api/v1/persons/${E}/work-history`, { token: prov, body: { employer_name: '测试装备公司', occupation_code: occ, start_date: daysAgo(700), end_date: daysAgo(365) } }), 201);
  expectError(await api('POST', '/api/v1/titles/applications', { token: wE, body: { ...toLevel, institution_id: undefined } }), 422, 'missing_field');
  const ea = ok(await api('POST', '/api/v1/titles/applications', { token: wE, body: toLevel }), 201);
  assert.equal(ea.institution_id, inst.id);
  const ed = ok(await decide(ea.id));
  assert.match(ed.certificate_number, /^\S+$/);
  assert.equal(ed.level_decision.certificate_number, ed.certificate_number);
  // the certificate: in the register with its basis, publicly verifiable, counted as held
  const ec = ok(await api('GET', `/api/v1/certificates/${ed.certificate_number}`, { token: wE }));
  assert.deepEqual([ec.person_id, ec.level, ec.occupation_code, ec.status], [E, 2, occ, 'valid']);
  assert.match(ec.basis, new RegExp(`职称贯通技能等级（申请 ${ea.id}）：工程系列 工程师`));
  const pub = ok(await api('GET', `/api/v1/public/certificates/${ed.certificate_number}?name=${encodeURIComponent(ec.name)}`));
  assert.equal(pub.valid, true);
  assert.equal(pub.honours, undefined, 'no honours while the holder has not allowed it');
  const again = ok(await api('POST', '/api/v1/titles/checks', { token: wE, body: toLevel }));
  assert.equal(again.checks.find((c) => c.id === 'not_held').code, 'level_held');

  // ---- a series of the province's own: its matching occupations and its rule as data ----
  const S = `t78_${tag}`;
  ok(await api('PUT', `/api/v1/titles/series/${S}`, { token: prov, body: { name: `测试系列${tag}`, source: '测试：省级补充的职称系列', occupations: ['9-99'] } }), 201);
  expectError(await api('PUT', `/api/v1/titles/series/${S}`, { token: prov, body: { name: 'x', source: 'x', occupations: ['6--1'] } }), 422, 'invalid_value');
  ok(await api('POST', '/api/v1/titles/rules', { token: prov, body: { series: S, kind: 'title_to_level', from_rank: 'assistant', years: 1, to_level: 3, source: '测试：初级职称 + 1 年 → 三级' } }), 201);
  const F = await person(1);
  ok(await api('POST', '/api/v1/titles/records', { token: prov, body: { person_id: F, series: S, rank: 'assistant', obtained_on: daysAgo(900), source: '测试导入' } }), 201);
  ok(await api('POST', `/api/v1/persons/${F}/work-history`, { token: prov, body: { employer_name: '测试厂', start_date: daysAgo(800) } }), 201);
  const fl = { kind: 'title_to_level', series: S, level: 3, occupation_code: occ, institution_id: inst.id, person_id: F };
  const mism = ok(await api('POST', '/api/v1/titles/checks', { token: jinan, body: fl }));
  assert.equal(mism.checks.find((c) => c.id === 'occupation').code, 'occupation_mismatch');
  const series = ok(await api('PUT', `/api/v1/titles/series/${S}`, { token: prov, body: { name: `测试系列${tag}`, source: '测试：省级补充的职称系列', occupations: [occ.split('-').slice(0, 2).join('-')] } }));
  assert.deepEqual(series.occupations, [occ.split('-').slice(0, 2).join('-')]);
  const fa = ok(await api('POST', '/api/v1/titles/applications', { token: jinan, body: fl }), 201);
  expectError(await api('GET', `/api/v1/titles/applications/${fa.id}`, { token: qingdao }), 404, 'not_found');
  const fd = ok(await decide(fa.id));
  assert.equal(ok(await api('GET', `/api/v1/certificates/${fd.certificate_number}`, { token: prov })).level, 3);

  // ---- 一评双证 in 技工院校, both ways, as the province's data ----
  const dualT = { series: 'tech_school', kind: 'dual', from_rank: 'intermediate', years: 2, appraisal_years: 0, to_rank: 'deputy_senior', to_level: 2, source: `测试：一评双证（专技人才）${tag}` };
  expectError(await api('POST', '/api/v1/titles/rules', { token: prov, body: { ...dualT, from_level: 2 } }), 422, 'invalid_rule');
  expectError(await api('POST', '/api/v1/titles/rules', { token: jinan, body: dualT }), 403, 'forbidden');
  ok(await api('POST', '/api/v1/titles/rules', { token: prov, body: dualT }), 201);
  ok(await api('POST', '/api/v1/titles/rules', { token: prov, body: { series: 'tech_school', kind: 'dual', from_level: 2, years: 2, to_rank: 'intermediate', to_level: 1, source: `测试：一评双证（高技能人才）${tag}` } }), 201);
  // a teacher holding 中级 for 3 years: evaluated once, 副高 and 二级 in one decision
  const T = await person(2), wT = await mkUser({ role: 'candidate', person_id: T });
  ok(await api('POST', '/api/v1/titles/records', { token: jinan, body: { person_id: T, series: 'tech_school', rank: 'intermediate', name: '讲师', obtained_on: daysAgo(1200), source: '职称证书（测试导入）' } }), 201);
  const dual = { kind: 'dual', series: 'tech_school', rank: 'deputy_senior', level: 2, occupation_code: occ, institution_id: inst.id };
  const ta = ok(await api('POST', '/api/v1/titles/applications', { token: wT, body: dual }), 201);
  assert.deepEqual(ta.decision.checks.map((c) => c.id), ['title', 'years', 'occupation', 'not_held', 'level_held']);
  const td = ok(await decide(ta.id));
  assert.ok(td.title_id > 0 && td.certificate_number);
  const trec = ok(await api('GET', `/api/v1/persons/${T}/talent-record`, { token: wT }));
  const tt = trec.titles.find((x) => x.id === td.title_id);
  assert.deepEqual([tt.series, tt.rank, tt.application_id], ['tech_school', 'deputy_senior', ta.id]);
  assert.match(tt.source, /一评双证评审/);
  assert.ok(trec.certificates.some((c) => c.number === td.certificate_number && c.level === 2));
  assert.deepEqual(trec.title_applications.map((a) => [a.id, a.status, a.certificate_number]), [[ta.id, 'approved', td.certificate_number]]);
  // a 技师 of 3 years (certificate through the chain, dated back): 中级 and 一级 together — but the
  // institution is suspended before the decision: neither record is written, the application waits
  const W = await person(3);
  const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: W, institution_id: inst.id, occupation_code: occ, level: 2, exam_date: cnToday(), theory: 80, practical: 80, review: 80, correction_reason: '一评双证测试：历史档案补录' } }), 201);
  const wno = ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.id] } }), 201).numbers[0];
  dbExec(`UPDATE certificates SET issued_on = '${daysAgo(1100)}' WHERE number = '${wno}'`);
  const wa = ok(await api('POST', '/api/v1/titles/applications', { token: jinan, body: { ...dual, rank: 'intermediate', level: 1, person_id: W } }), 201);
  ok(await move(jinan, wa.id, 'recommended'));
  ok(await api('POST', `/api/v1/institutions/${inst.id}/status`, { token: prov, body: { status: 'suspended', reason: '一评双证测试：暂停' } }));
  let fail;
  try {
    fail = await move(prov, wa.id, 'approved');
  } finally {
    ok(await api('POST', `/api/v1/institutions/${inst.id}/status`, { token: prov, body: { status: 'filed', reason: '一评双证测试：恢复' } }));
  }
  expectError(fail, 409, 'institution_inactive');
  const wrec = ok(await api('GET', `/api/v1/persons/${W}/talent-record`, { token: prov }));
  assert.deepEqual(wrec.titles, [], 'no title without its certificate');
  assert.deepEqual(wrec.certificates.map((c) => c.number), [wno]);
  assert.equal(wrec.title_applications[0].status, 'recommended');
  // the institution filed again: both
  const wd = ok(await move(prov, wa.id, 'approved'));
  const wrec2 = ok(await api('GET', `/api/v1/persons/${W}/talent-record`, { token: prov }));
  assert.deepEqual(wrec2.titles.map((x) => [x.series, x.rank]), [['tech_school', 'intermediate']]);
  assert.ok(wrec2.certificates.some((c) => c.number === wd.certificate_number && c.level === 1));

  // ---- public honours: off by default, on shows them, off hides them again; only the holder sets it ----
  ok(await api('POST', `/api/v1/persons/${T}/honours`, { token: jinan, body: { kind: 'qilu_craftsman', title: '2025 年齐鲁工匠', awarded_on: '2025-04-28', source: '山东省总工会名单（测试导入）' } }), 201);
  const verify = () => api('GET', `/api/v1/public/certificates/${td.certificate_number}?name=${encodeURIComponent(trec.name)}`);
  assert.equal(ok(await verify()).honours, undefined);
  assert.equal(ok(await api('GET', `/api/v1/persons/${T}/talent-record`, { token: wT })).public_honours, false);
  expectError(await api('PUT', '/api/v1/me/public-honours', { token: jinan, body: { public: true } }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/me/public-honours', { token: wT, body: { public: 'yes' } }), 422, 'invalid_value');
  const on = ok(await api('PUT', '/api/v1/me/public-honours', { token: wT, body: { public: true } }));
  assert.equal(on.public_honours, true);
  assert.deepEqual(ok(await verify()).honours.map((h) => h.title), ['2025 年齐鲁工匠']);
  const page = await (await fetch(`${BASE}/v/${td.certificate_number}?name=${encodeURIComponent(trec.name)}`)).text();
  assert.match(page, /持证人公开荣誉[\s\S]*2025 年齐鲁工匠/);
  ok(await api('PUT', '/api/v1/me/public-honours', { token: wT, body: { public: false } }));
  assert.equal(ok(await verify()).honours, undefined);
  const audit = ok(await api('GET', `/api/v1/audit?entity=person&entity_id=${T}&page_size=50`, { token: prov }));
  assert.deepEqual(audit.items.filter((a) => a.action === 'person.public_honours').length, 2);

  // ---- 惠才卡 providers: a card for T, a provider, its uses; suspended, rotated ----
  const E1 = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `档案测试企业${tag}`, credit_code: creditCode(`91370102M${String((n * 7919 + Date.now()) % 1000000).padStart(6, '0')}78`), type: 'employer', region_code: '370102' } }), 201).id;
  ok(await api('PATCH', `/api/v1/persons/${T}`, { token: prov, body: { employer_id: E1 } }));
  const eadmin = await mkUser({ role: 'institution_admin', institution_id: E1 });
  const cmove = (token, id, status, reason) => api('POST', `/api/v1/talent-card/applications/${id}/status`, { token, body: reason ? { status, reason } : { status } });
  const capp = ok(await api('POST', '/api/v1/talent-card/applications', { token: wT, body: { category_code: 'qilu_craftsman' } }), 201);
  ok(await cmove(eadmin, capp.id, 'completed', '已核实'));
  ok(await cmove(eadmin, capp.id, 'approved'));
  ok(await cmove(jinan, capp.id, 'reviewed'));
  const card = ok(await cmove(prov, capp.id, 'issued')).card_number;
  const pv = ok(await api('POST', '/api/v1/talent-card/providers', { token: prov, body: { name: `档案测试医院${tag}`, region_code: '370102', services: ['s01'] } }), 201);
  const use = (key) => api('POST', '/api/v1/public/talent-card/uses', { headers: { 'X-Provider-Key': key }, body: { number: card, service_code: 's01', note: '挂号' } });
  ok(await use(pv.key), 201);
  const list = ok(await api('GET', '/api/v1/talent-card/providers', { token: prov }));
  const row = list.items.find((p) => p.id === pv.id);
  assert.deepEqual([row.active, row.uses, row.services, row.key === undefined], [true, 1, ['s01'], true]);
  expectError(await api('GET', '/api/v1/talent-card/providers', { token: jinan }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/talent-card/providers/${pv.id}/status`, { token: prov, body: { active: false } }), 422, 'missing_field');
  const sus = ok(await api('POST', `/api/v1/talent-card/providers/${pv.id}/status`, { token: prov, body: { active: false, reason: '违规收费' } }));
  assert.deepEqual([sus.active, sus.suspended_reason], [false, '违规收费']);
  expectError(await use(pv.key), 403, 'provider_suspended');
  expectError(await api('POST', `/api/v1/talent-card/providers/${pv.id}/status`, { token: prov, body: { active: false, reason: 'again' } }), 409, 'invalid_state');
  const rot = ok(await api('POST', `/api/v1/talent-card/providers/${pv.id}/key`, { token: prov }));
  assert.ok(rot.key && rot.key !== pv.key && rot.key.startsWith(rot.key_hint));
  expectError(await use(pv.key), 401, 'provider_key_invalid');
  expectError(await use(rot.key), 403, 'provider_suspended');
  ok(await api('POST', `/api/v1/talent-card/providers/${pv.id}/status`, { token: prov, body: { active: true } }));
  ok(await use(rot.key), 201);
  const uses = ok(await api('GET', `/api/v1/talent-card/providers/${pv.id}/uses`, { token: prov }));
  assert.deepEqual(uses.items.map((u) => [u.card_number, u.service_code]), [[card, 's01'], [card, 's01']]);
  expectError(await api('GET', '/api/v1/talent-card/providers/999999999/uses', { token: prov }), 404, 'not_found');

  // ---- the talent record: titles, 贯通 decisions, honours, the card ----
  const rec = ok(await api('GET', `/api/v1/persons/${T}/talent-record`, { token: wT }));
  assert.deepEqual(rec.talent_cards.map((c) => c.number), [card]);
  assert.deepEqual(rec.honours.map((h) => h.title), ['2025 年齐鲁工匠']);
  expectError(await api('GET', `/api/v1/persons/${T}/talent-record`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/persons/${T}/talent-record`, { token: wE }), 404, 'not_found');
});
