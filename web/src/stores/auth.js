// The signed-in account: token in localStorage, the user from /auth/me, the role's home page.
import { getMe, login, logout } from '@/api/client.js';
import { defineStore } from 'pinia';
import { getToken, setToken } from '../api.js';
import { resetPrefs } from './prefs.js';

// where each role lands after logging in
export const HOME_BY_ROLE = {
  province_admin: '/admin/dashboard',
  city_admin: '/admin/dashboard',
  institution_admin: '/inst/plans',
  institution_staff: '/inst/plans',
  examiner: '/inst/practical',
  supervisor: '/admin/audit',
  candidate: '/me/exams',
  finance: '/finance/tranches',
};

// the name to show for an account: a candidate's own name (the person's), else the display name
export function userName(u) {
  if (!u) return '';
  return (u.role === 'candidate' && u.person_name) || u.display_name || u.username;
}

export const useAuthStore = defineStore('auth', {
  state: () => ({ token: getToken(), user: null }),
  getters: {
    role: (s) => (s.user ? s.user.role : null),
    loggedIn: (s) => !!(s.token && s.user),
    homePath: (s) => (s.user ? HOME_BY_ROLE[s.user.role] || '/profile' : '/login'),
    isCandidate: (s) => !!(s.user && s.user.role === 'candidate'),
    profilePath: (s) => (s.user && s.user.role === 'candidate' ? '/me/profile' : '/profile'),
    name: (s) => userName(s.user),
  },
  actions: {
    // captcha: {captcha_id, captcha} when the login page shows one (after repeated failures)
    async login(username, password, captcha) {
      const r = await login({ username, password, ...(captcha || {}) });
      this.token = r.token;
      setToken(r.token);
      this.user = r.user;
      // the login answer has the account; /auth/me adds the names behind its scope (the person's name)
      try { await this.fetchMe(); } catch { /* the login's account stays */ }
      return this.user;
    },
    async fetchMe() {
      const me = await getMe();
      this.user = me.user || me;
      return this.user;
    },
    async logout() {
      try { if (this.token) await logout(); } catch { /* already gone */ }
      this.clear();
    },
    clear() {
      resetPrefs();
      this.token = '';
      this.user = null;
      setToken('');
    },
  },
});
