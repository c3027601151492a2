//! Programmes, their members and applications, and mentor–mentee matches.

use crate::{from_millis, internal, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::admin::ApplicationStatus;
use mentordesk_shared::ids::{MatchId, ProgrammeApplicationId, ProgrammeId, UserId};
use mentordesk_shared::programmes::*;
use mentordesk_shared::{ApiError, ErrorCode};
use sqlx::Row;

/// A programme as stored.
#[derive(Debug, Clone)]
pub struct ProgrammeRecord {
    pub id: ProgrammeId,
    pub name: String,
    pub description: String,
    pub picture_file: Option<String>,
    pub criteria: ProgrammeCriteria,
    pub questions: Vec<String>,
    pub status: ProgrammeStatus,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub completed: Option<(UserId, DateTime<Utc>)>,
    pub archived: Option<(UserId, DateTime<Utc>)>,
}

/// A programme with what its list entry counts, for one viewer.
#[derive(Debug, Clone)]
pub struct ProgrammeListing {
    pub programme: ProgrammeRecord,
    pub managers: Vec<String>,
    pub mentors: u32,
    pub mentees: u32,
    pub active_pairs: u32,
    pub pending_applications: u32,
    pub pending_matches: u32,
    pub my_roles: Vec<ProgrammeRole>,
    pub my_application: Option<ApplicationStatus>,
}

pub fn application_status_key(status: ApplicationStatus) -> &'static str {
    crate::applications::status_key(status)
}

fn application_status(key: &str) -> ApplicationStatus {
    match key {
        "approved" => ApplicationStatus::Approved,
        "declined" => ApplicationStatus::Declined,
        _ => ApplicationStatus::Pending,
    }
}

fn roles_from(list: Option<String>) -> Vec<ProgrammeRole> {
    let mut roles: Vec<ProgrammeRole> = list
        .unwrap_or_default()
        .split(',')
        .filter_map(ProgrammeRole::from_key)
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

fn stamp(by: Option<String>, at: Option<i64>) -> Option<(UserId, DateTime<Utc>)> {
    Some((UserId(parse_uuid(&by?)), from_millis(at?)))
}

fn programme_from_row(row: &sqlx::sqlite::SqliteRow) -> ProgrammeRecord {
    ProgrammeRecord {
        id: ProgrammeId(parse_uuid(row.get("id"))),
        name: row.get("name"),
        description: row.get("description"),
        picture_file: row.get("picture_file"),
        criteria: serde_json::from_str(row.get("criteria")).unwrap_or_default(),
        questions: serde_json::from_str(row.get("questions")).unwrap_or_default(),
        status: ProgrammeStatus::from_key(row.get("status")).unwrap_or_default(),
        created_by: UserId(parse_uuid(row.get("created_by"))),
        created_at: from_millis(row.get("created_at")),
        completed: stamp(row.get("completed_by"), row.get("completed_at")),
        archived: stamp(row.get("archived_by"), row.get("archived_at")),
    }
}

const PROGRAMME_COLUMNS: &str = "p.id, p.name, p.description, p.picture_file, p.criteria, \
     p.questions, p.status, p.created_by, p.created_at, p.completed_by, p.completed_at, \
     p.archived_by, p.archived_at";

/// A name taken by another programme (names are unique ignoring case and spacing).
fn name_taken(e: ApiError) -> ApiError {
    if e.code == ErrorCode::Conflict {
        ApiError::field(
            "name",
            "Another programme already has this name; choose a different one.",
        )
    } else {
        e
    }
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("programme fields serialise")
}

pub async fn insert(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    fields: &ProgrammeFields,
    name_key: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO programmes (id, name, name_key, description, criteria, questions, status, \
         created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(&fields.name)
    .bind(name_key)
    .bind(&fields.description)
    .bind(json(&fields.criteria))
    .bind(json(&fields.questions))
    .bind(by.to_string())
    .bind(to_millis(now))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(|e| name_taken(internal(e)))?;
    Ok(())
}

pub async fn update(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    fields: &ProgrammeFields,
    name_key: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE programmes SET name = ?, name_key = ?, description = ?, criteria = ?, \
         questions = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&fields.name)
    .bind(name_key)
    .bind(&fields.description)
    .bind(json(&fields.criteria))
    .bind(json(&fields.questions))
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(|e| name_taken(internal(e)))?;
    Ok(())
}

pub async fn find(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
) -> Result<Option<ProgrammeRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {PROGRAMME_COLUMNS} FROM programmes p WHERE p.id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(programme_from_row))
}

