-- A manager's latest event of one kind (the last prep card's items, the last agenda sent, the people they prepared
-- for lately) was found through events_actor (actor_id, at), reading back through the manager's other events until
-- one of the kind, or, where PostgreSQL's statistics made the kind look rare, through events_kind_ref, reading every
-- manager's events of that kind: on the prep-card bench's server that was a row read per card ever prepared, on
-- every card. (actor_id, kind, at) answers each with one seek, and still serves every read by actor alone (its first
-- column), so it replaces events_actor: the same number of B-trees on each event written.
CREATE INDEX events_actor_kind ON events(actor_id, kind, at);
DROP INDEX events_actor;
