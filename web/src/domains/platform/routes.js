// platform (平台载体 and the evaluation system's own capacity, issue 24): 评价队伍 — the province's and a city's
// register of 考评员 / 高级考评员 / 督导员 qualifications (courses, grants from a course or from the records,
// renewal, removal through the credit archive); 考点与考场 — the registry of exam sites and rooms, the
// 标准化考场 check and designation (the bureaus), and the institutions' room bookings.
const t = (zh, en) => ({ zh, en });
const platform = { zh: '评价队伍与考点', en: 'Workforce and exam sites', icon: 'OfficeBuilding' };

export default [
  {
    path: '/platform/workforce', name: 'platform-workforce', component: () => import('./views/Workforce.vue'),
    meta: { title: t('考评员与督导员资格', 'Examiner and supervisor qualifications'), roles: ['province_admin', 'city_admin'], menu: true, icon: 'Medal', group: platform, order: 600 },
  },
  {
    path: '/platform/exam-sites', name: 'platform-exam-sites', component: () => import('./views/ExamSites.vue'),
    meta: { title: t('考点与考场', 'Exam sites and rooms'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'School', group: platform, order: 610 },
  },
];
