// The scope matrix's fixtures (tests/api/scope-matrix.mjs): institutions, persons, accounts, plans in every
// state, sittings, attempts, panels, results, certificates, objections and answer-copying flags, each owned by
// the party PRINCIPALS names, made through the API. build() fills the shared object f; 12-scope-matrix.test.mjs
// sends every row's cells against it, 06-openapi-live.test.mjs every row's control.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { api, login, idNumber, unique, creditCode, PASSWORD, dbExec, qualify, dayAfterSupervisors } from './lib.mjs';
import { PRINCIPALS, plusDays, today } from './scope-matrix.mjs';

const mine = (byWho, who) => byWho[who] ?? byWho.instA;

const TMP = process.env.JINENG_TMP || '/tmp';
const NAMES = Object.keys(PRINCIPALS);
const L = 'ABCDEFGH';

// ---- fixtures, made through the API ----
const PW = 'Mx!Scope-Matrix-2026';
const CN = '零一二三四五六七八九';
const cnNum = (n) => String(n).split('').map((d) => CN[Number(d)]).join('');
export const f = { PW, tokens: {}, users: {}, logins: {} };
let seqNo = 0;

async function ok(r, what, codes = [200, 201]) {
  assert.ok(codes.includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}
const as = (who) => f.tokens[who];
export const A = (method, p, who, opts = {}) => api(method, `/api/v1${p}`, { token: who ? as(who) : undefined, ...opts });
async function meOf(t) { const m = (await api('GET', '/api/v1/auth/me', { token: t })).data; return m.user || m; }

export async function build() {
  const n = unique();
  f.tag = `mx${n}`;
  f.cn = (who) => `${cnNum(n)}${NAMES.indexOf(who) >= 0 ? CN[NAMES.indexOf(who) % 10] + (NAMES.indexOf(who) >= 10 ? '甲' : '') : who}`;
  for (const [who, user] of Object.entries({ prov: 'admin', cityA: 'jinan_admin', cityB: 'qingdao_admin', instA: 'jinan_org_admin', staffA: 'jinan_org_staff', instA2: 'jinan_ent_admin', instB: 'qingdao_org_admin' })) {
    f.tokens[who] = await login(user);
    f.logins[who] = [user, PASSWORD];
    f.users[who] = user;
  }
  f.instA = (await meOf(as('instA'))).institution_id;
  f.instA2 = (await meOf(as('instA2'))).institution_id;
  f.instB = (await meOf(as('instB'))).institution_id;
  f.staffAUser = (await meOf(as('staffA'))).id;
  const instA = await ok(await A('GET', `/institutions/${f.instA}`, 'instA'), 'institution A');
  f.instAAddress = instA.address;
  const s5 = instA.scopes.find((s) => s.levels.includes(5)), s2 = instA.scopes.find((s) => s.levels.includes(2) && s.occupation_code !== s5.occupation_code) || instA.scopes.find((s) => s.levels.includes(2));
  assert.ok(s5 && s2, 'institution A has level-5 and level-2 scopes');
  f.occ5 = s5.occupation_code;
  f.occ2 = s2.occupation_code;
  const spare = instA.scopes.flatMap((s) => s.levels.map((l) => [s.occupation_code, l])).find(([o, l]) => !(o === f.occ5 && l === 5) && !(o === f.occ2 && l === 2));
  [f.bpOcc, f.bpLevel] = spare;
  // accounts: three senior examiners of A on every panel (exA among them), one examiner of A on nothing, one
  // of B; supervisors of each city; candidates for PA and PB
  const mkUser = async (username, body) => {
    const u = await ok(await A('POST', '/users', 'prov', { body: { username, password: PW, ...body } }), `user ${username}`);
    return { id: u.id, username };
  };
  const ex = async (who, inst, grade) => {
    const u = await mkUser(`${f.tag}${who}`, { role: 'examiner', institution_id: inst, examiner_grade: grade });
    f.quals = { ...f.quals, [who]: (await qualify(as('prov'), u.id, grade === 'senior' ? 'senior_examiner' : 'examiner')).id };
    f.tokens[who] = await login(u.username, PW);
    f.logins[who] = [u.username, PW];
    f.users[who] = u.username;
    return u;
  };
  f.exA = await ex('exA', f.instA, 'senior');
  const ex2 = await ex('exA_2', f.instA, 'senior'), ex3 = await ex('exA_3', f.instA, 'senior');
  f.exX = await ex('exX', f.instA, 'senior');
  f.exB = await ex('exB', f.instB, null);
  f.panel = [f.exA.id, ex2.id, ex3.id];
  for (const [who, region] of [['supA', '370100'], ['supB', '370200']]) {
    const u = await mkUser(`${f.tag}${who}`, { role: 'supervisor', region_code: region });
    f.tokens[who] = await login(u.username, PW);
    f.logins[who] = [u.username, PW];
    f.users[who] = u.username;
    f.supIds = { ...f.supIds, [who]: u.id };
  }
  // persons: PA and PA3..PA10 trainees of A in 济南, PB of B in 青岛. Three files build these fixtures into one
  // database (06, 12, 85), each with its own n: the sequence repeats when two n differ by a multiple of 440 (two
  // builds 440 ms apart gave 甲 one number under two names: 409 name_mismatch in CI), so the day moves with
  // n / 440 too, and only n 4,400 apart meet
  let k = 0;
  const d = Math.floor(n / 440);
  const mkPerson = async (who, region, label) => {
    const seq = 101 + ((n * 13 + k++ * 2) % 440) * 2;
    const body = { name: `矩${label}${cnNum(n % 10000)}`, id_number: idNumber(region, `19${80 + (k % 15)}0${1 + (k % 9)}1${(k + d) % 10}`, seq), phone: `139${String(n % 100000).padStart(5, '0')}${String(k).padStart(3, '0')}`, education: '高中' };
    const p = await ok(await A('POST', '/persons', who, { body }), `person ${label}`);
    return { id: p.id, ...body };
  };
  f.PA = await mkPerson('instA', '370102', '甲');
  for (const i of [3, 4, 5, 6, 7, 8, 9, 10]) f[`PA${i}`] = await mkPerson('instA', '370102', CN[i % 10] + '号');
  f.PB = await mkPerson('instB', '370202', '乙');
  for (const [who, p] of [['candA', f.PA], ['candB', f.PB]]) {
    const u = await mkUser(`${f.tag}${who}`, { role: 'candidate', person_id: p.id });
    f.tokens[who] = await login(u.username, PW);
    f.logins[who] = [u.username, PW];
    f.users[who] = u.username;
  }
  {
    const u = await mkUser(`${f.tag}fin`, { role: 'finance' });
    f.tokens.fin = await login(u.username, PW);
    f.logins.fin = [u.username, PW];
    f.users.fin = u.username;
  }
  const c3 = await mkUser(`${f.tag}cand3`, { role: 'candidate', person_id: f.PA3.id });
  f.loginUser = c3.username;
  // the matrix's own occupation (for standards) and institution C (for status and scope changes)
  f.occCode = (who) => `9-${String(n % 90 + 10)}-${String(who === 'matrix' ? 98 : NAMES.indexOf(who) + 10)}-${String(Math.floor(n / 90) % 90 + 10)}`;
  f.occX = (await ok(await A('POST', '/occupations', 'prov', { body: { code: f.occCode('matrix'), name: `矩阵专用职业${cnNum(n)}`, levels: '5|4', kind: 'occupation' } }), 'occupation')).code;
  f.instBody = (who) => ({ name: `矩阵评价机构${f.cn(who)}`, credit_code: creditCode(`52370100M${String(n % 1000000).padStart(6, '0')}${String(NAMES.indexOf(who) + 1).padStart(2, '0')}`), type: 'social_org', region_code: '370102', address: '济南市历下区', contact_name: '联络员', contact_phone: '13900000000' });
  f.instC = (await ok(await A('POST', '/institutions', 'cityA', { body: f.instBody('instC') }), 'institution C')).id;
  f.instCSuspended = false;
  // a birth date of this build's own (1950-1974, no other fixture's range), so the new persons of two builds on
  // one database (06-openapi-live and 12-scope-matrix) never share an ID number under different names
  const newBirth = new Date(Date.UTC(1950, 0, 1) + (n % 9000) * 86400e3).toISOString().slice(0, 10).replace(/-/g, '');
  f.personBody = (who) => ({ name: `${f.newPersonPrefix}${CN[NAMES.indexOf(who) % 10]}`, id_number: idNumber('370103', newBirth, 101 + NAMES.indexOf(who) * 2), education: '高中' });
  f.newPersonPrefix = `矩新${cnNum(n % 1000)}`;
  // items, blueprints
  f.itemBody = (who, rev) => ({ occupation_code: f.occ5, level: 5, kind: 'single', area: rev ? `${f.tag}-rev` : `${f.tag}-new`, stem: `${f.tag} 矩阵题 ${who}${rev ? ' 修订' : ''}`, options: [`${who}甲`, `${who}乙`, `${who}丙`], answer: 'A', points: 2, institution_id: f.instA });
  f.itemCsv = (who) => `occupation_code,level,type,knowledge_area,knowledge_code,stem,option_a,option_b,option_c,option_d,key,points\n${f.occ5},5,single,${f.tag}-imp,K-${who},${f.tag} 导入题 ${who},甲,乙,丙,丁,A,1\n`;
  const item = async (occ, level, area, i) => (await ok(await A('POST', '/items', 'instA', { body: { occupation_code: occ, level, kind: 'single', area, stem: `${f.tag} ${area} 题 ${i}`, options: [`${area}${i}对`, `${area}${i}错`, `${area}${i}否`], answer: 'A', points: 5 } }), 'item')).id;
  f.itemFor = {};
  for (const [i, who] of ['instA', 'prov', 'staffA'].entries()) f.itemFor[who] = await item(f.occ5, 5, `${f.tag}-orig`, i);
  const th5 = [];
  for (let i = 0; i < 3; i++) th5.push(await item(f.occ5, 5, `${f.tag}-th`, i));
  f.itemB = th5[0];
  for (let i = 0; i < 2; i++) await item(f.occ2, 2, `${f.tag}-th2`, i);
  await ok(await A('PUT', '/blueprints', 'instA', { body: { occupation_code: f.occ5, level: 5, cells: [{ area: `${f.tag}-th`, kind: 'single', count: 3 }] } }), 'blueprint 5');
  await ok(await A('PUT', '/blueprints', 'instA', { body: { occupation_code: f.occ2, level: 2, cells: [{ area: `${f.tag}-th2`, kind: 'single', count: 2 }] } }), 'blueprint 2');
  await ok(await A('PUT', '/blueprints', 'instA', { body: { occupation_code: f.bpOcc, level: f.bpLevel, cells: [{ area: `${f.tag}-bp`, kind: 'single', count: 1 }] } }), 'blueprint of the matrix');
  // plans
  f.newPlanPrefix = `矩阵新计划${f.tag}`;
  f.planBody = (who) => ({ title: `${f.newPlanPrefix}${who}`, institution_id: f.instA, occupation_code: f.occ5, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(20), capacity: 20, subjects: ['theory', 'practical'] });
  const mkPlan = async (title, occ, level, subjects, states, exam = 20) => {
    const p = await ok(await A('POST', '/plans', 'instA', { body: { title: `${f.tag} ${title}`, occupation_code: occ, level, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(exam), capacity: 20, subjects, publicity_days: 5 } }), `plan ${title}`);
    for (const st of states) await ok(await A('POST', `/plans/${p.id}/status`, st === 'open' ? 'cityA' : 'instA', { body: { status: st } }), `plan ${title} → ${st}`);
    return p.id;
  };
  const register = async (plan, person, option, approve = true) => {
    const r = await ok(await A('POST', `/plans/${plan}/registrations`, 'instA', { body: { person_id: person.id, option, declared: true } }), 'registration');
    if (approve) await ok(await A('POST', `/registrations/${r.id}/review`, 'instA', { body: { decision: 'approve' } }), `approve ${JSON.stringify(r)}`);
    return r.id;
  };
  f.planDraft = await mkPlan('草稿', f.occ5, 5, ['theory', 'practical'], []);
  f.planDraft2 = await mkPlan('草稿二', f.occ5, 5, ['theory', 'practical'], []);
  const planDraft3 = await mkPlan('草稿三', f.occ5, 5, ['theory', 'practical'], []);
  f.planFiled = await mkPlan('备案', f.occ5, 5, ['theory', 'practical'], ['filed']);
  const planFiled2 = await mkPlan('备案二', f.occ5, 5, ['theory', 'practical'], ['filed']);
  const statusFor = { instA: [f.planDraft2, 'filed'], staffA: [planDraft3, 'filed'], cityA: [f.planFiled, 'open'], prov: [planFiled2, 'open'] };
  f.statusFor = (who) => {
    const [plan, to] = statusFor[who] || (['institution_admin', 'institution_staff'].includes(PRINCIPALS[who].role) ? statusFor.instA : statusFor.cityA);
    return { plan, to };
  };
  f.planOpen = await mkPlan('报名中', f.occ5, 5, ['theory', 'practical'], ['filed', 'open']);
  f.regPending = { instA: await register(f.planOpen, f.PA10, '2023-5-a', false), staffA: await register(f.planOpen, f.PA9, '2023-5-a', false) };
  f.regPerson = { prov: f.PA3, cityA: f.PA4, instA: f.PA5, staffA: f.PA6 };
  // planExam, level 2: PA, PA3 and PA4 eligible by an intermediate title and work since; PA and PA3 admitted
  // to sitA (invigilated by exA and staff), PA4 approved and waiting
  f.planExam = await mkPlan('考试中', f.occ2, 2, ['theory', 'practical', 'review'], ['filed', 'open']);
  for (const p of [f.PA, f.PA3, f.PA4, f.PA5, f.PA6, f.PA7, f.PA8]) {
    await ok(await A('POST', `/persons/${p.id}/titles`, 'instA', { body: { grade: 'intermediate', name: '工程师', obtained_on: '2019-06-01' } }), 'title');
    await ok(await A('POST', `/persons/${p.id}/work-history`, 'instA', { body: { employer_name: '济南某机电公司', occupation_code: f.occ2, start_date: '2019-07-01' } }), 'work');
  }
  f.regPA = await register(f.planExam, f.PA, '2023-2-c');
  const regPA3 = await register(f.planExam, f.PA3, '2023-2-c');
  f.regAdmit = {};
  for (const [who, p] of [['instA', f.PA4], ['prov', f.PA5], ['staffA', f.PA6], ['exA', f.PA7]]) f.regAdmit[who] = await register(f.planExam, p, '2023-2-c');
  f.regAdmitRefused = await register(f.planExam, f.PA8, '2023-2-c');
  await ok(await A('POST', `/plans/${f.planExam}/status`, 'instA', { body: { status: 'examining' } }), 'examining');
  f.sitA = (await ok(await A('POST', `/plans/${f.planExam}/sittings`, 'instA', { body: { room: `${f.tag} 一考场`, minutes: 120, invigilators: [f.exA.id, f.staffAUser] } }), 'sitA')).id;
  f.sitBare = (await ok(await A('POST', `/plans/${f.planExam}/sittings`, 'instA', { body: { room: `${f.tag} 待配监考`, minutes: 120 } }), 'sitBare')).id;
  // a sitting still to come (no attempt) that the plan's institution and the province move (改期, §57)
  f.sitMoveAt = Math.floor(Date.now() / 1000) + 40 * 86400;
  f.sitMove = (await ok(await A('POST', `/plans/${f.planExam}/sittings`, 'instA', { body: { room: `${f.tag} 改期考场`, minutes: 120, starts_at: f.sitMoveAt } }), 'sitMove')).id;
  // 督导员 profiles and a dispatched day (issue 13). The day is the day after any earlier build's (read from
  // the supervisors' qualifications) and the supervisors' qualification ends on it, so an earlier build's supervisors are out of this day's pool; 济南
  // requires 交叉互派, so of supA (济南) and supB (青岛) only supB may go to A's sitting
  f.dispatchDay = await dayAfterSupervisors(f.tokens.prov, '2040-01-01', '2100-01-01');
  f.supProfile = (who) => ({ grade: 'senior', cert_no: `${f.tag}-${who}`, valid_until: f.dispatchDay, region_code: who === 'supA' ? '370100' : '370200' });
  for (const who of ['supA', 'supB']) await ok(await A('PUT', `/supervisors/${f.supIds[who]}`, 'prov', { body: f.supProfile(who) }), `profile ${who}`);
  f.sitDispatch = (await ok(await A('POST', `/plans/${f.planOpen}/sittings`, 'instA', { body: { room: `${f.tag} 督导考场`, minutes: 120, starts_at: Date.parse(`${f.dispatchDay}T09:00:00+08:00`) / 1000, invigilators: [f.exA.id, f.staffAUser] } }), 'sitDispatch')).id;
  const run = await ok(await A('POST', '/dispatch/runs', 'cityA', { body: { day: f.dispatchDay, region_code: '370100' } }), 'dispatch run');
  assert.deepEqual(run.assignments.map((a) => [a.sitting_id, a.supervisor_id]), [[f.sitDispatch, f.supIds.supB]]);
  const rules = await ok(await A('GET', '/dispatch/rules', 'prov'), 'dispatch rules');
  f.dispatchRules = { ...rules, cross_dispatch: rules.cross_dispatch.map((c) => c.region_code) };
  // 督导检查: supB inspects sitDispatch (every item marked, signed: inspSigned) and opens its correction
  // (inspDraft, a draft); the checklist as its current values (PUT stores the same as a new version)
  // (the checklist as its current values, with the revoking situations RM1 and RM2 of the matrix added when
  // missing: stored once here, so the inspections follow a version that has them)
  const current = await ok(await A('GET', '/checklist', 'prov'), 'checklist');
  const revs = current.revocations.map(({ position, ...x }) => x);
  for (const code of ['RM1', 'RM2']) if (!revs.some((x) => x.code === code)) revs.push({ code, text: `矩阵撤销备案情形 ${code}`, source: 'scope matrix' });
  f.checklistBody = { note: `${f.tag} 矩阵`, classes: current.classes.map((c) => c.name), items: current.items.map(({ id, position, ...i }) => ({ ...i, problem_class: i.problem_class ?? 1 })), revocations: revs };
  const checklist = await ok(await A('PUT', '/checklist', 'prov', { body: f.checklistBody }), 'checklist with RM1, RM2');
  assert.ok(checklist.items.length >= 5, 'five items to find 不符合');
  // 整改: the first five items 不符合, so signing opens five rectifications of A: rectA (read, revoking),
  // rectResp (answered by the matrix), rectClose, rectReturn (answered here: returned by the matrix), rectEsc
  f.inspSigned = (await ok(await A('POST', '/inspections', 'supB', { body: { sitting_id: f.sitDispatch } }), 'open inspection')).id;
  await ok(await A('PUT', `/inspections/${f.inspSigned}/marks`, 'supB', { body: { marks: checklist.items.map((i, k) => (k < 5 ? { item_id: i.id, result: 'nonconform', note: `${f.tag} 矩阵不符合项 ${k}`, seq: 1 } : { item_id: i.id, result: 'conform', seq: 1 })) } }), 'marks');
  // 检查证据: a photo on the first item of inspSigned before it is signed (evSigned), a PDF on its correction
  // (evDraft); f.jpeg(s) makes a small JPEG of its own content
  f.jpeg = (s) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF ${f.tag} ${s}`)]);
  f.evSigned = (await ok(await A('POST', `/inspections/${f.inspSigned}/evidence?item_id=${checklist.items[0].id}&filename=photo.jpg`, 'supB', { raw: f.jpeg('signed'), headers: { 'Content-Type': 'image/jpeg' } }), 'evidence on inspSigned')).id;
  await ok(await A('POST', `/inspections/${f.inspSigned}/sign`, 'supB'), 'sign');
  const rects = (await ok(await A('GET', `/rectifications?inspection_id=${f.inspSigned}&sort=id`, 'prov'), 'rectifications')).items.map((x) => x.id);
  assert.equal(rects.length, 5, 'one rectification per 不符合');
  [f.rectA, f.rectResp, f.rectClose, f.rectReturn, f.rectEsc] = rects;
  await ok(await A('POST', `/rectifications/${f.rectReturn}/response`, 'instA', { body: { response: `${f.tag} 已整改` } }), 'response to rectReturn');
  f.rectEv = (await ok(await A('POST', `/rectifications/${f.rectA}/evidence?filename=rect.jpg`, 'instA', { raw: f.jpeg('rectA'), headers: { 'Content-Type': 'image/jpeg' } }), 'evidence on rectA')).id;
  f.inspDraft = (await ok(await A('POST', '/inspections', 'supB', { body: { sitting_id: f.sitDispatch, corrects_id: f.inspSigned } }), 'open correction')).id;
  f.evDraft = (await ok(await A('POST', `/inspections/${f.inspDraft}/evidence?filename=report.pdf`, 'supB', { raw: Buffer.from(`%PDF-1.4\n% ${f.tag} draft\n%%EOF\n`), headers: { 'Content-Type': 'application/pdf' } }), 'evidence on inspDraft')).id;
  f.checkItem = checklist.items[0].id;
  f.attemptA = (await ok(await A('POST', `/sittings/${f.sitA}/admit`, 'instA', { body: { registration_id: f.regPA } }), 'admit PA')).attempt_id;
  f.attemptA3 = (await ok(await A('POST', `/sittings/${f.sitA}/admit`, 'instA', { body: { registration_id: regPA3 } }), 'admit PA3')).attempt_id;
  f.practicalCriteria = [{ name: '技能操作（★）', points: 60, star: true }, { name: '工艺规范', points: 40 }];
  f.reviewCriteria = [{ name: '技术总结与业绩材料', points: 40 }, { name: '答辩', points: 60 }];
  await ok(await A('PUT', `/plans/${f.planExam}/practical`, 'instA', { body: { criteria: f.practicalCriteria, examiners: f.panel } }), 'practical panel');
  await ok(await A('PUT', `/plans/${f.planExam}/review`, 'instA', { body: { criteria: f.reviewCriteria, examiners: f.panel } }), 'review panel');
  // the paper's texts must not reach another candidate
  f.paperSecrets = [`${f.tag}-th2`];
  // planScore and planPub, level 5: PA sits the theory (all right), the panel scores; planScore waits in
  // 评分 for its results, planPub's results are compiled and in 公示
  const runToScoring = async (title, exam) => {
    const plan = await mkPlan(title, f.occ5, 5, ['theory', 'practical'], ['filed', 'open'], exam);
    const regs = [await register(plan, f.PA, '2023-5-a'), await register(plan, f.PA3, '2023-5-a')];
    await ok(await A('POST', `/plans/${plan}/status`, 'instA', { body: { status: 'examining' } }), 'examining');
    const sit = (await ok(await A('POST', `/plans/${plan}/sittings`, 'instA', { body: { room: `${f.tag} ${title}`, minutes: 90, invigilators: [f.exA.id, f.staffAUser] } }), 'sitting')).id;
    const atts = [];
    for (const [i, reg] of regs.entries()) {
      const att = (await ok(await A('POST', `/sittings/${sit}/admit`, 'instA', { body: { registration_id: reg } }), 'admit')).attempt_id;
      atts.push(att);
      const t = i === 0 ? as('candA') : await login(f.loginUser, PW);
      const paper = await ok(await api('POST', `/api/v1/attempts/${att}/open`, { token: t }), 'open');
      let s = 0;
      for (const it of paper.items) await ok(await api('PUT', `/api/v1/attempts/${att}/answers/${it.pos}`, { token: t, body: { answer: L[it.options.findIndex((o) => o.endsWith('对'))], seq: ++s } }), 'answer');
      await ok(await api('POST', `/api/v1/attempts/${att}/submit`, { token: t }), 'submit');
    }
    await ok(await A('PUT', `/plans/${plan}/practical`, 'instA', { body: { criteria: f.practicalCriteria, examiners: f.panel } }), 'panel');
    for (const who of ['exA', 'exA_2', 'exA_3']) for (const reg of regs) await ok(await A('POST', `/plans/${plan}/practical/scores`, who, { body: { registration_id: reg, scores: [50, 30] } }), 'score');
    await ok(await A('POST', `/plans/${plan}/status`, 'instA', { body: { status: 'scoring' } }), 'scoring');
    return { plan, sit, atts };
  };
  const sc = await runToScoring('评分中', 21);
  f.surveyAtt = sc.atts[0]; // candA's submitted attempt: the satisfaction survey's target
  f.planScore = sc.plan;
  const pub = await runToScoring('公示中', 22);
  f.planPub = pub.plan;
  f.sitPub = pub.sit;
  // a 雷同 flag in each of the two sittings: the analysis flags a pair only among many candidates
  // (58-analysis makes one through the API), so the matrix writes the two rows its flag cells need
  const flag = (s) => {
    dbExec(`INSERT INTO collusion_flags (sitting_id, attempt_a, attempt_b, shared, identical, identical_wrong, omega, p, created_at) VALUES (${s.sit}, ${s.atts[0]}, ${s.atts[1]}, 3, 3, 0, 4.2, 0.0001, ${Math.floor(Date.now() / 1000)})`);
    return Number(dbExec(`SELECT id FROM collusion_flags WHERE sitting_id = ${s.sit}`).split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).pop()); // sqlite3 prints the value, psql a table
  };
  f.flagPub = flag(pub);
  f.flagScore = flag(sc);
  await ok(await A('POST', `/plans/${f.planPub}/results`, 'instA'), 'compile');
  await ok(await A('POST', `/plans/${f.planPub}/status`, 'instA', { body: { status: 'publicity' } }), 'publicity');
  const resOf = async (plan) => (await ok(await A('GET', `/results?person_id=${f.PA.id}&page_size=500`, 'prov'), 'results')).items.find((r) => r.plan_id === plan || r.exam_date === plusDays(plan === f.planPub ? 22 : 21));
  f.resultPub = (await resOf(f.planPub)).id;
  f.objFor = {};
  for (const who of ['instA', 'prov', 'cityA', 'staffA']) f.objFor[who] = (await ok(await A('POST', `/plans/${f.planPub}/objections`, null, { body: { result_id: f.resultPub, text: `矩阵测试：考生未到场（${who}）`, contact: '匿名' } }), 'objection')).id;
  // results and certificates entered by the province (its correction path): certA of PA, and for each
  // principal allowed to, a certificate to revoke, one to reissue and a passed result not yet issued
  const result = async (p, date) => (await ok(await A('POST', '/results', 'prov', { body: { person_id: p.id, institution_id: f.instA, occupation_code: f.occ5, level: 5, exam_date: date, theory: 82, practical: 75, correction_reason: '矩阵测试：历史档案补录' } }), 'result')).id;
  const issue = async (id) => (await ok(await A('POST', '/certificates', 'prov', { body: { result_ids: [id] } }), 'issue')).numbers[0];
  f.resultCert = await result(f.PA, '2026-09-18');
  f.certA = await issue(f.resultCert);
  f.certRevoke = {};
  f.certReissue = {};
  f.resultIssue = {};
  for (const [i, who] of ['instA', 'prov', 'staffA'].entries()) {
    f.certRevoke[who] = await issue(await result(f.PA3, `2026-09-1${i}`));
    f.certReissue[who] = await issue(await result(f.PA4, `2026-09-1${i}`));
    f.resultIssue[who] = await result(f.PA5, `2026-09-1${i}`);
  }
  f.resultScore = f.resultCert; // a result of no plan, for the objection through planPub that must be refused
  let dateNo = 0;
  f.examDate = () => `2026-08-${String(1 + (dateNo++ % 28)).padStart(2, '0')}`;
  const cred = (await A('GET', `/certificates/${f.certA}/credential`, 'instA')).data.toString();
  const claims = JSON.parse(Buffer.from(cred.split('.')[1], 'base64url').toString('utf8'));
  f.statusListPath = new URL(claims.vc.credentialStatus.statusListCredential).pathname.replace(/^\/api\/v1/, '');
  f.seq = () => 100 + ++seqNo;
  f.pdfText = (buf) => {
    const file = path.join(TMP, `${f.tag}-${++seqNo}.pdf`);
    fs.writeFileSync(file, buf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };
  // 投诉举报: cmpA about institution A, sent by candA with a name and phone (the identity only the province and
  // 济南 may read); one received complaint per principal allowed to move or transfer one; cmpAck acknowledged
  // (investigation records)
  const lastComplaint = async () => (await ok(await A('GET', '/complaints?sort=-id&page_size=1', 'prov'), 'complaints')).items[0].id;
  const complain = async (who, body) => {
    const r = await ok(await A('POST', '/public/complaints', who, { body: { category: 'other', text: `矩阵测试投诉${f.tag}`, ...body } }), 'complaint');
    return { code: r.tracking_code, id: await lastComplaint() };
  };
  f.cmpName = `矩阵投诉人${f.cn('candA')}`;
  f.cmpPhone = `137${String(Date.now()).slice(-8)}`;
  const cA = await complain('candA', { subject_kind: 'institution', subject_id: f.instA, name: f.cmpName, phone: f.cmpPhone });
  f.cmpA = cA.id;
  f.cmpCode = cA.code;
  f.cmpSecrets = [f.cmpName, f.cmpPhone];
  f.cmpMove = {};
  f.cmpTransfer = {};
  for (const who of ['cityA', 'prov']) {
    f.cmpMove[who] = (await complain(null, { region_code: '370100', anonymous: true })).id;
    f.cmpTransfer[who] = (await complain(null, { region_code: '370100' })).id;
  }
  f.cmpAck = (await complain(null, { region_code: '370100' })).id;
  await ok(await A('POST', `/complaints/${f.cmpAck}/status`, 'cityA', { body: { status: 'acknowledged' } }), 'acknowledge');
  // 补贴申领 of PA in 济南: claimA to read, and a checked claim for each bureau principal to move
  f.claimBody = (person, occ) => ({ person_id: person, kind: 'skill_up', occupation_code: occ, level: 5, region_code: '370100', cert_date: plusDays(-30), insured: [{ start: '2020-01-01' }] });
  const fileClaim = async (who, occ) => (await ok(await A('POST', '/training/claims', who, { body: f.claimBody(f.PA.id, occ) }), `claim ${occ}`)).id;
  f.claimA = await fileClaim('cityA', `${f.tag}-read`);
  f.claimMove = { prov: await fileClaim('prov', `${f.tag}-mv-prov`), cityA: await fileClaim('cityA', `${f.tag}-mv-cityA`) };
  // a paid 培训补贴 claim of PA (the three above are this year's 技能提升 claims: a fourth would be refused), so
  // that PA has a payable account in the ledger (its 公示 moved back a month)
  const paid = (await ok(await A('POST', '/training/claims', 'cityA', { body: { ...f.claimBody(f.PA.id, `${f.tag}-paid`), kind: 'training', course: `${f.tag}-course`, class_hours: 12, completed: true } }), 'training claim')).id;
  for (const st of ['reviewed', 'publicity']) await ok(await A('POST', `/training/claims/${paid}/status`, 'cityA', { body: { status: st } }), st);
  dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${paid}`);
  for (const st of ['payable', 'paid']) await ok(await A('POST', `/training/claims/${paid}/status`, 'cityA', { body: { status: st } }), st);
  // 补贴支付批次 of 济南: payable claims of PA9 and PA10 in a batch made by the city (batchA, its bank file and
  // results); one more payable claim of PA9 for the batch-creation row
  const payableClaim = async (p, occ) => {
    const id = (await ok(await A('POST', '/training/claims', 'cityA', { body: f.claimBody(p.id, occ) }), `claim ${occ}`)).id;
    for (const st of ['reviewed', 'publicity']) await ok(await A('POST', `/training/claims/${id}/status`, 'cityA', { body: { status: st } }), st);
    dbExec(`UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${id}`);
    await ok(await A('POST', `/training/claims/${id}/status`, 'cityA', { body: { status: 'payable' } }), 'payable');
    return id;
  };
  f.batchClaim = await payableClaim(f.PA9, `${f.tag}-pb1`);
  await payableClaim(f.PA10, `${f.tag}-pb2`);
  const batch = await ok(await A('POST', '/training/pay-batches', 'cityA', { body: {} }), 'pay batch');
  f.batchA = batch.id;
  f.batchLine = batch.lines.find((l) => l.claim_id === f.batchClaim).line_no;
  f.batchResults = `批次号,序号,申领编号,结果,原因\n${f.batchA},${f.batchLine},${f.batchClaim},成功,\n`;
  await payableClaim(f.PA9, `${f.tag}-pb3`);
  // 培训与补贴: institution A filed as a training institution (by the province) with a site and a course of its
  // own in 济南, and a 急需紧缺 list of 济南 for 2031 (the province's), for the training rows
  await ok(await A('PUT', `/training/institutions/${f.instA}`, 'prov', { body: { kind: 'private_school', licence_no: `${f.tag}许可` } }), 'training filing of A');
  f.siteBody = (who) => ({ name: `矩阵场地${f.cn(who)}`, address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 });
  f.siteA = (await ok(await A('POST', `/training/institutions/${f.instA}/sites`, 'instA', { body: f.siteBody('instA') }), 'site of A')).id;
  f.courseBody = (who) => ({ site_id: f.siteA, occupation_code: f.occ5, level: 5, title: `矩阵课程${f.cn(who)}`, class_hours: 40, price: '500', capacity: 30, subsidised: true, starts: [plusDays(20)] });
  f.courseA = (await ok(await A('POST', `/training/institutions/${f.instA}/courses`, 'instA', { body: f.courseBody('instA') }), 'course of A')).id;
  // 培训班 of A's course (teacher staffA): classA with PA enrolled (by candA) and a session; classE empty, for the
  // enrolment row
  f.classBody = () => ({ teacher_user_id: f.staffAUser, starts_on: '2031-03-01', ends_on: '2031-06-30', capacity: 50, completion_hours: 4 });
  f.classA = (await ok(await A('POST', `/training/courses/${f.courseA}/classes`, 'instA', { body: f.classBody() }), 'class A')).id;
  f.classE = (await ok(await A('POST', `/training/courses/${f.courseA}/classes`, 'instA', { body: f.classBody() }), 'class E')).id;
  await ok(await A('POST', `/training/classes/${f.classA}/enrolments`, 'candA', { body: {} }), 'PA enrols in class A');
  // the session is today, all day (China time), so candA's check-in row falls inside its hours
  const todayCN = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  f.sessA = (await ok(await A('POST', `/training/classes/${f.classA}/sessions`, 'instA', { body: { held_on: todayCN, starts_at: '00:00', ends_at: '23:59', hours: 2 } }), 'session of class A')).id;
  f.deviceA = `matrix-${f.tag}-phoneA`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60);
  // 培训结业转报名: classR of A's course (2 hours complete it), PA enrolled and checked in to its session today, so
  // PA has completed it; planTrain, another open plan of A's occupation at level 5, takes the registration
  f.classR = (await ok(await A('POST', `/training/courses/${f.courseA}/classes`, 'instA', { body: { ...f.classBody(), completion_hours: 2 } }), 'class R')).id;
  await ok(await A('POST', `/training/classes/${f.classR}/enrolments`, 'candA', { body: {} }), 'PA enrols in class R');
  const sessR = (await ok(await A('POST', `/training/classes/${f.classR}/sessions`, 'instA', { body: { held_on: todayCN, starts_at: '00:00', ends_at: '23:59', hours: 2 } }), 'session of class R')).id;
  const codeR = (await ok(await A('GET', `/training/sessions/${sessR}/code`, 'instA'), 'code of class R')).code;
  await ok(await A('POST', '/training/checkins', 'candA', { body: { code: codeR, device_id: f.deviceA, latitude: 36.6684, longitude: 117.0766 } }), 'PA checks in to class R');
  f.planTrain = await mkPlan('培训结业报名', f.occ5, 5, ['theory', 'practical'], ['filed', 'open']);
  f.shortageBody = (who, ok2) => ({ title: '济南市急需紧缺工种培训目录（矩阵）', source: '矩阵测试', declared_count: 1, min: '400', max: '880', entries: [{ occupation_code: f.occ5, amount: ok2 ? '500' : '880' }] });
  await ok(await A('PUT', '/training/shortage-lists/370100/2031', 'prov', { body: f.shortageBody('prov', true) }), 'shortage list of 济南');
  // 信用档案 (credit events): a 警示记录 of A (blocks nothing, so the rows above keep working), an expired 违规考评
  // of exA and an expired 督导失职 of supA (read by their subjects, blocking nothing), and a 警示记录 of A for each
  // bureau principal to withdraw
  const credit = async (who, body) => (await ok(await A('POST', '/credit-events', who, { body: { reason: `${f.tag} 矩阵信用事件`, ...body } }), `credit event ${body.kind}`)).id;
  f.creditBody = (who) => ({ subject_type: 'institution', subject_id: f.instA, kind: 'institution_warning', reason: `${f.tag}矩阵记录${who}` });
  f.creditInst = await credit('cityA', { subject_type: 'institution', subject_id: f.instA, kind: 'institution_warning' });
  f.creditEx = await credit('cityA', { subject_type: 'examiner', subject_id: f.exA.id, kind: 'examiner_violation', from: plusDays(-30), until: plusDays(-1) });
  f.creditSup = await credit('prov', { subject_type: 'supervisor', subject_id: f.supIds.supA, kind: 'supervisor_neglect', from: plusDays(-30), until: plusDays(-1) });
  f.creditWithdraw = { prov: await credit('prov', f.creditBody('wprov')), cityA: await credit('cityA', f.creditBody('wcityA')) };
  // 疑点线索: PA10 claims in 济南 and 青岛 on one far day (2072-0M-DD of this build); the province's detection run
  // over that day in 济南 makes fraudA (两地申领, 济南's), for the review-queue rows
  f.fraudDay = `2072-${String(1 + (Number(f.tag.replace(/\D/g, '')) % 12)).padStart(2, '0')}-15`;
  await ok(await A('POST', '/training/claims', 'cityA', { body: { ...f.claimBody(f.PA10.id, `${f.tag}-fr`), apply_date: f.fraudDay } }), 'claim of PA10 in 济南');
  await ok(await A('POST', '/training/claims', 'cityB', { body: { ...f.claimBody(f.PA10.id, `${f.tag}-fr2`), region_code: '370200', apply_date: f.fraudDay } }), 'claim of PA10 in 青岛');
  await ok(await A('POST', '/training/fraud-signals/detect', 'prov', { body: { from: f.fraudDay, to: f.fraudDay, region_code: '370100' } }), 'fraud detection');
  f.fraudA = (await ok(await A('GET', `/training/fraud-signals?kind=two_cities&person_id=${f.PA10.id}`, 'prov'), 'fraud signals')).items[0].id;
  f.personSecrets = [f.PA, f.PA3, f.PA4, f.PA5, f.PA6, f.PA7, f.PA8, f.PA9, f.PA10, f.PB].flatMap((p) => [p.id_number, p.phone]);
  // 定期评估: 济南's runs over one day of this build's own (1900-1982, no other fixture's; two builds on one
  // database never share it): assessPub published (institution A graded), assessDraft a draft of the same day,
  // assessDraft2 a draft of the next day (the publish row's target)
  const aDay = (k) => new Date(Date.UTC(1900, 0, 1) + ((n % 15000) * 2 + k) * 86400e3).toISOString().slice(0, 10);
  f.assessDay = aDay(0);
  f.assessDay2 = aDay(1);
  f.assessSystem = (({ version, ...rest }) => rest)(await ok(await A('GET', '/assess/indicators', 'prov'), 'indicators'));
  const arun = async (day) => (await ok(await A('POST', '/assessments', 'cityA', { body: { period_from: day, period_to: day, region_code: '370100' } }), 'assessment run')).id;
  f.assessPub = await arun(f.assessDay);
  await ok(await A('POST', `/assessments/${f.assessPub}/publish`, 'prov'), 'publish the assessment');
  f.assessDraft = await arun(f.assessDay);
  f.assessDraft2 = await arun(f.assessDay2);
  // 工资价位: the posts of 2003 (f.occ5, 基础类; a second build on the same database finds 2003 published: 409),
  // 济南's minimum wage, A's submission of PA's pay for 2003 (wageSubA) and 济南's publication of 2003 (wagePub)
  f.wageYear = 2003;
  f.wagePosts = { items: [{ occupation_code: f.occ5, post_class: 'basic' }] };
  await ok(await A('PUT', `/wages/posts/${f.wageYear}`, 'prov', { body: f.wagePosts }), 'wage posts', [200, 409]);
  f.wageMin = { effective_from: '2003-01-01', monthly: '2200', source: '[GAP] 矩阵测试值' };
  await ok(await A('PUT', '/wages/min-wages/370100', 'prov', { body: f.wageMin }), 'minimum wage');
  f.wageCsv = `证件号码,职业编码,技能等级,年度工资收入\n${f.PA.id_number},${f.occ5},初级工,50000\n`;
  await ok(await A('POST', `/wages/submissions/import?year=${f.wageYear}`, 'instA', { raw: f.wageCsv, headers: { 'Content-Type': 'text/csv' } }), 'wage import');
  f.wageSubA = (await ok(await A('GET', `/wages/submissions?year=${f.wageYear}&institution_id=${f.instA}`, 'instA'), 'wage submissions')).items[0].id;
  f.wagePub = (await ok(await A('POST', '/wages/publications', 'cityA', { body: { year: f.wageYear, region_code: '370100' } }), 'wage publication')).id;
  // 统计报表: the province's 评价 report of 2016 (repProv) and 济南's 培训与补贴 report of 2016 (repCityA)
  f.repProv = (await ok(await A('POST', '/stats/reports', 'prov', { body: { type: 'evaluation', period: '2016' } }), 'province report')).id;
  f.repCityA = (await ok(await A('POST', '/stats/reports', 'cityA', { body: { type: 'training', period: '2016', region_code: '370100' } }), 'city report')).id;
  // 急需紧缺预警: a posting of 济南 in f.occ5 (imported by the rows again); 济南's proposals of two free years from
  // 3001 + n % 400 (no proposal yet): shortYear a draft (the make, read and edit rows), shortPubYear a draft with
  // one entry (the publish row)
  f.shortSource = `matrix-${f.tag}`;
  const freeShort = async (from) => {
    for (let y = from; y < 9999; y++) if ((await A('GET', `/stats/shortage/proposals/370100/${y}`, 'prov')).status === 404) return y;
    throw new Error('no free proposal year');
  };
  f.shortYear = await freeShort(3001 + (n % 400));
  f.shortPubYear = await freeShort(f.shortYear + 1);
  f.shortCsv = `岗位编号,工作地区代码,职业编码,招聘单位,岗位名称,招聘人数,发布日期\n${f.tag}-1,370102,${f.occ5},矩阵单位,矩阵岗位,3,${f.shortYear - 1}-05-01\n${f.tag}-2,370202,${f.occ5},矩阵单位,矩阵岗位,3,${f.shortYear - 1}-05-01\n`;
  await ok(await A('POST', `/stats/shortage/postings?source=${f.shortSource}`, 'prov', { raw: f.shortCsv, headers: { 'Content-Type': 'text/csv' } }), 'postings');
  f.shortCsv = f.shortCsv.replace(/\n[^\n]*370202[^\n]*\n$/, '\n');
  for (const y of [f.shortYear, f.shortPubYear]) await ok(await A('POST', '/stats/shortage/proposals', 'prov', { body: { city_code: '370100', year: y } }), 'shortage proposal');
  await ok(await A('PUT', `/stats/shortage/proposals/370100/${f.shortPubYear}`, 'prov', { body: { entries: [{ occupation_code: f.occ5 }] } }), 'proposal entry');
  // 开放数据: the province's release of certificates by city for 2019 (a finished year; republished by the rows)
  f.odDataset = 'certificates-by-city';
  f.odPeriod = '2019';
  await ok(await A('POST', '/open-data/releases', 'prov', { body: { dataset: f.odDataset, period: f.odPeriod } }), 'open data release');
  // 职业技能竞赛 (svc/competition): 济南 (cityA) organises compA, a class-1 competition of year yA in a published
  // plan, open, with evA (职工组, no conditions) and entryA (PA) and entryR (PA7) nominated by A; compDraft, a draft
  // of 济南 (unpublished: only the province and 济南 see it); compP, approved for year yP (the publish row's
  // target); compD, a city-tier competition of 济南, closed, with evD holding PA3 approved (the draw row's target).
  // The years are free ones of this build (no application in them yet), found from 2040 + n % 50.
  const freeYear = async (from) => {
    for (let y = from; y < 2100; y++) if ((await A('GET', `/competition-plans/${y}`, 'prov')).status === 404) return y;
    throw new Error('no free plan year');
  };
  f.compYear = await freeYear(2040 + (n % 50));
  f.compYearP = await freeYear(f.compYear + 1);
  f.compBody = (who, extra = {}) => ({ name: `${f.tag}矩阵竞赛${f.cn(who)}`, tier: ['prov', 'cityA', 'cityB'].includes(who) ? 'city' : 'school', organiser_name: `矩阵主办${f.cn(who)}`, organiser_kind: ['prov', 'cityA', 'cityB'].includes(who) ? 'city' : 'school', starts_on: `${f.compYear}-06-01`, ends_on: `${f.compYear}-06-03`, ...extra });
  const comp = async (name, body) => (await ok(await A('POST', '/competitions', 'cityA', { body: f.compBody(name, body) }), `competition ${name}`)).id;
  const cmove = async (id, who, status, what) => ok(await A('POST', `/competitions/${id}/status`, who, { body: { status } }), what);
  const cevent = async (id, name) => (await ok(await A('POST', `/competitions/${id}/events`, 'cityA', { body: { name, occupation_code: f.occ5, groups: [{ group: 'worker' }] } }), `event ${name}`)).id;
  f.compA = await comp('甲', { tier: 'province_1', key_industry: true, plan_year: f.compYear });
  f.evA = await cevent(f.compA, '矩阵赛项甲');
  await cmove(f.compA, 'cityA', 'applied', 'compA applied');
  await cmove(f.compA, 'prov', 'approved', 'compA approved');
  await ok(await A('POST', `/competition-plans/${f.compYear}/publish`, 'prov'), 'plan published');
  await cmove(f.compA, 'cityA', 'open', 'compA open');
  const nominate = async (ev, person) => (await ok(await A('POST', `/competition-events/${ev}/entries`, 'instA', { body: { person_id: person.id, group: 'worker' } }), 'nomination')).id;
  f.entryA = await nominate(f.evA, f.PA);
  f.entryR = await nominate(f.evA, f.PA7);
  f.compDraft = await comp('乙', { tier: 'province_1', plan_year: f.compYear });
  await cevent(f.compDraft, '矩阵赛项乙');
  f.compP = await comp('丙', { tier: 'province_2', plan_year: f.compYearP });
  await cmove(f.compP, 'cityA', 'applied', 'compP applied');
  await cmove(f.compP, 'prov', 'approved', 'compP approved');
  f.compD = await comp('丁', { tier: 'city' });
  f.evD = await cevent(f.compD, '矩阵赛项丁');
  await cmove(f.compD, 'cityA', 'open', 'compD open');
  const entryD = await nominate(f.evD, f.PA3);
  await ok(await A('POST', `/competition-entries/${entryD}/status`, 'cityA', { body: { status: 'approved' } }), 'entry D approved');
  await cmove(f.compD, 'cityA', 'closed', 'compD closed');
  f.nominee = { prov: f.PA4, cityA: f.PA5, instA: f.PA6 };
  // compO, a city-tier competition of 济南, open, with evO (no conditions): candidates register themselves
  f.compO = await comp('戊', { tier: 'city' });
  f.evO = await cevent(f.compO, '矩阵赛项戊');
  await cmove(f.compO, 'cityA', 'open', 'compO open');
  // 山东惠才卡: PA works at A and holds a 齐鲁工匠 honour (candA applies in the apply row); PK1's card issued
  // through every step (employer A, 济南) for the card rows; PK2's application waits on A's 单位专员 (the step
  // row); a hospital provider with its key (the use row)
  f.PK1 = await mkPerson('instA', '370102', '卡一');
  f.PK2 = await mkPerson('instA', '370102', '卡二');
  f.cardHonour = { kind: 'qilu_craftsman', title: `${f.tag} 齐鲁工匠`, awarded_on: '2024-04-28', source: '矩阵：山东省总工会齐鲁工匠名单' };
  const cardCand = async (p, label) => {
    await ok(await A('PATCH', `/persons/${p.id}`, 'prov', { body: { employer_id: f.instA } }), `employer of ${label}`);
    await ok(await A('POST', `/persons/${p.id}/honours`, 'prov', { body: f.cardHonour }), `honour of ${label}`);
    if (p === f.PA) return undefined;
    const u = await mkUser(`${f.tag}${label}`, { role: 'candidate', person_id: p.id });
    const t = await login(u.username, PW);
    return (await ok(await api('POST', '/api/v1/talent-card/applications', { token: t, body: { category_code: 'qilu_craftsman' } }), `card application of ${label}`)).id;
  };
  await cardCand(f.PA, 'PA');
  const app1 = await cardCand(f.PK1, 'pk1');
  for (const [who, to] of [['staffA', 'completed'], ['instA', 'approved'], ['cityA', 'reviewed'], ['prov', 'issued']])
    await ok(await A('POST', `/talent-card/applications/${app1}/status`, who, { body: { status: to } }), `card step ${to}`);
  f.cardNo = (await ok(await A('GET', `/talent-card/applications/${app1}`, 'prov'), 'card application')).card_number;
  f.cardApp = await cardCand(f.PK2, 'pk2');
  f.provider = await ok(await A('POST', '/talent-card/providers', 'prov', { body: { name: `${f.tag}矩阵医院`, region_code: '370102', services: ['s05'] } }), 'card provider');
  // a second provider for the province's management rows (suspended and given a new key there)
  f.provider2 = await ok(await A('POST', '/talent-card/providers', 'prov', { body: { name: `${f.tag}矩阵药店`, region_code: '370102', services: ['s05'] } }), 'card provider 2');
  await buildCompetitionMarking(n, mkPerson);
  await buildCompetitionSquads(n, mkPerson);
  await buildPosts(n, mkPerson);
  await buildCultivation(n, mkPerson);
  await buildApprenticeships(n, mkPerson, mkPlan);
  await buildWorkforce(n, mkUser);
  await buildElearn(n);
  await buildChains(n);
  await buildStudentEval(n, mkPerson, mkPlan);
  await buildNorms();
  await buildNormRuns(mkPerson);
}

