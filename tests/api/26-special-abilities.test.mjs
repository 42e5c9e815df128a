// 专项职业能力开发 and 新职业征集 (issue 24 item 5; docs/DOMAIN.md §66). The seeded 2024年版 catalogue holds the
// four 儒韵风味 items of 济宁 named in seed 002. 济南's enterprise proposes an item (鲁滋鲁味) with an incomplete draft
// 考核规范, which cannot be submitted until the norm is complete; a social organisation and an institution's
// staff cannot propose; 济宁's brand is refused for a 济南 item; 青岛 cannot see 济南's proposal. The province
// cannot publish before a review; the panel's expert of the enterprise must abstain (回避); the two others score
// independently (70 and 57, mean 63.50 ≥ 60: passed; a second score refused; a pass refused while one score is
// missing); the city cannot publish; the province publishes it into a version of its own year, which adds a
// 专项 item ZX-37-NNN to the occupation registry (an institution can file it, level-less) and to the public
// catalogue of that version, and counts once more in force. 济南's own proposal scores 50 and 55 (52.50): the
// pass is refused, rejection needs a reason, and a rejected one is never published. A new occupation proposed
// by the enterprise is forwarded and adopted into the 大典 (2022年版) with its code, which joins the registry.
// after(): the published item is withdrawn (the count in force is as before).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, creditCode, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
let cleanup = null;

after(async () => { if (cleanup) await cleanup(); });

