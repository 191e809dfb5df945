-- A change of someone's manager that waits for confirmation (issue 15: report takeover from App Home).
-- Nothing in people changes until a request is confirmed by the manager on record, the person or an admin.
-- Adds a table only.

CREATE TABLE reporting_line_requests (
  id              TEXT PRIMARY KEY,             -- random: what the Confirm / Not me buttons carry
  person_id       TEXT NOT NULL REFERENCES people(id),
  from_manager_id TEXT REFERENCES people(id),   -- manager on record when asked; the change applies only if still so
  to_manager_id   TEXT NOT NULL REFERENCES people(id),
  requested_by    TEXT NOT NULL REFERENCES people(id),
  via             TEXT NOT NULL,                -- app_home, oneonone, prep_card, ...
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'confirmed', 'declined', 'expired', 'cancelled')),
  decided_by      TEXT,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  decided_at      INTEGER
) STRICT;
-- One open request per person and proposed manager: a double submit finds the first one.
CREATE UNIQUE INDEX reporting_line_requests_open ON reporting_line_requests(person_id, to_manager_id) WHERE status = 'pending';
CREATE INDEX reporting_line_requests_due ON reporting_line_requests(status, expires_at);
