// 贯通 in the browser (docs/DOMAIN.md §45), over the demo's data: the 技师 jinan_technician on a 375 px phone sees
// the 工程师 application 济南 recommended and every condition of the way checked with ✓; the province approves it
// on 贯通评审, and the approval is final (no more moves).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, PHONE, assertNoHorizontalScroll } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('贯通: the worker checks the way and sees the recommended application; the province approves it', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await signIn(page, 'jinan_technician');
  await page.goto(`${BASE}/me/titles`);
  const card = page.locator('[data-test=title-app]').first();
  await card.waitFor();
  assert.match(await card.innerText(), /工程系列 · 中级职称[\s\S]*市级已推荐/);
  await page.locator('[data-test=title-check]').click();
  await page.locator('[data-test=title-check-row]').first().waitFor();
  const rows = page.locator('[data-test=title-check-row]');
  assert.equal(await rows.count(), 4);
  assert.equal(await page.locator('[data-test=title-check-row][data-ok="0"]').count(), 0, 'every condition holds');
  assert.match(await page.locator('[data-test=title-checks]').innerText(), /近3年|年度考核/);
  await assertNoHorizontalScroll(page, PHONE.width, '/me/titles');

  const { page: prov } = await newPage(browser);
  await signIn(prov, 'admin');
  await prov.goto(`${BASE}/admin/titles/applications`);
  await prov.locator('[data-test=title-filter] label', { hasText: '待省级评审' }).click();
  const row = prov.locator('[data-test=title-table] .el-table__row', { hasText: '工程系列' }).first();
  await row.waitFor();
  await row.click();
  await prov.locator('[data-test=title-act-approve]').click();
  await prov.locator('[data-test=title-detail-status]', { hasText: '已通过' }).waitFor();
  assert.equal(await prov.locator('[data-test^=title-act-]').count(), 0, 'an approved application has no moves');
});
