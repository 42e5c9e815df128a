// The supervision pages of issue 13 in the browser (web/src/domains/supervision): the quality archive of an
// institution (质量档案, reached from 机构详情, with its PDF; the institution administrator's own; refused to a
// supervisor who never inspected it), the supervisors' registry (督导员名册: the city adds a profile to a
// supervisor account, a refused save shows the server's field error, an edit with a 回避 institution; the
// supervisor changes only their availability) and the survey results (满意度调查结果: six candidates of a
// 济南 sitting answer, the institution's group shows its count and means, a month's view, another city's
// institution sees nothing of it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, api, login, shot, unique, invigilators, today, plusDays, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username, password) {
  const token = await login(username, password);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const ok = (r, what) => { assert.ok([200, 201].includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.data)}`); return r.data; };
const PW = 'Mx!Supervision-Web-2026';
async function instOf(token) {
  const me = ok(await api('GET', '/api/v1/auth/me', { token }), 'me');
  return (me.user || me).institution_id;
}

test('质量档案: from 机构详情 to the archive and its PDF; the institution\'s own; a supervisor who never inspected it is refused', async () => {
  const org = await login('jinan_org_admin');
  const instId = await instOf(org);
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }), 'institution');
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/admin/institutions/${instId}`);
  await page.locator('[data-test=inst-archive]').click();
  await page.waitForURL(`**/quality/archive/${instId}`);
  assert.equal((await page.locator('[data-test=qa-title]').innerText()).trim(), inst.name);
  for (const key of ['filing', 'scopes', 'scope_changes', 'status_history', 'inspections', 'complaints', 'anomalies']) await page.locator(`[data-test=qa-section-${key}]`).waitFor();
  // the demo's complaints about the organisation, without the complainant (赵文静 of demo_complaints.c)
  const complaints = page.locator('[data-test=qa-section-complaints]');
  assert.ok((await complaints.locator('.el-table__row').count()) >= 1, 'the demo complaint is listed');
  assert.ok(!(await page.locator('body').innerText()).includes('赵文静'), 'no complainant');
  assert.match(await page.locator('[data-test=qa-section-filing]').innerText(), /统一社会信用代码[\s\S]*备案日期/);
  await shot(page, 'quality-archive');
  // the PDF
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=qa-pdf]').click()]);
  assert.equal(dl.suggestedFilename(), `quality-archive-${instId}.pdf`);
  const file = await dl.path();
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(page.jsErrors, []);

  // the institution administrator's own archive from the menu
  const { page: ip } = await newPage(browser);
  await signIn(ip, 'jinan_org_admin');
  await ip.goto(`${BASE}/inst/quality-archive`);
  await ip.locator('[data-test=qa-title]').waitFor();
  assert.equal((await ip.locator('[data-test=qa-title]').innerText()).trim(), inst.name);
  assert.deepEqual(ip.jsErrors, []);

  // a supervisor of the demo who never inspected it: the server's refusal, in Chinese
  const { page: sp } = await newPage(browser);
  await signIn(sp, 'sup_taian');
  await sp.goto(`${BASE}/quality/archive/${instId}`);
  await sp.locator('[data-test=qa-error]').waitFor();
  assert.match(await sp.locator('[data-test=qa-error]').innerText(), /不存在/);
  assert.equal(await sp.locator('[data-test=qa-title]').count(), 0);
});