// 评价队伍与考点 (issue 24 items 2-3, svc/platform): exA's qualification (qualExA, registered in ex()); a spare class
// of A's course for the course row (wfClassW); examiners of A with a qualification to renew and to remove, one of
// each per allowed bureau principal; an account for each grant; siteA of institution A with a computer room and a
// workshop, its 标准化考场 check signed as passed by 济南, designated for (occ5, 5); a draft assessment of 济南
// (siteDraft); a booking of the workshop per allowed booker (wfBooking) for the cancel row
async function buildWorkforce(n, mkUser) {
  f.wfClassW = (await ok(await A('POST', `/training/courses/${f.courseA}/classes`, 'instA', { body: f.classBody() }), 'class W')).id;
  f.wfCourseBody = () => ({ class_id: f.wfClassW, grade: 'examiner', exam_plan_id: f.planOpen, valid_years: 3 });
  const examinerOfA = async (label) => (await mkUser(`${f.tag}wf${label}`, { role: 'examiner', institution_id: f.instA })).id;
  const qualOf = async (label) => (await qualify(as('prov'), await examinerOfA(label))).id;
  f.wfRenew = { prov: await qualOf('rn1'), cityA: await qualOf('rn2') };
  f.wfRenew.instA = f.wfRenew.cityA;
  f.wfRemove = { prov: await qualOf('rm1'), cityA: await qualOf('rm2') };
  f.wfRemove.instA = f.wfRemove.cityA;
  f.wfGrantee = { prov: await examinerOfA('g1'), cityA: await examinerOfA('g2') };
  f.wfGrantee.instA = f.wfGrantee.cityA;
  f.wfGrantBody = (who) => ({ user_id: mine(f.wfGrantee, who), basis: 'record', grade: 'examiner', cert_no: `${f.tag}-wf-${who}`, valid_from: '2020-01-01', valid_until: '2999-12-31' });
  f.esSiteBody = (who) => ({ name: `${f.tag} 矩阵考点 ${who}`, address: '济南市历下区', institution_id: f.instA });
  const site = await ok(await A('POST', '/exam-sites', 'instA', { body: f.esSiteBody('A') }), 'site A');
  f.esSite = site.id;
  const withRoom = await ok(await A('POST', `/exam-sites/${f.esSite}/rooms`, 'instA', { body: { name: '机房', seats: 40, computers: 40, cameras: 4, equipment: '计算机' } }), 'computer room');
  await ok(await A('POST', `/exam-sites/${f.esSite}/rooms`, 'instA', { body: { name: '车间', seats: 30, computers: 0, cameras: 2, equipment: '工位' } }), 'workshop');
  const rooms = (await ok(await A('GET', `/exam-sites/${f.esSite}`, 'instA'), 'site A rooms')).room_list;
  assert.ok(withRoom.room_list.length >= 1);
  f.roomPC = rooms.find((r) => r.name === '机房').id;
  f.roomShop = rooms.find((r) => r.name === '车间').id;
  f.roomBody = (who) => ({ name: `${f.tag}考场${who}`, seats: 20, computers: 20, cameras: 2, equipment: '' });
  f.roomShopBody = (who) => ({ name: '车间', seats: 30, computers: 0, cameras: 2, equipment: `工位（${who}）` });
  const list = await ok(await A('GET', '/site-checklist', 'cityA'), 'site checklist');
  f.siteMarks = list.items.map((i) => ({ item_id: i.id, result: 'conform' }));
  f.siteAssessed = (await ok(await A('POST', `/exam-sites/${f.esSite}/assessments`, 'cityA', { body: { marks: f.siteMarks, sign: true } }), 'site check')).id;
  f.siteDraft = (await ok(await A('POST', `/exam-sites/${f.esSite}/assessments`, 'cityA', { body: { marks: f.siteMarks.slice(0, 1) } }), 'site draft')).id;
  await ok(await A('POST', `/exam-sites/${f.esSite}/designations`, 'prov', { body: { occupation_code: f.occ5, level: 5 } }), 'designation');
  const base = Date.parse(`${plusDays(600 + (n % 300))}T08:00:00+08:00`) / 1000;
  const slot = (who) => base + 7200 * (1 + Object.keys(PRINCIPALS).indexOf(who));
  f.bookBody = (who) => ({ plan_id: f.planOpen, part: 'practical', starts_at: slot(who), minutes: 60, candidates: 10 });
  f.wfBooking = {};
  for (const who of ['prov', 'instA', 'staffA'])
    f.wfBooking[who] = (await ok(await A('POST', `/exam-rooms/${f.roomShop}/bookings`, who, { body: { ...f.bookBody(who), starts_at: slot(who) + 86400 } }), `booking of ${who}`)).id;
  await buildPlatform(n);
  await buildSpecial(n);
  await buildTargets(n);
}

