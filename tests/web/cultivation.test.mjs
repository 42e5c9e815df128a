// 技工院校与专业备案 in the browser (docs/DOMAIN.md §53), over the demo's data: 济南 (jinan_admin) sees 济南演示技师学院,
// its filed major and the one waiting, records the waiting one (备案登记) and sees it filed; the graduated 冠名班 with
// its placement rate and the programmes with 金蓝领's target; on the demand page the 订单班 济南 opened for the school
// answering the enterprise's posting, and the 开设订单班 action; the school (jinan_college_admin) gets the new-major form;
// no axe violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('专业备案: the city records a waiting major; 订单班 placement and programmes shown; the school may set up a major', async () => {
  const { page } = await newPage(browser);
  const token = await login('jinan_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/cultivation/schools`);
  const majors = page.locator('[data-test=cult-majors]');
  const waiting = majors.locator('.el-table__row', { hasText: '工业机器人应用与维护' });
  await waiting.waitFor();
  assert.match(await majors.innerText(), /数控加工（数控车工）[\s\S]*高级工班[\s\S]*第2阶段[\s\S]*已备案/);
  assert.match(await waiting.innerText(), /待备案/);
  await waiting.locator('button', { hasText: '备案登记' }).click();
  await majors.locator('.el-table__row', { hasText: '工业机器人应用与维护' }).filter({ hasText: '已备案' }).waitFor();
  assert.match(await page.locator('[data-test=cult-order-classes]').innerText(), /装备制造冠名班[\s\S]*济南演示装备制造有限公司[\s\S]*50%/);
  assert.match(await page.locator('[data-test=cult-programmes]').innerText(), /“金蓝领”培训项目[\s\S]*20,000/);
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /cultivation/schools');
  // the 订单班 the bureau opened for the school answering the enterprise's posting (§63), and its 开设订单班 action
  await page.goto(`${BASE}/cultivation/demand`);
  const posting = page.locator('[data-test=dm-postings] .el-table__row', { hasText: '数控机床装调工（人社部门开设订单班）' });
  await posting.waitFor();
  assert.match(await posting.innerText(), /20 \/ 20/);
  await posting.locator('.el-table__expand-icon').click();
  assert.match(await page.locator('[data-test=dm-answers]', { hasText: '装备制造订单班' }).innerText(), /订单班 装备制造订单班（人社部门开设）[\s\S]*承诺 20 个名额[\s\S]*人社部门开设/);
  await page.locator('[data-test=dm-open-order]').waitFor();

  const { page: sp } = await newPage(browser);
  const st = await login('jinan_college_admin');
  await sp.context().addInitScript((t) => localStorage.setItem('jineng.token', t), st);
  await sp.goto(`${BASE}/cultivation/schools`);
  await sp.locator('[data-test=major-create]').waitFor();
});

// 院校学生与过程化评价 (docs/DOMAIN.md §61): the school (jinan_college_admin) sees its demo class, opens its 过程化评价 rule
// and reads the sheet: 77 passed with a certificate, 36 failed for the missed module; the pilot of 潍坊; no axe violation;
// then previews a students' import (导入) with one good row and one bad ID number.
test('过程化评价: the school reads the sheet of its class with the outcomes and certificates', async () => {
  const { page } = await newPage(browser);
  const token = await login('jinan_college_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/cultivation/students`);
  await page.locator('[data-test=se-students] .el-table__row', { hasText: '级数控1班' }).first().waitFor();
  await page.locator('[data-test=se-rules] .el-table__row', { hasText: '数控加工四级过程化评价' }).click();
  const sheet = page.locator('[data-test=se-sheet-table]');
  await sheet.locator('.el-table__row').first().waitFor();
  const text = await sheet.innerText();
  assert.match(text, /77[\s\S]*合格[\s\S]*证书/);
  assert.match(text, /36[\s\S]*不合格：有模块未考核/);
  assert.match(await page.locator('[data-test=se-pilots]').innerText(), /驻潍高校学生职业技能等级认定试点[\s\S]*潍坊/);
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /cultivation/students');

  // 导入 (§61): a preview of a two-row file — one new student accepted, a bad ID number rejected with its reason;
  // nothing stored
  const id = (body) => { const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]; let t = 0; for (let i = 0; i < 17; i++) t += Number(body[i]) * w[i]; return body + '10X98765432'[t % 11]; };
  const good = id(`37010220090${String(Date.now() % 9 + 1)}15${String(Date.now() % 1000).padStart(3, '0')}`);
  const csv = `姓名,公民身份号码,手机号码,专业,班级,入学年份,预计毕业日期\n孙预览,${good},,数控加工（数控车工）,浏览器预览班,2025,2028-07-01\n周错号,370102200901150000,,数控加工（数控车工）,浏览器预览班,2025,2028-07-01\n`;
  await page.locator('[data-test=se-import-open]').click();
  await page.locator('[data-test=se-import-preview]').click();
  await page.locator('input[data-test=import-file]').setInputFiles({ name: '学生.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-test=import-submit]').click();
  const result = page.locator('[data-test=import-result]');
  await result.waitFor();
  assert.match(await result.innerText(), /预览（未保存）：共 2 行，可导入 1 行，拒绝 1 行/);
  assert.match(await page.locator('[data-test=import-errors]').innerText(), /3[\s\S]*公民身份号码[\s\S]*invalid_id_number[\s\S]*公民身份号码无效/);
  assert.match(await page.locator('[data-test=se-import-counts]').innerText(), /新登记人员 1/);
});
