-- Programmes (seed 000 PROGRAMME, ProgramsMentor), their members and applications
-- (seed 000 Programme APPLICATION), and mentor–mentee matches (seed 001 matches).

CREATE TABLE programmes (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    -- The name as uniqueness sees it: lower case, single spaces (core::programmes::name_key).
    name_key TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    picture_file TEXT,
    -- shared::programmes::ProgrammeCriteria as JSON (seed 000 `criteria`).
    criteria TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(criteria)),
    -- What applicants answer: a JSON array of strings.
    questions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(questions) AND json_type(questions) = 'array'),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'archived')),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_by TEXT REFERENCES users(id),
    completed_at INTEGER,
    archived_by TEXT REFERENCES users(id),
    archived_at INTEGER,
    CHECK ((completed_at IS NULL) = (completed_by IS NULL)),
    CHECK ((archived_at IS NULL) = (archived_by IS NULL))
) STRICT;
CREATE INDEX programmes_by_status ON programmes(status, name_key);

-- Managers, mentors and mentees of a programme; one person may hold several roles in it.
CREATE TABLE programme_members (
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('manager', 'mentor', 'mentee')),
    added_by TEXT REFERENCES users(id),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (programme_id, user_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX programme_members_by_user ON programme_members(user_id, programme_id, role);
CREATE INDEX programme_members_by_role ON programme_members(programme_id, role, user_id);

CREATE TABLE programme_applications (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
    -- [{"question": …, "answer": …}], the questions as they were when the applicant answered.
    answers TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'array'),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    decided_by TEXT REFERENCES users(id),
    decided_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;
-- One application waiting per person and programme.
CREATE UNIQUE INDEX programme_applications_one_pending
    ON programme_applications(programme_id, user_id) WHERE status = 'pending';
CREATE INDEX programme_applications_by_programme
    ON programme_applications(programme_id, status, created_at);
CREATE INDEX programme_applications_by_user ON programme_applications(user_id, created_at);

CREATE TABLE matches (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    mentor_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mentee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    goal TEXT NOT NULL CHECK (length(goal) BETWEEN 1 AND 500),
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected', 'ended')),
    -- Proposed by a manager, or requested by the mentee.
    origin TEXT NOT NULL CHECK (origin IN ('manager', 'mentee')),
    proposed_by TEXT NOT NULL REFERENCES users(id),
    -- Seed 001 adminId: who approved or rejected it.
    decided_by TEXT REFERENCES users(id),
    decided_at INTEGER,
    reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    ended_by TEXT REFERENCES users(id),
    ended_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (mentor_id <> mentee_id)
) STRICT;
-- A pair has at most one open (waiting or approved) match per programme.
CREATE UNIQUE INDEX matches_one_open_per_pair
    ON matches(programme_id, mentor_id, mentee_id) WHERE status IN ('pending', 'approved');
CREATE INDEX matches_by_programme ON matches(programme_id, status, created_at);
CREATE INDEX matches_by_mentor ON matches(mentor_id, status);
CREATE INDEX matches_by_mentee ON matches(mentee_id, status);

-- The database refuses an approval past the mentor's capacity even if a code path skipped
-- the core's check (3 is core::programmes::DEFAULT_MENTEE_CAPACITY, for mentors who have
-- not set one).
CREATE TRIGGER matches_within_capacity
BEFORE UPDATE OF status ON matches
WHEN NEW.status = 'approved' AND OLD.status <> 'approved'
BEGIN
    SELECT RAISE(ABORT, 'match_over_capacity')
    WHERE (SELECT count(*) FROM matches m WHERE m.mentor_id = NEW.mentor_id AND m.status = 'approved')
        >= coalesce((SELECT p.mentee_capacity FROM profiles p WHERE p.user_id = NEW.mentor_id), 3);
END;
