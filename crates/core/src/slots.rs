//! The time engine's slot finder: which session starts a mentor can offer.
//!
//! Policy (also in ARCHITECTURE.md):
//! - Availability is wall-clock minutes plus an IANA zone; every instant is UTC.
//! - Candidate starts lie on a wall-clock grid (`step_minutes`) from the start of
//!   each local range. A wall-clock time that does not exist (spring-forward gap)
//!   yields no slot. An ambiguous one (fall-back) yields exactly one slot, at its
//!   *earlier* instant (the first time the clock shows it).
//! - A slot must fit, in absolute time, inside the mentor's availability: every
//!   instant whose wall-clock reading lies in one of the local ranges, merged, so a
//!   range that runs to midnight continues into the next day's range that starts at
//!   midnight. Every minute of an offered slot therefore reads, on the mentor's wall
//!   clock, as a time inside the hours they gave. A range in a repeated (fall-back)
//!   hour covers both occurrences of its own times and never the times between them;
//!   a range reaching into a missing (spring-forward) hour simply has no instants there.
//! - A repeated grid time is offered once, at its first occurrence, and only if that
//!   whole slot is inside the hours; it is never moved to its second occurrence.
//! - Buffers: the mentor's "before" and "after" minutes keep time free around every
//!   session. Between two sessions one gap serves as the first one's "after" and the
//!   second one's "before", so sessions stay `max(before, after)` apart; a slot padded
//!   by its own buffers must not overlap any busy block. It starts at least `min_notice` after now and
//!   before `now + horizon`. Daily and weekly caps count sessions by their start's
//!   local date and ISO week in the mentor's zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::scheduling::{Availability, BookingSettings, ExceptionKind};
use mentordesk_shared::ApiError;
use std::collections::HashMap;

pub const MIN_DURATION: u16 = 30;
pub const MAX_DURATION: u16 = 180;

/// A half-open span of absolute time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Interval {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Interval { start, end }
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A validated availability: the zone parsed, ranges checked, settings in bounds.
#[derive(Debug, Clone)]
pub struct Schedule {
    tz: Tz,
    /// Monday = 0; each day's ranges in minutes, sorted and merged.
    weekly: [Vec<(u16, u16)>; 7],
    exceptions: HashMap<NaiveDate, Vec<(ExceptionKind, u16, u16)>>,
    settings: BookingSettings,
}

fn check_range(start: u16, end: u16) -> Result<(), String> {
    if end > 1440 || start >= end {
        Err("A range must start before it ends, within the day (00:00–24:00).".into())
    } else {
        Ok(())
    }
}

