// 工资价位 (docs/DOMAIN.md §41): employers submit their employees' pay by file (sealed, masked, one row per person
// and year: a file imported again changes nothing); the bureau publishes the 10/25/50/75/90 percentiles
// (Hyndman-Fan type 7, rounded to the fen) by region, post and level against a hand-computed table, with a cell
// suppressed for each reason (few employers, few persons, a dominant employer) and the change of the median
// against the previous year; the public reads published cells only, without counts; an employer cannot read
// another's submissions; the minimum-pay check of a post class; every change audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, creditCode } from './lib.mjs';

const PW = 'Mx!Wage-Test-2026';
const Y1 = 2001, Y2 = 2002; // years of this test's own (the demo publishes recent years, the scope matrix 2003/2004)
const OCC1 = '4-01-06-01', OCC2 = '4-01-06-02'; // 电子商务师 (关键类 here), 互联网营销师 (基础类)
let seq = 0;
const person = () => idNumber('370102', '19770707', ++seq);
const csv = (rows) => '证件号码,姓名,职业编码,技能等级,年度工资收入\n' + rows.map((r) => r.join(',')).join('\n') + '\n';
const upload = (token, year, body, q = '') => api('POST', `/api/v1/wages/submissions/import?year=${year}${q}`, { token, raw: body, headers: { 'Content-Type': 'text/csv' } });

