// incentive: 使用与激励 (issue 22), a section per part.
// 工资价位: the bureau publishes (province; a city its own) and reads every cell with its counts; an
// institution submits its own employees' pay by file and sees the minimum-pay check; the public reads the
// published table without logging in.
// 山东惠才卡: the holder's card with its QR code (我的惠才卡), and the check page a provider's phone opens from
// the QR (public: the signature checked offline, the online status, a use recorded with the provider's key).
// 贯通: the worker checks the ways across (职称 → 技能等级 and 一评双证 naming the issuing institution) and
// applies (/me/titles); the city recommends and the province decides (/admin/titles/applications). 我的荣誉
// (/me/honours): the talent record's honours, titles, decisions and cards, and the public-honours switch. The
// province manages the card's providers (/admin/talent-card/providers: suspend, new key, uses).
// 特级技师、首席技师评聘: the bureau authorises enterprises and publishes the name lists (/admin/posts); the
// authorised enterprise keeps its posts, rounds and appointees (/inst/posts); the public reads the lists (/posts).
// 评选项目与津贴: one page for the province and the cities (/admin/selections).
// 岗位申报 (/me/posts): a worker applies to their employer's open round; 评审打分 (/examiner/reviews): a panel
// member scores the posts' applications and the selections' nominations, each their own (docs/DOMAIN.md §58).
const t = (zh, en) => ({ zh, en });
const incentive = { zh: '使用与激励', en: 'Incentives', icon: 'Trophy' };
const BUREAU = ['province_admin', 'city_admin'];
const INST = ['institution_admin', 'institution_staff'];

export default [
  // 工资价位
  {
    path: '/admin/wages', name: 'admin-wages', component: () => import('./views/WagePublish.vue'),
    meta: { title: t('工资价位发布', 'Pay levels'), roles: BUREAU, menu: true, icon: 'Histogram', group: incentive, order: 600 },
  },
  {
    path: '/inst/wages', name: 'inst-wages', component: () => import('./views/WageSubmit.vue'),
    meta: { title: t('工资填报', 'Pay submission'), roles: INST, menu: true, icon: 'Briefcase', group: incentive, order: 600 },
  },
  {
    path: '/wages', name: 'public-wages', component: () => import('./views/PublicWages.vue'),
    meta: { title: t('工资价位', 'Pay levels'), public: true, layout: 'blank' },
  },
  // 山东惠才卡
  {
    path: '/me/talent-card', name: 'me-talent-card', component: () => import('./views/MyTalentCard.vue'),
    meta: { title: t('我的惠才卡', 'My talent card'), roles: ['candidate'], menu: true, order: 45, layout: 'candidate' },
  },
  {
    path: '/me/honours', name: 'me-honours', component: () => import('./views/MyHonours.vue'),
    meta: { title: t('我的荣誉', 'My honours'), roles: ['candidate'], menu: true, order: 46, layout: 'candidate' },
  },
  {
    path: '/admin/talent-card/providers', name: 'card-providers', component: () => import('./views/CardProviders.vue'),
    meta: { title: t('惠才卡服务单位', 'Card providers'), roles: ['province_admin'], menu: true, icon: 'Key', group: incentive, order: 602 },
  },
  {
    path: '/k/:number', name: 'talent-card-check', component: () => import('./views/CardCheck.vue'),
    meta: { title: t('惠才卡核验', 'Talent card check'), public: true, layout: 'blank' },
  },
  // 贯通
  {
    path: '/me/titles', name: 'me-titles', component: () => import('./views/MyTitles.vue'),
    meta: { title: t('贯通', 'Titles'), roles: ['candidate'], menu: true, order: 39, layout: 'candidate' },
  },
  {
    path: '/admin/titles/applications', name: 'title-review', component: () => import('./views/TitleReview.vue'),
    meta: { title: t('贯通评审', '贯通 review'), roles: BUREAU, menu: true, icon: 'Stamp', group: incentive, order: 601 },
  },
  // 特级技师、首席技师评聘
  {
    path: '/admin/posts', name: 'admin-posts', component: () => import('./views/PostTrials.vue'),
    meta: { title: t('评聘试点', 'Post trials'), roles: BUREAU, menu: true, icon: 'Medal', group: incentive, order: 603 },
  },
  {
    path: '/inst/posts', name: 'inst-posts', component: () => import('./views/InstPosts.vue'),
    meta: { title: t('特级技师评聘', 'Technician posts'), roles: INST, menu: true, icon: 'Medal', group: incentive, order: 601 },
  },
  // 岗位申报 (the worker, 375 px) and 评审打分 (a panel member: the posts' rounds and the selection rounds), §58
  {
    path: '/me/posts', name: 'me-posts', component: () => import('./views/MyPosts.vue'),
    meta: { title: t('岗位申报', 'Post applications'), roles: ['candidate'], menu: true, order: 47, layout: 'candidate' },
  },
  {
    path: '/examiner/reviews', name: 'panel-reviews', component: () => import('./views/PanelReviews.vue'),
    meta: { title: t('评审打分', 'Panel scoring'), roles: ['examiner'], menu: true, icon: 'Medal', group: incentive, order: 605 },
  },
  {
    path: '/posts', name: 'public-posts', component: () => import('./views/PublicPosts.vue'),
    meta: { title: t('特级技师、首席技师名单', 'Technician name lists'), public: true, layout: 'blank' },
  },
  // 评选项目与津贴: the province runs the rounds, quotas, review, 公示, appointments and the allowance batches;
  // a city nominates within its quota
  {
    path: '/admin/selections', name: 'admin-selections', component: () => import('./views/Selections.vue'),
    meta: { title: t('评选与津贴', 'Selections'), roles: BUREAU, menu: true, icon: 'Medal', group: incentive, order: 604 },
  },
];
