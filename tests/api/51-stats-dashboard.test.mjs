// 统计看板 (issue 17 item 2, docs/DOMAIN.md §60): the whole chain of a region or an institution from the statistics
// counters, beside the same period last year, by the next level of regions and by month, as JSON and XLSX.
// A small fixture dated 3101 and 3100 (years of this test's own; the API writes only today's dates, so the rows are
// written in SQL and the counters rebuilt, as a bulk load does) of complaints and competition entries and results
// in 济南 and 青岛; every figure of the dashboard is checked against the hand-computed one. A city sees its own
// dashboard only; institution staff their institution's. Afterwards the rows are removed and the counters rebuilt,
// and `jineng stats verify` agrees.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, dbExec } from './lib.mjs';
import { readXlsx, table } from './xlsx-read.mjs';

const BIN = process.env.JINENG_BIN, DB = process.env.JINENG_DB_URL;
const cli = (...args) => spawnSync(BIN, [...args, '--db', DB], { encoding: 'utf8', env: { ...process.env } });
const tag = `s2dash-${process.pid}-${Date.now() % 100000}`;
const num = (out) => Number(out.split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).pop());
// epoch seconds of a day at 10:00 China time
const at = (y, m, d) => Math.floor(Date.UTC(y, m - 1, d, 2) / 1000);
const dash = (token, q) => api('GET', `/api/v1/stats/dashboard?${q}`, { token });
const metric = (d, name) => d.sections.flatMap((s) => s.metrics).find((m) => m.metric === name);
// a row's values name the metrics with any count; the others are 0
const val = (values, name, k = 'n') => (values.find((v) => v.metric === name) || {})[k] ?? 0;

