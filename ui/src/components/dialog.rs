//! Modal dialogs: a generic frame and a yes/no confirmation.

use crate::components::icon::Icon;
use leptos::ev;
use leptos::prelude::*;

/// A centred dialog over a dimmed backdrop. Escape or the × closes it.
#[component]
pub fn Modal(
    #[prop(into)] title: String,
    on_close: Callback<()>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let handle = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || handle.remove());
    let label = title.clone();
    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())>
            <div
                class="modal"
                class:modal-wide=wide
                role="dialog"
                aria-modal="true"
                aria-label=label
                on:click=|ev| ev.stop_propagation()
            >
                <header class="modal-header">
                    <h2>{title}</h2>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label="Close"
                        on:click=move |_| on_close.run(())
                    >
                        <Icon name="x" />
                    </button>
                </header>
                <div class="modal-body">{children()}</div>
            </div>
        </div>
    }
}

/// Asks before doing something that is hard to undo. The confirm button is `#confirm-yes`.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(into)] confirm_label: String,
    #[prop(optional)] danger: bool,
    #[prop(into)] busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let class = if danger {
        "button button-danger"
    } else {
        "button button-primary"
    };
    view! {
        <Modal title=title on_close=on_cancel>
            <p class="dialog-message">{message}</p>
            <div class="dialog-actions">
                <button
                    type="button"
                    class="button button-secondary"
                    id="confirm-no"
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
                <button
                    type="button"
                    class=class
                    id="confirm-yes"
                    disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {confirm_label}
                </button>
            </div>
        </Modal>
    }
}
