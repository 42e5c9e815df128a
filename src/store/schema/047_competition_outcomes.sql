-- 047 (given 041; squads 041, 一评双证 042, open data 043, posts 044, captcha 045 and the map index 046 landed first: 047 is the next free number): 竞赛成果 (issue 21 item 6; docs/DOMAIN.md "竞赛成果", src/svc/competition/README.md): what flows from a
-- competition's final results — 山东省技术能手 on the talent record, the promotion one level (晋升一级) issued
-- as a certificate through the certificate chain, prize money into the province's one ledger by tier and
-- medal per recipient type (the contestant; 中国技术指导专家团队; the provincial 集训基地 OR the 选送单位, never
-- both), 集训基地 construction grants — and objections to a competition's results during their 公示, kept in
-- the evaluation's objections table.

-- per contestant entry: the 选送单位 (sending unit) and the 集训基地 (training base), both institutions. The
-- squads (041: competition_squad_members) and the organiser set them; the outcomes read them: a contestant trained at a 集训基地 has the
-- base paid, otherwise the sending unit (不重复享受). sending_unit_id NULL: the nominating institution
-- (unit_institution_id) is the sending unit.
ALTER TABLE competition_entries ADD COLUMN sending_unit_id {{INT}} REFERENCES institutions(id);
ALTER TABLE competition_entries ADD COLUMN training_base_id {{INT}} REFERENCES institutions(id);

