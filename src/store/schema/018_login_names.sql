-- 018: names that are no account (docs/security/auth.md). A failed login for such a name keeps its
-- consecutive failures and progressive delay here, as an account keeps them in users.failed_logins and
-- users.locked_until, so that both answer alike (the same statements, the same round trips) and every serve
-- node on one database applies the same delay. name is the attempted name as recorded in the audit archive
-- (at most 64 printable ASCII bytes). locked_until is the end of the delay or, when none applies, the time
-- of the last failure; a row whose locked_until is a day old is forgotten and pruned by later failed logins
-- (a bounded number each, by the index below).
CREATE TABLE login_names (
  name          TEXT PRIMARY KEY,
  failed_logins INTEGER NOT NULL,
  locked_until  {{INT}} NOT NULL
);
CREATE INDEX login_names_locked ON login_names(locked_until);
