// 平台载体 in the browser (docs/DOMAIN.md §56), over the demo's data: the public list and map of platforms on a
// 375 px phone shows the demo's 技能大师工作室 with its point on the map, without horizontal scrolling and with no
// serious or critical axe violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, uiLogin, BASE, PHONE, assertNoHorizontalScroll, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('平台载体名录: the public reads the list and the map', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/platforms`);
  const row = page.locator('[data-test=public-platforms] .el-table__row', { hasText: '济南演示装备制造有限公司技能大师工作室' });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /国家级技能大师工作室/);
  assert.ok(await page.locator('[data-test=public-platform-map] circle').count() >= 1, 'a point on the map');
  await assertNoHorizontalScroll(page, PHONE.width, '/platforms');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /platforms');
});

// 专项职业能力开发 (docs/DOMAIN.md §66): the public catalogue on a phone shows the demo's item published this year
// (鲁滋鲁味) with its ZX-37 code; the province's page lists 济南's proposal under review with its panel's scores.
test('专项职业能力目录: the public reads the published item; the province sees the review', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/special-abilities`);
  const row = page.locator('[data-test=special-items] .el-table__row', { hasText: '演示：济南把子肉制作' });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /ZX-37-\d{3}[\s\S]*鲁滋鲁味/);
  assert.match(await page.locator('[data-test=special-in-force]').innerText(), /现行有效项目：\d+/);
  await assertNoHorizontalScroll(page, PHONE.width, '/special-abilities');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /special-abilities');

  const { page: admin } = await newPage(browser);
  await uiLogin(admin, 'admin');
  await admin.waitForURL((u) => u.pathname !== '/login');
  await admin.goto(`${BASE}/admin/special`);
  await admin.locator('[data-test=sp-status] label', { hasText: '评审中' }).click();
  const rev = admin.locator('[data-test=sp-admin-list] .el-table__row', { hasText: '演示：济南手工布鞋制作' });
  await rev.first().waitFor();
  await rev.first().click();
  await admin.locator('[data-test=sp-experts] .el-table__row').nth(2).waitFor();
  assert.equal(await admin.locator('[data-test=sp-experts] .el-table__row').count(), 3);
  assert.ok(await admin.locator('[data-test=sp-to-passed]').isVisible(), 'the province may decide');
});
