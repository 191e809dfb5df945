-- PostgreSQL twin of ../0019_events_actor_kind.sql: (actor_id, kind, at) answers a manager's latest event of one kind
-- with one seek whatever the statistics say about the kind, and replaces events_actor (actor_id, at), whose reads by
-- actor alone it serves through its first column.
CREATE INDEX events_actor_kind ON events(actor_id, kind, at);
DROP INDEX events_actor;
