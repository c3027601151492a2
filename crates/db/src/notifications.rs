//! The notification centre's rows, per-person notification settings, and reminders.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::conversations::{Notification, NotificationKind, Subject};
use mentordesk_shared::ids::*;
use mentordesk_shared::ApiError;
use sqlx::Row;

fn subject_parts(subject: Subject) -> (&'static str, String) {
    match subject {
        Subject::Session(id) => ("session", id.to_string()),
        Subject::Appointment(id) => ("appointment", id.to_string()),
        Subject::Conversation(id) => ("conversation", id.to_string()),
        Subject::Application(id) => ("application", id.to_string()),
        Subject::Person(id) => ("person", id.to_string()),
        Subject::Thread(id) => ("thread", id.to_string()),
        Subject::Programme(id) => ("programme", id.to_string()),
    }
}

fn subject_of(kind: &str, id: &str) -> Subject {
    let uuid = parse_uuid(id);
    match kind {
        "session" => Subject::Session(SessionId(uuid)),
        "appointment" => Subject::Appointment(AppointmentId(uuid)),
        "conversation" => Subject::Conversation(ConversationId(uuid)),
        "application" => Subject::Application(ApplicationId(uuid)),
        "thread" => Subject::Thread(ThreadId(uuid)),
        "programme" => Subject::Programme(ProgrammeId(uuid)),
        _ => Subject::Person(UserId(uuid)),
    }
}

/// A notification to store.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub user: UserId,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub subject: Subject,
}

pub async fn insert(
    conn: &mut SqliteConnection,
    n: &NewNotification,
    now: DateTime<Utc>,
) -> Result<NotificationId, ApiError> {
    let id = new_id();
    let (subject_kind, subject_id) = subject_parts(n.subject);
    sqlx::query(
        "INSERT INTO notifications (id, user_id, kind, title, body, subject_kind, subject_id, \
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(n.user.to_string())
    .bind(n.kind.key())
    .bind(&n.title)
    .bind(&n.body)
    .bind(subject_kind)
    .bind(subject_id)
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(NotificationId(parse_uuid(&id)))
}

fn notification_row(row: &sqlx::sqlite::SqliteRow) -> Notification {
    Notification {
        id: NotificationId(parse_uuid(row.get("id"))),
        kind: NotificationKind::from_key(row.get("kind")).unwrap_or(NotificationKind::Reminder),
        title: row.get("title"),
        body: row.get("body"),
        subject: subject_of(row.get("subject_kind"), row.get("subject_id")),
        created_at: from_millis(row.get("created_at")),
        read: row.get::<Option<i64>, _>("read_at").is_some(),
    }
}

/// A page of the person's notifications, newest first (in the order they were stored
/// when stored at the same millisecond), and whether more follow.
pub async fn list(
    conn: &mut SqliteConnection,
    user: UserId,
    unread_only: bool,
    before: Option<NotificationId>,
    limit: u16,
) -> Result<(Vec<Notification>, bool), ApiError> {
    let rows = sqlx::query(
        "SELECT id, kind, title, body, subject_kind, subject_id, created_at, read_at \
         FROM notifications WHERE user_id = ?1 AND (?2 = 0 OR read_at IS NULL) \
         AND (?3 IS NULL OR (created_at, rowid) < \
              (SELECT created_at, rowid FROM notifications WHERE id = ?3)) \
         ORDER BY created_at DESC, rowid DESC LIMIT ?4",
    )
    .bind(user.to_string())
    .bind(i64::from(unread_only))
    .bind(before.map(|b| b.to_string()))
    .bind(i64::from(limit) + 1)
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    let more = rows.len() > usize::from(limit);
    Ok((
        rows.iter()
            .take(usize::from(limit))
            .map(notification_row)
            .collect(),
        more,
    ))
}

pub async fn unread_count(conn: &mut SqliteConnection, user: UserId) -> Result<u32, ApiError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
    )
    .bind(user.to_string())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Marks one (or, with `None`, all) of the person's notifications read. Returns how many
/// changed; a notification of someone else's changes nothing.
pub async fn mark_read(
    conn: &mut SqliteConnection,
    user: UserId,
    id: Option<NotificationId>,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL \
         AND (?3 IS NULL OR id = ?3)",
    )
    .bind(to_millis(now))
    .bind(user.to_string())
    .bind(id.map(|i| i.to_string()))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(done.rows_affected())
}

