-- The manager's first weeks (issue 16). Adds columns only.
--
-- people.managing_seen_at: the last time this person acted as a manager (prepared or logged a 1:1).
--   Someone who preps 1:1s is a nudge candidate before any reporting line is on record; planning reads
--   this one column instead of scanning logs every few minutes.
-- people.welcome_seen_at / welcome_dismissed_at: the App Home welcome, shown from the first open until
--   the person dismisses it (or a week has passed).

ALTER TABLE people ADD COLUMN managing_seen_at INTEGER;
ALTER TABLE people ADD COLUMN welcome_seen_at INTEGER;
ALTER TABLE people ADD COLUMN welcome_dismissed_at INTEGER;

-- Managers who already logged 1:1s or prepared one count from their latest activity.
UPDATE people SET managing_seen_at = (
  SELECT MAX(at) FROM (
    SELECT MAX(created_at) AS at FROM one_on_ones WHERE manager_id = people.id
    UNION ALL
    SELECT MAX(at) AS at FROM events WHERE actor_id = people.id AND kind = 'one_on_one.prepared'
  )
);
