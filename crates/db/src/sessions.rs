//! Availability, sessions and their history, notes, action items and ratings.
//!
//! No double booking is enforced twice: the API checks the mentor's free slots inside
//! the same `BEGIN IMMEDIATE` transaction as the insert, and the triggers of the
//! scheduling migration refuse any overlapping time-holding session regardless.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, NaiveDate, Utc, Weekday};
use mentordesk_shared::ids::{ActionItemId, NoteId, SessionId, UserId};
use mentordesk_shared::scheduling::{
    Availability, BookingSettings, DateException, ExceptionKind, SessionStatus, WeeklyRange,
};
use mentordesk_shared::sessions::{ActionItemStatus, RatingSummary, SessionRole};
use mentordesk_shared::ApiError;
use sqlx::Row;

// ---------------------------------------------------------------- availability

/// One availability row as a JSON array: the settings, `updated_at`, and the weekly
/// ranges and date exceptions as nested arrays (read with [`availability_from_parts`]).
pub(crate) const AVAILABILITY_JSON: &str = "json_array(a.time_zone, a.durations, \
    a.buffer_before_minutes, a.buffer_after_minutes, a.min_notice_minutes, a.daily_cap, \
    a.weekly_cap, a.horizon_days, a.step_minutes, a.updated_at, \
    json((SELECT json_group_array(json_array(r.weekday, r.start_minute, r.end_minute)) \
          FROM availability_ranges r WHERE r.mentor_id = a.mentor_id)), \
    json((SELECT json_group_array(json_array(e.date, e.kind, e.start_minute, e.end_minute)) \
          FROM availability_exceptions e WHERE e.mentor_id = a.mentor_id)))";

/// [`AVAILABILITY_JSON`] as read back.
pub(crate) type AvailabilityParts = (
    String,
    String,
    i64,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    i64,
    i64,
    i64,
    Vec<(i64, i64, i64)>,
    Vec<(String, String, i64, i64)>,
);

pub(crate) fn availability_from_parts(
    parts: AvailabilityParts,
) -> Result<(Availability, DateTime<Utc>), ApiError> {
    let (
        time_zone,
        durations,
        before,
        after,
        notice,
        daily,
        weekly,
        horizon,
        step,
        updated_at,
        mut ranges,
        mut exceptions,
    ) = parts;
    let settings = BookingSettings {
        durations: durations
            .split(',')
            .filter_map(|d| d.trim().parse().ok())
            .collect(),
        buffer_before_minutes: before as u16,
        buffer_after_minutes: after as u16,
        min_notice_minutes: notice as u32,
        daily_cap: daily.map(|c| c as u16),
        weekly_cap: weekly.map(|c| c as u16),
        horizon_days: horizon as u16,
        step_minutes: step as u16,
    };
    ranges.sort_by_key(|&(day, start, _)| (day, start));
    exceptions.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    let availability = Availability {
        time_zone,
        weekly: ranges
            .into_iter()
            .map(|(day, start, end)| WeeklyRange {
                weekday: weekday(day),
                start: start as u16,
                end: end as u16,
            })
            .collect(),
        exceptions: exceptions
            .into_iter()
            .filter_map(|(date, kind, start, end)| {
                Some(DateException {
                    date: date.parse().ok()?,
                    kind: if kind == "extra" {
                        ExceptionKind::Extra
                    } else {
                        ExceptionKind::Unavailable
                    },
                    start: start as u16,
                    end: end as u16,
                })
            })
            .collect(),
        settings,
    };
    Ok((availability, from_millis(updated_at)))
}

/// A mentor's availability and its last change, in one statement.
pub async fn get_availability(
    conn: &mut SqliteConnection,
    mentor: UserId,
) -> Result<Option<(Availability, DateTime<Utc>)>, ApiError> {
    let text: Option<String> = sqlx::query_scalar(&format!(
        "SELECT {AVAILABILITY_JSON} FROM availability a WHERE a.mentor_id = ?"
    ))
    .bind(mentor.to_string())
    .fetch_optional(&mut *conn)
    .await
    .map_err(internal)?;
    let Some(text) = text else { return Ok(None) };
    let parts: AvailabilityParts = serde_json::from_str(&text)
        .map_err(|e| ApiError::internal(format!("The stored availability is unreadable: {e}")))?;
    availability_from_parts(parts).map(Some)
}

