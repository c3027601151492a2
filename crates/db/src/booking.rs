//! Bookings, checked and written in `BEGIN IMMEDIATE` transactions on the writer
//! connection, several at a time when several arrive together (group commit).
//!
//! Every statement sqlx runs is a hop to the connection's worker thread, and on a busy
//! machine each hop costs far more than the statement; the writer is held for the whole
//! transaction, so its hops bound how many bookings a second the workspace takes. So:
//!
//! - A booking is one transaction in two round trips: `BEGIN IMMEDIATE` together with one
//!   read of everything the check needs (the two people, blocks, the mentor's
//!   availability, both people's busy time and the caller's permissions); the caller's
//!   check, in Rust; then the inserts together with `COMMIT`.
//! - Bookings that arrive while the writer is busy queue up, and whoever gets the writer
//!   next runs all of them in one transaction: one read per booking (sent together), each
//!   check in arrival order — seeing the sessions the ones before it in the batch create —
//!   and all inserts with one `COMMIT`. Each check still reads, decides and inserts inside
//!   the one `BEGIN IMMEDIATE` transaction, and the database's overlap triggers still
//!   guard every insert.
//! - If the batch's writes fail (which the checks should make impossible), the batch rolls
//!   back and each of its bookings runs again on its own.
//!
//! A connection left mid-transaction (a dropped future) is closed rather than returned to
//! the pool, so SQLite rolls it back.

use crate::appointments::PersonRecord;
use crate::sessions::{
    availability_from_parts, occupied_from_json, AvailabilityParts, BookingPeople, BusyRow,
};
use crate::{internal, new_id, parse_uuid, to_millis, Db};
use chrono::{DateTime, Duration, Utc};
use mentordesk_shared::access::Permission;
use mentordesk_shared::conversations::NotificationKind;
use mentordesk_shared::ids::{NotificationId, SessionId, UserId};
use mentordesk_shared::scheduling::{Availability, SessionStatus};
use mentordesk_shared::ApiError;
use sqlx::pool::PoolConnection;
use sqlx::{Row, Sqlite};
use tokio::sync::oneshot;

pub use crate::sessions::Occupied;

/// The most bookings one transaction takes.
const MAX_BATCH: usize = 32;

/// Sessions last at most three hours: busy-time reads start that much before a window,
/// so both index ranges stay short.
const LONGEST_SESSION_MS: i64 = 3 * 3_600_000;

/// What a booking's check reads, inside the transaction.
#[derive(Debug, Clone)]
pub struct BookingState {
    pub people: BookingPeople,
    pub availability: Option<Availability>,
    /// The mentor's busy time around the slot (a window wide enough for weekly caps).
    pub mentor_busy: Occupied,
    /// The requester's own busy time overlapping the slot.
    pub requester_busy: Occupied,
    /// Whether the requester's account is active and what their roles grant (the
    /// command's permission check, read in the same transaction).
    pub requester_caller: Option<(bool, Vec<Permission>)>,
}

/// The session a mentee's request creates (status `requested`, created by the mentee),
/// and who is notified of it (about the new session).
#[derive(Debug, Clone)]
pub struct Requested {
    pub title: String,
    pub agenda: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub notify: Vec<Notice>,
}

/// A notification a booking stores in its transaction; its subject is the new session.
#[derive(Debug, Clone)]
pub struct Notice {
    pub user: UserId,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
}

/// Whose time, and which windows, a booking reads.
#[derive(Debug, Clone)]
pub struct BookingQuery {
    pub requester: UserId,
    pub mentor: UserId,
    pub mentor_window: (DateTime<Utc>, DateTime<Utc>),
    pub slot: (DateTime<Utc>, DateTime<Utc>),
}

/// The check: given what the transaction read, the session to insert, or the answer to
/// give instead. It may run more than once (see the module notes), so it must not have
/// side effects.
pub type Decide = Box<dyn Fn(&BookingState) -> Result<Requested, ApiError> + Send + Sync>;

/// One booking to run.
pub struct Booking {
    pub query: BookingQuery,
    pub decide: Decide,
    pub now: DateTime<Utc>,
}

