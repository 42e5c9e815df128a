-- 017: logins (docs/security/auth.md). login_clients remembers each client address from which an account has
-- logged in successfully (kept 30 days after the last success); the per-account progressive delay does not
-- apply there, so wrong passwords sent by others cannot keep an account's owner out. users.failed_logins counts
-- consecutive failures and users.locked_until is now the time before which the next attempt is refused (0 or
-- the time of the last failure when no delay applies). The login log reads audit_log by action.
CREATE TABLE login_clients (
  user_id {{INT}} NOT NULL REFERENCES users(id),
  client  TEXT NOT NULL,
  last_at {{INT}} NOT NULL,
  PRIMARY KEY (user_id, client)
);
CREATE INDEX audit_log_action ON audit_log(action, seq);
