//! Per-account sign-in throttling.
//!
//! The first few failures cost nothing; after that each failure doubles the wait
//! before the next attempt, up to a cap of five minutes. Guessing slows to about a
//! dozen tries an hour, yet the owner is never locked out for longer than the cap,
//! and a successful sign-in clears the count.

use chrono::{DateTime, Duration, Utc};

/// Failures allowed before any waiting starts (typos happen).
pub const FREE_ATTEMPTS: u32 = 5;
pub const FIRST_WAIT_SECONDS: i64 = 2;
pub const MAX_WAIT_SECONDS: i64 = 300;

/// How long the account must wait after `failures` consecutive failures.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = (failures - FREE_ATTEMPTS).min(20);
    let seconds = FIRST_WAIT_SECONDS.saturating_mul(1_i64 << doublings);
    Duration::seconds(seconds.min(MAX_WAIT_SECONDS))
}

/// When the next attempt is allowed, if it is not allowed at `now`.
pub fn blocked_until(
    failures: u32,
    last_failure: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let until = last_failure? + wait_after(failures);
    (until > now).then_some(until)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_few_typos_cost_nothing() {
        for failures in 0..FREE_ATTEMPTS {
            assert_eq!(blocked_until(failures, Some(t0()), t0()), None);
        }
    }

    #[test]
    fn waits_double_after_the_free_attempts() {
        assert_eq!(wait_after(FREE_ATTEMPTS), Duration::seconds(2));
        assert_eq!(wait_after(FREE_ATTEMPTS + 1), Duration::seconds(4));
        assert_eq!(wait_after(FREE_ATTEMPTS + 2), Duration::seconds(8));
    }

    #[test]
    fn the_owner_is_never_locked_out_for_more_than_five_minutes() {
        for failures in 0..10_000 {
            assert!(wait_after(failures) <= Duration::minutes(5));
        }
        let until = blocked_until(1000, Some(t0()), t0()).unwrap();
        assert_eq!(until - t0(), Duration::minutes(5));
        assert_eq!(
            blocked_until(1000, Some(t0()), t0() + Duration::minutes(5)),
            None
        );
    }
}
