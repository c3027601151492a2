//! Bulk imports of people: which e-mail addresses already have an account (one query for
//! a whole file), the programmes an import may name, the accounts themselves written as
//! multi-row inserts (users, profiles, roles, programme memberships, interest tags and
//! set-password codes), and the record of each import.
//!
//! An import writes tens of thousands of rows in one transaction, so nothing here goes
//! row by row: each table gets `INSERT … VALUES (…), (…), …` statements of 256, 128, …, 1
//! rows (a batch of any size is a few of those), so a table needs at most nine statement
//! shapes, each prepared once and reused from the writer's statement cache, and a 256-row
//! statement binds at most 1,536 values, far below SQLite's limit of 32,766.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_core::passwords;
use mentordesk_shared::ids::{ImportId, UserId};
use mentordesk_shared::imports::{ImportSummary, RowError};
use mentordesk_shared::programmes::ProgrammeRole;
use mentordesk_shared::ApiError;
use std::collections::{HashMap, HashSet};

/// The most rows one INSERT statement carries.
const BATCH_ROWS: usize = 256;

/// One value bound into a batched insert.
#[derive(Debug, Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Int(i64),
}

/// Inserts `cells` (rows of `width` values, one after the other) with `head` (`INSERT INTO
/// t (a, b) VALUES `) and `row` (`(?, ?)`, `width` placeholders), in statements of 256,
/// 128, …, 1 rows.
async fn insert_many(
    conn: &mut SqliteConnection,
    head: &str,
    row: &str,
    width: usize,
    cells: &[Cell<'_>],
) -> Result<(), ApiError> {
    debug_assert_eq!(row.matches('?').count(), width);
    debug_assert_eq!(cells.len() % width, 0);
    let mut rest = cells;
    while !rest.is_empty() {
        let rows = rest.len() / width;
        // The largest power of two not above `rows`, at most BATCH_ROWS.
        let n = if rows >= BATCH_ROWS {
            BATCH_ROWS
        } else {
            1 << (usize::BITS - 1 - rows.leading_zeros())
        };
        let (now, later) = rest.split_at(n * width);
        let mut sql = String::with_capacity(head.len() + n * (row.len() + 1));
        sql.push_str(head);
        for i in 0..n {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(row);
        }
        let mut query = sqlx::query(&sql);
        for cell in now {
            query = match *cell {
                Cell::Text(text) => query.bind(text),
                Cell::Int(number) => query.bind(number),
            };
        }
        query.execute(&mut *conn).await.map_err(internal)?;
        rest = later;
    }
    Ok(())
}

/// Of these case-folded addresses (`users.email_key`), the ones that already have an
/// account: one statement for the whole list (a JSON array walked by `json_each`, each
/// address looked up in the unique index).
pub async fn existing_email_keys(
    conn: &mut SqliteConnection,
    keys: &[&str],
) -> Result<HashSet<String>, ApiError> {
    if keys.is_empty() {
        return Ok(HashSet::new());
    }
    let list = serde_json::to_string(keys).map_err(|e| ApiError::internal(e.to_string()))?;
    let found: Vec<String> = sqlx::query_scalar(
        "SELECT u.email_key FROM json_each(?1) AS j CROSS JOIN users u ON u.email_key = j.value",
    )
    .bind(list)
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(found.into_iter().collect())
}

/// A programme as an import sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProgrammeForImport {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub max_mentees: Option<i64>,
    /// Mentees it has now.
    pub mentees: i64,
}

pub async fn programmes(conn: &mut SqliteConnection) -> Result<Vec<ProgrammeForImport>, ApiError> {
    sqlx::query_as(
        "SELECT p.id, p.name, p.status = 'archived' AS archived, \
         json_extract(p.criteria, '$.max_mentees') AS max_mentees, \
         (SELECT count(*) FROM programme_members m WHERE m.programme_id = p.id AND m.role = 'mentee') AS mentees \
         FROM programmes p ORDER BY p.name_key",
    )
    .fetch_all(conn)
    .await
    .map_err(internal)
}

/// The vocabulary key of a tag name (as `profiles::ensure_tag` makes it).
pub fn tag_key(name: &str) -> String {
    name.to_lowercase()
}

