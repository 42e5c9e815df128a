// 山东惠才卡 in the browser: the demo's 齐鲁工匠 (qilu_craftsman) sees 我的惠才卡 with its QR code and the
// hospital's use; on a 375 px phone the QR's page checks the SM2 signature in the browser, shows the card valid
// online, and the demo hospital records a use with its key; a changed payload fails the check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, assertNoHorizontalScroll, BASE, PHONE, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('我的惠才卡, then the provider\'s phone checks the QR and records a use', async () => {
  const token = await login('qilu_craftsman');
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/me/talent-card`);
  await page.locator('[data-test=card-qr] img').waitFor();
  const number = (await page.locator('[data-test=card-number]').innerText()).trim();
  assert.match(number, /^SDHC\d{10}$/);
  assert.match(await page.locator('[data-test=card-uses]').innerText(), /济南演示人民医院/);
  await assertNoHorizontalScroll(page, PHONE.width, '我的惠才卡 at 375 px');

  const card = (await api('GET', `/api/v1/talent-cards/${number}`, { token })).data;
  const { page: phone } = await newPage(browser, { viewport: PHONE });
  await phone.goto(card.qr_text.replace(/^https?:\/\/[^/]+/, BASE));
  await phone.locator('[data-test=card-signature][data-ok=true]').waitFor();
  await phone.locator('[data-test=card-status]', { hasText: '有效' }).waitFor();
  assert.deepEqual(await axe(phone), [], 'the provider\'s check page');
  await phone.locator('[data-test=provider-service] option[value=s05]').waitFor({ state: 'attached' });
  await phone.locator('[data-test=provider-key]').fill('jineng-demo-hospital-key-0001');
  await phone.locator('[data-test=provider-service]').selectOption('s05');
  await phone.locator('[data-test=provider-record]').click();
  await phone.locator('[data-test=use-recorded]').waitFor();
  await assertNoHorizontalScroll(phone, PHONE.width, 'the check page at 375 px');
  assert.deepEqual(phone.jsErrors, []);

  // a QR whose payload was changed (another name) fails in the browser
  const url = new URL(card.qr_text);
  const claims = JSON.parse(Buffer.from(url.searchParams.get('d'), 'base64url').toString('utf8'));
  url.searchParams.set('d', Buffer.from(JSON.stringify({ ...claims, name: '冒名者' })).toString('base64url'));
  const { page: forged } = await newPage(browser, { viewport: PHONE });
  await forged.goto(`${BASE}${url.pathname}${url.search}`);
  await forged.locator('[data-test=card-signature][data-ok=false]').waitFor();
});
