//! The notification centre, and the notification settings card of the settings page.
//!
//! Element ids:
//! - centre: tabs `notifications-all`, `notifications-unread`; `notifications-mark-all`;
//!   `notifications-empty`; rows `article.notification[data-notification-id][data-kind]
//!   [data-read]` (a click opens the subject and marks it read; `.notification-title`,
//!   `.notification-body`); `notifications-more`
//! - settings card `notification-settings`: lead-time chips `li.lead-chip[data-minutes]`
//!   with `.lead-remove`; `lead-amount`, `lead-unit` (`minutes` | `hours` | `days`),
//!   `lead-add`; `error-lead_minutes`; native kinds `input.native-kind[data-kind]`;
//!   `native-status` (`data-available`); `close-to-tray`, `start-at-login`;
//!   `notification-settings-save`; `reminders-pause` / `reminders-resume`, `paused-until`

use crate::api;
use crate::components::forms::{FieldError, FormError};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::state::use_app;
use crate::util::{format_datetime, relative_time};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::conversations::{
    NativeStatus, Notification, NotificationKind, NotificationQuery, NotificationSettings,
    NotificationSettingsUpdate, NotificationTarget, PauseReminders,
};
use mentordesk_shared::ApiError;

const PAGE: u16 = 30;

fn kind_icon(kind: NotificationKind) -> &'static str {
    use NotificationKind::*;
    match kind {
        Reminder => "clock",
        BookingRequest | SessionProposed | RescheduleProposed => "calendar",
        SessionConfirmed | RescheduleAnswered => "check",
        SessionDeclined | SessionCancelled | AppointmentCancelled => "x",
        AppointmentInvitation => "users-group",
        ApplicationDecided => "inbox",
        ConnectionRequest | ConnectionAccepted => "user-plus",
        MessageReceived => "message",
        ActionItemDue => "list",
        ForumReply => "forum",
        ProgrammeDecision => "layers",
        MatchUpdate => "user-plus",
        CertificateUpdate => "check",
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let state = use_app();
    let unread_only = RwSignal::new(false);
    let items = RwSignal::new(Vec::<Notification>::new());
    let more = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let load = move |append: bool| {
        let before = if append {
            items.with_untracked(|list| list.last().map(|n| n.id))
        } else {
            None
        };
        let query = NotificationQuery {
            unread_only: unread_only.get_untracked(),
            before,
            limit: Some(PAGE),
        };
        spawn_local(async move {
            match api::notifications_list(query).await {
                Ok(list) => {
                    state.unread_notifications.set(list.unread);
                    more.set(list.more);
                    if append {
                        items.update(|all| all.extend(list.items));
                    } else {
                        items.set(list.items);
                    }
                    error.set(None);
                }
                Err(err) => error.set(Some(err.message)),
            }
            loaded.set(true);
        });
    };
    // The first page, again when the tab changes or something new is announced.
    Effect::new(move |_| {
        unread_only.track();
        state.announced.track();
        load(false);
    });

    let open = move |n: Notification| {
        if !n.read {
            items.update(|all| {
                if let Some(item) = all.iter_mut().find(|i| i.id == n.id) {
                    item.read = true;
                }
            });
            state
                .unread_notifications
                .update(|u| *u = u.saturating_sub(1));
            let id = n.id;
            spawn_local(async move {
                let _ = api::notifications_mark_read(NotificationTarget { id }).await;
            });
        }
        state.open_subject(n.subject);
    };
    let mark_all = move |_| {
        spawn_local(async move {
            match api::notifications_mark_all_read().await {
                Ok(n) => {
                    state.unread_notifications.set(0);
                    items.update(|all| all.iter_mut().for_each(|i| i.read = true));
                    if n > 0 {
                        state.toast(if n == 1 {
                            "1 notification marked read".to_string()
                        } else {
                            format!("{n} notifications marked read")
                        });
                    }
                    if unread_only.get_untracked() {
                        load(false);
                    }
                }
                Err(err) => error.set(Some(err.message)),
            }
        });
    };

    let tab = move |only: bool, id: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                id=id
                class="tab"
                class:active=move || unread_only.get() == only
                aria-selected=move || (unread_only.get() == only).to_string()
                role="tab"
                on:click=move |_| unread_only.set(only)
            >
                {label}
            </button>
        }
    };

    view! {
        <div class="page notifications-page">
            <PageHeader
                title="Notifications"
                subtitle="Requests, confirmations, changes, messages and reminders: everything that happened while you were away."
            >
                <button
                    type="button"
                    id="notifications-mark-all"
                    class="button button-secondary"
                    disabled=move || state.unread_notifications.get() == 0
                    on:click=mark_all
                >
                    <Icon name="check" />
                    <span>"Mark all read"</span>
                </button>
            </PageHeader>
            <div class="tabs" role="tablist">
                {tab(false, "notifications-all", "All")}
                {tab(true, "notifications-unread", "Unread")}
                {move || {
                    let n = state.unread_notifications.get();
                    (n > 0).then(|| view! { <span class="tab-count muted">{format!("{n} unread")}</span> })
                }}
            </div>
            {move || error.get().map(|m| view! { <div class="form-error" role="alert">{m}</div> })}
            {move || {
                if !loaded.get() {
                    return view! { <Loading /> }.into_any();
                }
                let list = items.get();
                if list.is_empty() {
                    let (title, text) = if unread_only.get_untracked() {
                        ("All caught up", "You have read every notification.")
                    } else {
                        (
                            "No notifications yet",
                            "Booking requests, confirmations, messages and reminders will appear here.",
                        )
                    };
                    return view! {
                        <div id="notifications-empty">
                            <EmptyState title=title text=text />
                        </div>
                    }
                    .into_any();
                }
                view! {
                    <div class="card notification-list" role="list">
                        {list
                            .into_iter()
                            .map(|n| {
                                let item = n.clone();
                                view! {
                                    <article
                                        class="notification"
                                        class:unread=!n.read
                                        role="listitem"
                                        tabindex="0"
                                        data-notification-id=n.id.to_string()
                                        data-kind=n.kind.key()
                                        data-read=n.read.to_string()
                                        title=format_datetime(n.created_at)
                                        on:click=move |_| open(item.clone())
                                    >
                                        <span class="notification-icon" data-kind=n.kind.key()>
                                            <Icon name=kind_icon(n.kind) />
                                        </span>
                                        <div class="notification-text">
                                            <span class="notification-title">{n.title.clone()}</span>
                                            <span class="notification-body muted">{n.body.clone()}</span>
                                        </div>
                                        <span class="notification-time muted small">{relative_time(n.created_at)}</span>
                                        {(!n.read).then(|| view! { <span class="unread-dot" aria-label="unread"></span> })}
                                    </article>
                                }
                            })
                            .collect_view()}
                    </div>
                    <Show when=move || more.get()>
                        <div class="list-more">
                            <button
                                type="button"
                                id="notifications-more"
                                class="button button-ghost"
                                on:click=move |_| load(true)
                            >
                                "Show older"
                            </button>
                        </div>
                    </Show>
                }
                .into_any()
            }}
        </div>
    }
}

