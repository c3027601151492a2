//! Reminders before sessions and appointments: which ones exist, when each is due, what
//! happens to one that came due while the app was closed, and how long the scheduler
//! may sleep.
//!
//! Policy:
//! - A person has lead times (default 24 h and 10 min before the start), each between
//!   [`MIN_LEAD_MINUTES`] and [`MAX_LEAD_MINUTES`], at most [`MAX_LEADS`] of them.
//! - A confirmed session, or an appointment the person organises or accepted, gets one
//!   reminder per lead time whose due time is still in the future when it is planned
//!   (booking something 5 minutes ahead does not fire a "24 hours before" reminder).
//! - Reminders are planned again whenever their subject changes: a new time moves them,
//!   a cancellation removes those not yet fired; a fired one is never fired again.
//! - One that came due while the app was not running fires once at start-up if its
//!   subject has not started yet, and is dropped otherwise ([`Overdue`]).
//! - The scheduler sleeps until the next due reminder, but never longer than
//!   [`MAX_SLEEP`], so a suspended machine or a changed clock is noticed within a
//!   minute; with nothing due it wakes once a minute at most.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The lead times a person starts with: a day before and ten minutes before.
pub const DEFAULT_LEADS: [u32; 2] = [24 * 60, 10];
/// The shortest lead time: a reminder at the start itself is no reminder.
pub const MIN_LEAD_MINUTES: u32 = 1;
/// The longest lead time: one week.
pub const MAX_LEAD_MINUTES: u32 = 7 * 24 * 60;
/// How many lead times a person may keep.
pub const MAX_LEADS: usize = 5;
/// The longest the scheduler sleeps without looking at the clock again.
pub const MAX_SLEEP: std::time::Duration = std::time::Duration::from_secs(60);