pub async fn set_status(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    status: ProgrammeStatus,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let stamp_columns = match status {
        ProgrammeStatus::Completed => "completed_by = ?1, completed_at = ?2,",
        ProgrammeStatus::Archived => "archived_by = ?1, archived_at = ?2,",
        ProgrammeStatus::Active => "",
    };
    sqlx::query(&format!(
        "UPDATE programmes SET {stamp_columns} status = ?3, updated_at = ?2 WHERE id = ?4"
    ))
    .bind(by.to_string())
    .bind(to_millis(now))
    .bind(status.key())
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn set_picture(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    file: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE programmes SET picture_file = ?, updated_at = ? WHERE id = ?")
        .bind(file)
        .bind(to_millis(now))
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

/// The roles `user` holds in the programme.
pub async fn roles_of(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    user: UserId,
) -> Result<Vec<ProgrammeRole>, ApiError> {
    let list: Option<String> = sqlx::query_scalar(
        "SELECT group_concat(role) FROM programme_members WHERE programme_id = ? AND user_id = ?",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(roles_from(list))
}

/// The programmes a list shows to `viewer`, with their counts, by name.
pub async fn list(
    conn: &mut SqliteConnection,
    viewer: UserId,
    oversees: bool,
    query: &ProgrammeQuery,
) -> Result<Vec<ProgrammeListing>, ApiError> {
    let mine = "EXISTS (SELECT 1 FROM programme_members m WHERE m.programme_id = p.id \
                AND m.user_id = ?1)";
    let mut conditions: Vec<String> = Vec::new();
    match query.scope {
        ProgrammeScope::Mine if oversees => {}
        ProgrammeScope::Mine => conditions.push(mine.to_string()),
        ProgrammeScope::Open => {
            conditions.push(format!(
                "p.status = 'active' AND json_extract(p.criteria, '$.accepting_applications') = 1 \
                 AND (json_extract(p.criteria, '$.open_to_mentors') = 1 \
                      OR json_extract(p.criteria, '$.open_to_mentees') = 1) AND NOT {mine}"
            ));
        }
    }
    if !query.statuses.is_empty() {
        let keys: Vec<String> = query
            .statuses
            .iter()
            .map(|s| format!("'{}'", s.key()))
            .collect();
        conditions.push(format!("p.status IN ({})", keys.join(", ")));
    }
    let text = query.text.trim().to_lowercase();
    listings(conn, viewer, &conditions, &text, None).await
}

/// One programme's listing for `viewer` (the same counts as the list).
pub async fn listing(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    viewer: UserId,
) -> Result<Option<ProgrammeListing>, ApiError> {
    let found = listings(conn, viewer, &[], "", Some(id)).await?;
    Ok(found.into_iter().next())
}

/// Programmes matching `conditions` (over `p`, `?1` being the viewer), the search text
/// (in the name or description; empty for any) and `id` (`None` for any), with their
/// counts for the viewer.
async fn listings(
    conn: &mut SqliteConnection,
    viewer: UserId,
    conditions: &[String],
    text: &str,
    id: Option<ProgrammeId>,
) -> Result<Vec<ProgrammeListing>, ApiError> {
    let mut all = vec![
        "(?2 = '' OR instr(lower(p.name), ?2) > 0 OR instr(lower(p.description), ?2) > 0)"
            .to_string(),
        "(?3 IS NULL OR p.id = ?3)".to_string(),
    ];
    all.extend(conditions.iter().cloned());
    let filter = format!("WHERE {}", all.join(" AND "));
    let sql = format!(
        "SELECT {PROGRAMME_COLUMNS}, \
         (SELECT count(*) FROM programme_members m WHERE m.programme_id = p.id AND m.role = 'mentor') AS mentors, \
         (SELECT count(*) FROM programme_members m WHERE m.programme_id = p.id AND m.role = 'mentee') AS mentees, \
         (SELECT count(*) FROM matches x WHERE x.programme_id = p.id AND x.status = 'approved') AS pairs, \
         (SELECT count(*) FROM programme_applications a WHERE a.programme_id = p.id AND a.status = 'pending') AS pending_applications, \
         (SELECT count(*) FROM matches x WHERE x.programme_id = p.id AND x.status = 'pending') AS pending_matches, \
         (SELECT group_concat(m.role) FROM programme_members m WHERE m.programme_id = p.id AND m.user_id = ?1) AS my_roles, \
         (SELECT json_group_array(pr.first_name || ' ' || pr.last_name) FROM programme_members m \
            JOIN profiles pr ON pr.user_id = m.user_id WHERE m.programme_id = p.id AND m.role = 'manager') AS managers, \
         (SELECT a.status FROM programme_applications a WHERE a.programme_id = p.id AND a.user_id = ?1 \
            ORDER BY a.created_at DESC LIMIT 1) AS my_application \
         FROM programmes p {filter} ORDER BY CASE p.status WHEN 'active' THEN 0 WHEN 'completed' THEN 1 ELSE 2 END, p.name_key"
    );
    let rows = sqlx::query(&sql)
        .bind(viewer.to_string())
        .bind(text)
        .bind(id.map(|id| id.to_string()))
        .fetch_all(conn)
        .await
        .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|row| {
            let count = |column: &str| u32::try_from(row.get::<i64, _>(column)).unwrap_or(0);
            let mut managers: Vec<String> =
                serde_json::from_str(row.get("managers")).unwrap_or_default();
            managers.sort();
            ProgrammeListing {
                programme: programme_from_row(row),
                managers,
                mentors: count("mentors"),
                mentees: count("mentees"),
                active_pairs: count("pairs"),
                pending_applications: count("pending_applications"),
                pending_matches: count("pending_matches"),
                my_roles: roles_from(row.get("my_roles")),
                my_application: row
                    .get::<Option<String>, _>("my_application")
                    .map(|s| application_status(&s)),
            }
        })
        .collect())
}

/// A member row of the programme page.
#[derive(Debug, Clone)]
pub struct MemberRecord {
    pub user_id: UserId,
    pub role: ProgrammeRole,
    pub added_at: DateTime<Utc>,
    pub matched: u32,
}

pub async fn members(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
) -> Result<Vec<MemberRecord>, ApiError> {
    let rows = sqlx::query(
        "SELECT m.user_id, m.role, m.added_at, \
         CASE m.role \
           WHEN 'mentor' THEN (SELECT count(*) FROM matches x WHERE x.programme_id = m.programme_id \
                               AND x.mentor_id = m.user_id AND x.status = 'approved') \
           WHEN 'mentee' THEN (SELECT count(*) FROM matches x WHERE x.programme_id = m.programme_id \
                               AND x.mentee_id = m.user_id AND x.status = 'approved') \
           ELSE 0 END AS matched \
         FROM programme_members m JOIN profiles p ON p.user_id = m.user_id \
         WHERE m.programme_id = ? \
         ORDER BY CASE m.role WHEN 'manager' THEN 0 WHEN 'mentor' THEN 1 ELSE 2 END, \
                  p.first_name, p.last_name",
    )
    .bind(id.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|row| MemberRecord {
            user_id: UserId(parse_uuid(row.get("user_id"))),
            role: ProgrammeRole::from_key(row.get("role")).unwrap_or(ProgrammeRole::Mentee),
            added_at: from_millis(row.get("added_at")),
            matched: u32::try_from(row.get::<i64, _>("matched")).unwrap_or(0),
        })
        .collect())
}

