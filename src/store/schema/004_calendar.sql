-- 004: the working-day calendar (法定节假日 and 调休上班 days) used for publicity periods (公示期)
CREATE TABLE calendar_days (
  day     TEXT PRIMARY KEY,                      -- YYYY-MM-DD
  workday INTEGER NOT NULL,                      -- 1: a weekend made a working day (调休上班); 0: a holiday
  name    TEXT NOT NULL DEFAULT ''
);
