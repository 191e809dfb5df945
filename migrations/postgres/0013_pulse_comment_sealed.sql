-- PostgreSQL twin of ../0013_pulse_comment_sealed.sql: pulse comments are stored encrypted, so the column
-- allows the sealed length of a 1000-character comment (5385 characters, sealedLengthFor(1000)); the
-- 1000-character limit on what a person writes stays in the domain (MAX_COMMENT).
ALTER TABLE pulse_responses
  DROP CONSTRAINT pulse_responses_comment_check,
  ADD CONSTRAINT pulse_responses_comment_check CHECK (length(comment) <= 5385);
