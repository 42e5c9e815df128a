// Pages for everyone: the login page, the public certificate verification page (no login), and 个人中心
// for staff roles (the candidate's own is in routes-candidate.js, inside the candidate layout).
const STAFF = ['province_admin', 'city_admin', 'institution_admin', 'institution_staff', 'examiner', 'supervisor'];

export default [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/common/Login.vue'),
    meta: { title: { zh: '登录', en: 'Log in' }, public: true, layout: 'blank' },
  },
  {
    path: '/verify',
    name: 'verify',
    component: () => import('../views/public/Verify.vue'),
    meta: { title: { zh: '证书查验', en: 'Certificate verification' }, public: true, layout: 'blank' },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('../views/common/Profile.vue'),
    meta: { title: { zh: '个人中心', en: 'My account' }, roles: STAFF, menu: true, icon: 'Avatar', order: 1000, layout: 'admin' },
  },
];
