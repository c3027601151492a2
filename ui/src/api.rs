//! The only bridge to the backend: one typed async function per Tauri command.
//!
//! Every command is called through `window.__TAURI__.core.invoke(cmd, args)`. Payloads go
//! under the argument name `req`; a rejected promise carries the serialised [`ApiError`].
//! When a command that needs a session fails with `unauthenticated`, the handler installed
//! with [`set_session_ended_handler`] runs, so every screen returns to sign-in the same way.

use mentordesk_shared::access::RoleView;
use mentordesk_shared::accounts::{
    AppStatus, ChangePassword, CreateFirstAdmin, IssuedResetCode, Me, ResetWithCode, SignIn, SignUp,
};
use mentordesk_shared::admin::{
    ApplicationDecision, ApplicationQuery, ApplicationRef, ApplicationSubmit, ApplicationView,
    AuditPage, AuditQuery, CreateRole, PermissionInfo, RoleRef, SavedDocument, SetRolePermissions,
    SetUserRoles, UserQuery, UserRow,
};
use mentordesk_shared::certificates::*;
use mentordesk_shared::conversations::*;
use mentordesk_shared::imports::*;
use mentordesk_shared::oversight::*;
use mentordesk_shared::profiles::{
    BlockedUser, DirectoryPage, DirectoryQuery, OnboardingUpdate, PhotoUpload, ProfileFields,
    ProfileView, UserRef, UserTarget,
};
use mentordesk_shared::programme_work::*;
use mentordesk_shared::programmes::*;
use mentordesk_shared::scheduling::{
    Availability, AvailabilityView, SlotList, SlotQuery, WeekQuery, WeekView,
};
use mentordesk_shared::sessions::{
    ActionItemEdit, ActionItemInput, ActionItemRef, AppointmentFilter, AppointmentInput,
    AppointmentList, AppointmentRef, AppointmentResponse, AppointmentView, NoteEdit, NoteInput,
    NoteRef, PeopleQuery, PersonResult, RatingInput, SavedCalendar, SessionActionRequest,
    SessionDetail, SessionEdit, SessionFilter, SessionList, SessionProposal, SessionRef,
    SessionRequest,
};
use mentordesk_shared::{ApiError, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// The result of every command.
pub type ApiResult<T> = Result<T, ApiError>;

type SessionEndedHandler = Rc<dyn Fn(&ApiError)>;

thread_local! {
    static SESSION_ENDED: RefCell<Option<SessionEndedHandler>> = const { RefCell::new(None) };
    static LAST_CALL_MS: Cell<f64> = const { Cell::new(0.0) };
}

/// Installs what happens when a signed-in command reports that the session is gone.
pub fn set_session_ended_handler(handler: impl Fn(&ApiError) + 'static) {
    SESSION_ENDED.with(|slot| *slot.borrow_mut() = Some(Rc::new(handler)));
}

/// When the UI last talked to the backend (milliseconds since the epoch).
pub fn last_call_ms() -> f64 {
    LAST_CALL_MS.with(Cell::get)
}

/// Whether an `unauthenticated` answer from a command means "the session ended".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Session {
    /// The command needs a session: `unauthenticated` ends it in the UI.
    Required,
    /// The command runs without a session (or reports bad credentials as `unauthenticated`).
    NotRequired,
}

#[derive(Serialize)]
struct Req<'a, T: Serialize> {
    req: &'a T,
}

fn serialize<T: Serialize>(value: &T) -> Result<JsValue, ApiError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal(format!("Could not encode the request: {e}")))
}

/// An error on this side of IPC: the person reads a plain sentence with an error id, and
/// the detail goes to the webview's console with the same id (the UI has no log file).
fn internal(detail: impl Into<String>) -> ApiError {
    let detail = detail.into();
    let err = ApiError::internal(detail.clone());
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "error id {}: {detail}",
        err.error_id().unwrap_or("?")
    )));
    err
}

