// The candidate: applies for a level with the eligibility check shown live, then takes a whole theory exam
// on a 375 px phone — answers, reloads mid-way, loses the network and keeps answering under the offline
// banner, comes back, submits — and the server holds every answer (the paper grades to 100). Then the
// results and certificates pages, and the exam page's JavaScript budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, uiLogin, login, api, shot, assertNoHorizontalScroll, trackScripts, invigilators, axe, BASE, PHONE, DESKTOP, today, plusDays, unique } from './lib.mjs';

const L = 'ABCDEFGH';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// the plan, bank and blueprint made by an institution through the API (as in tests/api/50-exams)
let made;
async function setUp() {
  if (!made) made = await makePlan();
  return made;
}
async function makePlan() {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = (me.user || me).institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  assert.ok(scope, 'a filed scope with level 5');
  const occ = scope.occupation_code, tag = `w${unique()}`;
  const made = [];
  for (let i = 0; i < 4; i++) made.push(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-A`, stem: `单选题 ${tag}-${i}：安全电压的上限是多少？`, options: [`${i}号 12 V`, `${i}号 36 V`, `${i}号 110 V`, `${i}号 220 V`], answer: 'B', points: 2 } }));
  for (let i = 0; i < 3; i++) made.push(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'multi', area: `${tag}-B`, stem: `多选题 ${tag}-${i}：下列哪些属于个人防护用品？`, options: [`${i}号 绝缘手套`, `${i}号 扳手`, `${i}号 安全帽`, `${i}号 万用表`], answer: 'AC', points: 2 } }));
  for (let i = 0; i < 3; i++) made.push(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'judge', area: `${tag}-B`, stem: `判断题 ${tag}-${i}：停电作业前必须验电。`, options: ['正确', '错误'], answer: 'A', points: 1 } }));
  for (const m of made) assert.equal(m.status, 201, JSON.stringify(m.data));
  const bp = await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: 3 }, { area: `${tag}-B`, kind: 'multi', count: 2 }, { area: `${tag}-B`, kind: 'judge', count: 2 }] } });
  assert.equal(bp.status, 200, JSON.stringify(bp.data));
  const bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=5&page_size=500`, { token: org })).data.items.filter((x) => x.area.startsWith(tag));
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `网页考试测试 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  assert.ok(plan.id, JSON.stringify(plan));
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  return { org, occ, bank, plan };
}

test('a candidate applies and takes a whole exam through a reload and a network loss', async () => {
  const { org, bank, plan } = await setUp();
  const cand = await login('candidate1');
  // which options of level 5 candidate1 meets and fails (the server decides; the page must show it, and
  // at least one failure: a condition needing the declaration, before it is ticked)
  const opts = (await api('GET', '/api/v1/eligibility/options?template=2023&level=5')).data.items;
  const verdicts = [];
  for (const o of opts) {
    const r = (await api('POST', '/api/v1/eligibility/check', { token: cand, body: { occupation_code: plan.occupation_code, level: 5, option: o.id, exam_date: plan.exam_date, declared: true } })).data;
    verdicts.push({ id: o.id, r });
  }
  const good = verdicts.find((v) => v.r.eligible);
  const bad = verdicts.find((v) => !v.r.eligible);
  assert.ok(good, 'candidate1 meets one level-5 condition');
  // the same condition without the declaration of working in the occupation
  const undeclared = (await api('POST', '/api/v1/eligibility/check', { token: cand, body: { occupation_code: plan.occupation_code, level: 5, option: good.id, exam_date: plan.exam_date, declared: false } })).data;
  assert.ok(bad || !undeclared.eligible, 'a failing case to show');

  const { context, page } = await newPage(browser, { viewport: PHONE });
  await uiLogin(page, 'candidate1');
  await page.waitForURL((u) => u.pathname === '/me/exams');

  // 报名: the plan, the live check with a failed condition explained, then a condition that is met
  await page.locator('[data-test=candidate-nav] a', { hasText: '报名' }).click();
  const card = page.locator(`[data-test=plan-card][data-plan="${plan.id}"]`);
  await card.locator('[data-test=apply]').click();
  if (bad) {
    await card.locator('[data-test=eligibility-option]', { hasText: bad.id }).click();
    const why = card.locator('[data-test=failed-reason]');
    await why.waitFor();
    assert.equal((await why.innerText()).trim(), bad.r.failed.message_zh, 'the failed condition, explained');
  }
  await card.locator('[data-test=eligibility-option]', { hasText: good.id }).click();
  if (!undeclared.eligible) {
    const why = card.locator('[data-test=failed-reason]');
    await why.filter({ hasText: undeclared.failed.message_zh }).waitFor();
  }
  await card.locator('[data-test=declared]').check();
  await card.locator('[data-test=eligible]').waitFor();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'candidate-apply');
  await assertNoHorizontalScroll(page, PHONE.width, 'apply page at 375 px');
  await card.locator('[data-test=submit-registration]').click();
  await card.locator('[data-test=registered]').waitFor();
  const regs = (await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: org })).data.items;
  const reg = regs.find((r) => r.option === good.id);
  assert.ok(reg && reg.eligible, 'the registration reached the server');

  // the institution approves, opens a sitting and admits the candidate (检录 builds the paper)
  assert.equal((await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '第三考场', minutes: 90, invigilators: await invigilators(org) } })).data;
  const adm = await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } });
  assert.equal(adm.status, 201, JSON.stringify(adm.data));
  const attempt = adm.data.attempt_id;

  // 我的考试 → the exam
  await page.locator('[data-test=candidate-nav] a', { hasText: '我的考试' }).click();
  const examCard = page.locator(`[data-test=exam-card][data-attempt="${attempt}"]`);
  await examCard.locator('[data-test=enter-exam]').click();
  await page.waitForURL((u) => u.pathname === `/me/exams/${attempt}`);
  await page.locator('[data-test=question]').waitFor();
  assert.match(await page.locator('[data-test=exam-timer]').innerText(), /1:(29|30):\d\d/, 'the server timer: 90 minutes');
  const total = await page.locator('[data-test=grid-cell]').count();
  assert.equal(total, 7);

  const byStem = new Map(bank.map((x) => [x.stem, x]));
  const expected = {};
  async function answerCurrent() {
    const q = page.locator('[data-test=question]');
    const pos = Number(await q.getAttribute('data-pos'));
    const stem = (await page.locator('[data-test=question-stem]').innerText()).trim();
    const src = byStem.get(stem);
    assert.ok(src, `a known item: ${stem}`);
    const right = [...src.answer].map((l) => src.options[L.indexOf(l)]);
    const labels = page.locator('[data-test=option]');
    const n = await labels.count();
    let given = '';
    for (let i = 0; i < n; i++) {
      const text = (await labels.nth(i).locator('.text').innerText()).trim();
      if (right.includes(text)) { await labels.nth(i).click(); given += L[i]; }
    }
    expected[pos] = given;
    return pos;
  }
  const savedAll = () => page.locator('[data-test=save-status].saved').waitFor();
  const next = () => page.locator('[data-test=next]').click();

  // three answers, one flagged, all acknowledged
  await answerCurrent(); await next();
  const flaggedPos = await answerCurrent();
  await page.locator('[data-test=flag]').click();
  await next();
  await answerCurrent();
  await savedAll();
  await shot(page, 'candidate-exam');
  await assertNoHorizontalScroll(page, PHONE.width, 'exam page at 375 px');

  // a focus loss (切屏) is reported to the invigilators
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await page.locator('[data-test=focus-banner]').waitFor();

  // reload: the same paper, the answers and the flag are back, the time keeps running
  await page.reload();
  await page.locator('[data-test=question]').waitFor();
  assert.equal(await page.locator('[data-test=grid-cell].answered').count(), 3, 'three answers after the reload');
  assert.equal(await page.locator(`[data-test=grid-cell][data-pos="${flaggedPos}"].flagged`).count(), 1, 'the flag after the reload');
  assert.match(await page.locator('[data-test=exam-timer]').innerText(), /1:(2\d|30):\d\d/);

  // the network goes away: two more answers wait on the device under the offline banner
  await context.setOffline(true);
  await page.locator('[data-test=grid-cell]').nth(3).click();
  await answerCurrent(); await next();
  await answerCurrent();
  await page.locator('[data-test=offline-banner]').waitFor();
  assert.match(await page.locator('[data-test=save-status]').innerText(), /离线 · \d 条待保存/);
  assert.equal(await page.locator('[data-test=grid-cell].answered').count(), 5);
  const during = (await api('POST', `/api/v1/attempts/${attempt}/open`, { token: cand })).data;
  assert.equal(Object.keys(during.answers).length, 3, 'offline answers are not on the server yet');
  await shot(page, 'candidate-exam-offline');

  // back online: the queue drains in order, the banner goes
  await context.setOffline(false);
  await savedAll();
  await page.locator('[data-test=offline-banner]').waitFor({ state: 'detached' });
  await next();
  await answerCurrent(); await next();
  await answerCurrent();
  await savedAll();
  assert.equal(Object.keys(expected).length, 7, 'every question answered');

  // the server holds exactly what was chosen, before submitting
  const held = (await api('POST', `/api/v1/attempts/${attempt}/open`, { token: cand })).data;
  assert.deepEqual(Object.fromEntries(Object.entries(held.answers).map(([k, v]) => [Number(k), v])), Object.fromEntries(Object.entries(expected).map(([k, v]) => [Number(k), v])));

  // submit, confirmed
  await page.locator('[data-test=submit-exam]').click();
  await page.locator('.el-message-box').waitFor();
  assert.match(await page.locator('.el-message-box').innerText(), /共 7 题，已答 7 题/);
  await page.locator('.el-message-box').getByRole('button', { name: '确定交卷' }).click();
  await page.locator('[data-test=exam-finished]').waitFor();

  const view = (await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: org })).data.items.find((x) => x.attempt_id === attempt);
  assert.equal(view.status, 'submitted');
  assert.equal(view.answered, 7, 'seven answers stored');
  assert.equal(view.score, 100, 'every stored answer is the one chosen (all right)');
  assert.equal(view.focus_losses, 1, 'the focus loss was recorded');
  // the after-exam survey of this attempt, checked by axe here (the every-page test has no submitted attempt)
  await page.goto(`${BASE}/me/surveys/${attempt}`);
  await page.locator('.survey-q').first().waitFor();
  assert.deepEqual(await axe(page), [], 'the after-exam survey');
  // the exam page's JavaScript (a fresh load of this page in another window, everything it
  // fetches; done after submitting, since opening another window while the exam runs counts as 切屏)
  {
    const ctx2 = await browser.newContext({ viewport: PHONE });
    await ctx2.addInitScript((tok) => localStorage.setItem('jineng.token', tok), cand);
    const p2 = await ctx2.newPage();
    const js = trackScripts(p2);
    await p2.goto(`${BASE}/me/exams/${attempt}`);
    await p2.locator('[data-test=exam-finished]').waitFor();
    await p2.waitForLoadState('networkidle');
    const kb = js.gzipBytes() / 1024;
    console.log(`# exam page: ${js.files.size} JavaScript files, ${kb.toFixed(1)} KB gzipped`);
    assert.ok(kb < 300, `the exam page loads ${kb.toFixed(1)} KB of gzipped JavaScript (budget 300 KB)`);
    assert.deepEqual(js.containing('echarts'), [], 'no ECharts on the exam page');
    assert.deepEqual(js.containing('admin-menu'), [], 'no admin layout on the exam page');
    await ctx2.close();
  }

  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

