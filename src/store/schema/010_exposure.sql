-- 010: how often each item has been drawn in a sitting, kept as papers are built (exposure balance
-- without re-reading every paper of the room at each admission)
CREATE TABLE item_exposure (
  sitting_id {{INT}} NOT NULL REFERENCES sittings(id),
  item_id    {{INT}} NOT NULL REFERENCES items(id),
  uses       {{INT}} NOT NULL,
  PRIMARY KEY (sitting_id, item_id)
);
