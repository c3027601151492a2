//! Sign in with e-mail and password.

use crate::api;
use crate::components::auth::{AuthSubmit, ScreenLink};
use crate::components::forms::{send_request, FieldError, FormError, Notice};
use crate::components::layout::AuthLayout;
use crate::state::{use_app, AuthScreen, Page};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use mentordesk_shared::accounts::SignIn;

#[component]
pub fn SignInPage() -> impl IntoView {
    let state = use_app();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(None);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send_request(
            busy,
            errors,
            move || {
                let req = SignIn {
                    email: email.get_untracked(),
                    password: password.get_untracked(),
                };
                password.set(String::new());
                Ok(api::accounts_sign_in(req))
            },
            move |me| state.enter(me, Page::Home),
        );
    };

    view! {
        <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to your Mentordesk workspace.">
            {move || state.notice.get().map(|text| view! { <Notice text=text id="signin-notice" /> })}
            <form class="form" on:submit=submit novalidate>
                <FormError errors=errors shown=vec!["email", "password"] id="signin-error" always=true />
                <div class="field">
                    <label for="signin-email">"E-mail"</label>
                    <input id="signin-email" type="email" autocomplete="username" bind:value=email />
                    <FieldError errors=errors field="email" />
                </div>
                <div class="field">
                    <label for="signin-password">"Password"</label>
                    <input
                        id="signin-password"
                        type="password"
                        autocomplete="current-password"
                        bind:value=password
                    />
                    <FieldError errors=errors field="password" />
                </div>
                <AuthSubmit id="signin-submit" label="Sign in" busy_label="Signing in…" busy=busy />
            </form>
            <div class="auth-links">
                <ScreenLink id="goto-signup" to=AuthScreen::SignUp label="Create an account" />
                <ScreenLink id="goto-reset" to=AuthScreen::Reset label="I have a reset code" />
                <ScreenLink id="goto-verify" to=AuthScreen::Verify label="Verify a certificate" />
            </div>
        </AuthLayout>
    }
}
