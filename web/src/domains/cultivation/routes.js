// cultivation: 培养体系 (issue 23), a section per part.
// 企业新型学徒制: one page for the enterprise (files its apprentices with the school, mentor and 带徒津贴, records
// progress and completes them), the school (records progress) and the bureau (approves, files the employer's
// subsidy, sets the city's rate, reads the 100,000 target by city) (/cultivation/apprentices).
// 技工院校与专业备案: the schools, the majors' filing (the school submits, the bureau records or returns), the 订单班 with
// their placement, the 培养项目 with the year's progress (/cultivation/schools).
const t = (zh, en) => ({ zh, en });
const cultivation = { zh: '培养体系', en: 'Cultivation', icon: 'School' };
const C = ['candidate'];
const BUREAU = ['province_admin', 'city_admin'];
const INST = ['institution_admin', 'institution_staff'];

export default [
  {
    path: '/cultivation/apprentices', name: 'apprentices', component: () => import('./views/Apprentices.vue'),
    meta: { title: t('企业新型学徒制', 'Apprenticeships'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'Connection', group: cultivation, order: 700 },
  },
  {
    path: '/cultivation/schools', name: 'cultivation-schools', component: () => import('./views/Schools.vue'),
    meta: { title: t('技工院校与专业备案', 'Schools and majors'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'School', group: cultivation, order: 690 },
  },
  // 院校学生评价 (item 5): students by class and their diplomas, the 过程化评价 rules with the sheet of module scores
  // (the school records and compiles, the bureau reads), the 高校学生 pilot and the major ↔ occupation table.
  {
    path: '/cultivation/students', name: 'cultivation-students', component: () => import('./views/StudentEval.vue'),
    meta: { title: t('院校学生与过程化评价', 'Students and process evaluation'), roles: [...BUREAU, ...INST], menu: true, icon: 'Reading', group: cultivation, order: 695 },
  },
  {
    path: '/cultivation/employment', name: 'employment', component: () => import('./views/Employment.vue'),
    meta: { title: t('就业服务与重点群体', 'Employment services'), roles: ['province_admin', 'city_admin', 'institution_admin', 'institution_staff'], menu: true, icon: 'Briefcase', group: cultivation, order: 701 },
  },
  // 岗位需求 → 培训班 / 订单班 and 产教评 技能生态链 (item 6, DOMAIN §63): the postings with the classes that answer
  // them (the bureau its region's, an institution its city's and those it answers); the chains led by a 链主企业
  // (the bureau keeps them, an institution reads the chains it is a member of)
  {
    path: '/cultivation/demand', name: 'cultivation-demand', component: () => import('./views/Demand.vue'),
    meta: { title: t('岗位需求与以需定培', 'Job demand and classes'), roles: [...BUREAU, ...INST], menu: true, icon: 'Guide', group: cultivation, order: 702 },
  },
  {
    path: '/cultivation/chains', name: 'cultivation-chains', component: () => import('./views/Chains.vue'),
    meta: { title: t('产教评技能生态链', 'Skill chains'), roles: [...BUREAU, ...INST], menu: true, icon: 'Link', group: cultivation, order: 703 },
  },
  {
    path: '/me/jobs', name: 'me-jobs', component: () => import('./views/MyJobs.vue'),
    meta: { title: t('岗位推荐', 'Job recommendations'), roles: ['candidate'], menu: true, order: 47, layout: 'candidate' },
  },
  // 线上学习培训 and 知识竞赛 (item 4): the learner's courses with their 学时 and the player that sends the heartbeats
  // (one device, one tab; presence checks), the contests with the paper and the leaderboards, on a phone; the
  // bureaus' and training institutions' online courses and the province's and cities' contest rounds.
  {
    path: '/me/courses', name: 'me-courses', component: () => import('./views/MyCourses.vue'),
    meta: { title: t('我的课程', 'My courses'), roles: C, menu: true, order: 36, layout: 'candidate' },
  },
  {
    path: '/me/courses/:id(\\d+)', name: 'me-course', component: () => import('./views/CourseLearn.vue'),
    meta: { title: t('线上学习', 'Learning'), roles: C, layout: 'candidate', parent: '/me/courses' },
  },
  {
    path: '/me/contests', name: 'me-contests', component: () => import('./views/MyContests.vue'),
    meta: { title: t('知识竞赛', 'Contests'), roles: C, menu: true, order: 37, layout: 'candidate' },
  },
  {
    path: '/me/contests/:id(\\d+)/board', name: 'me-contest-board', component: () => import('./views/ContestBoard.vue'),
    meta: { title: t('排行榜', 'Leaderboard'), roles: C, layout: 'candidate', parent: '/me/contests' },
  },
  // 模拟练习 (item 4, DOMAIN §62): the learner's practice papers from the practice pool, on a phone
  {
    path: '/me/practice', name: 'me-practice', component: () => import('./views/MyPractice.vue'),
    meta: { title: t('模拟练习', 'Practice'), roles: C, menu: true, order: 37.5, layout: 'candidate' },
  },
  {
    path: '/admin/elearn/courses', name: 'admin-elearn-courses', component: () => import('./views/AdminCourses.vue'),
    meta: { title: t('线上课程', 'Online courses'), roles: [...BUREAU, ...INST], menu: true, icon: 'Collection', group: cultivation, order: 720 },
  },
  {
    path: '/admin/contests', name: 'admin-contests', component: () => import('./views/AdminContests.vue'),
    meta: { title: t('知识竞赛', 'Knowledge contests'), roles: BUREAU, menu: true, icon: 'Trophy', group: cultivation, order: 730 },
  },
  {
    path: '/admin/contests/:id(\\d+)/board', name: 'admin-contest-board', component: () => import('./views/ContestBoard.vue'),
    meta: { title: t('竞赛排行榜', 'Leaderboard'), roles: BUREAU, parent: '/admin/contests' },
  },
];
