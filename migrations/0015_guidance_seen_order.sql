-- guidance_seen gets an explicit row id, so "most recent first" can break a tie between two picks recorded in the
-- same millisecond on both engines (SQLite used its hidden rowid; PostgreSQL has none, and heap order is not
-- insertion order once rows are deleted). Here the id is the rowid the rows already had, so order is unchanged.
-- The index ends in the id, so the newest picks are read straight off it, without a sort.
CREATE TABLE guidance_seen_ordered (
  id              INTEGER PRIMARY KEY,
  person_id       TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  pool            TEXT NOT NULL,                -- the selection the item was drawn from (level/topic/situation)
  seen_at         INTEGER NOT NULL
) STRICT;
INSERT INTO guidance_seen_ordered (id, person_id, item_id, pool, seen_at)
  SELECT rowid, person_id, item_id, pool, seen_at FROM guidance_seen ORDER BY rowid;
DROP TABLE guidance_seen;
ALTER TABLE guidance_seen_ordered RENAME TO guidance_seen;
CREATE INDEX guidance_seen_person ON guidance_seen(person_id, pool, seen_at, id);
