// 职业技能等级证书: results → numbers (no gaps, no duplicates under concurrency), SM2-signed QR checked by an
// independent verifier (openssl), public verification, revocation and reissue, PDF fields and QR read back by
// zbarimg, the Open Badges VC-JWT and its status list, the talent record, and scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { api, login, expectError } from './lib.mjs';

const TMP = process.env.JINENG_TMP;
const BIN = process.env.JINENG_BIN;

async function me(token) {
  return (await api('GET', '/api/v1/auth/me', { token })).data;
}

// an occupation and level inside the institution's filed scope, and persons it may reach
async function setup(username) {
  const t = await login(username);
  const who = await me(t);
  const instId = who.user ? who.user.institution_id : who.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: t })).data;
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  assert.ok(scope, 'the demo institution has a filed scope');
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: t })).data.items;
  assert.ok(persons.length >= 50, 'the demo institution reaches persons');
  return { t, inst, scope, persons };
}

// Results come from plans; entering one by hand is the province's correction of a historical record
// (institution_id and a correction_reason), which the institution may then certify.
let adminToken;
async function correction(s, body) {
  adminToken ??= await login('admin');
  return api('POST', '/api/v1/results', { token: adminToken, body: { institution_id: s.inst.id, correction_reason: '历史记录补录（测试）', ...body } });
}

let cursor = 0;
async function passedResult(s, level = s.scope.levels[0], extra = {}) {
  const person = s.persons[cursor++ % s.persons.length];
  const r = await correction(s, { person_id: person.id, occupation_code: s.scope.occupation_code, level, exam_date: '2026-10-18', theory: 82, practical: 75, review: level <= 2 ? 70 : null, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return { result: r.data, person };
}

test('results: filed scope, pass rule, and issuing only passes, once', async () => {
  const s = await setup('jinan_org_admin');
  const failed = await passedResult(s, s.scope.levels[0], { theory: 59.5 });
  assert.equal(failed.result.passed, false);
  expectError(await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [failed.result.id] } }), 409, 'not_passed');
  // an occupation outside the filed scope
  const occ = (await api('GET', '/api/v1/occupations?page_size=500')).data.items.find((o) => o.kind === 'occupation' && !s.inst.scopes.some((x) => x.occupation_code === o.code));
  expectError(await correction(s, { person_id: s.persons[0].id, occupation_code: occ.code, level: occ.levels[0], exam_date: '2026-10-18', theory: 90, practical: 90, review: 90 }), 403, 'outside_filed_scope');
  expectError(await correction(s, { person_id: s.persons[0].id, occupation_code: s.scope.occupation_code, level: s.scope.levels[0], exam_date: '2099-01-01', theory: 90, practical: 90 }), 422, 'invalid_date');
  expectError(await correction(s, { person_id: s.persons[0].id, occupation_code: s.scope.occupation_code, level: s.scope.levels[0], exam_date: '2026-10-18', theory: 101, practical: 90 }), 422, 'invalid_score');
  const ok = await passedResult(s);
  const issued = await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [ok.result.id] } });
  assert.equal(issued.status, 201, JSON.stringify(issued.data));
  const no = issued.data.numbers[0];
  const yy = String(new Date(Date.now() + 8 * 3600e3).getUTCFullYear()).slice(2);
  assert.match(no, new RegExp(`^${s.inst.inst_code}${yy}${s.scope.levels[0]}\\d{6}$`));
  expectError(await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [ok.result.id] } }), 409, 'already_issued');
  const c = (await api('GET', `/api/v1/certificates/${no}`, { token: s.t })).data;
  assert.equal(c.status, 'valid');
  assert.equal(c.name, ok.person.name);
  assert.equal(c.occupation_code, s.scope.occupation_code);
  assert.match(c.id_number_masked, /^\d{4}\*{10}[\dX]{4}$/);
});

