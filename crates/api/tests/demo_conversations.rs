//! The demo's connections, conversations and notification centre, read through the
//! real API as the three people a newcomer signs in as: Aisha Bello (mentee), Amara
//! Nwosu (her mentor) and Priya Raman (programme manager).

#[path = "support/workspace.rs"]
mod common;

use common::Workspace;
use mentordesk_api::demo::{DEMO_COHORT_CONVERSATION, DEMO_PASSWORD};
use mentordesk_api::Mentordesk;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::ConversationId;
use mentordesk_shared::profiles::UserRef;
use mentordesk_shared::sessions::{AppointmentFilter, SessionRef, SessionScope};

const AISHA: &str = "aisha.bello@mentordesk.demo";
const AMARA: &str = "amara.nwosu@mentordesk.demo";
const PRIYA: &str = "priya.raman@mentordesk.demo";

async fn as_demo_user(ws: &Workspace, email: &str) -> Mentordesk {
    let app = ws.open().await;
    app.accounts_sign_in(SignIn {
        email: email.into(),
        password: DEMO_PASSWORD.into(),
    })
    .await
    .unwrap_or_else(|e| panic!("{email} signs in: {e:?}"));
    app
}

/// Each conversation's unread count by its title.
fn unread_by_title(list: &ConversationList) -> Vec<(String, u32)> {
    list.conversations
        .iter()
        .map(|c| (c.title.clone(), c.unread))
        .collect()
}

fn unread_of(list: &ConversationList, title: &str) -> u32 {
    list.conversations
        .iter()
        .find(|c| c.title == title)
        .unwrap_or_else(|| panic!("no conversation {title:?} in {:?}", unread_by_title(list)))
        .unread
}

fn id_of(list: &ConversationList, title: &str) -> ConversationId {
    list.conversations
        .iter()
        .find(|c| c.title == title)
        .unwrap_or_else(|| panic!("no conversation {title:?}"))
        .id
}

/// Opens what each notification is about, as the notification centre does, and checks
/// that it exists for the viewer.
async fn every_subject_opens(app: &Mentordesk, items: &[Notification]) {
    for n in items {
        match n.subject {
            Subject::Session(id) => {
                app.sessions_get(SessionRef { session_id: id })
                    .await
                    .unwrap_or_else(|e| panic!("{n:?}: {e:?}"));
            }
            Subject::Appointment(id) => {
                let list = app
                    .appointments_list(AppointmentFilter {
                        scope: SessionScope::All,
                    })
                    .await
                    .unwrap();
                assert!(
                    list.appointments.iter().any(|a| a.appointment_id == id),
                    "{n:?}"
                );
            }
            Subject::Conversation(id) => {
                app.messages_page(MessageQuery {
                    conversation_id: id,
                    before: None,
                    limit: None,
                })
                .await
                .unwrap_or_else(|e| panic!("{n:?}: {e:?}"));
            }
            Subject::Person(id) => {
                app.profile_get(UserRef { user_id: Some(id) })
                    .await
                    .unwrap_or_else(|e| panic!("{n:?}: {e:?}"));
            }
            Subject::Thread(id) => {
                app.threads_get(ThreadTarget { id })
                    .await
                    .unwrap_or_else(|e| panic!("{n:?}: {e:?}"));
            }
            Subject::Application(id) => {
                let mine = app.applications_mine().await.unwrap();
                assert!(mine.iter().any(|a| a.id == id), "{n:?}");
            }
            Subject::Programme(id) => {
                app.programmes_get(mentordesk_shared::programmes::ProgrammeRef { id })
                    .await
                    .unwrap_or_else(|e| panic!("{n:?}: {e:?}"));
            }
        }
    }
}

/// The notification centre holds 8–15 notifications of several kinds, some read and
/// several unread; times are written in the viewer's zone (one of `zones`; none when
/// no notification is about a session or appointment).
async fn notification_centre(app: &Mentordesk, zones: &[&str]) -> NotificationList {
    let list = app
        .notifications_list(NotificationQuery {
            unread_only: false,
            before: None,
            limit: Some(100),
        })
        .await
        .unwrap();
    assert!(
        (8..=15).contains(&list.items.len()),
        "{} notifications",
        list.items.len()
    );
    assert!(!list.more);
    let unread = list.items.iter().filter(|n| !n.read).count() as u32;
    assert_eq!(list.unread, unread);
    assert!(unread >= 3, "several unread");
    assert!(list.items.iter().any(|n| n.read), "some read");
    let mut kinds: Vec<NotificationKind> = list.items.iter().map(|n| n.kind).collect();
    kinds.sort();
    kinds.dedup();
    assert!(kinds.len() >= 5, "{kinds:?}");
    assert!(list
        .items
        .iter()
        .all(|n| !n.title.is_empty() && !n.title.contains("Someone")));
    // A body that names a time names it in the viewer's zone.
    let timed: Vec<&Notification> = list
        .items
        .iter()
        .filter(|n| matches!(n.subject, Subject::Session(_) | Subject::Appointment(_)))
        .filter(|n| n.kind != NotificationKind::ActionItemDue)
        .collect();
    assert_eq!(timed.is_empty(), zones.is_empty(), "{timed:?}");
    for n in timed {
        assert!(
            zones.iter().any(|z| n.body.ends_with(z)),
            "{:?} not in {zones:?}",
            n.body
        );
    }
    every_subject_opens(app, &list.items).await;
    list
}

