//! Programmes, their applications and mentor–mentee matches.

use crate::Api;
use mentordesk_shared::programmes::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn programmes_list(
    api: State<'_, Api>,
    req: ProgrammeQuery,
) -> Result<Vec<ProgrammeSummary>, ApiError> {
    api.programmes_list(req).await
}

#[tauri::command]
pub async fn programmes_get(
    api: State<'_, Api>,
    req: ProgrammeRef,
) -> Result<ProgrammeDetail, ApiError> {
    api.programmes_get(req).await
}

#[tauri::command]
pub async fn programmes_create(
    api: State<'_, Api>,
    req: ProgrammeFields,
) -> Result<ProgrammeDetail, ApiError> {
    api.programmes_create(req).await
}

#[tauri::command]
pub async fn programmes_update(
    api: State<'_, Api>,
    req: ProgrammeEdit,
) -> Result<ProgrammeDetail, ApiError> {
    api.programmes_update(req).await
}

#[tauri::command]
pub async fn programmes_set_status(
    api: State<'_, Api>,
    req: ProgrammeStatusChange,
) -> Result<ProgrammeDetail, ApiError> {
    api.programmes_set_status(req).await
}

#[tauri::command]
pub async fn programmes_set_picture(
    api: State<'_, Api>,
    req: ProgrammePicture,
) -> Result<ProgrammeDetail, ApiError> {
    api.programmes_set_picture(req).await
}

#[tauri::command]
pub async fn programmes_set_member(
    api: State<'_, Api>,
    req: ProgrammeMemberChange,
) -> Result<ProgrammeDetail, ApiError> {
    api.programmes_set_member(req).await
}

#[tauri::command]
pub async fn programme_applications_submit(
    api: State<'_, Api>,
    req: ProgrammeApply,
) -> Result<ProgrammeApplicationView, ApiError> {
    api.programme_applications_submit(req).await
}

#[tauri::command]
pub async fn programme_applications_list(
    api: State<'_, Api>,
    req: ProgrammeApplicationQuery,
) -> Result<Vec<ProgrammeApplicationView>, ApiError> {
    api.programme_applications_list(req).await
}

#[tauri::command]
pub async fn programme_applications_decide(
    api: State<'_, Api>,
    req: ProgrammeApplicationDecision,
) -> Result<ProgrammeApplicationView, ApiError> {
    api.programme_applications_decide(req).await
}

#[tauri::command]
pub async fn matches_propose(
    api: State<'_, Api>,
    req: MatchProposal,
) -> Result<MatchView, ApiError> {
    api.matches_propose(req).await
}

#[tauri::command]
pub async fn matches_list(
    api: State<'_, Api>,
    req: MatchQuery,
) -> Result<Vec<MatchView>, ApiError> {
    api.matches_list(req).await
}

#[tauri::command]
pub async fn matches_decide(
    api: State<'_, Api>,
    req: MatchDecision,
) -> Result<MatchView, ApiError> {
    api.matches_decide(req).await
}

#[tauri::command]
pub async fn matches_suggest(
    api: State<'_, Api>,
    req: MatchSuggestionQuery,
) -> Result<Vec<MatchSuggestion>, ApiError> {
    api.matches_suggest(req).await
}
