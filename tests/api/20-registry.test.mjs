// The registry: persons (ID checks, PII sealing and masking, scope), institutions (credit codes, status),
// reference data, exports and the audit archive.
import { test } from 'node:test';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, creditCode, unique } from './lib.mjs';

test('a person with a valid ID number: 201, derived gender and birth date, masked number', async () => {
  const t = await login('admin');
  const idn = idNumber('370102', '19900307', 101 + (unique() % 440) * 2); // odd sequence: male
  const r = await api('POST', '/api/v1/persons', { token: t, body: { name: '王建国', id_number: idn, phone: '13812345678' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.gender, 'M');
  assert.equal(r.data.birth_date, '1990-03-07');
  assert.equal(r.data.region_code, '370102');
  assert.equal(r.data.id_number_masked, idn.slice(0, 4) + '**********' + idn.slice(14));
  assert.equal(r.data.phone_masked, '138****5678');
  assert.equal(r.data.id_number, idn); // the province administrator may see it on a single record
  const list = await api('GET', `/api/v1/persons?id_number=${idn}`, { token: t });
  assert.equal(list.data.total, 1);
  assert.equal(list.data.items[0].id_number, undefined); // lists never carry the full number
  assert.equal(list.data.items[0].phone, undefined);
  // exact look-up by phone, through its blind index; a +86 form finds the same person
  const byPhone = await api('GET', '/api/v1/persons?phone=%2B86%20138-1234-5678', { token: t });
  assert.ok(byPhone.data.items.some((p) => p.id === r.data.id), JSON.stringify(byPhone.data));
  assert.equal((await api('GET', '/api/v1/persons?phone=13812340000', { token: t })).data.items.some((p) => p.id === r.data.id), false);
  // duplicate: the administrator is told it exists
  expectError(await api('POST', '/api/v1/persons', { token: t, body: { name: '王建国', id_number: idn } }), 409, 'person_exists');
});

test('invalid resident ID numbers are 422 invalid_id_number', async () => {
  const t = await login('admin');
  const good = idNumber('370102', '19851111', 222);
  const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  for (const id of [badCheck, idNumber('370102', '19870229', 111), idNumber('370102', '20991231', 111), '37010219900101', 'abc']) {
    expectError(await api('POST', '/api/v1/persons', { token: t, body: { name: '李四', id_number: id } }), 422, 'invalid_id_number');
  }
});

test('a 15-digit legacy number is converted to 18 digits', async () => {
  const t = await login('admin');
  const seq = String(100 + (unique() % 899)).padStart(3, '0');
  const old = `370102${'650412'}${seq}`;
  const r = await api('POST', '/api/v1/persons', { token: t, body: { name: '赵老师', id_number: old } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.id_number, idNumber('370102', '19650412', Number(seq)));
  assert.equal(r.data.birth_date, '1965-04-12');
});

test('other document types are stored with their type', async () => {
  const t = await login('admin');
  const r = await api('POST', '/api/v1/persons', { token: t, body: { name: 'Anna Schmidt', id_type: 'passport', id_number: `C${unique()}X9`, region_code: '370200' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.id_type, 'passport');
  assert.equal(r.data.gender, null);
  expectError(await api('POST', '/api/v1/persons', { token: t, body: { name: 'X', id_type: 'library_card', id_number: 'A1234' } }), 422, 'invalid_id_type');
});

test('names with SQL metacharacters and markup are stored and returned verbatim', async () => {
  const t = await login('admin');
  const name = `<script>alert(1)</script>'; DROP TABLE persons;--`;
  const r = await api('POST', '/api/v1/persons', { token: t, body: { name, id_number: idNumber('370103', '19930505', 300 + (unique() % 600)) } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.name, name);
  const g = await api('GET', `/api/v1/persons/${r.data.id}`, { token: t });
  assert.equal(g.data.name, name);
  assert.match(g.headers.get('content-type'), /application\/json/);
  assert.equal(g.headers.get('x-content-type-options'), 'nosniff');
  const h = await api('GET', '/api/v1/health');
  assert.equal(h.status, 200); // the table is still there
});

test('institution scope: A can neither read B\'s persons nor change them, and is not told they exist (404)', async () => {
  const a = await login('jinan_org_admin');
  const b = await login('qingdao_org_admin');
  const mine = await api('POST', '/api/v1/persons', { token: b, body: { name: '青岛学员', id_number: idNumber('370202', '19980808', 400 + (unique() % 500)) } });
  assert.equal(mine.status, 201, JSON.stringify(mine.data));
  const id = mine.data.id;
  expectError(await api('GET', `/api/v1/persons/${id}`, { token: a }), 404, 'not_found');
  expectError(await api('PATCH', `/api/v1/persons/${id}`, { token: a, body: { education: '本科' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/persons/${id}/titles`, { token: a, body: { grade: 'junior', name: '助理工程师', obtained_on: '2020-01-01' } }), 404, 'not_found');
  const listA = await api('GET', '/api/v1/persons?page_size=500', { token: a });
  assert.ok(listA.data.total > 0);
  assert.ok(!listA.data.items.some((p) => p.id === id));
  const ownB = await api('GET', `/api/v1/persons/${id}`, { token: b });
  assert.equal(ownB.status, 200);
  // a city administrator sees its city only
  const jinan = await login('jinan_admin');
  expectError(await api('GET', `/api/v1/persons/${id}`, { token: jinan }), 404, 'not_found');
  const qd = await login('qingdao_admin');
  assert.equal((await api('GET', `/api/v1/persons/${id}`, { token: qd })).status, 200);
  const jl = await api('GET', '/api/v1/persons?page_size=100', { token: jinan });
  assert.ok(jl.data.items.every((p) => p.region_code.startsWith('3701')));
});

test('an institution registering a person already known links them into its scope', async () => {
  const a = await login('jinan_org_admin');
  const b = await login('qingdao_org_admin');
  const idn = idNumber('370203', '19950101', 500 + (unique() % 400));
  const first = await api('POST', '/api/v1/persons', { token: b, body: { name: '两地学员', id_number: idn } });
  assert.equal(first.status, 201);
  const again = await api('POST', '/api/v1/persons', { token: a, body: { name: '两地学员', id_number: idn } });
  assert.equal(again.status, 200, JSON.stringify(again.data));
  assert.equal(again.data.id, first.data.id);
  assert.equal(again.data.linked_existing, true);
  assert.equal((await api('GET', `/api/v1/persons/${first.data.id}`, { token: a })).status, 200);
});

test('a candidate sees only their own record', async () => {
  const c = await login('candidate1');
  const me = await api('GET', '/api/v1/auth/me', { token: c });
  const list = await api('GET', '/api/v1/persons', { token: c });
  assert.equal(list.data.total, 1);
  assert.equal(list.data.items[0].id, me.data.person_id);
  expectError(await api('GET', `/api/v1/persons/${me.data.person_id + 1}`, { token: c }), 404, 'not_found');
  expectError(await api('POST', '/api/v1/persons', { token: c, body: { name: 'x', id_number: '1' } }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/users', { token: c }), 403, 'forbidden');
});

test('facts for eligibility: work history, diplomas and titles', async () => {
  const t = await login('jinan_org_staff');
  const p = await api('POST', '/api/v1/persons', { token: t, body: { name: '孙技师', id_number: idNumber('370104', '19880612', 600 + (unique() % 300)) } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const w = await api('POST', `/api/v1/persons/${p.data.id}/work-history`, { token: t, body: { employer_name: '济南演示装备制造有限公司', occupation_code: '6-31-01-03', start_date: '2010-07-01', end_date: '2018-06-30' } });
  assert.equal(w.status, 201, JSON.stringify(w.data));
  assert.equal(w.data.work_history.length, 1);
  expectError(await api('POST', `/api/v1/persons/${p.data.id}/work-history`, { token: t, body: { employer_name: 'x', start_date: '2018-02-30' } }), 422, 'invalid_date');
  expectError(await api('POST', `/api/v1/persons/${p.data.id}/work-history`, { token: t, body: { employer_name: 'x', start_date: '2019-01-01', end_date: '2018-01-01' } }), 422, 'invalid_date');
  const d = await api('POST', `/api/v1/persons/${p.data.id}/diplomas`, { token: t, body: { level: 'technical_school', school: '济南演示技师学院', major: '电气自动化', graduated_on: '2009-07-01' } });
  assert.equal(d.status, 201);
  const ti = await api('POST', `/api/v1/persons/${p.data.id}/titles`, { token: t, body: { grade: 'intermediate', name: '工程师', obtained_on: '2019-12-01' } });
  assert.equal(ti.data.titles[0].name, '工程师');
});

test('institutions: credit code format and check, the audited override', async () => {
  const admin = await login('admin');
  const jinan = await login('jinan_admin');
  const base = `9137010${String(unique()).padStart(10, '0')}`.slice(0, 17);
  const good = creditCode(base);
  const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  expectError(await api('POST', '/api/v1/institutions', { token: admin, body: { name: '测试公司', credit_code: '91370100MA3C5IOSVZ', type: 'employer', region_code: '370100' } }), 422, 'invalid_credit_code');
  expectError(await api('POST', '/api/v1/institutions', { token: admin, body: { name: '测试公司', credit_code: wrongCheck, type: 'employer', region_code: '370100' } }), 422, 'credit_code_check_failed');
  expectError(await api('POST', '/api/v1/institutions', { token: jinan, body: { name: '测试公司', credit_code: wrongCheck, type: 'employer', region_code: '370100', accept_check_mismatch: true } }), 422, 'credit_code_check_failed');
  const ok = await api('POST', '/api/v1/institutions', { token: admin, body: { name: '历史代码公司', credit_code: wrongCheck, type: 'employer', region_code: '370100', accept_check_mismatch: true } });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  assert.equal(ok.data.check_override, true);
  const audit = await api('GET', `/api/v1/audit?entity=institution&entity_id=${ok.data.id}`, { token: admin });
  assert.ok(JSON.parse(audit.data.items[0].detail).accepted_check_mismatch);
  const normal = await api('POST', '/api/v1/institutions', { token: jinan, body: { name: '济南测试评价中心', credit_code: good, type: 'social_org', region_code: '370102' } });
  assert.equal(normal.status, 201, JSON.stringify(normal.data));
  assert.match(normal.data.inst_code, /^S000037\d{6}$/);
  expectError(await api('POST', '/api/v1/institutions', { token: jinan, body: { name: '重复', credit_code: good, type: 'social_org', region_code: '370102' } }), 409, 'credit_code_taken');
  expectError(await api('POST', '/api/v1/institutions', { token: jinan, body: { name: '越界', credit_code: creditCode('91370200' + good.slice(8, 17)), type: 'employer', region_code: '370200' } }), 403, 'forbidden');
});

test('institution status: suspend, reinstate, exit; exited is final (409); history kept', async () => {
  const admin = await login('admin');
  const c = await api('POST', '/api/v1/institutions', { token: admin, body: { name: '状态测试中心', credit_code: creditCode(`5237030${String(unique()).padStart(10, '0')}`.slice(0, 17)), type: 'social_org', region_code: '370300' } });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  const id = c.data.id;
  const s1 = await api('POST', `/api/v1/institutions/${id}/status`, { token: admin, body: { status: 'suspended', reason: '督导发现问题' } });
  assert.equal(s1.data.status, 'suspended');
  assert.equal(s1.data.status_name, '暂停');
  expectError(await api('POST', `/api/v1/institutions/${id}/status`, { token: admin, body: { status: 'suspended', reason: 'again' } }), 409, 'invalid_transition');
  assert.equal((await api('POST', `/api/v1/institutions/${id}/status`, { token: admin, body: { status: 'filed', reason: '整改完成' } })).data.status, 'filed');
  assert.equal((await api('POST', `/api/v1/institutions/${id}/status`, { token: admin, body: { status: 'exited', reason: '申请退出', date: '2026-10-01' } })).data.status, 'exited');
  expectError(await api('POST', `/api/v1/institutions/${id}/status`, { token: admin, body: { status: 'filed', reason: '恢复' } }), 409, 'invalid_transition');
  const h = await api('GET', `/api/v1/institutions/${id}/status-history`, { token: admin });
  assert.deepEqual(h.data.items.map((x) => x.status), ['filed', 'suspended', 'filed', 'exited']);
  const org = await login('jinan_org_admin');
  expectError(await api('POST', `/api/v1/institutions/${id}/status`, { token: org, body: { status: 'filed', reason: 'x' } }), 403, 'forbidden');
});

test('filed scope accepts only offered levels of known occupations', async () => {
  const admin = await login('admin');
  const occ = await api('GET', '/api/v1/occupations?page_size=500');
  // every row of the seeded catalogue (data/occupations.csv: 90 occupations of the 2022 大典 and the 专项 items of
  // the seeds, sources in docs/sources/README.md) is served
  const seeded = fs.readFileSync(new URL('../../data/occupations.csv', import.meta.url), 'utf8').trim().split('\n').length - 1;
  assert.ok(occ.data.total >= seeded, `catalogue has ${occ.data.total} occupations, data/occupations.csv ${seeded}`);
  assert.ok(occ.data.items.some((o) => o.kind === 'special' && o.name === '商河马蹄烧饼制作'));
  const dian = occ.data.items.find((o) => o.name === '电工');
  assert.ok(dian, '电工 is in the catalogue');
  const list = await api('GET', '/api/v1/institutions?type=social_org&region_code=370100', { token: admin });
  const id = list.data.items[0].id;
  const ok = await api('PUT', `/api/v1/institutions/${id}/scopes`, { token: admin, body: { scopes: [{ occupation_code: dian.code, levels: dian.levels }] } });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.scopes[0].occupation, '电工');
  expectError(await api('PUT', `/api/v1/institutions/${id}/scopes`, { token: admin, body: { scopes: [{ occupation_code: '9-99-99-99', levels: [5] }] } }), 422, 'unknown_occupation');
  expectError(await api('PUT', `/api/v1/institutions/${id}/scopes`, { token: admin, body: { scopes: [{ occupation_code: dian.code, levels: [7] }] } }), 422, 'invalid_level');
});

test('regions: Shandong and its 16 cities', async () => {
  const r = await api('GET', '/api/v1/regions?level=city');
  assert.equal(r.data.total, 16);
  assert.ok(r.data.items.some((c) => c.code === '370100' && c.name.startsWith('济南')));
});

test('lists page, filter and export as CSV and XLSX with the same rows', async () => {
  const t = await login('jinan_admin');
  const p1 = await api('GET', '/api/v1/persons?page=1&page_size=5', { token: t });
  const p2 = await api('GET', '/api/v1/persons?page=2&page_size=5', { token: t });
  assert.equal(p1.data.items.length, 5);
  assert.notEqual(p1.data.items[0].id, p2.data.items[0].id);
  expectError(await api('GET', '/api/v1/persons?page_size=501', { token: t }), 422, 'invalid_paging');
  expectError(await api('GET', '/api/v1/persons?page=0', { token: t }), 422, 'invalid_paging');
  const csv = await api('GET', '/api/v1/institutions?format=csv', { token: t });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /institutions\.csv/);
  const text = csv.data.toString('utf8');
  assert.ok(text.startsWith('\ufeff机构名称') || text.includes('统一社会信用代码'));
  const rows = text.trim().split('\r\n');
  const json = await api('GET', '/api/v1/institutions?page_size=500', { token: t });
  assert.equal(rows.length - 1, json.data.total);
  const xlsx = await api('GET', '/api/v1/persons?format=xlsx', { token: t });
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.data.subarray(0, 2).toString(), 'PK');
  expectError(await api('GET', '/api/v1/persons?format=pdf', { token: t }), 422, 'invalid_format');
});

test('every change is in the audit archive and the chain verifies', async () => {
  const admin = await login('admin');
  const before = await api('GET', '/api/v1/audit?page_size=1', { token: admin });
  await api('POST', '/api/v1/persons', { token: admin, body: { name: '审计测试', id_number: idNumber('370105', '19770707', 700 + (unique() % 200)) } });
  const after = await api('GET', '/api/v1/audit?page_size=1', { token: admin });
  assert.equal(after.data.total, before.data.total + 1);
  assert.equal(after.data.items[0].action, 'person.create');
  assert.equal(after.data.items[0].actor, 'admin');
  assert.doesNotMatch(after.data.items[0].detail, /19770707/); // no full ID number in the archive
  const v = await api('GET', '/api/v1/audit/verify', { token: admin });
  assert.equal(v.data.intact, true, JSON.stringify(v.data));
  assert.equal(v.data.records, after.data.total);
  const sup = await login('supervisor1');
  assert.equal((await api('GET', '/api/v1/audit/verify', { token: sup })).status, 200);
  expectError(await api('GET', '/api/v1/audit', { token: await login('jinan_org_admin') }), 403, 'forbidden');
});

test('users: scope of who may create whom', async () => {
  const jinan = await login('jinan_admin');
  expectError(await api('POST', '/api/v1/users', { token: jinan, body: { username: `p${unique()}`, password: 'Kite-River-2026', role: 'province_admin' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/users', { token: jinan, body: { username: `p${unique()}`, password: 'short', role: 'examiner' } }), 422, 'weak_password');
  // supervisors are created by the province only
  expectError(await api('POST', '/api/v1/users', { token: jinan, body: { username: `sup${unique()}`, password: 'Kite-River-2026', role: 'supervisor', region_code: '370100' } }), 403, 'forbidden');
  const admin = await login('admin');
  const ok = await api('POST', '/api/v1/users', { token: admin, body: { username: `sup${unique()}`, password: 'Kite-River-2026', role: 'supervisor', region_code: '370100' } });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  expectError(await api('POST', '/api/v1/users', { token: admin, body: { username: ok.data.username, password: 'Kite-River-2026', role: 'supervisor' } }), 409, 'username_taken');
  const org = await login('jinan_org_admin');
  const staff = await api('POST', '/api/v1/users', { token: org, body: { username: `staff${unique()}`, password: 'Kite-River-2026', role: 'institution_staff' } });
  assert.equal(staff.status, 201);
  const list = await api('GET', '/api/v1/users', { token: org });
  assert.ok(list.data.items.every((u) => u.institution_id === staff.data.institution_id));
  // disabling ends the account's sessions
  const tok = (await api('POST', '/api/v1/auth/login', { body: { username: staff.data.username, password: 'Kite-River-2026' } })).data.token;
  assert.equal((await api('PATCH', `/api/v1/users/${staff.data.id}`, { token: org, body: { disabled: true } })).status, 200);
  expectError(await api('GET', '/api/v1/auth/me', { token: tok }), 401, 'invalid_token');
  expectError(await api('POST', '/api/v1/auth/login', { body: { username: staff.data.username, password: 'Kite-River-2026' } }), 403, 'account_disabled');
});

test('lists sort by an allowed key (?sort=key, ?sort=-key), refuse other keys, and cap filter values', async () => {
  const t = await login('admin');
  const up = await api('GET', '/api/v1/occupations?sort=name&page_size=50', { token: t });
  assert.equal(up.status, 200, JSON.stringify(up.data));
  const names = up.data.items.map((o) => o.name);
  assert.ok(names.length > 1);
  const down = await api('GET', '/api/v1/occupations?sort=-name&page_size=50', { token: t });
  assert.equal(down.status, 200);
  assert.equal(down.data.total, up.data.total);
  // ascending and descending by name: the first page of one starts where the other ends
  const last = (await api('GET', `/api/v1/occupations?sort=name&page_size=1&page=${up.data.total}`, { token: t })).data.items[0];
  assert.equal(down.data.items[0].name, last.name);
  // both engines order text by its bytes (SQLite BINARY, PostgreSQL C.UTF-8)
  assert.ok(names.every((n, i) => i === 0 || Buffer.compare(Buffer.from(names[i - 1]), Buffer.from(n)) <= 0), JSON.stringify(names));
  const byCode = await api('GET', '/api/v1/institutions?sort=-created_at', { token: t });
  assert.equal(byCode.status, 200);
  const at = byCode.data.items.map((i) => i.created_at);
  assert.ok(at.every((v, i) => i === 0 || at[i - 1] >= v), JSON.stringify(at));
  expectError(await api('GET', '/api/v1/institutions?sort=password', { token: t }), 422, 'invalid_value');
  expectError(await api('GET', '/api/v1/audit?sort=seq', { token: t }), 422, 'invalid_value');
  expectError(await api('GET', `/api/v1/persons?name=${'张'.repeat(100)}`, { token: t }), 422, 'too_long');
});

test('staff search: a person by the last 6 characters of the ID number (blind index of the suffix), in scope only; accounts by name', async () => {
  const t = await login('admin');
  // two persons, in 济南 and in 青岛, whose numbers end alike: a city finds its own only
  const seq = 300 + (unique() % 300) * 2; // even: women
  const jn = idNumber('370102', '19770619', seq);
  const qd = idNumber('370202', '19770619', seq);
  const a = await api('POST', '/api/v1/persons', { token: t, body: { name: '韩秀英', id_number: jn } });
  const b = await api('POST', '/api/v1/persons', { token: t, body: { name: '韩丽', id_number: qd } });
  assert.equal(a.status, 201, JSON.stringify(a.data));
  assert.equal(b.status, 201, JSON.stringify(b.data));
  const suffix = jn.slice(-6);
  const found = (await api('GET', `/api/v1/persons?id_number=${suffix.toLowerCase()}&page_size=100`, { token: t })).data;
  assert.ok(found.items.some((p) => p.id === a.data.id), JSON.stringify(found));
  assert.ok(found.items.every((p) => p.id_number_masked.endsWith(suffix.slice(-4))), JSON.stringify(found));
  if (qd.slice(-6) === suffix) assert.ok(found.items.some((p) => p.id === b.data.id));
  // a city sees its own persons only, by suffix as by anything else
  const city = await login('jinan_admin');
  const inCity = (await api('GET', `/api/v1/persons?id_number=${suffix}`, { token: city })).data.items;
  assert.ok(inCity.some((p) => p.id === a.data.id));
  assert.ok(!inCity.some((p) => p.id === b.data.id));
  assert.equal((await api('GET', `/api/v1/persons?id_number=${qd.slice(-6)}&name=韩丽`, { token: city })).data.total, 0);
  // 5 or 7 characters are neither a suffix nor a whole number: nothing
  assert.equal((await api('GET', `/api/v1/persons?id_number=${jn.slice(-5)}`, { token: t })).data.total, 0);
  assert.equal((await api('GET', `/api/v1/persons?id_number=${jn.slice(-7)}`, { token: t })).data.total, 0);
  // the whole number still finds exactly one (read without ORDER BY / LIMIT: at most one row), and a page past
  // it is empty with the same total, as any list's is
  const whole = (await api('GET', `/api/v1/persons?id_number=${jn}`, { token: t })).data;
  assert.equal(whole.total, 1);
  assert.deepEqual(whole.items.map((p) => p.id), [a.data.id]);
  const past = (await api('GET', `/api/v1/persons?id_number=${jn}&page=2&page_size=1`, { token: t })).data;
  assert.deepEqual(past.items, []);
  assert.equal(past.total, 1);
  // with another filter beside it, the row must pass both
  assert.equal((await api('GET', `/api/v1/persons?id_number=${jn}&name=${encodeURIComponent('韩秀英')}`, { token: t })).data.total, 1);
  assert.equal((await api('GET', `/api/v1/persons?id_number=${jn}&name=${encodeURIComponent('韩丽')}`, { token: t })).data.total, 0);
  // another city's whole number: not seen
  assert.equal((await api('GET', `/api/v1/persons?id_number=${qd}`, { token: city })).data.total, 0);
  // accounts by display name or username (contains)
  const users = (await api('GET', `/api/v1/users?name=${encodeURIComponent('济南市人社局')}`, { token: t })).data.items;
  assert.ok(users.some((u) => u.username === 'jinan_admin'), JSON.stringify(users));
  assert.ok(users.every((u) => u.display_name.includes('济南市人社局')));
  assert.ok((await api('GET', '/api/v1/users?name=jinan_adm', { token: t })).data.items.some((u) => u.username === 'jinan_admin'));
});

test('the demo: names match genders (no 孙秀兰 男), and the enterprise administrator names its own enterprise', async () => {
  const t = await login('admin');
  const people = (await api('GET', '/api/v1/persons?page_size=500&region_code=370100', { token: t })).data.items;
  const female = /(秀兰|秀英|桂英|玉兰|红梅|春燕|海燕|金凤|娟|婷|倩)$/, male = /(建国|志强|永刚|国庆|德胜|鹏飞|强|刚|军)$/;
  const wrong = people.filter((p) => (female.test(p.name) && p.gender !== 'F') || (male.test(p.name) && p.gender !== 'M'));
  assert.deepEqual(wrong.map((p) => `${p.name} ${p.gender}`), []);
  assert.ok(people.some((p) => female.test(p.name)) && people.some((p) => male.test(p.name)));
  // the export shows 性别 and 证件类型 by their Chinese labels
  const csv = (await api('GET', '/api/v1/persons?format=csv&region_code=370102', { token: t })).data.toString();
  const rows = csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  assert.ok(rows.length > 0 && rows.every((r) => ['男', '女', ''].includes(r[4]) && !/^[a-z_]+$/.test(r[2]) && r[2] !== ''), rows.slice(0, 2).join(' / '));
  const ent = (await api('GET', '/api/v1/users?name=jinan_ent_admin', { token: t })).data.items[0];
  assert.ok(ent.display_name.startsWith(ent.institution_name), `${ent.display_name} names ${ent.institution_name}`);
});
