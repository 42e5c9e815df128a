// 开放数据 (issue 17 item 5; docs/DOMAIN.md §47): the province publishes a finished period's table from the
// statistics counters with small cells hidden, and the public reads it as JSON, CSV or XLSX. The counters of
// 2018 are written here in SQL (no use case can date a certificate or a claim in the past) and removed again
// at the end, so `jineng stats verify` (77) still finds the counters equal to the raw tables.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, dbExec } from './lib.mjs';

const rows = [];
function counter(metric, region, level, month, n, amount = 0) {
  rows.push([metric, region, level, month]);
  dbExec(`INSERT INTO stat_counts (metric, region_code, occupation_code, level, inst_type, institution_id, month, shard, n, amount) VALUES ('${metric}', '${region}', '', ${level}, '', 0, '${month}', 3, ${n}, ${amount})`);
}
after(() => {
  for (const [metric, region, level, month] of rows)
    dbExec(`DELETE FROM stat_counts WHERE metric = '${metric}' AND region_code = '${region}' AND level = ${level} AND month = '${month}' AND shard = 3 AND occupation_code = '' AND inst_type = '' AND institution_id = 0`);
});

const row = (t, label) => t.rows.find((r) => r.label === label);
const ns = (r) => r.cells.map((c) => c.n);