// another candidate of the institution, with an account, registered, approved and admitted to a new
// sitting of the plan: { username, attempt, sit }
const usedPersons = new Set();
async function newAttempt(org, plan, room) {
  const me = (await api('GET', '/api/v1/auth/me', { token: await login('candidate1') })).data;
  usedPersons.add((me.user || me).person_id);
  const persons = (await api('GET', '/api/v1/persons?page_size=50', { token: org })).data.items.filter((p) => !usedPersons.has(p.id));
  const opts = (await api('GET', '/api/v1/eligibility/options?template=2023&level=5')).data.items;
  for (const person of persons) {
    usedPersons.add(person.id);
    let option = null;
    for (const o of opts) {
      const r = (await api('POST', '/api/v1/eligibility/check', { token: org, body: { person_id: person.id, occupation_code: plan.occupation_code, level: 5, option: o.id, exam_date: plan.exam_date, declared: true } })).data;
      if (r.eligible) { option = o.id; break; }
    }
    if (!option) continue;
    const username = `webcand${unique()}`;
    const u = await api('POST', '/api/v1/users', { token: await login('admin'), body: { username, password: 'Kite-River-2026', role: 'candidate', person_id: person.id } });
    if (u.status !== 201) continue;
    const reg = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: person.id, option, declared: true } })).data;
    assert.equal((await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
    const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room, minutes: 90, invigilators: await invigilators(org) } })).data;
    const attempt = (await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } })).data.attempt_id;
    return { username, attempt, sit, person };
  }
  assert.fail('no person of the institution meets a level-5 condition');
}

