// 检查证据: photos and PDFs a supervisor attaches to their draft inspection, stored content-addressed by SM3.
// The body is the file with its Content-Type; its magic bytes must be that type (a PNG declared as JPEG, an
// HTML page declared as an image: 415); empty is 422; above the evidence limit 413 (the limit is the route's,
// not the server's JSON limit: a 2 MiB photo goes through where a 2 MiB JSON body does not); the same content
// is one blob; only the supervisor uploads, only to their own draft; a signed inspection refuses new evidence
// (409); the file is served only to the inspection's readers (the supervisor, the city, the province, the
// institution once signed), with its type, nosniff and an attachment name; the list GET /inspections is
// scoped the same way; every change is audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { api, login, expectError, unique, invigilators, dayAfterSupervisors } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// a dispatch day of this test's own, as 88 and 89 take theirs: the day after the last supervisor's qualification
// from 2160 on (86's and the scope fixtures' end before), so only this build's supervisor is qualified on it and
// this test's sittings are in no later test's dispatch run
const DAY = await dayAfterSupervisors(await login('admin'), '2160-01-01', '3000-01-01');
const PW = 'Mx!Evidence-Test-2026';

const JPEG = (s) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF evidence ${s}`)]);
const PNG = (s) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR ${s}`)]);
const PDF = (s) => Buffer.from(`%PDF-1.4\n% ${s}\n%%EOF\n`);
const sm3 = (b) => {
  try { return createHash('sm3').update(b).digest('hex'); } catch { return null; } // OpenSSL without SM3: not compared
};

