// registry: institutions (备案, scopes, status), persons and their talent record, occupations and standards.
const ADMINS = ['province_admin', 'city_admin'];
const t = (zh, en) => ({ zh, en });

export default [
  {
    path: '/admin/institutions', name: 'admin-institutions', component: () => import('./views/Institutions.vue'),
    meta: { title: t('评价机构', 'Institutions'), roles: ADMINS, menu: true, icon: 'OfficeBuilding', order: 20 },
  },
  {
    path: '/admin/institutions/:id', name: 'admin-institution', component: () => import('./views/InstitutionDetail.vue'),
    meta: { title: t('机构详情', 'Institution'), roles: ADMINS, menu: false, parent: '/admin/institutions' },
  },
  {
    path: '/admin/persons', name: 'admin-persons', component: () => import('./views/Persons.vue'),
    meta: { title: t('人员信息', 'Persons'), roles: ADMINS, menu: true, icon: 'UserFilled', order: 30 },
  },
  {
    path: '/admin/persons/:id', name: 'admin-person', component: () => import('./views/PersonDetail.vue'),
    meta: { title: t('人员详情与人才档案', 'Person and talent record'), roles: ADMINS, menu: false, parent: '/admin/persons' },
  },
  {
    path: '/admin/occupations', name: 'admin-occupations', component: () => import('./views/Occupations.vue'),
    meta: { title: t('职业与标准', 'Occupations and standards'), roles: ADMINS, menu: true, icon: 'Collection', order: 50 },
  },
];
