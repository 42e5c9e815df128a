// The money paths under concurrent requests (PostgreSQL, READ COMMITTED): each test fires the same request, or two
// requests that exclude each other, at once, with the gate of lib.mjs holding the first write back until every
// request has read what it checks, and asserts that the rule holds and what the user sees. On SQLite the
// requests run one after another and the same assertions hold.
//   平台载体 分期拨付: a tranche paid by four requests at once is paid once (one accrue and one pay entry), the
//   others refused not_approved; 撤销 twice at once recovers once, and a tranche paid beside the revocation is
//   paid before it (and recovered) or refused, never paid and left unrecovered.
//   补贴支付: a claim paid at the window while the city makes its payment batch is paid there or batched, not both.
//   补贴申领: three filings at once for a person with two this year: one checked, two rejected yearly_limit; a
//   技能提升 and a 培训 claim for one course at once: one rejected exclusive_claim.
//   证书撤销: a payment of a claim grounded on the certificate beside its revocation is paid and recovered, or
//   refused after the rejection (no deadlock with the revocation's audit record); a worker's own filing on the
//   certificate beside its revocation is refused certificate_revoked or filed first and rejected.
//   津贴: two stops of one appointment at once stop it once (the other 409 invalid_state, one recovery); a stop
//   beside the month's batch leaves nothing paid after the stop unrecovered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, dbExec, gate, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const meOf = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return m.user || m; };
let seq = 0;

