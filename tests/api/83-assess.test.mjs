// 定期评估 (issue 13 §7): the worked example of docs/DOMAIN.md (定期评估) reproduced through the API. Three new
// institutions of 平阴县 (370124), each with 40 candidates of one occupation at level 4 in 2001 and a history
// in 2000 (results entered by the province as historical records). The province's indicator system gets a new
// version (history of 1 period, 优秀 widens the scope from 40 candidates); 济南 runs the county's assessment;
// the rows explain themselves; the province publishes: the 不合格 institution gets the credit archive's event
// assessment_fail and exits the catalogue.
//
// By hand: peers 28 + 24 + 40 = 92 of 120 passed, p = 0.76667. At n = 40 Spiegelhalter's limits are 95%
// [0.6160, 0.9037] and 99.8% [0.5304, 0.9653]. 甲 28/40 = 0.70 inside (P(X<=28) = 0.206); 乙 24/40 = 0.60
// below the 95% limit only (P(X<=24) = 0.0139, >= 0.001): warning; 丙 40/40 above the 99.8% limit
// (P(X>=40) = 0.7667^40 = 2.4e-5). Volume: 40 against 30, 30 and 10 in 2000: 1.33 (full), 1.33 (full), 4.0
// (> 3: none). No confirmed collusion: full (15). No upheld complaint: full (10). Nothing else applies
// (no ratings, no finished plans, no inspections, no survey). Applicable weight 25 + 10 + 15 + 10 = 60.
//   甲 60/60 = 100.00 优秀, 40 candidates >= 40: widen the filed scope
//   乙 12.5 + 10 + 15 + 10 = 47.5/60 = 79.17 合格: continue
//   丙 0 + 0 + 15 + 10 = 25/60 = 41.67 不合格: exit the catalogue
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, unique, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const REGION = '370124';
const OCC = '4-04-05-07';
const FROM = '2001-01-01', TO = '2001-12-31';

let S;
async function setup() {
  if (S) return S;
  S = {};
  S.prov = await login('admin');
  S.jinan = await login('jinan_admin');
  S.qingdao = await login('qingdao_admin');
  const n = unique();
  const stamp = String((n * 7919 + Date.now()) % 1000000).padStart(6, '0');
  S.inst = [];
  for (const [k, name] of ['甲', '乙', '丙'].entries()) {
    const inst = ok(await api('POST', '/api/v1/institutions', { token: S.prov, body: { name: `评估测试机构${name}${stamp}`, credit_code: creditCode(`52370124M${stamp}${k}6`), type: 'social_org', region_code: REGION, address: '济南市平阴县' } }), 201);
    S.inst.push(inst.id);
    ok(await api('PUT', `/api/v1/institutions/${inst.id}/scopes`, { token: S.prov, body: { scopes: [{ occupation_code: OCC, levels: [4] }] } }));
  }
  const mkUser = async (inst) => {
    const u = ok(await api('POST', '/api/v1/users', { token: S.prov, body: { username: `asm${stamp}u${unique()}`, password: PASSWORD, role: 'institution_admin', institution_id: inst } }), 201);
    return login(u.username, PASSWORD);
  };
  S.adminA = await mkUser(S.inst[0]);
  S.adminB = await mkUser(S.inst[1]);
  S.person = (await api('GET', '/api/v1/persons?page_size=1', { token: S.prov })).data.items[0].id;
  // the results: [institution, year, count, passed]
  const rows = [[0, '2000', 30, 20], [1, '2000', 30, 20], [2, '2000', 10, 8], [0, '2001', 40, 28], [1, '2001', 40, 24], [2, '2001', 40, 40]];
  for (const [k, year, count, passed] of rows) {
    for (let i = 0; i < count; i++) {
      const pass = i < passed;
      const day = String(2 + (i % 27)).padStart(2, '0'), month = String(1 + (i % 12)).padStart(2, '0');
      ok(await api('POST', '/api/v1/results', { token: S.prov, body: { person_id: S.person, institution_id: S.inst[k], occupation_code: OCC, level: 4, exam_date: `${year}-${month}-${day}`, theory: pass ? 80 : 40, practical: pass ? 80 : 40, correction_reason: '定期评估测试：补录历史成绩' } }), 201);
    }
  }
  return S;
}

