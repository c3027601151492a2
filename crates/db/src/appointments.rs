//! Group appointments (seed 002) and the people lookups scheduling needs.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::ids::{AppointmentId, UserId};
use mentordesk_shared::sessions::{AppointmentStatus, AttendeeResponse};
use mentordesk_shared::ApiError;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct AppointmentRecord {
    pub id: AppointmentId,
    pub organiser: UserId,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub meeting_link: String,
    pub status: AppointmentStatus,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub attendees: Vec<AttendeeRecord>,
}

#[derive(Debug, Clone)]
pub struct AttendeeRecord {
    pub user: UserId,
    pub response: AttendeeResponse,
    pub responded_at: Option<DateTime<Utc>>,
}

pub struct NewAppointment<'a> {
    pub organiser: UserId,
    pub title: &'a str,
    pub description: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub meeting_link: &'a str,
    pub attendees: &'a [UserId],
}

pub async fn create(
    conn: &mut SqliteConnection,
    a: &NewAppointment<'_>,
    now: DateTime<Utc>,
) -> Result<AppointmentId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO appointments (id, organiser_id, title, description, starts_at, ends_at, \
         meeting_link, status, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)",
    )
    .bind(&id)
    .bind(a.organiser.to_string())
    .bind(a.title)
    .bind(a.description)
    .bind(to_millis(a.starts_at))
    .bind(to_millis(a.ends_at))
    .bind(a.meeting_link)
    .bind(to_millis(now))
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    for user in a.attendees {
        sqlx::query(
            "INSERT INTO appointment_attendees (appointment_id, user_id, response) \
             VALUES (?, ?, 'pending')",
        )
        .bind(&id)
        .bind(user.to_string())
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    Ok(AppointmentId(parse_uuid(&id)))
}

fn status(key: &str) -> AppointmentStatus {
    if key == "cancelled" {
        AppointmentStatus::Cancelled
    } else {
        AppointmentStatus::Scheduled
    }
}

fn response(key: &str) -> AttendeeResponse {
    match key {
        "accepted" => AttendeeResponse::Accepted,
        "declined" => AttendeeResponse::Declined,
        _ => AttendeeResponse::Pending,
    }
}

/// An appointment's columns, with its attendees (by name) as one JSON array.
const COLUMNS: &str = "a.id, a.organiser_id, a.title, a.description, a.starts_at, a.ends_at, \
    a.meeting_link, a.status, a.sequence, a.created_at, a.updated_at, \
    (SELECT json_group_array(json_array(t.user_id, t.response, t.responded_at)) FROM \
     (SELECT t.user_id, t.response, t.responded_at FROM appointment_attendees t \
      JOIN profiles p ON p.user_id = t.user_id WHERE t.appointment_id = a.id \
      ORDER BY p.first_name, p.last_name) t) AS attendees";

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<AppointmentRecord, ApiError> {
    let attendees: Vec<(String, String, Option<i64>)> = serde_json::from_str(row.get("attendees"))
        .map_err(|e| ApiError::internal(format!("The stored attendees are unreadable: {e}")))?;
    Ok(AppointmentRecord {
        id: AppointmentId(parse_uuid(row.get("id"))),
        organiser: UserId(parse_uuid(row.get("organiser_id"))),
        title: row.get("title"),
        description: row.get("description"),
        starts_at: from_millis(row.get("starts_at")),
        ends_at: from_millis(row.get("ends_at")),
        meeting_link: row.get("meeting_link"),
        status: status(row.get("status")),
        sequence: row.get::<i64, _>("sequence") as u32,
        created_at: from_millis(row.get("created_at")),
        updated_at: from_millis(row.get("updated_at")),
        attendees: attendees
            .into_iter()
            .map(|(user, r, at)| AttendeeRecord {
                user: UserId(parse_uuid(&user)),
                response: response(&r),
                responded_at: at.map(from_millis),
            })
            .collect(),
    })
}

pub async fn get(
    conn: &mut SqliteConnection,
    id: AppointmentId,
) -> Result<Option<AppointmentRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM appointments a WHERE a.id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    row.as_ref().map(from_row).transpose()
}

