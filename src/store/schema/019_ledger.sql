-- 019: 补贴申领 (subsidy claims) and the double-entry ledger of the subsidy money (src/svc/training/README.md,
-- docs/DOMAIN.md "补贴台账"). Amounts are integer fen.
--
-- subsidy_claims: one claim of a person (or, for 新型学徒制, of the employer for a person) for one subsidy.
-- No claim can be paid twice, in any city: the partial unique index subsidy_claims_once allows one live
-- (not rejected) claim per person, kind, occupation and level across the whole province; a second one,
-- however parallel, is refused by the database (409 conflict). decision holds the rule engine's
-- explanation (core/subsidy.h) condition by condition, as JSON.
CREATE TABLE subsidy_claims (
  id              {{ID}},
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  employer_id     {{INT}} REFERENCES institutions(id),
  kind            TEXT NOT NULL CHECK (kind IN ('skill_up','training','shortage','apprentice')),
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL CHECK (level BETWEEN 1 AND 5),
  region_code     TEXT NOT NULL,
  course          TEXT,
  amount_fen      {{INT}} NOT NULL CHECK (amount_fen >= 0),
  status          TEXT NOT NULL DEFAULT 'applied'
                  CHECK (status IN ('applied','checked','reviewed','publicity','payable','paid','rejected','recovered')),
  decision        TEXT NOT NULL DEFAULT '{}',
  applied_on      TEXT NOT NULL,
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE UNIQUE INDEX subsidy_claims_once ON subsidy_claims(person_id, kind, occupation_code, level)
  WHERE status <> 'rejected';
CREATE INDEX subsidy_claims_region ON subsidy_claims(region_code, status);

-- ledger_accounts: 补贴资金 (fund:CITY), 应付补贴 per person or employer (payable:person:ID,
-- payable:employer:ID), 银行清算 (clearing:CITY), 应收追回款 (recovery:person:ID). balance_fen is kept by
-- the use case with every line (debits positive, credits negative) and checked by `jineng ledger verify`
-- against the sum of the account's lines.
CREATE TABLE ledger_accounts (
  id           {{ID}},
  code         TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('fund','payable','clearing','recovery')),
  region_code  TEXT NOT NULL,
  person_id    {{INT}} REFERENCES persons(id),
  employer_id  {{INT}} REFERENCES institutions(id),
  name         TEXT NOT NULL,
  balance_fen  {{INT}} NOT NULL DEFAULT 0,
  created_at   {{INT}} NOT NULL
);

-- ledger_entries: one journal entry (记账凭证): accrue (核定应付), pay (支付), reverse (冲正, the mirror of
-- an earlier entry, at most once: reverses is unique), recover (追回 receivable), recovered (追回到账). seq,
-- prev_hash and hash chain the entries with their lines (SM3), so an altered, deleted or reordered entry is
-- found by `jineng ledger verify`; ledger_head holds the last seq and hash and serialises appends.
CREATE TABLE ledger_entries (
  id          {{ID}},
  seq         {{INT}} NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('accrue','pay','reverse','recover','recovered')),
  region_code TEXT NOT NULL,
  claim_id    {{INT}} REFERENCES subsidy_claims(id),
  reverses    {{INT}} UNIQUE REFERENCES ledger_entries(id),
  memo        TEXT NOT NULL DEFAULT '',
  at          {{INT}} NOT NULL,
  actor       TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX ledger_entries_claim ON ledger_entries(claim_id) WHERE claim_id IS NOT NULL;

-- ledger_lines: the lines of an entry, which the database itself holds to a zero sum on both engines,
-- with constraints only (no trigger, no dialect):
--   * each line carries the running sum before and after it (after_fen = before_fen + amount_fen);
--   * line 1 starts at 0; line k > 1 starts where line k - 1 ended (the composite foreign key on
--     (entry_id, prev_no, before_fen, nlines)), and every line of an entry repeats its line count nlines,
--     so no line can be added beyond nlines (line_no <= nlines);
--   * line 1 refers to the entry's last line with a running sum of 0 (close_no = nlines, close_zero = 0),
--     a foreign key DEFERRABLE INITIALLY DEFERRED: checked at COMMIT, when the last line must exist.
-- A transaction that leaves an entry's lines not summing to zero cannot commit.
CREATE TABLE ledger_lines (
  entry_id    {{INT}} NOT NULL REFERENCES ledger_entries(id),
  line_no     {{INT}} NOT NULL,
  nlines      {{INT}} NOT NULL,
  account_id  {{INT}} NOT NULL REFERENCES ledger_accounts(id),
  amount_fen  {{INT}} NOT NULL CHECK (amount_fen <> 0),
  before_fen  {{INT}} NOT NULL,
  after_fen   {{INT}} NOT NULL,
  prev_no     {{INT}},
  close_no    {{INT}},
  close_zero  {{INT}},
  PRIMARY KEY (entry_id, line_no),
  UNIQUE (entry_id, line_no, after_fen),
  UNIQUE (entry_id, line_no, after_fen, nlines),
  CHECK (nlines >= 2 AND line_no >= 1 AND line_no <= nlines),
  CHECK (after_fen = before_fen + amount_fen),
  CHECK ((line_no = 1 AND prev_no IS NULL AND before_fen = 0 AND close_no = nlines AND close_zero = 0)
      OR (line_no > 1 AND prev_no = line_no - 1 AND close_no IS NULL AND close_zero IS NULL)),
  FOREIGN KEY (entry_id, prev_no, before_fen, nlines)
    REFERENCES ledger_lines(entry_id, line_no, after_fen, nlines),
  FOREIGN KEY (entry_id, close_no, close_zero)
    REFERENCES ledger_lines(entry_id, line_no, after_fen) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX ledger_lines_account ON ledger_lines(account_id);

CREATE TABLE ledger_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  {{INT}} NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
