//! Sessions, their notes, action items and ratings; group appointments; calendar files.

use crate::ids::{ActionItemId, AppointmentId, NoteId, SessionId, UserId};
use crate::scheduling::{LocalSpan, SessionStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Limits the core enforces (seed 004 §7 and the session page).
pub const TITLE_MAX: usize = 120;
pub const AGENDA_MAX: usize = 2000;
pub const MESSAGE_MAX: usize = 1000;
pub const NOTE_MAX: usize = 5000;
pub const COMMENT_MAX: usize = 1000;
pub const MEETING_LINK_MAX: usize = 500;
pub const ACTION_TITLE_MAX: usize = 200;
pub const ACTION_DESCRIPTION_MAX: usize = 2000;

/// The viewer's side of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionRole {
    Mentor,
    Mentee,
}

impl SessionRole {
    pub fn other(self) -> SessionRole {
        match self {
            SessionRole::Mentor => SessionRole::Mentee,
            SessionRole::Mentee => SessionRole::Mentor,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SessionRole::Mentor => "mentor",
            SessionRole::Mentee => "mentee",
        }
    }
}

/// What a participant does to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionAction {
    Accept,
    Decline,
    Cancel,
    /// Propose a different time (a counter-offer, or a reschedule of a confirmed session).
    ProposeNewTime,
    /// Accept the other party's proposed time.
    AcceptNewTime,
    /// Decline the other party's proposed time; the session keeps its time.
    DeclineNewTime,
    Complete,
    MarkNoShow,
}

impl SessionAction {
    pub const ALL: [SessionAction; 8] = [
        SessionAction::Accept,
        SessionAction::Decline,
        SessionAction::Cancel,
        SessionAction::ProposeNewTime,
        SessionAction::AcceptNewTime,
        SessionAction::DeclineNewTime,
        SessionAction::Complete,
        SessionAction::MarkNoShow,
    ];

    /// The verb as it reads in "cannot … this session".
    pub fn label(self) -> &'static str {
        match self {
            SessionAction::Accept => "accept",
            SessionAction::Decline => "decline",
            SessionAction::Cancel => "cancel",
            SessionAction::ProposeNewTime => "propose a new time for",
            SessionAction::AcceptNewTime => "accept the new time of",
            SessionAction::DeclineNewTime => "decline the new time of",
            SessionAction::Complete => "complete",
            SessionAction::MarkNoShow => "mark as a no-show",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SessionAction::Accept => "accept",
            SessionAction::Decline => "decline",
            SessionAction::Cancel => "cancel",
            SessionAction::ProposeNewTime => "propose_new_time",
            SessionAction::AcceptNewTime => "accept_new_time",
            SessionAction::DeclineNewTime => "decline_new_time",
            SessionAction::Complete => "complete",
            SessionAction::MarkNoShow => "mark_no_show",
        }
    }

    pub fn from_key(key: &str) -> Option<SessionAction> {
        SessionAction::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// Someone as the session pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonBrief {
    pub user_id: UserId,
    pub name: String,
    /// A `data:` URL of the photo; filled on the session page only (lists show initials).
    pub photo: Option<String>,
    pub time_zone: String,
}

/// A wall-clock time typed by the viewer, read in the viewer's own time zone.
///
/// The backend turns it into an instant by the time policy: a time in a spring-forward
/// gap is refused with a field error; an ambiguous (fall-back) time is the earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WallTime {
    pub date: NaiveDate,
    /// `HH:MM`, 24-hour.
    pub time: String,
}

/// A mentee asks a mentor for a slot (seed 003's "book a session").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRequest {
    pub mentor_id: UserId,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: u16,
    pub title: String,
    /// What the mentee wants to discuss (seed 004 `mentee_notes`).
    pub agenda: String,
}

/// A mentor offers a session to a mentee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionProposal {
    pub mentee_id: UserId,
    pub start: WallTime,
    pub duration_minutes: u16,
    pub title: String,
    pub agenda: String,
    pub meeting_link: String,
}

