//! Profile, directory and blocking commands.

use crate::Api;
use mentordesk_shared::profiles::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn profile_get(api: State<'_, Api>, req: UserRef) -> Result<ProfileView, ApiError> {
    api.profile_get(req).await
}

#[tauri::command]
pub async fn profile_update(
    api: State<'_, Api>,
    req: ProfileFields,
) -> Result<ProfileView, ApiError> {
    api.profile_update(req).await
}

#[tauri::command]
pub async fn profile_set_photo(
    api: State<'_, Api>,
    req: PhotoUpload,
) -> Result<ProfileView, ApiError> {
    api.profile_set_photo(req).await
}

#[tauri::command]
pub async fn profile_remove_photo(api: State<'_, Api>) -> Result<ProfileView, ApiError> {
    api.profile_remove_photo().await
}

#[tauri::command]
pub async fn onboarding_update(
    api: State<'_, Api>,
    req: OnboardingUpdate,
) -> Result<ProfileView, ApiError> {
    api.onboarding_update(req).await
}

#[tauri::command]
pub async fn tags_list(api: State<'_, Api>) -> Result<Vec<String>, ApiError> {
    api.tags_list().await
}

#[tauri::command]
pub async fn timezones_list(api: State<'_, Api>) -> Result<Vec<String>, ApiError> {
    api.timezones_list().await
}

#[tauri::command]
pub async fn directory_search(
    api: State<'_, Api>,
    req: DirectoryQuery,
) -> Result<DirectoryPage, ApiError> {
    api.directory_search(req).await
}

#[tauri::command]
pub async fn blocks_add(api: State<'_, Api>, req: UserTarget) -> Result<(), ApiError> {
    api.blocks_add(req).await
}

#[tauri::command]
pub async fn blocks_remove(api: State<'_, Api>, req: UserTarget) -> Result<(), ApiError> {
    api.blocks_remove(req).await
}

#[tauri::command]
pub async fn blocks_list(api: State<'_, Api>) -> Result<Vec<BlockedUser>, ApiError> {
    api.blocks_list().await
}
