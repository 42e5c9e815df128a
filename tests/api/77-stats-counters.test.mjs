// 统计计数 (issue 17 item 1): the statistics counters are kept in the same transaction as the writes they count.
// A property run drives random writes through the API (results, certificate batches, revocations, reissues),
// batches that fail after their first certificate was counted (the whole unit rolls back), and concurrent
// writers; then the counters moved by exactly what a model of the run expects, and `jineng stats verify`
// (every counter recomputed from the raw tables) finds no difference. A counter altered behind the server's back
// is reported (exit 1) and `jineng stats rebuild` restores it. The drill-down (统计钻取): province -> cities ->
// counties adding up, the same period last year, by month / level / occupation, and its scope: a city sees its
// own region only, an institution its own counters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, apiFrom, login, expectError, dbExec } from './lib.mjs';
import { readXlsx, table, fen } from './xlsx-read.mjs';

const BIN = process.env.JINENG_BIN, DB = process.env.JINENG_DB_URL;
const cli = (...args) => spawnSync(BIN, [...args, '--db', DB], { encoding: 'utf8', env: { ...process.env } });
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const month = today.slice(0, 7);
const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
const drill = (token, q) => api('GET', `/api/v1/stats/drill?${q}`, { token });
// the counters of a drill-down reply as { metric: n } (and amounts as metric$)
const totals = (d) => Object.fromEntries(d.total.flatMap((v) => [[v.metric, v.n], [`${v.metric}$`, v.amount]]));
const rowOf = (d, key) => Object.fromEntries((d.rows.find((r) => r.key === key)?.values || []).map((v) => [v.metric, v.n]));

// a small seeded generator, so a failing run can be replayed (the seed is printed)
const SEED = Number(process.env.JINENG_STATS_SEED || (Date.now() % 1000003));
let state = SEED;
const rnd = (n) => { state = (state * 48271) % 2147483647; return state % n; };

