//! Connections (seed 001 userConnections), conversations, messages with their read state,
//! and the full-text search over them (SQLite FTS5).

use crate::appointments::PersonRecord;
use crate::{from_millis, internal, new_id, parse_uuid, to_millis, SqliteConnection};
use chrono::{DateTime, Utc};
use mentordesk_core::messaging::Relationship;
use mentordesk_shared::conversations::{ConnectionStatus, ConversationKind};
use mentordesk_shared::ids::{ConnectionId, ConversationId, UserId};
use mentordesk_shared::ApiError;
use sqlx::Row;

/// A connection row, from the viewer's side.
#[derive(Debug, Clone)]
pub struct ConnectionRecord {
    pub id: ConnectionId,
    pub requester: UserId,
    pub receiver: UserId,
    pub status: ConnectionStatus,
    pub updated_at: DateTime<Utc>,
}

impl ConnectionRecord {
    pub fn other(&self, viewer: UserId) -> UserId {
        if self.requester == viewer {
            self.receiver
        } else {
            self.requester
        }
    }
}

fn status_key(s: ConnectionStatus) -> &'static str {
    match s {
        ConnectionStatus::Pending => "pending",
        ConnectionStatus::Accepted => "accepted",
        ConnectionStatus::Rejected => "rejected",
    }
}

fn status_of(key: &str) -> ConnectionStatus {
    match key {
        "accepted" => ConnectionStatus::Accepted,
        "rejected" => ConnectionStatus::Rejected,
        _ => ConnectionStatus::Pending,
    }
}

fn connection_row(row: &sqlx::sqlite::SqliteRow) -> ConnectionRecord {
    ConnectionRecord {
        id: ConnectionId(parse_uuid(row.get("id"))),
        requester: UserId(parse_uuid(row.get("requester_id"))),
        receiver: UserId(parse_uuid(row.get("receiver_id"))),
        status: status_of(row.get("status")),
        updated_at: from_millis(row.get("updated_at")),
    }
}

const CONNECTION_COLUMNS: &str = "id, requester_id, receiver_id, status, updated_at";

/// The connection between two people, whoever asked.
pub async fn connection_between(
    conn: &mut SqliteConnection,
    a: UserId,
    b: UserId,
) -> Result<Option<ConnectionRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {CONNECTION_COLUMNS} FROM connections \
         WHERE pair_low = min(?1, ?2) AND pair_high = max(?1, ?2)"
    ))
    .bind(a.to_string())
    .bind(b.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(connection_row))
}

pub async fn connection(
    conn: &mut SqliteConnection,
    id: ConnectionId,
) -> Result<Option<ConnectionRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {CONNECTION_COLUMNS} FROM connections WHERE id = ?"
    ))
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(connection_row))
}

/// A new request, or an earlier rejected one asked again (by whoever asks now).
pub async fn request_connection(
    conn: &mut SqliteConnection,
    from: UserId,
    to: UserId,
    now: DateTime<Utc>,
) -> Result<ConnectionId, ApiError> {
    let id: String = sqlx::query_scalar(
        "INSERT INTO connections (id, requester_id, receiver_id, status, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'pending', ?4, ?4) \
         ON CONFLICT (pair_low, pair_high) DO UPDATE SET requester_id = ?2, receiver_id = ?3, \
         status = 'pending', updated_at = ?4 WHERE status = 'rejected' \
         RETURNING id",
    )
    .bind(new_id())
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(to_millis(now))
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(ConnectionId(parse_uuid(&id)))
}

pub async fn set_connection_status(
    conn: &mut SqliteConnection,
    id: ConnectionId,
    status: ConnectionStatus,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE connections SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status_key(status))
        .bind(to_millis(now))
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

pub async fn remove_connection(
    conn: &mut SqliteConnection,
    id: ConnectionId,
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM connections WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Every connection the person is part of (any status), newest first.
pub async fn connections_of(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<ConnectionRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {CONNECTION_COLUMNS} FROM connections WHERE requester_id = ?1 \
         UNION ALL SELECT {CONNECTION_COLUMNS} FROM connections WHERE receiver_id = ?1 \
         ORDER BY updated_at DESC"
    ))
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows.iter().map(connection_row).collect())
}

