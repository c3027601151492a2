-- Oversight (issue 5): dashboards and meeting reports.
--
-- A session belongs to the programme of its pair's match. The programme is stamped on the
-- session (when it is booked, or when the pair's match is approved later) so that
-- counting a programme's sessions never has to go through matches.
ALTER TABLE sessions ADD COLUMN programme_id TEXT REFERENCES programmes(id) ON DELETE SET NULL;

UPDATE sessions SET programme_id = (
    SELECT m.programme_id FROM matches m
    WHERE m.mentor_id = sessions.mentor_id AND m.mentee_id = sessions.mentee_id
      AND m.status IN ('approved', 'ended')
    ORDER BY m.decided_at DESC LIMIT 1);

-- Meeting reports read a programme's sessions by time.
CREATE INDEX sessions_by_programme ON sessions(programme_id, starts_at, status, mentor_id)
    WHERE programme_id IS NOT NULL;

-- (Only pairs with an approved match pay for the update: bookings of unmatched pairs, the
-- common case, skip it.)
CREATE TRIGGER sessions_programme_on_insert AFTER INSERT ON sessions
WHEN NEW.programme_id IS NULL AND EXISTS (
    SELECT 1 FROM matches m
    WHERE m.mentor_id = NEW.mentor_id AND m.mentee_id = NEW.mentee_id AND m.status = 'approved')
BEGIN
    UPDATE sessions SET programme_id = (
        SELECT m.programme_id FROM matches m
        WHERE m.mentor_id = NEW.mentor_id AND m.mentee_id = NEW.mentee_id
          AND m.status = 'approved'
        ORDER BY m.decided_at DESC LIMIT 1)
    WHERE id = NEW.id;
END;

-- A match approved after the pair started meeting: their sessions since the match was
-- asked for count for its programme.
CREATE TRIGGER matches_stamp_sessions AFTER UPDATE OF status ON matches
WHEN NEW.status = 'approved' AND OLD.status <> 'approved'
BEGIN
    UPDATE sessions SET programme_id = NEW.programme_id
    WHERE mentor_id = NEW.mentor_id AND mentee_id = NEW.mentee_id
      AND programme_id IS NULL AND starts_at >= NEW.created_at;
END;

-- An action item belongs to its session's programme, stamped on the item too (when it is
-- added, and whenever its session's programme changes), so that counting a programme's
-- overdue items reads one small index instead of joining every open item to its session.
ALTER TABLE action_items ADD COLUMN programme_id TEXT REFERENCES programmes(id) ON DELETE SET NULL;

UPDATE action_items SET programme_id = (
    SELECT s.programme_id FROM sessions s WHERE s.id = action_items.session_id);

-- Overdue action items per programme (dashboards): the open ones with a due date. `status`
-- is there so that the index covers the dashboard's statement, which repeats the condition
-- (SQLite reads the column to test it even though the index implies it).
CREATE INDEX action_items_open_by_programme ON action_items(programme_id, due_date, status)
    WHERE programme_id IS NOT NULL AND due_date IS NOT NULL AND status <> 'completed';

CREATE TRIGGER action_items_programme_on_insert AFTER INSERT ON action_items
WHEN NEW.programme_id IS NULL
BEGIN
    UPDATE action_items SET programme_id = (
        SELECT s.programme_id FROM sessions s WHERE s.id = NEW.session_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER sessions_programme_to_action_items AFTER UPDATE OF programme_id ON sessions
WHEN OLD.programme_id IS NOT NEW.programme_id
BEGIN
    UPDATE action_items SET programme_id = NEW.programme_id WHERE session_id = NEW.id;
END;

-- Mentors at capacity (dashboards): each mentor's approved matches across programmes, kept
-- on their profile by the triggers below, so that a dashboard reads the mentors who are
-- full from a small partial index instead of counting the matches of every matched mentor.
ALTER TABLE profiles ADD COLUMN approved_matches INTEGER NOT NULL DEFAULT 0;

UPDATE profiles SET approved_matches = (
    SELECT count(*) FROM matches m WHERE m.mentor_id = profiles.user_id AND m.status = 'approved')
WHERE user_id IN (SELECT mentor_id FROM matches WHERE status = 'approved');

-- 3 is core::programmes::DEFAULT_MENTEE_CAPACITY (as in matches_within_capacity); the
-- dashboard's statement repeats this condition word for word (db::oversight checks it).
-- The index holds what the dashboard shows of them, so it reads no profile rows.
CREATE INDEX profiles_at_capacity
    ON profiles(user_id, approved_matches, mentee_capacity, first_name, last_name)
    WHERE approved_matches > 0 AND approved_matches >= coalesce(mentee_capacity, 3);
-- Whether such a mentor has an approved match in the programmes in scope.
CREATE INDEX matches_approved_by_mentor ON matches(mentor_id, programme_id)
    WHERE status = 'approved';

CREATE TRIGGER matches_count_insert AFTER INSERT ON matches
WHEN NEW.status = 'approved'
BEGIN
    UPDATE profiles SET approved_matches = approved_matches + 1 WHERE user_id = NEW.mentor_id;
END;

CREATE TRIGGER matches_count_update AFTER UPDATE OF status, mentor_id ON matches
WHEN (OLD.status = 'approved') <> (NEW.status = 'approved')
    OR (NEW.status = 'approved' AND OLD.mentor_id <> NEW.mentor_id)
BEGIN
    UPDATE profiles SET approved_matches = approved_matches - 1
    WHERE OLD.status = 'approved' AND user_id = OLD.mentor_id;
    UPDATE profiles SET approved_matches = approved_matches + 1
    WHERE NEW.status = 'approved' AND user_id = NEW.mentor_id;
END;

CREATE TRIGGER matches_count_delete AFTER DELETE ON matches
WHEN OLD.status = 'approved'
BEGIN
    UPDATE profiles SET approved_matches = approved_matches - 1 WHERE user_id = OLD.mentor_id;
END;

-- Dashboard figures: sessions per programme, UTC day (days since 1970-01-01) and status,
-- with the mentees' ratings of the completed ones. Kept by the triggers below, so a
-- dashboard reads a few thousand rows whatever the number of sessions. Only the statuses a
-- dashboard shows are counted (requests, proposals and declines are not meetings).
CREATE TABLE programme_session_days (
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'completed', 'cancelled', 'no_show')),
    sessions INTEGER NOT NULL DEFAULT 0,
    rating_sum INTEGER NOT NULL DEFAULT 0,
    ratings INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (programme_id, day, status)
) STRICT, WITHOUT ROWID;
-- Across programmes: by day first.
CREATE INDEX programme_session_days_by_day
    ON programme_session_days(day, programme_id, status, sessions, rating_sum, ratings);

