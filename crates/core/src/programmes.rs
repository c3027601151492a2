//! Programmes, their applications and mentor–mentee matches: what a valid programme is,
//! how its status moves, who sees and runs it, who may apply, and when a match may be
//! proposed and approved (seed 000 PROGRAMME / Programme APPLICATION, seed 001 matches).
//!
//! Who may do what (checked here for every command, whatever the UI shows):
//! - people holding `programmes.oversee` (admins) see and run every programme;
//! - a programme's managers see and run it: edit, status, members, applications, matches;
//! - its mentors and mentees see it and its members;
//! - anyone signed in sees active programmes that take applications (to apply);
//! - everyone else gets `not_found`, so a programme's existence does not leak.

use crate::slots::{self, Interval, Schedule};
use crate::validate;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use mentordesk_shared::error::FieldErrors;
use mentordesk_shared::programmes::*;
use mentordesk_shared::ApiError;

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 5000;
pub const QUESTIONS_MAX: usize = 10;
pub const QUESTION_MAX: usize = 300;
pub const ANSWER_MAX: usize = 2000;
pub const GOAL_MAX: usize = 500;
pub const REASON_MAX: usize = 1000;
/// A mentor who has not said how many mentees they take is counted as taking this many.
pub const DEFAULT_MENTEE_CAPACITY: u32 = 3;

/// What the viewer is to one programme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// Holds `programmes.oversee` (admins).
    pub oversees: bool,
    /// The viewer's roles in the programme.
    pub roles: Vec<ProgrammeRole>,
}

impl Standing {
    pub fn manages(&self) -> bool {
        self.oversees || self.roles.contains(&ProgrammeRole::Manager)
    }

    pub fn belongs(&self) -> bool {
        !self.roles.is_empty()
    }

    /// Sees the whole programme, members included.
    pub fn sees_members(&self) -> bool {
        self.oversees || self.belongs()
    }
}

/// Whether the viewer may see the programme at all (an open one shows its catalogue page).
pub fn visible(standing: &Standing, status: ProgrammeStatus, criteria: &ProgrammeCriteria) -> bool {
    standing.sees_members() || open_for_applications(status, criteria)
}

pub fn open_for_applications(status: ProgrammeStatus, criteria: &ProgrammeCriteria) -> bool {
    status == ProgrammeStatus::Active
        && criteria.accepting_applications
        && (criteria.open_to_mentors || criteria.open_to_mentees)
}

/// The programme as `not_found` unless the viewer may see it.
pub fn require_visible(
    standing: &Standing,
    status: ProgrammeStatus,
    criteria: &ProgrammeCriteria,
) -> Result<(), ApiError> {
    if visible(standing, status, criteria) {
        Ok(())
    } else {
        Err(ApiError::not_found("The programme"))
    }
}

/// Only its managers and admins run a programme; others who can see it are told why not.
pub fn require_manager(standing: &Standing) -> Result<(), ApiError> {
    if standing.manages() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only this programme's managers and administrators can do that.",
        ))
    }
}

/// The allowed moves: active → completed or archived; completed → archived.
pub fn next_statuses(from: ProgrammeStatus) -> &'static [ProgrammeStatus] {
    match from {
        ProgrammeStatus::Active => &[ProgrammeStatus::Completed, ProgrammeStatus::Archived],
        ProgrammeStatus::Completed => &[ProgrammeStatus::Archived],
        ProgrammeStatus::Archived => &[],
    }
}

pub fn check_status_change(from: ProgrammeStatus, to: ProgrammeStatus) -> Result<(), ApiError> {
    if next_statuses(from).contains(&to) {
        Ok(())
    } else if from == to {
        Err(ApiError::conflict(format!(
            "The programme is already {}.",
            from.label().to_lowercase()
        )))
    } else {
        Err(ApiError::conflict(format!(
            "A programme that is {} cannot become {}.",
            from.label().to_lowercase(),
            to.label().to_lowercase()
        )))
    }
}

/// Changes to an archived programme are refused: it is kept as a record.
pub fn require_not_archived(status: ProgrammeStatus) -> Result<(), ApiError> {
    if status == ProgrammeStatus::Archived {
        Err(ApiError::conflict(
            "This programme is archived; it is kept as a record and cannot change.",
        ))
    } else {
        Ok(())
    }
}

/// The key that makes programme names unique ignoring case and spacing.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Required multi-line text (an answer, a goal).
fn required_text(input: &str, max: usize, empty: &str) -> Result<String, String> {
    validate::required_text(input, max, empty)
}

