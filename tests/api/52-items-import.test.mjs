// 题库 CSV import (POST /api/v1/items/import): good and bad rows with per-row errors (line, field, code),
// all-or-nothing, GB18030, an institution's own bank and the refusal of another's, new versions through
// `replaces`; the seeded banks of the demo (电工四级, 中式烹调师五级) and a paper built from a seeded blueprint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { api, login, expectError, unique, invigilators } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const HEADER = 'occupation_code,level,type,knowledge_area,knowledge_code,stem,option_a,option_b,option_c,option_d,key,points';
const csv = (rows) => [HEADER, ...rows].join('\n') + '\n';
const post = (token, body, query = '') => api('POST', `/api/v1/items/import${query}`, { token, raw: body, headers: { 'Content-Type': 'text/csv' } });

async function orgScope(org) {
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  return { instId, inst };
}

// files the occupation and level in the Jinan organisation's scope when it is not there (keeping the rest)
async function ensureScope(instId, inst, occ, level) {
  const admin = await login('admin');
  const scopes = inst.scopes.map((s) => ({ occupation_code: s.occupation_code, levels: [...s.levels] }));
  const have = scopes.find((s) => s.occupation_code === occ);
  if (have && have.levels.includes(level)) return;
  if (have) have.levels.push(level);
  else scopes.push({ occupation_code: occ, levels: [level] });
  const r = await api('PUT', `/api/v1/institutions/${instId}/scopes`, { token: admin, body: { scopes } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
}

test('import: good rows stored, bad rows reported with line, field and code', async () => {
  const org = await login('jinan_org_admin');
  const { instId, inst } = await orgScope(org);
  const scope = inst.scopes.find((s) => s.levels.length);
  const occ = scope.occupation_code, lv = scope.levels[0], tag = `i${unique()}`;
  const body = csv([
    `${occ},${lv},single,${tag}-基础,B-01-001,${tag} 单选：我国工频是多少？,25 Hz,50 Hz,60 Hz,100 Hz,B,1`,
    `${occ},${lv},多选,${tag}-基础,B-01-002,${tag} 多选：下列属于导体的有？,铜,铝,橡胶,陶瓷,AB,2`,
    `${occ},${lv},判断,${tag}-安全,H-01-001,${tag} 判断：可以用湿手操作开关。,,,,,错,1`,
    `${occ},${lv},single,${tag}-基础,B-01-003,${tag} 答案不在选项中,a,b,c,d,E,1`,
    `${occ},${lv},multi,${tag}-基础,B-01-004,${tag} 多选只有一个答案,a,b,c,d,A,2`,
    `${occ},${lv},essay,${tag}-基础,B-01-005,${tag} 题型错误,a,b,c,d,A,1`,
    `${occ},${lv},single,${tag}-基础,,${tag} 缺少鉴定点,a,b,c,d,A,1`,
    `${occ},${lv},single,${tag}-基础,B-01-006,${tag} 分值为零,a,b,c,d,A,0`,
    `9-99-99-99,${lv},single,${tag}-基础,B-01-007,${tag} 未知职业,a,b,c,d,A,1`,
    `${occ},${lv},single,${tag}-基础,B-01-008,${tag} 单选：我国工频是多少？,a,b,c,d,A,1`,
  ]);
  const r = await post(org, body);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.rows, 10);
  assert.equal(r.data.imported, 3);
  assert.equal(r.data.rejected, 7);
  assert.equal(r.data.institution_id, instId);
  const got = r.data.errors.map((x) => [x.line, x.field, x.code]);
  assert.deepEqual(got, [
    [5, 'key', 'key_not_in_options'],
    [6, 'key', 'multi_needs_two_keys'],
    [7, 'type', 'invalid_type'],
    [8, 'knowledge_code', 'missing_knowledge_code'],
    [9, 'points', 'invalid_points'],
    [10, 'occupation_code', 'unknown_occupation'],
    [11, 'stem', 'duplicate_stem'],
  ]);
  for (const x of r.data.errors) assert.ok(x.message_zh && x.message_en);
  const bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: org })).data.items.filter((x) => x.area.startsWith(tag));
  assert.equal(bank.length, 3);
  const judge = bank.find((x) => x.kind === 'judge');
  assert.deepEqual(judge.options, ['对', '错']);
  assert.equal(judge.answer, 'B');
  assert.equal(judge.knowledge_code, 'H-01-001');
  assert.equal(judge.institution_id, instId);
  assert.equal(bank.find((x) => x.kind === 'multi').answer, 'AB');
  // every accepted item is in the audit archive, and the import itself
  const sup = await login('supervisor1');
  const audit = (await api('GET', '/api/v1/audit?page_size=50', { token: sup })).data;
  if (audit && audit.items) {
    const ids = new Set(audit.items.filter((x) => x.action === 'item.create').map((x) => String(x.entity_id)));
    for (const it of bank) assert.ok(ids.has(String(it.id)), `item ${it.id} audited`);
    assert.ok(audit.items.some((x) => x.action === 'items.import'));
  }
});

