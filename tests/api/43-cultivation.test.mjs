// 培养体系 (issue 23 items 1, 2, 5): 济南 registers a new technical school as a 技师学院 (a social organisation is
// refused; 青岛 cannot reach it); the school reports a campus and a year's figures; it files a major, the city
// returns it, it resubmits and 济南 records it; it files a change (a new version, the first stays in force until
// recorded) and a withdrawal; the schools' CSV import registers another school and rejects a bad row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, creditCode, idNumber, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const V = '/api/v1/cultivation';

async function newSchool(prov, n, tag, region = '370100') {
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `培养测试技师学院${tag}${n}`, credit_code: creditCode(`12${region}MB${String((n * 7 + tag.length) % 10000000).padStart(7, '0')}`), type: 'technical_school', region_code: region, address: '济南市' } }), 201);
  return inst;
}

test('技工院校: register, campuses, yearly figures, majors filed, changed and withdrawn, CSV import', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const orgA = await login('jinan_org_admin');
  const n = unique() + (Date.now() % 100000) * 10;
  const inst = await newSchool(prov, n, '甲');
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `cult${n}s`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const S = await login(`cult${n}s`, PASSWORD);

  // the register: a technical school only, in the city's own region
  const meA = ok(await api('GET', '/api/v1/auth/me', { token: orgA }));
  expectError(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: (meA.user || meA).institution_id, tier: 'school' } }), 409, 'not_a_technical_school');
  expectError(await api('POST', `${V}/schools`, { token: qingdao, body: { institution_id: inst.id, tier: 'school' } }), 404, 'not_found');
  expectError(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'university' } }), 422, 'invalid_value');
  expectError(await api('POST', `${V}/majors`, { token: S, body: { code: '0101', name: '数控加工', level: 'senior', years: 3 } }), 409, 'not_a_school');
  const sch = ok(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'technician_college', founded_year: 1985 } }), 201);
  assert.deepEqual([sch.tier_zh, sch.founded_year, sch.majors_filed], ['技师学院', 1985, 0]);
  ok(await api('POST', `${V}/schools/${inst.id}/campuses`, { token: S, body: { name: '主校区', address: '济南市历城区', main: true } }), 201);
  const yr = ok(await api('PUT', `${V}/schools/${inst.id}/years/2301`, { token: S, body: { enrolled: 1200, graduates: 1100, students: 3600 } }));
  assert.deepEqual(yr.years.map((y) => [y.year, y.enrolled, y.graduates, y.students]), [[2301, 1200, 1100, 3600]]);
  assert.equal(yr.campus_list[0].main, true);
  expectError(await api('GET', `${V}/schools/${inst.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('PUT', `${V}/schools/${inst.id}/years/2301`, { token: orgA, body: { enrolled: 1, graduates: 1, students: 1 } }), 404, 'not_found');

  // a major: draft → submitted → returned (reason) → submitted → filed (version 1 in force)
  const m = ok(await api('POST', `${V}/majors`, { token: S, body: { code: `06${n % 100}`, name: '数控加工（数控车工）', level: 'senior', years: 3, ythh_stage: 2 } }), 201);
  assert.deepEqual([m.status, m.version, m.filed_version, m.moves.map((x) => x.to)], ['draft', 1, 0, ['submitted']]);
  const move = (tok, status, extra = {}) => api('POST', `${V}/majors/${m.id}/status`, { token: tok, body: { status, ...extra } });
  expectError(await move(S, 'filed'), 409, 'invalid_transition');
  ok(await move(S, 'submitted'));
  expectError(await move(S, 'filed'), 403, 'forbidden');
  expectError(await move(jinan, 'returned'), 422, 'missing_field');
  expectError(await move(qingdao, 'filed'), 404, 'not_found');
  ok(await move(jinan, 'returned', { reason: '缺少师资与实训条件说明' }));
  ok(await move(S, 'submitted', { content: { name: '数控加工', level: 'senior', years: 3, ythh_stage: 2 } }));
  const filed = ok(await move(jinan, 'filed'));
  assert.deepEqual([filed.status, filed.version, filed.filed_version, filed.name, filed.filed_on.length], ['filed', 2, 2, '数控加工', 10]);
  assert.deepEqual(filed.versions.map((v) => [v.version, v.kind, v.outcome]), [[2, 'filing', 'filed'], [1, 'filing', 'returned']]);

  // a change: a new version pending, the filed content still in force; recorded, it is the major's
  expectError(await move(S, 'submitted', { reason: '扩大招生' }), 422, 'missing_field');
  ok(await move(S, 'submitted', { reason: '学制调整', content: { name: '数控加工', level: 'preparatory', years: 5, ythh_stage: 3 } }));
  let cur = ok(await api('GET', `${V}/majors/${m.id}`, { token: jinan }));
  assert.deepEqual([cur.status, cur.level, cur.filed_version, cur.version], ['submitted', 'senior', 2, 3]);
  cur = ok(await move(prov, 'filed'));
  assert.deepEqual([cur.level, cur.years, cur.ythh_stage, cur.filed_version], ['preparatory', 5, 3, 3]);
  // withdrawal: asked with a reason, recorded by the bureau
  expectError(await move(S, 'withdrawing'), 422, 'missing_field');
  ok(await move(S, 'withdrawing', { reason: '停止招生' }));
  cur = ok(await move(jinan, 'withdrawn'));
  assert.deepEqual([cur.status, cur.versions[0].kind, cur.versions[0].outcome], ['withdrawn', 'withdrawal', 'filed']);
  expectError(await move(S, 'submitted', { reason: 'x', content: { name: 'x', level: 'senior', years: 3 } }), 409, 'invalid_transition');
  const list = ok(await api('GET', `${V}/majors?school_id=${inst.id}`, { token: S }));
  assert.deepEqual(list.items.map((x) => x.id), [m.id]);
  assert.equal(ok(await api('GET', `${V}/majors?school_id=${inst.id}`, { token: qingdao })).total, 0);

  // the import: one school registered, one row rejected (a social organisation)
  const inst2 = await newSchool(prov, n, '乙乙');
  const csv = `统一社会信用代码,层次,建校年份\n${inst2.credit_code},高级技工学校,1990\n${(await (await api('GET', `/api/v1/institutions/${(meA.user || meA).institution_id}`, { token: prov })).data).credit_code},技工学校,\n`;
  const rep = ok(await api('POST', `${V}/schools/import`, { token: jinan, raw: csv, headers: { 'Content-Type': 'text/csv' } }));
  assert.deepEqual([rep.rows, rep.registered, rep.rejected, rep.errors[0].code], [2, 1, 1, 'not_a_technical_school']);
  const two = ok(await api('GET', `${V}/schools/${inst2.id}`, { token: jinan }));
  assert.equal(two.tier_zh, '高级技工学校');
});

test('订单班 with placement, 技工教育集团 with members and 省级重点, 培养项目 with targets and tagged classes', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const ent = await login('jinan_ent_admin'), orgA = await login('jinan_org_admin');
  const me = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return m.user || m; };
  const entId = (await me(ent)).institution_id, orgId = (await me(orgA)).institution_id;
  const n = unique() + (Date.now() % 100000) * 10 + 3;
  const inst = await newSchool(prov, n, '丙');
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `cult${n}o`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const S = await login(`cult${n}o`, PASSWORD);
  ok(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'senior_school' } }), 201);
  const m = ok(await api('POST', `${V}/majors`, { token: S, body: { code: `08${n % 100}`, name: '焊接加工', level: 'senior', years: 3 } }), 201);
  const body = { enterprise_id: entId, major_id: m.id, kind: 'order', name: `装备制造订单班${n}`, cohort_year: 2301, graduation_year: 2304, planned: 3 };
  expectError(await api('POST', `${V}/order-classes`, { token: S, body }), 409, 'major_not_filed');
  ok(await api('POST', `${V}/majors/${m.id}/status`, { token: S, body: { status: 'submitted' } }));
  ok(await api('POST', `${V}/majors/${m.id}/status`, { token: jinan, body: { status: 'filed' } }));
  expectError(await api('POST', `${V}/order-classes`, { token: S, body: { ...body, enterprise_id: orgId } }), 409, 'not_an_enterprise');
  const oc = ok(await api('POST', `${V}/order-classes`, { token: S, body }), 201);
  assert.deepEqual([oc.kind_zh, oc.enterprise_id, oc.students], ['订单班', entId, 0]);
  const person = async (k) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `订单学生${k}`, id_number: idNumber('370102', '20050505', 101 + ((n * 3 + k) % 440) * 2) } }), 201).id;
  const p = [await person(0), await person(1), await person(2)];
  ok(await api('POST', `${V}/order-classes/${oc.id}/students`, { token: S, body: { person_ids: p } }));
  expectError(await api('POST', `${V}/order-classes/${oc.id}/students`, { token: S, body: { person_ids: [await person(3)] } }), 409, 'over_planned');
  // the major cannot be withdrawn while its class runs
  expectError(await api('POST', `${V}/majors/${m.id}/status`, { token: S, body: { status: 'withdrawing', reason: '停招' } }), 409, 'open_order_classes');
  // the enterprise records its hires (only those); the school the others; another city reads nothing
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  ok(await api('POST', `${V}/order-classes/${oc.id}/placements`, { token: ent, body: { person_id: p[0], placement: 'placed', placed_on: today } }));
  expectError(await api('POST', `${V}/order-classes/${oc.id}/placements`, { token: ent, body: { person_id: p[1], placement: 'not_placed' } }), 403, 'forbidden');
  ok(await api('POST', `${V}/order-classes/${oc.id}/placements`, { token: S, body: { person_id: p[1], placement: 'placed', placed_on: today } }));
  ok(await api('POST', `${V}/order-classes/${oc.id}/placements`, { token: S, body: { person_id: p[2], placement: 'not_placed' } }));
  expectError(await api('POST', `${V}/order-classes/${oc.id}/placements`, { token: orgA, body: { person_id: p[2], placement: 'placed', placed_on: today } }), 404, 'not_found');
  expectError(await api('GET', `${V}/order-classes/${oc.id}`, { token: qingdao }), 404, 'not_found');
  const done = ok(await api('POST', `${V}/order-classes/${oc.id}/graduate`, { token: S }));
  assert.deepEqual([done.status, done.students, done.placed, done.placement_rate], ['graduated', 3, 2, 66.7]);
  assert.deepEqual(done.student_list.map((x) => x.placement_zh), ['合作企业录用', '合作企业录用', '未就业']);
  const entList = ok(await api('GET', `${V}/order-classes?enterprise_id=${entId}&page_size=200`, { token: ent }));
  assert.ok(entList.items.some((x) => x.id === oc.id), 'the enterprise lists its class');

  // 技工教育集团: members by kind (type checked), 省级重点 by the province only; members read it
  const g = ok(await api('POST', `${V}/groups`, { token: jinan, body: { name: `济南技工教育集团${n}`, kind: 'group', region_code: '370100' } }), 201);
  expectError(await api('POST', `${V}/groups`, { token: jinan, body: { name: `越界集团${n}`, kind: 'group', region_code: '370200' } }), 403, 'forbidden');
  ok(await api('POST', `${V}/groups/${g.id}/members`, { token: jinan, body: { institution_id: inst.id, member_kind: 'school', lead: true } }));
  expectError(await api('POST', `${V}/groups/${g.id}/members`, { token: jinan, body: { institution_id: entId, member_kind: 'school' } }), 409, 'member_kind_mismatch');
  ok(await api('POST', `${V}/groups/${g.id}/members`, { token: jinan, body: { institution_id: entId, member_kind: 'enterprise' } }));
  expectError(await api('POST', `${V}/groups/${g.id}/key`, { token: jinan, body: { provincial_key: true, key_year: 2301 } }), 403, 'forbidden');
  const key = ok(await api('POST', `${V}/groups/${g.id}/key`, { token: prov, body: { provincial_key: true, key_year: 2301, key_doc_no: '鲁人社字〔2301〕1号' } }));
  assert.deepEqual([key.provincial_key, key.schools, key.enterprises, key.members[0].lead], [true, 1, 1, true]);
  assert.equal(ok(await api('GET', `${V}/groups/${g.id}`, { token: ent })).name, g.name);
  expectError(await api('GET', `${V}/groups/${g.id}`, { token: orgA }), 404, 'not_found');
  expectError(await api('GET', `${V}/groups/${g.id}`, { token: qingdao }), 404, 'not_found');

  // 培养项目: a new one as data from 2301 with a yearly target, a class tagged with it, progress and counts
  const code = `t43_${n}`;
  expectError(await api('PUT', `${V}/programmes/${code}`, { token: jinan, body: { name: 'x', source: 'x', from_year: 2301 } }), 403, 'forbidden');
  const prog = ok(await api('PUT', `${V}/programmes/${code}`, { token: prov, body: { name: `测试培养项目${n}`, from_year: 2301, to_year: 2305, yearly_target: 4, source: '测试：新项目作为数据', subsidy_rules: [{ kind: 'training', min_level: 3, note: '达到高级工及以上', source: '测试' }] } }), 201);
  assert.deepEqual([prog.target, prog.progress.classes, prog.subsidy_rules[0].min_level], [4, 0, 3]);
  const y = ok(await api('PUT', `${V}/programmes/${code}/years/2302`, { token: prov, body: { target: 10, quota: 8 } }));
  assert.deepEqual([y.target, y.quota, y.year_set], [10, 8, true]);
  const ly = await login('linyi_school_admin');
  const lyMe = await me(ly);
  const classes = ok(await api('GET', '/api/v1/training/classes?page_size=5', { token: ly }));
  const cls = ok(await api('POST', `/api/v1/training/courses/${classes.items[0].course_id}/classes`, { token: ly, body: { teacher_user_id: lyMe.id, starts_on: '2301-03-01', ends_on: '2301-06-30' } }), 201);
  for (const k of [0, 1]) ok(await api('POST', `/api/v1/training/classes/${cls.id}/enrolments`, { token: ly, body: { person_id: p[k] } }), 201);
  expectError(await api('PUT', `${V}/class-tags/${cls.id}`, { token: jinan, body: { programme_code: code, form: 'subsidised', content: 'upgrade' } }), 404, 'not_found');
  expectError(await api('PUT', `${V}/class-tags/${cls.id}`, { token: ly, body: { programme_code: code, form: 'self', content: 'upgrade' } }), 422, 'invalid_value');
  const tag = ok(await api('PUT', `${V}/class-tags/${cls.id}`, { token: ly, body: { programme_code: code, form: 'subsidised', content: 'upgrade' } }));
  assert.deepEqual([tag.form_zh, tag.content_zh, tag.year], ['政府补贴培训', '岗位技能提升培训', 2301]);
  const progs = ok(await api('GET', `${V}/programmes?year=2301`, { token: prov }));
  const mine = progs.items.find((x) => x.code === code);
  assert.deepEqual([mine.progress.classes, mine.progress.enrolled, mine.progress.percent], [1, 2, 50]);
  assert.ok(progs.items.some((x) => x.code === 'golden_blue' && x.target === 20000), '金蓝领 seeded with its target');
  const byContent = ok(await api('GET', `${V}/class-stats?year=2301&group=content`, { token: prov }));
  assert.ok(byContent.items.some((x) => x.key === 'upgrade' && x.label === '岗位技能提升培训' && x.enrolled >= 2));
  const jn = ok(await api('GET', `${V}/programmes?year=2301`, { token: jinan }));
  assert.equal(jn.items.find((x) => x.code === code).progress.classes, 0, '济南 does not count a 临沂 class');
});

test('the demo: 济南演示技师学院 filed a major and graduated a 冠名班 whose students are placed', async () => {
  const col = await login('jinan_college_admin');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: col }));
  const school = (me.user || me).institution_id;
  const sch = ok(await api('GET', `${V}/schools/${school}`, { token: col }));
  assert.deepEqual([sch.tier_zh, sch.majors_filed >= 1, sch.campus_list.length >= 1], ['技师学院', true, true]);
  const majors = ok(await api('GET', `${V}/majors?school_id=${school}&page_size=100`, { token: col }));
  assert.ok(majors.items.some((m) => m.status === 'filed' && m.ythh_stage === 2) && majors.items.some((m) => m.status === 'submitted'));
  const oc = ok(await api('GET', `${V}/order-classes?school_id=${school}&status=graduated`, { token: col })).items.find((x) => x.name === '装备制造冠名班');
  assert.deepEqual([oc.students, oc.placed, oc.employed_elsewhere, oc.placement_rate], [4, 2, 1, 50]);
  const groups = ok(await api('GET', `${V}/groups?provincial_key=1`, { token: col }));
  assert.ok(groups.items.some((g) => g.name === '济南技工教育集团' && g.schools === 1 && g.enterprises === 1));
});
