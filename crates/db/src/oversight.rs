//! Dashboard figures and meeting reports. Session counts come from
//! `programme_session_days` (kept by triggers), so a dashboard reads a few thousand rows
//! however many sessions there are; meeting reports read sessions by programme and time.

use crate::{from_millis, internal, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, NaiveDate, Utc};
use mentordesk_core::oversight::Scope;
use mentordesk_shared::ids::{MeetingReportId, ProgrammeId, UserId};
use mentordesk_shared::oversight::MeetingReportRow;
use mentordesk_shared::programmes::ProgrammeStatus;
use mentordesk_shared::ApiError;
use sqlx::Row;

/// The SQL condition on `column` for a scope and what its one placeholder binds: NULL
/// for every programme, else the JSON list of ids.
fn scope_filter(scope: &Scope, column: &str) -> (String, Option<String>) {
    match scope {
        Scope::All => ("? IS NULL".to_string(), None),
        Scope::Programmes(ids) => (
            format!("{column} IN (SELECT value FROM json_each(?))"),
            Some(
                serde_json::to_string(&ids.iter().map(|i| i.to_string()).collect::<Vec<_>>())
                    .unwrap_or_else(|_| "[]".into()),
            ),
        ),
    }
}

fn programme_id(row: &sqlx::sqlite::SqliteRow, column: &str) -> ProgrammeId {
    ProgrammeId(parse_uuid(row.get(column)))
}

/// One of the dashboard's statements: `{filter}` is where the scope's condition on
/// `column` goes (see [`scope_filter`]).
struct Statement {
    name: &'static str,
    column: &'static str,
    sql: &'static str,
}

impl Statement {
    /// The statement for `scope`, and what the scope's placeholder binds.
    fn for_scope(&self, scope: &Scope) -> (String, Option<String>) {
        let (filter, ids) = scope_filter(scope, self.column);
        (self.sql.replace("{filter}", &filter), ids)
    }
}

const PROGRAMMES: Statement = Statement {
    name: "programmes",
    column: "id",
    sql: "SELECT id, name, status FROM programmes WHERE {filter}",
};

const WEEK_COUNTS: Statement = Statement {
    name: "week_counts",
    column: "programme_id",
    sql: "SELECT (day + 3) / 7 AS week, status, sum(sessions) AS n FROM programme_session_days \
          WHERE day BETWEEN ? AND ? AND {filter} GROUP BY week, status",
};

const PROGRAMME_COUNTS: Statement = Statement {
    name: "programme_counts",
    column: "programme_id",
    sql: "SELECT programme_id, status, sum(sessions) AS n, sum(rating_sum) AS rating_sum, \
          sum(ratings) AS ratings FROM programme_session_days \
          WHERE day BETWEEN ? AND ? AND {filter} GROUP BY programme_id, status",
};

const ACTIVE_PAIRS: Statement = Statement {
    name: "active_pairs",
    column: "programme_id",
    sql: "SELECT programme_id, count(*) AS n FROM matches \
          WHERE status = 'approved' AND {filter} GROUP BY programme_id",
};

const OVERDUE_TASKS: Statement = Statement {
    name: "overdue_tasks",
    column: "programme_id",
    sql: "SELECT programme_id, count(*) AS n FROM programme_tasks \
          WHERE status <> 'completed' AND due_on IS NOT NULL AND due_on < ? AND {filter} \
          GROUP BY programme_id",
};

/// Action items carry their session's programme (stamped by triggers), and the partial
/// index `action_items_open_by_programme` holds the open ones with a due date.
const OVERDUE_ACTION_ITEMS: Statement = Statement {
    name: "overdue_action_items",
    column: "programme_id",
    sql: "SELECT programme_id, count(*) AS n FROM action_items \
          WHERE programme_id IS NOT NULL AND due_date IS NOT NULL AND status <> 'completed' \
            AND due_date < ? AND {filter} GROUP BY programme_id",
};

const OPEN_BLOCKERS: Statement = Statement {
    name: "open_blockers",
    column: "programme_id",
    sql: "SELECT programme_id, count(*) AS n FROM programme_reports \
          WHERE blockers <> '' AND blockers_resolved_at IS NULL AND {filter} \
          GROUP BY programme_id",
};

