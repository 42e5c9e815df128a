// 企业新型学徒制 and 岗位推荐 in the browser (docs/DOMAIN.md §54), over the demo's data: the enterprise jinan_ent_admin
// sees its three apprentices, the completed one with 学徒工 and its subsidy paid (9,000 元), with no axe violation on
// the page; candidate1 on a 375 px phone sees the postings recommended from their 四级 certificate (the 中级工 one
// and the one asking no level; not the 高级工 one nor 青岛's) and their verified 青年学生 flag, without horizontal
// scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, PHONE, assertNoHorizontalScroll, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('学徒制: the enterprise sees its apprentices and the paid subsidy; a worker gets job recommendations on a phone', async () => {
  const { page } = await newPage(browser);
  const token = await login('jinan_ent_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/cultivation/apprentices`);
  const list = page.locator('[data-test=appr-list]');
  await list.locator('.el-table__row', { hasText: '已结业' }).waitFor();
  const text = await list.innerText();
  assert.match(text, /已结业[\s\S]*已支付 9000\.00 元/);
  assert.match(text, /培训中/);
  assert.match(text, /已备案待审核/);
  await list.locator('.el-table__row', { hasText: '已结业' }).click();
  const detail = page.locator('[data-test=appr-detail]');
  await detail.waitFor();
  assert.match(await detail.innerText(), /学徒工[\s\S]*结业考核/);
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /cultivation/apprentices');

  const { page: phone } = await newPage(browser, { viewport: PHONE });
  const ct = await login('candidate1');
  await phone.context().addInitScript((t) => localStorage.setItem('jineng.token', t), ct);
  await phone.goto(`${BASE}/me/jobs`);
  const recs = phone.locator('[data-test=job-recs]');
  await recs.locator('li', { hasText: '运维值班员' }).waitFor();
  const r = await recs.innerText();
  assert.match(r, /设备运维（中级工及以上）/);
  assert.doesNotMatch(r, /高级运维工程师/);
  assert.doesNotMatch(r, /青岛演示港口/);
  assert.match(await phone.locator('[data-test=my-groups]').innerText(), /青年学生[\s\S]*人社部门核实/);
  await assertNoHorizontalScroll(phone, PHONE.width, '/me/jobs');
  assert.deepEqual(await axe(phone), [], 'no serious or critical axe violation on /me/jobs');
});