test('counters follow random writes, failed batches and concurrent writers; verify agrees', async () => {
  console.log(`stats property seed ${SEED} (JINENG_STATS_SEED=${SEED} replays it)`);
  const before = cli('stats', 'verify');
  assert.equal(before.status, 0, `the counters agree before the run: ${before.stdout}${before.stderr}`);
  const org = await login('jinan_org_admin'), admin = await login('admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const persons = (await api('GET', '/api/v1/persons?page_size=100', { token: org })).data.items;
  const q = `institution_id=${instId}&from=${month}&to=${month}&metrics=cert.issued,cert.revoked,result.sat,result.passed`;
  const start = totals((await drill(admin, q)).data);
  const model = { 'cert.issued': 0, 'cert.revoked': 0, 'result.sat': 0, 'result.passed': 0 };
  const passed = [], certs = [];
  let cursor = rnd(persons.length);
  const result = async () => {
    const level = scope.levels[rnd(scope.levels.length)], pass = rnd(3) > 0;
    const r = await api('POST', '/api/v1/results', { token: admin, body: { institution_id: instId, correction_reason: '历史记录补录（统计测试）', person_id: persons[cursor++ % persons.length].id, occupation_code: scope.occupation_code, level, exam_date: today, theory: pass ? 80 : 40, practical: 75, review: level <= 2 ? 70 : null } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    model['result.sat']++;
    if (r.data.passed) { model['result.passed']++; passed.push(r.data.id); }
  };
  const issue = async (ids) => {
    const r = await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: ids } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    model['cert.issued'] += ids.length;
    certs.push(...r.data.numbers);
  };
  const ops = {
    result,
    issue: async () => { if (passed.length) await issue(passed.splice(0, 1 + rnd(Math.min(2, passed.length)))); },
    // a batch whose first certificate is issued and counted before the second fails: nothing stays
    failedBatch: async () => {
      if (!passed.length) return;
      const dup = rnd(2) === 0;
      const r = await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: dup ? [passed[0], passed[0]] : [passed[0], 999999999] } });
      expectError(r, dup ? 409 : 404, dup ? 'already_issued' : 'not_found');
      assert.equal((await api('GET', `/api/v1/results/${passed[0]}`, { token: org })).data.certificate_number, null, 'the batch left nothing');
    },
    revoke: async () => {
      if (!certs.length) return;
      const r = await api('POST', `/api/v1/certificates/${certs.shift()}/revoke`, { token: org, body: { reason: '统计测试撤销' } });
      assert.equal(r.status, 200, JSON.stringify(r.data));
      model['cert.revoked']++;
    },
    // reissue: the old one revoked, a new one issued, in one unit
    reissue: async () => {
      if (!certs.length) return;
      const r = await api('POST', `/api/v1/certificates/${certs.shift()}/reissue`, { token: org, body: { reason: '证书遗失补发（统计测试）' } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      model['cert.revoked']++;
      model['cert.issued']++;
      certs.push(r.data.number);
    },
  };
  const names = Object.keys(ops);
  for (let i = 0; i < 3; i++) await result();
  for (let i = 0; i < 14; i++) await ops[names[rnd(names.length)]]();
  // concurrent writers: results and certificate batches at once
  while (passed.length < 3) await result();
  const batch = passed.splice(0, passed.length), held = batch.pop();
  const failing = async () => {
    expectError(await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [held, 999999999] } }), 404, 'not_found');
    passed.push(held);
  };
  await Promise.all([...batch.map((id) => issue([id])), result(), result(), failing()]);
  const after = totals((await drill(admin, q)).data);
  for (const m of Object.keys(model)) assert.equal(after[m] - start[m], model[m], `${m}: moved by what the run wrote (${JSON.stringify(model)})`);
  assert.ok(model['cert.issued'] > 0 && model['result.sat'] >= 5, JSON.stringify(model)); // 3 before the random ops, 2 in the concurrent phase

  // a complaint received in 济南 and transferred to 青岛 moves its counter with it
  const jinan = await login('jinan_admin');
  const cq = `by=region&from=${month}&to=${month}&metrics=complaint.received`;
  const c0 = (await drill(admin, cq)).data;
  const sub = await apiFrom('127.0.0.2', 'POST', '/api/v1/public/complaints', { body: { category: 'other', region_code: '370100', text: `统计测试投诉 ${SEED}` }, headers: { 'X-Forwarded-For': `10.77.${SEED % 250}.${state % 250}` } });
  assert.equal(sub.status, 201, JSON.stringify(sub.data));
  const c1 = (await drill(admin, cq)).data;
  assert.equal((rowOf(c1, '370100')['complaint.received'] || 0) - (rowOf(c0, '370100')['complaint.received'] || 0), 1);
  const cid = (await api('GET', '/api/v1/complaints?category=other&status=received&page_size=500', { token: jinan })).data.items.map((c) => c.id).sort((a, b) => b - a)[0];
  const tr = await api('POST', `/api/v1/complaints/${cid}/transfer`, { token: jinan, body: { region_code: '370200', reason: '统计测试转办' } });
  assert.equal(tr.status, 200, JSON.stringify(tr.data));
  const c2 = (await drill(admin, cq)).data;
  assert.equal(rowOf(c2, '370100')['complaint.received'] || 0, rowOf(c0, '370100')['complaint.received'] || 0);
  assert.equal((rowOf(c2, '370200')['complaint.received'] || 0) - (rowOf(c0, '370200')['complaint.received'] || 0), 1);
  assert.equal(totals(c2)['complaint.received'] - totals(c0)['complaint.received'], 1);

  const v = cli('stats', 'verify');
  assert.equal(v.status, 0, `verify after the run: ${v.stdout}${v.stderr}`);
  assert.match(v.stdout, /agree with the raw tables: \d+ keys/);
});

