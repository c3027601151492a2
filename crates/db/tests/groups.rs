//! The groups repository against a real temp SQLite file with the real migrations:
//! member counts, reply counts and last activity kept by triggers, and what the database
//! refuses on its own (joining twice, a duplicate name, a reply to a locked thread).

use chrono::{Duration, TimeZone, Utc};
use mentordesk_db::groups as repo;
use mentordesk_db::{accounts, profiles, Db};
use mentordesk_shared::accounts::SignUpIntent;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::ErrorCode;

async fn db() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = Db::open(&dir.path().join("w.sqlite")).await.unwrap();
    (db, dir)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap()
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
async fn member_counts_follow_joins_and_leaves_and_joining_twice_is_refused() {
    let (db, _dir) = db().await;
    let (pat, ann) = (
        user(&db, "pat@example.org").await,
        user(&db, "ann@example.org").await,
    );
    let mut tx = db.write().await.unwrap();
    let g = repo::create(&mut tx, "Working parents", "", pat, now())
        .await
        .unwrap();
    repo::join(&mut tx, g, ann, now()).await.unwrap();
    let err = repo::join(&mut tx, g, ann, now()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let dup = repo::create(&mut tx, "WORKING parents", "", ann, now())
        .await
        .unwrap_err();
    assert!(dup.field_message("name").is_some(), "{dup:?}");
    assert!(repo::name_taken(&mut tx, "working Parents").await.unwrap());
    Db::commit(tx).await.unwrap();

    let mut conn = db.read().await.unwrap();
    let seen = repo::group(&mut conn, g, ann).await.unwrap().unwrap();
    assert_eq!((seen.member_count, seen.joined), (2, true));
    drop(conn);

    let mut tx = db.write().await.unwrap();
    assert!(repo::leave(&mut tx, g, ann).await.unwrap());
    assert!(!repo::leave(&mut tx, g, ann).await.unwrap());
    Db::commit(tx).await.unwrap();
    let mut conn = db.read().await.unwrap();
    let seen = repo::group(&mut conn, g, ann).await.unwrap().unwrap();
    assert_eq!((seen.member_count, seen.joined), (1, false));
}

#[tokio::test]
async fn threads_and_replies_keep_counts_and_activity_and_locked_threads_refuse_replies() {
    let (db, _dir) = db().await;
    let (pat, ann) = (
        user(&db, "pat@example.org").await,
        user(&db, "ann@example.org").await,
    );
    let mut tx = db.write().await.unwrap();
    let g = repo::create(&mut tx, "Working parents", "", pat, now())
        .await
        .unwrap();
    let posted = now() + Duration::hours(1);
    let t = repo::create_thread(&mut tx, g, ann, "Back after leave", "Hello", posted)
        .await
        .unwrap();
    assert_eq!(
        repo::group(&mut tx, g, ann)
            .await
            .unwrap()
            .unwrap()
            .last_active_at,
        posted,
        "a new thread is activity"
    );
    let replied = posted + Duration::hours(1);
    let r1 = repo::add_reply(&mut tx, t, pat, "Welcome", replied)
        .await
        .unwrap();
    repo::add_reply(&mut tx, t, ann, "Thanks", replied)
        .await
        .unwrap();
    let thread = repo::thread(&mut tx, t).await.unwrap().unwrap();
    assert_eq!((thread.reply_count, thread.last_reply_at), (2, replied));
    assert_eq!(
        repo::group(&mut tx, g, ann)
            .await
            .unwrap()
            .unwrap()
            .last_active_at,
        replied
    );

    // The database refuses a reply to a locked thread whoever sends it.
    repo::set_flags(&mut tx, t, true, true).await.unwrap();
    let err = repo::add_reply(&mut tx, t, pat, "Late", replied)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("locked"), "{err:?}");

    repo::delete_reply(&mut tx, r1).await.unwrap();
    let thread = repo::thread(&mut tx, t).await.unwrap().unwrap();
    assert_eq!(
        (thread.reply_count, thread.pinned, thread.locked),
        (1, true, true)
    );
    assert_eq!(repo::replies(&mut tx, t).await.unwrap().len(), 1);

    // Empty and over-long posts never reach the table.
    assert!(repo::create_thread(&mut tx, g, ann, "", "x", now())
        .await
        .is_err());
    assert!(
        repo::create_thread(&mut tx, g, ann, &"t".repeat(121), "x", now())
            .await
            .is_err()
    );
    assert!(
        repo::create_thread(&mut tx, g, ann, "t", &"x".repeat(5001), now())
            .await
            .is_err()
    );

    repo::delete_thread(&mut tx, t).await.unwrap();
    assert!(repo::replies(&mut tx, t).await.unwrap().is_empty());
    Db::commit(tx).await.unwrap();
}

#[tokio::test]
async fn threads_page_pinned_first_then_by_activity_and_search_takes_wildcards_literally() {
    let (db, _dir) = db().await;
    let pat = user(&db, "pat@example.org").await;
    let mut tx = db.write().await.unwrap();
    let g = repo::create(&mut tx, "100% parents", "", pat, now())
        .await
        .unwrap();
    repo::create(
        &mut tx,
        "Career changers",
        "",
        pat,
        now() + Duration::hours(1),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        let at = now() + Duration::minutes(n);
        ids.push(
            repo::create_thread(&mut tx, g, pat, &format!("T{n}"), "x", at)
                .await
                .unwrap(),
        );
    }
    repo::set_flags(&mut tx, ids[0], true, false).await.unwrap();
    Db::commit(tx).await.unwrap();

    let mut conn = db.read().await.unwrap();
    let (first, more) = repo::threads(&mut conn, g, 0, 2).await.unwrap();
    assert!(more);
    assert_eq!(
        first.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![ids[0], ids[2]]
    );
    let (rest, more) = repo::threads(&mut conn, g, 2, 2).await.unwrap();
    assert!(!more);
    assert_eq!(rest[0].id, ids[1]);

    let names =
        |groups: Vec<repo::GroupRecord>| groups.into_iter().map(|g| g.name).collect::<Vec<_>>();
    assert_eq!(
        names(repo::list(&mut conn, pat, None).await.unwrap()),
        vec!["Career changers", "100% parents"]
    );
    assert_eq!(
        names(repo::list(&mut conn, pat, Some("0%")).await.unwrap()),
        vec!["100% parents"]
    );
    assert!(repo::list(&mut conn, pat, Some("_"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        names(repo::list(&mut conn, pat, Some("CAREER")).await.unwrap()),
        vec!["Career changers"]
    );
}
