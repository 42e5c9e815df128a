-- 029: 信用档案 (the credit archive; docs/DOMAIN.md §34 信用档案, src/svc/supervision/README.md).
-- Seed 003 §12 (鲁人社发〔2020〕18号): 建立第三方评价机构信用档案和退出机制 ... 对违规失信、恶意竞争、管理失序的
-- 第三方评价机构依法予以惩戒; seed 002 (2024 质量建设年): 评估结果作为评价机构继续开展评价工作、拓宽评价范围、
-- 退出评价机构目录等的重要依据, and 加强评价队伍建设 (examiners, supervisors). The seeds name no event kinds,
-- effects or durations for examiners and supervisors: those below are defaults marked [GAP], kept as data.
--
-- credit_kinds: the kinds of event, as data. subject_type says whom an event of the kind is about; blocks is
-- the comma list of actions an event of the kind blocks while in force (core/credit.h: plan_create,
-- plan_submit for an institution, panel for an examiner, dispatch for a supervisor; '' records only);
-- default_days is its default length (0: until withdrawn); source cites the seed or says [GAP].
CREATE TABLE credit_kinds (
  code         TEXT PRIMARY KEY,
  subject_type TEXT NOT NULL CHECK (subject_type IN ('institution','examiner','supervisor')),
  name_zh      TEXT NOT NULL,
  name_en      TEXT NOT NULL,
  blocks       TEXT NOT NULL DEFAULT '',
  default_days {{INT}} NOT NULL CHECK (default_days >= 0),
  source       TEXT NOT NULL
);
INSERT INTO credit_kinds (code, subject_type, name_zh, name_en, blocks, default_days, source) VALUES
  ('assessment_fail', 'institution', '定期评估不合格', 'failed the periodic assessment', 'plan_create,plan_submit', 365,
   '种子 002：评估结果作为评价机构继续开展评价工作、退出评价机构目录等的重要依据；停止新计划的期限 [GAP] 默认 365 天'),
  ('institution_violation', 'institution', '违规失信', 'breach of rules or of trust', 'plan_create,plan_submit', 180,
   '种子 003 第 12 条：对违规失信、恶意竞争、管理失序的第三方评价机构依法予以惩戒；惩戒期限 [GAP] 默认 180 天'),
  ('institution_warning', 'institution', '警示记录', 'warning on record', '', 365,
   '种子 003 第 12 条：建立第三方评价机构信用档案；只记录不限制的警示 [GAP]'),
  ('examiner_violation', 'examiner', '违规考评', 'examiner misconduct', 'panel', 365,
   '种子 002：加强评价队伍建设；确认违规的考评员不得进入考评组 [GAP]，期限 [GAP] 默认 365 天'),
  ('supervisor_neglect', 'supervisor', '督导失职', 'supervisor neglect of duty', 'dispatch', 180,
   '种子 002：强化评价过程质量督导；失职督导员暂停派遣 [GAP]，期限 [GAP] 默认 180 天');

-- credit_events: the archive. An event is never deleted: the bureau withdraws it with a reason (status
-- withdrawn, who and when), or corrects it by recording a new event that names it (corrects_id; the old one
-- is withdrawn in the same transaction). blocks is copied from the kind when recorded (a later change of the
-- kind does not change past events). from_date and until_date (YYYY-MM-DD, until_date inclusive, NULL: no
-- end) bound the days it is in force; after until_date it has expired and blocks nothing, but stays.
-- region_code binds it to the bureau that may read and withdraw it: the institution's region, the examiner's
-- institution's (else the account's), the supervisor's profile region (else the account's). source_type and
-- source_id name what produced it ('manual', or e.g. 'assessment' and the assessment's id).
CREATE TABLE credit_events (
  id             {{ID}},
  subject_type   TEXT NOT NULL CHECK (subject_type IN ('institution','examiner','supervisor')),
  subject_id     {{INT}} NOT NULL,
  region_code    TEXT NOT NULL,
  kind           TEXT NOT NULL REFERENCES credit_kinds(code),
  blocks         TEXT NOT NULL DEFAULT '',
  from_date      TEXT NOT NULL,
  until_date     TEXT,
  reason         TEXT NOT NULL,
  source_type    TEXT NOT NULL DEFAULT 'manual',
  source_id      {{INT}},
  status         TEXT NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded','withdrawn')),
  withdraw_reason TEXT,
  withdrawn_by   {{INT}},
  withdrawn_at   {{INT}},
  corrects_id    {{INT}} REFERENCES credit_events(id),
  created_by     {{INT}},
  created_at     {{INT}} NOT NULL
);
CREATE INDEX credit_events_subject ON credit_events(subject_type, subject_id);
CREATE INDEX credit_events_region ON credit_events(region_code);