fn error_from_js(err: JsValue) -> ApiError {
    if let Ok(api) = serde_wasm_bindgen::from_value::<ApiError>(err.clone()) {
        return api;
    }
    if let Some(text) = err.as_string() {
        if let Ok(api) = serde_json::from_str::<ApiError>(&text) {
            return api;
        }
        return internal(text);
    }
    if let Some(js_err) = err.dyn_ref::<js_sys::Error>() {
        let message = String::from(js_err.message());
        if message.contains("__TAURI__") || message.contains("undefined") {
            return ApiError::new(
                ErrorCode::Unavailable,
                "Mentordesk could not reach its backend. Start it from the desktop app.",
            );
        }
        return internal(message);
    }
    internal(format!("Unexpected error: {err:?}"))
}

async fn call<T: DeserializeOwned>(cmd: &str, args: JsValue, session: Session) -> ApiResult<T> {
    LAST_CALL_MS.with(|c| c.set(js_sys::Date::now()));
    match invoke(cmd, args).await {
        Ok(value) => serde_wasm_bindgen::from_value::<T>(value)
            .map_err(|e| internal(format!("Could not read the answer to {cmd}: {e}"))),
        Err(err) => {
            let err = error_from_js(err);
            if err.code == ErrorCode::Unauthenticated && session == Session::Required {
                let handler = SESSION_ENDED.with(|slot| slot.borrow().clone());
                if let Some(handler) = handler {
                    handler(&err);
                }
            }
            Err(err)
        }
    }
}

async fn call_req<P: Serialize, T: DeserializeOwned>(
    cmd: &str,
    payload: &P,
    session: Session,
) -> ApiResult<T> {
    let args = serialize(&Req { req: payload })?;
    call(cmd, args, session).await
}

async fn call_unit_args<T: DeserializeOwned>(cmd: &str, session: Session) -> ApiResult<T> {
    call(cmd, js_sys::Object::new().into(), session).await
}

// ---------------------------------------------------------------- accounts

pub async fn app_status() -> ApiResult<AppStatus> {
    call_unit_args("app_status", Session::NotRequired).await
}

pub async fn accounts_create_first_admin(req: CreateFirstAdmin) -> ApiResult<Me> {
    call_req("accounts_create_first_admin", &req, Session::NotRequired).await
}

pub async fn accounts_sign_up(req: SignUp) -> ApiResult<Me> {
    call_req("accounts_sign_up", &req, Session::NotRequired).await
}

pub async fn accounts_sign_in(req: SignIn) -> ApiResult<Me> {
    call_req("accounts_sign_in", &req, Session::NotRequired).await
}

pub async fn accounts_sign_out() -> ApiResult<()> {
    call_unit_args("accounts_sign_out", Session::NotRequired).await
}

pub async fn accounts_me() -> ApiResult<Me> {
    call_unit_args("accounts_me", Session::Required).await
}

/// A wrong current password may come back as `unauthenticated`; the settings page tells
/// that apart from an ended session by asking [`accounts_me`].
pub async fn accounts_change_password(req: ChangePassword) -> ApiResult<()> {
    call_req("accounts_change_password", &req, Session::NotRequired).await
}

pub async fn accounts_reset_with_code(req: ResetWithCode) -> ApiResult<()> {
    call_req("accounts_reset_with_code", &req, Session::NotRequired).await
}

// ---------------------------------------------------------------- profiles

pub async fn profile_get(req: UserRef) -> ApiResult<ProfileView> {
    call_req("profile_get", &req, Session::Required).await
}

pub async fn profile_update(req: ProfileFields) -> ApiResult<ProfileView> {
    call_req("profile_update", &req, Session::Required).await
}

pub async fn profile_set_photo(req: PhotoUpload) -> ApiResult<ProfileView> {
    call_req("profile_set_photo", &req, Session::Required).await
}

pub async fn profile_remove_photo() -> ApiResult<ProfileView> {
    call_unit_args("profile_remove_photo", Session::Required).await
}

