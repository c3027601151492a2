//! A searchable time zone input: type part of a zone, pick one of up to 8 matches.

use crate::components::dropdown::move_highlight;
use crate::util::detect_time_zone;
use leptos::ev;
use leptos::prelude::*;

/// Lower-case with spaces as underscores, so "new york" finds "America/New_York".
fn normalise(text: &str) -> String {
    text.trim().to_lowercase().replace(' ', "_")
}

#[component]
pub fn TimeZonePicker(
    value: RwSignal<String>,
    #[prop(into)] zones: Signal<Vec<String>>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let highlighted = RwSignal::new(None::<usize>);
    let detected = detect_time_zone();

    let matches = Memo::new(move |_| {
        let q = query.with(|q| normalise(q));
        if q.is_empty() {
            return Vec::new();
        }
        zones.with(|all| {
            all.iter()
                .filter(|zone| normalise(zone).contains(&q))
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let pick = move |zone: String| {
        value.set(zone);
        query.set(String::new());
        open.set(false);
        highlighted.set(None);
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
        "Enter" if open.get_untracked() => {
            ev.prevent_default();
            let chosen = highlighted
                .get_untracked()
                .or(Some(0))
                .and_then(|i| matches.with_untracked(|m| m.get(i).cloned()));
            if let Some(zone) = chosen {
                pick(zone);
            } else {
                open.set(false);
            }
        }
        "Escape" => open.set(false),
        _ => {}
    };

    let invalid = move || invalid.is_some_and(|i| i.get());
    let use_detected = detected.map(|zone| {
        let label = zone.clone();
        let shown = zone.clone();
        view! {
            <Show when=move || value.with(|v| v != &shown)>
                {
                    let zone = zone.clone();
                    view! {
                        <button
                            type="button"
                            class="link-button small"
                            on:click=move |_| pick(zone.clone())
                        >
                            {format!("Use this computer's zone ({label})")}
                        </button>
                    }
                }
            </Show>
        }
    });

    view! {
        <div class="tz-picker">
            <div class="picker-anchor">
                <input
                    type="text"
                    id=id
                    class="tz-input"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Search, e.g. Berlin or New York"
                    role="combobox"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        value.set(text.clone());
                        query.set(text);
                        highlighted.set(None);
                        open.set(true);
                    }
                    on:blur=move |_| open.set(false)
                    on:keydown=on_keydown
                />
                <Show when=move || open.get() && !matches.with(Vec::is_empty)>
                    <ul class="dropdown" role="listbox">
                        {move || {
                            let current = highlighted.get();
                            matches
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, zone)| {
                                    let chosen = zone.clone();
                                    let label = zone.replace('_', " ");
                                    view! {
                                        <li
                                            class="dropdown-item tz-option"
                                            class:active=current == Some(i)
                                            role="option"
                                            data-zone=zone
                                            on:mousedown=move |ev| {
                                                ev.prevent_default();
                                                pick(chosen.clone());
                                            }
                                        >
                                            {label}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </div>
            {use_detected}
        </div>
    }
}
