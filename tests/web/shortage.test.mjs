// 急需紧缺预警 in the browser (docs/DOMAIN.md §59): the province reads 济南's warning list of the last finished year
// from the demo (焊工 and 养老护理员 with their reasons), the back-test error and the forecast chart with its band
// and table; edits the demo's draft of next year's catalogue (an occupation added, the range set) and publishes
// it; 济南's administrator then reads the published catalogue of its own city, with nothing to edit; axe on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('急需紧缺预警: the warning list, the forecast, the proposal edited and published', async () => {
  const { page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('admin'));
  await page.goto(`${BASE}/admin/stats/shortage`);
  await page.locator('[data-test=sh-list] .el-table__row').first().waitFor();
  const list = await page.locator('[data-test=sh-list]').innerText();
  assert.match(list, /焊工/);
  assert.match(list, /养老护理员/);
  assert.match(await page.locator('[data-test^=sh-reason-6-18-02-04-ratio]').innerText(), /需求供给比 \d+\.\d\d（需求 \d+ 人，供给 \d+ 人）达到阈值 1\.50/);
  assert.match(await page.locator('[data-test=sh-backtest]').innerText(), /MAPE \d+\.\d\d%，区间覆盖率 \d+\.\d\d%/);
  await page.locator('[data-chart=shortage-forecast][data-rendered="1"]').waitFor();
  assert.match(await page.locator('[data-test=sh-forecast]').innerText(), /年供给预测 \d+ 人，区间 \d+–\d+ 人/);
  assert.ok((await page.locator('[data-test=sh-chart-table] .el-table__row').count()) >= 48);
  // the thresholds are data the province sets here (the form holds the current values)
  assert.equal(await page.locator('[data-test=sh-rules] input[aria-label="列入预警名单所需的理由数"]').inputValue(), '2');

  // the demo's draft: the listed occupations with their reasons; 车工 added, the range set, published
  await page.locator('[data-test=sh-proposal]').waitFor();
  assert.match(await page.locator('[data-test=sh-entries]').innerText(), /焊工[\s\S]*需求供给比/);
  await page.locator('[data-test=sh-min]').fill('400');
  await page.locator('[data-test=sh-max]').fill('880');
  await page.locator('[data-test=sh-add-code]').fill('6-18-01-01');
  await page.locator('[data-test=sh-add]').click();
  await page.locator('[data-test=sh-save]').click();
  await page.waitForFunction(() => /车工/.test(document.querySelector('[data-test=sh-entries]').innerText));
  assert.match(await page.locator('[data-test=sh-entries]').innerText(), /车工 6-18-01-01\s+省级增补/);
  await page.waitForFunction(() => !document.querySelector('[data-test=sh-save]').classList.contains('is-loading'));
  await page.mouse.move(0, 0); // not hovering 保存 (its hover colour is lighter)
  await page.evaluate(() => document.activeElement?.blur());
  assert.deepEqual(await axe(page), []);
  await page.locator('[data-test=sh-publish]').click();
  await page.locator('.el-message-box .el-button--primary').click();
  await page.waitForFunction(() => /已发布/.test(document.querySelector('[data-test=sh-proposal-state]')?.innerText || ''));

  // 济南 reads its own city's catalogue, published, with nothing to edit
  const { page: city } = await newPage(browser);
  await city.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('jinan_admin'));
  await city.goto(`${BASE}/admin/stats/shortage`);
  await city.locator('[data-test=sh-proposal-state]').waitFor();
  assert.match(await city.locator('[data-test=sh-region]').innerText(), /本市 370100/);
  assert.match(await city.locator('[data-test=sh-proposal-state]').innerText(), /已发布/);
  assert.match(await city.locator('[data-test=sh-entries]').innerText(), /车工/);
  assert.equal(await city.locator('[data-test=sh-publish]').count(), 0);
  assert.deepEqual(await axe(city), []);
  assert.deepEqual([...page.jsErrors, ...city.jsErrors], []);
});
