// Check-then-act races around certificates and competitions, made to happen on every PostgreSQL run by the
// gate of lib.mjs (a second session holds the row the old code writes, so every request has read its state
// before any writes it): 补发 and 撤销 of one certificate at once, amendments of marks against the 公示 of
// the results, reviews of entries against the seat draw, two competitions' outcome runs promoting one person,
// and two chief experts named for one event at once. One test per finding; each asserts what a user sees:
// one request succeeds, the others get the documented 409, and the state is what that one made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, gate } from './lib.mjs';

const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};
const instOf = async (t) => {
  const me = ok(await api('GET', '/api/v1/auth/me', { token: t }));
  return me.user ? me.user.institution_id : me.institution_id;
};

test('证书补发 and 撤销 at once: one replacement at most, never a valid replacement of a revoked certificate', async () => {
  const org = await login('jinan_org_admin'), admin = await login('admin');
  const inst = ok(await api('GET', `/api/v1/institutions/${await instOf(org)}`, { token: org }));
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const n = unique();
  // two new persons, each with a passed result (the province's correction) and its certificate
  const certOf = async (i) => {
    const p = ok(await api('POST', '/api/v1/persons', { token: org, body: { name: `补发${n}${i}`, id_number: idNumber('370102', '19730811', 100 + ((n * 2 + i) % 900)) } }), 201);
    const r = ok(await api('POST', '/api/v1/results', { token: admin, body: { institution_id: inst.id, correction_reason: '历史记录补录（测试）', person_id: p.id, occupation_code: scope.occupation_code, level: scope.levels[0], exam_date: '2026-10-18', theory: 82, practical: 75, review: scope.levels[0] <= 2 ? 70 : null } }), 201);
    const number = ok(await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [r.id] } }), 201).numbers[0];
    return { person: p.id, number };
  };
  const a = await certOf(0), b = await certOf(1);
  const reissue = (no) => api('POST', `/api/v1/certificates/${no}/reissue`, { token: org, body: { reason: '证书遗失补发' } });
  const revoke = (no) => api('POST', `/api/v1/certificates/${no}/revoke`, { token: org, body: { reason: '考试作弊，经查实撤销' } });
  const held = async (c) => ok(await api('GET', `/api/v1/certificates?person_id=${c.person}&page_size=50`, { token: org })).items;
  // both requests read the certificate valid before either revokes it (PostgreSQL: the gate holds its row)
  const race = async (c, reqs) => {
    const g = await gate(`UPDATE certificates SET status = status WHERE number = '${c.number}'`);
    const out = await Promise.all(reqs.map((f) => f(c.number)));
    await g.opened;
    return out;
  };

  // two reissues at once: one new certificate, the other refused
  const two = await race(a, [reissue, reissue]);
  assert.deepEqual(two.map((r) => r.status).sort(), [201, 409], JSON.stringify(two.map((r) => r.data)));
  expectError(two.find((r) => r.status === 409), 409, 'already_revoked');
  const won = two.find((r) => r.status === 201).data;
  let certs = await held(a);
  assert.deepEqual(certs.map((c) => [c.number, c.status, c.reissue_of]).sort(), [[a.number, 'revoked', null], [won.number, 'valid', a.number]].sort());

  // a reissue and a revocation at once: one of them; a revoked certificate is never replaced by a valid one
  const mixed = await race(b, [reissue, revoke]);
  assert.equal(mixed.filter((r) => r.status === 409).length, 1, JSON.stringify(mixed.map((r) => r.data)));
  expectError(mixed.find((r) => r.status === 409), 409, 'already_revoked');
  certs = await held(b);
  const old = certs.find((c) => c.number === b.number), neu = certs.filter((c) => c.number !== b.number);
  assert.equal(old.status, 'revoked');
  if (mixed[0].status === 201) {
    assert.match(old.revoked_reason, /^换发/);
    assert.deepEqual(neu.map((c) => [c.number, c.status, c.reissue_of]), [[mixed[0].data.number, 'valid', b.number]]);
  } else {
    assert.equal(old.revoked_reason, '考试作弊，经查实撤销');
    assert.deepEqual(neu, [], 'no replacement of a revoked certificate');
  }
});
