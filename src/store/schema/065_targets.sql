-- 065: 目标任务 (targets; issue 24 item 6; docs/DOMAIN.md §67; src/svc/stats/targets.c). An indicator of a region
-- with its value, deadline and source as data; its progress is never typed in: `metric` names a function of the
-- registry in svc/stats/targets.c that counts what the system holds (the statistics counters or a count of
-- its rows), `metric_arg` its argument (a programme code, a platform type).
-- period 'deadline': value due by `deadline`, counted from the baseline (baseline_on, baseline_value: the
-- stock before the system counted, [GAP] data the bureau records with its source); 'yearly': value every
-- year from the baseline's year to the deadline's (deadline '' : every year, open-ended). The expected path is
-- linear from the baseline to the deadline (our choice [GAP]); behind when the actual falls short of it by
-- more than tolerance_pct per cent (5 [GAP]). region_code: 370000 the province, a city's code for a city.
-- (no foreign key to regions: the regions are loaded after the migrations; the use case checks the code)
CREATE TABLE targets (
  id             {{ID}},
  code           TEXT NOT NULL,
  name           TEXT NOT NULL,
  region_code    TEXT NOT NULL,
  metric         TEXT NOT NULL,
  metric_arg     TEXT NOT NULL DEFAULT '',
  period         TEXT NOT NULL CHECK (period IN ('deadline','yearly')),
  value          {{INT}} NOT NULL CHECK (value > 0),
  unit           TEXT NOT NULL DEFAULT '',
  baseline_on    TEXT NOT NULL,
  baseline_value {{INT}} NOT NULL DEFAULT 0 CHECK (baseline_value >= 0),
  deadline       TEXT NOT NULL DEFAULT '',
  tolerance_pct  {{INT}} NOT NULL DEFAULT 5 CHECK (tolerance_pct BETWEEN 0 AND 50),
  source         TEXT NOT NULL,
  gaps           TEXT NOT NULL DEFAULT '',
  updated_by     {{INT}} REFERENCES users(id),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL,
  UNIQUE (code, region_code)
);
CREATE INDEX targets_region ON targets(region_code);

-- the seeds' targets, each with its sentence (docs/DOMAIN.md §67)
INSERT INTO targets (code, name, region_code, metric, metric_arg, period, value, unit, baseline_on, baseline_value, deadline, tolerance_pct, source, gaps, created_at, updated_at) VALUES
  ('high_skill_2025', '高技能人才总量', '370000', 'high_skill.certified', '', 'deadline', 3800000, '人', '2020-12-18', 0, '2025-12-31', 5,
   '种子 003（鲁人社发〔2020〕18号，2020年12月18日）总体目标：力争到2025年，全省高技能人才总量达到380万人以上',
   '基数 [GAP]：2020年12月18日的高技能人才存量不在种子中（种子 000 “目前，全省高技能人才突破379万人” 无日期），由省厅按来源录入；进度按高级工及以上证书净增计（一人多证计多次）', 0, 0),
  ('key_events_yearly', '“技能兴鲁”职业技能大赛省级重点赛事', '370000', 'competition.key_events', '', 'yearly', 60, '项', '2021-01-01', 0, '', 5,
   '种子 003 第20条：每年组织不少于 60 项“技能兴鲁”职业技能大赛省级重点赛事',
   '计数口径 [GAP]：纳入年度省级竞赛计划并获批准的竞赛，按开赛日期计入', 0, 0),
  ('apprentices_2025', '企业新型学徒职工培养', '370000', 'apprentice.trained', '', 'deadline', 100000, '人', '2020-12-18', 0, '2025-12-31', 5,
   '种子 003 第5条：到2025年，全省培养不少于10万名企业新型学徒职工',
   '计数口径 [GAP]：审核通过进入培训及已结业的学徒，按培训开始日期计入；基数 [GAP]', 0, 0),
  ('special_items_2025', '专项职业能力考核项目', '370000', 'special_item.published', '', 'deadline', 500, '项', '2020-12-18', 0, '2025-12-31', 5,
   '种子 003 第13条：到 2025 年开发公布不少于 500 项专项职业能力考核项目',
   '计数口径：职业目录中的专项职业能力项目（occupations.kind = special，按录入日期）；专项目录的版本化发布（issue 24 item 5）建成后改按发布日期 [GAP]', 0, 0),
  ('golden_blue_yearly', '“金蓝领”培训项目参训企业职工', '370000', 'programme.enrolled', 'golden_blue', 'yearly', 20000, '人', '2021-01-01', 0, '', 5,
   '种子 003 第4条：重点打造山东省“金蓝领”培训项目，每年参加技师、高级技师等级培养的企业职工不少于2万人',
   '计数口径 [GAP]：标记为“金蓝领”项目的培训班的报名人数，按开班日期计入（与培养项目进度同一口径）', 0, 0),
  ('workstations_2026', '齐鲁技能大师特色工作站', '370000', 'platform.established', 'qilu_workstation', 'deadline', 200, '个', '2020-12-18', 0, '2026-12-31', 5,
   '种子 001（2026年专题报道）：依托企业院校建成……齐鲁技能大师特色工作站200个；设计 DOMAIN §10 读作“200 by 2026”（种子 003 第8条：建设 100 所左右的特色工作站）',
   '期限与目标值为设计文档的读法 [V]；基数 [GAP]：系统之外已建的工作站由省厅录入；进度为已立项且未撤销的工作站，按立项日期计入', 0, 0);

-- the apprenticeship target of 053 becomes the general one (GET /cultivation/apprentice-target reads it here)
INSERT INTO targets (code, name, region_code, metric, metric_arg, period, value, unit, baseline_on, baseline_value, deadline, tolerance_pct, source, gaps, created_at, updated_at)
  SELECT 'apprentices_' || substr(a.deadline, 1, 4) || '_' || a.region_code, '企业新型学徒职工培养', substr(a.region_code || '000000', 1, 6), 'apprentice.trained', '', 'deadline', a.target, '人', '2020-12-18', 0, a.deadline, 5, a.source, '', 0, 0
  FROM apprentice_targets a
  WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.metric = 'apprentice.trained' AND t.region_code = substr(a.region_code || '000000', 1, 6) AND t.deadline = a.deadline);
DROP TABLE apprentice_targets;