/// Adds a member; `false` when they already held that role in the programme.
pub async fn add_member(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    user: UserId,
    role: ProgrammeRole,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = sqlx::query(
        "INSERT INTO programme_members (programme_id, user_id, role, added_by, added_at) \
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .bind(role.key())
    .bind(by.map(|u| u.to_string()))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

/// Removes a member's role; `false` when they did not hold it.
pub async fn remove_member(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    user: UserId,
    role: ProgrammeRole,
) -> Result<bool, ApiError> {
    let done = sqlx::query(
        "DELETE FROM programme_members WHERE programme_id = ? AND user_id = ? AND role = ?",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .bind(role.key())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

pub async fn count_role(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    role: ProgrammeRole,
) -> Result<u32, ApiError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM programme_members WHERE programme_id = ? AND role = ?",
    )
    .bind(id.to_string())
    .bind(role.key())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(u32::try_from(n).unwrap_or(0))
}

// --- Applications -----------------------------------------------------------

#[derive(Debug, Clone)]
pub struct ProgrammeApplicationRecord {
    pub id: ProgrammeApplicationId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub user_id: UserId,
    pub role: ProgrammeRole,
    pub answers: Vec<QuestionAnswer>,
    pub status: ApplicationStatus,
    pub reason: String,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn has_pending_application(
    conn: &mut SqliteConnection,
    id: ProgrammeId,
    user: UserId,
) -> Result<bool, ApiError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM programme_applications WHERE programme_id = ? AND user_id = ? \
         AND status = 'pending'",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(n > 0)
}

pub async fn insert_application(
    conn: &mut SqliteConnection,
    id: ProgrammeApplicationId,
    programme: ProgrammeId,
    user: UserId,
    role: ProgrammeRole,
    answers: &[QuestionAnswer],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO programme_applications (id, programme_id, user_id, role, answers, created_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(programme.to_string())
    .bind(user.to_string())
    .bind(role.key())
    .bind(json(&answers))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(|e| match internal(e) {
        err if err.code == ErrorCode::Conflict => ApiError::conflict(
            "You already have an application to this programme waiting for a decision.",
        ),
        err => err,
    })?;
    Ok(())
}

const APPLICATION_COLUMNS: &str = "a.id, a.programme_id, p.name AS programme_name, a.user_id, \
     a.role, a.answers, a.status, a.reason, a.decided_by, a.decided_at, a.created_at";

fn application_from_row(row: &sqlx::sqlite::SqliteRow) -> ProgrammeApplicationRecord {
    let answers: Vec<QuestionAnswer> = serde_json::from_str(row.get("answers")).unwrap_or_default();
    ProgrammeApplicationRecord {
        id: ProgrammeApplicationId(parse_uuid(row.get("id"))),
        programme_id: ProgrammeId(parse_uuid(row.get("programme_id"))),
        programme_name: row.get("programme_name"),
        user_id: UserId(parse_uuid(row.get("user_id"))),
        role: ProgrammeRole::from_key(row.get("role")).unwrap_or(ProgrammeRole::Mentee),
        answers,
        status: application_status(row.get("status")),
        reason: row.get("reason"),
        decided_by: row
            .get::<Option<String>, _>("decided_by")
            .map(|s| UserId(parse_uuid(&s))),
        decided_at: row.get::<Option<i64>, _>("decided_at").map(from_millis),
        created_at: from_millis(row.get("created_at")),
    }
}

pub async fn find_application(
    conn: &mut SqliteConnection,
    id: ProgrammeApplicationId,
) -> Result<Option<ProgrammeApplicationRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {APPLICATION_COLUMNS} FROM programme_applications a \
         JOIN programmes p ON p.id = a.programme_id WHERE a.id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(application_from_row))
}

/// Applications: of one programme, of the programmes `manager` manages (all of them when
/// `oversees`), or the applicant's own (`mine`); pending first, then newest first.
pub async fn applications(
    conn: &mut SqliteConnection,
    viewer: UserId,
    oversees: bool,
    query: &ProgrammeApplicationQuery,
) -> Result<Vec<ProgrammeApplicationRecord>, ApiError> {
    let mut conditions = Vec::new();
    if query.mine {
        conditions.push("a.user_id = ?1".to_string());
    } else if !oversees {
        conditions.push(
            "EXISTS (SELECT 1 FROM programme_members m WHERE m.programme_id = a.programme_id \
             AND m.user_id = ?1 AND m.role = 'manager')"
                .to_string(),
        );
    }
    conditions.push("(?2 IS NULL OR a.programme_id = ?2)".to_string());
    if let Some(status) = query.status {
        conditions.push(format!("a.status = '{}'", application_status_key(status)));
    }
    let filter = format!("WHERE {}", conditions.join(" AND "));
    let rows = sqlx::query(&format!(
        "SELECT {APPLICATION_COLUMNS} FROM programme_applications a \
         JOIN programmes p ON p.id = a.programme_id {filter} \
         ORDER BY a.status <> 'pending', a.created_at DESC LIMIT 1000"
    ))
    .bind(viewer.to_string())
    .bind(query.programme_id.map(|p| p.to_string()))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(application_from_row).collect())
}

