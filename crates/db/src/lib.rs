//! The local SQLite workspace: connection settings, migrations (with a backup
//! taken first), and one repository module per aggregate.
//!
//! Repository functions take `&mut SqliteConnection`, so the caller decides the
//! transaction: reads use [`Db::read`], writes use [`Db::write`], which starts
//! with `BEGIN IMMEDIATE` so that a read-then-write never fails on lock upgrade.
//! All writes of a process to one database file go through one shared connection,
//! so writers queue for it instead of meeting SQLite's busy handler, and its page
//! cache stays warm.

pub mod accounts;
pub mod applications;
pub mod appointments;
pub mod audit;
pub mod blocks;
pub mod booking;
pub mod certificates;
pub mod conversations;
pub mod groups;
pub mod imports;
pub mod notifications;
pub mod oversight;
pub mod profiles;
pub mod programme_work;
pub mod programmes;
pub mod sessions;
pub mod settings;

use chrono::{DateTime, TimeZone, Utc};
use mentordesk_shared::ApiError;
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

pub use sqlx::SqliteConnection;

pub type Tx = Transaction<'static, Sqlite>;

/// How long a writer waits for the database (SQLite's busy timeout, and the queue for
/// the writer connection).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Every connection this process has to one database file, shared by every [`Db`]
/// opened on that file.
///
/// - One connection writes (a pool of one: writers wait for it in order). SQLite's busy
///   handler retries a locked database after sleeping 1, 2, 5, 10… ms, so connections
///   writing at once lose milliseconds per transaction; and in WAL mode a connection's
///   page cache is dropped whenever another connection commits, so a writer that shares
///   the work with others reads every page again. (Other processes still meet the busy
///   timeout.)
/// - Up to [`READERS`] connections read. Sharing them keeps the process's page caches
///   together small: SQLite pools every connection's page cache, and the writer's grows
///   into the room the others leave, while a `COMMIT` after a page split walks the
///   writer's whole cache (its page-swap during the split leaves a page number past the
///   end of the file behind). With a pool per `Db`, a process holding a hundred of them
///   spent an eighth of each booking there.
#[derive(Debug)]
struct Connections {
    readers: SqlitePool,
    writer: SqlitePool,
    /// Bookings waiting for the writer (see [`booking`]).
    bookings: booking::BookingQueue,
    checkpoints: Checkpoints,
}

/// Reading connections per database file.
const READERS: u32 = 8;

/// Write transactions after which the WAL is checkpointed in the background.
const CHECKPOINT_AFTER: u32 = 500;

/// The WAL size (in pages) at which the writer checkpoints inside a `COMMIT` after all.
const WRITER_AUTOCHECKPOINT_PAGES: u32 = 4000;

/// WAL checkpoints, mostly off the writer's path.
///
/// SQLite's automatic checkpoint runs inside the `COMMIT` that crosses 1,000 WAL pages,
/// copying them into the database file and syncing it twice while the writer waits:
/// every few hundred bookings, one of them took tens of milliseconds and everyone queued
/// behind it. Instead, every [`CHECKPOINT_AFTER`] write transactions a read connection
/// runs a `PASSIVE` checkpoint in the background, which never blocks the writer or
/// readers. A background checkpoint never catches up with a writer that keeps writing,
/// though, and SQLite only starts the WAL file over once one has; so the writer still
/// checkpoints itself at [`WRITER_AUTOCHECKPOINT_PAGES`], by then with little left to
/// copy, and the WAL file stays a few megabytes instead of growing.
#[derive(Debug, Default)]
struct Checkpoints {
    since: std::sync::atomic::AtomicU32,
    running: std::sync::atomic::AtomicBool,
}

type Registry = HashMap<PathBuf, Weak<Connections>>;

static OPEN_FILES: OnceLock<Mutex<Registry>> = OnceLock::new();

fn open_files() -> std::sync::MutexGuard<'static, Registry> {
    OPEN_FILES
        .get_or_init(Default::default)
        .lock()
        .expect("the connection registry is never poisoned")
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

#[derive(Clone, Debug)]
pub struct Db {
    path: PathBuf,
    conns: Arc<Connections>,
}

/// What opening the workspace did, for the log and the settings screen.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    pub created: bool,
    pub applied_migrations: Vec<i64>,
    pub backup: Option<PathBuf>,
}

impl Db {
    /// Opens (or creates) the workspace database at `path` and brings its schema up to date.
    /// Before migrating an existing workspace, a copy is written with `VACUUM INTO`
    /// next to it under `backups/`.
    pub async fn open(path: &Path) -> Result<(Db, OpenReport), ApiError> {
        Self::open_with(path, &MIGRATOR).await
    }

