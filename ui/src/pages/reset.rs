//! Redeem a one-time reset code from an administrator and choose a new password.

use crate::api;
use crate::components::auth::{AuthSubmit, NewPasswordField, ScreenLink};
use crate::components::forms::{send_request, FormError, TextField};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
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
        send_request(
            busy,
            errors,
            move || {
                let req = ResetWithCode {
                    email: email.get_untracked(),
                    code: code.get_untracked().trim().to_string(),
                    new_password: new_password.get_untracked(),
                };
                new_password.set(String::new());
                Ok(api::accounts_reset_with_code(req))
            },
            move |()| {
                state.screen.set(AuthScreen::SignIn);
                state.notice.set(Some(
                    "Your password has been changed. Sign in with your new password.".to_string(),
                ));
            },
        );
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
                <NewPasswordField
                    label="New password"
                    id="reset-new-password"
                    field="new_password"
                    value=new_password
                    errors=errors
                />
                <AuthSubmit id="reset-submit" label="Set new password" busy_label="Saving…" busy=busy />
            </form>
            <div class="auth-links">
                <ScreenLink id="goto-signin" to=AuthScreen::SignIn label="Back to sign in" />
            </div>
        </AuthLayout>
    }
}
