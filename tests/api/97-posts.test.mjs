// 新八级工 posts (issue 22 item 1): a new filed enterprise of 济南 is refused a 特级技师 post until the bureau
// authorises the trial (another city cannot; a social organisation is no self-evaluating enterprise); it defines
// a 特级技师 post at its 正高级工程师 pay and a 首席技师 post (refused below the 特级技师 pay); two workers with a
// 高级技师 certificate apply, a 技师 and another employer's worker are refused; a panel of five senior examiners
// scores the three stages independently, one abstains from a worker (回避); the round ranks within the one seat
// and appoints for 36 months; the yearly appraisals decide the renewal (missing, failed, then passed); the
// province publishes the name list, read by anyone; the appointment and the rung show on the talent record; the
// revoked trial refuses the next round with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, creditCode, qualify, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const cnToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test('特级技师 / 首席技师: authorisation, posts, a round with 回避, term and appraisal, the public list', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const orgA = await login('jinan_org_admin'), entE = await login('jinan_ent_admin');
  const n = unique();
  const x = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `评聘测试装备公司${n}`, credit_code: creditCode(`91370100MA${String(n % 10000000).padStart(7, '0')}`), type: 'employer', region_code: '370100', address: '济南市历下区' } }), 201);
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `pst${n}x`, password: PASSWORD, role: 'institution_admin', institution_id: x.id } }), 201);
  const X = await login(`pst${n}x`, PASSWORD);
  const special = { rung: 'special', name: '特级技师（数控加工）', seats: 1, term_months: 36, min_rung: 'level1', conditions: [{ text: '在聘高级技师，业绩突出', source: '[GAP] 人社部发〔2022〕14号 全文未得' }], reference_post: '正高级工程师', reference_pay_fen: 2000000, monthly_pay_fen: 2000000, monthly_allowance_fen: 300000, one_off_fen: 3000000, benefits: '比照正高级工程师享受待遇' };

  // not authorised: no post (with the reason)
  const refused = await api('POST', '/api/v1/posts', { token: X, body: special });
  expectError(refused, 409, 'trial_not_authorised');
  assert.match(refused.data.error.message_zh, /未获人社部门授权/);
  // another city cannot authorise it; a social organisation is no self-evaluating enterprise
  const trial = { institution_id: x.id, doc_no: `济人社字〔2026〕${n}号`, decided_on: cnToday(), scope: '特级技师、首席技师岗位评聘试点（数控加工）' };
  expectError(await api('POST', '/api/v1/posts/trials', { token: qingdao, body: trial }), 404, 'not_found');
  const meA = ok(await api('GET', '/api/v1/auth/me', { token: orgA }));
  expectError(await api('POST', '/api/v1/posts/trials', { token: jinan, body: { ...trial, institution_id: (meA.user || meA).institution_id } }), 409, 'not_self_evaluating');
  const t = ok(await api('POST', '/api/v1/posts/trials', { token: jinan, body: trial }), 201);
  assert.deepEqual([t.authority, t.status, t.covers_chief, t.doc_no], ['city', 'active', true, trial.doc_no]);
  expectError(await api('POST', '/api/v1/posts/trials', { token: prov, body: trial }), 409, 'already_authorised');
  const mine = ok(await api('GET', `/api/v1/posts/trials?institution_id=${x.id}`, { token: X }));
  assert.deepEqual(mine.items.map((i) => i.id), [t.id]);
  assert.equal(ok(await api('GET', `/api/v1/posts/trials?institution_id=${x.id}`, { token: qingdao })).total, 0);

  // posts: 特级技师 at or above the 正高级工程师 pay; 首席技师 never below 特级技师
  expectError(await api('POST', '/api/v1/posts', { token: X, body: { ...special, monthly_pay_fen: 1999999 } }), 422, 'pay_below_reference');
  const sp = ok(await api('POST', '/api/v1/posts', { token: X, body: special }), 201);
  assert.deepEqual([sp.rung_zh, sp.min_rung_zh, sp.one_off_fen, sp.conditions[0].source.slice(0, 5)], ['特级技师', '高级技师', 3000000, '[GAP]']);
  const chief = { ...special, rung: 'chief', name: '首席技师', min_rung: 'special', reference_post: '副总经理', reference_pay_fen: 1800000 };
  const low = await api('POST', '/api/v1/posts', { token: X, body: { ...chief, monthly_pay_fen: 1900000 } });
  expectError(low, 422, 'chief_below_special');
  assert.match(low.data.error.message_zh, /首席技师薪酬不低于特级技师/);
  ok(await api('POST', '/api/v1/posts', { token: X, body: { ...chief, monthly_pay_fen: 2500000 } }), 201);
  expectError(await api('POST', '/api/v1/posts', { token: orgA, body: special }), 409, 'trial_not_authorised');

  // workers of X: two 高级技师, one 技师; a worker of another employer
  const person = async (seq, employer) => {
    const id = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `评聘${n % 1000}号${seq}`, id_number: idNumber('370102', '19820404', 101 + ((n * 7 + seq) % 440) * 2) } }), 201).id;
    if (employer) ok(await api('PATCH', `/api/v1/persons/${id}`, { token: prov, body: { employer_id: employer } }));
    return id;
  };
  const instA = ok(await api('GET', `/api/v1/institutions/${(meA.user || meA).institution_id}`, { token: orgA }));
  const cert = async (pid, level) => {
    const sc = instA.scopes.find((s) => s.levels.includes(level)) || instA.scopes[0];
    const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: pid, institution_id: instA.id, occupation_code: sc.occupation_code, level, exam_date: cnToday(), theory: 80, practical: 80, review: 80, correction_reason: '评聘测试：历史档案补录' } }), 201);
    ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.id] } }), 201);
  };
  const W1 = await person(1, x.id), W2 = await person(2, x.id), W3 = await person(3, x.id), O = await person(4, null);
  await cert(W1, 1); await cert(W2, 1); await cert(W3, 2);

  // the panel: five senior examiners (at least 3, odd); one declares an avoidance of W1
  const exIds = [], ex = [];
  for (let k = 0; k < 5; k++) {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `pst${n}e${k}`, password: PASSWORD, role: 'examiner', institution_id: instA.id, examiner_grade: 'senior' } }), 201);
    await qualify(prov, u.id, 'senior_examiner');
    exIds.push(u.id);
    ex.push(await login(`pst${n}e${k}`, PASSWORD));
  }
  ok(await api('POST', `/api/v1/users/${exIds[4]}/avoidances`, { token: prov, body: { person_id: W1, reason: '申报人为其近亲属' } }));
  const criteria = [{ name: '业绩成果', points: 40, stage: 'performance' }, { name: '现场答辩', points: 30, stage: 'defence' }, { name: '综合评审（★）', points: 30, stage: 'overall', star: true }];
  const roundBody = { post_id: sp.id, name: `2026 年特级技师评聘 ${n}`, pass_score: 60, criteria, examiners: exIds };
  expectError(await api('POST', '/api/v1/posts/rounds', { token: X, body: { ...roundBody, criteria: criteria.slice(0, 2) } }), 422, 'stage_missing');
  expectError(await api('POST', '/api/v1/posts/rounds', { token: X, body: { ...roundBody, examiners: exIds.slice(0, 4) } }), 422, 'panel_even');
  expectError(await api('POST', '/api/v1/posts/rounds', { token: entE, body: roundBody }), 404, 'not_found');
  // the panel takes only valid 高级考评员 qualifications (§57, the one check of every panel): one lapsed, one removed
  // through the credit archive, one a plain 考评员 — each refused and named
  const bad = {};
  for (const k of ['lapsed', 'removed', 'plain']) {
    bad[k] = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `pst${n}${k}`, password: PASSWORD, role: 'examiner', institution_id: instA.id, examiner_grade: 'senior' } }), 201).id;
  }
  ok(await api('POST', '/api/v1/qualifications', { token: prov, body: { user_id: bad.lapsed, basis: 'record', grade: 'senior_examiner', cert_no: `pst${n}-old`, valid_from: '2019-01-01', valid_until: '2020-12-31' } }), 201);
  const qr = await qualify(prov, bad.removed, 'senior_examiner');
  ok(await api('POST', `/api/v1/qualifications/${qr.id}/remove`, { token: prov, body: { reason: `pst${n} 评审中违规，取消资格` } }));
  await qualify(prov, bad.plain, 'examiner');
  for (const [k, code, msg] of [['lapsed', 'qualification_expired', '资格不在有效期内'], ['removed', 'qualification_removed', '资格已被取消'], ['plain', 'senior_examiners_required', '未持有有效的高级考评员资格']]) {
    const res = await api('POST', '/api/v1/posts/rounds', { token: X, body: { ...roundBody, examiners: [exIds[0], exIds[1], bad[k]] } });
    expectError(res, 422, code);
    assert.match(res.data.error.message_zh, new RegExp(`账号 ${bad[k]} .*${msg}`), k);
  }
  const r = ok(await api('POST', '/api/v1/posts/rounds', { token: X, body: roundBody }), 201);
  assert.deepEqual([r.status, r.panel, r.moves.map((m) => m.action)], ['open', 5, ['cancel']]);

  // applications: the ladder (高级技师 for 特级技师), the employer
  const a1 = ok(await api('POST', `/api/v1/posts/rounds/${r.id}/applications`, { token: X, body: { person_id: W1, achievements: '攻关 12 项' } }), 201);
  assert.deepEqual([a1.held_rung, a1.held_rung_zh], ['level1', '高级技师']);
  const a2 = ok(await api('POST', `/api/v1/posts/rounds/${r.id}/applications`, { token: X, body: { person_id: W2 } }), 201);
  const l3 = await api('POST', `/api/v1/posts/rounds/${r.id}/applications`, { token: X, body: { person_id: W3 } });
  expectError(l3, 422, 'ladder_not_met');
  assert.match(l3.data.error.message_zh, /须具备高级技师及以上等级，申报人现为技师/);
  expectError(await api('POST', `/api/v1/posts/rounds/${r.id}/applications`, { token: X, body: { person_id: O } }), 422, 'not_employee');
  expectError(await api('POST', `/api/v1/posts/rounds/${r.id}/applications`, { token: X, body: { person_id: W1 } }), 409, 'already_applied');
  expectError(await api('POST', `/api/v1/posts/applications/${a1.id}/scores`, { token: ex[0], body: { scores: [30, 20, 20] } }), 409, 'round_not_scoring');
  ok(await api('POST', `/api/v1/posts/rounds/${r.id}/status`, { token: X, body: { status: 'scoring' } }));

  // independent scoring; 回避; the ranking waits for every examiner due
  const s1 = ok(await api('POST', `/api/v1/posts/applications/${a1.id}/scores`, { token: ex[0], body: { scores: [36, 26, 26] } }), 201);
  assert.deepEqual([s1.complete, s1.scored_by, s1.due, s1.score], [false, 1, 4, undefined]);
  const avoid = await api('POST', `/api/v1/posts/applications/${a1.id}/scores`, { token: ex[4], body: { scores: [30, 20, 20] } });
  expectError(avoid, 403, 'avoidance');
  assert.match(avoid.data.error.message_zh, /近亲属/);
  expectError(await api('POST', `/api/v1/posts/applications/${a1.id}/scores`, { token: ex[0], body: { scores: [30, 20, 20] } }), 409, 'already_scored');
  expectError(await api('POST', `/api/v1/posts/rounds/${r.id}/status`, { token: X, body: { status: 'ranked' } }), 409, 'scoring_incomplete');
  for (const k of [1, 2, 3]) ok(await api('POST', `/api/v1/posts/applications/${a1.id}/scores`, { token: ex[k], body: { scores: [36, 26, 26] } }), 201);
  for (const k of [0, 1, 2, 3, 4]) ok(await api('POST', `/api/v1/posts/applications/${a2.id}/scores`, { token: ex[k], body: { scores: [30, 20, 20] } }), 201);
  const ranked = ok(await api('POST', `/api/v1/posts/rounds/${r.id}/status`, { token: X, body: { status: 'ranked' } }));
  assert.deepEqual(ranked.applications.map((a) => [a.person_id, a.score, a.rank, a.selected, a.due]), [[W1, 88, 1, true, 4], [W2, 70, 2, false, 5]]);
  const appointed = ok(await api('POST', `/api/v1/posts/rounds/${r.id}/status`, { token: X, body: { status: 'appointed' } }));
  assert.equal(appointed.appointed_on, cnToday());

  // the appointment: 36 months, a yearly appraisal, renewal only when every year passed
  const list = ok(await api('GET', `/api/v1/posts/appointments?institution_id=${x.id}`, { token: X }));
  assert.equal(list.total, 1);
  const ap = list.items[0];
  assert.deepEqual([ap.person_id, ap.rung, ap.term_no, ap.starts_on, ap.years_due, ap.status], [W1, 'special', 1, cnToday(), 3, 'serving']);
  const [y, m, d] = cnToday().split('-').map(Number);
  assert.equal(ap.ends_on, new Date(Date.UTC(y + 3, m - 1, d) - 86400e3).toISOString().slice(0, 10));
  assert.equal(ok(await api('GET', `/api/v1/posts/appointments?institution_id=${x.id}`, { token: qingdao })).total, 0);
  ok(await api('POST', `/api/v1/posts/appointments/${ap.id}/appraisals`, { token: X, body: { year_no: 1, result: 'pass' } }));
  expectError(await api('POST', `/api/v1/posts/appointments/${ap.id}/appraisals`, { token: X, body: { year_no: 4, result: 'pass' } }), 422, 'invalid_value');
  expectError(await api('POST', `/api/v1/posts/appointments/${ap.id}/status`, { token: X, body: { status: 'renewed' } }), 409, 'appraisal_missing');
  ok(await api('POST', `/api/v1/posts/appointments/${ap.id}/appraisals`, { token: X, body: { year_no: 2, result: 'fail', remark: '年度目标未完成' } }));
  ok(await api('POST', `/api/v1/posts/appointments/${ap.id}/appraisals`, { token: X, body: { year_no: 3, result: 'pass' } }));
  expectError(await api('POST', `/api/v1/posts/appointments/${ap.id}/status`, { token: X, body: { status: 'renewed' } }), 409, 'appraisal_failed');
  const redo = ok(await api('POST', `/api/v1/posts/appointments/${ap.id}/appraisals`, { token: X, body: { year_no: 2, result: 'pass', remark: '复核合格' } }));
  assert.deepEqual(redo.appraisals.map((a) => a.result), ['pass', 'pass', 'pass']);
  expectError(await api('POST', `/api/v1/posts/appointments/${ap.id}/status`, { token: entE, body: { status: 'renewed' } }), 404, 'not_found');
  const renewed = ok(await api('POST', `/api/v1/posts/appointments/${ap.id}/status`, { token: X, body: { status: 'renewed' } }));
  assert.equal(renewed.status, 'renewed');
  const next = ok(await api('GET', `/api/v1/posts/appointments?institution_id=${x.id}&status=serving`, { token: jinan })).items[0];
  assert.deepEqual([next.id, next.term_no], [renewed.next_appointment_id, 2]);
  assert.equal(next.starts_on, new Date(Date.UTC(y + 3, m - 1, d)).toISOString().slice(0, 10));

  // the province publishes the name list; anyone reads it; the talent record shows the post and the rung
  const before = ok(await api('GET', '/api/v1/public/posts?rung=special&region_code=3701'));
  assert.ok(!before.items.some((i) => i.institution_name === x.name));
  expectError(await api('POST', '/api/v1/posts/lists', { token: jinan }), 403, 'forbidden');
  assert.ok(ok(await api('POST', '/api/v1/posts/lists', { token: prov })).published >= 1);
  const pub = ok(await api('GET', '/api/v1/public/posts?rung=special&region_code=3701'));
  const row = pub.items.find((i) => i.institution_name === x.name);
  assert.deepEqual([row.rung_zh, row.term_no, row.post_name], ['特级技师', 2, '特级技师（数控加工）']);
  const rec = ok(await api('GET', `/api/v1/persons/${W1}/talent-record`, { token: jinan }));
  assert.deepEqual(rec.posts.map((p) => [p.term_no, p.status]), [[1, 'renewed'], [2, 'serving']]);
  assert.deepEqual(rec.ladder, { rung: 'special', rung_zh: '特级技师' });
  assert.deepEqual(ok(await api('GET', `/api/v1/persons/${W2}/talent-record`, { token: jinan })).ladder, { rung: 'level1', rung_zh: '高级技师' });

  // the bureau revokes the trial: the next round is refused with its reason
  expectError(await api('POST', `/api/v1/posts/trials/${t.id}/revoke`, { token: qingdao, body: { reason: '越权' } }), 404, 'not_found');
  const rv = ok(await api('POST', `/api/v1/posts/trials/${t.id}/revoke`, { token: jinan, body: { reason: '评价过程违规，暂停试点', doc_no: `济人社字〔2026〕${n + 1}号` } }));
  assert.equal(rv.status, 'revoked');
  const late = await api('POST', '/api/v1/posts/rounds', { token: X, body: { ...roundBody, name: '撤销后' } });
  expectError(late, 409, 'trial_not_authorised');
  assert.match(late.data.error.message_zh, /授权已撤销/);
  expectError(await api('POST', `/api/v1/posts/trials/${t.id}/revoke`, { token: jinan, body: { reason: '再次' } }), 409, 'already_revoked');
});
