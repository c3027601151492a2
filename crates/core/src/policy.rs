//! Who may do what: the one policy table.
//!
//! Every command the app exposes is listed in [`POLICY`] with the access it needs.
//! Built-in roles get the permissions in [`builtin_grants`]; custom roles get what
//! an admin ticks. [`authorize`] is called by the service layer at the start of
//! every command, whatever the UI shows or hides.

use mentordesk_shared::access::{BuiltinRole, Permission};
use mentordesk_shared::ApiError;

/// What a command requires of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Callable before signing in (first run, sign-in, sign-up, reset with a code).
    Public,
    /// Any signed-in, active account.
    SignedIn,
    /// A signed-in account whose roles grant this permission.
    Requires(Permission),
}

/// Every command of the app, named `<domain>_<verb>` as in the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    AppStatus,
    AccountsCreateFirstAdmin,
    AccountsSignUp,
    AccountsSignIn,
    AccountsSignOut,
    AccountsMe,
    AccountsChangePassword,
    AccountsResetWithCode,
    ProfileGet,
    ProfileUpdate,
    ProfileSetPhoto,
    ProfileRemovePhoto,
    OnboardingUpdate,
    TagsList,
    TimezonesList,
    DirectorySearch,
    BlocksAdd,
    BlocksRemove,
    BlocksList,
    ApplicationsSubmit,
    ApplicationsMine,
    ApplicationsList,
    ApplicationsDecide,
    ApplicationsSaveDocument,
    UsersList,
    UsersDeactivate,
    UsersReactivate,
    UsersIssueResetCode,
    UsersSetRoles,
    RolesList,
    PermissionsList,
    RolesCreate,
    RolesSetPermissions,
    RolesDelete,
    AuditList,
    AvailabilityGet,
    AvailabilitySave,
    AvailabilityWeek,
    SlotsFind,
    SessionsRequest,
    SessionsPropose,
    SessionsAct,
    SessionsList,
    SessionsGet,
    SessionsEdit,
    SessionsRate,
    NotesAdd,
    NotesEdit,
    NotesDelete,
    ActionItemsAdd,
    ActionItemsEdit,
    ActionItemsDelete,
    AppointmentsCreate,
    AppointmentsList,
    AppointmentsRespond,
    AppointmentsCancel,
    CalendarExportSession,
    CalendarExportAppointment,
    CalendarExportAll,
    PeopleSearch,
    ConnectionsList,
    ConnectionsRequest,
    ConnectionsAnswer,
    ConnectionsRemove,
    ConversationsList,
    ConversationsUnread,
    ConversationsOpenDirect,
    ConversationsCreateGroup,
    ConversationsMarkRead,
    MessagesPage,
    MessagesSend,
    MessagesEdit,
    MessagesDelete,
    MessagesSearch,
    NotificationsList,
    NotificationsMarkRead,
    NotificationsMarkAllRead,
    NotificationSettingsGet,
    NotificationSettingsSave,
    RemindersPause,
    GroupsList,
    GroupsCreate,
    GroupsJoin,
    GroupsLeave,
    ThreadsList,
    ThreadsGet,
    ThreadsCreate,
    ThreadsReply,
    ThreadsModerate,
    ThreadsDelete,
    RepliesDelete,
    ProgrammesList,
    ProgrammesGet,
    ProgrammesCreate,
    ProgrammesUpdate,
    ProgrammesSetStatus,
    ProgrammesSetPicture,
    ProgrammesSetMember,
    ProgrammeApplicationsSubmit,
    ProgrammeApplicationsList,
    ProgrammeApplicationsDecide,
    MatchesPropose,
    MatchesList,
    MatchesDecide,
    MatchesSuggest,
    TasksList,
    TasksCreate,
    TasksUpdate,
    TasksSetStatus,
    TasksDelete,
    ReportsList,
    ReportsCreate,
    ReportsSetBlockers,
    CertificatesList,
    CertificatesIssue,
    CertificatesGenerate,
    CertificatesDecide,
    CertificatesVerify,
    CertificatesExport,
    DashboardGet,
    MeetingReportsCreate,
    MeetingReportsList,
    MeetingReportsGet,
    MeetingReportsExport,
    ImportsPreview,
    ImportsRun,
    ImportsList,
    ImportsErrorsExport,
}

