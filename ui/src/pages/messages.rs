//! Messages: conversations on the left (unread counts, search across one's own messages),
//! the open conversation on the right. A conversation opens on its newest 50 messages and
//! fetches older pages as one scrolls up, keeping the view where it was; new messages
//! arrive live and are marked read while the conversation is open.
//!
//! Element ids: `message-search` (results `li.search-hit[data-conversation-id]` with
//! `mark` around matches, `search-empty`, `error-query`); `new-group-conversation` (dialog:
//! `group-conversation-title`, `group-conversation-members`, `group-conversation-submit`,
//! `error-title`, `error-members`); list `li.conversation-item[data-conversation-id]
//! [data-unread]` with `.conversation-unread`; `conversations-empty`; the open
//! conversation `conversation-title`, `message-history` (`article.message[data-message-id]
//! [data-mine]` with `.message-body`, `.message-edit`, `.message-delete`, `.message-deleted`,
//! edit box `.message-edit-body` + `.message-edit-save`), `message-older` (while older
//! pages load), `message-body` (the composer; Enter sends, Shift+Enter breaks the line),
//! `message-send`, `error-body`, `conversation-placeholder`.

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::forms::{FieldError, FormError, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading};
use crate::components::people_picker::{PeoplePicker, PersonChip};
use crate::state::{use_app, Page};
use crate::util::relative_time;
use chrono::{DateTime, Local, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::conversations::{
    ConversationKind, ConversationSummary, ConversationTarget, EditMessage, Message, MessageHit,
    MessageQuery, MessageSearch, MessageTarget, NewGroupConversation, NotificationKind,
    SendMessage, Subject,
};
use mentordesk_shared::ids::ConversationId;
use mentordesk_shared::sessions::PersonBrief;
use mentordesk_shared::ApiError;

/// Messages per page (the backend's default page).
const PAGE: u16 = 50;
/// The longest message (seed 004).
const MAX_BODY: usize = 2000;
/// How close to the top (px) scrolling starts fetching the page before.
const LOAD_OLDER_AT: i32 = 240;

#[component]
pub fn MessagesPage(open: Option<ConversationId>) -> impl IntoView {
    let state = use_app();
    let version = RwSignal::new(0u32);
    let query = RwSignal::new(String::new());
    let creating = RwSignal::new(false);
    let conversations = LocalResource::new(move || {
        version.track();
        state.announced.track();
        api::conversations_list()
    });
    // Keep the badge in step with the list.
    Effect::new(move |_| {
        if let Some(Ok(list)) = conversations.get() {
            state.unread_messages.set(list.unread_total);
        }
    });

    let list = move || {
        let list = match conversations.get() {
            None => return view! { <Loading /> }.into_any(),
            Some(Err(err)) => {
                return view! { <div class="form-error">{err.message}</div> }.into_any()
            }
            Some(Ok(list)) => list,
        };
        if list.conversations.is_empty() {
            return view! {
                <div class="conversations-empty" id="conversations-empty">
                    <p class="muted">"No conversations yet. Message a connection, your mentor or mentee from their profile."</p>
                    <button type="button" class="button button-secondary button-sm" on:click=move |_| state.go(Page::Connections)>
                        "Your connections"
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <ul class="conversation-list">
                {list
                    .conversations
                    .into_iter()
                    .map(|c| conversation_item(c, open))
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <div class="page messages-page">
            <aside class="conversations-pane" aria-label="Conversations">
                <div class="conversations-head">
                    <h1>"Messages"</h1>
                    <button
                        type="button"
                        id="new-group-conversation"
                        class="button button-ghost button-sm"
                        title="New group conversation"
                        on:click=move |_| creating.set(true)
                    >
                        <Icon name="plus" />
                        <span>"Group"</span>
                    </button>
                </div>
                <div class="search-box">
                    <Icon name="search" />
                    <input
                        id="message-search"
                        type="search"
                        placeholder="Search your messages"
                        aria-label="Search your messages"
                        bind:value=query
                    />
                </div>
                {move || {
                    if query.with(|q| q.trim().is_empty()) {
                        list().into_any()
                    } else {
                        view! { <SearchResults query=query /> }.into_any()
                    }
                }}
            </aside>
            <section class="conversation-pane">
                {match open {
                    Some(id) => view! { <ConversationView id=id on_change=Callback::new(move |_| version.update(|v| *v += 1)) /> }.into_any(),
                    None => view! {
                        <div class="conversation-placeholder" id="conversation-placeholder">
                            <EmptyState
                                title="Pick a conversation"
                                text="Choose one on the left, or start one from a connection's profile."
                            />
                        </div>
                    }
                    .into_any(),
                }}
            </section>
            <Show when=move || creating.get()>
                <NewGroupDialog on_close=Callback::new(move |_| creating.set(false)) />
            </Show>
        </div>
    }
}

fn conversation_item(c: ConversationSummary, open: Option<ConversationId>) -> impl IntoView {
    let state = use_app();
    let id = c.id;
    let avatar = match c.kind {
        ConversationKind::Direct => {
            let other = c.members.first().cloned();
            view! { <Avatar name=c.title.clone() photo=other.and_then(|o| o.photo) size="md" /> }
                .into_any()
        }
        ConversationKind::Group => view! {
            <span class="group-avatar" aria-hidden="true"><Icon name="users" /></span>
        }
        .into_any(),
    };
    view! {
        <li
            class="conversation-item"
            class:active=open == Some(id)
            class:unread={c.unread > 0}
            data-conversation-id=id.to_string()
            data-unread=c.unread.to_string()
        >
            <button type="button" on:click=move |_| state.go(Page::Messages(Some(id)))>
                {avatar}
                <span class="conversation-text">
                    <span class="conversation-line">
                        <strong class="conversation-name">{c.title.clone()}</strong>
                        <span class="muted small">{c.last_message_at.map(relative_time).unwrap_or_default()}</span>
                    </span>
                    <span class="conversation-line">
                        <span class="conversation-last muted">
                            {c.last_message.clone().unwrap_or_else(|| "No messages yet".into())}
                        </span>
                        {(c.unread > 0).then(|| view! {
                            <span class="conversation-unread" aria-label=format!("{} unread", c.unread)>{c.unread}</span>
                        })}
                    </span>
                </span>
            </button>
        </li>
    }
}

/// The snippet with `[`…`]` marks as highlighted text.
fn snippet_view(snippet: &str) -> impl IntoView {
    let mut parts = Vec::new();
    let mut rest = snippet;
    while let Some(start) = rest.find('[') {
        let Some(len) = rest[start..].find(']') else {
            break;
        };
        parts.push((rest[..start].to_string(), false));
        parts.push((rest[start + 1..start + len].to_string(), true));
        rest = &rest[start + len + 1..];
    }
    parts.push((rest.to_string(), false));
    parts
        .into_iter()
        .map(|(text, hit)| {
            if hit {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                view! { <span>{text}</span> }.into_any()
            }
        })
        .collect_view()
}

#[component]
fn SearchResults(query: RwSignal<String>) -> impl IntoView {
    let state = use_app();
    let errors = RwSignal::new(None::<ApiError>);
    let hits = RwSignal::new(None::<Vec<MessageHit>>);
    // Searches as one types, a moment after the last key.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let text = query.get().trim().to_string();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    match api::messages_search(MessageSearch { query: text }).await {
                        Ok(found) => {
                            errors.set(None);
                            hits.set(Some(found));
                        }
                        Err(err) => {
                            hits.set(Some(Vec::new()));
                            errors.set(Some(err));
                        }
                    }
                });
            },
            std::time::Duration::from_millis(180),
        )
        .ok();
        pending.set_value(handle);
    });
    view! {
        <FieldError errors=errors field="query" />
        {move || match hits.get() {
            None => view! { <Loading label="Searching…" /> }.into_any(),
            Some(found) if found.is_empty() => view! {
                <p class="muted empty-inline" id="search-empty">"No messages match."</p>
            }
            .into_any(),
            Some(found) => view! {
                <ul class="search-hits">
                    {found
                        .into_iter()
                        .map(|hit| {
                            let id = hit.message.conversation_id;
                            view! {
                                <li class="search-hit" data-conversation-id=id.to_string()>
                                    <button type="button" on:click=move |_| {
                                        query.set(String::new());
                                        state.go(Page::Messages(Some(id)));
                                    }>
                                        <span class="conversation-line">
                                            <strong>{hit.conversation_title.clone()}</strong>
                                            <span class="muted small">{relative_time(hit.message.sent_at)}</span>
                                        </span>
                                        <span class="search-snippet">{snippet_view(&hit.snippet)}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// "Today", "Yesterday", "Monday 16 November", in local time.
fn day_label(at: DateTime<Utc>) -> String {
    let day = at.with_timezone(&Local).date_naive();
    let today = Local::now().date_naive();
    match (today - day).num_days() {
        0 => "Today".into(),
        1 => "Yesterday".into(),
        _ => day.format("%A %-d %B %Y").to_string(),
    }
}

#[component]
fn ConversationView(id: ConversationId, on_change: Callback<()>) -> impl IntoView {
    let state = use_app();
    let summary = RwSignal::new(None::<ConversationSummary>);
    // Everyone whose name the history may need: the members the summary names and the
    // senders of every page loaded (a large group's summary names only a few).
    let people = RwSignal::new(Vec::<PersonBrief>::new());
    let learn = move |found: Vec<PersonBrief>| {
        people.update(|known| {
            for p in found {
                if !known.iter().any(|k| k.user_id == p.user_id) {
                    known.push(p);
                }
            }
        });
    };
    let messages = RwSignal::new(Vec::<Message>::new());
    let more_before = RwSignal::new(false);
    let loading_older = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let history = NodeRef::<html::Div>::new();
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let sending = RwSignal::new(false);
    let editing = RwSignal::new(None::<(i64, String)>);
    let deleting = RwSignal::new(None::<i64>);
    let me = state.my_id();

    let scroll_to_bottom = move || {
        request_animation_frame(move || {
            if let Some(el) = history.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    };
    let mark_read = move || {
        spawn_local(async move {
            if api::conversations_mark_read(ConversationTarget { id })
                .await
                .is_ok()
            {
                on_change.run(());
                state.refresh_badges();
            }
        });
    };

    // The newest page on opening.
    spawn_local(async move {
        match api::messages_page(MessageQuery {
            conversation_id: id,
            before: None,
            limit: Some(PAGE),
        })
        .await
        {
            Ok(page) => {
                let unread = page.conversation.unread;
                learn(page.conversation.members.clone());
                learn(page.senders);
                summary.set(Some(page.conversation));
                messages.set(page.messages);
                more_before.set(page.more_before);
                scroll_to_bottom();
                if unread > 0 {
                    mark_read();
                }
            }
            Err(err) => load_error.set(Some(err.message)),
        }
    });

    // Older pages as the reader nears the top; the view stays on what they were reading.
    let load_older = move || {
        if loading_older.get_untracked() || !more_before.get_untracked() {
            return;
        }
        let Some(first) = messages.with_untracked(|m| m.first().map(|m| m.id)) else {
            return;
        };
        loading_older.set(true);
        spawn_local(async move {
            let result = api::messages_page(MessageQuery {
                conversation_id: id,
                before: Some(first),
                limit: Some(PAGE),
            })
            .await;
            if let Ok(page) = result {
                let height_before = history.get_untracked().map(|el| el.scroll_height());
                more_before.set(page.more_before);
                learn(page.senders);
                messages.update(|all| {
                    let mut older = page.messages;
                    older.append(all);
                    *all = older;
                });
                request_animation_frame(move || {
                    if let (Some(el), Some(before)) = (history.get_untracked(), height_before) {
                        el.set_scroll_top(el.scroll_top() + el.scroll_height() - before);
                    }
                });
            }
            loading_older.set(false);
        });
    };
    let on_scroll = move |_| {
        if let Some(el) = history.get_untracked() {
            if el.scroll_top() < LOAD_OLDER_AT {
                load_older();
            }
        }
    };

    // New messages from the others arrive live while the conversation is open.
    Effect::new(move |previous: Option<()>| {
        let announced = state.announced.get();
        if previous.is_none() {
            return;
        }
        let Some(n) = announced else { return };
        if n.kind != NotificationKind::MessageReceived || n.subject != Subject::Conversation(id) {
            return;
        }
        let newest = messages.with_untracked(|m| m.last().map(|m| m.id));
        spawn_local(async move {
            if let Ok(page) = api::messages_page(MessageQuery {
                conversation_id: id,
                before: None,
                limit: Some(PAGE),
            })
            .await
            {
                let near_bottom = history.get_untracked().is_some_and(|el| {
                    el.scroll_height() - el.scroll_top() - el.client_height() < 120
                });
                messages.update(|all| {
                    all.extend(
                        page.messages
                            .into_iter()
                            .filter(|m| newest.is_none_or(|newest| m.id > newest)),
                    );
                });
                learn(page.senders);
                summary.set(Some(page.conversation));
                if near_bottom {
                    scroll_to_bottom();
                }
                mark_read();
            }
        });
    });

    let send = move || {
        if sending.get_untracked() {
            return;
        }
        let text = body.get_untracked();
        if text.trim().is_empty() {
            errors.set(Some(ApiError::field("body", "Write a message first.")));
            return;
        }
        sending.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::messages_send(SendMessage {
                conversation_id: id,
                body: text,
            })
            .await
            {
                Ok(message) => {
                    body.set(String::new());
                    messages.update(|all| all.push(message));
                    scroll_to_bottom();
                    on_change.run(());
                }
                Err(err) => errors.set(Some(err)),
            }
            sending.set(false);
        });
    };
    let save_edit = move || {
        let Some((message_id, text)) = editing.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::messages_edit(EditMessage {
                id: message_id,
                body: text,
            })
            .await
            {
                Ok(updated) => {
                    messages.update(|all| {
                        if let Some(m) = all.iter_mut().find(|m| m.id == updated.id) {
                            *m = updated;
                        }
                    });
                    editing.set(None);
                    on_change.run(());
                }
                Err(err) => state.toast_error(err.message),
            }
        });
    };
    let delete = move |message_id: i64| {
        spawn_local(async move {
            match api::messages_delete(MessageTarget { id: message_id }).await {
                Ok(()) => {
                    messages.update(|all| {
                        if let Some(m) = all.iter_mut().find(|m| m.id == message_id) {
                            m.deleted = true;
                            m.body.clear();
                            m.can_change = false;
                        }
                    });
                    on_change.run(());
                }
                Err(err) => state.toast_error(err.message),
            }
            deleting.set(None);
        });
    };

    let member = move |user: mentordesk_shared::ids::UserId| -> Option<PersonBrief> {
        people.with_untracked(|known| known.iter().find(|p| p.user_id == user).cloned())
    };
    let is_group = move || {
        summary.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.kind == ConversationKind::Group)
        })
    };

    let message_view = move |m: Message, show_day: bool, show_sender: bool| {
        let mine = Some(m.sender) == me;
        let message_id = m.id;
        let sender = member(m.sender);
        let name = sender.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| {
            if mine {
                "You".into()
            } else {
                "Someone".into()
            }
        });
        let (deleted, shown_body) = (m.deleted, m.body.clone());
        let text = move || {
            if deleted {
                view! { <p class="message-deleted muted">"Message deleted"</p> }.into_any()
            } else {
                view! { <p class="message-body">{shown_body.clone()}</p> }.into_any()
            }
        };
        let body_text = m.body.clone();
        let editing_this =
            move || editing.with(|e| e.as_ref().is_some_and(|(i, _)| *i == message_id));
        view! {
            {show_day.then(|| view! { <div class="day-divider"><span>{day_label(m.sent_at)}</span></div> })}
            <article
                class="message"
                class:mine=mine
                data-message-id=message_id.to_string()
                data-mine=mine.to_string()
            >
                {(!mine && show_sender && is_group()).then(|| view! {
                    <span class="message-sender">{name.clone()}</span>
                })}
                <div class="message-bubble">
                    {move || {
                        if editing_this() {
                            view! {
                                <div class="message-editor">
                                    <textarea
                                        class="message-edit-body"
                                        rows="3"
                                        maxlength=MAX_BODY.to_string()
                                        prop:value=move || editing.with(|e| e.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())
                                        on:input=move |ev| {
                                            let value = event_target_value(&ev);
                                            editing.update(|e| {
                                                if let Some((_, t)) = e {
                                                    *t = value;
                                                }
                                            });
                                        }
                                    ></textarea>
                                    <div class="message-editor-actions">
                                        <button type="button" class="button button-ghost button-sm" on:click=move |_| editing.set(None)>"Cancel"</button>
                                        <button type="button" class="button button-primary button-sm message-edit-save" on:click=move |_| save_edit()>"Save"</button>
                                    </div>
                                </div>
                            }
                            .into_any()
                        } else {
                            text()
                        }
                    }}
                    <span class="message-meta">
                        {m.edited.then_some("edited · ")}
                        {m.sent_at.with_timezone(&Local).format("%H:%M").to_string()}
                    </span>
                </div>
                {m.can_change.then(|| {
                    let body_text = body_text.clone();
                    view! {
                        <div class="message-actions">
                            <button
                                type="button"
                                class="icon-button message-edit"
                                title="Edit"
                                aria-label="Edit message"
                                on:click=move |_| editing.set(Some((message_id, body_text.clone())))
                            >
                                <Icon name="edit" />
                            </button>
                            <button
                                type="button"
                                class="icon-button message-delete"
                                title="Delete"
                                aria-label="Delete message"
                                on:click=move |_| deleting.set(Some(message_id))
                            >
                                <Icon name="trash" />
                            </button>
                        </div>
                    }
                })}
            </article>
        }
    };

    let history_view = move || {
        let all = messages.get();
        if all.is_empty() {
            return view! {
                <div class="history-empty">
                    <p class="muted">"No messages yet. Say hello!"</p>
                </div>
            }
            .into_any();
        }
        let mut previous: Option<&Message> = None;
        let mut out = Vec::with_capacity(all.len());
        for m in &all {
            let show_day = previous.is_none_or(|p| {
                p.sent_at.with_timezone(&Local).date_naive()
                    != m.sent_at.with_timezone(&Local).date_naive()
            });
            let show_sender = show_day || previous.is_none_or(|p| p.sender != m.sender);
            out.push(message_view(m.clone(), show_day, show_sender));
            previous = Some(m);
        }
        out.collect_view().into_any()
    };

    let header = move || {
        summary.get().map(|s| {
            let subtitle = match s.kind {
                ConversationKind::Direct => s
                    .members
                    .first()
                    .map(|p| p.time_zone.replace('_', " "))
                    .unwrap_or_default(),
                ConversationKind::Group => {
                    let names: Vec<String> = s.members.iter().map(|p| p.name.clone()).collect();
                    let unnamed = (s.member_count as usize).saturating_sub(names.len() + 1);
                    if unnamed > 0 {
                        format!(
                            "{} people · {} and {unnamed} more",
                            s.member_count,
                            names.join(", ")
                        )
                    } else {
                        format!("{} people · {}", s.member_count, names.join(", "))
                    }
                }
            };
            let person = (s.kind == ConversationKind::Direct)
                .then(|| s.members.first().map(|p| p.user_id))
                .flatten();
            view! {
                <header class="conversation-header">
                    <div>
                        <h2 id="conversation-title">{s.title.clone()}</h2>
                        <p class="muted small">{subtitle}</p>
                    </div>
                    {person.map(|user_id| view! {
                        <button type="button" class="button button-ghost button-sm" on:click=move |_| state.go(Page::Person(user_id))>
                            <Icon name="user" />
                            <span>"Profile"</span>
                        </button>
                    })}
                </header>
            }
        })
    };

    let count = move || body.with(|b| b.chars().count());
    view! {
        <div class="conversation">
            {header}
            {move || load_error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            <div class="message-history" id="message-history" node_ref=history on:scroll=on_scroll>
                <Show when=move || more_before.get()>
                    <div class="history-more" id="message-older">
                        {move || if loading_older.get() { "Loading earlier messages…" } else { "Scroll up for earlier messages" }}
                    </div>
                </Show>
                {history_view}
            </div>
            <div class="composer">
                <textarea
                    id="message-body"
                    rows="2"
                    placeholder="Write a message…"
                    aria-label="Message"
                    class:invalid=move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("body").is_some()))
                    prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && !ev.shift_key() {
                            ev.prevent_default();
                            send();
                        }
                    }
                ></textarea>
                <button
                    type="button"
                    id="message-send"
                    class="button button-primary"
                    disabled=move || sending.get()
                    on:click=move |_| send()
                >
                    <Icon name="send" />
                    <span>"Send"</span>
                </button>
            </div>
            <div class="composer-meta">
                <FieldError errors=errors field="body" />
                <FormError errors=errors shown=vec!["body"] />
                <span class="counter" class:over=move || { count() > MAX_BODY }>
                    {move || format!("{}/{MAX_BODY}", count())}
                </span>
            </div>
            {move || deleting.get().map(|message_id| view! {
                <ConfirmDialog
                    title="Delete this message?"
                    message="Everyone in the conversation will see that a message was deleted."
                    confirm_label="Delete"
                    danger=true
                    busy=Signal::derive(|| false)
                    on_confirm=Callback::new(move |_| delete(message_id))
                    on_cancel=Callback::new(move |_| deleting.set(None))
                />
            })}
        </div>
    }
}

