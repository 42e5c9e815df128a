// competition (职业技能竞赛): the province's plan approval page (竞赛计划审批: the year's applications in the
// plan's order, 十强产业 first; approve, reject with a reason, publish the plan; an organiser sees its own
// applications there and applies its drafts) and the public page of published competitions (竞赛公告: the
// published plan, competitions with their events and groups, and the drawn start lists; no login).
// 裁判评分 (issue 21 items 4-5): the judges' and chief expert's marking page of one event on a phone (stand
// alone, without the admin layout; it copes with the network itself, like the exam page).
// 选拔与集训, 评分进度看板 and 成绩大屏 (issue 21 items 7-9): the selection pool and the 集训 squads (the province
// manages, the units concerned read), the organiser's live marking progress per event, and the closing
// ceremony's results screen for a projector (no login, stand alone).
// 竞赛成果 (issue 21 item 6): the province's page of a competition's outcomes and money (技术能手, promotions,
// prize money to whom and why, the objections to each event's results during 公示).
const t = (zh, en) => ({ zh, en });
const group = { zh: '职业技能竞赛', en: 'Skills competitions', icon: 'Trophy' };

export default [
  {
    path: '/competitions', name: 'competitions-public', component: () => import('./views/PublicCompetitions.vue'),
    meta: { title: t('职业技能竞赛', 'Skills competitions'), public: true, layout: 'blank' },
  },
  {
    path: '/competition/plan', name: 'competition-plan', component: () => import('./views/PlanApproval.vue'),
    meta: { title: t('竞赛计划', 'Competition plan'), roles: ['province_admin', 'city_admin', 'institution_admin'], menu: true, icon: 'Trophy', group, order: 700 },
  },
  {
    path: '/competition/judging', name: 'competition-judging', component: () => import('./views/JudgeEvents.vue'),
    meta: { title: t('竞赛评分任务', 'Competition marking'), roles: ['examiner'], menu: true, icon: 'Trophy', group, order: 740 },
  },
  {
    path: '/competition/outcomes', name: 'competition-outcomes', component: () => import('./views/CompetitionOutcomes.vue'),
    meta: { title: t('竞赛成果', 'Competition outcomes'), roles: ['province_admin'], menu: true, icon: 'Medal', group, order: 750 },
  },
  {
    path: '/competition/judge/:id(\\d+)', name: 'competition-judge', component: () => import('./views/JudgeMarking.vue'),
    meta: { title: t('裁判评分', 'Marking'), roles: ['examiner'], layout: 'blank', offlineOk: true },
  },
  {
    path: '/competition/manage', name: 'competition-manage', component: () => import('./views/CompetitionManage.vue'),
    meta: { title: t('竞赛组织', 'Organise a competition'), roles: ['province_admin', 'city_admin', 'institution_admin'], menu: true, icon: 'Trophy', group, order: 710 },
  },
  {
    path: '/competition/progress', name: 'competition-progress', component: () => import('./views/CompetitionProgress.vue'),
    meta: { title: t('评分进度看板', 'Marking progress'), roles: ['province_admin', 'city_admin', 'institution_admin'], menu: true, icon: 'Trophy', group, order: 720 },
  },
  {
    path: '/competition/squads', name: 'competition-squads', component: () => import('./views/CompetitionSquads.vue'),
    meta: { title: t('选拔与集训', 'Selection and squads'), roles: ['province_admin', 'city_admin', 'institution_admin'], menu: true, icon: 'Trophy', group, order: 730 },
  },
  {
    path: '/competition/screen/:id(\\d+)', name: 'competition-screen', component: () => import('./views/CompetitionScreen.vue'),
    meta: { title: t('成绩大屏', 'Results screen'), public: true, layout: 'blank' },
  },
];