fn weekday(n: i64) -> Weekday {
    match n {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Replaces the mentor's availability (call inside a write transaction).
pub async fn save_availability(
    conn: &mut SqliteConnection,
    mentor: UserId,
    a: &Availability,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let id = mentor.to_string();
    let s = &a.settings;
    let durations = s
        .durations
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query(
        "INSERT INTO availability (mentor_id, time_zone, durations, buffer_before_minutes, \
         buffer_after_minutes, min_notice_minutes, daily_cap, weekly_cap, horizon_days, \
         step_minutes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (mentor_id) DO UPDATE SET time_zone = excluded.time_zone, \
         durations = excluded.durations, buffer_before_minutes = excluded.buffer_before_minutes, \
         buffer_after_minutes = excluded.buffer_after_minutes, \
         min_notice_minutes = excluded.min_notice_minutes, daily_cap = excluded.daily_cap, \
         weekly_cap = excluded.weekly_cap, horizon_days = excluded.horizon_days, \
         step_minutes = excluded.step_minutes, updated_at = excluded.updated_at",
    )
    .bind(&id)
    .bind(&a.time_zone)
    .bind(durations)
    .bind(i64::from(s.buffer_before_minutes))
    .bind(i64::from(s.buffer_after_minutes))
    .bind(i64::from(s.min_notice_minutes))
    .bind(s.daily_cap.map(i64::from))
    .bind(s.weekly_cap.map(i64::from))
    .bind(i64::from(s.horizon_days))
    .bind(i64::from(s.step_minutes))
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    for table in ["availability_ranges", "availability_exceptions"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE mentor_id = ?"))
            .bind(&id)
            .execute(&mut *conn)
            .await
            .map_err(internal)?;
    }
    for r in &a.weekly {
        sqlx::query(
            "INSERT INTO availability_ranges (mentor_id, weekday, start_minute, end_minute) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(i64::from(r.weekday.num_days_from_monday()))
        .bind(i64::from(r.start))
        .bind(i64::from(r.end))
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    for e in &a.exceptions {
        sqlx::query(
            "INSERT INTO availability_exceptions (mentor_id, date, kind, start_minute, end_minute) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(e.date.to_string())
        .bind(match e.kind {
            ExceptionKind::Extra => "extra",
            ExceptionKind::Unavailable => "unavailable",
        })
        .bind(i64::from(e.start))
        .bind(i64::from(e.end))
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- sessions

/// A new time waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub by: UserId,
    pub message: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub id: SessionId,
    pub mentor: UserId,
    pub mentee: UserId,
    pub title: String,
    pub agenda: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
    pub meeting_link: String,
    pub mentor_notes: String,
    pub proposal: Option<Proposal>,
    pub created_by: UserId,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn status_from_key(key: &str) -> SessionStatus {
    SessionStatus::ALL
        .into_iter()
        .find(|s| s.key() == key)
        .unwrap_or(SessionStatus::Cancelled)
}

const SESSION_COLUMNS: &str = "s.id, s.mentor_id, s.mentee_id, s.title, s.agenda, s.starts_at, \
    s.ends_at, s.status, s.meeting_link, s.mentor_notes, s.proposed_starts_at, s.proposed_ends_at, \
    s.proposed_by, s.proposal_message, s.proposed_at, s.created_by, s.sequence, s.created_at, \
    s.updated_at";

fn session_from_row(row: &sqlx::sqlite::SqliteRow) -> SessionRecord {
    let proposal = match (
        row.get::<Option<i64>, _>("proposed_starts_at"),
        row.get::<Option<i64>, _>("proposed_ends_at"),
        row.get::<Option<String>, _>("proposed_by"),
    ) {
        (Some(start), Some(end), Some(by)) => Some(Proposal {
            starts_at: from_millis(start),
            ends_at: from_millis(end),
            by: UserId(parse_uuid(&by)),
            message: row.get("proposal_message"),
            at: from_millis(row.get::<Option<i64>, _>("proposed_at").unwrap_or(start)),
        }),
        _ => None,
    };
    SessionRecord {
        id: SessionId(parse_uuid(row.get("id"))),
        mentor: UserId(parse_uuid(row.get("mentor_id"))),
        mentee: UserId(parse_uuid(row.get("mentee_id"))),
        title: row.get("title"),
        agenda: row.get("agenda"),
        starts_at: from_millis(row.get("starts_at")),
        ends_at: from_millis(row.get("ends_at")),
        status: status_from_key(row.get("status")),
        meeting_link: row.get("meeting_link"),
        mentor_notes: row.get("mentor_notes"),
        proposal,
        created_by: UserId(parse_uuid(row.get("created_by"))),
        sequence: row.get::<i64, _>("sequence") as u32,
        created_at: from_millis(row.get("created_at")),
        updated_at: from_millis(row.get("updated_at")),
    }
}

pub async fn get(
    conn: &mut SqliteConnection,
    id: SessionId,
) -> Result<Option<SessionRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(session_from_row))
}

pub struct NewSession<'a> {
    pub mentor: UserId,
    pub mentee: UserId,
    pub title: &'a str,
    pub agenda: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
    pub meeting_link: &'a str,
    pub created_by: UserId,
}

/// Inserts a session; an overlap with a time-holding session of either participant
/// (the database triggers' check) comes back as `Ok(None)`.
pub async fn insert(
    conn: &mut SqliteConnection,
    s: &NewSession<'_>,
    now: DateTime<Utc>,
) -> Result<Option<SessionId>, ApiError> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO sessions (id, mentor_id, mentee_id, title, agenda, starts_at, ends_at, \
         status, meeting_link, created_by, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(s.mentor.to_string())
    .bind(s.mentee.to_string())
    .bind(s.title)
    .bind(s.agenda)
    .bind(to_millis(s.starts_at))
    .bind(to_millis(s.ends_at))
    .bind(s.status.key())
    .bind(s.meeting_link)
    .bind(s.created_by.to_string())
    .bind(to_millis(now))
    .bind(to_millis(now))
    .execute(conn)
    .await;
    match done {
        Ok(_) => Ok(Some(SessionId(parse_uuid(&id)))),
        Err(e) if is_overlap(&e) => Ok(None),
        Err(e) => Err(internal(e)),
    }
}

pub(crate) fn is_overlap(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.message().contains("session_overlap"))
}

/// Sets status and time and clears or sets the pending proposal, bumping the sequence.
/// Returns false when the new time overlaps another session (the trigger refused it).
pub async fn update_state(
    conn: &mut SqliteConnection,
    id: SessionId,
    status: SessionStatus,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    proposal: Option<&Proposal>,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = sqlx::query(
        "UPDATE sessions SET status = ?, starts_at = ?, ends_at = ?, proposed_starts_at = ?, \
         proposed_ends_at = ?, proposed_by = ?, proposal_message = ?, proposed_at = ?, \
         sequence = sequence + 1, updated_at = ? WHERE id = ?",
    )
    .bind(status.key())
    .bind(to_millis(starts_at))
    .bind(to_millis(ends_at))
    .bind(proposal.map(|p| to_millis(p.starts_at)))
    .bind(proposal.map(|p| to_millis(p.ends_at)))
    .bind(proposal.map(|p| p.by.to_string()))
    .bind(proposal.map(|p| p.message.clone()).unwrap_or_default())
    .bind(proposal.map(|p| to_millis(p.at)))
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await;
    match done {
        Ok(_) => Ok(true),
        Err(e) if is_overlap(&e) => Ok(false),
        Err(e) => Err(internal(e)),
    }
}

pub async fn update_details(
    conn: &mut SqliteConnection,
    id: SessionId,
    meeting_link: &str,
    agenda: &str,
    mentor_notes: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE sessions SET meeting_link = ?, agenda = ?, mentor_notes = ?, updated_at = ? \
         WHERE id = ?",
    )
    .bind(meeting_link)
    .bind(agenda)
    .bind(mentor_notes)
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

/// A session as the busy-time and cap checks see it.
#[derive(Debug, Clone, Copy)]
pub struct BusyRow {
    pub id: SessionId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
}

/// Busy time as the slot finder needs it: sessions, and appointments as blocks.
pub type Occupied = (Vec<BusyRow>, Vec<(DateTime<Utc>, DateTime<Utc>)>);

/// Sessions on either side of `user` that hold time or were completed, overlapping the
/// window `[from, to)` (starting after `lower`, which keeps the index ranges short), and
/// the scheduled appointments they organise or accepted, as two JSON arrays. The
/// arguments are SQL expressions: parameters (`?1`) or columns.
pub(crate) fn occupied_sql(user: &str, lower: &str, to: &str, from: &str) -> String {
    let sessions = |side: &str| {
        format!(
            "SELECT id, starts_at, ends_at, status FROM sessions WHERE {side} = {user} \
             AND starts_at > {lower} AND starts_at < {to} AND ends_at > {from} \
             AND status IN ('requested', 'proposed', 'confirmed', 'completed')"
        )
    };
    format!(
        "(SELECT json_group_array(json_array(id, starts_at, ends_at, status)) FROM ({} UNION ALL {})), \
         (SELECT json_group_array(json_array(a.starts_at, a.ends_at)) FROM appointments a \
          WHERE a.status = 'scheduled' AND a.starts_at < {to} AND a.ends_at > {from} \
          AND (a.organiser_id = {user} OR a.id IN (SELECT appointment_id FROM \
               appointment_attendees WHERE user_id = {user} AND response = 'accepted')))",
        sessions("mentor_id"),
        sessions("mentee_id"),
    )
}

fn unreadable_busy(e: serde_json::Error) -> ApiError {
    ApiError::internal(format!("The stored busy time is unreadable: {e}"))
}

/// Reads the two JSON arrays [`occupied_sql`] produces.
pub(crate) fn occupied_from_json(sessions: &str, appointments: &str) -> Result<Occupied, ApiError> {
    let sessions: Vec<(String, i64, i64, String)> =
        serde_json::from_str(sessions).map_err(unreadable_busy)?;
    let appointments: Vec<(i64, i64)> =
        serde_json::from_str(appointments).map_err(unreadable_busy)?;
    Ok((
        sessions
            .into_iter()
            .map(|(id, start, end, status)| BusyRow {
                id: SessionId(parse_uuid(&id)),
                starts_at: from_millis(start),
                ends_at: from_millis(end),
                status: status_from_key(&status),
            })
            .collect(),
        appointments
            .into_iter()
            .map(|(s, e)| (from_millis(s), from_millis(e)))
            .collect(),
    ))
}

/// Everything that occupies `user` overlapping `[from, to)`, in one statement: their
/// sessions on either side that hold time or were completed (for caps), and the
/// scheduled appointments they organise or accepted.
pub async fn occupied(
    conn: &mut SqliteConnection,
    user: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Occupied, ApiError> {
    // Sessions last at most 3 hours, so the start bound keeps both index ranges short.
    let (sessions, appointments): (String, String) =
        sqlx::query_as(&format!("SELECT {}", occupied_sql("?1", "?2", "?3", "?4")))
            .bind(user.to_string())
            .bind(to_millis(from) - 3 * 3_600_000)
            .bind(to_millis(to))
            .bind(to_millis(from))
            .fetch_one(conn)
            .await
            .map_err(internal)?;
    occupied_from_json(&sessions, &appointments)
}

/// The two people of a booking, read in one statement: the mentor (if the account exists)
/// with whether they hold the mentor role and whether either has blocked the other, and
/// the person booking.
#[derive(Debug, Clone)]
pub struct BookingPeople {
    pub mentor: Option<crate::appointments::PersonRecord>,
    pub mentor_is_mentor: bool,
    pub blocked: bool,
    pub requester: Option<crate::appointments::PersonRecord>,
}

pub async fn booking_people(
    conn: &mut SqliteConnection,
    requester: UserId,
    mentor: UserId,
) -> Result<BookingPeople, ApiError> {
    let rows = sqlx::query(
        "SELECT u.id, p.first_name, p.last_name, u.email, p.time_zone, p.photo_file, \
         u.is_active, \
         EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
                 WHERE ur.user_id = u.id AND r.key = 'mentor') AS is_mentor, \
         EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ?1 AND b.blocked_id = ?2) \
                 OR (b.blocker_id = ?2 AND b.blocked_id = ?1)) AS blocked \
         FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id IN (?1, ?2)",
    )
    .bind(requester.to_string())
    .bind(mentor.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    let mut people = BookingPeople {
        mentor: None,
        mentor_is_mentor: false,
        blocked: false,
        requester: None,
    };
    for row in &rows {
        let person = crate::appointments::PersonRecord {
            id: UserId(parse_uuid(row.get("id"))),
            first_name: row.get("first_name"),
            last_name: row.get("last_name"),
            email: row.get("email"),
            time_zone: row.get("time_zone"),
            photo_file: row.get("photo_file"),
            is_active: row.get::<i64, _>("is_active") == 1,
        };
        people.blocked = row.get::<i64, _>("blocked") == 1;
        if person.id == mentor {
            people.mentor_is_mentor = row.get::<i64, _>("is_mentor") == 1;
            people.mentor = Some(person.clone());
        }
        if person.id == requester {
            people.requester = Some(person);
        }
    }
    Ok(people)
}

const FAR_PAST: i64 = -(1 << 50);
const FAR_FUTURE: i64 = 1 << 50;

/// Filters for a participant's session list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only sessions ending after this instant (upcoming) …
    pub ends_after: Option<DateTime<Utc>>,
    /// … or ending at or before it (past).
    pub ends_by: Option<DateTime<Utc>>,
    pub starts_from: Option<DateTime<Utc>>,
    pub starts_before: Option<DateTime<Utc>>,
    pub statuses: Vec<SessionStatus>,
    pub role: Option<SessionRole>,
    pub newest_first: bool,
    pub limit: u32,
}

/// One row of a list: the session and the other participant's name and zone.
#[derive(Debug, Clone)]
pub struct ListedSession {
    pub session: SessionRecord,
    pub other_first_name: String,
    pub other_last_name: String,
    pub other_time_zone: String,
}

pub async fn list_for(
    conn: &mut SqliteConnection,
    user: UserId,
    f: &ListFilter,
) -> Result<Vec<ListedSession>, ApiError> {
    // Every bound is always present (open ones as far-away instants), so the statement
    // shape depends only on the statuses and the side.
    let mut conditions = vec![
        // Sessions end at most 3 hours after they start: the start bound uses the index.
        "s.ends_at > ?3 AND s.starts_at > ?3 - 10800000".to_string(),
        "s.ends_at <= ?4 AND s.starts_at < ?4".to_string(),
        "s.starts_at >= ?5".to_string(),
        "s.starts_at < ?6".to_string(),
    ];
    if !f.statuses.is_empty() {
        let keys: Vec<String> = f
            .statuses
            .iter()
            .map(|s| format!("'{}'", s.key()))
            .collect();
        conditions.push(format!("s.status IN ({})", keys.join(", ")));
    }
    let filter = format!(" AND {}", conditions.join(" AND "));
    let order = if f.newest_first { "DESC" } else { "ASC" };
    let mut parts = Vec::new();
    if f.role != Some(SessionRole::Mentee) {
        parts.push(format!(
            "SELECT * FROM (SELECT {SESSION_COLUMNS}, s.mentee_id AS other_id FROM sessions s \
             WHERE s.mentor_id = ?1{filter} ORDER BY s.starts_at {order} LIMIT ?2)"
        ));
    }
    if f.role != Some(SessionRole::Mentor) {
        parts.push(format!(
            "SELECT * FROM (SELECT {SESSION_COLUMNS}, s.mentor_id AS other_id FROM sessions s \
             WHERE s.mentee_id = ?1{filter} ORDER BY s.starts_at {order} LIMIT ?2)"
        ));
    }
    let sql = format!(
        "SELECT x.*, p.first_name AS other_first, p.last_name AS other_last, \
         p.time_zone AS other_zone FROM ({}) x JOIN profiles p ON p.user_id = x.other_id \
         ORDER BY x.starts_at {order} LIMIT ?2",
        parts.join(" UNION ALL ")
    );
    let rows = sqlx::query(&sql)
        .bind(user.to_string())
        .bind(i64::from(f.limit))
        .bind(f.ends_after.map(to_millis).unwrap_or(FAR_PAST))
        .bind(f.ends_by.map(to_millis).unwrap_or(FAR_FUTURE))
        .bind(f.starts_from.map(to_millis).unwrap_or(FAR_PAST))
        .bind(f.starts_before.map(to_millis).unwrap_or(FAR_FUTURE))
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|row| ListedSession {
            session: session_from_row(row),
            other_first_name: row.get("other_first"),
            other_last_name: row.get("other_last"),
            other_time_zone: row.get("other_zone"),
        })
        .collect())
}

