// 质量与评审 (quality and review): 试题分析 of a sitting, the 雷同卷 review queue, 综合评审 (levels 2 and 1)
// for the institution and for the examiners on its panel, and 批量报名 from a CSV file. Every page is a
// lazy chunk (web/src/views/quality).
const INST = ['institution_admin', 'institution_staff'];
const t = (zh, en) => ({ zh, en });
const group = { zh: '质量与评审', en: 'Quality and review', icon: 'DataLine' };

export default [
  {
    path: '/quality/analysis', name: 'quality-analysis', component: () => import('../views/quality/AnalysisPicker.vue'),
    meta: { title: t('试题分析', 'Item analysis'), roles: [...INST, 'province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'DataLine', group, order: 300 },
  },
  {
    path: '/quality/sittings/:id/analysis', name: 'quality-sitting-analysis', component: () => import('../views/quality/SittingAnalysis.vue'),
    meta: { title: t('考场试题分析', 'Analysis of a sitting'), roles: [...INST, 'province_admin', 'city_admin', 'supervisor'], menu: false, parent: '/quality/analysis' },
  },
  {
    path: '/quality/collusion', name: 'quality-collusion', component: () => import('../views/quality/Collusion.vue'),
    meta: { title: t('雷同卷复核', 'Answer-copying review'), roles: ['supervisor', 'province_admin', 'city_admin', ...INST], menu: true, icon: 'Flag', group, order: 310 },
  },
  {
    path: '/quality/review', name: 'quality-review', component: () => import('../views/quality/ReviewSetup.vue'),
    meta: { title: t('综合评审', 'Comprehensive review'), roles: INST, menu: true, icon: 'Stamp', group, order: 320 },
  },
  {
    path: '/quality/review/score', name: 'quality-review-score', component: () => import('../views/quality/ReviewScoring.vue'),
    meta: { title: t('综合评审评分', 'Review scoring'), roles: ['examiner'], menu: true, icon: 'Stamp', group, order: 320 },
  },
  {
    path: '/quality/registrations/import', name: 'quality-reg-import', component: () => import('../views/quality/RegImport.vue'),
    meta: { title: t('批量报名', 'Batch registration'), roles: INST, menu: true, icon: 'Files', group, order: 330 },
  },
];
