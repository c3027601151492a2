//! The IPC commands: each one a thin translation to the API, grouped per domain.
//! Every command takes its payload as `req` and answers `Result<T, ApiError>`,
//! so errors reach the UI as `{code, message, fields}`.

/// Declares the invoke handler once from the list of commands: [`handler`] answers every
/// command listed in [`crate::COMMAND_NAMES`], and checks its arguments first, so that a
/// request the command cannot decode (a wrong type, a number out of range, a missing
/// field) is answered with a typed `validation` error naming `req` instead of Tauri's
/// untyped "invalid args" string.
macro_rules! app_commands {
    ($($module:ident :: $name:ident),* $(,)?) => {
        /// The invoke handler with every command listed in [`crate::COMMAND_NAMES`].
        pub fn handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            let commands = args::handler::<R, _>(tauri::generate_handler![$($module::$name),*]);
            move |invoke: tauri::ipc::Invoke<R>| {
                let payload = invoke.message.payload();
                let checked = match invoke.message.command() {
                    $(stringify!($name) => args::check::<R, _, _>($module::$name, payload),)*
                    _ => Ok(()),
                };
                match checked {
                    Ok(()) => commands(invoke),
                    Err(error) => {
                        invoke.resolver.reject(error);
                        true
                    }
                }
            }
        }
    };
}

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod certificates;
pub mod conversations;
pub mod groups;
pub mod imports;
pub mod oversight;
pub mod profiles;
pub mod programme_work;
pub mod programmes;
pub mod scheduling;

app_commands![
    accounts::app_status,
    accounts::accounts_create_first_admin,
    accounts::accounts_sign_up,
    accounts::accounts_sign_in,
    accounts::accounts_sign_out,
    accounts::accounts_me,
    accounts::accounts_change_password,
    accounts::accounts_reset_with_code,
    profiles::profile_get,
    profiles::profile_update,
    profiles::profile_set_photo,
    profiles::profile_remove_photo,
    profiles::onboarding_update,
    profiles::tags_list,
    profiles::timezones_list,
    profiles::directory_search,
    profiles::blocks_add,
    profiles::blocks_remove,
    profiles::blocks_list,
    applications::applications_submit,
    applications::applications_mine,
    applications::applications_list,
    applications::applications_decide,
    applications::applications_save_document,
    admin::users_list,
    admin::users_deactivate,
    admin::users_reactivate,
    admin::users_issue_reset_code,
    admin::users_set_roles,
    admin::roles_list,
    admin::permissions_list,
    admin::roles_create,
    admin::roles_set_permissions,
    admin::roles_delete,
    admin::audit_list,
    scheduling::availability_get,
    scheduling::availability_save,
    scheduling::availability_week,
    scheduling::slots_find,
    scheduling::sessions_request,
    scheduling::sessions_propose,
    scheduling::sessions_act,
    scheduling::sessions_list,
    scheduling::sessions_get,
    scheduling::sessions_edit,
    scheduling::sessions_rate,
    scheduling::notes_add,
    scheduling::notes_edit,
    scheduling::notes_delete,
    scheduling::action_items_add,
    scheduling::action_items_edit,
    scheduling::action_items_delete,
    scheduling::appointments_create,
    scheduling::appointments_list,
    scheduling::appointments_respond,
    scheduling::appointments_cancel,
    scheduling::calendar_export_session,
    scheduling::calendar_export_appointment,
    scheduling::calendar_export_all,
    scheduling::people_search,
    conversations::connections_list,
    conversations::connections_request,
    conversations::connections_answer,
    conversations::connections_remove,
    conversations::conversations_list,
    conversations::conversations_unread,
    conversations::conversations_open_direct,
    conversations::conversations_create_group,
    conversations::conversations_mark_read,
    conversations::messages_page,
    conversations::messages_send,
    conversations::messages_edit,
    conversations::messages_delete,
    conversations::messages_search,
    conversations::notifications_list,
    conversations::notifications_mark_read,
    conversations::notifications_mark_all_read,
    conversations::notification_settings_get,
    conversations::notification_settings_save,
    conversations::reminders_pause,
    groups::groups_list,
    groups::groups_create,
    groups::groups_join,
    groups::groups_leave,
    groups::threads_list,
    groups::threads_get,
    groups::threads_create,
    groups::threads_reply,
    groups::threads_moderate,
    groups::threads_delete,
    groups::replies_delete,
    programmes::programmes_list,
    programmes::programmes_get,
    programmes::programmes_create,
    programmes::programmes_update,
    programmes::programmes_set_status,
    programmes::programmes_set_picture,
    programmes::programmes_set_member,
    programmes::programme_applications_submit,
    programmes::programme_applications_list,
    programmes::programme_applications_decide,
    programmes::matches_propose,
    programmes::matches_list,
    programmes::matches_decide,
    programmes::matches_suggest,
    programme_work::tasks_list,
    programme_work::tasks_create,
    programme_work::tasks_update,
    programme_work::tasks_set_status,
    programme_work::tasks_delete,
    programme_work::reports_list,
    programme_work::reports_create,
    programme_work::reports_set_blockers,
    oversight::dashboard_get,
    oversight::meeting_reports_create,
    oversight::meeting_reports_list,
    oversight::meeting_reports_get,
    oversight::meeting_reports_export,
    certificates::certificates_list,
    certificates::certificates_issue,
    certificates::certificates_generate,
    certificates::certificates_decide,
    certificates::certificates_verify,
    certificates::certificates_export,
    imports::imports_preview,
    imports::imports_run,
    imports::imports_list,
    imports::imports_errors_export,
];

