//! The time engine's wall-clock side: instants (UTC) shown and typed in a zone.
//!
//! Policy (the same as the slot finder's, see ARCHITECTURE.md): a wall-clock time in a
//! spring-forward gap does not exist and is refused; an ambiguous wall-clock time (the
//! repeated hour when clocks fall back) means its earlier instant.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;
use mentordesk_shared::scheduling::LocalSpan;
use mentordesk_shared::sessions::WallTime;

/// `HH:MM` (24-hour) as minutes after midnight.
pub fn parse_hhmm(input: &str) -> Option<u16> {
    let (h, m) = input.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    (h < 24 && m < 60).then_some(h * 60 + m)
}

pub fn format_hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The instant a typed wall-clock time names in `tz`, or a message for the field. Dates
/// outside the years requests may name (`validate::date`) are refused.
pub fn wall_time_instant(tz: Tz, wall: &WallTime) -> Result<DateTime<Utc>, String> {
    crate::validate::date(wall.date)?;
    let minutes = parse_hhmm(&wall.time).ok_or("Enter a time as HH:MM, e.g. 09:30.")?;
    let naive = wall.date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minutes));
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => Ok(t.with_timezone(&Utc)),
        None => Err(format!(
            "{} does not exist on {} in {} (the clocks go forward then). Choose another time.",
            wall.time.trim(),
            wall.date.format("%-d %B %Y"),
            tz.name()
        )),
    }
}

/// The start of a local date: local midnight, or the first instant after a gap at midnight.
/// (Checked arithmetic: at the ends of what chrono represents it falls back to reading
/// midnight as UTC rather than overflow.)
pub fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    for shift in 0..=24 * 60 {
        let Some(local) = midnight.checked_add_signed(Duration::minutes(shift)) else {
            break;
        };
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    Utc.from_utc_datetime(&midnight)
}

/// The Monday of the week `date` is in (the earliest date chrono has, for a week that
/// starts before it).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date.checked_sub_signed(Duration::days(i64::from(
        date.weekday().num_days_from_monday(),
    )))
    .unwrap_or(NaiveDate::MIN)
}

