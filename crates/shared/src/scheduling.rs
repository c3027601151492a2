//! Availability as mentors publish it: weekly wall-clock hours in an IANA zone,
//! date exceptions, and booking settings.

use chrono::{NaiveDate, Weekday};
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
