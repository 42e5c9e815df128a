// 竞赛成果 in the browser (docs/DOMAIN.md §50), over the demo's data: the province opens 竞赛成果 for the
// 山东省职业技能大赛 and sees its 焊工 winners as 山东省技术能手, each promoted with a certificate number, the gold
// medallist's base-or-unit award paid to the 集训基地 with the reason (基地、单位不重复享受), the silver's to its
// sending unit, and the event's objection resolved during 公示; axe finds no serious violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, api, BASE, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('竞赛成果: who becomes 技术能手, who is promoted, what is paid to whom and why', async () => {
  const token = await login('admin');
  const comps = (await api('GET', '/api/v1/competitions?page_size=100', { token })).data.items;
  const games = comps.find((c) => c.name === '山东省职业技能大赛');
  assert.ok(games, 'the demo has the 山东省职业技能大赛');
  const { page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/competition/outcomes?id=${games.id}`);
  const table = page.locator('[data-test=co-table]');
  await table.locator('.el-table__row').first().waitFor();
  const text = await table.innerText();
  assert.equal((text.match(/已完成/g) || []).length >= 4, true, 'honours and promotions done');
  assert.match(text, /二级\/技师/);
  assert.match(text, /集训基地或选送单位[\s\S]*济南演示技师学院[\s\S]*不重复享受/);
  assert.match(text, /奖励选送单位/);
  assert.match(await page.locator('[data-test=co-paid]').innerText(), /38,000\.00/);
  assert.match(await page.locator('[data-test^=co-objections-]').first().innerText(), /已处理[\s\S]*维持原成绩/);
  assert.deepEqual(await axe(page), []);
});
