// Element Plus helpers for the pages that use it (never loaded by the public verification page):
// the Element Plus locale following the UI language, and the message helpers with their styles.
import { computed } from 'vue';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import en from 'element-plus/es/locale/lang/en.mjs';
import { ElMessage } from 'element-plus/es/components/message/index.mjs';
import { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { locale, t } from './i18n.js';

export const epLocale = computed(() => (locale.value === 'en' ? en : zhCn));

export function toast(message, type = 'success') {
  return ElMessage({ message, type, showClose: true, grouping: true });
}

// resolves true when the user confirms, false otherwise
export async function confirmDialog(message, { title, type = 'warning', confirmText, danger = true } = {}) {
  try {
    await ElMessageBox.confirm(message, title || t('common.confirmTitle'), {
      type,
      confirmButtonText: confirmText || t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: danger ? 'el-button--danger' : undefined,
      autofocus: false,
    });
    return true;
  } catch {
    return false;
  }
}
