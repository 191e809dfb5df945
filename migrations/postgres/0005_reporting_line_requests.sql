-- PostgreSQL twin of ../0005_reporting_line_requests.sql (a manager change waiting for confirmation).

CREATE TABLE reporting_line_requests (
  id              TEXT PRIMARY KEY,
  person_id       TEXT NOT NULL REFERENCES people(id),
  from_manager_id TEXT REFERENCES people(id),
  to_manager_id   TEXT NOT NULL REFERENCES people(id),
  requested_by    TEXT NOT NULL REFERENCES people(id),
  via             TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'confirmed', 'declined', 'expired', 'cancelled')),
  decided_by      TEXT,
  created_at      BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  decided_at      BIGINT
);
-- One open request per person and proposed manager: a double submit finds the first one.
CREATE UNIQUE INDEX reporting_line_requests_open ON reporting_line_requests(person_id, to_manager_id) WHERE status = 'pending';
CREATE INDEX reporting_line_requests_due ON reporting_line_requests(status, expires_at);
