-- 023_pay_batches: 补贴支付批次 (payment batches sent to the paying bank, the 社保卡 account) and their lines.
-- A claim is in one live batch only: the partial unique index subsidy_pay_lines_once admits one line per
-- claim that is not 'failed' (a failed line frees the claim for a later batch; a sent or paid line holds
-- it), enforced by the database on both engines. status of a line: sent (in the bank file, no result yet),
-- paid (the bank paid it: the claim's pay entry is pay_entry), failed (the bank refused it: reason).
CREATE TABLE subsidy_pay_batches (
  id           {{ID}},
  region_code  TEXT NOT NULL,
  nlines       {{INT}} NOT NULL CHECK (nlines > 0),
  total_fen    {{INT}} NOT NULL CHECK (total_fen >= 0),
  created_by   {{INT}},
  created_at   {{INT}} NOT NULL,
  exported_at  {{INT}}
);
CREATE INDEX subsidy_pay_batches_region ON subsidy_pay_batches(region_code, id);

CREATE TABLE subsidy_pay_lines (
  batch_id     {{INT}} NOT NULL REFERENCES subsidy_pay_batches(id),
  line_no      {{INT}} NOT NULL CHECK (line_no > 0),
  claim_id     {{INT}} NOT NULL REFERENCES subsidy_claims(id),
  amount_fen   {{INT}} NOT NULL CHECK (amount_fen >= 0),
  status       TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent','paid','failed')),
  reason       TEXT,
  pay_entry    {{INT}} REFERENCES ledger_entries(id),
  updated_at   {{INT}} NOT NULL,
  PRIMARY KEY (batch_id, line_no)
);
CREATE UNIQUE INDEX subsidy_pay_lines_once ON subsidy_pay_lines(claim_id) WHERE status <> 'failed';