#[tokio::test]
async fn the_demo_fills_messages_connections_and_notifications_for_aisha_amara_and_priya() {
    let ws = Workspace::new();
    ws.open().await.load_demo().await.unwrap().expect("loaded");

    // ---- Aisha, the mentee ----
    let aisha = as_demo_user(&ws, AISHA).await;
    let list = aisha.conversations_list().await.unwrap();
    assert!(
        list.conversations.len() >= 6,
        "{:?}",
        unread_by_title(&list)
    );
    assert_eq!(unread_of(&list, "Amara Nwosu"), 2);
    assert_eq!(unread_of(&list, "Kemi Adeyemi"), 1);
    assert_eq!(unread_of(&list, "Kwame Mensah"), 1);
    assert_eq!(unread_of(&list, DEMO_COHORT_CONVERSATION), 3);
    assert_eq!(unread_of(&list, "Camila Rocha"), 0);
    assert_eq!(unread_of(&list, "Tom Okafor"), 0);
    assert_eq!(
        list.unread_total,
        list.conversations.iter().map(|c| c.unread).sum::<u32>()
    );
    assert_eq!(list.unread_total, 7);
    let cohort = list
        .conversations
        .iter()
        .find(|c| c.title == DEMO_COHORT_CONVERSATION)
        .unwrap();
    assert_eq!(cohort.kind, ConversationKind::Group);
    assert_eq!(cohort.member_count, 7);
    assert_eq!(cohort.members.len(), 6, "everyone but Aisha");
    // The badge's own command agrees with the list.
    let badge = aisha.conversations_unread().await.unwrap();
    assert_eq!(badge.total, 7);
    assert_eq!(
        badge.conversations.len(),
        list.conversations.iter().filter(|c| c.unread > 0).count()
    );

    // The mentoring conversation: ~25 messages, one edited, one deleted.
    let mentoring = aisha
        .messages_page(MessageQuery {
            conversation_id: id_of(&list, "Amara Nwosu"),
            before: None,
            limit: None,
        })
        .await
        .unwrap();
    assert!(!mentoring.more_before);
    assert!((20..=30).contains(&mentoring.messages.len()));
    assert_eq!(mentoring.messages.iter().filter(|m| m.edited).count(), 1);
    assert_eq!(mentoring.messages.iter().filter(|m| m.deleted).count(), 1);
    assert!(mentoring
        .messages
        .windows(2)
        .all(|w| w[0].sent_at < w[1].sent_at && w[0].id < w[1].id));

    // The long conversation loads older pages as one scrolls up, 300 messages in all.
    let long = id_of(&list, "Kemi Adeyemi");
    let mut page = aisha
        .messages_page(MessageQuery {
            conversation_id: long,
            before: None,
            limit: None,
        })
        .await
        .unwrap();
    assert!(page.more_before);
    let mut seen = page.messages.len();
    while page.more_before {
        page = aisha
            .messages_page(MessageQuery {
                conversation_id: long,
                before: Some(page.messages[0].id),
                limit: None,
            })
            .await
            .unwrap();
        seen += page.messages.len();
    }
    assert_eq!(seen, 300);

    let connections = aisha.connections_list().await.unwrap();
    assert!(connections.connected.len() >= 3);
    assert!((1..=2).contains(&connections.incoming.len()));
    assert_eq!(connections.outgoing.len(), 1);

    let notes = notification_centre(&aisha, &["GMT", "BST"]).await;
    for kind in [
        NotificationKind::RescheduleProposed,
        NotificationKind::AppointmentInvitation,
        NotificationKind::MessageReceived,
        NotificationKind::ConnectionRequest,
        NotificationKind::ForumReply,
    ] {
        assert!(notes.items.iter().any(|n| n.kind == kind), "{kind:?}");
    }

    // ---- Amara, the mentor ----
    let amara = as_demo_user(&ws, AMARA).await;
    let list = amara.conversations_list().await.unwrap();
    assert!(
        list.conversations.len() >= 5,
        "{:?}",
        unread_by_title(&list)
    );
    assert_eq!(unread_of(&list, "Aisha Bello"), 0);
    assert_eq!(unread_of(&list, "Ben Carter"), 1);
    assert_eq!(unread_of(&list, "Lukas Schneider"), 2);
    assert_eq!(
        list.unread_total,
        list.conversations.iter().map(|c| c.unread).sum::<u32>()
    );
    assert_eq!(list.unread_total, 3);
    let connections = amara.connections_list().await.unwrap();
    assert!(connections.connected.len() >= 3);
    assert!((1..=2).contains(&connections.incoming.len()));
    assert_eq!(connections.outgoing.len(), 1);
    let notes = notification_centre(&amara, &["WAT"]).await;
    assert!(notes
        .items
        .iter()
        .any(|n| n.kind == NotificationKind::BookingRequest && !n.read));

    // ---- Priya, the programme manager ----
    let priya = as_demo_user(&ws, PRIYA).await;
    let list = priya.conversations_list().await.unwrap();
    assert!(
        list.conversations.len() >= 3,
        "{:?}",
        unread_by_title(&list)
    );
    assert_eq!(unread_of(&list, DEMO_COHORT_CONVERSATION), 1);
    assert_eq!(unread_of(&list, "Tom Okafor"), 1);
    assert_eq!(list.unread_total, 2);
    let connections = priya.connections_list().await.unwrap();
    assert!(connections.connected.len() >= 3);
    assert!((1..=2).contains(&connections.incoming.len()));
    assert_eq!(connections.outgoing.len(), 1);
    notification_centre(&priya, &[]).await;
}
