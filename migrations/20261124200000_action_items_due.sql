-- Action items coming due (issue 4's notification centre): the day before its due date
-- (in the assignee's zone), or at once if it is already due, an open action item gives
-- its assignee one notification. `due_notified_on` remembers the due date that was
-- announced, so moving the date announces the new one once, and nothing repeats.
ALTER TABLE action_items ADD COLUMN due_notified_on TEXT;

-- Open items with a due date, by date: what the scheduler looks at every minute.
CREATE INDEX action_items_open_by_due ON action_items(due_date)
    WHERE due_date IS NOT NULL AND status <> 'completed';
