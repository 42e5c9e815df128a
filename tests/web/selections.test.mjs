// 评选与津贴 in the browser (docs/DOMAIN.md §51), over the demo's data: 济南's administrator (the staff layout,
// a desktop page like the other 管理端 pages) opens this year's 齐鲁首席技师 round, sees 济南's quota (2, one used) and the rule engine's conditions for a
// person before nominating; the province opens an appointee of the round of two years ago and sees the
// allowance paid month by month through the ledger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, axe, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('评选与津贴: a city sees its quota and checks a person; the province sees the monthly allowance', async () => {
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/admin/selections`);
  // this year's 齐鲁首席技师 round (the newest round, shown first, is the 创新成果评选 in review)
  await page.locator('[data-test=sel-round]').click();
  await page.locator('.el-select-dropdown__item', { hasText: /齐鲁首席技师选拔 · / }).first().click();
  await page.locator('[data-test=sel-round-card]', { hasText: '齐鲁首席技师选拔' }).waitFor();
  const quotas = page.locator('[data-test=sel-quotas]');
  await quotas.waitFor();
  assert.match(await quotas.innerText(), /3701[\s\S]*2[\s\S]*1[\s\S]*1/);
  const first = await page.locator('[data-test=sel-noms] .el-table__row').first().innerText();
  assert.match(first, /已推荐/);
  assert.deepEqual(page.jsErrors, []);
  assert.deepEqual(await axe(page), [], 'no serious or critical WCAG violation');

  const { page: prov } = await newPage(browser);
  await signIn(prov, 'admin');
  await prov.goto(`${BASE}/admin/selections`);
  await prov.locator('[data-test=sel-round]').click();
  await prov.locator('.el-select-dropdown__item', { hasText: '已任用' }).first().click();
  const row = prov.locator('[data-test=sel-noms] .el-table__row', { hasText: '已任用' }).first();
  await row.waitFor();
  await row.click();
  const allowance = prov.locator('[data-test=sel-allowance]');
  await allowance.waitFor();
  assert.match(await allowance.innerText(), /应发 48 笔/);
  assert.deepEqual(prov.jsErrors, []);
});
