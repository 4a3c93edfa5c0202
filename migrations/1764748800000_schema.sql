-- Up Migration
-- The whole store of 物业客服实训平台 on PostgreSQL (issue 21): every record app/store/schema.ts describes, as
-- tables with keys, foreign keys and constraints. JSONB holds only what the engines own and change with
-- themselves: a role-play machine's snapshot, a turn's record (findings, moves, scores in detail), a judged
-- result, a quiz answer, a question's body. Times are timestamptz; ids are the app's own (text).

CREATE TABLE teams (
  id text PRIMARY KEY CHECK (id <> ''),
  -- A team is one estate (项目), e.g. 阳光花园.
  name text NOT NULL UNIQUE CHECK (name <> ''),
  created_at timestamptz NOT NULL
);

CREATE TABLE users (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{6,40}$'),
  -- Stored normalised (trimmed, lower case) by the app; unique as stored.
  username text NOT NULL UNIQUE CHECK (username <> ''),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('trainee', 'trainer', 'supervisor')),
  team_id text NOT NULL REFERENCES teams (id),
  password_hash text NOT NULL CHECK (password_hash <> ''),
  active boolean NOT NULL DEFAULT true,
  -- True while the account still has the seeded demo password (the login page lists such accounts).
  uses_demo_password boolean NOT NULL DEFAULT false,
  -- A supervisor chose the password: the next sign-in must replace it.
  must_change_password boolean NOT NULL DEFAULT false,
  -- When the trainee last marked their trainers' coaching as read.
  coaching_read_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (updated_at >= created_at)
);
-- A team's trainees (dashboards, assignments to a team).
CREATE INDEX users_team_role_idx ON users (team_id, role);

-- Who trains which team, in the order they were added.
CREATE TABLE team_trainers (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  trainer_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (team_id, trainer_id)
);
CREATE INDEX team_trainers_trainer_idx ON team_trainers (trainer_id);

-- Signed-in sessions: the id is the SHA-256 of the cookie's token, never the token.
CREATE TABLE sessions (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  device text NOT NULL,
  address text NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC);

-- Addresses a user signed in from lately: a lock on the name does not shut the owner out from these.
CREATE TABLE known_addresses (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  address text NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, address)
);

-- The sign-in throttle's counters (app/auth/login-throttle.ts): by name (`users`), by name from a known address
-- (`pairs`, key `name@address`) and by address (`addresses`). `counts_until` is when the entry stops mattering
-- (its lock's end, or its newest failure leaving the window): rows past it are deleted.
CREATE TABLE sign_in_throttle (
  scope text NOT NULL CHECK (scope IN ('users', 'pairs', 'addresses')),
  key text NOT NULL CHECK (key <> ''),
  failures timestamptz[] NOT NULL DEFAULT '{}',
  locked_until timestamptz,
  counts_until timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX sign_in_throttle_counts_until_idx ON sign_in_throttle (counts_until);
CREATE INDEX sign_in_throttle_locked_idx ON sign_in_throttle (scope, locked_until) WHERE locked_until IS NOT NULL;

-- Reading progress, one row per trainee and module.
CREATE TABLE module_progress (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  module text NOT NULL,
  -- Section ids read, in the order first read.
  sections_read text[] NOT NULL DEFAULT '{}',
  last_section text,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (user_id, module)
);

-- A trainer let a trainee start one more assessment of a scenario than the limit allows.
CREATE TABLE assessment_grants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  by_id text NOT NULL REFERENCES users (id),
  by_name text NOT NULL,
  granted_at timestamptz NOT NULL
);
CREATE INDEX assessment_grants_user_idx ON assessment_grants (user_id, scenario_id, granted_at);

-- Work a trainer gives one trainee or a whole team, with a due date.
CREATE TABLE assignments (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('module', 'quiz', 'scenario')),
  -- A module slug, a quiz id ("final" or a module slug) or a scenario id.
  target text NOT NULL CHECK (target <> ''),
  mode text CHECK (mode IN ('practice', 'assessment')),
  trainee_id text REFERENCES users (id),
  team_id text REFERENCES teams (id),
  due_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by_id text NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  reminded_at timestamptz[] NOT NULL DEFAULT '{}',
  CHECK ((trainee_id IS NULL) <> (team_id IS NULL)),
  CHECK (kind = 'scenario' OR mode IS NULL)
);
CREATE INDEX assignments_team_idx ON assignments (team_id, due_at) WHERE cancelled_at IS NULL AND team_id IS NOT NULL;
CREATE INDEX assignments_trainee_idx ON assignments (trainee_id, due_at) WHERE cancelled_at IS NULL AND trainee_id IS NOT NULL;
CREATE INDEX assignments_created_by_idx ON assignments (created_by_id, created_at DESC);

