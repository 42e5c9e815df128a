// 审计摘录 (issue 13 §9): a plan's audit records with their hash-chain links, signed by the province's SM2
// key, checked offline by `jineng audit verify-extract` and by the plain openssl commands of
// docs/security/audit-extract.md; a changed field, a removed record and an extract re-signed with another key
// fail both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, dbExec } from './lib.mjs';

const BIN = process.env.JINENG_BIN;
const TMP = process.env.JINENG_TMP;
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const dir = fs.mkdtempSync(path.join(TMP, 'extract-'));
const file = (name) => path.join(dir, name);
const sh = (cmd) => spawnSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8' });
const cli = (...args) => spawnSync(BIN, ['audit', 'verify-extract', ...args], { encoding: 'utf8' });

// docs/security/audit-extract.md, steps 2-4: the signed bytes and the signature out of the file, then openssl
const opensslVerify = (extract, key = 'province.pem') =>
  sh(`jq -j .payload '${extract}' > payload.json && jq -r .signature '${extract}' | openssl base64 -d -A > payload.sig && ` +
    `openssl pkeyutl -verify -pubin -inkey '${key}' -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in payload.json -sigfile payload.sig`);
// step 5: one record's hash recomputed with openssl dgst -sm3 from its canonical form
const CANON = '.records[] | select(.seq == $s) | ["jineng-audit-v1", (.seq|tostring), (.at|tostring), (.actor_id|tostring), ' +
  '.actor, .role, .action, .entity, .entity_id, .detail, .prev_hash] | map("\\(utf8bytelength):\\(.);") | join("")';
const opensslRecord = (seq) => sh(`jq -j --argjson s ${seq} '${CANON}' payload.json | openssl dgst -sm3 -r | cut -d' ' -f1`).stdout.trim();

let plan, reg, extract, payload, text;

test('the extract: every record of the plan and its registration, in chain order, signed by the published province key', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `${scope.occupation} 五级 审计摘录`, occupation_code: scope.occupation_code, level: 5, template: '2023', reg_start: today, reg_end: plusDays(10), exam_date: plusDays(20), capacity: 5, subjects: ['theory', 'practical'] } })).data;
  assert.ok(plan.id, JSON.stringify(plan));
  const jinan = await login('jinan_admin');
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } })).status, 200);
  const r = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: await login('candidate1'), body: { option: '2023-5-a', declared: true } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  reg = r.data;
  assert.equal((await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);

  const res = await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: org });
  assert.equal(res.status, 200, JSON.stringify(res.data));
  assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="audit-extract-plan-${plan.id}.json"`));
  extract = res.data;
  assert.equal(extract.format, 'jineng-audit-extract-v1');
  payload = JSON.parse(extract.payload);
  assert.equal(payload.plan.id, plan.id);
  assert.equal(payload.count, payload.records.length);
  assert.deepEqual(payload.index, payload.records.map((x) => x.seq));
  assert.deepEqual(payload.records.map((x) => x.action), ['plan.create', 'plan.filed', 'plan.open', 'registration.create', 'registration.approve']);
  assert.ok(payload.records.every((x) => (x.entity === 'plan' && x.entity_id === String(plan.id)) || (x.entity === 'registration' && x.entity_id === String(reg.id))));
  assert.ok(payload.head.seq >= payload.records.at(-1).seq);
  assert.equal(payload.verified_from, payload.records[0].seq);
  // complete: the archive holds no record of the plan or its registration that the extract leaves out
  const admin = await login('admin');
  for (const [entity, id] of [['plan', plan.id], ['registration', reg.id]]) {
    const seqs = (await api('GET', `/api/v1/audit?entity=${entity}&entity_id=${id}&page_size=500`, { token: admin })).data.items.map((x) => x.seq);
    assert.ok(seqs.length > 0 && seqs.every((s) => payload.index.includes(s)), `${entity} ${id}: ${seqs} in ${payload.index}`);
  }
  // the province key is published: institution 0, SM2, the kid the extract names
  const keys = (await api('GET', '/api/v1/public/keys')).data.keys;
  const key = keys.find((k) => k.kid === extract.kid);
  assert.ok(key, `${extract.kid} published`);
  assert.deepEqual([key.alg, key.institution_id, key.retired_at, key.public_key], ['SM2', 0, null, extract.public_key]);
  assert.equal(payload.key.kid, extract.kid);
  fs.writeFileSync(file('province.pem'), key.public_key);
  text = JSON.stringify(extract, null, 1);
  fs.writeFileSync(file('extract.json'), text);
});

test('who may have it: the province, the city, the region\'s supervisor and the plan\'s institution; no one else', async () => {
  for (const u of ['admin', 'jinan_admin', 'supervisor1']) assert.equal((await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: await login(u) })).status, 200, u);
  expectError(await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: await login('qingdao_admin') }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: await login('qingdao_org_admin') }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: await login('jinan_org_staff') }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: await login('candidate1') }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/plans/${plan.id}/audit-extract`), 401, 'login_required');
  expectError(await api('GET', '/api/v1/plans/999999999/audit-extract', { token: await login('admin') }), 404, 'not_found');
});

