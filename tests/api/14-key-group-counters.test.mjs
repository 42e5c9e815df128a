// 重点群体 in every statistic (issue 23 item 7; docs/DOMAIN.md §64): the §42 counters of the 使用与激励 chain — a
// certificate revoked, a selection nomination (nominated, appointed, ended), its allowances paid and recovered —
// counted once under each category the person held valid on each metric's own date, in the same transaction as the
// write, and moved in when a flag is set later. Three 齐鲁首席技师 appointees of 济南 (term from 2024-01, six monthly
// batches of 1,000 元): A holds 退役军人 and 残疾人 (open, from 2020) and is counted under both; B's 退役军人 ended on
// 2024-02-29 (his January and February count, his nomination today, his death of 2024-03-10 and its recoveries not);
// C's 残疾人 from 2024-05-01 is set after everything (May and June paid, the June payment recovered after his move
// of 2024-05-31, the nomination today; the appointment of 2024-01 not); their results of 2024-05-15 in the rows by
// category under May 2024's 评价 report table; a competition where D (no category), B, C take gold, silver and
// bronze and A none: placed and awarded under each category held on the competition's last day. Then the
// drill-down by category
// (?key_group) by month with the same figures, its validation (unknown category, a metric without a person, by
// occupation: 422 in Chinese and English) and scope (青岛 refused), and `jineng stats verify` agreeing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';
import { readXlsx } from './xlsx-read.mjs';

const BIN = process.env.JINENG_BIN, DB = process.env.JINENG_DB_URL;
const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const month = today.slice(0, 7);
const M = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

// the counters by category of 济南 for a period: { category: { metric: [n, amount] } }
const groups = async (t, from, to) => Object.fromEntries(ok(await api('GET', `/api/v1/stats/key-groups?region=370100&from=${from}&to=${to}`, { token: t })).items.map((c) => [c.category, Object.fromEntries(c.values.map((v) => [v.metric, [v.n, v.amount]]))]));
const diff = (a, b, cats, metrics) => Object.fromEntries(cats.map((c) => [c, Object.fromEntries(metrics.map((m) => [m, [b[c][m][0] - a[c][m][0], b[c][m][1] - a[c][m][1]]]))]));
// the drill-down by category by month: { month: { metric: n } } and the amounts as metric$
const drillKG = async (t, cat, metrics) => {
  const d = ok(await api('GET', `/api/v1/stats/drill?region=370100&key_group=${cat}&by=month&from=2024-01&to=2024-06&metrics=${metrics}`, { token: t }));
  return Object.fromEntries(d.rows.map((r) => [r.key, Object.fromEntries(r.values.flatMap((v) => [[v.metric, v.n], [`${v.metric}$`, v.amount]]))]));
};

