//! A row of tabs, each setting a signal to its own value.

use leptos::prelude::*;

/// One tab per `(value, label, id)`; the tab whose value `current` holds is active.
#[component]
pub fn Tabs<T>(
    current: RwSignal<T>,
    tabs: &'static [(T, &'static str, &'static str)],
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="tabs" role="tablist">
            {tabs
                .iter()
                .map(|(value, label, id)| {
                    let value = *value;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=*id
                            class="tab"
                            class:active=move || current.get() == value
                            aria-selected=move || if current.get() == value { "true" } else { "false" }
                            on:click=move |_| current.set(value)
                        >
                            {*label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