/// Appointments `user` organises or is invited to; upcoming soonest first, past latest first.
pub async fn list_for(
    conn: &mut SqliteConnection,
    user: UserId,
    ends_after: Option<DateTime<Utc>>,
    ends_by: Option<DateTime<Utc>>,
    limit: u32,
) -> Result<Vec<AppointmentRecord>, ApiError> {
    let order = if ends_after.is_some() { "ASC" } else { "DESC" };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM appointments a WHERE (a.organiser_id = ?1 OR a.id IN \
         (SELECT appointment_id FROM appointment_attendees WHERE user_id = ?1)) \
         AND a.ends_at > ?2 AND a.ends_at <= ?3 ORDER BY a.starts_at {order} LIMIT ?4"
    ))
    .bind(user.to_string())
    .bind(ends_after.map(to_millis).unwrap_or(i64::MIN))
    .bind(ends_by.map(to_millis).unwrap_or(i64::MAX))
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    rows.iter().map(from_row).collect()
}

/// Returns false if `user` is not invited.
pub async fn respond(
    conn: &mut SqliteConnection,
    id: AppointmentId,
    user: UserId,
    answer: AttendeeResponse,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = sqlx::query(
        "UPDATE appointment_attendees SET response = ?, responded_at = ? \
         WHERE appointment_id = ? AND user_id = ?",
    )
    .bind(answer.key())
    .bind(to_millis(now))
    .bind(id.to_string())
    .bind(user.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

pub async fn cancel(
    conn: &mut SqliteConnection,
    id: AppointmentId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE appointments SET status = 'cancelled', sequence = sequence + 1, updated_at = ? \
         WHERE id = ?",
    )
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Name, zone, e-mail and photo file of a person, for session pages and calendar files.
#[derive(Debug, Clone)]
pub struct PersonRecord {
    pub id: UserId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub time_zone: String,
    pub photo_file: Option<String>,
    pub is_active: bool,
}

impl PersonRecord {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

pub async fn people(
    conn: &mut SqliteConnection,
    ids: &[UserId],
) -> Result<Vec<PersonRecord>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(", ");
    let sql = format!(
        "SELECT u.id, p.first_name, p.last_name, u.email, p.time_zone, p.photo_file, u.is_active \
         FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id IN ({marks})"
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id.to_string());
    }
    let rows = q.fetch_all(conn).await.map_err(internal)?;
    Ok(rows.iter().map(person_from_row).collect())
}

fn person_from_row(row: &sqlx::sqlite::SqliteRow) -> PersonRecord {
    PersonRecord {
        id: UserId(parse_uuid(row.get("id"))),
        first_name: row.get("first_name"),
        last_name: row.get("last_name"),
        email: row.get("email"),
        time_zone: row.get("time_zone"),
        photo_file: row.get("photo_file"),
        is_active: row.get::<i64, _>("is_active") == 1,
    }
}

pub async fn person(
    conn: &mut SqliteConnection,
    id: UserId,
) -> Result<Option<PersonRecord>, ApiError> {
    Ok(people(conn, &[id]).await?.into_iter().next())
}

/// Active people whose name or e-mail contains `query`, optionally with one built-in role.
pub async fn search_people(
    conn: &mut SqliteConnection,
    query: &str,
    role_key: Option<&str>,
    limit: u32,
) -> Result<Vec<(PersonRecord, Vec<String>)>, ApiError> {
    let pattern = format!(
        "%{}%",
        query
            .trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = sqlx::query(
        "SELECT u.id, p.first_name, p.last_name, u.email, p.time_zone, p.photo_file, u.is_active, \
         (SELECT group_concat(r.key) FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
          WHERE ur.user_id = u.id) AS role_keys \
         FROM users u JOIN profiles p ON p.user_id = u.id \
         WHERE u.is_active = 1 \
           AND (lower(p.first_name || ' ' || p.last_name) LIKE ?1 ESCAPE '\\' \
                OR u.email_key LIKE ?1 ESCAPE '\\') \
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
                WHERE ur.user_id = u.id AND r.key = ?2)) \
         ORDER BY p.first_name, p.last_name LIMIT ?3",
    )
    .bind(pattern)
    .bind(role_key)
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|row| {
            let roles: Option<String> = row.get("role_keys");
            (
                person_from_row(row),
                roles
                    .map(|r| r.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
            )
        })
        .collect())
}
