-- 013: 监考人员 per sitting (at least 2 a room, 1 for each 15 candidates: core/room.h)
CREATE TABLE sitting_invigilators (
  sitting_id {{INT}} NOT NULL REFERENCES sittings(id),
  user_id    {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (sitting_id, user_id)
);
