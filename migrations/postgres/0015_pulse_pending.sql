-- PostgreSQL twin of ../0015_pulse_pending.sql: the pulse's pending pool in the database, shared by every
-- instance. Heap order and xmin follow arrival here, which is why `sealed` is opaque (sealed to a key that
-- lives only in the running instances' memory) and why answers reach pulse_responses only in release
-- transactions of at least k, in random-id order (src/storage/next/pulse-pending.ts).
CREATE TABLE pulse_pending (
  id          TEXT PRIMARY KEY,
  period      TEXT NOT NULL,
  manager_id  TEXT NOT NULL REFERENCES people(id),
  pool_key    TEXT NOT NULL,
  sealed      TEXT NOT NULL
);
CREATE INDEX pulse_pending_group ON pulse_pending(manager_id, period);

CREATE TABLE pulse_pool_members (
  member_id   TEXT PRIMARY KEY,
  public_key  TEXT NOT NULL,
  pool_key    TEXT,
  wrapped     TEXT,
  seen_at     BIGINT NOT NULL
);