/// One step of the status machine, with a message to the other party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionActionRequest {
    pub session_id: SessionId,
    pub action: SessionAction,
    /// Shown to the other party (seed 001 `responseMessage`); may be empty.
    #[serde(default)]
    pub message: String,
    /// The new start, for `propose_new_time`.
    #[serde(default)]
    pub new_start: Option<WallTime>,
    /// The new length, for `propose_new_time`; `None` keeps the current length.
    #[serde(default)]
    pub new_duration_minutes: Option<u16>,
}

/// Changes to a session's details; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEdit {
    pub session_id: SessionId,
    #[serde(default)]
    pub meeting_link: Option<String>,
    #[serde(default)]
    pub agenda: Option<String>,
    /// The mentor's notes after the session (seed 004 `mentor_notes`); mentor only.
    #[serde(default)]
    pub mentor_notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionScope {
    /// Sessions that have not ended yet, soonest first.
    #[default]
    Upcoming,
    /// Sessions that have ended, latest first.
    Past,
    /// Everything, latest first.
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionFilter {
    pub scope: SessionScope,
    /// Only these statuses; empty means all.
    #[serde(default)]
    pub statuses: Vec<SessionStatus>,
    /// Only sessions starting on or after this date / on or before this date (viewer's zone).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Only sessions where the viewer has this side; `None` means both.
    #[serde(default)]
    pub role: Option<SessionRole>,
    /// At most this many (default 100, at most 500).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub session_id: SessionId,
    pub title: String,
    pub status: SessionStatus,
    pub my_role: SessionRole,
    /// The other participant.
    pub with: PersonBrief,
    pub span: LocalSpan,
    pub duration_minutes: u16,
    /// A new time is waiting for an answer.
    pub has_pending_proposal: bool,
    /// The viewer is the one who has to answer (a request, a proposal or a new time).
    pub awaiting_me: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub viewer_zone: String,
    pub sessions: Vec<SessionSummary>,
}

/// A new time waiting for the other party (seed 001 `proposedDate`, `proposedBy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingProposal {
    pub proposed_by: SessionRole,
    pub proposed_by_name: String,
    pub span: LocalSpan,
    pub message: String,
    pub proposed_at: DateTime<Utc>,
}

