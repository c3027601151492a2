//! Account commands.

use crate::Api;
use mentordesk_shared::accounts::*;
use mentordesk_shared::ApiError;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn app_status(api: State<'_, Api>) -> Result<AppStatus, ApiError> {
    crate::startup::note_ui_ready();
    api.app_status().await
}

#[tauri::command]
pub async fn accounts_create_first_admin(
    api: State<'_, Api>,
    req: CreateFirstAdmin,
) -> Result<Me, ApiError> {
    api.accounts_create_first_admin(req).await
}

#[tauri::command]
pub async fn accounts_sign_up(api: State<'_, Api>, req: SignUp) -> Result<Me, ApiError> {
    api.accounts_sign_up(req).await
}

#[tauri::command]
pub async fn accounts_sign_in<R: Runtime>(
    app: AppHandle<R>,
    api: State<'_, Api>,
    req: SignIn,
) -> Result<Me, ApiError> {
    let me = api.accounts_sign_in(req).await?;
    crate::desktop::refresh_tray(&app);
    Ok(me)
}

#[tauri::command]
pub async fn accounts_sign_out<R: Runtime>(
    app: AppHandle<R>,
    api: State<'_, Api>,
) -> Result<(), ApiError> {
    api.accounts_sign_out().await?;
    crate::desktop::refresh_tray(&app);
    Ok(())
}

#[tauri::command]
pub async fn accounts_me(api: State<'_, Api>) -> Result<Me, ApiError> {
    api.accounts_me().await
}

#[tauri::command]
pub async fn accounts_change_password(
    api: State<'_, Api>,
    req: ChangePassword,
) -> Result<(), ApiError> {
    api.accounts_change_password(req).await
}

#[tauri::command]
pub async fn accounts_reset_with_code(
    api: State<'_, Api>,
    req: ResetWithCode,
) -> Result<(), ApiError> {
    api.accounts_reset_with_code(req).await
}
