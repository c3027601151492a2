//! Programme completion certificates, and what deciding who may receive one reads.

use crate::{from_millis, internal, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, NaiveDate, Utc};
use mentordesk_core::certificates::{Completion, IssueFields};
use mentordesk_shared::certificates::CertificateStatus;
use mentordesk_shared::ids::{CertificateId, ProgrammeId, UserId};
use mentordesk_shared::ApiError;
use sqlx::Row;

/// A certificate as stored, with its programme's name.
#[derive(Debug, Clone)]
pub struct CertificateRecord {
    pub id: CertificateId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub user_id: UserId,
    pub series_id: String,
    pub code: String,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub status: CertificateStatus,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub generated: Option<(UserId, DateTime<Utc>)>,
    pub approved: Option<(UserId, DateTime<Utc>)>,
    pub revoked: Option<(UserId, DateTime<Utc>)>,
    pub revoke_reason: String,
}

impl CertificateRecord {
    pub fn was_approved(&self) -> bool {
        self.approved.is_some()
    }
}

const SELECT: &str = "SELECT c.id, c.programme_id, p.name AS programme_name, c.user_id, \
     c.series_id, c.code, c.issued_on, c.expires_on, c.status, c.created_by, c.created_at, \
     c.generated_by, c.generated_at, c.approved_by, c.approved_at, c.revoked_by, c.revoked_at, \
     c.revoke_reason FROM certificates c JOIN programmes p ON p.id = c.programme_id";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("certificate dates are checked dates")
}

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn stamp(by: Option<String>, at: Option<i64>) -> Option<(UserId, DateTime<Utc>)> {
    Some((UserId(parse_uuid(&by?)), from_millis(at?)))
}

fn from_row(row: &sqlx::sqlite::SqliteRow) -> CertificateRecord {
    CertificateRecord {
        id: CertificateId(parse_uuid(row.get("id"))),
        programme_id: ProgrammeId(parse_uuid(row.get("programme_id"))),
        programme_name: row.get("programme_name"),
        user_id: UserId(parse_uuid(row.get("user_id"))),
        series_id: row.get("series_id"),
        code: row.get("code"),
        issued_on: date(row.get("issued_on")),
        expires_on: row.get::<Option<String>, _>("expires_on").map(|d| date(&d)),
        status: CertificateStatus::from_key(row.get("status"))
            .unwrap_or(CertificateStatus::PendingGeneration),
        created_by: UserId(parse_uuid(row.get("created_by"))),
        created_at: from_millis(row.get("created_at")),
        generated: stamp(row.get("generated_by"), row.get("generated_at")),
        approved: stamp(row.get("approved_by"), row.get("approved_at")),
        revoked: stamp(row.get("revoked_by"), row.get("revoked_at")),
        revoke_reason: row.get("revoke_reason"),
    }
}

/// How an insert went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    Done,
    /// Another certificate has this code: draw another one and try again.
    CodeTaken,
    /// The mentee already holds a certificate for the programme that is not revoked.
    AlreadyCertified,
}

/// Stores a new certificate as `pending_generation`. A unique violation fails only this
/// statement, so the caller's transaction carries on (to retry with another code).
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut SqliteConnection,
    id: CertificateId,
    programme: ProgrammeId,
    user: UserId,
    fields: &IssueFields,
    code: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<Inserted, ApiError> {
    let done = sqlx::query(
        "INSERT INTO certificates (id, programme_id, user_id, series_id, code, issued_on, \
         expires_on, status, created_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending_generation', ?, ?)",
    )
    .bind(id.to_string())
    .bind(programme.to_string())
    .bind(user.to_string())
    .bind(&fields.series_id)
    .bind(code)
    .bind(date_text(fields.issued_on))
    .bind(fields.expires_on.map(date_text))
    .bind(by.to_string())
    .bind(to_millis(now))
    .execute(conn)
    .await;
    match done {
        Ok(_) => Ok(Inserted::Done),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            if e.message().contains("certificates.code") {
                Ok(Inserted::CodeTaken)
            } else {
                Ok(Inserted::AlreadyCertified)
            }
        }
        Err(e) => Err(internal(e)),
    }
}

pub async fn find(
    conn: &mut SqliteConnection,
    id: CertificateId,
) -> Result<Option<CertificateRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.as_ref().map(from_row))
}

