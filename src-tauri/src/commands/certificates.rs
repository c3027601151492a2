//! Programme completion certificates.

use crate::Api;
use mentordesk_shared::admin::SavedDocument;
use mentordesk_shared::certificates::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn certificates_list(
    api: State<'_, Api>,
    req: CertificateQuery,
) -> Result<CertificateList, ApiError> {
    api.certificates_list(req).await
}

#[tauri::command]
pub async fn certificates_issue(
    api: State<'_, Api>,
    req: NewCertificate,
) -> Result<CertificateView, ApiError> {
    api.certificates_issue(req).await
}

#[tauri::command]
pub async fn certificates_generate(
    api: State<'_, Api>,
    req: CertificateRef,
) -> Result<CertificateView, ApiError> {
    api.certificates_generate(req).await
}

#[tauri::command]
pub async fn certificates_decide(
    api: State<'_, Api>,
    req: CertificateDecision,
) -> Result<CertificateView, ApiError> {
    api.certificates_decide(req).await
}

#[tauri::command]
pub async fn certificates_verify(
    api: State<'_, Api>,
    req: CertificateCode,
) -> Result<CertificateVerification, ApiError> {
    api.certificates_verify(req).await
}

#[tauri::command]
pub async fn certificates_export(
    api: State<'_, Api>,
    req: CertificateRef,
) -> Result<SavedDocument, ApiError> {
    api.certificates_export(req).await
}
