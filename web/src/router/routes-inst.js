// The evaluation institution's pages (institution admin and staff; examiners for invigilation and practical
// scoring; the province administrator may also issue and manage certificates). Every page is a lazy chunk.
const INST = ['institution_admin', 'institution_staff'];
const t = (zh, en) => ({ zh, en });

export default [
  {
    path: '/inst/plans', name: 'inst-plans', component: () => import('../views/inst/Plans.vue'),
    meta: { title: t('认定计划', 'Evaluation plans'), roles: INST, menu: true, icon: 'Calendar', order: 110 },
  },
  {
    path: '/inst/plans/:id', name: 'inst-plan', component: () => import('../views/inst/PlanDetail.vue'),
    meta: { title: t('计划详情', 'Plan'), roles: INST, menu: false, parent: '/inst/plans' },
  },
  {
    path: '/inst/items', name: 'inst-items', component: () => import('../views/inst/Items.vue'),
    meta: { title: t('题库与组卷蓝图', 'Item bank and blueprint'), roles: INST, menu: true, icon: 'Reading', order: 120 },
  },
  {
    path: '/inst/sittings', name: 'inst-sittings', component: () => import('../views/inst/Sittings.vue'),
    meta: { title: t('考场与监考', 'Sittings and invigilation'), roles: [...INST, 'examiner'], menu: true, icon: 'Monitor', order: 130 },
  },
  {
    path: '/inst/sittings/:id', name: 'inst-sitting', component: () => import('../views/inst/InvigilatorConsole.vue'),
    meta: { title: t('监考台', 'Invigilator console'), roles: [...INST, 'examiner'], menu: false, parent: '/inst/sittings' },
  },
  {
    path: '/inst/practical', name: 'inst-practical', component: () => import('../views/inst/PracticalScoring.vue'),
    meta: { title: t('操作技能评分', 'Practical scoring'), roles: ['examiner'], menu: true, icon: 'EditPen', order: 140 },
  },
  {
    path: '/inst/results', name: 'inst-results', component: () => import('../views/inst/Results.vue'),
    meta: { title: t('评价结果', 'Results'), roles: INST, menu: true, icon: 'Histogram', order: 150 },
  },
  {
    path: '/inst/publicity', name: 'inst-publicity', component: () => import('../views/inst/Publicity.vue'),
    meta: { title: t('结果公示', 'Publicity'), roles: INST, menu: true, icon: 'Bell', order: 160 },
  },
  {
    path: '/inst/certificates', name: 'inst-certificates', component: () => import('../views/inst/Certificates.vue'),
    meta: { title: t('证书发放', 'Certificates'), roles: [...INST, 'province_admin'], menu: true, icon: 'Medal', order: 170 },
  },
  {
    path: '/inst/users', name: 'inst-users', component: () => import('../views/admin/Users.vue'),
    meta: { title: t('本机构用户', 'Our users'), roles: ['institution_admin'], menu: true, icon: 'User', order: 180 },
  },
];