// 目标任务 (issue 24 item 6): tgA, a target of 济南 (370100) set by 济南's bureau; tgBody(who) a new one of 济南 with a
// code of its own for the create row
async function buildTargets(n) {
  f.tgBody = (who) => ({ code: `matrix_${n}_${who}`.toLowerCase(), name: `${f.tag}矩阵目标${who}`, region_code: '370100', metric: 'apprentice.trained', value: 1000, baseline_on: '2024-01-01', deadline: '2027-12-31', source: '矩阵测试' });
  f.tgA = (await ok(await A('POST', '/stats/targets', 'cityA', { body: f.tgBody('fixture') }), 'target')).id;
}

// 线上学习 and 知识竞赛 (issue 23 item 4): A's published online course elCourse with a video elRes, and its draft elDraft;
// candA's live session elSession on a device of its own with a presence check open (asked now: the check's time is
// drawn at random, so the fixture moves it with dbExec); crOpen, the province's open round that candA entered;
// crDone, a round whose deadline has passed (moved with dbExec), scored by the server's schedule or the score row.
f.elMp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(12), Buffer.from('矩阵视频 '.repeat(30))]);
f.elDev = (who) => `${f.tag}-dev-${who}`;
f.elTab = (who) => `${f.tag}-tab-${who}`;
async function buildElearn(n) {
  const course = async (title) => (await ok(await A('POST', '/elearn/courses', 'instA', { body: { title, hour_minutes: 45, max_hours: 4 } }), `elearn course ${title}`)).id;
  f.elCourse = await course(`${f.tag}矩阵线上课`);
  f.elRes = (await ok(await A('POST', `/elearn/courses/${f.elCourse}/resources?title=${encodeURIComponent('第一讲')}&kind=video&seconds=600`, 'instA', { raw: f.elMp4, headers: { 'Content-Type': 'video/mp4' } }), 'elearn resource')).id;
  await ok(await A('PATCH', `/elearn/courses/${f.elCourse}`, 'instA', { body: { status: 'published' } }), 'course published');
  f.elDraft = await course(`${f.tag}矩阵草稿课`);
  f.elSession = (await ok(await A('POST', `/elearn/courses/${f.elCourse}/sessions`, 'candA', { body: { resource_id: f.elRes, device_id: f.elDev('candA'), tab_id: f.elTab('candA') } }), 'elearn session')).session_id;
  dbExec(`UPDATE elearn_sessions SET presence_due_at = 0, last_beat_at = last_beat_at - 30 WHERE id = ${f.elSession}`);
  f.elCode = (await ok(await A('POST', `/elearn/sessions/${f.elSession}/beats`, 'candA', { body: { device_id: f.elDev('candA'), tab_id: f.elTab('candA'), position_s: 30 } }), 'elearn beat')).presence.code;
  // a contest draws from the province's practice pool (DOMAIN §62; the demo's 电子商务师 四级 set)
  const pick = dbExec("SELECT 'k=' || occupation_code || '|' || level FROM items it WHERE active = 1 AND institution_id IS NULL AND kind = 'single' AND EXISTS (SELECT 1 FROM practice_items px WHERE px.item_key = it.item_key) GROUP BY occupation_code, level HAVING COUNT(*) >= 2 ORDER BY COUNT(*) DESC LIMIT 1").match(/k=(\S+)\|(\d)/);
  const now = Math.floor(Date.now() / 1000);
  f.crBody = (who) => ({ title: `${f.tag}矩阵知识竞赛${f.cn(who)}`, occupation_code: pick[1], level: Number(pick[2]), opens_at: now - 60, closes_at: now + 86400, minutes: 30, items: { single: 2 } });
  f.crOpen = (await ok(await A('POST', '/contest-rounds', 'prov', { body: f.crBody('prov') }), 'contest round')).id;
  await ok(await A('POST', `/contest-rounds/${f.crOpen}/entries`, 'candA'), 'contest entry');
  f.crDone = (await ok(await A('POST', '/contest-rounds', 'cityA', { body: f.crBody('cityA') }), 'contest round 2')).id;
  await ok(await A('POST', `/contest-rounds/${f.crDone}/entries`, 'candA'), 'contest entry 2');
  dbExec(`UPDATE contest_rounds SET closes_at = ${now - 1} WHERE id = ${f.crDone}`);
  await ok(await A('POST', `/contest-rounds/${f.crDone}/score`, 'cityA'), 'contest scored');
  // 模拟练习 (DOMAIN §62): two province items of a matrix-only area released to the practice pool (pxItem), a third
  // left secret for the release row (pxItem2); candA's open practice paper pxPaper
  const pxOcc = pick[1], pxLevel = Number(pick[2]);
  const pxItem = async (i) => (await ok(await A('POST', '/items', 'prov', { body: { occupation_code: pxOcc, level: pxLevel, kind: 'single', area: `${f.tag}-PX`, stem: `${f.tag} 矩阵练习题 ${i}`, options: ['甲', '乙', '丙'], answer: 'A', points: 1 } }), `practice item ${i}`)).id;
  f.pxItem = await pxItem(1);
  const second = await pxItem(2);
  f.pxItem2 = await pxItem(3);
  for (const id of [f.pxItem, second]) await ok(await A('POST', '/practice/items', 'prov', { body: { item_id: id, explanation: `矩阵解析 ${id}` } }), 'practice release');
  f.pxBody = () => ({ occupation_code: pxOcc, level: pxLevel });
  f.pxPaper = (await ok(await A('POST', '/practice/papers', 'candA', { body: f.pxBody() }), 'practice paper')).id;
}

