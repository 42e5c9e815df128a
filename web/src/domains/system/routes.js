// system: the audit archive (操作日志, with the chain's verification). The shell pages of this folder
// (views/Redirecting.vue for '/', views/NotFound.vue for any other path) are routed by router/index.js itself.
export default [
  {
    path: '/admin/audit', name: 'admin-audit', component: () => import('./views/Audit.vue'),
    meta: { title: { zh: '操作日志', en: 'Audit archive' }, roles: ['province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'Memo', order: 70 },
  },
];
