// 统计概览: the dashboard figures agree with the scoped lists they summarise, for the province and a city,
// and are refused to candidates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError } from './lib.mjs';

const sum = (rows) => rows.reduce((s, r) => s + r.count, 0);

async function overview(user) {
  const t = await login(user);
  const r = await api('GET', '/api/v1/stats/overview', { token: t });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const certs = await api('GET', '/api/v1/certificates?page_size=1', { token: t });
  return { s: r.data, certTotal: certs.data.total, t };
}

test('the province overview adds up to the certificate list, by month, level and city', async () => {
  const { s, certTotal } = await overview('admin');
  assert.ok(certTotal >= 100, 'the demo issued certificates');
  assert.equal(s.certificates_total, certTotal);
  assert.equal(sum(s.certificates_by_month), certTotal);
  assert.equal(sum(s.certificates_by_level), certTotal);
  assert.equal(sum(s.certificates_by_city), certTotal);
  assert.ok(s.certificates_by_month.length >= 3, 'the demo issued over several months');
  assert.ok(s.certificates_by_city.length >= 16, 'every city of the demo issued certificates');
  assert.ok(s.certificates_by_city.every((c) => /^37\d{2}00$/.test(c.region_code) && c.name.endsWith('市')));
  assert.ok(s.high_skill_total > 0 && s.high_skill_total <= certTotal);
  for (const p of s.pass_rates) {
    assert.ok(p.passed <= p.sat);
    assert.ok(Math.abs(p.rate - p.passed / p.sat) < 1e-9);
  }
  assert.ok(s.persons_total >= 1000 && s.institutions_total >= 16);
});

test('a city administrator sees only its city', async () => {
  const prov = (await overview('admin')).s;
  const { s, certTotal } = await overview('jinan_admin');
  assert.equal(s.certificates_total, certTotal);
  assert.deepEqual(s.certificates_by_city.map((c) => c.region_code), ['370100']);
  const jinan = prov.certificates_by_city.find((c) => c.region_code === '370100');
  assert.equal(s.certificates_total, jinan.count);
  assert.ok(s.institutions_total < prov.institutions_total);
  assert.ok(s.persons_total < prov.persons_total);
});

test('candidates and anonymous callers get no overview', async () => {
  expectError(await api('GET', '/api/v1/stats/overview', { token: await login('candidate1') }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/stats/overview'), 401, 'login_required');
});
