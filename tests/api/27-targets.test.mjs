// 目标任务 (issue 24 item 6; docs/DOMAIN.md §67): the seeds' targets with their sentences; each metric's actual
// against an independent count of the raw rows; a target's expected path and 落后 decision against values computed
// by hand; progress moving when the system's data moves (two apprenticeships approved); 暂无数据 with its reason for
// what the system cannot count; the apprenticeship route reading the same target; who may read and set what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const one = (sql) => Number(dbExec(sql).trim().split('\n').filter((l) => /^\s*-?\d+\s*$/.test(l)).pop());

test('the seeds\' targets, each with its sentence; every metric against the raw rows; 暂无数据 with its reason', async () => {
  const prov = await login('admin');
  const reg = ok(await api('GET', '/api/v1/stats/target-metrics', { token: prov })).items;
  assert.deepEqual(reg.map((m) => m.key).sort(), ['apprentice.trained', 'competition.key_events', 'high_skill.certified', 'platform.established', 'programme.enrolled', 'special_item.published']);
  // the 专项 catalogue (DOMAIN §66) is counted by its items' publication dates
  assert.equal(reg.find((m) => m.key === 'special_item.published').available, true);
  assert.ok(reg.find((m) => m.key === 'programme.enrolled').args.some((a) => a.code === 'golden_blue'));

  const asOf = '2025-06-30';
  const list = ok(await api('GET', `/api/v1/stats/targets?region_code=370000&as_of=${asOf}`, { token: prov }));
  const by = Object.fromEntries(list.items.map((t) => [t.code, t]));
  const seeds = {
    high_skill_2025: [3800000, '2025-12-31', '全省高技能人才总量达到380万人以上'],
    key_events_yearly: [60, '', '每年组织不少于 60 项“技能兴鲁”职业技能大赛省级重点赛事'],
    apprentices_2025: [100000, '2025-12-31', '到2025年，全省培养不少于10万名企业新型学徒职工'],
    special_items_2025: [500, '2025-12-31', '到 2025 年开发公布不少于 500 项专项职业能力考核项目'],
    golden_blue_yearly: [20000, '', '每年参加技师、高级技师等级培养的企业职工不少于2万人'],
    workstations_2026: [200, '2026-12-31', '齐鲁技能大师特色工作站200个'],
  };
  for (const [code, [value, deadline, sentence]] of Object.entries(seeds)) {
    const t = by[code];
    assert.ok(t, `${code} seeded`);
    assert.deepEqual([t.value, t.deadline, t.region_code], [value, deadline, '370000'], code);
    assert.ok(t.source.includes(sentence), `${code}: ${t.source}`);
  }

  // each available metric's actual = baseline + an independent count of its rows over the window to as_of
  const cnt = {
    // certificates of 高级工 and above issued less those revoked, from the baseline's month (the counters are monthly)
    high_skill_2025: `SELECT (SELECT COUNT(*) FROM certificates WHERE level BETWEEN 1 AND 3 AND issued_on >= '2020-12-01' AND issued_on <= '${asOf}') - (SELECT COUNT(*) FROM certificates WHERE level BETWEEN 1 AND 3 AND status = 'revoked' AND revoked_on >= '2020-12-01' AND revoked_on <= '${asOf}')`,
    key_events_yearly: `SELECT COUNT(*) FROM competitions WHERE plan_class IS NOT NULL AND status IN ('approved','open','closed') AND starts_on >= '2025-01-01' AND starts_on <= '${asOf}'`,
    apprentices_2025: `SELECT COUNT(*) FROM apprenticeships WHERE status IN ('training','completed') AND training_start >= '2020-12-18' AND training_start <= '${asOf}'`,
    golden_blue_yearly: `SELECT COUNT(*) FROM training_enrolments te JOIN cult_class_tags ct ON ct.class_id = te.class_id JOIN training_classes tc ON tc.id = te.class_id WHERE ct.programme_code = 'golden_blue' AND tc.starts_on >= '2025-01-01' AND tc.starts_on <= '${asOf}'`,
    // 专项职业能力 items of the catalogue in force, by publication date (the 2024年版's five are dated 2024-01-01)
    special_items_2025: `SELECT COUNT(*) FROM special_items WHERE status = 'in_force' AND published_on >= '2020-12-18' AND published_on <= '${asOf}'`,
    workstations_2026: `SELECT COUNT(*) FROM platforms WHERE type_code = 'qilu_workstation' AND status IN ('established','accepted') AND established_on >= '2020-12-18' AND established_on <= '${asOf}'`,
  };
  for (const [code, sql] of Object.entries(cnt)) {
    const p = by[code].progress;
    assert.equal(p.available, true, code);
    assert.equal(p.actual, by[code].baseline_value + one(sql), code);
    // the last month of the series is the actual at as_of
    assert.equal(p.series.at(-1).actual, p.actual, code);
    assert.equal(p.series.at(-1).date, asOf, code);
  }
  // the yearly ones are judged in as_of's year
  assert.deepEqual([by.key_events_yearly.progress.year, by.key_events_yearly.progress.window_from, by.key_events_yearly.progress.window_to], [2025, '2025-01-01', '2025-12-31']);
  // 60 a year on 30 June 2025: 180 of 364 days → 60 × 180 / 364 = 29.67 → 29
  assert.equal(by.key_events_yearly.progress.expected, 29);
  // 100,000 from 2020-12-18 to 2025-12-31 (1839 days), on 2025-06-30 (1655 days): 100000 × 1655 / 1839 = 89994.56
  assert.equal(by.apprentices_2025.progress.expected, 89994);
});

