-- Anonymous upward pulse. Adds tables only.
--
-- Anonymity by construction:
--  * pulse_receipts holds only a keyed hash HMAC(secret, person_id + period): it stops a second answer and
--    nothing else. It has no rating, no time and no link to a response.
--  * pulse_responses holds the answer with no person id, a random id (WITHOUT ROWID, so storage order is the
--    order of that random id, not the order of clicks) and the local date only (never the click time).
-- The two are written in one transaction; nothing joins them afterwards.

CREATE TABLE pulse_receipts (
  respondent_hash TEXT PRIMARY KEY,             -- HMAC(secret, person_id + period), hex
  period          TEXT NOT NULL                 -- 'YYYY-MM'
) STRICT, WITHOUT ROWID;

CREATE TABLE pulse_responses (
  id              TEXT PRIMARY KEY,             -- random, carries no order
  period          TEXT NOT NULL,                -- 'YYYY-MM'
  manager_id      TEXT NOT NULL REFERENCES people(id),
  rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment         TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
  created_on      TEXT NOT NULL                 -- 'YYYY-MM-DD' (UTC day), never the exact time
) STRICT, WITHOUT ROWID;
CREATE INDEX pulse_responses_manager ON pulse_responses(manager_id, period, rating);
CREATE INDEX pulse_responses_period ON pulse_responses(period, manager_id, rating);

-- Report read model (src/storage/report-read-model.ts): window scans over time seek these.
CREATE INDEX one_on_ones_held ON one_on_ones(held_at, manager_id, report_id);
CREATE INDEX kudos_recipients_created ON kudos_recipients(created_at, recipient_id);
CREATE INDEX nudges_kind_due ON nudges(kind, status, due_at, person_id);
CREATE INDEX events_kind_ref ON events(kind, ref_id);