/// "24 hours", "10 minutes", "2 days", "1 hour 30 minutes".
fn lead_label(minutes: u32) -> String {
    let plural = |n: u32, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let (days, hours, rest) = (minutes / 1440, minutes / 60, minutes % 60);
    if minutes >= 2880 && days * 1440 == minutes {
        plural(days, "day")
    } else if rest == 0 {
        plural(hours, "hour")
    } else if hours > 0 {
        format!("{} {}", plural(hours, "hour"), plural(rest, "minute"))
    } else {
        plural(minutes, "minute")
    }
}

/// Lead times, native kinds, the tray and login behaviour, and pausing reminders.
#[component]
pub fn NotificationSettingsCard() -> impl IntoView {
    let state = use_app();
    let settings = RwSignal::new(None::<NotificationSettings>);
    let leads = RwSignal::new(Vec::<u32>::new());
    let native = RwSignal::new(Vec::<NotificationKind>::new());
    let close_to_tray = RwSignal::new(true);
    let start_at_login = RwSignal::new(false);
    let amount = RwSignal::new(String::new());
    let unit = RwSignal::new("minutes".to_string());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let take = move |s: NotificationSettings| {
        leads.set(s.lead_minutes.clone());
        native.set(s.native.clone());
        close_to_tray.set(s.close_to_tray);
        start_at_login.set(s.start_at_login);
        settings.set(Some(s));
    };
    spawn_local(async move {
        match api::notification_settings_get().await {
            Ok(s) => take(s),
            Err(err) => errors.set(Some(err)),
        }
    });

    let add_lead = move || {
        let text = amount.get_untracked();
        let Ok(n) = text.trim().parse::<u32>() else {
            errors.set(Some(ApiError::field(
                "lead_minutes",
                "Enter how long before, as a whole number.",
            )));
            return;
        };
        let minutes = match unit.get_untracked().as_str() {
            "days" => n.saturating_mul(1440),
            "hours" => n.saturating_mul(60),
            _ => n,
        };
        errors.set(None);
        leads.update(|l| {
            if !l.contains(&minutes) {
                l.push(minutes);
                l.sort_unstable_by(|a, b| b.cmp(a));
            }
        });
        amount.set(String::new());
    };
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        errors.set(None);
        let req = NotificationSettingsUpdate {
            lead_minutes: leads.get_untracked(),
            native: native.get_untracked(),
            close_to_tray: close_to_tray.get_untracked(),
            start_at_login: start_at_login.get_untracked(),
        };
        spawn_local(async move {
            match api::notification_settings_save(req).await {
                Ok(s) => {
                    take(s);
                    state.toast("Notification settings saved");
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };
    let pause = move |minutes: u32| {
        spawn_local(async move {
            match api::reminders_pause(PauseReminders { minutes }).await {
                Ok(s) => {
                    let paused = s.paused_until.is_some();
                    settings.set(Some(s));
                    state.toast(if paused {
                        "Reminders paused for an hour"
                    } else {
                        "Reminders are on again"
                    });
                }
                Err(err) => errors.set(Some(err)),
            }
        });
    };

    let status = move || {
        settings.with(|s| {
            s.as_ref().map(|s| match &s.native_status {
                NativeStatus::Available(server) => view! {
                    <p id="native-status" class="native-status ok" data-available="true">
                        <Icon name="check" />
                        <span>{format!("Desktop notifications are on (shown by {server}).")}</span>
                    </p>
                }
                .into_any(),
                NativeStatus::Unavailable(why) => view! {
                    <p id="native-status" class="native-status warn" data-available="false">
                        <Icon name="bell" />
                        <span>
                            {format!(
                                "Desktop notifications are not available on this computer: {why} Everything still arrives in Notifications inside Mentordesk."
                            )}
                        </span>
                    </p>
                }
                .into_any(),
            })
        })
    };
    let pause_row = move || {
        settings.with(|s| {
            s.as_ref().map(|s| match s.paused_until {
                Some(until) => view! {
                    <div class="pause-row">
                        <span id="paused-until">{format!("Reminders are paused until {}.", format_datetime(until))}</span>
                        <button type="button" id="reminders-resume" class="button button-secondary button-sm" on:click=move |_| pause(0)>
                            "Resume now"
                        </button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <div class="pause-row">
                        <span class="muted">"Reminders are on."</span>
                        <button type="button" id="reminders-pause" class="button button-secondary button-sm" on:click=move |_| pause(60)>
                            <Icon name="pause" />
                            <span>"Pause for an hour"</span>
                        </button>
                    </div>
                }
                .into_any(),
            })
        })
    };

    view! {
        <section class="card" id="notification-settings">
            <header class="section-header">
                <h2>"Notifications and reminders"</h2>
                <p class="muted">"When Mentordesk reminds you of sessions and appointments, and what appears on your desktop."</p>
            </header>
            {move || {
                if settings.with(Option::is_none) && errors.with(Option::is_none) {
                    return view! { <Loading /> }.into_any();
                }
                view! {
                    <div class="settings-block">
                        <h3>"Remind me before each session"</h3>
                        <ul class="lead-chips">
                            <For
                                each=move || leads.get()
                                key=|m| *m
                                children=move |m| {
                                    view! {
                                        <li class="lead-chip" data-minutes=m.to_string()>
                                            <span>{format!("{} before", lead_label(m))}</span>
                                            <button
                                                type="button"
                                                class="lead-remove"
                                                aria-label=format!("Remove the reminder {} before", lead_label(m))
                                                on:click=move |_| leads.update(|l| l.retain(|x| *x != m))
                                            >
                                                <Icon name="x" />
                                            </button>
                                        </li>
                                    }
                                }
                            />
                            {move || leads.with(Vec::is_empty).then(|| view! { <li class="muted">"No reminders"</li> })}
                        </ul>
                        <div class="lead-add-row">
                            <input
                                id="lead-amount"
                                class="input input-narrow"
                                type="number"
                                min="1"
                                placeholder="15"
                                aria-label="How long before"
                                bind:value=amount
                                on:keydown=move |ev| {
                                    if ev.key() == "Enter" {
                                        ev.prevent_default();
                                        add_lead();
                                    }
                                }
                            />
                            <select id="lead-unit" class="input input-narrow" aria-label="Unit" bind:value=unit>
                                <option value="minutes">"minutes"</option>
                                <option value="hours">"hours"</option>
                                <option value="days">"days"</option>
                            </select>
                            <button type="button" id="lead-add" class="button button-secondary button-sm" on:click=move |_| add_lead()>
                                <Icon name="plus" />
                                <span>"Add reminder"</span>
                            </button>
                        </div>
                        <FieldError errors=errors field="lead_minutes" />
                        <p class="hint">"From 1 minute to 7 days before; up to 5 reminders."</p>
                        {pause_row}
                    </div>
                    <div class="settings-block">
                        <h3>"Show on the desktop"</h3>
                        {status}
                        <div class="native-kinds">
                            {NotificationKind::ALL
                                .into_iter()
                                .map(|kind| {
                                    view! {
                                        <label class="checkbox">
                                            <input
                                                type="checkbox"
                                                class="native-kind"
                                                data-kind=kind.key()
                                                prop:checked=move || native.with(|n| n.contains(&kind))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    native.update(|n| {
                                                        n.retain(|k| *k != kind);
                                                        if on {
                                                            n.push(kind);
                                                        }
                                                    });
                                                }
                                            />
                                            <span class="checkbox-label">{kind.label()}</span>
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </div>
                    <div class="settings-block">
                        <h3>"This computer"</h3>
                        <label class="checkbox">
                            <input type="checkbox" id="close-to-tray" bind:checked=close_to_tray />
                            <span>
                                <span class="checkbox-label">"Keep running in the tray when the window is closed"</span>
                                <span class="hint">"Reminders still arrive; quit from the tray icon."</span>
                            </span>
                        </label>
                        <label class="checkbox">
                            <input type="checkbox" id="start-at-login" bind:checked=start_at_login />
                            <span>
                                <span class="checkbox-label">"Start Mentordesk when I log in"</span>
                                <span class="hint">"It starts in the tray, ready to remind you."</span>
                            </span>
                        </label>
                    </div>
                    <FormError errors=errors shown=vec!["lead_minutes"] />
                    <div class="form-actions">
                        <button
                            type="button"
                            id="notification-settings-save"
                            class="button button-primary"
                            disabled=move || busy.get()
                            on:click=save
                        >
                            {move || if busy.get() { "Saving…" } else { "Save notification settings" }}
                        </button>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