test('the genuine extract: `jineng audit verify-extract` and plain openssl both accept it', () => {
  const ok = cli(file('extract.json'), '--key', file('province.pem'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`audit extract intact: plan ${plan.id} .*5 records.*signed by ${extract.kid}`));
  assert.doesNotMatch(ok.stdout, /warning/);
  const own = cli(file('extract.json')); // the key inside the file: integrity, with a warning about origin
  assert.equal(own.status, 0, own.stderr);
  assert.match(own.stdout, /warning: the signature was checked against the public key inside the file/);
  const v = opensslVerify('extract.json');
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /Signature Verified Successfully/);
  for (const rec of payload.records) assert.equal(opensslRecord(rec.seq), rec.hash, `record ${rec.seq} by openssl dgst -sm3`);
  for (let i = 1; i < payload.records.length; i++) {
    const [a, b] = [payload.records[i - 1], payload.records[i]];
    if (b.seq === a.seq + 1) assert.equal(b.prev_hash, a.hash);
  }
  const help = spawnSync(BIN, ['audit', 'verify-extract', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /jineng audit verify-extract FILE \[--key PUBKEY\.pem\]/);
  assert.equal(cli().status, 2);
  assert.equal(cli(file('missing.json')).status, 1);
});

test('a changed field: the CLI names the record, openssl rejects the signature and the record\'s digest', () => {
  const target = payload.records.find((x) => x.action === 'registration.approve');
  const forged = extract.payload.replace('"action": "registration.approve"', '"action": "registration.reject"');
  assert.notEqual(forged, extract.payload);
  fs.writeFileSync(file('changed.json'), JSON.stringify({ ...extract, payload: forged }));
  const c = cli(file('changed.json'), '--key', file('province.pem'));
  assert.equal(c.status, 1);
  assert.match(c.stderr, new RegExp(`audit extract broken at record ${target.seq}: the record's content does not match its hash \\(edited\\)`));
  const v = opensslVerify('changed.json');
  assert.notEqual(v.status, 0);
  assert.notEqual(opensslRecord(target.seq), target.hash);
});

test('a removed record: the CLI names it, openssl rejects the signature', () => {
  const gone = payload.records[3];
  const p = { ...payload, records: payload.records.filter((x) => x.seq !== gone.seq) };
  fs.writeFileSync(file('removed.json'), JSON.stringify({ ...extract, payload: JSON.stringify(p, null, 1) }));
  const c = cli(file('removed.json'), '--key', file('province.pem'));
  assert.equal(c.status, 1);
  assert.match(c.stderr, new RegExp(`audit extract broken at record ${gone.seq}: the record is listed in the extract's index but missing \\(removed\\)`));
  assert.notEqual(opensslVerify('removed.json').status, 0);
  // removed from the index and the count too: the records hold, the signature does not
  const q = { ...p, index: p.index.filter((s) => s !== gone.seq), count: p.count - 1 };
  fs.writeFileSync(file('removed2.json'), JSON.stringify({ ...extract, payload: JSON.stringify(q, null, 1) }));
  const c2 = cli(file('removed2.json'), '--key', file('province.pem'));
  assert.equal(c2.status, 1);
  assert.match(c2.stderr, /audit extract invalid: the SM2 signature does not verify with the given key/);
  assert.notEqual(opensslVerify('removed2.json').status, 0);
});

