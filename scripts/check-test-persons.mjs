#!/usr/bin/env node
// check-test-persons.mjs [DIR]: fails when two API test files can make the same resident ID number. The API
// suites run every file against one database, and a person is found by ID number: a second file registering
// the same number under another name gets 409 name_mismatch (CI failed so twice). Each file builds its
// persons' numbers with idNumber(REGION, 'YYYYMMDD', sequence) (tests/api/lib.mjs), so two files may share a
// birth date only with different literal regions; a region given by a variable counts as any region.
//   check-test-persons.mjs --self-test   plants two files that clash and one that does not, and checks that
//   exactly the clash is reported
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const CALL = /idNumber\(\s*(?:'(\d{6})'|[^,'"]+)\s*,\s*'(\d{8})'/g;

// [{file, region (null: a variable), date}] of every idNumber call with a literal date
function uses(dir) {
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.mjs')).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(CALL)) out.push({ file: f, region: m[1] || null, date: m[2] });
  }
  return out;
}

// the clashes: pairs of different files on one date whose regions are equal or not literal
function clashes(list) {
  const found = new Set();
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      if (a.file === b.file || a.date !== b.date) continue;
      if (a.region && b.region && a.region !== b.region) continue;
      const [x, y] = [a, b].sort((p, q) => (p.file < q.file ? -1 : 1));
      found.add(`${x.file} and ${y.file}: birth date ${a.date}, region ${x.region || 'a variable'} / ${y.region || 'a variable'}`);
    }
  return [...found];
}

if (process.argv[2] === '--self-test') {
  const dir = mkdtempSync(join(tmpdir(), 'check-test-persons-'));
  try {
    writeFileSync(join(dir, '01-a.test.mjs'), "idNumber('370102', '19950505', 1); idNumber(region, '19600101', 2);");
    writeFileSync(join(dir, '02-b.test.mjs'), "idNumber('370102', '19950505', 101 + (unique() % 440) * 2);");
    writeFileSync(join(dir, '03-c.test.mjs'), "idNumber('370202', '19950505', 3); idNumber('370102', '19600101', 4);");
    const got = clashes(uses(dir));
    const want = ['01-a.test.mjs and 02-b.test.mjs: birth date 19950505, region 370102 / 370102',
      '01-a.test.mjs and 03-c.test.mjs: birth date 19600101, region a variable / 370102'];
    if (JSON.stringify(got.sort()) !== JSON.stringify(want.sort())) {
      console.error(`check-test-persons: self-test failed:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
      process.exit(1);
    }
    console.log('check-test-persons: self-test passed (a shared date and region, and a variable region, reported)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const dir = process.argv[2] || join(dirname(fileURLToPath(import.meta.url)), '../tests/api');
  const list = uses(dir), found = clashes(list);
  if (found.length) {
    console.error(`check-test-persons: API test files that can make the same ID number (give each its own birth date):\n  ${found.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-test-persons: ${list.length} idNumber calls in ${new Set(list.map((u) => u.file)).size} files, no two files on one birth date and region`);
}
