// auth: the login page, 个人中心 (staff in the admin layout, the candidate in its own), user accounts (the
// administrators' 用户管理 and an institution's 本机构用户) and the login log.
const ADMINS = ['province_admin', 'city_admin'];
const STAFF = ['province_admin', 'city_admin', 'institution_admin', 'institution_staff', 'examiner', 'supervisor'];
const t = (zh, en) => ({ zh, en });

export default [
  {
    path: '/login', name: 'login', component: () => import('./views/Login.vue'),
    meta: { title: t('登录', 'Log in'), public: true, layout: 'blank' },
  },
  {
    path: '/profile', name: 'profile', component: () => import('./views/Profile.vue'),
    meta: { title: t('个人中心', 'My account'), roles: STAFF, menu: true, icon: 'Avatar', order: 1000, layout: 'admin' },
  },
  {
    path: '/me/profile', name: 'me-profile', component: () => import('./views/Profile.vue'),
    meta: { title: t('个人中心', 'Account'), roles: ['candidate'], menu: true, order: 50, layout: 'candidate' },
  },
  {
    path: '/admin/users', name: 'admin-users', component: () => import('./views/Users.vue'),
    meta: { title: t('用户管理', 'Users'), roles: ADMINS, menu: true, icon: 'User', order: 60 },
  },
  {
    path: '/inst/users', name: 'inst-users', component: () => import('./views/Users.vue'),
    meta: { title: t('本机构用户', 'Our users'), roles: ['institution_admin'], menu: true, icon: 'User', order: 180 },
  },
  {
    // the login log: province all, city its region's accounts, an institution administrator its own
    path: '/admin/logins', name: 'admin-logins', component: () => import('./views/Logins.vue'),
    meta: { title: t('登录日志', 'Login log'), roles: [...ADMINS, 'institution_admin'], menu: true, icon: 'Key', order: 185 },
  },
];
