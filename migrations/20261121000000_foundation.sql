-- Foundation: accounts, roles and permissions, profiles and tags, blocking,
-- role applications, password resets and the audit log.
-- Ids are UUID text; instants are UTC milliseconds since the Unix epoch (`*_at`).

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    -- Case-folded e-mail: one account per address regardless of case.
    email_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    signup_intent TEXT NOT NULL DEFAULT 'mentee'
        CHECK (signup_intent IN ('mentee', 'mentor_applicant', 'manager_applicant')),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    last_failed_sign_in_at INTEGER,
    last_sign_in_at INTEGER,
    deactivated_at INTEGER,
    deactivated_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE roles (
    id TEXT PRIMARY KEY NOT NULL,
    -- Built-in roles have a fixed key; custom roles get one derived from their name.
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    is_builtin INTEGER NOT NULL DEFAULT 0 CHECK (is_builtin IN (0, 1)),
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE permissions (
    key TEXT PRIMARY KEY NOT NULL,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE role_permissions (
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission_key TEXT NOT NULL REFERENCES permissions(key) ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    granted_at INTEGER NOT NULL,
    granted_by TEXT REFERENCES users(id),
    PRIMARY KEY (user_id, role_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_roles_by_role ON user_roles(role_id);

CREATE TABLE profiles (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    headline TEXT NOT NULL DEFAULT '',
    bio TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 1000),
    photo_file TEXT,
    country TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    phone TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    github TEXT NOT NULL DEFAULT '',
    linkedin TEXT NOT NULL DEFAULT '',
    twitter TEXT NOT NULL DEFAULT '',
    facebook TEXT NOT NULL DEFAULT '',
    years_experience INTEGER CHECK (years_experience BETWEEN 0 AND 70),
    experience_level TEXT CHECK (experience_level IN ('beginner', 'intermediate', 'advanced', 'expert')),
    department TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    mentorship_style TEXT NOT NULL DEFAULT '',
    preferred_communication TEXT NOT NULL DEFAULT '',
    mentee_capacity INTEGER CHECK (mentee_capacity BETWEEN 0 AND 50),
    accepting_mentees INTEGER NOT NULL DEFAULT 0 CHECK (accepting_mentees IN (0, 1)),
    supports_new_parents INTEGER NOT NULL DEFAULT 0 CHECK (supports_new_parents IN (0, 1)),
    goals TEXT NOT NULL DEFAULT '',
    onboarding_status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (onboarding_status IN ('not_started', 'in_progress', 'completed')),
    onboarding_step INTEGER NOT NULL DEFAULT 0,
    onboarding_completed_at INTEGER,
    updated_at INTEGER NOT NULL
) STRICT;

-- One shared vocabulary for expertise, interests, technical proficiency and job roles.
CREATE TABLE tags (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE profile_tags (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('expertise', 'interest', 'proficiency', 'job_role')),
    tag_id TEXT NOT NULL REFERENCES tags(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX profile_tags_by_tag ON profile_tags(tag_id, kind);

CREATE TABLE blocks (
    blocker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    blocked_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX blocks_by_blocked ON blocks(blocked_id);

-- Seed 000's "user Details": an application for the mentor or programme-manager role.
CREATE TABLE role_applications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_key TEXT NOT NULL CHECK (role_key IN ('mentor', 'programme_manager')),
    previous_roles TEXT NOT NULL DEFAULT '[]',
    previous_programmes TEXT NOT NULL DEFAULT '[]',
    programme_of_interest TEXT NOT NULL DEFAULT '',
    years_technical_experience INTEGER CHECK (years_technical_experience BETWEEN 0 AND 70),
    been_mentor_before INTEGER NOT NULL DEFAULT 0 CHECK (been_mentor_before IN (0, 1)),
    technical_proficiency TEXT NOT NULL DEFAULT '[]',
    motivation TEXT NOT NULL DEFAULT '',
    document_file TEXT,
    document_name TEXT,
    document_type TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    decided_by TEXT REFERENCES users(id),
    decided_at INTEGER,
    decision_reason TEXT,
    created_at INTEGER NOT NULL
) STRICT;
-- At most one open application per person and role.
CREATE UNIQUE INDEX role_applications_one_pending
    ON role_applications(user_id, role_key) WHERE status = 'pending';
CREATE INDEX role_applications_by_status ON role_applications(status, role_key, created_at);

-- Seed 002's resetPasswordToken / resetPasswordExpires, stored hashed and single use.
CREATE TABLE password_resets (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_digest TEXT NOT NULL,
    issued_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX password_resets_by_user ON password_resets(user_id, created_at);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    at INTEGER NOT NULL,
    actor_id TEXT REFERENCES users(id),
    action TEXT NOT NULL,
    target_user_id TEXT REFERENCES users(id),
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE INDEX audit_log_by_action ON audit_log(action, at);

CREATE TABLE workspace_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
