-- 010: how often each item has been drawn in a sitting, kept as papers are built (exposure balance
-- without re-reading every paper of the room at each admission)
CREATE TABLE item_exposure (
  sitting_id INTEGER NOT NULL REFERENCES sittings(id),
  item_id    INTEGER NOT NULL REFERENCES items(id),
  uses       INTEGER NOT NULL,
  PRIMARY KEY (sitting_id, item_id)
);
