// An expert's independent scores (平台载体评审 §56, 专项考核规范评审 §66): the list of what the expert may score,
// one score 0..100 with an optional comment each, submitted once, then the list read again. `fetchList` returns
// the items; `submit(id, body)` posts one score; `onRefused(item, e)` may take an error the page shows on the
// item itself (e.g. 回避) and return true, else the error goes to the page's alert.
import { ref, reactive, onMounted } from 'vue';
import { L } from '@/i18n.js';
import { toast } from '@/ep.js';

export function useExpertScoring(fetchList, submit, onRefused = () => false) {
  const items = ref([]);
  const error = ref(null);
  const loading = ref(true);
  const busy = ref(0);
  const scores = reactive({});
  const comments = reactive({});

  async function load() {
    try {
      items.value = await fetchList();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  async function score(item) {
    const s = scores[item.id];
    if (s === undefined || s === null) {
      error.value = new Error(L('请先打分', 'Give a score first'));
      return;
    }
    busy.value = item.id;
    error.value = null;
    try {
      const comment = (comments[item.id] || '').trim();
      await submit(item.id, comment ? { score: s, comment } : { score: s });
      toast(L('评分已提交', 'Score submitted'));
      await load();
    } catch (e) {
      if (!onRefused(item, e)) error.value = e;
    } finally {
      busy.value = 0;
    }
  }
  onMounted(load);
  return { items, error, loading, busy, scores, comments, load, score };
}
