//! The toast that confirms a save ("Profile saved") for a few seconds.

use crate::state::{use_app, ToastKind};
use leptos::prelude::*;

#[component]
pub fn ToastHost() -> impl IntoView {
    let state = use_app();
    move || {
        state.toast.get().map(|toast| {
            let class = match toast.kind {
                ToastKind::Success => "toast toast-success",
                ToastKind::Error => "toast toast-error",
            };
            view! {
                <div id="toast" class=class role="status" aria-live="polite">
                    <span class="toast-dot" aria-hidden="true"></span>
                    <span>{toast.message}</span>
                    <button
                        type="button"
                        class="toast-close"
                        aria-label="Dismiss"
                        on:click=move |_| state.toast.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
