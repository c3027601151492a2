//! Connections (seed 001 userConnections): requests waiting for an answer, the people one
//! is connected with, and one's own requests still waiting. Connected people can message
//! each other; new connections start from someone's profile ("Connect").
//!
//! Element ids: `connections-incoming` with `li.connection[data-user-id]` and
//! `.connection-accept` / `.connection-reject`; `connections-connected` with
//! `.connection-message`, `.connection-remove` (asks first: `confirm-yes`);
//! `connections-outgoing` with `.connection-withdraw`; `connections-empty`;
//! `find-people` (opens the directory).

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::ConfirmDialog;
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::state::{use_app, Page};
use crate::util::relative_time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::conversations::{Connection, ConnectionAnswer, ConnectionTarget};
use mentordesk_shared::profiles::UserTarget;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let state = use_app();
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let removing = RwSignal::new(None::<Connection>);
    let list = LocalResource::new(move || {
        version.track();
        state.announced.track();
        api::connections_list()
    });

    let done = move |result: api::ApiResult<()>, message: &'static str| {
        busy.set(false);
        match result {
            Ok(()) => {
                state.toast(message);
                version.update(|v| *v += 1);
                state.refresh_badges();
            }
            Err(err) => error.set(Some(err.message)),
        }
    };
    let answer = move |c: &Connection, accept: bool| {
        let req = ConnectionAnswer { id: c.id, accept };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::connections_answer(req).await;
            done(
                result,
                if accept {
                    "Connected"
                } else {
                    "Request declined"
                },
            );
        });
    };
    let remove = move |c: Connection, message: &'static str| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::connections_remove(ConnectionTarget { id: c.id }).await;
            removing.set(None);
            done(result, message);
        });
    };
    let message = move |c: &Connection| {
        let user_id = c.person.user_id;
        spawn_local(async move {
            match api::conversations_open_direct(UserTarget { user_id }).await {
                Ok(conv) => state.go(Page::Messages(Some(conv.id))),
                Err(err) => error.set(Some(err.message)),
            }
        });
    };

    let person = move |c: &Connection, line: String| {
        let user_id = c.person.user_id;
        view! {
            <button type="button" class="connection-person" on:click=move |_| state.go(Page::Person(user_id))>
                <Avatar name=c.person.name.clone() photo=c.person.photo.clone() size="md" />
                <span class="connection-text">
                    <strong>{c.person.name.clone()}</strong>
                    <span class="muted small">{line}</span>
                </span>
            </button>
        }
    };

    let body = move || {
        let list = match list.get() {
            None => return view! { <Loading /> }.into_any(),
            Some(Err(err)) => {
                return view! { <div class="form-error">{err.message}</div> }.into_any()
            }
            Some(Ok(list)) => list,
        };
        if list.connected.is_empty() && list.incoming.is_empty() && list.outgoing.is_empty() {
            return view! {
                <div id="connections-empty">
                    <EmptyState
                        title="No connections yet"
                        text="Connect with mentors and fellow mentees from their profile. Once they accept, you can message each other."
                    >
                        <Show when=move || state.can(Permission::DirectoryView)>
                            <button type="button" id="find-people" class="button button-primary" on:click=move |_| state.go(Page::Directory)>
                                <Icon name="compass" />
                                <span>"Find people"</span>
                            </button>
                        </Show>
                    </EmptyState>
                </div>
            }
            .into_any();
        }
        let incoming = (!list.incoming.is_empty()).then(|| {
            view! {
                <section class="card" id="connections-incoming">
                    <header class="section-header">
                        <h2>{format!("Requests for you ({})", list.incoming.len())}</h2>
                        <p class="muted">"Accepting lets you message each other."</p>
                    </header>
                    <ul class="row-list">
                        {list
                            .incoming
                            .iter()
                            .map(|c| {
                                let (a, r) = (c.clone(), c.clone());
                                view! {
                                    <li class="connection" data-user-id=c.person.user_id.to_string()>
                                        {person(c, format!("asked {}", relative_time(c.updated_at)))}
                                        <div class="row-actions">
                                            <button type="button" class="button button-primary button-sm connection-accept" disabled=move || busy.get() on:click=move |_| answer(&a, true)>
                                                <Icon name="check" />
                                                <span>"Accept"</span>
                                            </button>
                                            <button type="button" class="button button-secondary button-sm connection-reject" disabled=move || busy.get() on:click=move |_| answer(&r, false)>
                                                "Decline"
                                            </button>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        });
        let connected = view! {
            <section class="card" id="connections-connected">
                <header class="section-header">
                    <h2>{format!("Your connections ({})", list.connected.len())}</h2>
                </header>
                {if list.connected.is_empty() {
                    view! { <p class="muted empty-inline">"Nobody yet: answer a request above, or wait for yours to be accepted."</p> }.into_any()
                } else {
                    view! {
                        <ul class="row-list">
                            {list
                                .connected
                                .iter()
                                .map(|c| {
                                    let (m, r) = (c.clone(), c.clone());
                                    view! {
                                        <li class="connection" data-user-id=c.person.user_id.to_string()>
                                            {person(c, format!("connected {}", relative_time(c.updated_at)))}
                                            <div class="row-actions">
                                                <button type="button" class="button button-secondary button-sm connection-message" on:click=move |_| message(&m)>
                                                    <Icon name="message" />
                                                    <span>"Message"</span>
                                                </button>
                                                <button type="button" class="button button-ghost button-sm connection-remove" on:click=move |_| removing.set(Some(r.clone()))>
                                                    "Remove"
                                                </button>
                                            </div>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        };
        let outgoing = (!list.outgoing.is_empty()).then(|| {
            view! {
                <section class="card" id="connections-outgoing">
                    <header class="section-header">
                        <h2>{format!("Waiting for an answer ({})", list.outgoing.len())}</h2>
                    </header>
                    <ul class="row-list">
                        {list
                            .outgoing
                            .iter()
                            .map(|c| {
                                let w = c.clone();
                                view! {
                                    <li class="connection" data-user-id=c.person.user_id.to_string()>
                                        {person(c, format!("you asked {}", relative_time(c.updated_at)))}
                                        <div class="row-actions">
                                            <button type="button" class="button button-ghost button-sm connection-withdraw" disabled=move || busy.get() on:click=move |_| remove(w.clone(), "Request withdrawn")>
                                                "Withdraw"
                                            </button>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        });
        view! { <div class="stack">{incoming}{connected}{outgoing}</div> }.into_any()
    };

    view! {
        <div class="page connections-page">
            <PageHeader
                title="Connections"
                subtitle="People you can message directly. Mentors and mentees you are matched with or share a session with can message you too."
            />
            {move || error.get().map(|m| view! { <div class="form-error" role="alert">{m}</div> })}
            {body}
            {move || removing.get().map(|c| {
                let target = c.clone();
                view! {
                    <ConfirmDialog
                        title=format!("Remove {}?", c.person.name)
                        message="You will no longer be connected. Your conversation stays, but you can only write again if you are matched or share a session."
                        confirm_label="Remove"
                        danger=true
                        busy=busy
                        on_confirm=Callback::new(move |_| remove(target.clone(), "Connection removed"))
                        on_cancel=Callback::new(move |_| removing.set(None))
                    />
                }
            })}
        </div>
    }
}
