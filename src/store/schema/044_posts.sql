-- 044 (given 043; 043 is open data's, so the next free number): 新八级工 posts (评聘; issue 22 item 1; docs/DOMAIN.md "特级技师、首席技师评聘"): the bureau's authorisation of
-- the trial per self-evaluating enterprise, the enterprise's 特级技师 / 首席技师 posts with their pay and
-- benefits as data, the appointment rounds (applications, a panel with 回避 and independent scoring in three
-- stages: 业绩评审, 现场答辩, 综合评审), the appointments for a term with their yearly appraisals, and the
-- province's publication of the name lists.

-- post_trials: 试行设立特级技师岗位 (seed 000) / 遴选领军企业 (seed 004): which filed employer may appoint.
-- authority: the province (any enterprise) or the city bureau of the enterprise's region (seed 004, 潍坊).
-- covers_chief: whether the trial also covers 首席技师 (seed 004: 特级技师 piloted in 2021, 首席技师 in 2023).
CREATE TABLE post_trials (
  id              {{ID}},
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  authority       TEXT NOT NULL CHECK (authority IN ('province','city')),
  doc_no          TEXT NOT NULL,
  decided_on      TEXT NOT NULL,
  scope           TEXT NOT NULL,
  covers_chief    {{INT}} NOT NULL DEFAULT 1,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','revoked')),
  revoked_on      TEXT,
  revoke_doc_no   TEXT NOT NULL DEFAULT '',
  revoke_reason   TEXT NOT NULL DEFAULT '',
  decided_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE UNIQUE INDEX post_trials_active ON post_trials(institution_id) WHERE status = 'active';

-- post_defs: an authorised enterprise's 特级技师 (rung 'special') or 首席技师 ('chief') post. Pay in fen a month:
-- the post's own, and the employer's reference post it is set by (正高级工程师 / 副总); one-off and monthly
-- sums (seed 002's example: 一次性奖励, 技能津贴). min_rung: the ladder rung an applicant must hold (core/ladder.h
-- code). conditions: JSON [{text, source}] ('[GAP]' where the seeds say nothing).
CREATE TABLE post_defs (
  id                  {{ID}},
  institution_id      {{INT}} NOT NULL REFERENCES institutions(id),
  region_code         TEXT NOT NULL,
  trial_id            {{INT}} NOT NULL REFERENCES post_trials(id),
  rung                TEXT NOT NULL CHECK (rung IN ('special','chief')),
  name                TEXT NOT NULL,
  seats               {{INT}} NOT NULL,
  term_months         {{INT}} NOT NULL,
  min_rung            TEXT NOT NULL,
  conditions          TEXT NOT NULL DEFAULT '[]',
  reference_post      TEXT NOT NULL,
  reference_pay_fen   {{INT}} NOT NULL,
  monthly_pay_fen     {{INT}} NOT NULL,
  monthly_allowance_fen {{INT}} NOT NULL DEFAULT 0,
  one_off_fen         {{INT}} NOT NULL DEFAULT 0,
  benefits            TEXT NOT NULL DEFAULT '',
  active              {{INT}} NOT NULL DEFAULT 1,
  created_at          {{INT}} NOT NULL,
  updated_at          {{INT}} NOT NULL
);
CREATE INDEX post_defs_inst ON post_defs(institution_id);

-- post_rounds: an appointment round for one post (core/post_flow.c post_round_fsm). criteria: JSON
-- [{name, points, stage, star?}], stage performance (业绩评审) / defence (现场答辩) / overall (综合评审).
CREATE TABLE post_rounds (
  id              {{ID}},
  post_id         {{INT}} NOT NULL REFERENCES post_defs(id),
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  name            TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open',
  pass_score      {{REAL}} NOT NULL,
  criteria        TEXT NOT NULL DEFAULT '[]',
  spread_pct      {{REAL}} NOT NULL DEFAULT 0.2,
  reason          TEXT NOT NULL DEFAULT '',
  appointed_on    TEXT,
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX post_rounds_post ON post_rounds(post_id);

CREATE TABLE post_round_panel (
  round_id  {{INT}} NOT NULL REFERENCES post_rounds(id),
  user_id   {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (round_id, user_id)
);

-- post_applications: an employee's application; eligibility checked on entry (the ladder rung, the employer),
-- the panel score and the rank on ranking, selected = appointed when the round appoints.
CREATE TABLE post_applications (
  id          {{ID}},
  round_id    {{INT}} NOT NULL REFERENCES post_rounds(id),
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  held_rung   TEXT NOT NULL,
  achievements TEXT NOT NULL DEFAULT '',
  score       {{REAL}},
  star_failed {{INT}} NOT NULL DEFAULT 0,
  rank_no     {{INT}},
  selected    {{INT}} NOT NULL DEFAULT 0,
  created_at  {{INT}} NOT NULL
);
CREATE UNIQUE INDEX post_applications_person ON post_applications(round_id, person_id);

CREATE TABLE post_scores (
  application_id {{INT}} NOT NULL REFERENCES post_applications(id),
  examiner_id    {{INT}} NOT NULL REFERENCES users(id),
  criterion      {{INT}} NOT NULL,
  score          {{REAL}} NOT NULL,
  created_at     {{INT}} NOT NULL,
  PRIMARY KEY (application_id, examiner_id, criterion)
);

-- post_appointments: one term (core/post_flow.c post_appt_fsm); a renewal is a new row with previous_id.
-- published_at: when the province published it on the name list (public: GET /public/posts).
CREATE TABLE post_appointments (
  id              {{ID}},
  post_id         {{INT}} NOT NULL REFERENCES post_defs(id),
  round_id        {{INT}} REFERENCES post_rounds(id),
  application_id  {{INT}} REFERENCES post_applications(id),
  previous_id     {{INT}} REFERENCES post_appointments(id),
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  rung            TEXT NOT NULL,
  term_no         {{INT}} NOT NULL DEFAULT 1,
  starts_on       TEXT NOT NULL,
  ends_on         TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'serving',
  end_reason      TEXT NOT NULL DEFAULT '',
  ended_on        TEXT,
  published_at    {{INT}},
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX post_appointments_person ON post_appointments(person_id);
CREATE INDEX post_appointments_inst ON post_appointments(institution_id, status);

CREATE TABLE post_appraisals (
  appointment_id {{INT}} NOT NULL REFERENCES post_appointments(id),
  year_no        {{INT}} NOT NULL,
  result         TEXT NOT NULL CHECK (result IN ('pass','fail')),
  remark         TEXT NOT NULL DEFAULT '',
  recorded_by    {{INT}} NOT NULL,
  created_at     {{INT}} NOT NULL,
  PRIMARY KEY (appointment_id, year_no)
);
