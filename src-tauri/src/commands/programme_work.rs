//! A programme's tasks and reports.

use crate::Api;
use mentordesk_shared::programme_work::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn tasks_list(api: State<'_, Api>, req: TaskQuery) -> Result<Vec<TaskView>, ApiError> {
    api.tasks_list(req).await
}

#[tauri::command]
pub async fn tasks_create(api: State<'_, Api>, req: NewTask) -> Result<TaskView, ApiError> {
    api.tasks_create(req).await
}

#[tauri::command]
pub async fn tasks_update(api: State<'_, Api>, req: TaskEdit) -> Result<TaskView, ApiError> {
    api.tasks_update(req).await
}

#[tauri::command]
pub async fn tasks_set_status(
    api: State<'_, Api>,
    req: TaskStatusChange,
) -> Result<TaskView, ApiError> {
    api.tasks_set_status(req).await
}

#[tauri::command]
pub async fn tasks_delete(api: State<'_, Api>, req: TaskRef) -> Result<(), ApiError> {
    api.tasks_delete(req).await
}

#[tauri::command]
pub async fn reports_list(
    api: State<'_, Api>,
    req: ReportQuery,
) -> Result<Vec<ReportView>, ApiError> {
    api.reports_list(req).await
}

#[tauri::command]
pub async fn reports_create(api: State<'_, Api>, req: NewReport) -> Result<ReportView, ApiError> {
    api.reports_create(req).await
}

#[tauri::command]
pub async fn reports_set_blockers(
    api: State<'_, Api>,
    req: ReportBlockers,
) -> Result<ReportView, ApiError> {
    api.reports_set_blockers(req).await
}
