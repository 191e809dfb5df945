-- PostgreSQL twin of ../0012_pulse_pool.sql (the pulse's second anonymity design, docs/adr/0003-pulse-anonymity.md):
-- receipts get `released`, answers lose their day. The SQLite file rewrites the rows to lose their insertion
-- order; a PostgreSQL heap has no such order to lose here, and the pulse does not run on PostgreSQL yet
-- (docs/postgres.md).
ALTER TABLE pulse_receipts ADD COLUMN released INTEGER NOT NULL DEFAULT 1 CHECK (released IN (0, 1));
ALTER TABLE pulse_responses DROP COLUMN created_on;