// ---------------------------------------------------------------- history

#[derive(Debug, Clone)]
pub struct EventRecord {
    pub at: DateTime<Utc>,
    pub actor: UserId,
    pub action: String,
    pub from_status: Option<SessionStatus>,
    pub to_status: SessionStatus,
    pub message: String,
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

pub async fn add_event(
    conn: &mut SqliteConnection,
    session: SessionId,
    e: &EventRecord,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO session_events (session_id, at, actor_id, action, from_status, to_status, \
         message, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(session.to_string())
    .bind(to_millis(e.at))
    .bind(e.actor.to_string())
    .bind(&e.action)
    .bind(e.from_status.map(|s| s.key()))
    .bind(e.to_status.key())
    .bind(&e.message)
    .bind(e.span.map(|(s, _)| to_millis(s)))
    .bind(e.span.map(|(_, end)| to_millis(end)))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn events(
    conn: &mut SqliteConnection,
    session: SessionId,
) -> Result<Vec<EventRecord>, ApiError> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT at, actor_id, action, from_status, to_status, message, starts_at, ends_at \
         FROM session_events WHERE session_id = ? ORDER BY at, id",
    )
    .bind(session.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(
            |(at, actor, action, from, to, message, start, end)| EventRecord {
                at: from_millis(at),
                actor: UserId(parse_uuid(&actor)),
                action,
                from_status: from.as_deref().map(status_from_key),
                to_status: status_from_key(&to),
                message,
                span: start
                    .zip(end)
                    .map(|(s, e)| (from_millis(s), from_millis(e))),
            },
        )
        .collect())
}

// ---------------------------------------------------------------- notes

#[derive(Debug, Clone)]
pub struct NoteRecord {
    pub id: NoteId,
    pub session: SessionId,
    pub author: UserId,
    pub body: String,
    pub is_private: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn add_note(
    conn: &mut SqliteConnection,
    session: SessionId,
    author: UserId,
    body: &str,
    is_private: bool,
    now: DateTime<Utc>,
) -> Result<NoteId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO session_notes (id, session_id, author_id, body, is_private, created_at, \
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(session.to_string())
    .bind(author.to_string())
    .bind(body)
    .bind(is_private)
    .bind(to_millis(now))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(NoteId(parse_uuid(&id)))
}

pub async fn get_note(
    conn: &mut SqliteConnection,
    id: NoteId,
) -> Result<Option<NoteRecord>, ApiError> {
    let rows = notes_where(conn, "id = ?", &id.to_string()).await?;
    Ok(rows.into_iter().next())
}

pub async fn notes(
    conn: &mut SqliteConnection,
    session: SessionId,
) -> Result<Vec<NoteRecord>, ApiError> {
    notes_where(conn, "session_id = ?", &session.to_string()).await
}

async fn notes_where(
    conn: &mut SqliteConnection,
    condition: &str,
    value: &str,
) -> Result<Vec<NoteRecord>, ApiError> {
    let rows: Vec<(String, String, String, String, bool, i64, i64)> = sqlx::query_as(&format!(
        "SELECT id, session_id, author_id, body, is_private, created_at, updated_at \
         FROM session_notes WHERE {condition} ORDER BY created_at, id"
    ))
    .bind(value)
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(id, session, author, body, is_private, c, u)| NoteRecord {
            id: NoteId(parse_uuid(&id)),
            session: SessionId(parse_uuid(&session)),
            author: UserId(parse_uuid(&author)),
            body,
            is_private,
            created_at: from_millis(c),
            updated_at: from_millis(u),
        })
        .collect())
}