test('concurrent issuing: every number once, serials without gaps', async () => {
  const s = await setup('jinan_org_admin');
  const level = s.scope.levels[s.scope.levels.length - 1];
  const results = [];
  for (let i = 0; i < 24; i++) results.push((await passedResult(s, level)).result.id);
  const replies = await Promise.all(results.map((id) => api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [id] } })));
  for (const r of replies) assert.equal(r.status, 201, JSON.stringify(r.data));
  const numbers = replies.map((r) => r.data.numbers[0]);
  assert.equal(new Set(numbers).size, numbers.length);
  const serials = numbers.map((n) => Number(n.slice(16))).sort((a, b) => a - b);
  for (let i = 1; i < serials.length; i++) assert.equal(serials[i], serials[i - 1] + 1, `gap after ${serials[i - 1]}`);
  // a batch is all or nothing: one bad id issues none
  const more = [(await passedResult(s, level)).result.id, 999999999];
  expectError(await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: more } }), 404, 'not_found');
  const pending = (await api('GET', `/api/v1/results/${more[0]}`, { token: s.t })).data;
  assert.equal(pending.certificate_number, null);
});

function qrParts(qr) {
  const u = new URL(qr);
  return { number: u.pathname.split('/').pop(), d: u.searchParams.get('d'), s: u.searchParams.get('s') };
}

test('the QR: SM2 signature checked by openssl and `jineng cert verify-qr`; a forged QR fails', async () => {
  const s = await setup('jinan_org_admin');
  const ok = await passedResult(s);
  const no = (await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [ok.result.id] } })).data.numbers[0];
  const c = (await api('GET', `/api/v1/certificates/${no}`, { token: s.t })).data;
  const { number, d, s: sig } = qrParts(c.qr_text);
  assert.equal(number, no);
  const payload = Buffer.from(d, 'base64url');
  const fields = JSON.parse(payload.toString('utf8'));
  assert.deepEqual(Object.keys(fields), ['issued_on', 'issuer', 'kid', 'level', 'name', 'number', 'occupation', 'occupation_code']);
  assert.equal(payload.toString('utf8'), JSON.stringify(fields)); // canonical: sorted, no spaces
  assert.equal(fields.name, ok.person.name);
  const keys = (await api('GET', '/api/v1/public/keys')).data.keys;
  const key = keys.find((k) => k.kid === fields.kid);
  assert.equal(key.alg, 'SM2');
  const dir = fs.mkdtempSync(path.join(TMP, 'qr-'));
  fs.writeFileSync(path.join(dir, 'pub.pem'), key.public_key);
  fs.writeFileSync(path.join(dir, 'payload'), payload);
  fs.writeFileSync(path.join(dir, 'sig'), Buffer.from(sig, 'base64url'));
  const verify = (file) => spawnSync('openssl', ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', path.join(dir, 'pub.pem'), '-in', file, '-sigfile', path.join(dir, 'sig')]).status;
  assert.equal(verify(path.join(dir, 'payload')), 0);
  const forged = Buffer.from(JSON.stringify({ ...fields, name: '李冒名' }));
  fs.writeFileSync(path.join(dir, 'forged'), forged);
  assert.notEqual(verify(path.join(dir, 'forged')), 0);
  const cli = (text) => spawnSync(BIN, ['cert', 'verify-qr', text, '--key', path.join(dir, 'pub.pem')], { encoding: 'utf8' });
  const good = cli(c.qr_text);
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, new RegExp(no));
  const bad = cli(c.qr_text.replace(`d=${d}`, `d=${forged.toString('base64url')}`));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /signature INVALID/);
  // the verification page: genuine QR, forged QR
  const page = await api('GET', `/v/${no}?d=${d}&s=${sig}`);
  assert.equal(page.status, 200);
  assert.match(page.data.toString(), /证书有效/);
  assert.match(page.data.toString(), /二维码签名核验通过/);
  const fake = await api('GET', `/v/${no}?d=${forged.toString('base64url')}&s=${sig}`);
  assert.match(fake.data.toString(), /二维码核验失败/);
  assert.doesNotMatch(fake.data.toString(), /证书有效/);
});

