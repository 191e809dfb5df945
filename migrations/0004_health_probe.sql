-- /healthz's writability probe: each check inserts a page-sized row here inside a transaction it rolls back,
-- so the table never holds a committed row. Adds a table only.
CREATE TABLE health_probes (
  id              INTEGER PRIMARY KEY,
  pad             BLOB NOT NULL
) STRICT;
