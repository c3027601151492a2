//! Support groups and their forum: the group list, one group's threads, and one thread with
//! its replies.
//!
//! Element ids:
//! - the list: `group-search` (narrows by name as you type), `group-search-clear` (in the
//!   "no match" state), `groups-empty`, `group-count`, `new-group` (people with
//!   `groups.create`; opens the dialog); cards `article.group-card` with `data-group-id`,
//!   `data-joined`; inside, `.group-open` (the name), `.group-members` ("3 members"),
//!   `.group-active` ("Active 5 min ago"), `.group-member-badge` ("Member"), `.group-join`,
//!   `.group-leave` (asks first: `confirm-yes` / `confirm-no`); clicking the card opens the group
//! - the new-group dialog: `group-name`, `group-description`, `group-submit`, `group-cancel`,
//!   `group-error`; field errors `error-name`, `error-description`
//! - a group: `group-back`, `group-title`, `group-about`, `.group-members`, `.group-active`,
//!   `.group-member-badge`, `group-join` / `group-leave` (also with those classes),
//!   `group-join-notice` (non-members), `new-thread` (members), `threads-empty`, `threads-more`
//!   ("Load more"); rows `article.thread-row` with `data-thread-id`, `data-pinned`,
//!   `data-locked` (`true` | `false`); inside, `.thread-row-title`, `.pin-badge`, `.lock-badge`,
//!   `.thread-author`, `.thread-replies` ("2 replies"), `.thread-activity`
//! - the new-thread dialog: `thread-title`, `thread-body`, `thread-submit`, `thread-cancel`,
//!   `thread-error`; field errors `error-title`, `error-body`. The new thread opens on success.
//! - a thread: `thread-back` (to its group), `thread-group` (the group's name, opens it),
//!   `thread-heading`, `thread-author`, `thread-text`, `.pin-badge`, `.lock-badge`; for
//!   moderators `thread-pin` (Pin / Unpin) and `thread-lock` (Lock / Unlock), both with
//!   `aria-pressed`; `thread-delete` for moderators and authors who may (asks first, then the
//!   group opens); `thread-locked-notice`; `thread-join-notice` with `thread-join` (non-members);
//!   `replies-count`, `replies-empty`, replies `article.reply[data-reply-id]` oldest first with
//!   `.reply-author`, `.reply-time`, `.reply-text`, `.reply-delete` (asks first); the reply box
//!   `reply-body`, `reply-submit`, `reply-error`, field error `error-body`

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::forms::{send_request, FormError, Notice, TextArea, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::state::{use_app, Page};
use crate::util::{format_datetime, relative_time};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::conversations::{
    GroupQuery, GroupSummary, GroupTarget, Moderation, NewGroup, NewReply, NewThread, Reply,
    ReplyTarget, Subject, ThreadDetail, ThreadModeration, ThreadQuery, ThreadSummary, ThreadTarget,
};
use mentordesk_shared::ids::{GroupId, ReplyId, ThreadId};
use mentordesk_shared::sessions::PersonBrief;
use mentordesk_shared::ApiError;
use std::time::Duration;

/// Threads per page of a group.
const THREADS_PER_PAGE: u16 = 20;
/// How long typing in the search box pauses before the list is asked again.
const SEARCH_DELAY: Duration = Duration::from_millis(250);
/// The core's limits (`messaging::GROUP_DESCRIPTION_MAX`, `forum::BODY_MAX`), for the counters;
/// the backend enforces them.
const GROUP_DESCRIPTION_MAX: usize = 1000;
const POST_MAX: usize = 5000;

fn count_label(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// When, worded to follow a verb: "5 min ago", "today 14:05", "yesterday 14:05", "3 Nov".
fn since(at: DateTime<Utc>) -> String {
    let text = relative_time(at);
    if let Some(rest) = text.strip_prefix("Yesterday") {
        format!("yesterday{rest}")
    } else if text.len() == 5 && text.as_bytes()[2] == b':' {
        format!("today {text}")
    } else {
        text
    }
}

fn active_label(at: DateTime<Utc>) -> String {
    format!("Active {}", since(at))
}

fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// A person's name that opens their profile.
#[component]
fn PersonLink(person: PersonBrief, #[prop(optional)] class: &'static str) -> impl IntoView {
    let state = use_app();
    let user_id = person.user_id;
    view! {
        <button
            type="button"
            class=format!("link-button person-link {class}")
            on:click=move |ev| {
                ev.stop_propagation();
                state.go(Page::Person(user_id));
            }
        >
            {person.name}
        </button>
    }
}

fn pin_badge() -> impl IntoView {
    view! { <span class="badge badge-info pin-badge"><Icon name="pin" />"Pinned"</span> }
}

fn lock_badge() -> impl IntoView {
    view! { <span class="badge badge-muted lock-badge"><Icon name="lock" />"Locked"</span> }
}

/// Join, or Leave after a confirmation. `with_ids` adds `group-join` / `group-leave` ids (the
/// group page has one; the list has many, told apart by their card).
#[component]
fn MembershipButton(
    #[prop(into)] group: Signal<GroupSummary>,
    on_changed: Callback<GroupSummary>,
    #[prop(optional)] with_ids: bool,
) -> impl IntoView {
    let state = use_app();
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let joined = move || group.with(|g| g.joined);

    let change = move |join: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let id = group.with_untracked(|g| g.id);
        spawn_local(async move {
            let result = if join {
                api::groups_join(GroupTarget { id }).await
            } else {
                api::groups_leave(GroupTarget { id }).await
            };
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(summary) => {
                    state.toast(if join {
                        format!("You joined {}", summary.name)
                    } else {
                        format!("You left {}", summary.name)
                    });
                    on_changed.run(summary);
                }
                Err(err) => state.toast_error(err.message),
            }
        });
    };

    view! {
        // Clicks here (and on the dialog's backdrop) must not reach a card that opens the group.
        <span class="membership" on:click=|ev| ev.stop_propagation()>
            {move || {
                if joined() {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary button-sm group-leave"
                            id=with_ids.then_some("group-leave")
                            disabled=move || busy.get()
                            on:click=move |_| confirming.set(true)
                        >
                            "Leave"
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button button-primary button-sm group-join"
                            id=with_ids.then_some("group-join")
                            disabled=move || busy.get()
                            on:click=move |_| change(true)
                        >
                            <Icon name="plus" />
                            <span>{move || if busy.get() { "Joining…" } else { "Join" }}</span>
                        </button>
                    }
                    .into_any()
                }
            }}
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    title=group.with_untracked(|g| format!("Leave {}?", g.name))
                    message="You can still read its threads. Join again any time to start threads and reply."
                    confirm_label="Leave group"
                    busy=busy
                    on_confirm=Callback::new(move |_| change(false))
                    on_cancel=Callback::new(move |_| confirming.set(false))
                />
            </Show>
        </span>
    }
}

