-- Signed requests (HTTP: the v0 signature) and Socket Mode envelopes already taken, kept for as long as Slack's
-- signature window would accept them again. A replay of a captured request finds its key here and does nothing,
-- whichever instance it reaches. Rows past expires_at are pruned.
CREATE TABLE seen_requests (
  request_key     TEXT PRIMARY KEY,
  expires_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