pub async fn edit_note(
    conn: &mut SqliteConnection,
    id: NoteId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE session_notes SET body = ?, updated_at = ? WHERE id = ?")
        .bind(body)
        .bind(to_millis(now))
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn delete_note(conn: &mut SqliteConnection, id: NoteId) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM session_notes WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

// ---------------------------------------------------------------- action items

#[derive(Debug, Clone)]
pub struct ActionItemRecord {
    pub id: ActionItemId,
    pub session: SessionId,
    pub assignee: UserId,
    pub created_by: UserId,
    pub title: String,
    pub description: String,
    pub due_date: Option<NaiveDate>,
    pub status: ActionItemStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct ActionItemFields<'a> {
    pub assignee: UserId,
    pub title: &'a str,
    pub description: &'a str,
    pub due_date: Option<NaiveDate>,
    pub status: ActionItemStatus,
}

pub async fn add_action_item(
    conn: &mut SqliteConnection,
    session: SessionId,
    created_by: UserId,
    f: &ActionItemFields<'_>,
    now: DateTime<Utc>,
) -> Result<ActionItemId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO action_items (id, session_id, assignee_id, created_by, title, description, \
         due_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(session.to_string())
    .bind(f.assignee.to_string())
    .bind(created_by.to_string())
    .bind(f.title)
    .bind(f.description)
    .bind(f.due_date.map(|d| d.to_string()))
    .bind(f.status.key())
    .bind(to_millis(now))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(ActionItemId(parse_uuid(&id)))
}

pub async fn edit_action_item(
    conn: &mut SqliteConnection,
    id: ActionItemId,
    f: &ActionItemFields<'_>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE action_items SET assignee_id = ?, title = ?, description = ?, due_date = ?, \
         status = ?, updated_at = ? WHERE id = ?",
    )
    .bind(f.assignee.to_string())
    .bind(f.title)
    .bind(f.description)
    .bind(f.due_date.map(|d| d.to_string()))
    .bind(f.status.key())
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn delete_action_item(
    conn: &mut SqliteConnection,
    id: ActionItemId,
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM action_items WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn get_action_item(
    conn: &mut SqliteConnection,
    id: ActionItemId,
) -> Result<Option<ActionItemRecord>, ApiError> {
    Ok(action_items_where(conn, "id = ?", &id.to_string())
        .await?
        .into_iter()
        .next())
}

pub async fn action_items(
    conn: &mut SqliteConnection,
    session: SessionId,
) -> Result<Vec<ActionItemRecord>, ApiError> {
    action_items_where(conn, "session_id = ?", &session.to_string()).await
}

async fn action_items_where(
    conn: &mut SqliteConnection,
    condition: &str,
    value: &str,
) -> Result<Vec<ActionItemRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT id, session_id, assignee_id, created_by, title, description, due_date, status, \
         created_at, updated_at FROM action_items WHERE {condition} ORDER BY created_at, id"
    ))
    .bind(value)
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|row| ActionItemRecord {
            id: ActionItemId(parse_uuid(row.get("id"))),
            session: SessionId(parse_uuid(row.get("session_id"))),
            assignee: UserId(parse_uuid(row.get("assignee_id"))),
            created_by: UserId(parse_uuid(row.get("created_by"))),
            title: row.get("title"),
            description: row.get("description"),
            due_date: row
                .get::<Option<String>, _>("due_date")
                .and_then(|d| d.parse().ok()),
            status: ActionItemStatus::from_key(row.get("status"))
                .unwrap_or(ActionItemStatus::Pending),
            created_at: from_millis(row.get("created_at")),
            updated_at: from_millis(row.get("updated_at")),
        })
        .collect())
}

