// 成绩大屏, 评分进度看板, 竞赛组织 and 选拔与集训 in the browser, on the demo: the closing ceremony's screen of the
// 山东省职业技能大赛 at 1920×1080 without a login (the 焊工 podium in large type, no scrolling, Space advances, P
// pauses), the organiser's progress board of the 大赛 (焊工 已公示 with every score entered), the 焊工 scheme on the
// organiser's page (100 marks) and the province's
// squad page (the demo's 焊接 squad with its base and the medallist's 选送单位); axe finds nothing serious on the
// four pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, BASE, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the results screen, the progress board and the squad page', async () => {
  const list = (await api('GET', '/api/v1/competitions?name=%E5%B1%B1%E4%B8%9C%E7%9C%81%E8%81%8C%E4%B8%9A%E6%8A%80%E8%83%BD%E5%A4%A7%E8%B5%9B&page_size=10')).data;
  const dasai = list.items.find((c) => c.name === '山东省职业技能大赛');
  assert.ok(dasai, 'the demo 大赛');
  const weld = (await api('GET', `/api/v1/competitions/${dasai.id}`)).data.events.find((e) => e.name === '焊工');

  // the screen: no login, 1920×1080
  const { page: screen } = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
  await screen.goto(`${BASE}/competition/screen/${dasai.id}?interval=60`);
  await screen.locator('[data-test=screen-title]', { hasText: '焊工' }).waitFor();
  await screen.locator('[data-test=screen-gold]').waitFor();
  const size = await screen.locator('[data-test=screen-title]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 60, `large type (${size}px)`);
  assert.deepEqual(await screen.evaluate(() => [document.documentElement.scrollHeight <= 1080, document.documentElement.scrollWidth <= 1920]), [true, true]);
  await screen.keyboard.press('p');
  await screen.locator('.scr-paused').waitFor();
  await screen.keyboard.press('Space');
  await screen.locator('[data-test=screen-title]', { hasText: '焊工' }).waitFor(); // one published event: it stays
  assert.deepEqual(await axe(screen), []);

  // the progress board of the 大赛, as the province
  const { page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('admin'));
  await page.goto(`${BASE}/competition/progress?id=${dasai.id}`);
  await page.locator(`[data-test=cpb-state-${weld.id}]`, { hasText: '已公示' }).waitFor();
  const [got, want] = (await page.locator(`[data-test=cpb-entered-${weld.id}]`).innerText()).split(' / ').map(Number);
  assert.ok(want > 0 && got === want, `every score entered (${got} / ${want})`);
  assert.deepEqual(await axe(page), []);

  // 竞赛组织: the 焊工 event's scheme as rows (100 marks) in the event's drawer
  await page.goto(`${BASE}/competition/manage?id=${dasai.id}`);
  await page.locator(`[data-test=cm-open-${weld.id}]`).click();
  await page.getByRole('tab', { name: '评分标准' }).click();
  await page.locator('[data-test=cm-scheme-total]', { hasText: '合计 100.00 分' }).waitFor();
  assert.deepEqual(await axe(page), []);

  // the squads: the demo's 焊接 squad with its base and the medallist's sending unit
  await page.goto(`${BASE}/competition/squads?tab=squads`);
  const row = page.locator('[data-test=sq-squads] tr', { hasText: '焊接项目世界技能大赛省集训队' });
  await row.waitFor();
  assert.match(await row.innerText(), /省级重点集训基地/);
  assert.deepEqual(await axe(page), []);
  await row.getByText('详情').click();
  const members = page.locator('[data-test=sq-members]');
  await members.locator('tbody tr').first().waitFor();
  assert.match(await members.innerText(), /济南演示装备制造有限公司/);
});