// an established 齐鲁技能大师特色工作站 of 济南's institution (as 48-platform: a call of its own, a lead with a 技师
// certificate, two experts of another institution, 公示 moved to its end), and a 财政 account
let accounts = null;
async function platform() {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const n = unique();
  const instId = (await meOf(org)).institution_id;
  if (!accounts) {
    const qInst = (await meOf(await login('qingdao_org_admin'))).institution_id;
    const user = async (k, body) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `mr${n}${k}`, password: PASSWORD, ...body } }), 201);
    const E1 = await user('e1', { role: 'examiner', institution_id: qInst }), E2 = await user('e2', { role: 'examiner', institution_id: qInst });
    await user('fin', { role: 'finance' });
    const [e1, e2, fin] = await Promise.all(['e1', 'e2', 'fin'].map((k) => login(`mr${n}${k}`, PASSWORD)));
    accounts = { experts: [E1.id, E2.id], e1, e2, fin };
  }
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(2)).occupation_code;
  const lead = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `钱路平台${n % 1000}`, id_number: idNumber('370102', '19620317', 100 + ++seq), employer_id: instId } }), 201).id;
  const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: lead, institution_id: instId, occupation_code: occ, level: 2, exam_date: today, theory: 80, practical: 80, review: 80, correction_reason: '并发测试：历史档案补录' } }), 201);
  ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.id] } }), 201);
  let year = 2601;
  while (ok(await api('GET', `/api/v1/platform/calls?year=${year}`)).total) year++;
  const call = ok(await api('POST', '/api/v1/platform/calls', { token: prov, body: { year, title: `${year} 年平台载体申报（并发 ${n}）`, opens_on: today, closes_on: plusDays(30), types: [{ type_code: 'qilu_workstation', places: 1 }], experts: accounts.experts, min_experts: 2, publicity_days: 1 } }), 201);
  ok(await api('PUT', `/api/v1/platform/calls/${call.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 1 }] } }));
  const A = ok(await api('POST', `/api/v1/platform/calls/${call.id}/applications`, { token: org, body: { type_code: 'qilu_workstation', name: `并发工作站${n}`, lead_person_id: lead } }), 201);
  ok(await api('POST', `/api/v1/platform/applications/${A.id}/recommendation`, { token: jinan, body: { recommend: true } }));
  ok(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  ok(await api('POST', `/api/v1/platform/applications/${A.id}/scores`, { token: accounts.e1, body: { score: 80 } }), 201);
  ok(await api('POST', `/api/v1/platform/applications/${A.id}/scores`, { token: accounts.e2, body: { score: 90 } }), 201);
  ok(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'publicity' } }));
  dbExec(`UPDATE platform_calls SET publicity_until = '2000-01-01' WHERE id = ${call.id}`);
  ok(await api('POST', `/api/v1/platform/calls/${call.id}/status`, { token: prov, body: { status: 'established' } }));
  const P = ok(await api('GET', `/api/v1/platforms?institution_id=${instId}&year=${year}`, { token: org })).items[0];
  assert.equal(P.status, 'established');
  return { P, prov, fin: accounts.fin };
}

// a tranche proposed by the province and approved by 财政
async function approvedTranche(pf, amount, fund_source) {
  const T = ok(await api('POST', `/api/v1/platforms/${pf.P.id}/tranches`, { token: pf.prov, body: { amount, fund_source } }), 201);
  ok(await api('POST', `/api/v1/platform/tranches/${T.id}/decision`, { token: pf.fin, body: { decision: 'approve' } }));
  return T;
}

// the platform's ledger entries of a kind (the memo names the platform: "…（平台 #ID）" or "平台载体撤销追回 NAME：…")
async function platformEntries(prov, kind, mark) {
  const items = ok(await api('GET', `/api/v1/training/ledger/entries?kind=${kind}&page_size=200`, { token: prov })).items;
  return items.filter((x) => x.memo.includes(mark));
}

test('平台载体 a tranche paid by four requests at once: paid once, the others not_approved', async () => {
  const pf = await platform();
  const T = await approvedTranche(pf, '50000', 'special_training');
  const pay = () => api('POST', `/api/v1/platform/tranches/${T.id}/payment`, { token: pf.prov });
  // every payment reads the tranche approved before any marks it paid
  const g = await gate(`UPDATE platform_tranches SET status = status WHERE id = ${Number(T.id)}`);
  const rs = await Promise.all([pay(), pay(), pay(), pay()]);
  await g.opened;
  assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409, 409, 409], JSON.stringify(rs.map((r) => r.data)));
  for (const r of rs.filter((x) => x.status === 409)) expectError(r, 409, 'not_approved');
  const paid = rs.find((r) => r.status === 200).data;
  const mark = `（平台 #${pf.P.id}）`;
  assert.deepEqual((await platformEntries(pf.prov, 'accrue', mark)).map((x) => x.id), [paid.accrue_entry]);
  assert.deepEqual((await platformEntries(pf.prov, 'pay', mark)).map((x) => x.id), [paid.pay_entry]);
  assert.equal(ok(await api('GET', `/api/v1/platforms/${pf.P.id}`, { token: pf.prov })).paid, '50000.00');
  assert.equal(ok(await api('GET', '/api/v1/training/ledger/verify', { token: pf.prov })).ok, true);
});

test('平台载体 撤销 twice at once while a tranche is paid: revoked once, everything paid recovered once', async () => {
  const pf = await platform();
  const T1 = await approvedTranche(pf, '60000', 'special_training');
  ok(await api('POST', `/api/v1/platform/tranches/${T1.id}/payment`, { token: pf.prov }));
  const T2 = await approvedTranche(pf, '40000', 'employment_subsidy');
  const revoke = () => api('POST', `/api/v1/platforms/${pf.P.id}/status`, { token: pf.prov, body: { status: 'revoked', reason: '并发撤销测试' } });
  const pay = () => api('POST', `/api/v1/platform/tranches/${T2.id}/payment`, { token: pf.prov });
  // the revocations read the paid sum and the payment reads the platform established before any writes them
  const g = await gate(`UPDATE platforms SET status = status WHERE id = ${Number(pf.P.id)}; UPDATE platform_tranches SET status = status WHERE id = ${Number(T2.id)}`);
  const [r1, r2, p] = await Promise.all([revoke(), revoke(), pay()]);
  await g.opened;
  assert.deepEqual([r1.status, r2.status].sort(), [200, 409], JSON.stringify([r1.data, r2.data]));
  expectError([r1, r2].find((r) => r.status === 409), 409, 'invalid_state');
  // the payment went first (and is recovered) or found the platform revoked
  if (p.status !== 200) expectError(p, 409, 'invalid_state');
  const P = ok(await api('GET', `/api/v1/platforms/${pf.P.id}`, { token: pf.prov }));
  const tranches = ok(await api('GET', `/api/v1/platform/tranches?platform_id=${pf.P.id}`, { token: pf.prov })).items;
  assert.deepEqual(tranches.map((t) => t.status), ['paid', p.status === 200 ? 'paid' : 'approved']);
  const paid = p.status === 200 ? '100000.00' : '60000.00';
  assert.deepEqual([P.status, P.paid, P.recovered], ['revoked', paid, paid]);
  assert.equal(P.recoveries.length, p.status === 200 ? 2 : 1);
  assert.equal((await platformEntries(pf.prov, 'recover', `平台载体撤销追回 ${P.name}：`)).length, P.recoveries.length);
  assert.equal(ok(await api('GET', '/api/v1/training/ledger/verify', { token: pf.prov })).ok, true);
});

