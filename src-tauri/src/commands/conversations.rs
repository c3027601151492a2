//! Connections, messaging and the notification centre.

use crate::Api;
use mentordesk_shared::conversations::*;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::ApiError;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn connections_list(api: State<'_, Api>) -> Result<ConnectionList, ApiError> {
    api.connections_list().await
}

#[tauri::command]
pub async fn connections_request(api: State<'_, Api>, req: UserTarget) -> Result<(), ApiError> {
    api.connections_request(req).await
}

#[tauri::command]
pub async fn connections_answer(
    api: State<'_, Api>,
    req: ConnectionAnswer,
) -> Result<(), ApiError> {
    api.connections_answer(req).await
}

#[tauri::command]
pub async fn connections_remove(
    api: State<'_, Api>,
    req: ConnectionTarget,
) -> Result<(), ApiError> {
    api.connections_remove(req).await
}

#[tauri::command]
pub async fn conversations_list(api: State<'_, Api>) -> Result<ConversationList, ApiError> {
    api.conversations_list().await
}

#[tauri::command]
pub async fn conversations_unread(api: State<'_, Api>) -> Result<UnreadCounts, ApiError> {
    api.conversations_unread().await
}

#[tauri::command]
pub async fn conversations_open_direct(
    api: State<'_, Api>,
    req: UserTarget,
) -> Result<ConversationSummary, ApiError> {
    api.conversations_open_direct(req).await
}

#[tauri::command]
pub async fn conversations_create_group(
    api: State<'_, Api>,
    req: NewGroupConversation,
) -> Result<ConversationSummary, ApiError> {
    api.conversations_create_group(req).await
}

#[tauri::command]
pub async fn conversations_mark_read(
    api: State<'_, Api>,
    req: ConversationTarget,
) -> Result<(), ApiError> {
    api.conversations_mark_read(req).await
}

#[tauri::command]
pub async fn messages_page(
    api: State<'_, Api>,
    req: MessageQuery,
) -> Result<MessagePage, ApiError> {
    api.messages_page(req).await
}

#[tauri::command]
pub async fn messages_send(api: State<'_, Api>, req: SendMessage) -> Result<Message, ApiError> {
    api.messages_send(req).await
}

#[tauri::command]
pub async fn messages_edit(api: State<'_, Api>, req: EditMessage) -> Result<Message, ApiError> {
    api.messages_edit(req).await
}

#[tauri::command]
pub async fn messages_delete(api: State<'_, Api>, req: MessageTarget) -> Result<(), ApiError> {
    api.messages_delete(req).await
}

#[tauri::command]
pub async fn messages_search(
    api: State<'_, Api>,
    req: MessageSearch,
) -> Result<Vec<MessageHit>, ApiError> {
    api.messages_search(req).await
}

#[tauri::command]
pub async fn notifications_list(
    api: State<'_, Api>,
    req: NotificationQuery,
) -> Result<NotificationList, ApiError> {
    api.notifications_list(req).await
}

#[tauri::command]
pub async fn notifications_mark_read(
    api: State<'_, Api>,
    req: NotificationTarget,
) -> Result<(), ApiError> {
    api.notifications_mark_read(req).await
}

#[tauri::command]
pub async fn notifications_mark_all_read(api: State<'_, Api>) -> Result<u32, ApiError> {
    api.notifications_mark_all_read().await
}

#[tauri::command]
pub async fn notification_settings_get(
    api: State<'_, Api>,
) -> Result<NotificationSettings, ApiError> {
    api.notification_settings_get().await
}

#[tauri::command]
pub async fn notification_settings_save<R: Runtime>(
    app: AppHandle<R>,
    api: State<'_, Api>,
    req: NotificationSettingsUpdate,
) -> Result<NotificationSettings, ApiError> {
    let saved = api.notification_settings_save(req).await?;
    crate::desktop::preferences_changed(&app, saved.close_to_tray, saved.start_at_login);
    Ok(saved)
}

#[tauri::command]
pub async fn reminders_pause<R: Runtime>(
    app: AppHandle<R>,
    api: State<'_, Api>,
    req: PauseReminders,
) -> Result<NotificationSettings, ApiError> {
    let saved = api.reminders_pause(req).await?;
    crate::desktop::refresh_tray(&app);
    Ok(saved)
}
