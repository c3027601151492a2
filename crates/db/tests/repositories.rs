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

/// Bookings that arrive together share one transaction: each check sees the sessions
/// the ones before it create, and the overlap triggers still guard the writes.
mod booking_batches {
    use super::*;
    use chrono::{DateTime, Duration};
    use mentordesk_db::booking::{self, Booked, Booking, BookingQuery, BookingState, Requested};
    use mentordesk_shared::ApiError;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 10, hour, 0, 0).unwrap()
    }

    /// A check that refuses any slot overlapping busy time it read, like the real one.
    fn careful(state: &BookingState, q: &BookingQuery) -> Result<Requested, ApiError> {
        let (start, end) = q.slot;
        let overlapping = |rows: &[mentordesk_db::sessions::BusyRow]| {
            rows.iter().any(|r| r.starts_at < end && start < r.ends_at)
        };
        if overlapping(&state.mentor_busy.0) || overlapping(&state.requester_busy.0) {
            return Err(ApiError::conflict("Taken."));
        }
        Ok(Requested {
            title: "Batch".into(),
            agenda: String::new(),
            starts_at: start,
            ends_at: end,
            notify: vec![booking::Notice {
                user: q.mentor,
                kind: mentordesk_shared::conversations::NotificationKind::BookingRequest,
                title: "Asked".into(),
                body: String::new(),
            }],
        })
    }

    fn query(mentee: UserId, mentor: UserId, hour: u32) -> BookingQuery {
        let slot = (at(hour), at(hour) + Duration::hours(1));
        BookingQuery {
            requester: mentee,
            mentor,
            mentor_window: (slot.0 - Duration::days(8), slot.1 + Duration::days(8)),
            slot,
        }
    }

    fn checked(mentee: UserId, mentor: UserId, hour: u32) -> Booking {
        let q = query(mentee, mentor, hour);
        let seen = q.clone();
        Booking {
            query: q,
            decide: Box::new(move |s| careful(s, &seen)),
            now: now(),
        }
    }

    /// A check that approves anything: only the database stands in the way.
    fn unchecked(mentee: UserId, mentor: UserId, hour: u32) -> Booking {
        let q = query(mentee, mentor, hour);
        let slot = q.slot;
        Booking {
            query: q,
            decide: Box::new(move |_| {
                Ok(Requested {
                    title: "Batch".into(),
                    agenda: String::new(),
                    starts_at: slot.0,
                    ends_at: slot.1,
                    notify: Vec::new(),
                })
            }),
            now: now(),
        }
    }

    fn won(b: &Booked) -> bool {
        matches!(b.outcome, Ok(Some(_)))
    }

    async fn stored(db: &Db) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE title = 'Batch'")
            .fetch_one(db.pool())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn each_check_in_a_batch_sees_the_sessions_before_it() {
        let (db, _dir) = db().await;
        let [mentor, other_mentor, ann, bob, cat] = [
            user(&db, "m1@example.org").await,
            user(&db, "m2@example.org").await,
            user(&db, "ann@example.org").await,
            user(&db, "bob@example.org").await,
            user(&db, "cat@example.org").await,
        ];
        // Dan already has 16:00 with the mentor.
        let dan = user(&db, "dan@example.org").await;
        assert!(won(&booking::request(&db, checked(dan, mentor, 16)).await));
        let results = booking::request_batch(
            &db,
            vec![
                checked(ann, mentor, 10),
                // The same slot of the same mentor: the first one holds it.
                checked(bob, mentor, 10),
                // Ann at 10:00 with someone else: she is busy then.
                checked(ann, other_mentor, 10),
                // A refusal in the middle leaves the others alone.
                Booking {
                    query: query(cat, other_mentor, 14),
                    decide: Box::new(|_| Err(ApiError::field("title", "Add a title."))),
                    now: now(),
                },
                checked(bob, mentor, 11),
                checked(cat, other_mentor, 10),
                // Late in the batch, a clash with what was stored before it.
                checked(ann, mentor, 16),
                checked(bob, other_mentor, 16),
            ],
        )
        .await;
        let wins: Vec<bool> = results.iter().map(won).collect();
        assert_eq!(wins, [true, false, false, false, true, true, false, true]);
        // Each check read its own people, whatever its place in the batch.
        let requesters = [ann, bob, ann, cat, bob, cat, ann, bob];
        for (booked, requester) in results.iter().zip(requesters) {
            let state = booked.state.as_ref().unwrap();
            assert_eq!(state.people.requester.as_ref().unwrap().id, requester);
            assert!(state.requester_caller.is_some());
        }
        // The mentor's day as the seventh check saw it: Dan's session from the database,
        // Ann's and Bob's from earlier in the batch.
        assert_eq!(results[6].state.as_ref().unwrap().mentor_busy.0.len(), 3);
        assert_eq!(results[1].outcome.as_ref().unwrap_err().message, "Taken.");
        assert_eq!(
            results[3].outcome.as_ref().unwrap_err().fields[0].field,
            "title"
        );
        // Every booking gets what its check read, including the session before it.
        let bob_state = results[1].state.as_ref().unwrap();
        assert_eq!(bob_state.mentor_busy.0.len(), 2, "Dan's session and Ann's");
        assert_eq!(stored(&db).await, 5);
        // And each stored session has its first history event.
        let events: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM session_events e JOIN sessions s ON s.id = e.session_id \
             WHERE s.title = 'Batch' AND e.action = 'requested'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(events, 5);
        // One notification per stored booking, to its mentor, about the new session.
        let notified: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications n JOIN sessions s ON s.id = n.subject_id \
             WHERE s.title = 'Batch' AND n.user_id = s.mentor_id AND n.kind = 'booking_request'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(notified, 5, "four in the batch and Dan's");
        assert!(results
            .iter()
            .all(|b| b.notified.len() == usize::from(won(b))));
    }

    #[tokio::test]
    async fn when_a_batch_cannot_be_written_each_booking_runs_alone() {
        let (db, _dir) = db().await;
        let [mentor, ann, bob, cat] = [
            user(&db, "m1@example.org").await,
            user(&db, "ann@example.org").await,
            user(&db, "bob@example.org").await,
            user(&db, "cat@example.org").await,
        ];
        // Checks that see nothing let two bookings of one slot through; the triggers
        // refuse the batch, and alone the second one finds the slot taken.
        let results = booking::request_batch(
            &db,
            vec![
                unchecked(ann, mentor, 10),
                unchecked(bob, mentor, 10),
                unchecked(cat, mentor, 12),
            ],
        )
        .await;
        let wins: Vec<bool> = results.iter().map(won).collect();
        assert_eq!(wins, [true, false, true]);
        assert!(
            matches!(results[1].outcome, Ok(None)),
            "refused by the database"
        );
        assert_eq!(stored(&db).await, 2);
    }

    #[tokio::test]
    async fn bookings_arriving_together_each_get_their_own_answer() {
        let (db, _dir) = db().await;
        let mentor = user(&db, "m@example.org").await;
        let mut mentees = Vec::new();
        for i in 0..24 {
            mentees.push(user(&db, &format!("mentee{i}@example.org")).await);
        }
        // Twelve contend for 09:00; twelve take one hour each from 10:00.
        let mut tasks = tokio::task::JoinSet::new();
        for (i, mentee) in mentees.into_iter().enumerate() {
            let db = db.clone();
            let hour = if i % 2 == 0 { 9 } else { 10 + i as u32 / 2 };
            tasks.spawn(async move {
                let b = booking::request(&db, checked(mentee, mentor, hour)).await;
                (hour, won(&b))
            });
        }
        let mut won_at = std::collections::BTreeMap::<u32, usize>::new();
        while let Some(done) = tasks.join_next().await {
            let (hour, won) = done.unwrap();
            *won_at.entry(hour).or_default() += usize::from(won);
        }
        assert_eq!(won_at.len(), 13);
        assert!(won_at.values().all(|&n| n == 1), "{won_at:?}");
        assert_eq!(stored(&db).await, 13);
    }
}

