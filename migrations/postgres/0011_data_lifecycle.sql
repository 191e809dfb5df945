-- PostgreSQL twin of ../0011_data_lifecycle.sql (retention, leavers' anonymisation, the audit pages).
-- Adds columns and indexes only.

ALTER TABLE people ADD COLUMN left_at BIGINT;
ALTER TABLE people ADD COLUMN erased_at BIGINT;
UPDATE people SET left_at = updated_at WHERE deleted = 1;
CREATE INDEX people_left ON people(left_at) WHERE deleted = 1;

CREATE INDEX events_at ON events(at);
