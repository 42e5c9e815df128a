-- 066: moving a sitting (改期/换场, issue 24 item 3; docs/DOMAIN.md §57). A sitting keeps its last move so that
-- its admitted candidates see on their own list that the time or room changed and what it was before (there is
-- no message channel to candidates); every move is audited (sitting.move) with the old and new time and room.
ALTER TABLE sittings ADD COLUMN moved_at {{INT}};
ALTER TABLE sittings ADD COLUMN moved_from_starts_at {{INT}};
ALTER TABLE sittings ADD COLUMN moved_from_room TEXT NOT NULL DEFAULT '';
