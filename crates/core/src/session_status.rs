//! The session status machine: every allowed transition in one table.
//!
//! Seed 004's rules hold: only mentees request, only mentors accept or decline a
//! request, both can cancel. A mentor may also propose a session, which the mentee
//! accepts or declines. Rescheduling goes through proposals of a new time that the
//! other party accepts or declines; the status stays what it was. Anything not in
//! [`TRANSITIONS`] is refused with a `conflict` that names the status and action.

use chrono::{DateTime, Utc};
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::ApiError;

pub use mentordesk_shared::sessions::SessionAction;
/// Who acts on a session: its mentor or its mentee.
pub use mentordesk_shared::sessions::SessionRole as Party;

/// Who may act, from where, and where it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: SessionStatus,
    pub action: SessionAction,
    pub by: Option<Party>,
    pub to: SessionStatus,
}

const fn t(
    from: SessionStatus,
    action: SessionAction,
    by: Option<Party>,
    to: SessionStatus,
) -> Transition {
    Transition {
        from,
        action,
        by,
        to,
    }
}

use Party::*;
use SessionAction as A;
use SessionStatus as S;

/// The only transitions there are. `by: None` means either participant.
pub const TRANSITIONS: &[Transition] = &[
    // A mentee's request: the mentor answers, or offers another time; the mentee may withdraw.
    t(S::Requested, A::Accept, Some(Mentor), S::Confirmed),
    t(S::Requested, A::Decline, Some(Mentor), S::Declined),
    t(S::Requested, A::ProposeNewTime, Some(Mentor), S::Proposed),
    t(S::Requested, A::Cancel, Some(Mentee), S::Cancelled),
    // A mentor's proposal: the mentee answers, or asks for another time; the mentor may withdraw.
    t(S::Proposed, A::Accept, Some(Mentee), S::Confirmed),
    t(S::Proposed, A::Decline, Some(Mentee), S::Declined),
    t(S::Proposed, A::ProposeNewTime, Some(Mentee), S::Requested),
    t(S::Proposed, A::Cancel, Some(Mentor), S::Cancelled),
    // A confirmed session: either may cancel or propose a new time; the other answers.
    t(S::Confirmed, A::Cancel, None, S::Cancelled),
    t(S::Confirmed, A::ProposeNewTime, None, S::Confirmed),
    t(S::Confirmed, A::AcceptNewTime, None, S::Confirmed),
    t(S::Confirmed, A::DeclineNewTime, None, S::Confirmed),
    // After it ends: completed, or a no-show once it has started.
    t(S::Confirmed, A::Complete, None, S::Completed),
    t(S::Confirmed, A::MarkNoShow, None, S::NoShow),
];

/// The status after `action` by `by`, or a `conflict` error saying why not.
pub fn next_status(
    from: SessionStatus,
    action: SessionAction,
    by: Party,
) -> Result<SessionStatus, ApiError> {
    let matching: Vec<&Transition> = TRANSITIONS
        .iter()
        .filter(|tr| tr.from == from && tr.action == action)
        .collect();
    if let Some(tr) = matching
        .iter()
        .find(|tr| tr.by.is_none() || tr.by == Some(by))
    {
        return Ok(tr.to);
    }
    let message = if matching.is_empty() {
        format!(
            "A {} session cannot {}.",
            from.key().replace('_', "-"),
            describe(action)
        )
    } else {
        let who = match by {
            Mentor => "mentee",
            Mentee => "mentor",
        };
        format!(
            "Only the {who} can {} this {} session.",
            action.label(),
            from.key()
        )
    };
    Err(ApiError::conflict(message))
}

fn describe(action: SessionAction) -> &'static str {
    match action {
        SessionAction::Accept => "be accepted",
        SessionAction::Decline => "be declined",
        SessionAction::Cancel => "be cancelled",
        SessionAction::ProposeNewTime => "get a new proposed time",
        SessionAction::AcceptNewTime | SessionAction::DeclineNewTime => {
            "have a proposed time answered"
        }
        SessionAction::Complete => "be completed",
        SessionAction::MarkNoShow => "be marked as a no-show",
    }
}

