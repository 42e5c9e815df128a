// What the HTTP fuzz harness (tests/fuzz/fuzz_http.c, docs/security/fuzz.md) found, each answered as it must
// be now:
// - a path parameter or query value that is not UTF-8 (%FF) reached handlers that echo it in their JSON
//   reply; jansson refuses such a string, so the handler failed and the reply was 500 "internal". Now the
//   server refuses it before any handler: 422 invalid_encoding naming the parameter.
// - POST /api/v1/items with an occupation code that does not exist: the INSERT's foreign-key failure at the
//   step was dropped (db_done, no error set), so the reply was 500 "handler failed without an error". Now
//   422 unknown_occupation, as the CSV import says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError } from './lib.mjs';

test('values that are not UTF-8 are 422 invalid_encoding naming the parameter, not 500', async () => {
  const admin = await login('admin');
  const cases = [
    ['/api/v1/occupations/6-31-01%FF%FE-03/standards', null, 'code'],
    ['/api/v1/occupations/%C3%28', null, 'code'],
    ['/api/v1/blueprints?occupation_code=%FF&level=4', admin, 'occupation_code'],
    ['/api/v1/institutions?name=%E5%BC', null, 'name'],
    ['/api/v1/persons?page=1&%FF=1', admin, '?'],
  ];
  for (const [path, token, field] of cases) {
    const r = await api('GET', path, { token });
    expectError(r, 422, 'invalid_encoding');
    assert.equal(r.data.error.field, field, path);
  }
  // well-formed multi-byte values still pass
  const ok = await api('GET', '/api/v1/institutions?name=%E6%B5%8E%E5%8D%97');
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
});

test('an item for an occupation that does not exist is 422 unknown_occupation, not 500', async () => {
  for (const user of ['admin', 'jinan_org_staff']) {
    const r = await api('POST', '/api/v1/items', {
      token: await login(user),
      body: { occupation_code: '0-31-01-03', level: 4, kind: 'single', area: 'A', stem: '安全电压的上限是多少？', options: ['12V', '24V', '36V', '48V'], answer: 'C', points: 2 },
    });
    expectError(r, 422, 'unknown_occupation');
    assert.equal(r.data.error.field, 'occupation_code');
  }
});