/// The certificate with this code (in its stored form, `MD-XXXX-XXXX-XXXX`).
pub async fn find_by_code(
    conn: &mut SqliteConnection,
    code: &str,
) -> Result<Option<CertificateRecord>, ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.code = ?"))
        .bind(code)
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.as_ref().map(from_row))
}

/// A programme's certificates, newest first.
pub async fn of_programme(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
) -> Result<Vec<CertificateRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.programme_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT 2000"
    ))
    .bind(programme.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(from_row).collect())
}

/// Certificates issued to `user` (in every status: the caller filters), newest first.
pub async fn of_user(
    conn: &mut SqliteConnection,
    user: UserId,
    programme: Option<ProgrammeId>,
) -> Result<Vec<CertificateRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.user_id = ?1 AND (?2 IS NULL OR c.programme_id = ?2) \
         ORDER BY c.created_at DESC, c.id DESC LIMIT 500"
    ))
    .bind(user.to_string())
    .bind(programme.map(|p| p.to_string()))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(from_row).collect())
}

/// What the programme knows of its mentees, past and present (`only`: one person), for
/// `core::certificates::check_eligible`. Someone who was never a mentee of it has no row.
pub async fn completions(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
    only: Option<UserId>,
) -> Result<Vec<(UserId, Completion)>, ApiError> {
    let rows = sqlx::query(
        "WITH mentees(u) AS ( \
           SELECT user_id FROM programme_members WHERE programme_id = ?1 AND role = 'mentee' \
           UNION SELECT mentee_id FROM matches WHERE programme_id = ?1) \
         SELECT u, \
           EXISTS (SELECT 1 FROM programme_members m WHERE m.programme_id = ?1 \
                   AND m.user_id = u AND m.role = 'mentee') AS mentee_now, \
           EXISTS (SELECT 1 FROM matches x WHERE x.programme_id = ?1 AND x.mentee_id = u) \
             AS matched, \
           EXISTS (SELECT 1 FROM matches x WHERE x.programme_id = ?1 AND x.mentee_id = u \
                   AND x.status = 'ended') AS match_ended, \
           EXISTS (SELECT 1 FROM certificates c WHERE c.programme_id = ?1 AND c.user_id = u \
                   AND c.status <> 'revoked') AS certified \
         FROM mentees WHERE ?2 IS NULL OR u = ?2",
    )
    .bind(programme.to_string())
    .bind(only.map(|u| u.to_string()))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|row| {
            (
                UserId(parse_uuid(row.get("u"))),
                Completion {
                    mentee_now: row.get::<i64, _>("mentee_now") == 1,
                    matched: row.get::<i64, _>("matched") == 1,
                    match_ended: row.get::<i64, _>("match_ended") == 1,
                    certified: row.get::<i64, _>("certified") == 1,
                },
            )
        })
        .collect())
}

/// One person's [`completions`] row (all false if they were never a mentee of it).
pub async fn completion(
    conn: &mut SqliteConnection,
    programme: ProgrammeId,
    user: UserId,
) -> Result<Completion, ApiError> {
    Ok(completions(conn, programme, Some(user))
        .await?
        .into_iter()
        .next()
        .map(|(_, c)| c)
        .unwrap_or_default())
}

/// Moves a certificate from `from` to `to`, stamping the move with `by` and `now` (and the
/// reason, when revoking). `conflict` if it is no longer in `from`.
pub async fn set_status(
    conn: &mut SqliteConnection,
    id: CertificateId,
    from: CertificateStatus,
    to: CertificateStatus,
    by: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let stamp = match to {
        CertificateStatus::PendingApproval => "generated_by = ?1, generated_at = ?2",
        CertificateStatus::Approved => "approved_by = ?1, approved_at = ?2",
        CertificateStatus::Revoked => "revoked_by = ?1, revoked_at = ?2, revoke_reason = ?3",
        CertificateStatus::PendingGeneration => {
            return Err(ApiError::internal(
                "A certificate never goes back to pending generation.",
            ))
        }
    };
    let done = sqlx::query(&format!(
        "UPDATE certificates SET {stamp}, status = ?4 WHERE id = ?5 AND status = ?6"
    ))
    .bind(by.to_string())
    .bind(to_millis(now))
    .bind(reason)
    .bind(to.key())
    .bind(id.to_string())
    .bind(from.key())
    .execute(conn)
    .await
    .map_err(internal)?;
    if done.rows_affected() != 1 {
        return Err(ApiError::conflict(
            "This certificate has changed; reload it.",
        ));
    }
    Ok(())
}
