//! Redeem a one-time reset code from an administrator and choose a new password.

use crate::api;
use crate::components::forms::{FormError, TextField};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mentordesk_shared::accounts::ResetWithCode;

#[component]
pub fn ResetPage() -> impl IntoView {
    let state = use_app();
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = ResetWithCode {
            email: email.get_untracked(),
            code: code.get_untracked().trim().to_string(),
            new_password: new_password.get_untracked(),
        };
        new_password.set(String::new());
        busy.set(true);
        errors.set(None);
        spawn_local(async move {
            match api::accounts_reset_with_code(req).await {
                Ok(()) => {
                    state.screen.set(AuthScreen::SignIn);
                    state.notice.set(Some(
                        "Your password has been changed. Sign in with your new password."
                            .to_string(),
                    ));
                }
                Err(err) => errors.set(Some(err)),
            }
            busy.set(false);
        });
    };

    view! {
        <AuthLayout
            title="Reset your password"
            subtitle="Enter the one-time code an administrator gave you, then choose a new password."
        >
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["email", "code", "new_password"] />
                <TextField
                    label="E-mail"
                    id="reset-email"
                    field="email"
                    input_type="email"
                    value=email
                    errors=errors
                    autocomplete="username"
                />
                <TextField
                    label="Reset code"
                    id="reset-code"
                    field="code"
                    value=code
                    errors=errors
                    autocomplete="one-time-code"
                />
                <TextField
                    label="New password"
                    id="reset-new-password"
                    field="new_password"
                    input_type="password"
                    value=new_password
                    errors=errors
                    autocomplete="new-password"
                    hint="At least 8 characters. Long passphrases are welcome."
                />
                <button
                    type="submit"
                    id="reset-submit"
                    class="button button-primary button-block button-lg"
                    disabled=move || busy.get()
                >
                    {move || if busy.get() { "Saving…" } else { "Set new password" }}
                </button>
            </form>
            <div class="auth-links">
                <button
                    type="button"
                    id="goto-signin"
                    class="link-button"
                    on:click=move |_| state.screen.set(AuthScreen::SignIn)
                >
                    "Back to sign in"
                </button>
            </div>
        </AuthLayout>
    }
}
