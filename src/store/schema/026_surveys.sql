-- 026: 满意度调查 (satisfaction surveys; docs/DOMAIN.md §32 满意度调查, src/svc/supervision/README.md).
-- Seed 002 (2024 年"技能人才评价质量建设年") lists 开展社评组织满意度调查 among its eight tasks; the questions
-- and the minimum group size are not in the seeds ([GAP]): the values below are the defaults, edited by the
-- province as new versions.
-- survey_versions: the survey as data, one row per version, never changed (an edit is a new version; the
-- highest version is the one candidates answer). questions is JSON [{code, text, text_en}], each a rating
-- 1..5; allow_comment lets a candidate add a free comment; min_count is the smallest group whose results are
-- shown (smaller groups are suppressed so a candidate cannot be picked out).
CREATE TABLE survey_versions (
  version       {{INT}} PRIMARY KEY,
  questions     TEXT NOT NULL,
  allow_comment {{INT}} NOT NULL DEFAULT 1,
  min_count     {{INT}} NOT NULL CHECK (min_count BETWEEN 3 AND 100),
  source        TEXT NOT NULL DEFAULT '',
  created_by    {{INT}},
  created_at    {{INT}} NOT NULL
);
INSERT INTO survey_versions (version, questions, allow_comment, min_count, source, created_at) VALUES
  (1, '[{"code":"organisation","text":"考务组织","text_en":"Organisation"},{"code":"fairness","text":"公平公正","text_en":"Fairness"},{"code":"environment","text":"考场环境与设施","text_en":"Environment and facilities"},{"code":"staff","text":"考评人员与工作人员服务","text_en":"Examiners and staff"}]',
   1, 5, '种子 002：开展社评组织满意度调查（2024 年技能人才评价质量建设年）；题目与最小组数 [GAP] 默认值', 0);

-- survey_responses: one answer to the survey after one sitting, anonymous to the institution. No person,
-- attempt, sitting or time is stored: once_key is the keyed hash (HMAC-SM3 under the PII key,
-- crypto/pii.h pii_blind_index, field survey.attempt) of the attempt answered, which only enforces "once per
-- attempt" (UNIQUE) and is never returned. What is kept binds the answer to the groups it is counted in: the
-- institution, its region, the occupation and level of the plan, and the month of the sitting (China time).
CREATE TABLE survey_responses (
  id              {{ID}},
  once_key        TEXT NOT NULL UNIQUE,
  version         {{INT}} NOT NULL REFERENCES survey_versions(version),
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  period          TEXT NOT NULL,
  comment         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX survey_responses_inst ON survey_responses(institution_id, period);

-- survey_ratings: the ratings of a response, one per question of its version
CREATE TABLE survey_ratings (
  response_id {{INT}} NOT NULL REFERENCES survey_responses(id),
  question    TEXT NOT NULL,
  rating      {{INT}} NOT NULL CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (response_id, question)
);
