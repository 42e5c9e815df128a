#!/usr/bin/env node
// Generates the web UI's API client, web/src/api/client.js, from the OpenAPI description docs/openapi.yaml.
//
//   node web/scripts/gen-api.mjs            write web/src/api/client.js (only when its text changes)
//   node web/scripts/gen-api.mjs --check    exit 1 when client.js is missing or differs from the spec
//   node web/scripts/gen-api.mjs --list     print "name METHOD /path" per operation
//
// One exported function per operation, named by its operationId (GET /plans/{id}/sittings → listSittings;
// an operation without one would get a name made of its method and path, getPlansByIdSittings, but
// tests/web/00-client.test.mjs requires every operation to have one). Arguments, in this order:
//   - the path parameters, in the order the path names them (encoded with encodeURIComponent);
//   - for POST, PUT and PATCH the body: an object sent as JSON, or, when the operation's request body is
//     a file type (text/csv), the File/Blob itself (sent as the operation's first file type, or opts.type);
//   - the query parameters as one object (empty values are left out);
//   - request options ({signal, keepalive}).
// JSON operations return the parsed reply and throw ApiError (api.js: token, Accept-Language, error body,
// 401 handling). File uploads resolve {report} or, when the error reply still carries a report (an
// all-or-nothing import), {report, error}. Every function also has
//   fn.url(...pathParams, query)   the full URL, for download() (PDF, the lists' ?format=xlsx export)
//   fn.method, fn.path             'GET', '/plans/{id}/sittings' (as in the spec)
// web/scripts/build-web.sh and vite.config.js run this before every build, so the client always matches
// the spec; client.js is not checked in (web/.gitignore).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const SPEC = resolve(here, '../../docs/openapi.yaml');
export const OUT = resolve(here, '../src/api/client.js');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'export', 'extends', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return',
  'super', 'switch', 'this', 'throw', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
  'enum', 'await', 'implements', 'package', 'protected', 'interface', 'private', 'public', 'query', 'body', 'opts']);

const pascal = (s) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const camel = (s) => { const p = pascal(s); return p ? p[0].toLowerCase() + p.slice(1) : p; };

// the name of an operation without an operationId: its method and path
export function fallbackName(method, path) {
  const parts = path.split('/').filter(Boolean).map((seg) => {
    const m = /^\{(.+)\}$/.exec(seg);
    return m ? `By${pascal(m[1])}` : pascal(seg);
  });
  return method.toLowerCase() + parts.join('');
}

function deref(spec, obj) {
  let o = obj;
  for (let i = 0; o && o.$ref && i < 10; i++) {
    const ref = o.$ref;
    if (!ref.startsWith('#/')) throw new Error(`gen-api: only local $ref are supported: ${ref}`);
    o = ref.slice(2).split('/').reduce((a, k) => (a ? a[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), spec);
    if (!o) throw new Error(`gen-api: $ref ${ref} does not resolve`);
  }
  return o;
}

// every operation of the spec: {name, method, path, summary, pathParams, query, body: null|'json'|mime}
export function operations(spec) {
  const ops = [];
  const seen = new Map();
  for (const [path, item] of Object.entries(spec.paths || {})) {
    const shared = (item.parameters || []).map((p) => deref(spec, p));
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...shared];
      for (const p of (op.parameters || []).map((x) => deref(spec, x))) {
        const i = params.findIndex((q) => q.name === p.name && q.in === p.in);
        if (i >= 0) params[i] = p;
        else params.push(p);
      }
      const named = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const n of named) {
        if (!params.some((p) => p.in === 'path' && p.name === n)) throw new Error(`gen-api: ${method.toUpperCase()} ${path}: path parameter {${n}} is not declared`);
      }
      let body = null;
      const rb = op.requestBody ? deref(spec, op.requestBody) : null;
      const types = rb && rb.content ? Object.keys(rb.content) : [];
      if (types.length && !types.some((t) => t.includes('json'))) body = types[0];
      else if (types.length || ['post', 'put', 'patch'].includes(method)) body = 'json';
      const name = op.operationId || fallbackName(method, path);
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new Error(`gen-api: ${method.toUpperCase()} ${path}: operationId "${name}" is not a JavaScript name`);
      if (seen.has(name)) throw new Error(`gen-api: two operations are named ${name}: ${seen.get(name)} and ${method.toUpperCase()} ${path}`);
      seen.set(name, `${method.toUpperCase()} ${path}`);
      ops.push({
        name,
        operationId: op.operationId || null,
        method: method.toUpperCase(),
        path,
        summary: (op.summary || '').replace(/\s+/g, ' ').trim(),
        pathParams: named,
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        body,
        bodyFields: body === 'json' && rb && rb.content ? Object.keys(deref(spec, (rb.content['application/json'] || {}).schema || {}).properties || {}) : [],
      });
    }
  }
  return ops;
}