use Access::*;
use Command::*;
use Permission as P;

/// The policy table: one row per command.
pub const POLICY: &[(Command, Access)] = &[
    (AppStatus, Public),
    (AccountsCreateFirstAdmin, Public),
    (AccountsSignUp, Public),
    (AccountsSignIn, Public),
    (AccountsSignOut, Public),
    (AccountsMe, SignedIn),
    (AccountsChangePassword, SignedIn),
    (AccountsResetWithCode, Public),
    // Viewing one's own profile needs only a session; others' profiles need the directory.
    (ProfileGet, SignedIn),
    (ProfileUpdate, Requires(P::ProfileEditOwn)),
    (ProfileSetPhoto, Requires(P::ProfileEditOwn)),
    (ProfileRemovePhoto, Requires(P::ProfileEditOwn)),
    (OnboardingUpdate, Requires(P::ProfileEditOwn)),
    (TagsList, SignedIn),
    (TimezonesList, Public),
    (DirectorySearch, Requires(P::DirectoryView)),
    (BlocksAdd, Requires(P::UsersBlock)),
    (BlocksRemove, Requires(P::UsersBlock)),
    (BlocksList, SignedIn),
    (ApplicationsSubmit, Requires(P::ApplicationSubmit)),
    (ApplicationsMine, SignedIn),
    (ApplicationsList, Requires(P::ApplicationsReview)),
    (ApplicationsDecide, Requires(P::ApplicationsReview)),
    (ApplicationsSaveDocument, Requires(P::ApplicationsReview)),
    (UsersList, Requires(P::UsersViewAll)),
    (UsersDeactivate, Requires(P::UsersManage)),
    (UsersReactivate, Requires(P::UsersManage)),
    (UsersIssueResetCode, Requires(P::UsersManage)),
    (UsersSetRoles, Requires(P::RolesManage)),
    (RolesList, Requires(P::RolesManage)),
    (PermissionsList, Requires(P::RolesManage)),
    (RolesCreate, Requires(P::RolesManage)),
    (RolesSetPermissions, Requires(P::RolesManage)),
    (RolesDelete, Requires(P::RolesManage)),
    (AuditList, Requires(P::AuditView)),
    (AvailabilityGet, Requires(P::AvailabilityManage)),
    (AvailabilitySave, Requires(P::AvailabilityManage)),
    (AvailabilityWeek, Requires(P::AvailabilityManage)),
    // Free slots say no more than the directory does: when a mentor could meet.
    (SlotsFind, Requires(P::DirectoryView)),
    (SessionsRequest, Requires(P::SessionsRequest)),
    (SessionsPropose, Requires(P::SessionsPropose)),
    // The rest act on one session or appointment: the core checks that the caller
    // takes part in it (and on which side) on every call.
    (SessionsAct, SignedIn),
    (SessionsList, SignedIn),
    (SessionsGet, SignedIn),
    (SessionsEdit, SignedIn),
    (SessionsRate, SignedIn),
    (NotesAdd, SignedIn),
    (NotesEdit, SignedIn),
    (NotesDelete, SignedIn),
    (ActionItemsAdd, SignedIn),
    (ActionItemsEdit, SignedIn),
    (ActionItemsDelete, SignedIn),
    (AppointmentsCreate, Requires(P::AppointmentsOrganise)),
    (AppointmentsList, SignedIn),
    (AppointmentsRespond, SignedIn),
    (AppointmentsCancel, Requires(P::AppointmentsOrganise)),
    (CalendarExportSession, SignedIn),
    (CalendarExportAppointment, SignedIn),
    (CalendarExportAll, SignedIn),
    (PeopleSearch, Requires(P::PeopleFind)),
    (ConnectionsList, SignedIn),
    (ConnectionsRequest, SignedIn),
    (ConnectionsAnswer, SignedIn),
    (ConnectionsRemove, SignedIn),
    (ConversationsList, SignedIn),
    (ConversationsUnread, SignedIn),
    (ConversationsOpenDirect, SignedIn),
    (ConversationsCreateGroup, SignedIn),
    (ConversationsMarkRead, SignedIn),
    (MessagesPage, SignedIn),
    (MessagesSend, SignedIn),
    (MessagesEdit, SignedIn),
    (MessagesDelete, SignedIn),
    (MessagesSearch, SignedIn),
    (NotificationsList, SignedIn),
    (NotificationsMarkRead, SignedIn),
    (NotificationsMarkAllRead, SignedIn),
    (NotificationSettingsGet, SignedIn),
    (NotificationSettingsSave, SignedIn),
    (RemindersPause, SignedIn),
    // Support groups and their forum (`core::forum` says who may post, reply and delete):
    // anyone signed in reads, joins and leaves; only members post.
    (GroupsList, SignedIn),
    (GroupsCreate, Requires(P::GroupsCreate)),
    (GroupsJoin, SignedIn),
    (GroupsLeave, SignedIn),
    (ThreadsList, SignedIn),
    (ThreadsGet, SignedIn),
    (ThreadsCreate, SignedIn),
    (ThreadsReply, SignedIn),
    (ThreadsModerate, Requires(P::ForumModerate)),
    // Authors delete their own, moderators anyone's: the core decides per thread or reply.
    (ThreadsDelete, SignedIn),
    (RepliesDelete, SignedIn),
    // Programmes (`core::programmes` decides per programme: its managers and holders of
    // `programmes.oversee` run it, its members see it, anyone sees open ones to apply).
    (ProgrammesList, SignedIn),
    (ProgrammesGet, SignedIn),
    (ProgrammesCreate, Requires(P::ProgrammesCreate)),
    (ProgrammesUpdate, SignedIn),
    (ProgrammesSetStatus, SignedIn),
    (ProgrammesSetPicture, SignedIn),
    (ProgrammesSetMember, SignedIn),
    (ProgrammeApplicationsSubmit, SignedIn),
    (ProgrammeApplicationsList, SignedIn),
    (ProgrammeApplicationsDecide, SignedIn),
    (MatchesPropose, SignedIn),
    (MatchesList, SignedIn),
    (MatchesDecide, SignedIn),
    (MatchesSuggest, SignedIn),
    // A programme's tasks and reports (`core::programme_work` on the caller's standing).
    (TasksList, SignedIn),
    (TasksCreate, SignedIn),
    (TasksUpdate, SignedIn),
    (TasksSetStatus, SignedIn),
    (TasksDelete, SignedIn),
    (ReportsList, SignedIn),
    (ReportsCreate, SignedIn),
    (ReportsSetBlockers, SignedIn),
    // Programme certificates (`core::certificates` on the caller's standing: the
    // programme's managers and admins issue and decide, recipients see their approved
    // ones). Anyone may check a code, signed in or not: it is printed to be verified.
    (CertificatesList, SignedIn),
    (CertificatesIssue, SignedIn),
    (CertificatesGenerate, SignedIn),
    (CertificatesDecide, SignedIn),
    (CertificatesVerify, Public),
    (CertificatesExport, SignedIn),
    // Dashboards and meeting reports (`core::oversight::scope`: the programmes the caller
    // manages, or all of them for holders of `programmes.oversee`).
    (DashboardGet, SignedIn),
    (MeetingReportsCreate, SignedIn),
    (MeetingReportsList, SignedIn),
    (MeetingReportsGet, SignedIn),
    (MeetingReportsExport, SignedIn),
    // The admin's bulk import of people from CSV (`core::imports`): creating accounts is
    // managing them. Imports never grant administration (`imports::importable_role`).
    (ImportsPreview, Requires(P::UsersManage)),
    (ImportsRun, Requires(P::UsersManage)),
    (ImportsList, Requires(P::UsersManage)),
    (ImportsErrorsExport, Requires(P::UsersManage)),
];

