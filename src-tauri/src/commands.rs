//! The IPC commands: each one a thin translation to the API, grouped per domain.
//! Every command takes its payload as `req` and answers `Result<T, ApiError>`,
//! so errors reach the UI as `{code, message, fields}`.

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod profiles;
pub mod scheduling;

/// The invoke handler with every command listed in [`crate::COMMAND_NAMES`].
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
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
    ]
}
