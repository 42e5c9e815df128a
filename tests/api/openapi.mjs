// docs/openapi.yaml as a checker of live replies: every reply that tests/api/lib.mjs receives from /api/v1 is
// matched to its operation and must be one the description declares (the status, the media type) and, for
// JSON, valid against the declared schema (ajv), with no field the schema does not name. A reply of no
// operation (an unknown path: 404, a method the path does not have: 405) must be the shared Error. seen()
// tells which (operation, status) pairs the process has checked, for 06-openapi-live.test.mjs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Parsing the 400 kB description takes about a second of CPU, and every test file is its own process (two
// API passes and the browser tests: some 210 parses a make test). The parsed description and its closed copy
// (below; 0.07 s more a process) are kept as JSON in the temp directory under the hash of the text and of this
// file, so a changed description or checker is read afresh; written to a private name and renamed, so
// concurrent processes never read half a file.
function loadSpec() {
  const text = fs.readFileSync(`${root}/docs/openapi.yaml`, 'utf8');
  const self = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const hash = crypto.createHash('sha256').update(text).update(self).digest('hex').slice(0, 24);
  const cache = path.join(os.tmpdir(), `jineng-openapi-${hash}.json`);
  try {
    return JSON.parse(fs.readFileSync(cache, 'utf8'));
  } catch {
    const spec = YAML.parse(text);
    const both = { spec, closed: closed(spec) };
    const tmp = `${cache}.${process.pid}`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(both));
      fs.renameSync(tmp, cache);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
    return both;
  }
}
const LOADED = loadSpec();
export const SPEC = LOADED.spec;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// a JSON pointer (as a URI fragment) from its segments
const ptr = (...parts) => parts.map((p) => `/${encodeURIComponent(String(p).replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');

// The replies are checked against a closed copy: every object schema that names its properties admits no
// other (an allOf of objects is merged first, so that each part's properties count for the whole). A reply
// with a field the description does not name fails, so the description stays complete for the clients
// generated from it; the published description itself stays open to additions.
function closed(spec) {
  const s = structuredClone(spec);
  const named = (x) => (x.$ref?.startsWith('#/components/schemas/') ? s.components.schemas[x.$ref.split('/').pop()] : x);
  const merge = (parts) => {
    const out = { type: 'object', properties: {}, required: [] };
    for (const p of parts.map(named)) {
      const m = p.allOf ? merge(p.allOf) : p;
      Object.assign(out.properties, m.properties || {});
      out.required.push(...(m.required || []));
    }
    return out;
  };
  const walk = (x) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    if (x.allOf && x.allOf.map(named).every((p) => p.type === 'object' || p.allOf)) {
      const m = merge(x.allOf);
      delete x.allOf;
      Object.assign(x, m);
    }
    if (x.properties && x.additionalProperties === undefined) x.additionalProperties = false;
    for (const v of Object.values(x)) walk(v);
  };
  walk(s.components);
  walk(s.paths);
  return s;
}

// strict: false because OpenAPI 3.0 schemas carry keywords ajv does not know (example); nullable is ajv's own.
// validateSchema: false: the description is checked once per run by scripts/check-openapi.sh (the OpenAPI 3
// schema and redocly lint), not again in each test process.
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat('binary', true);
ajv.addSchema(LOADED.closed, 'openapi');

export const OPERATIONS = [];
for (const [p, item] of Object.entries(SPEC.paths)) {
  const re = new RegExp(`^${p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  for (const m of METHODS) if (item[m]) OPERATIONS.push({ method: m.toUpperCase(), path: p, re, op: item[m] });
}
const validators = new Map();
function validator(ref) {
  let v = validators.get(ref);
  if (!v) { v = ajv.compile({ $ref: `openapi#${ref}` }); validators.set(ref, v); }
  return v;
}
const errorRef = '/components/schemas/Error';

// the operation of METHOD and an /api/v1 path (the query string is ignored); null when there is none
export function operationOf(method, url) {
  const p = new URL(url, 'http://x').pathname.replace(/^\/api\/v1(?=\/)/, '');
  return OPERATIONS.find((o) => o.method === method && o.re.test(p)) || null;
}

const seenPairs = new Map(); // operationId -> Set of statuses checked
export function seen() { return seenPairs; }

// the problems of one reply (an empty list when it is as declared)
export function checkReply(method, url, { status, headers, data }) {
  const pathname = new URL(url, 'http://x').pathname;
  if (!pathname.startsWith('/api/') || method === 'HEAD') return [];
  const ct = (headers.get('content-type') || '').split(';')[0].trim();
  const problems = [];
  const json = (ref, what) => {
    if (ct !== 'application/json') { problems.push(`${what}: content type ${ct || 'none'}, not application/json`); return; }
    const v = validator(ref);
    if (!v(data)) problems.push(`${what}: ${v.errors.map((x) => `body${x.instancePath} ${x.message}${x.params?.additionalProperty ? ` (${x.params.additionalProperty})` : ''}`).join('; ')}`);
  };
  if (status === 429 && !headers.get('retry-after')) problems.push('429 without Retry-After');
  const o = operationOf(method, url);
  if (!o) {
    if (status < 400) problems.push(`${method} ${pathname} answered ${status} but is no operation of docs/openapi.yaml`);
    else json(errorRef, `${status} of no operation`);
    if (status === 405 && !headers.get('allow')) problems.push('405 without Allow');
    return problems;
  }
  const where = `${o.op.operationId} (${o.method} ${o.path}) ${status}`;
  const resp = o.op.responses[String(status)];
  if (!resp) return [`${where}: the status is not declared (declared: ${Object.keys(o.op.responses).join(', ')})`];
  (seenPairs.get(o.op.operationId) || seenPairs.set(o.op.operationId, new Set()).get(o.op.operationId)).add(status);
  const base = resp.$ref ? resp.$ref.slice(1) : ptr('paths', o.path, o.method.toLowerCase(), 'responses', String(status));
  const r = resp.$ref ? SPEC.components.responses[resp.$ref.split('/').pop()] : resp;
  if (!r.content) return problems;
  if (!r.content[ct]) return [`${where}: content type ${ct || 'none'} is not declared (${Object.keys(r.content).join(', ')})`];
  if (ct === 'application/json') json(base + ptr('content', ct, 'schema'), where);
  else {
    const s = r.content[ct].schema;
    if (s && s.pattern && !new RegExp(s.pattern).test(Buffer.isBuffer(data) ? data.toString('utf8') : String(data))) problems.push(`${where}: the ${ct} body does not match ${s.pattern}`);
  }
  return problems;
}

// the problems of a JSON request body the server accepted (a 2xx): it must be valid against the declared
// request schema, with no field the schema does not name (a field the server reads but the description
// does not declare shows up here); an operation that declares no body is sent none with fields
export function checkRequest(method, url, status, body) {
  if (status < 200 || status >= 300 || body === undefined || body === null || typeof body !== 'object') return [];
  const o = operationOf(method, url);
  if (!o) return [];
  const where = `${o.op.operationId} (${o.method} ${o.path}) request`;
  if (!o.op.requestBody?.content?.['application/json']) {
    return Object.keys(body).length ? [`${where}: fields ${Object.keys(body).join(', ')} sent to an operation that declares no JSON body`] : [];
  }
  const v = validator(ptr('paths', o.path, o.method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'));
  return v(body) ? [] : [`${where}: ${v.errors.map((x) => `body${x.instancePath} ${x.message}${x.params?.additionalProperty ? ` (${x.params.additionalProperty})` : ''}`).join('; ')}`];
}
