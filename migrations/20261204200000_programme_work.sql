-- A programme's tasks (seed 000 TASK) and reports (seed 000 REPORT).

CREATE TABLE programme_tasks (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    status TEXT NOT NULL DEFAULT 'unassigned'
        CHECK (status IN ('unassigned', 'pending', 'in_progress', 'completed')),
    -- A calendar date (YYYY-MM-DD): due by the end of that day in each person's zone.
    due_on TEXT CHECK (due_on IS NULL OR date(due_on) = due_on),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
) STRICT;
CREATE INDEX programme_tasks_by_programme ON programme_tasks(programme_id, status, due_on);
-- Overdue tasks across programmes (dashboards): open tasks by due date.
CREATE INDEX programme_tasks_open_by_due ON programme_tasks(due_on, programme_id)
    WHERE status <> 'completed' AND due_on IS NOT NULL;

CREATE TABLE task_assignees (
    task_id TEXT NOT NULL REFERENCES programme_tasks(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_assignees_by_user ON task_assignees(user_id, task_id);

CREATE TABLE programme_reports (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    -- A task report names its task; a programme report does not.
    task_id TEXT REFERENCES programme_tasks(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('programme', 'task')),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    achievements TEXT NOT NULL DEFAULT '' CHECK (length(achievements) <= 5000),
    blockers TEXT NOT NULL DEFAULT '' CHECK (length(blockers) <= 5000),
    recommendations TEXT NOT NULL DEFAULT '' CHECK (length(recommendations) <= 5000),
    -- When a manager marked the blockers resolved, and who.
    blockers_resolved_at INTEGER,
    blockers_resolved_by TEXT REFERENCES users(id),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX programme_reports_by_programme ON programme_reports(programme_id, created_at);
-- Open blockers across programmes (dashboards).
CREATE INDEX programme_reports_open_blockers ON programme_reports(programme_id, created_at)
    WHERE blockers <> '' AND blockers_resolved_at IS NULL;