/// Time rules for an action: new times are in the future; completion waits for the
/// end, a no-show for the start; cancelling or answering a past session is refused.
pub fn check_timing(
    action: SessionAction,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let ok = match action {
        SessionAction::Complete => now >= ends_at,
        SessionAction::MarkNoShow => now >= starts_at,
        SessionAction::Accept
        | SessionAction::Decline
        | SessionAction::Cancel
        | SessionAction::ProposeNewTime
        | SessionAction::AcceptNewTime
        | SessionAction::DeclineNewTime => now < starts_at,
    };
    if ok {
        Ok(())
    } else {
        let message = match action {
            SessionAction::Complete => "A session can be completed once it has ended.",
            SessionAction::MarkNoShow => "A no-show can be recorded once the session has started.",
            _ => "This session has already started.",
        };
        Err(ApiError::conflict(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    const ACTIONS: [SessionAction; 8] = SessionAction::ALL;

    #[test]
    fn only_the_table_s_transitions_are_allowed() {
        let mut allowed = 0;
        for from in S::ALL {
            for action in ACTIONS {
                for by in [Mentor, Mentee] {
                    let expected = TRANSITIONS
                        .iter()
                        .find(|tr| {
                            tr.from == from && tr.action == action && tr.by.is_none_or(|p| p == by)
                        })
                        .map(|tr| tr.to);
                    match (next_status(from, action, by), expected) {
                        (Ok(to), Some(want)) => {
                            assert_eq!(to, want);
                            allowed += 1;
                        }
                        (Err(e), None) => {
                            assert_eq!(e.code, mentordesk_shared::ErrorCode::Conflict)
                        }
                        (got, want) => panic!(
                            "{from:?} {action:?} by {by:?}: got {got:?}, table says {want:?}"
                        ),
                    }
                }
            }
        }
        assert_eq!(allowed, 20);
    }

    #[test]
    fn seed_004_rules_hold() {
        // Only mentors accept or decline a request; both can cancel a confirmed session.
        assert!(next_status(S::Requested, A::Accept, Mentee).is_err());
        assert!(next_status(S::Requested, A::Decline, Mentee).is_err());
        assert_eq!(
            next_status(S::Requested, A::Accept, Mentor).unwrap(),
            S::Confirmed
        );
        assert_eq!(
            next_status(S::Confirmed, A::Cancel, Mentee).unwrap(),
            S::Cancelled
        );
        assert_eq!(
            next_status(S::Confirmed, A::Cancel, Mentor).unwrap(),
            S::Cancelled
        );
        let err = next_status(S::Completed, A::Cancel, Mentor).unwrap_err();
        assert_eq!(err.message, "A completed session cannot be cancelled.");
        let err = next_status(S::Requested, A::Accept, Mentee).unwrap_err();
        assert!(err.message.contains("Only the mentor"), "{}", err.message);
    }

    #[test]
    fn final_statuses_have_no_way_out() {
        for from in [S::Declined, S::Cancelled, S::Completed, S::NoShow] {
            assert!(!from.holds_time());
            for action in ACTIONS {
                assert!(next_status(from, action, Mentor).is_err());
                assert!(next_status(from, action, Mentee).is_err());
            }
        }
    }

    #[test]
    fn completion_waits_for_the_end_and_answers_must_come_before_the_start() {
        let start = Utc::now();
        let end = start + Duration::minutes(60);
        assert!(check_timing(A::Complete, start, end, start + Duration::minutes(30)).is_err());
        assert!(check_timing(A::Complete, start, end, end).is_ok());
        assert!(check_timing(A::MarkNoShow, start, end, start).is_ok());
        assert!(check_timing(A::Accept, start, end, start - Duration::minutes(1)).is_ok());
        assert!(check_timing(A::Cancel, start, end, start + Duration::minutes(1)).is_err());
    }
}