/// How a booking went: the new session (`Ok(None)` when the database refused an
/// overlapping time), what its check read (absent when the read itself failed), and the
/// notifications it stored.
#[derive(Debug)]
pub struct Booked {
    pub outcome: Result<Option<SessionId>, ApiError>,
    pub state: Option<BookingState>,
    pub notified: Vec<(NotificationId, Notice)>,
}

/// A booking waiting for the writer, with where its answer goes.
struct Queued {
    ticket: u64,
    booking: Booking,
    reply: oneshot::Sender<Booked>,
}

/// Bookings waiting for the writer of one database file.
#[derive(Debug, Default)]
pub(crate) struct BookingQueue {
    waiting: std::sync::Mutex<(u64, Vec<QueuedSlot>)>,
}

/// `Queued` behind a `Debug` the queue can derive.
struct QueuedSlot(Queued);

impl std::fmt::Debug for QueuedSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "booking #{}", self.0.ticket)
    }
}

impl BookingQueue {
    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, Vec<QueuedSlot>)> {
        self.waiting
            .lock()
            .expect("the booking queue is never poisoned")
    }

    fn push(&self, booking: Booking, reply: oneshot::Sender<Booked>) -> u64 {
        let mut waiting = self.lock();
        waiting.0 += 1;
        let ticket = waiting.0;
        waiting.1.push(QueuedSlot(Queued {
            ticket,
            booking,
            reply,
        }));
        ticket
    }

    /// The oldest waiting bookings, at most [`MAX_BATCH`].
    fn take(&self) -> Vec<Queued> {
        let mut waiting = self.lock();
        let n = waiting.1.len().min(MAX_BATCH);
        waiting.1.drain(..n).map(|q| q.0).collect()
    }

    /// Takes a booking back out of the queue; false if a batch already has it.
    fn withdraw(&self, ticket: u64) -> bool {
        let mut waiting = self.lock();
        let before = waiting.1.len();
        waiting.1.retain(|q| q.0.ticket != ticket);
        waiting.1.len() != before
    }
}

/// Runs one booking, in a batch with whatever other bookings are waiting for the writer.
pub async fn request(db: &Db, booking: Booking) -> Booked {
    let queue = &db.conns.bookings;
    let (reply, mut answer) = oneshot::channel();
    let ticket = queue.push(booking, reply);
    loop {
        tokio::select! {
            biased;
            booked = &mut answer => return booked.unwrap_or_else(|_| interrupted()),
            conn = db.writer_connection() => {
                let conn = match conn {
                    Ok(conn) => conn,
                    Err(e) if queue.withdraw(ticket) => {
                        return Booked { outcome: Err(e), state: None, notified: Vec::new() };
                    }
                    // A batch holds it: its answer is on the way.
                    Err(_) => return answer.await.unwrap_or_else(|_| interrupted()),
                };
                // A batch answers before it lets the writer go, so either this booking
                // has its answer or it is still waiting in the queue.
                if let Ok(booked) = answer.try_recv() {
                    return booked;
                }
                let batch = queue.take();
                db.wrote(u32::try_from(batch.len()).unwrap_or(u32::MAX));
                run_batch(conn, batch).await;
            }
        }
    }
}

/// Runs `bookings` as one batch, as if they had all arrived while the writer was busy
/// (what tests and tools use to see a batch at work).
pub async fn request_batch(db: &Db, bookings: Vec<Booking>) -> Vec<Booked> {
    let count = bookings.len();
    db.wrote(u32::try_from(count).unwrap_or(u32::MAX));
    let mut conn = match db.writer_connection().await {
        Ok(conn) => Some(conn),
        Err(e) => return failed(count, e),
    };
    let mut results = Vec::with_capacity(count);
    for chunk in bookings.chunks(MAX_BATCH) {
        results.extend(run(&mut conn, chunk).await);
    }
    results
}

fn interrupted() -> Booked {
    Booked {
        outcome: Err(ApiError::internal(
            "The booking was interrupted before it finished. Check your sessions and try again.",
        )),
        state: None,
        notified: Vec::new(),
    }
}