/// What each built-in role may do. Admins may do everything.
pub fn builtin_grants(role: BuiltinRole) -> &'static [Permission] {
    const MENTEE: &[Permission] = &[
        P::ProfileEditOwn,
        P::DirectoryView,
        P::UsersBlock,
        P::ApplicationSubmit,
        P::SessionsRequest,
    ];
    const MENTOR: &[Permission] = &[
        P::ProfileEditOwn,
        P::DirectoryView,
        P::UsersBlock,
        P::ApplicationSubmit,
        P::AvailabilityManage,
        P::SessionsPropose,
        P::AppointmentsOrganise,
        P::PeopleFind,
    ];
    const MANAGER: &[Permission] = &[
        P::ProfileEditOwn,
        P::DirectoryView,
        P::UsersBlock,
        P::UsersViewAll,
        P::AppointmentsOrganise,
        P::PeopleFind,
        P::GroupsCreate,
        P::ForumModerate,
        P::ProgrammesCreate,
    ];
    match role {
        BuiltinRole::Admin => &Permission::ALL,
        BuiltinRole::ProgrammeManager => MANAGER,
        BuiltinRole::Mentor => MENTOR,
        BuiltinRole::Mentee | BuiltinRole::NewParent => MENTEE,
    }
}

impl Command {
    /// Every command, in policy-table order.
    pub fn all() -> impl Iterator<Item = Command> {
        POLICY.iter().map(|(c, _)| *c)
    }

