//! Applications for roles, admin user lists, custom roles and the audit log.

use crate::access::Permission;
use crate::ids::{ApplicationId, AuditId, RoleId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationRole {
    #[default]
    Mentor,
    ProgrammeManager,
}

impl ApplicationRole {
    pub fn key(self) -> &'static str {
        match self {
            ApplicationRole::Mentor => "mentor",
            ApplicationRole::ProgrammeManager => "programme_manager",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ApplicationRole::Mentor => "Mentor",
            ApplicationRole::ProgrammeManager => "Programme manager",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Pending,
    Approved,
    Declined,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentUpload {
    pub file_name: String,
    pub base64: String,
}

/// Seed 000's "user Details": what an applicant tells the admins.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApplicationSubmit {
    pub role: ApplicationRole,
    pub previous_roles: Vec<String>,
    pub previous_programmes: Vec<String>,
    pub programme_of_interest: String,
    pub years_technical_experience: Option<u32>,
    pub been_mentor_before: bool,
    pub technical_proficiency: Vec<String>,
    pub motivation: String,
    pub document: Option<DocumentUpload>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: ApplicationId,
    pub user_id: UserId,
    pub applicant_name: String,
    pub applicant_email: String,
    pub role: ApplicationRole,
    pub previous_roles: Vec<String>,
    pub previous_programmes: Vec<String>,
    pub programme_of_interest: String,
    pub years_technical_experience: Option<u32>,
    pub been_mentor_before: bool,
    pub technical_proficiency: Vec<String>,
    pub motivation: String,
    pub document_name: Option<String>,
    pub status: ApplicationStatus,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApplicationQuery {
    pub status: Option<ApplicationStatus>,
    pub role: Option<ApplicationRole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDecision {
    pub id: ApplicationId,
    pub approve: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRef {
    pub id: ApplicationId,
}

/// A file saved in the user's Downloads folder (an applicant's document, an export, an
/// import's codes or errors), under the name it got there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDocument {
    pub file_name: String,
    /// The full path in the user's Downloads folder.
    pub path: String,
}

/// The seed's `/users…` endpoints as one filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", content = "role", rename_all = "snake_case")]
pub enum UserFilter {
    /// `/users`
    #[default]
    All,
    /// `/users/mentors`, `/users/mentors-managers`, or any other role key.
    Role(String),
    /// `/users/mentors/applicant`, `/users/mentors-managers/applicant`
    Applicants(ApplicationRole),
    /// `/users/mentors/approved`, `/users/mentors-managers/approved`
    Approved(ApplicationRole),
    Deactivated,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UserQuery {
    pub filter: UserFilter,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub roles: Vec<String>,
    pub role_ids: Vec<RoleId>,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub photo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateRole {
    pub name: String,
    pub description: String,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRolePermissions {
    pub role_id: RoleId,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRef {
    pub role_id: RoleId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetUserRoles {
    pub user_id: UserId,
    pub role_ids: Vec<RoleId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionInfo {
    pub permission: Permission,
    pub key: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuditQuery {
    /// One of the action keys, e.g. `sign_in_failed`; `None` for all.
    pub action: Option<String>,
    /// Matches the actor's or target's name or e-mail.
    pub text: String,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target_name: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub actions: Vec<String>,
}