/// Who is at capacity: exactly the condition of the partial index `profiles_at_capacity`
/// (so that the planner reads that index). `approved_matches` is kept by triggers on
/// `matches`; the 3 is `core::programmes::DEFAULT_MENTEE_CAPACITY`, for mentors who set
/// no capacity (a test checks both).
macro_rules! at_capacity {
    () => {
        "approved_matches > 0 AND approved_matches >= coalesce(mentee_capacity, 3)"
    };
}

const MENTORS_AT_CAPACITY: Statement = Statement {
    name: "mentors_at_capacity",
    column: "m.programme_id",
    sql: concat!(
        "SELECT p.user_id AS mentor_id, p.first_name, p.last_name, \
                p.approved_matches AS mentees, p.mentee_capacity \
         FROM profiles p WHERE ",
        at_capacity!(),
        " AND EXISTS (SELECT 1 FROM matches m WHERE m.mentor_id = p.user_id \
                      AND m.status = 'approved' AND {filter})"
    ),
};

/// Every statement a dashboard runs for `scope`, named after its function here: for
/// benches, which show their query plans.
pub fn dashboard_statements(scope: &Scope) -> Vec<(&'static str, String)> {
    [
        PROGRAMMES,
        WEEK_COUNTS,
        PROGRAMME_COUNTS,
        ACTIVE_PAIRS,
        OVERDUE_TASKS,
        OVERDUE_ACTION_ITEMS,
        OPEN_BLOCKERS,
        MENTORS_AT_CAPACITY,
    ]
    .iter()
    .map(|s| (s.name, s.for_scope(scope).0))
    .collect()
}

/// Programmes in scope with their names and statuses.
pub async fn programmes(
    conn: &mut SqliteConnection,
    scope: &Scope,
) -> Result<Vec<(ProgrammeId, String, ProgrammeStatus)>, ApiError> {
    let (sql, ids) = PROGRAMMES.for_scope(scope);
    let rows = sqlx::query(&sql)
        .bind(ids)
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                programme_id(r, "id"),
                r.get("name"),
                ProgrammeStatus::from_key(r.get("status")).unwrap_or_default(),
            )
        })
        .collect())
}

/// Sessions per Monday-based week number and status over `from_day..=to_day`.
pub async fn week_counts(
    conn: &mut SqliteConnection,
    scope: &Scope,
    from_day: i64,
    to_day: i64,
) -> Result<Vec<(i64, String, u32)>, ApiError> {
    let (sql, ids) = WEEK_COUNTS.for_scope(scope);
    let rows = sqlx::query(&sql)
        .bind(from_day)
        .bind(to_day)
        .bind(ids)
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                r.get::<i64, _>("week"),
                r.get::<String, _>("status"),
                r.get::<i64, _>("n").max(0) as u32,
            )
        })
        .collect())
}

/// Per programme and status over the range: sessions, and the mentees' ratings.
pub struct ProgrammeCount {
    pub programme_id: ProgrammeId,
    pub status: String,
    pub sessions: u32,
    pub rating_sum: u64,
    pub ratings: u64,
}

pub async fn programme_counts(
    conn: &mut SqliteConnection,
    scope: &Scope,
    from_day: i64,
    to_day: i64,
) -> Result<Vec<ProgrammeCount>, ApiError> {
    let (sql, ids) = PROGRAMME_COUNTS.for_scope(scope);
    let rows = sqlx::query(&sql)
        .bind(from_day)
        .bind(to_day)
        .bind(ids)
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| ProgrammeCount {
            programme_id: programme_id(r, "programme_id"),
            status: r.get("status"),
            sessions: r.get::<i64, _>("n").max(0) as u32,
            rating_sum: r.get::<i64, _>("rating_sum").max(0) as u64,
            ratings: r.get::<i64, _>("ratings").max(0) as u64,
        })
        .collect())
}

async fn per_programme(
    conn: &mut SqliteConnection,
    statement: &Statement,
    scope: &Scope,
    first: Option<String>,
) -> Result<Vec<(ProgrammeId, u32)>, ApiError> {
    let (sql, ids) = statement.for_scope(scope);
    let mut q = sqlx::query(&sql);
    if let Some(first) = first {
        q = q.bind(first);
    }
    let rows = q.bind(ids).fetch_all(conn).await.map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| (programme_id(r, "programme_id"), r.get::<i64, _>("n") as u32))
        .collect())
}

