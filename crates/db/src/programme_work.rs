//! A programme's tasks with their assignees, and its reports.

use crate::{from_millis, internal, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, NaiveDate, Utc};
use mentordesk_shared::ids::{ProgrammeId, ReportId, TaskId, UserId};
use mentordesk_shared::programme_work::*;
use mentordesk_shared::ApiError;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct TaskRecord {
    pub id: TaskId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub title: String,
    pub description: String,
    pub status: TaskStatus,
    pub due_on: Option<NaiveDate>,
    pub assignees: Vec<UserId>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub reports: u32,
}

const TASK_SELECT: &str = "SELECT t.id, t.programme_id, p.name AS programme_name, t.title, \
     t.description, t.status, t.due_on, t.created_by, t.created_at, t.completed_at, \
     (SELECT json_group_array(a.user_id) FROM task_assignees a WHERE a.task_id = t.id) AS assignees, \
     (SELECT count(*) FROM programme_reports r WHERE r.task_id = t.id) AS reports \
     FROM programme_tasks t JOIN programmes p ON p.id = t.programme_id";

fn task_from_row(row: &sqlx::sqlite::SqliteRow) -> TaskRecord {
    let assignees: Vec<String> = serde_json::from_str(row.get("assignees")).unwrap_or_default();
    TaskRecord {
        id: TaskId(parse_uuid(row.get("id"))),
        programme_id: ProgrammeId(parse_uuid(row.get("programme_id"))),
        programme_name: row.get("programme_name"),
        title: row.get("title"),
        description: row.get("description"),
        status: TaskStatus::from_key(row.get("status")).unwrap_or(TaskStatus::Unassigned),
        due_on: row
            .get::<Option<String>, _>("due_on")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        assignees: assignees.iter().map(|a| UserId(parse_uuid(a))).collect(),
        created_by: UserId(parse_uuid(row.get("created_by"))),
        created_at: from_millis(row.get("created_at")),
        completed_at: row.get::<Option<i64>, _>("completed_at").map(from_millis),
        reports: u32::try_from(row.get::<i64, _>("reports")).unwrap_or(0),
    }
}

fn date_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

async fn set_assignees(
    conn: &mut SqliteConnection,
    id: TaskId,
    assignees: &[UserId],
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM task_assignees WHERE task_id = ?")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    for user in assignees {
        sqlx::query("INSERT INTO task_assignees (task_id, user_id) VALUES (?, ?)")
            .bind(id.to_string())
            .bind(user.to_string())
            .execute(&mut *conn)
            .await
            .map_err(internal)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_task(
    conn: &mut SqliteConnection,
    id: TaskId,
    programme: ProgrammeId,
    fields: &TaskFields,
    status: TaskStatus,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO programme_tasks (id, programme_id, title, description, status, due_on, \
         created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(programme.to_string())
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(status.key())
    .bind(date_text(fields.due_on))
    .bind(by.to_string())
    .bind(to_millis(now))
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    set_assignees(conn, id, &fields.assignees).await
}

pub async fn update_task(
    conn: &mut SqliteConnection,
    id: TaskId,
    fields: &TaskFields,
    status: TaskStatus,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE programme_tasks SET title = ?, description = ?, due_on = ?, status = ?, \
         updated_at = ? WHERE id = ?",
    )
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(date_text(fields.due_on))
    .bind(status.key())
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    set_assignees(conn, id, &fields.assignees).await
}

pub async fn set_task_status(
    conn: &mut SqliteConnection,
    id: TaskId,
    from: TaskStatus,
    to: TaskStatus,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let done = sqlx::query(
        "UPDATE programme_tasks SET status = ?1, updated_at = ?2, \
         completed_at = CASE WHEN ?1 = 'completed' THEN ?2 ELSE NULL END \
         WHERE id = ?3 AND status = ?4",
    )
    .bind(to.key())
    .bind(to_millis(now))
    .bind(id.to_string())
    .bind(from.key())
    .execute(conn)
    .await
    .map_err(internal)?;
    if done.rows_affected() != 1 {
        return Err(ApiError::conflict("This task has changed; reload it."));
    }
    Ok(())
}

pub async fn delete_task(conn: &mut SqliteConnection, id: TaskId) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM programme_tasks WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn find_task(
    conn: &mut SqliteConnection,
    id: TaskId,
) -> Result<Option<TaskRecord>, ApiError> {
    let row = sqlx::query(&format!("{TASK_SELECT} WHERE t.id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.as_ref().map(task_from_row))
}

/// A programme's tasks: open ones first by due date, then completed ones, newest first.
pub async fn tasks_of(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
) -> Result<Vec<TaskRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "{TASK_SELECT} WHERE t.programme_id = ? \
         ORDER BY t.status = 'completed', t.due_on IS NULL, t.due_on, t.created_at DESC"
    ))
    .bind(programme.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(task_from_row).collect())
}

