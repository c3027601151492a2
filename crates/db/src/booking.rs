//! A booking as one `BEGIN IMMEDIATE` transaction in two round trips to SQLite.
//!
//! Every statement sqlx runs is a hop to the connection's worker thread; on a busy
//! machine each hop costs far more than the statement. A booking therefore sends
//! `BEGIN IMMEDIATE` together with one read of everything the check needs (the two
//! people, blocks, the mentor's availability and both people's busy time), lets the
//! caller decide in Rust, and sends the two inserts together with `COMMIT`. Any
//! failure rolls back; a connection left mid-transaction (a dropped future) is
//! closed rather than returned to the pool, so SQLite rolls it back.

use crate::appointments::PersonRecord;
use crate::sessions::{
    availability_from_parts, occupied_from_json, AvailabilityParts, BookingPeople,
};
use crate::{internal, new_id, parse_uuid, to_millis, Db};
use chrono::{DateTime, Utc};
use mentordesk_shared::ids::{SessionId, UserId};
use mentordesk_shared::scheduling::{Availability, SessionStatus};
use mentordesk_shared::ApiError;
use sqlx::pool::PoolConnection;
use sqlx::{Row, Sqlite};

pub use crate::sessions::Occupied;

/// What a booking's check reads, inside the transaction.
pub struct BookingState {
    pub people: BookingPeople,
    pub availability: Option<Availability>,
    /// The mentor's busy time around the slot (a window wide enough for weekly caps).
    pub mentor_busy: Occupied,
    /// The requester's own busy time overlapping the slot.
    pub requester_busy: Occupied,
    /// Whether the requester's account is active and what their roles grant (the
    /// command's permission check, read in the same transaction).
    pub requester_caller: Option<(bool, Vec<mentordesk_shared::access::Permission>)>,
}

/// The session a mentee's request creates (status `requested`, created by the mentee).
pub struct Requested {
    pub title: String,
    pub agenda: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Whose time, and which windows, a booking reads.
pub struct BookingQuery {
    pub requester: UserId,
    pub mentor: UserId,
    pub mentor_window: (DateTime<Utc>, DateTime<Utc>),
    pub slot: (DateTime<Utc>, DateTime<Utc>),
}

fn read_sql() -> String {
    format!(
        "BEGIN IMMEDIATE; \
         SELECT \
         (SELECT json_group_array(json_array(u.id, p.first_name, p.last_name, u.email, \
             p.time_zone, p.photo_file, u.is_active, \
             EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
                     WHERE ur.user_id = u.id AND r.key = 'mentor'))) \
          FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id IN (?1, ?2)), \
         EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ?1 AND b.blocked_id = ?2) \
                 OR (b.blocker_id = ?2 AND b.blocked_id = ?1)), \
         (SELECT {} FROM availability a WHERE a.mentor_id = ?2), \
         {}, {}, \
         (SELECT u.is_active FROM users u WHERE u.id = ?1), \
         (SELECT group_concat(DISTINCT rp.permission_key) FROM user_roles ur \
          JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = ?1)",
        crate::sessions::AVAILABILITY_JSON,
        crate::sessions::occupied_sql(2, 3, 4, 5),
        crate::sessions::occupied_sql(1, 6, 7, 8),
    )
}

const INSERT_SQL: &str =
    "INSERT INTO sessions (id, mentor_id, mentee_id, title, agenda, starts_at, \
     ends_at, status, meeting_link, created_by, created_at, updated_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11); \
     INSERT INTO session_events (session_id, at, actor_id, action, from_status, to_status, \
     message, starts_at, ends_at) VALUES (?1, ?12, ?13, ?14, NULL, ?8, ?15, ?6, ?7); \
     COMMIT";

/// An open transaction on the writer: closed (and so rolled back) if dropped unfinished.
struct Open(Option<PoolConnection<Sqlite>>);

impl Open {
    fn conn(&mut self) -> &mut PoolConnection<Sqlite> {
        self.0.as_mut().expect("used only while open")
    }

    async fn rollback(mut self) {
        if let Some(mut conn) = self.0.take() {
            if sqlx::query("ROLLBACK").execute(&mut *conn).await.is_err() {
                conn.close_on_drop();
            }
        }
    }

    /// After `COMMIT`: the connection goes back to the pool.
    fn done(mut self) {
        self.0.take();
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        if let Some(conn) = self.0.as_mut() {
            conn.close_on_drop();
        }
    }
}

