// 财务导出 (issue 14 item 7): the finance office's workbooks, opened and summed against the ledger. A city's
// claims are paid through a batch (one paid, one failed), one paid claim is reversed at the window (冲正) and
// another recovered (追回); then: the ledger's entries of a period as XLSX balance (借方合计 = 贷方合计, each
// account's movement over the whole ledger equals its balance from GET /training/ledger/accounts), the batch's
// workbook sums to the batch's total and its paid lines to the ledger's pay entries, and the claims by city
// agree with the ledger's entries and the clearing account. Each workbook is audited; another city is refused.
// Also the attendance table of a class (trainees × sessions) that the institution's class page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, creditCode, unique, dbExec, PASSWORD } from './lib.mjs';
import { readXlsx, table, fen } from './xlsx-read.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const dayAfter = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

async function payableClaim(prov, city, region, county, name, occ, level) {
  const idn = idNumber(county, '19880818', 101 + (unique() % 440) * 2);
  const p = await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idn } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const c = await api('POST', '/api/v1/training/claims', {
    token: city,
    body: { person_id: p.data.id, kind: 'skill_up', occupation_code: occ, level, region_code: region, cert_date: dayAfter(today, -30), insured: [{ start: '2020-01-01' }] },
  });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  assert.equal(c.data.status, 'checked', JSON.stringify(c.data.decision));
  const move = (status, reason) => api('POST', `/api/v1/training/claims/${c.data.id}/status`, { token: city, body: { status, reason } });
  for (const s of ['reviewed', 'publicity']) assert.equal((await move(s)).status, 200);
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${c.data.id}`);
  assert.equal((await move('payable')).data.status, 'payable');
  return { id: c.data.id, amount: c.data.amount_fen, move };
}

async function allPages(token, path) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await api('GET', `/api/v1${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=500`, { token });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    out.push(...r.data.items);
    if (out.length >= r.data.total || !r.data.items.length) return out;
  }
}

async function xlsx(token, path) {
  const r = await api('GET', `/api/v1${path}`, { token });
  assert.equal(r.status, 200, `${path}: ${r.status} ${r.data}`);
  assert.equal(r.headers.get('content-type'), XLSX);
  assert.ok(Buffer.isBuffer(r.data) && r.data.subarray(0, 2).toString() === 'PK', 'a ZIP file');
  return readXlsx(r.data);
}

test('finance workbooks sum to the ledger', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const occ = `6-18-01-0${1 + (unique() % 4)}`;
  const a = await payableClaim(prov, jinan, '370100', '370102', '财务甲', occ, 5);
  const b = await payableClaim(prov, jinan, '370100', '370102', '财务乙', occ, 4);
  const c = await payableClaim(prov, jinan, '370100', '370102', '财务丙', occ, 3);
  const d = await payableClaim(prov, jinan, '370100', '370102', '财务丁', occ, 5);

  // the batch: a, b, d paid by the bank, c failed
  const bt = await api('POST', '/api/v1/training/pay-batches', { token: jinan, body: {} });
  assert.equal(bt.status, 201, JSON.stringify(bt.data));
  const line = (x) => bt.data.lines.find((l) => l.claim_id === x.id);
  const res = ['批次号,序号,申领编号,结果,原因',
    ...[a, b, d].map((x) => `${bt.data.id},${line(x).line_no},${x.id},成功,`),
    `${bt.data.id},${line(c).line_no},${c.id},失败,账户已冻结`].join('\r\n') + '\r\n';
  const rr = await api('POST', `/api/v1/training/pay-batches/${bt.data.id}/results`, { token: jinan, raw: res, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(rr.status, 200, JSON.stringify(rr.data));
  assert.equal(rr.data.paid, 3);
  // b comes back from the bank (冲正), d is recovered (追回)
  assert.equal((await b.move('payable', '银行退回：账户已注销')).status, 200);
  assert.equal((await d.move('recovered', '证书已撤销')).status, 200);

  // the batches list: the city's own, with the line counts; not another city's
  const mine = (await allPages(jinan, '/training/pay-batches')).find((x) => x.id === bt.data.id);
  assert.ok(mine, 'the batch is listed');
  assert.equal(mine.region_name, '济南市');
  assert.deepEqual([mine.paid, mine.failed, mine.sent], [2, 2, bt.data.nlines - 4], 'other payable claims of the city (the demo\'s) wait for the bank');
  assert.ok(!(await allPages(qingdao, '/training/pay-batches')).some((x) => x.id === bt.data.id));

  // the ledger's entries of a's claim: accrue and pay, each summing to zero
  const ea = await allPages(jinan, `/training/ledger/entries?claim_id=${a.id}`);
  assert.deepEqual(ea.map((e) => e.kind).sort(), ['accrue', 'pay']);
  for (const e of ea) {
    assert.equal(e.region_name, '济南市');
    assert.equal(e.lines.reduce((s, l) => s + l.amount_fen, 0), 0);
    assert.equal(e.amount_fen, a.amount);
  }
  assert.equal((await allPages(qingdao, `/training/ledger/entries?claim_id=${a.id}`)).length, 0);
  expectError(await api('GET', '/api/v1/training/ledger/entries?from=2026-13-01', { token: jinan }), 422, 'invalid_date');

  // the proof
  const v = await api('GET', '/api/v1/training/ledger/verify', { token: jinan });
  assert.equal(v.status, 200);
  assert.equal(v.data.ok, true, v.data.problem);
  assert.equal(v.data.problem, '');

  // 1. the whole ledger (the province): debits = credits, and every account's movement = its balance
  const all = await xlsx(prov, '/training/finance/ledger');
  assert.deepEqual(all.map((s) => s.name), ['分录明细', '科目汇总']);
  assert.match(all[0].rows.map((r) => r?.[0]).join('\n'), /台账校验：通过/);
  const lines = table(all[0], '凭证号');
  const dr = lines.data.reduce((s, r) => s + fen(r['借方金额（元）'] ?? 0), 0);
  const cr = lines.data.reduce((s, r) => s + fen(r['贷方金额（元）'] ?? 0), 0);
  assert.equal(dr, cr, 'the ledger balances in the workbook');
  assert.equal(fen(lines.total['借方金额（元）']), dr);
  assert.equal(fen(lines.total['贷方金额（元）']), cr);
  assert.equal(dr, v.data.debits_fen, 'the workbook holds every debit the proof counted');
  assert.equal(new Set(lines.data.map((r) => r['凭证号'])).size, v.data.entries);
  const accounts = new Map((await allPages(prov, '/training/ledger/accounts')).map((x) => [x.code, x.balance_fen]));
  const sums = table(all[1], '科目代码');
  for (const r of sums.data) {
    assert.equal(fen(r['本期净额（元）']), fen(r['当前余额（元）']), `${r['科目代码']}: whole-ledger movement = balance`);
    assert.equal(fen(r['当前余额（元）']), accounts.get(r['科目代码']), `${r['科目代码']}: the balance of the accounts API`);
  }
  assert.equal(fen(sums.total['本期净额（元）']), 0);
  assert.equal(fen(sums.total['本期借方（元）']), dr);

  // 2. today's entries of 济南 (the city): this test's claims are there, nothing of another day or city
  const day = await xlsx(jinan, `/training/finance/ledger?from=${today}&to=${today}`);
  const dl = table(day[0], '凭证号');
  for (const x of [a, b, c, d]) assert.ok(dl.data.some((r) => r['申领编号'] === x.id), `claim ${x.id} in today's entries`);
  assert.ok(dl.data.every((r) => r['记账时间'].startsWith(today) && r['地市'] === '济南市'));
  assert.equal(fen(dl.total['借方金额（元）']), fen(dl.total['贷方金额（元）']));
  const kinds = dl.data.filter((r) => r['申领编号'] === d.id).map((r) => r['业务类型']);
  assert.ok(kinds.includes('追回') && kinds.includes('支付') && kinds.includes('核定应付'), kinds.join());
  assert.ok(dl.data.some((r) => r['申领编号'] === b.id && r['业务类型'] === '冲正'));
  const empty = await xlsx(jinan, `/training/finance/ledger?from=${dayAfter(today, 1)}&to=${dayAfter(today, 2)}`);
  assert.equal(table(empty[0], '凭证号').data.length, 0);
  assert.equal(fen(table(empty[0], '凭证号').total['借方金额（元）']), 0);
  expectError(await api('GET', `/api/v1/training/finance/ledger?from=${today}&to=${dayAfter(today, -1)}`, { token: jinan }), 422, 'invalid_period');
  expectError(await api('GET', '/api/v1/training/finance/ledger?to=31-12-2026', { token: jinan }), 422, 'invalid_date');
  expectError(await api('GET', '/api/v1/training/finance/ledger?region_code=370100', { token: qingdao }), 403, 'forbidden');

  // 3. the batch: lines sum to its total, the paid ones to the ledger's pay entries of those claims
  const wb = await xlsx(jinan, `/training/pay-batches/${bt.data.id}/xlsx`);
  const bl = table(wb[0], '序号');
  assert.equal(bl.data.length, bt.data.nlines);
  assert.equal(fen(bl.total['金额（元）']), bt.data.total_fen);
  assert.ok(!JSON.stringify(wb).includes('财务甲'), 'names are masked');
  const byStatus = Object.fromEntries(table(wb[1], '支付状态').data.map((r) => [r['支付状态'], r]));
  let payEntries = 0;
  for (const x of [a, b, d]) payEntries += (await allPages(jinan, `/training/ledger/entries?claim_id=${x.id}&kind=pay`)).reduce((s, e) => s + e.amount_fen, 0);
  // b's line turned failed with the 冲正: paid lines a and d
  assert.equal(fen(byStatus['已支付']['金额（元）']), a.amount + d.amount);
  assert.equal(payEntries, a.amount + b.amount + d.amount);
  assert.equal(byStatus['支付失败']['笔数'], 2);
  assert.equal(fen(byStatus['支付失败']['金额（元）']), b.amount + c.amount);
  expectError(await api('GET', `/api/v1/training/pay-batches/${bt.data.id}/xlsx`, { token: qingdao }), 404, 'not_found');

  // 4. claims by city: the JSON and the workbook agree with the ledger's entries and the clearing account
  const sum = await api('GET', '/api/v1/training/finance/claims', { token: prov });
  assert.equal(sum.status, 200, JSON.stringify(sum.data));
  const jn = sum.data.items.find((x) => x.region_code === '370100');
  const entries = await allPages(prov, '/training/ledger/entries?region_code=370100');
  const tot = (k, f = () => true) => entries.filter((e) => e.kind === k && f(e)).reduce((s, e) => s + e.amount_fen, 0);
  const pays = new Set(entries.filter((e) => e.kind === 'pay').map((e) => e.id));
  assert.equal(jn.paid_fen, tot('pay'));
  assert.equal(jn.reversed_fen, tot('reverse', (e) => pays.has(e.reverses)));
  assert.equal(jn.recovered_fen, tot('recover'));
  assert.equal(jn.returned_fen, tot('recovered'));
  assert.equal(jn.net_fen, jn.paid_fen - jn.reversed_fen - jn.recovered_fen);
  assert.equal(-accounts.get('clearing:370100'), jn.paid_fen - jn.reversed_fen - jn.returned_fen, 'the bank clearing account');
  assert.ok(jn.claims.paid >= 1 && jn.claims.recovered >= 1);
  assert.equal(sum.data.totals.paid_fen, sum.data.items.reduce((s, x) => s + x.paid_fen, 0));
  const cw = await xlsx(prov, '/training/finance/claims?format=xlsx');
  const ct = table(cw[0], '地市代码');
  const jr = ct.data.find((r) => r['地市代码'] === '370100');
  assert.equal(fen(jr['支付金额（元）']), jn.paid_fen);
  assert.equal(fen(jr['追回金额（元）']), jn.recovered_fen);
  assert.equal(fen(jr['净支出（元）']), jn.net_fen);
  assert.equal(fen(ct.total['支付金额（元）']), sum.data.totals.paid_fen);
  // the city sees its own only
  const cityView = await api('GET', `/api/v1/training/finance/claims?from=${today}&to=${today}`, { token: jinan });
  assert.deepEqual(cityView.data.items.map((x) => x.region_code), ['370100']);
  assert.ok(cityView.data.items[0].paid_fen >= a.amount + b.amount + d.amount);
  expectError(await api('GET', '/api/v1/training/finance/claims?region_code=370100', { token: qingdao }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/training/finance/claims?format=csv', { token: prov }), 422, 'invalid_format');
  expectError(await api('GET', '/api/v1/training/finance/claims', { token: await login('jinan_org_admin') }), 403, 'forbidden');

  // each workbook is audited
  const audit = await api('GET', '/api/v1/audit?action=training.finance.export&page_size=50', { token: prov });
  assert.equal(audit.status, 200);
  const kindsAudited = new Set(audit.data.items.map((x) => JSON.parse(typeof x.detail === 'string' ? x.detail : JSON.stringify(x.detail)).export));
  for (const k of ['ledger', 'claims', 'pay_batch']) assert.ok(kindsAudited.has(k), `audited ${k}`);
});

test('the attendance table: trainees × sessions with check-ins, hours and completion; its institution and bureaus only', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const n = unique();
  const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `考勤表测试学校${n}`, credit_code: creditCode(`52370100M${String((n * 7907 + Date.now()) % 1000000).padStart(6, '0')}77`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `考勤${n}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '教学点', address: '济南市历下区', county_code: '370102', latitude: 36.66, longitude: 117.07 } }), 201);
  const course = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: '4-02-06-03', level: 4, title: `考勤课程${n}`, class_hours: 8, price: '800', capacity: 30, subsidised: true, starts: [] } }), 201);
  const mk = async (body) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `att${n}u${unique()}`, password: PASSWORD, ...body } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const admin = await mk({ role: 'institution_admin', institution_id: inst.id });
  const person = async (seq, name) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idNumber('370102', '19960616', 101 + ((n * 4 + seq) % 440) * 2) } }), 201).id;
  const p1 = await person(0, '考勤甲'), p2 = await person(1, '考勤乙');
  const t1 = await mk({ role: 'candidate', person_id: p1 });
  const cls = ok(await api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: admin.token, body: { teacher_user_id: admin.id, starts_on: today, ends_on: '2099-12-31', completion_hours: 4 } }), 201);
  for (const p of [p1, p2]) ok(await api('POST', `/api/v1/training/classes/${cls.id}/enrolments`, { token: admin.token, body: { person_id: p } }), 201);
  const s1 = ok(await api('POST', `/api/v1/training/classes/${cls.id}/sessions`, { token: admin.token, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 4 } }), 201);
  const s2 = ok(await api('POST', `/api/v1/training/classes/${cls.id}/sessions`, { token: admin.token, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 2 } }), 201);
  const code = ok(await api('GET', `/api/v1/training/sessions/${s1.id}/code`, { token: admin.token }));
  ok(await api('POST', '/api/v1/training/checkins', { token: t1.token, body: { code: code.code, device_id: `att-${n}-phone-t1`, latitude: 36.66, longitude: 117.07 } }), 201);

  const att = ok(await api('GET', `/api/v1/training/classes/${cls.id}/attendance`, { token: admin.token }));
  assert.deepEqual(att.sessions.map((s) => [s.id, s.hours, s.present]), [[s1.id, 4, 1], [s2.id, 2, 0]]);
  const [a, b] = att.trainees;
  assert.deepEqual([a.person_id, a.name, a.attended_hours, a.completed], [p1, '考勤甲', 4, true]);
  assert.deepEqual(a.checkins.map((c) => c.session_id), [s1.id]);
  assert.ok(a.checkins[0].checked_at > 0);
  assert.deepEqual([b.person_id, b.attended_hours, b.completed, b.checkins.length], [p2, 0, false, 0]);
  assert.ok(!a.id_number.includes('19960616'), `masked: ${a.id_number}`);
  // the same for the city and the province; another city, the trainee and an unknown class: 404
  for (const tok of [jinan, prov]) assert.deepEqual(ok(await api('GET', `/api/v1/training/classes/${cls.id}/attendance`, { token: tok })), att);
  expectError(await api('GET', `/api/v1/training/classes/${cls.id}/attendance`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/training/classes/${cls.id}/attendance`, { token: await login('jinan_org_admin') }), 404, 'not_found');
  expectError(await api('GET', '/api/v1/training/classes/999999999/attendance', { token: prov }), 404, 'not_found');
  const trainee = await api('GET', `/api/v1/training/classes/${cls.id}/attendance`, { token: t1.token });
  assert.equal(trainee.status, 403);
});
