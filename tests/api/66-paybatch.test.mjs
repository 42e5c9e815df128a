// 补贴支付批次 through the API (issue 14 item 5): the city puts its payable claims into a batch (a claim in one
// live batch only), exports the bank file (the full 社会保障号码, audited), and imports the bank's results:
// a paid line pays the claim with its ledger entry, a failed one leaves it payable with the reason and frees
// it for the next batch, an unknown line is a rejected row; importing the same results twice pays nothing
// twice, and `jineng ledger verify` still holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, idNumber, unique, dbExec } from './lib.mjs';

const claim = (person, occ) => ({
  person_id: person, kind: 'skill_up', occupation_code: occ, level: 4, region_code: '370100',
  apply_date: '2026-06-30', cert_date: '2026-01-01', insured: [{ start: '2023-06-30' }],
});

async function payableClaim(prov, jinan, name, occ) {
  const idn = idNumber('370102', '19910404', 101 + (unique() % 440) * 2);
  const p = await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idn } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const c = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(p.data.id, occ) });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const move = (status) => api('POST', `/api/v1/training/claims/${c.data.id}/status`, { token: jinan, body: { status } });
  assert.equal((await move('reviewed')).status, 200);
  assert.equal((await move('publicity')).status, 200);
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.data.id}`);
  const r = await move('payable');
  assert.equal(r.data.status, 'payable', JSON.stringify(r.data));
  return { id: c.data.id, idn, name };
}

const csv = (rows) => ['批次号,序号,申领编号,结果,原因', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';

test('a payment batch goes to the bank and its results come back once', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const a = await payableClaim(prov, jinan, '支付甲', '6-18-01-01');
  const b = await payableClaim(prov, jinan, '支付乙', '6-18-01-01');

  // the city's batch holds both; the JSON masks, the bank file does not
  const bt = await api('POST', '/api/v1/training/pay-batches', { token: jinan, body: {} });
  assert.equal(bt.status, 201, JSON.stringify(bt.data));
  assert.equal(bt.data.region_code, '370100');
  const la = bt.data.lines.find((l) => l.claim_id === a.id), lb = bt.data.lines.find((l) => l.claim_id === b.id);
  assert.ok(la && lb, 'both claims are in the batch');
  assert.equal(la.status, 'sent');
  assert.notEqual(la.id_number, a.idn);
  assert.ok(!JSON.stringify(bt.data).includes(a.idn), 'no full id number in the JSON');
  // a claim is in one live batch only: nothing left to batch for these two
  const again = await api('POST', '/api/v1/training/pay-batches', { token: jinan, body: {} });
  if (again.status === 201) assert.ok(!again.data.lines.some((l) => l.claim_id === a.id || l.claim_id === b.id));
  else expectError(again, 422, 'no_payable_claims');
  // in a batch sent to the bank, the window does not pay it
  expectError(await api('POST', `/api/v1/training/claims/${a.id}/status`, { token: jinan, body: { status: 'paid' } }), 409, 'in_pay_batch');
  // another city neither sees nor batches it
  expectError(await api('GET', `/api/v1/training/pay-batches/${bt.data.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/training/pay-batches/${bt.data.id}/file`, { token: qingdao }), 404, 'not_found');
  expectError(await api('POST', '/api/v1/training/pay-batches', { token: qingdao, body: { region_code: '370100' } }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/training/pay-batches/999999999', { token: prov }), 404, 'not_found');

  const f = await api('GET', `/api/v1/training/pay-batches/${bt.data.id}/file`, { token: jinan });
  assert.equal(f.status, 200);
  assert.match(f.headers.get('content-type'), /text\/csv/);
  const text = f.data.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  assert.equal(lines[0], '批次号,序号,申领编号,姓名,社会保障号码,金额（分）,金额（元）');
  assert.ok(lines.includes(`${bt.data.id},${la.line_no},${a.id},${a.name},${a.idn},150000,1500.00`), text);
  const got = await api('GET', `/api/v1/training/pay-batches/${bt.data.id}`, { token: prov });
  assert.equal(got.status, 200);
  assert.ok(got.data.exported_at > 0);

  // the bank's results: a paid, b failed, one unknown line rejected
  const results = csv([[bt.data.id, la.line_no, a.id, '成功', ''], [bt.data.id, lb.line_no, b.id, '失败', '社保卡未激活'], [bt.data.id, 9999, a.id, '成功', '']]);
  let r = await api('POST', `/api/v1/training/pay-batches/${bt.data.id}/results`, { token: jinan, raw: results, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.paid, r.data.failed, r.data.unchanged, r.data.rejected], [1, 1, 0, 1]);
  assert.equal(r.data.errors[0].code, 'unknown_line');
  // the same file again: nothing changes, nothing is paid twice
  r = await api('POST', `/api/v1/training/pay-batches/${bt.data.id}/results`, { token: jinan, raw: results, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual([r.data.paid, r.data.failed, r.data.unchanged, r.data.rejected], [0, 0, 2, 1]);
  // the other result for a line already decided is refused
  r = await api('POST', `/api/v1/training/pay-batches/${bt.data.id}/results`, { token: jinan, raw: csv([[bt.data.id, la.line_no, a.id, 'failed', '退回']]), headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.data.rejected, 1);
  assert.equal(r.data.errors[0].code, 'result_conflict');
  expectError(await api('POST', `/api/v1/training/pay-batches/${bt.data.id}/results`, { token: qingdao, raw: results, headers: { 'Content-Type': 'text/csv' } }), 404, 'not_found');

  const ca = await api('GET', `/api/v1/training/claims/${a.id}`, { token: jinan });
  assert.equal(ca.data.status, 'paid');
  const cb = await api('GET', `/api/v1/training/claims/${b.id}`, { token: jinan });
  assert.equal(cb.data.status, 'payable');
  const pays = dbExec(`SELECT 'n=' || COUNT(*) FROM ledger_entries WHERE claim_id = ${a.id} AND kind = 'pay'`);
  assert.match(String(pays), /n=1\b/, 'one pay entry');
  const after = await api('GET', `/api/v1/training/pay-batches/${bt.data.id}`, { token: jinan });
  assert.equal(after.data.lines.find((l) => l.claim_id === b.id).reason, '社保卡未激活');
  assert.ok(after.data.lines.find((l) => l.claim_id === a.id).pay_entry > 0);

  // the failed claim goes into the next batch
  const next = await api('POST', '/api/v1/training/pay-batches', { token: prov, body: { region_code: '370100' } });
  assert.equal(next.status, 201, JSON.stringify(next.data));
  assert.ok(next.data.lines.some((l) => l.claim_id === b.id));
  assert.ok(!next.data.lines.some((l) => l.claim_id === a.id));

  // 冲正 at the window after the bank paid it: the line lets the claim go, the next batch takes it again
  const rv = await api('POST', `/api/v1/training/claims/${a.id}/status`, { token: jinan, body: { status: 'payable', reason: '银行退回：账户已注销' } });
  assert.equal(rv.status, 200, JSON.stringify(rv.data));
  const back = await api('GET', `/api/v1/training/pay-batches/${bt.data.id}`, { token: jinan });
  assert.equal(back.data.lines.find((l) => l.claim_id === a.id).status, 'failed');
  const third = await api('POST', '/api/v1/training/pay-batches', { token: jinan, body: {} });
  assert.equal(third.status, 201, JSON.stringify(third.data));
  assert.ok(third.data.lines.some((l) => l.claim_id === a.id));

  const v = spawnSync(process.env.JINENG_BIN, ['ledger', 'verify', '--db', process.env.JINENG_DB_URL], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /ledger balances/);
});
