//! Chips with ×, plus an input that suggests tags from the shared vocabulary.

use crate::components::dropdown::move_highlight;
use leptos::ev;
use leptos::prelude::*;

fn already_has(list: &[String], tag: &str) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

/// Enter or a click on a suggestion adds a tag; new tags are allowed. Shows "n/max".
#[component]
pub fn TagPicker(
    tags: RwSignal<Vec<String>>,
    #[prop(into)] suggestions: Signal<Vec<String>>,
    #[prop(default = 10)] max: usize,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(default = "Type and press Enter")] placeholder: &'static str,
    /// Labels the input for screen readers when the visible label is elsewhere.
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let highlighted = RwSignal::new(None::<usize>);
    let full = move || tags.with(Vec::len) >= max;

    let matches = Memo::new(move |_| {
        let q = query.with(|q| q.trim().to_lowercase());
        let chosen = tags.get();
        suggestions.with(|all| {
            all.iter()
                .filter(|s| !already_has(&chosen, s))
                .filter(|s| q.is_empty() || s.to_lowercase().contains(&q))
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let add = move |tag: String| {
        let tag = tag.trim().trim_end_matches(',').trim().to_string();
        if tag.is_empty() {
            return;
        }
        // Prefer the vocabulary's spelling when the user typed an existing tag.
        let tag = suggestions
            .with_untracked(|all| all.iter().find(|s| s.eq_ignore_ascii_case(&tag)).cloned())
            .unwrap_or(tag);
        tags.update(|list| {
            if list.len() < max && !already_has(list, &tag) {
                list.push(tag);
            }
        });
        query.set(String::new());
        highlighted.set(None);
    };

    let on_keydown = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" | "," => {
            ev.prevent_default();
            let picked = highlighted
                .get_untracked()
                .and_then(|i| matches.with_untracked(|m| m.get(i).cloned()));
            add(picked.unwrap_or_else(|| query.get_untracked()));
        }
        "ArrowDown" => {
            ev.prevent_default();
            open.set(true);
            move_highlight(highlighted, matches.with_untracked(Vec::len), true);
        }
        "ArrowUp" => {
            ev.prevent_default();
            move_highlight(highlighted, matches.with_untracked(Vec::len), false);
        }
        "Escape" => {
            open.set(false);
            highlighted.set(None);
        }
        "Backspace" if query.with_untracked(String::is_empty) => {
            tags.update(|list| {
                list.pop();
            });
        }
        _ => {}
    };

    view! {
        <div class="tag-picker">
            <div class="picker-anchor">
                <div class="tag-box" class:is-full=full>
                    {move || {
                        tags.get()
                            .into_iter()
                            .map(|tag| {
                                let remove = tag.clone();
                                let aria = format!("Remove {tag}");
                                view! {
                                    <span class="chip chip-removable">
                                        <span>{tag}</span>
                                        <button
                                            type="button"
                                            class="chip-remove"
                                            aria-label=aria
                                            on:click=move |_| {
                                                tags.update(|list| list.retain(|t| t != &remove))
                                            }
                                        >
                                            "×"
                                        </button>
                                    </span>
                                }
                            })
                            .collect_view()
                    }}
                    <input
                        type="text"
                        class="tag-input"
                        id=id
                        aria-label=label
                        autocomplete="off"
                        placeholder=move || if full() { "Limit reached" } else { placeholder }
                        disabled=full
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            highlighted.set(None);
                            open.set(true);
                        }
                        on:focus=move |_| open.set(true)
                        on:blur=move |_| {
                            open.set(false);
                            highlighted.set(None);
                        }
                        on:keydown=on_keydown
                    />
                </div>
                <Show when=move || open.get() && !full() && !matches.with(Vec::is_empty)>
                    <ul class="dropdown" role="listbox">
                        {move || {
                            let current = highlighted.get();
                            matches
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, suggestion)| {
                                    let pick = suggestion.clone();
                                    view! {
                                        <li
                                            class="dropdown-item"
                                            class:active=current == Some(i)
                                            role="option"
                                            on:mousedown=move |ev| {
                                                ev.prevent_default();
                                                add(pick.clone());
                                            }
                                        >
                                            {suggestion}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </div>
            <div class="tag-footer">
                <span class="hint">"Pick a suggestion or type a new tag and press Enter."</span>
                <span class="counter" class:over=full>
                    {move || format!("{}/{}", tags.with(Vec::len), max)}
                </span>
            </div>
        </div>
    }
}
