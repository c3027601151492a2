//! What the viewer may do to the session now: exactly the backend's `allowed_actions`, a banner
//! for a new time waiting for an answer, and the dialog for actions that carry a message.
//!
//! Element ids:
//! - `action-<key>` for each allowed action except the proposal answers: `action-accept`,
//!   `action-decline`, `action-cancel`, `action-propose_new_time`, `action-complete`,
//!   `action-mark_no_show`; `session-actions` (the bar), `action-error` (errors of the bar)
//! - `proposal-banner` (`data-proposed-by` = `mentor` | `mentee`), `proposal-accept`,
//!   `proposal-decline`
//! - the dialog (decline, cancel, propose a new time, mark no-show): `action-message`,
//!   `action-confirm`, `action-dismiss`, `action-dialog-error`; for a new time `propose-date`,
//!   `propose-time`, `propose-duration`, and for mentees the mentor's free slots as
//!   `button.slot[data-start]` inside `propose-slots`; field errors `error-message`,
//!   `error-new_start`, `error-new_duration_minutes`

use super::SessionCtx;
use crate::api;
use crate::components::dialog::Modal;
use crate::components::forms::{send_request, FieldError, FormError};
use crate::components::icon::Icon;
use crate::components::layout::Loading;
use crate::components::slot_list::SlotDays;
use crate::schedule::{
    action_button_label, date_input, duration_label, parse_clock, parse_date, span_text,
    SESSION_LENGTHS,
};
use crate::state::use_app;
use leptos::prelude::*;
use mentordesk_shared::scheduling::{LocalSpan, SlotQuery};
use mentordesk_shared::sessions::{
    SessionAction, SessionActionRequest, SessionDetail, SessionRole, WallTime, MESSAGE_MAX,
};
use mentordesk_shared::ApiError;

/// Actions that ask for a message (and, to propose, a time) before they go.
fn needs_dialog(action: SessionAction) -> bool {
    matches!(
        action,
        SessionAction::Decline
            | SessionAction::Cancel
            | SessionAction::ProposeNewTime
            | SessionAction::MarkNoShow
    )
}

fn done_text(action: SessionAction) -> &'static str {
    match action {
        SessionAction::Accept => "Session confirmed",
        SessionAction::Decline => "Session declined",
        SessionAction::Cancel => "Session cancelled",
        SessionAction::ProposeNewTime => "New time proposed",
        SessionAction::AcceptNewTime => "New time accepted",
        SessionAction::DeclineNewTime => "Kept the current time",
        SessionAction::Complete => "Session marked completed",
        SessionAction::MarkNoShow => "Marked as a no-show",
    }
}

fn button_class(action: SessionAction) -> &'static str {
    match action {
        SessionAction::Accept | SessionAction::Complete => "button button-primary",
        SessionAction::Decline | SessionAction::Cancel => "button button-danger-outline",
        _ => "button button-secondary",
    }
}

fn action_request(ctx: SessionCtx, action: SessionAction) -> SessionActionRequest {
    SessionActionRequest {
        session_id: ctx.id,
        action,
        message: String::new(),
        new_start: None,
        new_duration_minutes: None,
    }
}

