//! Programmes (seed 000 PROGRAMME, ProgramsMentor, Programme APPLICATION), their
//! members, and mentor–mentee matches within them (seed 001 `matches`).

use crate::admin::ApplicationStatus;
use crate::ids::{MatchId, ProgrammeApplicationId, ProgrammeId, UserId};
use crate::sessions::PersonBrief;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A programme's life: active, then completed or archived (a completed one may be archived).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    #[default]
    Active,
    Completed,
    Archived,
}

impl ProgrammeStatus {
    pub const ALL: [ProgrammeStatus; 3] = [
        ProgrammeStatus::Active,
        ProgrammeStatus::Completed,
        ProgrammeStatus::Archived,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProgrammeStatus::Active => "active",
            ProgrammeStatus::Completed => "completed",
            ProgrammeStatus::Archived => "archived",
        }
    }

    pub fn from_key(key: &str) -> Option<ProgrammeStatus> {
        ProgrammeStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            ProgrammeStatus::Active => "Active",
            ProgrammeStatus::Completed => "Completed",
            ProgrammeStatus::Archived => "Archived",
        }
    }
}

/// What someone is in a programme (a person may be several, e.g. manager and mentor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeRole {
    Manager,
    Mentor,
    Mentee,
}

impl ProgrammeRole {
    pub const ALL: [ProgrammeRole; 3] = [
        ProgrammeRole::Manager,
        ProgrammeRole::Mentor,
        ProgrammeRole::Mentee,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProgrammeRole::Manager => "manager",
            ProgrammeRole::Mentor => "mentor",
            ProgrammeRole::Mentee => "mentee",
        }
    }

    pub fn from_key(key: &str) -> Option<ProgrammeRole> {
        ProgrammeRole::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            ProgrammeRole::Manager => "Manager",
            ProgrammeRole::Mentor => "Mentor",
            ProgrammeRole::Mentee => "Mentee",
        }
    }
}

/// Seed 000's `criteria (JSON)`, given a structure: who the programme is for and what it asks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeCriteria {
    /// Whether people may apply (managers can still add members directly).
    pub accepting_applications: bool,
    pub open_to_mentors: bool,
    pub open_to_mentees: bool,
    /// Years of experience a mentor needs.
    pub mentor_min_years: Option<u32>,
    /// Skills or topics the programme is about (tags).
    pub skills: Vec<String>,
    /// Expected commitment per month, in hours.
    pub hours_per_month: Option<u32>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// How many mentees the programme takes in at most.
    pub max_mentees: Option<u32>,
}

/// What a manager types when creating or editing a programme.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgrammeFields {
    pub name: String,
    pub description: String,
    pub criteria: ProgrammeCriteria,
    /// What applicants answer (at most 10 questions).
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeEdit {
    pub id: ProgrammeId,
    pub fields: ProgrammeFields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRef {
    pub id: ProgrammeId,
}

/// Which programmes a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeScope {
    /// Those the caller manages or belongs to (admins: every programme).
    #[default]
    Mine,
    /// Active programmes taking applications that the caller is not in yet.
    Open,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgrammeQuery {
    pub scope: ProgrammeScope,
    /// Empty: every status.
    pub statuses: Vec<ProgrammeStatus>,
    /// Words in the name or description.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeStatusChange {
    pub id: ProgrammeId,
    pub status: ProgrammeStatus,
}

/// A new programme picture (base64 PNG/JPEG/GIF/WebP), or `None` to remove it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePicture {
    pub id: ProgrammeId,
    pub base64: Option<String>,
}

/// Adds someone to a programme in a role, or removes them from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeMemberChange {
    pub programme_id: ProgrammeId,
    pub user_id: UserId,
    pub role: ProgrammeRole,
    pub add: bool,
}

/// A programme as lists show it to the viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSummary {
    pub id: ProgrammeId,
    pub name: String,
    pub description: String,
    pub status: ProgrammeStatus,
    /// A `data:` URL of the picture.
    pub picture: Option<String>,
    pub managers: Vec<String>,
    pub mentors: u32,
    pub mentees: u32,
    /// Approved pairs.
    pub active_pairs: u32,
    /// Applications waiting for a decision (counted for those who manage it).
    pub pending_applications: u32,
    /// Matches waiting for a decision (counted for those who manage it).
    pub pending_matches: u32,
    pub my_roles: Vec<ProgrammeRole>,
    pub can_manage: bool,
    pub accepting_applications: bool,
    /// The viewer's own application, newest first, if any.
    pub my_application: Option<ApplicationStatus>,
}

