//! Connections, messaging and the notification centre; and the one place events become
//! notifications.

use crate::sessions::brief;
use crate::{Mentordesk, Result};
use chrono::{DateTime, Utc};
use mentordesk_core::events::Event;
use mentordesk_core::messaging::{self, direct_message_refusal};
use mentordesk_core::policy::Command;
use mentordesk_core::reminders;
use mentordesk_db::appointments::{self as people_repo, PersonRecord};
use mentordesk_db::conversations::{self as repo, ConversationRecord, MessageRecord};
use mentordesk_db::notifications::{self as notes_repo, NewNotification};
use mentordesk_db::settings as settings_repo;
use mentordesk_db::{Db, SqliteConnection};
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::{ConversationId, NotificationId, UserId};
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ApiError;

/// Messages per page when the caller does not say.
const PAGE: u16 = 50;
const PAGE_MAX: u16 = 200;

/// A notification stored for someone, announced after its transaction commits (for
/// native notifications and the tray).
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub user: UserId,
    pub notification: Notification,
    /// For reminders: the meeting link a "Join" action opens.
    pub join_url: Option<String>,
}

impl Published {
    /// What a notification stored as `id` at `at` announces.
    pub(crate) fn stored(
        id: NotificationId,
        new: NewNotification,
        at: DateTime<Utc>,
        join_url: Option<String>,
    ) -> Self {
        Published {
            user: new.user,
            notification: Notification {
                id,
                kind: new.kind,
                title: new.title,
                body: new.body,
                subject: new.subject,
                created_at: at,
                read: false,
            },
            join_url,
        }
    }
}

/// Plans `person`'s reminders of `subject`, starting at `starts_at`, from their own lead
/// times (the one place reminders are planned: sessions, appointments, new settings).
pub(crate) async fn plan_reminders(
    conn: &mut SqliteConnection,
    person: UserId,
    subject: Subject,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let leads = notes_repo::settings(conn, person).await?.lead_minutes;
    let planned = reminders::plan(starts_at, &leads, now);
    notes_repo::replan(conn, person, subject, starts_at, &planned).await
}

/// The members a summary names: up to [`MEMBERS_SHOWN`] besides the viewer.
fn shown_members(record: &ConversationRecord, viewer: UserId) -> Vec<UserId> {
    record
        .members
        .iter()
        .copied()
        .filter(|m| *m != viewer)
        .take(MEMBERS_SHOWN)
        .collect()
}

/// A conversation as its list shows it to `viewer`, given (at least) the records of the
/// members it names.
fn summary_of(
    record: ConversationRecord,
    viewer: UserId,
    people: &[&PersonRecord],
) -> ConversationSummary {
    let title = title_of(&record, viewer, people);
    let members = shown_members(&record, viewer)
        .into_iter()
        .filter_map(|id| people.iter().find(|p| p.id == id))
        .map(|p| brief(p, None))
        .collect();
    ConversationSummary {
        id: record.id,
        kind: record.kind,
        title,
        members,
        member_count: u32::try_from(record.members.len()).unwrap_or(u32::MAX),
        last_message: record.last_message.map(|m| first_line(&m, 80)),
        last_message_at: record.last_message_at,
        unread: record.unread,
    }
}

/// A group's name, or the other person's name in a direct conversation.
fn title_of(record: &ConversationRecord, viewer: UserId, people: &[&PersonRecord]) -> String {
    match record.kind {
        ConversationKind::Direct => record
            .members
            .iter()
            .find(|m| **m != viewer)
            .map(|m| {
                people
                    .iter()
                    .find(|p| p.id == *m)
                    .map(|p| p.name())
                    .unwrap_or_else(|| "Someone".into())
            })
            .unwrap_or_default(),
        ConversationKind::Group => record.title.clone(),
    }
}

fn name_of(people: &[PersonRecord], id: UserId) -> String {
    people
        .iter()
        .find(|p| p.id == id)
        .map(PersonRecord::name)
        .unwrap_or_else(|| "Someone".into())
}

pub(crate) fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > max {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_string()
    }
}

