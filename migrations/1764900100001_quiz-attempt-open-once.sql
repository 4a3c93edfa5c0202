-- Up Migration
-- A trainee has at most one attempt of a quiz not yet handed in: a start clicked twice, or sent to two servers,
-- finds the attempt the first one made (INSERT … ON CONFLICT on this index), instead of drawing a second.
CREATE UNIQUE INDEX quiz_attempts_open_idx ON quiz_attempts (user_id, quiz) WHERE submitted_at IS NULL;

-- Down Migration
DROP INDEX quiz_attempts_open_idx;
