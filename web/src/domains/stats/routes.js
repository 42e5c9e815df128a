// stats: the administrators' dashboard (统计概览). ECharts is imported only by its chart component.
export default [
  {
    path: '/admin/dashboard', name: 'admin-dashboard', component: () => import('./views/Dashboard.vue'),
    meta: { title: { zh: '统计概览', en: 'Dashboard' }, roles: ['province_admin', 'city_admin'], menu: true, icon: 'DataAnalysis', order: 10 },
  },
];
