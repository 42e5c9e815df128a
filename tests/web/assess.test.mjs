// 定期评估 in the browser, on the demo province's published yearly assessment (src/demo/demo_assess.c): the
// province opens the assessment table, filters 不合格 and finds 菏泽演示职业技能评价中心 with its reasons, opens
// its explanation indicator by indicator and the funnel plot of the cell beyond the 99.8% limit (ECharts); a
// city runs a draft for its region and sees it without the publish button; an institution administrator sees
// only its own row and no funnel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, shot, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const rows = (page) => page.locator('[data-test=as-table] .el-table__body > tbody > tr.el-table__row');

test('the province reads the grades with their reasons and the funnel plot of the failing cell', async () => {
  const { page } = await newPage(browser);
  await signIn(page, 'admin');
  await page.goto(`${BASE}/quality/assessments`);
  await page.locator('[data-test=as-summary]').waitFor();
  assert.match(await page.locator('[data-test=as-state]').innerText(), /已发布/);
  assert.match(await page.locator('[data-test=as-fail-count]').innerText(), /不合格 1/);
  await page.waitForFunction(() => document.querySelectorAll('[data-test=as-table] .el-table__body tr.el-table__row').length > 1);
  // 不合格 first by default
  const first = rows(page).first();
  assert.match(await first.innerText(), /菏泽演示职业技能评价中心/);
  assert.equal(await first.locator('[data-test=as-grade]').innerText(), '不合格');
  assert.equal(await first.locator('[data-test=as-decision]').innerText(), '退出评价机构目录');
  assert.match(await first.locator('[data-test=as-reasons]').innerText(), /合格率（同职业同等级漏斗图）：不达标/);
  // the explanation, indicator by indicator
  await first.locator('.el-table__expand-icon').click();
  const explain = page.locator('[data-test=as-explain]').first();
  await explain.waitFor();
  const text = await explain.innerText();
  assert.match(text, /高于 99\.8% 控制限/);
  assert.match(text, /评价人数异常增长/);
  assert.match(text, /不适用/);
  // the funnel plot of that cell
  await first.locator('[data-test=as-show-funnel]').click();
  const chart = page.locator('[data-test=as-funnel-chart]');
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-test=as-funnel-chart]');
    return el && el.dataset.rendered === '1' && Number(el.dataset.points) >= 2;
  });
  assert.ok(Number(await chart.getAttribute('data-points')) >= 2);
  await shot(page, 'assess-province');
  // the grade filter
  await page.locator('[data-test=as-grade-filter]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '不合格' }).click();
  // (a row's explanation is a table of its own: the grades are counted, not the rows)
  await page.waitForFunction(() => document.querySelectorAll('[data-test=as-table] [data-test=as-grade]').length === 1);
  assert.equal(await page.locator('[data-test=as-table] [data-test=as-grade]').innerText(), '不合格');
  await page.close();
});

test('a city runs a draft of its region (no publish button); an institution sees only its own grade', async () => {
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/quality/assessments`);
  await page.locator('[data-test=as-run-new]').waitFor();
  await page.locator('[data-test=as-run-new]').click();
  const msg = page.locator('[data-test=as-message]');
  await msg.waitFor();
  assert.match(await msg.innerText(), /已完成评估：\d+ 家机构/);
  await page.waitForFunction(() => /草稿/.test(document.querySelector('[data-test=as-state]')?.innerText || ''));
  assert.equal(await page.locator('[data-test=as-publish]').count(), 0);
  // its rows are 济南's only
  await page.waitForFunction(() => document.querySelectorAll('[data-test=as-table] .el-table__body > tbody > tr.el-table__row').length > 0);
  for (const t of await rows(page).allInnerTexts()) assert.match(t, /3701\d\d/);
  await page.close();

  const inst = await newPage(browser);
  await signIn(inst.page, 'jinan_org_admin');
  await inst.page.goto(`${BASE}/quality/assessments`);
  await inst.page.locator('[data-test=as-summary]').waitFor();
  await inst.page.waitForFunction(() => document.querySelectorAll('[data-test=as-table] .el-table__body > tbody > tr.el-table__row').length === 1);
  assert.match(await rows(inst.page).first().innerText(), /济南演示职业技能评价中心/);
  assert.equal(await inst.page.locator('[data-test=as-funnel-chart]').count(), 0);
  assert.equal(await inst.page.locator('[data-test=as-run-new]').count(), 0);
  await shot(inst.page, 'assess-institution');
  await inst.page.close();
});