    async fn open_with(
        path: &Path,
        migrator: &sqlx::migrate::Migrator,
    ) -> Result<(Db, OpenReport), ApiError> {
        let existed = path.exists();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                ApiError::new(
                    mentordesk_shared::ErrorCode::Unavailable,
                    format!("Cannot create the workspace folder {}: {e}", dir.display()),
                )
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            .pragma("temp_store", "memory");
        let db = Db {
            path: path.to_path_buf(),
            conns: Self::connections_for(path, options).await?,
        };
        let mut report = OpenReport {
            created: !existed,
            ..OpenReport::default()
        };
        let pending = db.pending_migrations(migrator).await?;
        if !pending.is_empty() {
            if existed && db.has_applied_migrations().await? {
                report.backup = Some(db.backup_before(pending[0]).await?);
            }
            migrator.run(db.pool()).await.map_err(internal)?;
            report.applied_migrations = pending;
        }
        Ok((db, report))
    }

    /// The shared connections to the file at `path`, opened if this process has none yet.
    async fn connections_for(
        path: &Path,
        options: SqliteConnectOptions,
    ) -> Result<Arc<Connections>, ApiError> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let live = |c: &Weak<Connections>| c.upgrade().filter(|c| !c.writer.is_closed());
        if let Some(conns) = open_files().get(&key).and_then(live) {
            return Ok(conns);
        }
        let readers = SqlitePoolOptions::new()
            .max_connections(READERS)
            .min_connections(1)
            // An in-process SQLite connection does not go stale; sqlx's test is a round
            // trip to the connection's worker thread on every acquire. (It still checks
            // connections as they are released.)
            .test_before_acquire(false)
            .connect_with(options.clone())
            .await
            .map_err(internal)?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            // One long-lived connection: its page and statement caches stay warm.
            .idle_timeout(None)
            .max_lifetime(None)
            .acquire_timeout(BUSY_TIMEOUT)
            .test_before_acquire(false)
            .connect_with(
                options
                    // Room for every write statement and the booking batches' shapes.
                    .statement_cache_capacity(400)
                    .pragma(
                        "wal_autocheckpoint",
                        WRITER_AUTOCHECKPOINT_PAGES.to_string(),
                    ),
            )
            .await
            .map_err(internal)?;
        // Another task may have opened them meanwhile: then use those.
        let mut mine = Some((readers, writer));
        let conns = {
            let mut registry = open_files();
            match registry.get(&key).and_then(live) {
                Some(theirs) => theirs,
                None => {
                    registry.retain(|_, c| live(c).is_some());
                    let (readers, writer) = mine.take().expect("the new pools are used once");
                    let conns = Arc::new(Connections {
                        readers,
                        writer,
                        bookings: Default::default(),
                        checkpoints: Default::default(),
                    });
                    registry.insert(key, Arc::downgrade(&conns));
                    conns
                }
            }
        };
        if let Some((readers, writer)) = mine {
            readers.close().await;
            writer.close().await;
        }
        Ok(conns)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.conns.readers
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<PoolConnection<Sqlite>, ApiError> {
        self.conns.readers.acquire().await.map_err(internal)
    }

    /// Counts `transactions` write transactions, and starts a background checkpoint when
    /// enough have accumulated and none is running (see [`Checkpoints`]).
    pub(crate) fn wrote(&self, transactions: u32) {
        use std::sync::atomic::Ordering;
        let checkpoints = &self.conns.checkpoints;
        let since = checkpoints.since.fetch_add(transactions, Ordering::Relaxed) + transactions;
        if since < CHECKPOINT_AFTER || checkpoints.running.swap(true, Ordering::AcqRel) {
            return;
        }
        checkpoints.since.store(0, Ordering::Relaxed);
        let conns = self.conns.clone();
        tokio::spawn(async move {
            if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&conns.readers)
                .await
            {
                tracing::warn!(%error, "checkpointing the workspace's WAL failed");
            }
            conns.checkpoints.running.store(false, Ordering::Release);
        });
    }

    /// A write transaction on the process's writer connection for this file, begun with
    /// `BEGIN IMMEDIATE`. Dropping it without commit rolls back.
    pub async fn write(&self) -> Result<Tx, ApiError> {
        self.wrote(1);
        self.conns
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(internal)
    }

    /// The writer connection itself, for a transaction run as raw statements
    /// (see [`booking::request`]); the caller begins and ends the transaction.
    pub(crate) async fn writer_connection(
        &self,
    ) -> Result<sqlx::pool::PoolConnection<Sqlite>, ApiError> {
        self.conns.writer.acquire().await.map_err(internal)
    }

    /// Commits a write transaction.
    pub async fn commit(tx: Tx) -> Result<(), ApiError> {
        tx.commit().await.map_err(internal)
    }

    async fn has_applied_migrations(&self) -> Result<bool, ApiError> {
        let table: Option<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_optional(self.pool())
        .await
        .map_err(internal)?;
        Ok(table.is_some())
    }

    async fn pending_migrations(
        &self,
        migrator: &sqlx::migrate::Migrator,
    ) -> Result<Vec<i64>, ApiError> {
        let applied: Vec<i64> = if self.has_applied_migrations().await? {
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1")
                .fetch_all(self.pool())
                .await
                .map_err(internal)?
        } else {
            Vec::new()
        };
        Ok(migrator
            .iter()
            .filter(|m| m.migration_type.is_up_migration() && !applied.contains(&m.version))
            .map(|m| m.version)
            .collect())
    }

    async fn backup_before(&self, version: i64) -> Result<PathBuf, ApiError> {
        let dir = self
            .path
            .parent()
            .map(|p| p.join("backups"))
            .unwrap_or_else(|| PathBuf::from("backups"));
        std::fs::create_dir_all(&dir)
            .map_err(|e| ApiError::internal(format!("Cannot create the backup folder: {e}")))?;
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
        let target = dir.join(format!("mentordesk-{stamp}-before-{version}.sqlite"));
        let target_text = target.to_string_lossy().to_string();
        sqlx::query("VACUUM INTO ?")
            .bind(&target_text)
            .execute(self.pool())
            .await
            .map_err(internal)?;
        tracing::info!(backup = %target.display(), "workspace backed up before migrating");
        Ok(target)
    }

    /// Closes the file's connections if this is the last `Db` on the file (every `Db` on
    /// it shares them); opening the file again then opens new ones.
    pub async fn close(&self) {
        if Arc::strong_count(&self.conns) > 1 {
            return;
        }
        open_files().retain(|_, c| !std::ptr::eq(c.as_ptr(), Arc::as_ptr(&self.conns)));
        self.conns.readers.close().await;
        self.conns.writer.close().await;
    }
}

