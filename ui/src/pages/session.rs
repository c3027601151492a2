//! One session: its time on both clocks, the people, what the viewer may do now, the agenda and
//! meeting link, notes, action items, the mentor's notes, ratings and the history.
//!
//! Every change answers with the whole [`SessionDetail`], which replaces the page's copy; each
//! section watches only its own part, so an edit open in one section survives a change in another.
//!
//! Element ids (the sections' own ids are listed in their modules):
//! - `session-back`, `session-message` (opens the conversation with the other participant),
//!   `export-ics`, `session-title`, `session-status` (badge, `data-status`),
//!   `session-time`, `session-other-time`, `session-mentor`, `session-mentee` (people,
//!   `data-user-id`), `session-load-error`
//! - editable texts `<prefix>-text`, `<prefix>-edit`, `<prefix>-input`, `<prefix>-save`,
//!   `<prefix>-cancel` for the prefixes `agenda`, `meeting-link` and `mentor-notes`; their errors
//!   `error-agenda`, `error-meeting_link`, `error-mentor_notes`
//! - history: `li.history-event` with `data-action` and `data-to-status`
//! - actions and the proposal banner: see `session/actions.rs`; notes: `session/notes.rs`;
//!   action items: `session/action_items.rs`; mentor's notes and ratings: `session/feedback.rs`

mod action_items;
mod actions;
mod feedback;
mod notes;

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::calendar_export::{CalendarExport, ExportButton};
use crate::components::forms::{FieldError, FormError};
use crate::components::icon::Icon;
use crate::components::layout::Loading;
use crate::schedule::{
    duration_label, history_verb, long_date, role_label, span_text, span_times, status_class,
    status_label, zone_label,
};
use crate::state::{use_app, Page};
use crate::util::format_datetime;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::SessionId;
use mentordesk_shared::sessions::{
    PersonBrief, SessionDetail, SessionEdit, SessionEvent, SessionRef, SessionRole,
};
use mentordesk_shared::ApiError;

/// The page's copy of the session, shared by its sections.
#[derive(Clone, Copy)]
struct SessionCtx {
    id: SessionId,
    detail: RwSignal<Option<SessionDetail>>,
}

impl SessionCtx {
    /// A part of the session that re-renders only when that part changes.
    fn part<T>(&self, read: impl Fn(&SessionDetail) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: Clone + PartialEq + Default + Send + Sync + 'static,
    {
        let detail = self.detail;
        Memo::new(move |_| detail.with(|d| d.as_ref().map(&read).unwrap_or_default()))
    }

    fn set(&self, detail: SessionDetail) {
        self.detail.set(Some(detail));
    }

    fn my_role(&self) -> Memo<Option<SessionRole>> {
        self.part(|d| Some(d.my_role))
    }
}

/// A text of the session that a participant edits in place (agenda, meeting link, mentor's
/// notes), saved through `sessions_edit`.
#[component]
fn EditableText(
    ctx: SessionCtx,
    /// The prefix of the element ids.
    id: &'static str,
    /// The field of `sessions_edit` errors.
    field: &'static str,
    value: Memo<String>,
    #[prop(into)] editable: Signal<bool>,
    empty_text: &'static str,
    make: fn(SessionId, String) -> SessionEdit,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] limit: Option<usize>,
    /// The toast after a save.
    saved_text: &'static str,
) -> impl IntoView {
    let state = use_app();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let start = move |_| {
        draft.set(value.get_untracked());
        errors.set(None);
        editing.set(true);
    };
    let save = move |_| {
        let req = make(ctx.id, draft.get_untracked());
        crate::components::forms::send_request(
            busy,
            errors,
            move || Ok(api::sessions_edit(req)),
            move |detail| {
                ctx.set(detail);
                editing.set(false);
                state.toast(saved_text);
            },
        );
    };
    let count = move || draft.with(|d| d.chars().count());

    let shown = move || {
        let text = value.get();
        if text.trim().is_empty() {
            view! { <p class="muted editable-empty" id=format!("{id}-text")>{empty_text}</p> }
                .into_any()
        } else if multiline {
            view! { <p class="prose selectable" id=format!("{id}-text")>{text}</p> }.into_any()
        } else {
            view! { <p class="selectable editable-line" id=format!("{id}-text")>{text}</p> }
                .into_any()
        }
    };

    view! {
        <div class="editable" class:editing=move || editing.get()>
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <div class="editable-view">
                        {shown}
                        <Show when=move || editable.get()>
                            <button type="button" class="button button-ghost button-sm" id=format!("{id}-edit") on:click=start>
                                "Edit"
                            </button>
                        </Show>
                    </div>
                }
            >
                <div class="field" class:has-error=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))>
                    {if multiline {
                        view! {
                            <textarea id=format!("{id}-input") rows="5" placeholder=placeholder bind:value=draft></textarea>
                        }
                        .into_any()
                    } else {
                        view! {
                            <input type="text" id=format!("{id}-input") placeholder=placeholder bind:value=draft />
                        }
                        .into_any()
                    }}
                    {limit.map(|limit| view! {
                        <span class="counter" class:over=move || { count() > limit }>
                            {move || format!("{}/{}", count(), limit)}
                        </span>
                    })}
                    <FieldError errors=errors field=field />
                    <FormError errors=errors shown=vec![field] />
                </div>
                <div class="inline-actions">
                    <button type="button" class="button button-primary button-sm" id=format!("{id}-save") disabled=move || busy.get() on:click=save>
                        {move || if busy.get() { "Saving…" } else { "Save" }}
                    </button>
                    <button type="button" class="button button-ghost button-sm" id=format!("{id}-cancel") on:click=move |_| editing.set(false)>
                        "Cancel"
                    </button>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn PersonLine(person: PersonBrief, role: SessionRole, id: &'static str) -> impl IntoView {
    let state = use_app();
    let user_id = person.user_id;
    let zone = zone_label(&person.time_zone);
    view! {
        <button
            type="button"
            class="session-person"
            id=id
            data-user-id=user_id.to_string()
            on:click=move |_| state.go(Page::Person(user_id))
        >
            <Avatar name=person.name.clone() photo=person.photo.clone() size="md" />
            <span class="session-person-text">
                <strong>{person.name.clone()}</strong>
                <span class="muted small">
                    {role_label(role)}
                    {(!zone.is_empty()).then(|| format!(" · {zone}"))}
                </span>
            </span>
        </button>
    }
}

