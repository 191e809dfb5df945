-- The pulse's pending pool moves from one process's memory into the database, so several instances share it
-- (docs/postgres.md, "The pulse on PostgreSQL"; docs/adr/0003-pulse-anonymity.md).
--
-- pulse_pending: one answer waiting for its batch. No person, no time; `sealed` is the receipt, rating and
-- comment sealed to the pool's public key (padded to one length), whose private key lives only in the memory
-- of running instances: the file shows that an answer arrived, never what it says. Released answers are
-- deleted (secure_delete zeroes them) and written to pulse_responses in one transaction, in random-id order.
-- WITHOUT ROWID: stored in the order of the random id, not of arrival.
CREATE TABLE pulse_pending (
  id          TEXT PRIMARY KEY,                   -- random
  period      TEXT NOT NULL,                      -- 'YYYY-MM'
  manager_id  TEXT NOT NULL REFERENCES people(id),
  pool_key    TEXT NOT NULL,                      -- which pool key it is sealed to
  sealed      TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX pulse_pending_group ON pulse_pending(manager_id, period);

-- The running instances that share the pool key: each has its own X25519 key; an instance holding the pool key
-- seals it to each newcomer (`wrapped`). `seen_at` tells running instances from stopped ones.
CREATE TABLE pulse_pool_members (
  member_id   TEXT PRIMARY KEY,                   -- random per process
  public_key  TEXT NOT NULL,
  pool_key    TEXT,                               -- the pool key id sealed to it (NULL: waiting for it)
  wrapped     TEXT,
  seen_at     INTEGER NOT NULL
) STRICT;