pub async fn onboarding_update(req: OnboardingUpdate) -> ApiResult<ProfileView> {
    call_req("onboarding_update", &req, Session::Required).await
}

pub async fn tags_list() -> ApiResult<Vec<String>> {
    call_unit_args("tags_list", Session::Required).await
}

pub async fn timezones_list() -> ApiResult<Vec<String>> {
    call_unit_args("timezones_list", Session::Required).await
}

pub async fn directory_search(req: DirectoryQuery) -> ApiResult<DirectoryPage> {
    call_req("directory_search", &req, Session::Required).await
}

pub async fn blocks_add(req: UserTarget) -> ApiResult<()> {
    call_req("blocks_add", &req, Session::Required).await
}

pub async fn blocks_remove(req: UserTarget) -> ApiResult<()> {
    call_req("blocks_remove", &req, Session::Required).await
}

pub async fn blocks_list() -> ApiResult<Vec<BlockedUser>> {
    call_unit_args("blocks_list", Session::Required).await
}

// ---------------------------------------------------------------- applications

pub async fn applications_submit(req: ApplicationSubmit) -> ApiResult<ApplicationView> {
    call_req("applications_submit", &req, Session::Required).await
}

pub async fn applications_mine() -> ApiResult<Vec<ApplicationView>> {
    call_unit_args("applications_mine", Session::Required).await
}

pub async fn applications_list(req: ApplicationQuery) -> ApiResult<Vec<ApplicationView>> {
    call_req("applications_list", &req, Session::Required).await
}

pub async fn applications_decide(req: ApplicationDecision) -> ApiResult<ApplicationView> {
    call_req("applications_decide", &req, Session::Required).await
}

pub async fn applications_save_document(req: ApplicationRef) -> ApiResult<SavedDocument> {
    call_req("applications_save_document", &req, Session::Required).await
}

// ---------------------------------------------------------------- admin

pub async fn users_list(req: UserQuery) -> ApiResult<Vec<UserRow>> {
    call_req("users_list", &req, Session::Required).await
}

pub async fn users_deactivate(req: UserTarget) -> ApiResult<UserRow> {
    call_req("users_deactivate", &req, Session::Required).await
}

pub async fn users_reactivate(req: UserTarget) -> ApiResult<UserRow> {
    call_req("users_reactivate", &req, Session::Required).await
}

pub async fn users_issue_reset_code(req: UserTarget) -> ApiResult<IssuedResetCode> {
    call_req("users_issue_reset_code", &req, Session::Required).await
}

pub async fn users_set_roles(req: SetUserRoles) -> ApiResult<UserRow> {
    call_req("users_set_roles", &req, Session::Required).await
}

pub async fn roles_list() -> ApiResult<Vec<RoleView>> {
    call_unit_args("roles_list", Session::Required).await
}

pub async fn permissions_list() -> ApiResult<Vec<PermissionInfo>> {
    call_unit_args("permissions_list", Session::Required).await
}

pub async fn roles_create(req: CreateRole) -> ApiResult<RoleView> {
    call_req("roles_create", &req, Session::Required).await
}

pub async fn roles_set_permissions(req: SetRolePermissions) -> ApiResult<RoleView> {
    call_req("roles_set_permissions", &req, Session::Required).await
}

pub async fn roles_delete(req: RoleRef) -> ApiResult<()> {
    call_req("roles_delete", &req, Session::Required).await
}

pub async fn audit_list(req: AuditQuery) -> ApiResult<AuditPage> {
    call_req("audit_list", &req, Session::Required).await
}

// ---------------------------------------------------------------- availability and slots

pub async fn availability_get() -> ApiResult<AvailabilityView> {
    call_unit_args("availability_get", Session::Required).await
}

pub async fn availability_save(req: Availability) -> ApiResult<AvailabilityView> {
    call_req("availability_save", &req, Session::Required).await
}