/// Approved matches per programme.
pub async fn active_pairs(
    conn: &mut SqliteConnection,
    scope: &Scope,
) -> Result<Vec<(ProgrammeId, u32)>, ApiError> {
    per_programme(conn, &ACTIVE_PAIRS, scope, None).await
}

/// Open tasks due before `today`, per programme.
pub async fn overdue_tasks(
    conn: &mut SqliteConnection,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Vec<(ProgrammeId, u32)>, ApiError> {
    per_programme(conn, &OVERDUE_TASKS, scope, Some(today.to_string())).await
}

/// Open action items (of the programme's sessions) due before `today`, per programme.
pub async fn overdue_action_items(
    conn: &mut SqliteConnection,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Vec<(ProgrammeId, u32)>, ApiError> {
    per_programme(conn, &OVERDUE_ACTION_ITEMS, scope, Some(today.to_string())).await
}

/// Reports whose blockers nobody has marked resolved, per programme.
pub async fn open_blockers(
    conn: &mut SqliteConnection,
    scope: &Scope,
) -> Result<Vec<(ProgrammeId, u32)>, ApiError> {
    per_programme(conn, &OPEN_BLOCKERS, scope, None).await
}

/// A mentor with approved matches in scope: their approved matches across all
/// programmes and their capacity as set (`None`: not set).
pub struct MentorLoadRecord {
    pub user_id: UserId,
    pub first_name: String,
    pub last_name: String,
    pub mentees: u32,
    pub capacity: Option<u32>,
}

/// Mentors matched in scope whose approved matches (in every programme) reach their
/// capacity, or `core::programmes::DEFAULT_MENTEE_CAPACITY` when they set none.
pub async fn mentors_at_capacity(
    conn: &mut SqliteConnection,
    scope: &Scope,
) -> Result<Vec<MentorLoadRecord>, ApiError> {
    let (sql, ids) = MENTORS_AT_CAPACITY.for_scope(scope);
    let rows = sqlx::query(&sql)
        .bind(ids)
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| MentorLoadRecord {
            user_id: UserId(parse_uuid(r.get("mentor_id"))),
            first_name: r.get("first_name"),
            last_name: r.get("last_name"),
            mentees: r.get::<i64, _>("mentees").max(0) as u32,
            capacity: r
                .get::<Option<i64>, _>("mentee_capacity")
                .map(|c| c.max(0) as u32),
        })
        .collect())
}

/// One programme, mentor and status over `from..to` (UTC instants): sessions.
pub struct ReportCount {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub mentor_id: UserId,
    pub first_name: String,
    pub last_name: String,
    pub status: String,
    pub sessions: u32,
}

pub async fn report_counts(
    conn: &mut SqliteConnection,
    scope: &Scope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ReportCount>, ApiError> {
    let (filter, ids) = scope_filter(scope, "s.programme_id");
    let sql = format!(
        "SELECT c.programme_id, pr.name AS programme_name, c.mentor_id, p.first_name, \
                p.last_name, c.status, c.n \
         FROM (SELECT s.programme_id, s.mentor_id, s.status, count(*) AS n FROM sessions s \
               WHERE s.programme_id IS NOT NULL AND {filter} \
                 AND s.starts_at >= ? AND s.starts_at < ? \
                 AND s.status IN ('confirmed', 'completed', 'cancelled', 'no_show') \
               GROUP BY s.programme_id, s.mentor_id, s.status) c \
         JOIN programmes pr ON pr.id = c.programme_id \
         JOIN profiles p ON p.user_id = c.mentor_id"
    );
    let rows = sqlx::query(&sql)
        .bind(ids)
        .bind(to_millis(from))
        .bind(to_millis(to))
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| ReportCount {
            programme_id: programme_id(r, "programme_id"),
            programme_name: r.get("programme_name"),
            mentor_id: UserId(parse_uuid(r.get("mentor_id"))),
            first_name: r.get("first_name"),
            last_name: r.get("last_name"),
            status: r.get("status"),
            sessions: r.get::<i64, _>("n") as u32,
        })
        .collect())
}

