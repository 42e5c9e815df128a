-- 002 certificates: issuing keys, results awaiting a certificate, certificate serials, certificates.

CREATE TABLE issuer_keys (
  id             {{ID}},
  institution_id {{INT}} REFERENCES institutions(id),      -- NULL: the platform's own key (status lists)
  alg            TEXT NOT NULL CHECK (alg IN ('SM2','Ed25519')),
  kid            TEXT NOT NULL UNIQUE,
  public_pem     TEXT NOT NULL,              -- SM2: SubjectPublicKeyInfo PEM; Ed25519: base64url raw key
  private_sealed TEXT NOT NULL,              -- sealed with the PII key (SM4-GCM)
  created_at     {{INT}} NOT NULL,
  retired_at     {{INT}}
);
CREATE UNIQUE INDEX issuer_keys_active ON issuer_keys(COALESCE(institution_id, 0), alg) WHERE retired_at IS NULL;

-- 评价结果: what a certificate is issued from (entered through the API until the evaluation chain lands)
CREATE TABLE results (
  id              {{ID}},
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  work_type       TEXT NOT NULL DEFAULT '',
  level           {{INT}} NOT NULL CHECK (level BETWEEN 0 AND 5),   -- 0 = 专项职业能力 (pass/fail)
  exam_date       TEXT NOT NULL,
  theory          {{REAL}},
  practical       {{REAL}},
  review          {{REAL}},                                              -- 综合评审 (levels 2 and 1)
  passed          {{INT}} NOT NULL,
  certificate_id  {{INT}},
  created_by      {{INT}},
  created_at      {{INT}} NOT NULL
);
CREATE INDEX results_person ON results(person_id);
CREATE INDEX results_institution ON results(institution_id);

CREATE TABLE cert_serials (
  institution_id {{INT}} NOT NULL,
  year           {{INT}} NOT NULL,
  level          {{INT}} NOT NULL,
  last           {{INT}} NOT NULL,
  PRIMARY KEY (institution_id, year, level)
);

CREATE TABLE certificates (
  id              {{ID}},
  number          TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('occupation','special')),
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  result_id       {{INT}} UNIQUE REFERENCES results(id),
  occupation_code TEXT NOT NULL,
  occupation      TEXT NOT NULL,
  work_type       TEXT NOT NULL DEFAULT '',
  level           {{INT}} NOT NULL,
  name            TEXT NOT NULL,                 -- the holder's name as issued
  id_type         TEXT NOT NULL,
  id_masked       TEXT NOT NULL,
  issuer          TEXT NOT NULL,                 -- the institution's name as issued
  issued_on       TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','revoked')),
  revoked_reason  TEXT,
  revoked_on      TEXT,
  reissue_of      {{INT}} REFERENCES certificates(id),
  kid             TEXT NOT NULL,
  payload         TEXT NOT NULL,                 -- base64url of the signed canonical JSON
  signature       TEXT NOT NULL,                 -- base64url of the DER SM2 signature
  status_index    {{INT}} NOT NULL UNIQUE,       -- position in the Bitstring Status List
  created_at      {{INT}} NOT NULL
);
CREATE INDEX certificates_person ON certificates(person_id);
CREATE INDEX certificates_institution ON certificates(institution_id, issued_on);