test('a target\'s progress against values computed by hand, moved by the data the system holds', async () => {
  const prov = await login('admin'), qingdao = await login('qingdao_admin'), jinan = await login('jinan_admin');
  const tag = `tg${unique()}${Date.now() % 100000}`;
  // 青岛's apprentices trained in 2031 (a year no other test files into): from 3 on 2031-01-01 to 11 by 2031-12-31,
  // tolerance 10 %
  const body = { code: `qd_appr_${tag}`, name: `青岛学徒${tag}`, region_code: '370200', metric: 'apprentice.trained', value: 11, baseline_on: '2031-01-01', baseline_value: 3, deadline: '2031-12-31', tolerance_pct: 10, source: '青岛市目标责任书（测试）' };
  const t = ok(await api('POST', '/api/v1/stats/targets', { token: qingdao, body }), 201);
  expectError(await api('POST', '/api/v1/stats/targets', { token: qingdao, body }), 409, 'target_exists');
  const at = async (d) => ok(await api('GET', `/api/v1/stats/targets/${t.id}?as_of=${d}`, { token: qingdao })).progress;
  // on 2031-07-02 (182 of 364 days): 3 + 8 × 182 / 364 = 7 expected; nothing trained: actual 3;
  // 300 < 7 × 90 = 630 → behind
  let p = await at('2031-07-02');
  assert.deepEqual([p.actual, p.expected, p.behind, p.state, p.state_zh, p.percent], [3, 7, true, 'behind', '落后于进度', 27.2]);
  assert.deepEqual(p.path, [{ date: '2031-01-01', value: 3 }, { date: '2031-12-31', value: 11 }]);
  assert.equal(p.series.length, 7);
  assert.deepEqual(p.series[0], { month: '2031-01', date: '2031-01-31', actual: 3, expected: 3 + Math.trunc(8 * 30 / 364) });
  // before the window: not started
  assert.equal((await at('2030-12-31')).state, 'not_started');

  // two apprentices of a 青岛 enterprise start training on 2031-03-01 and are approved: actual 5
  const cc = (k) => creditCode(`91370202T${String((Date.now() + k) % 1000000).padStart(6, '0')}27`);
  const ent = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `目标企业${tag}`, credit_code: cc(1), type: 'employer', region_code: '370202', address: '青岛市市南区' } }), 201);
  const school = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `目标技校${tag}`, credit_code: cc(2), type: 'technical_school', region_code: '370202', address: '青岛市市南区' } }), 201);
  const occ = ok(await api('GET', '/api/v1/occupations?page_size=1', { token: prov })).items[0].code;
  for (let k = 0; k < 2; k++) {
    const person = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `目标学徒${k}${tag}`, id_number: idNumber('370202', '19950707', 101 + ((unique() * 11 + k * 7 + Date.now()) % 440) * 2), employer_id: ent.id } }), 201);
    const ap = ok(await api('POST', '/api/v1/cultivation/apprenticeships', { token: prov, body: { employer_id: ent.id, trainer_id: school.id, person_id: person.id, occupation_code: occ, level: 4, mentor_name: '李师傅', mentor_allowance: '0', contract_start: '2031-03-01', contract_end: '2034-02-28', training_start: '2031-03-01', training_end: '2032-03-01', plan: '目标测试' } }), 201);
    ok(await api('POST', `/api/v1/cultivation/apprenticeships/${ap.id}/status`, { token: qingdao, body: { status: 'training' } }));
  }
  // 3 + 2 = 5 against 7: 500 < 630 still behind; in March (59 of 364 days: 3 + 8 × 59 / 364 = 4.3 → 4) 5 is ahead
  p = await at('2031-07-02');
  assert.deepEqual([p.actual, p.expected, p.behind], [5, 7, true]);
  assert.equal(p.series[2].actual, 5); // from March on
  assert.equal(p.series[1].actual, 3);
  p = await at('2031-03-01');
  assert.deepEqual([p.actual, p.expected, p.behind, p.state], [5, 4, false, 'on_track']);

  // 青岛 lowers the value with its source: 3 → 6 by year end; on 2031-07-02 expected 3 + 3 × 182 / 364 = 4.5 → 4;
  // actual 5 on track; the audit keeps before and after
  const u = ok(await api('PUT', `/api/v1/stats/targets/${t.id}`, { token: qingdao, body: { value: 6, source: '青岛市调整后的目标（测试）' } }));
  assert.equal(u.value, 6);
  expectError(await api('PUT', `/api/v1/stats/targets/${t.id}`, { token: qingdao, body: { value: 7 } }), 422, 'missing_field');
  p = await at('2031-07-02');
  assert.deepEqual([p.actual, p.expected, p.behind, p.state], [5, 4, false, 'on_track']);
  // by the deadline 5 < 6: missed after it; the value reached: achieved
  assert.equal((await at('2032-01-05')).state, 'missed');
  ok(await api('PUT', `/api/v1/stats/targets/${t.id}`, { token: prov, body: { value: 5, source: '省厅核定（测试）' } }));
  assert.equal((await at('2031-07-02')).state, 'achieved');
  const audit = ok(await api('GET', `/api/v1/audit?entity=target&entity_id=${t.id}&page_size=50`, { token: prov })).items.map((i) => i.action);
  assert.deepEqual(audit.filter((a) => a.startsWith('target.')).sort(), ['target.create', 'target.update', 'target.update']);

  // who: 济南 neither sees nor sets 青岛's (404); a city sets no other region's (403) and reads only its own; the
  // province reads every region's; institution staff reach none (403)
  expectError(await api('GET', `/api/v1/stats/targets/${t.id}`, { token: jinan }), 404, 'not_found');
  expectError(await api('PUT', `/api/v1/stats/targets/${t.id}`, { token: jinan, body: { value: 9, source: 'x' } }), 404, 'not_found');
  expectError(await api('POST', '/api/v1/stats/targets', { token: jinan, body: { ...body, code: `jn_${tag}` } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/stats/targets', { token: qingdao, body: { ...body, code: `qdp_${tag}`, region_code: '370000' } }), 403, 'forbidden');
  const jl = ok(await api('GET', '/api/v1/stats/targets?page_size=500', { token: jinan }));
  assert.ok(jl.items.every((x) => x.region_code === '370100'), 'a city reads its own targets only');
  assert.ok(ok(await api('GET', '/api/v1/stats/targets?region_code=370200&page_size=500', { token: prov })).items.some((x) => x.id === t.id));
  const org = await login('qingdao_org_admin');
  expectError(await api('GET', '/api/v1/stats/targets', { token: org }), 403, 'forbidden');

  // refusals: an unknown metric, a metric counted province-wide only for a city, a missing argument, a deadline
  // before the baseline, a tolerance out of range
  const bad = async (x, code, field) => { const r = await api('POST', '/api/v1/stats/targets', { token: prov, body: { ...body, code: `bad_${unique()}_${tag}`, ...x } }); expectError(r, 422, code); if (field) assert.equal(r.data.error.field, field); };
  await bad({ metric: 'no.such' }, 'unknown_metric', 'metric');
  await bad({ metric: 'special_item.published' }, 'province_only', 'metric');
  await bad({ metric: 'programme.enrolled' }, 'invalid_value', 'metric_arg');
  await bad({ metric: 'platform.established', metric_arg: 'no_such_type' }, 'invalid_value', 'metric_arg');
  await bad({ deadline: '2030-12-31' }, 'invalid_date', 'deadline');
  await bad({ tolerance_pct: 51 }, 'invalid_value', 'tolerance_pct');
  await bad({ region_code: '370299' }, 'invalid_value', 'region_code');
});

test('the apprenticeship target route reads the same target row', async () => {
  const prov = await login('admin');
  const tg = ok(await api('GET', '/api/v1/cultivation/apprentice-target', { token: prov }));
  const row = ok(await api('GET', `/api/v1/stats/targets/${tg.target.target_id}`, { token: prov }));
  assert.deepEqual([row.code, row.metric, row.value, tg.target.target, tg.target.deadline], ['apprentices_2025', 'apprentice.trained', 100000, 100000, '2025-12-31']);
});
