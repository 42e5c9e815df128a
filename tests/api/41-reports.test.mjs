// 统计报表 (issue 17 item 3; docs/DOMAIN.md §52): the report tables as the bureaus file them, as XLSX from the
// statistics counters — merged two-level headings, a 合计 row that adds up (recomputed here from the rows), the
// figures of hand-written counters; versions kept byte for byte; a city its own city's reports only; the
// server's schedule has made the previous month's, quarter's and year's reports of the province. The counters
// of 2017 are written here in SQL (no use case can date a result in the past) and removed at the end.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { api, login, expectError, dbExec } from './lib.mjs';
import { readXlsx } from './xlsx-read.mjs';

const rows = [];
function counter(metric, region, occupation, level, month, n, amount = 0) {
  rows.push([metric, region, occupation, level, month]);
  dbExec(`INSERT INTO stat_counts (metric, region_code, occupation_code, level, inst_type, institution_id, month, shard, n, amount) VALUES ('${metric}', '${region}', '${occupation}', ${level}, '', 0, '${month}', 3, ${n}, ${amount})`);
}
after(() => {
  for (const [metric, region, occupation, level, month] of rows)
    dbExec(`DELETE FROM stat_counts WHERE metric = '${metric}' AND region_code = '${region}' AND occupation_code = '${occupation}' AND level = ${level} AND month = '${month}' AND shard = 3 AND inst_type = '' AND institution_id = 0`);
});

const make = async (token, body) => api('POST', '/api/v1/stats/reports', { token, body });
const file = async (token, id) => (await api('GET', `/api/v1/stats/reports/${id}/xlsx`, { token })).data;
// the data rows (after the two heading rows) up to 合计, and the 合计 row
function body(sheet) {
  const at = sheet.rows.findIndex((r) => r && r[0] === '合计');
  return { data: sheet.rows.slice(4, at), total: sheet.rows[at] };
}