test('verify reports a counter altered behind the server\'s back; rebuild restores it', async () => {
  dbExec("UPDATE stat_counts SET n = n + 7 WHERE metric = 'cert.issued' AND region_code LIKE '3701%'");
  const bad = cli('stats', 'verify');
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /^cert\.issued region=3701\d\d .*counted n=\d+ .*recomputed n=\d+/m);
  assert.match(bad.stderr, /differ from the raw tables in \d+ of \d+ keys/);
  const rb = cli('stats', 'rebuild');
  assert.equal(rb.status, 0, rb.stdout + rb.stderr);
  assert.match(rb.stdout, /rebuilt: \d+ keys/);
  const ok = cli('stats', 'verify');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const audit = (await api('GET', '/api/v1/audit?action=stats.rebuild', { token: await login('admin') })).data.items;
  assert.ok(audit.length >= 1, 'the rebuild is audited');
});

test('drill-down: province -> cities -> counties add up, last year, by month and level; overview from the counters', async () => {
  const admin = await login('admin');
  const y = month.slice(0, 4);
  const prov = (await drill(admin, `from=${y}-01&to=${month}`)).data;
  assert.equal(prov.region, '370000');
  assert.deepEqual(prov.period, { from: `${y}-01`, to: month });
  assert.deepEqual(prov.last_year, { from: `${Number(y) - 1}-01`, to: lastYear });
  assert.equal(prov.rows.length, 16, 'the 16 cities of Shandong');
  assert.ok(prov.rows.every((r) => /^37\d\d00$/.test(r.key) && r.name.endsWith('市')));
  const sumRows = (d, m) => d.rows.reduce((s, r) => s + r.values.find((v) => v.metric === m).n, 0);
  for (const m of ['cert.issued', 'result.sat', 'claim.paid']) assert.equal(sumRows(prov, m), totals(prov)[m], `${m}: the cities add up to the province`);
  const city = (await drill(admin, `region=370100&from=${y}-01&to=${month}`)).data;
  assert.ok(city.rows.length >= 1 && city.rows.every((r) => r.key.startsWith('3701')), '济南 drills into its counties');
  assert.equal(totals(city)['cert.issued'], rowOf(prov, '370100')['cert.issued']);
  assert.equal(sumRows(city, 'cert.issued'), totals(city)['cert.issued']);
  // by month: every month of the period, and the same month last year beside it
  const byMonth = (await drill(admin, `by=month&from=${Number(y) - 1}-01&to=${month}&metrics=cert.issued`)).data;
  const months = byMonth.rows.map((r) => r.key);
  assert.equal(months[0], `${Number(y) - 1}-01`);
  assert.equal(months[months.length - 1], month);
  assert.equal(new Set(months).size, months.length);
  const lastYearRow = byMonth.rows.find((r) => r.key === lastYear).values[0];
  assert.equal(byMonth.rows.find((r) => r.key === month).values[0].n_last_year, lastYearRow.n, 'this month beside the same month last year');
  const byLevel = (await drill(admin, `by=level&from=${y}-01&to=${month}&metrics=cert.issued`)).data;
  assert.equal(sumRows(byLevel, 'cert.issued'), totals(prov)['cert.issued']);
  assert.ok(byLevel.rows.every((r) => r.name && r.key !== r.name));
  const byOcc = (await drill(admin, `by=occupation&from=${y}-01&to=${month}&metrics=result.sat,result.passed`)).data;
  assert.ok(byOcc.rows.some((r) => r.name !== r.key), 'occupations by name');
  // the overview reads the same counters: all of them, every month
  const ov = (await api('GET', '/api/v1/stats/overview', { token: admin })).data;
  const all = (await drill(admin, `from=${Number(month.slice(0, 4)) - 9}-01&to=${month}&metrics=cert.issued`)).data;
  assert.equal(ov.certificates_total, totals(all)['cert.issued']);
  // the same drill-down as XLSX: a sheet per metric whose rows add up to its 合计 row and to the JSON
  const xq = `from=${y}-01&to=${month}&metrics=cert.issued,claim.paid`;
  const xr = await api('GET', `/api/v1/stats/drill?${xq}&format=xlsx`, { token: admin });
  assert.equal(xr.status, 200, String(xr.data));
  assert.match(xr.headers.get('content-type'), /spreadsheetml/);
  const book = readXlsx(xr.data), xj = (await drill(admin, xq)).data;
  assert.deepEqual(book.map((sh) => sh.name), ['cert.issued', 'claim.paid']);
  for (const sh of book) {
    const t = table(sh, '地区');
    assert.equal(t.data.length, 16);
    const tot = xj.total.find((v) => v.metric === sh.name);
    assert.equal(t.data.reduce((a, r) => a + r['本期'], 0), tot.n);
    assert.equal(t.total['本期'], tot.n);
    assert.equal(t.total['去年同期'], tot.n_last_year);
    if (sh.name === 'claim.paid') assert.equal(fen(t.total['本期金额（元）']), tot.amount);
  }
  expectError(await api('GET', '/api/v1/stats/drill?format=pdf', { token: admin }), 422, 'invalid_format');
  // the overview's tables as XLSX: each sheet adds up to the JSON
  const ox = await api('GET', '/api/v1/stats/overview?format=xlsx', { token: admin });
  assert.equal(ox.status, 200, String(ox.data));
  const ob = readXlsx(ox.data);
  assert.deepEqual(ob.map((sh) => sh.name), ['按月', '按等级', '按设区市', '通过率']);
  assert.equal(table(ob[0], '月份').total['发证数量'], ov.certificates_total);
  assert.equal(table(ob[1], '等级').total['发证数量'], ov.certificates_total);
  assert.equal(table(ob[2], '设区市').data.length, ov.certificates_by_city.length);
  assert.equal(table(ob[3], '职业').total['参评人次'], ov.pass_rates.reduce((a, p) => a + p.sat, 0));
  expectError(await api('GET', '/api/v1/stats/overview?format=csv', { token: admin }), 422, 'invalid_format');
  // bad parameters
  expectError(await drill(admin, 'by=weekday'), 422, 'invalid_value');
  expectError(await drill(admin, 'from=2026-13'), 422, 'invalid_value');
  expectError(await drill(admin, `from=${month}&to=${Number(y) - 1}-01`), 422, 'invalid_value');
  expectError(await drill(admin, 'metrics=cert.issued,cert.bogus'), 422, 'invalid_value');
  expectError(await drill(admin, 'region=37010'), 422, 'invalid_value');
  expectError(await drill(admin, 'level=x'), 422, 'invalid_value');
  expectError(await drill(admin, 'institution_id=999999999'), 404, 'not_found');
});

test('drill-down scope: a city its own region, an institution its own counters', async () => {
  const jinan = await login('jinan_admin'), org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const own = (await drill(jinan, 'metrics=cert.issued')).data;
  assert.equal(own.region, '370100', 'a city drills into its own city by default');
  assert.ok(own.rows.every((r) => r.key.startsWith('3701')));
  expectError(await drill(jinan, 'region=370200'), 403, 'forbidden');
  expectError(await drill(jinan, 'region=370000'), 403, 'forbidden');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const mine = (await drill(org, `from=${Number(month.slice(0, 4)) - 9}-01&metrics=cert.issued`)).data;
  const viaProv = (await drill(await login('admin'), `institution_id=${instId}&from=${Number(month.slice(0, 4)) - 9}-01&metrics=cert.issued`)).data;
  assert.equal(totals(mine)['cert.issued'], totals(viaProv)['cert.issued'], 'an institution sees its own counters');
  expectError(await drill(qorg, `institution_id=${instId}`), 403, 'forbidden');
  expectError(await drill(qorg, 'region=370100'), 403, 'forbidden');
  expectError(await drill(await login('candidate1'), ''), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/stats/drill'), 401, 'login_required');
});