pub async fn availability_week(req: WeekQuery) -> ApiResult<WeekView> {
    call_req("availability_week", &req, Session::Required).await
}

pub async fn slots_find(req: SlotQuery) -> ApiResult<SlotList> {
    call_req("slots_find", &req, Session::Required).await
}

// ---------------------------------------------------------------- sessions

pub async fn sessions_request(req: SessionRequest) -> ApiResult<SessionDetail> {
    call_req("sessions_request", &req, Session::Required).await
}

pub async fn sessions_propose(req: SessionProposal) -> ApiResult<SessionDetail> {
    call_req("sessions_propose", &req, Session::Required).await
}

pub async fn sessions_act(req: SessionActionRequest) -> ApiResult<SessionDetail> {
    call_req("sessions_act", &req, Session::Required).await
}

pub async fn sessions_list(req: SessionFilter) -> ApiResult<SessionList> {
    call_req("sessions_list", &req, Session::Required).await
}

pub async fn sessions_get(req: SessionRef) -> ApiResult<SessionDetail> {
    call_req("sessions_get", &req, Session::Required).await
}

pub async fn sessions_edit(req: SessionEdit) -> ApiResult<SessionDetail> {
    call_req("sessions_edit", &req, Session::Required).await
}

pub async fn sessions_rate(req: RatingInput) -> ApiResult<SessionDetail> {
    call_req("sessions_rate", &req, Session::Required).await
}

pub async fn notes_add(req: NoteInput) -> ApiResult<SessionDetail> {
    call_req("notes_add", &req, Session::Required).await
}

pub async fn notes_edit(req: NoteEdit) -> ApiResult<SessionDetail> {
    call_req("notes_edit", &req, Session::Required).await
}

pub async fn notes_delete(req: NoteRef) -> ApiResult<SessionDetail> {
    call_req("notes_delete", &req, Session::Required).await
}

pub async fn action_items_add(req: ActionItemInput) -> ApiResult<SessionDetail> {
    call_req("action_items_add", &req, Session::Required).await
}

pub async fn action_items_edit(req: ActionItemEdit) -> ApiResult<SessionDetail> {
    call_req("action_items_edit", &req, Session::Required).await
}

pub async fn action_items_delete(req: ActionItemRef) -> ApiResult<SessionDetail> {
    call_req("action_items_delete", &req, Session::Required).await
}

// ---------------------------------------------------------------- appointments

pub async fn appointments_create(req: AppointmentInput) -> ApiResult<AppointmentView> {
    call_req("appointments_create", &req, Session::Required).await
}

pub async fn appointments_list(req: AppointmentFilter) -> ApiResult<AppointmentList> {
    call_req("appointments_list", &req, Session::Required).await
}

pub async fn appointments_respond(req: AppointmentResponse) -> ApiResult<AppointmentView> {
    call_req("appointments_respond", &req, Session::Required).await
}

pub async fn appointments_cancel(req: AppointmentRef) -> ApiResult<AppointmentView> {
    call_req("appointments_cancel", &req, Session::Required).await
}

// ---------------------------------------------------------------- calendar files and people

pub async fn calendar_export_session(req: SessionRef) -> ApiResult<SavedCalendar> {
    call_req("calendar_export_session", &req, Session::Required).await
}

pub async fn calendar_export_appointment(req: AppointmentRef) -> ApiResult<SavedCalendar> {
    call_req("calendar_export_appointment", &req, Session::Required).await
}

pub async fn calendar_export_all() -> ApiResult<SavedCalendar> {
    call_unit_args("calendar_export_all", Session::Required).await
}

pub async fn people_search(req: PeopleQuery) -> ApiResult<Vec<PersonResult>> {
    call_req("people_search", &req, Session::Required).await
}

// ---------------------------------------------------------------- connections, messaging

pub async fn connections_list() -> ApiResult<ConnectionList> {
    call_unit_args("connections_list", Session::Required).await
}

