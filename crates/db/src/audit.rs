//! The audit log: who did what to whom, and when.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::admin::{AuditEntry, AuditQuery};
use mentordesk_shared::ids::{AuditId, UserId};
use mentordesk_shared::ApiError;

pub async fn record(
    conn: &mut SqliteConnection,
    at: DateTime<Utc>,
    actor: Option<UserId>,
    action: &str,
    target: Option<UserId>,
    detail: &str,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, target_user_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(new_id())
    .bind(to_millis(at))
    .bind(actor.map(|a| a.to_string()))
    .bind(action)
    .bind(target.map(|t| t.to_string()))
    .bind(detail)
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    at: i64,
    actor_name: Option<String>,
    action: String,
    target_name: Option<String>,
    detail: String,
}

const FILTER: &str = "FROM audit_log l \
    LEFT JOIN profiles ap ON ap.user_id = l.actor_id LEFT JOIN users au ON au.id = l.actor_id \
    LEFT JOIN profiles tp ON tp.user_id = l.target_user_id LEFT JOIN users tu ON tu.id = l.target_user_id \
    WHERE (?1 IS NULL OR l.action = ?1) \
      AND (?2 = '%%' OR lower(coalesce(ap.first_name || ' ' || ap.last_name, '')) LIKE ?2 ESCAPE '\\' \
           OR coalesce(au.email_key, '') LIKE ?2 ESCAPE '\\' \
           OR lower(coalesce(tp.first_name || ' ' || tp.last_name, '')) LIKE ?2 ESCAPE '\\' \
           OR coalesce(tu.email_key, '') LIKE ?2 ESCAPE '\\' OR lower(l.detail) LIKE ?2 ESCAPE '\\') \
      AND (?3 IS NULL OR l.at >= ?3) AND (?4 IS NULL OR l.at < ?4)";

pub async fn list(
    conn: &mut SqliteConnection,
    q: &AuditQuery,
) -> Result<(Vec<AuditEntry>, i64), ApiError> {
    let text = crate::like_contains(&q.text.trim().to_lowercase());
    let action = q.action.as_deref().filter(|a| !a.is_empty());
    let from = q.from.map(to_millis);
    let to = q.to.map(to_millis);
    let limit = i64::from(q.limit.clamp(1, 500));
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT l.id, l.at, ap.first_name || ' ' || ap.last_name AS actor_name, l.action, \
         tp.first_name || ' ' || tp.last_name AS target_name, l.detail {FILTER} \
         ORDER BY l.at DESC, l.rowid DESC LIMIT ?5 OFFSET ?6"
    ))
    .bind(action)
    .bind(&text)
    .bind(from)
    .bind(to)
    .bind(limit)
    .bind(i64::from(q.offset))
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FILTER}"))
        .bind(action)
        .bind(&text)
        .bind(from)
        .bind(to)
        .fetch_one(conn)
        .await
        .map_err(internal)?;
    Ok((
        rows.into_iter()
            .map(|r| AuditEntry {
                id: AuditId(parse_uuid(&r.id)),
                at: from_millis(r.at),
                actor_name: r.actor_name,
                action: r.action,
                target_name: r.target_name,
                detail: r.detail,
            })
            .collect(),
        total,
    ))
}

pub async fn actions(conn: &mut SqliteConnection) -> Result<Vec<String>, ApiError> {
    sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
        .fetch_all(conn)
        .await
        .map_err(internal)
}