/// What links two people for the messaging rule, in one statement.
pub async fn relationship(
    conn: &mut SqliteConnection,
    a: UserId,
    b: UserId,
) -> Result<Relationship, ApiError> {
    let row = sqlx::query(
        "SELECT \
         EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = ?1 AND blocked_id = ?2) \
                 OR (blocker_id = ?2 AND blocked_id = ?1)), \
         EXISTS (SELECT 1 FROM connections WHERE pair_low = min(?1, ?2) \
                 AND pair_high = max(?1, ?2) AND status = 'accepted'), \
         EXISTS (SELECT 1 FROM sessions WHERE (mentor_id = ?1 AND mentee_id = ?2) \
                 OR (mentor_id = ?2 AND mentee_id = ?1)), \
         EXISTS (SELECT 1 FROM matches WHERE status = 'approved' AND \
                 ((mentor_id = ?1 AND mentee_id = ?2) OR (mentor_id = ?2 AND mentee_id = ?1)))",
    )
    .bind(a.to_string())
    .bind(b.to_string())
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(Relationship {
        blocked: row.get::<i64, _>(0) == 1,
        connected: row.get::<i64, _>(1) == 1,
        matched: row.get::<i64, _>(3) == 1,
        share_session: row.get::<i64, _>(2) == 1,
    })
}

/// A conversation and the viewer's read state in it.
#[derive(Debug, Clone)]
pub struct ConversationRecord {
    pub id: ConversationId,
    pub kind: ConversationKind,
    pub title: String,
    pub members: Vec<UserId>,
    pub last_message: Option<String>,
    pub last_message_at: Option<DateTime<Utc>>,
    pub unread: u32,
}

fn direct_key(a: UserId, b: UserId) -> String {
    let (a, b) = (a.to_string(), b.to_string());
    if a < b {
        format!("{a}:{b}")
    } else {
        format!("{b}:{a}")
    }
}

/// The direct conversation of two people, created on first use.
pub async fn direct_conversation(
    conn: &mut SqliteConnection,
    a: UserId,
    b: UserId,
    now: DateTime<Utc>,
) -> Result<ConversationId, ApiError> {
    let key = direct_key(a, b);
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM conversations WHERE direct_key = ?")
            .bind(&key)
            .fetch_optional(&mut *conn)
            .await
            .map_err(internal)?;
    if let Some(id) = existing {
        return Ok(ConversationId(parse_uuid(&id)));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO conversations (id, kind, title, direct_key, created_by, created_at) \
         VALUES (?1, 'direct', '', ?2, ?3, ?4); \
         INSERT INTO conversation_members (conversation_id, user_id, joined_at) \
         VALUES (?1, ?3, ?4), (?1, ?5, ?4)",
    )
    .bind(&id)
    .bind(&key)
    .bind(a.to_string())
    .bind(to_millis(now))
    .bind(b.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(ConversationId(parse_uuid(&id)))
}

pub async fn create_group_conversation(
    conn: &mut SqliteConnection,
    title: &str,
    creator: UserId,
    members: &[UserId],
    now: DateTime<Utc>,
) -> Result<ConversationId, ApiError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO conversations (id, kind, title, created_by, created_at) \
         VALUES (?, 'group', ?, ?, ?)",
    )
    .bind(&id)
    .bind(title)
    .bind(creator.to_string())
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    let mut all = vec![creator];
    all.extend(members.iter().copied().filter(|m| *m != creator));
    all.dedup();
    for member in all {
        sqlx::query(
            "INSERT INTO conversation_members (conversation_id, user_id, joined_at) \
             VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(&id)
        .bind(member.to_string())
        .bind(to_millis(now))
        .execute(&mut *conn)
        .await
        .map_err(internal)?;
    }
    Ok(ConversationId(parse_uuid(&id)))
}

