// No silent caps (issue 11, "6. Smaller"): a paper is drawn from the whole bank, not from its first 4096
// items (the old exams.c read the bank into a static 4096-item array and stopped there without an error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, unique, invigilators, dbExec } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

test('a paper draws on items beyond the 4096th of the bank', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  assert.ok(scope, 'a scope with level 5');
  const occ = scope.occupation_code, tag = `cap${unique()}`;
  // 4100 filler items of one area, inserted first (the province's bank), so the bank holds more than 4096
  const before = (await api('GET', `/api/v1/blueprints?occupation_code=${occ}&level=5`, { token: org })).data;
  const now = Math.floor(Date.now() / 1000);
  dbExec(`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 4100) ` +
    `INSERT INTO items (occupation_code, level, kind, area, stem, options, answer, points, active, created_at) ` +
    `SELECT '${occ}', 5, 'judge', '${tag}-fill', '填充题 ' || i, '["对","错"]', 'A', 1, 1, ${now} FROM s`);
  try {
    const active = Number(dbExec(`SELECT COUNT(*) FROM items WHERE occupation_code = '${occ}' AND level = 5 AND active = 1`)
      .split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).pop());
    assert.ok(active > 4096, `the bank holds ${active} active items`);
    // the only items the blueprint can use come last
    const last = [];
    for (let i = 0; i < 3; i++) {
      const r = await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-Z`, stem: `末尾单选题 ${tag} ${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'C', points: 2 } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      last.push(r.data.id);
    }
    const bp = await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-Z`, kind: 'single', count: 3 }, { area: `${tag}-fill`, kind: 'judge', count: 2 }] } });
    assert.equal(bp.status, 200, JSON.stringify(bp.data));
    // a plan, one approved registration, a sitting and 检录 (the paper is built now)
    const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `大题库组卷 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
    await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
    await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
    const c1 = await login('candidate1');
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: c1, body: { option: '2023-5-a', declared: true } });
    assert.equal(reg.status, 201, JSON.stringify(reg.data));
    assert.equal((await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
    const sit = await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '大题库考场', minutes: 90, invigilators: await invigilators(org) } });
    assert.equal(sit.status, 201, JSON.stringify(sit.data));
    const adm = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: org, body: { registration_id: reg.data.id } });
    assert.equal(adm.status, 201, `检录 with the needed items past the 4096th: ${JSON.stringify(adm.data)}`);
    const paper = await api('POST', `/api/v1/attempts/${adm.data.attempt_id}/open`, { token: c1 });
    assert.equal(paper.status, 200, JSON.stringify(paper.data));
    assert.equal(paper.data.items.length, 5);
    const stems = paper.data.items.map((x) => x.stem);
    for (let i = 0; i < 3; i++) assert.ok(stems.includes(`末尾单选题 ${tag} ${i}`), `item ${last[i]} (past the 4096th) is on the paper`);
  } finally {
    // the fillers leave the bank again, so later tests see the bank they expect
    dbExec(`UPDATE items SET active = 0 WHERE area IN ('${tag}-fill', '${tag}-Z')`);
    if (before && before.cells && before.cells.length) await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: before.cells.map((c) => ({ area: c.area, kind: c.kind, count: c.count })) } });
  }
});

// ... and a plan's sittings are all analysed on the way to 评分, not only its first 256 (the old analysis.c
// kept the sitting ids in ids[256] and dropped the rest without an error)
test('every one of more than 256 sittings of a plan is analysed', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code, tag = `cap${unique()}`;
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `多考场分析 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  const sit = await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 第1考场`, minutes: 90, invigilators: await invigilators(org) } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  const ex = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'examining' } });
  assert.equal(ex.status, 200, JSON.stringify(ex.data));
  // 299 more rooms of the same plan (setting up 300 rooms through the API would take minutes)
  const now = Math.floor(Date.now() / 1000);
  dbExec(`WITH RECURSIVE s(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM s WHERE i < 300) ` +
    `INSERT INTO sittings (plan_id, room, starts_at, minutes, created_at) SELECT ${Number(plan.id)}, '${tag} 第' || i || '考场', ${now}, 90, ${now} FROM s`);
  // rows written behind the server's back are not in the statistics counters: recount them, as an operator
  // would after such a repair, so later suites (77) find the counters in agreement with the tables
  const rebuild = spawnSync(process.env.JINENG_BIN, ['stats', 'rebuild', '--db', process.env.JINENG_DB_URL], { encoding: 'utf8', env: process.env });
  assert.equal(rebuild.status, 0, rebuild.stderr);
  const ids = dbExec(`SELECT id FROM sittings WHERE plan_id = ${Number(plan.id)} ORDER BY id`)
    .split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).map(Number);
  assert.equal(ids.length, 300);
  const scoring = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } });
  assert.equal(scoring.status, 200, JSON.stringify(scoring.data));
  const seen = scoring.data.analysis.map((s) => s.sitting_id);
  assert.equal(seen.length, 300, 'one analysis (or a reason it was skipped) per sitting');
  assert.deepEqual(seen, ids);
  assert.ok(seen.includes(ids[256]) && seen.includes(ids[299]), 'the 257th and the last sitting are analysed');
});
