//! Test workspaces: a real SQLite file with the real migrations in a temp dir.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::ManualClock;
use mentordesk_shared::accounts::{CreateFirstAdmin, SignIn, SignUp, SignUpIntent};
use mentordesk_shared::ids::UserId;
use std::path::Path;
use std::sync::Arc;

pub const PASSWORD: &str = "violet harbour lamp";

pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub clock: Arc<ManualClock>,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

impl Workspace {
    pub fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
            clock: Arc::new(ManualClock::new(
                Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            )),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Another app instance on the same workspace (another window or user).
    pub async fn open(&self) -> Mentordesk {
        Mentordesk::open_with_clock(self.path(), self.clock.clone())
            .await
            .expect("open workspace")
    }

    /// A workspace with its first admin signed in.
    pub async fn with_admin() -> (Workspace, Mentordesk) {
        let ws = Workspace::new();
        let admin = ws.open().await;
        admin
            .accounts_create_first_admin(CreateFirstAdmin {
                email: "admin@example.org".into(),
                password: PASSWORD.into(),
                first_name: "Ada".into(),
                last_name: "Admin".into(),
            })
            .await
            .expect("first admin");
        (ws, admin)
    }

    /// Signs up a mentee on a fresh instance and returns it with the new user's id.
    pub async fn mentee(&self, email: &str) -> (Mentordesk, UserId) {
        let app = self.open().await;
        let me = app
            .accounts_sign_up(SignUp {
                email: email.into(),
                password: PASSWORD.into(),
                first_name: "Mina".into(),
                last_name: email.split('@').next().unwrap().into(),
                intent: SignUpIntent::Mentee,
                time_zone: Some("Europe/London".into()),
            })
            .await
            .expect("sign up");
        (app, me.user_id)
    }

    pub async fn sign_in(&self, email: &str) -> Mentordesk {
        let app = self.open().await;
        app.accounts_sign_in(SignIn {
            email: email.into(),
            password: PASSWORD.into(),
        })
        .await
        .expect("sign in");
        app
    }
}

pub async fn count(app: &Mentordesk, table: &str) -> i64 {
    sqlx_count(app, &format!("SELECT COUNT(*) FROM {table}")).await
}

pub async fn sqlx_count(app: &Mentordesk, sql: &str) -> i64 {
    let mut conn = app.db().read().await.unwrap();
    mentordesk_db_count(&mut conn, sql).await
}

async fn mentordesk_db_count(conn: &mut mentordesk_db::SqliteConnection, sql: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(sql)
        .fetch_one(conn)
        .await
        .expect("count query")
        .get::<i64, _>(0)
}
