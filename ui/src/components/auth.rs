//! Pieces the account screens share: new-account fields, a new password, the wide submit button
//! and the links between screens.

use crate::components::forms::{Errors, TextField};
use crate::state::{use_app, AuthScreen};
use leptos::prelude::*;

/// A password being chosen, with the length rule as a hint.
#[component]
pub fn NewPasswordField(
    label: &'static str,
    #[prop(into)] id: String,
    field: &'static str,
    value: RwSignal<String>,
    errors: Errors,
) -> impl IntoView {
    view! {
        <TextField
            label=label
            id=id
            field=field
            input_type="password"
            value=value
            errors=errors
            autocomplete="new-password"
            hint="At least 8 characters. Long passphrases are welcome."
        />
    }
}

/// Name, e-mail and password of a new account, with the ids `<id_prefix>-first-name`,
/// `-last-name`, `-email` and `-password`.
#[component]
pub fn AccountFields(
    id_prefix: &'static str,
    first_name: RwSignal<String>,
    last_name: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    errors: Errors,
) -> impl IntoView {
    view! {
        <div class="field-row">
            <TextField
                label="First name"
                id=format!("{id_prefix}-first-name")
                field="first_name"
                value=first_name
                errors=errors
                autocomplete="given-name"
            />
            <TextField
                label="Last name"
                id=format!("{id_prefix}-last-name")
                field="last_name"
                value=last_name
                errors=errors
                autocomplete="family-name"
            />
        </div>
        <TextField
            label="E-mail"
            id=format!("{id_prefix}-email")
            field="email"
            input_type="email"
            value=email
            errors=errors
            autocomplete="email"
        />
        <NewPasswordField
            label="Password"
            id=format!("{id_prefix}-password")
            field="password"
            value=password
            errors=errors
        />
    }
}

/// The full-width button that sends an account form; it says `busy_label` while `busy`.
#[component]
pub fn AuthSubmit(
    id: &'static str,
    label: &'static str,
    busy_label: &'static str,
    busy: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            id=id
            class="button button-primary button-block button-lg"
            disabled=move || busy.get()
        >
            {move || if busy.get() { busy_label } else { label }}
        </button>
    }
}

/// A link to another account screen. Leaving drops the sign-in screen's notice.
#[component]
pub fn ScreenLink(id: &'static str, to: AuthScreen, label: &'static str) -> impl IntoView {
    let state = use_app();
    view! {
        <button
            type="button"
            id=id
            class="link-button"
            on:click=move |_| {
                state.notice.set(None);
                state.screen.set(to);
            }
        >
            {label}
        </button>
    }
}