/// Tasks assigned to `user`, across programmes, open ones first.
pub async fn tasks_assigned_to(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<TaskRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "{TASK_SELECT} WHERE t.id IN (SELECT task_id FROM task_assignees WHERE user_id = ?) \
         ORDER BY t.status = 'completed', t.due_on IS NULL, t.due_on, t.created_at DESC \
         LIMIT 500"
    ))
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(task_from_row).collect())
}

#[derive(Debug, Clone)]
pub struct ReportRecord {
    pub id: ReportId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub kind: ReportKind,
    pub task: Option<(TaskId, String)>,
    pub fields: ReportFields,
    pub blockers_resolved: bool,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

const REPORT_SELECT: &str = "SELECT r.id, r.programme_id, p.name AS programme_name, r.kind, \
     r.task_id, t.title AS task_title, r.title, r.achievements, r.blockers, r.recommendations, \
     r.blockers_resolved_at, r.created_by, r.created_at \
     FROM programme_reports r JOIN programmes p ON p.id = r.programme_id \
     LEFT JOIN programme_tasks t ON t.id = r.task_id";

fn report_from_row(row: &sqlx::sqlite::SqliteRow) -> ReportRecord {
    let task = match (
        row.get::<Option<String>, _>("task_id"),
        row.get::<Option<String>, _>("task_title"),
    ) {
        (Some(id), Some(title)) => Some((TaskId(parse_uuid(&id)), title)),
        _ => None,
    };
    ReportRecord {
        id: ReportId(parse_uuid(row.get("id"))),
        programme_id: ProgrammeId(parse_uuid(row.get("programme_id"))),
        programme_name: row.get("programme_name"),
        kind: if row.get::<String, _>("kind") == "task" {
            ReportKind::Task
        } else {
            ReportKind::Programme
        },
        task,
        fields: ReportFields {
            title: row.get("title"),
            achievements: row.get("achievements"),
            blockers: row.get("blockers"),
            recommendations: row.get("recommendations"),
        },
        blockers_resolved: row.get::<Option<i64>, _>("blockers_resolved_at").is_some(),
        created_by: UserId(parse_uuid(row.get("created_by"))),
        created_at: from_millis(row.get("created_at")),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_report(
    conn: &mut SqliteConnection,
    id: ReportId,
    programme: ProgrammeId,
    task: Option<TaskId>,
    fields: &ReportFields,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO programme_reports (id, programme_id, task_id, kind, title, achievements, \
         blockers, recommendations, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(programme.to_string())
    .bind(task.map(|t| t.to_string()))
    .bind(if task.is_some() { "task" } else { "programme" })
    .bind(&fields.title)
    .bind(&fields.achievements)
    .bind(&fields.blockers)
    .bind(&fields.recommendations)
    .bind(by.to_string())
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn find_report(
    conn: &mut SqliteConnection,
    id: ReportId,
) -> Result<Option<ReportRecord>, ApiError> {
    let row = sqlx::query(&format!("{REPORT_SELECT} WHERE r.id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.as_ref().map(report_from_row))
}

/// A programme's reports, newest first; optionally only those with open blockers.
pub async fn reports_of(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
    open_blockers: bool,
) -> Result<Vec<ReportRecord>, ApiError> {
    let filter = if open_blockers {
        " AND r.blockers <> '' AND r.blockers_resolved_at IS NULL"
    } else {
        ""
    };
    let rows = sqlx::query(&format!(
        "{REPORT_SELECT} WHERE r.programme_id = ?{filter} ORDER BY r.created_at DESC LIMIT 500"
    ))
    .bind(programme.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(report_from_row).collect())
}

pub async fn set_blockers_resolved(
    conn: &mut SqliteConnection,
    id: ReportId,
    resolved: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE programme_reports SET blockers_resolved_at = ?, blockers_resolved_by = ? \
         WHERE id = ?",
    )
    .bind(resolved.then(|| to_millis(now)))
    .bind(resolved.then(|| by.to_string()))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}
