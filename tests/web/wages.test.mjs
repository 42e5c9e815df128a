// 工资价位 in the browser (docs/DOMAIN.md §40), over the demo's data: the public table of last year at 375 px
// (published figures, suppressed cells with their reasons, no counts); 济南演示装备制造有限公司 submits a file for
// one more employee and sees its 车工 中级工 below the 基础类 minimum; the province publishes the year again and
// reads every cell with its counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, PHONE, assertNoHorizontalScroll, idNumber, unique } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
const lastYear = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)) - 1;
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('工资价位: the public table, an employer\'s file and check, the province\'s publication', async () => {
  // the public, on a phone
  const { page: pub } = await newPage(browser, { viewport: PHONE });
  await pub.goto(`${BASE}/wages`);
  await pub.locator('[data-test=wage-table] .el-table__row').first().waitFor();
  const text = await pub.locator('[data-test=wage-table] .el-table__body-wrapper').innerText();
  assert.match(text, /已发布/);
  assert.match(text, /单一单位人数占比超过 50%/);
  assert.match(text, /样本人数少于 10 人/);
  assert.doesNotMatch(await pub.locator('[data-test=wage-table]').innerText(), /单位数/);
  await assertNoHorizontalScroll(pub, PHONE.width, '/wages');

  // the employer: one more employee by file, its submissions and the minimum-pay check
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_ent_admin');
  await page.goto(`${BASE}/inst/wages`);
  await page.locator('[data-test=wage-check]').waitFor();
  assert.match(await page.locator('[data-test=wage-check]').innerText(), /26000\.00[\s\S]*27720\.00/);
  const csv = `证件号码,职业编码,技能等级,年度工资收入\n${idNumber('370102', '19660606', unique() % 900)},6-31-01-03,高级工,81000\n`;
  await page.locator('input[data-test=import-file]').setInputFiles({ name: '工资.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-test=import-submit]').click();
  await page.locator('[data-test=import-result]').waitFor();
  assert.match(await page.locator('[data-test=import-result]').innerText(), /导入 1 行，拒绝 0 行/);

  // the province publishes the year again and reads the counts
  const { page: prov } = await newPage(browser);
  await signIn(prov, 'admin');
  await prov.goto(`${BASE}/admin/wages`);
  await prov.locator('[data-test=wage-summary]').waitFor();
  const before = await prov.locator('[data-test=wage-summary]').innerText();
  await prov.locator('[data-test=wage-publish]').click();
  await prov.locator('.el-message-box .el-button--primary').click();
  await prov.waitForFunction((b) => { const el = document.querySelector('[data-test=wage-summary]'); return el && el.innerText !== b; }, before);
  assert.match(await prov.locator('[data-test=wage-summary]').innerText(), new RegExp(`${lastYear} 年 · 样本 219 条`));
  assert.match(await prov.locator('[data-test=wage-table]').innerText(), /最大单位人数/);
  assert.deepEqual([...pub.jsErrors, ...page.jsErrors, ...prov.jsErrors], []);
});