/// The line under a notification's title.
#[derive(Debug, Clone)]
pub(crate) enum Detail {
    Text(String),
    /// A title and a time, shown in each recipient's own zone.
    Timed {
        title: String,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
}

impl Mentordesk {
    /// Stores the notifications `events` cause, in the caller's transaction; returns them
    /// for [`Mentordesk::publish`] once it commits.
    pub(crate) async fn record(
        &self,
        conn: &mut SqliteConnection,
        events: &[(Event, Detail)],
        actor: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Published>> {
        let mut out = Vec::new();
        let mut ids = vec![actor];
        ids.extend(events.iter().flat_map(|(e, _)| e.notify()).map(|(u, _)| u));
        ids.sort();
        ids.dedup();
        let people = people_repo::people(conn, &ids).await?;
        let who = name_of(&people, actor);
        for (event, detail) in events {
            for (user, kind) in event.notify() {
                if user == actor {
                    continue;
                }
                let detail = match detail {
                    Detail::Text(text) => text.clone(),
                    Detail::Timed {
                        title,
                        starts_at,
                        ends_at,
                    } => {
                        let zone = people
                            .iter()
                            .find(|p| p.id == user)
                            .and_then(|p| p.time_zone.parse().ok())
                            .unwrap_or(chrono_tz::UTC);
                        format!(
                            "{title} · {}",
                            crate::sessions::slot_text(zone, *starts_at, *ends_at)
                        )
                    }
                };
                let title = match kind {
                    NotificationKind::BookingRequest => format!("{who} asked for a session"),
                    NotificationKind::SessionProposed => format!("{who} proposed a session"),
                    NotificationKind::SessionConfirmed => format!("{who} confirmed your session"),
                    NotificationKind::SessionDeclined => format!("{who} declined your request"),
                    NotificationKind::SessionCancelled => format!("{who} cancelled a session"),
                    NotificationKind::RescheduleProposed => format!("{who} proposed a new time"),
                    NotificationKind::RescheduleAnswered => {
                        format!("{who} answered your proposed time")
                    }
                    NotificationKind::AppointmentInvitation => format!("{who} invited you"),
                    NotificationKind::AppointmentCancelled => {
                        format!("{who} cancelled an appointment")
                    }
                    NotificationKind::ApplicationDecided => "Your application was decided".into(),
                    NotificationKind::ConnectionRequest => format!("{who} wants to connect"),
                    NotificationKind::ConnectionAccepted => {
                        format!("{who} accepted your connection request")
                    }
                    NotificationKind::MessageReceived => format!("New message from {who}"),
                    NotificationKind::ActionItemDue => "An action item is due".into(),
                    NotificationKind::ForumReply => format!("{who} replied to your thread"),
                    NotificationKind::ProgrammeDecision => {
                        "Your programme application was decided".into()
                    }
                    NotificationKind::MatchUpdate => format!("{who} updated a match"),
                    NotificationKind::CertificateUpdate => match event {
                        Event::CertificateRevoked { .. } => "Your certificate was revoked".into(),
                        _ => "Your certificate was approved".into(),
                    },
                    NotificationKind::Reminder => "Coming up".into(),
                };
                let new = NewNotification {
                    user,
                    kind,
                    title,
                    body: detail,
                    subject: event.subject(),
                };
                let id = notes_repo::insert(conn, &new, now).await?;
                out.push(Published::stored(id, new, now, None));
            }
        }
        Ok(out)
    }

    /// Announces committed notifications to whoever listens (the shell).
    pub(crate) fn publish(&self, published: Vec<Published>) {
        for p in published {
            // Nobody listening (tests, the bench) is fine.
            let _ = self.events.send(p);
        }
    }

    /// Notifications as they are stored, for native notifications and the tray.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Published> {
        self.events.subscribe()
    }

    /// Whether `p` is for the person this device reminds and their settings want
    /// its kind shown natively.
    pub async fn wants_native(&self, p: &Published) -> bool {
        if self.reminder_person() != Some(p.user) {
            return false;
        }
        let Ok(mut conn) = self.db.read().await else {
            return false;
        };
        match notes_repo::settings(&mut conn, p.user).await {
            Ok(s) => !s.native_off.contains(&p.notification.kind),
            Err(_) => false,
        }
    }

    // ---- Connections ----

    pub async fn connections_list(&self) -> Result<ConnectionList> {
        let actor = self.require(Command::ConnectionsList).await?;
        let mut conn = self.db.read().await?;
        let rows = repo::connections_of(&mut conn, actor.user).await?;
        let ids: Vec<UserId> = rows.iter().map(|r| r.other(actor.user)).collect();
        let people = people_repo::people(&mut conn, &ids).await?;
        let mut list = ConnectionList {
            connected: Vec::new(),
            incoming: Vec::new(),
            outgoing: Vec::new(),
        };
        for r in rows {
            let Some(person) = people.iter().find(|p| p.id == r.other(actor.user)) else {
                continue;
            };
            let item = Connection {
                id: r.id,
                person: brief(person, None),
                status: r.status,
                outgoing: r.requester == actor.user,
                updated_at: r.updated_at,
            };
            match (r.status, item.outgoing) {
                (ConnectionStatus::Accepted, _) => list.connected.push(item),
                (ConnectionStatus::Pending, false) => list.incoming.push(item),
                (ConnectionStatus::Pending, true) => list.outgoing.push(item),
                (ConnectionStatus::Rejected, _) => {}
            }
        }
        Ok(list)
    }