/// "3 members · Active 5 min ago", with the "Member" marker when the viewer belongs.
fn group_meta(group: Signal<GroupSummary>) -> impl IntoView {
    view! {
        <span class="group-members">
            <Icon name="users" />
            {move || group.with(|g| count_label(g.member_count, "member", "members"))}
        </span>
        <span class="group-active" title=move || group.with(|g| format_datetime(g.last_active_at))>
            <Icon name="clock" />
            {move || group.with(|g| active_label(g.last_active_at))}
        </span>
    }
}

fn member_badge(group: Signal<GroupSummary>) -> impl IntoView {
    move || {
        group.with(|g| g.joined).then(|| {
            view! {
                <span class="badge badge-success group-member-badge"><Icon name="check" />"Member"</span>
            }
        })
    }
}

#[component]
fn GroupCard(group: GroupSummary) -> impl IntoView {
    let state = use_app();
    let id = group.id;
    let current = RwSignal::new(group);
    let group: Signal<GroupSummary> = current.into();
    let description = move || current.with(|g| g.description.trim().to_string());
    view! {
        <article
            class="card group-card"
            class:joined=move || current.with(|g| g.joined)
            data-group-id=id.to_string()
            data-joined=move || flag(current.with(|g| g.joined))
            on:click=move |_| state.go(Page::Group(id))
        >
            <div class="group-card-head">
                <span class="group-icon" aria-hidden="true"><Icon name="forum" /></span>
                <div class="group-card-title">
                    // The card's click opens the group; this button gives keyboards a way in.
                    <button type="button" class="group-open">{move || current.with(|g| g.name.clone())}</button>
                    <div class="group-meta muted small">{group_meta(group)}</div>
                </div>
            </div>
            {move || {
                let text = description();
                if text.is_empty() {
                    view! { <p class="group-description faint">"No description yet."</p> }.into_any()
                } else {
                    view! { <p class="group-description">{text}</p> }.into_any()
                }
            }}
            <div class="group-card-foot">
                <span class="group-open-hint small">"View threads"<Icon name="arrow-right" /></span>
                <div class="group-card-actions">
                    {member_badge(group)}
                    <MembershipButton group=group on_changed=Callback::new(move |g| current.set(g)) />
                </div>
            </div>
        </article>
    }
}