pub async fn connections_request(req: UserTarget) -> ApiResult<()> {
    call_req("connections_request", &req, Session::Required).await
}

pub async fn connections_answer(req: ConnectionAnswer) -> ApiResult<()> {
    call_req("connections_answer", &req, Session::Required).await
}

pub async fn connections_remove(req: ConnectionTarget) -> ApiResult<()> {
    call_req("connections_remove", &req, Session::Required).await
}

pub async fn conversations_list() -> ApiResult<ConversationList> {
    call_unit_args("conversations_list", Session::Required).await
}

pub async fn conversations_open_direct(req: UserTarget) -> ApiResult<ConversationSummary> {
    call_req("conversations_open_direct", &req, Session::Required).await
}

pub async fn conversations_create_group(
    req: NewGroupConversation,
) -> ApiResult<ConversationSummary> {
    call_req("conversations_create_group", &req, Session::Required).await
}

pub async fn conversations_mark_read(req: ConversationTarget) -> ApiResult<()> {
    call_req("conversations_mark_read", &req, Session::Required).await
}

pub async fn messages_page(req: MessageQuery) -> ApiResult<MessagePage> {
    call_req("messages_page", &req, Session::Required).await
}

pub async fn messages_send(req: SendMessage) -> ApiResult<Message> {
    call_req("messages_send", &req, Session::Required).await
}

pub async fn messages_edit(req: EditMessage) -> ApiResult<Message> {
    call_req("messages_edit", &req, Session::Required).await
}

pub async fn messages_delete(req: MessageTarget) -> ApiResult<()> {
    call_req("messages_delete", &req, Session::Required).await
}

pub async fn messages_search(req: MessageSearch) -> ApiResult<Vec<MessageHit>> {
    call_req("messages_search", &req, Session::Required).await
}

// ---------------------------------------------------------------- notifications

pub async fn notifications_list(req: NotificationQuery) -> ApiResult<NotificationList> {
    call_req("notifications_list", &req, Session::Required).await
}

pub async fn notifications_mark_read(req: NotificationTarget) -> ApiResult<()> {
    call_req("notifications_mark_read", &req, Session::Required).await
}

pub async fn notifications_mark_all_read() -> ApiResult<u32> {
    call_unit_args("notifications_mark_all_read", Session::Required).await
}

pub async fn notification_settings_get() -> ApiResult<NotificationSettings> {
    call_unit_args("notification_settings_get", Session::Required).await
}

pub async fn notification_settings_save(
    req: NotificationSettingsUpdate,
) -> ApiResult<NotificationSettings> {
    call_req("notification_settings_save", &req, Session::Required).await
}

pub async fn reminders_pause(req: PauseReminders) -> ApiResult<NotificationSettings> {
    call_req("reminders_pause", &req, Session::Required).await
}

// ---------------------------------------------------------------- groups and the forum

pub async fn conversations_unread() -> ApiResult<UnreadCounts> {
    call_unit_args("conversations_unread", Session::Required).await
}

pub async fn groups_list(req: GroupQuery) -> ApiResult<Vec<GroupSummary>> {
    call_req("groups_list", &req, Session::Required).await
}

pub async fn groups_create(req: NewGroup) -> ApiResult<GroupSummary> {
    call_req("groups_create", &req, Session::Required).await
}

pub async fn groups_join(req: GroupTarget) -> ApiResult<GroupSummary> {
    call_req("groups_join", &req, Session::Required).await
}

pub async fn groups_leave(req: GroupTarget) -> ApiResult<GroupSummary> {
    call_req("groups_leave", &req, Session::Required).await
}

pub async fn threads_list(req: ThreadQuery) -> ApiResult<ThreadPage> {
    call_req("threads_list", &req, Session::Required).await
}

pub async fn threads_get(req: ThreadTarget) -> ApiResult<ThreadDetail> {
    call_req("threads_get", &req, Session::Required).await
}

