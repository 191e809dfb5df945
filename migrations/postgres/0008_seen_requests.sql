-- PostgreSQL twin of ../0008_seen_requests.sql: signed requests and Socket Mode envelopes already taken, kept for
-- Slack's signature window so a replay does nothing on whichever instance it reaches.
CREATE TABLE seen_requests (
  request_key     TEXT PRIMARY KEY,
  expires_at      BIGINT NOT NULL
);

CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