/// A one-line name: every control character refused (line breaks included) before its
/// inner spacing is collapsed, then required and at most `max` characters.
fn one_line_name(input: &str, max: usize, empty: &str) -> Result<String, String> {
    validate::check_characters(input.trim(), validate::Lines::Single)?;
    validate::required_line(&name_collapsed(input), max, empty)
}

fn name_collapsed(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A programme's fields, trimmed, with every bad field reported at once.
pub fn fields(input: &ProgrammeFields) -> Result<ProgrammeFields, ApiError> {
    let mut errors = FieldErrors::new();
    let name = errors.check(
        "name",
        one_line_name(&input.name, NAME_MAX, "Give the programme a name."),
    );
    let description = errors.check(
        "description",
        validate::optional_text(&input.description, DESCRIPTION_MAX),
    );
    let c = &input.criteria;
    let skills = errors.check("skills", validate::tags(&c.skills));
    let mentor_min_years = errors.check(
        "mentor_min_years",
        validate::bounded_number(c.mentor_min_years, 50, "Years of experience"),
    );
    let hours_per_month = errors.check(
        "hours_per_month",
        validate::bounded_number(c.hours_per_month, 200, "Hours per month"),
    );
    let max_mentees = errors.check(
        "max_mentees",
        validate::bounded_number(c.max_mentees, 10_000, "The number of mentees"),
    );
    if hours_per_month == Some(Some(0)) {
        errors.add(
            "hours_per_month",
            "Leave it empty, or enter at least 1 hour.",
        );
    }
    if max_mentees == Some(Some(0)) {
        errors.add("max_mentees", "Leave it empty, or take at least 1 mentee.");
    }
    let starts_ok = c
        .starts_on
        .is_none_or(|d| errors.check("starts_on", validate::date(d)).is_some());
    let ends_ok = c
        .ends_on
        .is_none_or(|d| errors.check("ends_on", validate::date(d)).is_some());
    if let (Some(start), Some(end), true, true) = (c.starts_on, c.ends_on, starts_ok, ends_ok) {
        if end < start {
            errors.add("ends_on", "The programme must end on or after its start.");
        }
    }
    if c.accepting_applications && !c.open_to_mentors && !c.open_to_mentees {
        errors.add(
            "open_to",
            "Say whether mentors, mentees or both may apply, or stop taking applications.",
        );
    }
    let mut questions = Vec::new();
    for (i, q) in input.questions.iter().enumerate() {
        let q = q.trim();
        if q.is_empty() {
            continue;
        }
        match validate::optional_line(q, QUESTION_MAX) {
            Ok(q) => questions.push(q),
            Err(m) => errors.add("questions", format!("Question {}: {m}", i + 1)),
        }
    }
    if questions.len() > QUESTIONS_MAX {
        errors.add(
            "questions",
            format!(
                "Ask at most {QUESTIONS_MAX} questions (there are {}).",
                questions.len()
            ),
        );
    }
    errors.into_result()?;
    Ok(ProgrammeFields {
        name: name.unwrap_or_default(),
        description: description.unwrap_or_default(),
        criteria: ProgrammeCriteria {
            accepting_applications: c.accepting_applications,
            open_to_mentors: c.open_to_mentors,
            open_to_mentees: c.open_to_mentees,
            mentor_min_years: mentor_min_years.flatten(),
            skills: skills.unwrap_or_default(),
            hours_per_month: hours_per_month.flatten(),
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            max_mentees: max_mentees.flatten(),
        },
        questions,
    })
}

/// What an application needs to know of the applicant and the programme.
#[derive(Debug, Clone)]
pub struct Applicant {
    /// Whether the account holds the built-in role it applies as (mentor or mentee).
    pub holds_role: bool,
    pub years_experience: Option<u32>,
    pub already_member_as: Vec<ProgrammeRole>,
    pub has_pending_application: bool,
    /// Mentees in the programme now (for `max_mentees`).
    pub mentees_now: u32,
}

/// Checks an application and returns its answers, trimmed.
pub fn application(
    status: ProgrammeStatus,
    criteria: &ProgrammeCriteria,
    questions: &[String],
    applicant: &Applicant,
    req: &ProgrammeApply,
) -> Result<Vec<QuestionAnswer>, ApiError> {
    if !open_for_applications(status, criteria) {
        return Err(ApiError::conflict(
            "This programme is not taking applications.",
        ));
    }
    let (open, role_word) = match req.role {
        ProgrammeRole::Mentor => (criteria.open_to_mentors, "mentors"),
        ProgrammeRole::Mentee => (criteria.open_to_mentees, "mentees"),
        ProgrammeRole::Manager => {
            return Err(ApiError::field(
                "role",
                "Apply as a mentor or a mentee; administrators appoint managers.",
            ))
        }
    };
    if !open {
        return Err(ApiError::field(
            "role",
            format!("This programme does not take applications from {role_word}."),
        ));
    }
    if !applicant.holds_role {
        return Err(ApiError::field(
            "role",
            format!(
                "Only {role_word} can apply as one. Apply for the role from your profile first."
            ),
        ));
    }
    if applicant.already_member_as.contains(&req.role) {
        return Err(ApiError::conflict(format!(
            "You are already one of this programme's {role_word}."
        )));
    }
    if applicant.has_pending_application {
        return Err(ApiError::conflict(
            "You already have an application to this programme waiting for a decision.",
        ));
    }
    if req.role == ProgrammeRole::Mentor {
        if let Some(min) = criteria.mentor_min_years {
            if applicant.years_experience.unwrap_or(0) < min {
                return Err(ApiError::field(
                    "role",
                    format!(
                        "Mentors in this programme need at least {min} years of experience; \
                         your profile says {}.",
                        applicant.years_experience.unwrap_or(0)
                    ),
                ));
            }
        }
    }
    if req.role == ProgrammeRole::Mentee {
        if let Some(max) = criteria.max_mentees {
            if applicant.mentees_now >= max {
                return Err(ApiError::conflict(format!(
                    "This programme is full: it takes {max} mentees."
                )));
            }
        }
    }
    let mut errors = FieldErrors::new();
    let mut answers = Vec::with_capacity(questions.len());
    for (i, question) in questions.iter().enumerate() {
        let field = format!("answers.{i}");
        let given = req.answers.get(i).map(String::as_str).unwrap_or("");
        match required_text(given, ANSWER_MAX, "Answer this question.") {
            Ok(answer) => answers.push(QuestionAnswer {
                question: question.clone(),
                answer,
            }),
            Err(m) => errors.add(&field, m),
        }
    }
    if req.answers.len() > questions.len()
        && req.answers[questions.len()..]
            .iter()
            .any(|a| !a.trim().is_empty())
    {
        errors.add(
            "answers",
            "There are more answers than questions; reload the programme.",
        );
    }
    errors.into_result().map(|()| answers)
}

/// A decline needs a reason the applicant (or the pair) will read.
pub fn decision_reason(approve: bool, reason: &str) -> Result<String, ApiError> {
    let reason =
        validate::optional_text(reason, REASON_MAX).map_err(|m| ApiError::field("reason", m))?;
    if !approve && reason.is_empty() {
        return Err(ApiError::field(
            "reason",
            "Say why; the people concerned will see it.",
        ));
    }
    Ok(reason)
}

/// A mentor's capacity as matches see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    /// `profiles.mentee_capacity`; `None` counts as [`DEFAULT_MENTEE_CAPACITY`].
    pub max: Option<u32>,
    pub accepting: bool,
    /// Approved matches now, across programmes.
    pub current: u32,
}

