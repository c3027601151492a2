//! Sessions: mine as mentor and mentee, by upcoming / past / all, with filters; mentors can
//! propose a session to a mentee, and everyone can export their calendar.
//!
//! Element ids:
//! - tabs `tab-upcoming`, `tab-past`, `tab-all`
//! - filters: `status-filter-<requested|proposed|confirmed|declined|cancelled|completed|no_show>`
//!   (toggle chips, `aria-pressed`), `sessions-from`, `sessions-to`, `sessions-role`
//!   (`""` both | `mentor` | `mentee`), `sessions-clear`
//! - `propose-session` (opens the dialog), `export-all`
//! - rows: `li.session-row` with `data-session-id`, `data-status`, `data-awaiting`; inside,
//!   `.session-status-badge`, `.awaiting-marker` ("Awaiting your answer"), `.proposal-marker`
//! - `sessions-empty`
//! - the propose dialog: `new-session-mentee` (people search, suggestions
//!   `li.person-option[data-user-id]`), `new-session-mentee-chosen` (the picked mentee, with
//!   `new-session-mentee-change`), `new-session-date`, `new-session-time`,
//!   `new-session-duration`, `new-session-title`, `new-session-agenda`, `new-session-link`,
//!   `new-session-submit`, `new-session-cancel`, `new-session-error`; field errors
//!   `error-<mentee_id|start|duration_minutes|title|agenda|meeting_link>`

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::calendar_export::{CalendarExport, ExportButton};
use crate::components::dialog::Modal;
use crate::components::forms::{send_request, FieldError, FormError, TextArea, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::components::people_picker::PeoplePicker;
use crate::components::tabs::Tabs;
use crate::schedule::{
    date_input, day_heading, duration_label, parse_clock, parse_date, role_label, span_times,
    status_class, status_label, today, SESSION_LENGTHS,
};
use crate::state::{use_app, Page};
use leptos::prelude::*;
use mentordesk_shared::access::Permission;
use mentordesk_shared::scheduling::SessionStatus;
use mentordesk_shared::sessions::{
    PersonBrief, SessionDetail, SessionFilter, SessionProposal, SessionRole, SessionScope,
    SessionSummary, WallTime, AGENDA_MAX,
};
use mentordesk_shared::ApiError;

const TABS: [(SessionScope, &str, &str); 3] = [
    (SessionScope::Upcoming, "Upcoming", "tab-upcoming"),
    (SessionScope::Past, "Past", "tab-past"),
    (SessionScope::All, "All", "tab-all"),
];

/// One row of a session list; shared with the home page's "Next sessions". Under a day heading
/// (`show_date` false) the row leads with the start time instead of the date.
#[component]
pub fn SessionRow(session: SessionSummary, #[prop(optional)] show_date: bool) -> impl IntoView {
    let state = use_app();
    let id = session.session_id;
    let open = move || state.go(Page::Session(id));
    let with = session.with.clone();
    let role = match session.my_role {
        SessionRole::Mentor => "you're the mentor",
        SessionRole::Mentee => "you're the mentee",
    };
    let date = session.span.date;
    let lead = if show_date {
        view! {
            <div class="session-date">
                <span class="session-day">{date.format("%a").to_string()}</span>
                <span class="session-daynum">{date.format("%-d").to_string()}</span>
                <span class="session-month">{date.format("%b").to_string()}</span>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="session-date session-clock">
                <span class="session-start">{session.span.start.clone()}</span>
                <span class="session-month">{session.span.zone_abbreviation.clone()}</span>
            </div>
        }
        .into_any()
    };
    view! {
        <li
            class="session-row"
            class:awaiting=session.awaiting_me
            data-session-id=id.to_string()
            data-status=session.status.key()
            data-awaiting=if session.awaiting_me { "true" } else { "false" }
            tabindex="0"
            role="button"
            on:click=move |_| open()
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    open();
                }
            }
        >
            {lead}
            <div class="session-main">
                <div class="session-title-line">
                    <strong class="session-title">{session.title.clone()}</strong>
                    {session.awaiting_me.then(|| view! {
                        <span class="awaiting-marker">"Awaiting your answer"</span>
                    })}
                    {(session.has_pending_proposal && !session.awaiting_me).then(|| view! {
                        <span class="proposal-marker">"New time proposed"</span>
                    })}
                </div>
                <div class="session-meta muted small">
                    <span class="nowrap">
                        <Icon name="clock" />
                        {format!(
                            " {} {} · {}",
                            span_times(&session.span),
                            session.span.zone_abbreviation,
                            duration_label(session.duration_minutes)
                        )}
                    </span>
                    <span class="session-with">
                        <Avatar name=with.name.clone() photo=with.photo.clone() size="xs" />
                        {format!("with {}", with.name)}
                        <span class="faint">{format!(" · {role}")}</span>
                    </span>
                </div>
            </div>
            <span class=format!("{} session-status-badge", status_class(session.status)) data-status=session.status.key()>
                {status_label(session.status)}
            </span>
        </li>
    }
}