    pub async fn connections_request(&self, req: UserTarget) -> Result<()> {
        let actor = self.require(Command::ConnectionsRequest).await?;
        if req.user_id == actor.user {
            return Err(ApiError::field(
                "user_id",
                "You cannot connect with yourself.",
            ));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        people_repo::person(&mut tx, req.user_id)
            .await?
            .filter(|p| p.is_active)
            .ok_or_else(|| ApiError::not_found("The person"))?;
        let facts = repo::relationship(&mut tx, actor.user, req.user_id).await?;
        if facts.blocked {
            return Err(ApiError::forbidden("You cannot connect with this person."));
        }
        match repo::connection_between(&mut tx, actor.user, req.user_id).await? {
            Some(c) if c.status == ConnectionStatus::Accepted => {
                return Err(ApiError::conflict("You are already connected."));
            }
            Some(c) if c.status == ConnectionStatus::Pending => {
                return Err(ApiError::conflict(if c.requester == actor.user {
                    "Your request is waiting for an answer."
                } else {
                    "They have asked to connect with you: answer their request."
                }));
            }
            _ => {}
        }
        repo::request_connection(&mut tx, actor.user, req.user_id, now).await?;
        let published = self
            .record(
                &mut tx,
                &[(
                    Event::ConnectionRequested {
                        from: actor.user,
                        to: req.user_id,
                    },
                    Detail::Text(String::new()),
                )],
                actor.user,
                now,
            )
            .await?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(())
    }

    pub async fn connections_answer(&self, req: ConnectionAnswer) -> Result<()> {
        let actor = self.require(Command::ConnectionsAnswer).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let c = repo::connection(&mut tx, req.id)
            .await?
            .filter(|c| c.requester == actor.user || c.receiver == actor.user)
            .ok_or_else(|| ApiError::not_found("This connection request"))?;
        if c.receiver != actor.user || c.status != ConnectionStatus::Pending {
            return Err(ApiError::conflict(
                "Only a request sent to you and still waiting can be answered.",
            ));
        }
        let status = if req.accept {
            ConnectionStatus::Accepted
        } else {
            ConnectionStatus::Rejected
        };
        repo::set_connection_status(&mut tx, c.id, status, now).await?;
        let published = if req.accept {
            let event = Event::ConnectionAccepted {
                by: actor.user,
                requester: c.requester,
            };
            self.record(
                &mut tx,
                &[(event, Detail::Text(String::new()))],
                actor.user,
                now,
            )
            .await?
        } else {
            Vec::new()
        };
        Db::commit(tx).await?;
        self.publish(published);
        Ok(())
    }

    /// Withdraws one's request, or ends a connection.
    pub async fn connections_remove(&self, req: ConnectionTarget) -> Result<()> {
        let actor = self.require(Command::ConnectionsRemove).await?;
        let mut tx = self.db.write().await?;
        let c = repo::connection(&mut tx, req.id)
            .await?
            .filter(|c| c.requester == actor.user || c.receiver == actor.user)
            .ok_or_else(|| ApiError::not_found("This connection"))?;
        repo::remove_connection(&mut tx, c.id).await?;
        Db::commit(tx).await
    }

    // ---- Conversations and messages ----

    async fn summary(
        &self,
        conn: &mut SqliteConnection,
        record: ConversationRecord,
        viewer: UserId,
    ) -> Result<ConversationSummary> {
        let people = people_repo::people(conn, &shown_members(&record, viewer)).await?;
        let people: Vec<&PersonRecord> = people.iter().collect();
        Ok(summary_of(record, viewer, &people))
    }

    fn message_view(&self, m: MessageRecord, viewer: UserId, now: DateTime<Utc>) -> Message {
        Message {
            id: m.id,
            conversation_id: m.conversation,
            sender: m.sender,
            can_change: m.sender == viewer
                && !m.deleted
                && messaging::can_change(m.created_at, now).is_ok(),
            body: m.body,
            sent_at: m.created_at,
            edited: m.edited_at.is_some(),
            deleted: m.deleted,
        }
    }

    pub async fn conversations_list(&self) -> Result<ConversationList> {
        let actor = self.require(Command::ConversationsList).await?;
        let mut conn = self.db.read().await?;
        let records = repo::conversations_of(&mut conn, actor.user).await?;
        // Everyone in any of them, read at once (not one query per conversation).
        let people = repo::people_with(&mut conn, actor.user).await?;
        let conversations: Vec<ConversationSummary> = records
            .into_iter()
            .map(|r| {
                let mine: Vec<&PersonRecord> = r
                    .members
                    .iter()
                    .filter_map(|m| {
                        let at = people.binary_search_by_key(m, |p| p.id).ok()?;
                        Some(&people[at])
                    })
                    .collect();
                summary_of(r, actor.user, &mine)
            })
            .collect();
        let unread_total = conversations.iter().map(|c| c.unread).sum();
        Ok(ConversationList {
            conversations,
            unread_total,
        })
    }

    /// The unread counts behind the Messages badge, without reading the conversations.
    pub async fn conversations_unread(&self) -> Result<UnreadCounts> {
        let actor = self.require(Command::ConversationsUnread).await?;
        let mut conn = self.db.read().await?;
        let conversations = repo::unread_counts(&mut conn, actor.user).await?;
        Ok(UnreadCounts {
            total: conversations.iter().map(|(_, n)| *n).sum(),
            conversations,
        })
    }

    /// The direct conversation with someone one may write to (created on first use).
    pub async fn conversations_open_direct(&self, req: UserTarget) -> Result<ConversationSummary> {
        let actor = self.require(Command::ConversationsOpenDirect).await?;
        if req.user_id == actor.user {
            return Err(ApiError::field("user_id", "Choose someone else."));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        people_repo::person(&mut tx, req.user_id)
            .await?
            .ok_or_else(|| ApiError::not_found("The person"))?;
        let facts = repo::relationship(&mut tx, actor.user, req.user_id).await?;
        if let Some(why) = direct_message_refusal(facts) {
            return Err(ApiError::forbidden(why));
        }
        let id = repo::direct_conversation(&mut tx, actor.user, req.user_id, now).await?;
        let record = repo::conversation_for(&mut tx, id, actor.user)
            .await?
            .ok_or_else(|| ApiError::internal("The new conversation was not found."))?;
        let summary = self.summary(&mut tx, record, actor.user).await?;
        Db::commit(tx).await?;
        Ok(summary)
    }

    pub async fn conversations_create_group(
        &self,
        req: NewGroupConversation,
    ) -> Result<ConversationSummary> {
        let actor = self.require(Command::ConversationsCreateGroup).await?;
        let title = messaging::group_name(&req.title).map_err(|m| ApiError::field("title", m))?;
        let mut members: Vec<UserId> = req
            .members
            .iter()
            .copied()
            .filter(|m| *m != actor.user)
            .collect();
        members.sort();
        members.dedup();
        if members.len() < 2 {
            return Err(ApiError::field(
                "members",
                "Add at least two people (for one person, open a direct conversation).",
            ));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        let people = people_repo::people(&mut tx, &members).await?;
        for m in &members {
            let Some(p) = people.iter().find(|p| p.id == *m && p.is_active) else {
                return Err(ApiError::field(
                    "members",
                    "Someone on the list does not exist.",
                ));
            };
            let facts = repo::relationship(&mut tx, actor.user, *m).await?;
            if direct_message_refusal(facts).is_some() {
                return Err(ApiError::field(
                    "members",
                    format!("You cannot message {} yet.", p.name()),
                ));
            }
        }
        let id =
            repo::create_group_conversation(&mut tx, &title, actor.user, &members, now).await?;
        let record = repo::conversation_for(&mut tx, id, actor.user)
            .await?
            .ok_or_else(|| ApiError::internal("The new conversation was not found."))?;
        let summary = self.summary(&mut tx, record, actor.user).await?;
        Db::commit(tx).await?;
        Ok(summary)
    }

    /// A page of a conversation (the newest by default), oldest first.
    pub async fn messages_page(&self, req: MessageQuery) -> Result<MessagePage> {
        let actor = self.require(Command::MessagesPage).await?;
        let now = self.now();
        let limit = req.limit.unwrap_or(PAGE).clamp(1, PAGE_MAX);
        let mut conn = self.db.read().await?;
        let record = repo::conversation_for(&mut conn, req.conversation_id, actor.user)
            .await?
            .ok_or_else(|| ApiError::not_found("This conversation"))?;
        let (messages, more_before) =
            repo::page(&mut conn, req.conversation_id, req.before, limit).await?;
        // The people the summary names and those who wrote this page, read at once (a
        // large group's members are never read whole).
        let mut senders: Vec<UserId> = messages.iter().map(|m| m.sender).collect();
        senders.sort_unstable();
        senders.dedup();
        let mut wanted = shown_members(&record, actor.user);
        wanted.extend(senders.iter().copied());
        wanted.sort_unstable();
        wanted.dedup();
        let people = people_repo::people(&mut conn, &wanted).await?;
        let refs: Vec<&PersonRecord> = people.iter().collect();
        let senders = senders
            .iter()
            .filter_map(|id| people.iter().find(|p| p.id == *id))
            .map(|p| brief(p, None))
            .collect();
        Ok(MessagePage {
            conversation: summary_of(record, actor.user, &refs),
            messages: messages
                .into_iter()
                .map(|m| self.message_view(m, actor.user, now))
                .collect(),
            senders,
            more_before,
        })
    }

    pub async fn messages_send(&self, req: SendMessage) -> Result<Message> {
        let actor = self.require(Command::MessagesSend).await?;
        let body = messaging::message_body(&req.body).map_err(|m| ApiError::field("body", m))?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let record = repo::conversation_for(&mut tx, req.conversation_id, actor.user)
            .await?
            .ok_or_else(|| ApiError::not_found("This conversation"))?;
        let others: Vec<UserId> = record
            .members
            .iter()
            .copied()
            .filter(|m| *m != actor.user)
            .collect();
        if record.kind == ConversationKind::Direct {
            for other in &others {
                let facts = repo::relationship(&mut tx, actor.user, *other).await?;
                if let Some(why) = direct_message_refusal(facts) {
                    return Err(ApiError::forbidden(why));
                }
            }
        }
        let id = repo::send(&mut tx, req.conversation_id, actor.user, &body, now).await?;
        let event = Event::MessageSent {
            conversation: req.conversation_id,
            sender: actor.user,
            recipients: others,
        };
        let published = self
            .record(
                &mut tx,
                &[(event, Detail::Text(first_line(&body, 140)))],
                actor.user,
                now,
            )
            .await?;
        let stored = repo::message(&mut tx, id)
            .await?
            .ok_or_else(|| ApiError::internal("The message was not stored."))?;
        Db::commit(tx).await?;
        self.publish(published);
        Ok(self.message_view(stored, actor.user, now))
    }

    async fn own_message(
        &self,
        conn: &mut SqliteConnection,
        id: i64,
        viewer: UserId,
        now: DateTime<Utc>,
    ) -> Result<MessageRecord> {
        let m = repo::message(conn, id)
            .await?
            .ok_or_else(|| ApiError::not_found("This message"))?;
        // Only members see a message at all.
        repo::conversation_for(conn, m.conversation, viewer)
            .await?
            .ok_or_else(|| ApiError::not_found("This message"))?;
        if m.sender != viewer {
            return Err(ApiError::forbidden(
                "You can only change your own messages.",
            ));
        }
        if m.deleted {
            return Err(ApiError::conflict("This message was deleted."));
        }
        messaging::can_change(m.created_at, now).map_err(ApiError::conflict)?;
        Ok(m)
    }

    pub async fn messages_edit(&self, req: EditMessage) -> Result<Message> {
        let actor = self.require(Command::MessagesEdit).await?;
        let body = messaging::message_body(&req.body).map_err(|m| ApiError::field("body", m))?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        self.own_message(&mut tx, req.id, actor.user, now).await?;
        repo::edit(&mut tx, req.id, &body, now).await?;
        let stored = repo::message(&mut tx, req.id)
            .await?
            .ok_or_else(|| ApiError::internal("The message was not stored."))?;
        Db::commit(tx).await?;
        Ok(self.message_view(stored, actor.user, now))
    }

    pub async fn messages_delete(&self, req: MessageTarget) -> Result<()> {
        let actor = self.require(Command::MessagesDelete).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        self.own_message(&mut tx, req.id, actor.user, now).await?;
        repo::delete(&mut tx, req.id, now).await?;
        Db::commit(tx).await
    }

    /// Marks a conversation read, with its message notifications.
    pub async fn conversations_mark_read(&self, req: ConversationTarget) -> Result<()> {
        let actor = self.require(Command::ConversationsMarkRead).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        repo::conversation_for(&mut tx, req.id, actor.user)
            .await?
            .ok_or_else(|| ApiError::not_found("This conversation"))?;
        repo::mark_read(&mut tx, req.id, actor.user).await?;
        notes_repo::mark_subject_read(&mut tx, actor.user, Subject::Conversation(req.id), now)
            .await?;
        Db::commit(tx).await
    }

    /// Searches the caller's conversations, newest first (at most 50 hits).
    pub async fn messages_search(&self, req: MessageSearch) -> Result<Vec<MessageHit>> {
        let actor = self.require(Command::MessagesSearch).await?;
        let typed = mentordesk_core::validate::search_field("query", &req.query)?;
        let Some(query) = messaging::search_query(&typed) else {
            return Err(ApiError::field("query", "Type a word to search for."));
        };
        let now = self.now();
        let mut conn = self.db.read().await?;
        let hits = repo::search(&mut conn, actor.user, &query, 50).await?;
        // The hits' conversations and, for direct ones, the other person: read at once.
        let mut ids: Vec<ConversationId> = hits.iter().map(|(m, _)| m.conversation).collect();
        ids.sort_unstable();
        ids.dedup();
        let records = repo::conversations_among(&mut conn, actor.user, &ids).await?;
        let mut others: Vec<UserId> = records
            .iter()
            .filter(|r| r.kind == ConversationKind::Direct)
            .flat_map(|r| r.members.iter().copied().filter(|m| *m != actor.user))
            .collect();
        others.sort_unstable();
        others.dedup();
        let people = people_repo::people(&mut conn, &others).await?;
        let people: Vec<&PersonRecord> = people.iter().collect();
        let titles: Vec<(ConversationId, String)> = records
            .iter()
            .map(|r| (r.id, title_of(r, actor.user, &people)))
            .collect();
        let mut out = Vec::with_capacity(hits.len());
        for (m, snippet) in hits {
            let title = titles
                .iter()
                .find(|(c, _)| *c == m.conversation)
                .map(|(_, t)| t.clone())
                .ok_or_else(|| ApiError::internal("A hit's conversation is gone."))?;
            out.push(MessageHit {
                message: self.message_view(m, actor.user, now),
                conversation_title: title,
                snippet,
            });
        }
        Ok(out)
    }

    // ---- Notification centre ----

    pub async fn notifications_list(&self, req: NotificationQuery) -> Result<NotificationList> {
        let actor = self.require(Command::NotificationsList).await?;
        let limit = req.limit.unwrap_or(PAGE).clamp(1, PAGE_MAX);
        let mut conn = self.db.read().await?;
        let (items, more) =
            notes_repo::list(&mut conn, actor.user, req.unread_only, req.before, limit).await?;
        let unread = notes_repo::unread_count(&mut conn, actor.user).await?;
        Ok(NotificationList {
            items,
            unread,
            more,
        })
    }

    pub async fn notifications_mark_read(&self, req: NotificationTarget) -> Result<()> {
        let actor = self.require(Command::NotificationsMarkRead).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        notes_repo::mark_read(&mut tx, actor.user, Some(req.id), now).await?;
        Db::commit(tx).await
    }

    pub async fn notifications_mark_all_read(&self) -> Result<u32> {
        let actor = self.require(Command::NotificationsMarkAllRead).await?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let n = notes_repo::mark_read(&mut tx, actor.user, None, now).await?;
        Db::commit(tx).await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

impl Mentordesk {
    /// When the next reminder is due, and until when the signed-in person paused theirs:
    /// what the scheduler sleeps on (see `core::reminders::sleep_for`).
    pub async fn reminders_next(&self) -> Result<(Option<DateTime<Utc>>, Option<DateTime<Utc>>)> {
        let mut conn = self.db.read().await?;
        let next = notes_repo::next_due(&mut conn).await?;
        let paused = match self.current_session() {
            Some(s) => notes_repo::settings(&mut conn, s.user).await?.paused_until,
            None => None,
        };
        Ok((next, paused))
    }

    /// Handles every reminder due now, in one transaction: one whose session or
    /// appointment is still ahead becomes a notification (announced after commit), one
    /// whose subject has started is dropped; either way it never comes back. Reminders
    /// of someone who paused theirs wait until the pause ends. Open action items coming
    /// due are announced to their assignee here too, once per due date.
    pub async fn reminders_fire_due(&self) -> Result<Vec<Published>> {
        let now = self.now();
        let mut tx = self.db.write().await?;
        let due = notes_repo::due(&mut tx, now, 500).await?;
        let mut published = Vec::new();
        for r in due {
            let settings = notes_repo::settings(&mut tx, r.user).await?;
            if settings.paused_until.is_some_and(|until| until > now) {
                continue;
            }
            notes_repo::mark_fired(&mut tx, r.id, now).await?;
            let Some(reminder) = self.reminder_text(&mut tx, &r).await? else {
                continue;
            };
            if reminders::overdue(r.starts_at, now) == reminders::Overdue::Drop {
                continue;
            }
            let new = NewNotification {
                user: r.user,
                kind: NotificationKind::Reminder,
                title: reminder.0,
                body: reminder.1,
                subject: r.subject,
            };
            let id = notes_repo::insert(&mut tx, &new, now).await?;
            published.push(Published::stored(id, new, now, reminder.2));
        }
        // Action items coming due: the day before their date in the assignee's zone (or
        // at once when already due), once per due date. Two days ahead in UTC covers
        // every zone's "tomorrow".
        let horizon = (now + chrono::Duration::days(2)).date_naive();
        for item in notes_repo::action_items_coming_due(&mut tx, horizon, 500).await? {
            let zone = people_repo::person(&mut tx, item.assignee)
                .await?
                .and_then(|p| p.time_zone.parse().ok())
                .unwrap_or(chrono_tz::UTC);
            let today = mentordesk_core::local_time::today(zone, now);
            let Some(when) = reminders::action_item_due(item.due, today) else {
                continue;
            };
            notes_repo::mark_action_item_announced(&mut tx, item.id, item.due).await?;
            let new = NewNotification {
                user: item.assignee,
                kind: NotificationKind::ActionItemDue,
                title: format!("Action item {when}: {}", item.title),
                body: format!(
                    "From {} · due {}",
                    item.session_title,
                    item.due.format("%a %-d %b")
                ),
                subject: Subject::Session(item.session),
            };
            let id = notes_repo::insert(&mut tx, &new, now).await?;
            published.push(Published::stored(id, new, now, None));
        }
        Db::commit(tx).await?;
        self.publish(published.clone());
        Ok(published)
    }

    /// A reminder's title ("Career chat in 10 minutes"), its line (with whom, when in
    /// the person's zone) and the meeting link; `None` if its subject is gone.
    async fn reminder_text(
        &self,
        conn: &mut SqliteConnection,
        r: &notes_repo::ReminderRecord,
    ) -> Result<Option<(String, String, Option<String>)>> {
        let (title, with, starts_at, ends_at, link) = match r.subject {
            Subject::Session(id) => {
                let Some(s) = mentordesk_db::sessions::get(conn, id).await? else {
                    return Ok(None);
                };
                let other = if s.mentor == r.user {
                    s.mentee
                } else {
                    s.mentor
                };
                let people = people_repo::people(conn, &[other]).await?;
                (
                    s.title,
                    format!("with {}", name_of(&people, other)),
                    s.starts_at,
                    s.ends_at,
                    s.meeting_link,
                )
            }
            Subject::Appointment(id) => {
                let Some(a) = people_repo::get(conn, id).await? else {
                    return Ok(None);
                };
                let people = people_repo::people(conn, &[a.organiser]).await?;
                (
                    a.title,
                    format!("organised by {}", name_of(&people, a.organiser)),
                    a.starts_at,
                    a.ends_at,
                    a.meeting_link,
                )
            }
            _ => return Ok(None),
        };
        let zone = people_repo::person(conn, r.user)
            .await?
            .and_then(|p| p.time_zone.parse().ok())
            .unwrap_or(chrono_tz::UTC);
        Ok(Some((
            format!("{title} in {}", reminders::lead_text(r.lead_minutes)),
            format!(
                "{with} · {}",
                crate::sessions::slot_text(zone, starts_at, ends_at)
            ),
            (!link.is_empty()).then_some(link),
        )))
    }
}

impl Mentordesk {
    /// Tells the API whether native notifications can be shown here (the shell probes
    /// the notification server at start-up); the settings screen shows it.
    pub fn set_native_status(&self, status: NativeStatus) {
        *self
            .native_status
            .lock()
            .expect("status mutex is never poisoned") = status;
    }

    fn native_status(&self) -> NativeStatus {
        self.native_status
            .lock()
            .expect("status mutex is never poisoned")
            .clone()
    }

    async fn settings_view(
        &self,
        conn: &mut SqliteConnection,
        user: UserId,
    ) -> Result<NotificationSettings> {
        let stored = notes_repo::settings(conn, user).await?;
        Ok(NotificationSettings {
            lead_minutes: stored.lead_minutes,
            native: NotificationKind::ALL
                .into_iter()
                .filter(|k| !stored.native_off.contains(k))
                .collect(),
            paused_until: stored.paused_until.filter(|until| *until > self.now()),
            native_status: self.native_status(),
            // Closing to the tray is what a reminder app should do unless told otherwise.
            close_to_tray: settings_repo::get(conn, CLOSE_TO_TRAY).await?.as_deref()
                != Some("false"),
            start_at_login: settings_repo::get(conn, START_AT_LOGIN).await?.as_deref()
                == Some("true"),
        })
    }

    pub async fn notification_settings_get(&self) -> Result<NotificationSettings> {
        let actor = self.require(Command::NotificationSettingsGet).await?;
        let mut conn = self.db.read().await?;
        self.settings_view(&mut conn, actor.user).await
    }

    /// Saves lead times (each 1 minute to 7 days, at most 5; checked by the core, nothing
    /// saved if one is wrong), which kinds appear natively, and the app's tray and login
    /// behaviour. The person's upcoming reminders are planned again with the new times.
    pub async fn notification_settings_save(
        &self,
        req: NotificationSettingsUpdate,
    ) -> Result<NotificationSettings> {
        let actor = self.require(Command::NotificationSettingsSave).await?;
        let leads = reminders::validate_leads(&req.lead_minutes)
            .map_err(|m| ApiError::field("lead_minutes", m))?;
        let now = self.now();
        let mut tx = self.db.write().await?;
        let mut stored = notes_repo::settings(&mut tx, actor.user).await?;
        stored.lead_minutes = leads;
        stored.native_off = NotificationKind::ALL
            .into_iter()
            .filter(|k| !req.native.contains(k))
            .collect();
        notes_repo::save_settings(&mut tx, actor.user, &stored, now).await?;
        let flag = |b: bool| if b { "true" } else { "false" };
        settings_repo::set(&mut tx, CLOSE_TO_TRAY, flag(req.close_to_tray)).await?;
        settings_repo::set(&mut tx, START_AT_LOGIN, flag(req.start_at_login)).await?;
        for (subject, starts_at) in notes_repo::upcoming_subjects(&mut tx, actor.user, now).await? {
            plan_reminders(&mut tx, actor.user, subject, starts_at, now).await?;
        }
        let view = self.settings_view(&mut tx, actor.user).await?;
        Db::commit(tx).await?;
        Ok(view)
    }

    /// Holds the signed-in person's reminders back for `minutes` (the tray's "pause for
    /// an hour"), or lifts the pause with 0. At most a week.
    pub async fn reminders_pause(&self, req: PauseReminders) -> Result<NotificationSettings> {
        let actor = self.require(Command::RemindersPause).await?;
        if req.minutes > reminders::MAX_LEAD_MINUTES {
            return Err(ApiError::field(
                "minutes",
                "Pause reminders for at most 7 days.",
            ));
        }
        let now = self.now();
        let mut tx = self.db.write().await?;
        let mut stored = notes_repo::settings(&mut tx, actor.user).await?;
        stored.paused_until =
            (req.minutes > 0).then(|| now + chrono::Duration::minutes(i64::from(req.minutes)));
        notes_repo::save_settings(&mut tx, actor.user, &stored, now).await?;
        let view = self.settings_view(&mut tx, actor.user).await?;
        Db::commit(tx).await?;
        Ok(view)
    }
}

/// Workspace settings of this installation (not of a person).
const CLOSE_TO_TRAY: &str = "close_to_tray";
const START_AT_LOGIN: &str = "start_at_login";

/// What the shell's tray and window need. These are not IPC commands: they concern the
/// person this device reminds — the last one who signed in here and has not signed out.
/// An inactivity timeout locks the app, but their reminders keep coming, like a phone's
/// notifications on its lock screen; signing out stops them.
impl Mentordesk {
    pub fn reminder_person(&self) -> Option<UserId> {
        *self
            .reminder_person
            .lock()
            .expect("reminder person mutex is never poisoned")
    }

    pub(crate) async fn set_reminder_person(&self, user: Option<UserId>) -> Result<()> {
        let mut tx = self.db.write().await?;
        match user {
            Some(user) => settings_repo::set(&mut tx, REMINDER_PERSON, &user.to_string()).await?,
            None => settings_repo::set(&mut tx, REMINDER_PERSON, "").await?,
        }
        Db::commit(tx).await?;
        *self
            .reminder_person
            .lock()
            .expect("reminder person mutex is never poisoned") = user;
        Ok(())
    }

    /// Their next confirmed session or scheduled appointment that has not ended, with its
    /// countdown; `None` when nobody is reminded here or nothing is ahead.
    pub async fn next_up(&self) -> Result<Option<NextUp>> {
        let Some(user) = self.reminder_person() else {
            return Ok(None);
        };
        let now = self.now();
        let mut conn = self.db.read().await?;
        let next = notes_repo::next_up(&mut conn, user, now).await?;
        Ok(next.map(|(subject, title, starts_at)| NextUp {
            title,
            subject,
            starts_at,
            countdown: reminders::countdown(starts_at, now),
        }))
    }

    /// Until when their reminders are paused (`None`: not paused, or nobody reminded here).
    pub async fn reminders_paused_until(&self) -> Result<Option<DateTime<Utc>>> {
        let Some(user) = self.reminder_person() else {
            return Ok(None);
        };
        let mut conn = self.db.read().await?;
        let stored = notes_repo::settings(&mut conn, user).await?;
        Ok(stored.paused_until.filter(|until| *until > self.now()))
    }

    /// The tray's "Pause reminders for an hour" (0 minutes resumes them) for the person
    /// reminded here; `Ok(None)` if there is nobody.
    pub async fn pause_reminders_here(&self, minutes: u32) -> Result<Option<DateTime<Utc>>> {
        let Some(user) = self.reminder_person() else {
            return Ok(None);
        };
        let minutes = minutes.min(reminders::MAX_LEAD_MINUTES);
        let now = self.now();
        let mut tx = self.db.write().await?;
        let mut stored = notes_repo::settings(&mut tx, user).await?;
        stored.paused_until =
            (minutes > 0).then(|| now + chrono::Duration::minutes(i64::from(minutes)));
        notes_repo::save_settings(&mut tx, user, &stored, now).await?;
        Db::commit(tx).await?;
        Ok(stored.paused_until)
    }

    /// This installation's window behaviour: (close to tray, start at login).
    pub async fn shell_preferences(&self) -> Result<(bool, bool)> {
        let mut conn = self.db.read().await?;
        Ok((
            settings_repo::get(&mut conn, CLOSE_TO_TRAY)
                .await?
                .as_deref()
                != Some("false"),
            settings_repo::get(&mut conn, START_AT_LOGIN)
                .await?
                .as_deref()
                == Some("true"),
        ))
    }
}

/// Who the device reminds, as stored (an account that is gone or inactive reminds nobody).
pub(crate) async fn stored_reminder_person(conn: &mut SqliteConnection) -> Result<Option<UserId>> {
    let Some(id) = settings_repo::get(conn, REMINDER_PERSON).await? else {
        return Ok(None);
    };
    let Ok(user) = id.parse::<UserId>() else {
        return Ok(None);
    };
    Ok(people_repo::person(conn, user).await?.map(|_| user))
}

const REMINDER_PERSON: &str = "reminder_person";
