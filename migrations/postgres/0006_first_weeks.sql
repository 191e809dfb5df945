-- PostgreSQL twin of ../0006_first_weeks.sql (the manager's first weeks; adds columns only).

ALTER TABLE people ADD COLUMN managing_seen_at BIGINT;
ALTER TABLE people ADD COLUMN welcome_seen_at BIGINT;
ALTER TABLE people ADD COLUMN welcome_dismissed_at BIGINT;

-- Managers who already logged 1:1s or prepared one count from their latest activity.
UPDATE people SET managing_seen_at = (
  SELECT MAX(at) FROM (
    SELECT MAX(created_at) AS at FROM one_on_ones WHERE manager_id = people.id
    UNION ALL
    SELECT MAX(at) AS at FROM events WHERE actor_id = people.id AND kind = 'one_on_one.prepared'
  ) AS latest
);
