// The scope matrix: for every route of the API (`jineng routes`), who may do what to whose row. One row is a route, a
// resource, an action and a target fixture (built by 12-scope-matrix.test.mjs, owned by the parties named in
// PRINCIPALS); `allow` names the principals that may act on that target, every other principal must be
// refused. 12-scope-matrix.test.mjs sends one request per (row, principal) and fails when a route of the table
// has no row here. docs/security/matrix.md explains the columns and how to add a route.
//
// The principals, by their relation to the target rows (which belong to institution A, a social organisation
// in 济南 3701, and to person PA, A's trainee, region 3701, bound to candidate candA):
export const PRINCIPALS = {
  anon: { role: 'public', what: 'no login' },
  prov: { role: 'province_admin', what: 'the province' },
  cityA: { role: 'city_admin', what: 'the same city (济南)' },
  cityB: { role: 'city_admin', what: 'another city (青岛)' },
  instA: { role: 'institution_admin', what: 'the owning institution' },
  staffA: { role: 'institution_staff', what: 'staff of the owning institution' },
  instA2: { role: 'institution_admin', what: 'another institution in the same city' },
  instB: { role: 'institution_admin', what: 'an institution of another city' },
  exA: { role: 'examiner', what: 'an examiner of A assigned to the sitting and the panels' },
  exX: { role: 'examiner', what: 'an examiner of A not assigned to anything' },
  exB: { role: 'examiner', what: 'an examiner of another institution' },
  supA: { role: 'supervisor', what: 'a supervisor assigned to 济南' },
  supB: { role: 'supervisor', what: 'a supervisor assigned to 青岛' },
  candA: { role: 'candidate', what: 'the candidate who is PA' },
  candB: { role: 'candidate', what: 'another candidate (a person of 青岛)' },
};

// allow shorthands
const ALL = Object.keys(PRINCIPALS).join(' ');
const USERS = Object.keys(PRINCIPALS).filter((p) => p !== 'anon').join(' ');
// public rows (filed institutions, open plans): the public and candidates see them; a logged-in principal sees
// its management scope, so for those outside it both outcomes are right (`either`: public data, no leak)
const PUBLIC_ROW = 'anon prov cityA instA staffA exA exX supA candA candB';
const OUTSIDE = 'cityB instA2 instB exB supB';
const READ_PERSON = 'prov cityA instA staffA candA'; // a person's own data: the province, the city, the institution, the person
const PLAN_READERS = 'prov cityA instA staffA exA exX supA'; // a plan's metadata
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// a fixture of each allowed principal where a write consumes it (refused cells get the control's, instA)
const mine = (byWho, who) => byWho[who] ?? byWho.instA;
const csv = (d) => (Buffer.isBuffer(d) ? d.toString('utf8') : JSON.stringify(d)); // an export (format=csv)
const items = (d) => (d && Array.isArray(d.items) ? d.items : []);

