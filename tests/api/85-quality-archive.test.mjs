// 质量档案: one institution's quality archive as JSON and as a PDF. Built on the scope matrix's fixtures
// (scope-fixtures.mjs): institution A with supB's signed inspection of sitDispatch (with its evidence; and its
// correction, a draft), cmpA about A with the complainant's name and phone, two answer-copying flags in A's
// sittings, creditInst (a 警示记录 of A), the five rectifications its 不符合 marks opened (rectA with evidence). The
// test changes A's filed scope and status (suspends and re-files it) and finds each in the archive; the
// complainant is in neither the JSON nor the PDF; the PDF export is audited with its SM3; who may read it: the province, 济南, A's administrator and
// supB (who inspected A); everybody else is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { api, login, unique, creditCode, expectError } from './lib.mjs';
import { f, build, A } from './scope-fixtures.mjs';

const TMP = process.env.JINENG_TMP || '/tmp';
const sectionOf = (a, key) => a.sections.find((s) => s.key === key);

test('quality archive: contents, PDF, scope', async () => {
  // (85: before 86-88, whose supervisors are qualified for the days of a later build, and before
  // 99-throttle, which spends the public look-ups the fixtures' objections need)
  await build();
  const inst = (await A('GET', `/institutions/${f.instA}`, 'prov')).data;
  // a scope change (the same scopes again: recorded) and a suspension and re-filing, all audited
  const scopes = inst.scopes.map((s) => (s.levels.length ? { occupation_code: s.occupation_code, levels: s.levels } : { occupation_code: s.occupation_code }));
  assert.equal((await A('PUT', `/institutions/${f.instA}/scopes`, 'prov', { body: { scopes } })).status, 200);
  const reason = `质量档案测试暂停 ${f.tag}`;
  let r = await A('POST', `/institutions/${f.instA}/status`, 'cityA', { body: { status: 'suspended', reason } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  r = await A('POST', `/institutions/${f.instA}/status`, 'cityA', { body: { status: 'filed', reason: `恢复 ${f.tag}` } });
  assert.equal(r.status, 200, JSON.stringify(r.data));

  r = await A('GET', `/institutions/${f.instA}/quality-archive`, 'cityA');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const a = r.data;
  assert.equal(a.institution.id, f.instA);
  assert.equal(a.institution.name, inst.name);
  assert.equal(a.institution.status, 'filed');
  assert.deepEqual(a.sections.map((s) => s.key).slice(0, 11), ['filing', 'scopes', 'scope_changes', 'status_history', 'inspections', 'rectifications', 'revoking', 'assessments', 'complaints', 'anomalies', 'credit']);
  for (const s of a.sections) {
    assert.equal(s.count, s.items.length, s.key);
    assert.ok(s.title && s.columns.length > 0, s.key);
    // every column's key is in every item (the PDF prints them)
    for (const it of s.items) for (const c of s.columns) assert.ok(c.key in it, `${s.key}.${c.key}`);
  }
  // 备案信息 and 备案范围
  const filing = Object.fromEntries(sectionOf(a, 'filing').items.map((i) => [i.label, i.value]));
  assert.equal(filing['机构名称'], inst.name);
  assert.equal(filing['统一社会信用代码'], inst.credit_code);
  assert.match(filing['当前状态'], /^备案/);
  assert.deepEqual(sectionOf(a, 'scopes').items.map((i) => i.occupation_code).sort(), inst.scopes.map((s) => s.occupation_code).sort());
  // the scope change just made is the last change; the suspension and the re-filing the last two statuses
  const changes = sectionOf(a, 'scope_changes').items;
  assert.equal(changes.at(-1).kind, '范围变更');
  assert.ok(changes.at(-1).change.includes(scopes[0].occupation_code), changes.at(-1).change);
  const hist = sectionOf(a, 'status_history').items;
  assert.deepEqual(hist.slice(-2).map((h) => [h.status, h.reason]), [['暂停', reason], ['备案', `恢复 ${f.tag}`]]);
  // 督导检查: supB's signed inspection with its counts; never the draft (its correction)
  const insp = sectionOf(a, 'inspections').items;
  const signed = insp.find((i) => i.id === f.inspSigned);
  assert.ok(signed, 'the signed inspection is in the archive');
  assert.equal(signed.nonconform, 5, 'the first five items 不符合 (the fixtures\' rectifications)');
  assert.equal(signed.problem_counts.reduce((n, c) => n + c.count, 0), 5, 'counted by problem class');
  assert.ok(signed.classes.length > 0);
  assert.ok(!insp.some((i) => i.id === f.inspDraft), 'no draft');
  assert.ok(signed.evidence >= 1, 'its evidence is counted (evSigned)');
  // 整改: the five rectifications of inspSigned, rectA with its evidence
  const rects = sectionOf(a, 'rectifications').items.filter((x) => x.inspection_id === f.inspSigned);
  assert.deepEqual(rects.map((x) => x.id).sort((x, y) => x - y), [f.rectA, f.rectResp, f.rectClose, f.rectReturn, f.rectEsc].sort((x, y) => x - y));
  assert.ok(rects.find((x) => x.id === f.rectA).evidence >= 1, 'rectA\'s evidence is counted');
  assert.ok(rects.every((x) => /个工作日，至 \d{4}-\d{2}-\d{2}/.test(x.term) && x.status), JSON.stringify(rects[0]));
  // 投诉举报: cmpA, without the complainant
  const cmp = sectionOf(a, 'complaints').items.find((c) => c.id === f.cmpA);
  assert.ok(cmp, 'cmpA is in the archive');
  assert.equal(cmp.status, '已收到');
  const text = JSON.stringify(a);
  for (const s of f.cmpSecrets) assert.ok(!text.includes(s), 'no complainant identity');
  assert.ok(!text.includes(`矩阵测试投诉${f.tag}`), 'no complaint text');
  // 异常情况: the two flags of A's sittings
  const flags = sectionOf(a, 'anomalies').items.map((x) => x.id);
  assert.ok(flags.includes(f.flagPub) && flags.includes(f.flagScore), JSON.stringify(flags));

  // 信用档案: creditInst, a 警示记录 of A that blocks nothing
  const credit = sectionOf(a, 'credit').items.find((c) => c.id === f.creditInst);
  assert.ok(credit, 'creditInst is in the archive');
  assert.equal(credit.kind, '警示记录');
  assert.equal(credit.effect, '仅记录');
  assert.ok(['有效', '已过期', '已撤回', '未生效'].includes(credit.state), credit.state);

  // the readers: the province, A's administrator, supB (who inspected A) read the same archive
  for (const who of ['prov', 'instA', 'supB']) {
    r = await A('GET', `/institutions/${f.instA}/quality-archive`, who);
    assert.equal(r.status, 200, `${who}: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.sections.find((s) => s.key === 'inspections').count, sectionOf(a, 'inspections').count);
  }
  // the refused: another city, another institution (same city, another city), a supervisor who never
  // inspected A, the staff, examiners and candidates, the public
  for (const who of ['cityB', 'instA2', 'instB', 'supA']) expectError(await A('GET', `/institutions/${f.instA}/quality-archive`, who), 404, 'not_found');
  for (const who of ['staffA', 'exA', 'candA']) expectError(await A('GET', `/institutions/${f.instA}/quality-archive`, who), 403, 'forbidden');
  expectError(await A('GET', `/institutions/${f.instA}/quality-archive`, null), 401, 'login_required');
  expectError(await A('GET', '/institutions/99999999/quality-archive', 'prov'), 404, 'not_found');
  // A's administrator cannot read B's; supB reads no other institution (B's is in 青岛: not inspected)
  expectError(await A('GET', `/institutions/${f.instB}/quality-archive`, 'instA'), 404, 'not_found');
  expectError(await A('GET', `/institutions/${f.instB}/quality-archive`, 'supB'), 404, 'not_found');

  // the PDF: a PDF whose text holds the institution's name, the section titles and the signed inspection;
  // never the complainant
  r = await A('GET', `/institutions/${f.instA}/quality-archive/pdf`, 'instA');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition') || '', new RegExp(`quality-archive-${f.instA}\\.pdf`));
  assert.equal(r.data.subarray(0, 5).toString(), '%PDF-');
  const file = path.join(TMP, `archive-${f.tag}.pdf`);
  fs.writeFileSync(file, r.data);
  const pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  const flat = pdf.replace(/\s+/g, '');
  assert.ok(flat.includes(inst.name.replace(/\s+/g, '')), 'the institution name is in the PDF');
  for (const t of ['评价机构质量档案', '备案信息', '督导检查', '整改', '撤销备案情形', '定期评估', '投诉举报', '异常情况', '状态变更', '信用档案']) assert.ok(flat.includes(t), t);
  assert.ok(flat.includes(reason.replace(/\s+/g, '')), 'the suspension reason is in the PDF');
  for (const s of f.cmpSecrets) assert.ok(!flat.includes(s), 'no complainant identity in the PDF');
  // the export is audited: who, the sections' counts and the PDF's SM3
  const audit = await A('GET', `/audit?entity=institution&entity_id=${f.instA}&action=quality_archive.export&page_size=100`, 'prov');
  assert.equal(audit.status, 200, JSON.stringify(audit.data));
  const sm3 = crypto.createHash('sm3').update(r.data).digest('hex');
  const detailOf = (x) => (typeof x.detail === 'string' ? JSON.parse(x.detail) : x.detail);
  const rec = audit.data.items.find((x) => detailOf(x).sm3 === sm3);
  assert.ok(rec, 'an audit record of this export, with its SM3');
  const detail = detailOf(rec);
  assert.equal(detail.sections.inspections, sectionOf(a, 'inspections').count);
  assert.equal(rec.actor, f.users.instA);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Pages:\s+\d+/);
  for (const who of ['cityB', 'instA2', 'supA']) expectError(await A('GET', `/institutions/${f.instA}/quality-archive/pdf`, who), 404, 'not_found');
  expectError(await A('GET', `/institutions/${f.instA}/quality-archive/pdf`, 'staffA'), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/institutions/${f.instA}/quality-archive/pdf`), 401, 'login_required');
});

test('quality archive: a published 定期评估 appears with its grade and reasons, a draft does not', async () => {
  const prov = await login('admin');
  // a fresh institution alone in 商河县 (370126), so that the run grades it and nothing else
  const n = unique();
  const code = creditCode(`5237012${String(n).padStart(10, '0')}`.slice(0, 17));
  const inst = await api('POST', '/api/v1/institutions', { token: prov, body: { name: `质量档案评估测试中心${n}`, credit_code: code, type: 'social_org', region_code: '370126' } });
  assert.equal(inst.status, 201, JSON.stringify(inst.data));
  const id = inst.data.id;
  const year = 2000 + (n % 20);
  const run = await api('POST', '/api/v1/assessments', { token: prov, body: { period_from: `${year}-01-01`, period_to: `${year}-12-31`, region_code: '370126' } });
  assert.equal(run.status, 201, JSON.stringify(run.data));
  const assess = async () => {
    const r = await api('GET', `/api/v1/institutions/${id}/quality-archive`, { token: prov });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.sections.find((s) => s.key === 'assessments');
  };
  assert.equal((await assess()).count, 0, 'a draft run is not in the archive');
  const pub = await api('POST', `/api/v1/assessments/${run.data.id}/publish`, { token: prov });
  assert.equal(pub.status, 200, JSON.stringify(pub.data));
  const s = await assess();
  assert.equal(s.count, 1);
  const row = s.items[0];
  assert.equal(row.run_id, run.data.id);
  assert.equal(row.period, `${year}-01-01 至 ${year}-12-31`);
  assert.ok(['优秀', '合格', '不合格'].includes(row.grade), row.grade);
  assert.ok(['可拓宽评价范围', '继续开展评价', '退出评价机构目录'].includes(row.decision), row.decision);
  assert.match(row.indicators, /分/, 'indicator by indicator');
});
