//! Walks every command × every built-in role through the real API and checks
//! allow/deny against the core's policy table.

#[path = "support/workspace.rs"]
mod common;

use common::{Workspace, PASSWORD};
use mentordesk_api::{ApiCommand as C, Mentordesk};
use mentordesk_core::policy::{builtin_grants, Access, Command, POLICY};
use mentordesk_shared::access::BuiltinRole;
use mentordesk_shared::accounts::*;
use mentordesk_shared::admin::*;
use mentordesk_shared::certificates::*;
use mentordesk_shared::conversations::*;
use mentordesk_shared::ids::{
    ActionItemId, ApplicationId, AppointmentId, CertificateId, ConnectionId, ConversationId,
    GroupId, ImportId, MatchId, MeetingReportId, NoteId, NotificationId, ProgrammeApplicationId,
    ProgrammeId, ReplyId, ReportId, RoleId, SessionId, TaskId, ThreadId, UserId,
};
use mentordesk_shared::imports::{ImportFile, ImportRef};
use mentordesk_shared::oversight::*;
use mentordesk_shared::profiles::*;
use mentordesk_shared::programme_work::*;
use mentordesk_shared::programmes::*;
use mentordesk_shared::scheduling::*;
use mentordesk_shared::sessions::*;
use mentordesk_shared::{ApiError, ErrorCode};

fn nobody() -> UserId {
    UserId(uuid::Uuid::new_v4())
}

fn session() -> SessionId {
    SessionId(uuid::Uuid::new_v4())
}

fn conversation() -> ConversationId {
    ConversationId(uuid::Uuid::new_v4())
}

fn appointment() -> AppointmentId {
    AppointmentId(uuid::Uuid::new_v4())
}

fn group() -> GroupId {
    GroupId(uuid::Uuid::new_v4())
}

fn thread() -> ThreadId {
    ThreadId(uuid::Uuid::new_v4())
}

fn programme() -> ProgrammeId {
    ProgrammeId(uuid::Uuid::new_v4())
}

fn availability() -> Availability {
    Availability {
        time_zone: "Europe/London".into(),
        weekly: vec![],
        exceptions: vec![],
        settings: BookingSettings::default(),
    }
}

