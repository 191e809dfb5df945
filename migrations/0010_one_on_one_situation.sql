-- What the manager said a 1:1 was about ("What's this 1:1 about?" on the prep card), so the next prep
-- can follow up. A situation id from a fixed list (performance, resignation, ...), never free text and
-- never part of the notes. NULL: a regular 1:1, or logged before this column existed.
ALTER TABLE one_on_ones ADD COLUMN situation TEXT CHECK (situation IS NULL OR length(situation) <= 40);