pub async fn threads_create(req: NewThread) -> ApiResult<ThreadSummary> {
    call_req("threads_create", &req, Session::Required).await
}

pub async fn threads_reply(req: NewReply) -> ApiResult<Reply> {
    call_req("threads_reply", &req, Session::Required).await
}

pub async fn threads_moderate(req: ThreadModeration) -> ApiResult<ThreadSummary> {
    call_req("threads_moderate", &req, Session::Required).await
}

pub async fn threads_delete(req: ThreadTarget) -> ApiResult<()> {
    call_req("threads_delete", &req, Session::Required).await
}

pub async fn replies_delete(req: ReplyTarget) -> ApiResult<()> {
    call_req("replies_delete", &req, Session::Required).await
}

// ---------------------------------------------------------------- programmes and matches

pub async fn programmes_list(req: ProgrammeQuery) -> ApiResult<Vec<ProgrammeSummary>> {
    call_req("programmes_list", &req, Session::Required).await
}

pub async fn programmes_get(req: ProgrammeRef) -> ApiResult<ProgrammeDetail> {
    call_req("programmes_get", &req, Session::Required).await
}

pub async fn programmes_create(req: ProgrammeFields) -> ApiResult<ProgrammeDetail> {
    call_req("programmes_create", &req, Session::Required).await
}

pub async fn programmes_update(req: ProgrammeEdit) -> ApiResult<ProgrammeDetail> {
    call_req("programmes_update", &req, Session::Required).await
}

pub async fn programmes_set_status(req: ProgrammeStatusChange) -> ApiResult<ProgrammeDetail> {
    call_req("programmes_set_status", &req, Session::Required).await
}

pub async fn programmes_set_picture(req: ProgrammePicture) -> ApiResult<ProgrammeDetail> {
    call_req("programmes_set_picture", &req, Session::Required).await
}

pub async fn programmes_set_member(req: ProgrammeMemberChange) -> ApiResult<ProgrammeDetail> {
    call_req("programmes_set_member", &req, Session::Required).await
}

pub async fn programme_applications_submit(
    req: ProgrammeApply,
) -> ApiResult<ProgrammeApplicationView> {
    call_req("programme_applications_submit", &req, Session::Required).await
}

pub async fn programme_applications_list(
    req: ProgrammeApplicationQuery,
) -> ApiResult<Vec<ProgrammeApplicationView>> {
    call_req("programme_applications_list", &req, Session::Required).await
}

pub async fn programme_applications_decide(
    req: ProgrammeApplicationDecision,
) -> ApiResult<ProgrammeApplicationView> {
    call_req("programme_applications_decide", &req, Session::Required).await
}

pub async fn matches_propose(req: MatchProposal) -> ApiResult<MatchView> {
    call_req("matches_propose", &req, Session::Required).await
}

pub async fn matches_list(req: MatchQuery) -> ApiResult<Vec<MatchView>> {
    call_req("matches_list", &req, Session::Required).await
}

pub async fn matches_decide(req: MatchDecision) -> ApiResult<MatchView> {
    call_req("matches_decide", &req, Session::Required).await
}

pub async fn matches_suggest(req: MatchSuggestionQuery) -> ApiResult<Vec<MatchSuggestion>> {
    call_req("matches_suggest", &req, Session::Required).await
}

// ---------------------------------------------------------------- programme tasks and reports

pub async fn tasks_list(req: TaskQuery) -> ApiResult<Vec<TaskView>> {
    call_req("tasks_list", &req, Session::Required).await
}

pub async fn tasks_create(req: NewTask) -> ApiResult<TaskView> {
    call_req("tasks_create", &req, Session::Required).await
}

pub async fn tasks_update(req: TaskEdit) -> ApiResult<TaskView> {
    call_req("tasks_update", &req, Session::Required).await
}

pub async fn tasks_set_status(req: TaskStatusChange) -> ApiResult<TaskView> {
    call_req("tasks_set_status", &req, Session::Required).await
}

