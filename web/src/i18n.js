// A small own i18n module: zh-CN by default, English on request (remembered in localStorage).
//   t('key', {n: 3})      looks up the shared dictionary below ('{n}' placeholders are filled in)
//   L('中文', 'English')   picks one of two inline texts (for page-specific wording)
//   tt({zh, en})          picks from a {zh, en} object (route meta titles, API messages)
//   extend({key: ['中文', 'English']})  adds entries (other page modules may register their own)
// Element Plus takes its own locale from epLocale (layouts wrap pages in <el-config-provider>).
import { ref, computed } from 'vue';

const KEY = 'jineng.locale';
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
export const locale = ref(stored === 'en' ? 'en' : 'zh');

export function setLocale(l) {
  locale.value = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(KEY, locale.value); } catch { /* private mode */ }
}
export function toggleLocale() { setLocale(locale.value === 'en' ? 'zh' : 'en'); }
export const isEn = computed(() => locale.value === 'en');

const dict = {
  'app.title': ['技能人才评价服务平台', 'Skilled Talent Evaluation Platform'],
  'app.short': ['技能人才评价', 'Skills Evaluation'],
  'app.candidate': ['考生服务', 'Candidate services'],
  'lang.switch': ['English', '中文'],
  'lang.name': ['中文', 'English'],
  'common.ok': ['确定', 'OK'],
  'common.cancel': ['取消', 'Cancel'],
  'common.confirm': ['确认', 'Confirm'],
  'common.search': ['查询', 'Search'],
  'common.reset': ['重置', 'Reset'],
  'common.export': ['导出 Excel', 'Export Excel'],
  'common.refresh': ['刷新', 'Refresh'],
  'common.loading': ['加载中…', 'Loading…'],
  'common.empty': ['暂无数据', 'No data'],
  'common.total': ['共 {n} 条', '{n} in all'],
  'common.back': ['返回', 'Back'],
  'common.save': ['保存', 'Save'],
  'common.submit': ['提交', 'Submit'],
  'common.actions': ['操作', 'Actions'],
  'common.detail': ['详情', 'Details'],
  'common.keyword': ['请输入关键词', 'Keyword'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.home': ['首页', 'Home'],
  'common.notFound': ['页面不存在', 'Page not found'],
  'common.notFoundHint': ['您访问的页面不存在或已被移除。', 'The page you asked for does not exist.'],
  'common.forbidden': ['您没有访问该页面的权限。', 'You may not open that page.'],
  'common.network': ['网络连接失败，请检查网络后重试', 'The network is unreachable; check the connection and retry'],
  'common.confirmTitle': ['操作确认', 'Please confirm'],
  'common.done': ['操作成功', 'Done'],
  'auth.login': ['登录', 'Log in'],
  'auth.logout': ['退出登录', 'Log out'],
  'auth.username': ['用户名', 'User name'],
  'auth.password': ['密码', 'Password'],
  'auth.usernameRequired': ['请输入用户名', 'Enter your user name'],
  'auth.passwordRequired': ['请输入密码', 'Enter your password'],
  'auth.welcome': ['欢迎登录', 'Welcome'],
  'auth.loggedOut': ['您已安全退出', 'You have logged out'],
  'auth.sessionExpired': ['登录已失效，请重新登录', 'Your session has ended; please log in again'],
  'auth.verifyLink': ['证书查验（无需登录）', 'Verify a certificate (no login)'],
  'profile.title': ['个人中心', 'My account'],
  'profile.info': ['账号信息', 'Account'],
  'profile.displayName': ['姓名', 'Name'],
  'profile.role': ['角色', 'Role'],
  'profile.scope': ['数据范围', 'Data scope'],
  'profile.changePassword': ['修改密码', 'Change password'],
  'profile.oldPassword': ['原密码', 'Current password'],
  'profile.newPassword': ['新密码', 'New password'],
  'profile.newPassword2': ['确认新密码', 'Repeat the new password'],
  'profile.passwordRule': ['至少 10 个字符，不能是常见或简单的密码', 'At least 10 characters, not a common or simple password'],
  'profile.mismatch': ['两次输入的新密码不一致', 'The two new passwords differ'],
  'profile.changed': ['密码已修改，其他设备上的登录已失效', 'Password changed; your other sessions have ended'],
  'role.province_admin': ['省级管理员', 'Province administrator'],
  'role.city_admin': ['市级管理员', 'City administrator'],
  'role.institution_admin': ['机构管理员', 'Institution administrator'],
  'role.institution_staff': ['机构工作人员', 'Institution staff'],
  'role.examiner': ['考评员', 'Examiner'],
  'role.supervisor': ['督导员', 'Supervisor'],
  'role.candidate': ['考生', 'Candidate'],
  'level.1': ['一级/高级技师', 'Level 1 / Senior technician'],
  'level.2': ['二级/技师', 'Level 2 / Technician'],
  'level.3': ['三级/高级工', 'Level 3 / Senior worker'],
  'level.4': ['四级/中级工', 'Level 4 / Intermediate worker'],
  'level.5': ['五级/初级工', 'Level 5 / Junior worker'],
  'level.special': ['专项职业能力', 'Special vocational ability'],
  'level.0': ['专项职业能力', 'Special vocational ability'],
  'table.page': ['第 {p} 页', 'page {p}'],
  'error.title': ['出错了', 'Something went wrong'],
};

export function extend(entries) { Object.assign(dict, entries); }

export function t(key, params) {
  const e = dict[key];
  let s = e ? e[locale.value === 'en' ? 1 : 0] : key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}
export function L(zh, en) { return locale.value === 'en' ? en : zh; }
export function tt(obj) {
  if (obj == null) return '';
  if (typeof obj === 'string') return obj;
  return (locale.value === 'en' ? obj.en : obj.zh) ?? obj.zh ?? obj.en ?? '';
}
export function levelName(level) { return t(`level.${level}`); }
export function roleName(role) { return t(`role.${role}`); }
