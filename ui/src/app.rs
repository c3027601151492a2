//! The root: start-up, the signed-out screens, and the signed-in shell with its sidebar.

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::icon::Icon;
use crate::components::layout::Loading;
use crate::components::toast::ToastHost;
use crate::pages;
use crate::state::{use_app, AppState, AuthScreen, Catalog, Page};
use crate::util::role_label;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::conversations::{Notification, Subject};
use std::time::Duration;

/// How long after the backend's inactivity timeout the UI signs out on its own.
const IDLE_GRACE_MS: f64 = 60_000.0;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    listen_to_the_shell(state);

    api::set_session_ended_handler(move |_err| {
        if state.me.with_untracked(Option::is_some) {
            state.leave(Some(
                "Your session has ended. Please sign in again to continue.".to_string(),
            ));
        }
    });

    // Start-up: ask the backend where we stand, once.
    let status = LocalResource::new(api::app_status);
    Effect::new(move |_| {
        let Some(result) = status.get() else {
            return;
        };
        match result {
            Ok(status) => {
                state.data_dir.set(status.data_dir);
                if status.needs_first_admin {
                    state.screen.set(AuthScreen::FirstAdmin);
                } else {
                    state.screen.set(AuthScreen::SignIn);
                    if let Some(me) = status.signed_in {
                        state.enter(me, Page::Home);
                    }
                }
            }
            Err(err) => state.startup_error.set(Some(err.message)),
        }
    });

    let signed_in = Memo::new(move |_| state.me.with(Option::is_some));

    view! {
        {move || {
            if signed_in.get() {
                view! { <Shell /> }.into_any()
            } else {
                view! { <SignedOut /> }.into_any()
            }
        }}
        <ToastHost />
    }
}

/// First run, sign-in, sign-up and reset, chosen by [`AuthScreen`].
#[component]
fn SignedOut() -> impl IntoView {
    let state = use_app();
    let screen = Memo::new(move |_| state.screen.get());
    move || {
        if let Some(message) = state.startup_error.get() {
            return view! {
                <div class="splash">
                    <div class="card splash-card">
                        <h1>"Mentordesk could not start"</h1>
                        <p class="muted">{message}</p>
                    </div>
                </div>
            }
            .into_any();
        }
        match screen.get() {
            AuthScreen::Loading => view! {
                <div class="splash">
                    <div class="wordmark">
                        <span class="wordmark-mark" aria-hidden="true">"M"</span>
                        <span>"Mentordesk"</span>
                    </div>
                    <Loading label="Opening your workspace…" />
                </div>
            }
            .into_any(),
            AuthScreen::FirstAdmin => view! { <pages::first_run::FirstRun /> }.into_any(),
            AuthScreen::SignIn => view! { <pages::sign_in::SignInPage /> }.into_any(),
            AuthScreen::SignUp => view! { <pages::sign_up::SignUpPage /> }.into_any(),
            AuthScreen::Reset => view! { <pages::reset::ResetPage /> }.into_any(),
            AuthScreen::Verify => view! { <pages::certificates::VerifyScreen /> }.into_any(),
        }
    }
}

