//! Workspace-wide settings as key/value pairs.

use crate::{internal, SqliteConnection};
use mentordesk_shared::ApiError;

pub async fn get(conn: &mut SqliteConnection, key: &str) -> Result<Option<String>, ApiError> {
    sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = ?")
        .bind(key)
        .fetch_optional(conn)
        .await
        .map_err(internal)
}

pub async fn set(conn: &mut SqliteConnection, key: &str, value: &str) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO workspace_settings (key, value) VALUES (?, ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}
