-- 054 (S1's second migration for issue 17 item 4, the lowest free number at landing; 052 and 053 are cultivation's and apprenticeships'): the supply history of the
-- 急需紧缺 forecast (docs/DOMAIN.md §59). The statistics counters (stat_counts) count certificates and training
-- completions from the day the system went live; the forecast needs years of monthly history. This table holds
-- the bureaus' own figures of the months before (certificates issued, training completions of an occupation in a
-- county or city), with their source; the forecast adds them to the counters' figures of the same months (the
-- two never hold the same month of a region: the history is what the counters do not have).
CREATE TABLE shortage_supply_history (
  region_code     TEXT NOT NULL REFERENCES regions(code),
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  month           TEXT NOT NULL,
  certificates    {{INT}} NOT NULL DEFAULT 0 CHECK (certificates >= 0),
  completions     {{INT}} NOT NULL DEFAULT 0 CHECK (completions >= 0),
  source          TEXT NOT NULL,
  PRIMARY KEY (region_code, occupation_code, month)
);
