// 企业新型学徒制 (issue 23 item 3; docs/DOMAIN.md §54): an enterprise of 青岛 files an apprentice with a school, a
// mentor and 带徒津贴, a labour contract and an 18-month plan; 青岛 approves; progress and a passed final
// assessment; completion records 学徒工; 青岛 files the employer's subsidy at its own rate (6,000 元 a year:
// 9,000 元 for 18 months) through the claims, 公示 and the ledger — paid once, a second claim refused; the
// terms refused at their boundaries; who may do what. Then 重点群体 and 就业服务 (items 7, 6): flags by source, services,
// a job recommendation that matches and ones that must not, an employment outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };

test('an apprenticeship from contract to completion, its employer subsidy paid once', async () => {
  const prov = await login('admin'), qingdao = await login('qingdao_admin'), jinan = await login('jinan_admin');
  const tag = `ap${unique()}`;
  const cc = (k) => creditCode(`91370202M${String((Date.now() + k) % 1000000).padStart(6, '0')}44`);
  const ent = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `学徒企业${tag}`, credit_code: cc(1), type: 'employer', region_code: '370202', address: '青岛市市南区' } }), 201);
  const school = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `学徒技校${tag}`, credit_code: cc(2), type: 'technical_school', region_code: '370202', address: '青岛市市南区' } }), 201);
  const adm = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}e`, password: PASSWORD, role: 'institution_admin', institution_id: ent.id } }), 201);
  const et = await login(adm.username, PASSWORD);
  const person = async (s) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `学徒${s}${tag}`, id_number: idNumber('370202', '19940404', 101 + ((unique() * 7 + s) % 440) * 2), employer_id: ent.id } }), 201);
  const p = await person(1), q = await person(2);
  const cand = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}c`, password: PASSWORD, role: 'candidate', person_id: p.id } }), 201);
  const ct = await login(cand.username, PASSWORD);
  const occ = ok(await api('GET', '/api/v1/occupations?page_size=1', { token: prov })).items[0].code;

  // the city's rate as data: at least 5,000 元; a city its own only
  expectError(await api('PUT', '/api/v1/cultivation/apprentice-rates/370200', { token: qingdao, body: { rate: '4999.99', source: '青岛' } }), 422, 'rate_below_floor');
  expectError(await api('PUT', '/api/v1/cultivation/apprentice-rates/370200', { token: jinan, body: { rate: '6000', source: '济南' } }), 404, 'not_found');
  const rates = ok(await api('PUT', '/api/v1/cultivation/apprentice-rates/370200', { token: qingdao, body: { rate: '6000', source: '青岛市新型学徒制补贴标准（演示）' } }));
  assert.equal(rates.items.find((x) => x.region_code === '370200').rate_fen, 600000);
  assert.equal(ok(await api('GET', '/api/v1/cultivation/apprentice-rates')).floor_fen, 500000);

  const body = (x = {}) => ({ employer_id: ent.id, trainer_id: school.id, person_id: p.id, occupation_code: occ, level: 4, mentor_name: '王师傅', mentor_allowance: '500', contract_start: '2023-03-01', contract_end: '2026-02-28', training_start: '2023-03-01', training_end: '2024-09-01', plan: '工学一体化：理论 + 岗位实训', ...x });
  const file = (b, t = et) => api('POST', '/api/v1/cultivation/apprenticeships', { token: t, body: b });
  // the terms at their boundaries: a contract a day short of a year, a plan of 37 months, outside the contract
  expectError(await file(body({ contract_end: '2024-02-28', training_end: '2024-02-28' })), 422, 'contract_short');
  expectError(await file(body({ contract_end: null, training_end: '2026-04-01' })), 422, 'training_period');
  expectError(await file(body({ training_end: '2026-03-01' })), 422, 'outside_contract');
  expectError(await file(body({ trainer_id: ent.id })), 422, 'not_trainer');
  // another city's bureau, an institution not the employer, a candidate
  expectError(await file(body(), jinan), 404, 'not_found');
  expectError(await file(body(), await login('qingdao_org_admin')), 404, 'not_found');
  expectError(await file(body(), ct), 403, 'forbidden');
  const ap = ok(await file(body()), 201);
  assert.deepEqual([ap.status, ap.training_months, ap.mentor_allowance_fen, ap.region_code, ap.rung], ['filed', 18, 50000, '370202', null]);
  expectError(await file(body()), 409, 'apprentice_busy');

  const move = (t, status, reason) => api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/status`, { token: t, body: { status, reason } });
  const progress = (b, t = et) => api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/progress`, { token: t, body: b });
  expectError(await progress({ kind: 'stage', recorded_on: '2024-01-01', hours: 10 }), 409, 'invalid_state');
  expectError(await move(et, 'training'), 403, 'forbidden');
  expectError(await move(jinan, 'training'), 404, 'not_found');
  assert.equal(ok(await move(qingdao, 'training')).status, 'training');
  // the claim comes after completion only
  expectError(await api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/claim`, { token: qingdao }), 409, 'not_completed');
  expectError(await move(et, 'completed'), 409, 'final_not_passed');
  ok(await progress({ kind: 'stage', recorded_on: '2023-09-01', hours: 320, note: '第一阶段' }), 201);
  ok(await progress({ kind: 'final', recorded_on: '2024-09-01', hours: 0, passed: false }), 201);
  expectError(await move(et, 'completed'), 409, 'final_not_passed');
  const st = await login((await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}s`, password: PASSWORD, role: 'institution_admin', institution_id: school.id } })).data.username, PASSWORD);
  let g = ok(await progress({ kind: 'final', recorded_on: '2024-09-01', passed: true, note: '结业考核合格' }, st), 201);
  assert.equal(g.hours_done, 320);
  assert.deepEqual(g.actions, []); // the school records progress; the moves are the employer's and the bureau's
  g = ok(await move(et, 'completed'));
  assert.deepEqual([g.status, g.rung, g.rung_zh], ['completed', 'apprentice', '学徒工']);
  // the apprentice reads their own; another city nothing
  assert.equal(ok(await api('GET', `/api/v1/cultivation/apprenticeships/${ap.id}`, { token: ct })).person_id, p.id);
  expectError(await api('GET', `/api/v1/cultivation/apprenticeships/${ap.id}`, { token: jinan }), 404, 'not_found');
  assert.equal(ok(await api('GET', `/api/v1/cultivation/apprenticeships?person_id=${p.id}`, { token: jinan })).total, 0);
  assert.equal(ok(await api('GET', `/api/v1/cultivation/apprenticeships?employer_id=${ent.id}`, { token: et })).total, 1);

  // the employer's subsidy: 6,000 元 × 18 / 12 = 9,000 元, by the bureau only
  expectError(await api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/claim`, { token: et }), 403, 'forbidden');
  const c = ok(await api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/claim`, { token: qingdao }), 201);
  assert.deepEqual([c.ok, c.amount_fen, c.apprenticeship.claim_status], [true, 900000, 'checked']);
  expectError(await api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/claim`, { token: qingdao }), 409, 'already_claimed');
  const claim = ok(await api('GET', `/api/v1/training/claims/${c.claim_id}`, { token: qingdao }));
  assert.deepEqual([claim.kind, claim.employer_id, claim.region_code, claim.level], ['apprentice', ent.id, '370200', 4]);
  const cm = (status) => api('POST', `/api/v1/training/claims/${c.claim_id}/status`, { token: qingdao, body: { status } });
  ok(await cm('reviewed'));
  ok(await cm('publicity'));
  expectError(await cm('payable'), 409, 'publicity_not_over');
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.claim_id}`);
  ok(await cm('payable'));
  assert.equal(ok(await cm('paid')).status, 'paid');
  expectError(await cm('paid'), 409, 'invalid_transition');
  // paid once: one pay entry to the employer's account; a new claim for the same apprentice refused
  const entries = ok(await api('GET', `/api/v1/training/ledger/entries?claim_id=${c.claim_id}&page_size=50`, { token: qingdao })).items;
  assert.deepEqual(entries.map((x) => x.kind).sort(), ['accrue', 'pay']);
  expectError(await api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/claim`, { token: prov }), 409, 'already_claimed');
  const acc = ok(await api('GET', `/api/v1/training/ledger/accounts?region_code=370200&page_size=500`, { token: qingdao })).items.find((x) => x.code === `payable:employer:${ent.id}`);
  assert.ok(acc, 'the employer is the payee');
  assert.equal(acc.balance_fen, 0);
  g = ok(await api('GET', `/api/v1/cultivation/apprenticeships/${ap.id}`, { token: et }));
  assert.deepEqual([g.claim_status, g.claim_amount_fen], ['paid', 900000]);

  // a terminated one frees the person; the target counts what was trained
  const ap2 = ok(await file(body({ person_id: q.id })), 201);
  expectError(await api('POST', `/api/v1/cultivation/apprenticeships/${ap2.id}/status`, { token: qingdao, body: { status: 'terminated' } }), 422, 'missing_field');
  assert.equal(ok(await api('POST', `/api/v1/cultivation/apprenticeships/${ap2.id}/status`, { token: qingdao, body: { status: 'terminated', reason: '未签劳动合同' } })).status, 'terminated');
  const tgt = ok(await api('GET', '/api/v1/cultivation/apprentice-target', { token: qingdao }));
  assert.equal(tgt.target.target, 100000);
  const qd = tgt.by_city.find((x) => x.region_code === '370200');
  assert.ok(qd.completed >= 1 && qd.terminated >= 1, JSON.stringify(qd));
  assert.ok(tgt.by_city.every((x) => x.region_code.startsWith('3702')));
  expectError(await api('GET', '/api/v1/cultivation/apprentice-target', { token: et }), 403, 'forbidden');
  // the audit keeps each step
  const audit = ok(await api('GET', `/api/v1/audit?entity=apprenticeship&entity_id=${ap.id}&page_size=50`, { token: prov })).items.map((i) => i.action);
  for (const a of ['apprenticeship.file', 'apprenticeship.training', 'apprenticeship.progress', 'apprenticeship.completed', 'apprenticeship.claim']) assert.ok(audit.includes(a), `${a} in ${audit}`);
});

test('重点群体 flags and services; a job recommendation that matches and ones that must not; an outcome', async () => {
  const prov = await login('admin'), qingdao = await login('qingdao_admin'), jinan = await login('jinan_admin');
  const org = await login('qingdao_org_admin');
  const tag = `jr${unique()}`;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const day = (k) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const sc = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org })).scopes.find((s) => s.levels.includes(4));
  const occ = sc.occupation_code;
  const other = ok(await api('GET', '/api/v1/occupations?page_size=50', { token: prov })).items.find((o) => o.code !== occ).code;
  // a worker of 青岛 with a 四级 certificate of occ, and a candidate account
  const w = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `求职者${tag}`, id_number: idNumber('370202', '19950515', 101 + ((unique() * 5) % 440) * 2) } }), 201);
  const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: w.id, institution_id: instId, occupation_code: occ, level: 4, exam_date: today, theory: 80, practical: 80, correction_reason: 'API 44：就业服务测试' } }), 201);
  ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.id] } }), 201);
  const cert = ok(await api('GET', `/api/v1/certificates?person_id=${w.id}`, { token: prov })).items[0];
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}w`, password: PASSWORD, role: 'candidate', person_id: w.id } }), 201);
  const wt = await login(u.username, PASSWORD);

  // postings (the statistics domain imports them; here written directly): two match, five must not
  const post = (ref, o) => `INSERT INTO job_postings (source, source_ref, region_code, occupation_code, employer, title, vacancies, level, pay_min_fen, pay_max_fen, posted_on, closed_on, imported_at) VALUES ('api44', '${tag}-${ref}', '${o.region}', '${o.occ ?? occ}', '青岛某企业', '${ref}', 2, ${o.level ?? 'NULL'}, 500000, 800000, '${day(-3)}', ${o.closed ? `'${o.closed}'` : 'NULL'}, 0);`;
  dbExec([
    post('match-level', { region: '370203', level: 2 }), // 中级工 asked, 四级 held, same city
    post('match-any', { region: '370211' }), // no level asked
    post('no-level', { region: '370202', level: 3 }), // 高级工 asked: 四级 does not reach it
    post('no-region', { region: '370102' }), // 济南
    post('no-closed', { region: '370202', closed: day(-1) }), // closed yesterday
    post('no-occupation', { region: '370202', occ: other }),
    post('no-special', { region: '370202', level: 6 }), // 特级技师: an appointed post
  ].join(' '));
  const rec = ok(await api('GET', '/api/v1/cultivation/job-recommendations', { token: wt }));
  assert.deepEqual(rec.items.filter((x) => x.title.length < 20).map((x) => x.title).sort(), ['match-any', 'match-level']);
  assert.deepEqual(rec.certificates, [{ occupation_code: occ, level: 4, level_zh: rec.certificates[0].level_zh }]);
  assert.match(rec.items.find((x) => x.title === 'match-level').why_zh, /岗位要求中级工/);
  expectError(await api('GET', `/api/v1/cultivation/job-recommendations?person_id=${w.id}`, { token: jinan }), 404, 'not_found');
  assert.equal(ok(await api('GET', `/api/v1/cultivation/job-recommendations?person_id=${w.id}`, { token: qingdao })).items.length, rec.items.length);

  // 重点群体: the worker declares; the bureau verifies; institutions set none; another city nothing
  const flag = (t, code, body) => api('PUT', `/api/v1/cultivation/persons/${w.id}/categories/${code}`, { token: t, body });
  expectError(await flag(wt, 'veteran', { source: 'verified', valid_from: day(-30) }), 422, 'invalid_value');
  ok(await flag(wt, 'veteran', { source: 'declared', valid_from: day(-30), evidence: '退役军人证' }));
  expectError(await flag(org, 'veteran', { source: 'declared', valid_from: day(-30) }), 403, 'forbidden');
  expectError(await flag(jinan, 'veteran', { source: 'verified', valid_from: day(-30) }), 404, 'not_found');
  expectError(await flag(qingdao, 'astronaut', { source: 'verified', valid_from: day(-30) }), 404, 'not_found');
  expectError(await flag(qingdao, 'rural_migrant', { source: 'import', valid_from: day(-30), valid_to: day(-31) }), 422, 'invalid_date');
  let g = ok(await flag(qingdao, 'rural_migrant', { source: 'import', valid_from: day(-60), valid_to: day(-1), evidence: '农业农村部门名单' }));
  assert.deepEqual(g.categories.map((c) => [c.category, c.source, c.valid_now]), [['rural_migrant', 'import', false], ['veteran', 'declared', true]]);
  g = ok(await flag(qingdao, 'veteran', { source: 'verified', valid_from: day(-30) }));
  assert.equal(g.categories.find((c) => c.category === 'veteran').source, 'verified');
  assert.equal(ok(await api('GET', '/api/v1/cultivation/person-categories')).items.length, 9);

  // the bureau sends the recommendations: a 岗位推荐 logged for the 退役军人; the rural flag has expired
  const sent = ok(await api('POST', '/api/v1/cultivation/job-recommendations', { token: qingdao, body: { person_id: w.id } }), 201);
  assert.equal(sent.postings.length, rec.items.length);
  expectError(await api('POST', '/api/v1/cultivation/job-recommendations', { token: wt, body: { person_id: w.id } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/cultivation/persons/${w.id}/services`, { token: qingdao, body: { kind: 'employment_aid', category: 'rural_migrant' } }), 422, 'category_not_held');
  g = ok(await api('POST', `/api/v1/cultivation/persons/${w.id}/services`, { token: qingdao, body: { kind: 'employment_aid', category: 'veteran', detail: { note: '就业帮扶：推荐参加电工培训' } } }), 201);
  assert.deepEqual(g.services.map((s) => [s.kind, s.category]), [['employment_aid', 'veteran'], ['job_recommendation', 'veteran']]);
  assert.deepEqual(ok(await api('GET', `/api/v1/cultivation/persons/${w.id}/categories`, { token: wt })).services.length, 2);
  const sum = ok(await api('GET', '/api/v1/cultivation/person-categories/summary', { token: qingdao })).items.find((x) => x.category === 'veteran' && x.region_code === '370200');
  assert.ok(sum.persons >= 1 && sum.services >= 2, JSON.stringify(sum));

  // the outcome after the certificate: employed today, within 6 months; figures by institution
  expectError(await api('PUT', '/api/v1/cultivation/employment-outcomes', { token: jinan, body: { person_id: w.id, ref_kind: 'certificate', certificate_no: cert.number, employed: true, employer_name: '青岛某企业', employed_on: today } }), 404, 'not_found');
  const oc = ok(await api('PUT', '/api/v1/cultivation/employment-outcomes', { token: qingdao, body: { person_id: w.id, ref_kind: 'certificate', certificate_no: cert.number, employed: true, employer_name: '青岛某企业', employed_on: today } }));
  assert.deepEqual([oc.employed, oc.within_6m, oc.ref_on], [true, true, cert.issued_on]);
  const fig = ok(await api('GET', '/api/v1/cultivation/employment-outcomes/summary?by=institution', { token: org })).items;
  assert.ok(fig.some((x) => x.key === String(instId) && x.employed >= 1), JSON.stringify(fig));
  expectError(await api('GET', '/api/v1/cultivation/employment-outcomes/summary?by=city', { token: qingdao }), 422, 'invalid_value');
});
