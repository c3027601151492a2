//! Support groups and their forum.

use crate::Api;
use mentordesk_shared::conversations::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn groups_list(
    api: State<'_, Api>,
    req: GroupQuery,
) -> Result<Vec<GroupSummary>, ApiError> {
    api.groups_list(req).await
}

#[tauri::command]
pub async fn groups_create(api: State<'_, Api>, req: NewGroup) -> Result<GroupSummary, ApiError> {
    api.groups_create(req).await
}

#[tauri::command]
pub async fn groups_join(api: State<'_, Api>, req: GroupTarget) -> Result<GroupSummary, ApiError> {
    api.groups_join(req).await
}

#[tauri::command]
pub async fn groups_leave(api: State<'_, Api>, req: GroupTarget) -> Result<GroupSummary, ApiError> {
    api.groups_leave(req).await
}

#[tauri::command]
pub async fn threads_list(api: State<'_, Api>, req: ThreadQuery) -> Result<ThreadPage, ApiError> {
    api.threads_list(req).await
}

#[tauri::command]
pub async fn threads_get(api: State<'_, Api>, req: ThreadTarget) -> Result<ThreadDetail, ApiError> {
    api.threads_get(req).await
}

#[tauri::command]
pub async fn threads_create(
    api: State<'_, Api>,
    req: NewThread,
) -> Result<ThreadSummary, ApiError> {
    api.threads_create(req).await
}

#[tauri::command]
pub async fn threads_reply(api: State<'_, Api>, req: NewReply) -> Result<Reply, ApiError> {
    api.threads_reply(req).await
}

#[tauri::command]
pub async fn threads_moderate(
    api: State<'_, Api>,
    req: ThreadModeration,
) -> Result<ThreadSummary, ApiError> {
    api.threads_moderate(req).await
}

#[tauri::command]
pub async fn threads_delete(api: State<'_, Api>, req: ThreadTarget) -> Result<(), ApiError> {
    api.threads_delete(req).await
}

#[tauri::command]
pub async fn replies_delete(api: State<'_, Api>, req: ReplyTarget) -> Result<(), ApiError> {
    api.replies_delete(req).await
}
