// docs/openapi.yaml describes every route the server has: each (method, path) the binary lists (`jineng routes --json`) is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('every route of the server is in docs/openapi.yaml, each path once', () => {
  const routes = JSON.parse(execFileSync(process.env.JINENG_BIN, ['routes', '--json'], { encoding: 'utf8' }))
    .map((r) => [r.method.toLowerCase(), r.path.replace(/^\/api\/v1/, '')]);
  assert.ok(routes.length > 50);
  const lines = fs.readFileSync(`${root}/docs/openapi.yaml`, 'utf8').split('\n');
  const norm = (p) => p.replace(/\{[^}]+\}/g, '{}');
  const doc = new Map(); // normalised path -> set of methods
  let cur = null;
  for (const l of lines) {
    const p = l.match(/^  (\/\S*):\s*$/);
    if (p) {
      assert.ok(!doc.has(norm(p[1])), `path ${p[1]} is described twice (the second would hide the first)`);
      cur = new Set();
      doc.set(norm(p[1]), cur);
      continue;
    }
    const m = l.match(/^    (get|post|put|patch|delete):/);
    if (m && cur) cur.add(m[1]);
    if (/^\S/.test(l)) cur = null;
  }
  const missing = routes.filter(([m, p]) => !doc.get(norm(p))?.has(m)).map(([m, p]) => `${m.toUpperCase()} ${p}`);
  assert.deepEqual(missing, []);
});
