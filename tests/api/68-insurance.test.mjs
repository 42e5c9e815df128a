// 参保记录 through the API (issue 14 item 5): unemployment-insurance periods imported by CSV through the import
// runner; the 技能提升补贴 check reads them instead of the periods entered at the window (the window's periods
// remain the fallback for a person without records); a city imports its own rows only; the same file twice
// changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique, dbExec } from './lib.mjs';

const claim = (person, occ, insured) => ({
  person_id: person, kind: 'skill_up', occupation_code: occ, level: 4, region_code: '370100',
  apply_date: '2026-06-30', cert_date: '2026-01-01', insured,
});
const post = (token, text) => api('POST', '/api/v1/training/insurance-records', { token, raw: text, headers: { 'Content-Type': 'text/csv' } });

test('imported insurance periods decide the claim; the window is the fallback', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const mk = async (name) => {
    const idn = idNumber('370102', '19920505', 101 + (unique() % 440) * 2);
    const p = await api('POST', '/api/v1/persons', { token: prov, body: { name, id_number: idn } });
    assert.equal(p.status, 201, JSON.stringify(p.data));
    return { id: p.data.id, idn };
  };
  const a = await mk('参保甲'), b = await mk('参保乙');
  // a: 36 months in two cities' records (济南 then 青岛, merged); plus rows refused
  const file = ['公民身份号码,参保开始,参保结束,参保地',
    `${a.idn},2023-06-30,2024-12-31,370100`,
    `${a.idn},2025-01-01,,370200`,
    `${idNumber('110101', '19930303', 101 + (unique() % 440) * 2)},2024-01-01,,370100`,
    `${a.idn},2024-13-01,,370100`,
    `${a.idn},2024-06-01,2024-01-01,370100`].join('\n') + '\n';
  // the city imports only its own rows: a file with 青岛's is refused whole for 济南, nothing stored
  expectError(await post(jinan, file), 403, 'outside_scope');
  let n0 = dbExec(`SELECT 'n=' || COUNT(*) FROM social_insurance_periods WHERE person_id = ${a.id}`);
  assert.match(String(n0), /n=0\b/);
  let r = await post(jinan, file.split('\n').filter((l) => !l.endsWith('370200')).join('\n'));
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.imported, 1);
  assert.deepEqual(r.data.errors.map((x) => x.code).sort(), ['invalid_date', 'invalid_value', 'unknown_person']);
  expectError(await post(qingdao, file), 403, 'outside_scope');
  // the province imports all; again: nothing changes (the period is updated in place)
  r = await post(prov, file);
  assert.equal(r.data.imported, 2);
  r = await post(prov, file);
  assert.equal(r.data.imported, 2);
  const n = dbExec(`SELECT 'n=' || COUNT(*) FROM social_insurance_periods WHERE person_id = ${a.id}`);
  assert.match(String(n), /n=2\b/);
  expectError(await post(await login('jinan_org_admin'), file), 403, 'forbidden');
  expectError(await post(jinan, '公民身份号码,参保开始\n1,2\n'), 422, 'missing_column');

  // a: the window says 6 months, the records 36: the records decide
  const ca = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(a.id, '6-18-01-01', [{ start: '2026-01-01' }]) });
  assert.equal(ca.status, 201, JSON.stringify(ca.data));
  assert.equal(ca.data.decision.insured_source, 'records');
  assert.equal(ca.data.status, 'checked');
  // b: no records, the window's periods stand (36 months: checked; one day short: rejected)
  const cb = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(b.id, '6-18-01-01', [{ start: '2023-06-30' }]) });
  assert.equal(cb.data.decision.insured_source, 'window');
  assert.equal(cb.data.status, 'checked');
  const cb2 = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(b.id, '6-18-01-02', [{ start: '2023-07-01' }]) });
  assert.equal(cb2.data.status, 'rejected');
  // records that fall short refuse the claim whatever the window says
  const c = await mk('参保丙');
  r = await post(prov, `id_number,start,end,region_code\n${c.idn},2025-01-01,,370100\n`);
  assert.equal(r.data.imported, 1);
  const cc = await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(c.id, '6-18-01-01', [{ start: '2020-01-01' }]) });
  assert.equal(cc.data.decision.insured_source, 'records');
  assert.equal(cc.data.status, 'rejected');
  assert.equal(cc.data.decision.checks.find((x) => x.id === 'insured').code, 'insurance_short');
});