test('the indicator system is versioned data: the province edits it, others read or are refused', async () => {
  const s = await setup();
  const cur = ok(await api('GET', '/api/v1/assess/indicators', { token: s.jinan }));
  assert.deepEqual(cur.indicators.map((x) => x.code), ['pass_rate', 'volume_spike', 'collusion', 'severity', 'archive', 'inspection', 'complaints', 'satisfaction']);
  assert.equal(cur.indicators.reduce((a, x) => a + x.weight, 0), 100);
  assert.equal(cur.indicators.find((x) => x.code === 'collusion').veto, true);
  assert.match(cur.indicators[0].source, /Spiegelhalter/);
  const body = { ...cur, history_periods: 1, widen_min: 40, source: '评估测试版本' };
  delete body.version;
  expectError(await api('PUT', '/api/v1/assess/indicators', { token: s.jinan, body }), 403, 'forbidden');
  const bad = { ...body, indicators: body.indicators.map((x) => (x.code === 'archive' ? { ...x, weight: 11 } : x)) };
  expectError(await api('PUT', '/api/v1/assess/indicators', { token: s.prov, body: bad }), 422, 'invalid_value');
  const wrongRule = { ...body, indicators: body.indicators.map((x) => (x.code === 'archive' ? { ...x, rule: 'funnel' } : x)) };
  expectError(await api('PUT', '/api/v1/assess/indicators', { token: s.prov, body: wrongRule }), 422, 'invalid_value');
  expectError(await api('PUT', '/api/v1/assess/indicators', { token: s.prov, body: { ...body, indicators: 'x' } }), 422, 'invalid_type');
  const v = ok(await api('PUT', '/api/v1/assess/indicators', { token: s.prov, body }));
  assert.ok(v.version > cur.version);
  assert.equal(v.history_periods, 1);
  assert.equal(v.widen_min, 40);
  assert.equal(ok(await api('GET', '/api/v1/assess/indicators', { token: s.adminA })).version, v.version);
  expectError(await api('GET', '/api/v1/assess/indicators'), 401, 'login_required');
});