/// Marks the notifications about `subject` read for the person (opening a conversation
/// reads its message notifications).
pub async fn mark_subject_read(
    conn: &mut SqliteConnection,
    user: UserId,
    subject: Subject,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (kind, id) = subject_parts(subject);
    sqlx::query(
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL \
         AND subject_kind = ? AND subject_id = ?",
    )
    .bind(to_millis(now))
    .bind(user.to_string())
    .bind(kind)
    .bind(id)
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn mark_shown(
    conn: &mut SqliteConnection,
    id: NotificationId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE notifications SET shown_at = ? WHERE id = ?")
        .bind(to_millis(now))
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

/// A person's stored settings: lead times, kinds not shown natively, pause.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsRecord {
    pub lead_minutes: Vec<u32>,
    pub native_off: Vec<NotificationKind>,
    pub paused_until: Option<DateTime<Utc>>,
}

impl Default for SettingsRecord {
    fn default() -> Self {
        SettingsRecord {
            lead_minutes: mentordesk_core::reminders::DEFAULT_LEADS.to_vec(),
            native_off: Vec::new(),
            paused_until: None,
        }
    }
}

pub async fn settings(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<SettingsRecord, ApiError> {
    let row = sqlx::query(
        "SELECT lead_minutes, native_off, paused_until FROM notification_settings WHERE user_id = ?",
    )
    .bind(user.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    let Some(row) = row else {
        return Ok(SettingsRecord::default());
    };
    let unreadable = |e: serde_json::Error| ApiError::internal(format!("Unreadable settings: {e}"));
    let leads: Vec<u32> = serde_json::from_str(row.get("lead_minutes")).map_err(unreadable)?;
    let off: Vec<String> = serde_json::from_str(row.get("native_off")).map_err(unreadable)?;
    Ok(SettingsRecord {
        lead_minutes: leads,
        native_off: off
            .iter()
            .filter_map(|k| NotificationKind::from_key(k))
            .collect(),
        paused_until: row.get::<Option<i64>, _>("paused_until").map(from_millis),
    })
}

pub async fn save_settings(
    conn: &mut SqliteConnection,
    user: UserId,
    s: &SettingsRecord,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let leads =
        serde_json::to_string(&s.lead_minutes).map_err(|e| ApiError::internal(e.to_string()))?;
    let off: Vec<&str> = s.native_off.iter().map(|k| k.key()).collect();
    let off = serde_json::to_string(&off).map_err(|e| ApiError::internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO notification_settings (user_id, lead_minutes, native_off, paused_until, \
         updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id) DO UPDATE SET \
         lead_minutes = ?2, native_off = ?3, paused_until = ?4, updated_at = ?5",
    )
    .bind(user.to_string())
    .bind(leads)
    .bind(off)
    .bind(s.paused_until.map(to_millis))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

/// A reminder waiting to fire.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderRecord {
    pub id: i64,
    pub user: UserId,
    pub subject: Subject,
    pub lead_minutes: u32,
    pub starts_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// Replaces the unfired reminders of `subject` (starting at `starts_at`) for `user` with
/// `planned`. A reminder already fired for the same lead and start is not planned again.
pub async fn replan(
    conn: &mut SqliteConnection,
    user: UserId,
    subject: Subject,
    starts_at: DateTime<Utc>,
    planned: &[mentordesk_core::reminders::Planned],
) -> Result<(), ApiError> {
    let (kind, id) = subject_parts(subject);
    sqlx::query(
        "DELETE FROM reminders WHERE user_id = ? AND subject_kind = ? AND subject_id = ? \
         AND fired_at IS NULL",
    )
    .bind(user.to_string())
    .bind(kind)
    .bind(&id)
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    for p in planned {
        sqlx::query(
            "INSERT INTO reminders (user_id, subject_kind, subject_id, lead_minutes, starts_at, \
             due_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(user.to_string())
        .bind(kind)
        .bind(&id)
        .bind(i64::from(p.lead_minutes))
        .bind(to_millis(starts_at))
        .bind(to_millis(p.due_at))
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    Ok(())
}

/// Removes every unfired reminder of `subject` (for everyone).
pub async fn clear(conn: &mut SqliteConnection, subject: Subject) -> Result<(), ApiError> {
    let (kind, id) = subject_parts(subject);
    sqlx::query(
        "DELETE FROM reminders WHERE subject_kind = ? AND subject_id = ? AND fired_at IS NULL",
    )
    .bind(kind)
    .bind(id)
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

fn reminder_row(row: &sqlx::sqlite::SqliteRow) -> ReminderRecord {
    ReminderRecord {
        id: row.get("id"),
        user: UserId(parse_uuid(row.get("user_id"))),
        subject: subject_of(row.get("subject_kind"), row.get("subject_id")),
        lead_minutes: u32::try_from(row.get::<i64, _>("lead_minutes")).unwrap_or(0),
        starts_at: from_millis(row.get("starts_at")),
        due_at: from_millis(row.get("due_at")),
    }
}

/// When the next unfired reminder is due (from the partial index on `due_at`).
pub async fn next_due(conn: &mut SqliteConnection) -> Result<Option<DateTime<Utc>>, ApiError> {
    let at: Option<i64> =
        sqlx::query_scalar("SELECT min(due_at) FROM reminders WHERE fired_at IS NULL")
            .fetch_one(conn)
            .await
            .map_err(internal)?;
    Ok(at.map(from_millis))
}

/// Unfired reminders due at or before `now`, oldest first.
pub async fn due(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
    limit: u16,
) -> Result<Vec<ReminderRecord>, ApiError> {
    let rows = sqlx::query(
        "SELECT id, user_id, subject_kind, subject_id, lead_minutes, starts_at, due_at \
         FROM reminders WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?",
    )
    .bind(to_millis(now))
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(reminder_row).collect())
}

/// Marks a reminder handled (shown or dropped). False if it already was: it never fires twice.
pub async fn mark_fired(
    conn: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = sqlx::query("UPDATE reminders SET fired_at = ? WHERE id = ? AND fired_at IS NULL")
        .bind(to_millis(now))
        .bind(id)
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

/// The person's confirmed sessions and the scheduled appointments they organise or
/// accepted, starting after `now`: what their reminders are about.
pub async fn upcoming_subjects(
    conn: &mut SqliteConnection,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<(Subject, DateTime<Utc>)>, ApiError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT 'session', id, starts_at FROM sessions WHERE mentor_id = ?1 AND starts_at > ?2 \
           AND status = 'confirmed' \
         UNION ALL SELECT 'session', id, starts_at FROM sessions WHERE mentee_id = ?1 \
           AND starts_at > ?2 AND status = 'confirmed' \
         UNION ALL SELECT 'appointment', a.id, a.starts_at FROM appointments a \
           WHERE a.status = 'scheduled' AND a.starts_at > ?2 AND (a.organiser_id = ?1 \
           OR a.id IN (SELECT appointment_id FROM appointment_attendees \
                       WHERE user_id = ?1 AND response = 'accepted'))",
    )
    .bind(user.to_string())
    .bind(to_millis(now))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|(kind, id, at)| (subject_of(kind, id), from_millis(*at)))
        .collect())
}

/// The person's next confirmed session or scheduled appointment (organised or accepted)
/// that has not ended yet, with its title and start: what the tray counts down to.
pub async fn next_up(
    conn: &mut SqliteConnection,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Option<(Subject, String, DateTime<Utc>)>, ApiError> {
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "SELECT * FROM ( \
           SELECT 'session', id, title, starts_at FROM sessions WHERE mentor_id = ?1 \
             AND ends_at > ?2 AND status = 'confirmed' \
           UNION ALL SELECT 'session', id, title, starts_at FROM sessions WHERE mentee_id = ?1 \
             AND ends_at > ?2 AND status = 'confirmed' \
           UNION ALL SELECT 'appointment', a.id, a.title, a.starts_at FROM appointments a \
             WHERE a.status = 'scheduled' AND a.ends_at > ?2 AND (a.organiser_id = ?1 \
             OR a.id IN (SELECT appointment_id FROM appointment_attendees \
                         WHERE user_id = ?1 AND response = 'accepted'))) \
         ORDER BY 4 LIMIT 1",
    )
    .bind(user.to_string())
    .bind(to_millis(now))
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.map(|(kind, id, title, at)| (subject_of(&kind, &id), title, from_millis(at))))
}

/// An open action item with a due date, as the scheduler sees it.
#[derive(Debug, Clone)]
pub struct DueItem {
    pub id: ActionItemId,
    pub session: SessionId,
    pub session_title: String,
    pub assignee: UserId,
    pub title: String,
    pub due: chrono::NaiveDate,
}

/// Open action items due on or before `until` whose due date has not been announced yet
/// (from the partial index `action_items_open_by_due`).
pub async fn action_items_coming_due(
    conn: &mut SqliteConnection,
    until: chrono::NaiveDate,
    limit: u32,
) -> Result<Vec<DueItem>, ApiError> {
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT a.id, a.session_id, s.title, a.assignee_id, a.title, a.due_date \
           FROM action_items a JOIN sessions s ON s.id = a.session_id \
          WHERE a.due_date IS NOT NULL AND a.status <> 'completed' AND a.due_date <= ?1 \
            AND (a.due_notified_on IS NULL OR a.due_notified_on <> a.due_date) \
          ORDER BY a.due_date LIMIT ?2",
    )
    .bind(until.format("%Y-%m-%d").to_string())
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    rows.into_iter()
        .map(|(id, session, session_title, assignee, title, due)| {
            Ok(DueItem {
                id: ActionItemId(parse_uuid(&id)),
                session: SessionId(parse_uuid(&session)),
                session_title,
                assignee: UserId(parse_uuid(&assignee)),
                title,
                due: chrono::NaiveDate::parse_from_str(&due, "%Y-%m-%d").map_err(|e| {
                    ApiError::internal(format!("a stored due date is invalid: {e}"))
                })?,
            })
        })
        .collect()
}

/// Remembers that `due` was announced for the item.
pub async fn mark_action_item_announced(
    conn: &mut SqliteConnection,
    id: ActionItemId,
    due: chrono::NaiveDate,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE action_items SET due_notified_on = ? WHERE id = ?")
        .bind(due.format("%Y-%m-%d").to_string())
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}