/// Checks a person's lead times: each within bounds, no repeats, at most [`MAX_LEADS`].
/// Returns them longest first.
pub fn validate_leads(leads: &[u32]) -> Result<Vec<u32>, String> {
    if leads.len() > MAX_LEADS {
        return Err(format!("Keep at most {MAX_LEADS} reminder times."));
    }
    let mut out = Vec::with_capacity(leads.len());
    for &lead in leads {
        if lead < MIN_LEAD_MINUTES {
            return Err("A reminder must come at least 1 minute before the start.".into());
        }
        if lead > MAX_LEAD_MINUTES {
            return Err("A reminder can come at most 7 days before the start.".into());
        }
        if out.contains(&lead) {
            return Err(format!("{} is listed twice.", lead_text(lead)));
        }
        out.push(lead);
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    Ok(out)
}

/// "24 hours", "10 minutes", "1 day 2 hours": a lead time as people say it.
pub fn lead_text(minutes: u32) -> String {
    let plural = |n: u32, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    // Whole days read better as hours up to a day ("24 hours before").
    if days > 0 && !(days == 1 && hours == 0 && mins == 0) {
        parts.push(plural(days, "day"));
        if hours > 0 {
            parts.push(plural(hours, "hour"));
        }
    } else if minutes >= 60 {
        parts.push(plural(minutes / 60, "hour"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(plural(mins, "minute"));
    }
    parts.join(" ")
}

/// One reminder to keep: `lead` minutes before `starts_at`, due at `due_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub lead_minutes: u32,
    pub due_at: DateTime<Utc>,
}

/// The reminders a subject starting at `starts_at` gets, planned at `now`: one per lead
/// time that is not already past. Nothing for a subject that has started.
pub fn plan(starts_at: DateTime<Utc>, leads: &[u32], now: DateTime<Utc>) -> Vec<Planned> {
    if starts_at <= now {
        return Vec::new();
    }
    leads
        .iter()
        .map(|&lead| Planned {
            lead_minutes: lead,
            due_at: starts_at - Duration::minutes(i64::from(lead)),
        })
        .filter(|p| p.due_at > now)
        .collect()
}

/// What to do with a reminder that is due (or overdue) at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overdue {
    /// Show it now.
    Fire,
    /// Its subject has started: showing it would only be noise. Mark it as handled.
    Drop,
}

pub fn overdue(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Overdue {
    if starts_at > now {
        Overdue::Fire
    } else {
        Overdue::Drop
    }
}

/// How long the scheduler sleeps at `now` given the next due reminder (if any) and
/// whether reminders are paused until some time.
pub fn sleep_for(
    now: DateTime<Utc>,
    next_due: Option<DateTime<Utc>>,
    paused_until: Option<DateTime<Utc>>,
) -> std::time::Duration {
    let wake = match (next_due, paused_until) {
        (Some(due), Some(pause)) if pause > now => Some(due.max(pause)),
        (Some(due), _) => Some(due),
        (None, _) => None,
    };
    match wake {
        Some(at) if at <= now => std::time::Duration::ZERO,
        Some(at) => (at - now).to_std().unwrap_or(MAX_SLEEP).min(MAX_SLEEP),
        None => MAX_SLEEP,
    }
}

/// "in 25 min", "in 3 h 5 min", "in 2 days", "now": the tray's countdown to a start.
pub fn countdown(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (starts_at - now).num_seconds().div_euclid(60)
        + i64::from((starts_at - now).num_seconds().rem_euclid(60) > 0);
    match minutes {
        i64::MIN..=0 => "now".into(),
        1..=59 => format!("in {minutes} min"),
        60..=1439 => {
            let (h, m) = (minutes / 60, minutes % 60);
            if m == 0 {
                format!("in {h} h")
            } else {
                format!("in {h} h {m} min")
            }
        }
        _ => {
            let days = minutes / 1440;
            if days == 1 {
                "in 1 day".into()
            } else {
                format!("in {days} days")
            }
        }
    }
}

/// Whether an open action item due on `due` is coming due for someone whose local date
/// is `today`, and how to say it: "due tomorrow", "due today", "overdue since Mon 23 Nov".
/// `None` while it is further ahead.
pub fn action_item_due(due: NaiveDate, today: NaiveDate) -> Option<String> {
    match (due - today).num_days() {
        2.. => None,
        1 => Some("due tomorrow".into()),
        0 => Some("due today".into()),
        _ => Some(format!("overdue since {}", due.format("%a %-d %b"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0).unwrap()
    }

    #[test]
    fn lead_times_are_bounded_distinct_and_sorted() {
        assert_eq!(validate_leads(&[10, 1440]), Ok(vec![1440, 10]));
        assert_eq!(validate_leads(&[]), Ok(vec![]));
        assert!(validate_leads(&[0])
            .unwrap_err()
            .contains("at least 1 minute"));
        assert!(validate_leads(&[365 * 1440])
            .unwrap_err()
            .contains("at most 7 days"));
        assert!(validate_leads(&[10, 10]).unwrap_err().contains("twice"));
        assert!(validate_leads(&[1, 2, 3, 4, 5, 6])
            .unwrap_err()
            .contains("at most 5"));
        assert_eq!(
            validate_leads(&[MAX_LEAD_MINUTES]),
            Ok(vec![MAX_LEAD_MINUTES])
        );
    }

    #[test]
    fn lead_times_read_as_people_say_them() {
        assert_eq!(lead_text(10), "10 minutes");
        assert_eq!(lead_text(1), "1 minute");
        assert_eq!(lead_text(60), "1 hour");
        assert_eq!(lead_text(1440), "24 hours");
        assert_eq!(lead_text(90), "1 hour 30 minutes");
        assert_eq!(lead_text(2 * 1440 + 120), "2 days 2 hours");
        assert_eq!(lead_text(7 * 1440), "7 days");
    }

    #[test]
    fn reminders_already_past_are_not_planned() {
        let start = at(10, 0);
        let leads = [1440, 10];
        assert_eq!(
            plan(start, &leads, at(9, 0)),
            vec![Planned {
                lead_minutes: 10,
                due_at: at(9, 50)
            }]
        );
        let day_before = start - Duration::days(2);
        assert_eq!(plan(start, &leads, day_before).len(), 2);
        assert!(plan(start, &leads, at(9, 55)).is_empty());
        assert!(plan(start, &leads, at(10, 0)).is_empty());
    }

    #[test]
    fn an_overdue_reminder_fires_only_before_the_start() {
        assert_eq!(overdue(at(10, 0), at(9, 59)), Overdue::Fire);
        assert_eq!(overdue(at(10, 0), at(10, 0)), Overdue::Drop);
        assert_eq!(overdue(at(10, 0), at(11, 0)), Overdue::Drop);
    }

    #[test]
    fn the_scheduler_never_sleeps_past_a_minute_or_the_next_reminder() {
        let now = at(9, 0);
        assert_eq!(sleep_for(now, None, None), MAX_SLEEP);
        assert_eq!(
            sleep_for(now, Some(now + Duration::seconds(20)), None),
            std::time::Duration::from_secs(20)
        );
        assert_eq!(
            sleep_for(now, Some(now + Duration::hours(5)), None),
            MAX_SLEEP
        );
        assert_eq!(
            sleep_for(now, Some(now - Duration::seconds(5)), None),
            std::time::Duration::ZERO
        );
        // Paused: due reminders wait for the pause to end.
        assert_eq!(
            sleep_for(
                now,
                Some(now - Duration::seconds(5)),
                Some(now + Duration::seconds(30))
            ),
            std::time::Duration::from_secs(30)
        );
        // A pause that has ended no longer holds anything back.
        assert_eq!(
            sleep_for(
                now,
                Some(now - Duration::seconds(5)),
                Some(now - Duration::seconds(1))
            ),
            std::time::Duration::ZERO
        );
    }

    #[test]
    fn the_tray_counts_down_in_words() {
        let now = at(9, 0);
        assert_eq!(countdown(now + Duration::minutes(25), now), "in 25 min");
        assert_eq!(countdown(now + Duration::seconds(30), now), "in 1 min");
        assert_eq!(countdown(now + Duration::minutes(185), now), "in 3 h 5 min");
        assert_eq!(countdown(now + Duration::hours(2), now), "in 2 h");
        assert_eq!(countdown(now + Duration::hours(30), now), "in 1 day");
        assert_eq!(countdown(now + Duration::days(3), now), "in 3 days");
        assert_eq!(countdown(now - Duration::minutes(3), now), "now");
    }

    #[test]
    fn action_items_come_due_the_day_before() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(action_item_due(day(25), today), None);
        assert_eq!(
            action_item_due(day(24), today).as_deref(),
            Some("due tomorrow")
        );
        assert_eq!(
            action_item_due(day(23), today).as_deref(),
            Some("due today")
        );
        assert_eq!(
            action_item_due(day(20), today).as_deref(),
            Some("overdue since Fri 20 Nov")
        );
    }
}
