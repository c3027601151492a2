//! Support groups and their forum through the real API on a real SQLite file: joining
//! and leaving with member counts and last activity, threads and replies from members
//! only, locked threads, moderation by managers and admins, and bad input that changes
//! nothing.

#[path = "support/workspace.rs"]
mod common;

use chrono::Duration;
use common::{count, sqlx_count, Workspace};
use mentordesk_api::Mentordesk;
use mentordesk_core::clock::Clock;
use mentordesk_shared::admin::SetUserRoles;
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::{GroupId, ThreadId, UserId};
use mentordesk_shared::ErrorCode;

struct Forum {
    ws: Workspace,
    admin: Mentordesk,
    /// A programme manager: creates groups and moderates.
    manager: (Mentordesk, UserId),
    ann: (Mentordesk, UserId),
    bob: (Mentordesk, UserId),
}

async fn forum() -> Forum {
    let (ws, admin) = Workspace::with_admin().await;
    let manager = ws.mentee("pat@example.org").await;
    let roles = admin.roles_list().await.unwrap();
    let role = roles
        .iter()
        .find(|r| r.key == "programme_manager")
        .unwrap()
        .id;
    admin
        .users_set_roles(SetUserRoles {
            user_id: manager.1,
            role_ids: vec![role],
        })
        .await
        .unwrap();
    let ann = ws.mentee("ann@example.org").await;
    let bob = ws.mentee("bob@example.org").await;
    Forum {
        ws,
        admin,
        manager,
        ann,
        bob,
    }
}

async fn create_group(app: &Mentordesk, name: &str) -> GroupSummary {
    app.groups_create(NewGroup {
        name: name.into(),
        description: "People returning from parental leave.".into(),
    })
    .await
    .unwrap()
}

async fn join(app: &Mentordesk, group: GroupId) -> GroupSummary {
    app.groups_join(GroupTarget { id: group }).await.unwrap()
}

async fn post(app: &Mentordesk, group: GroupId, title: &str) -> ThreadSummary {
    app.threads_create(NewThread {
        group_id: group,
        title: title.into(),
        body: "What helped you most in the first weeks back?".into(),
    })
    .await
    .unwrap()
}

async fn reply(app: &Mentordesk, thread: ThreadId, body: &str) -> Reply {
    app.threads_reply(NewReply {
        thread_id: thread,
        body: body.into(),
    })
    .await
    .unwrap()
}

async fn detail(app: &Mentordesk, thread: ThreadId) -> ThreadDetail {
    app.threads_get(ThreadTarget { id: thread }).await.unwrap()
}

async fn threads_of(app: &Mentordesk, group: GroupId) -> ThreadPage {
    app.threads_list(ThreadQuery {
        group_id: group,
        offset: None,
        limit: None,
    })
    .await
    .unwrap()
}

async fn moderate(app: &Mentordesk, thread: ThreadId, action: Moderation) -> ThreadSummary {
    app.threads_moderate(ThreadModeration {
        thread_id: thread,
        action,
    })
    .await
    .unwrap()
}

/// Everything a forum command could have written.
async fn rows(app: &Mentordesk) -> [i64; 5] {
    [
        count(app, "community_groups").await,
        count(app, "group_members").await,
        count(app, "forum_threads").await,
        count(app, "forum_replies").await,
        count(app, "notifications").await,
    ]
}

