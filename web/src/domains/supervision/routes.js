// supervision (质量督导): the public complaint page 投诉举报 (submit, then follow by tracking code; no login)
// and the bureau's complaint queue (the province, a city, supervisors read-only); the dispatch board of a
// day (督导派遣: the province and a city run it, a supervisor sees their own sittings); the candidate's
// satisfaction survey after a submitted exam (满意度调查, anonymous, once per attempt); 整改 (rectifications):
// the bureau's queue with deadlines (/quality/rectifications) and the institution's own with its response
// form (/inst/rectifications), one page for both; the credit archive (信用档案: the bureaus record and
// withdraw, the subjects read their own); 督导检查: the supervisor's day of dispatched sittings and the
// checklist page on a phone (marks, notes, photos and PDFs, through network loss; sign-off), the list of
// inspections for the province, cities, supervisors and institutions; the supervisors' registry (督导员名册),
// the survey results (满意度调查结果) and an institution's quality archive (质量档案, with its PDF; the
// institution administrator's own at /inst/quality-archive); the periodic assessment (定期评估: the table
// of grades with reasons and the funnel plot; an institution administrator its own grade).
const t = (zh, en) => ({ zh, en });
const quality = { zh: '质量与评审', en: 'Quality and review', icon: 'DataLine' };

export default [
  {
    path: '/complaint', name: 'complaint', component: () => import('./views/Complaint.vue'),
    meta: { title: t('投诉举报', 'Complaints and reports'), public: true, layout: 'blank' },
  },
  {
    path: '/quality/complaints', name: 'quality-complaints', component: () => import('./views/Complaints.vue'),
    meta: { title: t('投诉举报办理', 'Complaint handling'), roles: ['province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'Flag', group: quality, order: 320 },
  },
  {
    path: '/quality/dispatch', name: 'quality-dispatch', component: () => import('./views/DispatchBoard.vue'),
    meta: { title: t('督导派遣', 'Supervisor dispatch'), roles: ['province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'Position', group: quality, order: 330 },
  },
  // 督导检查: the supervisor's day and the checklist page on a phone (stand alone, without the admin layout;
  // they cope with the network themselves), the list of inspections for the bureaus and institutions
  {
    path: '/quality/my-inspections', name: 'quality-my-inspections', component: () => import('./views/MyInspections.vue'),
    meta: { title: t('今日督导', 'My inspections'), roles: ['supervisor'], layout: 'blank' },
  },
  {
    path: '/quality/inspections/:id(\\d+)', name: 'quality-inspection', component: () => import('./views/InspectPage.vue'),
    meta: { title: t('督导检查', 'Inspection'), roles: ['province_admin', 'city_admin', 'supervisor', 'institution_admin'], layout: 'blank', offlineOk: true },
  },
  {
    path: '/quality/inspections', name: 'quality-inspections', component: () => import('./views/Inspections.vue'),
    meta: { title: t('督导检查记录', 'Inspections'), roles: ['province_admin', 'city_admin', 'supervisor', 'institution_admin'], menu: true, icon: 'Memo', group: quality, order: 333 },
  },
  {
    path: '/quality/rectifications', name: 'quality-rectifications', component: () => import('./views/Rectifications.vue'),
    meta: { title: t('整改督办', 'Rectifications'), roles: ['province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'Finished', group: quality, order: 335 },
  },
  {
    path: '/inst/rectifications', name: 'inst-rectifications', component: () => import('./views/Rectifications.vue'),
    meta: { title: t('整改', 'Rectifications'), roles: ['institution_admin', 'institution_staff'], menu: true, icon: 'Finished', group: quality, order: 340 },
  },
  {
    path: '/quality/credit', name: 'quality-credit', component: () => import('./views/CreditArchive.vue'),
    meta: { title: t('信用档案', 'Credit archive'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff', 'examiner', 'supervisor'], menu: true, icon: 'Stamp', group: quality, order: 345 },
  },
  {
    path: '/quality/supervisors', name: 'quality-supervisors', component: () => import('./views/Supervisors.vue'),
    meta: { title: t('督导员名册', 'Supervisors'), roles: ['province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'Avatar', group: quality, order: 325 },
  },
  {
    path: '/quality/survey-results', name: 'quality-survey-results', component: () => import('./views/SurveyResults.vue'),
    meta: { title: t('满意度调查结果', 'Survey results'), roles: ['province_admin', 'city_admin', 'institution_admin'], menu: true, icon: 'DataLine', group: quality, order: 350 },
  },
  {
    path: '/quality/archive/:id(\\d+)', name: 'quality-archive', component: () => import('./views/QualityArchive.vue'),
    meta: { title: t('质量档案', 'Quality archive'), roles: ['province_admin', 'city_admin', 'supervisor'], parent: '/admin/institutions' },
  },
  {
    path: '/inst/quality-archive', name: 'inst-quality-archive', component: () => import('./views/QualityArchive.vue'),
    meta: { title: t('质量档案', 'Quality archive'), roles: ['institution_admin'], menu: true, icon: 'Document', order: 195 },
  },
  {
    path: '/quality/assessments', name: 'quality-assessments', component: () => import('./views/Assessments.vue'),
    meta: { title: t('定期评估', 'Periodic assessment'), roles: ['province_admin', 'city_admin', 'institution_admin'], menu: true, icon: 'Histogram', group: quality, order: 355 },
  },
  {
    path: '/me/surveys/:id(\\d+)', name: 'me-survey', component: () => import('./views/SurveyAnswer.vue'),
    meta: { title: t('满意度调查', 'Satisfaction survey'), roles: ['candidate'] },
  },
];
