#!/usr/bin/env node
// check-audit-names.mjs [SRC_DIR [DICT_JS]]: fails listing every audit action the server can write that has
// no words in the web dictionary (web/src/dict.js, maps.action), so the 操作日志 page (/admin/audit) never
// shows a raw code such as `complaint.closed`.
//
// The actions the C sources can write (read from SRC_DIR, default src; comments skipped):
//   1. the action argument (the second) of every call of the audit entry points, tx_audit, tx_audit_key,
//      tx_audit_now (svc/base/tx.h) and audit_append (svc/base/audit.h): every string literal in it
//      (a ternary names each of its actions);
//   2. the designated initialisers `.audit = "..."` and `.audit_action = "..."` (the FSM transition tables,
//      core/fsm.h, and the import definitions, svc/base/import.h), which the calls pass on as `tr->audit`,
//      `def->audit_action`; and in a transition table written without designators (core/assess.c), the
//      action-shaped literal of each transition;
//   3. an action argument with no literal that is not one of those fields (a local variable, a parameter,
//      another table's field): every action-shaped literal ("entity.verb") of the call's file, but for the
//      columns of its SQL ("u.id": the first part an alias in the file's statements). A file where that
//      finds none fails the check: the extraction has to be taught the new form.
//   check-audit-names.mjs --self-test   plants an unlabelled action of each form (a file added to the sources as
//   read, a label taken out of a copy of dict.js) and checks that each is reported
import { readFileSync, readdirSync, statSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = /\b(tx_audit|tx_audit_key|tx_audit_now|audit_append)\s*\(/g;
const SHAPED = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/; // entity.verb, entity.sub.verb

function files(dir) {
  const out = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.[ch]$/.test(n)) out.push(p);
  }
  return out;
}

// the text with each comment replaced by its newlines (line numbers kept), string literals left as they are
function stripComments(s) {
  const parts = [];
  const re = /["'/]/g;
  let last = 0, m;
  while ((m = re.exec(s))) {
    const i = m.index, c = s[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
      re.lastIndex = j + 1;
    } else if (s[i + 1] === '*' || s[i + 1] === '/') {
      let end = s[i + 1] === '*' ? s.indexOf('*/', i + 2) : s.indexOf('\n', i);
      end = end < 0 ? s.length : s[i + 1] === '*' ? end + 2 : end;
      parts.push(s.slice(last, i), '\n'.repeat(s.slice(i, end).split('\n').length - 1));
      last = re.lastIndex = end;
    }
  }
  parts.push(s.slice(last));
  return parts.join('');
}

const literals = (s) => [...s.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1]);

// the arguments of the call whose '(' is at `open`: top-level commas split them
function callArgs(s, open) {
  const args = [];
  let depth = 0, start = open + 1;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth === 0) { args.push(s.slice(start, i)); return args; }
    } else if (c === ',' && depth === 1) { args.push(s.slice(start, i)); start = i + 1; }
  }
  return args;
}

