// 投诉举报: anyone submits (anonymously if they choose) and follows it by tracking code; the complaint goes to
// the city of the institution concerned with deadlines in working days on the holiday calendar; the city
// handles it through its workflow with investigation records; the complainant's identity reaches only the
// handler; other cities, institutions and the public see nothing of it; submissions are throttled per client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, apiFrom, login, expectError, dbExec, unique, PASSWORD } from './lib.mjs';

const run = `${process.pid % 200}.${Date.now() % 200}`;
let seq = 0;
// each submission from its own client address (the test server trusts X-Forwarded-For from 127.0.0.2), so the
// per-client throttle is met only where a test means it
const fromClient = (ip, method, path, opts = {}) => apiFrom('127.0.0.2', method, path, { ...opts, headers: { ...(opts.headers || {}), 'X-Forwarded-For': ip } });
const submit = (body, token) => fromClient(`10.${run}.${++seq % 250}`, 'POST', '/api/v1/public/complaints', { body, token });
// a count from dbExec (sqlite3 prints the value, psql a table)
const count = (sql) => Number(dbExec(sql).split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).pop());
const toDate = (ms) => new Date(ms).toISOString().slice(0, 10);
const today = toDate(Date.now() + 8 * 3600e3);
const tomorrow = toDate(Date.parse(`${today}T00:00:00Z`) + 86400e3);
const workdaysEnd = async (from, days) => (await api('GET', `/api/v1/calendar/workdays?from=${from}&days=${days}`)).data.end;