test('the worked example: grades, reasons and the funnel reproduce the hand computation', async () => {
  const s = await setup();
  expectError(await api('POST', '/api/v1/assessments', { token: s.qingdao, body: { period_from: FROM, period_to: TO, region_code: REGION } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/assessments', { token: s.jinan, body: { period_from: '2001-02-30', period_to: TO, region_code: REGION } }), 422, 'invalid_date');
  expectError(await api('POST', '/api/v1/assessments', { token: s.jinan, body: { period_from: TO, period_to: FROM, region_code: REGION } }), 422, 'invalid_value');
  expectError(await api('POST', '/api/v1/assessments', { token: s.adminA, body: { period_from: FROM, period_to: TO } }), 403, 'forbidden');
  const run = ok(await api('POST', '/api/v1/assessments', { token: s.jinan, body: { period_from: FROM, period_to: TO, region_code: REGION } }), 201);
  s.run = run.id;
  assert.equal(run.state, 'draft');
  assert.equal(run.region_code, REGION);
  assert.ok(run.institutions >= 3);
  const list = ok(await api('GET', `/api/v1/assessments/${run.id}/results?sort=grade&page_size=100`, { token: s.jinan }));
  const row = (k) => list.items.find((x) => x.institution_id === s.inst[k]);
  const [A, B, C] = [row(0), row(1), row(2)];
  assert.deepEqual([A.score, A.grade, A.decision], [100, 'excellent', 'widen']);
  assert.deepEqual([B.score, B.grade, B.decision], [79.17, 'pass', 'continue']);
  assert.deepEqual([C.score, C.grade, C.decision], [41.67, 'fail', 'exit']);
  assert.equal(C.grade_zh, '不合格');
  assert.equal(C.decision_zh, '退出评价机构目录');
  // sorted by grade: 优秀 before 合格 before 不合格
  const ranks = list.items.map((x) => ['excellent', 'pass', 'fail'].indexOf(x.grade));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  const ind = (r, code) => r.indicators.find((x) => x.code === code);
  assert.deepEqual([ind(A, 'pass_rate').status, ind(B, 'pass_rate').status, ind(C, 'pass_rate').status], ['full', 'warn', 'none']);
  assert.deepEqual([ind(A, 'pass_rate').value, ind(B, 'pass_rate').value, ind(C, 'pass_rate').value], [0, -1, 2]);
  assert.equal(ind(B, 'pass_rate').points, 12.5);
  const out = ind(C, 'pass_rate').outliers[0];
  assert.deepEqual([out.candidates, out.passed, out.rate, out.peer_rate], [40, 40, 1, 0.7667]);
  assert.deepEqual(out.inner, [0.616, 0.9037]);
  assert.deepEqual(out.outer, [0.5304, 0.9653]);
  assert.match(ind(C, 'pass_rate').why, /高于 99\.8% 控制限/);
  assert.deepEqual([ind(A, 'volume_spike').value, ind(C, 'volume_spike').value, ind(C, 'volume_spike').status], [1.33, 4, 'none']);
  assert.deepEqual([ind(A, 'collusion').status, ind(A, 'collusion').points], ['full', 15]);
  assert.deepEqual([ind(A, 'complaints').status, ind(A, 'complaints').points], ['full', 10]);
  for (const code of ['severity', 'archive', 'inspection', 'satisfaction']) assert.equal(ind(A, code).status, 'na', code);
  assert.match(ind(A, 'archive').why, /不适用/);
  // filters: grade and decision
  const fails = ok(await api('GET', `/api/v1/assessments/${run.id}/results?grade=fail`, { token: s.jinan }));
  assert.deepEqual(fails.items.map((x) => x.institution_id), [s.inst[2]]);
  // one row with its cells and limits
  const one = ok(await api('GET', `/api/v1/assessments/${run.id}/results/${s.inst[1]}`, { token: s.jinan }));
  assert.equal(one.cells.length, 1);
  assert.deepEqual([one.cells[0].zone, one.cells[0].peer_candidates, one.cells[0].inner[0]], [-1, 120, 0.616]);
  // the funnel of the occupation and level: the peer rate, the curves, the three points
  const f = ok(await api('GET', `/api/v1/assessments/${run.id}/funnel?occupation_code=${OCC}&level=4`, { token: s.jinan }));
  assert.equal(f.funnel.peer_rate, 0.7667);
  assert.deepEqual([f.funnel.candidates, f.funnel.passed], [120, 92]);
  const at40 = f.funnel.limits.find((x) => x.n === 40);
  assert.deepEqual([at40.inner_lo, at40.inner_hi, at40.outer_lo, at40.outer_hi], [0.616, 0.9037, 0.5304, 0.9653]);
  assert.deepEqual(f.funnel.points.map((p) => p.zone).sort(), [-1, 0, 2]);
  assert.ok(f.peers.some((p) => p.occupation_code === OCC && p.level === 4));
  expectError(await api('GET', `/api/v1/assessments/${run.id}/funnel?occupation_code=${OCC}&level=9`, { token: s.jinan }), 422, 'invalid_value');
  expectError(await api('GET', `/api/v1/assessments/${run.id}/funnel?occupation_code=${OCC}&level=3`, { token: s.jinan }), 404, 'not_found');
  // 青岛 reads neither the county's run nor its rows; the institution nothing of a draft
  expectError(await api('GET', `/api/v1/assessments/${run.id}`, { token: s.qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/assessments/${run.id}/results`, { token: s.qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/assessments/${run.id}`, { token: s.adminA }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/assessments/${run.id}/results/${s.inst[0]}`, { token: s.adminA }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/assessments/${run.id}/funnel`, { token: s.adminA }), 403, 'forbidden');
});

test('publishing: the province only, once per period and region; 不合格 exits; an institution reads its own row', async () => {
  const s = await setup();
  assert.ok(s.run, 'the worked example ran first');
  expectError(await api('POST', `/api/v1/assessments/${s.run}/publish`, { token: s.jinan }), 403, 'forbidden');
  const pub = ok(await api('POST', `/api/v1/assessments/${s.run}/publish`, { token: s.prov }));
  assert.equal(pub.state, 'published');
  assert.deepEqual(pub.counts, { excellent: pub.counts.excellent, pass: pub.counts.pass, fail: 1 });
  expectError(await api('POST', `/api/v1/assessments/${s.run}/publish`, { token: s.prov }), 409, 'invalid_transition');
  // the decision carried out through the institution status flow, with its reason and the audit record
  const c = ok(await api('GET', `/api/v1/institutions/${s.inst[2]}`, { token: s.prov }));
  assert.equal(c.status, 'exited');
  assert.match(c.status_reason, /定期评估不合格/);
  assert.equal(ok(await api('GET', `/api/v1/institutions/${s.inst[0]}`, { token: s.prov })).status, 'filed');
  // and the credit archive's event assessment_fail for 丙 (it blocks new plans for the kind's period)
  const ev = ok(await api('GET', `/api/v1/credit-events?subject_type=institution&subject_id=${s.inst[2]}`, { token: s.prov }));
  assert.deepEqual(ev.items.map((x) => [x.kind, x.source_type, x.source_id]), [['assessment_fail', 'assessment', s.run]]);
  assert.equal(ok(await api('GET', `/api/v1/credit-events?subject_type=institution&subject_id=${s.inst[1]}`, { token: s.prov })).total, 0);
  const audit = ok(await api('GET', `/api/v1/audit?entity=assessment&entity_id=${s.run}`, { token: s.prov }));
  assert.ok(audit.items.some((x) => x.action === 'assessment.publish'), JSON.stringify(audit.items.map((x) => x.action)));
  // another run of the same period and region cannot be published too
  const again = ok(await api('POST', '/api/v1/assessments', { token: s.prov, body: { period_from: FROM, period_to: TO, region_code: REGION } }), 201);
  expectError(await api('POST', `/api/v1/assessments/${again.id}/publish`, { token: s.prov }), 409, 'assess_published');
  // the institution: its own row of the published run with the reasons, nothing of the others'
  const mine = ok(await api('GET', `/api/v1/assessments/${s.run}/results`, { token: s.adminA }));
  assert.deepEqual(mine.items.map((x) => x.institution_id), [s.inst[0]]);
  assert.equal(mine.items[0].grade_zh, '优秀');
  // the eight scored indicators and 就业去向, shown with its figure and not scored (DOMAIN §63)
  assert.equal(mine.items[0].indicators.length, 9);
  const emp = mine.items[0].indicators[8];
  assert.equal(emp.code, 'employment');
  assert.equal(emp.status, 'info');
  assert.equal(emp.weight, 0);
  ok(await api('GET', `/api/v1/assessments/${s.run}/results/${s.inst[0]}`, { token: s.adminA }));
  expectError(await api('GET', `/api/v1/assessments/${s.run}/results/${s.inst[1]}`, { token: s.adminA }), 404, 'not_found');
  const runs = ok(await api('GET', '/api/v1/assessments', { token: s.adminA }));
  assert.deepEqual(runs.items.map((x) => x.id), [s.run]);
  const r = ok(await api('GET', `/api/v1/assessments/${s.run}`, { token: s.adminA }));
  assert.equal(r.counts.excellent + r.counts.pass + r.counts.fail, 1);
  // the draft run is not the institution's to read
  expectError(await api('GET', `/api/v1/assessments/${again.id}`, { token: s.adminA }), 404, 'not_found');
  expectError(await api('GET', '/api/v1/assessments'), 401, 'login_required');
});