const SUMMARY_SELECT: &str = "SELECT c.id, c.kind, c.title, c.last_message_at, cm.unread, \
     (SELECT json_group_array(m2.user_id) FROM conversation_members m2 \
      WHERE m2.conversation_id = c.id) AS members, \
     (SELECT CASE WHEN m.deleted_at IS NULL THEN m.body ELSE '' END FROM messages m \
      WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) AS last_body \
     FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id";

fn summary_row(row: &sqlx::sqlite::SqliteRow) -> Result<ConversationRecord, ApiError> {
    let members: Vec<String> = serde_json::from_str(row.get("members"))
        .map_err(|e| ApiError::internal(format!("Unreadable members: {e}")))?;
    Ok(ConversationRecord {
        id: ConversationId(parse_uuid(row.get("id"))),
        kind: if row.get::<&str, _>("kind") == "direct" {
            ConversationKind::Direct
        } else {
            ConversationKind::Group
        },
        title: row.get("title"),
        members: members.iter().map(|m| UserId(parse_uuid(m))).collect(),
        last_message: row.get("last_body"),
        last_message_at: row
            .get::<Option<i64>, _>("last_message_at")
            .map(from_millis),
        unread: u32::try_from(row.get::<i64, _>("unread")).unwrap_or(0),
    })
}

/// The viewer's conversations, most recently active first.
pub async fn conversations_of(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<ConversationRecord>, ApiError> {
    let rows = sqlx::query(&format!(
        "{SUMMARY_SELECT} WHERE cm.user_id = ? \
         ORDER BY coalesce(c.last_message_at, c.created_at) DESC"
    ))
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    rows.iter().map(summary_row).collect()
}

/// One conversation, if the viewer is a member (`None` otherwise: it does not exist for them).
pub async fn conversation_for(
    conn: &mut SqliteConnection,
    id: ConversationId,
    user: UserId,
) -> Result<Option<ConversationRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "{SUMMARY_SELECT} WHERE cm.user_id = ? AND c.id = ?"
    ))
    .bind(user.to_string())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    row.as_ref().map(summary_row).transpose()
}

/// The viewer's conversations among `ids` (any they are not a member of are left out),
/// in no particular order.
pub async fn conversations_among(
    conn: &mut SqliteConnection,
    user: UserId,
    ids: &[ConversationId],
) -> Result<Vec<ConversationRecord>, ApiError> {
    let mut records = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!("{SUMMARY_SELECT} WHERE cm.user_id = ? AND c.id IN ({marks})");
        let mut query = sqlx::query(&sql).bind(user.to_string());
        for id in chunk {
            query = query.bind(id.to_string());
        }
        let rows = query.fetch_all(&mut *conn).await.map_err(internal)?;
        for row in &rows {
            records.push(summary_row(row)?);
        }
    }
    Ok(records)
}

/// Everyone in any of the viewer's conversations (the viewer too), ordered by id.
pub async fn people_with(
    conn: &mut SqliteConnection,
    viewer: UserId,
) -> Result<Vec<PersonRecord>, ApiError> {
    people_where(
        conn,
        "SELECT m.user_id FROM conversation_members mine JOIN conversation_members m \
         ON m.conversation_id = mine.conversation_id WHERE mine.user_id = ?",
        viewer.to_string(),
    )
    .await
}

/// The people whose ids `ids` (a query with one parameter) selects, as one JSON row:
/// SQLite builds it, and one row crosses to Rust instead of one per person (with hundreds
/// of people, the rows' own cost through sqlx was as much as the lookups').
async fn people_where(
    conn: &mut SqliteConnection,
    ids: &str,
    param: String,
) -> Result<Vec<PersonRecord>, ApiError> {
    type Row = (String, String, String, String, String, Option<String>, i64);
    let json: String = sqlx::query_scalar(&format!(
        "SELECT json_group_array(json_array(u.id, p.first_name, p.last_name, u.email, \
         p.time_zone, p.photo_file, u.is_active)) \
         FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id IN ({ids})"
    ))
    .bind(param)
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    let rows: Vec<Row> = serde_json::from_str(&json)
        .map_err(|e| ApiError::internal(format!("Unreadable people: {e}")))?;
    let mut people: Vec<PersonRecord> = rows
        .into_iter()
        .map(
            |(id, first_name, last_name, email, time_zone, photo_file, active)| PersonRecord {
                id: UserId(parse_uuid(&id)),
                first_name,
                last_name,
                email,
                time_zone,
                photo_file,
                is_active: active == 1,
            },
        )
        .collect();
    people.sort_unstable_by_key(|p| p.id);
    Ok(people)
}