impl Capacity {
    pub fn limit(&self) -> u32 {
        self.max.unwrap_or(DEFAULT_MENTEE_CAPACITY)
    }

    pub fn left(&self) -> u32 {
        self.limit().saturating_sub(self.current)
    }

    pub fn at_or_over(&self) -> bool {
        self.current >= self.limit()
    }
}

/// Facts a match proposal is checked against.
#[derive(Debug, Clone)]
pub struct Pair {
    pub mentor_is_member: bool,
    pub mentee_is_member: bool,
    pub open_match_exists: bool,
    pub blocked: bool,
    pub capacity: Capacity,
}

/// Who is proposing: a manager of the programme, or the mentee themself.
pub fn match_origin(
    standing: &Standing,
    proposer: mentordesk_shared::ids::UserId,
    req: &MatchProposal,
) -> Result<MatchOrigin, ApiError> {
    if standing.manages() {
        Ok(MatchOrigin::Manager)
    } else if proposer == req.mentee_id && standing.roles.contains(&ProgrammeRole::Mentee) {
        Ok(MatchOrigin::Mentee)
    } else {
        Err(ApiError::forbidden(
            "Matches are proposed by the programme's managers, or requested by a mentee for \
             themself.",
        ))
    }
}

/// Checks a proposal and returns its goal, trimmed.
pub fn match_proposal(
    status: ProgrammeStatus,
    req: &MatchProposal,
    pair: &Pair,
) -> Result<String, ApiError> {
    if status != ProgrammeStatus::Active {
        return Err(ApiError::conflict(
            "Matches are made in active programmes only.",
        ));
    }
    let mut errors = FieldErrors::new();
    if req.mentor_id == req.mentee_id {
        errors.add("mentor_id", "A mentor cannot be matched with themself.");
    } else {
        if !pair.mentor_is_member {
            errors.add("mentor_id", "Choose one of this programme's mentors.");
        }
        if !pair.mentee_is_member {
            errors.add("mentee_id", "Choose one of this programme's mentees.");
        }
    }
    let goal = errors.check(
        "goal",
        required_text(&req.goal, GOAL_MAX, "Say what the pair will work towards."),
    );
    errors.into_result()?;
    if pair.blocked {
        return Err(ApiError::conflict(
            "One of them has blocked the other; they cannot be matched.",
        ));
    }
    if pair.open_match_exists {
        return Err(ApiError::conflict(
            "These two are already matched in this programme, or a match is waiting for \
             approval.",
        ));
    }
    if !pair.capacity.accepting {
        return Err(ApiError::conflict(
            "This mentor is not accepting new mentees.",
        ));
    }
    if pair.capacity.at_or_over() {
        return Err(over_capacity(&pair.capacity));
    }
    Ok(goal.unwrap_or_default())
}

