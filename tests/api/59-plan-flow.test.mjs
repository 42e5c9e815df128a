// The move to 评分 and its analysis are one use case (svc plan_transition, the table in core/plan_flow.c):
// when the analysis of a sitting fails on the database, the move fails with it and the plan stays where
// it was — no status changed under an error reply, no history row, no audit record; once the fault is
// gone the same move succeeds and carries the analysis. A sitting that cannot be analysed for a business
// reason (too few papers) is reported as skipped and does not hold the move up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators, dbExec, BACKEND } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

// a fault planted in the database for one sitting: its analysis cannot be stored (a database error, not
// a conflict: SQLite's json() fails at run time, PostgreSQL raises XX000)
function plantFault(sitting, tag) {
  const id = Number(sitting);
  if ((process.env.JINENG_DB_URL || '').startsWith('sqlite:'))
    dbExec(`CREATE TRIGGER planted_${tag} BEFORE INSERT ON sitting_analyses WHEN NEW.sitting_id = ${id} ` +
      `BEGIN SELECT json('planted fault'); END`);
  else
    dbExec(`CREATE FUNCTION planted_${tag}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
      `RAISE EXCEPTION 'planted fault' USING ERRCODE = 'XX000'; END $$; ` +
      `CREATE TRIGGER planted_${tag} BEFORE INSERT ON sitting_analyses FOR EACH ROW ` +
      `WHEN (NEW.sitting_id = ${id}) EXECUTE FUNCTION planted_${tag}()`);
}
function removeFault(tag) {
  if ((process.env.JINENG_DB_URL || '').startsWith('sqlite:')) dbExec(`DROP TRIGGER planted_${tag}`);
  else dbExec(`DROP TRIGGER planted_${tag} ON sitting_analyses; DROP FUNCTION planted_${tag}()`);
}

test('评分: a failed analysis fails the move; the plan stays 考试中 with no history or audit of it', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code, level = 5, tag = `pf${unique()}`;
  // three single-choice items; the blueprint takes them all
  const specs = [0, 1, 2].map((i) => ({ kind: 'single', area: `${tag}-A`, stem: `${tag} 单选 ${i}`, options: ['甲', '乙', '丙', '丁'].map((o) => `${o}${i}`), answer: 'A', points: 10 }));
  for (const s of specs)
    assert.equal((await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level, ...s } })).status, 201);
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level, cells: [{ area: `${tag}-A`, kind: 'single', count: 3 }] } })).status, 200);
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `评分事务 ${tag}`, occupation_code: occ, level, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  // two candidates with accounts, registered and approved
  const admin = await login('admin');
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: org })).data.items;
  const cands = [];
  for (const p of persons) {
    if (cands.length === 2) break;
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (reg.status !== 201 || reg.data.eligibility?.eligible === false) continue;
    if ((await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: org, body: { decision: 'approve' } })).status !== 200) continue;
    const user = `${tag}c${cands.length}`;
    assert.equal((await api('POST', '/api/v1/users', { token: admin, body: { username: user, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } })).status, 201);
    cands.push({ reg: reg.data.id, user });
  }
  assert.equal(cands.length, 2);
  const sitting = async (room) => {
    const r = await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room, minutes: 90, invigilators: await invigilators(org) } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    return r.data;
  };
  const sit = await sitting(`${tag} 考场`);
  // a second sitting with nobody in it: skipped (too few papers), never a reason to refuse the move
  const empty = await sitting(`${tag} 备用考场`);
  for (const c of cands) {
    const r = await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: c.reg } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    c.attempt = r.data.attempt_id;
  }
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'examining' } })).status, 200);
  // one answers every item right, the other every item wrong; both hand in
  for (const [i, c] of cands.entries()) {
    const t = await login(c.user, 'Kite-River-2026');
    const paper = (await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: t })).data;
    let seq = 0;
    for (const it of paper.items) {
      const s = specs.find((x) => x.stem === it.stem);
      const want = s.options[i === 0 ? 0 : 1];
      const r = await api('PUT', `/api/v1/attempts/${c.attempt}/answers/${it.pos}`, { token: t, body: { answer: 'ABCD'[it.options.indexOf(want)], seq: ++seq } });
      assert.equal(r.status, 200, JSON.stringify(r.data));
    }
    assert.equal((await api('POST', `/api/v1/attempts/${c.attempt}/submit`, { token: t })).data.status, 'submitted');
  }

  const auditOf = async (action) => (await api('GET', `/api/v1/audit?action=${action}&entity_id=${plan.id}`, { token: admin })).data.total;
  plantFault(sit.id, tag);
  let failed;
  try {
    failed = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } });
  } finally {
    removeFault(tag);
  }
  assert.ok(failed.status >= 500, `the move fails with the analysis (${BACKEND}): ${failed.status} ${JSON.stringify(failed.data)}`);
  assert.ok(failed.data.error && failed.data.error.message_zh && failed.data.error.message_en, JSON.stringify(failed.data));
  const after = (await api('GET', `/api/v1/plans/${plan.id}`, { token: org })).data;
  assert.equal(after.status, 'examining', 'the plan did not move under the error reply');
  const hist = (await api('GET', `/api/v1/plans/${plan.id}/history`, { token: org })).data.items.map((h) => h.to);
  assert.deepEqual(hist, ['filed', 'open', 'examining']);
  assert.equal(await auditOf('plan.scoring'), 0, 'no audit record of a move that did not happen');
  expectError(await api('GET', `/api/v1/sittings/${sit.id}/analysis`, { token: org }), 404, 'not_analysed');

  // the fault gone, the same move succeeds: status, history, audit and analysis together
  const ok = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.status, 'scoring');
  assert.equal(ok.data.status_name, '评分中');
  assert.deepEqual(ok.data.analysis.map((s) => s.sitting_id), [sit.id, empty.id]);
  const [done, skipped] = ok.data.analysis;
  assert.equal(done.persons, 2, JSON.stringify(done));
  assert.equal(done.items, 3);
  assert.equal(skipped.skipped, 'too_few_papers', JSON.stringify(skipped));
  assert.equal((await api('GET', `/api/v1/sittings/${sit.id}/analysis`, { token: org })).data.persons, 2);
  assert.equal(await auditOf('plan.scoring'), 1);
  assert.deepEqual((await api('GET', `/api/v1/plans/${plan.id}/history`, { token: org })).data.items.map((h) => h.to), ['filed', 'open', 'examining', 'scoring']);
  // a move that is not the table's is refused before anything runs
  expectError(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } }), 409, 'invalid_transition');
});
