// 开放数据 in the browser (docs/DOMAIN.md §47): the public page at 375 px reads the demo's published quarter —
// the table with its hidden cells marked, the note, the downloads — with no horizontal scroll and no serious
// axe finding; the province publishes another dataset and sees it among the releases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, PHONE, assertNoHorizontalScroll, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('开放数据: the public table on a phone, and the province publishing', async () => {
  const { page: pub } = await newPage(browser, { viewport: PHONE });
  await pub.goto(`${BASE}/open-data`);
  await pub.locator('[data-test=od-row-total]').waitFor();
  assert.match(await pub.locator('[data-test=od-meta]').innerText(), /第 1 版 · 单位：本 · 公布阈值 10/);
  assert.match(await pub.locator('[data-test=od-row-total]').innerText(), /^合计/);
  assert.match(await pub.locator('table.od').innerText(), /\*/); // the demo's small counts are hidden
  assert.match(await pub.locator('[data-test=od-note]').innerText(), /1 至 9 的不予公布/);
  const csv = await pub.locator('[data-test=od-csv]').getAttribute('href');
  assert.match(csv, /\/api\/v1\/public\/open-data\/certificates-by-city\/\d{4}-Q[1-4]\?format=csv$/);
  await assertNoHorizontalScroll(pub, PHONE.width, '/open-data');
  assert.deepEqual(await axe(pub), []);

  const { page } = await newPage(browser);
  const token = await login('admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/admin/stats/open-data`);
  await page.locator('[data-test=odp-releases] .el-table__row').first().waitFor();
  await page.locator('[data-test=odp-dataset]').click();
  await page.locator('.el-select-dropdown__item', { hasText: '职业技能等级证书核发（按职业大类、等级）' }).click();
  await page.locator('[data-test=odp-publish]').click();
  await page.locator('.el-message-box .el-button--primary').click();
  await page.locator('[data-test=odp-result]').waitFor();
  assert.match(await page.locator('[data-test=odp-result]').innerText(), /已发布 职业技能等级证书核发（按职业大类、等级） \d{4}-Q[1-4] 第 1 版/);
  assert.match(await page.locator('[data-test=odp-releases]').innerText(), /按职业大类/);
  assert.deepEqual([...pub.jsErrors, ...page.jsErrors], []);
});

test('统计报表: the schedule\'s reports listed, a new one made and downloaded as a workbook', async () => {
  const { page } = await newPage(browser);
  const token = await login('admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/admin/stats/reports`);
  await page.locator('[data-test=rep-list] .el-table__row').first().waitFor();
  assert.match(await page.locator('[data-test=rep-list]').innerText(), /按月自动生成/);
  const before = await page.locator('[data-test=rep-list] .el-table__row').count();
  await page.locator('[data-test=rep-make]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=rep-list] .el-table__row').length > n, before);
  const first = page.locator('[data-test=rep-list] .el-table__row').first();
  assert.match(await first.innerText(), /职业技能等级认定（评价）情况表/);
  const [dl] = await Promise.all([page.waitForEvent('download'), first.locator('button', { hasText: '下载' }).click()]);
  assert.match(dl.suggestedFilename(), /^evaluation-.*-370000-v\d+\.xlsx$/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.jsErrors, []);
});
