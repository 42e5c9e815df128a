// 特级技师、首席技师评聘 in the browser (docs/DOMAIN.md §49), over the demo's data: the enterprise jinan_ent_admin
// sees its authorisation by 济南, its posts and the first round's ranking (the appointee first, 拟聘), and no axe
// violation on the page; the public name list on a 375 px phone shows the appointee without horizontal scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, PHONE, assertNoHorizontalScroll, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('评聘: the enterprise sees its authorisation, posts and ranking; the public reads the name list', async () => {
  const { page } = await newPage(browser);
  const token = await login('jinan_ent_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/inst/posts`);
  const state = page.locator('[data-test=post-trial-state]');
  await state.waitFor();
  assert.match(await state.innerText(), /已获授权：市级人社部门 济人社字〔2026〕18号/);
  const list = page.locator('[data-test=post-list]');
  await list.locator('.el-table__row', { hasText: '首席技师（装备制造）' }).waitFor();
  assert.match(await list.innerText(), /特级技师（装备制造）[\s\S]*22,000/);
  await page.locator('[data-test=post-list] button', { hasText: '第一批' }).click();
  const apps = page.locator('[data-test=post-round-apps]');
  await apps.locator('.el-table__row').nth(1).waitFor();
  assert.match(await apps.locator('.el-table__row').first().innerText(), /高级技师[\s\S]*3\/3[\s\S]*91[\s\S]*1（拟聘）/);
  assert.match(await page.locator('[data-test=post-round-status]').innerText(), /已聘任/);
  await page.keyboard.press('Escape');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /inst/posts');

  const { page: phone } = await newPage(browser, { viewport: PHONE });
  await phone.goto(`${BASE}/posts`);
  await phone.locator('[data-test=public-posts] .el-table__row', { hasText: '济南演示装备制造有限公司' }).first().waitFor();
  await assertNoHorizontalScroll(phone, PHONE.width, '/posts');
});
