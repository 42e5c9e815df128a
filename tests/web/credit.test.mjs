// 信用档案 in the browser: the province sees the demo's events (济南演示技师学院's 违规失信 in force, 菏泽's 定期评估不合格 from the published assessment, an expired
// 违规失信); the 济南 city administrator records a 违规失信 of the 济南 enterprise in the form, which then cannot
// create plans (409 credit_blocked, in Chinese); the enterprise's administrator reads its own event on the page
// with no record or withdraw button; the city corrects it to a 警示记录 (a new event; the old one withdrawn and
// kept; plans again), then withdraws that with a reason and it stays in the archive as 已撤销.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, unique, today, plusDays, BASE, choose } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const rowsText = (page) => page.locator('[data-test=cr-table] .el-table__body-wrapper').innerText();

test('the bureau records, corrects and withdraws a credit event; the institution reads its own and is blocked meanwhile', async () => {
  const prov = await login('admin'), ent = await login('jinan_ent_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: ent })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: ent })).data;
  const tag = `信用${unique()}${Date.now() % 100000}`;
  let recorded = null;
  try {
    // the province: the demo's events, filtered to those in force today
    const { page } = await newPage(browser);
    await signIn(page, 'admin');
    await page.goto(`${BASE}/quality/credit`);
    await page.locator('[data-test=cr-table] .el-table__row').first().waitFor();
    let text = await rowsText(page);
    assert.match(text, /济南演示技师学院/);
    assert.match(text, /定期评估不合格/);
    assert.match(text, /已到期/);
    await choose(page, page.locator('[data-test=cr-f-inforce]'), '生效中');
    await page.waitForFunction(() => !document.querySelector('[data-test=cr-table]').innerText.includes('已到期'));
    assert.match(await rowsText(page), /生效中/);
    assert.deepEqual(page.jsErrors, []);

    // the city records a 违规失信 of the enterprise in the form
    const { page: cp } = await newPage(browser);
    await signIn(cp, 'jinan_admin');
    await cp.goto(`${BASE}/quality/credit`);
    await cp.locator('[data-test=cr-new]').click();
    const dlg = cp.locator('[data-test=cr-form]');
    // the institution by its name (GET /institutions?name=)
    await dlg.locator('[data-test=institution-select]').click();
    await dlg.locator('[data-test=institution-select] input').fill(inst.name);
    await cp.locator('.el-select-dropdown__item:visible', { hasText: inst.name }).first().click();
    await choose(cp, dlg.locator('[data-test=cr-kind-select]'), '违规失信');
    assert.match(await dlg.locator('[data-test=cr-kind-info]').innerText(), /默认期限 180 天.*种子 003/);
    // a reason is required: the server's refusal is shown in Chinese
    await dlg.locator('[data-test=cr-submit]').click();
    await dlg.locator('[data-test=error-alert]').waitFor();
    assert.match(await dlg.locator('[data-test=error-alert]').innerText(), /缺少必填字段 reason/);
    await dlg.locator('textarea[data-test=cr-reason]').fill(`${tag} 恶意压价招揽考生`);
    await dlg.locator('[data-test=cr-submit]').click();
    await cp.locator('.el-message--success').waitFor();
    await cp.waitForFunction((t) => document.querySelector('[data-test=cr-table]').innerText.includes(t), tag);
    const list = (await api('GET', `/api/v1/credit-events?subject_type=institution&subject_id=${instId}&in_force=1`, { token: prov })).data;
    recorded = list.items.find((x) => x.reason.startsWith(tag));
    assert.ok(recorded, 'recorded');
    assert.equal(recorded.until, plusDays(179));
    await shot(cp, 'credit-archive');

    // enforced: the enterprise cannot create a plan, and is told why in Chinese
    const occ = inst.scopes.find((s) => s.levels.length).occupation_code;
    const lvl = inst.scopes.find((s) => s.levels.length).levels[0];
    const planBody = (t) => ({ title: `${tag} ${t}`, occupation_code: occ, level: lvl, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: lvl <= 2 ? ['theory', 'practical', 'review'] : ['theory', 'practical'] });
    const r = await api('POST', '/api/v1/plans', { token: ent, body: planBody('计划') });
    assert.equal(r.status, 409, JSON.stringify(r.data));
    assert.equal(r.data.error.code, 'credit_blocked');
    assert.match(r.data.error.message_zh, /违规失信/);

    // the enterprise reads its own event; it neither records nor withdraws
    const { page: ep } = await newPage(browser);
    await signIn(ep, 'jinan_ent_admin');
    await ep.goto(`${BASE}/quality/credit`);
    await ep.waitForFunction((t) => document.querySelector('[data-test=cr-table]')?.innerText.includes(t), tag);
    assert.doesNotMatch(await rowsText(ep), /济南演示技师学院/);
    assert.equal(await ep.locator('[data-test=cr-new]').count(), 0);
    assert.equal(await ep.locator('[data-test=cr-withdraw]').count(), 0);
    assert.deepEqual(ep.jsErrors, []);

    // the city corrects it to a 警示记录 (blocks nothing): a new event, the old one withdrawn and kept
    await cp.locator('.el-table__row', { hasText: `${tag} 恶意压价` }).locator('[data-test=cr-correct]').click();
    const fix = cp.locator('[data-test=cr-form]');
    assert.match(await fix.innerText(), new RegExp(`更正信用事件 #${recorded.id}`));
    await choose(cp, fix.locator('[data-test=cr-kind-select]'), '警示记录');
    await fix.locator('textarea[data-test=cr-reason]').fill(`${tag} 更正为警示记录`);
    await fix.locator('[data-test=cr-submit]').click();
    await cp.waitForFunction((t) => [...document.querySelectorAll('[data-test=cr-table] .el-table__row')].some((r) => r.innerText.includes(`${t} 恶意压价`) && r.innerText.includes('已撤销')), tag);
    const old = (await api('GET', `/api/v1/credit-events/${recorded.id}`, { token: prov })).data;
    assert.equal(old.status, 'withdrawn');
    assert.match(old.withdraw_reason, /更正/);
    const fixed = (await api('GET', `/api/v1/credit-events?subject_id=${instId}&subject_type=institution&status=recorded`, { token: prov })).data.items.find((x) => x.reason.startsWith(tag));
    assert.equal(fixed.corrects_id, recorded.id);
    assert.equal(fixed.kind_name, '警示记录');
    assert.equal((await api('POST', '/api/v1/plans', { token: ent, body: planBody('更正后') })).status, 201);

    // an examiner is chosen by name from the city's examiners; the event blocks their panels (kept to this test:
    // withdrawn below)
    await cp.locator('[data-test=cr-new]').click();
    const exf = cp.locator('[data-test=cr-form]');
    await exf.locator('[data-test=cr-subject-type]').getByText('考评员').click();
    await exf.locator('[data-test=cr-user-select]').click();
    await exf.locator('[data-test=cr-user-select] input').fill('examiner1');
    await cp.locator('.el-select-dropdown__item:visible', { hasText: '（examiner1）' }).first().click();
    await choose(cp, exf.locator('[data-test=cr-kind-select]'), '违规考评');
    await exf.locator('textarea[data-test=cr-reason]').fill(`${tag} 考评员违规`);
    await exf.locator('[data-test=cr-submit]').click();
    await cp.waitForFunction((t) => document.querySelector('[data-test=cr-table]').innerText.includes(`${t} 考评员违规`), tag);
    const exEv = (await api('GET', '/api/v1/credit-events?subject_type=examiner&status=recorded&page_size=200', { token: prov })).data.items.find((x) => x.reason.startsWith(tag));
    assert.ok(exEv && exEv.state === 'in_force' && exEv.blocks.includes('panel'), JSON.stringify(exEv));
    assert.equal((await api('POST', `/api/v1/credit-events/${exEv.id}/withdraw`, { token: prov, body: { reason: '测试结束' } })).status, 200);

    // the city withdraws the warning with a reason: 已撤销, still listed
    await cp.locator('.el-table__row', { hasText: `${tag} 更正为警示记录` }).locator('[data-test=cr-withdraw]').click();
    const wd = cp.locator('[data-test=cr-wd]');
    await wd.locator('textarea[data-test=cr-wd-reason]').fill('复核后不属实');
    await wd.locator('[data-test=cr-wd-submit]').click();
    await cp.waitForFunction((t) => [...document.querySelectorAll('[data-test=cr-table] .el-table__row')].some((r) => r.innerText.includes(`${t} 更正为警示记录`) && r.innerText.includes('已撤销')), tag);
    assert.equal((await api('GET', `/api/v1/credit-events/${fixed.id}`, { token: prov })).data.status, 'withdrawn');
    assert.deepEqual(cp.jsErrors, []);
  } finally {
    // leave the demo enterprise unblocked for the tests after this one
    const left = (await api('GET', '/api/v1/credit-events?status=recorded&page_size=500', { token: prov })).data.items;
    for (const x of left.filter((e) => e.reason.startsWith(tag))) await api('POST', `/api/v1/credit-events/${x.id}/withdraw`, { token: prov, body: { reason: '测试结束' } });
  }
});