pub async fn decide_application(
    conn: &mut SqliteConnection,
    id: ProgrammeApplicationId,
    status: ApplicationStatus,
    by: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let done = sqlx::query(
        "UPDATE programme_applications SET status = ?, decided_by = ?, reason = ?, decided_at = ? \
         WHERE id = ? AND status = 'pending'",
    )
    .bind(application_status_key(status))
    .bind(by.to_string())
    .bind(reason)
    .bind(to_millis(now))
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    if done.rows_affected() != 1 {
        return Err(ApiError::conflict(
            "This application has already been decided.",
        ));
    }
    Ok(())
}

// --- Matches ----------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct MatchRecord {
    pub id: MatchId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub mentor_id: UserId,
    pub mentee_id: UserId,
    pub goal: String,
    pub status: MatchStatus,
    pub origin: MatchOrigin,
    pub proposed_by: UserId,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

fn origin_key(origin: MatchOrigin) -> &'static str {
    match origin {
        MatchOrigin::Manager => "manager",
        MatchOrigin::Mentee => "mentee",
    }
}

const MATCH_COLUMNS: &str = "x.id, x.programme_id, p.name AS programme_name, x.mentor_id, \
     x.mentee_id, x.goal, x.status, x.origin, x.proposed_by, x.decided_by, x.decided_at, \
     x.reason, x.created_at";

