//! The demo looks alive whatever day and hour it is loaded: loaded on each day of a
//! week (at hours from just after midnight to just before it, UTC), every mentor's
//! next week in their own zone holds at least three sessions, the coming weekdays hold
//! the next one, and sessions still to come fall on weekdays inside the hours the
//! mentor publishes.

#[path = "support/workspace.rs"]
mod common;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use common::Workspace;
use mentordesk_api::demo::DEMO_PASSWORD;
use mentordesk_shared::accounts::SignIn;
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::scheduling::WeekQuery;

/// Demo mentors on both sides of UTC and of the date line.
const MENTORS: [(&str, Tz); 3] = [
    ("amara.nwosu@mentordesk.demo", chrono_tz::Africa::Lagos),
    (
        "sofia.martinez@mentordesk.demo",
        chrono_tz::America::Santiago,
    ),
    ("mei.tanaka@mentordesk.demo", chrono_tz::Asia::Tokyo),
];

const HOLDS_TIME: [SessionStatus; 3] = [
    SessionStatus::Requested,
    SessionStatus::Proposed,
    SessionStatus::Confirmed,
];

async fn check_loaded_at(now: DateTime<Utc>) {
    let ws = Workspace::new();
    ws.clock.set(now);
    ws.open()
        .await
        .load_demo()
        .await
        .unwrap()
        .expect("an empty workspace");
    for (email, zone) in MENTORS {
        let mentor = ws.open().await;
        mentor
            .accounts_sign_in(SignIn {
                email: email.into(),
                password: DEMO_PASSWORD.into(),
            })
            .await
            .unwrap_or_else(|e| panic!("{email} signs in: {e:?}"));
        let today = now.with_timezone(&zone).date_naive();
        let this_monday = mentordesk_core::local_time::week_start(today);
        let next_monday = this_monday + Duration::days(7);
        let loaded = format!("loaded {now} ({} in {zone})", now.with_timezone(&zone));

        let next = mentor
            .availability_week(WeekQuery {
                week_of: Some(next_monday),
            })
            .await
            .unwrap();
        assert_eq!(next.week_start, next_monday, "{loaded}");
        let waiting_or_booked: Vec<_> = next
            .sessions
            .iter()
            .filter(|s| HOLDS_TIME.contains(&s.status))
            .collect();
        assert!(
            waiting_or_booked.len() >= 3,
            "{email}, {loaded}: next week holds {:?}",
            next.sessions
        );

        // The next confirmed session is on one of the coming two weekdays.
        let sessions = mentor
            .sessions_list(Default::default())
            .await
            .unwrap()
            .sessions;
        let soonest = sessions
            .iter()
            .filter(|s| s.status == SessionStatus::Confirmed && s.span.starts_at > now)
            .map(|s| s.span.starts_at)
            .min()
            .unwrap_or_else(|| panic!("{email}, {loaded}: no confirmed session to come"));
        assert!(
            soonest - now <= Duration::days(4),
            "{email}, {loaded}: the next confirmed session is {soonest}"
        );

        // Sessions to come are on weekdays, inside the published hours.
        for week_of in [this_monday, next_monday, next_monday + Duration::days(7)] {
            let week = mentor
                .availability_week(WeekQuery {
                    week_of: Some(week_of),
                })
                .await
                .unwrap();
            for s in week.sessions.iter().filter(|s| s.span.starts_at > now) {
                let local = s.span.starts_at.with_timezone(&zone);
                assert!(
                    local.weekday().num_days_from_monday() < 5,
                    "{email}, {loaded}: {} on a weekend ({local})",
                    s.title
                );
                if HOLDS_TIME.contains(&s.status) {
                    let inside = week
                        .available
                        .iter()
                        .any(|a| a.starts_at <= s.span.starts_at && s.span.ends_at <= a.ends_at);
                    assert!(
                        inside,
                        "{email}, {loaded}: {} at {local} outside the hours",
                        s.title
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn the_demo_weeks_are_alive_whatever_day_and_hour_it_is_loaded() {
    // Monday 7 December 2026 to Sunday 13 December, at hours that cross local midnight
    // somewhere: just after UTC midnight, morning, evening, and just before midnight.
    let hours = [(0, 30), (9, 0), (19, 0), (23, 30)];
    for day in 0..7 {
        let (h, m) = hours[day % hours.len()];
        let now = Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0).unwrap() + Duration::days(day as i64);
        check_loaded_at(now).await;
    }
}
