//! Connections, messaging and the notification centre through the real API on a real
//! SQLite file: who may write to whom, bad input that changes nothing, read state,
//! search, edits and deletions, and the notifications events leave behind.

#[path = "support/workspace.rs"]
mod common;

use chrono::Duration;
use common::{count, Workspace};
use mentordesk_api::Mentordesk;
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ErrorCode;

struct People {
    ws: Workspace,
    ann: (Mentordesk, UserId),
    bob: (Mentordesk, UserId),
    cat: (Mentordesk, UserId),
}

async fn people() -> People {
    let (ws, _admin) = Workspace::with_admin().await;
    let ann = ws.mentee("ann@example.org").await;
    let bob = ws.mentee("bob@example.org").await;
    let cat = ws.mentee("cat@example.org").await;
    People { ws, ann, bob, cat }
}

/// Ann asks Bob to connect and Bob accepts.
async fn connect(a: &(Mentordesk, UserId), b: &(Mentordesk, UserId)) {
    a.0.connections_request(UserTarget { user_id: b.1 })
        .await
        .unwrap();
    let incoming = b.0.connections_list().await.unwrap().incoming;
    let request = incoming.iter().find(|c| c.person.user_id == a.1).unwrap();
    b.0.connections_answer(ConnectionAnswer {
        id: request.id,
        accept: true,
    })
    .await
    .unwrap();
}

async fn send(
    app: &Mentordesk,
    conversation: mentordesk_shared::ids::ConversationId,
    body: &str,
) -> Message {
    app.messages_send(SendMessage {
        conversation_id: conversation,
        body: body.into(),
    })
    .await
    .unwrap()
}

/// The direct conversation of `a` with `b`, opened by `a`.
async fn direct(a: &(Mentordesk, UserId), b: &(Mentordesk, UserId)) -> ConversationSummary {
    a.0.conversations_open_direct(UserTarget { user_id: b.1 })
        .await
        .unwrap()
}

#[tokio::test]
async fn connection_requests_are_answered_by_their_receiver_and_notify_both_ways() {
    let p = people().await;
    p.ann
        .0
        .connections_request(UserTarget { user_id: p.bob.1 })
        .await
        .unwrap();
    // Asking twice, or asking back while a request waits, is a conflict.
    let again = p
        .ann
        .0
        .connections_request(UserTarget { user_id: p.bob.1 })
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    let back = p
        .bob
        .0
        .connections_request(UserTarget { user_id: p.ann.1 })
        .await
        .unwrap_err();
    assert!(back.message.contains("answer their request"), "{back:?}");

    let ann_view = p.ann.0.connections_list().await.unwrap();
    assert_eq!(ann_view.outgoing.len(), 1);
    let bob_view = p.bob.0.connections_list().await.unwrap();
    let request = bob_view.incoming[0].clone();
    assert_eq!(request.person.user_id, p.ann.1);
    // Only the receiver answers.
    let wrong = p
        .ann
        .0
        .connections_answer(ConnectionAnswer {
            id: request.id,
            accept: true,
        })
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::Conflict);
    // Someone else does not even see it.
    let outsider = p
        .cat
        .0
        .connections_answer(ConnectionAnswer {
            id: request.id,
            accept: true,
        })
        .await
        .unwrap_err();
    assert_eq!(outsider.code, ErrorCode::NotFound);

    let bob_notes = p
        .bob
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(bob_notes.unread, 1);
    assert_eq!(bob_notes.items[0].kind, NotificationKind::ConnectionRequest);
    assert_eq!(bob_notes.items[0].subject, Subject::Person(p.ann.1));
    assert!(bob_notes.items[0].title.contains("wants to connect"));

    p.bob
        .0
        .connections_answer(ConnectionAnswer {
            id: request.id,
            accept: true,
        })
        .await
        .unwrap();
    assert_eq!(p.ann.0.connections_list().await.unwrap().connected.len(), 1);
    assert_eq!(p.bob.0.connections_list().await.unwrap().connected.len(), 1);
    let ann_notes = p
        .ann
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(
        ann_notes.items[0].kind,
        NotificationKind::ConnectionAccepted
    );
}

