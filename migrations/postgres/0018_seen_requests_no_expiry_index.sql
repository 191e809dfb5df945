-- PostgreSQL twin of ../0018_seen_requests_no_expiry_index.sql: the expiry index cost every request's insert an
-- index update and served only the once-a-minute prune, which now scans the few minutes of rows it keeps.
DROP INDEX seen_requests_expiry;
