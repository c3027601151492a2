//! The Mentordesk API: every command the app offers, as one service that the Tauri
//! shell, the tests and the demo loader all call.
//!
//! Each command starts by asking [`Mentordesk::authorize`] for the caller, which
//! checks the backend-held session (sign-out and the inactivity timeout end it),
//! re-reads the account's roles, and applies the core's policy table. Validation
//! comes from the core; every write runs in one `BEGIN IMMEDIATE` transaction.

mod accounts;
mod admin;
mod applications;
mod appointments;
mod certificates;
mod conversations;
pub mod demo;
mod demo_programmes;
mod files;
mod groups;
mod imports;
mod notifications;
mod oversight;
mod people;
mod profiles;
mod programme_work;
mod programmes;
mod scheduling;
mod sessions;

pub use notifications::Published;

use chrono::{DateTime, Duration, Utc};
use mentordesk_core::clock::{Clock, SystemClock};
use mentordesk_core::policy::{self, Command};
use mentordesk_db::accounts as users_repo;
use mentordesk_db::Db;
use mentordesk_shared::access::Permission;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::ApiError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use files::FileStore;
pub use imports::IMPORT_CHUNK;
pub use mentordesk_core::policy::Command as ApiCommand;

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// After this long without a command, the backend signs the user out.
pub const DEFAULT_INACTIVITY_MINUTES: u32 = 30;

/// The signed-in state, held only in the backend.
#[derive(Debug, Clone, Copy)]
struct Session {
    user: UserId,
    last_seen: DateTime<Utc>,
}

/// Who is calling a command, as far as the policy is concerned.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserId,
    pub permissions: Vec<Permission>,
}

impl Actor {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

pub struct Mentordesk {
    db: Db,
    files: FileStore,
    clock: Arc<dyn Clock>,
    session: Mutex<Option<Session>>,
    inactivity: Duration,
    /// Where documents an admin saves go (the platform's Downloads folder in the app).
    downloads_dir: PathBuf,
    /// Notifications as they are stored, for whoever shows them (see [`Mentordesk::subscribe`]).
    events: tokio::sync::broadcast::Sender<Published>,
    /// Progress of running imports (see [`Mentordesk::subscribe_import_progress`]).
    import_progress: tokio::sync::broadcast::Sender<mentordesk_shared::imports::ImportProgress>,
    /// Who this device reminds: the last person who signed in here and has not signed
    /// out (an inactivity timeout locks the app but keeps their reminders coming).
    reminder_person: Mutex<Option<UserId>>,
    /// Whether native notifications can be shown (set by the shell).
    native_status: Mutex<mentordesk_shared::conversations::NativeStatus>,
}

impl Mentordesk {
    /// Opens the workspace in `data_dir` (creating it), migrates it and syncs the built-in roles.
    pub async fn open(data_dir: &Path) -> Result<Self> {
        Self::open_with_clock(data_dir, Arc::new(SystemClock)).await
    }

    pub async fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let (db, report) = Db::open(&data_dir.join("mentordesk.sqlite")).await?;
        if !report.applied_migrations.is_empty() {
            tracing::info!(migrations = ?report.applied_migrations, backup = ?report.backup, "workspace migrated");
        }
        let mut tx = db.write().await?;
        users_repo::sync_builtin_roles(&mut tx, clock.now()).await?;
        let reminder_person = notifications::stored_reminder_person(&mut tx).await?;
        Db::commit(tx).await?;
        Ok(Mentordesk {
            db,
            files: FileStore::new(data_dir.to_path_buf()),
            clock,
            session: Mutex::new(None),
            inactivity: Duration::minutes(i64::from(DEFAULT_INACTIVITY_MINUTES)),
            downloads_dir: data_dir.join("downloads"),
            events: tokio::sync::broadcast::channel(256).0,
            import_progress: tokio::sync::broadcast::channel(256).0,
            reminder_person: Mutex::new(reminder_person),
            native_status: Mutex::new(mentordesk_shared::conversations::NativeStatus::Unavailable(
                "Not checked yet.".into(),
            )),
        })
    }