#[component]
pub(super) fn SessionActions(ctx: SessionCtx) -> impl IntoView {
    let state = use_app();
    let allowed = ctx.part(|d| d.allowed_actions.clone());
    let proposal = ctx.part(|d| d.pending_proposal.clone());
    let my_role = ctx.my_role();
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let dialog = RwSignal::new(None::<SessionAction>);

    let run = move |action: SessionAction| {
        if needs_dialog(action) {
            errors.set(None);
            dialog.set(Some(action));
            return;
        }
        send_request(
            busy,
            errors,
            move || Ok(api::sessions_act(action_request(ctx, action))),
            move |detail| {
                ctx.set(detail);
                state.toast(done_text(action));
            },
        );
    };

    let banner = move || {
        proposal.get().map(|p| {
            let mine = Some(p.proposed_by) == my_role.get();
            let can_answer = allowed.with(|a| {
                a.contains(&SessionAction::AcceptNewTime) || a.contains(&SessionAction::DeclineNewTime)
            });
            let who = if mine { "You".to_string() } else { p.proposed_by_name.clone() };
            let message = p.message.trim().to_string();
            view! {
                <section class="proposal-banner" id="proposal-banner" data-proposed-by=p.proposed_by.key()>
                    <div class="proposal-icon"><Icon name="clock" /></div>
                    <div class="proposal-text">
                        <p>
                            <strong>{format!("{who} proposed {}", span_text(&p.span))}</strong>
                            {(!message.is_empty()).then(|| format!(": {message}"))}
                        </p>
                        <p class="muted small">
                            {if mine {
                                "Waiting for an answer. The session keeps its current time until then.".to_string()
                            } else {
                                "The session keeps its current time unless you accept.".to_string()
                            }}
                        </p>
                    </div>
                    {(!mine && can_answer).then(|| view! {
                        <div class="proposal-buttons">
                            <Show when=move || allowed.with(|a| a.contains(&SessionAction::DeclineNewTime))>
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    id="proposal-decline"
                                    disabled=move || busy.get()
                                    on:click=move |_| run(SessionAction::DeclineNewTime)
                                >
                                    "Decline"
                                </button>
                            </Show>
                            <Show when=move || allowed.with(|a| a.contains(&SessionAction::AcceptNewTime))>
                                <button
                                    type="button"
                                    class="button button-primary"
                                    id="proposal-accept"
                                    disabled=move || busy.get()
                                    on:click=move |_| run(SessionAction::AcceptNewTime)
                                >
                                    "Accept new time"
                                </button>
                            </Show>
                        </div>
                    })}
                </section>
            }
        })
    };

    let buttons = move || {
        let actions: Vec<SessionAction> = allowed
            .get()
            .into_iter()
            .filter(|a| {
                !matches!(
                    a,
                    SessionAction::AcceptNewTime | SessionAction::DeclineNewTime
                )
            })
            .collect();
        (!actions.is_empty()).then(|| {
            view! {
                <div class="session-actions" id="session-actions">
                    {actions
                        .into_iter()
                        .map(|action| view! {
                            <button
                                type="button"
                                class=button_class(action)
                                id=format!("action-{}", action.key())
                                data-action=action.key()
                                disabled=move || busy.get()
                                on:click=move |_| run(action)
                            >
                                {action_button_label(action)}
                            </button>
                        })
                        .collect_view()}
                </div>
            }
        })
    };

    view! {
        {banner}
        {buttons}
        <Show when=move || dialog.with(Option::is_none)>
            <FormError errors=errors shown=Vec::new() id="action-error" />
        </Show>
        {move || dialog.get().map(|action| view! {
            <ActionDialog ctx=ctx action=action on_close=Callback::new(move |_| dialog.set(None)) />
        })}
    }
}

