//! Slot-finder speed: one mentor, 8 weeks, 1,000 booked sessions and 500 busy
//! blocks. Prints the median and p99 of repeated runs. `cargo bench -p mentordesk-core`.

use chrono::{DateTime, Duration, Utc, Weekday};
use mentordesk_core::slots::{available_slots, Busy, Interval, Schedule};
use mentordesk_shared::scheduling::{Availability, BookingSettings, WeeklyRange};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let weekly = (0u8..7)
        .map(|w| Weekday::try_from(w).expect("0..7 are weekdays"))
        .flat_map(|weekday| {
            [
                WeeklyRange {
                    weekday,
                    start: 8 * 60,
                    end: 12 * 60,
                },
                WeeklyRange {
                    weekday,
                    start: 13 * 60,
                    end: 20 * 60,
                },
            ]
        })
        .collect();
    let schedule = Schedule::parse(&Availability {
        time_zone: "Europe/London".into(),
        weekly,
        exceptions: vec![],
        settings: BookingSettings {
            buffer_before_minutes: 10,
            buffer_after_minutes: 10,
            min_notice_minutes: 60,
            horizon_days: 56,
            ..BookingSettings::default()
        },
    })
    .expect("valid availability");
    let now: DateTime<Utc> = "2027-03-01T00:00:00Z".parse().expect("a valid instant");
    // 1,000 sessions and 500 blocks spread over the 8 weeks (a deterministic pseudo-random walk).
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |modulo: i64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % modulo as u64) as i64
    };
    let span = 56 * 24 * 60;
    let sessions = (0..1000)
        .map(|_| {
            let start = now + Duration::minutes(next(span) / 30 * 30);
            Interval::new(start, start + Duration::minutes(60))
        })
        .collect();
    let blocks = (0..500)
        .map(|_| {
            let start = now + Duration::minutes(next(span));
            Interval::new(start, start + Duration::minutes(15 + next(120)))
        })
        .collect();
    let busy = Busy { sessions, blocks };
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..500 {
        let t = Instant::now();
        let slots = available_slots(
            &schedule,
            black_box(&busy),
            60,
            now,
            now,
            now + Duration::days(56),
        );
        times.push(t.elapsed());
        count = slots.len();
    }
    times.sort();
    println!(
        "slots for one mentor over 8 weeks (1,000 sessions, 500 blocks): {count} slots; median {:?}, p99 {:?}",
        times[times.len() / 2],
        times[times.len() * 99 / 100]
    );
}
