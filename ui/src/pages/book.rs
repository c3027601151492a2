//! Book a session (mentees): a mentor's free slots for the chosen length, grouped by day; a slot
//! opens a dialog for the title and agenda, and the request goes to the mentor.
//!
//! Element ids:
//! - `book-back`, `book-mentor-name`, `book-zones` (the "Times in your zone …" line)
//! - `duration-<minutes>` (one toggle per length the mentor offers, `aria-pressed`)
//! - slots: `button.slot` with `data-start` (RFC 3339 UTC, e.g. `2026-12-01T09:00:00Z`),
//!   `data-date`, `data-time`, inside `div.slot-day[data-date]`
//! - `book-unpublished` (empty state when the mentor has no availability), `book-no-slots`
//! - the request dialog: `request-slot` (the chosen time), `request-title`, `request-agenda`,
//!   `request-submit`, `request-cancel`, `request-error` (conflicts and other errors),
//!   `error-title`, `error-agenda`

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::Modal;
use crate::components::forms::{send_request, FormError, TextArea, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading};
use crate::components::slot_list::SlotDays;
use crate::components::stars::RatingSummaryLine;
use crate::schedule::{duration_label, long_date, span_times, zone_label};
use crate::state::{use_app, Page};
use leptos::prelude::*;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::UserRef;
use mentordesk_shared::scheduling::{LocalSpan, SlotList, SlotQuery};
use mentordesk_shared::sessions::{SessionDetail, SessionRequest, AGENDA_MAX};
use mentordesk_shared::{ApiError, ErrorCode};

/// The slots for the chosen length, or, before one is chosen, for the mentor's shortest one.
async fn find_slots(mentor_id: UserId, chosen: Option<u16>) -> Result<SlotList, ApiError> {
    api::slots_find(SlotQuery {
        mentor_id,
        duration_minutes: chosen,
        from: None,
        days: None,
        for_session: None,
    })
    .await
}

