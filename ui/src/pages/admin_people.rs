//! Admin → People: everyone by role and application state, with account actions.

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::icon::Icon;
use crate::components::layout::{EmptyState, Loading, PageHeader};
use crate::components::tabs::Tabs;
use crate::state::{use_app, Page};
use crate::util::{format_date, format_datetime, role_label};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::Permission;
use mentordesk_shared::accounts::IssuedResetCode;
use mentordesk_shared::admin::{ApplicationRole, SetUserRoles, UserFilter, UserQuery, UserRow};
use mentordesk_shared::ids::RoleId;
use mentordesk_shared::profiles::UserTarget;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    All,
    Mentors,
    Managers,
    MentorApplicants,
    ManagerApplicants,
    ApprovedMentors,
    ApprovedManagers,
    Deactivated,
}

const TABS: [(Tab, &str, &str); 8] = [
    (Tab::All, "All", "people-tab-all"),
    (Tab::Mentors, "Mentors", "people-tab-mentors"),
    (Tab::Managers, "Programme managers", "people-tab-managers"),
    (
        Tab::MentorApplicants,
        "Mentor applicants",
        "people-tab-mentor-applicants",
    ),
    (
        Tab::ManagerApplicants,
        "Manager applicants",
        "people-tab-manager-applicants",
    ),
    (
        Tab::ApprovedMentors,
        "Approved mentors",
        "people-tab-approved-mentors",
    ),
    (
        Tab::ApprovedManagers,
        "Approved managers",
        "people-tab-approved-managers",
    ),
    (Tab::Deactivated, "Deactivated", "people-tab-deactivated"),
];

impl Tab {
    fn filter(self) -> UserFilter {
        match self {
            Tab::All => UserFilter::All,
            Tab::Mentors => UserFilter::Role("mentor".to_string()),
            Tab::Managers => UserFilter::Role("programme_manager".to_string()),
            Tab::MentorApplicants => UserFilter::Applicants(ApplicationRole::Mentor),
            Tab::ManagerApplicants => UserFilter::Applicants(ApplicationRole::ProgrammeManager),
            Tab::ApprovedMentors => UserFilter::Approved(ApplicationRole::Mentor),
            Tab::ApprovedManagers => UserFilter::Approved(ApplicationRole::ProgrammeManager),
            Tab::Deactivated => UserFilter::Deactivated,
        }
    }
}