// 岗位需求 → 培训班 and 产教评 chains (issue 23 item 6): dmPosting, an open posting of 济南 for course A's
// occupation (posted today, 1000 places); dmClass, a class of course A for each principal that may answer with it;
// dmAnswered, a class of A already answering dmPosting; chain, a chain of 济南 led by instA2 (an enterprise) with A
// a member (evaluator); chainRm, another, where cultSchool is a member to remove.
async function buildChains(n) {
  const occ = dbExec(`SELECT 'o=' || occupation_code FROM training_courses WHERE id = ${f.courseA}`).match(/o=(\S+)/)[1];
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  dbExec(`INSERT INTO job_postings (source, source_ref, region_code, occupation_code, employer, title, vacancies, posted_on, imported_at) VALUES ('scope-matrix', '${f.tag}dm', '370102', '${occ}', '矩阵用工企业', '${f.tag}矩阵岗位', 1000, '${today}', 0)`);
  f.dmPosting = Number(dbExec(`SELECT 'i=' || id FROM job_postings WHERE source = 'scope-matrix' AND source_ref = '${f.tag}dm'`).match(/i=(\d+)/)[1]);
  const cls = async () => (await ok(await A('POST', `/training/courses/${f.courseA}/classes`, 'instA', { body: f.classBody() }), 'class to answer')).id;
  f.dmClass = { prov: await cls(), cityA: await cls(), instA: await cls(), staffA: await cls() };
  f.dmAnswered = await cls();
  await ok(await A('POST', '/cultivation/demand/answers', 'instA', { body: { kind: 'class', target_id: f.dmAnswered, postings: [{ posting_id: f.dmPosting, places: 5 }] } }), 'demand answered', [201]);
  f.chainBody = (who) => ({ name: `${f.tag}矩阵技能生态链${f.cn(who)}`, industry: '高端装备', lead_id: f.instA2 });
  // the chains' import (API 28): a chain led by instA2 per allowed principal, by its credit code
  const leadCode = dbExec(`SELECT 'c=' || credit_code FROM institutions WHERE id = ${f.instA2}`).match(/c=(\S+)/)[1];
  f.chainCsv = (who) => `链名称,产业,链主企业统一社会信用代码\n${f.tag}矩阵导入链${f.cn(who)},高端装备,${leadCode}\n`;
  f.chain = (await ok(await A('POST', '/cultivation/chains', 'cityA', { body: f.chainBody('fixture') }), 'chain', [201])).id;
  await ok(await A('POST', `/cultivation/chains/${f.chain}/members`, 'cityA', { body: { institution_id: f.instA, role: 'evaluator' } }), 'chain member');
  f.chainRm = (await ok(await A('POST', '/cultivation/chains', 'cityA', { body: f.chainBody('rm') }), 'chain 2', [201])).id;
  await ok(await A('POST', `/cultivation/chains/${f.chainRm}/members`, 'cityA', { body: { institution_id: f.cultSchool.id, role: 'school' } }), 'chain member 2');
}

