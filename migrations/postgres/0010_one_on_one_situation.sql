-- PostgreSQL twin of ../0010_one_on_one_situation.sql: what the manager said a 1:1 was about, a situation id
-- from a fixed list (never free text, never part of the notes). NULL: a regular 1:1, or logged before this column.
ALTER TABLE one_on_ones ADD COLUMN situation TEXT CHECK (situation IS NULL OR length(situation) <= 40);
