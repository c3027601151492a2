//! A programme's tasks and reports (seed 000 TASK, REPORT): what a valid task and report
//! are, how a task's status moves and who may move it.
//!
//! - Managers (and admins, who oversee every programme) create, edit, assign and delete
//!   tasks; assignees must be members of the programme.
//! - A task without assignees is unassigned; assigning someone makes it pending.
//! - Assignees and managers move it on: pending → in progress → completed; in progress can
//!   go back to pending; a completed task can be reopened (in progress).
//! - Any member writes reports, about the programme or one of its tasks; managers mark a
//!   report's blockers resolved.

use crate::validate;
use chrono::NaiveDate;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::programme_work::*;
use mentordesk_shared::ApiError;

pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 5000;
pub const ASSIGNEES_MAX: usize = 20;

fn title(input: &str, empty: &str) -> Result<String, String> {
    // One line: control characters are refused before the spacing is collapsed.
    validate::check_characters(input.trim(), validate::Lines::Single)?;
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    validate::required_line(&value, TITLE_MAX, empty)
}

/// A task's fields, trimmed, assignees de-duplicated; every bad field reported at once.
/// `members` are the programme's members (managers, mentors and mentees).
pub fn task_fields(input: &TaskFields, members: &[UserId]) -> Result<TaskFields, ApiError> {
    let mut errors = FieldErrors::new();
    let title = errors.check("title", title(&input.title, "Give the task a title."));
    let description = errors.check(
        "description",
        validate::optional_text(&input.description, TEXT_MAX),
    );
    if let Some(due_on) = input.due_on {
        errors.check("due_on", validate::date(due_on));
    }
    let mut assignees: Vec<UserId> = Vec::new();
    for a in &input.assignees {
        if !assignees.contains(a) {
            assignees.push(*a);
        }
    }
    if assignees.len() > ASSIGNEES_MAX {
        errors.add(
            "assignees",
            format!("Assign at most {ASSIGNEES_MAX} people."),
        );
    } else if assignees.iter().any(|a| !members.contains(a)) {
        errors.add(
            "assignees",
            "Tasks are assigned to members of the programme only.",
        );
    }
    errors.into_result()?;
    Ok(TaskFields {
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        due_on: input.due_on,
        assignees,
    })
}

/// The status a task has after its assignees change: nobody assigned is `Unassigned`;
/// someone assigned to an unassigned task makes it `Pending`; otherwise it keeps its status.
pub fn status_after_assigning(current: TaskStatus, has_assignees: bool) -> TaskStatus {
    match (current, has_assignees) {
        (TaskStatus::Completed, _) => TaskStatus::Completed,
        (_, false) => TaskStatus::Unassigned,
        (TaskStatus::Unassigned, true) => TaskStatus::Pending,
        (status, true) => status,
    }
}

/// Where a task may go from `current`, for someone who manages the programme or is
/// assigned to the task (nobody else moves it).
pub fn next_statuses(current: TaskStatus, manages: bool, assigned: bool) -> Vec<TaskStatus> {
    if !manages && !assigned {
        return Vec::new();
    }
    match current {
        TaskStatus::Unassigned => Vec::new(),
        TaskStatus::Pending => vec![TaskStatus::InProgress, TaskStatus::Completed],
        TaskStatus::InProgress => vec![TaskStatus::Pending, TaskStatus::Completed],
        TaskStatus::Completed => vec![TaskStatus::InProgress],
    }
}

pub fn check_status_change(
    current: TaskStatus,
    to: TaskStatus,
    manages: bool,
    assigned: bool,
) -> Result<(), ApiError> {
    if !manages && !assigned {
        return Err(ApiError::forbidden(
            "Only the people assigned to this task and the programme's managers change its \
             status.",
        ));
    }
    if next_statuses(current, manages, assigned).contains(&to) {
        return Ok(());
    }
    Err(ApiError::conflict(match (current, to) {
        (TaskStatus::Unassigned, _) => "Assign someone to this task first.".to_string(),
        (_, TaskStatus::Unassigned) => {
            "A task becomes unassigned when nobody is assigned to it.".to_string()
        }
        (from, to) if from == to => format!("The task is already {}.", from.label().to_lowercase()),
        (from, to) => format!(
            "A task that is {} cannot become {}.",
            from.label().to_lowercase(),
            to.label().to_lowercase()
        ),
    }))
}

