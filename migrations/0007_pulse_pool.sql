-- The pulse's anonymity, second design (docs/adr/0003-pulse-anonymity.md).
--
-- An attack run linked every answer to its author from the file alone: the receipt and the response were
-- written in one transaction, so the WAL frames and the page cell offsets (SQLite stores cells in
-- insertion order) paired them. Now:
--  * pulse_receipts gets `released`: 0 while the person's answer waits in the app's memory (never on disk),
--    1 once it was written in a shuffled batch of at least PULSE_MIN_RESPONSES answers about that manager
--    (or discarded unread because too few people answered). A restart finds the 0s and asks those people again.
--  * pulse_responses loses `created_on`: an answer carries its period only.
-- Both tables are rebuilt so the old rows lose their insertion order: receipts in hash order, responses in
-- the order of their random id. The connection runs with secure_delete, so the old pages are zeroed.

CREATE TABLE pulse_receipts_v2 (
  respondent_hash TEXT PRIMARY KEY,             -- HMAC(LEADWELL_SECRET, person_id + period), hex
  period          TEXT NOT NULL,                -- 'YYYY-MM'
  released        INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1))
) STRICT, WITHOUT ROWID;
INSERT INTO pulse_receipts_v2 (respondent_hash, period, released)
  SELECT respondent_hash, period, 1 FROM pulse_receipts ORDER BY respondent_hash;
DROP TABLE pulse_receipts;
ALTER TABLE pulse_receipts_v2 RENAME TO pulse_receipts;

CREATE TABLE pulse_responses_v2 (
  id              TEXT PRIMARY KEY,             -- random, carries no order
  period          TEXT NOT NULL,                -- 'YYYY-MM'; no day, no time
  manager_id      TEXT NOT NULL REFERENCES people(id),
  rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment         TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000)
) STRICT, WITHOUT ROWID;
INSERT INTO pulse_responses_v2 (id, period, manager_id, rating, comment)
  SELECT id, period, manager_id, rating, comment FROM pulse_responses ORDER BY id;
DROP TABLE pulse_responses;
ALTER TABLE pulse_responses_v2 RENAME TO pulse_responses;
CREATE INDEX pulse_responses_manager ON pulse_responses(manager_id, period, rating);
CREATE INDEX pulse_responses_period ON pulse_responses(period, manager_id, rating);