// 竞赛选拔与集训 (issue 21 item 7): sqComp, a 省级二类 competition of institution A in the published plan of yA, with
// one event sqEv (WorldSkills skill sqSkill) where two trainees of A (PS1, PS2) are marked (exA chief, exA_2 and
// exA_3 judges), signed, computed and published with two golds; both enter the WorldSkills pool (sqPool1,
// sqPool2); sqSquad (base institution A) holds PS1 with A as the sending unit; compWS, the province's open
// WorldSkills-tier competition with sqRoundEv (the rounds row's target). All through the API.
async function buildCompetitionSquads(n, mkPerson) {
  f.sqSkill = `矩阵世赛项目${f.tag}`;
  const c = await ok(await A('POST', '/competitions', 'instA', { body: { name: `矩阵省赛${f.tag}`, tier: 'province_2', organiser_kind: 'school', organiser_name: '矩阵评价机构', plan_year: f.compYear, starts_on: `${f.compYear}-07-01`, ends_on: `${f.compYear}-07-02` } }), 'squad competition');
  f.sqComp = c.id;
  const ev = (await ok(await A('POST', `/competitions/${c.id}/events`, 'instA', { body: { name: `矩阵世赛赛项${f.tag}`, worldskills_skill: f.sqSkill, seats: 2, groups: [{ group: 'worker' }] } }), 'squad event')).id;
  f.sqEv = ev;
  await ok(await A('POST', `/competitions/${c.id}/status`, 'instA', { body: { status: 'applied' } }), 'squad competition applied');
  await ok(await A('POST', `/competitions/${c.id}/status`, 'prov', { body: { status: 'approved' } }), 'squad competition approved');
  await ok(await A('POST', `/competitions/${c.id}/status`, 'instA', { body: { status: 'open' } }), 'squad competition open');
  const people = [await mkPerson('instA', '370102', '庚'), await mkPerson('instA', '370102', '辛')];
  const entries = [];
  for (const p of people) {
    const en = await ok(await A('POST', `/competition-events/${ev}/entries`, 'instA', { body: { person_id: p.id, group: 'worker' } }), 'squad entry');
    await ok(await A('POST', `/competition-entries/${en.id}/status`, 'instA', { body: { status: 'approved' } }), 'squad entry approved');
    entries.push(en.id);
  }
  await ok(await A('POST', `/competitions/${c.id}/status`, 'instA', { body: { status: 'closed' } }), 'squad competition closed');
  await ok(await A('POST', `/competition-events/${ev}/draw`, 'instA', { body: { seed: `${f.tag}-sq` } }), 'squad draw');
  await ok(await A('PUT', `/competitions/${c.id}/marking-rules`, 'instA', { body: { avoidance: { employer: false, school: false, city: false }, medals: { gold: 2, silver: 0, bronze: 0 } } }), 'squad marking rules');
  await ok(await A('PUT', `/competition-events/${ev}/scheme`, 'instA', { body: f.cmSchemeBody }), 'squad scheme');
  const judge = async (who, chief = false) => ok(await A('POST', `/competition-events/${ev}/judges`, 'instA', { body: { user_id: who === 'exA' ? f.exA.id : (await meOf(f.tokens[who])).id, chief } }), `squad judge ${who}`);
  await judge('exA', true);
  for (const who of ['exA_2', 'exA_3']) {
    await judge(who);
    await ok(await A('PUT', `/competition-events/${ev}/scores`, who, { body: { scores: entries.map((e, j) => ({ entry_id: e, aspect: 'J1', value: 3 - j, seq: 1 })) } }), 'squad scores');
  }
  await ok(await A('POST', `/competition-events/${ev}/signoff`, 'exA'), 'squad signoff');
  await ok(await A('POST', `/competition-events/${ev}/results`, 'instA'), 'squad results');
  await ok(await A('POST', `/competition-events/${ev}/results/publish`, 'instA'), 'squad results published');
  const pool = await ok(await A('POST', `/competition-events/${ev}/selection-pool`, 'prov', { body: { target: 'worldskills' } }), 'selection pool');
  [f.sqPool1, f.sqPool2] = pool.items.map((x) => x.id);
  f.sqSquadBody = (who) => ({ target: 'worldskills', skill: `${f.sqSkill}${f.cn(who)}`, year: 2030, base_institution_id: f.instA, base_level: 'key' });
  f.sqSquad = (await ok(await A('POST', '/competition-squads', 'prov', { body: { target: 'worldskills', skill: f.sqSkill, year: 2030, base_institution_id: f.instA } }), 'squad')).id;
  f.sqMember1 = (await ok(await A('POST', `/competition-squads/${f.sqSquad}/members`, 'prov', { body: { pool_id: f.sqPool1, sending_unit_id: f.instA } }), 'squad member')).members[0].id;
  f.compWS = (await ok(await A('POST', '/competitions', 'prov', { body: { name: `矩阵世赛选拔${f.tag}`, tier: 'worldskills', organiser_kind: 'province', organiser_name: '山东省人力资源和社会保障厅', starts_on: '2030-03-01', ends_on: '2030-03-02' } }), 'selection competition')).id;
  f.sqRoundEv = (await ok(await A('POST', `/competitions/${f.compWS}/events`, 'prov', { body: { name: `矩阵选拔赛项${f.tag}`, worldskills_skill: f.sqSkill, groups: [{ group: 'worker' }] } }), 'selection event')).id;
  await ok(await A('POST', `/competitions/${f.compWS}/status`, 'prov', { body: { status: 'open' } }), 'selection competition open');
}