fn over_capacity(c: &Capacity) -> ApiError {
    ApiError::conflict(format!(
        "This mentor already has {} of {} mentees; they have no room for another.",
        c.current,
        c.limit()
    ))
}

/// What a decision does to a match: its new status, checked against the current one and
/// (for an approval) against the mentor's capacity at this moment.
pub fn match_decision(
    current: MatchStatus,
    action: MatchAction,
    capacity: &Capacity,
) -> Result<MatchStatus, ApiError> {
    match (current, action) {
        (MatchStatus::Pending, MatchAction::Approve) => {
            if !capacity.accepting {
                Err(ApiError::conflict(
                    "This mentor is not accepting new mentees any more.",
                ))
            } else if capacity.at_or_over() {
                Err(over_capacity(capacity))
            } else {
                Ok(MatchStatus::Approved)
            }
        }
        (MatchStatus::Pending, MatchAction::Reject) => Ok(MatchStatus::Rejected),
        (MatchStatus::Approved, MatchAction::End) => Ok(MatchStatus::Ended),
        (MatchStatus::Pending, MatchAction::End) => Err(ApiError::conflict(
            "A match waiting for approval is rejected, not ended.",
        )),
        (status, _) => Err(ApiError::conflict(format!(
            "This match is {} already.",
            status.label().to_lowercase()
        ))),
    }
}

/// What the suggestion score knows of a mentor.
#[derive(Debug, Clone)]
pub struct MentorFacts {
    pub expertise: Vec<String>,
    pub schedule: Option<Schedule>,
    pub capacity: Capacity,
}

/// What it knows of the mentee.
#[derive(Debug, Clone)]
pub struct MenteeFacts {
    pub interests: Vec<String>,
    pub time_zone: Tz,
}

/// Points for each part of a suggestion (they add up to 100).
pub const SKILL_POINTS: u32 = 50;
pub const OVERLAP_POINTS: u32 = 35;
pub const CAPACITY_POINTS: u32 = 15;
/// Hours of overlap a week that earn the full overlap points.
const OVERLAP_FULL_HOURS: u32 = 10;
/// The mentee's day, in their own zone, that a mentor's hours are compared with.
const MENTEE_DAY: (u32, u32) = (8, 20);