/// Reading a command's arguments the way Tauri will, before it does (see
/// [`app_commands`]). The request type is read off the command function itself, so the
/// check can never disagree with the command's signature.
mod args {
    use crate::Api;
    use mentordesk_shared::ApiError;
    use serde::de::DeserializeOwned;
    use std::marker::PhantomData;
    use tauri::ipc::InvokeBody;
    use tauri::{AppHandle, Runtime, State};

    /// The shapes of the app's commands: with or without the app handle, with or without
    /// a `req` argument of type `T`.
    pub struct NoRequest;
    pub struct Request<T>(PhantomData<T>);
    pub struct AppNoRequest;
    pub struct AppRequest<T>(PhantomData<T>);

    pub trait Shape<R: Runtime, M> {
        fn check(payload: &InvokeBody) -> Result<(), ApiError>;
    }

    impl<R: Runtime, F, Fut> Shape<R, NoRequest> for F
    where
        F: Fn(State<'static, Api>) -> Fut,
    {
        fn check(_: &InvokeBody) -> Result<(), ApiError> {
            Ok(())
        }
    }

    impl<R: Runtime, F, T: DeserializeOwned, Fut> Shape<R, Request<T>> for F
    where
        F: Fn(State<'static, Api>, T) -> Fut,
    {
        fn check(payload: &InvokeBody) -> Result<(), ApiError> {
            decode::<T>(payload)
        }
    }

    impl<R: Runtime, F, Fut> Shape<R, AppNoRequest> for F
    where
        F: Fn(AppHandle<R>, State<'static, Api>) -> Fut,
    {
        fn check(_: &InvokeBody) -> Result<(), ApiError> {
            Ok(())
        }
    }

    impl<R: Runtime, F, T: DeserializeOwned, Fut> Shape<R, AppRequest<T>> for F
    where
        F: Fn(AppHandle<R>, State<'static, Api>, T) -> Fut,
    {
        fn check(payload: &InvokeBody) -> Result<(), ApiError> {
            decode::<T>(payload)
        }
    }

    /// Types Tauri's generated handler (its closure's argument is otherwise inferred
    /// from the function returning it).
    pub fn handler<R: Runtime, F: Fn(tauri::ipc::Invoke<R>) -> bool>(f: F) -> F {
        f
    }

    /// Whether `payload` carries a `req` that `command` can decode.
    pub fn check<R: Runtime, M, F: Shape<R, M>>(
        _command: F,
        payload: &InvokeBody,
    ) -> Result<(), ApiError> {
        F::check(payload)
    }

    /// Decodes `req` as Tauri does (a missing key reads as `null`); a failure is a
    /// `validation` error on `req` that says what did not fit.
    fn decode<T: DeserializeOwned>(payload: &InvokeBody) -> Result<(), ApiError> {
        let value = match payload {
            InvokeBody::Json(body) => body.get("req").unwrap_or(&serde_json::Value::Null),
            InvokeBody::Raw(_) => return Err(unreadable("it was sent as raw bytes")),
        };
        T::deserialize(value)
            .map(drop)
            .map_err(|e| unreadable(&e.to_string()))
    }

    fn unreadable(why: &str) -> ApiError {
        ApiError::field(
            "req",
            format!("The app could not read this request ({why}). Reload the page and try again."),
        )
    }
}