    /// Changes the inactivity timeout (tests, and a later setting).
    pub fn with_inactivity(mut self, minutes: u32) -> Self {
        self.inactivity = Duration::minutes(i64::from(minutes.max(1)));
        self
    }

    /// Sets the folder saved documents go to (the shell passes the user's Downloads folder).
    pub fn with_downloads_dir(mut self, dir: PathBuf) -> Self {
        self.downloads_dir = dir;
        self
    }

    pub fn data_dir(&self) -> &Path {
        self.files.root()
    }

    pub fn database_path(&self) -> PathBuf {
        self.db.path().to_path_buf()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The time on this instance's clock (injected in tests).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn current_session(&self) -> Option<Session> {
        *self
            .session
            .lock()
            .expect("session mutex is never poisoned")
    }

    fn set_session(&self, session: Option<Session>) {
        *self
            .session
            .lock()
            .expect("session mutex is never poisoned") = session;
    }

    /// The caller of `command`, after checking the session and the policy table.
    /// Public commands get `Ok(None)` when nobody is signed in.
    async fn authorize(&self, command: Command) -> Result<Option<Actor>> {
        let Some(user) = self.signed_in_user(command)? else {
            return Ok(None);
        };
        let caller = {
            let mut conn = self.db.read().await?;
            users_repo::caller(&mut conn, user).await?
        };
        self.admit(command, user, caller).map(Some)
    }

    /// The signed-in user by the backend-held session (ending it after inactivity), or
    /// `None` for a public command called while signed out.
    fn signed_in_user(&self, command: Command) -> Result<Option<UserId>> {
        let now = self.now();
        let session = match self.current_session() {
            Some(s) if now - s.last_seen >= self.inactivity => {
                self.set_session(None);
                if policy::Command::access(command) == policy::Access::Public {
                    None
                } else {
                    return Err(ApiError::unauthenticated(format!(
                        "You were signed out after {} minutes without activity. Please sign in again.",
                        self.inactivity.num_minutes()
                    )));
                }
            }
            other => other,
        };
        match session {
            Some(s) => Ok(Some(s.user)),
            None => {
                policy::authorize(command, None)?;
                Ok(None)
            }
        }
    }

    /// The policy check for a signed-in `user`, given what the database says of them
    /// (`users_repo::caller`): active, and holding the command's permission.
    fn admit(
        &self,
        command: Command,
        user: UserId,
        caller: Option<(bool, Vec<Permission>)>,
    ) -> Result<Actor> {
        match admission(command, caller) {
            Ok(permissions) => {
                self.set_session(Some(Session {
                    user,
                    last_seen: self.now(),
                }));
                Ok(Actor { user, permissions })
            }
            Err(e) => {
                if e.code == mentordesk_shared::ErrorCode::Unauthenticated {
                    self.set_session(None);
                }
                Err(e)
            }
        }
    }

    /// Like [`Self::authorize`] for commands that need a signed-in caller.
    async fn require(&self, command: Command) -> Result<Actor> {
        self.authorize(command)
            .await?
            .ok_or_else(|| ApiError::unauthenticated("Please sign in first."))
    }
}

/// [`Mentordesk::admit`]'s decision without its effect on the backend session: the
/// caller's permissions if their account is active and holds `command`'s permission.
fn admission(command: Command, caller: Option<(bool, Vec<Permission>)>) -> Result<Vec<Permission>> {
    let Some((true, permissions)) = caller else {
        return Err(ApiError::unauthenticated(
            "Your account is no longer active. Contact your administrator.",
        ));
    };
    policy::authorize(command, Some(&permissions))?;
    Ok(permissions)
}

/// Runs CPU-heavy work (password hashing, image resizing) off the async runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("A background task failed: {e}")))?
}