/// Due before `today` and not completed.
pub fn overdue(due_on: Option<NaiveDate>, status: TaskStatus, today: NaiveDate) -> bool {
    status != TaskStatus::Completed && due_on.is_some_and(|d| d < today)
}

/// A report's fields, trimmed; it says something in at least one section.
pub fn report_fields(input: &ReportFields) -> Result<ReportFields, ApiError> {
    let mut errors = FieldErrors::new();
    let title = errors.check("title", title(&input.title, "Give the report a title."));
    let mut section = |field: &str, value: &str| {
        errors
            .check(field, validate::optional_text(value, TEXT_MAX))
            .unwrap_or_default()
    };
    let achievements = section("achievements", &input.achievements);
    let blockers = section("blockers", &input.blockers);
    let recommendations = section("recommendations", &input.recommendations);
    if errors.is_empty()
        && achievements.is_empty()
        && blockers.is_empty()
        && recommendations.is_empty()
    {
        errors.add(
            "achievements",
            "Write at least one of achievements, blockers or recommendations.",
        );
    }
    errors.into_result()?;
    Ok(ReportFields {
        title: title.unwrap_or_default(),
        achievements,
        blockers,
        recommendations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentordesk_shared::ErrorCode;
    use TaskStatus::*;

    fn user(n: u128) -> UserId {
        UserId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn a_task_needs_a_title_and_members_as_assignees() {
        let members = [user(1), user(2)];
        let ok = task_fields(
            &TaskFields {
                title: "  Kick-off   survey ".into(),
                description: String::new(),
                due_on: None,
                assignees: vec![user(1), user(1), user(2)],
            },
            &members,
        )
        .unwrap();
        assert_eq!(ok.title, "Kick-off survey");
        assert_eq!(ok.assignees, vec![user(1), user(2)]);
        let err = task_fields(
            &TaskFields {
                title: " ".into(),
                description: "x".repeat(5001),
                due_on: None,
                assignees: vec![user(3)],
            },
            &members,
        )
        .unwrap_err();
        for field in ["title", "description", "assignees"] {
            assert!(err.field_message(field).is_some(), "{field}");
        }
    }

    #[test]
    fn assigning_moves_an_unassigned_task_to_pending_and_unassigning_back() {
        assert_eq!(status_after_assigning(Unassigned, true), Pending);
        assert_eq!(status_after_assigning(InProgress, true), InProgress);
        assert_eq!(status_after_assigning(InProgress, false), Unassigned);
        assert_eq!(status_after_assigning(Completed, false), Completed);
    }

    #[test]
    fn assignees_and_managers_move_a_task_forward_and_nobody_else() {
        assert!(check_status_change(Pending, InProgress, false, true).is_ok());
        assert!(check_status_change(InProgress, Completed, true, false).is_ok());
        assert!(check_status_change(Completed, InProgress, false, true).is_ok());
        assert_eq!(
            check_status_change(Pending, InProgress, false, false)
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
        for (from, to) in [
            (Unassigned, InProgress),
            (Pending, Unassigned),
            (Completed, Completed),
            (Completed, Pending),
        ] {
            assert_eq!(
                check_status_change(from, to, true, true).unwrap_err().code,
                ErrorCode::Conflict,
                "{from:?} → {to:?}"
            );
        }
    }

    #[test]
    fn a_task_is_overdue_after_its_date_until_completed() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let yesterday = NaiveDate::from_ymd_opt(2027, 3, 9);
        assert!(overdue(yesterday, Pending, today));
        assert!(!overdue(yesterday, Completed, today));
        assert!(!overdue(Some(today), InProgress, today));
        assert!(!overdue(None, Pending, today));
    }

    #[test]
    fn a_report_says_something() {
        let err = report_fields(&ReportFields {
            title: "March".into(),
            ..ReportFields::default()
        })
        .unwrap_err();
        assert!(err.field_message("achievements").is_some());
        let ok = report_fields(&ReportFields {
            title: " March ".into(),
            blockers: " Two mentors left ".into(),
            ..ReportFields::default()
        })
        .unwrap();
        assert_eq!(
            (ok.title.as_str(), ok.blockers.as_str()),
            ("March", "Two mentors left")
        );
    }
}