/// The unread counts of all the viewer's conversations (what badges need), in one indexed read.
pub async fn unread_counts(
    conn: &mut SqliteConnection,
    user: UserId,
) -> Result<Vec<(ConversationId, u32)>, ApiError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT conversation_id, unread FROM conversation_members WHERE user_id = ? AND unread > 0",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(c, n)| {
            (
                ConversationId(parse_uuid(&c)),
                u32::try_from(n).unwrap_or(0),
            )
        })
        .collect())
}

#[derive(Debug, Clone)]
pub struct MessageRecord {
    pub id: i64,
    pub conversation: ConversationId,
    pub sender: UserId,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted: bool,
}

fn message_row(row: &sqlx::sqlite::SqliteRow) -> MessageRecord {
    MessageRecord {
        id: row.get("id"),
        conversation: ConversationId(parse_uuid(row.get("conversation_id"))),
        sender: UserId(parse_uuid(row.get("sender_id"))),
        body: row.get("body"),
        created_at: from_millis(row.get("created_at")),
        edited_at: row.get::<Option<i64>, _>("edited_at").map(from_millis),
        deleted: row.get::<Option<i64>, _>("deleted_at").is_some(),
    }
}

const MESSAGE_COLUMNS: &str =
    "id, conversation_id, sender_id, body, created_at, edited_at, deleted_at";

/// Up to `limit` messages before `before` (the newest when `None`), oldest first, and
/// whether older ones exist. Walks the `(conversation_id, id)` index backwards.
pub async fn page(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    before: Option<i64>,
    limit: u16,
) -> Result<(Vec<MessageRecord>, bool), ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id < ? \
         ORDER BY id DESC LIMIT ?"
    ))
    .bind(conversation.to_string())
    .bind(before.unwrap_or(i64::MAX))
    .bind(i64::from(limit) + 1)
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    let more = rows.len() > usize::from(limit);
    let mut messages: Vec<MessageRecord> = rows
        .iter()
        .take(usize::from(limit))
        .map(message_row)
        .collect();
    messages.reverse();
    Ok((messages, more))
}

pub async fn message(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<MessageRecord>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.as_ref().map(message_row))
}

