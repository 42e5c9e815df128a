// exam: the item bank and blueprints, sittings and the invigilator console, 试题分析 and 雷同卷 review,
// and the candidate's exams (the exam page stands alone, without a layout).
const INST = ['institution_admin', 'institution_staff'];
const C = ['candidate'];
const t = (zh, en) => ({ zh, en });
const quality = { zh: '质量与评审', en: 'Quality and review', icon: 'DataLine' };

export default [
  {
    path: '/inst/items', name: 'inst-items', component: () => import('./views/Items.vue'),
    meta: { title: t('题库与组卷蓝图', 'Item bank and blueprint'), roles: INST, menu: true, icon: 'Reading', order: 120 },
  },
  {
    path: '/inst/sittings', name: 'inst-sittings', component: () => import('./views/Sittings.vue'),
    meta: { title: t('考场与监考', 'Sittings and invigilation'), roles: [...INST, 'examiner'], menu: true, icon: 'Monitor', order: 130 },
  },
  {
    path: '/inst/sittings/:id', name: 'inst-sitting', component: () => import('./views/InvigilatorConsole.vue'),
    meta: { title: t('监考台', 'Invigilator console'), roles: [...INST, 'examiner'], menu: false, parent: '/inst/sittings' },
  },
  {
    path: '/quality/analysis', name: 'quality-analysis', component: () => import('./views/AnalysisPicker.vue'),
    meta: { title: t('试题分析', 'Item analysis'), roles: [...INST, 'province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'DataLine', group: quality, order: 300 },
  },
  {
    path: '/quality/sittings/:id/analysis', name: 'quality-sitting-analysis', component: () => import('./views/SittingAnalysis.vue'),
    meta: { title: t('考场试题分析', 'Analysis of a sitting'), roles: [...INST, 'province_admin', 'city_admin', 'supervisor'], menu: false, parent: '/quality/analysis' },
  },
  {
    path: '/quality/collusion', name: 'quality-collusion', component: () => import('./views/Collusion.vue'),
    meta: { title: t('雷同卷复核', 'Answer-copying review'), roles: ['supervisor', 'province_admin', 'city_admin', ...INST], menu: true, icon: 'Flag', group: quality, order: 310 },
  },
  {
    path: '/me/exams', name: 'me-exams', component: () => import('./views/MyExams.vue'),
    meta: { title: t('我的考试', 'My exams'), roles: C, menu: true, order: 10, layout: 'candidate' },
  },
  {
    path: '/me/exams/:id(\\d+)', name: 'me-exam', component: () => import('./views/ExamPage.vue'),
    meta: { title: t('在线考试', 'Exam'), roles: C, menu: false, layout: 'blank', offlineOk: true },
  },
];