test('工资价位: submissions, publication with disclosure control, public table, scope, minimum-pay check', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const tag = `${unique()}${Date.now() % 10000}`;

  // four employers of 济南 (three in 历下区, one in 市中区), each with a staff account
  const emp = [];
  for (const [i, county] of ['370102', '370102', '370102', '370103'].entries()) {
    const code = creditCode(`91370100${String(unique()).padStart(9, '0')}`);
    const c = await api('POST', '/api/v1/institutions', { token: prov, body: { name: `工资价位测试企业${tag}-${i + 1}`, credit_code: code, type: 'employer', region_code: county } });
    assert.equal(c.status, 201, JSON.stringify(c.data));
    const username = `wage${tag}e${i + 1}`;
    const u = await api('POST', '/api/v1/users', { token: prov, body: { username, password: PW, role: i === 0 ? 'institution_admin' : 'institution_staff', institution_id: c.data.id } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    emp.push({ id: c.data.id, token: await login(username, PW) });
  }
  const [E1, E2, E3, E4] = emp;

  // the rules as data with their sources; the year's posts (the province only)
  let r = await api('GET', '/api/v1/wages/rules');
  assert.equal(r.status, 200);
  const rules = Object.fromEntries(r.data.rules.map((x) => [x.key, x.value]));
  assert.deepEqual([rules.min_employers, rules.min_persons, rules.max_share_pct], [3, 10, 50]);
  assert.deepEqual(r.data.post_classes.map((c) => [c.code, c.min_pct]), [['basic', 105], ['important', 120], ['key', 150], ['core', 200]]);
  assert.match(r.data.post_classes[0].source, /人社厅发〔2025〕52号/);
  const posts = { items: [{ occupation_code: OCC1, post_class: 'key' }, { occupation_code: OCC2, name: '直播销售员', post_class: 'basic' }] };
  expectError(await api('PUT', `/api/v1/wages/posts/${Y2}`, { token: jinan, body: posts }), 403, 'forbidden');
  expectError(await api('PUT', `/api/v1/wages/posts/${Y2}`, { token: prov, body: { items: [{ occupation_code: OCC1, post_class: 'vital' }] } }), 422, 'invalid_value');
  expectError(await api('PUT', `/api/v1/wages/posts/${Y2}`, { token: prov, body: { items: [posts.items[0], posts.items[0]] } }), 422, 'duplicate_post');
  for (const y of [Y1, Y2]) assert.equal((await api('PUT', `/api/v1/wages/posts/${y}`, { token: prov, body: posts })).status, 200);
  r = await api('GET', `/api/v1/wages/posts/${Y2}`);
  assert.deepEqual(r.data.items.map((p) => [p.occupation_code, p.name, p.min_pct]), [[OCC1, '电子商务师', 150], [OCC2, '直播销售员', 105]]);

  // the minimum wage of 济南, as data with its source (a city its own region, not another's)
  const mw = { effective_from: '2001-01-01', monthly: '2200', source: '[GAP] 测试值' };
  expectError(await api('PUT', '/api/v1/wages/min-wages/370100', { token: qingdao, body: mw }), 403, 'forbidden');
  assert.equal((await api('PUT', '/api/v1/wages/min-wages/370100', { token: jinan, body: mw })).status, 200);

  // the hand-computed table of Y2. Cell A (OCC1 高级工): E1 4, E2 3, E3 3 persons, pay below (yuan);
  // type 7 over n = 10: h = 9p -> p10 51800, p25 54500, p50 59000, p75 63500, p90 66000 + 0.1 * 34000.05 = 69400.005 -> 69400.01
  const payA = [50000, 52000, 54000, 56000, 58000, 60000, 62000, 64000, 66000, '100000.05'];
  // the year before: 2000 less each (the last 98000): median 57000 -> change (59000 - 57000) / 57000 = 3.51 %
  const payA1 = [48000, 50000, 52000, 54000, 56000, 58000, 60000, 62000, 64000, 98000];
  const idsA = payA.map(() => person());
  const byEmp = [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]];
  // cell B (OCC1 技师): 3 employers, 3 persons -> few_persons; cell C (OCC2 高级工): E1 5 + E2 5 -> few_employers (50 % is not above);
  // cell D (OCC2 技师): E1 6, E2 2, E4 2 -> dominant_employer (60 %)
  const rowsFor = (k, year) => {
    const rows = byEmp[k].map((j) => [idsA[j], '', OCC1, '高级工', year === Y1 ? payA1[j] : payA[j]]);
    return rows;
  };
  const extra = { 0: [], 1: [], 2: [], 3: [] };
  for (const k of [0, 1, 2]) extra[k].push([person(), '', OCC1, '技师', 70000]);
  for (const [k, n] of [[0, 5], [1, 5]]) for (let i = 0; i < n; i++) extra[k].push([person(), '', OCC2, '三级', k === 0 && i === 0 ? 27000 : 40000 + i * 1000]);
  for (const [k, n] of [[0, 6], [1, 2], [3, 2]]) for (let i = 0; i < n; i++) extra[k].push([person(), '', OCC2, '2', 45000 + i * 500]);

  for (const k of [0, 1, 2]) {
    r = await upload(emp[k].token, Y1, csv(rowsFor(k, Y1)));
    assert.equal(r.status, 200, JSON.stringify(r.data));
  }
  const files = [0, 1, 2, 3].map((k) => csv([...(k < 3 ? rowsFor(k, Y2) : []), ...extra[k]]));
  for (const k of [0, 1, 2, 3]) {
    r = await upload(emp[k].token, Y2, files[k]);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.rejected, 0);
  }
  // the same file again changes nothing; a changed pay is an update
  r = await upload(E1.token, Y2, files[0]);
  assert.deepEqual([r.data.imported, r.data.inserted, r.data.updated, r.data.unchanged], [16, 0, 0, 16]);

  // rejected rows, each with its reason; all or nothing stores none of them
  const bad = csv([
    ['370102197707070000', '', OCC1, '高级工', 50000],
    [person(), '', '4-01-02-01', '高级工', 50000],
    [person(), '', OCC1, '六级', 50000],
    [person(), '', OCC1, '高级工', '-5'],
    [idsA[0], '', OCC1, '高级工', 50000],
    [idsA[0], '', OCC1, '高级工', 50001],
  ]);
  r = await upload(E1.token, Y2, bad, '&all_or_nothing=true');
  assert.equal(r.status, 422);
  assert.equal(r.data.stored, false);
  assert.deepEqual(r.data.errors.map((x) => x.code), ['invalid_id_number', 'not_a_post', 'invalid_level', 'invalid_amount', 'duplicate_in_file']);
  expectError(await upload(E1.token, 1999, files[0]), 422, 'invalid_value');
  expectError(await upload(jinan, Y2, files[0]), 403, 'forbidden');

  // an employer reads its own submissions only, masked; the city reads its region's; another city none
  r = await api('GET', `/api/v1/wages/submissions?year=${Y2}&page_size=500`, { token: E2.token });
  assert.equal(r.data.total, 3 + 1 + 5 + 2);
  assert.ok(r.data.items.every((x) => x.institution_id === E2.id));
  assert.ok(r.data.items.every((x) => !idsA.includes(x.id_number) && x.id_number.includes('*')), 'masked');
  r = await api('GET', `/api/v1/wages/submissions?year=${Y2}&institution_id=${E1.id}`, { token: E2.token });
  assert.equal(r.data.total, 0);
  r = await api('GET', `/api/v1/wages/submissions?year=${Y2}&institution_id=${E1.id}`, { token: jinan });
  assert.equal(r.data.total, 16);
  r = await api('GET', `/api/v1/wages/submissions?year=${Y2}&institution_id=${E1.id}`, { token: qingdao });
  assert.equal(r.data.total, 0);
  expectError(await api('GET', `/api/v1/wages/check?year=${Y2}&institution_id=${E1.id}`, { token: E2.token }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/wages/submissions?year=${Y2}`), 401, 'login_required');
  expectError(await api('GET', `/api/v1/wages/submissions?year=${Y2}`, { token: await login('candidate1') }), 403, 'forbidden');

  // the minimum-pay check: 互联网营销师 is 基础类 (105 % of 2,200 a month: 27,720 a year); one person at 27,000
  r = await api('GET', `/api/v1/wages/check?year=${Y2}`, { token: E1.token });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.min_wage.monthly, '2200.00');
  assert.equal(r.data.checked, 16);
  assert.deepEqual(r.data.items.map((x) => [x.occupation_code, x.minimum, x.annual_pay, x.shortfall]), [[OCC2, '27720.00', '27000.00', '720.00']]);

  // publication: the previous year by 济南 first (for the change), then Y2; another city may not publish 济南
  expectError(await api('POST', '/api/v1/wages/publications', { token: qingdao, body: { year: Y2, region_code: '370100' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/wages/publications', { token: E1.token, body: { year: Y2, region_code: '370100' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/wages/publications', { token: jinan, body: { year: Y2, region_code: '370102' } }), 422, 'invalid_region');
  assert.equal((await api('POST', '/api/v1/wages/publications', { token: jinan, body: { year: Y1, region_code: '370100' } })).status, 201);
  r = await api('POST', '/api/v1/wages/publications', { token: jinan, body: { year: Y2, region_code: '370100' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const pub = r.data;
  const cell = (region, occ, level) => pub.items.find((c) => c.region_code === region && c.occupation_code === occ && c.level === level);
  const A = cell('370100', OCC1, 'level3');
  assert.deepEqual([A.published, A.persons, A.employers, A.largest], [true, 10, 3, 4]);
  assert.deepEqual([A.p10, A.p25, A.p50, A.p75, A.p90], ['51800.00', '54500.00', '59000.00', '63500.00', '69400.01']);
  assert.deepEqual([A.prev_p50, A.p50_change_pct], ['57000.00', '3.51']);
  assert.deepEqual(cell('370102', OCC1, 'level3').p50, '59000.00'); // 历下区 holds the same ten
  const why = (c) => c.suppressed.map((s) => s.code);
  assert.deepEqual([cell('370100', OCC1, 'level2').published, why(cell('370100', OCC1, 'level2'))], [false, ['few_persons']]);
  assert.deepEqual(why(cell('370100', OCC2, 'level3')), ['few_employers']);
  const D = cell('370100', OCC2, 'level2');
  assert.deepEqual([why(D), D.persons, D.employers, D.largest, D.p50], [['dominant_employer'], 10, 3, 6, undefined]);
  assert.deepEqual(why(cell('370103', OCC2, 'level2')), ['few_employers', 'few_persons', 'dominant_employer']);
  assert.equal(D.suppressed[0].message_zh, '单一单位人数占比超过 50%');
  assert.deepEqual([pub.cells, pub.suppressed], [pub.items.length, pub.items.filter((c) => !c.published).length]);

  // the public table: published cells with figures, suppressed ones with reasons and no counts
  r = await api('GET', `/api/v1/public/wages?year=${Y2}&region_code=370100&occupation_code=${OCC1}&level=高级工`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data.items.map((c) => [c.region_code, c.p50]), [['370100', '59000.00'], ['370102', '59000.00']]);
  assert.equal(r.data.items[0].persons, undefined);
  r = await api('GET', `/api/v1/public/wages?year=${Y2}&region_code=370100`);
  const pd = r.data.items.find((c) => c.region_code === '370100' && c.occupation_code === OCC2 && c.level === 'level2');
  assert.deepEqual([pd.published, pd.persons, pd.p50, why(pd)], [false, undefined, undefined, ['dominant_employer']]);
  expectError(await api('GET', `/api/v1/public/wages?year=${Y2}&region_code=370200`), 404, 'not_published');
  // the bureau's view with counts: the city its own, not another city
  assert.equal((await api('GET', `/api/v1/wages/publications/${pub.id}`, { token: prov })).status, 200);
  expectError(await api('GET', `/api/v1/wages/publications/${pub.id}`, { token: qingdao }), 404, 'not_found');
  // the posts of a published year no longer change
  expectError(await api('PUT', `/api/v1/wages/posts/${Y2}`, { token: prov, body: posts }), 409, 'published');

  // audited
  for (const action of ['wage.posts.set', 'wage.min_wage.set', 'wage.import', 'wage.publish']) {
    r = await api('GET', `/api/v1/audit?action=${action}&page_size=5`, { token: prov });
    assert.ok(r.data.total > 0, action);
  }
});
