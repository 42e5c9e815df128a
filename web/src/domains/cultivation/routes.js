// cultivation: 培养体系 (issue 23), a section per part.
// 企业新型学徒制: one page for the enterprise (files its apprentices with the school, mentor and 带徒津贴, records
// progress and completes them), the school (records progress) and the bureau (approves, files the employer's
// subsidy, sets the city's rate, reads the 100,000 target by city) (/cultivation/apprentices).
// 技工院校与专业备案: the schools, the majors' filing (the school submits, the bureau records or returns), the 订单班 with
// their placement, the 培养项目 with the year's progress (/cultivation/schools).
const t = (zh, en) => ({ zh, en });
const cultivation = { zh: '培养体系', en: 'Cultivation', icon: 'School' };

export default [
  {
    path: '/cultivation/apprentices', name: 'apprentices', component: () => import('./views/Apprentices.vue'),
    meta: { title: t('企业新型学徒制', 'Apprenticeships'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'Connection', group: cultivation, order: 700 },
  },
  {
    path: '/cultivation/schools', name: 'cultivation-schools', component: () => import('./views/Schools.vue'),
    meta: { title: t('技工院校与专业备案', 'Schools and majors'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'School', group: cultivation, order: 690 },
  },
  {
    path: '/cultivation/employment', name: 'employment', component: () => import('./views/Employment.vue'),
    meta: { title: t('就业服务与重点群体', 'Employment services'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'Briefcase', group: cultivation, order: 701 },
  },
  {
    path: '/me/jobs', name: 'me-jobs', component: () => import('./views/MyJobs.vue'),
    meta: { title: t('岗位推荐', 'Job recommendations'), roles: ['candidate'], menu: true, order: 47, layout: 'candidate' },
  },
];
