-- 049 (given 044; the next free number at landing: 044-048 landed first): 评选项目与津贴 (issue 22 items 2-3; docs/DOMAIN.md "评选项目与津贴"): one selection machine configured by
-- data (a programme → a round → nominations by cities within quotas → eligibility with reasons
-- (core/selection_rules.h) → independent expert scores with 回避 → ranking → 公示 → appointment with a term),
-- and the allowances and awards it pays through the province's one ledger (019_ledger.sql) in integer fen.
-- A value the seeds leave open is 0 / '' here and named in `gaps`; the province fills it as data.

-- selection_programmes: the programmes, seeded from seeds 000, 001, 003. Money in fen: monthly_fen (a monthly
-- allowance for term_months, never below monthly_floor_fen: seed 003 不低于 1000 元), lump_fen (once, at
-- appointment), yearly_fen and yearly_work_fen (each year of the term: 泰山 个人补助 and 工作经费).
-- min_level: the skill level held (1 高级技师 … 5 初级工; this or higher); title_grade: a professional title of
-- that grade (3 高级职称); max_age / preferred_age: full years on the round's reference day (preferred only
-- ranks); renominate_years: a nomination within these years needs a declared new achievement;
-- honour_kind: the person_honours kind an appointment adds (the 惠才卡 categories read it).
CREATE TABLE selection_programmes (
  code              TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  cycle_years       {{INT}} NOT NULL DEFAULT 0,
  max_places        {{INT}} NOT NULL DEFAULT 0,
  min_level         {{INT}} NOT NULL DEFAULT 0,
  title_grade       {{INT}} NOT NULL DEFAULT 0,
  front_line        {{INT}} NOT NULL DEFAULT 0,
  max_age           {{INT}} NOT NULL DEFAULT 0,
  preferred_age     {{INT}} NOT NULL DEFAULT 0,
  renominate_years  {{INT}} NOT NULL DEFAULT 0,
  term_months       {{INT}} NOT NULL DEFAULT 0,
  monthly_fen       {{INT}} NOT NULL DEFAULT 0 CHECK (monthly_fen >= 0),
  monthly_floor_fen {{INT}} NOT NULL DEFAULT 0 CHECK (monthly_floor_fen >= 0),
  lump_fen          {{INT}} NOT NULL DEFAULT 0 CHECK (lump_fen >= 0),
  yearly_fen        {{INT}} NOT NULL DEFAULT 0 CHECK (yearly_fen >= 0),
  yearly_work_fen   {{INT}} NOT NULL DEFAULT 0 CHECK (yearly_work_fen >= 0),
  honour_kind       TEXT NOT NULL DEFAULT '',
  recommend_to      TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL,
  gaps              TEXT NOT NULL DEFAULT '',
  position          {{INT}} NOT NULL,
  active            {{INT}} NOT NULL DEFAULT 1,
  updated_at        {{INT}} NOT NULL DEFAULT 0,
  CHECK (monthly_fen = 0 OR monthly_fen >= monthly_floor_fen)
);
INSERT INTO selection_programmes (code, name, cycle_years, max_places, min_level, title_grade, front_line, max_age, preferred_age, renominate_years, term_months, monthly_fen, monthly_floor_fen, lump_fen, yearly_fen, yearly_work_fen, honour_kind, recommend_to, source, gaps, position) VALUES
  ('qilu_chief', '齐鲁首席技师', 1, 150, 2, 0, 1, 55, 45, 4, 48, 100000, 100000, 0, 0, 0, 'qilu_chief_technician', '',
   '种子 003 第16条：完善齐鲁首席技师选拔管理制度，管理期内每人每月给予不低于1000元津贴；种子 000：四年管理期内每人每月给予津贴1000元；domain-sources §9：每年选拔、每批不超过150人、技师以上、生产一线、一般不超过55周岁、45周岁以下优先、近4年无新的重大业绩不再推荐 [S]',
   '各市名额 [GAP]（每轮由省里分配）；已获市级等首席技师称号的前置条件 [S] 未作硬性条件；现行津贴额 [GAP]（取下限 1000 元）', 1),
  ('qilu_skill_award', '齐鲁技能大奖', 2, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30000000, 0, 0, 'qilu_skill_award', '中华技能大奖',
   '种子 003 第16条：申请设立“齐鲁技能大奖”，在高技能领军人才中每两年选拔10人，给予一次性30万元奖励并优先推荐评选“中华技能大奖”',
   '“高技能领军人才”的具体条件 [GAP]', 2),
  ('shandong_master', '山东省技术技能大师', 2, 100, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'shandong_master', '',
   '种子 003 第16条：每两年选拔100名左右同时具有高级专业技术职称、高级技师职业资格“山东省技术技能大师”，按规定予以奖励',
   '名额为“左右”；奖励金额“按规定” [GAP]', 3),
  ('taishan_skill', '泰山产业领军人才（技能）', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10000000, 10000000, 'taishan_skill_leader', '',
   '种子 000：组织实施泰山产业领军人才技能领军人才工程，支持期内每年给予每名入选者个人补助10万元、工作经费10万元；种子 003 第15条；种子 001',
   '支持期年限 [GAP]（任用前由省里填写 term_months）；选拔周期与名额 [GAP]', 4),
  ('special_allowance', '省政府特殊津贴（高技能人才）', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'provincial_special_allowance', '',
   '种子 001：将高技能人才纳入省政府特殊津贴申报范围',
   '周期、名额、条件与津贴额 [GAP]', 5),
  ('recuperation', '高技能人才休假疗养', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', '',
   '种子 001：建立休假疗养制度',
   '每年名额与日程 [GAP]（每轮由省里填写 places 与 schedule）', 6),
  ('study_tour', '高技能领军人才技能研修', 1, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', '',
   '种子 003 第17条：围绕“十强”产业发展，每年遴选200名左右高技能领军人才赴国内知名企业和先进制造业国家进行技能研修培训',
   '名额为“左右”；选拔条件 [GAP]', 7),
  ('innovation', '技能人才创新成果评选', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', '',
   '种子 003 第17条：支持高技能领军人才参加创新成果评选、展示和创新创业等活动',
   '周期、名额、条件与奖励 [GAP]', 8);

