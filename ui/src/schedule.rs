//! Words and numbers of the scheduling screens: weekdays, clock times, spans, durations,
//! session and appointment states, actions, ratings.
//!
//! The backend sends every time already on the viewer's wall clock ([`LocalSpan`]), so nothing
//! here converts between zones; it only reads and writes `HH:MM` text and formats dates.

use chrono::{Local, NaiveDate, Weekday};
use mentordesk_shared::scheduling::{LocalSpan, MinuteOfDay, SessionStatus};
use mentordesk_shared::sessions::{
    ActionItemStatus, AttendeeResponse, RatingSummary, SessionAction, SessionRole,
};

/// The days of the week in the editor's order, with the key used in element ids.
pub const WEEKDAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Mon, "mon", "Monday"),
    (Weekday::Tue, "tue", "Tuesday"),
    (Weekday::Wed, "wed", "Wednesday"),
    (Weekday::Thu, "thu", "Thursday"),
    (Weekday::Fri, "fri", "Friday"),
    (Weekday::Sat, "sat", "Saturday"),
    (Weekday::Sun, "sun", "Sunday"),
];

/// Session lengths a mentor may offer (seed 004: 30–180 minutes).
pub const SESSION_LENGTHS: [u16; 6] = [30, 45, 60, 90, 120, 180];

/// The last minute of a day: an end of `00:00` typed into a range means midnight at its end.
pub const END_OF_DAY: MinuteOfDay = 1440;

/// Today on this computer's calendar: a starting value for date inputs only.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `540` → `"09:00"`; the end of the day (1440) reads `"00:00"`, as a time input shows it.
pub fn clock_text(minutes: MinuteOfDay) -> String {
    let minutes = minutes % END_OF_DAY;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `"09:30"` → `570`. Seconds, if a time input adds them, are ignored.
pub fn parse_clock(text: &str) -> Option<MinuteOfDay> {
    let mut parts = text.trim().split(':');
    let hours: u16 = parts.next()?.trim().parse().ok()?;
    let minutes: u16 = parts.next()?.trim().get(..2)?.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// The end of a range typed as `HH:MM`: `00:00` is midnight at the end of the day.
pub fn parse_end_clock(text: &str) -> Option<MinuteOfDay> {
    parse_clock(text).map(|m| if m == 0 { END_OF_DAY } else { m })
}

/// A span's start and end as minutes after midnight of its `date`. An end on a later day
/// (`"01:00 (+1)"`) counts past 1440; an end that does not come after the start (a clock
/// change inside the span) falls back to the span's real length.
pub fn span_minutes(span: &LocalSpan) -> (u32, u32) {
    let start = parse_clock(&span.start).map_or(0, u32::from);
    // The backend writes an end at midnight as "24:00".
    if span.end.trim() == "24:00" {
        return (start, 1440);
    }
    let days_later = span
        .end
        .split_once("(+")
        .and_then(|(_, rest)| rest.trim_end_matches(')').trim().parse::<u32>().ok())
        .unwrap_or(0);
    let mut end = parse_clock(&span.end).map_or(0, u32::from) + days_later * 1440;
    if end <= start {
        let length = (span.ends_at - span.starts_at).num_minutes().max(0);
        end = start + u32::try_from(length).unwrap_or(0);
    }
    (start, end)
}

/// "Tue 1 Dec".
pub fn day_heading(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// "Tuesday 1 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "09:00–10:00".
pub fn span_times(span: &LocalSpan) -> String {
    format!("{}–{}", span.start, span.end)
}

/// "Tue 1 Dec, 09:00–10:00 GMT".
pub fn span_text(span: &LocalSpan) -> String {
    format!(
        "{}, {} {}",
        day_heading(span.date),
        span_times(span),
        span.zone_abbreviation
    )
    .trim_end()
    .to_string()
}

/// An IANA zone for reading: "America/New_York" → "America/New York".
pub fn zone_label(zone: &str) -> String {
    zone.replace('_', " ")
}

/// "30 min", "1 h", "1 h 30 min".
pub fn duration_label(minutes: u16) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

pub fn status_label(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Requested => "Requested",
        SessionStatus::Proposed => "Proposed",
        SessionStatus::Confirmed => "Confirmed",
        SessionStatus::Declined => "Declined",
        SessionStatus::Cancelled => "Cancelled",
        SessionStatus::Completed => "Completed",
        SessionStatus::NoShow => "No-show",
    }
}

/// The badge colour of a status: waiting amber, confirmed blue, done grey, refused red.
pub fn status_class(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Requested | SessionStatus::Proposed => "badge badge-pending",
        SessionStatus::Confirmed => "badge badge-confirmed",
        SessionStatus::Completed => "badge badge-muted",
        SessionStatus::Cancelled => "badge badge-cancelled",
        SessionStatus::Declined | SessionStatus::NoShow => "badge badge-danger",
    }
}

pub fn role_label(role: SessionRole) -> &'static str {
    match role {
        SessionRole::Mentor => "Mentor",
        SessionRole::Mentee => "Mentee",
    }
}