/// One line of a session's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEvent {
    pub at: DateTime<Utc>,
    pub actor_name: String,
    /// `created`, or a [`SessionAction`] key.
    pub action: String,
    pub from_status: Option<SessionStatus>,
    pub to_status: SessionStatus,
    pub message: String,
    /// The time proposed or agreed by this step, if it named one.
    pub span: Option<LocalSpan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNote {
    pub note_id: NoteId,
    pub author: PersonBrief,
    pub body: String,
    /// Seen by its author only (seed 001 `isPrivate`).
    pub is_private: bool,
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionItemStatus {
    Pending,
    InProgress,
    Completed,
}

impl ActionItemStatus {
    pub const ALL: [ActionItemStatus; 3] = [
        ActionItemStatus::Pending,
        ActionItemStatus::InProgress,
        ActionItemStatus::Completed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ActionItemStatus::Pending => "pending",
            ActionItemStatus::InProgress => "in_progress",
            ActionItemStatus::Completed => "completed",
        }
    }

    pub fn from_key(key: &str) -> Option<ActionItemStatus> {
        ActionItemStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub item_id: ActionItemId,
    pub title: String,
    pub description: String,
    pub assignee: PersonBrief,
    pub created_by: PersonBrief,
    pub due_date: Option<NaiveDate>,
    pub status: ActionItemStatus,
    /// Past its due date (in the viewer's zone) and not completed.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    pub rater: PersonBrief,
    pub rater_role: SessionRole,
    /// 1–5.
    pub rating: u8,
    pub comment: String,
    pub created_at: DateTime<Utc>,
}

/// Everything the session page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub session_id: SessionId,
    pub title: String,
    pub agenda: String,
    pub status: SessionStatus,
    pub my_role: SessionRole,
    pub mentor: PersonBrief,
    pub mentee: PersonBrief,
    /// In the viewer's zone.
    pub span: LocalSpan,
    /// The same time on the other participant's clock.
    pub other_span: LocalSpan,
    pub duration_minutes: u16,
    pub meeting_link: String,
    pub mentor_notes: String,
    pub pending_proposal: Option<PendingProposal>,
    /// What the viewer may do now, by the status machine and the clock.
    pub allowed_actions: Vec<SessionAction>,
    /// The viewer may rate now (completed, not rated yet).
    pub can_rate: bool,
    pub notes: Vec<SessionNote>,
    pub action_items: Vec<ActionItem>,
    pub ratings: Vec<RatingView>,
    pub history: Vec<SessionEvent>,
    /// Increases with every change of time or status (ICS `SEQUENCE`).
    pub sequence: u32,
    pub viewer_zone: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRef {
    pub session_id: SessionId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteInput {
    pub session_id: SessionId,
    pub body: String,
    pub is_private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteEdit {
    pub note_id: NoteId,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRef {
    pub note_id: NoteId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItemInput {
    pub session_id: SessionId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The mentor or the mentee of the session.
    pub assignee_id: UserId,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItemEdit {
    pub item_id: ActionItemId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub assignee_id: UserId,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    pub status: ActionItemStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItemRef {
    pub item_id: ActionItemId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingInput {
    pub session_id: SessionId,
    /// 1–5.
    pub rating: u8,
    #[serde(default)]
    pub comment: String,
}

/// A mentor's ratings from mentees; the average is `total / count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RatingSummary {
    pub count: u32,
    pub total: u32,
}

impl RatingSummary {
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| f64::from(self.total) / f64::from(self.count))
    }
}

/// A calendar file written to the Downloads folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedCalendar {
    pub path: String,
    pub file_name: String,
    pub events: u32,
}

// ---- Group appointments (seed 002) ----

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Scheduled,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendeeResponse {
    Pending,
    Accepted,
    Declined,
}

impl AttendeeResponse {
    pub fn key(self) -> &'static str {
        match self {
            AttendeeResponse::Pending => "pending",
            AttendeeResponse::Accepted => "accepted",
            AttendeeResponse::Declined => "declined",
        }
    }
}

/// Appointments are 15 minutes to 8 hours long.
pub const APPOINTMENT_MIN_MINUTES: u16 = 15;
pub const APPOINTMENT_MAX_MINUTES: u16 = 480;
pub const APPOINTMENT_MAX_ATTENDEES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub start: WallTime,
    pub duration_minutes: u16,
    #[serde(default)]
    pub meeting_link: String,
    pub attendee_ids: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeView {
    pub person: PersonBrief,
    pub response: AttendeeResponse,
    pub responded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub appointment_id: AppointmentId,
    pub title: String,
    pub description: String,
    pub organiser: PersonBrief,
    pub span: LocalSpan,
    pub duration_minutes: u16,
    pub meeting_link: String,
    pub status: AppointmentStatus,
    pub attendees: Vec<AttendeeView>,
    pub i_organise: bool,
    /// The viewer's own answer when invited.
    pub my_response: Option<AttendeeResponse>,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AppointmentFilter {
    pub scope: SessionScope,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentList {
    pub viewer_zone: String,
    pub appointments: Vec<AppointmentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentResponse {
    pub appointment_id: AppointmentId,
    /// `accepted` or `declined`.
    pub response: AttendeeResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentRef {
    pub appointment_id: AppointmentId,
}

/// Look people up by name to propose a session or invite them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PeopleQuery {
    pub query: String,
    /// Only people with this built-in role key (e.g. `mentee`).
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonResult {
    pub person: PersonBrief,
    pub roles: Vec<String>,
}
