-- guidance_seen gets an explicit row id, so "most recent first" can break a tie between two picks recorded in the
-- same millisecond on both engines (SQLite used its hidden rowid; PostgreSQL has none, and heap order is not
-- insertion order once rows are deleted). Here the id is the rowid the rows already had, so order is unchanged.
-- The index ends in the id, so the newest picks are read straight off it, without a sort.
--
-- SQLite cannot turn a column into the rowid in place. The rows go to a temp copy first and the table is dropped
-- before it is created again, so the new table and index take the pages the old ones freed: no page is left on
-- the freelist (what 0012 and 0013 keep to, and what the /healthz "disk full" probe relies on).
CREATE TEMP TABLE guidance_seen_copy AS SELECT rowid AS id, person_id, item_id, pool, seen_at FROM guidance_seen;
DROP TABLE guidance_seen;
CREATE TABLE guidance_seen (
  id              INTEGER PRIMARY KEY,
  person_id       TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  pool            TEXT NOT NULL,                -- the selection the item was drawn from (level/topic/situation)
  seen_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX guidance_seen_person ON guidance_seen(person_id, pool, seen_at, id);
INSERT INTO guidance_seen (id, person_id, item_id, pool, seen_at)
  SELECT id, person_id, item_id, pool, seen_at FROM temp.guidance_seen_copy ORDER BY id;
DROP TABLE temp.guidance_seen_copy;