test('import: all-or-nothing stores nothing when a row fails; GB18030 is read', async () => {
  const org = await login('jinan_org_admin');
  const { inst } = await orgScope(org);
  const scope = inst.scopes.find((s) => s.levels.length);
  const occ = scope.occupation_code, lv = scope.levels[0], tag = `g${unique()}`;
  const rows = [
    `${occ},${lv},single,${tag},A-01-001,${tag} 第一题,甲,乙,丙,丁,A,1`,
    `${occ},${lv},single,${tag},A-01-002,${tag} 第二题,甲,乙,丙,丁,X,1`,
  ];
  const r = await post(org, csv(rows), '?all_or_nothing=true');
  assert.equal(r.status, 422, JSON.stringify(r.data));
  assert.equal(r.data.error.code, 'rows_rejected');
  assert.equal(r.data.stored, false);
  assert.deepEqual(r.data.errors.map((x) => [x.line, x.field, x.code]), [[3, 'key', 'key_not_in_options']]);
  let bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: org })).data.items.filter((x) => x.area === tag);
  assert.equal(bank.length, 0);
  // the same file in GB18030 with Chinese headers, the bad row fixed
  const zh = ['职业编码,等级,题型,鉴定范围,鉴定点代码,题干,选项A,选项B,选项C,选项D,答案,分值', rows[0], rows[1].replace(',X,', ',B,')].join('\r\n') + '\r\n';
  const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: zh });
  const g = await post(org, gb, '?all_or_nothing=true');
  assert.equal(g.status, 200, JSON.stringify(g.data));
  assert.equal(g.data.encoding, 'gb18030');
  assert.equal(g.data.imported, 2);
  bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: org })).data.items.filter((x) => x.area === tag);
  assert.deepEqual(bank.map((x) => x.stem).sort(), [`${tag} 第一题`, `${tag} 第二题`]);
  // a file without the required columns
  expectError(await post(org, 'stem,key\n题,A\n'), 422, 'missing_column');
});

