//! Action items agreed in a session: who does what by when, and how far along it is.
//!
//! Element ids:
//! - `action-item-new` (opens the dialog to add one)
//! - items: `li.action-item` with `data-item-id`, `data-status`, `data-overdue`; inside,
//!   `select.action-item-status` (`pending` | `in_progress` | `completed`), `.overdue-marker`,
//!   `.action-item-edit`, `.action-item-delete`
//! - the dialog: `action-item-title`, `action-item-description`, `action-item-assignee`
//!   (option values are user ids), `action-item-due`, `action-item-status-select` (editing
//!   only), `action-item-save`, `action-item-cancel`, `action-item-error`; field errors
//!   `error-title`, `error-description`, `error-assignee_id`, `error-due_date`
//! - deleting asks first: `confirm-yes` / `confirm-no`

use super::SessionCtx;
use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::{ConfirmDialog, Modal};
use crate::components::forms::{send_request, FieldError, FormError, TextArea, TextField};
use crate::components::icon::Icon;
use crate::schedule::{action_item_status_label, date_input, day_heading, parse_date};
use crate::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::ActionItemId;
use mentordesk_shared::sessions::{
    ActionItem, ActionItemEdit, ActionItemInput, ActionItemRef, ActionItemStatus, SessionRole,
    ACTION_DESCRIPTION_MAX,
};
use mentordesk_shared::ApiError;

fn item_edit(item: &ActionItem, status: ActionItemStatus) -> ActionItemEdit {
    ActionItemEdit {
        item_id: item.item_id,
        title: item.title.clone(),
        description: item.description.clone(),
        assignee_id: item.assignee.user_id,
        due_date: item.due_date,
        status,
    }
}

