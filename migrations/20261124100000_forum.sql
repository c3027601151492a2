-- The forum's counters beyond replies arriving (issue 4 point 6): a new thread is
-- activity in its group, and a deleted reply no longer counts on its thread.
CREATE TRIGGER forum_threads_activity AFTER INSERT ON forum_threads BEGIN
    UPDATE community_groups SET last_active_at = max(last_active_at, new.created_at)
     WHERE id = new.group_id;
END;

CREATE TRIGGER forum_replies_uncount AFTER DELETE ON forum_replies BEGIN
    UPDATE forum_threads SET reply_count = reply_count - 1
     WHERE id = old.thread_id AND reply_count > 0;
END;
