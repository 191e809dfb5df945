-- Core tables. Times are integer epoch milliseconds; local calendar dates are 'YYYY-MM-DD' text.

CREATE TABLE people (
  id              TEXT PRIMARY KEY,             -- Slack user id
  team_id         TEXT NOT NULL DEFAULT '',
  name            TEXT NOT NULL DEFAULT '',     -- display name, falls back to real name
  real_name       TEXT NOT NULL DEFAULT '',
  email           TEXT,
  tz              TEXT NOT NULL DEFAULT 'UTC',  -- IANA zone from users.info
  is_bot          INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0,   -- deactivated in Slack: kept for history
  status_text     TEXT NOT NULL DEFAULT '',
  status_emoji    TEXT NOT NULL DEFAULT '',
  manager_id      TEXT REFERENCES people(id) ON DELETE SET NULL,
  level_override  TEXT CHECK (level_override IN ('frontline', 'mid-level', 'executive')),
  level_source    TEXT CHECK (level_source IN ('self', 'admin')),
  cadence_days    INTEGER NOT NULL DEFAULT 14 CHECK (cadence_days BETWEEN 1 AND 180),
  nudge_day       INTEGER NOT NULL DEFAULT 1 CHECK (nudge_day BETWEEN 1 AND 7),   -- ISO weekday, 1 = Monday
  nudge_hour      INTEGER NOT NULL DEFAULT 9 CHECK (nudge_hour BETWEEN 0 AND 23),
  nudges_paused   INTEGER NOT NULL DEFAULT 0,
  snoozed_until   INTEGER,
  became_manager_at INTEGER,                    -- first time someone reported to them
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  CHECK (manager_id IS NULL OR manager_id <> id)
) STRICT;
CREATE INDEX people_manager ON people(manager_id);
CREATE INDEX people_email ON people(email);

CREATE TABLE one_on_ones (
  id              INTEGER PRIMARY KEY,
  manager_id      TEXT NOT NULL REFERENCES people(id),
  report_id       TEXT NOT NULL REFERENCES people(id),
  held_on         TEXT NOT NULL,                -- local date of the meeting
  held_at         INTEGER NOT NULL,             -- epoch ms of that date's local noon: orders and measures gaps
  notes           TEXT NOT NULL DEFAULT '',     -- private to manager_id; never logged, never exported
  energy          INTEGER CHECK (energy BETWEEN 1 AND 5),
  career_talk     INTEGER NOT NULL DEFAULT 0,
  summary_sent    INTEGER NOT NULL DEFAULT 0,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX one_on_ones_pair ON one_on_ones(manager_id, report_id, held_at);
CREATE INDEX one_on_ones_report ON one_on_ones(report_id, held_at);

CREATE TABLE action_items (
  id              INTEGER PRIMARY KEY,
  one_on_one_id   INTEGER NOT NULL REFERENCES one_on_ones(id) ON DELETE CASCADE,
  manager_id      TEXT NOT NULL REFERENCES people(id),
  report_id       TEXT NOT NULL REFERENCES people(id),
  owner_id        TEXT NOT NULL REFERENCES people(id),
  text            TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  done_at         INTEGER,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX action_items_open_pair ON action_items(manager_id, report_id, done_at, created_at);
CREATE INDEX action_items_open_owner ON action_items(owner_id, done_at);

CREATE TABLE kudos (
  id              INTEGER PRIMARY KEY,
  giver_id        TEXT NOT NULL REFERENCES people(id),
  value           TEXT NOT NULL,
  message         TEXT NOT NULL,
  source_channel  TEXT,                         -- message shortcut: where the recognised work happened
  source_ts       TEXT,
  source_permalink TEXT,
  post_channel    TEXT,                         -- where the kudos was posted
  post_ts         TEXT,
  post_status     TEXT NOT NULL DEFAULT 'pending' CHECK (post_status IN ('pending', 'posted', 'not_posted', 'failed')),
  post_error      TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX kudos_giver ON kudos(giver_id, created_at);
CREATE INDEX kudos_created ON kudos(created_at);

CREATE TABLE kudos_recipients (
  kudos_id        INTEGER NOT NULL REFERENCES kudos(id) ON DELETE CASCADE,
  recipient_id    TEXT NOT NULL REFERENCES people(id),
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (kudos_id, recipient_id)
) STRICT;
CREATE INDEX kudos_recipients_person ON kudos_recipients(recipient_id, created_at);

CREATE TABLE nudges (
  id              INTEGER PRIMARY KEY,
  person_id       TEXT NOT NULL REFERENCES people(id),
  kind            TEXT NOT NULL,                -- weekly, onboarding, pulse, goal-reminder, ...
  period          TEXT NOT NULL,                -- ISO week of the person's local calendar ('2026-W48') or month
  status          TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
  reason          TEXT,
  due_at          INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  channel_id      TEXT,
  message_ts      TEXT,
  payload         TEXT NOT NULL DEFAULT '{}',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (person_id, kind, period)
) STRICT;
CREATE INDEX nudges_queue ON nudges(status, next_attempt_at);

CREATE TABLE guidance_seen (
  person_id       TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  pool            TEXT NOT NULL,                -- the selection the item was drawn from (level/topic/situation)
  seen_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX guidance_seen_person ON guidance_seen(person_id, pool, seen_at);

CREATE TABLE events (
  id              INTEGER PRIMARY KEY,
  at              INTEGER NOT NULL,
  kind            TEXT NOT NULL,                -- one_on_one.logged, kudos.given, nudge.acted, ...
  actor_id        TEXT,
  subject_id      TEXT,
  ref_id          INTEGER,
  data            TEXT NOT NULL DEFAULT '{}'    -- never note text
) STRICT;
CREATE INDEX events_kind_at ON events(kind, at);
CREATE INDEX events_actor ON events(actor_id, at);

-- Slack deliveries already handled, so a retried event is acknowledged and not processed twice.
CREATE TABLE slack_deliveries (
  delivery_id     TEXT PRIMARY KEY,
  received_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE workspaces (
  team_id         TEXT PRIMARY KEY,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'uninstalled', 'revoked')),
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key             TEXT PRIMARY KEY,
  value           TEXT NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