/// A mentor offers a session to a mentee.
#[component]
fn ProposeSessionDialog(on_close: Callback<()>) -> impl IntoView {
    let state = use_app();
    let mentee = RwSignal::new(None::<PersonBrief>);
    let date = RwSignal::new(date_input(today() + chrono::Duration::days(1)));
    let time = RwSignal::new("10:00".to_string());
    let duration = RwSignal::new("60".to_string());
    let title = RwSignal::new(String::new());
    let agenda = RwSignal::new(String::new());
    let link = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let mut problems = mentordesk_shared::error::FieldErrors::new();
                let mentee_id = mentee.get_untracked().map(|m| m.user_id);
                if mentee_id.is_none() {
                    problems.add("mentee_id", "Choose the mentee.");
                }
                let day = parse_date(&date.get_untracked());
                if day.is_none() {
                    problems.add("start", "Choose a date.");
                }
                if parse_clock(&time.get_untracked()).is_none() {
                    problems.add("start", "Choose a start time.");
                }
                if title.with_untracked(|t| t.trim().is_empty()) {
                    problems.add("title", "Give the session a short title.");
                }
                problems.into_result()?;
                let (Some(mentee_id), Some(day)) = (mentee_id, day) else {
                    return Err(ApiError::field("start", "Choose a date."));
                };
                Ok(api::sessions_propose(SessionProposal {
                    mentee_id,
                    start: WallTime {
                        date: day,
                        time: time.get_untracked(),
                    },
                    duration_minutes: duration.get_untracked().parse().unwrap_or(60),
                    title: title.get_untracked(),
                    agenda: agenda.get_untracked(),
                    meeting_link: link.get_untracked(),
                }))
            },
            move |detail: SessionDetail| {
                state.toast(format!("Session proposed to {}", detail.mentee.name));
                state.go(Page::Session(detail.session_id));
            },
        );
    };

    let mentee_field = move || {
        match mentee.get() {
        Some(person) => view! {
            <div class="picked-person" id="new-session-mentee-chosen" data-user-id=person.user_id.to_string()>
                <Avatar name=person.name.clone() photo=person.photo.clone() size="sm" />
                <strong>{person.name.clone()}</strong>
                <button type="button" class="link-button small" id="new-session-mentee-change" on:click=move |_| mentee.set(None)>
                    "Change"
                </button>
            </div>
        }
        .into_any(),
        None => view! {
            <PeoplePicker
                id="new-session-mentee"
                role="mentee"
                placeholder="Search mentees by name"
                exclude=Signal::derive(Vec::new)
                invalid=invalid("mentee_id")
                on_pick=Callback::new(move |person| mentee.set(Some(person)))
            />
        }
        .into_any(),
    }
    };

    view! {
        <Modal title="Propose a session" on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <p class="muted">"The mentee gets the proposal and can accept or decline it. Times are on your clock."</p>
                <FormError
                    errors=errors
                    shown=vec!["mentee_id", "start", "duration_minutes", "title", "agenda", "meeting_link"]
                    id="new-session-error"
                />
                <div class="field">
                    <label for="new-session-mentee">"Mentee"</label>
                    {mentee_field}
                    <FieldError errors=errors field="mentee_id" />
                </div>
                <div class="field-row field-row-3">
                    <div class="field" class:has-error=invalid("start")>
                        <label for="new-session-date">"Date"</label>
                        <input type="date" id="new-session-date" bind:value=date />
                    </div>
                    <div class="field" class:has-error=invalid("start")>
                        <label for="new-session-time">"Start"</label>
                        <input type="time" id="new-session-time" bind:value=time />
                    </div>
                    <div class="field" class:has-error=invalid("duration_minutes")>
                        <label for="new-session-duration">"Length"</label>
                        <select id="new-session-duration" bind:value=duration>
                            {SESSION_LENGTHS
                                .iter()
                                .map(|m| {
                                    let value = m.to_string();
                                    let selected = value == "60";
                                    view! { <option value=value selected=selected>{duration_label(*m)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <FieldError errors=errors field="start" />
                <FieldError errors=errors field="duration_minutes" />
                <TextField label="Title" id="new-session-title" field="title" value=title errors=errors required=true />
                <TextArea
                    label="Agenda"
                    id="new-session-agenda"
                    field="agenda"
                    value=agenda
                    errors=errors
                    limit=AGENDA_MAX
                    rows=3
                    placeholder="What you'd like to cover together."
                />
                <TextField
                    label="Meeting link"
                    id="new-session-link"
                    field="meeting_link"
                    value=link
                    errors=errors
                    placeholder="https://"
                    hint="Optional. You can add it later."
                />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="new-session-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" id="new-session-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Sending…" } else { "Send proposal" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let state = use_app();
    let scope = RwSignal::new(SessionScope::Upcoming);
    let statuses = RwSignal::new(Vec::<SessionStatus>::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let proposing = RwSignal::new(false);

    let sessions = LocalResource::new(move || {
        state.revision.track();
        let role = match role.get().as_str() {
            "mentor" => Some(SessionRole::Mentor),
            "mentee" => Some(SessionRole::Mentee),
            _ => None,
        };
        api::sessions_list(SessionFilter {
            scope: scope.get(),
            statuses: statuses.get(),
            from: parse_date(&from.get()),
            to: parse_date(&to.get()),
            role,
            limit: None,
        })
    });

    let filtered = move || {
        !statuses.with(Vec::is_empty)
            || !from.with(String::is_empty)
            || !to.with(String::is_empty)
            || !role.with(String::is_empty)
    };
    let clear = move || {
        statuses.set(Vec::new());
        from.set(String::new());
        to.set(String::new());
        role.set(String::new());
    };
    let toggle = move |status: SessionStatus| {
        statuses.update(|list| {
            if let Some(at) = list.iter().position(|s| *s == status) {
                list.remove(at);
            } else {
                list.push(status);
            }
        })
    };

    let list = move || match sessions.get() {
        None => view! { <Loading label="Loading sessions…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(list)) if list.sessions.is_empty() => {
            let (title, text) = if filtered() {
                (
                    "No sessions match these filters",
                    "Try other statuses or a wider date range.",
                )
            } else {
                match scope.get_untracked() {
                    SessionScope::Upcoming => (
                        "No upcoming sessions",
                        "Sessions you request, or that mentors propose to you, appear here.",
                    ),
                    SessionScope::Past => (
                        "No past sessions yet",
                        "Sessions move here once they have ended.",
                    ),
                    SessionScope::All => (
                        "No sessions yet",
                        "Book a session from a mentor's profile to get started.",
                    ),
                }
            };
            view! {
                <div id="sessions-empty">
                    <EmptyState title=title text=text>
                        {filtered().then(|| view! {
                            <button type="button" class="button button-secondary" on:click=move |_| clear()>
                                "Clear filters"
                            </button>
                        })}
                        {(!filtered() && state.can(Permission::DirectoryView)).then(|| view! {
                            <button type="button" class="button button-secondary" on:click=move |_| state.go(Page::Directory)>
                                "Find a mentor"
                            </button>
                        })}
                    </EmptyState>
                </div>
            }
            .into_any()
        }
        Some(Ok(list)) => {
            // Group rows under a heading per day, as they come (soonest or latest first).
            let mut groups: Vec<(chrono::NaiveDate, Vec<SessionSummary>)> = Vec::new();
            for s in list.sessions {
                match groups.last_mut() {
                    Some((date, rows)) if *date == s.span.date => rows.push(s),
                    _ => groups.push((s.span.date, vec![s])),
                }
            }
            let zone = list.viewer_zone.replace('_', " ");
            view! {
                <p class="muted small result-count">{format!("Times in {zone}")}</p>
                <div class="card session-list-card">
                    {groups
                        .into_iter()
                        .map(|(date, rows)| view! {
                            <div class="session-group">
                                <h3 class="session-group-heading">{day_heading(date)}{date.format(" %Y").to_string()}</h3>
                                <ul class="session-list">
                                    {rows.into_iter().map(|s| view! { <SessionRow session=s /> }).collect_view()}
                                </ul>
                            </div>
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
    };

    view! {
        <div class="page sessions">
            <PageHeader title="Sessions" subtitle="Your mentoring sessions, whichever side of the table you're on.">
                <ExportButton what=CalendarExport::All id="export-all" label="Export all (.ics)" />
                <Show when=move || state.can(Permission::SessionsPropose)>
                    <button type="button" class="button button-primary" id="propose-session" on:click=move |_| proposing.set(true)>
                        <Icon name="plus" />
                        <span>"Propose a session"</span>
                    </button>
                </Show>
            </PageHeader>
            <Tabs current=scope tabs=&TABS />
            <div class="card filters session-filters">
                <div class="chips chip-toggles" role="group" aria-label="Status">
                    {SessionStatus::ALL
                        .iter()
                        .map(|&status| {
                            let on = move || statuses.with(|s| s.contains(&status));
                            view! {
                                <button
                                    type="button"
                                    class="chip-toggle"
                                    class:on=on
                                    id=format!("status-filter-{}", status.key())
                                    aria-pressed=move || if on() { "true" } else { "false" }
                                    on:click=move |_| toggle(status)
                                >
                                    {status_label(status)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="filter-row">
                    <label class="inline-field">
                        <span>"From"</span>
                        <input type="date" id="sessions-from" bind:value=from />
                    </label>
                    <label class="inline-field">
                        <span>"To"</span>
                        <input type="date" id="sessions-to" bind:value=to />
                    </label>
                    <select id="sessions-role" aria-label="Role" bind:value=role>
                        <option value="">"As mentor or mentee"</option>
                        <option value="mentor">{format!("As {}", role_label(SessionRole::Mentor).to_lowercase())}</option>
                        <option value="mentee">{format!("As {}", role_label(SessionRole::Mentee).to_lowercase())}</option>
                    </select>
                    <Show when=filtered>
                        <button type="button" class="button button-ghost button-sm" id="sessions-clear" on:click=move |_| clear()>
                            "Clear filters"
                        </button>
                    </Show>
                </div>
            </div>
            {list}
            <Show when=move || proposing.get()>
                <ProposeSessionDialog on_close=Callback::new(move |_| proposing.set(false)) />
            </Show>
        </div>
    }
}
