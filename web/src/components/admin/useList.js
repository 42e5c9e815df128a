// useList(): the state of a paged API list ({items,total}) with filters, for the admin tables.
//   const list = useList('/api/v1/institutions', { status: '', name: '' });
//   list.rows, list.total, list.page, list.pageSize, list.loading, list.filters, list.load(), list.search(),
//   list.reset(), list.exportFile('xlsx')   (the same rows as a file, via ?format=xlsx)
// path may be a function (for lists under a changing parent).
import { ref, reactive } from 'vue';
import { api, download, errorText, qs } from '@/api.js';
import { toast } from '@/ep.js';
import { L } from '@/i18n.js';

export function useList(path, initial = {}, { pageSize = 20, fixed = () => ({}) } = {}) {
  const rows = ref([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref('');
  const filters = reactive({ ...initial });
  const url = () => (typeof path === 'function' ? path() : path);
  const query = () => ({ ...fixed(), ...filters });

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      const r = await api.get(url(), { ...query(), page: page.value, page_size: size.value });
      rows.value = r.items || [];
      total.value = r.total ?? rows.value.length;
    } catch (e) {
      error.value = errorText(e);
      rows.value = [];
      total.value = 0;
    } finally {
      loading.value = false;
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
      await download(url() + qs({ ...query(), format }));
      toast(L('已导出', 'Exported'));
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }
  return { rows, total, page, pageSize: size, loading, error, filters, load, search, reset, exportFile };
}