test('public verification: name must match; revoked and reissued certificates say so', async () => {
  const s = await setup('jinan_org_admin');
  const a = await passedResult(s), b = await passedResult(s);
  const [na, nb] = (await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [a.result.id, b.result.id] } })).data.numbers;
  const v = await api('GET', `/api/v1/public/certificates/${na}?name=${encodeURIComponent(a.person.name)}`);
  assert.equal(v.status, 200, JSON.stringify(v.data));
  assert.equal(v.data.valid, true);
  assert.equal(v.data.status, 'valid');
  assert.equal(v.data.level, s.scope.levels[0]);
  assert.ok(v.data.level_name.includes('/'));
  assert.equal(v.data.id_number_masked.length, 18);
  const wrong = await api('GET', `/api/v1/public/certificates/${na}?name=${encodeURIComponent('不是本人')}`);
  expectError(wrong, 404, 'not_found');
  expectError(await api('GET', `/api/v1/public/certificates/S000037999999261000001?name=${encodeURIComponent(a.person.name)}`), 404, 'not_found');
  assert.equal(wrong.data.error.message_zh, (await api('GET', `/api/v1/public/certificates/S000037999999261000001?name=x`)).data.error.message_zh);
  // revoke a, reissue b
  const q = await login('qingdao_org_admin');
  expectError(await api('POST', `/api/v1/certificates/${na}/revoke`, { token: q, body: { reason: '越权' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/certificates/${na}/revoke`, { token: s.t, body: {} }), 422, 'missing_field');
  const rv = await api('POST', `/api/v1/certificates/${na}/revoke`, { token: s.t, body: { reason: '考试作弊，经查实撤销' } });
  assert.equal(rv.status, 200, JSON.stringify(rv.data));
  expectError(await api('POST', `/api/v1/certificates/${na}/revoke`, { token: s.t, body: { reason: '再次' } }), 409, 'already_revoked');
  const v2 = (await api('GET', `/api/v1/public/certificates/${na}?name=${encodeURIComponent(a.person.name)}`)).data;
  assert.equal(v2.valid, false);
  assert.equal(v2.status, 'revoked');
  assert.equal(v2.revoked_reason, '考试作弊，经查实撤销');
  const re = await api('POST', `/api/v1/certificates/${nb}/reissue`, { token: s.t, body: { reason: '证书遗失补发' } });
  assert.equal(re.status, 201, JSON.stringify(re.data));
  assert.notEqual(re.data.number, nb);
  const old = (await api('GET', `/api/v1/public/certificates/${nb}?name=${encodeURIComponent(b.person.name)}`)).data;
  assert.equal(old.status, 'revoked');
  assert.equal(old.reissued_as, re.data.number);
  const neu = (await api('GET', `/api/v1/certificates/${re.data.number}`, { token: s.t })).data;
  assert.equal(neu.reissue_of, nb);
  assert.equal(neu.status, 'valid');
  // audited
  const admin = await login('admin');
  const audit = (await api('GET', `/api/v1/audit?entity=certificate&entity_id=${na}`, { token: admin })).data.items.map((x) => x.action);
  assert.ok(audit.includes('certificate.issue') && audit.includes('certificate.revoke'), audit.join());
});

test('the PDF holds every required field and a QR that reads back to the same text', async () => {
  const s = await setup('jinan_org_admin');
  const ok = await passedResult(s);
  const no = (await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [ok.result.id] } })).data.numbers[0];
  const c = (await api('GET', `/api/v1/certificates/${no}`, { token: s.t })).data;
  const pdf = await api('GET', `/api/v1/certificates/${no}/pdf`, { token: s.t });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const file = path.join(TMP, `${no}.pdf`);
  fs.writeFileSync(file, pdf.data);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const want of ['职业技能等级证书', ok.person.name, no, c.occupation, c.level_name, c.issuer, 'jndj.osta.org.cn', 'pjjg.osta.org.cn', '居民身份证'])
    assert.ok(text.includes(want), `PDF lacks ${want}`);
  assert.match(text, /\d{17}[\dX]/); // the full ID number, as on paper
  const png = path.join(TMP, `${no}.png`);
  execFileSync('pdftoppm', ['-png', '-r', '200', '-singlefile', file, png.slice(0, -4)]);
  const qr = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' }).trim();
  assert.equal(qr, c.qr_text);
  // another institution cannot fetch it
  expectError(await api('GET', `/api/v1/certificates/${no}/pdf`, { token: await login('qingdao_org_admin') }), 404, 'not_found');
});

function b64json(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

async function statusBit(listUrl, index) {
  const u = new URL(listUrl);
  const jwt = (await api('GET', u.pathname)).data.toString();
  const [h, p] = jwt.split('.');
  assert.equal(b64json(h).alg, 'EdDSA');
  const enc = b64json(p).vc.credentialSubject.encodedList;
  assert.equal(enc[0], 'u');
  const bits = zlib.gunzipSync(Buffer.from(enc.slice(1), 'base64url'));
  assert.ok(bits.length * 8 >= 131072);
  return (bits[index >> 3] >> (7 - (index & 7))) & 1;
}

test('Open Badges 3.0 VC-JWT verifies with the issuer Ed25519 key; revocation sets the status bit', async () => {
  const s = await setup('jinan_org_admin');
  const ok = await passedResult(s);
  const no = (await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: [ok.result.id] } })).data.numbers[0];
  const r = await api('GET', `/api/v1/certificates/${no}/credential`, { token: s.t });
  assert.equal(r.status, 200);
  const jwt = r.data.toString();
  const [h, p, sig] = jwt.split('.');
  const header = b64json(h), claims = b64json(p);
  assert.equal(header.alg, 'EdDSA');
  assert.ok(claims.vc.type.includes('OpenBadgeCredential'));
  assert.equal(claims.vc.credentialSubject.achievement.type[0], 'Achievement');
  const key = (await api('GET', '/api/v1/public/keys')).data.keys.find((k) => k.kid === header.kid);
  assert.equal(key.alg, 'Ed25519');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.public_key, 'base64url')]);
  const pub = crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
  assert.ok(crypto.verify(null, Buffer.from(`${h}.${p}`), pub, Buffer.from(sig, 'base64url')));
  assert.ok(!crypto.verify(null, Buffer.from(`${h}.${p}x`), pub, Buffer.from(sig, 'base64url')));
  const st = claims.vc.credentialStatus;
  assert.equal(st.type, 'BitstringStatusListEntry');
  assert.equal(await statusBit(st.statusListCredential, Number(st.statusListIndex)), 0);
  await api('POST', `/api/v1/certificates/${no}/revoke`, { token: s.t, body: { reason: '测试撤销' } });
  assert.equal(await statusBit(st.statusListCredential, Number(st.statusListIndex)), 1);
});

test('talent record: every certificate and the highest level per occupation; candidates see only their own', async () => {
  const s = await setup('jinan_org_admin');
  const levels = s.scope.levels;
  const person = s.persons[7];
  const ids = [];
  for (const lv of levels.slice(0, 2)) {
    const r = await correction(s, { person_id: person.id, occupation_code: s.scope.occupation_code, level: lv, exam_date: '2026-09-01', theory: 80, practical: 80, review: lv <= 2 ? 80 : null });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    ids.push(r.data.id);
  }
  assert.equal((await api('POST', '/api/v1/certificates', { token: s.t, body: { result_ids: ids } })).status, 201);
  const rec = (await api('GET', `/api/v1/persons/${person.id}/talent-record`, { token: s.t })).data;
  assert.ok(rec.certificates.length >= ids.length);
  const best = rec.highest.find((h) => h.occupation_code === s.scope.occupation_code);
  const held = rec.certificates.filter((c) => c.status === 'valid' && c.occupation_code === s.scope.occupation_code && typeof c.level === 'number');
  assert.ok(held.length >= 2);
  assert.equal(best.level, Math.min(...held.map((c) => c.level))); // 一级 is the highest
  const cand = await login('candidate1');
  const mine = (await api('GET', '/api/v1/certificates', { token: cand })).data;
  assert.ok(mine.total >= 1, 'the demo candidate holds a certificate');
  const myId = (await me(cand));
  const pid = myId.user ? myId.user.person_id : myId.person_id;
  assert.ok(mine.items.every((c) => c.person_id === pid));
  expectError(await api('GET', `/api/v1/persons/${person.id === pid ? person.id + 1 : person.id}/talent-record`, { token: cand }), 404, 'not_found');
  expectError(await api('POST', '/api/v1/certificates', { token: cand, body: { result_ids: [1] } }), 403, 'forbidden');
});

test('the demo issued certificates across occupations, levels and institutions, one revoked and one reissued', async () => {
  const t = await login('admin');
  const all = (await api('GET', '/api/v1/certificates?page_size=500', { token: t })).data;
  assert.ok(all.total >= 100, `only ${all.total}`);
  const items = all.items;
  assert.ok(new Set(items.map((c) => c.occupation_code)).size >= 5);
  assert.ok(new Set(items.map((c) => c.level)).size >= 3);
  assert.ok(new Set(items.map((c) => c.institution_id)).size >= 10);
  assert.ok(items.some((c) => c.kind === 'special' && /^ZX37\d{14}$/.test(c.number)));
  const csv = await api('GET', '/api/v1/certificates?format=csv&status=revoked', { token: t });
  assert.match(csv.data.toString(), /证书编号/);
  // code values by their Chinese labels, as the pages show them
  const lines = csv.data.toString().trim().split(/\r?\n/).slice(1);
  assert.ok(lines.length >= 1 && lines.every((l) => l.split(',')[1] === '已撤销'), lines[0]);
  assert.doesNotMatch(csv.data.toString(), /,revoked,|resident_id/);
});

test('staff search: certificates by name, ID number (whole or last 6) and issue dates; results by name and ID suffix', async () => {
  const t = await login('admin');
  const c = (await api('GET', '/api/v1/certificates?status=valid&page_size=1', { token: t })).data.items[0];
  const idn = (await api('GET', `/api/v1/persons/${c.person_id}`, { token: t })).data.id_number;
  const has = (list) => list.items.some((x) => x.number === c.number);
  const byName = (await api('GET', `/api/v1/certificates?name=${encodeURIComponent(c.name)}&page_size=200`, { token: t })).data;
  assert.ok(has(byName) && byName.items.every((x) => x.name.startsWith(c.name)));
  const byId = (await api('GET', `/api/v1/certificates?id_number=${idn}`, { token: t })).data;
  assert.ok(has(byId) && byId.items.every((x) => x.person_id === c.person_id));
  const bySuffix = (await api('GET', `/api/v1/certificates?id_number=${idn.slice(-6)}&page_size=200`, { token: t })).data;
  assert.ok(has(bySuffix) && bySuffix.items.every((x) => x.id_number_masked.endsWith(idn.slice(-4))));
  const day = c.issued_on;
  const inRange = (await api('GET', `/api/v1/certificates?issued_from=${day}&issued_to=${day}&page_size=500`, { token: t })).data;
  assert.ok(has(inRange) && inRange.items.every((x) => x.issued_on === day));
  assert.equal((await api('GET', `/api/v1/certificates?number=${c.number}&issued_to=1999-12-31`, { token: t })).data.total, 0);
  expectError(await api('GET', '/api/v1/certificates?issued_from=2026/01/01', { token: t }), 422, 'invalid_value');
  // results: by the person's name and by the last 6 characters of the ID number
  const r = (await api('GET', '/api/v1/results?page_size=1', { token: t })).data.items[0];
  const ridn = (await api('GET', `/api/v1/persons/${r.person_id}`, { token: t })).data.id_number;
  const rn = (await api('GET', `/api/v1/results?name=${encodeURIComponent(r.name)}&page_size=200`, { token: t })).data;
  assert.ok(rn.items.some((x) => x.id === r.id) && rn.items.every((x) => x.name.startsWith(r.name)), JSON.stringify(rn.items[0]));
  const rs = (await api('GET', `/api/v1/results?id_number=${ridn.slice(-6)}&page_size=200`, { token: t })).data;
  assert.ok(rs.items.some((x) => x.id === r.id));
  // a city finds no certificate of another city's holder by its number's suffix (scope unchanged)
  const city = await login('qingdao_admin');
  const seen = (await api('GET', `/api/v1/certificates?id_number=${idn.slice(-6)}&page_size=200`, { token: city })).data.items;
  const scoped = (await api('GET', `/api/v1/certificates?page_size=1&number=${c.number}`, { token: city })).data.total;
  assert.equal(seen.some((x) => x.number === c.number), scoped === 1);
});
