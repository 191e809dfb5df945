-- Pulse comments are stored encrypted (AES-256-GCM under LEADWELL_DATA_KEY, src/storage/pulse-comment-crypto.ts),
-- like 1:1 notes. A sealed comment of 1000 characters is up to 5385 characters long ("lw1:<key id>:" and
-- base64url of iv, tag and 4 bytes per character: sealedLengthFor(1000)), so the CHECK moves: the
-- 1000-character limit on what a person writes stays in the domain (MAX_COMMENT, checked where the answer
-- is accepted); the database allows the sealed length.
--
-- SQLite cannot change a CHECK in place. As 0012 does, the table is rewritten in place rather than dropped
-- and recreated (which would leave all its old pages on the freelist): the rows go to a temp copy, the table
-- is emptied (secure_delete zeroes the cells and the freed pages), the column is dropped and added again with
-- the new CHECK (on an empty table), and the rows come back in the order of their random id, so insertion
-- order says nothing. They reuse the freed pages; packed in key order they may need a page fewer, which stays
-- on the freelist zeroed.
-- Comments from before encryption stay plaintext here (SQL cannot encrypt): the app seals them at start-up
-- and `npm run keys:rotate` does too (PULSE_COMMENTS_COLUMN is in SEALED_COLUMNS).

CREATE TEMP TABLE pulse_responses_copy AS SELECT id, period, manager_id, rating, comment FROM pulse_responses;
DELETE FROM pulse_responses;
ALTER TABLE pulse_responses DROP COLUMN comment;
ALTER TABLE pulse_responses ADD COLUMN comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 5385);
INSERT INTO pulse_responses (id, period, manager_id, rating, comment)
  SELECT id, period, manager_id, rating, comment FROM temp.pulse_responses_copy ORDER BY id;
DROP TABLE temp.pulse_responses_copy;