/// Adds an item (`editing` is `None`) or edits one.
#[component]
fn ActionItemDialog(
    ctx: SessionCtx,
    editing: Option<ActionItem>,
    on_close: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let people = ctx.detail.with_untracked(|d| {
        d.as_ref()
            .map(|d| (d.mentor.clone(), d.mentee.clone(), d.my_role))
    });
    let default_assignee = people
        .as_ref()
        .map(|(mentor, mentee, role)| match role {
            SessionRole::Mentor => mentee.user_id.to_string(),
            SessionRole::Mentee => mentor.user_id.to_string(),
        })
        .unwrap_or_default();
    let item_id = editing.as_ref().map(|i| i.item_id);
    let title = RwSignal::new(
        editing
            .as_ref()
            .map(|i| i.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        editing
            .as_ref()
            .map(|i| i.description.clone())
            .unwrap_or_default(),
    );
    let assignee = RwSignal::new(
        editing
            .as_ref()
            .map(|i| i.assignee.user_id.to_string())
            .unwrap_or(default_assignee),
    );
    let due = RwSignal::new(
        editing
            .as_ref()
            .and_then(|i| i.due_date)
            .map(date_input)
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        editing
            .as_ref()
            .map(|i| i.status.key().to_string())
            .unwrap_or_else(|| ActionItemStatus::Pending.key().to_string()),
    );
    let errors = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let invalid = move |field: &'static str| {
        errors.with(|e| e.as_ref().is_some_and(|e| e.field_message(field).is_some()))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let title = title.get_untracked();
                if title.trim().is_empty() {
                    return Err(ApiError::field("title", "Say what needs doing."));
                }
                let assignee_id = assignee
                    .get_untracked()
                    .parse()
                    .map_err(|_| ApiError::field("assignee_id", "Choose who does it."))?;
                let due_text = due.get_untracked();
                let due_date = if due_text.trim().is_empty() {
                    None
                } else {
                    Some(
                        parse_date(&due_text)
                            .ok_or_else(|| ApiError::field("due_date", "Choose a date."))?,
                    )
                };
                let description = description.get_untracked();
                Ok(async move {
                    match item_id {
                        Some(item_id) => {
                            api::action_items_edit(ActionItemEdit {
                                item_id,
                                title,
                                description,
                                assignee_id,
                                due_date,
                                status: ActionItemStatus::from_key(&status.get_untracked())
                                    .unwrap_or(ActionItemStatus::Pending),
                            })
                            .await
                        }
                        None => {
                            api::action_items_add(ActionItemInput {
                                session_id: ctx.id,
                                title,
                                description,
                                assignee_id,
                                due_date,
                            })
                            .await
                        }
                    }
                })
            },
            move |detail| {
                ctx.set(detail);
                state.toast(if item_id.is_some() {
                    "Action item saved"
                } else {
                    "Action item added"
                });
                on_close.run(());
            },
        );
    };

    let assignee_options = people.map(|(mentor, mentee, _)| {
        [(mentor, "mentor"), (mentee, "mentee")]
            .into_iter()
            .map(|(person, role)| {
                let value = person.user_id.to_string();
                let selected = assignee.with_untracked(|a| *a == value);
                view! { <option value=value selected=selected>{format!("{} ({role})", person.name)}</option> }
            })
            .collect_view()
    });

    view! {
        <Modal
            title=if item_id.is_some() { "Edit action item" } else { "Add an action item" }
            on_close=on_close
        >
            <form class="form" on:submit=submit novalidate>
                <FormError
                    errors=errors
                    shown=vec!["title", "description", "assignee_id", "due_date"]
                    id="action-item-error"
                />
                <TextField label="What needs doing" id="action-item-title" field="title" value=title errors=errors required=true />
                <TextArea
                    label="Details"
                    id="action-item-description"
                    field="description"
                    value=description
                    errors=errors
                    limit=ACTION_DESCRIPTION_MAX
                    rows=3
                    placeholder="Optional"
                />
                <div class="field-row">
                    <div class="field" class:has-error=move || invalid("assignee_id")>
                        <label for="action-item-assignee">"Who"</label>
                        <select id="action-item-assignee" bind:value=assignee>{assignee_options}</select>
                        <FieldError errors=errors field="assignee_id" />
                    </div>
                    <div class="field" class:has-error=move || invalid("due_date")>
                        <label for="action-item-due">"Due"</label>
                        <input type="date" id="action-item-due" bind:value=due />
                        <FieldError errors=errors field="due_date" />
                    </div>
                </div>
                {item_id.is_some().then(|| view! {
                    <div class="field field-narrow">
                        <label for="action-item-status-select">"Status"</label>
                        <select id="action-item-status-select" bind:value=status>
                            {ActionItemStatus::ALL
                                .iter()
                                .map(|s| {
                                    let selected = status.with_untracked(|v| v == s.key());
                                    view! { <option value=s.key() selected=selected>{action_item_status_label(*s)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                })}
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" id="action-item-cancel" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" id="action-item-save" disabled=move || busy.get()>
                        {move || if busy.get() { "Saving…" } else if item_id.is_some() { "Save" } else { "Add" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
pub(super) fn ActionItemsCard(ctx: SessionCtx) -> impl IntoView {
    let state = use_app();
    let items = ctx.part(|d| d.action_items.clone());
    // `Some(None)` adds a new item; `Some(Some(item))` edits one.
    let dialog = RwSignal::new(None::<Option<ActionItem>>);
    let deleting = RwSignal::new(None::<ActionItemId>);
    let delete_busy = RwSignal::new(false);
    // Redraws the list when a status change fails, so each select shows the saved status again.
    let redraw = RwSignal::new(0u32);

    let set_status = move |item: ActionItem, status: ActionItemStatus| {
        spawn_local(async move {
            match api::action_items_edit(item_edit(&item, status)).await {
                Ok(detail) => {
                    ctx.set(detail);
                    state.toast(format!(
                        "Marked {}",
                        action_item_status_label(status).to_lowercase()
                    ));
                }
                Err(err) => {
                    state.toast_error(err.message);
                    redraw.update(|r| *r += 1);
                }
            }
        });
    };

    let delete = move || {
        let Some(item_id) = deleting.get_untracked() else {
            return;
        };
        delete_busy.set(true);
        spawn_local(async move {
            match api::action_items_delete(ActionItemRef { item_id }).await {
                Ok(detail) => {
                    ctx.set(detail);
                    state.toast("Action item deleted");
                }
                Err(err) => state.toast_error(err.message),
            }
            delete_busy.set(false);
            deleting.set(None);
        });
    };

    let item_view = move |item: ActionItem| {
        let id = item.item_id;
        let done = item.status == ActionItemStatus::Completed;
        let for_status = item.clone();
        let for_edit = item.clone();
        let current = item.status;
        view! {
            <li
                class="action-item"
                class:overdue=item.overdue
                class:done=done
                data-item-id=id.to_string()
                data-status=item.status.key()
                data-overdue=if item.overdue { "true" } else { "false" }
            >
                <div class="action-item-main">
                    <p class="action-item-title">{item.title.clone()}</p>
                    {(!item.description.trim().is_empty()).then(|| view! {
                        <p class="muted small prose">{item.description.clone()}</p>
                    })}
                    <div class="action-item-meta small">
                        <span class="action-item-assignee">
                            <Avatar name=item.assignee.name.clone() photo=item.assignee.photo.clone() size="xs" />
                            {item.assignee.name.clone()}
                        </span>
                        {item.due_date.map(|d| view! {
                            <span class="action-item-due" class:overdue=item.overdue>
                                {format!("Due {}", day_heading(d))}
                            </span>
                        })}
                        {item.overdue.then(|| view! { <span class="badge badge-danger overdue-marker">"Overdue"</span> })}
                    </div>
                </div>
                <div class="action-item-controls">
                    <select
                        class="action-item-status"
                        aria-label="Status"
                        on:change=move |ev| {
                            if let Some(status) = ActionItemStatus::from_key(&event_target_value(&ev)) {
                                if status != current {
                                    set_status(for_status.clone(), status);
                                }
                            }
                        }
                    >
                        {ActionItemStatus::ALL
                            .iter()
                            .map(|s| view! {
                                <option value=s.key() selected=*s == current>{action_item_status_label(*s)}</option>
                            })
                            .collect_view()}
                    </select>
                    <button
                        type="button"
                        class="button button-ghost button-sm action-item-edit"
                        on:click=move |_| dialog.set(Some(Some(for_edit.clone())))
                    >
                        "Edit"
                    </button>
                    <button
                        type="button"
                        class="icon-button action-item-delete"
                        aria-label="Delete action item"
                        title="Delete"
                        on:click=move |_| deleting.set(Some(id))
                    >
                        <Icon name="trash" />
                    </button>
                </div>
            </li>
        }
    };

    view! {
        <section class="card session-action-items">
            <div class="card-title-row">
                <h2>"Action items"</h2>
                <button type="button" class="button button-secondary button-sm" id="action-item-new" on:click=move |_| dialog.set(Some(None))>
                    <Icon name="plus" />
                    <span>"Add"</span>
                </button>
            </div>
            {move || {
                redraw.track();
                let list = items.get();
                if list.is_empty() {
                    view! { <p class="muted empty-inline">"No action items yet. Agree on next steps and who takes them."</p> }.into_any()
                } else {
                    view! { <ul class="action-item-list">{list.into_iter().map(item_view).collect_view()}</ul> }.into_any()
                }
            }}
            {move || dialog.get().map(|editing| view! {
                <ActionItemDialog ctx=ctx editing=editing on_close=Callback::new(move |_| dialog.set(None)) />
            })}
            <Show when=move || deleting.with(Option::is_some)>
                <ConfirmDialog
                    title="Delete this action item?"
                    message="It is removed for both of you."
                    confirm_label="Delete"
                    danger=true
                    busy=delete_busy
                    on_confirm=Callback::new(move |_| delete())
                    on_cancel=Callback::new(move |_| deleting.set(None))
                />
            </Show>
        </section>
    }
}