-- Quiz attempts: the questions drawn (with the order their options were shown in), then the answers and grade.
CREATE TABLE quiz_attempts (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- A module slug, or "final".
  quiz text NOT NULL,
  started_at timestamptz NOT NULL,
  submitted_at timestamptz,
  -- The grade, once submitted.
  correct integer CHECK (correct >= 0),
  total integer CHECK (total > 0),
  percent double precision CHECK (percent BETWEEN 0 AND 100),
  passed boolean,
  pass_mark double precision CHECK (pass_mark > 0 AND pass_mark <= 1),
  CHECK (correct <= total),
  CHECK ((passed IS NULL) = (total IS NULL) AND (passed IS NULL) = (correct IS NULL)),
  CHECK (passed IS NULL OR submitted_at IS NOT NULL)
);
CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (user_id, quiz, started_at DESC);

CREATE TABLE quiz_attempt_questions (
  attempt_id text NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  module text NOT NULL,
  question_id text NOT NULL,
  -- Which published version of an organisation's question was drawn (built-in questions have none).
  version integer CHECK (version >= 1),
  option_order text[] NOT NULL,
  -- The quiz engine's answer: a string, or a list of strings (null until submitted or when left blank).
  answer jsonb,
  is_correct boolean,
  PRIMARY KEY (attempt_id, position),
  UNIQUE (attempt_id, module, question_id)
);

-- Role-play attempts: the machine's persisted snapshot and where the call stands; the turns are rows of their own.
CREATE TABLE roleplay_attempts (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  -- The script version the attempt ran: the transcript keeps every line shown.
  scenario_version integer NOT NULL CHECK (scenario_version >= 0),
  scenario_title_zh text NOT NULL,
  scenario_title_en text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('practice', 'assessment')),
  status text NOT NULL CHECK (status IN ('active', 'finished', 'abandoned')),
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  -- The XState machine's persisted snapshot (the engine's own shape).
  snapshot jsonb NOT NULL,
  -- The script state now: the turn waiting for an answer, or the ending.
  state text NOT NULL,
  emotion double precision NOT NULL,
  minute double precision NOT NULL,
  -- The judged result once finished (roleplay/result.ts, the engine's own shape); `passed` is kept beside it for queries.
  result jsonb,
  passed boolean GENERATED ALWAYS AS ((result ->> 'passed')::boolean) STORED,
  -- A trainer marked the call reviewed with nothing to add.
  reviewed_by_id text REFERENCES users (id),
  reviewed_by_name text,
  reviewed_at timestamptz,
  CHECK (status <> 'finished' OR finished_at IS NOT NULL),
  CHECK (status <> 'active' OR result IS NULL),
  CHECK ((reviewed_by_id IS NULL) = (reviewed_at IS NULL))
);
-- A trainee's calls, newest first (their history, the trainer's view of one trainee).
CREATE INDEX roleplay_attempts_user_idx ON roleplay_attempts (user_id, started_at DESC);
-- The assessment limit: attempts of one scenario in one mode within a period.
CREATE INDEX roleplay_attempts_limit_idx ON roleplay_attempts (user_id, scenario_id, mode, started_at);
-- The review list: finished calls, newest first.
CREATE INDEX roleplay_attempts_review_idx ON roleplay_attempts (finished_at DESC) WHERE status = 'finished';