// 竞赛评分与成绩 (issue 21 items 4-5): a competition of institution A (济南) with six events, each with two
// approved trainees of A and one Judgement aspect of 100 marks: cmM marking (exA and
// exA_2 judges, exA_3 chief), cmScheme without scores or judges, and four with exA as the chief expert and
// exA_2, exA_3 as judges who have marked everything: cmSign (not signed), cmDone (signed), cmPubl (computed),
// cmOpen (published). All through the API.
async function buildCompetitionMarking(n, mkPerson) {
  // institution A's own competition (院校 tier) with six events; A nominates two of its trainees to each, approves
  // them, closes registration and draws (the core's API); 回避 by employer and school is off for it, since A's
  // own examiners judge A's own contestants here
  const year = 2030 + (n % 50);
  const cid = (await ok(await A('POST', '/competitions', 'instA', { body: { name: `矩阵院校技能竞赛${f.tag}`, tier: 'school', organiser_kind: 'school', organiser_name: '矩阵评价机构', starts_on: `${year}-11-01`, ends_on: `${year}-11-02` } }), 'marking competition')).id;
  f.cmComp = cid;
  const names = ['cmM', 'cmScheme', 'cmSign', 'cmDone', 'cmPubl', 'cmOpen'];
  const ev = {};
  for (const k of names) ev[k] = (await ok(await A('POST', `/competitions/${cid}/events`, 'instA', { body: { name: `矩阵赛项 ${k}`, worldskills_skill: 'Matrix', seats: 2, groups: [{ group: 'worker' }] } }), `event ${k}`)).id;
  await ok(await A('POST', `/competitions/${cid}/status`, 'instA', { body: { status: 'open' } }), 'marking competition open');
  const people = [await mkPerson('instA', '370102', '戊'), await mkPerson('instA', '370102', '己')];
  f.cmEntry = {};
  for (const k of names) {
    f.cmEntry[k] = [];
    for (const p of people) {
      const en = await ok(await A('POST', `/competition-events/${ev[k]}/entries`, 'instA', { body: { person_id: p.id, group: 'worker' } }), `entry ${k}`);
      await ok(await A('POST', `/competition-entries/${en.id}/status`, 'instA', { body: { status: 'approved' } }), `entry ${k} approved`);
      f.cmEntry[k].push(en.id);
    }
  }
  await ok(await A('POST', `/competitions/${cid}/status`, 'instA', { body: { status: 'closed' } }), 'marking competition closed');
  for (const k of names) await ok(await A('POST', `/competition-events/${ev[k]}/draw`, 'instA', { body: { seed: `${f.tag}-${k}` } }), `draw ${k}`);
  await ok(await A('PUT', `/competitions/${cid}/marking-rules`, 'instA', { body: { avoidance: { employer: false, school: false, city: false } } }), 'marking rules');
  Object.assign(f, ev);
  const DESC = ['未达到行业标准', '达到行业标准', '在某些方面超过行业标准', '杰出'];
  f.cmSchemeBody = { modules: [{ code: 'A', name: '矩阵模块', sub_criteria: [{ code: 'A.1', name: '矩阵分项', aspects: [{ code: 'J1', description: '矩阵评价', kind: 'judgement', max: 100, descriptors: DESC }] }] }] };
  const judge = async (e, who, chief = false) => ok(await A('POST', `/competition-events/${e}/judges`, 'instA', { body: { user_id: who === 'exA' ? f.exA.id : (await meOf(f.tokens[who])).id, chief } }), `judge ${who}`);
  for (const k of names.filter((x) => x !== 'cmScheme')) await ok(await A('PUT', `/competition-events/${ev[k]}/scheme`, 'instA', { body: f.cmSchemeBody }), `scheme ${k}`);
  await judge(ev.cmM, 'exA');
  await judge(ev.cmM, 'exA_2');
  await judge(ev.cmM, 'exA_3', true);
  for (const k of ['cmSign', 'cmDone', 'cmPubl', 'cmOpen']) {
    await judge(ev[k], 'exA', true);
    for (const who of ['exA_2', 'exA_3']) {
      await judge(ev[k], who);
      await ok(await A('PUT', `/competition-events/${ev[k]}/scores`, who, { body: { scores: f.cmEntry[k].map((e, j) => ({ entry_id: e, aspect: 'J1', value: 2 + j, seq: 1 })) } }), `scores ${k}`);
    }
  }
  for (const k of ['cmDone', 'cmPubl', 'cmOpen']) await ok(await A('POST', `/competition-events/${ev[k]}/signoff`, 'exA'), `signoff ${k}`);
  for (const k of ['cmPubl', 'cmOpen']) await ok(await A('POST', `/competition-events/${ev[k]}/results`, 'instA'), `results ${k}`);
  await ok(await A('POST', `/competition-events/${ev.cmOpen}/results/publish`, 'instA'), 'publish cmOpen');
  // judges to assign, one per organiser that may: examiners of institution C (no contestant's employer)
  f.cmJudge = {};
  for (const who of ['prov', 'cityA', 'instA']) f.cmJudge[who] = (await ok(await A('POST', '/users', 'prov', { body: { username: `${f.tag}cmj${who}`, password: PW, role: 'examiner', institution_id: f.instC } }), `judge for ${who}`)).id;
  // 贯通: a matrix series with one rule (titleRule); PA holds engineering 初级 and 副高 titles of 2020 (imported by
  // 济南), so title → 三 / 二 / 一级 holds in any occupation PA has no level of: titleApp (occX, 三级, submitted) to
  // read, one submitted application for each bureau principal to move (occX 二级, 一级)
  f.titleSeries = f.tag;
  await ok(await A('PUT', `/titles/series/${f.titleSeries}`, 'prov', { body: { name: `矩阵系列${cnNum(n)}`, source: '矩阵测试' } }), 'title series');
  f.titleRuleBody = () => ({ series: f.titleSeries, kind: 'title_to_level', from_rank: 'intermediate', years: 1, to_level: 2, source: '矩阵测试' });
  f.titleRule = (await ok(await A('POST', '/titles/rules', 'prov', { body: f.titleRuleBody() }), 'title rule')).id;
  f.titleRecordBody = (rank) => ({ person_id: f.PA.id, series: 'engineering', rank, obtained_on: '2020-01-01', source: `${f.tag} 矩阵导入` });
  for (const rank of ['assistant', 'deputy_senior']) await ok(await A('POST', '/titles/records', 'cityA', { body: f.titleRecordBody(rank) }), `title ${rank} of PA`);
  // 职称 → 技能等级 counts work in the occupation since the title (申报条件) and names the institution that
  // would issue the certificate: PA works in occX and occT (a second matrix occupation) since 2020-02
  f.occT = (await ok(await A('POST', '/occupations', 'prov', { body: { code: f.occCode('matrix').replace(/-98-/, '-97-'), name: `矩阵贯通职业${cnNum(n)}`, levels: '5|4', kind: 'occupation' } }), 'occupation T')).code;
  for (const occ of [f.occX, f.occT]) await ok(await A('POST', `/persons/${f.PA.id}/work-history`, 'prov', { body: { employer_name: '矩阵贯通单位', occupation_code: occ, start_date: '2020-02-01' } }), 'work of PA');
  f.titleTarget = (occ, level) => ({ person_id: f.PA.id, kind: 'title_to_level', series: 'engineering', level, occupation_code: occ, institution_id: f.instA });
  const titleApp = async (who, level) => (await ok(await A('POST', '/titles/applications', who, { body: f.titleTarget(f.occX, level) }), `title application ${level}`)).id;
  f.titleApp = await titleApp('cityA', 3);
  f.titleMove = { prov: await titleApp('prov', 2), cityA: await titleApp('cityA', 1) };
  f.titleApplyLevel = { prov: 3, cityA: 2, candA: 1 };
  // 评选项目与津贴: rounds of 创新成果评选 (no conditions but a running term) in years no round holds yet:
  // selRound nominating (PA nominated by 济南: selNom; 济南's quota 5), selMoveRound nominating (to move),
  // selRevRound in review (PA3's selRevNom to score), selAppRound appointed (PA4's selAppNom to stop); selYear
  // free for the create row; SN1, SN2 to nominate (prov, cityA); PA's honour for the CSV import
  const usedYears = new Set((await ok(await A('GET', '/selections/rounds?programme=innovation', 'prov'), 'rounds')).items.map((r) => r.year));
  const freeYear = () => { let y = 1990; while (usedYears.has(y)) y++; usedYears.add(y); return y; };
  const selRound = async (label) => {
    const r = await ok(await A('POST', '/selections/rounds', 'prov', { body: { programme: 'innovation', year: freeYear(), title: `矩阵${label}${cnNum(n)}`, places: 5, min_experts: 1 } }), `round ${label}`);
    await ok(await A('PUT', `/selections/rounds/${r.id}/quotas`, 'prov', { body: { quotas: [{ region_code: '3701', quota: 5 }] } }), `quotas ${label}`);
    return r.id;
  };
  const nominate = async (round, p, who = 'cityA') => (await ok(await A('POST', `/selections/rounds/${round}/nominations`, who, { body: { person_id: p.id } }), `nominate ${p.name}`)).id;
  f.selRound = await selRound('评选');
  f.selNom = await nominate(f.selRound, f.PA);
  f.selMoveRound = await selRound('推进');
  f.selRevRound = await selRound('评审');
  f.selRevNom = await nominate(f.selRevRound, f.PA3);
  await ok(await A('POST', `/selections/rounds/${f.selRevRound}/status`, 'prov', { body: { status: 'reviewing' } }), 'review');
  f.selAppRound = await selRound('任用');
  f.selAppNom = await nominate(f.selAppRound, f.PA4);
  await ok(await A('POST', `/selections/rounds/${f.selAppRound}/status`, 'prov', { body: { status: 'reviewing' } }), 'review');
  await ok(await A('POST', `/selections/nominations/${f.selAppNom}/scores`, 'prov', { body: { expert_id: f.exB.id, score: 80 } }), 'score');
  await ok(await A('POST', `/selections/rounds/${f.selAppRound}/status`, 'prov', { body: { status: 'publicity' } }), 'publicity');
  dbExec(`UPDATE selection_rounds SET publicity_end = '2000-01-01' WHERE id = ${f.selAppRound}`);
  await ok(await A('POST', `/selections/rounds/${f.selAppRound}/status`, 'prov', { body: { status: 'appointed' } }), 'appointed');
  // the review panel (§58): selPanelRound in review with exA on its panel and PA5's nomination to score
  f.selPanelRound = await selRound('评审组');
  f.selPanelNom = await nominate(f.selPanelRound, f.PA5);
  await ok(await A('PUT', `/selections/rounds/${f.selPanelRound}/panel`, 'prov', { body: { examiners: [f.exA.id] } }), 'panel');
  await ok(await A('POST', `/selections/rounds/${f.selPanelRound}/status`, 'prov', { body: { status: 'reviewing' } }), 'review with a panel');
  f.selYear = freeYear();
  f.selNominee = { prov: await mkPerson('prov', '370102', '评一'), cityA: await mkPerson('cityA', '370102', '评二') };
  // 人员状态 (issue 22, §58): a person of 济南 for each principal allowed to record a move out of the province
  f.lifePerson = { prov: await mkPerson('prov', '370102', '调一'), cityA: await mkPerson('cityA', '370102', '调二') };
  f.lifePerson.instA = f.lifePerson.cityA;
  f.selHonourCsv = `证件号码,荣誉类别,荣誉名称,获得日期,来源\n${f.PA.id_number},全国技术能手,矩阵全国技术能手${cnNum(n)},2020-10-01,矩阵：人社部公布名单\n`;
}