fn unreadable(e: serde_json::Error) -> ApiError {
    ApiError::internal(format!("The booking data is unreadable: {e}"))
}

type PersonJson = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    i64,
);

fn state(row: &sqlx::sqlite::SqliteRow, q: &BookingQuery) -> Result<BookingState, ApiError> {
    let people: Vec<PersonJson> = serde_json::from_str(row.get(0)).map_err(unreadable)?;
    let mut out = BookingPeople {
        mentor: None,
        mentor_is_mentor: false,
        blocked: row.get::<i64, _>(1) == 1,
        requester: None,
    };
    for (id, first, last, email, zone, photo, active, is_mentor) in people {
        let person = PersonRecord {
            id: UserId(parse_uuid(&id)),
            first_name: first,
            last_name: last,
            email,
            time_zone: zone,
            photo_file: photo,
            is_active: active == 1,
        };
        if person.id == q.mentor {
            out.mentor_is_mentor = is_mentor == 1;
            out.mentor = Some(person.clone());
        }
        if person.id == q.requester {
            out.requester = Some(person);
        }
    }
    let availability = match row.get::<Option<String>, _>(2) {
        Some(text) => {
            let parts: AvailabilityParts = serde_json::from_str(&text).map_err(unreadable)?;
            Some(availability_from_parts(parts)?.0)
        }
        None => None,
    };
    Ok(BookingState {
        people: out,
        availability,
        mentor_busy: occupied_from_json(row.get(3), row.get(4))?,
        requester_busy: occupied_from_json(row.get(5), row.get(6))?,
        requester_caller: row.get::<Option<i64>, _>(7).map(|active| {
            (
                active == 1,
                crate::accounts::permissions_from_keys(row.get(8)),
            )
        }),
    })
}

/// Runs one request: reads the state, asks `decide` for the session to insert (or the
/// error to answer with), inserts it as `requested` with its first history event
/// ("requested", by the requester) and commits. `Ok(None)` means the database refused
/// an overlapping time (the triggers).
pub async fn request(
    db: &Db,
    q: &BookingQuery,
    decide: impl FnOnce(&BookingState) -> Result<Requested, ApiError>,
    now: DateTime<Utc>,
) -> Result<Option<SessionId>, ApiError> {
    let mut open = Open(Some(db.writer_connection().await?));
    let three_hours = 3 * 3_600_000;
    let read = sqlx::query(&read_sql())
        .bind(q.requester.to_string())
        .bind(q.mentor.to_string())
        .bind(to_millis(q.mentor_window.0) - three_hours)
        .bind(to_millis(q.mentor_window.1))
        .bind(to_millis(q.mentor_window.0))
        .bind(to_millis(q.slot.0) - three_hours)
        .bind(to_millis(q.slot.1))
        .bind(to_millis(q.slot.0))
        .fetch_all(&mut **open.conn())
        .await;
    let rows = match read {
        Ok(rows) => rows,
        Err(e) => {
            open.rollback().await;
            return Err(internal(e));
        }
    };
    let decided = rows
        .first()
        .ok_or_else(|| ApiError::internal("The booking read returned nothing."))
        .and_then(|row| state(row, q))
        .and_then(|s| decide(&s));
    let session = match decided {
        Ok(d) => d,
        Err(e) => {
            open.rollback().await;
            return Err(e);
        }
    };
    let id = new_id();
    let written = sqlx::query(INSERT_SQL)
        .bind(&id)
        .bind(q.mentor.to_string())
        .bind(q.requester.to_string())
        .bind(session.title)
        .bind(session.agenda)
        .bind(to_millis(session.starts_at))
        .bind(to_millis(session.ends_at))
        .bind(SessionStatus::Requested.key())
        .bind("")
        .bind(q.requester.to_string())
        .bind(to_millis(now))
        .bind(to_millis(now))
        .bind(q.requester.to_string())
        .bind("requested")
        .bind("")
        .execute(&mut **open.conn())
        .await;
    match written {
        Ok(_) => {
            open.done();
            Ok(Some(SessionId(parse_uuid(&id))))
        }
        Err(e) => {
            open.rollback().await;
            if crate::sessions::is_overlap(&e) {
                Ok(None)
            } else {
                Err(internal(e))
            }
        }
    }
}
