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

mod scheduling {
    use super::*;
    use chrono::{Duration, NaiveDate, Weekday};
    use mentordesk_db::sessions::{self, NewSession};
    use mentordesk_shared::scheduling::*;
    use mentordesk_shared::sessions::SessionRole;

    fn new<'a>(
        mentor: UserId,
        mentee: UserId,
        start: chrono::DateTime<Utc>,
        minutes: i64,
        status: SessionStatus,
    ) -> NewSession<'a> {
        NewSession {
            mentor,
            mentee,
            title: "Chat",
            agenda: "",
            starts_at: start,
            ends_at: start + Duration::minutes(minutes),
            status,
            meeting_link: "",
            created_by: mentee,
        }
    }

    #[tokio::test]
    async fn availability_round_trips_and_is_replaced_whole() {
        let (db, _dir) = db().await;
        let mentor = user(&db, "m@example.org").await;
        let a = Availability {
            time_zone: "Australia/Lord_Howe".into(),
            weekly: vec![
                WeeklyRange {
                    weekday: Weekday::Mon,
                    start: 540,
                    end: 720,
                },
                WeeklyRange {
                    weekday: Weekday::Sun,
                    start: 1320,
                    end: 1440,
                },
            ],
            exceptions: vec![DateException {
                date: NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
                kind: ExceptionKind::Unavailable,
                start: 0,
                end: 1440,
            }],
            settings: BookingSettings {
                durations: vec![30, 90],
                daily_cap: Some(4),
                ..BookingSettings::default()
            },
        };
        let mut tx = db.write().await.unwrap();
        sessions::save_availability(&mut tx, mentor, &a, now())
            .await
            .unwrap();
        Db::commit(tx).await.unwrap();
        let mut conn = db.read().await.unwrap();
        let (read, at) = sessions::get_availability(&mut conn, mentor)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read, a);
        assert_eq!(at, now());
        drop(conn);
        let fewer = Availability {
            weekly: vec![],
            exceptions: vec![],
            ..a
        };
        let mut tx = db.write().await.unwrap();
        sessions::save_availability(&mut tx, mentor, &fewer, now())
            .await
            .unwrap();
        Db::commit(tx).await.unwrap();
        let mut conn = db.read().await.unwrap();
        assert_eq!(
            sessions::get_availability(&mut conn, mentor)
                .await
                .unwrap()
                .unwrap()
                .0,
            fewer
        );
    }

    #[tokio::test]
    async fn overlapping_time_is_refused_for_either_participant_on_insert_and_move() {
        let (db, _dir) = db().await;
        let mentor = user(&db, "m@example.org").await;
        let a = user(&db, "a@example.org").await;
        let b = user(&db, "b@example.org").await;
        let other_mentor = user(&db, "o@example.org").await;
        let t = now() + Duration::days(1);
        let mut tx = db.write().await.unwrap();
        let first = sessions::insert(
            &mut tx,
            &new(mentor, a, t, 60, SessionStatus::Confirmed),
            now(),
        )
        .await
        .unwrap()
        .unwrap();
        // The same mentor, overlapping: refused. The same mentee with another mentor: refused too.
        assert!(sessions::insert(
            &mut tx,
            &new(
                mentor,
                b,
                t + Duration::minutes(59),
                30,
                SessionStatus::Requested
            ),
            now()
        )
        .await
        .unwrap()
        .is_none());
        assert!(sessions::insert(
            &mut tx,
            &new(
                other_mentor,
                a,
                t - Duration::minutes(30),
                60,
                SessionStatus::Proposed
            ),
            now()
        )
        .await
        .unwrap()
        .is_none());
        // Declined and cancelled sessions hold no time.
        assert!(sessions::insert(
            &mut tx,
            &new(mentor, b, t, 60, SessionStatus::Declined),
            now()
        )
        .await
        .unwrap()
        .is_some());
        let later = sessions::insert(
            &mut tx,
            &new(
                mentor,
                b,
                t + Duration::hours(2),
                60,
                SessionStatus::Requested,
            ),
            now(),
        )
        .await
        .unwrap()
        .unwrap();
        // Moving the later one onto the first is refused; moving it elsewhere is fine.
        assert!(!sessions::update_state(
            &mut tx,
            later,
            SessionStatus::Confirmed,
            t + Duration::minutes(30),
            t + Duration::minutes(90),
            None,
            now()
        )
        .await
        .unwrap());
        assert!(sessions::update_state(
            &mut tx,
            later,
            SessionStatus::Confirmed,
            t + Duration::hours(1),
            t + Duration::hours(2),
            None,
            now()
        )
        .await
        .unwrap());
        // Cancelling the first frees its time.
        assert!(sessions::update_state(
            &mut tx,
            first,
            SessionStatus::Cancelled,
            t,
            t + Duration::hours(1),
            None,
            now()
        )
        .await
        .unwrap());
        assert!(sessions::insert(
            &mut tx,
            &new(other_mentor, a, t, 60, SessionStatus::Requested),
            now()
        )
        .await
        .unwrap()
        .is_some());
        // The schema refuses sessions shorter than 30 minutes or with oneself.
        let err = sessions::insert(
            &mut tx,
            &new(
                mentor,
                b,
                t + Duration::days(2),
                10,
                SessionStatus::Requested,
            ),
            now(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
        let err = sessions::insert(
            &mut tx,
            &new(
                mentor,
                mentor,
                t + Duration::days(3),
                30,
                SessionStatus::Requested,
            ),
            now(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
    }

    #[tokio::test]
    async fn ratings_only_for_completed_sessions_and_once_per_rater() {
        let (db, _dir) = db().await;
        let mentor = user(&db, "m@example.org").await;
        let mentee = user(&db, "a@example.org").await;
        let t = now() - Duration::days(1);
        let mut tx = db.write().await.unwrap();
        let id = sessions::insert(
            &mut tx,
            &new(mentor, mentee, t, 60, SessionStatus::Confirmed),
            now(),
        )
        .await
        .unwrap()
        .unwrap();
        let err = sessions::add_rating(
            &mut tx,
            id,
            mentee,
            mentor,
            SessionRole::Mentee,
            5,
            "",
            now(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        sessions::update_state(
            &mut tx,
            id,
            SessionStatus::Completed,
            t,
            t + Duration::hours(1),
            None,
            now(),
        )
        .await
        .unwrap();
        sessions::add_rating(
            &mut tx,
            id,
            mentee,
            mentor,
            SessionRole::Mentee,
            5,
            "Great",
            now(),
        )
        .await
        .unwrap();
        let err = sessions::add_rating(
            &mut tx,
            id,
            mentee,
            mentor,
            SessionRole::Mentee,
            3,
            "",
            now(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        sessions::add_rating(
            &mut tx,
            id,
            mentor,
            mentee,
            SessionRole::Mentor,
            4,
            "",
            now(),
        )
        .await
        .unwrap();
        let summary = sessions::mentor_rating(&mut tx, mentor).await.unwrap();
        assert_eq!((summary.count, summary.total), (1, 5));
    }
}
