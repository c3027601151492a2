-- Scheduling: availability, sessions and their history, notes, action items,
-- ratings, group appointments. Instants are UTC milliseconds; availability is
-- wall-clock minutes plus an IANA zone.

CREATE TABLE availability (
    mentor_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    time_zone TEXT NOT NULL,
    -- Allowed session lengths in minutes, comma-separated (e.g. '30,60').
    durations TEXT NOT NULL,
    buffer_before_minutes INTEGER NOT NULL CHECK (buffer_before_minutes BETWEEN 0 AND 240),
    buffer_after_minutes INTEGER NOT NULL CHECK (buffer_after_minutes BETWEEN 0 AND 240),
    min_notice_minutes INTEGER NOT NULL CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    daily_cap INTEGER CHECK (daily_cap BETWEEN 1 AND 48),
    weekly_cap INTEGER CHECK (weekly_cap BETWEEN 1 AND 200),
    horizon_days INTEGER NOT NULL CHECK (horizon_days BETWEEN 1 AND 365),
    step_minutes INTEGER NOT NULL CHECK (step_minutes BETWEEN 5 AND 240),
    updated_at INTEGER NOT NULL
) STRICT;

-- Weekly hours: weekday 0 = Monday; minutes after local midnight, end may be 1440.
CREATE TABLE availability_ranges (
    mentor_id TEXT NOT NULL REFERENCES availability(mentor_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (start_minute < end_minute)
) STRICT;
CREATE INDEX availability_ranges_by_mentor ON availability_ranges(mentor_id);

CREATE TABLE availability_exceptions (
    mentor_id TEXT NOT NULL REFERENCES availability(mentor_id) ON DELETE CASCADE,
    -- Local date, YYYY-MM-DD, in the availability's zone.
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('unavailable', 'extra')),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (start_minute < end_minute)
) STRICT;
CREATE INDEX availability_exceptions_by_mentor ON availability_exceptions(mentor_id, date);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    mentor_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mentee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    agenda TEXT NOT NULL DEFAULT '' CHECK (length(agenda) <= 2000),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN
        ('requested', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed', 'no_show')),
    meeting_link TEXT NOT NULL DEFAULT '' CHECK (length(meeting_link) <= 500),
    mentor_notes TEXT NOT NULL DEFAULT '' CHECK (length(mentor_notes) <= 5000),
    -- A new time waiting for an answer (seed 001 proposedDate / proposedBy / responseMessage).
    proposed_starts_at INTEGER,
    proposed_ends_at INTEGER,
    proposed_by TEXT REFERENCES users(id),
    proposal_message TEXT NOT NULL DEFAULT '',
    proposed_at INTEGER,
    created_by TEXT NOT NULL REFERENCES users(id),
    -- Bumped on every change of time or status: the ICS SEQUENCE.
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- Seed 004: no session with oneself; 30 to 180 minutes.
    CHECK (mentor_id <> mentee_id),
    CHECK (ends_at - starts_at BETWEEN 1800000 AND 10800000),
    CHECK ((proposed_starts_at IS NULL) = (proposed_by IS NULL))
) STRICT;
CREATE INDEX sessions_by_mentor ON sessions(mentor_id, starts_at);
CREATE INDEX sessions_by_mentee ON sessions(mentee_id, starts_at);

-- Never double-book: nobody holds two sessions at overlapping times, whichever side
-- they are on. Sessions are at most 180 minutes, so an overlapping session starts
-- less than 3 hours before this one ends: the index ranges stay short.
CREATE TRIGGER sessions_no_overlap_insert
BEFORE INSERT ON sessions
WHEN NEW.status IN ('requested', 'proposed', 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'session_overlap')
    WHERE EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.mentor_id IN (NEW.mentor_id, NEW.mentee_id)
          AND s.starts_at > NEW.starts_at - 10800000 AND s.starts_at < NEW.ends_at
          AND s.ends_at > NEW.starts_at
          AND s.status IN ('requested', 'proposed', 'confirmed')
    ) OR EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.mentee_id IN (NEW.mentor_id, NEW.mentee_id)
          AND s.starts_at > NEW.starts_at - 10800000 AND s.starts_at < NEW.ends_at
          AND s.ends_at > NEW.starts_at
          AND s.status IN ('requested', 'proposed', 'confirmed')
    );
END;

CREATE TRIGGER sessions_no_overlap_update
BEFORE UPDATE OF starts_at, ends_at, status ON sessions
WHEN NEW.status IN ('requested', 'proposed', 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'session_overlap')
    WHERE EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.mentor_id IN (NEW.mentor_id, NEW.mentee_id) AND s.id <> NEW.id
          AND s.starts_at > NEW.starts_at - 10800000 AND s.starts_at < NEW.ends_at
          AND s.ends_at > NEW.starts_at
          AND s.status IN ('requested', 'proposed', 'confirmed')
    ) OR EXISTS (
        SELECT 1 FROM sessions s
        WHERE s.mentee_id IN (NEW.mentor_id, NEW.mentee_id) AND s.id <> NEW.id
          AND s.starts_at > NEW.starts_at - 10800000 AND s.starts_at < NEW.ends_at
          AND s.ends_at > NEW.starts_at
          AND s.status IN ('requested', 'proposed', 'confirmed')
    );
END;

-- Every step of a session's life, including proposed times (the rescheduling history).
CREATE TABLE session_events (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    starts_at INTEGER,
    ends_at INTEGER
) STRICT;
CREATE INDEX session_events_by_session ON session_events(session_id, at);

CREATE TABLE session_notes (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    is_private INTEGER NOT NULL CHECK (is_private IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX session_notes_by_session ON session_notes(session_id, created_at);

CREATE TABLE action_items (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    assignee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX action_items_by_session ON action_items(session_id, created_at);
CREATE INDEX action_items_by_assignee ON action_items(assignee_id, status);

-- Seed 004: ratings only for completed sessions, one per participant.
CREATE TABLE ratings (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    rater_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rated_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rater_role TEXT NOT NULL CHECK (rater_role IN ('mentor', 'mentee')),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    created_at INTEGER NOT NULL,
    UNIQUE (session_id, rater_id)
) STRICT;
CREATE INDEX ratings_by_rated ON ratings(rated_id, rater_role);

CREATE TRIGGER ratings_only_completed
BEFORE INSERT ON ratings
WHEN (SELECT status FROM sessions WHERE id = NEW.session_id) IS NOT 'completed'
BEGIN
    SELECT RAISE(ABORT, 'rating_not_completed');
END;

-- Seed 002: a manager's or mentor's meeting with several attendees.
CREATE TABLE appointments (
    id TEXT PRIMARY KEY NOT NULL,
    organiser_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    meeting_link TEXT NOT NULL DEFAULT '' CHECK (length(meeting_link) <= 500),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at - starts_at BETWEEN 900000 AND 28800000)
) STRICT;
CREATE INDEX appointments_by_organiser ON appointments(organiser_id, starts_at);

CREATE TABLE appointment_attendees (
    appointment_id TEXT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    response TEXT NOT NULL CHECK (response IN ('pending', 'accepted', 'declined')),
    responded_at INTEGER,
    PRIMARY KEY (appointment_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX appointment_attendees_by_user ON appointment_attendees(user_id);