// Columns: route ("METHOD /path" as `jineng routes` lists it, without /api/v1), resource, action, target (the fixture and
// whose it is), path(f, who), body(f, who, allowed) or raw + ct, allow (the principals that may), control (the
// owner whose allowed request must succeed, run after every refused one), okAlso (statuses besides 2xx an
// allowed non-control cell may get because the control already changed the state), refuseAlso (statuses
// besides 403/404 that count as a refusal), has(data, f) for lists (allowed: the target is listed; refused:
// it is not), snap (a read as the province that must not change while refused writes are sent), check(f,
// who, res, allowed) for extra per-cell assertions, secret(f) (strings a refused reply must not contain),
// known {principal: 'letter or description'} for cells that fail on main because of a leak not fixed yet
// (they run and are reported as todo); either: principals for whom the row is public data outside their
// management scope (allowed and refused both pass, a refusal still must be clean).
export const MATRIX = [
  // authentication
  { route: 'GET /health', resource: 'health', action: 'read', target: 'none', path: () => '/health', allow: ALL },
  { route: 'POST /auth/login', resource: 'session', action: 'create', target: 'a throwaway account', path: () => '/auth/login', body: (f) => ({ username: f.loginUser, password: f.PW }), allow: ALL },
  { route: 'POST /auth/logout', resource: 'session', action: 'delete', target: 'a fresh session of the caller', path: () => '/auth/logout', fresh: true, allow: USERS },
  { route: 'GET /auth/me', resource: 'session', action: 'read', target: 'the caller', path: () => '/auth/me', allow: USERS, check: (f, who, r, ok) => ok && who !== 'anon' && assertEq(JSON.stringify(r.data).includes(`"${f.users[who]}"`), true, 'me is the caller') },
  { route: 'POST /auth/password', resource: 'user', action: 'update', target: 'the caller (wrong current password)', path: () => '/auth/password', body: () => ({ old_password: 'not-the-password', new_password: 'Mx!Another-Pass-2026' }), allow: USERS, control: 'instA', controlOk: [422], okAlso: [422] },
  { route: 'GET /auth/logins', resource: 'login log', action: 'list', target: 'the logins of examiner exA of A', path: (f) => `/auth/logins?username=${f.users.exA}&page_size=500`, allow: 'prov cityA instA', has: (d, f) => items(d).some((i) => i.username === f.users.exA) },

  // users
  { route: 'GET /users', resource: 'user', action: 'list', target: 'examiner exX of A', path: () => '/users?role=examiner&page_size=500', allow: 'prov cityA instA', has: (d, f) => items(d).some((u) => u.id === f.exX.id) },
  { route: 'GET /users', resource: 'user', action: 'export', target: 'examiner exX of A, as CSV', path: () => '/users?role=examiner&page_size=500&format=csv', allow: 'prov cityA instA', has: (d, f) => csv(d).includes(f.users.exX) },
  { route: 'POST /users', resource: 'user', action: 'create', target: 'an examiner of A', path: () => '/users', body: (f, who) => ({ username: `${f.tag}u${who}`, password: f.PW, role: 'examiner', institution_id: f.instA }), allow: 'prov cityA instA', control: 'instA', snap: { path: () => '/users?role=examiner&page_size=500', pick: (d, f) => items(d).filter((u) => u.username.startsWith(`${f.tag}u`)).map((u) => u.username).sort() } },
  { route: 'POST /users', resource: 'user', action: 'create', target: 'a candidate account bound to PA9 (a trainee of A; refused: PA10)', path: () => '/users', body: (f, who, ok) => ({ username: `${f.tag}c${who}`, password: f.PW, role: 'candidate', person_id: ok ? f.PA9.id : f.PA10.id, region_code: ok ? undefined : '370200' }), allow: 'prov cityA instA', control: 'instA', refuseAlso: [422], snap: { path: () => '/users?role=candidate&page_size=500', pick: (d, f) => items(d).filter((u) => u.username.startsWith(`${f.tag}c`)).map((u) => u.username).sort() } },
  { route: 'POST /users', resource: 'user', action: 'create', target: 'a supervisor of 济南', path: () => '/users', body: (f, who) => ({ username: `${f.tag}s${who}`, password: f.PW, role: 'supervisor', region_code: '370100' }), allow: 'prov', control: 'prov', refuseAlso: [422], snap: { path: () => '/users?role=supervisor&page_size=500', pick: (d, f) => items(d).filter((u) => u.username.startsWith(`${f.tag}s`)).map((u) => u.username).sort() } },
  { route: 'GET /users/{id}', resource: 'user', action: 'read', target: 'examiner exA of A', path: (f) => `/users/${f.exA.id}`, allow: 'prov cityA instA exA' },
  { route: 'PATCH /users/{id}', resource: 'user', action: 'update', target: 'examiner exX of A (refused: disable it)', path: (f) => `/users/${f.exX.id}`, body: (f, who, ok) => ({ disabled: !ok }), allow: 'prov cityA instA', control: 'instA', snap: { path: (f) => `/users/${f.exX.id}`, pick: (d) => d.disabled } },
  { route: 'POST /users/{id}/unlock', resource: 'user', action: 'update', target: 'examiner exX of A (clears its failed-login delay)', path: (f) => `/users/${f.exX.id}/unlock`, body: () => ({}), allow: 'prov cityA instA', control: 'instA' },

  // reference data
  { route: 'GET /regions', resource: 'region', action: 'list', target: 'public', path: () => '/regions?parent=370000', allow: ALL },
  { route: 'GET /occupations', resource: 'occupation', action: 'list', target: 'public', path: () => '/occupations?page_size=5', allow: ALL },
  { route: 'POST /occupations', resource: 'occupation', action: 'create', target: 'the province catalogue', path: () => '/occupations', body: (f, who) => ({ code: f.occCode(who), name: `矩阵职业${f.cn(who)}`, levels: '5|4', kind: 'occupation' }), allow: 'prov', control: 'prov', snap: { path: () => '/occupations?page_size=500&name=%E7%9F%A9%E9%98%B5%E8%81%8C%E4%B8%9A', pick: (d) => items(d).map((o) => o.code).sort() } },
  { route: 'GET /occupations/{code}', resource: 'occupation', action: 'read', target: 'public', path: (f) => `/occupations/${f.occ5}`, allow: ALL },
  { route: 'GET /occupations/{code}/standards', resource: 'standard', action: 'list', target: 'public', path: (f) => `/occupations/${f.occ5}/standards`, allow: ALL },
  { route: 'POST /occupations/{code}/standards', resource: 'standard', action: 'create', target: 'the matrix occupation', path: (f) => `/occupations/${f.occX}/standards`, body: (f, who) => ({ version: `${f.tag}${who}版`, template: '2023' }), allow: 'prov', control: 'prov', snap: { path: (f) => `/occupations/${f.occX}/standards`, pick: (d) => items(d).map((s) => s.version).sort() } },
  { route: 'GET /calendar/workdays', resource: 'calendar', action: 'read', target: 'public', path: () => `/calendar/workdays?from=${today}&days=5`, allow: ALL },
  { route: 'GET /eligibility/options', resource: 'eligibility', action: 'read', target: 'public', path: () => '/eligibility/options?template=2023&level=5', allow: ALL },

  // institutions
  { route: 'GET /institutions', resource: 'institution', action: 'list', target: 'institution A (filed)', path: () => '/institutions?region_code=370100&page_size=500', allow: PUBLIC_ROW, either: OUTSIDE, has: (d, f) => items(d).some((i) => i.id === f.instA) },
  { route: 'POST /institutions', resource: 'institution', action: 'create', target: 'an institution in 济南', path: () => '/institutions', body: (f, who) => f.instBody(who), allow: 'prov cityA', control: 'cityA', snap: { path: () => '/institutions?name=%E7%9F%A9%E9%98%B5&page_size=500', pick: (d) => items(d).map((i) => i.name).sort() } },
  { route: 'GET /institutions/{id}', resource: 'institution', action: 'read', target: 'institution A', path: (f) => `/institutions/${f.instA}`, allow: PUBLIC_ROW, either: OUTSIDE },
  { route: 'PATCH /institutions/{id}', resource: 'institution', action: 'update', target: 'institution A', path: (f) => `/institutions/${f.instA}`, body: (f, who, ok) => ({ address: ok ? f.instAAddress : `矩阵篡改${f.cn(who)}` }), allow: 'prov cityA instA', control: 'instA', snap: { path: (f) => `/institutions/${f.instA}`, pick: (d) => d.address } },
  { route: 'POST /institutions/{id}/status', resource: 'institution', action: 'update', target: 'institution C (济南, made for the matrix)', path: (f) => `/institutions/${f.instC}/status`, body: (f, who, ok) => ({ status: ok && f.instCSuspended ? 'filed' : 'suspended', reason: '矩阵测试：资料不全，暂停整改' }), after: (f, who, ok, r) => { if (ok && r.status === 200) f.instCSuspended = !f.instCSuspended; }, allow: 'prov cityA', control: 'cityA', snap: { path: (f) => `/institutions/${f.instC}`, pick: (d) => d.status } },
  { route: 'PUT /institutions/{id}/scopes', resource: 'institution', action: 'update', target: 'institution C', path: (f) => `/institutions/${f.instC}/scopes`, body: (f, who, ok) => ({ scopes: [{ occupation_code: f.occ5, levels: ok ? [5] : [5, 4] }] }), allow: 'prov cityA', control: 'cityA', refuseAlso: [422], snap: { path: (f) => `/institutions/${f.instC}`, pick: (d) => JSON.stringify(d.scopes) } },
  { route: 'GET /institutions/{id}/status-history', resource: 'institution', action: 'read', target: 'institution A', path: (f) => `/institutions/${f.instA}/status-history`, allow: 'prov cityA instA staffA supA' },

  // persons
  { route: 'GET /persons', resource: 'person', action: 'list', target: 'PA', path: (f) => `/persons?id_number=${f.PA.id_number}`, allow: READ_PERSON, has: (d, f) => items(d).some((p) => p.id === f.PA.id) },
  { route: 'GET /persons', resource: 'person', action: 'export', target: 'PA, as CSV', path: (f) => `/persons?id_number=${f.PA.id_number}&format=csv`, allow: READ_PERSON, has: (d, f) => csv(d).includes(f.PA.name) },
  { route: 'POST /persons', resource: 'person', action: 'create', target: 'a new person of 济南', path: () => '/persons', body: (f, who) => f.personBody(who), allow: 'prov cityA instA staffA instA2 instB', control: 'instA', snap: { path: (f) => `/persons?name=${encodeURIComponent(f.newPersonPrefix)}&page_size=500`, pick: (d) => items(d).map((p) => p.id_number_masked || p.id_number).sort() } },
  { route: 'GET /persons/{id}', resource: 'person', action: 'read', target: 'PA', path: (f) => `/persons/${f.PA.id}`, allow: READ_PERSON },
  { route: 'PATCH /persons/{id}', resource: 'person', action: 'update', target: 'PA', path: (f) => `/persons/${f.PA.id}`, body: (f, who, ok) => ({ education: ok ? f.PA.education : '大专' }), allow: READ_PERSON, control: 'instA', snap: { path: (f) => `/persons/${f.PA.id}`, pick: (d) => d.education } },
  { route: 'POST /persons/{id}/work-history', resource: 'person', action: 'update', target: 'PA', path: (f) => `/persons/${f.PA.id}/work-history`, body: (f, who) => ({ employer_name: `矩阵单位${f.cn(who)}`, start_date: '2015-03-01' }), allow: 'prov cityA instA staffA', control: 'instA', snap: { path: (f) => `/persons/${f.PA.id}`, pick: (d) => JSON.stringify(d.work_history || d) } },
  { route: 'POST /persons/{id}/diplomas', resource: 'person', action: 'update', target: 'PA', path: (f) => `/persons/${f.PA.id}/diplomas`, body: (f, who) => ({ level: 'bachelor', school: `矩阵大学${f.cn(who)}`, major: '机械工程', graduated_on: '2012-07-01' }), allow: 'prov cityA instA staffA', control: 'instA', snap: { path: (f) => `/persons/${f.PA.id}`, pick: (d) => JSON.stringify(d.diplomas || d) } },
  { route: 'POST /persons/{id}/titles', resource: 'person', action: 'update', target: 'PA', path: (f) => `/persons/${f.PA.id}/titles`, body: () => ({ grade: 'junior', name: '助理工程师', obtained_on: '2016-06-01' }), allow: 'prov cityA instA staffA', control: 'instA', snap: { path: (f) => `/persons/${f.PA.id}`, pick: (d) => JSON.stringify(d.titles || d) } },
  { route: 'GET /persons/{id}/talent-record', resource: 'person', action: 'read', target: 'PA (holds certificate certA)', path: (f) => `/persons/${f.PA.id}/talent-record`, allow: `${READ_PERSON} supA` },
  { route: 'POST /eligibility/check', resource: 'person', action: 'read', target: 'PA', path: () => '/eligibility/check', body: (f) => ({ person_id: f.PA.id, occupation_code: f.occ5, level: 5, option: '2023-5-a', declared: true, exam_date: plusDays(20) }), allow: READ_PERSON, control: 'instA' },

  // plans
  { route: 'POST /plans', resource: 'plan', action: 'create', target: 'a plan of A', path: () => '/plans', body: (f, who) => f.planBody(who), allow: 'prov instA staffA', control: 'instA', refuseAlso: [422], snap: { path: () => '/plans?page_size=500', pick: (d, f) => items(d).filter((p) => p.title.startsWith(f.newPlanPrefix)).length } },
  { route: 'GET /plans', resource: 'plan', action: 'list', target: 'planOpen of A (open)', path: () => '/plans?status=open&page_size=500', allow: PUBLIC_ROW, either: OUTSIDE, has: (d, f) => items(d).some((p) => p.id === f.planOpen) },
  { route: 'GET /plans', resource: 'plan', action: 'list', target: 'planDraft of A (draft)', path: () => '/plans?status=draft&page_size=500', allow: PLAN_READERS, has: (d, f) => items(d).some((p) => p.id === f.planDraft) },
  { route: 'GET /plans/{id}', resource: 'plan', action: 'read', target: 'planOpen of A (open)', path: (f) => `/plans/${f.planOpen}`, allow: PUBLIC_ROW, either: OUTSIDE },
  { route: 'GET /plans/{id}', resource: 'plan', action: 'read', target: 'planDraft of A (draft)', path: (f) => `/plans/${f.planDraft}`, allow: PLAN_READERS },
  { route: 'POST /plans/{id}/status', resource: 'plan', action: 'update', target: 'a plan of A each (institution: draft → filed; bureau: filed → open); refused: planDraft2 → filed, planFiled → open', path: (f, who) => `/plans/${f.statusFor(who).plan}/status`, body: (f, who) => ({ status: f.statusFor(who).to }), allow: 'prov cityA instA staffA', control: 'instA', snap: { path: () => '/plans?page_size=500', pick: (d, f) => items(d).filter((p) => p.id === f.planDraft2 || p.id === f.planFiled).map((p) => p.status) } },
  { route: 'GET /plans/{id}/history', resource: 'plan', action: 'read', target: 'planOpen of A', path: (f) => `/plans/${f.planOpen}/history`, allow: 'prov cityA instA staffA supA' },
  { route: 'POST /plans/{id}/registrations', resource: 'registration', action: 'create', target: 'planOpen of A', path: (f) => `/plans/${f.planOpen}/registrations`, body: (f, who) => ({ person_id: f.regPerson[who]?.id || f.PA7.id, option: '2023-5-a', declared: true }), allow: 'prov cityA instA staffA candA candB', control: 'instA', snap: { path: (f) => `/plans/${f.planOpen}/registrations?page_size=500`, pick: (d) => d.total } },
  { route: 'POST /plans/{id}/registrations/import', resource: 'registration', action: 'create', target: 'planOpen of A', path: (f) => `/plans/${f.planOpen}/registrations/import`, raw: (f) => `证件号码,姓名,申报条件,承诺\n${f.PA8.id_number},${f.PA8.name},2023-5-a,是\n`, ct: 'text/csv', allow: 'instA staffA', control: 'instA', snap: { path: (f) => `/plans/${f.planOpen}/registrations?page_size=500`, pick: (d) => d.total } },
  { route: 'GET /plans/{id}/registrations', resource: 'registration', action: 'list', target: 'PA registered in planExam of A', path: (f) => `/plans/${f.planExam}/registrations?page_size=500`, allow: 'prov cityA instA staffA supA candA', has: (d, f) => items(d).some((x) => x.id === f.regPA) },
  { route: 'GET /registrations', resource: 'registration', action: 'list', target: 'PA registered in planExam of A', path: (f) => `/registrations?plan_id=${f.planExam}&page_size=500`, allow: 'prov cityA instA staffA supA candA', has: (d, f) => items(d).some((x) => x.id === f.regPA) },
  { route: 'POST /registrations/{id}/review', resource: 'registration', action: 'update', target: 'a pending registration in planOpen (one for each allowed principal)', path: (f, who) => `/registrations/${mine(f.regPending, who)}/review`, body: () => ({ decision: 'reject', reason: '矩阵测试：材料不全' }), allow: 'instA staffA', control: 'instA', snap: { path: (f) => `/plans/${f.planOpen}/registrations?page_size=500`, pick: (d, f) => items(d).find((x) => x.id === f.regPending.instA)?.status } },

  // practical and review panels (planExam, level 2)
  { route: 'PUT /plans/{id}/practical', resource: 'panel', action: 'update', target: 'planExam of A', path: (f) => `/plans/${f.planExam}/practical`, body: (f, who, ok) => ({ criteria: ok ? f.practicalCriteria : [{ name: '篡改', points: 100 }], examiners: f.panel }), allow: 'instA staffA', control: 'instA', snap: { path: (f) => `/plans/${f.planExam}/practical`, pick: (d) => JSON.stringify(d.criteria) } },
  { route: 'GET /plans/{id}/practical', resource: 'panel', action: 'read', target: 'planExam of A (exA on the panel)', path: (f) => `/plans/${f.planExam}/practical`, allow: 'prov cityA instA staffA exA supA' },
  { route: 'POST /plans/{id}/practical/scores', resource: 'score', action: 'create', target: 'PA in planExam', path: (f) => `/plans/${f.planExam}/practical/scores`, body: (f) => ({ registration_id: f.regPA, scores: [50, 25] }), allow: 'exA', control: 'exA', snap: { path: (f) => `/plans/${f.planExam}/practical/${f.regPA}`, pick: (d) => JSON.stringify([d.scored, d.complete, d.scores_in]) } },
  { route: 'GET /plans/{id}/practical/{registration}', resource: 'score', action: 'read', target: 'PA in planExam', path: (f) => `/plans/${f.planExam}/practical/${f.regPA}`, allow: 'prov cityA instA staffA exA supA' },
  { route: 'PUT /plans/{id}/review', resource: 'panel', action: 'update', target: 'planExam of A', path: (f) => `/plans/${f.planExam}/review`, body: (f, who, ok) => ({ criteria: ok ? f.reviewCriteria : [{ name: '篡改', points: 100 }], examiners: f.panel }), allow: 'instA staffA', control: 'instA', snap: { path: (f) => `/plans/${f.planExam}/review`, pick: (d) => JSON.stringify(d.criteria) } },
  { route: 'GET /plans/{id}/review', resource: 'panel', action: 'read', target: 'planExam of A (exA on the panel)', path: (f) => `/plans/${f.planExam}/review`, allow: 'prov cityA instA staffA exA supA' },
  { route: 'POST /plans/{id}/review/scores', resource: 'score', action: 'create', target: 'PA in planExam', path: (f) => `/plans/${f.planExam}/review/scores`, body: (f) => ({ registration_id: f.regPA, scores: [30, 40] }), allow: 'exA', control: 'exA', snap: { path: (f) => `/plans/${f.planExam}/review/${f.regPA}`, pick: (d) => JSON.stringify([d.scored, d.complete, d.scores_in]) } },
  { route: 'GET /plans/{id}/review/{registration}', resource: 'score', action: 'read', target: 'PA in planExam', path: (f) => `/plans/${f.planExam}/review/${f.regPA}`, allow: 'prov cityA instA staffA exA supA' },

  // results of a plan, 公示 and objections
  { route: 'POST /plans/{id}/results', resource: 'result', action: 'create', target: 'planScore of A (scoring, every part scored)', path: (f) => `/plans/${f.planScore}/results`, allow: 'instA staffA', control: 'instA', okAlso: [409], snap: { path: (f) => `/results?person_id=${f.PA.id}&page_size=500`, pick: (d) => d.total } },
  { route: 'POST /plans/{id}/objections', resource: 'objection', action: 'create', target: 'PA\'s result in planPub (公示)', path: (f) => `/plans/${f.planPub}/objections`, body: (f, who) => ({ result_id: f.resultPub, text: `矩阵测试异议：${f.cn(who)}`, contact: '匿名' }), allow: ALL, control: 'anon', check: (f, who, r) => assertNoLeak(r, [f.PA.name, f.PA.id_number]) },
  { route: 'POST /plans/{id}/objections', resource: 'objection', action: 'create', target: 'a result of another plan (planScore) through planPub', path: (f) => `/plans/${f.planPub}/objections`, body: (f, who) => ({ result_id: f.resultScore, text: `矩阵测试异议（他计划）：${f.cn(who)}`, contact: '匿名' }), allow: '', refuseAlso: [409, 422], snap: { path: (f) => `/plans/${f.planPub}/objections`, pick: (d) => d.total ?? items(d).length }, secret: (f) => [f.PA.name] },
  { route: 'GET /plans/{id}/objections', resource: 'objection', action: 'list', target: 'planPub of A', path: (f) => `/plans/${f.planPub}/objections`, allow: 'prov cityA instA staffA supA' },
  { route: 'POST /objections/{id}/resolve', resource: 'objection', action: 'update', target: 'an open objection in planPub (one for each allowed principal)', path: (f, who) => `/objections/${f.objFor[who] || f.objFor.instA}/resolve`, body: () => ({ resolution: '矩阵测试：经核查异议不成立' }), allow: 'prov cityA instA staffA', control: 'instA', snap: { path: (f) => `/plans/${f.planPub}/objections`, pick: (d, f) => items(d).find((o) => o.id === f.objFor.instA)?.status } },
  { route: 'POST /users/{id}/avoidances', resource: 'avoidance', action: 'create', target: 'examiner exA of A', path: (f) => `/users/${f.exA.id}/avoidances`, body: (f, who, ok) => ({ person_id: ok ? f.PA7.id : f.PA8.id, reason: '矩阵测试：考生为其亲属' }), allow: 'prov instA exA', control: 'instA' },

  // the item bank and blueprints
  { route: 'POST /items', resource: 'item', action: 'create', target: 'the bank of A', path: () => '/items', body: (f, who) => f.itemBody(who), allow: 'prov instA staffA', control: 'instA', refuseAlso: [422], snap: { path: (f) => `/items?occupation_code=${f.occ5}&level=5&page_size=500`, pick: (d, f) => items(d).filter((x) => x.area === `${f.tag}-new`).length } },
  { route: 'POST /items/import', resource: 'item', action: 'create', target: 'the bank of A', path: (f) => `/items/import?institution_id=${f.instA}`, raw: (f, who) => f.itemCsv(who), ct: 'text/csv', allow: 'prov instA staffA', control: 'instA', refuseAlso: [422], snap: { path: (f) => `/items?occupation_code=${f.occ5}&level=5&page_size=500`, pick: (d, f) => items(d).filter((x) => x.area === `${f.tag}-imp`).length } },
  { route: 'PUT /items/{id}', resource: 'item', action: 'update', target: 'an item of A (one for each allowed principal)', path: (f, who) => `/items/${mine(f.itemFor, who)}`, body: (f, who) => f.itemBody(who, true), allow: 'prov instA staffA', control: 'instA', refuseAlso: [422], snap: { path: (f) => `/items?occupation_code=${f.occ5}&level=5&page_size=500`, pick: (d, f) => items(d).filter((x) => x.area === `${f.tag}-rev`).map((x) => x.id) } },
  { route: 'GET /items', resource: 'item', action: 'list', target: 'item itemB of A', path: (f) => `/items?occupation_code=${f.occ5}&level=5&page_size=500`, allow: 'prov instA staffA supA', has: (d, f) => items(d).some((x) => x.id === f.itemB), check: (f, who, r, ok) => who.startsWith('sup') && ok && assertEq(items(r.data).some((x) => x.answer != null), false, 'a supervisor sees no answer keys') },
  { route: 'GET /blueprints', resource: 'blueprint', action: 'read', target: 'A\'s own blueprint (the read answers the caller\'s own: the province and supervisors get the province-wide one)', path: (f) => `/blueprints?occupation_code=${f.bpOcc}&level=${f.bpLevel}`, allow: 'instA staffA', has: (d, f) => JSON.stringify(d).includes(`${f.tag}-bp`) },
  { route: 'PUT /blueprints', resource: 'blueprint', action: 'update', target: 'the blueprint A set for its occupation', path: () => '/blueprints', body: (f, who, ok) => ({ occupation_code: f.bpOcc, level: f.bpLevel, cells: [{ area: ok ? `${f.tag}-bp` : `${f.tag}-bad`, kind: 'single', count: 1 }] }), allow: 'prov instA staffA', control: 'instA', refuseAlso: [422], snap: { path: (f) => `/blueprints?occupation_code=${f.bpOcc}&level=${f.bpLevel}`, as: 'instA', pick: (d) => JSON.stringify(d.cells) } },

  // sittings and attempts (planExam)
  { route: 'POST /plans/{id}/sittings', resource: 'sitting', action: 'create', target: 'planExam of A', path: (f) => `/plans/${f.planExam}/sittings`, body: (f, who) => ({ room: `矩阵考场${f.cn(who)}`, minutes: 120 }), allow: 'prov instA staffA', control: 'instA', snap: { path: (f) => `/plans/${f.planExam}/sittings`, pick: (d) => items(d).length } },
  { route: 'GET /plans/{id}/sittings', resource: 'sitting', action: 'list', target: 'sitA of planExam (exA invigilates)', path: (f) => `/plans/${f.planExam}/sittings`, allow: 'prov cityA instA staffA exA supA', has: (d, f) => items(d).some((s) => s.id === f.sitA) },
  { route: 'POST /sittings/{id}/admit', resource: 'attempt', action: 'create', target: 'sitA of planExam (an approved registration for each allowed principal)', path: (f) => `/sittings/${f.sitA}/admit`, body: (f, who, ok) => ({ registration_id: ok ? f.regAdmit[who] : f.regAdmitRefused }), allow: 'prov instA staffA exA', control: 'instA', snap: { path: (f) => `/sittings/${f.sitA}/attempts`, pick: (d) => items(d).length } },
  { route: 'GET /sittings/{id}/attempts', resource: 'attempt', action: 'list', target: 'sitA of planExam', path: (f) => `/sittings/${f.sitA}/attempts`, allow: 'prov instA staffA exA supA' },
  { route: 'GET /attempts', resource: 'attempt', action: 'list', target: 'attemptA of PA', path: () => '/attempts', allow: 'candA', has: (d, f) => items(d).some((x) => x.attempt_id === f.attemptA) },
  { route: 'POST /attempts/{id}/open', resource: 'attempt', action: 'update', target: 'attemptA of PA', path: (f) => `/attempts/${f.attemptA}/open`, allow: 'candA', control: 'candA', secret: (f) => f.paperSecrets },
  { route: 'PUT /attempts/{id}/answers/{pos}', resource: 'attempt', action: 'update', target: 'attemptA of PA', path: (f) => `/attempts/${f.attemptA}/answers/0`, body: (f, who) => ({ answer: 'A', seq: f.seq(who) }), allow: 'candA', control: 'candA', snap: { path: (f) => `/sittings/${f.sitA}/attempts`, pick: (d, f) => items(d).find((x) => x.attempt_id === f.attemptA)?.answered } },
  { route: 'POST /attempts/{id}/focus', resource: 'attempt', action: 'update', target: 'attemptA of PA', path: (f) => `/attempts/${f.attemptA}/focus`, allow: 'candA', control: 'candA', snap: { path: (f) => `/sittings/${f.sitA}/attempts`, pick: (d, f) => items(d).find((x) => x.attempt_id === f.attemptA)?.focus_losses } },
  { route: 'POST /attempts/{id}/submit', resource: 'attempt', action: 'update', target: 'attemptA of PA', path: (f) => `/attempts/${f.attemptA}/submit`, allow: 'candA', control: 'candA', snap: { path: (f) => `/sittings/${f.sitA}/attempts`, pick: (d, f) => items(d).find((x) => x.attempt_id === f.attemptA)?.status } },
  { route: 'POST /attempts/{id}/invigilate', resource: 'attempt', action: 'update', target: 'attemptA3 of PA3 in sitA', path: (f) => `/attempts/${f.attemptA3}/invigilate`, body: () => ({ action: 'extra_time', minutes: 5, reason: '矩阵测试：机器故障' }), allow: 'prov instA staffA exA', control: 'exA', snap: { path: (f) => `/sittings/${f.sitA}/attempts`, pick: (d, f) => items(d).find((x) => x.attempt_id === f.attemptA3)?.extra_minutes } },

  // results and certificates
  { route: 'POST /results', resource: 'result', action: 'create', target: 'a result of PA at A entered without a plan', path: () => '/results', body: (f, who) => ({ person_id: f.PA.id, institution_id: f.instA, occupation_code: f.occ5, level: 5, exam_date: f.examDate(who), theory: 80, practical: 80, correction_reason: '矩阵测试：历史档案补录' }), allow: 'prov', control: 'prov', refuseAlso: [422], snap: { path: (f) => `/results?person_id=${f.PA.id}&page_size=500`, pick: (d) => d.total } },
  { route: 'GET /results', resource: 'result', action: 'list', target: 'resultCert of PA at A', path: (f) => `/results?person_id=${f.PA.id}&page_size=500`, allow: `${READ_PERSON} supA`, has: (d, f) => items(d).some((x) => x.id === f.resultCert) },
  { route: 'GET /results/{id}', resource: 'result', action: 'read', target: 'resultCert of PA at A', path: (f) => `/results/${f.resultCert}`, allow: `${READ_PERSON} supA` },
  { route: 'POST /certificates', resource: 'certificate', action: 'create', target: 'a passed result at A not yet issued (one for each allowed principal)', path: () => '/certificates', body: (f, who) => ({ result_ids: [mine(f.resultIssue, who)] }), allow: 'prov instA staffA', control: 'instA', snap: { path: (f) => `/results/${f.resultIssue.instA}`, pick: (d) => d.certificate_number } },
  { route: 'GET /certificates', resource: 'certificate', action: 'list', target: 'certA of PA', path: (f) => `/certificates?person_id=${f.PA.id}&page_size=500`, allow: `${READ_PERSON} supA`, has: (d, f) => items(d).some((c) => c.number === f.certA) },
  { route: 'GET /certificates', resource: 'certificate', action: 'export', target: 'certA of PA, as CSV', path: (f) => `/certificates?person_id=${f.PA.id}&page_size=500&format=csv`, allow: `${READ_PERSON} supA`, has: (d, f) => csv(d).includes(f.certA) },
  { route: 'GET /certificates/{number}', resource: 'certificate', action: 'read', target: 'certA of PA', path: (f) => `/certificates/${f.certA}`, allow: `${READ_PERSON} supA` },
  { route: 'GET /certificates/{number}/pdf', resource: 'certificate', action: 'read', target: 'certA of PA', path: (f) => `/certificates/${f.certA}/pdf`, allow: `${READ_PERSON} supA`, check: (f, who, r, ok) => who.startsWith('sup') && ok && assertEq(f.pdfText(r.data).includes(f.PA.id_number), false, 'a supervisor\'s PDF masks the ID number') },
  { route: 'GET /certificates/{number}/credential', resource: 'certificate', action: 'read', target: 'certA of PA', path: (f) => `/certificates/${f.certA}/credential`, allow: READ_PERSON },
  { route: 'POST /certificates/{number}/revoke', resource: 'certificate', action: 'update', target: 'a certificate of A (one for each allowed principal)', path: (f, who) => `/certificates/${mine(f.certRevoke, who)}/revoke`, body: () => ({ reason: '矩阵测试：撤销' }), allow: 'prov instA staffA', control: 'instA', snap: { path: (f) => `/certificates/${f.certRevoke.instA}`, pick: (d) => d.status } },
  { route: 'POST /certificates/{number}/reissue', resource: 'certificate', action: 'create', target: 'a certificate of A (one for each allowed principal)', path: (f, who) => `/certificates/${mine(f.certReissue, who)}/reissue`, body: () => ({ reason: '矩阵测试：遗失补发' }), allow: 'prov instA staffA', control: 'instA', snap: { path: (f) => `/certificates/${f.certReissue.instA}`, pick: (d) => d.status } },
  { route: 'GET /public/certificates/{number}', resource: 'certificate', action: 'verify', target: 'certA with the holder\'s name', path: (f) => `/public/certificates/${f.certA}?name=${encodeURIComponent(f.PA.name)}`, allow: ALL, check: (f, who, r) => assertNoLeak(r, [f.PA.id_number, f.PA.phone]) },
  { route: 'GET /public/keys', resource: 'key', action: 'list', target: 'public', path: () => '/public/keys', allow: ALL },
  { route: 'GET /public/status/{list}', resource: 'status list', action: 'read', target: 'the list of certA\'s credential', path: (f) => f.statusListPath, allow: ALL },

  // statistics, analysis, audit
  { route: 'GET /stats/overview', resource: 'stats', action: 'read', target: 'aggregates of the caller\'s scope', path: () => '/stats/overview', allow: 'prov cityA cityB instA staffA instA2 instB supA supB' },
  // 培训与补贴: subsidy claims, filed at the city's window, read by the person, moved by the bureau
  { route: 'POST /training/claims', resource: 'subsidy claim', action: 'create', target: 'a claim of PA in 济南 each', path: () => '/training/claims', body: (f, who) => f.claimBody(f.PA.id, `${f.tag}-new-${who}`), allow: 'prov cityA', control: 'cityA' },
  { route: 'GET /training/claims', resource: 'subsidy claim', action: 'list', target: 'claimA of PA (济南)', path: (f) => `/training/claims?person_id=${f.PA.id}&page_size=500`, allow: 'prov cityA candA', has: (d, f) => items(d).some((c) => c.id === f.claimA) },
  { route: 'GET /training/claims', resource: 'subsidy claim', action: 'export', target: 'claimA of PA, as CSV', path: (f) => `/training/claims?person_id=${f.PA.id}&format=csv`, allow: 'prov cityA candA', has: (d, f) => csv(d).includes(`${f.claimA},`) },
  { route: 'GET /training/ledger/accounts', resource: 'ledger account', action: 'list', target: 'PA\'s payable account (济南)', path: (f) => `/training/ledger/accounts?kind=payable&page_size=500`, allow: 'prov cityA candA', has: (d, f) => items(d).some((a) => a.code === `payable:person:${f.PA.id}`) },
  { route: 'GET /training/claims/{id}', resource: 'subsidy claim', action: 'read', target: 'claimA of PA (济南)', path: (f) => `/training/claims/${f.claimA}`, allow: 'prov cityA candA' },
  { route: 'POST /training/claims/{id}/status', resource: 'subsidy claim', action: 'update', target: 'a checked claim of PA each (→ reviewed); refused: cityA\'s', path: (f, who) => `/training/claims/${f.claimMove[who] ?? f.claimMove.cityA}/status`, body: () => ({ status: 'reviewed' }), allow: 'prov cityA', control: 'cityA', snap: { path: (f) => `/training/claims/${f.claimMove.cityA}`, pick: (d) => d.status } },
  { route: 'PUT /sittings/{id}/invigilators', resource: 'sitting', action: 'update', target: 'sitBare of planExam', path: (f) => `/sittings/${f.sitBare}/invigilators`, body: (f, who, ok) => ({ invigilators: ok ? [f.exA.id, f.staffAUser] : [f.exX.id, f.staffAUser] }), allow: 'prov instA staffA', control: 'instA', refuseAlso: [422], snap: { path: (f) => `/plans/${f.planExam}/sittings`, pick: (d, f) => JSON.stringify(items(d).find((s) => s.id === f.sitBare)?.invigilator_users) } },
  { route: 'POST /sittings/{id}/analysis', resource: 'analysis', action: 'create', target: 'sitPub of planPub (all submitted)', path: (f) => `/sittings/${f.sitPub}/analysis`, allow: 'prov instA staffA', control: 'instA' },
  { route: 'GET /sittings/{id}/analysis', resource: 'analysis', action: 'read', target: 'sitPub of planPub', path: (f) => `/sittings/${f.sitPub}/analysis`, allow: 'prov cityA instA staffA supA' },
  { route: 'GET /collusion-flags', resource: 'collusion flag', action: 'list', target: 'flagPub, a pair of planPub\'s sitting', path: (f) => `/collusion-flags?page_size=500`, allow: 'prov cityA instA staffA supA', has: (d, f) => items(d).some((x) => x.id === f.flagPub) },
  { route: 'GET /collusion-flags', resource: 'collusion flag', action: 'export', target: 'flagPub, as CSV (names the pair)', path: () => '/collusion-flags?page_size=500&format=csv', allow: 'prov cityA instA staffA supA', has: (d, f) => csv(d).includes(f.PA.name) },
  { route: 'POST /collusion-flags/{id}/review', resource: 'collusion flag', action: 'update', target: 'flagPub (the province: flagScore, a pair of planScore\'s sitting)', path: (f, who) => `/collusion-flags/${who === 'prov' ? f.flagScore : f.flagPub}/review`, body: () => ({ decision: 'cleared', note: '矩阵测试：座位不相邻，答案相同属巧合' }), allow: 'prov supA', control: 'supA', snap: { path: () => '/collusion-flags?page_size=500', pick: (d, f) => items(d).find((x) => x.id === f.flagPub)?.status } },
  { route: 'GET /audit', resource: 'audit record', action: 'list', target: 'the record of planDraft\'s creation by A', path: (f) => `/audit?entity=plan&entity_id=${f.planDraft}`, allow: 'prov cityA supA', has: (d, f) => items(d).some((a) => a.action === 'plan.create') },
  { route: 'GET /audit', resource: 'audit record', action: 'export', target: 'the record of planDraft\'s creation by A, as CSV', path: (f) => `/audit?entity=plan&entity_id=${f.planDraft}&format=csv`, allow: 'prov cityA supA', has: (d) => csv(d).includes('plan.create') },
  { route: 'GET /audit/verify', resource: 'audit archive', action: 'verify', target: 'the whole chain (no rows returned)', path: () => '/audit/verify', allow: 'prov supA supB' },
  { route: 'GET /plans/{id}/audit-extract', resource: 'audit extract', action: 'read', target: 'planDraft of A (its creation record, signed by the province key)', path: (f) => `/plans/${f.planDraft}/audit-extract`, allow: 'prov cityA instA supA', check: (f, who, r, ok) => ok && assertEq(JSON.parse(r.data.payload).plan.id, f.planDraft, 'the extract is of the plan asked for'), secret: () => ['"payload"'] },

  // 投诉举报 (complaints): the public submits and looks up by tracking code; the province and the city of the
  // complaint handle it and alone see who complained; a supervisor of the region reads it masked
  { route: 'POST /public/complaints', resource: 'complaint', action: 'create', target: 'a general complaint to 济南', path: () => '/public/complaints', body: (f, who) => ({ category: 'other', region_code: '370100', text: `矩阵测试投诉：${f.cn(who)}` }), allow: ALL, control: 'anon', check: (f, who, r, ok) => !ok || assertEq(/^[0-9A-Z]{20}$/.test(r.data.tracking_code), true, 'a tracking code') },
  { route: 'GET /public/complaints/{code}', resource: 'complaint', action: 'read', target: 'cmpA by its tracking code', path: (f) => `/public/complaints/${f.cmpCode}`, allow: ALL, check: (f, who, r) => assertNoLeak(r, [...f.cmpSecrets, f.tag]) },
  { route: 'GET /complaint-categories', resource: 'complaint category', action: 'list', target: 'public', path: () => '/complaint-categories', allow: ALL },
  { route: 'PUT /complaint-categories/{code}', resource: 'complaint category', action: 'update', target: 'the category other (refused: other terms)', path: () => '/complaint-categories/other', body: (f, who, ok) => (ok ? { ack_days: 5, reply_days: 20, source: '[GAP] 种子未规定时限，默认值' } : { ack_days: 9, reply_days: 30 }), allow: 'prov', control: 'prov', snap: { path: () => '/complaint-categories', pick: (d) => JSON.stringify(items(d).find((c) => c.code === 'other') && [items(d).find((c) => c.code === 'other').ack_days, items(d).find((c) => c.code === 'other').reply_days]) } },
  { route: 'GET /complaints', resource: 'complaint', action: 'list', target: 'cmpA about A (济南)', path: () => '/complaints?page_size=500', allow: 'prov cityA supA', has: (d, f) => items(d).some((c) => c.id === f.cmpA), check: (f, who, r) => assertNoLeak(r, f.cmpSecrets) },
  { route: 'GET /complaint-counts', resource: 'complaint', action: 'count', target: 'counts of the caller\'s cities', path: () => '/complaint-counts', allow: 'prov cityA cityB supA supB', check: (f, who, r, ok) => !ok || ['prov', 'cityA', 'supA'].includes(who) || assertEq(items(r.data).some((c) => c.region_code === '370100'), false, 'another city is not counted') },
  { route: 'GET /complaints/{id}', resource: 'complaint', action: 'read', target: 'cmpA (the identity: province and 济南 only)', path: (f) => `/complaints/${f.cmpA}`, allow: 'prov cityA supA', check: (f, who, r, ok) => (ok && who !== 'supA' ? assertEq(r.data.complainant.phone, f.cmpPhone, 'the handler sees the phone') : assertNoLeak(r, f.cmpSecrets)) },
  { route: 'POST /complaints/{id}/status', resource: 'complaint', action: 'update', target: 'a received complaint to 济南 (one for each allowed principal)', path: (f, who) => `/complaints/${mine(f.cmpMove, who === 'prov' ? 'prov' : 'cityA')}/status`, body: () => ({ status: 'acknowledged' }), allow: 'prov cityA', control: 'cityA', snap: { path: (f) => `/complaints/${f.cmpMove.cityA}`, pick: (d) => d.status } },
  { route: 'POST /complaints/{id}/records', resource: 'complaint', action: 'update', target: 'cmpAck, acknowledged by 济南 (an investigation record)', path: (f) => `/complaints/${f.cmpAck}/records`, body: (f, who, ok) => ({ text: ok ? `矩阵调查记录${who}` : `越权记录${who}` }), allow: 'prov cityA', control: 'cityA', snap: { path: (f) => `/complaints/${f.cmpAck}`, pick: (d) => (d.records || []).filter((x) => x.text.startsWith('越权')).length } },
  { route: 'POST /complaints/{id}/transfer', resource: 'complaint', action: 'update', target: 'a received complaint to 济南 (one for each allowed principal), to 青岛', path: (f, who) => `/complaints/${mine(f.cmpTransfer, who === 'prov' ? 'prov' : 'cityA')}/transfer`, body: () => ({ region_code: '370200', reason: '矩阵测试：转青岛办理' }), allow: 'prov cityA', control: 'cityA', snap: { path: (f) => `/complaints/${f.cmpTransfer.cityA}`, pick: (d) => d.region_code } },

  // 质量督导: supervisors (supA's profile, region 济南) and the dispatch of f.dispatchDay (supB at sitDispatch of A)
  { route: 'GET /supervisors', resource: 'supervisor', action: 'list', target: 'supA\'s profile (济南)', path: () => '/supervisors?page_size=500', allow: 'prov cityA supA', has: (d, f) => items(d).some((x) => x.user_id === f.supIds.supA) },
  { route: 'GET /supervisors/{id}', resource: 'supervisor', action: 'read', target: 'supA\'s profile (济南)', path: (f) => `/supervisors/${f.supIds.supA}`, allow: 'prov cityA supA' },
  { route: 'PUT /supervisors/{id}', resource: 'supervisor', action: 'update', target: 'supA\'s profile (济南), the same values', path: (f) => `/supervisors/${f.supIds.supA}`, body: (f) => f.supProfile('supA'), allow: 'prov cityA', control: 'prov', snap: { path: (f) => `/supervisors/${f.supIds.supA}`, pick: (d) => `${d.cert_no} ${d.region_code} ${d.updated_at}` } },
  { route: 'PUT /supervisors/{id}/availability', resource: 'supervisor', action: 'update', target: 'supA\'s availability, the same values', path: (f) => `/supervisors/${f.supIds.supA}/availability`, body: () => ({ weekdays: '1111111', max_per_day: 2 }), allow: 'prov cityA supA', control: 'supA', snap: { path: (f) => `/supervisors/${f.supIds.supA}`, pick: (d) => `${d.weekdays} ${d.max_per_day} ${d.updated_at}` } },
  { route: 'GET /dispatch/rules', resource: 'dispatch rules', action: 'read', target: 'the rules', path: () => '/dispatch/rules', allow: 'prov cityA cityB supA supB' },
  { route: 'PUT /dispatch/rules', resource: 'dispatch rules', action: 'update', target: 'the rules, the same values', path: () => '/dispatch/rules', body: (f) => f.dispatchRules, allow: 'prov', control: 'prov', snap: { path: () => '/dispatch/rules', pick: (d) => JSON.stringify(d) } },
  { route: 'POST /dispatch/runs', resource: 'dispatch', action: 'create', target: 'f.dispatchDay in 济南 (supB to sitDispatch of A)', path: () => '/dispatch/runs', body: (f) => ({ day: f.dispatchDay, region_code: '370100' }), allow: 'prov cityA', control: 'cityA', snap: { path: (f) => `/dispatch/assignments?day=${f.dispatchDay}`, pick: (d) => items(d).map((a) => a.id).join() } },
  { route: 'GET /dispatch/assignments', resource: 'dispatch', action: 'list', target: 'supB at sitDispatch of A on f.dispatchDay', path: (f) => `/dispatch/assignments?day=${f.dispatchDay}`, allow: 'prov cityA supB', has: (d, f) => items(d).some((a) => a.sitting_id === f.sitDispatch && a.supervisor_id === f.supIds.supB) },
  { route: 'GET /dispatch/assignments', resource: 'dispatch', action: 'export', target: 'supB at sitDispatch of A, as CSV', path: (f) => `/dispatch/assignments?day=${f.dispatchDay}&format=csv`, allow: 'prov cityA supB', has: (d, f) => csv(d).includes(`${f.tag} 督导考场`) },

  // last: on main this leak widens the linking institution's scope, which would disturb the rows above
  { route: 'POST /persons', resource: 'person', action: 'link', target: 'PA by its ID number with a wrong name', path: () => '/persons', body: (f) => ({ name: '冒名顶替', id_number: f.PA.id_number }), allow: '', refuseAlso: [409, 422], snap: { path: (f) => `/persons/${f.PA.id}`, pick: (d) => d.name } },
];

export function assertEq(a, b, msg) {
  if (a !== b) throw new Error(`${msg}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`);
  return true;
}

export function assertNoLeak(r, secrets) {
  const text = Buffer.isBuffer(r.data) ? r.data.toString('utf8') : JSON.stringify(r.data);
  for (const s of secrets) if (s && text.includes(s)) throw new Error(`the reply holds ${s}`);
  return true;
}

export { plusDays, today };