-- selection_rounds: one round of a programme. places: how many are selected (≤ the programme's max_places
-- when it has one); monthly_fen copied from the programme and editable per round (never below the floor);
-- ref_date: the day ages are counted on; min_experts: independent scores each nomination needs before
-- ranking; status nominating → reviewing → publicity → appointed (or cancelled).
CREATE TABLE selection_rounds (
  id              {{ID}},
  programme       TEXT NOT NULL REFERENCES selection_programmes(code),
  year            {{INT}} NOT NULL,
  title           TEXT NOT NULL,
  places          {{INT}} NOT NULL CHECK (places >= 0),
  monthly_fen     {{INT}} NOT NULL DEFAULT 0 CHECK (monthly_fen >= 0),
  ref_date        TEXT NOT NULL,
  nominate_until  TEXT NOT NULL DEFAULT '',
  schedule        TEXT NOT NULL DEFAULT '',
  min_experts     {{INT}} NOT NULL DEFAULT 3 CHECK (min_experts BETWEEN 1 AND 15),
  publicity_days  {{INT}} NOT NULL DEFAULT 5,
  status          TEXT NOT NULL DEFAULT 'nominating'
                  CHECK (status IN ('nominating','reviewing','publicity','appointed','cancelled')),
  publicity_start TEXT NOT NULL DEFAULT '',
  publicity_end   TEXT NOT NULL DEFAULT '',
  term_start      TEXT NOT NULL DEFAULT '',
  created_by      {{INT}},
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE UNIQUE INDEX selection_rounds_year ON selection_rounds(programme, year) WHERE status <> 'cancelled';

-- selection_quotas: each city's places for nominations in a round (region_code a city, 4 digits)
CREATE TABLE selection_quotas (
  round_id    {{INT}} NOT NULL REFERENCES selection_rounds(id),
  region_code TEXT NOT NULL,
  quota       {{INT}} NOT NULL CHECK (quota >= 0),
  PRIMARY KEY (round_id, region_code)
);

-- selection_nominations: a person nominated by a city (region_code: the city whose quota it takes).
-- decision: the rule engine's explanation at nomination (JSON); score_x100: the mean of the experts' scores
-- in hundredths; rank: the place after ranking; term_start / term_end (exclusive) once appointed;
-- ended_on / end_reason (revoked, death, left_province) when stopped.
CREATE TABLE selection_nominations (
  id               {{ID}},
  round_id         {{INT}} NOT NULL REFERENCES selection_rounds(id),
  person_id        {{INT}} NOT NULL REFERENCES persons(id),
  region_code      TEXT NOT NULL,
  front_line       {{INT}} NOT NULL DEFAULT 0,
  new_achievement  {{INT}} NOT NULL DEFAULT 0,
  achievements     TEXT NOT NULL DEFAULT '',
  preferred        {{INT}} NOT NULL DEFAULT 0,
  age              {{INT}} NOT NULL DEFAULT 0,
  decision         TEXT NOT NULL DEFAULT '{}',
  status           TEXT NOT NULL DEFAULT 'nominated'
                   CHECK (status IN ('nominated','selected','not_selected','appointed','ended')),
  score_x100       {{INT}},
  rank             {{INT}},
  monthly_fen      {{INT}} NOT NULL DEFAULT 0,
  term_start       TEXT NOT NULL DEFAULT '',
  term_end         TEXT NOT NULL DEFAULT '',
  ended_on         TEXT NOT NULL DEFAULT '',
  end_reason       TEXT NOT NULL DEFAULT '',
  end_note         TEXT NOT NULL DEFAULT '',
  nominated_by     {{INT}},
  created_at       {{INT}} NOT NULL,
  updated_at       {{INT}} NOT NULL
);
CREATE UNIQUE INDEX selection_nominations_once ON selection_nominations(round_id, person_id);
CREATE INDEX selection_nominations_person ON selection_nominations(person_id);
CREATE INDEX selection_nominations_region ON selection_nominations(region_code, status);

-- selection_scores: one expert's independent score of a nomination (0..100); an expert scores a nomination
-- once, and never one of their own institution's employees or themself (回避)
CREATE TABLE selection_scores (
  nomination_id {{INT}} NOT NULL REFERENCES selection_nominations(id),
  expert_id     {{INT}} NOT NULL REFERENCES users(id),
  score         {{INT}} NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment       TEXT NOT NULL DEFAULT '',
  created_at    {{INT}} NOT NULL,
  PRIMARY KEY (nomination_id, expert_id)
);

-- allowance_batches: one run of the monthly batch (any number per month: a second run finds nothing due)
CREATE TABLE allowance_batches (
  id         {{ID}},
  month      TEXT NOT NULL,
  npaid      {{INT}} NOT NULL,
  total_fen  {{INT}} NOT NULL,
  run_by     {{INT}},
  created_at {{INT}} NOT NULL
);
CREATE INDEX allowance_batches_month ON allowance_batches(month, id);

-- selection_payments: every sum paid to an appointee: kind monthly (月津贴), lump (一次性奖励), yearly
-- (年度个人补助), work_fund (工作经费); month YYYY-MM. The unique key (nomination, kind, month) makes a
-- month's batch post a payment once however often or concurrently it runs. accrue_entry / pay_entry: the
-- ledger entries; recovered: a recover entry (recover_entry) after the appointment was stopped before month.
CREATE TABLE selection_payments (
  id             {{ID}},
  nomination_id  {{INT}} NOT NULL REFERENCES selection_nominations(id),
  person_id      {{INT}} NOT NULL REFERENCES persons(id),
  kind           TEXT NOT NULL CHECK (kind IN ('monthly','lump','yearly','work_fund')),
  month          TEXT NOT NULL,
  amount_fen     {{INT}} NOT NULL CHECK (amount_fen > 0),
  status         TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid','recovered')),
  batch_id       {{INT}} REFERENCES allowance_batches(id),
  accrue_entry   {{INT}} REFERENCES ledger_entries(id),
  pay_entry      {{INT}} REFERENCES ledger_entries(id),
  recover_entry  {{INT}} REFERENCES ledger_entries(id),
  recover_reason TEXT NOT NULL DEFAULT '',
  created_at     {{INT}} NOT NULL
);
CREATE UNIQUE INDEX selection_payments_once ON selection_payments(nomination_id, kind, month);
CREATE INDEX selection_payments_person ON selection_payments(person_id);