#[tokio::test]
async fn members_join_and_leave_with_member_counts_and_joining_twice_writes_nothing() {
    let f = forum().await;
    let created_at = f.ws.clock.now();
    let group = create_group(&f.manager.0, "Working parents").await;
    assert_eq!((group.member_count, group.joined), (1, true));
    assert_eq!(group.last_active_at, created_at);

    let joined = join(&f.ann.0, group.id).await;
    assert_eq!((joined.member_count, joined.joined), (2, true));
    let bob_view = f.bob.0.groups_list(GroupQuery::default()).await.unwrap();
    assert_eq!(bob_view.len(), 1);
    assert_eq!((bob_view[0].member_count, bob_view[0].joined), (2, false));

    let before = rows(&f.ann.0).await;
    let twice = f
        .ann
        .0
        .groups_join(GroupTarget { id: group.id })
        .await
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);
    assert_eq!(
        twice.message,
        "You are already a member of Working parents."
    );
    assert_eq!(rows(&f.ann.0).await, before, "nothing written");

    let left = f
        .ann
        .0
        .groups_leave(GroupTarget { id: group.id })
        .await
        .unwrap();
    assert_eq!((left.member_count, left.joined), (1, false));
    let again = f
        .ann
        .0
        .groups_leave(GroupTarget { id: group.id })
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    assert!(again.message.contains("not a member"), "{again:?}");

    let missing = GroupTarget {
        id: GroupId(uuid::Uuid::new_v4()),
    };
    assert_eq!(
        f.ann.0.groups_join(missing).await.unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        f.ann.0.groups_leave(missing).await.unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn threads_and_replies_mark_the_group_active_and_the_list_is_searchable() {
    let f = forum().await;
    let parents = create_group(&f.manager.0, "Working parents").await;
    f.ws.clock.advance(Duration::minutes(10));
    let changers = create_group(&f.manager.0, "Career changers").await;
    join(&f.ann.0, parents.id).await;

    // The most recently active group comes first.
    let names = |list: Vec<GroupSummary>| list.into_iter().map(|g| g.name).collect::<Vec<_>>();
    let list = f.ann.0.groups_list(GroupQuery::default()).await.unwrap();
    assert_eq!(names(list), vec!["Career changers", "Working parents"]);

    f.ws.clock.advance(Duration::minutes(10));
    let posted_at = f.ws.clock.now();
    let thread = post(&f.ann.0, parents.id, "Back after leave").await;
    let list = f.ann.0.groups_list(GroupQuery::default()).await.unwrap();
    assert_eq!(list[0].id, parents.id);
    assert_eq!(list[0].last_active_at, posted_at);
    assert_eq!(thread.last_reply_at, posted_at);

    f.ws.clock.advance(Duration::minutes(5));
    let replied_at = f.ws.clock.now();
    reply(&f.manager.0, thread.id, "Welcome back!").await;
    let page = f
        .bob
        .0
        .threads_list(ThreadQuery {
            group_id: parents.id,
            offset: None,
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(page.group.last_active_at, replied_at);
    assert_eq!(page.threads[0].reply_count, 1);
    assert_eq!(page.threads[0].last_reply_at, replied_at);
    assert_eq!(page.threads[0].author.user_id, f.ann.1);

    let search = |text: &str| GroupQuery {
        search: Some(text.into()),
    };
    let found = f.bob.0.groups_list(search("  CAREER ")).await.unwrap();
    assert_eq!(names(found), vec!["Career changers"]);
    assert!(f.bob.0.groups_list(search("%")).await.unwrap().is_empty());
    assert_eq!(f.bob.0.groups_list(search("")).await.unwrap().len(), 2);
    assert_eq!(changers.member_count, 1);
}

#[tokio::test]
async fn only_members_post_and_a_reply_notifies_the_thread_s_author() {
    let f = forum().await;
    let group = create_group(&f.manager.0, "Working parents").await;
    join(&f.ann.0, group.id).await;

    // Bob has not joined: he reads, but neither starts threads nor replies.
    let before = rows(&f.bob.0).await;
    let refused = f
        .bob
        .0
        .threads_create(NewThread {
            group_id: group.id,
            title: "Hi".into(),
            body: "Anyone here?".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert_eq!(rows(&f.bob.0).await, before);

    let thread = post(&f.ann.0, group.id, "Back after leave").await;
    let page = f
        .bob
        .0
        .threads_list(ThreadQuery {
            group_id: group.id,
            offset: None,
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(page.threads.len(), 1);
    assert!(!page.can_post && !page.can_moderate);
    let seen = detail(&f.bob.0, thread.id).await;
    assert!(!seen.can_reply && !seen.can_delete && !seen.can_moderate);
    let before = rows(&f.bob.0).await;
    let refused = f
        .bob
        .0
        .threads_reply(NewReply {
            thread_id: thread.id,
            body: "Me too".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert_eq!(rows(&f.bob.0).await, before);

    join(&f.bob.0, group.id).await;
    let bobs = reply(&f.bob.0, thread.id, "  Me too.\nSecond line  ").await;
    assert_eq!(bobs.body, "Me too.\nSecond line");
    assert!(bobs.can_delete);
    // Ann answering in her own thread tells nobody (and not herself).
    reply(&f.ann.0, thread.id, "Thanks Bob").await;

    let notes = f
        .ann
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    let forum_notes: Vec<&Notification> = notes
        .items
        .iter()
        .filter(|n| n.kind == NotificationKind::ForumReply)
        .collect();
    assert_eq!(forum_notes.len(), 1);
    assert_eq!(forum_notes[0].subject, Subject::Thread(thread.id));
    assert!(forum_notes[0].title.contains("replied to your thread"));
    assert_eq!(forum_notes[0].body, "Back after leave: Me too.");
    let bob_notes = f
        .bob
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert!(bob_notes
        .items
        .iter()
        .all(|n| n.kind != NotificationKind::ForumReply));

    let read = detail(&f.ann.0, thread.id).await;
    assert_eq!(read.thread.reply_count, 2);
    let bodies: Vec<&str> = read.replies.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies, vec!["Me too.\nSecond line", "Thanks Bob"]);
    assert_eq!(
        read.replies
            .iter()
            .map(|r| r.can_delete)
            .collect::<Vec<_>>(),
        vec![false, true],
        "Ann may delete only her own reply"
    );
    assert!(read.can_reply);
    assert!(
        !read.can_delete,
        "others replied: only a moderator removes it"
    );
    assert!(read.group.joined);
}

#[tokio::test]
async fn moderators_pin_lock_and_delete_while_mentees_are_forbidden() {
    let f = forum().await;
    let group = create_group(&f.manager.0, "Working parents").await;
    join(&f.ann.0, group.id).await;
    join(&f.bob.0, group.id).await;
    let older = post(&f.ann.0, group.id, "Nursery waiting lists").await;
    f.ws.clock.advance(Duration::minutes(5));
    let newer = post(&f.bob.0, group.id, "Evening sessions").await;

    // A mentee may not moderate; nothing changes.
    let refused = f
        .ann
        .0
        .threads_moderate(ThreadModeration {
            thread_id: older.id,
            action: Moderation::Pin,
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(!detail(&f.ann.0, older.id).await.thread.pinned);

    // Pinned threads come first; pinning twice changes nothing.
    let pinned = moderate(&f.manager.0, older.id, Moderation::Pin).await;
    assert!(pinned.pinned);
    assert!(
        moderate(&f.manager.0, older.id, Moderation::Pin)
            .await
            .pinned
    );
    let page = threads_of(&f.ann.0, group.id).await;
    assert_eq!(
        page.threads.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![older.id, newer.id]
    );

    // A locked thread takes no replies, not even from its author.
    reply(&f.ann.0, older.id, "Ours took eight months").await;
    let locked = moderate(&f.manager.0, older.id, Moderation::Lock).await;
    assert!(locked.locked && locked.pinned);
    let before = rows(&f.ann.0).await;
    for app in [&f.ann.0, &f.bob.0] {
        let err = app
            .threads_reply(NewReply {
                thread_id: older.id,
                body: "One more thing".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert!(err.message.contains("locked"), "{err:?}");
    }
    assert_eq!(rows(&f.ann.0).await, before, "nothing written");
    let seen = detail(&f.ann.0, older.id).await;
    assert!(!seen.can_reply && !seen.replies[0].can_delete);

    // Locked: Ann may no longer delete her reply, a moderator may.
    let anns = seen.replies[0].id;
    let err = f
        .ann
        .0
        .replies_delete(ReplyTarget { id: anns })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let as_moderator = detail(&f.manager.0, older.id).await;
    assert!(as_moderator.can_moderate && as_moderator.can_delete);
    assert!(as_moderator.replies[0].can_delete);
    f.manager
        .0
        .replies_delete(ReplyTarget { id: anns })
        .await
        .unwrap();
    assert_eq!(detail(&f.ann.0, older.id).await.thread.reply_count, 0);

    // Unlocked again, replies are welcome.
    moderate(&f.manager.0, older.id, Moderation::Unlock).await;
    reply(&f.bob.0, older.id, "Ask the council too").await;

    // Bob may not delete Ann's thread; Ann may not delete hers now others replied.
    assert_eq!(
        f.bob
            .0
            .threads_delete(ThreadTarget { id: older.id })
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        f.ann
            .0
            .threads_delete(ThreadTarget { id: older.id })
            .await
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    // An admin moderates too, member or not; the thread goes with its replies.
    f.admin
        .threads_delete(ThreadTarget { id: older.id })
        .await
        .unwrap();
    assert_eq!(
        f.ann
            .0
            .threads_get(ThreadTarget { id: older.id })
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    assert_eq!(count(&f.ann.0, "forum_replies").await, 0);
    let audited = sqlx_count(
        &f.ann.0,
        "SELECT COUNT(*) FROM audit_log WHERE action IN \
         ('thread_pinned', 'thread_locked', 'thread_unlocked', 'reply_deleted', 'thread_deleted')",
    )
    .await;
    assert_eq!(audited, 5, "pinning twice is one entry");

    // Bob's own thread without replies is his to delete.
    f.bob
        .0
        .threads_delete(ThreadTarget { id: newer.id })
        .await
        .unwrap();
    assert!(threads_of(&f.ann.0, group.id).await.threads.is_empty());
}

#[tokio::test]
async fn thread_pages_keep_pinned_threads_first() {
    let f = forum().await;
    let group = create_group(&f.manager.0, "Working parents").await;
    let mut ids = Vec::new();
    for n in 0..5 {
        f.ws.clock.advance(Duration::minutes(1));
        ids.push(
            post(&f.manager.0, group.id, &format!("Thread {n}"))
                .await
                .id,
        );
    }
    moderate(&f.manager.0, ids[0], Moderation::Pin).await;
    let page = |offset: u32| {
        f.manager.0.threads_list(ThreadQuery {
            group_id: group.id,
            offset: Some(offset),
            limit: Some(2),
        })
    };
    let first = page(0).await.unwrap();
    assert!(first.more && first.can_post && first.can_moderate);
    assert_eq!(
        first.threads.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![ids[0], ids[4]]
    );
    let last = page(4).await.unwrap();
    assert!(!last.more);
    assert_eq!(
        last.threads.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![ids[1]]
    );
}

#[tokio::test]
async fn bad_input_gets_typed_field_errors_and_writes_nothing() {
    let f = forum().await;
    let group = create_group(&f.manager.0, "Working parents").await;
    join(&f.ann.0, group.id).await;
    let thread = post(&f.ann.0, group.id, "Back after leave").await;
    let before = rows(&f.ann.0).await;

    let fields = |e: &mentordesk_shared::ApiError| {
        assert_eq!(e.code, ErrorCode::Validation, "{e:?}");
        e.fields.iter().map(|f| f.field.clone()).collect::<Vec<_>>()
    };
    let err = f
        .manager
        .0
        .groups_create(NewGroup {
            name: "   ".into(),
            description: "x".repeat(1001),
        })
        .await
        .unwrap_err();
    assert_eq!(fields(&err), vec!["name", "description"]);
    let err = f
        .manager
        .0
        .groups_create(NewGroup {
            name: "x".repeat(81),
            description: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(fields(&err), vec!["name"]);
    // Names are unique ignoring case.
    let err = f
        .manager
        .0
        .groups_create(NewGroup {
            name: " working PARENTS ".into(),
            description: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(fields(&err), vec!["name"]);
    assert!(err.message.contains("already exists"), "{err:?}");
    // Mentees do not create groups.
    let err = f
        .ann
        .0
        .groups_create(NewGroup {
            name: "Mine".into(),
            description: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);

    let err = f
        .ann
        .0
        .threads_create(NewThread {
            group_id: group.id,
            title: "\n ".into(),
            body: "x".repeat(5001),
        })
        .await
        .unwrap_err();
    assert_eq!(fields(&err), vec!["title", "body"]);
    let err = f
        .ann
        .0
        .threads_create(NewThread {
            group_id: group.id,
            title: "é".repeat(121),
            body: "".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(fields(&err), vec!["title", "body"]);
    for body in [String::new(), "  ".into(), "x".repeat(5001)] {
        let err = f
            .ann
            .0
            .threads_reply(NewReply {
                thread_id: thread.id,
                body,
            })
            .await
            .unwrap_err();
        assert_eq!(fields(&err), vec!["body"]);
    }
    assert_eq!(rows(&f.ann.0).await, before, "nothing written");

    // The limits themselves are fine.
    post(&f.ann.0, group.id, &"é".repeat(120)).await;
    reply(&f.ann.0, thread.id, &"x".repeat(5000)).await;
}

#[tokio::test]
async fn the_demo_has_groups_with_members_a_pinned_and_a_locked_thread() {
    let ws = Workspace::new();
    let app = ws.open().await;
    app.load_demo().await.unwrap().expect("loaded");
    app.accounts_sign_in(mentordesk_shared::accounts::SignIn {
        email: mentordesk_api::demo::DEMO_ADMIN_EMAIL.into(),
        password: mentordesk_api::demo::DEMO_PASSWORD.into(),
    })
    .await
    .unwrap();
    let groups = app.groups_list(GroupQuery::default()).await.unwrap();
    assert_eq!(groups.len(), 3);
    assert!(groups.iter().all(|g| g.member_count >= 5 && !g.joined));
    let mut pinned = 0;
    let mut locked = 0;
    for g in &groups {
        let page = threads_of(&app, g.id).await;
        assert!(!page.threads.is_empty(), "{}", g.name);
        assert!(page.can_moderate && !page.can_post);
        pinned += page.threads.iter().filter(|t| t.pinned).count();
        locked += page.threads.iter().filter(|t| t.locked).count();
        for t in &page.threads {
            let d = detail(&app, t.id).await;
            assert_eq!(d.replies.len() as u32, t.reply_count);
        }
    }
    assert_eq!((pinned, locked), (1, 1));
}
