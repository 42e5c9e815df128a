// 培训地图 (issue 14 item 2) and the training catalogue it reads (item 1): the seeded 急需紧缺工种培训目录 of
// 临沂, courses near a point in distance order (checked against a haversine computed here), the filters, the
// county mode, paging, length caps, the spatial index following a moved site, closed courses and suspended
// filings leaving the map, prices in fen, and the list's scope. On SQLite (R*Tree) and PostgreSQL (GiST over
// cube + earthdistance) alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, unique } from './lib.mjs';

const LINYI = { lat: 35.1047, lon: 118.3564 }; // 临沂市人民政府
const R = 6371.0088;
const rad = (x) => (x * Math.PI) / 180;
function km(a, b) {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(Math.min(1, h)));
}
const map = (q) => api('GET', `/api/v1/training/map?${new URLSearchParams(q)}`);
const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const site = (c) => ({ lat: c.site.latitude, lon: c.site.longitude });
const plusDays = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

test('the seeded 急需紧缺工种培训目录 of 临沂: 27 declared, two named, the range 400-880 yuan, its source', async () => {
  const l = ok(await api('GET', '/api/v1/training/shortage-lists/371300/2024'));
  assert.equal(l.city_name, '临沂市');
  assert.equal(l.declared_count, 27);
  assert.equal(l.min_fen, 40000);
  assert.equal(l.max_fen, 88000);
  assert.match(l.source, /seed 004/);
  assert.deepEqual(l.entries.map((e) => e.occupation_code), ['4-01-06-01', '4-02-06-03']);
  assert.ok(l.entries.every((e) => e.amount_fen === null), 'the seed gives only the range: [GAP]');
  assert.equal(l.missing_count, 25);
  const csv = await api('GET', '/api/v1/training/shortage-lists?city_code=371300&format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.data.toString('utf8'), /临沂市,2024,临沂市急需紧缺工种培训目录,27,40000,88000/);
  expectError(await api('GET', '/api/v1/training/shortage-lists/371300/1999'), 422, 'invalid_value');
  expectError(await api('GET', '/api/v1/training/shortage-lists/371300/2019'), 404, 'not_found');
});

test('a point near 临沂 finds 临沂 courses first, nearest first, distances as haversine', async () => {
  const d = ok(await map({ lat: LINYI.lat, lon: LINYI.lon, page_size: 100, radius_km: 640 }));
  assert.ok(d.total > 100, `courses across the province: ${d.total}`);
  assert.equal(d.radius_km, 640);
  const first = d.items.slice(0, 12);
  assert.ok(first.every((c) => c.site.county_code.startsWith('3713')), `the nearest are in 临沂: ${first.map((c) => c.site.county_name)}`);
  let prev = -1;
  for (const c of d.items) {
    const want = km(LINYI, site(c));
    assert.ok(Math.abs(c.distance_km - want) < 0.002, `${c.id}: ${c.distance_km} km, haversine ${want}`);
    assert.ok(c.distance_km >= prev, 'ascending distance');
    prev = c.distance_km;
  }
  // a 急需紧缺 course of 临沂 is among them, subsidised, with the list's range
  const sc = first.find((c) => c.shortage);
  assert.ok(sc, 'a 急需紧缺 course near 临沂');
  assert.equal(sc.shortage.year, 2024);
  assert.deepEqual([sc.shortage.min_fen, sc.shortage.max_fen], [40000, 88000]);
  assert.ok(['4-01-06-01', '4-02-06-03'].includes(sc.occupation_code));
  // the map writes its courses as text (training_course_write): the members of the course's own view, in its order
  for (const c of [sc, first.find((x) => !x.shortage)].filter(Boolean)) {
    const { distance_km: _km, ...mine } = c;
    const { classes: _classes, ...page } = ok(await api('GET', `/api/v1/training/courses/${c.id}`));
    assert.equal(JSON.stringify(mine), JSON.stringify(page));
  }
  // the next page continues where the first ended
  const p2 = ok(await map({ lat: LINYI.lat, lon: LINYI.lon, page_size: 100, page: 2, radius_km: 640 }));
  assert.equal(p2.total, d.total);
  assert.ok(p2.items[0].distance_km >= d.items[99].distance_km);
  assert.ok(!p2.items.some((c) => d.items.some((x) => x.id === c.id)), 'pages do not overlap');
  // without a radius the search grows until the page is full, and stays as small as that allows
  const g = ok(await map({ lat: LINYI.lat, lon: LINYI.lon, page_size: 5 }));
  assert.equal(g.items.length, 5);
  assert.ok(g.radius_km <= 40, `grown to ${g.radius_km} km`);
  assert.deepEqual(g.items.map((c) => c.id), d.items.slice(0, 5).map((c) => c.id));
  assert.ok(g.items.every((c) => c.distance_km <= g.radius_km));
});

test('filters: occupation, level, subsidised, 急需紧缺, start dates; a county without a point', async () => {
  const base = { lat: LINYI.lat, lon: LINYI.lon, radius_km: 640, page_size: 100 };
  const occ = ok(await map({ ...base, occupation: '4-01-06-01' }));
  assert.ok(occ.items.length > 0 && occ.items.every((c) => c.occupation_code === '4-01-06-01'));
  const lv = ok(await map({ ...base, level: 5 }));
  assert.ok(lv.items.length > 0 && lv.items.every((c) => c.level === 5));
  const all = ok(await map(base));
  const sub = ok(await map({ ...base, subsidised: 1 }));
  assert.ok(sub.items.every((c) => c.subsidised) && sub.total < all.total && sub.total > 0);
  const sh = ok(await map({ ...base, radius_km: 100, shortage: 1 })); // 临沂's list (济南's is 200 km away)
  assert.ok(sh.items.length > 0 && sh.items.every((c) => c.shortage && c.site.county_code.startsWith('3713')));
  const from = plusDays(20), to = plusDays(40);
  const win = ok(await map({ ...base, starts_from: from, starts_to: to }));
  assert.ok(win.total > 0 && win.total < all.total);
  assert.ok(win.items.every((c) => c.starts.some((s) => s >= from && s <= to)), 'each has a start in the window');
  const combo = ok(await map({ ...base, occupation: '4-02-06-03', level: 5, subsidised: 1, shortage: 1 }));
  assert.ok(combo.items.length > 0 && combo.items.every((c) => c.occupation_code === '4-02-06-03' && c.level === 5 && c.subsidised && c.shortage));
  // a county: its courses by id, no distance; a city code covers its counties
  const county = ok(await map({ county: '371302', page_size: 100 }));
  assert.ok(county.items.length > 0 && county.items.every((c) => c.site.county_code === '371302' && c.distance_km === null));
  assert.equal(county.radius_km, null);
  const ids = county.items.map((c) => c.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  const city = ok(await map({ county: '371300', page_size: 100 }));
  assert.ok(city.total >= county.total && city.items.every((c) => c.site.county_code.startsWith('3713')));
  // a point and a county: that county only, by distance
  const both = ok(await map({ ...base, county: '371302' }));
  assert.equal(both.total, county.total);
  assert.ok(both.items.every((c, i) => c.site.county_code === '371302' && (i === 0 || c.distance_km >= both.items[i - 1].distance_km)));
});

test('bad map queries are 422 naming the parameter', async () => {
  const bad = [
    [{}, 'missing_field'],
    [{ lat: 35 }, 'missing_field'],
    [{ lat: 91, lon: 118 }, 'invalid_coordinates'],
    [{ lat: 'x', lon: 118 }, 'invalid_value'],
    [{ lat: 35, lon: 118, radius_km: 641 }, 'invalid_value'],
    [{ lat: 35, lon: 118, level: 6 }, 'invalid_value'],
    [{ lat: 35, lon: 118, level: 2.5 }, 'invalid_value'],
    [{ lat: 35, lon: 118, page_size: 101 }, 'invalid_value'],
    [{ lat: 35, lon: 118, subsidised: 'yes' }, 'invalid_value'],
    [{ lat: 35, lon: 118, starts_from: '2026-13-01' }, 'invalid_date'],
    [{ lat: 35, lon: 118, occupation: 'x'.repeat(33) }, 'too_long'],
    [{ county: '37;13' }, 'invalid_region'],
    [{ county: '3'.repeat(13) }, 'invalid_region'],
  ];
  for (const [q, code] of bad) expectError(await map(q), 422, code);
});

test('a new institution, site and course: the index follows a moved site; closed courses and suspended filings leave the map', async () => {
  const prov = await login('admin');
  const n = unique();
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `地图测试培训学校${n}`, credit_code: creditCode(`52371300M${String(n % 1000000).padStart(6, '0')}77`), type: 'training', region_code: '371300', address: '临沂市沂水县' } }), 201);
  const id = inst.id;
  // not filed for training yet: no sites
  expectError(await api('POST', `/api/v1/training/institutions/${id}/sites`, { token: prov, body: { name: 'x', address: 'y', county_code: '371323', latitude: 35.79, longitude: 118.63 } }), 404, 'not_found');
  const org = ok(await api('PUT', `/api/v1/training/institutions/${id}`, { token: prov, body: { kind: 'public_centre', filed_on: '2026-03-01' } }));
  assert.equal(org.kind_name, '公共实训基地');
  assert.equal(org.filed_on, '2026-03-01');
  expectError(await api('PUT', `/api/v1/training/institutions/${id}`, { token: prov, body: { kind: 'school' } }), 422, 'invalid_kind');
  // a site in 沂水县 far from the demo's; a county must be a county, coordinates valid
  const P = { lat: 35.7901, lon: 118.6302 };
  expectError(await api('POST', `/api/v1/training/institutions/${id}/sites`, { token: prov, body: { name: '沂水实训基地', address: '沂水县', county_code: '371300', latitude: P.lat, longitude: P.lon } }), 422, 'invalid_region');
  expectError(await api('POST', `/api/v1/training/institutions/${id}/sites`, { token: prov, body: { name: '沂水实训基地', address: '沂水县', county_code: '371323', latitude: 95, longitude: P.lon } }), 422, 'invalid_coordinates');
  expectError(await api('POST', `/api/v1/training/institutions/${id}/sites`, { token: prov, body: { name: '沂水实训基地', address: '沂水县', county_code: '371323', latitude: P.lat } }), 422, 'missing_field');
  const s = ok(await api('POST', `/api/v1/training/institutions/${id}/sites`, { token: prov, body: { name: '沂水实训基地', address: '沂水县', county_code: '371323', latitude: P.lat, longitude: P.lon } }), 201);
  assert.equal(s.city_code, '371300');
  // a course: price in yuan to fen, at most two decimals; a level the occupation has
  const body = { site_id: s.id, occupation_code: '4-02-06-03', level: 4, title: `物流服务师四级${n}`, class_hours: 96, price: '1280.50', capacity: 40, subsidised: true, starts: [plusDays(10), plusDays(3)] };
  expectError(await api('POST', `/api/v1/training/institutions/${id}/courses`, { token: prov, body: { ...body, price: '1.234' } }), 422, 'amount_precision');
  expectError(await api('POST', `/api/v1/training/institutions/${id}/courses`, { token: prov, body: { ...body, occupation_code: '4-01-06-01', level: 5 } }), 422, 'invalid_level');
  expectError(await api('POST', `/api/v1/training/institutions/${id}/courses`, { token: prov, body: { ...body, site_id: 1 } }), 422, 'invalid_site');
  expectError(await api('POST', `/api/v1/training/institutions/${id}/courses`, { token: prov, body: { ...body, starts: ['2026-02-30'] } }), 422, 'invalid_date');
  const c = ok(await api('POST', `/api/v1/training/institutions/${id}/courses`, { token: prov, body }), 201);
  assert.equal(c.price_fen, 128050);
  assert.equal(c.price, '1280.50');
  assert.deepEqual(c.starts, [plusDays(3), plusDays(10)]);
  assert.equal(c.shortage.year, 2024, '物流服务师 is on 临沂\'s list');
  // on the map at its point, first, at 0 km
  let m = ok(await map({ lat: P.lat, lon: P.lon, radius_km: 1 }));
  assert.equal(m.items[0].id, c.id);
  assert.ok(m.items[0].distance_km < 0.001);
  // the site moves 30 km south: the spatial index follows
  const Q = { lat: 35.52, lon: 118.63 };
  ok(await api('PATCH', `/api/v1/training/sites/${s.id}`, { token: prov, body: { latitude: Q.lat, longitude: Q.lon } }));
  m = ok(await map({ lat: P.lat, lon: P.lon, radius_km: 1 }));
  assert.ok(!m.items.some((x) => x.id === c.id), 'gone from the old point');
  m = ok(await map({ lat: Q.lat, lon: Q.lon, radius_km: 1 }));
  assert.equal(m.items[0].id, c.id);
  assert.ok(Math.abs(m.items[0].distance_km) < 0.001);
  // occupation and level are fixed; closing takes it off the map, opening puts it back
  expectError(await api('PATCH', `/api/v1/training/courses/${c.id}`, { token: prov, body: { level: 3 } }), 422, 'immutable_field');
  ok(await api('PATCH', `/api/v1/training/courses/${c.id}`, { token: prov, body: { status: 'closed' } }));
  m = ok(await map({ lat: Q.lat, lon: Q.lon, radius_km: 1 }));
  assert.ok(!m.items.some((x) => x.id === c.id));
  const up = ok(await api('PATCH', `/api/v1/training/courses/${c.id}`, { token: prov, body: { status: 'open', price: '990', starts: [plusDays(30)] } }));
  assert.equal(up.price_fen, 99000);
  assert.deepEqual(up.starts, [plusDays(30)]);
  m = ok(await map({ lat: Q.lat, lon: Q.lon, radius_km: 1 }));
  assert.equal(m.items[0].id, c.id);
  // a suspended filing: off the map, and no longer public (the province still reads it)
  ok(await api('PUT', `/api/v1/training/institutions/${id}`, { token: prov, body: { kind: 'public_centre', status: 'suspended' } }));
  m = ok(await map({ lat: Q.lat, lon: Q.lon, radius_km: 1 }));
  assert.ok(!m.items.some((x) => x.id === c.id));
  expectError(await api('GET', `/api/v1/training/institutions/${id}`), 404, 'not_found');
  expectError(await api('GET', `/api/v1/training/courses/${c.id}`), 404, 'not_found');
  assert.equal(ok(await api('GET', `/api/v1/training/institutions/${id}`, { token: prov })).training_status, 'suspended');
  // the audit archive holds every change
  const audit = ok(await api('GET', `/api/v1/audit?entity=training_course&entity_id=${c.id}&page_size=50`, { token: prov }));
  assert.deepEqual(audit.items.map((a) => a.action).sort(), ['training.course.create', 'training.course.update', 'training.course.update']);
});