// Map action -> first place it is written ("file:line")
const cache = new Map(); // srcDir -> [[relative path, text without comments]]
// `extra`: {relative path: text} read as if they were files of srcDir (the self-test's plants)
export function extract(srcDir, extra = {}) {
  const found = new Map();
  const problems = [];
  const add = (a, where) => { if (!found.has(a)) found.set(a, where()); };
  if (!cache.has(srcDir)) cache.set(srcDir, files(srcDir).map((f) => [relative(srcDir, f), stripComments(readFileSync(f, 'utf8'))]));
  const texts = cache.get(srcDir).concat(Object.entries(extra).map(([f, t]) => [f, stripComments(t)]));
  for (const [rel, text] of texts) {
    if (rel === 'svc/base/tx.c' || rel === 'svc/base/audit.c') continue; // the entry points themselves
    const s = text;
    let fileShaped = null; // form 3's literals of this file, found once
    const line = (i) => `${rel}:${s.slice(0, i).split('\n').length}`;
    // 2. the designated initialisers
    for (const m of s.matchAll(/\.(audit|audit_action)\s*=\s*"([^"]*)"/g)) add(m[2], () => line(m.index));
    // 2. the FSM transitions written without designators: the action-shaped literal of the element
    for (const m of s.matchAll(/struct\s+fsm_transition\s+\w+\s*\[\s*\]\s*=\s*\{/g)) {
      for (const el of callArgs(s, m.index + m[0].length - 1)) {
        if (!el.trim() || /\.audit\s*=/.test(el)) continue;
        const shaped = literals(el).filter((l) => SHAPED.test(l));
        if (!shaped.length) problems.push(`${line(m.index)}: a transition without an audit action: ${el.trim().slice(0, 60)}`);
        for (const l of shaped) add(l, () => line(m.index));
      }
    }
    // 1. and 3. the calls
    for (const m of s.matchAll(ENTRY)) {
      const open = m.index + m[0].length - 1;
      const before = s.slice(Math.max(0, m.index - 40), m.index);
      if (/\b(int|void)\s+$/.test(before) || /\*\s*$/.test(before)) continue; // a declaration, not a call
      const args = callArgs(s, open);
      const arg = args[m[1] === 'audit_append' ? 2 : 1]; // audit_append(d, who, action, ...), tx_audit(t, action, ...)
      if (arg === undefined) { problems.push(`${line(m.index)}: a ${m[1]} call without an action argument`); continue; }
      // the literals of a ternary's branches (its condition's strcmp(x, "accepted") names no action)
      const lits = literals(arg.replace(/\b\w*str\w*cmp\s*\([^()]*\)/g, ''));
      if (lits.length) { for (const l of lits) add(l, () => line(m.index)); continue; }
      if (/(->|\.)\s*(audit|audit_action)\s*$/.test(arg.trim())) continue; // form 2
      // (not a column of the file's SQL, "u.id": a name whose first part is an alias in its statements)
      fileShaped ??= (() => {
        const lits = literals(s);
        const sql = lits.filter((l) => /\b(SELECT|FROM|JOIN|WHERE|UPDATE|INSERT|ORDER BY)\b/.test(l)).join(' ');
        return lits.filter((l) => SHAPED.test(l) && !new RegExp(`(^|[^a-z0-9_.])${l.split('.')[0]}\\.[a-z]`).test(sql));
      })();
      if (!fileShaped.length) problems.push(`${line(m.index)}: the action \`${arg.trim()}\` names no action this check can see`);
      for (const l of fileShaped) add(l, () => line(m.index));
    }
  }
  return { found, problems };
}

// the keys of maps.action in dict.js
export function labelled(dictPath) {
  const s = readFileSync(dictPath, 'utf8');
  const start = s.search(/\n\s*action:\s*\{/);
  if (start < 0) throw new Error(`${dictPath}: no action map`);
  let depth = 0, i = s.indexOf('{', start), end = -1;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) { end = j; break; }
  }
  const body = s.slice(i + 1, end);
  const keys = new Set();
  for (const m of body.matchAll(/(?:^|[{,\s])(?:'([^']+)'|"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))\s*:\s*\[/g)) keys.add(m[1] ?? m[2] ?? m[3]);
  return keys;
}

export function check(srcDir, dictPath, extra) {
  const { found, problems } = extract(srcDir, extra);
  const have = labelled(dictPath);
  const missing = [...found].filter(([a]) => !have.has(a)).sort();
  return { found, problems, missing };
}

function report(srcDir, dictPath, quiet) {
  const { found, problems, missing } = check(srcDir, dictPath);
  for (const p of problems) console.error(`check-audit-names: ${p}`);
  for (const [a, where] of missing) console.error(`check-audit-names: ${a} (${where}) has no words in ${dictPath} (maps.action)`);
  if (!quiet && !problems.length && !missing.length) console.log(`check-audit-names: all ${found.size} audit actions have words`);
  return problems.length || missing.length ? 1 : 0;
}

function selfTest() {
  const src = join(here, '..', 'src'), dict = join(here, '..', 'web', 'src', 'dict.js');
  if (report(src, dict, true)) { console.error('check-audit-names self-test: the clean tree fails'); return 1; }
  const tmp = mkdtempSync(join(tmpdir(), 'audit-names-'));
  try {
    // each plant: a file added to the copy, and the action it must report
    const plants = [
      ['svc/planted_call.c', 'static int w(tx *t) { tx_audit(t, "planted.literal", "plan", 1, NULL); return 0; }', 'planted.literal'],
      ['svc/planted_ternary.c', 'static int w(tx *t, int x) {\n\ttx_audit_key(t, x ? "plan.open"\n\t\t: "planted.ternary", "plan", "k", NULL);\n\treturn 0; }', 'planted.ternary'],
      ['svc/planted_now.c', 'static int w(tx *t, err *e) { return tx_audit_now(t, "planted.now", "plan", "1", NULL, e); }', 'planted.now'],
      ['svc/planted_append.c', 'static int w(db *d, const principal *a, err *e) { return audit_append(d, a, "planted.append", "plan", "1", NULL, e); }', 'planted.append'],
      ['core/planted_fsm.c', 'static const struct fsm_transition t[] = {\n\t{"a", "b", "go", "去", "Go", .audit =\n\t\t"planted.fsm"},\n};', 'planted.fsm'],
      ['svc/planted_import.c', 'static const struct import_def d = {.audit_action = "planted.import", .audit_entity = "x"};', 'planted.import'],
      ['svc/planted_var.c', 'static int w(tx *t, int x) {\n\tconst char *action = x ? "plan.open" : "planted.variable";\n\ttx_audit(t, action, "plan", 1, NULL);\n\treturn 0; }', 'planted.variable'],
    ];
    for (const [file, code, action] of plants) {
      const { missing } = check(src, dict, { [file]: code + '\n' });
      if (missing.length !== 1 || missing[0][0] !== action) {
        console.error(`check-audit-names self-test: the unlabelled ${action} (${file}) was not reported alone: ${JSON.stringify(missing)}`);
        return 1;
      }
    }
    // a variable the check cannot resolve is reported, never passed over
    if (!check(src, dict, { 'svc/planted_opaque.c': 'static int w(tx *t, const char *what) { tx_audit(t, what, "plan", 1, NULL); return 0; }\n' }).problems.length) {
      console.error('check-audit-names self-test: an action the check cannot see was not reported');
      return 1;
    }
    // a label taken away is reported
    const d = readFileSync(dict, 'utf8').replace(/'complaint\.closed':\s*\[[^\]]*\],?/, '');
    writeFileSync(join(tmp, 'dict.js'), d);
    const { missing } = check(src, join(tmp, 'dict.js'));
    if (!missing.some(([a]) => a === 'complaint.closed')) {
      console.error('check-audit-names self-test: complaint.closed without words was not reported');
      return 1;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log('check-audit-names self-test: ok');
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--self-test') process.exit(selfTest());
  if (process.argv[2] === '--list') {
    for (const [a, w] of [...extract(process.argv[3] || join(here, '..', 'src')).found].sort()) console.log(`${a}\t${w}`);
    process.exit(0);
  }
  process.exit(report(process.argv[2] || join(here, '..', 'src'), process.argv[3] || join(here, '..', 'web', 'src', 'dict.js'), false));
}
