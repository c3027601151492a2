//! Support groups (seed 001 supportGroups, groupMemberships) and their forum (seed 000):
//! groups with members, threads and replies. Member counts, reply counts and last
//! activity are kept by triggers; a locked thread refuses replies in the database too.

use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_shared::ids::{GroupId, ReplyId, ThreadId, UserId};
use mentordesk_shared::{ApiError, ErrorCode};
use sqlx::Row;

/// A group and whether the viewer belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRecord {
    pub id: GroupId,
    pub name: String,
    pub description: String,
    pub member_count: u32,
    pub last_active_at: DateTime<Utc>,
    pub joined: bool,
}

const GROUP_SELECT: &str = "SELECT g.id, g.name, g.description, g.member_count, g.last_active_at, \
     EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = ?1) AS joined \
     FROM community_groups g";

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn group_row(row: &sqlx::sqlite::SqliteRow) -> GroupRecord {
    GroupRecord {
        id: GroupId(parse_uuid(row.get("id"))),
        name: row.get("name"),
        description: row.get("description"),
        member_count: count(row.get("member_count")),
        last_active_at: from_millis(row.get("last_active_at")),
        joined: row.get::<i64, _>("joined") == 1,
    }
}

/// `text` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Every group (or those whose name contains `search`, any case), most recently active
/// first.
pub async fn list(
    conn: &mut SqliteConnection,
    viewer: UserId,
    search: Option<&str>,
) -> Result<Vec<GroupRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "{GROUP_SELECT} WHERE ?2 IS NULL OR g.name LIKE ?2 ESCAPE '\\' \
         ORDER BY g.last_active_at DESC, g.name"
    ))
    .bind(viewer.to_string())
    .bind(search.map(contains_pattern))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(group_row).collect())
}

pub async fn group(
    conn: &mut SqliteConnection,
    id: GroupId,
    viewer: UserId,
) -> Result<Option<GroupRecord>, ApiError> {
    let row = sqlx::query(&format!("{GROUP_SELECT} WHERE g.id = ?2"))
        .bind(viewer.to_string())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.as_ref().map(group_row))
}

/// Whether a group of that name exists (names are unique ignoring case).
pub async fn name_taken(conn: &mut SqliteConnection, name: &str) -> Result<bool, ApiError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM community_groups WHERE name = ? COLLATE NOCASE")
            .bind(name)
            .fetch_optional(conn)
            .await
            .map_err(internal)?;
    Ok(found.is_some())
}

fn duplicate_name(e: ApiError) -> ApiError {
    if e.code == ErrorCode::Conflict {
        ApiError::field("name", "A group with this name already exists.")
    } else {
        e
    }
}

/// A new group with its creator as the first member.
pub async fn create(
    conn: &mut SqliteConnection,
    name: &str,
    description: &str,
    creator: UserId,
    now: DateTime<Utc>,
) -> Result<GroupId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO community_groups (id, name, description, created_by, created_at, \
         last_active_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )
    .bind(&id)
    .bind(name)
    .bind(description)
    .bind(creator.to_string())
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(|e| duplicate_name(internal(e)))?;
    let id = GroupId(parse_uuid(&id));
    join(conn, id, creator, now).await?;
    Ok(id)
}

/// Adds a member (the trigger counts them). Joining twice is a conflict the database
/// refuses too.
pub async fn join(
    conn: &mut SqliteConnection,
    group: GroupId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("INSERT INTO group_members (group_id, user_id, joined_at) VALUES (?, ?, ?)")
        .bind(group.to_string())
        .bind(user.to_string())
        .bind(to_millis(now))
        .execute(conn)
        .await
        .map_err(|e| match internal(e) {
            e if e.code == ErrorCode::Conflict => {
                ApiError::conflict("You are already a member of this group.")
            }
            e => e,
        })?;
    Ok(())
}