test('急需紧缺 lists: a city writes its own, amounts within the range, and the map shows the amount', async () => {
  const jinan = await login('jinan_admin');
  // the newest year applies, and other suites publish 济南 catalogues of their own (the scope matrix's proposal of a
  // year past 3000): this list is for the year after the newest there is, 2032 at the least
  const had = ok(await api('GET', '/api/v1/training/shortage-lists?city_code=370100&page_size=1')).items;
  const Y = Math.max(2032, (had[0]?.year ?? 0) + 1);
  const body = { title: '青岛市急需紧缺工种培训目录', source: 'test', entries: [] };
  expectError(await api('PUT', '/api/v1/training/shortage-lists/370200/2030', { token: jinan, body }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/training/shortage-lists/370000/2030', { token: jinan, body }), 403, 'forbidden');
  const list = { title: '济南市急需紧缺工种培训目录', source: '测试：济南市人社局（示例）', declared_count: 2, min: '400', max: '800', entries: [{ occupation_code: '6-31-01-03', amount: '600' }] };
  expectError(await api('PUT', `/api/v1/training/shortage-lists/370100/${Y}`, { token: jinan, body: { ...list, entries: [{ occupation_code: '6-31-01-03', amount: '900' }] } }), 422, 'invalid_amount');
  expectError(await api('PUT', `/api/v1/training/shortage-lists/370100/${Y}`, { token: jinan, body: { ...list, entries: [{ occupation_code: '9-99-99-99' }] } }), 422, 'invalid_occupation');
  expectError(await api('PUT', `/api/v1/training/shortage-lists/370100/${Y}`, { token: jinan, body: { ...list, entries: [{ occupation_code: '6-31-01-03' }, { occupation_code: '6-31-01-03' }] } }), 409, 'conflict');
  const l = ok(await api('PUT', `/api/v1/training/shortage-lists/370100/${Y}`, { token: jinan, body: list }));
  assert.deepEqual(l.entries.map((e) => [e.occupation_code, e.amount_fen]), [['6-31-01-03', 60000]]);
  assert.equal(l.missing_count, 1);
  // the latest year's list applies: 济南's 电工 courses now carry 600 yuan
  const m = ok(await map({ county: '370100', occupation: '6-31-01-03', page_size: 100 }));
  assert.ok(m.items.length > 0);
  assert.ok(m.items.every((c) => c.shortage && c.shortage.year === Y && c.shortage.amount_fen === 60000));
  const lists = ok(await api('GET', '/api/v1/training/shortage-lists?city_code=370100'));
  assert.equal(lists.items[0].year, Y, 'newest first');
});