fn match_from_row(row: &sqlx::sqlite::SqliteRow) -> MatchRecord {
    let user = |column: &str| UserId(parse_uuid(row.get(column)));
    MatchRecord {
        id: MatchId(parse_uuid(row.get("id"))),
        programme_id: ProgrammeId(parse_uuid(row.get("programme_id"))),
        programme_name: row.get("programme_name"),
        mentor_id: user("mentor_id"),
        mentee_id: user("mentee_id"),
        goal: row.get("goal"),
        status: MatchStatus::from_key(row.get("status")).unwrap_or(MatchStatus::Pending),
        origin: if row.get::<String, _>("origin") == "mentee" {
            MatchOrigin::Mentee
        } else {
            MatchOrigin::Manager
        },
        proposed_by: user("proposed_by"),
        decided_by: row
            .get::<Option<String>, _>("decided_by")
            .map(|s| UserId(parse_uuid(&s))),
        decided_at: row.get::<Option<i64>, _>("decided_at").map(from_millis),
        reason: row.get("reason"),
        created_at: from_millis(row.get("created_at")),
    }
}

pub async fn open_match_exists(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
    mentor: UserId,
    mentee: UserId,
) -> Result<bool, ApiError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM matches WHERE programme_id = ? AND mentor_id = ? AND mentee_id = ? \
         AND status IN ('pending', 'approved')",
    )
    .bind(programme.to_string())
    .bind(mentor.to_string())
    .bind(mentee.to_string())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(n > 0)
}

/// A mentor's capacity as the profile states it, and their approved matches now.
pub async fn capacity(
    conn: &mut SqliteConnection,
    mentor: UserId,
) -> Result<(Option<u32>, bool, u32), ApiError> {
    let row = sqlx::query(
        "SELECT p.mentee_capacity, p.accepting_mentees, \
         (SELECT count(*) FROM matches x WHERE x.mentor_id = p.user_id AND x.status = 'approved') \
           AS current \
         FROM profiles p WHERE p.user_id = ?",
    )
    .bind(mentor.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(match row {
        Some(row) => (
            row.get::<Option<i64>, _>("mentee_capacity")
                .and_then(|c| u32::try_from(c).ok()),
            row.get::<i64, _>("accepting_mentees") == 1,
            u32::try_from(row.get::<i64, _>("current")).unwrap_or(0),
        ),
        None => (Some(0), false, 0),
    })
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_match(
    conn: &mut SqliteConnection,
    id: MatchId,
    req: &MatchProposal,
    goal: &str,
    origin: MatchOrigin,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO matches (id, programme_id, mentor_id, mentee_id, goal, status, origin, \
         proposed_by, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(req.programme_id.to_string())
    .bind(req.mentor_id.to_string())
    .bind(req.mentee_id.to_string())
    .bind(goal)
    .bind(origin_key(origin))
    .bind(by.to_string())
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(|e| match internal(e) {
        err if err.code == ErrorCode::Conflict => ApiError::conflict(
            "These two are already matched in this programme, or a match is waiting for \
             approval.",
        ),
        err => err,
    })?;
    Ok(())
}

pub async fn find_match(
    conn: &mut SqliteConnection,
    id: MatchId,
) -> Result<Option<MatchRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {MATCH_COLUMNS} FROM matches x JOIN programmes p ON p.id = x.programme_id \
         WHERE x.id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(match_from_row))
}

/// Matches the viewer may see: in programmes they manage (every programme when `oversees`)
/// and their own as mentor or mentee; optionally one programme and some statuses.
pub async fn matches(
    conn: &mut SqliteConnection,
    viewer: UserId,
    oversees: bool,
    query: &MatchQuery,
) -> Result<Vec<MatchRecord>, ApiError> {
    let mut conditions = Vec::new();
    if !oversees {
        conditions.push(
            "(x.mentor_id = ?1 OR x.mentee_id = ?1 OR EXISTS (SELECT 1 FROM programme_members m \
             WHERE m.programme_id = x.programme_id AND m.user_id = ?1 AND m.role = 'manager'))"
                .to_string(),
        );
    }
    conditions.push("(?2 IS NULL OR x.programme_id = ?2)".to_string());
    if !query.statuses.is_empty() {
        let keys: Vec<String> = query
            .statuses
            .iter()
            .map(|s| format!("'{}'", s.key()))
            .collect();
        conditions.push(format!("x.status IN ({})", keys.join(", ")));
    }
    let filter = format!("WHERE {}", conditions.join(" AND "));
    let rows = sqlx::query(&format!(
        "SELECT {MATCH_COLUMNS} FROM matches x JOIN programmes p ON p.id = x.programme_id \
         {filter} ORDER BY x.status <> 'pending', x.created_at DESC LIMIT 2000"
    ))
    .bind(viewer.to_string())
    .bind(query.programme_id.map(|p| p.to_string()))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(match_from_row).collect())
}

