//! Administration commands: accounts, roles, permissions, audit log.

use crate::Api;
use mentordesk_shared::access::RoleView;
use mentordesk_shared::accounts::IssuedResetCode;
use mentordesk_shared::admin::*;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn users_list(api: State<'_, Api>, req: UserQuery) -> Result<Vec<UserRow>, ApiError> {
    api.users_list(req).await
}

#[tauri::command]
pub async fn users_deactivate(api: State<'_, Api>, req: UserTarget) -> Result<UserRow, ApiError> {
    api.users_deactivate(req).await
}

#[tauri::command]
pub async fn users_reactivate(api: State<'_, Api>, req: UserTarget) -> Result<UserRow, ApiError> {
    api.users_reactivate(req).await
}

#[tauri::command]
pub async fn users_issue_reset_code(
    api: State<'_, Api>,
    req: UserTarget,
) -> Result<IssuedResetCode, ApiError> {
    api.users_issue_reset_code(req).await
}

#[tauri::command]
pub async fn users_set_roles(api: State<'_, Api>, req: SetUserRoles) -> Result<UserRow, ApiError> {
    api.users_set_roles(req).await
}

#[tauri::command]
pub async fn roles_list(api: State<'_, Api>) -> Result<Vec<RoleView>, ApiError> {
    api.roles_list().await
}

#[tauri::command]
pub async fn permissions_list(api: State<'_, Api>) -> Result<Vec<PermissionInfo>, ApiError> {
    api.permissions_list().await
}

#[tauri::command]
pub async fn roles_create(api: State<'_, Api>, req: CreateRole) -> Result<RoleView, ApiError> {
    api.roles_create(req).await
}

#[tauri::command]
pub async fn roles_set_permissions(
    api: State<'_, Api>,
    req: SetRolePermissions,
) -> Result<RoleView, ApiError> {
    api.roles_set_permissions(req).await
}

#[tauri::command]
pub async fn roles_delete(api: State<'_, Api>, req: RoleRef) -> Result<(), ApiError> {
    api.roles_delete(req).await
}

#[tauri::command]
pub async fn audit_list(api: State<'_, Api>, req: AuditQuery) -> Result<AuditPage, ApiError> {
    api.audit_list(req).await
}