test('import: another institution\'s bank and occupations outside the filed scope are refused', async () => {
  const org = await login('jinan_org_admin');
  const { instId, inst } = await orgScope(org);
  const qd = await login('qingdao_org_admin');
  const other = (await orgScope(qd)).instId;
  assert.notEqual(other, instId);
  const scope = inst.scopes.find((s) => s.levels.length);
  const body = csv([`${scope.occupation_code},${scope.levels[0]},single,x,A-01-001,越权 ${unique()},a,b,c,d,A,1`]);
  expectError(await post(org, body, `?institution_id=${other}`), 403, 'outside_scope');
  expectError(await post(await login('candidate1'), body), 403, 'forbidden');
  // an occupation the institution has not filed
  const occs = (await api('GET', '/api/v1/occupations?page_size=500', { token: org })).data;
  const list = occs.items || occs;
  const outside = list.find((o) => o.levels && o.levels.length && !inst.scopes.some((s) => s.occupation_code === o.code));
  if (outside) {
    const lv = outside.levels[0];
    const r = await post(org, csv([`${outside.code},${lv},single,x,A-01-001,范围外 ${unique()},a,b,c,d,A,1`]));
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual(r.data.errors.map((x) => [x.line, x.field, x.code]), [[2, 'occupation_code', 'outside_filed_scope']]);
  }
  // the province imports into the province-wide bank, or names an institution
  const admin = await login('admin');
  const tag = `p${unique()}`;
  const p = await post(admin, csv([`${scope.occupation_code},${scope.levels[0]},single,${tag},A-01-001,${tag} 全省题,a,b,c,d,A,1`]));
  assert.equal(p.status, 200, JSON.stringify(p.data));
  assert.equal(p.data.institution_id, undefined);
  const seen = (await api('GET', `/api/v1/items?occupation_code=${scope.occupation_code}&level=${scope.levels[0]}&page_size=500`, { token: qd })).data.items;
  assert.ok(seen.some((x) => x.area === tag && x.institution_id === null), 'province-wide items are in every bank');
  assert.ok(!seen.some((x) => x.area.startsWith('i') && x.institution_id === instId), 'not another institution\'s');
});

test('import: replaces makes a new version and keeps the old one for papers', async () => {
  const org = await login('jinan_org_admin');
  const { inst } = await orgScope(org);
  const scope = inst.scopes.find((s) => s.levels.length);
  const occ = scope.occupation_code, lv = scope.levels[0], tag = `v${unique()}`;
  const first = await post(org, csv([`${occ},${lv},single,${tag},C-02-001,${tag} 原题,甲,乙,丙,丁,A,1`]));
  assert.equal(first.data.imported, 1);
  const before = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: org })).data.items.find((x) => x.area === tag);
  assert.equal(before.version, 1);
  const body = `${HEADER},replaces\n${occ},${lv},single,${tag},C-02-001,${tag} 修订后的题,甲,乙,丙,丁,B,1,${before.id}\n`;
  const rev = await post(org, body);
  assert.equal(rev.status, 200, JSON.stringify(rev.data));
  assert.equal(rev.data.imported, 1);
  const after = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: org })).data.items.filter((x) => x.area === tag);
  assert.equal(after.length, 1);
  assert.equal(after[0].version, 2);
  assert.equal(after[0].item_key, before.item_key);
  assert.notEqual(after[0].id, before.id);
  assert.equal(after[0].answer, 'B');
  // the old version is no longer current: replacing it again is refused
  const again = await post(org, body.replace('修订后的题', '再次修订'));
  assert.deepEqual(again.data.errors.map((x) => [x.line, x.field, x.code]), [[2, 'replaces', 'not_found']]);
});