test('职业技能等级认定（评价）情况表 of 2017-Q2: headings merged, figures by 大类 and level, totals that add up', async () => {
  // 4-01-02-01 is in 第四大类, 6-31-01-03 in 第六大类 (the catalogue's categories)
  const occ4 = dbExec("SELECT 'o=' || code FROM occupations WHERE category = 4 AND code LIKE '4-%' ORDER BY code LIMIT 1").match(/o=(\S+)/)[1];
  const occ6 = dbExec("SELECT 'o=' || code FROM occupations WHERE category = 6 AND code LIKE '6-%' ORDER BY code LIMIT 1").match(/o=(\S+)/)[1];
  counter('result.sat', '370102', occ4, 4, '2017-04', 30);
  counter('result.passed', '370102', occ4, 4, '2017-04', 24);
  counter('cert.issued', '370102', occ4, 4, '2017-05', 22);
  counter('result.sat', '370202', occ6, 2, '2017-06', 12);
  counter('result.passed', '370202', occ6, 2, '2017-06', 9);
  counter('cert.issued', '370202', occ6, 2, '2017-06', 9);
  counter('result.sat', '370202', occ6, 2, '2017-07', 100); // the next quarter: not in this report
  const prov = await login('admin');
  const r = await make(prov, { type: 'evaluation', period: '2017-Q2' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.version, 1);
  assert.equal(r.data.scheduled, false);
  assert.equal(r.data.region_code, '370000');
  const [sheet] = readXlsx(await file(prov, r.data.id));
  assert.equal(sheet.rows[0][0], '职业技能等级认定（评价）情况表');
  assert.match(sheet.rows[1][0], /统计期：2017年第二季度 +地区：山东省/);
  assert.deepEqual(sheet.merges.slice(0, 6), ['A1:V1', 'A2:V2', 'A3:A4', 'B3:H3', 'I3:O3', 'P3:V3']);
  assert.deepEqual([sheet.rows[2][1], sheet.rows[2][8], sheet.rows[2][15]], ['评价人次', '合格人次', '取证数（本）']);
  assert.deepEqual(sheet.rows[3].slice(1, 8), ['合计', '五级', '四级', '三级', '二级', '一级', '专项职业能力']);
  const { data, total } = body(sheet);
  assert.equal(data.length, 9); // 第一 … 第八大类 and 其他
  const cat4 = data.find((x) => x[0].startsWith('第四大类')), cat6 = data.find((x) => x[0].startsWith('第六大类'));
  assert.deepEqual(cat4.slice(1), [30, 0, 30, 0, 0, 0, 0, 24, 0, 24, 0, 0, 0, 0, 22, 0, 22, 0, 0, 0, 0]);
  assert.deepEqual(cat6.slice(1), [12, 0, 0, 0, 12, 0, 0, 9, 0, 0, 0, 9, 0, 0, 9, 0, 0, 0, 9, 0, 0]);
  // every column of 合计 is the sum of the rows, and each group's 合计 the sum of its levels
  for (let c = 1; c <= 21; c++) assert.equal(total[c], data.reduce((s, x) => s + x[c], 0), `column ${c}`);
  for (const x of [...data, total])
    for (const g of [1, 8, 15]) assert.equal(x[g], x.slice(g + 1, g + 7).reduce((s, v) => s + v, 0), `${x[0]} group ${g}`);
  assert.deepEqual(r.data.totals.slice(0, 8), [42, 0, 30, 0, 12, 0, 0, 33]);

  // made again: version 2; version 1's bytes are what they were
  const first = await file(prov, r.data.id);
  counter('result.sat', '370102', occ4, 4, '2017-05', 5);
  const r2 = await make(prov, { type: 'evaluation', period: '2017-Q2' });
  assert.equal(r2.data.version, 2);
  assert.equal(r2.data.totals[0], 47);
  const again = await file(prov, r.data.id);
  assert.equal(crypto.createHash('sha256').update(again).digest('hex'), crypto.createHash('sha256').update(first).digest('hex'));
  assert.equal(r.data.sm3.length, 64);
});

test('培训与补贴 and 高技能人才 of a city by county: money in 元, valid certificates at the period end', async () => {
  counter('training.enrolled', '370102', '', -1, '2017-03', 40);
  counter('training.completed', '370102', '', -1, '2017-03', 31);
  counter('claim.applied', '370112', '', -1, '2017-02', 10);
  counter('claim.paid', '370112', '', -1, '2017-03', 8, 1234550);
  counter('cert.issued', '370102', '', 3, '2016-11', 20); // before the period: in 期末, not 本期新增
  counter('cert.issued', '370102', '', 1, '2017-02', 4);
  counter('cert.revoked', '370102', '', 3, '2017-03', 2);
  counter('cert.issued', '370102', '', 4, '2017-02', 50); // 四级 is not 高技能
  const city = await login('jinan_admin');
  const t = await make(city, { type: 'training', period: '2017-Q1', region_code: '370100' });
  assert.equal(t.status, 201, JSON.stringify(t.data));
  const [ts] = readXlsx(await file(city, t.data.id));
  assert.match(ts.rows[1][0], /地区：济南市/);
  assert.deepEqual(ts.merges.slice(2, 5), ['A3:A4', 'B3:C3', 'D3:F3']);
  const tb = body(ts);
  const lixia = tb.data.find((x) => x[0] === '历下区'), licheng = tb.data.find((x) => x[0] === '历城区');
  assert.deepEqual(lixia.slice(1), [40, 31, 0, 0, 0]);
  assert.deepEqual(licheng.slice(1), [0, 0, 10, 8, 12345.5]);
  assert.equal(tb.total[5], tb.data.reduce((s, x) => s + x[5], 0));
  const h = await make(city, { type: 'high-skill', period: '2017-Q1', region_code: '370100' });
  const hb = body(readXlsx(await file(city, h.data.id))[0]);
  // 期末: 20 + 4 - 2 = 22 (三级 18, 一级 4); 本期新增: 一级 4
  assert.deepEqual(hb.data.find((x) => x[0] === '历下区').slice(1), [22, 18, 0, 4, 4, 0, 0, 4]);

  // a city: its own city only, and only its own versions listed
  expectError(await make(city, { type: 'training', period: '2017-Q1' }), 403, 'forbidden');
  expectError(await make(city, { type: 'training', period: '2017-Q1', region_code: '370200' }), 403, 'forbidden');
  const mine = (await api('GET', '/api/v1/stats/reports?period=2017-Q1', { token: city })).data.items;
  assert.ok(mine.length >= 2 && mine.every((x) => x.region_code === '370100'));
  const prov = await login('admin');
  const provs = await make(prov, { type: 'training', period: '2017-Q1' });
  expectError(await api('GET', `/api/v1/stats/reports/${provs.data.id}/xlsx`, { token: await login('qingdao_admin') }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/stats/reports/${t.data.id}/xlsx`, { token: await login('qingdao_admin') }), 404, 'not_found');
});

test('refused periods and types; the schedule made last month\'s, quarter\'s and year\'s reports once', async () => {
  const prov = await login('admin');
  const now = new Date(Date.now() + 8 * 3600e3);
  const ym = now.toISOString().slice(0, 7), y = now.getUTCFullYear();
  expectError(await make(prov, { type: 'evaluation', period: ym }), 422, 'period_not_ended');
  expectError(await make(prov, { type: 'evaluation', period: String(y) }), 422, 'period_not_ended');
  expectError(await make(prov, { type: 'evaluation', period: '2017-13' }), 422, 'invalid_value');
  expectError(await make(prov, { type: 'census', period: '2017' }), 422, 'invalid_value');
  expectError(await make(prov, { type: 'evaluation' }), 422, 'missing_field');
  expectError(await make(prov, { type: 'evaluation', period: '2017', region_code: '370102' }), 422, 'invalid_region');
  expectError(await make(await login('jinan_org_admin'), { type: 'evaluation', period: '2017' }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/stats/reports', { body: { type: 'evaluation', period: '2017' } }), 401, 'login_required');
  const m = now.getUTCMonth() + 1;
  const prevMonth = m > 1 ? `${y}-${String(m - 1).padStart(2, '0')}` : `${y - 1}-12`;
  const q = Math.floor((m - 1) / 3);
  const prevQuarter = q ? `${y}-Q${q}` : `${y - 1}-Q4`;
  const all = (await api('GET', '/api/v1/stats/reports', { token: prov })).data.items.filter((x) => x.scheduled);
  for (const period of [prevMonth, prevQuarter, String(y - 1)])
    for (const type of ['evaluation', 'training', 'high-skill']) {
      const s = all.filter((x) => x.period === period && x.type === type && x.region_code === '370000');
      assert.equal(s.length, 1, `${type} ${period}: ${s.length} scheduled versions`);
      assert.match(s[0].created_by, /^scheduler:/);
    }
});
