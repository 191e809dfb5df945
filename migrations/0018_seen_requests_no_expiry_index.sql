-- Every Slack request writes one row to seen_requests before it is acknowledged, and the expiry index made that
-- two B-trees per commit: measured on a WAL file, 25-29 µs of CPU per insert with it, 18 µs without, and 10-30 µs
-- less time with the thread blocked. The index served only the prune, once a minute; without it the prune scans
-- the table (rows from the last few minutes of requests) in short chunks, which costs far less than the index did
-- on every request.
DROP INDEX seen_requests_expiry;