#[tokio::test]
async fn messages_go_only_to_connected_people_and_never_across_a_block() {
    let p = people().await;
    // Not connected, no session: no conversation.
    let refused = p
        .ann
        .0
        .conversations_open_direct(UserTarget { user_id: p.bob.1 })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(refused.message.contains("connection request"));
    assert_eq!(count(&p.ann.0, "conversations").await, 0);

    connect(&p.ann, &p.bob).await;
    let chat = direct(&p.ann, &p.bob).await;
    assert_eq!(chat.kind, ConversationKind::Direct);
    assert!(
        chat.title.starts_with("Mina"),
        "named after Bob: {}",
        chat.title
    );
    send(&p.ann.0, chat.id, "Hi Bob").await;

    // Bob blocks Ann: her next message is refused and nothing is stored.
    p.bob
        .0
        .blocks_add(UserTarget { user_id: p.ann.1 })
        .await
        .unwrap();
    let blocked = p
        .ann
        .0
        .messages_send(SendMessage {
            conversation_id: chat.id,
            body: "Are you there?".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(blocked.code, ErrorCode::Forbidden);
    assert_eq!(count(&p.ann.0, "messages").await, 1);
    // Cat is no member: the conversation does not exist for her.
    let outsider = p
        .cat
        .0
        .messages_page(MessageQuery {
            conversation_id: chat.id,
            before: None,
            limit: None,
        })
        .await
        .unwrap_err();
    assert_eq!(outsider.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn empty_and_over_long_messages_get_a_field_error_and_write_nothing() {
    let p = people().await;
    connect(&p.ann, &p.bob).await;
    let chat = direct(&p.ann, &p.bob).await;
    let notes_before = count(&p.ann.0, "notifications").await;
    for body in ["   ".to_string(), "x".repeat(2001)] {
        let e = p
            .ann
            .0
            .messages_send(SendMessage {
                conversation_id: chat.id,
                body,
            })
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert!(e.field_message("body").is_some(), "{e:?}");
    }
    assert_eq!(count(&p.ann.0, "messages").await, 0);
    assert_eq!(count(&p.ann.0, "notifications").await, notes_before);
    // 2000 characters is fine.
    send(&p.ann.0, chat.id, &"é".repeat(2000)).await;
}

#[tokio::test]
async fn unread_counts_change_as_messages_arrive_and_are_read() {
    let p = people().await;
    connect(&p.ann, &p.bob).await;
    connect(&p.ann, &p.cat).await;
    let chat = direct(&p.ann, &p.bob).await;
    send(&p.ann.0, chat.id, "First").await;
    send(&p.ann.0, chat.id, "Second").await;
    let group = p
        .ann
        .0
        .conversations_create_group(NewGroupConversation {
            title: "Cohort 7".into(),
            members: vec![p.bob.1, p.cat.1],
        })
        .await
        .unwrap();
    send(&p.cat.0, group.id, "Hello all").await;

    let bob = p.bob.0.conversations_list().await.unwrap();
    assert_eq!(bob.unread_total, 3);
    let direct = bob.conversations.iter().find(|c| c.id == chat.id).unwrap();
    assert_eq!(
        (direct.unread, direct.last_message.as_deref()),
        (2, Some("Second"))
    );
    // The sender has nothing unread in what she wrote.
    let ann = p.ann.0.conversations_list().await.unwrap();
    assert_eq!(ann.unread_total, 1, "only Cat's group message");
    let bob_notes = p
        .bob
        .0
        .notifications_list(NotificationQuery {
            unread_only: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        bob_notes
            .items
            .iter()
            .filter(|n| n.kind == NotificationKind::MessageReceived)
            .count(),
        3
    );

    p.bob
        .0
        .conversations_mark_read(ConversationTarget { id: chat.id })
        .await
        .unwrap();
    let bob = p.bob.0.conversations_list().await.unwrap();
    assert_eq!(bob.unread_total, 1);
    // Reading the conversation read its message notifications too: left are Cat's group
    // message and Ann's connection request.
    let left = p
        .bob
        .0
        .notifications_list(NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(left.unread, 2);
    assert_eq!(p.bob.0.notifications_mark_all_read().await.unwrap(), 2);
    assert_eq!(
        p.bob
            .0
            .notifications_list(NotificationQuery::default())
            .await
            .unwrap()
            .unread,
        0
    );
}

#[tokio::test]
async fn a_message_can_be_edited_or_deleted_by_its_author_for_fifteen_minutes() {
    let p = people().await;
    connect(&p.ann, &p.bob).await;
    let chat = direct(&p.ann, &p.bob).await;
    let m = send(&p.ann.0, chat.id, "Meet at 10").await;
    assert!(m.can_change);
    let edited = p
        .ann
        .0
        .messages_edit(EditMessage {
            id: m.id,
            body: "Meet at 11".into(),
        })
        .await
        .unwrap();
    assert!(edited.edited);
    let not_yours = p
        .bob
        .0
        .messages_delete(MessageTarget { id: m.id })
        .await
        .unwrap_err();
    assert_eq!(not_yours.code, ErrorCode::Forbidden);

    let late = send(&p.ann.0, chat.id, "See you").await;
    p.ws.clock.advance(Duration::minutes(16));
    let too_late = p
        .ann
        .0
        .messages_edit(EditMessage {
            id: late.id,
            body: "See you soon".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(too_late.code, ErrorCode::Conflict);
    // Sign-in lasts; the clock moved, so sign in again is not needed within the timeout.
    let page = p
        .bob
        .0
        .messages_page(MessageQuery {
            conversation_id: chat.id,
            before: None,
            limit: None,
        })
        .await
        .unwrap();
    let bodies: Vec<&str> = page.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["Meet at 11", "See you"]);
    assert!(page.messages.iter().all(|m| !m.can_change), "Bob's view");
}

#[tokio::test]
async fn search_finds_word_prefixes_in_ones_own_conversations_only() {
    let p = people().await;
    connect(&p.ann, &p.bob).await;
    connect(&p.bob, &p.cat).await;
    let ab = direct(&p.ann, &p.bob).await;
    let bc = direct(&p.bob, &p.cat).await;
    send(&p.ann.0, ab.id, "The quarterly planning doc is ready").await;
    let gone = send(&p.ann.0, ab.id, "Planning call moved").await;
    send(&p.bob.0, bc.id, "Planning for Cat only").await;
    p.ann
        .0
        .messages_delete(MessageTarget { id: gone.id })
        .await
        .unwrap();

    let hits = p
        .ann
        .0
        .messages_search(MessageSearch {
            query: "plann".into(),
        })
        .await
        .unwrap();
    assert_eq!(hits.len(), 1, "the deleted one and Bob–Cat's are not hers");
    assert_eq!(hits[0].snippet, "The quarterly [planning] doc is ready");
    let bob_hits = p
        .bob
        .0
        .messages_search(MessageSearch {
            query: "PLANNING".into(),
        })
        .await
        .unwrap();
    assert_eq!(bob_hits.len(), 2);
    assert_eq!(bob_hits[0].conversation_title, "Mina cat", "newest first");
    let empty = p
        .ann
        .0
        .messages_search(MessageSearch {
            query: " * ".into(),
        })
        .await
        .unwrap_err();
    assert!(empty.field_message("query").is_some());
}

#[tokio::test]
async fn stored_notifications_are_announced_to_subscribers_after_commit() {
    let p = people().await;
    let mut events = p.ann.0.subscribe();
    p.ann
        .0
        .connections_request(UserTarget { user_id: p.bob.1 })
        .await
        .unwrap();
    let published = events.try_recv().unwrap();
    assert_eq!(published.user, p.bob.1);
    assert_eq!(
        published.notification.kind,
        NotificationKind::ConnectionRequest
    );
    // A refused request announces nothing.
    let _ = p
        .ann
        .0
        .connections_request(UserTarget { user_id: p.bob.1 })
        .await
        .unwrap_err();
    assert!(events.try_recv().is_err());
}

/// Mentees' profiles are not public, but a connection request opens them to each other
/// (so one sees who asks), as does being connected; a block closes them again.
#[tokio::test]
async fn people_with_a_connection_or_a_request_between_them_see_each_other_s_profile() {
    use mentordesk_shared::profiles::UserRef;
    async fn see(
        app: &Mentordesk,
        user: UserId,
    ) -> mentordesk_api::Result<mentordesk_shared::profiles::ProfileView> {
        app.profile_get(UserRef {
            user_id: Some(user),
        })
        .await
    }
    let p = people().await;
    assert_eq!(
        see(&p.ann.0, p.bob.1).await.unwrap_err().code,
        ErrorCode::Forbidden
    );
    p.ann
        .0
        .connections_request(UserTarget { user_id: p.bob.1 })
        .await
        .unwrap();
    assert!(see(&p.bob.0, p.ann.1).await.is_ok(), "who is asking");
    assert!(see(&p.ann.0, p.bob.1).await.is_ok());
    assert_eq!(
        see(&p.cat.0, p.ann.1).await.unwrap_err().code,
        ErrorCode::Forbidden,
        "nobody else"
    );
    p.bob
        .0
        .blocks_add(UserTarget { user_id: p.ann.1 })
        .await
        .unwrap();
    assert_eq!(
        see(&p.ann.0, p.bob.1).await.unwrap_err().code,
        ErrorCode::Forbidden
    );
}

/// A group of fifteen: its summary names twelve of the others and counts everyone; a page
/// names whoever wrote it, also someone the summary leaves out; the badge's command counts
/// what the list shows.
#[tokio::test]
async fn a_large_group_names_a_few_members_and_every_sender_of_a_page() {
    let p = people().await;
    let mut others = Vec::new();
    for n in 0..14 {
        let person = p.ws.mentee(&format!("member{n:02}@example.org")).await;
        connect(&p.ann, &person).await;
        others.push(person);
    }
    let group = p
        .ann
        .0
        .conversations_create_group(NewGroupConversation {
            title: "Spring cohort".into(),
            members: others.iter().map(|o| o.1).collect(),
        })
        .await
        .unwrap();
    assert_eq!(group.member_count, 15);
    assert_eq!(group.members.len(), MEMBERS_SHOWN);
    assert!(group.members.iter().all(|m| m.user_id != p.ann.1));
    let unnamed = others
        .iter()
        .find(|o| group.members.iter().all(|m| m.user_id != o.1))
        .expect("someone the summary leaves out");
    send(&unnamed.0, group.id, "Hello from the back row").await;
    send(&p.ann.0, group.id, "Welcome, everyone").await;

    let page = p
        .ann
        .0
        .messages_page(MessageQuery {
            conversation_id: group.id,
            before: None,
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(page.messages.len(), 2);
    let mut senders: Vec<UserId> = page.senders.iter().map(|s| s.user_id).collect();
    senders.sort();
    let mut expected = vec![unnamed.1, p.ann.1];
    expected.sort();
    assert_eq!(senders, expected);
    assert!(page
        .senders
        .iter()
        .any(|s| s.user_id == unnamed.1 && s.name.starts_with("Mina member")));

    // Someone who wrote nothing has both messages unread.
    let reader = others.iter().find(|o| o.1 != unnamed.1).unwrap();
    let badge = reader.0.conversations_unread().await.unwrap();
    let list = reader.0.conversations_list().await.unwrap();
    assert_eq!(badge.total, 2);
    assert_eq!(badge.total, list.unread_total);
    assert_eq!(badge.conversations, vec![(group.id, 2)]);
}
