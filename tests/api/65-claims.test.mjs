// 补贴申领 through the API (issue 14): filed at the city's window and decided by the rules with every condition
// explained; one live claim per person, kind, occupation and level across cities (409 already_claimed); the
// workflow with its 5-working-day 公示 and its ledger entries (accrue, pay, reverse, recover); who may read and
// move a claim; and `jineng ledger verify` on the server's database afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const APPLY = '2026-06-30';
const claim = (person, over = {}) => ({
  person_id: person, kind: 'skill_up', occupation_code: '6-18-01-01', level: 4, region_code: '370100',
  apply_date: APPLY, cert_date: '2026-01-01', insured: [{ start: '2023-06-30' }], ...over,
});

test('a claim is decided by the rules, once across cities, and paid through its workflow and the ledger', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const p = await api('POST', '/api/v1/persons', { token: prov, body: { name: '补贴测试', id_number: idNumber('370102', '19900313', 101 + (unique() % 440) * 2) } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const pid = p.data.id;

  // exactly 36 months of unemployment insurance: checked, 四级 1,500 元, every condition explained
  const c = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(pid) });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  assert.equal(c.data.status, 'checked');
  assert.equal(c.data.amount_fen, 150000);
  assert.equal(c.data.decision.ok, true);
  // 济南 has rules by 重点群体 (the demo's 退役军人 one, DOMAIN §64): the claim then also says that this person, holding
  // none, is paid on the general terms (the amount unchanged)
  const ids = c.data.decision.checks.map((x) => x.id);
  assert.deepEqual(ids.filter((x) => x !== 'key_group'), ['level', 'insured', 'certificate', 'within_period', 'per_year', 'once', 'exclusive']);
  if (ids.includes('key_group')) assert.match(c.data.decision.checks.find((x) => x.id === 'key_group').zh, /按一般标准/);
  assert.ok(c.data.decision.checks.every((x) => x.ok && x.code === '' && x.zh && x.en));
  // the same claim in another city: refused by the province-wide key
  expectError(await api('POST', '/api/v1/training/claims', { token: qingdao, body: claim(pid, { region_code: '370200' }) }), 409, 'already_claimed');
  // a city files only in its own region
  expectError(await api('POST', '/api/v1/training/claims', { token: qingdao, body: claim(pid, { occupation_code: '6-18-01-02' }) }), 403, 'forbidden');
  // one day short of 36 months: filed as rejected, with the reason
  const short = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(pid, { occupation_code: '6-18-01-03', insured: [{ start: '2023-07-01' }] }) });
  assert.equal(short.status, 201, JSON.stringify(short.data));
  assert.equal(short.data.status, 'rejected');
  assert.equal(short.data.amount_fen, 0);
  const failed = short.data.decision.checks.find((x) => !x.ok);
  assert.equal(failed.id, 'insured');
  assert.equal(failed.code, 'insurance_short');
  assert.match(failed.zh, /不满36个月/);
  // input errors
  expectError(await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(pid, { kind: 'bonus' }) }), 422, 'invalid_value');
  expectError(await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(pid, { cert_date: '2026-02-30' }) }), 422, 'invalid_date');
  expectError(await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(999999999) }), 404, 'not_found');

  // who reads: the person their own, the city its region; another city nothing
  const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `claim${unique()}`, password: PASSWORD, role: 'candidate', person_id: pid } });
  assert.equal(u.status, 201, JSON.stringify(u.data));
  const self = await login(u.data.username, PASSWORD);
  const mine = await api('GET', `/api/v1/training/claims/${c.data.id}`, { token: self });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.data.actions, []);
  expectError(await api('GET', `/api/v1/training/claims/${c.data.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/training/claims/${c.data.id}/status`, { token: qingdao, body: { status: 'reviewed' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/training/claims/${c.data.id}/status`, { token: self, body: { status: 'reviewed' } }), 403, 'forbidden');

  const move = (status, reason) => api('POST', `/api/v1/training/claims/${c.data.id}/status`, { token: jinan, body: { status, reason } });
  expectError(await move('paid'), 409, 'invalid_transition');
  let r = await move('reviewed');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.entry_id, null);
  r = await move('publicity');
  assert.equal(r.data.status, 'publicity');
  assert.match(r.data.publicity_end, /^\d{4}-\d{2}-\d{2}$/);
  expectError(await move('payable'), 409, 'publicity_not_over');
  // the 公示 began a month ago: over
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.data.id}`);
  r = await move('payable');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.ok(r.data.entry_id > 0, 'the accrue entry');
  r = await move('paid');
  assert.equal(r.data.status, 'paid');
  const pay = r.data.entry_id;
  expectError(await move('payable'), 422, 'missing_field');
  r = await move('payable', '银行退回：社保卡账户未激活');
  assert.equal(r.data.status, 'payable');
  assert.ok(r.data.entry_id > pay);
  r = await move('paid');
  r = await move('recovered', '证书已撤销');
  assert.equal(r.data.status, 'recovered');
  assert.equal(r.data.actions.length, 0);

  // the lists: the city its region, the person their own, another city none; CSV for finance
  let l = await api('GET', `/api/v1/training/claims?person_id=${pid}&page_size=500`, { token: jinan });
  assert.equal(l.status, 200);
  assert.deepEqual(l.data.items.map((x) => x.id).sort((a, b) => a - b), [c.data.id, short.data.id].sort((a, b) => a - b));
  l = await api('GET', `/api/v1/training/claims?person_id=${pid}&status=recovered`, { token: self });
  assert.deepEqual(l.data.items.map((x) => [x.id, x.status, x.amount_fen]), [[c.data.id, 'recovered', 150000]]);
  l = await api('GET', `/api/v1/training/claims?person_id=${pid}`, { token: qingdao });
  assert.equal(l.data.total, 0);
  l = await api('GET', `/api/v1/training/claims?person_id=${pid}&sort=-amount_fen&format=csv`, { token: prov });
  assert.equal(l.status, 200);
  const csv = Buffer.isBuffer(l.data) ? l.data.toString('utf8') : String(l.data);
  assert.match(csv, /申领编号/);
  assert.ok(csv.indexOf(`${c.data.id},`) < csv.indexOf(`${short.data.id},`), 'sorted by amount, largest first');
  expectError(await api('GET', '/api/v1/training/claims?sort=person_id', { token: prov }), 422, 'invalid_value');

  // the ledger's accounts: the person their own (payable and recovery), the city its region, not another
  const accs = await api('GET', '/api/v1/training/ledger/accounts?page_size=500', { token: self });
  assert.equal(accs.status, 200);
  assert.deepEqual(accs.data.items.map((a) => a.code).sort(), [`payable:person:${pid}`, `recovery:person:${pid}`]);
  assert.deepEqual(accs.data.items.map((a) => a.balance_fen), [0, 150000]); // owes the recovered 1,500 元
  const fund = await api('GET', '/api/v1/training/ledger/accounts?kind=fund&region_code=370100', { token: jinan });
  assert.deepEqual(fund.data.items.map((a) => a.code), ['fund:370100']);
  const none = await api('GET', '/api/v1/training/ledger/accounts?kind=fund&region_code=370100', { token: qingdao });
  assert.equal(none.data.total, 0);

  // the ledger the server wrote balances
  const v = spawnSync(process.env.JINENG_BIN, ['ledger', 'verify', '--db', process.env.JINENG_DB_URL], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /ledger balances: \d+ entries/);
});

test('revoking the certificate recovers the paid subsidy it grounded (追回), in the same transaction', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const inst = (await api('GET', `/api/v1/institutions/${(me.user || me).institution_id}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  assert.ok(scope, 'the institution evaluates a level-5 occupation');
  const p = await api('POST', '/api/v1/persons', { token: prov, body: { name: '追回测试', id_number: idNumber('370102', '19920404', 101 + (unique() % 440) * 2) } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const res = await api('POST', '/api/v1/results', { token: prov, body: { person_id: p.data.id, institution_id: inst.id, occupation_code: scope.occupation_code, level: 5, exam_date: '2026-05-20', theory: 82, practical: 75, correction_reason: '补贴测试：历史档案补录' } });
  assert.equal(res.status, 201, JSON.stringify(res.data));
  const cert = await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: [res.data.id] } });
  assert.ok(cert.status === 200 || cert.status === 201, JSON.stringify(cert.data));
  const number = cert.data.numbers[0];
  const issued = (await api('GET', `/api/v1/certificates/${number}`, { token: prov })).data.issued_on;
  const c = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(p.data.id, { occupation_code: scope.occupation_code, level: 5, apply_date: undefined, cert_date: issued, insured: [{ start: '2020-01-01' }] }) });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  assert.equal(c.data.status, 'checked', JSON.stringify(c.data.decision));
  assert.equal(c.data.amount_fen, 100000);
  const move = (status) => api('POST', `/api/v1/training/claims/${c.data.id}/status`, { token: jinan, body: { status } });
  await move('reviewed');
  await move('publicity');
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.data.id}`);
  assert.equal((await move('payable')).status, 200);
  assert.equal((await move('paid')).data.status, 'paid');
  const rv = await api('POST', `/api/v1/certificates/${number}/revoke`, { token: prov, body: { reason: '以欺骗手段取得' } });
  assert.equal(rv.status, 200, JSON.stringify(rv.data));
  const after = await api('GET', `/api/v1/training/claims/${c.data.id}`, { token: jinan });
  assert.equal(after.data.status, 'recovered');
  const v = spawnSync(process.env.JINENG_BIN, ['ledger', 'verify', '--db', process.env.JINENG_DB_URL], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});
