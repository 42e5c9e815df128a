// The province / city administration pages (and the audit archive for supervisors). Every page is a lazy
// chunk; ECharts is imported only by the dashboard's chart component.
const ADMINS = ['province_admin', 'city_admin'];
const t = (zh, en) => ({ zh, en });

export default [
  {
    path: '/admin/dashboard', name: 'admin-dashboard', component: () => import('../views/admin/Dashboard.vue'),
    meta: { title: t('统计概览', 'Dashboard'), roles: ADMINS, menu: true, icon: 'DataAnalysis', order: 10 },
  },
  {
    path: '/admin/institutions', name: 'admin-institutions', component: () => import('../views/admin/Institutions.vue'),
    meta: { title: t('评价机构', 'Institutions'), roles: ADMINS, menu: true, icon: 'OfficeBuilding', order: 20 },
  },
  {
    path: '/admin/institutions/:id', name: 'admin-institution', component: () => import('../views/admin/InstitutionDetail.vue'),
    meta: { title: t('机构详情', 'Institution'), roles: ADMINS, menu: false, parent: '/admin/institutions' },
  },
  {
    path: '/admin/persons', name: 'admin-persons', component: () => import('../views/admin/Persons.vue'),
    meta: { title: t('人员信息', 'Persons'), roles: ADMINS, menu: true, icon: 'UserFilled', order: 30 },
  },
  {
    path: '/admin/persons/:id', name: 'admin-person', component: () => import('../views/admin/PersonDetail.vue'),
    meta: { title: t('人员详情与人才档案', 'Person and talent record'), roles: ADMINS, menu: false, parent: '/admin/persons' },
  },
  {
    path: '/admin/plans', name: 'admin-plans', component: () => import('../views/admin/PlanApproval.vue'),
    meta: { title: t('认定计划审核', 'Plan approval'), roles: ADMINS, menu: true, icon: 'Checked', order: 40 },
  },
  {
    path: '/admin/occupations', name: 'admin-occupations', component: () => import('../views/admin/Occupations.vue'),
    meta: { title: t('职业与标准', 'Occupations and standards'), roles: ADMINS, menu: true, icon: 'Collection', order: 50 },
  },
  {
    path: '/admin/users', name: 'admin-users', component: () => import('../views/admin/Users.vue'),
    meta: { title: t('用户管理', 'Users'), roles: ADMINS, menu: true, icon: 'User', order: 60 },
  },
  {
    path: '/admin/audit', name: 'admin-audit', component: () => import('../views/admin/Audit.vue'),
    meta: { title: t('操作日志', 'Audit archive'), roles: [...ADMINS, 'supervisor'], menu: true, icon: 'Memo', order: 70 },
  },
  {
    // the login log: province all, city its region's accounts, an institution administrator its own
    path: '/admin/logins', name: 'admin-logins', component: () => import('../views/admin/Logins.vue'),
    meta: { title: t('登录日志', 'Login log'), roles: [...ADMINS, 'institution_admin'], menu: true, icon: 'Key', order: 185 },
  },
];
