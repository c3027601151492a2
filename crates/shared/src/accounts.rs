//! Accounts: first run, sign-up, sign-in, passwords and the signed-in user.

use crate::access::Permission;
use crate::ids::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the UI needs before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppStatus {
    /// No account exists yet: the UI asks for the first administrator.
    pub needs_first_admin: bool,
    pub signed_in: Option<Me>,
    /// Where the workspace lives, shown in settings.
    pub data_dir: String,
    pub demo_loaded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateFirstAdmin {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
}

/// Why someone signs up: everyone starts as a mentee; applicants then apply for a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignUpIntent {
    #[default]
    Mentee,
    MentorApplicant,
    ManagerApplicant,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub intent: SignUpIntent,
    /// The IANA zone the UI detected; the user can change it in their profile.
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

/// A user redeems the one-time code an admin gave them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResetWithCode {
    pub email: String,
    pub code: String,
    pub new_password: String,
}

/// Shown once to the admin who issued it; only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedResetCode {
    pub user_id: UserId,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnboardingStatus {
    #[default]
    NotStarted,
    InProgress,
    Completed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleBadge {
    pub key: String,
    pub name: String,
}

/// The signed-in user as the UI sees them. Never carries a password or hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub user_id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub roles: Vec<RoleBadge>,
    pub permissions: Vec<Permission>,
    pub signup_intent: SignUpIntent,
    pub onboarding_status: OnboardingStatus,
    pub onboarding_step: u8,
    /// A `data:` URL of the resized photo, if any.
    pub photo: Option<String>,
    /// Minutes of inactivity after which the backend signs the user out.
    pub inactivity_timeout_minutes: u32,
}

impl Me {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    pub fn has_role(&self, key: &str) -> bool {
        self.roles.iter().any(|r| r.key == key)
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }
}
