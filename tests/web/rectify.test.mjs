// 整改 in the browser, on the demo's rectifications of 济南演示职业技能评价中心 (src/demo/demo_rectify.c): the
// institution's staff finds its own list with the deadlines (the unanswered one past its deadline in red),
// opens the one still in time, attaches a photo and submits its response; the city administrator of 济南
// finds it in the queue at 1366×768, sees the overdue one flagged, opens the answered one with its photo and
// closes it (验收销号); the institution then sees it closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const rowWith = (page, text) => page.locator('[data-test=rf-table] .el-table__row').filter({ hasText: text });
// a 1×1 PNG
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8cfc0f01f0005000' + '1ff89993d1d0000000049454e44ae426082', 'hex');

test('the institution answers its rectification with a photo; the city closes it; overdue ones in red', async () => {
  const staff = await login('jinan_org_staff');
  const mine = (await api('GET', '/api/v1/rectifications?page_size=100', { token: staff })).data.items;
  const inTime = mine.find((r) => r.status === 'open' && !r.overdue);
  const late = mine.find((r) => r.status === 'open' && r.overdue);
  assert.ok(inTime && late, 'the demo has an open rectification in time and one overdue');

  // the institution
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_org_staff');
  await page.goto(`${BASE}/inst/rectifications`);
  const lateRow = rowWith(page, late.finding.slice(0, 12));
  await lateRow.waitFor();
  assert.equal(await lateRow.locator('[data-test=rf-due]').getAttribute('data-overdue'), '1');
  await lateRow.locator('[data-test=rf-late]').waitFor();
  const color = await lateRow.locator('[data-test=rf-due]').evaluate((el) => getComputedStyle(el).color);
  assert.match(color, /rgb\(245, 108, 108\)|rgb\(2\d\d, \d{1,2}, \d{1,2}\)/, `overdue in red (${color})`);
  const row = rowWith(page, inTime.finding.slice(0, 12));
  assert.equal(await row.locator('[data-test=rf-due]').getAttribute('data-overdue'), '0');
  await row.locator('[data-test=rf-open]').click();
  await page.locator('[data-test=rf-finding]').waitFor();
  assert.equal((await page.locator('[data-test=rf-finding]').innerText()).trim(), inTime.finding);
  await page.locator('[data-test=rf-file]').setInputFiles({ name: '整改后照片.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('[data-test=rf-evidence]', { hasText: '整改后照片.png' }).waitFor();
  // a file of the wrong kind is refused with the server's words
  await page.locator('[data-test=rf-file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('不是图片') });
  await page.locator('[data-test=rf-error]', { hasText: /JPEG|PNG|PDF/ }).waitFor();
  const text = `已补齐考场平面图和监考签到表（浏览器测试 ${Date.now()}）`;
  await page.locator('[data-test=rf-text]').fill(text);
  await shot(page, 'rectify-institution');
  await page.locator('[data-test=rf-submit]').click();
  await page.locator('[data-test=rf-drawer-state]', { hasText: '已报送整改情况' }).waitFor();
  assert.equal((await page.locator('[data-test=rf-response-text]').innerText()).trim(), text);
  assert.deepEqual(page.jsErrors, []);

  // the city: the queue, the overdue one flagged, the answered one closed
  const city = (await newPage(browser)).page;
  await signIn(city, 'jinan_admin');
  await city.goto(`${BASE}/quality/rectifications`);
  const cLate = rowWith(city, late.finding.slice(0, 12));
  await cLate.waitFor();
  await cLate.locator('[data-test=rf-late]').waitFor();
  const cRow = rowWith(city, inTime.finding.slice(0, 12));
  assert.match(await cRow.innerText(), /已报送整改情况/);
  await shot(city, 'rectify-queue');
  await cRow.locator('[data-test=rf-open]').click();
  await city.locator('[data-test=rf-evidence]', { hasText: '整改后照片.png' }).waitFor();
  await city.locator('[data-test=rf-act-return]').waitFor();
  await city.locator('[data-test=rf-act-escalate]').waitFor();
  await city.locator('[data-test=rf-act-close]').click();
  await city.locator('[data-test=rf-drawer-state]', { hasText: '已销号' }).waitFor();
  assert.deepEqual(city.jsErrors, []);
  const after = (await api('GET', `/api/v1/rectifications/${inTime.id}`, { token: staff })).data;
  assert.equal(after.status, 'closed');
  assert.equal(after.evidence.length, 1);
});
