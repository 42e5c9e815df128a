// The candidate's pages (考生服务), inside the phone-friendly CandidateLayout; the exam page stands alone.
const C = ['candidate'];
const m = (zh, en) => ({ zh, en });

export default [
  {
    path: '/me/exams', name: 'me-exams', component: () => import('../views/candidate/MyExams.vue'),
    meta: { title: m('我的考试', 'My exams'), roles: C, menu: true, order: 10, layout: 'candidate' },
  },
  {
    path: '/me/apply', name: 'me-apply', component: () => import('../views/candidate/Apply.vue'),
    meta: { title: m('报名', 'Apply'), roles: C, menu: true, order: 20, layout: 'candidate' },
  },
  {
    path: '/me/results', name: 'me-results', component: () => import('../views/candidate/MyResults.vue'),
    meta: { title: m('我的成绩', 'My results'), roles: C, menu: true, order: 30, layout: 'candidate' },
  },
  {
    path: '/me/certificates', name: 'me-certificates', component: () => import('../views/candidate/MyCertificates.vue'),
    meta: { title: m('我的证书', 'Certificates'), roles: C, menu: true, order: 40, layout: 'candidate' },
  },
  {
    path: '/me/profile', name: 'me-profile', component: () => import('../views/common/Profile.vue'),
    meta: { title: m('个人中心', 'Account'), roles: C, menu: true, order: 50, layout: 'candidate' },
  },
  {
    path: '/me/exams/:id(\\d+)', name: 'me-exam', component: () => import('../views/candidate/ExamPage.vue'),
    meta: { title: m('在线考试', 'Exam'), roles: C, menu: false, layout: 'blank', offlineOk: true },
  },
];