function argName(n) {
  const c = camel(n);
  return RESERVED.has(c) ? `${c}_` : c;
}

export function generate(specText) {
  const spec = YAML.parse(specText);
  const base = ((spec.servers && spec.servers[0] && spec.servers[0].url) || '').replace(/\/$/, '');
  const ops = operations(spec);
  const out = [];
  out.push('// GENERATED by web/scripts/gen-api.mjs from docs/openapi.yaml: do not edit (the build rewrites it).');
  out.push('// One function per operation; see web/scripts/gen-api.mjs for the arguments and web/README.md for use.');
  out.push("import { request, postFile, qs } from '../api.js';");
  out.push('');
  out.push(`export const BASE = ${JSON.stringify(base)};`);
  out.push('const p = (v) => encodeURIComponent(String(v));');
  out.push('function op(fn, method, path, url) {');
  out.push('  fn.method = method;');
  out.push('  fn.path = path;');
  out.push('  fn.url = url;');
  out.push('  return fn;');
  out.push('}');
  for (const o of ops) {
    const args = o.pathParams.map(argName);
    const tpl = '`' + base + o.path.replace(/\{([^}]+)\}/g, (_, n) => '${p(' + argName(n) + ')}') + '`';
    const doc = [`${o.method} ${o.path}${o.summary ? ` — ${o.summary}` : ''}`];
    if (o.query.length) doc.push(`query: ${o.query.join(', ')}`);
    if (o.bodyFields.length) doc.push(`body: ${o.bodyFields.join(', ')}`);
    if (o.body && o.body !== 'json') doc.push(`body: a file (${o.body})`);
    out.push('');
    out.push(`/** ${doc.join('\n *  ').replace(/\*\//g, '*\\/')} */`);
    let sig;
    let call;
    if (o.body && o.body !== 'json') {
      sig = [...args, 'file', 'query', 'opts'];
      // the operation's first file type, unless opts.type names another it takes (a PNG or PDF as evidence)
      call = `postFile(${JSON.stringify(o.method)}, ${tpl}, file, { ...opts, query, type: (opts && opts.type) || ${JSON.stringify(o.body)} })`;
    } else if (o.body) {
      sig = [...args, 'body', 'query', 'opts'];
      call = `request(${JSON.stringify(o.method)}, ${tpl}, { ...opts, query, body: body ?? {} })`;
    } else {
      sig = [...args, 'query', 'opts'];
      call = `request(${JSON.stringify(o.method)}, ${tpl}, { ...opts, query })`;
    }
    out.push(`export const ${o.name} = op((${sig.join(', ')}) => ${call},`);
    out.push(`  ${JSON.stringify(o.method)}, ${JSON.stringify(o.path)}, (${[...args, 'query'].join(', ')}) => ${tpl} + qs(query));`);
  }
  out.push('');
  out.push('// every operation by name: {method, path}');
  out.push('export const OPERATIONS = {');
  for (const o of ops) out.push(`  ${o.name}: { method: ${JSON.stringify(o.method)}, path: ${JSON.stringify(o.path)} },`);
  out.push('};');
  return { text: out.join('\n') + '\n', ops };
}

function main(argv) {
  const { text, ops } = generate(readFileSync(SPEC, 'utf8'));
  if (argv.includes('--list')) {
    for (const o of ops) console.log(`${o.name} ${o.method} ${o.path}`);
    return 0;
  }
  const old = existsSync(OUT) ? readFileSync(OUT, 'utf8') : null;
  if (argv.includes('--check')) {
    if (old === text) return 0;
    console.error(`gen-api: ${OUT} is ${old === null ? 'missing' : 'out of date'} (run: node web/scripts/gen-api.mjs)`);
    return 1;
  }
  if (old !== text) {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, text);
    console.error(`gen-api: wrote ${ops.length} operations to web/src/api/client.js`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
