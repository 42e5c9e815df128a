-- 027: 督导检查 — checklists as data and the inspections of sittings (issue 13 items 2-3; docs/DOMAIN.md
-- "督导检查").
-- The 2022 Shandong rules have 61 check items (on-site and organisational, across theory, practical and
-- 综合评审) in 5 problem classes, and 11 situations that revoke a filing. The sources at hand name only their
-- themes (DOMAIN.md §8); the item texts, the class names and the 11 situations are a [GAP]: one item per
-- theme is seeded with its source, the province completes the list (each change is a new version).
CREATE TABLE checklist_versions (
  version    {{INT}} PRIMARY KEY,
  note       TEXT NOT NULL DEFAULT '',
  created_by {{INT}} REFERENCES users(id),
  created_at {{INT}} NOT NULL
);
INSERT INTO checklist_versions (version, note, created_at) VALUES
  (1, 'seed: one item per theme of DOMAIN.md §8; the other items of the 61 are a [GAP]', 0);

-- 5 problem classes (问题分类); their names are a [GAP] of the sources: the province names them
CREATE TABLE check_problem_classes (
  version {{INT}} NOT NULL REFERENCES checklist_versions(version),
  class   {{INT}} NOT NULL CHECK (class BETWEEN 1 AND 5),
  name    TEXT NOT NULL,
  PRIMARY KEY (version, class)
);
INSERT INTO check_problem_classes (version, class, name) VALUES
  (1, 1, '[GAP] 第一类'), (1, 2, '[GAP] 第二类'), (1, 3, '[GAP] 第三类'), (1, 4, '[GAP] 第四类'),
  (1, 5, '[GAP] 第五类');

-- the items of a version; stage theory / practical / review / all, kind onsite (现场) / organisational (组织)
CREATE TABLE check_items (
  id            {{ID}},
  version       {{INT}} NOT NULL REFERENCES checklist_versions(version),
  code          TEXT NOT NULL,
  stage         TEXT NOT NULL CHECK (stage IN ('theory','practical','review','all')),
  kind          TEXT NOT NULL CHECK (kind IN ('onsite','organisational')),
  theme         TEXT NOT NULL,
  text          TEXT NOT NULL,
  problem_class {{INT}} CHECK (problem_class BETWEEN 1 AND 5),  -- NULL: a [GAP] the province fills
  source        TEXT NOT NULL,
  position      {{INT}} NOT NULL,
  UNIQUE (version, code)
);
INSERT INTO check_items (version, code, stage, kind, theme, text, problem_class, source, position) VALUES
  (1, 'S01', 'all', 'onsite', '考场', '考场设置符合要求（场地、座位、标识）', NULL, 'DOMAIN.md §8 / seed 002', 1),
  (1, 'S02', 'theory', 'onsite', '试卷编号', '试卷编号与核准的一致', NULL, 'DOMAIN.md §8 / seed 002', 2),
  (1, 'S03', 'all', 'onsite', '身份核验', '身份证、准考证与签到三者一致', NULL, 'DOMAIN.md §8 / seed 002', 3),
  (1, 'S04', 'practical', 'onsite', '设备', '考核设备、工具与材料齐备完好', NULL, 'DOMAIN.md §8 / seed 002', 4),
  (1, 'S05', 'all', 'onsite', '考场纪律', '考场纪律良好，无违纪行为', NULL, 'DOMAIN.md §8 / seed 002', 5),
  (1, 'S06', 'all', 'onsite', '安全', '考场安全措施到位', NULL, 'DOMAIN.md §8 / seed 002', 6),
  (1, 'O01', 'all', 'organisational', '试卷保管', '试卷保管、交接与保密符合规定', NULL, 'DOMAIN.md §8 / seed 002', 7),
  (1, 'O02', 'all', 'organisational', '人员资质', '考评员、督导员等人员具备相应资质', NULL, 'DOMAIN.md §8 / seed 002', 8),
  (1, 'O03', 'all', 'organisational', '档案', '考务档案资料完整', NULL, 'DOMAIN.md §8 / seed 002', 9),
  (1, 'O04', 'review', 'organisational', '评分', '阅卷、评分按规定进行', NULL, 'DOMAIN.md §8 / seed 002', 10);

-- the situations that revoke a filing (撤销备案情形: 11 in the 2022 rules, their texts a [GAP]): a
-- configurable list per version, empty until the province enters them
CREATE TABLE revocation_situations (
  version  {{INT}} NOT NULL REFERENCES checklist_versions(version),
  code     TEXT NOT NULL,
  text     TEXT NOT NULL,
  source   TEXT NOT NULL,
  position {{INT}} NOT NULL,
  PRIMARY KEY (version, code)
);

-- an inspection of a sitting by a supervisor assigned to it; draft until signed, then immutable; a
-- correction is a new inspection with corrects_id pointing at the signed one
CREATE TABLE inspections (
  id            {{ID}},
  sitting_id    {{INT}} NOT NULL REFERENCES sittings(id),
  supervisor_id {{INT}} NOT NULL REFERENCES users(id),
  version       {{INT}} NOT NULL REFERENCES checklist_versions(version),
  status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','signed')),
  corrects_id   {{INT}} REFERENCES inspections(id),
  summary       TEXT NOT NULL DEFAULT '',
  created_at    {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL,
  signed_at     {{INT}}
);
CREATE INDEX inspections_sitting ON inspections(sitting_id);
CREATE INDEX inspections_supervisor ON inspections(supervisor_id);

-- the marks of an inspection, one per item: 符合 conform, 不符合 nonconform, 不适用 not_applicable; seq is
-- the client's save counter for the item (a late retry of an older save never overwrites a newer one)
CREATE TABLE inspection_marks (
  inspection_id {{INT}} NOT NULL REFERENCES inspections(id),
  item_id       {{INT}} NOT NULL REFERENCES check_items(id),
  result        TEXT NOT NULL CHECK (result IN ('conform','nonconform','not_applicable')),
  note          TEXT NOT NULL DEFAULT '',
  seq           {{INT}} NOT NULL DEFAULT 0,
  updated_at    {{INT}} NOT NULL,
  PRIMARY KEY (inspection_id, item_id)
);
