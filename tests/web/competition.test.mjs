// 职业技能竞赛 in the browser: the province approves one application of a year of this test's own on the plan
// page (竞赛计划), rejects another with a reason in the dialog and publishes the plan; on a phone (375 px, no
// login) the public page lists the published plan with the approved competition (十强产业 first), not the
// rejected one, and opens its events with their groups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, unique, BASE, PHONE, assertNoHorizontalScroll } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the province approves, rejects and publishes the plan; the public reads it on a phone', async () => {
  const jinan = await login('jinan_admin');
  const n = unique();
  const tag = `网${n}`;
  let Y = 2060 + (n % 30);
  while ((await api('GET', `/api/v1/competition-plans/${Y}`, { token: await login('admin') })).status !== 404) Y++;
  const mk = async (name, key) => {
    const r = await api('POST', '/api/v1/competitions', { token: jinan, body: { name: `${tag}${name}`, tier: 'province_1', key_industry: key, organiser_kind: 'city', organiser_name: '济南市人力资源和社会保障局', starts_on: `${Y}-06-01`, ends_on: `${Y}-06-02`, plan_year: Y } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const ev = await api('POST', `/api/v1/competitions/${r.data.id}/events`, { token: jinan, body: { name: '焊工', occupation_code: '6-18-02-04', groups: [{ group: 'worker', min_age: 18, employment: 'employed' }] } });
    assert.equal(ev.status, 201, JSON.stringify(ev.data));
    assert.equal((await api('POST', `/api/v1/competitions/${r.data.id}/status`, { token: jinan, body: { status: 'applied' } })).status, 200);
    return r.data.id;
  };
  const good = await mk('智能制造技能竞赛', true), dup = await mk('重复申报竞赛', false);

  const { page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('admin'));
  await page.goto(`${BASE}/competition/plan?year=${Y}`);
  await page.locator(`[data-test=cp-approve-${good}]`).click();
  await page.locator(`[data-test=cp-status-${good}]`, { hasText: '已批准' }).waitFor();
  await page.locator(`[data-test=cp-reject-${dup}]`).click();
  await page.locator('textarea[data-test=cp-reason]').fill('与已列入计划的赛事重复');
  await page.locator('[data-test=cp-reject-confirm]').click();
  await page.locator(`[data-test=cp-status-${dup}]`, { hasText: '未批准' }).waitFor();
  await page.locator('[data-test=cp-publish]').click();
  await page.locator('[data-test=cp-state]', { hasText: '已发布' }).waitFor();

  const { page: phone } = await newPage(browser, { viewport: PHONE });
  await phone.goto(`${BASE}/competitions?year=${Y}`);
  const plan = phone.locator('[data-test=pc-plan]');
  await plan.waitFor();
  const text = await plan.innerText();
  assert.match(text, new RegExp(`${tag}智能制造技能竞赛`));
  assert.match(text, /十强产业/);
  assert.doesNotMatch(text, /重复申报/);
  await phone.locator(`[data-test=pc-open-${good}]`).click();
  await phone.locator('[data-test=pc-comp]', { hasText: '职工组' }).waitFor();
  assert.match(await phone.locator('[data-test=pc-comp]').innerText(), /在职职工/);
  await assertNoHorizontalScroll(phone, PHONE.width, 'the public competition page');
});
