//! Connections and messaging (direct and group conversations).

use crate::notifications::{first_line, Detail};
use crate::people::brief;
use crate::{Mentordesk, Result};
use chrono::{DateTime, Utc};
use mentordesk_core::events::Event;
use mentordesk_core::messaging::{self, direct_message_refusal};
use mentordesk_core::policy::Command;
use mentordesk_db::appointments::{self as people_repo, PersonRecord};
use mentordesk_db::conversations::{self as repo, ConversationRecord, MessageRecord};
use mentordesk_db::notifications as notes_repo;
use mentordesk_db::{Db, SqliteConnection};
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::{ConversationId, UserId};
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ApiError;

/// Messages per page when the caller does not say.
const PAGE: u16 = 50;
const PAGE_MAX: u16 = 200;

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

impl Mentordesk {
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
}
