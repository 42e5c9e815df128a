-- 009: 国家职业技能标准 versions per occupation: the 申报条件 template and the exam profile
CREATE TABLE standards (
  id              {{ID}},
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  version         TEXT NOT NULL,                  -- e.g. 2019年版
  template        TEXT NOT NULL CHECK (template IN ('2018','2023')),
  profile         TEXT NOT NULL,                  -- JSON exam profile (docs/DOMAIN.md §22)
  active          {{INT}} NOT NULL DEFAULT 1,
  created_at      {{INT}} NOT NULL,
  UNIQUE (occupation_code, version)
);
CREATE INDEX standards_active ON standards(occupation_code, active);
