// XLSX uploads (util/tabread.c through svc/import.c): the item bank and the registration imports read the
// first sheet of a workbook as they read CSV — the same columns (Chinese or English headers), the same
// per-row report (line = the sheet's row number), all-or-nothing, the header's errors; a damaged workbook
// is 422 malformed_xlsx. The workbooks are written by tests/api/xlsx.mjs (shared and inline strings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique } from './lib.mjs';
import { xlsx, XLSX_TYPE } from './xlsx.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const upload = (token, path, book) => api('POST', path, { token, raw: book, headers: { 'Content-Type': XLSX_TYPE } });

async function orgInst(org) {
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  return (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
}

test('items from XLSX: Chinese headers, per-row report by sheet row, all-or-nothing, header errors', async () => {
  const org = await login('jinan_org_admin');
  const inst = await orgInst(org);
  const scope = inst.scopes.find((s) => s.levels.length);
  const occ = scope.occupation_code, lv = scope.levels[0];
  for (const shared of [true, false]) {
    const tag = `x${unique()}${shared ? 's' : 'i'}`;
    const header = ['职业编码', '等级', '题型', '鉴定范围', '鉴定点代码', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '分值', '备注'];
    const rows = [
      header,
      [occ, lv, '单选', tag, 'A-01-001', `${tag} 第一题 <&>`, '甲', '乙', '丙', '丁', 'B', 1, '一'],
      'empty', // Excel keeps formatted empty rows: skipped, the numbering stays the sheet's
      [occ, String(lv), '判断', tag, 'A-01-002', `${tag} 第二题`, null, null, null, null, '对', null, null],
      [occ, lv, '单选', tag, 'A-01-003', `${tag} 第三题`, '甲', '乙', null, null, 'X', 2, null],
    ];
    const all = await upload(org, '/api/v1/items/import?all_or_nothing=true', xlsx(rows, { shared }));
    assert.equal(all.status, 422, JSON.stringify(all.data));
    assert.equal(all.data.error.code, 'rows_rejected');
    assert.equal(all.data.stored, false);
    assert.deepEqual(all.data.errors.map((x) => [x.line, x.field, x.code]), [[5, 'key', 'key_not_in_options']]);
    const r = await upload(org, '/api/v1/items/import', xlsx(rows, { shared }));
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.rows, 3);
    assert.equal(r.data.imported, 2);
    assert.equal(r.data.rejected, 1);
    assert.equal(r.data.stored, true);
    assert.equal(r.data.encoding, 'utf-8');
    assert.deepEqual(r.data.errors.map((x) => [x.line, x.field, x.code]), [[5, 'key', 'key_not_in_options']]);
    for (const x of r.data.errors) assert.ok(x.message_zh && x.message_en);
    const bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: org })).data.items.filter((x) => x.area === tag);
    assert.deepEqual(bank.map((x) => x.stem).sort(), [`${tag} 第一题 <&>`, `${tag} 第二题`]);
    assert.equal(bank.find((x) => x.kind === 'single').answer, 'B');
    assert.deepEqual(bank.find((x) => x.kind === 'judge').options, ['对', '错']);
  }
  // the header's errors name the column in both languages
  const noKey = await upload(org, '/api/v1/items/import', xlsx([['职业编码', '等级', '题型', '鉴定范围', '鉴定点代码', '题干'], [occ, lv, '单选', 'a', 'A-01-001', 'b']]));
  expectError(noKey, 422, 'missing_column');
  assert.equal(noKey.data.error.field, 'key');
  assert.match(noKey.data.error.message_zh, /答案（key）/);
  assert.match(noKey.data.error.message_en, /key \(答案\)/);
  const twice = await upload(org, '/api/v1/items/import', xlsx([['职业编码', 'occupation_code', '等级', '题型', '鉴定范围', '鉴定点代码', '题干', '答案']]));
  expectError(twice, 422, 'duplicate_column');
  // not a workbook after all
  expectError(await upload(org, '/api/v1/items/import', Buffer.from('PK\x03\x04 this is no workbook')), 422, 'malformed_xlsx');
  expectError(await upload(org, '/api/v1/items/import', xlsx([])), 422, 'missing_column');
});

test('registrations from XLSX: the same rows as CSV, ID numbers as text and yes/no as typed', async () => {
  const org = await login('jinan_org_admin');
  const inst = await orgInst(org);
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const tag = `rx${unique()}`;
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `XLSX 报名 ${tag}`, occupation_code: scope.occupation_code, level: 5, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(9), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  const ids = [];
  for (let i = 0; i < 2; i++) {
    const idn = idNumber('370102', '19940611', 100 + ((unique() * 5 + i) % 800));
    const p = await api('POST', '/api/v1/persons', { token: org, body: { name: `表格${i}号`, id_number: idn } });
    assert.ok(p.status === 201 || p.status === 200, JSON.stringify(p.data));
    ids.push(idn);
  }
  const book = xlsx([
    ['证件号码', '姓名', '申报条件', '承诺', '相关专业'],
    [ids[0], '表格0号', '2023-5-a', '是', 0],
    [ids[1], '表格1号', '2023-5-a', '否', null],
    [idNumber('370102', '19960111', 997), '无此人', '2023-5-a', '是', null],
  ]);
  const path = `/api/v1/plans/${plan.id}/registrations/import`;
  const all = await upload(org, `${path}?all_or_nothing=true`, book);
  assert.equal(all.status, 422, JSON.stringify(all.data));
  assert.equal(all.data.stored, false);
  assert.deepEqual(all.data.registrations, []);
  const r = await upload(org, path, book);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.rows, 3);
  assert.equal(r.data.registered, 2);
  assert.equal(r.data.eligible, 1);
  assert.deepEqual(r.data.errors.map((x) => [x.line, x.field, x.code]), [[4, 'id_number', 'person_not_found']]);
  assert.deepEqual(r.data.registrations.map((x) => [x.line, x.eligible]), [[2, true], [3, false]]);
  assert.equal(r.data.registrations[1].failed_code, 'declaration_missing');
  const missing = await upload(org, path, xlsx([['证件号码', '姓名'], [ids[0], 'x']]));
  expectError(missing, 422, 'missing_column');
  assert.equal(missing.data.error.field, 'option');
});