/// The role checkboxes for one person.
#[component]
fn RolesDialog(user: UserRow, on_close: Callback<()>, on_saved: Callback<()>) -> impl IntoView {
    let state = use_app();
    let roles = LocalResource::new(api::roles_list);
    let chosen = RwSignal::new(user.role_ids.clone());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let user_id = user.user_id;

    let save = move |_| {
        busy.set(true);
        error.set(None);
        let req = SetUserRoles {
            user_id,
            role_ids: chosen.get_untracked(),
        };
        spawn_local(async move {
            match api::users_set_roles(req).await {
                Ok(_) => {
                    state.toast("Roles updated");
                    if state.my_id() == Some(user_id) {
                        state.refresh_me();
                    }
                    on_saved.run(());
                }
                Err(err) => error.set(Some(err.message)),
            }
            busy.set(false);
        });
    };

    let toggle = move |id: RoleId, on: bool| {
        chosen.update(|list| {
            list.retain(|r| *r != id);
            if on {
                list.push(id);
            }
        });
    };

    view! {
        <Modal title=format!("Roles for {}", user.name) on_close=on_close>
            <p class="muted">"Roles decide what someone can see and do. Changes apply the next time they act."</p>
            {move || error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            {move || match roles.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="checkbox-list">
                        {list
                            .into_iter()
                            .map(|role| {
                                let id = role.id;
                                view! {
                                    <label class="checkbox role-option">
                                        <input
                                            type="checkbox"
                                            class="role-checkbox"
                                            data-role=role.key.clone()
                                            prop:checked=move || chosen.with(|c| c.contains(&id))
                                            on:change=move |ev| toggle(id, event_target_checked(&ev))
                                        />
                                        <span>
                                            <span class="checkbox-label">{role.name.clone()}</span>
                                            <span class="hint">{role.description.clone()}</span>
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                .into_any(),
            }}
            <div class="dialog-actions">
                <button type="button" class="button button-secondary" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
                <button type="button" id="roles-save" class="button button-primary" disabled=move || busy.get() on:click=save>
                    "Save roles"
                </button>
            </div>
        </Modal>
    }
}

#[component]
fn ResetCodeDialog(name: String, issued: IssuedResetCode, on_close: Callback<()>) -> impl IntoView {
    view! {
        <Modal title="Reset code issued" on_close=on_close>
            <p>{format!("Give this one-time code to {name}. They enter it on the sign-in screen under “I have a reset code”.")}</p>
            <div class="code-box" id="reset-code-value">{issued.code}</div>
            <p class="muted small">
                {format!("Valid until {}. It is shown only once — Mentordesk stores only a fingerprint of it.", format_datetime(issued.expires_at))}
            </p>
            <div class="dialog-actions">
                <button type="button" id="reset-code-done" class="button button-primary" on:click=move |_| on_close.run(())>
                    "Done"
                </button>
            </div>
        </Modal>
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let state = use_app();
    let tab = RwSignal::new(Tab::All);
    let text = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let confirm_deactivate = RwSignal::new(None::<UserRow>);
    let roles_for = RwSignal::new(None::<UserRow>);
    let issued = RwSignal::new(None::<(String, IssuedResetCode)>);

    let users = LocalResource::new(move || {
        version.track();
        api::users_list(UserQuery {
            filter: tab.get().filter(),
            text: text.get(),
        })
    });

    let can_manage = move || state.can(Permission::UsersManage);
    let can_roles = move || state.can(Permission::RolesManage);
    let refresh = move || version.update(|v| *v += 1);

    let set_active = move |user: UserRow, active: bool| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let target = UserTarget {
                user_id: user.user_id,
            };
            let result = if active {
                api::users_reactivate(target).await
            } else {
                api::users_deactivate(target).await
            };
            busy.set(false);
            confirm_deactivate.set(None);
            match result {
                Ok(_) => {
                    state.toast(if active {
                        format!("{} can sign in again", user.name)
                    } else {
                        format!("{} was deactivated", user.name)
                    });
                    refresh();
                }
                Err(err) => error.set(Some(err.message)),
            }
        });
    };

    let issue_code = move |user: UserRow| {
        error.set(None);
        spawn_local(async move {
            match api::users_issue_reset_code(UserTarget {
                user_id: user.user_id,
            })
            .await
            {
                Ok(code) => issued.set(Some((user.name, code))),
                Err(err) => error.set(Some(err.message)),
            }
        });
    };

    let row = move |user: UserRow| {
        let me = state.my_id() == Some(user.user_id);
        let id = user.user_id;
        let roles = user
            .roles
            .iter()
            .map(|r| view! { <span class="role-pill">{role_label(r)}</span> })
            .collect_view();
        let last = user
            .last_sign_in_at
            .map(format_datetime)
            .unwrap_or_else(|| "Never".to_string());
        let active = user.is_active;
        let u1 = user.clone();
        let u2 = user.clone();
        let u3 = user.clone();
        let u4 = user.clone();
        view! {
            <tr class="user-row" data-user-id=id.to_string() data-email=user.email.clone()>
                <td>
                    <button type="button" class="person-cell" on:click=move |_| state.go(Page::Person(id))>
                        <Avatar name=user.name.clone() photo=user.photo.clone() size="sm" />
                        <span class="person-cell-text">
                            <strong>{user.name.clone()}</strong>
                            <span class="muted small">{user.email.clone()}</span>
                        </span>
                    </button>
                </td>
                <td><div class="chips">{roles}</div></td>
                <td>
                    {if active {
                        view! { <span class="badge badge-success">"Active"</span> }.into_any()
                    } else {
                        view! { <span class="badge badge-muted">"Deactivated"</span> }.into_any()
                    }}
                </td>
                <td class="muted small" title=format!("Joined {}", format_date(user.created_at))>{last}</td>
                <td class="actions-cell">
                    <Show when=can_manage>
                        {
                            let u1 = u1.clone();
                            let u2 = u2.clone();
                            let u3 = u3.clone();
                            view! {
                                {(!me && active).then(|| {
                                    let u = u1.clone();
                                    view! {
                                        <button type="button" class="button button-ghost button-sm deactivate-button" on:click=move |_| confirm_deactivate.set(Some(u.clone()))>
                                            "Deactivate"
                                        </button>
                                    }
                                })}
                                {(!active).then(|| {
                                    let u = u2.clone();
                                    view! {
                                        <button type="button" class="button button-ghost button-sm reactivate-button" disabled=move || busy.get() on:click=move |_| set_active(u.clone(), true)>
                                            "Reactivate"
                                        </button>
                                    }
                                })}
                                <button type="button" class="button button-ghost button-sm reset-code-button" on:click=move |_| issue_code(u3.clone())>
                                    <Icon name="key" />
                                    <span>"Issue reset code"</span>
                                </button>
                            }
                        }
                    </Show>
                    <Show when=can_roles>
                        {
                            let u = u4.clone();
                            view! {
                                <button type="button" class="button button-ghost button-sm roles-button" on:click=move |_| roles_for.set(Some(u.clone()))>
                                    "Roles…"
                                </button>
                            }
                        }
                    </Show>
                </td>
            </tr>
        }
    };

    let table = move || match users.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(err)) => view! { <div class="form-error">{err.message}</div> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            let searching = !text.with(String::is_empty);
            view! {
                <EmptyState
                    title="Nobody here"
                    text=if searching {
                        "No one in this list matches your search. Try another name or e-mail."
                    } else {
                        "No one is in this list yet. People appear here as they sign up, apply and get approved."
                    }
                />
            }
            .into_any()
        }
        Some(Ok(list)) => view! {
            <div class="card table-card">
                <table class="table">
                    <thead>
                        <tr>
                            <th>"Person"</th>
                            <th>"Roles"</th>
                            <th>"Status"</th>
                            <th>"Last sign-in"</th>
                            <th class="actions-cell">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>{list.into_iter().map(row).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any(),
    };

    view! {
        <div class="page people">
            <PageHeader title="People" subtitle="Everyone in this workspace, by role and application state." />
            <Tabs current=tab tabs=&TABS />
            <div class="toolbar">
                <div class="search-input">
                    <Icon name="search" />
                    <input type="search" id="people-search" placeholder="Search by name or e-mail" aria-label="Search people" bind:value=text />
                </div>
            </div>
            {move || error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            {table}
            {move || confirm_deactivate.get().map(|user| {
                let u = user.clone();
                view! {
                    <ConfirmDialog
                        title=format!("Deactivate {}?", user.name)
                        message="They are signed out and can't sign in until you reactivate the account. Their data is kept."
                        confirm_label="Deactivate"
                        danger=true
                        busy=busy
                        on_confirm=Callback::new(move |_| set_active(u.clone(), false))
                        on_cancel=Callback::new(move |_| confirm_deactivate.set(None))
                    />
                }
            })}
            {move || roles_for.get().map(|user| view! {
                <RolesDialog
                    user=user
                    on_close=Callback::new(move |_| roles_for.set(None))
                    on_saved=Callback::new(move |_| {
                        roles_for.set(None);
                        refresh();
                    })
                />
            })}
            {move || issued.get().map(|(name, code)| view! {
                <ResetCodeDialog name=name issued=code on_close=Callback::new(move |_| issued.set(None)) />
            })}
        </div>
    }
}