-- One row per turn: a turn posted twice (to two servers) is recorded once.
CREATE TABLE roleplay_turns (
  attempt_id text NOT NULL REFERENCES roleplay_attempts (id) ON DELETE CASCADE,
  n integer NOT NULL CHECK (n >= 0),
  at timestamptz NOT NULL,
  -- The script's turn id, and the trainee's reply.
  turn text NOT NULL,
  reply text NOT NULL,
  listening double precision NOT NULL,
  empathy double precision NOT NULL,
  wording double precision NOT NULL,
  -- The whole turn record (roleplay/runner.ts: findings, moves, the owner's lines), the engine's own shape.
  record jsonb NOT NULL,
  -- Unique (attempt_id, n): the second post of turn n fails here, whichever server took it.
  PRIMARY KEY (attempt_id, n)
);

-- Trainers' coaching comments on turns; the trainee sees them in the report.
CREATE TABLE trainer_comments (
  id text PRIMARY KEY,
  attempt_id text NOT NULL REFERENCES roleplay_attempts (id) ON DELETE CASCADE,
  turn integer NOT NULL CHECK (turn >= 0),
  text text NOT NULL CHECK (text <> ''),
  by_id text NOT NULL REFERENCES users (id),
  by_name text NOT NULL,
  created_at timestamptz NOT NULL,
  edited_at timestamptz,
  CHECK (edited_at IS NULL OR edited_at >= created_at)
);
CREATE INDEX trainer_comments_attempt_idx ON trainer_comments (attempt_id, turn, created_at);
-- A trainee's new coaching since they last read it.
CREATE INDEX trainer_comments_created_idx ON trainer_comments (created_at);

-- What a comment said before each change, oldest first.
CREATE TABLE trainer_comment_revisions (
  comment_id text NOT NULL REFERENCES trainer_comments (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  text text NOT NULL,
  written_at timestamptz NOT NULL,
  PRIMARY KEY (comment_id, position)
);

-- Trainers' changes to a dimension's score, an audit trail; the latest per dimension counts.
CREATE TABLE score_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  attempt_id text NOT NULL REFERENCES roleplay_attempts (id) ON DELETE CASCADE,
  dimension text NOT NULL CHECK (dimension IN ('listening', 'empathy', 'wording')),
  from_score double precision NOT NULL,
  to_score double precision NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  by_id text NOT NULL REFERENCES users (id),
  by_name text NOT NULL,
  changed_at timestamptz NOT NULL,
  -- The call's verdict just before and just after (absent on changes recorded before it was kept).
  passed_before boolean,
  passed_after boolean
);
CREATE INDEX score_changes_attempt_idx ON score_changes (attempt_id, dimension, changed_at);

-- A trainer's "this feedback is wrong" on one finding of one turn: a labelled example for the scorer.
CREATE TABLE finding_disputes (
  id text PRIMARY KEY,
  attempt_id text NOT NULL REFERENCES roleplay_attempts (id) ON DELETE CASCADE,
  turn integer NOT NULL CHECK (turn >= 0),
  finding integer NOT NULL CHECK (finding >= 0),
  rule text NOT NULL,
  reason text NOT NULL,
  by_id text NOT NULL REFERENCES users (id),
  by_name text NOT NULL,
  disputed_at timestamptz NOT NULL,
  FOREIGN KEY (attempt_id, turn) REFERENCES roleplay_turns (attempt_id, n) ON DELETE CASCADE
);
CREATE INDEX finding_disputes_attempt_idx ON finding_disputes (attempt_id);
-- /trainer/disagreements lists them by rule.
CREATE INDEX finding_disputes_rule_idx ON finding_disputes (rule, disputed_at DESC);

-- Issued certificates (物业客服上岗认证). The public verification page shows only name, team, dates and validity.
CREATE TABLE certificates (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  name text NOT NULL,
  team text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- How the knowledge checks were passed.
  quizzes text NOT NULL CHECK (quizzes IN ('modules', 'final')),
  CHECK (expires_at > issued_at)
);
CREATE INDEX certificates_user_idx ON certificates (user_id, issued_at DESC);
-- Who is about to lapse.
CREATE INDEX certificates_expires_idx ON certificates (expires_at);

-- What earned a certificate: the assessment scores per scenario.
CREATE TABLE certificate_scenarios (
  certificate_id text NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  attempt_id text NOT NULL REFERENCES roleplay_attempts (id),
  listening double precision NOT NULL,
  empathy double precision NOT NULL,
  wording double precision NOT NULL,
  PRIMARY KEY (certificate_id, scenario_id)
);

-- Quiz questions the organisation wrote (or copied from a built-in bank): a draft and published versions.
CREATE TABLE org_questions (
  id text PRIMARY KEY,
  module text NOT NULL,
  -- The built-in question it was copied from, if any.
  copied_from text,
  created_at timestamptz NOT NULL,
  created_by_id text NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  -- The unpublished draft's body (type, section, correct options, words in zh and en).
  draft jsonb,
  draft_saved_at timestamptz,
  -- Retired questions are drawn no more; attempts that drew them still show them.
  retired_at timestamptz,
  CHECK ((draft IS NULL) OR (draft_saved_at IS NOT NULL))
);
CREATE INDEX org_questions_module_idx ON org_questions (module) WHERE retired_at IS NULL;

-- A published version is never changed.
CREATE TABLE org_question_versions (
  question_id text NOT NULL REFERENCES org_questions (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  by_id text NOT NULL REFERENCES users (id),
  by_name text NOT NULL,
  rolled_back_from integer CHECK (rolled_back_from >= 1),
  PRIMARY KEY (question_id, version)
);

-- Down Migration
DROP TABLE org_question_versions, org_questions, certificate_scenarios, certificates, finding_disputes, score_changes,
  trainer_comment_revisions, trainer_comments, roleplay_turns, roleplay_attempts, quiz_attempt_questions, quiz_attempts,
  assignments, assessment_grants, module_progress, sign_in_throttle, known_addresses, sessions, team_trainers, users, teams;