fn hero(detail: &SessionDetail) -> impl IntoView {
    let other = match detail.my_role {
        SessionRole::Mentor => &detail.mentee,
        SessionRole::Mentee => &detail.mentor,
    };
    let first_name = other
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&other.name)
        .to_string();
    let same_clock = detail.other_span.date == detail.span.date
        && detail.other_span.start == detail.span.start
        && detail.other_span.zone_abbreviation == detail.span.zone_abbreviation;
    let other_time = if same_clock {
        format!("{first_name}'s time: the same as yours")
    } else {
        format!("{first_name}'s time: {}", span_text(&detail.other_span))
    };
    let when = format!(
        "{} · {} {} · {}",
        long_date(detail.span.date),
        span_times(&detail.span),
        detail.span.zone_abbreviation,
        duration_label(detail.duration_minutes)
    );
    view! {
        <section class="card session-hero">
            <div class="session-hero-main">
                <p class="eyebrow">"Mentoring session"</p>
                <div class="session-title-row">
                    <h1 id="session-title">{detail.title.clone()}</h1>
                    <span class=status_class(detail.status) id="session-status" data-status=detail.status.key()>
                        {status_label(detail.status)}
                    </span>
                </div>
                <p class="session-when" id="session-time">
                    <Icon name="clock" />
                    <span>{when}</span>
                </p>
                <p class="muted small" id="session-other-time">{other_time}</p>
            </div>
            <div class="session-people">
                <PersonLine person=detail.mentor.clone() role=SessionRole::Mentor id="session-mentor" />
                <PersonLine person=detail.mentee.clone() role=SessionRole::Mentee id="session-mentee" />
            </div>
        </section>
    }
}

fn history_item(event: SessionEvent) -> impl IntoView {
    let verb = history_verb(&event.action, event.to_status);
    let change = match event.from_status {
        Some(from) if from != event.to_status => Some(format!(
            "{} → {}",
            status_label(from),
            status_label(event.to_status)
        )),
        _ => None,
    };
    view! {
        <li class="history-event" data-action=event.action.clone() data-to-status=event.to_status.key()>
            <span class="history-dot" aria-hidden="true"></span>
            <div class="history-body">
                <p>
                    <strong>{event.actor_name.clone()}</strong>
                    {format!(" {verb}")}
                    {event.span.as_ref().map(|s| view! { <span class="history-span">{format!(" · {}", span_text(s))}</span> })}
                </p>
                {(!event.message.trim().is_empty()).then(|| view! {
                    <p class="history-message">{format!("“{}”", event.message.trim())}</p>
                })}
                <p class="muted small">
                    {format_datetime(event.at)}
                    {change.map(|c| format!(" · {c}"))}
                </p>
            </div>
        </li>
    }
}