/// Today's date on the wall clock of `tz`.
pub fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// A span as instants plus its wall-clock reading in `tz`.
pub fn local_span(tz: Tz, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> LocalSpan {
    let start = starts_at.with_timezone(&tz);
    let end = ends_at.with_timezone(&tz);
    let days_later = (end.date_naive() - start.date_naive()).num_days();
    // An end at exactly midnight reads 24:00 on the same day rather than 00:00 (+1).
    let end_text = if days_later == 1 && end.time() == NaiveTime::MIN {
        "24:00".to_string()
    } else if days_later > 0 {
        format!("{} (+{days_later})", end.format("%H:%M"))
    } else {
        end.format("%H:%M").to_string()
    };
    LocalSpan {
        starts_at,
        ends_at,
        date: start.date_naive(),
        start: start.format("%H:%M").to_string(),
        end: end_text,
        zone_abbreviation: start.format("%Z").to_string(),
    }
}

/// A span in one line, as notifications and histories write it: "Mon 7 Dec 10:00–11:00 WAT".
pub fn slot_text(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let span = local_span(tz, start, end);
    format!(
        "{} {}–{} {}",
        span.date.format("%a %-d %b"),
        span.start,
        span.end,
        span.zone_abbreviation
    )
}

/// Splits a span at the local midnights of `tz`, for day columns of a week view.
pub fn split_at_midnights(
    tz: Tz,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Vec<LocalSpan> {
    let mut out = Vec::new();
    let mut from = starts_at;
    while from < ends_at {
        let date = from.with_timezone(&tz).date_naive();
        let next_day = date
            .checked_add_signed(Duration::days(1))
            .map_or(ends_at, |d| day_start(tz, d));
        // Never loop in place, even where the calendar runs out.
        let to = if next_day > from {
            next_day.min(ends_at)
        } else {
            ends_at
        };
        out.push(local_span(tz, from, to));
        from = to;
    }
    out
}

/// A naive local date-time, for callers that need one (ICS).
pub fn naive_local(tz: Tz, at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&tz).naive_local()
}

/// The date on the wall clock of `tz` at an instant; `None` where that date is past the
/// end of chrono's calendar (an instant near its end, in a zone ahead of UTC).
pub fn checked_local_date(tz: Tz, at: DateTime<Utc>) -> Option<NaiveDate> {
    at.naive_utc()
        .checked_add_signed(Duration::seconds(i64::from(offset_seconds(tz, at))))
        .map(|local| local.date())
}

/// The zone's offset from UTC, in seconds, at an instant.
pub fn offset_seconds(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The first whole minute after `lo`, up to `hi`, at which the offset differs from the
/// one at `lo` (offsets change on whole minutes). `hi` if it never does.
pub fn transition_between(tz: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> DateTime<Utc> {
    let before = offset_seconds(tz, lo);
    let (mut lo, mut hi) = (lo, hi);
    while hi - lo > Duration::minutes(1) {
        let mid = lo + (hi - lo) / 2;
        let mid = mid - Duration::seconds(mid.timestamp().rem_euclid(60));
        if mid <= lo {
            break;
        }
        if offset_seconds(tz, mid) == before {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// A stretch of absolute time `[start, end)` over which a zone keeps one offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetSpan {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Local minus UTC, in seconds.
    pub offset: i32,
}

/// How often [`offset_spans`] probes the zone: two offset changes closer together than
/// this would read as one. No zone's rules have had such a pair in living memory (the
/// closest are the yearly DST changes, months apart).
const PROBE: Duration = Duration::hours(1);

/// The stretches of constant offset that cover `[from, to)`, in order, each change
/// found to the minute.
pub fn offset_spans(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<OffsetSpan> {
    let mut spans = Vec::new();
    if from >= to {
        return spans;
    }
    let mut start = from;
    let mut offset = offset_seconds(tz, from);
    let mut probe = from;
    while probe < to {
        let next = (probe + PROBE).min(to);
        if offset_seconds(tz, next) != offset {
            let at = transition_between(tz, probe, next);
            if at < to {
                spans.push(OffsetSpan {
                    start,
                    end: at,
                    offset,
                });
                start = at;
                offset = offset_seconds(tz, at);
            }
        }
        probe = next;
    }
    spans.push(OffsetSpan {
        start,
        end: to,
        offset,
    });
    spans
}

/// Every instant whose wall-clock reading in `tz` lies in `[start, end)`, as ordered,
/// disjoint `[from, to)` pairs. Most ranges are one pair; a range touching a repeated
/// (fall-back) hour is two when the clock shows part of it twice with other times in
/// between, and a range inside a missing (spring-forward) hour is none.
pub fn wall_clock_instants(
    spans: &[OffsetSpan],
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for span in spans {
        let offset = Duration::seconds(i64::from(span.offset));
        let (Some(lo), Some(hi)) = (
            start.checked_sub_signed(offset),
            end.checked_sub_signed(offset),
        ) else {
            continue;
        };
        let lo = Utc.from_utc_datetime(&lo).max(span.start);
        let hi = Utc.from_utc_datetime(&hi).min(span.end);
        if lo >= hi {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.1 == lo => last.1 = hi,
            _ => out.push((lo, hi)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn typed_times_follow_the_gap_and_fold_policy() {
        let london: Tz = "Europe/London".parse().unwrap();
        // 2027-03-28 01:30 does not exist in London.
        let gap = WallTime {
            date: d(2027, 3, 28),
            time: "01:30".into(),
        };
        let err = wall_time_instant(london, &gap).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        // 2027-10-31 01:30 happens twice; the earlier one (BST, 00:30 UTC) is meant.
        let fold = WallTime {
            date: d(2027, 10, 31),
            time: "01:30".into(),
        };
        let t = wall_time_instant(london, &fold).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        let bad = WallTime {
            date: d(2027, 1, 1),
            time: "25:00".into(),
        };
        assert!(wall_time_instant(london, &bad).is_err());
    }

    #[test]
    fn the_ends_of_the_calendar_never_overflow() {
        let tz: Tz = "Pacific/Kiritimati".parse().unwrap();
        for date in [NaiveDate::MAX, NaiveDate::MIN] {
            let wall = WallTime {
                date,
                time: "23:59".into(),
            };
            let err = wall_time_instant(tz, &wall).unwrap_err();
            assert!(err.contains("between 1900 and 2200"), "{err}");
            let _ = day_start(tz, date);
            let _ = week_start(date);
        }
        let end = day_start(chrono_tz::UTC, NaiveDate::MAX);
        let parts = split_at_midnights(chrono_tz::UTC, end - Duration::hours(30), end);
        assert!(!parts.is_empty());
    }

    #[test]
    fn spans_read_in_the_viewer_s_zone() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2027, 1, 4, 20, 0, 0).unwrap();
        let span = local_span(kolkata, start, start + Duration::hours(1));
        assert_eq!(span.date, d(2027, 1, 5));
        assert_eq!((span.start.as_str(), span.end.as_str()), ("01:30", "02:30"));
        assert_eq!(span.zone_abbreviation, "IST");
        let span = local_span(kolkata, start - Duration::hours(1), start);
        assert_eq!((span.start.as_str(), span.end.as_str()), ("00:30", "01:30"));
        let la: Tz = "America/Los_Angeles".parse().unwrap();
        let late = Utc.with_ymd_and_hms(2027, 1, 5, 7, 0, 0).unwrap();
        let span = local_span(la, late, late + Duration::hours(2));
        assert_eq!(
            (span.start.as_str(), span.end.as_str()),
            ("23:00", "01:00 (+1)")
        );
    }

    #[test]
    fn a_span_over_midnight_splits_into_two_days() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2027, 1, 5, 4, 0, 0).unwrap(); // 23:00 local
        let parts = split_at_midnights(ny, start, start + Duration::hours(2));
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].start.as_str(), parts[0].end.as_str()),
            ("23:00", "24:00")
        );
        assert_eq!(
            (parts[1].start.as_str(), parts[1].end.as_str()),
            ("00:00", "01:00")
        );
        assert_eq!(parts[1].date, d(2027, 1, 5));
    }

    #[test]
    fn hh_mm_parsing_is_strict() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("9:05"), Some(545));
        assert_eq!(parse_hhmm("24:00"), None);
        assert_eq!(parse_hhmm("12:5"), None);
        assert_eq!(parse_hhmm("noon"), None);
    }
}