/// Runs `batch` in one transaction and answers every booking in it, before the writer
/// goes back to the pool.
async fn run_batch(conn: PoolConnection<Sqlite>, batch: Vec<Queued>) {
    let (bookings, replies): (Vec<Booking>, Vec<oneshot::Sender<Booked>>) =
        batch.into_iter().map(|q| (q.booking, q.reply)).unzip();
    let mut conn = Some(conn);
    let results = run(&mut conn, &bookings).await;
    for (booked, reply) in results.into_iter().zip(replies) {
        // The caller may have gone away; its booking stands either way.
        let _ = reply.send(booked);
    }
    drop(conn);
}

/// Runs `bookings` in one transaction on the writer (one transaction each when the
/// batch's writes fail) and says how each went, in order.
pub(crate) async fn run(
    conn: &mut Option<PoolConnection<Sqlite>>,
    bookings: &[Booking],
) -> Vec<Booked> {
    match once(conn, bookings).await {
        Ok(results) => results,
        Err((error, mut states)) if bookings.len() == 1 => {
            vec![refused(error, states.pop().flatten())]
        }
        Err((error, _)) => {
            tracing::warn!(%error, count = bookings.len(),
                "a batch of bookings could not be written; running them one by one");
            let mut results = Vec::with_capacity(bookings.len());
            for booking in bookings {
                results.push(match once(conn, std::slice::from_ref(booking)).await {
                    Ok(mut r) => r.remove(0),
                    Err((error, mut states)) => refused(error, states.pop().flatten()),
                });
            }
            results
        }
    }
}

/// The answer when the database refused a booking's insert.
fn refused(error: sqlx::Error, state: Option<BookingState>) -> Booked {
    Booked {
        outcome: if crate::sessions::is_overlap(&error) {
            Ok(None)
        } else {
            Err(internal(error))
        },
        state,
        notified: Vec::new(),
    }
}

fn failed(count: usize, e: ApiError) -> Vec<Booked> {
    (0..count)
        .map(|_| Booked {
            outcome: Err(e.clone()),
            state: None,
            notified: Vec::new(),
        })
        .collect()
}

type Refused = (sqlx::Error, Vec<Option<BookingState>>);

/// One transaction for `bookings`. `Err` when their inserts were refused (and rolled
/// back), with what each check read.
async fn once(
    conn: &mut Option<PoolConnection<Sqlite>>,
    bookings: &[Booking],
) -> Result<Vec<Booked>, Refused> {
    let Some(c) = conn.take() else {
        let lost = ApiError::internal("The database connection was lost. Please try again.");
        return Ok(failed(bookings.len(), lost));
    };
    let mut open = Open(Some(c));
    match attempt(&mut open, bookings).await {
        Attempt::Done(results) => {
            *conn = open.done();
            Ok(results)
        }
        Attempt::Failed(e) => {
            *conn = open.rollback().await;
            Ok(failed(bookings.len(), e))
        }
        Attempt::WritesRefused { error, states } => {
            *conn = open.rollback().await;
            Err((error, states))
        }
    }
}

/// An open transaction on the writer: closed (and so rolled back) if dropped unfinished.
struct Open(Option<PoolConnection<Sqlite>>);

impl Open {
    fn conn(&mut self) -> &mut PoolConnection<Sqlite> {
        self.0.as_mut().expect("used only while open")
    }

    /// Rolls back; the connection, unless rolling back failed (then it is closed).
    async fn rollback(mut self) -> Option<PoolConnection<Sqlite>> {
        let mut conn = self.0.take()?;
        match sqlx::query("ROLLBACK").execute(&mut *conn).await {
            Ok(_) => Some(conn),
            Err(_) => {
                conn.close_on_drop();
                None
            }
        }
    }