// 特级技师、首席技师评聘 (issue 22 item 1): the enterprise of instA2 (济南) holds a trial in force (the demo's, or
// one the province grants here) and a 特级技师 post (postSpecial, five seats, 技师 and above); three new filed
// employers of 济南 to authorise (one for each bureau principal) and one whose trial is to be revoked
// (postTrialRevoke); rounds with the panel of every matrix panel (exA, exA_2, exA_3): postRoundCancel (open),
// postRoundScore (scoring, postAppScore of a worker to score), postRoundDone (appointed: postAppt to list and
// appraise, postApptEnd to end), and postRoundOpen (open) with a worker (postWorker) to apply.
async function buildPosts(n, mkPerson) {
  const employer = async (k) => (await ok(await A('POST', '/institutions', 'prov', { body: { name: `${f.tag}评聘企业${k}`, credit_code: creditCode(`91370100MB${String((n * 7 + k) % 10000000).padStart(7, '0')}`), type: 'employer', region_code: '370100', address: '济南' } }), `employer ${k}`)).id;
  f.postTrialInst = { prov: await employer(1), cityA: await employer(2) };
  f.postTrialInst.instA = f.postTrialInst.cityA;
  f.postTrialBody = (who) => ({ institution_id: f.postTrialInst[who] ?? f.postTrialInst.cityA, doc_no: `${f.tag}号`, decided_on: today, scope: '矩阵测试：特级技师岗位评聘试点' });
  const revokeInst = await employer(3);
  f.postTrialRevoke = (await ok(await A('POST', '/posts/trials', 'prov', { body: { ...f.postTrialBody('prov'), institution_id: revokeInst } }), 'trial to revoke')).id;
  const active = await ok(await A('GET', `/posts/trials?institution_id=${f.instA2}&status=active`, 'prov'), 'trials of E');
  f.postTrial = active.items.length ? active.items[0].id : (await ok(await A('POST', '/posts/trials', 'prov', { body: { ...f.postTrialBody('prov'), institution_id: f.instA2 } }), 'trial of E')).id;
  const posts = await ok(await A('GET', `/posts?institution_id=${f.instA2}&rung=special&page_size=100`, 'instA2'), 'posts of E');
  const pay = posts.items.length ? Math.min(...posts.items.map((p) => p.monthly_pay_fen)) : 2000000;
  f.postBody = () => ({ rung: 'special', name: `${f.tag}特级技师`, seats: 5, term_months: 36, min_rung: 'level2', conditions: [{ text: '矩阵测试条件', source: '[GAP]' }], reference_post: '正高级工程师', reference_pay_fen: pay, monthly_pay_fen: pay });
  f.postSpecial = (await ok(await A('POST', '/posts', 'instA2', { body: f.postBody() }), 'post of E')).id;
  const instA = await ok(await A('GET', `/institutions/${f.instA}`, 'instA'), 'institution A');
  const worker = async (label) => {
    const p = await mkPerson('prov', '370102', `评${label}`);
    await ok(await A('PATCH', `/persons/${p.id}`, 'prov', { body: { employer_id: f.instA2 } }), `employer of ${label}`);
    const sc = instA.scopes.find((s) => s.levels.includes(2)) || instA.scopes[0];
    const res = await ok(await A('POST', '/results', 'prov', { body: { person_id: p.id, institution_id: f.instA, occupation_code: sc.occupation_code, level: 2, exam_date: today, theory: 80, practical: 80, review: 80, correction_reason: '矩阵测试：评聘申报人' } }), `result of ${label}`);
    await ok(await A('POST', '/certificates', 'prov', { body: { result_ids: [res.id] } }), `certificate of ${label}`);
    return p.id;
  };
  const criteria = [{ name: '业绩', points: 40, stage: 'performance' }, { name: '答辩', points: 30, stage: 'defence' }, { name: '综合', points: 30, stage: 'overall' }];
  f.postRoundBody = () => ({ post_id: f.postSpecial, name: `${f.tag}评聘`, pass_score: 60, criteria, examiners: f.panel });
  const round = async () => (await ok(await A('POST', '/posts/rounds', 'instA2', { body: f.postRoundBody() }), 'round')).id;
  const apply = async (r, pid) => (await ok(await A('POST', `/posts/rounds/${r}/applications`, 'instA2', { body: { person_id: pid } }), 'application')).id;
  const move = async (r, status) => ok(await A('POST', `/posts/rounds/${r}/status`, 'instA2', { body: { status } }), `round ${status}`);
  f.postRoundCancel = await round();
  f.postRoundOpen = await round();
  f.postWorker = await worker('一');
  f.postRoundScore = await round();
  f.postAppScore = await apply(f.postRoundScore, await worker('二'));
  await move(f.postRoundScore, 'scoring');
  f.postRoundDone = await round();
  const done = [await apply(f.postRoundDone, await worker('三')), await apply(f.postRoundDone, await worker('四'))];
  await move(f.postRoundDone, 'scoring');
  for (const app of done) for (const who of ['exA', 'exA_2', 'exA_3']) await ok(await A('POST', `/posts/applications/${app}/scores`, who, { body: { scores: [35, 25, 25] } }), 'score');
  await move(f.postRoundDone, 'ranked');
  await move(f.postRoundDone, 'appointed');
  const appts = await ok(await A('GET', `/posts/appointments?institution_id=${f.instA2}&page_size=500`, 'instA2'), 'appointments of E');
  [f.postApptEnd, f.postAppt] = appts.items.filter((x) => x.round_id === f.postRoundDone).map((x) => x.id);
  assert.ok(f.postAppt && f.postApptEnd, 'two appointments of the matrix round');
}

// 培养体系 (issue 23, svc/cultivation): institution A is given a 技工院校 profile in the database (its type is
// social_org, and a school is registered only for a technical_school: the matrix needs A's administrator and staff
// as the school's); cultSchool, a new technical school of 济南 for the bureau to register (the register row);
// cultMajor, a filed major of A; cultMajorSub, a major of A submitted for filing (the bureau records it).
async function buildCultivation(n, mkPerson) {
  const instA = await ok(await A('GET', `/institutions/${f.instA}`, 'prov'), 'institution A');
  const now = Math.floor(Date.now() / 1000);
  dbExec(`INSERT INTO cult_schools (school_id, region_code, tier, founded_year, created_by, created_at, updated_at) SELECT ${f.instA}, '${instA.region_code}', 'technician_college', 0, 1, ${now}, ${now} WHERE NOT EXISTS (SELECT 1 FROM cult_schools WHERE school_id = ${f.instA})`);
  f.cultSchool = await ok(await A('POST', '/institutions', 'prov', { body: { name: `${f.tag}矩阵技师学院`, credit_code: creditCode(`12370100MC${String((n * 7 + 1) % 10000000).padStart(7, '0')}`), type: 'technical_school', region_code: '370100', address: '济南' } }), 'technical school');
  f.cultCsv = `统一社会信用代码,层次\n${f.cultSchool.credit_code},技工学校\n`;
  const major = async (k) => (await ok(await A('POST', '/cultivation/majors', 'instA', { body: { code: `${f.tag}${k}`, name: `矩阵专业${cnNum(n)}${k}`, level: 'intermediate', years: 3 } }), `major ${k}`, [201])).id;
  const move = async (id, who, status) => ok(await A('POST', `/cultivation/majors/${id}/status`, who, { body: { status } }), `major ${status}`);
  f.cultMajor = await major('m');
  await move(f.cultMajor, 'instA', 'submitted');
  await move(f.cultMajor, 'cityA', 'filed');
  f.cultMajorSub = await major('s');
  await move(f.cultMajorSub, 'instA', 'submitted');
  // 订单班 of A with the enterprise of instA2 on cultMajor: cultOC (PA4 enrolled, to place), cultOCGrad (to graduate)
  f.cultOCBody = (who) => ({ enterprise_id: f.instA2, major_id: f.cultMajor, kind: 'named', name: `矩阵冠名班${f.cn(who)}`, cohort_year: 2302, graduation_year: 2305, planned: 5 });
  f.cultOC = (await ok(await A('POST', '/cultivation/order-classes', 'instA', { body: f.cultOCBody('fixture') }), 'order class', [201])).id;
  await ok(await A('POST', `/cultivation/order-classes/${f.cultOC}/students`, 'instA', { body: { person_ids: [f.PA4.id] } }), 'order students');
  f.cultOCGrad = (await ok(await A('POST', '/cultivation/order-classes', 'instA', { body: f.cultOCBody('grad') }), 'order class 2', [201])).id;
  // 技工教育集团 of 济南 with A as its lead school
  f.cultGroup = (await ok(await A('POST', '/cultivation/groups', 'cityA', { body: { name: `${f.tag}矩阵技工教育集团`, kind: 'group', region_code: '370100' } }), 'group', [201])).id;
  await ok(await A('POST', `/cultivation/groups/${f.cultGroup}/members`, 'cityA', { body: { institution_id: f.instA, member_kind: 'training', lead: true } }), 'group member');
  // a programme of the matrix's own; a training class of 临沂 (outside both matrix cities) to tag
  f.cultProg = `mx_${n}`;
  f.cultProgBody = { name: `矩阵培养项目${cnNum(n)}`, from_year: 2303, yearly_target: 10, source: '矩阵测试' };
  await ok(await A('PUT', `/cultivation/programmes/${f.cultProg}`, 'prov', { body: f.cultProgBody }), 'programme', [200, 201]);
  f.cultClass = Number(dbExec("SELECT MIN(tc.id) FROM training_classes tc JOIN institutions i ON i.id = tc.institution_id WHERE i.region_code LIKE '3713%'").split('\n').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).pop());
  assert.ok(f.cultClass > 0, 'a training class of 临沂 (the demo)');
}

// 企业新型学徒制 (issue 23 item 3): apprenticeships of instA2's enterprise (济南) with a 济南 technical school:
// apprPA (PA's, completed, to register from for an open plan of occ5 level 5), apprT (in training: progress),
// apprMove (filed: to approve), apprDone (completed: the employer's claim); persons of the enterprise for each
// principal that files one (apprNew)
async function buildApprenticeships(n, mkPerson, mkPlan) {
  const school = (await ok(await A('POST', '/institutions', 'prov', { body: { name: `${f.tag}学徒技校`, credit_code: creditCode(`52370100MC${String((n * 11) % 10000000).padStart(7, '0')}`), type: 'technical_school', region_code: '370102', address: '济南' } }), 'apprentice school')).id;
  const worker = async (label) => {
    const p = await mkPerson('prov', '370102', `徒${label}`);
    await ok(await A('PATCH', `/persons/${p.id}`, 'prov', { body: { employer_id: f.instA2 } }), `employer of ${label}`);
    return p.id;
  };
  f.apprBody = (pid) => ({ employer_id: f.instA2, trainer_id: school, person_id: pid, occupation_code: f.occ5, level: 5, mentor_name: '矩阵师傅', mentor_allowance: '300', contract_start: '2022-01-01', training_start: '2022-01-01', training_end: '2023-01-01' });
  const appr = async (pid, to) => {
    const id = (await ok(await A('POST', '/cultivation/apprenticeships', 'prov', { body: f.apprBody(pid) }), 'apprenticeship')).id;
    if (to === 'filed') return id;
    await ok(await A('POST', `/cultivation/apprenticeships/${id}/status`, 'cityA', { body: { status: 'training' } }), 'approve');
    if (to === 'training') return id;
    await ok(await A('POST', `/cultivation/apprenticeships/${id}/progress`, 'prov', { body: { kind: 'final', recorded_on: '2023-01-01', passed: true } }), 'final');
    await ok(await A('POST', `/cultivation/apprenticeships/${id}/status`, 'prov', { body: { status: 'completed' } }), 'complete');
    return id;
  };
  f.apprPA = await appr(f.PA.id, 'completed');
  f.apprT = await appr(await worker('一'), 'training');
  f.apprMove = await appr(await worker('二'), 'filed');
  f.apprDone = await appr(await worker('三'), 'completed');
  f.apprNew = { prov: await worker('四'), cityA: await worker('五'), instA2: await worker('六') };
  f.apprPlan = await mkPlan('学徒报名', f.occ5, 5, ['theory', 'practical'], ['filed', 'open']);
}