/// Watches for inactivity. While the user types or clicks, a throttled `accounts_me` keeps the
/// backend session alive (work inside a long form is activity too). When nobody has touched the
/// app for the backend's timeout plus a minute of grace, the UI signs out by itself, so an
/// unattended screen does not keep showing data. Within the grace minute the next command's
/// `unauthenticated` answer returns to sign-in as usual.
fn watch_activity(state: AppState) {
    let heartbeat_in_flight = StoredValue::new(false);
    let on_input = move || {
        let now = js_sys::Date::now();
        state.last_input_ms.set_value(now);
        let timeout_ms = state.me.with_untracked(|me| {
            me.as_ref()
                .map(|m| f64::from(m.inactivity_timeout_minutes) * 60_000.0)
                .unwrap_or(0.0)
        });
        if timeout_ms <= 0.0 {
            return;
        }
        let every = (timeout_ms / 2.0).min(60_000.0);
        if now - api::last_call_ms() > every && !heartbeat_in_flight.get_value() {
            heartbeat_in_flight.set_value(true);
            spawn_local(async move {
                let _ = api::accounts_me().await;
                heartbeat_in_flight.set_value(false);
            });
        }
    };
    let keys = window_event_listener(ev::keydown, move |_| on_input());
    let pointer = window_event_listener(ev::pointerdown, move |_| on_input());
    let wheel = window_event_listener(ev::wheel, move |_| on_input());

    let interval = set_interval_with_handle(
        move || {
            let Some(minutes) = state
                .me
                .with_untracked(|me| me.as_ref().map(|m| m.inactivity_timeout_minutes))
            else {
                return;
            };
            if minutes == 0 {
                return;
            }
            let idle = js_sys::Date::now() - state.last_input_ms.get_value();
            if idle > f64::from(minutes) * 60_000.0 + IDLE_GRACE_MS {
                let plural = if minutes == 1 { "" } else { "s" };
                state.sign_out(Some(format!(
                    "You were signed out after {minutes} minute{plural} without activity. Sign in again to continue."
                )));
            }
        },
        Duration::from_secs(10),
    )
    .ok();

    on_cleanup(move || {
        keys.remove();
        pointer.remove();
        wheel.remove();
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}

/// The signed-in app: sidebar on the left, the current page on the right.
#[component]
fn Shell() -> impl IntoView {
    let state = use_app();
    provide_context(Catalog::new());
    watch_activity(state);
    follow_the_shell(state);

    let page = Memo::new(move |_| state.page.get());
    let content = move || match page.get() {
        Page::Home => view! { <pages::home::HomePage /> }.into_any(),
        Page::Onboarding => view! { <pages::onboarding::OnboardingPage /> }.into_any(),
        Page::Profile => view! { <pages::profile_editor::ProfileEditorPage /> }.into_any(),
        Page::Directory => view! { <pages::directory::DirectoryPage /> }.into_any(),
        Page::Person(user_id) => view! { <pages::person::PersonPage user_id=user_id /> }.into_any(),
        Page::Settings => view! { <pages::settings::SettingsPage /> }.into_any(),
        Page::Apply => view! { <pages::apply::ApplyPage /> }.into_any(),
        Page::AdminPeople => view! { <pages::admin_people::PeoplePage /> }.into_any(),
        Page::AdminApplications => {
            view! { <pages::admin_applications::ApplicationsPage /> }.into_any()
        }
        Page::AdminRoles => view! { <pages::admin_roles::RolesPage /> }.into_any(),
        Page::AdminAudit => view! { <pages::admin_audit::AuditPage /> }.into_any(),
        Page::Sessions => view! { <pages::sessions::SessionsPage /> }.into_any(),
        Page::Session(session_id) => {
            view! { <pages::session::SessionPage session_id=session_id /> }.into_any()
        }
        Page::Availability => view! { <pages::availability::AvailabilityPage /> }.into_any(),
        Page::Book(mentor_id) => view! { <pages::book::BookPage mentor_id=mentor_id /> }.into_any(),
        Page::Appointments => view! { <pages::appointments::AppointmentsPage /> }.into_any(),
        Page::Notifications => view! { <pages::notifications::NotificationsPage /> }.into_any(),
        Page::Messages(open) => view! { <pages::messages::MessagesPage open=open /> }.into_any(),
        Page::Connections => view! { <pages::connections::ConnectionsPage /> }.into_any(),
        Page::Groups => view! { <pages::groups::GroupsPage /> }.into_any(),
        Page::Group(group_id) => {
            view! { <pages::groups::GroupPage group_id=group_id /> }.into_any()
        }
        Page::Thread(thread_id) => {
            view! { <pages::groups::ThreadPage thread_id=thread_id /> }.into_any()
        }
        Page::Programmes => view! { <pages::programmes::ProgrammesPage /> }.into_any(),
        Page::Programme(programme_id) => {
            view! { <pages::programmes::ProgrammePage programme_id=programme_id /> }.into_any()
        }
        Page::Dashboard => view! { <pages::dashboard::DashboardPage /> }.into_any(),
        Page::Certificates => view! { <pages::certificates::CertificatesPage /> }.into_any(),
        Page::AdminImport => view! { <pages::admin_import::ImportPage /> }.into_any(),
    };

    view! {
        <div class="shell">
            <Sidebar />
            <main class="content">
                <div class="content-inner">{content}</div>
            </main>
        </div>
    }
}

/// Listens to the shell: a new notification for the person signed in updates the badges
/// (and lets the pages showing its subject refresh); a click on a native notification or
/// the tray's next session opens its subject. The badges are also read on entry and every
/// minute, so counts changed elsewhere (another window's answers) catch up.
fn follow_the_shell(state: AppState) {
    state.refresh_badges();
    let interval =
        set_interval_with_handle(move || state.refresh_badges(), Duration::from_secs(60)).ok();
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}

/// Installs the shell's event listeners once for the life of the page.
fn listen_to_the_shell(state: AppState) {
    api::listen("notification", move |n: Notification| {
        if state.me.with_untracked(Option::is_none) {
            return;
        }
        state.announced.set(Some(n));
        state.refresh_badges();
    });
    api::listen(
        "import-progress",
        move |p: mentordesk_shared::imports::ImportProgress| state.import_progress.set(Some(p)),
    );
    api::listen("open-subject", move |subject: Subject| {
        if state.me.with_untracked(Option::is_some) {
            state.open_subject(subject);
        }
    });
}

#[component]
fn NavItem(
    id: &'static str,
    label: &'static str,
    icon: &'static str,
    target: Page,
    /// A count shown as a badge when above zero.
    #[prop(optional, into)]
    badge: Option<Signal<u32>>,
) -> impl IntoView {
    let state = use_app();
    let active = move || {
        let page = state.page.get();
        page.section() == target || (page.is_detail() && state.back.get_value() == target)
    };
    let badge = badge.map(|count| {
        move || {
            let n = count.get();
            (n > 0).then(|| {
                let text = if n > 99 { "99+".to_string() } else { n.to_string() };
                view! {
                    <span class="nav-badge" id=format!("{id}-badge") aria-label=format!("{n} unread")>
                        {text}
                    </span>
                }
            })
        }
    });
    view! {
        <button
            type="button"
            id=id
            class="nav-item"
            class:active=active
            aria-current=move || if active() { Some("page") } else { None }
            on:click=move |_| state.go(target)
        >
            <Icon name=icon />
            <span>{label}</span>
            {badge}
        </button>
    }
}

#[component]
fn Sidebar() -> impl IntoView {
    let state = use_app();
    let can = move |p: Permission| state.can(p);
    let any_admin = move || {
        can(Permission::UsersViewAll)
            || can(Permission::UsersManage)
            || can(Permission::ApplicationsReview)
            || can(Permission::RolesManage)
            || can(Permission::AuditView)
    };
    let name = move || {
        state
            .me
            .with(|me| me.as_ref().map(|m| m.display_name()).unwrap_or_default())
    };
    let avatar = move || {
        state.me.with(|me| {
            me.as_ref().map(|me| {
                view! { <Avatar name=me.display_name() photo=me.photo.clone() size="md" /> }
            })
        })
    };
    let roles = move || {
        state.me.with(|me| {
            me.as_ref().map(|me| {
                me.roles
                    .iter()
                    .map(|r| {
                        let label = if r.name.is_empty() {
                            role_label(&r.key)
                        } else {
                            r.name.clone()
                        };
                        view! { <span class="role-pill" data-role=r.key.clone()>{label}</span> }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <aside class="sidebar">
            <div class="wordmark">
                <span class="wordmark-mark" aria-hidden="true">"M"</span>
                <span>"Mentordesk"</span>
            </div>
            <nav class="nav" aria-label="Main">
                <NavItem id="nav-home" label="Home" icon="home" target=Page::Home />
                <Show when=move || can(Permission::DirectoryView)>
                    <NavItem id="nav-directory" label="Find a mentor" icon="compass" target=Page::Directory />
                </Show>
                <NavItem id="nav-programmes" label="Programmes" icon="layers" target=Page::Programmes />
                <Show when=move || can(Permission::ProgrammesCreate) || can(Permission::ProgrammesOversee)>
                    <NavItem id="nav-dashboard" label="Dashboard" icon="chart" target=Page::Dashboard />
                </Show>
                <NavItem id="nav-sessions" label="Sessions" icon="calendar" target=Page::Sessions />
                <Show when=move || can(Permission::AvailabilityManage)>
                    <NavItem id="nav-availability" label="Availability" icon="clock" target=Page::Availability />
                </Show>
                <NavItem id="nav-appointments" label="Appointments" icon="users-group" target=Page::Appointments />
                <NavItem
                    id="nav-messages"
                    label="Messages"
                    icon="message"
                    target=Page::Messages(None)
                    badge=Signal::from(state.unread_messages)
                />
                <NavItem
                    id="nav-notifications"
                    label="Notifications"
                    icon="bell"
                    target=Page::Notifications
                    badge=Signal::from(state.unread_notifications)
                />
                <NavItem id="nav-connections" label="Connections" icon="user-plus" target=Page::Connections />
                <NavItem id="nav-groups" label="Groups" icon="forum" target=Page::Groups />
                <NavItem id="nav-certificates" label="Certificates" icon="award" target=Page::Certificates />
                <Show when=move || can(Permission::ProfileEditOwn)>
                    <NavItem id="nav-profile" label="My profile" icon="user" target=Page::Profile />
                </Show>
                <Show when=move || can(Permission::ApplicationSubmit)>
                    <NavItem id="nav-apply" label="Apply" icon="send" target=Page::Apply />
                </Show>
                <NavItem id="nav-settings" label="Settings" icon="settings" target=Page::Settings />
                <Show when=any_admin>
                    <p class="nav-heading">"Administration"</p>
                </Show>
                <Show when=move || can(Permission::UsersViewAll)>
                    <NavItem id="nav-admin-people" label="People" icon="users" target=Page::AdminPeople />
                </Show>
                <Show when=move || can(Permission::UsersManage)>
                    <NavItem id="nav-admin-import" label="Import people" icon="user-plus" target=Page::AdminImport />
                </Show>
                <Show when=move || can(Permission::ApplicationsReview)>
                    <NavItem
                        id="nav-admin-applications"
                        label="Applications"
                        icon="inbox"
                        target=Page::AdminApplications
                    />
                </Show>
                <Show when=move || can(Permission::RolesManage)>
                    <NavItem
                        id="nav-admin-roles"
                        label="Roles & permissions"
                        icon="shield"
                        target=Page::AdminRoles
                    />
                </Show>
                <Show when=move || can(Permission::AuditView)>
                    <NavItem id="nav-admin-audit" label="Audit log" icon="list" target=Page::AdminAudit />
                </Show>
            </nav>
            <div class="sidebar-user">
                <div class="sidebar-user-row">
                    {avatar}
                    <div class="sidebar-user-text">
                        <span class="sidebar-user-name" id="current-user-name">{name}</span>
                        <span class="sidebar-user-roles" id="current-user-roles">{roles}</span>
                    </div>
                </div>
                <button
                    type="button"
                    id="signout"
                    class="button button-ghost button-block"
                    on:click=move |_| state.sign_out(None)
                >
                    <Icon name="logout" />
                    <span>"Sign out"</span>
                </button>
            </div>
        </aside>
    }
}