/// Stores a message (the triggers index it, count it unread for the others and mark it
/// read for the sender). Returns its id.
pub async fn send(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    sender: UserId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, ApiError> {
    sqlx::query_scalar(
        "INSERT INTO messages (conversation_id, sender_id, body, created_at) \
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(conversation.to_string())
    .bind(sender.to_string())
    .bind(body)
    .bind(to_millis(now))
    .fetch_one(conn)
    .await
    .map_err(internal)
}

pub async fn edit(
    conn: &mut SqliteConnection,
    id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE messages SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL")
        .bind(body)
        .bind(to_millis(now))
        .bind(id)
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}

/// Deletes a message: its text is gone (and out of the search index), its place stays.
pub async fn delete(
    conn: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE messages SET body = '', deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
    )
    .bind(to_millis(now))
    .bind(id)
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

/// Marks everything in the conversation read for the viewer.
pub async fn mark_read(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    user: UserId,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE conversation_members SET unread = 0, last_read_id = coalesce( \
         (SELECT max(id) FROM messages WHERE conversation_id = ?1), 0) \
         WHERE conversation_id = ?1 AND user_id = ?2",
    )
    .bind(conversation.to_string())
    .bind(user.to_string())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

/// A searcher in at most this many conversations has them named in the full-text query.
const NAMED_CONVERSATIONS_MAX: i64 = 32;

/// How many matches a search may expect to walk through, newest first, checking each
/// one's conversation, before naming the searcher's conversations in the query is cheaper.
const EXPECTED_WALK_MAX: i64 = 5_000;

/// Messages matching an FTS5 `query` in the viewer's conversations, newest first, with a
/// snippet marking the matches.
///
/// Two ways to keep to the viewer's conversations, chosen by what each costs:
/// - name them in the query (`body : (…) AND conversation_key : (c1 OR c2 …)`): FTS5 then
///   seeks in the conversations' doclists and never looks at anyone else's messages, but
///   looks each conversation up in every index segment first (~0.1 ms each on 5 million
///   messages) — right for people in a handful of conversations, whatever their share;
/// - walk the matches newest first and check each one's conversation, stopping after
///   `limit` hits — right when the viewer's conversations hold so large a share of all
///   messages that `limit` hits come within a few thousand matches (members of many busy
///   conversations), checked by counting their messages among the newest ones.
pub async fn search(
    conn: &mut SqliteConnection,
    user: UserId,
    query: &str,
    limit: u16,
) -> Result<Vec<(MessageRecord, String)>, ApiError> {
    // How many conversations, and their tokens as `messages.conversation_key` spells them.
    let (conversations, keys): (i64, Option<String>) = sqlx::query_as(
        "SELECT count(*), group_concat('\"' || char(57344) || replace(conversation_id, '-', '') \
         || '\"', ' OR ') FROM conversation_members WHERE user_id = ?",
    )
    .bind(user.to_string())
    .fetch_one(&mut *conn)
    .await
    .map_err(internal)?;
    let Some(keys) = keys.filter(|_| conversations > 0 && limit > 0) else {
        return Ok(Vec::new());
    };
    let mut expression = format!("body : ({query})");
    if conversations <= NAMED_CONVERSATIONS_MAX || !walk_is_short(conn, user, limit).await? {
        expression = format!("{expression} AND conversation_key : ({keys})");
    }
    let rows = sqlx::query(
        "SELECT m.id, m.conversation_id, m.sender_id, m.body, m.created_at, m.edited_at, \
         m.deleted_at, snippet(messages_fts, 0, '[', ']', '…', 12) AS snippet \
         FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid \
         WHERE messages_fts MATCH ?1 AND m.conversation_id IN \
           (SELECT conversation_id FROM conversation_members WHERE user_id = ?2) \
         ORDER BY messages_fts.rowid DESC LIMIT ?3",
    )
    .bind(expression)
    .bind(user.to_string())
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .iter()
        .map(|r| (message_row(r), r.get::<String, _>("snippet")))
        .collect())
}

/// How many of the newest messages [`walk_is_short`] looks at: the walk goes newest first,
/// so the viewer's share among the recent ones is what it meets.
const RECENT_MESSAGES: i64 = 100_000;

/// Whether the viewer's conversations hold enough of the newest messages that `limit`
/// hits come, on average, within [`EXPECTED_WALK_MAX`] matches: counts their messages
/// among the newest [`RECENT_MESSAGES`], but only up to that share (at most a thousand
/// index entries for a page of 50).
async fn walk_is_short(
    conn: &mut SqliteConnection,
    user: UserId,
    limit: u16,
) -> Result<bool, ApiError> {
    let newest: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM messages")
        .fetch_one(&mut *conn)
        .await
        .map_err(internal)?;
    let window = newest.min(RECENT_MESSAGES);
    let enough = (window * i64::from(limit) + EXPECTED_WALK_MAX - 1) / EXPECTED_WALK_MAX;
    let counted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT 1 FROM conversation_members cm \
         JOIN messages m ON m.conversation_id = cm.conversation_id AND m.id > ? \
         WHERE cm.user_id = ? LIMIT ?)",
    )
    .bind(newest - window)
    .bind(user.to_string())
    .bind(enough)
    .fetch_one(conn)
    .await
    .map_err(internal)?;
    Ok(counted >= enough)
}

pub async fn members(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
) -> Result<Vec<UserId>, ApiError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT user_id FROM conversation_members WHERE conversation_id = ? ORDER BY joined_at",
    )
    .bind(conversation.to_string())
    .fetch_all(conn)
    .await
    .map_err(internal)?;
    Ok(ids.iter().map(|i| UserId(parse_uuid(i))).collect())
}