test('evidence: types, magic bytes, size, dedupe, scope, signed immutability, list scope', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instA = me.user ? me.user.institution_id : me.institution_id;
  const tag = `e${unique()}${Date.now() % 100000}`;

  // a supervisor of 青岛 (dispatched across cities to a 济南 sitting) and one of 济南 (not dispatched)
  const sup = {};
  for (const [k, region] of [['sq', '370200'], ['sj', '370100']]) {
    const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PW, role: 'supervisor', region_code: region } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    sup[k] = { id: u.data.id, token: await login(`${tag}${k}`, PW) };
    assert.equal((await api('PUT', `/api/v1/supervisors/${u.data.id}`, { token: prov, body: { grade: 'senior', cert_no: `EV${tag}${k}`, valid_until: DAY, region_code: region } })).status, 200);
  }
  const inst = (await api('GET', `/api/v1/institutions/${instA}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const pr = await api('POST', '/api/v1/plans', { token: org, body: { title: `检查证据测试 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } });
  assert.equal(pr.status, 201, JSON.stringify(pr.data));
  assert.equal((await api('POST', `/api/v1/plans/${pr.data.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${pr.data.id}/status`, { token: jinan, body: { status: 'open' } })).status, 200);
  const s = await api('POST', `/api/v1/plans/${pr.data.id}/sittings`, { token: org, body: { room: `证据考场 ${tag}`, minutes: 120, starts_at: Date.parse(`${DAY}T09:00:00+08:00`) / 1000, invigilators: await invigilators(org) } });
  assert.equal(s.status, 201, JSON.stringify(s.data));
  const sit = s.data.id;
  let r = await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.ok(r.data.assignments.some((a) => a.sitting_id === sit && a.supervisor_id === sup.sq.id), JSON.stringify(r.data.assignments));
  r = await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: sit } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const ins = r.data;
  const items = (await api('GET', `/api/v1/checklist?version=${ins.version}`, { token: jinan })).data.items;
  const [i1, i2] = items.map((i) => i.id);
  const other = (await api('GET', '/api/v1/checklist?version=1', { token: jinan })).data.items[0].id;

  const up = (token, body, ct, q = '') => api('POST', `/api/v1/inspections/${ins.id}/evidence${q}`, { token, raw: body, headers: ct ? { 'Content-Type': ct } : {} });

  // refusals of the file itself
  expectError(await up(sup.sq.token, Buffer.from('<html><script>alert(1)</script></html>'), 'text/html'), 415, 'unsupported_media_type');
  expectError(await up(sup.sq.token, Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg'), 415, 'media_mismatch');
  expectError(await up(sup.sq.token, PNG(tag), 'image/jpeg'), 415, 'media_mismatch');
  expectError(await up(sup.sq.token, JPEG(tag), 'application/pdf'), 415, 'media_mismatch');
  expectError(await up(sup.sq.token, JPEG(tag), undefined), 415, 'unsupported_media_type');
  expectError(await up(sup.sq.token, Buffer.alloc(0), 'image/png'), 422, 'body_required');
  expectError(await up(sup.sq.token, JPEG(tag), 'image/jpeg', '?item_id=abc'), 422, 'invalid_value');
  if (other !== i1 && !items.some((i) => i.id === other))
    expectError(await up(sup.sq.token, JPEG(tag), 'image/jpeg', `?item_id=${other}`), 422, 'invalid_value');
  // the size limit is the route's (10 MiB), not the server's 1 MiB for JSON: 2 MiB goes through, 10 MiB + 1 does not
  const big = Buffer.concat([JPEG(`big ${tag}`), Buffer.alloc(2 << 20, 7)]);
  r = await up(sup.sq.token, big, 'image/jpeg', '?filename=big.jpg');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.size, big.length);
  const bigId = r.data.id;
  expectError(await up(sup.sq.token, Buffer.concat([JPEG(tag), Buffer.alloc((10 << 20) + 1 - JPEG(tag).length, 1)]), 'image/jpeg'), 413, 'body_too_large');
  expectError(await api('PUT', `/api/v1/inspections/${ins.id}/marks`, { token: sup.sq.token, raw: `{"summary":"${'x'.repeat(2 << 20)}"}`, headers: { 'Content-Type': 'application/json' } }), 413, 'body_too_large');

  // who uploads: the supervisor, to their own draft only
  expectError(await up(sup.sj.token, JPEG(tag), 'image/jpeg'), 404, 'not_found');
  expectError(await up(jinan, JPEG(tag), 'image/jpeg'), 403, 'forbidden');
  expectError(await up(org, JPEG(tag), 'image/jpeg'), 403, 'forbidden');
  expectError(await up(undefined, JPEG(tag), 'image/jpeg'), 401, 'login_required');
  expectError(await api('POST', `/api/v1/inspections/999999999/evidence`, { token: sup.sq.token, raw: JPEG(tag), headers: { 'Content-Type': 'image/jpeg' } }), 404, 'not_found');

  // an upload, and the same content again on the same item (a retried upload): one record, one blob
  r = await up(sup.sq.token, JPEG(tag), 'image/jpeg; charset=binary', `?item_id=${i1}&filename=${encodeURIComponent('C:\\相册\\现场.jpg')}`);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const e1 = r.data;
  assert.equal(e1.media_type, 'image/jpeg');
  assert.equal(e1.item_id, i1);
  assert.equal(e1.filename, '现场.jpg');
  assert.match(e1.sm3, /^[0-9a-f]{64}$/);
  if (sm3(JPEG(tag))) assert.equal(e1.sm3, sm3(JPEG(tag)));
  r = await up(sup.sq.token, JPEG(tag), 'image/jpeg', `?item_id=${i1}&filename=again.jpg`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.id, e1.id);
  // the same content on another item: a second record of the same blob
  r = await up(sup.sq.token, JPEG(tag), 'image/jpeg', `?item_id=${i2}`);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.notEqual(r.data.id, e1.id);
  assert.equal(r.data.sm3, e1.sm3);
  r = await up(sup.sq.token, PNG(tag), 'image/png');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.item_id, null);
  r = await up(sup.sq.token, PDF(tag), 'application/pdf', '?filename=report.pdf');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const pdf = r.data;
  const list = await api('GET', `/api/v1/inspections/${ins.id}/evidence`, { token: sup.sq.token });
  assert.equal(list.status, 200);
  assert.equal(list.data.items.length, 5);
  assert.equal(new Set(list.data.items.map((x) => x.sm3)).size, 4);

  // download: the file as stored, its type, nosniff, an attachment with a safe name
  const get = (token, eid = e1.id) => api('GET', `/api/v1/inspections/${ins.id}/evidence/${eid}`, { token });
  r = await get(sup.sq.token);
  assert.equal(r.status, 200);
  assert.ok(Buffer.isBuffer(r.data) && r.data.equals(JPEG(tag)));
  assert.equal(r.headers.get('content-type'), 'image/jpeg');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="inspection-${ins.id}-evidence-${e1.id}.jpg"`);
  assert.equal(r.headers.get('x-evidence-sm3'), e1.sm3);
  r = await get(jinan, pdf.id);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.ok(r.data.equals(PDF(tag)));
  assert.ok((await get(prov, bigId)).data.equals(big));
  // a draft's evidence: not the institution, not another city, not another supervisor, not the public
  for (const t of [org, qorg, qingdao, sup.sj.token]) {
    expectError(await get(t), 404, 'not_found');
    expectError(await api('GET', `/api/v1/inspections/${ins.id}/evidence`, { token: t }), 404, 'not_found');
  }
  expectError(await get(undefined), 401, 'login_required');
  expectError(await get(sup.sq.token, 999999999), 404, 'not_found');

  // the list: each sees what the scope gives it
  const listed = async (token, q = '') => {
    const x = await api('GET', `/api/v1/inspections?sitting_id=${sit}${q}`, { token });
    assert.equal(x.status, 200, JSON.stringify(x.data));
    return x.data.items.map((i) => i.id);
  };
  assert.deepEqual(await listed(sup.sq.token), [ins.id]);
  assert.deepEqual(await listed(jinan), [ins.id]);
  assert.deepEqual(await listed(prov, '&status=draft'), [ins.id]);
  assert.deepEqual(await listed(prov, '&status=signed'), []);
  assert.deepEqual(await listed(prov, `&supervisor_id=${sup.sq.id}&institution_id=${instA}&region_code=3701`), [ins.id]);
  assert.deepEqual(await listed(prov, `&supervisor_id=${sup.sj.id}`), []);
  assert.deepEqual(await listed(qingdao), []);
  assert.deepEqual(await listed(sup.sj.token), []);
  assert.deepEqual(await listed(org), []); // a draft
  expectError(await api('GET', '/api/v1/inspections', { token: await login('jinan_org_staff') }), 403, 'forbidden');
  r = await api('GET', `/api/v1/inspections?sitting_id=${sit}&format=csv`, { token: jinan });
  assert.equal(r.status, 200);
  assert.ok(r.data.toString('utf8').includes('草稿'));

  // sign; then no more evidence, and the institution reads it
  r = await api('PUT', `/api/v1/inspections/${ins.id}/marks`, { token: sup.sq.token, body: { marks: items.map((i, k) => ({ item_id: i.id, result: k === 0 ? 'nonconform' : 'conform', note: k === 0 ? '见照片' : '', seq: 1 })) } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal((await api('POST', `/api/v1/inspections/${ins.id}/sign`, { token: sup.sq.token })).status, 200);
  expectError(await up(sup.sq.token, JPEG(`${tag} late`), 'image/jpeg'), 409, 'inspection_signed');
  expectError(await up(sup.sq.token, JPEG(tag), 'image/jpeg', `?item_id=${i1}`), 409, 'inspection_signed');
  assert.equal((await api('GET', `/api/v1/inspections/${ins.id}/evidence`, { token: prov })).data.items.length, 5);
  r = await get(org);
  assert.equal(r.status, 200);
  assert.ok(r.data.equals(JPEG(tag)));
  assert.equal((await api('GET', `/api/v1/inspections/${ins.id}/evidence`, { token: org })).data.items.length, 5);
  expectError(await get(qorg), 404, 'not_found');
  expectError(await get(qingdao), 404, 'not_found');
  assert.deepEqual(await listed(org), [ins.id]);
  assert.deepEqual(await listed(qorg), []);
  // a correction is a new record with evidence of its own; the signed one keeps its five
  r = await api('POST', '/api/v1/inspections', { token: sup.sq.token, body: { sitting_id: sit, corrects_id: ins.id } });
  assert.equal(r.status, 201);
  const corr = r.data;
  r = await api('POST', `/api/v1/inspections/${corr.id}/evidence`, { token: sup.sq.token, raw: JPEG(tag), headers: { 'Content-Type': 'image/jpeg' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.sm3, e1.sm3);
  assert.equal((await api('GET', `/api/v1/inspections/${ins.id}/evidence`, { token: prov })).data.items.length, 5);
  assert.deepEqual(await listed(org), [ins.id]); // the correction is a draft
  assert.deepEqual((await listed(sup.sq.token)).sort(), [ins.id, corr.id].sort());

  // the archive: each upload, the retry, the blob stored once
  const audit = (await api('GET', `/api/v1/audit?entity=inspection&entity_id=${ins.id}&page_size=200`, { token: prov })).data;
  const acts = audit.items.map((a) => a.action);
  assert.equal(acts.filter((a) => a === 'inspection.evidence').length, 5, acts.join());
  assert.ok(acts.includes('inspection.evidence_again'), acts.join());
  const blobAudit = (await api('GET', `/api/v1/audit?entity=blob&entity_id=${e1.sm3}&page_size=50`, { token: prov })).data;
  assert.equal(blobAudit.items.filter((a) => a.action === 'blob.store').length, 1, JSON.stringify(blobAudit.items));
});
