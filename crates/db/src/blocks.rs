//! Blocking (seed 002's `BlockedUser`): stored here, enforced by messaging and booking.

use crate::{from_millis, internal, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::BlockedUser;
use mentordesk_shared::ApiError;

/// Returns false if the block already existed.
pub async fn add(
    conn: &mut SqliteConnection,
    blocker: UserId,
    blocked: UserId,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = sqlx::query(
        "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(blocker.to_string())
    .bind(blocked.to_string())
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

/// Returns false if there was no such block.
pub async fn remove(
    conn: &mut SqliteConnection,
    blocker: UserId,
    blocked: UserId,
) -> Result<bool, ApiError> {
    let done = sqlx::query("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?")
        .bind(blocker.to_string())
        .bind(blocked.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

pub async fn has_blocked(
    conn: &mut SqliteConnection,
    blocker: UserId,
    blocked: UserId,
) -> Result<bool, ApiError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?")
            .bind(blocker.to_string())
            .bind(blocked.to_string())
            .fetch_optional(conn)
            .await
            .map_err(internal)?;
    Ok(found.is_some())
}

/// Whether either of the two has blocked the other: what booking and messaging check.
pub async fn either_blocked(
    conn: &mut SqliteConnection,
    a: UserId,
    b: UserId,
) -> Result<bool, ApiError> {
    Ok(has_blocked(&mut *conn, a, b).await? || has_blocked(conn, b, a).await?)
}

pub async fn list(
    conn: &mut SqliteConnection,
    blocker: UserId,
) -> Result<Vec<BlockedUser>, ApiError> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT b.blocked_id, p.first_name, p.last_name, b.created_at FROM blocks b \
         JOIN profiles p ON p.user_id = b.blocked_id WHERE b.blocker_id = ? ORDER BY b.created_at DESC",
    )
    .bind(blocker.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(id, first, last, at)| BlockedUser {
            user_id: UserId(parse_uuid(&id)),
            name: format!("{first} {last}"),
            blocked_at: from_millis(at),
        })
        .collect())
}
