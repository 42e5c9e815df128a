// The public verification page (no login) on a 375 px phone: a real certificate is genuine, a revoked one
// says so with its reason, a wrong name finds nothing, and a QR is checked in the browser against the
// SM2 key — the real one (read from the certificate's PDF) passes and one with a changed byte fails,
// agreeing with `jineng cert verify-qr`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launch, newPage, login, api, shot, assertNoHorizontalScroll, trackScripts, tempDir, BASE, PHONE } from './lib.mjs';

let browser, admin, valid, revoked, keys;
before(async () => {
  browser = await launch();
  admin = await login('admin');
  const v = (await api('GET', '/api/v1/certificates?status=valid&page_size=1', { token: admin })).data.items[0];
  const r = (await api('GET', '/api/v1/certificates?status=revoked&page_size=1', { token: admin })).data.items[0];
  assert.ok(v && r, 'the demo has a valid and a revoked certificate');
  valid = (await api('GET', `/api/v1/certificates/${v.number}`, { token: admin })).data;
  revoked = (await api('GET', `/api/v1/certificates/${r.number}`, { token: admin })).data;
  keys = (await api('GET', '/api/v1/public/keys')).data.keys;
});
after(async () => { await browser?.close(); });

const b64u = (buf) => Buffer.from(buf).toString('base64url');
function qrParts(text) {
  const u = new URL(text);
  return { u, d: Buffer.from(u.searchParams.get('d'), 'base64url'), s: Buffer.from(u.searchParams.get('s'), 'base64url') };
}
// the authoritative offline check
function cliVerify(text) {
  const { d } = qrParts(text);
  const kid = JSON.parse(d.toString('utf8')).kid;
  const key = keys.find((k) => k.kid === kid) || keys.find((k) => k.alg === 'SM2');
  const dir = tempDir('jineng-qr-');
  const pem = path.join(dir, 'key.pem');
  writeFileSync(pem, key.public_key);
  return spawnSync(process.env.JINENG_BIN, ['cert', 'verify-qr', text, '--key', pem], { encoding: 'utf8' }).status;
}

async function byNumber(page, number, name) {
  await page.goto(`${BASE}/verify`);
  await page.locator('[data-test=cert-number]').fill(number);
  await page.locator('[data-test=cert-name]').fill(name);
  await page.locator('[data-test=verify-number]').click();
  const res = page.locator('[data-test=verify-result]');
  await res.waitFor();
  return res;
}

