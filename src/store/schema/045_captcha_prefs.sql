-- 045 (given 046; the next free number at landing): the login captcha and the web UI's per-user preferences (issue 19; docs/security/auth.md "验证码",
-- docs/WEB.md). Both live in the database so that every serve node on one database shares them: a captcha
-- drawn by one node is answered on another, and a user's remembered columns follow them to another browser.
--
-- captchas: one drawn picture. Only the SM3 hash of the answer is kept (answer_hash = SM3 hex of
-- "id:ANSWER"), never the characters; it may be used once (used_at) and until expires_at. Rows past their
-- expiry are pruned, a bounded number at each new captcha.
CREATE TABLE captchas (
  id          TEXT PRIMARY KEY,
  answer_hash TEXT NOT NULL,
  created_at  {{INT}} NOT NULL,
  expires_at  {{INT}} NOT NULL,
  used_at     {{INT}},
  client      TEXT NOT NULL
);
CREATE INDEX captchas_expires ON captchas(expires_at);
-- login_client_fails: consecutive failed logins per client address (as users.failed_logins per account), for
-- the captcha a client must solve after too many (JINENG_CAPTCHA_CLIENT_AFTER). last_at is the time of the last
-- failure; a row idle longer than the window is forgotten (the count starts again) and pruned by later failures.
CREATE TABLE login_client_fails (
  client  TEXT PRIMARY KEY,
  failed  {{INT}} NOT NULL,
  last_at {{INT}} NOT NULL
);
CREATE INDEX login_client_fails_last ON login_client_fails(last_at);
-- user_preferences: the web UI's remembered settings of one account (a JSON object, at most 16 KB: the
-- visible columns of each list page), read and replaced through GET/PUT /api/v1/me/preferences.
CREATE TABLE user_preferences (
  user_id    {{INT}} PRIMARY KEY REFERENCES users(id),
  prefs      TEXT NOT NULL,
  updated_at {{INT}} NOT NULL
);
