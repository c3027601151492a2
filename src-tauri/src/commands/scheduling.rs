//! Scheduling commands: availability, slots, sessions and their pages, group
//! appointments, calendar files and the people lookup.

use crate::Api;
use mentordesk_shared::scheduling::*;
use mentordesk_shared::sessions::*;
use mentordesk_shared::ApiError;
use tauri::State;

#[tauri::command]
pub async fn availability_get(api: State<'_, Api>) -> Result<AvailabilityView, ApiError> {
    api.availability_get().await
}

#[tauri::command]
pub async fn availability_save(
    api: State<'_, Api>,
    req: Availability,
) -> Result<AvailabilityView, ApiError> {
    api.availability_save(req).await
}

#[tauri::command]
pub async fn availability_week(api: State<'_, Api>, req: WeekQuery) -> Result<WeekView, ApiError> {
    api.availability_week(req).await
}

#[tauri::command]
pub async fn slots_find(api: State<'_, Api>, req: SlotQuery) -> Result<SlotList, ApiError> {
    api.slots_find(req).await
}

#[tauri::command]
pub async fn sessions_request(
    api: State<'_, Api>,
    req: SessionRequest,
) -> Result<SessionDetail, ApiError> {
    api.sessions_request(req).await
}

#[tauri::command]
pub async fn sessions_propose(
    api: State<'_, Api>,
    req: SessionProposal,
) -> Result<SessionDetail, ApiError> {
    api.sessions_propose(req).await
}

#[tauri::command]
pub async fn sessions_act(
    api: State<'_, Api>,
    req: SessionActionRequest,
) -> Result<SessionDetail, ApiError> {
    api.sessions_act(req).await
}

#[tauri::command]
pub async fn sessions_list(
    api: State<'_, Api>,
    req: SessionFilter,
) -> Result<SessionList, ApiError> {
    api.sessions_list(req).await
}

#[tauri::command]
pub async fn sessions_get(api: State<'_, Api>, req: SessionRef) -> Result<SessionDetail, ApiError> {
    api.sessions_get(req).await
}

#[tauri::command]
pub async fn sessions_edit(
    api: State<'_, Api>,
    req: SessionEdit,
) -> Result<SessionDetail, ApiError> {
    api.sessions_edit(req).await
}

#[tauri::command]
pub async fn sessions_rate(
    api: State<'_, Api>,
    req: RatingInput,
) -> Result<SessionDetail, ApiError> {
    api.sessions_rate(req).await
}

#[tauri::command]
pub async fn notes_add(api: State<'_, Api>, req: NoteInput) -> Result<SessionDetail, ApiError> {
    api.notes_add(req).await
}

#[tauri::command]
pub async fn notes_edit(api: State<'_, Api>, req: NoteEdit) -> Result<SessionDetail, ApiError> {
    api.notes_edit(req).await
}

#[tauri::command]
pub async fn notes_delete(api: State<'_, Api>, req: NoteRef) -> Result<SessionDetail, ApiError> {
    api.notes_delete(req).await
}

#[tauri::command]
pub async fn action_items_add(
    api: State<'_, Api>,
    req: ActionItemInput,
) -> Result<SessionDetail, ApiError> {
    api.action_items_add(req).await
}

#[tauri::command]
pub async fn action_items_edit(
    api: State<'_, Api>,
    req: ActionItemEdit,
) -> Result<SessionDetail, ApiError> {
    api.action_items_edit(req).await
}

#[tauri::command]
pub async fn action_items_delete(
    api: State<'_, Api>,
    req: ActionItemRef,
) -> Result<SessionDetail, ApiError> {
    api.action_items_delete(req).await
}

#[tauri::command]
pub async fn appointments_create(
    api: State<'_, Api>,
    req: AppointmentInput,
) -> Result<AppointmentView, ApiError> {
    api.appointments_create(req).await
}

#[tauri::command]
pub async fn appointments_list(
    api: State<'_, Api>,
    req: AppointmentFilter,
) -> Result<AppointmentList, ApiError> {
    api.appointments_list(req).await
}

#[tauri::command]
pub async fn appointments_respond(
    api: State<'_, Api>,
    req: AppointmentResponse,
) -> Result<AppointmentView, ApiError> {
    api.appointments_respond(req).await
}

#[tauri::command]
pub async fn appointments_cancel(
    api: State<'_, Api>,
    req: AppointmentRef,
) -> Result<AppointmentView, ApiError> {
    api.appointments_cancel(req).await
}

#[tauri::command]
pub async fn calendar_export_session(
    api: State<'_, Api>,
    req: SessionRef,
) -> Result<SavedCalendar, ApiError> {
    api.calendar_export_session(req).await
}

#[tauri::command]
pub async fn calendar_export_appointment(
    api: State<'_, Api>,
    req: AppointmentRef,
) -> Result<SavedCalendar, ApiError> {
    api.calendar_export_appointment(req).await
}

#[tauri::command]
pub async fn calendar_export_all(api: State<'_, Api>) -> Result<SavedCalendar, ApiError> {
    api.calendar_export_all().await
}

#[tauri::command]
pub async fn people_search(
    api: State<'_, Api>,
    req: PeopleQuery,
) -> Result<Vec<PersonResult>, ApiError> {
    api.people_search(req).await
}
