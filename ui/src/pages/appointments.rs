//! Appointments: group meetings with an organiser and invited attendees who accept or decline.
//!
//! Element ids:
//! - tabs `tab-upcoming`, `tab-past`; `schedule-appointment` (opens the dialog);
//!   `appointments-empty`
//! - rows: `article.appointment-row` with `data-appointment-id`, `data-status`
//!   (`scheduled` | `cancelled`), `data-my-response`; inside `.attendance-summary`
//!   ("3 accepted · 1 declined · 2 waiting"), for the organiser `li.attendee[data-user-id]
//!   [data-response]`, for attendees `.appointment-accept` / `.appointment-decline`
//!   (`aria-pressed` shows the current answer) and `.my-response`; for the organiser
//!   `.appointment-cancel` (asks first: `confirm-yes` / `confirm-no`); for everyone
//!   `.appointment-export`
//! - the dialog: `appointment-title`, `appointment-description`, `appointment-date`,
//!   `appointment-time`, `appointment-duration`, `appointment-link`, `appointment-attendees`
//!   (people search, suggestions `li.person-option[data-user-id]`, picked people
//!   `.person-chip[data-user-id]`), `appointment-submit`, `appointment-cancel-dialog`,
//!   `appointment-error`; field errors `error-<title|description|start|duration_minutes|
//!   meeting_link|attendee_ids>`

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::calendar_export::{CalendarExport, ExportButton};
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::forms::{send_request, FieldError, FormError, TextArea, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::components::people_picker::{PeoplePicker, PersonChip};
use crate::components::tabs::Tabs;
use crate::schedule::{
    date_input, duration_label, long_date, parse_clock, parse_date, response_class, response_label,
    span_times, today,
};
use crate::state::use_app;
use crate::util::format_datetime;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::ids::AppointmentId;
use mentordesk_shared::sessions::{
    AppointmentFilter, AppointmentInput, AppointmentRef, AppointmentResponse, AppointmentStatus,
    AppointmentView, AttendeeResponse, PersonBrief, SessionScope, WallTime,
    APPOINTMENT_MAX_ATTENDEES,
};
use mentordesk_shared::ApiError;

const TABS: [(SessionScope, &str, &str); 2] = [
    (SessionScope::Upcoming, "Upcoming", "tab-upcoming"),
    (SessionScope::Past, "Past", "tab-past"),
];

/// Appointment lengths offered in the dialog (15 minutes to 8 hours).
const LENGTHS: [u16; 10] = [15, 30, 45, 60, 90, 120, 180, 240, 360, 480];

/// "3 accepted · 1 declined · 2 waiting".
fn attendance(view: &AppointmentView) -> String {
    let count = |r: AttendeeResponse| view.attendees.iter().filter(|a| a.response == r).count();
    format!(
        "{} accepted · {} declined · {} waiting",
        count(AttendeeResponse::Accepted),
        count(AttendeeResponse::Declined),
        count(AttendeeResponse::Pending)
    )
}

#[component]
fn ScheduleDialog(on_close: Callback<()>, on_created: Callback<()>) -> impl IntoView {
    let state = use_app();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let date = RwSignal::new(date_input(today() + chrono::Duration::days(1)));
    let time = RwSignal::new("10:00".to_string());
    let duration = RwSignal::new("60".to_string());
    let link = RwSignal::new(String::new());
    let attendees = RwSignal::new(Vec::<PersonBrief>::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let invalid = move |field: &'static str| {
        errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))
    };
    let chosen_ids = Signal::derive(move || {
        let mut ids: Vec<_> = attendees.with(|list| list.iter().map(|p| p.user_id).collect());
        ids.extend(state.my_id());
        ids
    });
    let full = move || attendees.with(Vec::len) >= APPOINTMENT_MAX_ATTENDEES;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let mut problems = mentordesk_shared::error::FieldErrors::new();
                if title.with_untracked(|t| t.trim().is_empty()) {
                    problems.add("title", "Give the appointment a title.");
                }
                let day = parse_date(&date.get_untracked());
                if day.is_none() {
                    problems.add("start", "Choose a date.");
                } else if parse_clock(&time.get_untracked()).is_none() {
                    problems.add("start", "Choose a start time.");
                }
                if attendees.with_untracked(Vec::is_empty) {
                    problems.add("attendee_ids", "Invite at least one person.");
                }
                problems.into_result()?;
                let day = day.ok_or_else(|| ApiError::field("start", "Choose a date."))?;
                Ok(api::appointments_create(AppointmentInput {
                    title: title.get_untracked(),
                    description: description.get_untracked(),
                    start: WallTime {
                        date: day,
                        time: time.get_untracked(),
                    },
                    duration_minutes: duration.get_untracked().parse().unwrap_or(60),
                    meeting_link: link.get_untracked(),
                    attendee_ids: attendees
                        .with_untracked(|l| l.iter().map(|p| p.user_id).collect()),
                }))
            },
            move |created: AppointmentView| {
                state.toast(format!("“{}” scheduled; invitations sent", created.title));
                on_created.run(());
            },
        );
    };

    view! {
        <Modal title="Schedule an appointment" on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <FormError
                    errors=errors
                    shown=vec!["title", "description", "start", "duration_minutes", "meeting_link", "attendee_ids"]
                    id="appointment-error"
                />
                <TextField label="Title" id="appointment-title" field="title" value=title errors=errors required=true />
                <TextArea
                    label="Description"
                    id="appointment-description"
                    field="description"
                    value=description
                    errors=errors
                    rows=3
                    placeholder="What the meeting is about"
                />
                <div class="field-row field-row-3">
                    <div class="field" class:has-error=move || invalid("start")>
                        <label for="appointment-date">"Date"</label>
                        <input type="date" id="appointment-date" bind:value=date />
                    </div>
                    <div class="field" class:has-error=move || invalid("start")>
                        <label for="appointment-time">"Start"</label>
                        <input type="time" id="appointment-time" bind:value=time />
                    </div>
                    <div class="field" class:has-error=move || invalid("duration_minutes")>
                        <label for="appointment-duration">"Length"</label>
                        <select id="appointment-duration" bind:value=duration>
                            {LENGTHS
                                .iter()
                                .map(|m| {
                                    let value = m.to_string();
                                    view! { <option value=value selected=*m == 60>{duration_label(*m)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <p class="hint">"Times are on your own clock; attendees see them on theirs."</p>
                <FieldError errors=errors field="start" />
                <FieldError errors=errors field="duration_minutes" />
                <TextField
                    label="Meeting link"
                    id="appointment-link"
                    field="meeting_link"
                    value=link
                    errors=errors
                    placeholder="https://"
                />
                <div class="field">
                    <label for="appointment-attendees">"Attendees"</label>
                    <Show when=move || !attendees.with(Vec::is_empty)>
                        <div class="chips picked-people">
                            {move || {
                                attendees
                                    .get()
                                    .into_iter()
                                    .map(|person| view! {
                                        <PersonChip
                                            person=person
                                            on_remove=Callback::new(move |id| attendees.update(|l| l.retain(|p| p.user_id != id)))
                                        />
                                    })
                                    .collect_view()
                            }}
                        </div>
                    </Show>
                    <PeoplePicker
                        id="appointment-attendees"
                        placeholder="Add people by name"
                        exclude=chosen_ids
                        invalid=Signal::derive(move || invalid("attendee_ids"))
                        disabled=Signal::derive(full)
                        on_pick=Callback::new(move |person| attendees.update(|l| l.push(person)))
                    />
                    <p class="hint">{move || format!("{} invited · up to {APPOINTMENT_MAX_ATTENDEES}", attendees.with(Vec::len))}</p>
                    <FieldError errors=errors field="attendee_ids" />
                </div>
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="appointment-cancel-dialog" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" id="appointment-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Scheduling…" } else { "Schedule and invite" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn AppointmentRow(
    appointment: AppointmentView,
    on_changed: Callback<AppointmentView>,
    on_cancel: Callback<AppointmentView>,
) -> impl IntoView {
    let state = use_app();
    let id = appointment.appointment_id;
    let busy = RwSignal::new(false);
    let cancelled = appointment.status == AppointmentStatus::Cancelled;
    let respond = move |response: AttendeeResponse| {
        busy.set(true);
        spawn_local(async move {
            match api::appointments_respond(AppointmentResponse {
                appointment_id: id,
                response,
            })
            .await
            {
                Ok(view) => {
                    state.toast(match response {
                        AttendeeResponse::Declined => "You declined the invitation",
                        _ => "You accepted the invitation",
                    });
                    on_changed.run(view);
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };
    let my_response = appointment.my_response;
    let when = format!(
        "{} · {} {} · {}",
        long_date(appointment.span.date),
        span_times(&appointment.span),
        appointment.span.zone_abbreviation,
        duration_label(appointment.duration_minutes)
    );
    let organiser = appointment.organiser.clone();
    let for_cancel = appointment.clone();

    let answer_button =
        move |response: AttendeeResponse, label: &'static str, class: &'static str| {
            let pressed = my_response == Some(response);
            view! {
                <button
                    type="button"
                    class=format!("button button-sm {class}")
                    class:pressed=pressed
                    aria-pressed=if pressed { "true" } else { "false" }
                    disabled=move || busy.get() || cancelled
                    on:click=move |_| respond(response)
                >
                    {pressed.then(|| view! { <Icon name="check" /> })}
                    <span>{label}</span>
                </button>
            }
        };

    view! {
        <article
            class="card appointment-row"
            class:cancelled=cancelled
            data-appointment-id=id.to_string()
            data-status=if cancelled { "cancelled" } else { "scheduled" }
            data-my-response=my_response.map(|r| r.key()).unwrap_or("")
        >
            <div class="appointment-head">
                <div class="appointment-title">
                    <h3>{appointment.title.clone()}</h3>
                    <p class="appointment-when"><Icon name="clock" /><span>{when}</span></p>
                </div>
                {if cancelled {
                    view! { <span class="badge badge-cancelled">"Cancelled"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-confirmed">"Scheduled"</span> }.into_any()
                }}
            </div>
            {(!appointment.description.trim().is_empty()).then(|| view! {
                <p class="prose muted">{appointment.description.clone()}</p>
            })}
            <div class="appointment-meta small">
                <span class="appointment-organiser">
                    <Avatar name=organiser.name.clone() photo=organiser.photo.clone() size="xs" />
                    {if appointment.i_organise {
                        "Organised by you".to_string()
                    } else {
                        format!("Organised by {}", organiser.name)
                    }}
                </span>
                {(!appointment.meeting_link.trim().is_empty()).then(|| view! {
                    <span class="selectable appointment-link"><Icon name="link" />{appointment.meeting_link.clone()}</span>
                })}
                <span class="attendance-summary">{attendance(&appointment)}</span>
            </div>
            {appointment.i_organise.then(|| view! {
                <ul class="attendee-list">
                    {appointment
                        .attendees
                        .iter()
                        .map(|a| view! {
                            <li class="attendee" data-user-id=a.person.user_id.to_string() data-response=a.response.key()>
                                <Avatar name=a.person.name.clone() photo=a.person.photo.clone() size="xs" />
                                <span class="attendee-name">{a.person.name.clone()}</span>
                                <span class=response_class(a.response)>{response_label(a.response)}</span>
                                <span class="muted small">
                                    {a.responded_at.map(format_datetime).unwrap_or_default()}
                                </span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            <div class="appointment-actions">
                {my_response.map(|r| view! {
                    <span class="my-response muted small" data-response=r.key()>
                        {match r {
                            AttendeeResponse::Pending => "You haven't answered yet".to_string(),
                            other => format!("Your answer: {}", response_label(other)),
                        }}
                    </span>
                })}
                <div class="spacer"></div>
                {my_response.is_some().then(|| view! {
                    {answer_button(AttendeeResponse::Declined, "Decline", "button-secondary appointment-decline")}
                    {answer_button(AttendeeResponse::Accepted, "Accept", "button-secondary appointment-accept")}
                })}
                {(appointment.i_organise && !cancelled).then(|| view! {
                    <button
                        type="button"
                        class="button button-danger-outline button-sm appointment-cancel"
                        on:click=move |_| on_cancel.run(for_cancel.clone())
                    >
                        "Cancel appointment"
                    </button>
                })}
                <ExportButton
                    what=CalendarExport::Appointment(id)
                    class="button button-ghost button-sm appointment-export"
                />
            </div>
        </article>
    }
}

#[component]
pub fn AppointmentsPage() -> impl IntoView {
    let state = use_app();
    let scope = RwSignal::new(SessionScope::Upcoming);
    let version = RwSignal::new(0u32);
    let scheduling = RwSignal::new(false);
    let cancelling = RwSignal::new(None::<AppointmentView>);
    let cancel_busy = RwSignal::new(false);
    // Answers and cancellations replace one row in place instead of reloading the list.
    let replaced = RwSignal::new(Vec::<AppointmentView>::new());

    let list = LocalResource::new(move || {
        version.track();
        api::appointments_list(AppointmentFilter { scope: scope.get() })
    });
    Effect::new(move |_| {
        list.track();
        replaced.set(Vec::new());
    });
    let on_changed = Callback::new(move |view: AppointmentView| {
        replaced.update(|r| {
            r.retain(|v| v.appointment_id != view.appointment_id);
            r.push(view);
        })
    });
    let reload = move || version.update(|v| *v += 1);

    let cancel = move || {
        let Some(appointment) = cancelling.get_untracked() else {
            return;
        };
        let appointment_id: AppointmentId = appointment.appointment_id;
        cancel_busy.set(true);
        spawn_local(async move {
            match api::appointments_cancel(AppointmentRef { appointment_id }).await {
                Ok(view) => {
                    state.toast("Appointment cancelled; attendees are told");
                    on_changed.run(view);
                }
                Err(err) => state.toast_error(err.message),
            }
            cancel_busy.set(false);
            cancelling.set(None);
        });
    };

    let rows = move || match list.get() {
        None => view! { <Loading label="Loading appointments…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(page)) if page.appointments.is_empty() => {
            let text = match scope.get_untracked() {
                SessionScope::Past => "Appointments move here once they have ended.",
                _ => "Group meetings you organise or are invited to appear here.",
            };
            view! {
                <div id="appointments-empty">
                    <EmptyState title="No appointments" text=text />
                </div>
            }
            .into_any()
        }
        Some(Ok(page)) => {
            let zone = page.viewer_zone.replace('_', " ");
            view! {
                <p class="muted small result-count">{format!("Times in {zone}")}</p>
                <div class="appointment-list stack">
                    {page
                        .appointments
                        .into_iter()
                        .map(|original| {
                            let id = original.appointment_id;
                            let current = Memo::new(move |_| {
                                replaced.with(|r| r.iter().find(|v| v.appointment_id == id).cloned())
                            });
                            move || {
                                let appointment = current.get().unwrap_or_else(|| original.clone());
                                view! {
                                    <AppointmentRow
                                        appointment=appointment
                                        on_changed=on_changed
                                        on_cancel=Callback::new(move |a| cancelling.set(Some(a)))
                                    />
                                }
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
    };

    view! {
        <div class="page appointments">
            <PageHeader title="Appointments" subtitle="Group meetings: workshops, check-ins and programme events.">
                <Show when=move || state.can(Permission::AppointmentsOrganise)>
                    <button type="button" class="button button-primary" id="schedule-appointment" on:click=move |_| scheduling.set(true)>
                        <Icon name="plus" />
                        <span>"Schedule appointment"</span>
                    </button>
                </Show>
            </PageHeader>
            <Tabs current=scope tabs=&TABS />
            {rows}
            <Show when=move || scheduling.get()>
                <ScheduleDialog
                    on_close=Callback::new(move |_| scheduling.set(false))
                    on_created=Callback::new(move |_| {
                        scheduling.set(false);
                        reload();
                    })
                />
            </Show>
            {move || cancelling.get().map(|a| view! {
                <ConfirmDialog
                    title=format!("Cancel “{}”?", a.title)
                    message="Everyone invited is told that it's cancelled. This cannot be undone."
                    confirm_label="Cancel appointment"
                    danger=true
                    busy=cancel_busy
                    on_confirm=Callback::new(move |_| cancel())
                    on_cancel=Callback::new(move |_| cancelling.set(None))
                />
            })}
        </div>
    }
}
