// 平台载体 in the browser (docs/DOMAIN.md §56), over the demo's data: the public list and map of platforms on a
// 375 px phone shows the demo's 技能大师工作室 with its point on the map, without horizontal scrolling and with no
// serious or critical axe violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, uiLogin, BASE, PHONE, assertNoHorizontalScroll, axe, api, login } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('平台载体名录: the public reads the list and the map', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/platforms`);
  const row = page.locator('[data-test=public-platforms] .el-table__row', { hasText: '济南演示装备制造有限公司技能大师工作室' });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /国家级技能大师工作室/);
  assert.ok(await page.locator('[data-test=public-platform-map] circle').count() >= 1, 'a point on the map');
  await assertNoHorizontalScroll(page, PHONE.width, '/platforms');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /platforms');
});

// 专项职业能力开发 (docs/DOMAIN.md §66): the public catalogue on a phone shows the demo's item published this year
// (鲁滋鲁味) with its ZX-37 code; the province's page lists 济南's proposal under review with its panel's scores.
test('专项职业能力目录: the public reads the published item; the province sees the review', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/special-abilities`);
  const row = page.locator('[data-test=special-items] .el-table__row', { hasText: '演示：济南把子肉制作' });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /ZX-37-\d{3}[\s\S]*鲁滋鲁味/);
  assert.match(await page.locator('[data-test=special-in-force]').innerText(), /现行有效项目：\d+/);
  await assertNoHorizontalScroll(page, PHONE.width, '/special-abilities');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /special-abilities');

  const { page: admin } = await newPage(browser);
  await uiLogin(admin, 'admin');
  await admin.waitForURL((u) => u.pathname !== '/login');
  await admin.goto(`${BASE}/admin/special`);
  await admin.locator('[data-test=sp-status] label', { hasText: '评审中' }).click();
  const rev = admin.locator('[data-test=sp-admin-list] .el-table__row', { hasText: '演示：济南手工布鞋制作' });
  await rev.first().waitFor();
  await rev.first().click();
  await admin.locator('[data-test=sp-experts] .el-table__row').nth(2).waitFor();
  assert.equal(await admin.locator('[data-test=sp-experts] .el-table__row').count(), 3);
  assert.ok(await admin.locator('[data-test=sp-to-passed]').isVisible(), 'the province may decide');
});

// 平台载体评审 (issue 24 item 7; DOMAIN §56 省评审): an expert of the call's panel (linyi_examiner1) scores in the
// browser — 济南's recommended application with its facts and conditions, scored once (the score then shown as
// final, and the province reads the expert's score through the API); 临沂's own application shown with 回避 and no
// form (the expert's institution applied)
test('平台载体评审: the panel\'s expert scores an application in the browser; 回避 shown for its own institution\'s', async () => {
  const prov = await login('admin');
  const as = async (u) => login(u);
  const A = async (token, method, path, body, want = [200, 201]) => {
    const r = await api(method, `/api/v1${path}`, { token, body });
    assert.ok(want.includes(r.status), `${method} ${path}: ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  };
  const m = await A(await as('linyi_examiner1'), 'GET', '/auth/me');
  const expert = (m.user || m).id;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10);
  let year = 2751;
  while ((await A(prov, 'GET', `/platform/calls?year=${year}`)).total) year++;
  const call = await A(prov, 'POST', '/platform/calls', { year, title: `${year} 年平台载体申报（浏览器评审）`, opens_on: today, closes_on: later, types: [{ type_code: 'national_base', places: 2 }], experts: [expert], min_experts: 1, publicity_days: 1 });
  await A(prov, 'PUT', `/platform/calls/${call.id}/quotas`, { quotas: [{ region_code: '3701', quota: 1 }, { region_code: '3713', quota: 1 }] });
  const facts = { students: 9000, trainees: 0, high_skill_trainee_pct: 35 };
  const jn = await A(await as('jinan_org_admin'), 'POST', `/platform/calls/${call.id}/applications`, { type_code: 'national_base', name: `济南评审基地${year}`, facts });
  const ly = await A(await as('linyi_org_admin'), 'POST', `/platform/calls/${call.id}/applications`, { type_code: 'national_base', name: `临沂评审基地${year}`, facts });
  await A(await as('jinan_admin'), 'POST', `/platform/applications/${jn.id}/recommendation`, { recommend: true, opinion: '同意推荐（浏览器测试）' });
  await A(await as('linyi_admin'), 'POST', `/platform/applications/${ly.id}/recommendation`, { recommend: true, opinion: '同意推荐' });
  await A(prov, 'POST', `/platform/calls/${call.id}/status`, { status: 'reviewing' });

  const { context, page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await as('linyi_examiner1'));
  await page.goto(`${BASE}/examiner/platform-reviews`);
  const card = page.locator(`[data-test=pf-review-${jn.id}]`);
  await card.waitFor();
  assert.match(await card.innerText(), /国家级高技能人才培训基地[\s\S]*在校生（人）[\s\S]*9000[\s\S]*同意推荐（浏览器测试）/);
  assert.ok(await card.locator('[data-test=pf-review-checks] li.ok').count() >= 2, 'the conditions with their checks');
  const own = page.locator(`[data-test=pf-review-${ly.id}]`);
  assert.match(await own.locator('[data-test=pf-review-avoid]').innerText(), /须回避/);
  assert.equal(await own.locator('[data-test=pf-review-submit]').count(), 0, 'no form where the expert abstains');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /examiner/platform-reviews');
  await card.locator('[data-test=pf-review-score] input').fill('85');
  await card.locator('input[data-test=pf-review-comment], [data-test=pf-review-comment] input').first().fill('条件扎实');
  await card.locator('[data-test=pf-review-submit]').click();
  await card.locator('[data-test=pf-review-done]').waitFor();
  assert.match(await card.locator('[data-test=pf-review-done]').innerText(), /已评分：85（条件扎实）/);
  await context.close();
  const got = await A(prov, 'GET', `/platform/applications/${jn.id}`);
  assert.deepEqual(got.score_list.map((s) => [s.expert_id, s.score]), [[expert, 85]]);
});

