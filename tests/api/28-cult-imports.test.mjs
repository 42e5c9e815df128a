// 院校学生 imported from a file, 产教评 chains imported, and an 订单班 opened by the bureau for job demand (issue 23
// items 5, 6; docs/DOMAIN.md §61, §63). A 济南 技师学院 imports a class from CSV: a preview stores nothing; all or
// nothing refuses a file with a bad ID number (the row report in Chinese and English) and stores nothing; the good
// file registers two students, one a person already in the registry (matched, not duplicated) and one new (its ID
// number sealed and masked); the same file again changes nothing. 济南 imports a chain with its lead and two members;
// 青岛 cannot import a 济南 lead's chain. 济南's bureau opens an 订单班 for the school with the posting's employer;
// another employer and 青岛's bureau are refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const V = '/api/v1/cultivation';
const OCC = '4-02-06-03';
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const day = (k) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);
const n = unique() + (Date.now() % 1000000) * 10;
const TAG = `api28-${n}`;
// a count from the database, read the same way on both backends (psql prints a header)
const num = (sql) => Number(dbExec(`SELECT 'n=' || (${sql})`).match(/n=(\d+)/)[1]);
const csv = (t, raw) => ({ token: t, raw, headers: { 'content-type': 'text/csv' } });

after(() => {
  const mine = `(SELECT id FROM job_postings WHERE source = '${TAG}')`;
  dbExec(`DELETE FROM demand_answers WHERE posting_id IN ${mine}; DELETE FROM job_postings WHERE source = '${TAG}';`);
});

let fixture;
const setup = () => (fixture ??= build());
async function build() {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const cc = (k, p) => creditCode(`${p}${String((n * 7 + k) % 1000000).padStart(6, '0')}${10 + k}`);
  const inst = async (name, type, k, p, region = '370102') => ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `${name}${n}`, credit_code: cc(k, p), type, region_code: region, address: '济南市历下区' } }), 201);
  const school = await inst('导入技师学院', 'technical_school', 1, '12370100M');
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `ci${n}u${unique()}`, password: PASSWORD, role: 'institution_admin', institution_id: school.id } }), 201);
  const sAdmin = await login(u.username, PASSWORD);
  ok(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: school.id, tier: 'technician_college' } }), 201);
  const major = ok(await api('POST', `${V}/majors`, { token: sAdmin, body: { code: `07${n % 1000}`, name: `智能物流${n}`, occupation_code: OCC, level: 'senior', years: 3 } }), 201);
  ok(await api('POST', `${V}/majors/${major.id}/status`, { token: sAdmin, body: { status: 'submitted' } }));
  ok(await api('POST', `${V}/majors/${major.id}/status`, { token: jinan, body: { status: 'filed' } }));
  const ent = await inst('导入物流集团', 'employer', 2, '91370100M');
  const other = await inst('另一家企业', 'employer', 3, '91370100M');
  const train = await inst('链上培训中心', 'training', 4, '52370100M');
  const qdEnt = await inst('青岛链主', 'employer', 5, '91370200M', '370202');
  return { prov, jinan, qingdao, school, sAdmin, major, ent, other, train, qdEnt };
}

