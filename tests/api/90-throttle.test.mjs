// Public certificate look-ups are limited per client (JINENG_VERIFY_RATE a minute; the test run sets 300).
// This file runs last: afterwards this client stays throttled for a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, expectError } from './lib.mjs';

test('public look-ups beyond the per-client rate get 429 with Retry-After', async () => {
  let limited = null;
  for (let i = 0; i < 400 && !limited; i++) {
    const r = await api('GET', `/api/v1/public/certificates/S000037000001261${String(i).padStart(6, '0')}?name=x`);
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 404);
  }
  assert.ok(limited, 'no 429 after 400 look-ups');
  expectError(limited, 429, 'too_many_requests');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  // the human page is limited alike
  assert.equal((await api('GET', '/v/S000037000001261000001')).status, 429);
});