/// Connections, conversations and messages: read state kept by triggers, the search
/// index following edits and deletions, one direct conversation per pair.
mod conversations {
    use super::*;
    use chrono::Duration;
    use mentordesk_db::conversations as repo;
    use mentordesk_shared::conversations::ConnectionStatus;

    #[tokio::test]
    async fn a_rejected_connection_can_be_asked_again_but_a_pair_has_one_row() {
        let (db, _dir) = db().await;
        let (ann, bob) = (
            user(&db, "ann@example.org").await,
            user(&db, "bob@example.org").await,
        );
        let mut tx = db.write().await.unwrap();
        let first = repo::request_connection(&mut tx, ann, bob, now())
            .await
            .unwrap();
        repo::set_connection_status(&mut tx, first, ConnectionStatus::Rejected, now())
            .await
            .unwrap();
        // Bob asks back: the same row, pending again, now from Bob.
        let again = repo::request_connection(&mut tx, bob, ann, now())
            .await
            .unwrap();
        assert_eq!(first, again);
        let c = repo::connection_between(&mut tx, ann, bob)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((c.requester, c.status), (bob, ConnectionStatus::Pending));
        // While pending (or accepted), asking again is refused by the database.
        assert!(repo::request_connection(&mut tx, ann, bob, now())
            .await
            .is_err());
        Db::commit(tx).await.unwrap();
    }