let T = {};
async function setup() {
  if (T.admin) return T;
  T.admin = await login('admin');
  T.jinan = await login('jinan_admin');
  T.qingdao = await login('qingdao_admin');
  T.org = await login('jinan_org_admin');
  T.cand = await login('candidate1');
  T.inst = (await api('GET', '/api/v1/auth/me', { token: T.org })).data.institution_id;
  assert.ok(T.inst > 0);
  // supervisors of 济南 and 青岛
  for (const [k, region] of [['supJ', '370100'], ['supQ', '370200']]) {
    const username = `cmp${k}${unique()}${process.pid}`.toLowerCase();
    const r = await api('POST', '/api/v1/users', { token: T.admin, body: { username, password: PASSWORD, role: 'supervisor', region_code: region } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    T[k] = await login(username);
  }
  return T;
}

test('the categories and their deadlines are public data', async () => {
  const r = await api('GET', '/api/v1/complaint-categories');
  assert.equal(r.status, 200);
  const c = r.data.items.find((x) => x.code === 'exam_discipline');
  assert.ok(c && c.ack_days >= 1 && c.reply_days >= c.ack_days && c.source.includes('[GAP]'));
  assert.ok(r.data.items.some((x) => x.code === 'other'));
});

test('an anonymous complaint about an institution: a tracking code, its city, deadlines from the day after', async () => {
  const t = await setup();
  const cats = (await api('GET', '/api/v1/complaint-categories')).data.items;
  const cat = cats.find((x) => x.code === 'fees');
  const r = await submit({ category: 'fees', subject_kind: 'institution', subject_id: t.inst, text: '考前收取资料费500元，未开具发票。', anonymous: true });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.match(r.data.tracking_code, /^[0-9A-HJKMNP-TV-Z]{20}$/);
  assert.equal(r.data.region_code, '370100');
  assert.equal(r.data.received_on, today);
  assert.equal(r.data.ack_due, await workdaysEnd(tomorrow, cat.ack_days));
  assert.equal(r.data.reply_due, await workdaysEnd(tomorrow, cat.reply_days));
  // two submissions never share a code
  const r2 = await submit({ category: 'fees', subject_kind: 'institution', subject_id: t.inst, text: '同上', anonymous: true });
  assert.notEqual(r2.data.tracking_code, r.data.tracking_code);
  // the status page by tracking code, also typed in lower case with dashes
  const code = r.data.tracking_code;
  const typed = `${code.slice(0, 5)}-${code.slice(5)}`.toLowerCase();
  const s = await api('GET', `/api/v1/public/complaints/${typed}`);
  assert.equal(s.status, 200, JSON.stringify(s.data));
  assert.equal(s.data.status, 'received');
  assert.equal(s.data.status_zh, '已收到');
  assert.equal(s.data.ack_due, r.data.ack_due);
  assert.ok(!JSON.stringify(s.data).includes('资料费'), 'the status page does not show the text');
  // a wrong code and a malformed one are the same 404
  const wrong = code.slice(0, 19) + (code[19] === '0' ? '1' : '0');
  expectError(await api('GET', `/api/v1/public/complaints/${wrong}`), 404, 'not_found');
  expectError(await api('GET', '/api/v1/public/complaints/not-a-code'), 404, 'not_found');
});

test('deadlines skip a holiday of the calendar', async () => {
  // the first working day after today becomes a holiday: both deadlines move one working day later
  const first = await workdaysEnd(tomorrow, 1);
  const before = await submit({ category: 'other', region_code: '370100', text: '节假日前的投诉' });
  assert.equal(before.status, 201, JSON.stringify(before.data));
  assert.equal(count(`SELECT COUNT(*) FROM calendar_days WHERE day = '${first}'`), 0, 'a plain working day');
  dbExec(`INSERT INTO calendar_days (day, workday, name) VALUES ('${first}', 0, '测试假日')`);
  try {
    const after = await submit({ category: 'other', region_code: '370100', text: '节假日后的投诉' });
    assert.equal(after.status, 201, JSON.stringify(after.data));
    assert.ok(after.data.ack_due > before.data.ack_due, `${after.data.ack_due} after ${before.data.ack_due}`);
    assert.equal(after.data.ack_due, await workdaysEnd(tomorrow, 5));
    assert.equal(after.data.reply_due, await workdaysEnd(tomorrow, 20));
    const cal = (await api('GET', `/api/v1/calendar/workdays?from=${tomorrow}&days=5`)).data;
    assert.ok(cal.rest_days.includes(first), 'the holiday was skipped');
  } finally {
    dbExec(`DELETE FROM calendar_days WHERE day = '${first}' AND name = '测试假日'`);
  }
});

test('refused submissions: text checks, size, contact with anonymity, the city, the subject', async () => {
  const t = await setup();
  const base = { category: 'other', region_code: '370100', text: '正常内容' };
  expectError(await submit({ ...base, text: '内容\u202e反转' }), 422, 'invalid_text');
  expectError(await submit({ ...base, text: '内容\u0007' }), 422, 'invalid_text');
  expectError(await submit({ ...base, text: '长'.repeat(2001) }), 422, 'invalid_text');
  expectError(await submit({ ...base, text: '' }), 422, 'missing_field');
  expectError(await submit({ ...base, anonymous: true, name: '张三' }), 422, 'anonymous_with_contact');
  expectError(await submit({ ...base, phone: '12345' }), 422, 'invalid_phone');
  expectError(await submit({ ...base, category: 'nope' }), 422, 'unknown_category');
  expectError(await submit({ category: 'other', text: 'x' }), 422, 'missing_field');
  expectError(await submit({ ...base, region_code: '370102' }), 422, 'invalid_region');
  expectError(await submit({ ...base, subject_kind: 'plan', subject_id: 999999999, region_code: undefined }), 422, 'unknown_subject');
  expectError(await submit({ ...base, subject_kind: 'institution', subject_id: t.inst }), 422, 'invalid_value');
  expectError(await submit({ ...base, anonymous: 'yes' }), 422, 'invalid_type');
});

test('the identity reaches only the handler; the workflow, its records and the status page', async () => {
  const t = await setup();
  const name = `投诉人${unique()}`, phone = `139${String(Date.now()).slice(-8)}`;
  const r = await submit({ category: 'exam_discipline', subject_kind: 'institution', subject_id: t.inst, text: '考场内允许使用手机。', name, phone }, t.cand);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const code = r.data.tracking_code;
  const list = await api('GET', '/api/v1/complaints?page_size=500', { token: t.jinan });
  const row = list.data.items.find((c) => c.received_on === today && c.institution_id === t.inst && c.category === 'exam_discipline' && !c.anonymous);
  assert.ok(row, 'in the city queue');
  const id = row.id;
  assert.ok(!JSON.stringify(list.data).includes(name) && !JSON.stringify(list.data).includes(phone), 'no identity in the queue');
  const csv = await api('GET', '/api/v1/complaints?page_size=500&format=csv', { token: t.jinan });
  assert.equal(csv.status, 200);
  const text = Buffer.isBuffer(csv.data) ? csv.data.toString('utf8') : String(csv.data);
  assert.ok(text.includes('办理地市') && text.includes('受理期限'), 'the queue as CSV');
  assert.ok(!text.includes(name) && !text.includes(phone) && !text.includes('考场内允许使用手机'), 'no identity, no text in the export');
  // the handler: the city of the complaint and the province
  const me = (await api('GET', '/api/v1/auth/me', { token: t.cand })).data;
  const personId = me.person_id ?? me.user?.person_id;
  for (const tok of [t.jinan, t.admin]) {
    const g = await api('GET', `/api/v1/complaints/${id}`, { token: tok });
    assert.equal(g.status, 200, JSON.stringify(g.data));
    assert.deepEqual(g.data.complainant, { anonymous: false, masked: false, name, phone, person_id: personId });
    assert.equal(g.data.text, '考场内允许使用手机。');
  }
  // a supervisor of the region reads it masked; no one else reads it at all
  const sj = await api('GET', `/api/v1/complaints/${id}`, { token: t.supJ });
  assert.equal(sj.status, 200, JSON.stringify(sj.data));
  assert.equal(sj.data.complainant.masked, true);
  assert.equal(sj.data.complainant.person_id, null);
  assert.deepEqual(sj.data.actions, []);
  const outsiders = [[t.qingdao, 404], [t.supQ, 404], [t.org, 403], [t.cand, 403], [undefined, 401]];
  for (const [tok, status] of [[t.supJ, 200], ...outsiders]) {
    const g = await api('GET', `/api/v1/complaints/${id}`, { token: tok });
    assert.equal(g.status, status);
    const text = JSON.stringify(g.data);
    assert.ok(!text.includes(name) && !text.includes(phone), 'the identity is in no other reply');
  }
  for (const [tok] of outsiders) {
    const l = await api('GET', '/api/v1/complaints?page_size=500', { token: tok });
    assert.ok(l.status !== 200 || !l.data.items.some((c) => c.id === id), 'not in another queue');
  }
  // nor in the audit archive the city and supervisors read
  assert.equal(count(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%${phone}%' OR detail LIKE '%${name}%'`), 0);

  // the workflow: only the handler moves it
  const move = (tok, status, reason) => api('POST', `/api/v1/complaints/${id}/status`, { token: tok, body: { status, reason } });
  expectError(await move(t.supJ, 'acknowledged'), 403, 'forbidden');
  expectError(await move(t.qingdao, 'acknowledged'), 404, 'not_found');
  expectError(await move(t.jinan, 'upheld', '查实'), 409, 'invalid_transition');
  let m = await move(t.jinan, 'acknowledged');
  assert.equal(m.status, 200, JSON.stringify(m.data));
  assert.equal(m.data.acknowledged_on, today);
  assert.equal(m.data.ack_overdue, false);
  assert.equal((await api('GET', `/api/v1/public/complaints/${code}`)).data.status, 'acknowledged');
  m = await move(t.jinan, 'investigating');
  assert.equal(m.status, 200);
  assert.deepEqual(m.data.actions.map((a) => a.to).sort(), ['dismissed', 'replied', 'upheld']);
  expectError(await move(t.jinan, 'upheld', '经查属实'), 409, 'not_investigated');
  expectError(await api('POST', `/api/v1/complaints/${id}/records`, { token: t.supJ, body: { text: '督导记录' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/complaints/${id}/records`, { token: t.jinan, body: { text: '\u202e' } }), 422, 'invalid_text');
  const n = await api('POST', `/api/v1/complaints/${id}/records`, { token: t.jinan, body: { text: '调取监控录像，确认考场内有考生使用手机。' } });
  assert.equal(n.status, 200, JSON.stringify(n.data));
  assert.ok(n.data.records.some((x) => x.kind === 'note' && x.actor === 'jinan_admin'));
  expectError(await move(t.jinan, 'upheld'), 422, 'missing_field');
  m = await move(t.jinan, 'upheld', '经查属实，已责令该机构整改。');
  assert.equal(m.status, 200, JSON.stringify(m.data));
  assert.equal(m.data.outcome, 'upheld');
  assert.equal(m.data.decided_on, today);
  const s = await api('GET', `/api/v1/public/complaints/${code}`);
  assert.equal(s.data.status, 'upheld');
  assert.equal(s.data.reply, '经查属实，已责令该机构整改。');
  assert.ok(!JSON.stringify(s.data).includes(name) && !JSON.stringify(s.data).includes(phone));
  m = await move(t.jinan, 'closed');
  assert.equal(m.status, 200);
  assert.equal(m.data.outcome, 'upheld', 'the outcome is kept when closed');
  assert.deepEqual(m.data.records.map((x) => x.to_state), ['received', 'acknowledged', 'investigating', 'investigating', 'upheld', 'closed']);
  expectError(await api('POST', `/api/v1/complaints/${id}/transfer`, { token: t.jinan, body: { region_code: '370200', reason: '转办' } }), 409, 'invalid_state');
  // upheld complaints against the institution, for its assessment
  const up = await api('GET', `/api/v1/complaints?institution_id=${t.inst}&page_size=500`, { token: t.admin });
  assert.ok(up.data.items.some((c) => c.id === id && c.outcome === 'upheld' && c.status === 'closed'));
});

test('overdue flags in the queue and the counts', async () => {
  const t = await setup();
  const r = await submit({ category: 'certificate', region_code: '370100', text: '证书迟迟未发放。' });
  assert.equal(r.status, 201);
  const id = (await api('GET', '/api/v1/complaints?category=certificate&status=received&sort=-received_on&page_size=500', { token: t.jinan })).data.items
    .map((c) => c.id).sort((a, b) => b - a)[0];
  const before = (await api('GET', '/api/v1/complaint-counts', { token: t.jinan })).data;
  // time moves on: the acknowledgement deadline passed yesterday
  dbExec(`UPDATE complaints SET ack_due = '2020-01-02' WHERE id = ${id}`);
  const over = await api('GET', '/api/v1/complaints?overdue=1&page_size=500', { token: t.jinan });
  const row = over.data.items.find((c) => c.id === id);
  assert.ok(row && row.ack_overdue && !row.reply_overdue, JSON.stringify(row));
  const fine = await api('GET', '/api/v1/complaints?overdue=0&page_size=500', { token: t.jinan });
  assert.ok(!fine.data.items.some((c) => c.id === id));
  expectError(await api('GET', '/api/v1/complaints?overdue=2', { token: t.jinan }), 422, 'invalid_value');
  const after = (await api('GET', '/api/v1/complaint-counts', { token: t.jinan })).data;
  assert.deepEqual(after.items.map((c) => c.region_code), ['370100'], 'a city counts its own');
  assert.equal(after.total.ack_overdue, before.total.ack_overdue + 1);
  // acknowledged late, it stays late
  const m = await api('POST', `/api/v1/complaints/${id}/status`, { token: t.jinan, body: { status: 'acknowledged' } });
  assert.equal(m.data.ack_overdue, true);
  const prov = (await api('GET', '/api/v1/complaint-counts', { token: t.admin })).data;
  const jn = prov.items.find((c) => c.region_code === '370100');
  assert.equal(jn.ack_overdue, after.total.ack_overdue);
  assert.equal(jn.city, '济南市');
  assert.ok(prov.total.total >= jn.total);
  expectError(await api('GET', '/api/v1/complaint-counts', { token: t.org }), 403, 'forbidden');
});

test('transfer to another city moves it out of the first city\'s reach', async () => {
  const t = await setup();
  const r = await submit({ category: 'other', region_code: '370100', text: '应由青岛办理的投诉。' });
  const id = (await api('GET', '/api/v1/complaints?category=other&status=received&page_size=500', { token: t.jinan })).data.items
    .map((c) => c.id).sort((a, b) => b - a)[0];
  assert.equal(r.status, 201);
  const tr = (tok, body) => api('POST', `/api/v1/complaints/${id}/transfer`, { token: tok, body });
  expectError(await tr(t.qingdao, { region_code: '370200', reason: '抢办' }), 404, 'not_found');
  expectError(await tr(t.jinan, { region_code: '370200' }), 422, 'missing_field');
  expectError(await tr(t.jinan, { region_code: '370100', reason: '原地' }), 422, 'invalid_region');
  const ok = await tr(t.jinan, { region_code: '370200', reason: '被投诉事项发生在青岛' });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  expectError(await api('GET', `/api/v1/complaints/${id}`, { token: t.jinan }), 404, 'not_found');
  const q = await api('GET', `/api/v1/complaints/${id}`, { token: t.qingdao });
  assert.equal(q.status, 200);
  assert.equal(q.data.region_code, '370200');
  assert.ok(q.data.records.some((x) => x.kind === 'transfer' && x.from_state === '370100' && x.to_state === '370200'));
});

test('the province edits the deadlines; nobody else', async () => {
  const t = await setup();
  const put = (tok, body) => api('PUT', '/api/v1/complaint-categories/staff_conduct', { token: tok, body });
  expectError(await put(t.jinan, { ack_days: 3, reply_days: 10 }), 403, 'forbidden');
  expectError(await put(t.admin, { ack_days: 3, reply_days: 2 }), 422, 'invalid_value');
  expectError(await put(t.admin, { ack_days: 0, reply_days: 10 }), 422, 'invalid_value');
  expectError(await api('PUT', '/api/v1/complaint-categories/nope', { token: t.admin, body: { ack_days: 3, reply_days: 10 } }), 404, 'not_found');
  const old = (await api('GET', '/api/v1/complaint-categories')).data.items.find((c) => c.code === 'staff_conduct');
  const p = await put(t.admin, { ack_days: 3, reply_days: 10, source: '省厅测试' });
  assert.equal(p.status, 200, JSON.stringify(p.data));
  try {
    const r = await submit({ category: 'staff_conduct', region_code: '370200', text: '考评员态度恶劣。' });
    assert.equal(r.data.ack_due, await workdaysEnd(tomorrow, 3));
    assert.equal(r.data.reply_due, await workdaysEnd(tomorrow, 10));
  } finally {
    assert.equal((await put(t.admin, { ack_days: old.ack_days, reply_days: old.reply_days, source: old.source })).status, 200);
  }
});

test('submissions are throttled per client', async () => {
  const ip = `10.250.${run.split('.')[1]}.9`;
  let hit = null;
  for (let i = 0; i < 300 && !hit; i++) {
    const r = await fromClient(ip, 'POST', '/api/v1/public/complaints', { body: { category: 'other', region_code: '370100', text: '' } });
    if (r.status === 429) hit = r;
    else assert.equal(r.status, 422);
  }
  assert.ok(hit, 'the client was throttled');
  expectError(hit, 429, 'too_many_requests');
  assert.ok(Number(hit.headers.get('retry-after')) > 0);
  // another client is not
  const other = await submit({ category: 'other', region_code: '370100', text: '另一客户端' });
  assert.equal(other.status, 201);
});
