// fetch wrapper for the jineng API. Pages do not call it with paths: they call the client generated from
// docs/openapi.yaml (api/client.js, one function per operation), which calls request() and postFile() here.
//   request(method, path, {body, query, signal, keepalive}) for JSON, postFile() for an uploaded file.
// Sends `Authorization: Bearer <token>` and `Accept-Language`, JSON in and out. An error body
// {"error":{"code","message","message_zh","message_en","field"}} becomes a thrown ApiError with those
// fields; a failed connection becomes ApiError code 'network' (status 0).
import { locale } from './i18n.js';

const TOKEN_KEY = 'jineng.token';
let onUnauthorized = null;

export function getToken() {
  try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}
export function setToken(tok) {
  try {
    if (tok) localStorage.setItem(TOKEN_KEY, tok);
    else localStorage.removeItem(TOKEN_KEY);
  } catch { /* private mode */ }
}
// called with the ApiError when the server says the session is gone (401 on an authenticated call)
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export class ApiError extends Error {
  constructor(status, err = {}) {
    const zh = err.message_zh || err.message || '请求失败';
    const en = err.message_en || err.message || 'The request failed';
    super(locale.value === 'en' ? en : zh);
    this.name = 'ApiError';
    this.status = status;
    this.code = err.code || 'error';
    this.message_zh = zh;
    this.message_en = en;
    this.field = err.field || null;
    this.requestId = err.request_id || null;
  }
  // the message in the current UI language (the language may have changed since the error)
  get text() { return locale.value === 'en' ? this.message_en : this.message_zh; }
}

export function networkError() {
  return new ApiError(0, {
    code: 'network',
    message_zh: '网络连接失败，请检查网络后重试',
    message_en: 'The network is unreachable; check the connection and retry',
  });
}

export function qs(query) {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

function headers(extra) {
  const h = { Accept: 'application/json', 'Accept-Language': locale.value === 'en' ? 'en' : 'zh-CN', ...extra };
  const tok = getToken();
  if (tok) h.Authorization = `Bearer ${tok}`;
  return h;
}

async function errorOf(res) {
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  const err = new ApiError(res.status, (body && body.error) || { message_zh: `请求失败（${res.status}）`, message_en: `The request failed (${res.status})` });
  if (res.status === 401 && getToken() && onUnauthorized && err.code !== 'bad_credentials') onUnauthorized(err);
  return err;
}

export async function request(method, path, { body, query, signal, keepalive, headers: extra } = {}) {
  const init = { method, headers: headers(extra), signal, keepalive };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path + qs(query), init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) throw await errorOf(res);
  const ct = res.headers.get('content-type') || '';
  if (ct.includes('json')) return res.json();
  return res.text();
}

// Sends a file as the request body (an import: Content-Type text/csv, or the XLSX type for a .xlsx file)
// with XMLHttpRequest, so that the upload reports its progress: onProgress(fraction 0..1). Resolves
// {report} on success; an error reply that still carries a report (422 rows_rejected with all_or_nothing)
// resolves {report, error}; any other error is thrown as an ApiError. Used by the generated client
// (api/client.js) for operations whose request body is a file; components/ImportDialog.vue shows the
// progress and the report.
export function postFile(method, path, file, { query, type, signal, onProgress } = {}) {
  // an XLSX workbook says so whatever the operation's first type (the server reads either, by their bytes)
  if (file && /\.xlsx$/i.test(file.name || '')) type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  else if (!type) type = 'text/csv';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path + qs(query));
    for (const [k, v] of Object.entries(headers({ 'Content-Type': type }))) xhr.setRequestHeader(k, v);
    if (onProgress) xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total) onProgress(e.loaded / e.total); };
    if (signal) signal.addEventListener('abort', () => xhr.abort());
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onProgress) onProgress(1);
        resolve({ report: body });
        return;
      }
      const err = new ApiError(xhr.status, (body && body.error) || { message_zh: `请求失败（${xhr.status}）`, message_en: `The request failed (${xhr.status})` });
      if (xhr.status === 401 && getToken() && onUnauthorized) onUnauthorized(err);
      if (body && typeof body.rows === 'number') resolve({ report: body, error: err });
      else reject(err);
    };
    xhr.send(file);
  });
}

// Fetches a file (an inspection's photo or PDF) with the token and returns it as a Blob, for a thumbnail or
// to open it (URL.createObjectURL): such files are never public URLs.
export async function fetchBlob(path) {
  let res;
  try {
    res = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await errorOf(res);
  return res.blob();
}

// Downloads a file (PDF, XLSX, CSV) with the token and saves it under the server's name or `filename`.
export async function download(path, filename) {
  let res;
  try {
    res = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await errorOf(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') || '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) || /filename="?([^";]+)"?/i.exec(cd);
  const name = filename || (m ? decodeURIComponent(m[1]) : path.split('/').pop().split('?')[0]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return { name, size: blob.size, type: blob.type };
}

// Maps an ApiError with a `field` onto a reactive {field: message} object used by el-form-item :error.
// Returns true when the error named a field that the form has (so the caller need not show it again).
export function applyFieldError(err, fieldErrors, aliases = {}) {
  for (const k of Object.keys(fieldErrors)) fieldErrors[k] = '';
  if (!(err instanceof ApiError) || !err.field) return false;
  const f = aliases[err.field] || err.field;
  if (!(f in fieldErrors)) return false;
  fieldErrors[f] = err.text;
  return true;
}

// the message of any thrown value, in the current language
export function errorText(e) {
  if (e instanceof ApiError) return e.text;
  return (e && e.message) || String(e);
}