// a payable claim of 济南 (as 66-paybatch: filed by the city, reviewed, 公示 moved to its end)
async function payableClaim(prov, jinan, name, occ = '6-18-01-01') {
  const p = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idNumber('370102', '19620318', 100 + ++seq) } }), 201);
  const c = ok(await api('POST', '/api/v1/training/claims', { token: jinan, body: { person_id: p.id, kind: 'skill_up', occupation_code: occ, level: 4, region_code: '370100', apply_date: '2026-06-30', cert_date: '2026-01-01', insured: [{ start: '2023-06-30' }] } }), 201);
  const move = (status) => api('POST', `/api/v1/training/claims/${c.id}/status`, { token: jinan, body: { status } });
  ok(await move('reviewed'));
  ok(await move('publicity'));
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.id}`);
  assert.equal(ok(await move('payable')).status, 'payable');
  return c.id;
}

test('补贴支付 a claim paid at the window while the city makes its payment batch: paid once, by hand or by the bank', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const id = await payableClaim(prov, jinan, `窗口支付${unique() % 1000}`);
  // the payment at the window counts the claim's batch lines and waits at the claim's row (held longer); the
  // batch reads the claim payable and waits at its first insert, then puts the claim into the batch while the
  // window's payment still waits, and commits
  const gClaim = await gate(`UPDATE subsidy_claims SET status = status WHERE id = ${Number(id)}`, 1600);
  const gBatch = await gate('LOCK TABLE subsidy_pay_batches IN SHARE MODE', 800);
  const [byHand, batch] = await Promise.all([
    api('POST', `/api/v1/training/claims/${id}/status`, { token: jinan, body: { status: 'paid' } }),
    api('POST', '/api/v1/training/pay-batches', { token: jinan, body: {} })]);
  await Promise.all([gClaim.opened, gBatch.opened]);
  const inBatch = batch.status === 201 && batch.data.lines.some((l) => l.claim_id === id);
  if (batch.status !== 201) expectError(batch, 422, 'no_payable_claims');
  // either the batch took it (the window refused: in_pay_batch) or the window paid it (the batch left it out)
  if (inBatch) expectError(byHand, 409, 'in_pay_batch');
  else assert.equal(byHand.status, 200, JSON.stringify(byHand.data));
  const claim = ok(await api('GET', `/api/v1/training/claims/${id}`, { token: jinan }));
  assert.equal(claim.status, inBatch ? 'payable' : 'paid');
  const pays = ok(await api('GET', `/api/v1/training/ledger/entries?claim_id=${id}&kind=pay`, { token: jinan })).items;
  assert.equal(pays.length, inBatch ? 0 : 1);
});

test('补贴申领 filings for one person at once: the 3-a-year limit and 技能提升 / 培训 for one course hold', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const person = async (name) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idNumber('370102', '19620319', 100 + ++seq) } }), 201).id;
  const body = (pid, over) => ({ person_id: pid, kind: 'skill_up', occupation_code: '6-18-01-01', level: 4, region_code: '370100', apply_date: '2026-06-30', cert_date: '2026-01-01', insured: [{ start: '2023-06-30' }], ...over });
  const file = (b) => api('POST', '/api/v1/training/claims', { token: jinan, body: b });
  const failed = (r) => r.data.decision.checks.filter((x) => !x.ok).map((x) => x.code);
  // two 技能提升 claims this year, then three more at once, each reading the two before any is written
  const A = await person(`年限${unique() % 1000}`);
  for (const occupation_code of ['6-18-01-01', '6-18-01-02']) assert.equal(ok(await file(body(A, { occupation_code })), 201).status, 'checked');
  let g = await gate('LOCK TABLE subsidy_claims IN SHARE MODE');
  const three = await Promise.all(['6-18-01-03', '6-18-01-04', '6-18-01-05'].map((occupation_code) => file(body(A, { occupation_code }))));
  await g.opened;
  assert.deepEqual(three.map((r) => r.status), [201, 201, 201], JSON.stringify(three.map((r) => r.data)));
  assert.deepEqual(three.map((r) => r.data.status).sort(), ['checked', 'rejected', 'rejected']);
  for (const r of three.filter((x) => x.data.status === 'rejected')) assert.deepEqual(failed(r), ['yearly_limit']);
  // 技能提升 and 培训 for one course, filed at once: one of them
  const B = await person(`互斥${unique() % 1000}`), course = `course:race${unique()}`;
  g = await gate('LOCK TABLE subsidy_claims IN SHARE MODE');
  const two = await Promise.all([file(body(B, { course })), file(body(B, { kind: 'training', course, class_hours: 40, completed: true }))]);
  await g.opened;
  assert.deepEqual(two.map((r) => r.status), [201, 201], JSON.stringify(two.map((r) => r.data)));
  assert.deepEqual(two.map((r) => r.data.status).sort(), ['checked', 'rejected'], JSON.stringify(two.map((r) => r.data.decision)));
  assert.deepEqual(failed(two.find((r) => r.data.status === 'rejected')), ['exclusive_claim']);
});

// a person with a 五级 certificate of the institution's and a 技能提升 claim grounded on it, moved to payable
// (as 65-claims' 追回 test)
async function certifiedClaim(prov, jinan, name) {
  const org = await login('jinan_org_admin');
  const inst = ok(await api('GET', `/api/v1/institutions/${(await meOf(org)).institution_id}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const idn = idNumber('370102', '19620320', 100 + ++seq);
  const p = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idn } }), 201);
  const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p.id, institution_id: inst.id, occupation_code: occ, level: 5, exam_date: '2026-05-20', theory: 82, practical: 75, correction_reason: '并发测试：历史档案补录' } }), 201);
  const cert = await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.id] } });
  assert.ok(cert.status === 200 || cert.status === 201, JSON.stringify(cert.data));
  const number = cert.data.numbers[0];
  const issued = ok(await api('GET', `/api/v1/certificates/${number}`, { token: prov })).issued_on;
  return { person: p.id, idn, occ, number, issued };
}