/// Maps a database failure to the IPC error. Constraint violations the services
/// did not pre-check become `conflict`; anything else is `internal`.
pub fn internal(e: impl Into<sqlx::Error>) -> ApiError {
    let e: sqlx::Error = e.into();
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            return ApiError::conflict("This already exists.");
        }
        // Raised by the scheduling migration's triggers.
        if db.message().contains("session_overlap") {
            return ApiError::conflict("This time overlaps another session of a participant.");
        }
        // Raised by the conversations migration's trigger on replies to a locked thread.
        if db.message().contains("thread_locked") {
            return mentordesk_core::forum::locked_error();
        }
        if db.message().contains("match_over_capacity") {
            return ApiError::conflict("This mentor has no room for another mentee.");
        }
        if db.message().contains("rating_not_completed") {
            return ApiError::conflict("A session can be rated once it has been completed.");
        }
    }
    // The detail (SQL text, constraint names) goes to the log with an error id; the
    // person sees a plain sentence quoting the id (`ApiError::internal`).
    ApiError::internal(format!("The workspace database failed: {e}"))
}

/// `text` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` taken literally;
/// use it with `LIKE ? ESCAPE '\'`.
pub fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Instants are stored as UTC milliseconds since the Unix epoch.
pub fn to_millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .expect("stored instants are valid millisecond timestamps")
}

/// A new row id: a UUIDv7, so ids of new rows sort by creation time and each insert
/// lands at the end of its primary-key index instead of on a random page of it.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(crate) fn parse_uuid(text: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(text).expect("ids in the workspace are UUIDs written by this app")
}

pub(crate) fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_new_workspace_is_migrated_without_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let (db, report) = Db::open(&dir.path().join("w.sqlite")).await.unwrap();
        assert!(report.created);
        assert!(!report.applied_migrations.is_empty());
        assert!(report.backup.is_none());
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[tokio::test]
    async fn reopening_an_up_to_date_workspace_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite");
        Db::open(&path).await.unwrap().0.close().await;
        let (_, report) = Db::open(&path).await.unwrap();
        assert!(!report.created);
        assert!(report.applied_migrations.is_empty());
        assert!(report.backup.is_none());
    }

    #[tokio::test]
    async fn an_existing_workspace_is_backed_up_before_a_pending_migration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite");
        let (db, _) = Db::open(&path).await.unwrap();
        sqlx::query("INSERT INTO workspace_settings (key, value) VALUES ('marker', 'kept')")
            .execute(db.pool())
            .await
            .unwrap();
        db.close().await;

        // A later release adds a migration: the real ones plus one more.
        let newer = dir.path().join("migrations");
        std::fs::create_dir(&newer).unwrap();
        let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
        for entry in std::fs::read_dir(real).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), newer.join(entry.file_name())).unwrap();
        }
        std::fs::write(
            newer.join("29990101000000_later.sql"),
            "CREATE TABLE later_feature (id TEXT PRIMARY KEY) STRICT;",
        )
        .unwrap();
        let migrator = sqlx::migrate::Migrator::new(newer.as_path()).await.unwrap();

        let (db, report) = Db::open_with(&path, &migrator).await.unwrap();
        assert_eq!(report.applied_migrations, vec![29990101000000]);
        let backup = report.backup.expect("a backup was taken");
        db.close().await;

        let copy = SqlitePool::connect(&format!("sqlite://{}", backup.display()))
            .await
            .unwrap();
        let kept: String =
            sqlx::query_scalar("SELECT value FROM workspace_settings WHERE key = 'marker'")
                .fetch_one(&copy)
                .await
                .unwrap();
        assert_eq!(kept, "kept");
        let later: Option<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'later_feature'")
                .fetch_optional(&copy)
                .await
                .unwrap();
        assert_eq!(later, None, "the backup is the workspace as it was before");
    }
}