/// A saved meeting report as stored.
pub struct MeetingReportRecord {
    pub id: MeetingReportId,
    pub title: String,
    pub programme_id: Option<ProgrammeId>,
    pub programme_name: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<MeetingReportRow>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_report(
    conn: &mut SqliteConnection,
    id: MeetingReportId,
    title: &str,
    programme: Option<ProgrammeId>,
    from: NaiveDate,
    to: NaiveDate,
    rows: &[MeetingReportRow],
    author: UserId,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let rows = serde_json::to_string(rows).map_err(|e| ApiError::internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO meeting_reports (id, title, programme_id, from_day, to_day, rows, \
         created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(title)
    .bind(programme.map(|p| p.to_string()))
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(rows)
    .bind(author.to_string())
    .bind(to_millis(at))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

const REPORT_SELECT: &str = "SELECT r.id, r.title, r.programme_id, p.name AS programme_name, \
     r.from_day, r.to_day, r.rows, r.created_by, r.created_at \
     FROM meeting_reports r LEFT JOIN programmes p ON p.id = r.programme_id";

fn report_from_row(row: &sqlx::sqlite::SqliteRow) -> MeetingReportRecord {
    let date =
        |column: &str| NaiveDate::parse_from_str(row.get(column), "%Y-%m-%d").unwrap_or_default();
    MeetingReportRecord {
        id: MeetingReportId(parse_uuid(row.get("id"))),
        title: row.get("title"),
        programme_id: row
            .get::<Option<String>, _>("programme_id")
            .map(|p| ProgrammeId(parse_uuid(&p))),
        programme_name: row.get("programme_name"),
        from: date("from_day"),
        to: date("to_day"),
        rows: serde_json::from_str(row.get("rows")).unwrap_or_default(),
        created_by: UserId(parse_uuid(row.get("created_by"))),
        created_at: from_millis(row.get("created_at")),
    }
}

pub async fn find_report(
    conn: &mut SqliteConnection,
    id: MeetingReportId,
) -> Result<Option<MeetingReportRecord>, ApiError> {
    let sql = format!("{REPORT_SELECT} WHERE r.id = ?");
    let row = sqlx::query(&sql)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.as_ref().map(report_from_row))
}

/// Saved reports newest first: of one programme, or those `reader` wrote or may read
/// (`managed`: the programmes they run; `None`: every report, for overseers).
pub async fn list_reports(
    conn: &mut SqliteConnection,
    programme: Option<ProgrammeId>,
    reader: UserId,
    managed: Option<&[ProgrammeId]>,
) -> Result<Vec<MeetingReportRecord>, ApiError> {
    let managed_json = managed.map(|ids| {
        serde_json::to_string(&ids.iter().map(|i| i.to_string()).collect::<Vec<_>>())
            .unwrap_or_else(|_| "[]".into())
    });
    let sql = format!(
        "{REPORT_SELECT} WHERE (?1 IS NULL OR r.programme_id = ?1) \
         AND (?2 IS NULL OR r.created_by = ?3 \
              OR r.programme_id IN (SELECT value FROM json_each(?2))) \
         ORDER BY r.created_at DESC LIMIT 200"
    );
    let rows = sqlx::query(&sql)
        .bind(programme.map(|p| p.to_string()))
        .bind(managed_json)
        .bind(reader.to_string())
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows.iter().map(report_from_row).collect())
}

/// The programmes `user` manages.
pub async fn managed_by(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<ProgrammeId>, ApiError> {
    let rows = sqlx::query(
        "SELECT programme_id FROM programme_members WHERE user_id = ? AND role = 'manager'",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| programme_id(r, "programme_id"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentors_at_capacity_reads_the_partial_index_with_the_default_capacity() {
        assert_eq!(mentordesk_core::programmes::DEFAULT_MENTEE_CAPACITY, 3);
        let migration = include_str!("../../../migrations/20261205000000_oversight.sql");
        let index = concat!(
            "CREATE INDEX profiles_at_capacity\n    ON profiles(user_id, approved_matches, \
             mentee_capacity, first_name, last_name)\n    WHERE ",
            at_capacity!(),
            ";"
        );
        assert!(
            migration.contains(index),
            "the migration should hold {index}"
        );
        assert!(MENTORS_AT_CAPACITY.sql.contains(at_capacity!()));
    }
}
