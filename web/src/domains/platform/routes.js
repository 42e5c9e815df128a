// platform (平台载体 and the evaluation system's own capacity, issue 24): 评价队伍 — the province's and a city's
// register of 考评员 / 高级考评员 / 督导员 qualifications (courses, grants from a course or from the records,
// renewal, removal through the credit archive); 考点与考场 — the registry of exam sites and rooms, the
// 标准化考场 check and designation (the bureaus), and the institutions' room bookings.
// 平台载体项目 (item 1): the bureau (/admin/platforms), the institution (/inst/platforms), 财政 and the province
// (/finance/tranches: co-approval, payment), the public list and map (/platforms, no login); the panel's expert
// scores the applications of the calls in review (/examiner/platform-reviews, 平台载体评审); the 专项 proposals'
// panel expert scores the draft 考核规范 under review (/examiner/special-reviews, §66).
const t = (zh, en) => ({ zh, en });
const projects = { zh: '平台载体', en: 'Platforms', icon: 'OfficeBuilding' };
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
  // 平台载体项目
  {
    path: '/admin/platforms', name: 'admin-platforms', component: () => import('./views/AdminPlatforms.vue'),
    meta: { title: t('平台载体项目', 'Platform projects'), roles: ['province_admin', 'city_admin'], menu: true, icon: 'OfficeBuilding', group: projects, order: 700 },
  },
  {
    path: '/inst/platforms', name: 'inst-platforms', component: () => import('./views/InstPlatforms.vue'),
    meta: { title: t('平台载体申报', 'Platforms'), roles: ['institution_admin', 'institution_staff'], menu: true, icon: 'OfficeBuilding', group: projects, order: 700 },
  },
  {
    path: '/examiner/platform-reviews', name: 'platform-reviews', component: () => import('./views/PanelScores.vue'),
    meta: { title: t('平台载体评审', 'Platform review'), roles: ['examiner'], menu: true, icon: 'Medal', group: projects, order: 705 },
  },
  {
    path: '/finance/tranches', name: 'finance-tranches', component: () => import('./views/FinanceTranches.vue'),
    meta: { title: t('平台载体补助会签', 'Grant co-approval'), roles: ['finance', 'province_admin'], menu: true, icon: 'Tickets', group: projects, order: 710 },
  },
  // 专项职业能力开发 and 新职业征集 (item 5; docs/DOMAIN.md §66)
  {
    path: '/special/proposals', name: 'special-proposals', component: () => import('./views/SpecialProposals.vue'),
    meta: { title: t('专项职业能力开发', 'Special-ability proposals'), roles: ['city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'Document', group: projects, order: 720 },
  },
  {
    path: '/examiner/special-reviews', name: 'special-reviews', component: () => import('./views/SpecialReviews.vue'),
    meta: { title: t('专项考核规范评审', 'Special-ability review'), roles: ['examiner'], menu: true, icon: 'Medal', group: projects, order: 725 },
  },
  {
    path: '/admin/special', name: 'admin-special', component: () => import('./views/SpecialAdmin.vue'),
    meta: { title: t('专项职业能力目录与新职业', 'Special abilities and new occupations'), roles: ['province_admin', 'city_admin'], menu: true, icon: 'Collection', group: projects, order: 730 },
  },
  {
    path: '/special-abilities', name: 'public-special', component: () => import('./views/PublicSpecial.vue'),
    meta: { title: t('专项职业能力考核项目目录', 'Special vocational abilities'), public: true, layout: 'blank' },
  },
  {
    path: '/platforms', name: 'public-platforms', component: () => import('./views/PublicPlatforms.vue'),
    meta: { title: t('平台载体名录', 'Skills platforms'), public: true, layout: 'blank' },
  },
];
