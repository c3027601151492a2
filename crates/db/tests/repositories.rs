//! Repositories against a real temp SQLite file with the real migrations: the
//! database itself refuses what the rules forbid, even if a caller forgets.

use chrono::{TimeZone, Utc};
use mentordesk_db::{accounts, applications, blocks, profiles, Db};
use mentordesk_shared::accounts::SignUpIntent;
use mentordesk_shared::admin::{ApplicationRole, ApplicationSubmit};
use mentordesk_shared::ids::{ApplicationId, UserId};
use mentordesk_shared::ErrorCode;

async fn db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = Db::open(&dir.path().join("w.sqlite")).await.unwrap();
    (db, dir)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

async fn user(db: &Db, email: &str) -> UserId {
    let id = UserId(uuid::Uuid::new_v4());
    let mut tx = db.write().await.unwrap();
    accounts::insert_user(
        &mut tx,
        &accounts::NewUser {
            id,
            email,
            email_key: &email.to_lowercase(),
            password_hash: "x",
            intent: SignUpIntent::Mentee,
            now: now(),
        },
    )
    .await
    .unwrap();
    profiles::insert_profile(&mut tx, id, "Test", "User", "UTC", now())
        .await
        .unwrap();
    Db::commit(tx).await.unwrap();
    id
}

#[tokio::test]
async fn the_database_keeps_emails_unique_ignoring_case() {
    let (db, _dir) = db().await;
    user(&db, "Sam@Example.org").await;
    let mut tx = db.write().await.unwrap();
    let err = accounts::insert_user(
        &mut tx,
        &accounts::NewUser {
            id: UserId(uuid::Uuid::new_v4()),
            email: "sam@example.ORG",
            email_key: "sam@example.org",
            password_hash: "x",
            intent: SignUpIntent::Mentee,
            now: now(),
        },
    )
    .await
    .unwrap_err();
    assert!(err.field_message("email").is_some());
}

#[tokio::test]
async fn the_database_refuses_a_bio_over_1000_characters_and_self_blocks() {
    let (db, _dir) = db().await;
    let id = user(&db, "a@example.org").await;
    let mut conn = db.write().await.unwrap();
    let mut fields = profiles::get_profile(&mut conn, id)
        .await
        .unwrap()
        .unwrap()
        .fields;
    fields.bio = "é".repeat(1000);
    profiles::update_profile(&mut conn, id, &fields, now())
        .await
        .unwrap();
    fields.bio = "é".repeat(1001);
    assert_eq!(
        profiles::update_profile(&mut conn, id, &fields, now())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Internal
    );
    assert!(blocks::add(&mut conn, id, id, now()).await.is_err());
}

#[tokio::test]
async fn one_pending_application_per_person_and_role() {
    let (db, _dir) = db().await;
    let id = user(&db, "a@example.org").await;
    let app = ApplicationSubmit {
        role: ApplicationRole::Mentor,
        motivation: "m".into(),
        ..Default::default()
    };
    let mut tx = db.write().await.unwrap();
    applications::insert(
        &mut tx,
        ApplicationId(uuid::Uuid::new_v4()),
        id,
        &app,
        None,
        now(),
    )
    .await
    .unwrap();
    let err = applications::insert(
        &mut tx,
        ApplicationId(uuid::Uuid::new_v4()),
        id,
        &app,
        None,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let manager = ApplicationSubmit {
        role: ApplicationRole::ProgrammeManager,
        ..app
    };
    applications::insert(
        &mut tx,
        ApplicationId(uuid::Uuid::new_v4()),
        id,
        &manager,
        None,
        now(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn builtin_roles_are_synced_idempotently_from_the_policy_table() {
    let (db, _dir) = db().await;
    for _ in 0..2 {
        let mut tx = db.write().await.unwrap();
        accounts::sync_builtin_roles(&mut tx, now()).await.unwrap();
        Db::commit(tx).await.unwrap();
    }
    let mut conn = db.read().await.unwrap();
    let roles = accounts::list_roles(&mut conn).await.unwrap();
    assert_eq!(roles.len(), 5);
    let admin = roles.iter().find(|r| r.key == "admin").unwrap();
    assert_eq!(
        admin.permissions.len(),
        mentordesk_shared::access::Permission::ALL.len()
    );
    let new_parent = roles.iter().find(|r| r.key == "new_parent").unwrap();
    assert!(new_parent.builtin);
}