/// The free slots of the mentor for a new time (mentees only), loaded for the chosen length.
#[component]
fn ProposeSlots(
    ctx: SessionCtx,
    duration: RwSignal<String>,
    date: RwSignal<String>,
    time: RwSignal<String>,
) -> impl IntoView {
    let mentor_id = ctx.part(|d| Some(d.mentor.user_id));
    let slots = LocalResource::new(move || {
        let mentor = mentor_id.get();
        let minutes = duration.get().parse::<u16>().unwrap_or(60);
        async move {
            let Some(mentor_id) = mentor else {
                return Ok(None);
            };
            api::slots_find(SlotQuery {
                mentor_id,
                duration_minutes: Some(minutes),
                from: None,
                days: None,
                for_session: Some(ctx.id),
            })
            .await
            .map(Some)
        }
    });
    let pick = Callback::new(move |span: LocalSpan| {
        date.set(date_input(span.date));
        time.set(span.start.clone());
    });
    let is_selected = Callback::new(move |span: LocalSpan| {
        date.with(|d| *d == date_input(span.date)) && time.with(|t| *t == span.start)
    });
    view! {
        <div class="field">
            <span class="label">"Or pick one of your mentor's free times"</span>
            <div class="propose-slots" id="propose-slots">
                {move || match slots.get() {
                    None => view! { <Loading label="Finding free times…" /> }.into_any(),
                    Some(Err(err)) => view! { <p class="field-error">{err.message}</p> }.into_any(),
                    Some(Ok(None)) => ().into_any(),
                    Some(Ok(Some(list))) if list.slots.is_empty() => view! {
                        <p class="muted small">"No free times for this length in the coming weeks."</p>
                    }
                    .into_any(),
                    Some(Ok(Some(list))) => view! {
                        <SlotDays slots=list.slots on_pick=pick is_selected=is_selected />
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}

#[component]
fn ActionDialog(ctx: SessionCtx, action: SessionAction, on_close: Callback<()>) -> impl IntoView {
    let state = use_app();
    let now = ctx.detail.get_untracked();
    let (span_date, span_start, current_minutes, my_role, other_name) = now
        .as_ref()
        .map(|d: &SessionDetail| {
            let other = match d.my_role {
                SessionRole::Mentor => &d.mentee,
                SessionRole::Mentee => &d.mentor,
            };
            (
                d.span.date,
                d.span.start.clone(),
                d.duration_minutes,
                d.my_role,
                other.name.clone(),
            )
        })
        .unwrap_or((
            crate::schedule::today(),
            "09:00".into(),
            60,
            SessionRole::Mentee,
            String::new(),
        ));
    let confirmed = now
        .as_ref()
        .is_some_and(|d| d.status == mentordesk_shared::scheduling::SessionStatus::Confirmed);
    let message = RwSignal::new(String::new());
    let date = RwSignal::new(date_input(span_date));
    let time = RwSignal::new(span_start.get(..5).unwrap_or("09:00").to_string());
    let duration = RwSignal::new(current_minutes.to_string());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let proposing = action == SessionAction::ProposeNewTime;
    let start_invalid = move || {
        errors.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.field_message("new_start").is_some())
        })
    };

    let (title, text, confirm, danger) = match action {
        SessionAction::Decline => (
            "Decline this session?",
            format!("{other_name} will see that you declined, with your message if you add one."),
            "Decline session",
            true,
        ),
        SessionAction::Cancel => (
            "Cancel this session?",
            format!("The time is freed and {other_name} is told, with your message if you add one."),
            "Cancel session",
            true,
        ),
        SessionAction::MarkNoShow => (
            "Mark as a no-show?",
            format!("Record that {other_name} did not come to this session. This cannot be undone."),
            "Mark no-show",
            true,
        ),
        _ if confirmed => (
            "Propose a new time",
            format!("{other_name} can accept the new time or keep the current one. Times are on your clock."),
            "Send proposal",
            false,
        ),
        _ => (
            "Propose a different time",
            format!("{other_name} can accept or decline the session at the new time. Times are on your clock."),
            "Send proposal",
            false,
        ),
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let mut req = action_request(ctx, action);
                req.message = message.get_untracked();
                if proposing {
                    let day = parse_date(&date.get_untracked())
                        .ok_or_else(|| ApiError::field("new_start", "Choose a date."))?;
                    let clock = time.get_untracked();
                    if parse_clock(&clock).is_none() {
                        return Err(ApiError::field("new_start", "Choose a start time."));
                    }
                    req.new_start = Some(WallTime {
                        date: day,
                        time: clock,
                    });
                    let minutes = duration.get_untracked().parse::<u16>().ok();
                    req.new_duration_minutes = minutes.filter(|m| *m != current_minutes);
                }
                Ok(api::sessions_act(req))
            },
            move |detail| {
                ctx.set(detail);
                state.toast(done_text(action));
                on_close.run(());
            },
        );
    };

    let mut lengths = SESSION_LENGTHS.to_vec();
    if !lengths.contains(&current_minutes) {
        lengths.push(current_minutes);
        lengths.sort_unstable();
    }

    view! {
        <Modal title=title on_close=on_close wide=proposing>
            <form class="form" on:submit=submit novalidate>
                <p class="dialog-message">{text}</p>
                <FormError
                    errors=errors
                    shown=vec!["message", "new_start", "new_duration_minutes"]
                    id="action-dialog-error"
                />
                {proposing.then(|| view! {
                    <div class="field-row field-row-3">
                        <div class="field" class:has-error=start_invalid>
                            <label for="propose-date">"Date"</label>
                            <input type="date" id="propose-date" bind:value=date />
                        </div>
                        <div class="field" class:has-error=start_invalid>
                            <label for="propose-time">"Start"</label>
                            <input type="time" id="propose-time" bind:value=time />
                        </div>
                        <div class="field">
                            <label for="propose-duration">"Length"</label>
                            <select id="propose-duration" bind:value=duration>
                                {lengths
                                    .iter()
                                    .map(|m| {
                                        let value = m.to_string();
                                        let selected = *m == current_minutes;
                                        view! { <option value=value selected=selected>{duration_label(*m)}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    </div>
                    <FieldError errors=errors field="new_start" />
                    <FieldError errors=errors field="new_duration_minutes" />
                    {(my_role == SessionRole::Mentee).then(|| view! {
                        <ProposeSlots ctx=ctx duration=duration date=date time=time />
                    })}
                })}
                <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("message").is_some()))>
                    <label for="action-message">{format!("Message to {other_name}")}</label>
                    <textarea
                        id="action-message"
                        rows="3"
                        placeholder="Optional"
                        bind:value=message
                    ></textarea>
                    <span class="counter" class:over=move || { message.with(|m| m.chars().count()) > MESSAGE_MAX }>
                        {move || format!("{}/{}", message.with(|m| m.chars().count()), MESSAGE_MAX)}
                    </span>
                    <FieldError errors=errors field="message" />
                </div>
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="action-dismiss" on:click=move |_| on_close.run(())>
                        "Back"
                    </button>
                    <button
                        type="submit"
                        class=if danger { "button button-danger" } else { "button button-primary" }
                        id="action-confirm"
                        disabled=move || busy.get()
                    >
                        {move || if busy.get() { "Sending…" } else { confirm }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
