// 职业技能竞赛, the core (issue 21 items 1-3; docs/DOMAIN.md "职业技能竞赛"): the tiers in order; a series with
// edition numbers; plan applications by a city and an enterprise (class 1 with the 十强产业 flag, class 2), the
// province approving, rejecting with a reason and publishing the plan (十强产业 first; the public sees it only
// once published); events with groups and their eligibility (reasons in Chinese and English); quotas per city
// (refused over quota with the unit named); nomination by a city, an institution and a school (a team event, a
// full team refused); the organiser's review; the recorded seat draw reproduced from its seed; the public start
// list; 岗位练兵 counts toward the participation target; another city, another institution, a candidate and the
// public refused where they must be; every change in the audit archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber } from './lib.mjs';

const PW = 'Mx!Competition-2026';
const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};

test('competition core: plan, events, eligibility, quotas, nomination, review, draw, start list, practice', async () => {
  const n = unique();
  const tag = `赛${n}`;
  const Y = 2032 + (n % 8); // a plan year of this test's own (the scope matrix takes 2040.., the demo 2026-2027, 06-openapi-live's unknown year is 2031)
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin'), ent = await login('jinan_ent_admin'), qorg = await login('qingdao_org_admin');
  const cand = await login('candidate1');
  const me = async (t) => { const m = (await api('GET', '/api/v1/auth/me', { token: t })).data; return m.user || m; };
  const orgInst = (await me(org)).institution_id;
  const occ = ok(await api('GET', '/api/v1/occupations?page_size=1', { token: prov })).items[0].code;

  // the tiers, in order, for everyone
  const ref = ok(await api('GET', '/api/v1/competition-reference'));
  assert.deepEqual(ref.tiers.map((t) => t.code), ['worldskills', 'national', 'province_1', 'province_2', 'city', 'county', 'industry', 'enterprise', 'school']);
  assert.deepEqual(ref.tiers.map((t) => t.rank), [1, 2, 3, 4, 5, 5, 5, 6, 6]);
  assert.deepEqual(ref.groups.map((g) => g.zh), ['职工组', '学生组', '教师组']);

  // a series every two years; editions numbered by the series
  const series = ok(await api('POST', '/api/v1/competition-series', { token: prov, body: { name: `山东省职业技能大赛${tag}`, organiser_name: '山东省人力资源和社会保障厅', interval_years: 2, first_year: Y - 4 } }), 201);
  assert.equal(series.next_edition, 1);
  expectError(await api('POST', '/api/v1/competition-series', { token: prov, body: { name: `山东省职业技能大赛${tag}`, organiser_name: '省厅', first_year: 2020 } }), 409, 'series_exists');

  // applications: 济南 organises a class-1 十强产业 competition (an edition of the series), the enterprise a class-2
  const base = { organiser_kind: 'city', organiser_name: '济南市人力资源和社会保障局', starts_on: `${Y}-09-15`, ends_on: `${Y}-09-18`, plan_year: Y };
  const c1 = ok(await api('POST', '/api/v1/competitions', { token: jinan, body: { ...base, name: `${tag}高端装备职业技能竞赛`, tier: 'province_1', key_industry: true, series_id: series.id } }), 201);
  assert.equal(c1.status, 'draft');
  assert.equal(c1.edition, 1);
  assert.equal(c1.region_code, '370100');
  assert.equal(c1.plan_class, 1);
  const c3 = ok(await api('POST', '/api/v1/competitions', { token: jinan, body: { ...base, name: `${tag}重复申报的竞赛`, tier: 'province_1', starts_on: `${Y}-03-01`, ends_on: `${Y}-03-02` } }), 201);
  const c2 = ok(await api('POST', '/api/v1/competitions', { token: ent, body: { ...base, organiser_kind: 'enterprise', organiser_name: '济南演示装备制造有限公司', name: `${tag}企业承办的二类竞赛`, tier: 'province_2', starts_on: `${Y}-05-01`, ends_on: `${Y}-05-02` } }), 201);
  expectError(await api('POST', '/api/v1/competitions', { token: qingdao, body: { ...base, name: `${tag}越界`, tier: 'city', region_code: '370100' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/competitions', { token: org, body: { ...base, name: `${tag}越级`, tier: 'national' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/competitions', { token: cand, body: { ...base, name: `${tag}考生`, tier: 'city' } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/competitions', { token: jinan, body: { ...base, name: `${tag}日期`, tier: 'city', ends_on: `${Y}-09-01` } }), 422, 'invalid_dates');
  expectError(await api('POST', '/api/v1/competitions', { token: jinan, body: { ...base, name: `${tag}层级`, tier: 'galaxy' } }), 422, 'invalid_value');

  // events with groups; a team event
  const ev1 = ok(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: jinan, body: { name: '焊工', occupation_code: occ, seats: 10, groups: [{ group: 'worker', min_age: 18, max_age: 60, employment: 'employed', enrolment: 'not_enrolled' }, { group: 'student', enrolment: 'enrolled', max_age: 35 }] } }), 201);
  assert.deepEqual(ev1.groups.map((g) => g.group_zh), ['职工组', '学生组']);
  const ev2 = ok(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: jinan, body: { name: '机器人系统集成', worldskills_skill: 'Robot Systems Integration', team_size: 2, groups: [{ group: 'student', enrolment: 'enrolled' }] } }), 201);
  assert.equal(ev2.team, true);
  expectError(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: jinan, body: { name: '焊工', occupation_code: occ, groups: [{ group: 'worker' }] } }), 409, 'event_exists');
  expectError(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: jinan, body: { name: '无组别', occupation_code: occ, groups: [] } }), 422, 'missing_field');
  expectError(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: jinan, body: { name: '无人可参', occupation_code: occ, groups: [{ group: 'worker', level_required: 3, level_excluded: 3 }] } }), 422, 'invalid_value');
  expectError(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: qingdao, body: { name: '越界', occupation_code: occ, groups: [{ group: 'worker' }] } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/competitions/${c1.id}/events`, { token: org, body: { name: '越界', occupation_code: occ, groups: [{ group: 'worker' }] } }), 404, 'not_found');
  ok(await api('POST', `/api/v1/competitions/${c2.id}/events`, { token: ent, body: { name: '钳工', occupation_code: occ, groups: [{ group: 'worker' }] } }), 201);

  // the plan: apply, decide (the province only), publish
  const move = (t, id, status, reason) => api('POST', `/api/v1/competitions/${id}/status`, { token: t, body: { status, reason } });
  for (const [t, c] of [[jinan, c1], [jinan, c3], [ent, c2]]) assert.equal(ok(await move(t, c.id, 'applied')).status, 'applied');
  expectError(await move(jinan, c1.id, 'approved'), 403, 'forbidden');
  expectError(await move(qingdao, c1.id, 'approved'), 404, 'not_found');
  expectError(await move(jinan, c1.id, 'open'), 409, 'invalid_transition');
  ok(await move(prov, c1.id, 'approved'));
  ok(await move(prov, c2.id, 'approved'));
  expectError(await move(prov, c3.id, 'rejected'), 422, 'missing_field');
  assert.equal(ok(await move(prov, c3.id, 'rejected', '与已列入计划的赛事重复')).decision_reason, '与已列入计划的赛事重复');
  expectError(await api('GET', `/api/v1/competition-plans/${Y}`), 404, 'not_found');
  expectError(await api('GET', `/api/v1/competitions/${c1.id}`), 404, 'not_found');
  expectError(await move(jinan, c1.id, 'open'), 409, 'plan_not_published');
  let plan = ok(await api('GET', `/api/v1/competition-plans/${Y}`, { token: prov }));
  assert.equal(plan.published, false);
  assert.equal(plan.undecided, 0);
  // 十强产业 first, then class 1 before class 2 (c3, rejected, is listed for the province but not in the plan)
  assert.deepEqual(plan.items.map((c) => c.id), [c1.id, c3.id, c2.id]);
  expectError(await api('POST', `/api/v1/competition-plans/${Y}/publish`, { token: jinan }), 403, 'forbidden');
  plan = ok(await api('POST', `/api/v1/competition-plans/${Y}/publish`, { token: prov }));
  assert.equal(plan.published, true);
  assert.equal(plan.key_events, 2);
  assert.equal(plan.min_key_events, 60);
  assert.equal(plan.meets_minimum, false);
  expectError(await api('POST', `/api/v1/competition-plans/${Y}/publish`, { token: prov }), 409, 'already_published');
  const pub = ok(await api('GET', `/api/v1/competition-plans/${Y}`));
  assert.deepEqual(pub.items.map((c) => [c.id, c.rank]), [[c1.id, 1], [c2.id, 2]]);
  assert.equal(pub.undecided, undefined);
  const pc = ok(await api('GET', `/api/v1/competitions/${c1.id}`));
  assert.equal(pc.events.length, 2);
  assert.equal(pc.may_manage, false);
  const listed = ok(await api('GET', `/api/v1/competitions?plan_year=${Y}&page_size=50`)).items.map((c) => c.id);
  assert.ok(listed.includes(c1.id) && listed.includes(c2.id) && !listed.includes(c3.id));

  // quotas: 济南 two contestants an event, 青岛 one; 青岛 reads the competition but cannot change it
  ok(await api('PUT', `/api/v1/competitions/${c1.id}/quotas`, { token: jinan, body: { items: [{ unit_region: '370100', quota: 2 }, { unit_region: '370200', quota: 1 }] } }));
  expectError(await api('PUT', `/api/v1/competitions/${c1.id}/quotas`, { token: qingdao, body: { items: [] } }), 403, 'forbidden');
  expectError(await api('PUT', `/api/v1/competitions/${c1.id}/quotas`, { token: jinan, body: { items: [{ unit_region: '370100', unit_institution_id: orgInst, quota: 1 }] } }), 422, 'invalid_value');
  const nominate = (t, ev, body) => api('POST', `/api/v1/competition-events/${ev}/entries`, { token: t, body });
  const P = async (label, ymd, employed, t = org, region = '370102') => ok(await api('POST', '/api/v1/persons', { token: t, body: { name: `${tag}${label}`, id_number: idNumber(region, ymd, 101 + ((n * 7 + label.charCodeAt(0)) % 440) * 2), employer_id: employed || undefined } }), 201).id;
  const e1 = await P('甲', '19900301', orgInst), e2 = await P('乙', '19910402', orgInst), e3 = await P('丙', '19920503', orgInst);
  const young = await P('丁', '20240604', 0);
  expectError(await nominate(jinan, ev1.id, { person_id: e1, group: 'worker' }), 409, 'registration_closed');
  ok(await move(jinan, c1.id, 'open'));

  // nominations: the institution for itself, the city for its region, within 济南's quota of two
  const n1 = ok(await nominate(org, ev1.id, { person_id: e1, group: 'worker' }), 201);
  assert.equal(n1.unit_institution_id, orgInst);
  assert.equal(n1.status, 'nominated');
  const n2 = ok(await nominate(jinan, ev1.id, { person_id: e2, group: 'worker' }), 201);
  assert.equal(n2.unit_region, '370100');
  assert.equal(n2.unit_name, '济南市');
  expectError(await nominate(jinan, ev1.id, { person_id: e1, group: 'worker' }), 409, 'already_entered');
  const over = await nominate(jinan, ev1.id, { person_id: e3, group: 'worker' });
  expectError(over, 409, 'over_quota');
  assert.match(over.data.error.message_zh, /济南市 的推荐名额已满（名额 2，已推荐 2）/);
  const inel = await nominate(jinan, ev1.id, { person_id: young, group: 'worker' });
  expectError(inel, 422, 'not_eligible');
  assert.match(inel.data.error.message_zh, /须年满 18 周岁/);
  assert.match(inel.data.error.message_zh, /须为在职职工/);
  assert.match(inel.data.error.message_en, /must be employed/);
  expectError(await nominate(jinan, ev1.id, { person_id: young, group: 'teacher' }), 422, 'unknown_group');
  expectError(await nominate(qingdao, ev1.id, { person_id: e3, group: 'worker' }), 404, 'not_found');
  expectError(await nominate(qorg, ev1.id, { person_id: e3, group: 'worker' }), 404, 'not_found');
  expectError(await nominate(cand, ev1.id, { person_id: e3, group: 'worker' }), 403, 'forbidden');
  expectError(await nominate(jinan, ev1.id, { person_id: e3, group: 'worker', team: 'A队' }), 422, 'team_not_allowed');

  // a school's students in the team event (the school enrols them: linked, not employed by it)
  const school = ok(await api('GET', '/api/v1/institutions?type=technical_school&page_size=1', { token: prov })).items[0];
  const sUser = `${tag.replace('赛', 'cs')}sch`;
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: sUser, password: PW, role: 'institution_admin', institution_id: school.id } }), 201);
  const sch = await login(sUser, PW);
  const s1 = await P('戊', '20050705', 0, sch, school.region_code), s2 = await P('己', '20050806', 0, sch, school.region_code), s3 = await P('庚', '20050907', 0, sch, school.region_code);
  expectError(await nominate(sch, ev2.id, { person_id: s1, group: 'student' }), 422, 'team_required');
  const t1 = ok(await nominate(sch, ev2.id, { person_id: s1, group: 'student', team: 'A队' }), 201);
  ok(await nominate(sch, ev2.id, { person_id: s2, group: 'student', team: 'A队' }), 201);
  expectError(await nominate(sch, ev2.id, { person_id: s3, group: 'student', team: 'A队' }), 409, 'team_full');
  const notEnrolled = await nominate(jinan, ev2.id, { person_id: e3, group: 'student', team: 'B队' });
  expectError(notEnrolled, 422, 'not_eligible');
  assert.match(notEnrolled.data.error.message_zh, /须为技工院校或高校在籍学生/);

  // who reads the entries: the organiser all, a nominating unit its own
  assert.equal(ok(await api('GET', `/api/v1/competition-events/${ev1.id}/entries`, { token: jinan })).total, 2);
  assert.deepEqual(ok(await api('GET', `/api/v1/competition-events/${ev1.id}/entries`, { token: org })).items.map((x) => x.id), [n1.id]);
  assert.equal(ok(await api('GET', `/api/v1/competition-events/${ev1.id}/entries`, { token: qingdao })).total, 0);
  expectError(await api('GET', `/api/v1/competition-events/${ev1.id}/entries`, { token: cand }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/competition-entries/${n1.id}`, { token: qorg }), 404, 'not_found');
  assert.equal(ok(await api('GET', `/api/v1/competition-entries/${n1.id}`, { token: org })).person_id, e1);

  // review: the organiser; the nominating institution may only withdraw
  const emove = (t, id, status, reason) => api('POST', `/api/v1/competition-entries/${id}/status`, { token: t, body: { status, reason } });
  expectError(await emove(org, n1.id, 'approved'), 403, 'forbidden');
  ok(await emove(jinan, n1.id, 'approved'));
  ok(await emove(jinan, n2.id, 'approved'));
  ok(await emove(jinan, t1.id, 'approved'));
  const ts = ok(await api('GET', `/api/v1/competition-events/${ev2.id}/entries`, { token: jinan })).items;
  ok(await emove(jinan, ts[1].id, 'approved'));

  // the draw: after registration closes, recorded and reproducible
  expectError(await api('POST', `/api/v1/competition-events/${ev1.id}/draw`, { token: jinan, body: { seed: 'x' } }), 409, 'registration_open');
  ok(await move(jinan, c1.id, 'closed'));
  expectError(await api('GET', `/api/v1/competition-events/${ev1.id}/start-list`), 409, 'not_drawn');
  expectError(await api('POST', `/api/v1/competition-events/${ev1.id}/draw`, { token: org, body: {} }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/competition-events/${ev1.id}/draw`, { token: jinan, body: { seed: 'has space' } }), 422, 'invalid_value');
  const d1 = ok(await api('POST', `/api/v1/competition-events/${ev1.id}/draw`, { token: jinan, body: { seed: `seed-${n}` } }), 201);
  assert.deepEqual(d1.units, [n1.id, n2.id]);
  assert.deepEqual([...d1.seats].sort(), [1, 2]);
  assert.equal(d1.reproduced, true);
  expectError(await api('POST', `/api/v1/competition-events/${ev1.id}/draw`, { token: jinan, body: {} }), 409, 'already_drawn');
  const pd = ok(await api('GET', `/api/v1/competition-events/${ev1.id}/draw`));
  assert.equal(pd.seed, `seed-${n}`);
  assert.equal(pd.algorithm, 'splitmix64-fisher-yates-v1');
  const sl = ok(await api('GET', `/api/v1/competition-events/${ev1.id}/start-list`));
  assert.deepEqual(sl.items.map((x) => x.seat), [1, 2]);
  assert.equal(sl.items.find((x) => x.entry_id === n1.id).seat, d1.seats[0]);
  assert.ok(!JSON.stringify(sl).includes('id_masked'));
  expectError(await emove(jinan, n1.id, 'withdrawn', '伤病'), 409, 'event_drawn');
  const d2 = ok(await api('POST', `/api/v1/competition-events/${ev2.id}/draw`, { token: jinan, body: {} }), 201);
  assert.deepEqual(d2.units, ['A队']);
  assert.equal(d2.seed.length, 32);
  assert.deepEqual(ok(await api('GET', `/api/v1/competition-events/${ev2.id}/start-list`)).items.map((x) => x.seat), [1, 1]);

  // 个人报名: a candidate registers themself below the provincial tiers only, and reads their own entries
  expectError(await api('POST', `/api/v1/competition-events/${ev2.id}/register`, { token: cand, body: { group: 'student', team: 'C队' } }), 409, 'nomination_required');
  const c4 = ok(await api('POST', '/api/v1/competitions', { token: jinan, body: { ...base, name: `${tag}市级技能竞赛`, tier: 'city', plan_year: undefined } }), 201);
  const ev4 = ok(await api('POST', `/api/v1/competitions/${c4.id}/events`, { token: jinan, body: { name: '电工', occupation_code: occ, groups: [{ group: 'worker' }] } }), 201);
  ok(await move(jinan, c4.id, 'open'));
  const mine = ok(await api('POST', `/api/v1/competition-events/${ev4.id}/register`, { token: cand, body: { group: 'worker' } }), 201);
  assert.equal(mine.status, 'nominated');
  expectError(await api('POST', `/api/v1/competition-events/${ev4.id}/register`, { token: cand, body: { group: 'worker' } }), 409, 'already_entered');
  expectError(await api('POST', `/api/v1/competition-events/${ev4.id}/register`, { token: jinan, body: { group: 'worker' } }), 403, 'forbidden');
  const my = ok(await api('GET', '/api/v1/my/competition-entries', { token: cand }));
  assert.equal(my.items[0].id, mine.id);
  assert.equal(my.items[0].event_name, '电工');
  assert.equal(ok(await api('GET', `/api/v1/competition-entries/${mine.id}`, { token: jinan })).unit_name, mine.unit_name);

  // 岗位练兵 / 技术比武 counted toward the target (data)
  const before = ok(await api('GET', '/api/v1/competition-participation'));
  assert.equal(before.target.participations, 10000000);
  ok(await api('POST', '/api/v1/competition-practice', { token: jinan, body: { year: 2024, kind: '岗位练兵', organiser_name: `${tag}济南市总工会`, occupation_code: occ, region_code: '370102', participants: 1200 } }), 201);
  expectError(await api('POST', '/api/v1/competition-practice', { token: qingdao, body: { year: 2024, kind: '技术比武', organiser_name: '越界', region_code: '370102', participants: 5 } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/competition-practice', { token: jinan, body: { year: 2024, kind: '打比赛', organiser_name: 'x', participants: 5 } }), 422, 'invalid_value');
  const after = ok(await api('GET', '/api/v1/competition-participation'));
  assert.equal(after.by_kind['岗位练兵'] - (before.by_kind['岗位练兵'] || 0), 1200);
  assert.equal(after.total - before.total, 1200);
  assert.equal(after.by_city.find((c) => c.city === '370100').practice - (before.by_city.find((c) => c.city === '370100')?.practice || 0), 1200);
  assert.equal(after.by_organiser.find((o) => o.organiser_name === `${tag}济南市总工会`).participants, 1200);
  const occOf = (p) => p.by_occupation.find((o) => o.occupation_code === occ)?.participants || 0;
  assert.equal(occOf(after) - occOf(before), 1200);

  // the audit archive has every change
  const acts = async (entity, id) => ok(await api('GET', `/api/v1/audit?entity=${entity}&entity_id=${id}&page_size=100`, { token: prov })).items.map((a) => a.action).sort();
  assert.deepEqual(await acts('competition', c1.id), ['competition.applied', 'competition.approved', 'competition.closed', 'competition.create', 'competition.opened', 'competition.quotas']);
  assert.deepEqual(await acts('competition', c3.id), ['competition.applied', 'competition.create', 'competition.rejected']);
  assert.deepEqual(await acts('competition_entry', n1.id), ['competition_entry.approved', 'competition_entry.nominate']);
  assert.deepEqual(await acts('competition_event', ev1.id), ['competition_event.create', 'competition_event.draw']);
  assert.deepEqual(await acts('competition_plan', Y), ['competition_plan.publish']);
});
