//! Support groups and their forum (seed 001 supportGroups/groupMemberships, seed 000
//! discussion forum): what a group, a thread and a reply are, and who may join, leave,
//! post, reply, moderate and delete.
//!
//! Who may do what:
//! - creating a group needs `groups.create` (programme managers and admins); its creator
//!   becomes its first member;
//! - any signed-in account may list groups, read their threads, join and leave;
//! - only members start threads and reply, and nobody replies to a locked thread;
//! - pinning and locking need `forum.moderate` (programme managers and admins), who may
//!   also delete any thread or reply, member or not;
//! - authors may delete their own reply while the thread is open, and their own thread
//!   while it is open and nobody has replied (a discussion others joined stays unless a
//!   moderator removes it).

use crate::messaging;
use mentordesk_shared::access::Permission;
use mentordesk_shared::conversations::{Moderation, NewGroup, NewThread};
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ApiError;

/// The longest thread title, in characters.
pub const TITLE_MAX: usize = 120;
/// The longest thread or reply body, in characters.
pub const BODY_MAX: usize = 5000;

/// A thread title: trimmed, 1 to [`TITLE_MAX`] characters.
pub fn thread_title(input: &str) -> Result<String, String> {
    let title = input.trim();
    if title.is_empty() {
        return Err("Give the thread a title.".into());
    }
    let count = title.chars().count();
    if count > TITLE_MAX {
        return Err(format!(
            "Titles can be at most {TITLE_MAX} characters; this one has {count}."
        ));
    }
    crate::validate::check_characters(title, crate::validate::Lines::Single)?;
    Ok(title.to_string())
}

/// A thread's opening post or a reply: trimmed, 1 to [`BODY_MAX`] characters.
pub fn post_body(input: &str) -> Result<String, String> {
    let body = input.trim();
    if body.is_empty() {
        return Err("Write something first.".into());
    }
    let count = body.chars().count();
    if count > BODY_MAX {
        return Err(format!(
            "Posts can be at most {BODY_MAX} characters; this one has {count}."
        ));
    }
    crate::validate::check_characters(body, crate::validate::Lines::Multi)?;
    Ok(body.to_string())
}

/// A new group, trimmed, with every bad field reported at once.
pub fn new_group(input: &NewGroup) -> Result<NewGroup, ApiError> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", messaging::group_name(&input.name));
    let description = errors.check(
        "description",
        messaging::group_description(&input.description),
    );
    errors.into_result()?;
    Ok(NewGroup {
        name: name.unwrap_or_default(),
        description: description.unwrap_or_default(),
    })
}

/// A new thread's title and body, trimmed, with every bad field reported at once.
pub fn new_thread(input: &NewThread) -> Result<(String, String), ApiError> {
    let mut errors = FieldErrors::new();
    let title = errors.check("title", thread_title(&input.title));
    let body = errors.check("body", post_body(&input.body));
    errors.into_result()?;
    Ok((title.unwrap_or_default(), body.unwrap_or_default()))
}

/// A reply's body (field `body`).
pub fn reply_body(input: &str) -> Result<String, ApiError> {
    post_body(input).map_err(|m| ApiError::field("body", m))
}

/// Whether the permissions make their holder a forum moderator.
pub fn is_moderator(permissions: &[Permission]) -> bool {
    permissions.contains(&Permission::ForumModerate)
}

/// What the viewer is to a group and to a thread or reply in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub member: bool,
    pub moderator: bool,
    /// The viewer wrote the thread or reply in question.
    pub author: bool,
}

pub fn may_join(already_member: bool, group: &str) -> Result<(), ApiError> {
    if already_member {
        Err(ApiError::conflict(format!(
            "You are already a member of {group}."
        )))
    } else {
        Ok(())
    }
}

pub fn may_leave(member: bool, group: &str) -> Result<(), ApiError> {
    if member {
        Ok(())
    } else {
        Err(ApiError::conflict(format!(
            "You are not a member of {group}."
        )))
    }
}

