// Files chosen on the inspection page that are not uploaded yet (offline, or the upload failed): kept in
// IndexedDB (database jineng-inspect, store files) so a reload or a closed tab loses none; each is
// {key, inspection_id, item_id, name, type, blob}. Without IndexedDB (a private window that refuses it) they
// are kept in memory for the life of the page.
const DB = 'jineng-inspect';
const STORE = 'files';
let memory = [];
let memKey = 1e9; // above IndexedDB's keys

function open() {
  return new Promise((resolve) => {
    let req;
    try { req = indexedDB.open(DB, 1); } catch { resolve(null); return; }
    req.onupgradeneeded = () => { req.result.createObjectStore(STORE, { keyPath: 'key', autoIncrement: true }); };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
}

function run(db, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const out = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(out && 'result' in out ? out.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

export async function pendingFiles(inspectionId) {
  const db = await open();
  if (!db) return memory.filter((f) => f.inspection_id === inspectionId);
  const all = await run(db, 'readonly', (s) => s.getAll());
  db.close();
  return [...(all || []).sort((a, b) => a.key - b.key), ...memory].filter((f) => f.inspection_id === inspectionId);
}

export async function addPendingFile(f) {
  const db = await open();
  if (!db) { memory.push({ ...f, key: ++memKey }); return; }
  try {
    await run(db, 'readwrite', (s) => s.add({ ...f }));
  } catch {
    memory.push({ ...f, key: ++memKey }); // quota: keep it for this page at least
  } finally {
    db.close();
  }
}

export async function removePendingFile(key) {
  memory = memory.filter((f) => f.key !== key);
  const db = await open();
  if (!db) return;
  try { await run(db, 'readwrite', (s) => s.delete(key)); } catch { /* gone already */ } finally { db.close(); }
}
