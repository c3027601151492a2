//! Dashboards and meeting reports.

use crate::Api;
use mentordesk_shared::admin::SavedDocument;
use mentordesk_shared::oversight::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn dashboard_get(
    api: State<'_, Api>,
    req: DashboardQuery,
) -> Result<Dashboard, ApiError> {
    api.dashboard_get(req).await
}

#[tauri::command]
pub async fn meeting_reports_create(
    api: State<'_, Api>,
    req: NewMeetingReport,
) -> Result<MeetingReport, ApiError> {
    api.meeting_reports_create(req).await
}

#[tauri::command]
pub async fn meeting_reports_list(
    api: State<'_, Api>,
    req: MeetingReportQuery,
) -> Result<Vec<MeetingReportSummary>, ApiError> {
    api.meeting_reports_list(req).await
}

#[tauri::command]
pub async fn meeting_reports_get(
    api: State<'_, Api>,
    req: MeetingReportRef,
) -> Result<MeetingReport, ApiError> {
    api.meeting_reports_get(req).await
}

#[tauri::command]
pub async fn meeting_reports_export(
    api: State<'_, Api>,
    req: MeetingReportExport,
) -> Result<SavedDocument, ApiError> {
    api.meeting_reports_export(req).await
}
