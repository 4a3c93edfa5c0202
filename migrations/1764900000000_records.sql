-- Up Migration
-- The trainee's records, assignments and certificates on PostgreSQL (issue 21): what the first migration left to
-- the app (or to the order of a list in a file), now the database's to keep on every server.

-- The same work (kind, target, mode, audience, due date) is open at most once: a second assignment of it, or a
-- restore of a cancelled copy beside an open one, fails here whichever server took it (models/assignments.server.ts).
CREATE UNIQUE INDEX assignments_open_work_key
  ON assignments (kind, target, COALESCE(mode, ''), COALESCE(trainee_id, ''), COALESCE(team_id, ''), due_at)
  WHERE cancelled_at IS NULL;

-- The order assignments were given in (lowdb's list order): lists of them sort by due date, and those due at the
-- same moment keep this order, as on lowdb, rather than the order of their random ids.
ALTER TABLE assignments ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT assignments_seq_key UNIQUE;

-- A certificate's short verification code (certification/verification-code.ts, derived from its id): stored so a
-- typed code is found by the index, and unique, so that one code never names two certificates.
ALTER TABLE certificates
  ADD COLUMN code text NOT NULL CONSTRAINT certificates_code_check CHECK (code ~ '^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$'),
  ADD CONSTRAINT certificates_code_key UNIQUE (code);

-- Down Migration
ALTER TABLE certificates DROP CONSTRAINT certificates_code_key, DROP COLUMN code;
ALTER TABLE assignments DROP COLUMN seq;
DROP INDEX assignments_open_work_key;
