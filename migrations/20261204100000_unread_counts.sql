-- The Messages badge reads a person's unread counts (`db::conversations::unread_counts`).
-- Through `conversation_members_by_user` that visits the member row of every conversation
-- the person is in (500 rows spread over the table for a busy mentor: 3.7 ms median on a
-- cold reader connection in `mentordesk-bench messaging`). This partial index holds just
-- the rows with something unread, with the count, so the read touches a page or two.
CREATE INDEX conversation_members_unread
    ON conversation_members(user_id, conversation_id, unread) WHERE unread > 0;
