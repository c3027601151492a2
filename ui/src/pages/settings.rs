//! Settings: notifications and reminders, change password, blocked people, and where the
//! workspace lives.

use crate::api;
use crate::components::auth::NewPasswordField;
use crate::components::forms::{FormError, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{Loading, PageHeader};
use crate::state::use_app;
use crate::util::format_date;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::accounts::ChangePassword;
use mentordesk_shared::profiles::UserTarget;
use mentordesk_shared::{ApiError, ErrorCode};

#[component]
fn PasswordCard() -> impl IntoView {
    let state = use_app();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        current.set(String::new());
        new.set(String::new());
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::accounts_change_password(req).await {
                Ok(()) => state.toast("Password changed"),
                Err(err) if err.code == ErrorCode::Unauthenticated => {
                    // Either the current password was wrong or the session ended:
                    // asking for the signed-in user tells them apart (and signs out if ended).
                    if api::accounts_me().await.is_ok() {
                        errors.set(Some(ApiError::field("current_password", err.message)));
                    }
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card">
            <header class="section-header">
                <h2>"Change password"</h2>
                <p class="muted">"You'll stay signed in on this computer."</p>
            </header>
            <form class="form narrow" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["current_password", "new_password"] />
                <TextField
                    label="Current password"
                    id="password-current"
                    field="current_password"
                    input_type="password"
                    value=current
                    errors=errors
                    autocomplete="current-password"
                />
                <NewPasswordField
                    label="New password"
                    id="password-new"
                    field="new_password"
                    value=new
                    errors=errors
                />
                <div>
                    <button type="submit" id="password-submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Changing…" } else { "Change password" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn BlockedCard() -> impl IntoView {
    let state = use_app();
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let blocked = LocalResource::new(move || {
        version.track();
        api::blocks_list()
    });

    let unblock = move |user_id| {
        error.set(None);
        spawn_local(async move {
            match api::blocks_remove(UserTarget { user_id }).await {
                Ok(()) => {
                    state.toast("Unblocked");
                    version.update(|v| *v += 1);
                }
                Err(err) => error.set(Some(err.message)),
            }
        });
    };

    view! {
        <section class="card">
            <header class="section-header">
                <h2>"Blocked people"</h2>
                <p class="muted">"People you block cannot message you or book sessions with you."</p>
            </header>
            {move || error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            {move || match blocked.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="muted empty-inline">"You haven't blocked anyone. You can block someone from their profile page."</p>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="row-list">
                        {list
                            .into_iter()
                            .map(|person| {
                                let id = person.user_id;
                                view! {
                                    <li class="blocked-user" data-user-id=id.to_string()>
                                        <div>
                                            <strong>{person.name}</strong>
                                            <span class="muted small">{format!(" · blocked {}", format_date(person.blocked_at))}</span>
                                        </div>
                                        <button type="button" class="button button-secondary button-sm unblock" on:click=move |_| unblock(id)>
                                            "Unblock"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let email = move || {
        state
            .me
            .with(|me| me.as_ref().map(|m| m.email.clone()).unwrap_or_default())
    };
    let timeout = move || {
        state.me.with(|me| {
            me.as_ref()
                .map(|m| m.inactivity_timeout_minutes)
                .unwrap_or(0)
        })
    };
    view! {
        <div class="page settings">
            <PageHeader title="Settings" subtitle="Your account, your notifications and this workspace." />
            <div class="stack">
                <section class="card">
                    <header class="section-header">
                        <h2>"Account"</h2>
                    </header>
                    <dl class="details">
                        <div class="detail">
                            <dt>"E-mail"</dt>
                            <dd>{email}</dd>
                        </div>
                        <div class="detail">
                            <dt>"Automatic sign-out"</dt>
                            <dd>
                                {move || match timeout() {
                                    0 => "Off".to_string(),
                                    1 => "After 1 minute without activity".to_string(),
                                    n => format!("After {n} minutes without activity"),
                                }}
                            </dd>
                        </div>
                    </dl>
                </section>
                <crate::pages::notifications::NotificationSettingsCard />
                <PasswordCard />
                <BlockedCard />
                <section class="card">
                    <header class="section-header">
                        <h2>"Workspace"</h2>
                        <p class="muted">"Everything Mentordesk stores lives in this folder on your computer. Back it up to keep your data safe."</p>
                    </header>
                    <div class="path-box">
                        <Icon name="folder" />
                        <code id="workspace-location" class="selectable">{move || state.data_dir.get()}</code>
                    </div>
                </section>
            </div>
        </div>
    }
}