-- per event: the 中国技术指导专家团队 (or a national event's 教练团队) that trained its contestants, '' none
ALTER TABLE competition_events ADD COLUMN expert_team TEXT NOT NULL DEFAULT '';
-- per group: the level (1..5) a winner holding no certificate of the event's occupation is awarded (the
-- event's rules, data: e.g. 学生组 三级, 职工组 技师); 0: such a winner is not promoted
ALTER TABLE competition_groups ADD COLUMN promotion_level {{INT}} NOT NULL DEFAULT 0;

-- per competition: the evaluation institution that issues its promotion certificates (a filed institution
-- with a certificate-number prefix). [GAP] the seeds do not say who issues them.
CREATE TABLE competition_outcome_settings (
  competition_id      {{INT}} PRIMARY KEY REFERENCES competitions(id),
  cert_institution_id {{INT}} REFERENCES institutions(id),
  updated_by          {{INT}} NOT NULL,
  updated_at          {{INT}} NOT NULL
);

-- the province's outcome rules (one row): the optional limit on promotions through competitions per person
-- and period. OFF by default: it is Tianjin's rule (每人每年只能通过竞赛晋升一次), not Shandong's.
CREATE TABLE competition_outcome_rules (
  id                     {{INT}} PRIMARY KEY CHECK (id = 1),
  promotion_limit_on     {{INT}} NOT NULL DEFAULT 0,
  promotion_limit_count  {{INT}} NOT NULL DEFAULT 1 CHECK (promotion_limit_count BETWEEN 1 AND 10),
  promotion_limit_months {{INT}} NOT NULL DEFAULT 12 CHECK (promotion_limit_months BETWEEN 1 AND 120),
  promotion_limit_source TEXT NOT NULL,
  updated_by             {{INT}},
  updated_at             {{INT}} NOT NULL
);
INSERT INTO competition_outcome_rules (id, promotion_limit_on, promotion_limit_count, promotion_limit_months,
  promotion_limit_source, updated_at) VALUES
  (1, 0, 1, 12, '外省规则（天津市人社局：通过职业技能竞赛晋升等级的，每人每年只能晋升一次；publicservices.hrss.tj.gov.cn/kbms/node/3228）。山东（种子 003 §21）无此限制，默认关闭', 0);

-- prize money (奖励) by tier and medal per recipient type, integer fen, each with its source. recipient:
-- contestant (选手); expert_team (中国技术指导专家团队, or a national event's 教练团队: the event's expert_team);
-- base_or_unit (the 集训基地 the contestant trained at, otherwise the 选送单位 — 基地、单位不重复享受).
CREATE TABLE competition_prize_rules (
  tier       TEXT NOT NULL CHECK (tier IN ('worldskills','national','province_1','province_2','city','county',
               'industry','enterprise','school')),
  medal      TEXT NOT NULL CHECK (medal IN ('gold','silver','bronze','excellence')),
  recipient  TEXT NOT NULL CHECK (recipient IN ('contestant','expert_team','base_or_unit')),
  amount_fen {{INT}} NOT NULL CHECK (amount_fen > 0),
  source     TEXT NOT NULL,
  updated_by {{INT}},
  updated_at {{INT}} NOT NULL,
  PRIMARY KEY (tier, medal, recipient)
);
INSERT INTO competition_prize_rules (tier, medal, recipient, amount_fen, source, updated_at) VALUES
  ('worldskills', 'gold', 'contestant', 60000000, '种子 003 §21：获得世界技能大赛金牌……的选手，给予 60 万元奖励', 0),
  ('worldskills', 'silver', 'contestant', 30000000, '种子 003 §21：银牌选手 30 万元', 0),
  ('worldskills', 'bronze', 'contestant', 20000000, '种子 003 §21：铜牌选手 20 万元', 0),
  ('worldskills', 'excellence', 'contestant', 10000000, '种子 003 §21：优胜奖选手 10 万元', 0),
  ('worldskills', 'gold', 'expert_team', 60000000, '种子 003 §21：中国技术指导专家团队，金牌 60 万元', 0),
  ('worldskills', 'silver', 'expert_team', 30000000, '种子 003 §21：中国技术指导专家团队，银牌 30 万元', 0),
  ('worldskills', 'bronze', 'expert_team', 20000000, '种子 003 §21：中国技术指导专家团队，铜牌 20 万元', 0),
  ('worldskills', 'excellence', 'expert_team', 10000000, '种子 003 §21：中国技术指导专家团队，优胜奖 10 万元', 0),
  ('worldskills', 'gold', 'base_or_unit', 100000000, '种子 003 §21：省级集训基地、选手选送单位，金牌 100 万元（基地、单位不重复享受）', 0),
  ('worldskills', 'silver', 'base_or_unit', 60000000, '种子 003 §21：省级集训基地、选手选送单位，银牌 60 万元（基地、单位不重复享受）', 0),
  ('worldskills', 'bronze', 'base_or_unit', 30000000, '种子 003 §21：省级集训基地、选手选送单位，铜牌 30 万元（基地、单位不重复享受）', 0),
  ('worldskills', 'excellence', 'base_or_unit', 20000000, '种子 003 §21：省级集训基地、选手选送单位，优胜奖 20 万元（基地、单位不重复享受）', 0),
  ('national', 'gold', 'contestant', 10000000, '山东省人社厅政策明白纸（2024-10，sdqy.dzwww.com）：全国技能大赛金牌 10 万元', 0),
  ('national', 'silver', 'contestant', 6000000, '山东省人社厅政策明白纸（2024-10）：全国技能大赛银牌 6 万元', 0),
  ('national', 'bronze', 'contestant', 4000000, '山东省人社厅政策明白纸（2024-10）：全国技能大赛铜牌 4 万元', 0),
  ('national', 'gold', 'expert_team', 10000000, '山东省人社厅政策明白纸（2024-10）：全国技能大赛金牌，教练团队同额奖励 10 万元', 0),
  ('national', 'silver', 'expert_team', 6000000, '山东省人社厅政策明白纸（2024-10）：全国技能大赛银牌，教练团队同额奖励 6 万元', 0),
  ('national', 'bronze', 'expert_team', 4000000, '山东省人社厅政策明白纸（2024-10）：全国技能大赛铜牌，教练团队同额奖励 4 万元', 0);

-- 集训基地 construction grants (建设补助经费) by the base's class, integer fen
CREATE TABLE competition_base_grant_rules (
  base_class TEXT PRIMARY KEY CHECK (base_class IN ('key','provincial')),
  amount_fen {{INT}} NOT NULL CHECK (amount_fen > 0),
  source     TEXT NOT NULL,
  updated_at {{INT}} NOT NULL
);
INSERT INTO competition_base_grant_rules (base_class, amount_fen, source, updated_at) VALUES
  ('key', 500000000, '种子 003 §21：对世界技能大赛省级重点集训基地给予 500 万元建设补助经费', 0),
  ('provincial', 200000000, '种子 003 §21：对世界技能大赛省级集训基地给予 200 万元建设补助经费', 0);

-- the grants made: one per base and class (a base granted twice for the same class is refused)
CREATE TABLE competition_base_grants (
  id              {{ID}},
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  base_class      TEXT NOT NULL CHECK (base_class IN ('key','provincial')),
  skill           TEXT NOT NULL DEFAULT '',
  amount_fen      {{INT}} NOT NULL CHECK (amount_fen > 0),
  source          TEXT NOT NULL,
  ledger_entry_id {{INT}} NOT NULL REFERENCES ledger_entries(id),
  granted_by      {{INT}} NOT NULL,
  granted_at      {{INT}} NOT NULL,
  UNIQUE (institution_id, base_class)
);

-- 山东省技术能手 from a result: one row per contestant entry (re-running the outcomes adds nothing); the
-- honour itself is the person_honours row (kind provincial_technical_expert), shared when held already
CREATE TABLE competition_honours (
  entry_id       {{INT}} PRIMARY KEY REFERENCES competition_entries(id),
  competition_id {{INT}} NOT NULL REFERENCES competitions(id),
  event_id       {{INT}} NOT NULL REFERENCES competition_events(id),
  person_id      {{INT}} NOT NULL REFERENCES persons(id),
  honour_id      {{INT}} NOT NULL REFERENCES person_honours(id),
  place          {{INT}} NOT NULL,
  basis          TEXT NOT NULL,
  created_by     {{INT}} NOT NULL,
  created_at     {{INT}} NOT NULL
);
CREATE INDEX competition_honours_comp ON competition_honours(competition_id);

-- the promotion one level from a result: one per contestant entry; the certificate is issued from a results
-- row whose competition_entry_id is the basis. awarded_on is the competition's last day (the period of the
-- optional limit counts from it).
ALTER TABLE results ADD COLUMN competition_entry_id {{INT}} REFERENCES competition_entries(id);
CREATE UNIQUE INDEX results_competition_entry ON results(competition_entry_id) WHERE competition_entry_id IS NOT NULL;
CREATE TABLE competition_promotions (
  entry_id        {{INT}} PRIMARY KEY REFERENCES competition_entries(id),
  competition_id  {{INT}} NOT NULL REFERENCES competitions(id),
  event_id        {{INT}} NOT NULL REFERENCES competition_events(id),
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  occupation_code TEXT NOT NULL,
  from_level      {{INT}} NOT NULL,
  to_level        {{INT}} NOT NULL CHECK (to_level BETWEEN 1 AND 5),
  result_id       {{INT}} NOT NULL REFERENCES results(id),
  certificate_id  {{INT}} NOT NULL REFERENCES certificates(id),
  awarded_on      TEXT NOT NULL,
  created_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL
);
CREATE INDEX competition_promotions_person ON competition_promotions(person_id, awarded_on);
CREATE INDEX competition_promotions_comp ON competition_promotions(competition_id);

