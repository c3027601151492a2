//! Test workspaces: a real SQLite file with the real migrations in a temp dir.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::ManualClock;
use mentordesk_shared::accounts::{CreateFirstAdmin, SignIn, SignUp, SignUpIntent};
use mentordesk_shared::admin::SetUserRoles;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::scheduling::{Availability, BookingSettings, WeeklyRange};
use std::path::Path;
use std::sync::Arc;

pub const PASSWORD: &str = "violet harbour lamp";

/// An inactivity timeout no test reaches.
pub const FOREVER: u32 = 10_000_000;

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

/// A workspace with its admin, where people with built-in roles join.
pub struct Org {
    pub ws: Workspace,
    pub admin: Mentordesk,
}

impl Org {
    pub async fn new() -> Org {
        let (ws, admin) = Workspace::with_admin().await;
        Org {
            ws,
            admin: admin.with_inactivity(FOREVER),
        }
    }

    /// A new account in London holding the built-in roles `roles`, signed in on its own
    /// instance.
    pub async fn person(&self, email: &str, roles: &[&str]) -> (Mentordesk, UserId) {
        self.person_in(email, "Europe/London", roles).await
    }

    /// A new account in `zone` holding the built-in roles `roles`, signed in on its own
    /// instance.
    pub async fn person_in(&self, email: &str, zone: &str, roles: &[&str]) -> (Mentordesk, UserId) {
        let app = self.ws.open().await.with_inactivity(FOREVER);
        let me = app
            .accounts_sign_up(SignUp {
                email: email.into(),
                password: PASSWORD.into(),
                first_name: email.split('@').next().unwrap().into(),
                last_name: "Tester".into(),
                intent: SignUpIntent::Mentee,
                time_zone: Some(zone.into()),
            })
            .await
            .expect("sign up");
        let all = self.admin.roles_list().await.unwrap();
        let role_ids = all
            .iter()
            .filter(|r| roles.contains(&r.key.as_str()))
            .map(|r| r.id)
            .collect();
        self.admin
            .users_set_roles(SetUserRoles {
                user_id: me.user_id,
                role_ids,
            })
            .await
            .unwrap();
        (app, me.user_id)
    }
}

/// Weekdays 09:00–17:00 in `zone`, sessions of `durations` minutes starting on the
/// hour, no notice, 8 weeks ahead.
pub fn office_hours(zone: &str, durations: &[u16]) -> Availability {
    use chrono::Weekday;
    Availability {
        time_zone: zone.into(),
        weekly: [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|weekday| WeeklyRange {
            weekday,
            start: 9 * 60,
            end: 17 * 60,
        })
        .collect(),
        exceptions: vec![],
        settings: BookingSettings {
            durations: durations.to_vec(),
            min_notice_minutes: 0,
            horizon_days: 56,
            step_minutes: 60,
            ..BookingSettings::default()
        },
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