test('督导员名册: the city adds and edits a profile (a refused save shows the field error), the supervisor changes their availability', async () => {
  const prov = await login('admin');
  const tag = `sv${unique()}${Date.now() % 100000}`;
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}s`, password: PW, role: 'supervisor', region_code: '370100', display_name: `督导员${tag}` } }), 'account');
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/quality/supervisors`);
  // the demo's 济南 supervisor is listed; 青岛's are not (another region)
  await page.waitForFunction(() => document.querySelectorAll('[data-test=sv-table] .el-table__row').length > 0);
  const names = (await page.locator('[data-test=sv-name]').allInnerTexts()).map((s) => s.trim());
  assert.ok(names.includes('济南督导员（演示）'), names.join(','));
  assert.ok(!names.includes('青岛督导员（演示）'), 'another city\'s supervisor is not listed');

  await page.locator('[data-test=sv-add]').click();
  const dlg = page.locator('[data-test=sv-dialog]');
  await dlg.locator('[data-test=sv-account]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: `督导员${tag}` }).first().click();
  await dlg.locator('[data-test=sv-f-cert]').fill(`DD${tag}`);
  const until = dlg.locator('[data-test=sv-f-until] input');
  await until.fill('2035-12-31');
  await until.press('Enter');
  // no region: the server refuses, and says so under the field
  await dlg.locator('[data-test=sv-save]').click();
  await dlg.locator('.el-form-item__error').first().waitFor();
  await dlg.locator('[data-test=region-select]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '370100' }).first().click();
  await dlg.locator('[data-test=sv-save]').click();
  await dlg.waitFor({ state: 'hidden' });
  let p = ok(await api('GET', `/api/v1/supervisors/${u.id}`, { token: prov }), 'profile');
  assert.equal(p.cert_no, `DD${tag}`);
  assert.equal(p.valid_until, '2035-12-31');
  assert.equal(p.region_code, '370100');

  // edit: a 回避 institution
  await page.reload();
  const row = page.locator('[data-test=sv-table] .el-table__row', { hasText: `DD${tag}` });
  await row.locator('[data-test=sv-edit]').first().click();
  await dlg.locator('[data-test=sv-avoid-add]').click();
  const avoid = dlg.locator('[data-test=sv-avoid-row]').last();
  await avoid.locator('[data-test=institution-select]').click();
  await avoid.locator('[data-test=institution-select] input').fill('济南演示职业技能评价中心');
  await page.locator('.el-select-dropdown__item:visible', { hasText: '济南演示职业技能评价中心' }).first().click();
  await avoid.locator('input[maxlength="200"]').fill('曾在该机构任职');
  await dlg.locator('[data-test=sv-save]').click();
  await dlg.waitFor({ state: 'hidden' });
  p = ok(await api('GET', `/api/v1/supervisors/${u.id}`, { token: prov }), 'profile');
  assert.deepEqual(p.avoid.map((a) => [a.institution_name, a.reason]), [['济南演示职业技能评价中心', '曾在该机构任职']]);
  await shot(page, 'supervisors');
  assert.deepEqual(page.jsErrors, []);

  // the supervisor: their own row only, no add or edit, Sundays off through 可用时间
  const { page: sp } = await newPage(browser);
  await signIn(sp, `${tag}s`, PW);
  await sp.goto(`${BASE}/quality/supervisors`);
  await sp.waitForFunction(() => document.querySelectorAll('[data-test=sv-table] .el-table__row').length === 1);
  assert.equal(await sp.locator('[data-test=sv-add]').count(), 0);
  assert.equal(await sp.locator('[data-test=sv-edit]').count(), 0);
  await sp.locator('[data-test=sv-avail]').click();
  const ad = sp.locator('[data-test=sv-avail-dialog]');
  await ad.locator('[data-test=sv-f-days] .el-checkbox', { hasText: '周日' }).click();
  await ad.locator('[data-test=sv-avail-save]').click();
  await ad.waitFor({ state: 'hidden' });
  p = ok(await api('GET', `/api/v1/supervisors/${u.id}`, { token: prov }), 'profile');
  assert.equal(p.weekdays, '1111110');
  assert.deepEqual(sp.jsErrors, []);
});

test('满意度调查结果: six answers of a 济南 sitting give the institution\'s counts and means; by month; nothing for another city\'s institution', async () => {
  const org = await login('jinan_org_admin'), prov = await login('admin'), jinan = await login('jinan_admin');
  const instId = await instOf(org);
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }), 'institution');
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const tag = `sr${unique()}${Date.now() % 100000}`;
  for (let i = 0; i < 2; i++) ok(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-A`, stem: `满意度页面测试题 ${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'B', points: 2 } }), 'item');
  ok(await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: 2 }] } }), 'blueprint');
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `满意度页面 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } }), 'plan');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }), 'filed');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }), 'open');
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `满意度页面考场 ${tag}`, minutes: 90, invigilators: await invigilators(org) } }), 'sitting');
  const persons = ok(await api('GET', '/api/v1/persons?page_size=100', { token: org }), 'persons').items.slice(60, 66);
  for (const [i, pr] of persons.entries()) {
    const reg = ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: pr.id, option: '2023-5-a', declared: true } }), 'registration');
    ok(await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } }), 'approve');
    ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}c${i}`, password: PW, role: 'candidate', person_id: pr.id } }), 'candidate');
    const att = ok(await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } }), 'admit').attempt_id;
    const t = await login(`${tag}c${i}`, PW);
    ok(await api('POST', `/api/v1/attempts/${att}/open`, { token: t }), 'open paper');
    ok(await api('POST', `/api/v1/attempts/${att}/submit`, { token: t }), 'submit');
    ok(await api('POST', `/api/v1/attempts/${att}/survey`, { token: t, body: { ratings: { organisation: 5, fairness: 4, environment: 4, staff: 5 } } }), 'survey');
  }

  const { page } = await newPage(browser);
  await signIn(page, 'jinan_org_admin');
  await page.goto(`${BASE}/quality/survey-results`);
  const row = page.locator('[data-test=sr-table] .el-table__row', { hasText: inst.name }).first();
  await row.waitFor();
  const n = Number((await row.locator('[data-test=sr-count]').innerText()).trim());
  assert.ok(n >= 6, `the institution's group counts the six answers (${n})`);
  await row.locator('.el-table__expand-icon').click();
  await page.locator('[data-test=sr-dist]').first().waitFor();
  assert.match(await page.locator('[data-test=sr-dist]').first().innerText(), /考务组织/);
  assert.match(await page.locator('[data-test=sr-meta]').innerText(), /少于 5 份答卷的分组不予公开/);
  // by month: this month's row
  await page.locator('[data-test=sr-by] .el-radio-button', { hasText: '月份' }).click();
  await page.locator('[data-test=sr-table] .el-table__row', { hasText: today.slice(0, 7) }).first().waitFor();
  await shot(page, 'survey-results');
  assert.deepEqual(page.jsErrors, []);

  // another city's institution administrator: none of 济南's groups
  const { page: qp } = await newPage(browser);
  await signIn(qp, 'qingdao_org_admin');
  await qp.goto(`${BASE}/quality/survey-results`);
  await qp.locator('[data-test=sr-meta]').waitFor();
  assert.ok(!(await qp.locator('[data-test=sr-table]').innerText()).includes(inst.name));
  assert.deepEqual(qp.jsErrors, []);
});
