// 平台载体 in the browser (docs/DOMAIN.md §56), over the demo's data: the public list and map of platforms on a
// 375 px phone shows the demo's 技能大师工作室 with its point on the map, without horizontal scrolling and with no
// serious or critical axe violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, BASE, PHONE, assertNoHorizontalScroll, axe } from './lib.mjs';

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
