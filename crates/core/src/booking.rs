//! Session rules beyond the status machine: what a valid request or proposal is,
//! whether a time can be booked, who may see and change what on a session page.

use crate::local_time;
use crate::session_status::{self, Party};
use crate::slots::{self, Busy, Interval, Schedule, MAX_DURATION, MIN_DURATION};
use crate::validate;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::sessions::*;
use mentordesk_shared::ApiError;

/// A session's participants, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participants {
    pub mentor: UserId,
    pub mentee: UserId,
}

impl Participants {
    /// The viewer's side, or `not_found` for anyone else: a session one is not part
    /// of does not exist for them.
    pub fn role_of(&self, user: UserId) -> Result<Party, ApiError> {
        if user == self.mentor {
            Ok(Party::Mentor)
        } else if user == self.mentee {
            Ok(Party::Mentee)
        } else {
            Err(ApiError::not_found("This session"))
        }
    }

    pub fn of(&self, role: Party) -> UserId {
        match role {
            Party::Mentor => self.mentor,
            Party::Mentee => self.mentee,
        }
    }
}

/// Required multi-line text (a note).
fn required_text(input: &str, max: usize, what: &str) -> Result<String, String> {
    validate::required_text(input, max, &format!("Enter {what}."))
}

/// Required single-line text (a title).
fn required_line(input: &str, max: usize, what: &str) -> Result<String, String> {
    validate::required_line(input, max, &format!("Enter {what}."))
}

/// A meeting link: empty, or an http(s) address.
pub fn meeting_link(input: &str) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    if value.chars().count() > MEETING_LINK_MAX {
        return Err(format!(
            "Use at most {MEETING_LINK_MAX} characters for the link."
        ));
    }
    validate::website(value)
        .map_err(|_| "Enter a meeting link such as https://meet.example.com/abc.".into())
}

pub fn duration(minutes: u16) -> Result<Duration, String> {
    if (MIN_DURATION..=MAX_DURATION).contains(&minutes) {
        Ok(Duration::minutes(i64::from(minutes)))
    } else {
        Err(format!(
            "A session lasts {MIN_DURATION} to {MAX_DURATION} minutes ({minutes} is not allowed)."
        ))
    }
}

