//! Find a person by name (`people_search`) and pick them from up to 8 suggestions.

use crate::api;
use crate::components::avatar::Avatar;
use crate::components::dropdown::move_highlight;
use crate::util::role_label;
use leptos::ev;
use leptos::prelude::*;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::sessions::{PeopleQuery, PersonBrief, PersonResult};

/// A search input whose suggestions are `li.person-option[data-user-id]`. Picking one runs
/// `on_pick` and clears the input; people in `exclude` are not suggested.
#[component]
pub fn PeoplePicker(
    id: &'static str,
    on_pick: Callback<PersonBrief>,
    #[prop(into)] exclude: Signal<Vec<UserId>>,
    /// Only people with this built-in role key, e.g. `mentee`.
    #[prop(optional)]
    role: Option<&'static str>,
    #[prop(default = "Search by name")] placeholder: &'static str,
    #[prop(into, optional)] invalid: Option<Signal<bool>>,
    #[prop(optional)] disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let highlighted = RwSignal::new(None::<usize>);

    let found = LocalResource::new(move || {
        let text = query.get().trim().to_string();
        async move {
            if text.is_empty() {
                return Ok(Vec::new());
            }
            api::people_search(PeopleQuery {
                query: text,
                role: role.map(str::to_string),
            })
            .await
        }
    });

    let matches = Memo::new(move |_| {
        let excluded = exclude.get();
        found
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !excluded.contains(&p.person.user_id))
            .take(8)
            .collect::<Vec<PersonResult>>()
    });
    let search_error = move || found.get().and_then(Result::err).map(|e| e.message);

    let pick = move |person: PersonBrief| {
        on_pick.run(person);
        query.set(String::new());
        highlighted.set(None);
        open.set(false);
    };

    let on_keydown = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            open.set(true);
            move_highlight(highlighted, matches.with_untracked(Vec::len), true);
        }
        "ArrowUp" => {
            ev.prevent_default();
            move_highlight(highlighted, matches.with_untracked(Vec::len), false);
        }
        "Enter" => {
            ev.prevent_default();
            let chosen = highlighted
                .get_untracked()
                .or(Some(0))
                .and_then(|i| matches.with_untracked(|m| m.get(i).cloned()));
            if let Some(result) = chosen {
                pick(result.person);
            }
        }
        "Escape" => open.set(false),
        _ => {}
    };

    let invalid = move || invalid.is_some_and(|i| i.get());
    let disabled = move || disabled.is_some_and(|d| d.get());
    let no_match = move || {
        open.get()
            && !query.with(|q| q.trim().is_empty())
            && found.get().is_some_and(|r| r.is_ok())
            && matches.with(Vec::is_empty)
    };

    view! {
        <div class="people-picker">
            <div class="picker-anchor">
                <div class="search-input" class:has-error=invalid>
                    <crate::components::icon::Icon name="search" />
                    <input
                        type="search"
                        id=id
                        autocomplete="off"
                        placeholder=placeholder
                        role="combobox"
                        disabled=disabled
                        aria-expanded=move || if open.get() { "true" } else { "false" }
                        aria-invalid=move || if invalid() { "true" } else { "false" }
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            highlighted.set(None);
                            open.set(true);
                        }
                        on:focus=move |_| open.set(true)
                        on:blur=move |_| open.set(false)
                        on:keydown=on_keydown
                    />
                </div>
                <Show when=move || open.get() && !matches.with(Vec::is_empty)>
                    <ul class="dropdown" role="listbox">
                        {move || {
                            let current = highlighted.get();
                            matches
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, result)| {
                                    let person = result.person.clone();
                                    let roles = result
                                        .roles
                                        .iter()
                                        .map(|r| role_label(r))
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    view! {
                                        <li
                                            class="dropdown-item person-option"
                                            class:active=current == Some(i)
                                            role="option"
                                            data-user-id=result.person.user_id.to_string()
                                            on:mousedown=move |ev| {
                                                ev.prevent_default();
                                                pick(person.clone());
                                            }
                                        >
                                            <Avatar
                                                name=result.person.name.clone()
                                                photo=result.person.photo.clone()
                                                size="sm"
                                            />
                                            <span class="person-option-text">
                                                <strong>{result.person.name.clone()}</strong>
                                                <span class="muted small">{roles}</span>
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
                <Show when=no_match>
                    <div class="dropdown dropdown-empty muted small">"Nobody matches that name."</div>
                </Show>
            </div>
            {move || search_error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}

/// A picked person as a chip with ×, `.person-chip[data-user-id]`.
#[component]
pub fn PersonChip(person: PersonBrief, on_remove: Callback<UserId>) -> impl IntoView {
    let user_id = person.user_id;
    let aria = format!("Remove {}", person.name);
    view! {
        <span class="chip chip-removable person-chip" data-user-id=user_id.to_string()>
            <Avatar name=person.name.clone() photo=person.photo.clone() size="xs" />
            <span>{person.name.clone()}</span>
            <button
                type="button"
                class="chip-remove"
                aria-label=aria
                on:click=move |_| on_remove.run(user_id)
            >
                "×"
            </button>
        </span>
    }
}
