// The signed-in account's web UI preferences, kept by the server (getPreferences / putPreferences, a JSON object
// of at most 16 KB) so that they follow the user to another browser. Today: the columns each list page hides,
// { columns: { '<list key>': ['<column key>', ...] } }, read and changed by components/ListPage.vue.
// Loaded once per account; a change is saved after a short pause (one PUT for several quick toggles).
import { reactive } from 'vue';
import { getPreferences, putPreferences } from '@/api/client.js';

const state = reactive({ user: null, data: {}, loaded: false });
let loading = null;
let timer = null;

// loads the preferences of account `userId` (once; again after another account signs in)
export function loadPrefs(userId) {
  if (!userId) return Promise.resolve(state.data);
  if (state.user === userId && loading) return loading;
  state.user = userId;
  state.data = {};
  state.loaded = false;
  loading = getPreferences()
    .then((d) => { if (state.user === userId) state.data = d && typeof d === 'object' ? d : {}; })
    .catch(() => {}) // no preferences is no reason to fail a page
    .finally(() => { if (state.user === userId) state.loaded = true; });
  return loading;
}

export function hiddenColumns(key) {
  const c = state.data.columns;
  return (c && Array.isArray(c[key]) && c[key]) || [];
}

export function setHiddenColumns(key, hidden) {
  const columns = { ...(state.data.columns || {}) };
  if (hidden.length) columns[key] = [...hidden];
  else delete columns[key];
  state.data = { ...state.data, columns };
  clearTimeout(timer);
  timer = setTimeout(() => { timer = null; putPreferences(state.data).catch(() => {}); }, 400);
}

// the pending save now (tests, and before the page goes away)
export function flushPrefs() {
  if (!timer) return Promise.resolve();
  clearTimeout(timer);
  timer = null;
  return putPreferences(state.data).catch(() => {});
}

export function resetPrefs() {
  clearTimeout(timer);
  timer = null;
  state.user = null;
  state.data = {};
  state.loaded = false;
  loading = null;
}