/// Calls `command` with a harmless request; only whether it was forbidden matters.
/// The match has no wildcard, so a new command cannot be added without a row here.
async fn call(app: &Mentordesk, command: Command) -> Result<(), ApiError> {
    fn done<T>(r: Result<T, ApiError>) -> Result<(), ApiError> {
        r.map(|_| ())
    }
    match command {
        C::AppStatus => done(app.app_status().await),
        C::AccountsCreateFirstAdmin => done(
            app.accounts_create_first_admin(CreateFirstAdmin::default())
                .await,
        ),
        C::AccountsSignUp => done(app.accounts_sign_up(SignUp::default()).await),
        C::AccountsSignIn => done(app.accounts_sign_in(SignIn::default()).await),
        C::AccountsSignOut => done(app.accounts_sign_out().await),
        C::AccountsMe => done(app.accounts_me().await),
        C::AccountsChangePassword => done(
            app.accounts_change_password(ChangePassword::default())
                .await,
        ),
        C::AccountsResetWithCode => {
            done(app.accounts_reset_with_code(ResetWithCode::default()).await)
        }
        C::ProfileGet => done(app.profile_get(UserRef::default()).await),
        C::ProfileUpdate => done(app.profile_update(ProfileFields::default()).await),
        C::ProfileSetPhoto => done(app.profile_set_photo(PhotoUpload::default()).await),
        C::ProfileRemovePhoto => done(app.profile_remove_photo().await),
        C::OnboardingUpdate => done(app.onboarding_update(OnboardingUpdate::default()).await),
        C::TagsList => done(app.tags_list().await),
        C::TimezonesList => done(app.timezones_list().await),
        C::DirectorySearch => done(app.directory_search(DirectoryQuery::default()).await),
        C::BlocksAdd => done(app.blocks_add(UserTarget { user_id: nobody() }).await),
        C::BlocksRemove => done(app.blocks_remove(UserTarget { user_id: nobody() }).await),
        C::BlocksList => done(app.blocks_list().await),
        C::ApplicationsSubmit => done(app.applications_submit(ApplicationSubmit::default()).await),
        C::ApplicationsMine => done(app.applications_mine().await),
        C::ApplicationsList => done(app.applications_list(ApplicationQuery::default()).await),
        C::ApplicationsDecide => done(
            app.applications_decide(ApplicationDecision {
                id: ApplicationId(uuid::Uuid::new_v4()),
                approve: true,
                reason: String::new(),
            })
            .await,
        ),
        C::ApplicationsSaveDocument => done(
            app.applications_save_document(ApplicationRef {
                id: ApplicationId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::UsersList => done(app.users_list(UserQuery::default()).await),
        C::UsersDeactivate => done(app.users_deactivate(UserTarget { user_id: nobody() }).await),
        C::UsersReactivate => done(app.users_reactivate(UserTarget { user_id: nobody() }).await),
        C::UsersIssueResetCode => done(
            app.users_issue_reset_code(UserTarget { user_id: nobody() })
                .await,
        ),
        C::UsersSetRoles => done(
            app.users_set_roles(SetUserRoles {
                user_id: nobody(),
                role_ids: vec![],
            })
            .await,
        ),
        C::RolesList => done(app.roles_list().await),
        C::PermissionsList => done(app.permissions_list().await),
        C::RolesCreate => done(app.roles_create(CreateRole::default()).await),
        C::RolesSetPermissions => done(
            app.roles_set_permissions(SetRolePermissions {
                role_id: RoleId(uuid::Uuid::new_v4()),
                permissions: vec![],
            })
            .await,
        ),
        C::RolesDelete => done(
            app.roles_delete(RoleRef {
                role_id: RoleId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::AuditList => done(app.audit_list(AuditQuery::default()).await),
        C::AvailabilityGet => done(app.availability_get().await),
        C::AvailabilitySave => done(app.availability_save(availability()).await),
        C::AvailabilityWeek => done(app.availability_week(WeekQuery::default()).await),
        C::SlotsFind => done(
            app.slots_find(SlotQuery {
                mentor_id: nobody(),
                duration_minutes: Some(60),
                from: None,
                days: None,
                for_session: None,
            })
            .await,
        ),
        C::SessionsRequest => done(
            app.sessions_request(SessionRequest {
                mentor_id: nobody(),
                starts_at: app.now() + chrono::Duration::days(3),
                duration_minutes: 60,
                title: "Chat".into(),
                agenda: String::new(),
            })
            .await,
        ),
        C::SessionsPropose => done(
            app.sessions_propose(SessionProposal {
                mentee_id: nobody(),
                start: WallTime {
                    date: chrono::NaiveDate::from_ymd_opt(2099, 1, 5).unwrap(),
                    time: "10:00".into(),
                },
                duration_minutes: 60,
                title: "Chat".into(),
                agenda: String::new(),
                meeting_link: String::new(),
            })
            .await,
        ),
        C::SessionsAct => done(
            app.sessions_act(SessionActionRequest {
                session_id: session(),
                action: SessionAction::Accept,
                message: String::new(),
                new_start: None,
                new_duration_minutes: None,
            })
            .await,
        ),
        C::SessionsList => done(app.sessions_list(SessionFilter::default()).await),
        C::SessionsGet => done(
            app.sessions_get(SessionRef {
                session_id: session(),
            })
            .await,
        ),
        C::SessionsEdit => done(
            app.sessions_edit(SessionEdit {
                session_id: session(),
                meeting_link: None,
                agenda: None,
                mentor_notes: None,
            })
            .await,
        ),
        C::SessionsRate => done(
            app.sessions_rate(RatingInput {
                session_id: session(),
                rating: 5,
                comment: String::new(),
            })
            .await,
        ),
        C::NotesAdd => done(
            app.notes_add(NoteInput {
                session_id: session(),
                body: "x".into(),
                is_private: false,
            })
            .await,
        ),
        C::NotesEdit => done(
            app.notes_edit(NoteEdit {
                note_id: NoteId(uuid::Uuid::new_v4()),
                body: "x".into(),
            })
            .await,
        ),
        C::NotesDelete => done(
            app.notes_delete(NoteRef {
                note_id: NoteId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::ActionItemsAdd => done(
            app.action_items_add(ActionItemInput {
                session_id: session(),
                title: "x".into(),
                description: String::new(),
                assignee_id: nobody(),
                due_date: None,
            })
            .await,
        ),
        C::ActionItemsEdit => done(
            app.action_items_edit(ActionItemEdit {
                item_id: ActionItemId(uuid::Uuid::new_v4()),
                title: "x".into(),
                description: String::new(),
                assignee_id: nobody(),
                due_date: None,
                status: ActionItemStatus::Completed,
            })
            .await,
        ),
        C::ActionItemsDelete => done(
            app.action_items_delete(ActionItemRef {
                item_id: ActionItemId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::AppointmentsCreate => done(
            app.appointments_create(AppointmentInput {
                title: "Kick-off".into(),
                description: String::new(),
                start: WallTime {
                    date: chrono::NaiveDate::from_ymd_opt(2099, 1, 5).unwrap(),
                    time: "10:00".into(),
                },
                duration_minutes: 60,
                meeting_link: String::new(),
                attendee_ids: vec![nobody()],
            })
            .await,
        ),
        C::AppointmentsList => done(app.appointments_list(AppointmentFilter::default()).await),
        C::AppointmentsRespond => done(
            app.appointments_respond(AppointmentResponse {
                appointment_id: appointment(),
                response: AttendeeResponse::Accepted,
            })
            .await,
        ),
        C::AppointmentsCancel => done(
            app.appointments_cancel(AppointmentRef {
                appointment_id: appointment(),
            })
            .await,
        ),
        C::CalendarExportSession => done(
            app.calendar_export_session(SessionRef {
                session_id: session(),
            })
            .await,
        ),
        C::CalendarExportAppointment => done(
            app.calendar_export_appointment(AppointmentRef {
                appointment_id: appointment(),
            })
            .await,
        ),
        C::CalendarExportAll => done(app.calendar_export_all().await),
        C::PeopleSearch => done(app.people_search(PeopleQuery::default()).await),
        C::ConnectionsList => done(app.connections_list().await),
        C::ConnectionsRequest => done(
            app.connections_request(UserTarget { user_id: nobody() })
                .await,
        ),
        C::ConnectionsAnswer => done(
            app.connections_answer(ConnectionAnswer {
                id: ConnectionId(uuid::Uuid::new_v4()),
                accept: true,
            })
            .await,
        ),
        C::ConnectionsRemove => done(
            app.connections_remove(ConnectionTarget {
                id: ConnectionId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::ConversationsList => done(app.conversations_list().await),
        C::ConversationsUnread => done(app.conversations_unread().await),
        C::ConversationsOpenDirect => done(
            app.conversations_open_direct(UserTarget { user_id: nobody() })
                .await,
        ),
        C::ConversationsCreateGroup => done(
            app.conversations_create_group(NewGroupConversation {
                title: "Cohort".into(),
                members: vec![nobody(), nobody()],
            })
            .await,
        ),
        C::ConversationsMarkRead => done(
            app.conversations_mark_read(ConversationTarget { id: conversation() })
                .await,
        ),
        C::MessagesPage => done(
            app.messages_page(MessageQuery {
                conversation_id: conversation(),
                before: None,
                limit: None,
            })
            .await,
        ),
        C::MessagesSend => done(
            app.messages_send(SendMessage {
                conversation_id: conversation(),
                body: "Hello".into(),
            })
            .await,
        ),
        C::MessagesEdit => done(
            app.messages_edit(EditMessage {
                id: 1,
                body: "Hello".into(),
            })
            .await,
        ),
        C::MessagesDelete => done(app.messages_delete(MessageTarget { id: 1 }).await),
        C::MessagesSearch => done(
            app.messages_search(MessageSearch {
                query: "hello".into(),
            })
            .await,
        ),
        C::NotificationsList => done(app.notifications_list(NotificationQuery::default()).await),
        C::NotificationsMarkRead => done(
            app.notifications_mark_read(NotificationTarget {
                id: NotificationId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::NotificationsMarkAllRead => done(app.notifications_mark_all_read().await),
        C::NotificationSettingsGet => done(app.notification_settings_get().await),
        C::NotificationSettingsSave => done(
            app.notification_settings_save(NotificationSettingsUpdate {
                lead_minutes: vec![10],
                native: vec![NotificationKind::Reminder],
                close_to_tray: true,
                start_at_login: false,
            })
            .await,
        ),
        C::RemindersPause => done(app.reminders_pause(PauseReminders { minutes: 60 }).await),
        C::GroupsList => done(app.groups_list(GroupQuery::default()).await),
        C::GroupsCreate => done(
            app.groups_create(NewGroup {
                name: String::new(),
                description: String::new(),
            })
            .await,
        ),
        C::GroupsJoin => done(app.groups_join(GroupTarget { id: group() }).await),
        C::GroupsLeave => done(app.groups_leave(GroupTarget { id: group() }).await),
        C::ThreadsList => done(
            app.threads_list(ThreadQuery {
                group_id: group(),
                offset: None,
                limit: None,
            })
            .await,
        ),
        C::ThreadsGet => done(app.threads_get(ThreadTarget { id: thread() }).await),
        C::ThreadsCreate => done(
            app.threads_create(NewThread {
                group_id: group(),
                title: "Hello".into(),
                body: "Hello".into(),
            })
            .await,
        ),
        C::ThreadsReply => done(
            app.threads_reply(NewReply {
                thread_id: thread(),
                body: "Hello".into(),
            })
            .await,
        ),
        C::ThreadsModerate => done(
            app.threads_moderate(ThreadModeration {
                thread_id: thread(),
                action: Moderation::Pin,
            })
            .await,
        ),
        C::ThreadsDelete => done(app.threads_delete(ThreadTarget { id: thread() }).await),
        C::RepliesDelete => done(
            app.replies_delete(ReplyTarget {
                id: ReplyId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::ProgrammesList => done(app.programmes_list(ProgrammeQuery::default()).await),
        C::ProgrammesGet => done(app.programmes_get(ProgrammeRef { id: programme() }).await),
        C::ProgrammesCreate => done(app.programmes_create(ProgrammeFields::default()).await),
        C::ProgrammesUpdate => done(
            app.programmes_update(ProgrammeEdit {
                id: programme(),
                fields: ProgrammeFields {
                    name: "A programme".into(),
                    ..ProgrammeFields::default()
                },
            })
            .await,
        ),
        C::ProgrammesSetStatus => done(
            app.programmes_set_status(ProgrammeStatusChange {
                id: programme(),
                status: ProgrammeStatus::Completed,
            })
            .await,
        ),
        C::ProgrammesSetPicture => done(
            app.programmes_set_picture(ProgrammePicture {
                id: programme(),
                base64: None,
            })
            .await,
        ),
        C::ProgrammesSetMember => done(
            app.programmes_set_member(ProgrammeMemberChange {
                programme_id: programme(),
                user_id: nobody(),
                role: ProgrammeRole::Mentee,
                add: true,
            })
            .await,
        ),
        C::ProgrammeApplicationsSubmit => done(
            app.programme_applications_submit(ProgrammeApply {
                programme_id: programme(),
                role: ProgrammeRole::Mentee,
                answers: vec![],
            })
            .await,
        ),
        C::ProgrammeApplicationsList => done(
            app.programme_applications_list(ProgrammeApplicationQuery::default())
                .await,
        ),
        C::ProgrammeApplicationsDecide => done(
            app.programme_applications_decide(ProgrammeApplicationDecision {
                id: ProgrammeApplicationId(uuid::Uuid::new_v4()),
                approve: true,
                reason: String::new(),
            })
            .await,
        ),
        C::MatchesPropose => done(
            app.matches_propose(MatchProposal {
                programme_id: programme(),
                mentor_id: nobody(),
                mentee_id: nobody(),
                goal: "Grow".into(),
            })
            .await,
        ),
        C::MatchesList => done(app.matches_list(MatchQuery::default()).await),
        C::MatchesDecide => done(
            app.matches_decide(MatchDecision {
                id: MatchId(uuid::Uuid::new_v4()),
                action: MatchAction::Approve,
                reason: String::new(),
            })
            .await,
        ),
        C::MatchesSuggest => done(
            app.matches_suggest(MatchSuggestionQuery {
                programme_id: programme(),
                mentee_id: nobody(),
            })
            .await,
        ),
        C::TasksList => done(app.tasks_list(TaskQuery::default()).await),
        C::TasksCreate => done(
            app.tasks_create(NewTask {
                programme_id: programme(),
                fields: TaskFields::default(),
            })
            .await,
        ),
        C::TasksUpdate => done(
            app.tasks_update(TaskEdit {
                id: TaskId(uuid::Uuid::new_v4()),
                fields: TaskFields::default(),
            })
            .await,
        ),
        C::TasksSetStatus => done(
            app.tasks_set_status(TaskStatusChange {
                id: TaskId(uuid::Uuid::new_v4()),
                status: TaskStatus::Completed,
            })
            .await,
        ),
        C::TasksDelete => done(
            app.tasks_delete(TaskRef {
                id: TaskId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::ReportsList => done(app.reports_list(ReportQuery::default()).await),
        C::ReportsCreate => done(
            app.reports_create(NewReport {
                programme_id: programme(),
                task_id: None,
                fields: ReportFields::default(),
            })
            .await,
        ),
        C::ReportsSetBlockers => done(
            app.reports_set_blockers(ReportBlockers {
                id: ReportId(uuid::Uuid::new_v4()),
                resolved: true,
            })
            .await,
        ),
        C::CertificatesList => done(app.certificates_list(CertificateQuery::default()).await),
        C::CertificatesIssue => done(
            app.certificates_issue(NewCertificate {
                programme_id: programme(),
                mentee_id: nobody(),
                series_id: String::new(),
                issued_on: None,
                expires_on: None,
            })
            .await,
        ),
        C::CertificatesGenerate => done(
            app.certificates_generate(CertificateRef {
                id: CertificateId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::CertificatesDecide => done(
            app.certificates_decide(CertificateDecision {
                id: CertificateId(uuid::Uuid::new_v4()),
                action: CertificateAction::Approve,
                reason: String::new(),
            })
            .await,
        ),
        C::CertificatesVerify => done(
            app.certificates_verify(CertificateCode {
                code: "MD-0000-0000-0000".into(),
            })
            .await,
        ),
        C::CertificatesExport => done(
            app.certificates_export(CertificateRef {
                id: CertificateId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::DashboardGet => done(
            app.dashboard_get(DashboardQuery {
                programme_id: None,
                from: day(2026, 11, 1),
                to: day(2026, 11, 30),
            })
            .await,
        ),
        C::MeetingReportsCreate => done(
            app.meeting_reports_create(NewMeetingReport {
                title: "November".into(),
                programme_id: None,
                from: day(2026, 11, 1),
                to: day(2026, 11, 30),
            })
            .await,
        ),
        C::MeetingReportsList => done(
            app.meeting_reports_list(MeetingReportQuery { programme_id: None })
                .await,
        ),
        C::MeetingReportsGet => done(
            app.meeting_reports_get(MeetingReportRef {
                report_id: MeetingReportId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
        C::MeetingReportsExport => done(
            app.meeting_reports_export(MeetingReportExport {
                report_id: MeetingReportId(uuid::Uuid::new_v4()),
                format: ExportFormat::Csv,
            })
            .await,
        ),
        // An empty file: refused as a file error after the policy check, writing nothing.
        C::ImportsPreview => done(app.imports_preview(ImportFile::default()).await),
        C::ImportsRun => done(app.imports_run(ImportFile::default()).await),
        C::ImportsList => done(app.imports_list().await),
        C::ImportsErrorsExport => done(
            app.imports_errors_export(ImportRef {
                import_id: ImportId(uuid::Uuid::new_v4()),
            })
            .await,
        ),
    }
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn every_command_allows_and_denies_every_builtin_role_as_the_policy_says() {
    let (ws, admin) = Workspace::with_admin().await;
    let roles = admin.roles_list().await.unwrap();
    let mut checked = 0;
    for role in BuiltinRole::ALL {
        let email = format!("{}@example.org", role.key());
        let user = if role == BuiltinRole::Admin {
            admin.accounts_me().await.unwrap().user_id
        } else {
            ws.mentee(&email).await.1
        };
        let role_id = roles.iter().find(|r| r.key == role.key()).unwrap().id;
        if role != BuiltinRole::Admin {
            admin
                .users_set_roles(SetUserRoles {
                    user_id: user,
                    role_ids: vec![role_id],
                })
                .await
                .unwrap();
        }
        let email = if role == BuiltinRole::Admin {
            "admin@example.org".to_string()
        } else {
            email
        };
        let app = ws.open().await;
        for (command, access) in POLICY {
            // Some commands (sign-out, sign-in) change the session; start each call signed in.
            if app.accounts_me().await.is_err() {
                app.accounts_sign_in(SignIn {
                    email: email.clone(),
                    password: PASSWORD.into(),
                })
                .await
                .unwrap();
            }
            let expected_allowed = match access {
                Access::Public | Access::SignedIn => true,
                Access::Requires(p) => builtin_grants(role).contains(p),
            };
            let result = call(&app, *command).await;
            let forbidden = matches!(&result, Err(e) if e.code == ErrorCode::Forbidden);
            let unauthenticated = matches!(&result, Err(e) if e.code == ErrorCode::Unauthenticated && !matches!(command, C::AccountsSignIn));
            assert!(
                !unauthenticated,
                "{role:?} {command:?} was treated as signed out: {result:?}"
            );
            assert_eq!(
                !forbidden, expected_allowed,
                "{role:?} × {command:?}: {result:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, BuiltinRole::ALL.len() * POLICY.len());
}

#[tokio::test]
async fn signed_out_callers_reach_only_public_commands() {
    let (ws, _admin) = Workspace::with_admin().await;
    let app = ws.open().await;
    for (command, access) in POLICY {
        let result = call(&app, *command).await;
        let refused = matches!(&result, Err(e) if e.code == ErrorCode::Unauthenticated && !matches!(command, C::AccountsSignIn));
        assert_eq!(
            refused,
            *access != Access::Public,
            "{command:?}: {result:?}"
        );
    }
}

#[tokio::test]
async fn a_custom_role_grants_exactly_the_ticked_permissions() {
    use mentordesk_shared::access::Permission;
    let (ws, admin) = Workspace::with_admin().await;
    let (mentee, mentee_id) = ws.mentee("auditor@example.org").await;
    assert_eq!(
        mentee
            .audit_list(AuditQuery::default())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    let role = admin
        .roles_create(CreateRole {
            name: "Auditor".into(),
            description: "Reads the audit log".into(),
            permissions: vec![Permission::AuditView],
        })
        .await
        .unwrap();
    assert!(!role.builtin);
    let mentee_role = admin
        .roles_list()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.key == "mentee")
        .unwrap();
    admin
        .users_set_roles(SetUserRoles {
            user_id: mentee_id,
            role_ids: vec![mentee_role.id, role.id],
        })
        .await
        .unwrap();
    assert!(mentee.audit_list(AuditQuery::default()).await.is_ok());
    assert_eq!(
        mentee
            .users_list(UserQuery::default())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );

    admin
        .roles_set_permissions(SetRolePermissions {
            role_id: role.id,
            permissions: vec![],
        })
        .await
        .unwrap();
    assert_eq!(
        mentee
            .audit_list(AuditQuery::default())
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );

    let builtin = admin
        .roles_set_permissions(SetRolePermissions {
            role_id: mentee_role.id,
            permissions: vec![Permission::AuditView],
        })
        .await
        .unwrap_err();
    assert_eq!(builtin.code, ErrorCode::Conflict);
    let dup = admin
        .roles_create(CreateRole {
            name: "auditor".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(dup.field_message("name").is_some());
    let log = admin
        .audit_list(AuditQuery {
            action: Some("role_permissions_changed".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.total, 1);
}

/// What a call came to, as far as access is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Allowed (and the request was good).
    Ok,
    /// Allowed, and the request was refused for its content.
    Invalid,
    Forbidden,
    NotFound,
}

fn outcome<T>(result: Result<T, ApiError>) -> Outcome {
    match result {
        Ok(_) => Outcome::Ok,
        Err(e) if e.code == ErrorCode::Validation => Outcome::Invalid,
        Err(e) if e.code == ErrorCode::Forbidden => Outcome::Forbidden,
        Err(e) if e.code == ErrorCode::NotFound => Outcome::NotFound,
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

/// Programme access in the core, per standing: admins see and run every programme, its
/// managers run it, another programme's manager does not see it, its mentor and mentee
/// see it without running it, and someone outside does not see it at all.
#[tokio::test]
async fn who_sees_and_runs_a_programme() {
    use Outcome::*;
    let (ws, admin) = Workspace::with_admin().await;
    let roles = admin.roles_list().await.unwrap();
    let role_id = |key: &str| roles.iter().find(|r| r.key == key).unwrap().id;
    let mut people = Vec::new();
    for (email, key) in [
        ("manager@example.org", "programme_manager"),
        ("other.manager@example.org", "programme_manager"),
        ("mentor@example.org", "mentor"),
        ("mentee@example.org", "mentee"),
        ("outsider@example.org", "mentee"),
    ] {
        let (app, id) = ws.mentee(email).await;
        admin
            .users_set_roles(SetUserRoles {
                user_id: id,
                role_ids: vec![role_id(key)],
            })
            .await
            .unwrap();
        people.push((app, id));
    }
    let manager = &people[0].0;
    let fields = ProgrammeFields {
        name: "Pairs".into(),
        ..ProgrammeFields::default()
    };
    let programme = manager.programmes_create(fields.clone()).await.unwrap();
    let id = programme.summary.id;
    for (who, role) in [(2, ProgrammeRole::Mentor), (3, ProgrammeRole::Mentee)] {
        manager
            .programmes_set_member(ProgrammeMemberChange {
                programme_id: id,
                user_id: people[who].1,
                role,
                add: true,
            })
            .await
            .unwrap();
    }
    let mentee = people[3].1;
    let callers: Vec<(&str, &Mentordesk)> = vec![
        ("admin", &admin),
        ("its manager", &people[0].0),
        ("another manager", &people[1].0),
        ("its mentor", &people[2].0),
        ("its mentee", &people[3].0),
        ("an outsider", &people[4].0),
    ];
    //                                  admin     manager   other     mentor     mentee     outsider
    let expected: [(&str, [Outcome; 6]); 13] = [
        ("see it", [Ok, Ok, NotFound, Ok, Ok, NotFound]),
        ("list it", [Ok, Ok, NotFound, Ok, Ok, NotFound]),
        ("see its matches", [Ok, Ok, NotFound, Ok, Ok, NotFound]),
        ("see its tasks", [Ok, Ok, NotFound, Ok, Ok, NotFound]),
        ("see its reports", [Ok, Ok, NotFound, Ok, Ok, NotFound]),
        (
            "see its applications",
            [Ok, Ok, NotFound, Forbidden, Forbidden, NotFound],
        ),
        (
            "edit it",
            [Ok, Ok, NotFound, Forbidden, Forbidden, NotFound],
        ),
        (
            "add a task",
            [Invalid, Invalid, NotFound, Forbidden, Forbidden, NotFound],
        ),
        (
            "rank mentors for its mentee",
            [Ok, Ok, NotFound, Forbidden, Ok, NotFound],
        ),
        // Its managers list every certificate; its members their own (none here).
        ("see its certificates", [Ok, Ok, NotFound, Ok, Ok, NotFound]),
        // Figures are for its managers: its members are refused, others do not see it.
        (
            "read its dashboard",
            [Ok, Ok, NotFound, Forbidden, Forbidden, NotFound],
        ),
        (
            "save its meeting report",
            [Ok, Ok, NotFound, Forbidden, Forbidden, NotFound],
        ),
        // The mentee has not completed it yet: refused for its content, or for access.
        (
            "issue its mentee a certificate",
            [Invalid, Invalid, NotFound, Forbidden, Forbidden, NotFound],
        ),
    ];
    for (column, (who, app)) in callers.iter().enumerate() {
        for (action, row) in &expected {
            let got = match *action {
                "see it" => outcome(app.programmes_get(ProgrammeRef { id }).await),
                "list it" => {
                    let listed = app.programmes_list(ProgrammeQuery::default()).await;
                    match listed {
                        Result::Ok(list) if list.iter().any(|p| p.id == id) => Ok,
                        Result::Ok(_) => NotFound,
                        Err(e) => outcome::<()>(Err(e)),
                    }
                }
                "see its matches" => outcome(
                    app.matches_list(MatchQuery {
                        programme_id: Some(id),
                        statuses: vec![],
                    })
                    .await,
                ),
                "see its tasks" => outcome(
                    app.tasks_list(TaskQuery {
                        programme_id: Some(id),
                        mine: false,
                    })
                    .await,
                ),
                "see its reports" => outcome(
                    app.reports_list(ReportQuery {
                        programme_id: Some(id),
                        open_blockers: false,
                    })
                    .await,
                ),
                "see its applications" => outcome(
                    app.programme_applications_list(ProgrammeApplicationQuery {
                        programme_id: Some(id),
                        ..ProgrammeApplicationQuery::default()
                    })
                    .await,
                ),
                "edit it" => outcome(
                    app.programmes_update(ProgrammeEdit {
                        id,
                        fields: fields.clone(),
                    })
                    .await,
                ),
                "add a task" => outcome(
                    app.tasks_create(NewTask {
                        programme_id: id,
                        fields: TaskFields::default(),
                    })
                    .await,
                ),
                "see its certificates" => outcome(
                    app.certificates_list(CertificateQuery {
                        programme_id: Some(id),
                        mine: false,
                    })
                    .await,
                ),
                "read its dashboard" => outcome(
                    app.dashboard_get(DashboardQuery {
                        programme_id: Some(id),
                        from: day(2026, 11, 1),
                        to: day(2026, 11, 30),
                    })
                    .await,
                ),
                "save its meeting report" => outcome(
                    app.meeting_reports_create(NewMeetingReport {
                        title: "November".into(),
                        programme_id: Some(id),
                        from: day(2026, 11, 1),
                        to: day(2026, 11, 30),
                    })
                    .await,
                ),
                "issue its mentee a certificate" => outcome(
                    app.certificates_issue(NewCertificate {
                        programme_id: id,
                        mentee_id: mentee,
                        series_id: String::new(),
                        issued_on: None,
                        expires_on: None,
                    })
                    .await,
                ),
                _ => outcome(
                    app.matches_suggest(MatchSuggestionQuery {
                        programme_id: id,
                        mentee_id: mentee,
                    })
                    .await,
                ),
            };
            assert_eq!(got, row[column], "{who} may {action}?");
        }
    }
}
