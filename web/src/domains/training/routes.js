// training: 培训与补贴 for workers and the public (issue 14 item 7): 培训地图 and a course's classes (no
// login), the worker's classes with the timetable, hours and completion, 扫码签到, and their subsidy claims.
// And the staff pages — the training institution's courses, classes (roster, timetable,
// attendance, completion) and the teacher's check-in QR; the city's claims review, 公示, payment batches,
// the ledger and the insurance records; the province the same across cities, read-only, with an overview.
const C = ['candidate'];
const t = (zh, en) => ({ zh, en });
const training = { zh: '培训与补贴', en: 'Training and subsidies', icon: 'School' };
const INST = ['institution_admin', 'institution_staff'];
const BUREAU = ['province_admin', 'city_admin'];

export default [
  {
    path: '/training/map', name: 'training-map', component: () => import('./views/TrainingMap.vue'),
    meta: { title: t('培训地图', 'Training map'), public: true, layout: 'blank' },
  },
  {
    path: '/training/courses/:id', name: 'training-course', component: () => import('./views/CourseDetail.vue'),
    meta: { title: t('课程详情', 'Course'), public: true, layout: 'blank' },
  },
  {
    path: '/me/training', name: 'me-training', component: () => import('./views/MyTraining.vue'),
    meta: { title: t('培训', 'Training'), roles: C, menu: true, order: 35, layout: 'candidate' },
  },
  {
    path: '/me/checkin', name: 'me-checkin', component: () => import('./views/Checkin.vue'),
    meta: { title: t('扫码签到', 'Check in'), roles: C, layout: 'candidate' },
  },
  {
    path: '/me/claims', name: 'me-claims', component: () => import('./views/MyClaims.vue'),
    meta: { title: t('补贴', 'Subsidies'), roles: C, menu: true, order: 38, layout: 'candidate' },
  },
  {
    path: '/me/claims/:id', name: 'me-claim', component: () => import('./views/ClaimDetail.vue'),
    meta: { title: t('补贴申领', 'Claim'), roles: C, layout: 'candidate', parent: '/me/claims' },
  },
  // the staff pages: the training institution, the city, the province
  {
    path: '/inst/training/courses', name: 'org-courses', component: () => import('./views/OrgCourses.vue'),
    meta: { title: t('培训课程', 'Training courses'), roles: INST, menu: true, icon: 'Reading', group: training, order: 400 },
  },
  {
    path: '/inst/training/classes', name: 'org-classes', component: () => import('./views/OrgClasses.vue'),
    meta: { title: t('培训班', 'Classes'), roles: INST, menu: true, icon: 'School', group: training, order: 410 },
  },
  {
    path: '/inst/training/classes/:id(\\d+)', name: 'org-class', component: () => import('./views/OrgClassDetail.vue'),
    meta: { title: t('培训班详情', 'Class'), roles: [...INST, ...BUREAU], parent: '/inst/training/classes' },
  },
  {
    path: '/inst/training/sessions/:id(\\d+)/checkin', name: 'org-checkin', component: () => import('./views/OrgCheckin.vue'),
    meta: { title: t('签到二维码', 'Check-in QR'), roles: INST, parent: '/inst/training/classes' },
  },
  {
    path: '/admin/training/overview', name: 'city-training-overview', component: () => import('./views/CityOverview.vue'),
    meta: { title: t('补贴概览', 'Subsidy overview'), roles: BUREAU, menu: true, icon: 'DataAnalysis', group: training, order: 400 },
  },
  {
    path: '/admin/training/claims', name: 'city-claims', component: () => import('./views/CityClaims.vue'),
    meta: { title: t('补贴审核与公示', 'Claims review and 公示'), roles: BUREAU, menu: true, icon: 'Stamp', group: training, order: 410 },
  },
  {
    path: '/admin/training/pay-batches', name: 'city-pay-batches', component: () => import('./views/CityPayBatches.vue'),
    meta: { title: t('支付批次', 'Payment batches'), roles: BUREAU, menu: true, icon: 'Tickets', group: training, order: 420 },
  },
  {
    path: '/admin/training/ledger', name: 'ledger', component: () => import('./views/LedgerView.vue'),
    meta: { title: t('补贴台账', 'Subsidy ledger'), roles: BUREAU, menu: true, icon: 'Notebook', group: training, order: 430 },
  },
  {
    path: '/admin/training/insurance', name: 'city-insurance', component: () => import('./views/CityInsurance.vue'),
    meta: { title: t('参保记录导入', 'Insurance records'), roles: BUREAU, menu: true, icon: 'Files', group: training, order: 440 },
  },
  {
    path: '/admin/training/fraud-signals', name: 'fraud-signals', component: () => import('./views/FraudSignals.vue'),
    meta: { title: t('疑点线索', 'Fraud signals'), roles: BUREAU, menu: true, icon: 'Warning', group: training, order: 445 },
  },
  {
    path: '/admin/training/classes', name: 'city-classes', component: () => import('./views/CityClasses.vue'),
    meta: { title: t('培训班监管', 'Classes'), roles: BUREAU, menu: true, icon: 'School', group: training, order: 450 },
  },
];
