//! Notifications, reminders, connections, messaging and groups, as they cross IPC.

use crate::ids::*;
use crate::sessions::PersonBrief;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a notification is about; also the unit of the per-kind native preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A reminder before a session or appointment.
    Reminder,
    /// A mentee asked for a session (to the mentor).
    BookingRequest,
    /// A mentor proposed a session (to the mentee).
    SessionProposed,
    SessionConfirmed,
    SessionDeclined,
    SessionCancelled,
    /// The other side proposed a new time.
    RescheduleProposed,
    /// The other side accepted or declined a proposed new time.
    RescheduleAnswered,
    AppointmentInvitation,
    AppointmentCancelled,
    /// A role application was approved or declined.
    ApplicationDecided,
    ConnectionRequest,
    ConnectionAccepted,
    MessageReceived,
    /// An action item assigned to one is due tomorrow or overdue.
    ActionItemDue,
    /// Someone replied to a forum thread one started.
    ForumReply,
    /// A programme application was approved or declined.
    ProgrammeDecision,
    /// A match was proposed (to the programme's managers), or approved, rejected or ended
    /// (to the pair).
    MatchUpdate,
    /// One's programme certificate was approved, or an approved one revoked.
    CertificateUpdate,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 19] = [
        NotificationKind::Reminder,
        NotificationKind::BookingRequest,
        NotificationKind::SessionProposed,
        NotificationKind::SessionConfirmed,
        NotificationKind::SessionDeclined,
        NotificationKind::SessionCancelled,
        NotificationKind::RescheduleProposed,
        NotificationKind::RescheduleAnswered,
        NotificationKind::AppointmentInvitation,
        NotificationKind::AppointmentCancelled,
        NotificationKind::ApplicationDecided,
        NotificationKind::ConnectionRequest,
        NotificationKind::ConnectionAccepted,
        NotificationKind::MessageReceived,
        NotificationKind::ActionItemDue,
        NotificationKind::ForumReply,
        NotificationKind::ProgrammeDecision,
        NotificationKind::MatchUpdate,
        NotificationKind::CertificateUpdate,
    ];

    pub fn key(self) -> &'static str {
        match self {
            NotificationKind::Reminder => "reminder",
            NotificationKind::BookingRequest => "booking_request",
            NotificationKind::SessionProposed => "session_proposed",
            NotificationKind::SessionConfirmed => "session_confirmed",
            NotificationKind::SessionDeclined => "session_declined",
            NotificationKind::SessionCancelled => "session_cancelled",
            NotificationKind::RescheduleProposed => "reschedule_proposed",
            NotificationKind::RescheduleAnswered => "reschedule_answered",
            NotificationKind::AppointmentInvitation => "appointment_invitation",
            NotificationKind::AppointmentCancelled => "appointment_cancelled",
            NotificationKind::ApplicationDecided => "application_decided",
            NotificationKind::ConnectionRequest => "connection_request",
            NotificationKind::ConnectionAccepted => "connection_accepted",
            NotificationKind::MessageReceived => "message_received",
            NotificationKind::ActionItemDue => "action_item_due",
            NotificationKind::ForumReply => "forum_reply",
            NotificationKind::ProgrammeDecision => "programme_decision",
            NotificationKind::MatchUpdate => "match_update",
            NotificationKind::CertificateUpdate => "certificate_update",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// How the settings screen names the kind.
    pub fn label(self) -> &'static str {
        match self {
            NotificationKind::Reminder => "Reminders before sessions and appointments",
            NotificationKind::BookingRequest => "Booking requests",
            NotificationKind::SessionProposed => "Sessions proposed to you",
            NotificationKind::SessionConfirmed => "Confirmations",
            NotificationKind::SessionDeclined => "Declines",
            NotificationKind::SessionCancelled => "Cancellations",
            NotificationKind::RescheduleProposed => "New times proposed",
            NotificationKind::RescheduleAnswered => "Answers to new times",
            NotificationKind::AppointmentInvitation => "Appointment invitations",
            NotificationKind::AppointmentCancelled => "Cancelled appointments",
            NotificationKind::ApplicationDecided => "Application decisions",
            NotificationKind::ConnectionRequest => "Connection requests",
            NotificationKind::ConnectionAccepted => "Accepted connections",
            NotificationKind::MessageReceived => "New messages",
            NotificationKind::ActionItemDue => "Action items coming due",
            NotificationKind::ForumReply => "Replies to your forum threads",
            NotificationKind::ProgrammeDecision => "Decisions on programme applications",
            NotificationKind::MatchUpdate => "Mentor–mentee matches",
            NotificationKind::CertificateUpdate => "Your programme certificates",
        }
    }
}

