// stats: the administrators' dashboard (统计概览), the chain's dashboard with the 16-city map (统计看板), its drill-down (统计钻取), and 开放数据 (the province publishes,
// everyone reads at /open-data). ECharts is imported only by its chart component.
export default [
  {
    path: '/admin/dashboard', name: 'admin-dashboard', component: () => import('./views/Dashboard.vue'),
    meta: { title: { zh: '统计概览', en: 'Dashboard' }, roles: ['province_admin', 'city_admin'], menu: true, icon: 'DataAnalysis', order: 10 },
  },
  {
    path: '/admin/stats/board', name: 'admin-stats-board', component: () => import('./views/Board.vue'),
    meta: { title: { zh: '统计看板', en: 'Chain dashboard' }, roles: ['province_admin', 'city_admin', 'supervisor', 'institution_admin', 'institution_staff'], menu: true, icon: 'DataBoard', order: 10 },
  },
  {
    path: '/admin/stats/drill', name: 'admin-stats-drill', component: () => import('./views/Drill.vue'),
    meta: { title: { zh: '统计钻取', en: 'Drill-down' }, roles: ['province_admin', 'city_admin', 'supervisor', 'institution_admin', 'institution_staff'], menu: true, icon: 'DataLine', order: 11 },
  },
  {
    path: '/admin/stats/reports', name: 'admin-stat-reports', component: () => import('./views/Reports.vue'),
    meta: { title: { zh: '统计报表', en: 'Reports' }, roles: ['province_admin', 'city_admin'], menu: true, icon: 'Tickets', order: 12 },
  },
  {
    path: '/admin/stats/open-data', name: 'admin-open-data', component: () => import('./views/OpenDataPublish.vue'),
    meta: { title: { zh: '开放数据发布', en: 'Open data' }, roles: ['province_admin'], menu: true, icon: 'Files', order: 13 },
  },
  {
    path: '/admin/stats/shortage', name: 'admin-stats-shortage', component: () => import('./views/Shortage.vue'),
    meta: { title: { zh: '急需紧缺预警', en: 'Shortage warning' }, roles: ['province_admin', 'city_admin'], menu: true, icon: 'Warning', order: 14 },
  },
  {
    path: '/admin/stats/targets', name: 'admin-stats-targets', component: () => import('./views/Targets.vue'),
    meta: { title: { zh: '目标任务', en: 'Targets' }, roles: ['province_admin', 'city_admin', 'supervisor'], menu: true, icon: 'Flag', order: 15 },
  },
  {
    path: '/open-data', name: 'open-data', component: () => import('./views/OpenData.vue'),
    meta: { title: { zh: '开放数据', en: 'Open data' }, public: true, layout: 'blank' },
  },
];
