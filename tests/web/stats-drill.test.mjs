// 统计钻取 in the browser: the province sees its 16 cities beside last year and goes down into 济南's counties
// by clicking its row and back by the path; the totals are the API's; the XLSX downloads; a city administrator
// starts at its city; an institution's staff see their institution's counters; 重点群体 narrows the figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, axe, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function open(username) {
  const { context, page } = await newPage(browser);
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/admin/stats/drill`);
  await page.locator('[data-test=drill-table] .el-table__body tr').first().waitFor();
  return { context, page, token };
}

test('province: 16 cities, down into 济南 and back; a city starts at its own', async () => {
  const { context, page, token } = await open('admin');
  const rows = page.locator('[data-test=drill-table] .el-table__body-wrapper tr');
  assert.equal(await rows.count(), 16);
  const d = (await api('GET', '/api/v1/stats/drill?metrics=cert.issued,result.sat,result.passed,training.completed,claim.paid', { token })).data;
  const issued = d.total.find((v) => v.metric === 'cert.issued').n;
  assert.match(await page.locator('[data-test=drill-total]').innerText(), new RegExp(`证书核发 ${issued.toLocaleString()}`));
  await page.locator('[data-chart=drill][data-rendered="1"] canvas').waitFor();
  assert.deepEqual(await axe(page), [], 'no serious or critical WCAG 2.1 AA violation');
  // the server's workbook of the same figures
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=drill-xlsx]').click()]);
  assert.match(dl.suggestedFilename(), /\.xlsx$/);
  await rows.filter({ hasText: '济南市' }).first().click();
  await page.locator('[data-test=drill-path]', { hasText: '济南市' }).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-test=drill-table] .el-table__body-wrapper tr')].every((r) => /3701\d\d/.test(r.innerText)));
  await shot(page, 'stats-drill-jinan');
  await page.locator('[data-test=drill-path] a').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-test=drill-table] .el-table__body-wrapper tr').length === 16);
  // 重点群体 退役军人 (§64): the totals of the persons holding it, as the API's ?key_group says
  await page.locator('[data-test=drill-key-group]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '退役军人' }).first().click();
  const kg = (await api('GET', '/api/v1/stats/drill?key_group=veteran&metrics=cert.issued,result.sat,result.passed,training.completed,claim.paid', { token })).data;
  const kgIssued = kg.total.find((v) => v.metric === 'cert.issued').n;
  assert.notEqual(kgIssued, issued, 'the category is a part of the whole in the demo');
  await page.locator('[data-test=drill-total]', { hasText: new RegExp(`证书核发 ${kgIssued.toLocaleString()}（`) }).waitFor();
  await context.close();
  const city = await open('jinan_admin');
  assert.match(await city.page.locator('[data-test=drill-path]').innerText(), /济南市/);
  const cityRows = await city.page.locator('[data-test=drill-table] .el-table__body-wrapper tr').allInnerTexts();
  assert.ok(cityRows.every((r) => /3701\d\d/.test(r)), 'only 济南\'s counties');
  await city.context.close();
  // an institution's staff: its own counters only, said on the page
  const org = await open('jinan_org_admin');
  assert.match(await org.page.locator('[data-test=drill-scope]').innerText(), /本机构/);
  const mine = (await api('GET', '/api/v1/stats/drill?metrics=cert.issued,result.sat,result.passed,training.completed,claim.paid', { token: org.token })).data;
  const n = mine.total.find((v) => v.metric === 'cert.issued').n;
  assert.match(await org.page.locator('[data-test=drill-total]').innerText(), new RegExp(`证书核发 ${n.toLocaleString()}`));
  await org.context.close();
});