test('students imported from a file: preview, all or nothing with the row report, matched persons, re-import', async () => {
  const s = await setup();
  // a person already in the registry (the school's city registers her), and a new one
  const idOld = idNumber('370102', '20080301', (n % 900) + 11), idNew = idNumber('370103', '20080415', (n % 900) + 12);
  const old = ok(await api('POST', '/api/v1/persons', { token: s.jinan, body: { name: '王旧生', id_type: 'resident_id', id_number: idOld } }), 201);
  const head = '姓名,公民身份号码,手机号码,专业,班级,入学年份,预计毕业日期\n';
  const klass = `物流${n}班`;
  const good = `${head}王旧生,${idOld},,${s.major.code},${klass},2025,2028-07-01\n李新生,${idNew},13905310001,${s.major.name},${klass},2025,2028-07-01\n`;
  const badId = idNew.slice(0, 17) + (idNew[17] === '0' ? '1' : '0');
  const bad = `${good}张错号,${badId},,${s.major.code},${klass},2025,2028-07-01\n赵无专业,${idNumber('370102', '20080501', (n % 900) + 13)},,不存在的专业,${klass},2025,2028-07-01\n`;
  const imp = (raw, q = '', t = s.sAdmin) => api('POST', `${V}/students/import${q}`, csv(t, raw));
  const persons = () => num('SELECT COUNT(*) FROM persons');
  const p0 = persons();

  // preview: every row checked, nothing stored
  let r = ok(await imp(good, '?preview=1'));
  assert.deepEqual([r.rows, r.accepted, r.imported, r.rejected, r.stored, r.preview], [2, 2, 0, 0, false, true]);
  assert.deepEqual([r.counts.persons_created, r.counts.persons_matched], [1, 1]);
  assert.equal(persons(), p0, 'the preview registered nobody');
  assert.equal(ok(await api('GET', `${V}/students?school_id=${s.school.id}`, { token: s.sAdmin })).total, 0);

  // all or nothing: the bad ID number and the unknown major rejected with their lines; nothing stored
  r = await imp(bad, '?all_or_nothing=1');
  assert.equal(r.status, 422);
  assert.equal(r.data.error.code, 'rows_rejected');
  assert.deepEqual([r.data.stored, r.data.rejected], [false, 2]);
  assert.deepEqual(r.data.errors.map((x) => [x.line, x.field, x.code]), [[4, 'id_number', 'invalid_id_number'], [5, 'major', 'unknown_major']]);
  assert.match(r.data.errors[0].message_zh, /公民身份号码无效/);
  assert.match(r.data.errors[0].message_en, /invalid id number/);
  assert.equal(persons(), p0);
  assert.equal(ok(await api('GET', `${V}/students?school_id=${s.school.id}`, { token: s.sAdmin })).total, 0);

  // the good file: one person matched (not duplicated), one registered; two students; the ID number masked
  r = ok(await imp(good));
  assert.deepEqual([r.imported, r.stored, r.counts.persons_created, r.counts.persons_matched, r.counts.registered], [2, true, 1, 1, 2]);
  assert.equal(r.items[0].person_id, old.id, 'the registered person is matched by the ID number');
  assert.ok(!r.items.some((x) => x.id_number.includes(idNew.slice(6, 14))), 'ID numbers are masked');
  assert.equal(persons(), p0 + 1);
  const list = ok(await api('GET', `${V}/students?school_id=${s.school.id}`, { token: s.sAdmin }));
  assert.deepEqual(list.items.map((x) => [x.name, x.class_name, x.major_code, x.enrolled_year]).sort(), [['李新生', klass, s.major.code, 2025], ['王旧生', klass, s.major.code, 2025]]);
  // the new person's ID number and phone are sealed at rest
  const sealed = dbExec(`SELECT 'row=' || id_masked || '|' || id_sealed || '|' || phone_sealed FROM persons WHERE id = ${r.items[1].person_id}`);
  assert.match(sealed, /row=/, 'the row was read');
  assert.ok(!sealed.includes(idNew) && !sealed.includes('13905310001'), 'sealed at rest');

  // the same file again: nothing duplicated
  r = ok(await imp(good));
  assert.deepEqual([r.imported, r.counts.persons_created, r.counts.persons_matched, r.counts.registered, r.counts.unchanged], [2, 0, 2, 0, 2]);
  assert.equal(persons(), p0 + 1);
  assert.equal(ok(await api('GET', `${V}/students?school_id=${s.school.id}`, { token: s.sAdmin })).total, 2);
  // the same student in another class is refused (with the line)
  r = ok(await imp(`${head}王旧生,${idOld},,${s.major.code},其他班${n},2025,2028-07-01\n`));
  assert.deepEqual([r.imported, r.errors.map((x) => x.code)], [0, ['already_student']]);
  // audited
  assert.equal(num(`SELECT COUNT(*) FROM audit_log WHERE action = 'student.import' AND entity_id = '${s.school.id}'`), 3);
  // the bureau does not import students; a training institution is not a school
  expectError(await imp(good, '', s.jinan), 403, 'forbidden');
});

