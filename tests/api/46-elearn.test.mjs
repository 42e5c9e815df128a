// 线上学习培训 and 知识竞赛 (issue 23 item 4; docs/DOMAIN.md §55): a course of a training institution tied to one of
// its classes; its video stored by SM3 and served with range requests; a learner's heartbeats credited by the checks
// (a second device and a second tab refused, an impossible speed and an overdue presence check credit nothing);
// the whole 学时 count toward the class's completion. A contest round: answers after a contestant's deadline
// refused, the round scored once at its deadline, leaderboards by person, employer and city.
// Time is moved on with dbExec (a beat's previous time, a deadline) instead of sleeping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { api, login, expectError, creditCode, idNumber, unique, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const sm3Like = /^[0-9a-f]{64}$/;
// a tiny MP4: an ftyp box, then bytes
const MP4 = (tag) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12), Buffer.from(`视频内容 ${tag} `.repeat(40))]);

async function learner(prov, tag, s, region = '370102') {
  const p = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `线上学员${s}`, id_number: idNumber(region, '19930313', 101 + ((unique() * 7 + s * 13) % 440) * 2) } }), 201);
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}l${s}`, password: PASSWORD, role: 'candidate', person_id: p.id } }), 201);
  return { pid: p.id, token: await login(u.username, PASSWORD) };
}

test('online 学时: range requests, one device and one tab, plausible speed, presence checks, hours toward the class', async () => {
  const prov = await login('admin');
  const tag = `el${unique()}${Date.now() % 100000}`;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  // a training institution of 济南 with a class of 2 hours to complete
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `线上学习学校${tag}`, credit_code: creditCode(`52370100M${String((Date.now() + 46) % 1000000).padStart(6, '0')}9Y`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `线上${tag}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
  const occ = dbExec("SELECT 'o=' || code FROM occupations WHERE (levels & 32) <> 0 ORDER BY code LIMIT 1").match(/o=(\S+)/)[1];
  const tcourse = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: occ, level: 5, title: `线上课程${tag}`, class_hours: 2, price: '300', capacity: 30, subsidised: true, starts: [] } }), 201);
  const adm = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}a`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const at = await login(adm.username, PASSWORD);
  const cls = ok(await api('POST', `/api/v1/training/courses/${tcourse.id}/classes`, { token: at, body: { teacher_user_id: adm.id, starts_on: today, ends_on: '2099-12-31', completion_hours: 2 } }), 201);
  const me = await learner(prov, tag, 1);
  ok(await api('POST', `/api/v1/training/classes/${cls.id}/enrolments`, { token: at, body: { person_id: me.pid } }), 201);

  // the online course: 1 minute a 学时 here (the course's own rule), 5 学时 at most, tied to the class
  expectError(await api('POST', '/api/v1/elearn/courses', { token: at, body: { title: '错班', hour_minutes: 1, max_hours: 5, class_id: 999999999 } }), 422, 'invalid_class');
  const c = ok(await api('POST', '/api/v1/elearn/courses', { token: at, body: { title: `安全生产线上课${tag}`, summary: '视频课程', hour_minutes: 1, max_hours: 5, class_id: cls.id } }), 201);
  assert.deepEqual([c.status, c.institution_id, c.class_id, c.region_code], ['draft', inst.id, cls.id, '370102']);
  expectError(await api('PATCH', `/api/v1/elearn/courses/${c.id}`, { token: at, body: { status: 'published' } }), 409, 'no_resources');
  const video = MP4(tag);
  const up = (body, ct, q = '?title=第一讲&kind=video&seconds=600') => api('POST', `/api/v1/elearn/courses/${c.id}/resources${q}`, { token: at, raw: body, headers: { 'Content-Type': ct } });
  expectError(await up(Buffer.from('%PDF-1.4 not a video'), 'video/mp4'), 415, 'unsupported_media');
  const res = ok(await up(video, 'video/mp4'), 201);
  assert.match(res.sm3, sm3Like);
  assert.equal(res.size, video.length);
  ok(await api('PATCH', `/api/v1/elearn/courses/${c.id}`, { token: at, body: { status: 'published' } }));

  // range requests: 206 with Content-Range, the whole with a stale If-Range, 416 beyond the end
  const content = (headers) => api('GET', `/api/v1/elearn/resources/${res.id}/content`, { token: me.token, headers });
  let r = await content({ Range: 'bytes=0-15' });
  assert.equal(r.status, 206);
  assert.equal(r.headers.get('content-range'), `bytes 0-15/${video.length}`);
  assert.deepEqual(r.data, video.subarray(0, 16));
  r = await content({ Range: `bytes=-10` });
  assert.equal(r.status, 206);
  assert.deepEqual(r.data, video.subarray(video.length - 10));
  r = await content({ Range: 'bytes=20-', 'If-Range': `"${res.sm3}"` });
  assert.equal(r.status, 206);
  assert.deepEqual(r.data, video.subarray(20));
  r = await content({ Range: 'bytes=20-', 'If-Range': '"stale"' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('etag'), `"${res.sm3}"`);
  assert.equal(r.headers.get('accept-ranges'), 'bytes');
  assert.deepEqual(r.data, video);
  r = await content({ Range: `bytes=${video.length}-` });
  expectError(r, 416, 'range_not_satisfiable');
  assert.equal(r.headers.get('content-range'), `bytes */${video.length}`);
  // the content is what its key says
  const sm3 = crypto.getHashes().includes('sm3') ? crypto.createHash('sm3').update(video).digest('hex') : res.sm3;
  assert.equal(res.sm3, sm3);

  // a session on device A, tab 1; device B and tab 2 refused while it lives
  const devA = `${tag}-phoneA`, devB = `${tag}-laptopB`, tab1 = `${tag}-tab1`, tab2 = `${tag}-tab2`;
  const start = (dev, tab) => api('POST', `/api/v1/elearn/courses/${c.id}/sessions`, { token: me.token, body: { resource_id: res.id, device_id: dev, tab_id: tab } });
  const s = ok(await start(devA, tab1), 201);
  expectError(await start(devB, tab1), 409, 'another_device');
  expectError(await start(devA, tab2), 409, 'another_tab');
  assert.equal(ok(await start(devA, tab1)).session_id, s.session_id); // the same device and tab resume it
  const back = (secs) => dbExec(`UPDATE elearn_sessions SET last_beat_at = last_beat_at - ${secs} WHERE id = ${s.session_id}`);
  const beat = (pos, dev = devA, tab = tab1, extra = {}) => api('POST', `/api/v1/elearn/sessions/${s.session_id}/beats`, { token: me.token, body: { device_id: dev, tab_id: tab, position_s: pos, ...extra } });
  back(30);
  let b = ok(await beat(30));
  assert.equal(b.verdict, 'counted');
  const first = b.credited_s;
  assert.ok(first >= 30 && first <= 34);
  // the second device sending beats into the first one's session: refused, nothing counted
  back(30);
  expectError(await beat(60, devB, tab1), 409, 'another_device');
  expectError(await beat(60, devA, tab2), 409, 'another_tab');
  // an impossible speed: 400 s of video in 30 s
  b = ok(await beat(460));
  assert.deepEqual([b.credited_s, b.verdict, b.course_credited_s], [0, 'too_fast', first]);
  // a beat after a lapse: nothing for the gap
  back(200);
  b = ok(await beat(470));
  assert.deepEqual([b.credited_s, b.verdict], [0, 'lapsed']);
  // normal play again: 30 + 30 + 30 s -> 90 s, 1 学时 at 1 minute a 学时
  // (a second may pass between moving the time and the beat: each beat credits 30 or a little more)
  // (on a busy machine a few seconds may pass between moving the time and the beat: a beat credits 30 or a little
  // more, and the course's total is the sum of what each beat said it credited)
  const near = (x, want) => assert.ok(x >= want && x <= want + 4, `${x} vs ${want}`);
  let sum = first;
  for (const pos of [500, 530, 560]) {
    back(30);
    b = ok(await beat(pos));
    assert.equal(b.verdict, 'counted');
    near(b.credited_s, 30);
    sum += b.credited_s;
    assert.equal(b.course_credited_s, sum);
  }
  assert.equal(b.hours, Math.floor(sum / 60));
  assert.equal(b.hours, 2);
  // a presence check asked, not answered in time: nothing counted; answered: counted again
  dbExec(`UPDATE elearn_sessions SET presence_due_at = 0 WHERE id = ${s.session_id}`);
  back(30);
  b = ok(await beat(590));
  assert.ok(b.presence && /^\d{4}$/.test(b.presence.code), JSON.stringify(b));
  assert.equal(b.verdict, 'counted'); // the check is asked; this beat still counts
  sum += b.credited_s;
  dbExec(`UPDATE elearn_sessions SET presence_asked_at = presence_asked_at - 200, last_beat_at = last_beat_at - 30 WHERE id = ${s.session_id}`);
  b = ok(await beat(599));
  assert.deepEqual([b.credited_s, b.verdict], [0, 'presence_missed']);
  const wrong = b.presence.code === '0000' ? '0001' : '0000';
  expectError(await api('POST', `/api/v1/elearn/sessions/${s.session_id}/presence`, { token: me.token, body: { code: wrong } }), 422, 'wrong_code');
  ok(await api('POST', `/api/v1/elearn/sessions/${s.session_id}/presence`, { token: me.token, body: { code: b.presence.code } }));
  expectError(await api('POST', `/api/v1/elearn/sessions/${s.session_id}/presence`, { token: me.token, body: { code: b.presence.code } }), 409, 'no_check');
  // the end of the session; another learner cannot touch it
  const other = await learner(prov, tag, 2);
  expectError(await api('POST', `/api/v1/elearn/sessions/${s.session_id}/beats`, { token: other.token, body: { device_id: devA, tab_id: tab1, position_s: 1 } }), 404, 'not_found');
  back(30);
  b = ok(await beat(600, devA, tab1, { end: true }));
  assert.equal(b.status, 'ended');
  near(b.credited_s, 30);
  sum += b.credited_s;
  const total = b.course_credited_s;
  assert.equal(total, sum); // 30, then 3 × 30, the beat that asked the check 30, this one 30: about 180
  assert.ok(total >= 180 && total < 240);
  expectError(await beat(600), 409, 'session_ended');
  // now device B may start
  ok(await start(devB, tab1), 201);

  // my hours, and the class: 2 online 学时 complete it
  const mine = ok(await api('GET', '/api/v1/elearn/me', { token: me.token }));
  const row = mine.courses.find((x) => x.course_id === c.id);
  assert.deepEqual([row.credited_s, row.hours, row.class_id], [total, 3, cls.id]);
  assert.ok(row.refused_s >= 30 + 45 + 30, JSON.stringify(row));
  const klass = ok(await api('GET', `/api/v1/training/classes/${cls.id}`, { token: me.token }));
  assert.deepEqual([klass.me.attended_hours, klass.me.completed], [3, true], JSON.stringify(klass.me));
  const got = ok(await api('GET', `/api/v1/elearn/courses/${c.id}`, { token: me.token }));
  assert.deepEqual([got.mine.hours, got.items[0].credited_s], [3, total]);
  // a draft is not read by learners; another city's admin may not change the course
  const draft = ok(await api('POST', '/api/v1/elearn/courses', { token: at, body: { title: `草稿${tag}`, hour_minutes: 45, max_hours: 2 } }), 201);
  expectError(await api('GET', `/api/v1/elearn/courses/${draft.id}`, { token: me.token }), 404, 'not_found');
  expectError(await api('PATCH', `/api/v1/elearn/courses/${c.id}`, { token: await login('qingdao_admin'), body: { title: 'x' } }), 403, 'forbidden');
});

test('知识竞赛: a timed round, a late answer refused, scored at the deadline, leaderboards', async () => {
  const prov = await login('admin');
  const tag = `kc${unique()}${Date.now() % 100000}`;
  // a contest shows its stems to every contestant, so it draws only from the practice pool (§62), never from the
  // secret exam pool: an occupation certifiable at level 5 with no level-5 blueprint or items (nobody's exam), four
  // single-choice items written, three released to practice, the fourth left secret
  const occ = dbExec("SELECT 'o=' || code FROM occupations WHERE (levels & 32) <> 0 AND code NOT IN (SELECT occupation_code FROM blueprints WHERE level = 5) AND code NOT IN (SELECT occupation_code FROM items WHERE level = 5) ORDER BY code DESC LIMIT 1").match(/o=(\S+)/)[1];
  const level = 5;
  const released = [];
  for (let i = 0; i < 4; i++) {
    const id = ok(await api('POST', '/api/v1/items', { token: prov, body: { occupation_code: occ, level, kind: 'single', area: `${tag}-竞赛`, stem: `${tag} 竞赛题 ${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'ABCD'[i], points: 2 } }), 201).id;
    if (i < 3) {
      ok(await api('POST', '/api/v1/practice/items', { token: prov, body: { item_id: id, explanation: `解析 ${i}` } }));
      released.push(id);
    }
  }
  const now = Math.floor(Date.now() / 1000);
  const body = { title: `安全知识竞赛${tag}`, occupation_code: occ, level, opens_at: now - 60, closes_at: now + 3600, minutes: 20, items: { single: 3 } };
  expectError(await api('POST', '/api/v1/contest-rounds', { token: prov, body: { ...body, items: { single: 100000 } } }), 422, 'invalid_value');
  expectError(await api('POST', '/api/v1/contest-rounds', { token: await login('jinan_org_admin'), body }), 403, 'forbidden');
  const round = ok(await api('POST', '/api/v1/contest-rounds', { token: prov, body }), 201);
  assert.deepEqual([round.status, round.nitems, round.contestants], ['open', 3, 0]);
  const drawn = JSON.parse(dbExec(`SELECT 'j=' || paper FROM contest_rounds WHERE id = ${round.id}`).match(/j=(.*)$/m)[1]).map((x) => x.item);
  assert.deepEqual(drawn.sort((x, y) => x - y), released, 'the three released items, never the secret fourth');
  // four items asked: the bank holds four singles of the occupation and level, the practice pool three
  expectError(await api('POST', '/api/v1/contest-rounds', { token: prov, body: { ...body, title: `${body.title}四`, items: { single: 4 } } }), 409, 'bank_too_small');
  expectError(await api('POST', `/api/v1/contest-rounds/${round.id}/score`, { token: prov }), 409, 'not_closed');

  // three contestants of two cities; the keys as shown come from the bank through the paper's order
  const a = await learner(prov, tag, 1, '370102'), b = await learner(prov, tag, 2, '370202'), late = await learner(prov, tag, 3, '370102');
  const paper = ok(await api('POST', `/api/v1/contest-rounds/${round.id}/entries`, { token: a.token }));
  assert.equal(paper.items.length, 3);
  assert.ok(paper.deadline <= round.closes_at && paper.deadline <= paper.started_at + 20 * 60);
  const stored = JSON.parse(dbExec(`SELECT 'j=' || paper FROM contest_rounds WHERE id = ${round.id}`).match(/j=(.*)$/m)[1]);
  const shownKey = (pos) => {
    const p = stored[pos];
    const key = dbExec(`SELECT 'a=' || answer FROM items WHERE id = ${p.item}`).match(/a=(\S+)/)[1];
    return [...key].map((l) => String.fromCharCode(65 + p.order.indexOf(l.charCodeAt(0) - 65))).sort().join('');
  };
  const right = [0, 1, 2].map(shownKey);
  const wrongOf = (k, n) => (k === 'A' ? 'B' : 'A').slice(0, n);
  ok(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: a.token, body: { answers: right } }));
  ok(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: a.token, body: { answers: right, final: true } }));
  expectError(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: a.token, body: { answers: right } }), 409, 'already_submitted');
  ok(await api('POST', `/api/v1/contest-rounds/${round.id}/entries`, { token: b.token }));
  ok(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: b.token, body: { answers: [right[0], wrongOf(right[1], 1), ''] } }));
  // not entered: 404; the late one's time runs out before they answer: refused, nothing stored
  expectError(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: late.token, body: { answers: right } }), 404, 'not_entered');
  ok(await api('POST', `/api/v1/contest-rounds/${round.id}/entries`, { token: late.token }));
  dbExec(`UPDATE contest_entries SET deadline = deadline - 7200 WHERE round_id = ${round.id} AND person_id = ${late.pid}`);
  expectError(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: late.token, body: { answers: right } }), 409, 'deadline_passed');
  expectError(await api('GET', `/api/v1/contest-rounds/${round.id}/leaderboard`, { token: a.token }), 409, 'not_scored');

  // the deadline passes: the round takes no entry, and is scored once (by the schedule or the organiser)
  dbExec(`UPDATE contest_rounds SET closes_at = ${now - 1} WHERE id = ${round.id}`);
  expectError(await api('POST', `/api/v1/contest-rounds/${round.id}/entries`, { token: (await learner(prov, tag, 4)).token }), 409, 'deadline_passed');
  expectError(await api('PUT', `/api/v1/contest-rounds/${round.id}/answers`, { token: b.token, body: { answers: right } }), 409, 'deadline_passed');
  // (the schedule may have scored it already: the organiser's request scores it again, to the same result)
  ok(await api('POST', `/api/v1/contest-rounds/${round.id}/score`, { token: prov }));
  expectError(await api('POST', `/api/v1/contest-rounds/${round.id}/score`, { token: await login('qingdao_admin') }), 403, 'forbidden');
  const scored = ok(await api('GET', `/api/v1/contest-rounds/${round.id}`, { token: a.token }));
  assert.equal(scored.status, 'scored');
  assert.equal(scored.contestants, 3);
  assert.ok(scored.scored_at >= now - 1);
  assert.deepEqual([scored.mine.rank, scored.mine.correct], [1, 3]);

  // the leaderboards: a first with all right, b second with one, the late one last with none
  const pts = stored.map((p) => Number(dbExec(`SELECT 'p=' || points FROM items WHERE id = ${p.item}`).match(/p=([\d.]+)/)[1]));
  const byPerson = ok(await api('GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=person`, { token: b.token }));
  assert.deepEqual(byPerson.items.map((x) => [x.rank, x.correct]), [[1, 3], [2, 1], [3, 0]]);
  assert.equal(byPerson.items[0].score, pts[0] + pts[1] + pts[2]);
  assert.equal(byPerson.items[1].mine, true);
  assert.equal(byPerson.items[1].name, '线上学员2');
  assert.notEqual(byPerson.items[0].name, '线上学员1'); // another's name masked
  const organiser = ok(await api('GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=person`, { token: prov }));
  assert.equal(organiser.items[0].name, '线上学员1');
  const byCity = ok(await api('GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=city`, { token: a.token }));
  assert.deepEqual(byCity.items.map((x) => [x.name.slice(0, 6), x.contestants]).sort(), [['370100', 2], ['370200', 1]]);
  const jinan = byCity.items.find((x) => x.name.startsWith('370100'));
  assert.equal(jinan.mean_score, (pts[0] + pts[1] + pts[2]) / 2);
  ok(await api('GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=employer`, { token: a.token }));
  expectError(await api('GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=team`, { token: a.token }), 422, 'invalid_value');
  // the answer-copying check ran over the round
  const checked = ok(await api('GET', `/api/v1/contest-rounds/${round.id}`, { token: prov }));
  if (checked.pairs_tested !== null) assert.equal(checked.pairs_tested, 3);
});