#[component]
fn HistoryCard(ctx: SessionCtx) -> impl IntoView {
    let history = ctx.part(|d| d.history.clone());
    view! {
        <section class="card session-history">
            <h2>"History"</h2>
            {move || {
                let mut events = history.get();
                if events.is_empty() {
                    return view! { <p class="muted">"Nothing has happened yet."</p> }.into_any();
                }
                events.sort_by_key(|e| std::cmp::Reverse(e.at));
                view! {
                    <ol class="history-list">
                        {events.into_iter().map(history_item).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
pub fn SessionPage(session_id: SessionId) -> impl IntoView {
    let state = use_app();
    let ctx = SessionCtx {
        id: session_id,
        detail: RwSignal::new(None),
    };
    let load_error = RwSignal::new(None::<ApiError>);
    spawn_local(async move {
        match api::sessions_get(SessionRef { session_id }).await {
            Ok(detail) => ctx.set(detail),
            Err(err) => load_error.set(Some(err)),
        }
    });

    let loaded = Memo::new(move |_| ctx.detail.with(Option::is_some));
    let my_role = ctx.my_role();
    let is_mentor = Signal::derive(move || my_role.get() == Some(SessionRole::Mentor));
    let agenda = ctx.part(|d| d.agenda.clone());
    let link = ctx.part(|d| d.meeting_link.clone());
    let created = ctx.part(|d| Some(d.created_at));

    let back = state.back.get_value();
    let (back_page, back_label) = match back {
        Page::Home => (Page::Home, "Back to home"),
        Page::Availability => (Page::Availability, "Back to availability"),
        Page::Notifications => (Page::Notifications, "Back to notifications"),
        _ => (Page::Sessions, "All sessions"),
    };
    // The other participant, for "Message".
    let other = ctx.part(|d| {
        Some(match d.my_role {
            SessionRole::Mentor => d.mentee.clone(),
            SessionRole::Mentee => d.mentor.clone(),
        })
    });
    let message_error = RwSignal::new(None::<String>);
    let message = move |_| {
        let Some(person) = other.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let target = mentordesk_shared::profiles::UserTarget {
                user_id: person.user_id,
            };
            match api::conversations_open_direct(target).await {
                Ok(c) => state.go(Page::Messages(Some(c.id))),
                Err(err) => message_error.set(Some(err.message)),
            }
        });
    };

    view! {
        <div class="page session-page">
            <div class="page-toolbar">
                <button type="button" class="button button-ghost" id="session-back" on:click=move |_| state.go(back_page)>
                    <Icon name="arrow-left" />
                    <span>{back_label}</span>
                </button>
                <div class="spacer"></div>
                {move || message_error.get().map(|m| view! { <span class="inline-error">{m}</span> })}
                {move || other.get().map(|person| view! {
                    <button type="button" class="button button-secondary" id="session-message" on:click=message>
                        <Icon name="message" />
                        <span>{format!("Message {}", person.name.split_whitespace().next().unwrap_or_default())}</span>
                    </button>
                })}
                <ExportButton what=CalendarExport::Session(session_id) id="export-ics" />
            </div>
            {move || load_error.get().map(|err| view! {
                <div class="form-error" id="session-load-error">{err.message}</div>
            })}
            <Show when=move || loaded.get() fallback=move || view! {
                <Show when=move || load_error.with(Option::is_none)><Loading label="Opening the session…" /></Show>
            }>
                {move || ctx.detail.get().map(|d| hero(&d))}
                <actions::SessionActions ctx=ctx />
                <div class="session-columns">
                    <div class="stack">
                        <section class="card">
                            <h2>"Agenda"</h2>
                            <EditableText
                                ctx=ctx
                                id="agenda"
                                field="agenda"
                                value=agenda
                                editable=true
                                multiline=true
                                empty_text="No agenda yet. Add what you'd like to cover."
                                placeholder="Topics, questions, goals for this session"
                                limit=mentordesk_shared::sessions::AGENDA_MAX
                                saved_text="Agenda saved"
                                make=|session_id, text| SessionEdit {
                                    session_id,
                                    meeting_link: None,
                                    agenda: Some(text),
                                    mentor_notes: None,
                                }
                            />
                        </section>
                        <notes::NotesCard ctx=ctx />
                        <action_items::ActionItemsCard ctx=ctx />
                    </div>
                    <div class="stack">
                        <section class="card">
                            <h2>"Meeting link"</h2>
                            <EditableText
                                ctx=ctx
                                id="meeting-link"
                                field="meeting_link"
                                value=link
                                editable=true
                                empty_text="No meeting link yet."
                                placeholder="https://"
                                saved_text="Meeting link saved"
                                make=|session_id, text| SessionEdit {
                                    session_id,
                                    meeting_link: Some(text),
                                    agenda: None,
                                    mentor_notes: None,
                                }
                            />
                            {move || created.get().map(|at| view! {
                                <p class="muted small session-created">{format!("Created {}", format_datetime(at))}</p>
                            })}
                        </section>
                        <feedback::MentorNotesCard ctx=ctx is_mentor=is_mentor />
                        <feedback::RatingsCard ctx=ctx />
                        <HistoryCard ctx=ctx />
                    </div>
                </div>
            </Show>
        </div>
    }
}
