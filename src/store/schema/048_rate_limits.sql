-- 048 (given 047; the next free number at landing) (issue 18 item 2, stateless nodes): the rate limits several `jineng serve` nodes share. One row per
-- (bucket, subject): the start of the subject's current window and the events counted in it (svc/auth/throttle.c,
-- throttle_hit_shared). Buckets: 'login-client' (failed logins per client address, JINENG_LOGIN_CLIENT_MAX
-- in 15 minutes), 'admit' (admissions per institution, JINENG_ADMIT_RATE a minute), 'complaint' (complaints
-- per client address, JINENG_COMPLAINT_RATE an hour). Rows of windows long over are deleted as the table is
-- used. The public look-ups (JINENG_VERIFY_RATE) stay per node: docs/OPERATIONS.md "Stateless nodes".
CREATE TABLE rate_limits (
  bucket        TEXT NOT NULL,
  subject       TEXT NOT NULL,
  window_start  {{INT}} NOT NULL,
  hits          {{INT}} NOT NULL,
  PRIMARY KEY (bucket, subject)
);
CREATE INDEX rate_limits_window ON rate_limits (bucket, window_start);