/// A member as the programme page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeMember {
    pub person: PersonBrief,
    pub role: ProgrammeRole,
    pub added_at: DateTime<Utc>,
    /// Mentors: approved mentees in this programme. Mentees: approved mentors.
    pub matched: u32,
}

/// Who changed the status and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusStamp {
    pub by: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeDetail {
    pub summary: ProgrammeSummary,
    pub criteria: ProgrammeCriteria,
    pub questions: Vec<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub completed: Option<StatusStamp>,
    pub archived: Option<StatusStamp>,
    /// Empty for someone who is not in the programme and does not manage it.
    pub members: Vec<ProgrammeMember>,
    /// The statuses the viewer may move the programme to now.
    pub next_statuses: Vec<ProgrammeStatus>,
}

/// A programme application (seed 000): answers to the programme's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeApply {
    pub programme_id: ProgrammeId,
    /// Mentor or mentee.
    pub role: ProgrammeRole,
    /// One answer per question, in order.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionAnswer {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeApplicationView {
    pub id: ProgrammeApplicationId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub applicant: PersonBrief,
    pub role: ProgrammeRole,
    pub answers: Vec<QuestionAnswer>,
    pub status: ApplicationStatus,
    pub reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgrammeApplicationQuery {
    /// One programme, or every programme the caller manages.
    pub programme_id: Option<ProgrammeId>,
    pub status: Option<ApplicationStatus>,
    /// Only the caller's own applications.
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeApplicationDecision {
    pub id: ProgrammeApplicationId,
    pub approve: bool,
    /// Required when declining; the applicant sees it.
    pub reason: String,
}

/// Seed 001's match status, plus `ended` for a pair that finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    Pending,
    Approved,
    Rejected,
    Ended,
}

impl MatchStatus {
    pub const ALL: [MatchStatus; 4] = [
        MatchStatus::Pending,
        MatchStatus::Approved,
        MatchStatus::Rejected,
        MatchStatus::Ended,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MatchStatus::Pending => "pending",
            MatchStatus::Approved => "approved",
            MatchStatus::Rejected => "rejected",
            MatchStatus::Ended => "ended",
        }
    }

    pub fn from_key(key: &str) -> Option<MatchStatus> {
        MatchStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            MatchStatus::Pending => "Waiting for approval",
            MatchStatus::Approved => "Approved",
            MatchStatus::Rejected => "Rejected",
            MatchStatus::Ended => "Ended",
        }
    }
}

/// Who asked for a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchOrigin {
    /// Proposed by a manager or admin.
    Manager,
    /// Requested by the mentee.
    Mentee,
}

/// A manager proposes a pair, or a mentee asks for a mentor (then `mentee_id` is themself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchProposal {
    pub programme_id: ProgrammeId,
    pub mentor_id: UserId,
    pub mentee_id: UserId,
    pub goal: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchView {
    pub id: MatchId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub mentor: PersonBrief,
    pub mentee: PersonBrief,
    pub goal: String,
    pub status: MatchStatus,
    pub origin: MatchOrigin,
    pub proposed_by: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    /// Whether the viewer may approve or reject it (pending) or end it (approved).
    pub can_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MatchQuery {
    pub programme_id: Option<ProgrammeId>,
    /// Empty: every status.
    pub statuses: Vec<MatchStatus>,
}

/// What a manager or admin does with a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchAction {
    Approve,
    Reject,
    /// An approved pair finishes (frees the mentor's capacity).
    End,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchDecision {
    pub id: MatchId,
    pub action: MatchAction,
    /// Required when rejecting; both people see it.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchSuggestionQuery {
    pub programme_id: ProgrammeId,
    pub mentee_id: UserId,
}

/// One part of a suggestion's score, with the facts behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorePart {
    pub label: String,
    pub points: u32,
    pub max: u32,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchSuggestion {
    pub mentor: PersonBrief,
    /// 0–100: the sum of the parts.
    pub score: u32,
    pub parts: Vec<ScorePart>,
    /// Mentees the mentor can still take.
    pub capacity_left: u32,
}
