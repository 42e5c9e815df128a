// training: 培训与补贴 for workers and the public (issue 14 item 7): 培训地图 and a course's classes (no
// login), the worker's classes with the timetable, hours and completion, 扫码签到, and their subsidy claims.
const C = ['candidate'];
const t = (zh, en) => ({ zh, en });

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
];
