//! Messaging rules (seed 004 §6 rule 5 and §7; seed 002's blocks; seed 001's
//! connections): what a message is, who may write to whom, and how long a message can
//! still be changed.

use chrono::{DateTime, Duration, Utc};

/// The longest message, in characters (seed 004: 2000 for the MVP).
pub const MESSAGE_MAX: usize = 2000;
/// How long after sending a message its author can still edit or delete it.
pub const EDIT_WINDOW_MINUTES: i64 = 15;
/// The longest group name and description.
pub const GROUP_NAME_MAX: usize = 80;
pub const GROUP_DESCRIPTION_MAX: usize = 1000;

/// A message body: trimmed at the ends, 1 to [`MESSAGE_MAX`] characters.
pub fn message_body(input: &str) -> Result<String, String> {
    let body = input.trim();
    if body.is_empty() {
        return Err("Write a message first.".into());
    }
    let count = body.chars().count();
    if count > MESSAGE_MAX {
        return Err(format!(
            "Messages can be at most {MESSAGE_MAX} characters; this one has {count}."
        ));
    }
    crate::validate::check_characters(body, crate::validate::Lines::Multi)?;
    Ok(body.to_string())
}

/// What links two people, as the messaging rule needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relationship {
    /// Either has blocked the other.
    pub blocked: bool,
    /// An accepted connection between them.
    pub connected: bool,
    /// A mentoring match between them (programmes).
    pub matched: bool,
    /// A session between them, in any state.
    pub share_session: bool,
}

/// Why one person may not write to another, or `None` if they may.
pub fn direct_message_refusal(r: Relationship) -> Option<&'static str> {
    if r.blocked {
        Some("You cannot send messages to this person.")
    } else if !(r.connected || r.matched || r.share_session) {
        Some(
            "You can message people you are connected with, matched with or have a session \
             with. Send a connection request first.",
        )
    } else {
        None
    }
}

/// Whether someone may open another person's profile because of what is between them
/// (beyond the directory's rule that mentors are public): a connection, a request
/// waiting either way (so one sees who asks), a match or a shared session — never
/// across a block.
pub fn profile_visible_between(r: Relationship, connection_pending: bool) -> bool {
    !r.blocked && (r.connected || connection_pending || r.matched || r.share_session)
}

/// Whether the author may still edit or delete a message sent at `sent_at`.
pub fn can_change(sent_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    if now - sent_at > Duration::minutes(EDIT_WINDOW_MINUTES) {
        Err(format!(
            "Messages can be changed for {EDIT_WINDOW_MINUTES} minutes after sending."
        ))
    } else {
        Ok(())
    }
}

/// A group or conversation name: 1 to [`GROUP_NAME_MAX`] characters.
pub fn group_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("Give the group a name.".into());
    }
    if name.chars().count() > GROUP_NAME_MAX {
        return Err(format!("Use at most {GROUP_NAME_MAX} characters."));
    }
    crate::validate::check_characters(name, crate::validate::Lines::Single)?;
    Ok(name.to_string())
}

pub fn group_description(input: &str) -> Result<String, String> {
    let text = input.trim();
    if text.chars().count() > GROUP_DESCRIPTION_MAX {
        return Err(format!("Use at most {GROUP_DESCRIPTION_MAX} characters."));
    }
    crate::validate::check_characters(text, crate::validate::Lines::Multi)?;
    Ok(text.to_string())
}

/// A search over one's messages: words as typed, turned into an FTS5 query that matches
/// each word as a prefix ("meet tom" finds "meeting with Tomás"), with every FTS5
/// operator character taken literally. `None` when nothing searchable is left.
pub fn search_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn messages_are_one_to_2000_characters() {
        assert_eq!(message_body("  hello \n").unwrap(), "hello");
        assert!(message_body("   ").unwrap_err().contains("Write a message"));
        assert!(message_body(&"é".repeat(2000)).is_ok());
        let err = message_body(&"a".repeat(2001)).unwrap_err();
        assert!(
            err.contains("at most 2000") && err.contains("2001"),
            "{err}"
        );
    }

    #[test]
    fn only_connected_matched_or_session_sharing_people_write_and_never_when_blocked() {
        let none = Relationship::default();
        assert!(direct_message_refusal(none)
            .unwrap()
            .contains("connection request"));
        for r in [
            Relationship {
                connected: true,
                ..none
            },
            Relationship {
                matched: true,
                ..none
            },
            Relationship {
                share_session: true,
                ..none
            },
        ] {
            assert_eq!(direct_message_refusal(r), None);
            let blocked = Relationship { blocked: true, ..r };
            assert!(direct_message_refusal(blocked)
                .unwrap()
                .contains("cannot send"));
        }
    }

    #[test]
    fn messages_can_be_changed_for_fifteen_minutes() {
        let sent = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        assert!(can_change(sent, sent + Duration::minutes(15)).is_ok());
        assert!(can_change(sent, sent + Duration::minutes(16)).is_err());
    }

    #[test]
    fn searches_match_word_prefixes_and_take_operators_literally() {
        assert_eq!(search_query("meet Tom").unwrap(), "\"meet\"* \"tom\"*");
        assert_eq!(
            search_query("a\"b OR c*").unwrap(),
            "\"a\"* \"b\"* \"or\"* \"c\"*"
        );
        assert_eq!(search_query("  -- "), None);
    }

    #[test]
    fn groups_need_a_name() {
        assert!(group_name("  ").is_err());
        assert_eq!(group_name(" Cohort 7 ").unwrap(), "Cohort 7");
        assert!(group_name(&"x".repeat(81)).is_err());
        assert!(group_description(&"x".repeat(1001)).is_err());
    }

    #[test]
    fn profiles_open_between_people_with_something_between_them() {
        let none = Relationship {
            blocked: false,
            connected: false,
            matched: false,
            share_session: false,
        };
        assert!(!profile_visible_between(none, false));
        assert!(profile_visible_between(none, true), "a request waiting");
        for r in [
            Relationship {
                connected: true,
                ..none
            },
            Relationship {
                matched: true,
                ..none
            },
            Relationship {
                share_session: true,
                ..none
            },
        ] {
            assert!(profile_visible_between(r, false));
            assert!(!profile_visible_between(
                Relationship { blocked: true, ..r },
                true
            ));
        }
    }
}
