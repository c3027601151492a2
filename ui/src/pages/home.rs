//! Home: a greeting, what to do next, the next sessions, and (for admins) what waits for review.
//!
//! Element ids: `home-onboarding`, `home-edit-profile`, `home-pending-count`,
//! `home-review-applications`, `home-next-sessions` (card), `home-awaiting-count`,
//! `home-all-sessions`; rows of the next sessions are `li.session-row[data-session-id]`.

use crate::api;
use crate::components::icon::Icon;
use crate::components::layout::Loading;
use crate::pages::sessions::SessionRow;
use crate::state::{use_app, Page};
use crate::util::{format_date, greeting, status_class, status_label};
use leptos::prelude::*;
use mentordesk_shared::access::Permission;
use mentordesk_shared::accounts::OnboardingStatus;
use mentordesk_shared::admin::{ApplicationQuery, ApplicationStatus};
use mentordesk_shared::profiles::UserRef;
use mentordesk_shared::sessions::{SessionFilter, SessionScope};

/// How many upcoming sessions the home page lists.
const NEXT_SESSIONS: usize = 3;

#[component]
fn ProgressBar(#[prop(into)] percent: Signal<u8>) -> impl IntoView {
    view! {
        <div
            class="progress"
            role="progressbar"
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=move || percent.get().to_string()
        >
            <div class="progress-fill" style=move || format!("width: {}%", percent.get().min(100))></div>
        </div>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app();
    let first_name = move || {
        state.me.with(|me| {
            me.as_ref()
                .map(|m| m.first_name.clone())
                .unwrap_or_default()
        })
    };
    let can = move |p: Permission| state.can(p);

    let profile = LocalResource::new(move || {
        state.revision.track();
        async move { api::profile_get(UserRef { user_id: None }).await }
    });
    let mine = LocalResource::new(move || {
        state.revision.track();
        let allowed = state.can(Permission::ApplicationSubmit);
        async move {
            if allowed {
                api::applications_mine().await.ok()
            } else {
                None
            }
        }
    });
    let pending = LocalResource::new(move || {
        state.revision.track();
        let allowed = state.can(Permission::ApplicationsReview);
        async move {
            if allowed {
                api::applications_list(ApplicationQuery {
                    status: Some(ApplicationStatus::Pending),
                    role: None,
                })
                .await
                .ok()
                .map(|list| list.len())
            } else {
                None
            }
        }
    });

    // One list answers both "what's next" and "how many wait for me".
    let upcoming = LocalResource::new(move || {
        state.revision.track();
        api::sessions_list(SessionFilter {
            scope: SessionScope::Upcoming,
            ..SessionFilter::default()
        })
    });

    let onboarding = move || {
        state.me.with(|me| {
            me.as_ref()
                .filter(|me| me.onboarding_status != OnboardingStatus::Completed)
                .map(|me| (me.onboarding_status, me.onboarding_step))
        })
    };

    let onboarding_card = move || {
        onboarding().map(|(status, step)| {
            let step = step.clamp(1, 4);
            let (title, button) = match status {
                OnboardingStatus::NotStarted => ("Set up your profile", "Start onboarding"),
                _ => ("Finish setting up your profile", "Continue onboarding"),
            };
            let percent = if status == OnboardingStatus::NotStarted { 0 } else { (step - 1) * 25 };
            view! {
                <section class="card card-accent home-onboarding">
                    <div class="card-icon"><Icon name="sparkles" /></div>
                    <div class="card-main">
                        <h2>{title}</h2>
                        <p class="muted">
                            "Four short steps — about you, your story, your skills and how you like to work. "
                            {format!("You're on step {step} of 4.")}
                        </p>
                        <ProgressBar percent=percent />
                    </div>
                    <button
                        type="button"
                        id="home-onboarding"
                        class="button button-primary"
                        on:click=move |_| state.go(Page::Onboarding)
                    >
                        {button}
                    </button>
                </section>
            }
        })
    };

    let completeness_card = move || match profile.get() {
        None => view! { <section class="card"><Loading /></section> }.into_any(),
        Some(Err(err)) => view! {
            <section class="card">
                <h2>"Your profile"</h2>
                <p class="form-error">{err.message}</p>
            </section>
        }
        .into_any(),
        Some(Ok(profile)) => {
            let c = profile.completeness;
            let percent = c.percent;
            let missing = c.missing.clone();
            view! {
                <section class="card home-completeness">
                    <div class="card-title-row">
                        <h2>"Profile completeness"</h2>
                        <span class="big-number">{format!("{percent}%")}</span>
                    </div>
                    <ProgressBar percent=percent />
                    {if c.complete || missing.is_empty() {
                        view! {
                            <p class="muted">
                                "Your profile is complete. Mentors and admins see everything they need."
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="muted">"Still missing:"</p>
                            <ul class="missing-list">
                                {missing
                                    .into_iter()
                                    .take(6)
                                    .map(|item| view! { <li>{item}</li> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                    <Show when=move || can(Permission::ProfileEditOwn)>
                        <button
                            type="button"
                            class="button button-secondary"
                            id="home-edit-profile"
                            on:click=move |_| state.go(Page::Profile)
                        >
                            "Edit my profile"
                        </button>
                    </Show>
                </section>
            }
            .into_any()
        }
    };

    let applications_card = move || {
        mine.get().flatten().map(|mut apps| {
            apps.sort_by_key(|a| std::cmp::Reverse(a.created_at));
            let body = if apps.is_empty() {
                view! {
                    <p class="muted">
                        "You haven't applied for a role yet. Mentors and programme managers are approved by an administrator."
                    </p>
                    <button type="button" class="button button-secondary" on:click=move |_| state.go(Page::Apply)>
                        "Start an application"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <ul class="status-list">
                        {apps
                            .into_iter()
                            .map(|app| {
                                view! {
                                    <li>
                                        <div>
                                            <strong>{app.role.label()}</strong>
                                            <span class="muted">{format!(" · sent {}", format_date(app.created_at))}</span>
                                            {app.decision_reason.filter(|r| !r.is_empty()).map(|r| view! { <p class="muted small">{r}</p> })}
                                        </div>
                                        <span class=status_class(app.status)>{status_label(app.status)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="button button-ghost" on:click=move |_| state.go(Page::Apply)>
                        "View applications"
                    </button>
                }
                .into_any()
            };
            view! {
                <section class="card">
                    <h2>"My applications"</h2>
                    {body}
                </section>
            }
        })
    };

    let admin_card = move || {
        pending.get().flatten().map(|count| {
            let text = match count {
                0 => "No applications are waiting. You're all caught up.".to_string(),
                1 => "1 application is waiting for a decision.".to_string(),
                n => format!("{n} applications are waiting for a decision."),
            };
            view! {
                <section class="card card-stat">
                    <div class="card-title-row">
                        <h2>"Pending applications"</h2>
                        <span class="big-number" id="home-pending-count">{count}</span>
                    </div>
                    <p class="muted">{text}</p>
                    <button
                        type="button"
                        class="button button-primary"
                        id="home-review-applications"
                        on:click=move |_| state.go(Page::AdminApplications)
                    >
                        "Review applications"
                    </button>
                </section>
            }
        })
    };

    let sessions_card = move || {
        let body = match upcoming.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(err)) => view! { <p class="form-error">{err.message}</p> }.into_any(),
            Some(Ok(list)) => {
                let awaiting = list.sessions.iter().filter(|s| s.awaiting_me).count();
                let next: Vec<_> = list.sessions.into_iter().take(NEXT_SESSIONS).collect();
                view! {
                    {(awaiting > 0).then(|| view! {
                        <p class="awaiting-line">
                            <span class="awaiting-count" id="home-awaiting-count">{awaiting}</span>
                            {if awaiting == 1 {
                                " session is awaiting your answer".to_string()
                            } else {
                                " sessions are awaiting your answer".to_string()
                            }}
                        </p>
                    })}
                    {if next.is_empty() {
                        view! {
                            <p class="muted">
                                "No upcoming sessions. Book one from a mentor's profile, or wait for a mentor's proposal."
                            </p>
                        }
                        .into_any()
                    } else {
                        view! {
                            <ul class="session-list compact">
                                {next.into_iter().map(|s| view! { <SessionRow session=s show_date=true /> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                }
                .into_any()
            }
        };
        view! {
            <section class="card home-sessions" id="home-next-sessions">
                <div class="card-title-row">
                    <h2>"Next sessions"</h2>
                    <button
                        type="button"
                        class="button button-ghost button-sm"
                        id="home-all-sessions"
                        on:click=move |_| state.go(Page::Sessions)
                    >
                        "All sessions"
                    </button>
                </div>
                {body}
            </section>
        }
    };

    let quick_link =
        move |label: &'static str, text: &'static str, icon: &'static str, page: Page| {
            view! {
                <button type="button" class="quick-link" on:click=move |_| state.go(page)>
                    <span class="quick-link-icon"><Icon name=icon /></span>
                    <span class="quick-link-text">
                        <strong>{label}</strong>
                        <span class="muted">{text}</span>
                    </span>
                </button>
            }
        };

    view! {
        <div class="page home">
            <header class="page-header">
                <div>
                    <h1>{move || format!("{}, {}", greeting(), first_name())}</h1>
                    <p class="muted">"Here is what's happening in your mentoring workspace."</p>
                </div>
            </header>
            {onboarding_card}
            <div class="grid grid-2">
                {sessions_card}
                {completeness_card}
                {admin_card}
                {applications_card}
            </div>
            <section class="quick-links">
                <h2 class="section-title">"Quick links"</h2>
                <div class="grid grid-3">
                    <Show when=move || can(Permission::DirectoryView)>
                        {quick_link("Find a mentor", "Browse mentors by skill and time zone", "compass", Page::Directory)}
                    </Show>
                    {quick_link("Sessions", "Your mentoring sessions and their notes", "calendar", Page::Sessions)}
                    <Show when=move || can(Permission::AvailabilityManage)>
                        {quick_link("Availability", "When mentees can book you", "clock", Page::Availability)}
                    </Show>
                    <Show when=move || can(Permission::ProfileEditOwn)>
                        {quick_link("My profile", "Tell people who you are", "user", Page::Profile)}
                    </Show>
                    <Show when=move || can(Permission::UsersViewAll)>
                        {quick_link("People", "Everyone in the workspace", "users", Page::AdminPeople)}
                    </Show>
                    {quick_link("Settings", "Password, blocked people, workspace", "settings", Page::Settings)}
                </div>
            </section>
        </div>
    }
}