#[component]
fn RequestDialog(
    mentor_id: UserId,
    mentor_name: String,
    span: LocalSpan,
    duration: u16,
    on_close: Callback<()>,
    /// A conflict: the slot was taken meanwhile, so the list needs reloading.
    on_conflict: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let title = RwSignal::new(String::new());
    let agenda = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let when = format!(
        "{}, {} {}",
        long_date(span.date),
        span_times(&span),
        span.zone_abbreviation
    );
    let starts_at = span.starts_at;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = SessionRequest {
            mentor_id,
            starts_at,
            duration_minutes: duration,
            title: title.get_untracked(),
            agenda: agenda.get_untracked(),
        };
        send_request(
            busy,
            errors,
            move || {
                if req.title.trim().is_empty() {
                    return Err(ApiError::field("title", "Give the session a short title."));
                }
                Ok(async move {
                    let result = api::sessions_request(req).await;
                    if let Err(err) = &result {
                        if err.code == ErrorCode::Conflict {
                            on_conflict.run(());
                        }
                    }
                    result
                })
            },
            move |detail: SessionDetail| {
                state.toast("Session requested — we'll let you know when your mentor answers");
                state.back.set_value(Page::Sessions);
                state.go(Page::Session(detail.session_id));
            },
        );
    };

    view! {
        <Modal title=format!("Request a session with {mentor_name}") on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <div class="chosen-slot" id="request-slot">
                    <Icon name="clock" />
                    <span>
                        <strong>{when}</strong>
                        <span class="muted">{format!(" · {}", duration_label(duration))}</span>
                    </span>
                </div>
                <FormError errors=errors shown=vec!["title", "agenda"] id="request-error" />
                <TextField
                    label="Title"
                    id="request-title"
                    field="title"
                    value=title
                    errors=errors
                    required=true
                    placeholder="e.g. Preparing for my first tech lead role"
                />
                <TextArea
                    label="What would you like to discuss?"
                    id="request-agenda"
                    field="agenda"
                    value=agenda
                    errors=errors
                    limit=AGENDA_MAX
                    rows=4
                    placeholder="A few lines help your mentor prepare."
                />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="request-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" id="request-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Sending…" } else { "Send request" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub fn BookPage(mentor_id: UserId) -> impl IntoView {
    let state = use_app();
    let duration = RwSignal::new(None::<u16>);
    let version = RwSignal::new(0u32);
    // The slot clicked, with the mentor's name and the length the slot list was made for.
    let chosen = RwSignal::new(None::<(LocalSpan, String, u16)>);

    let profile = LocalResource::new(move || {
        api::profile_get(UserRef {
            user_id: Some(mentor_id),
        })
    });
    let slots = LocalResource::new(move || {
        version.track();
        find_slots(mentor_id, duration.get())
    });

    let header = move || {
        profile.get().map(|result| match result {
            Ok(p) => {
                let name = format!("{} {}", p.fields.first_name, p.fields.last_name)
                    .trim()
                    .to_string();
                view! {
                    <section class="card book-hero">
                        <Avatar name=name.clone() photo=p.photo.clone() size="lg" />
                        <div class="book-hero-text">
                            <p class="eyebrow">"Book a session"</p>
                            <h1 id="book-mentor-name">{name}</h1>
                            {(!p.fields.headline.is_empty()).then(|| view! { <p class="muted">{p.fields.headline.clone()}</p> })}
                            <RatingSummaryLine summary=p.rating />
                        </div>
                    </section>
                }
                .into_any()
            }
            Err(err) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        })
    };

    let duration_picker = move |list: &SlotList| {
        let offered = list.durations.clone();
        // Before a choice, the length the first answer settled on.
        let settled = list.duration_minutes;
        view! {
            <div class="field">
                <span class="label">"Length"</span>
                <div class="chips chip-toggles" role="group" aria-label="Session length">
                    {offered
                        .into_iter()
                        .map(|minutes| {
                            let on = move || duration.get().unwrap_or(settled) == minutes;
                            view! {
                                <button
                                    type="button"
                                    class="chip-toggle"
                                    class:on=on
                                    id=format!("duration-{minutes}")
                                    aria-pressed=move || if on() { "true" } else { "false" }
                                    on:click=move |_| duration.set(Some(minutes))
                                >
                                    {duration_label(minutes)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
        }
    };

    let body = move || match slots.get() {
        None => view! { <Loading label="Finding free times…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(list)) if !list.published => {
            let name = list.mentor_name.clone();
            view! {
                <div id="book-unpublished">
                    <EmptyState
                        title=format!("{name} hasn't shared their availability yet")
                        text="Once they publish the hours they're free, you can pick a time here. In the meantime you can look at their profile."
                    >
                        <button type="button" class="button button-secondary" on:click=move |_| state.go(Page::Person(mentor_id))>
                            "Back to profile"
                        </button>
                    </EmptyState>
                </div>
            }
            .into_any()
        }
        Some(Ok(list)) => {
            let zones = format!(
                "Times in your zone ({}) · mentor is in {}",
                zone_label(&list.viewer_zone),
                zone_label(&list.mentor_zone)
            );
            let picker = duration_picker(&list);
            let name = list.mentor_name.clone();
            let minutes = list.duration_minutes;
            let slots_view = if list.slots.is_empty() {
                view! {
                    <div id="book-no-slots">
                        <EmptyState
                            title="No free times right now"
                            text="Every time in the coming weeks is taken for this length. Try a shorter session, or check back later."
                        />
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <SlotDays
                        slots=list.slots.clone()
                        on_pick=Callback::new(move |span| chosen.set(Some((span, name.clone(), minutes))))
                    />
                }
                .into_any()
            };
            view! {
                <section class="card book-slots">
                    <div class="book-slots-head">
                        {picker}
                        <p class="muted small" id="book-zones">
                            <Icon name="clock" />
                            {zones}
                        </p>
                    </div>
                    {slots_view}
                </section>
            }
            .into_any()
        }
    };

    let dialog = move || {
        chosen.get().map(|(slot, name, minutes)| {
            view! {
                <RequestDialog
                    mentor_id=mentor_id
                    mentor_name=name
                    span=slot
                    duration=minutes
                    on_close=Callback::new(move |_| chosen.set(None))
                    on_conflict=Callback::new(move |_| version.update(|v| *v += 1))
                />
            }
        })
    };

    view! {
        <div class="page book">
            <div class="page-toolbar">
                <button type="button" class="button button-ghost" id="book-back" on:click=move |_| state.go(Page::Person(mentor_id))>
                    <Icon name="arrow-left" />
                    <span>"Back to profile"</span>
                </button>
            </div>
            {header}
            {body}
            {dialog}
        </div>
    }
}
