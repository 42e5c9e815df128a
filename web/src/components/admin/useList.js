// useList(): the state of a paged API list ({items,total}) with filters, shown by components/ListPage.vue.
//   import { listInstitutions } from '@/api/client.js';
//   const list = useList(listInstitutions, { status: '', name: '' });
//   const regs = useList(listPlanRegistrations, {}, { args: () => [planId] });   // a list under a parent
//   list.rows, list.total, list.page, list.pageSize, list.loading, list.error, list.filters, list.load(),
//   list.search(), list.reset(), list.exportFile('xlsx')   (the same rows as a file, via ?format=xlsx)
// `op` is a function of the generated client (api/client.js); `args` gives its path parameters, `fixed`
// query parameters that are not filters of the form.
import { ref, reactive } from 'vue';
import { download, errorText } from '@/api.js';
import { toast } from '@/ep.js';
import { L } from '@/i18n.js';

export function useList(op, initial = {}, { pageSize = 20, fixed = () => ({}), args = () => [] } = {}) {
  if (typeof op !== 'function' || typeof op.url !== 'function') throw new TypeError('useList: pass an operation of api/client.js');
  const rows = ref([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref('');
  const filters = reactive({ ...initial });
  const query = () => ({ ...fixed(), ...filters });
  let ticket = 0;

  async function load() {
    const my = ++ticket;
    loading.value = true;
    error.value = '';
    try {
      const r = await op(...args(), { ...query(), page: page.value, page_size: size.value });
      if (my !== ticket) return;
      rows.value = r.items || [];
      total.value = r.total ?? rows.value.length;
    } catch (e) {
      if (my !== ticket) return;
      error.value = errorText(e);
      rows.value = [];
      total.value = 0;
    } finally {
      if (my === ticket) loading.value = false;
    }
  }
  function search() {
    page.value = 1;
    return load();
  }
  function reset() {
    Object.assign(filters, initial);
    return search();
  }
  async function exportFile(format = 'xlsx') {
    try {
      await download(op.url(...args(), { ...query(), format }));
      toast(L('已导出', 'Exported'));
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }
  return { rows, total, page, pageSize: size, loading, error, filters, load, search, reset, exportFile };
}
