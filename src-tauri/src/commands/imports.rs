//! The admin's bulk import of people from CSV. Progress goes to the UI as the
//! `import-progress` event (see `lib.rs`).

use crate::Api;
use mentordesk_shared::admin::SavedDocument;
use mentordesk_shared::imports::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn imports_preview(
    api: State<'_, Api>,
    req: ImportFile,
) -> Result<ImportPreview, ApiError> {
    api.imports_preview(req).await
}

#[tauri::command]
pub async fn imports_run(api: State<'_, Api>, req: ImportFile) -> Result<ImportResult, ApiError> {
    api.imports_run(req).await
}

#[tauri::command]
pub async fn imports_list(api: State<'_, Api>) -> Result<Vec<ImportSummary>, ApiError> {
    api.imports_list().await
}

#[tauri::command]
pub async fn imports_errors_export(
    api: State<'_, Api>,
    req: ImportRef,
) -> Result<SavedDocument, ApiError> {
    api.imports_errors_export(req).await
}