test('证书撤销 while a claim grounded on it is paid: paid and recovered, or rejected unpaid; never paid with its accrual reversed', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const k = await certifiedClaim(prov, jinan, `撤销支付${unique() % 1000}`);
  const c = ok(await api('POST', '/api/v1/training/claims', { token: jinan, body: { person_id: k.person, kind: 'skill_up', occupation_code: k.occ, level: 5, region_code: '370100', cert_date: k.issued, insured: [{ start: '2020-01-01' }] } }), 201);
  assert.equal(c.status, 'checked', JSON.stringify(c.decision));
  const move = (status) => api('POST', `/api/v1/training/claims/${c.id}/status`, { token: jinan, body: { status } });
  ok(await move('reviewed'));
  ok(await move('publicity'));
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.id}`);
  ok(await move('payable'));
  // the payment waits at the claim's row (sent first, it is first in the queue), the revocation comes while it
  // waits. Without the claim locked before the revocation's first audit record the revocation read the claim
  // payable, held the audit chain's head and waited for the claim, while the payment, let through first,
  // waited for the chain's head: a deadlock, and one of them refused 503 db_retry
  const g = await gate(`UPDATE subsidy_claims SET status = status WHERE id = ${Number(c.id)}`);
  const paying = move('paid');
  await new Promise((resolve) => setTimeout(resolve, 150));
  const [pay, rv] = await Promise.all([paying, api('POST', `/api/v1/certificates/${k.number}/revoke`, { token: prov, body: { reason: '以欺骗手段取得' } })]);
  await g.opened;
  assert.equal(rv.status, 200, JSON.stringify(rv.data));
  const kinds = ok(await api('GET', `/api/v1/training/ledger/entries?claim_id=${c.id}&sort=seq`, { token: jinan })).items.map((x) => x.kind);
  const after = ok(await api('GET', `/api/v1/training/claims/${c.id}`, { token: jinan })).status;
  if (pay.status === 200) assert.deepEqual([after, kinds], ['recovered', ['accrue', 'pay', 'recover']]);
  else {
    // refused: the claim rejected by the revocation before the payment read it (invalid_transition) or after
    assert.equal(pay.status, 409, JSON.stringify(pay.data));
    assert.ok(['invalid_state', 'invalid_transition'].includes(pay.data.error.code), JSON.stringify(pay.data));
    assert.deepEqual([after, kinds], ['rejected', ['accrue', 'reverse']]);
  }
  assert.equal(ok(await api('GET', '/api/v1/training/ledger/verify', { token: prov })).ok, true);
});

test('证书撤销 while the worker files a claim on it: the claim refused certificate_revoked, or filed first and rejected by the revocation', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const k = await certifiedClaim(prov, jinan, `撤销申领${unique() % 1000}`);
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `mrc${unique()}`, password: PASSWORD, role: 'candidate', person_id: k.person } }), 201);
  const self = await login(u.username, PASSWORD);
  // the insurance months from the imported 参保记录 (本人申领 takes none from the worker)
  ok(await api('POST', '/api/v1/training/insurance-records', { token: prov, raw: `公民身份号码,参保开始,参保结束,参保地\n${k.idn},2020-01-01,,370100\n`, headers: { 'Content-Type': 'text/csv' } }));
  // the revocation waits at the audit log after it marked the certificate, the filing at its insert after it
  // read the certificate; the revocation goes on first
  const g = await gate(`UPDATE audit_head SET seq = seq WHERE id = 1; LOCK TABLE subsidy_claims IN SHARE MODE`);
  const [rv, filed] = await Promise.all([
    api('POST', `/api/v1/certificates/${k.number}/revoke`, { token: prov, body: { reason: '以欺骗手段取得' } }),
    api('POST', '/api/v1/training/my-claims', { token: self, body: { kind: 'skill_up', certificate_no: k.number } })]);
  await g.opened;
  assert.equal(rv.status, 200, JSON.stringify(rv.data));
  if (filed.status === 201) {
    assert.equal(filed.data.status, 'checked', JSON.stringify(filed.data.decision)); // filed first: every condition held
    assert.equal(ok(await api('GET', `/api/v1/training/claims/${filed.data.id}`, { token: jinan })).status, 'rejected');
  }
  else expectError(filed, 409, 'certificate_revoked');
  const live = ok(await api('GET', `/api/v1/training/claims?person_id=${k.person}`, { token: prov })).items.filter((x) => x.status !== 'rejected');
  assert.deepEqual(live, []);
});

// two 齐鲁首席技师 appointees of a round of the first free year from 2100 down (as 54-incentive-stops and
// 98-selections: 技师 certificates, one expert's scores, 公示 moved to its end), their term from 2012-01 (no
// other suite pays months of 2012: a batch of such a month pays these two only); 2012-01..03 paid
async function appointees(prov, jinan) {
  const org = await login('jinan_org_admin');
  const n = unique();
  const instId = (await meOf(org)).institution_id;
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(2)).occupation_code;
  const P = [];
  for (let i = 0; i < 2; i++) P.push(ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `津贴并发${n % 1000}人${i}`, id_number: idNumber('370102', '19830317', 100 + ++seq), employer_id: instId } }), 201).id);
  const results = [];
  for (const p of P) results.push(ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p, institution_id: instId, occupation_code: occ, level: 2, exam_date: today, theory: 80, practical: 80, review: 80, correction_reason: '并发测试：历史档案补录' } }), 201).id);
  ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: results } }), 201);
  const years = new Set(ok(await api('GET', '/api/v1/selections/rounds?programme=qilu_chief')).items.map((r) => r.year));
  let year = 2100;
  while (years.has(year)) year--;
  const R = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year, title: `${year} 年齐鲁首席技师（并发 ${n}）`, places: 2, ref_date: '2011-06-01', min_experts: 1 } }), 201);
  ok(await api('PUT', `/api/v1/selections/rounds/${R.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 2 }] } }));
  const noms = [];
  for (const p of P) noms.push(ok(await api('POST', `/api/v1/selections/rounds/${R.id}/nominations`, { token: jinan, body: { person_id: p, front_line: true } }), 201).id);
  const qOrg = await meOf(await login('qingdao_org_admin'));
  const expert = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `mrx${n}`, password: PASSWORD, role: 'examiner', institution_id: qOrg.institution_id } }), 201).id;
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  for (const id of noms) ok(await api('POST', `/api/v1/selections/nominations/${id}/scores`, { token: prov, body: { expert_id: expert, score: 85 } }), 201);
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'publicity' } }));
  dbExec(`UPDATE selection_rounds SET publicity_end = '2011-12-20' WHERE id = ${R.id}`);
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2012-01-01' } }));
  for (const month of ['2012-01', '2012-02', '2012-03']) ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month } }), 201);
  return noms;
}

