-- The order a giver named the recipients of a kudos in ("thanks @b and @a" posts them as b, a). SQLite kept it
-- in the hidden rowid; PostgreSQL has no such order (a heap's row order is not insertion order once space is
-- reused), so it becomes a column both engines read: 0, 1, 2… per kudos. Existing rows get their rowid order.
ALTER TABLE kudos_recipients ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE kudos_recipients SET position = (
  SELECT COUNT(*) FROM kudos_recipients r WHERE r.kudos_id = kudos_recipients.kudos_id AND r.rowid < kudos_recipients.rowid
);
