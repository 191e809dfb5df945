-- One outbox for everything Leadwell sends on its own (issue 18). Producers plan a row; one dispatcher claims it
-- with a lease, sends it once, and records what happened. The nudges table stays the record of who gets which
-- weekly nudge, pulse or reminder in a period (`nudge_id`); the outbox keeps its status in step.
--
-- status: planned → claimed (leased, nothing sent yet) → sending (the Web API call is under way) →
--   sent | failed | uncertain | skipped. A lease that runs out on `claimed` goes back to planned (nothing was
--   sent); one that runs out on `sending` becomes uncertain and is never resent.
-- dedupe_key: unique per message ever, so planning twice (a rerun, a restart, a second instance) is a no-op.
-- group_key / waits: a row with waits = 1 is sent only once every other row of its group is settled (the
--   kudos giver's confirmation waits for the channel post and the recipients' DMs).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  dedupe_key      TEXT NOT NULL UNIQUE,
  status          TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'claimed', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
  reason          TEXT,
  payload         TEXT NOT NULL DEFAULT '{}',
  group_key       TEXT,
  waits           INTEGER NOT NULL DEFAULT 0,
  nudge_id        INTEGER REFERENCES nudges(id) ON DELETE SET NULL,
  due_at          INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  lease_until     INTEGER,
  claimed_by      TEXT,
  channel_id      TEXT,
  message_ts      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
-- The dispatcher's poll (planned and due, oldest first) and the lease sweep (claimed/sending by lease end).
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_lease ON outbox(status, lease_until);
-- Waiting rows look up the rest of their group; the admin view lists the latest failures.
CREATE INDEX outbox_group ON outbox(group_key);
CREATE INDEX outbox_settled ON outbox(status, updated_at);

-- Work the old send loops had not finished moves into the outbox: weekly and executive nudges still planned,
-- and kudos channel posts that never got a ts. A nudge left 'sending' by the old dispatcher is uncertain.
UPDATE nudges SET status = 'uncertain', reason = 'interrupted: the process stopped between claiming and recording the send'
  WHERE status = 'sending';
INSERT INTO outbox (kind, recipient, dedupe_key, status, payload, nudge_id, due_at, next_attempt_at, created_at, updated_at)
  SELECT kind, person_id, 'nudge:' || kind || ':' || person_id || ':' || period, 'planned', '{}', id, due_at, next_attempt_at, created_at, updated_at
  FROM nudges WHERE status = 'planned' AND kind IN ('weekly', 'executive');
INSERT INTO outbox (kind, recipient, dedupe_key, status, payload, group_key, due_at, next_attempt_at, created_at, updated_at)
  SELECT 'kudos.post', COALESCE(post_channel, ''), 'kudos:' || id || ':post', 'planned', '{"kudosId":' || id || '}', 'kudos:' || id,
    created_at, created_at, created_at, created_at
  FROM kudos WHERE post_ts IS NULL AND post_status IN ('pending', 'failed');