#[component]
fn NewGroupDialog(on_close: Callback<()>, on_created: Callback<GroupSummary>) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                Ok(api::groups_create(NewGroup {
                    name: name.get_untracked(),
                    description: description.get_untracked(),
                }))
            },
            move |created: GroupSummary| {
                state.toast(format!("“{}” created", created.name));
                on_created.run(created);
            },
        );
    };

    view! {
        <Modal title="New support group" on_close=on_close>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["name", "description"] id="group-error" />
                <TextField
                    label="Name"
                    id="group-name"
                    field="name"
                    value=name
                    errors=errors
                    required=true
                    placeholder="e.g. Back from parental leave"
                />
                <TextArea
                    label="Description"
                    id="group-description"
                    field="description"
                    value=description
                    errors=errors
                    rows=4
                    limit=GROUP_DESCRIPTION_MAX
                    placeholder="Who the group is for and what it talks about"
                />
                <p class="hint">"You become its first member. Anyone signed in can find and join it."</p>
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="group-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" id="group-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Creating…" } else { "Create group" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let state = use_app();
    // What the box shows, and what the list was last asked for (a pause after typing).
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let version = RwSignal::new(0u32);
    let creating = RwSignal::new(false);

    let list = LocalResource::new(move || {
        version.track();
        let text = search.get().trim().to_string();
        api::groups_list(GroupQuery {
            search: (!text.is_empty()).then_some(text),
        })
    });

    let stop_timer = move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    };
    on_cleanup(stop_timer);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        stop_timer();
        let handle = set_timeout_with_handle(
            move || {
                if search.try_with_untracked(|s| *s != text) == Some(true) {
                    search.set(text);
                }
            },
            SEARCH_DELAY,
        )
        .ok();
        timer.set_value(handle);
    };
    let clear = move || {
        stop_timer();
        typed.set(String::new());
        search.set(String::new());
    };

    let cards = move || match list.get() {
        None => view! { <Loading label="Loading groups…" /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(groups)) if groups.is_empty() => {
            let text = search.get_untracked();
            if text.trim().is_empty() {
                let hint = if state.can(Permission::GroupsCreate) {
                    "Start the first one: a place for people in a similar situation to share experience."
                } else {
                    "Groups appear here once a programme manager starts one."
                };
                view! {
                    <div id="groups-empty">
                        <EmptyState title="No support groups yet" text=hint />
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div id="groups-empty">
                        <EmptyState
                            title=format!("No groups match “{}”", text.trim())
                            text="Try another part of the name."
                        >
                            <button type="button" class="button button-secondary" id="group-search-clear" on:click=move |_| clear()>
                                "Clear search"
                            </button>
                        </EmptyState>
                    </div>
                }
                .into_any()
            }
        }
        Some(Ok(groups)) => {
            let joined = groups.iter().filter(|g| g.joined).count();
            let count = format!(
                "{} · {joined} joined",
                count_label(groups.len() as u32, "group", "groups")
            );
            view! {
                <p class="muted small result-count" id="group-count">{count}</p>
                <div class="group-grid">
                    {groups.into_iter().map(|g| view! { <GroupCard group=g /> }).collect_view()}
                </div>
            }
            .into_any()
        }
    };

    view! {
        <div class="page groups">
            <PageHeader title="Support groups" subtitle="Peer groups with their own forum: ask questions, share what works, support each other.">
                <Show when=move || state.can(Permission::GroupsCreate)>
                    <button type="button" class="button button-primary" id="new-group" on:click=move |_| creating.set(true)>
                        <Icon name="plus" />
                        <span>"New group"</span>
                    </button>
                </Show>
            </PageHeader>
            <div class="card filters">
                <div class="search-input">
                    <Icon name="search" />
                    <input
                        type="search"
                        id="group-search"
                        placeholder="Search groups by name"
                        aria-label="Search groups by name"
                        prop:value=move || typed.get()
                        on:input=on_input
                    />
                </div>
            </div>
            {cards}
            <Show when=move || creating.get()>
                <NewGroupDialog
                    on_close=Callback::new(move |_| creating.set(false))
                    on_created=Callback::new(move |_| {
                        creating.set(false);
                        version.update(|v| *v += 1);
                    })
                />
            </Show>
        </div>
    }
}