    /// After `COMMIT`: the connection, for the next transaction or the pool.
    fn done(mut self) -> Option<PoolConnection<Sqlite>> {
        self.0.take()
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

enum Attempt {
    /// Committed (or nothing to write); one result per booking.
    Done(Vec<Booked>),
    /// The read failed: nothing was decided.
    Failed(ApiError),
    /// The inserts failed; the transaction is still open and must be rolled back.
    WritesRefused {
        error: sqlx::Error,
        states: Vec<Option<BookingState>>,
    },
}

/// Reads, decides and writes `bookings` in one open transaction (begun here; committed
/// here unless the writes fail).
async fn attempt(open: &mut Open, bookings: &[Booking]) -> Attempt {
    let mut read = sqlx::query(read_statement(bookings.len()));
    for b in bookings {
        let q = &b.query;
        read = read
            .bind(q.requester.to_string())
            .bind(q.mentor.to_string())
            .bind(to_millis(q.mentor_window.0) - LONGEST_SESSION_MS)
            .bind(to_millis(q.mentor_window.1))
            .bind(to_millis(q.mentor_window.0))
            .bind(to_millis(q.slot.0) - LONGEST_SESSION_MS)
            .bind(to_millis(q.slot.1))
            .bind(to_millis(q.slot.0));
    }
    let rows = match read.fetch_all(&mut **open.conn()).await {
        Ok(rows) if rows.len() == bookings.len() => rows,
        Ok(_) => return Attempt::Failed(ApiError::internal("The booking read returned nothing.")),
        Err(e) => return Attempt::Failed(internal(e)),
    };
    let mut states = Vec::with_capacity(bookings.len());
    let mut outcomes: Vec<Result<Option<(String, Requested)>, ApiError>> =
        Vec::with_capacity(bookings.len());
    // The sessions this batch creates, as the checks after them must see them.
    let mut created: Vec<(UserId, UserId, BusyRow)> = Vec::new();
    for (b, row) in bookings.iter().zip(&rows) {
        let state = state(row, &b.query).map(|mut s| {
            see_created(&mut s, &b.query, &created);
            s
        });
        let outcome = state.as_ref().map_err(Clone::clone).and_then(|s| {
            let session = (b.decide)(s)?;
            let id = new_id();
            created.push((
                b.query.mentor,
                b.query.requester,
                BusyRow {
                    id: SessionId(parse_uuid(&id)),
                    starts_at: session.starts_at,
                    ends_at: session.ends_at,
                    status: SessionStatus::Requested,
                },
            ));
            Ok(Some((id, session)))
        });
        states.push(state.ok());
        outcomes.push(outcome);
    }
    let inserts: Vec<(usize, &Booking, &(String, Requested))> = bookings
        .iter()
        .zip(&outcomes)
        .enumerate()
        .filter_map(|(i, (b, o))| o.as_ref().ok().and_then(Option::as_ref).map(|s| (i, b, s)))
        .collect();
    let mut notified: Vec<Vec<(NotificationId, Notice)>> = vec![Vec::new(); bookings.len()];
    let mut sessions = Vec::with_capacity(inserts.len());
    let mut notices = Vec::new();
    for (i, b, (id, session)) in &inserts {
        sessions.push(serde_json::json!({
            "id": id,
            "mentor": b.query.mentor.to_string(),
            "mentee": b.query.requester.to_string(),
            "title": session.title,
            "agenda": session.agenda,
            "start": to_millis(session.starts_at),
            "end": to_millis(session.ends_at),
            "now": to_millis(b.now),
        }));
        for n in &session.notify {
            let nid = new_id();
            notices.push(serde_json::json!({
                "id": nid,
                "user": n.user.to_string(),
                "kind": n.kind.key(),
                "title": n.title,
                "body": n.body,
                "session": id,
                "now": to_millis(b.now),
            }));
            notified[*i].push((NotificationId(parse_uuid(&nid)), n.clone()));
        }
    }
    let rows = serde_json::json!({ "s": sessions, "n": notices }).to_string();
    if let Err(error) = sqlx::query(WRITE_SQL)
        .bind(rows)
        .execute(&mut **open.conn())
        .await
    {
        return Attempt::WritesRefused { error, states };
    }
    Attempt::Done(
        outcomes
            .into_iter()
            .zip(states)
            .zip(notified)
            .map(|((outcome, state), notified)| {
                let outcome = outcome.map(|o| o.map(|(id, _)| SessionId(parse_uuid(&id))));
                Booked {
                    notified: if matches!(outcome, Ok(Some(_))) {
                        notified
                    } else {
                        Vec::new()
                    },
                    outcome,
                    state,
                }
            })
            .collect(),
    )
}

/// Adds the sessions created earlier in the batch to what a check reads, within the
/// same windows the read uses.
fn see_created(state: &mut BookingState, q: &BookingQuery, created: &[(UserId, UserId, BusyRow)]) {
    let longest = Duration::milliseconds(LONGEST_SESSION_MS);
    let within = |row: &BusyRow, (from, to): (DateTime<Utc>, DateTime<Utc>)| {
        row.starts_at > from - longest && row.starts_at < to && row.ends_at > from
    };
    for (mentor, mentee, row) in created {
        let involves = |person: UserId| *mentor == person || *mentee == person;
        if involves(q.mentor) && within(row, q.mentor_window) {
            state.mentor_busy.0.push(*row);
        }
        if involves(q.requester) && within(row, q.slot) {
            state.requester_busy.0.push(*row);
        }
    }
}

/// The read statement for `count` bookings (0 to [`MAX_BATCH`]), built once.
fn read_statement(count: usize) -> &'static str {
    static BUILT: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    &BUILT.get_or_init(|| (0..=MAX_BATCH).map(read_sql).collect())[count]
}

/// `BEGIN IMMEDIATE` and one row of state per booking, in order.
///
/// One statement over a `VALUES` list rather than one statement per booking: sqlx numbers
/// the parameters of a multi-statement query across all of it, and SQLite counts every
/// lower number a statement skips as a parameter of its own, so later statements would
/// run out of arguments.
fn read_sql(count: usize) -> String {
    if count == 0 {
        return String::from("BEGIN IMMEDIATE");
    }
    let rows: Vec<String> = (0..count)
        .map(|i| {
            let params: Vec<String> = (1..=8).map(|n| format!("?{}", 8 * i + n)).collect();
            format!("({i}, {})", params.join(", "))
        })
        .collect();
    format!(
        "BEGIN IMMEDIATE; \
         WITH q(i, r, m, m_lower, m_to, m_from, r_lower, r_to, r_from) AS (VALUES {rows}) \
         SELECT \
         (SELECT json_group_array(json_array(u.id, p.first_name, p.last_name, u.email, \
             p.time_zone, p.photo_file, u.is_active, \
             EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
                     WHERE ur.user_id = u.id AND r.key = 'mentor'))) \
          FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id IN (q.r, q.m)), \
         EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = q.r AND b.blocked_id = q.m) \
                 OR (b.blocker_id = q.m AND b.blocked_id = q.r)), \
         (SELECT {availability} FROM availability a WHERE a.mentor_id = q.m), \
         {mentor_busy}, {own_busy}, \
         (SELECT u.is_active FROM users u WHERE u.id = q.r), \
         (SELECT group_concat(DISTINCT rp.permission_key) FROM user_roles ur \
          JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = q.r) \
         FROM q ORDER BY q.i",
        rows = rows.join(", "),
        availability = crate::sessions::AVAILABILITY_JSON,
        mentor_busy = crate::sessions::occupied_sql("q.m", "q.m_lower", "q.m_to", "q.m_from"),
        own_busy = crate::sessions::occupied_sql("q.r", "q.r_lower", "q.r_to", "q.r_from"),
    )
}

