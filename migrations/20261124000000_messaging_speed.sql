-- Message search at scale (issue 4's speed figures, measured by `mentordesk-bench
-- messaging` on 5,000,000 messages).
--
-- 1. Prefix indexes. Search turns every typed word into a prefix term ("plan" → "plan"*).
--    Without an index for its length FTS5 first reads and merges the whole doclist of every
--    word with that prefix ("t"* took 3 s, "the"* 0.5 s), however few hits are wanted;
--    with one it walks a single doclist newest first and stops at the page's last hit.
--    Longer prefixes match few words, whose doclists are merged quickly.
-- 2. The conversation of each message is in the index too, as one token (a private-use
--    character, which no searched word contains, then the id's hex digits), so a search
--    can name the searcher's conversations inside the full-text query and FTS5 skips
--    everyone else's messages by seeking in its doclists, instead of visiting each
--    matching message's row to ask for its conversation. See
--    `db::conversations::search` for when each way is used.
ALTER TABLE messages ADD COLUMN conversation_key TEXT
    GENERATED ALWAYS AS (char(57344) || replace(conversation_id, '-', '')) VIRTUAL;

DROP TRIGGER messages_after_insert;
DROP TRIGGER messages_after_body_update;
DROP TABLE messages_fts;

CREATE VIRTUAL TABLE messages_fts USING fts5(
    body,
    conversation_key,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5'
);

-- As before: deleted messages (empty bodies) stay out of the index.
INSERT INTO messages_fts(rowid, body, conversation_key)
SELECT id, body, conversation_key FROM messages WHERE deleted_at IS NULL;

CREATE TRIGGER messages_after_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body, conversation_key)
    VALUES (new.id, new.body, new.conversation_key);
    UPDATE conversation_members SET unread = unread + 1
     WHERE conversation_id = new.conversation_id AND user_id <> new.sender_id;
    UPDATE conversation_members SET last_read_id = new.id
     WHERE conversation_id = new.conversation_id AND user_id = new.sender_id;
    UPDATE conversations SET last_message_at = new.created_at WHERE id = new.conversation_id;
END;

CREATE TRIGGER messages_after_body_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body, conversation_key)
    VALUES ('delete', old.id, old.body, old.conversation_key);
    INSERT INTO messages_fts(rowid, body, conversation_key)
    SELECT new.id, new.body, new.conversation_key WHERE new.body <> '';
END;
