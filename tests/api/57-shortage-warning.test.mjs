// 急需紧缺预警 (issue 17 item 4; docs/DOMAIN.md §59): postings imported as CSV (a city its own rows), supply from
// the statistics counters (written here in SQL for past years, as 41-reports does, and removed at the end),
// the indicators and their reasons against the thresholds of shortage_rules, next year's forecast and the
// back-test recomputed here by an independent Holt (the same grid and start as core/forecast.c), a city's own
// scope, the proposal edited and published becoming the catalogue of its year.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, dbExec } from './lib.mjs';

const q1 = (sql) => dbExec(sql).match(/v=(\S*)/)?.[1];
// a window of four years no earlier run used in 济南 (postings stay; counters are removed after)
let Y = 3008;
while (Number(q1(`SELECT 'v=' || COUNT(*) FROM job_postings WHERE region_code LIKE '3701%' AND posted_on >= '${Y - 3}-01-01' AND posted_on <= '${Y}-12-31'`)) > 0 ||
       Number(q1(`SELECT 'v=' || COUNT(*) FROM shortage_proposals WHERE city_code = '370100' AND year = ${Y + 1}`)) > 0) Y += 4;
const SRC = `api57-${Y}`;
const [A, B, C, D] = dbExec("SELECT 'v=' || code FROM occupations WHERE code LIKE '6-%' ORDER BY code LIMIT 4 OFFSET 20").match(/v=\S+/g).map((x) => x.slice(2));

