//! Applications for the mentor and programme-manager roles (seed 000's "user Details").

use crate::{from_millis, internal, json_list, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::admin::{
    ApplicationQuery, ApplicationRole, ApplicationStatus, ApplicationSubmit, ApplicationView,
};
use mentordesk_shared::ids::{ApplicationId, UserId};
use mentordesk_shared::ApiError;

pub fn role_from_key(key: &str) -> ApplicationRole {
    if key == "programme_manager" {
        ApplicationRole::ProgrammeManager
    } else {
        ApplicationRole::Mentor
    }
}

pub fn status_key(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Pending => "pending",
        ApplicationStatus::Approved => "approved",
        ApplicationStatus::Declined => "declined",
    }
}

fn status_from(key: &str) -> ApplicationStatus {
    match key {
        "approved" => ApplicationStatus::Approved,
        "declined" => ApplicationStatus::Declined,
        _ => ApplicationStatus::Pending,
    }
}

/// A stored document attached to an application.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub file: String,
    pub name: String,
    pub media_type: String,
}

pub async fn insert(
    conn: &mut SqliteConnection,
    id: ApplicationId,
    user: UserId,
    a: &ApplicationSubmit,
    document: Option<&StoredDocument>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let list = |v: &Vec<String>| serde_json::to_string(v).expect("a list of strings serialises");
    sqlx::query(
        "INSERT INTO role_applications (id, user_id, role_key, previous_roles, previous_programmes, \
         programme_of_interest, years_technical_experience, been_mentor_before, technical_proficiency, \
         motivation, document_file, document_name, document_type, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .bind(a.role.key())
    .bind(list(&a.previous_roles))
    .bind(list(&a.previous_programmes))
    .bind(&a.programme_of_interest)
    .bind(a.years_technical_experience.map(i64::from))
    .bind(a.been_mentor_before)
    .bind(list(&a.technical_proficiency))
    .bind(&a.motivation)
    .bind(document.map(|d| d.file.clone()))
    .bind(document.map(|d| d.name.clone()))
    .bind(document.map(|d| d.media_type.clone()))
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(|e| match internal(e) {
        err if err.code == mentordesk_shared::ErrorCode::Conflict => ApiError::conflict(format!(
            "You already have a pending application to become a {}.",
            a.role.label().to_lowercase()
        )),
        err => err,
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    user_id: String,
    role_key: String,
    previous_roles: String,
    previous_programmes: String,
    programme_of_interest: String,
    years_technical_experience: Option<i64>,
    been_mentor_before: bool,
    technical_proficiency: String,
    motivation: String,
    document_name: Option<String>,
    status: String,
    decided_at: Option<i64>,
    decision_reason: Option<String>,
    created_at: i64,
    applicant_name: String,
    applicant_email: String,
    decided_by_name: Option<String>,
}

impl From<Row> for ApplicationView {
    fn from(r: Row) -> Self {
        ApplicationView {
            id: ApplicationId(parse_uuid(&r.id)),
            user_id: UserId(parse_uuid(&r.user_id)),
            applicant_name: r.applicant_name,
            applicant_email: r.applicant_email,
            role: role_from_key(&r.role_key),
            previous_roles: json_list(&r.previous_roles),
            previous_programmes: json_list(&r.previous_programmes),
            programme_of_interest: r.programme_of_interest,
            years_technical_experience: r.years_technical_experience.map(|v| v as u32),
            been_mentor_before: r.been_mentor_before,
            technical_proficiency: json_list(&r.technical_proficiency),
            motivation: r.motivation,
            document_name: r.document_name,
            status: status_from(&r.status),
            decided_by_name: r.decided_by_name,
            decided_at: r.decided_at.map(from_millis),
            decision_reason: r.decision_reason,
            created_at: from_millis(r.created_at),
        }
    }
}

const SELECT: &str = "SELECT a.id, a.user_id, a.role_key, a.previous_roles, a.previous_programmes, \
    a.programme_of_interest, a.years_technical_experience, a.been_mentor_before, a.technical_proficiency, \
    a.motivation, a.document_name, a.status, a.decided_at, a.decision_reason, a.created_at, \
    p.first_name || ' ' || p.last_name AS applicant_name, u.email AS applicant_email, \
    dp.first_name || ' ' || dp.last_name AS decided_by_name \
    FROM role_applications a JOIN users u ON u.id = a.user_id JOIN profiles p ON p.user_id = a.user_id \
    LEFT JOIN profiles dp ON dp.user_id = a.decided_by";

pub async fn find(
    conn: &mut SqliteConnection,
    id: ApplicationId,
) -> Result<Option<ApplicationView>, ApiError> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.map(Into::into))
}

pub async fn list(
    conn: &mut SqliteConnection,
    q: &ApplicationQuery,
) -> Result<Vec<ApplicationView>, ApiError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE (?1 IS NULL OR a.status = ?1) AND (?2 IS NULL OR a.role_key = ?2) \
         ORDER BY a.status = 'pending' DESC, a.created_at DESC LIMIT 500"
    ))
    .bind(q.status.map(status_key))
    .bind(q.role.map(|r| r.key()))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn list_for_user(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<ApplicationView>, ApiError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE a.user_id = ? ORDER BY a.created_at DESC"
    ))
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn decide(
    conn: &mut SqliteConnection,
    id: ApplicationId,
    status: ApplicationStatus,
    by: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE role_applications SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? \
         WHERE id = ? AND status = 'pending'",
    )
    .bind(status_key(status))
    .bind(by.to_string())
    .bind(to_millis(now))
    .bind(reason)
    .bind(id.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn document(
    conn: &mut SqliteConnection,
    id: ApplicationId,
) -> Result<Option<StoredDocument>, ApiError> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT document_file, document_name, document_type FROM role_applications WHERE id = ?",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(match row {
        Some((Some(file), Some(name), Some(media_type))) => Some(StoredDocument {
            file,
            name,
            media_type,
        }),
        _ => None,
    })
}