    #[tokio::test]
    async fn unread_counts_follow_messages_reads_and_deletions() {
        let (db, _dir) = db().await;
        let (ann, bob, cat) = (
            user(&db, "ann@example.org").await,
            user(&db, "bob@example.org").await,
            user(&db, "cat@example.org").await,
        );
        let mut tx = db.write().await.unwrap();
        let direct = repo::direct_conversation(&mut tx, ann, bob, now())
            .await
            .unwrap();
        assert_eq!(
            repo::direct_conversation(&mut tx, bob, ann, now())
                .await
                .unwrap(),
            direct,
            "one direct conversation per pair"
        );
        let group = repo::create_group_conversation(&mut tx, "Cohort", ann, &[bob, cat], now())
            .await
            .unwrap();
        let m1 = repo::send(&mut tx, direct, ann, "Meeting notes attached", now())
            .await
            .unwrap();
        repo::send(&mut tx, direct, ann, "See you Tuesday", now())
            .await
            .unwrap();
        repo::send(&mut tx, group, bob, "Hello cohort", now())
            .await
            .unwrap();
        Db::commit(tx).await.unwrap();

        let mut conn = db.read().await.unwrap();
        let counts = |v: Vec<(mentordesk_shared::ids::ConversationId, u32)>| {
            let mut v = v;
            v.sort();
            v
        };
        let mut expect_bob = vec![(direct, 2)];
        expect_bob.sort();
        assert_eq!(
            counts(repo::unread_counts(&mut conn, bob).await.unwrap()),
            expect_bob
        );
        assert_eq!(
            repo::unread_counts(&mut conn, ann).await.unwrap(),
            vec![(group, 1)]
        );
        assert_eq!(
            repo::unread_counts(&mut conn, cat).await.unwrap(),
            vec![(group, 1)]
        );
        drop(conn);

        let mut tx = db.write().await.unwrap();
        repo::delete(&mut tx, m1, now() + Duration::minutes(1))
            .await
            .unwrap();
        Db::commit(tx).await.unwrap();
        let mut conn = db.read().await.unwrap();
        assert_eq!(
            repo::unread_counts(&mut conn, bob).await.unwrap(),
            vec![(direct, 1)]
        );
        // The deleted text is out of the search index; the rest is found by prefix.
        assert!(repo::search(&mut conn, bob, "\"meeting\"*", 10)
            .await
            .unwrap()
            .is_empty());
        let hits = repo::search(&mut conn, bob, "\"tues\"*", 10).await.unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].1, "See you [Tuesday]");
        // Cat is not in the direct conversation: its messages are not hers to find.
        assert!(repo::search(&mut conn, cat, "\"tues\"*", 10)
            .await
            .unwrap()
            .is_empty());
        drop(conn);

        let mut tx = db.write().await.unwrap();
        repo::mark_read(&mut tx, direct, bob).await.unwrap();
        Db::commit(tx).await.unwrap();
        let mut conn = db.read().await.unwrap();
        assert!(repo::unread_counts(&mut conn, bob)
            .await
            .unwrap()
            .is_empty());
        let (page, more) = repo::page(&mut conn, direct, None, 1).await.unwrap();
        assert!(more);
        assert_eq!(page[0].body, "See you Tuesday");
        let (older, more) = repo::page(&mut conn, direct, Some(page[0].id), 10)
            .await
            .unwrap();
        assert!(!more);
        assert!(older[0].deleted && older[0].body.is_empty());
    }

    /// Search keeps to the searcher's conversations both ways it can: naming them in the
    /// full-text query (a few conversations) and walking the newest matches (many).
    #[tokio::test]
    async fn search_finds_the_same_hits_for_few_and_many_conversations() {
        let (db, _dir) = db().await;
        let (ann, bob, cat) = (
            user(&db, "ann@example.org").await,
            user(&db, "bob@example.org").await,
            user(&db, "cat@example.org").await,
        );
        let mut tx = db.write().await.unwrap();
        // Ann is in 40 conversations (more than the search names in its query), Bob in 2.
        let mut sent = Vec::new();
        for i in 0..40 {
            let members = if i < 2 { vec![bob, cat] } else { vec![cat] };
            let c =
                repo::create_group_conversation(&mut tx, &format!("G{i}"), ann, &members, now())
                    .await
                    .unwrap();
            let id = repo::send(&mut tx, c, cat, &format!("Planning round {i}"), now())
                .await
                .unwrap();
            sent.push(id);
        }
        let outside = repo::create_group_conversation(&mut tx, "Not Ann's", cat, &[bob], now())
            .await
            .unwrap();
        repo::send(&mut tx, outside, cat, "Planning elsewhere", now())
            .await
            .unwrap();
        // An edited and a deleted message leave the index consistent.
        repo::edit(&mut tx, sent[39], "Plans changed", now())
            .await
            .unwrap();
        repo::delete(&mut tx, sent[38], now()).await.unwrap();
        Db::commit(tx).await.unwrap();

        let mut conn = db.read().await.unwrap();
        let hits = repo::search(&mut conn, ann, "\"plan\"*", 50).await.unwrap();
        assert_eq!(
            hits.len(),
            39,
            "40 sent, one deleted; none of others' conversations"
        );
        let ids: Vec<i64> = hits.iter().map(|(m, _)| m.id).collect();
        let mut newest_first: Vec<i64> = sent.iter().copied().filter(|&i| i != sent[38]).collect();
        newest_first.reverse();
        assert_eq!(ids, newest_first);
        assert_eq!(hits[0].1, "[Plans] changed");
        let first_ten = repo::search(&mut conn, ann, "\"plan\"*", 10).await.unwrap();
        assert_eq!(first_ten.len(), 10);
        assert_eq!(first_ten[9].0.id, newest_first[9]);
        let bobs = repo::search(&mut conn, bob, "\"planning\"*", 50)
            .await
            .unwrap();
        let bob_ids: Vec<i64> = bobs.iter().map(|(m, _)| m.id).collect();
        assert_eq!(
            bob_ids.len(),
            3,
            "his two with Ann, and the one without her"
        );
        assert!(bob_ids.contains(&sent[0]) && bob_ids.contains(&sent[1]));
        assert!(repo::search(&mut conn, cat, "\"round\" \"elsewhere\"", 50)
            .await
            .unwrap()
            .is_empty());
    }

    #[tokio::test]
    async fn the_database_refuses_empty_and_over_long_messages() {
        let (db, _dir) = db().await;
        let (ann, bob) = (
            user(&db, "ann@example.org").await,
            user(&db, "bob@example.org").await,
        );
        let mut tx = db.write().await.unwrap();
        let c = repo::direct_conversation(&mut tx, ann, bob, now())
            .await
            .unwrap();
        assert!(repo::send(&mut tx, c, ann, "", now()).await.is_err());
        assert!(repo::send(&mut tx, c, ann, &"x".repeat(2001), now())
            .await
            .is_err());
        assert!(repo::send(&mut tx, c, ann, &"x".repeat(2000), now())
            .await
            .is_ok());
    }
}
