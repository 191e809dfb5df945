-- Data lifecycle (issue 19): retention, leavers' anonymisation, the audit trail's pages. Adds columns and
-- indexes only. Private text is encrypted in its existing columns (src/storage/sealed-text.ts): no new column.
--
-- people.left_at: when Slack deactivated the person (RETENTION_LEAVERS_DAYS counts from here); people already
--   deactivated count from their last update, the best the database knows.
-- people.erased_at: set on the anonymous record that replaces an erased person (npm run privacy -- erase).

ALTER TABLE people ADD COLUMN left_at INTEGER;
ALTER TABLE people ADD COLUMN erased_at INTEGER;
UPDATE people SET left_at = updated_at WHERE deleted = 1;
-- Partial, so queries about people still here (deleted = 0) keep their own indexes.
CREATE INDEX people_left ON people(left_at) WHERE deleted = 1;

-- Retention deletes events by age and /coach audit pages them newest first.
CREATE INDEX events_at ON events(at);