test('revocations, nominations and allowances counted by category; the drill-down by category; verify agrees', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin'), org = await login('jinan_org_admin');
  const n = unique() + (Date.now() % 997);
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = (me.user || me).institution_id;
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(2)).occupation_code;
  const mk = async (seq) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `群体计数${n % 1000}人${seq}`, id_number: idNumber('370102', '19740614', 1 + ((n * 7 + seq * 2) % 990)), employer_id: instId } }), 201).id;
  const [A, B, C] = [await mk(0), await mk(1), await mk(2)];
  const flag = (p, cat, body) => api('PUT', `/api/v1/cultivation/persons/${p}/categories/${cat}`, { token: prov, body: { source: 'verified', ...body } });
  ok(await flag(A, 'veteran', { valid_from: '2020-01-01' }));
  ok(await flag(A, 'disabled', { valid_from: '2020-01-01' }));
  ok(await flag(B, 'veteran', { valid_from: '2020-01-01', valid_to: '2024-02-29' }));

  const cats = ['veteran', 'disabled'];
  const old0 = await groups(prov, M[0], M[5]), now0 = await groups(prov, month, month);
  const kv0 = await drillKG(jinan, 'veteran', 'selection.appointed,allowance.paid'), kd0 = await drillKG(jinan, 'disabled', 'selection.ended,allowance.recovered');
  // the 评价 report of 济南 for May 2024 (its 重点群体 rows under the table), before
  const report = async () => {
    const r = ok(await api('POST', '/api/v1/stats/reports', { token: jinan, body: { type: 'evaluation', period: '2024-05', region_code: '370100' } }), 201);
    const [sheet] = readXlsx((await api('GET', `/api/v1/stats/reports/${r.id}/xlsx`, { token: jinan })).data);
    const at = sheet.rows.findIndex((x) => x && typeof x[0] === 'string' && x[0].startsWith('其中：重点群体'));
    assert.ok(at > 0, 'the breakdown by category under the table');
    return Object.fromEntries(sheet.rows.slice(at + 1).filter((x) => x && typeof x[1] === 'number').map((x) => [x[0], x.slice(1)]));
  };
  const rep0 = await report();
  assert.equal(Object.keys(rep0).length, 9, 'every category, zeros included');

  // 技师 results and certificates today, the round (the first free year from 2099 down), appointed from 2024-01
  const results = [];
  for (const p of [A, B, C]) results.push(ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p, institution_id: instId, occupation_code: occ, level: 2, exam_date: today, theory: 80, practical: 80, review: 80, correction_reason: '重点群体计数测试：历史档案补录' } }), 201).id);
  const certs = ok(await api('POST', '/api/v1/certificates', { token: prov, body: { result_ids: results } }), 201).numbers;
  // and a 技师 result of each examined on 2024-05-15 (passed), for May 2024's report
  for (const p of [A, B, C]) ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: p, institution_id: instId, occupation_code: occ, level: 2, exam_date: '2024-05-15', theory: 80, practical: 80, review: 80, correction_reason: '重点群体计数测试：历史档案补录' } }), 201);
  const years = new Set(ok(await api('GET', '/api/v1/selections/rounds?programme=qilu_chief')).items.map((r) => r.year));
  let year = 2099;
  while (years.has(year)) year--;
  const R = ok(await api('POST', '/api/v1/selections/rounds', { token: prov, body: { programme: 'qilu_chief', year, title: `${year} 年齐鲁首席技师（重点群体计数测试 ${n}）`, places: 3, ref_date: '2024-06-01', min_experts: 1 } }), 201);
  ok(await api('PUT', `/api/v1/selections/rounds/${R.id}/quotas`, { token: prov, body: { quotas: [{ region_code: '3701', quota: 3 }] } }));
  const noms = [];
  for (const p of [A, B, C]) noms.push(ok(await api('POST', `/api/v1/selections/rounds/${R.id}/nominations`, { token: jinan, body: { person_id: p, front_line: true } }), 201).id);
  const qOrg = ok(await api('GET', '/api/v1/auth/me', { token: await login('qingdao_org_admin') }));
  const Y = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `kgx${n}`, password: PASSWORD, role: 'examiner', institution_id: (qOrg.user || qOrg).institution_id } }), 201);
  ok(await api('PUT', `/api/v1/selections/rounds/${R.id}/panel`, { token: prov, body: { examiners: [Y.id] } }));
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'reviewing' } }));
  const tokY = await login(Y.username, PASSWORD);
  for (const [i, id] of noms.entries()) ok(await api('POST', `/api/v1/selections/nominations/${id}/scores`, { token: tokY, body: { score: 90 - i } }), 201);
  assert.equal(ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'publicity' } })).selected.length, 3);
  dbExec(`UPDATE selection_rounds SET publicity_end = '2023-12-20' WHERE id = ${R.id}`);
  ok(await api('POST', `/api/v1/selections/rounds/${R.id}/status`, { token: prov, body: { status: 'appointed', term_start: '2024-01-01' } }));
  for (const m of M) ok(await api('POST', '/api/v1/allowances/batches', { token: prov, body: { month: m } }), 201);
  // A's certificate revoked today (his title ends today); B died on 2024-03-10 (April..June recovered); C left the
  // province on 2024-05-31 (June recovered)
  ok(await api('POST', `/api/v1/certificates/${certs[0]}/revoke`, { token: prov, body: { reason: '重点群体计数测试：材料造假' } }));
  assert.equal(ok(await api('POST', `/api/v1/persons/${B}/life-events`, { token: jinan, body: { kind: 'death', occurred_on: '2024-03-10', source: '重点群体计数测试：死亡医学证明' } }), 201).stops[0].recovered, 3);
  assert.equal(ok(await api('POST', `/api/v1/persons/${C}/life-events`, { token: prov, body: { kind: 'left_province', occurred_on: '2024-05-31', source: '重点群体计数测试：调动函' } }), 201).stops[0].recovered, 1);
  const ends = [];
  for (const id of noms) ends.push(ok(await api('GET', `/api/v1/selections/nominations/${id}`, { token: prov })).ended_on);
  assert.deepEqual(ends, [today, '2024-03-10', '2024-05-31']);
  // a provincial competition (ending on the 3rd of November of a year of its own) with one event: D (no category)
  // first, B second, C third (gold, silver, bronze: one of each), A last (below the median: no 优胜奖); three
  // examiners of 青岛 judge (two, and the chief), each judge's score 3, 2, 1, 0 of the one Judgement aspect
  const cy = 2031 + (n % 60), cmMonth = `${cy}-11`;
  const cm0 = await groups(prov, cmMonth, cmMonth);
  const D = await mk(3);
  const comp = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `山东省职业技能大赛（重点群体计数测试 ${n}）`, tier: 'industry', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', starts_on: `${cy}-11-01`, ends_on: `${cy}-11-03` } }), 201);
  const evId = ok(await api('POST', `/api/v1/competitions/${comp.id}/events`, { token: prov, body: { name: `数控铣 ${n}`, worldskills_skill: 'CNC Milling', seats: 4, groups: [{ group: 'worker' }] } }), 201).id;
  const ev = `/api/v1/competition-events/${evId}`;
  ok(await api('POST', `/api/v1/competitions/${comp.id}/status`, { token: prov, body: { status: 'open' } }));
  const entries = [];
  for (const p of [D, B, C, A]) {
    const en = ok(await api('POST', `${ev}/entries`, { token: jinan, body: { person_id: p, group: 'worker' } }), 201);
    ok(await api('POST', `/api/v1/competition-entries/${en.id}/status`, { token: prov, body: { status: 'approved' } }));
    entries.push(en.id);
  }
  ok(await api('POST', `/api/v1/competitions/${comp.id}/status`, { token: prov, body: { status: 'closed' } }));
  ok(await api('POST', `${ev}/draw`, { token: prov, body: { seed: `kg-${n}` } }), 201);
  const DESC = ['未达到行业标准', '达到行业标准', '在某些方面超过行业标准', '杰出'];
  ok(await api('PUT', `${ev}/scheme`, { token: prov, body: { modules: [{ code: 'A', name: '模块', sub_criteria: [{ code: 'A.1', name: '分项', aspects: [{ code: 'J1', description: '评价', kind: 'judgement', max: 100, descriptors: DESC }] }] }] } }));
  const judges = [];
  for (const k of ['a', 'b', 'c']) {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `kgj${n}${k}`, password: PASSWORD, role: 'examiner', institution_id: (qOrg.user || qOrg).institution_id } }), 201);
    ok(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: u.id, chief: k === 'c' } }), 201);
    judges.push(await login(u.username, PASSWORD));
  }
  for (const t of judges.slice(0, 2)) ok(await api('PUT', `${ev}/scores`, { token: t, body: { scores: entries.map((e, i) => ({ entry_id: e, aspect: 'J1', value: 3 - i, seq: 1 })) } }));
  ok(await api('POST', `${ev}/signoff`, { token: judges[2] }));
  const res = ok(await api('POST', `${ev}/results`, { token: prov }));
  const medals = Object.fromEntries((res.items || res.results).map((x) => [x.entry_id, x.medal]));
  assert.deepEqual(entries.map((e) => medals[e] || ''), ['gold', 'silver', 'bronze', '']);
  // C's 残疾人 flag from 2024-05-01, set after all of it: his rows of that date on move in under 残疾人
  ok(await flag(C, 'disabled', { valid_from: '2024-05-01' }));

  // 2024-01..06, hand-computed: 退役军人 — A and B appointed (2024-01), A's six payments and B's January and
  // February (8 × 1,000 元), no end (A's is today, B's flag had ended), no recovery (B's are April..June);
  // 残疾人 — A appointed (C's flag begins in May), A's six and C's May and June paid, C's June recovered, C's end
  // on 2024-05-31
  const oldM = ['group.selection.appointed', 'group.selection.ended', 'group.allowance.paid', 'group.allowance.recovered'];
  assert.deepEqual(diff(old0, await groups(prov, M[0], M[5]), cats, oldM), {
    veteran: { 'group.selection.appointed': [2, 0], 'group.selection.ended': [0, 0], 'group.allowance.paid': [8, 800000], 'group.allowance.recovered': [0, 0] },
    disabled: { 'group.selection.appointed': [1, 0], 'group.selection.ended': [1, 0], 'group.allowance.paid': [8, 800000], 'group.allowance.recovered': [1, 100000] },
  });
  // this month: 退役军人 — A only (B's flag ended in 2024): issued, revoked, nominated, ended; 残疾人 — A and C issued
  // and nominated, A's revocation and end
  const nowM = ['group.cert.issued', 'group.cert.revoked', 'group.selection.nominated', 'group.selection.ended', 'group.result.sat'];
  assert.deepEqual(diff(now0, await groups(prov, month, month), cats, nowM), {
    veteran: { 'group.cert.issued': [1, 0], 'group.cert.revoked': [1, 0], 'group.selection.nominated': [1, 0], 'group.selection.ended': [1, 0], 'group.result.sat': [1, 0] },
    disabled: { 'group.cert.issued': [2, 0], 'group.cert.revoked': [1, 0], 'group.selection.nominated': [2, 0], 'group.selection.ended': [1, 0], 'group.result.sat': [2, 0] },
  });

  // May 2024's report: 退役军人 A (评价人次 and 合格人次 1, 二级); 残疾人 A and C (2); B's flag had ended; columns 评价人次
  // 合计, 五级 … 一级, 专项, then 合格人次, then 取证数 (none: no certificate issued in May 2024)
  const rep1 = await report();
  const rd = (c) => rep1[c].map((v, i) => v - rep0[c][i]);
  assert.deepEqual(rd('退役军人'), [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(rd('残疾人'), [2, 0, 0, 0, 2, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.ok(rd('青年学生').every((v) => v === 0));

  // the competition's month: 退役军人 — A placed (B's flag had ended), none awarded; 残疾人 — A and C placed, C's
  // bronze awarded; entered and approved likewise (the entries are dated today, not in that month: none)
  const cmM = ['group.competition.placed', 'group.competition.awarded', 'group.competition.entered'];
  assert.deepEqual(diff(cm0, await groups(prov, cmMonth, cmMonth), cats, cmM), {
    veteran: { 'group.competition.placed': [1, 0], 'group.competition.awarded': [0, 0], 'group.competition.entered': [0, 0] },
    disabled: { 'group.competition.placed': [2, 0], 'group.competition.awarded': [1, 0], 'group.competition.entered': [0, 0] },
  });

  // the drill-down by category, by month (济南's own city administrator): the same figures month by month
  const kv1 = await drillKG(jinan, 'veteran', 'selection.appointed,allowance.paid'), kd1 = await drillKG(jinan, 'disabled', 'selection.ended,allowance.recovered');
  const dm = (a, b, k) => M.map((m) => (b[m][k] ?? 0) - (a[m][k] ?? 0));
  assert.deepEqual(dm(kv0, kv1, 'selection.appointed'), [2, 0, 0, 0, 0, 0]);
  assert.deepEqual(dm(kv0, kv1, 'allowance.paid'), [2, 2, 1, 1, 1, 1]);
  assert.deepEqual(dm(kv0, kv1, 'allowance.paid$'), [200000, 200000, 100000, 100000, 100000, 100000]);
  assert.deepEqual(dm(kd0, kd1, 'selection.ended'), [0, 0, 0, 0, 1, 0]);
  assert.deepEqual(dm(kd0, kd1, 'allowance.recovered$'), [0, 0, 0, 0, 0, 100000]);
  const dr = ok(await api('GET', '/api/v1/stats/drill?region=370100&key_group=veteran&from=2024-01&to=2024-06', { token: prov }));
  assert.deepEqual([dr.key_group, dr.key_group_name], ['veteran', '退役军人']);
  assert.ok(dr.metrics.every((m) => !['sitting.held', 'complaint.received', 'complaint.upheld', 'inspection.signed'].includes(m.metric)), 'no counters by category without a person');
  assert.ok(dr.metrics.some((m) => m.metric === 'cert.revoked') && dr.metrics.some((m) => m.metric === 'allowance.recovered'));
  // its validation, in Chinese and English, and its scope: 青岛 does not read 济南's figures by category
  const bad = async (q, field, zh, en) => {
    const r = await api('GET', `/api/v1/stats/drill?region=370100&${q}`, { token: jinan });
    expectError(r, 422, 'invalid_value');
    assert.equal(r.data.error.field, field);
    assert.match(r.data.error.message_zh, zh);
    assert.match(r.data.error.message_en, en);
  };
  await bad('key_group=astronaut', 'key_group', /未知的重点群体类别：astronaut/, /unknown person category: astronaut/);
  await bad('key_group=veteran&metrics=sitting.held', 'metrics', /没有按重点群体的计数/, /not counted by category/);
  await bad('key_group=veteran&by=occupation', 'by', /地区、等级或月份/, /region, level or month/);
  await bad('key_group=veteran&occupation=' + occ, 'occupation', /不分职业/, /no occupation/);
  expectError(await api('GET', '/api/v1/stats/drill?region=370100&key_group=veteran', { token: qingdao }), 403, 'forbidden');

  // every counter, by category too, recomputed from the raw tables
  const v = spawnSync(BIN, ['stats', 'verify', '--db', DB], { encoding: 'utf8', env: { ...process.env } });
  assert.equal(v.status, 0, `stats verify: ${v.stdout}${v.stderr}`);
});