/// What opening a notification shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Subject {
    Session(SessionId),
    Appointment(AppointmentId),
    Conversation(ConversationId),
    Application(ApplicationId),
    /// A person (connection requests and acceptances).
    Person(UserId),
    Thread(ThreadId),
    Programme(ProgrammeId),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub subject: Subject,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationQuery {
    /// Only unread ones.
    #[serde(default)]
    pub unread_only: bool,
    /// Older than this one (the page before), newest first.
    #[serde(default)]
    pub before: Option<NotificationId>,
    #[serde(default)]
    pub limit: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<Notification>,
    /// All unread, not only those on this page.
    pub unread: u32,
    pub more: bool,
}

/// Whether native notifications can be shown here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "detail", rename_all = "snake_case")]
pub enum NativeStatus {
    /// A notification server answered; its name.
    Available(String),
    /// None answered: notifications stay in the app's notification centre.
    Unavailable(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationSettings {
    /// Reminder lead times in minutes, longest first.
    pub lead_minutes: Vec<u32>,
    /// Kinds that also appear as native notifications.
    pub native: Vec<NotificationKind>,
    /// Reminders are held back until then.
    pub paused_until: Option<DateTime<Utc>>,
    pub native_status: NativeStatus,
    /// Closing the window keeps Mentordesk running in the tray.
    pub close_to_tray: bool,
    pub start_at_login: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationSettingsUpdate {
    pub lead_minutes: Vec<u32>,
    pub native: Vec<NotificationKind>,
    pub close_to_tray: bool,
    pub start_at_login: bool,
}

/// Holds reminders back for `minutes` (0 lifts the pause).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseReminders {
    pub minutes: u32,
}

/// The tray's view: the next session or appointment with its countdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextUp {
    pub title: String,
    pub subject: Subject,
    pub starts_at: DateTime<Utc>,
    /// "in 25 min".
    pub countdown: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    Pending,
    Accepted,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub id: ConnectionId,
    pub person: PersonBrief,
    pub status: ConnectionStatus,
    /// Whether the viewer sent the request.
    pub outgoing: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionList {
    pub connected: Vec<Connection>,
    /// Requests waiting for the viewer's answer.
    pub incoming: Vec<Connection>,
    /// The viewer's requests waiting for an answer.
    pub outgoing: Vec<Connection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionAnswer {
    pub id: ConnectionId,
    pub accept: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationKind {
    Direct,
    Group,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: ConversationId,
    pub kind: ConversationKind,
    /// The other person's name for a direct conversation, else its title.
    pub title: String,
    /// Members other than the viewer, at most [`MEMBERS_SHOWN`] of them (a large group
    /// names a few; `member_count` says how many there are).
    pub members: Vec<PersonBrief>,
    /// Everyone in the conversation, the viewer included.
    pub member_count: u32,
    pub last_message: Option<String>,
    pub last_message_at: Option<DateTime<Utc>>,
    pub unread: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationList {
    pub conversations: Vec<ConversationSummary>,
    pub unread_total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub conversation_id: ConversationId,
    pub sender: UserId,
    pub body: String,
    pub sent_at: DateTime<Utc>,
    pub edited: bool,
    pub deleted: bool,
    /// The viewer's own message, still inside the edit window.
    pub can_change: bool,
}

/// How many members a conversation summary names.
pub const MEMBERS_SHOWN: usize = 12;

/// The unread counts behind the Messages badge: the total and each conversation with
/// unread messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadCounts {
    pub total: u32,
    pub conversations: Vec<(ConversationId, u32)>,
}

/// A page of a conversation, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagePage {
    pub conversation: ConversationSummary,
    pub messages: Vec<Message>,
    /// The people who wrote this page's messages (a large group's summary names only a few
    /// members).
    pub senders: Vec<PersonBrief>,
    /// Older messages exist before the first one here.
    pub more_before: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageQuery {
    pub conversation_id: ConversationId,
    /// Messages older than this id; the newest page when absent.
    #[serde(default)]
    pub before: Option<i64>,
    #[serde(default)]
    pub limit: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendMessage {
    pub conversation_id: ConversationId,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditMessage {
    pub id: i64,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewGroupConversation {
    pub title: String,
    pub members: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageHit {
    pub message: Message,
    pub conversation_title: String,
    /// The body with matches wrapped in `[` `]` marks, shortened around them.
    pub snippet: String,
}

/// A support group (seed 001 supportGroups) as the group list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub description: String,
    pub member_count: u32,
    /// The last thread or reply in the group (its creation when there is none).
    pub last_active_at: DateTime<Utc>,
    /// Whether the viewer is a member.
    pub joined: bool,
}

/// The group list; `search` narrows it to names containing the text (any case).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupQuery {
    #[serde(default)]
    pub search: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewGroup {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTarget {
    pub id: GroupId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: ThreadId,
    pub group_id: GroupId,
    pub title: String,
    pub author: PersonBrief,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: u32,
    pub created_at: DateTime<Utc>,
    /// The last reply (the thread's creation when there is none).
    pub last_reply_at: DateTime<Utc>,
}

/// A page of a group's threads: pinned ones first, then by last activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadQuery {
    pub group_id: GroupId,
    /// Threads to skip (the pages before); 0 when absent.
    #[serde(default)]
    pub offset: Option<u32>,
    #[serde(default)]
    pub limit: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub group: GroupSummary,
    pub threads: Vec<ThreadSummary>,
    /// More threads follow this page.
    pub more: bool,
    /// The viewer may start a thread (members only).
    pub can_post: bool,
    /// The viewer may pin, lock and delete (managers and admins).
    pub can_moderate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub id: ReplyId,
    pub author: PersonBrief,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// The viewer may delete it (its author while the thread is open, or a moderator).
    pub can_delete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadDetail {
    pub group: GroupSummary,
    pub thread: ThreadSummary,
    pub body: String,
    /// Oldest first.
    pub replies: Vec<Reply>,
    /// Moderators (managers, admins) may pin, lock and delete.
    pub can_moderate: bool,
    /// The viewer is a member and the thread is not locked.
    pub can_reply: bool,
    /// The viewer may delete the thread (a moderator, or its author while nobody has
    /// replied and it is not locked).
    pub can_delete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewThread {
    pub group_id: GroupId,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewReply {
    pub thread_id: ThreadId,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadTarget {
    pub id: ThreadId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyTarget {
    pub id: ReplyId,
}

/// What a moderator does to a thread (deleting is `threads_delete`, which authors may
/// also use on their own threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    Pin,
    Unpin,
    Lock,
    Unlock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadModeration {
    pub thread_id: ThreadId,
    pub action: Moderation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionTarget {
    pub id: ConnectionId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationTarget {
    pub id: ConversationId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageTarget {
    pub id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationTarget {
    pub id: NotificationId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSearch {
    pub query: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_key_that_reads_back() {
        let mut keys: Vec<&str> = NotificationKind::ALL.iter().map(|k| k.key()).collect();
        for k in NotificationKind::ALL {
            assert_eq!(NotificationKind::from_key(k.key()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.key()));
        }
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), NotificationKind::ALL.len());
    }
}
