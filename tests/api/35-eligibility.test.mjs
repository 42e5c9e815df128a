// 申报条件 through the API: the chosen option judged from the person's dated facts on the exam date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, idNumber, unique } from './lib.mjs';

function shift(ymd, years, days = 0) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('满5年 exactly is eligible, one day short is not, and the failed condition is named', async () => {
  const t = await login('admin');
  const p = await api('POST', '/api/v1/persons', { token: t, body: { name: '申报测试', id_number: idNumber('370102', '19880808', 101 + (unique() % 440) * 2) } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const exam = '2026-06-30';
  const w = await api('POST', `/api/v1/persons/${p.data.id}/work-history`, { token: t, body: { employer_name: '济南某机电公司', start_date: shift(exam, -5) } });
  assert.equal(w.status, 201, JSON.stringify(w.data));
  const body = { person_id: p.data.id, occupation_code: '6-31-01-03', level: 4, option: '2023-4-a', exam_date: exam };
  const ok = await api('POST', '/api/v1/eligibility/check', { token: t, body });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.eligible, true);
  assert.equal(ok.data.option.template, '2023');
  const short = await api('POST', '/api/v1/eligibility/check', { token: t, body: { ...body, exam_date: shift(exam, 0, -1) } });
  assert.equal(short.data.eligible, false);
  assert.equal(short.data.failed.code, 'work_years_short');
  assert.match(short.data.failed.message_zh, /不满5年/);
  // the option in both languages, beside the failed condition's two messages
  assert.equal(short.data.option.text, '累计从事本职业或相关职业工作满5年');
  assert.equal(short.data.option.text_en, '5 full years of work in this or a related occupation');
  assert.match(short.data.failed.message_en, /fewer than 5 years/);
  // 2023-3-c: 初级职称 + 满1年 of work since
  await api('POST', `/api/v1/persons/${p.data.id}/titles`, { token: t, body: { grade: 'junior', name: '助理工程师', obtained_on: shift(exam, -1) } });
  const title = await api('POST', '/api/v1/eligibility/check', { token: t, body: { ...body, level: 3, option: '2023-3-c' } });
  assert.equal(title.data.eligible, true, JSON.stringify(title.data));
  const noCert = await api('POST', '/api/v1/eligibility/check', { token: t, body: { ...body, level: 3, option: '2023-3-b' } });
  assert.equal(noCert.data.failed.code, 'certificate_missing');
  assert.equal(noCert.data.option.text_en, '4 full years of work in this or a related occupation after obtaining a level-4 (intermediate) certificate in it');
  expectError(await api('POST', '/api/v1/eligibility/check', { token: t, body: { ...body, option: '2023-3-b' } }), 422, 'invalid_option');
  expectError(await api('POST', '/api/v1/eligibility/check', { token: t, body: { ...body, exam_date: '2026-02-30' } }), 422, 'invalid_date');
  // another institution cannot probe this person
  expectError(await api('POST', '/api/v1/eligibility/check', { token: await login('qingdao_org_admin'), body }), 404, 'not_found');
});

test('the options of a level, and a candidate checks their own eligibility', async () => {
  const o = await api('GET', '/api/v1/eligibility/options?template=2018&level=2');
  assert.equal(o.status, 200);
  assert.deepEqual(o.data.items.map((x) => x.id), ['2018-2-a', '2018-2-b', '2018-2-c']);
  expectError(await api('GET', '/api/v1/eligibility/options?template=2030&level=2'), 422, 'invalid_value');
  // every option of both templates in Chinese (as the standard words it) and in English
  for (const template of ['2018', '2023']) {
    for (let level = 1; level <= 5; level++) {
      const l = await api('GET', `/api/v1/eligibility/options?template=${template}&level=${level}`);
      assert.equal(l.status, 200, JSON.stringify(l.data));
      assert.ok(l.data.items.length > 0);
      for (const x of l.data.items) {
        assert.match(x.text, /[\u4e00-\u9fff]/, x.id);
        assert.ok(typeof x.text_en === 'string' && x.text_en.length > 10, x.id);
        assert.doesNotMatch(x.text_en, /[\u2e80-\u9fff\uff00-\uffef]/, x.id);
      }
    }
  }
  const y = (await api('GET', '/api/v1/eligibility/options?template=2023&level=4')).data.items.find((x) => x.id === '2023-4-c');
  assert.match(y.text, /（含在读应届毕业生）$/);
  assert.match(y.text_en, /\(final-year students included\)$/);
  const c = await login('candidate1');
  const r = await api('POST', '/api/v1/eligibility/check', { token: c, body: { occupation_code: '6-31-01-03', level: 5, option: '2023-5-a', exam_date: '2026-06-30', declared: true } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.eligible, true);
  const undeclared = await api('POST', '/api/v1/eligibility/check', { token: c, body: { occupation_code: '6-31-01-03', level: 5, option: '2023-5-a', exam_date: '2026-06-30' } });
  assert.equal(undeclared.data.failed.code, 'declaration_missing');
});

test('公示期: working days over the official 2026 holidays and make-up workdays', async () => {
  const r = await api('GET', '/api/v1/calendar/workdays?from=2026-09-24&days=5');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  // Thu 24, (25-27 中秋节), Mon 28, Tue 29, Wed 30, (1-7 国庆节), Thu 8
  assert.equal(r.data.end, '2026-10-08');
  assert.ok(r.data.rest_days.includes('2026-10-01') && r.data.rest_days.includes('2026-09-25'));
  const makeup = await api('GET', '/api/v1/calendar/workdays?from=2026-10-09&days=2');
  assert.equal(makeup.data.end, '2026-10-10'); // Saturday 10 October is a make-up workday
  expectError(await api('GET', '/api/v1/calendar/workdays?from=2026-13-01&days=5'), 422, 'invalid_date');
});

test('a standard that sets its own figures: 2023-4-a with 6 years for this occupation', async () => {
  const admin = await login('admin');
  const occ = '4-03-02-02'; // 中式面点师
  const p = await api('POST', '/api/v1/persons', { token: admin, body: { name: '标准年限', id_number: idNumber('370102', '19870505', 101 + (unique() % 440) * 2) } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const exam = '2026-06-30';
  await api('POST', `/api/v1/persons/${p.data.id}/work-history`, { token: admin, body: { employer_name: '济南某面点坊', start_date: shift(exam, -5) } });
  const body = { person_id: p.data.id, occupation_code: occ, level: 4, option: '2023-4-a', exam_date: exam };
  assert.equal((await api('POST', '/api/v1/eligibility/check', { token: admin, body })).data.eligible, true);
  expectError(await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: 'x', template: '2023', profile: { conditions: { '2023-4-z': [6] } } } }), 422, 'invalid_option');
  expectError(await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: 'x', template: '2023', profile: { conditions: { '2023-5-a': [null, 3] } } } }), 422, 'invalid_value');
  expectError(await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: 'x', template: '2023', profile: { conditions: { '2023-4-a': [99] } } } }), 422, 'invalid_value');
  const v = `${unique()}年版`;
  const add = await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: v, template: '2023', profile: { conditions: { '2023-4-a': [6] } } } });
  assert.equal(add.status, 201, JSON.stringify(add.data));
  assert.deepEqual(add.data.items[0].profile.conditions, { '2023-4-a': [6] });
  const now = await api('POST', '/api/v1/eligibility/check', { token: admin, body });
  assert.equal(now.data.eligible, false);
  assert.equal(now.data.failed.code, 'work_years_short');
  assert.match(now.data.failed.message_zh, /不满6年/);
  assert.equal(now.data.option.standard, v);
  assert.deepEqual(now.data.option.years, [6]);
  await api('POST', `/api/v1/persons/${p.data.id}/work-history`, { token: admin, body: { employer_name: '济南另一面点坊', start_date: shift(exam, -6), end_date: shift(exam, -5) } });
  assert.equal((await api('POST', '/api/v1/eligibility/check', { token: admin, body })).data.eligible, true);
  // other occupations keep the template's figure
  assert.equal((await api('POST', '/api/v1/eligibility/check', { token: admin, body: { ...body, occupation_code: '6-31-01-03', person_id: p.data.id } })).data.option.years, undefined);
  // back to the template's figures for the rest of the suite
  await api('POST', `/api/v1/occupations/${occ}/standards`, { token: admin, body: { version: `${unique()}年版`, template: '2023' } });
});
