//! Someone else's profile: header, story, skills, a mentor's rating, "Book a session", and
//! Block / Unblock.
//!
//! Element ids: `person-back`, `person-name`, `person-rating` (mentors: "★ 4.5 (12 ratings)" or
//! "No ratings yet"), `book-session` (mentors, for people who may request sessions),
//! `block-button`, `unblock-button`, `confirm-yes`; `connect-button` (no connection yet),
//! `connection-pending` (asked, waiting), `connection-accept` (they asked), `connected-badge`,
//! `message-button` (opens the direct conversation, or says why not in `connect-error`).

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::ConfirmDialog;
use crate::components::icon::Icon;
use crate::components::layout::Loading;
use crate::components::stars::RatingSummaryLine;
use crate::state::{use_app, Page};
use crate::util::{format_date, local_time_in, role_label};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::profiles::{ProfileView, UserRef, UserTarget};

fn chips(title: &'static str, tags: Vec<String>) -> Option<impl IntoView> {
    (!tags.is_empty()).then(|| {
        view! {
            <div class="profile-tags">
                <h3>{title}</h3>
                <div class="chips">
                    {tags.into_iter().map(|t| view! { <span class="chip">{t}</span> }).collect_view()}
                </div>
            </div>
        }
    })
}

/// A definition list of the filled-in items, or a quiet line when none are.
fn details(items: Vec<(&'static str, String)>, empty: &'static str) -> impl IntoView {
    let items: Vec<_> = items
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect();
    if items.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <dl class="details">
            {items
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <div class="detail">
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
    .into_any()
}

fn link(label: &'static str, value: String) -> Option<impl IntoView> {
    (!value.trim().is_empty()).then(|| {
        view! {
            <li class="profile-link">
                <Icon name="link" />
                <span class="profile-link-label">{label}</span>
                <span class="profile-link-value selectable">{value}</span>
            </li>
        }
    })
}

fn profile_view(profile: ProfileView) -> impl IntoView {
    let f = profile.fields;
    let name = format!("{} {}", f.first_name, f.last_name)
        .trim()
        .to_string();
    let location = [f.city.as_str(), f.country.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let zone = f.time_zone.clone();
    let local_time = local_time_in(&zone);
    let has_links = [
        &f.website,
        &f.github,
        &f.linkedin,
        &f.twitter,
        &f.facebook,
        &f.phone,
    ]
    .iter()
    .any(|v| !v.trim().is_empty());
    let roles = profile.roles.clone();
    let years = f
        .years_experience
        .map(|y| format!("{y} years"))
        .unwrap_or_default();
    let level = f
        .experience_level
        .map(|l| l.label().to_string())
        .unwrap_or_default();
    let capacity = f.mentee_capacity.map(|c| c.to_string()).unwrap_or_default();
    let is_mentor = profile.is_mentor;
    let rating = profile.rating;

    view! {
        <section class="card profile-hero">
            <Avatar name=name.clone() photo=profile.photo.clone() size="xl" />
            <div class="profile-hero-text">
                <h1 id="person-name">{name.clone()}</h1>
                {is_mentor.then(|| view! { <RatingSummaryLine summary=rating id="person-rating" /> })}
                {(!f.headline.is_empty()).then(|| view! { <p class="profile-headline">{f.headline.clone()}</p> })}
                <div class="profile-meta">
                    {(!location.is_empty()).then(|| view! {
                        <span><Icon name="pin" />{location}</span>
                    })}
                    {(!zone.is_empty()).then(|| {
                        let text = match local_time {
                            Some(t) => format!("{} · {} local time", zone.replace('_', " "), t),
                            None => zone.replace('_', " "),
                        };
                        view! { <span><Icon name="clock" />{text}</span> }
                    })}
                    <span><Icon name="sparkles" />{format!("Member since {}", format_date(profile.member_since))}</span>
                </div>
                <div class="chips">
                    {roles.into_iter().map(|r| view! { <span class="role-pill">{role_label(&r)}</span> }).collect_view()}
                    {(is_mentor && f.accepting_mentees).then(|| view! { <span class="badge badge-success">"Accepting mentees"</span> })}
                    {(is_mentor && f.supports_new_parents).then(|| view! { <span class="badge badge-info">"Supports new parents"</span> })}
                </div>
            </div>
        </section>
        <div class="profile-columns">
            <div class="stack">
                <section class="card">
                    <h2>"About"</h2>
                    {if f.bio.trim().is_empty() {
                        view! { <p class="muted">{format!("{} hasn't written a bio yet.", f.first_name)}</p> }.into_any()
                    } else {
                        view! { <p class="prose">{f.bio.clone()}</p> }.into_any()
                    }}
                    {(!f.goals.trim().is_empty()).then(|| view! {
                        <h3>"Goals"</h3>
                        <p class="prose">{f.goals.clone()}</p>
                    })}
                </section>
                <section class="card">
                    <h2>"Skills"</h2>
                    {chips("Expertise", f.expertise.clone())}
                    {chips("Interests", f.interests.clone())}
                    {chips("Proficiencies", f.proficiencies.clone())}
                    {chips("Job roles", f.job_roles.clone())}
                    {(f.expertise.is_empty() && f.interests.is_empty() && f.proficiencies.is_empty() && f.job_roles.is_empty())
                        .then(|| view! { <p class="muted">"No skills listed yet."</p> })}
                </section>
            </div>
            <div class="stack">
                <section class="card">
                    <h2>"Work"</h2>
                    {details(
                        vec![
                            ("Position", f.position.clone()),
                            ("Organisation", f.organisation.clone()),
                            ("Department", f.department.clone()),
                            ("Experience", years),
                            ("Level", level),
                        ],
                        "No work details yet.",
                    )}
                </section>
                <section class="card">
                    <h2>"Mentoring"</h2>
                    {details(
                        vec![
                            ("Style", f.mentorship_style.clone()),
                            ("Prefers", f.preferred_communication.clone()),
                            ("Capacity", if is_mentor { capacity } else { String::new() }),
                        ],
                        "No mentoring preferences yet.",
                    )}
                </section>
                {has_links.then(|| view! {
                    <section class="card">
                        <h2>"Contact & links"</h2>
                        <ul class="profile-links">
                            {link("Phone", f.phone.clone())}
                            {link("Website", f.website.clone())}
                            {link("GitHub", f.github.clone())}
                            {link("LinkedIn", f.linkedin.clone())}
                            {link("X / Twitter", f.twitter.clone())}
                            {link("Facebook", f.facebook.clone())}
                        </ul>
                    </section>
                })}
            </div>
        </div>
    }
}

#[component]
pub fn PersonPage(user_id: UserId) -> impl IntoView {
    let state = use_app();
    let version = RwSignal::new(0u32);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let action_error = RwSignal::new(None::<String>);

    let profile = LocalResource::new(move || {
        version.track();
        api::profile_get(UserRef {
            user_id: Some(user_id),
        })
    });

    let is_me = state.my_id() == Some(user_id);
    let back_label = match state.back.get_value() {
        Page::AdminPeople => "Back to people",
        Page::AdminApplications => "Back to applications",
        Page::Directory => "Back to directory",
        Page::Sessions => "Back to sessions",
        Page::Appointments => "Back to appointments",
        Page::Home => "Back to home",
        _ => "Back",
    };
    let can_block = move || state.can(Permission::UsersBlock) && !is_me;

    let set_blocked = move |block: bool| {
        busy.set(true);
        action_error.set(None);
        spawn_local(async move {
            let target = UserTarget { user_id };
            let result = if block {
                api::blocks_add(target).await
            } else {
                api::blocks_remove(target).await
            };
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(()) => {
                    state.toast(if block { "Blocked" } else { "Unblocked" });
                    version.update(|v| *v += 1);
                }
                Err(err) => action_error.set(Some(err.message)),
            }
        });
    };

    let blocked = move || profile.get().and_then(|r| r.ok()).map(|p| p.blocked_by_me);
    let can_book = move || {
        !is_me
            && state.can(Permission::SessionsRequest)
            && profile
                .get()
                .and_then(|r| r.ok())
                .is_some_and(|p| p.is_mentor && !p.blocked_by_me)
    };
    let name = move || {
        profile
            .get()
            .and_then(|r| r.ok())
            .map(|p| p.fields.first_name)
            .unwrap_or_default()
    };

    let actions = move || {
        if !can_block() {
            return None;
        }
        blocked().map(|blocked| {
            if blocked {
                view! {
                    <button
                        type="button"
                        id="unblock-button"
                        class="button button-secondary"
                        disabled=move || busy.get()
                        on:click=move |_| set_blocked(false)
                    >
                        "Unblock"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        id="block-button"
                        class="button button-danger-outline"
                        on:click=move |_| confirming.set(true)
                    >
                        "Block"
                    </button>
                }
                .into_any()
            }
        })
    };

    view! {
        <div class="page person">
            <div class="page-toolbar">
                <button
                    type="button"
                    class="button button-ghost"
                    id="person-back"
                    on:click=move |_| state.go(state.back.get_value())
                >
                    <Icon name="arrow-left" />
                    <span>{back_label}</span>
                </button>
                <div class="spacer"></div>
                {move || blocked().filter(|b| *b && can_block()).map(|_| view! {
                    <span class="badge badge-danger">"Blocked by you"</span>
                })}
                {actions}
                <Show when=move || !is_me && blocked() == Some(false)>
                    <ConnectActions user_id=user_id />
                </Show>
                <Show when=can_book>
                    <button
                        type="button"
                        id="book-session"
                        class="button button-primary"
                        on:click=move |_| state.go(Page::Book(user_id))
                    >
                        <Icon name="calendar" />
                        <span>"Book a session"</span>
                    </button>
                </Show>
            </div>
            {move || action_error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            {move || match profile.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(p)) => profile_view(p).into_any(),
            }}
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    title=format!("Block {}?", name())
                    message="They won't appear in your directory and can't contact you through Mentordesk. You can unblock them any time in Settings."
                    confirm_label="Block"
                    danger=true
                    busy=busy
                    on_confirm=Callback::new(move |_| set_blocked(true))
                    on_cancel=Callback::new(move |_| confirming.set(false))
                />
            </Show>
        </div>
    }
}

/// Connect / accept / "Request sent" / "Connected", and "Message", for someone's profile.
#[component]
fn ConnectActions(user_id: UserId) -> impl IntoView {
    use mentordesk_shared::conversations::{ConnectionAnswer, ConnectionStatus};
    let state = use_app();
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let connections = LocalResource::new(move || {
        version.track();
        api::connections_list()
    });
    // (connection id, status, whether I asked) for this person, if any.
    let mine = move || {
        connections.get().and_then(|r| r.ok()).map(|list| {
            list.connected
                .iter()
                .chain(list.incoming.iter())
                .chain(list.outgoing.iter())
                .find(|c| c.person.user_id == user_id)
                .map(|c| (c.id, c.status, c.outgoing))
        })
    };
    let run = move |f: std::pin::Pin<Box<dyn std::future::Future<Output = api::ApiResult<()>>>>,
                    done: &'static str| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match f.await {
                Ok(()) => {
                    state.toast(done);
                    version.update(|v| *v += 1);
                }
                Err(err) => error.set(Some(err.message)),
            }
            busy.set(false);
        });
    };
    let message = move |_| {
        error.set(None);
        spawn_local(async move {
            match api::conversations_open_direct(UserTarget { user_id }).await {
                Ok(c) => state.go(Page::Messages(Some(c.id))),
                Err(err) => error.set(Some(err.message)),
            }
        });
    };
    view! {
        {move || match mine() {
            None => None,
            Some(Some((_, ConnectionStatus::Accepted, _))) => Some(view! {
                <span class="badge badge-success" id="connected-badge"><Icon name="check" />"Connected"</span>
            }.into_any()),
            Some(Some((_, ConnectionStatus::Pending, true))) => Some(view! {
                <span class="badge badge-pending" id="connection-pending">"Request sent"</span>
            }.into_any()),
            Some(Some((id, ConnectionStatus::Pending, false))) => Some(view! {
                <button
                    type="button"
                    id="connection-accept"
                    class="button button-secondary"
                    disabled=move || busy.get()
                    on:click=move |_| run(Box::pin(api::connections_answer(ConnectionAnswer { id, accept: true })), "Connected")
                >
                    <Icon name="check" />
                    <span>"Accept connection"</span>
                </button>
            }.into_any()),
            Some(_) => Some(view! {
                <button
                    type="button"
                    id="connect-button"
                    class="button button-secondary"
                    disabled=move || busy.get()
                    on:click=move |_| run(Box::pin(api::connections_request(UserTarget { user_id })), "Connection request sent")
                >
                    <Icon name="user-plus" />
                    <span>"Connect"</span>
                </button>
            }.into_any()),
        }}
        <button type="button" id="message-button" class="button button-secondary" on:click=message>
            <Icon name="message" />
            <span>"Message"</span>
        </button>
        {move || error.get().map(|m| view! { <span class="inline-error" id="connect-error" role="alert">{m}</span> })}
    }
}