test('number and name: genuine, revoked with its reason, wrong name not found', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  let res = await byNumber(page, valid.number, valid.name);
  assert.equal(await res.getAttribute('data-kind'), 'genuine');
  assert.match(await res.innerText(), /证书真实有效/);
  assert.equal((await page.locator('[data-test=cert-holder]').innerText()).trim(), valid.name);
  await assertNoHorizontalScroll(page, PHONE.width, 'verification result at 375 px');
  await shot(page, 'verify');

  res = await byNumber(page, revoked.number, revoked.name);
  assert.equal(await res.getAttribute('data-kind'), 'revoked');
  assert.match(await res.innerText(), /证书已撤销/);
  assert.equal((await page.locator('[data-test=revoked-reason]').innerText()).trim().split('（')[0], revoked.revoked_reason);

  res = await byNumber(page, valid.number, `${valid.name}甲`);
  assert.equal(await res.getAttribute('data-kind'), 'notfound');
  assert.match(await res.innerText(), /未查到该证书/);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

// the text of the QR code printed on the certificate's PDF (pdftoppm + zbarimg, as a phone would read it)
async function qrFromPdf(number) {
  const pdf = await api('GET', `/api/v1/certificates/${number}/pdf`, { token: admin });
  assert.equal(pdf.status, 200);
  const dir = tempDir('jineng-pdf-');
  writeFileSync(path.join(dir, 'c.pdf'), pdf.data);
  const r1 = spawnSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', path.join(dir, 'c.pdf'), path.join(dir, 'page')]);
  assert.equal(r1.status, 0, 'pdftoppm');
  const png = readdirSync(dir).find((f) => f.endsWith('.png'));
  const r2 = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', path.join(dir, png)], { encoding: 'utf8' });
  assert.equal(r2.status, 0, 'zbarimg finds the QR');
  return r2.stdout.trim();
}

test('QR text: the real one verifies, altered ones fail (as jineng cert verify-qr says)', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  const js = trackScripts(page);
  const printed = await qrFromPdf(valid.number);
  assert.equal(printed, valid.qr_text, 'the PDF carries the same QR text as the API');
  assert.equal(cliVerify(printed), 0, 'the CLI accepts the real QR');
  await page.goto(`${BASE}/verify?qr=${encodeURIComponent(printed)}`);
  let res = page.locator('[data-test=verify-result]');
  await res.waitFor();
  assert.equal(await res.getAttribute('data-kind'), 'genuine');
  assert.match(await page.locator('[data-test=signature-status]').innerText(), /签名有效/);
  await assertNoHorizontalScroll(page, PHONE.width, 'QR verification at 375 px');
  await shot(page, 'verify-qr');
  // the whole verification page, QR check included: the JavaScript it loaded
  await page.waitForLoadState('networkidle');
  const kb = js.gzipBytes() / 1024;
  console.log(`# verification page: ${js.files.size} JavaScript files, ${kb.toFixed(1)} KB gzipped`);
  assert.ok(kb < 100, `the verification page loads ${kb.toFixed(1)} KB of gzipped JavaScript (budget 100 KB)`);
  assert.deepEqual(js.containing('ElButton'), [], 'no Element Plus on the verification page');
  assert.deepEqual(js.containing('echarts'), [], 'no ECharts on the verification page');

  // one changed byte in the signed content (the level), then one in the signature
  const { u, d, s } = qrParts(valid.qr_text);
  const json = d.toString('utf8');
  const forgedPayload = Buffer.from(json.replace(/"level":(\d|"special")/, (m, l) => `"level":${l === '1' ? 2 : 1}`), 'utf8');
  assert.notEqual(forgedPayload.toString(), json);
  const forgedSig = Buffer.from(s); forgedSig[forgedSig.length - 3] ^= 0x01;
  const forgeries = [
    `${u.origin}${u.pathname}?d=${b64u(forgedPayload)}&s=${u.searchParams.get('s')}`,
    `${u.origin}${u.pathname}?d=${u.searchParams.get('d')}&s=${b64u(forgedSig)}`,
  ];
  for (const text of forgeries) {
    assert.notEqual(cliVerify(text), 0, 'the CLI rejects the altered QR');
    await page.goto(`${BASE}/verify`);
    await page.locator('[data-test=tab-qr]').click();
    await page.locator('[data-test=qr-text]').fill(text);
    await page.locator('[data-test=verify-qr]').click();
    res = page.locator('[data-test=verify-result]');
    await res.waitFor();
    assert.equal(await res.getAttribute('data-kind'), 'forged', text);
    assert.match(await page.locator('[data-test=signature-status]').innerText(), /SM2 签名不正确/);
  }
  await shot(page, 'verify-forged');

  // a revoked certificate's QR: the signature is genuine, the register says revoked
  await page.goto(`${BASE}/verify?qr=${encodeURIComponent(revoked.qr_text)}`);
  res = page.locator('[data-test=verify-result]');
  await res.waitFor();
  assert.equal(await res.getAttribute('data-kind'), 'revoked');
  assert.match(await page.locator('[data-test=signature-status]').innerText(), /签名有效/);
  // the server-rendered page the QR opens is still there
  const v = await fetch(`${BASE}${u.pathname}${u.search}`);
  assert.equal(v.status, 200);
  assert.match(await v.text(), new RegExp(valid.number));
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('the page a QR opens (/v/{no}) is titled 证书查验 like /verify, with the same bar and an icon', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/verify`);
  await page.locator('[data-test=verify-number]').waitFor();
  const appTitle = await page.title();
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${BASE}/v/${valid.number}?name=${encodeURIComponent(valid.name)}`);
  assert.equal(await page.title(), appTitle, 'the same title as /verify');
  assert.match(appTitle, /证书查验/);
  assert.equal((await page.locator('h1').innerText()).trim(), '证书查验');
  assert.match(await page.locator('header').innerText(), /职业技能等级证书查验/);
  const icon = await page.locator('link[rel=icon]').getAttribute('href');
  assert.ok(icon, 'a favicon');
  assert.match(await page.locator('body').innerText(), /证书有效/);
  await page.waitForTimeout(300);
  assert.deepEqual(failed, [], 'no failed requests (a missing favicon among them)');
  await assertNoHorizontalScroll(page, PHONE.width, '/v/ at 375 px');
  await shot(page, 'verify-qr-page');
  await context.close();
});