test('专项职业能力: proposal → 考核规范 → review with 回避 → publication in a versioned catalogue; 新职业 to adoption', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const ent = await login('jinan_ent_admin'), org = await login('jinan_org_admin'), staff = await login('jinan_org_staff');
  const n = unique(), tag = `${Date.now() % 100000}${n}`;
  const meOf = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return m.user || m; };
  const entId = (await meOf(ent)).institution_id, qInst = (await meOf(await login('qingdao_org_admin'))).institution_id;

  // the seeded catalogue: 2024年版 with 济宁's 儒韵风味 items (seed 002), the three brands with their regions
  const cat0 = ok(await api('GET', '/api/v1/public/special-catalogue'));
  assert.deepEqual(cat0.brands.map((b) => [b.code, b.name, b.region_code]).sort(), [['luyi', '鲁艺鲁品', '370000'], ['luzi', '鲁滋鲁味', '370000'], ['ruyun', '儒韵风味', '370800']]);
  assert.ok(cat0.versions.some((v) => v.year === 2024 && v.title === '山东省专项职业能力考核项目目录（2024年版）'));
  const ruyun = ok(await api('GET', '/api/v1/public/special-abilities?year=2024&brand_code=ruyun'));
  assert.deepEqual(ruyun.items.map((i) => i.name).sort(), ['孔府糕点制作', '孟府菜制作', '泗水火烧制作', '鲜鱼丸制作'].sort());
  assert.ok(ruyun.items.every((i) => i.region_name === '济宁市' && i.catalogue === '山东省专项职业能力考核项目目录（2024年版）'));

  // who proposes: a city, an enterprise or a school — not a social organisation, not an institution's staff
  const spec = { target: '从事地方特色面点制作的人员', method: '实际操作', minutes: 120, venue: '标准面点操作间', modules: [{ name: '和面与制坯', content: '按配方和面、制坯' }, { name: '烤制', content: '控制炉温与时间' }] };
  const body = (name, extra = {}) => ({ name, field: 'local_industry', reason: '地方特色产业，带动就业', ...extra });
  expectError(await api('POST', '/api/v1/special-proposals', { token: org, body: body(`测试专项${tag}甲`) }), 403, 'wrong_proposer');
  expectError(await api('POST', '/api/v1/special-proposals', { token: staff, body: body(`测试专项${tag}甲`) }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/special-proposals', { token: ent, body: body(`测试专项${tag}甲`, { brand_code: 'ruyun' }) }), 422, 'brand_not_of_region');

  // the enterprise's proposal: a draft without its norm cannot be submitted; the norm is written, version 1
  const P1 = ok(await api('POST', '/api/v1/special-proposals', { token: ent, body: body(`测试专项${tag}甲`, { brand_code: 'luzi' }) }), 201);
  assert.deepEqual([P1.status, P1.proposer, P1.institution_id, P1.region_code, P1.brand_name, P1.spec_version], ['draft', 'institution', entId, P1.region_code, '鲁滋鲁味', 0]);
  assert.match(P1.region_code, /^3701/);
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: ent, body: { status: 'submitted' } }), 409, 'spec_incomplete');
  const P1e = ok(await api('PUT', `/api/v1/special-proposals/${P1.id}`, { token: ent, body: { spec } }));
  assert.equal(P1e.spec_version, 1);
  assert.deepEqual(P1e.spec.modules.map((m) => m.name), ['和面与制坯', '烤制']);
  expectError(await api('GET', `/api/v1/special-proposals/${P1.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: qingdao, body: { status: 'submitted' } }), 404, 'not_found');
  // the city reads its enterprise's proposal but does not submit it for them
  assert.equal(ok(await api('GET', `/api/v1/special-proposals/${P1.id}`, { token: jinan })).name, `测试专项${tag}甲`);
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: jinan, body: { status: 'submitted' } }), 403, 'forbidden');
  assert.equal(ok(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: ent, body: { status: 'submitted' } })).status, 'submitted');
  expectError(await api('PUT', `/api/v1/special-proposals/${P1.id}`, { token: ent, body: { reason: '改' } }), 409, 'invalid_state');

  // 济南's own proposal (a city bureau's)
  const P2 = ok(await api('POST', '/api/v1/special-proposals', { token: jinan, body: body(`测试专项${tag}乙`, { field: 'intangible_heritage', spec }) }), 201);
  assert.deepEqual([P2.proposer, P2.institution_id, P2.region_code, P2.spec_version], ['city', 0, '370100', 1]);
  ok(await api('POST', `/api/v1/special-proposals/${P2.id}/status`, { token: jinan, body: { status: 'submitted' } }));

  // publishing without a review is refused
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'published', catalogue_year: 2024 } }), 409, 'invalid_transition');

  // the panel: E1 of the enterprise (must abstain), E2, E3 of 青岛; two scores needed
  const user = async (k, inst) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `sp${tag}${k}`, password: PASSWORD, role: 'examiner', institution_id: inst } }), 201);
  const E1 = await user('e1', entId), E2 = await user('e2', qInst), E3 = await user('e3', qInst);
  const [e1, e2, e3] = await Promise.all(['e1', 'e2', 'e3'].map((k) => login(`sp${tag}${k}`, PASSWORD)));
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: jinan, body: { status: 'reviewing', experts: [E2.id, E3.id] } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'reviewing', experts: [E2.id], min_experts: 2 } }), 422, 'panel_too_small');
  const R1 = ok(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'reviewing', experts: [E1.id, E2.id, E3.id], min_experts: 2 } }));
  assert.deepEqual([R1.status, R1.round, R1.min_experts, R1.pass_score, R1.experts.length], ['reviewing', 1, 2, 60, 3]);
  assert.equal(ok(await api('GET', '/api/v1/special-reviews', { token: e2 })).items.filter((x) => x.id === P1.id).length, 1);

  const score = (t, id, s) => api('POST', `/api/v1/special-proposals/${id}/scores`, { token: t, body: { score: s, comment: '评审意见' } });
  const avoid = await score(e1, P1.id, 90);
  expectError(avoid, 403, 'avoidance');
  assert.match(avoid.data.error.message_zh, /回避：与申报单位为同一单位/);
  expectError(await score(e2, P2.id, 80), 404, 'not_found'); // not on P2's panel (yet)
  ok(await score(e2, P1.id, 70), 201);
  expectError(await score(e2, P1.id, 99), 409, 'already_scored');
  const half = await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'passed' } });
  expectError(half, 409, 'review_incomplete');
  ok(await score(e3, P1.id, 57), 201);
  // independent: during the review an expert sees whether the others scored, not their scores
  const seen = ok(await api('GET', `/api/v1/special-proposals/${P1.id}`, { token: e2 }));
  assert.deepEqual(seen.experts.map((x) => [x.user_id, x.scored, x.score ?? null]), [[E1.id, false, null], [E2.id, true, 70], [E3.id, true, null]]);
  assert.equal(seen.score, null);
  const passed = ok(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'passed' } }));
  assert.deepEqual([passed.status, passed.score], ['passed', 63.5]); // (70 + 57) / 2

  // publication: not by the city, not without its version; then a 专项 item of the registry and the catalogue
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: jinan, body: { status: 'published', catalogue_year: 2024 } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'published' } }), 422, 'missing_field');
  const year = 2700 + (Date.now() % 250); // a version of this run's own
  const pub = ok(await api('POST', `/api/v1/special-proposals/${P1.id}/status`, { token: prov, body: { status: 'published', catalogue_year: year } }));
  assert.equal(pub.status, 'published');
  assert.match(pub.occupation_code, /^ZX-37-\d{3}$/);
  const code = pub.occupation_code;
  cleanup = async () => { await api('POST', `/api/v1/special-abilities/${code}/withdrawal`, { token: prov, body: { reason: '测试结束撤出' } }); };
  const occ = ok(await api('GET', `/api/v1/occupations/${code}`));
  assert.deepEqual([occ.name, occ.kind], [`测试专项${tag}甲`, 'special']);

  // evaluable: a filed institution takes the published item into its scope (level-less) and records a pass/fail
  // result of it (the 专项 chain of DOMAIN §5, §10)
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `专项考核测试中心${tag}`, credit_code: creditCode(`5237010${String(Date.now() % 1e10).padStart(10, '0')}`), type: 'social_org', region_code: '370102' } }), 201);
  const filed = ok(await api('PUT', `/api/v1/institutions/${inst.id}/scopes`, { token: prov, body: { scopes: [{ occupation_code: code }] } }));
  assert.ok(JSON.stringify(filed).includes(code));
  const person = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `专项学员${n % 100}`, id_number: idNumber('370102', `19${60 + (Date.now() % 40)}0${1 + (n % 9)}1${Date.now() % 9}`, 101 + (Date.now() % 400) * 2) } }), 201).id;
  const res = ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: person, institution_id: inst.id, occupation_code: code, level: 0, exam_date: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), passed: true, correction_reason: '专项职业能力测试：考核结果录入' } }), 201);
  assert.deepEqual([res.occupation_code, res.passed], [code, true]);

  const cat1 = ok(await api('GET', '/api/v1/public/special-catalogue'));
  assert.equal(cat1.in_force, cat0.in_force + 1);
  assert.deepEqual(cat1.versions.find((v) => v.year === year), { year, title: `山东省专项职业能力考核项目目录（${year}年版）`, items: 1 });
  assert.equal(cat1.brands.find((b) => b.code === 'luzi').items, cat0.brands.find((b) => b.code === 'luzi').items + 1);
  const inYear = ok(await api('GET', `/api/v1/public/special-abilities?year=${year}`));
  assert.deepEqual(inYear.items.map((i) => [i.code, i.name, i.brand_name, i.status, i.proposal_id]), [[code, `测试专项${tag}甲`, '鲁滋鲁味', 'in_force', P1.id]]);

  // 济南's proposal fails its review: 50 and 55 (52.50 < 60)
  ok(await api('POST', `/api/v1/special-proposals/${P2.id}/status`, { token: prov, body: { status: 'reviewing', experts: [E2.id, E3.id], min_experts: 2 } }));
  ok(await score(e2, P2.id, 50), 201);
  ok(await score(e3, P2.id, 55), 201);
  const low = await api('POST', `/api/v1/special-proposals/${P2.id}/status`, { token: prov, body: { status: 'passed' } });
  expectError(low, 409, 'review_not_passed');
  assert.match(low.data.error.message_zh, /52\.50 未达到 60/);
  expectError(await api('POST', `/api/v1/special-proposals/${P2.id}/status`, { token: prov, body: { status: 'rejected' } }), 422, 'missing_field');
  const rej = ok(await api('POST', `/api/v1/special-proposals/${P2.id}/status`, { token: prov, body: { status: 'rejected', reason: '考核规范技能要求不明确' } }));
  assert.deepEqual([rej.status, rej.score, rej.opinion], ['rejected', 52.5, '考核规范技能要求不明确']);
  expectError(await api('POST', `/api/v1/special-proposals/${P2.id}/status`, { token: prov, body: { status: 'published', catalogue_year: year } }), 409, 'invalid_transition');

  // the lists: the province's, the city's, the enterprise's own
  const mine = ok(await api('GET', '/api/v1/special-proposals?page_size=500', { token: ent }));
  assert.ok(mine.items.some((x) => x.id === P1.id) && !mine.items.some((x) => x.id === P2.id));
  const qd = ok(await api('GET', `/api/v1/special-proposals?name=${encodeURIComponent(`测试专项${tag}`)}`, { token: qingdao }));
  assert.equal(qd.total, 0);

  // 新职业信息征集: proposed by the enterprise, forwarded by the province, adopted into the 大典 with its code
  const noBody = { name: `测试新职业${tag}`, field: 'digital', description: '从事数据标注质量管理的人员' };
  expectError(await api('POST', '/api/v1/new-occupations', { token: org, body: noBody }), 403, 'wrong_proposer');
  const NO = ok(await api('POST', '/api/v1/new-occupations', { token: ent, body: noBody }), 201);
  assert.deepEqual([NO.status, NO.field_zh, NO.institution_id], ['submitted', '数字产业', entId]);
  expectError(await api('POST', `/api/v1/new-occupations/${NO.id}/status`, { token: jinan, body: { status: 'forwarded' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/new-occupations/${NO.id}/status`, { token: prov, body: { status: 'adopted', dadian_edition: '2022年版' } }), 409, 'invalid_transition');
  assert.equal(ok(await api('POST', `/api/v1/new-occupations/${NO.id}/status`, { token: prov, body: { status: 'forwarded' } })).status, 'forwarded');
  expectError(await api('POST', `/api/v1/new-occupations/${NO.id}/status`, { token: prov, body: { status: 'adopted' } }), 422, 'missing_field');
  const occCode = `4-99-${String(Date.now() % 97).padStart(2, '0')}-${String((n * 13 + Date.now()) % 89).padStart(2, '0')}`;
  const ad = ok(await api('POST', `/api/v1/new-occupations/${NO.id}/status`, { token: prov, body: { status: 'adopted', dadian_edition: '2022年版', occupation_code: occCode } }));
  assert.deepEqual([ad.status, ad.status_zh, ad.dadian_edition, ad.occupation_code], ['adopted', '已纳入职业分类大典', '2022年版', occCode]);
  assert.equal(ok(await api('GET', `/api/v1/occupations/${occCode}`)).kind, 'occupation');
  assert.equal(ok(await api('GET', `/api/v1/new-occupations/${NO.id}`, { token: ent })).status, 'adopted');
  expectError(await api('GET', `/api/v1/new-occupations/${NO.id}`, { token: qingdao }), 404, 'not_found');

  // withdrawal (调整目录): the province only; the count in force is as before
  expectError(await api('POST', `/api/v1/special-abilities/${code}/withdrawal`, { token: jinan, body: { reason: 'x' } }), 403, 'forbidden');
  const wd = ok(await api('POST', `/api/v1/special-abilities/${code}/withdrawal`, { token: prov, body: { reason: '测试结束撤出' } }));
  assert.deepEqual([wd.status, wd.withdraw_reason], ['withdrawn', '测试结束撤出']);
  cleanup = null;
  assert.equal(ok(await api('GET', '/api/v1/public/special-catalogue')).in_force, cat0.in_force);
  assert.equal(ok(await api('GET', `/api/v1/public/special-abilities?year=${year}`)).total, 0);
  assert.equal(ok(await api('GET', `/api/v1/public/special-abilities?year=${year}&status=withdrawn`)).total, 1);
  // a withdrawn item is no longer filed anew nor assessed (409 special_item_withdrawn); the institution that held
  // it keeps it in its scope (its result stays), but records no new result of it
  const inst2 = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `专项考核测试中心乙${tag}`, credit_code: creditCode(`5237010${String((Date.now() + 7) % 1e10).padStart(10, '0')}`), type: 'social_org', region_code: '370102' } }), 201);
  const refile = await api('PUT', `/api/v1/institutions/${inst2.id}/scopes`, { token: prov, body: { scopes: [{ occupation_code: code }] } });
  expectError(refile, 409, 'special_item_withdrawn');
  assert.match(refile.data.error.message_zh, new RegExp(`${code} 已调出目录`));
  ok(await api('PUT', `/api/v1/institutions/${inst.id}/scopes`, { token: prov, body: { scopes: [{ occupation_code: code }] } }));
  const late = await api('POST', '/api/v1/results', { token: prov, body: { person_id: person, institution_id: inst.id, occupation_code: code, level: 0, exam_date: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), passed: true, correction_reason: '专项职业能力测试：调出后录入' } });
  expectError(late, 409, 'special_item_withdrawn');
  assert.equal(ok(await api('GET', `/api/v1/results/${res.id}`, { token: prov })).occupation_code, code);
});