/// The text of an action's button.
pub fn action_button_label(action: SessionAction) -> &'static str {
    match action {
        SessionAction::Accept => "Accept",
        SessionAction::Decline => "Decline",
        SessionAction::Cancel => "Cancel session",
        SessionAction::ProposeNewTime => "Propose new time",
        SessionAction::AcceptNewTime => "Accept new time",
        SessionAction::DeclineNewTime => "Keep current time",
        SessionAction::Complete => "Mark completed",
        SessionAction::MarkNoShow => "Mark no-show",
    }
}

/// What a step of a session's history says after the actor's name.
pub fn history_verb(action: &str, to_status: SessionStatus) -> String {
    match SessionAction::from_key(action) {
        Some(SessionAction::Accept) => "accepted the session".into(),
        Some(SessionAction::Decline) => "declined the session".into(),
        Some(SessionAction::Cancel) => "cancelled the session".into(),
        Some(SessionAction::ProposeNewTime) => "proposed a new time".into(),
        Some(SessionAction::AcceptNewTime) => "accepted the new time".into(),
        Some(SessionAction::DeclineNewTime) => "kept the current time".into(),
        Some(SessionAction::Complete) => "marked the session completed".into(),
        Some(SessionAction::MarkNoShow) => "marked a no-show".into(),
        None if action == "created" => match to_status {
            SessionStatus::Requested => "requested the session".into(),
            SessionStatus::Proposed => "proposed the session".into(),
            _ => "created the session".into(),
        },
        None => crate::util::humanize(action).to_lowercase(),
    }
}

pub fn action_item_status_label(status: ActionItemStatus) -> &'static str {
    match status {
        ActionItemStatus::Pending => "Pending",
        ActionItemStatus::InProgress => "In progress",
        ActionItemStatus::Completed => "Completed",
    }
}

pub fn response_label(response: AttendeeResponse) -> &'static str {
    match response {
        AttendeeResponse::Pending => "Waiting",
        AttendeeResponse::Accepted => "Accepted",
        AttendeeResponse::Declined => "Declined",
    }
}

pub fn response_class(response: AttendeeResponse) -> &'static str {
    match response {
        AttendeeResponse::Pending => "badge badge-pending",
        AttendeeResponse::Accepted => "badge badge-success",
        AttendeeResponse::Declined => "badge badge-danger",
    }
}

/// "★ 4.5 (12 ratings)" or "No ratings yet".
pub fn rating_text(summary: RatingSummary) -> String {
    match summary.average() {
        Some(average) => {
            let plural = if summary.count == 1 { "" } else { "s" };
            format!("★ {average:.1} ({} rating{plural})", summary.count)
        }
        None => "No ratings yet".to_string(),
    }
}

/// A whole number of minutes typed into a field; empty is refused with `empty_message`.
pub fn parse_minutes(text: &str, empty_message: &str) -> Result<u16, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(empty_message.to_string());
    }
    text.parse::<u16>()
        .map_err(|_| "Enter a whole number of minutes, like 15.".to_string())
}

/// An optional whole number typed into a field: empty means none.
pub fn parse_optional_u16(text: &str) -> Result<Option<u16>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u16>()
        .map(Some)
        .map_err(|_| "Enter a whole number, or leave it empty for no limit.".to_string())
}

/// A `yyyy-mm-dd` value of a date input.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The value a date input shows for a date.
pub fn date_input(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn span(start: &str, end: &str, minutes: i64) -> LocalSpan {
        let starts_at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        LocalSpan {
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(minutes),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            start: start.into(),
            end: end.into(),
            zone_abbreviation: "GMT".into(),
        }
    }

    #[test]
    fn clock_text_reads_the_end_of_day_as_midnight() {
        assert_eq!(clock_text(570), "09:30");
        assert_eq!(clock_text(1440), "00:00");
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("09:30:00"), Some(570));
        assert_eq!(parse_clock("24:00"), None);
        assert_eq!(parse_end_clock("00:00"), Some(1440));
    }

    #[test]
    fn a_span_ending_the_next_day_runs_past_midnight() {
        assert_eq!(
            span_minutes(&span("23:00", "01:00 (+1)", 120)),
            (1380, 1500)
        );
        assert_eq!(span_minutes(&span("09:00", "10:00", 60)), (540, 600));
        assert_eq!(span_minutes(&span("22:00", "24:00", 120)), (1320, 1440));
        assert_eq!(span_minutes(&span("01:30", "01:15", 45)), (90, 135));
    }

    #[test]
    fn ratings_read_as_stars_or_none() {
        assert_eq!(
            rating_text(RatingSummary { count: 0, total: 0 }),
            "No ratings yet"
        );
        assert_eq!(
            rating_text(RatingSummary { count: 2, total: 9 }),
            "★ 4.5 (2 ratings)"
        );
        assert_eq!(
            rating_text(RatingSummary { count: 1, total: 5 }),
            "★ 5.0 (1 rating)"
        );
    }

    #[test]
    fn durations_read_in_hours_and_minutes() {
        assert_eq!(duration_label(30), "30 min");
        assert_eq!(duration_label(60), "1 h");
        assert_eq!(duration_label(90), "1 h 30 min");
    }
}
