//! Availability as mentors publish it: weekly wall-clock hours in an IANA zone,
//! date exceptions, and booking settings.

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Minutes after local midnight; 1440 means the end of the day.
pub type MinuteOfDay = u16;

/// One range of weekly hours, e.g. Monday 09:00–12:30 (`start < end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyRange {
    pub weekday: Weekday,
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// Time off: the range is removed from that date's hours.
    Unavailable,
    /// Extra hours on that date.
    Extra,
}

/// A change to one date's hours; a whole day off is `Unavailable` 0–1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateException {
    pub date: NaiveDate,
    pub kind: ExceptionKind,
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingSettings {
    /// Session lengths mentees may choose, 30–180 minutes (seed 004).
    pub durations: Vec<u16>,
    pub buffer_before_minutes: u16,
    pub buffer_after_minutes: u16,
    pub min_notice_minutes: u32,
    pub daily_cap: Option<u16>,
    pub weekly_cap: Option<u16>,
    pub horizon_days: u16,
    /// Slots start on this grid of wall-clock minutes from the start of each range.
    pub step_minutes: u16,
}

impl Default for BookingSettings {
    fn default() -> Self {
        BookingSettings {
            durations: vec![30, 60],
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            min_notice_minutes: 12 * 60,
            daily_cap: None,
            weekly_cap: None,
            horizon_days: 56,
            step_minutes: 30,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub time_zone: String,
    pub weekly: Vec<WeeklyRange>,
    pub exceptions: Vec<DateException>,
    pub settings: BookingSettings,
}

/// One status machine for the union of the seeds' session states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// A mentee asked for this time; it holds the slot until the mentor answers.
    Requested,
    /// A mentor offered this time to a mentee; it holds the slot until the mentee answers.
    Proposed,
    Confirmed,
    Declined,
    Cancelled,
    Completed,
    NoShow,
}

impl SessionStatus {
    pub const ALL: [SessionStatus; 7] = [
        SessionStatus::Requested,
        SessionStatus::Proposed,
        SessionStatus::Confirmed,
        SessionStatus::Declined,
        SessionStatus::Cancelled,
        SessionStatus::Completed,
        SessionStatus::NoShow,
    ];

    /// Whether a session in this status occupies its time (for double-booking checks).
    pub fn holds_time(self) -> bool {
        matches!(
            self,
            SessionStatus::Requested | SessionStatus::Proposed | SessionStatus::Confirmed
        )
    }

    pub fn key(self) -> &'static str {
        match self {
            SessionStatus::Requested => "requested",
            SessionStatus::Proposed => "proposed",
            SessionStatus::Confirmed => "confirmed",
            SessionStatus::Declined => "declined",
            SessionStatus::Cancelled => "cancelled",
            SessionStatus::Completed => "completed",
            SessionStatus::NoShow => "no_show",
        }
    }
}

/// A span of time as both the UTC instants and the viewer's wall clock.
///
/// The backend's one time engine fills in the local fields, so the UI never converts zones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSpan {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The local date the span starts on, in the zone it was rendered for.
    pub date: NaiveDate,
    /// Local start and end as `HH:MM`; an end on a later day reads e.g. `01:00 (+1)`.
    pub start: String,
    pub end: String,
    /// The zone's abbreviation at the start, e.g. `BST` or `+0530`.
    pub zone_abbreviation: String,
}

/// The mentor's own availability as stored, plus what the editor needs to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityView {
    pub availability: Availability,
    /// False until the mentor saves availability for the first time.
    pub published: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Which week a week view shows, and whose.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WeekQuery {
    /// Any date in the week (in the viewer's zone); `None` is the current week.
    pub week_of: Option<NaiveDate>,
}

/// A mentor's week: free hours and booked sessions, in the viewer's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekView {
    /// Monday of the week, in the viewer's zone.
    pub week_start: NaiveDate,
    pub viewer_zone: String,
    pub mentor_zone: String,
    /// Published hours after exceptions, split at local midnight of the viewer's zone.
    pub available: Vec<LocalSpan>,
    /// Sessions that hold time (requested, proposed, confirmed) and completed ones.
    pub sessions: Vec<WeekSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekSession {
    pub session_id: crate::ids::SessionId,
    pub title: String,
    pub with_name: String,
    pub status: SessionStatus,
    pub span: LocalSpan,
}

/// Free slots of one mentor for one length of session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotQuery {
    pub mentor_id: crate::ids::UserId,
    /// One of the lengths the mentor offers; `None` is the shortest of them.
    #[serde(default)]
    pub duration_minutes: Option<u16>,
    /// First date to look at, in the viewer's zone; `None` is today.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// How many days to look at (1–366); `None` is the mentor's whole booking horizon.
    #[serde(default)]
    pub days: Option<u16>,
    /// Looking for a new time for this session: its own time does not count as busy.
    #[serde(default)]
    pub for_session: Option<crate::ids::SessionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotList {
    pub mentor_id: crate::ids::UserId,
    pub mentor_name: String,
    pub mentor_zone: String,
    pub viewer_zone: String,
    /// The lengths this mentor offers.
    pub durations: Vec<u16>,
    /// The length the slots are for (0 when the mentor has not published availability).
    pub duration_minutes: u16,
    /// False when the mentor has not published availability yet.
    pub published: bool,
    pub slots: Vec<LocalSpan>,
}
