// useMyInstitution(): the signed-in institution account's own institution (with its filed scope).
import { ref } from 'vue';
import { getInstitution } from '@/api/client.js';
import { useAuthStore } from '@/stores/auth.js';

export function useMyInstitution() {
  const auth = useAuthStore();
  const inst = ref(null);
  const ready = (async () => {
    const id = auth.user && auth.user.institution_id;
    if (id) inst.value = await getInstitution(id);
    return inst.value;
  })();
  return { inst, ready };
}