test('re-signed with another SM2 key: fails against the province key, in the CLI and in openssl', () => {
  assert.equal(sh('openssl genpkey -algorithm SM2 -out other.key && openssl pkey -in other.key -pubout -out other.pem').status, 0);
  fs.writeFileSync(file('payload.json'), extract.payload);
  assert.equal(sh('openssl pkeyutl -sign -inkey other.key -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in payload.json -out other.sig').status, 0);
  const forged = { ...extract, public_key: fs.readFileSync(file('other.pem'), 'utf8'), signature: fs.readFileSync(file('other.sig')).toString('base64') };
  fs.writeFileSync(file('resigned.json'), JSON.stringify(forged));
  assert.equal(opensslVerify('resigned.json', 'other.pem').status, 0, 'the forgery is well made: it verifies with its own key');
  const v = opensslVerify('resigned.json');
  assert.notEqual(v.status, 0);
  assert.match(v.stdout + v.stderr, /Signature Verification Failure/);
  const c = cli(file('resigned.json'), '--key', file('province.pem'));
  assert.equal(c.status, 1);
  assert.match(c.stderr, /the SM2 signature does not verify with the given key/);
  // without --key the file's own key is used: the payload still names the province key, so it fails too
  const own = cli(file('resigned.json'));
  assert.equal(own.status, 1);
  assert.match(own.stderr, /names another key/);
});

test('a broken archive is not signed: 409 audit_chain_broken naming the record, and signed again once repaired', async () => {
  const seq = payload.records.find((x) => x.action === 'registration.create').seq;
  const org = await login('jinan_org_admin');
  dbExec(`UPDATE audit_log SET actor = actor || 'X' WHERE seq = ${seq}`); // an edit behind the application's back
  try {
    const r = await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: org });
    expectError(r, 409, 'audit_chain_broken');
    assert.match(r.data.error.message_en, new RegExp(`broken at record ${seq}: its content does not match its hash`));
  } finally {
    dbExec(`UPDATE audit_log SET actor = substr(actor, 1, length(actor) - 1) WHERE seq = ${seq}`);
  }
  assert.equal((await api('GET', `/api/v1/plans/${plan.id}/audit-extract`, { token: org })).status, 200);
});

test('complete over a plan with sittings and attempts (the demo 电工四级 plan): every record of each of its rows is in the extract', async () => {
  const admin = await login('admin');
  const list = (await api('GET', '/api/v1/plans?page_size=500', { token: admin })).data.items;
  const demo = list.find((p) => p.title === '2026年电工四级/中级工职业技能等级认定（演示）');
  assert.ok(demo, 'the demo exam plan');
  const items = (d) => (Array.isArray(d) ? d : d.items);
  const regs = items((await api('GET', `/api/v1/plans/${demo.id}/registrations?page_size=500`, { token: admin })).data);
  const sits = items((await api('GET', `/api/v1/plans/${demo.id}/sittings`, { token: admin })).data);
  assert.ok(regs.length > 0 && sits.length > 0);
  const rows = [['plan', demo.id], ...regs.map((g) => ['registration', g.id]), ...sits.map((s) => ['sitting', s.id])];
  for (const s of sits) for (const t of items((await api('GET', `/api/v1/sittings/${s.id}/attempts`, { token: admin })).data)) rows.push(['attempt', t.attempt_id]);
  const res = await api('GET', `/api/v1/plans/${demo.id}/audit-extract`, { token: admin });
  assert.equal(res.status, 200);
  const p = JSON.parse(res.data.payload);
  for (const [entity, id] of rows) {
    const seqs = (await api('GET', `/api/v1/audit?entity=${entity}&entity_id=${id}&page_size=500`, { token: admin })).data.items.map((x) => x.seq);
    assert.ok(seqs.every((s) => p.index.includes(s)), `${entity} ${id}: ${seqs} in the extract`);
  }
  for (const e of ['plan', 'registration', 'sitting', 'attempt']) assert.ok(p.records.some((x) => x.entity === e), `a ${e} record`);
  const strays = p.records.filter((x) => !rows.some(([e, id]) => e === x.entity && String(id) === x.entity_id));
  assert.deepEqual(strays.map((x) => `${x.entity} ${x.entity_id} ${x.action}`), [], 'nothing of another plan');
  fs.writeFileSync(file('demo.json'), JSON.stringify(res.data));
  const c = cli(file('demo.json'), '--key', file('province.pem'));
  assert.equal(c.status, 0, c.stderr);
  assert.equal(opensslVerify('demo.json').status, 0);
});
