// Point-in-time recovery with pgBackRest (docs/OPERATIONS.md, "Backups"): scripts/pitr-test.sh archives WAL
// from a throwaway cluster of its own, takes a full backup, imports persons, notes a time T, imports more,
// restores to T, and checks that the audit chain verifies and holds exactly the records written before T
// (and the persons are exactly those imported before it). PostgreSQL only: SQLite's backups are
// `jineng backup` (31-backup.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BACKEND } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '../..');

test('a PostgreSQL database restored to a point in time holds exactly what was written before it', { skip: BACKEND !== 'postgres' }, () => {
  const r = spawnSync('bash', [path.join(root, 'scripts/pitr-test.sh'), path.dirname(process.env.JINENG_BIN)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /persons: 1500 \(at T 1500, at the end 3000\)/);
  assert.match(r.stdout, /audit chain intact/);
  assert.match(r.stdout, /PITR ok/);
});