pub async fn tasks_delete(req: TaskRef) -> ApiResult<()> {
    call_req("tasks_delete", &req, Session::Required).await
}

pub async fn reports_list(req: ReportQuery) -> ApiResult<Vec<ReportView>> {
    call_req("reports_list", &req, Session::Required).await
}

pub async fn reports_create(req: NewReport) -> ApiResult<ReportView> {
    call_req("reports_create", &req, Session::Required).await
}

pub async fn reports_set_blockers(req: ReportBlockers) -> ApiResult<ReportView> {
    call_req("reports_set_blockers", &req, Session::Required).await
}

// ---------------------------------------------------------------- certificates

pub async fn certificates_list(req: CertificateQuery) -> ApiResult<CertificateList> {
    call_req("certificates_list", &req, Session::Required).await
}

pub async fn certificates_issue(req: NewCertificate) -> ApiResult<CertificateView> {
    call_req("certificates_issue", &req, Session::Required).await
}

pub async fn certificates_generate(req: CertificateRef) -> ApiResult<CertificateView> {
    call_req("certificates_generate", &req, Session::Required).await
}

pub async fn certificates_decide(req: CertificateDecision) -> ApiResult<CertificateView> {
    call_req("certificates_decide", &req, Session::Required).await
}

/// Works signed out too.
pub async fn certificates_verify(req: CertificateCode) -> ApiResult<CertificateVerification> {
    call_req("certificates_verify", &req, Session::NotRequired).await
}

pub async fn certificates_export(req: CertificateRef) -> ApiResult<SavedDocument> {
    call_req("certificates_export", &req, Session::Required).await
}

// ---------------------------------------------------------------- dashboards and meeting reports

pub async fn dashboard_get(req: DashboardQuery) -> ApiResult<Dashboard> {
    call_req("dashboard_get", &req, Session::Required).await
}

pub async fn meeting_reports_create(req: NewMeetingReport) -> ApiResult<MeetingReport> {
    call_req("meeting_reports_create", &req, Session::Required).await
}

pub async fn meeting_reports_list(req: MeetingReportQuery) -> ApiResult<Vec<MeetingReportSummary>> {
    call_req("meeting_reports_list", &req, Session::Required).await
}

pub async fn meeting_reports_get(req: MeetingReportRef) -> ApiResult<MeetingReport> {
    call_req("meeting_reports_get", &req, Session::Required).await
}

pub async fn meeting_reports_export(req: MeetingReportExport) -> ApiResult<SavedDocument> {
    call_req("meeting_reports_export", &req, Session::Required).await
}

// ---------------------------------------------------------------- importing people

pub async fn imports_preview(req: ImportFile) -> ApiResult<ImportPreview> {
    call_req("imports_preview", &req, Session::Required).await
}

pub async fn imports_run(req: ImportFile) -> ApiResult<ImportResult> {
    call_req("imports_run", &req, Session::Required).await
}

pub async fn imports_list() -> ApiResult<Vec<ImportSummary>> {
    call_unit_args("imports_list", Session::Required).await
}

pub async fn imports_errors_export(req: ImportRef) -> ApiResult<SavedDocument> {
    call_req("imports_errors_export", &req, Session::Required).await
}

// ---------------------------------------------------------------- the shell's events

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `handler` with the payload of every `event` the shell emits, for the life of the
/// app (the UI listens once, at start-up). Payloads that do not read as `T` are skipped.
pub fn listen<T: DeserializeOwned + 'static>(event: &'static str, handler: impl Fn(T) + 'static) {
    let closure = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let payload = js_sys::Reflect::get(&e, &JsValue::from_str("payload")).unwrap_or_default();
        if let Ok(value) = serde_wasm_bindgen::from_value::<T>(payload) {
            handler(value);
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(err) = tauri_listen(event, &closure).await {
            web_sys::console::warn_1(&err);
        }
        // The listener lives as long as the page.
        closure.forget();
    });
}
