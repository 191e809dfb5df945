-- PostgreSQL twin of ../0003_pulse.sql. The same tables; see that file for the anonymity design.
--
-- NOT YET SAFE FOR THE PULSE ON POSTGRESQL (the app refuses DATABASE_URL until this is settled): SQLite's
-- WITHOUT ROWID keeps both tables in the order of their random keys, but a PostgreSQL heap keeps rows in
-- insertion order and stamps each with the writing transaction's id (xmin). A receipt and its response
-- written in one transaction share an xmin, which links them for anyone holding LEADWELL_SECRET. The
-- PostgreSQL pulse repository must break that link before PostgreSQL serves the pulse (see docs/postgres.md).

CREATE TABLE pulse_receipts (
  respondent_hash TEXT PRIMARY KEY,
  period          TEXT NOT NULL
);

CREATE TABLE pulse_responses (
  id              TEXT PRIMARY KEY,
  period          TEXT NOT NULL,
  manager_id      TEXT NOT NULL REFERENCES people(id),
  rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment         TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
  created_on      TEXT NOT NULL
);
CREATE INDEX pulse_responses_manager ON pulse_responses(manager_id, period, rating);
CREATE INDEX pulse_responses_period ON pulse_responses(period, manager_id, rating);

CREATE INDEX one_on_ones_held ON one_on_ones(held_at, manager_id, report_id);
CREATE INDEX kudos_recipients_created ON kudos_recipients(created_at, recipient_id);
CREATE INDEX nudges_kind_due ON nudges(kind, status, due_at, person_id);
CREATE INDEX events_kind_ref ON events(kind, ref_id);