test('going back and forth keeps each question’s own choice checked; after 交卷 the countdown leaves the header', async () => {
  const { org, plan } = await setUp();
  const { username, attempt } = await newAttempt(org, plan, '第五考场');
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await uiLogin(page, username, 'Kite-River-2026');
  await page.waitForURL((url) => url.pathname === '/me/exams');
  await page.goto(`${BASE}/me/exams/${attempt}`);
  await page.locator('[data-test=question]').waitFor();
  // two questions in a row answered with radio buttons (single choice or true/false): the first with its
  // second option, the next with its first
  const chosenIndex = {};
  const pos = async () => Number(await page.locator('[data-test=question]').getAttribute('data-pos'));
  const radios = () => page.locator('[data-test=option] input[type=radio]').count();
  const cells = page.locator('[data-test=grid-cell]');
  let first = -1;
  for (let j = 0; j + 1 < await cells.count() && first < 0; j++) {
    await cells.nth(j).click();
    if (!(await radios())) continue;
    await cells.nth(j + 1).click();
    if (await radios()) first = j;
  }
  assert.ok(first >= 0, 'two radio questions in a row');
  await cells.nth(first).click();
  await page.locator('[data-test=option]').nth(1).click();
  chosenIndex[await pos()] = 1;
  await page.locator('[data-test=next]').click();
  await page.locator('[data-test=option]').nth(0).click();
  chosenIndex[await pos()] = 0;
  await page.locator('[data-test=save-status].saved').waitFor();
  // every option's radio dot (or tick) agrees with its highlight and with the answer given
  async function agrees(what) {
    const p = await pos();
    const states = await page.locator('[data-test=option]').evaluateAll((ls) => ls.map((l) => ({ checked: l.querySelector('input').checked, chosen: l.classList.contains('chosen') })));
    states.forEach((s, i) => {
      assert.equal(s.chosen, i === chosenIndex[p], `${what}: option ${i} highlighted`);
      assert.equal(s.checked, i === chosenIndex[p], `${what}: option ${i} checked (dot) as highlighted`);
    });
  }
  await agrees('question 2 answered');
  await page.locator('[data-test=prev]').click();
  await agrees('back on question 1');
  await page.locator('[data-test=next]').click();
  await agrees('question 2 after 上一题 / 下一题');
  await page.reload();
  await page.locator('[data-test=question]').waitFor();
  await agrees('question 2 after a reload');
  await page.locator('[data-test=prev]').click();
  await agrees('question 1 after a reload');
  await page.locator('[data-test=next]').click();
  await agrees('question 2 after a reload and 上一题 / 下一题');
  // 交卷: the finished page has no countdown or save state left in the header
  await page.locator('[data-test=submit-exam-overview]').click();
  await page.locator('.el-message-box').getByRole('button', { name: '确定交卷' }).click();
  await page.locator('[data-test=exam-finished]').waitFor();
  assert.equal(await page.locator('[data-test=exam-timer]').count(), 0, 'no countdown after 交卷');
  assert.equal(await page.locator('[data-test=save-status]').count(), 0, 'no save state after 交卷');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('keyboard only at 200 % zoom: answer, move, flag and submit the exam without a mouse; axe finds no serious violation on the candidate pages', async () => {
  const { org, plan } = await setUp();
  const { username, attempt } = await newAttempt(org, plan, '第七考场');
  // 200 % zoom of a 1366x768 screen: 683x384 CSS pixels
  const ZOOM2 = { width: DESKTOP.width / 2, height: DESKTOP.height / 2 };
  const { context, page } = await newPage(browser, { viewport: ZOOM2 });
  await uiLogin(page, username, 'Kite-River-2026');
  await page.waitForURL((url) => url.pathname === '/me/exams');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await axe(page), [], '我的考试');
  await page.goto(`${BASE}/me/exams/${attempt}`);
  await page.locator('[data-test=question]').waitFor();
  assert.deepEqual(await axe(page), [], 'the exam page');
  await assertNoHorizontalScroll(page, ZOOM2.width, 'the exam page at 200 %');
  // Tab until `pred` holds for the focused element; the focus is visible there (an outline or a ring)
  async function tabTo(pred, what) {
    for (let k = 0; k < 80; k++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(pred)) {
        const ring = await page.evaluate(() => { const c = getComputedStyle(document.activeElement); return c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0 || c.boxShadow !== 'none'; });
        assert.ok(ring, `${what}: the focus is visible`);
        return;
      }
    }
    assert.fail(`${what}: not reachable with Tab`);
  }
  const pos = async () => Number(await page.locator('[data-test=question]').getAttribute('data-pos'));
  const first = await pos();
  // answer: the first option by Space
  await tabTo(() => document.activeElement?.closest('[data-test=option]') != null, 'an option');
  await page.keyboard.press('Space');
  await page.locator('[data-test=option].chosen').first().waitFor();
  // mark: 标记待查 by Enter
  await tabTo(() => document.activeElement?.dataset.test === 'flag', '标记待查');
  await page.keyboard.press('Enter');
  await page.locator('[data-test=question] .el-tag', { hasText: '已标记' }).waitFor();
  // navigate: 下一题 by Enter, then answer there too
  await tabTo(() => document.activeElement?.dataset.test === 'next', '下一题');
  await page.keyboard.press('Enter');
  await page.waitForFunction((p) => Number(document.querySelector('[data-test=question]').dataset.pos) !== p, first);
  await tabTo(() => document.activeElement?.closest('[data-test=option]') != null, 'an option of question 2');
  await page.keyboard.press('Space');
  await page.locator('[data-test=option].chosen').first().waitFor();
  await page.locator('[data-test=save-status].saved').waitFor();
  // submit: 交卷 on the answer sheet, then 确定交卷 in the dialog, by keys alone
  await tabTo(() => document.activeElement?.dataset.test === 'submit-exam-overview', '交卷');
  await page.keyboard.press('Enter');
  await page.locator('.el-message-box').waitFor();
  await tabTo(() => document.activeElement?.textContent?.includes('确定交卷'), '确定交卷');
  await page.keyboard.press('Enter');
  await page.locator('[data-test=exam-finished]').waitFor();
  const mine = (await api('GET', '/api/v1/attempts', { token: await login(username, 'Kite-River-2026') })).data.items;
  const saved = mine.find((a) => a.attempt_id === attempt);
  assert.notEqual(saved.status, 'open', JSON.stringify(saved).slice(0, 200));
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('extra time reaches the exam page; at the new time-out it submits by itself, with the answers given', async () => {
  const { org, plan } = await setUp();
  const { username, attempt, sit } = await newAttempt(org, plan, '第四考场');

  // the browser's clock is moved on past the 90 minutes; the page flushes and submits by itself
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await context.clock.install({ time: new Date() });
  await uiLogin(page, username, 'Kite-River-2026');
  await page.waitForURL((url) => url.pathname === '/me/exams');
  await page.goto(`${BASE}/me/exams/${attempt}`);
  await page.locator('[data-test=question]').waitFor();
  await page.locator('[data-test=option]').first().click();
  await page.locator('[data-test=save-status].saved').waitFor();
  // the invigilators grant 10 more minutes: the page learns it at its next look at the server
  assert.equal((await api('POST', `/api/v1/attempts/${attempt}/invigilate`, { token: org, body: { action: 'extra_time', minutes: 10, reason: '考试机故障更换' } })).status, 200);
  await page.clock.fastForward('03:05');
  await page.locator('[data-test=extra-time-banner]').waitFor();
  assert.match(await page.locator('[data-test=exam-timer]').innerText(), /1:3[67]:\d\d/, 'about 97 minutes left');
  // the original 90 minutes pass: nothing happens; the extended end passes: the page submits
  await page.clock.fastForward('01:27:00');
  assert.equal(await page.locator('[data-test=exam-finished]').count(), 0, 'not submitted at the original time');
  await page.clock.fastForward('00:10:00');
  const done = page.locator('[data-test=exam-finished]');
  await done.waitFor();
  assert.match(await done.innerText(), /考试时间到，已自动交卷/);
  const view = (await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: org })).data.items.find((x) => x.attempt_id === attempt);
  assert.equal(view.status, 'submitted');
  assert.equal(view.answered, 1);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('my exams, results, certificates and account on a 375 px phone', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await uiLogin(page, 'candidate1');
  await page.waitForURL((u) => u.pathname === '/me/exams');
  await assertNoHorizontalScroll(page, PHONE.width, 'my exams');
  const mine = (await api('GET', '/api/v1/results', { token: await login('candidate1') })).data.items;

  await page.goto(`${BASE}/me/results`);
  await page.locator('[data-test=result-card]').first().waitFor();
  assert.equal(await page.locator('[data-test=result-card]').count(), mine.length);
  await assertNoHorizontalScroll(page, PHONE.width, 'my results');

  const certs = (await api('GET', '/api/v1/certificates', { token: await login('candidate1') })).data.items;
  assert.ok(certs.length > 0, 'candidate1 holds a certificate in the demo');
  await page.goto(`${BASE}/me/certificates`);
  const first = page.locator('[data-test=certificate-card]').first();
  await first.waitFor();
  assert.equal((await first.locator('[data-test=cert-number]').innerText()).trim(), certs[0].number);
  await assertNoHorizontalScroll(page, PHONE.width, 'my certificates');
  const [dl] = await Promise.all([page.waitForEvent('download'), first.locator('[data-test=cert-pdf]').click()]);
  assert.match(dl.suggestedFilename(), /\.pdf$/);
  const stream = await dl.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  assert.equal(Buffer.concat(chunks).subarray(0, 5).toString(), '%PDF-', 'a real PDF');
  await first.locator('[data-test=cert-qr]').click();
  await first.locator('[data-test=cert-qr-box] img').waitFor();
  await shot(page, 'candidate-certificates');
  // the QR's own link checks out on the verification page
  await first.locator('[data-test=cert-qr-box] a').click();
  await page.waitForURL((u) => u.pathname === '/verify');
  await page.locator('[data-test=verify-result][data-kind=genuine]').waitFor();

  await page.goto(`${BASE}/me/profile`);
  await page.locator('[data-test=change-password]').waitFor();
  await assertNoHorizontalScroll(page, PHONE.width, 'account page');
  // a wrong current password: the server's message under the field or above the button
  await page.locator('[data-test=old-password]').fill('Wrong@2026x');
  await page.locator('[data-test=new-password]').fill('Better-Lantern-2027');
  await page.locator('[data-test=new-password2]').fill('Better-Lantern-2027');
  await page.locator('[data-test=change-password]').click();
  await page.locator('.el-form-item__error, [data-test=error-alert]').first().waitFor();
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('in English the 报名 page shows the conditions and a failed reason in English', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const inst = (await api('GET', `/api/v1/institutions/${(me.user || me).institution_id}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `英文报名 w${unique()}`, occupation_code: scope.occupation_code, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  assert.ok(plan.id, JSON.stringify(plan));
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  const opts = (await api('GET', '/api/v1/eligibility/options?template=2023&level=5')).data.items;
  const cand = await login('candidate1');
  // without the declaration the first option fails on it (candidate1 is over 16)
  const undeclared = (await api('POST', '/api/v1/eligibility/check', { token: cand, body: { occupation_code: plan.occupation_code, level: 5, option: opts[0].id, exam_date: plan.exam_date, declared: false } })).data;
  assert.equal(undeclared.failed.code, 'declaration_missing');

  const { context, page } = await newPage(browser, { viewport: PHONE, lang: 'en' });
  await uiLogin(page, 'candidate1');
  await page.waitForURL((u) => u.pathname === '/me/exams');
  await page.goto(`${BASE}/me/apply`);
  const card = page.locator(`[data-test=plan-card][data-plan="${plan.id}"]`);
  await card.locator('[data-test=apply]').click();
  for (const o of opts) {
    const text = (await card.locator('[data-test=eligibility-option]', { hasText: o.id }).innerText()).trim();
    assert.ok(text.includes(o.text_en), `${o.id} in English: ${text}`);
    assert.doesNotMatch(text, /[\u2e80-\u9fff\uff00-\uffef]/, `${o.id} without Chinese`);
  }
  await card.locator('[data-test=eligibility-option]', { hasText: opts[0].id }).click();
  const why = card.locator('[data-test=failed-reason]');
  await why.filter({ hasText: undeclared.failed.message_en }).waitFor();
  // submitted anyway: the registration's stored reason, in English
  await card.locator('[data-test=submit-registration]').click();
  const reg = card.locator('[data-test=registered]');
  await reg.waitFor();
  await reg.filter({ hasText: undeclared.failed.message_en }).waitFor();
  const stored = (await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: cand })).data.items[0];
  assert.equal(stored.failed_message_en, undeclared.failed.message_en);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});