-- prize money paid from a result: one row per contestant entry and recipient type (UNIQUE: a second run pays
-- nothing; base_or_unit is ONE row whatever the payee, so a base and a unit are never both paid); a team's
-- expert_team and base_or_unit awards once per team. ledger_entry_id: the accrue entry (Dr the province's
-- fund, Cr the payees' payable accounts) of the result.
CREATE TABLE competition_awards (
  id                   {{ID}},
  competition_id       {{INT}} NOT NULL REFERENCES competitions(id),
  event_id             {{INT}} NOT NULL REFERENCES competition_events(id),
  entry_id             {{INT}} NOT NULL REFERENCES competition_entries(id),
  person_id            {{INT}} NOT NULL REFERENCES persons(id),
  team                 TEXT NOT NULL DEFAULT '',
  recipient            TEXT NOT NULL CHECK (recipient IN ('contestant','expert_team','base_or_unit')),
  payee_kind           TEXT NOT NULL CHECK (payee_kind IN ('person','training_base','sending_unit','expert_team')),
  payee_institution_id {{INT}} REFERENCES institutions(id),
  payee_name           TEXT NOT NULL,
  medal                TEXT NOT NULL,
  amount_fen           {{INT}} NOT NULL CHECK (amount_fen > 0),
  reason               TEXT NOT NULL,
  ledger_entry_id      {{INT}} NOT NULL REFERENCES ledger_entries(id),
  created_by           {{INT}} NOT NULL,
  created_at           {{INT}} NOT NULL,
  UNIQUE (entry_id, recipient)
);
CREATE UNIQUE INDEX competition_awards_team ON competition_awards(event_id, team, recipient)
  WHERE team <> '' AND recipient <> 'contestant';
CREATE INDEX competition_awards_comp ON competition_awards(competition_id);
CREATE INDEX competition_awards_person ON competition_awards(person_id);

-- objections (异议) during the 公示 of competition results, in the evaluation's objections table: plan_id
-- becomes optional and an objection names a competition event (and optionally the contestant's entry).
-- SQLite cannot drop NOT NULL: the table is rebuilt there (same columns in the same order as PostgreSQL's
-- ALTERs give); PostgreSQL alters it in place.
{{SQLITE}}CREATE TABLE objections_new (
{{SQLITE}}  id           {{ID}},
{{SQLITE}}  plan_id      {{INT}} REFERENCES plans(id),
{{SQLITE}}  result_id    {{INT}} REFERENCES results(id),
{{SQLITE}}  text         TEXT NOT NULL,
{{SQLITE}}  contact      TEXT NOT NULL DEFAULT '',
{{SQLITE}}  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
{{SQLITE}}  resolution   TEXT NOT NULL DEFAULT '',
{{SQLITE}}  created_at   {{INT}} NOT NULL,
{{SQLITE}}  resolved_at  {{INT}},
{{SQLITE}}  competition_event_id {{INT}} REFERENCES competition_events(id),
{{SQLITE}}  competition_entry_id {{INT}} REFERENCES competition_entries(id)
{{SQLITE}});
{{SQLITE}}INSERT INTO objections_new (id, plan_id, result_id, text, contact, status, resolution, created_at, resolved_at)
{{SQLITE}}  SELECT id, plan_id, result_id, text, contact, status, resolution, created_at, resolved_at FROM objections;
{{SQLITE}}DROP TABLE objections;
{{SQLITE}}ALTER TABLE objections_new RENAME TO objections;
{{SQLITE}}CREATE INDEX objections_plan ON objections(plan_id, status);
{{PG}}ALTER TABLE objections ALTER COLUMN plan_id DROP NOT NULL;
{{PG}}ALTER TABLE objections ADD COLUMN competition_event_id {{INT}} REFERENCES competition_events(id);
{{PG}}ALTER TABLE objections ADD COLUMN competition_entry_id {{INT}} REFERENCES competition_entries(id);
CREATE INDEX objections_competition ON objections(competition_event_id, status) WHERE competition_event_id IS NOT NULL;