/// A mentor's score for a mentee, each part explained: shared expertise and interests,
/// the mentor's published hours that fall in the mentee's day (08:00–20:00 in the mentee's
/// zone) over the week starting on `week_start`, and the room the mentor has left.
pub fn suggestion_score(
    mentor: &MentorFacts,
    mentee: &MenteeFacts,
    week_start: DateTime<Utc>,
) -> (u32, Vec<ScorePart>) {
    let mut parts = Vec::with_capacity(3);

    let wanted: Vec<String> = mentee.interests.iter().map(|t| t.to_lowercase()).collect();
    let shared: Vec<&String> = mentor
        .expertise
        .iter()
        .filter(|t| wanted.contains(&t.to_lowercase()))
        .collect();
    let skill_points = if wanted.is_empty() {
        0
    } else {
        let covered = shared.len().min(wanted.len()) as u32;
        (SKILL_POINTS * covered)
            .div_ceil(wanted.len() as u32)
            .min(SKILL_POINTS)
    };
    parts.push(ScorePart {
        label: "Shared expertise and interests".into(),
        points: skill_points,
        max: SKILL_POINTS,
        detail: if wanted.is_empty() {
            "The mentee has not listed interests yet.".into()
        } else if shared.is_empty() && wanted.len() == 1 {
            "Not the mentee's interest.".into()
        } else if shared.is_empty() {
            format!("None of the mentee's {} interests.", wanted.len())
        } else if wanted.len() == 1 {
            format!("The mentee's interest: {}.", shared[0])
        } else {
            format!(
                "{} of the mentee's {} interests: {}.",
                shared.len(),
                wanted.len(),
                shared
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    });

    let minutes = mentor
        .schedule
        .as_ref()
        .map(|s| overlap_minutes(s, mentee.time_zone, week_start))
        .unwrap_or(0);
    let hours = minutes / 60;
    let overlap_points = (OVERLAP_POINTS * minutes / (OVERLAP_FULL_HOURS * 60)).min(OVERLAP_POINTS);
    parts.push(ScorePart {
        label: "Hours in the mentee's day".into(),
        points: overlap_points,
        max: OVERLAP_POINTS,
        detail: match &mentor.schedule {
            None => "The mentor has not published availability.".into(),
            Some(_) if minutes == 0 => format!(
                "None of the mentor's hours fall between {:02}:00 and {:02}:00 in {}.",
                MENTEE_DAY.0,
                MENTEE_DAY.1,
                mentee.time_zone.name()
            ),
            Some(_) => format!(
                "{}{} h a week fall between {:02}:00 and {:02}:00 in {}.",
                hours,
                if minutes % 60 >= 30 { ".5" } else { "" },
                MENTEE_DAY.0,
                MENTEE_DAY.1,
                mentee.time_zone.name()
            ),
        },
    });

    let c = &mentor.capacity;
    let capacity_points = if !c.accepting || c.limit() == 0 {
        0
    } else {
        (CAPACITY_POINTS * c.left()).div_ceil(c.limit())
    };
    parts.push(ScorePart {
        label: "Room for another mentee".into(),
        points: capacity_points,
        max: CAPACITY_POINTS,
        detail: if !c.accepting {
            "Not accepting new mentees.".into()
        } else {
            format!(
                "{} of {} places free{}.",
                c.left(),
                c.limit(),
                if c.max.is_none() {
                    " (no capacity set; the default)"
                } else {
                    ""
                }
            )
        },
    });

    (parts.iter().map(|p| p.points).sum(), parts)
}

/// Minutes of the mentor's published hours in the week from `week_start` that fall inside
/// the mentee's day in the mentee's zone (the time engine turns both into UTC).
pub fn overlap_minutes(schedule: &Schedule, mentee_zone: Tz, week_start: DateTime<Utc>) -> u32 {
    let week_end = week_start + Duration::days(7);
    let hours = slots::available_hours(schedule, week_start, week_end);
    let first_day = week_start.with_timezone(&mentee_zone).date_naive();
    let mut total = 0i64;
    for offset in 0..8 {
        let Some(date) = first_day.checked_add_signed(Duration::days(offset)) else {
            continue;
        };
        let Some(day) = mentee_day(mentee_zone, date) else {
            continue;
        };
        let day = Interval::new(day.start.max(week_start), day.end.min(week_end));
        if day.start >= day.end {
            continue;
        }
        for h in &hours {
            let start = h.start.max(day.start);
            let end = h.end.min(day.end);
            if start < end {
                total += (end - start).num_minutes();
            }
        }
    }
    u32::try_from(total).unwrap_or(u32::MAX)
}

fn mentee_day(tz: Tz, date: NaiveDate) -> Option<Interval> {
    let at = |hour: u32| {
        tz.from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Some(Interval::new(at(MENTEE_DAY.0)?, at(MENTEE_DAY.1)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentordesk_shared::ids::UserId;
    use mentordesk_shared::scheduling::{Availability, BookingSettings, WeeklyRange};
    use mentordesk_shared::ErrorCode;

    fn open_criteria() -> ProgrammeCriteria {
        ProgrammeCriteria {
            accepting_applications: true,
            open_to_mentors: true,
            open_to_mentees: true,
            ..ProgrammeCriteria::default()
        }
    }

    fn programme(name: &str) -> ProgrammeFields {
        ProgrammeFields {
            name: name.into(),
            description: "Six months of career mentoring.".into(),
            criteria: open_criteria(),
            questions: vec!["Why this programme?".into()],
        }
    }

    #[test]
    fn a_programme_needs_a_name_and_consistent_criteria() {
        let ok = fields(&programme("  Women  in   Tech  ")).unwrap();
        assert_eq!(ok.name, "Women in Tech");
        assert_eq!(name_key("  Women  in   TECH "), "women in tech");

        let mut bad = programme("   ");
        bad.criteria.starts_on = NaiveDate::from_ymd_opt(2027, 3, 1);
        bad.criteria.ends_on = NaiveDate::from_ymd_opt(2027, 2, 1);
        bad.criteria.open_to_mentors = false;
        bad.criteria.open_to_mentees = false;
        bad.criteria.max_mentees = Some(0);
        bad.questions = vec!["x".repeat(301)];
        let err = fields(&bad).unwrap_err();
        for field in ["name", "ends_on", "open_to", "max_mentees", "questions"] {
            assert!(err.field_message(field).is_some(), "{field}: {err:?}");
        }
        let mut many = programme("Many questions");
        many.questions = (0..11).map(|i| format!("Q{i}")).collect();
        assert!(fields(&many)
            .unwrap_err()
            .field_message("questions")
            .is_some());
    }

    #[test]
    fn status_moves_forward_only() {
        use ProgrammeStatus::*;
        assert!(check_status_change(Active, Completed).is_ok());
        assert!(check_status_change(Active, Archived).is_ok());
        assert!(check_status_change(Completed, Archived).is_ok());
        for (from, to) in [
            (Completed, Active),
            (Archived, Active),
            (Archived, Completed),
            (Active, Active),
        ] {
            assert_eq!(
                check_status_change(from, to).unwrap_err().code,
                ErrorCode::Conflict,
                "{from:?} → {to:?}"
            );
        }
    }

    #[test]
    fn managers_and_admins_run_programmes_members_see_them_others_only_open_ones() {
        let admin = Standing {
            oversees: true,
            roles: vec![],
        };
        let manager = Standing {
            oversees: false,
            roles: vec![ProgrammeRole::Manager],
        };
        let mentee = Standing {
            oversees: false,
            roles: vec![ProgrammeRole::Mentee],
        };
        let outsider = Standing::default();
        let closed = ProgrammeCriteria::default();
        let active = ProgrammeStatus::Active;
        assert!(admin.manages() && manager.manages());
        assert!(!mentee.manages() && !outsider.manages());
        assert!(visible(&mentee, active, &closed));
        assert!(!visible(&outsider, active, &closed));
        assert!(visible(&outsider, active, &open_criteria()));
        assert!(!visible(
            &outsider,
            ProgrammeStatus::Completed,
            &open_criteria()
        ));
        assert_eq!(
            require_visible(&outsider, active, &closed)
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
        assert_eq!(
            require_manager(&mentee).unwrap_err().code,
            ErrorCode::Forbidden
        );
    }

    fn applicant() -> Applicant {
        Applicant {
            holds_role: true,
            years_experience: Some(5),
            already_member_as: vec![],
            has_pending_application: false,
            mentees_now: 0,
        }
    }

    fn apply(role: ProgrammeRole, answers: &[&str]) -> ProgrammeApply {
        ProgrammeApply {
            programme_id: mentordesk_shared::ids::ProgrammeId(uuid::Uuid::nil()),
            role,
            answers: answers.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn an_application_answers_every_question_and_meets_the_criteria() {
        let questions = vec!["Why?".to_string(), "What do you hope to learn?".to_string()];
        let c = open_criteria();
        let active = ProgrammeStatus::Active;
        let ok = application(
            active,
            &c,
            &questions,
            &applicant(),
            &apply(ProgrammeRole::Mentee, &[" Growth ", "Leading"]),
        )
        .unwrap();
        assert_eq!(ok[0].answer, "Growth");
        assert_eq!(ok[1].question, "What do you hope to learn?");

        let err = application(
            active,
            &c,
            &questions,
            &applicant(),
            &apply(ProgrammeRole::Mentee, &["Growth", "  "]),
        )
        .unwrap_err();
        assert!(err.field_message("answers.1").is_some(), "{err:?}");

        let mut strict = c.clone();
        strict.mentor_min_years = Some(8);
        let err = application(
            active,
            &strict,
            &questions,
            &applicant(),
            &apply(ProgrammeRole::Mentor, &["a", "b"]),
        )
        .unwrap_err();
        assert!(err.field_message("role").unwrap().contains("8 years"));

        let mut member = applicant();
        member.already_member_as = vec![ProgrammeRole::Mentee];
        assert_eq!(
            application(
                active,
                &c,
                &questions,
                &member,
                &apply(ProgrammeRole::Mentee, &["a", "b"])
            )
            .unwrap_err()
            .code,
            ErrorCode::Conflict
        );
        let mut not_mentor = applicant();
        not_mentor.holds_role = false;
        assert!(application(
            active,
            &c,
            &questions,
            &not_mentor,
            &apply(ProgrammeRole::Mentor, &["a", "b"])
        )
        .unwrap_err()
        .field_message("role")
        .is_some());
        assert_eq!(
            application(
                ProgrammeStatus::Completed,
                &c,
                &questions,
                &applicant(),
                &apply(ProgrammeRole::Mentee, &["a", "b"])
            )
            .unwrap_err()
            .code,
            ErrorCode::Conflict
        );
        let mut full = c.clone();
        full.max_mentees = Some(2);
        let mut crowded = applicant();
        crowded.mentees_now = 2;
        assert!(application(
            active,
            &full,
            &questions,
            &crowded,
            &apply(ProgrammeRole::Mentee, &["a", "b"])
        )
        .unwrap_err()
        .message
        .contains("full"));
    }

    fn capacity(max: Option<u32>, current: u32) -> Capacity {
        Capacity {
            max,
            accepting: true,
            current,
        }
    }

    fn pair() -> Pair {
        Pair {
            mentor_is_member: true,
            mentee_is_member: true,
            open_match_exists: false,
            blocked: false,
            capacity: capacity(Some(2), 1),
        }
    }

    fn proposal(mentor: UserId, mentee: UserId, goal: &str) -> MatchProposal {
        MatchProposal {
            programme_id: mentordesk_shared::ids::ProgrammeId(uuid::Uuid::nil()),
            mentor_id: mentor,
            mentee_id: mentee,
            goal: goal.into(),
        }
    }

    #[test]
    fn a_match_pairs_two_members_with_a_goal_within_the_mentors_capacity() {
        let (a, b) = (UserId(uuid::Uuid::new_v4()), UserId(uuid::Uuid::new_v4()));
        let active = ProgrammeStatus::Active;
        assert_eq!(
            match_proposal(active, &proposal(a, b, " Lead a team "), &pair()).unwrap(),
            "Lead a team"
        );
        let err = match_proposal(active, &proposal(a, a, ""), &pair()).unwrap_err();
        assert!(err.field_message("mentor_id").is_some() && err.field_message("goal").is_some());
        let mut outsider = pair();
        outsider.mentee_is_member = false;
        assert!(match_proposal(active, &proposal(a, b, "g"), &outsider)
            .unwrap_err()
            .field_message("mentee_id")
            .is_some());
        let mut full = pair();
        full.capacity = capacity(Some(2), 2);
        assert!(match_proposal(active, &proposal(a, b, "g"), &full)
            .unwrap_err()
            .message
            .contains("2 of 2"));
        let mut closed = pair();
        closed.capacity.accepting = false;
        assert_eq!(
            match_proposal(active, &proposal(a, b, "g"), &closed)
                .unwrap_err()
                .code,
            ErrorCode::Conflict
        );
        let mut twice = pair();
        twice.open_match_exists = true;
        assert_eq!(
            match_proposal(active, &proposal(a, b, "g"), &twice)
                .unwrap_err()
                .code,
            ErrorCode::Conflict
        );
    }

    #[test]
    fn approval_checks_capacity_at_that_moment_and_decided_matches_stay_decided() {
        use MatchAction::*;
        use MatchStatus::*;
        assert_eq!(
            match_decision(Pending, Approve, &capacity(Some(2), 1)).unwrap(),
            Approved
        );
        assert!(match_decision(Pending, Approve, &capacity(Some(2), 2))
            .unwrap_err()
            .message
            .contains("no room"));
        assert!(match_decision(Pending, Approve, &capacity(None, 3)).is_err());
        assert!(match_decision(Pending, Approve, &capacity(None, 2)).is_ok());
        assert_eq!(
            match_decision(Pending, Reject, &capacity(Some(1), 1)).unwrap(),
            Rejected
        );
        assert_eq!(
            match_decision(Approved, End, &capacity(Some(1), 1)).unwrap(),
            Ended
        );
        for (from, action) in [
            (Approved, Approve),
            (Rejected, Approve),
            (Ended, End),
            (Pending, End),
        ] {
            assert_eq!(
                match_decision(from, action, &capacity(Some(5), 0))
                    .unwrap_err()
                    .code,
                ErrorCode::Conflict,
                "{from:?} {action:?}"
            );
        }
    }

    #[test]
    fn only_managers_propose_and_mentees_request_for_themselves() {
        let (me, other) = (UserId(uuid::Uuid::new_v4()), UserId(uuid::Uuid::new_v4()));
        let mentee = Standing {
            oversees: false,
            roles: vec![ProgrammeRole::Mentee],
        };
        let mentor = Standing {
            oversees: false,
            roles: vec![ProgrammeRole::Mentor],
        };
        let manager = Standing {
            oversees: false,
            roles: vec![ProgrammeRole::Manager],
        };
        assert_eq!(
            match_origin(&mentee, me, &proposal(other, me, "g")).unwrap(),
            MatchOrigin::Mentee
        );
        assert!(match_origin(
            &mentee,
            me,
            &proposal(other, UserId(uuid::Uuid::new_v4()), "g")
        )
        .is_err());
        assert!(match_origin(&mentor, me, &proposal(me, other, "g")).is_err());
        assert_eq!(
            match_origin(
                &manager,
                me,
                &proposal(other, UserId(uuid::Uuid::new_v4()), "g")
            )
            .unwrap(),
            MatchOrigin::Manager
        );
    }

    fn schedule(zone: &str, from: u16, to: u16) -> Schedule {
        use chrono::Weekday::*;
        Schedule::parse(&Availability {
            time_zone: zone.into(),
            weekly: [Mon, Tue, Wed, Thu, Fri]
                .into_iter()
                .map(|weekday| WeeklyRange {
                    weekday,
                    start: from,
                    end: to,
                })
                .collect(),
            exceptions: vec![],
            settings: BookingSettings::default(),
        })
        .unwrap()
    }

    #[test]
    fn overlap_counts_the_mentors_hours_inside_the_mentees_day_across_zones() {
        let monday = Utc.with_ymd_and_hms(2027, 1, 4, 0, 0, 0).unwrap();
        // 09:00–17:00 in London vs a London day 08:00–20:00: all 8 h on 5 days.
        let london = schedule("Europe/London", 9 * 60, 17 * 60);
        assert_eq!(
            overlap_minutes(&london, chrono_tz::Europe::London, monday),
            40 * 60
        );
        // The same hours seen from Tokyo (UTC+9): 09:00 London is 18:00 Tokyo, so only
        // 18:00–20:00 of each Tokyo day overlaps: 2 h on 5 days.
        assert_eq!(
            overlap_minutes(&london, chrono_tz::Asia::Tokyo, monday),
            10 * 60
        );
        // New York (UTC−5) sees 04:00–12:00: 08:00–12:00, 4 h on 5 days.
        assert_eq!(
            overlap_minutes(&london, chrono_tz::America::New_York, monday),
            20 * 60
        );
    }

    #[test]
    fn a_suggestion_scores_shared_interests_overlap_and_room_and_says_why() {
        let monday = Utc.with_ymd_and_hms(2027, 1, 4, 0, 0, 0).unwrap();
        let mentee = MenteeFacts {
            interests: vec!["Rust".into(), "Leadership".into()],
            time_zone: chrono_tz::Europe::London,
        };
        let strong = MentorFacts {
            expertise: vec!["rust".into(), "Leadership".into(), "Go".into()],
            schedule: Some(schedule("Europe/London", 9 * 60, 17 * 60)),
            capacity: capacity(Some(4), 0),
        };
        let (score, parts) = suggestion_score(&strong, &mentee, monday);
        assert_eq!(score, 100, "{parts:?}");
        assert!(parts[0].detail.contains("2 of the mentee's 2"));
        assert!(parts[1].detail.contains("40 h a week"));
        assert!(parts[2].detail.contains("4 of 4 places free"));

        let weak = MentorFacts {
            expertise: vec!["Rust".into()],
            schedule: None,
            capacity: Capacity {
                max: None,
                accepting: true,
                current: 2,
            },
        };
        let (score, parts) = suggestion_score(&weak, &mentee, monday);
        assert_eq!(parts[0].points, 25);
        assert_eq!(parts[1].points, 0);
        assert!(parts[1].detail.contains("not published"));
        assert_eq!(parts[2].points, 5);
        assert!(parts[2].detail.contains("default"));
        assert_eq!(score, 30);
    }
}
