//! Roles and permissions as the UI and the backend both name them.

use serde::{Deserialize, Serialize};

/// The roles every workspace has. Custom roles exist beside these, created by admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinRole {
    Admin,
    ProgrammeManager,
    Mentor,
    Mentee,
    /// Seed 001's `new_mother`: a working parent with specialised support needs.
    NewParent,
}

impl BuiltinRole {
    pub const ALL: [BuiltinRole; 5] = [
        BuiltinRole::Admin,
        BuiltinRole::ProgrammeManager,
        BuiltinRole::Mentor,
        BuiltinRole::Mentee,
        BuiltinRole::NewParent,
    ];

    /// The stable key stored in `roles.key`.
    pub fn key(self) -> &'static str {
        match self {
            BuiltinRole::Admin => "admin",
            BuiltinRole::ProgrammeManager => "programme_manager",
            BuiltinRole::Mentor => "mentor",
            BuiltinRole::Mentee => "mentee",
            BuiltinRole::NewParent => "new_parent",
        }
    }

    pub fn from_key(key: &str) -> Option<BuiltinRole> {
        BuiltinRole::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            BuiltinRole::Admin => "Administrator",
            BuiltinRole::ProgrammeManager => "Programme manager",
            BuiltinRole::Mentor => "Mentor",
            BuiltinRole::Mentee => "Mentee",
            BuiltinRole::NewParent => "New parent",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            BuiltinRole::Admin => "Approves people and matches, manages roles and permissions.",
            BuiltinRole::ProgrammeManager => "Runs programmes and reads their dashboards.",
            BuiltinRole::Mentor => "Publishes availability and mentors mentees.",
            BuiltinRole::Mentee => "Finds a mentor, books sessions and follows learning paths.",
            BuiltinRole::NewParent => {
                "A working parent who gets support groups, milestones and cover during leave."
            }
        }
    }
}

/// Everything a role can grant. The policy table in the core maps each command to one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Permission {
    #[serde(rename = "profile.edit_own")]
    ProfileEditOwn,
    #[serde(rename = "directory.view")]
    DirectoryView,
    #[serde(rename = "users.block")]
    UsersBlock,
    #[serde(rename = "application.submit")]
    ApplicationSubmit,
    #[serde(rename = "applications.review")]
    ApplicationsReview,
    #[serde(rename = "users.view_all")]
    UsersViewAll,
    #[serde(rename = "users.manage")]
    UsersManage,
    #[serde(rename = "roles.manage")]
    RolesManage,
    #[serde(rename = "audit.view")]
    AuditView,
    #[serde(rename = "availability.manage")]
    AvailabilityManage,
    #[serde(rename = "sessions.request")]
    SessionsRequest,
    #[serde(rename = "sessions.propose")]
    SessionsPropose,
    #[serde(rename = "appointments.organise")]
    AppointmentsOrganise,
    #[serde(rename = "people.find")]
    PeopleFind,
    #[serde(rename = "groups.create")]
    GroupsCreate,
    #[serde(rename = "forum.moderate")]
    ForumModerate,
    #[serde(rename = "programmes.create")]
    ProgrammesCreate,
    #[serde(rename = "programmes.oversee")]
    ProgrammesOversee,
}

impl Permission {
    pub const ALL: [Permission; 18] = [
        Permission::ProfileEditOwn,
        Permission::DirectoryView,
        Permission::UsersBlock,
        Permission::ApplicationSubmit,
        Permission::ApplicationsReview,
        Permission::UsersViewAll,
        Permission::UsersManage,
        Permission::RolesManage,
        Permission::AuditView,
        Permission::AvailabilityManage,
        Permission::SessionsRequest,
        Permission::SessionsPropose,
        Permission::AppointmentsOrganise,
        Permission::PeopleFind,
        Permission::GroupsCreate,
        Permission::ForumModerate,
        Permission::ProgrammesCreate,
        Permission::ProgrammesOversee,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Permission::ProfileEditOwn => "profile.edit_own",
            Permission::DirectoryView => "directory.view",
            Permission::UsersBlock => "users.block",
            Permission::ApplicationSubmit => "application.submit",
            Permission::ApplicationsReview => "applications.review",
            Permission::UsersViewAll => "users.view_all",
            Permission::UsersManage => "users.manage",
            Permission::RolesManage => "roles.manage",
            Permission::AuditView => "audit.view",
            Permission::AvailabilityManage => "availability.manage",
            Permission::SessionsRequest => "sessions.request",
            Permission::SessionsPropose => "sessions.propose",
            Permission::AppointmentsOrganise => "appointments.organise",
            Permission::PeopleFind => "people.find",
            Permission::GroupsCreate => "groups.create",
            Permission::ForumModerate => "forum.moderate",
            Permission::ProgrammesCreate => "programmes.create",
            Permission::ProgrammesOversee => "programmes.oversee",
        }
    }

    pub fn from_key(key: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn description(self) -> &'static str {
        match self {
            Permission::ProfileEditOwn => "Edit one's own profile and onboarding",
            Permission::DirectoryView => "Browse the mentor directory and mentor profiles",
            Permission::UsersBlock => "Block and unblock other people",
            Permission::ApplicationSubmit => "Apply to become a mentor or programme manager",
            Permission::ApplicationsReview => "Review, approve and decline applications",
            Permission::UsersViewAll => "See every account, by role and application state",
            Permission::UsersManage => "Deactivate and reactivate accounts, issue reset codes",
            Permission::RolesManage => "Create roles, set their permissions, assign roles",
            Permission::AuditView => "Browse the audit log",
            Permission::AvailabilityManage => "Publish weekly availability and booking settings",
            Permission::SessionsRequest => "Request sessions on a mentor's free slots",
            Permission::SessionsPropose => "Propose sessions to mentees",
            Permission::AppointmentsOrganise => {
                "Schedule group appointments with several attendees"
            }
            Permission::PeopleFind => "Look people up by name to propose sessions or invite them",
            Permission::GroupsCreate => "Create support groups",
            Permission::ForumModerate => "Pin, lock and delete threads and replies in every group",
            Permission::ProgrammesCreate => "Create programmes (and manage the ones one creates)",
            Permission::ProgrammesOversee => {
                "See and run every programme, its applications and matches"
            }
        }
    }
}

/// A role as listed for admins: built-in or custom, with its permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    pub id: crate::ids::RoleId,
    pub key: String,
    pub name: String,
    pub description: String,
    /// Built-in roles keep the permissions the policy table gives them.
    pub builtin: bool,
    pub permissions: Vec<Permission>,
    pub member_count: i64,
}
