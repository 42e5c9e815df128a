// The router. Each domain's `domains/<domain>/routes.js` is collected automatically (import.meta.glob), so
// a new domain plugs in without editing this file. Each module default-exports an array of page routes:
//   { path: '/admin/institutions', name: 'admin-institutions', component: () => import('...'),
//     meta: { title: {zh, en}, roles: ['province_admin', ...], menu: true, icon: 'OfficeBuilding',
//             group: {zh, en}, order: 10, layout: 'admin' | 'candidate' | 'blank', public: false,
//             parent: '/admin/persons' } }
// - layout: 'admin' (default) puts the page inside AdminLayout (left menu, breadcrumbs, header);
//   'candidate' inside the phone-friendly CandidateLayout; 'blank' on its own (login, public pages).
// - roles: who may open it (absent: every signed-in user); public: true needs no login.
// - menu: shown in the left menu (admin layout) or the candidate navigation; group: the submenu;
//   order: position; icon: a name from layout/icons.js; parent: the path of the page above it in the
//   breadcrumbs (for detail pages that are not in the menu).
// Every component must be a lazy `() => import()` so that each page is its own chunk.
import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '../stores/auth.js';
import { setUnauthorizedHandler } from '../api.js';

const modules = import.meta.glob('../domains/*/routes.js', { eager: true });
const pages = Object.keys(modules)
  .sort()
  .flatMap((k) => modules[k].default || []);

const byLayout = { admin: [], candidate: [], blank: [] };
for (const r of pages) {
  const layout = (r.meta && r.meta.layout) || 'admin';
  (byLayout[layout] || byLayout.admin).push(r);
}

const routes = [
  { path: '/', name: 'root', component: () => import('../domains/system/views/Redirecting.vue'), meta: { title: { zh: '首页', en: 'Home' } } },
  {
    path: '/_admin',
    name: 'layout-admin',
    component: () => import('../layout/AdminLayout.vue'),
    redirect: '/',
    children: byLayout.admin,
  },
  {
    path: '/_me',
    name: 'layout-candidate',
    component: () => import('../layout/CandidateLayout.vue'),
    redirect: '/',
    children: byLayout.candidate,
  },
  ...byLayout.blank,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../domains/system/views/NotFound.vue'),
    meta: { title: { zh: '页面不存在', en: 'Page not found' }, public: true },
  },
];

const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (to, from, saved) => saved || { top: 0 },
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (auth.token && !auth.user) {
    try {
      await auth.fetchMe();
    } catch (e) {
      if (!e || e.status !== 0) auth.clear(); // the session is gone; a network failure keeps it
      else if (to.meta.offlineOk) return true; // the exam page copes with the network itself
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.user) return auth.homePath;
    return true;
  }
  if (!auth.user) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (to.name === 'root') return auth.homePath;
  const roles = to.meta.roles;
  if (roles && !roles.includes(auth.user.role)) return { path: auth.homePath, query: { denied: '1' } };
  return true;
});

// a 401 on a signed-in call: the session ended elsewhere (password change, expiry); back to the login page
setUnauthorizedHandler(() => {
  const auth = useAuthStore();
  auth.clear();
  const cur = router.currentRoute.value;
  if (!cur.meta.public) router.replace({ path: '/login', query: { redirect: cur.fullPath, expired: '1' } });
});

// the page routes of one layout for building menus (filtered by role)
export function menuRoutes(layout, role) {
  return (byLayout[layout] || [])
    .filter((r) => r.meta && r.meta.menu && (!r.meta.roles || r.meta.roles.includes(role)))
    .sort((a, b) => (a.meta.order ?? 100) - (b.meta.order ?? 100));
}

export default router;
