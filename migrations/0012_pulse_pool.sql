-- The pulse's anonymity, second design (docs/adr/0003-pulse-anonymity.md).
--
-- An attack run linked every answer to its author from the file alone: the receipt and the response were
-- written in one transaction, so the WAL frames and the page cell offsets (SQLite stores cells in
-- insertion order) paired them. Now:
--  * pulse_receipts gets `released`: 0 while the person's answer waits in the app's memory (never on disk),
--    1 once it was written in a shuffled batch of at least PULSE_MIN_RESPONSES answers about that manager
--    (or discarded unread because too few people answered). A restart finds the 0s and asks those people again.
--  * pulse_responses loses `created_on`: an answer carries its period only.
-- Both tables are rewritten so the old rows lose their insertion order: receipts in hash order, responses in
-- the order of their random id. The connection runs with secure_delete, so the old cells are zeroed.
-- Receipts already there belong to answers already written: released = 1.

-- Rebuilt in place (a temp copy, DELETE, re-insert): dropping and recreating the tables would leave their
-- old pages on the freelist of every database, fresh ones included.

ALTER TABLE pulse_receipts ADD COLUMN released INTEGER NOT NULL DEFAULT 1 CHECK (released IN (0, 1));
CREATE TEMP TABLE pulse_receipts_copy AS SELECT respondent_hash, period, released FROM pulse_receipts;
DELETE FROM pulse_receipts;
INSERT INTO pulse_receipts (respondent_hash, period, released)
  SELECT respondent_hash, period, released FROM temp.pulse_receipts_copy ORDER BY respondent_hash;
DROP TABLE temp.pulse_receipts_copy;

ALTER TABLE pulse_responses DROP COLUMN created_on;
CREATE TEMP TABLE pulse_responses_copy AS SELECT id, period, manager_id, rating, comment FROM pulse_responses;
DELETE FROM pulse_responses;
INSERT INTO pulse_responses (id, period, manager_id, rating, comment)
  SELECT id, period, manager_id, rating, comment FROM temp.pulse_responses_copy ORDER BY id;
DROP TABLE temp.pulse_responses_copy;