/// The vocabulary ids of these tag names, adding the new ones (matching ignores case, as in
/// the profile editor; a new tag keeps the first spelling given). Returns key → id.
pub async fn ensure_tags(
    conn: &mut SqliteConnection,
    names: &[&str],
    now: DateTime<Utc>,
) -> Result<HashMap<String, String>, ApiError> {
    let mut wanted: Vec<(String, &str)> = Vec::new();
    let mut seen = HashSet::new();
    for name in names {
        let key = tag_key(name);
        if seen.insert(key.clone()) {
            wanted.push((key, name));
        }
    }
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let keys: Vec<&str> = wanted.iter().map(|(k, _)| k.as_str()).collect();
    let list = serde_json::to_string(&keys).map_err(|e| ApiError::internal(e.to_string()))?;
    let found: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.name_key, t.id FROM json_each(?1) AS j CROSS JOIN tags t ON t.name_key = j.value",
    )
    .bind(list)
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    let mut ids: HashMap<String, String> = found.into_iter().collect();
    let missing: Vec<(String, &str, String)> = wanted
        .into_iter()
        .filter(|(key, _)| !ids.contains_key(key))
        .map(|(key, name)| (key, name, new_id()))
        .collect();
    let at = to_millis(now);
    let mut cells = Vec::with_capacity(missing.len() * 4);
    for (key, name, id) in &missing {
        cells.extend([
            Cell::Text(id),
            Cell::Text(name),
            Cell::Text(key),
            Cell::Int(at),
        ]);
    }
    insert_many(
        conn,
        "INSERT INTO tags (id, name, name_key, created_at) VALUES ",
        "(?, ?, ?, ?)",
        4,
        &cells,
    )
    .await?;
    ids.extend(missing.into_iter().map(|(key, _, id)| (key, id)));
    Ok(ids)
}

/// One account an import creates, with everything that comes with it.
#[derive(Debug, Clone)]
pub struct ImportedAccount<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub email_key: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub time_zone: &'a str,
    /// `roles.id` of each role granted.
    pub role_ids: Vec<&'a str>,
    /// The programme joined and the roles held in it.
    pub programme: Option<(&'a str, &'a [ProgrammeRole])>,
    /// `tags.id` of each interest, in order.
    pub interest_ids: Vec<&'a str>,
    /// The set-password code's digest (`reset_codes::digest`).
    pub code_digest: &'a str,
    /// The id of its `password_resets` row.
    pub code_id: &'a str,
}

/// Writes the accounts: users without a password ([`passwords::UNSET`]), their profiles,
/// role grants and programme memberships (by `by`, at `now`), interests, and a
/// set-password code each, valid until `codes_expire_at`. A handful of statements per
/// table whatever the number of accounts.
pub async fn insert_accounts(
    conn: &mut SqliteConnection,
    accounts: &[ImportedAccount<'_>],
    by: UserId,
    now: DateTime<Utc>,
    codes_expire_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    if accounts.is_empty() {
        return Ok(());
    }
    let at = to_millis(now);
    let expires = to_millis(codes_expire_at);
    let by = by.to_string();
    let by = by.as_str();

    let mut cells = Vec::with_capacity(accounts.len() * 6);
    for a in accounts {
        cells.extend([
            Cell::Text(a.id),
            Cell::Text(a.email),
            Cell::Text(a.email_key),
            Cell::Text(passwords::UNSET),
            Cell::Int(at),
            Cell::Int(at),
        ]);
    }
    insert_many(
        conn,
        "INSERT INTO users (id, email, email_key, password_hash, created_at, updated_at) VALUES ",
        "(?, ?, ?, ?, ?, ?)",
        6,
        &cells,
    )
    .await
    .map_err(|e| match e.code {
        mentordesk_shared::ErrorCode::Conflict => {
            ApiError::conflict("An account with one of these e-mail addresses was created meanwhile; import the file again.")
        }
        _ => e,
    })?;

    cells.clear();
    for a in accounts {
        cells.extend([
            Cell::Text(a.id),
            Cell::Text(a.first_name),
            Cell::Text(a.last_name),
            Cell::Text(a.time_zone),
            Cell::Int(at),
        ]);
    }
    insert_many(
        conn,
        "INSERT INTO profiles (user_id, first_name, last_name, time_zone, updated_at) VALUES ",
        "(?, ?, ?, ?, ?)",
        5,
        &cells,
    )
    .await?;

    cells.clear();
    for a in accounts {
        for role in &a.role_ids {
            cells.extend([
                Cell::Text(a.id),
                Cell::Text(role),
                Cell::Int(at),
                Cell::Text(by),
            ]);
        }
    }
    insert_many(
        conn,
        "INSERT INTO user_roles (user_id, role_id, granted_at, granted_by) VALUES ",
        "(?, ?, ?, ?)",
        4,
        &cells,
    )
    .await?;

    cells.clear();
    for a in accounts {
        if let Some((programme, roles)) = a.programme {
            for role in roles {
                cells.extend([
                    Cell::Text(programme),
                    Cell::Text(a.id),
                    Cell::Text(role.key()),
                    Cell::Text(by),
                    Cell::Int(at),
                ]);
            }
        }
    }
    insert_many(
        conn,
        "INSERT INTO programme_members (programme_id, user_id, role, added_by, added_at) VALUES ",
        "(?, ?, ?, ?, ?)",
        5,
        &cells,
    )
    .await?;

    cells.clear();
    for a in accounts {
        for (position, tag) in a.interest_ids.iter().enumerate() {
            cells.extend([
                Cell::Text(a.id),
                Cell::Text(tag),
                Cell::Int(position as i64),
            ]);
        }
    }
    insert_many(
        conn,
        "INSERT INTO profile_tags (user_id, kind, tag_id, position) VALUES ",
        "(?, 'interest', ?, ?)",
        3,
        &cells,
    )
    .await?;

    cells.clear();
    for a in accounts {
        cells.extend([
            Cell::Text(a.code_id),
            Cell::Text(a.id),
            Cell::Text(a.code_digest),
            Cell::Text(by),
            Cell::Int(at),
            Cell::Int(expires),
        ]);
    }
    insert_many(
        conn,
        "INSERT INTO password_resets (id, user_id, code_digest, issued_by, created_at, expires_at) VALUES ",
        "(?, ?, ?, ?, ?, ?)",
        6,
        &cells,
    )
    .await
}

/// The record of one import.
#[derive(Debug, Clone)]
pub struct NewImport<'a> {
    pub id: ImportId,
    pub file_name: &'a str,
    pub content_sha256: &'a str,
    pub total_rows: u32,
    pub imported: u32,
    pub skipped_existing: u32,
    pub errors: &'a [RowError],
    pub by: UserId,
    pub at: DateTime<Utc>,
}

