// evaluation: 认定计划 (the institution's plans and the administrators' approval), registrations (the
// candidate's 报名, 批量报名), practical scoring, 综合评审, results and 公示.
const ADMINS = ['province_admin', 'city_admin'];
const INST = ['institution_admin', 'institution_staff'];
const C = ['candidate'];
const t = (zh, en) => ({ zh, en });
const quality = { zh: '质量与评审', en: 'Quality and review', icon: 'DataLine' };

export default [
  {
    path: '/admin/plans', name: 'admin-plans', component: () => import('./views/PlanApproval.vue'),
    meta: { title: t('认定计划审核', 'Plan approval'), roles: ADMINS, menu: true, icon: 'Checked', order: 40 },
  },
  {
    path: '/admin/norms', name: 'admin-norms', component: () => import('./views/NormReview.vue'),
    meta: { title: t('企业评价规范审核', 'Enterprise norms'), roles: ADMINS, menu: true, icon: 'Stamp', order: 41 },
  },
  {
    path: '/inst/norms', name: 'inst-norms', component: () => import('./views/Norms.vue'),
    meta: { title: t('企业评价规范', 'Evaluation norm'), roles: INST, menu: true, icon: 'Notebook', order: 105 },
  },
  {
    path: '/inst/norm-process', name: 'inst-norm-process', component: () => import('./views/NormProcess.vue'),
    meta: { title: t('过程化考核成绩', 'Process scores'), roles: INST, menu: true, icon: 'EditPen', order: 106 },
  },
  {
    path: '/inst/norm-performance', name: 'inst-norm-performance', component: () => import('./views/NormPerformance.vue'),
    meta: { title: t('业绩评审材料', 'Performance records'), roles: INST, menu: true, icon: 'Document', order: 107 },
  },
  {
    path: '/inst/plans', name: 'inst-plans', component: () => import('./views/Plans.vue'),
    meta: { title: t('认定计划', 'Evaluation plans'), roles: INST, menu: true, icon: 'Calendar', order: 110 },
  },
  {
    path: '/inst/plans/:id', name: 'inst-plan', component: () => import('./views/PlanDetail.vue'),
    meta: { title: t('计划详情', 'Plan'), roles: INST, menu: false, parent: '/inst/plans' },
  },
  {
    path: '/inst/practical', name: 'inst-practical', component: () => import('./views/PracticalScoring.vue'),
    meta: { title: t('操作技能评分', 'Practical scoring'), roles: ['examiner'], menu: true, icon: 'EditPen', order: 140 },
  },
  {
    path: '/inst/results', name: 'inst-results', component: () => import('./views/Results.vue'),
    meta: { title: t('评价结果', 'Results'), roles: INST, menu: true, icon: 'Histogram', order: 150 },
  },
  {
    path: '/inst/publicity', name: 'inst-publicity', component: () => import('./views/Publicity.vue'),
    meta: { title: t('结果公示', 'Publicity'), roles: INST, menu: true, icon: 'Bell', order: 160 },
  },
  {
    path: '/quality/review', name: 'quality-review', component: () => import('./views/ReviewSetup.vue'),
    meta: { title: t('综合评审', 'Comprehensive review'), roles: INST, menu: true, icon: 'Stamp', group: quality, order: 320 },
  },
  {
    path: '/quality/review/score', name: 'quality-review-score', component: () => import('./views/ReviewScoring.vue'),
    meta: { title: t('综合评审评分', 'Review scoring'), roles: ['examiner'], menu: true, icon: 'Stamp', group: quality, order: 320 },
  },
  {
    path: '/quality/registrations/import', name: 'quality-reg-import', component: () => import('./views/RegImport.vue'),
    meta: { title: t('批量报名', 'Batch registration'), roles: INST, menu: true, icon: 'Files', group: quality, order: 330 },
  },
  {
    path: '/me/apply', name: 'me-apply', component: () => import('./views/Apply.vue'),
    meta: { title: t('报名', 'Apply'), roles: C, menu: true, order: 20, layout: 'candidate' },
  },
  {
    path: '/me/results', name: 'me-results', component: () => import('./views/MyResults.vue'),
    meta: { title: t('我的成绩', 'My results'), roles: C, menu: true, order: 30, layout: 'candidate' },
  },
];