/// Starting a thread: members only.
pub fn may_post(s: Standing, group: &str) -> Result<(), ApiError> {
    if s.member {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "Join {group} to start a thread in it."
        )))
    }
}

/// Replying: members only, and never to a locked thread (whoever asks; the database
/// refuses it too).
pub fn may_reply(s: Standing, locked: bool, group: &str) -> Result<(), ApiError> {
    if locked {
        Err(locked_error())
    } else if !s.member {
        Err(ApiError::forbidden(format!("Join {group} to reply.")))
    } else {
        Ok(())
    }
}

/// The refusal of a reply to a locked thread.
pub fn locked_error() -> ApiError {
    ApiError::conflict("This thread is locked: it takes no more replies.")
}

/// Deleting a thread: a moderator, or its author while it is open and has no replies.
pub fn may_delete_thread(s: Standing, locked: bool, replies: u32) -> Result<(), ApiError> {
    if s.moderator {
        Ok(())
    } else if !s.author {
        Err(ApiError::forbidden(
            "Only its author or a moderator can delete this thread.",
        ))
    } else if locked {
        Err(ApiError::conflict(
            "This thread is locked; ask a moderator to remove it.",
        ))
    } else if replies > 0 {
        Err(ApiError::conflict(
            "Others have replied to this thread; ask a moderator to remove it.",
        ))
    } else {
        Ok(())
    }
}

/// Deleting a reply: a moderator, or its author while the thread is open.
pub fn may_delete_reply(s: Standing, locked: bool) -> Result<(), ApiError> {
    if s.moderator {
        Ok(())
    } else if !s.author {
        Err(ApiError::forbidden(
            "Only its author or a moderator can delete this reply.",
        ))
    } else if locked {
        Err(ApiError::conflict(
            "This thread is locked; ask a moderator to remove the reply.",
        ))
    } else {
        Ok(())
    }
}