test('the seeded banks are loaded and a paper is assembled from a seeded blueprint', async () => {
  const admin = await login('admin');
  for (const [occ, lv, name] of [['6-31-01-03', 4, '6-31-01-03-L4'], ['4-03-02-01', 5, '4-03-02-01-L5']]) {
    const items = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=${lv}&page_size=500`, { token: admin })).data.items.filter((x) => x.institution_id === null && /^[A-Z]-\d\d-\d\d\d$/.test(x.knowledge_code));
    const file = readFileSync(new URL(`../../data/items/${name}.csv`, import.meta.url), 'utf8').trim().split('\n').length - 1;
    assert.ok(items.length >= 110 && items.length >= file, `${occ}: ${items.length} seeded items`);
    const kinds = new Set(items.map((x) => x.kind));
    assert.deepEqual([...kinds].sort(), ['judge', 'multi', 'single']);
  }
  // 中式烹调师五级: its blueprint (as seeded) and a plan of the Jinan organisation with candidate1
  const org = await login('jinan_org_admin');
  const { instId, inst } = await orgScope(org);
  const occ = '4-03-02-01';
  await ensureScope(instId, inst, occ, 5);
  const lines = readFileSync(new URL('../../data/items/4-03-02-01-L5.blueprint.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const cells = lines.map((l) => { const [, , area, kind, count] = l.split(','); return { area, kind, count: Number(count) }; });
  const points = lines.reduce((s, l) => s + Number(l.split(',')[5]), 0);
  assert.equal(points, 100);
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: admin, body: { occupation_code: occ, level: 5, cells } })).status, 200);
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `题库组卷 ${unique()}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  assert.ok(plan.id, JSON.stringify(plan));
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  const c1 = await login('candidate1');
  const reg = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: c1, body: { option: '2023-5-a', declared: true } })).data;
  assert.equal((await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '题库考场', minutes: 90, invigilators: await invigilators(org) } })).data;
  const adm = await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } });
  assert.equal(adm.status, 201, JSON.stringify(adm.data));
  const paper = await api('POST', `/api/v1/attempts/${adm.data.attempt_id}/open`, { token: c1 });
  assert.equal(paper.status, 200, JSON.stringify(paper.data));
  const want = cells.reduce((s, c) => s + c.count, 0);
  assert.equal(paper.data.items.length, want);
  assert.equal(paper.data.items.reduce((s, x) => s + x.points, 0), 100);
  for (const it of paper.data.items) assert.equal(it.answer, undefined);
  const perKind = {};
  for (const it of paper.data.items) perKind[it.kind] = (perKind[it.kind] || 0) + 1;
  for (const k of ['single', 'multi', 'judge']) assert.equal(perKind[k], cells.filter((c) => c.kind === k).reduce((s, c) => s + c.count, 0));
  await api('POST', `/api/v1/attempts/${adm.data.attempt_id}/submit`, { token: c1 });
});

test('the demo candidate has a 电工四级 exam whose paper follows the seeded blueprint', async () => {
  const c1 = await login('candidate1');
  const mine = (await api('GET', '/api/v1/attempts', { token: c1 })).data.items;
  const demo = mine.find((x) => x.plan.includes('电工四级'));
  assert.ok(demo, 'the demo plan admitted candidate1');
  const paper = await api('POST', `/api/v1/attempts/${demo.attempt_id}/open`, { token: c1 });
  assert.equal(paper.status, 200, JSON.stringify(paper.data));
  const lines = readFileSync(new URL('../../data/items/6-31-01-03-L4.blueprint.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  assert.equal(paper.data.items.length, lines.reduce((s, l) => s + Number(l[4]), 0));
  assert.equal(paper.data.items.reduce((s, x) => s + x.points, 0), 100);
  for (const k of ['single', 'multi', 'judge'])
    assert.equal(paper.data.items.filter((x) => x.kind === k).length, lines.filter((l) => l[3] === k).reduce((s, l) => s + Number(l[4]), 0));
  for (const it of paper.data.items) assert.equal(it.answer, undefined);
});

test('jineng import items: the CLI reads the file and reports rejected rows', async () => {
  if (!process.env.JINENG_BIN || !process.env.JINENG_TMP) return;
  const tag = `cli${unique()}`;
  const file = `${process.env.JINENG_TMP}/items-${tag}.csv`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, csv([
    `6-31-01-03,4,single,${tag},B-01-001,${tag} 命令行导入,甲,乙,丙,丁,A,1`,
    `6-31-01-03,4,multi,${tag},B-01-002,${tag} 多选少答案,甲,乙,丙,丁,A,2`,
  ]));
  let out = '', rc = 0;
  try {
    out = execFileSync(process.env.JINENG_BIN, ['import', 'items', file, '--db', process.env.JINENG_DB_URL], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    rc = e.status;
    out = String(e.stdout) + String(e.stderr);
  }
  assert.equal(rc, 1);
  assert.match(out, /imported 1 of 2 items/);
  assert.match(out, /line 3: key: multi_needs_two_keys/);
});