// 专项考核规范评审 (docs/DOMAIN.md §66 专家评审): an expert of a proposal's panel (linyi_examiner3) reads 济南's draft
// 考核规范 with its 技能模块 on /examiner/special-reviews and scores it once; the page then shows the score as given
// (never its value during the review) and the province reads the expert's score through the API
test('专项考核规范评审: the panel\'s expert reads the draft norm and scores it in the browser', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), exTok = await login('linyi_examiner3');
  const A = async (token, method, path, body) => {
    const r = await api(method, `/api/v1${path}`, { token, body });
    assert.ok([200, 201].includes(r.status), `${method} ${path}: ${r.status} ${JSON.stringify(r.data)}`);
    return r.data;
  };
  const m = await A(exTok, 'GET', '/auth/me');
  const expert = (m.user || m).id;
  const name = `浏览器评审专项${Date.now() % 100000}`;
  const spec = { target: '从事传统面食制作的人员', method: '实际操作', minutes: 90, venue: '面点操作间', modules: [{ name: '和面与醒发', content: '按配方和面' }, { name: '成型与蒸制', content: '控制火候' }] };
  const p = await A(jinan, 'POST', '/special-proposals', { name, field: 'local_industry', reason: '地方特色产业', spec });
  await A(jinan, 'POST', `/special-proposals/${p.id}/status`, { status: 'submitted' });
  await A(prov, 'POST', `/special-proposals/${p.id}/status`, { status: 'reviewing', experts: [expert], min_experts: 1 });

  const { context, page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), exTok);
  await page.goto(`${BASE}/examiner/special-reviews`);
  const card = page.locator(`[data-test=sp-review-${p.id}]`);
  await card.waitFor();
  assert.match(await card.innerText(), new RegExp(`${name}[\\s\\S]*已评 0 / 1[\\s\\S]*从事传统面食制作的人员[\\s\\S]*90 分钟`));
  assert.deepEqual(await card.locator('[data-test=sp-review-modules] li').allInnerTexts(), ['和面与醒发：按配方和面', '成型与蒸制：控制火候']);
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /examiner/special-reviews');
  await card.locator('[data-test=sp-review-score] input').fill('78');
  await card.locator('[data-test=sp-review-submit]').click();
  await card.locator('[data-test=sp-review-done]').waitFor();
  assert.match(await card.innerText(), /已评 1 \/ 1/);
  assert.equal(await card.locator('[data-test=sp-review-submit]').count(), 0, 'scored once: no second form');
  await context.close();
  const got = await A(prov, 'GET', `/special-proposals/${p.id}`);
  assert.deepEqual(got.experts.map((x) => [x.user_id, x.score]), [[expert, 78]]);
});