test('津贴 a stop twice at once stops once; a stop beside the month\'s batch: nothing paid after it stays unrecovered', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const [N1, N2] = await appointees(prov, jinan);
  const nom = async (id) => ok(await api('GET', `/api/v1/selections/nominations/${id}`, { token: prov }));
  const end = (id, reason, on) => api('POST', `/api/v1/selections/nominations/${id}/end`, { token: prov, body: { reason, on } });
  // two stops of N1 at once, each reading it appointed: one ends it (2012-03 recovered once), the other refused
  let g = await gate(`UPDATE selection_nominations SET status = status WHERE id = ${Number(N1)}`);
  const two = await Promise.all([end(N1, 'revoked', '2012-02-10'), end(N1, 'left_province', '2012-02-20')]);
  await g.opened;
  assert.deepEqual(two.map((r) => r.status).sort(), [200, 409], JSON.stringify(two.map((r) => r.data)));
  expectError(two.find((r) => r.status === 409), 409, 'invalid_state');
  const [reason, on] = [['revoked', '2012-02-10'], ['left_province', '2012-02-20']][two.findIndex((r) => r.status === 200)];
  const a = await nom(N1);
  assert.deepEqual([a.status, a.end_reason, a.ended_on], ['ended', reason, on]);
  assert.deepEqual(a.allowance.payments.filter((p) => p.status === 'recovered').map((p) => p.month), ['2012-03']);
  assert.equal(a.allowance.recovered_fen, 100000);
  // N2 stopped in 2012-03 while the 2012-04 batch runs: the stop has written and waits at the audit log, the
  // batch reads N2 and waits at its payment's insert; the stop commits first
  g = await gate('UPDATE audit_head SET seq = seq WHERE id = 1; LOCK TABLE selection_payments IN SHARE MODE');
  const [stop, batch] = await Promise.all([end(N2, 'death', '2012-03-10'), api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: '2012-04' } })]);
  await g.opened;
  assert.equal(stop.status, 200, JSON.stringify(stop.data));
  assert.equal(batch.status, 201, JSON.stringify(batch.data));
  const b = await nom(N2);
  assert.equal(b.status, 'ended');
  // whatever the batch paid for 2012-04 came back; paid and not recovered: to 2012-03 only
  assert.deepEqual(b.allowance.payments.filter((p) => p.status === 'paid').map((p) => p.month), ['2012-01', '2012-02', '2012-03']);
  assert.equal(ok(await api('GET', '/api/v1/training/ledger/verify', { token: prov })).ok, true);
});
