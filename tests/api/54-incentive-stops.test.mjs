// 使用与激励, the rest of issue 22 (docs/DOMAIN.md §58). Allowances stop by themselves: three 齐鲁首席技师
// appointees (a round of the first free year from 2100 down, term from 2024-01, six monthly batches paid) — A's 技师
// certificate is revoked (the appointment stops today, reason 证书撤销, the note naming the certificate), B's
// death on 2024-03-10 is recorded by the city (2024-04..06 recovered, each with the reason), C's move out of the
// province on 2024-05-31 by the province (2024-06 recovered); a second death of B, a date in the future, an
// institution's administrator are refused. The statistics counters move by exactly the run's writes
// (nominations, appointments, stops, the batches' payments and the recoveries) in the overview's 激励 part, and
// `jineng stats verify` finds no difference. The panel (回避 and independent scores through the 综合评审
// machinery): a round with a panel takes its members' own scores (an examiner of the nominee's employer
// abstains), refuses an outsider, and ranks once every due score is in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const BIN = process.env.JINENG_BIN, DB = process.env.JINENG_DB_URL;
const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test('allowances stop on a revoked certificate, a death, a move out of the province; counters follow; the panel scores', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const n = unique() + (Date.now() % 997);
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = (me.user || me).institution_id;
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(2)).occupation_code;
  const mk = async (seq) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `停发${n % 1000}人${seq}`, id_number: idNumber('370102', '19800101', 1 + ((n * 5 + seq * 2) % 990)), employer_id: instId } }), 201).id;
  const P = [await mk(0), await mk(1), await mk(2)];
  const results = [];
  for (const p of P) results.push(ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p, institution_id: instId, occupation_code: occ, level: 2, exam_date: today, theory: 80, practical: 80, review: 80, correction_reason: '停发测试：历史档案补录' } }), 201).id);
  const certs = ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: results } }), 201).numbers;

  const inc0 = ok(await api('GET', '/api/v1/stats/overview', { token: prov })).incentive;
  const years = new Set(ok(await api('GET', '/api/v1/selections/rounds?programme=qilu_chief')).items.map((r) => r.year));
  // round years are 1990..2100 (the API's range): the first free one from the top (the matrix counts up from 1990)
  let year = 2100;
  while (years.has(year)) year--;
  const R = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year, title: `${year} 年齐鲁首席技师（停发测试 ${n}）`, places: 3, ref_date: '2024-06-01', min_experts: 1 } }), 201);
  ok(await api('PUT', `/api/v1/selections/rounds/${R.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 3 }] } }));
  const noms = [];
  for (const p of P) noms.push(ok(await api('POST', `/api/v1/selections/rounds/${R.id}/nominations`, { token: jinan, body: { person_id: p, front_line: true } }), 201).id);

  // the panel: X of the nominees' employer abstains (回避), Y and Z score every nomination on their own
  const qOrg = ok(await api('GET', '/api/v1/auth/me', { token: await login('qingdao_org_admin') }));
  const qInst = (qOrg.user || qOrg).institution_id;
  const expert = async (k, institution_id) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `stopx${n}${k}`, password: PASSWORD, role: 'examiner', institution_id } }), 201);
  const X = await expert('a', instId), Y = await expert('b', qInst), Z = await expert('c', qInst), O = await expert('d', qInst);
  const panel = ok(await api('PUT', `/api/v1/selections/rounds/${R.id}/panel`, { token: prov, body: { examiners: [X.id, Y.id, Z.id] } }));
  assert.deepEqual(panel.panel.map((m) => m.user_id).sort((a, b) => a - b), [X.id, Y.id, Z.id].sort((a, b) => a - b));
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  const tokX = await login(X.username, PASSWORD), tokY = await login(Y.username, PASSWORD), tokZ = await login(Z.username, PASSWORD), tokO = await login(O.username, PASSWORD);
  const mine = ok(await api('GET', '/api/v1/selections/reviews', { token: tokY }));
  assert.deepEqual(mine.items.filter((i) => i.round_id === R.id).map((i) => [i.nomination_id, i.scored]), noms.map((id) => [id, false]));
  assert.ok(ok(await api('GET', '/api/v1/selections/reviews', { token: tokX })).items.filter((i) => i.round_id === R.id).every((i) => i.avoid), 'X must abstain from every nominee');
  expectError(await api('POST', `/api/v1/selections/nominations/${noms[0]}/scores`, { token: tokX, body: { score: 95 } }), 403, 'avoidance');
  expectError(await api('POST', `/api/v1/selections/nominations/${noms[0]}/scores`, { token: tokO, body: { score: 95 } }), 403, 'not_on_panel');
  expectError(await api('POST', `/api/v1/selections/nominations/${noms[0]}/scores`, { token: prov, body: { expert_id: O.id, score: 95 } }), 422, 'not_on_panel');
  for (const [i, id] of noms.entries()) ok(await api('POST', `/api/v1/selections/nominations/${id}/scores`, { token: tokY, body: { score: 80 + i } }), 201);
  expectError(await api('POST', `/api/v1/selections/nominations/${noms[0]}/scores`, { token: tokY, body: { score: 10 } }), 409, 'already_scored');
  // Z's scores are due (min_experts 1 is met, the panel is not complete)
  expectError(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'publicity' } }), 409, 'unscored');
  for (const [i, id] of noms.entries()) ok(await api('POST', `/api/v1/selections/nominations/${id}/scores`, { token: tokZ, body: { score: 90 - i } }), 201);
  const pub = ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'publicity' } }));
  assert.equal(pub.selected.length, 3);
  dbExec(`UPDATE selection_rounds SET publicity_end = '2023-12-20' WHERE id = ${R.id}`);
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2024-01-01' } }));
  const paid = { n: 0, fen: 0 };
  for (let m = 1; m <= 6; m++) {
    const b = ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: `2024-0${m}` } }), 201);
    paid.n += b.paid;
    paid.fen += b.total_fen;
  }

  // A: the 技师 certificate revoked -> stopped today, nothing paid after today's month to recover
  ok(await api('POST', `/api/v1/certificates/${certs[0]}/revoke`, { token: prov, body: { reason: '停发测试：材料造假' } }));
  const a = ok(await api('GET', `/api/v1/selections/nominations/${noms[0]}`, { token: prov }));
  assert.deepEqual([a.status, a.end_reason, a.end_reason_zh, a.ended_on], ['ended', 'certificate_revoked', '证书撤销', today]);
  assert.ok(a.end_note.includes(certs[0]) && a.end_note.includes('材料造假'), a.end_note);

  // B: death on 2024-03-10, recorded by 济南 -> 2024-04, 05, 06 recovered, each explained
  expectError(await api('POST', `/api/v1/persons/${P[1]}/life-events`, { token: org, body: { kind: 'death', occurred_on: '2024-03-10', source: '死亡证明' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/persons/${P[1]}/life-events`, { token: jinan, body: { kind: 'death', occurred_on: '2999-01-01', source: '死亡证明' } }), 422, 'invalid_date');
  const d = ok(await api('POST', `/api/v1/persons/${P[1]}/life-events`, { token: jinan, body: { kind: 'death', occurred_on: '2024-03-10', source: '停发测试：死亡医学证明', note: '家属告知' } }), 201);
  assert.deepEqual([d.life_status, d.stops.map((s) => [s.nomination_id, s.reason, s.recovered, s.recovered_fen])], ['deceased', [[noms[1], 'death', 3, 300000]]]);
  expectError(await api('POST', `/api/v1/persons/${P[1]}/life-events`, { token: prov, body: { kind: 'death', occurred_on: '2024-03-10', source: '重复' } }), 409, 'already_recorded');
  const b = ok(await api('GET', `/api/v1/selections/nominations/${noms[1]}`, { token: prov }));
  const rec = b.allowance.payments.filter((p) => p.status === 'recovered');
  assert.deepEqual(rec.map((p) => p.month), ['2024-04', '2024-05', '2024-06']);
  assert.ok(rec.every((p) => p.recover_entry > 0 && /去世/.test(p.recover_reason)), JSON.stringify(rec));
  assert.equal(ok(await api('GET', `/api/v1/persons/${P[1]}`, { token: prov })).life_events[0].kind, 'death');

  // C: left the province on 2024-05-31, recorded by the province -> 2024-06 recovered
  const c = ok(await api('POST', `/api/v1/persons/${P[2]}/life-events`, { token: prov, body: { kind: 'left_province', occurred_on: '2024-05-31', source: '停发测试：调动函' } }), 201);
  assert.deepEqual([c.life_status, c.stops.map((s) => [s.reason, s.recovered, s.recovered_fen])], ['left_province', [['left_province', 1, 100000]]]);
  const cr = ok(await api('GET', `/api/v1/selections/nominations/${noms[2]}`, { token: prov }));
  assert.deepEqual([cr.status, cr.end_reason_zh, cr.allowance.net_fen], ['ended', '调离本省', 500000]);
  assert.equal(ok(await api('GET', '/api/v1/training/ledger/verify', { token: prov })).ok, true);

  // the counters: exactly the run's writes; verify recomputes every counter from the raw tables
  const inc1 = ok(await api('GET', '/api/v1/stats/overview', { token: prov })).incentive;
  const delta = Object.fromEntries(Object.keys(inc1).map((k) => [k, inc1[k] - inc0[k]]));
  assert.deepEqual(delta, { post_appointed: 0, selection_nominated: 3, selection_appointed: 3, selection_ended: 3, allowance_paid: paid.n, allowance_paid_fen: paid.fen, allowance_recovered: 4, allowance_recovered_fen: 400000 });
  const v = spawnSync(BIN, ['stats', 'verify', '--db', DB], { encoding: 'utf8', env: { ...process.env } });
  assert.equal(v.status, 0, `stats verify: ${v.stdout}${v.stderr}`);
});