// 平台载体项目 (issue 24 item 1): calls in free years from 2651 up (API 48 takes 2601 up): pfCall open (济南's quota
// 50, panel exB; pfApp and pfAppSub of A submitted), pfCallMove open (to move), pfCallRev in review (pfAppRev of A
// recommended, to be scored by exB), pfCallDone established (pfP and pfP2 of A with 500,000 each; pfTrProp proposed,
// pfTrAppr approved by 财政); pfYear.free for the create row.
async function buildPlatform(n) {
  let y = 2651;
  const free = async () => { while ((await ok(await A('GET', `/platform/calls?year=${y}`, 'prov'), 'calls')).total) y++; return y++; };
  f.pfCallBody = (year, label) => ({ year, title: `${f.tag}平台${label}`, opens_on: today, closes_on: plusDays(30), types: [{ type_code: 'national_base', places: 10 }], experts: [f.exB.id], min_experts: 1, publicity_days: 1 });
  f.pfAppBody = (label) => ({ type_code: 'national_base', name: `${f.tag}基地${label}`, institution_id: f.instA, facts: { students: 9000, high_skill_trainee_pct: 40 } });
  const call = async (label) => {
    const year = await free();
    const c = await ok(await A('POST', '/platform/calls', 'prov', { body: f.pfCallBody(year, label) }), `platform call ${label}`);
    await ok(await A('PUT', `/platform/calls/${c.id}/quotas`, 'prov', { body: { quotas: [{ region_code: '3701', quota: 50 }] } }), `quotas ${label}`);
    return c;
  };
  const apply = async (c, label) => (await ok(await A('POST', `/platform/calls/${c}/applications`, 'instA', { body: f.pfAppBody(label) }), `apply ${label}`)).id;
  const recommend = async (app) => ok(await A('POST', `/platform/applications/${app}/recommendation`, 'cityA', { body: { recommend: true } }), 'recommend');
  const move = async (c, status, body = {}) => ok(await A('POST', `/platform/calls/${c}/status`, 'prov', { body: { status, ...body } }), `call ${status}`);
  const open = await call('申报');
  f.pfYear = { open: open.year };
  f.pfCall = open.id;
  f.pfApp = await apply(f.pfCall, '甲');
  f.pfAppSub = await apply(f.pfCall, '乙');
  f.pfCallMove = (await call('推进')).id;
  const rev = await call('评审');
  f.pfAppRev = await apply(rev.id, '丙');
  await recommend(f.pfAppRev);
  await move(rev.id, 'reviewing');
  const done = await call('立项');
  f.pfYear.done = done.year;
  const apps = [await apply(done.id, '丁'), await apply(done.id, '戊')];
  for (const a of apps) await recommend(a);
  await move(done.id, 'reviewing');
  for (const a of apps) await ok(await A('POST', `/platform/applications/${a}/scores`, 'exB', { body: { score: 80 } }), 'score');
  await move(done.id, 'publicity');
  dbExec(`UPDATE platform_calls SET publicity_until = '2000-01-01' WHERE id = ${done.id}`);
  await move(done.id, 'established', { grants: apps.map((a) => ({ application_id: a, amount: '500000' })) });
  const list = await ok(await A('GET', `/platforms?year=${done.year}`, 'prov'), 'platforms');
  [f.pfP, f.pfP2] = apps.map((a) => list.items.find((x) => x.application_id === a).id);
  const tranche = async () => (await ok(await A('POST', `/platforms/${f.pfP}/tranches`, 'prov', { body: { amount: '100000', fund_source: 'employment_subsidy' } }), 'tranche')).id;
  f.pfTrProp = await tranche();
  f.pfTrAppr = await tranche();
  await ok(await A('POST', `/platform/tranches/${f.pfTrAppr}/decision`, 'fin', { body: { decision: 'approve' } }), 'approve');
  f.pfYear.free = await free();
}

// 专项职业能力开发 and 新职业征集 (issue 24 item 5): proposals of instA2's enterprise (济南): spDraft (a draft with
// its norm), spSub (submitted, to send to review), spRev (in review, panel exB), spPub (published into a version
// past 3000: its item spItem is withdrawn by the control of the withdrawal row, so the count in force is as
// before); new-occupation proposals noP and noSub of the enterprise (submitted).
async function buildSpecial(n) {
  const spec = { target: '矩阵适用对象', method: '实际操作', modules: [{ name: '矩阵模块', content: '内容' }] };
  f.spBody = (label) => ({ name: `${f.tag}矩阵专项${label}`, field: 'local_industry', brand_code: 'luzi', spec });
  const mk = async (label) => (await ok(await A('POST', '/special-proposals', 'instA2', { body: f.spBody(label) }), `special ${label}`)).id;
  const move = async (id, body) => ok(await A('POST', `/special-proposals/${id}/status`, body.status === 'submitted' ? 'instA2' : 'prov', { body }), `special ${body.status}`);
  f.spDraft = await mk('草稿');
  f.spSub = await mk('提交');
  await move(f.spSub, { status: 'submitted' });
  f.spRev = await mk('评审');
  await move(f.spRev, { status: 'submitted' });
  await move(f.spRev, { status: 'reviewing', experts: [f.exB.id], min_experts: 1 });
  const pub = await mk('发布');
  await move(pub, { status: 'submitted' });
  await move(pub, { status: 'reviewing', experts: [f.exB.id], min_experts: 1 });
  await ok(await A('POST', `/special-proposals/${pub}/scores`, 'exB', { body: { score: 88 } }), 'special score');
  await move(pub, { status: 'passed' });
  f.spItem = (await move(pub, { status: 'published', catalogue_year: 3100 + (n % 500) })).occupation_code;
  f.noBody = (label) => ({ name: `${f.tag}矩阵新职业${label}`, field: 'digital', description: '矩阵描述' });
  f.noP = (await ok(await A('POST', '/new-occupations', 'instA2', { body: f.noBody('甲') }), 'new occupation')).id;
  f.noSub = (await ok(await A('POST', '/new-occupations', 'instA2', { body: f.noBody('乙') }), 'new occupation 2')).id;
}

// 院校学生评价 (issue 23 item 5): A is the matrix's school (buildCultivation). seStudent and seStudentDip, students of A
// in class seClass on cultMajor; seClass2 (one more student) to register into a plan; seRuleReg, the 过程化评价 rule of
// an open plan of A with seClass registered (scores to record); seRuleDone, the rule of a plan in scoring (to compile);
// seRulePlan, a draft plan per allowed principal for a new rule; seNewStudent, a person of A per allowed principal to
// register as a student.
async function buildStudentEval(n, mkPerson, mkPlan) {
  const people = [];
  for (const k of ['一', '二', '三', '四', '五']) people.push(await mkPerson('instA', '370102', `学${k}`));
  const year = Number(today.slice(0, 4)) - 1;
  f.seClass = `${f.tag}矩阵班`;
  f.seStudentBody = (cls, ids) => ({ class_name: cls, major_id: f.cultMajor, enrolled_year: year, graduates_on: plusDays(200), person_ids: ids });
  const reg = await ok(await A('POST', '/cultivation/students', 'instA', { body: f.seStudentBody(f.seClass, [people[0].id, people[1].id]) }), 'students', [201]);
  [f.seStudent, f.seStudentDip] = reg.ids;
  f.seStudentName = people[0].name;
  f.seClass2 = `${f.tag}矩阵二班`;
  await ok(await A('POST', '/cultivation/students', 'instA', { body: f.seStudentBody(f.seClass2, [people[2].id]) }), 'students 2', [201]);
  f.seNewStudent = { instA: people[3].id, staffA: people[4].id };
  // the students' import (API 28): a new person per allowed principal into a class on cultMajor
  const month = { instA: '03', staffA: '04' };
  f.seImportCsv = (who) => `姓名,公民身份号码,专业,班级,入学年份,预计毕业日期\n矩导入${f.cn(who)},${idNumber('370102', `2006${month[who] ?? '05'}1${n % 10}`, 100 + (n % 800))},${f.tag}m,${f.tag}矩阵导入班,${year},${plusDays(200)}\n`;
  f.seRuleBody = (plan) => ({ plan_id: plan, name: '矩阵过程化评价', source: '矩阵测试', modules: [{ code: 'A', name: '模块甲', weight: 40 }, { code: 'B', name: '模块乙', weight: 60 }], pass_total: 60 });
  const move = async (plan, states) => { for (const st of states) await ok(await A('POST', `/plans/${plan}/status`, st === 'open' ? 'cityA' : 'instA', { body: { status: st } }), `plan → ${st}`); };
  const rule = async (title, states) => {
    const plan = await mkPlan(title, f.occ5, 5, ['theory', 'practical'], []);
    const id = (await ok(await A('POST', '/cultivation/eval-rules', 'instA', { body: f.seRuleBody(plan) }), 'rule', [201])).id;
    await move(plan, states);
    return id;
  };
  f.seRuleReg = await rule('过程化报名', ['filed', 'open']);
  await ok(await A('POST', `/cultivation/eval-rules/${f.seRuleReg}/registrations`, 'instA', { body: { class_name: f.seClass, option: '2023-5-a' } }), 'class registration');
  f.seRuleDone = await rule('过程化汇总', ['filed', 'open', 'examining', 'scoring']);
  f.seRulePlan = { instA: await mkPlan('过程化新方案甲', f.occ5, 5, ['theory', 'practical'], []), staffA: await mkPlan('过程化新方案乙', f.occ5, 5, ['theory', 'practical'], []) };
}

// 企业评价规范 (issue 24 item 4): the enterprise of instA2 (济南, a self-evaluating employer) on three occupations
// of its filed scope with no undecided version: normDraft (a draft to read and revise), normSub (submitted, to
// approve) and the third for the new draft of the create row (normOcc)
async function buildNorms() {
  // an earlier build's undecided versions (06-openapi-live builds the fixtures before 12, and the rows leave a draft
  // on each of the three occupations) are removed first, so that every build finds its three
  const mine = `SELECT id FROM enterprise_norms WHERE institution_id = ${Number(f.instA2)} AND title LIKE '%矩阵评价规范%' AND status IN ('draft', 'submitted', 'rejected')`;
  dbExec(`DELETE FROM enterprise_norm_history WHERE norm_id IN (${mine}); DELETE FROM enterprise_norms WHERE id IN (${mine});`);
  const inst = await ok(await A('GET', `/institutions/${f.instA2}`, 'prov'), 'institution E');
  const free = [];
  for (const sc of inst.scopes) {
    const open = await ok(await A('GET', `/enterprise-norms?institution_id=${f.instA2}&occupation_code=${sc.occupation_code}&page_size=100`, 'prov'), 'norms of E');
    if (!open.items.some((x) => ['draft', 'submitted', 'rejected'].includes(x.status))) free.push(sc);
  }
  if (free.length < 3) throw new Error(`the enterprise of instA2 needs three occupations without an undecided norm (has ${free.length})`);
  const opt = (lv) => `2023-${lv}-a`;
  f.normBody = (sc) => {
    const lv = Math.max(...sc.levels.filter((l) => l >= 3), ...sc.levels);
    return { occupation_code: sc.occupation_code, title: `${f.tag}矩阵评价规范`, levels: [{ level: lv, method: 'combined', knowledge: 30, skill: 70, options: [{ id: opt(lv) }] }], filing: { above_size: true, employees: 100, skilled_employees: 60 } };
  };
  f.normDraftBody = f.normBody(free[0]);
  f.normDraft = (await ok(await A('POST', '/enterprise-norms', 'instA2', { body: f.normDraftBody }), 'norm draft')).id;
  f.normSub = (await ok(await A('POST', '/enterprise-norms', 'instA2', { body: f.normBody(free[1]) }), 'norm to approve')).id;
  await ok(await A('POST', `/enterprise-norms/${f.normSub}/status`, 'instA2', { body: { status: 'submitted' } }), 'norm submitted');
  f.normOcc = free[2];
}

// 过程化考核 and 业绩评审 plans of a norm (issue 24 item 4, svc/evaluation/norm_runs.c): the enterprise of instA2
// approves a version on normOcc's occupation evaluating 五级 by 过程化考核 (two modules) and 四级 by 业绩评审, and
// opens a plan of each: npPlan with npReg (an approved candidate, module M1 to record) and nfReg (an approved
// candidate of the performance plan, its record to write). The version leaves no undecided one behind (the create
// row of the norms still finds normOcc free).
async function buildNormRuns(mkPerson) {
  const occ = f.normOcc.occupation_code;
  const body = {
    occupation_code: occ, title: `${f.tag}矩阵过程化业绩规范`, filing: { above_size: true, employees: 100, skilled_employees: 60 },
    levels: [
      { level: 5, method: 'process', knowledge: 0, skill: 100, options: [{ id: '2023-5-a' }], modules: [{ code: 'M1', name: '矩阵模块一', weight: 40 }, { code: 'M2', name: '矩阵模块二', weight: 60 }], pass_total: 60 },
      { level: 4, method: 'performance', knowledge: 0, skill: 100, options: [{ id: '2023-4-a', years: [1] }] },
    ],
  };
  const norm = (await ok(await A('POST', '/enterprise-norms', 'instA2', { body }), 'process norm')).id;
  await ok(await A('POST', `/enterprise-norms/${norm}/status`, 'instA2', { body: { status: 'submitted' } }), 'process norm submitted');
  await ok(await A('POST', `/enterprise-norms/${norm}/status`, 'prov', { body: { status: 'approved' } }), 'process norm approved');
  const plan = async (level) => {
    const p = await ok(await A('POST', '/plans', 'instA2', { body: { title: `${f.tag} 矩阵规范${level}级`, occupation_code: occ, level, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(20), capacity: 20, subjects: [], publicity_days: 5, norm_id: norm } }), `norm plan ${level}`);
    await ok(await A('POST', `/plans/${p.id}/status`, 'instA2', { body: { status: 'filed' } }), 'norm plan filed');
    await ok(await A('POST', `/plans/${p.id}/status`, 'cityA', { body: { status: 'open' } }), 'norm plan open');
    return p.id;
  };
  const register = async (planId, label, option) => {
    const p = await mkPerson('instA2', '370102', label);
    await ok(await A('POST', `/persons/${p.id}/work-history`, 'instA2', { body: { employer_name: '济南某装备公司', occupation_code: occ, start_date: '2019-07-01' } }), 'work');
    const r = await ok(await A('POST', `/plans/${planId}/registrations`, 'instA2', { body: { person_id: p.id, option, declared: true } }), 'norm registration');
    await ok(await A('POST', `/registrations/${r.id}/review`, 'instA2', { body: { decision: 'approve' } }), 'norm registration approved');
    return r.id;
  };
  f.npPlan = await plan(5);
  f.npReg = await register(f.npPlan, '程', '2023-5-a');
  f.nfPlan = await plan(4);
  f.nfReg = await register(f.nfPlan, '绩', '2023-4-a');
}
