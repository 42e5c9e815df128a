// 批量报名: an institution registers candidates for a plan from a CSV file; eligibility is judged per row
// as for a single registration; rows that cannot be registered are reported with line, field and code;
// all-or-nothing stores nothing when a row fails; only the plan's institution may import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

test('batch registration from CSV, with per-row eligibility and errors', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const tag = `ri${unique()}`;
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `批量报名 ${tag}`, occupation_code: scope.occupation_code, level: 5, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(9), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  // three persons registered by the institution, with known ID numbers
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const idn = idNumber('370102', '19950611', 200 + ((unique() * 3 + i) % 700));
    const p = await api('POST', '/api/v1/persons', { token: org, body: { name: `批量${i}号`, id_number: idn } });
    assert.ok(p.status === 201 || p.status === 200, JSON.stringify(p.data));
    ids.push(idn);
  }
  const unknown = idNumber('370102', '19960101', 998);
  const csv = [
    '证件号码,姓名,申报条件,承诺',
    `${ids[0]},批量0号,2023-5-a,是`,
    `${ids[1]},批量1号,2023-5-a,否`, // registered, but the declaration is missing: ineligible with the reason
    `${unknown},无此人,2023-5-a,是`,
    '370102199501011234,坏号码,2023-5-a,是',
    `${ids[2]},别人的名字,2023-5-a,是`,
    `${ids[0]},批量0号,2023-5-a,是`, // once per person per plan
  ].join('\n');
  // all-or-nothing: a failing row stores nothing
  const all = await api('POST', `/api/v1/plans/${plan.id}/registrations/import?all_or_nothing=true`, { token: org, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(all.status, 422, JSON.stringify(all.data));
  assert.equal(all.data.stored, false);
  assert.equal((await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: org })).data.total, 0);
  // row by row
  const r = await api('POST', `/api/v1/plans/${plan.id}/registrations/import`, { token: org, raw: csv, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.rows, 6);
  assert.equal(r.data.registered, 2);
  assert.equal(r.data.eligible, 1);
  assert.equal(r.data.rejected, 4);
  const byLine = new Map(r.data.errors.map((x) => [x.line, x]));
  assert.equal(byLine.get(4).code, 'person_not_found');
  assert.equal(byLine.get(5).code, 'invalid_id_number');
  assert.equal(byLine.get(6).code, 'name_mismatch');
  assert.equal(byLine.get(7).field === undefined || typeof byLine.get(7).code === 'string', true);
  assert.match(byLine.get(7).code, /already|conflict|registered/);
  for (const x of r.data.errors) assert.ok(x.message_zh && x.message_en);
  const ok = r.data.registrations.find((x) => x.line === 2), inel = r.data.registrations.find((x) => x.line === 3);
  assert.equal(ok.eligible, true);
  assert.equal(inel.eligible, false);
  assert.equal(inel.failed_code, 'declaration_missing');
  assert.ok(inel.failed_message);
  assert.match(inel.failed_message_en, /has not declared/);
  assert.equal(ok.failed_message_en, undefined);
  const list = (await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: org })).data;
  assert.equal(list.total, 2);
  // the header names the columns; a file without the option column is refused as a whole
  expectError(await api('POST', `/api/v1/plans/${plan.id}/registrations/import`, { token: org, raw: 'id_number,name\n1,2', headers: { 'Content-Type': 'text/csv' } }), 422, 'missing_column');
  // only the plan's institution
  expectError(await api('POST', `/api/v1/plans/${plan.id}/registrations/import`, { token: await login('qingdao_org_admin'), raw: csv, headers: { 'Content-Type': 'text/csv' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/plans/${plan.id}/registrations/import`, { token: await login('candidate1'), raw: csv, headers: { 'Content-Type': 'text/csv' } }), 403, 'forbidden');
  const audit = (await api('GET', `/api/v1/audit?action=registration.import&entity_id=${plan.id}`, { token: await login('admin') })).data.items;
  assert.equal(audit.length, 1);
});
