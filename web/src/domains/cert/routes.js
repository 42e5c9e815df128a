// cert: issuing and managing certificates (the institution; the province administrator too) and the
// candidate's own certificates.
const INST = ['institution_admin', 'institution_staff'];
const t = (zh, en) => ({ zh, en });

export default [
  {
    path: '/inst/certificates', name: 'inst-certificates', component: () => import('./views/Certificates.vue'),
    meta: { title: t('证书发放', 'Certificates'), roles: [...INST, 'province_admin'], menu: true, icon: 'Medal', order: 170 },
  },
  {
    path: '/me/certificates', name: 'me-certificates', component: () => import('./views/MyCertificates.vue'),
    meta: { title: t('我的证书', 'Certificates'), roles: ['candidate'], menu: true, order: 40, layout: 'candidate' },
  },
];