impl Schedule {
    pub fn parse(a: &Availability) -> Result<Schedule, ApiError> {
        let mut errors = FieldErrors::new();
        let tz = errors.check("time_zone", crate::validate::time_zone(&a.time_zone));
        let mut weekly: [Vec<(u16, u16)>; 7] = Default::default();
        for r in &a.weekly {
            if errors
                .check("weekly", check_range(r.start, r.end))
                .is_some()
            {
                weekly[r.weekday.num_days_from_monday() as usize].push((r.start, r.end));
            }
        }
        for day in &mut weekly {
            *day = merge_minutes(std::mem::take(day));
        }
        let mut exceptions: HashMap<NaiveDate, Vec<(ExceptionKind, u16, u16)>> = HashMap::new();
        for e in &a.exceptions {
            let in_range = check_range(e.start, e.end)
                .and_then(|()| crate::validate::date(e.date).map(|_| ()));
            if errors.check("exceptions", in_range).is_some() {
                exceptions
                    .entry(e.date)
                    .or_default()
                    .push((e.kind, e.start, e.end));
            }
        }
        let s = &a.settings;
        if s.durations.is_empty()
            || s.durations
                .iter()
                .any(|d| !(MIN_DURATION..=MAX_DURATION).contains(d))
        {
            errors.add(
                "durations",
                "Session lengths must be between 30 and 180 minutes.",
            );
        }
        if s.buffer_before_minutes > 240 || s.buffer_after_minutes > 240 {
            errors.add("buffers", "Buffers can be at most 4 hours.");
        }
        if !(5..=240).contains(&s.step_minutes) {
            errors.add("step_minutes", "Slots start every 5 to 240 minutes.");
        }
        if !(1..=365).contains(&s.horizon_days) {
            errors.add("horizon_days", "The booking horizon is 1 to 365 days.");
        }
        if s.min_notice_minutes > 30 * 24 * 60 {
            errors.add(
                "min_notice_minutes",
                "Minimum notice can be at most 30 days.",
            );
        }
        if s.daily_cap.is_some_and(|c| !(1..=48).contains(&c)) {
            errors.add("daily_cap", "A daily cap is 1 to 48 sessions, or none.");
        }
        if s.weekly_cap.is_some_and(|c| !(1..=200).contains(&c)) {
            errors.add("weekly_cap", "A weekly cap is 1 to 200 sessions, or none.");
        }
        if a.weekly.len() > 100 || a.exceptions.len() > 1000 {
            errors.add("weekly", "That is more ranges than a week can hold.");
        }
        errors.into_result()?;
        Ok(Schedule {
            tz: tz.expect("checked above"),
            weekly,
            exceptions,
            settings: s.clone(),
        })
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    pub fn settings(&self) -> &BookingSettings {
        &self.settings
    }

    /// The local ranges of one date, after exceptions.
    fn ranges_on(&self, date: NaiveDate) -> Vec<(u16, u16)> {
        let mut ranges = self.weekly[date.weekday().num_days_from_monday() as usize].clone();
        if let Some(list) = self.exceptions.get(&date) {
            for &(kind, start, end) in list {
                if kind == ExceptionKind::Extra {
                    ranges.push((start, end));
                }
            }
            ranges = merge_minutes(ranges);
            for &(kind, start, end) in list {
                if kind == ExceptionKind::Unavailable {
                    ranges = subtract_minutes(&ranges, start, end);
                }
            }
        }
        ranges
    }

    /// The instant a local wall-clock time names, by the policy above. `None` in a gap.
    pub fn local_instant(&self, date: NaiveDate, minute: u16) -> Option<DateTime<Utc>> {
        let naive = local_naive(date, minute)?;
        self.tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// `minute` minutes after the start of `date`; `None` past the end of chrono's calendar.
fn local_naive(date: NaiveDate, minute: u16) -> Option<NaiveDateTime> {
    date.and_time(chrono::NaiveTime::MIN)
        .checked_add_signed(Duration::minutes(i64::from(minute)))
}

fn merge_minutes(mut ranges: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    ranges.sort_unstable();
    let mut out: Vec<(u16, u16)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn subtract_minutes(ranges: &[(u16, u16)], cut_start: u16, cut_end: u16) -> Vec<(u16, u16)> {
    let mut out = Vec::with_capacity(ranges.len() + 1);
    for &(s, e) in ranges {
        if cut_end <= s || e <= cut_start {
            out.push((s, e));
            continue;
        }
        if s < cut_start {
            out.push((s, cut_start));
        }
        if cut_end < e {
            out.push((cut_end, e));
        }
    }
    out
}

/// Sorted, disjoint intervals; `any_overlap` answers in O(log n).
#[derive(Debug, Clone, Default)]
pub struct Timeline(Vec<Interval>);

impl Timeline {
    pub fn from_intervals(mut intervals: Vec<Interval>) -> Timeline {
        intervals.sort_unstable();
        let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
        for i in intervals {
            if i.end <= i.start {
                continue;
            }
            match out.last_mut() {
                Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
                _ => out.push(i),
            }
        }
        Timeline(out)
    }

    pub fn any_overlap(&self, q: &Interval) -> bool {
        // The last interval starting before q ends is the only one that can overlap.
        let idx = self.0.partition_point(|i| i.start < q.end);
        idx > 0 && self.0[idx - 1].end > q.start
    }

    /// Whether `q` lies entirely inside one interval.
    pub fn contains(&self, q: &Interval) -> bool {
        let idx = self.0.partition_point(|i| i.start <= q.start);
        idx > 0 && self.0[idx - 1].end >= q.end
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.0
    }
}

/// What is already in the mentor's calendar.
#[derive(Debug, Clone, Default)]
pub struct Busy {
    /// Sessions that hold time (requested, proposed or confirmed); buffers apply to them.
    pub sessions: Vec<Interval>,
    /// Other busy time (calendar events, blocks); no buffers.
    pub blocks: Vec<Interval>,
}

/// The longest stretch the finder looks at in one call; callers ask for weeks.
pub const MAX_WINDOW_DAYS: i64 = 400;

/// The local ranges (after exceptions) of the dates around `[from, to)`, and the
/// instants they cover: for each range, every instant whose wall-clock reading in the
/// mentor's zone lies inside it (see the module's policy). `to` is clipped to
/// [`MAX_WINDOW_DAYS`] after `from`; dates chrono cannot represent give no hours.
fn hours(
    schedule: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> (Vec<(NaiveDate, u16, u16)>, Timeline) {
    let tz = schedule.tz;
    let to = from
        .checked_add_signed(Duration::days(MAX_WINDOW_DAYS))
        .map_or(to, |limit| to.min(limit));
    let days = chrono::Days::new(1);
    let local_date = |at| crate::local_time::checked_local_date(tz, at);
    let (Some(first_date), Some(last_date)) = (
        local_date(from).and_then(|d| d.checked_sub_days(days)),
        local_date(to).and_then(|d| d.checked_add_days(days)),
    ) else {
        return (Vec::new(), Timeline::default());
    };
    // Offsets in force from a day before the first date to a day after the last one
    // (no zone is more than 26 hours from UTC).
    let (Some(window_start), Some(window_end)) = (
        from.checked_sub_signed(Duration::days(3)),
        to.checked_add_signed(Duration::days(3)),
    ) else {
        return (Vec::new(), Timeline::default());
    };
    let spans = crate::local_time::offset_spans(tz, window_start, window_end);
    let mut local_ranges: Vec<(NaiveDate, u16, u16)> = Vec::new();
    let mut instants: Vec<Interval> = Vec::new();
    let mut date = first_date;
    while date <= last_date {
        for (a, b) in schedule.ranges_on(date) {
            local_ranges.push((date, a, b));
            let (Some(start), Some(end)) = (local_naive(date, a), local_naive(date, b)) else {
                continue;
            };
            instants.extend(
                crate::local_time::wall_clock_instants(&spans, start, end)
                    .into_iter()
                    .map(|(lo, hi)| Interval::new(lo, hi)),
            );
        }
        let Some(next) = date.checked_add_days(days) else {
            break;
        };
        date = next;
    }
    (local_ranges, Timeline::from_intervals(instants))
}

/// The published hours (after exceptions) between `from` and `to`, clipped to them.
pub fn available_hours(
    schedule: &Schedule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Interval> {
    let (_, timeline) = hours(schedule, from, to);
    timeline
        .intervals()
        .iter()
        .filter(|i| i.end > from && i.start < to)
        .map(|i| Interval::new(i.start.max(from), i.end.min(to)))
        .collect()
}

/// Every slot of `duration` minutes the mentor can offer between `from` and `to`.
pub fn available_slots(
    schedule: &Schedule,
    busy: &Busy,
    duration_minutes: u16,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Interval> {
    let s = &schedule.settings;
    let tz = schedule.tz;
    let duration = Duration::minutes(i64::from(duration_minutes));
    let before = Duration::minutes(i64::from(s.buffer_before_minutes));
    let after = Duration::minutes(i64::from(s.buffer_after_minutes));
    // `now` comes from the clock, never from a request, so this arithmetic stays in range.
    let earliest = from.max(now + Duration::minutes(i64::from(s.min_notice_minutes)));
    let latest = to.min(now + Duration::days(i64::from(s.horizon_days)));
    if earliest >= latest {
        return Vec::new();
    }

    let (local_ranges, available) = hours(schedule, earliest, latest);
    let gap = before.max(after);
    let sessions = Timeline::from_intervals(busy.sessions.clone());
    let blocks = Timeline::from_intervals(busy.blocks.clone());
    let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
    let mut per_week: HashMap<(i32, u32), u32> = HashMap::new();
    for session in &busy.sessions {
        let local = session.start.with_timezone(&tz).date_naive();
        *per_day.entry(local).or_default() += 1;
        let week = local.iso_week();
        *per_week.entry((week.year(), week.week())).or_default() += 1;
    }

    let step = s.step_minutes.max(1);
    let mut slots = Vec::new();
    for &(date, a, b) in &local_ranges {
        let mut minute = a;
        while minute < b {
            let Some(start) = schedule.local_instant(date, minute) else {
                minute += step;
                continue; // a wall-clock time in a spring-forward gap: no slot
            };
            minute += step;
            // A slot starts strictly in the future, whatever the notice (seed 004).
            if start < earliest || start <= now || start >= latest {
                continue;
            }
            let slot = Interval::new(start, start + duration);
            if !available.contains(&slot) {
                continue;
            }
            let apart = Interval::new(slot.start - gap, slot.end + gap);
            let padded = Interval::new(slot.start - before, slot.end + after);
            if sessions.any_overlap(&apart) || blocks.any_overlap(&padded) {
                continue;
            }
            let local_date = start.with_timezone(&tz).date_naive();
            if let Some(cap) = s.daily_cap {
                if per_day.get(&local_date).copied().unwrap_or(0) >= u32::from(cap) {
                    continue;
                }
            }
            if let Some(cap) = s.weekly_cap {
                let week = local_date.iso_week();
                if per_week
                    .get(&(week.year(), week.week()))
                    .copied()
                    .unwrap_or(0)
                    >= u32::from(cap)
                {
                    continue;
                }
            }
            slots.push(slot);
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Timelike, Weekday};
    use mentordesk_shared::scheduling::{DateException, WeeklyRange};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn hm(h: u16, m: u16) -> u16 {
        h * 60 + m
    }

    fn schedule(tz: &str, weekly: Vec<WeeklyRange>, settings: BookingSettings) -> Schedule {
        Schedule::parse(&Availability {
            time_zone: tz.into(),
            weekly,
            exceptions: vec![],
            settings,
        })
        .unwrap()
    }

    fn open_settings() -> BookingSettings {
        BookingSettings {
            durations: vec![30, 60],
            min_notice_minutes: 0,
            horizon_days: 365,
            step_minutes: 30,
            ..BookingSettings::default()
        }
    }

    /// Slots on one local date's ranges, for a mentor whose only hours are `ranges` on that weekday.
    fn slots_on(tz: &str, date: NaiveDate, ranges: &[(u16, u16)], duration: u16) -> Vec<Interval> {
        let weekly = ranges
            .iter()
            .map(|&(start, end)| WeeklyRange {
                weekday: date.weekday(),
                start,
                end,
            })
            .collect();
        let s = schedule(tz, weekly, open_settings());
        let tzp: Tz = tz.parse().unwrap();
        let from = tzp
            .from_local_datetime(&local_naive(date, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
            - Duration::hours(6);
        let to = from + Duration::hours(36);
        let now = from - Duration::days(30);
        available_slots(&s, &Busy::default(), duration, now, from, to)
            .into_iter()
            .filter(|slot| {
                slot.start.with_timezone(&tzp).date_naive() == date
                    || ranges.iter().any(|r| r.1 == 1440)
            })
            .collect()
    }

    fn labels(slots: &[Interval], tz: &str) -> Vec<String> {
        let tz: Tz = tz.parse().unwrap();
        slots
            .iter()
            .map(|s| s.start.with_timezone(&tz).format("%H:%M").to_string())
            .collect()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn assert_gap(tz: &str, date: NaiveDate, minute: u16) {
        let tz: Tz = tz.parse().unwrap();
        assert!(
            tz.from_local_datetime(&local_naive(date, minute).unwrap())
                .earliest()
                .is_none(),
            "expected a gap"
        );
    }

    #[test]
    fn london_spring_forward_offers_nothing_in_the_missing_hour() {
        assert_gap("Europe/London", d(2027, 3, 28), hm(1, 0));
        let slots = slots_on("Europe/London", d(2027, 3, 28), &[(0, hm(4, 0))], 30);
        assert_eq!(
            labels(&slots, "Europe/London"),
            ["00:00", "00:30", "02:00", "02:30", "03:00", "03:30"]
        );
    }

    #[test]
    fn london_fall_back_offers_the_repeated_hour_once_at_its_first_occurrence() {
        let slots = slots_on("Europe/London", d(2026, 10, 25), &[(0, hm(4, 0))], 30);
        assert_eq!(
            labels(&slots, "Europe/London"),
            ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30"]
        );
        assert!(
            slots.contains(&Interval::new(
                utc("2026-10-25T00:00:00Z"),
                utc("2026-10-25T00:30:00Z")
            )),
            "01:00 BST"
        );
        assert!(
            !slots.iter().any(|s| s.start == utc("2026-10-25T01:00:00Z")),
            "01:00 GMT is not offered again"
        );
    }

    #[test]
    fn new_york_transitions() {
        assert_gap("America/New_York", d(2027, 3, 14), hm(2, 0));
        let spring = slots_on("America/New_York", d(2027, 3, 14), &[(0, hm(5, 0))], 30);
        assert_eq!(
            labels(&spring, "America/New_York"),
            ["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30"]
        );
        let fall = slots_on("America/New_York", d(2026, 11, 1), &[(0, hm(3, 0))], 30);
        assert_eq!(
            labels(&fall, "America/New_York"),
            ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30"]
        );
        assert!(
            fall.iter().any(|s| s.start == utc("2026-11-01T05:00:00Z")),
            "01:00 EDT"
        );
        assert!(
            !fall.iter().any(|s| s.start == utc("2026-11-01T06:00:00Z")),
            "01:00 EST is the repeat"
        );
    }

    #[test]
    fn santiago_changes_at_midnight_and_ranges_join_across_it() {
        // Chile springs forward at local midnight: Sunday 00:00–00:59 does not exist.
        assert_gap("America/Santiago", d(2026, 9, 6), 0);
        let tz = "America/Santiago";
        let weekly = vec![
            WeeklyRange {
                weekday: Weekday::Sat,
                start: hm(22, 0),
                end: 1440,
            },
            WeeklyRange {
                weekday: Weekday::Sun,
                start: 0,
                end: hm(3, 0),
            },
        ];
        let s = schedule(tz, weekly, open_settings());
        let from = utc("2026-09-05T12:00:00Z");
        let slots = available_slots(
            &s,
            &Busy::default(),
            60,
            from - Duration::days(1),
            from,
            from + Duration::days(1),
        );
        assert_eq!(
            labels(&slots, tz),
            ["22:00", "22:30", "23:00", "23:30", "01:00", "01:30", "02:00"]
        );
        // 23:30 Saturday + 60 minutes runs through the missing midnight hour into Sunday's range.
        assert!(slots.contains(&Interval::new(
            utc("2026-09-06T03:30:00Z"),
            utc("2026-09-06T04:30:00Z")
        )));

        // Autumn: Saturday 23:00–23:59 happens twice; it is offered once, the first time.
        let fall = slots_on(tz, d(2027, 4, 3), &[(hm(22, 0), 1440)], 30);
        assert_eq!(labels(&fall, tz), ["22:00", "22:30", "23:00", "23:30"]);
        assert!(
            fall.iter().any(|s| s.start == utc("2027-04-04T02:00:00Z")),
            "23:00 at -03"
        );
        assert!(
            !fall.iter().any(|s| s.start == utc("2027-04-04T03:00:00Z")),
            "23:00 at -04 is the repeat"
        );
    }

    #[test]
    fn lord_howe_shifts_by_thirty_minutes() {
        let tz = "Australia/Lord_Howe";
        assert_gap(tz, d(2026, 10, 4), hm(2, 0));
        let spring = slots_on(tz, d(2026, 10, 4), &[(hm(1, 0), hm(4, 0))], 30);
        assert_eq!(
            labels(&spring, tz),
            ["01:00", "01:30", "02:30", "03:00", "03:30"]
        );
        let fall = slots_on(tz, d(2027, 4, 4), &[(hm(1, 0), hm(3, 0))], 30);
        assert_eq!(labels(&fall, tz), ["01:00", "01:30", "02:00", "02:30"]);
        assert!(
            fall.iter().any(|s| s.start == utc("2027-04-03T14:30:00Z")),
            "01:30 at +11"
        );
        assert!(
            !fall.iter().any(|s| s.start == utc("2027-04-03T15:00:00Z")),
            "01:30 at +10:30 is the repeat"
        );
    }

    /// Slots around one date whose only hours are `ranges` (on its weekday), stepping every `step` minutes.
    fn day_slots(
        tz: &str,
        date: NaiveDate,
        ranges: &[(u16, u16)],
        duration: u16,
        step: u16,
        exceptions: Vec<DateException>,
    ) -> Vec<Interval> {
        let s = Schedule::parse(&Availability {
            time_zone: tz.into(),
            weekly: ranges
                .iter()
                .map(|&(start, end)| WeeklyRange {
                    weekday: date.weekday(),
                    start,
                    end,
                })
                .collect(),
            exceptions,
            settings: BookingSettings {
                durations: vec![duration],
                step_minutes: step,
                ..open_settings()
            },
        })
        .unwrap();
        let around = Utc.from_utc_datetime(&local_naive(date, 0).unwrap());
        available_slots(
            &s,
            &Busy::default(),
            duration,
            around - Duration::days(30),
            around - Duration::days(2),
            around + Duration::days(2),
        )
    }

    /// Every minute of every slot reads, on the zone's wall clock, as a time in `ranges` of `date`.
    fn assert_inside(tz: &str, date: NaiveDate, ranges: &[(u16, u16)], slots: &[Interval]) {
        let tz: Tz = tz.parse().unwrap();
        for slot in slots {
            let mut t = slot.start;
            while t < slot.end {
                let local = t.with_timezone(&tz).naive_local();
                let minute = (local.hour() * 60 + local.minute()) as u16;
                assert!(
                    local.date() == date && ranges.iter().any(|&(a, b)| a <= minute && minute < b),
                    "{t} reads {local}, outside the hours"
                );
                t += Duration::minutes(1);
            }
        }
    }

    #[test]
    fn a_range_starting_in_londons_repeated_hour_does_not_grow_back_over_it() {
        // 25 October 2026: 01:00–02:00 happens twice (BST, then GMT). Hours 01:30–02:00.
        let tz = "Europe/London";
        let day = d(2026, 10, 25);
        let hours = [(hm(1, 30), hm(2, 0))];
        // An hour from the first 01:30 runs through 01:00–01:29 GMT: not in the hours.
        assert!(day_slots(tz, day, &hours, 60, 30, vec![]).is_empty());
        // Half an hour fits the first 01:30–02:00; the second one is not offered again.
        let half = day_slots(tz, day, &hours, 30, 30, vec![]);
        assert_eq!(
            half,
            [Interval::new(
                utc("2026-10-25T00:30:00Z"),
                utc("2026-10-25T01:00:00Z")
            )]
        );
        // 01:30–03:00: 01:30 is not offered (neither at its first occurrence, which would run
        // through 01:00 GMT, nor moved to its second); 02:00 GMT onwards is.
        let longer = [(hm(1, 30), hm(3, 0))];
        let slots = day_slots(tz, day, &longer, 60, 30, vec![]);
        assert_eq!(labels(&slots, tz), ["02:00"]);
        assert_inside(tz, day, &longer, &slots);
    }

    #[test]
    fn the_repeated_hour_does_not_reach_into_time_off() {
        // Hours 00:00–03:00, time off 01:00–01:30 on the day London falls back.
        let tz = "Europe/London";
        let day = d(2026, 10, 25);
        let off = DateException {
            date: day,
            kind: ExceptionKind::Unavailable,
            start: hm(1, 0),
            end: hm(1, 30),
        };
        let slots = day_slots(tz, day, &[(0, hm(3, 0))], 60, 30, vec![off]);
        assert_inside(tz, day, &[(0, hm(1, 0)), (hm(1, 30), hm(3, 0))], &slots);
        // 00:00 BST runs to 01:00 BST; 01:30 BST would run through 01:00–01:29 GMT, time off.
        assert_eq!(labels(&slots, tz), ["00:00", "02:00"]);
    }

    #[test]
    fn santiago_lord_howe_and_chatham_repeat_their_hours_the_same_way() {
        // Santiago: Saturday 23:00–24:00 repeats (at midnight -03 the clocks go back to 23:00 -04).
        let santiago = "America/Santiago";
        let sat = d(2027, 4, 3);
        let hours = [(hm(23, 30), 1440)];
        assert!(day_slots(santiago, sat, &hours, 60, 30, vec![]).is_empty());
        assert_eq!(
            day_slots(santiago, sat, &hours, 30, 30, vec![]),
            [Interval::new(
                utc("2027-04-04T02:30:00Z"),
                utc("2027-04-04T03:00:00Z")
            )]
        );
        // Lord Howe: 01:30–02:00 repeats (+11:00, then +10:30).
        let lord_howe = "Australia/Lord_Howe";
        let sun = d(2027, 4, 4);
        let hours = [(hm(1, 45), hm(2, 30))];
        let slots = day_slots(lord_howe, sun, &hours, 30, 15, vec![]);
        assert_inside(lord_howe, sun, &hours, &slots);
        // 01:45 (+11) runs into the second 01:30–01:45: not offered; 02:00 (+10:30) is.
        assert_eq!(labels(&slots, lord_howe), ["02:00"]);
        assert!(day_slots(lord_howe, sun, &[(hm(1, 45), hm(2, 0))], 30, 15, vec![]).is_empty());
        // Chatham: 02:45–03:45 repeats (+13:45, then +12:45).
        let chatham = "Pacific/Chatham";
        let hours = [(hm(3, 15), hm(3, 45))];
        assert!(day_slots(chatham, sun, &hours, 60, 15, vec![]).is_empty());
        assert_eq!(
            day_slots(chatham, sun, &hours, 30, 15, vec![]),
            [Interval::new(
                utc("2027-04-03T13:30:00Z"),
                utc("2027-04-03T14:00:00Z")
            )]
        );
    }

    #[test]
    fn kolkata_has_no_transitions_all_year() {
        let tz = "Asia/Kolkata";
        let s = schedule(
            tz,
            vec![WeeklyRange {
                weekday: Weekday::Mon,
                start: hm(9, 0),
                end: hm(12, 0),
            }],
            open_settings(),
        );
        let from = utc("2026-01-01T00:00:00Z");
        let slots = available_slots(
            &s,
            &Busy::default(),
            60,
            from,
            from,
            from + Duration::days(364),
        );
        assert_eq!(slots.len(), 52 * 5);
        assert!(slots
            .iter()
            .all(|s| s.start.minute() == 30 || s.start.minute() == 0));
        assert!(slots
            .iter()
            .all(|s| (s.start.hour(), s.start.minute()) >= (3, 30) && s.end.hour() <= 6 + 1));
    }

    #[test]
    fn a_range_crossing_midnight_in_the_mentors_zone_but_not_the_mentees_is_one_stretch() {
        // 22:00–24:00 Monday and 00:00–01:00 Tuesday in Kolkata is 16:30–19:30 UTC on Monday.
        let weekly = vec![
            WeeklyRange {
                weekday: Weekday::Mon,
                start: hm(22, 0),
                end: 1440,
            },
            WeeklyRange {
                weekday: Weekday::Tue,
                start: 0,
                end: hm(1, 0),
            },
        ];
        let s = schedule("Asia/Kolkata", weekly, open_settings());
        let from = utc("2026-11-23T00:00:00Z");
        let slots = available_slots(
            &s,
            &Busy::default(),
            60,
            from,
            from,
            from + Duration::days(2),
        );
        let london: Vec<String> = slots
            .iter()
            .map(|s| {
                s.start
                    .with_timezone(&chrono_tz::Europe::London)
                    .format("%a %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(
            london,
            [
                "Mon 16:30",
                "Mon 17:00",
                "Mon 17:30",
                "Mon 18:00",
                "Mon 18:30"
            ]
        );
    }

    #[test]
    fn opposite_hemispheres_move_apart_and_together_across_the_season() {
        // A Sydney mentor at Monday 09:00, seen from London, as each side changes its clocks.
        let s = schedule(
            "Australia/Sydney",
            vec![WeeklyRange {
                weekday: Weekday::Mon,
                start: hm(9, 0),
                end: hm(9, 30),
            }],
            open_settings(),
        );
        let from = utc("2027-03-20T00:00:00Z");
        let slots = available_slots(
            &s,
            &Busy::default(),
            30,
            from,
            from,
            from + Duration::days(17),
        );
        let seen: Vec<String> = slots
            .iter()
            .map(|s| {
                s.start
                    .with_timezone(&chrono_tz::Europe::London)
                    .format("%a %d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(seen, ["Sun 21 22:00", "Sun 28 23:00", "Mon 05 00:00"]);
    }

    #[test]
    fn buffers_notice_horizon_and_caps_are_respected() {
        let settings = BookingSettings {
            buffer_before_minutes: 15,
            buffer_after_minutes: 15,
            min_notice_minutes: 24 * 60,
            horizon_days: 14,
            daily_cap: Some(2),
            ..open_settings()
        };
        let s = schedule(
            "UTC",
            (0u8..7)
                .map(|w| Weekday::try_from(w).unwrap())
                .map(|w| WeeklyRange {
                    weekday: w,
                    start: hm(9, 0),
                    end: hm(17, 0),
                })
                .collect::<Vec<_>>(),
            settings,
        );
        let now = utc("2026-11-23T12:00:00Z");
        let session = Interval::new(utc("2026-11-25T10:00:00Z"), utc("2026-11-25T11:00:00Z"));
        let busy = Busy {
            sessions: vec![session],
            blocks: vec![Interval::new(
                utc("2026-11-25T14:00:00Z"),
                utc("2026-11-25T15:00:00Z"),
            )],
        };
        let slots = available_slots(&s, &busy, 30, now, now, now + Duration::days(60));
        assert!(
            slots.iter().all(|x| x.start >= now + Duration::hours(24)),
            "notice"
        );
        assert!(
            slots.iter().all(|x| x.start < now + Duration::days(14)),
            "horizon"
        );
        let on_25th: Vec<String> = slots
            .iter()
            .filter(|x| x.start.date_naive() == d(2026, 11, 25))
            .map(|x| x.start.format("%H:%M").to_string())
            .collect();
        // 09:00–09:30 ends 30 min before the session; 09:30–10:00 leaves no 15-minute gap.
        assert!(on_25th.contains(&"09:00".to_string()));
        assert!(!on_25th.contains(&"09:30".to_string()) && !on_25th.contains(&"11:00".to_string()));
        assert!(on_25th.contains(&"11:30".to_string()));
        assert!(!on_25th.contains(&"13:30".to_string()) && !on_25th.contains(&"15:00".to_string()));
        assert!(on_25th.contains(&"15:30".to_string()));

        let capped = Schedule::parse(&Availability {
            time_zone: "UTC".into(),
            weekly: vec![WeeklyRange {
                weekday: Weekday::Wed,
                start: hm(9, 0),
                end: hm(17, 0),
            }],
            exceptions: vec![],
            settings: BookingSettings {
                daily_cap: Some(1),
                ..open_settings()
            },
        })
        .unwrap();
        let slots = available_slots(&capped, &busy, 30, now, now, now + Duration::days(3));
        assert!(
            slots
                .iter()
                .all(|x| x.start.date_naive() != d(2026, 11, 25)),
            "the day already has its one session"
        );
    }

    #[test]
    fn exceptions_remove_and_add_hours() {
        let s = Schedule::parse(&Availability {
            time_zone: "Europe/Berlin".into(),
            weekly: vec![WeeklyRange {
                weekday: Weekday::Mon,
                start: hm(9, 0),
                end: hm(11, 0),
            }],
            exceptions: vec![
                DateException {
                    date: d(2026, 11, 23),
                    kind: ExceptionKind::Unavailable,
                    start: 0,
                    end: 1440,
                },
                DateException {
                    date: d(2026, 11, 25),
                    kind: ExceptionKind::Extra,
                    start: hm(18, 0),
                    end: hm(19, 0),
                },
                DateException {
                    date: d(2026, 11, 30),
                    kind: ExceptionKind::Unavailable,
                    start: hm(9, 30),
                    end: hm(10, 30),
                },
            ],
            settings: open_settings(),
        })
        .unwrap();
        let from = utc("2026-11-22T00:00:00Z");
        let slots = available_slots(
            &s,
            &Busy::default(),
            30,
            from,
            from,
            from + Duration::days(9),
        );
        let tz = "Europe/Berlin";
        let seen: Vec<String> = slots
            .iter()
            .map(|x| {
                x.start
                    .with_timezone(&tz.parse::<Tz>().unwrap())
                    .format("%d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(seen, ["25 18:00", "25 18:30", "30 09:00", "30 10:30"]);
    }

    #[test]
    fn bad_availability_is_rejected_field_by_field() {
        let err = Schedule::parse(&Availability {
            time_zone: "Moon/Base".into(),
            weekly: vec![WeeklyRange {
                weekday: Weekday::Mon,
                start: hm(12, 0),
                end: hm(9, 0),
            }],
            exceptions: vec![DateException {
                date: NaiveDate::MAX,
                kind: ExceptionKind::Extra,
                start: 0,
                end: 1440,
            }],
            settings: BookingSettings {
                durations: vec![15, 240],
                ..open_settings()
            },
        })
        .unwrap_err();
        for field in ["time_zone", "weekly", "durations", "exceptions"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
    }

    #[test]
    fn the_ends_of_the_calendar_give_no_hours_and_never_overflow() {
        let s = schedule(
            "Pacific/Kiritimati",
            (0u8..7)
                .map(|w| WeeklyRange {
                    weekday: Weekday::try_from(w).unwrap(),
                    start: 0,
                    end: 1440,
                })
                .collect(),
            open_settings(),
        );
        let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        for (from, to) in [
            (min, min + Duration::days(3)),
            (max - Duration::days(3), max),
            (min, max),
        ] {
            let hours = available_hours(&s, from, to);
            assert!(hours.iter().all(|h| from <= h.start && h.end <= to));
        }
        // The window is capped, so the whole calendar is not walked day by day.
        let now = utc("2026-12-07T00:00:00Z");
        assert!(available_hours(&s, now, max).len() <= MAX_WINDOW_DAYS as usize + 1);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        use proptest::test_runner::RngSeed;

        /// Every kind of change: one hour (London, New York), negative DST (Dublin), at
        /// midnight (Santiago), 30 minutes (Lord Howe), at 02:45/03:45 (Chatham), two
        /// hours (Troll), the southern hemisphere (Auckland) and none (Kolkata).
        const ZONES: [&str; 9] = [
            "Europe/London",
            "America/New_York",
            "Europe/Dublin",
            "America/Santiago",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "Antarctica/Troll",
            "Asia/Kolkata",
            "Pacific/Auckland",
        ];

        /// `PROPTEST_CASES` cases (200 unless set; `scripts/test.sh --deep` runs 50,000)
        /// from a seed printed on stderr, which cargo shows when the test fails; replay
        /// it with `PROPTEST_RNG_SEED=<seed>`. Failures are also kept in
        /// `proptest-regressions/`, which is committed.
        fn config() -> ProptestConfig {
            let mut config = ProptestConfig::default();
            if std::env::var_os("PROPTEST_CASES").is_none() {
                config.cases = 200;
            }
            let seed = match config.rng_seed {
                RngSeed::Fixed(seed) => seed,
                RngSeed::Random => rand::random(),
            };
            config.rng_seed = RngSeed::Fixed(seed);
            eprintln!(
                "slot properties: {} cases, seed {seed} (replay: PROPTEST_RNG_SEED={seed})",
                config.cases
            );
            config
        }

        proptest! {
            #![proptest_config(config())]
            #[test]
            fn every_offered_slot_is_inside_hours_outside_busy_time_and_within_limits(
                zone in 0usize..ZONES.len(),
                ranges in proptest::collection::vec((0u8..7, 0u16..48, 1u16..16), 1..8),
                sessions in proptest::collection::vec((0i64..60 * 24 * 4, 1u16..7), 0..25),
                blocks in proptest::collection::vec((0i64..60 * 24 * 4, 1u16..13), 0..10),
                buffer in 0u16..4,
                notice in 0u32..48,
                duration in prop_oneof![Just(30u16), Just(60), Just(90), Just(180)],
                start_day in 0i64..365,
            ) {
                let tz_name = ZONES[zone];
                let tz: Tz = tz_name.parse().unwrap();
                let weekly: Vec<WeeklyRange> = ranges.iter().map(|&(w, s, len)| {
                    let start = s * 30;
                    WeeklyRange { weekday: Weekday::try_from(w).unwrap(), start, end: (start + len * 30).min(1440) }
                }).collect();
                let settings = BookingSettings {
                    buffer_before_minutes: buffer * 5,
                    buffer_after_minutes: buffer * 10,
                    min_notice_minutes: notice * 60,
                    horizon_days: 14,
                    ..open_settings()
                };
                let schedule = schedule(tz_name, weekly, settings.clone());
                let now = utc("2026-01-01T00:00:00Z") + Duration::days(start_day);
                let at = |minutes: i64| now + Duration::minutes(minutes);
                let busy = Busy {
                    sessions: sessions.iter().map(|&(m, len)| Interval::new(at(m), at(m + i64::from(len) * 30))).collect(),
                    blocks: blocks.iter().map(|&(m, len)| Interval::new(at(m), at(m + i64::from(len) * 15))).collect(),
                };
                let slots = available_slots(&schedule, &busy, duration, now, now, now + Duration::days(30));
                let before = Duration::minutes(i64::from(settings.buffer_before_minutes));
                let after = Duration::minutes(i64::from(settings.buffer_after_minutes));
                for slot in &slots {
                    prop_assert_eq!(slot.end - slot.start, Duration::minutes(i64::from(duration)));
                    prop_assert!(slot.start >= now + Duration::minutes(i64::from(settings.min_notice_minutes)));
                    prop_assert!(slot.start < now + Duration::days(14));
                    // Inside availability: every minute of the slot is within some local range.
                    let mut t = slot.start;
                    while t < slot.end {
                        let local = t.with_timezone(&tz).naive_local();
                        let minute = (local.hour() * 60 + local.minute()) as u16;
                        let covered = schedule.ranges_on(local.date()).iter().any(|&(a, b)| a <= minute && minute < b);
                        prop_assert!(covered, "{} local {} not in hours", t, local);
                        t += Duration::minutes(5);
                    }
                    // The start is a wall-clock time on the grid, offered at its first occurrence.
                    let local = slot.start.with_timezone(&tz).naive_local();
                    prop_assert_eq!(tz.from_local_datetime(&local).earliest().unwrap().with_timezone(&Utc), slot.start);
                    let padded = Interval::new(slot.start - before, slot.end + after);
                    let gap = before.max(after);
                    for s in &busy.sessions {
                        prop_assert!(slot.start >= s.end + gap || slot.end + gap <= s.start);
                    }
                    for b in &busy.blocks {
                        prop_assert!(!padded.overlaps(b));
                    }
                }
                // Booking any offered slot makes it (and anything overlapping it) unavailable.
                if let Some(first) = slots.first().copied() {
                    let mut booked = busy.clone();
                    booked.sessions.push(first);
                    let after_booking = available_slots(&schedule, &booked, duration, now, now, now + Duration::days(30));
                    prop_assert!(!after_booking.iter().any(|s| s.overlaps(&first)));
                }
            }
        }
    }
}
