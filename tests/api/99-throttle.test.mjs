// Public certificate look-ups are limited per client (JINENG_VERIFY_RATE a minute; the test run sets 300).
// This file runs last: afterwards this client stays throttled for a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError } from './lib.mjs';

// The limits count in fixed windows of a minute that began with this client's first look-up (earlier test
// files look up too), so a window may end during the loop and restart the count: two windows' worth plus one
// (2 x 300 + 1) is the most that can pass before the 429.
test('public look-ups beyond the per-client rate get 429 with Retry-After', async () => {
  let limited = null;
  for (let i = 0; i < 601 && !limited; i++) {
    const r = await api('GET', `/api/v1/public/certificates/S000037000001261${String(i).padStart(6, '0')}?name=x`);
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 404);
  }
  assert.ok(limited, 'no 429 after 601 look-ups');
  expectError(limited, 429, 'too_many_requests');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  // the human page is limited alike
  assert.equal((await api('GET', '/v/S000037000001261000001')).status, 429);
});

// 检录 (which builds a paper) is limited per institution (JINENG_ADMIT_RATE a minute; the test run sets 400):
// a burst beyond it waits, other institutions are not affected
test('admissions beyond the per-institution rate get 429 with Retry-After', async () => {
  const org = await login('qingdao_org_admin');
  let limited = null, n = 0;
  for (; n < 801 && !limited; n++) { // 2 x 400 + 1: a window may restart during the loop, as above
    const r = await api('POST', '/api/v1/sittings/999999999/admit', { token: org, body: { registration_id: 1 } });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 404, JSON.stringify(r.data));
  }
  assert.ok(limited, 'no 429 after 801 admissions');
  assert.ok(n > 100, `limited only after ${n}`);
  expectError(limited, 429, 'too_many_requests');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  // another institution still admits
  const other = await api('POST', '/api/v1/sittings/999999999/admit', { token: await login('jinan_ent_admin'), body: { registration_id: 1 } });
  assert.equal(other.status, 404);
});