    pub fn access(self) -> Access {
        POLICY
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, a)| *a)
            .expect("every command has a row in POLICY (checked by a test)")
    }
}

/// Whether a caller holding `granted` (or nobody, when `None`) may run `command`.
pub fn authorize(command: Command, granted: Option<&[Permission]>) -> Result<(), ApiError> {
    match (command.access(), granted) {
        (Public, _) => Ok(()),
        (_, None) => Err(ApiError::unauthenticated("Please sign in first.")),
        (SignedIn, Some(_)) => Ok(()),
        (Requires(p), Some(perms)) if perms.contains(&p) => Ok(()),
        (Requires(p), Some(_)) => Err(ApiError::forbidden(format!(
            "Your roles do not allow this ({}).",
            p.description().to_lowercase()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_command_has_exactly_one_policy_row() {
        let mut seen = HashSet::new();
        for (command, _) in POLICY {
            assert!(seen.insert(*command), "{command:?} listed twice");
        }
        assert_eq!(seen.len(), POLICY.len());
    }

    #[test]
    fn signed_out_callers_reach_only_public_commands() {
        for command in Command::all() {
            let allowed = authorize(command, None).is_ok();
            assert_eq!(allowed, command.access() == Public, "{command:?}");
        }
    }

    #[test]
    fn admins_may_run_every_command() {
        let admin = builtin_grants(BuiltinRole::Admin);
        for command in Command::all() {
            assert!(authorize(command, Some(admin)).is_ok(), "{command:?}");
        }
    }

    #[test]
    fn certificates_are_verified_signed_out_and_handled_signed_in() {
        assert_eq!(CertificatesVerify.access(), Public);
        assert!(authorize(CertificatesVerify, None).is_ok());
        for command in [
            CertificatesList,
            CertificatesIssue,
            CertificatesGenerate,
            CertificatesDecide,
        ] {
            assert_eq!(command.access(), SignedIn, "{command:?}");
            assert_eq!(
                authorize(command, None).unwrap_err().code,
                mentordesk_shared::ErrorCode::Unauthenticated
            );
        }
    }

    #[test]
    fn mentees_cannot_review_applications_or_manage_roles() {
        let mentee = builtin_grants(BuiltinRole::Mentee);
        for command in [
            ApplicationsDecide,
            RolesCreate,
            UsersDeactivate,
            AuditList,
            ImportsPreview,
            ImportsRun,
            ImportsList,
            ImportsErrorsExport,
        ] {
            let err = authorize(command, Some(mentee)).unwrap_err();
            assert_eq!(err.code, mentordesk_shared::ErrorCode::Forbidden);
        }
    }
}