test('产教评 chains imported; a bureau opens an 订单班 for a posting', async () => {
  const s = await setup();
  const chain = `导入生态链${n}`;
  const head = '链名称,产业,链主企业统一社会信用代码,地区代码,成员统一社会信用代码,成员角色\n';
  const file = `${head}${chain},现代物流,${s.ent.credit_code},370100,,\n${chain},,,,${s.school.credit_code},院校\n${chain},,,,${s.train.credit_code},training\n`;
  const imp = (t, raw, q = '') => api('POST', `${V}/chains/import${q}`, csv(t, raw));
  // preview: nothing stored
  let r = ok(await imp(s.jinan, file, '?preview=1'));
  assert.deepEqual([r.accepted, r.stored, r.counts.chains_created, r.counts.members_added], [3, false, 1, 2]);
  assert.equal(ok(await api('GET', `${V}/chains?name=${encodeURIComponent(chain)}`, { token: s.jinan })).total, 0);
  // rejected rows: a role the type does not fit, an unknown code, a region not the lead's; all or nothing stores nothing
  const badRows = `${file}${chain},,,,${s.other.credit_code},院校\n${chain},,,,91370100MA0000000X,training\n${chain}二,物流,${s.ent.credit_code},370200,,\n`;
  r = await imp(s.jinan, badRows, '?all_or_nothing=1');
  assert.equal(r.status, 422);
  assert.deepEqual(r.data.errors.map((x) => [x.line, x.code]), [[5, 'role_mismatch'], [6, 'unknown_institution'], [7, 'region_mismatch']]);
  assert.equal(ok(await api('GET', `${V}/chains?name=${encodeURIComponent(chain)}`, { token: s.jinan })).total, 0);
  // 青岛 cannot import a 济南 lead's chain
  r = ok(await imp(s.qingdao, file));
  assert.deepEqual([r.imported, r.errors[0].code], [0, 'forbidden']);
  // 济南 imports it: the chain with its lead and two members
  r = ok(await imp(s.jinan, file));
  assert.deepEqual([r.imported, r.counts.chains_created, r.counts.members_added], [3, 1, 2]);
  const ch = ok(await api('GET', `${V}/chains?name=${encodeURIComponent(chain)}`, { token: s.jinan })).items[0];
  const got = ok(await api('GET', `${V}/chains/${ch.id}`, { token: s.jinan }));
  assert.deepEqual([got.lead_id, got.region_code, got.figures.members.total, got.figures.members.school, got.figures.members.training], [s.ent.id, '370102', 3, 1, 1]);
  // again: unchanged
  r = ok(await imp(s.jinan, file));
  assert.deepEqual([r.imported, r.counts.chains_created, r.counts.members_added, r.counts.unchanged], [3, 0, 0, 3]);
  // an institution does not import chains
  expectError(await imp(s.sAdmin, file), 403, 'forbidden');

  // the bureau opens an 订单班 answering a posting of the enterprise
  const ins = (ref, employer, region = '370102') => `INSERT INTO job_postings (source, source_ref, region_code, occupation_code, employer, title, vacancies, level, posted_on, closed_on, imported_at) VALUES ('${TAG}', '${ref}', '${region}', '${OCC}', '${employer}', '${ref}${n}', 20, NULL, '${day(-3)}', NULL, 0);`;
  dbExec(ins('J1', s.ent.name) + ins('J2', s.ent.name, '370202'));
  const P = Object.fromEntries(dbExec(`SELECT source_ref || '=' || id FROM job_postings WHERE source = '${TAG}'`).trim().split('\n').map((l) => l.trim().split('=')).map(([k, v]) => [k, Number(v)]));
  const ocBody = (x = {}) => ({ school_id: s.school.id, enterprise_id: s.ent.id, major_id: s.major.id, kind: 'order', name: `需求订单班${n}`, cohort_year: 2026, graduation_year: 2029, planned: 10, ...x });
  const answer = (t, oc, posting = P.J1) => api('POST', `${V}/demand/answers`, { token: t, body: { kind: 'order_class', order_class: oc, postings: [{ posting_id: posting, places: 10 }] } });
  const count = () => num(`SELECT COUNT(*) FROM cult_order_classes WHERE school_id = ${s.school.id}`);
  expectError(await answer(s.jinan, ocBody({ enterprise_id: s.other.id })), 409, 'not_posting_employer');
  expectError(await answer(s.qingdao, ocBody()), 404, 'not_found'); // another city's bureau: not its school
  expectError(await answer(s.jinan, ocBody({ school_id: 0 })), 422, 'missing_field');
  assert.equal(count(), 0, 'the refused answers opened no class');
  const OC = ok(await answer(s.jinan, ocBody()), 201);
  assert.deepEqual([OC.opened, OC.answers[0].posting_id, OC.answers[0].covered], [true, P.J1, 10]);
  const oc = ok(await api('GET', `${V}/order-classes/${OC.id}`, { token: s.sAdmin }));
  assert.deepEqual([oc.school_id, oc.enterprise_id, oc.status, oc.planned], [s.school.id, s.ent.id, 'running', 10]);
  const of = ok(await api('GET', `${V}/demand/answers?kind=order_class&id=${OC.id}`, { token: s.sAdmin }));
  assert.deepEqual(of.items.map((x) => [x.posting_id, x.opened_by]), [[P.J1, 'bureau']]);
  assert.equal(num(`SELECT COUNT(*) FROM audit_log WHERE action = 'order_class.created' AND entity_id = '${OC.id}' AND detail LIKE '%bureau%'`), 1);
  // the province may open one for a 济南 school too, but not for another city's posting under the same-city rule
  expectError(await answer(s.prov, ocBody({ name: `省开订单班${n}` }), P.J2), 409, 'other_city');
});