#[component]
fn NewThreadDialog(group_id: GroupId, on_close: Callback<()>) -> impl IntoView {
    let state = use_app();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                Ok(api::threads_create(NewThread {
                    group_id,
                    title: title.get_untracked(),
                    body: body.get_untracked(),
                }))
            },
            move |created: ThreadSummary| {
                state.toast("Thread started");
                state.go(Page::Thread(created.id));
            },
        );
    };

    view! {
        <Modal title="Start a thread" on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["title", "body"] id="thread-error" />
                <TextField
                    label="Title"
                    id="thread-title"
                    field="title"
                    value=title
                    errors=errors
                    required=true
                    placeholder="A question or topic, in a line"
                />
                <TextArea
                    label="Message"
                    id="thread-body"
                    field="body"
                    value=body
                    errors=errors
                    rows=8
                    limit=POST_MAX
                    placeholder="Share the details: what happened, what you'd like to know"
                />
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="thread-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" id="thread-submit" disabled=move || busy.get()>
                        {move || if busy.get() { "Posting…" } else { "Post thread" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn ThreadRow(thread: ThreadSummary) -> impl IntoView {
    let state = use_app();
    let id = thread.id;
    let activity = if thread.reply_count == 0 {
        format!("Started {}", since(thread.created_at))
    } else {
        format!("Last reply {}", since(thread.last_reply_at))
    };
    let author = thread.author.clone();
    view! {
        <article
            class="thread-row"
            class:pinned=thread.pinned
            class:locked=thread.locked
            data-thread-id=id.to_string()
            data-pinned=flag(thread.pinned)
            data-locked=flag(thread.locked)
            on:click=move |_| state.go(Page::Thread(id))
        >
            <Avatar name=author.name.clone() photo=author.photo.clone() size="sm" />
            <div class="thread-row-main">
                <div class="thread-row-title-line">
                    <button type="button" class="thread-row-title">{thread.title.clone()}</button>
                    {thread.pinned.then(pin_badge)}
                    {thread.locked.then(lock_badge)}
                </div>
                <div class="thread-row-meta muted small">
                    <span class="thread-author">{author.name.clone()}</span>
                    <span title=format_datetime(thread.created_at)>{format!("started {}", since(thread.created_at))}</span>
                </div>
            </div>
            <div class="thread-row-stats">
                <span class="thread-replies" class:none=thread.reply_count == 0>
                    <Icon name="message" />
                    {count_label(thread.reply_count, "reply", "replies")}
                </span>
                <span class="thread-activity muted small" title=format_datetime(thread.last_reply_at)>{activity}</span>
            </div>
        </article>
    }
}

#[component]
pub fn GroupPage(group_id: GroupId) -> impl IntoView {
    let state = use_app();
    let group = RwSignal::new(None::<GroupSummary>);
    let threads = RwSignal::new(Vec::<ThreadSummary>::new());
    let more = RwSignal::new(false);
    let can_post = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ApiError>);
    let writing = RwSignal::new(false);

    // `offset` 0 loads the first page afresh; more pages add to the list.
    let load = move |offset: u32| {
        loading.set(true);
        spawn_local(async move {
            let result = api::threads_list(ThreadQuery {
                group_id,
                offset: Some(offset),
                limit: Some(THREADS_PER_PAGE),
            })
            .await;
            match result {
                Ok(page) => {
                    load_error.set(None);
                    group.set(Some(page.group));
                    if offset == 0 {
                        threads.set(page.threads);
                    } else {
                        // Activity between pages can move a thread; never show one twice.
                        threads.update(|list| {
                            for t in page.threads {
                                if !list.iter().any(|x| x.id == t.id) {
                                    list.push(t);
                                }
                            }
                        });
                    }
                    more.set(page.more);
                    can_post.set(page.can_post);
                }
                Err(err) => load_error.set(Some(err)),
            }
            loading.set(false);
        });
    };
    load(0);

    let (back_page, back_label) = match state.back.get_value() {
        Page::Home => (Page::Home, "Back to home"),
        Page::Notifications => (Page::Notifications, "Back to notifications"),
        _ => (Page::Groups, "All groups"),
    };
    let loaded = Memo::new(move |_| group.with(Option::is_some));
    let summary = Signal::derive(move || {
        group.get().unwrap_or_else(|| GroupSummary {
            id: group_id,
            name: String::new(),
            description: String::new(),
            member_count: 0,
            last_active_at: Utc::now(),
            joined: false,
        })
    });
    let joined = Memo::new(move |_| group.with(|g| g.as_ref().is_some_and(|g| g.joined)));

    let list = move || {
        let list = threads.get();
        if list.is_empty() {
            let text = if can_post.get() {
                "Start the first conversation: ask a question or share what's on your mind."
            } else {
                "Threads appear here once members start them."
            };
            return view! {
                <div id="threads-empty">
                    <EmptyState title="No threads yet" text=text />
                </div>
            }
            .into_any();
        }
        view! {
            <div class="card thread-list">
                {list.into_iter().map(|t| view! { <ThreadRow thread=t /> }).collect_view()}
            </div>
        }
        .into_any()
    };

    view! {
        <div class="page group-page">
            <div class="page-toolbar">
                <button type="button" class="button button-ghost" id="group-back" on:click=move |_| state.go(back_page)>
                    <Icon name="arrow-left" />
                    <span>{back_label}</span>
                </button>
            </div>
            {move || load_error.get().map(|err| view! { <div class="form-error" id="group-load-error">{err.message}</div> })}
            <Show when=move || loaded.get() fallback=move || view! {
                <Show when=move || load_error.with(Option::is_none)>
                    <Loading label="Loading the group…" />
                </Show>
            }>
                <section class="card group-hero">
                    <span class="group-icon group-icon-lg" aria-hidden="true"><Icon name="forum" /></span>
                    <div class="group-hero-text">
                        <div class="group-title-row">
                            <h1 id="group-title">{move || summary.with(|g| g.name.clone())}</h1>
                            {member_badge(summary)}
                        </div>
                        {move || {
                            let text = summary.with(|g| g.description.trim().to_string());
                            (!text.is_empty()).then(|| view! { <p class="prose muted" id="group-about">{text}</p> })
                        }}
                        <div class="group-meta muted small">{group_meta(summary)}</div>
                    </div>
                    <div class="group-hero-actions">
                        <MembershipButton group=summary on_changed=Callback::new(move |_| load(0)) with_ids=true />
                    </div>
                </section>
                <Show when=move || !joined.get()>
                    <Notice text="Join the group to start threads and reply." id="group-join-notice" />
                </Show>
                <div class="section-head">
                    <h2>"Threads"</h2>
                    <Show when=move || can_post.get()>
                        <button type="button" class="button button-primary" id="new-thread" on:click=move |_| writing.set(true)>
                            <Icon name="plus" />
                            <span>"New thread"</span>
                        </button>
                    </Show>
                </div>
                {list}
                <Show when=move || more.get()>
                    <div class="load-more">
                        <button
                            type="button"
                            class="button button-secondary"
                            id="threads-more"
                            disabled=move || loading.get()
                            on:click=move |_| load(threads.with_untracked(Vec::len) as u32)
                        >
                            {move || if loading.get() { "Loading…" } else { "Load more" }}
                        </button>
                    </div>
                </Show>
            </Show>
            <Show when=move || writing.get()>
                <NewThreadDialog group_id=group_id on_close=Callback::new(move |_| writing.set(false)) />
            </Show>
        </div>
    }
}

/// What the viewer may do with a thread, as one comparable value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ThreadRights {
    moderate: bool,
    reply: bool,
    delete: bool,
    member: bool,
    pinned: bool,
    locked: bool,
}

#[component]
fn ReplyItem(reply: Reply, on_delete: Callback<ReplyId>) -> impl IntoView {
    let id = reply.id;
    let author = reply.author.clone();
    view! {
        <article class="reply" data-reply-id=id.to_string()>
            <Avatar name=author.name.clone() photo=author.photo.clone() size="sm" />
            <div class="reply-main">
                <div class="reply-head">
                    <PersonLink person=author class="reply-author" />
                    <span class="reply-time muted small" title=format_datetime(reply.created_at)>
                        {relative_time(reply.created_at)}
                    </span>
                    <div class="spacer"></div>
                    {reply.can_delete.then(|| view! {
                        <button
                            type="button"
                            class="icon-button reply-delete"
                            aria-label="Delete reply"
                            title="Delete reply"
                            on:click=move |_| on_delete.run(id)
                        >
                            <Icon name="trash" />
                        </button>
                    })}
                </div>
                <p class="prose reply-text selectable">{reply.body.clone()}</p>
            </div>
        </article>
    }
}

#[component]
pub fn ThreadPage(thread_id: ThreadId) -> impl IntoView {
    let state = use_app();
    let detail = RwSignal::new(None::<ThreadDetail>);
    let load_error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let deleting_thread = RwSignal::new(false);
    let deleting_reply = RwSignal::new(None::<ReplyId>);
    let reply_body = RwSignal::new(String::new());
    let reply_errors = RwSignal::new(None::<ApiError>);
    let replying = RwSignal::new(false);

    let reload = move || {
        spawn_local(async move {
            match api::threads_get(ThreadTarget { id: thread_id }).await {
                Ok(d) => {
                    load_error.set(None);
                    detail.set(Some(d));
                }
                Err(err) => load_error.set(Some(err)),
            }
        })
    };
    reload();
    // A reply someone else posts here arrives as a notification for the thread's author.
    Effect::new(move |seen: Option<()>| {
        let announced = state.announced.get();
        if seen.is_some()
            && announced
                .is_some_and(|n| matches!(n.subject, Subject::Thread(id) if id == thread_id))
        {
            reload();
        }
    });

    let loaded = Memo::new(move |_| detail.with(Option::is_some));
    let thread = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.thread.clone())));
    let group =
        Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| (d.group.id, d.group.name.clone()))));
    let body = Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.body.clone())));
    let replies = Memo::new(move |_| {
        detail.with(|d| d.as_ref().map(|d| d.replies.clone()).unwrap_or_default())
    });
    let rights = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref()
                .map(|d| ThreadRights {
                    moderate: d.can_moderate,
                    reply: d.can_reply,
                    delete: d.can_delete,
                    member: d.group.joined,
                    pinned: d.thread.pinned,
                    locked: d.thread.locked,
                })
                .unwrap_or_default()
        })
    });
    let group_id = move || group.with(|g| g.as_ref().map(|(id, _)| *id));
    let to_group = move || match group_id() {
        Some(id) => state.go(Page::Group(id)),
        None => state.go(Page::Groups),
    };

    let moderate = move |action: Moderation| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::threads_moderate(ThreadModeration { thread_id, action }).await {
                Ok(summary) => {
                    state.toast(match action {
                        Moderation::Pin => "Thread pinned to the top of the group",
                        Moderation::Unpin => "Thread unpinned",
                        Moderation::Lock => "Thread locked: no new replies",
                        Moderation::Unlock => "Thread unlocked",
                    });
                    detail.update(|d| {
                        if let Some(d) = d {
                            d.thread = summary;
                        }
                    });
                    // Locking changes who may reply and delete.
                    reload();
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };

    let delete_thread = move || {
        let Some(group_id) = group_id() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::threads_delete(ThreadTarget { id: thread_id }).await {
                Ok(()) => {
                    busy.set(false);
                    deleting_thread.set(false);
                    state.toast("Thread deleted");
                    state.go(Page::Group(group_id));
                }
                Err(err) => {
                    busy.set(false);
                    deleting_thread.set(false);
                    state.toast_error(err.message);
                }
            }
        });
    };

    let delete_reply = move || {
        let Some(id) = deleting_reply.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::replies_delete(ReplyTarget { id }).await {
                Ok(()) => {
                    state.toast("Reply deleted");
                    detail.update(|d| {
                        if let Some(d) = d {
                            d.replies.retain(|r| r.id != id);
                            d.thread.reply_count = d.thread.reply_count.saturating_sub(1);
                        }
                    });
                    reload();
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
            deleting_reply.set(None);
        });
    };

    let join = move || {
        let Some(id) = group_id() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::groups_join(GroupTarget { id }).await {
                Ok(summary) => {
                    state.toast(format!("You joined {}", summary.name));
                    reload();
                }
                Err(err) => state.toast_error(err.message),
            }
            busy.set(false);
        });
    };

    let send_reply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            replying,
            reply_errors,
            move || {
                Ok(api::threads_reply(NewReply {
                    thread_id,
                    body: reply_body.get_untracked(),
                }))
            },
            move |reply: Reply| {
                reply_body.set(String::new());
                detail.update(|d| {
                    if let Some(d) = d {
                        d.thread.reply_count += 1;
                        d.thread.last_reply_at = reply.created_at;
                        d.replies.push(reply);
                    }
                });
                // The thread's author may no longer delete an answered thread.
                reload();
            },
        );
    };

    let toolbar = move || {
        let r = rights.get();
        view! {
            {r.moderate.then(|| {
                let action = if r.pinned { Moderation::Unpin } else { Moderation::Pin };
                view! {
                    <button
                        type="button"
                        class="button button-secondary button-sm"
                        id="thread-pin"
                        aria-pressed=flag(r.pinned)
                        disabled=move || busy.get()
                        on:click=move |_| moderate(action)
                    >
                        <Icon name="pin" />
                        <span>{if r.pinned { "Unpin" } else { "Pin" }}</span>
                    </button>
                }
            })}
            {r.moderate.then(|| {
                let action = if r.locked { Moderation::Unlock } else { Moderation::Lock };
                view! {
                    <button
                        type="button"
                        class="button button-secondary button-sm"
                        id="thread-lock"
                        aria-pressed=flag(r.locked)
                        disabled=move || busy.get()
                        on:click=move |_| moderate(action)
                    >
                        <Icon name="lock" />
                        <span>{if r.locked { "Unlock" } else { "Lock" }}</span>
                    </button>
                }
            })}
            {(r.delete || r.moderate).then(|| view! {
                <button
                    type="button"
                    class="button button-danger-outline button-sm"
                    id="thread-delete"
                    disabled=move || busy.get()
                    on:click=move |_| deleting_thread.set(true)
                >
                    <Icon name="trash" />
                    <span>"Delete thread"</span>
                </button>
            })}
        }
    };

    let hero = move || {
        thread.get().map(|t| {
            let group_name = group.with(|g| g.as_ref().map(|(_, n)| n.clone()).unwrap_or_default());
            let author = t.author.clone();
            view! {
                <section class="card thread-hero">
                    <button type="button" class="link-button thread-group-link" id="thread-group" on:click=move |_| to_group()>
                        <Icon name="forum" />
                        <span>{group_name}</span>
                    </button>
                    <div class="thread-title-row">
                        <h1 id="thread-heading">{t.title.clone()}</h1>
                        {t.pinned.then(pin_badge)}
                        {t.locked.then(lock_badge)}
                    </div>
                    <div class="thread-byline">
                        <Avatar name=author.name.clone() photo=author.photo.clone() size="sm" />
                        <PersonLink person=author class="thread-author-link" />
                        <span class="muted small" id="thread-author-time" title=format_datetime(t.created_at)>
                            {format!("started {}", since(t.created_at))}
                        </span>
                    </div>
                    <div class="prose thread-text selectable" id="thread-text">{move || body.get().unwrap_or_default()}</div>
                </section>
            }
        })
    };

    view! {
        <div class="page thread-page">
            <div class="page-toolbar">
                <button type="button" class="button button-ghost" id="thread-back" on:click=move |_| to_group()>
                    <Icon name="arrow-left" />
                    <span>{move || if group.with(Option::is_some) { "Back to group" } else { "All groups" }}</span>
                </button>
                <div class="spacer"></div>
                {toolbar}
            </div>
            {move || load_error.get().map(|err| view! { <div class="form-error" id="thread-load-error">{err.message}</div> })}
            <Show when=move || loaded.get() fallback=move || view! {
                <Show when=move || load_error.with(Option::is_none)>
                    <Loading label="Loading the thread…" />
                </Show>
            }>
                {hero}
                <Show when=move || rights.get().locked>
                    <div class="notice notice-row" id="thread-locked-notice" role="status">
                        <Icon name="lock" />
                        <span>"This thread is locked: no new replies."</span>
                    </div>
                </Show>
                <Show when=move || { let r = rights.get(); !r.member && !r.locked }>
                    <div class="notice notice-row" id="thread-join-notice" role="status">
                        <span>"Join the group to start threads and reply."</span>
                        <div class="spacer"></div>
                        <button type="button" class="button button-primary button-sm" id="thread-join" disabled=move || busy.get() on:click=move |_| join()>
                            <Icon name="plus" />
                            <span>"Join group"</span>
                        </button>
                    </div>
                </Show>
                <section class="card replies-card">
                    <h2 id="replies-count">
                        {move || count_label(replies.with(|r| r.len()) as u32, "reply", "replies")}
                    </h2>
                    <Show when=move || replies.with(Vec::is_empty)>
                        <p class="muted" id="replies-empty">
                            {move || if rights.get().reply { "No replies yet. Be the first to answer." } else { "No replies yet." }}
                        </p>
                    </Show>
                    <div class="reply-list">
                        <For each=move || replies.get() key=|r| (r.id, r.can_delete) let:reply>
                            <ReplyItem reply=reply on_delete=Callback::new(move |id| deleting_reply.set(Some(id))) />
                        </For>
                    </div>
                    <Show when=move || rights.get().reply>
                        <form class="reply-form" on:submit=send_reply novalidate>
                            <FormError errors=reply_errors shown=vec!["body"] id="reply-error" />
                            <TextArea
                                label="Your reply"
                                id="reply-body"
                                field="body"
                                value=reply_body
                                errors=reply_errors
                                rows=4
                                limit=POST_MAX
                                placeholder="Write a reply…"
                            />
                            <div class="reply-form-actions">
                                <button type="submit" class="button button-primary" id="reply-submit" disabled=move || replying.get()>
                                    <Icon name="send" />
                                    <span>{move || if replying.get() { "Posting…" } else { "Post reply" }}</span>
                                </button>
                            </div>
                        </form>
                    </Show>
                </section>
            </Show>
            <Show when=move || deleting_thread.get()>
                <ConfirmDialog
                    title="Delete this thread?"
                    message=thread.with_untracked(|t| match t.as_ref().map(|t| t.reply_count) {
                        Some(0) | None => "It disappears for everyone. This cannot be undone.".to_string(),
                        Some(n) => format!("It and its {} disappear for everyone. This cannot be undone.", count_label(n, "reply", "replies")),
                    })
                    confirm_label="Delete thread"
                    danger=true
                    busy=busy
                    on_confirm=Callback::new(move |_| delete_thread())
                    on_cancel=Callback::new(move |_| deleting_thread.set(false))
                />
            </Show>
            <Show when=move || deleting_reply.with(Option::is_some)>
                <ConfirmDialog
                    title="Delete this reply?"
                    message="It disappears for everyone. This cannot be undone."
                    confirm_label="Delete reply"
                    danger=true
                    busy=busy
                    on_confirm=Callback::new(move |_| delete_reply())
                    on_cancel=Callback::new(move |_| deleting_reply.set(None))
                />
            </Show>
        </div>
    }
}