// ---------------------------------------------------------------- ratings

#[derive(Debug, Clone)]
pub struct RatingRecord {
    pub rater: UserId,
    pub rater_role: SessionRole,
    pub rating: u8,
    pub comment: String,
    pub created_at: DateTime<Utc>,
}

#[allow(clippy::too_many_arguments)]
pub async fn add_rating(
    conn: &mut SqliteConnection,
    session: SessionId,
    rater: UserId,
    rated: UserId,
    rater_role: SessionRole,
    rating: u8,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO ratings (id, session_id, rater_id, rated_id, rater_role, rating, comment, \
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(new_id())
    .bind(session.to_string())
    .bind(rater.to_string())
    .bind(rated.to_string())
    .bind(rater_role.key())
    .bind(i64::from(rating))
    .bind(comment)
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(|e| {
        let e = internal(e);
        if e.code == mentordesk_shared::ErrorCode::Conflict {
            ApiError::conflict("You have already rated this session.")
        } else {
            e
        }
    })?;
    Ok(())
}

pub async fn ratings(
    conn: &mut SqliteConnection,
    session: SessionId,
) -> Result<Vec<RatingRecord>, ApiError> {
    let rows: Vec<(String, String, i64, String, i64)> = sqlx::query_as(
        "SELECT rater_id, rater_role, rating, comment, created_at FROM ratings \
         WHERE session_id = ? ORDER BY created_at",
    )
    .bind(session.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(rater, role, rating, comment, at)| RatingRecord {
            rater: UserId(parse_uuid(&rater)),
            rater_role: if role == "mentor" {
                SessionRole::Mentor
            } else {
                SessionRole::Mentee
            },
            rating: rating as u8,
            comment,
            created_at: from_millis(at),
        })
        .collect())
}

/// A mentor's ratings from their mentees.
pub async fn mentor_rating(
    conn: &mut SqliteConnection,
    mentor: UserId,
) -> Result<RatingSummary, ApiError> {
    let (count, total): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), SUM(rating) FROM ratings WHERE rated_id = ? AND rater_role = 'mentee'",
    )
    .bind(mentor.to_string())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(RatingSummary {
        count: count as u32,
        total: total.unwrap_or(0) as u32,
    })
}
