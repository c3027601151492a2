//! Profiles, tags, onboarding, the mentor directory and blocking.

use crate::accounts::OnboardingStatus;
use crate::ids::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The four lists of tags a profile holds, all drawn from one shared vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagKind {
    Expertise,
    Interest,
    Proficiency,
    JobRole,
}

impl TagKind {
    pub const ALL: [TagKind; 4] = [
        TagKind::Expertise,
        TagKind::Interest,
        TagKind::Proficiency,
        TagKind::JobRole,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TagKind::Expertise => "expertise",
            TagKind::Interest => "interest",
            TagKind::Proficiency => "proficiency",
            TagKind::JobRole => "job_role",
        }
    }

    pub fn from_key(key: &str) -> Option<TagKind> {
        TagKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperienceLevel {
    Beginner,
    Intermediate,
    Advanced,
    Expert,
}

impl ExperienceLevel {
    pub const ALL: [ExperienceLevel; 4] = [
        ExperienceLevel::Beginner,
        ExperienceLevel::Intermediate,
        ExperienceLevel::Advanced,
        ExperienceLevel::Expert,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ExperienceLevel::Beginner => "beginner",
            ExperienceLevel::Intermediate => "intermediate",
            ExperienceLevel::Advanced => "advanced",
            ExperienceLevel::Expert => "expert",
        }
    }

    pub fn from_key(key: &str) -> Option<ExperienceLevel> {
        ExperienceLevel::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            ExperienceLevel::Beginner => "Beginner",
            ExperienceLevel::Intermediate => "Intermediate",
            ExperienceLevel::Advanced => "Advanced",
            ExperienceLevel::Expert => "Expert",
        }
    }
}

/// Every editable profile field. Text fields are sent as typed; the backend trims and validates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfileFields {
    pub first_name: String,
    pub last_name: String,
    pub headline: String,
    pub bio: String,
    pub country: String,
    pub city: String,
    pub time_zone: String,
    pub phone: String,
    pub website: String,
    pub github: String,
    pub linkedin: String,
    pub twitter: String,
    pub facebook: String,
    pub expertise: Vec<String>,
    pub interests: Vec<String>,
    pub proficiencies: Vec<String>,
    pub job_roles: Vec<String>,
    pub years_experience: Option<u32>,
    pub experience_level: Option<ExperienceLevel>,
    pub department: String,
    pub position: String,
    pub organisation: String,
    pub mentorship_style: String,
    pub preferred_communication: String,
    pub mentee_capacity: Option<u32>,
    pub accepting_mentees: bool,
    pub supports_new_parents: bool,
    pub goals: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    pub percent: u8,
    /// Seed 000's `profile_Complete`: every required item is filled in.
    pub complete: bool,
    /// Human labels of what is still missing, most useful first.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub user_id: UserId,
    pub email: String,
    pub fields: ProfileFields,
    pub photo: Option<String>,
    pub roles: Vec<String>,
    pub is_mentor: bool,
    pub onboarding_status: OnboardingStatus,
    pub onboarding_step: u8,
    pub onboarding_completed_at: Option<DateTime<Utc>>,
    pub completeness: Completeness,
    pub member_since: DateTime<Utc>,
    /// Whether the viewer has blocked this person (always false on one's own profile).
    pub blocked_by_me: bool,
    /// Ratings this person received from mentees as a mentor.
    pub rating: crate::sessions::RatingSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PhotoUpload {
    /// The image file, base64-encoded (PNG, JPEG, GIF or WebP).
    pub base64: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OnboardingUpdate {
    /// The step the user is now on (1-based).
    pub step: u8,
    /// True when the user finishes the wizard.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub text: String,
    pub expertise: Option<String>,
    pub time_zone: Option<String>,
    pub accepting_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorCard {
    pub user_id: UserId,
    pub name: String,
    pub headline: String,
    pub photo: Option<String>,
    pub time_zone: String,
    pub country: String,
    pub city: String,
    pub expertise: Vec<String>,
    pub accepting_mentees: bool,
    pub supports_new_parents: bool,
    pub years_experience: Option<u32>,
    pub rating: crate::sessions::RatingSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub mentors: Vec<MentorCard>,
    /// Tags mentors list as expertise, for the filter.
    pub expertise_tags: Vec<String>,
    /// Zones mentors are in, for the filter.
    pub time_zones: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UserRef {
    pub user_id: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedUser {
    pub user_id: UserId,
    pub name: String,
    pub blocked_at: DateTime<Utc>,
}

/// A command aimed at one other user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserTarget {
    pub user_id: UserId,
}
