// stats: the administrators' dashboard (统计概览) and its drill-down (统计钻取). ECharts is imported only by its chart component.
export default [
  {
    path: '/admin/dashboard', name: 'admin-dashboard', component: () => import('./views/Dashboard.vue'),
    meta: { title: { zh: '统计概览', en: 'Dashboard' }, roles: ['province_admin', 'city_admin'], menu: true, icon: 'DataAnalysis', order: 10 },
  },
  {
    path: '/admin/stats/drill', name: 'admin-stats-drill', component: () => import('./views/Drill.vue'),
    meta: { title: { zh: '统计钻取', en: 'Drill-down' }, roles: ['province_admin', 'city_admin', 'supervisor', 'institution_admin', 'institution_staff'], menu: true, icon: 'DataLine', order: 11 },
  },
];