pub async fn decide_match(
    conn: &mut SqliteConnection,
    id: MatchId,
    from: MatchStatus,
    to: MatchStatus,
    by: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let columns = if to == MatchStatus::Ended {
        "ended_by = ?2, ended_at = ?3"
    } else {
        "decided_by = ?2, decided_at = ?3"
    };
    let done = sqlx::query(&format!(
        "UPDATE matches SET status = ?1, {columns}, reason = CASE WHEN ?4 = '' THEN reason ELSE ?4 END \
         WHERE id = ?5 AND status = ?6"
    ))
    .bind(to.key())
    .bind(by.to_string())
    .bind(to_millis(now))
    .bind(reason)
    .bind(id.to_string())
    .bind(from.key())
    .execute(conn)
    .await
    .map_err(internal)?;
    if done.rows_affected() != 1 {
        return Err(ApiError::conflict("This match has changed; reload it."));
    }
    Ok(())
}

/// What suggestions need of each mentor of a programme.
#[derive(Debug, Clone)]
pub struct MentorCandidate {
    pub user_id: UserId,
    pub expertise: Vec<String>,
    pub capacity: Option<u32>,
    pub accepting: bool,
    pub current: u32,
}

/// The programme's active mentors with their expertise tags and capacity.
pub async fn mentor_candidates(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
) -> Result<Vec<MentorCandidate>, ApiError> {
    let rows = sqlx::query(
        "SELECT m.user_id, pr.mentee_capacity, pr.accepting_mentees, \
         (SELECT count(*) FROM matches x WHERE x.mentor_id = m.user_id AND x.status = 'approved') AS current, \
         (SELECT json_group_array(t.name) FROM profile_tags pt JOIN tags t ON t.id = pt.tag_id \
            WHERE pt.user_id = m.user_id AND pt.kind = 'expertise') AS expertise \
         FROM programme_members m JOIN profiles pr ON pr.user_id = m.user_id \
         JOIN users u ON u.id = m.user_id AND u.is_active = 1 \
         WHERE m.programme_id = ? AND m.role = 'mentor'",
    )
    .bind(programme.to_string())
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let user_id = UserId(parse_uuid(row.get("user_id")));
        out.push(MentorCandidate {
            user_id,
            expertise: serde_json::from_str(row.get("expertise")).unwrap_or_default(),
            capacity: row
                .get::<Option<i64>, _>("mentee_capacity")
                .and_then(|c| u32::try_from(c).ok()),
            accepting: row.get::<i64, _>("accepting_mentees") == 1,
            current: u32::try_from(row.get::<i64, _>("current")).unwrap_or(0),
        });
    }
    Ok(out)
}

/// A person's tags of one kind (`interest`, `expertise`, …), in their order.
pub async fn tags_of(
    conn: &mut SqliteConnection,
    user: UserId,
    kind: &str,
) -> Result<Vec<String>, ApiError> {
    sqlx::query_scalar(
        "SELECT t.name FROM profile_tags pt JOIN tags t ON t.id = pt.tag_id \
         WHERE pt.user_id = ? AND pt.kind = ? ORDER BY pt.position",
    )
    .bind(user.to_string())
    .bind(kind)
    .fetch_all(conn)
    .await
    .map_err(internal)
}
