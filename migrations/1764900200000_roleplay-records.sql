-- Up Migration
-- Role-play attempts and what trainers record on them, as the models use them on PostgreSQL (issue 21):
-- an author's tries of a scenario's draft are attempts kept off every record; a trainee has at most one call in
-- progress per scenario and mode, whichever server took the start; a comment taken back and a finding mark
-- withdrawn stay on record (as they stay in a lowdb attempt's log), only no longer shown or counted.

-- An author trying a scenario's draft (`draft-<id>`): kept apart from every record, list, dashboard and certificate.
ALTER TABLE roleplay_attempts ADD COLUMN draft boolean NOT NULL DEFAULT false;

-- A start posted twice (a double click, to two servers) makes one call: the second finds the first in progress.
CREATE UNIQUE INDEX roleplay_attempts_one_active_idx ON roleplay_attempts (user_id, scenario_id, mode) WHERE status = 'active';

-- The issues found in a turn's reply (strengths and zero-point issues left out), kept beside its record: an attempt's
-- overview (lists, dashboards) reads these few findings, not every turn's whole record.
ALTER TABLE roleplay_turns ADD COLUMN issues jsonb NOT NULL
  GENERATED ALWAYS AS (jsonb_path_query_array(record, '$.findings[*] ? (@.kind == "issue" && @.delta != 0)')) STORED;

-- Taken back by its author: the trainee no longer sees it; it and what it said before stay on record.
ALTER TABLE trainer_comments ADD COLUMN deleted_at timestamptz;
ALTER TABLE trainer_comments ADD CONSTRAINT trainer_comments_deleted_after_created CHECK (deleted_at IS NULL OR deleted_at >= created_at);

-- Withdrawn by its author: no longer a labelled example; the mark and its withdrawal stay on record.
ALTER TABLE finding_disputes ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE finding_disputes ADD CONSTRAINT finding_disputes_withdrawn_after_disputed CHECK (withdrawn_at IS NULL OR withdrawn_at >= disputed_at);
-- Once per trainer and finding while it stands (withdrawn, it may be marked again).
CREATE UNIQUE INDEX finding_disputes_once_idx ON finding_disputes (attempt_id, turn, finding, by_id) WHERE withdrawn_at IS NULL;

-- Down Migration
DROP INDEX finding_disputes_once_idx;
ALTER TABLE finding_disputes DROP CONSTRAINT finding_disputes_withdrawn_after_disputed, DROP COLUMN withdrawn_at;
ALTER TABLE trainer_comments DROP CONSTRAINT trainer_comments_deleted_after_created, DROP COLUMN deleted_at;
ALTER TABLE roleplay_turns DROP COLUMN issues;
DROP INDEX roleplay_attempts_one_active_idx;
ALTER TABLE roleplay_attempts DROP COLUMN draft;