CREATE TRIGGER session_days_insert AFTER INSERT ON sessions
WHEN NEW.programme_id IS NOT NULL
    AND NEW.status IN ('confirmed', 'completed', 'cancelled', 'no_show')
BEGIN
    INSERT INTO programme_session_days (programme_id, day, status, sessions)
    VALUES (NEW.programme_id, NEW.starts_at / 86400000, NEW.status, 1)
    ON CONFLICT (programme_id, day, status) DO UPDATE SET sessions = sessions + 1;
END;

-- A change of status, time or programme moves the session (and its ratings) between rows.
CREATE TRIGGER session_days_update
AFTER UPDATE OF status, starts_at, programme_id ON sessions
WHEN OLD.status IS NOT NEW.status OR OLD.starts_at / 86400000 <> NEW.starts_at / 86400000
    OR OLD.programme_id IS NOT NEW.programme_id
BEGIN
    UPDATE programme_session_days SET
        sessions = sessions - 1,
        rating_sum = rating_sum - (SELECT coalesce(sum(r.rating), 0) FROM ratings r
                                   WHERE r.session_id = OLD.id AND r.rater_role = 'mentee'),
        ratings = ratings - (SELECT count(*) FROM ratings r
                             WHERE r.session_id = OLD.id AND r.rater_role = 'mentee')
    WHERE OLD.programme_id IS NOT NULL AND programme_id = OLD.programme_id
      AND day = OLD.starts_at / 86400000 AND status = OLD.status;
    INSERT INTO programme_session_days (programme_id, day, status, sessions, rating_sum, ratings)
    SELECT NEW.programme_id, NEW.starts_at / 86400000, NEW.status, 1,
           (SELECT coalesce(sum(r.rating), 0) FROM ratings r
            WHERE r.session_id = NEW.id AND r.rater_role = 'mentee'),
           (SELECT count(*) FROM ratings r WHERE r.session_id = NEW.id AND r.rater_role = 'mentee')
    WHERE NEW.programme_id IS NOT NULL
      AND NEW.status IN ('confirmed', 'completed', 'cancelled', 'no_show')
    ON CONFLICT (programme_id, day, status) DO UPDATE SET
        sessions = sessions + 1,
        rating_sum = rating_sum + excluded.rating_sum,
        ratings = ratings + excluded.ratings;
END;

CREATE TRIGGER session_days_delete AFTER DELETE ON sessions
WHEN OLD.programme_id IS NOT NULL
BEGIN
    UPDATE programme_session_days SET sessions = sessions - 1
    WHERE programme_id = OLD.programme_id AND day = OLD.starts_at / 86400000
      AND status = OLD.status;
END;

CREATE TRIGGER session_days_rating AFTER INSERT ON ratings
WHEN NEW.rater_role = 'mentee'
BEGIN
    UPDATE programme_session_days SET rating_sum = rating_sum + NEW.rating, ratings = ratings + 1
    WHERE (programme_id, day, status) = (
        SELECT s.programme_id, s.starts_at / 86400000, s.status FROM sessions s
        WHERE s.id = NEW.session_id);
END;

-- Counts as they were when the data was generated: existing sessions and ratings.
INSERT INTO programme_session_days (programme_id, day, status, sessions, rating_sum, ratings)
SELECT s.programme_id, s.starts_at / 86400000, s.status, count(*),
       coalesce(sum(r.rating_sum), 0), coalesce(sum(r.ratings), 0)
FROM sessions s
LEFT JOIN (SELECT session_id, sum(rating) AS rating_sum, count(*) AS ratings FROM ratings
           WHERE rater_role = 'mentee' GROUP BY session_id) r ON r.session_id = s.id
WHERE s.programme_id IS NOT NULL
  AND s.status IN ('confirmed', 'completed', 'cancelled', 'no_show')
GROUP BY s.programme_id, s.starts_at / 86400000, s.status;

-- Meeting reports (seed 002 Reports): the figures for a date range as they were when a
-- manager saved them, with the author and time.
CREATE TABLE meeting_reports (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    -- One programme, or NULL for every programme the author ran at the time.
    programme_id TEXT REFERENCES programmes(id) ON DELETE CASCADE,
    from_day TEXT NOT NULL CHECK (date(from_day) = from_day),
    to_day TEXT NOT NULL CHECK (date(to_day) = to_day AND to_day >= from_day),
    -- shared::oversight::MeetingReportRow list as JSON.
    rows TEXT NOT NULL CHECK (json_valid(rows) AND json_type(rows) = 'array'),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX meeting_reports_by_author ON meeting_reports(created_by, created_at);
CREATE INDEX meeting_reports_by_programme ON meeting_reports(programme_id, created_at);
