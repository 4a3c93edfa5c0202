-- Up Migration
-- How many turns a role-play attempt has recorded, kept on the attempt's row (issue 21): a turn is then recorded in
-- one statement that moves the count from n - 1 to n and inserts turn n only if it did. Two posts of turn n, on
-- any servers, meet on the attempt's row: the second finds the count moved and records nothing. The turns' primary
-- key (attempt_id, n) stays as the last guard. Overviews read the count instead of counting the turns.
ALTER TABLE roleplay_attempts ADD COLUMN turn_count integer NOT NULL DEFAULT 0 CHECK (turn_count >= 0);
UPDATE roleplay_attempts a SET turn_count = (SELECT count(*) FROM roleplay_turns t WHERE t.attempt_id = a.id);

-- Down Migration
ALTER TABLE roleplay_attempts DROP COLUMN turn_count;
