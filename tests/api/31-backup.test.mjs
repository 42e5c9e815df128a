// `jineng backup` and `jineng restore` (SQLite): a backup taken while the server goes on writing is one
// consistent snapshot holding every write acknowledged before it started, checked before it gets its name;
// nothing is ever overwritten; a damaged backup is refused by restore and leaves no database behind.
// PostgreSQL is backed up with pgBackRest: both commands refuse a PostgreSQL URL and say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { api, login, idNumber, BACKEND } from './lib.mjs';

const BIN = process.env.JINENG_BIN;
const TMP = process.env.JINENG_TMP;
const URL = process.env.JINENG_DB_URL;

function jineng(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function jinengAsync(args) {
  return new Promise((res) => {
    const c = spawn(BIN, args, { env: { ...process.env } });
    let out = '', err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code) => res({ code, out, err }));
  });
}
const sqlite = (file, statement) => execFileSync('sqlite3', [file, statement], { encoding: 'utf8' }).trim();

test('PostgreSQL: backup and restore refuse and name pgBackRest', { skip: BACKEND !== 'postgres' }, () => {
  const b = jineng(['backup', '--db', URL, '--out', path.join(TMP, `pg-${process.pid}.db`)]);
  assert.equal(b.code, 1);
  assert.match(b.err, /pgBackRest/);
  assert.equal(fs.existsSync(path.join(TMP, `pg-${process.pid}.db`)), false);
  const r = jineng(['restore', '--from', '/dev/null', '--db', URL]);
  assert.equal(r.code, 1);
  assert.match(r.err, /pgBackRest/);
});

test('a backup under load is one snapshot with every acknowledged write; restore checks before it names', { skip: BACKEND !== 'sqlite' }, async () => {
  const admin = await login('admin');
  const out = path.join(TMP, `backup-${process.pid}.db`);
  // writers: persons created one after another by four clients, each acknowledged creation remembered
  let seq = 0, stop = false;
  const acked = []; // the ids of the persons whose creation was acknowledged, in order
  const writer = async () => {
    while (!stop && seq < 900) {
      const idn = idNumber('370102', '19661111', ++seq);
      const r = await api('POST', '/api/v1/persons', { token: admin, body: { name: `备份${seq}`, id_number: idn } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      acked.push(r.data.id);
    }
  };
  const writers = [writer(), writer(), writer(), writer()];
  while (acked.length < 20) await new Promise((r) => setTimeout(r, 20));
  // the acknowledgements so far, counted rather than compared by timestamp: the 20th can share the
  // millisecond the backup starts in (a failure seen once under ASan)
  const nBefore = acked.length;
  const b = await jinengAsync(['backup', '--db', URL, '--out', out]);
  stop = true;
  await Promise.all(writers);
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /integrity ok, audit chain intact/);
  assert.match(b.out, /PII key file is not in it/);
  // one file: no WAL or partial copy beside it
  assert.equal(sqlite(out, 'PRAGMA journal_mode'), 'delete');
  assert.deepEqual(fs.readdirSync(TMP).filter((f) => f.startsWith(path.basename(out))), [path.basename(out)]);
  // every person acknowledged before the backup started is in it; the audit chain of the copy verifies
  const before = acked.slice(0, nBefore);
  assert.ok(before.length >= 20);
  const inCopy = new Set(sqlite(out, `SELECT id FROM persons WHERE id IN (${before.join(',')})`).split('\n').map(Number));
  for (const id of before) assert.ok(inCopy.has(id), `person ${id}, acknowledged before the backup, is missing`);
  const v = jineng(['audit', 'verify', '--db', `sqlite:${out}`]);
  assert.equal(v.code, 0, v.err);
  // the copy ends at one point of the stream: each person it holds has its audit record in it, and
  // the live database holds at least as much
  const persons = Number(sqlite(out, "SELECT count(*) FROM persons WHERE name LIKE '备份%'"));
  const audited = Number(sqlite(out, "SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'person.create' AND entity_id IN (SELECT CAST(id AS TEXT) FROM persons WHERE name LIKE '备份%')"));
  assert.equal(audited, persons);
  assert.ok(Number(sqlite(URL.slice(7), "SELECT count(*) FROM persons WHERE name LIKE '备份%'")) >= persons);

  // never over an existing file
  const sum = fs.readFileSync(out).length;
  const again = jineng(['backup', '--db', URL, '--out', out]);
  assert.equal(again.code, 1);
  assert.match(again.err, /never overwritten/);
  assert.equal(fs.readFileSync(out).length, sum);

  // restore into a new path: checked, then named; the restored database verifies
  const target = path.join(TMP, `restored-${process.pid}.db`);
  const r = jineng(['restore', '--from', out, '--db', `sqlite:${target}`]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /audit chain intact/);
  assert.equal(Number(sqlite(target, "SELECT count(*) FROM persons WHERE name LIKE '备份%'")), persons);
  const r2 = jineng(['restore', '--from', out, '--db', `sqlite:${target}`]);
  assert.equal(r2.code, 1);
  assert.match(r2.err, /exists/);

  // a backup whose audit archive was edited is refused, and no database is left at the target
  const bad = path.join(TMP, `tampered-${process.pid}.db`);
  fs.copyFileSync(out, bad);
  sqlite(bad, "UPDATE audit_log SET detail = detail || ' ' WHERE seq = (SELECT max(seq) - 3 FROM audit_log)");
  const target2 = path.join(TMP, `restored2-${process.pid}.db`);
  const r3 = jineng(['restore', '--from', bad, '--db', `sqlite:${target2}`]);
  assert.equal(r3.code, 1);
  assert.match(r3.err, /audit chain/);
  assert.deepEqual(fs.readdirSync(TMP).filter((f) => f.startsWith(path.basename(target2))), []);
});