after(() => {
  // the fixture out again, the counters as the raw tables say
  dbExec(`DELETE FROM competition_results WHERE event_id IN (SELECT ev.id FROM competition_events ev JOIN competitions c ON c.id = ev.competition_id WHERE c.name = '${tag}')`);
  dbExec(`DELETE FROM competition_entries WHERE competition_id IN (SELECT id FROM competitions WHERE name = '${tag}')`);
  dbExec(`DELETE FROM competition_groups WHERE event_id IN (SELECT ev.id FROM competition_events ev JOIN competitions c ON c.id = ev.competition_id WHERE c.name = '${tag}')`);
  dbExec(`DELETE FROM competition_events WHERE competition_id IN (SELECT id FROM competitions WHERE name = '${tag}')`);
  dbExec(`DELETE FROM competitions WHERE name = '${tag}'`);
  dbExec(`DELETE FROM complaints WHERE code_hash LIKE '${tag}-%'`);
  const r = cli('stats', 'rebuild');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const v = cli('stats', 'verify');
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('the dashboard of the province, a city and an institution equals the hand-computed figures', async () => {
  const admin = await login('admin'), city = await login('jinan_admin'), org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const instRegion = dbExec(`SELECT region_code FROM institutions WHERE id = ${instId}`).match(/37\d{4}/)[0];
  const persons = dbExec('SELECT id FROM persons ORDER BY id LIMIT 5').split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).map(Number);
  assert.equal(persons.length, 5);

  // complaints: 济南 370102 twice in 3101-01 (one upheld), 370103 in 3101-03; 青岛 370202 in 3101-02 (upheld);
  // last year 济南 370102 in 3100-02 (upheld); 3100-05 lies outside the period compared
  const complaint = (i, region, day, outcome) => dbExec(`INSERT INTO complaints (code_hash, category, subject_kind, region_code, text, outcome, received_on, ack_due, reply_due, created_at, updated_at) VALUES ('${tag}-${i}', 'fees', 'general', '${region}', '看板测试', '${outcome}', '${day}', '${day}', '${day}', 1, 1)`);
  complaint(1, '370102', '3101-01-05', 'upheld');
  complaint(2, '370102', '3101-01-20', '');
  complaint(3, '370103', '3101-03-31', 'dismissed');
  complaint(4, '370202', '3101-02-14', 'upheld');
  complaint(5, '370102', '3100-02-01', 'upheld');
  complaint(6, '370102', '3100-05-01', '');
  // a competition of the province ending 3101-03-31; entries nominated by 济南 (two, one approved), 青岛 (approved)
  // and the institution (approved) in 3101-02, one by 济南 in 3100-02; results for two, one with a medal
  dbExec(`INSERT INTO competitions (name, tier, organiser_name, organiser_kind, region_code, starts_on, ends_on, status, created_by, created_at, updated_at) VALUES ('${tag}', 'province_2', '山东省人力资源和社会保障厅', 'province', '370000', '3101-03-01', '3101-03-31', 'open', 1, 1, 1)`);
  dbExec(`INSERT INTO competition_events (competition_id, name, created_at) SELECT id, '看板测试赛项', 1 FROM competitions WHERE name = '${tag}'`);
  const ev = `(SELECT ev.id FROM competition_events ev JOIN competitions c ON c.id = ev.competition_id WHERE c.name = '${tag}')`;
  dbExec(`INSERT INTO competition_groups (event_id, grp) SELECT ${ev}, 'worker'`);
  const entry = (p, region, inst, status, t) => dbExec(`INSERT INTO competition_entries (competition_id, event_id, group_id, grp, person_id, unit_name, unit_region, unit_institution_id, status, created_by, created_at, updated_at) SELECT c.id, ev.id, g.id, 'worker', ${p}, '选送单位', '${region}', ${inst || 'NULL'}, '${status}', 1, ${t}, ${t} FROM competitions c JOIN competition_events ev ON ev.competition_id = c.id JOIN competition_groups g ON g.event_id = ev.id WHERE c.name = '${tag}'`);
  entry(persons[0], '370100', 0, 'approved', at(3101, 2, 10));
  entry(persons[1], '370100', 0, 'nominated', at(3101, 2, 11));
  entry(persons[2], '370200', 0, 'approved', at(3101, 2, 12));
  entry(persons[3], instRegion, instId, 'approved', at(3101, 2, 13));
  entry(persons[4], '370100', 0, 'withdrawn', at(3100, 2, 10));
  dbExec(`INSERT INTO competition_results (event_id, entry_id, total_cm, modules, scaled, place, medal) SELECT event_id, id, 0, '[]', 700, 1, CASE WHEN unit_region = '370100' THEN 'gold' ELSE '' END FROM competition_entries WHERE event_id = ${ev} AND status = 'approved' AND person_id IN (${persons[0]}, ${persons[2]})`);
  const rb = cli('stats', 'rebuild');
  assert.equal(rb.status, 0, rb.stdout + rb.stderr);

  // the province
  const q = 'from=3101-01&to=3101-03';
  const r = await dash(admin, q);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const d = r.data;
  assert.equal(d.scope, 'province');
  assert.equal(d.region, '370000');
  assert.equal(d.child_level, 'city');
  assert.deepEqual(d.period, { from: '3101-01', to: '3101-03' });
  assert.deepEqual(d.last_year, { from: '3100-01', to: '3100-03' });
  assert.deepEqual(d.sections.map((s) => s.key), ['cultivation', 'evaluation', 'use', 'incentive', 'supervision']);
  const expect = {
    'complaint.received': [4, 1], 'complaint.upheld': [2, 1],
    'competition.entered': [4, 1], 'competition.approved': [3, 0], 'competition.placed': [2, 0], 'competition.awarded': [1, 0],
    'cert.issued': [0, 0], 'training.enrolled': [0, 0],
  };
  for (const [m, [n, last]] of Object.entries(expect)) {
    assert.equal(metric(d, m).n, n, `${m} this period`);
    assert.equal(metric(d, m).n_last_year, last, `${m} last year`);
  }
  assert.ok(d.sections.find((s) => s.key === 'incentive').metrics.some((m) => m.metric === 'competition.entered'));
  const award = d.rates.find((x) => x.key === 'award_rate');
  assert.equal(award.value, 0.5);
  assert.equal(award.value_last_year, null);
  assert.equal(d.rates.find((x) => x.key === 'pass_rate').value, null);
  // the 16 cities, each whether counted or not; 济南 and 青岛 as computed
  assert.equal(d.regions.length, 16);
  const jinan = d.regions.find((x) => x.code === '370100'), qingdao = d.regions.find((x) => x.code === '370200');
  assert.equal(jinan.name, '济南市');
  assert.equal(val(jinan.values, 'complaint.received'), 3);
  assert.equal(val(jinan.values, 'complaint.received', 'n_last_year'), 1);
  assert.equal(val(jinan.values, 'competition.entered'), instRegion.startsWith('3701') ? 3 : 2);
  assert.equal(val(qingdao.values, 'complaint.upheld'), 1);
  assert.equal(val(d.regions.find((x) => x.code === '371300').values, 'complaint.received'), 0);
  // by month, with last year's same month
  assert.deepEqual(d.months.map((m) => m.month), ['3101-01', '3101-02', '3101-03']);
  assert.deepEqual(d.months.map((m) => val(m.values, 'complaint.received')), [2, 1, 1]);
  assert.deepEqual(d.months.map((m) => val(m.values, 'complaint.received', 'n_last_year')), [0, 1, 0]);
  assert.deepEqual(d.months.map((m) => val(m.values, 'competition.entered')), [0, 4, 0]);
  assert.deepEqual(d.months.map((m) => val(m.values, 'competition.awarded')), [0, 0, 1]);

  // 济南: its counties and 本级 (rows bound to the city's own code: the entries nominated by the city, and the
  // institution's when it is filed at the city's code); 青岛's figures are not in it
  const c = (await dash(city, q)).data;
  assert.equal(c.scope, 'city');
  assert.equal(c.region, '370100');
  assert.equal(c.child_level, 'county');
  assert.ok(c.regions.every((x) => x.code.startsWith('3701')));
  assert.equal(metric(c, 'complaint.received').n, 3);
  assert.equal(metric(c, 'complaint.upheld').n, 1);
  assert.equal(metric(c, 'complaint.upheld').n_last_year, 1);
  const own = c.regions.find((x) => x.code === '370100');
  assert.equal(own.name, '本级');
  assert.equal(val(own.values, 'competition.entered'), 2 + (instRegion === '370100' ? 1 : 0));
  assert.equal(val(c.regions.find((x) => x.code === '370102').values, 'complaint.received'), 2);
  // the province drilling into 济南 sees the same
  assert.deepEqual((await dash(admin, `${q}&region=370100`)).data.sections, c.sections);
  // a city sees its own dashboard only
  expectError(await dash(city, `${q}&region=370200`), 403, 'forbidden');
  expectError(await dash(city, `${q}&region=370000`), 403, 'forbidden');
  // an institution: its own counters only, whatever it asks for
  const o = (await dash(org, q)).data;
  assert.equal(o.scope, 'institution');
  assert.equal(o.institution.id, instId);
  assert.equal(metric(o, 'competition.entered').n, 1);
  assert.equal(metric(o, 'complaint.received').n, 0);
  assert.deepEqual((await dash(admin, `${q}&institution_id=${instId}`)).data.sections, o.sections);
  const otherInst = num(dbExec(`SELECT MIN(id) FROM institutions WHERE id <> ${instId}`));
  expectError(await dash(org, `${q}&institution_id=${otherInst}`), 403, 'forbidden');
  expectError(await dash(admin, `${q}&institution_id=999999999`), 404, 'not_found');

  // the same as XLSX: 概况 lists every metric; each section's sheets add up to the JSON
  const x = await api('GET', `/api/v1/stats/dashboard?${q}&format=xlsx`, { token: admin });
  assert.equal(x.status, 200, String(x.data));
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const book = readXlsx(x.data);
  // a section's metrics go 7 to a sheet (地区 and 按月 each), the sheets of its second seven named "-2"
  const sheets = ['概况'];
  for (const s of d.sections) for (let m0 = 0, part = 1; m0 < s.metrics.length; m0 += 7, part++) {
    const tail = part > 1 ? `-${part}` : '';
    sheets.push(`${s.name}-地区${tail}`, `${s.name}-按月${tail}`);
  }
  assert.deepEqual(d.sections.map((s) => s.name), ['培养', '评价', '使用', '激励', '监管']);
  assert.ok(d.sections.find((s) => s.name === '激励').metrics.length > 7); // competitions, selections, allowances
  assert.deepEqual(book.map((s) => s.name), sheets);
  const sum = table(book[0], '环节');
  assert.equal(sum.data.length, d.sections.reduce((a, s) => a + s.metrics.length, 0));
  assert.equal(sum.data.find((row) => row['指标代码'] === 'complaint.received')['本期'], 4);
  const byCity = table(book.find((s) => s.name === '监管-地区'), '地区');
  assert.equal(byCity.data.length, 16);
  assert.equal(byCity.total['投诉受理本期'], 4);
  assert.equal(byCity.total['投诉受理去年同期'], 1);
  const byMonth = table(book.find((s) => s.name === '激励-按月'), '月份');
  assert.equal(byMonth.total['竞赛报名人次本期'], 4);
  assert.equal(byMonth.total['竞赛报名人次去年同期'], 1);

  // bad parameters, no login
  expectError(await dash(admin, 'from=3101-13'), 422, 'invalid_value');
  expectError(await dash(admin, 'region=37010'), 422, 'invalid_value');
  expectError(await dash(admin, 'level=9'), 422, 'invalid_value');
  expectError(await dash(admin, 'format=pdf'), 422, 'invalid_format');
  expectError(await api('GET', '/api/v1/stats/dashboard'), 401, 'login_required');
});
