-- Coaching the coaches (issue 21): departures for turnover, and the organisation's leadership-habit goals.
-- Adds tables only: no existing table or row is touched.

-- One row per person who left (Slack deactivation or an org import marking them as left), with what was true
-- at that moment: who their manager was, the chain above, their own role and their manager's level. Reports use
-- these rows only as counts per group; names are read only by the admins' departures list.
CREATE TABLE departures (
  id              INTEGER PRIMARY KEY,
  person_id       TEXT NOT NULL REFERENCES people(id),
  left_at         INTEGER NOT NULL,
  manager_id      TEXT REFERENCES people(id),
  manager_chain   TEXT NOT NULL DEFAULT '[]',   -- JSON array of the ids above them at the time, nearest first
  role            TEXT NOT NULL CHECK (role IN ('individual', 'frontline', 'mid-level', 'executive')),
  manager_level   TEXT CHECK (manager_level IN ('frontline', 'mid-level', 'executive')),
  source          TEXT NOT NULL CHECK (source IN ('slack', 'org-import')),
  regretted       INTEGER CHECK (regretted IN (0, 1)),   -- NULL: not marked; private to admins
  marked_by       TEXT,
  marked_at       INTEGER,
  rejoined_at     INTEGER,                      -- reactivated: the departure no longer counts
  created_at      INTEGER NOT NULL
) STRICT;
-- At most one open departure per person: a replayed user_change or a second import records nothing new.
CREATE UNIQUE INDEX departures_open_person ON departures(person_id) WHERE rejoined_at IS NULL;
CREATE INDEX departures_left ON departures(left_at);

-- Up to three organisation goals for leadership habits, set by admins.
CREATE TABLE org_goals (
  slot            INTEGER PRIMARY KEY CHECK (slot BETWEEN 1 AND 3),
  metric          TEXT NOT NULL,
  target          INTEGER NOT NULL CHECK (target BETWEEN 1 AND 100),   -- percent
  deadline        TEXT NOT NULL,                -- 'YYYY-MM-DD'
  baseline        REAL,                         -- the metric (0..1) when the goal was set, for progress
  set_by          TEXT NOT NULL,
  set_at          INTEGER NOT NULL
) STRICT;
