//! A programme's tasks (seed 000 TASK) and reports (seed 000 REPORT).

use crate::ids::{ProgrammeId, ReportId, TaskId, UserId};
use crate::sessions::PersonBrief;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Seed 000's task status: unassigned → pending → in progress → completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Nobody is assigned yet.
    Unassigned,
    /// Assigned, not started.
    Pending,
    InProgress,
    Completed,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::Unassigned,
        TaskStatus::Pending,
        TaskStatus::InProgress,
        TaskStatus::Completed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::Unassigned => "unassigned",
            TaskStatus::Pending => "pending",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Completed => "completed",
        }
    }

    pub fn from_key(key: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Unassigned => "Unassigned",
            TaskStatus::Pending => "Pending",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Completed => "Completed",
        }
    }
}

/// What a manager types for a task.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskFields {
    pub title: String,
    pub description: String,
    pub due_on: Option<NaiveDate>,
    /// Programme members; an empty list leaves the task unassigned.
    pub assignees: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub programme_id: ProgrammeId,
    pub fields: TaskFields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEdit {
    pub id: TaskId,
    pub fields: TaskFields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRef {
    pub id: TaskId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskStatusChange {
    pub id: TaskId,
    pub status: TaskStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskQuery {
    /// One programme, or (with `mine`) every task assigned to the caller.
    pub programme_id: Option<ProgrammeId>,
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: TaskId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub title: String,
    pub description: String,
    pub status: TaskStatus,
    pub due_on: Option<NaiveDate>,
    /// Due before today (in the viewer's zone) and not completed.
    pub overdue: bool,
    pub assignees: Vec<PersonBrief>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The statuses the viewer may move it to now.
    pub next_statuses: Vec<TaskStatus>,
    /// Managers edit and delete tasks.
    pub can_edit: bool,
    /// Reports written about this task.
    pub reports: u32,
}

/// Seed 000's report type: about the whole programme, or about one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Programme,
    Task,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportFields {
    pub title: String,
    pub achievements: String,
    pub blockers: String,
    pub recommendations: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReport {
    pub programme_id: ProgrammeId,
    /// A task of the programme, for a task report.
    pub task_id: Option<TaskId>,
    pub fields: ReportFields,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportQuery {
    pub programme_id: Option<ProgrammeId>,
    /// Only reports whose blockers are still open.
    pub open_blockers: bool,
}

/// A manager marks a report's blockers resolved (or open again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportBlockers {
    pub id: ReportId,
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: ReportId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub kind: ReportKind,
    pub task: Option<(TaskId, String)>,
    pub title: String,
    pub achievements: String,
    pub blockers: String,
    pub recommendations: String,
    /// Blockers were named and nobody has marked them resolved.
    pub blockers_open: bool,
    pub author: PersonBrief,
    pub created_at: DateTime<Utc>,
    pub can_resolve: bool,
}