/// A thread's (pinned, locked) flags after a moderation; repeating one changes nothing.
pub fn moderate(action: Moderation, pinned: bool, locked: bool) -> (bool, bool) {
    match action {
        Moderation::Pin => (true, locked),
        Moderation::Unpin => (false, locked),
        Moderation::Lock => (pinned, true),
        Moderation::Unlock => (pinned, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentordesk_shared::ids::GroupId;
    use mentordesk_shared::ErrorCode;

    const MEMBER: Standing = Standing {
        member: true,
        moderator: false,
        author: false,
    };
    const OUTSIDER: Standing = Standing {
        member: false,
        moderator: false,
        author: false,
    };
    const MODERATOR: Standing = Standing {
        member: false,
        moderator: true,
        author: false,
    };
    const AUTHOR: Standing = Standing {
        member: true,
        moderator: false,
        author: true,
    };

    #[test]
    fn titles_are_one_to_120_characters_and_bodies_one_to_5000() {
        assert_eq!(thread_title("  Hello  ").unwrap(), "Hello");
        assert!(thread_title(" \n ").unwrap_err().contains("title"));
        assert!(thread_title(&"é".repeat(120)).is_ok());
        assert!(thread_title(&"é".repeat(121))
            .unwrap_err()
            .contains("at most 120"));
        assert_eq!(post_body(" hi ").unwrap(), "hi");
        assert!(post_body("").is_err());
        assert!(post_body(&"x".repeat(5000)).is_ok());
        let err = post_body(&"x".repeat(5001)).unwrap_err();
        assert!(err.contains("5000") && err.contains("5001"), "{err}");
    }

    #[test]
    fn a_bad_thread_or_group_reports_every_field_at_once() {
        let err = new_thread(&NewThread {
            group_id: GroupId(uuid::Uuid::nil()),
            title: " ".into(),
            body: "x".repeat(5001),
        })
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.field_message("title").is_some());
        assert!(err.field_message("body").is_some());

        let err = new_group(&NewGroup {
            name: "x".repeat(81),
            description: "d".repeat(1001),
        })
        .unwrap_err();
        assert!(err.field_message("name").is_some());
        assert!(err.field_message("description").is_some());
        let ok = new_group(&NewGroup {
            name: " Working parents ".into(),
            description: " Back from leave ".into(),
        })
        .unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.description.as_str()),
            ("Working parents", "Back from leave")
        );
        assert_eq!(reply_body("  ").unwrap_err().fields[0].field, "body");
    }

    #[test]
    fn joining_twice_and_leaving_when_not_a_member_are_conflicts() {
        let twice = may_join(true, "Working parents").unwrap_err();
        assert_eq!(twice.code, ErrorCode::Conflict);
        assert_eq!(
            twice.message,
            "You are already a member of Working parents."
        );
        assert!(may_join(false, "G").is_ok());
        assert_eq!(may_leave(false, "G").unwrap_err().code, ErrorCode::Conflict);
        assert!(may_leave(true, "G").is_ok());
    }

    #[test]
    fn only_members_post_and_nobody_replies_to_a_locked_thread() {
        assert!(may_post(MEMBER, "G").is_ok());
        assert_eq!(
            may_post(OUTSIDER, "G").unwrap_err().code,
            ErrorCode::Forbidden
        );
        // Moderating is not membership: a moderator joins to post like anyone else.
        assert_eq!(
            may_post(MODERATOR, "G").unwrap_err().code,
            ErrorCode::Forbidden
        );
        assert!(may_reply(MEMBER, false, "G").is_ok());
        assert_eq!(
            may_reply(OUTSIDER, false, "G").unwrap_err().code,
            ErrorCode::Forbidden
        );
        for who in [MEMBER, AUTHOR, OUTSIDER] {
            assert_eq!(
                may_reply(who, true, "G").unwrap_err().code,
                ErrorCode::Conflict
            );
        }
        let moderating_member = Standing {
            member: true,
            ..MODERATOR
        };
        assert_eq!(
            may_reply(moderating_member, true, "G").unwrap_err().code,
            ErrorCode::Conflict
        );
    }

    #[test]
    fn moderators_delete_anything_and_authors_their_own_while_open() {
        for (locked, replies) in [(false, 0), (true, 3), (false, 9)] {
            assert!(may_delete_thread(MODERATOR, locked, replies).is_ok());
            assert!(may_delete_reply(MODERATOR, locked).is_ok());
            assert_eq!(
                may_delete_thread(MEMBER, locked, replies).unwrap_err().code,
                ErrorCode::Forbidden
            );
            assert_eq!(
                may_delete_reply(MEMBER, locked).unwrap_err().code,
                ErrorCode::Forbidden
            );
        }
        assert!(may_delete_thread(AUTHOR, false, 0).is_ok());
        assert_eq!(
            may_delete_thread(AUTHOR, false, 1).unwrap_err().code,
            ErrorCode::Conflict
        );
        assert_eq!(
            may_delete_thread(AUTHOR, true, 0).unwrap_err().code,
            ErrorCode::Conflict
        );
        assert!(may_delete_reply(AUTHOR, false).is_ok());
        assert_eq!(
            may_delete_reply(AUTHOR, true).unwrap_err().code,
            ErrorCode::Conflict
        );
    }

    #[test]
    fn moderation_sets_one_flag_and_repeating_it_changes_nothing() {
        assert_eq!(moderate(Moderation::Pin, false, true), (true, true));
        assert_eq!(moderate(Moderation::Pin, true, false), (true, false));
        assert_eq!(moderate(Moderation::Unpin, true, true), (false, true));
        assert_eq!(moderate(Moderation::Lock, true, false), (true, true));
        assert_eq!(moderate(Moderation::Unlock, false, true), (false, false));
    }

    #[test]
    fn managers_and_admins_moderate_and_create_groups() {
        use crate::policy::builtin_grants;
        use mentordesk_shared::access::BuiltinRole;
        for role in BuiltinRole::ALL {
            let grants = builtin_grants(role);
            let expected = matches!(role, BuiltinRole::Admin | BuiltinRole::ProgrammeManager);
            assert_eq!(is_moderator(grants), expected, "{role:?}");
            assert_eq!(
                grants.contains(&Permission::GroupsCreate),
                expected,
                "{role:?}"
            );
        }
    }
}
