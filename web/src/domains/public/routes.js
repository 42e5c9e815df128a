// public: the certificate verification page (证书查验), open to everyone without a login.
export default [
  {
    path: '/verify', name: 'verify', component: () => import('./views/Verify.vue'),
    meta: { title: { zh: '证书查验', en: 'Certificate verification' }, public: true, layout: 'blank' },
  },
];