test('certificates of 2018 by city and level: the worked example of DOMAIN §47, frozen once published', async () => {
  // 济南 25 / 3 / 40, 青岛 30 / 50 / 12, 淄博 15 / 20 / 60 at 五级 / 四级 / 三级 (济南's 25 split over two
  // months and two counties); a certificate of January 2019 is outside the period
  counter('cert.issued', '370102', 5, '2018-02', 20);
  counter('cert.issued', '370112', 5, '2018-11', 5);
  counter('cert.issued', '370102', 4, '2018-06', 3);
  counter('cert.issued', '370102', 3, '2018-06', 40);
  counter('cert.issued', '370202', 5, '2018-03', 30);
  counter('cert.issued', '370202', 4, '2018-03', 50);
  counter('cert.issued', '370202', 3, '2018-12', 12);
  counter('cert.issued', '370302', 5, '2018-07', 15);
  counter('cert.issued', '370302', 4, '2018-07', 20);
  counter('cert.issued', '370302', 3, '2018-07', 60);
  counter('cert.issued', '370302', 3, '2019-01', 7);
  const prov = await login('admin');
  const r = await api('POST', '/api/v1/open-data/releases', { token: prov, body: { dataset: 'certificates-by-city', period: '2018' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const t = r.data;
  assert.equal(t.threshold, 10);
  assert.deepEqual(t.columns.map((c) => c.label), ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师', '专项职业能力', '合计']);
  assert.equal(t.rows.length, 17); // the 16 cities and 合计
  // 济南's 四级 (3) is small; 济南's 五级 and 淄博's 五级 and 四级 hide it from the row and column totals
  assert.deepEqual(ns(row(t, '济南市')), [null, null, 40, 0, 0, 0, 68]);
  assert.deepEqual(ns(row(t, '青岛市')), [30, 50, 12, 0, 0, 0, 92]);
  assert.deepEqual(ns(row(t, '淄博市')), [null, null, 60, 0, 0, 0, 95]);
  assert.deepEqual(ns(row(t, '合计')), [70, 73, 112, 0, 0, 0, 255]);
  assert.deepEqual(row(t, '济南市').cells.slice(0, 2).map((c) => c.suppressed), ['complementary', 'small']);
  assert.deepEqual(row(t, '淄博市').cells.slice(0, 2).map((c) => c.suppressed), ['complementary', 'complementary']);
  assert.equal(t.hidden, 4);
  assert.deepEqual(ns(row(t, '临沂市')), [0, 0, 0, 0, 0, 0, 0]);

  // the public reads the same table, and it does not move when the counters do
  counter('cert.issued', '370202', 5, '2018-04', 1000);
  const pub = await api('GET', '/api/v1/public/open-data/certificates-by-city/2018');
  assert.equal(pub.status, 200);
  assert.deepEqual(pub.data.rows, t.rows);
  assert.ok(!JSON.stringify(pub.data).includes('"n":3,'), 'the small value is not in the public table');

  // as CSV: the labels, hidden cells as *
  const csv = await api('GET', '/api/v1/public/open-data/certificates-by-city/2018?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.data.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], '设区市,五级/初级工,四级/中级工,三级/高级工,二级/技师,一级/高级技师,专项职业能力,合计');
  assert.ok(lines.includes('济南市,*,*,40,0,0,0,68'), lines.join('\n'));
  assert.equal(lines.at(-1), '合计,70,73,112,0,0,0,255');
  const xlsx = await api('GET', '/api/v1/public/open-data/certificates-by-city/2018?format=xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.data.subarray(0, 2).toString(), 'PK');

  // published again: version 2 with the counter added meanwhile, version 1 superseded and kept
  const v2 = await api('POST', '/api/v1/open-data/releases', { token: prov, body: { dataset: 'certificates-by-city', period: '2018', threshold: 20 } });
  assert.equal(v2.status, 201);
  assert.equal(v2.data.version, 2);
  // at 20, 青岛's 12 and 淄博's 15 are small too, and the rows and columns hide more to guard them
  assert.deepEqual(ns(row(v2.data, '青岛市')), [1030, null, null, 0, 0, 0, 1092]);
  assert.deepEqual(ns(row(v2.data, '济南市')), [null, null, null, 0, 0, 0, 68]);
  assert.deepEqual(ns(row(v2.data, '淄博市')), [null, null, 60, 0, 0, 0, 95]);
  assert.deepEqual(row(v2.data, '淄博市').cells.slice(0, 2).map((c) => c.suppressed), ['small', 'complementary']);
  assert.deepEqual(ns(row(v2.data, '合计')), [1070, 73, 112, 0, 0, 0, 1255]);
  const rel = (await api('GET', '/api/v1/open-data/releases', { token: prov })).data.items.filter((x) => x.dataset === 'certificates-by-city' && x.period === '2018');
  assert.deepEqual(rel.map((x) => [x.version, x.state]), [[2, 'published'], [1, 'superseded']]);
  assert.equal(rel[0].published_by, 'admin');
  assert.equal((await api('GET', '/api/v1/public/open-data/certificates-by-city/2018')).data.version, 2);
  const cat = (await api('GET', '/api/v1/public/open-data')).data.datasets.find((d) => d.code === 'certificates-by-city');
  assert.ok(cat.releases.some((x) => x.period === '2018' && x.version === 2));
  const audit = (await api('GET', '/api/v1/audit?action=open_data.publish', { token: prov })).data;
  assert.ok(audit.total >= 2);
});

test('subsidies of a quarter by city and month carry amounts in 元, hidden with their counts', async () => {
  counter('claim.paid', '370102', -1, '2018-04', 12, 1800000);
  counter('claim.paid', '370102', -1, '2018-05', 2, 300000);
  counter('claim.paid', '370202', -1, '2018-05', 40, 6000000);
  counter('claim.paid', '370202', -1, '2018-06', 25, 3750000);
  const prov = await login('admin');
  const r = await api('POST', '/api/v1/open-data/releases', { token: prov, body: { dataset: 'subsidies-by-city', period: '2018-Q2' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.deepEqual(r.data.columns.map((c) => c.label), ['4月', '5月', '6月', '合计']);
  const jn = row(r.data, '济南市'), qd = row(r.data, '青岛市');
  // 济南's May (2) is small; 济南's April guards the row; April's column then hides 青岛's 0 (no other
  // member is shown), May's hides 青岛's 40
  assert.deepEqual(ns(jn), [null, null, 0, 14]);
  assert.deepEqual(jn.cells.map((c) => c.suppressed), ['complementary', 'small', null, null]);
  assert.deepEqual(jn.cells.map((c) => c.amount), [null, null, '0.00', '21000.00']);
  assert.deepEqual(ns(qd), [null, null, 25, 65]);
  assert.deepEqual(qd.cells.map((c) => c.amount), [null, null, '37500.00', '97500.00']);
  assert.deepEqual(ns(row(r.data, '合计')), [12, 42, 25, 79]);
  const csv = (await api('GET', '/api/v1/public/open-data/subsidies-by-city/2018-Q2?format=csv')).data.toString('utf8');
  assert.ok(csv.includes('4月（人次）,4月（金额，元）'));
  assert.ok(csv.includes('济南市,*,*,*,*,0,0.00,14,21000.00'), csv);
});

test('what may not be published is refused, and only the province publishes', async () => {
  const prov = await login('admin');
  const pub = (body) => api('POST', '/api/v1/open-data/releases', { token: prov, body });
  const year = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4));
  expectError(await pub({ dataset: 'certificates-by-city', period: String(year) }), 422, 'period_not_ended');
  expectError(await pub({ dataset: 'certificates-by-city', period: `${year + 1}-Q1` }), 422, 'period_not_ended');
  expectError(await pub({ dataset: 'certificates-by-city', period: '2018-Q5' }), 422, 'invalid_value');
  expectError(await pub({ dataset: 'certificates-by-city', period: '18' }), 422, 'invalid_value');
  expectError(await pub({ dataset: 'persons-by-name', period: '2018' }), 422, 'invalid_value');
  expectError(await pub({ dataset: 'certificates-by-city', period: '2018', threshold: 2 }), 422, 'invalid_value');
  expectError(await pub({ period: '2018' }), 422, 'missing_field');
  expectError(await api('POST', '/api/v1/open-data/releases', { token: await login('jinan_admin'), body: { dataset: 'certificates-by-city', period: '2018' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/open-data/releases', { body: { dataset: 'certificates-by-city', period: '2018' } }), 401, 'login_required');
  expectError(await api('GET', '/api/v1/open-data/releases', { token: await login('jinan_admin') }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/public/open-data/certificates-by-city/2017'), 404, 'not_found');
  expectError(await api('GET', '/api/v1/public/open-data/nothing/2018'), 404, 'not_found');
  expectError(await api('GET', '/api/v1/public/open-data/certificates-by-city/2018?format=pdf'), 422, 'invalid_format');
});
