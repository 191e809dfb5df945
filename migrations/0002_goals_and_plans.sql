-- Goals with check-ins, and one living development plan per person (co-owned with their manager).
-- Adds tables only: no existing table or row is touched. Local calendar dates are 'YYYY-MM-DD' text
-- in the owner's time zone; times are integer epoch milliseconds.

CREATE TABLE goals (
  id              INTEGER PRIMARY KEY,
  owner_id        TEXT NOT NULL REFERENCES people(id),
  kind            TEXT NOT NULL CHECK (kind IN ('personal', 'team')),
  -- private: owner only · manager: owner and their manager · team: owner's team (team goals: the owner manages it)
  visibility      TEXT NOT NULL CHECK (visibility IN ('private', 'manager', 'team')),
  title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 150),
  why             TEXT NOT NULL DEFAULT '' CHECK (length(why) <= 1000),
  measure         TEXT NOT NULL DEFAULT '' CHECK (length(measure) <= 1000),
  due_on          TEXT,
  status          TEXT NOT NULL DEFAULT 'on-track' CHECK (status IN ('on-track', 'at-risk', 'off-track', 'done')),
  progress        INTEGER CHECK (progress BETWEEN 0 AND 100),
  last_check_in_at INTEGER,
  archived_at     INTEGER,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX goals_owner ON goals(owner_id, archived_at, status);

-- History of every check-in; goals.status/progress/last_check_in_at mirror the latest one.
CREATE TABLE goal_check_ins (
  id              INTEGER PRIMARY KEY,
  goal_id         INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  author_id       TEXT NOT NULL REFERENCES people(id),
  status          TEXT NOT NULL CHECK (status IN ('on-track', 'at-risk', 'off-track', 'done')),
  progress        INTEGER CHECK (progress BETWEEN 0 AND 100),
  note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX goal_check_ins_goal ON goal_check_ins(goal_id, created_at);

CREATE TABLE development_plans (
  person_id        TEXT PRIMARY KEY REFERENCES people(id),
  strengths        TEXT NOT NULL DEFAULT '' CHECK (length(strengths) <= 2000),
  areas_to_grow    TEXT NOT NULL DEFAULT '' CHECK (length(areas_to_grow) <= 2000),
  career_direction TEXT NOT NULL DEFAULT '' CHECK (length(career_direction) <= 2000),
  version          INTEGER NOT NULL DEFAULT 1,  -- optimistic concurrency: both co-owners edit the same plan
  updated_by       TEXT REFERENCES people(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE plan_next_steps (
  id              INTEGER PRIMARY KEY,
  person_id       TEXT NOT NULL REFERENCES development_plans(person_id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  text            TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
  target_on       TEXT,
  status          TEXT NOT NULL DEFAULT 'not-started' CHECK (status IN ('not-started', 'in-progress', 'done')),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (person_id, position)
) STRICT;

-- The manager's suggestions on a report's plan; the owner takes or dismisses them.
CREATE TABLE plan_suggestions (
  id              INTEGER PRIMARY KEY,
  person_id       TEXT NOT NULL REFERENCES people(id),
  author_id       TEXT NOT NULL REFERENCES people(id),
  text            TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  resolved_at     INTEGER,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX plan_suggestions_person ON plan_suggestions(person_id, resolved_at, created_at);

-- Monthly goal reminder opt-out (non-managers); absence of a row means "send".
CREATE TABLE goal_reminder_opt_outs (
  person_id       TEXT PRIMARY KEY REFERENCES people(id),
  opted_out_at    INTEGER NOT NULL
) STRICT;