/// The inserts of a batch's new sessions, their first history events and their
/// notifications, and `COMMIT`: every row comes from one JSON parameter, so each
/// statement takes the same single argument (sqlx numbers the parameters of a
/// multi-statement query across all of it, see [`read_sql`]).
const WRITE_SQL: &str = "\
INSERT INTO sessions (id, mentor_id, mentee_id, title, agenda, starts_at, ends_at, status, \
    meeting_link, created_by, created_at, updated_at) \
  SELECT value ->> 'id', value ->> 'mentor', value ->> 'mentee', value ->> 'title', \
    value ->> 'agenda', value ->> 'start', value ->> 'end', 'requested', '', \
    value ->> 'mentee', value ->> 'now', value ->> 'now' FROM json_each(?1, '$.s'); \
INSERT INTO session_events (session_id, at, actor_id, action, from_status, to_status, \
    message, starts_at, ends_at) \
  SELECT value ->> 'id', value ->> 'now', value ->> 'mentee', 'requested', NULL, 'requested', \
    '', value ->> 'start', value ->> 'end' FROM json_each(?1, '$.s'); \
INSERT INTO notifications (id, user_id, kind, title, body, subject_kind, subject_id, \
    created_at) \
  SELECT value ->> 'id', value ->> 'user', value ->> 'kind', value ->> 'title', \
    value ->> 'body', 'session', value ->> 'session', value ->> 'now' \
  FROM json_each(?1, '$.n'); \
COMMIT";
