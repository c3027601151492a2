-- Reminders, notifications, connections, messaging, groups and the forum (issue 4).
-- Seeds: 000 (chat, message, discussion forum, notifications), 001 (directMessages,
-- userConnections, supportGroups, groupMemberships), 004 (messages ≤ 2000 characters,
-- read state, messaging only between users with a session).

-- Connections between two people (seed 001 userConnections): one row per pair, whoever
-- asked first. A rejected request can be asked again (the row goes back to pending).
CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    requester_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    receiver_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    pair_low TEXT NOT NULL GENERATED ALWAYS AS (min(requester_id, receiver_id)) VIRTUAL,
    pair_high TEXT NOT NULL GENERATED ALWAYS AS (max(requester_id, receiver_id)) VIRTUAL,
    CHECK (requester_id <> receiver_id)
) STRICT;
CREATE UNIQUE INDEX connections_pair ON connections(pair_low, pair_high);
CREATE INDEX connections_by_receiver ON connections(receiver_id, status);
CREATE INDEX connections_by_requester ON connections(requester_id, status);

-- Conversations: direct (exactly two members, one per pair) or group (a cohort, a
-- session's participants, any named set of people).
CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 80),
    -- "low-id:high-id" for direct conversations, so a pair has only one.
    direct_key TEXT UNIQUE,
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_message_at INTEGER,
    CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
) STRICT;

-- Members with their read state: the last message they have read, and how many newer
-- messages from others they have not (kept by the triggers below, so unread counts
-- never count messages).
CREATE TABLE conversation_members (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at INTEGER NOT NULL,
    last_read_id INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0 CHECK (unread >= 0),
    PRIMARY KEY (conversation_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX conversation_members_by_user ON conversation_members(user_id, conversation_id);

-- Messages: the integer key orders a conversation and is the full-text index's rowid.
-- A deleted message keeps its place with an empty body.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_id TEXT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted_at INTEGER,
    CHECK ((deleted_at IS NULL AND length(body) BETWEEN 1 AND 2000)
        OR (deleted_at IS NOT NULL AND body = ''))
) STRICT;
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);

CREATE VIRTUAL TABLE messages_fts USING fts5(
    body,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_after_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
    UPDATE conversation_members SET unread = unread + 1
     WHERE conversation_id = new.conversation_id AND user_id <> new.sender_id;
    UPDATE conversation_members SET last_read_id = new.id
     WHERE conversation_id = new.conversation_id AND user_id = new.sender_id;
    UPDATE conversations SET last_message_at = new.created_at WHERE id = new.conversation_id;
END;

CREATE TRIGGER messages_after_body_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO messages_fts(rowid, body) SELECT new.id, new.body WHERE new.body <> '';
END;

-- A message deleted while unread no longer counts as unread.
CREATE TRIGGER messages_after_delete_mark AFTER UPDATE OF deleted_at ON messages
WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
    UPDATE conversation_members SET unread = unread - 1
     WHERE conversation_id = new.conversation_id AND user_id <> new.sender_id
       AND last_read_id < new.id AND unread > 0;
END;

-- Groups (seed 001 supportGroups, seed 000 discussion forum): members, threads, replies.
CREATE TABLE community_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    member_count INTEGER NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    last_active_at INTEGER NOT NULL
) STRICT;

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_by_user ON group_members(user_id);

CREATE TRIGGER group_members_count_in AFTER INSERT ON group_members BEGIN
    UPDATE community_groups SET member_count = member_count + 1 WHERE id = new.group_id;
END;
CREATE TRIGGER group_members_count_out AFTER DELETE ON group_members BEGIN
    UPDATE community_groups SET member_count = member_count - 1 WHERE id = old.group_id;
END;

CREATE TABLE forum_threads (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES community_groups(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    reply_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_reply_at INTEGER NOT NULL
) STRICT;
CREATE INDEX forum_threads_by_group ON forum_threads(group_id, pinned DESC, last_reply_at DESC);

CREATE TABLE forum_replies (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX forum_replies_by_thread ON forum_replies(thread_id, created_at);

-- A locked thread takes no replies, whoever asks.
CREATE TRIGGER forum_replies_not_locked BEFORE INSERT ON forum_replies
WHEN (SELECT locked FROM forum_threads WHERE id = new.thread_id) = 1 BEGIN
    SELECT RAISE(ABORT, 'thread_locked');
END;
CREATE TRIGGER forum_replies_count AFTER INSERT ON forum_replies BEGIN
    UPDATE forum_threads SET reply_count = reply_count + 1, last_reply_at = new.created_at
     WHERE id = new.thread_id;
    UPDATE community_groups SET last_active_at = new.created_at
     WHERE id = (SELECT group_id FROM forum_threads WHERE id = new.thread_id);
END;

-- The notification centre: one row per person per thing that happened to them.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    -- When it was shown as a native notification (NULL: not shown, by preference or
    -- because no notification server was there).
    shown_at INTEGER
) STRICT;
-- Unread counts read a person's rows through this index too: one index fewer to keep
-- up on every booking and message.
CREATE INDEX notifications_by_user ON notifications(user_id, created_at DESC);

-- Per person: reminder lead times (minutes, JSON array), a pause, and which kinds of
-- notification also appear natively (JSON array of kinds switched off).
CREATE TABLE notification_settings (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    lead_minutes TEXT NOT NULL DEFAULT '[1440,10]' CHECK (json_valid(lead_minutes)),
    native_off TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(native_off)),
    paused_until INTEGER,
    updated_at INTEGER NOT NULL
) STRICT;

-- Reminders before sessions and appointments, one per person, subject and lead time.
-- `fired_at` is set once, when shown or dropped, so a reminder never fires twice.
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('session', 'appointment')),
    subject_id TEXT NOT NULL,
    lead_minutes INTEGER NOT NULL CHECK (lead_minutes BETWEEN 1 AND 10080),
    starts_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    fired_at INTEGER,
    UNIQUE (user_id, subject_kind, subject_id, lead_minutes, starts_at)
) STRICT;
CREATE INDEX reminders_due ON reminders(due_at) WHERE fired_at IS NULL;
CREATE INDEX reminders_by_subject ON reminders(subject_kind, subject_id);

-- Busy-time reads (the slot finder, every booking's check, the overlap triggers) want
-- a person's sessions in a time window with their end, status and id: carry those in
-- the two indexes so the reads never visit the table.
DROP INDEX sessions_by_mentor;
DROP INDEX sessions_by_mentee;
CREATE INDEX sessions_by_mentor ON sessions(mentor_id, starts_at, ends_at, status, id);
CREATE INDEX sessions_by_mentee ON sessions(mentee_id, starts_at, ends_at, status, id);
