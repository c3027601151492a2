//! Admin → Roles & permissions: built-in roles (locked) and custom roles.

use crate::api;
use crate::components::dialog::ConfirmDialog;
use crate::components::forms::{FieldError, FormError, TextField};
use crate::components::icon::Icon;
use crate::components::layout::{Loading, PageHeader};
use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::access::{Permission, RoleView};
use mentordesk_shared::admin::{CreateRole, PermissionInfo, RoleRef, SetRolePermissions};
use mentordesk_shared::ApiError;

fn toggle(list: RwSignal<Vec<Permission>>, permission: Permission, on: bool) {
    list.update(|l| {
        l.retain(|p| *p != permission);
        if on {
            l.push(permission);
        }
    });
}

/// Checkboxes for every permission, bound to a list.
#[component]
fn PermissionChecklist(
    permissions: Vec<PermissionInfo>,
    chosen: RwSignal<Vec<Permission>>,
    #[prop(optional)] locked: bool,
    #[prop(into)] prefix: String,
) -> impl IntoView {
    view! {
        <div class="permission-list">
            {permissions
                .into_iter()
                .map(|info| {
                    let p = info.permission;
                    let id = format!("{prefix}-{}", info.key.replace('.', "-"));
                    let label_for = id.clone();
                    view! {
                        <label class="checkbox permission" class:locked=locked for=label_for>
                            <input
                                type="checkbox"
                                id=id
                                data-permission=info.key.clone()
                                disabled=locked
                                prop:checked=move || chosen.with(|c| c.contains(&p))
                                on:change=move |ev| toggle(chosen, p, event_target_checked(&ev))
                            />
                            <span>
                                <span class="checkbox-label">{info.description.clone()}</span>
                                <code class="hint">{info.key.clone()}</code>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn RoleCard(
    role: RoleView,
    permissions: Vec<PermissionInfo>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let original = role.permissions.clone();
    let chosen = RwSignal::new(role.permissions.clone());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let role_id = role.id;
    let builtin = role.builtin;
    let name = role.name.clone();

    let dirty = move || {
        chosen.with(|c| c.len() != original.len() || c.iter().any(|p| !original.contains(p)))
    };

    let save = move |_| {
        busy.set(true);
        error.set(None);
        let req = SetRolePermissions {
            role_id,
            permissions: chosen.get_untracked(),
        };
        spawn_local(async move {
            match api::roles_set_permissions(req).await {
                Ok(_) => {
                    state.toast("Permissions saved");
                    state.refresh_me();
                    on_changed.run(());
                }
                Err(err) => error.set(Some(err.message)),
            }
            busy.set(false);
        });
    };

    let delete = move || {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::roles_delete(RoleRef { role_id }).await;
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(()) => {
                    state.toast("Role deleted");
                    state.refresh_me();
                    on_changed.run(());
                }
                Err(err) => error.set(Some(err.message)),
            }
        });
    };

    let members = match role.member_count {
        0 => "No members".to_string(),
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    };

    view! {
        <article class="card role-card" data-role=role.key.clone()>
            <header class="role-head">
                <div>
                    <h3>
                        {role.name.clone()}
                        {builtin.then(|| view! {
                            <span class="badge badge-muted builtin-badge"><Icon name="lock" />"Built-in"</span>
                        })}
                    </h3>
                    <p class="muted small">{role.description.clone()}</p>
                </div>
                <span class="member-count">{members}</span>
            </header>
            {move || error.get().map(|m| view! { <div class="form-error">{m}</div> })}
            <PermissionChecklist
                permissions=permissions
                chosen=chosen
                locked=builtin
                prefix=format!("role-{}", role.key)
            />
            {builtin.then(|| view! {
                <p class="muted small">"Built-in roles keep the permissions Mentordesk gives them."</p>
            })}
            {(!builtin).then(|| view! {
                <footer class="role-actions">
                    <button type="button" class="button button-ghost button-sm role-delete" on:click=move |_| confirming.set(true)>
                        <Icon name="trash" />
                        <span>"Delete role"</span>
                    </button>
                    <div class="spacer"></div>
                    <button
                        type="button"
                        class="button button-primary button-sm role-save"
                        disabled=move || busy.get() || !dirty()
                        on:click=save
                    >
                        "Save permissions"
                    </button>
                </footer>
            })}
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    title=format!("Delete the role “{name}”?")
                    message="Members lose the permissions this role gives them. This can't be undone."
                    confirm_label="Delete role"
                    danger=true
                    busy=busy
                    on_confirm=Callback::new(move |_| delete())
                    on_cancel=Callback::new(move |_| confirming.set(false))
                />
            </Show>
        </article>
    }
}

#[component]
fn NewRoleForm(permissions: Vec<PermissionInfo>, on_created: Callback<()>) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<Permission>::new());
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = CreateRole {
            name: name.get_untracked(),
            description: description.get_untracked(),
            permissions: chosen.get_untracked(),
        };
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::roles_create(req).await {
                Ok(role) => {
                    state.toast(format!("Role “{}” created", role.name));
                    name.set(String::new());
                    description.set(String::new());
                    chosen.set(Vec::new());
                    on_created.run(());
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card new-role">
            <header class="section-header">
                <h2>"New role"</h2>
                <p class="muted">"Custom roles add permissions on top of the built-in ones."</p>
            </header>
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["name", "description", "permissions"] />
                <div class="field-row">
                    <TextField label="Name" id="role-name" field="name" value=name errors=errors placeholder="e.g. Cohort coordinator" />
                    <TextField label="Description" id="role-description" field="description" value=description errors=errors />
                </div>
                <div class="field">
                    <label>"Permissions"</label>
                    <PermissionChecklist permissions=permissions chosen=chosen prefix="new-role" />
                    <FieldError errors=errors field="permissions" />
                </div>
                <div>
                    <button type="submit" id="role-create" class="button button-primary" disabled=move || busy.get()>
                        <Icon name="plus" />
                        <span>"Create role"</span>
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
pub fn RolesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let roles = LocalResource::new(move || {
        version.track();
        api::roles_list()
    });
    let permissions = LocalResource::new(api::permissions_list);
    let changed = Callback::new(move |_| version.update(|v| *v += 1));

    let body = move || match (roles.get(), permissions.get()) {
        (Some(Err(err)), _) | (_, Some(Err(err))) => {
            view! { <div class="form-error">{err.message}</div> }.into_any()
        }
        (Some(Ok(roles)), Some(Ok(permissions))) => {
            let (builtin, custom): (Vec<_>, Vec<_>) = roles.into_iter().partition(|r| r.builtin);
            let perms = permissions.clone();
            let custom_empty = custom.is_empty();
            view! {
                <NewRoleForm permissions=permissions.clone() on_created=changed />
                <h2 class="section-title">"Custom roles"</h2>
                {custom_empty.then(|| view! {
                    <p class="muted empty-inline">"No custom roles yet. Create one above to give a group extra permissions."</p>
                })}
                <div class="role-grid">
                    {custom
                        .into_iter()
                        .map(|role| view! { <RoleCard role=role permissions=perms.clone() on_changed=changed /> })
                        .collect_view()}
                </div>
                <h2 class="section-title">"Built-in roles"</h2>
                <div class="role-grid">
                    {builtin
                        .into_iter()
                        .map(|role| view! { <RoleCard role=role permissions=permissions.clone() on_changed=changed /> })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        _ => view! { <Loading /> }.into_any(),
    };

    view! {
        <div class="page roles">
            <PageHeader title="Roles & permissions" subtitle="What each role can see and do in this workspace." />
            <div class="stack">{body}</div>
        </div>
    }
}
