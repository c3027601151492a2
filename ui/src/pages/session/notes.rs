//! Notes on a session: shared ones both participants see and private ones only their author sees.
//!
//! Element ids:
//! - notes: `li.note` with `data-note-id`, `data-private`; `.private-marker` ("Only you can see
//!   this"); on one's own notes `.note-edit` and `.note-delete`
//! - editing a note: `note-edit-body`, `note-save`, `note-cancel`, `error-body`
//! - adding: `note-body`, `note-private` (checkbox), `note-add`, `note-error`
//! - deleting asks first: `confirm-yes` / `confirm-no`

use super::SessionCtx;
use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dialog::ConfirmDialog;
use crate::components::forms::{send_request, FieldError, FormError};
use crate::components::icon::Icon;
use crate::state::use_app;
use crate::util::format_datetime;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::ids::NoteId;
use mentordesk_shared::sessions::{NoteEdit, NoteInput, NoteRef, SessionNote, NOTE_MAX};
use mentordesk_shared::ApiError;

fn body_invalid(errors: RwSignal<Option<ApiError>>) -> bool {
    errors.with(|e| {
        e.as_ref()
            .is_some_and(|e| e.field_message("body").is_some())
    })
}

#[component]
pub(super) fn NotesCard(ctx: SessionCtx) -> impl IntoView {
    let state = use_app();
    let notes = ctx.part(|d| d.notes.clone());
    let body = RwSignal::new(String::new());
    let private = RwSignal::new(false);
    let add_errors = RwSignal::new(None::<ApiError>);
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(None::<NoteId>);
    let edit_body = RwSignal::new(String::new());
    let edit_errors = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    let deleting = RwSignal::new(None::<NoteId>);
    let delete_busy = RwSignal::new(false);

    let add = move |_| {
        let req = NoteInput {
            session_id: ctx.id,
            body: body.get_untracked(),
            is_private: private.get_untracked(),
        };
        send_request(
            adding,
            add_errors,
            move || {
                if req.body.trim().is_empty() {
                    return Err(ApiError::field("body", "Write something first."));
                }
                Ok(api::notes_add(req))
            },
            move |detail| {
                ctx.set(detail);
                body.set(String::new());
                private.set(false);
                state.toast("Note added");
            },
        );
    };

    let save_edit = move |_| {
        let Some(note_id) = editing.get_untracked() else {
            return;
        };
        let req = NoteEdit {
            note_id,
            body: edit_body.get_untracked(),
        };
        send_request(
            saving,
            edit_errors,
            move || Ok(api::notes_edit(req)),
            move |detail| {
                ctx.set(detail);
                editing.set(None);
                state.toast("Note saved");
            },
        );
    };

    let delete = move || {
        let Some(note_id) = deleting.get_untracked() else {
            return;
        };
        delete_busy.set(true);
        spawn_local(async move {
            match api::notes_delete(NoteRef { note_id }).await {
                Ok(detail) => {
                    ctx.set(detail);
                    state.toast("Note deleted");
                }
                Err(err) => state.toast_error(err.message),
            }
            delete_busy.set(false);
            deleting.set(None);
        });
    };

    let note_view = move |note: SessionNote| {
        let id = note.note_id;
        let is_editing = move || editing.get() == Some(id);
        let edited = note.updated_at > note.created_at;
        let text = note.body.clone();
        let body_text = note.body.clone();
        view! {
            <li
                class="note"
                class:note-private=note.is_private
                data-note-id=id.to_string()
                data-private=if note.is_private { "true" } else { "false" }
            >
                <div class="note-head">
                    <div class="note-meta">
                        <Avatar name=note.author.name.clone() photo=note.author.photo.clone() size="xs" />
                        <strong>{if note.mine { "You".to_string() } else { note.author.name.clone() }}</strong>
                        <span class="muted small">
                            {format_datetime(note.created_at)}
                            {edited.then_some(" · edited")}
                        </span>
                        {note.is_private.then(|| view! {
                            <span class="private-marker"><Icon name="lock" />"Only you can see this"</span>
                        })}
                    </div>
                    {note.mine.then(|| {
                        let text = text.clone();
                        view! {
                            <Show when=move || !is_editing()>
                                {
                                    let text = text.clone();
                                    view! {
                                        <div class="note-tools">
                                            <button
                                                type="button"
                                                class="button button-ghost button-sm note-edit"
                                                on:click=move |_| {
                                                    edit_body.set(text.clone());
                                                    edit_errors.set(None);
                                                    editing.set(Some(id));
                                                }
                                            >
                                                "Edit"
                                            </button>
                                            <button
                                                type="button"
                                                class="icon-button note-delete"
                                                aria-label="Delete note"
                                                title="Delete"
                                                on:click=move |_| deleting.set(Some(id))
                                            >
                                                <Icon name="trash" />
                                            </button>
                                        </div>
                                    }
                                }
                            </Show>
                        }
                    })}
                </div>
                <Show
                    when=is_editing
                    fallback=move || view! { <p class="prose selectable note-body">{body_text.clone()}</p> }
                >
                    <div class="field" class:has-error=move || body_invalid(edit_errors)>
                        <textarea id="note-edit-body" rows="4" aria-label="Note" bind:value=edit_body></textarea>
                        <FieldError errors=edit_errors field="body" />
                        <FormError errors=edit_errors shown=vec!["body"] />
                    </div>
                    <div class="inline-actions">
                        <button type="button" class="button button-primary button-sm" id="note-save" disabled=move || saving.get() on:click=save_edit>
                            "Save"
                        </button>
                        <button type="button" class="button button-ghost button-sm" id="note-cancel" on:click=move |_| editing.set(None)>
                            "Cancel"
                        </button>
                    </div>
                </Show>
            </li>
        }
    };

    let count = move || body.with(|b| b.chars().count());

    view! {
        <section class="card session-notes">
            <div class="card-title-row">
                <h2>"Notes"</h2>
                <span class="muted small">{move || match notes.with(Vec::len) {
                    0 => String::new(),
                    1 => "1 note".to_string(),
                    n => format!("{n} notes"),
                }}</span>
            </div>
            {move || {
                let list = notes.get();
                if list.is_empty() {
                    view! { <p class="muted empty-inline">"No notes yet. Shared notes are seen by both of you; private ones only by you."</p> }.into_any()
                } else {
                    view! { <ul class="note-list">{list.into_iter().map(note_view).collect_view()}</ul> }.into_any()
                }
            }}
            <div class="note-add">
                <div class="field" class:has-error=move || body_invalid(add_errors)>
                    <label for="note-body">"Add a note"</label>
                    <textarea
                        id="note-body"
                        rows="3"
                        placeholder="Takeaways, links, things to remember…"
                        bind:value=body
                    ></textarea>
                    <div class="field-meta">
                        <label class="checkbox checkbox-inline">
                            <input type="checkbox" id="note-private" bind:checked=private />
                            <span>"Private — only you can see it"</span>
                        </label>
                        <span class="counter" class:over=move || { count() > NOTE_MAX }>
                            {move || format!("{}/{}", count(), NOTE_MAX)}
                        </span>
                    </div>
                    <FieldError errors=add_errors field="body" />
                    <FormError errors=add_errors shown=vec!["body"] id="note-error" />
                </div>
                <div>
                    <button type="button" class="button button-secondary" id="note-add" disabled=move || adding.get() on:click=add>
                        <Icon name="plus" />
                        <span>{move || if adding.get() { "Adding…" } else { "Add note" }}</span>
                    </button>
                </div>
            </div>
            <Show when=move || deleting.with(Option::is_some)>
                <ConfirmDialog
                    title="Delete this note?"
                    message="It is removed for good."
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