#[component]
fn NewGroupDialog(on_close: Callback<()>) -> impl IntoView {
    let state = use_app();
    let title = RwSignal::new(String::new());
    let members = RwSignal::new(Vec::<PersonBrief>::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let exclude = Signal::derive(move || {
        let mut ids: Vec<_> = members.with(|m| m.iter().map(|p| p.user_id).collect());
        ids.extend(state.my_id());
        ids
    });
    let submit = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        errors.set(None);
        let req = NewGroupConversation {
            title: title.get_untracked(),
            members: members.with_untracked(|m| m.iter().map(|p| p.user_id).collect()),
        };
        spawn_local(async move {
            match api::conversations_create_group(req).await {
                Ok(c) => {
                    on_close.run(());
                    state.toast("Group conversation created");
                    state.go(Page::Messages(Some(c.id)));
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };
    view! {
        <Modal title="New group conversation" on_close=on_close>
            <div class="form">
                <TextField
                    label="Name"
                    value=title
                    errors=errors
                    field="title"
                    id="group-conversation-title"
                    placeholder="Spring cohort"
                />
                <div class="field">
                    <label for="group-conversation-members">"People"</label>
                    <PeoplePicker
                        id="group-conversation-members"
                        exclude=exclude
                        on_pick=Callback::new(move |p: PersonBrief| members.update(|m| m.push(p)))
                        invalid=Signal::derive(move || errors.with(|e| e.as_ref().is_some_and(|e| e.field_message("members").is_some())))
                    />
                    <div class="chips">
                        {move || members
                            .get()
                            .into_iter()
                            .map(|p| view! {
                                <PersonChip person=p on_remove=Callback::new(move |id| members.update(|m| m.retain(|p| p.user_id != id))) />
                            })
                            .collect_view()}
                    </div>
                    <p class="hint">"People you are connected with, matched with or share a session with."</p>
                    <FieldError errors=errors field="members" />
                </div>
                <FormError errors=errors shown=vec!["title", "members"] />
                <div class="form-actions">
                    <button type="button" class="button button-ghost" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button
                        type="button"
                        id="group-conversation-submit"
                        class="button button-primary"
                        disabled=move || busy.get()
                        on:click=submit
                    >
                        "Create"
                    </button>
                </div>
            </div>
        </Modal>
    }
}