// monthly supply (certificates + completions) of A (rising slowly) and B (flat, plenty) over Y-3 .. Y
const months = [];
for (let y = Y - 3; y <= Y; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
const supA = months.map((_, i) => 2 + Math.floor(i / 12) + (i % 3 === 0 ? 1 : 0));
const supB = months.map(() => 10);
const counters = [];
for (const [occ, s] of [[A, supA], [B, supB]])
  months.forEach((m, i) => counters.push(`('${i % 2 ? 'cert.issued' : 'training.completed'}', '370102', '${occ}', -1, '', 0, '${m}', 3, ${s[i]}, 0)`));
dbExec(`INSERT INTO stat_counts (metric, region_code, occupation_code, level, inst_type, institution_id, month, shard, n, amount) VALUES ${counters.join(', ')}`);
// D: no posting, its supply only in the bureaus' history of the months before the counters
const supD = months.map((_, i) => 6 + (i % 4));
dbExec(`INSERT INTO shortage_supply_history (region_code, occupation_code, month, certificates, completions, source) VALUES ${months.map((m, i) => `('370112', '${D}', '${m}', ${supD[i] - 2}, 2, 'api57')`).join(', ')}`);
after(() => {
  dbExec(`DELETE FROM stat_counts WHERE region_code = '370102' AND shard = 3 AND month >= '${Y - 3}-01' AND month <= '${Y}-12' AND occupation_code IN ('${A}', '${B}')`);
  dbExec(`DELETE FROM shortage_supply_history WHERE source = 'api57' AND month >= '${Y - 3}-01' AND month <= '${Y}-12'`);
  // the catalogue published for year Y + 1 (past 3000) would stay 济南's newest and apply to its courses on
  // the 培训地图 of every later test (63 writes and reads a 2032 list): removed with the rest
  dbExec(`DELETE FROM training_shortage_entries WHERE city_code = '370100' AND year = ${Y + 1}`);
  dbExec(`DELETE FROM training_shortage_lists WHERE city_code = '370100' AND year = ${Y + 1}`);
});

// Holt as core/forecast.c: l1 = y1, b1 = y2 - y1; α, β* on {0.1 … 0.9}², least SSE of e_3 … e_n, first on a tie
function holt(y) {
  let best;
  for (let a = 1; a <= 9; a++) for (let b = 1; b <= 9; b++) {
    const al = a / 10, be = b / 10;
    let l = y[0], t = y[1] - y[0], sse = 0;
    for (let i = 1; i < y.length; i++) {
      const e = y[i] - (l + t);
      if (i >= 2) sse += e * e;
      const l1 = al * y[i] + (1 - al) * (l + t);
      t = be * (l1 - l) + (1 - be) * t;
      l = l1;
    }
    if (!best || sse < best.sse) best = { al, be, l, t, sse, s2: sse / (y.length - 2) };
  }
  return best;
}
// next year: the model fitted to the running 12-month sums, 12 months ahead, Var = σ² (1 + Σ_{j<12} (α + αβ* j)²)
function year12(y, z = 1.96) {
  const r = [];
  for (let t = 11; t < y.length; t++) r.push(y.slice(t - 11, t + 1).reduce((x, v) => x + v, 0));
  const f = holt(r);
  const p = f.l + 12 * f.t;
  let w = 1;
  for (let j = 1; j < 12; j++) w += (f.al + f.al * f.be * j) ** 2;
  const half = z * Math.sqrt(f.s2 * w);
  return { point: Math.max(0, p), lo: Math.max(0, p - half), hi: Math.max(0, p + half) };
}
const sum = (a) => a.reduce((x, v) => x + v, 0);

test('postings, indicators with their reasons, the forecast and its back-test, a city its own', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  // A: 105 wanted, three closed after 50 (51 in a leap year), 70 and 40 days, the fourth open; B: 25 wanted, closed after 10 days; C: 30, open
  const csv = ['岗位编号,工作地区代码,职业编码,招聘单位,岗位名称,招聘人数,技能等级要求,月薪下限（元）,月薪上限（元）,发布日期,结束日期',
    `a1,370102,${A},济南甲厂,焊工,40,四级,6000,8000,${Y}-02-01,${Y}-03-23`,
    `a2,370112,${A},济南乙厂,焊工,30,,,,${Y}-04-01,${Y}-06-10`,
    `a3,370102,${A},济南丙厂,焊工,20,,,,${Y}-07-01,${Y}-08-10`,
    `a4,370102,${A},济南丁厂,焊工,15,,,,${Y}-11-01,`,
    `b1,370102,${B},济南戊厂,装配工,25,,,,${Y}-05-01,${Y}-05-11`,
    `c1,370102,${C},济南己厂,操作工,30,,,,${Y}-06-01,`,
    `q1,370202,${A},青岛厂,焊工,50,,,,${Y}-06-01,`,
    `x1,370102,9-99-99-99,济南厂,无此职业,5,,,,${Y}-06-01,`].join('\n');
  const imp = await api('POST', `/api/v1/stats/shortage/postings?source=${SRC}`, { token: jinan, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(imp.status, 200, JSON.stringify(imp.data));
  assert.deepEqual([imp.data.rows, imp.data.inserted, imp.data.rejected], [8, 6, 2]);
  assert.deepEqual(imp.data.errors.map((x) => [x.line, x.code]), [[8, 'out_of_scope'], [9, 'invalid_occupation']]);
  // imported again (a4 closed meanwhile) by the province: replaced, not doubled
  const again = await api('POST', `/api/v1/stats/shortage/postings?source=${SRC}&all_or_nothing=true`, { token: prov, raw: `岗位编号,工作地区代码,职业编码,招聘单位,岗位名称,招聘人数,发布日期,结束日期\na4,370102,${A},济南丁厂,焊工,15,${Y}-11-01,${Y}-12-31\n`, headers: { 'Content-Type': 'text/csv' } });
  assert.deepEqual([again.status, again.data.inserted, again.data.updated], [200, 0, 1]);
  expectError(await api('POST', `/api/v1/stats/shortage/postings?source=${SRC}`, { token: await login('jinan_org_admin'), raw: csv, headers: { 'Content-Type': 'text/csv' } }), 403, 'forbidden');

  const w = await api('GET', `/api/v1/stats/shortage/warnings?year=${Y}`, { token: jinan });
  assert.equal(w.status, 200, JSON.stringify(w.data));
  assert.equal(w.data.region_code, '370100');
  assert.equal(w.data.forecast_year, Y + 1);
  const th = Object.fromEntries(w.data.thresholds.map((t) => [t.key, t.value]));
  const it = Object.fromEntries(w.data.items.map((x) => [x.occupation_code, x]));
  const yA = sum(supA.slice(36)), yB = sum(supB.slice(36));
  assert.deepEqual([it[A].demand, it[A].supply, it[A].ratio_pct, it[A].vacancy_days], [105, yA, Math.round(10500 / yA), Math.round(sum([['02-01', '03-23'], ['04-01', '06-10'], ['07-01', '08-10'], ['11-01', '12-31']].map(([a, b]) => (Date.parse(`${Y}-${b}`) - Date.parse(`${Y}-${a}`)) / 86400e3)) / 4)]);
  // the forecast: the same model here
  const fA = year12(supA);
  assert.deepEqual([it[A].forecast.point, it[A].forecast.lo, it[A].forecast.hi], [Math.round(fA.point), Math.floor(fA.lo), Math.ceil(fA.hi)]);
  const wantA = ['ratio', 'vacancy'].concat(105 * 100 >= th.ratio_min_pct * Math.ceil(fA.hi) ? ['forecast'] : []);
  assert.deepEqual(it[A].reasons.map((r) => r.code), wantA);
  assert.match(it[A].reasons[0].zh, new RegExp(`需求供给比 .*（需求 105 人，供给 ${yA} 人）达到阈值 1\\.50`));
  assert.equal(it[A].listed, true);
  assert.equal(it[A].severity, wantA.length);
  assert.deepEqual([it[B].reasons, it[B].listed, it[B].ratio_pct, it[B].vacancy_days], [[], false, Math.round(2500 / yB), 10]);
  // C: wanted with no supply at all: one reason, not enough for the list (min_reasons 2)
  assert.deepEqual([it[C].ratio_pct, it[C].forecast, it[C].reasons.map((r) => r.code), it[C].listed], [null, null, ['ratio'], false]);
  assert.equal(w.data.items[0].occupation_code, A, 'the listed first');
  // the back-test: each series fitted without its last 12 months, the year forecast and compared
  // (D, with no demand and not listed, is back-tested too: its supply history counts)
  assert.ok(!it[D]);
  const bt = [supA, supB, supD].map((s) => ({ p: year12(s.slice(0, 36)), a: sum(s.slice(36)) }));
  const mape = (100 * sum(bt.map((x) => Math.abs(x.p.point - x.a) / x.a))) / 3;
  assert.equal(w.data.backtest.series, 3);
  assert.ok(Math.abs(w.data.backtest.mape_pct - mape) < 0.006, `${w.data.backtest.mape_pct} vs ${mape}`);
  assert.ok(Math.abs(w.data.backtest.coverage_pct - (100 * bt.filter((x) => x.a >= x.p.lo && x.a <= x.p.hi).length) / 3) < 0.006);
  const fd = await api('GET', `/api/v1/stats/shortage/forecast?year=${Y}&region_code=370100&occupation_code=${D}`, { token: prov });
  assert.deepEqual([fd.status, fd.data.supply, fd.data.forecast.point], [200, supD, Math.round(year12(supD).point)]);

  // the thresholds are data: with min_reasons 1 the province lists C too; set back afterwards
  const rules = (await api('GET', '/api/v1/stats/shortage/rules', { token: jinan })).data.items;
  const mr = rules.find((x) => x.key === 'min_reasons');
  assert.deepEqual([mr.value, mr.min, mr.max], [th.min_reasons, 1, 4]);
  expectError(await api('PUT', '/api/v1/stats/shortage/rules', { token: jinan, body: { values: { min_reasons: 1 }, source: 'x' } }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/stats/shortage/rules', { token: prov, body: { values: { min_reasons: 5 }, source: 'x' } }), 422, 'invalid_value');
  expectError(await api('PUT', '/api/v1/stats/shortage/rules', { token: prov, body: { values: { no_such: 1 }, source: 'x' } }), 422, 'invalid_value');
  try {
    const set = await api('PUT', '/api/v1/stats/shortage/rules', { token: prov, body: { values: { min_reasons: 1 }, source: 'API 57：单项理由即列入' } });
    assert.equal(set.status, 200, JSON.stringify(set.data));
    const w1 = await api('GET', `/api/v1/stats/shortage/warnings?year=${Y}&region_code=370100`, { token: prov });
    assert.deepEqual(w1.data.items.filter((x) => x.listed).map((x) => x.occupation_code).sort(), [A, C].sort());
  } finally {
    await api('PUT', '/api/v1/stats/shortage/rules', { token: prov, body: { values: { min_reasons: mr.value }, source: mr.source } });
  }
  const fc = await api('GET', `/api/v1/stats/shortage/forecast?year=${Y}&region_code=370100&occupation_code=${A}`, { token: prov });
  assert.equal(fc.status, 200, JSON.stringify(fc.data));
  assert.deepEqual(fc.data.supply, supA);
  assert.deepEqual([fc.data.months.length, fc.data.ahead.length, fc.data.years.map((x) => x.supply)], [48, 12, [0, 1, 2, 3].map((k) => sum(supA.slice(12 * k, 12 * k + 12)))]);
  assert.equal(fc.data.forecast.point, it[A].forecast.point);
  assert.deepEqual([fc.data.backtest.actual, fc.data.backtest.point], [bt[0].a, Math.round(bt[0].p.point)]);

  // scope: 青岛 does not see 济南; an institution sees no warning
  expectError(await api('GET', `/api/v1/stats/shortage/warnings?year=${Y}&region_code=370100`, { token: qingdao }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/stats/shortage/forecast?year=${Y}&region_code=370100&occupation_code=${A}`, { token: qingdao }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/stats/shortage/warnings?year=${Y}`, { token: await login('jinan_org_admin') }), 403, 'forbidden');
  const qw = await api('GET', `/api/v1/stats/shortage/warnings?year=${Y}`, { token: qingdao });
  assert.equal(qw.data.region_code, '370200');
  assert.ok(!qw.data.items.some((x) => x.demand === 50 && x.occupation_code === A), 'the refused 青岛 row was not stored');
});

test('the proposal from the warning list, edited and published, is next year\'s catalogue', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const path = `/api/v1/stats/shortage/proposals/370100/${Y + 1}`;
  expectError(await api('POST', '/api/v1/stats/shortage/proposals', { token: jinan, body: { city_code: '370100', year: Y + 1 } }), 403, 'forbidden');
  const mk = await api('POST', '/api/v1/stats/shortage/proposals', { token: prov, body: { city_code: '370100', year: Y + 1 } });
  assert.equal(mk.status, 201, JSON.stringify(mk.data));
  assert.deepEqual([mk.data.state, mk.data.basis_year, mk.data.title], ['draft', Y, `济南市${Y + 1}年急需紧缺工种目录`]);
  assert.deepEqual(mk.data.entries.map((x) => x.occupation_code), [A]);
  assert.ok(mk.data.entries[0].reasons.includes('ratio') && mk.data.entries[0].reasons.includes('vacancy'));
  // 济南 reads its own; 青岛 does not; only the province edits
  assert.equal((await api('GET', path, { token: jinan })).status, 200);
  expectError(await api('GET', path, { token: await login('qingdao_admin') }), 403, 'forbidden');
  const body = { min: '400', max: '900', note: '增补操作工', entries: [{ occupation_code: A, amount: '500' }, { occupation_code: C, amount: '600' }] };
  expectError(await api('PUT', path, { token: jinan, body }), 403, 'forbidden');
  expectError(await api('PUT', path, { token: prov, body: { ...body, entries: [{ occupation_code: A, amount: '950' }] } }), 422, 'invalid_amount');
  // the same checks as the catalogue's own (svc/training/shortage.c): an unknown occupation, a range upside down
  const bad = await api('PUT', path, { token: prov, body: { ...body, entries: [{ occupation_code: '9-99-99-99' }] } });
  expectError(bad, 422, 'invalid_occupation');
  assert.equal(bad.data.error.field, 'entries');
  const upside = await api('PUT', path, { token: prov, body: { ...body, min: '900', max: '400' } });
  expectError(upside, 422, 'invalid_amount');
  assert.equal(upside.data.error.field, 'max');
  assert.deepEqual((await api('GET', path, { token: prov })).data.entries.map((x) => x.occupation_code), [A], 'a refused edit changes nothing');
  const ed = await api('PUT', path, { token: prov, body });
  assert.equal(ed.status, 200, JSON.stringify(ed.data));
  assert.deepEqual(ed.data.entries.map((x) => [x.occupation_code, x.amount, x.reasons.length > 0]), [[A, '500.00', true], [C, '600.00', false]]);
  const pub = await api('POST', `${path}/publish`, { token: prov });
  assert.equal(pub.status, 200, JSON.stringify(pub.data));
  assert.equal(pub.data.state, 'published');
  // the catalogue of Y + 1, as the training subsidies read it
  const cat = await api('GET', `/api/v1/training/shortage-lists/370100/${Y + 1}`, { token: jinan });
  assert.equal(cat.status, 200, JSON.stringify(cat.data));
  assert.deepEqual(cat.data.entries.map((x) => [x.occupation_code, x.amount_fen]), [[A, 50000], [C, 60000]]);
  assert.match(cat.data.source, new RegExp(`${Y} 年招聘岗位.*增补操作工`));
  expectError(await api('POST', `${path}/publish`, { token: prov }), 409, 'invalid_transition');
  expectError(await api('PUT', path, { token: prov, body }), 409, 'already_published');
  expectError(await api('POST', '/api/v1/stats/shortage/proposals', { token: prov, body: { city_code: '370100', year: Y + 1 } }), 409, 'already_published');
});
