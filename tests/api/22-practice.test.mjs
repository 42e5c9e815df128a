// 模拟练习 (practice papers; issue 23 item 4; docs/DOMAIN.md §62): the province releases items of its bank to the
// practice pool with explanations (an item still secret is never drawn; an item on a paper of a sitting under way
// cannot be released); a learner starts papers drawn by the exam chain's paper assembly to the province's blueprint
// scaled to the city's paper length, submits once and sees the score, the keys and the explanations; the city's
// daily limit; a paper of an online course's occupation; another learner and another city see nothing; nothing
// reaches the real exams' tables.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const MP4 = (tag) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12), Buffer.from(`练习课程视频 ${tag} `.repeat(40))]);
const cleanup = [];
after(() => { for (const sql of cleanup.reverse()) dbExec(sql); });

async function learner(prov, tag, s, region) {
  const p = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `练习学员${s}`, id_number: idNumber(region, '19950606', 101 + ((unique() * 11 + s * 17) % 440) * 2) } }), 201);
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}p${s}`, password: PASSWORD, role: 'candidate', person_id: p.id } }), 201);
  return { pid: p.id, token: await login(u.username, PASSWORD) };
}

test('模拟练习: the practice pool, a paper to the scaled blueprint, scored with keys and explanations, the daily limit, no leak', async () => {
  const prov = await login('admin');
  const tag = `px${unique()}${Date.now() % 100000}`;
  // an occupation certifiable at level 5 with no level-5 blueprint and no level-5 items yet: nobody else's exam
  const occ = dbExec("SELECT 'o=' || code FROM occupations WHERE (levels & 32) <> 0 AND code NOT IN (SELECT occupation_code FROM blueprints WHERE level = 5) AND code NOT IN (SELECT occupation_code FROM items WHERE level = 5) ORDER BY code DESC LIMIT 1").match(/o=(\S+)/)[1];
  const item = async (kind, area, i, answer, points) => ok(await api('POST', '/api/v1/items', { token: prov, body: { occupation_code: occ, level: 5, kind, area, stem: `${tag} ${kind} 题 ${i}`, options: kind === 'judge' ? ['对', '错'] : ['甲', '乙', '丙', '丁'], answer, points } }), 201).id;
  const singles = [], judges = [];
  for (let i = 0; i < 4; i++) singles.push(await item('single', `${tag}-A`, i, 'B', 2));
  for (let i = 0; i < 2; i++) judges.push(await item('judge', `${tag}-B`, i, 'A', 1));
  const secret = await item('single', `${tag}-A`, 99, 'C', 2); // stays in the secret exam pool
  const secretStem = `${tag} single 题 99`;

  // releases: the province's bank by the province; another institution and a learner may not
  const explain = (id) => `解析 ${tag} #${id}`;
  for (const id of [...singles, ...judges]) {
    const r = ok(await api('POST', '/api/v1/practice/items', { token: prov, body: { item_id: id, explanation: explain(id) } }));
    assert.deepEqual([r.item_id, r.released], [id, true]);
  }
  expectError(await api('POST', '/api/v1/practice/items', { token: await login('jinan_org_admin'), body: { item_id: secret, explanation: 'x' } }), 403, 'forbidden');
  // released again: the explanation changes, it is not a second release
  const again = ok(await api('POST', '/api/v1/practice/items', { token: prov, body: { item_id: singles[0], explanation: explain(singles[0]) } }));
  assert.equal(again.released, false);
  // an item on a paper of a sitting still under way cannot be released (its candidates would find it here)
  const att = dbExec("SELECT 'a=' || id || '|' || sitting_id || '|' || status FROM attempts ORDER BY id LIMIT 1").match(/a=(\d+)\|(\d+)\|(\w+)/);
  assert.ok(att, 'the demo has an exam attempt');
  {
    const [, aid, sid, status] = att;
    dbExec(`UPDATE attempts SET status = 'started' WHERE id = ${aid}`);
    dbExec(`INSERT INTO item_exposure (sitting_id, item_id, uses) VALUES (${sid}, ${secret}, 1)`);
    try {
      expectError(await api('POST', '/api/v1/practice/items', { token: prov, body: { item_id: secret, explanation: 'x' } }), 409, 'item_in_use');
    } finally {
      dbExec(`DELETE FROM item_exposure WHERE sitting_id = ${sid} AND item_id = ${secret}`);
      dbExec(`UPDATE attempts SET status = '${status}' WHERE id = ${aid}`);
    }
  }
  // the pool as its editors read it (keys included) and as a supervisor audits it (no keys)
  const pool = ok(await api('GET', `/api/v1/practice/items?occupation_code=${occ}&level=5&page_size=50`, { token: prov }));
  assert.deepEqual(pool.items.map((x) => x.id).sort((a, b) => a - b), [...singles, ...judges].sort((a, b) => a - b));
  assert.equal(pool.items.find((x) => x.id === judges[0]).explanation, explain(judges[0]));
  assert.equal(pool.items.find((x) => x.id === singles[1]).answer, 'B');
  const audited = ok(await api('GET', `/api/v1/practice/items?occupation_code=${occ}&level=5`, { token: await login('supervisor1') }));
  assert.equal(audited.total, 6);
  assert.ok(audited.items.every((x) => !('answer' in x)));

  // the province's blueprint of the occupation and level: 3 singles of area A, 1 true/false of area B (4 items)
  ok(await api('PUT', '/api/v1/blueprints', { token: prov, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: 3 }, { area: `${tag}-B`, kind: 'judge', count: 1 }] } }));
  cleanup.push(`DELETE FROM blueprints WHERE occupation_code = '${occ}' AND level = 5 AND institution_id = 0`);
  // 济南's limits: 2 papers a day of 3 items (the province's default is 5 of 20); only the province sets them
  const rule = { papers_per_day: 2, items_per_paper: 3, source: `测试 ${tag}` };
  expectError(await api('PUT', '/api/v1/practice/rules/370100', { token: await login('jinan_admin'), body: rule }), 403, 'forbidden');
  expectError(await api('PUT', '/api/v1/practice/rules/370102', { token: prov, body: rule }), 422, 'invalid_value');
  const before = dbExec("SELECT 'r=' || COUNT(*) FROM practice_rules WHERE region_code = '370100'").match(/r=(\d+)/)[1];
  assert.equal(before, '0', 'no 济南 rule before this test');
  const rules = ok(await api('PUT', '/api/v1/practice/rules/370100', { token: prov, body: rule }));
  cleanup.push("DELETE FROM practice_rules WHERE region_code = '370100'");
  assert.deepEqual(rules.items.filter((x) => ['370000', '370100'].includes(x.region_code)).map((x) => [x.region_code, x.papers_per_day, x.items_per_paper]), [['370000', 5, 20], ['370100', 2, 3]]);

  const me = await learner(prov, tag, 1, '370102');
  const other = await learner(prov, tag, 2, '370202');
  const opts = ok(await api('GET', '/api/v1/practice/options', { token: me.token }));
  assert.deepEqual([opts.rule.region_code, opts.rule.papers_per_day, opts.rule.items_per_paper, opts.used_today, opts.left_today], ['370100', 2, 3, 0, 2]);
  assert.deepEqual(opts.pools.filter((p) => p.occupation_code === occ).map((p) => [p.level, p.items]), [[5, 6]]);
  // 青岛 has no rule of its own: the province's
  assert.deepEqual(ok(await api('GET', '/api/v1/practice/options', { token: other.token })).rule.region_code, '370000');
  expectError(await api('POST', '/api/v1/practice/papers', { token: prov, body: { occupation_code: occ, level: 5 } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/practice/papers', { token: me.token, body: { occupation_code: occ, level: 4 } }), 409, 'no_practice_items');

  // the paper: the blueprint 3 + 1 scaled to 3 items — 3×3/4 = 2.25 → 2 singles, 1×3/4 = 0.75 → 0, the item
  // left over to the larger remainder (0.75): 1 true/false
  const paper = ok(await api('POST', '/api/v1/practice/papers', { token: me.token, body: { occupation_code: occ, level: 5 } }), 201);
  assert.deepEqual([paper.status, paper.nitems, paper.total_points, paper.left_today, paper.score], ['open', 3, 5, 1, null]);
  assert.deepEqual(paper.items.map((x) => x.kind).sort(), ['judge', 'single', 'single']);
  assert.ok(paper.items.every((x) => !('key' in x) && !('explanation' in x)), 'no key before submission');
  assert.ok(!JSON.stringify(paper).includes(secretStem), 'the secret item is never drawn');
  // the answers: the first single right, the second wrong, the true/false right (keys as shown from the stored order)
  const stored = JSON.parse(dbExec(`SELECT 'p=' || paper FROM practice_papers WHERE id = ${paper.id}`).match(/p=(.*)/)[1]);
  const shownKey = (p) => {
    const key = dbExec(`SELECT 'a=' || answer FROM items WHERE id = ${p.item}`).match(/a=(\S+)/)[1];
    return String.fromCharCode(65 + p.order.indexOf(key.charCodeAt(0) - 65));
  };
  const sheet = stored.map((p, i) => ({ ...p, kind: paper.items[i].kind, key: shownKey(p) }));
  const firstSingle = sheet.findIndex((x) => x.kind === 'single');
  const answers = sheet.map((x, i) => (x.kind === 'judge' || i === firstSingle ? x.key : x.key === 'A' ? 'B' : 'A'));
  expectError(await api('POST', `/api/v1/practice/papers/${paper.id}/submit`, { token: other.token, body: { answers } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/practice/papers/${paper.id}/submit`, { token: me.token, body: { answers: ['Z'] } }), 422, 'invalid_value');
  const done = ok(await api('POST', `/api/v1/practice/papers/${paper.id}/submit`, { token: me.token, body: { answers } }));
  // 2 (the right single) + 1 (the true/false) of 5
  assert.deepEqual([done.status, done.score, done.correct, done.total_points], ['submitted', 3, 2, 5]);
  assert.deepEqual(done.items.map((x) => x.right), sheet.map((x, i) => x.kind === 'judge' || i === firstSingle));
  assert.deepEqual(done.items.map((x) => x.key), sheet.map((x) => x.key));
  assert.deepEqual(done.items.map((x) => x.answer), answers);
  assert.deepEqual(done.items.map((x) => x.explanation), stored.map((p) => explain(p.item)));
  expectError(await api('POST', `/api/v1/practice/papers/${paper.id}/submit`, { token: me.token, body: { answers } }), 409, 'already_submitted');
  // read back later: the same review
  assert.deepEqual(ok(await api('GET', `/api/v1/practice/papers/${paper.id}`, { token: me.token })).items, done.items);

  // who sees it: the learner, 济南 and the province; not another learner, not 青岛
  expectError(await api('GET', `/api/v1/practice/papers/${paper.id}`, { token: other.token }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/practice/papers/${paper.id}`, { token: await login('qingdao_admin') }), 404, 'not_found');
  ok(await api('GET', `/api/v1/practice/papers/${paper.id}`, { token: await login('jinan_admin') }));
  const listed = (d) => d.items.some((x) => x.id === paper.id);
  assert.ok(listed(ok(await api('GET', '/api/v1/practice/papers?page_size=500', { token: await login('jinan_admin') }))));
  assert.ok(!listed(ok(await api('GET', '/api/v1/practice/papers?page_size=500', { token: await login('qingdao_admin') }))));
  assert.ok(!listed(ok(await api('GET', '/api/v1/practice/papers', { token: other.token }))));
  assert.deepEqual(ok(await api('GET', '/api/v1/practice/papers', { token: me.token })).items.map((x) => x.id), [paper.id]);

  // the second paper of the day, from an online course of the occupation and level; a course without one refused
  const course = ok(await api('POST', '/api/v1/elearn/courses', { token: prov, body: { title: `练习课程${tag}`, occupation_code: occ, level: 5, hour_minutes: 45, max_hours: 2 } }), 201);
  ok(await api('POST', `/api/v1/elearn/courses/${course.id}/resources?title=${encodeURIComponent('第一讲')}&kind=video&seconds=60`, { token: prov, raw: MP4(tag), headers: { 'Content-Type': 'video/mp4' } }), 201);
  expectError(await api('POST', '/api/v1/practice/papers', { token: me.token, body: { course_id: course.id } }), 404, 'not_found'); // a draft is not the learner's
  ok(await api('PATCH', `/api/v1/elearn/courses/${course.id}`, { token: prov, body: { status: 'published' } }));
  const bare = ok(await api('POST', '/api/v1/elearn/courses', { token: prov, body: { title: `无职业课程${tag}`, hour_minutes: 45, max_hours: 2 } }), 201);
  expectError(await api('POST', '/api/v1/practice/papers', { token: prov, body: { course_id: bare.id } }), 403, 'forbidden');
  const second = ok(await api('POST', '/api/v1/practice/papers', { token: me.token, body: { course_id: course.id } }), 201);
  assert.deepEqual([second.course_id, second.occupation_code, second.level, second.nitems, second.left_today], [course.id, occ, 5, 3, 0]);
  // the third of the day is refused (济南: 2 a day); 青岛's learner still has the province's 5
  expectError(await api('POST', '/api/v1/practice/papers', { token: me.token, body: { occupation_code: occ, level: 5 } }), 409, 'daily_limit');
  const theirs = ok(await api('POST', '/api/v1/practice/papers', { token: other.token, body: { occupation_code: occ, level: 5 } }), 201);
  assert.equal(theirs.nitems, 4); // the province's 20 a paper keeps the whole blueprint (3 + 1)
  assert.equal(ok(await api('GET', '/api/v1/practice/options', { token: me.token })).left_today, 0);

  // practice never reaches the real exams: no exposure, no answers, no item statistics of the pool's items
  const ids = [...singles, ...judges, secret].join(',');
  for (const t of ['item_exposure', 'item_stats']) {
    const n = dbExec(`SELECT 'n=' || COUNT(*) FROM ${t} WHERE item_id IN (${ids})`).match(/n=(\d+)/);
    if (n) assert.equal(n[1], '0', t);
  }
  // a released item's revision stays in the pool with its explanation (the release is of every version)
  const revId = ok(await api('PUT', `/api/v1/items/${singles[2]}`, { token: prov, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-A`, stem: `${tag} single 题 2 修订`, options: ['甲', '乙', '丙', '丁'], answer: 'B', points: 2 } }), 201).id;
  const pool2 = ok(await api('GET', `/api/v1/practice/items?occupation_code=${occ}&level=5&page_size=50`, { token: prov }));
  assert.ok(pool2.items.some((x) => x.id === revId && x.explanation === explain(singles[2])), 'the revision is released with its item');
  assert.ok(!pool2.items.some((x) => x.id === singles[2]), 'the replaced version is not current');
});
