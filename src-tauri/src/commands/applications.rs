//! Role application commands.

use crate::Api;
use mentordesk_shared::admin::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn applications_submit(
    api: State<'_, Api>,
    req: ApplicationSubmit,
) -> Result<ApplicationView, ApiError> {
    api.applications_submit(req).await
}

#[tauri::command]
pub async fn applications_mine(api: State<'_, Api>) -> Result<Vec<ApplicationView>, ApiError> {
    api.applications_mine().await
}

#[tauri::command]
pub async fn applications_list(
    api: State<'_, Api>,
    req: ApplicationQuery,
) -> Result<Vec<ApplicationView>, ApiError> {
    api.applications_list(req).await
}

#[tauri::command]
pub async fn applications_decide(
    api: State<'_, Api>,
    req: ApplicationDecision,
) -> Result<ApplicationView, ApiError> {
    api.applications_decide(req).await
}

#[tauri::command]
pub async fn applications_save_document(
    api: State<'_, Api>,
    req: ApplicationRef,
) -> Result<SavedDocument, ApiError> {
    api.applications_save_document(req).await
}