/// Removes a member; whether they were one.
pub async fn leave(
    conn: &mut SqliteConnection,
    group: GroupId,
    user: UserId,
) -> Result<bool, ApiError> {
    let done = sqlx::query("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")
        .bind(group.to_string())
        .bind(user.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThreadRecord {
    pub id: ThreadId,
    pub group: GroupId,
    pub author: UserId,
    pub title: String,
    pub body: String,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: u32,
    pub created_at: DateTime<Utc>,
    pub last_reply_at: DateTime<Utc>,
}

const THREAD_COLUMNS: &str = "id, group_id, author_id, title, body, pinned, locked, reply_count, \
     created_at, last_reply_at";

fn thread_row(row: &sqlx::sqlite::SqliteRow) -> ThreadRecord {
    ThreadRecord {
        id: ThreadId(parse_uuid(row.get("id"))),
        group: GroupId(parse_uuid(row.get("group_id"))),
        author: UserId(parse_uuid(row.get("author_id"))),
        title: row.get("title"),
        body: row.get("body"),
        pinned: row.get::<i64, _>("pinned") == 1,
        locked: row.get::<i64, _>("locked") == 1,
        reply_count: count(row.get("reply_count")),
        created_at: from_millis(row.get("created_at")),
        last_reply_at: from_millis(row.get("last_reply_at")),
    }
}

/// Up to `limit` of a group's threads after skipping `offset`, pinned ones first, then
/// by last activity (the `forum_threads_by_group` index order); and whether more follow.
pub async fn threads(
    conn: &mut SqliteConnection,
    group: GroupId,
    offset: u32,
    limit: u16,
) -> Result<(Vec<ThreadRecord>, bool), ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {THREAD_COLUMNS} FROM forum_threads WHERE group_id = ? \
         ORDER BY pinned DESC, last_reply_at DESC LIMIT ? OFFSET ?"
    ))
    .bind(group.to_string())
    .bind(i64::from(limit) + 1)
    .bind(i64::from(offset))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    let more = rows.len() > usize::from(limit);
    Ok((
        rows.iter()
            .take(usize::from(limit))
            .map(thread_row)
            .collect(),
        more,
    ))
}

pub async fn thread(
    conn: &mut SqliteConnection,
    id: ThreadId,
) -> Result<Option<ThreadRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {THREAD_COLUMNS} FROM forum_threads WHERE id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(thread_row))
}

/// A new thread (the trigger marks its group active).
pub async fn create_thread(
    conn: &mut SqliteConnection,
    group: GroupId,
    author: UserId,
    title: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<ThreadId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO forum_threads (id, group_id, author_id, title, body, created_at, \
         last_reply_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )
    .bind(&id)
    .bind(group.to_string())
    .bind(author.to_string())
    .bind(title)
    .bind(body)
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(ThreadId(parse_uuid(&id)))
}

/// Sets a thread's pinned and locked flags.
pub async fn set_flags(
    conn: &mut SqliteConnection,
    id: ThreadId,
    pinned: bool,
    locked: bool,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE forum_threads SET pinned = ?, locked = ? WHERE id = ?")
        .bind(i64::from(pinned))
        .bind(i64::from(locked))
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Deletes a thread with its replies.
pub async fn delete_thread(conn: &mut SqliteConnection, id: ThreadId) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM forum_threads WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReplyRecord {
    pub id: ReplyId,
    pub thread: ThreadId,
    pub author: UserId,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

const REPLY_COLUMNS: &str = "id, thread_id, author_id, body, created_at";

fn reply_row(row: &sqlx::sqlite::SqliteRow) -> ReplyRecord {
    ReplyRecord {
        id: ReplyId(parse_uuid(row.get("id"))),
        thread: ThreadId(parse_uuid(row.get("thread_id"))),
        author: UserId(parse_uuid(row.get("author_id"))),
        body: row.get("body"),
        created_at: from_millis(row.get("created_at")),
    }
}

/// A thread's replies, oldest first.
pub async fn replies(
    conn: &mut SqliteConnection,
    thread: ThreadId,
) -> Result<Vec<ReplyRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {REPLY_COLUMNS} FROM forum_replies WHERE thread_id = ? ORDER BY created_at, id"
    ))
    .bind(thread.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(reply_row).collect())
}

pub async fn reply(
    conn: &mut SqliteConnection,
    id: ReplyId,
) -> Result<Option<ReplyRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {REPLY_COLUMNS} FROM forum_replies WHERE id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(reply_row))
}

/// A new reply (the triggers count it and mark the thread and group active). A locked
/// thread refuses it with `conflict`.
pub async fn add_reply(
    conn: &mut SqliteConnection,
    thread: ThreadId,
    author: UserId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<ReplyId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO forum_replies (id, thread_id, author_id, body, created_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(thread.to_string())
    .bind(author.to_string())
    .bind(body)
    .bind(to_millis(now))
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(ReplyId(parse_uuid(&id)))
}

/// Deletes a reply (the trigger uncounts it).
pub async fn delete_reply(conn: &mut SqliteConnection, id: ReplyId) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM forum_replies WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}
