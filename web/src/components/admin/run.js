// run(): calls the API for a form or an action and reports the outcome the same way on every admin page:
// an error that names a field of the form goes under that field (el-form-item :error), any other error
// and the success message appear as a toast. Returns the result, or undefined after an error.
import { applyFieldError, errorText } from '@/api.js';
import { toast } from '@/ep.js';
import { L } from '@/i18n.js';

export async function run(fn, { fields, aliases, success } = {}) {
  if (fields) for (const k of Object.keys(fields)) fields[k] = '';
  try {
    const r = await fn();
    if (success !== false) toast(success || L('操作成功', 'Done'));
    return r ?? true;
  } catch (e) {
    const shown = fields ? applyFieldError(e, fields, aliases) : false;
    toast(shown ? L('请按提示修改表单', 'Correct the form as shown') + '：' + errorText(e) : errorText(e), 'error');
    return undefined;
  }
}
