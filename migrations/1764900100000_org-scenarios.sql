-- Up Migration
-- The organisation's own role-play scenarios on PostgreSQL (issue 21; lowdb keeps them in DATA_DIR/scenarios.json):
-- a draft script text and the versions published from it, each the whole YAML text as it was published and
-- never changed afterwards (app/models/scenario-authoring.server.ts). Modelled on org_questions.

CREATE TABLE org_scenarios (
  -- `org-` and ten letters or digits: never the name of a built-in scenario file.
  id text PRIMARY KEY CHECK (id ~ '^org-[a-z0-9]{10}$'),
  -- The order scenarios were added in (lists show the newest first).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- The built-in scenario it was copied from, "import" for an uploaded file, or null (from the template).
  copied_from text,
  created_at timestamptz NOT NULL,
  created_by_id text NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  -- The unpublished draft: its text, and when and by whom it was saved (kept even with problems; never played
  -- by trainees).
  draft_yaml text,
  draft_saved_at timestamptz,
  draft_by_id text REFERENCES users (id),
  draft_by_name text,
  -- Raised at every save of the draft: a draft is played as `draft-<id>` at this revision, a machine per save.
  draft_revision integer NOT NULL DEFAULT 0 CHECK (draft_revision >= 0),
  -- The version whose text the draft was rolled back to, noted on the version it is published as.
  draft_rolled_back_from integer CHECK (draft_rolled_back_from >= 1),
  -- A trainer asked a supervisor to publish it for everyone.
  everyone_request_by_id text REFERENCES users (id),
  everyone_request_by_name text,
  everyone_request_at timestamptz,
  -- Retired scenarios leave the practice lists; attempts on them keep their reports.
  retired_at timestamptz,
  CHECK ((draft_yaml IS NULL) = (draft_saved_at IS NULL) AND (draft_yaml IS NULL) = (draft_by_id IS NULL)
    AND (draft_yaml IS NULL) = (draft_by_name IS NULL)),
  CHECK ((everyone_request_by_id IS NULL) = (everyone_request_at IS NULL)
    AND (everyone_request_by_id IS NULL) = (everyone_request_by_name IS NULL))
);

-- A published version. Its number is one more than the last (the scenario's row is locked while it is chosen),
-- and the primary key refuses a number taken: two publications at once never share or lose a version.
CREATE TABLE org_scenario_versions (
  scenario_id text NOT NULL REFERENCES org_scenarios (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  -- The whole script text as published; its `version:` is this number.
  yaml text NOT NULL CHECK (yaml <> ''),
  published_at timestamptz NOT NULL,
  by_id text NOT NULL REFERENCES users (id),
  by_name text NOT NULL,
  -- Published for every team, or for the teams in org_scenario_version_teams.
  for_everyone boolean NOT NULL,
  -- Published from an earlier version's text (a roll back), if so.
  rolled_back_from integer CHECK (rolled_back_from >= 1 AND rolled_back_from < version),
  PRIMARY KEY (scenario_id, version)
);

-- The teams a version was published for (when not for everyone), in the order given.
CREATE TABLE org_scenario_version_teams (
  scenario_id text NOT NULL,
  version integer NOT NULL,
  team_id text NOT NULL REFERENCES teams (id),
  position integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (scenario_id, version, team_id),
  UNIQUE (scenario_id, version, position),
  FOREIGN KEY (scenario_id, version) REFERENCES org_scenario_versions (scenario_id, version) ON DELETE CASCADE
);
CREATE INDEX org_scenario_version_teams_team_idx ON org_scenario_version_teams (team_id);

-- The order the organisation's questions were added in (lists show the newest first), as for scenarios.
ALTER TABLE org_questions ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE;

-- A published version (of a scenario or of a question) is never changed: attempts and reports show it as it was.
CREATE FUNCTION refuse_changing_published_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published version is never changed (% of %)', OLD.version, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER org_scenario_versions_immutable BEFORE UPDATE ON org_scenario_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_changing_published_version();
CREATE TRIGGER org_scenario_version_teams_immutable BEFORE UPDATE ON org_scenario_version_teams
  FOR EACH ROW EXECUTE FUNCTION refuse_changing_published_version();
CREATE TRIGGER org_question_versions_immutable BEFORE UPDATE ON org_question_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_changing_published_version();

-- Down Migration
DROP TRIGGER org_question_versions_immutable ON org_question_versions;
ALTER TABLE org_questions DROP COLUMN seq;
DROP TABLE org_scenario_version_teams, org_scenario_versions, org_scenarios;
DROP FUNCTION refuse_changing_published_version();