pub async fn insert_import(
    conn: &mut SqliteConnection,
    record: &NewImport<'_>,
) -> Result<(), ApiError> {
    let errors =
        serde_json::to_string(record.errors).map_err(|e| ApiError::internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO imports (id, file_name, content_sha256, total_rows, imported, skipped_existing, \
         error_count, errors, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(record.id.to_string())
    .bind(record.file_name)
    .bind(record.content_sha256)
    .bind(i64::from(record.total_rows))
    .bind(i64::from(record.imported))
    .bind(i64::from(record.skipped_existing))
    .bind(record.errors.len() as i64)
    .bind(errors)
    .bind(record.by.to_string())
    .bind(to_millis(record.at))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    file_name: String,
    content_sha256: String,
    total_rows: i64,
    imported: i64,
    skipped_existing: i64,
    error_count: i64,
    imported_by: Option<String>,
    imported_at: i64,
}

/// Past imports, newest first (at most `limit`).
pub async fn list(conn: &mut SqliteConnection, limit: u32) -> Result<Vec<ImportSummary>, ApiError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT i.id, i.file_name, i.content_sha256, i.total_rows, i.imported, i.skipped_existing, \
         i.error_count, p.first_name || ' ' || p.last_name AS imported_by, i.imported_at \
         FROM imports i LEFT JOIN profiles p ON p.user_id = i.imported_by \
         ORDER BY i.imported_at DESC, i.id DESC LIMIT ?",
    )
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    let count = |n: i64| n.clamp(0, i64::from(u32::MAX)) as u32;
    Ok(rows
        .into_iter()
        .map(|r| ImportSummary {
            id: ImportId(parse_uuid(&r.id)),
            file_name: r.file_name,
            content_sha256: r.content_sha256,
            total_rows: count(r.total_rows),
            imported: count(r.imported),
            skipped_existing: count(r.skipped_existing),
            error_count: count(r.error_count),
            imported_by: r.imported_by.map(|n| n.trim().to_string()),
            imported_at: from_millis(r.imported_at),
        })
        .collect())
}

/// An import's file name and rejected rows; `None` if there is no such import.
pub async fn errors_of(
    conn: &mut SqliteConnection,
    id: ImportId,
) -> Result<Option<(String, Vec<RowError>)>, ApiError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT file_name, errors FROM imports WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(conn)
            .await
            .map_err(internal)?;
    row.map(|(name, errors)| {
        serde_json::from_str(&errors)
            .map(|errors| (name, errors))
            .map_err(|e| ApiError::internal(format!("An import's error list is unreadable: {e}")))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;

    #[tokio::test]
    async fn tags_are_added_once_in_batches_of_every_size_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = Db::open(&dir.path().join("w.sqlite")).await.unwrap();
        let now = Utc::now();
        // 600 new names (256 + 256 + 64 + 16 + 8: several statement shapes) plus case twins.
        let names: Vec<String> = (0..600).map(|i| format!("Topic {i}")).collect();
        let mut asked: Vec<&str> = names.iter().map(String::as_str).collect();
        asked.push("TOPIC 7");
        asked.push("topic 599");
        let mut tx = db.write().await.unwrap();
        let ids = ensure_tags(&mut tx, &asked, now).await.unwrap();
        assert_eq!(ids.len(), 600);
        let again = ensure_tags(&mut tx, &["topic 7", "Brand New"], now)
            .await
            .unwrap();
        assert_eq!(again["topic 7"], ids["topic 7"]);
        assert_eq!(again.len(), 2);
        Db::commit(tx).await.unwrap();
        let (count, spelling): (i64, String) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM tags), (SELECT name FROM tags WHERE name_key = 'topic 7')",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!((count, spelling.as_str()), (601, "Topic 7"));

        let mut conn = db.read().await.unwrap();
        assert!(existing_email_keys(&mut conn, &[])
            .await
            .unwrap()
            .is_empty());
        assert!(existing_email_keys(&mut conn, &["nobody@example.com"])
            .await
            .unwrap()
            .is_empty());
    }
}
