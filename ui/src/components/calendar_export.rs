//! The "Export (.ics)" button: the backend writes a calendar file to Downloads, a toast says where.

use crate::api;
use crate::components::icon::Icon;
use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::{AppointmentId, SessionId};
use mentordesk_shared::sessions::{AppointmentRef, SessionRef};

/// What goes into the calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarExport {
    Session(SessionId),
    Appointment(AppointmentId),
    /// Every upcoming session and appointment of the viewer.
    All,
}

#[component]
pub fn ExportButton(
    what: CalendarExport,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(default = "Export (.ics)")] label: &'static str,
    #[prop(default = "button button-secondary")] class: &'static str,
) -> impl IntoView {
    let state = use_app();
    let busy = RwSignal::new(false);
    let export = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = match what {
                CalendarExport::Session(session_id) => {
                    api::calendar_export_session(SessionRef { session_id }).await
                }
                CalendarExport::Appointment(appointment_id) => {
                    api::calendar_export_appointment(AppointmentRef { appointment_id }).await
                }
                CalendarExport::All => api::calendar_export_all().await,
            };
            match result {
                Ok(saved) if what == CalendarExport::All => {
                    let plural = if saved.events == 1 { "" } else { "s" };
                    state.toast(format!(
                        "Saved {} event{plural} to {}",
                        saved.events, saved.path
                    ));
                }
                Ok(saved) => state.toast(format!("Saved to {}", saved.path)),
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };
    view! {
        <button
            type="button"
            id=id
            class=format!("{class} export-ics")
            disabled=move || busy.get()
            on:click=export
        >
            <Icon name="download" />
            <span>{move || if busy.get() { "Saving…" } else { label }}</span>
        </button>
    }
}