/// A request, checked field by field; returns the trimmed title and agenda and the times.
#[derive(Debug, Clone)]
pub struct ValidRequest {
    pub title: String,
    pub agenda: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

pub fn validate_request(
    req: &SessionRequest,
    requester: UserId,
    now: DateTime<Utc>,
) -> Result<ValidRequest, ApiError> {
    let mut errors = FieldErrors::new();
    if req.mentor_id == requester {
        errors.add("mentor_id", "You cannot book a session with yourself.");
    }
    let title = errors.check("title", required_line(&req.title, TITLE_MAX, "a title"));
    let agenda = errors.check("agenda", validate::optional_text(&req.agenda, AGENDA_MAX));
    let length = errors.check("duration_minutes", duration(req.duration_minutes));
    if errors
        .check("starts_at", validate::instant(req.starts_at))
        .is_some()
        && req.starts_at <= now
    {
        errors.add("starts_at", "Choose a time in the future.");
    }
    errors.into_result()?;
    Ok(ValidRequest {
        title: title.expect("checked"),
        agenda: agenda.expect("checked"),
        starts_at: req.starts_at,
        ends_at: req.starts_at + length.expect("checked"),
    })
}

/// A mentor's proposal of a new session; `tz` is the mentor's zone for the typed time.
pub fn validate_proposal(
    req: &SessionProposal,
    proposer: UserId,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(ValidRequest, String), ApiError> {
    let mut errors = FieldErrors::new();
    if req.mentee_id == proposer {
        errors.add("mentee_id", "You cannot propose a session to yourself.");
    }
    let title = errors.check("title", required_line(&req.title, TITLE_MAX, "a title"));
    let agenda = errors.check("agenda", validate::optional_text(&req.agenda, AGENDA_MAX));
    let link = errors.check("meeting_link", meeting_link(&req.meeting_link));
    let length = errors.check("duration_minutes", duration(req.duration_minutes));
    let start = errors.check("start", local_time::wall_time_instant(tz, &req.start));
    if let Some(start) = start {
        if start <= now {
            errors.add("start", "Choose a time in the future.");
        }
    }
    errors.into_result()?;
    let starts_at = start.expect("checked");
    Ok((
        ValidRequest {
            title: title.expect("checked"),
            agenda: agenda.expect("checked"),
            starts_at,
            ends_at: starts_at + length.expect("checked"),
        },
        link.expect("checked"),
    ))
}

/// Whether `[start, start + minutes)` is one of the slots the mentor offers now.
/// A mentee's booking (or new time) must be; the error names the slot.
pub fn check_offered(
    schedule: &Schedule,
    busy: &Busy,
    start: DateTime<Utc>,
    minutes: u16,
    now: DateTime<Utc>,
    viewer_zone: Tz,
) -> Result<(), ApiError> {
    let offered = slots::available_slots(
        schedule,
        busy,
        minutes,
        now,
        start,
        start + Duration::minutes(1),
    );
    if offered.iter().any(|s| s.start == start) {
        return Ok(());
    }
    let slot = local_time::slot_text(
        viewer_zone,
        start,
        start + Duration::minutes(i64::from(minutes)),
    );
    if !schedule.settings().durations.contains(&minutes) {
        return Err(ApiError::field(
            "duration_minutes",
            format!(
                "This mentor offers sessions of {} minutes.",
                list_minutes(&schedule.settings().durations)
            ),
        ));
    }
    // Taken by someone else, or never offered: say which.
    let free = slots::available_slots(
        schedule,
        &Busy::default(),
        minutes,
        now,
        start,
        start + Duration::minutes(1),
    );
    if free.iter().any(|s| s.start == start) {
        Err(ApiError::conflict(format!(
            "The slot {slot} has just been taken. Choose another one."
        )))
    } else {
        Err(ApiError::field(
            "starts_at",
            format!("{slot} is not one of this mentor's free slots."),
        ))
    }
}

fn list_minutes(values: &[u16]) -> String {
    let mut v: Vec<String> = values.iter().map(u16::to_string).collect();
    match v.len() {
        0 => String::new(),
        1 => v.remove(0),
        _ => {
            let last = v.pop().expect("two or more");
            format!("{} or {last}", v.join(", "))
        }
    }
}

/// The message sent with an action (decline reason, cancellation note, …).
pub fn action_message(input: &str) -> Result<String, ApiError> {
    validate::optional_text(input, MESSAGE_MAX).map_err(|m| ApiError::field("message", m))
}

/// What the viewer can do to a session right now.
pub fn allowed_actions(
    status: SessionStatus,
    role: Party,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    pending_by: Option<Party>,
    now: DateTime<Utc>,
) -> Vec<SessionAction> {
    SessionAction::ALL
        .into_iter()
        .filter(|&action| {
            session_status::next_status(status, action, role).is_ok()
                && session_status::check_timing(action, starts_at, ends_at, now).is_ok()
                && proposal_allows(action, role, pending_by).is_ok()
        })
        .collect()
}

/// Rules about a pending new time: only the other party answers it, and a
/// proposal waiting for the viewer's answer must be answered before proposing another.
pub fn proposal_allows(
    action: SessionAction,
    role: Party,
    pending_by: Option<Party>,
) -> Result<(), ApiError> {
    match action {
        SessionAction::AcceptNewTime | SessionAction::DeclineNewTime => match pending_by {
            None => Err(ApiError::conflict("No new time has been proposed.")),
            Some(by) if by == role => Err(ApiError::conflict(
                "You proposed this time; the other participant answers it.",
            )),
            Some(_) => Ok(()),
        },
        SessionAction::ProposeNewTime if pending_by == Some(role.other()) => Err(
            ApiError::conflict("Answer the new time the other participant proposed first."),
        ),
        _ => Ok(()),
    }
}

/// Notes: private ones are for their author's eyes only.
pub fn note_visible(author: UserId, is_private: bool, viewer: UserId) -> bool {
    !is_private || author == viewer
}

pub fn note_body(input: &str) -> Result<String, ApiError> {
    required_text(input, NOTE_MAX, "the note").map_err(|m| ApiError::field("body", m))
}

/// Only a note's author edits or deletes it.
pub fn check_note_author(author: UserId, viewer: UserId) -> Result<(), ApiError> {
    if author == viewer {
        Ok(())
    } else {
        Err(ApiError::forbidden("Only the author can change this note."))
    }
}

#[derive(Debug)]
pub struct ValidActionItem {
    pub title: String,
    pub description: String,
    pub due_date: Option<NaiveDate>,
}

pub fn validate_action_item(
    title: &str,
    description: &str,
    assignee: UserId,
    due_date: Option<NaiveDate>,
    people: &Participants,
) -> Result<ValidActionItem, ApiError> {
    let mut errors = FieldErrors::new();
    let title = errors.check(
        "title",
        required_line(title, ACTION_TITLE_MAX, "what needs doing"),
    );
    let description = errors.check(
        "description",
        validate::optional_text(description, ACTION_DESCRIPTION_MAX),
    );
    if people.role_of(assignee).is_err() {
        errors.add("assignee_id", "Assign it to the mentor or the mentee.");
    }
    if let Some(date) = due_date {
        if !(2000..=2200).contains(&chrono::Datelike::year(&date)) {
            errors.add("due_date", "Choose a due date between 2000 and 2200.");
        }
    }
    errors.into_result()?;
    Ok(ValidActionItem {
        title: title.expect("checked"),
        description: description.expect("checked"),
        due_date,
    })
}

/// Seed 004: ratings only after completion, 1–5, once per participant.
pub fn validate_rating(
    status: SessionStatus,
    already_rated: bool,
    rating: u8,
    comment: &str,
) -> Result<String, ApiError> {
    let mut errors = FieldErrors::new();
    if !(1..=5).contains(&rating) {
        errors.add("rating", "Choose 1 to 5 stars.");
    }
    let comment = errors.check("comment", validate::optional_text(comment, COMMENT_MAX));
    errors.into_result()?;
    if status != SessionStatus::Completed {
        return Err(ApiError::conflict(
            "A session can be rated once it has been completed.",
        ));
    }
    if already_rated {
        return Err(ApiError::conflict("You have already rated this session."));
    }
    Ok(comment.expect("checked"))
}

/// A group appointment, checked; `tz` is the organiser's zone for the typed time.
#[derive(Debug)]
pub struct ValidAppointment {
    pub title: String,
    pub description: String,
    pub meeting_link: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub attendees: Vec<UserId>,
}

pub fn validate_appointment(
    req: &AppointmentInput,
    organiser: UserId,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<ValidAppointment, ApiError> {
    let mut errors = FieldErrors::new();
    let title = errors.check("title", required_line(&req.title, TITLE_MAX, "a title"));
    let description = errors.check(
        "description",
        validate::optional_text(&req.description, AGENDA_MAX),
    );
    let link = errors.check("meeting_link", meeting_link(&req.meeting_link));
    let start = errors.check("start", local_time::wall_time_instant(tz, &req.start));
    if let Some(start) = start {
        if start <= now {
            errors.add("start", "Choose a time in the future.");
        }
    }
    if !(APPOINTMENT_MIN_MINUTES..=APPOINTMENT_MAX_MINUTES).contains(&req.duration_minutes) {
        errors.add(
            "duration_minutes",
            "An appointment lasts 15 minutes to 8 hours.",
        );
    }
    let mut attendees: Vec<UserId> = Vec::new();
    for id in &req.attendee_ids {
        if *id != organiser && !attendees.contains(id) {
            attendees.push(*id);
        }
    }
    if attendees.is_empty() {
        errors.add("attendee_ids", "Invite at least one person.");
    } else if attendees.len() > APPOINTMENT_MAX_ATTENDEES {
        errors.add(
            "attendee_ids",
            format!("Invite at most {APPOINTMENT_MAX_ATTENDEES} people."),
        );
    }
    errors.into_result()?;
    let starts_at = start.expect("checked");
    Ok(ValidAppointment {
        title: title.expect("checked"),
        description: description.expect("checked"),
        meeting_link: link.expect("checked"),
        starts_at,
        ends_at: starts_at + Duration::minutes(i64::from(req.duration_minutes)),
        attendees,
    })
}

/// The busy time to use when a session looks for a new time: everything but itself.
pub fn busy_without(busy: &Busy, own: Interval) -> Busy {
    let mut out = busy.clone();
    if let Some(pos) = out.sessions.iter().position(|i| *i == own) {
        out.sessions.remove(pos);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn uid() -> UserId {
        UserId(Uuid::new_v4())
    }

    fn request(mentor: UserId, start: DateTime<Utc>, minutes: u16) -> SessionRequest {
        SessionRequest {
            mentor_id: mentor,
            starts_at: start,
            duration_minutes: minutes,
            title: "Career chat".into(),
            agenda: String::new(),
        }
    }

    #[test]
    fn requests_follow_seed_004_validation() {
        let now = Utc.with_ymd_and_hms(2027, 1, 1, 12, 0, 0).unwrap();
        let (mentor, mentee) = (uid(), uid());
        let ok =
            validate_request(&request(mentor, now + Duration::hours(2), 60), mentee, now).unwrap();
        assert_eq!(ok.ends_at - ok.starts_at, Duration::minutes(60));

        let err = validate_request(&request(mentor, now + Duration::hours(2), 10), mentee, now)
            .unwrap_err();
        assert!(err.fields.iter().any(|f| f.field == "duration_minutes"));
        let err = validate_request(&request(mentor, now - Duration::hours(2), 60), mentee, now)
            .unwrap_err();
        assert!(err.fields.iter().any(|f| f.field == "starts_at"));
        let err = validate_request(&request(mentee, now + Duration::hours(2), 60), mentee, now)
            .unwrap_err();
        assert!(err.fields.iter().any(|f| f.field == "mentor_id"));
        let mut long = request(mentor, now + Duration::hours(2), 60);
        long.title = "x".repeat(TITLE_MAX + 1);
        let err = validate_request(&long, mentee, now).unwrap_err();
        assert!(err.fields.iter().any(|f| f.field == "title"));
    }

    #[test]
    fn only_the_other_party_answers_a_new_time() {
        use SessionAction as A;
        assert!(proposal_allows(A::AcceptNewTime, Party::Mentee, Some(Party::Mentor)).is_ok());
        assert!(proposal_allows(A::AcceptNewTime, Party::Mentor, Some(Party::Mentor)).is_err());
        assert!(proposal_allows(A::DeclineNewTime, Party::Mentee, None).is_err());
        assert!(proposal_allows(A::ProposeNewTime, Party::Mentee, Some(Party::Mentor)).is_err());
        assert!(proposal_allows(A::ProposeNewTime, Party::Mentor, Some(Party::Mentor)).is_ok());
    }

    #[test]
    fn allowed_actions_combine_table_clock_and_proposals() {
        let now = Utc.with_ymd_and_hms(2027, 1, 1, 12, 0, 0).unwrap();
        let start = now + Duration::days(1);
        let end = start + Duration::hours(1);
        let mentor = allowed_actions(
            SessionStatus::Requested,
            Party::Mentor,
            start,
            end,
            None,
            now,
        );
        assert_eq!(
            mentor,
            vec![
                SessionAction::Accept,
                SessionAction::Decline,
                SessionAction::ProposeNewTime
            ]
        );
        let mentee = allowed_actions(
            SessionStatus::Requested,
            Party::Mentee,
            start,
            end,
            None,
            now,
        );
        assert_eq!(mentee, vec![SessionAction::Cancel]);
        let answering = allowed_actions(
            SessionStatus::Confirmed,
            Party::Mentee,
            start,
            end,
            Some(Party::Mentor),
            now,
        );
        assert!(answering.contains(&SessionAction::AcceptNewTime));
        assert!(!answering.contains(&SessionAction::ProposeNewTime));
        let after = allowed_actions(
            SessionStatus::Confirmed,
            Party::Mentor,
            start,
            end,
            None,
            end + Duration::minutes(1),
        );
        assert_eq!(
            after,
            vec![SessionAction::Complete, SessionAction::MarkNoShow]
        );
    }

    #[test]
    fn ratings_wait_for_completion_and_come_once() {
        assert!(validate_rating(SessionStatus::Completed, false, 5, "Great").is_ok());
        let err = validate_rating(SessionStatus::Completed, false, 6, "").unwrap_err();
        assert_eq!(err.fields[0].field, "rating");
        let err = validate_rating(SessionStatus::Confirmed, false, 4, "").unwrap_err();
        assert_eq!(err.code, mentordesk_shared::ErrorCode::Conflict);
        assert!(validate_rating(SessionStatus::Completed, true, 4, "").is_err());
    }

    #[test]
    fn private_notes_are_for_their_author_only() {
        let (a, b) = (uid(), uid());
        assert!(note_visible(a, true, a));
        assert!(!note_visible(a, true, b));
        assert!(note_visible(a, false, b));
        assert!(check_note_author(a, b).is_err());
        let err = note_body(&"x".repeat(NOTE_MAX + 1)).unwrap_err();
        assert_eq!(err.fields[0].field, "body");
    }

    #[test]
    fn appointments_need_attendees_and_a_future_time() {
        let now = Utc.with_ymd_and_hms(2027, 1, 1, 12, 0, 0).unwrap();
        let organiser = uid();
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let mut input = AppointmentInput {
            title: "Cohort kick-off".into(),
            description: String::new(),
            start: WallTime {
                date: NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
                time: "10:00".into(),
            },
            duration_minutes: 60,
            meeting_link: "meet.example.com/kickoff".into(),
            attendee_ids: vec![organiser],
        };
        let err = validate_appointment(&input, organiser, tz, now).unwrap_err();
        assert_eq!(err.fields[0].field, "attendee_ids");
        let guest = uid();
        input.attendee_ids = vec![guest, guest, organiser];
        let ok = validate_appointment(&input, organiser, tz, now).unwrap();
        assert_eq!(ok.attendees, vec![guest]);
        assert_eq!(ok.starts_at.to_rfc3339(), "2027-01-05T09:00:00+00:00");
        assert_eq!(ok.meeting_link, "https://meet.example.com/kickoff");
    }
}
